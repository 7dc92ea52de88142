//! The best-scored documents of a query, one page deep: tantivy's `TopDocs` by score, with each
//! candidate packed into one integer so that selecting the top `offset + limit` compares plain
//! integers instead of (score, document) pairs through a comparator.
//!
//! Order and ties are tantivy's: higher score first, then lower segment, then lower document.
//!
//! Segments share what they learn: once one segment has dropped a candidate of score `s` (it
//! keeps `offset + limit` better ones), no document scoring below `s` can be on the page, so the
//! segments searched after it drop those at once instead of collecting and cutting them (a deep
//! page over an index of many segments).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// The page `offset .. offset + limit` of the matches, best score first.
pub(crate) struct TopScores {
    limit: usize,
    offset: usize,
    /// The highest ordered score (see [`ordered`]) below which no document can be on the page, as
    /// far as the segments searched so far tell (0: none known).
    floor: Arc<AtomicU32>,
}

impl TopScores {
    pub fn new(limit: usize, offset: usize) -> TopScores {
        TopScores {
            limit,
            offset,
            floor: Arc::new(AtomicU32::new(0)),
        }
    }
}

/// The threshold key (keys at or below it are dropped) of the documents scoring below an ordered
/// score: any key of a lower score is below `floor << 32`.
#[inline]
fn below(floor: u32) -> u64 {
    ((floor as u64) << 32).saturating_sub(1)
}

/// A score's bits reordered so that integer order is the order of the scores (negatives below
/// positives; NaN, which BM25 never gives, above or below everything by its sign).
#[inline]
fn ordered(score: Score) -> u32 {
    let bits = score.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

#[inline]
fn score_of(ordered: u32) -> Score {
    Score::from_bits(if ordered >> 31 == 1 {
        ordered & !(1 << 31)
    } else {
        !ordered
    })
}

/// One segment's candidates: `(ordered score << 32) | !doc`, so that a larger key is a better
/// document (a higher score, or the same score and a lower document).
pub(crate) struct SegmentTop {
    segment: SegmentOrdinal,
    keep: usize,
    keys: Vec<u64>,
    /// Keys must beat this one to be kept once the buffer has been cut down (0 beats none: a
    /// document's key is never 0).
    threshold: u64,
    /// Shared with the other segments of the search (see [`TopScores::floor`]).
    floor: Arc<AtomicU32>,
}

impl SegmentTop {
    /// Keeps the `keep` best keys and returns the best of those dropped.
    #[inline(never)]
    fn cut(&mut self) -> u64 {
        let keep = self.keep;
        let (_, nth, _) = self.keys.select_nth_unstable_by(keep, |a, b| b.cmp(a));
        let dropped = *nth;
        self.keys.truncate(keep);
        // `keep` documents score at least as the dropped one: tell the other segments, and learn
        // what they found.
        let floor = self
            .floor
            .fetch_max((dropped >> 32) as u32, Ordering::Relaxed)
            .max((dropped >> 32) as u32);
        dropped.max(below(floor))
    }
}

impl SegmentCollector for SegmentTop {
    type Fruit = (SegmentOrdinal, Vec<u64>);

    #[inline]
    fn collect(&mut self, doc: DocId, score: Score) {
        let key = (ordered(score) as u64) << 32 | (!doc) as u64;
        if key <= self.threshold {
            return;
        }
        if self.keys.len() == self.keys.capacity() {
            // A document past the dropped one with the same score loses the tie: it comes later.
            self.threshold = self.cut();
            if key <= self.threshold {
                return;
            }
        }
        self.keys.push(key);
    }

    fn harvest(mut self) -> Self::Fruit {
        if self.keys.len() > self.keep {
            self.cut();
        }
        (self.segment, self.keys)
    }
}

impl Collector for TopScores {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentTop;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTop> {
        let keep = (self.offset + self.limit).min(reader.max_doc() as usize);
        // Twice the page, as tantivy's collector: one cut per `keep` documents kept at most.
        let floor = Arc::clone(&self.floor);
        let threshold = below(floor.load(Ordering::Relaxed));
        Ok(SegmentTop {
            segment,
            keep,
            keys: Vec::with_capacity(keep.max(1) * 2),
            threshold,
            floor,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(SegmentOrdinal, Vec<u64>)>,
    ) -> tantivy::Result<Self::Fruit> {
        // (ordered score, !segment, !doc): larger is better across segments too.
        let mut all: Vec<u128> = fruits
            .into_iter()
            .flat_map(|(segment, keys)| {
                keys.into_iter().map(move |k| {
                    ((k >> 32) as u128) << 64
                        | ((!segment) as u128) << 32
                        | (k & 0xffff_ffff) as u128
                })
            })
            .collect();
        let end = self.offset + self.limit;
        if all.len() > end {
            all.select_nth_unstable_by(end, |a, b| b.cmp(a));
            all.truncate(end);
        }
        if all.len() <= self.offset {
            return Ok(Vec::new());
        }
        if self.offset > 0 {
            all.select_nth_unstable_by(self.offset, |a, b| b.cmp(a));
        }
        let page = &mut all[self.offset..];
        page.sort_unstable_by(|a, b| b.cmp(a));
        Ok(page
            .iter()
            .map(|&k| {
                let segment = !((k >> 32) as u32);
                let doc = !(k as u32);
                (score_of((k >> 64) as u32), DocAddress::new(segment, doc))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page of several queries over several segments, with many tied scores, is the page
    /// tantivy's own collector gives.
    #[test]
    fn pages_are_tantivys_pages() {
        use tantivy::collector::TopDocs;
        use tantivy::query::QueryParser;
        use tantivy::schema::{Schema, TEXT};
        use tantivy::{doc, Index};
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let index = Index::create_in_ram(b.build());
        let words = [
            "army",
            "border",
            "talks",
            "army army",
            "border army",
            "ceasefire",
        ];
        for seg in 0..4 {
            let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
            for i in 0..(40 + seg * 17) {
                // Few distinct lengths and frequencies: scores tie often, within and across segments.
                w.add_document(doc!(text => format!("{} {}", words[(i * (seg + 1)) % words.len()], words[i % 4]))).unwrap();
            }
            w.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 4);
        let parser = QueryParser::for_index(&index, vec![text]);
        for q in ["army", "border OR talks", "army ceasefire", "nothing"] {
            let q = parser.parse_query(q).unwrap();
            for (limit, offset) in [
                (1, 0),
                (10, 0),
                (7, 3),
                (5, 40),
                (20, 95),
                (300, 0),
                (3, 500),
            ] {
                let ours = searcher.search(&q, &TopScores::new(limit, offset)).unwrap();
                let theirs = searcher
                    .search(
                        &q,
                        &TopDocs::with_limit(limit)
                            .and_offset(offset)
                            .order_by_score(),
                    )
                    .unwrap();
                assert_eq!(ours, theirs, "{q:?} {limit} {offset}");
            }
        }
    }

    #[test]
    fn ordered_scores_keep_their_order_and_come_back() {
        let scores = [
            f32::NEG_INFINITY,
            -3.5,
            -0.0,
            0.0,
            1e-30,
            0.5,
            1.0,
            7.25,
            f32::MAX,
            f32::INFINITY,
        ];
        for w in scores.windows(2) {
            assert!(ordered(w[0]) <= ordered(w[1]), "{} vs {}", w[0], w[1]);
        }
        for s in scores {
            assert_eq!(score_of(ordered(s)).to_bits(), s.to_bits());
        }
    }
}
