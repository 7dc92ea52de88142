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
use crate::recent::{state_key, Recent, StateKey};
use crate::schema::KIND_QUOTE;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;
use std::sync::Arc;
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocAddress, DocId, Score, Searcher, SegmentReader};

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

/// A segment's statement keys as numbers, by the column's term ordinal (one pass over its
/// dictionary, in order). A key [`key`] wrote is its 16 hex digits; any other text is hashed.
fn statement_keys(column: &StrColumn) -> Result<Vec<u64>> {
    let mut keys = Vec::with_capacity(column.num_terms());
    let mut terms = column.dictionary().stream()?;
    while terms.advance() {
        let text = terms.key();
        let hex = (text.len() == 16)
            .then(|| std::str::from_utf8(text).ok())
            .flatten()
            .and_then(|t| u64::from_str_radix(t, 16).ok());
        keys.push(hex.unwrap_or_else(|| {
            let mut h = FxHasher::default();
            h.write(text);
            h.finish()
        }));
    }
    Ok(keys)
}

/// A record's article: its segment and the article id's ordinal in that segment's column.
type ArticleRef = (u32, u64);

/// The statements of one committed state.
#[derive(Default)]
pub(crate) struct Statements {
    /// Per segment: the quotation records left out (another record of the same statement is kept).
    hidden: FxHashMap<SegmentId, Arc<BitSet>>,
    /// Kept record → its article and the articles of the records left out for it, each with
    /// whether the record is a copy (their ids are read when asked for: at a million articles
    /// most records have copies).
    also_in: FxHashMap<DocAddress, (ArticleRef, Vec<(bool, ArticleRef)>)>,
    /// Per segment ordinal: the article id column.
    articles: Vec<Option<StrColumn>>,
}

impl Statements {
    fn build(searcher: &Searcher) -> Result<Statements> {
        // One row per quotation record: (statement key, is a copy, segment, article ordinal,
        // document). Keys and kinds are compared as numbers and ordinals, so no record's
        // strings are decoded.
        let mut rows: Vec<(u64, bool, u32, u64, DocId)> = Vec::new();
        let mut out = Statements::default();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let ff = seg.fast_fields();
            let (Some(kind), Some(statement), Some(article)) =
                (ff.str("kind")?, ff.str("statement")?, ff.str("article_id")?)
            else {
                out.articles.push(None);
                continue;
            };
            let dup = ff.str("duplicate_of")?;
            let quote = kind.dictionary().term_ord(KIND_QUOTE)?;
            out.articles.push(Some(article.clone()));
            let Some(quote) = quote else {
                continue;
            };
            let keys = statement_keys(&statement)?;
            for doc in seg.doc_ids_alive() {
                if kind.term_ords(doc).next() != Some(quote) {
                    continue;
                }
                let (Some(s), Some(a)) = (
                    statement.term_ords(doc).next(),
                    article.term_ords(doc).next(),
                ) else {
                    continue;
                };
                let copy = dup
                    .as_ref()
                    .is_some_and(|d| d.term_ords(doc).next().is_some());
                rows.push((keys[s as usize], copy, ord as u32, a, doc));
            }
        }
        rows.sort_unstable_by_key(|r| (r.0, r.1));
        let mut hidden: FxHashMap<u32, BitSet> = FxHashMap::default();
        for group in rows.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() >= 2) {
            // the record kept: the original article's (not a copy's), else the smallest id's
            // (ids are read only when several records tie on that)
            let candidates = group.iter().take_while(|r| r.1 == group[0].1).count();
            let kept = if candidates == 1 {
                0
            } else {
                // within a segment, ordinals sort as the ids do: only each segment's first
                // candidate's id is read, and only when the candidates span segments
                let mut firsts: Vec<usize> = Vec::new();
                for (k, r) in group[..candidates].iter().enumerate() {
                    match firsts.iter_mut().find(|f| group[**f].2 == r.2) {
                        Some(f) if (r.3, r.4) < (group[*f].3, group[*f].4) => *f = k,
                        Some(_) => {}
                        None => firsts.push(k),
                    }
                }
                let mut best: Option<(String, DocAddress, usize)> = None;
                for &k in firsts.iter().filter(|_| firsts.len() > 1) {
                    let r = group[k];
                    let id = out.article_id((r.2, r.3))?;
                    let addr = DocAddress::new(r.2, r.4);
                    if best.as_ref().is_none_or(|(i, a, _)| (&id, addr) < (i, *a)) {
                        best = Some((id, addr, k));
                    }
                }
                best.map_or(firsts[0], |b| b.2)
            };
            let (_, _, kseg, karticle, kdoc) = group[kept];
            let mut others: Vec<(bool, ArticleRef)> = Vec::new();
            for (k, &(_, copy, seg, article, doc)) in group.iter().enumerate() {
                if k == kept {
                    continue;
                }
                let reader = &searcher.segment_readers()[seg as usize];
                hidden
                    .entry(seg)
                    .or_insert_with(|| BitSet::with_max_value(reader.max_doc()))
                    .insert(doc);
                if (seg, article) != (kseg, karticle) && !others.contains(&(copy, (seg, article))) {
                    others.push((copy, (seg, article)));
                }
            }
            if !others.is_empty() {
                out.also_in
                    .insert(DocAddress::new(kseg, kdoc), ((kseg, karticle), others));
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

    fn article_id(&self, (seg, ord): ArticleRef) -> Result<String> {
        let mut id = String::new();
        if let Some(Some(col)) = self.articles.get(seg as usize) {
            col.ord_to_str(ord, &mut id)?;
        }
        Ok(id)
    }

    /// The other articles that carry the statement of the kept record at `addr`: originals
    /// before copies, each by id, each once, never the kept record's own.
    pub fn also_in(&self, addr: DocAddress) -> Result<Vec<String>> {
        let Some((kept, others)) = self.also_in.get(&addr) else {
            return Ok(Vec::new());
        };
        let kept = self.article_id(*kept)?;
        let mut ids: Vec<(bool, String)> = Vec::with_capacity(others.len());
        for &(copy, a) in others {
            ids.push((copy, self.article_id(a)?));
        }
        ids.sort();
        let mut out: Vec<String> = Vec::with_capacity(ids.len());
        for (_, id) in ids {
            if id != kept && !out.contains(&id) {
                out.push(id);
            }
        }
        Ok(out)
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

    /// The kept records of repeated statements.
    pub fn kept(&self) -> impl Iterator<Item = DocAddress> + '_ {
        self.also_in.keys().copied()
    }

    /// Whether any record is left out.
    pub fn any_hidden(&self) -> bool {
        !self.hidden.is_empty()
    }
}

/// Statements of the recent committed states (see [`crate::recent`]), built by the first search
/// (or warm-up) that needs them.
#[derive(Clone)]
pub(crate) struct StatementSets(Arc<Recent<StateKey, Arc<Statements>>>);

impl Default for StatementSets {
    fn default() -> Self {
        StatementSets(Arc::new(Recent::new(2)))
    }
}

impl std::fmt::Debug for StatementSets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StatementSets")
    }
}

impl StatementSets {
    pub fn get(&self, searcher: &Searcher) -> Result<Arc<Statements>> {
        self.0.get_or_try_build(state_key(searcher), || {
            Statements::build(searcher).map(Arc::new)
        })
    }

    /// Whether the statements of a recent state were built (a quotation search asked for them).
    pub fn in_use(&self) -> bool {
        self.0.any_built()
    }

    /// Whether the statements of the state `searcher` sees are built.
    #[cfg(test)]
    pub fn is_built(&self, searcher: &Searcher) -> bool {
        self.0.is_built(&state_key(searcher))
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
