//! Searches and timelines answered by the cluster: sitrep's query language and filters in
//! Quickwit's Elasticsearch-compatible query DSL, facets from terms aggregations, timelines
//! from daily date histograms added up into sitrep's buckets.

use crate::client::Client;
use crate::doc::{timestamp, Analyzer, KIND_ARTICLE, KIND_QUOTE, KIND_TERM};
use crate::error::{QuickwitError, Result};
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};
use sitrep_search::query::{index_date_range, parse, Node, QField};
use sitrep_search::schema::{word_run_key, MAX_KEY_WORDS};
use sitrep_search::search::{exact_value, MAX_FACET_LIMIT};
use sitrep_search::{
    check_limit, ArticleHit, Bucket, FacetCount, FacetField, Filters, Interval, QuoteHit,
    QuoteRecord, SearchError, SearchRequest, SearchResponse, Sort, Target, MAX_LIMIT,
};
use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

/// Values asked of each split per facet: top values are exact while a facet has at most this
/// many distinct values among the matches of a split.
const SPLIT_FACET_SIZE: usize = 10_000;

/// The Quickwit fields of a facet: (values counted, keys filtered on).
pub fn facet_fields(f: FacetField) -> (&'static str, &'static str) {
    match f {
        FacetField::Person => ("people", "person_key"),
        FacetField::Org => ("organisations", "org_key"),
        FacetField::Location => ("locations", "location_key"),
        FacetField::Speaker => ("speakers", "speaker_key"),
        FacetField::Source => ("sources", "source_key"),
        FacetField::ActorCountry => ("actor_country", "actor_country"),
        FacetField::ActorRole => ("actor_role", "actor_role"),
        FacetField::Language => ("language", "language"),
        FacetField::Cue => ("cues", "cues"),
    }
}

/// The exact key of a filter value, as the embedded index's `key_term`.
fn key_of(f: FacetField, value: &str) -> String {
    match f {
        FacetField::ActorCountry | FacetField::ActorRole => value.trim().to_uppercase(),
        FacetField::Cue => sitrep_indexer::quotes::cue_lemma(value.trim())
            .unwrap_or_else(|| value.trim().to_lowercase()),
        _ => value.trim().to_lowercase(),
    }
}

fn term(field: &str, value: &str) -> Value {
    json!({ "term": { field: { "value": value } } })
}

fn match_all() -> Value {
    json!({ "match_all": {} })
}

fn match_none() -> Value {
    json!({ "match_none": null })
}

fn should(clauses: Vec<Value>) -> Value {
    json!({ "bool": { "should": clauses } })
}

fn day(d: NaiveDate) -> String {
    format!("{}T00:00:00Z", d.format("%Y-%m-%d"))
}

/// Publication dates from..to, both inclusive, on the indexed (clamped) dates, as the embedded
/// index's `date_range`.
pub fn date_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Value {
    let (min, max) = index_date_range();
    let mut range = serde_json::Map::new();
    if let Some(d) = from.filter(|d| *d > min) {
        range.insert("gte".into(), json!(day(d)));
    }
    if let Some(d) = to.filter(|d| *d < max).and_then(|d| d.max(min).succ_opt()) {
        range.insert("lt".into(), json!(day(d)));
    }
    if range.is_empty() {
        return json!({ "exists": { "field": "published" } });
    }
    json!({ "range": { "published": range } })
}

/// Translates sitrep queries and filters.
#[derive(Default)]
pub struct Translator {
    analyzer: Analyzer,
}

impl Translator {
    /// Words or a phrase in one text field; `None` when the text has no words.
    fn text(&mut self, field: &str, text: &str, prefix: bool) -> Option<Value> {
        if prefix {
            let p = text.to_lowercase();
            return (!p.is_empty()).then(|| json!({ "prefix": { field: { "value": p } } }));
        }
        let words = self.analyzer.words(text);
        match words.len() {
            0 => None,
            1 => Some(term(field, &words[0])),
            _ => Some(json!({ "match_phrase": { field: { "query": words.join(" ") } } })),
        }
    }

    /// An actor value: the exact name (any case), or any name containing the words.
    pub fn actor_value(&mut self, f: FacetField, value: &str) -> Value {
        let (_, key) = facet_fields(f);
        let mut clauses = vec![term(key, &key_of(f, value))];
        if matches!(
            f,
            FacetField::Person
                | FacetField::Org
                | FacetField::Location
                | FacetField::Speaker
                | FacetField::Source
        ) {
            let words = self.analyzer.words(value);
            if (1..=MAX_KEY_WORDS).contains(&words.len()) {
                clauses.push(term(key, &word_run_key(&words)));
            }
        }
        should(clauses)
    }

    fn leaf(&mut self, field: Option<QField>, text: &str, prefix: bool) -> Value {
        match field {
            None => {
                let t = self.text("title_terms", text, prefix);
                let b = self.text("body_terms", text, prefix);
                match (t, b) {
                    (None, None) => match_all(),
                    (t, b) => should(t.into_iter().chain(b).collect()),
                }
            }
            Some(QField::Title) => self
                .text("title_terms", text, prefix)
                .unwrap_or_else(match_none),
            Some(QField::Body) => self
                .text("body_terms", text, prefix)
                .unwrap_or_else(match_none),
            Some(QField::Actor(f)) if prefix => {
                let (_, key) = facet_fields(f);
                match f {
                    // a word of a name that begins with the prefix: a word-run key does
                    FacetField::Person
                    | FacetField::Org
                    | FacetField::Location
                    | FacetField::Speaker
                    | FacetField::Source => {
                        let p = text.to_lowercase();
                        if p.is_empty() {
                            return match_none();
                        }
                        json!({ "prefix": { key: { "value": format!("\u{1e}{p}") } } })
                    }
                    _ => json!({ "prefix": { key: { "value": key_of(f, text) } } }),
                }
            }
            Some(QField::Actor(f)) => self.actor_value(f, text),
            Some(QField::Published) => match_none(),
        }
    }

    /// A parsed query in the query DSL.
    pub fn node(&mut self, node: &Node) -> Value {
        match node {
            Node::All => match_all(),
            Node::Word {
                field,
                text,
                prefix,
            } => self.leaf(*field, text, *prefix),
            Node::Phrase { field, text } => self.leaf(*field, text, false),
            Node::Range { from, to, .. } => date_range(*from, *to),
            Node::And(items) => {
                let (mut must, mut must_not) = (Vec::new(), Vec::new());
                for it in items {
                    match it {
                        Node::Not(inner) => must_not.push(self.node(inner)),
                        other => must.push(self.node(other)),
                    }
                }
                if must.is_empty() {
                    must.push(match_all());
                }
                json!({ "bool": { "must": must, "must_not": must_not } })
            }
            Node::Or(items) => should(items.iter().map(|it| self.node(it)).collect()),
            Node::Not(inner) => {
                json!({ "bool": { "must": [match_all()], "must_not": [self.node(inner)] } })
            }
        }
    }

    /// The filter of one facet's values (OR), with quoted values exact.
    fn facet_filter(&mut self, f: FacetField, values: &[String]) -> Value {
        let (_, key) = facet_fields(f);
        should(
            values
                .iter()
                .map(|v| match exact_value(v) {
                    Some(name) => term(key, &key_of(f, name)),
                    None => self.actor_value(f, v),
                })
                .collect(),
        )
    }
}

/// Which documents a search counts: articles, or quotations (statements; with `terms`, terms
/// and scare quotes too; with `all_copies`, every copy of a repeated statement).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scope {
    target: Target,
    terms: bool,
    all_copies: bool,
}

impl Scope {
    fn of(req: &SearchRequest) -> Scope {
        Scope {
            target: req.target,
            terms: req.terms,
            all_copies: req.all_copies,
        }
    }

    /// The clauses the documents must match, and those they must not.
    fn clauses(self) -> (Value, Vec<Value>) {
        match self.target {
            Target::Articles => (term("kind", KIND_ARTICLE), Vec::new()),
            Target::Quotes => {
                let kind = if self.terms {
                    should(vec![term("kind", KIND_QUOTE), term("kind", KIND_TERM)])
                } else {
                    term("kind", KIND_QUOTE)
                };
                let not = if self.all_copies {
                    Vec::new()
                } else {
                    vec![json!({ "exists": { "field": "hidden_copy" } })]
                };
                (kind, not)
            }
        }
    }
}

/// A request's query, kept in parts so that facets can leave out their own filter.
struct Parts {
    text: Value,
    filters: Vec<(Option<FacetField>, Value)>,
    collapse: bool,
    scope: Scope,
}

impl Parts {
    fn new(q: &str, filters: &Filters, collapse: bool, scope: Scope) -> Result<Parts> {
        let node = parse(q)?;
        let mut t = Translator::default();
        let text = t.node(&node);
        let mut fs = Vec::new();
        for f in FacetField::ALL {
            let vals = filters.values(f);
            if !vals.is_empty() {
                fs.push((Some(f), t.facet_filter(f, vals)));
            }
        }
        if let (Some(a), Some(b)) = (filters.from, filters.to) {
            if a > b {
                return Err(SearchError::InvalidParameter {
                    name: "from".into(),
                    message: format!("from {a} is after to {b}"),
                }
                .into());
            }
        }
        if filters.from.is_some() || filters.to.is_some() {
            fs.push((None, date_range(filters.from, filters.to)));
        }
        Ok(Parts {
            text,
            filters: fs,
            collapse,
            scope,
        })
    }

    /// The whole query, without the filter on `except`; `extra` clauses are required too.
    fn query(&self, except: Option<FacetField>, extra: &[Value]) -> Value {
        let (kind, mut must_not) = self.scope.clauses();
        let filter: Vec<Value> = std::iter::once(kind)
            .chain(
                self.filters
                    .iter()
                    .filter(|(f, _)| except.is_none() || *f != except)
                    .map(|(_, q)| q.clone()),
            )
            .chain(extra.iter().cloned())
            .collect();
        if self.collapse {
            must_not.push(json!({ "exists": { "field": "duplicate_of" } }));
        }
        json!({ "bool": { "must": [self.text.clone()], "filter": filter, "must_not": must_not } })
    }
}

/// Values asked per facet at first: enough for the top values unless ties cross the cut.
fn first_size(facet_limit: usize) -> usize {
    (facet_limit * 4).clamp(100, SPLIT_FACET_SIZE)
}

fn terms_agg(f: FacetField, size: usize) -> Value {
    json!({ "terms": { "field": facet_fields(f).0, "size": size, "shard_size": SPLIT_FACET_SIZE } })
}

/// Whether a terms aggregation asked for `size` values may have left out values that tie with
/// the last of the top `limit` (Quickwit breaks ties in its own order, sitrep by name).
fn cut_in_a_tie(agg: &Value, limit: usize, size: usize) -> bool {
    let Some(b) = agg.get("buckets").and_then(Value::as_array) else {
        return false;
    };
    let count = |v: &Value| v.get("doc_count").and_then(Value::as_u64);
    limit > 0
        && b.len() >= size
        && b.len() >= limit
        && count(&b[limit - 1]) == b.last().and_then(count)
}

fn histogram_agg() -> Value {
    json!({ "date_histogram": { "field": "published", "fixed_interval": "1d", "min_doc_count": 1 } })
}

fn bad(message: impl Into<String>) -> QuickwitError {
    QuickwitError::BadAnswer {
        what: "a search".into(),
        message: message.into(),
    }
}

/// Top values of a terms aggregation: by count, ties by name, at most `limit`.
fn facet_values(agg: &Value, limit: usize) -> Result<Vec<FacetCount>> {
    let buckets = agg
        .get("buckets")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("a terms aggregation without buckets"))?;
    let mut out: Vec<FacetCount> = buckets
        .iter()
        .filter_map(|b| {
            Some(FacetCount {
                value: b.get("key")?.as_str()?.to_string(),
                count: b.get("doc_count")?.as_u64()?,
            })
        })
        .filter(|c| !c.value.is_empty() && c.count > 0)
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out.truncate(limit);
    Ok(out)
}

/// The first day of the bucket of `d`, as the embedded index numbers buckets (weeks start on
/// Monday).
pub fn bucket_start(interval: Interval, d: NaiveDate) -> NaiveDate {
    match interval {
        Interval::Day => d,
        Interval::Week => d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64),
        Interval::Month => d.with_day(1).unwrap_or(d),
        Interval::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
    }
}

/// Daily histogram buckets added up into `interval` buckets, with the gaps filled.
fn timeline_buckets(agg: &Value, interval: Interval) -> Result<Vec<Bucket>> {
    let buckets = agg
        .get("buckets")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("a date histogram without buckets"))?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).ok_or_else(|| bad("no epoch"))?;
    let mut counts: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for b in buckets {
        let key = b
            .get("key")
            .and_then(Value::as_f64)
            .ok_or_else(|| bad("a date histogram bucket without a key"))?;
        let n = b.get("doc_count").and_then(Value::as_u64).unwrap_or(0);
        if n == 0 {
            continue;
        }
        let days = (key / 86_400_000.0).floor() as i64;
        let Some(d) = chrono::Duration::try_days(days).and_then(|dd| epoch.checked_add_signed(dd))
        else {
            continue;
        };
        *counts.entry(bucket_start(interval, d)).or_default() += n;
    }
    // zero buckets between the first and the last, as the embedded index gives them
    Ok(sitrep_search::search::fill_gaps(
        interval,
        counts
            .into_iter()
            .map(|(date, count)| Bucket { date, count })
            .collect(),
    ))
}

fn total_of(res: &Value) -> Result<usize> {
    res.pointer("/hits/total/value")
        .and_then(Value::as_u64)
        .map(|n| n as usize)
        .ok_or_else(|| bad("an answer without hits.total"))
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn hit_of(h: &Value, score: f32) -> Result<ArticleHit> {
    let s = h
        .get("_source")
        .ok_or_else(|| bad("a hit without _source"))?;
    let text = |k: &str| s.get(k).and_then(Value::as_str).map(str::to_string);
    Ok(ArticleHit {
        id: text("article_id").ok_or_else(|| bad("a hit without article_id"))?,
        title: text("title"),
        published: text("date").and_then(|d| d.parse().ok()),
        snippet: text("lead").unwrap_or_default(),
        people: strings(s.get("people")),
        organisations: strings(s.get("organisations")),
        locations: strings(s.get("locations")),
        source: strings(s.get("sources")).into_iter().next(),
        path: text("path").unwrap_or_default(),
        duplicate_of: text("duplicate_of"),
        score,
    })
}

/// The words of a query that a quotation's text can hold (unfielded or `body:`), as analysed.
fn body_words(node: &Node) -> HashSet<String> {
    let mut analyzer = Analyzer::default();
    let mut out = HashSet::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n {
            Node::Word {
                field: None | Some(QField::Body),
                text,
                prefix: false,
            }
            | Node::Phrase {
                field: None | Some(QField::Body),
                text,
            } => {
                out.extend(analyzer.words(text));
            }
            Node::And(items) | Node::Or(items) => stack.extend(items),
            // words the query excludes are not what a hit matched
            _ => {}
        }
    }
    out
}

fn quote_hit(
    analyzer: &mut Analyzer,
    words: &HashSet<String>,
    h: &Value,
    score: f32,
) -> Result<QuoteHit> {
    let s = h
        .get("_source")
        .ok_or_else(|| bad("a hit without _source"))?;
    let quote: QuoteRecord = s
        .get("record")
        .cloned()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| bad(format!("a quotation record: {e}")))?
        .ok_or_else(|| bad("a quotation without its record"))?;
    let highlight = sitrep_search::export::mark_ranges(
        &quote.text,
        analyzer.matches(&quote.text, words).into_iter(),
    );
    Ok(QuoteHit {
        quote,
        highlight,
        score,
    })
}

/// A hit's relevance score: the value it was sorted by when sorted by score, else 0.
fn relevance_of(sort: Sort, h: &Value) -> f32 {
    match sort {
        Sort::Relevance => h
            .pointer("/sort/0")
            .or_else(|| h.get("_score"))
            .and_then(Value::as_f64)
            .unwrap_or(0.0) as f32,
        Sort::Newest | Sort::Oldest => 0.0,
    }
}

/// Searches answered by a Quickwit cluster.
#[derive(Debug, Clone)]
pub struct QuickwitSearch {
    client: Client,
}

impl QuickwitSearch {
    pub fn new(client: Client) -> QuickwitSearch {
        QuickwitSearch { client }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Searches articles: total, a page of hits (their lead as snippet), facets and timeline,
    /// as [`sitrep_search::SitrepIndex::search`] answers them.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse<ArticleHit>> {
        if req.target != Target::Articles {
            return Err(QuickwitError::BadAnswer {
                what: "a search".into(),
                message: "an article search for quotations".into(),
            });
        }
        self.run(req, |_, h, score| hit_of(h, score))
    }

    /// Searches quotations: each statement once (unless `all_copies`), terms only when asked
    /// for, as [`sitrep_search::SitrepIndex::search_quotes`] answers them. The query's words
    /// are marked in each quotation.
    pub fn search_quotes(&self, req: &SearchRequest) -> Result<SearchResponse<QuoteHit>> {
        let req = SearchRequest {
            target: Target::Quotes,
            ..req.clone()
        };
        let words = body_words(&parse(&req.q)?);
        self.run(&req, |analyzer, h, score| {
            let mut hit = quote_hit(analyzer, &words, h, score)?;
            // every copy is listed: none stands for the others
            if req.all_copies {
                hit.quote.also_in.clear();
            }
            Ok(hit)
        })
    }

    /// One search of the cluster, its hits read by `hit`.
    fn run<H>(
        &self,
        req: &SearchRequest,
        mut hit: impl FnMut(&mut Analyzer, &Value, f32) -> Result<H>,
    ) -> Result<SearchResponse<H>> {
        let t0 = Instant::now();
        if req.cursor.is_some() {
            return Err(QuickwitError::Unsupported(
                "cursor paging (use offset)".into(),
            ));
        }
        check_limit("limit", req.limit, MAX_LIMIT)?;
        check_limit("facet_limit", req.facet_limit, MAX_FACET_LIMIT)?;
        let parts = Parts::new(&req.q, &req.filters, req.collapse, Scope::of(req))?;
        let filtered: Vec<FacetField> = if req.disjunctive {
            parts
                .filters
                .iter()
                .filter_map(|(f, _)| *f)
                .filter(|f| req.facets.contains(f))
                .collect()
        } else {
            Vec::new()
        };
        let mut aggs = serde_json::Map::new();
        let size = first_size(req.facet_limit);
        for f in req.facets.iter().filter(|f| !filtered.contains(f)) {
            aggs.insert(f.api_name().to_string(), terms_agg(*f, size));
        }
        if req.histogram.is_some() {
            aggs.insert("timeline".into(), histogram_agg());
        }
        let mut body = json!({
            "query": parts.query(None, &[]),
            "size": req.limit,
            "from": req.offset,
            "track_total_hits": true,
        });
        if !aggs.is_empty() {
            body["aggs"] = Value::Object(aggs);
        }
        match req.sort {
            // Quickwit scores hits (BM25) only when asked to sort by score
            Sort::Relevance => body["sort"] = json!([{ "_score": { "order": "desc" } }]),
            Sort::Newest => body["sort"] = json!([{ "published": { "order": "desc" } }]),
            Sort::Oldest => body["sort"] = json!([{ "published": { "order": "asc" } }]),
        }
        let res = self.client.es_search(&body)?;
        let total = total_of(&res)?;
        let mut analyzer = Analyzer::default();
        let hits = res
            .pointer("/hits/hits")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|h| hit(&mut analyzer, h, relevance_of(req.sort, h)))
                    .collect::<Result<Vec<_>>>()
            })
            .transpose()?
            .unwrap_or_default();
        let mut facets = BTreeMap::new();
        for f in req.facets.iter().filter(|f| !filtered.contains(f)) {
            let agg = res
                .pointer(&format!("/aggregations/{}", f.api_name()))
                .ok_or_else(|| bad("a missing aggregation"))?;
            let values = if cut_in_a_tie(agg, req.facet_limit, size) {
                facet_values(
                    &self.facet_agg(parts.query(None, &[]), *f, SPLIT_FACET_SIZE)?,
                    req.facet_limit,
                )?
            } else {
                facet_values(agg, req.facet_limit)?
            };
            facets.insert(f.api_name().to_string(), values);
        }
        let timeline = match req.histogram {
            Some(i) => Some(timeline_buckets(
                res.pointer("/aggregations/timeline")
                    .ok_or_else(|| bad("a missing date histogram"))?,
                i,
            )?),
            None => None,
        };
        // a filtered facet is counted without its own filter
        for f in &filtered {
            let mut agg = self.facet_agg(parts.query(Some(*f), &[]), *f, size)?;
            if cut_in_a_tie(&agg, req.facet_limit, size) {
                agg = self.facet_agg(parts.query(Some(*f), &[]), *f, SPLIT_FACET_SIZE)?;
            }
            let mut counts = facet_values(&agg, req.facet_limit)?;
            // selected values are always listed, even when they fall outside the top values
            for v in req.filters.values(*f) {
                let name = exact_value(v).unwrap_or(v);
                let shown = if *f == FacetField::Cue {
                    key_of(*f, name)
                } else {
                    name.to_string()
                };
                if counts.iter().any(|c| c.value.eq_ignore_ascii_case(&shown)) {
                    continue;
                }
                let with = parts.query(None, &[term(facet_fields(*f).1, &key_of(*f, name))]);
                let n =
                    total_of(&self.client.es_search(
                        &json!({ "query": with, "size": 0, "track_total_hits": true }),
                    )?)? as u64;
                if n > 0 {
                    counts.push(FacetCount {
                        value: shown,
                        count: n,
                    });
                }
            }
            facets.insert(f.api_name().to_string(), counts);
        }
        Ok(SearchResponse {
            total,
            hits,
            facets,
            timeline,
            next_cursor: None,
            took_ms: t0.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// The terms aggregation of one facet over the matches of `query`.
    fn facet_agg(&self, query: Value, f: FacetField, size: usize) -> Result<Value> {
        let body = json!({ "query": query, "size": 0, "track_total_hits": true, "aggs": { "facet": terms_agg(f, size) } });
        let mut res = self.client.es_search(&body)?;
        res.pointer_mut("/aggregations/facet")
            .map(Value::take)
            .ok_or_else(|| bad("a missing aggregation"))
    }

    /// Date histogram of the matching articles, plus one series per extra filter set, as
    /// [`sitrep_search::SitrepIndex::timeline`] answers it.
    pub fn timeline(
        &self,
        q: &str,
        target: Target,
        filters: &Filters,
        interval: Interval,
        series: &[(String, Filters)],
    ) -> Result<Vec<(String, Vec<Bucket>)>> {
        let base = Parts::new(
            q,
            filters,
            false,
            Scope {
                target,
                terms: false,
                all_copies: false,
            },
        )?;
        let histogram = |extra: &[Value]| -> Result<Vec<Bucket>> {
            let body = json!({ "query": base.query(None, extra), "size": 0, "track_total_hits": true, "aggs": { "timeline": histogram_agg() } });
            let res = self.client.es_search(&body)?;
            timeline_buckets(
                res.pointer("/aggregations/timeline")
                    .ok_or_else(|| bad("a missing date histogram"))?,
                interval,
            )
        };
        let mut out = Vec::new();
        if series.is_empty() {
            out.push(("all".to_string(), histogram(&[])?));
        }
        for (name, extra) in series {
            let p = Parts::new(
                "",
                extra,
                false,
                Scope {
                    target,
                    terms: false,
                    all_copies: true,
                },
            )?;
            out.push((name.clone(), histogram(&[p.query(None, &[])])?));
        }
        Ok(out)
    }

    /// Number of articles in the index.
    pub fn count(&self) -> Result<usize> {
        let res = self.client.es_search(
            &json!({ "query": term("kind", KIND_ARTICLE), "size": 0, "track_total_hits": true }),
        )?;
        total_of(&res)
    }
}

/// Seconds since 1970 of a day, as pushed (for tests).
pub fn day_timestamp(d: NaiveDate) -> i64 {
    timestamp(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Value {
        Translator::default().node(&parse(s).unwrap())
    }

    #[test]
    fn queries_translate() {
        assert_eq!(
            q("peace"),
            json!({"bool": {"should": [term("title_terms", "peac"), term("body_terms", "peac")]}})
        );
        assert_eq!(
            q("\"peace process\""),
            json!({"bool": {"should": [
                {"match_phrase": {"title_terms": {"query": "peac process"}}},
                {"match_phrase": {"body_terms": {"query": "peac process"}}}]}})
        );
        assert_eq!(q("title:Talks"), term("title_terms", "talk"));
        assert_eq!(
            q("khal*"),
            json!({"bool": {"should": [{"prefix": {"title_terms": {"value": "khal"}}}, {"prefix": {"body_terms": {"value": "khal"}}}]}})
        );
        assert_eq!(
            q("person:quorve"),
            json!({"bool": {"should": [term("person_key", "quorve"), term("person_key", "\u{1e}quorv")]}})
        );
        assert_eq!(
            q("country:afg"),
            json!({"bool": {"should": [term("actor_country", "AFG")]}})
        );
        assert_eq!(
            q("date:>=2020"),
            json!({"range": {"published": {"gte": "2020-01-01T00:00:00Z"}}})
        );
        assert_eq!(
            q("published:2020-05"),
            json!({"range": {"published": {"gte": "2020-05-01T00:00:00Z", "lt": "2020-06-01T00:00:00Z"}}})
        );
        assert_eq!(
            q("published:[* TO 9999]"),
            json!({"exists": {"field": "published"}})
        );
        assert_eq!(
            q("NOT war"),
            json!({"bool": {"must": [match_all()], "must_not": [q("war")]}})
        );
        assert_eq!(
            q("peace -war"),
            json!({"bool": {"must": [q("peace")], "must_not": [q("war")]}})
        );
        assert_eq!(q(""), match_all());
    }

    #[test]
    fn histograms_add_up_into_sitrep_buckets() {
        let ms = |y, m, d| day_timestamp(NaiveDate::from_ymd_opt(y, m, d).unwrap()) as f64 * 1000.0;
        let agg = json!({"buckets": [
            {"key": ms(2020, 1, 6), "doc_count": 2},   // a Monday
            {"key": ms(2020, 1, 12), "doc_count": 1},  // the Sunday after
            {"key": ms(2020, 1, 27), "doc_count": 4},
        ]});
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let weeks = timeline_buckets(&agg, Interval::Week).unwrap();
        let got: Vec<(NaiveDate, u64)> = weeks.iter().map(|b| (b.date, b.count)).collect();
        assert_eq!(
            got,
            vec![
                (d(2020, 1, 6), 3),
                (d(2020, 1, 13), 0),
                (d(2020, 1, 20), 0),
                (d(2020, 1, 27), 4)
            ]
        );
        let months = timeline_buckets(&agg, Interval::Month).unwrap();
        assert_eq!(
            months,
            vec![Bucket {
                date: d(2020, 1, 1),
                count: 7
            }]
        );
    }

    #[test]
    fn ties_at_the_cut_are_noticed() {
        let agg = |counts: &[u64]| json!({"buckets": counts.iter().enumerate().map(|(i, c)| json!({"key": i.to_string(), "doc_count": c})).collect::<Vec<_>>()});
        assert!(cut_in_a_tie(&agg(&[5, 3, 3, 3]), 2, 4));
        assert!(!cut_in_a_tie(&agg(&[5, 4, 3, 3]), 2, 4));
        assert!(
            !cut_in_a_tie(&agg(&[5, 3, 3]), 2, 4),
            "every value was returned"
        );
    }

    #[test]
    fn scores_come_from_the_sort_by_score() {
        let h = json!({"_score": null, "sort": [3.5]});
        assert_eq!(relevance_of(Sort::Relevance, &h), 3.5);
        assert_eq!(
            relevance_of(Sort::Relevance, &json!({"_score": 1.25})),
            1.25
        );
        assert_eq!(
            relevance_of(Sort::Newest, &json!({"sort": [1_600_000_000_000_i64]})),
            0.0,
            "a date is no score"
        );
    }

    #[test]
    fn facets_rank_by_count_then_name() {
        let agg = json!({"buckets": [{"key": "b", "doc_count": 2}, {"key": "c", "doc_count": 3}, {"key": "a", "doc_count": 2}]});
        let got: Vec<String> = facet_values(&agg, 2)
            .unwrap()
            .into_iter()
            .map(|c| c.value)
            .collect();
        assert_eq!(got, vec!["c", "a"]);
    }
}
