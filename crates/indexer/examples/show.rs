//! Prints the entities extracted from text files: `cargo run --release -p sitrep-indexer --example show -- FILE... [--model ner.model --gazetteer gazetteer.tsv]`
use sitrep_indexer::{Document, EntityKind};

mod common;
use common::extractor;

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
        let doc = Document::from_plain_text(f.clone(), f.clone(), text);
        if std::env::var_os("SHOW_TRUECASE").is_some() {
            println!(
                "{}",
                sitrep_indexer::truecase::Truecaser::builtin().recase(&doc.text, &doc.blocks)
            );
        }
        let art = ex.extract(doc);
        println!("== {f}");
        for k in EntityKind::ALL {
            for e in art.entities(k) {
                let surf: Vec<&str> = e.mentions.iter().map(|m| m.slice(&art.text)).collect();
                println!(
                    "{:<6} {} [{}/{}] {:?}",
                    k.as_str(),
                    e.name,
                    e.country.as_deref().unwrap_or("-"),
                    e.role.as_deref().unwrap_or("-"),
                    surf
                );
            }
        }
    }
}
