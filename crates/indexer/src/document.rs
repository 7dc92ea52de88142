//! Reading files into documents: decoded text plus layout and metadata, before extraction.

use crate::error::{IndexerError, Result};
use crate::model::{Block, BlockKind};
use crate::plain;
use chrono::NaiveDate;
use std::path::Path;

/// An article read from disk, ready for entity and quote extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The path as given by the user (plus `#N` for the N-th record of a multi-record file).
    pub path: String,
    /// Stable id: derived from the canonical path (and record number).
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub dateline: Option<String>,
    pub blocks: Vec<Block>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
}

/// Stable article id for a file (and record number within the file, for multi-record formats).
pub fn article_id(canonical_path: &str, record: Option<usize>) -> String {
    let key = match record {
        Some(n) => format!("{canonical_path}#{n}"),
        None => canonical_path.to_string(),
    };
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// Canonical form of a path for ids: absolute, symlinks resolved; falls back to the path as given.
pub fn canonical_path(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

impl Document {
    /// Builds a document from plain text (the `.txt`/`.md` layout), marking title, body,
    /// subheads, date line and dateline.
    pub fn from_plain_text(path: String, id: String, text: String) -> Document {
        let layout = plain::analyse(&text);
        let title = layout.title.map(|t| t.slice(&text).to_string());
        let published = layout.published;
        let dateline = layout.dateline.as_ref().map(|d| d.place.clone());
        Document { path, id, title, published, dateline, blocks: layout.blocks, text, ..Default::default() }
    }

    /// Builds a document whose text was extracted from a structured source (HTML, JSON): the
    /// title (when known) becomes the first block and the body follows after a blank line.
    pub fn from_parts(path: String, id: String, title: Option<String>, body: &str) -> Document {
        let mut text = String::new();
        let mut blocks = Vec::new();
        if let Some(t) = title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            text.push_str(t);
            blocks.push(Block { kind: BlockKind::Title, start: 0, end: t.len() });
            text.push_str("\n\n");
        }
        let body_start = text.len();
        text.push_str(body.trim());
        // Every paragraph of the body is content; reuse plain-text paragraph splitting.
        for p in plain::paragraph_spans(&text[body_start..]) {
            blocks.push(Block { kind: BlockKind::Body, start: body_start + p.start, end: body_start + p.end });
        }
        let dateline = blocks
            .iter()
            .find(|b| b.kind == BlockKind::Body)
            .and_then(|b| plain::dateline(&text, crate::model::Span::new(b.start, b.end)))
            .map(|d| d.place);
        Document { path, id, title: title.filter(|t| !t.trim().is_empty()), dateline, blocks, text, ..Default::default() }
    }
}

/// Reads a file into one or more documents, by file type.
pub fn read_file(path: &Path, display: &str, opts: &ReadOptions) -> Result<Vec<Document>> {
    let meta = std::fs::metadata(path).map_err(|e| IndexerError::Io { path: path.into(), source: e })?;
    if !meta.is_file() {
        return Err(IndexerError::NotRegular { path: path.into() });
    }
    if meta.len() > opts.max_file_size {
        return Err(IndexerError::TooLarge { path: path.into(), size: meta.len(), limit: opts.max_file_size });
    }
    let bytes = std::fs::read(path).map_err(|e| IndexerError::Io { path: path.into(), source: e })?;
    read_bytes(path, display, &bytes)
}

/// Options for reading files.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub max_file_size: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_file_size: 50 * 1024 * 1024 }
    }
}

/// Whether a path has an extension sitrep reads.
pub fn is_supported(path: &Path) -> bool {
    matches!(
        extension(path).as_deref(),
        Some("txt" | "md" | "text" | "markdown")
    )
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Decodes bytes and builds documents according to the file type of `path`.
pub fn read_bytes(path: &Path, display: &str, bytes: &[u8]) -> Result<Vec<Document>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IndexerError::Empty { path: path.into() });
    }
    let canonical = canonical_path(path);
    match extension(path).as_deref() {
        Some("txt" | "md" | "text" | "markdown") => {
            let text = decode_text(path, bytes)?;
            let id = article_id(&canonical, None);
            Ok(vec![Document::from_plain_text(display.to_string(), id, text)])
        }
        _ => Err(IndexerError::Unsupported { path: path.into() }),
    }
}

/// Decodes text bytes: UTF-8 (with or without BOM). Binary content is refused.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(IndexerError::Binary { path: path.into() });
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}
