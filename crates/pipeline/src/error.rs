//! The errors of the pipeline: one enum for the crate.

use sitrep_search::SearchError;

/// Why indexing or adding articles failed. A file that cannot be read is no error: the run
/// reports it in [`crate::Summary::skipped`] and goes on.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The index could not be read or written.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The extraction threads could not be started.
    #[error("cannot start the extraction threads: {0}")]
    Threads(String),
    /// Articles given as JSON (a body posted to the API) could not be read.
    #[error("{0}")]
    InvalidArticles(String),
}

pub type Result<T, E = PipelineError> = std::result::Result<T, E>;
