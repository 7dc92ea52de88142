//! Every article of the index with its actors under their one names (see [`crate::resolve`]):
//! what another engine needs to answer as this index does (`sitrep-quickwit` sends it to a
//! Quickwit cluster).

use crate::error::Result;
use crate::index::{load_article, with_stored, SitrepIndex};
use crate::record::{quote_id, ArticleRecord, QuoteRecord};
use crate::resolve::{article_values, PAIR_PREFIX};
use crate::schema::KIND_ARTICLE;
use std::collections::{HashMap, HashSet};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// `text` HTML-escaped with `<mark>` around byte ranges, as quote hits highlight matched words.
pub use crate::search::mark_ranges;

/// The values an article is counted under in each actor facet, as the index counts them: each
/// entity-column value resolved to its actor's one name and kind, each actor once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResolvedActors {
    pub people: Vec<String>,
    pub organisations: Vec<String>,
    pub locations: Vec<String>,
    pub speakers: Vec<String>,
    /// The article's quotations, in order.
    pub quotes: Vec<ResolvedQuote>,
}

/// A quotation as quote searches show and count it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedQuote {
    /// The record, its speaker under the name hits show, the other copies of its statement in
    /// `also_in`.
    pub record: QuoteRecord,
    /// The name the speaker facet counts it under.
    pub facet_speaker: Option<String>,
    /// Left out of searches and counts: another copy's record stands for its statement.
    pub hidden: bool,
}

/// The statements that near-duplicate copies of an article repeat (see
/// [`crate::statements`]), by quotation id (`<article id>-q<N>`).
#[derive(Default)]
struct StatementCopies {
    /// Quotations left out of searches and counts: another copy's record stands for them.
    hidden: HashSet<String>,
    /// Kept quotations → the other articles that carry their statement.
    also_in: HashMap<String, Vec<String>>,
}

/// The lead of a text as search hits show it without a snippet (HTML-escaped, at most 240 bytes).
pub fn lead(text: &str) -> String {
    crate::search::lead(text)
}

impl SitrepIndex {
    /// Calls `f` with every article (near-duplicates included, exact duplicates not: they are
    /// paths of another article), in index order, with its resolved actors.
    pub fn for_each_article(
        &self,
        mut f: impl FnMut(ArticleRecord, ResolvedActors) -> Result<()>,
    ) -> Result<()> {
        let searcher = self.reader.searcher();
        let resolution = self.resolution()?;
        let copies = self.statement_copies(&searcher)?;
        let q = TermQuery::new(
            Term::from_field_text(self.fields.kind, KIND_ARTICLE),
            IndexRecordOption::Basic,
        );
        let mut docs: Vec<_> = searcher.search(&q, &DocSetCollector)?.into_iter().collect();
        docs.sort();
        // The speaker facet names a speaker by its actor's name only when some statement has
        // that name as its speaker (the facet counts the values of the statements' column).
        let mut statement_speakers = std::collections::HashSet::new();
        if resolution.is_some() {
            for addr in &docs {
                let rec = load_article(&searcher, self, *addr)?;
                statement_speakers.extend(
                    rec.article
                        .quotes
                        .into_iter()
                        .filter(|q| q.kind.is_statement())
                        .filter_map(|q| q.speaker),
                );
            }
        }
        for addr in docs {
            let rec = load_article(&searcher, self, addr)?;
            let mut actors = ResolvedActors::default();
            for v in article_values(&rec.article) {
                if v.starts_with(PAIR_PREFIX) {
                    continue;
                }
                let resolved = resolution
                    .as_ref()
                    .map_or(v.as_str(), |r| r.resolver.resolve(&v));
                let (list, name) = if let Some(n) = resolved.strip_prefix("o\u{1f}") {
                    (&mut actors.organisations, n)
                } else if let Some(n) = resolved.strip_prefix("l\u{1f}") {
                    (&mut actors.locations, n)
                } else {
                    (
                        &mut actors.people,
                        resolved.strip_prefix("p\u{1f}").unwrap_or(resolved),
                    )
                };
                if !list.iter().any(|x| x == name) {
                    list.push(name.to_string());
                }
            }
            for mut record in QuoteRecord::all_from(&rec) {
                let raw = record.speaker.take();
                let resolved = resolution
                    .as_ref()
                    .and_then(|r| raw.as_deref().and_then(|s| r.speaker(s)));
                let facet_speaker = resolved
                    .clone()
                    .filter(|n| statement_speakers.contains(n))
                    .or_else(|| raw.clone());
                if let Some(name) = &facet_speaker {
                    if !actors.speakers.contains(name) {
                        actors.speakers.push(name.clone());
                    }
                }
                record.speaker = resolved.or(raw);
                if let Some(others) = copies.also_in.get(&record.id) {
                    record.also_in = others.clone();
                }
                let hidden = copies.hidden.contains(&record.id);
                actors.quotes.push(ResolvedQuote {
                    record,
                    facet_speaker,
                    hidden,
                });
            }
            for list in [
                &mut actors.people,
                &mut actors.organisations,
                &mut actors.locations,
                &mut actors.speakers,
            ] {
                list.sort();
            }
            f(rec, actors)?;
        }
        Ok(())
    }

    /// The statements repeated by near-duplicate copies, as quote searches count them.
    fn statement_copies(&self, searcher: &tantivy::Searcher) -> Result<StatementCopies> {
        let statements = self.statements.get(searcher)?;
        let id = |addr| -> Result<String> {
            let r = with_stored(searcher, self, addr, crate::codec::decode_quote)?;
            Ok(quote_id(&r.article_id, r.number))
        };
        let mut out = StatementCopies::default();
        for addr in statements.hidden_in(searcher) {
            out.hidden.insert(id(addr)?);
        }
        for addr in statements.kept() {
            out.also_in.insert(id(addr)?, statements.also_in(addr)?);
        }
        Ok(out)
    }
}
