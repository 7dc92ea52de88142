//! Articles posted to the API: they have no file. Each has the path `api:{key}` (the record's
//! id, else its url, else a hash of its text), an id hashed from that path, and is stored under
//! the file key `api:{id}` ([`key`]), which `DELETE /api/articles/{id}` removes.
//! Their JSON is read by the indexer's own JSON reader, through the configured field map, as a
//! `.json` file would be.

use crate::{Keyed, PipelineError, Result};
use sitrep_indexer::document::{read_json_body, JsonBodyProblem};
use sitrep_indexer::formats::json::RecordProblem;
use sitrep_indexer::{Document, Extractor, JsonFieldMap};
use sitrep_search::SitrepIndex;

/// Prefix of the key under which a posted article is stored, in place of a file path
/// (`api:{key}`; file paths are absolute, so the two never meet).
pub const POSTED_PREFIX: &str = "api:";

/// Whether an indexed "file" is a posted article: it has no file, so an indexing run neither
/// prunes it as missing nor drops it in a full rebuild. Only [`delete`] removes it.
pub fn is_posted(file: &str) -> bool {
    file.starts_with(POSTED_PREFIX)
}

/// The key a posted article with this id is stored under.
pub fn key(id: &str) -> String {
    format!("{POSTED_PREFIX}{id}")
}

/// Reads a body of one JSON article object or an array of them; all or nothing.
pub fn parse(body: &[u8], fields: &JsonFieldMap) -> Result<Vec<Document>> {
    read_json_body(body, POSTED_PREFIX, fields).map_err(|p| {
        PipelineError::InvalidArticles(match p {
            JsonBodyProblem::Syntax(e) => format!("body is not valid JSON: {e}"),
            JsonBodyProblem::NotArticles => {
                "body must be a JSON object or an array of objects".into()
            }
            JsonBodyProblem::Record(i, RecordProblem::NoText) => {
                format!("article {i} has no text (maintext or text)")
            }
            JsonBodyProblem::Record(i, RecordProblem::NotObject) => {
                format!("article {i} is not a JSON object")
            }
            JsonBodyProblem::Record(i, RecordProblem::Syntax(e)) => {
                format!("article {i} is not valid JSON: {e}")
            }
        })
    })
}

/// Hash of what was posted for one article (its fields as read), in place of a file hash.
fn source_hash(d: &Document) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let fields = [
        Some(d.path.as_str()),
        d.title.as_deref(),
        Some(d.text.as_str()),
        d.url.as_deref(),
        d.source.as_deref(),
        d.language.as_deref(),
    ];
    for f in fields {
        // A tag byte keeps an absent field apart from an empty one, and the length each field
        // apart from the next.
        match f {
            Some(s) => {
                h.update(&[1]);
                h.update(&(s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update(&[0]),
        }
    }
    h.update(
        d.published
            .map(|p| p.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    for a in &d.authors {
        h.update(&(a.len() as u64).to_le_bytes());
        h.update(a.as_bytes());
    }
    h.digest()
}

/// Extracts and writes posted documents (from [`parse`]) through the duplicate pass of an
/// indexing run; each replaces an earlier article posted under the same key. Returns their ids.
pub fn add(index: &SitrepIndex, extractor: &Extractor, docs: Vec<Document>) -> Result<Vec<String>> {
    let keyed = docs
        .into_iter()
        .map(|d| Keyed {
            file: key(&d.id),
            hash: source_hash(&d),
            document: d,
        })
        .collect();
    crate::add_documents(index, extractor, keyed)
}

/// Removes the posted article with this id; false when there is none (an article read from a
/// file goes with its file).
pub fn delete(index: &SitrepIndex, id: &str) -> Result<bool> {
    crate::delete_file(index, &key(id))
}
