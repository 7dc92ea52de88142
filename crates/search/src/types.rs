//! The request and response types of a search, and its size limits: what callers build and
//! receive. No query assembly or execution here, so that counting (`agg`, `memo`) can use them
//! without importing the search.

use crate::error::{Result, SearchError};
use crate::record::QuoteRecord;
use crate::schema::{FacetField, KIND_ARTICLE, KIND_QUOTE, KIND_QUOTE_OR_TERM};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Largest page size a request may ask for.
pub const MAX_LIMIT: usize = 1000;
/// Largest number of values a facet may return.
pub const MAX_FACET_LIMIT: usize = 1000;

/// Structured filters: values within a field combine with OR, fields combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Filters {
    #[serde(default)]
    pub person: Vec<String>,
    #[serde(default)]
    pub org: Vec<String>,
    #[serde(default)]
    pub location: Vec<String>,
    #[serde(default)]
    pub speaker: Vec<String>,
    #[serde(default)]
    pub source: Vec<String>,
    #[serde(default)]
    pub actor_country: Vec<String>,
    #[serde(default)]
    pub actor_role: Vec<String>,
    #[serde(default)]
    pub language: Vec<String>,
    /// Reporting verbs (any form: "warned" is "warn").
    #[serde(default)]
    pub cue: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The name inside a filter value written in double quotes (`"Ada Quorve"`): that actor exactly.
pub fn exact_value(v: &str) -> Option<&str> {
    let inner = v.trim().strip_prefix('"')?.strip_suffix('"')?.trim();
    (!inner.is_empty()).then_some(inner)
}

impl Filters {
    pub fn values(&self, f: FacetField) -> &[String] {
        match f {
            FacetField::Person => &self.person,
            FacetField::Org => &self.org,
            FacetField::Location => &self.location,
            FacetField::Speaker => &self.speaker,
            FacetField::Source => &self.source,
            FacetField::ActorCountry => &self.actor_country,
            FacetField::ActorRole => &self.actor_role,
            FacetField::Language => &self.language,
            FacetField::Cue => &self.cue,
        }
    }
    pub fn values_mut(&mut self, f: FacetField) -> &mut Vec<String> {
        match f {
            FacetField::Person => &mut self.person,
            FacetField::Org => &mut self.org,
            FacetField::Location => &mut self.location,
            FacetField::Speaker => &mut self.speaker,
            FacetField::Source => &mut self.source,
            FacetField::ActorCountry => &mut self.actor_country,
            FacetField::ActorRole => &mut self.actor_role,
            FacetField::Language => &mut self.language,
            FacetField::Cue => &mut self.cue,
        }
    }
}

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl std::str::FromStr for Sort {
    type Err = SearchError;
    fn from_str(s: &str) -> Result<Sort> {
        match s {
            "relevance" | "score" => Ok(Sort::Relevance),
            "newest" | "date" | "recent" => Ok(Sort::Newest),
            "oldest" => Ok(Sort::Oldest),
            _ => Err(SearchError::InvalidParameter {
                name: "sort".into(),
                message: format!("unknown sort '{s}' (expected relevance, newest or oldest)"),
            }),
        }
    }
}

/// Histogram bucket width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Interval {
    Day,
    Week,
    Month,
    Year,
}

impl std::str::FromStr for Interval {
    type Err = SearchError;
    fn from_str(s: &str) -> Result<Interval> {
        match s {
            "day" | "1d" => Ok(Interval::Day),
            "week" | "7d" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            "year" => Ok(Interval::Year),
            _ => Err(SearchError::InvalidParameter {
                name: "interval".into(),
                message: format!("unknown interval '{s}' (expected day, week, month or year)"),
            }),
        }
    }
}

/// What to search: articles, or quotations as their own records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Target {
    #[default]
    Articles,
    Quotes,
}

impl Target {
    /// The kind label of the records searched (see [`crate::schema::kinds_of`]).
    pub(crate) fn kind(&self, terms: bool) -> &'static str {
        match self {
            Target::Articles => KIND_ARTICLE,
            Target::Quotes if terms => KIND_QUOTE_OR_TERM,
            Target::Quotes => KIND_QUOTE,
        }
    }
}

/// A search request, shared by the CLI and the HTTP API.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    pub q: String,
    pub target: Target,
    pub filters: Filters,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    pub cursor: Option<String>,
    pub facets: Vec<FacetField>,
    pub facet_limit: usize,
    pub collapse: bool,
    pub histogram: Option<Interval>,
    pub snippets: bool,
    /// Quotation searches: also list terms and scare quotes (`kind: term`), which are left out
    /// by default.
    pub terms: bool,
    /// Quotation searches: list and count every copy of a statement that near-duplicate
    /// articles carry, instead of each statement once.
    pub all_copies: bool,
    /// Count a filtered facet without its own filter (the default, for dashboards: selecting one
    /// person keeps the other people's counts); `false` counts every facet within the matches.
    pub disjunctive: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            target: Target::Articles,
            filters: Filters::default(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            cursor: None,
            facets: Vec::new(),
            facet_limit: 10,
            collapse: false,
            histogram: None,
            snippets: true,
            terms: false,
            all_copies: false,
            disjunctive: true,
        }
    }
}

/// One value of a facet with its count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// One bucket of a date histogram.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bucket {
    /// First day of the bucket.
    #[serde(serialize_with = "iso_date")]
    pub date: NaiveDate,
    pub count: u64,
}

/// `YYYY-MM-DD` written digit by digit: a weekly timeline over decades has thousands of
/// buckets, and chrono's general formatter dominated the cost of writing them.
fn iso_date<S: serde::Serializer>(d: &NaiveDate, s: S) -> std::result::Result<S::Ok, S::Error> {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return s.collect_str(d);
    }
    let y = y as u32;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let buf = [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ];
    s.serialize_str(std::str::from_utf8(&buf).unwrap_or_default())
}

/// An article hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleHit {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Passage with the matched words marked `<mark>…</mark>` (HTML-escaped otherwise).
    pub snippet: String,
    pub people: Vec<String>,
    pub organisations: Vec<String>,
    pub locations: Vec<String>,
    pub source: Option<String>,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    pub score: f32,
}

/// A quotation hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteHit {
    #[serde(flatten)]
    pub quote: QuoteRecord,
    /// The quotation with the matched words marked `<mark>…</mark>`.
    pub highlight: String,
    pub score: f32,
}

/// Search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResponse<H> {
    pub total: usize,
    pub hits: Vec<H>,
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<Bucket>>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    pub took_ms: f64,
}

/// The one check of a size limit: `name` (the parameter) may be at most `max`.
pub fn check_limit(name: &'static str, value: usize, max: usize) -> Result<()> {
    if value > max {
        return Err(SearchError::LimitTooLarge {
            name,
            limit: value,
            max,
        });
    }
    Ok(())
}

pub(crate) fn check_limits(req: &SearchRequest) -> Result<()> {
    check_limit("limit", req.limit, MAX_LIMIT)?;
    check_limit("facet_limit", req.facet_limit, MAX_FACET_LIMIT)
}
