//! The one table that maps errors to HTTP status codes and stable JSON error codes.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sitrep_search::SearchError;

/// An API error rendered as `{"error":{"code":…,"message":…}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into() }
    }
    /// An error whose status comes from [`CODES`].
    pub fn coded(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(status_of(code), code, message)
    }
    pub fn bad_parameter(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_parameter", message)
    }
    pub fn unknown_parameter(name: &str, allowed: &[&str]) -> ApiError {
        let message = if allowed.is_empty() {
            format!("unknown parameter '{name}' (this endpoint takes no parameters)")
        } else {
            format!("unknown parameter '{name}' (allowed: {})", allowed.join(", "))
        };
        ApiError::coded("unknown_parameter", message)
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }
}

/// Every stable error code with its HTTP status: the one table (the README lists the same).
pub const CODES: &[(&str, StatusCode)] = &[
    ("invalid_query", StatusCode::BAD_REQUEST),
    ("invalid_date", StatusCode::BAD_REQUEST),
    ("invalid_parameter", StatusCode::BAD_REQUEST),
    ("unknown_parameter", StatusCode::BAD_REQUEST),
    ("limit_too_large", StatusCode::BAD_REQUEST),
    ("invalid_cursor", StatusCode::BAD_REQUEST),
    ("invalid_body", StatusCode::BAD_REQUEST),
    ("bad_request", StatusCode::BAD_REQUEST),
    ("unauthorized", StatusCode::UNAUTHORIZED),
    ("write_disabled", StatusCode::FORBIDDEN),
    ("not_found", StatusCode::NOT_FOUND),
    ("index_not_found", StatusCode::NOT_FOUND),
    ("method_not_allowed", StatusCode::METHOD_NOT_ALLOWED),
    ("payload_too_large", StatusCode::PAYLOAD_TOO_LARGE),
    ("uri_too_long", StatusCode::URI_TOO_LONG),
    ("headers_too_large", StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE),
    ("index_locked", StatusCode::SERVICE_UNAVAILABLE),
    ("index_outdated", StatusCode::SERVICE_UNAVAILABLE),
    ("timeout", StatusCode::SERVICE_UNAVAILABLE),
    ("internal", StatusCode::INTERNAL_SERVER_ERROR),
];

/// Status for each stable code (500 for a code not in [`CODES`]).
pub fn status_of(code: &str) -> StatusCode {
    CODES.iter().find(|(c, _)| *c == code).map(|(_, s)| *s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> ApiError {
        let code = e.code();
        ApiError { status: status_of(code), code, message: e.to_string() }
    }
}

impl From<sitrep_pipeline::PipelineError> for ApiError {
    fn from(e: sitrep_pipeline::PipelineError) -> ApiError {
        match e {
            sitrep_pipeline::PipelineError::Search(e) => e.into(),
            sitrep_pipeline::PipelineError::InvalidArticles(m) => ApiError::coded("invalid_body", m),
            e @ sitrep_pipeline::PipelineError::Threads(_) => ApiError::internal(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(code = self.code, "{}", self.message);
        }
        let body = serde_json::json!({ "error": { "code": self.code, "message": self.message } });
        (self.status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_statuses_are_errors() {
        for (i, (code, status)) in CODES.iter().enumerate() {
            assert!(CODES[..i].iter().all(|(c, _)| c != code), "{code} listed twice");
            assert!(status.is_client_error() || status.is_server_error(), "{code}");
            assert_eq!(status_of(code), *status);
        }
        assert_eq!(status_of("no_such_code"), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
