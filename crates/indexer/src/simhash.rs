//! SimHash fingerprints for near-duplicate detection (wire copies with small edits).
//!
//! The fingerprint is built from word 3-shingles of the lower-cased body. Two texts whose
//! fingerprints differ in at most [`NEAR_DUPLICATE_BITS`] bits are near-duplicates. Candidates
//! are found with [`SimIndex`]: the 64 bits are cut into `NEAR_DUPLICATE_BITS + 1` bands, so two
//! fingerprints within the distance share at least one band exactly (pigeonhole).

use std::collections::HashMap;

/// Largest Hamming distance between near-duplicate fingerprints.
pub const NEAR_DUPLICATE_BITS: u32 = 3;
const BANDS: u32 = NEAR_DUPLICATE_BITS + 1;
const BAND_BITS: u32 = 64 / BANDS;

/// Fewer words than this give no fingerprint: short texts are too alike by chance.
const MIN_WORDS: usize = 30;

/// The SimHash fingerprint of a text, or `None` when it is too short to judge.
pub fn fingerprint(text: &str) -> Option<u64> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lw = w.to_lowercase();
            xxhash_rust::xxh3::xxh3_64(lw.as_bytes())
        })
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut counts = [0i32; 64];
    for w in words.windows(3) {
        let h = xxhash_rust::xxh3::xxh3_64_with_seed(&[w[0].to_le_bytes(), w[1].to_le_bytes(), w[2].to_le_bytes()].concat(), 7);
        for (i, c) in counts.iter_mut().enumerate() {
            if h >> i & 1 == 1 {
                *c += 1;
            } else {
                *c -= 1;
            }
        }
    }
    Some(counts.iter().enumerate().fold(0u64, |acc, (i, c)| if *c > 0 { acc | 1 << i } else { acc }))
}

/// Number of differing bits.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// An index of fingerprints for finding near-duplicates quickly.
#[derive(Debug, Default)]
pub struct SimIndex {
    bands: Vec<HashMap<u64, Vec<usize>>>,
    entries: Vec<(u64, String)>,
}

fn band(fp: u64, b: u32) -> u64 {
    let shift = b * BAND_BITS;
    let mask = if b == BANDS - 1 { u64::MAX >> shift } else { (1u64 << BAND_BITS) - 1 };
    (fp >> shift) & mask
}

impl SimIndex {
    pub fn new() -> SimIndex {
        SimIndex { bands: (0..BANDS).map(|_| HashMap::new()).collect(), entries: Vec::new() }
    }

    /// Adds a fingerprint with its article id.
    pub fn insert(&mut self, fp: u64, id: String) {
        let n = self.entries.len();
        self.entries.push((fp, id));
        for b in 0..BANDS {
            self.bands[b as usize].entry(band(fp, b)).or_default().push(n);
        }
    }

    /// The id of the closest earlier fingerprint within [`NEAR_DUPLICATE_BITS`], if any.
    pub fn find(&self, fp: u64) -> Option<&str> {
        let mut best: Option<(u32, usize)> = None;
        for b in 0..BANDS {
            if let Some(cands) = self.bands[b as usize].get(&band(fp, b)) {
                for &i in cands {
                    let d = distance(fp, self.entries[i].0);
                    if d <= NEAR_DUPLICATE_BITS && best.is_none_or(|(bd, bi)| d < bd || (d == bd && i < bi)) {
                        best = Some((d, i));
                    }
                }
            }
        }
        best.map(|(_, i)| self.entries[i].1.as_str())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The central bank raised its benchmark interest rate by half a point on Tuesday, \
        citing inflation that has stayed above target for a year. Analysts had expected a smaller move. \
        The governor said further increases were possible if prices kept rising, and the currency \
        strengthened after the announcement. Exporters warned that a stronger currency would hurt sales abroad.";

    #[test]
    fn near_copies_are_close_and_other_texts_far() {
        let a = fingerprint(STORY).unwrap();
        let edited = STORY.replace("on Tuesday", "on Wednesday").replace("half a point", "half a percentage point");
        let b = fingerprint(&edited).unwrap();
        let other = fingerprint(
            "Heavy rain flooded low-lying districts of the capital overnight, forcing hundreds of families \
             from their homes. Rescue teams used boats to reach people stranded on rooftops, and the weather \
             service warned of more storms through the weekend as rivers continued to rise across the region.",
        )
        .unwrap();
        assert!(distance(a, b) <= 12, "edited copy distance {}", distance(a, b));
        assert!(distance(a, other) > 16, "unrelated distance {}", distance(a, other));
        assert_eq!(fingerprint(STORY), Some(a), "deterministic");
        assert_eq!(fingerprint("too short to judge"), None);
    }

    #[test]
    fn index_finds_within_distance_only() {
        let mut idx = SimIndex::new();
        idx.insert(0b1011_0000, "a".into());
        idx.insert(u64::MAX, "b".into());
        assert_eq!(idx.find(0b1011_0111), Some("a"));
        assert_eq!(idx.find(u64::MAX ^ 0b11), Some("b"));
        assert_eq!(idx.find(0xF0F0_F0F0_0000_0000), None);
    }
}
