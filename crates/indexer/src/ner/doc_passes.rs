//! Document-level rule passes: label consistency, unplaced places, sites and acronyms.

use super::features::{self, TokInfo, F_CAP, F_CAPS_SENT};
use super::lexicon::{
    ends_company, initials_match, is_acronym, is_company_name, is_company_suffix, past_tense,
    possessive_stem, starts_company, FUNCTION_WORDS, LONG_FORM_FILLERS, NOT_NAMES_UNLESS_CAPS_SET,
    ORG_HEADS_SET, ORG_ONLY_HEADS_SET, PLACE_NOUNS, PLACE_PREPS, UNPLACED_CUES,
};
use super::tokens::{
    cap_word, clock_time_zone, named_as_site, place_word, surface_hash, with_article, BlockIndex,
    BlockToks,
};
use super::{Mention, CONFIDENT, KINDS};
use crate::gazetteer::{class, token_hash, Gazetteer};
use crate::model::{EntityKind, Span};

/// A one-word place that no dictionary knows must be named as a place somewhere in the
/// article: after a preposition of place or "of" ("the village of Tarvildo"), next to another
/// place ("Brackenfold, Zarnia") or in a dateline. Otherwise ("according to Quantrix", "Velmora
/// lucens") it is dropped.
pub(super) fn unplaced(text: &str, docs: &[BlockToks], gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let mut placed: Vec<u64> = Vec::new();
    let mut unknown: Vec<u64> = Vec::new();
    // named as a source ("according to Quantrix"): an organisation, as it was no person
    let mut sources: Vec<u64> = Vec::new();
    let blocks = BlockIndex::new(docs);
    {
        for m in out.iter().filter(|m| m.kind == EntityKind::Loc) {
            let Some((d, a, b)) = blocks.locate(docs, m.span) else {
                continue;
            };
            let w = |j: usize| d.toks[j].as_str(text);
            if b != a + 1 {
                continue;
            }
            let i = &d.infos[a];
            let h = i.lower;
            let cls = i.wclass | if i.ppos != 0 { i.pclass } else { 0 } | gaz.word_classes(h);
            if cls & (class::COUNTRY | class::CITY | class::REGION | class::NATIONAL) != 0 {
                continue;
            }
            let p = with_article(text, &d.toks, a);
            let before = (p > 0 && !d.toks[p].sent_start).then(|| w(p - 1).to_ascii_lowercase());
            let after = (b < d.toks.len() && !d.toks[b].sent_start).then(|| w(b));
            // "according to Quantrix" is no place
            let according = p > 1 && w(p - 2).eq_ignore_ascii_case("according");
            let located = before.as_deref().is_some_and(|x| PLACE_PREPS.contains(&x) && !according || UNPLACED_CUES.contains(&x))
                || after.is_some_and(|x| PLACE_NOUNS.contains(&x))
                // "Brackenfold, Zarnia"
                || after == Some(",") && b + 1 < d.toks.len() && place_word(&d.infos[b + 1])
                // "Velbury, Zar."
                || a > 1 && w(a - 1) == "," && place_word(&d.infos[a - 2])
                || i.flags & F_CAPS_SENT != 0
                || b < d.toks.len() && d.infos[b].flags & features::F_DIGIT != 0;
            if located {
                placed.push(h);
            } else {
                unknown.push(h);
                // the subject of a verb in the past tense ("Quorvex reported", "Kelmore
                // defeated Velbury"), like a source, is an actor: an organisation
                let acts = after.is_some_and(past_tense);
                if according || acts {
                    sources.push(h);
                }
            }
        }
    }
    if unknown.is_empty() {
        return;
    }
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Loc) {
        let s = m.span.slice(text);
        let h = crate::gazetteer::token_hash(s);
        if !s.contains(' ') && sources.contains(&h) && !placed.contains(&h) {
            m.kind = EntityKind::Org;
        }
    }
    out.retain(|m| {
        if m.kind != EntityKind::Loc {
            return true;
        }
        let s = m.span.slice(text);
        if s.contains(' ') {
            return true;
        }
        let h = crate::gazetteer::token_hash(s);
        !unknown.contains(&h) || placed.contains(&h)
    });
}

/// An institution's site named as a place once ("at Harlow Space Center") is a place wherever
/// the article names it: the rule in `kinds_and_facilities` sees only what the tagger found, and
/// the document vote may add the same name later.
pub(super) fn sites(text: &str, docs: &[BlockToks], out: &mut [Mention]) {
    let mut placed: Vec<u64> = Vec::new();
    let blocks = BlockIndex::new(docs);
    {
        for m in out.iter().filter(|m| m.kind == EntityKind::Org) {
            let Some((d, a, b)) = blocks.locate(docs, m.span) else {
                continue;
            };
            if b < a + 2 {
                continue;
            }
            if named_as_site(text, &d.toks, &d.infos, a, b) {
                placed.push(surface_hash(m.span.slice(text)));
            }
        }
    }
    if placed.is_empty() {
        return;
    }
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Org) {
        if placed.contains(&surface_hash(m.span.slice(text))) {
            m.kind = EntityKind::Loc;
        }
    }
}

/// The words before a bracketed acronym whose capitals spell it, from the first such word
/// ("the Council on Tidal Energy (CTE)": "Council on Tidal Energy"), as token range.
fn long_form(text: &str, d: &BlockToks, j: usize) -> Option<(usize, usize)> {
    let w = |k: usize| d.toks[k].as_str(text);
    let mut a = j;
    while a > 0
        && !d.toks[a].sent_start
        && j - a < 10
        && (cap_word(&d.infos[a - 1]) || LONG_FORM_FILLERS.contains(&w(a - 1)))
    {
        a -= 1;
    }
    (a..j)
        .find(|&x| cap_word(&d.infos[x]) && initials_match(w(j + 1), (x..j).map(w)))
        .map(|x| (x, j))
}

/// A name the tagger found part of, or cut in pieces, before a bracketed acronym that the
/// capitals of the whole long form spell is the whole long form ("Council on Tidal Energy (CTE)"
/// tagged as "Council" alone), of the kind of its longest piece, or an organisation.
fn long_forms(text: &str, docs: &[BlockToks], out: &mut Vec<Mention>) {
    let mut found: Vec<(Span, EntityKind)> = Vec::new();
    for d in docs {
        let n = d.toks.len();
        for j in 1..n.saturating_sub(2) {
            if d.toks[j].as_str(text) != "("
                || d.toks[j + 2].as_str(text) != ")"
                || !is_acronym(d.toks[j + 1].as_str(text))
            {
                continue;
            }
            let Some((x, e)) = long_form(text, d, j) else {
                continue;
            };
            if (x..e).filter(|&k| cap_word(&d.infos[k])).count() < 2 {
                continue;
            }
            let span = Span::new(d.toks[x].start as usize, d.toks[e - 1].end as usize);
            let inside: Vec<&Mention> = out.iter().filter(|m| m.span.overlaps(&span)).collect();
            if inside.is_empty()
                || inside.iter().any(|m| !span.contains(&m.span))
                || inside.len() == 1 && inside[0].span == span
            {
                continue;
            }
            // people are not named by acronyms defined in brackets: their piece was an organisation
            let longest = inside
                .iter()
                .max_by_key(|m| m.span.end - m.span.start)
                .map(|m| m.kind)
                .filter(|k| *k != EntityKind::Person);
            found.push((span, longest.unwrap_or(EntityKind::Org)));
        }
    }
    for (span, kind) in found {
        out.retain(|m| !span.contains(&m.span));
        let at = out.partition_point(|m| m.span.start < span.start);
        out.insert(
            at,
            Mention {
                span,
                kind,
                score: 1.0,
            },
        );
    }
}

/// An abbreviation introduced in brackets after words in lower case whose initials spell it
/// ("improvised explosive devices (IEDs)", "European currency units (Ecus)") stands for a thing,
/// not an actor: it is no name wherever the article uses it (singular or plural).
fn common_acronyms(text: &str, docs: &[BlockToks], out: &mut Vec<Mention>) {
    let mut common: Vec<u64> = Vec::new();
    for d in docs {
        for k in 2..d.toks.len().saturating_sub(1) {
            let (open, close) = (&d.toks[k - 1], &d.toks[k + 1]);
            if text.as_bytes()[open.start as usize] != b'('
                || text.as_bytes()[close.start as usize] != b')'
                || open.end != open.start + 1
                || close.end != close.start + 1
            {
                continue;
            }
            let abbr = d.toks[k].as_str(text);
            let stem = abbr.strip_suffix('s').unwrap_or(abbr);
            if !(2..=6).contains(&stem.len())
                || !stem.starts_with(|c: char| c.is_ascii_uppercase())
                || !stem.chars().all(|c| c.is_ascii_alphabetic())
                || k < 1 + stem.len()
            {
                continue;
            }
            let words = &d.toks[k - 1 - stem.len()..k - 1];
            let lower = words
                .iter()
                .filter(|t| t.as_str(text).starts_with(|c: char| c.is_lowercase()))
                .count();
            // (most of the words in lower case: "Quorvy Liberation Front (QLF)" is a name)
            if 2 * lower >= words.len()
                && initials_match(stem, words.iter().map(|t| t.as_str(text)))
            {
                common.push(token_hash(stem));
                common.push(token_hash(abbr));
            }
        }
    }
    if common.is_empty() {
        return;
    }
    out.retain(|m| {
        let s = m.span.slice(text);
        s.contains(char::is_whitespace) || !common.contains(&token_hash(s))
    });
}

/// An acronym introduced in brackets after a name ("Harlow Space Center (HSC)", "Velmoran
/// Liberation Front [VLF]") is of the name's kind wherever the article
/// uses it; it is tagged in the brackets if the tagger left it out.
pub(super) fn acronyms(text: &str, docs: &[BlockToks], out: &mut Vec<Mention>) {
    long_forms(text, docs, out);
    common_acronyms(text, docs, out);
    let blocks = BlockIndex::new(docs);
    let mut defs: Vec<(u64, EntityKind, Option<Span>)> = Vec::new();
    let covered_by = |out: &[Mention], s: Span| out.iter().any(|m| m.span.overlaps(&s));
    for m in out.iter() {
        let Some((d, a, b)) = blocks.locate(docs, m.span) else {
            continue;
        };
        let n = d.toks.len();
        // (in round brackets, or in the square ones of a translator's insertion)
        if b < a + 2
            || b + 2 >= n
            || !matches!(
                (d.toks[b].as_str(text), d.toks[b + 2].as_str(text)),
                ("(", ")") | ("[", "]")
            )
        {
            continue;
        }
        let acr = d.toks[b + 1].as_str(text);
        let first = m.span.slice(text).chars().next();
        if !is_acronym(acr) || acr.chars().next() != first {
            continue;
        }
        let span = Span::new(d.toks[b + 1].start as usize, d.toks[b + 1].end as usize);
        defs.push((surface_hash(acr), m.kind, Some(span)));
    }
    // a name the article spells out in brackets as an organisation's ("the VELNA [National
    // Renewal Alliance] deputies", "Quorvat (Tidal Resistance Movement)") is that organisation
    // wherever the article uses it, whatever its letters spell; so is the spelled-out name
    let mut spelled: Vec<Span> = Vec::new();
    for d in docs {
        let n = d.toks.len();
        let w = |j: usize| d.toks[j].as_str(text);
        for j in 1..n.saturating_sub(3) {
            let close = match w(j) {
                "(" => ")",
                "[" => "]",
                _ => continue,
            };
            // (a possessive may come between: "the Velna's [National Renewal Alliance] plans")
            let xi = if j >= 2 && super::lexicon::is_possessive(w(j - 1)) {
                j - 2
            } else {
                j - 1
            };
            let x = &d.infos[xi];
            if !cap_word(x)
                || x.wclass
                    & (class::TITLE
                        | class::FIRST
                        | class::COUNTRY
                        | class::CITY
                        | class::REGION
                        | class::NATIONAL)
                    != 0
            {
                continue;
            }
            // (in lower case too: an article in capitals is read recased, "Velna [national
            // renewal alliance]", and a description in brackets names the kind as well)
            let word = |k: usize| w(k).chars().all(char::is_alphabetic);
            let mut e = j + 1;
            while e < n && e - j <= 8 && (word(e) || LONG_FORM_FILLERS.contains(&w(e))) {
                e += 1;
            }
            if e >= n
                || w(e) != close
                || e < j + 3
                || !word(e - 1)
                || LONG_FORM_FILLERS.contains(&w(e - 1))
            {
                continue;
            }
            let long = Span::new(d.toks[j + 1].start as usize, d.toks[e - 1].end as usize);
            let tagged_org = out
                .iter()
                .any(|m| m.kind == EntityKind::Org && m.span == long);
            if !tagged_org
                && !super::lexicon::ORG_HEADS
                    .iter()
                    .any(|h| h.eq_ignore_ascii_case(w(e - 1)))
            {
                continue;
            }
            if (j + 1..e).all(|k| cap_word(&d.infos[k]) || LONG_FORM_FILLERS.contains(&w(k))) {
                spelled.push(long);
            } else {
                // (words in lower case make no display name: only the wrong guesses in it go)
                out.retain(|m| m.kind == EntityKind::Org || !long.contains(&m.span));
            }
            defs.push((
                surface_hash(w(xi)),
                EntityKind::Org,
                Some(Span::new(
                    d.toks[xi].start as usize,
                    d.toks[xi].end as usize,
                )),
            ));
        }
    }
    if !spelled.is_empty() {
        out.retain(|m| !spelled.iter().any(|s| s.contains(&m.span)));
        out.extend(spelled.into_iter().map(|span| Mention {
            span,
            kind: EntityKind::Org,
            score: 1.0,
        }));
    }
    // an acronym of words the tagger found no name in is no name either ("Review of the
    // Season (ROTS)", "SMT [Slow Marine Tides ...]")
    let mut not_names: Vec<u64> = Vec::new();
    for d in docs {
        let n = d.toks.len();
        let w = |j: usize| d.toks[j].as_str(text);
        for j in 1..n.saturating_sub(2) {
            if !matches!(w(j), "(" | "[") {
                continue;
            }
            // "Words (ACR)"
            if matches!(w(j + 2), ")" | "]") && is_acronym(w(j + 1)) {
                // the long form starts somewhere in the run ("The Week of the Reader (WOTR)")
                if long_form(text, d, j).is_some_and(|(x, _)| {
                    !covered_by(
                        out,
                        Span::new(d.toks[x].start as usize, d.toks[j - 1].end as usize),
                    )
                }) {
                    not_names.push(surface_hash(w(j + 1)));
                }
            }
            // "ACR (Words ...)"
            if is_acronym(w(j - 1)) {
                let mut e = j + 1;
                while e < n
                    && e - j <= 10
                    && (cap_word(&d.infos[e]) || LONG_FORM_FILLERS.contains(&w(e)))
                {
                    e += 1;
                }
                if e > j + 2
                    && initials_match(w(j - 1), (j + 1..e).map(w))
                    && !covered_by(
                        out,
                        Span::new(d.toks[j + 1].start as usize, d.toks[e - 1].end as usize),
                    )
                {
                    not_names.push(surface_hash(w(j - 1)));
                }
            }
        }
    }
    if !not_names.is_empty() {
        out.retain(|m| !not_names.contains(&surface_hash(m.span.slice(text))));
    }
    if defs.is_empty() {
        return;
    }
    for m in out.iter_mut() {
        let h = surface_hash(m.span.slice(text));
        if let Some(&(_, kind, _)) = defs.iter().find(|d| d.0 == h) {
            m.kind = kind;
        }
    }
    for (_, kind, span) in defs {
        let Some(span) = span else { continue };
        if !out.iter().any(|m| m.span.overlaps(&span)) {
            out.push(Mention {
                span,
                kind,
                score: 1.0,
            });
        }
    }
}

/// A one-word name that only ever opens a sentence, in an article that writes the word in lower
/// case inside its sentences and never capitalised there, is an ordinary word in the sentence's
/// first place ("Sterling rose a cent" beside "demand for sterling"), if the casing lexicon or a
/// dictionary knows the word. So is a plural of an ordinary word that opens a sentence of prose
/// and is never capitalised inside one ("Fees total 2 pct", "Analysts said"). Lines in capitals
/// tell nothing of case and are left out. Anywhere in the article, a one-word "person" that is an
/// ordinary word no list knows, and no word of a longer name the article holds, is no one
/// ("Otherwise, ..." or "told Quorvico" beside no "Quorvico Holdings").
pub(super) fn opening_words(
    text: &str,
    docs: &[BlockToks],
    gaz: &Gazetteer,
    out: &mut Vec<Mention>,
) {
    use super::features::{F_LOWER, F_SENT_START};
    // where each sentence opens, and whether a word in lower case comes next (running prose,
    // not a table's row or a title)
    let mut openers: Vec<(u32, bool)> = docs
        .iter()
        .flat_map(|d| {
            d.toks
                .iter()
                .zip(&d.infos)
                .enumerate()
                .filter_map(|(k, (t, i))| {
                    let next_lower = d.infos.get(k + 1).is_some_and(|n| n.flags & F_LOWER != 0);
                    (i.flags & (F_SENT_START | F_CAPS_SENT) == F_SENT_START)
                        .then_some((t.start, next_lower))
                })
        })
        .collect();
    openers.sort_unstable();
    let opener = |m: &Mention| {
        let at = m.span.start as u32;
        openers
            .binary_search_by_key(&at, |o| o.0)
            .ok()
            .map(|k| openers[k].1)
    };
    let opens = |m: &Mention| opener(m).is_some();
    // the words of the one-word mentions that open a sentence, with what the article does with
    // them inside sentences: (word, written in lower case, capitalised)
    let mut words: Vec<(u64, bool, bool)> = out
        .iter()
        .filter(|m| opens(m))
        .map(|m| m.span.slice(text))
        .filter(|w| !w.contains(char::is_whitespace))
        .map(|w| (token_hash(w), false, false))
        .collect();
    words.sort_unstable();
    words.dedup();
    // (a one-word filter on the hash first: most tokens are none of those words)
    let mask = words.iter().fold(0u64, |m, w| m | 1 << (w.0 & 63));
    let scanned = if words.is_empty() { &[][..] } else { docs };
    for (_, i) in scanned.iter().flat_map(|d| d.toks.iter().zip(&d.infos)) {
        if mask & 1 << (i.lower & 63) == 0 || i.flags & (F_CAPS_SENT | F_SENT_START) != 0 {
            continue;
        }
        if let Ok(k) = words.binary_search_by_key(&i.lower, |w| w.0) {
            words[k].1 |= i.flags & F_LOWER != 0;
            words[k].2 |= i.flags & F_CAP != 0;
        }
    }
    let casing = crate::truecase::Truecaser::builtin();
    // the words of the article's names of two words or more (possessives cut: later passes
    // make a firm of a "person" that starts one: "Quorvico's Holdings Inc")
    let mut in_names: Vec<u64> = out
        .iter()
        .map(|m| m.span.slice(text))
        .filter(|n| n.contains(' '))
        .flat_map(|n| n.split_whitespace())
        .map(|w| token_hash(super::lexicon::possessive_stem(w).unwrap_or(w)))
        .collect();
    in_names.sort_unstable();
    out.retain(|m| {
        let w = m.span.slice(text);
        let h = token_hash(w);
        // a one-word "person" that is an ordinary word no list knows, and no word of a longer
        // name of the article, is no one ("Otherwise, ...", "told Quorvico", "to the Enemy")
        if m.kind == EntityKind::Person
            && !w.contains(char::is_whitespace)
            && casing.is_ordinary_word(w)
            && gaz.word_classes(h) == 0
            && in_names.binary_search(&h).is_err()
        {
            return false;
        }
        if !opens(m) {
            return true;
        }
        let Ok(k) = words.binary_search_by_key(&h, |w| w.0) else {
            return true;
        };
        let (_, lower, capitalised) = words[k];
        // (a word the casing lexicon or a dictionary knows: in an article written all in lower
        // case a name no list knows is capitalised at sentences' starts only)
        if w.contains(char::is_whitespace) || capitalised {
            return true;
        }
        if !lower {
            // never written in lower case here: a plural of an ordinary word that opens a
            // sentence of prose ("Fees total 2 pct") is no name, unless a dictionary knows it
            // as more than a census name
            return !(opener(m) == Some(true)
                && super::lexicon::is_plural_word(w)
                && casing.is_ordinary_word(w)
                && gaz.word_classes(h) & !(class::FIRST | class::LAST) == 0);
        }
        !casing.is_ordinary_word(w) && gaz.word_classes(h) == 0
    });
    abbreviated_country_capitals(text, docs, gaz, out);
}

/// Bodies of a state that a country's name alone before them names ("the Velmarian Embassy"):
/// organisations' heads that the casing lexicon writes in lower case.
const STATE_BODIES: &[&str] = &[
    "Administration",
    "Cabinet",
    "Congress",
    "Consulate",
    "Court",
    "Embassy",
    "Government",
    "Legislature",
    "Marines",
    "Military",
    "Mint",
    "Parliament",
    "Police",
    "Senate",
    "Treasury",
];

/// A word capitalised right after a country's dotted abbreviation, as after a sentence's stop
/// ("the Velmarian currency fell against the U.S. Dollar", where the article writes "dollar"
/// elsewhere), starts no name with it: a name of the abbreviation and one ordinary word that is
/// no organisation's head nor a state's body, and that the article writes in lower case
/// elsewhere, is the country alone. ("U.S. Air Force" keeps its two words.)
fn abbreviated_country_capitals(
    text: &str,
    docs: &[BlockToks],
    gaz: &Gazetteer,
    out: &mut [Mention],
) {
    use super::features::F_LOWER;
    let casing = crate::truecase::Truecaser::builtin();
    // (the mention, the abbreviation's end and the hash of the word after it)
    let mut found: Vec<(usize, usize, u64)> = Vec::new();
    for (i, m) in out.iter().enumerate() {
        let name = m.span.slice(text);
        let mut words = name.split(' ');
        let Some(abbr) = words.next() else { continue };
        let rest: Vec<&str> = words.collect();
        if rest.len() != 1
            || STATE_BODIES.contains(&rest[0])
            || !abbr.ends_with('.')
            || abbr.matches('.').count() < 2
            || gaz.word_classes(token_hash(abbr)) & (class::COUNTRY | class::NATIONAL) == 0
            || !casing.is_ordinary_word(rest[0])
            || ORG_HEADS_SET.contains(rest[0])
            || ORG_ONLY_HEADS_SET.contains(rest[0])
        {
            continue;
        }
        found.push((i, m.span.start + abbr.len(), token_hash(rest[0])));
    }
    if found.is_empty() {
        return;
    }
    let mut lower: Vec<u64> = found.iter().map(|f| f.2).collect();
    lower.sort_unstable();
    lower.dedup();
    let written_lower: Vec<bool> = lower
        .iter()
        .map(|&h| {
            docs.iter()
                .flat_map(|d| &d.infos)
                .any(|i| i.lower == h && i.flags & F_LOWER != 0)
        })
        .collect();
    for (i, end, h) in found {
        let k = lower.binary_search(&h).unwrap_or(0);
        if written_lower[k] {
            out[i].span = Span::new(out[i].span.start, end);
            out[i].kind = EntityKind::Loc;
        }
    }
}

/// The vote of a place cue ([`place_cue`]): about six confident mentions' worth (a mention's
/// vote is at most 4), so that it outweighs the tagger's guesses at a name it saw a few times,
/// not a name it typed otherwise all through the article (a metaphor: "the province of" a
/// social network).
const PLACE_CUE_VOTE: f32 = 25.0;

/// Compass words that stand before "of" and a place ("south of Velbury").
const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// Whether the text before a name ends with a place noun or a compass word and "of", perhaps
/// with "the" ("the town of", "a suburb of the", "south of"): what follows is a place.
pub(super) fn place_cue(before: &str) -> bool {
    let mut words = before.trim_end().rsplit([' ', '\n', '\t']);
    let mut w = words.next().unwrap_or("");
    if w.eq_ignore_ascii_case("the") {
        w = words.next().unwrap_or("");
    }
    if !w.eq_ignore_ascii_case("of") {
        return false;
    }
    let noun = words.next().unwrap_or("");
    // (lower case: "the Province of" opens a name of its own)
    noun.bytes().all(|c| c.is_ascii_lowercase())
        && (PLACE_NOUNS.contains(&noun) || COMPASS.contains(&noun))
}

/// Whether the text after a name ends the name's noun phrase: a stop, a comma or a number, a
/// function word or a verb in the past tense; not a noun ("the Qarvessa headquarters").
fn ends_phrase(after: &str) -> bool {
    let rest = after.trim_start();
    let word: &str = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    word.is_empty()
        || matches!(word, "and" | "or")
        || FUNCTION_WORDS.contains(&word)
        || past_tense(word)
}

/// Document-level consistency: a name tagged confidently keeps its type wherever it recurs,
/// and untagged repetitions of a confident name (or of a person's surname) are added. In text
/// as published (not `recased`), a name tagged ending in a capitalised word is not repeated by
/// the same words ending in lower case ("Quorvy Advocates" ... "Quorvy advocates said").
pub(super) fn consistency(
    text: &str,
    docs: &[BlockToks],
    gaz: &Gazetteer,
    recased: bool,
    out: &mut Vec<Mention>,
) {
    if out.is_empty() {
        return;
    }
    // votes per surface (sequence of folded token hashes)
    let seq = |s: &str| -> (u64, usize) {
        let mut h = 0u64;
        let mut n = 0;
        for w in s
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            h = (h.rotate_left(23) ^ crate::gazetteer::token_hash(w))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
            n += 1;
        }
        (h, n)
    };
    // tokens in all-capitals lines (headlines), whose case tells nothing, and the words the
    // document writes in lower case elsewhere
    let mut caps_starts: Vec<u32> = Vec::new();
    for d in docs {
        caps_starts.extend(
            d.toks
                .iter()
                .zip(&d.infos)
                .filter(|(_, i)| i.flags & F_CAPS_SENT != 0)
                .map(|(t, _)| t.start),
        );
    }
    caps_starts.sort_unstable();
    let in_caps = |m: &Mention| {
        !caps_starts.is_empty() && caps_starts.binary_search(&(m.span.start as u32)).is_ok()
    };
    // a headline word the text writes in lower case is no name ("TURBINES", "HARBOUR")
    if out.iter().any(in_caps) {
        // (the headline mentions' words, each marked when running text writes it in lower
        // case: a few words looked for, not every lower-case word of the article stored)
        let mut lower_words: crate::gazetteer::PreHashedMap<bool> = out
            .iter()
            .filter(|m| in_caps(m))
            .flat_map(|m| m.span.slice(text).split_whitespace())
            .map(|w| (crate::gazetteer::token_hash(w), false))
            .collect();
        for d in docs {
            for i in d
                .infos
                .iter()
                .filter(|i| i.flags & (F_CAPS_SENT | features::F_LOWER) == features::F_LOWER)
            {
                if let Some(seen) = lower_words.get_mut(&i.lower) {
                    *seen = true;
                }
            }
        }
        out.retain(|m| {
            !in_caps(m)
                || !m.span.slice(text).split_whitespace().all(|w| {
                    lower_words
                        .get(&crate::gazetteer::token_hash(w))
                        .is_some_and(|&seen| seen)
                })
        });
    }
    let mut votes: crate::gazetteer::PreHashedMap<([f32; 3], usize)> = Default::default();
    for m in out.iter() {
        let surface = m.span.slice(text);
        let (h, n) = seq(surface);
        let e = votes.entry(h).or_insert(([0.0; 3], n));
        let k = KINDS.iter().position(|&k| k == m.kind).unwrap_or(0);
        // a guess in a headline counts less than one in running text
        e.0[k] += m.score.clamp(0.05, 4.0) * if in_caps(m) { 0.25 } else { 1.0 };
        // a name after "the town of", "south of" is a place wherever it recurs, however sure
        // the tagger was of another kind elsewhere
        if place_cue(&text[..m.span.start]) && ends_phrase(&text[m.span.end..]) {
            e.0[2] += PLACE_CUE_VOTE;
        }
        // a company named with its legal suffix is a company wherever its name recurs without it
        // ("Velmora Co Ltd" ... "Velmora said")
        if m.kind == EntityKind::Org
            && surface.rsplit(' ').next().is_some_and(is_company_suffix)
            && !in_caps(m)
        {
            let words: Vec<&str> = surface.split_whitespace().collect();
            let stem = words
                .iter()
                .rposition(|w| !is_company_suffix(w))
                .map_or(0, |p| p + 1);
            if stem > 0 && stem < words.len() {
                let (h, n) = seq(&words[..stem].join(" "));
                votes.entry(h).or_insert(([0.0; 3], n)).0[1] += 50.0;
            }
        }
    }
    let casing = crate::truecase::Truecaser::builtin();
    let plain_surname = |first: &str, last: &str| {
        let other = class::COUNTRY
            | class::CITY
            | class::REGION
            | class::ORG
            | class::ARMED
            | class::IGO
            | class::NATIONAL
            | class::TITLE;
        gaz.word_classes(token_hash(first)) & class::FIRST != 0
            && gaz.word_classes(token_hash(last)) & other == 0
            && !casing.is_ordinary_word(last)
            && last
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    // surnames of confident multi-word persons
    let mut surnames: crate::gazetteer::PreHashedMap<()> = Default::default();
    let mut weak_surnames: Vec<(u64, usize)> = Vec::new();
    let mut family_names: Vec<u64> = Vec::new();
    for m in out.iter().filter(|m| m.kind == EntityKind::Person) {
        let s = m.span.slice(text);
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.len() >= 2 {
            let last = words[words.len() - 1];
            // given names too ("Kelmore Vance" ... "Kelmore"), unless a country's name
            let first = words[0];
            let country =
                gaz.word_classes(crate::gazetteer::token_hash(first)) & class::COUNTRY != 0;
            if first.chars().next().is_some_and(|c| c.is_uppercase()) && first.len() > 2 && !country
            {
                surnames.insert(seq(first).0, ());
            }
            if last.chars().next().is_some_and(|c| c.is_uppercase()) && last.len() > 2 {
                let (h, n) = seq(last);
                surnames.insert(h, ());
                // (a given name first: a wrong "person" such as "First Velbury Bank" spreads
                // no surname to the headline)
                let given = gaz.word_classes(token_hash(first)) & class::FIRST != 0;
                if given && m.score >= CONFIDENT || plain_surname(first, last) {
                    family_names.push(h);
                }
                if m.score >= CONFIDENT {
                    let e = votes.entry(h).or_insert(([0.0; 3], n));
                    e.0[0] += 1.5 * m.score.clamp(0.05, 4.0);
                } else if words.len() <= 3 && plain_surname(first, last) {
                    // a given name and a surname no list knows as anything else: the surname
                    // alone names the person however unsure the tagger was of the full name
                    // (counted once the names ending in it are typed, below)
                    weak_surnames.push((h, n));
                }
            }
        }
    }
    let winner = |v: &[f32; 3]| -> Option<(usize, f32)> {
        let total: f32 = v.iter().sum();
        let (k, best) = v
            .iter()
            .enumerate()
            .fold((0, 0f32), |a, (k, &x)| if x > a.1 { (k, x) } else { a });
        (best >= CONFIDENT && best >= 0.7 * total).then_some((k, best))
    };
    // how often each surface is tagged as an organisation or a place
    let mut repeated: crate::gazetteer::PreHashedMap<usize> = Default::default();
    for m in out.iter().filter(|m| m.kind != EntityKind::Person) {
        *repeated.entry(seq(m.span.slice(text)).0).or_insert(0) += 1;
    }
    // 1. retype mentions against the document's vote
    for m in out.iter_mut() {
        let surface = m.span.slice(text);
        let (h, n) = seq(surface);
        if let Some((k, _)) = votes.get(&h).and_then(|v| winner(&v.0)) {
            m.kind = KINDS[k];
        }
        // the surname of a person named in full earlier is that person ("Arlo Venn" ... "Venn")
        if n == 1 && m.kind != EntityKind::Person && surnames.contains_key(&h) {
            m.kind = EntityKind::Person;
        }
        if n >= 2 && m.kind != EntityKind::Person {
            // "the Arlo Venn administration": a name ending in a known person's name
            let last = surface.split_whitespace().last().unwrap_or("");
            // (unless the article tags the whole name at least twice, outweighing the word's
            // votes as a person: "the Quorvy Reserve" is no person for one guess at "Reserve";
            // a name opening with a title is a person's all the same)
            let first = surface.split_whitespace().next().unwrap_or("");
            let titled = gaz.word_classes(token_hash(first)) & class::TITLE != 0;
            let own = votes.get(&h).map_or(0.0, |o| o.0[1].max(o.0[2]));
            let kept = !titled && repeated.get(&h).is_some_and(|&c| c >= 2);
            if let Some(v) = votes.get(&seq(last).0) {
                if v.1 == 1
                    && v.0[0] > 0.0
                    && v.0[0] >= 2.0 * v.0[1].max(v.0[2])
                    && !(kept && own > v.0[0])
                {
                    m.kind = EntityKind::Person;
                }
            }
        }
    }
    for (h, n) in weak_surnames {
        votes.entry(h).or_insert(([0.0; 3], n)).0[0] += CONFIDENT;
    }
    // 2. add untagged occurrences of confident names
    let mut lower_ends: crate::gazetteer::PreHashedMap<()> = Default::default();
    for m in out.iter() {
        let s = m.span.slice(text);
        if s.rsplit(' ')
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()))
        {
            lower_ends.insert(seq(s).0, ());
        }
    }
    let max_len = votes.values().map(|v| v.1).max().unwrap_or(0).min(8);
    let mut covered: Vec<Span> = out.iter().map(|m| m.span).collect();
    covered.sort();
    let is_covered = |s: Span, cov: &[Span]| {
        let i = cov.partition_point(|c| c.end <= s.start);
        cov.get(i).is_some_and(|c| c.overlaps(&s))
    };
    let mut added = Vec::new();
    for d in docs {
        let n = d.toks.len();
        let mut i = 0;
        while i < n {
            let caps_line = d.infos[i].flags & F_CAPS_SENT != 0;
            if caps_line {
                // a headline in capitals over running text names a person by the surname the
                // text gives in full ("VELM WINS" over "Orrin Velm won ..."), when the word is
                // no ordinary word
                let w = d.toks[i].as_str(text);
                let h = seq(w).0;
                let person = votes
                    .get(&h)
                    .and_then(|v| winner(&v.0))
                    .is_some_and(|(k, _)| KINDS[k] == EntityKind::Person);
                let span = Span::new(d.toks[i].start as usize, d.toks[i].end as usize);
                if person
                    && family_names.contains(&h)
                    && w.chars().filter(|c| c.is_alphabetic()).count() >= 4
                    && !casing.is_ordinary_word(w)
                    && !is_covered(span, &covered)
                {
                    added.push(Mention {
                        span,
                        kind: EntityKind::Person,
                        score: 0.0,
                    });
                }
                i += 1;
                continue;
            }
            if d.infos[i].flags & F_CAP == 0 {
                i += 1;
                continue;
            }
            let mut h = 0u64;
            let mut best: Option<(usize, usize, u64)> = None;
            for j in i..n.min(i + max_len) {
                h = (h.rotate_left(23) ^ d.infos[j].lower).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                if let Some(v) = votes.get(&h) {
                    if v.1 == j + 1 - i {
                        if let Some((k, _)) = winner(&v.0) {
                            best = Some((j + 1, k, h));
                        }
                    }
                }
            }
            let best = best.filter(|&(end, _, h)| {
                recased
                    || !d.toks[end - 1]
                        .as_str(text)
                        .starts_with(|c: char| c.is_lowercase())
                    || lower_ends.contains_key(&h)
            });
            if let Some((end, k, _)) = best {
                let span = Span::new(d.toks[i].start as usize, d.toks[end - 1].end as usize);
                // a name continues with a capitalised word: not a repetition of the shorter name
                let continues = end < n && d.infos[end].flags & F_CAP != 0 && !caps_line && {
                    let gap = &text[d.toks[end - 1].end as usize..d.toks[end].start as usize];
                    gap.chars().all(|c| c == ' ')
                };
                // "Mr Brunvik" is fine, "Anna Brunvik" is another name; a capitalised sentence
                // opener ("Later Brunvik left") does not count
                let after_cap = i > 0
                    && d.infos[i - 1].flags & F_CAP != 0
                    && !d.toks[i].sent_start
                    && (!d.toks[i - 1].sent_start || d.infos[i - 1].wclass & class::FIRST != 0)
                    && d.infos[i - 1].wclass & class::TITLE == 0;
                if !is_covered(span, &covered) && !continues && !after_cap {
                    added.push(Mention {
                        span,
                        kind: KINDS[k],
                        score: 0.0,
                    });
                } else if after_cap && KINDS[k] == EntityKind::Person && end == i + 1 && !continues
                {
                    // "the Arlo Venn administration" after "Venn" was tagged: the given
                    // name before a known surname belongs to the name
                    let p = &d.infos[i - 1];
                    let wide = Span::new(d.toks[i - 1].start as usize, span.end);
                    let place_or_org = p.wclass
                        & (class::COUNTRY
                            | class::CITY
                            | class::REGION
                            | class::ORG
                            | class::NATIONAL)
                        != 0;
                    if !place_or_org
                        && !clock_time_zone(text, &d.toks, &d.infos, i - 1)
                        && !is_covered(wide, &covered)
                        && (i < 2 || d.infos[i - 2].flags & F_CAP == 0)
                    {
                        added.push(Mention {
                            span: wide,
                            kind: EntityKind::Person,
                            score: 0.0,
                        });
                    }
                }
                i = end;
            } else {
                i += 1;
            }
        }
    }
    out.extend(added);
}

/// Nationalities are no names: a place mention that the dictionary knows only as a nationality
/// ("South Korean officials", "the Iraqi"), and a mention of any kind that is one after compass
/// words ("West Norlandic"), is dropped. Country and city names are never dropped (the
/// dictionary classes them as such).
pub(super) fn demonyms(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    // (a one-word person may bear a nationality's name as a surname; a compass word before
    // one makes an adjective of any kind: "West Velmaran producers")
    // (a nationality's plural names a people, no person or organisation: "the Velmarans",
    // unless a dictionary knows the plural itself; a place's plural may be a region's name)
    let plural = |s: &str| {
        s.len() > 4
            && !s.contains(' ')
            && s.ends_with('s')
            && !s.ends_with("ss")
            && gaz.lookup(&s[..s.len() - 1]).is_some_and(|e| {
                e.classes & class::NATIONAL != 0
                    && e.classes & (class::COUNTRY | class::CITY | class::REGION) == 0
            })
            && gaz.lookup(s).is_none()
    };
    out.retain(|m| {
        let s = m.span.slice(text);
        !((m.kind == EntityKind::Loc || s.contains(' ')) && is_demonym(s, gaz)
            || m.kind != EntityKind::Loc && plural(s))
    });
}

/// An ordinary word capitalised after a lower-case noun or a title and "of" completes an office
/// or a quantity, not a name: "the secretary of State", "Secretary of State", "expenditure of
/// general Government" (an organisation or a place of one word that running text writes in
/// lower case).
pub(super) fn title_objects(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let casing = crate::truecase::Truecaser::builtin();
    out.retain(|m| {
        let s = m.span.slice(text);
        if m.kind == EntityKind::Person
            || s.contains(char::is_whitespace)
            || !s.starts_with(|c: char| c.is_uppercase())
            || s.chars().all(|c| !c.is_lowercase())
            || !casing.is_lower_word(s)
        {
            return true;
        }
        // "<noun> of", perhaps with one lower-case word between ("of general Government")
        let lower = |w: &str| w.len() > 1 && w.chars().all(|c| c.is_lowercase());
        let mut before = text[..m.span.start].trim_end();
        if !before.ends_with(" of") {
            match before.rsplit_once(char::is_whitespace) {
                Some((rest, w)) if lower(w) && w != "the" => before = rest.trim_end(),
                _ => return true,
            }
        }
        let Some(rest) = before.strip_suffix(" of") else {
            return true;
        };
        let noun = rest.rsplit(char::is_whitespace).next().unwrap_or("");
        // (a title the dictionary knows only as a title: "Secretary", "Minister")
        let classes = gaz.word_classes(token_hash(noun));
        let title = classes & class::TITLE != 0
            && classes & !(class::TITLE | class::FIRST | class::LAST) == 0;
        !(lower(noun) || title && noun.starts_with(|c: char| c.is_uppercase()))
    });
}

/// A person's name does not start with a function word ("For", "From", "With") that no list
/// knows as a given name: the capital is the sentence's ("For Quorve, the vote ...", "From
/// Velmora to Quorve, ..."); the word is cut from the name. (Only function words: a given name
/// that is also an ordinary word, such as a baseball glove's, starts many real names.)
pub(super) fn leading_words(text: &str, gaz: &Gazetteer, out: &mut [Mention]) {
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Person) {
        let s = m.span.slice(text);
        let Some((first, rest)) = s.split_once(' ') else {
            continue;
        };
        let rest = rest.trim_start();
        let function = NOT_NAMES_UNLESS_CAPS_SET.contains(first)
            && crate::dates::month_from_name(first).is_none();
        if !function
            || rest.is_empty()
            || gaz.word_classes(crate::gazetteer::token_hash(first)) & (class::FIRST | class::TITLE)
                != 0
        {
            continue;
        }
        m.span = Span::new(m.span.end - rest.len(), m.span.end);
    }
}

/// Stock tickers in angle brackets, as wire copy writes them after a company's name
/// ("QUORVEX <QRVX.N> EXPANDS", "Quorvex Industries Inc <QRVX>"): the ticker is no name, and the
/// name right before it is the company's. A company's name of two words or more in the brackets
/// ("<Velm and Brell>") is one organisation.
pub(super) fn tickers(text: &str, out: &mut Vec<Mention>) {
    if text.find('<').is_none() {
        return;
    }
    // "QRVX", "QRVX.N", "QRVX.AS"
    let ticker = |s: &[u8]| {
        let dot = s.iter().position(|&b| b == b'.').unwrap_or(s.len());
        let (sym, market) = (&s[..dot], s.get(dot + 1..).unwrap_or(b"A"));
        (1..=6).contains(&sym.len())
            && sym
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && (1..=2).contains(&market.len())
            && market.iter().all(u8::is_ascii_uppercase)
    };
    // the bracketed text starting at byte `at` (after the "<"), when it closes within a ticker's length
    let inside = |at: usize| {
        let b = text.as_bytes();
        let window = &b[at.min(b.len())..(at + 10).min(b.len())];
        window.iter().position(|&c| c == b'>').map(|e| &window[..e])
    };
    // the "<" that opens the bracket a mention stands in, its market code too ("<QRVX.MI>")
    let opening = |start: usize| {
        let b = &text.as_bytes()[start.saturating_sub(8)..start];
        let lt = b.iter().rposition(|&c| c == b'<')?;
        b[lt + 1..]
            .iter()
            .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'.')
            .then_some(start - (b.len() - lt - 1))
    };
    out.retain(|m| !opening(m.span.start).is_some_and(|at| inside(at).is_some_and(ticker)));
    for m in out.iter_mut() {
        if text.as_bytes()[m.span.end..].starts_with(b" <")
            && inside(m.span.end + 2).is_some_and(ticker)
        {
            m.kind = EntityKind::Org;
        }
    }
    // the words right before a ticker that start the name of an organisation the article
    // names ("QUORVY ATLANTIC <QRV> FILES" beside "Quorvy Atlantic Mobile Systems said") are
    // that company's short name, whatever the tagger took them for
    ticker_heads(text, &ticker, out);
    // a company's name in angle brackets, as wire copy writes it ("<Velm and Brell>",
    // "<QUORVY MINING LTD>"): the bracket holds one organisation, whatever the tagger found in it;
    // a ticker written with a space before its market ("<QRVX ST>") is no name
    let mut firms: Vec<Span> = Vec::new();
    let mut codes: Vec<Span> = Vec::new();
    for (lt, _) in text.match_indices('<') {
        let rest = &text[lt + 1..];
        let Some(gt) = rest
            .find(['>', '<', '\n'])
            .filter(|&e| rest[e..].starts_with('>'))
        else {
            continue;
        };
        let span = Span::new(lt + 1, lt + 1 + gt);
        match bracketed(&rest[..gt]) {
            Some(true) if !ticker(rest[..gt].as_bytes()) => firms.push(span),
            Some(false) => codes.push(span),
            _ => {}
        }
    }
    if !firms.is_empty() || !codes.is_empty() {
        out.retain(|m| !firms.iter().chain(&codes).any(|f| f.overlaps(&m.span)));
        out.extend(firms.into_iter().map(|span| Mention {
            span,
            kind: EntityKind::Org,
            score: 1.0,
        }));
    }
}

/// The company's name right before a ticker (see [`tickers`]): the whole run of capitalised
/// words ending there, when it ends in a legal suffix ("QUORVY ATLANTIC MOBILE INC <QRV>", of
/// which the tagger may keep only the last words when the first ones are ordinary words), or
/// when it starts an organisation's name elsewhere in the article, in any case (the short name).
fn ticker_heads(text: &str, ticker: &dyn Fn(&[u8]) -> bool, out: &mut Vec<Mention>) {
    let fold = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_lowercase).collect() };
    let mut orgs: Vec<(Span, Vec<String>)> = Vec::new();
    let mut found: Vec<Span> = Vec::new();
    for (lt, _) in text.match_indices(" <") {
        let rest = &text[lt + 2..];
        let Some(gt) = rest.find('>').filter(|&g| g <= 10) else {
            continue;
        };
        if !ticker(rest[..gt].as_bytes()) {
            continue;
        }
        // the capitalised words before the ticker, on its line, back to the line's start, a
        // word in lower case, or a punctuation mark ("UPDATE 2-", "<X>, QUORVY <Q>"); at most six
        let line = &text[text[..lt].rfind('\n').map_or(0, |p| p + 1)..lt];
        let base = lt - line.len();
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut end = line.len();
        let whole = loop {
            let start = line[..end]
                .rfind([' ', '-', ',', ':', '(', '"'])
                .map_or(0, |p| p + 1);
            let w = &line[start..end];
            if w.is_empty() || !w.starts_with(|c: char| c.is_uppercase()) || words.len() == 6 {
                break false;
            }
            words.push((base + start, w));
            if start == 0 || line.as_bytes()[start - 1] != b' ' {
                break true;
            }
            end = start - 1;
            if !line[..end].ends_with(|c: char| c.is_alphanumeric() || c == '.' || c == '\'') {
                break true;
            }
            let prev = line[..end].rsplit(' ').next().unwrap_or("");
            if prev.starts_with(|c: char| c.is_lowercase()) {
                break true;
            }
        };
        // (not a function word capitalised at a sentence's start: "The Quorvy Co <Q> said")
        while words
            .last()
            .is_some_and(|(_, w)| FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)))
        {
            words.pop();
        }
        if !whole || words.is_empty() {
            continue;
        }
        let n = words.len();
        if n >= 2 && is_company_suffix(words[0].1) {
            let span = Span::new(words[n - 1].0, lt);
            // a name goes on before the run when a hyphen glues it to a word ("Quorvy-Tarvel Co";
            // a wire slug is no word of it: "UPDATE 2-QUORVY CO") or a joining word precedes it
            // ("Brell and Velm Inc"), and a legal suffix alone names no one ("and Co AG")
            let before = &line[..span.start - base];
            let glued = before.ends_with('-') && crate::plain::wire_slug(line) != before.len();
            let joined = before
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| matches!(w, "and" | "&" | "of" | "de" | "du" | "von" | "van"));
            let named = words.iter().any(|(_, w)| !is_company_suffix(w));
            // only to widen what the tagger found inside the run, never to cut a longer name or
            // to swallow a place ("VELMAR'S QUORVY AG")
            let inside = out.iter().all(|m| {
                !m.span.overlaps(&span) || (span.contains(&m.span) && m.kind != EntityKind::Loc)
            });
            if !glued && !joined && named && inside {
                found.push(span);
            }
            continue;
        }
        if orgs.is_empty() {
            orgs = out
                .iter()
                .filter(|m| m.kind == EntityKind::Org)
                .map(|m| (m.span, fold(m.span.slice(text))))
                .collect();
        }
        let run: Vec<String> = words.iter().rev().map(|(_, w)| w.to_lowercase()).collect();
        let span = Span::new(words[n - 1].0, lt);
        if orgs
            .iter()
            .any(|(s, o)| *s != span && o.len() > n && o[..n] == run[..])
        {
            found.push(span);
        }
    }
    for span in found {
        if out
            .iter()
            .any(|m| m.span == span && m.kind == EntityKind::Org)
        {
            continue;
        }
        replace_with_org(out, span);
    }
}

/// What a bracket of wire copy holds: a company's name (`Some(true)`: two to eight words, each
/// capitalised, or a number, or a joining word inside the name: "and", "of", "&", "de", ...), a
/// ticker with a space before its market (`Some(false)`: "QRVX ST"), or neither.
fn bracketed(inner: &str) -> Option<bool> {
    const JOINS: [&str; 10] = [
        "and", "of", "for", "the", "&", "de", "du", "des", "la", "et",
    ];
    let words: Vec<&str> = inner.split(' ').collect();
    if words.len() == 2
        && !inner.contains(char::is_lowercase)
        && (1..=6).contains(&words[0].len())
        && (1..=2).contains(&words[1].len())
        && !is_company_suffix(words[1])
    {
        return Some(false);
    }
    ((2..=8).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '\'' | '-' | '&'))
                || JOINS.contains(w)
        })
        && !JOINS.contains(&words[0])
        && !JOINS.contains(&words[words.len() - 1]))
    .then_some(true)
}

/// Whether `rest` (the text after a word) ends a dateline: a colon, a bracketed source or a
/// dash ("Tarrington, Conn (Reuters) -", "Tarrington, Conn:").
fn ends_dateline(rest: &str) -> bool {
    rest.starts_with(':')
        || [" (", " -", " \u{2013}", " \u{2014}"]
            .iter()
            .any(|p| rest.starts_with(p))
}

/// A name right before a comma and the dotted abbreviation of a US state is a town ("Tarrington,
/// Calif.: Quorvex Industries said ...", "in Velbury, N.J., on Monday"), and the abbreviation the
/// state, whatever the tagger took them for; so is the abbreviation without its period where a
/// dateline ends ("Tarrington, Conn (Reuters) -").
pub(super) fn state_towns(text: &str, out: &mut [Mention]) {
    for m in out.iter_mut().filter(|m| m.kind != EntityKind::Loc) {
        let Some(after) = text[m.span.end..].strip_prefix(", ") else {
            continue;
        };
        let state = crate::canon::US_STATE_ABBREVIATIONS.iter().any(|(a, _)| {
            // (in capitals too: "IRVINGTON, CALIF.")
            after
                .get(..a.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(a))
                && after[a.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || matches!(c, ':' | ',' | ';' | ')' | '-'))
                || a.strip_suffix('.').is_some_and(|a| {
                    after
                        .get(..a.len())
                        .is_some_and(|h| h.eq_ignore_ascii_case(a))
                        && ends_dateline(&after[a.len()..])
                })
        });
        if state && !m.span.slice(text).contains(',') {
            m.kind = EntityKind::Loc;
        }
    }
    // the abbreviation itself, after a town ("Tarrington, Pa.:") or a party's letter in a
    // politician's parenthesis ("Sen. Ada Quorve (D-Pa.)"), is the state, whatever the tagger
    // took it for
    for m in out.iter_mut().filter(|m| m.kind != EntityKind::Loc) {
        let before = &text.as_bytes()[..m.span.start];
        let placed = before.ends_with(b", ")
            && before[..before.len() - 2]
                .last()
                .is_some_and(u8::is_ascii_alphabetic)
            || [b"(D-", b"(R-", b"(I-"]
                .iter()
                .any(|p| before.ends_with(*p));
        if !placed || m.span.len() > 6 {
            continue;
        }
        let w = m.span.slice(text);
        let dotted = text[m.span.end..].starts_with('.');
        let dateline_end = ends_dateline(&text[m.span.end..]);
        let abbreviation = (dotted || dateline_end)
            && crate::canon::is_dotless_state_abbreviation(w)
            || crate::canon::US_STATE_ABBREVIATIONS
                .iter()
                .any(|(a, _)| a.eq_ignore_ascii_case(w));
        if abbreviation {
            m.kind = EntityKind::Loc;
        }
    }
}

/// A dateline names a place: the capitalised words that open a line right before its date
/// ("KELMORE 1996-08-30", "VELBURY, March 3 - Quorvy Corp said ...", "Velbury, 12 Jan 90
/// (Radio Quorvex) --"), whatever the tagger took them for. A dateline opens the story: no line
/// of running text (four words in lower case; the title and its repetition aside) comes before
/// it, so a label and a date in a table further down ("Payable April 15") is none. The words are
/// no month or weekday, and a name the dictionaries do not know as a place holds no ordinary
/// word ("Posted", "Clandestine") and is no organisation's or person's name they know.
pub(super) fn datelines(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let mut line_start = 0;
    let mut title: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
        let Some((town, region)) = dateline_words(&line[lead..]) else {
            if *title.get_or_insert(trimmed) != trimmed
                && trimmed
                    .split_whitespace()
                    .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
                    .count()
                    >= 4
            {
                return; // the story has begun
            }
            continue;
        };
        let at = start + lead;
        let truecaser = crate::truecase::Truecaser::builtin();
        let placed = |span: Span| {
            let name = span.slice(text);
            let known = gaz.lookup(name).map_or(0, |e| e.classes);
            known & (class::COUNTRY | class::CITY | class::REGION) != 0
                || known & (class::ORG | class::ARMED | class::IGO | class::PERSON) == 0
                    && !name
                        .split(' ')
                        .any(|w| truecaser.is_ordinary_word(w.trim_end_matches('.')))
        };
        let town = Span::new(at, at + town);
        if !placed(town) {
            continue;
        }
        let region = region
            .map(|(a, b)| Span::new(at + a, at + b))
            .filter(|&r| placed(r));
        for span in std::iter::once(town).chain(region) {
            out.retain(|m| !m.span.overlaps(&span));
            out.push(Mention {
                span,
                kind: EntityKind::Loc,
                score: 1.0,
            });
        }
        return;
    }
}

/// The place's words when `line` is a dateline, as byte ranges of `line`: the town and the
/// region or country after it, if any. A dateline is one to four capitalised words (letters,
/// inner apostrophes, hyphens and periods; no month or weekday), perhaps a comma and a region
/// ("VELBURY, Kel. 1996-08-30", "KELMORE , Tarvela 1996-08-30"), an optional comma, a date
/// (`1996-08-30`, `March 3`, `3 Mar 90`), and then the line's end, a dash, a bracket or a colon.
fn dateline_words(line: &str) -> Option<(usize, Option<(usize, usize)>)> {
    let town = name_run(line, 4)?;
    let mut at = town;
    let comma = |at: usize| {
        let r = &line[at..];
        let r2 = r.strip_prefix(' ').unwrap_or(r);
        r2.strip_prefix(',').map(|r3| line.len() - r3.len())
    };
    let mut region = None;
    if let Some(c) = comma(at) {
        at = c;
        if let Some(r) = line[at..].strip_prefix(' ') {
            let r_start = line.len() - r.len();
            if let Some(len) = name_run(r, 3) {
                region = Some((r_start, r_start + len));
                at = r_start + len;
                at = comma(at).unwrap_or(at);
            }
        }
    }
    let after = line[at..].strip_prefix(' ')?;
    let rest = dateline_date(after)?;
    let rest = rest.trim_end_matches(['\r', '\n', ' ']);
    (rest.is_empty() || ends_dateline(rest) || rest.starts_with(['-', '(']))
        .then_some((town, region))
}

/// The length in bytes of the one to `max` capitalised words that open `s` (no month or
/// weekday names), if any.
fn name_run(s: &str, max: usize) -> Option<usize> {
    let mut end = 0;
    let mut count = 0;
    let mut rest = s;
    loop {
        let w_len = rest
            .find(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '-' | '.')))
            .unwrap_or(rest.len());
        let w = &rest[..w_len];
        let named = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !crate::dates::names_a_day_or_month(w);
        if !named || count == max {
            break;
        }
        count += 1;
        end = s.len() - rest.len() + w_len;
        match rest[w_len..].strip_prefix(' ') {
            Some(r) if r.starts_with(|c: char| c.is_uppercase()) => rest = r,
            _ => break,
        }
    }
    (count > 0).then_some(end)
}

/// The text after a date that opens `s` (`1996-08-30`, `March 3`, `March 3, 1990`, `3 Mar 90`).
fn dateline_date(s: &str) -> Option<&str> {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let word = |s: &str| {
        s.find(|c: char| !(c.is_alphabetic() || c == '.'))
            .unwrap_or(s.len())
    };
    let year = |s: &str| -> usize {
        // an optional year after the day: " 90", ", 1990"
        let t = s.strip_prefix(',').unwrap_or(s);
        match t.strip_prefix(' ') {
            Some(r)
                if matches!(digits(r), 2 | 4)
                    && !r[digits(r)..]
                        .starts_with(|c: char| c.is_ascii_alphanumeric() || c == ':') =>
            {
                s.len() - r.len() + digits(r)
            }
            _ => 0,
        }
    };
    let d = digits(s);
    if d == 4 {
        // 1996-08-30
        let r = s[4..].strip_prefix('-')?;
        let m = digits(r);
        let r2 = r.get(m..)?.strip_prefix('-')?;
        let dd = digits(r2);
        return ((1..=2).contains(&m) && (1..=2).contains(&dd)).then(|| &r2[dd..]);
    }
    if (1..=2).contains(&d) {
        // 3 Mar 90
        let r = s[d..].strip_prefix(' ')?;
        let w = word(r);
        crate::dates::month_from_name(&r[..w])?;
        let r = &r[w..];
        return Some(&r[year(r)..]);
    }
    // March 3, 1990
    let w = word(s);
    crate::dates::month_from_name(&s[..w])?;
    let r = s[w..].strip_prefix(' ')?;
    let dd = digits(r);
    if !(1..=2).contains(&dd) {
        return None;
    }
    let r = &r[dd..];
    Some(&r[year(r)..])
}

/// Endings of nationality words ("-an", "-ese", "-ish", "-i", "-ch").
const DEMONYM_ENDINGS: [&str; 5] = ["an", "ese", "ish", "i", "ch"];

pub(super) fn is_demonym(name: &str, gaz: &Gazetteer) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((&last, lead)) = words.split_last() else {
        return false;
    };
    let compass = |w: &str| {
        matches!(
            w,
            "West"
                | "East"
                | "North"
                | "South"
                | "Northern"
                | "Southern"
                | "Eastern"
                | "Western"
                | "Central"
        )
    };
    let nationality = |p: &str| {
        DEMONYM_ENDINGS.iter().any(|e| p.ends_with(e))
            && gaz.lookup(p).is_some_and(|e| {
                e.classes & class::NATIONAL != 0
                    && e.classes & (class::COUNTRY | class::CITY | class::REGION) == 0
            })
    };
    nationality(name) || lead.iter().all(|w| compass(w)) && nationality(last)
}

/// Verbs and function words that join no name's words.
const CLAUSE_WORDS: [&str; 22] = [
    "by", "to", "have", "has", "had", "is", "are", "was", "were", "will", "would", "can", "could",
    "should", "said", "says", "not", "only", "than", "that", "it", "its",
];

/// Capitals phrases of ordinary words are no names ("DEBT DOWNGRADED BY LENDER", "WEEKLY
/// SPOTLIGHT" in a headline): a mention in capitals of two words or more whose every word running
/// text writes in lower case, unless the dictionary or the casing lexicon knows the phrase as a
/// name ("SUPREME COURT", "WORLD BANK").
pub(super) fn caps_phrases(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    out.retain(|m| {
        let s = m.span.slice(text);
        // (most mentions have a lower-case letter: their words are not needed)
        if s.chars().any(char::is_lowercase) {
            return true;
        }
        let words = bare_words(s);
        // (one word in capitals too, of five letters or more: shorter ones are often acronyms)
        let caps = words.len() >= 2 || words.len() == 1 && words[0].len() >= 5;
        !caps || !ordinary_phrase(s, &words, gaz)
    });
}

/// Whether a mention written without case information (in capitals, or in a headline that
/// capitalises every word) is made of ordinary words: every word is one running text writes in
/// lower case, or it has three words or more, two of them ordinary, and a verb or function word
/// no name is joined with ("REBELS HAVE DIED"); unless the dictionary or the casing lexicon
/// knows the phrase as a name.
fn ordinary_phrase(s: &str, words: &[String], gaz: &Gazetteer) -> bool {
    let casing = crate::truecase::Truecaser::builtin();
    if words.is_empty() || gaz.lookup(s).is_some() || casing.is_capitalised_phrase(&words.join(" "))
    {
        return false;
    }
    // (an initial is a name's: "M. Quorve")
    let initial = |w: &str| w.len() == 1 && !matches!(w, "A" | "a" | "I");
    if words.iter().any(|w| initial(w)) {
        return false;
    }
    let ordinary = words.iter().filter(|w| casing.is_lower_word(w)).count();
    let clause = words.len() >= 3
        && ordinary >= 2
        && words.iter().any(|w| {
            CLAUSE_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w))
                || w.len() > 4
                    && (w.ends_with("ED") || w.ends_with("ed"))
                    && casing.is_lower_word(w)
        });
    ordinary == words.len() || clause
}

/// The words of a mention without the punctuation around them and a possessive ending.
fn bare_words(s: &str) -> Vec<String> {
    let bare = |w: &'_ str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let w = w
            .strip_suffix("'S")
            .or_else(|| w.strip_suffix("’S"))
            .or_else(|| w.strip_suffix("'s"))
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        w.to_string()
    };
    s.split_whitespace()
        .map(bare)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Headline case ("Army Clashes With Rebels Near Border") tells no more than capitals. A
/// sentence of three words or more that writes no word of four letters or more in lower case,
/// capitalises at least two words after its first that running text writes in lower case, and
/// holds a function word or has more than half its words after the first ordinary, is read like
/// a capitals line by `caps_phrases`: a mention inside it made of ordinary words is no name
/// ("Clashes With Rebels"), unless running text capitalises one of its words elsewhere.
pub(super) fn headline_case(
    text: &str,
    docs: &[BlockToks],
    gaz: &Gazetteer,
    out: &mut Vec<Mention>,
) {
    let casing = crate::truecase::Truecaser::builtin();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for d in docs {
        let n = d.toks.len();
        let mut s0 = 0;
        while s0 < n {
            let mut s1 = s0 + 1;
            while s1 < n && !d.toks[s1].sent_start {
                s1 += 1;
            }
            // (most sentences write a long word in lower case: that test first, on flags alone)
            let lower_long = (s0..s1).any(|i| {
                let f = d.infos[i].flags;
                f & F_CAPS_SENT != 0
                    || f & features::F_LOWER != 0
                        && d.infos[i].len >= 4
                        && d.toks[i].as_str(text).chars().count() >= 4
            });
            if lower_long {
                s0 = s1;
                continue;
            }
            let (mut words, mut capitalised_ordinary, mut function_word) = (0, 0, false);
            for i in s0..s1 {
                let f = d.infos[i].flags;
                if f & (F_CAP | features::F_LOWER) == 0 {
                    continue;
                }
                words += 1;
                let w = d.toks[i].as_str(text);
                if f & features::F_LOWER != 0 {
                    // "in", "of" left in lower case among capitalised words: a title's style
                    function_word |= FUNCTION_WORDS.contains(&w);
                } else if i > s0 && f & features::F_ALLCAPS == 0 && casing.is_lower_word(w) {
                    capitalised_ordinary += 1;
                    function_word |= FUNCTION_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w));
                }
            }
            // a function word, or most words after the first ordinary ones: not a list of names,
            // whose surnames may be ordinary words too ("Ada Young, Rose Black, Tomas Quill")
            let headline = words >= 3 && (function_word || capitalised_ordinary * 2 > words - 1);
            if headline && capitalised_ordinary >= 2 {
                ranges.push((d.toks[s0].start as usize, d.toks[s1 - 1].end as usize));
            }
            s0 = s1;
        }
    }
    if ranges.is_empty() {
        return;
    }
    // (the ranges are in text order and apart: a binary search)
    let in_headline = |at: usize| {
        let i = ranges.partition_point(|&(a, _)| a <= at);
        i > 0 && at < ranges[i - 1].1
    };
    let candidate = |m: &Mention| {
        in_headline(m.span.start)
            && in_headline(m.span.end.saturating_sub(1))
            && ordinary_phrase(m.span.slice(text), &bare_words(m.span.slice(text)), gaz)
    };
    if !out.iter().any(candidate) {
        return;
    }
    // words running text capitalises inside its sentences, outside such headlines: a phrase
    // holding one may be a name of ordinary words ("the Grand Mosque")
    let mut capitalised: crate::gazetteer::PreHashedMap<()> = Default::default();
    for d in docs {
        for (t, i) in d.toks.iter().zip(&d.infos) {
            if i.flags & (F_CAP | F_CAPS_SENT | features::F_SENT_START) == F_CAP
                && !t.sent_start
                && !in_headline(t.start as usize)
            {
                capitalised.insert(i.lower, ());
            }
        }
    }
    out.retain(|m| {
        !candidate(m)
            || bare_words(m.span.slice(text))
                .iter()
                .any(|w| capitalised.contains_key(&token_hash(w)))
    });
}

/// Running text in mixed case holds at least this many words in lower case outside capitals
/// sentences before [`caps_headlines`] reads it as the article's own spelling of its names.
const MIXED_CASE_WORDS: usize = 20;

/// Dictionary classes of places, bodies and people (not of name words, given names or surnames).
const KNOWN_NAMES: u16 = class::COUNTRY
    | class::CITY
    | class::REGION
    | class::PERSON
    | class::ORG
    | class::ARMED
    | class::NATIONAL
    | class::IGO;

/// Whether the article has a capitals sentence and running text in mixed case around it (most
/// articles have no capitals sentence: nothing to read then).
fn capitals_over_running_text(docs: &[BlockToks]) -> bool {
    docs.iter()
        .any(|d| d.infos.iter().any(|i| i.flags & F_CAPS_SENT != 0))
        && docs
            .iter()
            .flat_map(|d| &d.infos)
            .filter(|i| i.flags & (F_CAPS_SENT | features::F_LOWER) == features::F_LOWER)
            .count()
            >= MIXED_CASE_WORDS
}

/// A capitals headline over running text in mixed case ("QUORVE BILL RATES FALL") spells no
/// name the text does not. A mention that lies wholly inside capitals sentences, of one word
/// that running text writes in lower case ("BILL", "FALLS", "QTR"), is dropped unless the text
/// outside such sentences writes one of its words capitalised ("Quorve"), the dictionary knows
/// it as a place, a body or a person, or a stock ticker follows it in its headline. The text
/// names a headline's actors again; a longer mention in capitals may be a firm's name that its
/// results table never repeats, and is left alone. The tagger does not call it on articles
/// mostly in capitals: their lines are recased, and a line the recasing leaves in capitals is
/// no headline over running text.
pub(super) fn caps_headlines(text: &str, docs: &[BlockToks], out: &mut Vec<Mention>) {
    if !capitals_over_running_text(docs) {
        return;
    }
    let blocks = BlockIndex::new(docs);
    // (a word in mixed case, "Quorve" in a results row of capitals, is spelt as a name; a
    // place, a body or a person the dictionary knows needs no second spelling)
    let spelt = |i: &TokInfo| {
        i.flags & F_CAPS_SENT == 0
            || i.flags & (F_CAP | features::F_ALLCAPS) == F_CAP
            || (i.wclass | i.pclass) & KNOWN_NAMES != 0
    };
    // the words of the mentions that need more, each marked when running text capitalises it
    // (a few words looked for, not every capitalised word of the article stored)
    let mut capitalised: crate::gazetteer::PreHashedMap<bool> = Default::default();
    let mut unspelt = false;
    for m in out.iter() {
        if let Some((d, a, b)) = blocks.locate(docs, m.span) {
            if !d.infos[a..b].iter().any(spelt) {
                unspelt = true;
                capitalised.extend(d.infos[a..b].iter().map(|i| (i.lower, false)));
            }
        }
    }
    if !unspelt {
        return;
    }
    for i in docs.iter().flat_map(|d| &d.infos) {
        if i.flags & (F_CAPS_SENT | features::F_LOWER | F_CAP) == F_CAP {
            if let Some(seen) = capitalised.get_mut(&i.lower) {
                *seen = true;
            }
        }
    }
    let casing = crate::truecase::Truecaser::builtin();
    out.retain(|m| {
        let Some((d, a, b)) = blocks.locate(docs, m.span) else {
            return true;
        };
        let keep = (a..b).any(|k| {
            let i = &d.infos[k];
            spelt(i)
                || i.flags & features::F_PUNCT == 0
                    && capitalised.get(&i.lower).is_some_and(|&seen| seen)
        });
        keep || {
            let words = bare_words(m.span.slice(text));
            ticker_after(text, d, b) || words.len() != 1 || !casing.is_lower_word(&words[0])
        }
    });
}

/// Compass words and their adjectives, which start the names of regions ("Southern Zarnia").
const REGION_WORDS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
];

/// Whether only spaces lie between two spans.
fn parts_adjacent(text: &str, a: Span, b: Span) -> bool {
    a.end <= b.start && text[a.end..b.start].chars().all(|c| c == ' ')
}

/// Whether a stock ticker follows token `b` in its sentence ("ATT <T>", "GULL INC <GLL>"): the
/// words before it are a firm's name.
fn ticker_after(text: &str, d: &BlockToks, b: usize) -> bool {
    d.toks[b..]
        .iter()
        .enumerate()
        .take_while(|(k, t)| *k == 0 || !t.sent_start)
        .any(|(_, t)| t.as_str(text) == "<")
}

/// A capitals headline over running text in mixed case runs names together with ordinary words
/// ("QUORVE SCRAPS ZARNIA DEAL"), and the tagger often takes the whole run for one name. A
/// mention of two words or more, written in capitals inside capitals sentences, is cut to the
/// runs of its words that name something, each run taking that name's kind: a name the running
/// text writes (one of its mentions whole, a firm's name less its legal suffix, a person's last
/// words), else a name the dictionary knows; runs side by side of one kind stay one name, and a
/// compass word before a place stays with it. A mention with no such run is dropped when one of
/// its words is a word that running text writes in lower case. Left whole: a mention that the
/// running text or the dictionary names whole, a firm's name with a legal suffix or before a
/// stock ticker, a body's name ending in its head noun or opening with it before "of" ("QUORVE
/// TRUST BANK", "BANK OF ZARNIA"), and a table row's label (a figure follows it). Runs before the
/// `consistency` pass, so that a chip's kind does not spread to the article's other mentions.
/// Not called on articles mostly in capitals.
pub(super) fn headline_parts(text: &str, docs: &[BlockToks], out: &mut Vec<Mention>) {
    if !capitals_over_running_text(docs) {
        return;
    }
    let blocks = BlockIndex::new(docs);
    // a mention's words: its tokens with a letter or a digit, less a possessive ending
    let words = |d: &BlockToks, a: usize, b: usize| -> Vec<(usize, String)> {
        (a..b)
            .filter_map(|k| {
                let s = d.toks[k].as_str(text);
                let word =
                    s.chars().any(char::is_alphanumeric) && !matches!(s, "'s" | "'S" | "’s" | "’S");
                word.then(|| (k, s.to_lowercase()))
            })
            .collect()
    };
    // (written in capitals, in capitals sentences: "I. Quorve" in a table of names is not)
    let in_caps = |d: &BlockToks, a: usize, b: usize| {
        d.infos[a..b].iter().all(|i| i.flags & F_CAPS_SENT != 0)
            && !d.toks[a..b]
                .iter()
                .any(|t| t.as_str(text).chars().any(char::is_lowercase))
    };
    if !out.iter().any(|m| {
        blocks
            .locate(docs, m.span)
            .is_some_and(|(d, a, b)| b - a >= 2 && in_caps(d, a, b) && words(d, a, b).len() >= 2)
    }) {
        return;
    }
    let casing = crate::truecase::Truecaser::builtin();
    // the words the running text writes in lower case ("cocoa": not the town "COCOA" here)
    let lower_here: rustc_hash::FxHashSet<u64> = docs
        .iter()
        .flat_map(|d| &d.infos)
        .filter(|i| i.flags & (F_CAPS_SENT | features::F_LOWER) == features::F_LOWER)
        .map(|i| i.lower)
        .collect();
    // what the running text names, by its words in lower case: its mentions whole, and (unless
    // one ordinary word or ending in a function word) a firm's first words and a person's last
    let mut named: std::collections::HashMap<String, EntityKind> = Default::default();
    // (a name the running text writes whole takes the kind most of its mentions have)
    let mut whole: std::collections::HashMap<String, [usize; 3]> = Default::default();
    for m in out.iter() {
        let Some((d, a, b)) = blocks.locate(docs, m.span) else {
            continue;
        };
        if d.infos[a..b].iter().any(|i| i.flags & F_CAPS_SENT != 0) {
            continue;
        }
        let ws = words(d, a, b);
        let w: Vec<String> = ws.iter().map(|(_, w)| w.clone()).collect();
        for k in 1..w.len() {
            // (a firm's name less its legal suffix, "Quorvex" of "Quorvex Corp"; a person's
            // surname, with what stands before it but the given name)
            let part = match m.kind {
                EntityKind::Org
                    if ws[k..]
                        .iter()
                        .all(|&(t, _)| is_company_suffix(d.toks[t].as_str(text))) =>
                {
                    &w[..k]
                }
                EntityKind::Person => &w[k..],
                _ => continue,
            };
            let edge = if m.kind == EntityKind::Org {
                &part[part.len() - 1]
            } else {
                &part[0]
            };
            if FUNCTION_WORDS.contains(&edge.as_str())
                || part.len() == 1 && casing.is_lower_word(&part[0])
            {
                continue;
            }
            named.entry(part.join(" ")).or_insert(m.kind);
        }
        let votes = whole.entry(w.join(" ")).or_default();
        votes[KINDS.iter().position(|k| *k == m.kind).unwrap_or(0)] += 1;
    }
    named.extend(whole.into_iter().map(|(w, votes)| {
        let best = (0..3).max_by_key(|&k| (votes[k], std::cmp::Reverse(k)));
        (w, KINDS[best.unwrap_or(0)])
    }));
    let mut parts: Vec<Mention> = Vec::new();
    out.retain_mut(|m| {
        let Some((d, a, b)) = blocks.locate(docs, m.span) else {
            return true;
        };
        let w = words(d, a, b);
        if w.len() < 2 || !in_caps(d, a, b) {
            return true;
        }
        let all: Vec<&str> = w.iter().map(|(_, s)| s.as_str()).collect();
        if named.contains_key(&all.join(" ")) {
            return true;
        }
        // (one dictionary phrase over tokens x..=y: U, or B I … I L)
        let known = |x: usize, y: usize| {
            let p = |k: usize| d.infos[k].ppos;
            if x == y {
                p(x) == 4
            } else {
                p(x) == 1 && p(y) == 3 && (x + 1..y).all(|k| p(k) == 2)
            }
        };
        // (an organisation's head noun ends it, or opens it before "of": "QUORVE TRUST BANK",
        // "BANK OF ZARNIA"; a figure after it makes it a table row's label)
        let head = |k: usize| {
            let mut c = all[k].chars();
            c.next().is_some_and(|f| {
                ORG_HEADS_SET.contains(&format!("{}{}", f.to_uppercase(), c.as_str()))
            })
        };
        let headed = head(all.len() - 1) || head(0) && all[1] == "of";
        let row = d.infos.get(b).is_some_and(super::tokens::is_number);
        if is_company_name(m.span.slice(text))
            || ticker_after(text, d, b)
            || known(a, b - 1)
            || headed
            || row
        {
            return true;
        }
        let before = parts.len();
        let mut i = 0;
        // (the first word no run has taken)
        let mut free = 0;
        while i < w.len() {
            let run = (i + 1..=w.len()).rev().find_map(|j| {
                let (x, y) = (w[i].0, w[j - 1].0);
                // (one ordinary word is `caps_headlines`' to judge; a name neither starts nor
                // ends with a function word)
                if j == i + 1
                    && (casing.is_lower_word(all[i]) || lower_here.contains(&d.infos[x].lower))
                    || FUNCTION_WORDS.contains(&all[i])
                    || FUNCTION_WORDS.contains(&all[j - 1])
                {
                    return None;
                }
                named
                    .get(&all[i..j].join(" "))
                    .copied()
                    .or_else(|| {
                        known(x, y)
                            .then(|| super::block_passes::kind_of_classes(d.infos[x].pclass))
                            .flatten()
                    })
                    .map(|kind| (j, kind))
            });
            let Some((j, kind)) = run else {
                i += 1;
                continue;
            };
            // (a compass word before a place is part of its name: "SOUTH ZARNIA")
            let from = if kind == EntityKind::Loc && i > free && REGION_WORDS.contains(&all[i - 1])
            {
                i - 1
            } else {
                i
            };
            let span = Span::new(
                d.toks[w[from].0].start as usize,
                d.toks[w[j - 1].0].end as usize,
            );
            // (runs side by side of one kind are one name: "ORRIN" and "VELM", each named
            // alone by the running text, make "ORRIN VELM")
            let mine = parts.len() > before;
            match parts.last_mut() {
                Some(p) if mine && p.kind == kind && parts_adjacent(text, p.span, span) => {
                    p.span = Span::new(p.span.start, span.end)
                }
                _ => parts.push(Mention {
                    span,
                    kind,
                    score: m.score,
                }),
            }
            i = j;
            free = j;
        }
        parts.len() == before && !all.iter().any(|x| casing.is_lower_word(x))
    });
    if !parts.is_empty() {
        out.extend(parts);
        out.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// Firms named by two ordinary words joined by "and" ("Tidewater Cable and Wire Co", "Plain
/// and Fancy's"): the tagger often splits them at "and" and keeps only the second part, or
/// makes a person of its last word. A mention of ordinary capitalised words that ends in a
/// legal suffix, or one such word before a possessive, right after "and" or "&" and a run of
/// capitalised words whose last is an ordinary word, is one organisation with that run (and
/// with a mention over it). Names of their own on both sides ("Quorvex and Velmar Corp") are
/// two firms, and are left alone. (The tagger's own span is widened over such an "and" by
/// `repair` when one word stands between it and the suffix, and `org_extents` joins names that
/// end in a head noun; this pass mends the splits they leave.)
pub(super) fn and_firms(text: &str, out: &mut Vec<Mention>) {
    let casing = crate::truecase::Truecaser::builtin();
    let capitalised_ordinary = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && casing.is_ordinary_word(w)
    };
    // (the name joined, and the mention after "and" that becomes it)
    let mut joined: Vec<(Span, Span)> = Vec::new();
    for m in out.iter() {
        if m.kind == EntityKind::Loc {
            continue;
        }
        let s = m.span.slice(text);
        let words: Vec<&str> = s.split_whitespace().collect();
        let after = &text[m.span.end..];
        let core = match words.split_last() {
            Some((last, rest)) if !rest.is_empty() && is_company_suffix(last) => rest,
            _ if words.len() == 1 && (after.starts_with("'s") || after.starts_with("’s")) => {
                &words[..]
            }
            _ => continue,
        };
        if !core.iter().all(|w| capitalised_ordinary(w)) {
            continue;
        }
        let before = &text[..m.span.start];
        let Some(head) = before
            .strip_suffix(" and ")
            .or_else(|| before.strip_suffix(" & "))
        else {
            continue;
        };
        // the run of capitalised words before "and", back to a function word, a lower-case word
        // or punctuation
        let mut start = head.len();
        let mut rest = head;
        loop {
            let (prefix, w) = rest.rsplit_once(' ').unwrap_or(("", rest));
            let name_word = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '\''))
                && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str());
            if !name_word {
                break;
            }
            start = rest.len() - w.len();
            if prefix.is_empty() {
                break;
            }
            rest = prefix;
        }
        // (a run that ends in a body's head noun or a legal suffix is a name of its own, "…
        // Group and …"; a run after "and" is one of a list)
        let last = head.rsplit(' ').next().unwrap_or_default();
        if start >= head.len()
            || !capitalised_ordinary(last)
            || ORG_HEADS_SET.contains(last)
            || is_company_suffix(last)
            || head[..start].ends_with(" and ")
            || head[..start].ends_with(" & ")
        {
            continue;
        }
        // (with its possessive: "Plain and Fancy's")
        let possessive = ["'s", "’s"].into_iter().find(|p| after.starts_with(p));
        let end = m.span.end + possessive.filter(|_| words.len() == 1).map_or(0, str::len);
        joined.push((Span::new(start, end), m.span));
    }
    if joined.is_empty() {
        return;
    }
    for (span, kept) in joined {
        out.retain(|x| !(x.span.start >= span.start && x.span.end <= span.end) || x.span == kept);
        // a mention over the run's start widens the name to its start
        let from = out
            .iter()
            .filter(|x| x.span.start < span.start && x.span.end > span.start)
            .map(|x| x.span.start)
            .min()
            .unwrap_or(span.start);
        out.retain(|x| !(x.span.start < span.start && x.span.end > span.start));
        if let Some(x) = out.iter_mut().find(|x| x.span == kept) {
            x.span = Span::new(from, span.end);
            x.kind = EntityKind::Org;
        }
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
}

/// Firms named after people: a person mention whose words start the name of a company the
/// article names with a legal suffix ("Tarvel Brothers" beside "Tarvel Brothers and Co Inc",
/// "Varga" beside "Varga's Rating Service Inc") is that company; so is a one-word "person" in
/// capitals, written with a possessive that starts an organisation's name in the article (a
/// headline's "VARGA'S" beside "Varga's Rating Service").
pub(super) fn firm_names(text: &str, gaz: &Gazetteer, out: &mut [Mention]) {
    elliptic_firms(text, out);
    let orgs = || {
        out.iter()
            .filter(|m| m.kind == EntityKind::Org)
            .map(|m| m.span.slice(text))
    };
    let firms: Vec<&str> = orgs().filter(|s| is_company_name(s)).collect();
    let owners: Vec<&str> = orgs()
        .filter(|s| s.contains(' '))
        .filter_map(|s| possessive_stem(s.split_whitespace().next()?))
        .collect();
    if firms.is_empty() && owners.is_empty() {
        return;
    }
    // (in capitals and written with the possessive: running text's "Varga's" is a person's)
    let owner = |m: &Mention| {
        let name = m.span.slice(text);
        let stem = possessive_stem(name).or_else(|| {
            possessive_stem(text[m.span.start..].split_whitespace().next()?)
                .filter(|s| s.len() == name.len())
        });
        !name.contains(char::is_whitespace)
            && !name.chars().any(char::is_lowercase)
            && stem.is_some_and(|st| owners.iter().any(|o| o.eq_ignore_ascii_case(st)))
    };
    // (a one-word short name that ends a firm's name, "Quorvel" of "Tarvel Quorvel Co", is the
    // firm's unless a person the article names in full has it as surname)
    let surnames: Vec<&str> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .filter_map(|m| {
            let s = m.span.slice(text);
            s.contains(' ').then(|| s.rsplit(' ').next()).flatten()
        })
        .collect();
    let short = |name: &str| {
        firms.iter().any(|f| ends_company(f, name).is_some())
            && !surnames.iter().any(|s| s.eq_ignore_ascii_case(name))
    };
    // (a "place" no dictionary knows as one that starts a company's name is its short name:
    // "Quorvane" beside "Quorvane Industries Inc"; a place built keeps its kind, "Quorvane
    // Tower" beside "Quorvane Tower Holdings Ltd")
    let unknown_place = |m: &Mention| {
        let name = m.span.slice(text);
        m.kind == EntityKind::Loc
            && !name
                .rsplit(' ')
                .next()
                .is_some_and(|w| super::lexicon::PLACE_HEADS.contains(&w))
            && gaz.lookup(name).is_none_or(|e| {
                e.classes & (class::COUNTRY | class::CITY | class::REGION | class::NATIONAL) == 0
            })
            && firms.iter().any(|f| starts_company(f, name, false))
    };
    for m in out.iter_mut().filter(|m| {
        m.kind == EntityKind::Person
            && (firms
                .iter()
                .any(|f| starts_company(f, m.span.slice(text), true))
                || owner(m)
                || short(m.span.slice(text)))
            || unknown_place(m)
    }) {
        m.kind = EntityKind::Org;
    }
}

/// A founder's given name written short before a firm's name ("Alex. Quorvy and Sons Inc",
/// "Alex. Quorvy said"): a one-word "person" that is a given name, followed by a period and an
/// organisation that is, or starts, a company's name in the article, is the start of that
/// organisation's name.
pub(super) fn abbreviated_founders(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    // (twice: once the firm's full name holds the given name, its short form "Alex. Quorvy"
    // starts it)
    for _ in 0..2 {
        let firms: Vec<&str> = out
            .iter()
            .filter(|m| m.kind == EntityKind::Org)
            .map(|m| m.span.slice(text))
            .filter(|s| is_company_name(s))
            .collect();
        if firms.is_empty() {
            return;
        }
        let mut joins: Vec<(usize, usize)> = Vec::new();
        for (k, p) in out.iter().enumerate() {
            let name = p.span.slice(text);
            if p.kind != EntityKind::Person
                || name.contains(' ')
                || gaz.word_classes(token_hash(name)) & class::FIRST == 0
                || !text[p.span.end..].starts_with(". ")
            {
                continue;
            }
            let at = p.span.end + 2;
            let Some(o) = out.iter().position(|m| {
                matches!(m.kind, EntityKind::Org | EntityKind::Person) && m.span.start == at
            }) else {
                continue;
            };
            let part = out[o].span.slice(text);
            let whole = &text[p.span.start..out[o].span.end];
            let firm = |f: &&str| {
                out[o].kind == EntityKind::Org && (*f == part || starts_company(f, part, false))
                    || starts_company(f, whole, false)
            };
            if firms.iter().any(firm) {
                joins.push((k, o));
            }
        }
        if joins.is_empty() {
            return;
        }
        for &(k, o) in &joins {
            out[o].span = Span::new(out[k].span.start, out[o].span.end);
            out[o].kind = EntityKind::Org;
        }
        let people: Vec<usize> = joins.iter().map(|&(k, _)| k).collect();
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            !people.contains(&(k - 1))
        });
    }
}

/// A firm called by its founder's name in the possessive, with its noun left out ("rated A-2 by
/// Quorvy's and A by …", "Quorvy's said it would …"): a one-word "person" that the article
/// writes only in the possessive, followed by no noun (a punctuation mark, "and", "or", "said"
/// or "says") or standing after a partner's name ("Marsh and Quorvy's") at least once, and
/// never followed by a noun (a verb in the past tense or a figure may be either), is an
/// organisation, unless a person's full name in the article ends in it. (A person's possessive
/// is followed by what the person has: "Quorvy's plan".)
fn elliptic_firms(text: &str, out: &mut [Mention]) {
    // the words after a possessive that leave its noun out: Some(true); a verb in the past
    // tense, which may be a participle before a noun ("Quorvy's failed plan"), or a figure:
    // Some(false)
    // (a possessive after a partner's name, "Marsh and Quorvy's", is a firm's whatever follows;
    // not after a given name: "Ada and Ben's wedding")
    let partner_before = |start: usize| {
        let before = text[..start].trim_end_matches(' ');
        let Some(before) = before
            .strip_suffix(" and")
            .or_else(|| before.strip_suffix(" &"))
        else {
            return false;
        };
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        word.chars().next().is_some_and(char::is_uppercase)
            && Gazetteer::builtin().word_classes(token_hash(word)) & class::FIRST == 0
    };
    let elliptic_at = |start: usize, end: usize| -> Option<bool> {
        let rest = &text[end..];
        let rest = super::lexicon::POSSESSIVES
            .iter()
            .find_map(|p| rest.strip_prefix(p))?;
        if partner_before(start) {
            return Some(true);
        }
        let rest = rest.trim_start_matches([' ', '\t']);
        let next = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if next.is_empty() || matches!(next, "and" | "or" | "said" | "says") {
            Some(true)
        } else {
            // (a figure may name the firm's product: "<Name>'s 500 index")
            (super::lexicon::past_tense(next) || next.starts_with(|c: char| c.is_ascii_digit()))
                .then_some(false)
        }
    };
    let mut firms: Vec<&str> = Vec::new();
    let mut people: Vec<&str> = Vec::new();
    // (the evidence of an ellipsis counts from a mention of any kind: the tagger may have taken
    // one of them for the firm already)
    for m in out
        .iter()
        .filter(|m| matches!(m.kind, EntityKind::Person | EntityKind::Org))
    {
        let name = m.span.slice(text);
        if name.contains(char::is_whitespace) {
            // (the surname of a person the article names in full is that person's)
            if m.kind == EntityKind::Person {
                people.extend(name.split_whitespace().last());
            }
            continue;
        }
        if !name.chars().all(char::is_alphabetic) {
            continue;
        }
        match elliptic_at(m.span.start, m.span.end) {
            Some(true) => firms.push(name),
            Some(false) => {}
            // (written without the possessive, or with a noun after it: a person somewhere)
            None if m.kind == EntityKind::Person => people.push(name),
            None => {}
        }
    }
    firms.retain(|f| !people.contains(f));
    if firms.is_empty() {
        return;
    }
    for m in out
        .iter_mut()
        .filter(|m| m.kind == EntityKind::Person && firms.contains(&m.span.slice(text)))
    {
        m.kind = EntityKind::Org;
    }
}

/// Organisations whose names hold a word the tagger stops at:
/// - "and" between ordinary words that an organisation's head ends ("Quorvel Savings and Loan
///   Association", "Farmers and Merchants Bank"): when an organisation that starts with an
///   ordinary word and ends in a head noun follows "and", and the capitalised words before
///   "and" end in an ordinary word that is no head, no legal suffix and no name of its own, the
///   words from the first of them are one organisation (what the tagger made of them is
///   replaced);
/// - a number after a head and "of" ("Group of 77", "Committee of Twelve").
pub(super) fn org_extents(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let head = |w: &str| ORG_HEADS_SET.contains(w) || ORG_ONLY_HEADS_SET.contains(w);
    let casing = crate::truecase::Truecaser::builtin();
    // (a name in the dictionaries; a census surname may be an ordinary word too: "Loan")
    let named = |w: &str| gaz.word_classes(token_hash(w)) & !(class::FIRST | class::LAST) != 0;
    let mut joins: Vec<Span> = Vec::new();
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Org) {
        let s = m.span.slice(text);
        let Some(last) = s.rsplit(' ').next().filter(|w| head(w)) else {
            continue;
        };
        // "<head> of <number>"
        if let Some(rest) = text[m.span.end..].strip_prefix(" of ") {
            let n = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            let number = &rest[..n];
            let numeral = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
            let word = number.chars().next().is_some_and(char::is_uppercase)
                && super::figures::NUMBER_WORDS
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(number));
            if numeral || word {
                m.span = Span::new(m.span.start, m.span.end + 4 + n);
            }
        }
        // (the words on both sides of "and" are ordinary: "… Markets and Quorvy Brothers Inc"
        // are two firms)
        let first = s.split(' ').next().unwrap_or(s);
        if last == s
            || !casing.is_ordinary_word(first)
            || named(first)
            || FUNCTION_WORDS.contains(&first.to_lowercase().as_str())
        {
            continue;
        }
        // "<Capitalised words> and <Organisation ending in a head>"
        let Some(before) = text[..m.span.start]
            .strip_suffix(" and ")
            .or_else(|| text[..m.span.start].strip_suffix(" & "))
        else {
            continue;
        };
        let mut start = before.len();
        let mut words = 0;
        while words < 4 {
            let end = if words == 0 { start } else { start - 1 };
            let w_start = before[..end].rfind(' ').map_or(0, |p| p + 1);
            let w = &before[w_start..end];
            if w.is_empty()
                || !w.starts_with(|c: char| c.is_uppercase())
                || !w.chars().all(char::is_alphabetic)
                || words > 0 && FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
            {
                break;
            }
            start = w_start;
            words += 1;
            if w_start == 0 || !before[..w_start].ends_with(' ') {
                break;
            }
        }
        if words == 0 {
            continue;
        }
        let left = &before[start..];
        let joint = left.rsplit(' ').next().unwrap_or(left);
        if !casing.is_ordinary_word(joint)
            || head(joint)
            || is_company_suffix(joint)
            || named(joint)
            || FUNCTION_WORDS.contains(&joint.to_lowercase().as_str())
        {
            continue;
        }
        // (a sentence's capitalised article is no part of the name)
        let start = match left.split_once(' ') {
            Some((first, rest)) if matches!(first, "The" | "A" | "An") => before.len() - rest.len(),
            _ => start,
        };
        joins.push(Span::new(start, m.span.end));
    }
    for span in joins {
        // (a name of its own before "and", one word that is an organisation or a place, keeps it
        // apart: "Labour and Velmar Trades Union")
        let alone = out.iter().any(|m| {
            m.kind != EntityKind::Person
                && m.span.start >= span.start
                && m.span.end < span.end
                && !m.span.slice(text).contains(' ')
                && text[m.span.end..].starts_with(" and ")
        });
        if !alone {
            replace_with_org(out, span);
        }
    }
}

/// Replaces the mentions that overlap `span` by one organisation over it.
fn replace_with_org(out: &mut Vec<Mention>, span: Span) {
    out.retain(|m| !m.span.overlaps(&span));
    out.push(Mention {
        span,
        kind: EntityKind::Org,
        score: 1.0,
    });
}

/// Two names the dictionary knows, joined by "and" into one organisation or place ("Chile And
/// Peru", "International Monetary Fund and World Bank") are two names: a mention that is no
/// dictionary name itself, whose words on each side of its one "and" (or "&") are each a
/// dictionary name of one kind (or a country's other name, "U.S."), is split into them, each
/// with its kind. Not when one side is one ordinary word, nor when the name goes on after the
/// mention or in another of the article's organisations: a firm named after people or things
/// ("Quorve and Brell", "Savings and Loan", "Olympia and York Developments").
pub(super) fn joined_bodies(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let casing = crate::truecase::Truecaser::builtin();
    let longer: Vec<&str> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Org)
        .map(|m| m.span.slice(text))
        .collect();
    let mut added = Vec::new();
    out.retain(|m| {
        if m.kind == EntityKind::Person {
            return true;
        }
        let s = m.span.slice(text);
        let mut joiners = s.match_indices(' ').map(|(i, _)| i + 1).filter(|&i| {
            let w = s[i..].split(' ').next().unwrap_or("");
            matches!(w, "and" | "And" | "AND" | "&") && s[i + w.len()..].starts_with(' ')
        });
        let (Some(at), None) = (joiners.next(), joiners.next()) else {
            return true;
        };
        if gaz.lookup(s).is_some() {
            return true;
        }
        let w = s[at..].split(' ').next().unwrap_or("").len();
        let left = Span::new(m.span.start, m.span.start + at - 1);
        let right = Span::new(m.span.start + at + w + 1, m.span.end);
        // (another name of a country, "U.S.", "West Velmar", is a place; a nationality,
        // "Japanese", or an adjective, "Soviet", is none)
        let kind = |sp: Span| {
            let part = sp.slice(text);
            let e = gaz.lookup(part)?;
            super::block_passes::kind_of_classes(e.classes).or_else(|| {
                (e.classes & class::NATIONAL != 0
                    && e.code.is_some()
                    && (part.contains(' ') || part.contains('.'))
                    && !is_demonym(part, gaz))
                .then_some(EntityKind::Loc)
            })
        };
        // (one word that running text writes in lower case is no name of its own here: it
        // shares the head of a longer name, "Central and South Velmara", or names a firm with
        // the other, "Cook and Brell")
        let single_ordinary = |p: &str| !p.contains(' ') && casing.is_ordinary_word(p);
        if single_ordinary(left.slice(text)) || single_ordinary(right.slice(text)) {
            return true;
        }
        // (a name that goes on after it, here or in another mention, is a firm's: "Olympia
        // and York Developments Ltd" ... "Olympia and York will pay")
        let goes_on = text[m.span.end..]
            .strip_prefix(' ')
            .is_some_and(|t| t.chars().next().is_some_and(char::is_uppercase));
        if goes_on
            || longer
                .iter()
                .any(|o| o.len() > s.len() + 1 && o.starts_with(s) && o.as_bytes()[s.len()] == b' ')
        {
            return true;
        }
        let (Some(lk), Some(rk)) = (kind(left), kind(right)) else {
            return true;
        };
        for (span, kind) in [(left, lk), (right, rk)] {
            added.push(Mention {
                span,
                kind,
                score: m.score,
            });
        }
        false
    });
    out.extend(added);
}

/// A person's name holds no lower-case word but the particles of surnames and their articles
/// ("de", "de los", "van", "bin", "y"), and "of" ("Duke of Farland"). A "person" that holds one
/// ("Arlo Venn and Tomas Quill", "Arlo Venn told United Nations envoys", "party leader Arlo
/// Venn") is split there into the capitalised names it joins: each takes the kind the
/// dictionary gives it, else stays a person; a lone word that running text writes in lower case
/// or that names a nationality is dropped.
pub(super) fn joined_names(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    use super::block_passes::{SURNAME_ARTICLES, SURNAME_PARTICLES};
    use super::lexicon::PARTICLES;
    let casing = crate::truecase::Truecaser::builtin();
    // (a word with a lower-case letter and no capital: "and", "front-runner"; "y" and "e" join
    // Spanish and Portuguese surnames)
    let joins = |w: &str| {
        w.chars().any(char::is_lowercase)
            && !w.chars().any(char::is_uppercase)
            && !matches!(w, "of" | "y" | "e")
            && ![PARTICLES, SURNAME_PARTICLES, SURNAME_ARTICLES]
                .iter()
                .any(|l| l.contains(&w))
    };
    // the kinds the article's other names have, by surface: a part split off takes the kind the
    // article gives its name elsewhere ("the Velna Front [VF]" … "VF commander Ada Quorve")
    let elsewhere: std::collections::HashMap<&str, EntityKind> = out
        .iter()
        .filter(|m| m.kind != EntityKind::Person)
        .map(|m| (m.span.slice(text), m.kind))
        .collect();
    let mut added = Vec::new();
    out.retain(|m| {
        if m.kind != EntityKind::Person {
            return true;
        }
        let s = m.span.slice(text);
        if !s.split_whitespace().any(joins) {
            return true;
        }
        // the runs of words between joining words, as byte ranges of the mention
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut run: Option<(usize, usize)> = None;
        for (at, w) in s
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        {
            if joins(w) {
                runs.extend(run.take());
            } else {
                run = Some((run.map_or(at, |r| r.0), at + w.len()));
            }
        }
        runs.extend(run);
        for (a, b) in runs {
            let part = s[a..b].trim_matches(|c: char| !c.is_alphanumeric());
            if part.is_empty() || !part.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let a = a + s[a..b].find(part).unwrap_or(0);
            let entry = gaz.lookup(part);
            let classes = entry.map_or(0, |e| e.classes);
            let one_word = !part.contains(char::is_whitespace);
            if one_word
                && (casing.is_ordinary_word(part)
                    || classes & class::NATIONAL != 0
                        && classes & (class::COUNTRY | class::CITY | class::REGION) == 0)
            {
                continue;
            }
            // (else an acronym no list knows is a body's, not a person's)
            let kind = super::block_passes::kind_of_classes(classes)
                .or_else(|| elsewhere.get(part).copied())
                .unwrap_or(if super::lexicon::is_acronym(part) {
                    EntityKind::Org
                } else {
                    EntityKind::Person
                });
            added.push(Mention {
                span: Span::new(m.span.start + a, m.span.start + a + part.len()),
                kind,
                score: m.score,
            });
        }
        false
    });
    out.extend(added);
}

/// A person's name ends in a name word: a "person" of two words or more whose last word running
/// text writes in lower case, and which no list knows as a surname or a given name, is an
/// organisation when an acronym stands in it beside words in lower case ("QRV General
/// Command"). (A capitals headline's words are all acronym-shaped; Roman numerals are no
/// acronyms.) So is a "person" whose last word, an ordinary word, ends five names of
/// organisations or more in the dictionaries and no person's ("… International", "… Holdings").
/// A "person" that ends in a market index's head noun ("… Industrial Average"), or
/// that one such noun in lower case follows ("the Quorvy Brell industrial average"), is no name.
pub(super) fn ordinary_ends(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let index_head = |w: &str| {
        super::lexicon::INDEX_HEADS
            .iter()
            .any(|h| h.eq_ignore_ascii_case(w))
    };
    out.retain(|m| {
        if m.kind != EntityKind::Person {
            return true;
        }
        let s = m.span.slice(text);
        // "… Industrial Average"; or "average" or "index" right after the name, or after one
        // word in lower case ("… industrial average")
        let named = s.contains(' ') && s.rsplit(' ').next().is_some_and(index_head);
        let after = text[m.span.end..]
            .split_whitespace()
            .take(2)
            .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase()))
            .any(|w| matches!(w, "average" | "index"));
        !named && !after
    });
    let casing = crate::truecase::Truecaser::builtin();
    let name_part = class::LAST | class::FIRST | class::PERSON;
    let roman = |w: &str| w.bytes().all(|c| b"IVXLC".contains(&c));
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Person) {
        let s = m.span.slice(text);
        let words: Vec<&str> = s
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        let Some(&last) = words.last() else { continue };
        let ordinary_end = words.len() >= 2
            && casing.is_ordinary_word(last)
            && gaz.word_classes(token_hash(last)) & name_part == 0;
        // (a word that ends organisations' names in the lists and no person's: "… International")
        if ordinary_end && gaz.ends_org_names(token_hash(last)) {
            m.kind = EntityKind::Org;
            continue;
        }
        if ordinary_end
            && s.chars().any(char::is_lowercase)
            && words.iter().any(|w| is_acronym(w) && !roman(w))
        {
            m.kind = EntityKind::Org;
        }
    }
}

/// A name an editor completed in brackets, as translated wire reports write them ("Colonel
/// [Tomas Ezequiel] Quevedo", "[Ines] Ordaz Vila"): the bracketed given names and the surnames
/// right after the bracket are one person, whichever part the tagger found. The bracket holds
/// one to three name words, and the tagger found a person in it or after it, or its first word
/// is a given name; no name the tagger found runs across the new span's edges. A bracket that
/// does not end in a given name takes on only known surnames: a transcript's speaker label
/// ("[Tarvela] Yes, ...") is followed by the words spoken.
pub(super) fn bracketed_names(
    text: &str,
    docs: &[BlockToks],
    gaz: &Gazetteer,
    out: &mut Vec<Mention>,
) {
    if !text.contains('[') {
        return;
    }
    // (only inside the blocks the tagger read)
    let in_blocks = |s: Span| {
        docs.iter().any(|d| {
            d.toks
                .first()
                .zip(d.toks.last())
                .is_some_and(|(a, b)| a.start as usize <= s.start && s.end <= b.end as usize)
        })
    };
    let casing = crate::truecase::Truecaser::builtin();
    let classes = |w: &str| gaz.lookup(w).map_or(0, |e| e.classes);
    // a capitalised word of letters (inner hyphens and apostrophes too) that running text does
    // not write in lower case and no list knows only as a country, region, title or nationality
    let name_word = |w: &str| {
        let c = classes(w);
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            && !casing.is_lower_word(w)
            && (c
                & (class::COUNTRY
                    | class::REGION
                    | class::TITLE
                    | class::NATIONAL
                    | class::ORG
                    | class::IGO
                    | class::ARMED)
                == 0
                || c & (class::FIRST | class::LAST) != 0)
    };
    let mut found: Vec<Span> = Vec::new();
    for (open, _) in text.match_indices('[') {
        let Some(close) = text[open + 1..].find(']').map(|c| open + 1 + c) else {
            continue;
        };
        let inner = &text[open + 1..close];
        let words: Vec<&str> = inner.split(' ').collect();
        if words.len() > 3 || !words.iter().all(|w| name_word(w)) {
            continue;
        }
        // (a bracket that ends in a word no list knows as a given name is a speaker's label
        // before the words spoken, "[Velmar] Yes, ...", unless a known surname follows it)
        let last_given = words.last().is_some_and(|w| classes(w) & class::FIRST != 0);
        // one or two surnames after "] " (a possessive or punctuation ends the last)
        let Some(rest) = text[close + 1..].strip_prefix(' ') else {
            continue;
        };
        let mut end = close + 2;
        for (k, w) in rest.split(' ').take(2).enumerate() {
            let word = w
                .split(|c: char| !(c.is_alphabetic() || c == '-'))
                .next()
                .unwrap_or("");
            if word.is_empty()
                || !name_word(word)
                || classes(word) & class::FIRST != 0 && classes(word) & class::LAST == 0
                || !last_given && classes(word) & class::LAST == 0
            {
                break;
            }
            end = end + usize::from(k > 0) + word.len();
            if word.len() < w.len() {
                break;
            }
        }
        if end == close + 2 {
            continue;
        }
        let span = Span::new(open + 1, end);
        let inside = |m: &Mention| m.span.overlaps(&span);
        let crossing = out
            .iter()
            .any(|m| inside(m) && (m.span.start < span.start || m.span.end > span.end));
        let person = out
            .iter()
            .any(|m| inside(m) && m.kind == EntityKind::Person);
        let other = out
            .iter()
            .any(|m| inside(m) && m.kind != EntityKind::Person);
        let given = classes(words[0]) & class::FIRST != 0;
        if !crossing && (person || given && !other) && in_blocks(span) {
            found.push(span);
        }
    }
    if found.is_empty() {
        return;
    }
    // (and the title right before the bracket is no name of its own: "Lieutenant [Tomas]")
    let title = |m: &Mention| {
        let w = m.span.slice(text);
        text[m.span.end..].starts_with(" [")
            && !w.contains(' ')
            && classes(w) & class::TITLE != 0
            && found.iter().any(|s| s.start == m.span.end + 2)
    };
    out.retain(|m| !found.iter().any(|s| m.span.overlaps(s)) && !title(m));
    out.extend(found.into_iter().map(|span| Mention {
        span,
        kind: EntityKind::Person,
        score: CONFIDENT,
    }));
}

/// A place's name and a party's adjective before a noun ("the Velmar Republican primary",
/// "Norland Socialist voters") name the place, not an organisation or a person: the adjective (a
/// capitalised word ending in -an, -ic or -ist that no list knows as a name, and that the casing
/// lexicon, learned from running text, knows before "Party") is cut and the mention becomes the
/// place. A name that goes on in capitals ("Norland Socialist Party") is
/// left whole.
pub(super) fn place_adjectives(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let casing = crate::truecase::Truecaser::builtin();
    let names = class::COUNTRY
        | class::CITY
        | class::REGION
        | class::PERSON
        | class::FIRST
        | class::LAST
        | class::ORG
        | class::ARMED
        | class::IGO;
    let mut drop = false;
    for m in out.iter_mut() {
        let s = m.span.slice(text);
        let (head, last) = s.rsplit_once(' ').unwrap_or(("", s));
        let adjective = last.len() >= 5
            && last.starts_with(|c: char| c.is_ascii_uppercase())
            && last[1..].bytes().all(|b| b.is_ascii_lowercase())
            && ["an", "ic", "ist"].iter().any(|e| last.ends_with(e))
            && gaz.word_classes(token_hash(last)) & names == 0
            && casing.names_a_party(last);
        if !adjective {
            continue;
        }
        // a lower-case noun follows on the same line
        let after = &text[m.span.end..];
        let next = after.trim_start_matches([' ', '\t']);
        if next.len() == after.len() || !next.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        if head.is_empty() {
            // the adjective alone ("Republican voters")
            m.span.end = m.span.start;
            drop = true;
            continue;
        }
        let place = gaz.lookup(head).is_some_and(|e| {
            e.classes & (class::COUNTRY | class::CITY | class::REGION) != 0
                && e.classes & (class::PERSON | class::ORG | class::ARMED | class::IGO) == 0
        });
        if place {
            *m = Mention {
                span: Span::new(m.span.start, m.span.start + head.len()),
                kind: EntityKind::Loc,
                score: m.score,
            };
        }
    }
    if drop {
        out.retain(|m| m.span.start < m.span.end);
    }
}

/// A compound adjective is no part of a name: an organisation or a place that ends in a word
/// joined by a hyphen to an ordinary word ("the Velmar Union-sponsored talks", "a Tarvela-based
/// group") is the name before the hyphen, of the kind the dictionary gives it when it knows it;
/// one that starts with such a word ("Velmar-born Norlandic") loses that word. (People are left
/// alone: some given names join syllables by a hyphen.)
pub(super) fn compound_adjectives(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let casing = crate::truecase::Truecaser::builtin();
    // the byte length of what follows the name in `w`: from the first hyphen before an ordinary
    // word ("Tarvela-based", "Velm-turned-envoy"), after a name of two letters or more ("T-bills"
    // is no compound of a name)
    let tail = |w: &str| -> Option<usize> {
        let at = w.char_indices().find(|&(i, c)| {
            c == '-' && i >= 2 && {
                let t = w[i + 1..].split('-').next().unwrap_or("");
                t.len() >= 3
                    && t.bytes().all(|b| b.is_ascii_lowercase())
                    && casing.is_ordinary_word(t)
            }
        })?;
        Some(w.len() - at.0)
    };
    let mut changed = false;
    for m in out.iter_mut().filter(|m| m.kind != EntityKind::Person) {
        let s = m.span.slice(text);
        let last = s.rsplit(char::is_whitespace).next().unwrap_or(s);
        if let Some(cut) = tail(last) {
            let mut end = m.span.end - cut;
            let name = &text[m.span.start..end];
            let kind = gaz
                .lookup(name)
                .and_then(|e| super::block_passes::kind_of_classes(e.classes))
                .unwrap_or(m.kind);
            if is_demonym(name, gaz) {
                end = m.span.start; // "Norlandic-born"
            }
            *m = Mention {
                span: Span::new(m.span.start, end),
                kind,
                score: m.score,
            };
            changed = true;
            continue;
        }
        let Some((first, rest)) = s.split_once(char::is_whitespace) else {
            continue;
        };
        let rest = rest.trim_start();
        if tail(first).is_some() && !rest.is_empty() {
            let start = m.span.end - rest.len();
            m.span = Span::new(start, m.span.end);
            if is_demonym(rest, gaz) {
                m.span.end = start; // nothing of a name is left ("Velmar-born Norlandic")
            }
            changed = true;
        }
    }
    if changed {
        out.retain(|m| m.span.start < m.span.end);
    }
}

/// A place's name and "Department", with no "of" after it, is an administrative area of the
/// countries that have departments ("fighting in Velmora Department"), not a ministry: the
/// dictionary must know the words before it as a town or a region. ("Velmora Police
/// Department" and "the Velmora Department of Health" stay organisations.)
pub(super) fn admin_areas(text: &str, gaz: &Gazetteer, out: &mut [Mention]) {
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Org) {
        let s = m.span.slice(text);
        let Some(place) = s.strip_suffix(" Department") else {
            continue;
        };
        if text[m.span.end..].trim_start().starts_with("of ") {
            continue;
        }
        let known = gaz.lookup(place).is_some_and(|e| {
            e.classes & (class::CITY | class::REGION) != 0
                && e.classes
                    & (class::PERSON | class::ORG | class::ARMED | class::IGO | class::COUNTRY)
                    == 0
        });
        if known {
            m.kind = EntityKind::Loc;
        }
    }
}
