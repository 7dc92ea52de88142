//! Direct quotations and their speakers.
//!
//! One pass per paragraph (a line of a body block): `marks` pairs straight and typographic
//! quotation marks by position (nested quotations stay inside, a mark left open at the end of a
//! paragraph runs to its end, as in multi-paragraph quotations), and `tokens` splits the words
//! around the quotations, each quotation becoming one token. Attribution then looks, in order,
//! for:
//! - a reporting verb after the quotation: “…,” he said / said Smith / Smith, a spokesman, said /
//!   according to Smith / “…” ― Smith; a verb outside the list after a non-final quotation
//!   (“…,” Quorve snapped);
//! - a reporting verb before it in its sentence: He said: “…” / He said that … “…” (partial
//!   quotations) / According to X, “…” / Said X, “…”, with appositions, participles (…, saying),
//!   passives (written by X), coordinated verbs and the outer subject of an embedded pronoun
//!   (Dask said she remembered “…”); verbs inside asides and relative clauses are skipped;
//! - a colon introduction, also at the end of the previous paragraph; a speaker line after it;
//! - the subject of the sentence, or of the previous sentence when the quotation opens one;
//! - else the previous speaker's turn goes on (same or next paragraph).
//!
//! Quotations used as terms or titles (the “soul” of the pact, on “Morning Harbour”, Tomas
//! “Tiny” Brell) and short ones nobody is said to have spoken are kept as terms (`QuoteKind::Term`).
//!
//! The speaker mention is the phrase next to the verb (a name, a pronoun or a description). Names
//! resolve to the article's entities (by mention, else by surname), pronouns to the nearest
//! compatible person (gender from titles and census first names) or organisation ("it", "they"),
//! preferring the previous speaker unless someone else was named since. A name no entity covers
//! is used as it stands in the text, so quotes keep a speaker when the entity stage misses one.

mod lexicon;
mod marks;
mod tokens;

use crate::model::{Block, BlockKind, Entity, Quote, QuoteKind, Span};
use lexicon::{Gender, Pronoun};
use marks::Marked;
use tokens::{Kind, Tok};

/// A paragraph (a line of a body block) and its quotations `marked[q0..q1]`.
#[derive(Debug, Clone, Copy)]
struct Para {
    start: usize,
    end: usize,
    q0: usize,
    q1: usize,
}

/// What an attribution rests on.
#[derive(Debug, Clone, PartialEq)]
struct Attr {
    mention: Span,
    speaker: Option<String>,
    cue: Option<String>,
    gender: Gender,
    org: bool,
    /// Words of the speaker phrase that describe the speaker ("party leader").
    descriptor: Option<String>,
}

impl Attr {
    /// An attribution with no descriptor: a mention, whom it names (speaker, gender, whether an
    /// organisation) and the cue.
    fn new(
        mention: Span,
        (speaker, gender, org): (Option<String>, Gender, bool),
        cue: Option<String>,
    ) -> Self {
        Attr {
            mention,
            speaker,
            cue,
            gender,
            org,
            descriptor: None,
        }
    }
}

/// Finds quotations inside the body blocks and attributes them to speakers.
pub fn extract(text: &str, blocks: &[Block], people: &[Entity], orgs: &[Entity]) -> Vec<Quote> {
    let mut marked: Vec<Marked> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    for b in blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Body && b.end <= text.len() && b.start <= b.end)
    {
        if !text.is_char_boundary(b.start) || !text.is_char_boundary(b.end) {
            continue;
        }
        let mut pos = b.start;
        for line in text[b.start..b.end].split('\n') {
            let (ls, le) = (pos, pos + line.len());
            pos = le + 1;
            let lead = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            let (s, e) = (ls + lead, ls + lead + trimmed.len());
            let q0 = marked.len();
            marks::find(text, s, e, &mut marked);
            paras.push(Para {
                start: s,
                end: e,
                q0,
                q1: marked.len(),
            });
        }
    }
    if marked.is_empty() {
        return Vec::new();
    }
    let mut ctx = Ctx {
        text,
        ents: Entities::new(text, people, orgs),
        marked: &marked,
        local: Vec::new(),
        last: None,
        last_end: 0,
    };
    let mut out = Vec::new();
    let mut toks: Vec<Tok> = Vec::new();
    let mut prev_toks: Vec<Tok> = Vec::new();
    for (pi, p) in paras.iter().enumerate() {
        if p.q0 == p.q1 {
            continue;
        }
        tokenize_para(text, *p, &marked, &mut toks);
        for ti in 0..toks.len() {
            let Some(qi) = toks[ti].quote() else { continue };
            let m = marked[qi];
            let words = m_words(text, &m);
            if ctx.is_term(&toks, ti, words) {
                out.push(Quote {
                    kind: QuoteKind::Term,
                    ..Quote::new(m.start, m.end, &text[m.start..m.end])
                });
                continue;
            }
            let mut attr = ctx.attribute(&toks, ti, pi);
            if attr.is_none() && ti == 0 && pi > 0 {
                // a colon at the end of the previous paragraph introduces this one
                let pp = paras[pi - 1];
                if text[pp.start..pp.end].ends_with(':') {
                    tokenize_para(text, pp, &marked, &mut prev_toks);
                    let n = prev_toks.len();
                    attr = ctx.before(&prev_toks, n.saturating_sub(1), true);
                }
            }
            let starts_sentence = ti == 0 || boundary_at(text, &toks, &marked, ti - 1);
            if attr.is_none() && ti + 1 == toks.len() && pi + 1 < paras.len() {
                // the speaker on the next line: “…” ¶ — Ilse Vantor, Northmarch
                let np_ = paras[pi + 1];
                let line = &text[np_.start..np_.end];
                let dash = ['-', '—', '―', '–'];
                if line.starts_with(dash)
                    && !line.ends_with(dash)
                    && line.split_whitespace().count() <= 8
                    && np_.q0 == np_.q1
                {
                    tokens::tokenize(text, np_.start, np_.end, &[], np_.q0, &mut prev_toks);
                    let first = prev_toks.iter().position(|t| t.is_word());
                    if let Some(np) = first.and_then(|f| ctx.np_after(&prev_toks, f)) {
                        let span = Span::new(prev_toks[np.0].start, prev_toks[np.1 - 1].end);
                        let names = (np.0..np.1)
                            .filter(|&k| ctx.is_name_word(&prev_toks[k]))
                            .count();
                        if ctx.is_name_word(&prev_toks[np.0])
                            && (names >= 2 || ctx.ents.overlapping(span).next().is_some())
                        {
                            attr = Some(ctx.resolve(&prev_toks, np, "―"));
                        }
                    }
                }
            }
            if attr.is_none() && ti > 0 && starts_sentence {
                // a quotation after a sentence about its speaker in the same paragraph
                let prev_sent = (0..ti - 1)
                    .rev()
                    .find(|&k| boundary_at(text, &toks, &marked, k))
                    .map_or(0, |k| k + 1);
                if (prev_sent..ti).all(|k| {
                    toks[k]
                        .quote()
                        .is_none_or(|q| ctx.is_term(&toks, k, m_words(text, &marked[q])))
                }) {
                    attr = ctx.last_sentence_subject(&toks[..ti]);
                    // "She did not name the buyer." after the speaker's own quotation: the turn goes on
                    if let (Some(a), Some((_, la))) = (&attr, &ctx.last) {
                        let pronoun =
                            lexicon::pronoun(&text[a.mention.start..a.mention.end]).is_some();
                        if pronoun && a.speaker.is_some() && a.speaker == la.speaker {
                            attr = Some(Attr {
                                cue: None,
                                ..la.clone()
                            });
                        }
                    }
                }
            }
            let continues = ctx
                .last
                .as_ref()
                .is_some_and(|(lp, _)| *lp == pi || (*lp + 1 == pi && starts_sentence));
            if attr.is_none() && ti == 0 && pi > 0 && !continues {
                // a paragraph opening with a quotation after one about its speaker
                // ("Velm answered only in slogans at the rally. ¶ “We will …”")
                let pp = paras[pi - 1];
                if pp.q0 == pp.q1 {
                    tokens::tokenize(text, pp.start, pp.end, &[], pp.q0, &mut prev_toks);
                    attr = ctx.last_sentence_subject(&prev_toks);
                }
            }
            if attr.is_none() && ti == 0 && pi > 0 && continues {
                // the turn goes on, and the previous paragraph's last sentence names its speaker
                // again ("Velm kept to slogans. ¶ “…”"): that nearer mention stands for it
                let pp = paras[pi - 1];
                tokenize_para(text, pp, &marked, &mut prev_toks);
                // (also when that sentence quotes the speaker: "Though she called it “…”,
                // Velm kept to …")
                if let (Some(s), Some((_, la))) = (ctx.last_sentence_subject(&prev_toks), &ctx.last)
                {
                    if s.speaker.is_some() && s.speaker == la.speaker {
                        attr = Some(s);
                    }
                }
            }
            if attr.is_none() {
                // no cue of its own: the previous speaker's turn goes on
                if let Some((lp, la)) = &ctx.last {
                    let near = *lp == pi || (*lp + 1 == pi && starts_sentence);
                    if near && (starts_sentence || words > 3) {
                        attr = Some(Attr {
                            cue: None,
                            ..la.clone()
                        });
                    }
                }
            }
            // (a subject found without a cue right before a short quotation does not make it a
            // statement: the Velmar Party "super funds" supported by ...)
            let cueless_subject = attr.as_ref().is_some_and(|a| {
                a.cue.is_none()
                    && a.mention.end <= m.start
                    && text[a.mention.end..m.start]
                        .trim()
                        .chars()
                        .all(|c| matches!(c, '"' | '“' | '\'' | '‘'))
            });
            if (attr.is_none() || cueless_subject) && words <= 3 {
                // a scare quote, title or term without a speaker
                out.push(Quote {
                    kind: QuoteKind::Term,
                    ..Quote::new(m.start, m.end, &text[m.start..m.end])
                });
                continue;
            }
            if let Some(a) = &attr {
                ctx.last = Some((pi, a.clone()));
                ctx.last_end = m.close;
            }
            let mut q = Quote::new(m.start, m.end, &text[m.start..m.end]);
            if let Some(a) = attr {
                q.speaker_mention = Some(a.mention);
                q.cue_lemma = a.cue.as_deref().and_then(cue_lemma);
                q.cue = a.cue;
                if let Some(name) = &a.speaker {
                    let (name, descriptor) = clean_speaker(name, a.org);
                    q.speaker = Some(name);
                    q.descriptor = descriptor;
                }
                if q.descriptor.is_none() {
                    q.descriptor = a.descriptor;
                }
            }
            out.push(q);
        }
    }
    out
}

/// The tokens of paragraph `p`, with its quotations.
fn tokenize_para(text: &str, p: Para, marked: &[Marked], out: &mut Vec<Tok>) {
    tokens::tokenize(text, p.start, p.end, &marked[p.q0..p.q1], p.q0, out);
}

/// Whether `word` is a form of a reporting verb of the cue list ("said", "writes", "told").
pub fn is_reporting_verb(word: &str) -> bool {
    lexicon::is_cue(word)
}

/// The lemma of a cue as written: a reporting verb's lemma, "according to" as it stands, and
/// none for a colon or dash.
pub fn cue_lemma(cue: &str) -> Option<String> {
    let cue = cue.trim();
    if cue.eq_ignore_ascii_case("according to") {
        return Some("according to".to_string());
    }
    if let Some(l) = lexicon::cue_lemma(cue) {
        return Some(l.to_string());
    }
    // a verb outside the list (“…,” Ada barked): strip the regular endings
    let w = cue.to_lowercase();
    if w.is_empty() || !w.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let stem = if let Some(s) = w.strip_suffix("ied") {
        format!("{s}y")
    } else if let Some(s) = w.strip_suffix("ed").filter(|s| s.len() > 2) {
        let b = s.as_bytes();
        let doubled = b.len() > 3
            && b[b.len() - 1] == b[b.len() - 2]
            && !matches!(b[b.len() - 1], b'l' | b's' | b'f' | b'z');
        if doubled {
            s[..s.len() - 1].to_string()
        } else if s.ends_with(|c: char| matches!(c, 'v' | 'c' | 'z' | 'g' | 'u'))
            || s.ends_with("at")
            || s.ends_with("ur")
        {
            format!("{s}e")
        } else {
            s.to_string()
        }
    } else if let Some(s) = w
        .strip_suffix("es")
        .filter(|s| s.ends_with("sh") || s.ends_with("ch") || s.ends_with('x'))
    {
        s.to_string()
    } else if let Some(s) = w
        .strip_suffix('s')
        .filter(|s| s.len() > 2 && !s.ends_with('s'))
    {
        s.to_string()
    } else {
        w
    };
    Some(stem)
}

/// A speaker's name without a reporting verb or a description stuck to it: "ADA QUORVE
/// INSISTED" → "ADA QUORVE"; "veteran lawmaker Ada Quorve" → "Ada Quorve" with the descriptor
/// "veteran lawmaker"; "Energy Secretary Ada Quorve" → "Ada Quorve" with "Energy Secretary".
/// Organisations keep their lower-case words ("Ministry of Defence").
fn clean_speaker(name: &str, org: bool) -> (String, Option<String>) {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    // trailing cue verbs (a speaker run read out of capitals: "QUORVE SAID"), not a
    // capitalised word of the name ("Velbury Post"), except a verb's "-s" form after a
    // person's name ("Ana Tolosa States", read out of "ANA TOLOSA STATES THAT")
    while words.len() > 1
        && words.last().is_some_and(|w| {
            let w = w.trim_end_matches([',', '.', ':']);
            let titled =
                w.starts_with(|c: char| c.is_uppercase()) && w.chars().any(|c| c.is_lowercase());
            // (after a given name: "United States" stays)
            let s_form = || {
                w.ends_with('s')
                    && lexicon::cue_lemma(w).is_some_and(|l| !l.eq_ignore_ascii_case(w))
                    && lexicon::first_name_gender(words[0]) != Gender::Unknown
            };
            lexicon::is_cue(w) && (!titled || !org && s_form())
        })
    {
        words.pop();
    }
    let mut descriptor = None;
    if !org && words.len() > 1 {
        // the run of capitalised words (and name particles) at the end is the name
        let particle = |w: &str| {
            matches!(
                w,
                "de" | "da"
                    | "del"
                    | "della"
                    | "di"
                    | "van"
                    | "von"
                    | "der"
                    | "den"
                    | "al"
                    | "el"
                    | "bin"
                    | "ibn"
                    | "la"
                    | "le"
                    | "du"
                    | "dos"
                    | "das"
            )
        };
        let cap = |w: &str| w.starts_with(|c: char| c.is_uppercase()) || w.starts_with(['\'', '’']);
        let mut start = words.len();
        while start > 0
            && (cap(words[start - 1]) || (particle(words[start - 1]) && start < words.len()))
        {
            start -= 1;
        }
        while start < words.len() && particle(words[start]) {
            start += 1;
        }
        let lower_before = words[..start]
            .iter()
            .any(|w| w.starts_with(|c: char| c.is_lowercase()));
        if start > 0 && start < words.len() && lower_before {
            descriptor = Some(words[..start].join(" "));
            words.drain(..start);
        }
        // a title inside the capitalised run ends the description ("Energy Secretary Ada
        // Quorve", "Board Vice Chairman Ada Quorve"), as in the entities' names
        let gaz = crate::gazetteer::Gazetteer::builtin();
        if let Some((_, name)) = crate::ner::inner_title(&words, |i| {
            gaz.word_classes(crate::gazetteer::token_hash(words[i]))
        }) {
            let title = words.drain(..name).collect::<Vec<_>>().join(" ");
            descriptor = Some(match descriptor {
                Some(d) => format!("{d} {title}"),
                None => title,
            });
        }
    }
    (words.join(" "), descriptor)
}

/// Number of words in a quotation, counted up to 10.
fn m_words(text: &str, m: &Marked) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for &b in &text.as_bytes()[m.start..m.end] {
        let space = b == b' ' || b == b'\n' || b == b'\t' || b == b'\r';
        if !space && !in_word {
            n += 1;
            if n == 10 {
                break;
            }
        }
        in_word = !space;
    }
    n
}

/// Whether token `k` ends a sentence: a full stop, or a quotation whose words end one and
/// after which a new sentence starts.
fn boundary_at(text: &str, toks: &[Tok], marked: &[Marked], k: usize) -> bool {
    let next_starts_sentence = || {
        toks.get(k + 1).is_none_or(|n| match n.kind {
            Kind::Word => n
                .text(text)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase()),
            Kind::Quote(_) => true,
            Kind::Punct(_) => false,
        })
    };
    match toks[k].kind {
        // an abbreviation's stop inside a parenthesis ("Velm (D-Nor.) said"): the sentence
        // goes on, or ends at the parenthesis
        Kind::Punct('.') if toks.get(k + 1).is_some_and(|n| n.is_punct(')')) => false,
        Kind::Punct(')') if k > 0 && toks[k - 1].is_punct('.') => next_starts_sentence(),
        Kind::Punct('.' | '?' | '!' | ';') => true,
        Kind::Quote(qi) => {
            let m = marked[qi];
            let ends = text[m.start..m.end]
                .trim_end_matches(['"', '\'', '’', '”', ')'])
                .ends_with(['.', '?', '!', '…']);
            ends && toks.get(k + 1).is_none_or(|n| match n.kind {
                Kind::Quote(_) => true,
                Kind::Word => n
                    .text(text)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase()),
                Kind::Punct(c) => c == '(' || c == '[',
            })
        }
        _ => false,
    }
}

/// Entities with their mentions ordered by position.
struct Entities<'a> {
    names: Vec<(&'a str, Gender, bool)>,
    mentions: Vec<(Span, usize)>,
}

impl<'a> Entities<'a> {
    fn new(text: &str, people: &'a [Entity], orgs: &'a [Entity]) -> Self {
        let mut names = Vec::with_capacity(people.len() + orgs.len());
        let mut mentions = Vec::new();
        for (org, list) in [(false, people), (true, orgs)] {
            for e in list {
                let idx = names.len();
                let gender = if org {
                    Gender::Unknown
                } else {
                    name_gender(text, e)
                };
                names.push((e.name.as_str(), gender, org));
                for m in &e.mentions {
                    if m.end <= text.len() && m.start < m.end {
                        mentions.push((*m, idx));
                    }
                }
            }
        }
        mentions.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        Entities { names, mentions }
    }

    /// Entity mentions overlapping `span`, in text order.
    fn overlapping(&self, span: Span) -> impl Iterator<Item = &(Span, usize)> {
        let from = self
            .mentions
            .partition_point(|(s, _)| s.end <= span.start.saturating_sub(200));
        self.mentions[from..]
            .iter()
            .take_while(move |(s, _)| s.start < span.end)
            .filter(move |(s, _)| s.overlaps(&span))
    }

    /// The one entity the text introduces with the role noun `noun` ("spokesman Ivo Renn",
    /// "Ivo Renn, a spokesman for ...", "Velmora Corp, the company"); `None` when none or
    /// several are. A company is also the one organisation named with a legal suffix. With a
    /// `modifier` ("the Velmoran president"), the introduction must hold it too ("Velmoran
    /// President Ivo Renn", "Ivo Renn, the Velmoran president,"): "the Velmoran senator" is
    /// not who was introduced as "the senator from Quorvy".
    fn introduced_as(&self, text: &str, noun: &str, modifier: Option<&str>) -> Option<usize> {
        let is_modifier = |w: &str| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            modifier.is_some_and(|m| w.eq_ignore_ascii_case(m))
        };
        let is_noun = |w: &str| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let w = w
                .strip_suffix("’s")
                .or_else(|| w.strip_suffix("'s"))
                .unwrap_or(w);
            w.eq_ignore_ascii_case(noun)
        };
        let mut found: Option<usize> = None;
        for &(m, idx) in &self.mentions {
            // the words right before the name, within its clause
            let before = text.get(m.start.saturating_sub(40)..m.start).unwrap_or("");
            let before = before
                .rsplit(['.', ',', ';', '\n', '“', '"'])
                .next()
                .unwrap_or("");
            let mut words_before = before.split_whitespace().rev();
            let pre = words_before.next().is_some_and(is_noun)
                && (modifier.is_none() || words_before.next().is_some_and(is_modifier));
            // an apposition after it: ", a spokesman for ...,"
            let after = text.get(m.end..(m.end + 80).min(text.len())).unwrap_or("");
            // (closed by a comma: ", a spokesman said" opens a new clause)
            let appos = after.strip_prefix(", ").is_some_and(|a| {
                let end = a.find([',', '.', ';', '\n']).unwrap_or(a.len());
                let clause = &a[..end];
                let closed = a[end..].starts_with(',')
                    && !clause.split_whitespace().any(|w| lexicon::is_cue(w));
                let mut words = clause.split_whitespace();
                closed
                    && words.next().is_some_and(|d| {
                        matches!(d, "a" | "an" | "the" | "its" | "his" | "her" | "their")
                    })
                    && words.take(4).any(is_noun)
                    && (modifier.is_none() || clause.split_whitespace().any(is_modifier))
            });
            let company = modifier.is_none()
                && noun == "company"
                && self.names[idx].2
                && self.names[idx]
                    .0
                    .rsplit(' ')
                    .next()
                    .is_some_and(crate::ner::is_company_suffix);
            if pre || appos || company {
                if found.is_some_and(|f| self.names[f].0 != self.names[idx].0) {
                    return None;
                }
                found = Some(idx);
            }
        }
        found
    }

    /// The entity whose canonical name ends with `last` (a surname), people first.
    fn by_surname(&self, last: &str) -> Option<usize> {
        let hit = |org: bool| {
            self.names.iter().position(|(n, _, o)| {
                *o == org
                    && (n.rsplit(' ').next() == Some(last)
                        || n.split(' ').next() == Some(last) && !org)
            })
        };
        hit(false).or_else(|| hit(true))
    }
}

/// Gender of a person entity from its first name or a title before a mention.
fn name_gender(text: &str, e: &Entity) -> Gender {
    // a one-word name is a surname in news ("Ferrand said"), whatever first name it shares
    // its spelling with
    let words: Vec<&str> = e.name.split_whitespace().collect();
    let given = if words.len() > 1 { &words[..] } else { &[][..] };
    for &w in given {
        if let Some(g) = lexicon::title_gender(w) {
            if g != Gender::Unknown {
                return g;
            }
            continue;
        }
        let g = lexicon::first_name_gender(w);
        if g != Gender::Unknown {
            return g;
        }
        break;
    }
    for m in &e.mentions {
        let before = text[..m.start.min(text.len())].trim_end();
        if let Some(w) = before.rsplit(|c: char| c.is_whitespace()).next() {
            if let Some(g) = lexicon::title_gender(w).filter(|g| *g != Gender::Unknown) {
                return g;
            }
        }
    }
    Gender::Unknown
}

/// A capitalised word that can be part of a name: not a determiner, pronoun, clause opener or
/// calendar word.
fn name_like(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
        && !lexicon::is_determiner(w)
        && lexicon::pronoun(w).is_none()
        && !lexicon::is_clause_opener(w)
        && !lexicon::is_calendar_word(w)
}

/// A capitalised word that says nothing of being a name at a sentence's start: running text
/// writes it in lower case (the casing lexicon), and no name list knows it as a name, a place
/// or an organisation.
fn is_ordinary_opener(w: &str) -> bool {
    use crate::gazetteer::{class, token_hash, Gazetteer};
    const NAMED: u16 = class::COUNTRY
        | class::CITY
        | class::REGION
        | class::PERSON
        | class::ORG
        | class::ARMED
        | class::IGO
        | class::FIRST
        | class::LAST;
    w.chars().skip(1).any(char::is_lowercase)
        && crate::truecase::Truecaser::builtin().is_lower_word(w)
        && Gazetteer::builtin().word_classes(token_hash(w)) & NAMED == 0
}

/// The token after a short parenthesis that opens at `i` ("(D-Nor.)", "(Nor.)"), or `i` when
/// none opens there; the parenthesis must close before `end`.
fn past_parenthesis(toks: &[Tok], i: usize, end: usize) -> usize {
    if !toks.get(i).is_some_and(|t| t.is_punct('(')) {
        return i;
    }
    (i + 1..end.min(i + 8))
        .find(|&j| toks[j].is_punct(')'))
        .map_or(i, |j| j + 1)
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "to"
            | "for"
            | "on"
            | "with"
            | "by"
            | "at"
            | "from"
            | "in"
            | "against"
            | "about"
            | "into"
            | "than"
            | "like"
            | "over"
            | "under"
            | "between"
            | "among"
            | "toward"
            | "towards"
            | "behind"
    )
}

/// How far back (bytes) a pronoun looks for a subject before taking the nearest name.
const SUBJECT_REACH: usize = 1500;

/// Attribution state for one article.
struct Ctx<'a> {
    text: &'a str,
    ents: Entities<'a>,
    marked: &'a [Marked],
    /// Speaker names found in the text that no entity covers: (position, name, gender).
    local: Vec<(usize, String, Gender)>,
    /// The last attributed quotation: paragraph index and attribution.
    last: Option<(usize, Attr)>,
    /// End of the last attributed quotation.
    last_end: usize,
}

impl<'a> Ctx<'a> {
    fn word(&self, t: &Tok) -> &'a str {
        t.text(self.text)
    }

    fn is_boundary(&self, toks: &[Tok], k: usize) -> bool {
        boundary_at(self.text, toks, self.marked, k)
    }

    /// A short quotation used as a term inside a noun phrase ("the “soul” of the pact",
    /// "the “river tax” remark") rather than as a statement.
    fn is_term(&self, toks: &[Tok], ti: usize, words: usize) -> bool {
        if ti > 0 && words <= 6 && self.is_title(toks, ti) {
            return true;
        }
        // what the writer calls "so-called" is a name held at arm's length, never a statement
        if ti > 0
            && words <= 4
            && toks[ti - 1].is_word()
            && self.word(&toks[ti - 1]).eq_ignore_ascii_case("so-called")
        {
            return true;
        }
        if words > 2 || ti == 0 {
            return false;
        }
        let q = self.marked[toks[ti].quote().unwrap_or(0)];
        if self.text[q.start..q.end].ends_with(['.', ',', '!', '?']) {
            return false;
        }
        let prev = &toks[ti - 1];
        let before = self.word(prev);
        let next = toks
            .get(ti + 1)
            .filter(|n| n.is_word())
            .map(|n| self.word(n));
        // a nickname inside a name: Sen. Arlo J. “Ace” Venn
        if self.is_name_word(prev) && toks.get(ti + 1).is_some_and(|n| self.is_name_word(n)) {
            return true;
        }
        let det = prev.is_word()
            && (matches!(
                before,
                "the" | "The" | "a" | "an" | "this" | "that" | "its" | "their" | "his" | "her"
            ) || before.ends_with("’s")
                || before.ends_with("'s")
                || before == "s"
                    && ti >= 2
                    && (toks[ti - 2].is_punct('’') || toks[ti - 2].is_punct('\'')));
        if !det {
            return false;
        }
        // a name given to something: critics called the levy a “pond tax”
        let naming = toks[ti.saturating_sub(5)..ti - 1].iter().any(|t| {
            t.is_word()
                && matches!(
                    self.word(t),
                    "called"
                        | "dubbed"
                        | "termed"
                        | "labelled"
                        | "labeled"
                        | "branded"
                        | "nicknamed"
                )
        });
        if naming {
            return true;
        }
        match next {
            Some(w) => {
                w == "of"
                    || (w.starts_with(|c: char| c.is_lowercase())
                        && !lexicon::is_np_stop(w)
                        && !lexicon::is_cue(w))
            }
            None => false,
        }
    }

    /// A title in title case after a word that introduces one: on “Harbour Hour,”, the Courier’s
    /// “Week in Review”, the film “Lantern”.
    fn is_title(&self, toks: &[Tok], ti: usize) -> bool {
        let q = self.marked[toks[ti].quote().unwrap_or(0)];
        let inner = self.text[q.start..q.end].trim_end_matches(['.', ',', '!', '?']);
        let title_case = inner.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(
                    w,
                    "of" | "the"
                        | "and"
                        | "a"
                        | "an"
                        | "in"
                        | "on"
                        | "for"
                        | "to"
                        | "at"
                        | "with"
                        | "from"
                        | "by"
                        | "or"
                        | "&"
                )
        }) && inner.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if !title_case {
            return false;
        }
        let prev = &toks[ti - 1];
        let pw = self.word(prev);
        (prev.is_word()
            && (matches!(
                pw,
                "on" | "of"
                    | "in"
                    | "On"
                    | "In"
                    | "titled"
                    | "entitled"
                    | "show"
                    | "program"
                    | "programme"
                    | "film"
                    | "movie"
                    | "book"
                    | "documentary"
                    | "series"
                    | "album"
                    | "song"
                    | "episode"
                    | "column"
                    | "commentary"
                    | "article"
                    | "newspaper"
                    | "magazine"
                    | "play"
                    | "novel"
                    | "memoir"
                    | "report"
                    | "broadcast"
                    | "podcast"
                    | "edition"
                    | "hit"
                    | "single"
                    | "track"
            ) || pw.ends_with("’s")
                || pw.ends_with("'s")))
            || (pw == "s" && ti >= 2 && (toks[ti - 2].is_punct('’') || toks[ti - 2].is_punct('\'')))
    }

    /// Attribution of the quotation at token `ti` of paragraph `pi` from its own sentence.
    fn attribute(&mut self, toks: &[Tok], ti: usize, _pi: usize) -> Option<Attr> {
        // a transcript: “SMITH: Well, …”
        let q = self.marked[toks[ti].quote()?];
        let inner = &self.text[q.start..q.end];
        if let Some(colon) = inner.find(':').filter(|c| (2..=40).contains(c)) {
            let name = inner[..colon].trim_end();
            if name
                .chars()
                .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'')
                && name.chars().filter(|c| c.is_alphabetic()).count() >= 2
            {
                let mention = Span::new(q.start, q.start + name.len());
                let surname = name.rsplit(' ').next().unwrap_or(name);
                let hit = self.ents.names.iter().find(|(n, _, _)| {
                    n.rsplit(' ')
                        .next()
                        .is_some_and(|l| l.eq_ignore_ascii_case(surname))
                });
                let named = match hit {
                    Some(&(n, g, o)) => (Some(n.to_string()), g, o),
                    None => (None, Gender::Unknown, false),
                };
                return Some(Attr::new(mention, named, None));
            }
        }
        let colon_or_cue_before = ti > 0
            && (toks[ti - 1].is_punct(':')
                || (toks[ti - 1].is_punct(',')
                    && ti > 1
                    && toks[ti - 2].is_word()
                    && lexicon::is_cue(self.word(&toks[ti - 2]))));
        if colon_or_cue_before {
            if let Some(a) = self.before(toks, ti, false) {
                // Velm seemed calm: “…,” she wrote: the quotation's own cue names the mention
                if inner.ends_with(',') && toks[ti - 1].is_punct(':') {
                    if let Some(own) = self
                        .after(toks, ti)
                        .filter(|o| o.cue.is_some() && o.mention.start > q.end)
                    {
                        return Some(own);
                    }
                }
                return Some(a);
            }
        }
        // Renn said the probe is “ongoing.” He said …: a quotation that ends its sentence
        // inside a sentence whose own reporting verb stands before it belongs to that verb
        // (not after "?" or "!", which a cue may follow in the same sentence: “…?” asked Velm)
        let ends_sentence = inner.trim_end().ends_with('.');
        if ends_sentence && self.sentence_start(toks, ti) < ti {
            if let Some(a) = self.before(toks, ti, false).filter(|a| a.cue.is_some()) {
                return Some(self.outer_report(toks, a));
            }
        }
        if let Some(a) = self.after(toks, ti) {
            return Some(a);
        }
        if let Some(a) = self.before(toks, ti, false) {
            return Some(self.outer_report(toks, a));
        }
        // The call to “…” appeals to older voters, said Ana Tolosa, a historian: the
        // reporting clause that ends the quotation's sentence
        if let Some(stop) = (ti + 1..toks.len()).find(|&k| self.is_boundary(toks, k)) {
            // (its last comma after the quotation)
            if toks[stop].is_punct('.') {
                if let Some(a) = self.trailing_report(toks, ti, stop) {
                    return Some(a);
                }
            }
        }
        self.verb_after(toks, ti)
            .or_else(|| self.sentence_subject(toks, ti))
    }

    /// "Velm said that Renn called the deal “a joke”": a reporting clause inside the "that"
    /// or "what" clause of an earlier reporting verb of its sentence is reported by that
    /// verb's speaker, who is the source.
    fn outer_report(&mut self, toks: &[Tok], a: Attr) -> Attr {
        if a.cue.is_none() {
            return a;
        }
        let Some(i) = toks.iter().position(|t| t.start == a.mention.start) else {
            return a;
        };
        let sent = self.sentence_start(toks, i);
        // According to Quorvy Post, Renn said …; Renn, according to the Post, said …: that
        // source reports the sentence
        let according = (sent..toks.len())
            .take_while(|&x| toks[x].quote().is_none() && !self.is_boundary(toks, x))
            .find(|&x| {
                self.word(&toks[x]).eq_ignore_ascii_case("according")
                    && toks.get(x + 1).is_some_and(|t| self.word(t) == "to")
                    && (x == sent || toks[x - 1].is_punct(','))
            });
        if let Some(x) = according {
            if let Some(np) = self
                .np_after(toks, x + 2)
                .filter(|np| toks.get(np.1).is_some_and(|t| t.is_punct(',')))
            {
                let o = self.resolve_apposed(toks, np, "according to");
                if (o.speaker.is_some() || a.speaker.is_none())
                    && o.mention.start != a.mention.start
                {
                    return o;
                }
            }
        }
        if i < sent + 2 || !matches!(self.word(&toks[i - 1]), "that" | "what") {
            return a;
        }
        let j = i - 1;
        if !(sent..j).any(|x| self.is_cue_at(toks, x)) {
            return a;
        }
        match self.before(toks, j, false) {
            Some(o)
                if o.cue.is_some() && o.speaker.is_some() && o.mention.start < a.mention.start =>
            {
                o
            }
            _ => a,
        }
    }

    /// The subject of the last sentence of a paragraph, when it is a name or a pronoun.
    fn last_sentence_subject(&mut self, toks: &[Tok]) -> Option<Attr> {
        let n = toks.len();
        if n < 3 {
            return None;
        }
        let sent = self.sentence_start(toks, n - 2);
        if toks[n - 1].is_punct('.') {
            if let Some(a) = self.trailing_report(toks, sent, n - 1) {
                return Some(a);
            }
        }
        let np = self.clause_subject(toks, sent, n - 1)?;
        let first = &toks[np.0];
        let pronoun = np.1 - np.0 == 1
            && matches!(
                lexicon::pronoun(self.word(first)),
                Some(Pronoun::He | Pronoun::She | Pronoun::They)
            );
        let span = Span::new(first.start, toks[np.1 - 1].end);
        if !pronoun
            && self.ents.overlapping(span).next().is_none()
            && !(self.is_name_word(first) && np.1 - np.0 <= 4 && !self.lone_ordinary(toks, np))
        {
            return None;
        }
        let a = self.resolve(toks, np, "");
        Some(Attr { cue: None, ..a })
    }

    /// "The talks will go on, Orrin Velm said." / "…, said Orrin Velm.": a reporting clause
    /// after the last comma of a sentence that ends at `end` (its stop), with at most a short
    /// time or place phrase after the verb ("said on Monday"). Its speaker goes on speaking in
    /// the quotation that follows. Not a news outlet's "… reported.": the quotation after the
    /// outlet's account is most often of whom it reports on.
    fn trailing_report(&mut self, toks: &[Tok], sent: usize, end: usize) -> Option<Attr> {
        let comma = (sent + 1..end).rev().find(|&k| toks[k].is_punct(','))?;
        let from = comma + 1;
        if end - from > 10 || (from..end).any(|k| !toks[k].is_word()) {
            return None;
        }
        // the verb's tail: nothing, or a short phrase of time or place
        let tail_ok = |v: usize| {
            v + 1 == end
                || (end - v <= 5 && {
                    let w = self.word(&toks[v + 1]);
                    is_preposition(w)
                        || matches!(w, "yesterday" | "today" | "last" | "earlier" | "later")
                })
        };
        let first = self.word(&toks[from]);
        if lexicon::is_cue(first) && first.starts_with(|c: char| c.is_ascii_lowercase()) {
            // "…, said Orrin Velm."
            let np = self.np_after(toks, from + 1)?;
            if np.1 != end && !tail_ok(np.1 - 1) {
                return None;
            }
            return Some(self.resolve(toks, np, first));
        }
        // "…, said Orrin Velm, a historian at Velbury College."
        if let Some(c) = (sent + 1..comma).rev().find(|&k| toks[k].is_punct(',')) {
            let cue = self.word(&toks[c + 1]);
            if c + 1 < comma
                && lexicon::is_cue(cue)
                && cue.starts_with(|ch: char| ch.is_ascii_lowercase())
                && matches!(self.word(&toks[from]), "a" | "an" | "the")
            {
                if let Some(np) = self.np_after(toks, c + 2).filter(|np| np.1 == comma) {
                    return Some(self.resolve(toks, np, cue));
                }
            }
        }
        let np = self.np_after(toks, from)?;
        let mut v = np.1;
        while v < end && lexicon::is_skip(self.word(&toks[v])) {
            v += 1;
        }
        if v >= end {
            return None;
        }
        let w = self.word(&toks[v]);
        if !(lexicon::is_cue(w) && w.starts_with(|c: char| c.is_ascii_lowercase()) && tail_ok(v))
            || matches!(w, "reported" | "reports")
        {
            return None;
        }
        Some(self.resolve(toks, np, w))
    }

    /// “…,” Quorve snapped: a quotation that does not end its sentence, followed by a speaker
    /// phrase and a verb outside the cue list, or by such a verb and a name (“…?” reacted Quorve).
    fn verb_after(&mut self, toks: &[Tok], ti: usize) -> Option<Attr> {
        let q = self.marked[toks[ti].quote()?];
        if !self.text[q.start..q.end].ends_with([',', '?', '!', '—']) {
            return None;
        }
        let mut j = ti + 1;
        while j < toks.len() && toks[j].is_punct(',') {
            j += 1;
        }
        let first = toks.get(j)?;
        // “…?” reacted Quorve.: the verb before the name, which ends the sentence or clause
        let fw = self.word(first);
        if first.is_word()
            && fw.starts_with(|c: char| c.is_ascii_lowercase())
            && fw.len() > 4
            && fw.ends_with("ed")
            && !lexicon::is_np_stop(fw)
            && toks.get(j + 1).is_some_and(|t| self.is_name_word(t))
        {
            let np = self.np_after(toks, j + 1)?;
            let ends = toks
                .get(np.1)
                .is_none_or(|t| matches!(t.kind, Kind::Punct('.' | ',' | '!' | '?' | ';')));
            return ends.then(|| self.resolve(toks, np, fw));
        }
        if !(self.is_name_word(first)
            || lexicon::pronoun(fw).is_some_and(|p| p != Pronoun::Who)
            || lexicon::is_determiner(fw))
        {
            return None;
        }
        let np = self.np_after(toks, j)?;
        let mut v = np.1;
        while v < toks.len() && toks[v].is_word() && lexicon::is_skip(self.word(&toks[v])) {
            v += 1;
        }
        let verb = toks.get(v).filter(|t| t.is_word())?;
        let w = self.word(verb);
        let verb_like = w.starts_with(|c: char| c.is_ascii_lowercase())
            && !lexicon::is_np_stop(w)
            && (w.ends_with("ed")
                || (w.ends_with('s') && !w.ends_with("ss"))
                || matches!(
                    w,
                    "began"
                        | "went"
                        | "shot"
                        | "spoke"
                        | "thought"
                        | "felt"
                        | "broke"
                        | "let"
                        | "cut"
                        | "shrugged"
                        | "chimed"
                        | "offered"
                ));
        if !verb_like {
            return None;
        }
        Some(self.resolve(toks, np, w))
    }

    /// A quotation inside a sentence with no reporting verb: the sentence's subject, when it
    /// is a pronoun or a known person or organisation ("Quorve also backed … -- “We owe …”").
    fn sentence_subject(&mut self, toks: &[Tok], ti: usize) -> Option<Attr> {
        let sent = self.sentence_start(toks, ti);
        if sent >= ti {
            return None;
        }
        // "Velm, who has cast himself as “…”, …": the quotation stands in a relative clause,
        // whose "who" is its subject
        let who = (sent + 1..ti).rev().find(|&k| {
            toks[k].is_word()
                && self.word(&toks[k]) == "who"
                && toks.get(k + 1).is_some_and(|t| {
                    t.is_punct(',')
                        || t.is_word() && self.word(t).starts_with(|c: char| c.is_lowercase())
                })
        });
        if let Some(w) = who {
            let a = self.resolve(toks, (w, w + 1), "");
            if a.speaker.is_some() {
                return Some(Attr { cue: None, ..a });
            }
        }
        let np = self.clause_subject(toks, sent, ti)?;
        let span = Span::new(toks[np.0].start, toks[np.1 - 1].end);
        let pronoun = np.1 - np.0 == 1
            && lexicon::pronoun(self.word(&toks[np.0]))
                .is_some_and(|p| matches!(p, Pronoun::He | Pronoun::She | Pronoun::They));
        let verb_follows = self.is_name_word(&toks[np.0])
            && !self.lone_ordinary(toks, np)
            && toks.get(np.1).is_some_and(|t| {
                let w = self.word(t);
                t.is_word()
                    && w.starts_with(|c: char| c.is_ascii_lowercase())
                    && (w.ends_with("ed")
                        || matches!(w, "has" | "had" | "is" | "was" | "will" | "would" | "also"))
            });
        if !pronoun && !verb_follows && self.ents.overlapping(span).next().is_none() {
            return None;
        }
        let a = self.resolve(toks, np, "");
        Some(Attr { cue: None, ..a })
    }

    /// Reporting verb after the quotation: “…,” he said / said Smith / Smith, a spokesman, said /
    /// according to Smith.
    fn after(&mut self, toks: &[Tok], ti: usize) -> Option<Attr> {
        let qi = toks[ti].quote()?;
        let q = self.marked[qi];
        let full_stop = self.text[q.start..q.end].ends_with('.');
        let mut j = ti + 1;
        while j < toks.len() && matches!(toks[j].kind, Kind::Punct(',' | '—' | '–' | '-')) {
            j += 1;
        }
        let mut k = j;
        let mut words = 0;
        // “…” ― Name: a dash and the speaker's name after the quotation
        if j > ti + 1 && matches!(toks[j - 1].kind, Kind::Punct('―' | '—' | '–'))
            || toks.get(ti + 1).is_some_and(|t| t.is_punct('―'))
        {
            let j = if toks.get(ti + 1).is_some_and(|t| t.is_punct('―')) {
                ti + 2
            } else {
                j
            };
            if let Some(np) = self.np_after(toks, j) {
                if toks.get(np.1).is_none_or(|t| !t.is_word())
                    && toks.get(j).is_some_and(|t| self.is_name_word(t))
                {
                    return Some(self.resolve(toks, np, "―"));
                }
            }
        }
        while k < toks.len() && words < 24 {
            let t = toks[k];
            match t.kind {
                Kind::Punct('.' | '?' | '!' | ';' | ':') => return None,
                Kind::Punct(_) => {}
                Kind::Quote(qk) if self.is_term(toks, k, m_words(self.text, &self.marked[qk])) => {
                    // a nickname or title inside the speaker's phrase
                    words += 1;
                }
                Kind::Quote(_) => {
                    // “A” and “B,” he said: the verb after the last quotation covers both
                    let glue = toks[j..k].iter().all(|t| {
                        matches!(t.kind, Kind::Punct(_)) || matches!(self.word(t), "and" | "or")
                    });
                    if !glue {
                        return None;
                    }
                    j = k + 1;
                    while j < toks.len()
                        && matches!(toks[j].kind, Kind::Punct(',' | '—' | '–' | '-'))
                    {
                        j += 1;
                    }
                    k = j;
                    continue;
                }
                Kind::Word => {
                    words += 1;
                    let w = self.word(&t);
                    if k == j && (w == "as" || w == "per") {
                        // “…,” as a Quorvy Bank memo put it / “…,” per the harbour's bylaws
                        if let Some(np) = self.np_after(toks, k + 1).filter(|np| {
                            lexicon::is_determiner(self.word(&toks[np.0]))
                                || self.is_name_word(&toks[np.0])
                        }) {
                            // (the phrase runs on over "put", a word of no cue)
                            let put_it = (np.0 + 1..=np.1).find(|&p| {
                                toks.get(p).is_some_and(|t| self.word(t) == "put")
                                    && toks.get(p + 1).is_some_and(|t| self.word(t) == "it")
                            });
                            let ends = toks.get(np.1).is_none_or(|t| {
                                matches!(t.kind, Kind::Punct('.' | ',' | ';' | ')' | '!' | '?'))
                            });
                            match put_it {
                                Some(p) if w == "as" => {
                                    return Some(self.resolve(toks, (np.0, p), "put"));
                                }
                                _ if w == "per" && ends => {
                                    return Some(self.resolve(toks, np, w));
                                }
                                _ => {}
                            }
                        }
                    }
                    if w == "according" || w == "According" {
                        if toks.get(k + 1).is_some_and(|n| self.word(n) == "to") && k == j {
                            let np = self.np_after(toks, k + 2)?;
                            return Some(self.resolve_apposed(toks, np, "according to"));
                        }
                        return None;
                    }
                    let modifier = w.ends_with("ing")
                        && !(k > 0
                            && matches!(
                                self.word(&toks[k - 1]),
                                "is" | "was" | "are" | "were" | "been" | "’s" | "'s"
                            ));
                    if self.is_cue_at(toks, k) && !(modifier && k > j) {
                        if full_stop && self.clause_goes_on(toks, k) {
                            return None;
                        }
                        // “…,” the radio quoted him as saying
                        if let Some(np) = self.cited_as(toks, k) {
                            return Some(self.resolve_cited(toks, np, w));
                        }
                        if let Some(np) = self.passive_agent(toks, k) {
                            return Some(self.resolve(toks, np, w));
                        }
                        let invertible = !w.ends_with("ing");
                        if k == j {
                            if !invertible {
                                return None;
                            }
                            let np = self.np_after(toks, k + 1)?;
                            return Some(self.resolve_apposed(toks, np, w));
                        }
                        // “…,” analyst Ivo Renn of Quorvy Hale and Brell said: a job, a name and
                        // the firm after "of", whose "and" joins no second speaker
                        if !full_stop && self.job_name_of_firm(toks, j, k) {
                            return Some(self.resolve(toks, (j, k), w));
                        }
                        if let Some(np) = self.np_before(toks, k, j) {
                            // “…” he said / “…” a voice in the film asks / “…” for the mill, she said
                            let lead_ok = (lexicon::is_determiner(self.word(&toks[j]))
                                || self.is_name_word(&toks[j]))
                                && toks[j..np.0].iter().all(|t| {
                                    t.is_word()
                                        && (self.np_word(self.word(t))
                                            || matches!(
                                                self.word(t),
                                                "in" | "at" | "from" | "with" | "on" | "and" | "as"
                                            ))
                                });
                            // “…,” as Renn said on the radio
                            let as_lead =
                                np.0 == j + 1 && matches!(self.word(&toks[j]), "as" | "As");
                            if np.0 == j
                                || (!full_stop
                                    && ((lead_ok && np.0 - j <= 8)
                                        || as_lead
                                        || toks[np.0 - 1].is_punct(',')))
                            {
                                return Some(self.resolve_described(toks, np, w, j));
                            }
                            if full_stop {
                                return None;
                            }
                        }
                        // “…,” Smith, who chairs the panel, said
                        let first = &toks[j];
                        if self.is_name_word(first)
                            || lexicon::pronoun(self.word(first)).is_some_and(|p| p != Pronoun::Who)
                            || lexicon::is_determiner(self.word(first))
                        {
                            if let Some(np) = self.np_after(toks, j) {
                                return Some(self.resolve(toks, np, w));
                            }
                        }
                        // “…” at the hearing, said Ivo Renn
                        if toks[k - 1].is_punct(',') && invertible {
                            if let Some(np) = self.np_after(toks, k + 1) {
                                return Some(self.resolve_apposed(toks, np, w));
                            }
                        }
                        return None;
                    }
                }
            }
            k += 1;
        }
        None
    }

    /// "quoted Ivo Renn as saying": when the reporting verb at `v` cites someone's words (quote,
    /// report, cite), the phrase after it, before "as" and a participle that reports, is whose
    /// words they are.
    fn cited_as(&self, toks: &[Tok], v: usize) -> Option<(usize, usize)> {
        if !matches!(
            lexicon::cue_lemma(self.word(&toks[v])),
            Some("quote" | "report" | "cite")
        ) {
            return None;
        }
        let object = toks
            .get(v + 1)
            .is_some_and(|t| lexicon::object_pronoun(self.word(t)).is_some());
        let np = if object {
            (v + 1, v + 2)
        } else {
            self.np_after(toks, v + 1)?
        };
        let participle = toks.get(np.1 + 1)?;
        (toks.get(np.1).is_some_and(|t| self.word(t) == "as")
            && self.word(participle).ends_with("ing")
            && self.is_cue_at(toks, np.1 + 1))
        .then_some(np)
    }

    /// `toks[from..to]` is one phrase of a lowercase job, a name and "of" or "for" with a
    /// name after it, within ten words ("analyst Ivo Renn of Quorvy Hale and Brell"): a
    /// speaker phrase between a quotation and its verb.
    fn job_name_of_firm(&self, toks: &[Tok], from: usize, to: usize) -> bool {
        let Some(of) = (from + 2..to).find(|&o| matches!(self.word(&toks[o]), "of" | "for")) else {
            return false;
        };
        let first = self.word(&toks[from]);
        to - from <= 10
            && first.starts_with(|c: char| c.is_lowercase())
            && lexicon::pronoun(first).is_none()
            && toks[from..to].iter().all(|t| {
                t.is_word()
                    && (self.np_word(self.word(t)) || matches!(self.word(t), "of" | "for" | "and"))
            })
            && self.is_name_word(&toks[of - 1])
            && toks.get(of + 1).is_some_and(|t| self.is_name_word(t))
    }

    /// [`Self::resolve`] for what [`Self::cited_as`] found, where an object pronoun stands for
    /// the person cited ("quoted him as saying").
    fn resolve_cited(&mut self, toks: &[Tok], np: (usize, usize), cue: &str) -> Attr {
        let object = lexicon::object_pronoun(self.word(&toks[np.0])).filter(|_| np.1 == np.0 + 1);
        let Some(p) = object else {
            return self.resolve(toks, np, cue);
        };
        let mention = Span::new(toks[np.0].start, toks[np.0].end);
        Attr::new(
            mention,
            self.antecedent(mention.start, p),
            Some(cue.to_string()),
        )
    }

    /// "written by Malvin": the agent of a passive reporting verb.
    fn passive_agent(&self, toks: &[Tok], k: usize) -> Option<(usize, usize)> {
        let w = self.word(&toks[k]);
        if !(w.ends_with("ed") || matches!(w, "said" | "told" | "written" | "read" | "put")) {
            return None;
        }
        if toks.get(k + 1).is_some_and(|t| self.word(t) == "by") {
            return self.np_after(toks, k + 2);
        }
        None
    }

    /// After a sentence-final quotation, a following verb starts a new statement when its
    /// clause goes on with "that" or another quotation.
    fn clause_goes_on(&self, toks: &[Tok], k: usize) -> bool {
        for t in &toks[k + 1..] {
            match t.kind {
                Kind::Punct('.' | '?' | '!' | ';') => return false,
                Kind::Quote(_) => return true,
                Kind::Word if self.word(t) == "that" => return true,
                Kind::Word
                    if matches!(
                        lexicon::pronoun(self.word(t)),
                        Some(Pronoun::He | Pronoun::She | Pronoun::They | Pronoun::Speaker)
                    ) =>
                {
                    return true
                }
                _ => {}
            }
        }
        false
    }

    /// "Velm's claim that" / "her remark that" ending at the "that" of token `k`: the owner,
    /// a possessive name or pronoun, speaks the quotation in that clause. Not under a reporting
    /// verb of the sentence ("Ivo Renn said Velm's claim that … is “simply not true”" is Renn's).
    fn claim_owner(&mut self, toks: &[Tok], k: usize) -> Option<Attr> {
        let speech_noun = |w: &str| {
            matches!(
                w,
                "claim"
                    | "assertion"
                    | "insistence"
                    | "contention"
                    | "boast"
                    | "suggestion"
                    | "remark"
                    | "comment"
                    | "comments"
                    | "warning"
                    | "argument"
                    | "admission"
                    | "pledge"
                    | "promise"
                    | "vow"
            )
        };
        // the noun right before "that", or before a short phrase of time or place ("his
        // warning at the hearing that")
        let lo = k.saturating_sub(5).max(1);
        let noun = (lo..k).rev().find(|&n| {
            speech_noun(self.word(&toks[n]))
                && (n + 1 == k
                    || is_preposition(self.word(&toks[n + 1]))
                        && (n + 1..k).all(|x| toks[x].is_word()))
        })?;
        // one word may stand between the owner and the noun ("her March comment")
        let mut o = noun.checked_sub(1)?;
        let possessive = |t: &Tok| {
            let w = self.word(t);
            matches!(w, "his" | "His" | "her" | "Her")
                || self.is_name_word(t) && (w.ends_with("’s") || w.ends_with("'s"))
        };
        if !possessive(&toks[o]) && o > 0 && toks[o].is_word() && possessive(&toks[o - 1]) {
            o -= 1;
        }
        let owner = &toks[o];
        let ow = self.word(owner);
        let pronoun = match ow {
            "his" | "His" => Some(Pronoun::He),
            "her" | "Her" => Some(Pronoun::She),
            _ => None,
        };
        let named = self.is_name_word(owner) && (ow.ends_with("’s") || ow.ends_with("'s"));
        if pronoun.is_none() && !named {
            return None;
        }
        let sent = self.sentence_start(toks, k);
        let mut a = o;
        while named && a > sent && self.is_name_word(&toks[a - 1]) {
            a -= 1;
        }
        if (sent..a).any(|x| self.is_cue_at(toks, x)) {
            return None;
        }
        let mention = Span::new(toks[a].start, owner.end);
        let named = match pronoun {
            Some(p) => self.antecedent(mention.start, p),
            // (the owner's entity, which `resolve` leaves out before a possessive)
            None => match self.ents.overlapping(mention).last() {
                Some(&(_, idx)) => {
                    let (name, gender, org) = self.ents.names[idx];
                    (Some(name.to_string()), gender, org)
                }
                None => return Some(self.resolve(toks, (a, o + 1), "")),
            },
        };
        Some(Attr::new(mention, named, None))
    }

    /// A reporting verb at token `k` (lowercase, not a noun after a determiner).
    fn is_cue_at(&self, toks: &[Tok], k: usize) -> bool {
        let t = &toks[k];
        if !t.is_word() {
            return false;
        }
        let w = self.word(t);
        if !w.starts_with(|c: char| c.is_ascii_lowercase()) || !lexicon::is_cue(w) {
            return false;
        }
        if k > 0
            && toks[k - 1].is_word()
            && matches!(
                self.word(&toks[k - 1]),
                "the"
                    | "a"
                    | "an"
                    | "The"
                    | "A"
                    | "An"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
                    | "this"
                    | "that"
                    | "another"
                    | "every"
                    | "each"
            )
        {
            return false;
        }
        // bare and -s forms of verbs that are also nouns ("early-morning posts", "a tweet") need
        // a subject-like word or an auxiliary before them
        if lexicon::is_nominal_cue(w) {
            // “…,” read the sign / “…,” reads a letter: right after a quotation, before its subject
            let after_quote = k >= 1
                && (toks[k - 1].quote().is_some()
                    || k >= 2 && toks[k - 1].is_punct(',') && toks[k - 2].quote().is_some());
            if after_quote
                && toks.get(k + 1).is_some_and(|n| {
                    n.is_word()
                        && (lexicon::is_determiner(self.word(n))
                            || self.word(n).starts_with(|c: char| c.is_uppercase()))
                })
            {
                return true;
            }
            let Some(p) = k.checked_sub(1).map(|p| &toks[p]).filter(|p| p.is_word()) else {
                return false;
            };
            let pw = self.word(p);
            let bare = !w.ends_with('s');
            let possessive = pw.ends_with("’s") || pw.ends_with("'s") || pw.ends_with('’');
            let cap = pw.starts_with(|c: char| c.is_uppercase())
                && !possessive
                && !(k >= 2
                    && toks[k - 2].is_word()
                    && lexicon::is_determiner(self.word(&toks[k - 2])));
            // "the memo reads", "the notice states" (not a quantifier: "a few questions")
            let det_noun = k >= 2
                && toks[k - 2].is_word()
                && lexicon::is_determiner(self.word(&toks[k - 2]))
                && pw.starts_with(|c: char| c.is_lowercase())
                && !lexicon::is_np_stop(pw)
                && !matches!(
                    pw,
                    "few" | "many" | "several" | "more" | "most" | "other" | "various" | "numerous"
                );
            let next_noun_like = toks.get(k + 1).is_some_and(|n| {
                n.is_word()
                    && matches!(
                        self.word(n),
                        "as" | "of"
                            | "from"
                            | "by"
                            | "were"
                            | "are"
                            | "was"
                            | "is"
                            | "and"
                            | "or"
                            | "about"
                            | "for"
                            | "in"
                            | "on"
                            | "with"
                    )
            });
            let ok = if bare {
                matches!(
                    pw,
                    "to" | "will"
                        | "would"
                        | "could"
                        | "should"
                        | "might"
                        | "may"
                        | "must"
                        | "can"
                        | "did"
                        | "didn’t"
                        | "didn't"
                        | "not"
                        | "I"
                        | "we"
                        | "they"
                        | "you"
                ) || lexicon::pronoun(pw)
                    .is_some_and(|p| matches!(p, Pronoun::They | Pronoun::Speaker | Pronoun::Who))
                    || (pw.ends_with('s')
                        && pw.starts_with(|c: char| c.is_lowercase())
                        && !lexicon::is_np_stop(pw))
                    || (det_noun && toks.get(k + 1).is_none_or(|n| !n.is_word()))
                    || (cap
                        && toks.get(k + 1).is_some_and(|n| {
                            n.quote().is_some()
                                || matches!(
                                    self.word(n),
                                    "them"
                                        | "him"
                                        | "her"
                                        | "it"
                                        | "us"
                                        | "me"
                                        | "that"
                                        | "the"
                                        | "a"
                                        | "an"
                                        | "on"
                                        | "for"
                                )
                        }))
            } else {
                (cap || lexicon::pronoun(pw).is_some()
                    || lexicon::is_skip(pw)
                    || matches!(pw, "which" | "and" | "but" | "who" | "that")
                    || det_noun)
                    && !next_noun_like
            };
            if !ok {
                return false;
            }
        }
        true
    }

    /// Reporting verb before the quotation in its sentence: He said: “…” / He said that … “…” /
    /// According to X, “…”. `inclusive` starts the scan at token `ti` itself.
    fn before(&mut self, toks: &[Tok], ti: usize, inclusive: bool) -> Option<Attr> {
        let mut k = if inclusive { ti + 1 } else { ti };
        let colon = k > 0 && toks[k - 1].is_punct(':');
        // "as Dask has noted," is an aside when the sentence has a reporting verb of its own, and
        // the source when it has none ("As Dask noted, the plan was doomed: “…”")
        let mut aside: Option<((usize, usize), &'a str)> = None;
        while k > 0 {
            k -= 1;
            if self.is_boundary(toks, k) && !(inclusive && k + 1 == toks.len()) {
                break;
            }
            let t = toks[k];
            if !t.is_word() {
                continue;
            }
            let w = self.word(&t);
            if (w == "according" || w == "According")
                && toks.get(k + 1).is_some_and(|n| self.word(n) == "to")
            {
                let np = self.np_after(toks, k + 2)?;
                return Some(self.resolve_apposed(toks, np, "according to"));
            }
            // Quorvy Post seized on Velm's claim that there were “…” / her remark that “…”: the
            // claim's owner
            if w == "that" && k >= 2 {
                if let Some(a) = self.claim_owner(toks, k) {
                    return Some(a);
                }
            }
            if matches!(w, "Said" | "Says" | "Added" | "Wrote" | "Asked")
                && self.sentence_start(toks, k) == k
            {
                // Said Bea Quist, who lives nearby, “…”
                if let Some(np) = self.np_after(toks, k + 1) {
                    return Some(self.resolve(toks, np, w));
                }
            }
            if self.is_cue_at(toks, k) {
                let sent = self.sentence_start(toks, k);
                if let Some(np) = self.passive_agent(toks, k) {
                    return Some(self.resolve(toks, np, w));
                }
                // After saying the port was “…,” Velm left: a participle in the opening phrase
                // speaks for the subject of the clause that follows it
                let opener = k == sent
                    || k == sent + 1
                        && matches!(
                            self.word(&toks[sent]),
                            "After" | "Before" | "While" | "Since" | "Upon" | "By" | "When"
                        );
                if w.ends_with("ing") && opener {
                    let end = (ti..toks.len())
                        .find(|&x| self.is_boundary(toks, x))
                        .unwrap_or(toks.len());
                    if let Some(np) = self.clause_subject(toks, sent, end).filter(|np| np.0 > ti) {
                        return Some(self.resolve(toks, np, w));
                    }
                }
                // Put simply, explained panel host Ora Lind: “…”
                if !inclusive
                    && k + 1 < ti
                    && !w.ends_with("ing")
                    && matches!(toks[ti - 1].kind, Kind::Punct(':' | ','))
                    && self.np_before(toks, k, sent).is_none()
                {
                    if let Some(np) = self
                        .np_after(toks, k + 1)
                        .filter(|np| np.1 == ti - 1 && self.is_name_word(&toks[np.1 - 1]))
                    {
                        return Some(self.resolve(toks, np, w));
                    }
                }
                // a restrictive relative ("a woman who suggested …") is not the speaker: look further back
                if k > sent + 1 && self.word(&toks[k - 1]) == "who" && toks[k - 2].is_word() {
                    continue;
                }
                // ", which many have claimed," and "as Dask has noted" are asides
                if let Some(np) = self.np_before(toks, k, sent) {
                    if np.0 > sent
                        && matches!(self.word(&toks[np.0 - 1]), "which" | "as" | "As")
                        && k + 1 < ti
                        && matches!(toks[k + 1].kind, Kind::Punct(',' | '—' | '–' | '-'))
                    {
                        if self.word(&toks[np.0 - 1]) != "which" {
                            aside = aside.or(Some((np, w)));
                        }
                        continue;
                    }
                    // (but "one which Renn calls “…”": the quotation right after the verb is
                    // what the relative clause's subject says)
                    if np.0 > sent
                        && self.word(&toks[np.0 - 1]) == "which"
                        && self.word(&toks[np.0]) != "which"
                        && !(k + 1 == ti && (np.0..np.1).any(|x| self.is_name_word(&toks[x])))
                    {
                        continue;
                    }
                }
                // …, saying that / took to Twitter to accuse: the subject of the clause
                let prev = if k > sent {
                    self.word(&toks[k - 1])
                } else {
                    ""
                };
                let participle = w.ends_with("ing")
                    && !matches!(
                        prev,
                        "is" | "was" | "are" | "were" | "been" | "be" | "’s" | "'s"
                    );
                // the radio quoted Ivo Renn as saying “…”
                if participle && prev == "as" {
                    if let Some(np) = (sent..k.saturating_sub(2))
                        .rev()
                        .find_map(|v| self.cited_as(toks, v).filter(|np| np.1 + 1 == k))
                    {
                        return Some(self.resolve_cited(toks, np, w));
                    }
                }
                // a clip of Quorve saying “…”: the name right before the participle
                if participle
                    && k > sent
                    && (self.is_name_word(&toks[k - 1]) || matches!(prev, "him" | "her" | "them"))
                {
                    if let Some(np) = self.np_before(toks, k, sent) {
                        return Some(self.resolve(toks, np, w));
                    }
                }
                // “…,” Renn said, suggesting questions, including, “…”: a participle after a
                // quotation of the same sentence attributed to a name goes on with that name
                if participle {
                    // (a named speaker: a description or a phrase the earlier quotation's
                    // search fell back on is no surer here)
                    if let Some((_, la)) = self.last.as_ref().filter(|(_, la)| la.speaker.is_some())
                    {
                        let same_sentence = (sent..k).any(|x| {
                            toks[x]
                                .quote()
                                .is_some_and(|q| self.marked[q].close == self.last_end)
                        });
                        if same_sentence {
                            return Some(la.clone());
                        }
                    }
                }
                if participle || prev == "to" {
                    if let Some(np) = self.clause_subject(toks, sent, k) {
                        return Some(self.resolve(toks, np, w));
                    }
                }
                if let Some(np) = self.np_before(toks, k, sent) {
                    // Renn said …, whom he named “…” / what she terms “…”: the sentence's subject
                    if np.1 - np.0 == 1
                        && np.0 > sent
                        && matches!(self.word(&toks[np.0 - 1]), "whom" | "what")
                        && matches!(
                            lexicon::pronoun(self.word(&toks[np.0])),
                            Some(Pronoun::He | Pronoun::She | Pronoun::They)
                        )
                    {
                        if let Some(subj) = self.clause_subject(toks, sent, np.0 - 1) {
                            let sw = self.word(&toks[subj.0]);
                            if self.is_name_word(&toks[subj.0])
                                || (lexicon::pronoun(sw).is_some()
                                    && sw.eq_ignore_ascii_case(self.word(&toks[np.0])))
                            {
                                return Some(self.resolve(toks, subj, w));
                            }
                        }
                    }
                    // Dask said that … she had started “…”: the outer verb's subject
                    if np.1 - np.0 == 1
                        && matches!(
                            lexicon::pronoun(self.word(&toks[np.0])),
                            Some(Pronoun::He | Pronoun::She | Pronoun::They | Pronoun::It)
                        )
                    {
                        let mut o = np.0;
                        while o > sent {
                            o -= 1;
                            let ow = self.word(&toks[o]);
                            // only through a complement clause, not a coordinate or adverbial one
                            if !toks[o].is_word()
                                || matches!(
                                    ow,
                                    "after"
                                        | "before"
                                        | "when"
                                        | "while"
                                        | "because"
                                        | "as"
                                        | "if"
                                        | "since"
                                        | "although"
                                        | "though"
                                        | "but"
                                        | "and"
                                        | "or"
                                        | "until"
                                        | "who"
                                        | "whom"
                                        | "which"
                                )
                            {
                                break;
                            }
                            if self.is_cue_at(toks, o) {
                                if let Some(outer) = self
                                    .np_before(toks, o, sent)
                                    .or_else(|| self.clause_subject(toks, sent, o))
                                {
                                    return Some(self.resolve(toks, outer, ow));
                                }
                                break;
                            }
                        }
                    }
                    return Some(self.resolve_described(toks, np, w, sent));
                }
                // Brell regretted … and faulted “…”: the subject of the first verb
                if k > sent && matches!(self.word(&toks[k - 1]), "and" | "but" | "then") {
                    let mut o = k - 1;
                    while o > sent {
                        o -= 1;
                        if self.is_cue_at(toks, o) {
                            if let Some(np) = self.np_before(toks, o, sent) {
                                return Some(self.resolve(toks, np, w));
                            }
                            break;
                        }
                    }
                }
                // apposition or participle: Smith, a spokesman, said / …, saying
                if let Some(np) = self
                    .apposition(toks, sent, k)
                    .or_else(|| self.clause_subject(toks, sent, k))
                {
                    return Some(self.resolve(toks, np, w));
                }
                return None;
            }
        }
        if let Some((np, w)) = aside {
            return Some(self.resolve(toks, np, w));
        }
        if colon {
            // VANTOR: “…” / The notice: “…”
            let end = if inclusive { toks.len() - 1 } else { ti - 1 };
            let sent = self.sentence_start(toks, end);
            // Venn gave this answer: “…” (but: Analysts differ - Ora Lind: “…”)
            let name_before = end > sent && self.is_name_word(&toks[end - 1]);
            if let Some(np) = self
                .clause_subject(toks, sent, end)
                .filter(|np| np.1 < end && !name_before)
            {
                return Some(self.resolve(toks, np, ":"));
            }
            let np = self.np_before(toks, end, sent)?;
            return Some(self.resolve(toks, np, ":"));
        }
        None
    }

    /// Index of the first token of the sentence containing token `k`.
    fn sentence_start(&self, toks: &[Tok], k: usize) -> usize {
        let mut s = k;
        while s > 0 && !self.is_boundary(toks, s - 1) {
            s -= 1;
        }
        s
    }

    /// The noun phrase ending right before token `end` (after skipping auxiliaries and adverbs),
    /// not reaching before `lo`. Returns a token range.
    fn np_before(&self, toks: &[Tok], end: usize, lo: usize) -> Option<(usize, usize)> {
        let mut k = end;
        loop {
            while k > lo && toks[k - 1].is_word() && lexicon::is_skip(self.word(&toks[k - 1])) {
                k -= 1;
            }
            // a time between subject and verb: Velm last week said / Lind, who in the past has called
            match self.time_phrase_before(toks, k, lo) {
                Some(t) if t < k => k = t,
                _ => break,
            }
        }
        // a parenthesis: Smith (D-Ky.) said
        if k > lo && toks[k - 1].is_punct(')') {
            let mut p = k - 1;
            while p > lo && !toks[p].is_punct('(') {
                p -= 1;
            }
            if toks[p].is_punct('(') && p > lo {
                k = p;
            }
        }
        if k <= lo || !toks[k - 1].is_word() {
            return None;
        }
        let last = k - 1;
        let w = self.word(&toks[last]);
        if lexicon::pronoun(w).is_some() {
            return Some((last, k));
        }
        if !self.np_word(w) {
            return None;
        }
        let mut a = last;
        while a > lo && k - a < 12 {
            let p = &toks[a - 1];
            if !p.is_word() {
                // hyphenated or possessive pieces: Quorve ’s
                if (p.is_punct('’') || p.is_punct('\''))
                    && self.word(&toks[a]) == "s"
                    && a >= lo + 2
                {
                    a -= 1;
                    continue;
                }
                break;
            }
            let pw = self.word(p);
            if matches!(pw, "of" | "for") || lexicon::place_preposition(pw) {
                // Ivo Renn of the Lanark Institute; a spokesman for the ministry; a broker
                // (based) in Velm (the head before the preposition speaks: `resolve`); not a
                // participle clause after a comma (", voiced in a speech") or an infinitive
                // ("to increase output")
                let noun_before =
                    a >= lo + 2 && toks[a - 2].is_word() && self.np_word(self.word(&toks[a - 2]));
                let place_phrase = !matches!(pw, "of" | "for");
                let verb_before = noun_before
                    && place_phrase
                    && self.word(&toks[a - 2]).ends_with("ed")
                    && (a < 3 || toks[a - 3].is_punct(','));
                let object = self.word(&toks[a]);
                let infinitive = pw == "to"
                    && !(lexicon::is_determiner(object)
                        || object.starts_with(|c: char| c.is_uppercase()));
                if noun_before && !verb_before && !infinitive {
                    a -= 1;
                    continue;
                }
                break;
            }
            if !self.np_word(pw) || lexicon::pronoun(pw).is_some() {
                break;
            }
            if pw.ends_with("ing")
                && !pw.contains('-')
                && !(a >= lo + 2 && toks[a - 2].is_word() && self.np_word(self.word(&toks[a - 2])))
            {
                break;
            }
            a -= 1;
        }
        // "Dockers marching through the old town chanted": the phrase after a participle and
        // a preposition is where, not who; the head before the participle is
        if a >= lo + 3 && toks[a - 1].is_word() && toks[a - 2].is_word() {
            let (prep, part) = (self.word(&toks[a - 1]), self.word(&toks[a - 2]));
            if (is_preposition(prep) || matches!(prep, "through" | "across" | "along" | "around"))
                && part.len() > 5
                && part.ends_with("ing")
                && part.starts_with(|c: char| c.is_ascii_lowercase())
            {
                if let Some(head) = self.np_before(toks, a - 2, lo).filter(|h| h.1 == a - 2) {
                    return Some(head);
                }
            }
        }
        Some((a, k))
    }

    /// The start of a time phrase that ends right before token `k` ("this week", "last
    /// Monday", "on Friday", "in the past", "in recent years", "yesterday"), not reaching
    /// before `lo`.
    fn time_phrase_before(&self, toks: &[Tok], k: usize, lo: usize) -> Option<usize> {
        let w = |i: usize| {
            if i >= lo && i < k && toks[i].is_word() {
                self.word(&toks[i])
            } else {
                ""
            }
        };
        if k <= lo {
            return None;
        }
        let last = w(k - 1);
        if matches!(last, "yesterday" | "today" | "tonight") {
            return Some(k - 1);
        }
        // "in 2010", "in 1998"
        let year = last.len() == 4
            && last
                .parse::<u16>()
                .is_ok_and(|y| (1800..=2100).contains(&y));
        if year && k >= lo + 2 && matches!(w(k - 2), "in" | "In") {
            return Some(k - 2);
        }
        let unit = matches!(
            last,
            "week"
                | "weeks"
                | "month"
                | "months"
                | "year"
                | "years"
                | "weekend"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "winter"
                | "past"
                | "days"
                | "decade"
                | "decades"
        ) || lexicon::is_calendar_word(last);
        if !unit || k < lo + 2 {
            return None;
        }
        // a month alone may be a name ("May said"); a weekday alone is a time ("Velm Friday said")
        let weekday = matches!(
            last,
            "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
        );
        let before = w(k - 2);
        let start = match before {
            "this" | "last" | "next" | "that" | "each" | "every" | "on" | "in" | "since"
            | "recent" | "past" | "few" => k - 2,
            "the" if last == "past" => k - 2,
            _ if weekday => k - 1,
            _ => return None,
        };
        // "in the past", "in recent years", "over the past months", "earlier this month"
        let mut s = start;
        while s > lo
            && matches!(
                w(s - 1),
                "in" | "the"
                    | "a"
                    | "earlier"
                    | "later"
                    | "late"
                    | "early"
                    | "over"
                    | "during"
                    | "past"
                    | "few"
                    | "on"
            )
        {
            s -= 1;
        }
        Some(s)
    }

    /// Whether `w` can be part of a speaker phrase.
    fn np_word(&self, w: &str) -> bool {
        if lexicon::is_determiner(w) {
            return true;
        }
        let lower = w.starts_with(|c: char| c.is_lowercase());
        if lower {
            return !lexicon::is_np_stop(w)
                && (!lexicon::is_cue(w) || lexicon::is_nominal_cue(w))
                && !lexicon::is_skip(w);
        }
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && !matches!(w, "I")
            && !lexicon::is_clause_opener(w)
    }

    /// The noun phrase starting at token `from`: "said Smith", "according to the ministry".
    fn np_after(&self, toks: &[Tok], from: usize) -> Option<(usize, usize)> {
        let mut k = from;
        let first = toks.get(k).filter(|t| t.is_word())?;
        let w = self.word(first);
        if lexicon::pronoun(w).is_some() {
            return Some((k, k + 1));
        }
        if !self.np_word(w) || lexicon::is_clause_opener(w) && !lexicon::is_determiner(w) {
            return None;
        }
        let name_first = self.is_name_word(first);
        while k < toks.len() && k - from < 12 {
            let t = &toks[k];
            if !t.is_word() {
                if (t.is_punct('’') || t.is_punct('\''))
                    && toks.get(k + 1).is_some_and(|n| self.word(n) == "s")
                {
                    k += 2;
                    continue;
                }
                break;
            }
            let w = self.word(t);
            if (w == "of" || w == "for")
                && k > from
                && toks
                    .get(k + 1)
                    .is_some_and(|n| n.is_word() && self.np_word(self.word(n)))
            {
                k += 1;
                continue;
            }
            if !self.np_word(w) || (k > from && lexicon::pronoun(w).is_some()) {
                break;
            }
            // "the Velbury Council issued a note": a verb in the past and its object after a name
            if k > from
                && self.is_name_word(&toks[k - 1])
                && w.ends_with("ed")
                && w.starts_with(|c: char| c.is_lowercase())
                && !w.contains('-')
                && toks.get(k + 1).is_some_and(|n| {
                    let n = self.word(n);
                    lexicon::is_determiner(n) || lexicon::pronoun(n).is_some()
                })
            {
                break;
            }
            if name_first && k > from && w.starts_with(|c: char| c.is_lowercase()) {
                // Zarnia State University lecturer Cy Mork
                let more = (k + 1..(k + 3).min(toks.len())).find(|&n| {
                    !(toks[n].is_word()
                        && self.word(&toks[n]).starts_with(|c: char| c.is_lowercase())
                        && self.np_word(self.word(&toks[n])))
                });
                let two_names = |n: usize| {
                    self.is_name_word(&toks[n])
                        && toks.get(n + 1).is_some_and(|t| self.is_name_word(t))
                };
                match more {
                    Some(n)
                        if two_names(n)
                            && (k..n).all(|x| {
                                self.np_word(self.word(&toks[x]))
                                    && !self.word(&toks[x]).ends_with("ed")
                            }) =>
                    {
                        k = n;
                        continue;
                    }
                    _ => break,
                }
            }
            k += 1;
        }
        (k > from).then_some((from, k))
    }

    /// Smith, a spokesman for the ministry, said: the leftmost name followed by a comma.
    fn apposition(&self, toks: &[Tok], sent: usize, cue: usize) -> Option<(usize, usize)> {
        if cue == 0 || !toks[cue - 1].is_punct(',') {
            return None;
        }
        let mut k = sent;
        while k < cue {
            if toks[k].is_word() {
                let w = self.word(&toks[k]);
                if w.starts_with(|c: char| c.is_uppercase()) && lexicon::pronoun(w).is_none() {
                    if let Some(np) = self.np_after(toks, k) {
                        // Sen. Ilse Quorve (D-Nor.), noting …, said
                        let e = past_parenthesis(toks, np.1, cue);
                        if e < cue
                            && toks[e].is_punct(',')
                            && (np.0 == sent || toks[np.0 - 1].is_punct(','))
                        {
                            return Some(np);
                        }
                        k = np.1;
                        continue;
                    }
                }
            }
            k += 1;
        }
        None
    }

    /// The subject of the sentence starting at `sent`, skipping an opening adverbial
    /// ("In a statement, the ministry …").
    fn clause_subject(&self, toks: &[Tok], sent: usize, cue: usize) -> Option<(usize, usize)> {
        let mut k = sent;
        while k < cue && toks[k].quote().is_some() {
            k += 1;
        }
        // a dateline opening the paragraph is no subject ("KELMORE, March 3 (Reuters) - …",
        // "Velmora: …"): capitalised words, then a date or a source, up to a dash or a colon
        if sent == 0 && k < cue && self.is_name_word(&toks[k]) {
            let end = (k + 1..cue.min(k + 12)).find(|&j| {
                matches!(toks[j].kind, Kind::Punct('-' | '—' | '–' | ':'))
                    && toks.get(j + 1).is_some_and(|t| {
                        t.is_word() && self.word(t).starts_with(|c: char| c.is_uppercase())
                    })
            });
            let dateline = end.is_some_and(|e| {
                toks[k..e].iter().all(|t| {
                    matches!(t.kind, Kind::Punct(',' | '(' | ')' | '.'))
                        || t.is_word()
                            && self
                                .word(t)
                                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                })
            });
            if let (true, Some(e)) = (dateline, end) {
                k = e + 1;
            }
        }
        for _ in 0..2 {
            let next_is = |k: usize, words: &[&str]| {
                toks.get(k + 1)
                    .is_some_and(|t| t.is_punct(',') || words.contains(&self.word(t)))
            };
            let participle = |k: usize, w: &str| {
                w.starts_with(|c: char| c.is_uppercase())
                    && w.len() > 4
                    && lexicon::first_name_gender(w) == Gender::Unknown
                    && ((w.ends_with("ly") && next_is(k, &["after", "before", "thereafter"]))
                    // Turning to the budget …, Leaving the hall, …: a participle phrase
                    || ((w.ends_with("ed") || w.ends_with("ing"))
                        && toks.get(k + 1).is_some_and(|t| {
                            let n = self.word(t);
                            matches!(n, "to" | "from" | "by" | "on" | "in" | "with" | "at" | "for" | "of" | "about" | "after" | "before" | "into" | "through" | "over" | "one" | "the" | "a" | "an" | "his" | "her" | "their" | "its" | "up" | "out")
                                || (n.ends_with("ly") && n.starts_with(|c: char| c.is_lowercase()))
                        })))
            };
            // But Sen. Ilse Vantor …: a conjunction opens the sentence
            if k < cue
                && toks[k].is_word()
                && matches!(
                    self.word(&toks[k]),
                    "But" | "And" | "Yet" | "So" | "Still" | "Then" | "Now" | "Also"
                )
                && !next_is(k, &[])
            {
                k += 1;
            }
            // On March 3, 2011, Vantor …: a date's number is part of the opening phrase
            while k > sent
                && k < cue
                && toks[k].is_word()
                && toks[k]
                    .text(self.text)
                    .starts_with(|c: char| c.is_ascii_digit())
                && toks.get(k + 1).is_some_and(|t| t.is_punct(','))
            {
                k += 2;
            }
            // Two weeks later, …; Years ago, …: a span of time counted back or on from now
            let time_span = |k: usize| {
                (k + 1..cue.min(k + 6))
                    .find(|&c| !toks[c].is_word())
                    .is_some_and(|c| {
                        toks[c].is_punct(',')
                            && matches!(
                                self.word(&toks[c - 1]),
                                "ago" | "later" | "earlier" | "afterwards" | "afterward"
                            )
                    })
            };
            if k < cue
                && toks[k].is_word()
                && (lexicon::is_clause_opener(self.word(&toks[k]))
                    || participle(k, self.word(&toks[k]))
                    || time_span(k))
            {
                // (a comma may close a quoted title: On “Velbury Today,” Renn …)
                let comma = |t: &Tok| {
                    t.is_punct(',')
                        || t.quote().is_some_and(|q| {
                            let m = self.marked[q];
                            self.text[m.start..m.end].ends_with(',')
                        })
                };
                match toks[k..cue].iter().position(comma) {
                    Some(c) => {
                        k += c + 1;
                        k = self.past_place_apposition(toks, k, cue);
                        k = self.past_coordinate_adjectives(toks, k, cue);
                    }
                    None => return None,
                }
            }
        }
        if k >= cue {
            return None;
        }
        self.np_after(toks, k)
    }

    /// Turns a speaker phrase into an attribution: mention span and canonical speaker.
    fn resolve(&mut self, toks: &[Tok], np: (usize, usize), cue: &str) -> Attr {
        let (a, b) = np;
        let span = Span::new(toks[a].start, toks[b - 1].end);
        let cue = Some(cue.to_string()).filter(|c| c != ":");
        let first = self.word(&toks[a]);
        if b - a == 1 {
            if let Some(p) = lexicon::pronoun(first) {
                let named = match p {
                    Pronoun::Who => self.antecedent_who(toks, a),
                    _ => self.antecedent(span.start, p),
                };
                return Attr::new(span, named, cue);
            }
        }
        // the head: before "of the …" when a name precedes it (Ivo Renn of the Lanark Institute)
        let mut head_end = b;
        for k in a + 1..b {
            if matches!(self.word(&toks[k]), "of" | "for")
                && toks[a..k].iter().any(|t| self.is_name_word(t))
                && !(self
                    .word(&toks[k - 1])
                    .starts_with(|c: char| c.is_lowercase())
                    && self.job_then_person(toks, k + 1, b))
                && !toks.get(k + 1).is_some_and(|n| {
                    let nw = self.word(n);
                    nw.starts_with(|c: char| c.is_uppercase())
                        && toks[a..k].iter().all(|t| {
                            !self.is_name_word(t) || lexicon::title_gender(self.word(t)).is_some()
                        })
                })
            {
                head_end = k;
                break;
            }
        }
        // a place or a party after a preposition modifies what comes before it ("a broker in
        // Velm", "an adviser to Ada Quorve in Velm", "Ivo Renn in Velm"): the head ends before
        // it, unless a description that speaks for what follows stands there ("a spokesman at
        // Quorvy Bank"). The preposition's object is a name, with a determiner at most, up to
        // the next preposition: ordinary words after it are a clause whose comma is missing
        // ("at the party's convention Ada Quorve said"). ("from" often names the source: "More
        // from Quorve:", "a statement from the ministry".)
        let casing = crate::truecase::Truecaser::builtin();
        let place_prep = |t: &Tok| lexicon::place_preposition(self.word(t));
        // (in capitals, only words the casing lexicon does not write in lower case)
        let name_word = |t: &Tok| {
            let w = self.word(t);
            self.is_name_word(t) && (w.chars().any(char::is_lowercase) || !casing.is_lower_word(w))
        };
        if let Some(k) = (a + 1..head_end).find(|&k| place_prep(&toks[k])) {
            let object_end = (k + 1..head_end)
                .find(|&o| place_prep(&toks[o]))
                .unwrap_or(head_end);
            let object = &toks[k + 1..object_end];
            let a_name = object.iter().any(|t| name_word(t))
                && object
                    .iter()
                    .all(|t| name_word(t) || !t.is_word() || lexicon::is_determiner(self.word(t)));
            let named = toks[a..k].iter().any(|t| name_word(t));
            if a_name && (named || !lexicon::speaks_for(self.word(&toks[k - 1]))) {
                head_end = k;
            }
        }
        // entity mentions in the head, the last one not followed by a possessive
        let head = Span::new(span.start, toks[head_end - 1].end);
        let mut best: Option<(Span, usize)> = None;
        for &(s, idx) in self.ents.overlapping(head) {
            if s.end > head.end + 1 {
                continue;
            }
            let after = self.text.get(s.end..head.end).unwrap_or("");
            if after.starts_with("’s") || after.starts_with("'s") || after.starts_with(" ’s") {
                continue;
            }
            if best.is_none_or(|(bs, bi)| {
                s.end > bs.end
                    || (s.end == bs.end && !self.ents.names[idx].2 && self.ents.names[bi].2)
            }) {
                best = Some((s, idx));
            }
        }
        // the head must end with the entity (not "a Norland spokesman")
        if let Some((s, idx)) = best {
            let rest = self.text.get(s.end..head.end).unwrap_or("").trim();
            if rest.is_empty()
                || rest.starts_with('(')
                || rest.chars().all(|c| !c.is_alphanumeric())
            {
                let (name, gender, org) = self.ents.names[idx];
                let descriptor = self.descriptor(span.start, s.start);
                return Attr {
                    mention: s,
                    speaker: Some(name.to_string()),
                    cue,
                    gender,
                    org,
                    descriptor,
                };
            }
        }
        // someone who speaks for an organisation named before the noun ("a Norland Mills
        // spokesman", "the Norland statement"): the organisation speaks; the mention stays
        // the description
        if let Some((s, idx)) = best {
            let (name, gender, org) = self.ents.names[idx];
            let rest: Vec<&str> = self
                .text
                .get(s.end..head.end)
                .unwrap_or("")
                .split_whitespace()
                .collect();
            if org
                && (1..=2).contains(&rest.len())
                && rest
                    .iter()
                    .all(|w| w.starts_with(|c: char| c.is_lowercase()))
                && rest.last().is_some_and(|w| lexicon::speaks_for(w))
            {
                let descriptor = Some(span.slice(self.text).to_string());
                return Attr {
                    mention: span,
                    speaker: Some(name.to_string()),
                    cue,
                    gender,
                    org,
                    descriptor,
                };
            }
        }
        // a name run at the end of the head
        let mut r_end = head_end;
        let mut r_start = head_end;
        while r_start > a && self.is_name_word(&toks[r_start - 1]) {
            r_start -= 1;
        }
        while r_start < r_end && lexicon::title_gender(self.word(&toks[r_start])).is_some() {
            r_start += 1;
        }
        // a title inside the run ends the description before the name ("Velmar State Governor
        // Ana Quorve"), and an ordinary word after "of" opens no name of three words that goes
        // on with a given name ("State Ana Quorve" of "Secretary of State Ana Quorve"; not "New
        // York City")
        if let Some(t) = (r_start..r_end.saturating_sub(1))
            .rev()
            .find(|&k| lexicon::title_gender(self.word(&toks[k])).is_some())
        {
            r_start = t + 1;
        }
        // a possessive inside the run ends its owner before the name ("Quorvy Post's Ana
        // Tolosa", "Velm Bank's Renn"), when a name follows it: a surname of the article, or
        // two words the first of which is no ordinary word ("People's Liberation Army" stays)
        if let Some(p) = (r_start..r_end.saturating_sub(1)).rev().find(|&k| {
            let w = self.word(&toks[k]);
            w.ends_with("'s") || w.ends_with("’s")
        }) {
            let known = self
                .ents
                .by_surname(self.word(&toks[r_end - 1]))
                .is_some_and(|i| !self.ents.names[i].2);
            let named = r_end - p >= 3 && !casing.is_lower_word(self.word(&toks[p + 1]));
            if known || named {
                r_start = p + 1;
            }
        }
        if r_end - r_start >= 3
            && r_start > a
            && self.word(&toks[r_start - 1]) == "of"
            && casing.is_lower_word(self.word(&toks[r_start]))
            && crate::gazetteer::Gazetteer::builtin()
                .word_classes(crate::gazetteer::token_hash(self.word(&toks[r_start + 1])))
                & crate::gazetteer::class::FIRST
                != 0
        {
            r_start += 1;
        }
        // drop a trailing possessive-less check: "Tomas Brell’s lawyer" has no name at the end;
        // nor is a capitalised job before a preposition a name ("Chief Economist at Quorvy
        // Bank")
        if r_start < r_end {
            let last = self.word(&toks[r_end - 1]);
            let job = r_end == head_end
                && head_end < b
                && casing.is_lower_word(last)
                && place_prep(&toks[head_end]);
            if last.ends_with("’s") || last.ends_with("'s") || job {
                r_end = r_start;
            }
        }
        // a lone ordinary word opening its sentence ("There", "Nevertheless", "Officials") is
        // no name unless the article names someone with it: the mention stays, without a speaker
        if r_end - r_start == 1
            && self.sentence_start(toks, r_start) == r_start
            && self.lone_ordinary(toks, (r_start, r_end))
        {
            r_end = r_start;
        }
        if r_start < r_end {
            let run = Span::new(toks[r_start].start, toks[r_end - 1].end);
            let name = run.slice(self.text);
            let surname = self.word(&toks[r_end - 1]);
            let title = (a..r_start)
                .rev()
                .map(|k| self.word(&toks[k]))
                .find_map(lexicon::title_gender);
            if let Some(idx) = self.ents.by_surname(surname) {
                let (n, gender, org) = self.ents.names[idx];
                let descriptor = self.descriptor(span.start, run.start);
                return Attr {
                    mention: run,
                    speaker: Some(n.to_string()),
                    cue,
                    gender,
                    org,
                    descriptor,
                };
            }
            let known = self
                .local
                .iter()
                .rev()
                .find(|(_, n, _)| n.rsplit(' ').next() == Some(surname))
                .map(|(_, n, g)| (n.clone(), *g));
            let (speaker, gender) = match known {
                Some(k) => k,
                None => {
                    let first_name = self.word(&toks[r_start]);
                    let g = match title {
                        Some(g) if g != Gender::Unknown => g,
                        _ if r_end - r_start > 1 => lexicon::first_name_gender(first_name),
                        _ => Gender::Unknown,
                    };
                    (name.to_string(), g)
                }
            };
            self.local.push((run.start, speaker.clone(), gender));
            let descriptor = self.descriptor(span.start, run.start);
            return Attr {
                mention: run,
                speaker: Some(speaker),
                cue,
                gender,
                org: false,
                descriptor,
            };
        }
        // a definite description ("the spokesman", "the company", with one modifier "the
        // Velmoran president", whose noun is no plural: not "the Quorvy economists") is the one
        // actor the article introduced with its noun
        let modifier = |t: &Tok| {
            let w = self.word(t);
            t.is_word() && !lexicon::is_determiner(w) && !w.ends_with("’s") && !w.ends_with("'s")
        };
        let singular = |t: &Tok| {
            let w = self.word(t).to_ascii_lowercase();
            !w.ends_with('s') || w.ends_with("ss")
        };
        if (b - a == 2 || (b - a == 3 && modifier(&toks[a + 1]) && singular(&toks[b - 1])))
            && self.word(&toks[a]).eq_ignore_ascii_case("the")
            && toks[b - 1].is_word()
        {
            let noun = self.word(&toks[b - 1]).to_lowercase();
            let modified = (b - a == 3).then(|| self.word(&toks[a + 1]));
            if noun.chars().all(|c| c.is_ascii_lowercase()) {
                if let Some(idx) = self.ents.introduced_as(self.text, &noun, modified) {
                    let (n, gender, org) = self.ents.names[idx];
                    return Attr {
                        mention: span,
                        speaker: Some(n.to_string()),
                        cue,
                        gender,
                        org,
                        descriptor: Some(span.slice(self.text).to_string()),
                    };
                }
            }
        }
        Attr {
            mention: span,
            speaker: None,
            cue,
            gender: Gender::Unknown,
            org: false,
            descriptor: None,
        }
    }

    /// Lowercase words of a job (no determiner) and then a person's name up to `end`: the
    /// complement of "of" in "Quorvy Press vice-president of finance Ivo Renn", where the
    /// name is whom the job describes and no organisation the head belongs to. (The caller
    /// asks for a job noun before "of": in "Ivo Renn of broker Quorvy Hale" the name before
    /// it speaks, whatever the tagger took the broker for.)
    fn job_then_person(&self, toks: &[Tok], from: usize, end: usize) -> bool {
        let mut m = from;
        while m < end && toks[m].is_word() && {
            let w = self.word(&toks[m]);
            w.starts_with(|c: char| c.is_lowercase()) && !lexicon::is_determiner(w)
        } {
            m += 1;
        }
        m > from && m < end && self.person_run(toks, m, end)
    }

    /// `toks[from..end]` are name words of which a person the tagger found ends at `end`.
    fn person_run(&self, toks: &[Tok], from: usize, end: usize) -> bool {
        let run = Span::new(toks[from].start, toks[end - 1].end);
        toks[from..end].iter().all(|t| self.is_name_word(t))
            && self
                .ents
                .overlapping(run)
                .any(|&(s, idx)| !self.ents.names[idx].2 && s.end == run.end)
    }

    /// [`Self::resolve`], but a person named after a description and a comma is whom it
    /// describes ("said the agency's director, Orrin Velm, on Monday"): that person speaks,
    /// also for an organisation the description named ("a Quorvy Bank spokesman, Ivo Renn").
    fn resolve_apposed(&mut self, toks: &[Tok], np: (usize, usize), cue: &str) -> Attr {
        let attr = self.resolve(toks, np, cue);
        let first = self.word(&toks[np.0]);
        let described = lexicon::pronoun(first).is_none()
            && (lexicon::is_determiner(first) || first.starts_with(|c: char| c.is_lowercase()));
        if (attr.speaker.is_some() && !attr.org)
            || !described
            || !toks.get(np.1).is_some_and(|t| t.is_punct(','))
        {
            return attr;
        }
        let start = np.1 + 1;
        let mut end = start;
        while end < toks.len() && end - start < 5 && self.is_name_word(&toks[end]) {
            end += 1;
        }
        // the name ends the apposition: a comma or the sentence's end follows it
        let closed = toks
            .get(end)
            .is_none_or(|t| matches!(t.kind, Kind::Punct(',' | '.' | ';')));
        if end == start || !closed || !self.person_run(toks, start, end) {
            return attr;
        }
        let mut named = self.resolve(toks, (start, end), cue);
        if named.speaker.is_none() || named.org {
            return attr;
        }
        named.descriptor = self.descriptor(toks[np.0].start, toks[np.1 - 1].end);
        named
    }

    /// [`Self::resolve`], but a description after a name and a comma is that name's apposition
    /// ("Ivo Renn, economist at Quorvy Bank said", "Ivo Renn, a broker in Velm said"): the name
    /// speaks. `lo`: the first token the name may start at.
    fn resolve_described(
        &mut self,
        toks: &[Tok],
        np: (usize, usize),
        cue: &str,
        lo: usize,
    ) -> Attr {
        let attr = self.resolve(toks, np, cue);
        // (a description: it opens in lower case and is no pronoun, "economist at Quorvy
        // Bank", "a broker"; the bank it names does not speak)
        let first = self.word(&toks[np.0]);
        let described =
            first.starts_with(|c: char| c.is_lowercase()) && lexicon::pronoun(first).is_none();
        // (nor does an organisation the tagger took the job for: "Ivo Renn, Group Economics
        // Adviser at Quorvy Bank")
        if (attr.speaker.is_some() && !described && !attr.org)
            || np.0 < lo + 2
            || !toks[np.0 - 1].is_punct(',')
        {
            return attr;
        }
        let end = np.0 - 1;
        let mut start = end;
        while start > lo && self.is_name_word(&toks[start - 1]) {
            start -= 1;
        }
        // the name opens the clause: nothing before it but the clause's start or a comma
        let opens = start == lo || toks[start - 1].is_punct(',');
        if start == end || !opens || lexicon::pronoun(self.word(&toks[start])).is_some() {
            return attr;
        }
        let named = self.resolve(toks, (start, end), cue);
        if named.speaker.is_some() && !(attr.org && named.org) {
            named
        } else {
            attr
        }
    }

    /// After an opening phrase that ends in a place ("Speaking in Dunmore, North Velland, Orrin
    /// said"): the capitalised words between the next two commas name the place's region or
    /// country, not the subject. `k` is the token after the phrase's comma; returns where the
    /// subject may start.
    fn past_place_apposition(&self, toks: &[Tok], k: usize, cue: usize) -> usize {
        // the phrase ends with "in/at/from/near <Capitalised words>,"
        let mut p = k - 1;
        while p > 0 && self.is_name_word(&toks[p - 1]) {
            p -= 1;
        }
        if p + 1 == k
            || p == 0
            || !matches!(
                self.word(&toks[p - 1]),
                "in" | "at" | "from" | "near" | "outside" | "to"
            )
        {
            return k;
        }
        let mut e = k;
        while e < cue && e - k < 3 && self.is_name_word(&toks[e]) {
            e += 1;
        }
        let comma_then_name = e > k
            && toks.get(e).is_some_and(|t| t.is_punct(','))
            && e + 1 < cue
            && self.is_name_word(&toks[e + 1]);
        if comma_then_name {
            e + 1
        } else {
            k
        }
    }

    /// Where the subject starts when the opening phrase read up to comma `k - 1` goes on past it
    /// with a second adjective of its noun ("After a long, late-night vote, the board …"): a
    /// comma between two lower-case words, at most three more lower-case words that are no
    /// determiner, then a comma and a determiner or a name.
    fn past_coordinate_adjectives(&self, toks: &[Tok], k: usize, cue: usize) -> usize {
        let lower = |t: &Tok| t.is_word() && self.word(t).starts_with(|c: char| c.is_lowercase());
        if k < 2 || !toks[k - 1].is_punct(',') || !lower(&toks[k - 2]) {
            return k;
        }
        let mut e = k;
        while e < cue
            && e - k < 3
            && lower(&toks[e])
            && !lexicon::is_determiner(self.word(&toks[e]))
            && lexicon::pronoun(self.word(&toks[e])).is_none()
        {
            e += 1;
        }
        let then_subject = e > k
            && toks.get(e).is_some_and(|t| t.is_punct(','))
            && e + 1 < cue
            && (self.is_name_word(&toks[e + 1])
                || matches!(self.word(&toks[e + 1]), "the" | "a" | "an"));
        if then_subject {
            e + 1
        } else {
            k
        }
    }

    /// The words of a speaker phrase before the name, when they describe the speaker ("party
    /// leader Ada Quorve"): at least one lower-case word that is no determiner.
    fn descriptor(&self, from: usize, to: usize) -> Option<String> {
        let words: Vec<&str> = self.text.get(from..to)?.split_whitespace().collect();
        let words: Vec<&str> = words
            .into_iter()
            .skip_while(|w| lexicon::is_determiner(w))
            .collect();
        let described = words
            .iter()
            .any(|w| w.starts_with(|c: char| c.is_lowercase()) && !lexicon::is_determiner(w));
        (described && words.len() <= 8)
            .then(|| words.join(" ").trim_end_matches([',', ':']).to_string())
    }

    /// A phrase of one ordinary word (see [`is_ordinary_opener`]) that no entity covers and
    /// no name of the article ends or starts with.
    fn lone_ordinary(&self, toks: &[Tok], np: (usize, usize)) -> bool {
        let t = &toks[np.0];
        let w = self.word(t);
        np.1 - np.0 == 1
            && is_ordinary_opener(w)
            && self
                .ents
                .overlapping(Span::new(t.start, t.end))
                .next()
                .is_none()
            && self.ents.by_surname(w).is_none()
    }

    /// A capitalised word that can be part of a name (not a determiner or pronoun).
    fn is_name_word(&self, t: &Tok) -> bool {
        if !t.is_word() {
            return false;
        }
        name_like(self.word(t))
    }

    /// Antecedent of relative "who": the phrase before ", who".
    fn antecedent_who(&mut self, toks: &[Tok], who: usize) -> (Option<String>, Gender, bool) {
        let mut k = who;
        if k > 0 && toks[k - 1].is_punct(',') {
            k -= 1;
        }
        let lo = self.sentence_start(toks, k.saturating_sub(1));
        match self.np_before(toks, k, lo) {
            Some(np) if lexicon::pronoun(self.word(&toks[np.0])).is_none() => {
                let a = self.resolve_described(toks, np, "", lo);
                (a.speaker, a.gender, a.org)
            }
            _ => (None, Gender::Unknown, false),
        }
    }

    /// The antecedent of he/she (a person of compatible gender) or it/they (an organisation):
    /// the nearest candidate named after the previous attributed quotation, else the previous
    /// speaker when compatible, else the nearest candidate before.
    fn antecedent(&self, pos: usize, p: Pronoun) -> (Option<String>, Gender, bool) {
        let fits = |gender: Gender, org: bool| match p {
            Pronoun::He => !org && gender != Gender::Female,
            Pronoun::She => !org && gender != Gender::Male,
            Pronoun::It => org,
            Pronoun::They => org,
            Pronoun::Who | Pronoun::Speaker => false,
        };
        let upto = self.ents.mentions.partition_point(|(s, _)| s.start < pos);
        // "she" prefers a name known to be female over a nearer one of unknown gender
        let strict = |g: Gender, o: bool| fits(g, o) && (p != Pronoun::She || g == Gender::Female);
        let mut nearest = None;
        for pass in [true, false] {
            if pass && p != Pronoun::She {
                continue;
            }
            let ok = |g: Gender, o: bool| if pass { strict(g, o) } else { fits(g, o) };
            let candidates = || {
                self.ents.mentions[..upto]
                    .iter()
                    .rev()
                    .filter(|(s, _)| !self.in_quote(s.start))
                    .filter(|(_, idx)| {
                        let (_, g, o) = self.ents.names[*idx];
                        ok(g, o)
                    })
            };
            // a person pronoun takes up a subject (centering): the nearest mention that opens a
            // clause, within a few paragraphs, before a nearer one in an object or possessive
            // ("Ferrand wrote to President Velm ... He said")
            let subject = candidates()
                .take_while(|(s, _)| s.start + SUBJECT_REACH >= pos)
                .find(|(s, _)| matches!(p, Pronoun::He | Pronoun::She) && self.opens_clause(*s));
            let from_ents = subject.or_else(|| candidates().next()).map(|(s, idx)| {
                let (n, g, o) = self.ents.names[*idx];
                (s.start, n.to_string(), g, o)
            });
            let from_local = self
                .local
                .iter()
                .rev()
                .find(|(at, _, g)| *at < pos && ok(*g, false))
                .map(|(at, n, g)| (*at, n.clone(), *g, false));
            nearest = [from_ents, from_local]
                .into_iter()
                .flatten()
                .max_by_key(|c| c.0);
            if matches!(p, Pronoun::He | Pronoun::She)
                && nearest.as_ref().is_none_or(|c| c.0 < self.last_end)
            {
                // names the entities missed, mentioned since the last quotation
                if let Some(t) =
                    self.name_in_text(self.last_end.max(pos.saturating_sub(1500)), pos, &ok)
                {
                    if nearest.as_ref().is_none_or(|c| t.0 > c.0) {
                        nearest = Some(t);
                    }
                }
            }
            if nearest.is_some() {
                break;
            }
        }
        let after_last = |c: &Option<(usize, String, Gender, bool)>| {
            c.as_ref().is_some_and(|c| c.0 >= self.last_end)
        };
        if let Some((_, last)) = &self.last {
            if !after_last(&nearest)
                && last.speaker.is_some()
                && fits(last.gender, last.org)
                && last.mention.start < pos
            {
                return (last.speaker.clone(), last.gender, last.org);
            }
        }
        match nearest {
            Some((_, n, g, o)) => (Some(n), g, o),
            None => (
                None,
                Gender::Unknown,
                matches!(p, Pronoun::It | Pronoun::They),
            ),
        }
    }

    /// A person's name in the text shortly before `pos` (two or more capitalised words starting
    /// with a first name of compatible gender), for articles whose entities missed it.
    fn name_in_text(
        &self,
        from: usize,
        pos: usize,
        fits: &dyn Fn(Gender, bool) -> bool,
    ) -> Option<(usize, String, Gender, bool)> {
        let mut from = from.min(pos);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        let window = &self.text[from..pos];
        let mut best = None;
        let mut words = window
            .split_inclusive(|c: char| c.is_whitespace())
            .peekable();
        let mut at = from;
        // the words before the current one, nearest last
        let mut prev: Vec<&str> = Vec::new();
        while let Some(w) = words.next() {
            let word = w.trim_end();
            let here = at;
            at += w.len();
            if prev.len() == 4 {
                prev.remove(0);
            }
            prev.push(word);
            let before = &prev[..prev.len() - 1];
            if self.in_quote(here) {
                continue;
            }
            // the subject of a reporting verb outside quotations ("Ferrand said the talks ..."):
            // one capitalised word no dictionary writes in lower case, or the surname of a person
            // the article names
            if let Some(next) = words.peek() {
                let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                let verb = next.trim_end().trim_end_matches([',', '.', ':', ';']);
                // a name of one word after a clause's end or a lower-case word, or after a title
                // ("Energy Minister Ferrand said"); not after a determiner, a preposition or
                // other capitalised words ("the Texas Democrat said", "a spokesman for Norland
                // Mills said")
                let caps = before
                    .iter()
                    .rev()
                    .take_while(|w| {
                        w.starts_with(|c: char| c.is_uppercase())
                            && !w.ends_with([',', '.', ';', ':'])
                    })
                    .count();
                let titled = before
                    .iter()
                    .rev()
                    .take(caps)
                    .any(|w| lexicon::title_gender(w).is_some());
                let lead = before.len().checked_sub(caps + 1).map_or("", |i| before[i]);
                let alone = titled
                    || caps == 0
                        && (lead.is_empty()
                            || lead.ends_with([',', '.', ';', ':'])
                            || lead.starts_with(|c: char| c.is_lowercase())
                                && !lexicon::is_determiner(lead)
                                && !is_preposition(lead));
                if alone
                    && bare.len() > 1
                    && word == bare
                    && verb.chars().all(char::is_lowercase)
                    && lexicon::is_cue(verb)
                    && self.is_subject_name(bare)
                {
                    let (name, g) = match self
                        .ents
                        .by_surname(bare)
                        .filter(|&i| !self.ents.names[i].2)
                    {
                        Some(i) => (self.ents.names[i].0.to_string(), self.ents.names[i].1),
                        None => {
                            // the given names between the title and the surname go with it
                            let given = before
                                .iter()
                                .rev()
                                .take(caps)
                                .take_while(|w| lexicon::title_gender(w).is_none())
                                .count();
                            let mut name: Vec<&str> = before[before.len() - given..].to_vec();
                            name.push(bare);
                            (name.join(" "), Gender::Unknown)
                        }
                    };
                    if fits(g, false) {
                        best = Some((here, name, g, false));
                    }
                    continue;
                }
            }
            let g = lexicon::first_name_gender(word);
            if g == Gender::Unknown || !fits(g, false) {
                continue;
            }
            let Some(next) = words.peek() else { continue };
            let surname = next
                .trim_end()
                .trim_end_matches(|c: char| !c.is_alphanumeric());
            if surname.len() > 1
                && surname.starts_with(|c: char| c.is_uppercase())
                && surname
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '’' || c == '\'')
            {
                best = Some((here, format!("{word} {surname}"), g, false));
            }
        }
        best
    }

    /// A capitalised word that names someone when it is a clause's subject: not a word the
    /// casing lexicon writes in lower case ("Officials said"), a pronoun or a determiner.
    fn is_subject_name(&self, w: &str) -> bool {
        name_like(w)
            && w.chars().skip(1).any(char::is_lowercase)
            && !crate::truecase::Truecaser::builtin().is_lower_word(w)
    }

    /// Whether a name mention stands where a clause's subject does: at the start of its
    /// sentence or clause, or after a title or a conjunction, and not followed by a possessive.
    fn opens_clause(&self, m: Span) -> bool {
        let after = self.text.get(m.end..).unwrap_or("");
        if after.starts_with("’s") || after.starts_with("'s") {
            return false;
        }
        let before = self
            .text
            .get(m.start.saturating_sub(200)..m.start)
            .unwrap_or("");
        let mut words = before
            .rsplit(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty());
        for _ in 0..8 {
            let Some(w) = words.next() else { return true };
            if w.ends_with(['.', ',', ';', ':', '!', '?', '"', '“', '”', ')'])
                || w.ends_with(['—', '–'])
            {
                return true;
            }
            if w.starts_with(|c: char| c.is_uppercase()) {
                // a title or a name's other words ("Energy Minister", "Ada")
                continue;
            }
            if matches!(
                w,
                "and"
                    | "but"
                    | "then"
                    | "that"
                    | "while"
                    | "when"
                    | "as"
                    | "because"
                    | "after"
                    | "before"
                    | "if"
                    | "although"
                    | "since"
            ) {
                return true;
            }
            // "said Ferrand": the speaker after the verb ("told Ferrand" is the listener)
            if lexicon::cue_lemma(w).is_some_and(|l| {
                matches!(
                    l,
                    "say"
                        | "add"
                        | "argue"
                        | "note"
                        | "explain"
                        | "insist"
                        | "write"
                        | "state"
                        | "warn"
                        | "claim"
                        | "declare"
                )
            }) {
                return true;
            }
            // an object after a preposition, a verb or a determiner ("wrote to Velm", "praised
            // Velm", "the Velm plan"); other lower-case words describe the name ("party chairman
            // Ada Velm") and the clause may open before them
            if w == "to" && words.next() == Some("according") {
                return true;
            }
            if is_preposition(w)
                || lexicon::is_determiner(w)
                || lexicon::is_np_stop(w)
                || w.ends_with("ed")
                || w.contains(['’', '\''])
            {
                return false;
            }
        }
        false
    }

    fn in_quote(&self, pos: usize) -> bool {
        let i = self.marked.partition_point(|m| m.end <= pos);
        self.marked.get(i).is_some_and(|m| m.start <= pos)
    }
}

#[cfg(test)]
mod tests;
