//! Rebuilds the shipped gazetteer and NER model.
//!
//! cargo run --release -p sitrep-indexer --example train -- \
//!     --data /work/shared/data/train/ner --gazetteers /work/shared/data/gazetteers \
//!     --out crates/indexer/data/ner.model [--epochs 6] [--seed 7] [--runs 1] [--texts DIR]
//!
//! `--runs N` trains N models (seeds seed..seed+N) and averages their weights.
//! `--texts DIR` (repeatable) adds the `.txt` files of DIR to the text the word clusters are
//! computed from (besides the training sentences); use shippable text only, and not the dev
//! documents' text (`../shared/data/sample` is gum and re3d dev text). `--no-clusters`
//! trains without clusters; `--min-count N` and `--context N` tune the clustering.
//!
//! Writes `gazetteer.tsv` next to the model file. Rebuild the crate afterwards: both files are
//! embedded with `include_str!`/`include_bytes!`.

use sitrep_indexer::gazetteer::{build_data, Gazetteer};
use sitrep_indexer::ner::clusters::ClusterOptions;
use sitrep_indexer::ner::{train, TrainOptions};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut data = PathBuf::from("/work/shared/data/train/ner");
    let mut gazetteers = PathBuf::from("/work/shared/data/gazetteers");
    let mut out = PathBuf::from("crates/indexer/data/ner.model");
    let mut epochs = 6usize;
    let mut seed = 7u64;
    let mut runs = 1usize;
    let mut files: Option<Vec<(String, usize)>> = None;
    let mut texts: Vec<PathBuf> = Vec::new();
    let mut copts = Some(ClusterOptions::default());
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--data" => data = v.into(),
            "--gazetteers" => gazetteers = v.into(),
            "--out" => out = v.into(),
            "--epochs" => epochs = v.parse().expect("--epochs takes a number"),
            "--seed" => seed = v.parse().expect("--seed takes a number"),
            "--runs" => runs = v.parse().expect("--runs takes a number"),
            "--texts" => texts.push(v.into()),
            "--no-clusters" => {
                copts = None;
                i += 1;
                continue;
            }
            "--min-count" => {
                if let Some(c) = copts.as_mut() {
                    c.min_count = v.parse().expect("--min-count takes a number")
                }
            }
            "--context" => {
                if let Some(c) = copts.as_mut() {
                    c.context_words = v.parse().expect("--context takes a number")
                }
            }
            // e.g. gmb.tsv:1,wikigold.tsv:2
            "--files" => {
                files = Some(
                    v.split(',')
                        .map(|f| match f.split_once(':') {
                            Some((n, k)) => (n.to_string(), k.parse().expect("file:times")),
                            None => (f.to_string(), 1),
                        })
                        .collect(),
                )
            }
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    let t = Instant::now();
    let gaz_text = build_data(&gazetteers).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1)
    });
    let gaz_path = out.with_file_name("gazetteer.tsv");
    std::fs::write(&gaz_path, &gaz_text).expect("write gazetteer");
    let gaz = Gazetteer::from_data(&gaz_text);
    eprintln!(
        "gazetteer: {} phrases, {} bytes -> {} ({:.1?})",
        gaz.len(),
        gaz_text.len(),
        gaz_path.display(),
        t.elapsed()
    );
    let mut opts = TrainOptions {
        epochs,
        seed,
        runs,
        clusters: copts,
        cluster_texts: texts,
        ..TrainOptions::new(&data)
    };
    if let Some(f) = files {
        opts.files = f;
    }
    let t = Instant::now();
    let (model, report) = train(&opts, &gaz).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1)
    });
    for (k, a) in report.epoch_token_accuracy.iter().enumerate() {
        eprintln!("epoch {}: training token accuracy {:.4}", k + 1, a);
    }
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).expect("write model");
    eprintln!("word clusters: {} words", model.clusters.len());
    eprintln!(
        "model: {} sentences, {} tokens, {} bytes -> {} ({:.1?})",
        report.sentences,
        report.tokens,
        bytes.len(),
        out.display(),
        t.elapsed()
    );
}
