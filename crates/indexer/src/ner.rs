//! Named-entity recognition. Baseline: capitalised-word runs typed by small cue lists.
//! (Replaced by the trained tagger; see issue 3.)

use crate::model::{Block, EntityKind, Span};

/// A typed name occurrence in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
}

const TITLES: &[&str] = &[
    "President", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Minister", "Secretary",
    "General", "Gen.", "Senator", "Sen.", "Rep.", "Prime", "diplomat", "expert", "Vice", "Former",
    "former", "Senior", "Chief", "King", "Queen", "Prince", "Pope", "Colonel", "Col.", "Lt.", "Sgt.",
];
const ORG_WORDS: &[&str] = &[
    "Taliban", "Qaeda", "State", "Council", "Ministry", "Army", "Party", "Nations", "Union",
    "Organization", "Organisation", "Agency", "Front", "Forces", "Committee", "Bank", "Department",
    "Corporation", "Company", "Inc.", "Ltd", "University", "Center", "Centre", "Institute", "NATO",
    "Hamas", "Hezbollah", "Group", "Association", "Commission", "Court", "Police", "News",
];
const LOC_WORDS: &[&str] = &[
    "Afghanistan", "Kabul", "Washington", "Iraq", "Syria", "Qatar", "Norway", "Pakistan", "Russia",
    "Ukraine", "China", "Iran", "Israel", "Gaza", "Yemen", "Turkey", "Egypt", "Libya", "Somalia",
    "United States", "America", "Europe", "Africa", "Asia", "Baghdad", "Damascus", "Moscow",
    "London", "Paris", "Beijing", "Kyiv", "Kiev", "Lebanon", "Jordan", "Korea", "Japan", "India",
];
const STOP: &[&str] = &[
    "The", "A", "An", "But", "And", "In", "On", "At", "He", "She", "It", "They", "We", "I", "This",
    "That", "There", "After", "Before", "Both", "Even", "So", "As", "If", "When", "While", "Nearly",
    "Ultimately", "Although", "You", "His", "Her", "Their", "Our", "Its", "For", "From", "With",
    "By", "Of", "To", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Democratic", "Republican", "Muslim", "Shiite", "Sunni",
];

/// The entity tagger.
#[derive(Debug, Default)]
pub struct Tagger;

impl Tagger {
    pub fn new() -> Self {
        Tagger
    }

    /// Finds entity mentions inside the content blocks of `text`.
    pub fn tag(&self, text: &str, blocks: &[Block]) -> Vec<Mention> {
        let mut out = Vec::new();
        for b in blocks {
            self.tag_block(text, Span::new(b.start, b.end), &mut out);
        }
        out
    }

    fn tag_block(&self, text: &str, block: Span, out: &mut Vec<Mention>) {
        let s = block.slice(text);
        let mut words: Vec<Span> = Vec::new();
        let mut i = 0;
        let bytes = s.as_bytes();
        while i < s.len() {
            let c = s[i..].chars().next().unwrap();
            if c.is_alphanumeric() {
                let st = i;
                while i < s.len() {
                    let ch = s[i..].chars().next().unwrap();
                    if ch.is_alphanumeric() || ch == '-' || (ch == '.' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_uppercase()) {
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                }
                if i < s.len() && bytes[i] == b'.' && i - st <= 3 && s[st..i].chars().next().is_some_and(|c| c.is_uppercase()) {
                    i += 1;
                }
                words.push(Span::new(block.start + st, block.start + i));
            } else {
                // run boundary markers are kept as empty spans
                if !c.is_whitespace() {
                    words.push(Span::new(block.start + i, block.start + i));
                }
                i += c.len_utf8();
            }
        }
        let is_cap = |w: &Span| !w.is_empty() && text[w.start..].chars().next().is_some_and(|c| c.is_uppercase());
        let mut k = 0;
        while k < words.len() {
            if !is_cap(&words[k]) {
                k += 1;
                continue;
            }
            let st = k;
            while k < words.len() && is_cap(&words[k]) {
                k += 1;
            }
            let mut run: Vec<Span> = words[st..k].to_vec();
            while run.first().is_some_and(|w| TITLES.contains(&w.slice(text)) || STOP.contains(&w.slice(text))) {
                run.remove(0);
            }
            while run.last().is_some_and(|w| STOP.contains(&w.slice(text))) {
                run.pop();
            }
            if run.is_empty() {
                continue;
            }
            let span = Span::new(run[0].start, run[run.len() - 1].end);
            let surface = span.slice(text);
            let kind = if run.iter().any(|w| ORG_WORDS.contains(&w.slice(text))) || surface.chars().all(|c| c.is_uppercase()) {
                EntityKind::Org
            } else if LOC_WORDS.contains(&surface) || run.iter().any(|w| LOC_WORDS.contains(&w.slice(text))) {
                EntityKind::Loc
            } else if run.len() >= 2 && run.len() <= 3 {
                EntityKind::Person
            } else {
                continue;
            };
            out.push(Mention { span, kind });
        }
    }
}
