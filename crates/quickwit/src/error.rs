//! Errors of the Quickwit backend.

use sitrep_search::SearchError;

#[derive(Debug, thiserror::Error)]
pub enum QuickwitError {
    /// The cluster could not be reached (connection refused, timeout, DNS).
    #[error("cannot reach quickwit at {url}: {message}")]
    Unreachable { url: String, message: String },
    /// The cluster answered with an error status.
    #[error("quickwit answered {status} to {what}: {message}")]
    Status {
        what: String,
        status: u16,
        message: String,
    },
    /// The cluster answered something this client does not understand.
    #[error("unexpected answer from quickwit to {what}: {message}")]
    BadAnswer { what: String, message: String },
    /// The index does not exist on the cluster.
    #[error("quickwit has no index '{0}' (push articles with `sitrep index PATH --to quickwit URL` first)")]
    IndexNotFound(String),
    /// The index on the cluster was created from an older mapping that lacks fields sitrep sends.
    #[error("quickwit index '{index}' has an older mapping without the field(s) {missing}: delete it (`quickwit index delete --index {index}`) or set quickwit.index to a new id, then push again")]
    OutdatedMapping { index: String, missing: String },
    /// A request the Quickwit backend cannot answer as the embedded index does.
    #[error("{0} is not available with the quickwit search backend")]
    Unsupported(String),
    /// A bad endpoint in the configuration.
    #[error("invalid quickwit url '{0}' (expected http://HOST:PORT or https://HOST:PORT)")]
    InvalidUrl(String),
    /// Writing or reading the push state beside the index.
    #[error("push state {path}: {message}")]
    State { path: String, message: String },
    /// An error of the query language or of a parameter, or of the local index.
    #[error(transparent)]
    Search(#[from] SearchError),
}

pub type Result<T> = std::result::Result<T, QuickwitError>;
