//! Scores the extractor against gold files: `cargo run --release -p sitrep-indexer --example eval -- FILE.jsonl...`
//! Add `--json` for machine-readable output.

use sitrep_indexer::eval::eval_entities;
use sitrep_indexer::Extractor;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let ex = Extractor::new();
    for f in args.iter().filter(|a| !a.starts_with("--")) {
        match eval_entities(std::path::Path::new(f), &ex) {
            Ok(r) if json => println!("{}", serde_json::to_string(&r).unwrap_or_default()),
            Ok(r) => println!("{r}"),
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
