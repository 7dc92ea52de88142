//! Token helpers shared by the rule passes: finding tokens and blocks, joined words, capitalised
//! words, numbers, and the places a name is named at.

use super::features::{self, TokInfo, F_CAP, F_PUNCT};
use super::lexicon::{MUSEUM_HEADS, PLACE_PREPS, SITE_HEADS};
use super::Mention;
use crate::gazetteer::class;
use crate::model::{EntityKind, Span};
use crate::tokenize::Token;

/// Tokens of one block with their properties.
pub(super) struct BlockToks {
    pub(super) toks: Vec<Token>,
    pub(super) infos: Vec<TokInfo>,
}

/// The token holding byte offset `off` (or the next one).
pub(super) fn token_at(toks: &[Token], off: usize) -> usize {
    toks.partition_point(|t| (t.end as usize) <= off)
}

/// The tokens `span` covers, as `(first, end)`; `None` when it reaches past the last token.
pub(super) fn token_range(toks: &[Token], span: Span) -> Option<(usize, usize)> {
    let (a, b) = (token_at(toks, span.start), token_at(toks, span.end - 1) + 1);
    (a < b && b <= toks.len()).then_some((a, b))
}

/// The span of a block's tokens and the index of its first mention in `out` (sorted by start).
pub(super) fn block_of(toks: &[Token], out: &[Mention]) -> Option<(Span, usize)> {
    let (first, last) = (toks.first()?, toks.last()?);
    let block = Span::new(first.start as usize, last.end as usize);
    Some((block, out.partition_point(|m| m.span.start < block.start)))
}

/// Makes `out[*k]` the organisation `span`, dropping the block's other mentions inside `span`
/// (from `first_in_block` on); `*k` follows the removals.
pub(super) fn widen_to_org(
    out: &mut Vec<Mention>,
    first_in_block: usize,
    k: &mut usize,
    span: Span,
) {
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
    out[*k] = Mention {
        span,
        kind: EntityKind::Org,
        score,
    };
}

/// Makes `span` a mention of `kind`, taking the place of the block's mentions inside it (from
/// `first_in_block` on), unless a mention crosses its edges.
pub(super) fn set_kind(
    out: &mut Vec<Mention>,
    first_in_block: usize,
    span: Span,
    kind: EntityKind,
) {
    if out[first_in_block..]
        .iter()
        .any(|m| m.span.overlaps(&span) && !span.contains(&m.span))
    {
        return;
    }
    // only the block's mentions can lie inside a span of its tokens
    let mut block = out.split_off(first_in_block);
    block.retain(|m| !(span.contains(&m.span) && m.span != span));
    match block.iter_mut().find(|m| m.span == span) {
        Some(m) => m.kind = kind,
        None => block.push(Mention {
            span,
            kind,
            score: 1.0,
        }),
    }
    out.append(&mut block);
}

/// Whether token `j` follows token `j - 1` on the same line with at most two spaces between.
pub(super) fn joined(text: &str, toks: &[Token], j: usize) -> bool {
    let (a, b) = (toks[j - 1].end as usize, toks[j].start as usize);
    !toks[j].sent_start && b >= a && b - a <= 2 && text.as_bytes()[a..b].iter().all(|&c| c == b' ')
}

/// Byte ranges of the blocks that have tokens, in text order, to find a mention's block.
pub(super) struct BlockIndex(Vec<(Span, usize)>);

impl BlockIndex {
    pub(super) fn new(docs: &[BlockToks]) -> Self {
        BlockIndex(
            docs.iter()
                .enumerate()
                .filter_map(|(k, d)| {
                    Some((
                        Span::new(d.toks.first()?.start as usize, d.toks.last()?.end as usize),
                        k,
                    ))
                })
                .collect(),
        )
    }

    /// The block holding `s`, and the range of its tokens that `s` covers.
    pub(super) fn locate<'a>(
        &self,
        docs: &'a [BlockToks],
        s: Span,
    ) -> Option<(&'a BlockToks, usize, usize)> {
        let i = self.0.partition_point(|(b, _)| b.end <= s.start);
        let d = self
            .0
            .get(i)
            .filter(|(b, _)| b.contains(&s))
            .map(|&(_, k)| &docs[k])?;
        let (a, b) = token_range(&d.toks, s)?;
        Some((d, a, b))
    }
}

/// Where a name starting at token `a` starts with its article: at the "the" before it in the
/// same sentence, if there is one.
pub(super) fn with_article(text: &str, toks: &[Token], a: usize) -> usize {
    if a > 0 && matches!(toks[a - 1].as_str(text), "the" | "The") && !toks[a].sent_start {
        a - 1
    } else {
        a
    }
}

/// A preposition of place, in the same sentence, before the name at token `a` and its article
/// ("at the Harlow Space Center").
pub(super) fn after_place_preposition(text: &str, toks: &[Token], a: usize) -> bool {
    let p = with_article(text, toks, a);
    p > 0 && !toks[p].sent_start && PLACE_PREPS.contains(&toks[p - 1].as_str(text))
}

/// "in <known place>" right after a name ending before token `b` ("the Kelmore Science
/// Center in Velbury").
pub(super) fn before_place(text: &str, toks: &[Token], infos: &[TokInfo], b: usize) -> bool {
    b + 1 < toks.len()
        && toks[b].as_str(text) == "in"
        && !toks[b].sent_start
        && !toks[b + 1].sent_start
        && place_word(&infos[b + 1])
}

/// Whether tokens `a..b` hold one of `heads` last or before "of".
pub(super) fn headed_by(text: &str, toks: &[Token], a: usize, b: usize, heads: &[&str]) -> bool {
    (a..b).any(|j| {
        heads.contains(&toks[j].as_str(text)) && (j + 1 == b || toks[j + 1].as_str(text) == "of")
    })
}

/// A name of tokens `a..b` that is a place built: a museum's, gallery's or hospital's name, or
/// an institution's name that is also a building (`SITE_HEADS`) named as a place ("at Harlow
/// Space Center", "the Kelmore Science Center in Velbury").
pub(super) fn named_as_site(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    a: usize,
    b: usize,
) -> bool {
    headed_by(text, toks, a, b, MUSEUM_HEADS)
        || headed_by(text, toks, a, b, SITE_HEADS)
            && (after_place_preposition(text, toks, a) || before_place(text, toks, infos, b))
}

/// A word the dictionaries know as (part of) a country, city or region.
pub(super) fn place_word(i: &TokInfo) -> bool {
    (i.wclass | if i.ppos != 0 { i.pclass } else { 0 })
        & (class::COUNTRY | class::CITY | class::REGION)
        != 0
}

/// Folded hash of a name's words (as `consistency` votes on them).
pub(super) fn surface_hash(s: &str) -> u64 {
    let mut h = 0u64;
    for w in s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        h = (h.rotate_left(23) ^ crate::gazetteer::token_hash(w))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    h
}

/// A number token without letters ("71", "3-27", "205-6").
pub(super) fn is_number(info: &TokInfo) -> bool {
    info.flags & features::F_DIGIT != 0
        && info.flags & (F_CAP | features::F_LOWER | features::F_ALLCAPS) == 0
}

/// Token `j` is the time zone of a clock time ("1801 GMT"), which no name starts with.
pub(super) fn clock_time_zone(text: &str, toks: &[Token], infos: &[TokInfo], j: usize) -> bool {
    j > 0 && is_number(&infos[j - 1]) && crate::dates::is_time_zone(toks[j].as_str(text))
}

/// A capitalised word that is no punctuation.
pub(super) fn cap_word(info: &TokInfo) -> bool {
    info.flags & F_CAP != 0 && info.flags & F_PUNCT == 0
}

/// The first token of the run of joined capitalised words that ends at `last` (not before `s0`).
pub(super) fn name_start(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    s0: usize,
    last: usize,
) -> usize {
    let mut r = last;
    while r > s0 && cap_word(&infos[r - 1]) && joined(text, toks, r) {
        r -= 1;
    }
    r
}
