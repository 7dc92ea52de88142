//! The one table that maps errors to HTTP status codes and stable JSON error codes.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sitrep_search::SearchError;

/// Every stable error code of the API. Its JSON string and HTTP status are in [`CODES`], the one
/// table (the README lists the same), so a code cannot be misspelt into a 500.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    InvalidQuery,
    InvalidDate,
    InvalidParameter,
    UnknownParameter,
    LimitTooLarge,
    InvalidCursor,
    InvalidBody,
    BadRequest,
    Unauthorized,
    WriteDisabled,
    NotFound,
    IndexNotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    UriTooLong,
    HeadersTooLarge,
    IndexLocked,
    IndexOutdated,
    Timeout,
    /// A request the configured search backend (Quickwit) cannot answer as the embedded index does.
    UnsupportedByBackend,
    /// The Quickwit cluster could not be reached or answered with an error.
    BackendUnavailable,
    Internal,
}

/// Every error code with its JSON string and HTTP status: the one table.
pub const CODES: &[(ErrorCode, &str, StatusCode)] = &[
    (
        ErrorCode::InvalidQuery,
        "invalid_query",
        StatusCode::BAD_REQUEST,
    ),
    (
        ErrorCode::InvalidDate,
        "invalid_date",
        StatusCode::BAD_REQUEST,
    ),
    (
        ErrorCode::InvalidParameter,
        "invalid_parameter",
        StatusCode::BAD_REQUEST,
    ),
    (
        ErrorCode::UnknownParameter,
        "unknown_parameter",
        StatusCode::BAD_REQUEST,
    ),
    (
        ErrorCode::LimitTooLarge,
        "limit_too_large",
        StatusCode::BAD_REQUEST,
    ),
    (
        ErrorCode::InvalidCursor,
        "invalid_cursor",
        StatusCode::BAD_REQUEST,
    ),
    (
        ErrorCode::InvalidBody,
        "invalid_body",
        StatusCode::BAD_REQUEST,
    ),
    (
        ErrorCode::BadRequest,
        "bad_request",
        StatusCode::BAD_REQUEST,
    ),
    (
        ErrorCode::Unauthorized,
        "unauthorized",
        StatusCode::UNAUTHORIZED,
    ),
    (
        ErrorCode::WriteDisabled,
        "write_disabled",
        StatusCode::FORBIDDEN,
    ),
    (ErrorCode::NotFound, "not_found", StatusCode::NOT_FOUND),
    (
        ErrorCode::IndexNotFound,
        "index_not_found",
        StatusCode::NOT_FOUND,
    ),
    (
        ErrorCode::MethodNotAllowed,
        "method_not_allowed",
        StatusCode::METHOD_NOT_ALLOWED,
    ),
    (
        ErrorCode::PayloadTooLarge,
        "payload_too_large",
        StatusCode::PAYLOAD_TOO_LARGE,
    ),
    (
        ErrorCode::UriTooLong,
        "uri_too_long",
        StatusCode::URI_TOO_LONG,
    ),
    (
        ErrorCode::HeadersTooLarge,
        "headers_too_large",
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
    ),
    (
        ErrorCode::IndexLocked,
        "index_locked",
        StatusCode::SERVICE_UNAVAILABLE,
    ),
    (
        ErrorCode::IndexOutdated,
        "index_outdated",
        StatusCode::SERVICE_UNAVAILABLE,
    ),
    (
        ErrorCode::Timeout,
        "timeout",
        StatusCode::SERVICE_UNAVAILABLE,
    ),
    (
        ErrorCode::UnsupportedByBackend,
        "unsupported_by_backend",
        StatusCode::NOT_IMPLEMENTED,
    ),
    (
        ErrorCode::BackendUnavailable,
        "backend_unavailable",
        StatusCode::BAD_GATEWAY,
    ),
    (
        ErrorCode::Internal,
        "internal",
        StatusCode::INTERNAL_SERVER_ERROR,
    ),
];

impl ErrorCode {
    fn row(self) -> &'static (ErrorCode, &'static str, StatusCode) {
        // Every variant has a row (test `every_code_has_one_row`).
        CODES
            .iter()
            .find(|(c, _, _)| *c == self)
            .unwrap_or(&CODES[CODES.len() - 1])
    }

    /// The code as the JSON body gives it.
    pub fn as_str(self) -> &'static str {
        self.row().1
    }

    /// The HTTP status of the code.
    pub fn status(self) -> StatusCode {
        self.row().2
    }

    /// The code of a JSON code string.
    pub fn parse(s: &str) -> Option<ErrorCode> {
        CODES.iter().find(|(_, c, _)| *c == s).map(|(c, _, _)| *c)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An API error rendered as `{"error":{"code":…,"message":…}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    /// An error whose status comes from [`CODES`].
    pub fn coded(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
        }
    }
    pub fn status(&self) -> StatusCode {
        self.code.status()
    }
    pub fn bad_parameter(message: impl Into<String>) -> ApiError {
        ApiError::coded(ErrorCode::InvalidParameter, message)
    }
    pub fn unknown_parameter(name: &str, allowed: &[&str]) -> ApiError {
        let message = if allowed.is_empty() {
            format!("unknown parameter '{name}' (this endpoint takes no parameters)")
        } else {
            format!(
                "unknown parameter '{name}' (allowed: {})",
                allowed.join(", ")
            )
        };
        ApiError::coded(ErrorCode::UnknownParameter, message)
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::coded(ErrorCode::NotFound, message)
    }
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::coded(ErrorCode::Internal, message)
    }
}

/// Status for a JSON code string (500 for a string that is no code).
pub fn status_of(code: &str) -> StatusCode {
    ErrorCode::parse(code).map_or(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::status)
}

/// The API code of an engine error.
fn search_code(e: &SearchError) -> ErrorCode {
    match e {
        SearchError::InvalidQuery { .. } => ErrorCode::InvalidQuery,
        SearchError::InvalidDate { .. } => ErrorCode::InvalidDate,
        SearchError::InvalidParameter { .. } => ErrorCode::InvalidParameter,
        SearchError::LimitTooLarge { .. } => ErrorCode::LimitTooLarge,
        SearchError::InvalidCursor => ErrorCode::InvalidCursor,
        SearchError::NotFound { .. } => ErrorCode::NotFound,
        SearchError::NoIndex { .. } => ErrorCode::IndexNotFound,
        SearchError::Locked { .. } => ErrorCode::IndexLocked,
        SearchError::SchemaMismatch { .. } => ErrorCode::IndexOutdated,
        SearchError::Tantivy(_) | SearchError::Io(_) | SearchError::Corrupt(_) => {
            ErrorCode::Internal
        }
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> ApiError {
        ApiError::coded(search_code(&e), e.to_string())
    }
}

impl From<sitrep_quickwit::QuickwitError> for ApiError {
    fn from(e: sitrep_quickwit::QuickwitError) -> ApiError {
        use sitrep_quickwit::QuickwitError as Q;
        let code = match &e {
            Q::Search(inner) => search_code(inner),
            Q::Unsupported(_) => ErrorCode::UnsupportedByBackend,
            Q::IndexNotFound(_) => ErrorCode::IndexNotFound,
            Q::Unreachable { .. } | Q::Status { .. } | Q::BadAnswer { .. } => {
                ErrorCode::BackendUnavailable
            }
            Q::InvalidUrl(_) | Q::State { .. } | Q::OutdatedMapping { .. } => ErrorCode::Internal,
        };
        ApiError::coded(code, e.to_string())
    }
}

impl From<sitrep_pipeline::PipelineError> for ApiError {
    fn from(e: sitrep_pipeline::PipelineError) -> ApiError {
        match e {
            sitrep_pipeline::PipelineError::Search(e) => e.into(),
            sitrep_pipeline::PipelineError::InvalidArticles(m) => {
                ApiError::coded(ErrorCode::InvalidBody, m)
            }
            e @ sitrep_pipeline::PipelineError::Threads(_) => ApiError::internal(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(code = self.code.as_str(), "{}", self.message);
        }
        let body =
            serde_json::json!({ "error": { "code": self.code.as_str(), "message": self.message } });
        (status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_statuses_are_errors() {
        for (i, (code, name, status)) in CODES.iter().enumerate() {
            assert!(
                CODES[..i].iter().all(|(c, n, _)| c != code && n != name),
                "{name} listed twice"
            );
            assert!(
                status.is_client_error() || status.is_server_error(),
                "{name}"
            );
            assert_eq!(status_of(name), *status);
            assert_eq!(
                (code.as_str(), code.status(), ErrorCode::parse(name)),
                (*name, *status, Some(*code))
            );
        }
        assert_eq!(status_of("no_such_code"), StatusCode::INTERNAL_SERVER_ERROR);
    }

    /// The engine's own codes (`SearchError::code`, for other callers) agree with the API's.
    #[test]
    fn engine_codes_agree_with_the_table() {
        let errors = [
            SearchError::InvalidQuery {
                position: 0,
                message: "x".into(),
            },
            SearchError::InvalidDate { value: "x".into() },
            SearchError::InvalidParameter {
                name: "x".into(),
                message: "x".into(),
            },
            SearchError::LimitTooLarge {
                name: "limit",
                limit: 2,
                max: 1,
            },
            SearchError::InvalidCursor,
            SearchError::NotFound {
                what: "article",
                id: "x".into(),
            },
            SearchError::NoIndex { path: "x".into() },
            SearchError::SchemaMismatch { path: "x".into() },
            SearchError::Locked { path: "x".into() },
            SearchError::Corrupt("x".into()),
        ];
        for e in errors {
            assert_eq!(search_code(&e).as_str(), e.code(), "{e}");
        }
    }
}
