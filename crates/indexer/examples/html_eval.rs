//! Measures HTML reading on a folder of gzip-compressed pages with gold annotations:
//! publication-date accuracy (exact day) over `gold.jsonl` and main-content snippets over
//! `content-gold.jsonl` (each `with` snippet must be in the body, each `without` must not).
//!
//! ```text
//! cargo run --release -p sitrep-indexer --example html_eval -- DIR [--no-url] [--misses]
//! ```
//! `DIR` holds `gold.jsonl`, `content-gold.jsonl` and `pages/*.gz`. The gold URL is passed as the
//! page address unless `--no-url` is given (then only `og:url`/canonical links are used).
//! `--misses` prints every wrong date. `--pages FILE` writes one JSON line per page (file, url,
//! gold and found date, snippet hits, main text) for `bench/html_peer.py`, which compares them with
//! trafilatura and htmldate on the same pages.

use sitrep_indexer::encoding;
use sitrep_indexer::formats::html;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: html_eval DIR [--no-url] [--misses] [--pages FILE]");
        std::process::exit(2);
    };
    let use_url = !args.iter().any(|a| a == "--no-url");
    let misses = args.iter().any(|a| a == "--misses");
    let mut pages_out = args
        .iter()
        .position(|a| a == "--pages")
        .and_then(|i| args.get(i + 1))
        .map(|f| {
            std::io::BufWriter::new(std::fs::File::create(f).unwrap_or_else(|e| panic!("{f}: {e}")))
        });
    let read_jsonl = |name: &str| -> Vec<serde_json::Value> {
        std::fs::read_to_string(format!("{dir}/{name}"))
            .unwrap_or_else(|e| panic!("{dir}/{name}: {e}"))
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("gold line"))
            .collect()
    };
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().filter_map(|s| s.as_str()).map(norm).collect())
            .unwrap_or_default()
    };
    let content: HashMap<String, (Vec<String>, Vec<String>)> = read_jsonl("content-gold.jsonl")
        .iter()
        .map(|v| {
            (
                v["file"].as_str().unwrap_or_default().to_string(),
                (strings(&v["with"]), strings(&v["without"])),
            )
        })
        .collect();

    let gold = read_jsonl("gold.jsonl");
    let (mut date_ok, mut date_none, mut n_pages) = (0usize, 0usize, 0usize);
    let (mut with_ok, mut with_n, mut without_ok, mut without_n) = (0usize, 0usize, 0usize, 0usize);
    let mut by_source: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut elapsed = Duration::ZERO;
    let mut bytes_total = 0usize;
    for g in &gold {
        let file = g["file"].as_str().unwrap_or_default();
        let url = g["url"].as_str().unwrap_or_default();
        let want = g["published"].as_str().unwrap_or_default();
        let mut raw = Vec::new();
        let f =
            std::fs::File::open(format!("{dir}/{file}")).unwrap_or_else(|e| panic!("{file}: {e}"));
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut raw)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        bytes_total += raw.len();
        let t = Instant::now();
        let text = encoding::decode(&raw, true)
            .map(|d| d.text)
            .unwrap_or_default();
        let page = html::extract(&text, use_url.then_some(url));
        let page_time = t.elapsed();
        elapsed += page_time;
        n_pages += 1;

        let got = page.published.map(|d| d.to_string());
        let ok = got.as_deref() == Some(want);
        date_ok += ok as usize;
        date_none += got.is_none() as usize;
        let e = by_source
            .entry(page.date_source.unwrap_or("none"))
            .or_default();
        e.0 += ok as usize;
        e.1 += 1;
        if misses && !ok {
            println!(
                "MISS {file} want {want} got {} via {} {url}",
                got.as_deref().unwrap_or("-"),
                page.date_source.unwrap_or("none")
            );
        }
        let (mut w_ok, mut w_n, mut wo_ok, mut wo_n) = (0, 0, 0, 0);
        if let Some((with, without)) = content.get(file) {
            let body = norm(&page.body);
            for s in with {
                w_n += 1;
                w_ok += body.contains(s.as_str()) as usize;
            }
            for s in without {
                wo_n += 1;
                wo_ok += !body.contains(s.as_str()) as usize;
            }
        }
        (with_ok, with_n, without_ok, without_n) = (
            with_ok + w_ok,
            with_n + w_n,
            without_ok + wo_ok,
            without_n + wo_n,
        );
        if let Some(out) = pages_out.as_mut() {
            let line = serde_json::json!({
                "file": file, "url": url, "want": want, "got": got, "via": page.date_source, "seconds": page_time.as_secs_f64(),
                "with_ok": w_ok, "with_n": w_n, "without_ok": wo_ok, "without_n": wo_n, "body": page.body,
            });
            writeln!(out, "{line}").expect("write --pages");
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "pages: {n_pages} ({:.1} MB of HTML), page URL given: {use_url}",
        bytes_total as f64 / 1e6
    );
    println!(
        "date exact-day accuracy: {:.1}% ({date_ok}/{n_pages}), no date: {date_none}",
        pct(date_ok, n_pages)
    );
    for (src, (ok, n)) in &by_source {
        println!("  via {src:12} {ok:4}/{n:4} correct ({:.1}%)", pct(*ok, *n));
    }
    println!(
        "content snippets: {:.1}% correct ({}/{}); with {:.1}% ({with_ok}/{with_n}), without {:.1}% ({without_ok}/{without_n}) over {} pages",
        pct(with_ok + without_ok, with_n + without_n),
        with_ok + without_ok,
        with_n + without_n,
        pct(with_ok, with_n),
        pct(without_ok, without_n),
        content.len()
    );
    println!(
        "speed: {:.0} pages/s on one thread (decode + parse + metadata + content; {:.2}s)",
        n_pages as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
}
