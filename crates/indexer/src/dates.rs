//! Date parsing for date lines, datelines and metadata fields.
//!
//! Text is read in any script: Unicode decimal digits (Arabic-Indic, Persian, Devanagari,
//! fullwidth, ...) count as digits, month names of the major news languages are known, and dates
//! of the Solar Hijri (Persian) and the lunar Hijri calendars are converted to the Gregorian day.
//! A bare 13xx/14xx year is read as Solar Hijri only where the text is Persian (Persian digits or
//! month names, or a [`Calendar::Persian`] hint from the page language), and as lunar Hijri only on
//! Arabic pages or next to a Hijri month name; anywhere else such a year is no date.

use crate::calendars;
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;

/// Which calendar a numeric date with a 13xx/14xx year belongs to, from the page's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Calendar {
    /// Gregorian only: years outside 1900–2100 are no date.
    #[default]
    Gregorian,
    /// A Persian page: 13xx/14xx years are Solar Hijri.
    Persian,
    /// An Arabic page: 13xx/14xx years are lunar Hijri (tabular).
    Hijri,
}

impl Calendar {
    /// The hint for a page or record language tag (`fa`, `fa-IR`, `ar`, `ar_EG`, ...).
    pub fn for_language(lang: Option<&str>) -> Calendar {
        let Some(l) = lang else {
            return Calendar::Gregorian;
        };
        let primary = l
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "fa" | "per" | "fas" | "prs" => Calendar::Persian,
            "ar" | "ara" => Calendar::Hijri,
            _ => Calendar::Gregorian,
        }
    }
}

/// Gregorian month names and abbreviations: English, German, French, Spanish, Portuguese,
/// Italian, Dutch, Turkish, Indonesian, Russian, Ukrainian, Arabic and Persian. Keys are folded
/// with [`fold`]. Abbreviations that are common words in English ("set", "out", "ago") are left out.
const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("janv", 1),
    ("févr", 2),
    ("fevr", 2),
    ("avr", 4),
    ("juil", 7),
    ("déc", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mrt", 3),
    ("mei", 5),
    ("augustus", 8),
    // Turkish (with and without the Turkish letters)
    ("ocak", 1),
    ("şubat", 2),
    ("subat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("mayis", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("agustos", 8),
    ("eylül", 9),
    ("eylul", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("kasim", 11),
    ("aralık", 12),
    ("aralik", 12),
    // Indonesian / Malay
    ("maret", 3),
    ("agustus", 8),
    ("desember", 12),
    ("ogos", 8),
    ("disember", 12),
    // Russian: genitive (as in dates), nominative, abbreviations
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    ("янв", 1),
    ("фев", 2),
    ("апр", 4),
    ("авг", 8),
    ("сен", 9),
    ("сент", 9),
    ("окт", 10),
    ("ноя", 11),
    ("нояб", 11),
    ("дек", 12),
    // Ukrainian (genitive)
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    // Arabic (Egyptian/Gulf names, then the Levantine/Iraqi single-word ones)
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("إبريل", 4),
    ("أبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    // Levantine two-word names, joined by `join_month_phrases`
    ("كانون_الثاني", 1),
    ("تشرين_الأول", 10),
    ("تشرين_الثاني", 11),
    ("كانون_الأول", 12),
    // Persian transliterations of the Gregorian months
    ("ژانویه", 1),
    ("فوریه", 2),
    ("آوریل", 4),
    ("مه", 5),
    ("ژوئن", 6),
    ("ژوئیه", 7),
    ("جولای", 7),
    ("اوت", 8),
    ("آگوست", 8),
    ("سپتامبر", 9),
    ("اکتبر", 10),
    ("نوامبر", 11),
    ("دسامبر", 12),
];

/// Solar Hijri (Persian) month names.
const SOLAR_MONTHS: &[(&str, u32)] = &[
    ("فروردین", 1),
    ("اردیبهشت", 2),
    ("خرداد", 3),
    ("تیر", 4),
    ("مرداد", 5),
    ("امرداد", 5),
    ("شهریور", 6),
    ("مهر", 7),
    ("آبان", 8),
    ("آذر", 9),
    ("دی", 10),
    ("بهمن", 11),
    ("اسفند", 12),
];

/// Lunar Hijri month names (Arabic script; the two-word ones joined by `join_month_phrases`).
const HIJRI_MONTHS: &[(&str, u32)] = &[
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع_الأول", 3),
    ("ربيع_الاول", 3),
    ("ربيع_الثاني", 4),
    ("ربيع_الآخر", 4),
    ("جمادى_الأولى", 5),
    ("جمادى_الاولى", 5),
    ("جمادى_الأول", 5),
    ("جمادى_الآخرة", 6),
    ("جمادى_الثانية", 6),
    ("جمادى_الآخر", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو_القعدة", 11),
    ("ذي_القعدة", 11),
    ("ذو_الحجة", 12),
    ("ذي_الحجة", 12),
];

/// First words of month names written as two words, and the second words they take.
const MONTH_PHRASE_HEADS: &[&str] = &["كانون", "تشرين", "ربيع", "جمادى", "ذو", "ذي"];

const WEEKDAYS: [&str; 14] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Words that may surround a date on a line of its own ("Published: ...", "Posted ... 2:05 PM GMT"),
/// besides time zones.
const FILLER: [&str; 13] = [
    "published",
    "posted",
    "updated",
    "last",
    "on",
    "at",
    "date",
    "dated",
    "am",
    "pm",
    "a.m",
    "p.m",
    "z",
];

/// Abbreviations of the time zones news gives clock times in.
const TIME_ZONES: [&str; 16] = [
    "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "cet", "cest", "eet",
    "eest", "bst", "msk",
];

/// Whether `word` abbreviates a time zone ("GMT", "edt"), in any case.
pub fn is_time_zone(word: &str) -> bool {
    TIME_ZONES.iter().any(|z| z.eq_ignore_ascii_case(word))
}

/// Words that may stand between day, month and year ("3 de mayo de 2020", "3 mai 2020 г.").
const CONNECTORS: [&str; 3] = ["de", "del", "of"];

/// Folds a word for month-name lookup: lower case, no trailing period, Arabic letter variants
/// unified (yeh, kaf, alef forms), tatweel and Arabic vowel marks removed.
fn fold(word: &str) -> String {
    word.trim_end_matches('.')
        .chars()
        .filter(|c| !matches!(c, '\u{640}' | '\u{64b}'..='\u{65f}' | '\u{670}'))
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ة' => 'ه',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every month name of [`MONTHS`], [`SOLAR_MONTHS`] and [`HIJRI_MONTHS`], folded, with its
/// calendar and number (the first table that names a word wins).
fn month_table() -> &'static std::collections::HashMap<String, (Calendar, u32)> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<String, (Calendar, u32)>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = std::collections::HashMap::new();
        for (cal, names) in [
            (Calendar::Persian, SOLAR_MONTHS),
            (Calendar::Hijri, HIJRI_MONTHS),
            (Calendar::Gregorian, MONTHS),
        ] {
            for (n, m) in names {
                t.entry(fold(n)).or_insert((cal, *m));
            }
        }
        t
    })
}

/// Month number for a Gregorian month name or abbreviation in any of the known languages
/// (`Jan.`, `Sept`, `März`, `мая`, `مايو`).
pub fn month_from_name(word: &str) -> Option<u32> {
    month_word(word)
        .filter(|(c, _)| *c == Calendar::Gregorian)
        .map(|(_, m)| m)
}

/// A month name of any calendar: the calendar and the month number.
fn month_word(word: &str) -> Option<(Calendar, u32)> {
    if word.len() > 40 {
        return None;
    }
    month_table().get(&fold(word)).copied()
}

/// Whether a word names a day of the week or a Gregorian month ("Monday", "Sept."): a date's
/// word, never part of a name before it.
pub(crate) fn names_a_day_or_month(word: &str) -> bool {
    is_weekday(word) || month_from_name(word).is_some()
}

pub(crate) fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    WEEKDAYS.contains(&w.as_str())
}

/// The digit value of any Unicode decimal digit (general category Nd), not only ASCII ones.
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let cp = c as u32;
    // Zero points of the Nd blocks: each is followed by the nine other digits in order.
    const ZEROS: &[u32] = &[
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
        0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
        0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
        0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0,
        0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0,
        0x1E950, 0x1FBF0,
    ];
    let i = ZEROS.partition_point(|&z| z <= cp);
    let zero = *ZEROS.get(i.checked_sub(1)?)?;
    (cp - zero < 10).then(|| cp - zero)
}

/// Whether `s` is written with Persian digits (Extended Arabic-Indic, U+06F0–U+06F9).
fn looks_persian(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{6F0}'..='\u{6F9}'))
}

/// Rewrites every Unicode decimal digit as its ASCII digit, Arabic punctuation used in dates as
/// its Latin counterpart, and joins two-word month names with `_`, so that the scanner sees one
/// form. Borrowed when nothing changes.
fn normalise(s: &str) -> Cow<'_, str> {
    let plain = s
        .chars()
        .all(|c| c.is_ascii() || (!c.is_numeric() && !matches!(c, '،' | '٫' | '٬')))
        && !MONTH_PHRASE_HEADS.iter().any(|h| s.contains(h));
    if plain {
        return Cow::Borrowed(s);
    }
    let mut out: String = s
        .chars()
        .map(|c| match c {
            '،' | '٬' => ',',
            '٫' => '.',
            c if !c.is_ascii() => digit_value(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c),
            c => c,
        })
        .collect();
    for head in MONTH_PHRASE_HEADS {
        let mut from = 0;
        while let Some(i) = out.get(from..).and_then(|r| r.find(head)).map(|i| i + from) {
            let after = i + head.len();
            let ws = out[after..].len() - out[after..].trim_start().len();
            if ws > 0 && ws <= 3 && out[after + ws..].starts_with(|c: char| c.is_alphabetic()) {
                out.replace_range(after..after + ws, "_");
            }
            from = after;
        }
    }
    Cow::Owned(out)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Word(&'a str),
    Num(&'a str),
    Sep(char),
}

/// Splits ASCII-digit text (see [`normalise`]) into words, numbers and separators.
fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if c.is_ascii_digit() {
            let st = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Tok::Num(&s[st..i]));
            // ordinal suffixes: 1st, 2nd, 3rd, 4th
            let rest = &s[i..];
            let ordinal = ["st", "nd", "rd", "th"].iter().any(|suf| {
                rest.get(..2).is_some_and(|r| r.eq_ignore_ascii_case(suf))
                    && !rest[2..].starts_with(|c: char| c.is_alphabetic())
            });
            if ordinal {
                i += 2;
            }
        } else if c.is_alphabetic() {
            let st = i;
            while let Some(ch) = s[i..].chars().next() {
                if ch.is_alphabetic()
                    || ch == '_'
                    || (ch == '.' && s[st..i].chars().count() <= 4 && !s[st..i].contains('.'))
                {
                    i += ch.len_utf8();
                    if ch == '.' {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Tok::Word(&s[st..i]));
        } else {
            out.push(Tok::Sep(c));
            i += c.len_utf8();
        }
    }
    out
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

/// A four-digit year: Gregorian 1900–2100 always; 1300–1499 in the Persian or Hijri calendar
/// when `cal` says so.
fn year_in(s: &str, cal: Calendar) -> Option<(i32, Calendar)> {
    if s.len() != 4 {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    if (1900..=2100).contains(&y) {
        Some((y, Calendar::Gregorian))
    } else if (1300..=1499).contains(&y) && cal != Calendar::Gregorian {
        Some((y, cal))
    } else {
        None
    }
}

/// A two-digit year as written in wire datelines ("3 JAN 90"): 50–99 are 1900s, 00–49 2000s.
fn two_digit_year(s: &str) -> Option<i32> {
    if s.len() != 2 {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    Some(if y >= 50 { 1900 + y } else { 2000 + y })
}

/// The Gregorian day of `y-m-d` in `cal`.
fn to_gregorian(cal: Calendar, y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    match cal {
        Calendar::Gregorian => NaiveDate::from_ymd_opt(y, m, d),
        Calendar::Persian => calendars::persian_to_gregorian(y, m, d),
        Calendar::Hijri => calendars::hijri_to_gregorian(y, m, d),
    }
}

/// A date found in text; `year` is `None` when the text gave none ("May 15").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl PartialDate {
    /// Completes a year-less date with the year of `reference`, or returns the full date.
    pub fn resolve(&self, reference: Option<NaiveDate>) -> Option<NaiveDate> {
        let year = self.year.or_else(|| reference.map(|r| r.year()))?;
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }

    fn full(d: NaiveDate) -> PartialDate {
        PartialDate {
            year: Some(d.year()),
            month: d.month(),
            day: d.day(),
        }
    }
}

/// Finds the first calendar date in `tokens`, returning it (as a Gregorian date) with the token
/// range it used. `cal` says how to read 13xx/14xx years written without a month name.
fn scan(toks: &[Tok<'_>], cal: Calendar) -> Option<(PartialDate, usize, usize, Calendar)> {
    let is_connector = |t: Option<&Tok<'_>>| matches!(t, Some(Tok::Word(w)) if CONNECTORS.contains(&w.to_lowercase().as_str()));
    for i in 0..toks.len() {
        if let Tok::Num(a) = toks[i] {
            // ISO-like: YYYY-MM-DD or YYYY/MM/DD
            if let (
                Some((y, c)),
                Some(Tok::Sep(s1)),
                Some(Tok::Num(m)),
                Some(Tok::Sep(s2)),
                Some(Tok::Num(d)),
            ) = (
                year_in(a, cal),
                toks.get(i + 1).cloned(),
                toks.get(i + 2).cloned(),
                toks.get(i + 3).cloned(),
                toks.get(i + 4).cloned(),
            ) {
                if s1 == s2 && (s1 == '-' || s1 == '/' || s1 == '.') && m.len() <= 2 && d.len() <= 2
                {
                    if let Some(g) = to_gregorian(c, y, num(m)?, num(d)?) {
                        return Some((PartialDate::full(g), i, i + 5, c));
                    }
                }
            }
            // DD.MM.YYYY (European) or MM/DD/YYYY (US); DD/MM/YYYY for Persian and Hijri years
            if let (Some(Tok::Sep(s1)), Some(Tok::Num(b)), Some(Tok::Sep(s2)), Some(Tok::Num(c))) = (
                toks.get(i + 1).cloned(),
                toks.get(i + 2).cloned(),
                toks.get(i + 3).cloned(),
                toks.get(i + 4).cloned(),
            ) {
                if s1 == s2 && a.len() <= 2 && b.len() <= 2 {
                    if let Some((y, cy)) = year_in(c, cal) {
                        let (x, z) = (num(a)?, num(b)?);
                        let (m, d) = match s1 {
                            '.' => (z, x),
                            '/' | '-' if x > 12 || cy != Calendar::Gregorian => (z, x),
                            '/' | '-' => (x, z),
                            _ => continue,
                        };
                        if let Some(g) = to_gregorian(cy, y, m, d) {
                            return Some((PartialDate::full(g), i, i + 5, cy));
                        }
                    }
                }
            }
            // YYYY年M月D日 (Chinese, Japanese) and YYYY년 M월 D일 (Korean)
            if let (
                Some(Tok::Word(w1)),
                Some(Tok::Num(m)),
                Some(Tok::Word(w2)),
                Some(Tok::Num(d)),
            ) = (
                toks.get(i + 1),
                toks.get(i + 2),
                toks.get(i + 3),
                toks.get(i + 4),
            ) {
                if matches!((*w1, *w2), ("年", "月") | ("년", "월")) {
                    if let Some((y, Calendar::Gregorian)) = year_in(a, Calendar::Gregorian) {
                        if let Some(g) = NaiveDate::from_ymd_opt(y, num(m)?, num(d)?) {
                            let end = if matches!(toks.get(i + 5), Some(Tok::Word("日" | "일"))) {
                                i + 6
                            } else {
                                i + 5
                            };
                            return Some((PartialDate::full(g), i, end, Calendar::Gregorian));
                        }
                    }
                }
            }
        }
        // Month D[,] [YYYY]
        if let Tok::Word(w) = toks[i] {
            if let Some((mc, m)) = month_word(w) {
                let j = i + 1;
                if let Some(Tok::Num(d)) = toks.get(j) {
                    if d.len() <= 2 {
                        let d = num(d)?;
                        let j = j + 1;
                        let mut k = j;
                        if matches!(toks.get(k), Some(Tok::Sep(','))) {
                            k += 1;
                        }
                        let year = match toks.get(k) {
                            Some(Tok::Num(y)) => year_in(y, mc),
                            _ => None,
                        };
                        if let Some((y, yc)) = year {
                            if yc == mc {
                                if let Some(g) = to_gregorian(mc, y, m, d) {
                                    return Some((PartialDate::full(g), i, k + 1, mc));
                                }
                            }
                        } else if (1..=31).contains(&d)
                            && w.chars().count() >= 3
                            && mc == Calendar::Gregorian
                        {
                            return Some((
                                PartialDate {
                                    year: None,
                                    month: m,
                                    day: d,
                                },
                                i,
                                j,
                                Calendar::Gregorian,
                            ));
                        }
                    }
                }
            }
        }
        // D [.|de] Month [de] [YYYY]
        if let Tok::Num(d) = toks[i] {
            if d.len() <= 2 {
                let mut j = i + 1;
                if matches!(toks.get(j), Some(Tok::Sep('.'))) || is_connector(toks.get(j)) {
                    j += 1;
                }
                if let Some(Tok::Word(w)) = toks.get(j) {
                    if let Some((mc, m)) = month_word(w) {
                        let d = num(d)?;
                        let mut k = j + 1;
                        if matches!(toks.get(k), Some(Tok::Sep(','))) || is_connector(toks.get(k)) {
                            k += 1;
                        }
                        if let Some(Tok::Num(y)) = toks.get(k) {
                            let clock = matches!(toks.get(k + 1), Some(Tok::Sep(':')));
                            let year = match mc {
                                Calendar::Gregorian => year_in(y, mc)
                                    .map(|(y, _)| y)
                                    .or_else(|| two_digit_year(y).filter(|_| !clock)),
                                _ => year_in(y, mc).filter(|(_, c)| *c == mc).map(|(y, _)| y),
                            };
                            if let Some(g) = year.and_then(|y| to_gregorian(mc, y, m, d)) {
                                return Some((PartialDate::full(g), i, k + 1, mc));
                            }
                        }
                        if (1..=31).contains(&d) && mc == Calendar::Gregorian {
                            return Some((
                                PartialDate {
                                    year: None,
                                    month: m,
                                    day: d,
                                },
                                i,
                                j + 1,
                                Calendar::Gregorian,
                            ));
                        }
                    }
                }
            }
        }
    }
    None
}

/// The calendar to read `s` in: the page's hint, or Persian where the text itself is Persian.
fn calendar_of(s: &str, hint: Calendar) -> Calendar {
    if hint == Calendar::Gregorian && looks_persian(s) {
        Calendar::Persian
    } else {
        hint
    }
}

/// Finds the first date anywhere in `s` (a dateline, a byline, a sentence).
pub fn find_date(s: &str) -> Option<PartialDate> {
    find_date_in(s, Calendar::Gregorian)
}

/// [`find_date`] on a page whose language suggests the calendar `hint`.
pub fn find_date_in(s: &str, hint: Calendar) -> Option<PartialDate> {
    let cal = calendar_of(s, hint);
    let n = normalise(s);
    let toks = tokens(&n);
    let (d, _, b, c) = scan(&toks, cal)?;
    // Pages that give a lunar Hijri date usually give the Gregorian day beside it: that one is
    // exact, where the tabular calendar may be a day or two off the announced one.
    if c == Calendar::Hijri {
        if let Some((g, ..)) = scan(&toks[b..], Calendar::Gregorian)
            .filter(|(g, .., gc)| *gc == Calendar::Gregorian && g.year.is_some())
        {
            return Some(g);
        }
    }
    Some(d)
}

/// Every full date written in `s`, in order (the lunar Hijri ones as read, without the search for
/// a Gregorian day beside them that [`find_date_in`] makes).
pub fn find_dates_in(s: &str, hint: Calendar) -> Vec<NaiveDate> {
    let cal = calendar_of(s, hint);
    let n = normalise(s);
    let toks = tokens(&n);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((d, _, b, _)) = toks.get(from..).and_then(|t| scan(t, cal)) {
        out.extend(d.resolve(None));
        from += b.max(1);
    }
    out
}

/// Parses a line that consists of a date and nothing else but weekday names, times, time zones and
/// words such as "Published:" or "Posted". Returns `None` for ordinary sentences that mention a date.
pub fn parse_date_line(line: &str) -> Option<NaiveDate> {
    parse_date_line_in(line, Calendar::Gregorian)
}

/// [`parse_date_line`] on a page whose language suggests the calendar `hint`.
pub fn parse_date_line_in(line: &str, hint: Calendar) -> Option<NaiveDate> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 80 {
        return None;
    }
    let cal = calendar_of(line, hint);
    let n = normalise(line);
    let toks = tokens(&n);
    let (date, a, b, _) = scan(&toks, cal)?;
    let year = date.year?;
    let rest_ok = toks[..a].iter().chain(toks[b..].iter()).all(|t| match t {
        Tok::Sep(_) => true,
        Tok::Num(n) => n.len() <= 2 || n.len() == 4,
        Tok::Word(w) => {
            let lw = w.trim_end_matches('.').to_lowercase();
            is_weekday(w) || FILLER.contains(&lw.as_str()) || is_time_zone(&lw) || lw == "t"
        }
    });
    if !rest_ok {
        return None;
    }
    NaiveDate::from_ymd_opt(year, date.month, date.day)
}

/// Parses a metadata value: ISO 8601 dates and date-times (`2020-05-16`, `2020-05-16T10:00:00Z`,
/// `2020-05-16 10:00:00`), or any of the date-line forms.
pub fn parse_date_value(s: &str) -> Option<NaiveDate> {
    parse_date_value_in(s, Calendar::Gregorian)
}

/// [`parse_date_value`] on a page whose language suggests the calendar `hint`.
pub fn parse_date_value_in(s: &str, hint: Calendar) -> Option<NaiveDate> {
    let s = s.trim();
    // Years are four digits (0000 to 9999, as in queries). A signed or longer year ("-0044-03-15",
    // "+12020-01-01") gives no date, instead of being read from its first ten characters
    // (`-0044-03-1`, the 1st of the month).
    if s.starts_with(['-', '+', '\u{2212}'])
        && s.trim_start_matches(['-', '+', '\u{2212}'])
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    if let Some(head) = s.get(..10) {
        let year_digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let whole = !s[10..].starts_with(|c: char| c.is_ascii_digit());
        if year_digits > 4 && s.as_bytes().get(year_digits) == Some(&b'-') {
            return None;
        }
        if year_digits == 4 && whole {
            if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
                return Some(d);
            }
        }
    }
    if let Some(d) = parse_date_line_in(s, hint) {
        return Some(d);
    }
    find_date_in(s, hint).and_then(|d| d.resolve(None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn every_date_of_a_text() {
        let text = "Posted 3 February 2021 | updated 09.04.2021. The talks of May 5 and of 2020-13-01 failed; 12/31/2019 came first.";
        assert_eq!(
            find_dates_in(text, Calendar::Gregorian),
            vec![
                d(2021, 2, 3).unwrap(),
                d(2021, 4, 9).unwrap(),
                d(2019, 12, 31).unwrap()
            ]
        );
        assert!(find_dates_in("no dates here", Calendar::Gregorian).is_empty());
    }

    #[test]
    fn date_lines() {
        let cases = [
            ("Friday, August 21, 2015", d(2015, 8, 21)),
            ("Tuesday, July 18, 2017", d(2017, 7, 18)),
            ("Published: 2017-07-18 14:05", d(2017, 7, 18)),
            ("July 18, 2017", d(2017, 7, 18)),
            ("18 July 2017 | 14:05 GMT", d(2017, 7, 18)),
            ("Posted Jul. 18, 2017 2:05 PM", d(2017, 7, 18)),
            ("Sept. 3, 2019", d(2019, 9, 3)),
            ("2020-05-16", d(2020, 5, 16)),
            ("16.05.2020", d(2020, 5, 16)),
            ("3rd March 2021", d(2021, 3, 3)),
            ("The war began on July 18, 2017 in the north.", None),
            ("May 15", None),
            ("Washington: After the shocking attack", None),
            ("", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse_date_line(line), want, "{line:?}");
        }
    }

    #[test]
    fn dates_inside_text() {
        assert_eq!(
            find_date("WASHINGTON, May 15 (Reuters) -"),
            Some(PartialDate {
                year: None,
                month: 5,
                day: 15
            })
        );
        assert_eq!(
            find_date("SAN SALVADOR, 3 JAN 90 -- [REPORT]"),
            Some(PartialDate {
                year: Some(1990),
                month: 1,
                day: 3
            })
        );
        assert_eq!(
            find_date("LIMA, 12 FEB 03 -- ").and_then(|p| p.year),
            Some(2003)
        );
        assert_eq!(
            find_date("Berlin, 16. Oktober 2019").and_then(|p| p.resolve(None)),
            d(2019, 10, 16)
        );
        assert_eq!(
            find_date("le 3 août 2020").and_then(|p| p.resolve(None)),
            d(2020, 8, 3)
        );
        assert_eq!(
            find_date("15 May 12:00 GMT"),
            Some(PartialDate {
                year: None,
                month: 5,
                day: 15
            })
        );
        let p = find_date("BUENOS AIRES, Feb 26 (Reuters)").unwrap();
        assert_eq!(p.resolve(d(1987, 3, 1)), d(1987, 2, 26));
        assert_eq!(p.resolve(None), None);
        assert_eq!(find_date("he may go"), None);
    }

    /// `-0044-03-15` was stored as `-0044-03-01` (its first ten characters); years are four
    /// digits, and a signed or longer year gives no date at all.
    #[test]
    fn signed_and_long_years_give_no_date() {
        for v in [
            "-0044-03-15",
            "+2020-05-16",
            "-2020-05-16T10:00:00Z",
            "\u{2212}0044-03-15",
            "20200-05-16",
            "120200-05-16",
        ] {
            assert_eq!(parse_date_value(v), None, "{v:?}");
        }
        assert_eq!(parse_date_value("0044-03-15"), d(44, 3, 15));
        assert_eq!(parse_date_value("9999-12-31T23:59:59Z"), d(9999, 12, 31));
    }

    #[test]
    fn metadata_values() {
        assert_eq!(parse_date_value("2020-05-16T10:00:00Z"), d(2020, 5, 16));
        assert_eq!(parse_date_value("2017-07-18 14:05:00"), d(2017, 7, 18));
        assert_eq!(
            parse_date_value("Mon, 18 Jul 2017 14:05:00 GMT"),
            d(2017, 7, 18)
        );
        assert_eq!(parse_date_value("not a date"), None);
    }

    #[test]
    fn persian_digits_never_panic_and_convert() {
        // Regression: slicing the first ten bytes cut a Persian digit in half.
        assert_eq!(parse_date_value("۱۳۹۹/۰۲/۲۱ - ۱۸:۵۹"), d(2020, 5, 10));
        assert_eq!(parse_date_line("۱۳۹۹/۰۲/۲۱ - ۱۸:۵۹"), d(2020, 5, 10));
        for s in [
            "۱۳۹۹",
            "۱۳۹۹/۰۲/۲",
            "é1234567890",
            "2020-05-1۶",
            "日本語の日付です",
            "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}é",
        ] {
            let _ = parse_date_value(s);
        }
    }

    #[test]
    fn unicode_digits() {
        assert_eq!(digit_value('٣'), Some(3));
        assert_eq!(digit_value('۷'), Some(7));
        assert_eq!(digit_value('९'), Some(9));
        assert_eq!(digit_value('৫'), Some(5));
        assert_eq!(digit_value('８'), Some(8));
        assert_eq!(digit_value('๒'), Some(2));
        assert_eq!(digit_value('a'), None);
        assert_eq!(digit_value('²'), None);
        assert_eq!(digit_value('\u{670}'), None);
        // Every Nd digit that std knows as numeric and in our table maps to 0..=9.
        for c in (0..0x20000u32).filter_map(char::from_u32) {
            if let Some(v) = digit_value(c) {
                assert!(v < 10 && c.is_numeric(), "{c:?}");
            }
        }
        assert_eq!(parse_date_value("٢٠٢١-٠٣-٠٤"), d(2021, 3, 4));
        assert_eq!(parse_date_value("२०२०-०५-१६"), d(2020, 5, 16));
        assert_eq!(parse_date_value("２０２０年５月１６日"), d(2020, 5, 16));
        assert_eq!(parse_date_line("১৬.০৫.২০২০"), d(2020, 5, 16));
    }

    #[test]
    fn month_names_in_many_languages() {
        let cases = [
            ("3 de mayo de 2020", d(2020, 5, 3)),
            ("3 de maio de 2020", d(2020, 5, 3)),
            ("12 settembre 2019", d(2019, 9, 12)),
            ("12 september 2019", d(2019, 9, 12)),
            ("5 maart 2018", d(2018, 3, 5)),
            ("16 мая 2020 г.", d(2020, 5, 16)),
            ("16 травня 2020", d(2020, 5, 16)),
            ("16 Mayıs 2020", d(2020, 5, 16)),
            ("16 MAYIS 2020", d(2020, 5, 16)),
            ("16 Agustus 2020", d(2020, 8, 16)),
            ("16 Maret 2020", d(2020, 3, 16)),
            ("16 مايو 2020", d(2020, 5, 16)),
            ("١٦ أيار ٢٠٢٠", d(2020, 5, 16)),
            ("١٦ تشرين الأول ٢٠٢٠", d(2020, 10, 16)),
            ("۱۶ مه ۲۰۲۰", d(2020, 5, 16)),
            ("16 févr. 2021", d(2021, 2, 16)),
            ("2020년 5월 16일", d(2020, 5, 16)),
        ];
        for (s, want) in cases {
            assert_eq!(find_date(s).and_then(|p| p.resolve(None)), want, "{s:?}");
        }
        assert_eq!(month_from_name("Октября"), Some(10));
        assert_eq!(month_from_name("set"), None);
    }

    #[test]
    fn solar_and_lunar_hijri_dates() {
        // Persian month names mark the Solar Hijri calendar whatever the digits.
        assert_eq!(
            find_date("۲۱ اردیبهشت ۱۳۹۹").and_then(|p| p.resolve(None)),
            d(2020, 5, 10)
        );
        assert_eq!(
            find_date("21 Ordibehesht").and_then(|p| p.resolve(None)),
            None
        );
        assert_eq!(
            parse_date_line("دوشنبه ۲۱ اردیبهشت ۱۳۹۹"),
            None,
            "a weekday we do not know is not filler"
        );
        assert_eq!(
            find_date("1 فروردین 1400").and_then(|p| p.resolve(None)),
            d(2021, 3, 21)
        );
        // Hijri month names mark the lunar calendar.
        assert_eq!(
            find_date("١ رمضان ١٤٤١").and_then(|p| p.resolve(None)),
            d(2020, 4, 24)
        );
        assert_eq!(
            find_date("1 محرم 1442").and_then(|p| p.resolve(None)),
            d(2020, 8, 20)
        );
        assert_eq!(
            find_date("10 ذو الحجة 1445").and_then(|p| p.resolve(None)),
            d(2024, 6, 17)
        );
        // Beside a Gregorian date, the Gregorian one wins (it is exact).
        assert_eq!(
            find_date("الأحد 12 ربيع الأول 1442 هـ - 27 سبتمبر 2020").and_then(|p| p.resolve(None)),
            d(2020, 9, 27)
        );
        // Bare 13xx/14xx years: Solar Hijri only with Persian digits or a Persian page,
        // lunar Hijri only on an Arabic page, never otherwise.
        assert_eq!(parse_date_value("1399/02/21"), None);
        assert_eq!(
            parse_date_value_in("1399/02/21", Calendar::Persian),
            d(2020, 5, 10)
        );
        assert_eq!(
            parse_date_value_in("21/02/1399", Calendar::Persian),
            d(2020, 5, 10)
        );
        assert_eq!(
            parse_date_value_in("1442/01/01", Calendar::Hijri),
            d(2020, 8, 20)
        );
        assert_eq!(
            parse_date_value_in("2020-05-10", Calendar::Persian),
            d(2020, 5, 10)
        );
        assert_eq!(
            parse_date_value("1402/12/30 ۱۲:۰۰"),
            None,
            "Esfand 30 exists only in leap years"
        );
        assert_eq!(Calendar::for_language(Some("fa-IR")), Calendar::Persian);
        assert_eq!(Calendar::for_language(Some("ar_EG")), Calendar::Hijri);
        assert_eq!(Calendar::for_language(Some("en")), Calendar::Gregorian);
        assert_eq!(Calendar::for_language(None), Calendar::Gregorian);
    }
}
