//! Request counters and latencies in Prometheus text format.

use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Instant;

/// Latency histogram bucket bounds in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
struct Route {
    by_status: BTreeMap<u16, u64>,
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Per-route request metrics.
#[derive(Default)]
pub struct Metrics {
    routes: Mutex<BTreeMap<String, Route>>,
}

impl Metrics {
    pub fn observe(&self, route: &str, status: u16, secs: f64) {
        let mut routes = self.routes.lock().unwrap_or_else(|p| p.into_inner());
        let r = routes.entry(route.to_string()).or_default();
        *r.by_status.entry(status).or_default() += 1;
        r.count += 1;
        r.sum += secs;
        for (i, b) in BUCKETS.iter().enumerate() {
            if secs <= *b {
                r.buckets[i] += 1;
            }
        }
    }

    /// Prometheus exposition text, with index gauges.
    /// `cache` is (hits, misses) of the response cache.
    pub fn render(&self, stats: &sitrep_search::entities::Stats, cache: (u64, u64)) -> String {
        let mut out = String::new();
        out.push_str("# HELP sitrep_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE sitrep_http_requests_total counter\n");
        let routes = self.routes.lock().unwrap_or_else(|p| p.into_inner());
        for (route, r) in routes.iter() {
            for (status, n) in &r.by_status {
                out.push_str(&format!(
                    "sitrep_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}\n"
                ));
            }
        }
        out.push_str(
            "# HELP sitrep_http_request_duration_seconds HTTP request latency by route.\n",
        );
        out.push_str("# TYPE sitrep_http_request_duration_seconds histogram\n");
        for (route, r) in routes.iter() {
            for (i, b) in BUCKETS.iter().enumerate() {
                out.push_str(&format!("sitrep_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{b}\"}} {}\n", r.buckets[i]));
            }
            out.push_str(&format!(
                "sitrep_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n",
                r.count
            ));
            out.push_str(&format!(
                "sitrep_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n",
                r.sum
            ));
            out.push_str(&format!(
                "sitrep_http_request_duration_seconds_count{{route=\"{route}\"}} {}\n",
                r.count
            ));
        }
        for (name, help, v) in [
            (
                "sitrep_index_articles",
                "Articles in the index.",
                stats.articles as u64,
            ),
            (
                "sitrep_index_quotes",
                "Quotations in the index.",
                stats.quotes as u64,
            ),
            (
                "sitrep_index_size_bytes",
                "Index size on disk.",
                stats.size_bytes,
            ),
        ] {
            out.push_str(&format!(
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {v}\n"
            ));
        }
        for (name, help, v) in [
            (
                "sitrep_cache_hits_total",
                "API answers served from the response cache.",
                cache.0,
            ),
            (
                "sitrep_cache_misses_total",
                "Cacheable API requests computed afresh.",
                cache.1,
            ),
        ] {
            out.push_str(&format!(
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}\n"
            ));
        }
        out
    }
}

/// Middleware recording every request.
pub async fn track(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let t0 = Instant::now();
    let res = next.run(req).await;
    s.metrics
        .observe(&route, res.status().as_u16(), t0.elapsed().as_secs_f64());
    res
}
