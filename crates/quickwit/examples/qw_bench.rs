//! Query latency of the same searches on the embedded index and on a Quickwit cluster that
//! `sitrep index --to quickwit` filled from it (see bench/README.md, "Quickwit").
//!
//! `cargo run --release -p sitrep-quickwit --example qw_bench -- INDEX_DIR URL [INDEX_ID] [RUNS]`

use sitrep_quickwit::{Client, QuickwitSearch};
use sitrep_search::{FacetField, Interval, SearchRequest, SitrepIndex};
use std::time::{Duration, Instant};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: qw_bench INDEX_DIR URL [INDEX_ID] [RUNS]");
        std::process::exit(2);
    }
    let index = SitrepIndex::open(std::path::Path::new(&args[1])).expect("open the index");
    let id = args.get(3).map_or("sitrep", String::as_str);
    let runs: usize = args.get(4).and_then(|r| r.parse().ok()).unwrap_or(50);
    let qw = QuickwitSearch::new(Client::new(&args[2], id, Duration::from_secs(60)).expect("quickwit url"));
    let top = index.search(&SearchRequest { limit: 0, facets: vec![FacetField::Person], ..SearchRequest::default() }).unwrap();
    let person = top.facets["people"].first().map(|c| c.value.clone()).unwrap_or_default();
    let dashboard = SearchRequest {
        q: "oil".into(),
        facets: vec![FacetField::Person, FacetField::Org, FacetField::Location],
        histogram: Some(Interval::Week),
        snippets: false,
        ..SearchRequest::default()
    };
    let mut by_person = SearchRequest { snippets: false, ..SearchRequest::default() };
    by_person.filters.person.push(format!("\"{person}\""));
    let cases = [
        ("keyword", SearchRequest { q: "oil".into(), snippets: false, ..SearchRequest::default() }),
        ("phrase", SearchRequest { q: "\"central bank\"".into(), snippets: false, ..SearchRequest::default() }),
        ("person filter", by_person),
        ("dashboard", dashboard),
        ("deep page", SearchRequest { q: "said".into(), offset: 5000, snippets: false, ..SearchRequest::default() }),
    ];
    println!("| query | total | embedded p50 ms | embedded p99 ms | quickwit p50 ms | quickwit p99 ms |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, req) in &cases {
        let want = index.search(req).unwrap();
        let got = qw.search(req).unwrap();
        assert_eq!(got.total, want.total, "{name}: totals differ");
        let time = |f: &dyn Fn()| -> Vec<f64> {
            for _ in 0..3 {
                f();
            }
            let mut v: Vec<f64> = (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            v.sort_by(|a, b| a.total_cmp(b));
            v
        };
        let e = time(&|| {
            index.search(req).unwrap();
        });
        let q = time(&|| {
            qw.search(req).unwrap();
        });
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.1} | {:.1} |",
            want.total,
            percentile(&e, 0.5),
            percentile(&e, 0.99),
            percentile(&q, 0.5),
            percentile(&q, 0.99)
        );
    }
}
