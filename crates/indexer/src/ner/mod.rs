//! Named-entity recognition: a hashed-feature averaged perceptron over BILOU labels (trained by
//! `train::train` from the NER training data, shipped as `data/ner.model`), greedy decoding,
//! then document-level consistency.

pub mod clusters;
pub mod features;
mod figures;
pub mod model;
pub mod train;

use crate::error::Result;
use crate::gazetteer::{class, Gazetteer};
use crate::model::{Block, EntityKind, Span};
use crate::tokenize::{self, Token};
use features::{label, token_infos, TokInfo, F_CAP, F_CAPS_SENT, F_PUNCT};
use model::{Decoded, Model};
use std::sync::OnceLock;

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
    off: u32,
}

/// The rule passes that run after the tagger. Each can be switched off with
/// [`Tagger::without`] to measure what it adds (`docs/ner-ablation.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Multi-word dictionary names, and dictionary kinds for tagged names (repair 1, 1b, 1c).
    Dictionary,
    /// "<title> <first name> <Name>" tagged as an organisation or place is a person (repair 2).
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
}

impl Pass {
    pub const ALL: [Pass; 14] = [
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

/// Tokens of one block with their properties.
struct BlockToks {
    toks: Vec<Token>,
    infos: Vec<TokInfo>,
}

impl Tagger {
    /// The shipped tagger. Falls back to an empty model (tags nothing) when the shipped model
    /// cannot be read; use `try_new` to see the error.
    pub fn new() -> Self {
        Tagger::try_new().unwrap_or_else(|_| {
            static EMPTY: OnceLock<Model> = OnceLock::new();
            Tagger { model: EMPTY.get_or_init(Model::default), gaz: Gazetteer::builtin(), off: 0 }
        })
    }

    pub fn try_new() -> Result<Self> {
        Ok(Tagger { model: builtin_model()?, gaz: Gazetteer::builtin(), off: 0 })
    }

    pub fn with_model(model: &'static Model, gaz: &'static Gazetteer) -> Self {
        Tagger { model, gaz, off: 0 }
    }

    /// The same tagger with `passes` switched off (for ablation runs).
    pub fn without(mut self, passes: &[Pass]) -> Self {
        for p in passes {
            self.off |= 1 << *p as u32;
        }
        self
    }

    fn on(&self, p: Pass) -> bool {
        self.off & (1 << p as u32) == 0
    }

    /// The text the tagger reads: `text` with its all-capitals lines in usual spelling (same
    /// byte offsets). Names are taken from this text, so that a headline's "NEW YORK" and the
    /// body's "New York" are one name.
    pub fn recase<'a>(&self, text: &'a str, blocks: &[Block]) -> std::borrow::Cow<'a, str> {
        if self.on(Pass::Truecase) {
            crate::truecase::Truecaser::builtin().recase(text, blocks)
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gaz
    }

    /// Finds entity mentions inside the content blocks of `text`.
    pub fn tag(&self, text: &str, blocks: &[Block]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut docs: Vec<BlockToks> = Vec::with_capacity(blocks.len());
        let mut matches = Vec::new();
        let mut feats = Vec::with_capacity(64);
        let mut dec = Decoded::default();
        let mut not_names: Vec<u64> = Vec::new();
        for b in blocks {
            if b.end > text.len() || b.start >= b.end || !text.is_char_boundary(b.start) || !text.is_char_boundary(b.end) {
                continue;
            }
            let mut toks = Vec::new();
            tokenize::tokenize_into(text, b.start, b.end, &mut toks);
            let mut infos = Vec::new();
            token_infos(text, &toks, self.gaz, &self.model.clusters, &mut infos, &mut matches);
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
            repair(text, &toks, &infos, &matches, self.gaz, self.off, &mut out, &mut not_names);
            docs.push(BlockToks { toks, infos });
        }
        if self.on(Pass::Consistency) {
            consistency(text, &docs, self.gaz, &mut out);
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
        out.sort_by_key(|m| (m.span.start, m.span.end));
        out
    }
}

/// Turns BILOU labels into mentions; cuts leading titles off person names.
fn emit(text: &str, toks: &[Token], infos: &[TokInfo], s0: usize, dec: &Decoded, out: &mut Vec<Mention>) {
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

/// Lower-case particles that may begin a name before a capitalised word ("bin Laden",
/// "de Silva", "van Gogh").
const PARTICLES: &[&str] = &["al", "bin", "ibn", "bint", "de", "del", "della", "der", "di", "da", "dos", "du", "el", "la", "le", "van", "von", "ter", "den"];

/// Words that are never a name on their own: pronouns and determiners (capitalised at a
/// sentence start), months and weekdays ("May" excepted: a surname), and adjectives or nouns
/// of religions, sects and peoples.
const NOT_NAMES: &[&str] = &[
    "i", "we", "you", "he", "she", "it", "they", "this", "that", "these", "those", "the", "a", "an", "our",
    "their", "his", "her", "its", "my", "your", "there", "here", "january", "february", "march", "april",
    "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "sunni", "sunnis", "shia", "shiite", "shiites",
    "shi'ite", "muslim", "muslims", "moslem", "moslems", "christian", "christians", "jewish", "jew", "jews",
    "hindu", "sikh", "buddhist", "catholic", "catholics", "protestant", "orthodox", "yazidi", "yazidis",
    "alawite", "alawites", "druze", "kurd", "kurds", "kurdish", "arab", "arabs", "hutu", "tutsi", "pashtun",
    "hazara", "baluch", "sufi", "salafi", "islamist", "islamists", "islamic", "jihadist", "jihadists",
    "european", "african", "asian", "western", "eastern", "communist", "communists", "democrat", "republican",
    // religious festivals and observances
    "ramadan", "hajj", "eid", "christmas", "easter", "passover", "diwali", "hanukkah", "yom kippur", "lent",
];

/// Abbreviated months and weekdays, and English function words (articles, prepositions,
/// conjunctions, pronouns, auxiliaries): no name on their own unless written in capitals, where
/// they may be acronyms ("DEC", "WHO", "IS"; capitals lines are truecased before tagging).
const NOT_NAMES_UNLESS_CAPS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "and", "or", "but", "nor", "of", "on", "in", "at", "to", "for", "from", "by",
    "with", "into", "onto", "upon", "over", "under", "about", "after", "before", "against", "between", "during",
    "without", "within", "through", "as", "if", "than", "then", "so", "not", "no", "yes", "all", "any", "some", "each",
    "every", "both", "either", "neither", "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does",
    "did", "will", "would", "shall", "should", "can", "could", "might", "must", "who", "whom", "whose", "which", "what",
    "when", "where", "why", "how", "him", "them", "me", "us", "also", "only", "very", "just", "now", "today",
    "yesterday", "tomorrow",
];

/// `NOT_NAMES`, or a demonym the dictionaries know only as a nationality ("Iraqi", "Swedish").
pub(crate) fn not_a_name(word: &str, wclass: u16) -> bool {
    if word.len() <= 10 && NOT_NAMES.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return true;
    }
    let word = word.trim_end_matches('.');
    let caps = word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase());
    if !caps && word.len() <= 9 && NOT_NAMES_UNLESS_CAPS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return true;
    }
    let place = class::COUNTRY | class::CITY | class::REGION | class::ORG | class::ARMED | class::IGO | class::PERSON;
    wclass & class::NATIONAL != 0 && wclass & place == 0 && {
        let b = word.as_bytes();
        ["an", "ian", "ese", "ish", "i", "ic", "ch", "ik", "ek"]
            .iter()
            .any(|s| b.len() >= s.len() && b[b.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes()))
    }
}

/// Cleans the tokens `st..=en` of one tagged name and pushes it: lower-case words at the edges
/// are not part of a name ("asked Mustafa Hoshiyeh", "Copenhagen where"); titles are cut off
/// person names; "A and B" tagged as one person is two people.
#[allow(clippy::too_many_arguments)]
fn push_span(text: &str, toks: &[Token], infos: &[TokInfo], mut st: usize, mut en: usize, kind: EntityKind, score: f32, out: &mut Vec<Mention>) {
    let lower = |j: usize| infos[j].flags & features::F_LOWER != 0;
    while en > st && lower(en) {
        en -= 1;
    }
    // a particle stays before a capitalised word ("bin Laden")
    let particle = |j: usize| PARTICLES.contains(&toks[j].as_str(text)) && !lower(j + 1);
    while st < en && lower(st) && !particle(st) {
        st += 1;
    }
    // a possessive inside a tagged span joins two names of different kinds ("New People
    // Party's Regina Ip"), unless only a legal suffix follows ("McDonald's Corp")
    if let Some(p) = (st + 1..en).find(|&p| matches!(toks[p].as_str(text), "'s" | "’s" | "'S" | "’S")) {
        // collective possessives belong to names ("People's Army", "Women's Union", "St Mary's")
        let collective = matches!(toks[p - 1].as_str(text), "People" | "Peoples" | "Children" | "Women" | "Men" | "Workers")
            || p >= st + 2 && matches!(toks[p - 2].as_str(text), "St" | "St." | "Saint");
        if !collective && !(p + 1..=en).all(|j| is_company_suffix(toks[j].as_str(text))) {
            let left = if ORG_HEADS.contains(&toks[p - 1].as_str(text)) { EntityKind::Org } else { kind };
            let right = if ORG_HEADS.contains(&toks[en].as_str(text)) {
                EntityKind::Org
            } else if infos[p + 1].wclass & class::FIRST != 0 && en > p + 1 {
                EntityKind::Person
            } else {
                kind
            };
            // one organisation's unit stays whole ("Department of Treasury's Office of ...")
            if left != right {
                push_span(text, toks, infos, st, p - 1, left, score, out);
                push_span(text, toks, infos, p + 1, en, right, score, out);
                return;
            }
        }
    }
    if kind == EntityKind::Person {
        while st < en
            && (infos[st].wclass & class::TITLE != 0 && infos[st].wclass & class::FIRST == 0 || lower(st) && !PARTICLES.contains(&toks[st].as_str(text)))
        {
            st += 1;
        }
        // two people joined by "and"
        if let Some(k) = (st + 1..en).find(|&k| matches!(toks[k].as_str(text), "and" | "&")) {
            push_span(text, toks, infos, st, k - 1, kind, score, out);
            push_span(text, toks, infos, k + 1, en, kind, score, out);
            return;
        }
    }
    if (st..=en).all(|j| not_a_name(toks[j].as_str(text), infos[j].wclass) || is_company_suffix(toks[j].as_str(text))) {
        return; // "Sunni", "Shiite Muslim"; a legal suffix cut from its name ("(Tobacco) Ltd")
    }
    let bare_title = kind == EntityKind::Person && (st..=en).all(|j| infos[j].wclass & class::TITLE != 0);
    let span = Span::new(toks[st].start as usize, toks[en].end as usize);
    let surface = if bare_title { "" } else { span.slice(text) };
    // a name has a capital letter somewhere (or is inside an all-caps line) and at least two
    // letters ("T" of a ticker is none); a plural acronym is a common noun ("PPCs", "MPs")
    if surface.chars().any(|c| c.is_uppercase()) && surface.chars().filter(|c| c.is_alphabetic()).nth(1).is_some() && !plural_acronym(surface) {
        out.push(Mention { span, kind, score });
    }
}

/// An all-capitals word with a plural "s" ("PPCs", "NGOs", "IEDs"): a common noun.
fn plural_acronym(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3 && b[b.len() - 1] == b's' && b[..b.len() - 1].iter().all(|c| c.is_ascii_uppercase())
}

/// Head nouns that make a capitalised phrase an organisation ("Woodrow Wilson ... Center").
const ORG_HEADS: &[&str] = &[
    "Center", "Centre", "Institute", "University", "Foundation", "Council", "Committee",
    "Commission", "Agency", "Party", "Company", "Corporation", "Corp.", "Inc.", "Bank", "Fund",
    "Association", "Society", "Museum", "School", "College", "Hospital", "Group", "Front", "Army",
    "Brigade", "Brigades", "Movement", "Organization", "Organisation", "Ministry", "Department",
    "Office", "Program", "Programme", "Trust", "Alliance", "Federation", "Union", "Network",
];

fn kind_of_classes(c: u16) -> Option<EntityKind> {
    let person = c & class::PERSON != 0;
    let org = c & (class::ORG | class::ARMED | class::IGO) != 0;
    let loc = c & (class::COUNTRY | class::CITY | class::REGION) != 0;
    match (person, org, loc) {
        (true, false, false) => Some(EntityKind::Person),
        (false, true, false) => Some(EntityKind::Org),
        (false, false, true) => Some(EntityKind::Loc),
        _ => None,
    }
}

/// Block-level repairs of the tagger's output with the gazetteers:
/// 1. a multi-word dictionary name of one unambiguous kind (a leader's full name, an armed
///    group, a country or another name of a country) that no longer mention covers is tagged
///    as that kind; a capitalised word known only as an organisation is tagged if untagged;
/// 2. "<title> <first name> <Name>" tagged as ORG/LOC becomes a person without the title;
/// 3. a person name followed by capitalised words ending in an organisation head noun is
///    the organisation ("the Woodrow Wilson International Scholars Center"), and so is a name
///    the tagger split at a place's name before such a head (`org_heads`);
/// 4. storms, vessels, places built and hyphenated given names (`kinds_and_facilities`);
///    then names tied to a person by "of" or a possessive (`affiliations`);
/// 5. company names with a legal suffix; 6. teams in sports results.
#[allow(clippy::too_many_arguments)]
fn repair(text: &str, toks: &[Token], infos: &[TokInfo], matches: &[crate::gazetteer::Match], gaz: &Gazetteer, off: u32, out: &mut Vec<Mention>, not_names: &mut Vec<u64>) {
    let on = |p: Pass| off & (1 << p as u32) == 0;
    let matches = if on(Pass::Dictionary) { matches } else { &[] };
    let tok_span = |a: usize, b: usize| Span::new(toks[a].start as usize, toks[b - 1].end as usize);
    let block = match (toks.first(), toks.last()) {
        (Some(f), Some(l)) => Span::new(f.start as usize, l.end as usize),
        _ => return,
    };
    let first_in_block = out.partition_point(|m| m.span.end <= block.start);
    // 1. dictionary names
    for m in matches {
        if m.end - m.start < 2 || infos[m.start].flags & F_CAPS_SENT != 0 {
            continue;
        }
        let cls = gaz.entry(m.entry).classes;
        // a country's multi-word other name ("Czech Republic") is a place
        let variant = cls & class::NATIONAL != 0 && cls & (class::PERSON | class::ORG | class::ARMED | class::IGO) == 0;
        let Some(kind) = kind_of_classes(cls).or(variant.then_some(EntityKind::Loc)) else { continue };
        let span = tok_span(m.start, m.end);
        let overlapping: Vec<usize> = (first_in_block..out.len()).filter(|&k| out[k].span.overlaps(&span)).collect();
        if overlapping.iter().any(|&k| out[k].span == span && out[k].kind == kind) {
            continue;
        }
        if overlapping.iter().any(|&k| !span.contains(&out[k].span)) {
            continue; // part of a longer name
        }
        for &k in overlapping.iter().rev() {
            out.remove(k);
        }
        out.push(Mention { span, kind, score: 1.0 });
    }
    // 1b. a name tagged as an organisation that the dictionaries know only as a place (a
    // country, a city), or the other way round ("U.N."), takes the dictionary's kind
    for m in matches {
        if infos[m.start].flags & F_CAPS_SENT != 0 {
            continue;
        }
        let cls = gaz.entry(m.entry).classes;
        // a country's other names ("US", "Burma") are places too; demonyms are no names at all
        let variant = cls & class::NATIONAL != 0
            && cls & (class::PERSON | class::ORG | class::ARMED | class::IGO) == 0
            && !(m.end - m.start == 1 && not_a_name(toks[m.start].as_str(text), cls));
        let Some(kind) = kind_of_classes(cls).or(variant.then_some(EntityKind::Loc)) else { continue };
        if kind == EntityKind::Person {
            continue;
        }
        let span = tok_span(m.start, m.end);
        for o in out[first_in_block..].iter_mut() {
            if o.span == span && o.kind != kind && o.kind != EntityKind::Person {
                o.kind = kind;
                o.score = o.score.max(1.0);
            }
        }
    }
    // 1c. a capitalised word the dictionaries know only as an organisation's name ("Google",
    // "Oxfam", "Reuters") that the tagger left out
    for m in matches {
        if m.end - m.start != 1 || infos[m.start].flags & (F_CAPS_SENT | F_CAP) != F_CAP || gaz.entry(m.entry).classes != class::ORG {
            continue;
        }
        if infos[m.start].wclass & !class::ORG != 0 || infos[m.start].flags & F_PUNCT != 0 {
            continue;
        }
        let span = tok_span(m.start, m.end);
        if !out[first_in_block..].iter().any(|o| o.span.overlaps(&span)) {
            out.push(Mention { span, kind: EntityKind::Org, score: 1.0 });
        }
    }
    for k in first_in_block..out.len() {
        let m = out[k];
        let Some((a, b)) = token_range(toks, m.span) else { continue };
        // 2. title + first name
        if m.kind != EntityKind::Person && on(Pass::TitledPerson) {
            let mut i = a;
            while i < b && infos[i].wclass & class::TITLE != 0 && infos[i].wclass & class::FIRST == 0 {
                i += 1;
            }
            let name_like = (i..b).all(|j| infos[j].flags & F_CAP != 0 && !ORG_HEADS.contains(&toks[j].as_str(text)))
                && i < b
                && (infos[i].wclass & class::FIRST != 0 || infos[i].wclass == 0 && infos[i].ppos == 0);
            if i > a && b - i >= 2 && name_like {
                out[k] = Mention { span: tok_span(i, b), kind: EntityKind::Person, score: m.score };
                continue;
            }
        }
        // 3. person name inside an organisation's name
        if m.kind == EntityKind::Person && on(Pass::PersonInOrg) {
            let mut j = b;
            while j < toks.len() && j < b + 5 && infos[j].flags & F_CAP != 0 && toks[j].start == toks[j - 1].end + 1 {
                j += 1;
            }
            if j > b && ORG_HEADS.contains(&toks[j - 1].as_str(text)) {
                let span = tok_span(a, j);
                out[k] = Mention { span, kind: EntityKind::Org, score: m.score };
            } else if b - a >= 2 && ORG_HEADS.contains(&toks[b - 1].as_str(text)) {
                // "Civic Party", "Ford Foundation": a person's name does not end in "Party"
                out[k].kind = EntityKind::Org;
            }
        }
    }
    // 3b. a place's name followed by an organisation's head noun is that organisation
    // ("Massachusetts Institute of Technology", "University of North Carolina")
    if on(Pass::OrgHeads) {
        org_heads(text, toks, infos, out);
    }
    // 4. storms and vessels, places built, hyphenated given names (before the company and
    // team rules, which know better: "Crystal Palace 4 1 2 1")
    if on(Pass::KindsAndFacilities) {
        kinds_and_facilities(text, toks, infos, out, not_names);
    }
    // 4b. a name no dictionary knows as a place, tied to a person by "of" or a possessive, is
    // the person's organisation ("Nathan Law of Demosisto", "DAB's Starry Lee")
    if on(Pass::Affiliations) {
        affiliations(text, toks, infos, gaz, out);
    }
    // 5. a company name with a legal suffix ("Ricoh Co Ltd", "<Ricoh Industry France SA>")
    if on(Pass::CompanySuffixes) {
        company_suffixes(text, toks, infos, first_in_block, out);
    }
    // 6. teams in sports results and standings ("Somerset 83 and 174 , Leicestershire 296")
    if on(Pass::ResultsLines) {
        results_lines(text, toks, infos, first_in_block, out);
    }
    // drop mentions swallowed by a widened one
    let mut tail: Vec<Mention> = out.split_off(first_in_block);
    tail.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut kept: Vec<Mention> = Vec::with_capacity(tail.len());
    for m in tail {
        if kept.last().is_some_and(|p: &Mention| p.span.contains(&m.span)) {
            continue;
        }
        kept.push(m);
    }
    out.extend(kept);
}

/// Head nouns that name an organisation and never a place or a building: a name ending in
/// one, or with one before "of" ("Ministry of Culture"), is an organisation. (Not "Bank"
/// (West Bank), "Union" (Soviet Union), "Federation" (Russian Federation), "Center" and other
/// heads of buildings.)
const ORG_ONLY_HEADS: &[&str] = &[
    "University", "Institute", "Foundation", "Council", "Committee", "Commission", "Agency", "Party", "Company",
    "Corporation", "Association", "Society", "College", "Army", "Navy", "Brigade", "Brigades", "Movement",
    "Organization", "Organisation", "Ministry", "Department", "Bureau", "Authority", "Program", "Programme",
    // newspapers, magazines and news agencies
    "Times", "Herald", "Tribune", "Gazette", "Magazine", "Journal", "Telegraph", "Chronicle", "Press", "News",
];

/// Words inside an organisation's name after its head ("Institute of Technology", "Foundation
/// for the Visual Arts"); not "and", which joins two names as often.
const ORG_CONNECTORS: &[&str] = &["of", "for", "the", "&", "on"];

/// The span of a block's tokens and the index of its first mention in `out` (sorted by start).
/// The token holding byte offset `off` (or the next one).
fn token_at(toks: &[Token], off: usize) -> usize {
    toks.partition_point(|t| (t.end as usize) <= off)
}

/// The tokens `span` covers, as `(first, end)`; `None` when it reaches past the last token.
fn token_range(toks: &[Token], span: Span) -> Option<(usize, usize)> {
    let (a, b) = (token_at(toks, span.start), token_at(toks, span.end - 1) + 1);
    (a < b && b <= toks.len()).then_some((a, b))
}

fn block_of(toks: &[Token], out: &[Mention]) -> Option<(Span, usize)> {
    let (first, last) = (toks.first()?, toks.last()?);
    let block = Span::new(first.start as usize, last.end as usize);
    Some((block, out.partition_point(|m| m.span.start < block.start)))
}

/// Makes `out[*k]` the organisation `span`, dropping the block's other mentions inside `span`
/// (from `first_in_block` on); `*k` follows the removals.
fn widen_to_org(out: &mut Vec<Mention>, first_in_block: usize, k: &mut usize, span: Span) {
    let score = out[*k].score.max(1.0);
    let mut i = first_in_block;
    while i < out.len() {
        if i != *k && span.contains(&out[i].span) {
            out.remove(i);
            if i < *k {
                *k -= 1;
            }
        } else {
            i += 1;
        }
    }
    out[*k] = Mention { span, kind: EntityKind::Org, score };
}

/// Joins a name the tagger split at a place's name into the organisation it names: a mention
/// followed by capitalised words that reach an organisation's head noun ("Massachusetts" +
/// "Institute of Technology"), or an organisation's mention whose name goes on after "of"
/// ("University of North" + "Carolina"), or a mention after "<Head> of" ("the Church of" +
/// "Velmorism"). Also a mention that ends in such a head, or has one before "of", and was
/// tagged as a place is an organisation ("Skidmore College"). People's names never reach a
/// head across a lower-case word ("John Smith of Oxford University").
fn org_heads(text: &str, toks: &[Token], infos: &[TokInfo], out: &mut Vec<Mention>) {
    let Some((block, first_in_block)) = block_of(toks, out) else { return };
    out[first_in_block..].sort_by_key(|m| (m.span.start, m.span.end));
    let w = |j: usize| toks[j].as_str(text);
    let n = toks.len();
    let head_at = |j: usize| {
        ORG_ONLY_HEADS.contains(&w(j)) || w(j) == "Bank" && j + 1 < n && w(j + 1) == "of" && joined(text, toks, j + 1)
    };
    // a capitalised word that continues a name on the same line
    let cont = |j: usize| j < n && joined(text, toks, j) && cap_word(&infos[j]) && infos[j].flags & F_CAPS_SENT == 0;
    let mut k = first_in_block;
    while k < out.len() {
        let m = out[k];
        let tokens = block.contains(&m.span).then(|| token_range(toks, m.span)).flatten();
        let Some((a, b)) = tokens.filter(|&(a, _)| infos[a].flags & F_CAPS_SENT == 0) else {
            k += 1;
            continue;
        };
        // "<Head> of" before the mention ("University of" + "Copenhagen"), the head capitalised
        // and not at the start of a sentence that could make it any word
        if m.kind != EntityKind::Person && a >= 2 && w(a - 1) == "of" && joined(text, toks, a) && joined(text, toks, a - 1) && head_at(a - 2) && !toks[a - 2].sent_start {
            let mut st = name_start(text, toks, infos, 0, a - 2);
            // "The Church of ...": an article or another word that is no name is left out
            while st < a - 2 && not_a_name(w(st), infos[st].wclass) {
                st += 1;
            }
            let span = Span::new(toks[st].start as usize, m.span.end);
            if !out[first_in_block..].iter().any(|o| o.span.overlaps(&span) && !span.contains(&o.span) && o.span != m.span) {
                widen_to_org(out, first_in_block, &mut k, span);
                k += 1;
                continue;
            }
        }
        // the head inside the mention, or reached by capitalised words right after it
        let mut h = (a..b).rev().find(|&j| head_at(j) && (j + 1 == b || matches!(w(j + 1), "of" | "for")));
        if h.is_none() && !(m.kind == EntityKind::Person && a + 1 == b) {
            let mut j = b;
            while cont(j) && j < b + 4 {
                if head_at(j) {
                    h = Some(j);
                    if !(cont(j + 1) && head_at(j + 1)) {
                        break;
                    }
                }
                j += 1;
            }
        }
        let Some(h) = h else {
            k += 1;
            continue;
        };
        // a person's name with a head before a word that is no name ("Secretary of State")
        if m.kind == EntityKind::Person && h + 1 < b {
            k += 1;
            continue;
        }
        let mut end = b.max(h + 1);
        // a place's name cut after its first word ("University of North" + "Carolina")
        if matches!(infos[end - 1].ppos, 1 | 2) {
            while end < n && joined(text, toks, end) && matches!(infos[end].ppos, 2 | 3) {
                end += 1;
                if infos[end - 1].ppos == 3 {
                    break;
                }
            }
        }
        // the name goes on after the head: "of", "for the", "&" + capitalised words
        loop {
            let mut c = end;
            while c < n && c < end + 2 && joined(text, toks, c) && ORG_CONNECTORS.contains(&w(c)) {
                c += 1;
            }
            if c == end || w(end) == "the" || c == end + 2 && w(end + 1) != "the" || !cont(c) {
                break;
            }
            let mut e = c;
            while cont(e) {
                e += 1;
            }
            end = e;
        }
        if end == b && m.kind == EntityKind::Org {
            k += 1;
            continue;
        }
        let span = Span::new(toks[a].start as usize, toks[end - 1].end as usize);
        // a mention reaching out of the joined name: leave both alone
        if out[first_in_block..].iter().any(|o| o.span.overlaps(&span) && !span.contains(&o.span)) {
            k += 1;
            continue;
        }
        widen_to_org(out, first_in_block, &mut k, span);
        k += 1;
    }
}

/// A name tied to a person is that person's organisation unless the dictionaries know it as a
/// place: "<person> of [the] <name>" ("Leung Yiu-chung of NWSC", "Cheng Chung-tai of Civic
/// Passion") and "<name>'s <person>" ("Demosisto's Nathan Law"). A place-like name the tagger
/// took for a place is retyped; an untagged acronym or run of capitalised words after "<person>
/// of" is added.
fn affiliations(text: &str, toks: &[Token], infos: &[TokInfo], gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let Some((block, first_in_block)) = block_of(toks, out) else { return };
    out[first_in_block..].sort_by_key(|m| (m.span.start, m.span.end));
    let n = toks.len();
    let w = |j: usize| toks[j].as_str(text);
    let place = |j: usize| {
        let i = &infos[j];
        (i.wclass | gaz.word_classes(i.lower) | if i.ppos != 0 { i.pclass } else { 0 }) & (class::COUNTRY | class::CITY | class::REGION | class::NATIONAL) != 0
    };
    // "<person> of <name>" tagged as one place or organisation ("Wong Kwok-kin of FTU"): the
    // person is split off, and the name is left to the rule below
    let mut k = first_in_block;
    while k < out.len() {
        let m = out[k];
        let tokens = (m.kind != EntityKind::Person && block.contains(&m.span)).then(|| token_range(toks, m.span)).flatten();
        let Some((a, b)) = tokens else {
            k += 1;
            continue;
        };
        let Some(p) = (a + 2..b.saturating_sub(1)).find(|&j| w(j) == "of") else {
            k += 1;
            continue;
        };
        let given = |j: usize| infos[j].wclass & class::FIRST != 0 && !place(j) && infos[j].wclass & (class::ORG | class::TITLE) == 0;
        let hyphenated = p == a + 2 && hyphenated_given_name(w(a + 1));
        let name_word = |j: usize| cap_word(&infos[j]) && !not_a_name(w(j), infos[j].wclass) && !ORG_HEADS.contains(&w(j)) && !ORG_ONLY_HEADS.contains(&w(j));
        let person = p - a <= 3 && (a..p).all(name_word) && (hyphenated || given(a));
        if person {
            out[k] = Mention { span: Span::new(toks[a].start as usize, toks[p - 1].end as usize), kind: EntityKind::Person, score: m.score };
        }
        k += 1;
    }
    // person mentions by first and last token
    let people: Vec<(usize, usize)> = out[first_in_block..]
        .iter()
        .filter(|m| m.kind == EntityKind::Person && block.contains(&m.span))
        .filter_map(|m| token_range(toks, m.span))
        .filter(|&(a, b)| b - a >= 2)
        .collect();
    let person_ends_at = |e: usize| people.iter().any(|&(_, b)| b == e);
    let person_starts_at = |s: usize| people.iter().any(|&(a, _)| a == s);
    let mut added = Vec::new();
    // "<person> of [the] <name>"
    for j in 1..n {
        if w(j) != "of" || !person_ends_at(j) || toks[j].sent_start {
            continue;
        }
        let s = if j + 2 < n && w(j + 1) == "the" && joined(text, toks, j + 2) { j + 2 } else { j + 1 };
        if s >= n || !joined(text, toks, s) || !cap_word(&infos[s]) || infos[s].flags & F_CAPS_SENT != 0 {
            continue;
        }
        let mut e = s + 1;
        while e < n && e < s + 4 && cap_word(&infos[e]) && joined(text, toks, e) {
            e += 1;
        }
        if (s..e).any(place) || (s..e).any(|x| infos[x].wclass & (class::TITLE | class::FIRST) != 0 && e - s == 1) {
            continue;
        }
        let span = Span::new(toks[s].start as usize, toks[e - 1].end as usize);
        let overlapping = || out[first_in_block..].iter().filter(|m| m.span.overlaps(&span));
        let found = overlapping().next().is_some();
        // a place the tagger found in the name, or the whole name taken for a place; or for a
        // person, unless the name holds a given name ("Raymond Chan of People Power")
        let given_name = (s..e).any(|x| infos[x].wclass & class::FIRST != 0);
        let places_inside = found && overlapping().all(|m| (m.kind == EntityKind::Loc || m.kind == EntityKind::Person && !given_name) && span.contains(&m.span));
        // an untagged acronym or name ("of NWSC", "of Civic Passion")
        let acronym = e == s + 1 && infos[s].flags & features::F_ALLCAPS != 0 && toks[s].end - toks[s].start >= 2;
        if places_inside || !found && (acronym || e - s >= 2) {
            out.retain(|m| !(m.span.overlaps(&span) && span.contains(&m.span)) || !block.contains(&m.span));
            added.push(Mention { span, kind: EntityKind::Org, score: 1.0 });
        }
    }
    // "<name>'s <person>"
    for j in 1..n.saturating_sub(1) {
        if !matches!(w(j), "'s" | "’s") || !person_starts_at(j + 1) {
            continue;
        }
        for m in out[first_in_block..].iter_mut().filter(|m| m.kind == EntityKind::Loc && m.span.end == toks[j - 1].end as usize) {
            let (a, b) = (token_at(toks, m.span.start), j);
            if a < b && !(a..b).any(place) {
                m.kind = EntityKind::Org;
                m.score = m.score.max(1.0);
            }
        }
    }
    out.extend(added);
}

/// Legal-form suffixes of company names (case as written).
const COMPANY_SUFFIXES: &[&str] = &[
    "Co", "Co.", "Cos", "Cos.", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "Limited", "Plc", "PLC", "plc",
    "SA", "S.A.", "AG", "NV", "N.V.", "BV", "B.V.", "LLC", "GmbH", "SpA", "S.p.A.", "AB", "ASA", "Bhd",
    "Pty", "KK", "K.K.", "Oyj", "Corporation", "Incorporated",
];

pub(crate) fn is_company_suffix(w: &str) -> bool {
    let b = w.as_bytes();
    // cheap test first: every suffix starts with a capital or "p" and is short
    b.len() >= 2 && b.len() <= 12 && (b[0].is_ascii_uppercase() || b[0] == b'p') && COMPANY_SUFFIXES.contains(&w)
}

/// Whether token `j` follows token `j - 1` on the same line with at most two spaces between.
fn joined(text: &str, toks: &[Token], j: usize) -> bool {
    let (a, b) = (toks[j - 1].end as usize, toks[j].start as usize);
    !toks[j].sent_start && b >= a && b - a <= 2 && text.as_bytes()[a..b].iter().all(|&c| c == b' ')
}

/// Tags capitalised words followed by a legal suffix as one organisation, replacing whatever
/// the tagger made of them ("Ltd" as a person, "France SA" as a place).
fn company_suffixes(text: &str, toks: &[Token], infos: &[TokInfo], first_in_block: usize, out: &mut Vec<Mention>) {
    let n = toks.len();
    let mut k = 1;
    while k < n {
        if infos[k].flags & F_CAPS_SENT != 0 || !is_company_suffix(toks[k].as_str(text)) || !joined(text, toks, k) {
            k += 1;
            continue;
        }
        // capitalised words before the suffix, joined by "&" ("Procter & Gamble Co")
        let mut j = k;
        while j > 0 && k - j < 6 && joined(text, toks, j) {
            let w = toks[j - 1].as_str(text);
            let cap = cap_word(&infos[j - 1]);
            let amp = w == "&" && j >= 2 && infos[j - 2].flags & F_CAP != 0;
            if !(cap || amp) || is_company_suffix(w) && j == k || NOT_NAMES.iter().any(|x| x.eq_ignore_ascii_case(w)) {
                break;
            }
            j -= 1;
        }
        // a title before the name is not part of it ("Chairman Ricoh Co"); "Ricoh Industry SA" is
        while j < k && (toks[j].as_str(text) == "&" || infos[j].wclass & class::TITLE != 0 && infos[j].wclass & class::FIRST == 0 && j + 1 < k) {
            j += 1;
        }
        // further suffixes ("Co Ltd", "Pty Ltd")
        let mut e = k + 1;
        while e < n && joined(text, toks, e) && is_company_suffix(toks[e].as_str(text)) {
            e += 1;
        }
        if j < k {
            let span = Span::new(toks[j].start as usize, toks[e - 1].end as usize);
            let inside_org = out[first_in_block..].iter().any(|m| m.kind == EntityKind::Org && m.span.contains(&span));
            if !inside_org {
                let mut i = first_in_block;
                while i < out.len() {
                    if out[i].span.overlaps(&span) {
                        out.remove(i);
                    } else {
                        i += 1;
                    }
                }
                out.push(Mention { span, kind: EntityKind::Org, score: 2.0 });
            }
        }
        k = e;
    }
}

/// A one-word place that no dictionary knows must be named as a place somewhere in the
/// article: after a preposition of place or "of" ("the village of Layron"), next to another
/// place ("Kanata, Ontario") or in a dateline. Otherwise ("according to Quantcast", "Formica
/// fusca") it is dropped.
fn unplaced(text: &str, docs: &[BlockToks], gaz: &Gazetteer, out: &mut Vec<Mention>) {
    let mut placed: Vec<u64> = Vec::new();
    let mut unknown: Vec<u64> = Vec::new();
    // named as a source ("according to Quantcast"): an organisation, as it was no person
    let mut sources: Vec<u64> = Vec::new();
    let blocks = BlockIndex::new(docs);
    {
        for m in out.iter().filter(|m| m.kind == EntityKind::Loc) {
            let Some((d, a, b)) = blocks.locate(docs, m.span) else { continue };
            let w = |j: usize| d.toks[j].as_str(text);
            if b != a + 1 {
                continue;
            }
            let i = &d.infos[a];
            let h = i.lower;
            let cls = i.wclass | if i.ppos != 0 { i.pclass } else { 0 } | gaz.word_classes(h);
            if cls & (class::COUNTRY | class::CITY | class::REGION | class::NATIONAL) != 0 {
                continue;
            }
            let p = with_article(text, &d.toks, a);
            let before = (p > 0 && !d.toks[p].sent_start).then(|| w(p - 1).to_ascii_lowercase());
            let after = (b < d.toks.len() && !d.toks[b].sent_start).then(|| w(b));
            // "according to Quantcast" is no place
            let according = p > 1 && w(p - 2).eq_ignore_ascii_case("according");
            let located = before.as_deref().is_some_and(|x| PLACE_PREPS.contains(&x) && !according || UNPLACED_CUES.contains(&x))
                || after.is_some_and(|x| PLACE_NOUNS.contains(&x))
                // "Kanata, Ontario"
                || after == Some(",") && b + 1 < d.toks.len() && place_word(&d.infos[b + 1])
                // "Miami, Fla."
                || a > 1 && w(a - 1) == "," && place_word(&d.infos[a - 2])
                || i.flags & F_CAPS_SENT != 0
                || b < d.toks.len() && d.infos[b].flags & features::F_DIGIT != 0;
            if located {
                placed.push(h);
            } else {
                unknown.push(h);
                if according {
                    sources.push(h);
                }
            }
        }
    }
    if unknown.is_empty() {
        return;
    }
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Loc) {
        let s = m.span.slice(text);
        let h = crate::gazetteer::token_hash(s);
        if !s.contains(' ') && sources.contains(&h) && !placed.contains(&h) {
            m.kind = EntityKind::Org;
        }
    }
    out.retain(|m| {
        if m.kind != EntityKind::Loc {
            return true;
        }
        let s = m.span.slice(text);
        if s.contains(' ') {
            return true;
        }
        let h = crate::gazetteer::token_hash(s);
        !(unknown.contains(&h) && !placed.contains(&h))
    });
}

/// Byte ranges of the blocks that have tokens, in text order, to find a mention's block.
struct BlockIndex(Vec<(Span, usize)>);

impl BlockIndex {
    fn new(docs: &[BlockToks]) -> Self {
        BlockIndex(
            docs.iter()
                .enumerate()
                .filter_map(|(k, d)| Some((Span::new(d.toks.first()?.start as usize, d.toks.last()?.end as usize), k)))
                .collect(),
        )
    }

    /// The block holding `s`, and the range of its tokens that `s` covers.
    fn locate<'a>(&self, docs: &'a [BlockToks], s: Span) -> Option<(&'a BlockToks, usize, usize)> {
        let i = self.0.partition_point(|(b, _)| b.end <= s.start);
        let d = self.0.get(i).filter(|(b, _)| b.contains(&s)).map(|&(_, k)| &docs[k])?;
        let (a, b) = token_range(&d.toks, s)?;
        Some((d, a, b))
    }
}

/// Where a name starting at token `a` starts with its article: at the "the" before it in the
/// same sentence, if there is one.
fn with_article(text: &str, toks: &[Token], a: usize) -> usize {
    if a > 0 && matches!(toks[a - 1].as_str(text), "the" | "The") && !toks[a].sent_start {
        a - 1
    } else {
        a
    }
}

/// A preposition of place, in the same sentence, before the name at token `a` and its article
/// ("at the Kennedy Space Center").
fn after_place_preposition(text: &str, toks: &[Token], a: usize) -> bool {
    let p = with_article(text, toks, a);
    p > 0 && !toks[p].sent_start && PLACE_PREPS.contains(&toks[p - 1].as_str(text))
}

/// "in <known place>" right after a name ending before token `b` ("the U.S. Space and Rocket
/// Center in Huntsville").
fn before_place(text: &str, toks: &[Token], infos: &[TokInfo], b: usize) -> bool {
    b + 1 < toks.len() && toks[b].as_str(text) == "in" && !toks[b].sent_start && !toks[b + 1].sent_start && place_word(&infos[b + 1])
}

/// Whether tokens `a..b` hold one of `heads` last or before "of".
fn headed_by(text: &str, toks: &[Token], a: usize, b: usize, heads: &[&str]) -> bool {
    (a..b).any(|j| heads.contains(&toks[j].as_str(text)) && (j + 1 == b || toks[j + 1].as_str(text) == "of"))
}

/// Heads of names of museums, galleries and hospitals, which news annotation treats as places
/// wherever they are named ("the Museum of Flight", "Evergreen Aviation & Space Museum").
const MUSEUM_HEADS: &[&str] = &["Museum", "Museums", "Gallery", "Galleries", "Hospital", "Zoo"];

/// A name of tokens `a..b` that is a place built: a museum's, gallery's or hospital's name, or
/// an institution's name that is also a building (`SITE_HEADS`) named as a place ("at Johnson
/// Space Center", "the Space and Rocket Center in Huntsville").
fn named_as_site(text: &str, toks: &[Token], infos: &[TokInfo], a: usize, b: usize) -> bool {
    headed_by(text, toks, a, b, MUSEUM_HEADS) || headed_by(text, toks, a, b, SITE_HEADS) && (after_place_preposition(text, toks, a) || before_place(text, toks, infos, b))
}

/// An institution's site named as a place once ("at Johnson Space Center") is a place wherever
/// the article names it: the rule in `kinds_and_facilities` sees only what the tagger found, and
/// the document vote may add the same name later.
fn sites(text: &str, docs: &[BlockToks], out: &mut [Mention]) {
    let mut placed: Vec<u64> = Vec::new();
    let blocks = BlockIndex::new(docs);
    {
        for m in out.iter().filter(|m| m.kind == EntityKind::Org) {
            let Some((d, a, b)) = blocks.locate(docs, m.span) else { continue };
            if b < a + 2 {
                continue;
            }
            if named_as_site(text, &d.toks, &d.infos, a, b) {
                placed.push(surface_hash(m.span.slice(text)));
            }
        }
    }
    if placed.is_empty() {
        return;
    }
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Org) {
        if placed.contains(&surface_hash(m.span.slice(text))) {
            m.kind = EntityKind::Loc;
        }
    }
}

/// An acronym introduced in brackets after a name ("Johnson Space Center (JSC)", "Democratic
/// Alliance for the Betterment of Hong Kong (DAB)") is of the name's kind wherever the article
/// uses it; it is tagged in the brackets if the tagger left it out.
fn acronyms(text: &str, docs: &[BlockToks], out: &mut Vec<Mention>) {
    let blocks = BlockIndex::new(docs);
    let mut defs: Vec<(u64, EntityKind, Option<Span>)> = Vec::new();
    let covered_by = |out: &[Mention], s: Span| out.iter().any(|m| m.span.overlaps(&s));
    for m in out.iter() {
        let Some((d, a, b)) = blocks.locate(docs, m.span) else { continue };
        let n = d.toks.len();
        if b < a + 2 || b + 2 >= n || d.toks[b].as_str(text) != "(" || d.toks[b + 2].as_str(text) != ")" {
            continue;
        }
        let acr = d.toks[b + 1].as_str(text);
        let first = m.span.slice(text).chars().next();
        if !is_acronym(acr) || acr.chars().next() != first {
            continue;
        }
        let span = Span::new(d.toks[b + 1].start as usize, d.toks[b + 1].end as usize);
        defs.push((surface_hash(acr), m.kind, Some(span)));
    }
    // an acronym of words the tagger found no name in is no name either ("Interview of the
    // Month (IOTM)", "ROS [Reactive Oxygen Species ...]")
    let mut not_names: Vec<u64> = Vec::new();
    for d in docs {
        let n = d.toks.len();
        let w = |j: usize| d.toks[j].as_str(text);
        for j in 1..n.saturating_sub(2) {
            if !matches!(w(j), "(" | "[") {
                continue;
            }
            // "Words (ACR)"
            if matches!(w(j + 2), ")" | "]") && is_acronym(w(j + 1)) {
                let mut a = j;
                while a > 0 && !d.toks[a].sent_start && j - a < 10 && (cap_word(&d.infos[a - 1]) || LONG_FORM_FILLERS.contains(&w(a - 1))) {
                    a -= 1;
                }
                // the long form starts somewhere in the run ("The Week of the Reader (WOTR)")
                let long = (a..j).find(|&x| cap_word(&d.infos[x]) && initials_match(w(j + 1), (x..j).map(w)));
                if long.is_some_and(|x| !covered_by(out, Span::new(d.toks[x].start as usize, d.toks[j - 1].end as usize))) {
                    not_names.push(surface_hash(w(j + 1)));
                }
            }
            // "ACR (Words ...)"
            if is_acronym(w(j - 1)) {
                let mut e = j + 1;
                while e < n && e - j <= 10 && (cap_word(&d.infos[e]) || LONG_FORM_FILLERS.contains(&w(e))) {
                    e += 1;
                }
                if e > j + 2 && initials_match(w(j - 1), (j + 1..e).map(w)) && !covered_by(out, Span::new(d.toks[j + 1].start as usize, d.toks[e - 1].end as usize)) {
                    not_names.push(surface_hash(w(j - 1)));
                }
            }
        }
    }
    if !not_names.is_empty() {
        out.retain(|m| !not_names.contains(&surface_hash(m.span.slice(text))));
    }
    if defs.is_empty() {
        return;
    }
    for m in out.iter_mut() {
        let h = surface_hash(m.span.slice(text));
        if let Some(&(_, kind, _)) = defs.iter().find(|d| d.0 == h) {
            m.kind = kind;
        }
    }
    for (_, kind, span) in defs {
        let Some(span) = span else { continue };
        if !out.iter().any(|m| m.span.overlaps(&span)) {
            out.push(Mention { span, kind, score: 1.0 });
        }
    }
}

/// Small words inside an acronym's long form ("Interview of the Month").
const LONG_FORM_FILLERS: &[&str] = &["of", "the", "and", "for", "&"];

/// Two to eight capital letters ("JSC", "IOTM").
fn is_acronym(s: &str) -> bool {
    (2..=8).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_uppercase())
}

/// Whether `acr` is made of the first letters of `words`, with or without the small words
/// ("Interview of the Month" is IOTM or IM).
fn initials_match<'a>(acr: &str, words: impl Iterator<Item = &'a str> + Clone) -> bool {
    let all: String = words.clone().filter_map(|w| w.chars().next()).collect();
    let caps: String = words.filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    all.eq_ignore_ascii_case(acr) || caps == acr
}

/// A word the dictionaries know as (part of) a country, city or region.
fn place_word(i: &TokInfo) -> bool {
    (i.wclass | if i.ppos != 0 { i.pclass } else { 0 }) & (class::COUNTRY | class::CITY | class::REGION) != 0
}

/// Words before a place besides the prepositions of place ("the village of Layron", "eastern
/// Sharqiyah").
const UNPLACED_CUES: &[&str] = &[
    "of", "between", "through", "across", "via", "eastern", "western", "northern", "southern", "central", "northeastern",
    "northwestern", "southeastern", "southwestern",
];

/// Lower-case nouns after a place's name ("Sharqiyah province").
const PLACE_NOUNS: &[&str] = &[
    "province", "region", "district", "city", "town", "village", "state", "county", "area", "valley", "river",
    "mountains", "island", "islands", "border", "governorate", "camp", "coast", "sea", "desert", "peninsula", "suburb",
];

/// Folded hash of a name's words (as `consistency` votes on them).
fn surface_hash(s: &str) -> u64 {
    let mut h = 0u64;
    for w in s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        h = (h.rotate_left(23) ^ crate::gazetteer::token_hash(w)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    h
}

/// Capitalised words that name the kind of a storm or a vessel, before its name: what follows
/// is no person, organisation or place ("Cyclone Phailin", "Space Shuttle Atlantis", "USS Cole").
const KIND_WORDS: &[&str] = &["Cyclone", "Cyclones", "Hurricane", "Hurricanes", "Typhoon", "Typhoons", "Storm", "USS", "HMS"];

/// Lower-case nouns of storms and vessels that may stand before a name ("the cruise ship
/// Freewinds", "the tanker Exxon Valdez").
const KIND_NOUNS: &[&str] = &[
    "ship", "vessel", "tanker", "freighter", "frigate", "destroyer", "submarine", "yacht", "ferry",
    "cyclone", "hurricane", "typhoon", "storm", "liner", "trawler", "warship",
];

/// Last words of names of buildings and other places built ("Dulles International Airport",
/// "Castlefrank Road", "Al-Ghaza Hotel"): a name ending in one is a place.
const PLACE_HEADS: &[&str] = &[
    "Airport", "Airfield", "Airbase", "Road", "Street", "Avenue", "Boulevard", "Lane", "Highway", "Bridge",
    "Stadium", "Arena", "Square", "Station", "Hotel", "Mosque", "Cathedral", "Temple", "Shrine", "Palace",
    "Tower", "Towers", "Prison", "Jail", "Harbour", "Harbor", "Dam", "Checkpoint", "Planetarium", "Facility",
    "Complex", "Mall", "Hall", "Base",
];

/// Heads of names of institutions that are also buildings ("Kennedy Space Center", "Museum of
/// Flight"): a place after a preposition of place ("at the Kennedy Space Center").
const SITE_HEADS: &[&str] = &[
    "Center", "Centre", "Museum", "Gallery", "Galleries", "Hospital", "Library", "Theatre", "Theater", "Zoo", "Park",
];

/// Prepositions of place before a building's name.
const PLACE_PREPS: &[&str] = &[
    "at", "in", "inside", "outside", "near", "from", "to", "into", "toward", "towards", "within", "around", "behind", "beside", "opposite",
];

/// Block-level kind rules on the tagger's output:
/// 1. storms and vessels are no names ("Cyclone Phailin", "the cruise ship Freewinds"); their
///    bare names are remembered in `not_names` and dropped from the whole article;
/// 2. names of buildings and other places built are places ("Washington Dulles International
///    Airport"), and so are institutions' sites after a preposition of place ("at the Kennedy
///    Space Center");
/// 3. a two-word name whose second word is a hyphenated given name ("Kwong Chun-yu", "Ban
///    Ki-moon") is a person.
fn kinds_and_facilities(text: &str, toks: &[Token], infos: &[TokInfo], out: &mut Vec<Mention>, not_names: &mut Vec<u64>) {
    let Some((block, first_in_block)) = block_of(toks, out) else { return };
    let w = |j: usize| toks[j].as_str(text);
    let mut k = first_in_block;
    while k < out.len() {
        let m = out[k];
        let Some((a, b)) = block.contains(&m.span).then(|| token_range(toks, m.span)).flatten() else {
            k += 1;
            continue;
        };
        // 1. storms and vessels
        let mut n0 = a;
        while n0 < b && (KIND_WORDS.contains(&w(n0)) || w(n0) == "Tropical" && n0 + 1 < b && w(n0 + 1) == "Storm") {
            n0 += 1;
        }
        let before = |j: usize| j > 0 && !toks[j].sent_start;
        let kind_before = before(a)
            && (KIND_WORDS.contains(&w(a - 1)) && w(a - 1) != "Storm"
                || KIND_NOUNS.contains(&w(a - 1)) && (a..b).all(|j| (infos[j].wclass | if infos[j].ppos != 0 { infos[j].pclass } else { 0 }) & !(class::FIRST | class::LAST | class::TITLE) == 0));
        if n0 == b || (n0 > a || kind_before) && (n0..b).all(|j| infos[j].flags & F_CAP != 0) {
            if n0 < b {
                let name = Span::new(toks[n0].start as usize, toks[b - 1].end as usize);
                not_names.push(surface_hash(name.slice(text)));
            }
            not_names.push(surface_hash(m.span.slice(text)));
            out.remove(k);
            continue;
        }
        // 2. places built; a name the tagger ended just before its head ("Johnson Space" +
        // "Center") takes the head
        let mut b = b;
        let mut m = m;
        if m.kind != EntityKind::Person
            && b < toks.len()
            && joined(text, toks, b)
            && (PLACE_HEADS.contains(&w(b)) || SITE_HEADS.contains(&w(b)))
            && infos[b].flags & F_CAPS_SENT == 0
            && !out[first_in_block..].iter().any(|o| o.span.overlaps(&Span::new(toks[b].start as usize, toks[b].end as usize)))
        {
            b += 1;
            m.span = Span::new(m.span.start, toks[b - 1].end as usize);
            out[k].span = m.span;
        }
        if m.kind != EntityKind::Loc && b - a >= 2 {
            if PLACE_HEADS.contains(&w(b - 1)) || named_as_site(text, toks, infos, a, b) {
                out[k].kind = EntityKind::Loc;
                out[k].score = m.score.max(1.0);
            }
        }
        // 3. hyphenated given names
        if m.kind != EntityKind::Person && b - a == 2 && hyphenated_given_name(w(b - 1)) {
            let s = w(a);
            if s.len() <= 6 && s.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && s.chars().skip(1).all(|c| c.is_ascii_lowercase()) {
                out[k].kind = EntityKind::Person;
            }
        }
        k += 1;
    }
}

/// "Chun-yu", "Ki-moon", "Jae-in": a capitalised syllable, a hyphen, a lower-case syllable.
fn hyphenated_given_name(s: &str) -> bool {
    let Some((x, y)) = s.split_once('-') else { return false };
    x.len() >= 2
        && y.len() >= 2
        && x.len() <= 6
        && y.len() <= 6
        && x.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && x.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && y.chars().all(|c| c.is_ascii_lowercase())
        // "Hong Kong-listed", "New York-based", "Anglo-style"
        && !["ed", "ing", "born", "style", "like", "wide", "run", "era", "made", "held", "led"].iter().any(|e| y.ends_with(e))
}

/// Capitalised nouns that take a number without naming anything ("Chapter 1", "Round 2").
const NUMBERED_NOUNS: &[&str] = &[
    "Chapter", "Volume", "Vol", "Vol.", "Article", "Section", "Part", "Page", "Figure", "Fig", "Fig.", "Table", "Paragraph",
    "Resolution", "Room", "Flight", "Route", "Highway", "Phase", "Stage", "Level", "Grade", "Class", "Book", "Act",
    "Scene", "Season", "Episode", "Round", "Game", "Match", "Week", "Day", "Year", "No", "No.", "Number", "Group",
    "Pool", "Division", "Category", "Item", "Box", "Line", "Step", "Appendix", "Annex", "Exhibit", "Rule", "Law",
];

/// Confidence given to a team found by its place in results: enough for the document vote to
/// make the same name a team in the match report around the table.
const TEAM_SCORE: f32 = 3.0;

/// A number token without letters ("83", "4-38", "108-3").
fn is_number(info: &TokInfo) -> bool {
    info.flags & features::F_DIGIT != 0 && info.flags & (F_CAP | features::F_LOWER | features::F_ALLCAPS) == 0
}

/// A capitalised word that is no punctuation.
fn cap_word(info: &TokInfo) -> bool {
    info.flags & F_CAP != 0 && info.flags & F_PUNCT == 0
}

/// The first token of the run of joined capitalised words that ends at `last` (not before `s0`).
fn name_start(text: &str, toks: &[Token], infos: &[TokInfo], s0: usize, last: usize) -> usize {
    let mut r = last;
    while r > s0 && cap_word(&infos[r - 1]) && joined(text, toks, r) {
        r -= 1;
    }
    r
}

/// Sports results and standings: in a line of names followed by scores ("Somerset 83 and 174
/// ( P. Simmons 4-38 ) , Leicestershire 296", "Newcastle 2 Chelsea 1") or a table row of a name
/// and at least three numbers ("Pohang 3 1 1 1 5 4 4"), a name other than a person's or a
/// country's (national teams stay places) is a team: an organisation.
fn results_lines(text: &str, toks: &[Token], infos: &[TokInfo], first_in_block: usize, out: &mut Vec<Mention>) {
    let n = toks.len();
    let mut s0 = 0;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    while s0 < n {
        let mut s1 = s0 + 1;
        while s1 < n && !toks[s1].sent_start {
            s1 += 1;
        }
        runs.clear();
        let mut lower = 0;
        for j in s0..s1 {
            if infos[j].flags & features::F_LOWER != 0 {
                lower += 1;
            }
            // a place before a date is a dateline ("LONDON 1996-08-30"), not a score
            let date = || toks[j].as_str(text).bytes().filter(|&c| c == b'-' || c == b'/').count() == 2;
            if j > s0 && is_number(&infos[j]) && cap_word(&infos[j - 1]) && !date() {
                runs.push((name_start(text, toks, infos, s0, j - 1), j));
            }
        }
        let numbers_after = |j: usize| (j..s1).take_while(|&x| is_number(&infos[x])).count();
        let table_row = runs.len() == 1 && runs[0].0 == s0 && lower == 0 && numbers_after(runs[0].1) >= 3;
        let scores = runs.len() >= 2 && lower <= runs.len() || table_row;
        if !scores {
            runs.clear();
        }
        // fixtures: "Surrey v Kent", "May 18 v Worcestershire"
        for j in s0..s1 {
            if text.as_bytes()[toks[j].start as usize] != b'v' || !matches!(toks[j].as_str(text), "v" | "v." | "vs" | "vs." | "versus") || j + 1 >= s1 || infos[j + 1].flags & F_CAP == 0 {
                continue;
            }
            let mut e = j + 2;
            while e < s1 && cap_word(&infos[e]) && joined(text, toks, e) {
                e += 1;
            }
            runs.push((j + 1, e));
            if j > s0 && cap_word(&infos[j - 1]) {
                runs.push((name_start(text, toks, infos, s0, j - 1), j));
            }
        }
        if !runs.is_empty() {
            for &(r, j) in &runs {
                // a person with an initial ("P. Simmons 4-38"), a country's national team
                let initial = (r..j).any(|x| {
                    let w = toks[x].as_str(text);
                    w.len() <= 3 && w.ends_with('.')
                });
                let country = (r..j).any(|x| (infos[x].wclass | if infos[x].ppos != 0 { infos[x].pclass } else { 0 }) & class::COUNTRY != 0);
                let months = (r..j).all(|x| not_a_name(toks[x].as_str(text), infos[x].wclass));
                // "Chapter 1", "Round 2", coordinates ("N 44")
                let numbered = NUMBERED_NOUNS.contains(&toks[r].as_str(text)) || (r..j).map(|x| toks[x].as_str(text).chars().filter(|c| c.is_alphabetic()).count()).sum::<usize>() < 2;
                if initial || country || months || numbered {
                    continue;
                }
                let span = Span::new(toks[r].start as usize, toks[j - 1].end as usize);
                let mut found = false;
                for m in out[first_in_block..].iter_mut().filter(|m| m.span.overlaps(&span)) {
                    found = true;
                    if m.kind == EntityKind::Loc {
                        m.kind = EntityKind::Org;
                        m.score = m.score.max(TEAM_SCORE);
                    }
                }
                if !found {
                    out.push(Mention { span, kind: EntityKind::Org, score: TEAM_SCORE });
                }
            }
        }
        s0 = s1;
    }
}

/// Document-level consistency: a name tagged confidently keeps its type wherever it recurs,
/// and untagged repetitions of a confident name (or of a person's surname) are added.
fn consistency(text: &str, docs: &[BlockToks], gaz: &Gazetteer, out: &mut Vec<Mention>) {
    if out.is_empty() {
        return;
    }
    // votes per surface (sequence of folded token hashes)
    let seq = |s: &str| -> (u64, usize) {
        let mut h = 0u64;
        let mut n = 0;
        for w in s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
            h = (h.rotate_left(23) ^ crate::gazetteer::token_hash(w)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            n += 1;
        }
        (h, n)
    };
    // tokens in all-capitals lines (headlines), whose case tells nothing, and the words the
    // document writes in lower case elsewhere
    let mut caps_starts: Vec<u32> = Vec::new();
    for d in docs {
        caps_starts.extend(d.toks.iter().zip(&d.infos).filter(|(_, i)| i.flags & F_CAPS_SENT != 0).map(|(t, _)| t.start));
    }
    caps_starts.sort_unstable();
    let in_caps = |m: &Mention| !caps_starts.is_empty() && caps_starts.binary_search(&(m.span.start as u32)).is_ok();
    // a headline word the text writes in lower case is no name ("PLANTS", "COPIER")
    if out.iter().any(in_caps) {
        let mut lower_words: crate::gazetteer::PreHashedMap<()> = Default::default();
        for d in docs {
            for i in d.infos.iter().filter(|i| i.flags & (F_CAPS_SENT | features::F_LOWER) == features::F_LOWER) {
                lower_words.insert(i.lower, ());
            }
        }
        out.retain(|m| {
            !in_caps(m) || !m.span.slice(text).split_whitespace().all(|w| lower_words.contains_key(&crate::gazetteer::token_hash(w)))
        });
    }
    let mut votes: crate::gazetteer::PreHashedMap<([f32; 3], usize)> = Default::default();
    for m in out.iter() {
        let surface = m.span.slice(text);
        let (h, n) = seq(surface);
        let e = votes.entry(h).or_insert(([0.0; 3], n));
        let k = KINDS.iter().position(|&k| k == m.kind).unwrap_or(0);
        // a guess in a headline counts less than one in running text
        e.0[k] += m.score.clamp(0.05, 4.0) * if in_caps(m) { 0.25 } else { 1.0 };
        // a company named with its legal suffix is a company wherever its name recurs without it
        // ("Ricoh Co Ltd" ... "Ricoh said")
        if m.kind == EntityKind::Org && surface.rsplit(' ').next().is_some_and(is_company_suffix) && !in_caps(m) {
            let words: Vec<&str> = surface.split_whitespace().collect();
            let stem = words.iter().rposition(|w| !is_company_suffix(w)).map_or(0, |p| p + 1);
            if stem > 0 && stem < words.len() {
                let (h, n) = seq(&words[..stem].join(" "));
                votes.entry(h).or_insert(([0.0; 3], n)).0[1] += 50.0;
            }
        }
    }
    // surnames of confident multi-word persons
    let mut surnames: crate::gazetteer::PreHashedMap<()> = Default::default();
    for m in out.iter().filter(|m| m.kind == EntityKind::Person) {
        let s = m.span.slice(text);
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.len() >= 2 {
            let last = words[words.len() - 1];
            // given names too ("Paris Hilton" ... "Paris"), unless a country's name
            let first = words[0];
            let country = gaz.word_classes(crate::gazetteer::token_hash(first)) & class::COUNTRY != 0;
            if first.chars().next().is_some_and(|c| c.is_uppercase()) && first.len() > 2 && !country {
                surnames.insert(seq(first).0, ());
            }
            if last.chars().next().is_some_and(|c| c.is_uppercase()) && last.len() > 2 {
                let (h, n) = seq(last);
                surnames.insert(h, ());
                if m.score >= CONFIDENT {
                    let e = votes.entry(h).or_insert(([0.0; 3], n));
                    e.0[0] += 1.5 * m.score.clamp(0.05, 4.0);
                }
            }
        }
    }
    let winner = |v: &[f32; 3]| -> Option<(usize, f32)> {
        let total: f32 = v.iter().sum();
        let (k, best) = v.iter().enumerate().fold((0, 0f32), |a, (k, &x)| if x > a.1 { (k, x) } else { a });
        (best >= CONFIDENT && best >= 0.7 * total).then_some((k, best))
    };
    // 1. retype mentions against the document's vote
    for m in out.iter_mut() {
        let surface = m.span.slice(text);
        let (h, n) = seq(surface);
        if let Some((k, _)) = votes.get(&h).and_then(|v| winner(&v.0)) {
            m.kind = KINDS[k];
        }
        // the surname of a person named in full earlier is that person ("Bob Dole" ... "Dole")
        if n == 1 && m.kind != EntityKind::Person && surnames.contains_key(&h) {
            m.kind = EntityKind::Person;
        }
        if n >= 2 && m.kind != EntityKind::Person {
            // "the Barack Obama administration": a name ending in a known person's name
            let last = surface.split_whitespace().last().unwrap_or("");
            if let Some(v) = votes.get(&seq(last).0) {
                if v.1 == 1 && v.0[0] > 0.0 && v.0[0] >= 2.0 * v.0[1].max(v.0[2]) {
                    m.kind = EntityKind::Person;
                }
            }
        }
    }
    // 2. add untagged occurrences of confident names
    let max_len = votes.values().map(|v| v.1).max().unwrap_or(0).min(8);
    let mut covered: Vec<Span> = out.iter().map(|m| m.span).collect();
    covered.sort();
    let is_covered = |s: Span, cov: &[Span]| {
        let i = cov.partition_point(|c| c.end <= s.start);
        cov.get(i).is_some_and(|c| c.overlaps(&s))
    };
    let mut added = Vec::new();
    for d in docs {
        let n = d.toks.len();
        let mut i = 0;
        while i < n {
            let caps_line = d.infos[i].flags & F_CAPS_SENT != 0;
            if d.infos[i].flags & F_CAP == 0 || caps_line {
                i += 1;
                continue;
            }
            let mut h = 0u64;
            let mut best: Option<(usize, usize)> = None;
            for j in i..n.min(i + max_len) {
                h = (h.rotate_left(23) ^ d.infos[j].lower).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                if let Some(v) = votes.get(&h) {
                    if v.1 == j + 1 - i {
                        if let Some((k, _)) = winner(&v.0) {
                            best = Some((j + 1, k));
                        }
                    }
                }
            }
            if let Some((end, k)) = best {
                let span = Span::new(d.toks[i].start as usize, d.toks[end - 1].end as usize);
                // a name continues with a capitalised word: not a repetition of the shorter name
                let continues = end < n && d.infos[end].flags & F_CAP != 0 && !caps_line && {
                    let gap = &text[d.toks[end - 1].end as usize..d.toks[end].start as usize];
                    gap.chars().all(|c| c == ' ')
                };
                // "Mr Brunvik" is fine, "Anna Brunvik" is another name; a capitalised sentence
                // opener ("Later Brunvik left") does not count
                let after_cap = i > 0
                    && d.infos[i - 1].flags & F_CAP != 0
                    && !d.toks[i].sent_start
                    && (!d.toks[i - 1].sent_start || d.infos[i - 1].wclass & class::FIRST != 0)
                    && d.infos[i - 1].wclass & class::TITLE == 0;
                if !is_covered(span, &covered) && !continues && !after_cap {
                    added.push(Mention { span, kind: KINDS[k], score: 0.0 });
                } else if after_cap && KINDS[k] == EntityKind::Person && end == i + 1 && !continues {
                    // "the Barack Obama administration" after "Obama" was tagged: the given
                    // name before a known surname belongs to the name
                    let p = &d.infos[i - 1];
                    let wide = Span::new(d.toks[i - 1].start as usize, span.end);
                    let place_or_org = p.wclass & (class::COUNTRY | class::CITY | class::REGION | class::ORG | class::NATIONAL) != 0;
                    if !place_or_org && !is_covered(wide, &covered) && (i < 2 || d.infos[i - 2].flags & F_CAP == 0) {
                        added.push(Mention { span: wide, kind: EntityKind::Person, score: 0.0 });
                    }
                }
                i = end;
            } else {
                i += 1;
            }
        }
    }
    out.extend(added);
}

#[cfg(test)]
mod tests;
