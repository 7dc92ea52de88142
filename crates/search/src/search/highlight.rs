//! Highlighting: snippets and marked quotations.

use tantivy::snippet::SnippetGenerator;

/// The opening of a text, HTML-escaped, cut at a word boundary.
pub(crate) fn lead(text: &str) -> String {
    let mut end = text.len().min(240);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        if let Some(sp) = text[..end].rfind(' ') {
            end = sp;
        }
    }
    let mut s = html_escape(&text[..end]);
    if end < text.len() {
        s.push('…');
    }
    s
}

pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn marked(mut s: tantivy::snippet::Snippet) -> tantivy::snippet::Snippet {
    s.set_snippet_prefix_postfix("<mark>", "</mark>");
    s
}

/// Marks every matched word of a quotation, keeping the whole text (a snippet's fragment runs
/// from the first to the last word, without the quotation's punctuation at either end).
pub(super) fn highlight_all(gen: Option<&SnippetGenerator>, text: &str) -> String {
    let Some(gen) = gen else {
        return html_escape(text);
    };
    let s = gen.snippet(text);
    let base = if s.highlighted().is_empty() {
        None
    } else {
        text.find(s.fragment())
    };
    match base {
        Some(base) => mark_ranges(
            text,
            s.highlighted().iter().map(|r| base + r.start..base + r.end),
        ),
        None => html_escape(text),
    }
}

/// HTML-escapes `text` with `<mark>` around the given byte ranges (in order; bad ranges skipped).
pub fn mark_ranges(text: &str, ranges: impl Iterator<Item = std::ops::Range<usize>>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut pos = 0;
    for r in ranges {
        if r.start < pos
            || r.end > text.len()
            || r.start >= r.end
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&html_escape(&text[pos..r.start]));
        out.push_str("<mark>");
        out.push_str(&html_escape(&text[r.clone()]));
        out.push_str("</mark>");
        pos = r.end;
    }
    out.push_str(&html_escape(&text[pos..]));
    out
}
