//! Counts over everything of a kind, kept per committed state of the index.
//!
//! Some counts do not depend on the request: facets over every article (a dashboard before any
//! query), or over every quotation (the speaker facet of `/api/quotes?speaker=…`, which leaves
//! out its own filter). They change only when a commit changes the segments or their deletes,
//! so each is counted once per committed state and then copied.

use crate::agg::{self, Counted, Counter};
use crate::error::Result;
use crate::schema::FacetField;
use crate::types::Interval;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::index::SegmentId;
use tantivy::query::Query;
use tantivy::{Opstamp, Searcher};

/// What was counted: everything of `kind` (without near-duplicates when `collapse`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    kind: &'static str,
    /// Near-duplicate articles left out; copies of statements left out.
    collapse: (bool, bool),
    facets: Vec<FacetField>,
    size: usize,
    histogram: Option<Interval>,
    distinct: bool,
}

/// Different questions kept per committed state; beyond that the oldest state's are dropped.
const MAX_ENTRIES: usize = 64;

#[derive(Default)]
struct State {
    /// The segments (and their deletes) the entries were counted on.
    segments: Vec<(SegmentId, Option<Opstamp>)>,
    entries: HashMap<Key, Arc<Counted>>,
}

/// The cache, shared by an index's searches.
#[derive(Clone, Default)]
pub(crate) struct EverythingCounts(Arc<Mutex<State>>);

impl std::fmt::Debug for EverythingCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EverythingCounts")
    }
}

impl EverythingCounts {
    /// What `counter` counts over `query`, which must match everything of `kind` (without
    /// near-duplicates when `collapse`): from the cache when this committed state was counted.
    pub fn count(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        kind: &'static str,
        collapse: (bool, bool),
        counter: Counter,
    ) -> Result<Counted> {
        let segments: Vec<(SegmentId, Option<Opstamp>)> = searcher
            .generation()
            .segments()
            .iter()
            .map(|(id, del)| (*id, *del))
            .collect();
        let key = Key {
            kind,
            collapse,
            facets: counter.facets.clone(),
            size: counter.size,
            histogram: counter.histogram,
            distinct: counter.distinct,
        };
        {
            let state = self.0.lock().unwrap_or_else(|e| e.into_inner());
            if state.segments == segments {
                if let Some(c) = state.entries.get(&key) {
                    return Ok(Counted::clone(c));
                }
            }
        }
        let counted = agg::count(searcher, query, counter)?;
        let mut state = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if state.segments != segments || state.entries.len() >= MAX_ENTRIES {
            state.segments = segments;
            state.entries.clear();
        }
        state.entries.insert(key, Arc::new(counted.clone()));
        Ok(counted)
    }
}

#[cfg(test)]
mod tests {
    use crate::search::{Filters, SearchRequest, Target};
    use crate::{FacetField, SitrepIndex};

    /// Article `n` naming `person` and quoting `speaker`.
    fn add(index: &SitrepIndex, rows: &[(u64, &str, &str)]) {
        let mut w = index.writer(1).unwrap();
        for (n, person, speaker) in rows {
            let text = format!("Report {n}. \u{201c}We will talk,\u{201d} said {speaker}.");
            let article: sitrep_indexer::Article = serde_json::from_value(serde_json::json!({
                "path": format!("a{n}.txt"), "id": format!("a{n}"), "title": null, "published": "2021-01-01",
                "dateline": null, "text": text, "organisations": [], "locations": [],
                "people": [{"name": person, "mentions": []}],
                "quotes": [{"text": "We will talk,", "speaker": speaker, "start": 0, "end": 1}],
            }))
            .unwrap();
            w.add_article(
                &crate::record::ArticleRecord::new(article),
                &format!("a{n}.txt"),
                *n,
                None,
            )
            .unwrap();
        }
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
    }

    fn counts(index: &SitrepIndex) -> (Vec<(String, u64)>, Vec<(String, u64)>) {
        let pairs = |v: &[crate::FacetCount]| {
            v.iter()
                .map(|c| (c.value.clone(), c.count))
                .collect::<Vec<_>>()
        };
        let articles = index
            .search(&SearchRequest {
                facets: vec![FacetField::Person],
                ..Default::default()
            })
            .unwrap();
        let req = SearchRequest {
            target: Target::Quotes,
            filters: Filters {
                speaker: vec!["Al".into()],
                ..Default::default()
            },
            facets: vec![FacetField::Speaker],
            ..Default::default()
        };
        let quotes = index.search_quotes(&req).unwrap();
        (
            pairs(&articles.facets["people"]),
            pairs(&quotes.facets["speakers"]),
        )
    }

    /// Counts over everything (no query; a facet without its own filter) follow every commit:
    /// added segments and deleted articles.
    #[test]
    fn counts_over_everything_follow_commits() {
        let index = SitrepIndex::in_memory().unwrap();
        add(&index, &[(1, "Bo", "Al"), (2, "Bo", "Cy")]);
        let p = |v: &[(&str, u64)]| {
            v.iter()
                .map(|(s, n)| (s.to_string(), *n))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            counts(&index),
            (p(&[("Bo", 2)]), p(&[("Al", 1), ("Cy", 1)]))
        );
        // Asked again: the same answer (now from the cache).
        assert_eq!(
            counts(&index),
            (p(&[("Bo", 2)]), p(&[("Al", 1), ("Cy", 1)]))
        );
        add(&index, &[(3, "Di", "Cy"), (4, "Di", "Cy"), (5, "Di", "Al")]);
        assert_eq!(
            counts(&index),
            (p(&[("Di", 3), ("Bo", 2)]), p(&[("Cy", 3), ("Al", 2)]))
        );
        let mut w = index.writer(1).unwrap();
        w.delete_article("a3").unwrap();
        w.delete_article("a4").unwrap();
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
        assert_eq!(
            counts(&index),
            (p(&[("Bo", 2), ("Di", 1)]), p(&[("Al", 2), ("Cy", 1)]))
        );
    }
}
