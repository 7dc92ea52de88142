//! Prints the entities extracted from text files: `cargo run --release -p sitrep-indexer --example show -- FILE... [--model ner.model --gazetteer gazetteer.tsv]`
use sitrep_indexer::{Document, EntityKind, Extractor};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let ex = extractor(&mut args);
    for f in args {
        let text = match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{f}: {e}");
                continue;
            }
        };
        let art = ex.extract(Document::from_plain_text(f.clone(), f.clone(), text));
        println!("== {f}");
        for k in EntityKind::ALL {
            for e in art.entities(k) {
                let surf: Vec<&str> = e.mentions.iter().map(|m| m.slice(&art.text)).collect();
                println!("{:<6} {} [{}/{}] {:?}", k.as_str(), e.name, e.country.as_deref().unwrap_or("-"), e.role.as_deref().unwrap_or("-"), surf);
            }
        }
    }
}

/// `--model FILE --gazetteer FILE` (a freshly trained model) or the shipped one.
fn extractor(args: &mut Vec<String>) -> Extractor {
    let take = |args: &mut Vec<String>, name: &str| -> Option<String> {
        let i = args.iter().position(|a| a == name)?;
        let v = args.get(i + 1).cloned();
        args.drain(i..(i + 2).min(args.len()));
        v
    };
    match (take(args, "--model"), take(args, "--gazetteer")) {
        (Some(m), Some(g)) => {
            let model = sitrep_indexer::ner::model::Model::from_bytes(&std::fs::read(&m).expect("read model")).expect("model");
            let gaz = sitrep_indexer::gazetteer::Gazetteer::from_data(&std::fs::read_to_string(&g).expect("read gazetteer"));
            let tagger = sitrep_indexer::ner::Tagger::with_model(Box::leak(Box::new(model)), Box::leak(Box::new(gaz)));
            Extractor::with_tagger(tagger, &sitrep_indexer::ExtractorOptions::default())
        }
        _ => Extractor::new(),
    }
}
