//! sitrep on a real Quickwit cluster: one node with the metastore, control plane, indexer,
//! janitor and a searcher, and two searcher-only nodes, on loopback with file-backed storage in
//! a temp folder. The bundled corpus goes through `sitrep index --to quickwit`, and a fixed set
//! of searches must give the same totals, top facet values and counts, and timelines from the
//! cluster (asked through the searcher-only nodes) as from the embedded index.
//!
//! The Quickwit binary: `SITREP_QUICKWIT` (a binary or its .gz), else
//! `<repo>/../shared/tools/quickwit/quickwit.gz`. Without one the test says so loudly and
//! passes, unless `SITREP_REQUIRE_QUICKWIT=1`, which makes it fail (CI sets it).

mod common;

use sitrep_quickwit::{Client, QuickwitSearch};
use sitrep_search::{FacetField, Filters, Interval, SearchRequest, SitrepIndex, Sort, Target};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Quickwit binary, unpacked into `dir` when gzipped; `None` when there is none.
fn quickwit_binary(dir: &Path) -> Option<PathBuf> {
    let src = match std::env::var_os("SITREP_QUICKWIT") {
        Some(p) => PathBuf::from(p),
        None => repo().join("../shared/tools/quickwit/quickwit.gz"),
    };
    if !src.is_file() {
        return None;
    }
    if src.extension().is_some_and(|e| e == "gz") {
        let out = dir.join("quickwit");
        let mut gz =
            flate2::read::GzDecoder::new(std::fs::File::open(&src).expect("open quickwit.gz"));
        let mut f = std::fs::File::create(&out).expect("create quickwit binary");
        std::io::copy(&mut gz, &mut f).expect("unpack quickwit.gz");
        drop(f);
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
        Some(out)
    } else {
        Some(src)
    }
}

/// A port `p` with `p + 1` free too (REST and gRPC).
fn free_port_pair(taken: &[u16]) -> u16 {
    for _ in 0..200 {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let p = l.local_addr().unwrap().port();
        if p < 65000
            && !taken.contains(&p)
            && !taken.contains(&(p + 1))
            && TcpListener::bind(("127.0.0.1", p + 1)).is_ok()
        {
            return p;
        }
    }
    panic!("no free pair of ports on loopback");
}

/// A Quickwit node, killed when dropped.
struct Node {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Node {
    fn drop(&mut self) {
        // Quickwit can take more than a minute to stop on SIGTERM; nothing here needs a clean stop.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Node {
    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

fn start_node(bin: &Path, dir: &Path, name: &str, port: u16, seed: u16, services: &str) -> Node {
    let data = dir.join(name);
    std::fs::create_dir_all(&data).unwrap();
    let store = dir.join("store/indexes");
    std::fs::create_dir_all(&store).unwrap();
    let config = format!(
        "version: 0.8\nnode_id: {name}\ncluster_id: sitrep-test\nlisten_address: 127.0.0.1\nrest:\n  listen_port: {port}\n\
         grpc_listen_port: {}\npeer_seeds: [127.0.0.1:{seed}]\ndata_dir: {}\nmetastore_uri: file://{}\n\
         default_index_root_uri: file://{}\nenabled_services: [{services}]\n",
        port + 1,
        data.display(),
        store.display(),
        store.display()
    );
    let cfg = dir.join(format!("{name}.yaml"));
    std::fs::write(&cfg, config).unwrap();
    let log = dir.join(format!("{name}.log"));
    let out = std::fs::File::create(&log).unwrap();
    let child = Command::new(bin)
        .args(["run", "--config"])
        .arg(&cfg)
        .env("QW_DISABLE_TELEMETRY", "1")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .expect("start quickwit");
    Node { child, port, log }
}

/// Polls `f` until it gives a value, or fails after `secs` with the nodes' logs.
fn wait_for<T>(what: &str, secs: u64, nodes: &[&Node], mut f: impl FnMut() -> Option<T>) -> T {
    let t0 = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        if t0.elapsed() > Duration::from_secs(secs) {
            let logs: Vec<String> = nodes
                .iter()
                .map(|n| format!("--- {}:\n{}", n.log.display(), n.log_tail()))
                .collect();
            panic!(
                "timed out after {secs}s waiting for {what}\n{}",
                logs.join("\n")
            );
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn req(q: &str) -> SearchRequest {
    SearchRequest {
        q: q.to_string(),
        limit: 5,
        facets: vec![
            FacetField::Person,
            FacetField::Org,
            FacetField::Location,
            FacetField::Source,
            FacetField::Speaker,
            FacetField::Language,
            FacetField::ActorCountry,
            FacetField::Cue,
        ],
        facet_limit: 10,
        histogram: Some(Interval::Month),
        snippets: false,
        ..SearchRequest::default()
    }
}

/// A quotation search whose page holds every match (the engines rank ties differently).
fn quote_req(q: &str) -> SearchRequest {
    SearchRequest {
        q: q.to_string(),
        target: Target::Quotes,
        limit: sitrep_search::MAX_LIMIT,
        facets: vec![
            FacetField::Speaker,
            FacetField::Cue,
            FacetField::Source,
            FacetField::ActorCountry,
        ],
        facet_limit: 10,
        histogram: Some(Interval::Month),
        ..SearchRequest::default()
    }
}

/// The records of quotation hits, by id.
fn quote_records(hits: &[sitrep_search::QuoteHit]) -> Vec<sitrep_search::QuoteRecord> {
    let mut out: Vec<_> = hits.iter().map(|h| h.quote.clone()).collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

#[test]
fn a_quickwit_cluster_answers_as_the_embedded_index() {
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let Some(bin) = quickwit_binary(dir.path()) else {
        let banner = "=".repeat(78);
        eprintln!("\n{banner}\nSKIPPED: the Quickwit cluster test found no Quickwit binary\n(set SITREP_QUICKWIT, or put it at ../shared/tools/quickwit/quickwit.gz)\n{banner}\n");
        if std::env::var("SITREP_REQUIRE_QUICKWIT").is_ok_and(|v| v == "1") {
            panic!("SITREP_REQUIRE_QUICKWIT=1 but no Quickwit binary was found");
        }
        return;
    };
    let p1 = free_port_pair(&[]);
    let n1 = start_node(
        &bin,
        dir.path(),
        "node1",
        p1,
        p1,
        "metastore, control_plane, indexer, janitor, searcher",
    );
    let probe = |url: &str| Client::new(url, "sitrep", Duration::from_secs(5)).unwrap();
    wait_for("node1 to answer", 90, &[&n1], || {
        probe(&n1.url()).ping().ok()
    });
    let p2 = free_port_pair(&[p1, p1 + 1]);
    let n2 = start_node(&bin, dir.path(), "node2", p2, p1, "searcher");
    let p3 = free_port_pair(&[p1, p1 + 1, p2, p2 + 1]);
    let n3 = start_node(&bin, dir.path(), "node3", p3, p1, "searcher");
    let nodes = [&n1, &n2, &n3];
    wait_for("the searcher nodes to answer", 90, &nodes, || {
        (probe(&n2.url()).ping().is_ok() && probe(&n3.url()).ping().is_ok()).then_some(())
    });
    eprintln!(
        "cluster up in {:.1}s (rest ports {p1}, {p2}, {p3})",
        t0.elapsed().as_secs_f64()
    );

    // Test-only override of the repository's index configuration: splits mature after 2 s, so
    // that the delete tasks of a re-push apply within seconds (see deploy/quickwit/articles.yaml).
    let quick = sitrep_quickwit::index_config("sitrep")
        .replace("maturation_period: 10m", "maturation_period: 2s");
    assert_ne!(
        quick,
        sitrep_quickwit::index_config("sitrep"),
        "the mapping sets maturation_period"
    );
    probe(&n1.url()).create_index(&quick).unwrap();

    // Index a copy of the bundled corpus through sitrep into the embedded index and the cluster.
    let work = dir.path().join("work");
    let corpus = work.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for e in std::fs::read_dir(repo().join("corpus")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    // Two wire copies of one invented story: near-duplicates that carry the same statement,
    // which quote searches list and count once.
    let wire = "Ferry strike closes Lunmere port\n\nFerry strike closes Lunmere port\n\n2019-04-02\n\n\
        Ferry crews in Lunmere walked off the job on Monday, closing the port to passenger traffic for \
        the first time in a decade and stranding hundreds of travellers on both sides of the strait.\n\n\
        \u{201c}We will not sail again until the contracts are signed,\u{201d} said Orla Penhallow, who leads \
        the crews' union. The operator said talks would resume later in the week.\n\n\
        Freight lorries queued along the coast road into the evening, and the port office said \
        the backlog could take several days to clear once the ferries return.\n";
    std::fs::write(corpus.join("invented-wire-a.txt"), wire).unwrap();
    std::fs::write(
        corpus.join("invented-wire-b.txt"),
        format!("{wire}\nThis story has been updated.\n"),
    )
    .unwrap();
    let corpus_arg = corpus.to_str().unwrap();
    let out = common::sitrep(&work, &["index", corpus_arg, "--to", "quickwit", &n1.url()]);
    assert!(
        out.status.success(),
        "sitrep index --to quickwit failed: {}\n{}",
        common::stderr(&out),
        common::stdout(&out)
    );
    let summary = common::stdout(&out);
    assert!(
        summary.contains(" added, 0 replaced, 0 deleted, 0 unchanged"),
        "{summary}"
    );
    eprintln!(
        "pushed in {:.1}s: {}",
        t0.elapsed().as_secs_f64(),
        summary.lines().last().unwrap_or_default()
    );
    let embedded = SitrepIndex::open(&work.join("index")).unwrap();
    let articles = embedded.count(sitrep_search::schema::KIND_ARTICLE).unwrap();
    assert!(articles > 20, "{articles}");

    // Each searcher node sees every article.
    let searchers: Vec<QuickwitSearch> = [&n2, &n3]
        .iter()
        .map(|n| {
            QuickwitSearch::new(Client::new(&n.url(), "sitrep", Duration::from_secs(30)).unwrap())
        })
        .collect();
    for (i, s) in searchers.iter().enumerate() {
        wait_for(
            &format!("searcher {} to count {articles} articles", i + 2),
            90,
            &nodes,
            || (s.count().ok() == Some(articles)).then_some(()),
        );
    }

    // The fixed query set: words, a phrase, booleans, a prefix, fields, dates, and filters
    // taken from the embedded index's own top facet values.
    let all = embedded.search(&req("")).unwrap();
    let top = |facet: &str| {
        all.facets[facet]
            .first()
            .map(|c| c.value.clone())
            .unwrap_or_else(|| panic!("no {facet} in the corpus"))
    };
    let mut cases: Vec<(String, SearchRequest)> = Vec::new();
    for q in [
        "",
        "government",
        "\"prime minister\"",
        "security OR military",
        "government -military",
        "NOT government",
        "minist*",
        "title:interview",
        "date:>=2010",
        "published:[2000 TO 2012-06]",
        "(peace OR war) AND said",
    ] {
        cases.push((format!("q={q:?}"), req(q)));
    }
    let mut exact = req("");
    exact.filters.person.push(format!("\"{}\"", top("people")));
    cases.push((format!("person=\"{}\"", top("people")), exact));
    let mut bare = req("said");
    bare.filters.location.push(top("locations"));
    bare.filters.org.push(top("organisations"));
    cases.push((
        format!(
            "said, location={}, org={}",
            top("locations"),
            top("organisations")
        ),
        bare,
    ));
    let mut dated = req("");
    dated.filters.from = chrono::NaiveDate::from_ymd_opt(2005, 1, 1);
    dated.filters.to = chrono::NaiveDate::from_ymd_opt(2015, 12, 31);
    dated.filters.language.push("en".into());
    dated.histogram = Some(Interval::Week);
    cases.push(("from=2005 to=2015 language=en, weekly".into(), dated));
    let mut collapsed = req("");
    collapsed.collapse = true;
    collapsed.histogram = Some(Interval::Year);
    cases.push(("collapse, yearly".into(), collapsed));
    let mut newest = req("government");
    newest.sort = Sort::Newest;
    newest.histogram = Some(Interval::Day);
    cases.push(("government, newest, daily".into(), newest));

    let mut report = Vec::new();
    for (i, (name, r)) in cases.iter().enumerate() {
        let want = embedded.search(r).unwrap();
        let got = searchers[i % 2]
            .search(r)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got.total, want.total, "{name}: total");
        assert_eq!(got.facets, want.facets, "{name}: facets");
        assert_eq!(got.timeline, want.timeline, "{name}: timeline");
        assert_eq!(got.hits.len(), want.hits.len(), "{name}: page size");
        if r.sort == Sort::Newest {
            let dates = |hits: &[sitrep_search::ArticleHit]| {
                hits.iter().map(|h| h.published).collect::<Vec<_>>()
            };
            assert_eq!(dates(&got.hits), dates(&want.hits), "{name}: newest first");
        }
        let top_people: Vec<String> = want.facets["people"]
            .iter()
            .take(2)
            .map(|c| format!("{} {}", c.value, c.count))
            .collect();
        report.push(format!(
            "{name}: total {}, top people [{}], {} timeline buckets",
            want.total,
            top_people.join(", "),
            want.timeline.as_ref().map_or(0, Vec::len)
        ));
    }
    // Relevance order comes from scores the cluster computed (BM25), not from document order.
    let ranked = searchers[0].search(&req("government")).unwrap();
    assert!(
        ranked.hits.len() > 1 && ranked.hits.iter().all(|h| h.score > 0.0),
        "{:?}",
        ranked.hits.iter().map(|h| h.score).collect::<Vec<_>>()
    );
    assert!(
        ranked.hits.windows(2).all(|w| w[0].score >= w[1].score),
        "{:?}",
        ranked.hits.iter().map(|h| h.score).collect::<Vec<_>>()
    );
    // Timelines with series.
    let series = vec![(format!("person:{}", top("people")), {
        let mut f = Filters::default();
        f.person.push(top("people"));
        f
    })];
    for interval in [Interval::Month, Interval::Year] {
        let want = embedded
            .timeline("", Target::Articles, &Filters::default(), interval, &series)
            .unwrap();
        let got = searchers[1]
            .timeline("", Target::Articles, &Filters::default(), interval, &series)
            .unwrap();
        assert_eq!(got, want, "timeline series, {interval:?}");
    }
    eprintln!(
        "cluster and embedded index agree on {} searches:\n  {}",
        cases.len(),
        report.join("\n  ")
    );

    // Quotations: the same totals, facets, timelines and records (speakers, copies).
    let all_quotes = embedded.search_quotes(&quote_req("")).unwrap();
    assert!(all_quotes.total > 10, "{}", all_quotes.total);
    let top_speaker = all_quotes.facets["speakers"]
        .first()
        .map(|c| c.value.clone())
        .expect("a speaker in the corpus");
    let mut quote_cases: Vec<(String, SearchRequest)> = Vec::new();
    for q in [
        "",
        "government",
        "\"we will\"",
        "contracts",
        "title:strike",
        "date:>=2010",
    ] {
        quote_cases.push((format!("quotes q={q:?}"), quote_req(q)));
    }
    let mut by_speaker = quote_req("");
    by_speaker.filters.speaker.push(top_speaker.clone());
    quote_cases.push((format!("quotes speaker={top_speaker}"), by_speaker));
    let mut by_cue = quote_req("");
    by_cue.filters.cue.push("said".into());
    quote_cases.push(("quotes cue=said".into(), by_cue));
    let mut terms = quote_req("");
    terms.terms = true;
    quote_cases.push(("quotes with terms".into(), terms));
    let mut copies = quote_req("contracts");
    copies.all_copies = true;
    quote_cases.push(("quotes contracts, every copy".into(), copies));
    for (i, (name, r)) in quote_cases.iter().enumerate() {
        let want = embedded.search_quotes(r).unwrap();
        let got = searchers[i % 2]
            .search_quotes(r)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            (got.total, &got.facets, &got.timeline),
            (want.total, &want.facets, &want.timeline),
            "{name}"
        );
        assert_eq!(
            quote_records(&got.hits),
            quote_records(&want.hits),
            "{name}: records"
        );
        report.push(format!("{name}: total {}", want.total));
    }
    let once = embedded.search_quotes(&quote_req("contracts")).unwrap();
    assert_eq!(once.total, 1, "the wire copies' statement is listed once");
    assert_eq!(
        once.hits[0].quote.also_in.len(),
        1,
        "{:?}",
        once.hits[0].quote
    );
    let marked = searchers[0].search_quotes(&quote_req("contracts")).unwrap();
    assert!(
        marked.hits[0].highlight.contains("<mark>contracts</mark>"),
        "{}",
        marked.hits[0].highlight
    );
    for interval in [Interval::Month, Interval::Year] {
        let want = embedded
            .timeline("", Target::Quotes, &Filters::default(), interval, &series)
            .unwrap();
        let got = searchers[0]
            .timeline("", Target::Quotes, &Filters::default(), interval, &series)
            .unwrap();
        assert_eq!(got, want, "quote timeline series, {interval:?}");
    }
    eprintln!("and on {} quotation searches", quote_cases.len());

    // A second push with nothing changed sends nothing.
    let again = common::sitrep(&work, &["index", corpus_arg, "--to", "quickwit", &n1.url()]);
    assert!(again.status.success(), "{}", common::stderr(&again));
    let line = common::stdout(&again);
    assert!(
        line.contains(": 0 added, 0 replaced, 0 deleted, ") && !line.contains("(index created)"),
        "{line}"
    );

    // A new file (dated before 1970), a changed one and a removed one: the cluster follows once
    // its delete tasks have run (totals, facets and timelines as the embedded index's again).
    std::fs::write(
        corpus.join("invented-harbour.txt"),
        "Harbour talks resume in Port Calder\n\nHarbour talks resume in Port Calder\n\n1911-03-06\n\n\
         Negotiators from Velmora and Ostrevind met in Port Calder on Tuesday to resume the harbour talks, officials said.\n",
    )
    .unwrap();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let changed = names
        .iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("wikinews")
        })
        .unwrap()
        .clone();
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nAn added closing line about the harbour talks.\n");
    std::fs::write(&changed, text).unwrap();
    let removed = names
        .iter()
        .rev()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("wikinews")
        })
        .unwrap();
    std::fs::remove_file(removed).unwrap();
    let third = common::sitrep(
        &work,
        &[
            "index",
            corpus_arg,
            "--prune",
            "--to",
            "quickwit",
            &n1.url(),
        ],
    );
    assert!(third.status.success(), "{}", common::stderr(&third));
    let line = common::stdout(&third);
    assert!(
        line.contains(": 1 added, ")
            && line.contains(" replaced, 1 deleted, ")
            && !line.contains(" 0 replaced"),
        "{line}"
    );
    eprintln!(
        "re-pushed after changes in {:.1}s: {}",
        t0.elapsed().as_secs_f64(),
        line.lines().last().unwrap_or_default()
    );
    let embedded = SitrepIndex::open(&work.join("index")).unwrap();
    let articles = embedded.count(sitrep_search::schema::KIND_ARTICLE).unwrap();
    let want_harbour = embedded.search(&req("harbour")).unwrap();
    assert_eq!(want_harbour.total, 2, "the new and the changed article");
    wait_for("the delete tasks to apply", 150, &nodes, || {
        (searchers[0].count().ok() == Some(articles)).then_some(())
    });
    eprintln!(
        "delete tasks applied after {:.1}s",
        t0.elapsed().as_secs_f64()
    );
    assert_eq!(
        embedded.search(&req("date:<1950")).unwrap().total,
        1,
        "the article dated 1911"
    );
    for (name, r) in [
        ("all", req("")),
        ("harbour", req("harbour")),
        ("said", req("said")),
        ("date:<1950", req("date:<1950")),
    ] {
        let (want, got) = (
            embedded.search(&r).unwrap(),
            searchers[1].search(&r).unwrap(),
        );
        assert_eq!(
            (got.total, &got.facets, &got.timeline),
            (want.total, &want.facets, &want.timeline),
            "after the re-push: {name}"
        );
    }
    for (name, r) in [
        ("quotes", quote_req("")),
        ("quotes harbour", quote_req("harbour")),
    ] {
        let (want, got) = (
            embedded.search_quotes(&r).unwrap(),
            searchers[1].search_quotes(&r).unwrap(),
        );
        assert_eq!(
            (got.total, &got.facets, &got.timeline),
            (want.total, &want.facets, &want.timeline),
            "after the re-push: {name}"
        );
        assert_eq!(
            quote_records(&got.hits),
            quote_records(&want.hits),
            "after the re-push: {name}"
        );
    }

    // The CLI and the HTTP API answer from the cluster with search.backend = "quickwit".
    let cli = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["search", "government", "--limit", "0", "--format", "json"])
        .current_dir(&work)
        .env_remove("SITREP_CONFIG")
        .env("SITREP_INDEX", dir.path().join("no-index-here"))
        .env("SITREP_SEARCH_BACKEND", "quickwit")
        .env("SITREP_QUICKWIT_URL", n3.url())
        .output()
        .unwrap();
    assert!(cli.status.success(), "{}", common::stderr(&cli));
    let lines = common::json_lines(&common::stdout(&cli));
    let want = embedded
        .search(&SearchRequest {
            q: "government".into(),
            limit: 0,
            ..SearchRequest::default()
        })
        .unwrap()
        .total;
    assert_eq!(
        lines.last().unwrap()["total"].as_u64(),
        Some(want as u64),
        "{lines:?}"
    );

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut cfg = sitrep_server::config::Config::default();
    cfg.search.backend = sitrep_server::config::Backend::Quickwit;
    let state = sitrep_server::AppState::with_quickwit(
        SitrepIndex::in_memory().unwrap(),
        cfg.clone(),
        searchers[0].clone(),
    );
    let get = |state: &sitrep_server::AppState, uri: &str| -> (u16, serde_json::Value) {
        use tower::ServiceExt;
        let app = sitrep_server::app(state.clone());
        let res = rt
            .block_on(
                app.oneshot(
                    axum::http::Request::get(uri)
                        .body(axum::body::Body::empty())
                        .unwrap(),
                ),
            )
            .unwrap();
        let status = res.status().as_u16();
        let body = rt
            .block_on(http_body_util::BodyExt::collect(res.into_body()))
            .unwrap()
            .to_bytes();
        (
            status,
            serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
        )
    };
    let (status, body) = get(
        &state,
        "/api/search?q=government&facets=people&interval=month",
    );
    assert_eq!(status, 200, "{body}");
    let want = embedded
        .search(&SearchRequest {
            q: "government".into(),
            facets: vec![FacetField::Person],
            histogram: Some(Interval::Month),
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(body["total"].as_u64(), Some(want.total as u64));
    assert_eq!(body["facets"], serde_json::to_value(&want.facets).unwrap());
    assert_eq!(
        body["timeline"],
        serde_json::to_value(&want.timeline).unwrap()
    );
    let (status, body) = get(&state, "/api/timeline?q=government&interval=year");
    assert_eq!(status, 200, "{body}");
    let (status, body) = get(&state, "/api/search?q=government&cursor=c1");
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (501, Some("unsupported_by_backend")),
        "{body}"
    );
    let (status, body) = get(&state, "/api/quotes?q=government");
    assert_eq!(status, 200, "{body}");
    let want = embedded
        .search_quotes(&SearchRequest {
            q: "government".into(),
            target: Target::Quotes,
            facets: vec![FacetField::Speaker],
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(body["total"].as_u64(), Some(want.total as u64), "{body}");
    assert_eq!(body["facets"], serde_json::to_value(&want.facets).unwrap());
    let (status, body) = get(&state, "/api/quotes?q=government&format=csv");
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (501, Some("unsupported_by_backend")),
        "{body}"
    );
    let (status, body) = get(&state, "/api/search?q=(government");
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("invalid_query")),
        "{body}"
    );
    // a cluster that is down: a clear error, not a panic
    let dead_port = free_port_pair(&[p1, p1 + 1, p2, p2 + 1, p3, p3 + 1]);
    let dead = QuickwitSearch::new(
        Client::new(
            &format!("http://127.0.0.1:{dead_port}"),
            "sitrep",
            Duration::from_secs(2),
        )
        .unwrap(),
    );
    let down = sitrep_server::AppState::with_quickwit(SitrepIndex::in_memory().unwrap(), cfg, dead);
    let (status, body) = get(&down, "/api/search?q=government");
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (502, Some("backend_unavailable")),
        "{body}"
    );
    eprintln!(
        "quickwit cluster test passed in {:.1}s",
        t0.elapsed().as_secs_f64()
    );
}
