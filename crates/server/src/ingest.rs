//! The write endpoints of the API (`POST` and `DELETE /api/articles`), over the indexing
//! pipeline of `sitrep-pipeline`, and the progress bar the CLI draws for an indexing run.

use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sitrep_pipeline::{posted, Phase, Progress};

/// A terminal progress bar for an indexing run (hidden when `enabled` is false).
pub struct ProgressBar(indicatif::ProgressBar);

impl ProgressBar {
    pub fn new(enabled: bool) -> ProgressBar {
        if !enabled {
            return ProgressBar(indicatif::ProgressBar::hidden());
        }
        let pb = indicatif::ProgressBar::new(0);
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} files ({rate}, eta {eta}) {msg}")
                .map(|s| s.with_key("rate", |st: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{}/s", crate::cli::thousands(st.per_sec().round() as usize));
                }))
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        ProgressBar(pb)
    }
}

impl Progress for ProgressBar {
    fn phase(&self, phase: Phase, files: usize) {
        self.0.reset();
        self.0.set_length(files as u64);
        self.0.set_message(match phase {
            Phase::Compare => "comparing",
            Phase::Extract => "",
        });
    }

    fn file_done(&self) {
        self.0.inc(1);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// `POST /api/articles`: adds JSON articles. Enabled only when an API token is configured.
#[utoipa::path(post, path = "/api/articles", request_body(content = serde_json::Value, description = "one article object or an array (news-please fields: title, maintext/text, date_publish, url, source_domain)"),
    security(("bearer" = [])),
    responses((status = 201, description = "`{indexed, ids}`"), (status = 400, description = "invalid body", body = crate::openapi::ErrorBody),
        (status = 401, description = "missing or wrong token", body = crate::openapi::ErrorBody), (status = 403, description = "write access is off", body = crate::openapi::ErrorBody),
        (status = 413, description = "body larger than server.max_body_bytes", body = crate::openapi::ErrorBody)))]
pub async fn post_articles(
    _access: WriteAccess,
    State(s): State<AppState>,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    s.local_only("writing articles through the API (push with `sitrep index --to quickwit`)")?;
    // Read only after the token was checked (by `WriteAccess`, which runs first), so that only
    // authorised callers make the server buffer a body or learn about the limit.
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::coded(
            ErrorCode::PayloadTooLarge,
            format!(
                "request body larger than {} bytes (server.max_body_bytes)",
                s.config.server.max_body_bytes
            ),
        ),
        _ => ApiError::coded(
            ErrorCode::InvalidBody,
            format!(
                "cannot read the request body: {}",
                e.body_text().to_lowercase()
            ),
        ),
    })?;
    let extractor = s
        .extractor
        .clone()
        .ok_or_else(|| ApiError::internal("extractor not loaded"))?;
    let idx = s.index.clone();
    let config = s.config.clone();
    let _guard = s.write_lock.lock().await;
    let ids = tokio::task::spawn_blocking(move || -> Result<Vec<String>, ApiError> {
        let docs = posted::parse(&body, &config.json_fields)?;
        Ok(posted::add(&idx, &extractor, docs)?)
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))??;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "indexed": ids.len(), "ids": ids })),
    )
        .into_response())
}

/// Proof that a request carries the configured API token: `Authorization: Bearer TOKEN` (the
/// scheme in any case). As an extractor from the request head it runs before the body is read,
/// so an unauthorised request never makes the server buffer its body.
pub struct WriteAccess;

impl axum::extract::FromRequestParts<AppState> for WriteAccess {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        s: &AppState,
    ) -> Result<WriteAccess, ApiError> {
        check_token(&s.config.server.api_token, &parts.headers).map(|()| WriteAccess)
    }
}

/// Checks the bearer token of a write request against the configured one.
pub fn check_token(token: &str, headers: &HeaderMap) -> Result<(), ApiError> {
    if token.is_empty() {
        return Err(ApiError::coded(
            ErrorCode::WriteDisabled,
            "write access is off: set server.api_token to enable POST /api/articles",
        ));
    }
    let auth = headers
        .get(axum::http::header::AUTHORIZATION)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    let given = auth
        .iter()
        .position(u8::is_ascii_whitespace)
        .filter(|&n| auth[..n].eq_ignore_ascii_case(b"bearer"))
        .map(|n| auth[n..].trim_ascii());
    match given {
        Some(given) if same_secret(given, token.as_bytes()) => Ok(()),
        _ => Err(ApiError::coded(
            ErrorCode::Unauthorized,
            "missing or wrong bearer token",
        )),
    }
}

/// Compares a presented secret with the expected one in time that depends only on their lengths,
/// not on where they first differ.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    let mut diff = given.len() ^ expected.len();
    for (i, &e) in expected.iter().enumerate() {
        let g = given.get(i).copied().unwrap_or(!e);
        diff |= usize::from(g ^ e);
    }
    std::hint::black_box(diff) == 0
}

/// `DELETE /api/articles/{id}`: removes an article added by `POST /api/articles` (articles read
/// from files go with their file: delete it and run `sitrep index --prune`).
#[utoipa::path(delete, path = "/api/articles/{id}", params(("id" = String, Path, description = "id of a posted article")),
    security(("bearer" = [])),
    responses((status = 200, description = "`{deleted}`"), (status = 400, description = "invalid id", body = crate::openapi::ErrorBody), (status = 401, description = "missing or wrong token", body = crate::openapi::ErrorBody),
        (status = 403, description = "write access is off", body = crate::openapi::ErrorBody),
        (status = 404, description = "no posted article with this id", body = crate::openapi::ErrorBody)))]
pub async fn delete_article(
    _access: WriteAccess,
    State(s): State<AppState>,
    crate::params::PathParams(id): crate::params::PathParams<String>,
) -> Result<Response, ApiError> {
    s.local_only("deleting articles through the API")?;
    let idx = s.index.clone();
    let _guard = s.write_lock.lock().await;
    let who = id.clone();
    let found = tokio::task::spawn_blocking(move || -> Result<bool, ApiError> {
        Ok(posted::delete(&idx, &who)?)
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))??;
    if !found {
        return Err(ApiError::not_found(format!(
            "no article posted through the API has id '{id}'"
        )));
    }
    Ok(Json(serde_json::json!({ "deleted": id })).into_response())
}
