//! The extraction pipeline: document → article with entities and quotes.

use crate::canon;
use crate::document::Document;
use crate::model::{Article, EntityKind};
use crate::ner::Tagger;
use crate::quotes;

/// Holds loaded models; cheap to share between threads.
#[derive(Debug, Default)]
pub struct Extractor {
    tagger: Tagger,
}

impl Extractor {
    pub fn new() -> Self {
        Extractor { tagger: Tagger::new() }
    }

    /// Extracts entities and quotes from a document.
    pub fn extract(&self, doc: Document) -> Article {
        let mentions = self.tagger.tag(&doc.text, &doc.blocks);
        let mut grouped = canon::group(&doc.text, &mentions);
        let people = grouped.remove(&EntityKind::Person).unwrap_or_default();
        let organisations = grouped.remove(&EntityKind::Org).unwrap_or_default();
        let locations = grouped.remove(&EntityKind::Loc).unwrap_or_default();
        let quotes = quotes::extract(&doc.text, &doc.blocks, &people, &organisations);
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
            language: doc.language,
            content_hash,
        }
    }
}

/// Hash of the article's content blocks with whitespace and case folded: equal for copies that
/// differ only in layout.
pub fn content_hash(doc: &Document) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for b in &doc.blocks {
        for w in doc.text[b.start..b.end].split_whitespace() {
            h.update(w.to_lowercase().as_bytes());
            h.update(b" ");
        }
    }
    format!("{:016x}", h.digest())
}
