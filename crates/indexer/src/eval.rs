//! Scoring entity extraction against gold files (`docs/gold-format.md`).
//!
//! Per type (PERSON, ORG, LOC): span-level exact and overlap precision/recall/F1 (overlap is a
//! one-to-one matching of overlapping spans of the same type) and document-level set
//! precision/recall/F1 over normalised surfaces. Only named gold mentions count (where a
//! mention carries `named`, only `named: true`). Each gold document is extracted from its
//! `text` as a plain-text document.

use crate::document::Document;
use crate::error::{IndexerError, Result};
use crate::extract::Extractor;
use crate::model::{EntityKind, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

#[derive(Debug, Deserialize)]
struct GoldDoc {
    id: String,
    text: String,
    #[serde(default)]
    entities: Option<Vec<GoldEntity>>,
    #[serde(default)]
    doc_entities: Option<BTreeMap<String, Vec<String>>>,
}

#[derive(Debug, Deserialize)]
struct GoldEntity {
    #[serde(rename = "type")]
    kind: String,
    start: usize,
    end: usize,
    #[serde(default)]
    named: Option<bool>,
}

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub predicted: usize,
    pub gold: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn from_counts(tp: usize, predicted: usize, gold: usize) -> Prf {
        let p = if predicted == 0 {
            0.0
        } else {
            tp as f64 / predicted as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            tp as f64 / gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            tp,
            predicted,
            gold,
            precision: p,
            recall: r,
            f1: f,
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn prf(&self) -> Prf {
        Prf::from_counts(self.tp, self.pred, self.gold)
    }
}

/// Scores of one entity type.
#[derive(Debug, Clone, Serialize)]
pub struct TypeScores {
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Null when the gold file has only document-level annotations.
    pub exact: Option<Prf>,
    pub overlap: Option<Prf>,
    pub doc: Prf,
}

/// Entity scores of one gold file.
#[derive(Debug, Clone, Serialize)]
pub struct EntityReport {
    pub gold_file: String,
    pub documents: usize,
    pub words: usize,
    pub types: Vec<TypeScores>,
    /// All three types pooled.
    pub all: TypeScores,
}

/// Normalised surface for document-level comparison: case-folded, whitespace collapsed,
/// curly apostrophes straightened, a leading "the" and a trailing possessive dropped.
pub fn normalise_surface(s: &str) -> String {
    let s = s.replace(['’', '‘'], "'");
    let mut w: Vec<String> = s.split_whitespace().map(|w| w.to_lowercase()).collect();
    if w.len() > 1 && w[0] == "the" {
        w.remove(0);
    }
    let mut out = w.join(" ");
    for suf in ["'s", "'"] {
        if out.len() > suf.len() + 1 && out.ends_with(suf) {
            out.truncate(out.len() - suf.len());
            break;
        }
    }
    out.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// The kind of a gold entity type (`PERSON`, `PER`, `ORG`, `LOC`, `GPE`); other types are not
/// scored.
fn kind_of(s: &str) -> Option<EntityKind> {
    EntityKind::parse(s)
}

/// One-to-one matching of overlapping spans (largest overlaps first); returns matched pairs.
fn overlap_matches(pred: &[Span], gold: &[Span]) -> usize {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            if p.overlaps(g) {
                let ov = p.end.min(g.end) - p.start.max(g.start);
                pairs.push((ov, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut up, mut ug) = (vec![false; pred.len()], vec![false; gold.len()]);
    let mut n = 0;
    for (_, i, j) in pairs {
        if !up[i] && !ug[j] {
            up[i] = true;
            ug[j] = true;
            n += 1;
        }
    }
    n
}

/// Scores `extractor` against a gold JSONL file.
pub fn eval_entities(gold_jsonl: &Path, extractor: &Extractor) -> Result<EntityReport> {
    eval_entities_cased(gold_jsonl, extractor, false)
}

/// `eval_entities`, on an upper-cased copy of every text when `upper` is set (ASCII letters
/// only, so that the gold offsets stay where they were): how the extractor reads all-caps wire
/// copy.
pub fn eval_entities_cased(
    gold_jsonl: &Path,
    extractor: &Extractor,
    upper: bool,
) -> Result<EntityReport> {
    let raw = std::fs::read_to_string(gold_jsonl).map_err(|e| IndexerError::Io {
        path: gold_jsonl.into(),
        source: e,
    })?;
    let mut exact = [Counts::default(); 3];
    let mut over = [Counts::default(); 3];
    let mut doc = [Counts::default(); 3];
    let mut has_spans = false;
    let (mut documents, mut words) = (0, 0);
    for (ln, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut g: GoldDoc = serde_json::from_str(line).map_err(|e| IndexerError::Malformed {
            path: gold_jsonl.into(),
            format: "gold jsonl",
            message: format!("line {}: {e}", ln + 1),
        })?;
        if upper {
            g.text.make_ascii_uppercase();
        }
        documents += 1;
        words += g.text.split_whitespace().count();
        let text = g.text.clone();
        let art = extractor.extract(Document::from_plain_text(
            g.id.clone(),
            g.id.clone(),
            g.text,
        ));
        for (k, kind) in EntityKind::ALL.iter().enumerate() {
            let mut pred: Vec<Span> = art
                .entities(*kind)
                .iter()
                .flat_map(|e| e.mentions.iter().copied())
                .collect();
            pred.sort();
            pred.dedup();
            let pred_set: HashSet<String> = pred
                .iter()
                .map(|s| normalise_surface(s.slice(&text)))
                .filter(|s| !s.is_empty())
                .collect();
            let gold_set: HashSet<String>;
            if let Some(ents) = &g.entities {
                has_spans = true;
                let gold: Vec<Span> = ents
                    .iter()
                    .filter(|e| kind_of(&e.kind) == Some(*kind) && e.named != Some(false))
                    .filter(|e| {
                        e.start < e.end
                            && e.end <= text.len()
                            && text.is_char_boundary(e.start)
                            && text.is_char_boundary(e.end)
                    })
                    .map(|e| Span::new(e.start, e.end))
                    .collect();
                let gs: HashSet<Span> = gold.iter().copied().collect();
                exact[k].tp += pred.iter().filter(|p| gs.contains(p)).count();
                exact[k].pred += pred.len();
                exact[k].gold += gs.len();
                over[k].tp += overlap_matches(&pred, &gold);
                over[k].pred += pred.len();
                over[k].gold += gold.len();
                gold_set = gold
                    .iter()
                    .map(|s| normalise_surface(s.slice(&text)))
                    .filter(|s| !s.is_empty())
                    .collect();
            } else {
                let names = g.doc_entities.as_ref().and_then(|d| {
                    d.iter()
                        .find(|(t, _)| kind_of(t) == Some(*kind))
                        .map(|x| x.1.clone())
                });
                gold_set = names
                    .unwrap_or_default()
                    .iter()
                    .map(|s| normalise_surface(s))
                    .filter(|s| !s.is_empty())
                    .collect();
            }
            doc[k].tp += pred_set.intersection(&gold_set).count();
            doc[k].pred += pred_set.len();
            doc[k].gold += gold_set.len();
        }
    }
    let sum = |c: &[Counts; 3]| {
        let mut t = Counts::default();
        for x in c {
            t.tp += x.tp;
            t.pred += x.pred;
            t.gold += x.gold;
        }
        t
    };
    let types = EntityKind::ALL
        .iter()
        .enumerate()
        .map(|(k, kind)| TypeScores {
            kind: *kind,
            exact: has_spans.then(|| exact[k].prf()),
            overlap: has_spans.then(|| over[k].prf()),
            doc: doc[k].prf(),
        })
        .collect();
    let all = TypeScores {
        kind: EntityKind::Person,
        exact: has_spans.then(|| sum(&exact).prf()),
        overlap: has_spans.then(|| sum(&over).prf()),
        doc: sum(&doc).prf(),
    };
    Ok(EntityReport {
        gold_file: gold_jsonl.display().to_string(),
        documents,
        words,
        types,
        all,
    })
}

impl fmt::Display for EntityReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} ({} documents, {} words)",
            self.gold_file, self.documents, self.words
        )?;
        writeln!(
            f,
            "{:<7} {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>5} {:>5}",
            "type",
            "ex P",
            "ex R",
            "ex F1",
            "ov P",
            "ov R",
            "ov F1",
            "doc P",
            "doc R",
            "doc F1",
            "gold",
            "pred"
        )?;
        let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.1}", 100.0 * v));
        let rows = self
            .types
            .iter()
            .map(|t| (t.kind.as_str(), t))
            .chain(std::iter::once(("ALL", &self.all)));
        for (name, t) in rows {
            writeln!(
                f,
                "{:<7} {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>5} {:>5}",
                name,
                pct(t.exact.map(|p| p.precision)),
                pct(t.exact.map(|p| p.recall)),
                pct(t.exact.map(|p| p.f1)),
                pct(t.overlap.map(|p| p.precision)),
                pct(t.overlap.map(|p| p.recall)),
                pct(t.overlap.map(|p| p.f1)),
                pct(Some(t.doc.precision)),
                pct(Some(t.doc.recall)),
                pct(Some(t.doc.f1)),
                t.overlap.map_or(t.doc.gold, |p| p.gold),
                t.overlap.map_or(t.doc.predicted, |p| p.predicted),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_from_counts() {
        let p = Prf::from_counts(3, 4, 6);
        assert!(
            (p.precision - 0.75).abs() < 1e-9
                && (p.recall - 0.5).abs() < 1e-9
                && (p.f1 - 0.6).abs() < 1e-9
        );
        assert_eq!(Prf::from_counts(0, 0, 0).f1, 0.0);
    }

    #[test]
    fn overlap_is_one_to_one() {
        let s = |a, b| Span::new(a, b);
        // one long prediction overlapping two gold mentions counts once
        assert_eq!(overlap_matches(&[s(0, 10)], &[s(0, 4), s(5, 10)]), 1);
        assert_eq!(overlap_matches(&[s(0, 4), s(5, 10)], &[s(0, 10)]), 1);
        assert_eq!(
            overlap_matches(&[s(0, 4), s(6, 9)], &[s(2, 5), s(8, 12)]),
            2
        );
        assert_eq!(overlap_matches(&[s(0, 4)], &[s(4, 8)]), 0);
    }

    #[test]
    fn normalises_surfaces() {
        for (i, o) in [
            ("The  Taliban", "taliban"),
            ("Trump’s", "trump"),
            ("U.S.", "u.s"),
            ("the", "the"),
        ] {
            assert_eq!(normalise_surface(i), o);
        }
    }

    #[test]
    fn scores_a_small_gold_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.jsonl");
        let text = "Invented headline\n\nOfficials in Varnholt said on Monday that the council would meet.";
        let line = serde_json::json!({
            "id": "t1", "text": text,
            "entities": [
                {"type": "LOC", "start": 32, "end": 40, "text": "Varnholt"},
                {"type": "ORG", "start": 65, "end": 72, "text": "council", "named": false}
            ]
        });
        std::fs::write(&p, format!("{line}\n")).unwrap();
        let r = eval_entities(&p, &Extractor::new()).unwrap();
        assert_eq!(r.documents, 1);
        let org = r.types.iter().find(|t| t.kind == EntityKind::Org).unwrap();
        assert_eq!(
            org.overlap.unwrap().gold,
            0,
            "unnamed mentions are not targets"
        );
        let loc = r.types.iter().find(|t| t.kind == EntityKind::Loc).unwrap();
        assert_eq!(loc.overlap.unwrap().gold, 1);
        assert!(r.to_string().contains("LOC"));
        std::fs::write(&p, "{not json\n").unwrap();
        assert!(eval_entities(&p, &Extractor::new()).is_err());
    }
}
