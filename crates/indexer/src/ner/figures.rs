//! Figures rows: lines of a results table that compare a figure with another ("Sales 12.5 mln
//! vs 10.1 mln", "Profit 3 cts versus 2 cts"). Their capitalised words are row labels and
//! abbreviated units, not actors: a one-word mention no dictionary knows is dropped. Sports
//! results ("Kelmore 83 and 174") compare no figures and are left to the results-lines pass.
//!
//! Units: a mention right after a magnitude made of words no dictionary knows and dotted
//! abbreviations ("40 billion Zorls", "six mln N.Z. Zorls"), a mention that starts with a
//! magnitude ("MLN ZORL"), and a one-word mention no dictionary knows right after an ordinal
//! ("3RD QTR") name a unit or a period, not an actor.

use super::features::{TokInfo, F_ALLCAPS, F_CAP, F_DIGIT, F_LOWER};
use super::lexicon::FUNCTION_WORDS;
use super::tokens::BlockToks;
use super::Mention;
use crate::gazetteer::{class, token_hash, Gazetteer};
use crate::model::{EntityKind, Span};

/// Words that compare the figure before them with the figure after them.
const COMPARE: [&str; 4] = ["vs", "vs.", "versus", "against"];
const COMPARE_HASHES: [u64; 4] = {
    let mut h = [0u64; 4];
    let mut k = 0;
    while k < COMPARE.len() {
        h[k] = crate::gazetteer::token_hash(COMPARE[k]);
        k += 1;
    }
    h
};

/// Numbers written as words ("four cts vs two cts").
pub(super) const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion",
];

fn is_number(text: &str, d: &BlockToks, j: usize) -> bool {
    let i: &TokInfo = &d.infos[j];
    // (in either case: a short row in capitals is not truecased, "REVS 2,872,000 VS 4,700,000";
    // a figure may carry its unit's letters, "9.6p", "99ct")
    let unit = || {
        let s = d.toks[j].as_str(text);
        let digits = s.trim_end_matches(|c: char| c.is_ascii_lowercase());
        matches!(&s[digits.len()..], "p" | "c" | "ct")
            && digits.starts_with(|c: char| c.is_ascii_digit())
            && digits
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    };
    i.flags & F_DIGIT != 0 && (i.flags & (F_CAP | F_LOWER | F_ALLCAPS) == 0 || unit())
        || i.flags & (F_LOWER | F_ALLCAPS) != 0
            && NUMBER_WORDS
                .iter()
                .any(|w| w.eq_ignore_ascii_case(d.toks[j].as_str(text)))
}

/// Words that scale the number before them ("12 billion", "3.5 mln").
const MAGNITUDES: &[&str] = &[
    "hundred", "thousand", "million", "billion", "trillion", "mln", "bln", "mn", "bn",
];

/// A figure with a thousands separator or decimals ("950,000", "1.20"): an amount, not a year or
/// a day.
fn amount(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.ends_with(|c: char| c.is_ascii_digit())
        && w.contains([',', '.'])
        && w.bytes()
            .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
}

/// Whether the token after token `j`, on its line, is a word in lower case other than a
/// function word or a conjunction: a noun the word before it modifies ("ZLNF fighters"). (An
/// article in capitals reaches the passes truecased: "ZORLS AND" is "ZORLS and".)
fn lower_after(text: &str, d: &BlockToks, j: usize) -> bool {
    d.toks.get(j + 1).is_some_and(|t| {
        let w = t.as_str(text);
        w.starts_with(|c: char| c.is_lowercase())
            && !FUNCTION_WORDS.contains(&w)
            && !matches!(w, "and" | "or")
            && !text[d.toks[j].end as usize..t.start as usize].contains('\n')
    })
}

/// Whether token `j` is a word no dictionary knows that names the unit of the figure before it
/// on its line (`figure` says which words count as one): it does not modify a noun after it.
fn unit_after(text: &str, d: &BlockToks, j: usize, figure: impl Fn(&str) -> bool) -> bool {
    j > 0
        && unknown(d, j)
        && figure(d.toks[j - 1].as_str(text))
        && !text[d.toks[j - 1].end as usize..d.toks[j].start as usize].contains('\n')
        && !lower_after(text, d, j)
}

/// "1st", "2ND", "23rd", "4th".
fn is_ordinal(s: &str) -> bool {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(
            s[digits.len()..].to_ascii_lowercase().as_str(),
            "st" | "nd" | "rd" | "th"
        )
}

/// Whether the dictionaries know nothing of token `j` (no word class, no part of a known name).
fn unknown(d: &BlockToks, j: usize) -> bool {
    d.infos[j].wclass == 0 && d.infos[j].ppos == 0
}

/// Drops the mentions that name a unit or a period (see the module documentation): a mention
/// that starts with a magnitude word ("MLN DLR"), or that stands right after one and is made of
/// dotted abbreviations and words the dictionaries do not know ("U.S. Zorls"), or a word the
/// dictionaries do not know right after an ordinal, alone or with month names ("3RD QTR",
/// "3RD QTR MARCH").
/// A credit rating on the agencies' scales: "AAA", "BB-plus", "Baa-2", "Aa3", short-term "A-1"
/// and "P-2", "A-1-plus".
pub(super) fn is_rating(s: &str) -> bool {
    let s = ["-plus", "-minus", "+", "-"]
        .iter()
        .find_map(|t| s.strip_suffix(t))
        .unwrap_or(s);
    let letters = s.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
    let grade = &s[letters.len()..];
    // (a grade is one digit, after a hyphen or not: "Baa-2", "Aa3", "A-1")
    let digit = grade.trim_start_matches('-');
    let graded = digit.len() == 1 && digit != "0" && grade.len() <= 2;
    // (Moody's letters in capitals only with a grade: "BAA-2", not British Airways' "BA")
    let moody = ["Aaa", "Aa", "Baa", "Ba", "Caa", "Ca"]
        .iter()
        .any(|l| *l == letters || graded && l.eq_ignore_ascii_case(letters));
    let scale = moody
        || matches!(
            letters,
            "AAA" | "AA" | "A" | "BBB" | "BB" | "B" | "CCC" | "CC" | "C"
        )
        || letters == "P" && graded;
    scale && (grade.is_empty() || graded)
}

/// Credit ratings are no names: a mention that is a rating ([`is_rating`]) in a sentence about
/// ratings or debt ("cut to BB-minus from BB-plus", "rated Baa-2 by ...", "AAA rating") is
/// dropped; the same letters elsewhere may be a body's acronym ("the AAA" of an arbitration).
pub(super) fn ratings(text: &str, out: &mut Vec<Mention>) {
    const CUES: [&str; 10] = [
        "rating",
        "rated",
        "debt",
        "grade",
        "moody",
        "poor's",
        "paper",
        "affirm",
        "bonds",
        "debentures",
    ];
    if !out.iter().any(|m| is_rating(m.span.slice(text))) {
        return;
    }
    // the initials of the article's names of two words or more: "CCC" may stand for one
    let initials: Vec<String> = out
        .iter()
        .map(|m| m.span.slice(text))
        .filter(|n| n.contains(' '))
        .map(|n| {
            n.split_whitespace()
                .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
                .collect()
        })
        .collect();
    out.retain(|m| {
        let w = m.span.slice(text);
        if w.len() > 10 || !is_rating(w) || initials.iter().any(|i| i == w) {
            return true;
        }
        // the mention's sentence, as far as a line or a full stop after a lower-case letter
        let stop = |c: &[u8]| c.len() == 2 && c[0].is_ascii_lowercase() && c[1] == b'.';
        let b = text.as_bytes();
        let mut a = m.span.start;
        while a > 0 && b[a - 1] != b'\n' && !(a >= 2 && stop(&b[a - 2..a])) {
            a -= 1;
        }
        let mut e = m.span.end;
        while e < b.len() && b[e] != b'\n' && !(e + 1 < b.len() && stop(&b[e..e + 2])) {
            e += 1;
        }
        let sentence = text[a..e].to_lowercase();
        !CUES.iter().any(|c| sentence.contains(c))
    });
}

/// The head words of an economic indicator's name (a rate, an index, an average or a product:
/// "Velmoran Interbank Offered Rate", "Kelmore Composite Index", "Gross Regional Product") or a
/// currency's ("N.V. Dollar", "Velmoran Currency", "Kelmore Currency Units").
const INDICATOR_HEADS: [&str; 9] = [
    "rate",
    "rates",
    "index",
    "average",
    "product",
    "dollar",
    "dollars",
    "currency",
    "currencies",
];

/// Economic indicators and currencies are no organisations: an organisation of two words or more
/// that ends in an indicator's or a currency's head word ([`INDICATOR_HEADS`]), or in "currency
/// unit(s)", is dropped, unless a word before the head is an initial or a given name (a fund or a
/// firm named after a person: "T. Velm Index") or the dictionaries know the whole name as an
/// organisation; so is the abbreviation the article gives it in brackets right after it ("Gross
/// Regional Product (GRP)"), wherever it stands.
pub(super) fn indicators(text: &str, gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let indicator = |m: &Mention| {
        if m.kind != EntityKind::Org {
            return false;
        }
        let name = m.span.slice(text);
        let words: Vec<&str> = name.split_whitespace().collect();
        let Some((mut head, mut before)) = words.split_last() else {
            return false;
        };
        if let Some((currency, rest)) = before.split_last() {
            let unit = head.eq_ignore_ascii_case("unit") || head.eq_ignore_ascii_case("units");
            if unit && currency.eq_ignore_ascii_case("currency") {
                (head, before) = (currency, rest);
            }
        }
        if before.is_empty() || !INDICATOR_HEADS.iter().any(|h| head.eq_ignore_ascii_case(h)) {
            return false;
        }
        let personal = before.iter().any(|w| {
            w.trim_end_matches('.').chars().count() == 1
                || gaz.word_classes(token_hash(w)) & class::FIRST != 0
        });
        let known = gaz
            .lookup(name)
            .is_some_and(|e| e.classes & class::ORG != 0);
        !(personal || known)
    };
    let dropped: Vec<bool> = out.iter().map(indicator).collect();
    let mut abbreviations: Vec<&str> = Vec::new();
    for (m, _) in out.iter().zip(&dropped).filter(|(_, &d)| d) {
        let after = text[m.span.end..].trim_start();
        let Some(inside) = after.strip_prefix('(') else {
            continue;
        };
        let Some((abbr, _)) = inside.split_once(')') else {
            continue;
        };
        let abbr = abbr.trim();
        if (2..=8).contains(&abbr.len())
            && abbr.starts_with(|c: char| c.is_ascii_uppercase())
            && abbr.chars().all(|c| c.is_ascii_alphabetic())
        {
            abbreviations.push(abbr);
        }
    }
    let abbreviation =
        |m: &Mention| m.kind == EntityKind::Org && abbreviations.contains(&m.span.slice(text));
    let mut k = 0;
    out.retain(|m| {
        k += 1;
        !(dropped[k - 1] || abbreviation(m))
    });
}

pub(super) fn units(text: &str, docs: &[BlockToks], out: &mut Vec<Mention>) {
    let magnitude = |w: &str| MAGNITUDES.iter().any(|m| m.eq_ignore_ascii_case(w));
    let dotted = |w: &str| w.len() <= 5 && w.ends_with('.');
    let mut dropped: Vec<Span> = Vec::new();
    // (words in capitals the article uses as units, and its one-word mentions of such words
    // that no dictionary knows: a unit named after a figure is a unit wherever the article
    // names it, "AT 12 ZORLS"; a capitalised word after a figure may be a name used before a
    // noun, "13,000 Quorvy followers", and is only dropped there)
    let mut unit_names: Vec<String> = Vec::new();
    let mut lone_unknown: Vec<(Span, String)> = Vec::new();
    for d in docs {
        let (Some(first), Some(last)) = (d.toks.first(), d.toks.last()) else {
            continue;
        };
        let at = |pos: usize| d.toks.partition_point(|t| (t.start as usize) < pos);
        // (the units in capitals the block writes after an amount or a magnitude, tagged or not)
        for j in 1..d.toks.len() {
            // (the word's own tests first: this reads every token of every article)
            let w = d.toks[j].as_str(text);
            if w.len() >= 2
                && w.bytes().all(|c| c.is_ascii_uppercase())
                && unit_after(text, d, j, |f| amount(f) || magnitude(f))
                && !unit_names.iter().any(|u| u == w)
            {
                unit_names.push(w.to_string());
            }
        }
        for m in out
            .iter()
            .filter(|m| m.span.start >= first.start as usize && m.span.end <= last.end as usize)
        {
            let (a, b) = (at(m.span.start), at(m.span.end));
            if a >= b
                || b > d.toks.len()
                || d.toks[a].start as usize != m.span.start
                || d.toks[b - 1].end as usize != m.span.end
            {
                continue; // not a mention of this block
            }
            let word = |j: usize| d.toks[j].as_str(text);
            let unit_words =
                (a..b).all(|j| unknown(d, j) || dotted(word(j))) && !dotted(word(b - 1));
            // one dotted abbreviation of a place may stand between ("billion N.Z. Zorls")
            let after_magnitude = a > 0 && magnitude(word(a - 1))
                || a > 1 && dotted(word(a - 1)) && magnitude(word(a - 2));
            // (or right after a figure, when it starts with the dotted abbreviation of a place:
            // "421.10 U.S. Zorls an ounce")
            // (two letters or more, each with its stop: "U.S.", not a person's initial; on the
            // figure's line: not a name opening the next row of a table)
            let place_abbrev = |w: &str| {
                w.len() >= 4
                    && w.as_bytes()
                        .chunks(2)
                        .all(|c| c.len() == 2 && c[0].is_ascii_uppercase() && c[1] == b'.')
            };
            let same_line = |i: usize, j: usize| {
                !text[d.toks[i].end as usize..d.toks[j].start as usize].contains('\n')
            };
            let after_figure = (a > 0
                && b > a + 1
                && is_number(text, d, a - 1)
                && place_abbrev(word(a))
                && same_line(a - 1, a))
                // (or the unit alone, the abbreviation a place of its own: "421.10 U.S. Zorls")
                || (a > 1
                    && b == a + 1
                    && is_number(text, d, a - 2)
                    && place_abbrev(word(a - 1))
                    && same_line(a - 2, a));
            // (one word the dictionaries do not know right after an amount, a figure with a
            // thousands separator or decimals on the same line: "950,000 ZORLS", "1.20 ZORLS A
            // SHARE"; not a year or a day, "IN 1987 QUORVE SAID")
            // (and not before a word in lower case: a name used before a noun, "13,000 ZLNF
            // fighters", is no unit)
            let after_amount = b == a + 1 && unit_after(text, d, a, amount);
            // (the period may go on with its month: "3RD QTR MARCH 31 NET")
            let after_ordinal = a > 0
                && is_ordinal(word(a - 1))
                && unknown(d, a)
                && (a + 1..b).all(|j| crate::dates::names_a_day_or_month(word(j)));
            let lone = b == a + 1 && unknown(d, a) && !word(a).contains(char::is_lowercase);
            if lone {
                lone_unknown.push((m.span, word(a).to_string()));
            }
            if magnitude(word(a))
                || (after_magnitude || after_figure) && unit_words
                || after_amount
                || after_ordinal
            {
                dropped.push(m.span);
            }
        }
    }
    if !unit_names.is_empty() {
        dropped.extend(
            lone_unknown
                .iter()
                .filter(|(_, w)| unit_names.contains(w))
                .map(|(span, _)| *span),
        );
    }
    if !dropped.is_empty() {
        out.retain(|m| !dropped.contains(&m.span));
    }
}

/// The labels of a figures row in tokens `a..b` (one line): a capitalised label right before a
/// number (or before one lower-case word and a number: "Profit net 3 cts"), then a comparison
/// word with a number on each side; every capitalised token of such a row is a label. In a
/// short line (at most twelve tokens), the label may also stand before up to three lower-case
/// words and a number ("Shr fully diluted 1.15 dlrs vs 76 cts", "Shr loss 5.33 dlrs"), with a
/// comparison or with the line ending in at most two words after the number, when it opens the
/// line or follows a dateline's dash, and only those labels count.
fn row_labels(text: &str, d: &BlockToks, a: usize, b: usize, labels: &mut Vec<usize>) {
    let num = |j: usize| j < b && is_number(text, d, j);
    let lower = |j: usize| j < b && d.infos[j].flags & F_LOWER != 0 && !is_number(text, d, j);
    let cap = |j: usize| d.infos[j].flags & F_CAP != 0;
    // (by the tokens' folded hashes: every token of every line is read)
    let compares = |j: usize| COMPARE_HASHES.contains(&d.infos[j].lower);
    // (a figure before the word and one after it: the line's first and last figures are found
    // once, and only in a line with such a word, since prose has "against" often)
    let compared = (a + 1..b).any(compares) && {
        let first = (a..b).find(|&j| num(j));
        let last = (a..b).rev().find(|&j| num(j));
        match (first, last) {
            (Some(f), Some(l)) => (f + 1..l).any(compares),
            _ => false,
        }
    };
    // (most lines compare nothing: the labels are looked for only in those that do)
    if compared && (a..b).any(|j| cap(j) && (num(j + 1) || lower(j + 1) && num(j + 2))) {
        labels.extend((a..b).filter(|&j| cap(j)));
        return;
    }
    if b - a > 12 {
        return;
    }
    // (the words after the figure are in lower case or figures: "Kelmore 83 and 174, Quorby
    // 12" is a results line, left to its own pass)
    for j in a..b {
        // (the label opens the line, or follows a dateline's dash)
        if !cap(j) || !opens_row(text, d, a, j) {
            continue;
        }
        let Some(n) = (j + 1..b.min(j + 5)).find(|&k| !lower(k)) else {
            continue;
        };
        let unit = b - n <= 3
            && (n + 1..b).all(|k| !cap(k))
            && (j + 1..b).any(|k| lower(k) && !joins(text, d, k));
        if num(n) && (compared || unit) {
            labels.push(j);
        }
    }
}

/// The label of a table's row in tokens `a..b` (one line): one to three capitalised ordinary
/// words that open the line, then only figures, at least two, each with a decimal point or a
/// thousands comma ("End Stocks 0.61 0.59 0.61 0.60", "Total Use 7,055 6,700 6,496"). Standings
/// rows count goals and points in whole numbers and name teams, which are kept.
fn table_label(text: &str, d: &BlockToks, a: usize, b: usize) -> Option<Span> {
    // (a row is short)
    if b - a > 16 || d.infos[a].flags & F_CAP == 0 {
        return None;
    }
    let words = (a..b)
        .take_while(|&j| d.infos[j].flags & F_CAP != 0)
        .count();
    if !(1..=3).contains(&words) || b - a < words + 2 {
        return None;
    }
    let figures = (a + words..b).all(|j| {
        d.infos[j].flags & F_DIGIT != 0
            && d.toks[j].as_str(text).contains(['.', ','])
            && is_number(text, d, j)
    });
    let casing = crate::truecase::Truecaser::builtin();
    let ordinary = || (a..a + words).all(|j| casing.is_ordinary_word(d.toks[j].as_str(text)));
    (figures && ordinary())
        .then(|| Span::new(d.toks[a].start as usize, d.toks[a + words - 1].end as usize))
}

/// Whether token `j` opens the line that starts at token `a`, or follows a dateline's dash or
/// a colon ("Zarnia (Wire) – Qrof 3 cts", "Velmora: Qrof 3 cts").
fn opens_row(text: &str, d: &BlockToks, a: usize, j: usize) -> bool {
    j == a || matches!(d.toks[j - 1].as_str(text), "-" | "–" | "—" | "--" | ":")
}

/// "and", "or": words that join two figures of a results line, not a unit or a label.
fn joins(text: &str, d: &BlockToks, j: usize) -> bool {
    matches!(d.toks[j].as_str(text), "and" | "or")
}

/// Drops one-word mentions the dictionaries do not know from figures rows, and the same words
/// where they open another short line of the article (at most five tokens from the word on);
/// and every mention inside the label of a table's row of decimal figures.
pub(super) fn figures_rows(text: &str, docs: &[BlockToks], out: &mut Vec<Mention>) {
    let mut labels: Vec<Span> = Vec::new();
    let mut openers: Vec<Span> = Vec::new();
    let mut tables: Vec<Span> = Vec::new();
    let mut row: Vec<usize> = Vec::new();
    for d in docs {
        let n = d.toks.len();
        let mut a = 0;
        while a < n {
            let mut b = a + 1;
            while b < n
                && !text
                    .get(d.toks[b - 1].end as usize..d.toks[b].start as usize)
                    .is_some_and(|gap| gap.contains('\n'))
            {
                b += 1;
            }
            row.clear();
            row_labels(text, d, a, b, &mut row);
            for &j in &row {
                if unknown(d, j) {
                    labels.push(Span::new(d.toks[j].start as usize, d.toks[j].end as usize));
                }
            }
            if let Some(label) = table_label(text, d, a, b) {
                tables.push(label);
            }
            // (in a short line: "Qrof not given")
            for j in a..b {
                if b - j <= 5
                    && opens_row(text, d, a, j)
                    && d.infos[j].flags & F_CAP != 0
                    && unknown(d, j)
                {
                    openers.push(Span::new(d.toks[j].start as usize, d.toks[j].end as usize));
                }
            }
            a = b;
        }
    }
    if !tables.is_empty() {
        out.retain(|m| {
            !tables
                .iter()
                .any(|t| t.start <= m.span.start && m.span.end <= t.end)
        });
    }
    if labels.is_empty() {
        return;
    }
    // (a row's label opens the article's other short lines as the same label)
    let words: Vec<&str> = labels.iter().map(|l| l.slice(text)).collect();
    labels.extend(
        openers
            .into_iter()
            .filter(|o| words.contains(&o.slice(text))),
    );
    out.retain(|m| !labels.contains(&m.span));
}

#[cfg(test)]
mod tests {
    use crate::model::EntityKind;
    use crate::ner::Tagger;
    use crate::Document;

    fn names(text: &str) -> Vec<(String, EntityKind)> {
        let doc = Document::from_plain_text("t".into(), "t".into(), text.to_string());
        let t = Tagger::new();
        t.tag(&doc.text, &doc.blocks)
            .iter()
            .map(|m| (m.span.slice(&doc.text).to_string(), m.kind))
            .collect()
    }

    #[test]
    fn ratings_on_the_agencies_scales() {
        for (w, want) in [
            ("AAA", true),
            ("BB-plus", true),
            ("BBB-minus", true),
            ("Baa-2", true),
            ("Aa3", true),
            ("BAA-2", true),
            ("A-1", true),
            ("A-1-plus", true),
            ("P-2", true),
            ("CCC", true),
            // an acronym, an aircraft, British Airways, a grade of two digits
            ("BA", false),
            ("B-52", false),
            ("AAR", false),
            ("P", false),
            ("Ba-12", false),
        ] {
            assert_eq!(super::is_rating(w), want, "{w}");
        }
    }

    #[test]
    fn ratings_in_sentences_on_debt_are_no_names() {
        // Invented text: a ratings story, and the same letters as bodies' acronyms
        let text = "Ratings\n\nNEW YORK, March 3 - Standard and Poor's Corp said it cut to BB-minus from \
                    BB-plus the debt of Quorvy Industries Inc. The issue is rated Baa-2 by Moody's. \
                    Affirmed were its AA debentures and A-1 commercial paper. The Crop Credit \
                    Council (CCC) graded the debt too.\n";
        let got = names(text);
        for w in ["BB-minus", "BB-plus", "Baa-2", "AA", "A-1"] {
            assert!(!got.iter().any(|(s, _)| s == w), "{w}: {got:?}");
        }
        // the initials of a name of the article stay its acronym
        assert!(got.iter().any(|(s, _)| s == "CCC"), "{got:?}");
        assert!(
            got.iter()
                .any(|(s, k)| s.starts_with("Quorvy Industries Inc") && *k == EntityKind::Org),
            "{got:?}"
        );
    }

    #[test]
    fn labels_of_figures_rows_are_no_names() {
        let text = "Velmora Tools Inc results\n\nQrof 30 cts vs 17 cts\n\nTrevs 71.9 mln vs 25.2 mln\n\nZarnia (Wire) - Qrof profit four cts vs loss two cts\n\nVelmora Tools said sales rose in Zarnia.";
        let got = names(text);
        assert!(
            !got.iter().any(|(s, _)| s == "Qrof" || s == "Trevs"),
            "{got:?}"
        );
        assert!(got.iter().any(|(s, _)| s == "Zarnia"), "{got:?}");
    }

    #[test]
    fn labels_of_figures_rows_in_capitals_are_no_names() {
        let text = "VELMORA TOOLS INC RESULTS\n\nQROF 30 CTS VS 17 CTS\n\nTREVS 71.9 MLN VS 25.2 MLN\n\nZARNIA (WIRE) - VELMORA TOOLS SAID ITS SALES ROSE IN ZARNIA AND QUENBY.";
        let got = names(text);
        assert!(
            !got.iter()
                .any(|(s, _)| s.eq_ignore_ascii_case("qrof") || s.eq_ignore_ascii_case("trevs")),
            "{got:?}"
        );
    }

    #[test]
    fn labels_before_words_in_lower_case_and_the_same_labels_on_short_lines_are_no_names() {
        let text = "Velmora Tools Inc results\n\nZarnia (Wire) – Qrof not given\n\nQrof fully diluted loss 8 cts vs profit 45 cts\n\nYear\n\nTrevs loss 5.33 dlrs\n\nVelmora: Plef 9.6p vs 31.3p\n\nQuorby Tarvel said sales rose in Zarnia.";
        let got = names(text);
        assert!(
            !got.iter()
                .any(|(s, _)| matches!(s.as_str(), "Qrof" | "Trevs" | "Plef")),
            "{got:?}"
        );
        assert!(got.iter().any(|(s, _)| s == "Quorby Tarvel"), "{got:?}");
        // (a prose line that opens with a name and holds a figure keeps it)
        let got = names("Quenby results\n\nQrof 3 cts vs 2 cts\n\nQuorby said the plan would cost 12 mln dlrs.\n\nQuorby also said it rose.");
        assert!(got.iter().any(|(s, _)| s == "Quorby"), "{got:?}");
    }

    #[test]
    fn units_after_magnitudes_and_periods_after_ordinals_are_no_names() {
        let text = "TARVEN HOLDINGS 3RD QTR NET RISES\n\nReserves rose to 40 billion N.Z. Zorls in March, and exports to six mln Zorls, Tarven Holdings said in Quenby.";
        let got = names(text);
        assert!(
            !got.iter()
                .any(|(s, _)| s.contains("QTR") || s.contains("Zorls")),
            "{got:?}"
        );
        // the period with its month ("3RD QTR MARCH 31"), in a results headline
        for month in ["MARCH", "DEC", "SEPT"] {
            let text = format!("QUORVY MILLS INC <QMI> 3RD QTR {month} 31 NET\n\nBrellton, Ohio: Shr 12 cts vs 10 cts\nNet 1,204,000 vs 990,000\nSales 22.1 mln vs 19.8 mln\n");
            let got = names(&text);
            assert!(!got.iter().any(|(s, _)| s.contains("QTR")), "{got:?}");
        }
        let got = names("Exports reached 40 billion N.Z. Zorls, Tarven Holdings said in Quenby.");
        assert!(!got.iter().any(|(s, _)| s.contains("Zorls")), "{got:?}");
        assert!(got.iter().any(|(s, _)| s == "Quenby"), "{got:?}");
        assert!(
            super::is_ordinal("3RD")
                && super::is_ordinal("21st")
                && !super::is_ordinal("3D")
                && !super::is_ordinal("th")
        );
    }

    #[test]
    fn currencies_right_after_a_figure_are_no_names() {
        // a dotted place abbreviation and a unit right after a figure, on its line
        let got = names(
            "Gold was trading at 421.10/60 U.S. Zorls an ounce at midday, traders in Quenby said.",
        );
        assert!(!got.iter().any(|(s, _)| s.contains("Zorls")), "{got:?}");
        // (a person's initial after a figure on the line before is a name: a scorecard's row)
        let got =
            names("Scorecard\n\nA. Venn b Quill 46\nR. Tarvel not out 12\nB. Orrin run out 3");
        assert!(got.iter().any(|(s, _)| s.contains("Tarvel")), "{got:?}");
    }

    #[test]
    fn sports_tables_and_sentences_keep_their_names() {
        let text = "Standings\n\nKelmore Rovers 3 1 1 1 5 4 4\n\nArlo Venn scored 2 goals against 1 for Kelmore Rovers.";
        let got = names(text);
        assert!(got.iter().any(|(s, _)| s == "Arlo Venn"), "{got:?}");
    }
}
