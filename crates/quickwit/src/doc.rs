//! The Quickwit document of a sitrep article (see `deploy/quickwit/articles.yaml`).

use serde_json::{json, Map, Value};
use sitrep_search::export::{ResolvedActors, ResolvedQuote};
use sitrep_search::schema::word_run_keys;
use sitrep_search::ArticleRecord;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// Words as sitrep indexes them: lower case, folded to ASCII, English stems.
pub struct Analyzer(TextAnalyzer);

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer(sitrep_search::index::text_analyzer())
    }
}

impl Analyzer {
    pub fn words(&mut self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = self.0.token_stream(text);
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    /// The byte ranges of the words of `text` whose analysed form is in `words`.
    pub fn matches(
        &mut self,
        text: &str,
        words: &std::collections::HashSet<String>,
    ) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut stream = self.0.token_stream(text);
        while let Some(t) = stream.next() {
            if words.contains(&t.text) {
                out.push(t.offset_from..t.offset_to);
            }
        }
        out
    }

    /// The keys an actor filter matches for a name: the whole name in lower case and every run
    /// of its words (as the embedded index's `*_key` fields hold them).
    pub fn keys(&mut self, name: &str, out: &mut Vec<String>) {
        out.push(name.to_lowercase());
        let words = self.words(name);
        word_run_keys(&words, out);
    }
}

/// Seconds since 1970 of the indexed value of a date (midnight UTC, clamped as the embedded
/// index clamps it).
pub fn timestamp(d: chrono::NaiveDate) -> i64 {
    let (min, max) = sitrep_search::query::index_date_range();
    d.clamp(min, max)
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0)
}

/// The indexed value of a date as RFC 3339 (Quickwit reads unix timestamps only from 1972 on).
pub fn rfc3339(d: chrono::NaiveDate) -> String {
    let (min, max) = sitrep_search::query::index_date_range();
    format!("{}T00:00:00Z", d.clamp(min, max).format("%Y-%m-%d"))
}

fn sorted(mut v: Vec<String>) -> Value {
    v.sort();
    v.dedup();
    json!(v)
}

/// The filter keys of names (see [`Analyzer::keys`]), sorted, each once.
fn key_values<'a>(analyzer: &mut Analyzer, names: impl IntoIterator<Item = &'a str>) -> Value {
    let mut out = Vec::new();
    for n in names {
        analyzer.keys(n, &mut out);
    }
    sorted(out)
}

/// `kind` of an article's document.
pub const KIND_ARTICLE: &str = "article";
/// `kind` of a statement's document.
pub const KIND_QUOTE: &str = "quote";
/// `kind` of a term's or scare quote's document.
pub const KIND_TERM: &str = "term";

/// The document of the quotation at `index` of `rec`. As in the embedded index, a quotation's
/// words are its body and its article's title its title.
pub fn quote_doc(
    analyzer: &mut Analyzer,
    rec: &ArticleRecord,
    index: usize,
    resolved: &ResolvedQuote,
) -> Value {
    let a = &rec.article;
    let quote = &resolved.record;
    let mut d = Map::new();
    d.insert(
        "kind".into(),
        json!(if quote.kind.is_statement() {
            KIND_QUOTE
        } else {
            KIND_TERM
        }),
    );
    d.insert("article_id".into(), json!(a.id));
    d.insert("path".into(), json!(a.path));
    if let Some(t) = &a.title {
        d.insert("title".into(), json!(t));
        d.insert("title_terms".into(), json!(analyzer.words(t).join(" ")));
    }
    d.insert(
        "body_terms".into(),
        json!(analyzer.words(&quote.text).join(" ")),
    );
    if let Some(p) = a.published {
        d.insert("published".into(), json!(rfc3339(p)));
        d.insert("date".into(), json!(p.to_string()));
    }
    if let Some(dup) = &rec.duplicate_of {
        d.insert("duplicate_of".into(), json!(dup));
    }
    if resolved.hidden {
        d.insert("hidden_copy".into(), json!(true));
    }
    if let Some(s) = &resolved.facet_speaker {
        d.insert("speakers".into(), json!([s]));
    }
    // the name as extracted and as resolved, as for articles
    let raw = a.quotes.get(index).and_then(|q| q.speaker.as_deref());
    d.insert(
        "speaker_key".into(),
        key_values(
            analyzer,
            resolved.facet_speaker.as_deref().into_iter().chain(raw),
        ),
    );
    if let Some(c) = &quote.cue_lemma {
        d.insert("cues".into(), json!([c]));
    }
    d.insert(
        "actor_country".into(),
        json!(quote.speaker_country.iter().collect::<Vec<_>>()),
    );
    d.insert(
        "actor_role".into(),
        json!(quote.speaker_role.iter().collect::<Vec<_>>()),
    );
    d.insert(
        "source_key".into(),
        key_values(analyzer, a.source.iter().map(String::as_str)),
    );
    d.insert("sources".into(), json!(a.source.iter().collect::<Vec<_>>()));
    d.insert(
        "record".into(),
        serde_json::to_value(quote).unwrap_or(Value::Null),
    );
    Value::Object(d)
}

/// The document of one article.
pub fn article_doc(analyzer: &mut Analyzer, rec: &ArticleRecord, actors: &ResolvedActors) -> Value {
    let a = &rec.article;
    let mut d = Map::new();
    d.insert("kind".into(), json!(KIND_ARTICLE));
    d.insert("article_id".into(), json!(a.id));
    d.insert("path".into(), json!(a.path));
    if let Some(t) = &a.title {
        d.insert("title".into(), json!(t));
        d.insert("title_terms".into(), json!(analyzer.words(t).join(" ")));
    }
    let body = a.body();
    d.insert("lead".into(), json!(sitrep_search::export::lead(&body)));
    d.insert("body_terms".into(), json!(analyzer.words(&body).join(" ")));
    if let Some(p) = a.published {
        d.insert("published".into(), json!(rfc3339(p)));
        d.insert("date".into(), json!(p.to_string()));
    }
    if let Some(dup) = &rec.duplicate_of {
        d.insert("duplicate_of".into(), json!(dup));
    }
    d.insert("people".into(), json!(actors.people));
    d.insert("organisations".into(), json!(actors.organisations));
    d.insert("locations".into(), json!(actors.locations));
    d.insert("speakers".into(), json!(actors.speakers));
    let sources: Vec<String> = a.source.iter().cloned().collect();
    d.insert("sources".into(), json!(sources));
    let (mut countries, mut roles) = (Vec::new(), Vec::new());
    for e in a.people.iter().chain(&a.organisations).chain(&a.locations) {
        countries.extend(e.country.clone());
        roles.extend(e.role.clone());
    }
    d.insert("actor_country".into(), sorted(countries));
    d.insert("actor_role".into(), sorted(roles));
    d.insert(
        "language".into(),
        json!(a
            .language
            .iter()
            .map(|l| l.to_lowercase())
            .collect::<Vec<_>>()),
    );
    let cues: Vec<String> = a
        .quotes
        .iter()
        .filter(|q| q.kind.is_statement())
        .filter_map(|q| q.cue_lemma.clone())
        .collect();
    d.insert("cues".into(), sorted(cues));
    // Keys: of the names as extracted and of the names they resolve to, so that a filter
    // matches what the embedded index matches (a name, or any member of its actor).
    let person_key = key_values(
        analyzer,
        a.people
            .iter()
            .map(|e| e.name.as_str())
            .chain(actors.people.iter().map(String::as_str)),
    );
    let org_key = key_values(
        analyzer,
        a.organisations
            .iter()
            .map(|e| e.name.as_str())
            .chain(actors.organisations.iter().map(String::as_str)),
    );
    let location_key = key_values(
        analyzer,
        a.locations
            .iter()
            .map(|e| e.name.as_str())
            .chain(actors.locations.iter().map(String::as_str)),
    );
    let speaker_key = key_values(
        analyzer,
        a.quotes
            .iter()
            .filter_map(|q| q.speaker.as_deref())
            .chain(actors.speakers.iter().map(String::as_str)),
    );
    let source_key = key_values(analyzer, a.source.iter().map(String::as_str));
    d.insert("person_key".into(), person_key);
    d.insert("org_key".into(), org_key);
    d.insert("location_key".into(), location_key);
    d.insert("speaker_key".into(), speaker_key);
    d.insert("source_key".into(), source_key);
    Value::Object(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_analysed_as_sitrep_indexes_them() {
        let mut a = Analyzer::default();
        assert_eq!(
            a.words("Peace Talks in Zürich"),
            vec!["peac", "talk", "in", "zurich"]
        );
        let mut keys = Vec::new();
        a.keys("Ada Quorve", &mut keys);
        assert_eq!(
            keys,
            vec!["ada quorve", "\u{1e}ada", "\u{1e}ada quorv", "\u{1e}quorv"]
        );
    }

    #[test]
    fn dates_are_clamped_like_the_embedded_index() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(timestamp(d(1970, 1, 2)), 86_400);
        assert_eq!(timestamp(d(1400, 1, 1)), timestamp(d(1677, 9, 22)));
        assert_eq!(timestamp(d(9999, 1, 1)), timestamp(d(2262, 4, 11)));
        assert_eq!(rfc3339(d(1911, 3, 6)), "1911-03-06T00:00:00Z");
        assert_eq!(rfc3339(d(1400, 1, 1)), "1677-09-22T00:00:00Z");
    }
}
