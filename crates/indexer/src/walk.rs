//! Walking folders for article files.

use crate::document::is_supported;
use std::path::{Path, PathBuf};

/// A file found by the walk, or a problem with a path that the summary must report.
#[derive(Debug)]
pub enum Found {
    File(PathBuf),
    Skipped { path: PathBuf, reason: String },
}

/// Name of the file that lists paths (gitignore syntax) the indexer must not read.
pub const IGNORE_FILE: &str = ".sitrepignore";

/// Recursively lists readable article files below each of `roots` (a root may be a file).
/// Hidden files, `.gitignore`d paths and paths listed in `.sitrepignore` files are skipped; symlinks are followed with loop detection.
pub fn walk(roots: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    for root in roots {
        if !root.exists() {
            out.push(Found::Skipped { path: root.clone(), reason: "not found".into() });
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .follow_links(true)
            .standard_filters(true)
            .add_custom_ignore_filename(IGNORE_FILE)
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    let p = e.path();
                    let is_file = e.file_type().is_some_and(|t| t.is_file());
                    if is_file && is_supported(p) {
                        out.push(Found::File(p.to_path_buf()));
                    } else if !is_file && e.depth() == 0 && !p.is_dir() {
                        out.push(Found::Skipped { path: p.to_path_buf(), reason: "not a regular file".into() });
                    }
                }
                Err(err) => out.push(Found::Skipped { path: error_path(&err).unwrap_or_else(|| root.clone()), reason: err.to_string() }),
            }
        }
    }
    out.sort_by(|a, b| path_of(a).cmp(path_of(b)));
    out
}

fn path_of(f: &Found) -> &Path {
    match f {
        Found::File(p) => p,
        Found::Skipped { path, .. } => path,
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}
