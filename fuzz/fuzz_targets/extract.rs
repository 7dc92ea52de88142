#![no_main]
//! The whole pipeline (layout, entity tagging, quotes) on arbitrary text: never panics.
use libfuzzer_sys::fuzz_target;
use sitrep_indexer::{Document, Extractor};
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|s: &str| {
    let ex = EXTRACTOR.get_or_init(Extractor::new);
    let _ = ex.extract(Document::from_plain_text("x.txt".into(), "id".into(), s.to_string()));
});
