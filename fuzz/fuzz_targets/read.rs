#![no_main]
//! Every reader (txt, html, json, jsonl, gzip) on arbitrary bytes: never panics. The first byte
//! picks the reader.
use libfuzzer_sys::fuzz_target;
use sitrep_indexer::{read_bytes, ReadOptions};
use std::path::Path;

const NAMES: [&str; 6] = ["a.txt", "a.html", "a.json", "a.jsonl", "a.txt.gz", "a.html.gz"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    let opts = ReadOptions { max_file_size: 4 * 1024 * 1024, ..ReadOptions::default() };
    let _ = read_bytes(Path::new(name), name, bytes, &opts);
});
