//! Training the tagger: an averaged perceptron over BILOU labels with greedy decoding, trained
//! from the CoNLL-style TSV files of `data/train/ner/` (GMB, Wikigold, WNUT-17).

use super::clusters::{self, ClusterOptions, Clusters};
use super::features::{
    dynamic_features, label, static_features, token_infos, NDYN, NLABELS, ROWS, WIDTH,
};
use super::model::{constraint, pick, Model};
use crate::error::{IndexerError, Result};
use crate::gazetteer::{class, token_hash, Gazetteer};
use crate::tokenize::Token;
use std::path::{Path, PathBuf};

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Folder with `gmb.tsv`, `wikigold.tsv`, `wnut17.tsv`.
    pub data: PathBuf,
    pub epochs: usize,
    /// Seed of the sentence shuffling (training is deterministic for a seed).
    pub seed: u64,
    /// Number of models trained with seeds `seed`, `seed + 1`, ... whose weights are averaged.
    pub runs: usize,
    /// Share of sentences added again in capitals (teaches ALL-CAPS headlines), per mille.
    pub caps_per_mille: u64,
    /// Training files inside `data`, with how many times each is used per epoch (Wikigold, the
    /// one fully hand-annotated set with CoNLL-style types, three times; WNUT-17 twice).
    pub files: Vec<(String, usize)>,
    /// Word clusters: computed from the training sentences plus the `.txt` files of these
    /// folders (shippable text only); `None` trains without clusters.
    pub clusters: Option<ClusterOptions>,
    pub cluster_texts: Vec<PathBuf>,
}

impl TrainOptions {
    pub fn new(data: impl Into<PathBuf>) -> Self {
        TrainOptions {
            data: data.into(),
            epochs: 6,
            seed: 7,
            runs: 1,
            caps_per_mille: 40,
            files: vec![
                ("gmb.tsv".into(), 1),
                ("wikigold.tsv".into(), 3),
                ("wnut17.tsv".into(), 2),
            ],
            clusters: Some(ClusterOptions::default()),
            cluster_texts: Vec::new(),
        }
    }
}

/// One training sentence: tokens joined by spaces, token spans and gold labels.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub text: String,
    pub toks: Vec<Token>,
    pub gold: Vec<u8>,
}

/// What training did, per epoch.
#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub sentences: usize,
    pub tokens: usize,
    pub epoch_token_accuracy: Vec<f64>,
}

fn map_type(file: &str, t: &str) -> Option<usize> {
    // 0 PERSON, 1 ORG, 2 LOC; gpe handled by the caller
    match (file, t) {
        ("gmb", "per") | ("wikigold", "PER") | ("wnut17", "person") => Some(0),
        ("gmb", "org") | ("wikigold", "ORG") | ("wnut17", "corporation" | "group") => Some(1),
        ("gmb", "geo") | ("wikigold", "LOC") | ("wnut17", "location") => Some(2),
        _ => None,
    }
}

/// Reads one BIO file and maps its types (see the data README): GMB `gpe` counts as LOC only
/// when the phrase is a country name; leading titles are cut from person names.
pub fn read_bio(path: &Path, gaz: &Gazetteer) -> Result<Vec<Sentence>> {
    let raw = std::fs::read_to_string(path).map_err(|e| IndexerError::Io {
        path: path.into(),
        source: e,
    })?;
    let file = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string();
    let mut out = Vec::new();
    let mut words: Vec<(&str, &str)> = Vec::new();
    for line in raw.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !words.is_empty() {
                out.push(make_sentence(&file, &words, gaz));
                words.clear();
            }
            continue;
        }
        let Some((w, t)) = line.split_once('\t') else {
            return Err(IndexerError::Malformed {
                path: path.into(),
                format: "bio tsv",
                message: format!("no tab in line {line:?}"),
            });
        };
        words.push((w, t));
    }
    Ok(out)
}

fn make_sentence(file: &str, words: &[(&str, &str)], gaz: &Gazetteer) -> Sentence {
    let mut text = String::new();
    let mut toks = Vec::with_capacity(words.len());
    for (k, (w, _)) in words.iter().enumerate() {
        if k > 0 {
            text.push(' ');
        }
        let st = text.len() as u32;
        // the tokenizer keeps no-break spaces inside no token; keep the token whole anyway
        text.push_str(w);
        toks.push(Token {
            start: st,
            end: text.len() as u32,
            sent_start: k == 0,
        });
    }
    // entities as (start, end, kind)
    let mut ents: Vec<(usize, usize, Option<usize>, String)> = Vec::new();
    for (k, (_, t)) in words.iter().enumerate() {
        let (bio, ty) = t.split_once('-').unwrap_or((t, ""));
        match bio {
            "B" => ents.push((k, k + 1, map_type(file, ty), ty.to_string())),
            "I" => match ents.last_mut() {
                Some(e) if e.1 == k && e.3 == ty => e.1 = k + 1,
                _ => ents.push((k, k + 1, map_type(file, ty), ty.to_string())),
            },
            _ => {}
        }
    }
    let mut gold = vec![label::O; words.len()];
    for (mut s, mut e, kind, ty) in ents {
        // the tagger never puts numbers or stops inside a name: cut the span before the first
        // such token (rare in the data: "Resolution 4021")
        if let Some(k) = (s..e).find(|&k| super::features::never_in_name_str(words[k].0)) {
            e = k;
        }
        if e <= s {
            continue;
        }
        // silver labels on words that are never a name alone ("Sunni" as a person)
        if e - s == 1
            && super::not_a_name(
                words[s].0,
                gaz.word_classes(crate::gazetteer::token_hash(words[s].0)),
            )
        {
            continue;
        }
        let kind = match kind {
            Some(k) => k,
            None if file == "gmb" && ty == "gpe" => {
                let phrase = words[s..e]
                    .iter()
                    .map(|w| w.0)
                    .collect::<Vec<_>>()
                    .join(" ");
                // a country acting as a polity ("Zarnia"), not a demonym ("Zarnian")
                match gaz.lookup(&phrase) {
                    Some(en)
                        if en.classes & class::COUNTRY != 0
                            && en.canonical.eq_ignore_ascii_case(&phrase) =>
                    {
                        2
                    }
                    _ => continue,
                }
            }
            None => continue,
        };
        // GMB is a silver standard: a span that is a known leader's full name is a person
        let kind = if file == "gmb" && e - s >= 2 {
            let phrase = words[s..e]
                .iter()
                .map(|w| w.0)
                .collect::<Vec<_>>()
                .join(" ");
            match gaz.lookup(&phrase) {
                Some(en)
                    if en.classes & class::PERSON != 0
                        && en.classes & (class::COUNTRY | class::CITY | class::ORG) == 0 =>
                {
                    0
                }
                _ => kind,
            }
        } else {
            kind
        };
        if kind == 0 {
            // titles and the words joining them ("Secretary of State") are not part of the name
            while e - s > 1
                && (gaz
                    .lookup(words[s].0)
                    .is_some_and(|en| en.classes & class::TITLE != 0)
                    || words[s].0.chars().next().is_some_and(|c| c.is_lowercase()))
            {
                s += 1;
            }
            // a bare title ("Defense Minister" with no name) is not a name
            if words[s..e].iter().all(|w| {
                gaz.lookup(w.0)
                    .is_some_and(|en| en.classes & class::TITLE != 0)
            }) {
                continue;
            }
        }
        if e - s == 1 {
            gold[s] = label::make(kind, 3);
        } else {
            gold[s] = label::make(kind, 0);
            for g in gold.iter_mut().take(e - 1).skip(s + 1) {
                *g = label::make(kind, 1);
            }
            gold[e - 1] = label::make(kind, 2);
        }
    }
    Sentence { text, toks, gold }
}

fn xorshift(s: &mut u64) -> u64 {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    *s
}

fn upper_copy(s: &Sentence) -> Sentence {
    let text = s.text.to_uppercase();
    if text.len() != s.text.len() {
        return s.clone();
    }
    Sentence {
        text,
        toks: s.toks.clone(),
        gold: s.gold.clone(),
    }
}

/// Trains the tagger on every `*.tsv` of `opts.data` known to the mapping, with the gazetteer
/// `gaz` for features. Deterministic for given inputs and options.
pub fn train(opts: &TrainOptions, gaz: &Gazetteer) -> Result<(Model, TrainReport)> {
    let mut sents = Vec::new();
    let mut words: Vec<Vec<u64>> = Vec::new();
    for (f, times) in &opts.files {
        let s = read_bio(&opts.data.join(f), gaz)?;
        words.extend(s.iter().map(|s| {
            s.toks
                .iter()
                .map(|t| token_hash(t.as_str(&s.text)))
                .collect::<Vec<_>>()
        }));
        for _ in 0..*times {
            sents.extend(s.iter().cloned());
        }
    }
    let clusters = match &opts.clusters {
        Some(co) => {
            for dir in &opts.cluster_texts {
                for text in read_texts(dir)? {
                    let toks = crate::tokenize::tokenize(&text);
                    let mut s0 = 0;
                    while s0 < toks.len() {
                        let mut s1 = s0 + 1;
                        while s1 < toks.len() && !toks[s1].sent_start {
                            s1 += 1;
                        }
                        words.push(
                            toks[s0..s1]
                                .iter()
                                .map(|t| token_hash(t.as_str(&text)))
                                .collect(),
                        );
                        s0 = s1;
                    }
                }
            }
            clusters::build(&words, co).into_iter().collect()
        }
        None => Clusters::default(),
    };
    let base = sents.len();
    let mut sum: Vec<f32> = Vec::new();
    let mut report = TrainReport::default();
    for run in 0..opts.runs.max(1) {
        let ropts = TrainOptions {
            seed: opts.seed.wrapping_add(run as u64),
            ..opts.clone()
        };
        sents.truncate(base);
        let mut rng = ropts.seed.max(1);
        let mut extra = Vec::new();
        for s in &sents {
            if xorshift(&mut rng) % 1000 < opts.caps_per_mille {
                extra.push(upper_copy(s));
            }
        }
        sents.extend(extra);
        let (w, r) = train_weights(&sents, &ropts, gaz, &clusters);
        if sum.is_empty() {
            sum = w;
            report = r;
        } else {
            sum.iter_mut().zip(&w).for_each(|(a, b)| *a += b);
        }
    }
    let n = opts.runs.max(1) as f32;
    sum.iter_mut().for_each(|x| *x /= n);
    Ok((Model::quantise(&sum, clusters), report))
}

/// The `.txt` files under `dir`, sorted by path.
fn read_texts(dir: &Path) -> Result<Vec<String>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| IndexerError::Io {
            path: dir.into(),
            source: e,
        })?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            std::fs::read_to_string(p).map_err(|e| IndexerError::Io {
                path: p.clone(),
                source: e,
            })
        })
        .collect()
}

/// Trains on prepared sentences with the word clusters `clusters`.
pub fn train_on(
    sents: &[Sentence],
    opts: &TrainOptions,
    gaz: &Gazetteer,
    clusters: Clusters,
) -> (Model, TrainReport) {
    let (w, report) = train_weights(sents, opts, gaz, &clusters);
    (Model::quantise(&w, clusters), report)
}

/// Averaged perceptron weights (`ROWS * WIDTH`) trained on prepared sentences.
fn train_weights(
    sents: &[Sentence],
    opts: &TrainOptions,
    gaz: &Gazetteer,
    clusters: &Clusters,
) -> (Vec<f32>, TrainReport) {
    let mut w = vec![0f32; ROWS * WIDTH];
    let mut u = vec![0f32; ROWS * WIDTH];
    let mut c: f32 = 1.0;
    let mut report = TrainReport {
        sentences: sents.len(),
        tokens: sents.iter().map(|s| s.toks.len()).sum(),
        ..Default::default()
    };
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = opts.seed.max(1) ^ 0x5555;
    let mut infos = Vec::new();
    let mut matches = Vec::new();
    let mut feats: Vec<u32> = Vec::new();
    let mut dynf = [0u32; NDYN];
    for _epoch in 0..opts.epochs {
        for k in (1..order.len()).rev() {
            let j = (xorshift(&mut rng) % (k as u64 + 1)) as usize;
            order.swap(k, j);
        }
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            token_infos(&s.text, &s.toks, gaz, clusters, &mut infos, &mut matches);
            let n = s.toks.len();
            let (mut prev, mut prev2) = (label::O, label::O);
            for i in 0..n {
                feats.clear();
                static_features(&infos, 0, n, i, &mut feats);
                dynamic_features(&infos, i, prev, prev2, &mut dynf);
                let mut acc = [0f32; WIDTH];
                for &f in feats.iter().chain(dynf.iter()) {
                    let row = &w[f as usize * WIDTH..f as usize * WIDTH + WIDTH];
                    for l in 0..NLABELS {
                        acc[l] += row[l];
                    }
                }
                let (pred, _) = pick(&acc, prev, constraint(&infos, i, n));
                let gold = s.gold[i];
                total += 1;
                if pred == gold {
                    right += 1;
                } else {
                    for &f in feats.iter().chain(dynf.iter()) {
                        let base = f as usize * WIDTH;
                        w[base + gold as usize] += 1.0;
                        u[base + gold as usize] += c;
                        w[base + pred as usize] -= 1.0;
                        u[base + pred as usize] -= c;
                    }
                }
                c += 1.0;
                prev2 = prev;
                prev = pred;
            }
        }
        report
            .epoch_token_accuracy
            .push(right as f64 / total.max(1) as f64);
        tracing::info!(
            epoch = report.epoch_token_accuracy.len(),
            accuracy = right as f64 / total.max(1) as f64,
            "ner epoch"
        );
    }
    let avg: Vec<f32> = w.iter().zip(&u).map(|(w, u)| w - u / c).collect();
    (avg, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bio_and_maps_types() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("gmb.tsv");
        std::fs::write(&p, "President\tB-per\nJohn\tI-per\nSmith\tI-per\nvisited\tO\nFooland\tB-gpe\nand\tO\nFoolandic\tB-gpe\nsoldiers\tO\n\nUN\tB-org\n\n").unwrap();
        let gaz = Gazetteer::from_data("E\t\t\tPresident\nC\tFOO\t\tFooland\n");
        let s = read_bio(&p, &gaz).unwrap();
        assert_eq!(s.len(), 2);
        let b = |k, p| label::make(k, p);
        assert_eq!(s[0].gold, vec![0, b(0, 0), b(0, 2), 0, b(2, 3), 0, 0, 0]);
        assert_eq!(s[1].gold, vec![b(1, 3)]);
        assert_eq!(s[0].toks[1].as_str(&s[0].text), "John");
    }

    #[test]
    fn learns_a_toy_language() {
        // tiny invented corpus: names after "met", places after "in"
        let gaz = Gazetteer::default();
        let mut sents = Vec::new();
        let names = ["Arlo Venn", "Bea Quist", "Cyd Marrow", "Dov Pell"];
        let places = ["Zarnia", "Quellport", "Ostrava", "Mirel"];
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("wikigold.tsv");
        let mut tsv = String::new();
        for n in names {
            for pl in places {
                let (a, b) = n.split_once(' ').unwrap();
                tsv.push_str(&format!(
                    "We\tO\nmet\tO\n{a}\tB-PER\n{b}\tI-PER\nin\tO\n{pl}\tB-LOC\n.\tO\n\n"
                ));
            }
        }
        std::fs::write(&p, tsv).unwrap();
        sents.extend(read_bio(&p, &gaz).unwrap());
        let (model, rep) = train_on(
            &sents,
            &TrainOptions {
                epochs: 3,
                ..TrainOptions::new(dir.path())
            },
            &gaz,
            Default::default(),
        );
        assert!(rep.epoch_token_accuracy.last().copied().unwrap_or(0.0) > 0.9);
        let text = "We met Ezra Tolk in Varnholt .";
        let toks = crate::tokenize::tokenize(text);
        let (mut infos, mut m) = (Vec::new(), Vec::new());
        token_infos(text, &toks, &gaz, &model.clusters, &mut infos, &mut m);
        let mut d = super::super::model::Decoded::default();
        model.decode(&infos, 0, toks.len(), &mut Vec::new(), &mut d);
        assert_eq!(
            d.labels,
            vec![
                0,
                0,
                label::make(0, 0),
                label::make(0, 2),
                0,
                label::make(2, 3),
                0
            ]
        );
    }
}
