//! Web pages: main-content extraction (the `trafilatura` crate, a port of trafilatura) plus
//! metadata read from the page: title, publication date, authors, site name, URL and language.
//!
//! Publication date, in order of trust (the order measured best on real pages): a full date in
//! the URL path; JSON-LD `datePublished`; `article:published_time` and other specific meta tags
//! (`pubdate`, `sailthru.date`, `parsely-pub-date`, ...), where a UTC stamp yields to another
//! field giving the same instant in local time; `itemprop="datePublished"` elements; the visible
//! byline; generic meta tags (`date`, `dc.date`, `dcterms.date`, often the last edit); a
//! `<time datetime>`; finally the date found by trafilatura's own date search.

use crate::dates::{self, parse_date_value_in, Calendar};
use chrono::NaiveDate;
use serde_json::Value;
use trafilatura::dom::Document as Dom;

/// What a web page yields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    pub title: Option<String>,
    /// Main content: paragraphs separated by blank lines.
    pub body: String,
    pub published: Option<NaiveDate>,
    /// Where the publication date came from (`json-ld`, `meta`, `url`, ...), for diagnostics.
    pub date_source: Option<&'static str>,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// Meta properties/names that carry the publication date, most trusted first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "originalpublicationdate",
    "datepublished",
    "date_published",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "publication-date",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "cxenseparse:recs:publishtime",
    "article:post_date",
    "og:pubdate",
];

/// Generic date fields that content management systems often set to the last edit: trusted less
/// than the visible byline.
const WEAK_DATE_META: &[&str] = &[
    "dc.date.issued",
    "dc.date.created",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "dc.created",
    "date",
    "creation_date",
    "created",
    "release_date",
    "displaydate",
];

/// Extracts content and metadata from an HTML page. `page_url` is the page's address when known
/// (otherwise `og:url` or the canonical link is used).
pub fn extract(html: &str, page_url: Option<&str>) -> HtmlArticle {
    if too_complex(html) {
        return flat_page(html, page_url);
    }
    let dom = Dom::parse(html);
    let root = dom.root();
    // The page's visible text, read at most once: several date rules and the standfirst look
    // at it.
    let visible = std::cell::OnceCell::new();
    let shown = || visible.get_or_init(|| flat_text(html)).as_str();
    let metas = collect_meta(&dom);
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(mk, v)| mk == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
    };
    let ld = collect_json_ld(&dom);

    // URL: given, else og:url, else canonical link.
    let url = page_url
        .map(str::to_string)
        .or_else(|| meta(&["og:url"]))
        .or_else(|| {
            dom.query_selector(root, "link[rel=canonical]")
                .and_then(|id| dom.get_attribute(id, "href"))
        })
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let parsed_url = url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .map(archived_address);

    // Title.
    let title = meta(&["og:title", "twitter:title"])
        .or_else(|| ld_string(&ld, &["headline", "name"]))
        .or_else(|| {
            dom.query_selector(root, "title")
                .map(|id| dom.text_content(id))
        })
        .map(|t| clean_space(&t))
        .filter(|t| !t.is_empty());

    let language = dom
        .query_selector(root, "html[lang]")
        .and_then(|id| dom.get_attribute(id, "lang"))
        .or_else(|| meta(&["og:locale", "content-language", "language", "dc.language"]))
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| !l.is_empty() && l.len() <= 16);

    // Publication date; the page language says how to read Persian and Hijri years.
    let cal = Calendar::for_language(language.as_deref());
    let mut published = None;
    let mut date_source = None;
    // Each source is consulted only while no more trusted one has given a date.
    let mut found = |d: &mut dyn FnMut() -> Option<NaiveDate>, src: &'static str| {
        if published.is_none() {
            if let Some(d) = d() {
                published = Some(d);
                date_source = Some(src);
            }
        }
    };
    // A full date in the URL path is the most reliable signal where there is one.
    found(&mut || parsed_url.as_ref().and_then(url_date), "url");
    let mut stamps: Vec<(&'static str, Stamp)> = Vec::new();
    if let Some(st) = ld_string(&ld, &["datePublished", "dateCreated"])
        .as_deref()
        .and_then(|s| Stamp::parse(s, cal))
    {
        stamps.push(("json-ld", st));
    }
    for k in PUBLISHED_META {
        if let Some(st) = meta(&[k]).as_deref().and_then(|s| Stamp::parse(s, cal)) {
            stamps.push(("meta", st));
        }
    }
    let strong = stamps.len();
    for k in WEAK_DATE_META {
        if let Some(st) = meta(&[k]).as_deref().and_then(|s| Stamp::parse(s, cal)) {
            stamps.push(("meta-generic", st));
        }
    }
    if let Some((src, st)) = stamps[..strong].first() {
        let day = local_day(st, &stamps);
        let modified = ld_string(&ld, &["dateModified"])
            .or_else(|| meta(MODIFIED_META))
            .and_then(|s| Stamp::parse(&s, cal));
        match modified.and_then(|m| shown_update(day, m.day, shown, cal)) {
            Some(m) => found(&mut || Some(m), "shown-update"),
            None => found(&mut || Some(day), src),
        }
    }
    found(&mut || itemprop_date(&dom, cal), "itemprop");
    found(&mut || byline_date(&dom, cal), "byline");
    if let Some((src, st)) = stamps.get(strong) {
        found(&mut || Some(local_day(st, &stamps)), src);
    }
    found(&mut || time_element_date(&dom, cal), "time");

    // Authors.
    let mut authors = ld_authors(&ld);
    if authors.is_empty() {
        if let Some(a) = meta(&[
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
            "byl",
        ]) {
            if !a.starts_with("http") {
                authors = split_authors(&a);
            }
        }
    }

    // Source: site name, else the URL host.
    let source = meta(&["og:site_name", "application-name"])
        .or_else(|| ld_publisher(&ld))
        .or_else(|| {
            parsed_url
                .as_ref()
                .and_then(|u| u.host_str())
                .map(|h| h.trim_start_matches("www.").to_string())
        });

    // Main content.
    // Readers' comments are not the article: their words and names would be searched and
    // counted as the article's own.
    let mut opts = trafilatura::Options::default().with_exclude_comments(true);
    if let Some(u) = parsed_url.clone() {
        opts = opts.with_url(u);
    }
    // trafilatura's own date search is only a fallback: skip it when the page gave a date.
    opts.html_date_override = published;
    // The extractor is a dependency that can panic on odd text (it slices inside a character
    // when a meta value holds eight non-ASCII digits): the page then keeps its flat text.
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        trafilatura::extract_document(dom, &opts)
    }));
    let (mut body, fallback) = match extracted {
        Ok(Ok(r)) => (html_paragraphs(&r.content_html), Some(r.metadata)),
        Ok(Err(_)) | Err(_) => (String::new(), None),
    };
    // A short main text is often a teaser or a caption the extractor took for the article: the
    // extraction with trafilatura's own fallbacks (readability, jusText) is tried, and kept when
    // it is much longer.
    if body.chars().count() < SHORT_BODY {
        let again = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            trafilatura::extract_document(Dom::parse(html), &opts.clone().with_fallback(true))
        }));
        if let Ok(Ok(r)) = again {
            let longer = html_paragraphs(&r.content_html);
            if longer.chars().count() > 2 * body.chars().count() {
                body = longer;
            }
        }
    }
    // A page whose main content was not found (nested deeper than the DOM walk goes, or laid out
    // in a way the extractor does not know) still has text a browser shows: keep all of it.
    if body.trim().is_empty() {
        body = shown().to_string();
    } else {
        let descriptions: Vec<String> = ["og:description", "description", "twitter:description"]
            .iter()
            .filter_map(|k| meta(&[k]))
            .collect();
        if let Some(lead) = standfirst(&descriptions, &body, shown) {
            body = format!("{lead}\n\n{body}");
        }
    }
    if published.is_none() {
        if let Some(d) = fallback.as_ref().and_then(|m| m.date) {
            published = Some(d);
            date_source = Some("trafilatura");
        }
    }
    if let Some(d) = month_of_address(published.zip(date_source), parsed_url.as_ref(), shown, cal) {
        published = Some(d);
        date_source = Some("url-month");
    }
    if let Some(d) = padded_fallback(published.zip(date_source), shown, cal) {
        published = Some(d);
        date_source = Some("text");
    }
    let title = title.or_else(|| {
        fallback
            .as_ref()
            .map(|m| clean_space(&m.title))
            .filter(|t| !t.is_empty())
    });
    if authors.is_empty() {
        if let Some(m) = fallback.as_ref().filter(|m| !m.author.is_empty()) {
            authors = split_authors(&m.author);
        }
    }
    let host = parsed_url
        .as_ref()
        .and_then(|u| u.host_str())
        .map(|h| h.trim_start_matches("www.").to_string());
    let title = title.map(|t| without_site_name(&t, source.as_deref(), host.as_deref()));
    authors.retain(|a| looks_like_byline(a));
    HtmlArticle {
        title,
        body,
        published,
        date_source,
        authors,
        source,
        url,
        language,
    }
}

/// The standfirst (lead) a page shows above its article, which the main-text extractor often
/// leaves out as it sits outside the article's element: the visible paragraph that holds one of
/// the page's descriptions, when the main text does not. Short descriptions are not looked for
/// (a site's slogan, a tag line).
fn standfirst<'a>(
    descriptions: &[String],
    body: &str,
    visible: impl FnOnce() -> &'a str,
) -> Option<String> {
    const MIN_CHARS: usize = 80;
    let long: Vec<String> = descriptions
        .iter()
        .map(|d| clean_space(d).trim_end_matches(['.', '…', ' ']).to_string())
        .filter(|d| d.chars().count() >= MIN_CHARS)
        .collect();
    if long.is_empty() {
        return None;
    }
    let body = clean_space(body);
    let wanted: Vec<&String> = long.iter().filter(|d| !body.contains(d.as_str())).collect();
    if wanted.is_empty() {
        return None;
    }
    let visible: Vec<String> = visible().lines().map(clean_space).collect();
    wanted.iter().find_map(|d| {
        visible
            .iter()
            .find(|l| l.contains(d.as_str()) && l.len() <= 4 * d.len().max(500))
            .cloned()
    })
}

/// Pages nested deeper than this are not parsed into a tree: the HTML parser checks the open
/// elements for every tag (time grows with the square of the depth: 160,000 levels took 80 s),
/// and the content extractor stops walking at depth 500 anyway.
pub const MAX_DEPTH: usize = 512;
/// Pages with more elements than this are not parsed into a tree either: the tree and the
/// extractor's work on it take about 2 KB per element (1M sibling elements peaked at 1.9 GB).
pub const MAX_ELEMENTS: usize = 100_000;

/// Whether a page is nested deeper than [`MAX_DEPTH`] or has more than [`MAX_ELEMENTS`]
/// elements, counted from its tags in one pass without building a tree. The depth counts the
/// elements that must be closed (not void elements, self-closed tags, nor `p`, `li`, table
/// cells and the others whose end tag may be left out), so pages that never close their
/// paragraphs are not taken for deep ones.
pub fn too_complex(html: &str) -> bool {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen",
    ];
    const OPTIONAL_END: &[&str] = &[
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
        "colgroup", "rb", "rt", "rtc", "rp",
    ];
    const RAW_TEXT: &[&str] = &[
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "noembed",
        "noframes",
        "iframe",
        "plaintext",
    ];
    let lower = html.to_ascii_lowercase();
    let b = lower.as_bytes();
    let (mut depth, mut elements, mut i) = (0usize, 0usize, 0usize);
    while let Some(lt) = b
        .get(i..)
        .and_then(|r| r.iter().position(|&c| c == b'<'))
        .map(|p| p + i)
    {
        let rest = &lower[lt + 1..];
        if rest.starts_with("!--") {
            match rest.find("-->") {
                Some(e) => i = lt + 1 + e + 3,
                None => break,
            }
            continue;
        }
        let close = rest.starts_with('/');
        let name_at = if close { &rest[1..] } else { rest };
        let name_len = name_at
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'-')
            .count();
        if name_len == 0 || !name_at.as_bytes()[0].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = &name_at[..name_len];
        let Some(gt) = rest.find('>') else { break };
        i = lt + 1 + gt + 1;
        if close {
            if !VOID.contains(&name) && !OPTIONAL_END.contains(&name) && !RAW_TEXT.contains(&name) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        elements += 1;
        if elements > MAX_ELEMENTS {
            return true;
        }
        if RAW_TEXT.contains(&name) {
            // its text holds no tags: go to its end tag
            match lower[i..].find(&format!("</{name}")) {
                Some(e) => i += e,
                None => break,
            }
            continue;
        }
        let self_closed = rest[..gt].ends_with('/');
        if !self_closed && !VOID.contains(&name) && !OPTIONAL_END.contains(&name) {
            depth += 1;
            if depth > MAX_DEPTH {
                return true;
            }
        }
    }
    false
}

/// A page too complex to parse into a tree: its visible text (linear whatever its shape), the
/// `<title>` as title, and the address when given; no other metadata.
fn flat_page(html: &str, page_url: Option<&str>) -> HtmlArticle {
    let lower = html.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|s| {
        let open = s + lower[s..].find('>')? + 1;
        let close = open + lower[open..].find("</title")?;
        Some(clean_space(&unescape(&html[open..close])))
    });
    let url = page_url
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(str::to_string);
    HtmlArticle {
        title: title.filter(|t| !t.is_empty()),
        body: flat_text(html),
        url,
        ..HtmlArticle::default()
    }
}

/// Turns trafilatura's content HTML into plain text with a blank line between block elements
/// (paragraphs, headings, list items, quotes, table rows) and whitespace collapsed inside them.
/// A main text shorter than this (in characters) is checked against the fallback extractors.
const SHORT_BODY: usize = 500;

pub fn html_paragraphs(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "hr",
        "dd",
        "dt",
        "dl",
        "main",
        "aside",
    ];
    let mut out = String::with_capacity(html.len());
    let mut para = String::new();
    // Pages that repeat their lead (teaser, then article) would otherwise repeat it in the body.
    let mut seen = std::collections::HashSet::new();
    let mut flush = |para: &mut String, out: &mut String| {
        let t = clean_space(&unescape(para));
        if !t.is_empty() && (t.len() < 40 || seen.insert(t.clone())) {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&t);
        }
        para.clear();
    };
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        para.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[..gt].trim_start_matches('/');
        let name_end = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        if BLOCKS.contains(&name.as_str()) {
            flush(&mut para, &mut out);
        } else {
            // Inline tags may separate words only when the markup had whitespace there.
        }
        rest = &after[gt + 1..];
    }
    para.push_str(rest);
    flush(&mut para, &mut out);
    out
}

/// Every visible text of a page, a paragraph per block element: the fallback when main-content
/// extraction finds nothing. Comments and the contents of `head`, `script`, `style`, `noscript`,
/// `template`, `svg` and `iframe` are left out. Linear in the page size, whatever its nesting.
pub fn flat_text(html: &str) -> String {
    const HIDDEN: &[&str] = &[
        "script", "style", "noscript", "template", "head", "svg", "iframe",
    ];
    // ASCII lower-casing keeps every byte offset.
    let lower = html.to_ascii_lowercase();
    let mut visible = String::with_capacity(html.len());
    let mut i = 0;
    while let Some(lt) = lower.get(i..).and_then(|r| r.find('<')).map(|p| p + i) {
        visible.push_str(&html[i..lt]);
        let rest = &lower[lt..];
        let hidden = HIDDEN.iter().find(|t| {
            rest[1..].starts_with(*t)
                && rest[1 + t.len()..]
                    .starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())
        });
        i = if rest.starts_with("<!--") {
            rest.find("-->").map_or(html.len(), |e| lt + e + 3)
        } else if let Some(tag) = hidden {
            match rest.find(&format!("</{tag}")) {
                Some(e) => lower[lt + e..]
                    .find('>')
                    .map_or(html.len(), |g| lt + e + g + 1),
                None => html.len(),
            }
        } else {
            // An ordinary tag: kept for `html_paragraphs` to split blocks on.
            match rest.find('>') {
                Some(g) => {
                    visible.push_str(&html[lt..lt + g + 1]);
                    lt + g + 1
                }
                None => html.len(),
            }
        };
    }
    if let Some(tail) = html.get(i..) {
        visible.push_str(tail);
    }
    html_paragraphs(&visible)
}

/// Decodes the character references that HTML serialisation produces.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &after[..e];
            match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Letters and digits of `s`, lower-cased: "Politics.co.uk" and "politics co uk" compare equal.
fn alnum_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The page title without the site's name that pages add before or after the headline
/// ("Talks resume – The Example Times", "Example Times | Talks resume"). A part is the site's
/// name when it is the site name the page declares, its host name, or a host name itself
/// ("example.co.uk"); the headline is never removed whole.
fn without_site_name(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    const SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - ", " :: ", " · ", " » ", " || "];
    let site_key = site.map(alnum_key).filter(|k| k.len() >= 2);
    // The host's name without its suffixes: "example" of "news.example.co.uk".
    let host_key = host.map(|h| {
        h.split('.')
            .filter(|p| p.len() > 3 || !p.chars().all(|c| c.is_ascii_lowercase()))
            .map(alnum_key)
            .collect::<Vec<_>>()
    });
    let is_site = |part: &str| -> bool {
        let part = part.trim();
        let key = alnum_key(part);
        if key.is_empty() {
            return false;
        }
        let domain_like = !part.contains(' ')
            && part.contains('.')
            && part.rsplit('.').next().is_some_and(|tld| {
                (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
            });
        domain_like
            || site_key.as_ref().is_some_and(|s| {
                key == *s
                    || (key.len() >= 4 && s.starts_with(&key))
                    || (s.len() >= 4 && key.starts_with(s.as_str()))
            })
            || host_key.as_ref().is_some_and(|h| {
                // the host's name, or a short part that begins with it ("Harbourpost Online" on
                // harbourpost.org)
                h.iter().any(|p| {
                    p.len() >= 4
                        && (key == *p
                            || key == format!("{p}com")
                            || (p.len() >= 5
                                && key.starts_with(p.as_str())
                                && part.split_whitespace().count() <= 4))
                })
            })
    };
    let mut t = title.trim().to_string();
    // Every place a separator stands, in order (a site name may hold separators itself:
    // "Harbour Post - Local News").
    let cuts = |t: &str| -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = SEPARATORS
            .iter()
            .flat_map(|sep| t.match_indices(sep).map(|(i, m)| (i, m.len())))
            .collect();
        v.sort_unstable();
        v
    };
    // the longest tail that is the site's name goes
    if let Some(&(i, _)) = cuts(&t)
        .iter()
        .find(|&&(i, n)| i > 0 && is_site(&t[i + n..]))
    {
        t.truncate(i);
    }
    // else or also, the longest head that is
    if let Some(&(i, n)) = cuts(&t)
        .iter()
        .rev()
        .find(|&&(i, n)| is_site(&t[..i]) && !t[i + n..].trim().is_empty())
    {
        t = t[i + n..].to_string();
    }
    t.trim().to_string()
}

/// Whether a metadata author reads as a byline: one to six words, no digits, no address or link,
/// every word capitalised but the particles names carry ("Jane Roe", "Ana de la Vega", "Reuters
/// Staff"); not a sentence or a date.
fn looks_like_byline(a: &str) -> bool {
    use crate::ner::PARTICLES;
    let words: Vec<&str> = a.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 6
        || a.contains("://")
        || a.contains('@')
        || a.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    // "al-Rami": the particle is a prefix of the word
    let names: Vec<&str> = words
        .iter()
        .map(|w| {
            PARTICLES
                .iter()
                .find_map(|p| w.strip_prefix(p).and_then(|r| r.strip_prefix('-')))
                .unwrap_or(w)
        })
        .filter(|w| !PARTICLES.contains(&w.to_lowercase().as_str()))
        .collect();
    // a letter that is not lower case: a capital, or a script without case
    !names.is_empty()
        && names.iter().all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(|c| !c.is_lowercase())
        })
}

fn clean_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `(key, content)` of every `<meta>`, key lowercased from `property`, `name`, `itemprop` or
/// `http-equiv`.
fn collect_meta(dom: &Dom) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for id in dom.query_selector_all(dom.root(), "meta[content]") {
        let Some(content) = dom.get_attribute(id, "content") else {
            continue;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = dom.get_attribute(id, attr) {
                out.push((k.trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    out
}

/// All JSON-LD objects of the page (flattening arrays and `@graph`), article types first.
fn collect_json_ld(dom: &Dom) -> Vec<Value> {
    let mut objs = Vec::new();
    for id in dom.scripts_with_type(&["application/ld+json"]) {
        let raw = dom.text_content(id);
        let raw = raw
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim();
        if let Ok(v) = serde_json::from_str::<Value>(raw) {
            flatten_ld(v, &mut objs, 0);
        }
    }
    objs.sort_by_key(|o| !is_article_type(o));
    objs
}

fn flatten_ld(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(a) => a.into_iter().for_each(|x| flatten_ld(x, out, depth + 1)),
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten_ld(g, out, depth + 1);
            }
            if let Some(m) = o.get("mainEntity").cloned() {
                if m.is_object() {
                    flatten_ld(m, out, depth + 1);
                }
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}

fn is_article_type(o: &Value) -> bool {
    let is = |t: &str| {
        let t = t.to_ascii_lowercase();
        t.contains("article") || t.contains("posting") || t == "report" || t.contains("newsarticle")
    };
    match o.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

fn ld_string(objs: &[Value], keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        objs.iter().find_map(|o| match o.get(*k) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::Array(a)) => a.iter().find_map(|x| x.as_str().map(str::to_string)),
            _ => None,
        })
    })
}

fn ld_authors(objs: &[Value]) -> Vec<String> {
    let Some(a) = objs
        .iter()
        .find_map(|o| o.get("author").or_else(|| o.get("creator")))
    else {
        return Vec::new();
    };
    let items: Vec<&Value> = match a {
        Value::Array(v) => v.iter().collect(),
        other => vec![other],
    };
    let mut out = Vec::new();
    for it in items {
        let name = match it {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("name").and_then(Value::as_str),
            _ => None,
        };
        if let Some(n) = name
            .map(clean_space)
            .filter(|n| !n.is_empty() && !n.starts_with("http"))
        {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

fn ld_publisher(objs: &[Value]) -> Option<String> {
    objs.iter()
        .find_map(|o| match o.get("publisher") {
            Some(Value::Object(p)) => p.get("name").and_then(Value::as_str).map(clean_space),
            Some(Value::String(s)) => Some(clean_space(s)),
            _ => None,
        })
        .filter(|s| !s.is_empty())
}

fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = s
        .strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .unwrap_or(s);
    s.split([',', ';', '|'])
        .flat_map(|p| p.split(" and "))
        .map(clean_space)
        .filter(|p| !p.is_empty() && p.len() < 80)
        .collect()
}

/// A publication time stamp from metadata: the day as written, and the wall-clock time and UTC
/// offset when given.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Stamp {
    day: NaiveDate,
    wall: Option<chrono::NaiveDateTime>,
    offset: Option<i32>,
}

impl Stamp {
    fn parse(s: &str, cal: Calendar) -> Option<Stamp> {
        let s = s.trim();
        let with_offset = chrono::DateTime::parse_from_rfc3339(s)
            .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z"))
            .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
            .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%z"))
            .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S %z"))
            .or_else(|_| chrono::DateTime::parse_from_rfc2822(s));
        if let Ok(dt) = with_offset {
            let wall = dt.naive_local();
            return Some(Stamp {
                day: wall.date(),
                wall: Some(wall),
                offset: Some(dt.offset().local_minus_utc()),
            })
            .filter(|st| plausible(&st.day));
        }
        let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"));
        if let Ok(wall) = naive {
            return Some(Stamp {
                day: wall.date(),
                wall: Some(wall),
                offset: None,
            })
            .filter(|st| plausible(&st.day));
        }
        parse_meta_date(s, cal).map(|day| Stamp {
            day,
            wall: None,
            offset: None,
        })
    }
}

/// The publication day of `chosen`. A UTC time stamp names the wrong day for evening articles
/// west of Greenwich and early-morning ones east of it; when another field of the page gives the
/// same instant in local time, that field's day wins.
fn local_day(chosen: &Stamp, all: &[(&'static str, Stamp)]) -> NaiveDate {
    let (Some(utc), Some(0)) = (chosen.wall, chosen.offset) else {
        return chosen.day;
    };
    for (_, other) in all {
        let Some(wall) = other.wall else { continue };
        let same_instant = match other.offset {
            Some(0) => false,
            Some(off) => {
                (wall - chrono::Duration::seconds(off as i64) - utc)
                    .num_seconds()
                    .abs()
                    < 120
            }
            None => {
                let diff = wall - utc;
                diff.num_hours().abs() <= 14 && diff.num_seconds() % 900 == 0
            }
        };
        if same_instant && other.day != chosen.day {
            return other.day;
        }
    }
    chosen.day
}

/// Metadata naming when a page was last changed.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "modified_time",
    "datemodified",
    "date_modified",
    "last-modified",
    "lastmod",
];

/// The day a page was last changed, when the page shows readers that day and not the day its
/// metadata says it was published: what a reader (and a citation) takes as the page's date is
/// the one on the page. A note naming the month of first publication ("first published in
/// March 2017") counts as showing it. `None` keeps the publication day.
fn shown_update<'a>(
    published: NaiveDate,
    modified: NaiveDate,
    text: impl FnOnce() -> &'a str,
    cal: Calendar,
) -> Option<NaiveDate> {
    use chrono::Datelike;
    if modified <= published {
        return None;
    }
    let text = text();
    let shown = dates::find_dates_in(&text, cal);
    let month_named = (published.year(), published.month()) != (modified.year(), modified.month())
        && names_month(&text, published);
    (shown.contains(&modified) && !shown.contains(&published) && !month_named).then_some(modified)
}

/// Whether `text` names the month of `day` with its year ("in March 2017", "avril 2017").
fn names_month(text: &str, day: NaiveDate) -> bool {
    use chrono::Datelike;
    let year = day.year().to_string();
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut prev = words.next();
    for w in words {
        if w == year && prev.and_then(dates::month_from_name) == Some(day.month()) {
            return true;
        }
        prev = Some(w);
    }
    false
}

/// A date in a metadata value: ISO forms, RFC 2822, or any date-line form; plausible years only.
fn parse_meta_date(s: &str, cal: Calendar) -> Option<NaiveDate> {
    parse_date_value_in(s, cal).filter(plausible)
}

fn plausible(d: &NaiveDate) -> bool {
    use chrono::Datelike;
    (1970..=2100).contains(&d.year())
}

/// `itemprop="datePublished"` on any element: its `content`/`datetime` attribute or its text.
fn itemprop_date(dom: &Dom, cal: Calendar) -> Option<NaiveDate> {
    for id in dom.query_selector_all(
        dom.root(),
        "[itemprop=datePublished], [itemprop=dateCreated]",
    ) {
        let v = dom
            .get_attribute(id, "content")
            .or_else(|| dom.get_attribute(id, "datetime"))
            .unwrap_or_else(|| dom.text_content(id));
        if let Some(d) = parse_meta_date(&v, cal) {
            return Some(d);
        }
    }
    None
}

/// A `<time datetime>` marked as the publication time (`pubdate` attribute, or a class naming
/// publication), else the first `<time datetime>` of the page that is not marked as an update.
fn time_element_date(dom: &Dom, cal: Calendar) -> Option<NaiveDate> {
    let times = dom.query_selector_all(dom.root(), "time[datetime]");
    // the element's own class and id, and its parent's ("<p class="publication"><time ...>")
    let marked = |id| {
        let names = |id| {
            format!(
                "{} {}",
                dom.get_attribute(id, "class").unwrap_or_default(),
                dom.get_attribute(id, "id").unwrap_or_default()
            )
        };
        let class = format!(
            "{} {}",
            names(id),
            dom.parent(id).map(names).unwrap_or_default()
        )
        .to_ascii_lowercase();
        (
            dom.get_attribute(id, "pubdate").is_some()
                || class.contains("publi")
                || class.contains("pubdate"),
            class.contains("update") || class.contains("modif"),
        )
    };
    let value = |id| {
        dom.get_attribute(id, "datetime")
            .as_deref()
            .and_then(|v| parse_meta_date(v, cal))
    };
    times
        .iter()
        .find(|&&id| marked(id).0)
        .and_then(|&id| value(id))
        .or_else(|| {
            times
                .iter()
                .filter(|&&id| !marked(id).1)
                .find_map(|&id| value(id))
        })
}

/// The address a web-archive copy was taken from (`https://web.archive.org/web/20200102030405/https://example.org/a`
/// is `https://example.org/a`): the capture time stamp in the archive's path is not the
/// publication date, and the site is the original one.
fn archived_address(u: url::Url) -> url::Url {
    if u.host_str() != Some("web.archive.org") {
        return u;
    }
    let inner = u
        .path()
        .strip_prefix("/web/")
        .and_then(|rest| rest.split_once('/'))
        .filter(|(stamp, _)| {
            stamp.len() >= 8 && stamp.bytes().take_while(u8::is_ascii_digit).count() >= 8
        });
    let Some((_, original)) = inner else { return u };
    // The archive keeps the original query string on its own address.
    let original = match u.query() {
        Some(q) => format!("{original}?{q}"),
        None => original.to_string(),
    };
    // `http:/example.org` (one slash) is how some archive links arrive after path normalisation.
    let original = original.replacen(":/", "://", usize::from(!original.contains("://")));
    url::Url::parse(&original).unwrap_or(u)
}

/// A full date in the URL path: `/2019/10/16/`, `/2019-10-16`, `/20191016`.
pub fn url_date(u: &url::Url) -> Option<NaiveDate> {
    let path = u.path();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for w in segs.windows(3) {
        if let (Some((y, m)), Some(d)) = (year_month(w[0], w[1]), day_segment(w[2])) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d).filter(plausible) {
                return Some(date);
            }
        }
    }
    // yyyy-mm-dd or yyyymmdd anywhere in the path, delimited by non-digits.
    let b = path.as_bytes();
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let digits = |from: usize, n: usize| {
            b.get(from..from + n)
                .filter(|s| s.iter().all(u8::is_ascii_digit))
                .map(|s| std::str::from_utf8(s).unwrap().parse::<u32>().unwrap())
        };
        let end_ok = |at: usize| b.get(at).is_none_or(|c| !c.is_ascii_digit());
        if let (Some(y), Some(m), Some(d)) = (digits(i, 4), digits(i + 5, 2), digits(i + 8, 2)) {
            if matches!(b.get(i + 4), Some(b'-' | b'_'))
                && b.get(i + 7) == b.get(i + 4)
                && end_ok(i + 10)
            {
                if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d).filter(plausible) {
                    return Some(date);
                }
            }
        }
        if let (Some(y), Some(m), Some(d)) = (digits(i, 4), digits(i + 4, 2), digits(i + 6, 2)) {
            if end_ok(i + 8) {
                if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d).filter(plausible) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// A path segment that is a day number: `16`, `16.html`, `16.htm`.
/// A year and a month as two segments of the URL path (`/2019/10/`), the month's segment followed
/// by another (the article's name), for pages whose address gives no day.
fn url_month(u: &url::Url) -> Option<(i32, u32)> {
    let segs: Vec<&str> = u.path().split('/').filter(|s| !s.is_empty()).collect();
    segs.windows(3).find_map(|w| year_month(w[0], w[1]))
}

/// Two path segments that are a plausible year and a month ("2019", "10").
fn year_month(y: &str, m: &str) -> Option<(i32, u32)> {
    let (year, month) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
    (y.len() == 4 && m.len() <= 2 && (1970..=2100).contains(&year) && (1..=12).contains(&month))
        .then_some((year, month))
}

/// A year and a month in the URL path without a day ("/2019/10/slug"), when the page gave no date
/// (`found`: the date and its source) or only the fallback's first of a month (a year or a month
/// padded to a day): the first full date of the page's text in that month (a "posted on" line
/// that no markup marks).
fn month_of_address<'a>(
    found: Option<(NaiveDate, &str)>,
    url: Option<&url::Url>,
    text: impl FnOnce() -> &'a str,
    cal: Calendar,
) -> Option<NaiveDate> {
    use chrono::Datelike;
    if found.is_some_and(|(d, src)| src != "trafilatura" || d.day() != 1) {
        return None;
    }
    let (y, m) = url.and_then(url_month)?;
    date_in_month(text(), y, m, cal)
}

/// Whether an element sits in a widget or a list of other articles (recent, related): the dates
/// there are those articles' dates. The page's own `html` and `body` classes are not read (they
/// describe the layout: "one-sidebar").
fn in_side_list(dom: &Dom, id: trafilatura::dom::NodeId) -> bool {
    const SIDE: &[&str] = &["widget", "recent", "related"];
    let mut cur = dom.parent(id);
    while let Some(p) = cur.filter(|&p| !matches!(dom.tag_name(p), "html" | "body")) {
        let names = [dom.get_attribute(p, "class"), dom.get_attribute(p, "id")];
        if names.iter().flatten().any(|n| {
            let n = n.to_ascii_lowercase();
            SIDE.iter().any(|s| n.contains(s))
        }) {
            return true;
        }
        cur = dom.parent(p);
    }
    false
}

/// The first full date of the page's visible text, when the fallback's date is a first of a
/// month: the fallback pads a date given as a month or a year ("March 2016") to its first day,
/// and a full date the page shows is the more exact one.
fn padded_fallback<'a>(
    found: Option<(NaiveDate, &str)>,
    text: impl FnOnce() -> &'a str,
    cal: Calendar,
) -> Option<NaiveDate> {
    use chrono::Datelike;
    let (d, src) = found?;
    if src != "trafilatura" || d.day() != 1 {
        return None;
    }
    text()
        .lines()
        .filter(|l| l.len() <= 1000)
        .flat_map(|l| dates::find_dates_in(l, cal))
        .find(plausible)
}

/// The first full date of `text` (line by line) in month `m` of year `y`.
fn date_in_month(text: &str, y: i32, m: u32, cal: Calendar) -> Option<NaiveDate> {
    use chrono::Datelike;
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && l.len() <= 1000)
        .filter_map(|l| dates::find_date_in(l, cal)?.resolve(None))
        .find(|d| d.year() == y && d.month() == m)
}

fn day_segment(s: &str) -> Option<u32> {
    let n = s
        .strip_suffix(".html")
        .or_else(|| s.strip_suffix(".htm"))
        .unwrap_or(s);
    (n.len() <= 2 && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .then(|| n.parse().ok())
        .flatten()
}

/// The first short element whose class or id names a date or byline and whose text holds a full
/// date ("Published 16 October 2019", "16.10.2019 | 14:05").
fn byline_date(dom: &Dom, cal: Calendar) -> Option<NaiveDate> {
    const SEL: &str = "[class*=date], [class*=Date], [id*=date], [class*=time], [class*=byline], [class*=publish], [class*=meta], [class*=dateline], [class*=author], [class*=info]";
    for id in dom.query_selector_all(dom.root(), SEL) {
        let class = dom
            .get_attribute(id, "class")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if class.contains("update") || class.contains("modif") || class.contains("comment") {
            continue;
        }
        if in_side_list(dom, id) {
            continue;
        }
        let text = dom.text_content(id);
        if text.len() > 200 || text.trim().is_empty() {
            continue;
        }
        if let Some(d) = dates::find_date_in(&text, cal)
            .and_then(|p| p.resolve(None))
            .filter(plausible)
        {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_lose_the_site_name() {
        use super::without_site_name as w;
        let site = Some("The Example Times");
        let host = Some("example-times.co.uk");
        for (title, want) in [
            (
                "Talks resume in the capital – The Example Times",
                "Talks resume in the capital",
            ),
            (
                "Talks resume in the capital | The Example Times",
                "Talks resume in the capital",
            ),
            (
                "The Example Times | Talks resume in the capital",
                "Talks resume in the capital",
            ),
            (
                "Talks resume in the capital - Example-Times.co.uk",
                "Talks resume in the capital",
            ),
            (
                "Talks resume | World | The Example Times",
                "Talks resume | World",
            ),
            ("Talks resume - The Example Times - Home", "Talks resume"),
            ("Ceasefire holds - for now", "Ceasefire holds - for now"),
            ("The Example Times", "The Example Times"),
            ("Talks resume", "Talks resume"),
        ] {
            assert_eq!(w(title, site, host), want, "{title}");
        }
        // without a declared site name: the host's name, or any host name
        assert_eq!(
            w(
                "Storm closes the coast road – Harbourpost",
                None,
                Some("www.harbourpost.com")
            ),
            "Storm closes the coast road"
        );
        assert_eq!(
            w("Storm closes the coast road - harbourpost.net", None, None),
            "Storm closes the coast road"
        );
        assert_eq!(
            w(
                "Storm closes the coast road - Harbourpost Online",
                None,
                Some("harbourpost.org")
            ),
            "Storm closes the coast road"
        );
        assert_eq!(
            w(
                "Storm closes the road - Harbourpost says the repairs will take until the spring",
                None,
                Some("harbourpost.org")
            ),
            "Storm closes the road - Harbourpost says the repairs will take until the spring"
        );
        assert_eq!(
            w(
                "Storm closes the coast road – Reuters",
                None,
                Some("harbourpost.com")
            ),
            "Storm closes the coast road – Reuters"
        );
        // a site name that holds a separator itself
        assert_eq!(
            w(
                "Storm closes the road - Harbour Post - Local News",
                Some("Harbour Post - Local News"),
                None
            ),
            "Storm closes the road"
        );
    }

    #[test]
    fn authors_must_read_as_bylines() {
        for (a, ok) in [
            ("Jane Roe", true),
            ("Ana de la Vega", true),
            ("Reuters Staff", true),
            ("Khalid al-Rami", true),
            ("posted on March 3 by the desk", false),
            ("https://example.org/staff/jane", false),
            ("2020-03-03", false),
            ("news@example.org", false),
            ("the editorial desk of the paper in the capital city", false),
        ] {
            assert_eq!(super::looks_like_byline(a), ok, "{a}");
        }
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Ceasefire holds in the north | The Example Times</title>
<meta property="og:title" content="Ceasefire holds in the north">
<meta property="og:site_name" content="The Example Times">
<meta property="article:published_time" content="2021-03-04T08:00:00+01:00">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="https://news.example.com/world/ceasefire-holds">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ceasefire holds in the north</h1>
<p>The ceasefire between the two armed groups held for a third day on Thursday, residents said, as aid convoys reached villages cut off for weeks.</p>
<p>Negotiators met again in the capital to discuss the exchange of prisoners, according to a statement issued by the mediators late on Wednesday.</p>
<p>"We are cautiously hopeful," one mediator told reporters after the talks, adding that the next round would take place within ten days.</p>
</article>
<footer>Copyright 2021 The Example Times. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"#;

    #[test]
    fn page_content_and_metadata() {
        let a = extract(PAGE, None);
        assert_eq!(a.title.as_deref(), Some("Ceasefire holds in the north"));
        assert_eq!(a.published, d(2021, 3, 4));
        assert_eq!(a.date_source, Some("meta"));
        assert_eq!(a.authors, vec!["Jane Roe"]);
        assert_eq!(a.source.as_deref(), Some("The Example Times"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://news.example.com/world/ceasefire-holds")
        );
        assert_eq!(a.language.as_deref(), Some("en"));
        assert!(
            a.body.contains("aid convoys reached villages"),
            "{}",
            a.body
        );
        assert!(a.body.contains("\n\nNegotiators met again"), "{}", a.body);
        assert!(
            !a.body.contains("Subscribe to our newsletter"),
            "{}",
            a.body
        );
        assert!(!a.body.contains("Home"), "{}", a.body);
    }

    #[test]
    fn readers_comments_are_not_the_article() {
        let para = "The river crossing at Velbury reopened on Tuesday after engineers from the \
                    regional authority finished repairs to the pontoon, officials said.";
        let html = format!(
            r#"<html><head><title>Crossing reopens</title></head><body>
<article><h1>Crossing reopens</h1><p>{para} Traffic was light.</p></article>
<div id="comments" class="comments-area"><h3>Comments</h3><ol class="comment-list">{}</ol></div>
</body></html>"#,
            "<li class=\"comment\"><div class=\"comment-content\"><p>Brell Quorvy wrote: this \
             bridge has been a scandal for years, the repairs took far too long and nobody in \
             the council ever answered our letters about the ferry timetable.</p></div></li>"
                .repeat(12)
        );
        let a = extract(&html, Some("https://news.example.com/2024/05/14/crossing"));
        assert!(a.body.contains("Traffic was light"), "{}", a.body);
        assert!(!a.body.contains("Brell Quorvy"), "{}", a.body);
    }

    #[test]
    fn json_ld_outranks_meta_and_url() {
        let page = r#"<html><head>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
{"@type":"NewsArticle","headline":"Talks resume","datePublished":"2020-11-02T10:00:00Z","dateModified":"2020-11-05","author":[{"@type":"Person","name":"A. Writer"},{"@type":"Person","name":"B. Writer"}],"publisher":{"@type":"Organization","name":"Example Wire"}}]}</script>
<meta name="date" content="2020-11-05">
</head><body><p>Short.</p></body></html>"#;
        let a = extract(page, Some("https://example.org/2020/11/03/talks-resume"));
        assert_eq!(a.published, d(2020, 11, 3));
        assert_eq!(a.date_source, Some("url"));
        let a = extract(page, None);
        assert_eq!(a.published, d(2020, 11, 2));
        assert_eq!(a.date_source, Some("json-ld"));
        assert_eq!(a.title.as_deref(), Some("Talks resume"));
        assert_eq!(a.authors, vec!["A. Writer", "B. Writer"]);
        assert_eq!(a.source.as_deref(), Some("Example Wire"));
    }

    #[test]
    fn a_shown_update_outranks_the_hidden_publication_day() {
        let page = |body: &str, meta: &str| {
            format!(
                r#"<html><head>{meta}<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Ferry route reopens","datePublished":"2021-02-03T08:00:00+01:00","dateModified":"2021-04-09T10:00:00+02:00"}}</script></head><body><article><p>{body}</p><p>The harbour office of Quorvy said the ferry would sail twice a day from the spring, and the old pier would be mended before the summer season.</p></article></body></html>"#
            )
        };
        let cases = [
            // Only the update is shown: readers date the page by it.
            (
                "Updated 9 April 2021, 10:00",
                "",
                d(2021, 4, 9),
                "shown-update",
            ),
            (
                "Aktualisiert am 09.04.2021",
                "",
                d(2021, 4, 9),
                "shown-update",
            ),
            // Both shown, or neither: the publication day.
            (
                "Posted 3 February 2021, updated 9 April 2021",
                "",
                d(2021, 2, 3),
                "json-ld",
            ),
            ("By Orrin Velm", "", d(2021, 2, 3), "json-ld"),
            (
                "First posted in February 2021, updated 9 April 2021",
                "",
                d(2021, 2, 3),
                "json-ld",
            ),
        ];
        for (body, meta, want, src) in cases {
            let a = extract(&page(body, meta), None);
            assert_eq!((a.published, a.date_source), (want, Some(src)), "{body}");
        }
        // The same from meta tags, and never for an update older than the publication.
        let meta = r#"<meta property="article:published_time" content="2019-05-02"><meta property="article:modified_time" content="2019-06-11">"#;
        let a = extract(
            &format!("<html><head>{meta}</head><body><p>Last changed 11 June 2019.</p><p>{}</p></body></html>", "Some words of text. ".repeat(20)),
            None,
        );
        assert_eq!(
            (a.published, a.date_source),
            (d(2019, 6, 11), Some("shown-update"))
        );
        assert_eq!(
            super::shown_update(
                chrono::NaiveDate::from_ymd_opt(2019, 6, 11).unwrap(),
                chrono::NaiveDate::from_ymd_opt(2019, 5, 2).unwrap(),
                || "Changed 2 May 2019",
                super::Calendar::Gregorian,
            ),
            None
        );
    }

    #[test]
    fn a_padded_fallback_date_yields_to_a_full_date_of_the_text() {
        use super::{padded_fallback, Calendar};
        let text = || "Home | News\nThe dam of Velbury, 14 March 2016\nWork began on 2 May 2016.";
        let cases = [
            ((2016, 3, 1), "trafilatura", d(2016, 3, 14)),
            ((2016, 1, 1), "trafilatura", d(2016, 3, 14)),
            // A day other than the first is no padding; other sources are never touched.
            ((2016, 3, 2), "trafilatura", None),
            ((2016, 3, 1), "json-ld", None),
        ];
        for ((y, m, day), src, want) in cases {
            let found = d(y, m, day).map(|x| (x, src));
            assert_eq!(
                padded_fallback(found, text, Calendar::Gregorian),
                want,
                "{src} {m}/{day}"
            );
        }
        assert_eq!(
            padded_fallback(
                d(2016, 3, 1).map(|x| (x, "trafilatura")),
                || "No dates.",
                Calendar::Gregorian
            ),
            None
        );
    }

    #[test]
    fn dates_of_other_articles_in_widgets_are_not_the_page_s() {
        let page = |wrapper: &str| {
            format!(
                r#"<html><body class="one-sidebar"><div class="{wrapper}"><ul><li><a href="/a">Older story</a> <span class="post-date">09/09/2019</span></li></ul></div>
<article><h2>Ferry route reopens</h2><p class="meta">Posted 3 February 2021 by Orrin Velm</p><p>{}</p></article></body></html>"#,
                "The harbour office of Quorvy said the ferry would sail twice a day. ".repeat(5)
            )
        };
        for wrapper in ["widget widget_recent_entries", "related-posts", "recent"] {
            let a = extract(&page(wrapper), None);
            assert_eq!(
                (a.published, a.date_source),
                (d(2021, 2, 3), Some("byline")),
                "{wrapper}"
            );
        }
        let a = extract(&page("masthead"), None);
        assert_eq!(a.published, d(2019, 9, 9));
    }

    #[test]
    fn the_standfirst_above_the_article_is_part_of_its_text() {
        let lead = "The harbour office of Quorvy will run the ferry to Velbury twice a day from the spring, after two winters without a crossing.";
        let page = |description: &str, shown: &str| {
            format!(
                r#"<html><head><meta name="description" content="{description}"></head><body><header><h1>Ferry route reopens</h1><div class="standfirst">{shown}</div></header>
<article><p>{}</p><p>{}</p></article><footer><p>Quorvy Harbour News, the port's own paper since 1921, printed every week.</p></footer></body></html>"#,
                "The old pier will be mended before the summer season, the office said, and tickets will cost the same as before. ".repeat(3),
                "Orrin Velm, who ran the last crossing, said the boats were ready and the crews had been trained over the winter. ".repeat(3)
            )
        };
        let body = extract(&page(lead, lead), None).body;
        assert!(body.starts_with(lead), "{body}");
        assert!(body.contains("Orrin Velm, who ran"), "{body}");
        // A description the page does not show, or too short to be a lead, adds nothing.
        let hidden = extract(&page(lead, ""), None).body;
        assert!(!hidden.contains("twice a day"), "{hidden}");
        let slogan = "Quorvy Harbour News, the port's own paper since 1921";
        let short = extract(&page(slogan, slogan), None).body;
        assert!(!short.contains("since 1921"), "{short}");
    }

    #[test]
    fn utc_stamp_yields_to_local_time_of_same_instant() {
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-04-13T04:10:00+00:00"}</script>
<meta name="sailthru.date" content="2022-04-12 21:10:00"></head><body><p>x</p></body></html>"#;
        assert_eq!(extract(page, None).published, d(2022, 4, 12));
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2018-06-03T23:30:00Z"}</script>
<meta name="date" content="Mon, 4 Jun 2018 01:30:00 +0200"></head><body><p>x</p></body></html>"#;
        assert_eq!(extract(page, None).published, d(2018, 6, 4));
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2018-06-03T23:30:00Z"}</script>
<meta name="date" content="2018-06-05"></head><body><p>x</p></body></html>"#;
        assert_eq!(extract(page, None).published, d(2018, 6, 3));
    }

    #[test]
    fn months_in_addresses() {
        let cases: &[(&str, Option<(i32, u32)>)] = &[
            ("https://example.org/2015/03/a-post/", Some((2015, 3))),
            (
                "https://example.org/news/2011/12/a-post.html",
                Some((2011, 12)),
            ),
            // a week's number, a month with no name after it, a year of no date
            ("https://example.org/2019/43/a-post", None),
            ("https://example.org/archive/2015/03/", None),
            ("https://example.org/1850/03/a-post", None),
        ];
        for (u, want) in cases {
            assert_eq!(super::url_month(&url::Url::parse(u).unwrap()), *want, "{u}");
        }
    }

    #[test]
    fn a_month_in_the_address_picks_the_text_s_date_in_it() {
        use super::{month_of_address, Calendar};
        let text = "Die Brücke wird im Sommer 2014 gebaut, am 2. Juni 2014 begann es.\n\nDieser \
                    Beitrag wurde am Dienstag, 17. März 2015 um 18:02 Uhr veröffentlicht.";
        let url = url::Url::parse("https://blog.example.org/2015/03/die-bruecke/").unwrap();
        let other = url::Url::parse("https://blog.example.org/die-bruecke/").unwrap();
        let (first, tenth) = (d(2015, 3, 1).unwrap(), d(2015, 4, 10).unwrap());
        let cases: &[(Option<(NaiveDate, &str)>, &url::Url, Option<NaiveDate>)] = &[
            // no date, or the fallback's first of a month: the text's date in the address's month
            (None, &url, d(2015, 3, 17)),
            (Some((first, "trafilatura")), &url, d(2015, 3, 17)),
            // a day the fallback read, or any date of the page's own markup, stays
            (Some((tenth, "trafilatura")), &url, None),
            (Some((first, "json-ld")), &url, None),
            // no month in the address
            (None, &other, None),
        ];
        for (found, u, want) in cases {
            let got = month_of_address(*found, Some(u), || text, Calendar::Gregorian);
            assert_eq!(got, *want, "{found:?} {u}");
        }
    }

    #[test]
    fn fallbacks_time_url_byline() {
        let cases: &[(&str, Option<&str>, Option<NaiveDate>, &str)] = &[
            (
                r#"<body><time class="published" datetime="2019-05-06T10:00">6 May</time><p>x</p></body>"#,
                None,
                d(2019, 5, 6),
                "time",
            ),
            (
                r#"<body><aside><time datetime="2019-09-22">22 Sep</time></aside><p class="publication">On <time datetime="2019-05-06T10:00">6 May</time></p></body>"#,
                None,
                d(2019, 5, 6),
                "time",
            ),
            (
                r#"<body><p>x</p></body>"#,
                Some("https://example.org/news/2018/07/09/story.html"),
                d(2018, 7, 9),
                "url",
            ),
            (
                r#"<body><p>x</p></body>"#,
                Some("https://example.org/news/story-20170102.html"),
                d(2017, 1, 2),
                "url",
            ),
            (
                r#"<body><div class="article-date">Published 16 October 2019, 14:05</div><p>x</p></body>"#,
                None,
                d(2019, 10, 16),
                "byline",
            ),
            (
                r#"<body><span class="byline">Von Max Muster, 16. Oktober 2019</span><p>x</p></body>"#,
                None,
                d(2019, 10, 16),
                "byline",
            ),
        ];
        for (page, url, want, src) in cases {
            let a = extract(page, *url);
            assert_eq!(
                (a.published, a.date_source.unwrap_or("")),
                (*want, *src),
                "{page}"
            );
        }
    }

    #[test]
    fn content_html_to_paragraphs() {
        let h = "<div><h2>Head</h2><p>One &amp; <b>two</b>\n  three.</p><ul><li>a</li><li>b &#x27;c&#39;</li></ul><p>x<br>y</p></div>";
        assert_eq!(
            html_paragraphs(h),
            "Head\n\nOne & two three.\n\na\n\nb 'c'\n\nx\n\ny"
        );
        assert_eq!(html_paragraphs(""), "");
        let lead = "A lead paragraph that the page shows twice, as teaser and in the article.";
        assert_eq!(
            html_paragraphs(&format!(
                "<p>{lead}</p><h1>T</h1><p>{lead}</p><p>Next.</p><p>Next.</p>"
            )),
            format!("{lead}\n\nT\n\nNext.\n\nNext.")
        );
        assert_eq!(html_paragraphs("<p>broken <b"), "broken");
    }

    #[test]
    fn visible_byline_outranks_generic_date_meta_but_not_specific() {
        let body = r#"<body><div class="post-date">Posted 3 May 2021</div><p>x</p></body>"#;
        let generic =
            format!(r#"<html><head><meta name="date" content="2021-06-01"></head>{body}</html>"#);
        assert_eq!(extract(&generic, None).published, d(2021, 5, 3));
        let specific = format!(
            r#"<html><head><meta property="article:published_time" content="2021-05-02"></head>{body}</html>"#
        );
        assert_eq!(extract(&specific, None).published, d(2021, 5, 2));
        let only_generic = r#"<html><head><meta name="DC.date" content="2021-06-01"></head><body><p>x</p></body></html>"#;
        assert_eq!(
            extract(only_generic, None).date_source,
            Some("meta-generic")
        );
    }

    #[test]
    fn web_archive_copies_are_read_as_the_original_address() {
        let cases = [
            (
                "https://web.archive.org/web/20200102030405/https://example.org/2018/05/06/story",
                "https://example.org/2018/05/06/story",
            ),
            (
                "https://web.archive.org/web/20200102030405id_/http://example.org/a?id=3",
                "http://example.org/a?id=3",
            ),
            (
                "https://web.archive.org/web/20200102030405/http:/example.org/a",
                "http://example.org/a",
            ),
            (
                "https://web.archive.org/about/",
                "https://web.archive.org/about/",
            ),
            (
                "https://example.org/web/20200102030405/x",
                "https://example.org/web/20200102030405/x",
            ),
        ];
        for (given, want) in cases {
            assert_eq!(
                archived_address(url::Url::parse(given).unwrap()).as_str(),
                want,
                "{given}"
            );
        }
        let page = "<html><body><p>x</p></body></html>";
        let a = extract(
            page,
            Some("https://web.archive.org/web/20200102030405/https://example.org/2018/05/06/story"),
        );
        assert_eq!(a.published, d(2018, 5, 6));
        assert_eq!(a.source.as_deref(), Some("example.org"));
    }

    #[test]
    fn url_dates() {
        let cases = [
            ("https://example.org/2019/10/22/slug/", d(2019, 10, 22)),
            ("https://example.org/2019/7/12/slug", d(2019, 7, 12)),
            ("https://example.org/a/2019-10-22-slug", d(2019, 10, 22)),
            ("https://example.org/2017/10/3-questions", None),
            ("https://example.org/2017/10/", None),
            ("https://example.org/id/123456789", None),
            ("https://example.org/2019/13/40/x", None),
        ];
        for (u, want) in cases {
            assert_eq!(url_date(&url::Url::parse(u).unwrap()), want, "{u}");
        }
    }

    #[test]
    fn deeply_nested_page_keeps_its_text() {
        let depth = 3000;
        let page = format!(
            "<html><head><title>Deep</title><style>p {{ color: red }}</style></head><body>{}<p>Invented text deep inside the page, where the envoys met.</p><script>var hidden = 1;</script><!-- a comment -->{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let a = extract(&page, None);
        assert!(a.body.contains("where the envoys met"), "{:?}", a.body);
        assert!(
            !a.body.contains("hidden") && !a.body.contains("comment") && !a.body.contains("color"),
            "{:?}",
            a.body
        );
    }

    /// Nesting of 20,000 to 1M levels went quadratic in the HTML parser, and 1M sibling
    /// elements took 1.9 GB: such pages are read as flat text, in time and memory that grow
    /// linearly (the growth itself is measured in `docs/reliability.md`).
    #[test]
    fn pathological_pages_are_read_flat_and_fast() {
        let para = "<p>Ferry crews said the new timetable starts on Monday.</p>";
        let deep = |n: usize| {
            format!("<html><head><title>Harbour &amp; ferries</title></head><body>{}{para}{}</body></html>", "<div>".repeat(n), "</div>".repeat(n))
        };
        let wide = |n: usize| {
            format!(
                "<html><body>{para}{}</body></html>",
                "<div>x</div>".repeat(n)
            )
        };
        // `html` and `body` are two levels
        assert!(!too_complex(&deep(MAX_DEPTH - 2)));
        assert!(too_complex(&deep(MAX_DEPTH - 1)));
        assert!(!too_complex(&wide(MAX_ELEMENTS - 10)));
        assert!(too_complex(&wide(MAX_ELEMENTS + 1)));
        // Unclosed paragraphs and list items, void and self-closed elements, and tags inside
        // scripts and comments are no nesting.
        let flat = format!(
            "<html><body>{}<script>{}</script><!-- {} --></body></html>",
            "<p>one<li>two<br><img src=x><span/>".repeat(2000),
            "<div>".repeat(2000),
            "<div>".repeat(2000)
        );
        assert!(!too_complex(&flat));
        let t0 = std::time::Instant::now();
        let page = extract(&deep(200_000), None);
        assert_eq!(
            page.body,
            "Ferry crews said the new timetable starts on Monday."
        );
        assert_eq!(page.title.as_deref(), Some("Harbour & ferries"));
        let page = extract(&wide(300_000), None);
        assert!(
            page.body
                .starts_with("Ferry crews said the new timetable starts on Monday.\n\nx\n\nx"),
            "{}",
            &page.body[..80]
        );
        // Before: minutes for the deep page alone.
        assert!(t0.elapsed().as_secs() < 20, "{:?}", t0.elapsed());
    }

    #[test]
    fn flat_text_of_odd_markup() {
        assert_eq!(
            flat_text("<p>One</p><script>x</script><p>Two &amp; three</p>"),
            "One\n\nTwo & three"
        );
        assert_eq!(flat_text("<!-- never closed <p>x</p>"), "");
        assert_eq!(flat_text("<p>é<script"), "é");
        assert_eq!(flat_text("<SCRIPT>x</SCRIPT>ü<p"), "ü");
        assert_eq!(flat_text("<scripted>shown</scripted>"), "shown");
    }

    #[test]
    fn extractor_panic_on_unicode_digits_keeps_the_page() {
        // Eight fullwidth digits in a date meta value made the extractor slice inside a character.
        // (A generated page: the stray quote ends the meta value after the digits.)
        let s = "２０２０2020\"text\"RuritaniaOcak:“mai*saystold\\ud800май: \r\n」89май";
        let page = format!("<html><head><meta name=\"date\" content=\"{s}\"><title>{s}</title></head><body><div class=\"date\">{s}</div><article><p>Invented words that stay readable.</p><p>{s}</p></article></body></html>");
        let a = extract(&page, None);
        assert!(a.body.contains("Invented words"), "{:?}", a.body);
    }

    #[test]
    fn malformed_html_never_panics() {
        for page in [
            "",
            "<",
            "<html><body><p>unclosed <b>bold <i>x",
            "<script type=\"application/ld+json\">{not json</script>",
            "\u{0}\u{1}<<>>",
        ] {
            let _ = extract(page, Some("not a url"));
        }
    }
}
