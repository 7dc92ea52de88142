//! Searching articles and quotations: hits, snippets, facets and timelines.

use crate::agg::{self, Counter};
use crate::error::{Result, SearchError};
use crate::index::{load_article, load_quote, SitrepIndex};
use crate::query::{self, date_range, QueryBuilder};
use crate::record::QuoteRecord;
use crate::kind_filter::KindFilter;
use crate::schema::{FacetField, Fields, KIND_ARTICLE, KIND_QUOTE, KIND_QUOTE_OR_TERM};
use crate::top::TopScores;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, ExistsQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Searcher, Term};

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
    fn kind(&self, terms: bool) -> &'static str {
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
    let buf = [digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), b'-', digit(m / 10), digit(m), b'-', digit(day / 10), digit(day)];
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

fn kind_query(fields: &Fields, label: &'static str) -> Box<dyn Query> {
    let term = |kind: &str| -> Box<dyn Query> { Box::new(TermQuery::new(Term::from_field_text(fields.kind, kind), IndexRecordOption::Basic)) };
    match crate::schema::kinds_of(label) {
        [one] => term(one),
        kinds => Box::new(BooleanQuery::new(kinds.iter().map(|k| (Occur::Should, term(k))).collect())),
    }
}

/// Which quotation records a search covers.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct QuoteScope {
    /// Terms and scare quotes too.
    pub terms: bool,
    /// Every copy of a statement (not each statement once).
    pub all_copies: bool,
}

impl QuoteScope {
    pub fn of(req: &SearchRequest) -> QuoteScope {
        QuoteScope { terms: req.terms, all_copies: req.all_copies }
    }
}

/// Encodes a page position as an opaque cursor.
pub fn encode_cursor(offset: usize) -> String {
    format!("c{:x}", offset ^ 0x5175_7e5a)
}

/// Decodes a cursor made by [`encode_cursor`].
pub fn decode_cursor(c: &str) -> Result<usize> {
    let hex = c.strip_prefix('c').ok_or(SearchError::InvalidCursor)?;
    usize::from_str_radix(hex, 16).map(|v| v ^ 0x5175_7e5a).map_err(|_| SearchError::InvalidCursor)
}

/// The parts of a request's query, kept apart so that facets can leave out their own filter.
pub(crate) struct Parts {
    /// The text query (for snippets).
    pub text: Box<dyn Query>,
    /// The text query restricted to the target's kind of record. Only it scores: the kind and
    /// the filters restrict without changing the ranking.
    pub scoped: Vec<(Occur, Box<dyn Query>)>,
    pub filters: Vec<(Option<FacetField>, Box<dyn Query>)>,
    pub collapse: bool,
    /// The selected values per filtered facet.
    pub selected: Vec<(FacetField, Vec<String>)>,
    /// The target's kind when the text query matches everything.
    everything: Option<&'static str>,
    /// The copies of statements left out (quotation searches, each statement once).
    pub hidden: Option<crate::statements::HiddenCopies>,
}

impl Parts {
    pub fn new(index: &SitrepIndex, q: &str, target: Target, filters: &Filters, collapse: bool, scope: QuoteScope) -> Result<Parts> {
        let fields = index.fields();
        let node = query::parse(q)?;
        let tokenizers = index.index.tokenizers();
        let qb = QueryBuilder { fields, tokenizers };
        let text = qb.build(&node);
        let scoped: Vec<(Occur, Box<dyn Query>)> = match (&node, target.kind(scope.terms)) {
            // Everything of a kind: the kind's posting list.
            (query::Node::All, kind) => {
                vec![(Occur::Must, Box::new(AllQuery)), (Occur::Must, Box::new(ConstScoreQuery::new(kind_query(fields, kind), 0.0)))]
            }
            (_, kind) => vec![(Occur::Must, Box::new(KindFilter::new(fields, &index.kind_sets, text.box_clone(), kind)))],
        };
        let mut fs: Vec<(Option<FacetField>, Box<dyn Query>)> = Vec::new();
        let mut selected = Vec::new();
        let resolution = if FacetField::ALL.iter().any(|f| !filters.values(*f).is_empty()) { index.resolution()? } else { None };
        for f in FacetField::ALL {
            let vals = filters.values(f);
            if vals.is_empty() {
                continue;
            }
            let mut should: Vec<(Occur, Box<dyn Query>)> = vals.iter().map(|v| (Occur::Should, qb.actor_value(f, v))).collect();
            // the other values of the same actor (see crate::resolve)
            for (g, name) in resolution.iter().flat_map(|r| vals.iter().flat_map(|v| r.alternatives(f, v))) {
                should.push((Occur::Should, Box::new(TermQuery::new(fields.key_term(g, &name), IndexRecordOption::Basic))));
            }
            let q: Box<dyn Query> = Box::new(BooleanQuery::new(should));
            fs.push((Some(f), q));
            selected.push((f, vals.to_vec()));
        }
        if filters.from.is_some() || filters.to.is_some() {
            if let (Some(a), Some(b)) = (filters.from, filters.to) {
                if a > b {
                    return Err(SearchError::InvalidParameter { name: "from".into(), message: format!("from {a} is after to {b}") });
                }
            }
            fs.push((None, date_range(fields, filters.from, filters.to)));
        }
        let everything = matches!(node, query::Node::All).then(|| target.kind(scope.terms));
        let hidden = if target == Target::Quotes && !scope.all_copies {
            let statements = index.statements.get(&index.reader.searcher())?;
            statements.any_hidden().then(|| crate::statements::HiddenCopies(statements))
        } else {
            None
        };
        Ok(Parts { text, scoped, filters: fs, collapse, selected, everything, hidden })
    }

    /// The target's kind when [`Parts::query`] with `except` matches everything of it (no text,
    /// no filter but `except`'s): what it counts is the same for every request.
    fn everything_but(&self, except: Option<FacetField>) -> Option<&'static str> {
        self.everything.filter(|_| self.filters.iter().all(|(f, _)| except.is_some() && *f == except))
    }

    /// The combined query, leaving out the filter on `except` (for disjunctive facet counts).
    /// A lone required clause is the query itself, so that its own loop over the matches runs
    /// (see [`KindFilter`]) rather than a conjunction's of one.
    pub fn query(&self, except: Option<FacetField>) -> Box<dyn Query> {
        let filter = |q: &dyn Query| -> Box<dyn Query> { Box::new(ConstScoreQuery::new(q.box_clone(), 0.0)) };
        let mut v: Vec<(Occur, Box<dyn Query>)> = self.scoped.iter().map(|(o, q)| (*o, q.box_clone())).collect();
        for (f, q) in &self.filters {
            if except.is_some() && *f == except {
                continue;
            }
            v.push((Occur::Must, filter(&**q)));
        }
        if self.collapse {
            v.push((Occur::MustNot, Box::new(ExistsQuery::new("duplicate_of".to_string(), false))));
        }
        if let Some(h) = &self.hidden {
            v.push((Occur::MustNot, Box::new(h.clone())));
        }
        if matches!(v[..], [(Occur::Must, _)]) {
            if let Some((_, q)) = v.pop() {
                return q;
            }
        }
        Box::new(BooleanQuery::new(v))
    }

    /// The combined query with extra required clauses.
    pub fn query_with(&self, extra: Vec<Box<dyn Query>>) -> BooleanQuery {
        let mut v: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(self.query(None)))];
        v.extend(extra.into_iter().map(|q| (Occur::Must, q)));
        BooleanQuery::new(v)
    }
}

fn filters_of(parts: &Parts, f: FacetField) -> &[String] {
    parts.selected.iter().find(|(g, _)| *g == f).map(|(_, v)| v.as_slice()).unwrap_or(&[])
}

/// The one check of a size limit: `name` (the parameter) may be at most `max`.
pub fn check_limit(name: &'static str, value: usize, max: usize) -> Result<()> {
    if value > max {
        return Err(SearchError::LimitTooLarge { name, limit: value, max });
    }
    Ok(())
}

fn check_limits(req: &SearchRequest) -> Result<()> {
    check_limit("limit", req.limit, MAX_LIMIT)?;
    check_limit("facet_limit", req.facet_limit, MAX_FACET_LIMIT)
}

/// Top documents for a query in the requested order, with their scores, and the counts of all
/// its matches from the same pass when a counter is given.
fn top_docs_counted(
    searcher: &Searcher,
    q: &dyn Query,
    sort: Sort,
    limit: usize,
    offset: usize,
    counter: Option<Counter>,
) -> Result<(Vec<(f32, DocAddress)>, Option<agg::Counted>)> {
    if limit == 0 {
        return Ok((Vec::new(), counter.map(|c| agg::count(searcher, q, c)).transpose()?));
    }
    Ok(match sort {
        Sort::Relevance => searcher.search(q, &(TopScores::new(limit, offset), counter))?,
        Sort::Newest | Sort::Oldest => {
            let top = TopDocs::with_limit(limit).and_offset(offset);
            let order = if sort == Sort::Newest { Order::Desc } else { Order::Asc };
            let (docs, counted): (Vec<(Option<DateTime>, DocAddress)>, _) =
                searcher.search(q, &(top.order_by_fast_field("published", order), counter))?;
            (docs.into_iter().map(|(_, a)| (0.0, a)).collect(), counted)
        }
    })
}

/// Top documents for a query in the requested order, with their scores.
pub(crate) fn top_docs(searcher: &Searcher, q: &dyn Query, sort: Sort, limit: usize, offset: usize) -> Result<Vec<(f32, DocAddress)>> {
    Ok(top_docs_counted(searcher, q, sort, limit, offset, None)?.0)
}

fn facet_counts(values: Vec<(String, u64)>) -> Vec<FacetCount> {
    values.into_iter().map(|(value, count)| FacetCount { value, count }).collect()
}

fn buckets(interval: Interval, counted: &BTreeMap<i64, u64>) -> Vec<Bucket> {
    let buckets = counted.iter().filter_map(|(k, n)| Some(Bucket { date: agg::bucket_start(interval, *k)?, count: *n })).collect();
    fill_gaps(interval, buckets)
}

/// Fills the buckets between the first and last with zero counts, so charts get a continuous axis.
fn fill_gaps(interval: Interval, buckets: Vec<Bucket>) -> Vec<Bucket> {
    if buckets.len() < 2 {
        return buckets;
    }
    let next = |d: NaiveDate| -> Option<NaiveDate> {
        match interval {
            Interval::Day => d.succ_opt(),
            Interval::Week => d.checked_add_days(chrono::Days::new(7)),
            Interval::Month => d.checked_add_months(chrono::Months::new(1)),
            Interval::Year => d.checked_add_months(chrono::Months::new(12)),
        }
    };
    let last = buckets.last().unwrap().date;
    let mut out = Vec::with_capacity(buckets.len());
    let mut it = buckets.into_iter().peekable();
    let mut d = it.peek().unwrap().date;
    while d <= last {
        if it.peek().is_some_and(|b| b.date == d) {
            out.push(it.next().unwrap());
        } else {
            out.push(Bucket { date: d, count: 0 });
        }
        match next(d) {
            Some(n) => d = n,
            None => break,
        }
    }
    out
}

/// The total, facet counts and timeline of a search.
type Counts = (usize, BTreeMap<String, Vec<FacetCount>>, Option<Vec<Bucket>>);

/// Facets counted without their own filter (disjunctive facets).
fn filtered_facets(parts: &Parts, disjunctive: bool) -> Vec<FacetField> {
    if disjunctive {
        parts.filters.iter().filter_map(|(f, _)| *f).collect()
    } else {
        Vec::new()
    }
}

/// The one aggregation pass of a search: the count, the timeline and the facets whose own field
/// is not filtered. A filtered facet is counted in a pass of its own, without its own filter.
fn shared_counter(index: &SitrepIndex, parts: &Parts, req: &SearchRequest) -> Counter {
    Counter { facets: shared_facets(&req.facets, &filtered_facets(parts, req.disjunctive)), size: req.facet_limit, histogram: req.histogram, ..index.counter() }
}

/// The requested facets that are not filtered: counted in the shared pass.
fn shared_facets(facets: &[FacetField], filtered: &[FacetField]) -> Vec<FacetField> {
    facets.iter().filter(|f| !filtered.contains(f)).copied().collect()
}

impl SitrepIndex {
    /// The page of hits (loaded by `load`) and the counts of a search, ranked and counted in one
    /// pass over the matches.
    ///
    /// (Until the counts read decoded columns, a lone search counted on a second core while
    /// ranking on the first; one pass is now faster for every query of the benchmark mix.)
    fn page_and_counts<H>(
        &self,
        searcher: &Searcher,
        parts: &Parts,
        req: &SearchRequest,
        (offset, limit): (usize, usize),
        load: impl Fn(Vec<(f32, DocAddress)>) -> Result<Vec<H>>,
    ) -> Result<(Vec<H>, Counts)> {
        // Counts over everything come from the cache, not from this pass.
        let counter = parts.everything_but(None).is_none().then(|| shared_counter(self, parts, req));
        let (docs, counted) = top_docs_counted(searcher, &parts.query(None), req.sort, limit, offset, counter)?;
        let counted = match counted {
            Some(c) => c,
            None => self.count_parts(searcher, parts, None, shared_counter(self, parts, req))?,
        };
        Ok((load(docs)?, self.finish_counts(searcher, parts, req, counted)?))
    }

    /// What `counter` counts over the matches of `parts` (leaving out the filter on `except`),
    /// from the cache of counts over everything when the request does not narrow them.
    fn count_parts(&self, searcher: &Searcher, parts: &Parts, except: Option<FacetField>, counter: Counter) -> Result<agg::Counted> {
        let q = parts.query(except);
        match parts.everything_but(except) {
            Some(kind) => self.everything.count(searcher, &q, kind, (parts.collapse, parts.hidden.is_some()), counter),
            None => agg::count(searcher, &q, counter),
        }
    }

    /// The total, facets and timeline of a search from the pass of [`shared_counter`], plus a
    /// pass per filtered facet (counted without its own filter).
    fn finish_counts(&self, searcher: &Searcher, parts: &Parts, req: &SearchRequest, counted: agg::Counted) -> Result<Counts> {
        let (facets, facet_limit, histogram) = (&req.facets[..], req.facet_limit, req.histogram);
        let filtered = filtered_facets(parts, req.disjunctive);
        let shared = shared_facets(facets, &filtered);
        let mut out = BTreeMap::new();
        let total = counted.count;
        for (f, values) in shared.iter().zip(counted.facets) {
            out.insert(f.api_name().to_string(), facet_counts(values));
        }
        let timeline = histogram.map(|i| buckets(i, &counted.histogram));
        for f in facets.iter().filter(|f| filtered.contains(f)) {
            let q = parts.query(Some(*f));
            let counted = self.count_parts(searcher, parts, Some(*f), Counter { facets: vec![*f], size: facet_limit, ..self.counter() })?;
            let mut counts = facet_counts(counted.facets.into_iter().next().unwrap_or_default());
            // Selected values are always listed, even when they fall outside the top k.
            for v in filters_of(parts, *f) {
                if counts.iter().any(|c| c.value.eq_ignore_ascii_case(v)) {
                    continue;
                }
                let with = parts.query_with(vec![Box::new(TermQuery::new(self.fields.key_term(*f, v), IndexRecordOption::Basic))]);
                let with_others = BooleanQuery::new(vec![(Occur::Must, q.box_clone()), (Occur::Must, Box::new(with))]);
                let n = searcher.search(&with_others, &Count)? as u64;
                if n > 0 {
                    counts.push(FacetCount { value: v.clone(), count: n });
                }
            }
            out.insert(f.api_name().to_string(), counts);
        }
        Ok((total, out, timeline))
    }

    fn page(&self, req: &SearchRequest) -> Result<(usize, usize)> {
        check_limits(req)?;
        let offset = match &req.cursor {
            Some(c) => decode_cursor(c)?,
            None => req.offset,
        };
        Ok((offset, req.limit))
    }

    /// Searches articles.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse<ArticleHit>> {
        let t0 = Instant::now();
        let (offset, limit) = self.page(req)?;
        let searcher = self.reader.searcher();
        let parts = Parts::new(self, &req.q, Target::Articles, &req.filters, req.collapse, QuoteScope::default())?;
        let load = |docs: Vec<(f32, DocAddress)>| -> Result<Vec<ArticleHit>> {
            let snippets = if req.snippets { self.snippet_generator(&searcher, &*parts.text)? } else { None };
            let mut hits = Vec::with_capacity(docs.len());
            for (score, addr) in docs {
                let rec = load_article(&searcher, self, addr)?;
                hits.push(self.article_hit(rec, score, snippets.as_ref()));
            }
            Ok(hits)
        };
        let (hits, (total, facets, timeline)) = self.page_and_counts(&searcher, &parts, req, (offset, limit), load)?;
        let next_cursor = (offset + hits.len() < total && !hits.is_empty()).then(|| encode_cursor(offset + hits.len()));
        Ok(SearchResponse { total, hits, facets, timeline, next_cursor, took_ms: t0.elapsed().as_secs_f64() * 1000.0 })
    }

    /// Searches quotations.
    pub fn search_quotes(&self, req: &SearchRequest) -> Result<SearchResponse<QuoteHit>> {
        let t0 = Instant::now();
        let (offset, limit) = self.page(req)?;
        let searcher = self.reader.searcher();
        let parts = Parts::new(self, &req.q, Target::Quotes, &req.filters, req.collapse, QuoteScope::of(req))?;
        let statements = parts.hidden.as_ref().map(|h| h.0.clone());
        let resolution = self.resolution()?;
        let load = |docs: Vec<(f32, DocAddress)>| -> Result<Vec<QuoteHit>> {
            let mut gen = self.snippet_generator(&searcher, &*parts.text)?;
            if let Some(g) = &mut gen {
                g.set_max_num_chars(100_000);
            }
            let mut hits = Vec::with_capacity(docs.len());
            for (score, addr) in docs {
                let mut quote = load_quote(&searcher, self, addr)?;
                if let Some(st) = &statements {
                    quote.also_in = st.also_in(addr).to_vec();
                }
                if let Some(s) = resolution.as_ref().and_then(|r| quote.speaker.as_deref().and_then(|s| r.speaker(s))) {
                    quote.speaker = Some(s);
                }
                let highlight = highlight_all(gen.as_ref(), &quote.text);
                hits.push(QuoteHit { quote, highlight, score });
            }
            Ok(hits)
        };
        let (hits, (total, facets, timeline)) = self.page_and_counts(&searcher, &parts, req, (offset, limit), load)?;
        let next_cursor = (offset + hits.len() < total && !hits.is_empty()).then(|| encode_cursor(offset + hits.len()));
        Ok(SearchResponse { total, hits, facets, timeline, next_cursor, took_ms: t0.elapsed().as_secs_f64() * 1000.0 })
    }

    /// Date histogram of matching records, plus one named series per extra filter set.
    pub fn timeline(
        &self,
        q: &str,
        target: Target,
        filters: &Filters,
        interval: Interval,
        series: &[(String, Filters)],
    ) -> Result<Vec<(String, Vec<Bucket>)>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        let base = Parts::new(self, q, target, filters, false, QuoteScope::default())?;
        let histogram = |q: &dyn Query| -> Result<Vec<Bucket>> {
            let counted = agg::count(&searcher, q, Counter { histogram: Some(interval), ..self.counter() })?;
            Ok(buckets(interval, &counted.histogram))
        };
        if series.is_empty() {
            out.push(("all".to_string(), histogram(&base.query(None))?));
        }
        for (name, extra) in series {
            let p = Parts::new(self, "", target, extra, false, QuoteScope { all_copies: true, ..QuoteScope::default() })?;
            let q = base.query_with(vec![Box::new(p.query(None))]);
            out.push((name.clone(), histogram(&q)?));
        }
        Ok(out)
    }

    /// Every matching article id in order (for exports), without loading the records.
    pub fn matching(&self, req: &SearchRequest) -> Result<(Searcher, Vec<(f32, DocAddress)>)> {
        let searcher = self.reader.searcher();
        let parts = Parts::new(self, &req.q, req.target, &req.filters, req.collapse, QuoteScope::of(req))?;
        let q = parts.query(None);
        let total = searcher.search(&q, &Count)?;
        let docs = top_docs(&searcher, &q, req.sort, total, 0)?;
        Ok((searcher, docs))
    }

    /// Loads an article hit from an address returned by [`SitrepIndex::matching`].
    pub fn article_at(&self, searcher: &Searcher, addr: DocAddress) -> Result<crate::record::ArticleRecord> {
        load_article(searcher, self, addr)
    }

    /// Loads a quote from an address returned by [`SitrepIndex::matching`].
    /// The speaker is shown under its resolved name and `also_in` lists the copies, as in
    /// [`SitrepIndex::search_quotes`].
    pub fn quote_at(&self, searcher: &Searcher, addr: DocAddress) -> Result<QuoteRecord> {
        let mut quote = load_quote(searcher, self, addr)?;
        if let Some(s) = self.resolution()?.as_ref().and_then(|r| quote.speaker.as_deref().and_then(|s| r.speaker(s))) {
            quote.speaker = Some(s);
        }
        quote.also_in = self.statements.get(searcher)?.also_in(addr).to_vec();
        Ok(quote)
    }

    /// Marks the words of the text query in the body; `None` when the query has no words there
    /// (filters only), so hits show their lead without the text being tokenized for nothing.
    fn snippet_generator(&self, searcher: &Searcher, q: &dyn Query) -> Result<Option<SnippetGenerator>> {
        let mut words = false;
        q.query_terms(&mut |term, _| words |= term.field() == self.fields.body);
        if !words {
            return Ok(None);
        }
        let mut gen = SnippetGenerator::create(searcher, q, self.fields.body)?;
        gen.set_max_num_chars(240);
        Ok(Some(gen))
    }

    /// An article hit without a snippet (the article's lead instead), for exports.
    pub fn hit_from_record(&self, rec: crate::record::ArticleRecord, score: f32) -> ArticleHit {
        self.article_hit(rec, score, None)
    }

    pub(crate) fn article_hit(&self, rec: crate::record::ArticleRecord, score: f32, gen: Option<&SnippetGenerator>) -> ArticleHit {
        let a = &rec.article;
        let body = a.body();
        let snippet = match gen {
            Some(g) => {
                let s = marked(g.snippet(&body));
                if s.highlighted().is_empty() {
                    lead(&body)
                } else {
                    s.to_html()
                }
            }
            None => lead(&body),
        };
        // the actors under their one names (entity lists only: the text is not copied)
        let (mut people, mut organisations, mut locations) = (a.people.clone(), a.organisations.clone(), a.locations.clone());
        if let Some(r) = self.resolution().ok().flatten() {
            r.apply_entities(&mut people, &mut organisations, &mut locations);
        }
        let names = |es: &[sitrep_indexer::Entity]| es.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
        ArticleHit {
            id: a.id.clone(),
            title: a.title.clone(),
            published: a.published,
            snippet,
            people: names(&people),
            organisations: names(&organisations),
            locations: names(&locations),
            source: a.source.clone(),
            path: a.path.clone(),
            duplicate_of: rec.duplicate_of.clone(),
            score,
        }
    }
}

/// The opening of a text, HTML-escaped, cut at a word boundary.
fn lead(text: &str) -> String {
    let mut end = text.len().min(240);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        if let Some(sp) = text[..end].rfind(' ') {
            end = sp;
        }
    }
    let mut s = html_escape(&text[..end]);
    if end < text.len() {
        s.push('…');
    }
    s
}

pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn marked(mut s: tantivy::snippet::Snippet) -> tantivy::snippet::Snippet {
    s.set_snippet_prefix_postfix("<mark>", "</mark>");
    s
}

/// Marks every matched word of a quotation, keeping the whole text (a snippet's fragment runs
/// from the first to the last word, without the quotation's punctuation at either end).
fn highlight_all(gen: Option<&SnippetGenerator>, text: &str) -> String {
    let Some(gen) = gen else { return html_escape(text) };
    let s = gen.snippet(text);
    let base = if s.highlighted().is_empty() { None } else { text.find(s.fragment()) };
    match base {
        Some(base) => mark_ranges(text, s.highlighted().iter().map(|r| base + r.start..base + r.end)),
        None => html_escape(text),
    }
}

/// HTML-escapes `text` with `<mark>` around the given byte ranges (in order; bad ranges skipped).
fn mark_ranges(text: &str, ranges: impl Iterator<Item = std::ops::Range<usize>>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut pos = 0;
    for r in ranges {
        if r.start < pos || r.end > text.len() || r.start >= r.end || !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            continue;
        }
        out.push_str(&html_escape(&text[pos..r.start]));
        out.push_str("<mark>");
        out.push_str(&html_escape(&text[r.clone()]));
        out.push_str("</mark>");
        pos = r.end;
    }
    out.push_str(&html_escape(&text[pos..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_dates_serialise_like_chrono() {
        for (y, m, d) in [(1911, 3, 6), (2024, 12, 31), (5, 1, 9), (-44, 3, 15), (10000, 1, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let got = serde_json::to_string(&Bucket { date, count: 2 }).unwrap();
            assert_eq!(got, format!("{{\"date\":{},\"count\":2}}", serde_json::to_string(&date).unwrap()));
        }
    }

    #[test]
    fn marks_ranges_in_the_whole_text() {
        let t = "\u{201c}Peace & talks,\u{201d} she said.";
        let p = t.find("Peace").unwrap();
        let k = t.find("talks").unwrap();
        assert_eq!(mark_ranges(t, [p..p + 5, k..k + 5].into_iter()), "\u{201c}<mark>Peace</mark> &amp; <mark>talks</mark>,\u{201d} she said.");
        // overlapping, empty, out-of-range and mid-character ranges are skipped
        assert_eq!(mark_ranges(t, [p..p + 5, p + 1..p + 3, 4..4, 1..2, 0..999].into_iter()), mark_ranges(t, std::iter::once(p..p + 5)));
        assert_eq!(mark_ranges("a<b", std::iter::empty()), "a&lt;b");
    }
}

#[cfg(test)]
mod language_tests {
    use super::*;

    #[test]
    fn languages_are_a_facet_and_a_filter() {
        let index = SitrepIndex::in_memory().unwrap();
        let mut w = index.writer(1).unwrap();
        for (n, lang) in ["en", "de", "en", "es"].iter().enumerate() {
            let article: sitrep_indexer::Article = serde_json::from_value(serde_json::json!({
                "path": format!("a{n}.txt"), "id": format!("a{n}"), "title": null, "published": "2021-01-01",
                "dateline": null, "text": "words", "quotes": [], "people": [], "organisations": [], "locations": [],
                "language": lang,
            }))
            .unwrap();
            w.add_article(&crate::record::ArticleRecord::new(article), &format!("a{n}.txt"), n as u64, None).unwrap();
        }
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
        let res = index.search(&SearchRequest { limit: 0, facets: vec![FacetField::Language], ..Default::default() }).unwrap();
        let got: Vec<(String, u64)> = res.facets["languages"].iter().map(|c| (c.value.clone(), c.count)).collect();
        assert_eq!(got, vec![("en".to_string(), 2), ("de".to_string(), 1), ("es".to_string(), 1)]);
        let mut filters = Filters::default();
        filters.language.push("DE".into());
        assert_eq!(index.search(&SearchRequest { filters, limit: 0, ..Default::default() }).unwrap().total, 1);
        assert_eq!(index.search(&SearchRequest { q: "language:es".into(), limit: 0, ..Default::default() }).unwrap().total, 1);
    }
}
