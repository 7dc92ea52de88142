//! HTTP API tests through the axum router (`tower::ServiceExt::oneshot`), no sockets.

mod common;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use sitrep_search::{ArticleRecord, SitrepIndex};
use sitrep_server::{app, config::Config, AppState};
use tower::ServiceExt;

fn fixture_index() -> SitrepIndex {
    folder_index(&common::fixtures().join("articles"))
}

/// An in-memory index of the article files in `dir`.
fn folder_index(dir: &std::path::Path) -> SitrepIndex {
    let index = SitrepIndex::in_memory().unwrap();
    let extractor = sitrep_indexer::Extractor::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    // Through the pipeline's write stage (duplicate pass included), keyed by the file name so
    // that ids and paths do not depend on where the checkout is.
    let mut docs = Vec::new();
    for p in paths {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        for mut document in
            sitrep_indexer::read_file(&p, &format!("articles/{name}"), &Default::default())
                .unwrap()
                .documents
        {
            document.id = sitrep_indexer::document::article_id(&name, None);
            docs.push(sitrep_pipeline::Keyed {
                file: name.clone(),
                hash: 1,
                document,
            });
        }
    }
    sitrep_pipeline::add_documents(&index, &extractor, docs).unwrap();
    index
}

fn state() -> AppState {
    AppState::new(fixture_index(), Config::default())
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, serde_json::Value) {
    let res = app(state.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, v)
}

#[tokio::test]
async fn search_returns_hits_and_facets() {
    let s = state();
    let (st, v) = get(&s, "/api/search?q=peace&facets=people").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert!(v["total"].as_u64().unwrap() >= 1);
    let hit = &v["hits"][0];
    for k in [
        "id",
        "title",
        "published",
        "snippet",
        "people",
        "organisations",
        "locations",
    ] {
        assert!(hit.get(k).is_some(), "hit lacks {k}: {hit}");
    }
    let people = v["facets"]["people"].as_array().unwrap();
    assert!(!people.is_empty());
    assert!(people
        .iter()
        .all(|p| p["count"].as_u64().unwrap() >= 1 && p["value"].is_string()));
    assert!(v["took_ms"].is_number());
}

#[tokio::test]
async fn facets_are_disjunctive() {
    let s = state();
    let (_, all) = get(&s, "/api/search?facets=people&facet_limit=100").await;
    let (_, one) = get(
        &s,
        "/api/search?person=Zalmay%20Khalilzad&facets=people&facet_limit=100",
    )
    .await;
    assert_eq!(one["total"], 1);
    // selecting one person keeps the counts of the other people
    assert_eq!(all["facets"]["people"], one["facets"]["people"]);
}

#[tokio::test]
async fn article_lookup_and_not_found() {
    let s = state();
    let (_, v) = get(&s, "/api/search?q=Khalilzad").await;
    let id = v["hits"][0]["id"].as_str().unwrap().to_string();
    let (st, art) = get(&s, &format!("/api/articles/{id}")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(art["id"], id);
    assert!(art["text"].as_str().unwrap().contains("Khalilzad"));
    assert!(art["quotes"].is_array());
    let (st, err) = get(&s, "/api/articles/doesnotexist").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert_eq!(err["error"]["code"], "not_found");
}

#[tokio::test]
async fn errors_have_stable_codes() {
    let s = state();
    let cases = [
        (
            "/api/search?q=(peace",
            StatusCode::BAD_REQUEST,
            "invalid_query",
        ),
        (
            "/api/search?from=2020-13-01",
            StatusCode::BAD_REQUEST,
            "invalid_date",
        ),
        (
            "/api/search?limit=100000",
            StatusCode::BAD_REQUEST,
            "limit_too_large",
        ),
        (
            "/api/search?limit=ten",
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        (
            "/api/search?qq=peace",
            StatusCode::BAD_REQUEST,
            "unknown_parameter",
        ),
        (
            "/api/search?facets=colours",
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        (
            "/api/search?sort=sideways",
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        (
            "/api/search?cursor=zzz",
            StatusCode::BAD_REQUEST,
            "invalid_cursor",
        ),
        ("/api/nothing", StatusCode::NOT_FOUND, "not_found"),
    ];
    for (uri, status, code) in cases {
        let (st, v) = get(&s, uri).await;
        assert_eq!(st, status, "{uri}: {v}");
        assert_eq!(v["error"]["code"], code, "{uri}: {v}");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    let (_, v) = get(&s, "/api/search?q=(peace").await;
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("position 0"),
        "{v}"
    );
    // Bytes that are not UTF-8 were read as replacement characters and reported as a syntax
    // error ("position 10: expected a search term").
    for uri in [
        "/api/search?q=peace%20talks%FF",
        "/api/search?q%FE=peace",
        "/api/quotes?speaker=%C3%28",
    ] {
        let (st, v) = get(&s, uri).await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{uri}: {v}");
        assert_eq!(v["error"]["code"], "invalid_parameter", "{uri}: {v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .contains("not valid UTF-8"),
            "{uri}: {v}"
        );
    }
    let (st, _) = get(&s, "/api/search?q=caf%C3%A9+talks").await;
    assert_eq!(st, StatusCode::OK);
}

/// Deeply nested or negated queries once overflowed a worker's stack and aborted the server.
#[tokio::test]
async fn hostile_queries_are_refused_or_collapsed_not_fatal() {
    let s = state();
    let enc = |q: &str| {
        q.replace('(', "%28")
            .replace(')', "%29")
            .replace(' ', "%20")
    };
    for (q, status) in [
        (format!("{}peace", "-".repeat(300)), StatusCode::OK),
        (format!("{}peace", "NOT ".repeat(300)), StatusCode::OK),
        (format!("{}peace", "NOT ".repeat(301)), StatusCode::OK),
        ("(".repeat(5000), StatusCode::BAD_REQUEST),
        (
            format!("{}peace{}", "(".repeat(5000), ")".repeat(5000)),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("{}peace", "-(".repeat(2000)),
            StatusCode::BAD_REQUEST,
        ),
        ("peace ".repeat(1000), StatusCode::BAD_REQUEST),
    ] {
        for endpoint in ["search", "quotes", "timeline"] {
            let uri = format!("/api/{endpoint}?q={}", enc(&q));
            let (st, v) = get(&s, &uri).await;
            assert_eq!(st, status, "{}…: {v}", &uri[..60]);
            if status == StatusCode::BAD_REQUEST {
                assert_eq!(v["error"]["code"], "invalid_query", "{v}");
                let m = v["error"]["message"].as_str().unwrap();
                assert!(
                    m.contains("nested too deep") || m.contains("too long"),
                    "{m}"
                );
            }
        }
    }
    // An even number of negations is the plain query, an odd number its negation.
    let (_, plain) = get(&s, "/api/search?q=peace").await;
    let (_, twice) = get(&s, &format!("/api/search?q={}peace", "-".repeat(300))).await;
    assert_eq!(plain["total"], twice["total"]);
    let (_, all) = get(&s, "/api/search").await;
    let (_, odd) = get(
        &s,
        &format!("/api/search?q={}peace", enc(&"NOT ".repeat(301))),
    )
    .await;
    assert_eq!(
        odd["total"].as_u64().unwrap(),
        all["total"].as_u64().unwrap() - plain["total"].as_u64().unwrap()
    );
}

#[tokio::test]
async fn healthz() {
    let (st, v) = get(&state(), "/healthz").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["status"], "ok");
    assert_eq!(v["articles"], 4);
}

#[tokio::test]
async fn other_endpoints() {
    let s = state();
    let (st, v) = get(&s, "/api/quotes?q=peace").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert!(v["facets"]["speakers"].is_array());
    let (st, v) = get(&s, "/api/entities?type=person&prefix=khal").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert!(
        v["values"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["value"] == "Zalmay Khalilzad"),
        "{v}"
    );
    // A prefix of several words (what the page's box sends once a space is typed).
    for prefix in ["zalmay%20k", "Zalmay%20Khalilzad", "zalmay%20%20kh"] {
        let (st, v) = get(&s, &format!("/api/entities?type=person&prefix={prefix}")).await;
        assert_eq!(st, StatusCode::OK, "{v}");
        assert_eq!(
            v["values"][0]["value"], "Zalmay Khalilzad",
            "prefix {prefix}: {v}"
        );
    }
    let (st, v) = get(&s, "/api/entities/person/Zalmay%20Khalilzad").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["articles"], 1);
    assert!(v["quotes"].as_u64().unwrap() >= 1, "{v}");
    let (st, _) = get(&s, "/api/entities/person/Nobody%20Atall").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, v) = get(
        &s,
        "/api/timeline?interval=month&series=person:Sara%20Malik",
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["series"][0]["name"], "person:Sara Malik");
    let (st, v) = get(&s, "/api/stats").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["articles"], 4);
    let (st, v) = get(&s, "/openapi.json").await;
    assert_eq!(st, StatusCode::OK);
    assert!(v["paths"]["/api/search"].is_object());
    let (st, v) = get(&s, "/metrics").await;
    assert_eq!(st, StatusCode::OK);
    assert!(v.as_str().unwrap().contains("sitrep_index_articles 4"));
    let (st, v) = get(&s, "/api/search?q=peace&format=csv").await;
    assert_eq!(st, StatusCode::OK);
    let csv = v.as_str().unwrap();
    assert!(csv.starts_with("id,published,title"));
    assert_eq!(
        csv.lines().count() as u64,
        1 + get(&s, "/api/search?q=peace").await.1["total"]
            .as_u64()
            .unwrap()
    );
}

#[tokio::test]
async fn writes_need_a_token() {
    let s = state();
    let post = |state: AppState, auth: Option<&'static str>| async move {
        let mut req = Request::post("/api/articles").header("content-type", "application/json");
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        let body = r#"{"title":"Truce holds in Hodeidah","maintext":"A truce held in Hodeidah on Sunday, officials said.","date_publish":"2019-01-06"}"#;
        let res = app(state)
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        res.status()
    };
    assert_eq!(post(s.clone(), None).await, StatusCode::FORBIDDEN);
    let mut cfg = Config::default();
    cfg.server.api_token = "secret".into();
    let mut st = AppState::new(s.index.clone(), cfg);
    st.extractor = Some(std::sync::Arc::new(sitrep_indexer::Extractor::new()));
    assert_eq!(
        post(st.clone(), Some("Bearer wrong")).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post(st.clone(), Some("Bearer secret")).await,
        StatusCode::CREATED
    );
    let (_, v) = get(&st, "/api/search?q=Hodeidah").await;
    assert_eq!(v["total"], 1);
}

#[tokio::test]
async fn bearer_scheme_is_case_insensitive_and_the_token_is_checked_before_the_body_is_read() {
    let st = writable(|_| {});
    let body = r#"{"title":"Truce holds in Hodeidah","maintext":"A truce held in Hodeidah on Sunday, officials said."}"#;
    for auth in [
        "bearer secret",
        "BEARER secret",
        "Bearer   secret ",
        "Bearer\tsecret",
    ] {
        assert_eq!(
            send(&st, post_request(body, Some(auth))).await.status,
            StatusCode::CREATED,
            "{auth:?}"
        );
    }
    for auth in [
        "Bearersecret",
        "Bearer secre",
        "Bearer secrets",
        "Bearer",
        "Basic secret",
        "secret",
        "Bearer SECRET",
        "",
    ] {
        assert_eq!(
            send(&st, post_request(body, Some(auth))).await.status,
            StatusCode::UNAUTHORIZED,
            "{auth:?}"
        );
    }
    // A body that records whether the server read it.
    for auth in [None, Some("Bearer wrong")] {
        let polled = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = polled.clone();
        let stream = futures_util::stream::poll_fn(move |_| {
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            std::task::Poll::Ready(None::<Result<bytes::Bytes, std::io::Error>>)
        });
        let r = send(&st, post_request(Body::from_stream(stream), auth)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(
            !polled.load(std::sync::atomic::Ordering::SeqCst),
            "{auth:?}: the body was read before the token was checked"
        );
    }
}

/// Posted articles have no file: indexing runs (`--prune`, `--full`, the prune of `sitrep serve`)
/// once deleted them as missing files. They stay until `DELETE /api/articles/{id}`.
#[tokio::test]
async fn posted_articles_survive_prune_and_full_rebuilds_until_deleted() {
    use sitrep_pipeline::{run_index, IndexOptions, NoProgress};
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::copy_articles(tmp.path());
    let index = SitrepIndex::in_memory().unwrap();
    let extractor = sitrep_indexer::Extractor::new();
    let opts = |full: bool, prune: bool| IndexOptions {
        roots: vec![dir.clone()],
        prune,
        full,
        threads: 1,
        commit_every: 1000,
        read: Default::default(),
    };
    assert_eq!(
        run_index(&index, &extractor, &opts(false, false), &NoProgress)
            .unwrap()
            .articles_total,
        4
    );
    let mut cfg = Config::default();
    cfg.server.api_token = "secret".into();
    let mut st = AppState::new(index.clone(), cfg);
    st.extractor = Some(std::sync::Arc::new(sitrep_indexer::Extractor::new()));
    let body = r#"{"title":"Truce holds in Hodeidah","maintext":"A truce held in Hodeidah on Sunday, officials said.","date_publish":"2019-01-06"}"#;
    let r = send(&st, post_request(body, Some("Bearer secret"))).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let id = r.json()["ids"][0].as_str().unwrap().to_string();
    let article = format!("/api/articles/{id}");

    let first_file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    // 4 file articles and the posted one; then one file is deleted before a full rebuild.
    for (full, prune, total) in [
        (false, true, 5),
        (true, false, 5),
        (true, true, 4),
        (false, true, 4),
    ] {
        if total == 4 && full {
            std::fs::remove_file(&first_file).unwrap();
        }
        let s = run_index(&index, &extractor, &opts(full, prune), &NoProgress).unwrap();
        assert_eq!(s.articles_total, total, "full {full}, prune {prune}: {s:?}");
        assert_eq!(
            send_get(&st, &article).await.status,
            StatusCode::OK,
            "full {full}, prune {prune}"
        );
    }
    let (_, v) = get(&st, "/api/search?q=Hodeidah").await;
    assert_eq!(v["total"], 1);

    let delete = |uri: String, auth: Option<&'static str>| {
        let mut req = Request::delete(uri);
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        req.body(Body::empty()).unwrap()
    };
    assert_eq!(
        send(&st, delete(article.clone(), None)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&st, delete(article.clone(), Some("Bearer wrong")))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let r = send(
        &st,
        delete("/api/articles/nosuchid".into(), Some("Bearer secret")),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"]["code"], "not_found");
    // An article read from a file is not removed through the API.
    let (_, v) = get(&st, "/api/search?q=Khalilzad").await;
    let file_id = v["hits"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        send(
            &st,
            delete(format!("/api/articles/{file_id}"), Some("Bearer secret"))
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send_get(&st, &format!("/api/articles/{file_id}"))
            .await
            .status,
        StatusCode::OK
    );

    let r = send(&st, delete(article.clone(), Some("bearer secret"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["deleted"], id.as_str());
    assert_eq!(send_get(&st, &article).await.status, StatusCode::NOT_FOUND);
    let (_, v) = get(&st, "/api/search?q=Hodeidah").await;
    assert_eq!(v["total"], 0);
    assert_eq!(
        send(&st, delete(article.clone(), Some("Bearer secret")))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(
            &st,
            Request::delete(article.clone())
                .body(Body::empty())
                .unwrap()
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    // Without a configured token, deleting is off like posting.
    assert_eq!(
        send(&state(), delete(article, Some("Bearer secret")))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

/// Sends raw bytes to a server over a socket and reads until the server closes the connection
/// (`None` if it has not closed it within `wait`).
async fn raw_exchange(
    addr: std::net::SocketAddr,
    request: &[u8],
    wait: std::time::Duration,
) -> Option<String> {
    let request = request.to_vec();
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream.write_all(&request).unwrap();
        let deadline = std::time::Instant::now() + wait;
        let mut answer = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            let left = deadline.checked_duration_since(std::time::Instant::now())?;
            stream
                .set_read_timeout(Some(left.max(std::time::Duration::from_millis(1))))
                .unwrap();
            match stream.read(&mut buf) {
                Ok(0) => return Some(String::from_utf8_lossy(&answer).into_owned()),
                Ok(n) => answer.extend_from_slice(&buf[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return None
                }
                Err(_) => return Some(String::from_utf8_lossy(&answer).into_owned()),
            }
        }
    })
    .await
    .unwrap()
}

/// A real server on a socket, with a short header deadline; stopped when the returned sender drops.
async fn socket_server(
    header_timeout: std::time::Duration,
) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(sitrep_server::serve::serve(
        listener,
        app(state()),
        header_timeout,
        async {
            let _ = stopped.await;
        },
    ));
    (addr, stop)
}

/// Half-open requests (a head never finished) were never timed out and held memory.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_open_requests_are_closed_after_the_header_deadline() {
    let (addr, _stop) = socket_server(std::time::Duration::from_millis(300)).await;
    let wait = std::time::Duration::from_secs(5);
    let t0 = std::time::Instant::now();
    let answer = raw_exchange(addr, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1", wait).await;
    assert!(
        answer.is_some(),
        "the connection was still open after {wait:?}"
    );
    assert!(
        t0.elapsed() < std::time::Duration::from_secs(3),
        "{:?}",
        t0.elapsed()
    );
    // Nothing sent at all: closed too.
    assert!(raw_exchange(addr, b"", wait).await.is_some());
    // A complete request is answered.
    let ok = raw_exchange(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        wait,
    )
    .await
    .unwrap();
    assert!(ok.starts_with("HTTP/1.1 200 "), "{ok}");
}

/// Over-long requests are answered by hyper before routing: once with an empty body, now with
/// the JSON error of the API.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_long_requests_get_json_errors() {
    let (addr, _stop) = socket_server(std::time::Duration::from_secs(10)).await;
    let wait = std::time::Duration::from_secs(10);
    let long_uri = format!(
        "GET /api/search?q={} HTTP/1.1\r\nHost: x\r\n\r\n",
        "a".repeat(70_000)
    );
    let many_headers = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\n{}\r\n",
        (0..150)
            .map(|i| format!("X-H{i}: v\r\n"))
            .collect::<String>()
    );
    let malformed = "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n".to_string();
    for (request, status, code) in [
        (long_uri, 414, "uri_too_long"),
        (many_headers, 431, "headers_too_large"),
        (malformed, 400, "bad_request"),
    ] {
        let answer = raw_exchange(addr, request.as_bytes(), wait)
            .await
            .expect("answered and closed");
        let (head, body) = answer
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("{answer}"));
        assert!(head.starts_with(&format!("HTTP/1.1 {status} ")), "{head}");
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{head}"
        );
        let v: serde_json::Value =
            serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body:?}"));
        assert_eq!(v["error"]["code"], code, "{v}");
        assert_eq!(sitrep_server::error::status_of(code).as_u16(), status);
        let message = v["error"]["message"].as_str().unwrap();
        assert!(
            message.starts_with(char::is_lowercase) && !message.ends_with('.'),
            "{message}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Snapshots of whole response bodies (tests/snapshots/http__*.snap). Review a changed snapshot
// by reading it; volatile values are redacted and scores rounded so that the files are stable.
// ---------------------------------------------------------------------------------------------

/// A whole response.
struct Reply {
    status: StatusCode,
    content_type: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.text()))
    }
}

async fn send(state: &AppState, req: Request<Body>) -> Reply {
    let res = app(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let content_type = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply {
        status,
        content_type,
        body,
    }
}

async fn send_get(state: &AppState, uri: &str) -> Reply {
    send(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn post_request(body: impl Into<Body>, auth: Option<&str>) -> Request<Body> {
    let mut req = Request::post("/api/articles").header("content-type", "application/json");
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    req.body(body.into()).unwrap()
}

/// A state that accepts `POST /api/articles` with `Bearer secret`.
fn writable(cfg: impl FnOnce(&mut Config)) -> AppState {
    let mut c = Config::default();
    c.server.api_token = "secret".into();
    cfg(&mut c);
    let mut st = AppState::new(fixture_index(), c);
    st.extractor = Some(std::sync::Arc::new(sitrep_indexer::Extractor::new()));
    st
}

/// Rounds every `score` to 3 decimals (BM25 floats may differ in the last bits across platforms).
fn round_scores(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if k == "score" {
                    if let Some(f) = x.as_f64() {
                        *x = serde_json::json!((f * 1000.0).round() / 1000.0);
                    }
                } else {
                    round_scores(x);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(round_scores),
        _ => {}
    }
}

/// Snapshots `{status, content_type, body}` of a JSON response; the request is the description.
fn snap_json(name: &str, request: &str, r: &Reply) {
    assert!(
        r.content_type.starts_with("application/json"),
        "{request}: content type {}",
        r.content_type
    );
    let mut body = r.json();
    round_scores(&mut body);
    let v = serde_json::json!({ "status": r.status.as_u16(), "body": body });
    let mut settings = insta::Settings::clone_current();
    settings.set_description(request);
    settings.set_omit_expression(true);
    settings.set_sort_maps(true);
    settings.add_redaction(".body.took_ms", "[took_ms]");
    settings.add_redaction(".body.size_bytes", "[size_bytes]");
    settings.bind(|| insta::assert_json_snapshot!(name, v));
}

/// Snapshots a text body, headed by its status and content type.
fn snap_text(name: &str, request: &str, r: &Reply, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_description(request);
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::assert_snapshot!(
            name,
            format!("{} {}\n{text}", r.status.as_u16(), r.content_type)
        )
    });
}

async fn snap_get(state: &AppState, name: &str, uri: &str) -> serde_json::Value {
    let r = send_get(state, uri).await;
    snap_json(name, &format!("GET {uri}"), &r);
    r.json()
}

#[tokio::test]
async fn snapshot_search() {
    let s = state();
    let uri = "/api/search?q=said&facets=people,organisations,locations&interval=year&limit=2";
    let first = snap_get(&s, "search_facets_histogram_snippets", uri).await;
    let cursor = first["next_cursor"]
        .as_str()
        .expect("a first page of 2 has a next cursor");
    snap_get(
        &s,
        "search_cursor_page_2",
        &format!("{uri}&cursor={cursor}"),
    )
    .await;
    snap_get(
        &s,
        "search_person_filter_disjunctive_facets",
        "/api/search?person=Zalmay%20Khalilzad&facets=people&facet_limit=3",
    )
    .await;
    snap_get(
        &s,
        "search_newest_all_facets",
        "/api/search?sort=newest&facets=sources,speakers,actor_country,actor_role&facet_limit=3&limit=10",
    )
    .await;
    snap_get(
        &s,
        "search_phrase_and_field",
        "/api/search?q=%22peace%20process%22%20AND%20location:kabul%20-title:ceasefire&limit=1",
    )
    .await;
    // `to=2017-03` includes the whole month (the drone strike of 14 March 2017).
    snap_get(
        &s,
        "search_date_range",
        "/api/search?q=officials&from=2017&to=2017-03&sort=oldest",
    )
    .await;
    snap_get(
        &s,
        "search_no_hits",
        "/api/search?q=xylophone&facets=people",
    )
    .await;
}

#[tokio::test]
async fn snapshot_quotes_articles_entities() {
    let s = state();
    snap_get(&s, "quotes_search", "/api/quotes?q=peace&limit=3").await;
    snap_get(&s, "quotes_by_speaker", "/api/quotes?speaker=Sara%20Malik").await;
    let found = send_get(&s, "/api/search?q=title:flood").await.json();
    let id = found["hits"][0]["id"].as_str().unwrap().to_string();
    snap_get(&s, "article", &format!("/api/articles/{id}")).await;
    snap_get(
        &s,
        "entities_prefix",
        "/api/entities?type=person&prefix=kha",
    )
    .await;
    snap_get(
        &s,
        "entities_locations",
        "/api/entities?type=location&limit=5",
    )
    .await;
    snap_get(
        &s,
        "entity_profile",
        "/api/entities/person/Zalmay%20Khalilzad?interval=year&limit=3",
    )
    .await;
    snap_get(
        &s,
        "timeline_named_series",
        "/api/timeline?interval=year&series=person:Zalmay%20Khalilzad&series=location:Sindh",
    )
    .await;
    snap_get(
        &s,
        "timeline_quotes",
        "/api/timeline?target=quotes&interval=year&from=2010",
    )
    .await;
}

#[tokio::test]
async fn snapshot_service_endpoints() {
    let s = state();
    snap_get(&s, "healthz", "/healthz").await;
    snap_get(&s, "stats", "/api/stats").await;

    // The OpenAPI document: its endpoints and operations (the whole document would churn).
    let r = send_get(&s, "/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let mut statuses: Vec<&String> = op["responses"]
                .as_object()
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            statuses.sort();
            ops.push(serde_json::json!({
                "endpoint": format!("{} {path}", method.to_uppercase()),
                "operation_id": op["operationId"],
                "responses": statuses,
            }));
        }
    }
    ops.sort_by_key(|o| o["endpoint"].as_str().unwrap().to_string());
    let mut settings = insta::Settings::clone_current();
    settings.set_description("GET /openapi.json: endpoints, operation ids and response statuses");
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::assert_json_snapshot!(
            "openapi_operations",
            serde_json::json!({ "openapi": doc["openapi"], "operations": ops })
        )
    });

    // Prometheus text after a few requests, without the latency histograms.
    send_get(&s, "/api/search?q=peace").await;
    send_get(&s, "/api/search?q=(peace").await;
    send_get(&s, "/api/nothing").await;
    let r = send_get(&s, "/metrics").await;
    let text: String = r
        .text()
        .lines()
        .filter(|l| {
            !l.contains("sitrep_http_request_duration_seconds_bucket")
                && !l.contains("sitrep_http_request_duration_seconds_sum")
        })
        .map(|l| {
            if l.starts_with("sitrep_index_size_bytes ") {
                "sitrep_index_size_bytes [size_bytes]".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    snap_text(
        "metrics",
        "GET /metrics after the requests of this test (latency buckets and sums left out)",
        &r,
        &text,
    );
}

#[tokio::test]
async fn snapshot_exports() {
    let s = state();
    for (name, uri) in [
        (
            "export_search_csv",
            "/api/search?q=peace%20OR%20flood&sort=oldest&format=csv",
        ),
        (
            "export_search_ndjson",
            "/api/search?q=peace%20OR%20flood&sort=oldest&format=ndjson",
        ),
        (
            "export_quotes_csv",
            "/api/quotes?sort=oldest&format=csv&limit=1",
        ),
        (
            "export_quotes_ndjson",
            "/api/quotes?sort=oldest&format=ndjson&limit=1",
        ),
    ] {
        let r = send_get(&s, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        // Exports stream every matching row whatever the limit; keep the first rows of long ones.
        // Sorted by date, so scores are 0 and the bytes are snapshotted exactly as sent.
        let text = r.text();
        let rows: Vec<&str> = text.lines().collect();
        let shown = rows.iter().take(6).copied().collect::<Vec<_>>().join("\n");
        snap_text(
            name,
            &format!("GET {uri} ({} lines, first 6 shown)", rows.len()),
            &r,
            &shown,
        );
    }
}

#[tokio::test]
async fn snapshot_post_articles() {
    let body = r#"{"title":"Truce holds in Hodeidah","maintext":"A truce held in Hodeidah on Sunday, officials said. \u201cThe guns are silent,\u201d said Martin Griffiths, the UN envoy.","date_publish":"2019-01-06","url":"https://example.org/hodeidah","source_domain":"example.org"}"#;
    // Without a configured token writes are off, whatever the request says.
    let r = send(&state(), post_request(body, Some("Bearer secret"))).await;
    snap_json(
        "post_write_disabled",
        "POST /api/articles (no server.api_token configured)",
        &r,
    );

    let s = writable(|_| {});
    let r = send(&s, post_request(body, None)).await;
    snap_json(
        "post_no_token",
        "POST /api/articles without Authorization",
        &r,
    );
    let r = send(&s, post_request(body, Some("Bearer secret"))).await;
    snap_json(
        "post_created",
        "POST /api/articles with Authorization: Bearer secret",
        &r,
    );
    let id = r.json()["ids"][0].as_str().unwrap().to_string();
    snap_get(&s, "post_then_article", &format!("/api/articles/{id}")).await;
    let found = send_get(&s, "/api/search?q=Hodeidah").await.json();
    assert_eq!(found["total"], 1, "{found}");
}

#[tokio::test]
async fn repeated_requests_are_answered_from_the_cache_until_the_index_changes() {
    let s = writable(|_| {});
    let call = |uri: &'static str| {
        let s = s.clone();
        async move {
            let res = app(s)
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let cache = res
                .headers()
                .get("x-cache")
                .map(|v| v.to_str().unwrap().to_string());
            let body = res.into_body().collect().await.unwrap().to_bytes();
            (cache, body)
        }
    };
    let uri = "/api/search?q=Hodeidah%20OR%20Khalilzad&facets=people";
    let (c1, b1) = call(uri).await;
    let (c2, b2) = call(uri).await;
    assert_eq!((c1.as_deref(), c2.as_deref()), (Some("miss"), Some("hit")));
    assert_eq!(b1, b2);
    // Another query string is another entry; errors and exports are never cached.
    assert_eq!(
        call("/api/search?q=Khalilzad").await.0.as_deref(),
        Some("miss")
    );
    assert_eq!(call("/api/search?limit=many").await.0, None);
    assert_eq!(call("/api/search?limit=many").await.0, None);
    assert_eq!(call("/api/search?q=Khalilzad&format=csv").await.0, None);
    // A write opens a new index generation: the same question is computed again.
    let body = r#"{"title":"Truce holds in Hodeidah","maintext":"A truce held in Hodeidah on Sunday, officials said.","date_publish":"2019-01-06"}"#;
    assert_eq!(
        send(&s, post_request(body, Some("Bearer secret")))
            .await
            .status,
        StatusCode::CREATED
    );
    let (c3, b3) = call(uri).await;
    assert_eq!(c3.as_deref(), Some("miss"));
    let (before, after): (serde_json::Value, serde_json::Value) = (
        serde_json::from_slice(&b1).unwrap(),
        serde_json::from_slice(&b3).unwrap(),
    );
    assert_eq!(
        after["total"].as_u64().unwrap(),
        before["total"].as_u64().unwrap() + 1
    );
    let metrics = send_get(&s, "/metrics").await.text();
    assert!(metrics.contains("sitrep_cache_hits_total 1\n"), "{metrics}");
    // cache_mb = 0 turns the cache off.
    let off = AppState::new(s.index.clone(), {
        let mut c = Config::default();
        c.server.cache_mb = 0;
        c
    });
    for _ in 0..2 {
        let res = app(off.clone())
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers().get("x-cache").is_none());
    }
}

/// One request of the error table.
struct ErrorCase {
    request: String,
    reply: Reply,
}

async fn error_get(state: &AppState, uri: &str) -> ErrorCase {
    ErrorCase {
        request: format!("GET {uri}"),
        reply: send_get(state, uri).await,
    }
}

async fn error_req(state: &AppState, request: &str, req: Request<Body>) -> ErrorCase {
    ErrorCase {
        request: request.to_string(),
        reply: send(state, req).await,
    }
}

/// Codes that no HTTP request can produce against a running server (see the report in the test).
const NOT_VIA_HTTP: &[(&str, &str)] = &[
    ("index_not_found", "raised when opening an index; `sitrep serve` creates a missing one before it listens"),
    ("index_outdated", "raised when opening an index; `sitrep serve` rebuilds an outdated one before it listens"),
    ("internal", "index I/O or corruption failures only"),
    ("unsupported_by_backend", "only with search.backend = \"quickwit\" (tests/quickwit.rs provokes it)"),
    ("backend_unavailable", "only with search.backend = \"quickwit\" (tests/quickwit.rs provokes it)"),
    ("bad_request", "a malformed request head, answered by the connection before routing (serve.rs; tested over a socket)"),
    ("uri_too_long", "answered by the connection before routing (serve.rs; tested over a socket)"),
    ("headers_too_large", "answered by the connection before routing (serve.rs; tested over a socket)"),
];

#[tokio::test]
async fn snapshot_every_error_code() {
    let s = state();
    let mut cases = Vec::new();
    for uri in [
        "/api/search?q=(peace",
        "/api/search?q=peace%20AND",
        "/api/search?q=%22peace%20process",
        "/api/search?q=published:%5B2020%20TO",
        "/api/search?from=2020-13-01",
        "/api/search?to=yesterday",
        "/api/timeline?from=2020-02-30",
        "/api/search?limit=100000",
        "/api/search?facets=people&facet_limit=100000",
        "/api/entities?limit=5000",
        "/api/entities/person/Zalmay%20Khalilzad?limit=101",
        "/api/search?limit=ten",
        "/api/search?offset=-1",
        "/api/search?sort=sideways",
        "/api/search?facets=colours",
        "/api/search?interval=fortnight",
        "/api/search?collapse=maybe",
        "/api/search?format=xml",
        "/api/entities?type=colour",
        "/api/entities/colour/red",
        "/api/entities/person/Zalmay%20Khalilzad?interval=decade",
        "/api/timeline?target=people",
        "/api/timeline?series=Zalmay",
        "/api/timeline?series=colour:red",
        "/api/search?qq=peace",
        "/api/quotes?speakers=Sara%20Malik",
        "/api/entities?prefix=kha&q=x",
        "/api/entities/person/Zalmay%20Khalilzad?full=1",
        "/api/timeline?series=person:Sara%20Malik&serie=x",
        "/api/timeline?q=peace&limit=5",
        "/healthz?verbose=1",
        "/metrics?format=json",
        "/openapi.json?v=3",
        "/api/stats?verbose=1",
        "/api/search?cursor=zzz",
        "/api/nothing",
        "/api/articles/doesnotexist",
        "/api/articles/%FF",
        "/api/entities/person/%C3%28",
        "/assets/%FF",
        "/api/entities/person/Nobody%20Atall",
        "/assets/nope.js",
    ] {
        cases.push(error_get(&s, uri).await);
    }
    cases.push(
        error_req(
            &s,
            "DELETE /api/search",
            Request::delete("/api/search").body(Body::empty()).unwrap(),
        )
        .await,
    );
    cases.push(
        error_req(
            &s,
            "GET /api/articles",
            Request::get("/api/articles").body(Body::empty()).unwrap(),
        )
        .await,
    );

    // Writes.
    let body = r#"{"title":"t","maintext":"A truce held in Hodeidah."}"#;
    cases.push(
        error_req(
            &s,
            "POST /api/articles (no server.api_token)",
            post_request(body, Some("Bearer secret")),
        )
        .await,
    );
    let w = writable(|c| c.server.max_body_bytes = 256);
    cases.push(
        error_req(
            &w,
            "POST /api/articles without Authorization",
            post_request(body, None),
        )
        .await,
    );
    cases.push(
        error_req(
            &w,
            "POST /api/articles with Bearer wrong",
            post_request(body, Some("Bearer wrong")),
        )
        .await,
    );
    cases.push(
        error_req(
            &w,
            "POST /api/articles with Basic auth",
            post_request(body, Some("Basic c2VjcmV0")),
        )
        .await,
    );
    cases.push(
        error_req(
            &w,
            "POST /api/articles, body not JSON",
            post_request("{\"title\":", Some("Bearer secret")),
        )
        .await,
    );
    cases.push(
        error_req(
            &w,
            "POST /api/articles, body a string",
            post_request("\"text\"", Some("Bearer secret")),
        )
        .await,
    );
    cases.push(
        error_req(
            &w,
            "POST /api/articles, article without text",
            post_request(r#"[{"title":"t","maintext":"  "}]"#, Some("Bearer secret")),
        )
        .await,
    );
    let big = format!(r#"{{"title":"t","maintext":"{}"}}"#, "x".repeat(300));
    cases.push(
        error_req(
            &w,
            "POST /api/articles, 328-byte body over max_body_bytes = 256",
            post_request(big.clone(), Some("Bearer secret")),
        )
        .await,
    );
    cases.push(
        error_req(
            &w,
            "POST /api/articles, 328-byte body over the limit, without token",
            post_request(big, None),
        )
        .await,
    );
    {
        // Another writer (as `sitrep index` would be) holds the index lock.
        let _held = w.index.writer(1).unwrap();
        cases.push(
            error_req(
                &w,
                "POST /api/articles while another writer holds the index",
                post_request(body, Some("Bearer secret")),
            )
            .await,
        );
    }
    {
        // A write waiting longer than request_timeout_secs = 1 (here behind another write).
        let t = writable(|c| c.server.request_timeout_secs = 1);
        let _busy = t.write_lock.lock().await;
        cases.push(
            error_req(
                &t,
                "POST /api/articles waiting > request_timeout_secs = 1",
                post_request(body, Some("Bearer secret")),
            )
            .await,
        );
    }

    let mut seen = std::collections::BTreeSet::new();
    let mut rows = Vec::new();
    for c in &cases {
        let r = &c.reply;
        assert!(
            r.content_type.starts_with("application/json"),
            "{}: {} {:?}",
            c.request,
            r.content_type,
            r.text()
        );
        let v = r.json();
        let code = v["error"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: no error code in {v}", c.request));
        let message = v["error"]["message"].as_str().unwrap();
        assert_eq!(v.as_object().unwrap().len(), 1, "{}: {v}", c.request);
        assert_eq!(
            v["error"].as_object().unwrap().len(),
            2,
            "{}: {v}",
            c.request
        );
        assert_eq!(
            r.status,
            sitrep_server::error::status_of(code),
            "{}: {v}",
            c.request
        );
        assert!(
            !message.is_empty() && !message.ends_with('.'),
            "{}: {message:?}",
            c.request
        );
        seen.insert(code.to_string());
        rows.push(
            serde_json::json!({ "request": c.request, "status": r.status.as_u16(), "body": v }),
        );
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_description("every error code that an HTTP request can provoke");
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_json_snapshot!("errors", rows));

    for (_, code, _) in sitrep_server::error::CODES {
        let unreachable = NOT_VIA_HTTP.iter().any(|(c, _)| c == code);
        assert_eq!(
            seen.contains(*code),
            !unreachable,
            "{code}: provoked = {}, listed as not provokable = {unreachable}",
            seen.contains(*code)
        );
    }
}

#[test]
fn readme_lists_every_error_code() {
    let readme = std::fs::read_to_string(common::fixtures().join("../../README.md")).unwrap();
    for (_, code, status) in sitrep_server::error::CODES {
        let row = format!("| `{code}` | {} |", status.as_u16());
        assert!(
            readme.contains(&row),
            "README.md error table lacks the row starting {row:?}"
        );
    }
}

/// An index of two near-duplicate copies of one invented story (the second linked to the first
/// with `duplicate_of`) and one other story.
fn copies_index() -> SitrepIndex {
    let index = SitrepIndex::in_memory().unwrap();
    let extractor = sitrep_indexer::Extractor::new();
    let mut w = index.writer(1).unwrap();
    let story = "Dam talks stall\n\nDam talks stall\n\n2021-03-04\n\nThe talks on the Orvel dam stalled on Thursday.\n\n\
                 “The reservoir will not be filled this year,” Minister Ada Quorve warned on Thursday.\n\n\
                 Critics called the plan a “river tax” in the regional press.\n";
    let other = "Bridge reopens\n\nBridge reopens\n\n2021-03-05\n\nThe Kelmore bridge reopened on Friday.\n\n\
                 “Traffic will flow again by the weekend,” said Ivo Renn, the city engineer.\n";
    for (i, (id, text)) in [("c1", story), ("c2", story), ("c3", other)]
        .into_iter()
        .enumerate()
    {
        let name = format!("{id}.txt");
        let mut doc = sitrep_indexer::read_bytes(
            std::path::Path::new(&name),
            &name,
            text.as_bytes(),
            &Default::default(),
        )
        .unwrap()
        .documents
        .remove(0);
        doc.id = id.to_string();
        let mut rec = ArticleRecord::new(extractor.extract(doc));
        if i == 1 {
            rec.duplicate_of = Some("c1".into());
        }
        w.add_article(&rec, &name, 1, None).unwrap();
    }
    w.commit().unwrap();
    index.reload().unwrap();
    index
}

#[tokio::test]
async fn quotes_each_statement_once_terms_and_cues() {
    let s = AppState::new(copies_index(), Config::default());
    // each statement once, with the copy's article listed
    let (st, v) = get(&s, "/api/quotes?q=reservoir").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["total"], 1, "{v}");
    let hit = &v["hits"][0];
    assert_eq!(hit["also_in"], serde_json::json!(["c2"]), "{hit}");
    assert_eq!(hit["display"], "The reservoir will not be filled this year");
    assert_eq!(hit["text"], "The reservoir will not be filled this year,");
    assert_eq!(hit["cue_lemma"], "warn");
    assert_eq!(hit["kind"], "statement");
    // every copy when asked
    let (_, v) = get(&s, "/api/quotes?q=reservoir&all_copies=true").await;
    assert_eq!(v["total"], 2, "{v}");
    // speaker facets count the statement once
    let (_, v) = get(&s, "/api/quotes?facets=speakers").await;
    assert_eq!(v["total"], 2, "{v}");
    assert!(
        v["facets"]["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["count"] == 1),
        "{v}"
    );
    // terms stay out unless asked for
    let (_, v) = get(&s, "/api/quotes?q=river").await;
    assert_eq!(v["total"], 0, "{v}");
    let (_, v) = get(&s, "/api/quotes?q=river&terms=true").await;
    assert!(v["total"].as_u64().unwrap() >= 1, "{v}");
    assert_eq!(v["hits"][0]["kind"], "term");
    // the cue: any form filters, the lemma is counted
    for cue in ["warn", "warned", "WARNS"] {
        let (st, v) = get(&s, &format!("/api/quotes?cue={cue}")).await;
        assert_eq!(st, StatusCode::OK, "{v}");
        assert_eq!(v["total"], 1, "{cue}: {v}");
    }
    let (_, v) = get(&s, "/api/quotes?facets=cues").await;
    let cues: Vec<(String, u64)> = v["facets"]["cues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_string(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cues,
        [("say".to_string(), 1), ("warn".to_string(), 1)],
        "{v}"
    );
    // a cue picked in any form is listed once, as its lemma
    let (_, v) = get(&s, "/api/quotes?facets=cues&cue=warned").await;
    let cues: Vec<&str> = v["facets"]["cues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        cues.iter()
            .filter(|c| c.starts_with("warn"))
            .collect::<Vec<_>>(),
        [&"warn"],
        "{v}"
    );
    let (st, v) = get(&s, "/api/quotes?terms=maybe").await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{v}");
}

/// A posted article and the same article read from a `.json` file by an indexing run take the
/// one path into the index and are stored alike. Only the fields that say where an article came
/// from differ, and they are listed here: `id` (hashed from the path or posted key), `path` and
/// `paths` (the file's path, or `api:{key}`).
#[tokio::test]
async fn a_posted_article_and_the_same_article_from_a_file_are_stored_alike() {
    const WHERE_FROM: [&str; 3] = ["id", "path", "paths"];
    let article = r#"{"id":"porvel-truce","title":"Truce holds in Porvel","maintext":["PORVEL, 4 May 2021 -- A truce held in Porvel on Sunday, officials of the Northern League said.","“The guns are silent,” said Ivo Renn, the envoy of the Northern League, on Sunday."],"date_publish":"2021-05-04","url":"https://example.org/porvel","source_domain":"example.org","authors":["Ada Quorve"],"language":"en"}"#;
    let s = writable(|_| {});
    let r = send(&s, post_request(article, Some("Bearer secret"))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let posted_id = r.json()["ids"][0].as_str().unwrap().to_string();
    let posted = s.index.article(&posted_id).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("porvel.json");
    std::fs::write(&file, article).unwrap();
    let index = SitrepIndex::in_memory().unwrap();
    let opts = sitrep_pipeline::IndexOptions {
        roots: vec![dir.path().to_path_buf()],
        prune: false,
        full: false,
        threads: 1,
        commit_every: 10,
        read: Default::default(),
    };
    let summary = sitrep_pipeline::run_index(
        &index,
        &sitrep_indexer::Extractor::new(),
        &opts,
        &sitrep_pipeline::NoProgress,
    )
    .unwrap();
    assert_eq!(summary.articles_indexed, 1, "{summary:?}");
    let file_id = sitrep_indexer::document::article_id(
        &sitrep_indexer::document::canonical_path(&file),
        None,
    );
    let from_file = index.article(&file_id).unwrap();

    assert_eq!(posted.article.path, "api:porvel-truce");
    assert_eq!(from_file.article.path, file.display().to_string());
    assert_ne!(posted_id, file_id);
    let without = |rec: &ArticleRecord| {
        let mut v = serde_json::to_value(rec).unwrap();
        for k in WHERE_FROM {
            v.as_object_mut().unwrap().remove(k);
        }
        v
    };
    let (p, f) = (without(&posted), without(&from_file));
    assert_eq!(p, f);
    // The record carries what the JSON reader maps: authors, declared language, date, source.
    assert_eq!(p["authors"], serde_json::json!(["Ada Quorve"]), "{p}");
    assert_eq!(p["language"], "en");
    assert_eq!(p["published"], "2021-05-04");
    assert_eq!(p["source"], "example.org");
}

/// Posted articles go through the exact duplicate pass of an indexing run (the second copy is
/// stored once, as an alias) and are read through the configured `[json_fields]`.
#[tokio::test]
async fn posted_articles_are_deduplicated_and_read_through_json_fields() {
    let s = writable(|c| {
        c.json_fields.text = vec!["story".into()];
        c.json_fields.id = vec!["ref".into()];
    });
    let body = |r: &str| {
        format!(
            r#"{{"ref":"{r}","headline":"Ferry service resumes at Kelmore","story":"The ferry to Kelmore sailed again on Monday after a week of storms, the port office said."}}"#
        )
    };
    for r in ["kelmore-1", "kelmore-2"] {
        let res = send(&s, post_request(body(r), Some("Bearer secret"))).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    }
    let (_, v) = get(&s, "/api/search?q=Kelmore").await;
    assert_eq!(v["total"], 1, "{v}");
    let id = v["hits"][0]["id"].as_str().unwrap().to_string();
    let (_, rec) = get(&s, &format!("/api/articles/{id}")).await;
    assert_eq!(rec["path"], "api:kelmore-1", "{rec}");
    assert_eq!(
        rec["paths"],
        serde_json::json!(["api:kelmore-1", "api:kelmore-2"]),
        "{rec}"
    );
    assert_eq!(rec["title"], "Ferry service resumes at Kelmore");
    // The field map is the configured one: `maintext` is no longer read.
    let res = send(
        &s,
        post_request(
            r#"{"title":"t","maintext":"Some words here."}"#,
            Some("Bearer secret"),
        ),
    )
    .await;
    assert_eq!(
        (res.status, res.json()["error"]["code"].clone()),
        (StatusCode::BAD_REQUEST, serde_json::json!("invalid_body"))
    );
}

/// The OpenAPI document and the server agree: every query parameter a GET route documents is
/// accepted there, and every parameter some other route documents but this one does not is
/// refused as unknown.
#[tokio::test]
async fn every_documented_parameter_is_accepted_and_no_other() {
    let s = state();
    let (_, found) = get(&s, "/api/search?limit=1").await;
    let id = found["hits"][0]["id"].as_str().unwrap().to_string();
    let (_, doc) = get(&s, "/openapi.json").await;
    let sample = |name: &str| match name {
        "limit" | "offset" | "facet_limit" => "1",
        "collapse" | "terms" | "all_copies" => "true",
        "interval" => "month",
        "sort" => "newest",
        "format" => "json",
        "type" => "person",
        "target" => "articles",
        "series" => "person:x",
        "from" | "to" => "2020",
        "facets" => "people",
        _ => "x",
    };
    let mut routes = Vec::new();
    let mut every = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(op) = item.get("get") else { continue };
        let names: std::collections::BTreeSet<String> = op["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter(|p| p["in"] == "query")
                    .map(|p| p["name"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default();
        every.extend(names.iter().cloned());
        let uri = path
            .replace("{id}", &id)
            .replace("{kind}", "person")
            .replace("{name}", "Zalmay%20Khalilzad");
        routes.push((uri, names));
    }
    assert!(routes.len() >= 8, "{routes:?}");
    let unknown = |v: &serde_json::Value| {
        v["error"]["code"] == "unknown_parameter" || v.to_string().contains("unknown parameter")
    };
    for (uri, names) in &routes {
        for name in names {
            // a cursor must come from a previous page: any other value is refused as invalid,
            // which still shows the name is known
            let (st, v) = get(&s, &format!("{uri}?{name}={}", sample(name))).await;
            assert!(!unknown(&v), "{uri} documents '{name}' but refuses it: {v}");
            assert!(
                st.is_success() || name == "cursor",
                "{uri}?{name}: {st} {v}"
            );
        }
        for name in every.difference(names) {
            let (st, v) = get(&s, &format!("{uri}?{name}={}", sample(name))).await;
            assert_eq!(
                st,
                StatusCode::BAD_REQUEST,
                "{uri} accepts '{name}', which it does not document: {v}"
            );
            assert!(unknown(&v), "{uri}?{name}: {v}");
        }
    }
}

/// Every GET example of the README's HTTP section answers 200 with something in it, on the
/// bundled corpus.
#[tokio::test]
async fn readme_http_examples_find_something_in_the_bundled_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let s = AppState::new(folder_index(&root.join("corpus")), Config::default());
    let (_, found) = get(&s, "/api/search?limit=1").await;
    let id = found["hits"][0]["id"].as_str().unwrap().to_string();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut ran = 0;
    for line in readme
        .lines()
        .filter(|l| l.starts_with("curl 'http://127.0.0.1:7700/"))
    {
        let uri = line
            .split('\'')
            .nth(1)
            .unwrap()
            .trim_start_matches("http://127.0.0.1:7700")
            .replace("ID", &id);
        let (st, v) = get(&s, &uri).await;
        assert_eq!(st, StatusCode::OK, "{line}: {v}");
        let empty = match &v {
            serde_json::Value::String(text) => text.lines().count() < 2,
            v if v.get("total").is_some() => v["total"] == 0,
            v if v.get("values").is_some() => v["values"].as_array().unwrap().is_empty(),
            v if v.get("series").is_some() => v["series"].as_array().unwrap().iter().all(|s| {
                s["buckets"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|b| b["count"] == 0)
            }),
            v if v.get("articles").is_some() => v["articles"] == 0,
            _ => v.as_object().is_none_or(|o| o.is_empty()),
        };
        assert!(!empty, "{line} found nothing: {v}");
        ran += 1;
    }
    assert!(ran >= 8, "only {ran} examples");
}
