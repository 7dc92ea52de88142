//! Facet value search, entity profiles and index statistics.

use crate::error::{Result, SearchError};
use crate::index::SitrepIndex;
use crate::schema::{FacetField, KIND_ARTICLE, KIND_QUOTE};
use crate::types::{Bucket, FacetCount, Filters, Interval, QuoteHit, SearchRequest, Sort, Target};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RegexQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::Term;

/// How many candidate values a prefix search considers before ranking by count.
const PREFIX_CANDIDATES: usize = 10_000;

fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else {
            out.push('\\');
            out.push(c);
        }
    }
    out
}

/// Lower-cased words (runs of letters and digits) of `s`, folded to ASCII as the index folds
/// them ("José" is "jose").
fn words(s: &str) -> Vec<String> {
    thread_local! {
        static FOLDER: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    let mut out = Vec::new();
    FOLDER.with_borrow_mut(|folder| {
        folder
            .token_stream(s)
            .process(&mut |t| out.push(t.text.clone()))
    });
    out
}

/// The start every indexed term of a word that begins with `word` shares: the word as the index
/// analyses it (folded, stemmed) keeps at most the letters it has in common with the folded word
/// ("hillary" is indexed as "hillari": values with it are found from "hillar").
fn indexed_start(word: &str) -> String {
    let mut analyzer = crate::index::text_analyzer();
    let mut stem = String::new();
    analyzer.token_stream(word).process(&mut |t| {
        if stem.is_empty() {
            stem = t.text.clone()
        }
    });
    stem.chars()
        .zip(word.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect()
}

/// Whether `prefix` begins a run of words of `value`, case-insensitively: each word of the prefix
/// but the last equals a word of the value, and the last begins the next one ("ada q" matches
/// "Ada Quorve", and so do "quo" and "ada quorve"; "da q" does not).
fn matches_prefix(value: &str, prefix: &str) -> bool {
    let (v, p) = (words(value), words(prefix));
    let Some((last, whole)) = p.split_last() else {
        return true;
    };
    (0..v.len()).any(|i| {
        i + p.len() <= v.len()
            && v[i..i + whole.len()] == *whole
            && v[i + whole.len()].starts_with(last.as_str())
    })
}

/// Runs tantivy aggregations given as JSON (statistics only; dashboards use [`crate::agg`]).
fn aggregate(
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    aggs: serde_json::Value,
) -> Result<serde_json::Value> {
    use tantivy::aggregation::{
        agg_req::Aggregations, agg_result::AggregationResults, AggregationCollector,
    };
    let aggs: Aggregations = serde_json::from_value(aggs)
        .map_err(|e| SearchError::Corrupt(format!("aggregation request: {e}")))?;
    let res: AggregationResults = searcher.search(
        q,
        &AggregationCollector::from_aggs(aggs, Default::default()),
    )?;
    serde_json::to_value(res).map_err(|e| SearchError::Corrupt(e.to_string()))
}

/// Entity profile: everything the index knows of one actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub articles: usize,
    pub quotes: usize,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    pub timeline: Vec<Bucket>,
    pub co_occurring: std::collections::BTreeMap<String, Vec<FacetCount>>,
    pub latest_quotes: Vec<QuoteHit>,
}

/// Index statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    pub articles: usize,
    pub quotes: usize,
    pub people: u64,
    pub organisations: u64,
    pub locations: u64,
    pub speakers: u64,
    pub sources: u64,
    pub size_bytes: u64,
    pub last_commit: Option<String>,
    pub first_published: Option<NaiveDate>,
    pub last_published: Option<NaiveDate>,
}

impl SitrepIndex {
    /// Values of a facet, optionally restricted to those with a word starting with `prefix`,
    /// ranked by the number of articles (quotes for speakers).
    pub fn facet_values(
        &self,
        facet: FacetField,
        prefix: Option<&str>,
        limit: usize,
    ) -> Result<Vec<FacetCount>> {
        let searcher = self.reader.searcher();
        let kind = if facet == FacetField::Speaker {
            KIND_QUOTE
        } else {
            KIND_ARTICLE
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.kind, kind),
                IndexRecordOption::Basic,
            )),
        )];
        let prefix = prefix
            .map(|p| p.trim().to_lowercase())
            .filter(|p| !p.is_empty());
        if let Some(p) = &prefix {
            let (text_field, key_field) = self.fields.actor_fields(facet);
            let field = text_field.unwrap_or(key_field);
            // The text field holds one term per word: a value must have a word that starts with
            // the prefix's longest word (every word of a multi-word prefix begins a word of the
            // value); `matches_prefix` then checks the words in order.
            let longest = words(p)
                .into_iter()
                .max_by_key(|w| w.len())
                .unwrap_or_default();
            let pattern = if text_field.is_some() {
                format!("{}.*", regex_escape(&indexed_start(&longest)))
            } else {
                format!("{}.*", regex_escape(&p.to_uppercase()))
            };
            if let Ok(q) = RegexQuery::from_pattern(&pattern, field) {
                clauses.push((Occur::Must, Box::new(q)));
            }
        }
        let size = if prefix.is_some() {
            PREFIX_CANDIDATES
        } else {
            limit
        };
        let q = BooleanQuery::new(clauses);
        let counted = crate::agg::count(
            &searcher,
            &q,
            crate::agg::Counter {
                facets: vec![facet],
                size,
                ..self.counter()
            },
        )?;
        let mut values: Vec<FacetCount> = counted
            .facets
            .into_iter()
            .next()
            .unwrap_or_default()
            .into_iter()
            .map(|(value, count)| FacetCount { value, count })
            .collect();
        if let Some(p) = &prefix {
            values.retain(|v| matches_prefix(&v.value, p));
            // The articles above are those with a value the prefix matches; an actor also named
            // by other values ("Ada Quorve" as "Quorve") counts all its articles, as the facet
            // does.
            if let Some(r) = self.resolution()? {
                for v in &mut values {
                    if let Some(n) = r.count(facet, &v.value) {
                        v.count = n;
                    }
                }
                values.sort_by_key(|v| std::cmp::Reverse(v.count));
            }
        }
        values.truncate(limit);
        Ok(values)
    }

    /// The profile of one actor: counts, first and last seen, timeline, co-occurring actors,
    /// latest quotations.
    pub fn profile(
        &self,
        facet: FacetField,
        name: &str,
        interval: Interval,
        top: usize,
    ) -> Result<Option<Profile>> {
        let mut filters = Filters::default();
        filters.values_mut(facet).push(name.to_string());
        let req = SearchRequest {
            filters: filters.clone(),
            facets: vec![FacetField::Person, FacetField::Org, FacetField::Location],
            facet_limit: top + 1,
            histogram: Some(interval),
            limit: 1,
            sort: Sort::Newest,
            snippets: false,
            // co-occurring actors are counted within this actor's articles only
            disjunctive: false,
            ..Default::default()
        };
        let res = self.search(&req)?;
        let mut qfilters = Filters::default();
        if matches!(
            facet,
            FacetField::Person | FacetField::Org | FacetField::Speaker
        ) {
            qfilters.speaker.push(name.to_string());
        }
        let quotes = if qfilters.speaker.is_empty() {
            None
        } else {
            Some(self.search_quotes(&SearchRequest {
                target: Target::Quotes,
                filters: qfilters,
                sort: Sort::Newest,
                limit: top,
                ..Default::default()
            })?)
        };
        if res.total == 0 && quotes.as_ref().is_none_or(|q| q.total == 0) {
            return Ok(None);
        }
        let oldest = self.search(&SearchRequest {
            filters,
            sort: Sort::Oldest,
            limit: 1,
            snippets: false,
            ..Default::default()
        })?;
        let canonical = res
            .facets
            .get(facet.api_name())
            .and_then(|v| {
                v.iter()
                    .find(|f| f.value.eq_ignore_ascii_case(name))
                    .map(|f| f.value.clone())
            })
            .unwrap_or_else(|| name.to_string());
        let mut co = res.facets.clone();
        for vals in co.values_mut() {
            vals.retain(|v| v.value != canonical);
            vals.truncate(top);
        }
        Ok(Some(Profile {
            name: canonical,
            kind: facet.type_name().to_string(),
            articles: res.total,
            quotes: quotes.as_ref().map(|q| q.total).unwrap_or(0),
            first_seen: oldest.hits.first().and_then(|h| h.published),
            last_seen: res.hits.first().and_then(|h| h.published),
            timeline: res.timeline.unwrap_or_default(),
            co_occurring: co,
            latest_quotes: quotes.map(|q| q.hits).unwrap_or_default(),
        }))
    }

    /// Counts and sizes of the index.
    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        // Distinct actors, counted exactly.
        let actors = [
            FacetField::Person,
            FacetField::Org,
            FacetField::Location,
            FacetField::Speaker,
            FacetField::Source,
        ];
        let distinct = crate::agg::count(
            &searcher,
            &AllQuery,
            crate::agg::Counter {
                facets: actors.to_vec(),
                distinct: true,
                ..self.counter()
            },
        )?
        .distinct;
        let card = |f: FacetField| {
            actors
                .iter()
                .position(|a| *a == f)
                .and_then(|i| distinct.get(i))
                .copied()
                .unwrap_or(0)
        };
        let mut aggs = serde_json::Map::new();
        aggs.insert(
            "min".into(),
            serde_json::json!({"min": {"field": "published"}}),
        );
        aggs.insert(
            "max".into(),
            serde_json::json!({"max": {"field": "published"}}),
        );
        let res = aggregate(&searcher, &AllQuery, serde_json::Value::Object(aggs))?;
        let day = |k: &str| {
            res.get(k)
                .and_then(|v| v.get("value"))
                .and_then(|v| v.as_f64())
                // min/max of a date field are nanoseconds since the epoch
                .filter(|ns| ns.is_finite())
                .map(|ns| chrono::DateTime::from_timestamp_nanos(ns as i64).date_naive())
        };
        let last_commit = self
            .path()
            .and_then(|p| std::fs::metadata(p.join("meta.json")).ok())
            .and_then(|m| m.modified().ok())
            .map(|t| {
                chrono::DateTime::<chrono::Utc>::from(t)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            });
        Ok(Stats {
            articles: self.count(KIND_ARTICLE)?,
            quotes: self.count(KIND_QUOTE)?,
            people: card(FacetField::Person),
            organisations: card(FacetField::Org),
            locations: card(FacetField::Location),
            speakers: card(FacetField::Speaker),
            sources: card(FacetField::Source),
            size_bytes: self.size_on_disk(),
            last_commit,
            first_published: day("min"),
            last_published: day("max"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{indexed_start, matches_prefix};

    #[test]
    fn prefixes_search_the_start_of_the_indexed_word() {
        let table = [
            ("velmary", "velmar"),
            ("velm", "velm"),
            ("tolosa", "tolosa"),
            ("quorving", "quorv"),
            ("jose", "jose"),
        ];
        for (word, want) in table {
            assert_eq!(indexed_start(word), want, "{word}");
        }
    }

    #[test]
    fn prefixes_match_runs_of_words() {
        let table = [
            ("Ada Quorve", "ada", true),
            ("Ada Quorve", "ada q", true),
            ("Ada Quorve", "ADA QUORVE", true),
            ("Ada Quorve", "quo", true),
            ("Ada Quorve", "  ada   quo ", true),
            ("Ada Quorve", "da q", false),
            ("Ada Quorve", "ada x", false),
            ("Ada Quorve", "ada quorve b", false),
            ("Ada Ben-Quorve", "ben quo", true),
            ("Ada Ben-Quorve", "ben-q", true),
            ("Council of Tirel", "of tir", true),
            ("Council of Tirel", "", true),
            ("José Brell", "jose b", true),
            ("Jose Brell", "josé", true),
        ];
        for (value, prefix, want) in table {
            assert_eq!(
                matches_prefix(value, prefix),
                want,
                "{value:?} with prefix {prefix:?}"
            );
        }
    }
}
