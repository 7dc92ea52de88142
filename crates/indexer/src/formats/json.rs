//! JSON article dumps: one object or an array of objects (`.json`), or one object per line
//! (`.jsonl`, `.ndjson`). Field names of news-please and newspaper work out of the box; other
//! schemas are read through a [`JsonFieldMap`]. A bad record is reported on its own and never
//! costs the good records of the same file.

use crate::dates::{parse_date_value_in, Calendar};
use chrono::{DateTime, NaiveDate};
use serde_json::{Map, Value};

/// Which JSON fields hold each article field: the first listed field present in a record wins.
/// A name may be a dotted path into nested objects (`meta.headline`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JsonFieldMap {
    /// The record's own id: the key of an article posted to the API (files key by path).
    pub id: Vec<String>,
    pub title: Vec<String>,
    pub text: Vec<String>,
    pub published: Vec<String>,
    pub url: Vec<String>,
    pub source: Vec<String>,
    pub authors: Vec<String>,
    pub language: Vec<String>,
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl Default for JsonFieldMap {
    fn default() -> Self {
        JsonFieldMap {
            id: names(&["id"]),
            title: names(&["title", "headline", "title_page", "title_rss"]),
            text: names(&[
                "maintext",
                "text",
                "body",
                "content",
                "article",
                "article_text",
                "description",
            ]),
            published: names(&[
                "date_publish",
                "publish_date",
                "published",
                "published_at",
                "datePublished",
                "pubdate",
                "date",
                "date_download",
            ]),
            url: names(&["url", "link", "canonical_link", "source_url"]),
            source: names(&[
                "source_domain",
                "source",
                "site_name",
                "domain",
                "publisher",
            ]),
            authors: names(&["authors", "author", "byline", "creator"]),
            language: names(&["language", "lang", "meta_lang"]),
        }
    }
}

/// One record's fields, as read through the field map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonRecord {
    pub id: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
}

/// Why one record could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordProblem {
    /// Not valid JSON (JSON Lines only: one bad line).
    Syntax(String),
    /// Valid JSON but not an object.
    NotObject,
    /// No non-empty text in any of the text fields.
    NoText,
}

/// The records of a file, numbered from 1 (array position or line number), good or bad.
pub type Records = Vec<(usize, Result<JsonRecord, RecordProblem>)>;

/// Parses a `.json` file: an object is one record (numbered 0, meaning "the whole file"), an
/// array holds one record per element. `Err` when the file is not JSON at all.
pub fn parse_json(text: &str, map: &JsonFieldMap) -> Result<Records, String> {
    let v: Value = parse_value(text)?;
    Ok(match v {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, it)| (i + 1, record(&it, map)))
            .collect(),
        other => vec![(0, record(&other, map))],
    })
}

/// Parses JSON Lines: one record per non-blank line, numbered by line.
pub fn parse_json_lines(text: &str, map: &JsonFieldMap) -> Records {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let r = parse_value(l.trim())
                .map_err(RecordProblem::Syntax)
                .and_then(|v| record(&v, map));
            (i + 1, r)
        })
        .collect()
}

/// Parses JSON; text with lone UTF-16 surrogate escapes (`"\\ud800"`, which serde_json
/// refuses) is parsed again with each of them replaced by U+FFFD, so that one bad character does
/// not cost a whole file.
fn parse_value(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).or_else(|e| match repair_lone_surrogates(text) {
        Some(fixed) => serde_json::from_str(&fixed).map_err(|_| e.to_string()),
        None => Err(e.to_string()),
    })
}

/// `text` with every `\\uXXXX` escape of a surrogate that is not part of a valid pair replaced
/// by `\\ufffd`; `None` when there is none.
fn repair_lone_surrogates(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let hex = |at: usize| -> Option<u32> {
        let h = b.get(at..at + 4)?;
        u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
    };
    let escape_at = |at: usize| -> Option<u32> {
        (b.get(at) == Some(&b'\\') && b.get(at + 1) == Some(&b'u'))
            .then(|| hex(at + 2))
            .flatten()
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(u) = escape_at(i) else {
            i += 2; // any other escape, including an escaped backslash
            continue;
        };
        let len = if (0xD800..0xDC00).contains(&u)
            && escape_at(i + 6).is_some_and(|l| (0xDC00..0xE000).contains(&l))
        {
            12 // a valid pair
        } else if (0xD800..0xE000).contains(&u) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..i]);
            o.push_str("\\ufffd");
            copied = i + 6;
            6
        } else {
            6
        };
        i += len;
    }
    let mut o = out?;
    o.push_str(&text[copied..]);
    Some(o)
}

fn record(v: &Value, map: &JsonFieldMap) -> Result<JsonRecord, RecordProblem> {
    let Value::Object(o) = v else {
        return Err(RecordProblem::NotObject);
    };
    let text = first(o, &map.text)
        .and_then(text_of)
        .filter(|t| !t.trim().is_empty())
        .ok_or(RecordProblem::NoText)?;
    let language = first(o, &map.language).and_then(string_of);
    // The record's language says how to read Persian and Hijri years.
    let cal = Calendar::for_language(language.as_deref());
    Ok(JsonRecord {
        id: first(o, &map.id).and_then(string_of),
        title: first(o, &map.title).and_then(string_of),
        text,
        published: map
            .published
            .iter()
            .find_map(|k| lookup(o, k).and_then(|v| date_of(v, cal))),
        url: first(o, &map.url).and_then(string_of),
        source: first(o, &map.source).and_then(|v| match v {
            Value::Object(p) => p.get("name").and_then(string_of),
            other => string_of(other),
        }),
        authors: first(o, &map.authors).map(authors_of).unwrap_or_default(),
        language,
    })
}

fn lookup<'a>(o: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let mut cur = o.get(parts.next()?)?;
    for p in parts {
        cur = cur.as_object()?.get(p)?;
    }
    (!cur.is_null()).then_some(cur)
}

fn first<'a>(o: &'a Map<String, Value>, fields: &[String]) -> Option<&'a Value> {
    fields
        .iter()
        .find_map(|f| lookup(o, f).or_else(|| o.get(f.as_str()).filter(|v| !v.is_null())))
}

fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(string_of),
        _ => None,
    }
}

/// Text may be a string or a list of paragraphs.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => {
            let parts: Vec<String> = a
                .iter()
                .filter_map(text_of)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            Some(parts.join("\n\n"))
        }
        _ => None,
    }
}

fn date_of(v: &Value, cal: Calendar) -> Option<NaiveDate> {
    match v {
        Value::String(s) => parse_date_value_in(s, cal),
        // Unix time in seconds or milliseconds.
        Value::Number(n) => {
            let t = n.as_i64()?;
            let secs = if t > 100_000_000_000 { t / 1000 } else { t };
            DateTime::from_timestamp(secs, 0).map(|d| d.date_naive())
        }
        Value::Object(o) => o.get("$date").and_then(|d| date_of(d, cal)),
        _ => None,
    }
}

fn authors_of(v: &Value) -> Vec<String> {
    let one = |x: &Value| match x {
        Value::Object(o) => o.get("name").and_then(string_of),
        other => string_of(other),
    };
    let mut out: Vec<String> = match v {
        Value::Array(a) => a.iter().filter_map(one).collect(),
        Value::String(s) => s
            .split([';', '|'])
            .flat_map(|p| p.split(" and "))
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        other => one(other).into_iter().collect(),
    };
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_please_record() {
        let j = r#"{"title":"Talks resume","maintext":"Envoys met on Monday.\nThey agreed to meet again.","date_publish":"2017-07-18 14:05:00",
                    "url":"https://example.com/a","source_domain":"example.com","authors":["Jane Roe","John Doe"],"language":"en"}"#;
        let recs = parse_json(j, &JsonFieldMap::default()).unwrap();
        assert_eq!(recs.len(), 1);
        let (n, r) = &recs[0];
        let r = r.as_ref().unwrap();
        assert_eq!(*n, 0);
        assert_eq!(r.title.as_deref(), Some("Talks resume"));
        assert_eq!(r.published, NaiveDate::from_ymd_opt(2017, 7, 18));
        assert_eq!(r.authors, vec!["Jane Roe", "John Doe"]);
        assert_eq!(r.source.as_deref(), Some("example.com"));
        assert_eq!(r.language.as_deref(), Some("en"));
        assert!(r.text.starts_with("Envoys met"));
    }

    #[test]
    fn newspaper_and_array_with_bad_records() {
        let j = r#"[{"title":"A","text":"Body A.","publish_date":1500386700,"authors":"X and Y"},
                    {"title":"B"},
                    7,
                    {"headline":"C","content":["Para 1.","Para 2."],"date":"18 July 2017"}]"#;
        let recs = parse_json(j, &JsonFieldMap::default()).unwrap();
        let summary: Vec<(usize, Result<Option<NaiveDate>, RecordProblem>)> = recs
            .iter()
            .map(|(n, r)| (*n, r.as_ref().map(|r| r.published).map_err(Clone::clone)))
            .collect();
        let d = NaiveDate::from_ymd_opt(2017, 7, 18);
        assert_eq!(
            summary,
            vec![
                (1, Ok(d)),
                (2, Err(RecordProblem::NoText)),
                (3, Err(RecordProblem::NotObject)),
                (4, Ok(d))
            ]
        );
        assert_eq!(recs[0].1.as_ref().unwrap().authors, vec!["X", "Y"]);
        assert_eq!(recs[3].1.as_ref().unwrap().text, "Para 1.\n\nPara 2.");
    }

    #[test]
    fn lone_surrogate_costs_one_character_not_the_file() {
        let j = r#"[{"title":"A","text":"Bad \ud800 char."},{"title":"B","text":"Fine \ud83d\ude00 and \\ud800 literal."},{"title":"C","text":"Tail \udc00"}]"#;
        let recs = parse_json(j, &JsonFieldMap::default()).unwrap();
        let texts: Vec<String> = recs
            .iter()
            .map(|(_, r)| r.as_ref().unwrap().text.clone())
            .collect();
        assert_eq!(
            texts,
            vec![
                "Bad \u{fffd} char.",
                "Fine 😀 and \\ud800 literal.",
                "Tail \u{fffd}"
            ]
        );
        let recs = parse_json_lines(
            "{\"text\":\"x \\ud800\"}\n{\"text\":\"y\"}",
            &JsonFieldMap::default(),
        );
        assert_eq!(recs.len(), 2);
        assert!(recs.iter().all(|(_, r)| r.is_ok()));
        assert_eq!(repair_lone_surrogates(r#"{"a":"\ud83d\ude00"}"#), None);
        assert_eq!(
            repair_lone_surrogates(r#"\ud800\ud800\udc00"#).as_deref(),
            Some(r#"\ufffd\ud800\udc00"#)
        );
        for s in ["\\", "\\u", "\\ud8", "é\\ud800é", "\\\\"] {
            let _ = repair_lone_surrogates(s);
        }
    }

    #[test]
    fn json_lines_keep_good_records() {
        let j = "{\"title\":\"A\",\"text\":\"One.\"}\n\n{\"title\": broken\n{\"title\":\"C\",\"text\":\"Three.\"}\n";
        let recs = parse_json_lines(j, &JsonFieldMap::default());
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].0, 1);
        assert!(matches!(recs[1], (3, Err(RecordProblem::Syntax(_)))));
        assert_eq!(recs[2].0, 4);
        assert_eq!(recs[2].1.as_ref().unwrap().text, "Three.");
    }

    #[test]
    fn custom_field_map_with_nested_paths() {
        let map = JsonFieldMap {
            title: names(&["meta.headline"]),
            text: names(&["payload.body"]),
            published: names(&["meta.when"]),
            ..JsonFieldMap::default()
        };
        let j = r#"{"meta":{"headline":"H","when":"2020-05-16T10:00:00Z"},"payload":{"body":"Words."}}"#;
        let r = parse_json(j, &map).unwrap().remove(0).1.unwrap();
        assert_eq!(
            (r.title.as_deref(), r.text.as_str(), r.published),
            (Some("H"), "Words.", NaiveDate::from_ymd_opt(2020, 5, 16))
        );
        assert!(parse_json("{not json", &map).is_err());
    }
}
