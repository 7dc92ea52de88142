//! Zeroed `u32` arrays reused across searches on the same thread, for counting.
//!
//! A count array as long as a large segment's dictionary is a fresh mapping from the
//! allocator at every search, paid in page faults on the pages counting touches. A reused
//! array is mapped already, and only its touched entries need zeroing again, which the
//! counters do from their lists of touched entries before giving it back.

use std::cell::RefCell;

/// Bytes of arrays kept per thread; arrays given back beyond that are freed. The server's search
/// threads are its blocking pool (four per core); an idle one exits after ten seconds, and its
/// arrays with it. On the 100,000-article bench index a dashboard keeps about 1 MiB per thread.
const KEEP_BYTES: usize = 16 << 20;

thread_local! {
    static FREE: RefCell<Vec<Vec<u32>>> = const { RefCell::new(Vec::new()) };
}

/// An array of at least `n` zeros: the shortest kept array that is long enough, else a new one.
/// Kept arrays are never shortened or grown, so taking one writes nothing.
pub(crate) fn zeroed(n: usize) -> Vec<u32> {
    FREE.with_borrow_mut(|free| {
        let fit = (0..free.len())
            .filter(|&i| free[i].len() >= n)
            .min_by_key(|&i| free[i].len())?;
        Some(free.swap_remove(fit))
    })
    .unwrap_or_else(|| vec![0; n])
}

/// Takes back an array that [`zeroed`] gave out; every entry must be zero again.
pub(crate) fn give_back(v: Vec<u32>) {
    debug_assert!(v.iter().all(|&c| c == 0), "arrays come back zeroed");
    if v.is_empty() {
        return;
    }
    FREE.with_borrow_mut(|free| {
        let kept: usize = free.iter().map(|v| v.len() * 4).sum();
        if kept + v.len() * 4 <= KEEP_BYTES {
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
        assert_eq!(b.len(), 1000, "the kept array is reused whole");
        let c = zeroed(10);
        assert_eq!(c.len(), 10, "none kept: a new one");
        give_back(c);
        give_back(b);
        assert_eq!(zeroed(5).len(), 10, "the shortest that fits");
        let d = zeroed(5000);
        assert!(d.len() == 5000 && d.iter().all(|&x| x == 0));
    }
}
