//! HTTP API tests through the axum router (`tower::ServiceExt::oneshot`), no sockets.

mod common;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use sitrep_search::{ArticleRecord, SitrepIndex};
use sitrep_server::{app, config::Config, AppState};
use tower::ServiceExt;

fn fixture_index() -> SitrepIndex {
    let index = SitrepIndex::in_memory().unwrap();
    let extractor = sitrep_indexer::Extractor::new();
    let mut w = index.writer(1).unwrap();
    let mut paths: Vec<_> = std::fs::read_dir(common::fixtures().join("articles")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let docs = sitrep_indexer::read_file(&p, &format!("articles/{name}"), &Default::default()).unwrap().documents;
        for mut d in docs {
            d.id = sitrep_indexer::document::article_id(&name, None);
            w.add_article(&ArticleRecord::new(extractor.extract(d)), &name, 1, None).unwrap();
        }
    }
    w.commit().unwrap();
    index.reload().unwrap();
    index
}

fn state() -> AppState {
    AppState::new(fixture_index(), Config::default())
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, serde_json::Value) {
    let res = app(state.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes).unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, v)
}

#[tokio::test]
async fn search_returns_hits_and_facets() {
    let s = state();
    let (st, v) = get(&s, "/api/search?q=peace&facets=people").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert!(v["total"].as_u64().unwrap() >= 1);
    let hit = &v["hits"][0];
    for k in ["id", "title", "published", "snippet", "people", "organisations", "locations"] {
        assert!(hit.get(k).is_some(), "hit lacks {k}: {hit}");
    }
    let people = v["facets"]["people"].as_array().unwrap();
    assert!(!people.is_empty());
    assert!(people.iter().all(|p| p["count"].as_u64().unwrap() >= 1 && p["value"].is_string()));
    assert!(v["took_ms"].is_number());
}

#[tokio::test]
async fn facets_are_disjunctive() {
    let s = state();
    let (_, all) = get(&s, "/api/search?facets=people&facet_limit=100").await;
    let (_, one) = get(&s, "/api/search?person=Zalmay%20Khalilzad&facets=people&facet_limit=100").await;
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
        ("/api/search?q=(peace", StatusCode::BAD_REQUEST, "invalid_query"),
        ("/api/search?from=2020-13-01", StatusCode::BAD_REQUEST, "invalid_date"),
        ("/api/search?limit=100000", StatusCode::BAD_REQUEST, "limit_too_large"),
        ("/api/search?limit=ten", StatusCode::BAD_REQUEST, "invalid_parameter"),
        ("/api/search?qq=peace", StatusCode::BAD_REQUEST, "unknown_parameter"),
        ("/api/search?facets=colours", StatusCode::BAD_REQUEST, "invalid_parameter"),
        ("/api/search?sort=sideways", StatusCode::BAD_REQUEST, "invalid_parameter"),
        ("/api/search?cursor=zzz", StatusCode::BAD_REQUEST, "invalid_cursor"),
        ("/api/nothing", StatusCode::NOT_FOUND, "not_found"),
    ];
    for (uri, status, code) in cases {
        let (st, v) = get(&s, uri).await;
        assert_eq!(st, status, "{uri}: {v}");
        assert_eq!(v["error"]["code"], code, "{uri}: {v}");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    let (_, v) = get(&s, "/api/search?q=(peace").await;
    assert!(v["error"]["message"].as_str().unwrap().contains("position 0"), "{v}");
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
    assert!(v["values"].as_array().unwrap().iter().any(|x| x["value"] == "Zalmay Khalilzad"), "{v}");
    let (st, v) = get(&s, "/api/entities/person/Zalmay%20Khalilzad").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["articles"], 1);
    assert!(v["quotes"].as_u64().unwrap() >= 1, "{v}");
    let (st, _) = get(&s, "/api/entities/person/Nobody%20Atall").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, v) = get(&s, "/api/timeline?interval=month&series=person:Sara%20Malik").await;
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
    assert_eq!(csv.lines().count() as u64, 1 + get(&s, "/api/search?q=peace").await.1["total"].as_u64().unwrap());
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
        let res = app(state).oneshot(req.body(Body::from(body)).unwrap()).await.unwrap();
        res.status()
    };
    assert_eq!(post(s.clone(), None).await, StatusCode::FORBIDDEN);
    let mut cfg = Config::default();
    cfg.server.api_token = "secret".into();
    let mut st = AppState::new(s.index.clone(), cfg);
    st.extractor = Some(std::sync::Arc::new(sitrep_indexer::Extractor::new()));
    assert_eq!(post(st.clone(), Some("Bearer wrong")).await, StatusCode::UNAUTHORIZED);
    assert_eq!(post(st.clone(), Some("Bearer secret")).await, StatusCode::CREATED);
    let (_, v) = get(&st, "/api/search?q=Hodeidah").await;
    assert_eq!(v["total"], 1);
}
