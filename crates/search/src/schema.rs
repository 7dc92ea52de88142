//! The index schema, built once; field handles are kept in [`Fields`].
//!
//! One index holds two kinds of records: articles and quotations (`kind` = `article` | `quote`).
//! Actor fields come in threes: a tokenised field for queries (`person:khalilzad`), a lower-cased
//! `*_key` field for filters (the whole name in any case, plus one key per run of up to
//! [`MAX_KEY_WORDS`] of its words: see [`word_run_keys`]), and a column of canonical names for facets and
//! aggregations. People, organisations and locations share one column (`entity_facet`, values
//! tagged with a type prefix) so that counting all three for a dashboard reads one column.

use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::Term;

pub const KIND_ARTICLE: &str = "article";
pub const KIND_QUOTE: &str = "quote";
/// A quotation that is a term or a scare quote rather than a statement: kept out of quote
/// searches and counts unless asked for.
pub const KIND_TERM: &str = "term";
/// Quotation searches that include terms (a label for the kinds `quote` and `term`).
pub const KIND_QUOTE_OR_TERM: &str = "quote+term";

/// The kinds of record a kind label stands for.
pub fn kinds_of(label: &'static str) -> &'static [&'static str] {
    match label {
        KIND_QUOTE_OR_TERM => &[KIND_QUOTE, KIND_TERM],
        KIND_ARTICLE => &[KIND_ARTICLE],
        KIND_QUOTE => &[KIND_QUOTE],
        KIND_TERM => &[KIND_TERM],
        _ => &[KIND_ALIAS],
    }
}
/// An exact duplicate: a file whose text is already indexed as another article. It stores only
/// its path and the id of that article, so the text is kept once with all its paths.
pub const KIND_ALIAS: &str = "alias";
/// Tokenizer for free text: simple tokens, lower case, ASCII folding, English stemming.
pub const TEXT_TOKENIZER: &str = "sitrep_text";
/// Tokenizer for exact actor keys: one token, lower case.
pub const KEY_TOKENIZER: &str = "sitrep_key";
/// Longest run of words of an actor name that is indexed as a key of its own (see
/// [`word_run_keys`]).
pub const MAX_KEY_WORDS: usize = 6;
/// Marks a word-run key, so that it never equals an exact (whole-name) key.
const WORD_RUN_MARK: char = '\u{1e}';

/// Keys for every run of up to [`MAX_KEY_WORDS`] consecutive words of a name (its analysed
/// words, as the text fields index them): a filter on "Donald Trump" then finds "Donald Trump
/// Jr." with one term lookup instead of a phrase query over positions.
pub fn word_run_keys(words: &[String], out: &mut Vec<String>) {
    for start in 0..words.len() {
        for end in start + 1..=words.len().min(start + MAX_KEY_WORDS) {
            out.push(word_run_key(&words[start..end]));
        }
    }
}

/// The key of one run of words (see [`word_run_keys`]).
pub fn word_run_key(words: &[String]) -> String {
    let mut key = String::from(WORD_RUN_MARK);
    key.push_str(&words.join(" "));
    key
}

/// The column of people, organisations and locations (see [`FacetField::column_prefix`]).
pub const ENTITY_COLUMN: &str = "entity_facet";

/// Names of the facets other than the entity kinds, each listed once: the API name first, then
/// the synonyms (singular and plural forms, short names). Matched in any case.
pub const OTHER_FACET_NAMES: [(FacetField, &[&str]); 6] = [
    (FacetField::Speaker, &["speakers", "speaker"]),
    (FacetField::Source, &["sources", "source", "site"]),
    (
        FacetField::ActorCountry,
        &["actor_country", "actor_countries", "country"],
    ),
    (
        FacetField::ActorRole,
        &["actor_role", "actor_roles", "role"],
    ),
    (FacetField::Language, &["languages", "language", "lang"]),
    (FacetField::Cue, &["cues", "cue"]),
];

/// Actor facets that are indexed as exact values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetField {
    Person,
    Org,
    Location,
    Speaker,
    Source,
    ActorCountry,
    ActorRole,
    /// The article's language (ISO 639-1 code).
    Language,
    /// The lemma of a quotation's reporting verb ("say", "warn", "deny").
    Cue,
}

impl FacetField {
    pub const ALL: [FacetField; 9] = [
        FacetField::Person,
        FacetField::Org,
        FacetField::Location,
        FacetField::Speaker,
        FacetField::Source,
        FacetField::ActorCountry,
        FacetField::ActorRole,
        FacetField::Language,
        FacetField::Cue,
    ];

    /// Name used in the API (`facets=people,organisations`).
    pub fn api_name(&self) -> &'static str {
        match self {
            FacetField::Person => "people",
            FacetField::Org => "organisations",
            FacetField::Location => "locations",
            FacetField::Speaker => "speakers",
            FacetField::Source => "sources",
            FacetField::ActorCountry => "actor_country",
            FacetField::ActorRole => "actor_role",
            FacetField::Language => "languages",
            FacetField::Cue => "cues",
        }
    }

    /// The facet a name stands for, in any case: the one table of field names that the query
    /// parser (`person:`, `site:`), the API (`facets=`, `type=`, `series=`) and the CLI read. The
    /// entity kinds answer to every name of [`EntityKind::parse`](sitrep_indexer::EntityKind::parse)
    /// (`person`, `people`, `org`, `orgs`, `loc`, `places`, ...); the other facets to the names
    /// of [`OTHER_FACET_NAMES`].
    pub fn from_api_name(s: &str) -> Option<FacetField> {
        if let Some(k) = sitrep_indexer::EntityKind::parse(s) {
            return Some(FacetField::of_kind(k));
        }
        let s = s.trim();
        OTHER_FACET_NAMES
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(s)))
            .map(|(f, _)| *f)
    }

    /// The singular name of the facet (`person`, `organisation`, `speaker`, `actor_country`).
    pub fn type_name(&self) -> &'static str {
        match self {
            FacetField::Person => sitrep_indexer::EntityKind::NAMES[0],
            FacetField::Org => sitrep_indexer::EntityKind::NAMES[1],
            FacetField::Location => sitrep_indexer::EntityKind::NAMES[2],
            FacetField::Speaker => "speaker",
            FacetField::Source => "source",
            FacetField::ActorCountry => "actor_country",
            FacetField::ActorRole => "actor_role",
            FacetField::Language => "language",
            FacetField::Cue => "cue",
        }
    }

    /// The facet of an entity kind.
    pub fn of_kind(k: sitrep_indexer::EntityKind) -> FacetField {
        match k {
            sitrep_indexer::EntityKind::Person => FacetField::Person,
            sitrep_indexer::EntityKind::Org => FacetField::Org,
            sitrep_indexer::EntityKind::Loc => FacetField::Location,
        }
    }

    /// Name of the exact fast field.
    /// The fast-field column a facet's values are counted in.
    pub fn column_name(&self) -> &'static str {
        match self {
            FacetField::Person | FacetField::Org | FacetField::Location => ENTITY_COLUMN,
            FacetField::Speaker => "speaker_facet",
            FacetField::Source => "source_facet",
            FacetField::ActorCountry => "actor_country",
            FacetField::ActorRole => "actor_role",
            FacetField::Language => "language",
            FacetField::Cue => "cue",
        }
    }

    /// The prefix a facet's values carry in its column ("" when the column holds one facet).
    /// The prefixes sort people, organisations and locations into three ordinal ranges.
    pub fn column_prefix(&self) -> &'static str {
        match self {
            FacetField::Person => "p\u{1f}",
            FacetField::Org => "o\u{1f}",
            FacetField::Location => "l\u{1f}",
            _ => "",
        }
    }
}

/// Field handles of the sitrep schema.
#[derive(Debug, Clone)]
pub struct Fields {
    pub schema: Schema,
    pub kind: Field,
    /// Id of the article (for articles and their quotations; for aliases their own id).
    pub article_id: Field,
    pub file: Field,
    pub file_hash: Field,
    pub content_hash: Field,
    /// MinHash signature of the body (absent when the text is too short to judge).
    pub minhash: Field,
    /// The band keys of `minhash` (`sitrep_indexer::minhash::band_keys`), indexed.
    pub minhash_band: Field,
    pub duplicate_of: Field,
    pub title: Field,
    pub body: Field,
    pub published: Field,
    pub person: Field,
    pub org: Field,
    pub location: Field,
    pub speaker: Field,
    pub source: Field,
    pub entity_facet: Field,
    pub speaker_facet: Field,
    pub source_facet: Field,
    pub actor_country: Field,
    pub actor_role: Field,
    pub language: Field,
    /// Lemmas of the reporting verbs (of a quotation; of an article's statements).
    pub cue: Field,
    /// A quotation's statement key: equal for the same words from the same speaker in the
    /// near-duplicate copies of one article (see `crate::statements`).
    pub statement: Field,
    /// Key (lower-cased canonical name) fields, for case-insensitive exact filters.
    pub person_key: Field,
    pub org_key: Field,
    pub location_key: Field,
    pub speaker_key: Field,
    pub source_key: Field,
    /// Months since year 0 (`year * 12 + month - 1`), for calendar-month histograms.
    pub published_month: Field,
    /// The record (an article, a reference to a quotation's article, or an alias) in the
    /// encodings of `codec`, stored compressed.
    pub stored: Field,
}

impl Fields {
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        // Exact fields are never scored: no field norms (one byte per document and field).
        let exact_indexing = |tokenizer: &str| {
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false)
        };
        let key = TextOptions::default().set_indexing_options(exact_indexing(KEY_TOKENIZER));
        let facet = TextOptions::default()
            .set_indexing_options(exact_indexing("raw"))
            .set_fast("raw");
        let kind = b.add_text_field("kind", facet.clone());
        let article_id = b.add_text_field("article_id", facet.clone());
        // Looked up, and read whole by streaming their terms: no columns, which would hold every
        // path and hash a second time (4% of the index of 100,000 bench articles).
        let lookup = TextOptions::default().set_indexing_options(exact_indexing("raw"));
        let file = b.add_text_field("file", lookup.clone());
        let file_hash = b.add_u64_field("file_hash", FAST);
        // Duplicate detection: an indexing run looks the content hash and the MinHash band keys
        // of each new article up (term lookups), and reads the candidates' signatures.
        let content_hash = b.add_text_field("content_hash", lookup);
        let minhash = b.add_bytes_field("minhash", FAST);
        let minhash_band = b.add_u64_field(
            "minhash_band",
            tantivy::schema::NumericOptions::default().set_indexed(),
        );
        let duplicate_of = b.add_text_field("duplicate_of", facet.clone());
        let title = b.add_text_field("title", text.clone());
        let body = b.add_text_field("body", text.clone());
        // Ranges and histograms only: no field norms.
        let published =
            b.add_date_field("published", DateOptions::default().set_indexed().set_fast());
        let person = b.add_text_field("person", text.clone());
        let org = b.add_text_field("org", text.clone());
        let location = b.add_text_field("location", text.clone());
        let speaker = b.add_text_field("speaker", text.clone());
        let source = b.add_text_field("source", text);
        // Actor facet values are only counted column-wise; filters go through the key fields.
        let column = TextOptions::default().set_fast("raw");
        let entity_facet = b.add_text_field(ENTITY_COLUMN, column.clone());
        let speaker_facet = b.add_text_field("speaker_facet", column.clone());
        // A quotation's statement key is only read column-wise (each statement once).
        let statement = b.add_text_field("statement", column.clone());
        let source_facet = b.add_text_field("source_facet", column);
        let actor_country = b.add_text_field("actor_country", facet.clone());
        let actor_role = b.add_text_field("actor_role", facet.clone());
        let language = b.add_text_field("language", facet.clone());
        let cue = b.add_text_field("cue", facet);
        let person_key = b.add_text_field("person_key", key.clone());
        let org_key = b.add_text_field("org_key", key.clone());
        let location_key = b.add_text_field("location_key", key.clone());
        let speaker_key = b.add_text_field("speaker_key", key.clone());
        let source_key = b.add_text_field("source_key", key);
        let published_month = b.add_u64_field("published_month", FAST);
        let stored = b.add_bytes_field("stored", STORED);
        Fields {
            schema: b.build(),
            kind,
            article_id,
            file,
            file_hash,
            content_hash,
            minhash,
            minhash_band,
            duplicate_of,
            title,
            body,
            published,
            person,
            org,
            location,
            speaker,
            source,
            entity_facet,
            speaker_facet,
            source_facet,
            actor_country,
            actor_role,
            language,
            cue,
            statement,
            person_key,
            org_key,
            location_key,
            speaker_key,
            source_key,
            published_month,
            stored,
        }
    }

    /// The term of the exact key field that matches an actor value in any case.
    pub fn key_term(&self, f: FacetField, value: &str) -> Term {
        let key = match f {
            FacetField::ActorCountry | FacetField::ActorRole => value.trim().to_uppercase(),
            // any form of a reporting verb: "warned" is "warn"
            FacetField::Cue => sitrep_indexer::quotes::cue_lemma(value.trim())
                .unwrap_or_else(|| value.trim().to_lowercase()),
            _ => value.trim().to_lowercase(),
        };
        Term::from_field_text(self.actor_fields(f).1, &key)
    }

    /// The tokenised text field and the exact key field behind an actor filter.
    pub fn actor_fields(&self, f: FacetField) -> (Option<Field>, Field) {
        match f {
            FacetField::Person => (Some(self.person), self.person_key),
            FacetField::Org => (Some(self.org), self.org_key),
            FacetField::Location => (Some(self.location), self.location_key),
            FacetField::Speaker => (Some(self.speaker), self.speaker_key),
            FacetField::Source => (Some(self.source), self.source_key),
            FacetField::ActorCountry => (None, self.actor_country),
            FacetField::ActorRole => (None, self.actor_role),
            FacetField::Language => (None, self.language),
            FacetField::Cue => (None, self.cue),
        }
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::new()
    }
}

#[cfg(test)]
mod name_tests {
    use super::FacetField;

    /// Every name that worked in queries or in the API before the names had one table still
    /// works in both, in any case.
    #[test]
    fn one_table_accepts_every_earlier_name_in_queries_and_parameters() {
        let names = [
            ("people", FacetField::Person),
            ("person", FacetField::Person),
            ("persons", FacetField::Person),
            ("organisations", FacetField::Org),
            ("organizations", FacetField::Org),
            ("organisation", FacetField::Org),
            ("organization", FacetField::Org),
            ("org", FacetField::Org),
            ("orgs", FacetField::Org),
            ("locations", FacetField::Location),
            ("location", FacetField::Location),
            ("places", FacetField::Location),
            ("place", FacetField::Location),
            ("loc", FacetField::Location),
            ("speakers", FacetField::Speaker),
            ("speaker", FacetField::Speaker),
            ("sources", FacetField::Source),
            ("source", FacetField::Source),
            ("site", FacetField::Source),
            ("actor_country", FacetField::ActorCountry),
            ("actor_countries", FacetField::ActorCountry),
            ("country", FacetField::ActorCountry),
            ("actor_role", FacetField::ActorRole),
            ("actor_roles", FacetField::ActorRole),
            ("role", FacetField::ActorRole),
            ("languages", FacetField::Language),
            ("language", FacetField::Language),
            ("lang", FacetField::Language),
            ("cues", FacetField::Cue),
            ("cue", FacetField::Cue),
        ];
        for (name, facet) in names {
            assert_eq!(FacetField::from_api_name(name), Some(facet), "{name}");
            assert_eq!(
                FacetField::from_api_name(&name.to_uppercase()),
                Some(facet),
                "{name}"
            );
            let q = crate::query::parse(&format!("{name}:kabul"))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                matches!(q, crate::query::Node::Word { field: Some(crate::query::QField::Actor(f)), .. } if f == facet),
                "{name}: {q:?}"
            );
        }
        assert_eq!(FacetField::from_api_name("colours"), None);
        for f in FacetField::ALL {
            assert_eq!(FacetField::from_api_name(f.api_name()), Some(f));
            assert_eq!(FacetField::from_api_name(f.type_name()), Some(f));
        }
    }
}
