//! Pushing a sitrep index to a Quickwit cluster, incrementally.
//!
//! The articles come from the sitrep index that `sitrep index` has just brought up to date
//! (reading, extraction, duplicate detection and actor resolution all ran there). A state file
//! beside that index records, per article id, a hash of the document last sent to this
//! endpoint and index: a push sends only new and changed documents, and removes the changed
//! and vanished ones from the cluster first with a delete task. Quickwit has no update in
//! place: a delete task applies to documents committed before it, so the new version of a
//! document, ingested after the task, is kept. Delete tasks run in the background on the
//! indexer node (its janitor), so an old version can still be counted for a short while.

use crate::client::Client;
use crate::doc::{article_doc, quote_doc, Analyzer};
use crate::error::{QuickwitError, Result};
use serde::{Deserialize, Serialize};
use sitrep_search::SitrepIndex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Largest ingest request body (Quickwit's limit is 10 MiB).
const MAX_BATCH_BYTES: usize = 8 * 1024 * 1024;
/// Article ids per delete task.
const IDS_PER_DELETE: usize = 100;

/// What a push did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PushSummary {
    /// Whether the index was created on the cluster by this push.
    pub created: bool,
    /// New documents sent.
    pub added: usize,
    /// Changed documents sent again (the old versions deleted).
    pub replaced: usize,
    /// Documents deleted because their article is gone.
    pub deleted: usize,
    /// Documents not sent because the cluster has them as they are.
    pub unchanged: usize,
    /// Quotation documents sent with the new and changed articles.
    pub quotes: usize,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    endpoint: String,
    index: String,
    /// Article id → hash of the documents sent (the article's and its quotations').
    docs: BTreeMap<String, String>,
}

/// The state file of pushes from the index at `index_path`.
pub fn state_path(index_path: &Path) -> PathBuf {
    let mut name = index_path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "index".into());
    name.push(".quickwit.json");
    index_path.with_file_name(name)
}

fn load_state(path: &Path, client: &Client) -> Result<State> {
    let fresh = State {
        endpoint: client.url().to_string(),
        index: client.index().to_string(),
        docs: BTreeMap::new(),
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(fresh),
        Err(e) => {
            return Err(QuickwitError::State {
                path: path.display().to_string(),
                message: e.to_string(),
            })
        }
    };
    // a state of another endpoint or index, or an unreadable one, says nothing about this one
    match serde_json::from_str::<State>(&text) {
        Ok(s) if s.endpoint == fresh.endpoint && s.index == fresh.index => Ok(s),
        _ => Ok(fresh),
    }
}

fn save_state(path: &Path, state: &State) -> Result<()> {
    let err = |e: std::io::Error| QuickwitError::State {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_vec(state).map_err(|e| QuickwitError::State {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    std::fs::write(&tmp, text).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(err)
}

/// A Quickwit query-language string literal.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Creates the index on the cluster from the repository's mapping when it is missing, and
/// checks that an existing one has every field of that mapping. Returns whether it was created.
pub fn ensure_index(client: &Client) -> Result<bool> {
    let Some(meta) = client.index_metadata()? else {
        client.create_index(&crate::index_config(client.index()))?;
        return Ok(true);
    };
    let missing = missing_fields(&meta);
    if !missing.is_empty() {
        return Err(QuickwitError::OutdatedMapping {
            index: client.index().to_string(),
            missing: missing.join(", "),
        });
    }
    Ok(false)
}

/// The fields of the repository's mapping that an index's metadata lacks.
fn missing_fields(meta: &serde_json::Value) -> Vec<String> {
    let have: BTreeSet<&str> = meta
        .pointer("/index_config/doc_mapping/field_mappings")
        .and_then(serde_json::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|f| f.get("name").and_then(serde_json::Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    crate::mapping_fields()
        .into_iter()
        .filter(|f| !have.contains(f.as_str()))
        .collect()
}

/// Sends the articles of `index` to the cluster (see the module documentation). `state` is
/// the state file ([`state_path`] of the index's path).
pub fn push(index: &SitrepIndex, client: &Client, state: &Path) -> Result<PushSummary> {
    let mut summary = PushSummary {
        created: ensure_index(client)?,
        ..PushSummary::default()
    };
    let mut st = load_state(state, client)?;
    if summary.created {
        st.docs.clear();
    }
    let mut analyzer = Analyzer::default();
    let mut current: BTreeMap<String, String> = BTreeMap::new();
    let mut to_send: Vec<String> = Vec::new();
    let mut replaced: BTreeSet<String> = BTreeSet::new();
    index.for_each_article(|rec, actors| {
        // an article travels with its quotations: they are sent, replaced and deleted together
        let mut lines = article_doc(&mut analyzer, &rec, &actors).to_string();
        let mut quotes = 0;
        for (i, q) in actors.quotes.iter().enumerate() {
            lines.push('\n');
            lines.push_str(&quote_doc(&mut analyzer, &rec, i, q).to_string());
            quotes += 1;
        }
        let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(lines.as_bytes()));
        match st.docs.get(&rec.article.id) {
            Some(h) if *h == hash => summary.unchanged += 1,
            Some(_) => {
                replaced.insert(rec.article.id.clone());
                summary.quotes += quotes;
                to_send.push(lines);
            }
            None => {
                summary.quotes += quotes;
                to_send.push(lines);
            }
        }
        current.insert(rec.article.id.clone(), hash);
        Ok(())
    })?;
    let gone: Vec<&String> = st
        .docs
        .keys()
        .filter(|id| !current.contains_key(*id))
        .collect();
    summary.deleted = gone.len();
    summary.replaced = replaced.len();
    summary.added = to_send.len() - replaced.len();
    // old versions out first: a delete task spares what is committed after it
    let stale: Vec<&String> = gone.into_iter().chain(replaced.iter()).collect();
    for ids in stale.chunks(IDS_PER_DELETE) {
        let q = ids
            .iter()
            .map(|id| format!("article_id:{}", quoted(id)))
            .collect::<Vec<_>>()
            .join(" OR ");
        client.delete(&q)?;
    }
    let mut batch: Vec<u8> = Vec::new();
    let n = to_send.len();
    for (i, line) in to_send.iter().enumerate() {
        batch.extend_from_slice(line.as_bytes());
        batch.push(b'\n');
        let last = i + 1 == n;
        if last || batch.len() >= MAX_BATCH_BYTES {
            client.ingest(&batch, last)?;
            batch.clear();
        }
    }
    st.docs = current;
    save_state(state, &st)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_lives_beside_the_index() {
        assert_eq!(
            state_path(Path::new("/d/index")),
            PathBuf::from("/d/index.quickwit.json")
        );
        assert_eq!(
            state_path(Path::new("idx/")),
            PathBuf::from("idx.quickwit.json")
        );
    }

    #[test]
    fn an_older_mapping_is_noticed() {
        let fields = |names: &[&str]| serde_json::json!({"index_config": {"doc_mapping": {"field_mappings": names.iter().map(|n| serde_json::json!({"name": n})).collect::<Vec<_>>()}}});
        let all = crate::mapping_fields();
        assert!(
            all.contains(&"kind".to_string()) && all.contains(&"record".to_string()),
            "{all:?}"
        );
        let names: Vec<&str> = all.iter().map(String::as_str).collect();
        assert!(missing_fields(&fields(&names)).is_empty());
        let old: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| !matches!(*n, "kind" | "record" | "hidden_copy"))
            .collect();
        assert_eq!(
            missing_fields(&fields(&old)),
            vec!["kind", "hidden_copy", "record"]
        );
    }

    #[test]
    fn ids_are_quoted() {
        assert_eq!(quoted(r#"a"b\c"#), r#""a\"b\\c""#);
    }
}
