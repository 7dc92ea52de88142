//! Canonical names: groups an article's mentions into entities under one name each.
//!
//! - titles and roles are cut from names ("President Ashraf Ghani" → Ashraf Ghani), as are a
//!   leading "the" and a possessive;
//! - a surname-only or given-name-only person mention joins the full name used in the article,
//!   and so do two or more words that end exactly one longer name (double surnames);
//! - acronyms defined in the article ("Islamic State (IS)", "… Front [VLF]") join their long form, and later
//!   untagged uses of the acronym become mentions;
//! - an alias table (built-in, seeded from the Phoenix actor dictionaries, plus user entries)
//!   maps variants to one name (ISIS/ISIL/Daesh → Islamic State, Kiev → Kyiv);
//! - the Phoenix dictionaries give CAMEO country and role codes where they know the actor.

use crate::gazetteer::{class, token_hash, Gazetteer};
use crate::model::{Entity, EntityKind, Span};
use crate::ner::{ends_company, is_company_name, possessive_stem, starts_company, Mention};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::collections::BTreeMap;

/// Built-in aliases (alias → canonical) on top of the Phoenix-derived ones.
const BUILTIN_ALIASES: &[(&str, &str)] = &[
    ("ISIS", "Islamic State"),
    ("ISIL", "Islamic State"),
    ("IS", "Islamic State"),
    ("Daesh", "Islamic State"),
    ("Da'esh", "Islamic State"),
    ("Islamic State group", "Islamic State"),
    ("al-Qaeda", "Al Qaeda"),
    ("al-Qaida", "Al Qaeda"),
    ("al Qaeda", "Al Qaeda"),
    ("Al-Qaeda", "Al Qaeda"),
    ("Al Qa'ida", "Al Qaeda"),
    ("Taleban", "Taliban"),
    ("Kiev", "Kyiv"),
    ("U.S.", "United States"),
    ("US", "United States"),
    ("U.S.A.", "United States"),
    ("USA", "United States"),
    ("America", "United States"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("USSR", "Soviet Union"),
    ("U.S.S.R.", "Soviet Union"),
    ("UAE", "United Arab Emirates"),
    ("U.A.E.", "United Arab Emirates"),
    ("DPRK", "North Korea"),
    ("U.N.", "United Nations"),
    ("UN", "United Nations"),
    ("GOP", "Republican Party"),
    ("G.O.P.", "Republican Party"),
    ("Grand Old Party", "Republican Party"),
    ("Hizbollah", "Hezbollah"),
    ("Hizballah", "Hezbollah"),
];

/// The news-style abbreviations of US states ("Calif.", "N.J."): the dotted forms only, as
/// two-letter postal codes are also words and acronyms ("IN", "OR", "PA").
pub(crate) const US_STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("Ala.", "Alabama"),
    ("Ariz.", "Arizona"),
    ("Ark.", "Arkansas"),
    ("Calif.", "California"),
    ("Colo.", "Colorado"),
    ("Conn.", "Connecticut"),
    ("Del.", "Delaware"),
    ("Fla.", "Florida"),
    ("Ga.", "Georgia"),
    ("Ill.", "Illinois"),
    ("Ind.", "Indiana"),
    ("Kan.", "Kansas"),
    ("Kans.", "Kansas"),
    ("Ky.", "Kentucky"),
    ("La.", "Louisiana"),
    ("Md.", "Maryland"),
    ("Mass.", "Massachusetts"),
    ("Mich.", "Michigan"),
    ("Minn.", "Minnesota"),
    ("Mo.", "Missouri"),
    ("Mont.", "Montana"),
    ("Neb.", "Nebraska"),
    ("Nev.", "Nevada"),
    ("N.H.", "New Hampshire"),
    ("N.J.", "New Jersey"),
    ("N.M.", "New Mexico"),
    ("N.Y.", "New York"),
    ("N.C.", "North Carolina"),
    ("N.D.", "North Dakota"),
    ("Okla.", "Oklahoma"),
    ("Ore.", "Oregon"),
    ("Pa.", "Pennsylvania"),
    ("R.I.", "Rhode Island"),
    ("S.C.", "South Carolina"),
    ("S.D.", "South Dakota"),
    ("Tenn.", "Tennessee"),
    ("Tex.", "Texas"),
    ("Vt.", "Vermont"),
    ("Va.", "Virginia"),
    ("Wash.", "Washington"),
    ("W.Va.", "West Virginia"),
    ("Wis.", "Wisconsin"),
    ("Wisc.", "Wisconsin"),
    ("Wyo.", "Wyoming"),
];

/// Whether `w` is a US state's abbreviation written without its period ("Conn", "PA"), in any
/// case.
pub(crate) fn is_dotless_state_abbreviation(w: &str) -> bool {
    US_STATE_ABBREVIATIONS.iter().any(|(a, _)| {
        a.strip_suffix('.')
            .is_some_and(|a| a.eq_ignore_ascii_case(w))
    })
}

/// Words cut from the front of a name: determiners; titles come from the gazetteer.
const LEADING_DROP: &[&str] = &["the", "The", "THE"];

fn norm_key(s: &str) -> String {
    // (one buffer, folded in place when ASCII: this runs for every mention of every article)
    let mut key = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if w.contains(['’', '‘']) {
            key.push_str(&w.replace(['’', '‘'], "'"));
        } else {
            key.push_str(w);
        }
    }
    if key.is_ascii() {
        key.make_ascii_lowercase();
        key
    } else {
        key.to_lowercase()
    }
}

/// The distinct names among `names`, one spelling of each: a headline's "CENTRAL BANK" and the
/// running text's "Central Bank" are one name (the spelling written in running text kept).
fn one_name<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a String> {
    let mut out: Vec<(String, &String)> = names.map(|n| (norm_key(n), n)).collect();
    // (running text's spelling first: it has lower-case letters)
    let shouted = |n: &str| !n.chars().any(char::is_lowercase);
    out.sort_by(|(ka, a), (kb, b)| {
        ka.cmp(kb)
            .then_with(|| shouted(a).cmp(&shouted(b)))
            .then_with(|| a.cmp(b))
    });
    out.dedup_by(|a, b| a.0 == b.0);
    out.into_iter().map(|(_, n)| n).collect()
}

/// Canonicalisation settings and tables.
#[derive(Debug, Clone)]
pub struct Canonicaliser {
    /// normalised alias → canonical
    aliases: HashMap<String, String>,
    /// exact-case acronym aliases that may be found in text even when untagged (e.g. "ISIS")
    acronyms: HashMap<String, String>,
    /// normalised names that are never an actor (aliases to the empty name)
    blocked: FxHashSet<String>,
    gaz: &'static Gazetteer,
}

impl Default for Canonicaliser {
    fn default() -> Self {
        Canonicaliser::new(Gazetteer::builtin(), &[])
    }
}

impl Canonicaliser {
    /// Built-in aliases plus `extra` (alias → canonical; later entries win). An alias to the
    /// empty name blocks the name: it is never an actor.
    pub fn new(gaz: &'static Gazetteer, extra: &[(String, String)]) -> Self {
        let mut aliases = HashMap::default();
        let mut acronyms = HashMap::default();
        let mut blocked = FxHashSet::default();
        for (a, c) in BUILTIN_ALIASES
            .iter()
            .chain(US_STATE_ABBREVIATIONS)
            .map(|(a, c)| (a.to_string(), c.to_string()))
            .chain(extra.iter().cloned())
        {
            if c.trim().is_empty() {
                blocked.insert(norm_key(&a));
                aliases.remove(&norm_key(&a));
                acronyms.remove(&a);
                continue;
            }
            blocked.remove(&norm_key(&a));
            if a.len() >= 2 && a.len() <= 6 && a.chars().all(|ch| ch.is_ascii_uppercase()) {
                acronyms.insert(a.clone(), c.clone());
            }
            aliases.insert(norm_key(&a), c);
        }
        Canonicaliser {
            aliases,
            acronyms,
            blocked,
            gaz,
        }
    }

    fn alias(&self, name: &str) -> Option<&str> {
        let mut cur = self.aliases.get(&norm_key(name))?;
        // follow chains a few steps (user alias to a built-in canonical)
        for _ in 0..3 {
            match self.aliases.get(&norm_key(cur)) {
                Some(n) if n != cur => cur = n,
                _ => break,
            }
        }
        Some(cur.as_str())
    }

    /// Cleans a mention's surface: trims titles, determiners, possessives and punctuation.
    /// Returns the cleaned name and its byte range within the surface.
    pub fn clean<'a>(&self, surface: &'a str, kind: EntityKind) -> (&'a str, usize) {
        let mut s = surface.trim();
        let mut off = surface.len() - surface.trim_start().len();
        loop {
            let Some((first, rest)) = s.split_once(char::is_whitespace) else {
                break;
            };
            let is_title = kind == EntityKind::Person && {
                let c = self.gaz.lookup(first).map_or(0, |e| e.classes);
                // (a title that is a given name too is the title before a given name and a
                // surname: "MAJOR RAMIRO QUEVARRA")
                let before_given = || {
                    let mut ws = rest.split_whitespace();
                    ws.next().is_some_and(|w| {
                        self.gaz
                            .lookup(w)
                            .is_some_and(|e| e.classes & class::FIRST != 0)
                    }) && ws.next().is_some()
                };
                c & class::TITLE != 0 && (c & class::FIRST == 0 || before_given())
                    || first.chars().next().is_some_and(|c| c.is_lowercase())
            };
            // "The Hague": a single-word place keeps its article
            let keep_the = kind == EntityKind::Loc
                && first == "The"
                && !rest.trim().contains(char::is_whitespace);
            if (LEADING_DROP.contains(&first) && !keep_the) || is_title {
                let rest_t = rest.trim_start();
                off += s.len() - rest_t.len();
                s = rest_t;
            } else {
                break;
            }
        }
        for suf in ["'s", "’s", "'", "’"] {
            if s.len() > suf.len() + 1 && s.ends_with(suf) {
                s = s[..s.len() - suf.len()].trim_end();
                break;
            }
        }
        let t = s.trim_end_matches(|c: char| {
            matches!(c, ',' | ';' | ':' | '-' | '—' | '(' | '"' | '“' | '”')
        });
        (t, off)
    }

    /// A name in capitals only that is no known acronym and has two words or more, or one of
    /// five letters or more ("QUORVY AG" and "VELMORA" are shouted, "NATO" is an acronym).
    fn shouted(&self, name: &str) -> bool {
        !name.chars().any(char::is_lowercase)
            && (name.split_whitespace().nth(1).is_some()
                || name.chars().filter(|c| c.is_alphabetic()).count() >= 5)
            && !self.acronyms.contains_key(name)
            && self.alias(name).is_none()
    }

    /// CAMEO country and role of a name, where the dictionaries know it.
    pub fn codes(&self, name: &str, kind: EntityKind) -> (Option<String>, Option<String>) {
        let Some(e) = self.gaz.lookup(name) else {
            return (None, None);
        };
        let wanted = match kind {
            EntityKind::Person => class::PERSON,
            EntityKind::Org => class::ORG | class::ARMED | class::IGO | class::NATIONAL,
            EntityKind::Loc => class::COUNTRY | class::CITY | class::REGION | class::NATIONAL,
        };
        if e.classes & wanted == 0 {
            return (None, None);
        }
        let Some(code) = e.code.as_deref() else {
            return (None, None);
        };
        split_code(code)
    }

    /// Groups mentions into entities per kind.
    pub fn group(&self, text: &str, mentions: &[Mention]) -> BTreeMap<EntityKind, Vec<Entity>> {
        let mut ms: Vec<Mention> = mentions.to_vec();
        ms.sort_by_key(|m| (m.span.start, m.span.end));
        // acronyms defined in the text: "Long Name (LN)", or "Long Name [LN]" (a translator's
        // insertion)
        let mut acro: HashMap<String, (String, EntityKind)> = HashMap::default();
        for m in &ms {
            let after = &text[m.span.end..];
            let bracketed = after
                .strip_prefix(" (")
                .map(|r| (r, ')'))
                .or_else(|| after.strip_prefix(" [").map(|r| (r, ']')));
            if let Some((rest, close)) = bracketed {
                let inner: &str = rest.split(close).next().unwrap_or("");
                if inner.len() >= 2
                    && inner.len() <= 8
                    && inner
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c == '.' || c == '-')
                {
                    let (long, _) = self.clean(m.span.slice(text), m.kind);
                    let initials_ok = long
                        .split_whitespace()
                        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
                        .count()
                        >= 2;
                    if initials_ok {
                        acro.insert(inner.to_string(), (long.to_string(), m.kind));
                    }
                }
            }
        }
        // untagged acronyms (defined here or in the alias table) become mentions
        let kind_of_canonical = |c: &str, ms: &[Mention]| -> Option<EntityKind> {
            for m in ms {
                if self.clean(m.span.slice(text), m.kind).0 == c {
                    return Some(m.kind);
                }
            }
            let e = self.gaz.lookup(c)?;
            if e.classes & (class::ORG | class::ARMED | class::IGO) != 0 {
                Some(EntityKind::Org)
            } else if e.classes & (class::COUNTRY | class::CITY | class::REGION) != 0 {
                Some(EntityKind::Loc)
            } else if e.classes & class::PERSON != 0 {
                Some(EntityKind::Person)
            } else {
                None
            }
        };
        let mut extra = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_uppercase() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_uppercase() || bytes[j] == b'.') {
                j += 1;
            }
            if j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                i = j;
                continue;
            }
            let w = text[i..j].trim_end_matches('.');
            let end = i + w.len();
            // (the line is only scanned for a known acronym: scanning it for every capitalised
            // word made long paragraphs quadratic)
            let line_caps = || {
                let ls = text[..i].rfind('\n').map_or(0, |p| p + 1);
                let le = text[j..].find('\n').map_or(text.len(), |p| j + p);
                let line = &text[ls..le];
                line.chars().filter(|c| c.is_lowercase()).count() * 5
                    < line.chars().filter(|c| c.is_alphabetic()).count()
            };
            if w.len() >= 2 {
                let span = Span::new(i, end);
                let target = acro
                    .get(w)
                    .map(|(l, k)| (l.clone(), Some(*k)))
                    .or_else(|| self.acronyms.get(w).map(|c| (c.clone(), None)));
                if let Some((long, k)) = target {
                    let covered = ms.iter().any(|m| m.span.overlaps(&span));
                    if !covered && !line_caps() {
                        if let Some(kind) = k.or_else(|| kind_of_canonical(&long, &ms)) {
                            extra.push(Mention {
                                span,
                                kind,
                                score: 0.0,
                            });
                        }
                    }
                }
            }
            i = j.max(i + 1);
        }
        ms.extend(extra);
        ms.sort_by_key(|m| (m.span.start, m.span.end));

        let mut out: BTreeMap<EntityKind, Vec<Entity>> = BTreeMap::new();
        for kind in EntityKind::ALL {
            let kms: Vec<&Mention> = ms.iter().filter(|m| m.kind == kind).collect();
            // cleaned names
            let mut names: Vec<(Span, String)> = Vec::new();
            for m in &kms {
                let surface = m.span.slice(text);
                let (name, off) = self.clean(surface, kind);
                if name.is_empty() || !name.chars().any(|c| c.is_alphabetic()) {
                    continue;
                }
                let span = Span::new(m.span.start + off, m.span.start + off + name.len());
                // (an editor's brackets inside a name are no part of it: "[Tomas] Quevedo")
                // (most names are already words apart by single spaces, without brackets)
                let plain = !name.contains(['[', ']'])
                    && name
                        .split(' ')
                        .all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
                let name = if plain {
                    name.to_string()
                } else {
                    name.split_whitespace()
                        .map(|w| w.trim_matches(['[', ']']))
                        .filter(|w| !w.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let name = if kind == EntityKind::Person {
                    person_case(name)
                } else {
                    name
                };
                let name = acro
                    .get(&name)
                    .filter(|(_, k)| *k == kind)
                    .map(|(l, _)| l.clone())
                    .unwrap_or(name);
                // a dotted abbreviation whose period the tokenizer left out ("Harrisburg, Pa.,"),
                // or that a dateline wrote without it ("Hartford, Conn (Reuters)": a place named
                // by an abbreviation of three letters or more alone is the state; two letters
                // are also other places' and words' ("LA", "IN"))
                let dotted = (kind == EntityKind::Loc
                    && !name.ends_with('.')
                    && (text[span.end..].starts_with('.')
                        || (3..=5).contains(&name.len()) && is_dotless_state_abbreviation(&name)))
                .then(|| format!("{name}."));
                let name = dotted
                    .as_deref()
                    .and_then(|d| self.alias(d))
                    .or_else(|| self.alias(&name))
                    .map(str::to_string)
                    .unwrap_or(name);
                if !self.blocked.is_empty() && self.blocked.contains(&norm_key(&name)) {
                    continue;
                }
                names.push((span, name));
            }
            // person: single words join the full name that contains them as first or last word
            let mut full: Vec<(String, usize)> = Vec::new(); // (name, count)
            if kind == EntityKind::Person {
                for (_, n) in &names {
                    if n.split_whitespace().count() >= 2 {
                        match full.iter_mut().find(|f| &f.0 == n) {
                            Some(f) => f.1 += 1,
                            None => full.push((n.clone(), 1)),
                        }
                    }
                }
                // (a given name and a first surname that join the name with both surnames take
                // the short forms with them)
                let mut joined: HashMap<String, String> = HashMap::default();
                for (_, n) in names.iter_mut() {
                    if n.split_whitespace().count() != 1 {
                        // surnames of two words or more: the one longer name they end
                        // ("Ortiz Quevedo" of "Tomas Ortiz Quevedo"); else a given name and a
                        // first surname, the one name that adds a second surname to them
                        // ("Tomas Ortiz" of "Tomas Ortiz Quevedo")
                        // (in any case: a dateline's "ORTIZ QUEVEDO", a particle written
                        // capitalised at the start of the short form, "De Quevedo" of "Tomas de
                        // Quevedo"; the short form then counts as the long one)
                        // (the words before it are names, not a headline's words run into
                        // the name: "Ortiz Quevedo" is not of "Air Tomas Ortiz Quevedo")
                        let tail = format!(" {}", n.to_lowercase());
                        let mut longer = full.iter().filter(|(f, _)| {
                            f.to_lowercase().strip_suffix(&tail).is_some_and(|head| {
                                head.split(' ').all(|w| given_name_word(self.gaz, w))
                            })
                        });
                        if let (Some((f, _)), None) = (longer.next(), longer.next()) {
                            joined.insert(n.clone(), f.clone());
                            *n = f.clone();
                            continue;
                        }
                        let head = format!("{n} ");
                        let mut longer = full.iter().filter(|(f, _)| {
                            f.strip_prefix(&head)
                                .is_some_and(|rest| !rest.contains(' '))
                                && two_surnames(self.gaz, f)
                        });
                        if let (Some((f, _)), None) = (longer.next(), longer.next()) {
                            joined.insert(n.clone(), f.clone());
                            *n = f.clone();
                        }
                    }
                }
                // (a given name and a first surname that join the name with both surnames
                // count as that one)
                let mut full: Vec<(String, usize)> = full
                    .into_iter()
                    .map(|(f, c)| (joined.get(&f).cloned().unwrap_or(f), c))
                    .collect();
                full.sort();
                full.dedup_by(|a, b| a.0 == b.0);
                // a full name and the one name of the article that adds middle initials to it
                // are one person, in the longer form ("Orrin Velm" of "Orrin T. Velm"); two
                // longer forms with different initials leave the short one apart, as do two
                // names the dictionaries know as different people
                let mut longer: HashMap<String, Vec<&str>> = HashMap::default();
                for (f, _) in &full {
                    if let Some(short) = without_middle_initials(f) {
                        if full.iter().any(|(g, _)| *g == short) {
                            longer.entry(short).or_default().push(f);
                        }
                    }
                }
                let mut initialled: HashMap<String, String> = HashMap::default();
                for (short, forms) in longer {
                    let same = forms
                        .iter()
                        .all(|f| f.replace('.', "") == forms[0].replace('.', ""));
                    let known_apart = || {
                        // (as written, or with a stop after each initial: "George W Bush")
                        let known = |n: &str| {
                            let dotted: String = n
                                .split(' ')
                                .map(|w| {
                                    if w.chars().count() == 1 {
                                        format!("{w}.")
                                    } else {
                                        w.to_string()
                                    }
                                })
                                .collect::<Vec<_>>()
                                .join(" ");
                            let look = |n: &str| {
                                self.gaz
                                    .lookup(n)
                                    .filter(|e| e.classes & class::PERSON != 0)
                                    .map(|e| e.canonical.clone())
                            };
                            look(n).or_else(|| look(&dotted))
                        };
                        known(&short)
                            .is_some_and(|a| forms.iter().any(|f| known(f).is_some_and(|b| a != b)))
                    };
                    if same && !known_apart() {
                        initialled.insert(short, forms[0].to_string());
                    }
                }
                // a given name and a surname, and the one longer name of the article that adds
                // middle names between them, are one person in the longer form ("Ada Quorve" of
                // "Ada Lind Quorve"); middle names are capitalised words of two letters or more
                // that are no ordinary words (a headline's verb run into a name is none)
                let casing = crate::truecase::Truecaser::builtin();
                let middle = |w: &str| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                        && w.chars()
                            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                        && !casing.is_ordinary_word(w)
                };
                for (short, _) in &full {
                    let ws: Vec<&str> = short.split_whitespace().collect();
                    if ws.len() != 2 || initialled.contains_key(short) {
                        continue;
                    }
                    let mut longer = full.iter().filter(|(f, _)| {
                        let fw: Vec<&str> = f.split_whitespace().collect();
                        fw.len() >= 3
                            && same_word(fw[0], ws[0])
                            && fw.last().is_some_and(|l| same_word(l, ws[1]))
                            && fw[1..fw.len() - 1].iter().all(|w| middle(w))
                    });
                    if let (Some((f, _)), None) = (longer.next(), longer.next()) {
                        initialled.insert(short.clone(), f.clone());
                    }
                }
                if !initialled.is_empty() {
                    for (_, n) in names.iter_mut() {
                        if let Some(f) = initialled.get(n.as_str()) {
                            *n = f.clone();
                        }
                    }
                    full.retain(|(f, _)| !initialled.contains_key(f));
                }
                for (_, n) in names.iter_mut() {
                    if n.split_whitespace().count() != 1 {
                        continue;
                    }
                    // (in any case: a headline's "VELM" is the text's "Orrin Velm")
                    let same = |w: Option<&str>| w.is_some_and(|w| same_word(w, n));
                    let cands: Vec<&(String, usize)> = full
                        .iter()
                        .filter(|(f, _)| same(surname(f)) || same(f.split_whitespace().next()))
                        .collect();
                    // (one name written in capitals and as usual is one candidate, in its usual
                    // spelling: "TARN VELM" in a headline and "Tarn Velm" in the text)
                    let mut cands = cands;
                    cands.sort_by_key(|(f, _)| {
                        (f.to_lowercase(), !f.chars().any(char::is_lowercase))
                    });
                    cands.dedup_by(|a, b| a.0.to_lowercase() == b.0.to_lowercase());
                    // prefer surname matches; ambiguity between different full names: keep
                    let by_last: Vec<&&(String, usize)> =
                        cands.iter().filter(|(f, _)| same(surname(f))).collect();
                    // (the first of two surnames, as Spanish and Portuguese names are shortened:
                    // "Ortiz" of "Tomas Ortiz Quevedo", when no full name ends or starts with it)
                    let first_surname = || {
                        let mut of = full.iter().filter(|(f, _)| {
                            let ws: Vec<&str> = f.split_whitespace().collect();
                            ws.len() >= 3
                                && same_word(ws[ws.len() - 2], n)
                                && two_surnames(self.gaz, f)
                        });
                        match (of.next(), of.next()) {
                            (Some((f, _)), None) => Some(f.clone()),
                            _ => None,
                        }
                    };
                    // (a name written only in capitals, "TARN VELM WINS" from a headline the
                    // tagger ran on, yields to the one written as running text writes names)
                    let usual: Vec<&&&(String, usize)> = by_last
                        .iter()
                        .filter(|(f, _)| f.chars().any(char::is_lowercase))
                        .collect();
                    let pick = if by_last.len() == 1 {
                        Some(by_last[0].0.clone())
                    } else if usual.len() == 1 {
                        Some(usual[0].0.clone())
                    } else if by_last.is_empty() && cands.len() == 1 {
                        Some(cands[0].0.clone())
                    } else if cands.is_empty() {
                        first_surname()
                    } else {
                        None
                    };
                    if let Some(p) = pick {
                        *n = p;
                    }
                }
            }
            // organisation: a bare head noun ("the Commission", "the Department", a headline's
            // "BANK") is the one organisation of the article that the noun heads ("European
            // Commission", "Ministry of Mines", "Velmoran Transport Department", "Coastal Bank of
            // Norland"); with none or several, it stays as written. The noun is an ordinary
            // word, or a word no dictionary knows as a name; and an organisation named after
            // "of" is another one ("Friends of Quorvex" is not Quorvex).
            if kind == EntityKind::Org {
                let heads = |full: &str, head: &str| {
                    let ws: Vec<&str> = full.split_whitespace().collect();
                    let n = ws.len();
                    let is = |w: &str| w.eq_ignore_ascii_case(head);
                    n >= 2
                        && (is(ws[n - 1]) && ws[n - 2] != "of"
                            || ws.windows(2).any(|p| is(p[0]) && p[1] == "of"))
                };
                // a possessive name in its short form ("Quorvel" of "QUORVEL'S", "Quorvel's
                // Rating Service"): the one organisation whose name starts with the possessive
                let possessive = |full: &str, short: &str| {
                    let first = full.split_whitespace().next().unwrap_or("");
                    possessive_stem(first).is_some_and(|w| w.eq_ignore_ascii_case(short))
                };
                let longer: Vec<String> = names
                    .iter()
                    .filter(|(_, n)| n.contains(' '))
                    .map(|(_, n)| n.clone())
                    .collect();
                let tc = crate::truecase::Truecaser::builtin();
                for (_, n) in names.iter_mut() {
                    if n.contains(' ') {
                        continue;
                    }
                    let owners = one_name(longer.iter().filter(|f| possessive(f, n)));
                    if let [one] = owners[..] {
                        *n = one.clone();
                        continue;
                    }
                    if !(tc.is_lower_word(n) || self.gaz.lookup(n).is_none()) {
                        continue;
                    }
                    let cands = one_name(longer.iter().filter(|f| heads(f, n)));
                    if let [one] = cands[..] {
                        *n = one.clone();
                    }
                }
                // a company's short name ("Tarvel", "Marsh Quill") is the one company of the
                // article whose name with a legal suffix starts with it ("Tarvel Holdings Ltd",
                // "Marsh, Quill and Co Inc"), or ends with it before the suffix after a
                // founder's given name ("Quorvel" of "Tarvel Quorvel Co")
                let firms: Vec<&String> = longer.iter().filter(|f| is_company_name(f)).collect();
                // (after a founder's given name, surname or initial, not a nationality or a
                // place: "Zarnian Quorvel GmbH" is a branch of "Quorvel"; and no ordinary word:
                // "Bank" may be any bank)
                let founder = |f: &str, n: &str| {
                    ends_company(f, n).is_some_and(|w| {
                        let initial = w.len() == 2 && w.ends_with('.');
                        let place = class::NATIONAL | class::COUNTRY | class::CITY | class::REGION;
                        (initial
                            || self.gaz.word_classes(token_hash(w)) & (class::FIRST | class::LAST)
                                != 0
                            || crate::ner::PARTICLES.contains(&w.to_lowercase().as_str()))
                            && self.gaz.lookup(w).map_or(0, |e| e.classes) & place == 0
                    })
                };
                if !firms.is_empty() {
                    for (_, n) in names.iter_mut() {
                        if n.split_whitespace()
                            .last()
                            .is_some_and(crate::ner::is_company_suffix)
                        {
                            continue;
                        }
                        // (a one-word short name that is no ordinary word may end the firm's
                        // name after its founder's)
                        let founded = !n.contains(' ') && !tc.is_lower_word(n);
                        let cands =
                            one_name(firms.iter().copied().filter(|f| {
                                starts_company(f, n, false) || founded && founder(f, n)
                            }));
                        // (of several, the one that is the short name and its legal suffix
                        // alone: "Tarvel" is "Tarvel Corp" beside "Tarvel Mining Inc")
                        let bare = |f: &str| {
                            let mut ws: Vec<&str> = f.split_whitespace().collect();
                            while ws.len() > 1
                                && ws.last().is_some_and(|w| crate::ner::is_company_suffix(w))
                            {
                                ws.pop();
                            }
                            ws.join(" ").eq_ignore_ascii_case(n)
                        };
                        let pick = match cands[..] {
                            [one] => Some(one),
                            [_, _, ..] => {
                                let mut bares = cands.iter().filter(|f| bare(f));
                                match (bares.next(), bares.next()) {
                                    (Some(one), None) => Some(*one),
                                    _ => None,
                                }
                            }
                            [] => None,
                        };
                        if let Some(one) = pick {
                            *n = one.clone();
                        }
                    }
                }
            }
            let mut ents: Vec<Entity> = Vec::new();
            let mut index: HashMap<String, usize> = HashMap::default();
            for (span, name) in names {
                let key = norm_key(&name);
                let idx = *index.entry(key).or_insert_with(|| {
                    let (country, role) = self.codes(&name, kind);
                    ents.push(Entity {
                        name: name.clone(),
                        mentions: vec![],
                        country,
                        role,
                    });
                    ents.len() - 1
                });
                // A name first met in capitals (a headline, a dateline: "RICOH", "WASHINGTON")
                // takes the case the running text writes it in; acronyms keep theirs.
                if self.shouted(&ents[idx].name) && name.chars().any(char::is_lowercase) {
                    ents[idx].name = name;
                }
                ents[idx].mentions.push(span);
            }
            for e in &mut ents {
                e.mentions.sort();
                e.mentions.dedup();
                if e.country.is_none() && e.role.is_none() {
                    // try the surfaces of the mentions (e.g. "Taleban" for "Taliban"), each
                    // spelling once (a lookup tokenizes it)
                    let mut tried: Vec<&str> = Vec::new();
                    let found = e
                        .mentions
                        .iter()
                        .map(|m| m.slice(text))
                        .filter(|s| {
                            let new = !tried.contains(s);
                            if new {
                                tried.push(s);
                            }
                            new
                        })
                        .map(|s| self.codes(s, kind))
                        .find(|(c, r)| c.is_some() || r.is_some());
                    if let Some((c, r)) = found {
                        e.country = c;
                        e.role = r;
                    }
                }
            }
            ents.sort_by_key(|e| e.mentions.first().copied());
            out.insert(kind, ents);
        }
        out
    }
}

/// A person's name without the middle initials it holds ("Orrin T. Velm" → "Orrin Velm"; "Ada
/// B C Quorve" → "Ada Quorve"), or `None` when it holds none between its first and last words.
fn without_middle_initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 3 {
        return None;
    }
    let initial = |w: &str| {
        let letters = w.strip_suffix('.').unwrap_or(w);
        letters.chars().count() == 1 && letters.chars().all(char::is_uppercase)
    };
    let last = words.len() - 1;
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || i == last || !initial(w))
        .map(|(_, w)| *w)
        .collect();
    (kept.len() < words.len()).then(|| kept.join(" "))
}

/// Whether two words are the same but for their case ("VELM", "Velm").
fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether `w` (in any case) can be a given name or a particle before a surname: no ordinary
/// word, unless the dictionaries list it as a given name ("Dick") or it is a particle ("de").
fn given_name_word(gaz: &Gazetteer, w: &str) -> bool {
    !crate::truecase::Truecaser::builtin().is_ordinary_word(w)
        || crate::ner::PARTICLES.contains(&w.to_lowercase().as_str())
        || gaz.lookup(w).is_some_and(|e| e.classes & class::FIRST != 0)
}

/// Whether a person's name of three words or more can end in two surnames: its last word can be
/// a second surname, and the words between the first and the last are given names, particles
/// or no ordinary words ("Ted Quorvy Super Pac" cannot).
pub fn two_surnames(gaz: &Gazetteer, name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let n = words.len();
    n >= 3
        && second_surname(words[n - 1])
        && words[1..n - 1].iter().all(|w| given_name_word(gaz, w))
}

/// The last word of a person's name before a generational suffix ("Quorve" of "Ada Quorve",
/// "Tarn Velm Jr.", "Tarn Velm III").
fn surname(name: &str) -> Option<&str> {
    let mut words = name.split_whitespace().rev();
    let last = words.next()?;
    let suffix = matches!(
        last.trim_end_matches('.'),
        "Jr" | "Sr" | "Jnr" | "Snr" | "JR" | "SR" | "II" | "III" | "IV"
    );
    if suffix {
        words.next().map(|w| w.trim_end_matches(','))
    } else {
        Some(last)
    }
}

/// Whether `w`, the last word of a person's name after a given name and a first surname, can be
/// a second surname: one capitalised word, not a generational suffix or a Roman numeral, and no
/// ordinary word (a headline's verb or a title run into the name is none: "… Announces", "…
/// President", "… Show"; the surname lists hold such words too).
fn second_surname(w: &str) -> bool {
    // (each part of a hyphenated one a capitalised word: "Garcia-Quevarra", not "T-shirts")
    let parts_named = w
        .split('-')
        .all(|p| p.chars().count() >= 2 && p.chars().next().is_some_and(char::is_uppercase));
    !w.contains(' ')
        && parts_named
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !matches!(w, "Jr" | "Sr" | "Jnr" | "Snr")
        && !w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        && !crate::truecase::Truecaser::builtin().is_ordinary_word(w)
}

/// A person's name as a recased capitals line leaves it, in the usual spelling: a word in
/// capitals beside capitalised ones is a surname the casing lexicon did not know ("Tomas
/// QUEVEDO"), "Y" joining two surnames is the conjunction ("Ordaz Y Vila"), and an article
/// after a particle is lower case ("de La Vega").
fn person_case(name: String) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    // (not a Roman numeral: "Tomas Quevedo III")
    let caps = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && w.chars().all(|c| c.is_uppercase() || c == '-' || c == '\'')
            && !w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
    };
    let usual = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(|c| !c.is_uppercase())
            && w.chars().any(char::is_lowercase)
    };
    let inner_y = words.len() >= 3 && words[1..words.len() - 1].contains(&"Y");
    // the article after a particle: "de La Vega" is "de la Vega"
    let article = |i: usize| {
        i > 0
            && i + 1 < words.len()
            && matches!(words[i - 1], "de" | "del" | "van" | "von")
            && matches!(words[i], "La" | "Las" | "Los" | "Le" | "Der" | "Den")
    };
    let particle_article = (0..words.len()).any(article);
    let has_usual = words.iter().any(|w| usual(w));
    let shouted_surname = words.len() >= 2 && has_usual && words.iter().any(|w| caps(w));
    if !(shouted_surname || inner_y || particle_article) {
        return name;
    }
    let last = words.len() - 1;
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if *w == "Y" && i > 0 && i < last || article(i) {
                w.to_lowercase()
            } else if caps(w) && has_usual {
                let mut cs = w.chars();
                cs.next()
                    .map(|c| c.to_string() + &cs.as_str().to_lowercase())
                    .unwrap_or_default()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits a CAMEO code into country and role: `AFGGOV` → (AFG, GOV); `IGOUNO` → (-, IGO);
/// `ELI` (an elite listed under no country) → (-, ELI); `MED` (news media listed under no
/// country) → (-, MED); a religion's code before a role (`BUDREB`) → (-, BUD); `AFG` → (AFG, -).
pub fn split_code(code: &str) -> (Option<String>, Option<String>) {
    let code = code.trim_start_matches('~');
    if code.len() < 3 || !code.is_ascii() {
        return (None, None);
    }
    let (a, rest) = code.split_at(3);
    // (CAMEO's sector and religion codes that the dictionaries put where a country goes: no
    // country, though they look like one)
    if matches!(
        a,
        "IGO"
            | "NGO"
            | "IMG"
            | "MNC"
            | "UIS"
            | "NGM"
            | "ELI"
            | "MED"
            | "BAH"
            | "BUD"
            | "HIN"
            | "MOS"
    ) {
        return (None, Some(a.to_string()));
    }
    let role = (rest.len() >= 3).then(|| rest[..3].to_string());
    (Some(a.to_string()), role)
}

/// Groups mentions with the built-in tables.
pub fn group(text: &str, mentions: &[Mention]) -> BTreeMap<EntityKind, Vec<Entity>> {
    Canonicaliser::default().group(text, mentions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, s: &str, kind: EntityKind, nth: usize) -> Mention {
        let start = text.match_indices(s).nth(nth).expect("substring").0;
        Mention {
            span: Span::new(start, start + s.len()),
            kind,
            score: 1.0,
        }
    }

    /// The canonical names of one kind with their numbers of mentions.
    fn names(g: &BTreeMap<EntityKind, Vec<Entity>>, k: EntityKind) -> Vec<(&str, usize)> {
        g[&k]
            .iter()
            .map(|e| (e.name.as_str(), e.mentions.len()))
            .collect()
    }

    #[test]
    fn splits_cameo_codes() {
        let cases = [
            ("AFGGOV", (Some("AFG"), Some("GOV"))),
            ("IGOUNO", (None, Some("IGO"))),
            ("AFG", (Some("AFG"), None)),
            ("IMGMUSISI", (None, Some("IMG"))),
            ("ELI", (None, Some("ELI"))),
            ("MED", (None, Some("MED"))),
            ("BUDREB", (None, Some("BUD"))),
            ("x", (None, None)),
        ];
        for (c, (a, b)) in cases {
            assert_eq!(
                split_code(c),
                (a.map(String::from), b.map(String::from)),
                "{c}"
            );
        }
    }

    #[test]
    fn names_first_met_in_capitals_take_the_case_of_the_running_text() {
        let text = "VOLTARA TO BUILD PLANT IN ZARNIA\n\nKELMORE, May 2: Voltara said NATO and Nato allies, and the WHO, met in Kelmore.";
        let ms = vec![
            m(text, "VOLTARA", EntityKind::Org, 0),
            m(text, "ZARNIA", EntityKind::Loc, 0),
            m(text, "KELMORE", EntityKind::Loc, 0),
            m(text, "Voltara", EntityKind::Org, 0),
            m(text, "NATO", EntityKind::Org, 0),
            m(text, "Nato", EntityKind::Org, 0),
            m(text, "WHO", EntityKind::Org, 0),
            m(text, "Kelmore", EntityKind::Loc, 0),
        ];
        let g = Canonicaliser::default().group(text, &ms);
        // An acronym keeps its capitals; a name only ever written in capitals keeps them.
        assert_eq!(
            names(&g, EntityKind::Org),
            [("Voltara", 2), ("NATO", 2), ("WHO", 1)]
        );
        assert_eq!(names(&g, EntityKind::Loc), [("ZARNIA", 1), ("Kelmore", 2)]);
        // a name of short words in capitals is no acronym when it has two words
        let text = "J.Q. VELM INC <JQV> SETS PAYOUT\n\nJ.Q. Velm Inc said it set a payout.";
        let ms = vec![
            m(text, "J.Q. VELM INC", EntityKind::Org, 0),
            m(text, "J.Q. Velm Inc", EntityKind::Org, 0),
        ];
        let g = Canonicaliser::default().group(text, &ms);
        assert_eq!(names(&g, EntityKind::Org), [("J.Q. Velm Inc", 2)]);
    }

    #[test]
    fn a_surname_in_capitals_joins_the_full_name() {
        // (also when the full name is in capitals too somewhere: one name, not two)
        let text = "QUORVANE BEATS VELM\n\nTomas Quorvane beat Peter Velm on Friday. Velm \
                    said so.\n\nPETER VELM INTERVIEW\n\nFANS CHEER QUORVANE\n\nQuorvane left.";
        let ms = vec![
            m(text, "QUORVANE", EntityKind::Person, 0),
            m(text, "VELM", EntityKind::Person, 0),
            m(text, "Tomas Quorvane", EntityKind::Person, 0),
            m(text, "Peter Velm", EntityKind::Person, 0),
            m(text, "Velm", EntityKind::Person, 1),
            m(text, "PETER VELM", EntityKind::Person, 0),
            // a wrong "person" the tagger ran over a headline
            m(text, "FANS CHEER QUORVANE", EntityKind::Person, 0),
            m(text, "Quorvane", EntityKind::Person, 0),
        ];
        let g = Canonicaliser::default().group(text, &ms);
        assert_eq!(
            names(&g, EntityKind::Person),
            vec![
                ("Tomas Quorvane", 3),
                ("Peter Velm", 4),
                ("FANS CHEER QUORVANE", 1)
            ]
        );
    }

    #[test]
    fn resolves_surnames_titles_and_acronyms() {
        let text = "Minister Arlo Venn met the Northern Liberation Front (NLF) in Zarnia. Venn said the NLF and Daesh were weak. Mrs. Venn was not there, said Bea Quist. Quist agreed.";
        let ms = vec![
            m(text, "Minister Arlo Venn", EntityKind::Person, 0),
            m(text, "Northern Liberation Front", EntityKind::Org, 0),
            m(text, "Zarnia", EntityKind::Loc, 0),
            m(text, "Venn", EntityKind::Person, 1),
            m(text, "Daesh", EntityKind::Org, 0),
            m(text, "Mrs. Venn", EntityKind::Person, 0),
            m(text, "Bea Quist", EntityKind::Person, 0),
            m(text, "Quist", EntityKind::Person, 1),
        ];
        let g = Canonicaliser::default().group(text, &ms);
        assert_eq!(
            names(&g, EntityKind::Person),
            vec![("Arlo Venn", 3), ("Bea Quist", 2)]
        );
        assert_eq!(
            names(&g, EntityKind::Org),
            vec![("Northern Liberation Front", 3), ("Islamic State", 1)]
        );
        // the cleaned span starts after the title
        let venn = &g[&EntityKind::Person][0];
        assert_eq!(venn.mentions[0].slice(text), "Arlo Venn");
    }

    #[test]
    fn a_party_s_nickname_is_the_party() {
        let text = "The GOP met. The Grand Old Party said so.";
        let ms = vec![
            m(text, "GOP", EntityKind::Org, 0),
            m(text, "Grand Old Party", EntityKind::Org, 0),
        ];
        assert_eq!(
            names(&Canonicaliser::default().group(text, &ms), EntityKind::Org),
            vec![("Republican Party", 2)]
        );
    }

    #[test]
    fn a_country_s_abbreviation_is_the_country() {
        let text = "The USSR and the Soviet Union met the UAE.";
        let ms = vec![
            m(text, "USSR", EntityKind::Loc, 0),
            m(text, "Soviet Union", EntityKind::Loc, 0),
            m(text, "UAE", EntityKind::Loc, 0),
        ];
        assert_eq!(
            names(&Canonicaliser::default().group(text, &ms), EntityKind::Loc),
            vec![("Soviet Union", 2), ("United Arab Emirates", 1)]
        );
    }

    #[test]
    fn user_aliases_extend_the_table() {
        let c = Canonicaliser::new(
            Gazetteer::builtin(),
            &[
                ("Zarnistan".into(), "Zarnia".into()),
                ("Kiev".into(), "Kyiv".into()),
            ],
        );
        let text = "Zarnistan and Kiev";
        let ms = vec![
            m(text, "Zarnistan", EntityKind::Loc, 0),
            m(text, "Kiev", EntityKind::Loc, 0),
        ];
        let g = c.group(text, &ms);
        let names: Vec<&str> = g[&EntityKind::Loc]
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names, vec!["Zarnia", "Kyiv"]);
    }

    #[test]
    fn bare_heads_join_the_one_organisation_they_head() {
        let c = Canonicaliser::default();
        // (text, organisation mentions as (surface, nth occurrence), names with their mentions)
        let cases: &[(&str, &[(&str, usize)], &[(&str, usize)])] = &[
            // two ministries: the bare one stays as written
            (
                "The Velmora Mining Commission met. The Commission said the Ministry of Ports and the Ministry of Roads disagreed; the Ministry would not say.",
                &[("Velmora Mining Commission", 0), ("Commission", 1), ("Ministry of Ports", 0), ("Ministry of Roads", 0), ("Ministry", 2)],
                &[("Velmora Mining Commission", 2), ("Ministry of Ports", 1), ("Ministry of Roads", 1), ("Ministry", 1)],
            ),
            // a head the casing lexicon leaves capitalised; a possessive short form; a name after "of"
            (
                "QUORVEL'S CUTS RATING\n\nQuorvel's Rating Service said the Velmoran Transport Department and Friends of Quorvex disagreed. The Department and Quorvex said so.",
                &[("QUORVEL", 0), ("Quorvel's Rating Service", 0), ("Velmoran Transport Department", 0), ("Friends of Quorvex", 0), ("Department", 1), ("Quorvex", 1)],
                &[("Quorvel's Rating Service", 2), ("Velmoran Transport Department", 2), ("Friends of Quorvex", 1), ("Quorvex", 1)],
            ),
            // a headline's head noun in capitals, heading the name before "of"
            ("BANK CUTS RATE\n\nThe Coastal Bank of Norland cut its rate.", &[("BANK", 0), ("Coastal Bank of Norland", 0)], &[("Coastal Bank of Norland", 2)]),
            // the one organisation written in a capitals headline and in running text
            (
                "VELMARAN CENTRAL BANK SETS RATE\n\nThe Velmaran Central Bank set a rate. The Bank also set another.",
                &[("VELMARAN CENTRAL BANK", 0), ("Velmaran Central Bank", 0), ("Bank", 1)],
                &[("Velmaran Central Bank", 3)],
            ),
        ];
        for (text, mentions, want) in cases {
            let ms: Vec<Mention> = mentions
                .iter()
                .map(|(s, nth)| m(text, s, EntityKind::Org, *nth))
                .collect();
            assert_eq!(
                names(&c.group(text, &ms), EntityKind::Org),
                want.to_vec(),
                "{text}"
            );
        }
    }

    #[test]
    fn short_names_of_companies_join_the_one_company() {
        let text = "Tarvel Holdings Ltd rose. Tarvel said so. Marsh, Quill and Co Inc and Marsh Quill agreed. Brisk fell, and Brisk Mills Inc and Brisk Foods Corp too.";
        let ms = [
            m(text, "Tarvel Holdings Ltd", EntityKind::Org, 0),
            m(text, "Tarvel", EntityKind::Org, 1),
            m(text, "Marsh, Quill and Co Inc", EntityKind::Org, 0),
            m(text, "Marsh Quill", EntityKind::Org, 0),
            m(text, "Brisk", EntityKind::Org, 0),
            m(text, "Brisk Mills Inc", EntityKind::Org, 0),
            m(text, "Brisk Foods Corp", EntityKind::Org, 0),
        ];
        let g = group(text, &ms);
        let got = names(&g, EntityKind::Org);
        assert!(got.contains(&("Tarvel Holdings Ltd", 2)), "{got:?}");
        assert!(got.contains(&("Marsh, Quill and Co Inc", 2)), "{got:?}");
        // two companies start with the short name: it stays apart, unless one of them is the
        // short name and a legal suffix alone
        assert!(got.contains(&("Brisk", 1)), "{got:?}");
        let text = "Brisk fell; Brisk Corp and Brisk Mining Inc too.";
        let ms = [
            m(text, "Brisk", EntityKind::Org, 0),
            m(text, "Brisk Corp", EntityKind::Org, 0),
            m(text, "Brisk Mining Inc", EntityKind::Org, 0),
        ];
        let g = group(text, &ms);
        let got = names(&g, EntityKind::Org);
        assert!(got.contains(&("Brisk Corp", 2)), "{got:?}");
        // a headline's short name in capitals
        let text = "TARVEL CUTS JOBS\n\nTarvel Holdings Ltd cut jobs.";
        let g = group(
            text,
            &[
                m(text, "TARVEL", EntityKind::Org, 0),
                m(text, "Tarvel Holdings Ltd", EntityKind::Org, 0),
            ],
        );
        assert_eq!(names(&g, EntityKind::Org), vec![("Tarvel Holdings Ltd", 2)]);
        // a short name that ends a firm's name after its founder's given name; not after a
        // nationality, and not an ordinary word
        let text = "Guy Quorvel Co rose. Quorvel said so. Norwegian Brell AG and Brell fell. Guy Bank Inc and the Bank.";
        let ms = [
            m(text, "Guy Quorvel Co", EntityKind::Org, 0),
            m(text, "Quorvel", EntityKind::Org, 1),
            m(text, "Norwegian Brell AG", EntityKind::Org, 0),
            m(text, "Brell", EntityKind::Org, 1),
            m(text, "Guy Bank Inc", EntityKind::Org, 0),
            m(text, "Bank", EntityKind::Org, 1),
        ];
        let g = group(text, &ms);
        let got = names(&g, EntityKind::Org);
        assert!(got.contains(&("Guy Quorvel Co", 2)), "{got:?}");
        assert!(got.contains(&("Brell", 1)), "{got:?}");
        assert!(got.contains(&("Bank", 1)), "{got:?}");
    }

    #[test]
    fn a_full_name_joins_the_one_form_with_middle_initials() {
        let text = "Orrin T. Velm spoke. Orrin Velm left. Velm returned.";
        let ms = [
            m(text, "Orrin T. Velm", EntityKind::Person, 0),
            m(text, "Orrin Velm", EntityKind::Person, 0),
            m(text, "Velm", EntityKind::Person, 2),
        ];
        let got = group(text, &ms);
        assert_eq!(names(&got, EntityKind::Person), [("Orrin T. Velm", 3)]);
        // two forms with different initials: the short name stays apart
        let text = "Orrin T. Velm spoke. Orrin Velm left. Orrin B. Velm returned.";
        let ms = [
            m(text, "Orrin T. Velm", EntityKind::Person, 0),
            m(text, "Orrin Velm", EntityKind::Person, 0),
            m(text, "Orrin B. Velm", EntityKind::Person, 0),
        ];
        let got = group(text, &ms);
        assert!(names(&got, EntityKind::Person).contains(&("Orrin Velm", 1)));
        // nor does a name the dictionaries know as another person's (a father and his son)
        let text = "George Bush spoke. George W Bush left.";
        let ms = [
            m(text, "George Bush", EntityKind::Person, 0),
            m(text, "George W Bush", EntityKind::Person, 0),
        ];
        let got = group(text, &ms);
        assert!(names(&got, EntityKind::Person).contains(&("George Bush", 1)));
        assert_eq!(
            without_middle_initials("Ada B C Quorve").as_deref(),
            Some("Ada Quorve")
        );
        assert_eq!(without_middle_initials("A. Quorve Tolosa"), None);
    }

    #[test]
    fn short_forms_join_the_one_full_name_they_shorten() {
        // the surname with a capitalised particle, and the bare surname, are the one person
        // whose full name ends with them; so is a dateline's surnames in capitals
        let text = "Ilario de Quessa met Anselmo Tarvo Velquez. De Quessa said no. Quessa left. \
                    TARVO VELQUEZ REPLIED.";
        let ms = [
            m(text, "Ilario de Quessa", EntityKind::Person, 0),
            m(text, "Anselmo Tarvo Velquez", EntityKind::Person, 0),
            m(text, "De Quessa", EntityKind::Person, 0),
            m(text, "Quessa", EntityKind::Person, 2),
            m(text, "TARVO VELQUEZ", EntityKind::Person, 0),
        ];
        let got = group(text, &ms);
        assert_eq!(
            names(&got, EntityKind::Person),
            [("Ilario de Quessa", 3), ("Anselmo Tarvo Velquez", 2)]
        );
        // a generational suffix after the surname
        let text = "Tarn Velm Jr. spoke. Velm left.";
        let ms = [
            m(text, "Tarn Velm Jr.", EntityKind::Person, 0),
            m(text, "Velm", EntityKind::Person, 1),
        ];
        let got = group(text, &ms);
        assert_eq!(names(&got, EntityKind::Person), [("Tarn Velm Jr.", 2)]);
        // a middle name between the given name and the surname
        let text = "Ada Lind Quorve came. Ada Quorve spoke. Quorve left.";
        let ms = [
            m(text, "Ada Lind Quorve", EntityKind::Person, 0),
            m(text, "Ada Quorve", EntityKind::Person, 0),
            m(text, "Quorve", EntityKind::Person, 2),
        ];
        let got = group(text, &ms);
        assert_eq!(names(&got, EntityKind::Person), [("Ada Lind Quorve", 3)]);
        // a headline's word run into a name is no given name: the short forms stay apart
        // from it
        let text = "Air Ada Quorve Lands. Ada Quorve said.";
        let ms = [
            m(text, "Air Ada Quorve", EntityKind::Person, 0),
            m(text, "Ada Quorve", EntityKind::Person, 1),
        ];
        let got = group(text, &ms);
        assert!(names(&got, EntityKind::Person).contains(&("Ada Quorve", 1)));
        let text = "Tomas Ordaz Quevedo spoke. ORDAZ left.";
        let ms = [
            m(text, "Tomas Ordaz Quevedo", EntityKind::Person, 0),
            m(text, "ORDAZ", EntityKind::Person, 0),
        ];
        let got = group(text, &ms);
        assert_eq!(
            names(&got, EntityKind::Person),
            [("Tomas Ordaz Quevedo", 2)]
        );
        // two full names that end alike leave the short form apart
        let text = "Ilario de Quessa and Marta de Quessa came. De Quessa spoke.";
        let ms = [
            m(text, "Ilario de Quessa", EntityKind::Person, 0),
            m(text, "Marta de Quessa", EntityKind::Person, 0),
            m(text, "De Quessa", EntityKind::Person, 0),
        ];
        let got = group(text, &ms);
        assert_eq!(names(&got, EntityKind::Person).len(), 3);
    }

    #[test]
    fn first_surnames_join_the_one_name_with_two_surnames() {
        // Spanish and Portuguese names are shortened to the first surname, or to the given name
        // and the first surname
        let text = "Anselmo Quevarra Tolosa spoke. Quevarra left. Anselmo Quevarra returned.";
        let ms = [
            m(text, "Anselmo Quevarra Tolosa", EntityKind::Person, 0),
            m(text, "Quevarra", EntityKind::Person, 1),
            m(text, "Anselmo Quevarra", EntityKind::Person, 1),
        ];
        let got = group(text, &ms);
        assert_eq!(
            names(&got, EntityKind::Person),
            [("Anselmo Quevarra Tolosa", 3)]
        );
        // a headline's verb run into the name is no second surname
        for title in ["Announces", "President", "Show", "T-shirts"] {
            let text = format!("Guy Tarvela {title} Talks. Guy Tarvela spoke.");
            let ms = [
                m(
                    &text,
                    &format!("Guy Tarvela {title}"),
                    EntityKind::Person,
                    0,
                ),
                m(&text, "Guy Tarvela", EntityKind::Person, 1),
            ];
            let got = group(&text, &ms);
            assert!(names(&got, EntityKind::Person).contains(&("Guy Tarvela", 1)));
        }
        // nor a name with an ordinary word before its last
        let text = "Guy Tarvela Super Pac paid. Guy Tarvela Super spoke.";
        let ms = [
            m(text, "Guy Tarvela Super Pac", EntityKind::Person, 0),
            m(text, "Guy Tarvela Super", EntityKind::Person, 1),
        ];
        let got = group(text, &ms);
        assert!(names(&got, EntityKind::Person).contains(&("Guy Tarvela Super", 1)));
        // two such names: the short form stays apart; a suffix is no second surname
        let text = "Anselmo Quevarra Tolosa and Rita Quevarra Brell met. Quevarra left. Guy Tolliver Jr spoke. Guy Tolliver nodded.";
        let ms = [
            m(text, "Anselmo Quevarra Tolosa", EntityKind::Person, 0),
            m(text, "Rita Quevarra Brell", EntityKind::Person, 0),
            m(text, "Quevarra", EntityKind::Person, 2),
            m(text, "Guy Tolliver Jr", EntityKind::Person, 0),
            m(text, "Guy Tolliver", EntityKind::Person, 1),
        ];
        let got = group(text, &ms);
        let got = names(&got, EntityKind::Person);
        assert!(got.contains(&("Quevarra", 1)), "{got:?}");
        assert!(got.contains(&("Guy Tolliver", 1)), "{got:?}");
    }

    #[test]
    fn dotted_state_abbreviations_are_the_states() {
        let c = Canonicaliser::default();
        let text = "Velmora, Calif., and Tarnby, N.J., but not PA";
        let ms = vec![
            m(text, "Calif.", EntityKind::Loc, 0),
            m(text, "N.J.", EntityKind::Loc, 0),
            m(text, "PA", EntityKind::Org, 0),
        ];
        let g = c.group(text, &ms);
        assert_eq!(
            names(&g, EntityKind::Loc),
            vec![("California", 1), ("New Jersey", 1)]
        );
        assert_eq!(names(&g, EntityKind::Org), vec![("PA", 1)]);
        // the period left out of the mention
        let text = "Tarnby, Pa., and Velmora, Calif.";
        let g = c.group(
            text,
            &[
                m(text, "Pa", EntityKind::Loc, 0),
                m(text, "Calif", EntityKind::Loc, 0),
            ],
        );
        assert_eq!(
            names(&g, EntityKind::Loc),
            vec![("Pennsylvania", 1), ("California", 1)]
        );
        // a place named by the abbreviation without its period (a dateline's), in any case;
        // a person of that name stays a person
        let text = "Tarnby, Conn (Reuters) - VELMORA, CONN: Ada Conn said.";
        let g = c.group(
            text,
            &[
                m(text, "Conn", EntityKind::Loc, 0),
                m(text, "CONN", EntityKind::Loc, 0),
                m(text, "Ada Conn", EntityKind::Person, 0),
            ],
        );
        assert_eq!(names(&g, EntityKind::Loc), vec![("Connecticut", 2)]);
        assert_eq!(names(&g, EntityKind::Person), vec![("Ada Conn", 1)]);
    }

    #[test]
    fn aliases_to_nothing_block_names() {
        let c = Canonicaliser::new(
            Gazetteer::builtin(),
            &[("Qtrx".into(), "".into()), ("UN".into(), " ".into())],
        );
        let text = "Qtrx and UN and Zarnia";
        let ms = vec![
            m(text, "Qtrx", EntityKind::Org, 0),
            m(text, "UN", EntityKind::Org, 0),
            m(text, "Zarnia", EntityKind::Loc, 0),
        ];
        let g = c.group(text, &ms);
        assert!(g[&EntityKind::Org].is_empty(), "{g:?}");
        assert_eq!(g[&EntityKind::Loc].len(), 1);
    }

    #[test]
    fn person_names_from_capitals_take_the_usual_case() {
        for (name, want) in [
            ("Tomas QUEVARRA", "Tomas Quevarra"),
            ("Ines Ordaz Y Vila", "Ines Ordaz y Vila"),
            ("Ana Lucia de La Vega", "Ana Lucia de la Vega"),
            ("La Vega", "La Vega"),
            ("Tomas Quevarra III", "Tomas Quevarra III"),
            ("QUEVARRA", "QUEVARRA"),
            ("Tomas Quevarra", "Tomas Quevarra"),
            ("Y Quevarra", "Y Quevarra"),
        ] {
            assert_eq!(person_case(name.to_string()), want);
        }
    }

    #[test]
    fn cleans_names() {
        let c = Canonicaliser::default();
        for (s, k, want) in [
            ("President Ashraf Ghani", EntityKind::Person, "Ashraf Ghani"),
            ("the Taliban’s", EntityKind::Org, "Taliban"),
            ("Trump's", EntityKind::Person, "Trump"),
            ("The Hague", EntityKind::Loc, "The Hague"),
            ("the United Nations", EntityKind::Org, "United Nations"),
            // a title that is a given name too, before a given name and a surname
            (
                "MAJOR RAMIRO QUEVARRA TOLOSA",
                EntityKind::Person,
                "RAMIRO QUEVARRA TOLOSA",
            ),
            (
                "Prince Ramiro bin Quevarra",
                EntityKind::Person,
                "Ramiro bin Quevarra",
            ),
            ("Major Quevarra", EntityKind::Person, "Major Quevarra"),
        ] {
            assert_eq!(c.clean(s, k).0, want, "{s}");
        }
    }
}
