//! Direct quotations and their speakers. Baseline: paired quotation marks and nearby cue verbs.
//! (Made thorough in issue 4.)

use crate::model::{Block, Entity, Quote, Span};

const CUES: &[&str] = &["said", "says", "told", "added", "warned", "stated", "wrote", "asked", "explained"];

fn is_open(c: char) -> bool {
    c == '“' || c == '"'
}
fn is_close(c: char) -> bool {
    c == '”' || c == '"'
}

/// Finds quotations inside content blocks and attributes them to the nearest named speaker.
pub fn extract(text: &str, blocks: &[Block], people: &[Entity], orgs: &[Entity]) -> Vec<Quote> {
    let mut out = Vec::new();
    for b in blocks {
        let s = &text[b.start..b.end];
        let mut open: Option<usize> = None;
        for (i, c) in s.char_indices() {
            match open {
                None if is_open(c) => open = Some(i + c.len_utf8()),
                Some(st) if is_close(c) => {
                    let span = Span::new(b.start + st, b.start + i);
                    open = None;
                    let q = span.slice(text);
                    if q.split_whitespace().count() < 4 {
                        continue; // scare quotes and titles
                    }
                    out.push(attribute(text, *b, span, people, orgs));
                }
                _ => {}
            }
        }
    }
    out
}

fn attribute(text: &str, block: Block, q: Span, people: &[Entity], orgs: &[Entity]) -> Quote {
    let para = Span::new(block.start, block.end);
    let mut best: Option<(usize, &Entity, Span)> = None;
    for e in people.iter().chain(orgs) {
        for m in e.mentions.iter().filter(|m| para.contains(m) && !q.overlaps(m)) {
            let dist = if m.end <= q.start { q.start - m.end } else { m.start - q.end };
            if best.is_none_or(|(d, _, _)| dist < d) {
                best = Some((dist, e, *m));
            }
        }
    }
    let around = &text[para.start..para.end];
    let cue = CUES.iter().find(|c| around.split(|ch: char| !ch.is_alphabetic()).any(|w| w == **c)).map(|c| c.to_string());
    Quote {
        start: q.start,
        end: q.end,
        text: q.slice(text).to_string(),
        speaker: best.map(|(_, e, _)| e.name.clone()),
        speaker_mention: best.map(|(_, _, m)| m),
        cue,
    }
}
