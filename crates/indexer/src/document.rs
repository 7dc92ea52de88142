//! Reading files into documents: decoded text plus layout and metadata, before extraction.

use crate::error::{IndexerError, Result};
use crate::formats::json::{self, JsonFieldMap};
use crate::model::{Block, BlockKind};
use crate::plain;
use chrono::NaiveDate;
use std::io::Read;
use std::path::Path;

/// An article read from disk, ready for entity and quote extraction.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// Stable article id for a file (and record number within the file, for multi-record formats),
/// hashed from the raw bytes of the path that `canonical_path` (a [`path_key`]) stands for.
pub fn article_id(canonical_path: &str, record: Option<usize>) -> String {
    let mut key = key_bytes(canonical_path);
    if let Some(n) = record {
        key.extend_from_slice(format!("#{n}").as_bytes());
    }
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&key))
}

/// Start of the key of a path that is not valid UTF-8 (see [`path_key`]).
const RAW_KEY_PREFIX: &str = "raw:";

/// The key (a string) of a path: the path itself when it is valid UTF-8; otherwise `raw:` and the
/// path's bytes, each byte that is not part of valid UTF-8 (and each `%`) written as `%HH`. Two
/// paths never share a key (`bad\xff.txt` and `bad\xfe.txt` stay apart), and [`key_path`] gives
/// the path back.
pub fn path_key(path: &Path) -> String {
    if let Some(s) = path.to_str() {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::from(RAW_KEY_PREFIX);
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            for c in chunk.valid().chars() {
                match c {
                    '%' => out.push_str("%25"),
                    c => out.push(c),
                }
            }
            for b in chunk.invalid() {
                let _ = write!(out, "%{b:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// The raw bytes of the path a [`path_key`] stands for.
fn key_bytes(key: &str) -> Vec<u8> {
    let Some(rest) = key.strip_prefix(RAW_KEY_PREFIX) else {
        return key.as_bytes().to_vec();
    };
    let b = rest.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = (b[i] == b'%')
            .then(|| b.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    out
}

/// The path a [`path_key`] stands for.
pub fn key_path(key: &str) -> std::path::PathBuf {
    #[cfg(unix)]
    if key.starts_with(RAW_KEY_PREFIX) {
        use std::os::unix::ffi::OsStrExt;
        return std::path::PathBuf::from(std::ffi::OsStr::from_bytes(&key_bytes(key)));
    }
    std::path::PathBuf::from(key)
}

/// Canonical form of a path for ids: absolute, symlinks resolved; falls back to the path as given.
/// A [`path_key`]: exact even for names that are not UTF-8.
///
/// A file that is not itself a symbolic link is canonical once its directory is, so directories
/// are resolved once (per thread, remembered for a second) and each file costs one `lstat`
/// instead of a full `realpath`: indexing asks for the same few directories for every file.
pub fn canonical_path(path: &Path) -> String {
    let full = || path_key(&std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return full();
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_symlink() => {}
        _ => return full(),
    }
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    match canonical_dir(parent) {
        Some(dir) => path_key(&dir.join(name)),
        None => full(),
    }
}

/// How long a resolved directory is remembered, and how many are.
const DIR_MEMO_TTL: std::time::Duration = std::time::Duration::from_secs(1);
const DIR_MEMO_MAX: usize = 4096;

fn canonical_dir(dir: &Path) -> Option<std::path::PathBuf> {
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::time::Instant;
    thread_local! {
        static DIRS: std::cell::RefCell<(Option<Instant>, HashMap<PathBuf, PathBuf>)> = Default::default();
    }
    DIRS.with(|cell| {
        let mut memo = cell.borrow_mut();
        let now = Instant::now();
        if memo.0.is_none_or(|t| now.duration_since(t) > DIR_MEMO_TTL)
            || memo.1.len() >= DIR_MEMO_MAX
        {
            *memo = (Some(now), HashMap::new());
        }
        if let Some(d) = memo.1.get(dir) {
            return Some(d.clone());
        }
        let resolved = std::fs::canonicalize(dir).ok()?;
        memo.1.insert(dir.to_path_buf(), resolved.clone());
        Some(resolved)
    })
}

impl Document {
    /// The body (content blocks other than the title), as [`crate::Article::body`] gives it
    /// after extraction.
    pub fn body(&self) -> String {
        crate::model::body_text(&self.text, &self.blocks)
    }

    /// Builds a document from plain text (the `.txt`/`.md` layout), marking title, body,
    /// subheads, date line and dateline.
    pub fn from_plain_text(path: String, id: String, text: String) -> Document {
        let layout = plain::analyse(&text);
        let title = layout.title.map(|t| t.slice(&text).to_string());
        let published = layout.published;
        let dateline = layout.dateline.as_ref().map(|d| d.place.clone());
        Document {
            path,
            id,
            title,
            published,
            dateline,
            blocks: layout.blocks,
            text,
            ..Default::default()
        }
    }

    /// Builds a document whose text was extracted from a structured source (HTML, JSON): the
    /// title (when known) becomes the first block and the body follows after a blank line.
    pub fn from_parts(path: String, id: String, title: Option<String>, body: &str) -> Document {
        let mut text = String::new();
        let mut blocks = Vec::new();
        if let Some(t) = title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            text.push_str(t);
            blocks.push(Block {
                kind: BlockKind::Title,
                start: plain::wire_slug(t),
                end: t.len(),
            });
            text.push_str("\n\n");
        }
        let body_start = text.len();
        text.push_str(body.trim());
        // Every paragraph of the body is content; reuse plain-text paragraph splitting. A first
        // paragraph that repeats the title (a page's headline kept with its text) loses the wire
        // slug as the title does.
        for p in plain::paragraph_spans(&text[body_start..]) {
            let (start, end) = (body_start + p.start, body_start + p.end);
            let repeat =
                blocks.len() == 1 && Some(&text[start..end]) == title.as_deref().map(str::trim);
            blocks.push(Block {
                kind: BlockKind::Body,
                start: start
                    + if repeat {
                        plain::wire_slug(&text[start..end])
                    } else {
                        0
                    },
                end,
            });
        }
        let dateline = blocks
            .iter()
            .find(|b| b.kind == BlockKind::Body)
            .and_then(|b| plain::dateline(&text, crate::model::Span::new(b.start, b.end)))
            .map(|d| d.place);
        Document {
            path,
            id,
            title: title.filter(|t| !t.trim().is_empty()),
            dateline,
            blocks,
            text,
            ..Default::default()
        }
    }
}

/// Options for reading files.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files (and decompressed gzip contents) larger than this are refused.
    pub max_file_size: u64,
    /// Which JSON fields hold title, text, date, ... in `.json`/`.jsonl` files.
    pub json_fields: JsonFieldMap,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: 50 * 1024 * 1024,
            json_fields: JsonFieldMap::default(),
        }
    }
}

/// One record of a multi-record file (JSON array, JSON Lines) that could not be read.
#[derive(Debug)]
pub struct RecordError {
    /// 1-based record number (array position or line number).
    pub record: usize,
    /// `file#N`, as shown to the user.
    pub path: String,
    pub error: IndexerError,
}

/// The documents of one file, plus the records of it that were skipped.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub documents: Vec<Document>,
    pub skipped: Vec<RecordError>,
}

/// The kind of file, from its extension; for `x.json.gz` the inner extension decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Text,
    Html,
    Json,
    JsonLines,
}

/// The file kind and whether the file is gzip-compressed, or `None` for unsupported files.
pub fn file_kind(path: &Path) -> Option<(FileKind, bool)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (inner, gz) = match name.strip_suffix(".gz") {
        Some(stem) => (stem.to_string(), true),
        None => (name, false),
    };
    let ext = Path::new(&inner)
        .extension()?
        .to_string_lossy()
        .into_owned();
    let kind = match ext.as_str() {
        "txt" | "md" | "text" | "markdown" => FileKind::Text,
        "html" | "htm" | "xhtml" => FileKind::Html,
        "json" => FileKind::Json,
        "jsonl" | "ndjson" => FileKind::JsonLines,
        _ => return None,
    };
    Some((kind, gz))
}

/// Whether a path has an extension sitrep reads.
pub fn is_supported(path: &Path) -> bool {
    file_kind(path).is_some()
}

/// Reads a regular file into documents, by file type. Special files (FIFOs, devices,
/// directories), files over the size limit, unreadable, vanished and empty files are refused
/// with a specific error.
pub fn read_file(path: &Path, display: &str, opts: &ReadOptions) -> Result<ReadOutcome> {
    if file_kind(path).is_none() {
        return Err(IndexerError::Unsupported { path: path.into() });
    }
    let bytes = read_limited(path, opts.max_file_size)?;
    read_bytes(path, display, &bytes, opts)
}

/// The bytes of a regular file no larger than `limit`. Special files (FIFOs, devices,
/// directories), larger, unreadable and vanished files are refused with a specific error; a file
/// that grows between stat and read is refused too, never read past the limit.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| IndexerError::from_io(path, e))?;
    if !meta.is_file() {
        return Err(IndexerError::NotRegular { path: path.into() });
    }
    if meta.len() > limit {
        return Err(IndexerError::TooLarge {
            path: path.into(),
            size: meta.len(),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| IndexerError::from_io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between stat and read: never read more than the limit allows.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| IndexerError::from_io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(IndexerError::TooLarge {
            path: path.into(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Decodes bytes and builds documents according to the file type of `path`.
pub fn read_bytes(
    path: &Path,
    display: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<ReadOutcome> {
    let Some((kind, gz)) = file_kind(path) else {
        return Err(IndexerError::Unsupported { path: path.into() });
    };
    let inflated;
    let bytes = if gz {
        inflated = gunzip(path, bytes, opts.max_file_size)?;
        &inflated[..]
    } else {
        bytes
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IndexerError::Empty { path: path.into() });
    }
    let canonical = canonical_path(path);
    let single = |doc: Document| {
        Ok(ReadOutcome {
            documents: vec![doc],
            skipped: Vec::new(),
        })
    };
    match kind {
        FileKind::Text => {
            let text = decode_text(path, bytes)?;
            let id = article_id(&canonical, None);
            single(Document::from_plain_text(display.to_string(), id, text))
        }
        FileKind::Html => {
            let html = decode(path, bytes, true)?;
            let page = crate::formats::html::extract(&html, None);
            if page.body.trim().is_empty() {
                return Err(IndexerError::NoText { path: path.into() });
            }
            let mut doc = Document::from_parts(
                display.to_string(),
                article_id(&canonical, None),
                page.title,
                &page.body,
            );
            doc.published = page.published.or_else(|| dateline_full_date(&doc));
            doc.url = page.url;
            doc.source = page.source;
            doc.authors = page.authors;
            doc.language = page.language;
            single(doc)
        }
        FileKind::Json | FileKind::JsonLines => {
            let text = decode(path, bytes, false)?;
            let records = if kind == FileKind::Json {
                json::parse_json(&text, &opts.json_fields).map_err(|message| {
                    IndexerError::Malformed {
                        path: path.into(),
                        format: "json",
                        message,
                    }
                })?
            } else {
                json::parse_json_lines(&text, &opts.json_fields)
            };
            let mut out = ReadOutcome::default();
            for (n, rec) in records {
                // Record 0 is a file holding a single object: the file is the article.
                let (rec_display, rec_id) = if n == 0 {
                    (display.to_string(), article_id(&canonical, None))
                } else {
                    (format!("{display}#{n}"), article_id(&canonical, Some(n)))
                };
                match rec {
                    Ok(r) => out
                        .documents
                        .push(Document::from_json_record(rec_display, rec_id, r)),
                    Err(problem) => {
                        let rp = std::path::PathBuf::from(&rec_display);
                        let error = match problem {
                            json::RecordProblem::Syntax(message) => IndexerError::Malformed {
                                path: rp,
                                format: "json",
                                message,
                            },
                            json::RecordProblem::NotObject => IndexerError::NotObject { path: rp },
                            json::RecordProblem::NoText => IndexerError::NoText { path: rp },
                        };
                        if n == 0 {
                            return Err(error);
                        }
                        out.skipped.push(RecordError {
                            record: n,
                            path: rec_display,
                            error,
                        });
                    }
                }
            }
            if out.documents.is_empty() && out.skipped.is_empty() {
                return Err(IndexerError::Empty { path: path.into() });
            }
            Ok(out)
        }
    }
}

impl Document {
    /// Builds a document from one JSON record read through a [`JsonFieldMap`]: the same mapping
    /// for a `.json`/`.jsonl` file and for a body posted to the API.
    pub fn from_json_record(path: String, id: String, r: json::JsonRecord) -> Document {
        let mut doc = Document::from_parts(path, id, r.title, &r.text);
        doc.published = r.published.or_else(|| dateline_full_date(&doc));
        doc.url = r.url;
        doc.source = r.source;
        doc.authors = r.authors;
        doc.language = r.language;
        doc
    }
}

/// Why a JSON body of articles (one object or an array of them) could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonBodyProblem {
    /// Not JSON at all.
    Syntax(String),
    /// JSON, but neither an object nor an array.
    NotArticles,
    /// The article at this 0-based position could not be read.
    Record(usize, json::RecordProblem),
}

/// Reads a JSON body of articles (one object or an array of objects) as a `.json` file is read,
/// through the same field map. Each article is keyed `{prefix}{key}`, where the key is the
/// record's own id, else its url, else a hash of its text; that key is its path and gives its id.
/// All or nothing: the first bad record is the error.
pub fn read_json_body(
    body: &[u8],
    prefix: &str,
    map: &JsonFieldMap,
) -> std::result::Result<Vec<Document>, JsonBodyProblem> {
    let text = std::str::from_utf8(body).map_err(|e| JsonBodyProblem::Syntax(e.to_string()))?;
    let records = json::parse_json(text, map).map_err(JsonBodyProblem::Syntax)?;
    let mut docs = Vec::with_capacity(records.len());
    for (n, rec) in records {
        let position = n.saturating_sub(1);
        let r = match rec {
            Ok(r) => r,
            Err(json::RecordProblem::NotObject) if n == 0 => {
                return Err(JsonBodyProblem::NotArticles)
            }
            Err(p) => return Err(JsonBodyProblem::Record(position, p)),
        };
        let key =
            r.id.clone().or_else(|| r.url.clone()).unwrap_or_else(|| {
                format!("{:016x}", xxhash_rust::xxh3::xxh3_64(r.text.as_bytes()))
            });
        let path = format!("{prefix}{key}");
        let id = article_id(&path, None);
        docs.push(Document::from_json_record(path, id, r));
    }
    Ok(docs)
}

/// A dateline such as "SAN SALVADOR, 3 JAN 90 --" that carries a full date.
fn dateline_full_date(doc: &Document) -> Option<NaiveDate> {
    let body = doc.blocks.iter().find(|b| b.kind == BlockKind::Body)?;
    let d = plain::dateline(&doc.text, crate::model::Span::new(body.start, body.end))?.date?;
    d.year.and(d.resolve(None))
}

/// Decompresses gzip data (one member or several), refusing more than `limit` bytes of output.
/// Bytes after a complete member that do not start another member are ignored, as `gzip` does.
fn gunzip(path: &Path, bytes: &[u8], limit: u64) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = bytes;
    loop {
        let mut dec = flate2::bufread::GzDecoder::new(rest);
        let budget = (limit + 1).saturating_sub(out.len() as u64);
        match (&mut dec).take(budget).read_to_end(&mut out) {
            Ok(_) if out.len() as u64 > limit => {
                return Err(IndexerError::TooLarge {
                    path: path.into(),
                    size: out.len() as u64,
                    limit,
                });
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(IndexerError::TruncatedGzip { path: path.into() })
            }
            Err(e) => {
                return Err(IndexerError::CorruptGzip {
                    path: path.into(),
                    message: e.to_string(),
                })
            }
        }
        let after = dec.into_inner();
        if after.len() >= rest.len() || !after.starts_with(&[0x1f, 0x8b]) {
            return Ok(out);
        }
        rest = after;
    }
}

fn decode(path: &Path, bytes: &[u8], html: bool) -> Result<String> {
    crate::encoding::decode(bytes, html)
        .map(|d| d.text)
        .map_err(|_| IndexerError::Binary { path: path.into() })
}

/// Decodes text bytes of any encoding (BOM, UTF-16, UTF-8, legacy 8-bit). Binary content is
/// refused; invalid bytes are replaced.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String> {
    decode(path, bytes, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_wire_slug_stays_in_the_title_but_out_of_its_blocks() {
        let title = "UPDATE 3-KELMORE BANK LENDS 70 MLN DLRS";
        let body =
            "UPDATE 3-KELMORE BANK LENDS 70 MLN DLRS\n\nThe bank said on Monday it would lend.";
        let doc = Document::from_parts("a.html".into(), "a".into(), Some(title.into()), body);
        assert_eq!(doc.title.as_deref(), Some(title));
        let blocks: Vec<&str> = doc
            .blocks
            .iter()
            .map(|b| &doc.text[b.start..b.end])
            .collect();
        assert_eq!(
            blocks,
            [
                "KELMORE BANK LENDS 70 MLN DLRS",
                "KELMORE BANK LENDS 70 MLN DLRS",
                "The bank said on Monday it would lend."
            ]
        );
    }

    #[test]
    fn canonical_path_agrees_with_realpath() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("a.txt"), "x").unwrap();
        let realpath = |p: &Path| {
            std::fs::canonicalize(p)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        };
        let cases = vec![
            real.join("a.txt"),
            real.join("..").join("real").join("a.txt"),
            real.join(".").join("a.txt"),
        ];
        #[cfg(unix)]
        let cases = {
            let mut cases = cases;
            std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();
            std::os::unix::fs::symlink(real.join("a.txt"), real.join("b.txt")).unwrap();
            cases.extend([dir.path().join("link").join("a.txt"), real.join("b.txt")]);
            cases
        };
        for p in cases {
            // Twice: the second answer comes from the remembered directory.
            assert_eq!(canonical_path(&p), realpath(&p), "{}", p.display());
            assert_eq!(canonical_path(&p), realpath(&p), "{}", p.display());
        }
        let missing = real.join("missing.txt");
        assert_eq!(canonical_path(&missing), missing.to_string_lossy());
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_apart() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let names: [&[u8]; 4] = [
            b"bad\xff.txt",
            b"bad\xfe.txt",
            b"bad\xfd.txt",
            b"bad%FF.txt",
        ];
        let mut ids = std::collections::HashSet::new();
        for name in names {
            let p = dir.path().join(std::ffi::OsStr::from_bytes(name));
            std::fs::write(&p, "x").unwrap();
            let key = canonical_path(&p);
            assert_eq!(key_path(&key), std::fs::canonicalize(&p).unwrap(), "{key}");
            assert!(key_path(&key).exists());
            assert!(ids.insert(article_id(&key, None)), "{key}: id taken");
            assert!(ids.insert(article_id(&key, Some(1))), "{key}#1: id taken");
        }
        // Ids come from the raw bytes of the path: a UTF-8 path keeps the id it always had.
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "x").unwrap();
        let key = canonical_path(&plain);
        assert_eq!(
            key,
            std::fs::canonicalize(&plain).unwrap().to_str().unwrap()
        );
        assert_eq!(
            article_id(&key, None),
            format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
        );
        let raw = dir.path().join(std::ffi::OsStr::from_bytes(b"bad\xff.txt"));
        let raw = std::fs::canonicalize(raw).unwrap();
        assert_eq!(
            article_id(&canonical_path(&raw), None),
            format!(
                "{:016x}",
                xxhash_rust::xxh3::xxh3_64(raw.as_os_str().as_bytes())
            )
        );
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read(path: &Path, opts: &ReadOptions) -> std::result::Result<ReadOutcome, &'static str> {
        read_file(path, &path.display().to_string(), opts).map_err(|e| e.reason())
    }

    #[test]
    fn gzip_trailing_garbage_is_ignored_like_gzip_does() {
        let p = Path::new("a.txt.gz");
        let read = |bytes: &[u8]| {
            read_bytes(p, "a.txt.gz", bytes, &ReadOptions::default())
                .map(|o| o.documents[0].text.clone())
                .map_err(|e| e.reason())
        };
        let mut padded = gz(ARTICLE.as_bytes());
        padded.extend_from_slice(&[0u8; 512]);
        assert_eq!(read(&padded).as_deref(), Ok(ARTICLE));
        let mut junk = gz(ARTICLE.as_bytes());
        junk.extend_from_slice(b"trailing junk that is not gzip");
        assert_eq!(read(&junk).as_deref(), Ok(ARTICLE));
        // Two members are one stream, as before.
        let (a, b) = ARTICLE.split_at(10);
        let mut two = gz(a.as_bytes());
        two.extend(gz(b.as_bytes()));
        assert_eq!(read(&two).as_deref(), Ok(ARTICLE));
        // A second member that is cut short is still an error.
        let mut cut = gz(a.as_bytes());
        let second = gz(b.as_bytes());
        cut.extend_from_slice(&second[..second.len() / 2]);
        assert_eq!(read(&cut), Err("truncated_gzip"));
        // The size limit counts all members together.
        let small = ReadOptions {
            max_file_size: 20,
            ..ReadOptions::default()
        };
        assert_eq!(
            read_bytes(p, "a", &two, &small).err().map(|e| e.reason()),
            Some("too_large")
        );
    }

    const ARTICLE: &str = "Talks resume in Geneva\n\nMonday, March 2, 2020\n\nGENEVA (Reuters) - Envoys met again on Monday.\n";
    const PAGE: &str = "<html><head><title>Talks resume</title><meta property=\"article:published_time\" content=\"2020-03-02T09:00:00+01:00\"></head>\
        <body><article><p>Envoys met again on Monday in Geneva to discuss a ceasefire, the mediators said in a statement \
        issued after the session, which lasted well into the evening and was described as constructive by both sides.</p>\
        <p>The next round is expected within a fortnight, according to two diplomats who attended the talks and who \
        asked not to be named because they were not authorised to speak to reporters about the negotiations.</p></article></body></html>";

    #[test]
    fn bad_input_gets_a_specific_reason() {
        let dir = tempfile::tempdir().unwrap();
        let p = |name: &str| dir.path().join(name);
        let write = |name: &str, data: &[u8]| std::fs::write(dir.path().join(name), data).unwrap();
        write("empty.txt", b"");
        write("blank.md", b"  \n\n ");
        write("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00");
        write("big.txt", &vec![b'a'; 2000]);
        let full = gz(ARTICLE.as_bytes());
        write("truncated.txt.gz", &full[..full.len() / 2]);
        write("corrupt.txt.gz", b"\x1f\x8bthis is not deflate data at all");
        write("notgzip.json.gz", b"{\"title\": \"plain json, not gzip\"}");
        write("malformed.json", b"{\"title\": \"x\", ");
        write("notobject.json", b"42");
        write("notext.json", b"{\"title\": \"only a title\"}");
        write(
            "script.html",
            b"<html><head><script>var a = 1;</script></head><body><div></div></body></html>",
        );
        write("notes.pdf", b"%PDF-1.4");
        std::fs::create_dir(p("folder.txt")).unwrap();
        let opts = ReadOptions {
            max_file_size: 1000,
            ..ReadOptions::default()
        };
        let cases = [
            ("empty.txt", "empty"),
            ("blank.md", "empty"),
            ("binary.txt", "binary"),
            ("big.txt", "too_large"),
            ("truncated.txt.gz", "truncated_gzip"),
            ("corrupt.txt.gz", "corrupt_gzip"),
            ("notgzip.json.gz", "corrupt_gzip"),
            ("malformed.json", "malformed"),
            ("notobject.json", "not_object"),
            ("notext.json", "no_text"),
            ("script.html", "no_text"),
            ("notes.pdf", "unsupported"),
            ("folder.txt", "not_regular"),
            ("deleted.txt", "vanished"),
        ];
        for (name, reason) in cases {
            assert_eq!(read(&p(name), &opts).err(), Some(reason), "{name}");
        }
    }

    #[test]
    fn gzip_bomb_is_refused_by_decompressed_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.txt.gz");
        std::fs::write(&path, gz(&vec![b'a'; 100_000])).unwrap();
        let opts = ReadOptions {
            max_file_size: 10_000,
            ..ReadOptions::default()
        };
        assert_eq!(read(&path, &opts).err(), Some("too_large"));
    }

    #[cfg(unix)]
    #[test]
    fn special_and_unreadable_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        if std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
        {
            assert_eq!(
                read(&fifo, &ReadOptions::default()).err(),
                Some("not_regular")
            );
        }
        assert_eq!(
            read(Path::new("/dev/null.txt"), &ReadOptions::default()).err(),
            Some("vanished")
        );
        let locked = dir.path().join("locked.txt");
        std::fs::write(&locked, ARTICLE).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads anything: only check the reason where the permission bites.
        if std::fs::read(&locked).is_err() {
            assert_eq!(
                read(&locked, &ReadOptions::default()).err(),
                Some("permission_denied")
            );
        }
        let looped = dir.path().join("loop.txt");
        std::os::unix::fs::symlink(&looped, &looped).unwrap();
        assert_eq!(
            read(&looped, &ReadOptions::default()).err(),
            Some("symlink_loop")
        );
    }

    #[test]
    fn formats_and_compression() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, data: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, data).unwrap();
            path
        };
        let opts = ReadOptions::default();
        let day = NaiveDate::from_ymd_opt(2020, 3, 2);
        for path in [
            write("a.txt", ARTICLE.as_bytes()),
            write("a.txt.gz", &gz(ARTICLE.as_bytes())),
        ] {
            let out = read(&path, &opts).unwrap();
            let d = &out.documents[0];
            assert_eq!(
                (d.title.as_deref(), d.published, d.dateline.as_deref()),
                (Some("Talks resume in Geneva"), day, Some("Geneva"))
            );
        }
        for path in [
            write("p.html", PAGE.as_bytes()),
            write("p.htm.gz", &gz(PAGE.as_bytes())),
        ] {
            let out = read(&path, &opts).unwrap();
            let d = &out.documents[0];
            assert_eq!(
                (d.title.as_deref(), d.published),
                (Some("Talks resume"), day)
            );
            assert!(
                d.text.contains("\n\nEnvoys met again") && d.text.contains("\n\nThe next round"),
                "{}",
                d.text
            );
        }
        // UTF-16 with BOM, and Windows-1252 without any declaration.
        let mut utf16 = vec![0xFF, 0xFE];
        ARTICLE
            .encode_utf16()
            .for_each(|u| utf16.extend(u.to_le_bytes()));
        assert_eq!(
            read(&write("u16.txt", &utf16), &opts).unwrap().documents[0].published,
            day
        );
        let latin = "Accord à Genève\n\nLes délégués se sont réunis lundi à Genève, a déclaré le médiateur après la séance.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(latin);
        assert_eq!(
            read(&write("fr.txt", &bytes), &opts).unwrap().documents[0].text,
            latin
        );
        // Invalid UTF-8 bytes in an otherwise UTF-8 file are replaced, never fatal.
        let mut bad = ARTICLE.repeat(20).into_bytes();
        bad.insert(30, 0xC3);
        assert!(read(&write("bad.txt", &bad), &opts).unwrap().documents[0]
            .text
            .contains('\u{FFFD}'));
    }

    #[test]
    fn json_records_have_own_ids_and_bad_records_do_not_sink_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let jsonl = "{\"title\":\"One\",\"maintext\":\"First story.\",\"date_publish\":\"2020-03-02 10:00:00\"}\n\
                     {\"title\": oops}\n\
                     {\"title\":\"Three\",\"text\":\"Third story.\"}\n";
        let path = dir.path().join("dump.jsonl.gz");
        std::fs::write(&path, gz(jsonl.as_bytes())).unwrap();
        let out = read_file(&path, "dump.jsonl.gz", &ReadOptions::default()).unwrap();
        let docs: Vec<(&str, Option<&str>)> = out
            .documents
            .iter()
            .map(|d| (d.path.as_str(), d.title.as_deref()))
            .collect();
        assert_eq!(
            docs,
            vec![
                ("dump.jsonl.gz#1", Some("One")),
                ("dump.jsonl.gz#3", Some("Three"))
            ]
        );
        assert_ne!(out.documents[0].id, out.documents[1].id);
        assert_eq!(
            out.documents[0].published,
            NaiveDate::from_ymd_opt(2020, 3, 2)
        );
        assert_eq!(out.skipped.len(), 1);
        assert_eq!(
            (
                out.skipped[0].record,
                out.skipped[0].path.as_str(),
                out.skipped[0].error.reason()
            ),
            (2, "dump.jsonl.gz#2", "malformed")
        );

        let single = dir.path().join("one.json");
        std::fs::write(&single, "{\"headline\":\"Solo\",\"body\":\"Just one.\"}").unwrap();
        let out = read_file(&single, "one.json", &ReadOptions::default()).unwrap();
        assert_eq!(
            (
                out.documents[0].path.as_str(),
                out.documents[0].title.as_deref()
            ),
            ("one.json", Some("Solo"))
        );
        assert_eq!(
            out.documents[0].id,
            article_id(&canonical_path(&single), None)
        );
    }

    #[test]
    fn kinds_by_extension() {
        let cases = [
            ("a.txt", Some((FileKind::Text, false))),
            ("a.MD", Some((FileKind::Text, false))),
            ("a.html.gz", Some((FileKind::Html, true))),
            ("a.htm", Some((FileKind::Html, false))),
            ("a.json.gz", Some((FileKind::Json, true))),
            ("a.ndjson", Some((FileKind::JsonLines, false))),
            ("a.gz", None),
            ("a.tar.gz", None),
            ("README", None),
        ];
        for (name, want) in cases {
            assert_eq!(file_kind(Path::new(name)), want, "{name}");
        }
    }
}
