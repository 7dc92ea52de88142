//! How an indexing run reports its progress: a callback the caller implements (the `sitrep` CLI
//! draws a progress bar with it; a library caller may ignore it).

/// The two passes of an indexing run over the files found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// First pass: which files changed, and the near-duplicate signatures of their articles.
    Compare,
    /// Second pass: reading, extraction and writing of the changed files.
    Extract,
}

/// Receives the progress of an indexing run. Called from the extraction threads, so it must be
/// `Sync`; every method has a default that does nothing.
pub trait Progress: Sync {
    /// A pass over `files` files begins.
    fn phase(&self, _phase: Phase, _files: usize) {}
    /// One more file of the current pass is done.
    fn file_done(&self) {}
    /// The run is over (with or without an error).
    fn finish(&self) {}
}

/// Progress that goes nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}
