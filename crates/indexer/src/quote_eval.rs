//! Scoring quotation extraction against gold quote annotations (`gold-format.md`): direct
//! quotation segments only; a prediction matches a gold segment when it covers at least 30% of
//! it (one-to-one); attribution is right when the predicted speaker mention overlaps the
//! annotated source span.

use crate::document::Document;
use crate::error::{IndexerError, Result};
use crate::extract::Extractor;
use crate::model::{Quote, Span};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// Minimum share of a gold segment a prediction must cover to match it.
pub const MIN_COVER: f64 = 0.3;

#[derive(Debug, Deserialize)]
struct GoldDoc {
    id: String,
    text: String,
    #[serde(default)]
    quotes: Vec<GoldQuote>,
}

#[derive(Debug, Clone, Deserialize)]
struct GoldQuote {
    start: usize,
    end: usize,
    #[serde(default)]
    direct: bool,
    #[serde(default)]
    speaker_start: Option<usize>,
    #[serde(default)]
    speaker_end: Option<usize>,
}

/// Quote detection and attribution scores over a gold file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuoteReport {
    pub dataset: String,
    pub docs: usize,
    /// Direct gold segments.
    pub gold: usize,
    /// Predictions, less those falling only inside reported-speech (indirect) gold regions.
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Matched quotes whose gold segment has an annotated source.
    pub with_source: usize,
    /// Of those, quotes whose predicted speaker mention overlaps the source.
    pub attributed: usize,
    pub attribution: f64,
    /// Documents on which extraction panicked.
    pub failed: usize,
}

/// Outcome for one document, for error analysis.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocScore {
    /// Extraction panicked on this document (scored as finding nothing).
    pub failed: bool,
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub with_source: usize,
    pub attributed: usize,
    /// Gold segments (start, end) that no prediction matched.
    pub missed: Vec<(usize, usize)>,
    /// Predictions (start, end) that matched nothing.
    pub spurious: Vec<(usize, usize)>,
    /// Matched predictions whose speaker mention missed the source.
    pub misattributed: Vec<Misattribution>,
}

/// A matched quotation whose predicted speaker mention does not overlap the annotated source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Misattribution {
    /// The predicted quotation (start, end).
    pub quote: (usize, usize),
    /// The predicted speaker mention, if any.
    pub predicted: Option<(usize, usize)>,
    /// The annotated source span.
    pub gold: (usize, usize),
}

/// Scores `extractor` on the direct quotations of a gold JSON Lines file.
pub fn eval_quotes(gold_jsonl: &Path, extractor: &Extractor) -> Result<QuoteReport> {
    let mut report = QuoteReport {
        dataset: dataset_name(gold_jsonl),
        ..Default::default()
    };
    for_each_doc(gold_jsonl, extractor, |_, _, score| {
        report.docs += 1;
        report.failed += usize::from(score.failed);
        report.gold += score.gold;
        report.predicted += score.predicted;
        report.matched += score.matched;
        report.with_source += score.with_source;
        report.attributed += score.attributed;
    })?;
    report.finish();
    Ok(report)
}

/// Runs the extractor over every document of a gold file and calls `f` with the document text,
/// the predicted quotes and the document's score.
pub fn for_each_doc(
    gold_jsonl: &Path,
    extractor: &Extractor,
    mut f: impl FnMut(&str, &[Quote], &DocScore),
) -> Result<()> {
    let raw = std::fs::read_to_string(gold_jsonl).map_err(|e| IndexerError::Io {
        path: gold_jsonl.into(),
        source: e,
    })?;
    for (n, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let doc: GoldDoc = serde_json::from_str(line).map_err(|e| IndexerError::Malformed {
            path: gold_jsonl.into(),
            format: "gold jsonl",
            message: format!("line {}: {e}", n + 1),
        })?;
        // a panic elsewhere in extraction scores the document as found-nothing instead of
        // aborting the whole evaluation
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            extractor.extract(Document::from_plain_text(
                doc.id.clone(),
                doc.id.clone(),
                doc.text.clone(),
            ))
        }));
        let (text, quotes, failed) = match run {
            // terms are no statements: only statements are scored
            Ok(article) => (
                article.text,
                article
                    .quotes
                    .into_iter()
                    .filter(|q| q.kind.is_statement())
                    .collect::<Vec<_>>(),
                false,
            ),
            Err(_) => {
                tracing::warn!(doc = %doc.id, "extraction panicked");
                (doc.text.clone(), Vec::new(), true)
            }
        };
        let mut score = score_doc(&quotes, &doc.quotes);
        score.failed = failed;
        f(&text, &quotes, &score);
    }
    Ok(())
}

impl QuoteReport {
    fn finish(&mut self) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        self.precision = ratio(self.matched, self.predicted);
        self.recall = ratio(self.matched, self.gold);
        self.f1 = if self.precision + self.recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        };
        self.attribution = ratio(self.attributed, self.with_source);
    }
}

fn dataset_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Scores one document's predictions against its gold quotes.
fn score_doc(pred: &[Quote], gold: &[GoldQuote]) -> DocScore {
    let direct: Vec<&GoldQuote> = gold
        .iter()
        .filter(|g| g.direct && g.end > g.start)
        .collect();
    let indirect: Vec<&GoldQuote> = gold.iter().filter(|g| !g.direct).collect();
    let mut score = DocScore {
        gold: direct.len(),
        ..Default::default()
    };
    let mut used = vec![false; pred.len()];
    // candidate pairs, best coverage first, for a one-to-one assignment
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in direct.iter().enumerate() {
        let need = (MIN_COVER * (g.end - g.start) as f64).ceil() as usize;
        for (pi, p) in pred.iter().enumerate() {
            let ov = overlap((p.start, p.end), (g.start, g.end));
            if ov > 0 && ov >= need {
                pairs.push((ov, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_used = vec![false; direct.len()];
    for (_, gi, pi) in pairs {
        if gold_used[gi] || used[pi] {
            continue;
        }
        gold_used[gi] = true;
        used[pi] = true;
        score.matched += 1;
        let g = direct[gi];
        let p = &pred[pi];
        if let (Some(ss), Some(se)) = (g.speaker_start, g.speaker_end) {
            score.with_source += 1;
            let hit = p
                .speaker_mention
                .is_some_and(|m| Span::new(ss, se).overlaps(&m));
            if hit {
                score.attributed += 1;
            } else {
                score.misattributed.push(Misattribution {
                    quote: (p.start, p.end),
                    predicted: p.speaker_mention.map(|m| (m.start, m.end)),
                    gold: (ss, se),
                });
            }
        }
    }
    for (gi, g) in direct.iter().enumerate() {
        if !gold_used[gi] {
            score.missed.push((g.start, g.end));
        }
    }
    for (pi, p) in pred.iter().enumerate() {
        if used[pi] {
            score.predicted += 1;
            continue;
        }
        // a quotation inside annotated reported speech is not an error
        let inside_indirect = indirect
            .iter()
            .any(|g| overlap((p.start, p.end), (g.start, g.end)) > 0);
        let overlaps_direct = direct
            .iter()
            .any(|g| overlap((p.start, p.end), (g.start, g.end)) > 0);
        if inside_indirect && !overlaps_direct {
            continue;
        }
        score.predicted += 1;
        score.spurious.push((p.start, p.end));
    }
    score
}

impl fmt::Display for QuoteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<16} {:>5} {:>6} {:>6} {:>7} {:>6} {:>6} {:>6} {:>12}",
            "dataset", "docs", "gold", "pred", "matched", "P", "R", "F1", "attribution"
        )?;
        writeln!(
            f,
            "{:<16} {:>5} {:>6} {:>6} {:>7} {:>6.1} {:>6.1} {:>6.1} {:>6.1} ({}/{})",
            self.dataset,
            self.docs,
            self.gold,
            self.predicted,
            self.matched,
            100.0 * self.precision,
            100.0 * self.recall,
            100.0 * self.f1,
            100.0 * self.attribution,
            self.attributed,
            self.with_source
        )?;
        if self.failed > 0 {
            writeln!(f, "extraction failed on {} documents", self.failed)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(start: usize, end: usize, mention: Option<(usize, usize)>) -> Quote {
        Quote {
            speaker_mention: mention.map(|(a, b)| Span::new(a, b)),
            ..Quote::new(start, end, "")
        }
    }

    fn g(start: usize, end: usize, direct: bool, spk: Option<(usize, usize)>) -> GoldQuote {
        GoldQuote {
            start,
            end,
            direct,
            speaker_start: spk.map(|s| s.0),
            speaker_end: spk.map(|s| s.1),
        }
    }

    #[test]
    fn scores_overlap_one_to_one_and_attribution() {
        let gold = vec![
            g(10, 30, true, Some((0, 5))),
            g(40, 50, true, Some((60, 62))),
            g(100, 200, true, None),
            g(300, 400, false, Some((0, 5))),
        ];
        let pred = vec![
            q(11, 29, Some((0, 3))),   // matches gold 0, right speaker
            q(12, 20, Some((0, 3))),   // second prediction on gold 0: spurious
            q(41, 49, Some((70, 72))), // matches gold 1, wrong speaker
            q(150, 160, None),         // covers 10% of gold 2: spurious
            q(310, 320, None),         // inside reported speech: ignored
        ];
        let s = score_doc(&pred, &gold);
        assert_eq!((s.gold, s.predicted, s.matched), (3, 4, 2));
        assert_eq!((s.with_source, s.attributed), (2, 1));
        assert_eq!(s.missed, vec![(100, 200)]);
    }

    #[test]
    fn report_ratios() {
        let mut r = QuoteReport {
            gold: 10,
            predicted: 8,
            matched: 6,
            with_source: 6,
            attributed: 3,
            ..Default::default()
        };
        r.finish();
        assert!((r.precision - 0.75).abs() < 1e-9 && (r.recall - 0.6).abs() < 1e-9);
        assert!((r.attribution - 0.5).abs() < 1e-9);
        assert!(r.to_string().contains("attribution"));
    }
}
