//! MinHash signatures for near-duplicate detection (wire copies with small edits, paragraphs
//! moved, a changed headline).
//!
//! A signature holds [`HASHES`] minimum hashes of the body's word 3-shingles (one per bin of a
//! single hash); the share of equal positions in two signatures estimates the Jaccard similarity
//! of their shingle sets. Candidates
//! are found by locality-sensitive hashing ([`BANDS`] bands of [`ROWS`] hashes), then confirmed
//! when the estimated similarity is at least [`NEAR_DUPLICATE_SIMILARITY`].

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

pub const HASHES: usize = 64;
const ROWS: usize = 4;
/// Number of bands a signature is cut into (see [`band_keys`]).
pub const BANDS: usize = HASHES / ROWS;
/// Estimated Jaccard similarity from which two texts are near-duplicates.
pub const NEAR_DUPLICATE_SIMILARITY: f64 = 0.7;
/// Fewer words than this give no signature: short texts are too alike by chance.
const MIN_WORDS: usize = 25;

/// A MinHash signature: the lowest 8 bits of each 64-bit minimum hash (b-bit MinHash, Li and
/// König 2010). Two unequal minima agree in those bits with probability 1/256, which
/// [`similarity`] corrects for; 64 bytes per article instead of 512.
pub type Signature = [u8; HASHES];

/// Chance that the kept bits of two unequal minima agree.
const CHANCE: f64 = 1.0 / 256.0;

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hash of a word in lower case; ASCII words are lowered on the stack, without allocating.
fn word_hash(w: &str) -> u64 {
    let mut buf = [0u8; 32];
    if w.len() <= buf.len() && w.is_ascii() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        xxhash_rust::xxh3::xxh3_64(b)
    } else {
        xxhash_rust::xxh3::xxh3_64(w.to_lowercase().as_bytes())
    }
}

/// The signature of a text, or `None` when it is too short to judge.
pub fn signature(text: &str) -> Option<Signature> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    // One permutation hashing (Li, Owen and Zhang 2012): each shingle is hashed once; the top
    // bits pick one of HASHES bins and the rest compete for that bin's minimum. Sixty-four times
    // less hashing than a permutation per minimum, for the same estimator.
    const BIN_BITS: u32 = HASHES.trailing_zeros();
    let mut minima = [u64::MAX; HASHES];
    for w in words.windows(3) {
        let h = mix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42));
        let bin = (h >> (64 - BIN_BITS)) as usize;
        let value = h & (u64::MAX >> BIN_BITS);
        if value < minima[bin] {
            minima[bin] = value;
        }
    }
    densify(&mut minima);
    Some(minima.map(|m| m as u8))
}

/// Fills empty bins (Shrivastava 2017, optimal densification): an empty bin takes the minimum of
/// a bin chosen by hashing its index and an attempt counter, the same choice in every text, so
/// two texts agree in a filled bin with the probability of the bin it copies.
fn densify(minima: &mut [u64; HASHES]) {
    const {
        assert!(
            HASHES <= 64,
            "the filled bins are kept as the bits of a u64"
        )
    };
    // bit i set: bin i has a minimum of its own
    let filled: u64 = minima
        .iter()
        .enumerate()
        .filter(|(_, &m)| m != u64::MAX)
        .fold(0, |acc, (i, _)| acc | 1 << i);
    if filled == 0 {
        return;
    }
    for bin in (0..HASHES).filter(|&b| filled & 1 << b == 0) {
        let mut attempt = 0u64;
        loop {
            attempt += 1;
            let from = (mix((bin as u64) << 32 | attempt) % HASHES as u64) as usize;
            if filled & 1 << from != 0 {
                minima[bin] = minima[from];
                break;
            }
        }
    }
}

/// Estimated Jaccard similarity of two signatures: the share of equal positions, less the
/// share expected by chance.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64;
    ((equal - CHANCE) / (1.0 - CHANCE)).max(0.0)
}

/// Signature as bytes, for storage.
pub fn to_bytes(sig: &Signature) -> Vec<u8> {
    sig.to_vec()
}

/// Signature from stored bytes (`None` unless it has the length of one).
pub fn from_bytes(b: &[u8]) -> Option<Signature> {
    b.try_into().ok()
}

/// The keys of a signature's bands: two signatures that share one are candidates for a
/// near-duplicate pair (an index can store them as terms and look candidates up by them).
pub fn band_keys(sig: &Signature) -> [u64; BANDS] {
    std::array::from_fn(|b| band_key(sig, b))
}

fn band_key(sig: &Signature, b: usize) -> u64 {
    let mut h = b as u64;
    for r in 0..ROWS {
        h = mix(h ^ sig[b * ROWS + r] as u64);
    }
    h
}

/// The bucket of a band key: its high 32 bits. Articles that share one are candidates for a
/// near-duplicate pair, in [`SimIndex`] and in an index that stores buckets as terms.
pub fn bucket(band_key: u64) -> u32 {
    (band_key >> 32) as u32
}

/// An index of signatures for finding near-duplicates quickly. It keeps the signatures only:
/// [`SimIndex::insert`] gives each its entry number, by which callers keep what they need of it
/// (an article id, a file number).
///
/// Each band's buckets are chains through the entries, not a `Vec` per bucket: a bucket costs one
/// map slot (key and head of its chain) and each entry one link per band, 4 bytes. A full
/// rebuild keeps one of these for every article of the run, so at a million articles the
/// per-bucket vectors alone took several hundred megabytes.
#[derive(Debug, Default)]
pub struct SimIndex {
    /// Bucket ([`bucket`] of a band key) -> the latest entry in it. A bucket is the high half of
    /// a band key: half the memory of whole keys (a slot per bucket of every band, up to sixteen
    /// per article), at the cost of a chain holding, rarely, entries of two band keys, which only
    /// adds candidates; each candidate is still judged by its similarity.
    heads: HashMap<u32, u32, BuildHasherDefault<crate::gazetteer::PreHashed>>,
    /// `next[n * BANDS + b]`: the entry before entry `n` in its bucket of band `b` ([`NONE`]
    /// for the first).
    next: Vec<u32>,
    entries: Vec<Signature>,
    /// `seen[n]`: the last lookup that met entry `n`, so that an entry in several of the query's
    /// buckets is compared once without collecting and sorting the candidates.
    seen: Vec<u32>,
    /// The number of the current lookup (from 1; 0 marks an entry no lookup has met).
    lookup: u32,
}

/// The end of a bucket's chain.
const NONE: u32 = u32::MAX;

/// A lookup walks at most this many entries of each of the query's buckets, the newest first.
/// Without a bound, each copy of a story was compared with every earlier copy (a story with
/// `k` copies cost `k²/2` comparisons: at a million generated articles, with about fifty copies
/// of each story, the lookups took 16 s where 100,000 articles took 0.8 s). Near-identical
/// texts share most of their sixteen bands, so the newest entries of a bucket hold a
/// near-duplicate whenever a longer walk would find one; which copy of a large family a text is
/// linked to can differ (the most similar among those walked, not among all).
pub const MAX_WALK: usize = 64;

impl SimIndex {
    pub fn new() -> SimIndex {
        SimIndex::default()
    }

    /// Adds a signature; returns its entry number (0 for the first, then 1, 2, ...).
    ///
    /// # Panics
    /// When the index already holds `u32::MAX - 1` signatures.
    pub fn insert(&mut self, sig: Signature) -> usize {
        let n = u32::try_from(self.entries.len())
            .ok()
            .filter(|&n| n != NONE)
            .expect("SimIndex holds at most u32::MAX - 1 signatures");
        for b in 0..BANDS {
            let head = self.heads.entry(bucket(band_key(&sig, b))).or_insert(NONE);
            self.next.push(*head);
            *head = n;
        }
        self.entries.push(sig);
        self.seen.push(0);
        n as usize
    }

    /// The entry number of the most similar signature at or above the threshold, among the
    /// newest [`MAX_WALK`] entries of each of its buckets.
    pub fn nearest(&mut self, sig: &Signature) -> Option<usize> {
        self.nearest_except(sig, |_| false).map(|(i, _)| i)
    }

    /// The entry number of the most similar signature at or above the threshold, with its
    /// similarity, passing over the entries `skip` says to (an earlier version of the same
    /// article). On a tie the earliest entry wins. Each bucket is walked from its newest entry,
    /// [`MAX_WALK`] entries at most.
    pub fn nearest_except(
        &mut self,
        sig: &Signature,
        skip: impl Fn(usize) -> bool,
    ) -> Option<(usize, f64)> {
        self.lookup = self.lookup.wrapping_add(1);
        if self.lookup == 0 {
            // after four billion lookups: forget which lookup met what
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.lookup = 1;
        }
        let mut best: Option<(usize, f64)> = None;
        for b in 0..BANDS {
            let mut cur = self
                .heads
                .get(&bucket(band_key(sig, b)))
                .copied()
                .unwrap_or(NONE);
            let mut walked = 0;
            while cur != NONE && walked < MAX_WALK {
                let i = cur as usize;
                cur = self.next[i * BANDS + b];
                walked += 1;
                if std::mem::replace(&mut self.seen[i], self.lookup) == self.lookup || skip(i) {
                    continue;
                }
                let s = similarity(sig, &self.entries[i]);
                let better = best.is_none_or(|(bi, bs)| s > bs || (s == bs && i < bi));
                if s >= NEAR_DUPLICATE_SIMILARITY && better {
                    best = Some((i, s));
                }
            }
        }
        best
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

    const P1: &str =
        "The central bank raised its benchmark interest rate by half a point on Tuesday, \
        citing inflation that has stayed above target for a year.";
    const P2: &str =
        "Analysts had expected a smaller move. The governor said further increases were possible \
        if prices kept rising, and the currency strengthened after the announcement.";
    const P3: &str =
        "Exporters warned that a stronger currency would hurt sales abroad, and farmers' groups \
        asked for relief on loans taken out when rates were low.";
    const OTHER: &str = "Heavy rain flooded low-lying districts of the capital overnight, forcing hundreds of \
        families from their homes. Rescue teams used boats to reach people stranded on rooftops, and the \
        weather service warned of more storms through the weekend as rivers continued to rise.";

    fn shingles(text: &str) -> std::collections::HashSet<u64> {
        let words: Vec<u64> = text.split_whitespace().map(word_hash).collect();
        words
            .windows(3)
            .map(|w| mix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42)))
            .collect()
    }

    #[test]
    fn estimates_follow_the_true_jaccard_similarity() {
        // Random texts of 30 to 300 words, and copies with every k-th word replaced.
        let mut errors = Vec::new();
        for seed in 0..60u64 {
            let n = 30 + (mix(seed) % 270) as usize;
            let words: Vec<String> = (0..n)
                .map(|i| format!("w{}", mix(seed << 20 | i as u64) % 50_000))
                .collect();
            let k = 4 + (seed % 12) as usize;
            let edited: Vec<String> = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    if i % k == 0 {
                        format!("x{i}")
                    } else {
                        w.clone()
                    }
                })
                .collect();
            let (a, b) = (words.join(" "), edited.join(" "));
            let (sa, sb) = (shingles(&a), shingles(&b));
            let truth = sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64;
            errors
                .push((similarity(&signature(&a).unwrap(), &signature(&b).unwrap()) - truth).abs());
        }
        let mean = errors.iter().sum::<f64>() / errors.len() as f64;
        assert!(mean < 0.08, "mean absolute error {mean}");
        assert!(errors.iter().all(|&e| e < 0.3), "{errors:?}");
    }

    #[test]
    fn wire_copies_are_similar_and_other_texts_are_not() {
        let a = signature(&format!("{P1}\n\n{P2}\n\n{P3}")).unwrap();
        let swapped = signature(&format!("{P1}\n\n{P3}\n\n{P2}")).unwrap();
        let edited = signature(&format!(
            "{P1}\n\n{P2}\n\n{}",
            P3.replace("farmers' groups", "unions")
        ))
        .unwrap();
        let other = signature(OTHER).unwrap();
        assert!(
            similarity(&a, &swapped) >= NEAR_DUPLICATE_SIMILARITY,
            "{}",
            similarity(&a, &swapped)
        );
        assert!(
            similarity(&a, &edited) >= NEAR_DUPLICATE_SIMILARITY,
            "{}",
            similarity(&a, &edited)
        );
        assert!(similarity(&a, &other) < 0.2, "{}", similarity(&a, &other));
        assert_eq!(from_bytes(&to_bytes(&a)), Some(a));
        assert_eq!(signature("too short to judge"), None);
    }

    #[test]
    fn words_hash_the_same_in_any_case() {
        for (a, b) in [
            ("Kabul", "KABUL"),
            ("al-Qaeda", "AL-QAEDA"),
            ("Zürich", "ZÜRICH"),
            ("x".repeat(40).as_str(), "X".repeat(40).as_str()),
        ] {
            assert_eq!(word_hash(a), word_hash(b), "{a}");
            assert_eq!(
                word_hash(a),
                xxhash_rust::xxh3::xxh3_64(a.to_lowercase().as_bytes()),
                "{a}"
            );
        }
    }

    #[test]
    fn stored_signatures_must_have_the_right_length() {
        let a = signature(&format!("{P1}\n\n{P2}")).unwrap();
        assert_eq!(to_bytes(&a).len(), HASHES);
        assert_eq!(from_bytes(&to_bytes(&a)[..10]), None);
        assert_eq!(from_bytes(&[0; HASHES * 2]), None);
    }

    #[test]
    fn similarity_discounts_chance_agreement() {
        let a: Signature = std::array::from_fn(|i| i as u8);
        let agreeing =
            |n: usize| -> Signature { std::array::from_fn(|i| if i < n { i as u8 } else { 200 }) };
        assert_eq!(similarity(&a, &a), 1.0);
        assert_eq!(similarity(&a, &agreeing(0)), 0.0);
        // One agreement in 64 is about what chance gives unrelated texts (64/256 expected).
        assert!(similarity(&a, &agreeing(1)) < 1.0 / 64.0);
        assert!(similarity(&a, &agreeing(45)) >= NEAR_DUPLICATE_SIMILARITY);
        assert!(similarity(&a, &agreeing(44)) < NEAR_DUPLICATE_SIMILARITY);
    }

    #[test]
    fn index_answers_as_a_scan_of_its_buckets_would() {
        // Families of near-identical texts (variant v of a base text has v of its words
        // replaced, so variants are more or less alike), inserted interleaved: the index must
        // pick what comparing the query with every earlier entry that shares a band with it
        // picks (the most similar at or above the threshold, the earliest on ties).
        let text = |family: u64, variant: u64| -> String {
            let replaced = |i: u64| (0..variant).any(|k| i == variant * 7 + k * 31);
            (0..120u64)
                .map(|i| {
                    if replaced(i) {
                        format!("v{variant}x{i}")
                    } else {
                        format!("f{family}w{}", mix(family << 20 | i) % 5000)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut idx = SimIndex::new();
        let mut all: Vec<(Signature, String)> = Vec::new();
        let mut found = 0;
        for round in 0..6u64 {
            for family in 0..25u64 {
                let sig = signature(&text(family, round)).unwrap();
                let scan = all
                    .iter()
                    .enumerate()
                    .filter(|(_, (s, _))| (0..BANDS).any(|b| band_key(s, b) == band_key(&sig, b)))
                    .map(|(i, (s, _))| (similarity(&sig, s), i))
                    .filter(|&(s, _)| s >= NEAR_DUPLICATE_SIMILARITY)
                    .fold(None, |best: Option<(f64, usize)>, (s, i)| {
                        if best.is_none_or(|(bs, _)| s > bs) {
                            Some((s, i))
                        } else {
                            best
                        }
                    });
                assert_eq!(
                    idx.nearest(&sig),
                    scan.map(|(_, i)| i),
                    "family {family} round {round}"
                );
                found += scan.is_some() as usize;
                let id = format!("{family}-{round}");
                assert_eq!(idx.insert(sig), all.len());
                all.push((sig, id));
            }
        }
        assert_eq!(idx.len(), 150);
        assert!(
            found >= 100,
            "only {found} of 125 later variants found a near-duplicate"
        );
        // The same signature twice: the first is found, and skipping it finds the second.
        let sig = all[0].0;
        let again = idx.insert(sig);
        assert_eq!(idx.nearest(&sig), Some(0));
        assert_eq!(idx.nearest_except(&sig, |i| i == 0), Some((again, 1.0)));
    }

    #[test]
    fn lookups_walk_the_newest_entries_of_a_bucket() {
        // One text, then 150 copies with three words changed each: the text is linked to a
        // copy met within the walks, not to its identical self at the far end of the chains.
        let words: Vec<String> = (0..150u64).map(|i| format!("w{}", mix(i) % 5000)).collect();
        let copy = |n: usize| -> String {
            words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    if i == n % 150 || i == (n + 50) % 150 || i == (n + 100) % 150 {
                        format!("c{n}x{i}")
                    } else {
                        w.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut idx = SimIndex::new();
        let first = signature(&words.join(" ")).unwrap();
        idx.insert(first);
        for n in 0..150 {
            idx.insert(signature(&copy(n)).unwrap());
        }
        let (i, s) = idx.nearest_except(&first, |_| false).unwrap();
        assert!(i > 0, "linked to entry {i}");
        assert!(s >= NEAR_DUPLICATE_SIMILARITY && s < 1.0, "{s}");
        // Within the walk, the most similar wins and ties go to the earliest.
        let again = idx.insert(first);
        assert_eq!(idx.nearest(&first), Some(again));
        let twice = idx.insert(first);
        assert_eq!(idx.nearest_except(&first, |_| false), Some((again, 1.0)));
        assert_eq!(
            idx.nearest_except(&first, |i| i == again),
            Some((twice, 1.0))
        );
    }

    #[test]
    fn index_finds_similar_but_not_itself() {
        let mut idx = SimIndex::new();
        let a = signature(&format!("{P1}\n\n{P2}\n\n{P3}")).unwrap();
        let first = idx.insert(a);
        idx.insert(signature(OTHER).unwrap());
        let swapped = signature(&format!("{P1}\n\n{P3}\n\n{P2}")).unwrap();
        assert_eq!(idx.nearest(&swapped), Some(first));
        assert_eq!(idx.nearest_except(&swapped, |i| i == first), None);
    }
}
