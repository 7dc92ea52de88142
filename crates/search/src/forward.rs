//! Decoded copies of the columns that dashboard counts read for every match.
//!
//! Reading a multi-valued ordinal column from tantivy's compressed fast fields takes, per
//! document, a rank in the optional index, two reads of the start-index column and one bit
//! unpacking per value. Counting facets over thousands of matches is made of little else, so
//! each segment's column is decoded once into plain arrays (a document's ordinals are one
//! slice) and kept, like [`KindSets`], until the segment is merged away. The same holds for the
//! publication day or month a date histogram reads.
//!
//! Memory: four bytes per facet value and per record and column, plus four per record for each
//! date column a histogram has used. On the 100,000-article benchmark index (200,000 records)
//! the actor and speaker columns take 5.4 MB, decoded in under 30 ms at the first count after a
//! commit.
//!
//! [`KindSets`]: crate::kind_filter::KindSets

use crate::segment_cache::SegmentCache;
use std::sync::Arc;
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::DocId;

/// Documents decoded per block while building.
const BLOCK: u32 = 1024;

/// The documents `0..max_doc` in blocks of [`BLOCK`].
fn doc_blocks(max_doc: DocId) -> impl Iterator<Item = std::ops::Range<DocId>> {
    (0..max_doc)
        .step_by(BLOCK as usize)
        .map(move |start| start..(start + BLOCK).min(max_doc))
}

/// A segment's ordinal column: document `d` has the ordinals `ords[offsets[d]..offsets[d + 1]]`.
pub(crate) struct ForwardOrds {
    offsets: Vec<u32>,
    ords: Vec<u32>,
}

impl ForwardOrds {
    fn build(column: &StrColumn, max_doc: DocId) -> ForwardOrds {
        let col = column.ords();
        let mut offsets = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::new();
        offsets.push(0);
        let (mut docs, mut doc_buf, mut row_buf, mut ord_buf) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for block in doc_blocks(max_doc) {
            docs.clear();
            docs.extend(block.clone());
            doc_buf.clear();
            row_buf.clear();
            col.row_ids_for_docs(&docs, &mut doc_buf, &mut row_buf);
            ord_buf.resize(row_buf.len(), 0u64);
            col.values.get_vals(&row_buf, &mut ord_buf);
            // `doc_buf` names the document of each value, in document order.
            let mut i = 0;
            for d in block {
                while i < doc_buf.len() && doc_buf[i] == d {
                    ords.push(ord_buf[i] as u32);
                    i += 1;
                }
                offsets.push(ords.len() as u32);
            }
        }
        ForwardOrds { offsets, ords }
    }

    /// The ordinals of document `doc`.
    #[inline]
    pub fn of(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.offsets.get(d), self.offsets.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.ords[a as usize..b as usize],
            _ => &[],
        }
    }

    fn bytes(&self) -> usize {
        (self.offsets.len() + self.ords.len()) * 4
    }
}

/// A segment's single-valued day or month column as integers ([`ForwardKeys::NONE`] when the
/// document has no value), with the smallest and largest value present.
pub(crate) struct ForwardKeys {
    pub keys: Vec<i32>,
    pub min: i32,
    pub max: i32,
}

impl ForwardKeys {
    pub const NONE: i32 = i32::MIN;

    fn build<T: PartialOrd + Copy + Send + Sync + std::fmt::Debug + 'static>(
        column: &Column<T>,
        max_doc: DocId,
        key: impl Fn(T) -> i32,
    ) -> ForwardKeys {
        let mut keys = Vec::with_capacity(max_doc as usize);
        let (mut docs, mut vals) = (Vec::new(), Vec::new());
        let (mut min, mut max) = (i32::MAX, i32::MIN);
        for block in doc_blocks(max_doc) {
            docs.clear();
            docs.extend(block);
            vals.clear();
            vals.resize(docs.len(), None);
            column.first_vals(&docs, &mut vals);
            for v in &vals {
                let k = v.map_or(Self::NONE, &key);
                if k != Self::NONE {
                    min = min.min(k);
                    max = max.max(k);
                }
                keys.push(k);
            }
        }
        ForwardKeys { keys, min, max }
    }

    fn bytes(&self) -> usize {
        self.keys.len() * 4
    }
}

/// The decoded columns of an index's segments, shared by its searches. Copies of merged-away
/// segments go when a count over newer segments finishes ([`Forwards::retain`]).
#[derive(Clone, Default)]
pub(crate) struct Forwards {
    ords: SegmentCache<&'static str, ForwardOrds>,
    keys: SegmentCache<&'static str, ForwardKeys>,
}

impl std::fmt::Debug for Forwards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Forwards")
    }
}

/// The value of a build that cannot fail.
fn infallible<V>(r: Result<Arc<V>, std::convert::Infallible>) -> Arc<V> {
    match r {
        Ok(v) => v,
        Err(never) => match never {},
    }
}

impl Forwards {
    /// Drops the copies of segments that are not in `live` (the segments of a searcher).
    pub fn retain(&self, live: &[SegmentId]) {
        self.ords.retain(live);
        self.keys.retain(live);
    }

    /// The decoded ordinal column `name` of a segment.
    pub fn ords(
        &self,
        segment: SegmentId,
        name: &'static str,
        column: &StrColumn,
        max_doc: DocId,
    ) -> Arc<ForwardOrds> {
        infallible(self.ords.get_or_build(segment, name, || {
            let built = ForwardOrds::build(column, max_doc);
            tracing::debug!(
                column = name,
                bytes = built.bytes(),
                "decoded a facet column"
            );
            Ok(built)
        }))
    }

    /// The decoded day or month column `name` of a segment, as `key` maps its values.
    pub fn keys<T: PartialOrd + Copy + Send + Sync + std::fmt::Debug + 'static>(
        &self,
        segment: SegmentId,
        name: &'static str,
        column: &Column<T>,
        max_doc: DocId,
        key: impl Fn(T) -> i32,
    ) -> Arc<ForwardKeys> {
        infallible(self.keys.get_or_build(segment, name, || {
            let built = ForwardKeys::build(column, max_doc, key);
            tracing::debug!(
                column = name,
                bytes = built.bytes(),
                "decoded a date column"
            );
            Ok(built)
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::search::SearchRequest;
    use crate::{FacetField, SitrepIndex};

    fn add(index: &SitrepIndex, from: u64, people: &[&str], delete_all: bool) {
        let mut w = index.writer(1).unwrap();
        if delete_all {
            w.delete_all().unwrap();
        }
        for (i, p) in people.iter().enumerate() {
            let n = from + i as u64;
            let article: sitrep_indexer::Article = serde_json::from_value(serde_json::json!({
                "path": format!("a{n}.txt"), "id": format!("a{n}"), "title": null, "published": "2021-01-01",
                "dateline": null, "text": "words", "quotes": [], "organisations": [], "locations": [],
                "people": [{"name": p, "mentions": []}],
            }))
            .unwrap();
            w.add_article(
                &crate::record::ArticleRecord::new(article),
                &format!("a{n}.txt"),
                n,
                None,
            )
            .unwrap();
        }
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
    }

    fn entries(index: &SitrepIndex) -> usize {
        index.forward.ords.len() + index.forward.keys.len()
    }

    /// Each segment's column is decoded once and reused; the copies of segments that are gone
    /// are dropped by the next count over the new segments.
    #[test]
    fn copies_follow_the_segments() {
        let index = SitrepIndex::in_memory().unwrap();
        add(&index, 1, &["Al", "Bo"], false);
        add(&index, 3, &["Bo"], false);
        let req = SearchRequest {
            limit: 0,
            facets: vec![FacetField::Person],
            ..Default::default()
        };
        assert_eq!(index.search(&req).unwrap().facets["people"].len(), 2);
        assert_eq!(entries(&index), 2);
        index.search(&req).unwrap();
        assert_eq!(entries(&index), 2);
        add(&index, 4, &["Cy"], true);
        let res = index.search(&req).unwrap();
        assert_eq!(
            res.facets["people"]
                .iter()
                .map(|c| (c.value.as_str(), c.count))
                .collect::<Vec<_>>(),
            vec![("Cy", 1)]
        );
        assert_eq!(entries(&index), 1);
    }
}
