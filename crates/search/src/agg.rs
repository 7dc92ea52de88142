//! Counting for dashboards: the total, the top values of actor facets and a date histogram in one
//! pass over the matching documents, read straight from the fast-field columns.
//!
//! Each segment counts every value of a column in a dense array indexed by term ordinal; facets
//! that share a column (people, organisations, locations) are counted in one read of it and told
//! apart by the ordinal range of their prefix. Merging
//! adds the segments' counts by global ordinal (see [`crate::global_ords`]), so every count is
//! exact, and reads from a dictionary only the names of the top values.

use crate::error::{Result, SearchError};
use crate::forward::{ForwardKeys, ForwardOrds, Forwards};
use crate::global_ords::{GlobalOrdMap, GlobalOrds};
use crate::resolve::NO_ACTOR;
use crate::schema::FacetField;
use crate::scratch;
use crate::types::Interval;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{StrColumn, TermOrdHit};
use tantivy::index::SegmentId;
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

const SECS_PER_DAY: i64 = 86_400;

/// What to count. Start from [`SitrepIndex::counter`], which supplies the index's global
/// ordinals and decoded columns.
///
/// [`SitrepIndex::counter`]: crate::SitrepIndex
pub(crate) struct Counter {
    pub facets: Vec<FacetField>,
    /// How many top values to return per facet.
    pub size: usize,
    pub histogram: Option<Interval>,
    /// Also count the distinct values of each facet.
    pub distinct: bool,
    pub ords: GlobalOrds,
    pub forward: Forwards,
    /// Columns whose every matched value is listed with its count (in [`Counted::whole`]).
    pub whole: Vec<&'static str>,
    /// Actor resolution of the committed state: facet values of one actor count as one
    /// (see [`crate::resolve`]).
    pub resolution: Option<Arc<crate::resolve::Resolution>>,
}

impl Counter {
    /// Counts nothing but the matches, with the index's global ordinals and decoded columns.
    pub fn new(ords: &GlobalOrds, forward: &Forwards) -> Counter {
        Counter {
            facets: Vec::new(),
            size: 0,
            histogram: None,
            distinct: false,
            ords: ords.clone(),
            forward: forward.clone(),
            whole: Vec::new(),
            resolution: None,
        }
    }

    /// The distinct columns behind the facets, and for each facet the index of its column.
    fn columns(&self) -> (Vec<&'static str>, Vec<usize>) {
        let mut names: Vec<&'static str> = Vec::new();
        let mut of_facet = Vec::with_capacity(self.facets.len());
        for f in &self.facets {
            let name = f.column_name();
            of_facet.push(names.iter().position(|n| *n == name).unwrap_or_else(|| {
                names.push(name);
                names.len() - 1
            }));
        }
        for name in &self.whole {
            if !names.contains(name) {
                names.push(name);
            }
        }
        (names, of_facet)
    }
}

/// What was counted.
#[derive(Debug, Default, Clone)]
pub(crate) struct Counted {
    pub count: usize,
    /// Top values per facet (in the order of [`Counter::facets`]), by count then name.
    pub facets: Vec<Vec<(String, u64)>>,
    /// Distinct values per facet (when [`Counter::distinct`] asked for them).
    pub distinct: Vec<u64>,
    /// Histogram bucket key → count (see [`bucket_start`]).
    pub histogram: BTreeMap<i64, u64>,
    /// Every matched value of the columns of [`Counter::whole`].
    pub whole: Vec<Whole>,
}

/// Every matched value of one column, by global ordinal over `segments`.
#[derive(Debug, Clone)]
pub(crate) struct Whole {
    pub segments: Vec<SegmentId>,
    /// (global ordinal, value, count)
    pub values: Vec<(u32, String, u64)>,
}

/// The date a histogram bucket key stands for.
pub(crate) fn bucket_start(interval: Interval, key: i64) -> Option<chrono::NaiveDate> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    match interval {
        Interval::Day => epoch.checked_add_signed(chrono::Duration::try_days(key)?),
        // Weeks start on Monday; 1970-01-01 was a Thursday.
        Interval::Week => epoch.checked_add_signed(chrono::Duration::try_days(key * 7 - 3)?),
        Interval::Month | Interval::Year => {
            let months = if interval == Interval::Year {
                key * 12
            } else {
                key
            };
            chrono::NaiveDate::from_ymd_opt(
                i32::try_from(months.div_euclid(12)).ok()?,
                months.rem_euclid(12) as u32 + 1,
                1,
            )
        }
    }
}

/// One segment's histogram: dense counts over the key range of its column, plus a map for keys
/// outside it (none in practice) or when the range is too wide for an array.
struct Histogram {
    /// Per document: its day (daily and weekly buckets) or month (monthly and yearly).
    keys: Arc<ForwardKeys>,
    interval: Interval,
    base: i64,
    dense: Vec<u64>,
    sparse: HashMap<i64, u64>,
}

/// Widest key range counted in an array (a million days is 2,700 years).
const MAX_DENSE_BUCKETS: i64 = 1 << 20;

impl Histogram {
    fn new(keys: Arc<ForwardKeys>, interval: Interval) -> Histogram {
        let (lo, hi) = if keys.min <= keys.max {
            (
                Self::bucket(interval, keys.min),
                Self::bucket(interval, keys.max),
            )
        } else {
            (0, -1)
        };
        let len = if hi >= lo && hi - lo < MAX_DENSE_BUCKETS {
            (hi - lo + 1) as usize
        } else {
            0
        };
        Histogram {
            keys,
            interval,
            base: lo,
            dense: vec![0; len],
            sparse: HashMap::new(),
        }
    }

    /// The segment's day numbers (since 1970-01-01) or month numbers (year × 12 + month − 1).
    fn keys(
        forward: &Forwards,
        segment: &SegmentReader,
        interval: Interval,
    ) -> tantivy::Result<Arc<ForwardKeys>> {
        let ff = segment.fast_fields();
        let (id, max_doc) = (segment.segment_id(), segment.max_doc());
        Ok(match interval {
            Interval::Day | Interval::Week => forward.keys(
                id,
                "published",
                &ff.date("published")?,
                max_doc,
                |d: DateTime| {
                    i32::try_from(d.into_timestamp_secs().div_euclid(SECS_PER_DAY))
                        .unwrap_or(ForwardKeys::NONE)
                },
            ),
            Interval::Month | Interval::Year => forward.keys(
                id,
                "published_month",
                &ff.u64("published_month")?,
                max_doc,
                |m: u64| i32::try_from(m).unwrap_or(ForwardKeys::NONE),
            ),
        })
    }

    /// The bucket of a day number (daily, weekly) or month number (monthly, yearly).
    #[inline]
    fn bucket(interval: Interval, v: i32) -> i64 {
        let v = v as i64;
        match interval {
            Interval::Day | Interval::Month => v,
            // Weeks start on Monday; 1970-01-01 was a Thursday.
            Interval::Week => (v + 3).div_euclid(7),
            Interval::Year => v.div_euclid(12),
        }
    }

    fn add(&mut self, key: i64) {
        match usize::try_from(key - self.base)
            .ok()
            .and_then(|i| self.dense.get_mut(i))
        {
            Some(c) => *c += 1,
            None => *self.sparse.entry(key).or_default() += 1,
        }
    }

    #[inline]
    fn collect(&mut self, doc: DocId) {
        let v = self
            .keys
            .keys
            .get(doc as usize)
            .copied()
            .unwrap_or(ForwardKeys::NONE);
        if v != ForwardKeys::NONE {
            self.add(Self::bucket(self.interval, v));
        }
    }

    fn into_counts(self) -> HashMap<i64, u64> {
        let mut out = self.sparse;
        for (i, n) in self.dense.into_iter().enumerate().filter(|(_, n)| *n > 0) {
            *out.entry(self.base + i as i64).or_default() += n;
        }
        out
    }
}

/// Counts per ordinal, and which ordinals have one (so merging and ranking never scan the
/// whole array). The arrays come from [`scratch`] and go back to it, zeroed, when dropped.
pub(crate) struct Tally {
    /// Ordinals counted are below `n`; the pooled arrays may be longer.
    n: usize,
    counts: Vec<u32>,
    /// The ordinals with a count are `seen[..seen_len]`, in the order first counted. The array
    /// has room for every ordinal, so counting writes each one without asking whether it is new.
    seen: Vec<u32>,
    seen_len: usize,
}

impl Tally {
    fn new(n: usize) -> Tally {
        Tally {
            n,
            counts: scratch::zeroed(n),
            seen: scratch::zeroed(n),
            seen_len: 0,
        }
    }

    /// Adds each `(ord, by)` to the counts. Free of branches on the counts: whether an ordinal
    /// is new depends on a load that often misses the cache, and a mispredicted branch per new
    /// ordinal cost more than the counting. The arrays are held in locals for the loop.
    #[inline]
    fn add_all(&mut self, items: impl IntoIterator<Item = (u32, u32)>) {
        let (counts, seen) = (&mut self.counts[..self.n], &mut self.seen[..]);
        let mut len = self.seen_len;
        for (ord, by) in items {
            let Some(c) = counts.get_mut(ord as usize) else {
                continue;
            };
            // Written at the end every time; kept (the end moves past it) only the first time.
            // With every ordinal seen the end is past the array, and nothing new can come.
            if let Some(slot) = seen.get_mut(len) {
                *slot = ord;
            }
            len += usize::from(*c == 0 && by > 0);
            *c += by;
        }
        self.seen_len = len;
    }

    /// The ordinals with a count, in the order first counted.
    fn seen(&self) -> &[u32] {
        &self.seen[..self.seen_len]
    }
}

impl Drop for Tally {
    fn drop(&mut self) {
        for &ord in &self.seen[..self.seen_len] {
            self.counts[ord as usize] = 0;
        }
        // One slot past the end may hold an ordinal written and not kept.
        let written = (self.seen_len + 1).min(self.seen.len());
        self.seen[..written].fill(0);
        scratch::give_back(std::mem::take(&mut self.counts));
        scratch::give_back(std::mem::take(&mut self.seen));
    }
}

/// A column's counts in one segment, by the segment's term ordinals.
pub(crate) struct OrdCounts {
    column: StrColumn,
    forward: Arc<ForwardOrds>,
    tally: Tally,
    /// Ordinal → its actor, for the values of actors named by several values (see
    /// [`crate::resolve::Resolution::actors_of`]): a document counts one value per actor.
    actors: Option<Arc<crate::resolve::SegmentActors>>,
}

pub(crate) struct SegmentCounter {
    segment: SegmentId,
    count: u64,
    /// Per column of [`Counter::columns`]; `None` when the segment has no such column.
    columns: Vec<Option<OrdCounts>>,
    hist: Option<Histogram>,
}

pub(crate) struct SegmentCounted {
    segment: SegmentId,
    count: u64,
    columns: Vec<Option<OrdCounts>>,
    hist: HashMap<i64, u64>,
}

impl Collector for Counter {
    type Fruit = Counted;
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentCounter> {
        let ff = segment.fast_fields();
        let (id, max_doc) = (segment.segment_id(), segment.max_doc());
        let mut columns = Vec::new();
        for name in self.columns().0 {
            columns.push(ff.str(name)?.map(|column| {
                let forward = self.forward.ords(id, name, &column, max_doc);
                let tally = Tally::new(column.num_terms());
                let actors = self
                    .resolution
                    .as_ref()
                    .and_then(|r| r.actors_of(name, id))
                    .filter(|a| a.ordinals() == column.num_terms() as usize);
                OrdCounts {
                    column,
                    forward,
                    tally,
                    actors,
                }
            }));
        }
        let hist = match self.histogram {
            None => None,
            Some(i) => Some(Histogram::new(
                Histogram::keys(&self.forward, segment, i)?,
                i,
            )),
        };
        Ok(SegmentCounter {
            segment: id,
            count: 0,
            columns,
            hist,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentCounted>) -> tantivy::Result<Counted> {
        self.forward
            .retain(&segments.iter().map(|s| s.segment).collect::<Vec<_>>());
        let mut out = Counted {
            count: segments.iter().map(|s| s.count as usize).sum(),
            ..Default::default()
        };
        for s in &segments {
            for (k, v) in &s.hist {
                *out.histogram.entry(*k).or_default() += v;
            }
        }
        let io_err = |e: std::io::Error| tantivy::TantivyError::InternalError(e.to_string());
        let (names, of_facet) = self.columns();
        let mut merged = Vec::with_capacity(names.len());
        let mut segment_ids = Vec::with_capacity(names.len());
        for (c, name) in names.iter().enumerate() {
            let (ids, parts): (Vec<SegmentId>, Vec<&OrdCounts>) = segments
                .iter()
                .filter_map(|s| Some((s.segment, s.columns[c].as_ref()?)))
                .unzip();
            merged.push(Merged::new(&self.ords, name, &ids, parts).map_err(io_err)?);
            segment_ids.push(ids);
        }
        for (f, &c) in self.facets.iter().zip(&of_facet) {
            let prefix = f.column_prefix();
            let range = merged[c].range(prefix).map_err(io_err)?;
            let rep = self
                .resolution
                .as_ref()
                .and_then(|r| r.representatives(names[c], &segment_ids[c]));
            out.facets.push(
                merged[c]
                    .top(range.clone(), self.size, prefix, rep)
                    .map_err(io_err)?,
            );
            if self.distinct {
                out.distinct.push(merged[c].distinct(range, rep));
            }
        }
        for column in &self.whole {
            let Some(c) = names.iter().position(|n| n == column) else {
                continue;
            };
            out.whole.push(Whole {
                segments: segment_ids[c].clone(),
                values: merged[c].all().map_err(io_err)?,
            });
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentCounter {
    type Fruit = SegmentCounted;

    #[inline]
    fn collect(&mut self, doc: DocId, _score: Score) {
        self.count += 1;
        for f in self.columns.iter_mut().flatten() {
            let ords = f.forward.of(doc);
            match &f.actors {
                Some(actors) if actors.repeats(doc) => {
                    // one value per actor (the first the document holds); the actors seen are
                    // kept on the stack (a document names few actors of several values)
                    let mut seen = [NO_ACTOR; 32];
                    let mut k = 0;
                    f.tally.add_all(ords.iter().filter_map(|&ord| {
                        let a = actors.actor(ord);
                        if a == NO_ACTOR {
                            return Some((ord, 1));
                        }
                        if seen[..k].contains(&a) {
                            return None;
                        }
                        if k < seen.len() {
                            seen[k] = a;
                            k += 1;
                        }
                        Some((ord, 1))
                    }));
                }
                _ => f.tally.add_all(ords.iter().map(|&ord| (ord, 1))),
            }
        }
        if let Some(h) = &mut self.hist {
            h.collect(doc);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    fn harvest(self) -> SegmentCounted {
        SegmentCounted {
            segment: self.segment,
            count: self.count,
            columns: self.columns,
            hist: self.hist.map(Histogram::into_counts).unwrap_or_default(),
        }
    }
}

/// One column's counts summed over the segments by global ordinal (see [`crate::global_ords`]).
struct Merged<'a> {
    map: Arc<GlobalOrdMap>,
    /// The segments that hold the column, in the order of the map.
    parts: Vec<&'a OrdCounts>,
    /// Counts per global ordinal: the one segment's own, or their sum.
    tally: Summed<'a>,
}

enum Summed<'a> {
    One(&'a Tally),
    Sum(Tally),
}

impl std::ops::Deref for Summed<'_> {
    type Target = Tally;

    fn deref(&self) -> &Tally {
        match self {
            Summed::One(t) => t,
            Summed::Sum(t) => t,
        }
    }
}

impl<'a> Merged<'a> {
    fn new(
        ords: &GlobalOrds,
        column: &'static str,
        segments: &[SegmentId],
        parts: Vec<&'a OrdCounts>,
    ) -> std::io::Result<Merged<'a>> {
        let columns: Vec<&StrColumn> = parts.iter().map(|p| &p.column).collect();
        let map = ords.get(column, segments, &columns)?;
        if let [one] = parts[..] {
            return Ok(Merged {
                map,
                parts,
                tally: Summed::One(&one.tally),
            });
        }
        let mut sum = Tally::new(map.len());
        for (seg, p) in parts.iter().enumerate() {
            sum.add_all(
                p.tally
                    .seen()
                    .iter()
                    .map(|&ord| (map.global(seg, ord), p.tally.counts[ord as usize])),
            );
        }
        Ok(Merged {
            map,
            parts,
            tally: Summed::Sum(sum),
        })
    }

    /// The global ordinals of the values that start with `prefix`.
    fn range(&self, prefix: &str) -> std::io::Result<Range<u32>> {
        let ranges = self
            .parts
            .iter()
            .map(|p| prefix_range(&p.column, prefix))
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(self.map.range(&ranges))
    }

    /// The `size` values of `range` with the highest counts (ties by name), without `prefix`.
    /// With `rep` (global ordinal → the ordinal of the value that names its actor), the counts
    /// of one actor's values are added under that value.
    fn top(
        &self,
        range: Range<u32>,
        size: usize,
        prefix: &str,
        rep: Option<&[u32]>,
    ) -> std::io::Result<Vec<(String, u64)>> {
        use std::cmp::Reverse;
        let counts = &self.tally.counts;
        if size == 0 {
            return Ok(Vec::new());
        }
        // The best `size` by count, ties by name (global ordinals follow the names' order): a
        // heap whose top is the weakest kept.
        let mut heap: std::collections::BinaryHeap<Reverse<(u32, Reverse<u32>)>> =
            std::collections::BinaryHeap::with_capacity(size + 1);
        let mut offer = |g: u32, count: u32| {
            let key = (count, Reverse(g));
            if heap.len() < size {
                heap.push(Reverse(key));
            } else if heap.peek().is_some_and(|w| key > w.0) {
                heap.pop();
                heap.push(Reverse(key));
            }
        };
        let mut summed: HashMap<u32, u32> = HashMap::new();
        match rep {
            None => {
                for &g in self.tally.seen().iter().filter(|g| range.contains(g)) {
                    offer(g, counts[g as usize]);
                }
            }
            Some(rep) => {
                // Values that name their actor are offered as they are unless other values add
                // to them; the others are summed under their actor first.
                for &g in self.tally.seen() {
                    let r = rep.get(g as usize).copied().unwrap_or(g);
                    if !range.contains(&r) {
                        continue;
                    }
                    if r != g {
                        *summed
                            .entry(r)
                            .or_insert_with(|| counts.get(r as usize).copied().unwrap_or(0)) +=
                            counts[g as usize];
                    }
                }
                for &g in self.tally.seen() {
                    if range.contains(&g)
                        && rep.get(g as usize).is_none_or(|&r| r == g)
                        && !summed.contains_key(&g)
                    {
                        offer(g, counts[g as usize]);
                    }
                }
                for (&g, &c) in &summed {
                    offer(g, c);
                }
            }
        }
        let top: Vec<(u32, u32)> = heap
            .into_sorted_vec()
            .into_iter()
            .map(|Reverse((c, Reverse(g)))| (g, c))
            .collect();
        let top_counts: Vec<u32> = top.iter().map(|t| t.1).collect();
        let top: Vec<u32> = top.into_iter().map(|t| t.0).collect();
        let names = self.names(&top, prefix)?;
        Ok(names
            .into_iter()
            .zip(top_counts)
            .map(|(name, c)| (name, c as u64))
            .collect())
    }

    /// How many distinct values (actors, with `rep`) of `range` matched.
    fn distinct(&self, range: Range<u32>, rep: Option<&[u32]>) -> u64 {
        match rep {
            None => self
                .tally
                .seen()
                .iter()
                .filter(|g| range.contains(g))
                .count() as u64,
            Some(rep) => {
                let actors: std::collections::HashSet<u32> = self
                    .tally
                    .seen()
                    .iter()
                    .map(|&g| rep.get(g as usize).copied().unwrap_or(g))
                    .filter(|r| range.contains(r))
                    .collect();
                actors.len() as u64
            }
        }
    }

    /// Every matched value with its global ordinal and count, in ordinal order.
    fn all(&self) -> std::io::Result<Vec<(u32, String, u64)>> {
        let mut seen: Vec<u32> = self.tally.seen().to_vec();
        seen.sort_unstable();
        let names = self.names(&seen, "")?;
        Ok(seen
            .into_iter()
            .zip(names)
            .map(|(g, name)| (g, name, self.tally.counts[g as usize] as u64))
            .collect())
    }

    /// The values of global ordinals `gs` without `prefix`, read segment by segment in ordinal
    /// order.
    fn names(&self, gs: &[u32], prefix: &str) -> std::io::Result<Vec<String>> {
        let mut wanted: Vec<(usize, u32, usize)> = gs
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let (seg, ord) = self.map.source(*g);
                (seg, ord, i)
            })
            .collect();
        wanted.sort_unstable();
        let mut names = vec![String::new(); gs.len()];
        for group in wanted.chunk_by(|a, b| a.0 == b.0) {
            let ords: Vec<u64> = group.iter().map(|w| w.1 as u64).collect();
            let mut at = group.iter().map(|w| w.2);
            self.parts[group[0].0]
                .column
                .dictionary()
                .sorted_ords_to_term_cb(&ords, |bytes| {
                    if let Some(i) = at.next() {
                        names[i] = String::from_utf8_lossy(
                            bytes.strip_prefix(prefix.as_bytes()).unwrap_or(bytes),
                        )
                        .into_owned();
                    }
                })?;
        }
        Ok(names)
    }
}

/// The ordinals of the terms that start with `prefix`.
fn prefix_range(column: &StrColumn, prefix: &str) -> std::io::Result<std::ops::Range<u64>> {
    let dict = column.dictionary();
    let n = dict.num_terms() as u64;
    if prefix.is_empty() {
        return Ok(0..n);
    }
    // The first term at or after `key` (u64::MAX when past the last block).
    let first_from = |key: &[u8]| -> std::io::Result<u64> {
        Ok(match dict.term_ord_or_next(key)? {
            TermOrdHit::Exact(o) | TermOrdHit::Next(o) => o.min(n),
        })
    };
    // Prefixes are ASCII, so the prefix with its last byte incremented bounds the range above.
    let mut end = prefix.as_bytes().to_vec();
    if let Some(last) = end.last_mut() {
        *last += 1;
    }
    Ok(first_from(prefix.as_bytes())?..first_from(&end)?)
}

/// Runs a [`Counter`] over the documents matching `query`.
pub(crate) fn count(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    counter: Counter,
) -> Result<Counted> {
    searcher.search(query, &counter).map_err(SearchError::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// Counts and the list of counted ordinals agree, ordinals past the dictionary are ignored,
    /// and the pooled arrays go back zeroed (checked by `scratch::give_back` in tests) even when
    /// the pool hands out longer arrays than asked.
    #[test]
    fn tallies_count_each_ordinal_once_in_their_list() {
        let long = Tally::new(50);
        drop(long);
        let mut t = Tally::new(10);
        t.add_all([3, 3, 9, 0, 3].map(|o| (o, 1)));
        t.add_all([10, 49, 9].map(|o| (o, 1)));
        t.add_all([(7, 2), (5, 0)]);
        assert_eq!(t.seen(), &[3, 9, 0, 7]);
        let counts: Vec<u32> = t.seen().iter().map(|&o| t.counts[o as usize]).collect();
        assert_eq!(counts, vec![3, 2, 1, 2]);
        let mut all = Tally::new(3);
        all.add_all([2, 1, 0, 1, 2, 0].map(|o| (o, 1)));
        assert_eq!(all.seen(), &[2, 1, 0]);
        drop((t, all));
        assert!(scratch::zeroed(50).iter().all(|&c| c == 0));
    }

    #[test]
    fn bucket_keys_map_to_calendar_starts() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(bucket_start(Interval::Day, 0), d(1970, 1, 1));
        assert_eq!(bucket_start(Interval::Week, 0), d(1969, 12, 29));
        assert_eq!(bucket_start(Interval::Week, 1), d(1970, 1, 5));
        assert_eq!(bucket_start(Interval::Month, 2020 * 12 + 1), d(2020, 2, 1));
        assert_eq!(bucket_start(Interval::Year, 2021), d(2021, 1, 1));
    }

    /// Article number `n` with these people.
    fn record(
        n: u64,
        title: Option<&str>,
        published: &str,
        text: &str,
        people: &[String],
    ) -> crate::record::ArticleRecord {
        let article: sitrep_indexer::Article = serde_json::from_value(serde_json::json!({
            "path": format!("a{n}.txt"), "id": format!("a{n}"), "title": title, "published": published,
            "dateline": null, "text": text, "quotes": [], "organisations": [], "locations": [],
            "people": people.iter().map(|p| serde_json::json!({"name": p, "mentions": []})).collect::<Vec<_>>(),
        }))
        .unwrap();
        crate::record::ArticleRecord::new(article)
    }

    /// Counts over several segments equal a brute-force count, for every facet size.
    #[test]
    fn top_values_over_segments_are_exact() {
        use crate::search::{FacetCount, SearchRequest};
        use crate::SitrepIndex;
        let index = SitrepIndex::in_memory().unwrap();
        let mut expected: HashMap<String, u64> = HashMap::new();
        let mut n = 0;
        // Three segments with different leaders; "P0" is common everywhere but never first.
        for seg in 0..3 {
            let mut w = index.writer(1).unwrap();
            for i in 0..40 {
                let mut people = vec![format!("P{}", (i * (seg + 1)) % 7), "P0".to_string()];
                if i % 3 == 0 {
                    people.push(format!("Q{seg}"));
                }
                people.sort();
                people.dedup();
                for p in &people {
                    *expected.entry(p.clone()).or_default() += 1;
                }
                n += 1;
                w.add_article(
                    &record(n, None, "2020-03-05", "words", &people),
                    &format!("a{n}.txt"),
                    n,
                    None,
                )
                .unwrap();
            }
            w.commit().unwrap();
            w.finish().unwrap();
        }
        index.reload().unwrap();
        let mut all: Vec<(String, u64)> = expected.into_iter().collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for size in [1, 2, 5, 100] {
            let req = SearchRequest {
                limit: 0,
                facets: vec![FacetField::Person],
                facet_limit: size,
                histogram: Some(Interval::Week),
                ..Default::default()
            };
            let res = index.search(&req).unwrap();
            let want: Vec<FacetCount> = all
                .iter()
                .take(size)
                .map(|(v, c)| FacetCount {
                    value: v.clone(),
                    count: *c,
                })
                .collect();
            assert_eq!(res.facets["people"], want, "size {size}");
            assert_eq!(res.total, 120);
            let timeline = res.timeline.unwrap();
            assert_eq!(timeline.len(), 1);
            assert_eq!(
                (timeline[0].date, timeline[0].count),
                (NaiveDate::from_ymd_opt(2020, 3, 2).unwrap(), 120)
            );
        }
    }

    /// People, organisations and locations share a column: each facet counts only its own values,
    /// and the exact distinct counts hold over segments.
    #[test]
    fn shared_column_facets_stay_apart() {
        use crate::search::SearchRequest;
        use crate::SitrepIndex;
        let index = SitrepIndex::in_memory().unwrap();
        let facets = [FacetField::Person, FacetField::Org, FacetField::Location];
        let mut expected: Vec<HashMap<String, u64>> = vec![HashMap::new(); 3];
        let mut n = 0;
        for seg in 0..3 {
            let mut w = index.writer(1).unwrap();
            for i in 0..30usize {
                n += 1;
                // values of each type next to each other in the column's sorted order ("Jordan
                // Pell", "Jordan Rail", "Jordan Vale"); one name of two types would be one actor
                // (see crate::resolve)
                let values = [
                    vec!["Jordan Pell".to_string(), format!("P{}", (i + seg) % 4)],
                    vec![format!("O{}", i % (seg + 2)), "Jordan Rail".to_string()],
                    if i % 2 == 0 {
                        vec!["Jordan Vale".to_string(), format!("L{}", i % 5)]
                    } else {
                        vec![]
                    },
                ];
                for (e, vs) in expected.iter_mut().zip(&values) {
                    for v in vs {
                        *e.entry(v.clone()).or_default() += 1;
                    }
                }
                let mut r = record(n as u64, None, "2021-01-01", "words", &values[0]);
                let ents = |vs: &[String]| {
                    vs.iter()
                        .map(|v| {
                            serde_json::from_value(serde_json::json!({"name": v, "mentions": []}))
                                .unwrap()
                        })
                        .collect()
                };
                r.article.organisations = ents(&values[1]);
                r.article.locations = ents(&values[2]);
                w.add_article(&r, &format!("a{n}.txt"), n as u64, None)
                    .unwrap();
            }
            w.commit().unwrap();
            w.finish().unwrap();
        }
        index.reload().unwrap();
        let req = SearchRequest {
            limit: 0,
            facets: facets.to_vec(),
            facet_limit: 100,
            ..Default::default()
        };
        let res = index.search(&req).unwrap();
        for (f, e) in facets.iter().zip(&expected) {
            let mut want: Vec<(String, u64)> = e.iter().map(|(k, v)| (k.clone(), *v)).collect();
            want.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let got: Vec<(String, u64)> = res.facets[f.api_name()]
                .iter()
                .map(|c| (c.value.clone(), c.count))
                .collect();
            assert_eq!(got, want, "{f:?}");
        }
        let stats = index.stats().unwrap();
        let distinct: Vec<u64> = expected.iter().map(|e| e.len() as u64).collect();
        assert_eq!(
            vec![stats.people, stats.organisations, stats.locations],
            distinct
        );
    }

    /// An actor filter finds the exact name in any case and every name that contains its words
    /// in order (word-run keys; a phrase beyond `MAX_KEY_WORDS` words).
    #[test]
    fn actor_filters_match_names_containing_the_words() {
        use crate::search::{Filters, SearchRequest};
        use crate::SitrepIndex;
        let index = SitrepIndex::in_memory().unwrap();
        let names = [
            "Donald Trump",
            "Donald Trump Jr.",
            "President Donald Trump",
            "Donald Smith",
            "Ivanka Trump",
            "Abe Bo Cy Di Ed Fo Gu",
            "Xi Abe Bo Cy Di Ed Fo Gu Yu",
            "U.N.",
        ];
        let mut w = index.writer(1).unwrap();
        for (n, name) in names.iter().enumerate() {
            w.add_article(
                &record(
                    n as u64 + 1,
                    None,
                    "2020-01-01",
                    "words",
                    &[name.to_string()],
                ),
                &format!("a{n}.txt"),
                n as u64,
                None,
            )
            .unwrap();
        }
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
        for (filter, want) in [
            ("Donald Trump", vec![1, 2, 3]),
            ("donald TRUMP", vec![1, 2, 3]),
            ("Trump", vec![1, 2, 3, 5]),
            ("Donald Trump Jr.", vec![2]),
            ("Trump Donald", vec![]),
            ("Donald Smith", vec![4]),
            ("Abe Bo Cy Di Ed Fo Gu", vec![6, 7]),
            ("u.n.", vec![8]),
            // in double quotes: that actor only (any case), as a facet click asks; the titled
            // form is the same person once resolved (as many articles name it as the name)
            ("\"Donald Trump\"", vec![1, 3]),
            ("\"donald trump\"", vec![1, 3]),
            ("\"Trump\"", vec![]),
            ("\" Donald Trump Jr. \"", vec![2]),
        ] {
            let req = SearchRequest {
                limit: 100,
                filters: Filters {
                    person: vec![filter.to_string()],
                    ..Default::default()
                },
                ..Default::default()
            };
            let mut got: Vec<usize> = index
                .search(&req)
                .unwrap()
                .hits
                .iter()
                .map(|h| h.id[1..].parse().unwrap())
                .collect();
            got.sort();
            assert_eq!(got, want, "{filter}");
        }
    }

    /// Ranking and counting in one pass answers exactly as ranking alone and counting alone,
    /// over several segments and in every order.
    #[test]
    fn one_pass_answers_like_ranking_and_counting_apart() {
        use crate::search::{Filters, SearchRequest, Sort};
        use crate::SitrepIndex;
        let index = SitrepIndex::in_memory().unwrap();
        let mut n = 0;
        for seg in 0..3 {
            let mut w = index.writer(1).unwrap();
            for i in 0..50 {
                n += 1;
                let people = vec![format!("P{}", (i * (seg + 1)) % 5), format!("Q{}", i % 3)];
                let words = if i % 2 == 0 {
                    "army border army"
                } else {
                    "border talks"
                };
                let (title, published) = (
                    format!("Report {n}: {words}"),
                    format!("2020-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                );
                let text = format!("Report {n}\n\n{words} {n}");
                w.add_article(
                    &record(n, Some(&title), &published, &text, &people),
                    &format!("a{n}.txt"),
                    n,
                    None,
                )
                .unwrap();
            }
            w.commit().unwrap();
            w.finish().unwrap();
        }
        index.reload().unwrap();
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            for (q, person) in [
                ("army", vec![]),
                ("border", vec!["P1".to_string()]),
                ("", vec![]),
            ] {
                for (limit, offset) in [(10, 0), (7, 30), (0, 0)] {
                    let req = SearchRequest {
                        q: q.into(),
                        sort,
                        limit,
                        offset,
                        filters: Filters {
                            person: person.clone(),
                            ..Default::default()
                        },
                        facets: vec![FacetField::Person, FacetField::Org],
                        histogram: Some(Interval::Month),
                        ..Default::default()
                    };
                    let one = index.search(&req).unwrap();
                    let ranked = index
                        .search(&SearchRequest {
                            facets: Vec::new(),
                            histogram: None,
                            ..req.clone()
                        })
                        .unwrap();
                    let counted = index
                        .search(&SearchRequest {
                            limit: 0,
                            offset: 0,
                            ..req.clone()
                        })
                        .unwrap();
                    let what = format!("{q:?} {sort:?} {limit} {offset}");
                    assert_eq!(
                        (&one.hits, one.total, &one.next_cursor),
                        (&ranked.hits, ranked.total, &ranked.next_cursor),
                        "{what}"
                    );
                    assert_eq!(
                        (&one.facets, &one.timeline, one.total),
                        (&counted.facets, &counted.timeline, counted.total),
                        "{what}"
                    );
                    assert!(one.total > 0 && one.facets.len() == 2 && one.timeline.is_some());
                }
            }
        }
    }

    #[test]
    fn week_keys_start_on_monday() {
        // 2019-03-07 is a Thursday in the week of Monday 2019-03-04.
        let day = NaiveDate::from_ymd_opt(2019, 3, 7)
            .unwrap()
            .signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
            .num_days();
        let key = (day + 3).div_euclid(7);
        assert_eq!(
            bucket_start(Interval::Week, key),
            NaiveDate::from_ymd_opt(2019, 3, 4)
        );
    }
}
