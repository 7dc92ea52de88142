//! Values derived from one segment (which records are of a kind, decoded columns, a store
//! reader), built at first use and shared by the index's searches.
//!
//! Segments never change, so an entry stays right for as long as its segment lives. Entries of
//! segments merged away are dropped by [`SegmentCache::retain`] when a caller knows the live
//! segments, and in any case when the cache holds [`MAX_ENTRIES`].

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use tantivy::index::SegmentId;

/// Entries kept; beyond that the cache is emptied.
const MAX_ENTRIES: usize = 256;

/// Per segment and `K` (a kind, a column name, or nothing), a shared `V`.
type Entries<K, V> = HashMap<(SegmentId, K), Arc<V>>;

/// A cache of [`Entries`], shared by the clones of an index's handle.
pub(crate) struct SegmentCache<K, V>(Arc<Mutex<Entries<K, V>>>);

impl<K, V> Clone for SegmentCache<K, V> {
    fn clone(&self) -> Self {
        SegmentCache(self.0.clone())
    }
}

impl<K, V> Default for SegmentCache<K, V> {
    fn default() -> Self {
        SegmentCache(Arc::new(Mutex::new(HashMap::new())))
    }
}

impl<K: Copy + Eq + Hash, V> SegmentCache<K, V> {
    fn lock(&self) -> MutexGuard<'_, Entries<K, V>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value for `segment` and `key`, built (outside the lock) when missing.
    pub fn get_or_build<E>(
        &self,
        segment: SegmentId,
        key: K,
        build: impl FnOnce() -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        if let Some(v) = self.lock().get(&(segment, key)) {
            return Ok(v.clone());
        }
        let built = Arc::new(build()?);
        let mut map = self.lock();
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        Ok(map.entry((segment, key)).or_insert(built).clone())
    }

    /// Drops the entries of segments not in `live` (the segments of a searcher).
    pub fn retain(&self, live: &[SegmentId]) {
        let mut map = self.lock();
        if map.keys().any(|(s, _)| !live.contains(s)) {
            map.retain(|(s, _), _| live.contains(s));
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().len()
    }
}
