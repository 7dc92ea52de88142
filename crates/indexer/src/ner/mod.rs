//! Named-entity recognition: a hashed-feature averaged perceptron over BILOU labels (trained by
//! `train::train` from the NER training data, shipped as `data/ner.model`), greedy decoding,
//! then document-level consistency.
//!
//! Layout: this module holds the [`Tagger`], [`Mention`], [`Pass`], the BILOU → span emission and
//! the order the passes run in; `lexicon` the hand-written word lists and their word
//! predicates; `tokens` the token helpers the passes share; `block_passes` the per-block repairs
//! (`repair` and the passes it runs); `doc_passes` the document-level passes (consistency,
//! unplaced places, sites, acronyms); `figures` the labels of figures rows and units after magnitudes.

mod block_passes;
pub mod clusters;
mod doc_passes;
pub mod features;
mod figures;
mod lexicon;
pub(crate) use lexicon::inner_title;
pub mod model;
mod tokens;
#[cfg(feature = "train")]
pub mod train;

use crate::error::Result;
use crate::gazetteer::{class, Gazetteer};
use crate::model::{Block, EntityKind, Span};
use crate::tokenize::{self, Token};
use block_passes::repair;
use doc_passes::{acronyms, consistency, sites, unplaced};
use features::{label, token_infos, TokInfo};
pub use lexicon::PARTICLES;
use lexicon::{plural_acronym, NAME_CONNECTORS, ORG_HEADS_SET};
use model::{Decoded, Model};
use std::sync::OnceLock;
use tokens::{surface_hash, BlockToks};

pub(crate) use lexicon::{
    ends_company, is_company_name, not_a_name, possessive_stem, starts_company,
};
pub use lexicon::{is_company_suffix, is_folded_company_suffix};
#[cfg(feature = "train")]
pub use train::{train, TrainOptions, TrainReport};

/// A typed name occurrence in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    /// Tagger confidence (lowest token margin, in weight units; higher is surer).
    pub score: f32,
}

const MODEL_BYTES: &[u8] = include_bytes!("../../data/ner.model");

const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Org, EntityKind::Loc];

/// Margin above which a mention counts as confident for document-level consistency.
const CONFIDENT: f32 = 0.5;

/// The shipped model, loaded once.
pub fn builtin_model() -> Result<&'static Model> {
    static M: OnceLock<std::result::Result<Model, String>> = OnceLock::new();
    M.get_or_init(|| {
        if MODEL_BYTES.is_empty() {
            Ok(Model::default())
        } else {
            Model::from_bytes(MODEL_BYTES).map_err(|e| e.to_string())
        }
    })
    .as_ref()
    .map_err(|e| crate::error::IndexerError::Model(e.clone()))
}

/// The entity tagger.
#[derive(Debug, Clone, Copy)]
pub struct Tagger {
    model: &'static Model,
    gaz: &'static Gazetteer,
    /// Rule passes switched off (bit `1 << Pass as u32`), for ablation runs.
    off: u64,
}

/// The rule passes that run after the tagger. Each can be switched off with
/// [`Tagger::without`] to measure what it adds (`docs/ner-ablation.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Multi-word dictionary names, and dictionary kinds for tagged names (repair 1, 1b, 1c).
    Dictionary,
    /// "<title> <first name> <Name>", or a title and a surname, tagged as an organisation or
    /// place is a person (repair 2).
    TitledPerson,
    /// A person's name followed by an organisation head is the organisation (repair 3).
    PersonInOrg,
    /// A place's name before an organisation head is that organisation (`org_heads`).
    OrgHeads,
    /// Storms, vessels, built places and hyphenated given names (`kinds_and_facilities`).
    KindsAndFacilities,
    /// Names tied to a person by "of" or a possessive are organisations (`affiliations`).
    Affiliations,
    /// Company names with a legal suffix (`company_suffixes`).
    CompanySuffixes,
    /// Teams in sports result lines (`results_lines`).
    ResultsLines,
    /// Document-level label consistency (`consistency`).
    Consistency,
    /// Untagged repeats of names tagged elsewhere in the article (`unplaced`).
    Unplaced,
    /// Sites named after people or places (`sites`).
    Sites,
    /// Acronyms defined in the article (`acronyms`).
    Acronyms,
    /// All-capitals lines are read in their usual spelling (`crate::truecase`).
    Truecase,
    /// Labels of figures rows are no names (`figures`).
    FiguresRows,
    /// Person names completed with adjacent surnames and first names; place words (`person-names`).
    PersonNames,
    /// Units after magnitudes and periods after ordinals are no names (`figures`).
    Units,
    /// Nationalities are no places (`demonyms`).
    Demonyms,
    /// Capitals phrases of ordinary words are no names (`caps_phrases`).
    CapsPhrases,
    /// A person's name that starts a company's name in the article, or a one-word one that ends
    /// it before its legal suffix, is that company, and a founder's given name written short
    /// before it starts it (`abbreviated_founders`, `firm_names`).
    FirmNames,
    /// An organisation's name goes on over "and" after ordinary words and over "of" before a
    /// number (`org_extents`).
    OrgExtents,
    /// Competitors named before a country in brackets in results rows (`entrants`).
    Entrants,
    /// The source a dateline names in brackets is an organisation (`dateline_sources`).
    DatelineSources,
    /// A person's name holds no lower-case word but name particles: a "person" that does is
    /// split there into the names it joins (`joined_names`).
    JoinedNames,
    /// An ordinary word capitalised after "<noun> of" is no name: "the secretary of State"
    /// (`title_objects`).
    TitleObjects,
    /// A person's name does not start with a function word capitalised at a sentence's start
    /// ("For Quorve, ...": `leading_words`).
    LeadingWords,
    /// A stock ticker in angle brackets is no name, and the name before it is a company's
    /// (`tickers`).
    Tickers,
    /// A name before a comma and a US state's dotted abbreviation is a town (`state_towns`).
    StateTowns,
    /// Given names an editor added in brackets and the surname after them are one person
    /// (`bracketed_names`).
    BracketedNames,
    /// The words of all-capitals lines are cased by a model that reads each word in its context
    /// (`crate::casemodel`), after the lexicon (`truecase`).
    CaseInContext,
    /// A person's name ends in a name word, not an ordinary word (`ordinary_ends`).
    OrdinaryEnds,
    /// In capitals text, an ordinary word that is a surname after a given name, or between a
    /// quotation and its reporting verb, is that surname, there and in the article's other
    /// capitals lines (`truecase`).
    SurnamesInCapitals,
    /// A mention of ordinary words inside a headline that capitalises every word is no name
    /// (`headline_case`).
    HeadlineCase,
    /// A run of capitalised words that no mention covers, ending in an organisation's head noun,
    /// is that organisation (`block_passes::head_names`).
    HeadNames,
    /// A place's name and an adjective before a noun ("the Velmar Republican primary") are the
    /// place (`doc_passes::place_adjectives`).
    PlaceAdjectives,
    /// A compound adjective ("Tarvela-based") is cut from an organisation or a place
    /// (`doc_passes::compound_adjectives`).
    CompoundAdjectives,
    /// An organisation or a place that ends in a title before capitalised words is the
    /// office's place, and the words the person (`block_passes::title_ends`).
    TitleEnds,
    /// A town's or a region's name and "Department" is an administrative area
    /// (`doc_passes::admin_areas`).
    AdminAreas,
    /// A one-word name that only opens sentences, in an article that writes it in lower case
    /// inside them, is no name (`doc_passes::opening_words`).
    OpeningWords,
    /// One ordinary word in a capitals headline over running text in mixed case is a name only
    /// if the text writes it capitalised (`doc_passes::caps_headlines`).
    CapsHeadlines,
    /// Two dictionary names joined by "and" into one organisation or place are two names
    /// (`doc_passes::joined_bodies`).
    JoinedBodies,
    /// Credit ratings in sentences about ratings or debt are no names (`figures::ratings`).
    Ratings,
    /// In capitals text, a given name that is also an ordinary word ("Mark") and the surname
    /// after it are a name when the case model is not sure of the ordinary word (`truecase`).
    GivenNamesInCapitals,
    /// The capitalised words that open a line before its date are a place
    /// (`doc_passes::datelines`).
    Datelines,
    /// Press outlets named beside "news agency", "newspaper", "daily", ... are organisations
    /// (`block_passes::press_names`).
    PressNames,
    /// Economic indicators ("... Offered Rate", "... Price Index") are no organisations
    /// (`figures::indicators`).
    Indicators,
    /// A longer mention in a capitals headline over running text in mixed case keeps only the
    /// runs of its words that name something (`doc_passes::headline_parts`).
    HeadlineParts,
    /// A firm named by two ordinary words joined by "and" is one organisation
    /// (`doc_passes::and_firms`).
    AndFirms,
}

// every pass has a bit of `Tagger::off`
const _: () = assert!(Pass::ALL.len() <= u64::BITS as usize);

impl Pass {
    pub const ALL: [Pass; 47] = [
        Pass::Dictionary,
        Pass::TitledPerson,
        Pass::PersonInOrg,
        Pass::OrgHeads,
        Pass::KindsAndFacilities,
        Pass::Affiliations,
        Pass::CompanySuffixes,
        Pass::ResultsLines,
        Pass::Consistency,
        Pass::Unplaced,
        Pass::Sites,
        Pass::Acronyms,
        Pass::Truecase,
        Pass::FiguresRows,
        Pass::PersonNames,
        Pass::Units,
        Pass::Demonyms,
        Pass::CapsPhrases,
        Pass::FirmNames,
        Pass::OrgExtents,
        Pass::Entrants,
        Pass::DatelineSources,
        Pass::JoinedNames,
        Pass::TitleObjects,
        Pass::LeadingWords,
        Pass::Tickers,
        Pass::StateTowns,
        Pass::BracketedNames,
        Pass::CaseInContext,
        Pass::OrdinaryEnds,
        Pass::SurnamesInCapitals,
        Pass::HeadlineCase,
        Pass::HeadNames,
        Pass::PlaceAdjectives,
        Pass::CompoundAdjectives,
        Pass::TitleEnds,
        Pass::AdminAreas,
        Pass::OpeningWords,
        Pass::CapsHeadlines,
        Pass::JoinedBodies,
        Pass::Ratings,
        Pass::GivenNamesInCapitals,
        Pass::Datelines,
        Pass::PressNames,
        Pass::Indicators,
        Pass::HeadlineParts,
        Pass::AndFirms,
    ];

    /// The pass's name in ablation tables and on the command line (kebab case).
    pub fn name(self) -> &'static str {
        match self {
            Pass::Dictionary => "dictionary",
            Pass::TitledPerson => "titled-person",
            Pass::PersonInOrg => "person-in-org",
            Pass::OrgHeads => "org-heads",
            Pass::KindsAndFacilities => "kinds-and-facilities",
            Pass::Affiliations => "affiliations",
            Pass::CompanySuffixes => "company-suffixes",
            Pass::ResultsLines => "results-lines",
            Pass::Consistency => "consistency",
            Pass::Unplaced => "unplaced",
            Pass::Sites => "sites",
            Pass::Acronyms => "acronyms",
            Pass::Truecase => "truecase",
            Pass::FiguresRows => "figures-rows",
            Pass::PersonNames => "person-names",
            Pass::Units => "units",
            Pass::Demonyms => "demonyms",
            Pass::CapsPhrases => "caps-phrases",
            Pass::FirmNames => "firm-names",
            Pass::OrgExtents => "org-extents",
            Pass::Entrants => "entrants",
            Pass::DatelineSources => "dateline-sources",
            Pass::JoinedNames => "joined-names",
            Pass::TitleObjects => "title-objects",
            Pass::LeadingWords => "leading-words",
            Pass::Tickers => "tickers",
            Pass::StateTowns => "state-towns",
            Pass::BracketedNames => "bracketed-names",
            Pass::CaseInContext => "case-in-context",
            Pass::OrdinaryEnds => "ordinary-ends",
            Pass::SurnamesInCapitals => "surnames-in-capitals",
            Pass::HeadlineCase => "headline-case",
            Pass::HeadNames => "head-names",
            Pass::PlaceAdjectives => "place-adjectives",
            Pass::CompoundAdjectives => "compound-adjectives",
            Pass::TitleEnds => "title-ends",
            Pass::AdminAreas => "admin-areas",
            Pass::OpeningWords => "opening-words",
            Pass::CapsHeadlines => "caps-headlines",
            Pass::JoinedBodies => "joined-bodies",
            Pass::Ratings => "ratings",
            Pass::GivenNamesInCapitals => "given-names-in-capitals",
            Pass::Datelines => "datelines",
            Pass::PressNames => "press-names",
            Pass::Indicators => "indicators",
            Pass::HeadlineParts => "headline-parts",
            Pass::AndFirms => "and-firms",
        }
    }

    pub fn from_name(s: &str) -> Option<Pass> {
        Pass::ALL.into_iter().find(|p| p.name() == s)
    }
}

impl Default for Tagger {
    fn default() -> Self {
        Tagger::new()
    }
}

impl Tagger {
    /// The shipped tagger. Falls back to an empty model (tags nothing) when the shipped model
    /// cannot be read; use `try_new` to see the error.
    pub fn new() -> Self {
        Tagger::try_new().unwrap_or_else(|_| {
            static EMPTY: OnceLock<Model> = OnceLock::new();
            Tagger {
                model: EMPTY.get_or_init(Model::default),
                gaz: Gazetteer::builtin(),
                off: 0,
            }
        })
    }

    pub fn try_new() -> Result<Self> {
        // The casing lexicon and model are loaded with the tagger's own, not by the first
        // article in capitals (whose extraction would then take a tenth of a second).
        crate::truecase::Truecaser::builtin();
        Ok(Tagger {
            model: builtin_model()?,
            gaz: Gazetteer::builtin(),
            off: 0,
        })
    }

    pub fn with_model(model: &'static Model, gaz: &'static Gazetteer) -> Self {
        Tagger { model, gaz, off: 0 }
    }

    /// The same tagger with `passes` switched off (for ablation runs).
    pub fn without(mut self, passes: &[Pass]) -> Self {
        for p in passes {
            self.off |= 1u64 << *p as u32;
        }
        self
    }

    fn on(&self, p: Pass) -> bool {
        self.off & (1u64 << p as u32) == 0
    }

    /// The text the tagger reads: `text` with its all-capitals lines in usual spelling (same
    /// byte offsets). Names are taken from this text, so that a headline's "ZARNIA CITY" and
    /// the body's "Zarnia City" are one name.
    pub fn recase<'a>(&self, text: &'a str, blocks: &[Block]) -> std::borrow::Cow<'a, str> {
        if self.on(Pass::Truecase) {
            crate::truecase::Truecaser::builtin().recase_with(
                text,
                blocks,
                self.on(Pass::CaseInContext),
                self.on(Pass::SurnamesInCapitals),
                self.on(Pass::GivenNamesInCapitals),
            )
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gaz
    }

    /// Finds entity mentions inside the content blocks of `text`.
    pub fn tag(&self, text: &str, blocks: &[Block]) -> Vec<Mention> {
        self.tag_text(text, blocks, false)
    }

    /// Finds entity mentions inside the content blocks of `text`; `recased`: the text is an
    /// article in capitals rewritten by [`Tagger::recase`], whose case is a guess word by word.
    pub fn tag_text(&self, text: &str, blocks: &[Block], recased: bool) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut docs: Vec<BlockToks> = Vec::with_capacity(blocks.len());
        let mut matches = Vec::new();
        let mut feats = Vec::with_capacity(64);
        let mut dec = Decoded::default();
        let mut not_names: Vec<u64> = Vec::new();
        for b in blocks {
            if b.end > text.len()
                || b.start >= b.end
                || !text.is_char_boundary(b.start)
                || !text.is_char_boundary(b.end)
            {
                continue;
            }
            let mut toks = Vec::new();
            tokenize::tokenize_into(text, b.start, b.end, &mut toks);
            let mut infos = Vec::new();
            token_infos(
                text,
                &toks,
                self.gaz,
                &self.model.clusters,
                &mut infos,
                &mut matches,
            );
            let mut s0 = 0;
            while s0 < toks.len() {
                let mut s1 = s0 + 1;
                while s1 < toks.len() && !toks[s1].sent_start {
                    s1 += 1;
                }
                self.model.decode(&infos, s0, s1, &mut feats, &mut dec);
                emit(text, &toks, &infos, s0, &dec, &mut out);
                s0 = s1;
            }
            repair(
                text,
                &toks,
                &infos,
                &matches,
                self.gaz,
                self.off,
                &mut out,
                &mut not_names,
            );
            if self.on(Pass::HeadNames) {
                block_passes::head_names(text, &toks, &infos, &mut out);
            }
            if self.on(Pass::TitleEnds) {
                block_passes::title_ends(text, &toks, &infos, self.gaz, &mut out);
            }
            if self.on(Pass::PersonNames) {
                block_passes::person_names(text, &toks, &infos, &mut out);
            }
            docs.push(BlockToks { toks, infos });
        }
        if self.on(Pass::HeadlineParts) && !recased {
            doc_passes::headline_parts(text, &docs, &mut out);
        }
        if self.on(Pass::Consistency) {
            consistency(text, &docs, self.gaz, recased, &mut out);
        }
        if self.on(Pass::OpeningWords) {
            doc_passes::opening_words(text, &docs, self.gaz, &mut out);
        }
        if !not_names.is_empty() {
            // the bare name of a storm or a vessel named elsewhere in the article
            out.retain(|m| !not_names.contains(&surface_hash(m.span.slice(text))));
        }
        if self.on(Pass::Unplaced) {
            unplaced(text, &docs, self.gaz, &mut out);
        }
        if self.on(Pass::Sites) {
            sites(text, &docs, &mut out);
        }
        if self.on(Pass::Acronyms) {
            acronyms(text, &docs, &mut out);
        }
        if self.on(Pass::FiguresRows) {
            figures::figures_rows(text, &docs, &mut out);
        }
        if self.on(Pass::Units) {
            figures::units(text, &docs, &mut out);
        }
        if self.on(Pass::Ratings) {
            figures::ratings(text, &mut out);
        }
        if self.on(Pass::Indicators) {
            figures::indicators(text, self.gaz, &mut out);
        }
        if self.on(Pass::Demonyms) {
            doc_passes::demonyms(text, self.gaz, &mut out);
        }
        if self.on(Pass::AdminAreas) {
            doc_passes::admin_areas(text, self.gaz, &mut out);
        }
        if self.on(Pass::CompoundAdjectives) {
            doc_passes::compound_adjectives(text, self.gaz, &mut out);
        }
        if self.on(Pass::PlaceAdjectives) {
            doc_passes::place_adjectives(text, self.gaz, &mut out);
        }
        if self.on(Pass::TitleObjects) {
            doc_passes::title_objects(text, self.gaz, &mut out);
        }
        if self.on(Pass::CapsPhrases) {
            doc_passes::caps_phrases(text, self.gaz, &mut out);
        }
        if self.on(Pass::HeadlineCase) {
            doc_passes::headline_case(text, &docs, self.gaz, &mut out);
        }
        if self.on(Pass::CapsHeadlines) && !recased {
            doc_passes::caps_headlines(text, &docs, &mut out);
        }
        if self.on(Pass::AndFirms) {
            doc_passes::and_firms(text, &mut out);
        }
        if self.on(Pass::FirmNames) {
            doc_passes::abbreviated_founders(text, self.gaz, &mut out);
            doc_passes::firm_names(text, self.gaz, &mut out);
        }
        if self.on(Pass::JoinedNames) {
            doc_passes::joined_names(text, self.gaz, &mut out);
        }
        if self.on(Pass::JoinedBodies) {
            doc_passes::joined_bodies(text, self.gaz, &mut out);
        }
        if self.on(Pass::OrdinaryEnds) {
            doc_passes::ordinary_ends(text, self.gaz, &mut out);
        }
        if self.on(Pass::LeadingWords) {
            doc_passes::leading_words(text, self.gaz, &mut out);
        }
        if self.on(Pass::Tickers) {
            doc_passes::tickers(text, &mut out);
        }
        if self.on(Pass::OrgExtents) {
            doc_passes::org_extents(text, self.gaz, &mut out);
        }
        if self.on(Pass::StateTowns) {
            doc_passes::state_towns(text, &mut out);
        }
        if self.on(Pass::BracketedNames) {
            doc_passes::bracketed_names(text, &docs, self.gaz, &mut out);
        }
        if self.on(Pass::Datelines) {
            doc_passes::datelines(text, self.gaz, &mut out);
        }
        out.sort_by_key(|m| (m.span.start, m.span.end));
        out
    }
}

/// Turns BILOU labels into mentions; cuts leading titles off person names.
fn emit(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    s0: usize,
    dec: &Decoded,
    out: &mut Vec<Mention>,
) {
    let mut start: Option<usize> = None;
    let mut score = f32::MAX;
    for (k, &l) in dec.labels.iter().enumerate() {
        let i = s0 + k;
        if l == label::O {
            start = None;
            continue;
        }
        let pos = label::pos(l);
        if pos == 0 || pos == 3 {
            start = Some(i);
            score = f32::MAX;
        }
        score = score.min(dec.margins[k]);
        if pos >= 2 {
            if let Some(st) = start.take() {
                let kind = KINDS[label::kind(l).unwrap_or(0)];
                push_span(text, toks, infos, st, i, kind, score, out);
            }
        }
    }
}

/// Cleans the tokens `st..=en` of one tagged name and pushes it: lower-case words at the edges
/// are not part of a name ("asked Arlo Venn", "Velbury where"); titles are cut off
/// person names; "A and B" tagged as one person is two people.
#[allow(clippy::too_many_arguments)]
fn push_span(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    mut st: usize,
    mut en: usize,
    mut kind: EntityKind,
    score: f32,
    out: &mut Vec<Mention>,
) {
    let lower = |j: usize| infos[j].flags & features::F_LOWER != 0;
    while en > st && lower(en) {
        en -= 1;
    }
    // a particle stays before a capitalised word ("bin Harrat")
    let particle = |j: usize| PARTICLES.contains(&toks[j].as_str(text)) && !lower(j + 1);
    while st < en && lower(st) && !particle(st) {
        st += 1;
    }
    // the time zone of a clock time is no part of the name after it ("at 1801 GMT Quorve
    // began to speak")
    while st < en && tokens::clock_time_zone(text, toks, infos, st) {
        st += 1;
    }
    // a lower-case word inside a tagged organisation or place that joins no name ("Kelmore
    // Republican on Monday dismissed Venn") ends it: the two sides are separate guesses. (Person
    // spans keep theirs: splitting them lowered gum PERSON by 0.8, where long descriptions of a
    // candidate and the office sought are annotated as people.)
    let stray = |j: usize| {
        let w = toks[j].as_str(text);
        // (a hyphenated one too: "front-runner")
        w.chars().all(|c| c.is_lowercase() || c == '-')
            && w.chars().any(char::is_lowercase)
            && !NAME_CONNECTORS.contains(&w)
            && !PARTICLES.contains(&w)
    };
    // in a person's name only a verb in the past tense counts ("Ali rebuked Venn"), or a lone
    // letter other than a conjunction ("Ortega y Gasset"): the marks of a scorecard ("Tal c Venn")
    let letter = |j: usize| {
        toks[j].as_str(text).len() == 1 && !matches!(toks[j].as_str(text), "y" | "e" | "i" | "a")
    };
    if let Some(p) = (st + 1..en).find(|&p| {
        stray(p)
            && (kind != EntityKind::Person
                || lexicon::past_tense(toks[p].as_str(text))
                || letter(p))
    }) {
        push_span(text, toks, infos, st, p - 1, kind, score, out);
        push_span(text, toks, infos, p + 1, en, kind, score, out);
        return;
    }
    // a possessive inside a tagged span joins two names of different kinds ("Civic Unity
    // Party's Edda Lindqvar"), unless only a legal suffix follows ("Brannigan's Corp")
    if let Some(p) = (st + 1..en).find(|&p| lexicon::is_possessive(toks[p].as_str(text))) {
        // collective possessives belong to names ("Zarnia People's Army", "Velbury Women's Union", "St Corin's")
        let collective = matches!(
            toks[p - 1].as_str(text),
            "People" | "Peoples" | "Children" | "Women" | "Men" | "Workers"
        ) || p >= st + 2
            && matches!(toks[p - 2].as_str(text), "St" | "St." | "Saint");
        if !collective && !(p + 1..=en).all(|j| is_company_suffix(toks[j].as_str(text))) {
            let left = if ORG_HEADS_SET.contains(toks[p - 1].as_str(text)) {
                EntityKind::Org
            } else {
                kind
            };
            let right = if ORG_HEADS_SET.contains(toks[en].as_str(text)) {
                EntityKind::Org
            } else if infos[p + 1].wclass & class::FIRST != 0 && en > p + 1 {
                EntityKind::Person
            } else {
                kind
            };
            // one organisation's unit stays whole ("Department of Harbours' Office of ...")
            if left != right {
                push_span(text, toks, infos, st, p - 1, left, score, out);
                push_span(text, toks, infos, p + 1, en, right, score, out);
                return;
            }
        }
    }
    // a name ending in a legal suffix is a company's ("QUORVANT CORP" in a headline)
    if kind == EntityKind::Person && en > st && is_company_suffix(toks[en].as_str(text)) {
        kind = EntityKind::Org;
    }
    if kind == EntityKind::Person {
        while st < en
            && (infos[st].wclass & class::TITLE != 0 && infos[st].wclass & class::FIRST == 0
                || lower(st) && !PARTICLES.contains(&toks[st].as_str(text)))
        {
            st += 1;
        }
        // a title inside the name ends what comes before it ("Board Vice Chairman Ada Quorve"):
        // the person is named after the title; before it stands the office's body or place, an
        // organisation when it ends in an organisation's head noun
        let words: Vec<&str> = (st..=en).map(|j| toks[j].as_str(text)).collect();
        if let Some((t, name)) = lexicon::inner_title(&words, |i| infos[st + i].wclass) {
            let (t, name) = (st + t, st + name);
            if t - st >= 2 && ORG_HEADS_SET.contains(toks[t - 1].as_str(text)) {
                push_span(text, toks, infos, st, t - 1, EntityKind::Org, score, out);
            }
            push_span(text, toks, infos, name, en, kind, score, out);
            return;
        }
        // two people joined by "and"
        if let Some(k) = (st + 1..en).find(|&k| matches!(toks[k].as_str(text), "and" | "&")) {
            push_span(text, toks, infos, st, k - 1, kind, score, out);
            push_span(text, toks, infos, k + 1, en, kind, score, out);
            return;
        }
    }
    if (st..=en).all(|j| {
        not_a_name(toks[j].as_str(text), infos[j].wclass) || is_company_suffix(toks[j].as_str(text))
    }) {
        return; // "Sunni", "Shiite Muslim"; a legal suffix cut from its name ("(Velmora) Ltd")
    }
    let bare_title =
        kind == EntityKind::Person && (st..=en).all(|j| infos[j].wclass & class::TITLE != 0);
    let span = Span::new(toks[st].start as usize, toks[en].end as usize);
    let surface = if bare_title { "" } else { span.slice(text) };
    // a name has a capital letter somewhere (or is inside an all-caps line) and at least two
    // letters ("T" of a ticker is none); a plural acronym is a common noun ("APCs", "MPs")
    if surface.chars().any(|c| c.is_uppercase())
        && surface
            .chars()
            .filter(|c| c.is_alphabetic())
            .nth(1)
            .is_some()
        && !plural_acronym(surface)
    {
        out.push(Mention { span, kind, score });
    }
}

#[cfg(test)]
mod tests;
