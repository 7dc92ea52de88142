/// Errors of the search engine. `code()` gives the stable code the HTTP API and CLI report.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("invalid query at position {position}: {message}")]
    InvalidQuery { position: usize, message: String },
    #[error("invalid date {value:?}: expected YYYY-MM-DD, YYYY-MM or YYYY")]
    InvalidDate { value: String },
    #[error("invalid parameter {name}: {message}")]
    InvalidParameter { name: String, message: String },
    /// `name` is the parameter (`limit`, `facet_limit`).
    #[error("{name} {limit} is larger than the maximum of {max}")]
    LimitTooLarge {
        name: &'static str,
        limit: usize,
        max: usize,
    },
    #[error("invalid cursor: pass the next_cursor of an earlier response unchanged")]
    InvalidCursor,
    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },
    #[error("no index at {path}")]
    NoIndex { path: String },
    #[error("the index at {path} was built by another version of sitrep and must be rebuilt")]
    SchemaMismatch { path: String },
    #[error("the index at {path} is locked by another indexer")]
    Locked { path: String },
    // The message holds its cause, so the cause is not also a `source` (a report of the chain
    // printed it twice: "…(os error 17): File exists (os error 17)").
    #[error("index error: {0}")]
    Tantivy(tantivy::TantivyError),
    #[error("index file error: {0}")]
    Io(std::io::Error),
    #[error("stored document is corrupt: {0}")]
    Corrupt(String),
}

impl SearchError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            SearchError::InvalidQuery { .. } => "invalid_query",
            SearchError::InvalidDate { .. } => "invalid_date",
            SearchError::InvalidParameter { .. } => "invalid_parameter",
            SearchError::LimitTooLarge { .. } => "limit_too_large",
            SearchError::InvalidCursor => "invalid_cursor",
            SearchError::NotFound { .. } => "not_found",
            SearchError::NoIndex { .. } => "index_not_found",
            SearchError::Locked { .. } => "index_locked",
            SearchError::SchemaMismatch { .. } => "index_outdated",
            SearchError::Tantivy(_) | SearchError::Io(_) | SearchError::Corrupt(_) => "internal",
        }
    }

    /// Whether the error is the caller's fault (bad request) rather than the engine's.
    pub fn is_user_error(&self) -> bool {
        !matches!(self.code(), "internal" | "index_locked" | "index_outdated")
    }
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> SearchError {
        SearchError::Tantivy(e)
    }
}

impl From<std::io::Error> for SearchError {
    fn from(e: std::io::Error) -> SearchError {
        SearchError::Io(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error chain names each cause once.
    #[test]
    fn causes_are_not_repeated() {
        let e = SearchError::from(std::io::Error::from_raw_os_error(17));
        assert!(std::error::Error::source(&e).is_none());
        let report = sitrep_indexer::error::full_message(&e);
        assert_eq!(report.matches("os error 17").count(), 1, "{report}");
    }
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;
