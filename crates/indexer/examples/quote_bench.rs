//! Measures what quotation extraction adds to extraction time:
//! `cargo run --release -p sitrep-indexer --example quote_bench -- FILE.jsonl|DIR [ROUNDS]`.
//! Reads the `text` of each JSON line (or every .txt file of a directory), runs the whole
//! extractor, then quotation extraction alone on the same articles, and prints both times.

use sitrep_indexer::{quotes, Document, Extractor};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .ok_or("usage: quote_bench FILE.jsonl|DIR [ROUNDS]")?;
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    // --extract-only skips the separate quotation pass (for instruction counts with `perf stat`)
    let rerun = !args.iter().any(|a| a == "--extract-only");
    let mut texts = Vec::new();
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        for e in std::fs::read_dir(path)? {
            let p = e?.path();
            if p.extension().is_some_and(|x| x == "txt") {
                texts.push(std::fs::read_to_string(&p)?);
            }
        }
    } else {
        for line in std::fs::read_to_string(path)?.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                texts.push(t.to_string());
            }
        }
    }
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            std::panic::catch_unwind(|| {
                Document::from_plain_text(i.to_string(), i.to_string(), t.clone())
            })
            .ok()
        })
        .collect();
    let ex = Extractor::new();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut best_all = f64::MAX;
    let mut best_quotes = f64::MAX;
    let mut n_quotes = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let arts: Vec<_> = docs.iter().map(|d| ex.extract(d.clone())).collect();
        best_all = best_all.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        n_quotes = 0;
        if rerun {
            for a in &arts {
                n_quotes += quotes::extract(&a.text, &a.blocks, &a.people, &a.organisations).len();
            }
        }
        best_quotes = best_quotes.min(t.elapsed().as_secs_f64());
    }
    let rest = best_all - best_quotes;
    println!(
        "{} docs, {:.1} MB, {} quotes: extraction {:.3}s, of which quotes {:.3}s = {:.1}% on top of the rest",
        docs.len(),
        bytes as f64 / 1e6,
        n_quotes,
        best_all,
        best_quotes,
        100.0 * best_quotes / rest.max(1e-9)
    );
    Ok(())
}
