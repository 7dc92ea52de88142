//! Restricting a text query to one kind of record (articles or quotations) with a bit set of
//! the segment's records of that kind, instead of intersecting with the posting list of the
//! kind's term.
//!
//! Half the records are articles, so that posting list is as long as the index; intersecting
//! with it makes every match of the text query a seek into its union of fields. A bit test
//! per match is far cheaper. Segments never change, so each segment's set is built once (from
//! the posting list) and kept in a [`KindSets`] cache shared by the index's searches.

use crate::schema::Fields;
use crate::segment_cache::SegmentCache;
use std::sync::Arc;
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Per segment and kind: which records are of that kind.
#[derive(Clone, Default)]
pub(crate) struct KindSets(SegmentCache<&'static str, BitSet>);

impl KindSets {
    fn get(
        &self,
        reader: &SegmentReader,
        field: Field,
        kind: &'static str,
    ) -> tantivy::Result<Arc<BitSet>> {
        self.0.get_or_build(reader.segment_id(), kind, || {
            let mut set = BitSet::with_max_value(reader.max_doc());
            for k in crate::schema::kinds_of(kind) {
                let term = Term::from_field_text(field, k);
                if let Some(mut postings) = reader
                    .inverted_index(field)?
                    .read_postings(&term, IndexRecordOption::Basic)?
                {
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        set.insert(doc);
                        doc = postings.advance();
                    }
                }
            }
            Ok(set)
        })
    }
}

/// The records of kind `kind` that match `inner`, scored as `inner` scores them.
#[derive(Debug)]
pub(crate) struct KindFilter {
    inner: Box<dyn Query>,
    kind: &'static str,
    field: Field,
    sets: KindSets,
}

impl std::fmt::Debug for KindSets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KindSets")
    }
}

impl Clone for KindFilter {
    fn clone(&self) -> Self {
        KindFilter {
            inner: self.inner.box_clone(),
            kind: self.kind,
            field: self.field,
            sets: self.sets.clone(),
        }
    }
}

impl KindFilter {
    pub fn new(
        fields: &Fields,
        sets: &KindSets,
        inner: Box<dyn Query>,
        kind: &'static str,
    ) -> KindFilter {
        KindFilter {
            inner,
            kind,
            field: fields.kind,
            sets: sets.clone(),
        }
    }
}

impl Query for KindFilter {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(KindWeight {
            inner: self.inner.weight(scoring)?,
            kind: self.kind,
            field: self.field,
            sets: self.sets.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct KindWeight {
    inner: Box<dyn Weight>,
    kind: &'static str,
    field: Field,
    sets: KindSets,
}

impl KindWeight {
    /// The segment's records of the kind; `None` when it has none (nothing can match).
    fn kinds(&self, reader: &SegmentReader) -> tantivy::Result<Option<Arc<BitSet>>> {
        let kinds = self.sets.get(reader, self.field, self.kind)?;
        Ok((kinds.len() > 0).then_some(kinds))
    }
}

impl Weight for KindWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(kinds) = self.kinds(reader)? else {
            return Ok(Box::new(EmptyScorer));
        };
        let mut scorer = KindScorer {
            inner: self.inner.scorer(reader, boost)?,
            kinds,
        };
        let doc = scorer.inner.doc();
        if doc != TERMINATED && !scorer.wanted(doc) {
            scorer.advance();
        }
        Ok(Box::new(scorer))
    }

    // The loops over all matches hand the inner query's own loop (a union of term scorers runs
    // without a virtual call per document) a callback that drops the records of other kinds.

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let Some(kinds) = self.kinds(reader)? else {
            return Ok(());
        };
        self.inner.for_each(reader, &mut |doc, score| {
            if kinds.contains(doc) {
                callback(doc, score);
            }
        })
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        let Some(kinds) = self.kinds(reader)? else {
            return Ok(());
        };
        let mut kept = Vec::new();
        self.inner.for_each_no_score(reader, &mut |docs| {
            kept.clear();
            kept.extend(docs.iter().copied().filter(|&d| kinds.contains(d)));
            if !kept.is_empty() {
                callback(&kept);
            }
        })
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let Some(kinds) = self.kinds(reader)? else {
            return Ok(());
        };
        // A record of another kind leaves the threshold where the last kept one put it.
        let mut current = threshold;
        self.inner
            .for_each_pruning(threshold, reader, &mut |doc, score| {
                if kinds.contains(doc) {
                    current = callback(doc, score);
                }
                current
            })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.sets.get(reader, self.field, self.kind)?.contains(doc) {
            true => self.inner.explain(reader, doc),
            false => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not of kind {}",
                self.kind
            ))),
        }
    }
}

struct KindScorer {
    inner: Box<dyn Scorer>,
    kinds: Arc<BitSet>,
}

impl KindScorer {
    #[inline]
    fn wanted(&self, doc: DocId) -> bool {
        self.kinds.contains(doc)
    }
}

impl DocSet for KindScorer {
    fn advance(&mut self) -> DocId {
        loop {
            let doc = self.inner.advance();
            if doc == TERMINATED || self.wanted(doc) {
                return doc;
            }
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.inner.seek(target);
        if doc == TERMINATED || self.wanted(doc) {
            doc
        } else {
            self.advance()
        }
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for KindScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{KIND_ARTICLE, KIND_QUOTE};
    use crate::SitrepIndex;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, QueryParser, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::TantivyDocument;

    /// The filter finds the same records with the same scores as intersecting with the kind's
    /// posting list, alone and inside an intersection that seeks it, in every segment, through
    /// each of the loops over matches: scored, unscored, and pruned by a top-k threshold.
    #[test]
    fn filter_agrees_with_the_kind_term() {
        let index = SitrepIndex::in_memory().unwrap();
        let f = index.fields().clone();
        let mut w: tantivy::IndexWriter =
            index.index.writer_with_num_threads(1, 15_000_000).unwrap();
        for seg in 0..3 {
            for i in 0..200u32 {
                let mut d = TantivyDocument::new();
                // Runs of quotations between articles, so that skipped stretches vary.
                d.add_text(
                    f.kind,
                    if (i * 7 + seg) % 5 < 2 {
                        KIND_ARTICLE
                    } else {
                        KIND_QUOTE
                    },
                );
                let words = [
                    "army border",
                    "talks border army",
                    "army",
                    "ceasefire talks",
                ][(i % 4) as usize];
                d.add_text(
                    f.body,
                    format!("{words} {}", if i % 3 == 0 { "north" } else { "south" }),
                );
                if i % 5 == 1 {
                    d.add_text(f.title, "army");
                }
                w.add_document(d).unwrap();
            }
            w.commit().unwrap();
        }
        index.reload().unwrap();
        let searcher = index.reader.searcher();
        let parser = QueryParser::for_index(&index.index, vec![f.title, f.body]);
        for text in [
            "army",
            "border OR talks",
            "army AND border",
            "ceasefire",
            "nothing",
        ] {
            let north = || {
                Box::new(ConstScoreQuery::new(
                    parser.parse_query("north").unwrap(),
                    0.0,
                )) as Box<dyn Query>
            };
            for kind in [KIND_ARTICLE, KIND_QUOTE] {
                let term = || {
                    Box::new(ConstScoreQuery::new(
                        Box::new(TermQuery::new(
                            Term::from_field_text(f.kind, kind),
                            IndexRecordOption::Basic,
                        )),
                        0.0,
                    )) as Box<dyn Query>
                };
                let filtered = || {
                    Box::new(KindFilter::new(
                        &f,
                        &index.kind_sets,
                        parser.parse_query(text).unwrap(),
                        kind,
                    )) as Box<dyn Query>
                };
                let pairs: [(Box<dyn Query>, Box<dyn Query>); 2] = [
                    (
                        filtered(),
                        Box::new(BooleanQuery::new(vec![
                            (Occur::Must, parser.parse_query(text).unwrap()),
                            (Occur::Must, term()),
                        ])),
                    ),
                    (
                        Box::new(BooleanQuery::new(vec![
                            (Occur::Must, filtered()),
                            (Occur::Must, north()),
                        ])),
                        Box::new(BooleanQuery::new(vec![
                            (Occur::Must, parser.parse_query(text).unwrap()),
                            (Occur::Must, term()),
                            (Occur::Must, north()),
                        ])),
                    ),
                ];
                for (a, b) in pairs {
                    let top = TopDocs::with_limit(1000).order_by_score();
                    let (ra, rb) = (
                        searcher.search(&*a, &top).unwrap(),
                        searcher.search(&*b, &top).unwrap(),
                    );
                    assert_eq!(ra, rb, "{text} {kind}");
                    assert_eq!(
                        searcher.search(&*a, &tantivy::collector::Count).unwrap(),
                        rb.len()
                    );
                    // Scored without pruning (every match), unscored, and pruned with a small k.
                    assert_eq!(
                        searcher
                            .search(&*a, &crate::top::TopScores::new(1000, 0))
                            .unwrap(),
                        rb,
                        "{text} {kind}"
                    );
                    let docs = tantivy::collector::DocSetCollector;
                    assert_eq!(
                        searcher.search(&*a, &docs).unwrap(),
                        searcher.search(&*b, &docs).unwrap(),
                        "{text} {kind}"
                    );
                    let few = TopDocs::with_limit(3).order_by_score();
                    assert_eq!(
                        searcher.search(&*a, &few).unwrap(),
                        searcher.search(&*b, &few).unwrap(),
                        "{text} {kind}"
                    );
                    if text != "nothing" {
                        assert!(!rb.is_empty(), "{text} {kind}");
                    }
                }
            }
        }
    }
}
