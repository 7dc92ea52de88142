//! The sitrep query language, shared by the CLI and the HTTP API.
//!
//! ```text
//! query    := or
//! or       := and ( ("OR" | "||") and )*
//! and      := unary ( ["AND" | "&&"] unary )*          (juxtaposition means AND)
//! unary    := ("NOT" | "-") unary | "+"? primary
//! primary  := "(" or ")" | [field ":"] value
//! value    := word | word* | "phrase" | "(" or ")" | "[" date "TO" date "]" | (">"|">="|"<"|"<=") date
//! field    := title | body | text | person | org | location | speaker | source | country | role | language | published | date
//! ```
//! Words are matched after lower-casing, accent folding and English stemming. Actor fields match
//! a canonical name exactly (case-insensitive) or any name containing the words.
//!
//! A query is at most [`MAX_QUERY_BYTES`] long, with at most [`MAX_TERMS`] terms and
//! parentheses nested at most [`MAX_DEPTH`] deep; repeated negations cancel out (`NOT NOT x` is
//! `x`, `---x` is `-x`). The parser and the query it builds never recurse deeper than that.

use crate::error::{Result, SearchError};
use crate::schema::{word_run_key, FacetField, Fields, MAX_KEY_WORDS};
use chrono::NaiveDate;
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, ExistsQuery, Occur, PhraseQuery, Query,
    RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{DateTime, Term};

/// A field a query term can be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QField {
    Title,
    Body,
    Actor(FacetField),
    Published,
}

impl QField {
    /// A field name: `title`, `body`/`text`, `published`/`date`, or any name of a facet
    /// ([`FacetField::from_api_name`], the one table the API reads too), in any case.
    fn parse(name: &str) -> Option<QField> {
        Some(match name.to_ascii_lowercase().as_str() {
            "title" => QField::Title,
            "body" | "text" => QField::Body,
            "published" | "date" => QField::Published,
            other => QField::Actor(FacetField::from_api_name(other)?),
        })
    }
}

const FIELD_NAMES: &str =
    "title, body, person, org, location, speaker, source, country, role, language, published";

/// Parsed query tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Word {
        field: Option<QField>,
        text: String,
        prefix: bool,
    },
    Phrase {
        field: Option<QField>,
        text: String,
    },
    Range {
        field: QField,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    All,
}

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Deepest nesting of parentheses accepted.
pub const MAX_DEPTH: usize = 32;
/// Most terms (words, phrases, dates) in one query.
pub const MAX_TERMS: usize = 256;

struct Parser<'a> {
    s: &'a str,
    pos: usize,
    /// Parentheses open at `pos`.
    depth: usize,
    /// Terms parsed so far.
    terms: usize,
}

/// `NOT node`, with a double negation cancelled.
fn negate(node: Node) -> Node {
    match node {
        Node::Not(inner) => *inner,
        other => Node::Not(Box::new(other)),
    }
}

fn err(position: usize, message: impl Into<String>) -> SearchError {
    SearchError::InvalidQuery {
        position,
        message: message.into(),
    }
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '(' | ')' | '"' | '“' | '”' | '[' | ']')
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }
    fn skip_ws(&mut self) {
        let r = self.rest();
        self.pos += r.len() - r.trim_start().len();
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }
    /// The next keyword if it stands as a whole word (AND, OR, NOT, TO).
    fn keyword(&self, kw: &str) -> bool {
        let r = self.rest();
        r.starts_with(kw) && !r[kw.len()..].starts_with(is_word_char)
    }
    fn word(&mut self) -> &'a str {
        let r = self.rest();
        let n = r.find(|c: char| !is_word_char(c)).unwrap_or(r.len());
        self.pos += n;
        &r[..n]
    }

    fn parse_or(&mut self, field: Option<QField>) -> Result<Node> {
        let mut items = vec![self.parse_and(field)?];
        loop {
            self.skip_ws();
            if self.keyword("OR") {
                self.pos += 2;
            } else if self.rest().starts_with("||") {
                self.pos += 2;
            } else {
                break;
            }
            self.skip_ws();
            if self.peek().is_none() || self.peek() == Some(')') {
                return Err(err(self.pos, "OR needs a term after it"));
            }
            items.push(self.parse_and(field)?);
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap()
        } else {
            Node::Or(items)
        })
    }

    fn parse_and(&mut self, field: Option<QField>) -> Result<Node> {
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None | Some(')') => break,
                _ if self.keyword("OR") || self.rest().starts_with("||") => break,
                _ => {}
            }
            if self.keyword("AND") || self.rest().starts_with("&&") {
                if items.is_empty() {
                    return Err(err(self.pos, "AND needs a term before it"));
                }
                self.pos += if self.keyword("AND") { 3 } else { 2 };
                self.skip_ws();
                if matches!(self.peek(), None | Some(')')) {
                    return Err(err(self.pos, "AND needs a term after it"));
                }
                continue;
            }
            items.push(self.parse_unary(field)?);
        }
        if items.is_empty() {
            return Err(err(self.pos, "expected a search term"));
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap()
        } else {
            Node::And(items)
        })
    }

    /// A run of negations is read in a loop (not by recursion) and an even number cancels out.
    fn parse_unary(&mut self, field: Option<QField>) -> Result<Node> {
        let mut negated = false;
        loop {
            self.skip_ws();
            let at = self.pos;
            if self.keyword("NOT")
                || (self.peek() == Some('-')
                    && self.rest()[1..].starts_with(|c: char| !c.is_whitespace()))
            {
                self.pos += if self.keyword("NOT") { 3 } else { 1 };
                self.skip_ws();
                if matches!(self.peek(), None | Some(')')) {
                    return Err(err(at, "NOT needs a term after it"));
                }
                negated = !negated;
            } else {
                break;
            }
        }
        if self.peek() == Some('+') {
            self.pos += 1;
        }
        let node = self.parse_primary(field)?;
        Ok(if negated { negate(node) } else { node })
    }

    /// Counts one term against [`MAX_TERMS`].
    fn count_term(&mut self, at: usize) -> Result<()> {
        self.terms += 1;
        if self.terms > MAX_TERMS {
            return Err(err(
                at,
                format!("too many terms: a query has at most {MAX_TERMS}"),
            ));
        }
        Ok(())
    }

    fn parse_primary(&mut self, field: Option<QField>) -> Result<Node> {
        self.skip_ws();
        let at = self.pos;
        match self.peek() {
            Some('(') => {
                if self.depth >= MAX_DEPTH {
                    return Err(err(at, format!("parentheses nested too deep: at most {MAX_DEPTH} levels")));
                }
                self.pos += 1;
                self.depth += 1;
                let n = self.parse_or(field)?;
                self.depth -= 1;
                self.skip_ws();
                if !self.eat(')') {
                    return Err(err(at, "unbalanced parenthesis: '(' is never closed"));
                }
                Ok(n)
            }
            Some(')') => Err(err(at, "unbalanced parenthesis: unexpected ')'")),
            Some('"') | Some('“') | Some('”') => {
                self.count_term(at)?;
                self.parse_phrase(field)
            }
            Some('[') => match field {
                Some(f @ QField::Published) => self.parse_range(f),
                _ => Err(err(at, "a [from TO to] range needs a date field, e.g. published:[2020-01-01 TO 2020-06-30]")),
            },
            Some(']') => Err(err(at, "unexpected ']'")),
            None => Err(err(at, "expected a search term")),
            Some(_) => {
                self.count_term(at)?;
                let w = self.word();
                // field prefix?
                if let Some(colon) = w.find(':') {
                    let name = &w[..colon];
                    if name.chars().all(|c| c.is_ascii_alphabetic() || c == '_') && !name.is_empty() {
                        if field.is_some() {
                            return Err(err(at, format!("field {name}: inside another field")));
                        }
                        let Some(f) = QField::parse(name) else {
                            return Err(err(at, format!("unknown field '{name}' (fields: {FIELD_NAMES})")));
                        };
                        self.pos = at + colon + 1;
                        if matches!(self.peek(), None) || self.peek().is_some_and(char::is_whitespace) {
                            return Err(err(self.pos, format!("expected a value after '{name}:'")));
                        }
                        if f == QField::Published {
                            return self.parse_date_value(f);
                        }
                        // The value is counted as the term.
                        self.terms -= 1;
                        return self.parse_primary(Some(f));
                    }
                }
                if field == Some(QField::Published) {
                    self.pos = at;
                    return self.parse_date_value(QField::Published);
                }
                let (text, prefix) = match w.strip_suffix('*') {
                    Some(p) if !p.is_empty() => (p, true),
                    _ => (w, false),
                };
                Ok(Node::Word { field, text: text.to_string(), prefix })
            }
        }
    }

    fn parse_phrase(&mut self, field: Option<QField>) -> Result<Node> {
        let at = self.pos;
        let open = self.peek().unwrap();
        self.pos += open.len_utf8();
        let r = self.rest();
        let Some(end) = r.find(['"', '”', '“']) else {
            return Err(err(at, "unterminated phrase: missing closing quote"));
        };
        let text = r[..end].to_string();
        let close = r[end..].chars().next().unwrap();
        self.pos += end + close.len_utf8();
        Ok(Node::Phrase { field, text })
    }

    fn date(&mut self) -> Result<Option<NaiveDate>> {
        self.skip_ws();
        let at = self.pos;
        let w = self.word();
        let w = w.trim_end_matches(']');
        if w == "*" {
            return Ok(None);
        }
        parse_date(w).map(Some).map_err(|_| {
            err(
                at,
                format!("invalid date '{w}': expected YYYY-MM-DD, YYYY-MM or YYYY"),
            )
        })
    }

    fn parse_range(&mut self, f: QField) -> Result<Node> {
        let at = self.pos;
        self.eat('[');
        let unterminated = || err(at, "unterminated range: missing ']'");
        if self.rest().trim().is_empty() {
            return Err(unterminated());
        }
        let from = self.date()?;
        self.skip_ws();
        if self.rest().is_empty() {
            return Err(unterminated());
        }
        if !self.keyword("TO") {
            return Err(err(self.pos, "expected TO in date range"));
        }
        self.pos += 2;
        if self.rest().trim().is_empty() {
            return Err(unterminated());
        }
        let to = self.date_upper()?;
        self.skip_ws();
        if !self.eat(']') {
            return Err(err(at, "unterminated range: missing ']'"));
        }
        Ok(Node::Range { field: f, from, to })
    }

    fn date_upper(&mut self) -> Result<Option<NaiveDate>> {
        self.skip_ws();
        let at = self.pos;
        let r = self.rest();
        let n = r
            .find(|c: char| c.is_whitespace() || c == ']')
            .unwrap_or(r.len());
        let w = &r[..n];
        self.pos += n;
        if w == "*" {
            return Ok(None);
        }
        parse_date_upper(w).map(Some).map_err(|_| {
            err(
                at,
                format!("invalid date '{w}': expected YYYY-MM-DD, YYYY-MM or YYYY"),
            )
        })
    }

    fn parse_date_value(&mut self, f: QField) -> Result<Node> {
        let at = self.pos;
        if self.peek() == Some('[') {
            return self.parse_range(f);
        }
        for op in [">=", "<=", ">", "<"] {
            if self.rest().starts_with(op) {
                self.pos += op.len();
                let vat = self.pos;
                let w = self.word();
                let bad = |_| {
                    err(
                        vat,
                        format!("invalid date '{w}': expected YYYY-MM-DD, YYYY-MM or YYYY"),
                    )
                };
                return Ok(match op {
                    ">=" => Node::Range {
                        field: f,
                        from: Some(parse_date(w).map_err(bad)?),
                        to: None,
                    },
                    ">" => Node::Range {
                        field: f,
                        from: parse_date_upper(w).map_err(bad)?.succ_opt(),
                        to: None,
                    },
                    "<=" => Node::Range {
                        field: f,
                        from: None,
                        to: Some(parse_date_upper(w).map_err(bad)?),
                    },
                    _ => Node::Range {
                        field: f,
                        from: None,
                        to: parse_date(w).map_err(bad)?.pred_opt(),
                    },
                });
            }
        }
        let w = self.word();
        let from = parse_date(w).map_err(|_| {
            err(
                at,
                format!("invalid date '{w}': expected YYYY-MM-DD, YYYY-MM or YYYY"),
            )
        })?;
        let to = parse_date_upper(w).ok();
        Ok(Node::Range {
            field: f,
            from: Some(from),
            to,
        })
    }
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` (first day) or `YYYY` (1 January).
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let bad = || SearchError::InvalidDate {
        value: s.to_string(),
    };
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [y] if y.len() == 4 => NaiveDate::from_ymd_opt(num(y)? as i32, 1, 1).ok_or_else(bad),
        [y, m] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1).ok_or_else(bad)
        }
        [y, m, d] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

/// Like [`parse_date`], but a month or year means its last day (for inclusive upper bounds).
pub fn parse_date_upper(s: &str) -> Result<NaiveDate> {
    let d = parse_date(s)?;
    Ok(match s.split('-').count() {
        1 => NaiveDate::from_ymd_opt(d.format("%Y").to_string().parse().unwrap_or(0), 12, 31)
            .unwrap_or(d),
        2 => {
            let next = if d.format("%m").to_string() == "12" {
                NaiveDate::from_ymd_opt(
                    d.format("%Y").to_string().parse::<i32>().unwrap_or(0) + 1,
                    1,
                    1,
                )
            } else {
                d.checked_add_months(chrono::Months::new(1))
            };
            next.and_then(|n| n.pred_opt()).unwrap_or(d)
        }
        _ => d,
    })
}

/// Parses a query string. An empty (or blank) query matches everything.
pub fn parse(q: &str) -> Result<Node> {
    if q.trim().is_empty() || q.trim() == "*" {
        return Ok(Node::All);
    }
    if q.len() > MAX_QUERY_BYTES {
        return Err(err(
            MAX_QUERY_BYTES,
            format!(
                "query too long: {} bytes, at most {MAX_QUERY_BYTES}",
                q.len()
            ),
        ));
    }
    let mut p = Parser {
        s: q,
        pos: 0,
        depth: 0,
        terms: 0,
    };
    let n = p.parse_or(None)?;
    p.skip_ws();
    if p.pos < q.len() {
        return Err(err(p.pos, "unbalanced parenthesis: unexpected ')'"));
    }
    Ok(n)
}

/// Builds tantivy queries from parsed nodes and structured filters.
pub struct QueryBuilder<'a> {
    pub fields: &'a Fields,
    pub tokenizers: &'a TokenizerManager,
}

/// Earliest and latest dates the index can hold: tantivy stores dates as nanoseconds since 1970
/// in an `i64` (1677-09-21 to 2262-04-11). Publication dates outside are indexed (for filters,
/// sorting and histograms) as these bounds; the stored article keeps its real date.
pub fn index_date_range() -> (NaiveDate, NaiveDate) {
    let (Some(min), Some(max)) = (
        NaiveDate::from_ymd_opt(1677, 9, 22),
        NaiveDate::from_ymd_opt(2262, 4, 11),
    ) else {
        unreachable!("valid dates")
    };
    (min, max)
}

/// The indexed value of a date: midnight UTC of the date clamped to [`index_date_range`].
pub fn index_date(d: NaiveDate) -> DateTime {
    let (min, max) = index_date_range();
    let secs = d
        .clamp(min, max)
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    DateTime::from_timestamp_secs(secs)
}

pub(crate) fn date_term(field: Field, d: NaiveDate) -> Term {
    Term::from_field_date(field, index_date(d))
}

/// Range query over publication dates, both ends inclusive, on the indexed (clamped) dates: a
/// bound before 1677-09-22 or after 2262-04-11 is taken as that day, so `to=9999` misses nothing
/// and `from=1400&to=1600` finds the articles dated before 1677 (and only those).
pub fn date_range(
    fields: &Fields,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Box<dyn Query> {
    let (min, max) = index_date_range();
    let lower = from
        .filter(|d| *d > min)
        .map(|d| Bound::Included(date_term(fields.published, d)))
        .unwrap_or(Bound::Unbounded);
    let upper = to
        .filter(|d| *d < max)
        .and_then(|d| d.max(min).succ_opt())
        .map(|d| Bound::Excluded(date_term(fields.published, d)))
        .unwrap_or(Bound::Unbounded);
    if matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
        // Any date at all (tantivy's range query needs a bound).
        return Box::new(ExistsQuery::new("published".to_string(), false));
    }
    Box::new(RangeQuery::new(lower, upper))
}

pub(crate) fn kind_and_id(fields: &Fields, kind: &str, id: &str) -> BooleanQuery {
    BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.kind, kind),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>,
        ),
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.article_id, id),
                IndexRecordOption::Basic,
            )),
        ),
    ])
}

fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~\"@<>".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl<'a> QueryBuilder<'a> {
    fn analyse(&self, field: Field, text: &str) -> Vec<Term> {
        let tok_name = match self.fields.schema.get_field_entry(field).field_type() {
            tantivy::schema::FieldType::Str(opts) => opts
                .get_indexing_options()
                .map(|i| i.tokenizer().to_string()),
            _ => None,
        }
        .unwrap_or_else(|| "default".to_string());
        let mut out = Vec::new();
        if let Some(mut analyzer) = self.tokenizers.get(&tok_name) {
            let mut stream = analyzer.token_stream(text);
            while let Some(t) = stream.next() {
                out.push(Term::from_field_text(field, &t.text));
            }
        }
        out
    }

    /// Words or phrase in one text field: a term query, or a phrase query for several tokens.
    fn text_query(&self, field: Field, text: &str) -> Option<Box<dyn Query>> {
        let terms = self.analyse(field, text);
        match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                terms.into_iter().next().unwrap(),
                IndexRecordOption::WithFreqs,
            ))),
            _ => Some(Box::new(PhraseQuery::new(terms))),
        }
    }

    fn prefix_query(&self, field: Field, text: &str) -> Option<Box<dyn Query>> {
        let folded: String = text.to_lowercase();
        if folded.is_empty() {
            return None;
        }
        RegexQuery::from_pattern(&format!("{}.*", regex_escape(&folded)), field)
            .ok()
            .map(|q| Box::new(q) as Box<dyn Query>)
    }

    /// An actor value: the exact canonical name (any case) or a name containing the words,
    /// each one term of the key field (names longer than [`MAX_KEY_WORDS`] words are matched
    /// as a phrase).
    pub fn actor_value(&self, f: FacetField, value: &str) -> Box<dyn Query> {
        let (text_field, key_field) = self.fields.actor_fields(f);
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        should.push((
            Occur::Should,
            Box::new(TermQuery::new(
                self.fields.key_term(f, value),
                IndexRecordOption::Basic,
            )),
        ));
        if let Some(tf) = text_field {
            let words: Vec<String> = self
                .analyse(tf, value)
                .iter()
                .filter_map(|t| t.value().as_str().map(str::to_string))
                .collect();
            if (1..=MAX_KEY_WORDS).contains(&words.len()) {
                let run = Term::from_field_text(key_field, &word_run_key(&words));
                should.push((
                    Occur::Should,
                    Box::new(TermQuery::new(run, IndexRecordOption::Basic)),
                ));
            } else if let Some(q) = self.text_query(tf, value) {
                should.push((Occur::Should, q));
            }
        }
        Box::new(BooleanQuery::new(should))
    }

    fn leaf(&self, field: Option<QField>, text: &str, prefix: bool) -> Box<dyn Query> {
        let single = |f: Field| -> Box<dyn Query> {
            let q = if prefix {
                self.prefix_query(f, text)
            } else {
                self.text_query(f, text)
            };
            q.unwrap_or_else(|| Box::new(EmptyQuery))
        };
        match field {
            None => {
                let title = if prefix {
                    self.prefix_query(self.fields.title, text)
                } else {
                    self.text_query(self.fields.title, text)
                };
                let body = if prefix {
                    self.prefix_query(self.fields.body, text)
                } else {
                    self.text_query(self.fields.body, text)
                };
                match (title, body) {
                    (None, None) => Box::new(AllQuery),
                    (t, b) => {
                        let mut v: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                        if let Some(t) = t {
                            v.push((Occur::Should, Box::new(BoostQuery::new(t, 2.0))));
                        }
                        if let Some(b) = b {
                            v.push((Occur::Should, b));
                        }
                        Box::new(BooleanQuery::new(v))
                    }
                }
            }
            Some(QField::Title) => single(self.fields.title),
            Some(QField::Body) => single(self.fields.body),
            Some(QField::Actor(f)) => {
                if prefix {
                    let (tf, _) = self.fields.actor_fields(f);
                    single(tf.unwrap_or(self.fields.actor_fields(f).1))
                } else {
                    self.actor_value(f, text)
                }
            }
            Some(QField::Published) => Box::new(EmptyQuery),
        }
    }

    /// Converts a parsed query to a tantivy query.
    pub fn build(&self, node: &Node) -> Box<dyn Query> {
        match node {
            Node::All => Box::new(AllQuery),
            Node::Word {
                field,
                text,
                prefix,
            } => self.leaf(*field, text, *prefix),
            Node::Phrase { field, text } => self.leaf(*field, text, false),
            Node::Range { from, to, .. } => date_range(self.fields, *from, *to),
            Node::And(items) => {
                let mut v: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for it in items {
                    match it {
                        Node::Not(inner) => v.push((Occur::MustNot, self.build(inner))),
                        other => v.push((Occur::Must, self.build(other))),
                    }
                }
                if v.iter().all(|(o, _)| *o == Occur::MustNot) {
                    v.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(v))
            }
            Node::Or(items) => Box::new(BooleanQuery::new(
                items
                    .iter()
                    .map(|it| (Occur::Should, self.build(it)))
                    .collect(),
            )),
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, self.build(inner)),
            ])),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn w(t: &str) -> Node {
        Node::Word {
            field: None,
            text: t.into(),
            prefix: false,
        }
    }

    #[test]
    fn parses_valid_queries() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let cases: Vec<(&str, Node)> = vec![
            ("peace", w("peace")),
            ("peace talks", Node::And(vec![w("peace"), w("talks")])),
            ("peace AND talks", Node::And(vec![w("peace"), w("talks")])),
            ("peace OR war", Node::Or(vec![w("peace"), w("war")])),
            (
                "peace -war",
                Node::And(vec![w("peace"), Node::Not(Box::new(w("war")))]),
            ),
            ("NOT war", Node::Not(Box::new(w("war")))),
            (
                "\"peace process\"",
                Node::Phrase {
                    field: None,
                    text: "peace process".into(),
                },
            ),
            (
                "“peace process”",
                Node::Phrase {
                    field: None,
                    text: "peace process".into(),
                },
            ),
            (
                "(peace OR truce) AND taliban",
                Node::And(vec![Node::Or(vec![w("peace"), w("truce")]), w("taliban")]),
            ),
            (
                "person:\"Zalmay Khalilzad\"",
                Node::Phrase {
                    field: Some(QField::Actor(FacetField::Person)),
                    text: "Zalmay Khalilzad".into(),
                },
            ),
            (
                "org:taliban",
                Node::Word {
                    field: Some(QField::Actor(FacetField::Org)),
                    text: "taliban".into(),
                    prefix: false,
                },
            ),
            (
                "khal*",
                Node::Word {
                    field: None,
                    text: "khal".into(),
                    prefix: true,
                },
            ),
            (
                "published:[2020-01-01 TO 2020-06-30]",
                Node::Range {
                    field: QField::Published,
                    from: d("2020-01-01"),
                    to: d("2020-06-30"),
                },
            ),
            (
                "published:2020-05",
                Node::Range {
                    field: QField::Published,
                    from: d("2020-05-01"),
                    to: d("2020-05-31"),
                },
            ),
            (
                "date:>=2020",
                Node::Range {
                    field: QField::Published,
                    from: d("2020-01-01"),
                    to: None,
                },
            ),
            (
                "date:<2020-02-01",
                Node::Range {
                    field: QField::Published,
                    from: None,
                    to: d("2020-01-31"),
                },
            ),
            (
                "published:[* TO 2019]",
                Node::Range {
                    field: QField::Published,
                    from: None,
                    to: d("2019-12-31"),
                },
            ),
            ("", Node::All),
            ("*", Node::All),
            ("U.S.", w("U.S.")),
        ];
        for (q, want) in cases {
            assert_eq!(parse(q).unwrap(), want, "{q:?}");
        }
    }

    #[test]
    fn reports_errors_with_positions() {
        let cases: &[(&str, usize, &str)] = &[
            ("(peace", 0, "unbalanced parenthesis"),
            ("peace)", 5, "unbalanced parenthesis"),
            ("\"peace process", 0, "unterminated phrase"),
            ("foo:bar", 0, "unknown field 'foo'"),
            ("peace AND", 9, "AND needs a term after it"),
            ("AND peace", 0, "AND needs a term before it"),
            ("peace OR", 8, "OR needs a term after it"),
            ("published:2020-13-01", 10, "invalid date"),
            ("published:[2020 TO x]", 19, "invalid date"),
            ("published:[2020 TO", 10, "unterminated range"),
            ("published:[2020", 10, "unterminated range"),
            ("published:[", 10, "unterminated range"),
            ("title:[2020 TO 2021]", 6, "range needs a date field"),
            ("person: khalilzad", 7, "expected a value after 'person:'"),
            ("NOT", 0, "NOT needs a term"),
        ];
        for (q, pos, msg) in cases {
            match parse(q) {
                Err(SearchError::InvalidQuery { position, message }) => {
                    assert_eq!(position, *pos, "{q:?}: {message}");
                    assert!(message.contains(msg), "{q:?}: {message}");
                }
                other => panic!("{q:?}: expected an error, got {other:?}"),
            }
        }
    }

    /// Depth of a parsed tree (the tree is bounded, so recursion is fine here).
    fn depth(n: &Node) -> usize {
        match n {
            Node::And(v) | Node::Or(v) => 1 + v.iter().map(depth).max().unwrap_or(0),
            Node::Not(inner) => 1 + depth(inner),
            _ => 1,
        }
    }

    #[test]
    fn deep_negations_and_parentheses_are_bounded() {
        // Repeated negations cancel out.
        let dashes = format!("{}peace", "-".repeat(300));
        assert_eq!(parse(&dashes).unwrap(), w("peace"));
        assert_eq!(
            parse(&format!("{}peace", "NOT ".repeat(300))).unwrap(),
            w("peace")
        );
        assert_eq!(
            parse(&format!("{}peace", "NOT ".repeat(301))).unwrap(),
            Node::Not(Box::new(w("peace")))
        );
        assert_eq!(parse("---x").unwrap(), Node::Not(Box::new(w("x"))));
        assert_eq!(parse("NOT -x").unwrap(), w("x"));
        assert_eq!(parse("-(-x)").unwrap(), w("x"));
        assert_eq!(parse("-(NOT (-x))").unwrap(), Node::Not(Box::new(w("x"))));
        // Nesting up to the limit parses, one level more is an error, not a stack overflow.
        let nested = |n: usize| format!("{}peace{}", "(".repeat(n), ")".repeat(n));
        assert_eq!(parse(&nested(MAX_DEPTH)).unwrap(), w("peace"));
        let too_deep = |q: &str| match parse(q) {
            Err(SearchError::InvalidQuery { message, .. }) => {
                assert!(message.contains("nested too deep"), "{message}")
            }
            other => panic!("expected an error, got {other:?}"),
        };
        too_deep(&nested(MAX_DEPTH + 1));
        too_deep(&"(".repeat(4000));
        too_deep(&"-(".repeat(1000));
        // Size limits.
        match parse(&"(".repeat(5000)) {
            Err(SearchError::InvalidQuery { message, .. }) => {
                assert!(message.starts_with("query too long"), "{message}")
            }
            other => panic!("expected an error, got {other:?}"),
        }
        match parse(&"peace ".repeat(1000)) {
            Err(SearchError::InvalidQuery { message, .. }) => {
                assert!(message.starts_with("query too long"), "{message}")
            }
            other => panic!("expected an error, got {other:?}"),
        }
        match parse(&"a ".repeat(MAX_TERMS + 1)) {
            Err(SearchError::InvalidQuery { message, .. }) => {
                assert!(message.starts_with("too many terms"), "{message}")
            }
            other => panic!("expected an error, got {other:?}"),
        }
        assert!(parse(&"a ".repeat(MAX_TERMS)).is_ok());
        assert!(parse(&format!("person:(a b) {}", "c ".repeat(MAX_TERMS - 2))).is_ok());
    }

    /// A tiny deterministic generator (xorshift64*), so that every run tries the same cases.
    pub(crate) struct Rng(pub u64);

    impl Rng {
        pub fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        pub fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// Random queries: operators, fields, phrases, ranges and stray punctuation, at random depths
    /// and sizes, including long runs of one piece (thousands of `(` or `NOT `).
    pub(crate) fn random_queries(seed: u64, n: usize) -> Vec<String> {
        const PIECES: &[&str] = &[
            "(",
            ")",
            "NOT ",
            "-",
            "+",
            " AND ",
            " OR ",
            "&&",
            "||",
            "\"",
            "“",
            "”",
            "peace",
            "war*",
            "talks",
            "é",
            "person:",
            "org:",
            "published:",
            "date:",
            "title:",
            "[2020 TO 2021]",
            "[* TO 2019]",
            ">=2020",
            "<2019-06-01",
            "[",
            "]",
            ":",
            "*",
            " ",
            "  ",
            "TO",
            "foo:",
            "2020-13-01",
            "\u{0}",
            "kabul",
            "(peace OR truce)",
        ];
        let mut rng = Rng(seed);
        (0..n)
            .map(|_| {
                let mut q = String::new();
                let pieces = match rng.below(4) {
                    0 => rng.below(8),
                    1 => rng.below(64),
                    2 => rng.below(600),
                    _ => rng.below(3000),
                };
                for _ in 0..pieces {
                    let piece = PIECES[rng.below(PIECES.len())];
                    // Sometimes a long run of the same piece.
                    let times = if rng.below(20) == 0 {
                        1 + rng.below(5000)
                    } else {
                        1
                    };
                    for _ in 0..times {
                        q.push_str(piece);
                    }
                }
                q
            })
            .collect()
    }

    #[test]
    fn fuzzed_queries_parse_or_fail_cleanly() {
        let mut ok = 0;
        for q in random_queries(0x5175_7e5a, 3000) {
            match parse(&q) {
                Ok(n) => {
                    ok += 1;
                    assert!(depth(&n) <= 2 * MAX_DEPTH + 4, "{q:?}");
                }
                Err(SearchError::InvalidQuery { position, message }) => {
                    assert!(position <= q.len(), "{q:?}");
                    assert!(!message.is_empty() && !message.ends_with('.'), "{message}");
                }
                Err(e) => panic!("{q:?}: unexpected error {e}"),
            }
        }
        assert!(ok > 100, "too few valid queries to be a useful test: {ok}");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2020-05-16").unwrap().to_string(), "2020-05-16");
        assert_eq!(
            parse_date_upper("2020-02").unwrap().to_string(),
            "2020-02-29"
        );
        assert_eq!(
            parse_date_upper("2020-12").unwrap().to_string(),
            "2020-12-31"
        );
        assert_eq!(parse_date_upper("2019").unwrap().to_string(), "2019-12-31");
        assert!(parse_date("16/05/2020").is_err());
        assert!(parse_date("2020-02-30").is_err());
    }
}
