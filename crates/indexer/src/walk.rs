//! Walking folders for article files.

use crate::document::is_supported;
use crate::error::IndexerError;
use std::path::{Path, PathBuf};

/// A file found by the walk, or a path that the summary must report with the reason it was skipped.
#[derive(Debug)]
pub enum Found {
    File(PathBuf),
    Skipped { path: PathBuf, error: IndexerError },
}

/// Name of the file that lists paths (gitignore syntax) the indexer must not read.
pub const IGNORE_FILE: &str = ".sitrepignore";

/// Recursively lists readable article files below each of `roots` (a root may be a file).
/// Hidden files, `.gitignore`d paths and paths listed in `.sitrepignore` files are skipped;
/// symlinks are followed with loop detection.
/// Special files (FIFOs, sockets, devices) with an article extension, symlink loops, broken links
/// and unreadable folders are reported as skipped.
pub fn walk(roots: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    for root in roots {
        if std::fs::symlink_metadata(root).is_err() {
            out.push(Found::Skipped {
                path: root.clone(),
                error: IndexerError::Vanished { path: root.clone() },
            });
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
                    let Some(ft) = e.file_type() else { continue };
                    if ft.is_dir() {
                        continue;
                    }
                    if ft.is_file() {
                        if is_supported(p) || e.depth() == 0 {
                            out.push(Found::File(p.to_path_buf()));
                        }
                    } else if is_supported(p) || e.depth() == 0 {
                        out.push(Found::Skipped {
                            path: p.to_path_buf(),
                            error: IndexerError::NotRegular {
                                path: p.to_path_buf(),
                            },
                        });
                    }
                }
                Err(err) => {
                    let path = error_path(&err).unwrap_or_else(|| root.clone());
                    out.push(Found::Skipped {
                        error: classify(&err, &path),
                        path,
                    });
                }
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

fn classify(err: &ignore::Error, path: &Path) -> IndexerError {
    match err {
        ignore::Error::Loop { .. } => IndexerError::SymlinkLoop { path: path.into() },
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => classify(err, path),
        ignore::Error::Io(e) => match e.raw_os_error() {
            Some(code) => IndexerError::from_io(path, std::io::Error::from_raw_os_error(code)),
            None => IndexerError::from_io(path, std::io::Error::new(e.kind(), e.to_string())),
        },
        other => IndexerError::Io {
            path: path.into(),
            source: std::io::Error::other(other.to_string()),
        },
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn reasons(found: &[Found], root: &Path) -> Vec<(String, &'static str)> {
        found
            .iter()
            .map(|f| match f {
                Found::File(p) => (p.strip_prefix(root).unwrap().display().to_string(), "file"),
                Found::Skipped { path, error } => (
                    path.strip_prefix(root)
                        .unwrap_or(path)
                        .display()
                        .to_string(),
                    error.reason(),
                ),
            })
            .collect()
    }

    #[test]
    fn walk_reports_loops_special_files_and_broken_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("a.txt"), "Title\n\nBody.").unwrap();
        std::fs::write(root.join("sub/b.json.gz"), b"").unwrap();
        std::fs::write(root.join("notes.pdf"), b"%PDF").unwrap();
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("missing.txt"), root.join("broken.txt")).unwrap();
        let fifo = root.join("pipe.txt");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        let found = walk(&[root.to_path_buf()]);
        let got = reasons(&found, root);
        assert!(got.contains(&("a.txt".into(), "file")), "{got:?}");
        assert!(got.contains(&("sub/b.json.gz".into(), "file")), "{got:?}");
        assert!(
            got.contains(&("sub/loop".into(), "symlink_loop")),
            "{got:?}"
        );
        assert!(got.contains(&("broken.txt".into(), "vanished")), "{got:?}");
        assert!(!got.iter().any(|(p, _)| p == "notes.pdf"), "{got:?}");
        if ok {
            assert!(got.contains(&("pipe.txt".into(), "not_regular")), "{got:?}");
        }
        let missing = walk(&[root.join("nope")]);
        assert!(matches!(
            &missing[..],
            [Found::Skipped {
                error: IndexerError::Vanished { .. },
                ..
            }]
        ));
    }
}
