//! The `sitrep` command. Exit codes: 0 results, 1 no results, 2 error.

fn main() {
    std::process::exit(sitrep_server::cli::main());
}
