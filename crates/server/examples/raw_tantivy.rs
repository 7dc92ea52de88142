//! The floor for indexing cost: the same files read and decoded as sitrep reads them, indexed
//! into a bare tantivy index (title + body TEXT|STORED with sitrep's text analyzer) with the
//! same writer memory and threads, without extraction, deduplication or quotation records.
//!
//!     cargo run --release -p sitrep-server --example raw_tantivy -- CORPUS_DIR OUT_DIR [--threads N]
//!
//! Prints one JSON object (articles, bytes read, seconds, articles/s, MB/s, index size).

/// The same allocator as the `sitrep` binary, so that the comparison is like for like.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use rayon::prelude::*;
use sitrep_indexer::walk::{walk, Found};
use sitrep_indexer::ReadOptions;
use std::time::Instant;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{doc, Index};

fn dir_size(p: &std::path::Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    e.metadata()
                        .map(|m| {
                            if m.is_dir() {
                                dir_size(&e.path())
                            } else {
                                m.len()
                            }
                        })
                        .unwrap_or(0)
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, out) = match (args.first(), args.get(1)) {
        (Some(d), Some(o)) => (d.clone(), std::path::PathBuf::from(o)),
        _ => return Err("usage: raw_tantivy CORPUS_DIR OUT_DIR [--threads N]".into()),
    };
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
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
    }
    .clamp(1, 8);

    let t0 = Instant::now();
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out)?;
    let mut sb = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("text")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let title = sb.add_text_field("title", text.clone());
    let body = sb.add_text_field("body", text);
    let index = Index::create_in_dir(&out, sb.build())?;
    index
        .tokenizers()
        .register("text", sitrep_search::index::text_analyzer());
    // Same as SitrepIndex::writer: 256 MB or 32 MB per thread, whichever is larger.
    let mut writer = index.writer_with_num_threads(
        threads,
        (256 * 1024 * 1024usize).max(threads * 32 * 1024 * 1024),
    )?;

    let files: Vec<_> = walk(&[dir.into()])
        .into_iter()
        .filter_map(|f| {
            if let Found::File(p) = f {
                Some(p)
            } else {
                None
            }
        })
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let opts = ReadOptions::default();
    let (mut articles, mut bytes) = (0usize, 0u64);
    for batch in files.chunks(2000) {
        let docs: Vec<_> = pool.install(|| {
            batch
                .par_iter()
                .map(|p| {
                    let len = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                    (
                        len,
                        sitrep_indexer::read_file(p, &p.display().to_string(), &opts)
                            .map(|o| o.documents)
                            .unwrap_or_default(),
                    )
                })
                .collect()
        });
        for (len, ds) in docs {
            bytes += len;
            for d in ds {
                writer.add_document(doc!(title => d.title.unwrap_or_default(), body => d.text))?;
                articles += 1;
            }
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = t0.elapsed().as_secs_f64();
    let out = serde_json::json!({
        "articles": articles, "bytes": bytes, "secs": secs, "threads": threads,
        "articles_per_sec": articles as f64 / secs, "mb_per_sec": bytes as f64 / 1e6 / secs,
        "index_bytes": dir_size(&out),
    });
    println!("{out}");
    Ok(())
}
