//! Query latency of the same searches on the embedded index and on a Quickwit cluster that
//! `sitrep index --to quickwit` filled from it (see bench/README.md, "Quickwit").
//!
//! `cargo run --release -p sitrep-quickwit --example qw_bench -- INDEX_DIR URL [INDEX_ID] [RUNS]`

use sitrep_quickwit::{Client, QuickwitSearch};
use sitrep_search::{FacetField, Interval, SearchRequest, SitrepIndex, Target};
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
    let qw = QuickwitSearch::new(
        Client::new(&args[2], id, Duration::from_secs(60)).expect("quickwit url"),
    );
    let top = index
        .search(&SearchRequest {
            limit: 0,
            facets: vec![FacetField::Person],
            ..SearchRequest::default()
        })
        .unwrap();
    let person = top.facets["people"]
        .first()
        .map(|c| c.value.clone())
        .unwrap_or_default();
    let dashboard = SearchRequest {
        q: "oil".into(),
        facets: vec![FacetField::Person, FacetField::Org, FacetField::Location],
        histogram: Some(Interval::Week),
        snippets: false,
        ..SearchRequest::default()
    };
    let mut by_person = SearchRequest {
        snippets: false,
        ..SearchRequest::default()
    };
    by_person.filters.person.push(format!("\"{person}\""));
    let speakers = index
        .search_quotes(&SearchRequest {
            target: Target::Quotes,
            limit: 0,
            facets: vec![FacetField::Speaker],
            ..SearchRequest::default()
        })
        .unwrap();
    let speaker = speakers.facets["speakers"]
        .first()
        .map(|c| c.value.clone())
        .unwrap_or_default();
    let mut quotes_by_speaker = SearchRequest {
        target: Target::Quotes,
        facets: vec![FacetField::Cue],
        ..SearchRequest::default()
    };
    quotes_by_speaker
        .filters
        .speaker
        .push(format!("\"{speaker}\""));
    let cases = [
        ("quotations by speaker", quotes_by_speaker),
        (
            "keyword",
            SearchRequest {
                q: "oil".into(),
                snippets: false,
                ..SearchRequest::default()
            },
        ),
        (
            "phrase",
            SearchRequest {
                q: "\"central bank\"".into(),
                snippets: false,
                ..SearchRequest::default()
            },
        ),
        ("person filter", by_person),
        ("dashboard", dashboard),
        (
            "deep page",
            SearchRequest {
                q: "said".into(),
                offset: 5000,
                snippets: false,
                ..SearchRequest::default()
            },
        ),
    ];
    println!(
        "| query | total | embedded p50 ms | embedded p99 ms | quickwit p50 ms | quickwit p99 ms |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    // the total of a search, answered by the embedded index or by the cluster
    let embedded = |req: &SearchRequest| match req.target {
        Target::Quotes => index.search_quotes(req).unwrap().total,
        Target::Articles => index.search(req).unwrap().total,
    };
    let cluster = |req: &SearchRequest| match req.target {
        Target::Quotes => qw.search_quotes(req).unwrap().total,
        Target::Articles => qw.search(req).unwrap().total,
    };
    for (name, req) in &cases {
        let want = embedded(req);
        assert_eq!(cluster(req), want, "{name}: totals differ");
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
            embedded(req);
        });
        let q = time(&|| {
            cluster(req);
        });
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.1} | {:.1} |",
            want,
            percentile(&e, 0.5),
            percentile(&e, 0.99),
            percentile(&q, 0.5),
            percentile(&q, 0.99)
        );
    }
}
