//! Block-level rule passes over the tagger's output (`repair` and the passes it runs).

use super::features::{self, TokInfo, F_CAP, F_CAPS_SENT, F_LOWER, F_PUNCT};
use super::lexicon::{
    hyphenated_given_name, is_company_suffix, not_a_name, FUNCTION_WORDS, KIND_NOUNS, KIND_WORDS,
    NOT_NAMES_SET, NUMBERED_NOUNS, ORG_CONNECTORS, ORG_HEADS_SET, ORG_ONLY_HEADS_SET,
    PLACE_FIRST_WORDS, PLACE_HEADS, SITE_HEADS,
};
use super::tokens::{
    block_of, cap_word, is_number, joined, name_start, named_as_site, set_kind, surface_hash,
    token_at, token_range, widen_to_org,
};
use super::{Mention, Pass};
use crate::gazetteer::{class, Gazetteer};
use crate::model::{EntityKind, Span};
use crate::tokenize::Token;

pub(super) fn kind_of_classes(c: u16) -> Option<EntityKind> {
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
///    as that kind; a capitalised word known only as an organisation or armed group is tagged if untagged;
/// 2. "<title> <first name> <Name>" tagged as ORG/LOC becomes a person without the title;
/// 3. a person name followed by capitalised words ending in an organisation head noun is
///    the organisation ("the Arlo Venn International Scholars Center"), and so is a name
///    the tagger split at a place's name before such a head (`org_heads`);
/// 4. storms, vessels, places built and hyphenated given names (`kinds_and_facilities`);
///    then names tied to a person by "of" or a possessive (`affiliations`);
/// 5. company names with a legal suffix; 6. teams in sports results.
#[allow(clippy::too_many_arguments)]
pub(super) fn repair(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    matches: &[crate::gazetteer::Match],
    gaz: &Gazetteer,
    off: u64,
    out: &mut Vec<Mention>,
    not_names: &mut Vec<u64>,
) {
    let on = |p: Pass| off & (1u64 << p as u32) == 0;
    let matches = if on(Pass::Dictionary) { matches } else { &[] };
    let tok_span = |a: usize, b: usize| Span::new(toks[a].start as usize, toks[b - 1].end as usize);
    let block = match (toks.first(), toks.last()) {
        (Some(f), Some(l)) => Span::new(f.start as usize, l.end as usize),
        _ => return,
    };
    let first_in_block = out.partition_point(|m| m.span.end <= block.start);
    // The block's mentions while steps 1 to 1c run: removed ones become `None`, new ones are
    // appended, so the order is what removing and pushing in `out` would give. The tagger's
    // mentions are in order and never overlap, and step 1 keeps it so; then the mentions that
    // overlap a span are found by their start (`by_start`) instead of by a scan of the block
    // for every dictionary match, which made a block of N capitalised words cost N² steps.
    let mut slots: Vec<Option<Mention>> = out.drain(first_in_block..).map(Some).collect();
    let ordered = slots
        .iter()
        .all(|m| m.is_some_and(|m| m.span.start < m.span.end))
        && slots
            .windows(2)
            .all(|w| matches!(w, [Some(a), Some(b)] if a.span.end <= b.span.start));
    let mut by_start: std::collections::BTreeMap<usize, usize> = if ordered {
        slots
            .iter()
            .enumerate()
            .filter_map(|(k, m)| m.map(|m| (m.span.start, k)))
            .collect()
    } else {
        Default::default()
    };
    // The live mentions that overlap `span` with their slots, in slot order.
    let overlapping = |slots: &[Option<Mention>],
                       by_start: &std::collections::BTreeMap<usize, usize>,
                       span: Span|
     -> Vec<(usize, Mention)> {
        let live = |k: usize| slots[k].filter(|o| o.span.overlaps(&span)).map(|o| (k, o));
        if !ordered {
            return (0..slots.len()).filter_map(live).collect();
        }
        let before = by_start.range(..span.start).next_back().map(|(_, &k)| k);
        let mut found: Vec<(usize, Mention)> = before
            .into_iter()
            .chain(by_start.range(span.start..span.end).map(|(_, &k)| k))
            .filter_map(live)
            .collect();
        found.sort_unstable_by_key(|&(k, _)| k);
        found
    };
    // 1. dictionary names
    for m in matches {
        // a name ends in a capitalised word: "The valley" at a sentence start is no place
        if m.end - m.start < 2
            || infos[m.start].flags & F_CAPS_SENT != 0
            || infos[m.end - 1].flags & F_LOWER != 0
        {
            continue;
        }
        let cls = gaz.entry(m.entry).classes;
        // a country's multi-word other name ("Republic of Zarnia") is a place
        let variant = cls & class::NATIONAL != 0
            && cls & (class::PERSON | class::ORG | class::ARMED | class::IGO) == 0;
        let Some(kind) = kind_of_classes(cls).or(variant.then_some(EntityKind::Loc)) else {
            continue;
        };
        let span = tok_span(m.start, m.end);
        let overlapping = overlapping(&slots, &by_start, span);
        if overlapping
            .iter()
            .any(|(_, o)| o.span == span && o.kind == kind)
        {
            continue;
        }
        if overlapping.iter().any(|(_, o)| !span.contains(&o.span)) {
            continue; // part of a longer name
        }
        for &(k, o) in &overlapping {
            slots[k] = None;
            if ordered {
                by_start.remove(&o.span.start);
            }
        }
        if ordered {
            by_start.insert(span.start, slots.len());
        }
        slots.push(Some(Mention {
            span,
            kind,
            score: 1.0,
        }));
    }
    // 1b. a name tagged as an organisation that the dictionaries know only as a place (a
    // country, a city), or the other way round ("V.L.F."), takes the dictionary's kind
    for m in matches {
        if infos[m.start].flags & F_CAPS_SENT != 0 {
            continue;
        }
        let cls = gaz.entry(m.entry).classes;
        // a country's other names ("ZR", "Old Zarnia") are places too; demonyms are no names at all
        let variant = cls & class::NATIONAL != 0
            && cls & (class::PERSON | class::ORG | class::ARMED | class::IGO) == 0
            && !(m.end - m.start == 1 && not_a_name(toks[m.start].as_str(text), cls));
        let Some(kind) = kind_of_classes(cls).or(variant.then_some(EntityKind::Loc)) else {
            continue;
        };
        if kind == EntityKind::Person {
            continue;
        }
        let span = tok_span(m.start, m.end);
        for (k, _) in overlapping(&slots, &by_start, span) {
            if let Some(o) = slots[k]
                .as_mut()
                .filter(|o| o.span == span && o.kind != kind && o.kind != EntityKind::Person)
            {
                o.kind = kind;
                o.score = o.score.max(1.0);
            }
        }
    }
    // 1c. a capitalised word the dictionaries know only as the name of an organisation or an
    // armed group ("Velvora", "Brightwell", "Quantrix"), or only as a person's (a leader the
    // actor dictionaries list by surname), that the tagger left out
    for m in matches {
        let cls = gaz.entry(m.entry).classes;
        // (or a person's: a leader the actor dictionaries list under the surname alone)
        let person = cls == class::PERSON;
        if m.end - m.start != 1
            || infos[m.start].flags & (F_CAPS_SENT | F_CAP) != F_CAP
            || cls == 0
            || cls & !(class::ORG | class::ARMED) != 0 && !person
        {
            continue;
        }
        // an ordinary word spelled like an acronym ("Let" at a sentence start) is no name
        // (a surname also an inflected ordinary word, "Rivers", stays out)
        let ordinary = || {
            let (tc, w) = (
                crate::truecase::Truecaser::builtin(),
                toks[m.start].as_str(text),
            );
            if person {
                tc.is_ordinary_word(w)
            } else {
                tc.is_lower_word(w)
            }
        };
        let allowed = if person {
            class::PERSON | class::LAST
        } else {
            class::ORG | class::ARMED
        };
        if infos[m.start].wclass & !allowed != 0
            || infos[m.start].flags & F_PUNCT != 0
            || ordinary()
        {
            continue;
        }
        let span = tok_span(m.start, m.end);
        if overlapping(&slots, &by_start, span).is_empty() {
            if ordered {
                by_start.insert(span.start, slots.len());
            }
            slots.push(Some(Mention {
                span,
                kind: if person {
                    EntityKind::Person
                } else {
                    EntityKind::Org
                },
                score: 1.0,
            }));
        }
    }
    out.extend(slots.into_iter().flatten());
    for o in out[first_in_block..].iter_mut() {
        let m = *o;
        let Some((a, b)) = token_range(toks, m.span) else {
            continue;
        };
        // 2. title + first name
        if m.kind != EntityKind::Person && on(Pass::TitledPerson) {
            let mut i = a;
            while i < b
                && infos[i].wclass & class::TITLE != 0
                && infos[i].wclass & class::FIRST == 0
            {
                i += 1;
            }
            let name_like = (i..b).all(|j| {
                infos[j].flags & F_CAP != 0 && !ORG_HEADS_SET.contains(toks[j].as_str(text))
            }) && i < b
                && (infos[i].wclass & class::FIRST != 0
                    || infos[i].wclass == 0 && infos[i].ppos == 0);
            // a title and a surname alone ("Cardinal Quennel"): a word no list knows but as a
            // name, and no ordinary word ("General Motors" stays a company)
            // (looked up only for a titled name, after the cheaper tests)
            let surname = || {
                b - i == 1
                    && infos[i].wclass & !(class::FIRST | class::LAST) == 0
                    && infos[i].ppos == 0
                    && infos[i].flags & features::F_ALLCAPS == 0
                    && toks[i].as_str(text).chars().all(char::is_alphabetic)
                    && !crate::truecase::Truecaser::builtin().is_ordinary_word(toks[i].as_str(text))
            };
            if i > a && name_like && (b - i >= 2 || surname()) {
                *o = Mention {
                    span: tok_span(i, b),
                    kind: EntityKind::Person,
                    score: m.score,
                };
                continue;
            }
        }
        // 3. person name inside an organisation's name
        if m.kind == EntityKind::Person && on(Pass::PersonInOrg) {
            let mut j = b;
            while j < toks.len()
                && j < b + 5
                && infos[j].flags & F_CAP != 0
                && toks[j].start == toks[j - 1].end + 1
            {
                j += 1;
            }
            if j > b && ORG_HEADS_SET.contains(toks[j - 1].as_str(text)) {
                let span = tok_span(a, j);
                *o = Mention {
                    span,
                    kind: EntityKind::Org,
                    score: m.score,
                };
            } else if b - a >= 2 && ORG_HEADS_SET.contains(toks[b - 1].as_str(text)) {
                // "Civic Unity Party", "Venn Foundation": a person's name does not end in "Party"
                o.kind = EntityKind::Org;
            }
        }
        // 2b. a title and one ordinary word in the plural that no list knows as a name ("General
        // Motors' plant"): a company named with a title's word, not a titled person
        if o.kind == EntityKind::Person && o.span == m.span && on(Pass::TitledPerson) {
            let title = |j: usize| {
                infos[j].wclass & class::TITLE != 0
                    && infos[j].wclass & class::FIRST == 0
                    && infos[j].flags & F_CAP != 0
            };
            let mut e = b;
            while e > a + 1 && infos[e - 1].flags & F_PUNCT != 0 {
                e -= 1;
            }
            let mut s = a;
            while s > 0 && title(s - 1) && toks[s - 1].end < toks[s].start {
                s -= 1;
            }
            let w = toks[e - 1].as_str(text);
            // (in a sentence of prose: a title-case headline's "Armed Attacks" is no company)
            let prose = || {
                let mut s0 = a;
                while s0 > 0 && !toks[s0].sent_start {
                    s0 -= 1;
                }
                let mut s1 = b;
                while s1 < toks.len() && !toks[s1].sent_start {
                    s1 += 1;
                }
                (s0..s1).any(|j| infos[j].flags & F_LOWER != 0 && toks[j].end - toks[j].start >= 4)
            };
            // (the title opens the capitalised run: in "Quorvy Investor Services" a longer
            // name goes on before it)
            let opens_run = s == 0 || infos[s - 1].flags & F_CAP == 0 || toks[s].sent_start;
            if e - s >= 2
                && opens_run
                && (s..e - 1).all(title)
                && infos[e - 1].wclass == 0
                && super::lexicon::is_plural_word(w)
                && crate::truecase::Truecaser::builtin().is_ordinary_word(w)
                && prose()
            {
                *o = Mention {
                    span: tok_span(s, e),
                    kind: EntityKind::Org,
                    score: m.score,
                };
            }
        }
    }
    // 3b. a place's name followed by an organisation's head noun is that organisation
    // ("Kelmore Institute of Marine Studies", "University of North Zarnia")
    if on(Pass::OrgHeads) {
        org_heads(text, toks, infos, out);
    }
    // 4. storms and vessels, places built, hyphenated given names (before the company and
    // team rules, which know better: "Velbury Palace 4 1 2 1")
    if on(Pass::KindsAndFacilities) {
        kinds_and_facilities(text, toks, infos, out, not_names);
    }
    // 4b. a name no dictionary knows as a place, tied to a person by "of" or a possessive, is
    // the person's organisation ("Tam Ka-wing of Velvora", "Velvora's Lee Siu-man")
    if on(Pass::Affiliations) {
        affiliations(text, toks, infos, gaz, out);
    }
    // 5. a company name with a legal suffix ("Velmora Co Ltd", "<Velmora Industrie Nederland BV>")
    if on(Pass::CompanySuffixes) {
        company_suffixes(text, toks, infos, first_in_block, out);
    }
    // 6. teams in sports results and standings ("Dunmarrow 71 and 205 , Kelmore 312")
    if on(Pass::ResultsLines) {
        results_lines(text, toks, infos, first_in_block, out);
    }
    // 7. competitors in results rows ("Tamsir Oukrane ( Velmora ) 3:49.09")
    if on(Pass::Entrants) {
        entrants(text, toks, infos, first_in_block, out);
    }
    // 8. the source named in a dateline ("Lima, 19 May 88 (Radio Velmora) -- ...")
    if on(Pass::DatelineSources) {
        dateline_sources(text, toks, infos, first_in_block, out);
    }
    // 9. press outlets beside the noun that says what they are ("Quorvex news agency said")
    if on(Pass::PressNames) {
        press_names(text, toks, infos, first_in_block, out);
    }
    // drop mentions swallowed by a widened one
    let mut tail: Vec<Mention> = out.split_off(first_in_block);
    tail.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut kept: Vec<Mention> = Vec::with_capacity(tail.len());
    for m in tail {
        if kept
            .last()
            .is_some_and(|p: &Mention| p.span.contains(&m.span))
        {
            continue;
        }
        kept.push(m);
    }
    out.extend(kept);
}

/// Joins a name the tagger split at a place's name into the organisation it names: a mention
/// followed by capitalised words that reach an organisation's head noun ("Kelmore" +
/// "Institute of Marine Studies"), or an organisation's mention whose name goes on after "of"
/// ("University of North" + "Zarnia"), or a mention after "<Head> of" ("the Church of" +
/// "Velmorism"). Also a mention that ends in such a head, or has one before "of", and was
/// tagged as a place is an organisation ("Brackenfold College"). People's names never reach a
/// head across a lower-case word ("Arlo Venn of Kelmore University").
pub(super) fn org_heads(text: &str, toks: &[Token], infos: &[TokInfo], out: &mut Vec<Mention>) {
    let Some((block, first_in_block)) = block_of(toks, out) else {
        return;
    };
    out[first_in_block..].sort_by_key(|m| (m.span.start, m.span.end));
    let w = |j: usize| toks[j].as_str(text);
    let n = toks.len();
    let head_at = |j: usize| {
        ORG_ONLY_HEADS_SET.contains(w(j))
            || w(j) == "Bank" && j + 1 < n && w(j + 1) == "of" && joined(text, toks, j + 1)
    };
    let casing = crate::truecase::Truecaser::builtin();
    // a capitalised word that continues a name on the same line
    let cont = |j: usize| {
        j < n && joined(text, toks, j) && cap_word(&infos[j]) && infos[j].flags & F_CAPS_SENT == 0
    };
    let mut k = first_in_block;
    while k < out.len() {
        let m = out[k];
        let tokens = block
            .contains(&m.span)
            .then(|| token_range(toks, m.span))
            .flatten();
        let Some((a, b)) = tokens.filter(|&(a, _)| infos[a].flags & F_CAPS_SENT == 0) else {
            k += 1;
            continue;
        };
        // "<Head> of" before the mention ("University of" + "Velbury"), the head capitalised
        // and not at the start of a sentence that could make it any word
        if m.kind != EntityKind::Person
            && a >= 2
            && w(a - 1) == "of"
            && joined(text, toks, a)
            && joined(text, toks, a - 1)
            && head_at(a - 2)
            && !toks[a - 2].sent_start
        {
            let mut st = name_start(text, toks, infos, 0, a - 2);
            // "The Church of ...": an article or another word that is no name is left out
            while st < a - 2 && not_a_name(w(st), infos[st].wclass) {
                st += 1;
            }
            let span = Span::new(toks[st].start as usize, m.span.end);
            if !out[first_in_block..]
                .iter()
                .any(|o| o.span.overlaps(&span) && !span.contains(&o.span) && o.span != m.span)
            {
                widen_to_org(out, first_in_block, &mut k, span);
                k += 1;
                continue;
            }
        }
        // the head inside the mention, or reached by capitalised words right after it
        let mut h = (a..b)
            .rev()
            .find(|&j| head_at(j) && (j + 1 == b || matches!(w(j + 1), "of" | "for")));
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
        // a place's name cut after its first word ("University of North" + "Zarnia")
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
            // (a day or a month after "on" is a date: "Kelmore Council on Monday")
            let date = |j: usize| crate::dates::names_a_day_or_month(w(j));
            if c == end
                || w(end) == "the"
                || c == end + 2 && w(end + 1) != "the"
                || !cont(c)
                || date(c)
            {
                break;
            }
            let mut e = c;
            while cont(e) {
                e += 1;
            }
            end = e;
        }
        // capitalised words right before the name that no other mention holds ("Velmoran Home"
        // + "Loan Bank Board"); a sentence's first word only when it is no ordinary word
        let free = |j: usize| {
            !out[first_in_block..].iter().any(|o| {
                o.span
                    .overlaps(&Span::new(toks[j].start as usize, toks[j].end as usize))
            })
        };
        let mut st = a;
        while st > 0
            && joined(text, toks, st)
            && cap_word(&infos[st - 1])
            && infos[st - 1].flags & F_CAPS_SENT == 0
            && !not_a_name(w(st - 1), infos[st - 1].wclass)
            && !(toks[st - 1].sent_start && casing.is_ordinary_word(w(st - 1)))
            && !toks[st].sent_start
            && free(st - 1)
        {
            st -= 1;
        }
        if end == b && st == a && m.kind == EntityKind::Org {
            k += 1;
            continue;
        }
        let span = Span::new(toks[st].start as usize, toks[end - 1].end as usize);
        // a mention reaching out of the joined name: leave both alone
        if out[first_in_block..]
            .iter()
            .any(|o| o.span.overlaps(&span) && !span.contains(&o.span))
        {
            k += 1;
            continue;
        }
        widen_to_org(out, first_in_block, &mut k, span);
        k += 1;
    }
}

/// A name tied to a person is that person's organisation unless the dictionaries know it as a
/// place: "<person> of [the] <name>" ("Tam Ka-wing of VLF", "Corin Vale of Civic
/// Renewal") and "<name>'s <person>" ("Velvora's Lee Siu-man"). A place-like name the tagger
/// took for a place is retyped; an untagged acronym or run of capitalised words after "<person>
/// of" is added.
pub(super) fn affiliations(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    gaz: &Gazetteer,
    out: &mut Vec<Mention>,
) {
    let Some((block, first_in_block)) = block_of(toks, out) else {
        return;
    };
    out[first_in_block..].sort_by_key(|m| (m.span.start, m.span.end));
    let n = toks.len();
    let w = |j: usize| toks[j].as_str(text);
    let place = |j: usize| {
        let i = &infos[j];
        (i.wclass | gaz.word_classes(i.lower) | if i.ppos != 0 { i.pclass } else { 0 })
            & (class::COUNTRY | class::CITY | class::REGION | class::NATIONAL)
            != 0
    };
    // "<person> of <name>" tagged as one place or organisation ("Ho Wing-kit of ZTU"): the
    // person is split off, and the name is left to the rule below
    let mut k = first_in_block;
    while k < out.len() {
        let m = out[k];
        let tokens = (m.kind != EntityKind::Person && block.contains(&m.span))
            .then(|| token_range(toks, m.span))
            .flatten();
        let Some((a, b)) = tokens else {
            k += 1;
            continue;
        };
        let Some(p) = (a + 2..b.saturating_sub(1)).find(|&j| w(j) == "of") else {
            k += 1;
            continue;
        };
        let given = |j: usize| {
            infos[j].wclass & class::FIRST != 0
                && !place(j)
                && infos[j].wclass & (class::ORG | class::TITLE) == 0
        };
        let hyphenated = p == a + 2 && hyphenated_given_name(w(a + 1));
        let name_word = |j: usize| {
            cap_word(&infos[j])
                && !not_a_name(w(j), infos[j].wclass)
                && !ORG_HEADS_SET.contains(w(j))
                && !ORG_ONLY_HEADS_SET.contains(w(j))
        };
        let person = p - a <= 3 && (a..p).all(name_word) && (hyphenated || given(a));
        if person {
            out[k] = Mention {
                span: Span::new(toks[a].start as usize, toks[p - 1].end as usize),
                kind: EntityKind::Person,
                score: m.score,
            };
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
        let s = if j + 2 < n && w(j + 1) == "the" && joined(text, toks, j + 2) {
            j + 2
        } else {
            j + 1
        };
        if s >= n
            || !joined(text, toks, s)
            || !cap_word(&infos[s])
            || infos[s].flags & F_CAPS_SENT != 0
        {
            continue;
        }
        let mut e = s + 1;
        while e < n && e < s + 4 && cap_word(&infos[e]) && joined(text, toks, e) {
            e += 1;
        }
        if (s..e).any(place)
            || (s..e).any(|x| infos[x].wclass & (class::TITLE | class::FIRST) != 0 && e - s == 1)
        {
            continue;
        }
        let span = Span::new(toks[s].start as usize, toks[e - 1].end as usize);
        let overlapping = || {
            out[first_in_block..]
                .iter()
                .filter(|m| m.span.overlaps(&span))
        };
        let found = overlapping().next().is_some();
        // a place the tagger found in the name, or the whole name taken for a place; or for a
        // person, unless the name holds a given name ("Arlo Venn of Tobin Power")
        let given_name = (s..e).any(|x| infos[x].wclass & class::FIRST != 0);
        let places_inside = found
            && overlapping().all(|m| {
                (m.kind == EntityKind::Loc || m.kind == EntityKind::Person && !given_name)
                    && span.contains(&m.span)
            });
        // an untagged acronym or name ("of VLF", "of Civic Renewal")
        let acronym = e == s + 1
            && infos[s].flags & features::F_ALLCAPS != 0
            && toks[s].end - toks[s].start >= 2;
        if places_inside || !found && (acronym || e - s >= 2) {
            out.retain(|m| {
                !(m.span.overlaps(&span) && span.contains(&m.span) && block.contains(&m.span))
            });
            added.push(Mention {
                span,
                kind: EntityKind::Org,
                score: 1.0,
            });
        }
    }
    // "<name>'s <person>"
    for j in 1..n.saturating_sub(1) {
        if !matches!(w(j), "'s" | "’s") || !person_starts_at(j + 1) {
            continue;
        }
        for m in out[first_in_block..]
            .iter_mut()
            .filter(|m| m.kind == EntityKind::Loc && m.span.end == toks[j - 1].end as usize)
        {
            let (a, b) = (token_at(toks, m.span.start), j);
            if a < b && !(a..b).any(place) {
                m.kind = EntityKind::Org;
                m.score = m.score.max(1.0);
            }
        }
    }
    out.extend(added);
}

/// Tags capitalised words followed by a legal suffix as one organisation, replacing whatever
/// the tagger made of them ("Ltd" as a person, "Nederland BV" as a place).
pub(super) fn company_suffixes(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    first_in_block: usize,
    out: &mut Vec<Mention>,
) {
    let n = toks.len();
    let mut k = 1;
    while k < n {
        if infos[k].flags & F_CAPS_SENT != 0
            || !super::lexicon::may_be_company_suffix(infos[k].lower)
            || !is_company_suffix(toks[k].as_str(text))
            || !joined(text, toks, k)
        {
            k += 1;
            continue;
        }
        // capitalised words before the suffix, joined by "&" ("Marsh & Quill Co"); "and" before
        // "Co" joins partners' names, and then so do commas between them ("Marsh, Quill and Co")
        let co = matches!(toks[k].as_str(text), "Co" | "Co." | "Company");
        // a name in angle brackets (wire copy's mark of an unlisted company) is one name up to
        // its "<": "and" and commas inside join partners' names ("<Marsh Quill and Brannigan Inc>")
        let bracketed = {
            let mut e = k + 1;
            while e < n && joined(text, toks, e) && is_company_suffix(toks[e].as_str(text)) {
                e += 1;
            }
            toks.get(e).is_some_and(|t| t.as_str(text) == ">")
                && (k.saturating_sub(9)..k)
                    .rev()
                    .map(|i| toks[i].as_str(text))
                    .take_while(|w| *w != ">")
                    .any(|w| w == "<")
        };
        let casing = crate::truecase::Truecaser::builtin();
        let mut partners = false;
        // a possessive right before the suffix belongs to the name ("Quill's Corp"), and then
        // "and" joins partners' names too ("Marsh and Quill's Corp")
        let mut owned = false;
        let mut j = k;
        while j > 0 && k - j < 9 && joined(text, toks, j) {
            let w = toks[j - 1].as_str(text);
            let cap = cap_word(&infos[j - 1]);
            let before_cap = j >= 2 && infos[j - 2].flags & F_CAP != 0;
            let amp = w == "&" && before_cap;
            let possessive = j == k && before_cap && super::lexicon::is_possessive(w);
            owned |= possessive;
            // (one partner's word before that "and": "Ada Venn and Quill's Corp" are two names)
            let one_partner = || !(j >= 3 && cap_word(&infos[j - 3]) && joined(text, toks, j - 2));
            // "and" before a family word ("Velm and Sons Inc") or after a list of partners'
            // surnames ("Velm, Quill and Brell Securities Corp") joins them too
            let family = matches!(
                toks[j].as_str(text),
                "Sons" | "Brothers" | "Bros" | "Bros." | "Partners" | "Associates"
            );
            // "and" between two ordinary words, the second the one before the suffix, names one
            // firm by its trades ("Quorve Gas and Electric Co", "Cable and Wireless Plc"); a
            // name before "and" is another firm ("Velbury and Brell Inc")
            let trades = || {
                j + 1 == k
                    && j >= 2
                    && casing.is_ordinary_word(toks[j].as_str(text))
                    && casing.is_ordinary_word(toks[j - 2].as_str(text))
                    && infos[j - 2].wclass & class::ORG == 0
            };
            let and_co =
                (co && j == k || bracketed || owned && !possessive && one_partner() || family)
                    && w == "and"
                    && before_cap
                    || w == "and" && partner_list(text, toks, infos, j - 1);
            // (trades are no partners: no comma joins names before them)
            let and_trade = w == "and" && before_cap && trades();
            // (a comma right after a legal suffix ends another firm's name: "Velm Inc, Quill
            // and Co")
            let comma = partners
                && w == ","
                && before_cap
                && joined(text, toks, j - 1)
                && !is_company_suffix(toks[j - 2].as_str(text));
            partners |= and_co || co && amp && j == k || bracketed && amp;
            if !(cap || amp || and_co || and_trade || comma || possessive)
                || is_company_suffix(w) && j == k
                || NOT_NAMES_SET.contains(w)
            {
                break;
            }
            j -= 1;
        }
        // a title before the name is not part of it ("Chairman Velmora Co"), but a title before an
        // ordinary word, or in a name the casing lexicon knows, is the name's first word ("General
        // Fabrics Corp"); "Velmora Industrie BV" is
        let named = |j: usize| {
            casing.is_lower_word(toks[j + 1].as_str(text))
                || casing.is_capitalised_phrase(&format!(
                    "{} {}",
                    toks[j].as_str(text),
                    toks[j + 1].as_str(text)
                ))
        };
        while j < k
            && (matches!(toks[j].as_str(text), "&" | "and" | ",")
                || infos[j].wclass & class::TITLE != 0
                    && infos[j].wclass & class::FIRST == 0
                    && j + 1 < k
                    && !named(j))
        {
            j += 1;
        }
        // further suffixes ("Co Ltd", "Pty Ltd")
        let mut e = k + 1;
        while e < n && joined(text, toks, e) && is_company_suffix(toks[e].as_str(text)) {
            e += 1;
        }
        if j < k {
            let span = Span::new(toks[j].start as usize, toks[e - 1].end as usize);
            let inside_org = (first_in_block..out.len())
                .find(|&i| out[i].kind == EntityKind::Org && out[i].span.contains(&span));
            if let Some(i) = inside_org {
                // a company's name ends at its suffix: "and" or a comma after it leads to another
                // name or to none ("rated B by Quorvel Rating Inc and B-minus by ...")
                let next = toks.get(e).map(|t| t.as_str(text));
                if out[i].span.end > span.end && matches!(next, Some("and" | ",")) {
                    out[i].span = Span::new(out[i].span.start, span.end);
                }
            } else {
                let mut i = first_in_block;
                while i < out.len() {
                    if out[i].span.overlaps(&span) {
                        out.remove(i);
                    } else {
                        i += 1;
                    }
                }
                out.push(Mention {
                    span,
                    kind: EntityKind::Org,
                    score: 2.0,
                });
            }
        }
        k = e;
    }
}

/// Whether the "and" at `and` follows a list of partners' surnames: one capitalised word, a
/// comma and one capitalised word before it, the list opening after a word that is no name
/// ("managed by Velm, Quill and Brell Securities Corp"). A word the dictionary knows as a
/// country, a region, a nationality or an organisation is no partner ("Tarrington, Norland and
/// ...": a place and its region).
fn partner_list(text: &str, toks: &[Token], infos: &[TokInfo], and: usize) -> bool {
    let partner = |i: usize| {
        cap_word(&infos[i])
            && infos[i].wclass
                & (class::COUNTRY | class::REGION | class::NATIONAL | class::ORG | class::ARMED)
                == 0
            && !NOT_NAMES_SET.contains(toks[i].as_str(text))
    };
    // the word before "and", and its comma ("Velm, Quill, and Brell" too)
    let mut i = and;
    if i >= 1 && toks[i - 1].as_str(text) == "," {
        i -= 1;
    }
    if i < 4 || !partner(i - 1) || toks[i - 2].as_str(text) != "," || !partner(i - 3) {
        return false;
    }
    // more partners before, each after a comma; the first one after a word that is no name
    let mut first = i - 3;
    while first >= 2 && toks[first - 1].as_str(text) == "," && partner(first - 2) {
        first -= 2;
    }
    first == 0
        || toks[first].sent_start
        || !cap_word(&infos[first - 1]) && toks[first - 1].as_str(text) != ","
}

/// Block-level kind rules on the tagger's output:
/// 1. storms and vessels are no names ("Cyclone Marvella", "the cruise ship Ostrevind"); their
///    bare names are remembered in `not_names` and dropped from the whole article;
/// 2. names of buildings and other places built are places ("Velbury Brackenfold International
///    Airport"), and so are institutions' sites after a preposition of place ("at the Harlow
///    Space Center");
/// 3. a two-word name whose second word is a hyphenated given name ("Tang Wai-lun", "Lee
///    Siu-man") is a person.
pub(super) fn kinds_and_facilities(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    out: &mut Vec<Mention>,
    not_names: &mut Vec<u64>,
) {
    let Some((block, first_in_block)) = block_of(toks, out) else {
        return;
    };
    let w = |j: usize| toks[j].as_str(text);
    let mut k = first_in_block;
    while k < out.len() {
        let m = out[k];
        let Some((a, b)) = block
            .contains(&m.span)
            .then(|| token_range(toks, m.span))
            .flatten()
        else {
            k += 1;
            continue;
        };
        // 1. storms and vessels
        let mut n0 = a;
        while n0 < b
            && (KIND_WORDS.contains(&w(n0))
                || w(n0) == "Tropical" && n0 + 1 < b && w(n0 + 1) == "Storm")
        {
            n0 += 1;
        }
        let before = |j: usize| j > 0 && !toks[j].sent_start;
        let kind_before = before(a)
            && (KIND_WORDS.contains(&w(a - 1)) && w(a - 1) != "Storm"
                || KIND_NOUNS.contains(&w(a - 1))
                    && (a..b).all(|j| {
                        (infos[j].wclass
                            | if infos[j].ppos != 0 {
                                infos[j].pclass
                            } else {
                                0
                            })
                            & !(class::FIRST | class::LAST | class::TITLE)
                            == 0
                    }));
        if n0 == b || (n0 > a || kind_before) && (n0..b).all(|j| infos[j].flags & F_CAP != 0) {
            if n0 < b {
                let name = Span::new(toks[n0].start as usize, toks[b - 1].end as usize);
                not_names.push(surface_hash(name.slice(text)));
            }
            not_names.push(surface_hash(m.span.slice(text)));
            out.remove(k);
            continue;
        }
        // 2. places built; a name the tagger ended just before its head ("Harlow Space" +
        // "Center") takes the head
        let mut b = b;
        let mut m = m;
        if m.kind != EntityKind::Person
            && b < toks.len()
            && joined(text, toks, b)
            && (PLACE_HEADS.contains(&w(b)) || SITE_HEADS.contains(&w(b)))
            && infos[b].flags & F_CAPS_SENT == 0
            && !out[first_in_block..].iter().any(|o| {
                o.span
                    .overlaps(&Span::new(toks[b].start as usize, toks[b].end as usize))
            })
        {
            b += 1;
            m.span = Span::new(m.span.start, toks[b - 1].end as usize);
            out[k].span = m.span;
        }
        if m.kind != EntityKind::Loc
            && b - a >= 2
            && (PLACE_HEADS.contains(&w(b - 1)) || named_as_site(text, toks, infos, a, b))
        {
            out[k].kind = EntityKind::Loc;
            out[k].score = m.score.max(1.0);
        }
        // 3. hyphenated given names
        if m.kind != EntityKind::Person && b - a == 2 && hyphenated_given_name(w(b - 1)) {
            let s = w(a);
            if s.len() <= 6
                && s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && s.chars().skip(1).all(|c| c.is_ascii_lowercase())
            {
                out[k].kind = EntityKind::Person;
            }
        }
        k += 1;
    }
}

/// Confidence given to a team found by its place in results: enough for the document vote to
/// make the same name a team in the match report around the table.
pub(super) const TEAM_SCORE: f32 = 3.0;

/// Competitors in results rows and draws: the capitalised words right before a country in
/// brackets are a person ("1. Tamsir Oukrane ( Velmora ) 3:49.09", "Dragan Kovic ( Zarnia )
/// beat ..."), the country is a place, and the capitalised words after the country, before a
/// time or the end of the row, are the competitor's team. Teams are named before a country too,
/// but far less often, and most are one word or carry an organisation's head noun; a name the
/// dictionaries know keeps its kind.
pub(super) fn entrants(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    first_in_block: usize,
    out: &mut Vec<Mention>,
) {
    let n = toks.len();
    let no_name = class::COUNTRY
        | class::CITY
        | class::REGION
        | class::ORG
        | class::ARMED
        | class::IGO
        | class::NATIONAL;
    for open in 2..n {
        if toks[open].as_str(text) != "(" {
            continue;
        }
        // the country: one dictionary name filling the brackets
        let Some(close) = (open + 2..n.min(open + 5)).find(|&j| toks[j].as_str(text) == ")") else {
            continue;
        };
        let (c0, c1) = (open + 1, close - 1);
        let country = if c0 == c1 {
            let classes = infos[c0].wclass
                | if infos[c0].ppos == 4 {
                    infos[c0].pclass
                } else {
                    0
                };
            // a country's dotted abbreviation, listed as a nationality ("( U.K. )")
            let dotted = || {
                let w = toks[c0].as_str(text);
                w.ends_with('.') && w.chars().all(|c| c.is_ascii_uppercase() || c == '.')
            };
            classes & class::COUNTRY != 0 || classes & class::NATIONAL != 0 && dotted()
        } else {
            infos[c0].ppos == 1 && infos[c1].ppos == 3 && infos[c0].pclass & class::COUNTRY != 0
        };
        if !country || !(c0..=c1).all(|j| cap_word(&infos[j])) {
            continue;
        }
        // the name: two to four capitalised words of one line right before the bracket
        let mut a = open;
        while a > 0 && open - a < 4 && cap_word(&infos[a - 1]) && joined(text, toks, a) {
            a -= 1;
        }
        if a > 0 && cap_word(&infos[a - 1]) && joined(text, toks, a) {
            continue; // a longer run: a heading or a team's long name
        }
        let words = a..open;
        let name_like = open - a >= 2
            && !PLACE_FIRST_WORDS.contains(&toks[a].as_str(text))
            && words.clone().all(|j| {
                let w = toks[j].as_str(text);
                infos[j].wclass & no_name == 0
                    && infos[j].ppos == 0
                    && !ORG_HEADS_SET.contains(w)
                    && !is_company_suffix(w)
                    && w.chars().any(char::is_alphabetic)
            });
        let (name, place) = (
            Span::new(toks[a].start as usize, toks[open - 1].end as usize),
            Span::new(toks[c0].start as usize, toks[c1].end as usize),
        );
        for m in out[first_in_block..].iter_mut() {
            if m.span == place && m.kind == EntityKind::Person {
                m.kind = EntityKind::Loc;
            }
        }
        if !out[first_in_block..]
            .iter()
            .any(|m| m.span.overlaps(&place))
        {
            out.push(Mention {
                span: place,
                kind: EntityKind::Loc,
                score: 1.0,
            });
        }
        if !name_like {
            continue;
        }
        set_kind(out, first_in_block, name, EntityKind::Person);
        // the competitor's team after the country, before the time or the end of the row
        // ("( Velmora ) Brightwell 4:05:23")
        let mut e = close + 1;
        while e < n
            && e - close <= 3
            && cap_word(&infos[e])
            && joined(text, toks, e)
            && infos[e].wclass & no_name == 0
        {
            e += 1;
        }
        let row_end =
            e == n || toks[e].sent_start || is_number(&infos[e]) || !joined(text, toks, e);
        if e > close + 1 && row_end {
            set_kind(
                out,
                first_in_block,
                Span::new(toks[close + 1].start as usize, toks[e - 1].end as usize),
                EntityKind::Org,
            );
        }
    }
}

/// Press outlets named beside the noun that says what they are: the capitalised words right
/// before "news agency", "newspaper" or "paper" ("Quorvex news agency reported"), or before
/// "daily" or "weekly" and a verb of saying or a comma ("Velbury Post daily said"), and right
/// after "news agency", "agency", "newspaper", "daily", "weekly" or "magazine" ("the official
/// newspaper Quorvex reported", "the Velmoran news agency Tarvex"), are an organisation, one to
/// four words, none a nationality, country or city the dictionaries know (a paper's country
/// before the noun is no name of the paper: "the Velmoran news agency").
pub(super) fn press_names(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    first_in_block: usize,
    out: &mut Vec<Mention>,
) {
    let n = toks.len();
    let lower = |j: usize| infos[j].flags & F_LOWER != 0;
    let word = |j: usize| toks[j].as_str(text);
    let placeish = class::NATIONAL | class::COUNTRY | class::CITY | class::REGION;
    let name_ok = |a: usize, b: usize| {
        (1..=4).contains(&(b - a))
            && (a..b).all(|j| cap_word(&infos[j]) && infos[j].wclass & placeish == 0)
    };
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for j in 1..n {
        if !lower(j) {
            continue;
        }
        // the press noun at j (two words for "news agency"), ending at `e`
        let (noun, e) = match word(j) {
            "news" if j + 1 < n && word(j + 1) == "agency" => ("news agency", j + 2),
            w @ ("newspaper" | "paper" | "daily" | "weekly" | "agency" | "magazine") => (w, j + 1),
            _ => continue,
        };
        // before the noun
        let before = matches!(noun, "news agency" | "newspaper" | "paper")
            || matches!(noun, "daily" | "weekly")
                && toks.get(e).is_some_and(|t| {
                    matches!(
                        t.as_str(text),
                        "," | "said" | "says" | "reported" | "reports" | "quoted" | "added"
                    )
                });
        if before && cap_word(&infos[j - 1]) && joined(text, toks, j) && !toks[j].sent_start {
            let a = name_start(text, toks, infos, 0, j - 1);
            if name_ok(a, j)
                && !(a == j - 1
                    && toks[a].sent_start
                    && crate::truecase::Truecaser::builtin().is_ordinary_word(word(a)))
            {
                spans.push((a, j));
            }
        }
        // after the noun
        if noun != "paper" && e < n && cap_word(&infos[e]) && joined(text, toks, e) {
            let mut b = e + 1;
            while b < n && b - e < 5 && cap_word(&infos[b]) && joined(text, toks, b) {
                b += 1;
            }
            if name_ok(e, b) {
                spans.push((e, b));
            }
        }
    }
    for (a, b) in spans {
        let span = Span::new(toks[a].start as usize, toks[b - 1].end as usize);
        set_kind(out, first_in_block, span, EntityKind::Org);
    }
}

/// The source a dateline names in brackets before its dash ("Lima, 19 May 88 (Television
/// Velmorana) -- ...", "Clandestine, 4 Jan 90 (Radio Quorvex) -- "): a broadcaster, a paper or an
/// agency, so an organisation, never a person or a place.
pub(super) fn dateline_sources(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    first_in_block: usize,
    out: &mut [Mention],
) {
    let n = toks.len().min(16);
    let Some(open) = (1..n).find(|&j| toks[j].as_str(text) == "(") else {
        return;
    };
    let Some(close) = (open + 1..n).find(|&j| toks[j].as_str(text) == ")") else {
        return;
    };
    // a dateline: a number (the day or the year) before the bracket, a dash after it
    let dated = (0..open).any(|j| is_number(&infos[j]));
    let dash = toks
        .get(close + 1)
        .is_some_and(|t| t.as_str(text).starts_with(['-', '\u{2013}', '\u{2014}']));
    if !dated || !dash {
        return;
    }
    let inside = Span::new(toks[open].end as usize, toks[close].start as usize);
    for m in out[first_in_block..]
        .iter_mut()
        .filter(|m| inside.contains(&m.span))
    {
        m.kind = EntityKind::Org;
    }
}

/// Sports results and standings: in a line of names followed by scores ("Dunmarrow 71 and 205
/// ( T. Vossberg 3-27 ) , Kelmore 312", "Brackenfold 2 Velbury 1") or a table row of a name
/// and at least three numbers ("Tarvildo 3 1 1 1 5 4 4"), a name other than a person's or a
/// country's (national teams stay places) is a team: an organisation.
pub(super) fn results_lines(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    first_in_block: usize,
    out: &mut Vec<Mention>,
) {
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
            // a place before a date is a dateline ("VELBURY 2031-04-12"), not a score
            let date = || {
                toks[j]
                    .as_str(text)
                    .bytes()
                    .filter(|&c| c == b'-' || c == b'/')
                    .count()
                    == 2
            };
            if j > s0 && is_number(&infos[j]) && cap_word(&infos[j - 1]) && !date() {
                runs.push((name_start(text, toks, infos, s0, j - 1), j));
            }
        }
        let numbers_after = |j: usize| (j..s1).take_while(|&x| is_number(&infos[x])).count();
        let table_row =
            runs.len() == 1 && runs[0].0 == s0 && lower == 0 && numbers_after(runs[0].1) >= 3;
        let scores = runs.len() >= 2 && lower <= runs.len() || table_row;
        if !scores {
            runs.clear();
        }
        // fixtures: "Dunmarrow v Kelmore", "May 18 v Brackenfold"; in capitals, as truecasing
        // leaves a lone letter, "DUNMARROW V KELMORE" between two names
        for j in s0..s1 {
            let first = text.as_bytes()[toks[j].start as usize];
            let lower_v = first == b'v'
                && matches!(toks[j].as_str(text), "v" | "v." | "vs" | "vs." | "versus");
            let capital_v = first == b'V'
                && matches!(toks[j].as_str(text), "V" | "VS" | "VS.")
                && j > s0
                && cap_word(&infos[j - 1]);
            if !(lower_v || capital_v) || j + 1 >= s1 || infos[j + 1].flags & F_CAP == 0 {
                continue;
            }
            // a name the tagger ran across or up to the "V" is the teams on either side
            let (vs, ve) = (toks[j].start as usize, toks[j].end as usize);
            if let Some(k) = (first_in_block..out.len())
                .find(|&k| out[k].span.start <= vs && out[k].span.end >= ve)
            {
                let m = out.remove(k);
                if m.span.start < vs {
                    out.push(Mention {
                        span: Span::new(m.span.start, toks[j - 1].end as usize),
                        ..m
                    });
                }
                if m.span.end > ve {
                    out.push(Mention {
                        span: Span::new(toks[j + 1].start as usize, m.span.end),
                        ..m
                    });
                }
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
                // a person with an initial ("T. Vossberg 3-27"), a country's national team
                let initial = (r..j).any(|x| {
                    let w = toks[x].as_str(text);
                    w.len() <= 3 && w.ends_with('.')
                });
                let country = (r..j).any(|x| {
                    (infos[x].wclass
                        | if infos[x].ppos != 0 {
                            infos[x].pclass
                        } else {
                            0
                        })
                        & class::COUNTRY
                        != 0
                });
                let months = (r..j).all(|x| not_a_name(toks[x].as_str(text), infos[x].wclass));
                // "Chapter 1", "Round 2", coordinates ("N 44")
                let numbered = NUMBERED_NOUNS.contains(&toks[r].as_str(text))
                    || (r..j)
                        .map(|x| {
                            toks[x]
                                .as_str(text)
                                .chars()
                                .filter(|c| c.is_alphabetic())
                                .count()
                        })
                        .sum::<usize>()
                        < 2;
                // a month before a day ("MAY 18 v Kelmore", "Mai 3"): a date in any case
                let day = toks.get(j).is_some_and(|t| {
                    t.as_str(text)
                        .parse::<u32>()
                        .is_ok_and(|d| (1..=31).contains(&d))
                });
                let date = j == r + 1
                    && day
                    && crate::dates::month_from_name(toks[r].as_str(text)).is_some();
                if initial || country || months || numbered || date {
                    continue;
                }
                let span = Span::new(toks[r].start as usize, toks[j - 1].end as usize);
                let mut found = false;
                for m in out[first_in_block..]
                    .iter_mut()
                    .filter(|m| m.span.overlaps(&span))
                {
                    found = true;
                    if m.kind == EntityKind::Loc {
                        m.kind = EntityKind::Org;
                        m.score = m.score.max(TEAM_SCORE);
                    }
                }
                if !found {
                    out.push(Mention {
                        span,
                        kind: EntityKind::Org,
                        score: TEAM_SCORE,
                    });
                }
            }
        }
        s0 = s1;
    }
}

/// Completes person names the tagger cut short: a capitalised word right after a person's
/// name that the census lists as a surname and no list knows as a place or organisation joins
/// the name (second surnames: "Tomas Ibarra Celis"), as does a first name right before it
/// ("Ana" of "Ana Lucia Ferrer"); at most five words in all; and the name goes on after a
/// surname particle ("Ramiro Castillo de los Santos"). A "person" whose first word only begins
/// place names ("Cerro Verde", "La Esperanza") is a place, and its name goes on after "de" ("San
/// Isidro de Pelarco"); so is a "person" before the noun of an administrative area. An
/// organisation or a place named by a given name (or initials) and surnames is a person. A given
/// name alone takes the unknown words after it ("Jorge" + "Quorve Tarvela"), and a surname the
/// tagger found apart after a full name is its second one.
pub(super) fn person_names(text: &str, toks: &[Token], infos: &[TokInfo], out: &mut Vec<Mention>) {
    let Some((block, first)) = block_of(toks, out) else {
        return;
    };
    // token ranges of the block's mentions (sorted by start), with the furthest end reached so
    // far: a token is free when no range starting at or before it reaches past it (a binary
    // search, not a scan: a paragraph of thousands of names stays linear)
    let mut taken: Vec<(usize, usize)> = out[first..]
        .iter()
        .take_while(|m| m.span.start < block.end)
        .filter_map(|m| token_range(toks, m.span))
        .collect();
    taken.sort_unstable();
    let mut reach = 0;
    for r in &mut taken {
        reach = reach.max(r.1);
        r.1 = reach;
    }
    let free = |j: usize| {
        let i = taken.partition_point(|&(a, _)| a <= j);
        i == 0 || taken[i - 1].1 <= j
    };
    let not_name_part = class::COUNTRY
        | class::REGION
        | class::ORG
        | class::ARMED
        | class::IGO
        | class::NATIONAL
        | class::TITLE;
    // a surname that is also an ordinary word ("Province", "Guard") does not join a name
    let ordinary =
        |j: usize| crate::truecase::Truecaser::builtin().is_lower_word(toks[j].as_str(text));
    let same_case = |j: usize, k: usize| {
        infos[j].flags & features::F_ALLCAPS == infos[k].flags & features::F_ALLCAPS
    };
    // "T.", "O.J."
    let initials = |w: &str| {
        w.len() >= 2
            && w.len().is_multiple_of(2)
            && w.as_bytes()
                .chunks(2)
                .all(|c| c[0].is_ascii_uppercase() && c[1] == b'.')
    };
    let mut absorbed: Vec<(u32, u32)> = Vec::new();
    let spans: Vec<(usize, usize)> = out[first..]
        .iter()
        .take_while(|m| m.span.start < block.end)
        .map(|m| (m.span.start, m.span.end))
        .collect();
    // (not when a name found there runs on past the surname)
    let crossing = |b: usize, end: usize| {
        let (s, e) = (toks[b].start as usize, toks[end - 1].end as usize);
        spans.iter().any(|&(x, y)| x >= s && x < e && y > e)
    };
    // the end (exclusive) of a name of at most three words that the tagger found starting at the
    // surname after a particle, or at its article, when it is made of capitalised words only
    // and heads no organisation ("Cruz Moreno" of "Ana Maria de la Cruz Moreno"): the surnames
    // go on to its end
    let found_surnames = |b: usize, end: usize| {
        let (s, e) = (toks[b + 1].start as usize, toks[end - 1].start as usize);
        let &(_, y) = spans
            .iter()
            .find(|&&(x, y)| x >= s && x <= e && y > toks[end - 1].end as usize)?;
        let k = token_at(toks, y - 1) + 1;
        let whole = k <= toks.len()
            && (toks[k - 1].end as usize) == y
            && k - (b + 1) <= 4
            && (end..k).all(|j| {
                joined(text, toks, j)
                    && cap_word(&infos[j])
                    && !ORG_HEADS_SET.contains(toks[j].as_str(text))
                    && !is_company_suffix(toks[j].as_str(text))
                    && infos[j].wclass & not_name_part == 0
            });
        whole.then_some(k)
    };
    let place_or_org =
        class::COUNTRY | class::CITY | class::REGION | class::ORG | class::ARMED | class::IGO;
    for m in out[first..]
        .iter_mut()
        .take_while(|m| m.span.start < block.end)
    {
        let Some((mut a, mut b)) = token_range(toks, m.span) else {
            continue;
        };
        // a title and a given name are the start of a person's name, whatever the tagger took
        // them for ("spokesman Colonel Tomas", with the rest of the name tagged apart)
        if m.kind != EntityKind::Person
            && b - a >= 2
            && infos[a].wclass & class::TITLE != 0
            && infos[a].wclass & place_or_org == 0
        {
            let mut g = a;
            while g < b
                && infos[g].wclass & class::TITLE != 0
                && infos[g].wclass & class::FIRST == 0
            {
                g += 1;
            }
            // (every word a name's: no head of an organisation's or a building's name, no
            // ordinary word: not "Queen Tamsin Hospital")
            let name_word = |j: usize| {
                let w = toks[j].as_str(text);
                cap_word(&infos[j])
                    && infos[j].wclass & place_or_org == 0
                    && !ORG_HEADS_SET.contains(w)
                    && !SITE_HEADS.contains(&w)
                    && !PLACE_HEADS.contains(&w)
                    && !is_company_suffix(w)
                    && !ordinary(j)
            };
            if g > a && g < b && infos[g].wclass & class::FIRST != 0 && (g..b).all(name_word) {
                a = g;
                m.kind = EntityKind::Person;
                m.span = Span::new(toks[a].start as usize, toks[b - 1].end as usize);
            }
        }
        // a saint's name is a place's start: "San", "Santa", "São" before a "person" whose first
        // word is a given name ("San Isidro Las Flores"), unless a name runs on before the word
        // ("Aung San")
        if m.kind == EntityKind::Person
            && a > 0
            && free(a - 1)
            && infos[a].wclass & class::FIRST != 0
            && joined(text, toks, a)
        {
            let saint = matches!(
                toks[a - 1].as_str(text),
                "San" | "Santa" | "Santo" | "São" | "Sao"
            );
            let name_before = a >= 2
                && !toks[a - 1].sent_start
                && joined(text, toks, a - 1)
                && cap_word(&infos[a - 2]);
            if saint && !name_before {
                a -= 1;
                m.span = Span::new(toks[a].start as usize, m.span.end);
            }
        }
        if m.kind != EntityKind::Org && PLACE_FIRST_WORDS.contains(&toks[a].as_str(text)) {
            m.kind = EntityKind::Loc;
            // a place's name goes on after "de" ("San Isidro de Pelarco")
            if let Some(end) =
                particle_surname(text, toks, infos, b, PLACE_PARTICLES).filter(|&e| !crossing(b, e))
            {
                absorbed.push((toks[b].start, toks[end - 1].end));
                m.span = Span::new(toks[a].start as usize, toks[end - 1].end as usize);
            }
            continue;
        }
        if matches!(m.kind, EntityKind::Org | EntityKind::Loc) && b - a >= 2 && b - a <= 3 {
            // a given name and surnames are a person's name, whatever the context made of them
            // ("the Julian Quennelby report"): a first word the census knows as a given name and
            // no other list knows but as a town's ("Celina", "Florence"), then capitalised words
            // that are surnames or unknown, neither heads of organisations' names nor ordinary
            // words, and no dictionary name but a town's one-word name
            let given = infos[a].wclass & class::FIRST != 0
                && infos[a].wclass & !(class::FIRST | class::LAST | class::CITY) == 0
                || initials(toks[a].as_str(text));
            // (a surname the census lists that is also a town's counts: "Ramos")
            let town_surname = |j: usize| {
                infos[j].wclass & class::LAST != 0
                    && infos[j].wclass & !(class::FIRST | class::LAST | class::CITY) == 0
                    && infos[j].ppos == 4
            };
            let rest = (a + 1..b).all(|j| {
                (infos[j].wclass & !(class::FIRST | class::LAST) == 0 || town_surname(j))
                    && cap_word(&infos[j])
                    && infos[j].flags & features::F_ALLCAPS == 0
                    && joined(text, toks, j)
                    && !ORG_HEADS_SET.contains(toks[j].as_str(text))
                    && !is_company_suffix(toks[j].as_str(text))
                    && !ordinary(j)
                    && toks[j]
                        .as_str(text)
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
            });
            // (no dictionary name in it, but a town's one-word name that is the given name)
            let no_dictionary_name = (a..b).all(|j| {
                infos[j].ppos == 0
                    || infos[j].ppos == 4
                        && infos[j].pclass == class::CITY
                        && (j == a || town_surname(j))
            });
            if given && rest && no_dictionary_name && infos[a].flags & features::F_ALLCAPS == 0 {
                m.kind = EntityKind::Person;
            }
        }
        if m.kind != EntityKind::Person {
            continue;
        }
        // a "person" before the noun of an administrative area is that area's name ("Velmar
        // Ortiz province", a province named after someone)
        if b < toks.len() && joined(text, toks, b) && ADMIN_AREAS.contains(&toks[b].as_str(text)) {
            m.kind = EntityKind::Loc;
            continue;
        }
        // (a given name alone, that no list knows as anything else)
        let given_alone = b - a == 1
            && infos[a].wclass & class::FIRST != 0
            && infos[a].wclass & !(class::FIRST | class::LAST) == 0
            && infos[a].flags & features::F_ALLCAPS == 0;
        // (a one-word town's name that may be a surname too: "Tolosa", "Quevarra Tolosa")
        let town_word = |j: usize| {
            infos[j].wclass & class::CITY != 0
                && infos[j].wclass & !(class::CITY | class::LAST | class::FIRST) == 0
                && infos[j].ppos == 4
        };
        // (a name that ends at `e` inside a sentence: no capitalised word joined to it follows)
        let ends_at = |e: usize| {
            e < toks.len()
                && !toks[e].sent_start
                && !(joined(text, toks, e) && infos[e].flags & F_CAP != 0)
        };
        // a word no dictionary knows after a name of two words or more ends it too, when the name
        // ends there inside a sentence (a second surname the census does not list: "Tomas Ibarra
        // Quellen said"; not the last word of a headline)
        let unknown_last = |b: usize| {
            (b - a >= 2 || given_alone)
                && infos[b].wclass == 0
                && infos[b].flags & features::F_ALLCAPS == 0
                && toks[b].as_str(text).chars().all(char::is_alphabetic)
                && {
                    // (the name's other words after it are surnames or unknown too, at most five in all)
                    let mut e = b + 1;
                    while e < toks.len()
                        && e - a < 5
                        && joined(text, toks, e)
                        && infos[e].flags & F_CAP != 0
                        && (infos[e].wclass & !class::LAST == 0 || town_word(e))
                        && infos[e].flags & features::F_ALLCAPS == 0
                        && toks[e].as_str(text).chars().all(char::is_alphabetic)
                        && !ordinary(e)
                    {
                        e += 1;
                    }
                    ends_at(e)
                }
        };
        // a town's name that ends a name of three words or more inside a sentence is its last
        // surname ("Ramiro Esteban Quevarra Tolosa, the commander")
        let town_last = |b: usize| {
            b - a >= 3
                && town_word(b)
                && infos[b].flags & features::F_ALLCAPS == 0
                && toks[b].as_str(text).chars().all(char::is_alphabetic)
                && ends_at(b + 1)
        };
        let more_surnames = |mut b: usize, limit: usize| {
            while b < toks.len()
                && b - a < limit
                && joined(text, toks, b)
                && infos[b].flags & F_CAP != 0
                && (infos[b].wclass & class::LAST != 0 || unknown_last(b) || town_last(b))
                && infos[b].wclass & not_name_part == 0
                && !ordinary(b)
                && same_case(b, b - 1)
                && free(b)
            {
                b += 1;
            }
            b
        };
        b = more_surnames(b, 5);
        // surnames after a particle ("Ramiro Castillo de los Santos", "Ines Prado da Costa"):
        // the name goes on, and a name the tagger found in the surname is part of it; so does a
        // second surname after it ("Ana Lucia de la Vega Ortiz")
        if b - a >= 2 {
            if let Some(end) =
                particle_surname(text, toks, infos, b, SURNAME_PARTICLES).and_then(|e| {
                    if crossing(b, e) {
                        found_surnames(b, e)
                    } else {
                        Some(e)
                    }
                })
            {
                let end = more_surnames(end, 7);
                absorbed.push((toks[b].start, toks[end - 1].end));
                b = end;
            }
        }
        if a > 0
            && b - a < 5
            && joined(text, toks, a)
            && infos[a - 1].flags & F_CAP != 0
            && infos[a - 1].wclass & class::FIRST != 0
            && infos[a - 1].wclass & (not_name_part | class::CITY) == 0
            && !ordinary(a - 1)
            && same_case(a - 1, a)
            && free(a - 1)
        {
            a -= 1;
        }
        m.span = Span::new(toks[a].start as usize, toks[b - 1].end as usize);
    }
    if !absorbed.is_empty() {
        // the names the extended ones took in
        out.retain(|m| {
            !absorbed
                .iter()
                .any(|&(s, e)| m.span.start >= s as usize && m.span.end <= e as usize)
        });
    }
    // given names alone, right before a person's name the tagger found apart, start it
    // ("Tomas" + "Ernesto Quevarra Pineda")
    let given_only = |m: &Mention| {
        token_range(toks, m.span).is_some_and(|(a, b)| {
            (a..b).all(|j| infos[j].wclass & class::FIRST != 0 && cap_word(&infos[j]))
        })
    };
    // and so does a surname alone right after a full name, in the same case ("Tomas Ibarra" +
    // "Celis")
    let second_surname = |l: &Mention, r: &Mention| {
        token_range(toks, l.span)
            .zip(token_range(toks, r.span))
            .is_some_and(|((a, b), (c, d))| {
                (2..=4).contains(&(b - a))
                    && d == c + 1
                    && infos[c].wclass & class::LAST != 0
                    && infos[c].wclass & not_name_part == 0
                    && cap_word(&infos[c])
                    && same_case(c, b - 1)
                    && !ordinary(c)
            })
    };
    let mut i = first;
    while i + 1 < out.len() && out[i + 1].span.start < block.end {
        let (l, r) = (out[i], out[i + 1]);
        let next_tok = token_range(toks, l.span).map(|(_, b)| b);
        let adjacent = next_tok.is_some_and(|b| {
            b < toks.len() && toks[b].start as usize == r.span.start && joined(text, toks, b)
        });
        if l.kind == EntityKind::Person
            && r.kind == EntityKind::Person
            && adjacent
            && (given_only(&l) && r.span.slice(text).split(' ').count() <= 4
                || second_surname(&l, &r))
        {
            out[i].span = Span::new(l.span.start, r.span.end);
            out.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Lower-case nouns of administrative areas, after the area's name.
const ADMIN_AREAS: &[&str] = &[
    "province",
    "department",
    "municipality",
    "district",
    "county",
    "canton",
    "governorate",
    "region",
    "village",
    "town",
];

/// Particles before a surname in Spanish, Portuguese, Italian, French and Dutch names.
/// ("y" joins two Spanish surnames: "Tomas Ordaz y Quintero".)
pub(super) const SURNAME_PARTICLES: &[&str] = &[
    "de", "del", "da", "do", "dos", "das", "di", "du", "van", "von", "bin", "ibn", "bint", "abu",
    "abd", "al", "el", "ad", "ud", "ed", "y",
];
/// Particles inside Spanish and Portuguese place names.
const PLACE_PARTICLES: &[&str] = &["de", "del", "da", "do", "dos", "das"];
/// Articles that may follow a particle ("de la", "de los", "van der").
pub(super) const SURNAME_ARTICLES: &[&str] = &["la", "las", "los", "le", "der", "den"];

/// The end (exclusive) of a name's last part after a particle at token `b`, right after a
/// name: one of `particles`, perhaps an article, then a capitalised word that is no country,
/// region, nationality, title or ordinary word.
fn particle_surname(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    b: usize,
    particles: &[&str],
) -> Option<usize> {
    let word = |j: usize| toks.get(j).map(|t| t.as_str(text).to_ascii_lowercase());
    let mut j = b;
    if !word(j).is_some_and(|w| particles.contains(&w.as_str())) || !joined(text, toks, j) {
        return None;
    }
    j += 1;
    if word(j).is_some_and(|w| SURNAME_ARTICLES.contains(&w.as_str())) && joined(text, toks, j) {
        j += 1;
    }
    let surname = j < toks.len()
        && joined(text, toks, j)
        && infos[j].flags & F_CAP != 0
        && infos[j].wclass & (class::COUNTRY | class::REGION | class::TITLE | class::NATIONAL) == 0
        && toks[j].as_str(text).chars().all(char::is_alphabetic)
        && !crate::truecase::Truecaser::builtin().is_lower_word(toks[j].as_str(text));
    surname.then_some(j + 1)
}

/// A run of capitalised words that no mention covers and that ends in the head noun of an
/// organisation ("the Velmar Trade Organisation", "the Orrin Boxing Council") is that
/// organisation: the tagger left the name out, most often because each word is an ordinary one.
/// Only in sentences of running text (a word of four letters or more in lower case), never in a
/// headline that capitalises every word; a function word, a compound adjective, a month or a day
/// that opens the run ("The", "Velmar-backed", "January") is cut.
pub(super) fn head_names(text: &str, toks: &[Token], infos: &[TokInfo], out: &mut Vec<Mention>) {
    let Some((block, first)) = block_of(toks, out) else {
        return;
    };
    let name_word = |i: usize| infos[i].flags & (F_CAP | F_PUNCT | F_CAPS_SENT) == F_CAP;
    // (and a compound adjective, a month or a day: "Velmar-backed Trade Council", "the January
    // Board meeting")
    let opener = |w: &str| {
        FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w))
            || w.split('-')
                .skip(1)
                .any(|p| p.starts_with(char::is_lowercase))
            || crate::dates::names_a_day_or_month(w)
    };
    let mut found: Vec<Mention> = Vec::new();
    let mut widened: Vec<(usize, Span)> = Vec::new();
    let (mut s0, mut s1) = (0, 0);
    let mut i = 0;
    while i < toks.len() {
        if !name_word(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && !toks[j].sent_start
            && name_word(j)
            && toks[j].start == toks[j - 1].end + 1
        {
            j += 1;
        }
        // (the cheap test first: most runs of capitalised words end in no head)
        // (a programme is as often a plan as a body: "the Orbital Survey Program")
        let head = toks[j - 1].as_str(text);
        let only = ORG_ONLY_HEADS_SET.contains(head) && !matches!(head, "Program" | "Programme");
        if j - i < 2 || !(only || ORG_HEADS_SET.contains(head)) {
            i = j;
            continue;
        }
        // the run's sentence must be running text
        if i >= s1 {
            s0 = (0..=i).rev().find(|&k| toks[k].sent_start).unwrap_or(0);
            s1 = (i + 1..toks.len())
                .find(|&k| toks[k].sent_start)
                .unwrap_or(toks.len());
        }
        let running = (s0..s1).any(|k| {
            infos[k].flags & F_LOWER != 0
                && infos[k].len >= 4
                && toks[k].as_str(text).chars().count() >= 4
        });
        let mut a = i;
        while a < j && opener(toks[a].as_str(text)) {
            a += 1;
        }
        if running && j - a >= 2 {
            let span = Span::new(toks[a].start as usize, toks[j - 1].end as usize);
            let mut taken = (first..out.len())
                .take_while(|&k| out[k].span.start < block.end)
                .filter(|&k| out[k].span.overlaps(&span));
            match (taken.next(), taken.next()) {
                (None, _) if only => found.push(Mention {
                    span,
                    kind: EntityKind::Org,
                    score: 1.0,
                }),
                // the tagger took the head alone, or the run's last words: the whole run is the
                // organisation ("Quorvy Bank" of "a trader at Quorvy Bank")
                (Some(k), None)
                    if out[k].kind == EntityKind::Org
                        && out[k].span.end == span.end
                        && out[k].span.start > span.start =>
                {
                    widened.push((k, span));
                }
                _ => {}
            }
        }
        i = j;
    }
    for (k, span) in widened {
        out[k].span = span;
    }
    if !found.is_empty() {
        out.extend(found);
        out[first..].sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// A title ends no organisation or place: a mention that ends in a word the dictionary knows
/// only as a title, right before capitalised words ("Former Velmar Gov." + "Ada Quorve"), names
/// the person those words name; what comes before the title is the place or the organisation
/// the office belongs to when the dictionary knows it as one or it is an acronym (a sentence's
/// ordinary first word cut: "Former"), or is dropped.
pub(super) fn title_ends(
    text: &str,
    toks: &[Token],
    infos: &[TokInfo],
    gaz: &Gazetteer,
    out: &mut Vec<Mention>,
) {
    let Some((block, first)) = block_of(toks, out) else {
        return;
    };
    let last = out[first..].partition_point(|m| m.span.start < block.end) + first;
    // (a census surname too: "Judge", "Justice")
    let title_only = |i: usize| {
        infos[i].wclass & class::TITLE != 0 && infos[i].wclass & !(class::TITLE | class::LAST) == 0
    };
    let name_word = |i: usize| {
        infos[i].flags & (F_CAP | F_PUNCT | F_CAPS_SENT) == F_CAP
            && infos[i].wclass & class::TITLE == 0
    };
    let mut people: Vec<Span> = Vec::new();
    for k in first..last {
        let m = out[k];
        if m.kind == EntityKind::Person {
            continue;
        }
        let Some((a, b)) = token_range(toks, m.span) else {
            continue;
        };
        if b - a < 2 || !title_only(b - 1) {
            continue;
        }
        // the capitalised words after the title, on the same line and sentence
        let mut e = b;
        while e < toks.len()
            && e < b + 4
            && !toks[e].sent_start
            && toks[e].start == toks[e - 1].end + 1
            && name_word(e)
        {
            e += 1;
        }
        if e == b || e - b == 1 && infos[b].wclass & (class::FIRST | class::LAST) == 0 {
            continue;
        }
        people.push(Span::new(toks[b].start as usize, toks[e - 1].end as usize));
        // the office's place: titles cut from the end, a sentence's ordinary first word from the start
        let mut t = b - 1;
        while t > a && title_only(t - 1) {
            t -= 1;
        }
        let mut s = a;
        if toks[s].sent_start
            && crate::truecase::Truecaser::builtin().is_lower_word(toks[s].as_str(text))
        {
            s += 1;
        }
        // (or the office's organisation: one the dictionary knows, or an acronym: "FBI Director")
        let kind = if s < t {
            let name = &text[toks[s].start as usize..toks[t - 1].end as usize];
            let known = gaz
                .lookup(name)
                .and_then(|en| kind_of_classes(en.classes))
                .filter(|k| *k != EntityKind::Person);
            let acronym = name.len() >= 2 && name.bytes().all(|c| c.is_ascii_uppercase());
            known.or(acronym.then_some(EntityKind::Org))
        } else {
            None
        };
        out[k] = match kind {
            Some(kind) => Mention {
                span: Span::new(toks[s].start as usize, toks[t - 1].end as usize),
                kind,
                score: m.score,
            },
            None => Mention {
                span: Span::new(m.span.start, m.span.start),
                ..m
            },
        };
    }
    if people.is_empty() {
        return;
    }
    // the people replace what the tagger made of their words
    out.retain(|m| m.span.start < m.span.end && !people.iter().any(|p| p.overlaps(&m.span)));
    out.extend(people.into_iter().map(|span| Mention {
        span,
        kind: EntityKind::Person,
        score: 1.0,
    }));
    let first = out.partition_point(|m| m.span.start < block.start);
    out[first..].sort_by_key(|m| (m.span.start, m.span.end));
}
