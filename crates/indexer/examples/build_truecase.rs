//! Builds `data/truecase.tsv`, the casing lexicon that `truecase` uses to read all-capitals
//! lines, from unlabelled running text:
//! `cargo run --release -p sitrep-indexer --example build_truecase -- --out crates/indexer/data/truecase.tsv [--wordlist /usr/share/dict/american-english-large] FILE...`
//!
//! Each FILE is either token-per-line training data (`token<TAB>tag`, blank line between
//! sentences) or the compiled gazetteer (`classes<TAB>code<TAB>canonical<TAB>phrase`, detected
//! by its `.tsv` name starting with `gazetteer`). For every word seen away from a sentence's
//! start, the lexicon keeps its most frequent spelling when that is not the capitalised form
//! (`the` → lower, `NATO` → upper, `McDonald`); words whose usual form is capitalised, and
//! words never seen, are capitalised by the reader. Gazetteer phrases add the spelling of
//! their words that text never showed (acronyms of armed groups, mixed-case surnames). A
//! spelling dictionary (`--wordlist`, one word per line, proper names capitalised: SCOWL's, as
//! Debian's `wamerican-large` installs it) adds the words text never showed that it lists only
//! in lower case. A word the text capitalises inside longer names but, standing alone, writes in
//! lower case ("court") is kept in lower case, and the capitalised phrases the text showed
//! ("Supreme Court") are kept whole (`phrase<TAB>Spelling`).

use std::collections::{BTreeMap, HashMap};

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// A capitalised phrase is kept when the text showed it at least this many times.
const MIN_PHRASE: u32 = 2;
/// A capitalised phrase is left in lower case when the text writes it so more than this many
/// times as often ("human rights": 286 to 25 in the training text; "foreign ministry": 73 to 53
/// stays "Foreign Ministry").
const LOWER_PHRASE_RATIO: u32 = 3;
/// Longest phrase kept, in words.
const MAX_PHRASE: usize = 4;

/// Runs of capitalised words away from a sentence's start: where each word stands in them, and
/// how often each phrase of several words occurs.
#[derive(Default)]
struct Runs {
    /// lower-case word -> (alone, first of a longer run, later in a longer run)
    places: HashMap<String, (u32, u32, u32)>,
    phrases: HashMap<String, u32>,
}

fn title_case(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(|f| f.is_ascii_uppercase())
        && w.len() >= 2
        && c.all(|c| c.is_ascii_lowercase() || c == '-' || c == '\'')
}

impl Runs {
    fn add_sentence(&mut self, toks: &[&str]) {
        let mut k = 1;
        while k < toks.len() {
            if !title_case(toks[k]) {
                k += 1;
                continue;
            }
            let start = k;
            while k < toks.len() && title_case(toks[k]) {
                k += 1;
            }
            let run = &toks[start..k];
            for (i, w) in run.iter().enumerate() {
                let e = self.places.entry(w.to_ascii_lowercase()).or_default();
                match (run.len(), i) {
                    (1, _) => e.0 += 1,
                    (_, 0) => e.1 += 1,
                    _ => e.2 += 1,
                }
            }
            if (2..=MAX_PHRASE).contains(&run.len()) {
                *self.phrases.entry(run.join(" ")).or_default() += 1;
            }
        }
    }

    /// A word capitalised in longer names that, standing alone, the text writes in lower case
    /// (`lower` times) at least twice as often as capitalised.
    fn lower_alone(&self, key: &str, lower: u32) -> bool {
        self.places.get(key).is_some_and(|&(alone, first, later)| {
            first + later >= 3 && lower >= 3 && lower >= 2 * alone
        })
    }
}

/// How often the text writes each of `phrases` (lower-case keys) in lower case, away from a
/// sentence's start.
fn count_lower_phrases<V>(files: &[&String], phrases: &HashMap<String, V>) -> HashMap<String, u32> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut key = String::new();
    for f in files.iter().copied().filter(|f| !is_gazetteer(f)) {
        let raw = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("read {f}: {e}"));
        let mut sentence: Vec<&str> = Vec::new();
        for line in raw.lines().chain(std::iter::once("")) {
            if let Some(tok) = line.split('\t').next().filter(|t| !t.is_empty()) {
                sentence.push(tok);
                continue;
            }
            for start in 1..sentence.len() {
                for len in 2..=MAX_PHRASE.min(sentence.len() - start) {
                    let words = &sentence[start..start + len];
                    if !words.iter().all(|w| {
                        w.bytes()
                            .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'\'')
                    }) {
                        break;
                    }
                    key.clear();
                    key.push_str(&words.join(" "));
                    if phrases.contains_key(&key) {
                        *counts.entry(key.clone()).or_default() += 1;
                    }
                }
            }
            sentence.clear();
        }
    }
    counts
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .expect("--out FILE");
    let wordlist = args
        .iter()
        .position(|a| a == "--wordlist")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let case_model = args
        .iter()
        .position(|a| a == "--case-model")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let files: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            !a.starts_with("--")
                && !matches!(
                    args.get(i.wrapping_sub(1)).map(String::as_str),
                    Some("--out" | "--wordlist" | "--case-model" | "--epochs" | "--case-skip")
                )
        })
        .map(|(_, a)| a)
        .collect();
    // lower-case key -> spelling -> count
    let mut seen: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let mut from_names: HashMap<String, String> = HashMap::new();
    let mut runs = Runs::default();
    let mut personal: std::collections::HashSet<String> = std::collections::HashSet::new();
    for f in files.iter().copied() {
        let raw = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("read {f}: {e}"));
        let gazetteer = is_gazetteer(f);
        if gazetteer {
            for line in raw.lines() {
                let Some(phrase) = line.split('\t').nth(3) else {
                    continue;
                };
                // a word listed as a first name or a person is never a name part
                if !phrase.contains(' ')
                    && line
                        .split('\t')
                        .next()
                        .is_some_and(|c| c.contains(['F', 'P']))
                {
                    personal.insert(phrase.to_ascii_lowercase());
                }
                // a phrase all in capitals shows no spelling but its acronym's
                let words: Vec<&str> = phrase
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| w.len() >= 2)
                    .collect();
                if !phrase.chars().any(|c| c.is_lowercase())
                    && !(words.len() == 1 && words[0].len() <= 6)
                {
                    continue;
                }
                for w in words {
                    if w != capitalised(w) && w.chars().any(|c| c.is_ascii_uppercase()) {
                        from_names
                            .entry(w.to_ascii_lowercase())
                            .or_insert_with(|| w.to_string());
                    }
                }
            }
            continue;
        }
        let mut sentence: Vec<&str> = Vec::new();
        for line in raw.lines().chain(std::iter::once("")) {
            let Some(tok) = line.split('\t').next().filter(|t| !t.is_empty()) else {
                runs.add_sentence(&sentence);
                sentence.clear();
                continue;
            };
            let alpha = tok
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b'\'' || b == b'-' || b == b'.');
            if !sentence.is_empty() && alpha && tok.bytes().any(|b| b.is_ascii_alphabetic()) {
                *seen
                    .entry(tok.to_ascii_lowercase())
                    .or_default()
                    .entry(tok.to_string())
                    .or_default() += 1;
            }
            sentence.push(tok);
        }
    }
    let mut lexicon: BTreeMap<String, String> = BTreeMap::new();
    let mut name_parts: std::collections::HashSet<String> = std::collections::HashSet::new();
    // words the text showed often enough to decide; the dictionary does not overrule it
    let seen_keys: std::collections::HashSet<String> = seen
        .iter()
        .filter(|(_, f)| f.values().sum::<u32>() >= 2)
        .map(|(k, _)| k.clone())
        .collect();
    for (key, forms) in seen {
        let total: u32 = forms.values().sum();
        let lower_n = forms.get(&key).copied().unwrap_or(0);
        let Some((best, n)) = forms
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        else {
            continue;
        };
        // a spelling seen once is no evidence; a word split between spellings keeps the reader's default
        // (capitalised words are the reader's default, but for short ones, which it would
        // otherwise keep in capitals as acronyms: "Nov", "Iran")
        // a word the text capitalises inside longer names ("Supreme Court") but writes in
        // lower case when it stands alone is an ordinary word; the phrases below restore it
        // inside the names the text showed. No list may know it as a person's name.
        if runs.lower_alone(&key, lower_n) && !personal.contains(&key) {
            name_parts.insert(key.clone());
            continue;
        }
        if total < 2 || n * 3 < total * 2 || best == capitalised(&best) && best.len() > 4 {
            continue;
        }
        lexicon.insert(key, best);
    }
    // the dictionary's lower-case-only words come before the gazetteer's spellings: a place's
    // code in capitals ("MAR") does not make the word an acronym in running text
    let mut in_dictionary: std::collections::HashSet<String> = std::collections::HashSet::new();
    if let Some(w) = wordlist {
        let raw = std::fs::read_to_string(&w).unwrap_or_else(|e| panic!("read {w}: {e}"));
        let listed: std::collections::HashSet<&str> = raw.lines().collect();
        for word in raw.lines() {
            in_dictionary.insert(word.to_ascii_lowercase());
            let lower = word.len() >= 2 && word.bytes().all(|b| b.is_ascii_lowercase());
            // only in lower case: no name is spelled so ("bush" beside "Bush" is left out)
            if lower && !listed.contains(capitalised(word).as_str()) && !seen_keys.contains(word) {
                lexicon
                    .entry(word.to_string())
                    .or_insert_with(|| word.to_string());
            }
            // a short word the dictionary lists capitalised ("Aug", "Ohio") is no acronym: the
            // reader keeps short unknown words in capitals
            let key = word.to_ascii_lowercase();
            if (2..=4).contains(&word.len())
                && word.is_ascii()
                && word == capitalised(word)
                && !seen_keys.contains(&key)
            {
                lexicon.entry(key).or_insert_with(|| word.to_string());
            }
        }
    }
    // abbreviated months and weekdays, whatever the text and the dictionary showed ("SEP 89" in
    // a dateline is September)
    for w in [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
        "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ] {
        lexicon.insert(w.to_string(), capitalised(w));
    }
    // an acronym or mixed-case name from the gazetteer only for a word no dictionary lists in
    // any case ("Mar", "La" are words and abbreviations as well as codes)
    for (key, form) in from_names {
        if !in_dictionary.contains(&key) {
            lexicon.entry(key).or_insert(form);
        }
    }
    // name-part words are ordinary words, but in the dictionary's capitalised names
    for key in &name_parts {
        if in_dictionary.contains(key) {
            lexicon.insert(key.clone(), key.clone());
        }
    }
    // capitalised phrases that the word spellings alone would not restore, unless the text
    // writes them in lower case far more often ("human rights" beside "Human Rights Watch")
    let candidates: HashMap<String, (&String, u32)> = runs
        .phrases
        .iter()
        .filter(|(phrase, n)| {
            **n >= MIN_PHRASE
                && phrase.split(' ').any(|w| {
                    lexicon
                        .get(&w.to_ascii_lowercase())
                        .is_some_and(|f| f.as_str() != capitalised(f))
                })
        })
        .map(|(phrase, n)| (phrase.to_ascii_lowercase(), (phrase, *n)))
        .collect();
    let lower_counts = count_lower_phrases(&files, &candidates);
    let (mut phrases, mut left_lower) = (0, 0);
    for (key, (phrase, n)) in candidates {
        if lower_counts.get(&key).copied().unwrap_or(0) > LOWER_PHRASE_RATIO * n {
            left_lower += 1;
            continue;
        }
        lexicon.insert(key, phrase.clone());
        phrases += 1;
    }
    eprintln!(
        "{} name-part words, {phrases} phrases ({left_lower} left in lower case)",
        name_parts
            .iter()
            .filter(|k| in_dictionary.contains(*k))
            .count()
    );
    let mut text = String::from("# word[\tusual spelling when not lower case] (built by examples/build_truecase.rs; see data/README.md)\n");
    for (k, v) in &lexicon {
        text.push_str(k);
        if k != v {
            text.push('\t');
            text.push_str(v);
        }
        text.push('\n');
    }
    std::fs::write(&out, &text).unwrap_or_else(|e| panic!("write {out}: {e}"));
    eprintln!("{} words -> {out}", lexicon.len());
    if let Some(model_out) = case_model {
        let epochs = args
            .iter()
            .position(|a| a == "--epochs")
            .and_then(|i| args.get(i + 1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(5);
        // the case model learns from running text in its published case only: `--case-skip
        // NAME` leaves out the files whose name holds NAME (social-media posts)
        let skip = args
            .iter()
            .position(|a| a == "--case-skip")
            .and_then(|i| args.get(i + 1));
        let texts: Vec<&String> = files
            .iter()
            .copied()
            .filter(|f| skip.is_none_or(|s| !f.contains(s.as_str())))
            .collect();
        build_case_model(&text, &texts, &model_out, epochs);
    }
}

/// Whether a file given on the command line is the gazetteer (names, not running text).
fn is_gazetteer(f: &str) -> bool {
    std::path::Path::new(f)
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("gazetteer"))
}

/// Trains the contextual case model on the token files with the lexicon just built, and writes
/// it to `out`.
fn build_case_model(lexicon_text: &str, files: &[&String], out: &str, epochs: usize) {
    use sitrep_indexer::casemodel::{self, train};
    let tc = sitrep_indexer::truecase::Truecaser::from_data(lexicon_text).with_gazetteer();
    let mut sents = Vec::new();
    for f in files {
        if is_gazetteer(f) {
            continue;
        }
        let raw = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("read {f}: {e}"));
        let mut s = train::Sentence::default();
        for line in raw.lines().chain(std::iter::once("")) {
            let Some(tok) = line.split('\t').next().filter(|t| !t.is_empty()) else {
                if !s.words.is_empty() {
                    sents.push(std::mem::take(&mut s));
                }
                continue;
            };
            // the letter runs of the token, as the reader splits a capitals line into words;
            // a token with digits or other scripts gives none
            if tok.bytes().any(|b| b.is_ascii_digit() || b >= 0x80) {
                continue;
            }
            for run in tok
                .split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
                .map(|r| r.trim_matches('\''))
                .filter(|r| !r.is_empty())
            {
                let letters = run.bytes().filter(u8::is_ascii_alphabetic).count();
                let key = run.to_ascii_lowercase();
                let first = s.words.is_empty();
                s.words.push(tc.case_word(key.as_bytes()));
                let upper = run.bytes().filter(u8::is_ascii_uppercase).count();
                // the first word, a single letter and a word in capitals say nothing of case
                let label = if first || letters < 2 || upper >= 2 && upper * 2 > letters {
                    None
                } else {
                    Some(upper > 0)
                };
                s.caps.push(label);
            }
        }
    }
    let examples: usize = sents
        .iter()
        .map(|s| s.caps.iter().filter(|c| c.is_some()).count())
        .sum();
    eprintln!("case model: {} sentences, {examples} examples", sents.len());
    let w = train::train(&sents, epochs);
    let model = casemodel::CaseModel::quantise(&w);
    std::fs::write(out, model.to_bytes()).unwrap_or_else(|e| panic!("write {out}: {e}"));
    eprintln!("case model -> {out}");
}
