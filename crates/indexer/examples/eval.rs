//! Scores the extractor against gold files:
//! `cargo run --release -p sitrep-indexer --example eval -- FILE.jsonl... [--json] [--model ner.model --gazetteer gazetteer.tsv]`
//! (`--model`/`--gazetteer` score a freshly trained model without rebuilding the crate.)

use sitrep_indexer::eval::eval_entities;
use sitrep_indexer::gazetteer::Gazetteer;
use sitrep_indexer::ner::{model::Model, Tagger};
use sitrep_indexer::{Extractor, ExtractorOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let opt = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let ex = match (opt("--model"), opt("--gazetteer")) {
        (Some(m), Some(g)) => {
            let model = Model::from_bytes(&std::fs::read(&m).expect("read model")).expect("model");
            let gaz = Gazetteer::from_data(&std::fs::read_to_string(&g).expect("read gazetteer"));
            let tagger = Tagger::with_model(Box::leak(Box::new(model)), Box::leak(Box::new(gaz)));
            Extractor::with_tagger(tagger, &ExtractorOptions::default())
        }
        _ => Extractor::new(),
    };
    let mut skip = false;
    for a in &args {
        if skip {
            skip = false;
            continue;
        }
        if a == "--model" || a == "--gazetteer" {
            skip = true;
            continue;
        }
        if a.starts_with("--") {
            continue;
        }
        match eval_entities(std::path::Path::new(a), &ex) {
            Ok(r) if json => println!("{}", serde_json::to_string(&r).unwrap_or_default()),
            Ok(r) => println!("{r}"),
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
