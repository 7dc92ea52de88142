//! Prints false positives / negatives of the extractor on a gold file (for development):
//! `cargo run --release -p sitrep-indexer --example errors -- FILE.jsonl [TYPE] [--model ner.model --gazetteer gazetteer.tsv]`
use sitrep_indexer::{Document, EntityKind, Span};

mod common;
use common::extractor;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let ex = extractor(&mut args);
    let dump = args.iter().any(|a| a == "--dump");
    let upper = args.iter().any(|a| a == "--upper");
    // --context: each error with the line around it
    let context = args.iter().any(|a| a == "--context");
    args.retain(|a| a != "--dump" && a != "--upper" && a != "--context");
    let raw = std::fs::read_to_string(&args[0]).expect("read");
    let only = args.get(1).cloned();
    for line in raw.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let mut text = v["text"].as_str().unwrap_or("").to_string();
        if upper {
            // ASCII only, so offsets do not move
            text.make_ascii_uppercase();
        }
        let art = ex.extract(Document::from_plain_text(
            "x".into(),
            "x".into(),
            text.clone(),
        ));
        let mut gold: Vec<(Span, String)> = Vec::new();
        for e in v["entities"].as_array().cloned().unwrap_or_default() {
            if e["named"].as_bool() == Some(false) {
                continue;
            }
            gold.push((
                Span::new(
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                ),
                e["type"].as_str().unwrap().to_string(),
            ));
        }
        let mut pred: Vec<(Span, String)> = Vec::new();
        for k in EntityKind::ALL {
            for e in art.entities(k) {
                for m in &e.mentions {
                    pred.push((*m, k.as_str().to_string()));
                }
            }
        }
        if dump {
            // predictions as JSON, for analysis scripts
            let p: Vec<(usize, usize, &str)> = pred
                .iter()
                .map(|(s, t)| (s.start, s.end, t.as_str()))
                .collect();
            println!("{}", serde_json::json!({"id": v["id"], "pred": p}));
            continue;
        }
        let around = |s: &Span| -> String {
            if !context {
                return String::new();
            }
            let mut a = s.start.saturating_sub(70);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (s.end + 70).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            format!("\t<< {} >>", text[a..b].replace('\n', " / "))
        };
        for (s, t) in &pred {
            if only.as_ref().is_some_and(|o| o != t) {
                continue;
            }
            let g = gold.iter().find(|(gs, _)| gs.overlaps(s));
            match g {
                Some((gs, gt)) if gt == t && gs == s => {}
                Some((gs, gt)) if gt == t => println!(
                    "BOUND\t{t}\t{}\t| gold {}{}",
                    s.slice(&text),
                    gs.slice(&text),
                    around(s)
                ),
                Some((gs, gt)) => println!(
                    "TYPE\t{t}\t{}\t| gold {gt} {}{}",
                    s.slice(&text),
                    gs.slice(&text),
                    around(s)
                ),
                None => println!("FP\t{t}\t{}{}", s.slice(&text), around(s)),
            }
        }
        for (gs, gt) in &gold {
            if only.as_ref().is_some_and(|o| o != gt) {
                continue;
            }
            if !pred.iter().any(|(s, _)| s.overlaps(gs)) {
                println!("FN\t{gt}\t{}{}", gs.slice(&text), around(gs));
            }
        }
    }
}
