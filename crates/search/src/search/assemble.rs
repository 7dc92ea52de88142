//! Query assembly: a request's query text, filters and target become the tantivy queries of
//! [`Parts`], kept apart so that facets can leave out their own filter.

use crate::error::{Result, SearchError};
use crate::index::SitrepIndex;
use crate::kind_filter::KindFilter;
use crate::query::{self, date_range, QueryBuilder};
use crate::schema::{FacetField, Fields};
use crate::types::*;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, ExistsQuery, Occur, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

pub(super) fn kind_query(fields: &Fields, label: &'static str) -> Box<dyn Query> {
    let term = |kind: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(fields.kind, kind),
            IndexRecordOption::Basic,
        ))
    };
    match crate::schema::kinds_of(label) {
        [one] => term(one),
        kinds => Box::new(BooleanQuery::new(
            kinds.iter().map(|k| (Occur::Should, term(k))).collect(),
        )),
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
        QuoteScope {
            terms: req.terms,
            all_copies: req.all_copies,
        }
    }
}

/// Encodes a page position as an opaque cursor.
pub fn encode_cursor(offset: usize) -> String {
    format!("c{:x}", offset ^ 0x5175_7e5a)
}

/// Decodes a cursor made by [`encode_cursor`].
pub fn decode_cursor(c: &str) -> Result<usize> {
    let hex = c.strip_prefix('c').ok_or(SearchError::InvalidCursor)?;
    usize::from_str_radix(hex, 16)
        .map(|v| v ^ 0x5175_7e5a)
        .map_err(|_| SearchError::InvalidCursor)
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
    pub(super) everything: Option<&'static str>,
    /// The copies of statements left out (quotation searches, each statement once).
    pub hidden: Option<crate::statements::HiddenCopies>,
}

impl Parts {
    pub fn new(
        index: &SitrepIndex,
        q: &str,
        target: Target,
        filters: &Filters,
        collapse: bool,
        scope: QuoteScope,
    ) -> Result<Parts> {
        let fields = index.fields();
        let node = query::parse(q)?;
        let tokenizers = index.index.tokenizers();
        let qb = QueryBuilder { fields, tokenizers };
        let text = qb.build(&node);
        let scoped: Vec<(Occur, Box<dyn Query>)> = match (&node, target.kind(scope.terms)) {
            // Everything of a kind: the kind's posting list.
            (query::Node::All, kind) => {
                vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (
                        Occur::Must,
                        Box::new(ConstScoreQuery::new(kind_query(fields, kind), 0.0)),
                    ),
                ]
            }
            (_, kind) => vec![(
                Occur::Must,
                Box::new(KindFilter::new(
                    fields,
                    &index.kind_sets,
                    text.box_clone(),
                    kind,
                )),
            )],
        };
        let mut fs: Vec<(Option<FacetField>, Box<dyn Query>)> = Vec::new();
        let mut selected = Vec::new();
        let resolution = if FacetField::ALL
            .iter()
            .any(|f| !filters.values(*f).is_empty())
        {
            index.resolution()?
        } else {
            None
        };
        for f in FacetField::ALL {
            let vals = filters.values(f);
            if vals.is_empty() {
                continue;
            }
            // A value in double quotes is one actor exactly (what a facet click sends); a bare
            // value also matches every name that contains its words.
            let names: Vec<&str> = vals.iter().map(|v| exact_value(v).unwrap_or(v)).collect();
            let mut should: Vec<(Occur, Box<dyn Query>)> = vals
                .iter()
                .map(|v| -> (Occur, Box<dyn Query>) {
                    match exact_value(v) {
                        Some(name) => (
                            Occur::Should,
                            Box::new(TermQuery::new(
                                fields.key_term(f, name),
                                IndexRecordOption::Basic,
                            )),
                        ),
                        None => (Occur::Should, qb.actor_value(f, v)),
                    }
                })
                .collect();
            // the other values of the same actor (see crate::resolve)
            for (g, name) in resolution
                .iter()
                .flat_map(|r| names.iter().flat_map(|v| r.alternatives(f, v)))
            {
                should.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        fields.key_term(g, &name),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
            let q: Box<dyn Query> = Box::new(BooleanQuery::new(should));
            fs.push((Some(f), q));
            // a selected cue is listed as the facet counts it: by its lemma ("told" is "tell")
            let shown = |n: &str| {
                if f == FacetField::Cue {
                    sitrep_indexer::quotes::cue_lemma(n.trim())
                        .unwrap_or_else(|| n.trim().to_lowercase())
                } else {
                    n.to_string()
                }
            };
            selected.push((f, names.iter().map(|n| shown(n)).collect()));
        }
        if filters.from.is_some() || filters.to.is_some() {
            if let (Some(a), Some(b)) = (filters.from, filters.to) {
                if a > b {
                    return Err(SearchError::InvalidParameter {
                        name: "from".into(),
                        message: format!("from {a} is after to {b}"),
                    });
                }
            }
            fs.push((None, date_range(fields, filters.from, filters.to)));
        }
        let everything = matches!(node, query::Node::All).then(|| target.kind(scope.terms));
        let hidden = if target == Target::Quotes && !scope.all_copies {
            let statements = index.statements.get(&index.reader.searcher())?;
            statements
                .any_hidden()
                .then(|| crate::statements::HiddenCopies(statements))
        } else {
            None
        };
        Ok(Parts {
            text,
            scoped,
            filters: fs,
            collapse,
            selected,
            everything,
            hidden,
        })
    }

    /// The target's kind when [`Parts::query`] with `except` matches everything of it (no text,
    /// no filter but `except`'s): what it counts is the same for every request.
    pub(super) fn everything_but(&self, except: Option<FacetField>) -> Option<&'static str> {
        self.everything.filter(|_| {
            self.filters
                .iter()
                .all(|(f, _)| except.is_some() && *f == except)
        })
    }

    /// The combined query, leaving out the filter on `except` (for disjunctive facet counts).
    /// A lone required clause is the query itself, so that its own loop over the matches runs
    /// (see [`KindFilter`]) rather than a conjunction's of one.
    pub fn query(&self, except: Option<FacetField>) -> Box<dyn Query> {
        let filter = |q: &dyn Query| -> Box<dyn Query> {
            Box::new(ConstScoreQuery::new(q.box_clone(), 0.0))
        };
        let mut v: Vec<(Occur, Box<dyn Query>)> = self
            .scoped
            .iter()
            .map(|(o, q)| (*o, q.box_clone()))
            .collect();
        for (f, q) in &self.filters {
            if except.is_some() && *f == except {
                continue;
            }
            v.push((Occur::Must, filter(&**q)));
        }
        if self.collapse {
            v.push((
                Occur::MustNot,
                Box::new(ExistsQuery::new("duplicate_of".to_string(), false)),
            ));
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

pub(super) fn filters_of(parts: &Parts, f: FacetField) -> &[String] {
    parts
        .selected
        .iter()
        .find(|(g, _)| *g == f)
        .map(|(_, v)| v.as_slice())
        .unwrap_or(&[])
}
