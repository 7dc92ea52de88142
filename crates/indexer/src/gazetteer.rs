//! Gazetteers: places (GeoNames), personal names (US census), conflict actors (Phoenix/CAMEO).
//!
//! `build_data` (feature `train`) compiles the raw lists of `data/gazetteers/` into one compact
//! TSV (`crates/indexer/data/gazetteer.tsv`, shipped inside the binary); `Gazetteer::builtin()`
//! parses it once. Phrases are matched over tokens: every token gets a case-folded hash, a phrase
//! is the fold of its token hashes, and lookup is longest-match over a hash map — the token
//! hashes are shared with the tagger's features, so matching costs a few probes per capitalised
//! token.

use crate::tokenize::{self, Token};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Gazetteer classes (bit flags).
pub mod class {
    pub const COUNTRY: u16 = 1;
    pub const CITY: u16 = 1 << 1;
    pub const REGION: u16 = 1 << 2;
    pub const PERSON: u16 = 1 << 3;
    pub const ORG: u16 = 1 << 4;
    pub const ARMED: u16 = 1 << 5;
    pub const NATIONAL: u16 = 1 << 6;
    pub const TITLE: u16 = 1 << 7;
    pub const FIRST: u16 = 1 << 8;
    pub const LAST: u16 = 1 << 9;
    pub const IGO: u16 = 1 << 10;
    pub const COUNT: usize = 11;
    pub const NAMES: [&str; COUNT] = [
        "country", "city", "region", "person", "org", "armed", "national", "title", "first",
        "last", "igo",
    ];
    pub const LETTERS: [char; COUNT] = ['C', 'T', 'R', 'P', 'O', 'A', 'N', 'E', 'F', 'L', 'I'];
}

const DATA: &str = include_str!("../data/gazetteer.tsv");

/// Case-folded hash of a token's text (ASCII case folding, curly apostrophes as straight).
#[inline]
pub const fn token_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let mut c = b[i];
        // ’ (E2 80 99) and ‘ (E2 80 98) fold to '
        if c == 0xE2
            && i + 2 < b.len()
            && b[i + 1] == 0x80
            && (b[i + 2] == 0x99 || b[i + 2] == 0x98)
        {
            c = b'\'';
            i += 2;
        }
        h ^= c.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

#[inline]
fn seq_mix(h: u64, t: u64) -> u64 {
    (h.rotate_left(23) ^ t).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Debug, Default, Clone, Copy)]
pub struct PreHashed(u64);

impl Hasher for PreHashed {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    /// A 32-bit key (the high half of a mixed hash) spread over 64 bits: the map takes the low
    /// bits of the hash for the slot and the high ones for its tag.
    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A hash map keyed by pre-hashed u64 values.
pub type PreHashedMap<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;

/// One gazetteer entry: a phrase's classes, display name and CAMEO code.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub classes: u16,
    /// Display name of the entry (for aliases: the canonical actor name).
    pub canonical: String,
    /// CAMEO actor code (e.g. `AFGGOV`, `IGOUNO`, `IMGMUSISI`), or an ISO-3 country code.
    pub code: Option<String>,
    /// Number of tokens of the phrase.
    pub len: u8,
}

/// A match of a gazetteer phrase over tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
}

/// The compiled gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    phrases: PreHashedMap<u32>,
    entries: Vec<Entry>,
    max_len: usize,
    /// How many names of organisations (and armed groups, international bodies) and of people
    /// of two tokens or more end in each token (by hash).
    last_words: PreHashedMap<(u32, u32)>,
}

impl Gazetteer {
    /// The gazetteer compiled into the binary.
    pub fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::from_data(DATA))
    }

    /// Parses the compiled TSV (`classes<TAB>code<TAB>canonical<TAB>phrase`). Malformed lines
    /// are skipped.
    pub fn from_data(data: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut toks = Vec::with_capacity(16);
        for line in data.lines() {
            let mut it = line.split('\t');
            let (Some(cls), Some(code), Some(canon), Some(phrase)) =
                (it.next(), it.next(), it.next(), it.next())
            else {
                continue;
            };
            let mut classes = 0u16;
            for ch in cls.chars() {
                if let Some(k) = class::LETTERS.iter().position(|&l| l == ch) {
                    classes |= 1 << k;
                }
            }
            let canonical = if canon.is_empty() { phrase } else { canon };
            g.insert(
                phrase,
                classes,
                canonical,
                (!code.is_empty()).then_some(code),
                &mut toks,
            );
        }
        g
    }

    fn insert(
        &mut self,
        phrase: &str,
        classes: u16,
        canonical: &str,
        code: Option<&str>,
        toks: &mut Vec<Token>,
    ) {
        toks.clear();
        tokenize::tokenize_into(phrase, 0, phrase.len(), toks);
        if toks.is_empty() || toks.len() > 12 {
            return;
        }
        let mut h = 0u64;
        for t in toks.iter() {
            h = seq_mix(h, token_hash(t.as_str(phrase)));
        }
        self.max_len = self.max_len.max(toks.len());
        let org = classes & (class::ORG | class::ARMED | class::IGO) != 0;
        let person = classes & class::PERSON != 0;
        if toks.len() >= 2 && (org || person) {
            let last = toks.last().map_or(0, |t| token_hash(t.as_str(phrase)));
            let counts = self.last_words.entry(last).or_default();
            counts.0 += org as u32;
            counts.1 += person as u32;
        }
        match self.phrases.get(&h) {
            Some(&i) => {
                let e = &mut self.entries[i as usize];
                e.classes |= classes;
                if e.code.is_none() {
                    e.code = code.map(str::to_string);
                }
            }
            None => {
                self.phrases.insert(h, self.entries.len() as u32);
                self.entries.push(Entry {
                    classes,
                    canonical: canonical.to_string(),
                    code: code.map(str::to_string),
                    len: toks.len() as u8,
                });
            }
        }
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Looks up one phrase given as text.
    pub fn lookup(&self, phrase: &str) -> Option<&Entry> {
        let toks = tokenize::tokenize(phrase);
        let mut h = 0u64;
        for t in &toks {
            h = seq_mix(h, token_hash(t.as_str(phrase)));
        }
        self.phrases.get(&h).map(|&i| &self.entries[i as usize])
    }

    /// Whether the token with hash `h` ends names of organisations and never a person's: it
    /// ends five names of organisations or more, no person's name, and is no given name or
    /// surname ("International", "Holdings", "Brigades"). Learned from the lists, not written
    /// by hand.
    pub fn ends_org_names(&self, h: u64) -> bool {
        self.last_words
            .get(&h)
            .is_some_and(|&(org, person)| org >= 5 && person == 0)
            && self.word_classes(h) & (class::FIRST | class::LAST | class::PERSON) == 0
    }

    /// Classes of the single token with hash `h` (0 when unknown).
    #[inline]
    pub fn word_classes(&self, h: u64) -> u16 {
        self.word_entry(h)
            .map_or(0, |i| self.entries[i as usize].classes)
    }

    /// The entry whose phrase is the single token with hash `h`.
    #[inline]
    pub fn word_entry(&self, h: u64) -> Option<u32> {
        self.phrases.get(&seq_mix(0, h)).copied()
    }

    /// Longest-match phrases over tokens with precomputed hashes. `can_start(i)` says whether a
    /// phrase may start at token `i` (e.g. capitalised); matches do not overlap.
    pub fn find(&self, hashes: &[u64], can_start: impl Fn(usize) -> bool, out: &mut Vec<Match>) {
        self.find_with(hashes, |i| self.word_entry(hashes[i]), can_start, out)
    }

    /// `find`, with `word_entry(i)` giving the `word_entry` of token `i` (a caller that has
    /// looked the words up already saves the probes).
    pub fn find_with(
        &self,
        hashes: &[u64],
        word_entry: impl Fn(usize) -> Option<u32>,
        can_start: impl Fn(usize) -> bool,
        out: &mut Vec<Match>,
    ) {
        let n = hashes.len();
        let mut i = 0;
        while i < n {
            if !can_start(i) {
                i += 1;
                continue;
            }
            let mut h = 0u64;
            let mut best: Option<(usize, u32)> = None;
            for j in i..n.min(i + self.max_len) {
                h = seq_mix(h, hashes[j]);
                let entry = if j == i {
                    word_entry(i)
                } else {
                    self.phrases.get(&h).copied()
                };
                if let Some(e) = entry {
                    if self.entries[e as usize].len as usize == j + 1 - i {
                        best = Some((j + 1, e));
                    }
                }
            }
            match best {
                Some((end, e))
                    if end > i + 1
                        || self.entries[e as usize].classes
                            & !(class::FIRST | class::LAST | class::TITLE)
                            != 0 =>
                {
                    out.push(Match {
                        start: i,
                        end,
                        entry: e,
                    });
                    i = end;
                }
                _ => i += 1,
            }
        }
    }
}

// Building the compiled data from the raw lists: a data-building tool, compiled only with the
// `train` feature (the runtime reads the shipped TSV).
#[cfg(feature = "train")]
mod build;
#[cfg(feature = "train")]
pub use build::build_data;

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "C\tAFG\t\tAfghanistan\nT\tAFG\t\tKabul\nOA\tIMGMUSTAL\t\tTaliban\nF\t\t\tJohn\nL\t\t\tSmith\nE\t\t\tPresident\nOA\tIMGVELFRT\tVelmoran Front\tVelmoran Liberation Front Of Zarnia\nC\tUSA\tUnited States\tU.S.\nPF\tUSAGOV\t\tJohn Smith\n";

    #[test]
    fn finds_longest_phrases_over_tokens() {
        let g = Gazetteer::from_data(SAMPLE);
        let text = "President John Smith met the taliban in Kabul, Velmoran Liberation Front of Zarnia and U.S. forces";
        let toks = tokenize::tokenize(text);
        let hashes: Vec<u64> = toks.iter().map(|t| token_hash(t.as_str(text))).collect();
        let mut out = Vec::new();
        g.find(&hashes, |_| true, &mut out);
        let found: Vec<(&str, u16)> = out
            .iter()
            .map(|m| {
                (
                    &text[toks[m.start].start as usize..toks[m.end - 1].end as usize],
                    g.entry(m.entry).classes,
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("John Smith", class::PERSON | class::FIRST),
                ("taliban", class::ORG | class::ARMED),
                ("Kabul", class::CITY),
                (
                    "Velmoran Liberation Front of Zarnia",
                    class::ORG | class::ARMED
                ),
                ("U.S.", class::COUNTRY),
            ]
        );
        assert_eq!(
            g.lookup("velmoran liberation front of zarnia")
                .unwrap()
                .canonical,
            "Velmoran Front"
        );
        assert_eq!(g.word_classes(token_hash("SMITH")), class::LAST);
    }

    #[test]
    fn token_hash_folds_case_and_apostrophes() {
        assert_eq!(token_hash("KABUL"), token_hash("kabul"));
        assert_eq!(token_hash("’s"), token_hash("'s"));
        assert_ne!(token_hash("Kabul"), token_hash("Kabil"));
    }

    #[test]
    fn builtin_has_core_lists() {
        let g = Gazetteer::builtin();
        assert!(g.lookup("Afghanistan").unwrap().classes & class::COUNTRY != 0);
        assert!(g.lookup("Kabul").unwrap().classes & class::CITY != 0);
        assert!(g.lookup("Taliban").unwrap().classes & class::ORG != 0);
        assert!(g.lookup("President").unwrap().classes & class::TITLE != 0);
    }

    #[test]
    fn holders_of_an_office_are_people() {
        // the international actors whose codes carry the dates of a term of office are people,
        // whatever their given names (the census lists are American), and so are the entries
        // coded as elites: none is an organisation
        let g = Gazetteer::builtin();
        for name in [
            "Sadako Ogata",
            "Koichiro Matsuura",
            "Supachai Panitchpakdi",
            "Boutros Boutros-Ghali",
        ] {
            let classes = g
                .lookup(name)
                .unwrap_or_else(|| panic!("{name} listed"))
                .classes;
            assert!(
                classes & class::PERSON != 0 && classes & class::ORG == 0,
                "{name}: {classes:b}"
            );
        }
    }
}
