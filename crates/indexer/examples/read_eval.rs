//! Reads every article file below a folder (as `sitrep index` would, without extraction) and
//! reports documents per second, skip reasons and, given a manifest from the bench corpus
//! generator (`{"file", "format", "published", "title"}` per line), title and publication-date
//! accuracy per format.
//!
//! ```text
//! cargo run --release -p sitrep-indexer --example read_eval -- DIR [MANIFEST.jsonl] [--threads N] [--misses]
//! ```

use sitrep_indexer::walk::{walk, Found};
use sitrep_indexer::{read_file, ReadOptions};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

#[derive(Default)]
struct Tally {
    files: usize,
    title_ok: usize,
    date_ok: usize,
    date_known: usize,
    date_missing: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let threads = args
        .iter()
        .position(|a| a == "--threads")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(2usize);
    let misses = args.iter().any(|a| a == "--misses");
    let positional: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
        .collect();
    let Some(dir) = positional.first().map(PathBuf::from) else {
        eprintln!("usage: read_eval DIR [MANIFEST.jsonl] [--threads N]");
        std::process::exit(2);
    };
    let manifest: HashMap<String, serde_json::Value> = positional
        .get(1)
        .map(|m| {
            std::fs::read_to_string(m)
                .expect("manifest")
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .map(|v| (v["file"].as_str().unwrap_or_default().to_string(), v))
                .collect()
        })
        .unwrap_or_default();

    let start = Instant::now();
    let found = walk(std::slice::from_ref(&dir));
    let files: Vec<PathBuf> = found
        .iter()
        .filter_map(|f| {
            if let Found::File(p) = f {
                Some(p.clone())
            } else {
                None
            }
        })
        .collect();
    let mut reasons: BTreeMap<&'static str, usize> = BTreeMap::new();
    for f in &found {
        if let Found::Skipped { error, .. } = f {
            *reasons.entry(error.reason()).or_default() += 1;
        }
    }
    let walked = start.elapsed();
    let opts = ReadOptions::default();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(p) = files.get(i) else { break };
                let rel = p.strip_prefix(&dir).unwrap_or(p).display().to_string();
                let r = read_file(p, &rel, &opts);
                results.lock().unwrap().push((rel, r));
            });
        }
    });
    let elapsed = start.elapsed();
    let results = results.into_inner().unwrap();
    let mut docs = 0usize;
    let mut by_format: BTreeMap<String, Tally> = BTreeMap::new();
    for (rel, r) in &results {
        match r {
            Err(e) => *reasons.entry(e.reason()).or_default() += 1,
            Ok(out) => {
                docs += out.documents.len();
                for s in &out.skipped {
                    *reasons.entry(s.error.reason()).or_default() += 1;
                }
                let (Some(m), Some(d)) = (manifest.get(rel), out.documents.first()) else {
                    continue;
                };
                let t = by_format
                    .entry(m["format"].as_str().unwrap_or("?").to_string())
                    .or_default();
                t.files += 1;
                t.title_ok += (m["title"].as_str().map(str::trim) == d.title.as_deref()) as usize;
                if let Some(want) = m["published"].as_str().and_then(|p| p.get(..10)) {
                    t.date_known += 1;
                    let got = d.published.map(|x| x.to_string());
                    t.date_ok += (got.as_deref() == Some(want)) as usize;
                    t.date_missing += got.is_none() as usize;
                    if misses && got.as_deref() != Some(want) {
                        println!(
                            "MISS {rel} want {want} got {}",
                            got.as_deref().unwrap_or("-")
                        );
                    }
                }
            }
        }
    }
    println!(
        "{} files, {docs} documents in {:.2}s (walk {:.2}s) with {threads} threads: {:.0} documents/s",
        files.len(),
        elapsed.as_secs_f64(),
        walked.as_secs_f64(),
        docs as f64 / elapsed.as_secs_f64()
    );
    println!("skipped: {reasons:?}");
    for (fmt, t) in &by_format {
        println!(
            "  {fmt:5} {:6} files: title {:.1}%, date {:.1}% of {} with a date ({} missing)",
            t.files,
            100.0 * t.title_ok as f64 / t.files.max(1) as f64,
            100.0 * t.date_ok as f64 / t.date_known.max(1) as f64,
            t.date_known,
            t.date_missing
        );
    }
}
