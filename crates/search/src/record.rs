//! Records stored in the index: an article (with index metadata) and a quotation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_indexer::{Article, QuoteKind, Span};

/// An article as stored: the extraction result plus what the index adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleRecord {
    #[serde(flatten)]
    pub article: Article,
    /// Every path this exact text was found at (the first is `article.path`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Id of the article this one is a near-duplicate of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}

impl ArticleRecord {
    pub fn new(article: Article) -> ArticleRecord {
        ArticleRecord {
            paths: vec![article.path.clone()],
            article,
            duplicate_of: None,
        }
    }
}

/// A quotation as its own searchable record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteRecord {
    /// `<article id>-q<N>`.
    pub id: String,
    pub article_id: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// The quoted words, verbatim (`start..end` of the article's text).
    pub text: String,
    /// The quoted words without the sentence punctuation that belongs outside them (a trailing
    /// comma, ",.").
    pub display: String,
    /// `statement`, or `term` for a scare quote or term (only listed when asked for).
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    /// What the article says the speaker is ("party leader"), kept out of the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<String>,
    /// The words the attribution rests on, as they stand in the article ("He", "a spokesman").
    pub speaker_mention: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_role: Option<String>,
    pub cue: Option<String>,
    /// The reporting verb's lemma ("say", "warn"): what `cue=` filters and `facets=cues` counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_lemma: Option<String>,
    /// Every other article that carries this statement from this speaker (near-duplicate
    /// copies); the statement is listed and counted once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_in: Vec<String>,
    pub start: usize,
    pub end: usize,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The id of an article's quotation number `n` (from 1): `<article id>-q<n>`.
pub fn quote_id(article_id: &str, n: usize) -> String {
    format!("{article_id}-q{n}")
}

impl QuoteRecord {
    /// The quotation records of an article.
    pub fn all_from(record: &ArticleRecord) -> Vec<QuoteRecord> {
        (0..record.article.quotes.len())
            .filter_map(|i| QuoteRecord::of(record, i))
            .collect()
    }

    /// The record of an article's quotation at `index` (0-based).
    pub fn of(record: &ArticleRecord, index: usize) -> Option<QuoteRecord> {
        let a = &record.article;
        let (i, q) = (index, a.quotes.get(index)?);
        let actor = q.speaker.as_deref().and_then(|s| {
            a.people
                .iter()
                .chain(&a.organisations)
                .find(|e| e.name == s)
        });
        Some(QuoteRecord {
            id: quote_id(&a.id, i + 1),
            article_id: a.id.clone(),
            title: a.title.clone(),
            published: a.published,
            text: q.text.clone(),
            display: q.display.clone(),
            kind: q.kind,
            speaker: q.speaker.clone(),
            descriptor: q.descriptor.clone(),
            speaker_mention: q
                .speaker_mention
                .map(|m: Span| a.text.get(m.start..m.end).unwrap_or_default().to_string()),
            speaker_country: actor.and_then(|e| e.country.clone()),
            speaker_role: actor.and_then(|e| e.role.clone()),
            cue: q.cue.clone(),
            cue_lemma: q.cue_lemma.clone(),
            also_in: Vec::new(),
            start: q.start,
            end: q.end,
            path: a.path.clone(),
            source: a.source.clone(),
        })
    }
}
