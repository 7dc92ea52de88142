//! Extraction throughput alone (no index): words/s on one thread and on all cores.
//!
//!     cargo run --release -p sitrep-server --example extract_bench -- CORPUS_DIR [--sample N] [--threads N]
//!
//! Reads up to N articles into memory first (reading is not timed), then times
//! `Extractor::extract` over them, once on one thread and once on a rayon pool of all cores.
//! Prints one JSON object. Words are whitespace-separated tokens of the decoded text.

/// The same allocator as the `sitrep` binary, so that the comparison is like for like.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use rayon::prelude::*;
use sitrep_indexer::walk::{walk, Found};
use sitrep_indexer::{Document, Extractor, ReadOptions};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .ok_or("usage: extract_bench CORPUS_DIR [--sample N] [--threads N]")?;
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let sample: usize = opt("--sample")
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(5000);
    let threads: usize = opt("--threads")
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(0);
    let threads = if threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        threads
    };

    let mut files: Vec<_> = walk(&[dir.into()])
        .into_iter()
        .filter_map(|f| {
            if let Found::File(p) = f {
                Some(p)
            } else {
                None
            }
        })
        .collect();
    files.sort();
    let opts = ReadOptions::default();
    let mut docs: Vec<Document> = Vec::new();
    for f in &files {
        if docs.len() >= sample {
            break;
        }
        if let Ok(d) = sitrep_indexer::read_file(f, &f.display().to_string(), &opts) {
            docs.extend(d.documents);
        }
    }
    docs.truncate(sample);
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let extractor = Extractor::new();

    let single = docs.clone();
    let t = Instant::now();
    let mut entities = 0usize;
    for d in single {
        let a = extractor.extract(d);
        entities += a.people.len() + a.organisations.len() + a.locations.len();
    }
    let one = t.elapsed().as_secs_f64();

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let many = docs.clone();
    let t = Instant::now();
    let n: usize = pool.install(|| {
        many.into_par_iter()
            .map(|d| extractor.extract(d).quotes.len() + 1)
            .sum()
    });
    let all = t.elapsed().as_secs_f64();
    let _ = n;

    let out = serde_json::json!({
        "articles": docs.len(), "words": words, "bytes": bytes, "entities": entities, "threads": threads,
        "single_secs": one, "single_words_per_sec": words as f64 / one,
        "all_secs": all, "all_words_per_sec": words as f64 / all,
    });
    println!("{out}");
    Ok(())
}
