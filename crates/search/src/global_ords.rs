//! Global ordinals: one numbering of a string column's values across the segments of a searcher.
//!
//! Each segment numbers its column values in the sorted order of its own dictionary. Merging the
//! segments' dictionaries in sorted order numbers every value once, and a per-segment table maps
//! segment ordinals to these global ones. Facet counts from several segments then add up by
//! number, and only the names that make a top list are read from a dictionary. Global ordinals
//! keep the sort order of the values, so ties break by name for free and a value prefix is one
//! range of them.
//!
//! A table is built once per column and set of segments (as Elasticsearch keeps its global
//! ordinals) and replaced when a commit changes the segments. One segment needs no table.

use crate::recent::Recent;
use std::io;
use std::ops::Range;
use std::sync::Arc;
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;

/// One column's global ordinals over a list of segments.
#[derive(Debug)]
pub(crate) struct GlobalOrdMap {
    /// Per segment: segment ordinal → global ordinal. Empty for a single segment (identity).
    to_global: Vec<Vec<u32>>,
    /// Per global ordinal: a segment that holds the value and the value's ordinal there.
    source: Vec<(u32, u32)>,
    len: usize,
}

impl GlobalOrdMap {
    /// The identity numbering of a single segment.
    fn single(column: &StrColumn) -> GlobalOrdMap {
        GlobalOrdMap {
            to_global: Vec::new(),
            source: Vec::new(),
            len: column.num_terms(),
        }
    }

    /// Merges the segments' dictionaries in sorted order.
    fn build(columns: &[&StrColumn]) -> io::Result<GlobalOrdMap> {
        if let [one] = columns {
            return Ok(Self::single(one));
        }
        let mut streams = Vec::with_capacity(columns.len());
        let mut live = Vec::with_capacity(columns.len());
        for c in columns {
            let mut s = c.dictionary().stream()?;
            live.push(s.advance());
            streams.push(s);
        }
        let mut to_global: Vec<Vec<u32>> = columns
            .iter()
            .map(|c| Vec::with_capacity(c.num_terms()))
            .collect();
        let mut source = Vec::new();
        let mut key = Vec::new();
        loop {
            // The smallest key among the streams not yet exhausted (few segments: a scan).
            let mut min: Option<usize> = None;
            for (i, s) in streams.iter().enumerate() {
                if live[i] && min.is_none_or(|m| s.key() < streams[m].key()) {
                    min = Some(i);
                }
            }
            let Some(m) = min else { break };
            let global = u32::try_from(source.len())
                .map_err(|_| io::Error::other("more than 2^32 distinct facet values"))?;
            source.push((m as u32, streams[m].term_ord() as u32));
            // Every stream positioned on that key takes the global ordinal and moves on.
            key.clear();
            key.extend_from_slice(streams[m].key());
            for i in 0..streams.len() {
                if live[i] && streams[i].key() == key.as_slice() {
                    to_global[i].push(global);
                    live[i] = streams[i].advance();
                }
            }
        }
        Ok(GlobalOrdMap {
            to_global,
            len: source.len(),
            source,
        })
    }

    /// Number of distinct values over all segments.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The global ordinal of ordinal `ord` of segment `seg`.
    #[inline]
    pub fn global(&self, seg: usize, ord: u32) -> u32 {
        if self.to_global.is_empty() {
            ord
        } else {
            self.to_global[seg][ord as usize]
        }
    }

    /// A segment holding global ordinal `g`, and its ordinal there.
    pub fn source(&self, g: u32) -> (usize, u32) {
        if self.source.is_empty() {
            (0, g)
        } else {
            let (s, o) = self.source[g as usize];
            (s as usize, o)
        }
    }

    /// The global ordinals of the values whose segment ordinals fall in `ranges` (one per
    /// segment): the values between the smallest and the largest of them, since the numbering
    /// keeps the sort order.
    pub fn range(&self, ranges: &[Range<u64>]) -> Range<u32> {
        let mut lo = u32::MAX;
        let mut hi = 0;
        for (seg, r) in ranges.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
            lo = lo.min(self.global(seg, r.start as u32));
            hi = hi.max(self.global(seg, (r.end - 1) as u32) + 1);
        }
        if lo >= hi {
            0..0
        } else {
            lo..hi
        }
    }
}

/// The global ordinal tables of an index's columns, for its recent sets of segments.
#[derive(Clone)]
pub(crate) struct GlobalOrds(Arc<Recent<ColumnOverSegments, Arc<GlobalOrdMap>>>);

/// A column's name and the segments its table numbers the values of.
type ColumnOverSegments = (&'static str, Vec<SegmentId>);

/// Tables kept: two sets of segments (the state searches see and the one being warmed up) of
/// each of the counted columns.
const KEEP: usize = 16;

impl Default for GlobalOrds {
    fn default() -> Self {
        GlobalOrds(Arc::new(Recent::new(KEEP)))
    }
}

impl std::fmt::Debug for GlobalOrds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GlobalOrds")
    }
}

impl GlobalOrds {
    /// The table of `column` over `segments`, whose columns are `columns` (in the same order).
    pub fn get(
        &self,
        column: &'static str,
        segments: &[SegmentId],
        columns: &[&StrColumn],
    ) -> io::Result<Arc<GlobalOrdMap>> {
        if let [one] = columns {
            return Ok(Arc::new(GlobalOrdMap::single(one)));
        }
        self.0.get_or_try_build((column, segments.to_vec()), || {
            GlobalOrdMap::build(columns).map(Arc::new)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::search::{FacetCount, SearchRequest};
    use crate::{FacetField, SitrepIndex};

    fn add(index: &SitrepIndex, n: &mut u64, people: &[&str]) {
        let mut w = index.writer(1).unwrap();
        for p in people {
            *n += 1;
            let article: sitrep_indexer::Article = serde_json::from_value(serde_json::json!({
                "path": format!("a{n}.txt"), "id": format!("a{n}"), "title": null, "published": "2021-01-01",
                "dateline": null, "text": "words", "quotes": [], "organisations": [], "locations": [],
                "people": [{"name": p, "mentions": []}],
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

    fn people(index: &SitrepIndex) -> Vec<(String, u64)> {
        let req = SearchRequest {
            limit: 0,
            facets: vec![FacetField::Person],
            facet_limit: 100,
            ..Default::default()
        };
        index.search(&req).unwrap().facets["people"]
            .iter()
            .map(|FacetCount { value, count }| (value.clone(), *count))
            .collect()
    }

    /// The table follows the segments: a commit that adds a segment (with values new to the
    /// index and values shared with older segments) is counted at once, not through a stale table.
    #[test]
    fn tables_follow_new_segments() {
        let index = SitrepIndex::in_memory().unwrap();
        let mut n = 0;
        add(&index, &mut n, &["Bo", "Al", "Bo"]);
        add(&index, &mut n, &["Cy", "Bo"]);
        assert_eq!(
            people(&index),
            vec![("Bo".into(), 3), ("Al".into(), 1), ("Cy".into(), 1)]
        );
        add(&index, &mut n, &["Ab", "Cy", "Cy", "Zed"]);
        assert_eq!(
            people(&index),
            vec![
                ("Bo".into(), 3),
                ("Cy".into(), 3),
                ("Ab".into(), 1),
                ("Al".into(), 1),
                ("Zed".into(), 1)
            ]
        );
    }
}
