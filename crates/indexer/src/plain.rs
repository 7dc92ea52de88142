//! Layout analysis of plain-text articles (`.txt`, `.md`).
//!
//! The customer layout is: title line, the title repeated, an optional date line, paragraphs
//! separated by blank lines, `-Subhead-` lines, and trailing boilerplate such as "You may also
//! like". Analysis never rewrites the text: it marks byte regions of it.

use crate::dates::{self, PartialDate};
use crate::model::{Block, BlockKind, Span};
use chrono::NaiveDate;

/// A dateline at the start of the body ("Washington:", "KABUL (AP) —").
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// The place, in title case ("Buenos Aires" for "BUENOS AIRES").
    pub place: String,
    /// The whole dateline, including any date and agency, up to the separator.
    pub span: Span,
    pub date: Option<PartialDate>,
}

/// Result of layout analysis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub title: Option<Span>,
    pub blocks: Vec<Block>,
    pub published: Option<NaiveDate>,
    pub dateline: Option<Dateline>,
}

/// Paragraph texts (lower case, trailing punctuation removed) after which the rest of an article
/// is site furniture, not content.
const TRAILING_BOILERPLATE: &[&str] = &[
    "you may also like",
    "you might also like",
    "related articles",
    "related stories",
    "related news",
    "related coverage",
    "related",
    "read more",
    "read also",
    "also read",
    "more stories",
    "more from",
    "more on this story",
    "recommended",
    "recommended for you",
    "most read",
    "most popular",
    "share this article",
    "share this",
    "comments",
    "leave a comment",
    "tags",
    "sources",
    "external links",
];

/// Single paragraphs that are never content, wherever they stand.
const LINE_BOILERPLATE: &[&str] = &[
    "advertisement",
    "advertisements",
    "sponsored",
    "skip advertisement",
];

fn norm_line(s: &str) -> String {
    s.trim()
        .trim_end_matches(|c: char| c == ':' || c == '.' || c == '…' || c == '»' || c == '>')
        .trim()
        .to_lowercase()
}

/// Splits `text` into paragraphs: runs of non-blank lines, as byte spans trimmed of whitespace.
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            end = pos + content.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

/// Recognises `-Subhead-` (also `– Subhead –`) and Markdown `## Subhead`; returns the inner span.
fn subhead(text: &str, p: Span) -> Option<Span> {
    let s = p.slice(text);
    if s.contains('\n') || s.len() > 160 {
        return None;
    }
    if let Some(rest) = s.strip_prefix('#') {
        let inner = rest.trim_start_matches('#');
        let off = s.len() - inner.len();
        let lead = inner.len() - inner.trim_start().len();
        return Some(Span::new(p.start + off + lead, p.end));
    }
    let dashes = |c: char| c == '-' || c == '–' || c == '—';
    if s.starts_with(dashes) && s.ends_with(dashes) {
        let inner = s.trim_matches(dashes);
        let words = inner.split_whitespace().count();
        if (1..=15).contains(&words) {
            let lead = s.len() - s.trim_start_matches(dashes).len();
            let inner_trim_lead = inner.len() - inner.trim_start().len();
            let start = p.start + lead + inner_trim_lead;
            return Some(Span::new(start, start + inner.trim().len()));
        }
    }
    None
}

const AGENCIES: &[&str] = &[
    "Reuters",
    "AP",
    "AFP",
    "UPI",
    "dpa",
    "DPA",
    "Xinhua",
    "ANI",
    "PTI",
    "IANS",
    "Bloomberg",
    "Anadolu",
    "TASS",
    "EFE",
    "ANSA",
    "Kyodo",
    "Yonhap",
    "CNN",
    "BBC",
    "IRNA",
    "WAFA",
    "SANA",
];

/// Words news agencies put before a headline, glued to it by a hyphen, to mark a story's
/// version or kind ("REFILE-", "UPDATE 2-", "EXCLUSIVE-"): the wire's conventions, not names.
const WIRE_SLUGS: &[&str] = &[
    "ALERT",
    "ANALYSIS",
    "BREAKINGVIEWS",
    "BRIEF",
    "BULLETIN",
    "COLUMN",
    "CORRECTED",
    "CORRECTION",
    "EXCLUSIVE",
    "FACTBOX",
    "FEATURE",
    "FLASH",
    "INSIGHT",
    "INTERVIEW",
    "NEWSMAKER",
    "PREVIEW",
    "REFILE",
    "REPEAT",
    "RPT",
    "TIMELINE",
    "UPDATE",
    "URGENT",
    "WRAPUP",
];

/// Length in bytes of the wire slug that opens a headline: one of [`WIRE_SLUGS`], with or
/// without a version number ("WRAPUP 3-"), then a hyphen glued to the headline's first word (a
/// score's "3-1" is none, nor a term's "KELMORE 91-DAY BILLS"). 0 when there is none. The
/// headline keeps it; entity and quotation extraction read the title from after it, so that
/// "UPDATE 1-KELMORE BANK ..." starts with a name.
pub(crate) fn wire_slug(title: &str) -> usize {
    let b = title.as_bytes();
    let word = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if !WIRE_SLUGS.contains(&&title[..word]) {
        return 0;
    }
    // a version number of one or two digits after a space
    let mut i = word;
    if b.get(i) == Some(&b' ') {
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=2).contains(&digits) {
            return 0;
        }
        i += 1 + digits;
    }
    if b.get(i) == Some(&b'-')
        && b.get(i + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'<')
    {
        i + 1
    } else {
        0
    }
}

fn title_case(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) {
        return s.to_string();
    }
    s.split(' ')
        .map(|w| {
            let mut out = String::new();
            let mut first = true;
            for c in w.chars() {
                if first {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                first = !c.is_alphabetic() && c != '\'' && c != '’';
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_place_words(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || matches!(*w, "de" | "del" | "al" | "el" | "es" | "of" | "upon" | "la")
        })
        && s.chars().all(|c| c.is_alphabetic() || " .'’-".contains(c))
}

/// Words that open a paragraph with a colon but are labels, not places.
fn is_label(s: &str) -> bool {
    const LABELS: &[&str] = &[
        "note",
        "editor's note",
        "editor’s note",
        "update",
        "updated",
        "correction",
        "photo",
        "video",
        "watch",
        "source",
        "sources",
        "read",
        "related",
        "listen",
        "warning",
        "breaking",
        "exclusive",
        "analysis",
        "opinion",
        "comment",
        "question",
        "answer",
        "q",
        "a",
        "summary",
        "background",
        "context",
        "disclaimer",
        "caption",
        "credit",
        "image",
        "file",
        "live",
        "latest",
        "by",
    ];
    LABELS.contains(&s.to_lowercase().as_str())
}

/// `s` without its bracketed groups (`(...)`, `[...]`), whitespace collapsed, and whether there
/// were any. `None` when a bracket is unbalanced or a group is too long to be a source or a
/// qualifier (more than six words, unless it names a known agency).
fn strip_bracketed(s: &str) -> Option<(String, bool)> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut had = false;
    while let Some(i) = rest.find(['(', '[']) {
        let close = if rest[i..].starts_with('(') { ')' } else { ']' };
        out.push_str(&rest[..i]);
        let inner_start = i + 1;
        let len = rest[inner_start..].find(close)?;
        let inner = rest[inner_start..inner_start + len].trim();
        let known = AGENCIES.iter().any(|a| inner.eq_ignore_ascii_case(a));
        if inner.is_empty()
            || inner.contains(['(', '['])
            || (!known && inner.split_whitespace().count() > 6)
        {
            return None;
        }
        had = true;
        out.push(' ');
        rest = &rest[inner_start + len + close.len_utf8()..];
    }
    out.push_str(rest);
    if rest.contains([')', ']']) && !had {
        return None;
    }
    let cleaned = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // "PLACE (AP) , 3 JAN" leaves a space before the comma.
    Some((cleaned.replace(" ,", ","), had))
}

/// Recognises a dateline at the start of the first body paragraph.
pub fn dateline(text: &str, p: Span) -> Option<Dateline> {
    let s = p.slice(text);
    let mut cut = s.len().min(120);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &s[..cut];
    // Separator candidates: " - ", " -- ", " — ", " – ", ":" (the earliest wins).
    let mut best: Option<(usize, usize)> = None; // (prefix end, separator end)
    for sep in [" -- ", " - ", " — ", " – ", "—", ": "] {
        if let Some(i) = head.find(sep) {
            if best.is_none_or(|(b, _)| i < b) {
                best = Some((i, i + sep.len()));
            }
        }
    }
    let (end, _) = best?;
    let prefix = head[..end].trim_end();
    if prefix.is_empty() {
        return None;
    }
    // Strip sources and qualifiers in brackets, before or after the date: "KABUL (AP)",
    // "PLACE (COUNTRY), 3 JAN 90 (SOME RADIO NETWORK)", "PLACE, 3 JAN 90 [WIRE]".
    let (before_agency, had_agency) = strip_bracketed(prefix)?;
    let before_agency = before_agency.as_str();
    // Place, optionally followed by ", <date>".
    let (place, date_part) = match before_agency.find(',') {
        Some(i) => (&before_agency[..i], Some(&before_agency[i + 1..])),
        None => (before_agency, None),
    };
    let place = place.trim();
    if !is_place_words(place) {
        return None;
    }
    let date = date_part.and_then(dates::find_date);
    if date_part.is_some() && date.is_none() {
        // "Place, State (AP) -" is fine; "Smith, who ... -" is not a dateline.
        let dp = date_part.unwrap().trim();
        if !is_place_words(dp) {
            return None;
        }
    }
    let colon = head[end..].starts_with(": ");
    // A colon dateline must be short and not a label such as "Note:".
    if colon
        && (had_agency || date.is_some() || place.split_whitespace().count() > 3 || is_label(place))
    {
        return None;
    }
    let all_caps = !place.chars().any(|c| c.is_lowercase());
    if !colon && !had_agency && date.is_none() && !all_caps {
        return None;
    }
    Some(Dateline {
        place: title_case(place),
        span: Span::new(p.start, p.start + prefix.len()),
        date,
    })
}

/// Analyses a plain-text article.
pub fn analyse(text: &str) -> Layout {
    let paras = paragraph_spans(text);
    let mut layout = Layout::default();
    let mut idx = 0;
    // Title: the first non-empty line.
    if let Some(first) = paras.first() {
        let s = first.slice(text);
        let line_len = s.find('\n').unwrap_or(s.len());
        let line = &s[..line_len];
        let hashes = line.len() - line.trim_start_matches('#').len();
        let lead = line[hashes..].len() - line[hashes..].trim_start().len();
        let t = Span::new(
            first.start + hashes + lead,
            first.start + line.trim_end().len(),
        );
        if !t.is_empty() {
            layout.title = Some(t);
            layout.blocks.push(Block {
                kind: BlockKind::Title,
                start: t.start + wire_slug(t.slice(text)),
                end: t.end,
            });
        }
        idx = 1;
        if line_len < s.len() {
            // The title paragraph has further lines: they are body.
            let rest_start = first.start + line_len + 1;
            let rest = Span::new(
                rest_start
                    + (text[rest_start..first.end].len()
                        - text[rest_start..first.end].trim_start().len()),
                first.end,
            );
            layout.blocks.push(Block {
                kind: BlockKind::Body,
                start: rest.start,
                end: rest.end,
            });
        }
    }
    let title_text = layout.title.map(|t| norm_line(t.slice(text)));
    // Repeated title.
    if let (Some(p), Some(tt)) = (paras.get(idx), title_text.as_ref()) {
        if norm_line(p.slice(text)) == *tt {
            idx += 1;
        }
    }
    // Date line within the next two paragraphs (the first that is one).
    for k in idx..(idx + 2).min(paras.len()) {
        if let Some(d) = dates::parse_date_line(paras[k].slice(text)) {
            layout.published = Some(d);
            idx = k + 1;
            break;
        }
    }
    // Trailing boilerplate: the last paragraph in the second half that matches cuts the rest.
    let mut end_idx = paras.len();
    for k in (idx..paras.len()).rev() {
        let n = norm_line(paras[k].slice(text));
        let newsletter = n.len() < 60
            && (n.starts_with("sign up") || n.starts_with("subscribe"))
            && n.contains("newsletter");
        if (TRAILING_BOILERPLATE.contains(&n.as_str()) || newsletter) && k * 2 >= paras.len() + idx
        {
            end_idx = k;
        }
    }
    let mut first_body = true;
    for p in &paras[idx.min(end_idx)..end_idx] {
        let n = norm_line(p.slice(text));
        if LINE_BOILERPLATE.contains(&n.as_str()) {
            continue;
        }
        if let Some(inner) = subhead(text, *p) {
            layout.blocks.push(Block {
                kind: BlockKind::Subhead,
                start: inner.start,
                end: inner.end,
            });
            continue;
        }
        if first_body {
            first_body = false;
            layout.dateline = dateline(text, *p);
        }
        layout.blocks.push(Block {
            kind: BlockKind::Body,
            start: p.start,
            end: p.end,
        });
    }
    // A dateline date with a full year stands in for a missing date line.
    if layout.published.is_none() {
        if let Some(PartialDate { year: Some(_), .. }) =
            layout.dateline.as_ref().and_then(|d| d.date)
        {
            layout.published = layout
                .dateline
                .as_ref()
                .and_then(|d| d.date)
                .and_then(|d| d.resolve(None));
        }
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_slugs_before_headlines() {
        let cases: &[(&str, usize)] = &[
            ("REFILE-KELMORE TELLS TRADERS EXPORTS MAY SLIP", 7),
            ("UPDATE 2-Quorvy Brell Inc sees higher sales", 9),
            ("WRAPUP 12-Talks on Velmar resume", 10),
            ("EXCLUSIVE-<TARVELA CORP> MAY SELL UNIT", 10),
            // hyphenated names and compounds keep their first part
            ("VELBURY-TARVELA MERGER CLEARED", 0),
            ("ANTI-GOVERNMENT PROTEST IN KELMORE", 0),
            ("US-Velmar talks resume", 0),
            // no hyphen glued to a word, or a number too long for a version
            ("UPDATE - markets close higher", 0),
            ("UPDATE 1990-VELMAR BUDGET", 0),
            ("KELMORE 3-1 VELBURY IN CUP TIE", 0),
            ("KELMORE 91-DAY BILL YIELD RISES", 0),
            ("UPDATE 3-1 VELBURY WIN", 0),
            ("Update 2-Quorvy sees higher sales", 0),
            ("REFILE-", 0),
        ];
        for (title, want) in cases {
            assert_eq!(wire_slug(title), *want, "{title}");
        }
        // the title keeps the slug; its block starts after it
        let text =
            "UPDATE 1-KELMORE BANK LENDS 70 MLN DLRS\n\nThe bank said on Monday it would lend.\n";
        let layout = analyse(text);
        assert_eq!(
            layout.title.unwrap().slice(text),
            "UPDATE 1-KELMORE BANK LENDS 70 MLN DLRS"
        );
        let b = &layout.blocks[0];
        assert_eq!(&text[b.start..b.end], "KELMORE BANK LENDS 70 MLN DLRS");
    }

    const SEED: &str = include_str!("../../../tests/fixtures/seed/afghan-peace.txt");

    fn kinds(l: &Layout, text: &str, kind: BlockKind) -> Vec<String> {
        l.blocks
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| text[b.start..b.end].to_string())
            .collect()
    }

    #[test]
    fn seed_title_is_first_line_and_repeat_is_not_body() {
        let l = analyse(SEED);
        let title = "US seeks to salvage Afghan peace after attacks but leverage wanes";
        assert_eq!(l.title.unwrap().slice(SEED), title);
        let body = kinds(&l, SEED, BlockKind::Body);
        assert!(body.iter().all(|b| b != title));
        assert!(body[0].starts_with("Washington: After the shocking attack"));
    }

    #[test]
    fn seed_subheads_and_boilerplate() {
        let l = analyse(SEED);
        assert_eq!(
            kinds(&l, SEED, BlockKind::Subhead),
            vec![
                "There is no choice but to seek peace",
                "U.S. leverage problem"
            ]
        );
        let body = kinds(&l, SEED, BlockKind::Body);
        assert!(body.iter().all(|b| !b.contains("You may also like")));
        assert!(body.last().unwrap().contains("it cannot achieve this goal"));
    }

    #[test]
    fn seed_dateline_and_no_published_date() {
        let l = analyse(SEED);
        assert_eq!(l.dateline.as_ref().unwrap().place, "Washington");
        assert_eq!(l.published, None);
    }

    #[test]
    fn date_line_after_title() {
        let t =
            "North Korea on alert\n\nFriday, August 21, 2015\n\nPYONGYANG — The army said so.\n";
        let l = analyse(t);
        assert_eq!(l.published, NaiveDate::from_ymd_opt(2015, 8, 21));
        assert_eq!(l.dateline.as_ref().unwrap().place, "Pyongyang");
        assert_eq!(
            kinds(&l, t, BlockKind::Body),
            vec!["PYONGYANG — The army said so."]
        );
    }

    #[test]
    fn datelines() {
        let cases: &[(&str, Option<(&str, Option<(u32, u32)>)>)] = &[
            (
                "WASHINGTON, May 15 (Reuters) - The U.S. said",
                Some(("Washington", Some((5, 15)))),
            ),
            ("KABUL (AP) — Gunmen attacked", Some(("Kabul", None))),
            (
                "Washington (AFP) – Officials said",
                Some(("Washington", None)),
            ),
            ("Washington: After the attack", Some(("Washington", None))),
            (
                "BUENOS AIRES, Feb 26 (Reuters) - Argentina",
                Some(("Buenos Aires", Some((2, 26)))),
            ),
            (
                "SAN SALVADOR, 3 JAN 90 -- [REPORT] text",
                Some(("San Salvador", Some((1, 3)))),
            ),
            ("He said: “I think so.”", None),
            ("The minister - who resigned - said", None),
            ("Note: this is not a dateline", None),
            (
                "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ - text",
                None,
            ),
        ];
        for (line, want) in cases {
            let got = dateline(line, Span::new(0, line.len()));
            let got = got.map(|d| (d.place, d.date.map(|p| (p.month, p.day))));
            let want = want.map(|(p, d)| (p.to_string(), d));
            assert_eq!(got, want, "{line:?}");
        }
    }

    #[test]
    fn datelines_with_sources_in_brackets_and_two_digit_years() {
        let cases: &[(&str, Option<(&str, Option<(i32, u32, u32)>)>)] = &[
            ("NORTHVILLE (RURITANIA), 14 MAR 91 (VOICE OF THE VALLEY RADIO) -- The council", Some(("Northville", Some((1991, 3, 14))))),
            ("PORT ELM, 2 OCT 88 [EASTERN WIRE SERVICE] -- Troops", Some(("Port Elm", Some((1988, 10, 2))))),
            ("LAKETOWN (HARBOUR NEWS AGENCY), 5 MAY 05 -- Talks", Some(("Laketown", Some((2005, 5, 5))))),
            ("LAKETOWN [HARBOUR NEWS], 5 MAY 1995 (TELEVISION) -- Talks", Some(("Laketown", Some((1995, 5, 5))))),
            ("GREYFORD (AP) -- Talks", Some(("Greyford", None))),
            ("Someone (who spoke to reporters on condition of anonymity after the meeting) - said", None),
            ("GREYFORD (AP -- unbalanced", None),
            ("GREYFORD AP) -- unbalanced", None),
        ];
        for (line, want) in cases {
            let got = dateline(line, Span::new(0, line.len()));
            let got = got.map(|d| {
                (
                    d.place,
                    d.date.map(|p| (p.year.unwrap_or(0), p.month, p.day)),
                )
            });
            let want = want.map(|(p, d)| (p.to_string(), d));
            assert_eq!(got, want, "{line:?}");
        }
        let t = "Invented report\n\nNORTHVILLE (RURITANIA), 14 MAR 91 (VOICE OF THE VALLEY RADIO) -- [Text] The council met.";
        assert_eq!(analyse(t).published, NaiveDate::from_ymd_opt(1991, 3, 14));
    }

    #[test]
    fn multibyte_character_at_the_window_edge_does_not_panic() {
        for pad in 100..125 {
            let line = format!(
                "HERAT (AP) — {} officials’ statement followed",
                "a".repeat(pad)
            );
            let got = dateline(&line, Span::new(0, line.len())).map(|d| d.place);
            assert_eq!(got.as_deref(), Some("Herat"), "{pad}");
            let line = format!("{} the governor’s aide said", "b ".repeat(pad / 2 + 30));
            assert_eq!(dateline(&line, Span::new(0, line.len())), None);
        }
    }

    #[test]
    fn dateline_date_takes_year_from_publication() {
        let t = "Title\n\nJuly 18, 2017\n\nWASHINGTON, May 15 (Reuters) - Text.";
        let l = analyse(t);
        let d = l.dateline.unwrap().date.unwrap();
        assert_eq!(d.resolve(l.published), NaiveDate::from_ymd_opt(2017, 5, 15));
    }

    #[test]
    fn markdown_headings() {
        let t = "# A title\n\nIntro paragraph.\n\n## Section\n\nMore text.\n";
        let l = analyse(t);
        assert_eq!(l.title.unwrap().slice(t), "A title");
        assert_eq!(kinds(&l, t, BlockKind::Subhead), vec!["Section"]);
    }

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(analyse(""), Layout::default());
        assert_eq!(analyse("\n\n  \n"), Layout::default());
    }
}
