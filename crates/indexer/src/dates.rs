//! Date parsing for date lines, datelines and metadata fields.

use chrono::{Datelike, NaiveDate};

/// English month names and abbreviations, then German, French, Spanish, Italian and Dutch names.
const MONTHS: &[(&str, u32)] = &[
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
    ("januar", 1), ("jänner", 1), ("februar", 2), ("märz", 3), ("maerz", 3), ("mär", 3), ("mai", 5),
    ("juni", 6), ("juli", 7), ("oktober", 10), ("okt", 10), ("dezember", 12), ("dez", 12),
    ("janvier", 1), ("février", 2), ("fevrier", 2), ("mars", 3), ("avril", 4), ("juin", 6),
    ("juillet", 7), ("août", 8), ("aout", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11),
    ("décembre", 12), ("decembre", 12),
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7),
    ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10), ("noviembre", 11), ("diciembre", 12),
    ("gennaio", 1), ("febbraio", 2), ("aprile", 4), ("maggio", 5), ("giugno", 6), ("luglio", 7),
    ("settembre", 9), ("ottobre", 10), ("dicembre", 12),
    ("januari", 1), ("februari", 2), ("maart", 3), ("mei", 5), ("augustus", 8),
];

const WEEKDAYS: [&str; 14] = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun",
];

/// Words that may surround a date on a line of its own ("Published: ...", "Posted ... 2:05 PM GMT").
const FILLER: [&str; 22] = [
    "published", "posted", "updated", "last", "on", "at", "date", "dated", "am", "pm", "a.m", "p.m",
    "gmt", "utc", "est", "edt", "cet", "cest", "bst", "pst", "pdt", "z",
];

/// Month number for an English month name or abbreviation (`Jan.`, `Sept`, `March`).
pub fn month_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    WEEKDAYS.contains(&w.as_str())
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Word(&'a str),
    Num(&'a str),
    Sep(char),
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap();
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
                rest.len() >= 2
                    && rest.is_char_boundary(2)
                    && rest[..2].eq_ignore_ascii_case(suf)
                    && !rest[2..].starts_with(|c: char| c.is_alphabetic())
            });
            if ordinal {
                i += 2;
            }
        } else if c.is_alphabetic() {
            let st = i;
            while i < s.len() {
                let ch = s[i..].chars().next().unwrap();
                if ch.is_alphabetic() || (ch == '.' && s[st..i].len() <= 4 && !s[st..i].contains('.')) {
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

fn year_of(s: &str) -> Option<i32> {
    if s.len() == 4 {
        let y: i32 = s.parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
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
}

/// Finds the first calendar date in `tokens`, returning it with the token range it used.
fn scan(toks: &[Tok<'_>]) -> Option<(PartialDate, usize, usize)> {
    for i in 0..toks.len() {
        // ISO-like: YYYY-MM-DD or YYYY/MM/DD
        if let Tok::Num(a) = toks[i] {
            if let (Some(y), Some(Tok::Sep(s1)), Some(Tok::Num(m)), Some(Tok::Sep(s2)), Some(Tok::Num(d))) = (
                year_of(a),
                toks.get(i + 1).cloned(),
                toks.get(i + 2).cloned(),
                toks.get(i + 3).cloned(),
                toks.get(i + 4).cloned(),
            ) {
                if s1 == s2 && (s1 == '-' || s1 == '/' || s1 == '.') {
                    let (m, d) = (num(m)?, num(d)?);
                    if NaiveDate::from_ymd_opt(y, m, d).is_some() {
                        return Some((PartialDate { year: Some(y), month: m, day: d }, i, i + 5));
                    }
                }
            }
            // DD.MM.YYYY (European) or MM/DD/YYYY (US)
            if let (Some(Tok::Sep(s1)), Some(Tok::Num(b)), Some(Tok::Sep(s2)), Some(Tok::Num(c))) = (
                toks.get(i + 1).cloned(),
                toks.get(i + 2).cloned(),
                toks.get(i + 3).cloned(),
                toks.get(i + 4).cloned(),
            ) {
                if s1 == s2 && a.len() <= 2 && b.len() <= 2 {
                    if let Some(y) = year_of(c) {
                        let (x, z) = (num(a)?, num(b)?);
                        let (m, d) = match s1 {
                            '.' => (z, x),
                            '/' | '-' if x > 12 => (z, x),
                            '/' | '-' => (x, z),
                            _ => continue,
                        };
                        if NaiveDate::from_ymd_opt(y, m, d).is_some() {
                            return Some((PartialDate { year: Some(y), month: m, day: d }, i, i + 5));
                        }
                    }
                }
            }
        }
        // Month D[,] [YYYY]
        if let Tok::Word(w) = toks[i] {
            if let Some(m) = month_from_name(w) {
                let mut j = i + 1;
                if let Some(Tok::Num(d)) = toks.get(j) {
                    if d.len() <= 2 {
                        let d = num(d)?;
                        j += 1;
                        let mut k = j;
                        if matches!(toks.get(k), Some(Tok::Sep(','))) {
                            k += 1;
                        }
                        let year = match toks.get(k) {
                            Some(Tok::Num(y)) => year_of(y),
                            _ => None,
                        };
                        if let Some(y) = year {
                            if NaiveDate::from_ymd_opt(y, m, d).is_some() {
                                return Some((PartialDate { year: Some(y), month: m, day: d }, i, k + 1));
                            }
                        } else if (1..=31).contains(&d) && w.len() >= 3 {
                            return Some((PartialDate { year: None, month: m, day: d }, i, j));
                        }
                    }
                }
            }
        }
        // D Month [YYYY]
        if let Tok::Num(d) = toks[i] {
            if d.len() <= 2 {
                let mut j = i + 1;
                if matches!(toks.get(j), Some(Tok::Sep('.'))) {
                    j += 1;
                }
                if let Some(Tok::Word(w)) = toks.get(j) {
                    if let Some(m) = month_from_name(w) {
                        let d = num(d)?;
                        let mut k = j + 1;
                        if matches!(toks.get(k), Some(Tok::Sep(','))) {
                            k += 1;
                        }
                        if let Some(Tok::Num(y)) = toks.get(k) {
                            let clock = matches!(toks.get(k + 1), Some(Tok::Sep(':')));
                            if let Some(y) = year_of(y).or_else(|| two_digit_year(y).filter(|_| !clock)) {
                                if NaiveDate::from_ymd_opt(y, m, d).is_some() {
                                    return Some((PartialDate { year: Some(y), month: m, day: d }, i, k + 1));
                                }
                            }
                        }
                        if (1..=31).contains(&d) {
                            return Some((PartialDate { year: None, month: m, day: d }, i, j + 1));
                        }
                    }
                }
            }
        }
    }
    None
}

/// Finds the first date anywhere in `s` (a dateline, a byline, a sentence).
pub fn find_date(s: &str) -> Option<PartialDate> {
    scan(&tokens(s)).map(|(d, _, _)| d)
}

/// Parses a line that consists of a date and nothing else but weekday names, times, time zones and
/// words such as "Published:" or "Posted". Returns `None` for ordinary sentences that mention a date.
pub fn parse_date_line(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    if line.is_empty() || line.len() > 80 {
        return None;
    }
    let toks = tokens(line);
    let (date, a, b) = scan(&toks)?;
    let year = date.year?;
    let rest_ok = toks[..a].iter().chain(toks[b..].iter()).all(|t| match t {
        Tok::Sep(_) => true,
        Tok::Num(n) => n.len() <= 2 || n.len() == 4,
        Tok::Word(w) => {
            let lw = w.trim_end_matches('.').to_ascii_lowercase();
            is_weekday(w) || FILLER.contains(&lw.as_str()) || lw == "t"
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
    let s = s.trim();
    if s.len() >= 10 {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            return Some(d);
        }
    }
    if let Some(d) = parse_date_line(s) {
        return Some(d);
    }
    find_date(s).and_then(|d| d.resolve(None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
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
            Some(PartialDate { year: None, month: 5, day: 15 })
        );
        assert_eq!(
            find_date("SAN SALVADOR, 3 JAN 90 -- [REPORT]"),
            Some(PartialDate { year: Some(1990), month: 1, day: 3 })
        );
        assert_eq!(find_date("LIMA, 12 FEB 03 -- ").and_then(|p| p.year), Some(2003));
        assert_eq!(find_date("Berlin, 16. Oktober 2019").and_then(|p| p.resolve(None)), d(2019, 10, 16));
        assert_eq!(find_date("le 3 août 2020").and_then(|p| p.resolve(None)), d(2020, 8, 3));
        assert_eq!(find_date("15 May 12:00 GMT"), Some(PartialDate { year: None, month: 5, day: 15 }));
        let p = find_date("BUENOS AIRES, Feb 26 (Reuters)").unwrap();
        assert_eq!(p.resolve(d(1987, 3, 1)), d(1987, 2, 26));
        assert_eq!(p.resolve(None), None);
        assert_eq!(find_date("he may go"), None);
    }

    #[test]
    fn metadata_values() {
        assert_eq!(parse_date_value("2020-05-16T10:00:00Z"), d(2020, 5, 16));
        assert_eq!(parse_date_value("2017-07-18 14:05:00"), d(2017, 7, 18));
        assert_eq!(parse_date_value("Mon, 18 Jul 2017 14:05:00 GMT"), d(2017, 7, 18));
        assert_eq!(parse_date_value("not a date"), None);
    }
}
