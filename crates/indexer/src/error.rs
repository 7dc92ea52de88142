use std::path::PathBuf;

/// Errors raised while reading or extracting articles.
#[derive(Debug, thiserror::Error)]
pub enum IndexerError {
    // The cause is the source: reports print it after the message.
    #[error("cannot read {path}")]
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
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: not a regular file")]
    NotRegular { path: PathBuf },
    #[error("{path}: malformed {format}: {message}")]
    Malformed {
        path: PathBuf,
        format: &'static str,
        message: String,
    },
    #[error("{path}: permission denied")]
    PermissionDenied { path: PathBuf },
    #[error("{path}: file disappeared before it could be read")]
    Vanished { path: PathBuf },
    #[error("{path}: symbolic link loop")]
    SymlinkLoop { path: PathBuf },
    #[error("{path}: truncated gzip stream")]
    TruncatedGzip { path: PathBuf },
    #[error("{path}: corrupt gzip data: {message}")]
    CorruptGzip { path: PathBuf, message: String },
    #[error("{path}: no article text found")]
    NoText { path: PathBuf },
    #[error("{path}: not a json object")]
    NotObject { path: PathBuf },
    #[error("model error: {0}")]
    Model(String),
    /// A name that is none of the entity kinds (see [`crate::EntityKind::parse`]).
    #[error("unknown entity kind '{name}' (kinds: {})", crate::model::EntityKind::NAMES.join(", "))]
    UnknownKind { name: String },
}

impl IndexerError {
    /// Classifies an I/O error met while reading `path`.
    pub fn from_io(path: &std::path::Path, e: std::io::Error) -> IndexerError {
        const ELOOP: i32 = 40;
        match e.kind() {
            std::io::ErrorKind::NotFound => IndexerError::Vanished { path: path.into() },
            std::io::ErrorKind::PermissionDenied => {
                IndexerError::PermissionDenied { path: path.into() }
            }
            _ if e.raw_os_error() == Some(ELOOP) => IndexerError::SymlinkLoop { path: path.into() },
            _ => IndexerError::Io {
                path: path.into(),
                source: e,
            },
        }
    }

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
            IndexerError::PermissionDenied { .. } => "permission_denied",
            IndexerError::Vanished { .. } => "vanished",
            IndexerError::SymlinkLoop { .. } => "symlink_loop",
            IndexerError::TruncatedGzip { .. } => "truncated_gzip",
            IndexerError::CorruptGzip { .. } => "corrupt_gzip",
            IndexerError::NoText { .. } => "no_text",
            IndexerError::NotObject { .. } => "not_object",
            IndexerError::Model(_) => "model",
            IndexerError::UnknownKind { .. } => "unknown_kind",
        }
    }
}

/// An error's message followed by each of its causes ("cannot read a.txt: Is a directory"), for
/// reports that are one string.
pub fn full_message(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

pub type Result<T, E = IndexerError> = std::result::Result<T, E>;
