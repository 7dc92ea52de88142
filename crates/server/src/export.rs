//! Rows for CSV and NDJSON exports, shared by the CLI and the HTTP API.

use sitrep_search::{ArticleHit, QuoteHit};

pub const ARTICLE_COLUMNS: &[&str] = &[
    "id",
    "published",
    "title",
    "source",
    "people",
    "organisations",
    "locations",
    "path",
    "score",
];
pub const QUOTE_COLUMNS: &[&str] = &[
    "id",
    "article_id",
    "published",
    "speaker",
    "speaker_mention",
    "cue",
    "text",
    "title",
    "score",
];

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

pub fn article_row(h: &ArticleHit) -> Vec<String> {
    vec![
        h.id.clone(),
        opt(&h.published),
        opt(&h.title),
        opt(&h.source),
        h.people.join("; "),
        h.organisations.join("; "),
        h.locations.join("; "),
        h.path.clone(),
        format!("{:.3}", h.score),
    ]
}

pub fn quote_row(h: &QuoteHit) -> Vec<String> {
    let q = &h.quote;
    vec![
        q.id.clone(),
        q.article_id.clone(),
        opt(&q.published),
        opt(&q.speaker),
        opt(&q.speaker_mention),
        opt(&q.cue),
        q.text.clone(),
        opt(&q.title),
        format!("{:.3}", h.score),
    ]
}

/// One CSV record (RFC 4180 quoting), with a trailing newline.
/// A quotation as one JSON Lines export row: the record and its score, like an article row.
#[derive(serde::Serialize)]
pub struct QuoteLine<'a> {
    #[serde(flatten)]
    pub quote: &'a sitrep_search::QuoteRecord,
    pub score: f32,
}

impl<'a> QuoteLine<'a> {
    pub fn of(hit: &'a QuoteHit) -> QuoteLine<'a> {
        QuoteLine {
            quote: &hit.quote,
            score: hit.score,
        }
    }
}

pub fn csv_line(fields: &[String]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(fields);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub fn csv_header(cols: &[&str]) -> String {
    csv_line(&cols.iter().map(|s| s.to_string()).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_fields_with_commas_and_quotes() {
        assert_eq!(
            csv_line(&["a".into(), "b, c".into(), "say \"hi\"".into()]),
            "a,\"b, c\",\"say \"\"hi\"\"\"\n"
        );
    }
}
