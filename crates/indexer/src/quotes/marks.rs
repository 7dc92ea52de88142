//! Finding quoted stretches in a paragraph: pairs straight and typographic quotation marks by
//! their position (an opening mark follows a space, a closing mark precedes one), so mistyped
//! marks and nested quotations are handled in one pass over the characters.

/// A quoted stretch of one paragraph. Offsets are absolute byte offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    /// Start of the opening mark.
    pub open: usize,
    /// The quoted words, without the marks.
    pub start: usize,
    pub end: usize,
    /// End of the closing mark; the paragraph end when the quotation runs on.
    pub close: usize,
    /// False when the paragraph ended before a closing mark (a quotation running on).
    pub closed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Skip,
}

fn is_opening_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '„' | '«' | '"' | '\''
    )
}

fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '—'
            | '–'
            | '-'
            | '”'
            | '’'
            | '»'
            | '"'
            | '\''
            | '…'
            | '*'
    )
}

/// The role of the mark `c` between `prev` and `next` characters, with `depth` marks open.
fn role(c: char, prev: Option<char>, next: Option<char>, depth: usize) -> (Family, Role) {
    // at the paragraph start a mark opens, at its end a mark closes, whatever follows
    let left = prev.is_none()
        || (prev.is_some_and(|p| p.is_whitespace() || is_opening_punct(p))
            && next.is_some_and(|n| !n.is_whitespace()));
    let right = next.is_none()
        || (prev.is_some_and(|p| !p.is_whitespace())
            && next.is_none_or(|n| n.is_whitespace() || is_closing_punct(n)));
    match c {
        '"' => {
            // inch marks: 5'10" or a 12" pipe
            if prev.is_some_and(|p| p.is_ascii_digit()) && !left && depth == 0 {
                return (Family::Double, Role::Skip);
            }
            let r = match (left, right) {
                (true, false) => Role::Open,
                (false, true) => Role::Close,
                (true, true) | (false, false) => {
                    if depth > 0
                        && (prev.is_some_and(|p| !p.is_whitespace())
                            || next.is_none_or(|n| n.is_whitespace()))
                    {
                        Role::Close
                    } else if next.is_some_and(|n| !n.is_whitespace()) {
                        Role::Open
                    } else {
                        Role::Skip
                    }
                }
            };
            (Family::Double, r)
        }
        '“' | '„' | '«' => {
            let r = if right && !left && depth > 0 {
                Role::Close
            } else {
                Role::Open
            };
            (Family::Double, r)
        }
        '”' | '»' => {
            let r = if left && !right && depth == 0 {
                Role::Open
            } else {
                Role::Close
            };
            (Family::Double, r)
        }
        '‘' => {
            let r = if left {
                Role::Open
            } else if right && depth > 0 {
                Role::Close
            } else {
                Role::Skip
            };
            (Family::Single, r)
        }
        '’' => {
            // an apostrophe between letters (Clinton’s) or before digits (’90s) is not a mark
            let r = if right
                && !prev.is_some_and(|p| {
                    p.is_alphanumeric() && next.is_some_and(|n| n.is_alphanumeric())
                }) {
                Role::Close
            } else {
                Role::Skip
            };
            (Family::Single, r)
        }
        _ => (Family::Double, Role::Skip),
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’')
}

/// Finds the top-level quotations of the paragraph `text[start..end]`, appending them to `out`.
/// Nested quotations belong to the quotation around them. A double mark left open at the end
/// of the paragraph yields a quotation running to the paragraph end (multi-paragraph quotes).
pub fn find(text: &str, start: usize, end: usize, out: &mut Vec<Marked>) {
    let para = &text[start..end];
    // stack of open marks: (family, byte offset of the mark, mark length); fixed depth
    let mut stack: [(Family, usize, usize); 8] = [(Family::Double, 0, 0); 8];
    let mut depth = 0usize;
    let bytes = para.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // every mark starts with one of these bytes: " (ASCII), 0xE2 (‘ ’ “ ” „), 0xC2 (« »)
        match memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[i..]) {
            Some(n) => i += n,
            None => break,
        }
        let Some(c) = para[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if !is_mark(c) {
            i += len;
            continue;
        }
        let prev = para[..i].chars().next_back();
        let next = para[i + len..].chars().next();
        let (family, r) = role(c, prev, next, depth);
        match (family, r) {
            (_, Role::Skip) => {}
            (_, Role::Open) => {
                // single marks open at top level (British style) or nested in a double quote
                if depth < stack.len() {
                    stack[depth] = (family, i, len);
                    depth += 1;
                }
            }
            (_, Role::Close) => {
                // a closing single mark with no single mark open is an apostrophe (students’)
                if let Some(pos) = stack[..depth].iter().rposition(|s| s.0 == family) {
                    if pos == 0 {
                        push(para, start, stack[0], i, len, out);
                    }
                    depth = pos;
                }
            }
        }
        i += len;
    }
    // a double quotation left open runs on to the end of the paragraph
    if let Some(first) = stack[..depth].iter().position(|s| s.0 == Family::Double) {
        let (_, at, len) = stack[first];
        let content = &para[at + len..];
        let trimmed = content.trim_end();
        let lead = content.len() - content.trim_start().len();
        if trimmed.len() > lead && trimmed.split_whitespace().nth(2).is_some() {
            out.push(Marked {
                open: start + at,
                start: start + at + len + lead,
                end: start + at + len + trimmed.len(),
                close: start + at + len + trimmed.len(),
                closed: false,
            });
        }
    }
}

fn push(
    para: &str,
    base: usize,
    open: (Family, usize, usize),
    close_at: usize,
    close_len: usize,
    out: &mut Vec<Marked>,
) {
    let (_, at, len) = open;
    let content = &para[at + len..close_at];
    let lead = content.len() - content.trim_start().len();
    let trimmed = content.trim_end().len();
    if trimmed <= lead {
        return;
    }
    out.push(Marked {
        open: base + at,
        start: base + at + len + lead,
        end: base + at + len + trimmed,
        close: base + close_at + close_len,
        closed: true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(s: &str) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        find(s, 0, s.len(), &mut out);
        out.iter().map(|m| (&s[m.start..m.end], m.closed)).collect()
    }

    #[test]
    fn pairs_marks() {
        let cases: &[(&str, &[(&str, bool)])] = &[
            ("He said: “We will stay.”", &[("We will stay.", true)]),
            ("He said: \"We will stay.\"", &[("We will stay.", true)]),
            (
                "“We go,” she said, “and we stay.”",
                &[("We go,", true), ("and we stay.", true)],
            ),
            (
                "The minister’s aides called it «une erreur» today.",
                &[("une erreur", true)],
            ),
            (
                "Sie sagte: „Wir bleiben.“ Dann ging sie.",
                &[("Wir bleiben.", true)],
            ),
            (
                "\"Outer “inner” words,\" he said.",
                &[("Outer “inner” words,", true)],
            ),
            (
                "“A long quote that runs on",
                &[("A long quote that runs on", false)],
            ),
            (
                "“Nested ‘single’ marks,” he said.",
                &[("Nested ‘single’ marks,", true)],
            ),
            ("Officials’ plans and the ’90s were Clinton’s era.", &[]),
            ("A 12\" pipe and a 5'10\" man.", &[]),
            ("It was rated “Mostly False.“", &[("Mostly False.", true)]),
            ("The ‘Mocking’ headline", &[("Mocking", true)]),
        ];
        for (input, want) in cases {
            assert_eq!(quotes(input), want.to_vec(), "{input}");
        }
    }
}
