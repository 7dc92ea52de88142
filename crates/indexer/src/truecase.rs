//! Truecasing of all-capitals lines before tagging.
//!
//! Wire copy and headlines are often set in capitals ("REBELS ATTACK BASE NEAR CAPITAL"), where
//! the capital letter that marks a name carries no information. Such a line is rewritten with
//! each word in its usual spelling, learned from unlabelled running text and kept in
//! `data/truecase.tsv` (built by `examples/build_truecase.rs`): ordinary words become lower
//! case, known acronyms stay in capitals, and words the lexicon does not know (most often
//! names) are capitalised. The first word of the line is capitalised as in running text.
//!
//! Only ASCII letters change case, so every byte offset stays where it was and the mentions
//! found in the rewritten text are spans of the original.

use crate::casemodel::{self, CaseModel, CaseWord};
use crate::gazetteer::{class, token_hash, Gazetteer};
use crate::model::Block;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

const LEXICON: &str = include_str!("../data/truecase.tsv");
const MODEL: &[u8] = include_bytes!("../data/truecase.model");

/// The casing lexicon: lower-case word → usual spelling (only words not usually capitalised).
#[derive(Debug, Default)]
pub struct Truecaser {
    /// (FxHash: the keys are short words, looked up several times for each word of a capitals
    /// line, where SipHash cost more than the rest of truecasing)
    forms: HashMap<Box<[u8]>, Box<[u8]>, rustc_hash::FxBuildHasher>,
    /// The first words of the lexicon's phrases (`foreign ministry<TAB>Foreign Ministry`), each
    /// with the most words of a phrase it starts (most words of a capitals line start none, and
    /// are then looked up once).
    phrase_starts: HashMap<Box<[u8]>, usize, rustc_hash::FxBuildHasher>,
    /// Names of several words the dictionaries know ("World Bank") are capitalised even when
    /// their words are ordinary words.
    gaz: Option<&'static Gazetteer>,
    /// The contextual casing model, when one is loaded.
    model: Option<&'static CaseModel>,
}

/// The curly apostrophe (U+2019), inside words as in "DON’T".
const CURLY: &[u8] = "\u{2019}".as_bytes();

/// An unknown word of at most this many letters in a capitals line is taken for an acronym.
const MAX_ACRONYM: usize = 4;

/// A line is read as all-capitals when it has at least this many capital letters...
const MIN_UPPER: usize = 8;
/// ...and at most one lower-case letter for every this many capitals.
const UPPER_PER_LOWER: usize = 10;

impl Truecaser {
    /// The shipped lexicon, loaded once.
    pub fn builtin() -> &'static Truecaser {
        static T: OnceLock<Truecaser> = OnceLock::new();
        static M: OnceLock<Option<CaseModel>> = OnceLock::new();
        let model = M.get_or_init(|| CaseModel::from_bytes(MODEL)).as_ref();
        T.get_or_init(|| Truecaser {
            gaz: Some(Gazetteer::builtin()),
            model,
            ..Truecaser::from_data(LEXICON)
        })
    }

    /// The same lexicon, reading names with the shipped gazetteer (for building the case model).
    pub fn with_gazetteer(mut self) -> Truecaser {
        self.gaz = Some(Gazetteer::builtin());
        self
    }

    /// Reads `word<TAB>spelling` lines, or a lone `word` usually written in lower case (`#`
    /// starts a comment line); pairs whose spelling is not the word in another case are ignored.
    pub fn from_data(data: &str) -> Truecaser {
        let mut forms = HashMap::default();
        let mut phrase_starts: HashMap<Box<[u8]>, usize, rustc_hash::FxBuildHasher> =
            HashMap::default();
        for line in data
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (w, f) = line.split_once('\t').unwrap_or((line, line));
            if w.len() == f.len() && w.eq_ignore_ascii_case(f) && w.is_ascii() {
                let n = w.split(' ').count();
                if let Some((first, _)) = w.split_once(' ') {
                    let most = phrase_starts.entry(first.as_bytes().into()).or_insert(0);
                    *most = (*most).max(n);
                }
                forms.insert(w.as_bytes().into(), f.as_bytes().into());
            }
        }
        Truecaser {
            forms,
            phrase_starts,
            gaz: None,
            model: None,
        }
    }

    /// `text` with every all-capitals line inside `blocks` rewritten in usual spelling, when
    /// such lines hold most of the text (an article written in capitals); the text itself
    /// otherwise. A capitals headline above running text is left to the tagger, which reads it
    /// together with the running text that names the same actors.
    pub fn recase<'a>(&self, text: &'a str, blocks: &[Block]) -> Cow<'a, str> {
        self.recase_in_context(text, blocks, true)
    }

    /// `recase`, with the case model (`crate::casemodel`) when `in_context` is set and a model
    /// is loaded, or with the lexicon alone.
    pub fn recase_in_context<'a>(
        &self,
        text: &'a str,
        blocks: &[Block],
        in_context: bool,
    ) -> Cow<'a, str> {
        self.recase_with(text, blocks, in_context, true, true)
    }

    /// `recase_in_context`, with `surnames` choosing whether an ordinary word that is a surname
    /// after a given name ("GLORIA STEEL") is read as that surname, there and in the article's other
    /// capitals lines ("STEEL SAID"), and `given_names` whether a given name that is an ordinary
    /// word is read as a name before a surname ("MARK BUTCHER").
    pub fn recase_with<'a>(
        &self,
        text: &'a str,
        blocks: &[Block],
        in_context: bool,
        surnames: bool,
        given_names: bool,
    ) -> Cow<'a, str> {
        let mut lines: Vec<(usize, usize)> = Vec::new();
        let (mut caps_bytes, mut all_bytes) = (0usize, 0usize);
        for b in blocks {
            let Some(block) = text.get(b.start..b.end) else {
                continue;
            };
            let mut at = b.start;
            for line in block.split_inclusive('\n') {
                all_bytes += line.len();
                if all_caps(line) {
                    lines.push((at, line.len()));
                    caps_bytes += line.len();
                }
                at += line.len();
            }
        }
        if lines.is_empty() || caps_bytes * 2 < all_bytes {
            return Cow::Borrowed(text);
        }
        let mut out: Option<Vec<u8>> = None;
        let mut names = Surnames {
            given_names,
            ..Surnames::default()
        };
        for &(at, len) in &lines {
            let buf = out.get_or_insert_with(|| text.as_bytes().to_vec());
            self.recase_line(
                &mut buf[at..at + len],
                in_context,
                surnames.then_some((&mut names, at)),
            );
        }
        if let Some(buf) = out.as_mut() {
            // the surnames found after given names, wherever else they stand as names can
            for (at, key) in &names.elsewhere {
                if names.found.contains(key) {
                    buf[*at] = buf[*at].to_ascii_uppercase();
                }
            }
        }
        match out {
            // only ASCII letters changed case, so the bytes are still UTF-8
            Some(v) => Cow::Owned(String::from_utf8(v).unwrap_or_else(|_| text.to_string())),
            None => Cow::Borrowed(text),
        }
    }

    /// Whether the lexicon knows `phrase` (several words) as a capitalised name ("Supreme Court").
    pub fn is_capitalised_phrase(&self, phrase: &str) -> bool {
        let key = phrase
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase();
        self.forms
            .get(key.as_bytes())
            .is_some_and(|f| **f != *key.as_bytes())
    }

    /// Whether running text usually writes `word` in lower case (an ordinary word, not a name).
    pub fn is_lower_word(&self, word: &str) -> bool {
        let key = word.to_ascii_lowercase();
        self.forms
            .get(key.as_bytes())
            .is_some_and(|f| **f == *key.as_bytes())
    }

    /// Whether the lexicon knows "<word> Party" as a capitalised phrase of running text: the
    /// word is the adjective of a political party ("Republican", "Socialist").
    pub fn names_a_party(&self, word: &str) -> bool {
        let mut key = word.to_ascii_lowercase().into_bytes();
        key.extend_from_slice(b" party");
        self.forms.contains_key(key.as_slice())
    }

    /// Whether `word` is an ordinary word: one running text writes in lower case, or a regular
    /// inflection of one ("motors", "attacked").
    pub fn is_ordinary_word(&self, word: &str) -> bool {
        let key = word.to_ascii_lowercase();
        self.is_lower_word(&key) || self.inflects_lower_word(key.as_bytes())
    }

    fn recase_line(
        &self,
        line: &mut [u8],
        in_context: bool,
        surnames: Option<(&mut Surnames, usize)>,
    ) {
        let mut i = 0;
        let mut first = true;
        let mut key = Vec::new();
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut firsts: Vec<bool> = Vec::new();
        // (each word's lexicon class, when recasing it looked it up)
        let mut lexes: Vec<Option<u8>> = Vec::new();
        while i < line.len() {
            if !line[i].is_ascii_alphabetic() {
                // a stop, a question or exclamation mark starts a new sentence, but not the stop
                // of an initial ("U.S.", "J.")
                let initial = line[i] == b'.'
                    && i >= 1
                    && line[i - 1].is_ascii_alphabetic()
                    && (i < 2 || !line[i - 2].is_ascii_alphabetic());
                if matches!(line[i], b'.' | b'?' | b'!')
                    && !initial
                    && line.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
                {
                    first = true;
                }
                i += 1;
                continue;
            }
            // a word runs over apostrophes, straight or curly, between letters ("AREN’T")
            let curly_at = |k: usize| {
                line[k..].starts_with(CURLY)
                    && line
                        .get(k + CURLY.len())
                        .is_some_and(u8::is_ascii_alphabetic)
            };
            let mut j = i;
            let mut curly = false;
            while j < line.len() {
                if line[j].is_ascii_alphabetic()
                    || line[j] == b'\'' && line.get(j + 1).is_some_and(u8::is_ascii_alphabetic)
                {
                    j += 1;
                } else if curly_at(j) {
                    curly = true;
                    j += CURLY.len();
                } else {
                    break;
                }
            }
            // a letter run glued to digits or other letters ("F16", "DÜSSELDORF") keeps its case
            let glued = |k: Option<&u8>| k.is_some_and(|c| c.is_ascii_digit() || *c >= 0x80);
            // a clitic written apart from its word after an apostrophe ("MARKET 'S", "I 'M") is
            // lower case
            let after_apostrophe =
                i >= 1 && line[i - 1] == b'\'' || i >= CURLY.len() && line[..i].ends_with(CURLY);
            if after_apostrophe && is_clitic(&line[i..j]) {
                line[i..j].make_ascii_lowercase();
                lexes.push(Some(casemodel::LEX_LOWER));
                words.push((i, j));
                firsts.push(first);
            } else if !(glued(i.checked_sub(1).map(|p| &line[p])) || glued(line.get(j))) {
                if curly {
                    // spelled with a straight apostrophe, as the lexicon writes it; only the
                    // letters' case is copied back
                    let mut proxy: Vec<u8> = Vec::with_capacity(j - i);
                    let mut k = i;
                    while k < j {
                        if line[k..].starts_with(CURLY) {
                            proxy.push(b'\'');
                            k += CURLY.len();
                        } else {
                            proxy.push(line[k]);
                            k += 1;
                        }
                    }
                    lexes.push(self.recase_word(&mut proxy, first, &mut key));
                    let mut p = 0;
                    let mut k = i;
                    while k < j {
                        if line[k..].starts_with(CURLY) {
                            k += CURLY.len();
                        } else {
                            line[k] = proxy[p];
                            k += 1;
                        }
                        p += 1;
                    }
                } else {
                    lexes.push(self.recase_word(&mut line[i..j], first, &mut key));
                }
                words.push((i, j));
                firsts.push(first);
            }
            first = false;
            i = j;
        }
        let mut scores = Vec::new();
        if in_context {
            self.decide_in_context(line, &words, &firsts, &lexes, &mut scores);
        }
        self.restore_phrases(line, &words, &mut key);
        self.capitalise_names(line, &words);
        if let (Some((names, at)), false) = (surnames, scores.is_empty()) {
            if names.given_names {
                self.ordinary_given_names(line, &words, &scores);
            }
            self.surnames_after_given_names(line, at, &words, &firsts, &scores, names);
        }
    }

    /// Capitalises an ordinary word that the census lists as a surname when it follows a
    /// capitalised given name and the case model is not sure it is an ordinary word ("Gloria
    /// steel" → "Gloria Steel"; not "<given name> said"), and records it in `names`, with the line's other
    /// surname-like words where a name can stand (`at`: the line's offset in the text).
    fn surnames_after_given_names(
        &self,
        line: &mut [u8],
        at: usize,
        words: &[(usize, usize)],
        firsts: &[bool],
        scores: &[i32],
        names: &mut Surnames,
    ) {
        let Some(gaz) = self.gaz else { return };
        let classes =
            |w: &[u8]| std::str::from_utf8(w).map_or(0, |w| gaz.word_classes(token_hash(w)));
        let ordinary = |w: &[u8]| self.is_ordinary_key(w);
        let mut key = Vec::new();
        for k in 0..words.len() {
            let (a, b) = words[k];
            if firsts[k] || b - a < 3 || line[a + 1..b].iter().any(u8::is_ascii_uppercase) {
                continue;
            }
            // (the case model may have capitalised it already)
            let capitalised = line[a].is_ascii_uppercase();
            key.clear();
            key.extend(line[a..b].iter().map(u8::to_ascii_lowercase));
            let particle = matches!(
                key.as_slice(),
                b"van" | b"von" | b"der" | b"den" | b"del" | b"della" | b"bin" | b"ibn" | b"abu"
            );
            if particle || !ordinary(&key) || classes(&key) & class::LAST == 0 {
                continue;
            }
            let after_given = k > 0 && {
                let (a0, b0) = words[k - 1];
                let given = line[a0..b0].to_ascii_lowercase();
                // a given name that is no ordinary word ("Long", "Will"), place ("Paris") or nationality ("Dutch")
                line[a0].is_ascii_uppercase()
                    && a > b0
                    && line[b0..a].iter().all(|&c| c == b' ')
                    && is_given_name(classes(&given), &given)
                    && !ordinary(&given)
            };
            // “…,” STEEL SAID: the word between a quotation that its sentence goes on after and a
            // reporting verb
            let speaker_slot = k + 1 < words.len()
                && {
                    let before = line[..a].trim_ascii_end();
                    let (a1, b1) = words[k + 1];
                    let closed = before
                        .strip_suffix("”".as_bytes())
                        .or_else(|| before.strip_suffix(b"\""));
                    closed.is_some_and(|c| c.ends_with(b",") || c.ends_with(b"?") || c.ends_with(b"!"))
                    && line[b..a1].iter().all(|&c| c == b' ')
                    // not the reporting verb itself ("SAID STATE OFFICIAL …": "state" reports too)
                    && !std::str::from_utf8(&key).is_ok_and(crate::quotes::is_reporting_verb)
                    && std::str::from_utf8(&line[a1..b1]).is_ok_and(crate::quotes::is_reporting_verb)
                };
            if speaker_slot || after_given && (capitalised || scores[k] >= -SURNAME_MARGIN) {
                line[a] = line[a].to_ascii_uppercase();
                if !names.found.iter().any(|f| **f == *key) {
                    names.found.push(key.as_slice().into());
                }
            } else if !(after_given
                || capitalised
                || k > 0 && makes_ordinary(&line[words[k - 1].0..words[k - 1].1]))
            {
                names.elsewhere.push((at + a, key.as_slice().into()));
            }
        }
    }

    /// Capitalises a given name that is also an ordinary word ("Bill", "Mark", "Guy") before a
    /// census surname that the line already reads as a name, when the case model is not sure
    /// the given name is the ordinary word there ("MARK HALVORSEN MADE 70" → "Mark Halvorsen
    /// made 70"; not "20 MILES WEST", nor a title ("Major") or a particle ("del"). Both words
    /// ordinary ("WINTER WHEAT", "BILL OFFER") stay as they are.
    fn ordinary_given_names(&self, line: &mut [u8], words: &[(usize, usize)], scores: &[i32]) {
        let Some(gaz) = self.gaz else { return };
        let classes =
            |w: &[u8]| std::str::from_utf8(w).map_or(0, |w| gaz.word_classes(token_hash(w)));
        let ordinary = |w: &[u8]| self.is_ordinary_key(w);
        let particle =
            |w: &[u8]| std::str::from_utf8(w).is_ok_and(|w| crate::ner::PARTICLES.contains(&w));
        for k in 0..words.len().saturating_sub(1) {
            let ((a, b), (a1, b1)) = (words[k], words[k + 1]);
            if b - a < 3 || b1 - a1 < 3 || !line[b..a1].iter().all(|&c| c == b' ') {
                continue;
            }
            let given = line[a..b].to_ascii_lowercase();
            let surname = line[a1..b1].to_ascii_lowercase();
            let gc = classes(&given);
            if !is_given_name(gc, &given)
                || gc & class::TITLE != 0
                || particle(&given)
                || particle(&surname)
                || !ordinary(&given)
                || classes(&surname) & class::LAST == 0
                || is_calendar_name(&surname)
            {
                continue;
            }
            // (a number before it makes it a measure: "20 MILES WEST")
            let after_number = line[..a]
                .trim_ascii_end()
                .last()
                .is_some_and(u8::is_ascii_digit);
            // (a longer run of names after it starts the name: "STAR ADA QUORVE")
            let run_goes_on = words.get(k + 2).is_some_and(|&(a2, _)| {
                line[b1..a2].iter().all(|&c| c == b' ') && line[a2].is_ascii_uppercase()
            });
            if line[a].is_ascii_lowercase()
                && line[a1].is_ascii_uppercase()
                && !after_number
                && !run_goes_on
                && scores[k] >= -GIVEN_MARGIN
            {
                line[a] = line[a].to_ascii_uppercase();
            }
        }
    }

    /// Whether a word in lower case is one the lexicon writes in lower case, or inflects one.
    fn is_ordinary_key(&self, key: &[u8]) -> bool {
        matches!(
            self.lex_class(key),
            casemodel::LEX_LOWER | casemodel::LEX_INFLECTED
        )
    }

    /// The lexicon's class of a word in lower case (`casemodel::LEX_*`).
    pub fn lex_class(&self, key: &[u8]) -> u8 {
        match self.forms.get(key) {
            Some(f) if **f == *key => casemodel::LEX_LOWER,
            Some(_) => casemodel::LEX_SPECIAL,
            None if self.inflects_lower_word(key) || self.contracts_lower_word(key) => {
                casemodel::LEX_INFLECTED
            }
            None => casemodel::LEX_UNKNOWN,
        }
    }

    /// The word of the case model for a word in lower case.
    pub fn case_word(&self, key: &[u8]) -> CaseWord {
        CaseWord::new(
            std::str::from_utf8(key).unwrap_or(""),
            self.lex_class(key),
            self.gaz,
        )
    }

    /// Lets the case model capitalise the ordinary words that their context shows to be part of
    /// a name ("the Velmora National Guard", not "the guard"). A word is capitalised only beside
    /// another capitalised word of its sentence: a lone capitalised ordinary word is more often
    /// wrong than a name.
    fn decide_in_context(
        &self,
        line: &mut [u8],
        words: &[(usize, usize)],
        firsts: &[bool],
        lexes: &[Option<u8>],
        scores: &mut Vec<i32>,
    ) {
        let Some(model) = self.model else { return };
        let mut key = Vec::new();
        let cw: Vec<CaseWord> = words
            .iter()
            .zip(lexes)
            .map(|(&(a, b), &lex)| {
                key.clear();
                let mut k = a;
                while k < b {
                    // the lexicon spells the apostrophe straight
                    if line[k..b].starts_with(CURLY) {
                        key.push(b'\'');
                        k += CURLY.len();
                    } else {
                        key.push(line[k].to_ascii_lowercase());
                        k += 1;
                    }
                }
                CaseWord::new(
                    std::str::from_utf8(&key).unwrap_or(""),
                    lex.unwrap_or_else(|| self.lex_class(&key)),
                    self.gaz,
                )
            })
            .collect();
        model.scores(&cw, firsts, scores);
        let caps: Vec<bool> = scores.iter().map(|&s| s > 0).collect();
        // words `x` and `x + 1` are apart by spaces only, and the second starts no sentence
        let spaced = |x: usize| {
            !firsts[x + 1]
                && words[x + 1].0 > words[x].1
                && line[words[x].1..words[x + 1].0].iter().all(|&c| c == b' ')
        };
        // (a sentence's first word is capitalised for its place, not as a name, when it is an
        // ordinary word: "The", "In")
        let capitalised = |y: usize| {
            !(firsts[y] && matches!(cw[y].lex, casemodel::LEX_LOWER | casemodel::LEX_INFLECTED))
                && (caps[y] || line[words[y].0].is_ascii_uppercase())
        };
        let promote: Vec<bool> = (0..words.len())
            .map(|k| {
                let (a, b) = words[k];
                let lower = line[a..b].iter().all(|c| !c.is_ascii_uppercase());
                let beside = k > 0 && spaced(k - 1) && capitalised(k - 1)
                    || k + 1 < words.len() && spaced(k) && capitalised(k + 1);
                caps[k] && lower && cw[k].lex != casemodel::LEX_SPECIAL && b - a >= 2 && beside
            })
            .collect();
        for (&(a, _), up) in words.iter().zip(promote) {
            if up {
                line[a] = line[a].to_ascii_uppercase();
            }
        }
    }

    /// Gives the phrases of the lexicon their spelling: names whose words are ordinary words
    /// on their own ("Supreme Court", "National League"), longest phrase first.
    fn restore_phrases(&self, line: &mut [u8], words: &[(usize, usize)], key: &mut Vec<u8>) {
        let mut k = 0;
        'words: while k < words.len() {
            key.clear();
            let (a, b) = words[k];
            key.extend(line[a..b].iter().map(u8::to_ascii_lowercase));
            let Some(&most) = self.phrase_starts.get(key.as_slice()) else {
                k += 1;
                continue;
            };
            for n in (2..=most.min(words.len() - k)).rev() {
                let run = &words[k..k + n];
                // only words apart by spaces ("SUPREME COURT", not "SUPREME, COURT")
                if run
                    .windows(2)
                    .any(|p| p[0].1 == p[1].0 || line[p[0].1..p[1].0].iter().any(|&c| c != b' '))
                {
                    continue;
                }
                key.clear();
                for (i, &(a, b)) in run.iter().enumerate() {
                    if i > 0 {
                        key.push(b' ');
                    }
                    key.extend(line[a..b].iter().map(u8::to_ascii_lowercase));
                }
                if let Some(form) = self.forms.get(key.as_slice()) {
                    for (&(a, b), spelled) in run.iter().zip(form.split(|&c| c == b' ')) {
                        if spelled.len() == b - a {
                            line[a..b].copy_from_slice(spelled);
                        }
                    }
                    k += n;
                    continue 'words;
                }
            }
            k += 1;
        }
    }

    /// Capitalises the words of multi-word names the dictionaries know, but for short
    /// lower-case words inside them ("Bank of the North").
    fn capitalise_names(&self, line: &mut [u8], words: &[(usize, usize)]) {
        let Some(gaz) = self.gaz else { return };
        let hashes: Vec<u64> = words
            .iter()
            .map(|&(a, b)| token_hash(std::str::from_utf8(&line[a..b]).unwrap_or("")))
            .collect();
        let mut found = Vec::new();
        gaz.find(&hashes, |_| true, &mut found);
        let names = class::COUNTRY
            | class::CITY
            | class::REGION
            | class::ORG
            | class::ARMED
            | class::IGO
            | class::PERSON;
        for m in found
            .iter()
            .filter(|m| m.end - m.start >= 2 && gaz.entry(m.entry).classes & names != 0)
        {
            for (k, &(a, b)) in words[m.start..m.end].iter().enumerate() {
                let small = b - a <= 3 && line[a..b].iter().all(u8::is_ascii_lowercase);
                if k == 0 || !small {
                    line[a] = line[a].to_ascii_uppercase();
                }
            }
        }
    }

    /// Whether `word` (lower case) is a regular inflection of a word the lexicon writes in lower
    /// case: -s, -es, -ies, -ed, -ied, -ing (with a doubled consonant), of a stem of four letters
    /// or more (not "-ly": "Carly" is no adverb of "car").
    fn inflects_lower_word(&self, word: &[u8]) -> bool {
        let lower =
            |stem: &[u8]| stem.len() >= 4 && self.forms.get(stem).is_some_and(|f| **f == *stem);
        // the stem with a letter added back ("announc" + "e"), without allocating
        let with = |stem: &[u8], tail: u8| {
            let mut buf = [0u8; 32];
            stem.len() < buf.len() && {
                buf[..stem.len()].copy_from_slice(stem);
                buf[stem.len()] = tail;
                lower(&buf[..=stem.len()])
            }
        };
        for suffix in [&b"s"[..], b"es", b"ed", b"d", b"ing"] {
            let Some(stem) = word.strip_suffix(suffix) else {
                continue;
            };
            // "stopped", "running": the doubled consonant
            let undoubled = stem.len() >= 2
                && stem[stem.len() - 1] == stem[stem.len() - 2]
                && matches!(suffix, b"ed" | b"ing");
            if lower(stem)
                || undoubled && lower(&stem[..stem.len() - 1])
                || matches!(suffix, b"ed" | b"ing") && with(stem, b'e')
            {
                return true;
            }
        }
        ["ies", "ied"].iter().any(|s| {
            word.strip_suffix(s.as_bytes())
                .is_some_and(|stem| with(stem, b'y'))
        })
    }

    /// Whether `word` (lower case) is a word the lexicon writes in lower case with a clitic:
    /// 're, 've, 'll, 'd, 'm, or n't.
    fn contracts_lower_word(&self, word: &[u8]) -> bool {
        let Some(at) = word.iter().position(|&c| c == b'\'') else {
            return false;
        };
        let (stem, clitic) = (&word[..at], &word[at + 1..]);
        let stem = match clitic {
            b"re" | b"ve" | b"ll" | b"d" | b"m" => stem,
            b"t" => match stem.strip_suffix(b"n") {
                Some(s) => s,
                None => return false,
            },
            _ => return false,
        };
        !stem.is_empty() && self.forms.get(stem).is_some_and(|f| **f == *stem)
    }

    fn recase_word(&self, word: &mut [u8], first: bool, key: &mut Vec<u8>) -> Option<u8> {
        let n = word.len();
        // a one-letter prefix of a name ("O'BRIEN" → "O'Brien", "D'ALVERA" → "D'Alvera",
        // "N'DORO" → "N'Doro") on a word no lexicon lists; not a contraction ("I'LL", "Y'ALL")
        if n >= 4
            && word[1] == b'\''
            && word[0].is_ascii_alphabetic()
            && word[2].is_ascii_alphabetic()
        {
            key.clear();
            key.extend(word.iter().map(u8::to_ascii_lowercase));
            let clitic = matches!(&key[2..], b"ll" | b"ve" | b"re" | b"all" | b"em" | b"mon");
            if !clitic && !self.forms.contains_key(key.as_slice()) {
                word.copy_from_slice(key);
                word[0] = word[0].to_ascii_uppercase();
                word[2] = word[2].to_ascii_uppercase();
                return Some(casemodel::LEX_UNKNOWN);
            }
        }
        let letters = word.iter().filter(|c| c.is_ascii_alphabetic()).count();
        // single letters are initials ("J. SMITH"), as are dotted runs ("U.S."), but for the
        // article "a"
        if letters < 2 {
            if word == b"A" && !first {
                word[0] = b'a';
            }
            return None;
        }
        key.clear();
        key.extend(word.iter().map(u8::to_ascii_lowercase));
        let lex = match self.forms.get(key.as_slice()) {
            Some(form) => {
                word.copy_from_slice(form);
                if **form == **key {
                    casemodel::LEX_LOWER
                } else {
                    casemodel::LEX_SPECIAL
                }
            }
            // an inflection the lexicon does not list of a word it writes in lower case
            // ("announces", "stopped") is an ordinary word too, and so is a contraction of one
            // ("they're", "aren't")
            None if self.inflects_lower_word(key) || self.contracts_lower_word(key) => {
                word.copy_from_slice(key);
                casemodel::LEX_INFLECTED
            }
            // an unknown word without a vowel is an acronym ("NBC"), and so is a short one the
            // dictionaries do not know as a name ("OPEC"; not "OHIO")
            None if !word
                .iter()
                .any(|c| b"AEIOUY".contains(&c.to_ascii_uppercase())) =>
            {
                return Some(casemodel::LEX_UNKNOWN)
            }
            None if word.len() <= MAX_ACRONYM
                && self.gaz.is_some_and(|g| {
                    g.word_classes(token_hash(std::str::from_utf8(word).unwrap_or(""))) == 0
                }) =>
            {
                return Some(casemodel::LEX_UNKNOWN)
            }
            None => {
                word.copy_from_slice(key);
                word[0] = word[0].to_ascii_uppercase();
                casemodel::LEX_UNKNOWN
            }
        };
        if first {
            word[0] = word[0].to_ascii_uppercase();
        }
        Some(lex)
    }
}

/// How sure (in the case model's weight units) the model may be that a word is an ordinary
/// word for `surnames_after_given_names` to read it as a surname.
const SURNAME_MARGIN: i32 = 10_000;

/// How sure the case model may be that a given name is the ordinary word it also is for
/// `ordinary_given_names` to read it and the surname after it as a name.
const GIVEN_MARGIN: i32 = 10_000;

/// Whether a word is a clitic of English written apart from its word after an apostrophe
/// ("'s", "'m", "'d", "'ll", "'re", "'ve"), in any case.
fn is_clitic(word: &[u8]) -> bool {
    ["s", "m", "d", "ll", "re", "ve"]
        .iter()
        .any(|c| word.eq_ignore_ascii_case(c.as_bytes()))
}

/// Whether a word in lower case, of gazetteer classes `classes`, is a given name the census lists
/// and no place, nationality ("Paris", "Dutch"), month or weekday.
fn is_given_name(classes: u16, word: &[u8]) -> bool {
    classes & class::FIRST != 0
        && classes & (class::COUNTRY | class::CITY | class::REGION | class::NATIONAL) == 0
        && !is_calendar_name(word)
}

/// Months and weekdays, which the census also lists as given names ("August", "September").
fn is_calendar_name(w: &[u8]) -> bool {
    matches!(
        w,
        b"january"
            | b"february"
            | b"march"
            | b"april"
            | b"may"
            | b"june"
            | b"july"
            | b"august"
            | b"september"
            | b"october"
            | b"november"
            | b"december"
            | b"monday"
            | b"tuesday"
            | b"wednesday"
            | b"thursday"
            | b"friday"
            | b"saturday"
            | b"sunday"
    )
}

/// Surnames of an article in capitals: those found after given names, and the surname-like
/// ordinary words elsewhere (text offset, word in lower case) that a name could stand for.
#[derive(Default)]
struct Surnames {
    found: Vec<Box<[u8]>>,
    elsewhere: Vec<(usize, Box<[u8]>)>,
    /// Whether `ordinary_given_names` runs.
    given_names: bool,
}

/// A word (any case) after which a surname-like word is the ordinary word: "a steel works",
/// "was strong", "very strong".
fn makes_ordinary(before: &[u8]) -> bool {
    let w = before.to_ascii_lowercase();
    matches!(
        w.as_slice(),
        b"a" | b"an"
            | b"the"
            | b"this"
            | b"that"
            | b"his"
            | b"her"
            | b"its"
            | b"their"
            | b"our"
            | b"my"
            | b"your"
            | b"very"
            | b"too"
            | b"so"
            | b"more"
            | b"most"
            | b"less"
            | b"quite"
            | b"rather"
            | b"as"
            | b"how"
            | b"be"
            | b"is"
            | b"was"
            | b"were"
            | b"are"
            | b"been"
            | b"being"
    )
}

/// A line written in capitals: enough capital letters, almost no lower-case ones, and at least
/// two words.
fn all_caps(line: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    // at most one lower-case letter in ten of the line's bytes: stop at the first excess
    let max_lower = line.len() / UPPER_PER_LOWER;
    for c in line.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
            if lower > max_lower {
                return false;
            }
        }
    }
    upper >= MIN_UPPER
        && lower * UPPER_PER_LOWER <= upper
        && line
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .nth(1)
            .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    fn lexicon() -> Truecaser {
        Truecaser::from_data("# comment\nthe\nof\nrebels\nare\nthey\nstop\nattack\tattack\nnear\nbase\nnato\tNATO\nmcgann\tMcGann\nbad\tBAD!\nhigh\ncouncil\nhigh council\tHigh Council")
    }

    fn block(text: &str) -> Vec<Block> {
        vec![Block {
            kind: BlockKind::Body,
            start: 0,
            end: text.len(),
        }]
    }

    #[test]
    fn capitals_lines_take_usual_spellings() {
        let t = lexicon();
        let cases = [
            (
                "REBELS ATTACK BASE NEAR VELMORA",
                "Rebels attack base near Velmora",
            ),
            (
                "NATO REBELS ATTACK THE BASE OF GEN. MCGANN",
                "NATO rebels attack the base of Gen. McGann",
            ),
            (
                "THE BASE. REBELS ATTACK QRST BASE",
                "The base. Rebels attack QRST base",
            ),
            ("U.S. REBELS ATTACK F16 BASE", "U.S. rebels attack F16 base"),
            // a phrase of ordinary words the text showed as a name, but only as a whole
            (
                "REBELS ATTACK THE HIGH COUNCIL NEAR THE COUNCIL BASE",
                "Rebels attack the High Council near the council base",
            ),
            ("THE HIGH, COUNCIL", "The high, council"),
            // inflections and contractions of lower-case words the lexicon does not list, with
            // straight or curly apostrophes
            (
                "REBELS STOPPED ATTACKING BASES NEAR VELMORA",
                "Rebels stopped attacking bases near Velmora",
            ),
            (
                "REBELS AREN'T NEAR THE BASE, THEY’RE NEAR VELMORA’S",
                "Rebels aren't near the base, they’re near Velmora’s",
            ),
            // without a gazetteer, a short unknown word is capitalised
            // a clitic written apart after an apostrophe is lower case
            (
                "REBELS NEAR THE BASE 'S COUNCIL, THEY ’RE NEAR",
                "Rebels near the base 's council, they ’re near",
            ),
            // a one-letter prefix of a name, but not a contraction
            (
                "REBELS ATTACK O'VELMORAN BASE",
                "Rebels attack O'Velmoran base",
            ),
            (
                "REBELS NEAR D'QUARVESSE BASE I'LL ATTACK O'VELMORAN'S",
                "Rebels near D'Quarvesse base I'll attack O'Velmoran's",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(t.recase(input, &block(input)), want, "{input}");
        }
    }

    #[test]
    fn mixed_case_and_short_lines_stay_as_they_are() {
        let t = lexicon();
        for input in [
            "Rebels attack the NATO base near Velmora",
            "NATO HQ",
            "ATTACK",
            "",
        ] {
            assert!(
                matches!(t.recase(input, &block(input)), Cow::Borrowed(_)),
                "{input}"
            );
        }
    }

    #[test]
    fn offsets_and_other_lines_are_kept() {
        let t = lexicon();
        let text = "NATO BASE\nREBELS ATTACK THE BASE NEAR ÉPINAL\nthe end";
        let out = t.recase(text, &block(text));
        assert_eq!(out.len(), text.len());
        assert_eq!(
            out,
            "NATO base\nRebels attack the base near ÉPINAL\nthe end"
        );
        // only the lines inside blocks change
        let outside = t.recase(
            text,
            &[Block {
                kind: BlockKind::Body,
                start: 45,
                end: 52,
            }],
        );
        assert_eq!(outside, text);
        // a capitals headline over running text stays as it is
        let headline = "REBELS ATTACK THE BASE NEAR VELMORA\nRebels attacked the base near Velmora on Sunday, the army said in a statement.";
        assert_eq!(t.recase(headline, &block(headline)), headline);
    }

    #[test]
    fn surnames_after_given_names_are_surnames_in_the_whole_article() {
        let t = Truecaser::builtin();
        let text = "SENATOR GLORIA STEEL VISITED THE MILL ON FRIDAY.\n\nTHE WORKERS OF THE STEEL MILL FEAR THE CLOSURE.\n\n\"WE WILL HELP THEM,\" STEEL SAID.\n";
        let got = t.recase(text, &block(text));
        assert!(got.contains("Gloria Steel visited"), "{got}");
        assert!(
            got.contains("the steel mill") && got.contains("\" Steel said"),
            "{got}"
        );
        let without = t.recase_with(text, &block(text), true, false, true);
        assert!(without.contains("\" steel said"), "{without}");
        // a month or a nationality is no given name
        let text = "THE AUGUST STEEL ORDERS FELL AND DUTCH STEEL MAKERS WAITED FOR THE RIDERS.\n";
        let got = t.recase(text, &block(text));
        assert!(
            got.contains("August steel") && got.contains("Dutch steel"),
            "{got}"
        );
    }

    #[test]
    fn a_given_name_that_is_an_ordinary_word_names_someone_before_a_surname() {
        let t = Truecaser::builtin();
        let text = "PRICES WILL RISE, SAID MARK HALVORSEN OF THE BANK.\n\nTHE TOWN LIES 20 MILES \
                    WEST OF KELMORE, AND THE WINTER WHEAT CROP FAILED.\n";
        let got = t.recase(text, &block(text));
        assert!(got.contains("said Mark Halvorsen of"), "{got}");
        assert!(
            got.contains("20 miles west of Kelmore") && got.contains("the winter wheat crop"),
            "{got}"
        );
        let without = t.recase_with(text, &block(text), true, true, false);
        assert!(without.contains("said mark Halvorsen"), "{without}");
    }

    #[test]
    fn the_case_model_reads_words_in_context() {
        let t = Truecaser::builtin();
        let line = "HE JOINED THE MARVELLE DEMOCRATIC ALLIANCE AND THE ALLIANCE WON";
        let lexicon_only = t.recase_in_context(line, &block(line), false);
        let in_context = t.recase(line, &block(line));
        // the lexicon writes "democratic" and "alliance" in lower case wherever they stand
        assert_eq!(
            lexicon_only,
            "He joined the Marvelle democratic alliance and the alliance won"
        );
        assert_eq!(
            in_context,
            "He joined the Marvelle Democratic Alliance and the alliance won"
        );
        // a lone ordinary word is not capitalised, nor one beside a sentence's first word
        let line = "THE AUTHORITY SAID ON MONDAY THAT PORTS WOULD OPEN";
        assert_eq!(
            t.recase(line, &block(line)),
            "The authority said on Monday that ports would open"
        );
    }

    #[test]
    fn a_surname_between_a_quotation_and_its_reporting_verb_is_a_name() {
        let t = Truecaser::builtin();
        let text =
            "THE MILL REOPENED ON MONDAY.\n\n\"WE WILL HELP THE WORKERS,\" STEEL SAID ON FRIDAY.\n";
        let got = t.recase(text, &block(text));
        assert!(got.contains("\" Steel said"), "{got}");
        // the reporting verb itself is no surname, though the census lists it and a cue follows
        let text = "THE MILL REOPENED ON MONDAY.\n\n\"WE WILL HELP THE WORKERS,\" SAID STATE OFFICIAL ILSE QUORVE.\n";
        let got = t.recase(text, &block(text));
        assert!(got.contains("\" said "), "{got}");
        // not after a quotation its sentence does not go on after: a title or a term
        let text = "THE MILL REOPENED ON MONDAY.\n\nTHE \"WORKERS\" STEEL SAID NOTHING.\n";
        let got = t.recase(text, &block(text));
        assert!(got.contains("\" steel said"), "{got}");
    }

    #[test]
    fn phrases_running_text_writes_in_lower_case_stay_lower_case() {
        let t = Truecaser::builtin();
        // "Human Rights" stands capitalised in the training text (inside longer names and
        // alone), but far more often in lower case
        let line = "THE ARMY SAID IT RESPECTS HUMAN RIGHTS IN THE VELMORA VALLEY";
        assert!(
            t.recase(line, &block(line))
                .contains("respects human rights in"),
            "{}",
            t.recase(line, &block(line))
        );
        assert_eq!(
            t.forms.get(&b"human rights watch"[..]).map(|f| &f[..]),
            Some(&b"Human Rights Watch"[..])
        );
    }

    #[test]
    fn the_shipped_lexicon_loads() {
        let t = Truecaser::builtin();
        assert!(t.forms.len() > 1000);
        assert_eq!(t.forms.get(&b"the"[..]).map(|f| &f[..]), Some(&b"the"[..]));
        assert!(
            t.is_lower_word("Province") && !t.is_lower_word("NATO") && !t.is_lower_word("Qxzvor")
        );
        // short unknown words are acronyms unless the dictionaries know them as names
        let line = "QXZA AND IRAN SAID THE TALKS IN OHIO WOULD GO ON";
        assert_eq!(
            t.recase(line, &block(line)),
            "QXZA and Iran said the talks in Ohio would go on"
        );
    }
}
