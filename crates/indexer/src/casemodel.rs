//! A learned, contextual casing decision for the words of all-capitals lines: is this word
//! capitalised here? The lexicon of `truecase` gives one spelling per word, so "league" is
//! lower case in "the league said" and in "the Premier League" alike; this model reads the word
//! with its neighbours and what the lexicon and the gazetteer know of each, and answers for the
//! word in its place.
//!
//! It is a linear model over hashed features (an averaged perceptron), trained on running text
//! in its published case: every word away from a sentence's start is an example, labelled by
//! whether the text capitalised it (`examples/build_truecase.rs --case-model`). The weights ship
//! in `data/truecase.model`.

use crate::gazetteer::{class, token_hash, Gazetteer};

/// log2 of the number of weights.
pub const BITS: u32 = 20;
const MAGIC: &[u8; 8] = b"SRCASE1\0";

/// What the lexicon and the gazetteer know of one word, and the word itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct CaseWord {
    /// Hash of the word in lower case.
    pub word: u64,
    /// Hash of its last three letters.
    pub suffix: u64,
    /// The lexicon's class: see `LEX_*`.
    pub lex: u8,
    /// Coarse gazetteer classes of the word alone.
    pub gaz: u8,
}

/// The lexicon writes the word in lower case.
pub const LEX_LOWER: u8 = 1;
/// The word is a regular inflection or contraction of a lower-case word.
pub const LEX_INFLECTED: u8 = 2;
/// The lexicon spells the word in capitals or mixed case ("NATO", "McDonald").
pub const LEX_SPECIAL: u8 = 3;
/// The lexicon does not know the word (a name, most often).
pub const LEX_UNKNOWN: u8 = 4;

/// Where a word stands: the first of its sentence (no decision before it), or after a word the
/// model decided to be lower case or capitalised.
const PREV_START: u64 = 7;

impl CaseWord {
    /// `lower` is the word in lower case; `lex` its lexicon class.
    pub fn new(lower: &str, lex: u8, gaz: Option<&Gazetteer>) -> CaseWord {
        let b = lower.as_bytes();
        let suffix = fx(&b[b.len().saturating_sub(3)..]);
        let gaz = gaz.map_or(0, |g| coarse(g.word_classes(token_hash(lower))));
        CaseWord {
            word: fx(b),
            suffix,
            lex,
            gaz,
        }
    }
}

/// Gazetteer classes folded into a byte: place, person part (title, given name, surname, person),
/// organisation, nationality.
fn coarse(c: u16) -> u8 {
    let mut out = 0;
    if c & (class::COUNTRY | class::CITY | class::REGION) != 0 {
        out |= 1;
    }
    if c & class::TITLE != 0 {
        out |= 2;
    }
    if c & (class::FIRST | class::PERSON) != 0 {
        out |= 4;
    }
    if c & class::LAST != 0 {
        out |= 8;
    }
    if c & (class::ORG | class::ARMED | class::IGO) != 0 {
        out |= 16;
    }
    if c & class::NATIONAL != 0 {
        out |= 32;
    }
    out
}

fn fx(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in b {
        h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[inline]
fn idx(template: u64, v: u64) -> usize {
    let h = (v ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    let h = h ^ (h >> 31);
    (h.wrapping_mul(0xc4ce_b9fe_1a85_ec53) >> (64 - BITS)) as usize
}

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(23) ^ b).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The feature indices of word `i` of `words`, given the decisions taken for the two words
/// before it (`prev`, `prev2`: 0 lower, 1 capitalised, `PREV_START` none), into `out`.
pub fn features(words: &[CaseWord], i: usize, prev: u64, prev2: u64, out: &mut Vec<usize>) {
    out.clear();
    let none = CaseWord {
        word: 1,
        suffix: 1,
        lex: 0,
        gaz: 0,
    };
    let w = words[i];
    let p = if i > 0 { words[i - 1] } else { none };
    let n = words.get(i + 1).copied().unwrap_or(none);
    let n2 = words.get(i + 2).copied().unwrap_or(none);
    let cls = |x: CaseWord| (x.lex as u64) | (x.gaz as u64) << 8;
    out.push(idx(1, 0));
    out.push(idx(2, w.word));
    out.push(idx(3, p.word));
    out.push(idx(4, n.word));
    out.push(idx(5, mix(p.word, w.word)));
    out.push(idx(6, mix(w.word, n.word)));
    out.push(idx(7, cls(w)));
    out.push(idx(8, mix(mix(cls(p), cls(w)), cls(n))));
    out.push(idx(9, mix(prev, cls(w))));
    out.push(idx(10, mix(prev, w.word)));
    out.push(idx(11, mix(w.suffix, w.lex as u64)));
    out.push(idx(12, mix(mix(prev2, prev), cls(w))));
    out.push(idx(13, mix(cls(w), n.word)));
    out.push(idx(14, mix(p.word, cls(w))));
    out.push(idx(15, mix(mix(prev, cls(w)), cls(n))));
    out.push(idx(16, mix(mix(cls(w), cls(n)), cls(n2))));
    out.push(idx(17, mix(prev, n.word)));
}

/// Trained weights.
#[derive(Debug, Clone)]
pub struct CaseModel {
    w: Vec<i16>,
}

impl CaseModel {
    /// Reads the shipped format; `None` for anything else.
    pub fn from_bytes(b: &[u8]) -> Option<CaseModel> {
        let body = b.strip_prefix(&MAGIC[..])?;
        if body.len() != 2 << BITS {
            return None;
        }
        Some(CaseModel {
            w: body
                .chunks_exact(2)
                .map(|c| i16::from_le_bytes([c[0], c[1]]))
                .collect(),
        })
    }

    /// Quantises float weights (`1 << BITS` of them).
    pub fn quantise(w: &[f32]) -> CaseModel {
        let max = w.iter().fold(1e-9f32, |m, x| m.max(x.abs()));
        let scale = 32_000.0 / max;
        CaseModel {
            w: w.iter().map(|x| (x * scale).round() as i16).collect(),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(self.w.iter().flat_map(|x| x.to_le_bytes()));
        out
    }

    /// For each word of a sentence, whether it is capitalised there (greedy, left to right).
    /// `first` words are capitalised as sentence starts whatever the model says.
    pub fn decide(&self, words: &[CaseWord], first: &[bool], out: &mut Vec<bool>) {
        let mut scores = Vec::with_capacity(words.len());
        self.scores(words, first, &mut scores);
        out.clear();
        out.extend(scores.iter().map(|&s| s > 0));
    }

    /// The model's score for each word: capitalised above 0, lower case below, and how sure
    /// (a sentence's first word scores `i32::MAX`).
    pub fn scores(&self, words: &[CaseWord], first: &[bool], out: &mut Vec<i32>) {
        out.clear();
        let mut feats = Vec::with_capacity(20);
        let (mut prev, mut prev2) = (PREV_START, PREV_START);
        for i in 0..words.len() {
            if first.get(i).copied().unwrap_or(false) {
                (prev, prev2) = (PREV_START, PREV_START);
                out.push(i32::MAX);
                continue;
            }
            features(words, i, prev, prev2, &mut feats);
            let score: i32 = feats.iter().map(|&f| self.w[f] as i32).sum();
            out.push(score);
            (prev2, prev) = (prev, (score > 0) as u64);
        }
    }
}

/// Training of the weights (averaged perceptron), for `examples/build_truecase.rs`.
#[cfg(any(test, feature = "train"))]
pub mod train {
    use super::{features, CaseWord, PREV_START};

    /// One sentence: its words and whether the text capitalised each (`None`: its first word,
    /// or a word whose case says nothing, such as one in capitals).
    #[derive(Default)]
    pub struct Sentence {
        pub words: Vec<CaseWord>,
        pub caps: Vec<Option<bool>>,
    }

    /// Float weights after `epochs` passes over `sents` in a shuffled order.
    pub fn train(sents: &[Sentence], epochs: usize) -> Vec<f32> {
        let n = 1usize << super::BITS;
        let (mut w, mut total, mut stamp) = (vec![0f32; n], vec![0f32; n], vec![0u64; n]);
        let mut t: u64 = 1;
        let mut order: Vec<usize> = (0..sents.len()).collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut feats = Vec::new();
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            for &si in &order {
                let s = &sents[si];
                let (mut prev, mut prev2) = (PREV_START, PREV_START);
                for i in 0..s.words.len() {
                    let Some(gold) = s.caps[i] else {
                        (prev, prev2) = (PREV_START, PREV_START);
                        continue;
                    };
                    features(&s.words, i, prev, prev2, &mut feats);
                    let score: f32 = feats.iter().map(|&f| w[f]).sum();
                    if (score > 0.0) != gold {
                        let d = if gold { 1.0 } else { -1.0 };
                        for &f in &feats {
                            total[f] += (t - stamp[f]) as f32 * w[f];
                            stamp[f] = t;
                            w[f] += d;
                        }
                    }
                    t += 1;
                    // the decision taken, as at run time, feeds the next word
                    (prev2, prev) = (prev, (score > 0.0) as u64);
                }
            }
        }
        for f in 0..n {
            total[f] += (t - stamp[f]) as f32 * w[f];
        }
        total.iter().map(|x| x / t as f32).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of a toy language: "guard" is capitalised after a name ("Velmora Guard") and in
    /// lower case after "the".
    fn sentence(words: &[(&str, u8)], caps: &[Option<bool>]) -> train::Sentence {
        train::Sentence {
            words: words
                .iter()
                .map(|&(w, lex)| CaseWord::new(w, lex, None))
                .collect(),
            caps: caps.to_vec(),
        }
    }

    #[test]
    fn learns_case_from_context_and_round_trips() {
        let named = [
            ("the", LEX_LOWER),
            ("velmora", LEX_UNKNOWN),
            ("guard", LEX_LOWER),
            ("left", LEX_LOWER),
        ];
        let plain = [
            ("then", LEX_LOWER),
            ("the", LEX_LOWER),
            ("guard", LEX_LOWER),
            ("left", LEX_LOWER),
        ];
        let mut sents = Vec::new();
        for _ in 0..50 {
            sents.push(sentence(
                &named,
                &[None, Some(true), Some(true), Some(false)],
            ));
            sents.push(sentence(
                &plain,
                &[None, Some(false), Some(false), Some(false)],
            ));
        }
        let model = CaseModel::quantise(&train::train(&sents, 3));
        let model = CaseModel::from_bytes(&model.to_bytes()).expect("round trip");
        let mut out = Vec::new();
        let words = |ws: &[(&str, u8)]| {
            ws.iter()
                .map(|&(w, lex)| CaseWord::new(w, lex, None))
                .collect::<Vec<_>>()
        };
        model.decide(&words(&named), &[true, false, false, false], &mut out);
        assert_eq!(out, [true, true, true, false]);
        model.decide(&words(&plain), &[true, false, false, false], &mut out);
        assert_eq!(out, [true, false, false, false]);
        // anything but the shipped format is refused
        assert!(CaseModel::from_bytes(b"SRCASE1\0short").is_none());
    }
}
