#![no_main]
//! Plain-text layout, datelines and quotations: never panic.
use libfuzzer_sys::fuzz_target;
use sitrep_indexer::{plain, quotes, Document};

fuzz_target!(|s: &str| {
    for p in plain::paragraph_spans(s) {
        let _ = plain::dateline(s, p);
    }
    let doc = Document::from_plain_text("x.txt".into(), "id".into(), s.to_string());
    let _ = quotes::extract(&doc.text, &doc.blocks, &[], &[]);
    let doc = Document::from_parts("x.json".into(), "id".into(), None, s);
    let _ = quotes::extract(&doc.text, &doc.blocks, &[], &[]);
});
