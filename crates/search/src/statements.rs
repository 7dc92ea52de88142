//! Each statement once: the same words from the same speaker in near-duplicate copies of one
//! article (wire copies, updated versions) are one statement.
//!
//! Every statement's quotation record carries a key ([`key`]): a hash of the article it belongs
//! to (the article a near-duplicate copy was linked to with `duplicate_of`, else its own id),
//! the speaker and the words. A statement of [`STANDALONE_WORDS`] words or more leaves the
//! article out of its key: the same long quotation from the same speaker is one statement in
//! any two articles that carry it, copies or not (two stories quoting one interview). Per
//! committed state, [`Statements`] groups the records by key, and keeps one of each group in
//! searches and counts: the one in the original article (not a copy), else the one of the
//! smallest article id. The others are listed with it (`also_in`). The choice depends only on
//! which records the index holds, so incremental and full runs answer alike.

use crate::error::Result;
use crate::schema::KIND_QUOTE;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;
use std::sync::{Arc, Mutex};
use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocAddress, DocId, Opstamp, Score, Searcher, SegmentReader};

/// Statements of this many words or more are the same statement in any article: a short one
/// ("We will win") may be said again on another day, a sentence or more is quoted, not repeated.
pub const STANDALONE_WORDS: usize = 8;

/// The statement key of a quotation: its article (or the article it is a copy of), its speaker
/// (any case) and its words (case, punctuation and spacing folded).
pub fn key(root: &str, speaker: Option<&str>, display: &str) -> String {
    let words = display
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let root = if words.clone().count() >= STANDALONE_WORDS {
        ""
    } else {
        root
    };
    let mut h = FxHasher::default();
    h.write(root.as_bytes());
    h.write_u8(0);
    for w in speaker.unwrap_or("").split_whitespace() {
        h.write(w.to_lowercase().as_bytes());
        h.write_u8(b' ');
    }
    h.write_u8(0);
    for w in words {
        h.write(w.to_lowercase().as_bytes());
        h.write_u8(b' ');
    }
    format!("{:016x}", h.finish())
}

/// The statements of one committed state.
#[derive(Default)]
pub(crate) struct Statements {
    /// Per segment: the quotation records left out (another record of the same statement is kept).
    hidden: FxHashMap<SegmentId, Arc<BitSet>>,
    /// Kept record → the articles of the records left out for it.
    also_in: FxHashMap<DocAddress, Vec<String>>,
}

impl Statements {
    fn build(searcher: &Searcher) -> Result<Statements> {
        // key → (is a copy, article id, address)
        let mut groups: FxHashMap<String, Vec<(bool, String, DocAddress)>> = FxHashMap::default();
        let mut buf = String::new();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let ff = seg.fast_fields();
            let (Some(kind), Some(statement), Some(article)) =
                (ff.str("kind")?, ff.str("statement")?, ff.str("article_id")?)
            else {
                continue;
            };
            let dup = ff.str("duplicate_of")?;
            for doc in seg.doc_ids_alive() {
                let Some(k) = kind.term_ords(doc).next() else {
                    continue;
                };
                buf.clear();
                kind.ord_to_str(k, &mut buf)?;
                if buf != KIND_QUOTE {
                    continue;
                }
                let Some(s) = statement.term_ords(doc).next() else {
                    continue;
                };
                buf.clear();
                statement.ord_to_str(s, &mut buf)?;
                let key = buf.clone();
                let copy = dup
                    .as_ref()
                    .is_some_and(|d| d.term_ords(doc).next().is_some());
                let Some(a) = article.term_ords(doc).next() else {
                    continue;
                };
                buf.clear();
                article.ord_to_str(a, &mut buf)?;
                groups.entry(key).or_default().push((
                    copy,
                    buf.clone(),
                    DocAddress::new(ord as u32, doc),
                ));
            }
        }
        let mut out = Statements::default();
        let mut hidden: FxHashMap<u32, BitSet> = FxHashMap::default();
        for (_, mut members) in groups {
            if members.len() < 2 {
                continue;
            }
            members.sort();
            let (_, kept_id, kept) = members[0].clone();
            let mut others: Vec<String> = Vec::new();
            for (_, id, addr) in members.drain(1..) {
                let seg = &searcher.segment_readers()[addr.segment_ord as usize];
                hidden
                    .entry(addr.segment_ord)
                    .or_insert_with(|| BitSet::with_max_value(seg.max_doc()))
                    .insert(addr.doc_id);
                if id != kept_id && !others.contains(&id) {
                    others.push(id);
                }
            }
            if !others.is_empty() {
                out.also_in.insert(kept, others);
            }
        }
        for (ord, set) in hidden {
            out.hidden.insert(
                searcher.segment_readers()[ord as usize].segment_id(),
                Arc::new(set),
            );
        }
        Ok(out)
    }

    /// The other articles that carry the statement of the kept record at `addr`.
    pub fn also_in(&self, addr: DocAddress) -> &[String] {
        self.also_in.get(&addr).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The records left out, in the segments of `searcher` (the state they were built from).
    pub fn hidden_in(&self, searcher: &Searcher) -> Vec<DocAddress> {
        let mut out = Vec::new();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            if let Some(set) = self.hidden.get(&seg.segment_id()) {
                out.extend(
                    (0..seg.max_doc())
                        .filter(|d| set.contains(*d))
                        .map(|d| DocAddress::new(ord as u32, d)),
                );
            }
        }
        out
    }

    /// The kept records of repeated statements, with the articles of their other copies.
    pub fn kept(&self) -> impl Iterator<Item = (&DocAddress, &Vec<String>)> {
        self.also_in.iter()
    }

    /// Whether any record is left out.
    pub fn any_hidden(&self) -> bool {
        !self.hidden.is_empty()
    }
}

/// Statements kept per committed state (segments and their deletes), built by the first search
/// that needs them.
#[derive(Clone, Default)]
pub(crate) struct StatementSets(
    Arc<Mutex<(Vec<(SegmentId, Option<Opstamp>)>, Option<Arc<Statements>>)>>,
);

impl std::fmt::Debug for StatementSets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StatementSets")
    }
}

impl StatementSets {
    pub fn get(&self, searcher: &Searcher) -> Result<Arc<Statements>> {
        let segments: Vec<(SegmentId, Option<Opstamp>)> = searcher
            .generation()
            .segments()
            .iter()
            .map(|(id, del)| (*id, *del))
            .collect();
        let mut state = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if state.0 == segments {
            if let Some(s) = &state.1 {
                return Ok(s.clone());
            }
        }
        let built = Arc::new(Statements::build(searcher)?);
        *state = (segments, Some(built.clone()));
        Ok(built)
    }
}

/// Matches the quotation records that [`Statements`] leaves out (for a `MustNot` clause).
#[derive(Clone)]
pub(crate) struct HiddenCopies(pub Arc<Statements>);

impl std::fmt::Debug for HiddenCopies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HiddenCopies")
    }
}

impl Query for HiddenCopies {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for HiddenCopies {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        match self.0.hidden.get(&reader.segment_id()) {
            Some(set) => Ok(Box::new(ConstScorer::new(
                BitSetDocSet::from(BitSet::clone(&**set)),
                boost,
            ))),
            None => Ok(Box::new(EmptyScorer)),
        }
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self
            .0
            .hidden
            .get(&reader.segment_id())
            .is_some_and(|s| s.contains(doc))
        {
            true => Ok(Explanation::new(
                "a copy of a statement kept elsewhere",
                1.0,
            )),
            false => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is no hidden copy"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys_fold_case_punctuation_and_spacing() {
        assert_eq!(
            key("a1", Some("Ada Quorve"), "We will stay,"),
            key("a1", Some("ada  quorve"), "we will  stay")
        );
        assert_ne!(
            key("a1", Some("Ada Quorve"), "We will stay"),
            key("a2", Some("Ada Quorve"), "We will stay")
        );
        assert_ne!(
            key("a1", Some("Ada Quorve"), "We will stay"),
            key("a1", None, "We will stay")
        );
    }

    #[test]
    fn a_long_statement_is_one_in_any_article() {
        let long = "The harbour will stay closed until the storm has passed the coast";
        assert_eq!(
            key("a1", Some("Ada Quorve"), long),
            key("a2", Some("Ada Quorve"), long)
        );
        assert_ne!(
            key("a1", Some("Ada Quorve"), long),
            key("a2", Some("Ivo Renn"), long)
        );
        // seven words: another day's words, kept apart
        assert_ne!(
            key(
                "a1",
                Some("Ada Quorve"),
                "The harbour will stay closed until Friday"
            ),
            key(
                "a2",
                Some("Ada Quorve"),
                "The harbour will stay closed until Friday"
            )
        );
    }
}
