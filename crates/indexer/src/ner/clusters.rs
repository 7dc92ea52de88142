//! Word clusters for the tagger: a hierarchical clustering of words by the words around them,
//! computed from shippable text only (the training sentences and the bundled sample articles).
//! Each known word gets a `DEPTH`-bit path in a binary tree; prefixes of the path are coarser
//! clusters and serve as features ("words used like this one").
//!
//! The tree is built by recursive bisection (PDDP-style): words are vectors of positive
//! pointwise mutual information with their left and right neighbours among the most frequent
//! words; each node is split by the sign of the projection on its principal direction, refined
//! by a few rounds of spherical 2-means. Deterministic for given input.

use crate::gazetteer::PreHashedMap;

// Building the clusters from training text: compiled only with the `train` feature.
#[cfg(feature = "train")]
mod build;
#[cfg(feature = "train")]
pub use build::{build, ClusterOptions};

/// Bits of a cluster path.
pub const DEPTH: u32 = 10;
/// Marker bit of a known word's code (code 0 = unknown word).
pub const KNOWN: u16 = 1 << DEPTH;

/// Cluster codes by case-folded token hash (`gazetteer::token_hash`).
pub type Clusters = PreHashedMap<u16>;

/// Prefix of `k` bits of a cluster code, with the known marker (0 stays 0).
#[inline]
pub fn prefix(code: u16, k: u32) -> u16 {
    if code == 0 {
        0
    } else {
        (code >> (DEPTH - k)) | 0x8000
    }
}

/// Serialises codes as little-endian (hash u64, code u16) records.
pub fn to_bytes(c: &Clusters) -> Vec<u8> {
    let mut v: Vec<(u64, u16)> = c.iter().map(|(&h, &k)| (h, k)).collect();
    v.sort_unstable();
    let mut out = Vec::with_capacity(v.len() * 10);
    for (h, k) in v {
        out.extend_from_slice(&h.to_le_bytes());
        out.extend_from_slice(&k.to_le_bytes());
    }
    out
}

/// Reads `to_bytes` output; `None` when the length is not a whole number of records.
pub fn from_bytes(b: &[u8]) -> Option<Clusters> {
    if !b.len().is_multiple_of(10) {
        return None;
    }
    let mut m = Clusters::default();
    m.reserve(b.len() / 10);
    for r in b.chunks_exact(10) {
        let h = u64::from_le_bytes(r[..8].try_into().ok()?);
        let k = u16::from_le_bytes(r[8..].try_into().ok()?);
        m.insert(h, k);
    }
    Some(m)
}
