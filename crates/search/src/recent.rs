//! Values derived from the most recent committed states of the index (global ordinals, the actor
//! resolution, the statements of quotations), each built once by the first search or warm-up that
//! needs it while the others wait for it.
//!
//! More than one state is kept: when a commit is warmed up (see [`crate::index`]), searches that
//! started on the state before it still use that state's values, and must find them rather than
//! rebuild them (and evict the new state's, which the next search would rebuild in turn).

use std::sync::{Arc, Mutex};
use tantivy::index::SegmentId;
use tantivy::{Opstamp, Searcher};

/// A committed state: its segments and their deletes.
pub(crate) type StateKey = Vec<(SegmentId, Option<Opstamp>)>;

/// The committed state `searcher` sees.
pub(crate) fn state_key(searcher: &Searcher) -> StateKey {
    searcher
        .generation()
        .segments()
        .iter()
        .map(|(id, del)| (*id, *del))
        .collect()
}

type Slot<V> = Arc<Mutex<Option<V>>>;

/// Up to `keep` values by key, the least recently used dropped first.
pub(crate) struct Recent<K, V> {
    keep: usize,
    slots: Mutex<Vec<(K, Slot<V>)>>,
}

impl<K: PartialEq, V: Clone> Recent<K, V> {
    pub fn new(keep: usize) -> Recent<K, V> {
        Recent {
            keep: keep.max(1),
            slots: Mutex::new(Vec::new()),
        }
    }

    /// The value of `key`, built by `build` when no one has built it yet. The cache's lock is
    /// held only to find the key's slot, so a build for one key never blocks searches that need
    /// another key's value; searches that need the key being built wait for it. A failed build
    /// leaves the slot empty for the next search to try.
    pub fn get_or_try_build<E>(
        &self,
        key: K,
        build: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            let slot = match slots.iter().position(|(k, _)| *k == key) {
                Some(i) => slots.remove(i).1,
                None => Arc::new(Mutex::new(None)),
            };
            // most recently used last
            slots.push((key, slot.clone()));
            if slots.len() > self.keep {
                slots.remove(0);
            }
            slot
        };
        let mut value = slot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = &*value {
            return Ok(v.clone());
        }
        let built = build()?;
        *value = Some(built.clone());
        Ok(built)
    }

    /// Whether some value was built (and is still kept).
    pub fn any_built(&self) -> bool {
        let slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots
            .iter()
            .any(|(_, v)| v.lock().is_ok_and(|v| v.is_some()))
    }

    /// Whether the value of `key` is built.
    #[cfg(test)]
    pub fn is_built(&self, key: &K) -> bool {
        let slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots
            .iter()
            .any(|(k, v)| k == key && v.lock().is_ok_and(|v| v.is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::Recent;
    use std::cell::Cell;

    #[test]
    fn keeps_the_most_recently_used_values() {
        let cache: Recent<u32, u32> = Recent::new(2);
        let builds = Cell::new(0);
        let get = |k: u32| {
            cache
                .get_or_try_build(k, || {
                    builds.set(builds.get() + 1);
                    Ok::<_, ()>(k * 10)
                })
                .unwrap()
        };
        assert_eq!((get(1), get(2), get(1)), (10, 20, 10));
        assert_eq!(builds.get(), 2);
        // 2 is the least recently used: a third key drops it, not 1
        get(3);
        get(1);
        assert_eq!(builds.get(), 3);
        get(2);
        assert_eq!(builds.get(), 4);
    }

    #[test]
    fn a_failed_build_is_tried_again() {
        let cache: Recent<u32, u32> = Recent::new(2);
        assert_eq!(cache.get_or_try_build(1, || Err("no")), Err("no"));
        assert_eq!(cache.get_or_try_build(1, || Ok::<_, &str>(7)), Ok(7));
        assert_eq!(cache.get_or_try_build(1, || Err("no")), Ok(7));
    }
}
