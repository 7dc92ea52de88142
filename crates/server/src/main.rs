//! The `sitrep` command. Exit codes: 0 results, 1 no results, 2 error.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(sitrep_server::cli::main());
}
