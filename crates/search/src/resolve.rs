//! Actor resolution across the index: one name per actor.
//!
//! Extraction names actors one article at a time. Across a corpus the same actor then appears
//! under several values: in capitals and in running text ("NEW YORK" / "New York"), under two
//! kinds ("FMLN" as a person and an organisation), by surname alone ("Baker" beside "James
//! Baker") and by acronym ("IMF" beside "International Monetary Fund"). [`Resolver`] groups
//! these values from corpus statistics alone, and every value of a group is shown, counted and
//! filtered as the group's one name:
//!
//! 1. values that are equal once case, punctuation, a possessive "'s", a legal suffix and the
//!    British "-isation" are folded are one actor; so are an organisation's or a person's
//!    spellings with and without a space, a hyphen or an apostrophe inside the name (not a
//!    place's);
//! 2. an actor has one kind: the kind of most of its articles;
//! 3. a one-word person joins the one longer person name ending in that word, when the corpus
//!    knows exactly one such name; with two or more ("Ada Quorve", "Bo Quorve") it stays apart.
//!    A longer name counts as known from a fifth of the articles of the most frequent one: a
//!    garbled variant, or a relative named beside a famous name in a few articles, does not
//!    split it (the bare surname then most likely means the famous name). The first of two
//!    surnames, and a given name with it, join the one name that adds the second ("Quevarra",
//!    "Ramiro Quevarra" → "Ramiro Quevarra Tolosa"), unless that name is rare beside them;
//! 4. an all-capitals organisation joins a long form that articles pair it with (both named in
//!    one article, with matching initials, or initials in another language's word order when
//!    none match: see [`pair_value`] and `translated_initials`; an acronym the article defined
//!    and extraction merged into its long form counts too), when one long form has at least
//!    two thirds of its pairings.
//!
//! The group's name is its most frequent value, preferring one written in running text over
//! one in capitals. The result depends only on the set of (value, article count) pairs, so an
//! index built in any number of incremental runs resolves exactly as one built at once.
//!
//! Extraction keeps an article from holding two values of one group (one kind per name in an
//! article, acronyms merged into a long form in the same article, surnames into the full name),
//! so the counts of a group's values add up to its number of articles.

use crate::agg::{self, Counter, Whole};
use crate::error::Result;
use crate::forward::Forwards;
use crate::global_ords::GlobalOrds;
use crate::recent::{state_key, Recent, StateKey};
use crate::schema::{FacetField, ENTITY_COLUMN, KIND_ARTICLE, KIND_QUOTE};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;
use tantivy::index::SegmentId;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

/// The column of quotation speakers, resolved as people.
fn speaker_column() -> &'static str {
    crate::FacetField::Speaker.column_name()
}

/// Prefix of the values of the entity column that record an acronym paired with its long form
/// in one article (`a\u{1f}IMF\u{1f}International Monetary Fund`); never shown as a facet.
pub const PAIR_PREFIX: &str = "a\u{1f}";
const SEP: char = '\u{1f}';

/// The entity-column value recording that `acronym` and `long` were named in one article.
pub fn pair_value(acronym: &str, long: &str) -> String {
    format!("{PAIR_PREFIX}{acronym}{SEP}{long}")
}

/// A longer person name is known (for joining surnames) from this many articles...
const MIN_KNOWN: u64 = 1;
/// ...and from this fraction (1/n) of the articles of the most frequent such name. (1/20 kept
/// a surname apart from a president's full name in the bench corpora because of a spouse
/// named in a fifteenth of the president's articles.)
const KNOWN_SHARE: u64 = 10;

/// A bare surname stands for the most frequent full name ending in it unless another is named in
/// this fraction (1/n) of its articles: the surname alone then means the frequent name at least
/// five times in six, if it is read as the full names are ("Quorve" is "Ada Quorve" beside "Bo
/// Quorve" in a seventh of her articles). A tenth kept a president's surname apart from him in
/// a bench corpus of a new seed, for a spouse named in an eighth of his articles.
const SURNAME_SHARE: u64 = 5;

/// Of the longer names a short one may stand for, those the corpus knows: named in at least
/// `MIN_KNOWN` articles and a `KNOWN_SHARE`th of the articles of the most frequent of them.
fn known_names(groups: &[Group], fulls: &[usize]) -> Vec<usize> {
    known_within(groups, fulls, KNOWN_SHARE)
}

/// [`known_names`] with the fraction `1/share` of the most frequent name's articles.
fn known_within(groups: &[Group], fulls: &[usize], share: u64) -> Vec<usize> {
    let top = fulls.iter().map(|&f| groups[f].articles).max().unwrap_or(0);
    fulls
        .iter()
        .copied()
        .filter(|&f| groups[f].articles >= MIN_KNOWN.max(top.div_ceil(share)))
        .collect()
}

/// Whether every word of `name` is capitalised, or is a particle names carry ("de", "van",
/// "bin").
fn written_as_a_name(name: &str) -> bool {
    use sitrep_indexer::ner::PARTICLES;
    name.split_whitespace().all(|w| {
        w.chars().next().is_some_and(|c| !c.is_lowercase())
            || PARTICLES.contains(&w)
            || w.starts_with("al-")
            || w.starts_with("el-")
    })
}

/// Kind prefixes of the entity column, in the order kinds win a tie.
const KINDS: [&str; 3] = ["o\u{1f}", "l\u{1f}", "p\u{1f}"];

/// Folds case, punctuation and a possessive "'s" at a word's end: "U.S. Army" and "US ARMY"
/// are "us army"; "Quorvel's Ratings" and "QUORVEL RATINGS" are "quorvel ratings" (extraction
/// cuts the possessive of a name's last word only, and a company named with one is written
/// with it and without it). The British "-isation" is the American "-ization".
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    let mut chars = name.chars();
    while let Some(c) = chars.next() {
        if matches!(c, '\'' | '’') && out.ends_with(char::is_alphanumeric) && !space {
            let mut rest = chars.clone();
            if rest.next().is_some_and(|s| s == 's' || s == 'S')
                && rest.next().is_none_or(|n| !n.is_alphanumeric())
            {
                chars.next();
                continue;
            }
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' {
            space = true;
        }
    }
    // British and American spellings of one name ("Organisation", "Organization")
    if out.contains("isation") {
        out = out.replace("isation", "ization");
    }
    out
}

/// The key values of one actor share: the folded name without a company's legal suffix
/// ("Tarvel Holdings Ltd" and "TARVEL HOLDINGS" are "tarvel holdings"; "Marsh, Quill and Co
/// Inc" is "marsh quill").
pub fn key(name: &str) -> String {
    let mut k = fold(name);
    let mut cut = false;
    while let Some((rest, last)) = k.rsplit_once(' ') {
        let legal = sitrep_indexer::ner::is_folded_company_suffix(last);
        let partners = cut && matches!(last, "and");
        if !(legal || partners) {
            break;
        }
        cut = true;
        k.truncate(rest.len());
    }
    k
}

/// Whether a name ends in a company's legal suffix ("Tarvel Holdings Ltd").
fn has_legal_suffix(name: &str) -> bool {
    name.split_whitespace()
        .last()
        .is_some_and(sitrep_indexer::ner::is_company_suffix)
}

/// Whether a value is written in capitals (a headline, a dateline or an acronym).
fn shouted(name: &str) -> bool {
    !name.chars().any(char::is_lowercase)
}

/// Two to six capital letters: an acronym.
fn is_acronym(name: &str) -> bool {
    (2..=6).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase())
}

/// The initials of a long form's capitalised words ("International Monetary Fund" → "IMF"); a
/// dotted abbreviation gives all its letters ("U.N. Fishing Office" → "UNFO").
pub fn initials(name: &str) -> String {
    let mut out = String::new();
    for w in name.split(|c: char| c.is_whitespace() || c == '-') {
        let dotted = w.len() >= 4
            && w.ends_with('.')
            && w.split('.').all(|p| {
                p.is_empty() || p.chars().count() == 1 && p.chars().all(char::is_uppercase)
            });
        if dotted {
            out.extend(w.chars().filter(|c| c.is_uppercase()));
        } else if let Some(c) = w.chars().next().filter(|c| c.is_uppercase()) {
            out.push(c);
        }
    }
    out
}

/// Whether an acronym of three letters or more abbreviates a long form written in another
/// language's word order, as the original acronyms of translated names do ("FRNV" beside "Front
/// for Velmoran National Renewal"): the same first letter, and the acronym's letters all among
/// the initials, with at most one initial left over.
fn translated_initials(acronym: &str, initials: &str) -> bool {
    if acronym.len() < 3
        || initials.len() < acronym.len()
        || initials.len() > acronym.len() + 1
        || acronym.bytes().next() != initials.bytes().next()
    {
        return false;
    }
    let mut left: Vec<u8> = initials.bytes().collect();
    acronym
        .bytes()
        .all(|c| match left.iter().position(|&x| x == c) {
            Some(i) => {
                left.swap_remove(i);
                true
            }
            None => false,
        })
}

/// A group of values resolved to one name.
#[derive(Debug, Clone, Default)]
struct Group {
    /// The kind prefix and name shown.
    name: String,
    members: Vec<String>,
    articles: u64,
    /// Merged into another group.
    into: Option<usize>,
}

/// Maps entity-column values (kind prefix + name) to the value that names their actor.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    /// Value → group index.
    of: HashMap<String, usize>,
    /// Folded name → group index.
    folded: HashMap<String, usize>,
    groups: Vec<Group>,
}

impl Resolver {
    /// Builds the groups from every value of the entity column with its number of articles
    /// (pair values included).
    pub fn build(values: &[(String, u64)]) -> Resolver {
        let mut pairs: HashMap<&str, Vec<(&str, u64)>> = HashMap::default();
        // 1. folded name → values of every kind
        let mut by_fold: HashMap<String, Vec<(&str, &str, u64)>> = HashMap::default();
        for (v, n) in values {
            if let Some(p) = v.strip_prefix(PAIR_PREFIX) {
                if let Some((acr, long)) = p.split_once(SEP) {
                    pairs.entry(acr).or_default().push((long, *n));
                }
                continue;
            }
            let Some(kind) = KINDS.iter().find(|k| v.starts_with(**k)) else {
                continue;
            };
            let name = &v[kind.len()..];
            by_fold.entry(key(name)).or_default().push((kind, name, *n));
        }
        let mut folds: Vec<(String, Vec<(&str, &str, u64)>)> = by_fold.into_iter().collect();
        folds.sort_by(|a, b| a.0.cmp(&b.0));
        let mut r = Resolver::default();
        // folded name → group (of the winning kind)
        let mut group_of_fold: HashMap<String, usize> = HashMap::default();
        for (folded, mut vals) in folds {
            vals.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            // 2. the kind with most articles (ties: organisation, place, person); a name written
            // with a legal suffix in a fifth of the articles is a company's
            let all: u64 = vals.iter().map(|v| v.2).sum();
            let firm: u64 = vals
                .iter()
                .filter(|v| v.0 == KINDS[0] && has_legal_suffix(v.1))
                .map(|v| v.2)
                .sum();
            let kind = KINDS
                .iter()
                .map(|k| {
                    (
                        vals.iter().filter(|v| v.0 == *k).map(|v| v.2).sum::<u64>(),
                        std::cmp::Reverse(KINDS.iter().position(|x| x == k)),
                    )
                })
                .zip(KINDS.iter())
                .max_by_key(|(score, _)| *score)
                .map(|(_, k)| *k)
                .filter(|_| firm * 5 < all)
                .unwrap_or(KINDS[0]);
            // the name: most articles, written in running text first
            let best = vals
                .iter()
                .filter(|v| v.0 == kind)
                .max_by(|a, b| {
                    (!shouted(a.1), a.2)
                        .cmp(&(!shouted(b.1), b.2))
                        .then_with(|| b.1.cmp(a.1))
                })
                .map(|v| v.1)
                .unwrap_or(vals[0].1);
            let g = r.groups.len();
            r.groups.push(Group {
                name: format!("{kind}{best}"),
                members: vals.iter().map(|v| format!("{}{}", v.0, v.1)).collect(),
                articles: vals.iter().map(|v| v.2).sum(),
                into: None,
            });
            for m in &r.groups[g].members {
                r.of.insert(m.clone(), g);
            }
            group_of_fold.insert(folded, g);
        }
        r.folded = group_of_fold.clone();
        let kind_of = |r: &Resolver, g: usize| -> &'static str {
            KINDS
                .iter()
                .find(|k| r.groups[g].name.starts_with(**k))
                .copied()
                .unwrap_or(KINDS[0])
        };
        // 3a. descriptions: a person name that ends in a more frequent person name of two words
        // or more, after words none of which is a given name, is that person ("Fleet Admiral Ada
        // Quorve"; not "Mary Ann Quorve" beside "Ann Quorve"); after words that are all titles
        // or ordinary words, half as many articles suffice (a title the articles keep)
        let gaz = sitrep_indexer::gazetteer::Gazetteer::builtin();
        let casing = sitrep_indexer::truecase::Truecaser::builtin();
        // (whether the lists know a word in one of `classes`)
        let listed = |w: &str, classes: u16| {
            gaz.word_classes(sitrep_indexer::gazetteer::token_hash(w)) & classes != 0
        };
        let given = |w: &str| listed(w, sitrep_indexer::gazetteer::class::FIRST);
        for g in 0..r.groups.len() {
            if kind_of(&r, g) != KINDS[2] {
                continue;
            }
            let name = r.groups[g].name[KINDS[2].len()..].to_string();
            let words: Vec<&str> = name.split_whitespace().collect();
            for cut in 1..words.len().saturating_sub(1) {
                if words[..cut].iter().any(|w| given(w)) {
                    break;
                }
                let Some(&h) = group_of_fold.get(&key(&words[cut..].join(" "))) else {
                    continue;
                };
                let described = words[..cut].iter().all(|w| {
                    casing.is_ordinary_word(w) || listed(w, sitrep_indexer::gazetteer::class::TITLE)
                });
                let (more, half) = (r.groups[h].articles, r.groups[g].articles);
                if h != g
                    && kind_of(&r, h) == KINDS[2]
                    && (more > half || (described && more * 2 >= half))
                {
                    r.join(g, h);
                    break;
                }
            }
        }
        // (the longer names of 3c' below, found first: a given name and a surname that two
        // longer names may stand for, one with a middle name and one with a second surname
        // ("Ada Bo Quorve", "Ada Quorve Tolosa"), stays apart)
        let mut by_first_surname: HashMap<String, Vec<usize>> = HashMap::default();
        for g in 0..r.groups.len() {
            if kind_of(&r, g) != KINDS[2] || r.groups[g].into.is_some() {
                continue;
            }
            let name = &r.groups[g].name[KINDS[2].len()..];
            let words: Vec<&str> = name.split_whitespace().collect();
            let n = words.len();
            if n < 3
                || !written_as_a_name(name)
                || !given(words[0])
                || words[n - 2].contains('.')
                || !sitrep_indexer::canon::two_surnames(gaz, name)
            {
                continue;
            }
            // (the first surname alone, and the given names with it)
            let short = fold(&words[..n - 1].join(" "));
            let first_surname = short.rsplit(' ').next().unwrap_or(&short).to_string();
            for key in [first_surname, short] {
                by_first_surname.entry(key).or_default().push(g);
            }
        }
        // 3b. middle names: a name and the one name that adds middle initials to it ("Ada
        // Quorve", "Ada B. Quorve"), or middle names or a particle after a given name ("Ada Bo
        // Quorve", "Ada Brell Quorve", "Ada de Quorve"), are one person, named as in most
        // articles; with two such longer names ("Ada B. Quorve", "Ada C. D. Quorve", "Ada Bo
        // Quorve") the short one stays apart
        // (with stops, or one capital letter without: "Ada B Quorve")
        let initial = |w: &str| {
            let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
            (w.contains('.') || letters.len() == 1)
                && !letters.is_empty()
                && letters.len() <= 3
                && letters.iter().all(|c| c.is_uppercase())
        };
        let mut by_short: HashMap<String, Vec<usize>> = HashMap::default();
        for g in 0..r.groups.len() {
            if kind_of(&r, g) != KINDS[2] || r.groups[g].into.is_some() {
                continue;
            }
            let words: Vec<&str> = r.groups[g].name[KINDS[2].len()..]
                .split_whitespace()
                .collect();
            let n = words.len();
            if n < 3 || initial(words[0]) {
                continue;
            }
            let middle = &words[1..n - 1];
            let mut shorts: Vec<String> = Vec::new();
            if middle.iter().any(|w| initial(w)) {
                let short: Vec<&str> = words
                    .iter()
                    .enumerate()
                    .filter(|&(i, w)| i == 0 || i == n - 1 || !initial(w))
                    .map(|(_, w)| *w)
                    .collect();
                shorts.push(key(&short.join(" ")));
            }
            // (middle words that are names: a particle, a given name, or a word that the lists
            // know as no surname and the casing lexicon as no ordinary word; after a given name,
            // in a name written as one. A word known only as a surname is the first of two
            // surnames, which the short form keeps: "Ada Quorve Tolosa" is "Ada Quorve")
            let surname = |w: &str| listed(w, sitrep_indexer::gazetteer::class::LAST);
            let named_middle = |w: &&str| {
                initial(w)
                    || sitrep_indexer::ner::PARTICLES.contains(w)
                    || given(w)
                    || !(surname(w) || casing.is_ordinary_word(w))
            };
            if !middle.iter().all(|w| initial(w))
                && given(words[0])
                && written_as_a_name(&words.join(" "))
                && middle.iter().all(named_middle)
            {
                let short = key(&format!("{} {}", words[0], words[n - 1]));
                if !shorts.contains(&short) {
                    shorts.push(short);
                }
            }
            for short in shorts {
                by_short.entry(short).or_default().push(g);
            }
        }
        // (the letters the middle names start with: "Ada B. Quorve" and "Ada Bo Quorve" may be
        // one person, "Ada B. Quorve" and "Ada C. D. Quorve" are two)
        let middle_letters = |r: &Resolver, g: usize| -> String {
            let words: Vec<&str> = r.groups[g].name[KINDS[2].len()..]
                .split_whitespace()
                .collect();
            words
                .get(1..words.len().saturating_sub(1))
                .unwrap_or_default()
                .iter()
                .filter(|w| !sitrep_indexer::ner::PARTICLES.contains(w))
                .flat_map(|w| {
                    let take = if initial(w) { usize::MAX } else { 1 };
                    w.chars().filter(|c| c.is_uppercase()).take(take)
                })
                .collect()
        };
        let rare = |r: &Resolver, long: usize, short: usize| {
            r.groups[long].articles < r.groups[short].articles.div_ceil(KNOWN_SHARE)
        };
        let mut shorts: Vec<(&String, &Vec<usize>)> = by_short.iter().collect();
        shorts.sort();
        for (short, longs) in shorts {
            let Some(&s) = group_of_fold.get(short) else {
                continue;
            };
            if kind_of(&r, s) != KINDS[2] || r.groups[s].into.is_some() {
                continue;
            }
            // a rare longer name (under a tenth of the short name's articles) joins the short
            // one, which most articles use, unless a frequent one has other middle letters (a
            // namesake: "Ada C. Quorve" beside "Ada Quorve" and "Ada B. Quorve")
            let (rare_longs, rest): (Vec<usize>, Vec<usize>) = longs
                .iter()
                .filter(|&&l| l != s)
                .partition(|&&l| rare(&r, l, s));
            for l in rare_longs {
                let letters = middle_letters(&r, l);
                if r.groups[l].into.is_none()
                    && rest.iter().all(|&f| middle_letters(&r, f) == letters)
                {
                    r.join(l, s);
                }
            }
            let second_surnames = by_first_surname
                .get(&fold(&r.groups[s].name[KINDS[2].len()..]))
                .map_or(&[][..], Vec::as_slice);
            if rest.is_empty()
                || second_surnames
                    .iter()
                    .any(|&f| !rest.contains(&f) && !rare(&r, f, s))
            {
                continue;
            }
            // the longer names left must be one person's: the same middle letters
            let rest = known_names(&r.groups, &rest);
            let Some(&first) = rest.first() else {
                continue;
            };
            let letters = middle_letters(&r, first);
            if rest.iter().any(|&l| middle_letters(&r, l) != letters) {
                continue;
            }
            let Some(&top) = rest
                .iter()
                .max_by_key(|&&l| (r.groups[l].articles, std::cmp::Reverse(l)))
            else {
                continue;
            };
            for &l in &rest {
                if l != top && r.groups[l].into.is_none() {
                    r.join(l, top);
                }
            }
            let (from, to) = if r.groups[top].articles > r.groups[s].articles {
                (s, top)
            } else {
                (top, s)
            };
            // (a long name shortened both ways joins once: "Ada Bo B. Quorve" is a long name of
            // "Ada Bo Quorve" and of "Ada Quorve")
            if r.groups[from].into.is_none() {
                r.join(from, to);
            }
        }
        // 3c. surnames: a one-word person with exactly one longer person name ending in it
        let mut by_last: HashMap<String, Vec<usize>> = HashMap::default();
        for g in 0..r.groups.len() {
            if kind_of(&r, g) != KINDS[2] || r.groups[g].into.is_some() {
                continue;
            }
            let name = &r.groups[g].name[KINDS[2].len()..];
            // only a name written as one ("Ada Quorve", "Ana de la Quorve"): a fragment of a
            // sentence that the tagger took for a name ("Bo said President Quorve") is no second
            // person with the surname
            if !written_as_a_name(name) {
                continue;
            }
            let folded = fold(name);
            if let Some((_, last)) = folded.rsplit_once(' ') {
                by_last.entry(last.to_string()).or_default().push(g);
            }
        }
        for g in 0..r.groups.len() {
            if kind_of(&r, g) != KINDS[2] {
                continue;
            }
            let folded = fold(&r.groups[g].name[KINDS[2].len()..]);
            if folded.contains(' ') {
                continue;
            }
            let Some(fulls) = by_last.get(&folded) else {
                continue;
            };
            if let [full] = known_within(&r.groups, fulls, SURNAME_SHARE)[..] {
                r.join(g, full);
            }
        }
        // 3c'. first surnames: a one-word person that ends no longer name, or a given name and
        // a surname that start no longer name but one, joins the one name of three words or more
        // that has it before a second surname, after a given name ("Quevarra" and "Ramiro
        // Quevarra" of "Ramiro Quevarra Tolosa"), known as in 3c
        for g in 0..r.groups.len() {
            if kind_of(&r, g) != KINDS[2] || r.groups[g].into.is_some() {
                continue;
            }
            let folded = fold(&r.groups[g].name[KINDS[2].len()..]);
            if by_last.contains_key(&folded) {
                continue;
            }
            let Some(fulls) = by_first_surname.get(&folded) else {
                continue;
            };
            // (nor one that a longer name with a middle name may stand for, as in 3b)
            let middles = by_short.get(&key(&r.groups[g].name[KINDS[2].len()..]));
            if middles.is_some_and(|m| m.iter().any(|&m| !fulls.contains(&m) && !rare(&r, m, g))) {
                continue;
            }
            // (a longer name that 3b joined to another stands for the name it joined)
            let mut fulls: Vec<usize> = fulls.iter().map(|&f| r.root(f)).collect();
            fulls.sort_unstable();
            fulls.dedup();
            if fulls.contains(&g) {
                continue;
            }
            if let [full] = known_names(&r.groups, &fulls)[..] {
                // (a rare longer variant joins a frequent given name and surname instead: the
                // name most articles use names the actor)
                let rare = r.groups[full].articles < r.groups[g].articles.div_ceil(KNOWN_SHARE);
                if !rare {
                    r.join(g, full);
                } else if folded.contains(' ') && r.groups[full].into.is_none() {
                    r.join(full, g);
                }
            }
        }
        // 3d. firms' short names: a one-word person that the corpus's longer people's names do
        // not explain (they end or start with it in under half as many articles as it has
        // alone), or a longer one whose first word is no given name or initial, and whose
        // words start organisations' names of it ("Quorvy" beside
        // "Quorvy Grain Inc", "Quorvy Brell" beside "Quorvy Brell Securities Inc"), is an
        // organisation: when one of those names starts every other and is named in more
        // articles ("Velm Lynch", "Velm Lynch Canada Inc"), that one; else the organisation the
        // corpus writes its words as, if any ("Quorvy Inc"). The organisations must show a
        // legal suffix or be named in as many articles as the person.
        let counts: HashMap<&str, u64> = values.iter().map(|(v, n)| (v.as_str(), *n)).collect();
        // (words of people's names, with the articles of those names)
        let mut person_words: HashMap<String, u64> = HashMap::default();
        // (organisations by their first word, with their folded names)
        let mut orgs_by_first: HashMap<String, Vec<(usize, String)>> = HashMap::default();
        for g in 0..r.groups.len() {
            if r.groups[g].into.is_some() {
                continue;
            }
            let kind = kind_of(&r, g);
            let name = &r.groups[g].name[kind.len()..];
            let folded = fold(name);
            let Some((first, _)) = folded.split_once(' ') else {
                continue;
            };
            if kind == KINDS[2] && written_as_a_name(name) {
                // (its first word only when a given name: "Quorvy Grain" may be a firm too; its
                // last word only after a given name or an initial: "Northern Quorvy" may be a
                // firm's unit too)
                let first_word = name.split_whitespace().next().unwrap_or("");
                let articles = r.groups[g].articles;
                if given(first_word) {
                    *person_words.entry(first.to_string()).or_default() += articles;
                }
                let initial = first_word.len() <= 4 && first_word.ends_with('.');
                if given(first_word) || initial {
                    if let Some(last) = folded.rsplit(' ').next() {
                        *person_words.entry(last.to_string()).or_default() += articles;
                    }
                }
            } else if kind == KINDS[0] {
                orgs_by_first
                    .entry(first.to_string())
                    .or_default()
                    .push((g, folded.clone()));
            }
        }
        for g in 0..r.groups.len() {
            if kind_of(&r, g) != KINDS[2] || r.groups[g].into.is_some() {
                continue;
            }
            let name = r.groups[g].name[KINDS[2].len()..].to_string();
            let folded = fold(&name);
            // (a longer "person" too, when its first word is no given name or initial: "Quorvy
            // Brell" beside "Quorvy Brell Securities Inc")
            // (a word that people's names carry in half as many articles as it has alone is
            // their surname or given name; in fewer, those names do not explain it: "Quorvy" in
            // 85 articles beside "Ada Quorvy" in 20 is "Quorvy Brell Inc" if that is frequent)
            let named = person_words.get(&folded).copied().unwrap_or(0);
            let first = match folded.split_once(' ') {
                None if named * 2 >= r.groups[g].articles && named > 0 => continue,
                None => folded.as_str(),
                Some((first, _)) => {
                    let first_word = name.split_whitespace().next().unwrap_or("");
                    if given(first_word) || first_word.ends_with('.') {
                        continue;
                    }
                    first
                }
            };
            let Some(orgs) = orgs_by_first.get(first) else {
                continue;
            };
            let prefix = format!("{folded} ");
            let orgs: Vec<usize> = orgs
                .iter()
                .filter(|(_, f)| f.starts_with(&prefix))
                .map(|(o, _)| *o)
                .collect();
            if orgs.is_empty() {
                continue;
            }
            let articles: u64 = orgs.iter().map(|&o| r.groups[o].articles).sum();
            let suffixed = orgs
                .iter()
                .any(|&o| has_legal_suffix(&r.groups[o].name[KINDS[0].len()..]));
            if !suffixed && articles < r.groups[g].articles {
                continue;
            }
            let folded_org = |o: usize| key(&r.groups[o].name[KINDS[0].len()..]);
            let shortest = orgs
                .iter()
                .copied()
                .min_by_key(|&o| (folded_org(o).len(), o))
                .unwrap_or(orgs[0]);
            let head = format!("{} ", folded_org(shortest));
            let starts_all = orgs
                .iter()
                .all(|&o| o == shortest || folded_org(o).starts_with(&head));
            if starts_all && r.groups[shortest].articles > r.groups[g].articles {
                r.join(g, shortest);
            } else if let Some(firm) = r.groups[g]
                .members
                .iter()
                .filter(|m| m.starts_with(KINDS[0]))
                .max_by_key(|m| {
                    (
                        counts.get(m.as_str()).copied().unwrap_or(0),
                        std::cmp::Reverse(m.len()),
                    )
                })
            {
                // (a name the corpus writes as an organisation: facets count existing values)
                r.groups[g].name = firm.clone();
            }
        }
        // 3e. a country's organisations: an organisation named without its country ("Fishing
        // Office") joins the one named with a country or its adjective before it ("U.S. Fishing
        // Office") when that is the only name the corpus knows (as in 3c) that ends in it; a
        // name that many organisations end in ("Fishing Office" beside "Tokyo Fishing Office"
        // and "British Fishing Office") stays apart
        let national = |words: &[&str]| {
            // (capitalised, and no ordinary word: "And" is a country's code)
            words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && !casing.is_ordinary_word(w)
            }) && gaz.lookup(&words.join(" ")).is_some_and(|e| {
                // (a country, or a word that is only a nationality: the lists mark towns
                // and regions with their country's nationality too)
                use sitrep_indexer::gazetteer::class::{COUNTRY, NATIONAL};
                e.classes & COUNTRY != 0 || e.classes == NATIONAL
            })
        };
        let org = |r: &Resolver, g: usize| kind_of(r, g) == KINDS[0] && r.groups[g].into.is_none();
        // bare name's group → its groups named with a country
        let mut with_country: HashMap<usize, Vec<usize>> = HashMap::default();
        for g in (0..r.groups.len()).filter(|&g| org(&r, g)) {
            let words: Vec<&str> = r.groups[g].name[KINDS[0].len()..]
                .split_whitespace()
                .collect();
            for p in 1..words.len().min(3) {
                if !national(&words[..p]) {
                    continue;
                }
                if let Some(&h) = group_of_fold.get(&key(&words[p..].join(" "))) {
                    if h != g && org(&r, h) {
                        with_country.entry(h).or_default().push(g);
                    }
                }
            }
        }
        if !with_country.is_empty() {
            // every organisation's name that ends in a bare name, whatever precedes it
            let mut ending: HashMap<usize, Vec<usize>> = HashMap::default();
            for g in (0..r.groups.len()).filter(|&g| org(&r, g)) {
                let words: Vec<&str> = r.groups[g].name[KINDS[0].len()..]
                    .split_whitespace()
                    .collect();
                for p in 1..words.len() {
                    if let Some(&h) = group_of_fold.get(&key(&words[p..].join(" "))) {
                        if h != g && with_country.contains_key(&h) {
                            ending.entry(h).or_default().push(g);
                        }
                    }
                }
            }
            let mut bare: Vec<usize> = with_country.keys().copied().collect();
            bare.sort_unstable();
            for h in bare {
                let mut longer = ending.remove(&h).unwrap_or_default();
                longer.sort_unstable();
                longer.dedup();
                let [l] = known_names(&r.groups, &longer)[..] else {
                    continue;
                };
                if !with_country[&h].contains(&l) || !org(&r, h) || !org(&r, l) {
                    continue;
                }
                if r.groups[l].articles > r.groups[h].articles {
                    r.join(h, l);
                } else {
                    r.join(l, h);
                }
            }
        }
        // 3f. organisations' short names: an organisation's name that starts the one longer
        // organisation's name the corpus knows (as in 3c) that starts with it, and that one named
        // in more articles ("Quorvy Brell" of "Quorvy Brell Securities Inc", "Fishing" of a
        // fishing office), is that organisation; not an acronym (step 4 pairs those) nor a lone
        // ordinary word ("Air" beside "Air Force" is no name of it)
        let mut starting: HashMap<String, Vec<usize>> = HashMap::default();
        for g in (0..r.groups.len()).filter(|&g| org(&r, g)) {
            let name = key(&r.groups[g].name[KINDS[0].len()..]);
            let mut end = 0;
            while let Some(i) = name[end..].find(' ') {
                end += i;
                starting.entry(name[..end].to_string()).or_default().push(g);
                end += 1;
            }
        }
        for g in 0..r.groups.len() {
            if !org(&r, g) {
                continue;
            }
            let name = &r.groups[g].name[KINDS[0].len()..];
            // (a name with a legal suffix is a firm's full name: "Quorvy Plc" is no part of
            // "Quorvy Brell Plc")
            if is_acronym(name)
                || has_legal_suffix(name)
                || (!name.contains(' ') && casing.is_ordinary_word(name))
            {
                continue;
            }
            let Some(longer) = starting.get(&key(name)) else {
                continue;
            };
            let longer: Vec<usize> = longer.iter().copied().filter(|&l| l != g).collect();
            if let [l] = known_names(&r.groups, &longer)[..] {
                if r.groups[l].articles > r.groups[g].articles && org(&r, l) {
                    r.join(g, l);
                }
            }
        }
        // 3g. a party's members: an organisation named as a capitalised plural ("Quorvists",
        // "Free Velmarists") is the one party the corpus names after its singular, or after the
        // adjective in "-ic" ("Quorvist Party", "Free Velmaristic Party"), when it knows exactly
        // one of the two (as in 3c: a name in a tenth of the other's articles is not known)
        for g in 0..r.groups.len() {
            if !org(&r, g) {
                continue;
            }
            let name = &r.groups[g].name[KINDS[0].len()..];
            let last = name.rsplit(' ').next().unwrap_or(name);
            if !(last.len() > 4
                && last.ends_with('s')
                && !last.ends_with("ss")
                && last.chars().next().is_some_and(char::is_uppercase)
                && last.chars().skip(1).all(|c| c.is_ascii_lowercase()))
            {
                continue;
            }
            let singular = &name[..name.len() - 1];
            let parties: Vec<usize> = [format!("{singular} Party"), format!("{singular}ic Party")]
                .iter()
                .filter_map(|p| group_of_fold.get(&key(p)).copied())
                .filter(|&p| p != g && org(&r, p))
                .collect();
            if let [p] = known_names(&r.groups, &parties)[..] {
                r.join(g, p);
            }
        }
        // 3h. spellings: an organisation or a person written with or without a space, a
        // hyphen or an apostrophe inside a name ("Velm Harbour" and "VelmHarbour", "Inter-Velm"
        // and "InterVelm", "Quorvel's Inc" and "Quorvels Inc") is the value of its kind with
        // the most articles among those spelt alike. Places are left apart: "New Castle" and
        // "Newcastle" are two towns.
        // (a lone ordinary word is left alone: "Homeland" is no spelling of a company's
        // "Home-Land Inc")
        let spellings: Vec<(usize, &str, String)> = (0..r.groups.len())
            .filter(|&g| r.groups[g].into.is_none())
            .filter_map(|g| {
                let k = kind_of(&r, g);
                let name = &r.groups[g].name[k.len()..];
                let word = !name.contains([' ', '-']) && casing.is_ordinary_word(name);
                (k != KINDS[1] && !word).then(|| {
                    let compact = key(&name.replace(['\'', '’'], "")).replace(' ', "");
                    (g, k, compact)
                })
            })
            .collect();
        // (as for a group's name: written in running text first, then most articles)
        let rank = |g: usize| {
            let name = &r.groups[g].name;
            (
                !shouted(&name[kind_of(&r, g).len()..]),
                r.groups[g].articles,
                std::cmp::Reverse(name),
            )
        };
        let mut spelt: HashMap<(&str, &str), usize> = HashMap::default();
        for (g, k, compact) in &spellings {
            let best = spelt.entry((k, compact)).or_insert(*g);
            if rank(*g) > rank(*best) {
                *best = *g;
            }
        }
        let joins: Vec<(usize, usize)> = spellings
            .iter()
            .map(|(g, k, compact)| (*g, spelt[&(*k, compact.as_str())]))
            .filter(|(g, best)| g != best)
            .collect();
        for (g, best) in joins {
            r.join(g, best);
        }
        // 4. acronyms paired with one long form
        for (acr, longs) in pairs {
            let Some(&g) = group_of_fold.get(&key(acr)) else {
                continue;
            };
            if kind_of(&r, g) != KINDS[0] || !is_acronym(acr) {
                continue;
            }
            let mut votes: HashMap<usize, u64> = HashMap::default();
            for (long, n) in longs {
                if let Some(&lg) = group_of_fold.get(&key(long)) {
                    if lg != g && kind_of(&r, lg) == KINDS[0] {
                        *votes.entry(lg).or_default() += n;
                    }
                }
            }
            let total: u64 = votes.values().sum();
            let best = votes.into_iter().max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| r.groups[b.0].name.cmp(&r.groups[a.0].name))
            });
            if let Some((lg, _)) = best.filter(|(_, n)| n * 3 >= total * 2) {
                r.join(g, lg);
            }
        }
        // follow chains (an acronym of a long form that is itself merged; no cycles: see
        // `join`)
        for g in 0..r.groups.len() {
            let mut t = g;
            let mut steps = 0;
            while let Some(n) = r.groups[t].into {
                t = n;
                steps += 1;
                if steps > r.groups.len() {
                    break;
                }
            }
            if t != g {
                r.groups[g].into = Some(t);
                let moved = std::mem::take(&mut r.groups[g].members);
                let articles = r.groups[g].articles;
                for m in &moved {
                    r.of.insert(m.clone(), t);
                }
                r.groups[t].members.extend(moved);
                r.groups[t].articles += articles;
            }
        }
        r
    }

    /// The group that `g` is merged into, through every step; `g` itself when none.
    fn root(&self, g: usize) -> usize {
        let mut t = g;
        for _ in 0..self.groups.len() {
            match self.groups[t].into {
                Some(n) => t = n,
                None => break,
            }
        }
        t
    }

    /// Merges group `from` into `to`, unless `to` is already merged into `from` (directly or
    /// through other groups): the steps join longer names into shorter ones and the reverse,
    /// and a cycle would leave the actor without a name.
    fn join(&mut self, from: usize, to: usize) {
        let mut t = to;
        for _ in 0..=self.groups.len() {
            if t == from {
                return;
            }
            match self.groups[t].into {
                Some(n) => t = n,
                None => break,
            }
        }
        self.groups[from].into = Some(to);
    }

    fn group(&self, value: &str) -> Option<&Group> {
        let mut g = *self.of.get(value)?;
        while let Some(n) = self.groups[g].into {
            g = n;
        }
        self.groups.get(g)
    }

    /// The value that names `value`'s actor (kind prefix + name); `value` itself when unknown.
    pub fn resolve<'a>(&'a self, value: &'a str) -> &'a str {
        self.group(value).map_or(value, |g| g.name.as_str())
    }

    /// The value naming the actor of a name written in any case or punctuation.
    fn by_fold(&self, name: &str) -> Option<&str> {
        let mut g = *self.folded.get(&key(name))?;
        while let Some(n) = self.groups[g].into {
            g = n;
        }
        Some(self.groups[g].name.as_str())
    }

    /// The value naming the actor of `name` of kind `kind` (a kind prefix), when known.
    pub fn resolve_name(&self, kind: &str, name: &str) -> Option<&str> {
        let mut v = String::with_capacity(kind.len() + name.len());
        v.push_str(kind);
        v.push_str(name);
        self.group(&v).map(|g| g.name.as_str())
    }

    /// Every value resolved to the same actor as `value` (itself included).
    pub fn members<'a>(&'a self, value: &'a str) -> Vec<&'a str> {
        match self.group(value) {
            Some(g) => g.members.iter().map(String::as_str).collect(),
            None => vec![value],
        }
    }

    /// Whether any value is resolved to another.
    pub fn is_trivial(&self) -> bool {
        self.groups
            .iter()
            .all(|g| g.into.is_none() && g.members.len() <= 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(values: &[(&str, u64)]) -> Resolver {
        Resolver::build(
            &values
                .iter()
                .map(|(v, n)| (v.to_string(), *n))
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn table() {
        // (values with article counts, value, resolved name)
        let cases: &[(&[(&str, u64)], &str, &str)] = &[
            // case and punctuation variants; running text wins over capitals
            (
                &[("l\u{1f}PORT VELMA", 30), ("l\u{1f}Port Velma", 10)],
                "l\u{1f}PORT VELMA",
                "l\u{1f}Port Velma",
            ),
            (
                &[("o\u{1f}U.N.R.F.", 3), ("o\u{1f}UNRF", 5)],
                "o\u{1f}U.N.R.F.",
                "o\u{1f}UNRF",
            ),
            // a company written with and without its possessive and legal suffix
            (
                &[
                    ("o\u{1f}Quorvel Ratings", 5),
                    ("o\u{1f}Quorvel's Ratings Inc", 20),
                ],
                "o\u{1f}Quorvel Ratings",
                "o\u{1f}Quorvel's Ratings Inc",
            ),
            // spellings with and without a space or a hyphen: one organisation, one person;
            // two places
            (
                &[
                    ("o\u{1f}Velm Harbour Inc", 49),
                    ("o\u{1f}VelmHarbour Inc", 181),
                ],
                "o\u{1f}Velm Harbour Inc",
                "o\u{1f}VelmHarbour Inc",
            ),
            (
                &[
                    ("o\u{1f}Inter-Quorvy Bank", 20),
                    ("o\u{1f}InterQuorvy Bank", 5),
                ],
                "o\u{1f}InterQuorvy Bank",
                "o\u{1f}Inter-Quorvy Bank",
            ),
            (
                &[
                    ("o\u{1f}Brell's Tarvel Corp", 30),
                    ("o\u{1f}Brells Tarvel Corp", 10),
                ],
                "o\u{1f}Brells Tarvel Corp",
                "o\u{1f}Brell's Tarvel Corp",
            ),
            (
                &[
                    ("o\u{1f}VELM'S TARVEL INC", 4),
                    ("o\u{1f}Velms Tarvel Inc", 4),
                ],
                "o\u{1f}VELM'S TARVEL INC",
                "o\u{1f}Velms Tarvel Inc",
            ),
            (
                &[("p\u{1f}Orrin Velm", 30), ("p\u{1f}OrrinVelm", 5)],
                "p\u{1f}OrrinVelm",
                "p\u{1f}Orrin Velm",
            ),
            (
                &[("o\u{1f}Harvest-Lines Inc", 30), ("o\u{1f}Harvestlines", 8)],
                "o\u{1f}Harvestlines",
                "o\u{1f}Harvest-Lines Inc",
            ),
            (
                &[("o\u{1f}Home-Land Inc", 30), ("o\u{1f}Homeland", 8)],
                "o\u{1f}Homeland",
                "o\u{1f}Homeland",
            ),
            (
                &[("l\u{1f}New Tarvel", 20), ("l\u{1f}Newtarvel", 8)],
                "l\u{1f}Newtarvel",
                "l\u{1f}Newtarvel",
            ),
            (
                &[("o\u{1f}Quorvy Brell", 20), ("l\u{1f}QuorvyBrell", 8)],
                "l\u{1f}QuorvyBrell",
                "l\u{1f}QuorvyBrell",
            ),
            // a first surname, and a given name with it, join the one name with a second
            // surname; with two such names, or a name that ends in it, they do not
            (
                &[
                    ("p\u{1f}Quevarra", 30),
                    ("p\u{1f}Ramiro Quevarra", 12),
                    ("p\u{1f}Ramiro Quevarra Tolosa", 5),
                ],
                "p\u{1f}Quevarra",
                "p\u{1f}Ramiro Quevarra Tolosa",
            ),
            (
                &[
                    ("p\u{1f}Quevarra", 30),
                    ("p\u{1f}Ramiro Quevarra", 12),
                    ("p\u{1f}Ramiro Quevarra Tolosa", 5),
                ],
                "p\u{1f}Ramiro Quevarra",
                "p\u{1f}Ramiro Quevarra Tolosa",
            ),
            (
                &[
                    ("p\u{1f}Quevarra", 30),
                    ("p\u{1f}Ramiro Quevarra Tolosa", 5),
                    ("p\u{1f}Rita Quevarra Brell", 5),
                ],
                "p\u{1f}Quevarra",
                "p\u{1f}Quevarra",
            ),
            (
                &[
                    ("p\u{1f}Quevarra", 30),
                    ("p\u{1f}Guy Quevarra", 10),
                    ("p\u{1f}Ramiro Quevarra Tolosa", 5),
                ],
                "p\u{1f}Quevarra",
                "p\u{1f}Guy Quevarra",
            ),
            // ... but a rare longer variant joins the frequent name
            (
                &[
                    ("p\u{1f}Ramiro Quevarra", 300),
                    ("p\u{1f}Ramiro Quevarra Tolosa", 5),
                ],
                "p\u{1f}Ramiro Quevarra Tolosa",
                "p\u{1f}Ramiro Quevarra",
            ),
            // ... and no headline's verb is a second surname
            (
                &[
                    ("p\u{1f}Ramiro Quevarra", 30),
                    ("p\u{1f}Ramiro Quevarra Announces", 5),
                ],
                "p\u{1f}Ramiro Quevarra",
                "p\u{1f}Ramiro Quevarra",
            ),
            // a firm's short name taken for a person: an organisation of its own, or the
            // organisation whose name starts every other and is named more often
            (
                &[
                    ("p\u{1f}Quorvy", 10),
                    ("o\u{1f}Quorvy Inc", 2),
                    ("o\u{1f}Quorvy Grain Inc", 3),
                ],
                "p\u{1f}Quorvy",
                "o\u{1f}Quorvy Inc",
            ),
            // ... also when "people" that are no given name and a surname end in the word
            // (a firm's units taken for people)
            (
                &[
                    ("p\u{1f}Quorvy", 10),
                    ("p\u{1f}Northern Quorvy", 3),
                    ("p\u{1f}Eastern Quorvy", 3),
                    ("o\u{1f}Quorvy Inc", 2),
                    ("o\u{1f}Quorvy Grain Inc", 3),
                ],
                "p\u{1f}Quorvy",
                "o\u{1f}Quorvy Inc",
            ),
            (
                &[
                    ("p\u{1f}Velm", 10),
                    ("o\u{1f}Velm Lynch", 50),
                    ("o\u{1f}Velm Lynch Canada Inc", 5),
                ],
                "p\u{1f}Velm",
                "o\u{1f}Velm Lynch",
            ),
            // ... also beside people's names with the word, when these are named in fewer than
            // half as many articles as the word alone (they do not explain it)
            (
                &[
                    ("p\u{1f}Velm", 85),
                    ("p\u{1f}Ada Velm", 15),
                    ("p\u{1f}Bo Velm", 5),
                    ("o\u{1f}Velm Lynch", 900),
                    ("o\u{1f}Velm Lynch Canada Inc", 80),
                ],
                "p\u{1f}Velm",
                "o\u{1f}Velm Lynch",
            ),
            (
                &[
                    ("p\u{1f}Velm", 85),
                    ("p\u{1f}Ada Velm", 33),
                    ("p\u{1f}Bo Velm", 10),
                    ("o\u{1f}Velm Lynch", 900),
                    ("o\u{1f}Velm Lynch Canada Inc", 80),
                ],
                "p\u{1f}Velm",
                "p\u{1f}Velm",
            ),
            // a "person" of two words that starts no name with a given name, the same
            (
                &[
                    ("p\u{1f}Quorvy Brell", 10),
                    ("o\u{1f}Quorvy Brell Securities Inc", 30),
                ],
                "p\u{1f}Quorvy Brell",
                "o\u{1f}Quorvy Brell Securities Inc",
            ),
            (
                &[
                    ("p\u{1f}Quorvy Brell", 10),
                    ("o\u{1f}Quorvy Brell", 2),
                    ("o\u{1f}Quorvy Brell, Velm and Co Inc", 5),
                    ("o\u{1f}Quorvy Brell Asia Inc", 1),
                ],
                "p\u{1f}Quorvy Brell",
                "o\u{1f}Quorvy Brell",
            ),
            (
                &[
                    ("p\u{1f}Guy Brell", 10),
                    ("o\u{1f}Guy Brell Holdings Inc", 30),
                ],
                "p\u{1f}Guy Brell",
                "p\u{1f}Guy Brell",
            ),
            // not a surname or a given name of a longer person's name, nor beside organisations
            // without a legal suffix named less often
            (
                &[
                    ("p\u{1f}Brell", 10),
                    ("p\u{1f}Ada Brell", 20),
                    ("o\u{1f}Brell Motor Co", 30),
                ],
                "p\u{1f}Brell",
                "p\u{1f}Ada Brell",
            ),
            (
                &[
                    ("p\u{1f}Ada", 10),
                    ("p\u{1f}Ada Kelmore", 2),
                    ("o\u{1f}Ada Foundation Inc", 5),
                ],
                "p\u{1f}Ada",
                "p\u{1f}Ada",
            ),
            (
                &[
                    ("p\u{1f}Quorvy", 10),
                    ("p\u{1f}QUORVY", 4),
                    ("p\u{1f}Quorvy Bulletin", 2),
                    ("o\u{1f}Quorvy Corp", 1),
                    ("o\u{1f}Quorvy Grain Inc", 5),
                ],
                "p\u{1f}QUORVY",
                "o\u{1f}Quorvy Corp",
            ),
            // no value of the corpus names it as an organisation: it stays as it is
            (
                &[("p\u{1f}Quorvy", 10), ("o\u{1f}Quorvy Grain Inc", 3)],
                "p\u{1f}Quorvy",
                "p\u{1f}Quorvy",
            ),
            (
                &[("p\u{1f}Tarvela", 10), ("o\u{1f}Tarvela Group", 3)],
                "p\u{1f}Tarvela",
                "p\u{1f}Tarvela",
            ),
            // one kind: the kind of most articles
            (
                &[("p\u{1f}ZLNF", 6), ("o\u{1f}ZLNF", 10)],
                "p\u{1f}ZLNF",
                "o\u{1f}ZLNF",
            ),
            (
                &[
                    ("p\u{1f}Norland", 2),
                    ("l\u{1f}Norland", 9),
                    ("o\u{1f}Norland", 3),
                ],
                "o\u{1f}Norland",
                "l\u{1f}Norland",
            ),
            // a surname with one full name joins it; with two it stays apart
            (
                &[("p\u{1f}Quorve", 40), ("p\u{1f}Ada Quorve", 5)],
                "p\u{1f}Quorve",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[("p\u{1f}QUORVE", 40), ("p\u{1f}Ada Quorve", 5)],
                "p\u{1f}QUORVE",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[
                    ("p\u{1f}Quorve", 40),
                    ("p\u{1f}Ada Quorve", 5),
                    ("p\u{1f}Bo Quorve", 2),
                ],
                "p\u{1f}Quorve",
                "p\u{1f}Quorve",
            ),
            // a longer name in under a tenth of the articles of the most frequent is noise
            (
                &[
                    ("p\u{1f}Quorve", 40),
                    ("p\u{1f}Ada Quorve", 20),
                    ("p\u{1f}Fleet Admiral Ada Quorve", 5),
                ],
                "p\u{1f}Quorve",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[
                    ("p\u{1f}Ada Quorve", 20),
                    ("p\u{1f}Fleet Admiral Ada Quorve", 5),
                ],
                "p\u{1f}Fleet Admiral Ada Quorve",
                "p\u{1f}Ada Quorve",
            ),
            // (a title named in more articles than the name alone still goes: half as many
            // suffice)
            (
                &[
                    ("p\u{1f}Ada Quorve", 19),
                    ("p\u{1f}Fleet Admiral Ada Quorve", 20),
                ],
                "p\u{1f}Fleet Admiral Ada Quorve",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[
                    ("p\u{1f}Ada Quorve", 9),
                    ("p\u{1f}Fleet Admiral Ada Quorve", 20),
                ],
                "p\u{1f}Fleet Admiral Ada Quorve",
                "p\u{1f}Fleet Admiral Ada Quorve",
            ),
            (
                &[("p\u{1f}Ada Quorve", 19), ("p\u{1f}Tarvel Ada Quorve", 20)],
                "p\u{1f}Tarvel Ada Quorve",
                "p\u{1f}Tarvel Ada Quorve",
            ),
            (
                &[("p\u{1f}Ann Quorve", 20), ("p\u{1f}Mary Ann Quorve", 5)],
                "p\u{1f}Mary Ann Quorve",
                "p\u{1f}Mary Ann Quorve",
            ),
            (
                &[
                    ("p\u{1f}Quorve", 40),
                    ("p\u{1f}Ada Quorve", 50),
                    ("p\u{1f}Bo Quorve", 1),
                ],
                "p\u{1f}Quorve",
                "p\u{1f}Ada Quorve",
            ),
            // (another full name in under a fifth of the frequent one's articles: the surname
            // is the frequent one's; from a fifth on, it stays apart)
            (
                &[
                    ("p\u{1f}Quorve", 40),
                    ("p\u{1f}Ada Quorve", 60),
                    ("p\u{1f}Bo Quorve", 11),
                ],
                "p\u{1f}Quorve",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[
                    ("p\u{1f}Quorve", 40),
                    ("p\u{1f}Ada Quorve", 60),
                    ("p\u{1f}Bo Quorve", 12),
                ],
                "p\u{1f}Quorve",
                "p\u{1f}Quorve",
            ),
            // a fragment of a sentence taken for a name is no second person with the surname
            (
                &[
                    ("p\u{1f}Quorve", 40),
                    ("p\u{1f}Ada Quorve", 20),
                    ("p\u{1f}Bo said President Quorve", 2),
                ],
                "p\u{1f}Quorve",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[
                    ("p\u{1f}Quorve", 40),
                    ("p\u{1f}Ada Quorve", 20),
                    ("p\u{1f}Ana de la Quorve", 4),
                ],
                "p\u{1f}Quorve",
                "p\u{1f}Quorve",
            ),
            // middle initials: one longer form joins; two keep the short form apart
            (
                &[("p\u{1f}Ada Quorve", 40), ("p\u{1f}Ada B. Quorve", 5)],
                "p\u{1f}Ada B. Quorve",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[("p\u{1f}Ada Quorve", 4), ("p\u{1f}Ada B. Quorve", 5)],
                "p\u{1f}Ada Quorve",
                "p\u{1f}Ada B. Quorve",
            ),
            // an initial written without its stop, even one that is also a word
            (
                &[("p\u{1f}Ada Quorve", 40), ("p\u{1f}Ada A Quorve", 5)],
                "p\u{1f}Ada A Quorve",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[
                    ("p\u{1f}Ada Quorve", 40),
                    ("p\u{1f}Ada B. Quorve", 5),
                    ("p\u{1f}Ada C. D. Quorve", 5),
                ],
                "p\u{1f}Ada B. Quorve",
                "p\u{1f}Ada B. Quorve",
            ),
            (
                &[
                    ("p\u{1f}Quorve", 40),
                    ("p\u{1f}Ada Quorve", 30),
                    ("p\u{1f}Ada B. Quorve", 5),
                ],
                "p\u{1f}Quorve",
                "p\u{1f}Ada Quorve",
            ),
            // middle names after a given name, and particles, as middle initials
            (
                &[("p\u{1f}Ada Quorve", 30), ("p\u{1f}Ada Bo Quorve", 5)],
                "p\u{1f}Ada Bo Quorve",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[("p\u{1f}Ada Quorve", 3), ("p\u{1f}Ada Brell Quorve", 5)],
                "p\u{1f}Ada Quorve",
                "p\u{1f}Ada Brell Quorve",
            ),
            (
                &[("p\u{1f}Ada Quorve", 3), ("p\u{1f}Ada de Quorve", 5)],
                "p\u{1f}Ada Quorve",
                "p\u{1f}Ada de Quorve",
            ),
            (
                &[
                    ("p\u{1f}Ada Quorve", 30),
                    ("p\u{1f}Ada Bo Quorve", 5),
                    ("p\u{1f}Ada C. Quorve", 5),
                ],
                "p\u{1f}Ada Bo Quorve",
                "p\u{1f}Ada Bo Quorve",
            ),
            // (longer names with the same middle letters are one person's)
            (
                &[
                    ("p\u{1f}Ada Quorve", 30),
                    ("p\u{1f}Ada Bo Quorve", 5),
                    ("p\u{1f}Ada B. Quorve", 4),
                ],
                "p\u{1f}Ada B. Quorve",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[
                    ("p\u{1f}Ada Quorve", 30),
                    ("p\u{1f}Ada B. C. Quorve", 40),
                    ("p\u{1f}Ada C. Quorve", 20),
                ],
                "p\u{1f}Ada Quorve",
                "p\u{1f}Ada Quorve",
            ),
            // (a rare longer name joins the frequent short one, whatever else the corpus knows)
            (
                &[
                    ("p\u{1f}Ada Quorve", 100),
                    ("p\u{1f}Ada Bo Quorve", 3),
                    ("p\u{1f}Ada Quorve Tolosa", 30),
                ],
                "p\u{1f}Ada Bo Quorve",
                "p\u{1f}Ada Quorve Tolosa",
            ),
            (
                &[
                    ("p\u{1f}Ada Quorve", 100),
                    ("p\u{1f}Ada Bo Quorve", 3),
                    ("p\u{1f}Ada C. Quorve", 30),
                ],
                "p\u{1f}Ada Bo Quorve",
                "p\u{1f}Ada Bo Quorve",
            ),
            // (not a word known only as a surname between: the first of two surnames)
            (
                &[
                    ("p\u{1f}Ada Quorve", 30),
                    ("p\u{1f}Ada Ostrowski Quorve", 5),
                ],
                "p\u{1f}Ada Ostrowski Quorve",
                "p\u{1f}Ada Ostrowski Quorve",
            ),
            // (not an ordinary word between, nor after a word that is no given name)
            (
                &[("p\u{1f}Ada Quorve", 30), ("p\u{1f}Ada Fund Quorve", 5)],
                "p\u{1f}Ada Fund Quorve",
                "p\u{1f}Ada Fund Quorve",
            ),
            (
                &[("p\u{1f}Tarvel Quorve", 30), ("p\u{1f}Tarvel Bo Quorve", 5)],
                "p\u{1f}Tarvel Bo Quorve",
                "p\u{1f}Tarvel Bo Quorve",
            ),
            // (nor beside a longer name with a second surname: two names it may stand for)
            (
                &[
                    ("p\u{1f}Ada Quorve", 30),
                    ("p\u{1f}Ada Bo Quorve", 5),
                    ("p\u{1f}Ada Quorve Tolosa", 5),
                ],
                "p\u{1f}Ada Quorve",
                "p\u{1f}Ada Quorve",
            ),
            (
                &[
                    ("p\u{1f}Ada Quorve", 30),
                    ("p\u{1f}Ada B. Quorve", 5),
                    ("p\u{1f}Ada Quorve Tolosa", 5),
                ],
                "p\u{1f}Ada B. Quorve",
                "p\u{1f}Ada B. Quorve",
            ),
            // (a surname written twice: the middle-name step and the first-surname step find
            // the same pair, in opposite directions, and the names still resolve)
            (
                &[("p\u{1f}Ada Quorve", 30), ("p\u{1f}Ada Quorve Quorve", 5)],
                "p\u{1f}Ada Quorve Quorve",
                "p\u{1f}Ada Quorve",
            ),
            // (a long name shortened both ways joins once)
            (
                &[
                    ("p\u{1f}Ada Quorve", 3),
                    ("p\u{1f}Ada Bo Quorve", 4),
                    ("p\u{1f}Ada Bo B. Quorve", 2),
                ],
                "p\u{1f}Ada Bo B. Quorve",
                "p\u{1f}Ada Bo Quorve",
            ),
            // a party's members are the party, when the corpus knows one party of that name
            (
                &[("o\u{1f}Quorvists", 40), ("o\u{1f}Quorvist Party", 20)],
                "o\u{1f}Quorvists",
                "o\u{1f}Quorvist Party",
            ),
            (
                &[
                    ("o\u{1f}Free Velmarists", 40),
                    ("o\u{1f}Free Velmaristic Party", 20),
                ],
                "o\u{1f}Free Velmarists",
                "o\u{1f}Free Velmaristic Party",
            ),
            (
                &[
                    ("o\u{1f}Velmarists", 40),
                    ("o\u{1f}Velmarist Party", 20),
                    ("o\u{1f}Velmaristic Party", 20),
                ],
                "o\u{1f}Velmarists",
                "o\u{1f}Velmarists",
            ),
            (
                &[
                    ("o\u{1f}Tarvel Velmarists", 40),
                    ("o\u{1f}Velmarist Party", 20),
                ],
                "o\u{1f}Tarvel Velmarists",
                "o\u{1f}Tarvel Velmarists",
            ),
            // a plural that starts with a capital outside ASCII is read without a panic
            (
                &[("o\u{1f}Ölvarists", 40), ("o\u{1f}Ölvarist Party", 20)],
                "o\u{1f}Ölvarists",
                "o\u{1f}Ölvarist Party",
            ),
            // an organisation without its country joins the one name with it, unless other
            // organisations' names end in it too
            (
                &[
                    ("o\u{1f}Fishing Office", 50),
                    ("o\u{1f}U.S. Fishing Office", 30),
                ],
                "o\u{1f}U.S. Fishing Office",
                "o\u{1f}Fishing Office",
            ),
            (
                &[
                    ("o\u{1f}Fishing Office", 5),
                    ("o\u{1f}British Fishing Office", 30),
                ],
                "o\u{1f}Fishing Office",
                "o\u{1f}British Fishing Office",
            ),
            (
                &[
                    ("o\u{1f}Fishing Office", 50),
                    ("o\u{1f}U.S. Fishing Office", 30),
                    ("o\u{1f}British Fishing Office", 2),
                ],
                "o\u{1f}U.S. Fishing Office",
                "o\u{1f}Fishing Office",
            ),
            (
                &[
                    ("o\u{1f}Fishing Office", 50),
                    ("o\u{1f}U.S. Fishing Office", 30),
                    ("o\u{1f}British Fishing Office", 10),
                ],
                "o\u{1f}U.S. Fishing Office",
                "o\u{1f}U.S. Fishing Office",
            ),
            (
                &[
                    ("o\u{1f}Fishing Office", 50),
                    ("o\u{1f}And Fishing Office", 30),
                ],
                "o\u{1f}And Fishing Office",
                "o\u{1f}And Fishing Office",
            ),
            (
                &[
                    ("o\u{1f}Fishing Office", 50),
                    ("o\u{1f}U.S. Fishing Office", 30),
                    ("o\u{1f}Tarvel Fishing Office", 20),
                ],
                "o\u{1f}Fishing Office",
                "o\u{1f}Fishing Office",
            ),
            // an organisation's short name joins the one longer name starting with it, when that
            // one is named in more articles
            (
                &[
                    ("o\u{1f}Quorvy Brell", 20),
                    ("o\u{1f}Quorvy Brell Securities Inc", 60),
                ],
                "o\u{1f}Quorvy Brell",
                "o\u{1f}Quorvy Brell Securities Inc",
            ),
            (
                &[
                    ("o\u{1f}Quorvy Brell", 80),
                    ("o\u{1f}Quorvy Brell Securities Inc", 60),
                ],
                "o\u{1f}Quorvy Brell",
                "o\u{1f}Quorvy Brell",
            ),
            (
                &[
                    ("o\u{1f}Quorvy Brell", 20),
                    ("o\u{1f}Quorvy Brell Securities Inc", 60),
                    ("o\u{1f}Quorvy Brell Grain Inc", 30),
                ],
                "o\u{1f}Quorvy Brell",
                "o\u{1f}Quorvy Brell",
            ),
            (
                &[
                    ("o\u{1f}Quorvy Plc", 20),
                    ("o\u{1f}Quorvy Brell Securities Inc", 60),
                ],
                "o\u{1f}Quorvy Plc",
                "o\u{1f}Quorvy Plc",
            ),
            (
                &[("o\u{1f}Air", 20), ("o\u{1f}Air Fishing Office", 60)],
                "o\u{1f}Air",
                "o\u{1f}Air",
            ),
            (
                &[("o\u{1f}QBS", 20), ("o\u{1f}QBS Fishing Office", 60)],
                "o\u{1f}QBS",
                "o\u{1f}QBS",
            ),
            // a company with and without its legal suffix is one; written with the suffix in a
            // fifth of the articles, a name is a company's even where the tagger saw a person
            (
                &[
                    ("o\u{1f}Tarvel Holdings Ltd", 30),
                    ("o\u{1f}TARVEL HOLDINGS", 10),
                ],
                "o\u{1f}TARVEL HOLDINGS",
                "o\u{1f}Tarvel Holdings Ltd",
            ),
            (
                &[
                    ("p\u{1f}Marsh Quill", 30),
                    ("o\u{1f}Marsh, Quill and Co Inc", 10),
                ],
                "p\u{1f}Marsh Quill",
                "o\u{1f}Marsh, Quill and Co Inc",
            ),
            (
                &[
                    ("p\u{1f}Marsh Quill", 60),
                    ("o\u{1f}Marsh, Quill and Co Inc", 10),
                ],
                "o\u{1f}Marsh, Quill and Co Inc",
                "p\u{1f}Marsh Quill",
            ),
            // a surname is never joined to an organisation's name
            (
                &[("p\u{1f}Tamsin", 4), ("o\u{1f}Bank Tamsin", 5)],
                "p\u{1f}Tamsin",
                "p\u{1f}Tamsin",
            ),
            // an acronym joins the long form articles pair it with
            (
                &[
                    ("o\u{1f}WFO", 20),
                    ("o\u{1f}World Fishing Office", 8),
                    ("a\u{1f}WFO\u{1f}World Fishing Office", 4),
                ],
                "o\u{1f}WFO",
                "o\u{1f}World Fishing Office",
            ),
            // ...not without a pairing, and not when pairings disagree
            (
                &[("o\u{1f}WFO", 20), ("o\u{1f}World Fishing Office", 8)],
                "o\u{1f}WFO",
                "o\u{1f}WFO",
            ),
            (
                &[
                    ("o\u{1f}WFO", 20),
                    ("o\u{1f}World Fishing Office", 8),
                    ("o\u{1f}Western Farmers Organisation", 8),
                    ("a\u{1f}WFO\u{1f}World Fishing Office", 2),
                    ("a\u{1f}WFO\u{1f}Western Farmers Organisation", 2),
                ],
                "o\u{1f}WFO",
                "o\u{1f}WFO",
            ),
            // unknown values are themselves
            (
                &[("p\u{1f}Ada Quorve", 5)],
                "p\u{1f}Nobody",
                "p\u{1f}Nobody",
            ),
        ];
        for (values, value, want) in cases {
            assert_eq!(build(values).resolve(value), *want, "{values:?}: {value}");
        }
    }

    #[test]
    fn members_list_every_value_of_an_actor() {
        let r = build(&[
            ("p\u{1f}Quorve", 40),
            ("p\u{1f}QUORVE", 2),
            ("o\u{1f}Quorve", 1),
            ("p\u{1f}Ada Quorve", 5),
            ("p\u{1f}Ada Quorven", 5),
        ]);
        let mut m = r.members("p\u{1f}Ada Quorve");
        m.sort();
        assert_eq!(
            m,
            vec![
                "o\u{1f}Quorve",
                "p\u{1f}Ada Quorve",
                "p\u{1f}QUORVE",
                "p\u{1f}Quorve"
            ]
        );
        assert_eq!(r.resolve("o\u{1f}Quorve"), "p\u{1f}Ada Quorve");
    }

    /// Resolution depends on the set of values and counts, not on their order.
    #[test]
    fn order_does_not_matter() {
        let mut values = vec![
            ("p\u{1f}Quorve".to_string(), 4),
            ("p\u{1f}Ada Quorve".to_string(), 2),
            ("o\u{1f}WFO".to_string(), 3),
            ("o\u{1f}World Fishing Office".to_string(), 3),
            (pair_value("WFO", "World Fishing Office"), 1),
            ("l\u{1f}PORT VELMA".to_string(), 3),
            ("l\u{1f}Port Velma".to_string(), 3),
        ];
        let a = Resolver::build(&values);
        values.reverse();
        let b = Resolver::build(&values);
        for (v, _) in &values {
            assert_eq!(a.resolve(v), b.resolve(v));
        }
    }

    #[test]
    fn keys_drop_legal_suffixes() {
        for (name, want) in [
            ("Tarvel Holdings Ltd", "tarvel holdings"),
            ("TARVEL HOLDINGS LTD.", "tarvel holdings"),
            ("Marsh, Quill and Co Inc", "marsh quill"),
            ("Velmora S.A.", "velmora"),
            ("Marsh and Quill", "marsh and quill"),
            ("Ltd", "ltd"),
        ] {
            assert_eq!(key(name), want, "{name}");
        }
    }

    #[test]
    fn folding() {
        for (a, b) in [
            ("U.S. Army", "us army"),
            ("NEW  YORK", "new york"),
            ("Al-Qaeda", "al qaeda"),
            ("O'Neill", "oneill"),
            ("Quorvel's Ratings", "quorvel ratings"),
            ("QUORVEL’S", "quorvel"),
            ("Ma'sud", "masud"),
            ("Velmora Holdings' unit", "velmora holdings unit"),
            ("Tidal Organisation", "tidal organization"),
        ] {
            assert_eq!(fold(a), b);
        }
        assert_eq!(initials("World Fishing Office"), "WFO");
        assert_eq!(initials("Office of the Fishing Board"), "OFB");
        // dotted abbreviations give all their letters, in another word order too
        assert_eq!(initials("U.N. Fishing Office"), "UNFO");
        assert_eq!(initials("St. Quorve Fund"), "SQF");
        assert!(translated_initials(
            "UNOF",
            &initials("U.N. Fishing Office")
        ));
        // acronyms of names in another language's word order
        assert!(translated_initials("FRVN", "FRNVF"));
        assert!(translated_initials("ZKR", "ZRK"));
        assert!(!translated_initials("RKZ", "ZRK"));
        assert!(!translated_initials("FM", "MF"));
        assert!(!translated_initials("FRVN", "FRNVFX"));
    }
}

/// The resolution of one committed state: the resolver, and for each resolved column the
/// representative of every global ordinal.
#[derive(Debug)]
pub(crate) struct Resolution {
    pub resolver: Resolver,
    /// Per column: the segments its global ordinals number, and ordinal → representative.
    reps: Vec<(&'static str, Vec<SegmentId>, Vec<u32>)>,
    /// Quotations per speaker, under the speaker's one name.
    speaker_quotes: HashMap<String, u64>,
    /// Per segment of the entity column: segment ordinal → the global ordinal of its actor, for
    /// the values of actors named by two values or more ([`NO_ACTOR`] for the others), so that
    /// an article naming one actor by two values counts once.
    actors: Vec<(SegmentId, Arc<SegmentActors>)>,
}

/// One segment's values of actors named by several values: each such value's actor, and the
/// documents that name one actor twice.
#[derive(Debug)]
pub(crate) struct SegmentActors {
    /// Segment ordinal → its actor (the global ordinal of the value naming it), or [`NO_ACTOR`].
    actor: Vec<u32>,
    /// A bit per document: set when two of its values name one actor (the only documents a
    /// count must look at value by value).
    docs: Vec<u64>,
}

impl SegmentActors {
    /// The actor (its global ordinal) of the value of ordinal `ord`, or [`NO_ACTOR`] when the
    /// value is its actor's only value.
    #[inline]
    pub fn actor(&self, ord: u32) -> u32 {
        self.actor.get(ord as usize).copied().unwrap_or(NO_ACTOR)
    }

    /// Whether two of the values of document `doc` name one actor.
    #[inline]
    pub fn repeats(&self, doc: u32) -> bool {
        self.docs
            .get(doc as usize / 64)
            .is_some_and(|w| w >> (doc % 64) & 1 == 1)
    }

    /// The number of ordinals of the segment's column.
    pub fn ordinals(&self) -> usize {
        self.actor.len()
    }
}

/// In [`Resolution::actors_of`]: a value that is its actor's only value.
pub(crate) const NO_ACTOR: u32 = u32::MAX;

impl Resolution {
    /// Ordinal → the ordinal of the value naming its actor, for `column` numbered over
    /// `segments`; `None` when nothing of it is resolved or the numbering differs.
    pub fn representatives(&self, column: &str, segments: &[SegmentId]) -> Option<&[u32]> {
        self.reps
            .iter()
            .find(|(c, s, _)| *c == column && s == segments)
            .map(|(_, _, r)| r.as_slice())
    }

    /// For `column` in `segment`: segment ordinal → its actor (see [`Resolution::actors`]), when
    /// some actor there has two values or more.
    pub fn actors_of(&self, column: &str, segment: SegmentId) -> Option<Arc<SegmentActors>> {
        if column != ENTITY_COLUMN {
            return None;
        }
        self.actors
            .iter()
            .find(|(s, _)| *s == segment)
            .map(|(_, a)| a.clone())
    }

    /// The tables of [`Resolution::actors`] for the entity column numbered by `rep`.
    fn actor_tables(
        searcher: &Searcher,
        ords: &GlobalOrds,
        forward: &Forwards,
        segments: &[SegmentId],
        rep: &[u32],
    ) -> Result<Vec<(SegmentId, Arc<SegmentActors>)>> {
        let mut values = vec![0u32; rep.len()];
        for &r in rep {
            values[r as usize] += 1;
        }
        if values.iter().all(|&n| n < 2) {
            return Ok(Vec::new());
        }
        let mut columns = Vec::with_capacity(segments.len());
        let mut max_docs = Vec::with_capacity(segments.len());
        for id in segments {
            let Some(reader) = searcher
                .segment_readers()
                .iter()
                .find(|r| r.segment_id() == *id)
            else {
                return Ok(Vec::new());
            };
            match reader.fast_fields().str(ENTITY_COLUMN)? {
                Some(c) => columns.push(c),
                None => return Ok(Vec::new()),
            }
            max_docs.push(reader.max_doc());
        }
        let refs: Vec<&tantivy::columnar::StrColumn> = columns.iter().collect();
        let map = ords.get(ENTITY_COLUMN, segments, &refs)?;
        let mut out = Vec::with_capacity(segments.len());
        for (seg, (id, column)) in segments.iter().zip(&columns).enumerate() {
            let len = column.num_terms() as usize;
            let mut table = SegmentActors {
                actor: vec![NO_ACTOR; len],
                docs: vec![0; (max_docs[seg] as usize).div_ceil(64)],
            };
            for ord in 0..len as u32 {
                let r = rep
                    .get(map.global(seg, ord) as usize)
                    .copied()
                    .unwrap_or(NO_ACTOR);
                if values.get(r as usize).is_some_and(|&n| n >= 2) {
                    table.actor[ord as usize] = r;
                }
            }
            let forward = forward.ords(*id, ENTITY_COLUMN, column, max_docs[seg]);
            let mut seen: Vec<u32> = Vec::new();
            for doc in 0..max_docs[seg] {
                seen.clear();
                for &ord in forward.of(doc) {
                    let a = table.actor(ord);
                    if a == NO_ACTOR {
                        continue;
                    }
                    if seen.contains(&a) {
                        table.docs[doc as usize / 64] |= 1 << (doc % 64);
                        break;
                    }
                    seen.push(a);
                }
            }
            out.push((*id, Arc::new(table)));
        }
        Ok(out)
    }

    fn build(
        searcher: &Searcher,
        kind_field: Field,
        ords: &GlobalOrds,
        forward: &Forwards,
    ) -> Result<Option<Resolution>> {
        let kind = |k: &str| {
            TermQuery::new(
                Term::from_field_text(kind_field, k),
                IndexRecordOption::Basic,
            )
        };
        let whole = |column: &'static str, k: &str| -> Result<Option<Whole>> {
            let counter = Counter {
                whole: vec![column],
                ..Counter::new(ords, forward)
            };
            Ok(agg::count(searcher, &kind(k), counter)?.whole.pop())
        };
        let Some(entities) = whole(ENTITY_COLUMN, KIND_ARTICLE)? else {
            return Ok(None);
        };
        let values: Vec<(String, u64)> = entities
            .values
            .iter()
            .map(|(_, v, n)| (v.clone(), *n))
            .collect();
        let resolver = Resolver::build(&values);
        if resolver.is_trivial() {
            return Ok(None);
        }
        let entity_reps = representatives(&entities, |v| Some(resolver.resolve(v).to_string()));
        let actors = Self::actor_tables(searcher, ords, forward, &entities.segments, &entity_reps)?;
        let mut reps = vec![(ENTITY_COLUMN, entities.segments.clone(), entity_reps)];
        let mut speaker_quotes = HashMap::default();
        if let Some(speakers) = whole(speaker_column(), KIND_QUOTE)? {
            let person = KINDS[2];
            let one_name = |v: &str| {
                let r = resolver.resolve_name(person, v)?;
                Some(
                    KINDS
                        .iter()
                        .find_map(|k| r.strip_prefix(*k))
                        .unwrap_or(r)
                        .to_string(),
                )
            };
            for (_, v, n) in &speakers.values {
                *speaker_quotes
                    .entry(one_name(v).unwrap_or_else(|| v.clone()))
                    .or_default() += n;
            }
            let rep = representatives(&speakers, one_name);
            reps.push((speaker_column(), speakers.segments, rep));
        }
        Ok(Some(Resolution {
            resolver,
            reps,
            speaker_quotes,
            actors,
        }))
    }
}

/// The kind prefix of an actor facet's values (speakers are people).
fn prefix_of(f: FacetField) -> Option<&'static str> {
    match f {
        FacetField::Person | FacetField::Speaker => Some(KINDS[2]),
        FacetField::Org => Some(KINDS[0]),
        FacetField::Location => Some(KINDS[1]),
        _ => None,
    }
}

/// The actor facet of a kind prefix.
fn facet_of(prefix: &str) -> FacetField {
    if prefix == KINDS[0] {
        FacetField::Org
    } else if prefix == KINDS[1] {
        FacetField::Location
    } else {
        FacetField::Person
    }
}

fn split_value(v: &str) -> (&'static str, &str) {
    KINDS
        .iter()
        .find_map(|k| v.strip_prefix(*k).map(|n| (*k, n)))
        .unwrap_or((KINDS[2], v))
}

impl Resolution {
    /// The other values of the actor that a filter on `value` of facet `f` names, as (facet,
    /// exact value): a filter matches them all, as the facet counts them all.
    pub fn alternatives(&self, f: FacetField, value: &str) -> Vec<(FacetField, String)> {
        let Some(prefix) = prefix_of(f) else {
            return Vec::new();
        };
        let value = value.trim();
        // a value as the facets show it, or as typed in another case
        let own = format!("{prefix}{value}");
        let found = if self.resolver.of.contains_key(&own) {
            Some(own.as_str())
        } else {
            self.resolver.by_fold(value)
        };
        let Some(found) = found else {
            return Vec::new();
        };
        self.resolver
            .members(found)
            .into_iter()
            .map(split_value)
            .map(|(k, n)| {
                (
                    if f == FacetField::Speaker {
                        FacetField::Speaker
                    } else {
                        facet_of(k)
                    },
                    n.to_string(),
                )
            })
            .filter(|(g, n)| !(*g == f && n.eq_ignore_ascii_case(value)))
            .collect()
    }

    /// How many articles name the actor that facet `f` shows as `name` (quotations for
    /// speakers), under any of its values; `None` for a name the facet does not show.
    pub fn count(&self, f: FacetField, name: &str) -> Option<u64> {
        if f == FacetField::Speaker {
            return self.speaker_quotes.get(name).copied();
        }
        let value = format!("{}{name}", prefix_of(f)?);
        self.resolver
            .group(&value)
            .filter(|g| g.name == value)
            .map(|g| g.articles)
    }

    /// A speaker's name as the actor's one name (a person's, or another kind's when the
    /// corpus decided so).
    pub fn speaker(&self, name: &str) -> Option<String> {
        self.resolver
            .resolve_name(KINDS[2], name)
            .map(|v| split_value(v).1.to_string())
    }

    /// An article with each actor under its one name and kind: names resolved to one value
    /// are one entity (mentions joined), kept in the list of the value's kind.
    pub fn apply(&self, a: &mut sitrep_indexer::Article) {
        self.apply_entities(&mut a.people, &mut a.organisations, &mut a.locations);
        for q in &mut a.quotes {
            if let Some(s) = q.speaker.as_deref().and_then(|s| self.speaker(s)) {
                q.speaker = Some(s);
            }
        }
    }

    /// People, organisations and locations of one article, each actor under its one name
    /// and in the list of its kind (see [`Resolution::apply`]).
    pub fn apply_entities(
        &self,
        people: &mut Vec<sitrep_indexer::Entity>,
        orgs: &mut Vec<sitrep_indexer::Entity>,
        locs: &mut Vec<sitrep_indexer::Entity>,
    ) {
        use sitrep_indexer::Entity;
        let mut all: Vec<(&'static str, Entity)> = Vec::new();
        for (kind, list) in [
            (KINDS[2], &mut *people),
            (KINDS[0], &mut *orgs),
            (KINDS[1], &mut *locs),
        ] {
            for mut e in std::mem::take(list) {
                let (k, n) = split_value(self.resolver.resolve_name(kind, &e.name).unwrap_or(""));
                let k = if n.is_empty() { kind } else { k };
                if !n.is_empty() {
                    e.name = n.to_string();
                }
                match all.iter_mut().find(|(k2, x)| *k2 == k && x.name == e.name) {
                    Some((_, x)) => {
                        x.mentions.extend(e.mentions);
                        x.mentions.sort();
                        x.mentions.dedup();
                        x.country = x.country.take().or(e.country);
                        x.role = x.role.take().or(e.role);
                    }
                    None => all.push((k, e)),
                }
            }
        }
        for (k, e) in all {
            match facet_of(k) {
                FacetField::Org => orgs.push(e),
                FacetField::Location => locs.push(e),
                _ => people.push(e),
            }
        }
    }
}

/// Ordinal → representative ordinal of a column's values, where `name_of` gives the value
/// that names a value's actor.
fn representatives(whole: &Whole, name_of: impl Fn(&str) -> Option<String>) -> Vec<u32> {
    let ord_of: HashMap<&str, u32> = whole
        .values
        .iter()
        .map(|(g, v, _)| (v.as_str(), *g))
        .collect();
    let len = whole
        .values
        .iter()
        .map(|(g, _, _)| *g as usize + 1)
        .max()
        .unwrap_or(0);
    let mut rep: Vec<u32> = (0..len as u32).collect();
    for (g, v, _) in &whole.values {
        if let Some(r) = name_of(v).and_then(|n| ord_of.get(n.as_str()).copied()) {
            rep[*g as usize] = r;
        }
    }
    rep
}

/// Resolutions of the recent committed states (see [`crate::recent`]).
#[derive(Clone)]
pub(crate) struct Resolutions(Arc<Recent<StateKey, Option<Arc<Resolution>>>>);

impl Default for Resolutions {
    fn default() -> Self {
        Resolutions(Arc::new(Recent::new(2)))
    }
}

impl std::fmt::Debug for Resolutions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Resolutions")
    }
}

impl Resolutions {
    /// The resolution of the state `searcher` sees, built by the first search (or warm-up) that
    /// needs it (the others wait); `None` when no value is resolved to another. `kind` is the
    /// record kind field; `ords` and `forward` the index's global ordinals and decoded columns.
    pub fn get(
        &self,
        searcher: &Searcher,
        kind: Field,
        ords: &GlobalOrds,
        forward: &Forwards,
    ) -> Result<Option<Arc<Resolution>>> {
        self.0.get_or_try_build(state_key(searcher), || {
            Ok(Resolution::build(searcher, kind, ords, forward)?.map(Arc::new))
        })
    }

    /// Whether the resolution of the state `searcher` sees is built.
    #[cfg(test)]
    pub fn is_built(&self, searcher: &Searcher) -> bool {
        self.0.is_built(&state_key(searcher))
    }
}

/// The entity-column values of one article: each name once, under the kind of most of its
/// mentions in the article (ties: organisation, place, person), with an all-capitals
/// organisation whose initials match exactly one longer organisation of the article recorded
/// as a pairing ([`pair_value`]) instead of a value of its own.
pub fn article_values(a: &sitrep_indexer::Article) -> Vec<String> {
    use sitrep_indexer::Entity;
    let lists: [(&str, &Vec<Entity>); 3] = [
        (KINDS[0], &a.organisations),
        (KINDS[1], &a.locations),
        (KINDS[2], &a.people),
    ];
    // folded name → (best kind by mentions, its name)
    let mut best: HashMap<String, (usize, std::cmp::Reverse<usize>, &str, &str)> =
        HashMap::default();
    for (rank, (kind, ents)) in lists.iter().enumerate() {
        for e in ents.iter() {
            let key = (
                e.mentions.len(),
                std::cmp::Reverse(rank),
                *kind,
                e.name.as_str(),
            );
            let slot = best.entry(fold(&e.name)).or_insert(key);
            if (key.0, key.1) > (slot.0, slot.1) {
                *slot = key;
            }
        }
    }
    let orgs: Vec<&str> = best
        .values()
        .filter(|v| v.2 == KINDS[0])
        .map(|v| v.3)
        .collect();
    let mut out = Vec::with_capacity(best.len());
    for (_, _, kind, name) in best.values() {
        if *kind == KINDS[0] && is_acronym(name) {
            let mut longs: Vec<&&str> = orgs
                .iter()
                .filter(|l| l.contains(' ') && initials(l) == *name)
                .collect();
            if longs.is_empty() {
                longs = orgs
                    .iter()
                    .filter(|l| l.contains(' ') && translated_initials(name, &initials(l)))
                    .collect();
            }
            if let [long] = longs[..] {
                out.push(pair_value(name, long));
                continue;
            }
        }
        out.push(format!("{kind}{name}"));
    }
    // an acronym the article defined and extraction merged into its long form ("Velmoran Tidal
    // Office (VTO)") is a pairing too: elsewhere the acronym may stand alone
    for e in &a.organisations {
        if !e.name.contains(' ')
            || !best
                .get(&fold(&e.name))
                .is_some_and(|v| v.2 == KINDS[0] && v.3 == e.name)
        {
            continue;
        }
        let long = initials(&e.name);
        for m in &e.mentions {
            let Some(surface) = a.text.get(m.start..m.end) else {
                continue;
            };
            if is_acronym(surface) && (long == surface || translated_initials(surface, &long)) {
                out.push(pair_value(surface, &e.name));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod article_tests {
    use super::*;

    #[test]
    fn an_acronym_merged_into_its_long_form_is_a_pairing() {
        let text = "The Velmoran Tidal Office (VTO) met. The VTO said so.";
        let a: sitrep_indexer::Article = serde_json::from_value(serde_json::json!({
            "path": "a.txt", "id": "a", "title": null, "published": null, "dateline": null, "text": text, "quotes": [],
            "people": [], "locations": [],
            "organisations": [{"name": "Velmoran Tidal Office", "mentions": [[4, 25], [27, 30], [41, 44]]}],
        }))
        .unwrap();
        assert_eq!(
            article_values(&a),
            vec![
                pair_value("VTO", "Velmoran Tidal Office"),
                "o\u{1f}Velmoran Tidal Office".to_string()
            ]
        );
    }

    #[test]
    fn one_value_per_actor_in_an_article() {
        let a: sitrep_indexer::Article = serde_json::from_value(serde_json::json!({
            "path": "a.txt", "id": "a", "title": null, "published": null, "dateline": null, "text": "x", "quotes": [],
            "people": [{"name": "ZLNF", "mentions": [[0, 1]]}, {"name": "Ada Quorve", "mentions": [[0, 1]]}],
            "organisations": [{"name": "ZLNF", "mentions": [[0, 1], [2, 3]]}, {"name": "WFO", "mentions": [[0, 1]]},
                              {"name": "World Fishing Office", "mentions": [[0, 1]]}, {"name": "OK", "mentions": [[0, 1]]},
                              {"name": "FRNV", "mentions": [[0, 1]]}, {"name": "Front for Velmoran National Renewal", "mentions": [[0, 1]]},
                              {"name": "NZTA", "mentions": [[0, 1]]}, {"name": "N.Z. Tidal Authority", "mentions": [[0, 1]]}],
            "locations": [{"name": "Port Velma", "mentions": [[0, 1]]}],
        }))
        .unwrap();
        assert_eq!(
            article_values(&a),
            vec![
                pair_value("FRNV", "Front for Velmoran National Renewal"),
                pair_value("NZTA", "N.Z. Tidal Authority"),
                pair_value("WFO", "World Fishing Office"),
                "l\u{1f}Port Velma".to_string(),
                "o\u{1f}Front for Velmoran National Renewal".to_string(),
                "o\u{1f}N.Z. Tidal Authority".to_string(),
                "o\u{1f}OK".to_string(),
                "o\u{1f}World Fishing Office".to_string(),
                "o\u{1f}ZLNF".to_string(),
                "p\u{1f}Ada Quorve".to_string(),
            ]
        );
    }
}

#[cfg(test)]
mod index_tests {
    use crate::search::{Filters, SearchRequest};
    use crate::{FacetField, SitrepIndex};

    /// An article naming these actors: (kind, name, mentions).
    fn article(n: usize, actors: &[(&str, &str)]) -> crate::record::ArticleRecord {
        let list = |k: &str| -> Vec<serde_json::Value> {
            actors
                .iter()
                .filter(|(kind, _)| *kind == k)
                .map(|(_, name)| serde_json::json!({"name": name, "mentions": [[0, 1]]}))
                .collect()
        };
        let article: sitrep_indexer::Article = serde_json::from_value(serde_json::json!({
            "path": format!("a{n}.txt"), "id": format!("a{n}"), "title": null, "published": "2021-01-01",
            "dateline": null, "text": "words", "quotes": [],
            "people": list("p"), "organisations": list("o"), "locations": list("l"),
        }))
        .unwrap();
        crate::record::ArticleRecord::new(article)
    }

    fn corpus() -> Vec<Vec<(&'static str, &'static str)>> {
        vec![
            vec![("p", "Ada Quorve"), ("l", "Port Velma")],
            vec![("p", "Quorve"), ("o", "World Fishing Office"), ("o", "WFO")],
            vec![("p", "QUORVE"), ("l", "PORT VELMA"), ("o", "WFO")],
            vec![("p", "ZLNF"), ("o", "WFO")],
            vec![("o", "ZLNF")],
            vec![("o", "ZLNF"), ("p", "Bo Tamsin")],
            vec![("p", "Tamsin"), ("p", "Cy Tamsin")],
        ]
    }

    fn values(index: &SitrepIndex, f: FacetField) -> Vec<(String, u64)> {
        index
            .facet_values(f, None, 100)
            .unwrap()
            .into_iter()
            .map(|v| (v.value, v.count))
            .collect()
    }

    fn filtered(index: &SitrepIndex, f: FacetField, v: &str) -> usize {
        let mut filters = Filters::default();
        filters.values_mut(f).push(v.to_string());
        index
            .search(&SearchRequest {
                filters,
                limit: 0,
                ..Default::default()
            })
            .unwrap()
            .total
    }

    fn snapshot(index: &SitrepIndex) -> Vec<String> {
        let mut out = Vec::new();
        for f in [FacetField::Person, FacetField::Org, FacetField::Location] {
            for (v, n) in values(index, f) {
                // (a one-word filter also finds the longer names with that word, by design)
                let filter = if v.contains(' ') || f != FacetField::Person {
                    filtered(index, f, &v).to_string()
                } else {
                    "-".into()
                };
                out.push(format!("{f:?} {v} {n} filter={filter}"));
            }
        }
        out
    }

    /// Articles naming these actors, indexed in one run.
    fn indexed(corpus: &[Vec<(&str, &str)>]) -> SitrepIndex {
        let index = SitrepIndex::in_memory().unwrap();
        let mut w = index.writer(1).unwrap();
        for (n, a) in corpus.iter().enumerate() {
            w.add_article(&article(n, a), &format!("a{n}.txt"), n as u64, None)
                .unwrap();
        }
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
        index
    }

    /// The corpus indexed in one run.
    fn built_at_once() -> SitrepIndex {
        indexed(&corpus())
    }

    /// Facets count each actor once under one name, its filter finds as many articles as its
    /// count says, and an index built in several runs answers as one built at once.
    #[test]
    fn incremental_runs_resolve_as_one_run() {
        let once = built_at_once();
        let want = snapshot(&once);
        assert_eq!(
            want,
            vec![
                "Person Ada Quorve 3 filter=3",
                "Person Bo Tamsin 1 filter=1",
                "Person Cy Tamsin 1 filter=1",
                "Person Tamsin 1 filter=-",
                "Org World Fishing Office 3 filter=3",
                "Org ZLNF 3 filter=3",
                "Location Port Velma 2 filter=2",
            ]
        );
        // one article at a time, with a wrong first version of one article replaced later
        let runs = SitrepIndex::in_memory().unwrap();
        for (n, a) in corpus().iter().enumerate().rev() {
            let mut w = runs.writer(1).unwrap();
            if n == 3 {
                w.add_article(&article(n, &[("p", "WFO")]), &format!("a{n}.txt"), 99, None)
                    .unwrap();
                w.commit().unwrap();
                w.delete_file(&format!("a{n}.txt")).unwrap();
            }
            w.add_article(&article(n, a), &format!("a{n}.txt"), n as u64, None)
                .unwrap();
            w.commit().unwrap();
            w.finish().unwrap();
            runs.reload().unwrap();
        }
        assert_eq!(snapshot(&runs), want);
    }

    /// An article that names one actor by two values counts once in the actor's facet count,
    /// which then equals what its filter finds.
    #[test]
    fn an_article_naming_an_actor_twice_counts_once() {
        let index = indexed(&[
            vec![("p", "Ada Quorve"), ("p", "Quorve"), ("p", "Bo Tamsin")],
            vec![("p", "Ada Quorve")],
            vec![("p", "Quorve"), ("o", "World Fishing Office"), ("o", "WFO")],
            vec![("o", "World Fishing Office")],
        ]);
        assert_eq!(
            values(&index, FacetField::Person),
            [("Ada Quorve".to_string(), 3), ("Bo Tamsin".to_string(), 1)]
        );
        assert_eq!(filtered(&index, FacetField::Person, "Ada Quorve"), 3);
        assert_eq!(
            values(&index, FacetField::Org),
            [("World Fishing Office".to_string(), 2)]
        );
        // the facets of a search count the same
        let found = index
            .search(&SearchRequest {
                facets: vec![FacetField::Person],
                limit: 0,
                ..Default::default()
            })
            .unwrap();
        let people = found.facets.values().next().unwrap();
        assert_eq!(
            (people[0].value.as_str(), people[0].count),
            ("Ada Quorve", 3)
        );
    }

    /// Autocomplete counts an actor's articles under all its values, as the facet does, and
    /// finds a name from a given name the index stems ("velmary" is indexed as "velmari") or
    /// typed without its accent.
    #[test]
    fn prefixes_count_every_value_of_an_actor() {
        let index = indexed(&[
            vec![("p", "Velmary Tolosa")],
            vec![("p", "Tolosa")],
            vec![("p", "TOLOSA")],
            vec![("p", "José Brell")],
        ]);
        let prefixed = |p: &str| -> Vec<(String, u64)> {
            index
                .facet_values(FacetField::Person, Some(p), 10)
                .unwrap()
                .into_iter()
                .map(|v| (v.value, v.count))
                .collect()
        };
        let tolosa = vec![("Velmary Tolosa".to_string(), 3)];
        assert_eq!(values(&index, FacetField::Person)[0], tolosa[0]);
        for p in ["velmary", "Velmary T", "velm", "tol", "TOLOSA"] {
            assert_eq!(prefixed(p), tolosa, "{p}");
        }
        assert_eq!(prefixed("jose"), vec![("José Brell".to_string(), 1)]);
        assert_eq!(prefixed("josé b"), vec![("José Brell".to_string(), 1)]);
    }

    #[test]
    fn hits_show_resolved_names() {
        let index = built_at_once();
        let a = index.article("a3").unwrap().article;
        assert!(a.people.is_empty());
        let orgs: Vec<&str> = a.organisations.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(orgs, vec!["ZLNF", "World Fishing Office"]);
    }
}
