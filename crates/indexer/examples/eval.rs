//! Scores the extractor against gold files:
//! `cargo run --release -p sitrep-indexer --example eval -- FILE.jsonl... [--json] [--upper]
//!  [--without PASS,PASS] [--ablate | --summary] [--model ner.model --gazetteer gazetteer.tsv]`
//!
//! - `--model`/`--gazetteer` score a freshly trained model without rebuilding the crate;
//! - `--upper` scores upper-cased copies of the texts (ASCII letters only, offsets unchanged);
//! - `--without` switches rule passes off (names: `sitrep_indexer::ner::Pass::name`);
//! - `--ablate` prints a Markdown table: span-overlap F1 of PERSON/ORG/LOC per file and pooled,
//!   with everything on, then with each pass off in turn (`docs/ner-ablation.md`).
//! - `--summary` prints only the first row of that table (everything on).

use sitrep_indexer::eval::{eval_entities_cased, EntityReport, Prf};
use sitrep_indexer::gazetteer::Gazetteer;
use sitrep_indexer::ner::{model::Model, Pass, Tagger};
use sitrep_indexer::{EntityKind, Extractor, ExtractorOptions};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let upper = args.iter().any(|a| a == "--upper");
    let ablate = args.iter().any(|a| a == "--ablate");
    let summary = args.iter().any(|a| a == "--summary");
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let base = match (opt("--model"), opt("--gazetteer")) {
        (Some(m), Some(g)) => {
            let model = Model::from_bytes(&std::fs::read(&m).expect("read model")).expect("model");
            let gaz = Gazetteer::from_data(&std::fs::read_to_string(&g).expect("read gazetteer"));
            Tagger::with_model(Box::leak(Box::new(model)), Box::leak(Box::new(gaz)))
        }
        _ => Tagger::new(),
    };
    let without: Vec<Pass> = opt("--without")
        .map(|l| {
            l.split(',')
                .filter(|s| !s.is_empty())
                .map(|s| Pass::from_name(s).unwrap_or_else(|| panic!("unknown pass {s}")))
                .collect()
        })
        .unwrap_or_default();
    let mut files = Vec::new();
    let mut skip = false;
    for a in &args {
        if skip {
            skip = false;
            continue;
        }
        if matches!(a.as_str(), "--model" | "--gazetteer" | "--without") {
            skip = true;
            continue;
        }
        if !a.starts_with("--") {
            files.push(a.clone());
        }
    }
    let run = |off: &[Pass]| -> Vec<EntityReport> {
        let ex = Extractor::with_tagger(base.without(off), &ExtractorOptions::default());
        files
            .iter()
            .filter_map(|f| match eval_entities_cased(Path::new(f), &ex, upper) {
                Ok(r) => Some(r),
                Err(e) => {
                    eprintln!("error: {e}");
                    None
                }
            })
            .collect()
    };
    if !ablate && !summary {
        for r in run(&without) {
            if json {
                println!("{}", serde_json::to_string(&r).unwrap_or_default());
            } else {
                println!("{r}");
            }
        }
        return;
    }
    let full = run(&without);
    let names: Vec<String> = full.iter().map(|r| set_name(&r.gold_file)).collect();
    print!("| run |");
    for n in names.iter().chain(std::iter::once(&"pooled".to_string())) {
        print!(" {n} P/O/L |");
    }
    println!();
    println!("|---|{}", "---|".repeat(names.len() + 1));
    row("all passes", &full, None);
    if summary {
        return;
    }
    for p in Pass::ALL {
        if without.contains(&p) {
            continue;
        }
        let mut off = without.clone();
        off.push(p);
        row(&format!("without {}", p.name()), &run(&off), Some(&full));
    }
}

fn set_name(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn overlap(r: &EntityReport, k: EntityKind) -> Prf {
    r.types
        .iter()
        .find(|t| t.kind == k)
        .and_then(|t| t.overlap)
        .unwrap_or_default()
}

fn pooled(rs: &[EntityReport], k: EntityKind) -> f64 {
    let (tp, p, g) = rs.iter().map(|r| overlap(r, k)).fold((0, 0, 0), |a, x| {
        (a.0 + x.tp, a.1 + x.predicted, a.2 + x.gold)
    });
    let (pr, rc) = (tp as f64 / p.max(1) as f64, tp as f64 / g.max(1) as f64);
    if pr + rc == 0.0 {
        0.0
    } else {
        200.0 * pr * rc / (pr + rc)
    }
}

/// One table row: F1 per type per file and pooled; with `base`, the change against it.
fn row(label: &str, rs: &[EntityReport], base: Option<&[EntityReport]>) {
    const K: [EntityKind; 3] = [EntityKind::Person, EntityKind::Org, EntityKind::Loc];
    let cell = |v: f64, b: Option<f64>| match b {
        Some(b) => format!("{:+.1}", v - b),
        None => format!("{v:.1}"),
    };
    print!("| {label} |");
    for (i, r) in rs.iter().enumerate() {
        let c: Vec<String> = K
            .iter()
            .map(|&k| {
                cell(
                    overlap(r, k).f1 * 100.0,
                    base.map(|b| overlap(&b[i], k).f1 * 100.0),
                )
            })
            .collect();
        print!(" {} |", c.join(" / "));
    }
    let c: Vec<String> = K
        .iter()
        .map(|&k| cell(pooled(rs, k), base.map(|b| pooled(b, k))))
        .collect();
    println!(" {} |", c.join(" / "));
}
