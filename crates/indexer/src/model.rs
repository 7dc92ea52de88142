//! The extraction result: what `sitrep extract` prints and what the index stores.
//! Field names and meanings follow `docs/extract-format.md`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A byte range into an article's `text`, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The text of the span; empty when the span does not fit `text` (out of range or not on
    /// character boundaries) rather than a panic.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Entity kinds the extractor distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EntityKind {
    Person,
    Org,
    Loc,
}

/// Every name an entity kind is known by, listed once: the singular name first, then the
/// plural, then short forms and the labels of annotation schemes (`PER`, `GPE`). Parsing ignores
/// case, so `PERSON`, `Person` and `person` are one kind. The query parser (`person:`), the API
/// (`person=`, `facets=people`, `type=organisation`) and gold files all read this table.
const KIND_NAMES: [(EntityKind, &[&str]); 3] = [
    (EntityKind::Person, &["person", "people", "persons", "per"]),
    (
        EntityKind::Org,
        &[
            "organisation",
            "organisations",
            "organization",
            "organizations",
            "org",
            "orgs",
        ],
    ),
    (
        EntityKind::Loc,
        &["location", "locations", "loc", "place", "places", "gpe"],
    ),
];

impl EntityKind {
    pub const ALL: [EntityKind; 3] = [EntityKind::Person, EntityKind::Org, EntityKind::Loc];
    /// The name of each kind, as error messages list them.
    pub const NAMES: [&'static str; 3] =
        [KIND_NAMES[0].1[0], KIND_NAMES[1].1[0], KIND_NAMES[2].1[0]];

    /// The label of the kind in extraction output (`PERSON`, `ORG`, `LOC`).
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Org => "ORG",
            EntityKind::Loc => "LOC",
        }
    }

    /// The kind one of its names stands for, in any case; see [`KIND_NAMES`].
    pub fn parse(name: &str) -> Option<EntityKind> {
        let name = name.trim();
        KIND_NAMES
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
            .map(|(k, _)| *k)
    }
}

impl std::str::FromStr for EntityKind {
    type Err = crate::IndexerError;

    fn from_str(s: &str) -> Result<EntityKind, crate::IndexerError> {
        EntityKind::parse(s).ok_or_else(|| crate::IndexerError::UnknownKind {
            name: s.to_string(),
        })
    }
}

/// One entity of an article under its canonical name, with every mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entity {
    pub name: String,
    pub mentions: Vec<Span>,
    /// CAMEO country code where the actor dictionaries know the actor (e.g. `AFG`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// CAMEO role code where known (e.g. `GOV`, `REB`, `IGO`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A direct quotation with its attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    /// The quoted words, verbatim (`text[start..end]`).
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_mention: Option<Span>,
    /// The reporting verb as written ("said", "warned", "according to", ":" is none).
    pub cue: Option<String>,
    /// The quoted words without the punctuation that belongs to the sentence around them (a
    /// trailing comma, ",.", a semicolon or colon): see [`display_text`].
    #[serde(default)]
    pub display: String,
    /// The reporting verb's lemma ("say", "warn", "tell", "deny"; "according to" stays).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_lemma: Option<String>,
    /// What the text says the speaker is, kept out of the speaker's name ("party leader",
    /// "the minister").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<String>,
    /// A statement, or a term (a scare quote, a word or two nobody is said to have spoken).
    #[serde(default, skip_serializing_if = "QuoteKind::is_statement")]
    pub kind: QuoteKind,
}

impl Quote {
    /// A statement at `start..end` of `text`'s words, without attribution.
    pub fn new(start: usize, end: usize, text: &str) -> Quote {
        Quote {
            start,
            end,
            display: display_text(text).to_string(),
            text: text.to_string(),
            speaker: None,
            speaker_mention: None,
            cue: None,
            cue_lemma: None,
            descriptor: None,
            kind: QuoteKind::Statement,
        }
    }
}

/// Whether a quotation is a statement or a term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum QuoteKind {
    /// Words someone is said to have spoken or written.
    #[default]
    Statement,
    /// A word or two in quotation marks with no speaker cue: a scare quote, a term, a title.
    Term,
}

impl QuoteKind {
    pub fn is_statement(&self) -> bool {
        *self == QuoteKind::Statement
    }
}

/// The quoted words without the sentence punctuation that belongs outside them: trailing
/// commas, semicolons and colons, also before a full stop (“we will stay,.” → “we will stay”),
/// and surrounding white space. A full stop, question or exclamation mark of its own stays.
pub fn display_text(text: &str) -> &str {
    let mut t = text.trim();
    loop {
        let before = t.len();
        if let Some(rest) = t
            .strip_suffix(",.")
            .or_else(|| t.strip_suffix(";."))
            .or_else(|| t.strip_suffix(":."))
        {
            t = rest;
        }
        t = t.trim_end_matches([',', ';', ':', '\u{060C}']).trim_end();
        if t.len() == before {
            return t;
        }
    }
}

/// Kind of a paragraph found by layout analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum BlockKind {
    Title,
    Body,
    Subhead,
}

/// A region of the text that carries article content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    pub path: String,
    pub id: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub dateline: Option<String>,
    pub text: String,
    pub people: Vec<Entity>,
    pub organisations: Vec<Entity>,
    pub locations: Vec<Entity>,
    pub quotes: Vec<Quote>,
    /// Content regions (title, body paragraphs, subheads) in text order.
    #[serde(default)]
    pub blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// ISO 639-1 code: declared by the source, else detected from the text (see `language`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Hash of the content blocks (title included) with case and white space folded, used for
    /// exact duplicate detection (`extract::content_hash`).
    #[serde(default)]
    pub content_hash: String,
}

impl Article {
    pub fn entities(&self, kind: EntityKind) -> &[Entity] {
        match kind {
            EntityKind::Person => &self.people,
            EntityKind::Org => &self.organisations,
            EntityKind::Loc => &self.locations,
        }
    }

    /// The article body (content blocks other than the title), joined by blank lines.
    pub fn body(&self) -> String {
        body_text(&self.text, &self.blocks)
    }
}

/// The content blocks of `text` other than the title, joined by blank lines: the text that
/// near-duplicate signatures are computed from (the content hash also covers the title).
pub fn body_text(text: &str, blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks.iter().filter(|b| b.kind != BlockKind::Title) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&text[b.start..b.end]);
    }
    out
}

#[cfg(test)]
mod kind_tests {
    use super::EntityKind;

    #[test]
    fn entity_kinds_parse_from_every_vocabulary_in_any_case() {
        for (names, kind) in [
            (
                &["PERSON", "person", "People", "persons", "PER"][..],
                EntityKind::Person,
            ),
            (
                &["ORG", "org", "orgs", "organisation", "Organizations"][..],
                EntityKind::Org,
            ),
            (
                &["LOC", "loc", "location", "locations", "place", "GPE"][..],
                EntityKind::Loc,
            ),
        ] {
            for n in names {
                assert_eq!(n.parse::<EntityKind>().unwrap(), kind, "{n}");
            }
        }
        let err = "colour".parse::<EntityKind>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown entity kind 'colour' (kinds: person, organisation, location)"
        );
    }
}
