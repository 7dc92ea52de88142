//! The tagger's weights: hashed feature rows of per-label weights, quantised to i16, and greedy
//! left-to-right decoding with BILOU transition constraints.

use super::clusters::{self, Clusters};
use super::features::{
    dynamic_features, label, static_features, TokInfo, BITS, F_ALLCAPS, F_CAP, F_CAPS_SENT,
    F_PUNCT, F_SENT_START, NDYN, NLABELS, ROWS, WIDTH,
};
use crate::error::{IndexerError, Result};

const MAGIC: &[u8; 8] = b"SRNER02\0";
/// Models without word clusters.
const MAGIC_V1: &[u8; 8] = b"SRNER01\0";

/// One feature's weights for every label, aligned so that a row never straddles two cache
/// lines (each lookup is one memory access).
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
struct Row([i16; WIDTH]);

/// Quantised model weights.
#[derive(Debug, Clone)]
pub struct Model {
    w: Vec<Row>,
    /// Quantisation scale: stored weight = round(weight * scale).
    pub scale: f32,
    /// Word clusters the features were trained with.
    pub clusters: Clusters,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            w: vec![Row([0; WIDTH]); ROWS],
            scale: 1.0,
            clusters: Clusters::default(),
        }
    }
}

/// Decoded labels of one sentence, with per-token confidence (score of the chosen label minus
/// the best other allowed label, in weight units).
#[derive(Debug, Default, Clone)]
pub struct Decoded {
    pub labels: Vec<u8>,
    pub margins: Vec<f32>,
}

impl Model {
    /// Quantises float weights (`ROWS * WIDTH`).
    pub fn quantise(w: &[f32], clusters: Clusters) -> Model {
        let max = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = 32_000.0 / max;
        let nz = w.iter().filter(|x| **x != 0.0).count();
        let lost = w
            .iter()
            .filter(|x| **x != 0.0 && (**x * scale).round() == 0.0)
            .count();
        tracing::info!(max, nz, lost, "quantise");
        let w = w
            .chunks_exact(WIDTH)
            .map(|c| Row(std::array::from_fn(|k| (c[k] * scale).round() as i16)))
            .collect();
        Model { w, scale, clusters }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(20 + self.w.len() * WIDTH * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&BITS.to_le_bytes());
        out.extend_from_slice(&(WIDTH as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for x in self.w.iter().flat_map(|r| r.0) {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out.extend_from_slice(&clusters::to_bytes(&self.clusters));
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Model> {
        let bad = |m: &str| IndexerError::Model(m.to_string());
        if b.len() < 20 || (&b[..8] != MAGIC && &b[..8] != MAGIC_V1) {
            return Err(bad("not a sitrep ner model"));
        }
        let bits = u32::from_le_bytes(b[8..12].try_into().map_err(|_| bad("truncated header"))?);
        let width = u32::from_le_bytes(b[12..16].try_into().map_err(|_| bad("truncated header"))?);
        let scale = f32::from_le_bytes(b[16..20].try_into().map_err(|_| bad("truncated header"))?);
        if bits != BITS || width as usize != WIDTH {
            return Err(bad("model was built for another feature layout"));
        }
        let body = &b[20..];
        let nw = ROWS * WIDTH * 2;
        let v1 = &b[..8] == MAGIC_V1;
        if body.len() < nw || (v1 && body.len() != nw) {
            return Err(bad("model size does not match its header"));
        }
        let w = body[..nw]
            .chunks_exact(WIDTH * 2)
            .map(|r| {
                Row(std::array::from_fn(|k| {
                    i16::from_le_bytes([r[2 * k], r[2 * k + 1]])
                }))
            })
            .collect();
        let clusters =
            clusters::from_bytes(&body[nw..]).ok_or_else(|| bad("truncated word clusters"))?;
        Ok(Model { w, scale, clusters })
    }

    /// Bytes of weights held in memory.
    pub fn memory_bytes(&self) -> usize {
        self.w.len() * WIDTH * 2 + self.clusters.capacity() * 24
    }

    #[inline]
    fn prefetch(&self, f: u32) {
        #[cfg(target_arch = "x86_64")]
        if let Some(row) = self.w.get(f as usize) {
            // SAFETY: a prefetch is only a hint; the address is that of a live row.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    (row as *const Row).cast(),
                )
            };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = f;
    }

    #[inline]
    fn add(&self, f: u32, acc: &mut [i32; WIDTH]) {
        let row = &self.w[f as usize].0;
        for k in 0..WIDTH {
            acc[k] += row[k] as i32;
        }
    }

    /// Greedy decoding of the sentence `s0..s1`.
    pub fn decode(
        &self,
        infos: &[TokInfo],
        s0: usize,
        s1: usize,
        feats: &mut Vec<u32>,
        out: &mut Decoded,
    ) {
        out.labels.clear();
        out.margins.clear();
        let (mut prev, mut prev2) = (label::O, label::O);
        let mut dynf = [0u32; NDYN];
        for i in s0..s1 {
            // (punctuation can only be outside a name: its scores would pick O whatever they are)
            if skippable(infos, i, prev, s1)
                || infos[i].flags & F_PUNCT != 0
                || plain_opener(infos, i, s1)
            {
                out.labels.push(label::O);
                out.margins.push(0.0);
                prev2 = prev;
                prev = label::O;
                continue;
            }
            feats.clear();
            static_features(infos, s0, s1, i, feats);
            // Each feature's row is a likely cache miss: ask for them all before adding any.
            for &f in feats.iter() {
                self.prefetch(f);
            }
            let mut acc = [0i32; WIDTH];
            for &f in feats.iter() {
                self.add(f, &mut acc);
            }
            dynamic_features(infos, i, prev, prev2, &mut dynf);
            for &f in &dynf {
                self.add(f, &mut acc);
            }
            let (best, margin) = pick(&acc, prev, constraint(infos, i, s1));
            out.labels.push(best);
            out.margins.push(margin as f32 / self.scale);
            prev2 = prev;
            prev = best;
        }
    }
}

/// Tokens that cannot take part in a name and need no scoring: no entity is open, the token
/// has no capital letter, and neither has the next one (a lower-case word can only start a
/// name before a capitalised word: "bin Harrat", "al-Zarni"). Mentions without any capital
/// letter are dropped later anyway; this only saves time.
#[inline]
pub(crate) fn skippable(infos: &[TokInfo], i: usize, prev: u8, s1: usize) -> bool {
    let t = &infos[i];
    let open = prev != label::O && label::pos(prev) <= 1;
    !open
        && t.flags & (F_CAP | F_ALLCAPS | F_CAPS_SENT) == 0
        && t.ppos == 0
        && (i + 1 == s1 || infos[i + 1].flags & (F_CAP | F_ALLCAPS) == 0)
}

/// A closed-class word opening its sentence before a word without capitals ("The", "He",
/// "In"), not written in capitals ("WHO" is an organisation): it starts no name, so it needs no
/// scoring.
#[inline]
pub(crate) fn plain_opener(infos: &[TokInfo], i: usize, s1: usize) -> bool {
    let t = &infos[i];
    t.flags & F_SENT_START != 0
        && (t.flags & F_ALLCAPS == 0 || t.len == 1)
        && i + 1 < s1
        && infos[i + 1].flags & (F_CAP | F_ALLCAPS) == 0
        && super::lexicon::is_sentence_opener(t.lower)
}

/// Decoding constraint at token `i`: 0 none, 1 an entity must end here (last token, or the
/// next token is punctuation), 2 only O (punctuation).
#[inline]
pub(crate) fn constraint(infos: &[TokInfo], i: usize, s1: usize) -> u8 {
    if infos[i].flags & F_PUNCT != 0 {
        2
    } else if i + 1 == s1 || infos[i + 1].flags & F_PUNCT != 0 {
        1
    } else {
        0
    }
}

/// Best allowed label and its margin over the runner-up.
#[inline]
pub(crate) fn pick<T: Copy + PartialOrd + std::ops::Sub<Output = T> + Default>(
    acc: &[T; WIDTH],
    prev: u8,
    cons: u8,
) -> (u8, T) {
    let mut best: Option<(u8, T)> = None;
    let mut second: Option<T> = None;
    for l in 0..NLABELS as u8 {
        let ok = match cons {
            2 => l == label::O,
            1 => label::allowed(prev, l) && label::can_end(l),
            _ => label::allowed(prev, l),
        };
        if !ok {
            continue;
        }
        let s = acc[l as usize];
        match best {
            Some((_, bs)) if s <= bs => {
                if second.is_none_or(|x| s > x) {
                    second = Some(s);
                }
            }
            _ => {
                if let Some((_, bs)) = best {
                    second = Some(bs);
                }
                best = Some((l, s));
            }
        }
    }
    let (l, s) = best.unwrap_or((label::O, T::default()));
    (l, second.map_or(T::default(), |x| s - x))
}
