//! Feature extraction for the tagger: hashed features per token, split into static features
//! (word, affixes, shape, context window, gazetteer membership) computed once per token, and
//! dynamic features (previous labels) computed during greedy decoding.

use super::clusters::{prefix, Clusters};
use crate::gazetteer::{class, token_hash, Gazetteer, Match};
use crate::tokenize::Token;

/// log2 of the number of weight rows.
pub const BITS: u32 = 19;
pub const ROWS: usize = 1 << BITS;
/// Labels: O, then B/I/L/U for PERSON, ORG, LOC.
pub const NLABELS: usize = 13;
/// Row width (labels padded for vectorised adds).
pub const WIDTH: usize = 16;

#[inline]
pub fn fidx(template: u32, v: u64) -> u32 {
    let h = (v ^ (template as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_mul(0xff51_afd7_ed55_8ccd);
    let h = h ^ (h >> 29);
    (h.wrapping_mul(0xc4ce_b9fe_1a85_ec53) >> (64 - BITS)) as u32
}

#[inline]
fn mix2(a: u64, b: u64) -> u64 {
    (a.rotate_left(17) ^ b).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Per-token properties the features are built from.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    pub lower: u64,
    pub shape: u64,
    pub pre3: u64,
    pub suf3: u64,
    pub suf2: u64,
    pub flags: u8,
    pub len: u8,
    /// Word-level gazetteer classes.
    pub wclass: u16,
    /// Phrase-level gazetteer match: classes and position (0 none, 1 B, 2 I, 3 L, 4 U).
    pub pclass: u16,
    pub ppos: u8,
    /// Word cluster code (0 unknown word).
    pub clus: u16,
}

pub const F_CAP: u8 = 1;
pub const F_ALLCAPS: u8 = 2;
pub const F_LOWER: u8 = 4;
pub const F_SENT_START: u8 = 8;
pub const F_CAPS_SENT: u8 = 16;
pub const F_DIGIT: u8 = 32;
/// Brackets, quotes, commas and the like: never part of a name.
pub const F_PUNCT: u8 = 64;

const BOS: u64 = 0x1234_5678_9abc_def1;
const EOS: u64 = 0x0fed_cba9_8765_4321;

/// Tokens that are never part of a name: numbers without a letter ("3-27", "2031-04-12",
/// "612,904") and every token without a letter or digit (brackets, angle brackets, quotes,
/// commas, stops, dashes, slashes, bars: "Velmora Co Ltd <VLMR.T>"), except the ampersand
/// inside company names ("Marsh & Quill"). `letters` and `digits` count the token's letters
/// and digits.
#[inline]
pub fn never_in_name(s: &str, letters: u32, digits: u32) -> bool {
    letters == 0 && (digits > 0 || s != "&" && !s.chars().any(char::is_alphanumeric))
}

/// `never_in_name` for a token string.
pub fn never_in_name_str(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count() as u32;
    let digits = s.chars().filter(|c| c.is_numeric()).count() as u32;
    never_in_name(s, letters, digits)
}

fn affix_hash(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in b {
        h ^= c.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Computes token properties for tokens of one block (with sentence starts marked).
pub fn token_infos(
    text: &str,
    toks: &[Token],
    gaz: &Gazetteer,
    clusters: &Clusters,
    out: &mut Vec<TokInfo>,
    matches: &mut Vec<Match>,
) {
    out.clear();
    out.reserve(toks.len());
    // each capitalised token's one-word gazetteer entry (NO_ENTRY: none), for its classes and
    // for the phrase matching below (NOT_LOOKED_UP: a token without capitals)
    const NO_ENTRY: u32 = u32::MAX;
    const NOT_LOOKED_UP: u32 = u32::MAX - 1;
    let mut words: Vec<u32> = Vec::with_capacity(toks.len());
    for t in toks {
        let s = t.as_str(text);
        let b = s.as_bytes();
        let mut shape: u64 = 7;
        let mut last = 0u8;
        let (mut up, mut low, mut dig) = (0u32, 0u32, 0u32);
        if s.is_ascii() {
            for &x in b {
                let c = if x.is_ascii_uppercase() {
                    up += 1;
                    b'X'
                } else if x.is_ascii_lowercase() {
                    low += 1;
                    b'x'
                } else if x.is_ascii_digit() {
                    dig += 1;
                    b'd'
                } else {
                    x
                };
                if c != last {
                    shape = shape.wrapping_mul(31).wrapping_add(c as u64);
                    last = c;
                }
            }
        } else {
            for ch in s.chars() {
                let c = if ch.is_uppercase() {
                    up += 1;
                    b'X'
                } else if ch.is_lowercase() {
                    low += 1;
                    b'x'
                } else if ch.is_numeric() {
                    dig += 1;
                    b'd'
                } else if (ch as u32) < 128 {
                    ch as u8
                } else {
                    b'*'
                };
                if c != last {
                    shape = shape.wrapping_mul(31).wrapping_add(c as u64);
                    last = c;
                }
            }
        }
        let first_up = s.chars().next().is_some_and(|c| c.is_uppercase());
        let mut flags = 0u8;
        if first_up {
            flags |= F_CAP;
        }
        if up > 0 && low == 0 {
            flags |= F_ALLCAPS;
        }
        if low > 0 && up == 0 {
            flags |= F_LOWER;
        }
        if dig > 0 {
            flags |= F_DIGIT;
        }
        if t.sent_start {
            flags |= F_SENT_START;
        }
        if never_in_name(s, up + low, dig) {
            flags |= F_PUNCT;
        }
        let n = b.len();
        let lower = token_hash(s);
        out.push(TokInfo {
            lower,
            shape,
            pre3: affix_hash(&b[..n.min(3)]),
            suf3: affix_hash(&b[n.saturating_sub(3)..]),
            suf2: affix_hash(&b[n.saturating_sub(2)..]),
            flags,
            len: n.min(255) as u8,
            wclass: if up > 0 {
                let e = gaz.word_entry(lower);
                words.push(e.unwrap_or(NO_ENTRY));
                e.map_or(0, |e| gaz.entry(e).classes)
            } else {
                words.push(NOT_LOOKED_UP);
                0
            },
            pclass: 0,
            ppos: 0,
            clus: if clusters.is_empty() {
                NO_CLUSTERS
            } else {
                clusters.get(&lower).copied().unwrap_or(0)
            },
        });
    }
    // all-caps sentences (headlines, datelines in capitals)
    let mut s0 = 0;
    while s0 < out.len() {
        let mut s1 = s0 + 1;
        while s1 < out.len() && !toks[s1].sent_start {
            s1 += 1;
        }
        let words = out[s0..s1]
            .iter()
            .filter(|t| t.flags & (F_ALLCAPS | F_LOWER) != 0)
            .count();
        let caps = out[s0..s1]
            .iter()
            .filter(|t| t.flags & F_ALLCAPS != 0 && t.len > 1)
            .count();
        if words >= 3 && caps * 10 >= words * 8 {
            for t in &mut out[s0..s1] {
                t.flags |= F_CAPS_SENT;
            }
        }
        s0 = s1;
    }
    let hashes: Vec<u64> = out.iter().map(|t| t.lower).collect();
    matches.clear();
    gaz.find_with(
        &hashes,
        |i| match words[i] {
            NO_ENTRY => None,
            NOT_LOOKED_UP => gaz.word_entry(hashes[i]),
            e => Some(e),
        },
        |i| {
            let f = out[i].flags;
            f & F_CAP != 0 || {
                // al-Zarni, el-Varo, bin (inside a name)
                let s = toks[i].as_str(text);
                s.len() > 3 && s.as_bytes()[2] == b'-' && s.as_bytes()[3].is_ascii_uppercase()
            }
        },
        matches,
    );
    for m in matches.iter() {
        let e = gaz.entry(m.entry);
        // lower-case phrase words inside a match still count ("Velmoran Front of the North")
        let cls = e.classes & !(class::FIRST | class::LAST);
        if cls == 0 {
            continue;
        }
        for k in m.start..m.end {
            out[k].pclass = cls;
            out[k].ppos = if m.end - m.start == 1 {
                4
            } else if k == m.start {
                1
            } else if k + 1 == m.end {
                3
            } else {
                2
            };
        }
    }
}

/// `TokInfo::clus` when the model has no word clusters: no cluster features.
pub const NO_CLUSTERS: u16 = u16::MAX;

/// Maximum number of static features per token.
pub const MAX_STATIC: usize = 60;

/// Static features of token `i` in the sentence `s0..s1` (indices into `infos`).
pub fn static_features(infos: &[TokInfo], s0: usize, s1: usize, i: usize, out: &mut Vec<u32>) {
    let t = &infos[i];
    let at = |k: isize| -> Option<&TokInfo> {
        let j = i as isize + k;
        if j < s0 as isize || j >= s1 as isize {
            None
        } else {
            Some(&infos[j as usize])
        }
    };
    let w = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |x| x.lower);
    let sh = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |x| x.shape);
    let caps_sent = t.flags & F_CAPS_SENT != 0;
    // In all-caps sentences, the word identity is unreliable as a cue of case; mark it.
    let cs = caps_sent as u64;
    out.push(fidx(1, 0));
    out.push(fidx(2, mix2(t.lower, cs)));
    out.push(fidx(3, w(-1)));
    out.push(fidx(4, w(1)));
    out.push(fidx(5, w(-2)));
    out.push(fidx(6, w(2)));
    out.push(fidx(7, t.suf3));
    out.push(fidx(8, t.pre3));
    out.push(fidx(9, t.suf2));
    out.push(fidx(10, mix2(t.shape, cs)));
    out.push(fidx(11, mix2(sh(-1), t.shape)));
    out.push(fidx(12, mix2(t.shape, sh(1))));
    out.push(fidx(13, mix2(w(-1), t.lower)));
    out.push(fidx(14, mix2(t.lower, w(1))));
    out.push(fidx(15, mix2(w(-1), t.shape)));
    out.push(fidx(16, mix2(t.shape, w(1))));
    out.push(fidx(17, mix2(t.flags as u64, t.shape)));
    out.push(fidx(18, mix2(t.len.min(12) as u64, t.shape)));
    out.push(fidx(19, mix2(sh(-2), mix2(sh(-1), t.shape))));
    out.push(fidx(20, t.lower ^ (t.flags & F_SENT_START) as u64));
    // gazetteer phrase membership
    if t.ppos != 0 {
        for c in 0..class::COUNT {
            if t.pclass & (1 << c) != 0 {
                out.push(fidx(30, (c as u64) << 8 | t.ppos as u64));
                out.push(fidx(
                    31,
                    mix2((c as u64) << 8 | t.ppos as u64, t.flags as u64 & 3),
                ));
            }
        }
        out.push(fidx(32, t.pclass as u64));
    }
    // gazetteer word classes of the token and its neighbours
    for (k, tmpl) in [(0isize, 40u32), (-1, 41), (1, 42), (-2, 43)] {
        if let Some(x) = at(k) {
            let wc = x.wclass | if x.ppos != 0 { x.pclass } else { 0 };
            if wc != 0 {
                for c in 0..class::COUNT {
                    if wc & (1 << c) != 0 {
                        out.push(fidx(tmpl, mix2(c as u64, t.shape)));
                    }
                }
            }
        }
    }
    if t.wclass != 0 {
        out.push(fidx(44, mix2(t.wclass as u64, t.flags as u64)));
    }
    // shapes and words further out
    out.push(fidx(45, mix2(sh(1), sh(2))));
    if let Some(p) = at(-1) {
        out.push(fidx(46, mix2(p.suf3, t.shape)));
    }
    if let Some(nx) = at(1) {
        out.push(fidx(47, mix2(nx.suf3, t.shape)));
    }
    // word clusters of the token and its neighbours (models trained with clusters only)
    if t.clus == NO_CLUSTERS {
        out.truncate(MAX_STATIC);
        return;
    }
    let cl = |k: isize| at(k).map_or(if k < 0 { 1 } else { 2 }, |x| x.clus);
    let c0 = t.clus;
    out.push(fidx(70, prefix(c0, 4) as u64));
    out.push(fidx(71, prefix(c0, 6) as u64));
    out.push(fidx(
        72,
        mix2(
            prefix(c0, 10) as u64,
            t.flags as u64 & (F_CAP | F_ALLCAPS) as u64,
        ),
    ));
    out.push(fidx(73, prefix(cl(-1), 6) as u64));
    out.push(fidx(74, prefix(cl(1), 6) as u64));
    out.truncate(MAX_STATIC);
}

/// Number of dynamic features.
pub const NDYN: usize = 6;

/// Dynamic features: the previous two labels combined with the token.
#[inline]
pub fn dynamic_features(infos: &[TokInfo], i: usize, prev: u8, prev2: u8, out: &mut [u32; NDYN]) {
    let t = &infos[i];
    out[0] = fidx(60, prev as u64);
    out[1] = fidx(61, (prev2 as u64) << 8 | prev as u64);
    out[2] = fidx(62, mix2(prev as u64, t.lower));
    out[3] = fidx(63, mix2(prev as u64, t.shape));
    out[4] = fidx(
        64,
        mix2(prev as u64, (t.pclass as u64) << 4 | t.ppos as u64),
    );
    out[5] = fidx(65, mix2(prev as u64, prefix(t.clus, 6) as u64));
}

/// Label helpers. 0 = O; 1 + 4*type + {0 B, 1 I, 2 L, 3 U}.
pub mod label {
    pub const O: u8 = 0;
    #[inline]
    pub fn make(kind: usize, pos: u8) -> u8 {
        1 + 4 * kind as u8 + pos
    }
    #[inline]
    pub fn kind(l: u8) -> Option<usize> {
        (l != 0).then(|| ((l - 1) / 4) as usize)
    }
    /// 0 B, 1 I, 2 L, 3 U
    #[inline]
    pub fn pos(l: u8) -> u8 {
        (l - 1) % 4
    }
    /// Whether label `l` may follow `prev`.
    #[inline]
    pub fn allowed(prev: u8, l: u8) -> bool {
        let open = prev != 0 && pos(prev) <= 1; // B or I: entity continues
        if open {
            l != 0 && kind(l) == kind(prev) && (pos(l) == 1 || pos(l) == 2)
        } else {
            l == 0 || pos(l) == 0 || pos(l) == 3
        }
    }
    /// Whether `l` may end a sentence.
    #[inline]
    pub fn can_end(l: u8) -> bool {
        l == 0 || pos(l) >= 2
    }
}
