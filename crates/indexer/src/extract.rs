//! The extraction pipeline: document → article with entities and quotes.

use crate::canon::Canonicaliser;
use crate::document::Document;
use crate::error::{IndexerError, Result};
use crate::model::{Article, EntityKind};
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
        Extractor { canon: Canonicaliser::new(tagger.gazetteer(), &[]), tagger }
    }

    /// An extractor around a given tagger (e.g. a freshly trained model, see `examples/eval.rs`).
    pub fn with_tagger(tagger: Tagger, opts: &ExtractorOptions) -> Extractor {
        Extractor { canon: Canonicaliser::new(tagger.gazetteer(), &opts.aliases), tagger }
    }

    /// An extractor with user settings; fails on an unreadable model or an empty alias (an
    /// alias to the empty name blocks a name: `"Shr" = ""`).
    pub fn with_options(opts: ExtractorOptions) -> Result<Extractor> {
        let tagger = Tagger::try_new()?;
        for (a, c) in &opts.aliases {
            if a.trim().is_empty() {
                return Err(IndexerError::Model(format!("alias {a:?} -> {c:?}: empty name")));
            }
        }
        Ok(Extractor { canon: Canonicaliser::new(tagger.gazetteer(), &opts.aliases), tagger })
    }

    /// Extracts entities and quotes from a document.
    pub fn extract(&self, doc: Document) -> Article {
        let language = crate::language::resolve(doc.language.as_deref(), &doc.text);
        // The tagger and its lexicons are English: text in another language yields no actors
        // rather than common nouns and weekdays taken for names. A detected language counts
        // only over running prose (tables of results and names fool detection).
        let english = language.as_deref().is_none_or(|l| l == "en") || doc.language.is_none() && !crate::language::running_text(&doc.text);
        let cased = self.tagger.recase(&doc.text, &doc.blocks);
        let mentions = if english { self.tagger.tag(&cased, &doc.blocks) } else { Vec::new() };
        let mut grouped = self.canon.group(&cased, &mentions);
        let people = grouped.remove(&EntityKind::Person).unwrap_or_default();
        let organisations = grouped.remove(&EntityKind::Org).unwrap_or_default();
        let locations = grouped.remove(&EntityKind::Loc).unwrap_or_default();
        // Quotations are found in the truecased text (an article in capitals reads as running
        // text: "ADA QUORVE INSISTED" is a speaker and a cue), and keep the words as written.
        let mut quotes = quotes::extract(&cased, &doc.blocks, &people, &organisations);
        if let std::borrow::Cow::Owned(_) = cased {
            for q in &mut quotes {
                if let Some(verbatim) = doc.text.get(q.start..q.end) {
                    q.display = crate::model::display_text(verbatim).to_string();
                    q.text = verbatim.to_string();
                }
            }
        }
        drop(cased);
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

/// Hash of the article's content blocks with whitespace and case folded: equal for copies that
/// differ only in layout.
pub fn content_hash(doc: &Document) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut lower = String::new();
    for b in &doc.blocks {
        for w in doc.text.get(b.start..b.end).unwrap_or("").split_whitespace() {
            // The same bytes as `to_lowercase`, without an allocation per ASCII word.
            if w.is_ascii() {
                lower.clear();
                lower.push_str(w);
                lower.make_ascii_lowercase();
                h.update(lower.as_bytes());
            } else {
                h.update(w.to_lowercase().as_bytes());
            }
            h.update(b" ");
        }
    }
    format!("{:016x}", h.digest())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_folds_case_and_spacing() {
        let doc = |text: &str| Document::from_plain_text("a.txt".into(), "a".into(), text.into());
        let a = content_hash(&doc("Title\n\nThe MINISTER said  Ärger was over."));
        assert_eq!(a, content_hash(&doc("title\n\nthe minister said ärger   was over.")));
        assert_ne!(a, content_hash(&doc("Title\n\nThe minister said calm was over.")));
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
        let a = ex.extract(Document::from_plain_text("de.txt".into(), "de".into(), de.into()));
        assert_eq!(a.language.as_deref(), Some("de"));
        assert!(a.people.is_empty() && a.organisations.is_empty() && a.locations.is_empty(), "{:?} {:?} {:?}", a.people, a.organisations, a.locations);
        let en = "Talks in Velmora\n\nThe ministers met again on Sunday in Kabul to discuss the exchange of prisoners, Arlo Venn said after the talks ended.";
        let a = ex.extract(Document::from_plain_text("en.txt".into(), "en".into(), en.into()));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert!(!a.locations.is_empty(), "{:?}", a.locations);
    }
}
