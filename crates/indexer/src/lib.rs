//! sitrep-indexer: reads news articles and extracts title, publication date, dateline, people,
//! organisations, locations and quotations with their speakers. It knows nothing of the index.

pub mod calendars;
pub mod canon;
pub mod casemodel;
pub mod dates;
pub mod document;
pub mod encoding;
pub mod error;
pub mod eval;
pub mod extract;
pub mod formats;
pub mod gazetteer;
pub mod language;
pub mod minhash;
pub mod model;
pub mod ner;
pub mod plain;
pub mod quote_eval;
pub mod quotes;
pub mod tokenize;
pub mod truecase;
pub mod walk;

pub use document::{read_bytes, read_file, Document, ReadOptions, ReadOutcome, RecordError};
pub use error::{IndexerError, Result};
pub use extract::{Extractor, ExtractorOptions};
pub use formats::json::JsonFieldMap;
pub use model::{
    display_text, Article, Block, BlockKind, Entity, EntityKind, Quote, QuoteKind, Span,
};
