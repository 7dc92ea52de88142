//! Content snippets (each `with` snippet in the main text, each `without` snippet not) of
//! dom_smoothie (readability.js's algorithm in Rust) on a folder of gzip-compressed pages with
//! `content-gold.jsonl`, scored as `html_eval` scores sitrep.
//!
//! ```text
//! cargo run --release -- DIR
//! ```
use std::io::Read;
use std::time::Instant;

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: sitrep-bench-extractors DIR");
    let gold = std::fs::read_to_string(format!("{dir}/content-gold.jsonl")).expect("content gold");
    let (mut w_ok, mut w_n, mut wo_ok, mut wo_n, mut failed) = (0, 0, 0, 0, 0);
    let mut secs = 0.0;
    let mut pages = 0;
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).expect("gold line");
        let file = g["file"].as_str().unwrap_or_default();
        let mut raw = Vec::new();
        let f = std::fs::File::open(format!("{dir}/{file}")).expect("page");
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut raw)
            .expect("gzip");
        let html = String::from_utf8_lossy(&raw);
        let t = Instant::now();
        let text = dom_smoothie::Readability::new(html.as_ref(), None, None)
            .and_then(|mut r| r.parse())
            .map(|a| a.text_content.to_string())
            .unwrap_or_else(|_| {
                failed += 1;
                String::new()
            });
        secs += t.elapsed().as_secs_f64();
        pages += 1;
        let body = norm(&text);
        // (snippets that must be in the main text, then those that must not)
        for (field, inside, ok, n) in [
            ("with", true, &mut w_ok, &mut w_n),
            ("without", false, &mut wo_ok, &mut wo_n),
        ] {
            for s in g[field]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str())
            {
                *n += 1;
                *ok += (body.contains(&norm(s)) == inside) as usize;
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "dom_smoothie: with/without {:.1}% ({}/{}); with {:.1}%, without {:.1}%; {} of {pages} pages failed; {:.0} pages/s",
        pct(w_ok + wo_ok, w_n + wo_n),
        w_ok + wo_ok,
        w_n + wo_n,
        pct(w_ok, w_n),
        pct(wo_ok, wo_n),
        failed,
        pages as f64 / secs
    );
}
