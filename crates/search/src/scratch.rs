//! Zeroed `u32` arrays reused across searches on the same thread, for counting.
//!
//! A count array as long as a large segment's dictionary is a fresh mapping from the
//! allocator at every search, paid in page faults on the pages counting touches. A reused
//! array is mapped already, and only its touched entries need zeroing again, which the
//! counters do from their lists of touched entries before giving it back.

use std::cell::RefCell;

/// Bytes of arrays kept per thread; arrays given back beyond that are freed.
const KEEP_BYTES: usize = 16 << 20;

thread_local! {
    static FREE: RefCell<Vec<Vec<u32>>> = const { RefCell::new(Vec::new()) };
}

/// An array of `n` zeros.
pub(crate) fn zeroed(n: usize) -> Vec<u32> {
    // The largest kept array: the one most likely to need no growing.
    let mut v = FREE.with_borrow_mut(|free| {
        let best = (0..free.len()).max_by_key(|&i| free[i].capacity())?;
        Some(free.swap_remove(best))
    })
    .unwrap_or_default();
    v.resize(n, 0);
    v
}

/// Takes back an array that [`zeroed`] gave out; every entry must be zero again.
pub(crate) fn give_back(v: Vec<u32>) {
    debug_assert!(v.iter().all(|&c| c == 0), "arrays come back zeroed");
    if v.capacity() == 0 {
        return;
    }
    FREE.with_borrow_mut(|free| {
        let kept: usize = free.iter().map(|v| v.capacity() * 4).sum();
        if kept + v.capacity() * 4 <= KEEP_BYTES {
            free.push(v);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_come_back_zeroed_and_sized() {
        let mut a = zeroed(1000);
        a[7] = 3;
        a[7] = 0;
        give_back(a);
        let b = zeroed(10);
        assert_eq!(b.len(), 10);
        assert!(b.capacity() >= 1000, "the kept array is reused");
        give_back(b);
        let c = zeroed(5000);
        assert!(c.len() == 5000 && c.iter().all(|&x| x == 0));
        give_back(c);
    }
}
