//! Throughput of the whole extraction (tokenize, tag, canonicalise), single-threaded.
//!
//! cargo run --release -p sitrep-indexer --example bench_extract -- DIR... [--rounds N]
//!
//! Reads every .txt file under the folders (and the `text` of every line of .jsonl files given),
//! builds plain-text documents once, then times `Extractor::extract` over all of them. Words are
//! whitespace-separated tokens of the texts. Also prints the model load time and size.

use sitrep_indexer::{Document, Extractor};
use std::path::Path;
use std::time::Instant;

fn collect(p: &Path, out: &mut Vec<String>) {
    if p.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(p)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if p.extension().is_some_and(|e| e == "txt") {
        if let Ok(t) = std::fs::read_to_string(p) {
            out.push(t);
        }
    } else if p.extension().is_some_and(|e| e == "jsonl") {
        for line in std::fs::read_to_string(p).unwrap_or_default().lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v["text"].as_str() {
                    out.push(t.to_string());
                }
            }
        }
    }
}

/// CPU time of this thread (user + system) from /proc, in seconds (Linux only).
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut rounds = 5usize;
    let mut texts = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--rounds" {
            rounds = args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(5);
            i += 2;
            continue;
        }
        collect(Path::new(&args[i]), &mut texts);
        i += 1;
    }
    let t = Instant::now();
    let model = sitrep_indexer::ner::builtin_model().expect("model");
    let gaz = sitrep_indexer::gazetteer::Gazetteer::builtin();
    let load = t.elapsed();
    let ex = Extractor::new();
    println!(
        "model load {:.1} ms (weights {:.1} MB in memory, file {:.1} MB; gazetteer {} phrases)",
        load.as_secs_f64() * 1e3,
        model.memory_bytes() as f64 / 1e6,
        include_bytes!("../data/ner.model").len() as f64 / 1e6,
        gaz.len()
    );
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| Document::from_plain_text(k.to_string(), k.to_string(), t.clone()))
        .collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    // warm-up
    let mut ents = 0;
    for d in &docs {
        ents += ex.extract(d.clone()).people.len();
    }
    let cpu0 = thread_cpu_secs();
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            let a = ex.extract(d.clone());
            ents += a.people.len() + a.organisations.len() + a.locations.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs().zip(cpu0).map(|(a, b)| a - b);
    let wps = (words * rounds) as f64 / secs;
    if let Some(c) = cpu.filter(|c| *c > 0.0) {
        // on a busy machine wall time includes time the thread waited for a core
        println!(
            "thread CPU time {:.3} s: {:.0} words/s per CPU-second ({:.0}x spaCy sm NER)",
            c,
            (words * rounds) as f64 / c,
            (words * rounds) as f64 / c / 8800.0
        );
    }
    println!(
        "{} documents, {} words x {} rounds in {:.3} s: {:.0} words/s single thread ({:.0}x spaCy sm NER at 8,800 words/s) [{}]",
        docs.len(),
        words,
        rounds,
        secs,
        wps,
        wps / 8800.0,
        ents
    );
}
