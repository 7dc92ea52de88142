use std::path::PathBuf;

/// Errors raised while reading or extracting articles.
#[derive(Debug, thiserror::Error)]
pub enum IndexerError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: unsupported file type")]
    Unsupported { path: PathBuf },
    #[error("{path}: empty file")]
    Empty { path: PathBuf },
    #[error("{path}: binary content, not text")]
    Binary { path: PathBuf },
    #[error("{path}: file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}: not a regular file")]
    NotRegular { path: PathBuf },
    #[error("{path}: malformed {format}: {message}")]
    Malformed {
        path: PathBuf,
        format: &'static str,
        message: String,
    },
    #[error("model error: {0}")]
    Model(String),
}

impl IndexerError {
    /// A short stable reason code, used in indexing summaries.
    pub fn reason(&self) -> &'static str {
        match self {
            IndexerError::Io { .. } => "unreadable",
            IndexerError::Unsupported { .. } => "unsupported",
            IndexerError::Empty { .. } => "empty",
            IndexerError::Binary { .. } => "binary",
            IndexerError::TooLarge { .. } => "too_large",
            IndexerError::NotRegular { .. } => "not_regular",
            IndexerError::Malformed { .. } => "malformed",
            IndexerError::Model(_) => "model",
        }
    }
}

pub type Result<T, E = IndexerError> = std::result::Result<T, E>;
