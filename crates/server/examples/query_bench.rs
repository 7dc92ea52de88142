//! In-process query latency of the benchmark query mix (see bench/README.md).
//!
//!     cargo run --release -p sitrep-server --example query_bench -- INDEX_DIR [--runs N] [--dump FILE] [--only NAME] [--actors]
//!
//! Prints one JSON object: the query parameters it chose (the most frequent person and speaker
//! of the index, so the peers ask the same questions) and median/p99 latency per query.
//! `--actors` adds the actor queries (bench/scale.sh): `actor_profile` (the profile of the most
//! frequent person, as `GET /api/entities/person/{name}` gives it) and `autocomplete` (people
//! with a word starting with the first three letters of that person's last word, as
//! `GET /api/entities?type=person&prefix=...` gives it).
//! `--dump FILE` also writes every article as JSON Lines (id, title, body, published, entities,
//! quote speakers) for the SQLite FTS5 peer, so both hold the same entity sets.

/// The same allocator as the `sitrep` binary, so that the comparison is like for like.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use sitrep_search::{FacetField, Filters, Interval, SearchRequest, SitrepIndex, Target};

/// One query of the mix: a search request, or one of the actor queries.
enum Query {
    Search(SearchRequest),
    Profile(String),
    Autocomplete(String),
}
use std::io::Write;
use std::time::Instant;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .ok_or("usage: query_bench INDEX_DIR [--runs N] [--dump FILE]")?;
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let runs: usize = opt("--runs").map(|s| s.parse()).transpose()?.unwrap_or(200);
    let index = SitrepIndex::open(std::path::Path::new(dir))?;

    if let Some(path) = opt("--dump") {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let (searcher, docs) = index.matching(&SearchRequest {
            limit: 0,
            ..Default::default()
        })?;
        for (_, addr) in docs {
            let rec = index.article_at(&searcher, addr)?;
            let a = &rec.article;
            let names =
                |v: &[sitrep_indexer::Entity]| v.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
            let row = serde_json::json!({
                "id": a.id, "title": a.title, "body": a.body(), "published": a.published,
                "people": names(&a.people), "organisations": names(&a.organisations), "locations": names(&a.locations),
                "speakers": a.quotes.iter().map(|q| q.speaker.clone()).collect::<Vec<_>>(),
            });
            serde_json::to_writer(&mut out, &row)?;
            writeln!(out)?;
        }
        out.flush()?;
    }

    // The most frequent person and speaker: the filters of the mix.
    let top = |target: Target, f: FacetField| -> Result<String, Box<dyn std::error::Error>> {
        let req = SearchRequest {
            target,
            limit: 1,
            facets: vec![f],
            facet_limit: 1,
            snippets: false,
            ..Default::default()
        };
        let res = if target == Target::Quotes {
            index.search_quotes(&req)?.facets
        } else {
            index.search(&req)?.facets
        };
        Ok(res
            .get(f.api_name())
            .and_then(|v| v.first())
            .map(|c| c.value.clone())
            .unwrap_or_default())
    };
    let person = top(Target::Articles, FacetField::Person)?;
    let speaker = top(Target::Quotes, FacetField::Speaker)?;

    let keyword = "government";
    // The autocomplete prefix: what a user typing the top person's last name has typed so far.
    let prefix: String = person
        .split_whitespace()
        .last()
        .unwrap_or("a")
        .chars()
        .take(3)
        .collect::<String>()
        .to_lowercase();
    let searches: Vec<(&str, SearchRequest)> = vec![
        (
            "keyword",
            SearchRequest {
                q: keyword.into(),
                ..Default::default()
            },
        ),
        (
            "phrase",
            SearchRequest {
                q: "\"prime minister\"".into(),
                ..Default::default()
            },
        ),
        (
            "person_filter",
            SearchRequest {
                filters: Filters {
                    person: vec![person.clone()],
                    ..Default::default()
                },
                ..Default::default()
            },
        ),
        (
            "dashboard",
            SearchRequest {
                q: keyword.into(),
                facets: vec![FacetField::Person, FacetField::Org, FacetField::Location],
                histogram: Some(Interval::Week),
                ..Default::default()
            },
        ),
        (
            "quotes_by_speaker",
            SearchRequest {
                target: Target::Quotes,
                filters: Filters {
                    speaker: vec![speaker.clone()],
                    ..Default::default()
                },
                ..Default::default()
            },
        ),
        (
            "deep_page",
            SearchRequest {
                q: "said".into(),
                offset: 5000,
                ..Default::default()
            },
        ),
    ];
    let mut mix: Vec<(&str, Query)> = searches
        .into_iter()
        .map(|(n, r)| (n, Query::Search(r)))
        .collect();
    if args.iter().any(|a| a == "--actors") {
        mix.push(("actor_profile", Query::Profile(person.clone())));
        mix.push(("autocomplete", Query::Autocomplete(prefix.clone())));
    }
    let mut results = Vec::new();
    // `--only NAME` times one query of the mix (for profiling).
    let only = opt("--only");
    for (name, req) in mix
        .iter()
        .filter(|(n, _)| only.as_deref().is_none_or(|o| o == *n))
    {
        let run = |q: &Query| -> Result<usize, Box<dyn std::error::Error>> {
            Ok(match q {
                Query::Search(r) if r.target == Target::Quotes => index.search_quotes(r)?.total,
                Query::Search(r) => index.search(r)?.total,
                // The HTTP API's defaults: a monthly timeline, 10 co-occurring actors and quotes.
                Query::Profile(name) => index
                    .profile(FacetField::Person, name, Interval::Month, 10)?
                    .map_or(0, |p| p.articles),
                Query::Autocomplete(p) => {
                    index.facet_values(FacetField::Person, Some(p), 10)?.len()
                }
            })
        };
        let mut total = 0;
        for _ in 0..5 {
            total = run(req)?;
        }
        let mut ms = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            run(req)?;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        ms.sort_by(|a, b| a.total_cmp(b));
        results.push(serde_json::json!({
            "name": name, "total": total, "runs": runs,
            "median_ms": percentile(&ms, 0.5), "p99_ms": percentile(&ms, 0.99),
        }));
    }
    let out = serde_json::json!({
        "params": { "keyword": keyword, "phrase": "prime minister", "person": person, "speaker": speaker, "deep_query": "said", "deep_offset": 5000, "prefix": prefix },
        "queries": results,
    });
    println!("{out}");
    Ok(())
}
