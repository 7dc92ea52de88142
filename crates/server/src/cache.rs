//! A response cache for the read-only JSON endpoints, as search engines keep for repeated
//! dashboard queries (Elasticsearch's request cache, Solr's query result cache).
//!
//! A response is kept under its path and query string together with the index generation it was
//! computed on. Any commit (a `sitrep index` run, `POST /api/articles`) opens a new generation, so
//! a cached answer is never served once the index has changed. Only successful JSON answers of
//! `GET /api/...` are kept; exports (CSV, NDJSON) stream and are never cached. Answers carry
//! `X-Cache: hit` or `X-Cache: miss`. Size: `server.cache_mb` (0 turns the cache off).

use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use quick_cache::sync::Cache;
use quick_cache::Weighter;
use std::sync::atomic::{AtomicU64, Ordering};

/// Answers larger than this are not kept (one would crowd out many dashboard answers).
const MAX_ENTRY_BYTES: usize = 1 << 20;

#[derive(Clone)]
struct Entry {
    generation: u64,
    body: Bytes,
}

#[derive(Clone)]
struct ByteWeighter;

impl Weighter<String, Entry> for ByteWeighter {
    fn weight(&self, key: &String, val: &Entry) -> u64 {
        (key.len() + val.body.len() + 64) as u64
    }
}

/// Cached JSON answers with hit and miss counters.
pub struct ResponseCache {
    entries: Option<Cache<String, Entry, ByteWeighter>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl ResponseCache {
    /// A cache holding up to `megabytes` of answers; 0 turns it off.
    pub fn new(megabytes: usize) -> ResponseCache {
        let capacity = (megabytes as u64) << 20;
        let entries = (capacity > 0)
            .then(|| Cache::with_weighter((megabytes * 256).max(64), capacity, ByteWeighter));
        ResponseCache {
            entries,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    pub fn enabled(&self) -> bool {
        self.entries.is_some()
    }

    /// (hits, misses) since the server started.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    fn get(&self, key: &str, generation: u64) -> Option<Bytes> {
        let e = self.entries.as_ref()?.get(key)?;
        (e.generation == generation).then_some(e.body)
    }

    fn put(&self, key: String, generation: u64, body: Bytes) {
        if let Some(c) = &self.entries {
            c.insert(key, Entry { generation, body });
        }
    }
}

fn json_response(body: Bytes, cache: &'static str) -> Response {
    let mut res = Response::new(Body::from(body));
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res.headers_mut()
        .insert("x-cache", HeaderValue::from_static(cache));
    res
}

/// Middleware: answers repeated read-only API requests from the cache.
pub async fn layer(State(s): State<AppState>, req: Request, next: Next) -> Response {
    if !s.cache.enabled() || req.method() != Method::GET || !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let key = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let generation = s.index.generation();
    if let Some(body) = s.cache.get(&key, generation) {
        s.cache.hits.fetch_add(1, Ordering::Relaxed);
        return json_response(body, "hit");
    }
    s.cache.misses.fetch_add(1, Ordering::Relaxed);
    let res = next.run(req).await;
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if res.status() != StatusCode::OK || !is_json {
        return res;
    }
    // Only answers of known, moderate size are kept: they are complete in memory already.
    let size = axum::body::HttpBody::size_hint(res.body()).exact();
    if size.is_none_or(|n| n as usize > MAX_ENTRY_BYTES) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_ENTRY_BYTES).await {
        Ok(bytes) => {
            s.cache.put(key, generation, bytes.clone());
            parts
                .headers
                .insert("x-cache", HeaderValue::from_static("miss"));
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => crate::error::ApiError::internal(format!("reading the answer failed: {e}"))
            .into_response(),
    }
}
