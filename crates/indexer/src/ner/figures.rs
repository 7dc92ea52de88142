//! Figures rows: lines of a results table that compare a figure with another ("Sales 12.5 mln
//! vs 10.1 mln", "Profit 3 cts versus 2 cts"). Their capitalised words are row labels and
//! abbreviated units, not actors: a one-word mention no dictionary knows is dropped. Sports
//! results ("Kelmore 83 and 174") compare no figures and are left to the results-lines pass.

use super::features::{TokInfo, F_ALLCAPS, F_CAP, F_DIGIT, F_LOWER};
use super::tokens::BlockToks;
use super::Mention;
use crate::model::Span;

/// Words that compare the figure before them with the figure after them.
const COMPARE: &[&str] = &["vs", "vs.", "versus", "against"];

/// Numbers written as words ("four cts vs two cts").
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty",
    "forty", "fifty", "hundred", "thousand", "million", "billion",
];

fn is_number(text: &str, d: &BlockToks, j: usize) -> bool {
    let i: &TokInfo = &d.infos[j];
    i.flags & F_DIGIT != 0 && i.flags & (F_CAP | F_LOWER | F_ALLCAPS) == 0
        || i.flags & F_LOWER != 0 && NUMBER_WORDS.contains(&d.toks[j].as_str(text))
}

/// Whether tokens `a..b` (one line) form a figures row: a capitalised label right before a
/// number (or before one lower-case word and a number: "Profit net 3 cts"), then a comparison
/// word with a number on each side.
fn figures_row(text: &str, d: &BlockToks, a: usize, b: usize) -> bool {
    let num = |j: usize| j < b && is_number(text, d, j);
    let labelled = (a..b).any(|j| d.infos[j].flags & F_CAP != 0 && (num(j + 1) || d.infos.get(j + 1).is_some_and(|i| i.flags & F_LOWER != 0) && num(j + 2)));
    let compared = (a + 1..b).any(|j| COMPARE.contains(&d.toks[j].as_str(text)) && (a..j).any(num) && (j + 1..b).any(num));
    labelled && compared
}

/// Drops one-word mentions the dictionaries do not know from figures rows.
pub(super) fn figures_rows(text: &str, docs: &[BlockToks], out: &mut Vec<Mention>) {
    let mut labels: Vec<Span> = Vec::new();
    for d in docs {
        let n = d.toks.len();
        let mut a = 0;
        while a < n {
            let mut b = a + 1;
            while b < n && !text.get(d.toks[b - 1].end as usize..d.toks[b].start as usize).is_some_and(|gap| gap.contains('\n')) {
                b += 1;
            }
            if figures_row(text, d, a, b) {
                for j in a..b {
                    let i = &d.infos[j];
                    if i.flags & F_CAP != 0 && i.wclass == 0 && i.ppos == 0 {
                        labels.push(Span::new(d.toks[j].start as usize, d.toks[j].end as usize));
                    }
                }
            }
            a = b;
        }
    }
    if !labels.is_empty() {
        out.retain(|m| !labels.contains(&m.span));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::EntityKind;
    use crate::ner::Tagger;
    use crate::Document;

    fn names(text: &str) -> Vec<(String, EntityKind)> {
        let doc = Document::from_plain_text("t".into(), "t".into(), text.to_string());
        let t = Tagger::new();
        t.tag(&doc.text, &doc.blocks).iter().map(|m| (m.span.slice(&doc.text).to_string(), m.kind)).collect()
    }

    #[test]
    fn labels_of_figures_rows_are_no_names() {
        let text = "Velmora Tools Inc results\n\nQrof 30 cts vs 17 cts\n\nTrevs 71.9 mln vs 25.2 mln\n\nZarnia (Wire) - Qrof profit four cts vs loss two cts\n\nVelmora Tools said sales rose in Zarnia.";
        let got = names(text);
        assert!(!got.iter().any(|(s, _)| s == "Qrof" || s == "Trevs"), "{got:?}");
        assert!(got.iter().any(|(s, _)| s == "Zarnia"), "{got:?}");
    }

    #[test]
    fn sports_tables_and_sentences_keep_their_names() {
        let text = "Standings\n\nKelmore Rovers 3 1 1 1 5 4 4\n\nArlo Venn scored 2 goals against 1 for Kelmore Rovers.";
        let got = names(text);
        assert!(got.iter().any(|(s, _)| s == "Arlo Venn"), "{got:?}");
    }
}
