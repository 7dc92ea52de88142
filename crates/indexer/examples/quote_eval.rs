//! Scores quotation extraction on a gold file: `cargo run --release -p sitrep-indexer --example
//! quote_eval -- GOLD.jsonl [--errors]`. With `--errors`, prints missed, spurious and
//! misattributed quotes (for local error analysis only; never commit that output).

use sitrep_indexer::quote_eval;
use sitrep_indexer::Extractor;
use std::path::PathBuf;

fn snippet(text: &str, a: usize, b: usize) -> String {
    let mut s = a.min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = b.min(text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    text[s..e].replace('\n', " / ")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = PathBuf::from(
        args.first()
            .ok_or("usage: quote_eval GOLD.jsonl [--errors]")?,
    );
    let errors = args.iter().any(|a| a == "--errors");
    let grep = args
        .iter()
        .position(|a| a == "--grep")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let ex = Extractor::new();
    let t = std::time::Instant::now();
    let report = quote_eval::eval_quotes(&path, &ex)?;
    let secs = t.elapsed().as_secs_f64();
    if let Some(g) = &grep {
        quote_eval::for_each_doc(&path, &ex, |text, quotes, _| {
            if !text.contains(g.as_str()) {
                return;
            }
            for q in quotes {
                let m = q
                    .speaker_mention
                    .map(|m| snippet(text, m.start, m.end))
                    .unwrap_or_default();
                println!(
                    "Q [{}] mention={m:?} speaker={:?} cue={:?}",
                    snippet(text, q.start, q.end),
                    q.speaker,
                    q.cue
                );
            }
        })?;
        return Ok(());
    }
    if errors {
        quote_eval::for_each_doc(&path, &ex, |text, quotes, s| {
            for &(a, b) in &s.missed {
                println!("MISS  {}", snippet(text, a.saturating_sub(80), b + 40));
            }
            for &(a, b) in &s.spurious {
                println!(
                    "SPUR  [{}] ctx: {}",
                    snippet(text, a, b),
                    snippet(text, a.saturating_sub(80), b + 40)
                );
            }
            for m in &s.misattributed {
                let ((a, b), m, (ss, se)) = (m.quote, m.predicted, m.gold);
                let pm = m
                    .map(|(x, y)| snippet(text, x, y))
                    .unwrap_or_else(|| "-".into());
                let sp = quotes
                    .iter()
                    .find(|q| q.start == a)
                    .and_then(|q| q.speaker.clone())
                    .unwrap_or_default();
                println!(
                    "ATTR  pred={pm:?} ({sp}) gold={:?} :: {}",
                    snippet(text, ss, se),
                    snippet(
                        text,
                        a.min(ss).saturating_sub(60),
                        (b.max(se) + 60).min(a.min(ss) + 600)
                    )
                );
            }
        })?;
    }
    println!("{report}");
    eprintln!("{secs:.2}s");
    Ok(())
}
