//! sitrep-server: the HTTP API (`app`) and the `sitrep` command line (`cli`).

pub mod cache;
pub mod cli;
pub mod config;
pub mod error;
pub mod export;
pub mod ingest;
pub mod metrics;
pub mod openapi;
pub mod params;
pub mod serve;
pub mod web;

use crate::error::{ApiError, ErrorCode};
use crate::params::{
    accepted, format, search_request, Format, Params, PathParams, FILTER_PARAMS, PAGE_PARAMS,
    QUOTE_PARAMS, TIMELINE_PARAMS,
};
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use sitrep_search::{FacetField, Interval, SearchRequest, SitrepIndex, Target};
use std::sync::Arc;
use std::time::Duration;

/// Shared state of the HTTP API.
#[derive(Clone)]
pub struct AppState {
    pub index: SitrepIndex,
    pub config: Arc<config::Config>,
    pub metrics: Arc<metrics::Metrics>,
    /// Needed only for `POST /api/articles`.
    pub extractor: Option<Arc<sitrep_indexer::Extractor>>,
    /// Serialises writes from `POST /api/articles`.
    pub write_lock: Arc<tokio::sync::Mutex<()>>,
    /// Answers of repeated read-only requests, valid for one index generation.
    pub cache: Arc<cache::ResponseCache>,
    /// With `search.backend = "quickwit"`: the cluster that answers searches and timelines.
    pub quickwit: Option<sitrep_quickwit::QuickwitSearch>,
}

impl AppState {
    pub fn new(index: SitrepIndex, config: config::Config) -> AppState {
        let cache = Arc::new(cache::ResponseCache::new(config.server.cache_mb));
        // commits (POST, DELETE, an indexing run beside the server) prepare their state before
        // searches see it, so that searches do not wait for it
        if let Err(e) = index.warm_on_reload() {
            tracing::warn!(error = %e, "could not prepare the index for searches");
        }
        AppState {
            index,
            config: Arc::new(config),
            metrics: Arc::new(metrics::Metrics::default()),
            extractor: None,
            write_lock: Arc::new(tokio::sync::Mutex::new(())),
            cache,
            quickwit: None,
        }
    }

    /// The state of a server whose searches and timelines the cluster answers. The response
    /// cache is off: it follows the commits of a local index, not the cluster's.
    pub fn with_quickwit(
        index: SitrepIndex,
        mut config: config::Config,
        search: sitrep_quickwit::QuickwitSearch,
    ) -> AppState {
        config.server.cache_mb = 0;
        AppState {
            quickwit: Some(search),
            ..AppState::new(index, config)
        }
    }

    /// `unsupported_by_backend` for an endpoint the Quickwit backend does not serve.
    fn local_only(&self, what: &str) -> Result<(), ApiError> {
        match self.quickwit {
            Some(_) => Err(sitrep_quickwit::QuickwitError::Unsupported(what.to_string()).into()),
            None => Ok(()),
        }
    }
}

/// Runs blocking index work off the async runtime.
async fn blocking<T, F>(f: F) -> Result<T, ApiError>
where
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
}

/// The HTTP application.
pub fn app(state: AppState) -> Router {
    let cfg = state.config.clone();
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_handler))
        .route("/api/search", get(search))
        .route("/api/quotes", get(quotes))
        .route("/api/articles", axum::routing::post(ingest::post_articles))
        .route(
            "/api/articles/{id}",
            get(article).delete(ingest::delete_article),
        )
        .route("/api/entities", get(entities))
        .route("/api/entities/{kind}/{name}", get(entity_profile))
        .route("/api/timeline", get(timeline))
        .route("/api/stats", get(stats))
        .route("/openapi.json", get(openapi::serve))
        .merge(web::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cache::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .with_state(state);
    router = router
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(axum::extract::DefaultBodyLimit::max(
            cfg.server.max_body_bytes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Duration::from_secs(cfg.server.request_timeout_secs.max(1)),
            time_limit,
        ));
    if !cfg.server.cors_origins.is_empty() {
        let origins: Vec<HeaderValue> = cfg
            .server
            .cors_origins
            .iter()
            .filter_map(|o| o.parse().ok())
            .collect();
        router = router.layer(
            tower_http::cors::CorsLayer::new()
                .allow_origin(origins)
                .allow_methods([Method::GET, Method::POST, Method::DELETE])
                .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]),
        );
    }
    router
}

/// Answers `timeout` (503) when a request takes longer than `server.request_timeout_secs`
/// to produce its response head (an export that has started streaming is not cut off).
async fn time_limit(
    State(limit): State<Duration>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError::coded(
            ErrorCode::Timeout,
            format!(
                "the request took longer than {}s (server.request_timeout_secs)",
                limit.as_secs()
            ),
        )
        .into_response(),
    }
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such endpoint")
}

async fn method_not_allowed() -> ApiError {
    ApiError::coded(
        ErrorCode::MethodNotAllowed,
        "method not allowed for this endpoint",
    )
}

#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "the server and its index are up")))]
async fn healthz(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<serde_json::Value>, ApiError> {
    Params::parse(raw.as_deref()).check(&[])?;
    if let Some(qw) = s.quickwit.clone() {
        let articles = blocking(move || Ok(qw.count()?)).await?;
        return Ok(Json(
            serde_json::json!({ "status": "ok", "articles": articles, "backend": "quickwit" }),
        ));
    }
    let idx = s.index.clone();
    let articles = blocking(move || Ok(idx.count(sitrep_search::schema::KIND_ARTICLE)?)).await?;
    Ok(Json(
        serde_json::json!({ "status": "ok", "articles": articles }),
    ))
}

#[utoipa::path(get, path = "/metrics", responses((status = 200, description = "Prometheus metrics", content_type = "text/plain")))]
async fn metrics_handler(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref()).check(&[])?;
    let idx = s.index.clone();
    let m = s.metrics.clone();
    let cache = s.cache.counts();
    let text = blocking(move || {
        let stats = idx.stats()?;
        Ok(m.render(&stats, cache))
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response())
}

fn limits(s: &AppState) -> (usize, usize) {
    (s.config.search.default_limit, s.config.search.facet_limit)
}

#[utoipa::path(get, path = "/api/search", params(openapi::FilterParamsDoc, openapi::PageParamsDoc),
    responses((status = 200, description = "a page of hits (json), or every matching article (format=csv or ndjson)", content(
        (sitrep_search::SearchResponse<sitrep_search::ArticleHit> = "application/json"),
        (String = "text/csv"),
        (String = "application/x-ndjson"))),
        (status = 400, description = "invalid request", body = openapi::ErrorBody)))]
async fn search(State(s): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref());
    p.check(&accepted(&[FILTER_PARAMS, PAGE_PARAMS]))?;
    let (dl, fl) = limits(&s);
    let req = search_request(&p, Target::Articles, dl, fl)?;
    let fmt = format(&p)?;
    if let Some(qw) = s.quickwit.clone() {
        if fmt != Format::Json {
            s.local_only("a csv or ndjson export")?;
        }
        let res = blocking(move || Ok(qw.search(&req)?)).await?;
        return Ok(Json(res).into_response());
    }
    let idx = s.index.clone();
    if fmt != Format::Json {
        return export(idx, req, fmt).await;
    }
    let res = blocking(move || Ok(idx.search(&req)?)).await?;
    Ok(Json(res).into_response())
}

#[utoipa::path(get, path = "/api/quotes", params(openapi::FilterParamsDoc, openapi::PageParamsDoc, openapi::QuoteParamsDoc),
    responses((status = 200, description = "a page of quotations (json), or every matching one (format=csv or ndjson)", content(
        (sitrep_search::SearchResponse<sitrep_search::QuoteHit> = "application/json"),
        (String = "text/csv"),
        (String = "application/x-ndjson"))),
        (status = 400, description = "invalid request", body = openapi::ErrorBody)))]
async fn quotes(State(s): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref());
    p.check(&accepted(&[FILTER_PARAMS, PAGE_PARAMS, QUOTE_PARAMS]))?;
    let (dl, fl) = limits(&s);
    let mut req = search_request(&p, Target::Quotes, dl, fl)?;
    if p.get("facets").is_none() {
        req.facets = vec![FacetField::Speaker];
    }
    let fmt = format(&p)?;
    if let Some(qw) = s.quickwit.clone() {
        if fmt != Format::Json {
            s.local_only("a csv or ndjson export")?;
        }
        let res = blocking(move || Ok(qw.search_quotes(&req)?)).await?;
        return Ok(Json(res).into_response());
    }
    let idx = s.index.clone();
    if fmt != Format::Json {
        return export(idx, req, fmt).await;
    }
    let res = blocking(move || Ok(idx.search_quotes(&req)?)).await?;
    Ok(Json(res).into_response())
}

/// Streams every matching row as CSV or NDJSON.
async fn export(idx: SitrepIndex, req: SearchRequest, fmt: Format) -> Result<Response, ApiError> {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<bytes::Bytes, std::io::Error>>(64);
    let req2 = req.clone();
    // Validate the query before answering 200.
    let idx2 = idx.clone();
    let (searcher, docs) = blocking(move || Ok(idx2.matching(&req2)?)).await?;
    tokio::task::spawn_blocking(move || {
        let quotes = req.target == Target::Quotes;
        if fmt == Format::Csv {
            let cols = if quotes {
                export::QUOTE_COLUMNS
            } else {
                export::ARTICLE_COLUMNS
            };
            if tx
                .blocking_send(Ok(export::csv_header(cols).into()))
                .is_err()
            {
                return;
            }
        }
        for (score, addr) in docs {
            let line = if quotes {
                match idx.quote_at(&searcher, addr) {
                    Ok(quote) => {
                        let hit = sitrep_search::QuoteHit {
                            highlight: String::new(),
                            quote,
                            score,
                        };
                        match fmt {
                            Format::Csv => export::csv_line(&export::quote_row(&hit)),
                            _ => {
                                serde_json::to_string(&export::QuoteLine::of(&hit))
                                    .unwrap_or_default()
                                    + "\n"
                            }
                        }
                    }
                    Err(e) => {
                        let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
                        return;
                    }
                }
            } else {
                match idx.article_at(&searcher, addr) {
                    Ok(rec) => {
                        let hit = idx.hit_from_record(rec, score);
                        match fmt {
                            Format::Csv => export::csv_line(&export::article_row(&hit)),
                            _ => serde_json::to_string(&hit).unwrap_or_default() + "\n",
                        }
                    }
                    Err(e) => {
                        let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
                        return;
                    }
                }
            };
            if tx.blocking_send(Ok(line.into())).is_err() {
                return; // client went away
            }
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let ctype = if fmt == Format::Csv {
        "text/csv; charset=utf-8"
    } else {
        "application/x-ndjson"
    };
    Ok(([(header::CONTENT_TYPE, ctype)], Body::from_stream(stream)).into_response())
}

#[utoipa::path(get, path = "/api/articles/{id}", params(("id" = String, Path, description = "article id")),
    responses((status = 200, body = sitrep_search::ArticleRecord), (status = 400, description = "invalid request", body = openapi::ErrorBody), (status = 404, description = "unknown article", body = openapi::ErrorBody)))]
async fn article(
    State(s): State<AppState>,
    PathParams(id): PathParams<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref()).check(&[])?;
    s.local_only("the article view")?;
    let idx = s.index.clone();
    let rec = blocking(move || Ok(idx.article(&id)?)).await?;
    Ok(Json(rec).into_response())
}

/// The facet an entity type names (any case, any accepted synonym); the error lists the types.
pub(crate) fn facet_from_type(t: &str) -> Result<FacetField, ApiError> {
    FacetField::from_api_name(t).ok_or_else(|| {
        let types: Vec<&str> = FacetField::ALL
            .iter()
            .filter(|f| **f != FacetField::Cue)
            .map(|f| f.type_name())
            .collect();
        ApiError::bad_parameter(format!(
            "unknown entity type '{t}' (types: {})",
            types.join(", ")
        ))
    })
}

#[utoipa::path(get, path = "/api/entities", params(("type" = Option<String>, Query, description = "person | organisation | location | speaker | source | actor_country | actor_role | language"), ("prefix" = Option<String>, Query, description = "word prefix"), ("limit" = Option<usize>, Query)),
    responses((status = 200, description = "`{type, values:[{value,count}]}`"), (status = 400, description = "invalid request", body = openapi::ErrorBody)))]
async fn entities(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref());
    p.check(&["type", "prefix", "limit"])?;
    s.local_only("the list of facet values")?;
    let facet = facet_from_type(p.get("type").unwrap_or("person"))?;
    let limit = p.usize("limit")?.unwrap_or(20);
    sitrep_search::check_limit("limit", limit, sitrep_search::MAX_LIMIT)?;
    let prefix = p.get("prefix").map(str::to_string);
    let idx = s.index.clone();
    let values = blocking(move || Ok(idx.facet_values(facet, prefix.as_deref(), limit)?)).await?;
    Ok(Json(serde_json::json!({ "type": facet.type_name(), "values": values })).into_response())
}

/// Most co-occurring actors and quotes a profile lists.
const MAX_PROFILE_LIMIT: usize = 100;

#[utoipa::path(get, path = "/api/entities/{kind}/{name}", params(("kind" = String, Path, description = "person | organisation | location | speaker | source"), ("name" = String, Path), ("interval" = Option<String>, Query), ("limit" = Option<usize>, Query, description = "co-occurring actors and quotes listed, at most 100")),
    responses((status = 200, body = sitrep_search::entities::Profile), (status = 400, description = "invalid request", body = openapi::ErrorBody), (status = 404, description = "not in the index", body = openapi::ErrorBody)))]
async fn entity_profile(
    State(s): State<AppState>,
    PathParams((kind, name)): PathParams<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref());
    p.check(&["interval", "limit"])?;
    s.local_only("an actor profile")?;
    let facet = facet_from_type(&kind)?;
    let interval = p
        .get("interval")
        .map(|i| i.parse::<Interval>())
        .transpose()?
        .unwrap_or(Interval::Month);
    let top = p.usize("limit")?.unwrap_or(10);
    sitrep_search::check_limit("limit", top, MAX_PROFILE_LIMIT)?;
    let idx = s.index.clone();
    let who = name.clone();
    let profile = blocking(move || Ok(idx.profile(facet, &who, interval, top)?)).await?;
    match profile {
        Some(p) => Ok(Json(p).into_response()),
        None => Err(ApiError::not_found(format!(
            "no {kind} named '{name}' in the index"
        ))),
    }
}

#[utoipa::path(get, path = "/api/timeline", params(openapi::FilterParamsDoc, openapi::QuoteParamsDoc,
        ("interval" = Option<String>, Query, description = "day | week | month | year"),
        ("series" = Option<Vec<String>>, Query, description = "extra series as field:value; repeatable"),
        ("target" = Option<String>, Query, description = "articles | quotes"),
    ),
    responses((status = 200, description = "`{interval, series:[{name, buckets:[{date,count}]}]}`"), (status = 400, description = "invalid request", body = openapi::ErrorBody)))]
async fn timeline(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref());
    // The query and filters of a search, the bucket size and the series; paging, sorting,
    // facets, collapsing and export formats have no meaning for a histogram.
    p.check(&accepted(&[FILTER_PARAMS, QUOTE_PARAMS, TIMELINE_PARAMS]))?;
    let target = match p.get("target").unwrap_or("articles") {
        "articles" => Target::Articles,
        "quotes" => Target::Quotes,
        t => {
            return Err(ApiError::bad_parameter(format!(
                "unknown target '{t}' (expected articles or quotes)"
            )))
        }
    };
    let (dl, fl) = limits(&s);
    let req = search_request(&p, target, dl, fl)?;
    let interval = req.histogram.unwrap_or(Interval::Week);
    let series = parse_series(&p.all("series"))?;
    let out = match s.quickwit.clone() {
        Some(qw) => {
            blocking(move || Ok(qw.timeline(&req.q, target, &req.filters, interval, &series)?))
                .await?
        }
        None => {
            let idx = s.index.clone();
            blocking(move || Ok(idx.timeline(&req.q, target, &req.filters, interval, &series)?))
                .await?
        }
    };
    let series: Vec<serde_json::Value> = out
        .into_iter()
        .map(|(name, buckets)| serde_json::json!({ "name": name, "buckets": buckets }))
        .collect();
    Ok(Json(serde_json::json!({ "interval": interval, "series": series })).into_response())
}

/// Parses `series=person:Joe Biden` values into named filter sets.
pub fn parse_series(values: &[String]) -> Result<Vec<(String, sitrep_search::Filters)>, ApiError> {
    values
        .iter()
        .map(|v| {
            let (field, value) = v.split_once(':').ok_or_else(|| {
                ApiError::bad_parameter(format!(
                    "series must look like field:value (e.g. person:Joe Biden), not {v:?}"
                ))
            })?;
            let f = FacetField::from_api_name(field.trim()).ok_or_else(|| {
                ApiError::bad_parameter(format!("unknown series field '{field}'"))
            })?;
            let mut filters = sitrep_search::Filters::default();
            filters.values_mut(f).push(value.trim().to_string());
            Ok((v.clone(), filters))
        })
        .collect()
}

#[utoipa::path(get, path = "/api/stats", responses((status = 200, body = sitrep_search::entities::Stats), (status = 400, description = "unknown parameter", body = openapi::ErrorBody)))]
async fn stats(State(s): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref()).check(&[])?;
    s.local_only("index statistics")?;
    let idx = s.index.clone();
    let stats = blocking(move || Ok(idx.stats()?)).await?;
    Ok(Json(stats).into_response())
}
