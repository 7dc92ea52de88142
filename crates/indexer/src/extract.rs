//! The extraction pipeline: document → article with entities and quotes.

use crate::canon::Canonicaliser;
use crate::document::Document;
use crate::error::{IndexerError, Result};
use crate::model::{Article, Block, EntityKind};
use crate::ner::Tagger;
use crate::quotes;

/// Extraction settings.
#[derive(Debug, Clone, Default)]
pub struct ExtractorOptions {
    /// Extra aliases, alias → canonical name (e.g. from `config.toml`); they extend and override
    /// the built-in table.
    pub aliases: Vec<(String, String)>,
}

/// Holds loaded models; cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    tagger: Tagger,
    canon: Canonicaliser,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    pub fn new() -> Self {
        let tagger = Tagger::new();
        Extractor {
            canon: Canonicaliser::new(tagger.gazetteer(), &[]),
            tagger,
        }
    }

    /// An extractor around a given tagger (e.g. a freshly trained model, see `examples/eval.rs`).
    pub fn with_tagger(tagger: Tagger, opts: &ExtractorOptions) -> Extractor {
        Extractor {
            canon: Canonicaliser::new(tagger.gazetteer(), &opts.aliases),
            tagger,
        }
    }

    /// An extractor with user settings; fails on an unreadable model or an empty alias (an
    /// alias to the empty name blocks a name: `"Shr" = ""`).
    pub fn with_options(opts: ExtractorOptions) -> Result<Extractor> {
        let tagger = Tagger::try_new()?;
        for (a, c) in &opts.aliases {
            if a.trim().is_empty() {
                return Err(IndexerError::Model(format!(
                    "alias {a:?} -> {c:?}: empty name"
                )));
            }
        }
        Ok(Extractor {
            canon: Canonicaliser::new(tagger.gazetteer(), &opts.aliases),
            tagger,
        })
    }

    /// Extracts entities and quotes from a document.
    pub fn extract(&self, doc: Document) -> Article {
        let language = crate::language::resolve(doc.language.as_deref(), &doc.text);
        // The tagger and its lexicons are English: text in another language yields no actors
        // rather than common nouns and weekdays taken for names. A detected language counts
        // only over running prose (tables of results and names fool detection).
        let english = language.as_deref().is_none_or(|l| l == "en")
            || doc.language.is_none() && !crate::language::running_text(&doc.text);
        // The whole text is indexed; names and quotations are looked for within the budget.
        let analysed = within_budget(&doc.text, &doc.blocks);
        let cased = self.tagger.recase(&doc.text, &analysed);
        let mentions = if english {
            let recased = matches!(cased, std::borrow::Cow::Owned(_));
            self.tagger.tag_text(&cased, &analysed, recased)
        } else {
            Vec::new()
        };
        let mut grouped = self.canon.group(&cased, &mentions);
        let people = grouped.remove(&EntityKind::Person).unwrap_or_default();
        let organisations = grouped.remove(&EntityKind::Org).unwrap_or_default();
        let locations = grouped.remove(&EntityKind::Loc).unwrap_or_default();
        // Quotations are found in the truecased text (an article in capitals reads as running
        // text: "ADA QUORVE INSISTED" is a speaker and a cue), and keep the words as written.
        let mut quotes = quotes::extract(&cased, &analysed, &people, &organisations);
        if let std::borrow::Cow::Owned(_) = cased {
            for q in &mut quotes {
                if let Some(verbatim) = doc.text.get(q.start..q.end) {
                    q.display = crate::model::display_text(verbatim).to_string();
                    q.text = verbatim.to_string();
                }
            }
        }
        drop(cased);
        drop(analysed);
        let content_hash = content_hash(&doc);
        Article {
            path: doc.path,
            id: doc.id,
            title: doc.title,
            published: doc.published,
            dateline: doc.dateline,
            text: doc.text,
            people,
            organisations,
            locations,
            quotes,
            blocks: doc.blocks,
            url: doc.url,
            source: doc.source,
            authors: doc.authors,
            language,
            content_hash,
        }
    }
}

/// Names and quotations are looked for in at most this much of an article's text: a file of
/// tens of megabytes of text is indexed whole, but its extraction takes bounded time and memory.
pub const EXTRACT_BUDGET_BYTES: usize = 2 << 20;
/// ... and in at most this many of its blocks (a page of a million one-word paragraphs).
pub const EXTRACT_BUDGET_BLOCKS: usize = 20_000;

/// The blocks that extraction looks at: the first ones, up to [`EXTRACT_BUDGET_BLOCKS`] blocks
/// and [`EXTRACT_BUDGET_BYTES`] bytes, the last one cut after a word.
pub fn within_budget<'a>(text: &str, blocks: &'a [Block]) -> std::borrow::Cow<'a, [Block]> {
    let mut used = 0usize;
    for (i, b) in blocks.iter().enumerate() {
        let len = b.end.saturating_sub(b.start);
        if i == EXTRACT_BUDGET_BLOCKS {
            return std::borrow::Cow::Owned(blocks[..i].to_vec());
        }
        if used + len > EXTRACT_BUDGET_BYTES {
            let mut out = blocks[..i].to_vec();
            let mut cut = b.start + (EXTRACT_BUDGET_BYTES - used);
            while cut > b.start && !text.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Some(ws) = text
                .get(b.start..cut)
                .and_then(|t| t.rfind(char::is_whitespace))
            {
                cut = b.start + ws;
            }
            if cut > b.start {
                out.push(Block { end: cut, ..*b });
            }
            return std::borrow::Cow::Owned(out);
        }
        used += len;
    }
    std::borrow::Cow::Borrowed(blocks)
}

/// Hash of the article's content blocks with whitespace and case folded: equal for copies that
/// differ only in layout.
pub fn content_hash(doc: &Document) -> String {
    // The words in lower case, each followed by a space, hashed in one call (a call per word
    // cost more than the folding).
    let mut folded: Vec<u8> = Vec::with_capacity(doc.text.len() + 1);
    for b in &doc.blocks {
        let block = doc.text.get(b.start..b.end).unwrap_or("");
        if block.is_ascii() {
            // (the same words without decoding characters: whitespace as `split_whitespace`
            // knows it in ASCII; their case is folded below, with the rest)
            for w in block
                .as_bytes()
                .split(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'))
                .filter(|w| !w.is_empty())
            {
                folded.extend_from_slice(w);
                folded.push(b' ');
            }
            continue;
        }
        for w in block.split_whitespace() {
            if w.is_ascii() {
                folded.extend_from_slice(w.as_bytes());
            } else {
                folded.extend_from_slice(w.to_lowercase().as_bytes());
            }
            folded.push(b' ');
        }
    }
    // (ASCII letters only: the other characters are in lower case already)
    folded.make_ascii_lowercase();
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&folded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_folds_case_and_spacing() {
        let doc = |text: &str| Document::from_plain_text("a.txt".into(), "a".into(), text.into());
        let a = content_hash(&doc("Title\n\nThe MINISTER said  Ärger was over."));
        assert_eq!(
            a,
            content_hash(&doc("title\n\nthe minister said ärger   was over."))
        );
        assert_ne!(
            a,
            content_hash(&doc("Title\n\nThe minister said calm was over."))
        );
        // a text in ASCII (read byte by byte) and one with a space outside ASCII (read word by
        // word) hash alike when their words are alike
        assert_eq!(
            content_hash(&doc("Title\n\nThe\x0bMINISTER\x0c said\r\ncalm")),
            content_hash(&doc("title\n\nthe\u{a0}minister said calm"))
        );
    }
}

#[cfg(test)]
mod language_tests {
    use super::*;

    /// The English tagger is not run on other languages: capitalised nouns and weekdays of a
    /// German text are no actors. An English text keeps its actors.
    #[test]
    fn only_english_text_is_tagged() {
        let ex = Extractor::new();
        let de = "Gespräche in Velmora\n\nDie Minister trafen sich am Sonntag erneut in Velmora, um über den Austausch von Gefangenen zu sprechen. Hinweis: Wenn die Gespräche scheitern, drohen neue Kämpfe, sagten Beamte nach den Gesprächen. Die Vermittler wollen am Montag weiter verhandeln, und die Regierung hofft auf eine Einigung vor dem Winter, wenn die Straßen in den Bergen wieder gesperrt sind.";
        let a = ex.extract(Document::from_plain_text(
            "de.txt".into(),
            "de".into(),
            de.into(),
        ));
        assert_eq!(a.language.as_deref(), Some("de"));
        assert!(
            a.people.is_empty() && a.organisations.is_empty() && a.locations.is_empty(),
            "{:?} {:?} {:?}",
            a.people,
            a.organisations,
            a.locations
        );
        let en = "Talks in Velmora\n\nThe ministers met again on Sunday in Kabul to discuss the exchange of prisoners, Arlo Venn said after the talks ended.";
        let a = ex.extract(Document::from_plain_text(
            "en.txt".into(),
            "en".into(),
            en.into(),
        ));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert!(!a.locations.is_empty(), "{:?}", a.locations);
    }
}

#[cfg(test)]
mod budget_tests {
    use super::*;
    use crate::model::BlockKind;

    fn names(n: usize) -> String {
        let words = [
            "Maria", "Lopez", "Berlin", "Garcia", "Ahmed", "Khan", "London", "Peter", "Paris",
            "Smith", "Cairo", "Anna",
        ];
        (0..n)
            .map(|i| words[i % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Extraction looks at the first blocks up to the budget, the last one cut after a word.
    #[test]
    fn extraction_stays_within_its_budget() {
        let text = "word ".repeat(EXTRACT_BUDGET_BYTES / 5 * 2);
        let block = |start: usize, end: usize| Block {
            kind: BlockKind::Body,
            start,
            end,
        };
        let small = [block(0, 10), block(10, 20)];
        assert!(matches!(
            within_budget(&text, &small),
            std::borrow::Cow::Borrowed(_)
        ));
        let half = EXTRACT_BUDGET_BYTES / 2 + 3;
        let two = [block(0, half), block(half, text.len())];
        let cut = within_budget(&text, &two);
        assert_eq!(cut.len(), 2);
        assert!(
            cut[1].end <= EXTRACT_BUDGET_BYTES && cut[1].end > EXTRACT_BUDGET_BYTES - 6,
            "{:?}",
            cut[1]
        );
        assert!(text[cut[1].start..cut[1].end].ends_with("word"));
        let many: Vec<Block> = (0..EXTRACT_BUDGET_BLOCKS + 5)
            .map(|i| block(i * 5, i * 5 + 4))
            .collect();
        assert_eq!(within_budget(&text, &many).len(), EXTRACT_BUDGET_BLOCKS);
    }

    /// One paragraph of N capitalised names took 92 s at 800,000 words: the dictionary repairs
    /// compared every dictionary match with every mention of the block. Now a paragraph of
    /// 200,000 names (22 s before, in a dev build) is tagged in linear time.
    #[test]
    fn a_paragraph_of_many_names_is_tagged_in_linear_time() {
        let ex = Extractor::new();
        let text = format!(
            "Harbour timetable\n\nHarbour timetable\n\n{}.\n",
            names(200_000)
        );
        let t0 = std::time::Instant::now();
        let a = ex.extract(Document::from_plain_text("n.txt".into(), "n".into(), text));
        assert!(!a.people.is_empty() || !a.locations.is_empty());
        assert!(t0.elapsed().as_secs() < 15, "{:?}", t0.elapsed());
    }
}
