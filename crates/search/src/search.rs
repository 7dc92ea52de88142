//! Search execution: pages of hits, facets, timelines and exports over the assembled queries.
//! The request and response types are in [`crate::types`] (re-exported here), query assembly in
//! `assemble`, snippets and marks in `highlight`.

mod assemble;
mod highlight;

use crate::agg::{self, Counter};
use crate::error::Result;
use crate::index::{load_article, load_quote, SitrepIndex};
use crate::record::QuoteRecord;
use crate::schema::FacetField;
use crate::top::TopScores;
use crate::types::check_limits;
pub use crate::types::*;
use assemble::filters_of;
pub use assemble::{decode_cursor, encode_cursor};
pub(crate) use assemble::{Parts, QuoteScope};
use chrono::NaiveDate;
pub(crate) use highlight::lead;
pub use highlight::mark_ranges;
use highlight::{highlight_all, marked};
use std::collections::BTreeMap;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Searcher};

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
        return Ok((
            Vec::new(),
            counter.map(|c| agg::count(searcher, q, c)).transpose()?,
        ));
    }
    Ok(match sort {
        Sort::Relevance => searcher.search(q, &(TopScores::new(limit, offset), counter))?,
        Sort::Newest | Sort::Oldest => {
            let top = TopDocs::with_limit(limit).and_offset(offset);
            let order = if sort == Sort::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            let (docs, counted): (Vec<(Option<DateTime>, DocAddress)>, _) =
                searcher.search(q, &(top.order_by_fast_field("published", order), counter))?;
            (docs.into_iter().map(|(_, a)| (0.0, a)).collect(), counted)
        }
    })
}

/// Top documents for a query in the requested order, with their scores.
pub(crate) fn top_docs(
    searcher: &Searcher,
    q: &dyn Query,
    sort: Sort,
    limit: usize,
    offset: usize,
) -> Result<Vec<(f32, DocAddress)>> {
    Ok(top_docs_counted(searcher, q, sort, limit, offset, None)?.0)
}

fn facet_counts(values: Vec<(String, u64)>) -> Vec<FacetCount> {
    values
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect()
}

fn buckets(interval: Interval, counted: &BTreeMap<i64, u64>) -> Vec<Bucket> {
    let buckets = counted
        .iter()
        .filter_map(|(k, n)| {
            Some(Bucket {
                date: agg::bucket_start(interval, *k)?,
                count: *n,
            })
        })
        .collect();
    fill_gaps(interval, buckets)
}

/// Fills the buckets between the first and last with zero counts, so charts get a continuous axis.
pub fn fill_gaps(interval: Interval, buckets: Vec<Bucket>) -> Vec<Bucket> {
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
type Counts = (
    usize,
    BTreeMap<String, Vec<FacetCount>>,
    Option<Vec<Bucket>>,
);

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
    Counter {
        facets: shared_facets(&req.facets, &filtered_facets(parts, req.disjunctive)),
        size: req.facet_limit,
        histogram: req.histogram,
        ..index.counter()
    }
}

/// The requested facets that are not filtered: counted in the shared pass.
fn shared_facets(facets: &[FacetField], filtered: &[FacetField]) -> Vec<FacetField> {
    facets
        .iter()
        .filter(|f| !filtered.contains(f))
        .copied()
        .collect()
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
        let counter = parts
            .everything_but(None)
            .is_none()
            .then(|| shared_counter(self, parts, req));
        let (docs, counted) = top_docs_counted(
            searcher,
            &parts.query(None),
            req.sort,
            limit,
            offset,
            counter,
        )?;
        let counted = match counted {
            Some(c) => c,
            None => self.count_parts(searcher, parts, None, shared_counter(self, parts, req))?,
        };
        Ok((
            load(docs)?,
            self.finish_counts(searcher, parts, req, counted)?,
        ))
    }

    /// What `counter` counts over the matches of `parts` (leaving out the filter on `except`),
    /// from the cache of counts over everything when the request does not narrow them.
    fn count_parts(
        &self,
        searcher: &Searcher,
        parts: &Parts,
        except: Option<FacetField>,
        counter: Counter,
    ) -> Result<agg::Counted> {
        let q = parts.query(except);
        match parts.everything_but(except) {
            Some(kind) => self.everything.count(
                searcher,
                &q,
                kind,
                (parts.collapse, parts.hidden.is_some()),
                counter,
            ),
            None => agg::count(searcher, &q, counter),
        }
    }

    /// The total, facets and timeline of a search from the pass of [`shared_counter`], plus a
    /// pass per filtered facet (counted without its own filter).
    fn finish_counts(
        &self,
        searcher: &Searcher,
        parts: &Parts,
        req: &SearchRequest,
        counted: agg::Counted,
    ) -> Result<Counts> {
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
            let counted = self.count_parts(
                searcher,
                parts,
                Some(*f),
                Counter {
                    facets: vec![*f],
                    size: facet_limit,
                    ..self.counter()
                },
            )?;
            let mut counts = facet_counts(counted.facets.into_iter().next().unwrap_or_default());
            // Selected values are always listed, even when they fall outside the top k.
            for v in filters_of(parts, *f) {
                if counts.iter().any(|c| c.value.eq_ignore_ascii_case(v)) {
                    continue;
                }
                let with = parts.query_with(vec![Box::new(TermQuery::new(
                    self.fields.key_term(*f, v),
                    IndexRecordOption::Basic,
                ))]);
                let with_others = BooleanQuery::new(vec![
                    (Occur::Must, q.box_clone()),
                    (Occur::Must, Box::new(with)),
                ]);
                let n = searcher.search(&with_others, &Count)? as u64;
                if n > 0 {
                    counts.push(FacetCount {
                        value: v.clone(),
                        count: n,
                    });
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
        let parts = Parts::new(
            self,
            &req.q,
            Target::Articles,
            &req.filters,
            req.collapse,
            QuoteScope::default(),
        )?;
        let load = |docs: Vec<(f32, DocAddress)>| -> Result<Vec<ArticleHit>> {
            let snippets = if req.snippets {
                self.snippet_generator(&searcher, &*parts.text)?
            } else {
                None
            };
            let mut hits = Vec::with_capacity(docs.len());
            for (score, addr) in docs {
                let rec = load_article(&searcher, self, addr)?;
                hits.push(self.article_hit(rec, score, snippets.as_ref()));
            }
            Ok(hits)
        };
        let (hits, (total, facets, timeline)) =
            self.page_and_counts(&searcher, &parts, req, (offset, limit), load)?;
        let next_cursor = (offset + hits.len() < total && !hits.is_empty())
            .then(|| encode_cursor(offset + hits.len()));
        Ok(SearchResponse {
            total,
            hits,
            facets,
            timeline,
            next_cursor,
            took_ms: t0.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// Searches quotations.
    pub fn search_quotes(&self, req: &SearchRequest) -> Result<SearchResponse<QuoteHit>> {
        let t0 = Instant::now();
        let (offset, limit) = self.page(req)?;
        let searcher = self.reader.searcher();
        let parts = Parts::new(
            self,
            &req.q,
            Target::Quotes,
            &req.filters,
            req.collapse,
            QuoteScope::of(req),
        )?;
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
                    quote.also_in = st.also_in(addr)?;
                }
                if let Some(s) = resolution
                    .as_ref()
                    .and_then(|r| quote.speaker.as_deref().and_then(|s| r.speaker(s)))
                {
                    quote.speaker = Some(s);
                }
                let highlight = highlight_all(gen.as_ref(), &quote.text);
                hits.push(QuoteHit {
                    quote,
                    highlight,
                    score,
                });
            }
            Ok(hits)
        };
        let (hits, (total, facets, timeline)) =
            self.page_and_counts(&searcher, &parts, req, (offset, limit), load)?;
        let next_cursor = (offset + hits.len() < total && !hits.is_empty())
            .then(|| encode_cursor(offset + hits.len()));
        Ok(SearchResponse {
            total,
            hits,
            facets,
            timeline,
            next_cursor,
            took_ms: t0.elapsed().as_secs_f64() * 1000.0,
        })
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
            let counted = agg::count(
                &searcher,
                q,
                Counter {
                    histogram: Some(interval),
                    ..self.counter()
                },
            )?;
            Ok(buckets(interval, &counted.histogram))
        };
        if series.is_empty() {
            out.push(("all".to_string(), histogram(&base.query(None))?));
        }
        for (name, extra) in series {
            let p = Parts::new(
                self,
                "",
                target,
                extra,
                false,
                QuoteScope {
                    all_copies: true,
                    ..QuoteScope::default()
                },
            )?;
            let q = base.query_with(vec![Box::new(p.query(None))]);
            out.push((name.clone(), histogram(&q)?));
        }
        Ok(out)
    }

    /// Every matching article id in order (for exports), without loading the records.
    pub fn matching(&self, req: &SearchRequest) -> Result<(Searcher, Vec<(f32, DocAddress)>)> {
        let searcher = self.reader.searcher();
        let parts = Parts::new(
            self,
            &req.q,
            req.target,
            &req.filters,
            req.collapse,
            QuoteScope::of(req),
        )?;
        let q = parts.query(None);
        let total = searcher.search(&q, &Count)?;
        let docs = top_docs(&searcher, &q, req.sort, total, 0)?;
        Ok((searcher, docs))
    }

    /// Loads an article hit from an address returned by [`SitrepIndex::matching`].
    pub fn article_at(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
    ) -> Result<crate::record::ArticleRecord> {
        load_article(searcher, self, addr)
    }

    /// Loads a quote from an address returned by [`SitrepIndex::matching`].
    /// The speaker is shown under its resolved name and `also_in` lists the copies, as in
    /// [`SitrepIndex::search_quotes`].
    pub fn quote_at(&self, searcher: &Searcher, addr: DocAddress) -> Result<QuoteRecord> {
        let mut quote = load_quote(searcher, self, addr)?;
        if let Some(s) = self
            .resolution()?
            .as_ref()
            .and_then(|r| quote.speaker.as_deref().and_then(|s| r.speaker(s)))
        {
            quote.speaker = Some(s);
        }
        quote.also_in = self.statements.get(searcher)?.also_in(addr)?;
        Ok(quote)
    }

    /// Marks the words of the text query in the body; `None` when the query has no words there
    /// (filters only), so hits show their lead without the text being tokenized for nothing.
    fn snippet_generator(
        &self,
        searcher: &Searcher,
        q: &dyn Query,
    ) -> Result<Option<SnippetGenerator>> {
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

    pub(crate) fn article_hit(
        &self,
        rec: crate::record::ArticleRecord,
        score: f32,
        gen: Option<&SnippetGenerator>,
    ) -> ArticleHit {
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
        let (mut people, mut organisations, mut locations) = (
            a.people.clone(),
            a.organisations.clone(),
            a.locations.clone(),
        );
        if let Some(r) = self.resolution().ok().flatten() {
            r.apply_entities(&mut people, &mut organisations, &mut locations);
        }
        let names =
            |es: &[sitrep_indexer::Entity]| es.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_dates_serialise_like_chrono() {
        for (y, m, d) in [
            (1911, 3, 6),
            (2024, 12, 31),
            (5, 1, 9),
            (-44, 3, 15),
            (10000, 1, 1),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let got = serde_json::to_string(&Bucket { date, count: 2 }).unwrap();
            assert_eq!(
                got,
                format!(
                    "{{\"date\":{},\"count\":2}}",
                    serde_json::to_string(&date).unwrap()
                )
            );
        }
    }

    #[test]
    fn marks_ranges_in_the_whole_text() {
        let t = "\u{201c}Peace & talks,\u{201d} she said.";
        let p = t.find("Peace").unwrap();
        let k = t.find("talks").unwrap();
        assert_eq!(
            mark_ranges(t, [p..p + 5, k..k + 5].into_iter()),
            "\u{201c}<mark>Peace</mark> &amp; <mark>talks</mark>,\u{201d} she said."
        );
        // overlapping, empty, out-of-range and mid-character ranges are skipped
        assert_eq!(
            mark_ranges(t, [p..p + 5, p + 1..p + 3, 4..4, 1..2, 0..999].into_iter()),
            mark_ranges(t, std::iter::once(p..p + 5))
        );
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
            w.add_article(
                &crate::record::ArticleRecord::new(article),
                &format!("a{n}.txt"),
                n as u64,
                None,
            )
            .unwrap();
        }
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
        let res = index
            .search(&SearchRequest {
                limit: 0,
                facets: vec![FacetField::Language],
                ..Default::default()
            })
            .unwrap();
        let got: Vec<(String, u64)> = res.facets["languages"]
            .iter()
            .map(|c| (c.value.clone(), c.count))
            .collect();
        assert_eq!(
            got,
            vec![
                ("en".to_string(), 2),
                ("de".to_string(), 1),
                ("es".to_string(), 1)
            ]
        );
        let mut filters = Filters::default();
        filters.language.push("DE".into());
        assert_eq!(
            index
                .search(&SearchRequest {
                    filters,
                    limit: 0,
                    ..Default::default()
                })
                .unwrap()
                .total,
            1
        );
        assert_eq!(
            index
                .search(&SearchRequest {
                    q: "language:es".into(),
                    limit: 0,
                    ..Default::default()
                })
                .unwrap()
                .total,
            1
        );
    }
}
