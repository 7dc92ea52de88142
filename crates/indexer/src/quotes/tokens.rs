//! Tokens of a paragraph outside its quotations: words, punctuation, and one token standing
//! for each whole quotation (marks included).

use super::lexicon;
use super::marks::Marked;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// A quotation: index into the document's list of marked stretches.
    Quote(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    pub fn quote(&self) -> Option<usize> {
        match self.kind {
            Kind::Quote(i) => Some(i),
            _ => None,
        }
    }
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokenises `text[start..end]` into `out` (cleared first). `quotes` are the marked stretches of
/// this paragraph in order, with `first` the index of `quotes[0]` in the document's list.
pub fn tokenize(
    text: &str,
    start: usize,
    end: usize,
    quotes: &[Marked],
    first: usize,
    out: &mut Vec<Tok>,
) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = start;
    let mut q = 0;
    while i < end {
        if q < quotes.len() && i >= quotes[q].open {
            out.push(Tok {
                start: quotes[q].open,
                end: quotes[q].close,
                kind: Kind::Quote(first + q),
            });
            i = quotes[q].close.max(i + 1);
            q += 1;
            while i < end && !text.is_char_boundary(i) {
                i += 1;
            }
            continue;
        }
        let b = bytes[i];
        if b == b' ' || b == b'\n' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let c = if b.is_ascii() {
            b as char
        } else if let Some(c) = text[i..end].chars().next() {
            c
        } else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if word_char(c) {
            let st = i;
            i += c.len_utf8();
            // letters since the last period: U.S, a.m join single letters only
            let mut seg = 1;
            while i < end {
                if bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                    seg += 1;
                    continue;
                }
                let Some(ch) = text[i..end].chars().next() else {
                    break;
                };
                if word_char(ch) {
                    i += ch.len_utf8();
                    seg += 1;
                } else if matches!(ch, '-' | '’' | '\'' | '.' | '&')
                    && text[i + ch.len_utf8()..end]
                        .chars()
                        .next()
                        .is_some_and(word_char)
                    && (ch != '.'
                        || seg == 1
                        || text[i + 1..end]
                            .starts_with(|n: char| n.is_ascii_lowercase() || n.is_ascii_digit()))
                {
                    i += ch.len_utf8();
                    seg = 0;
                } else {
                    break;
                }
            }
            // an abbreviation keeps its period: Mr. Sen. U.S. J.
            if i < end && bytes[i] == b'.' {
                let w = &text[st..i];
                let single_cap = w.len() == 1 && bytes[st].is_ascii_uppercase();
                let part = w.rsplit('-').next().unwrap_or(w);
                // a party and a state: (D-Vel.), R-Kel., whatever the state
                let party_state = w.len() > 2
                    && w.as_bytes()[1] == b'-'
                    && w.as_bytes()[0].is_ascii_uppercase()
                    && (2..=5).contains(&part.len())
                    && part.bytes().all(|b| b.is_ascii_alphabetic())
                    && matches!(bytes.get(i + 1), Some(b')' | b','));
                if single_cap
                    || w.contains('.')
                    || party_state
                    || lexicon::is_abbreviation(part)
                    || lexicon::is_caps_title_abbreviation(part)
                {
                    i += 1;
                }
            }
            out.push(Tok {
                start: st,
                end: i,
                kind: Kind::Word,
            });
            continue;
        }
        out.push(Tok {
            start: i,
            end: i + c.len_utf8(),
            kind: Kind::Punct(c),
        });
        i += c.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_abbreviations() {
        let s = "Sen. John J. Smith (D-Ky.) of the U.S. said Clinton’s plan is e.g. fine.";
        let mut out = Vec::new();
        tokenize(s, 0, s.len(), &[], 0, &mut out);
        let words: Vec<&str> = out.iter().map(|t| t.text(s)).collect();
        assert_eq!(
            words,
            [
                "Sen.",
                "John",
                "J.",
                "Smith",
                "(",
                "D-Ky.",
                ")",
                "of",
                "the",
                "U.S.",
                "said",
                "Clinton’s",
                "plan",
                "is",
                "e.g.",
                "fine",
                "."
            ]
        );
    }

    #[test]
    fn abbreviations_in_capitals_and_any_party_state() {
        let s = "SEN. ANA TOLOSA (D-VEL.) AND MS. RENN, R-Kel., SAID NO.";
        let mut out = Vec::new();
        tokenize(s, 0, s.len(), &[], 0, &mut out);
        let words: Vec<&str> = out.iter().map(|t| t.text(s)).collect();
        assert_eq!(
            words,
            [
                "SEN.", "ANA", "TOLOSA", "(", "D-VEL.", ")", "AND", "MS.", "RENN", ",", "R-Kel.",
                ",", "SAID", "NO", "."
            ]
        );
    }
}
