//! Building word clusters by recursive bisection (see the parent module). Training code:
//! compiled only with the `train` feature.

use super::{DEPTH, KNOWN};
use crate::gazetteer::PreHashedMap;

/// Settings of the clustering.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Words seen fewer times get no cluster.
    pub min_count: u32,
    /// At most this many words (the most frequent) are clustered.
    pub max_words: usize,
    /// Context words: the most frequent words, left and right.
    pub context_words: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_count: 3,
            max_words: 40_000,
            context_words: 800,
        }
    }
}

/// Clusters the words of `sents` (token hashes per sentence).
pub fn build(sents: &[Vec<u64>], opts: &ClusterOptions) -> Vec<(u64, u16)> {
    let mut freq: PreHashedMap<u32> = PreHashedMap::default();
    for s in sents {
        for &h in s {
            *freq.entry(h).or_insert(0) += 1;
        }
    }
    let mut by_freq: Vec<(u64, u32)> = freq.iter().map(|(&h, &c)| (h, c)).collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let vocab: Vec<u64> = by_freq
        .iter()
        .filter(|x| x.1 >= opts.min_count)
        .take(opts.max_words)
        .map(|x| x.0)
        .collect();
    if vocab.len() < 2 {
        return Vec::new();
    }
    let widx: PreHashedMap<u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    let nctx = opts.context_words.min(by_freq.len());
    let cidx: PreHashedMap<u32> = by_freq
        .iter()
        .take(nctx)
        .enumerate()
        .map(|(i, x)| (x.0, i as u32))
        .collect();
    // context slots: 0..nctx words, nctx other word, nctx+1 sentence edge; left then right
    let side = nctx as u32 + 2;
    let dims = 2 * side as usize;
    let ctx_of = |h: Option<u64>| -> u32 {
        match h {
            None => side - 1,
            Some(h) => cidx.get(&h).copied().unwrap_or(side - 2),
        }
    };
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for s in sents {
        for (i, h) in s.iter().enumerate() {
            let Some(&w) = widx.get(h) else { continue };
            let l = ctx_of(if i > 0 { Some(s[i - 1]) } else { None });
            let r = ctx_of(s.get(i + 1).copied());
            pairs.push((w, l));
            pairs.push((w, side + r));
        }
    }
    pairs.sort_unstable();
    // counts per (word, dim) and marginals
    let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocab.len()];
    let mut dim_total = vec![0f64; dims];
    let mut word_total = vec![0f64; vocab.len()];
    let mut k = 0;
    while k < pairs.len() {
        let mut e = k;
        while e < pairs.len() && pairs[e] == pairs[k] {
            e += 1;
        }
        let (w, d) = pairs[k];
        let c = (e - k) as f32;
        rows[w as usize].push((d, c));
        dim_total[d as usize] += c as f64;
        word_total[w as usize] += c as f64;
        k = e;
    }
    let total: f64 = dim_total.iter().sum();
    // positive PMI (context distribution smoothed with exponent 0.75), L2-normalised
    let smooth: Vec<f64> = dim_total.iter().map(|c| c.powf(0.75)).collect();
    let smooth_total: f64 = smooth.iter().sum();
    for (w, row) in rows.iter_mut().enumerate() {
        for (d, c) in row.iter_mut() {
            let p_wc = *c as f64 / total;
            let p_w = word_total[w] / total;
            let p_c = smooth[*d as usize] / smooth_total;
            *c = ((p_wc / (p_w * p_c)).ln().max(0.0)) as f32;
        }
        row.retain(|x| x.1 > 0.0);
        let n = row.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if n > 0.0 {
            for x in row.iter_mut() {
                x.1 /= n;
            }
        }
    }
    let mut codes = vec![0u16; vocab.len()];
    let all: Vec<u32> = (0..vocab.len() as u32).collect();
    bisect(&rows, dims, all, 0, &mut codes);
    vocab
        .iter()
        .zip(codes)
        .map(|(&h, c)| (h, c | KNOWN))
        .collect()
}

fn dot(row: &[(u32, f32)], v: &[f32]) -> f32 {
    row.iter().map(|&(d, x)| x * v[d as usize]).sum()
}

fn bisect(rows: &[Vec<(u32, f32)>], dims: usize, words: Vec<u32>, depth: u32, codes: &mut [u16]) {
    if depth == DEPTH || words.len() < 2 {
        return;
    }
    // mean and principal direction (power iteration on the centred data)
    let mut mean = vec![0f32; dims];
    for &w in &words {
        for &(d, x) in &rows[w as usize] {
            mean[d as usize] += x;
        }
    }
    let n = words.len() as f32;
    mean.iter_mut().for_each(|x| *x /= n);
    let mut v: Vec<f32> = (0..dims)
        .map(|i| ((i as u32).wrapping_mul(2_654_435_761) >> 16) as f32 / 65536.0 - 0.5)
        .collect();
    for _ in 0..8 {
        let mut nv = vec![0f32; dims];
        let mv = mean.iter().zip(&v).map(|(a, b)| a * b).sum::<f32>();
        let mut sum_p = 0f32;
        for &w in &words {
            let p = dot(&rows[w as usize], &v) - mv;
            for &(d, x) in &rows[w as usize] {
                nv[d as usize] += p * x;
            }
            sum_p += p;
        }
        for (a, m) in nv.iter_mut().zip(&mean) {
            *a -= sum_p * m;
        }
        let norm = nv.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm == 0.0 {
            break;
        }
        v = nv.into_iter().map(|x| x / norm).collect();
    }
    let mv = mean.iter().zip(&v).map(|(a, b)| a * b).sum::<f32>();
    let mut side: Vec<bool> = words
        .iter()
        .map(|&w| dot(&rows[w as usize], &v) > mv)
        .collect();
    // spherical 2-means refinement
    for _ in 0..5 {
        let mut c = [vec![0f32; dims], vec![0f32; dims]];
        for (k, &w) in words.iter().enumerate() {
            let cc = &mut c[side[k] as usize];
            for &(d, x) in &rows[w as usize] {
                cc[d as usize] += x;
            }
        }
        for cc in c.iter_mut() {
            let norm = cc.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
            cc.iter_mut().for_each(|x| *x /= norm);
        }
        let mut changed = false;
        for (k, &w) in words.iter().enumerate() {
            let s = dot(&rows[w as usize], &c[1]) > dot(&rows[w as usize], &c[0]);
            changed |= s != side[k];
            side[k] = s;
        }
        if !changed {
            break;
        }
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (k, &w) in words.iter().enumerate() {
        if side[k] {
            codes[w as usize] |= 1 << (DEPTH - 1 - depth);
            right.push(w);
        } else {
            left.push(w);
        }
    }
    bisect(rows, dims, left, depth + 1, codes);
    bisect(rows, dims, right, depth + 1, codes);
}

#[cfg(test)]
mod tests {
    use super::super::{from_bytes, prefix, to_bytes, Clusters};
    use super::*;
    use crate::gazetteer::token_hash;

    #[test]
    fn words_in_the_same_slots_share_clusters() {
        let mut sents = Vec::new();
        let names = ["arlo", "bea", "cyd", "dov"];
        let places = ["zarnia", "quellport", "ostrava", "mirel"];
        for n in names {
            for p in places {
                for s in [
                    format!("we met {n} in {p} ."),
                    format!("{n} said it rained in {p} ."),
                ] {
                    sents.push(s.split(' ').map(token_hash).collect::<Vec<_>>());
                }
            }
        }
        let c: Clusters = build(
            &sents,
            &ClusterOptions {
                min_count: 1,
                max_words: 100,
                context_words: 20,
            },
        )
        .into_iter()
        .collect();
        let top = |w: &str| prefix(c[&token_hash(w)], 2);
        assert_eq!(top("arlo"), top("dov"));
        assert_eq!(top("zarnia"), top("mirel"));
        assert_ne!(top("arlo"), top("zarnia"));
        assert_eq!(from_bytes(&to_bytes(&c)).unwrap(), c);
    }
}
