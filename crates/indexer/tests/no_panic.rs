//! Bounded, deterministic fuzz-style test: the readers, date parsing, datelines and quote
//! extraction run on many generated inputs (mixed scripts, Unicode digits, combining marks,
//! emoji, NUL, lone quotes, stray markup) and must never panic.
//!
//! The inputs come from a fixed-seed generator, so a failure reproduces exactly; the case count
//! can be raised with `SITREP_FUZZ_CASES` and the seed changed with `SITREP_FUZZ_SEED` for longer
//! local runs.

use sitrep_indexer::model::{Block, BlockKind, Span};
use sitrep_indexer::{dates, plain, quotes, Document, ReadOptions};
use std::path::Path;

/// SplitMix64: small, fast, good enough to drive a generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces the generator strings together: date-ish fragments in many scripts, quote marks,
/// separators, markup and odd characters.
const PIECES: &[&str] = &[
    " ", " ", "\n", "\n\n", "\t", "\r\n", "\u{0}", "\u{a0}", "\u{200b}", "\u{feff}",
    "\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "「", "」",
    "-", " - ", " -- ", " — ", "–", ":", ": ", ",", ".", "/", "(", ")", "[", "]", "#", "##", "*",
    "0", "1", "12", "31", "2020", "1999", "89", "07", "3rd", "21st",
    "۱", "۲", "۳", "۹", "۰", "۱۳۹۹", "۰۲", "٢٠٢١", "٣", "١٤٤٢", "१९", "২০", "２０２０", "１２",
    "Jan", "JAN", "March", "mai", "Oktober", "août", "enero", "май", "مايو", "اردیبهشت", "Ocak", "Agustus",
    "said", "says", "told", "He", "She", "The", "Minister", "KABUL", "NORTHVILLE", "Ruritania",
    "(REUTERS)", "(AP)", "(RADIO FREE NOWHERE)", "[BROADCAST]",
    "e\u{301}", "\u{301}", "\u{64b}", "\u{94d}", "👍", "🇺🇳", "👩‍👩‍👧", "\u{10ffff}", "\u{fffd}",
    "مرحبا", "سلام", "नमस्ते", "Привет", "漢字", "한국어", "ελληνικά",
    "<p>", "</p>", "<div>", "</div>", "<br>", "<b", "&amp;", "&#x", "&#99999999;", "<!--", "<script>",
    "{", "}", "\"title\"", "\"text\"", "\\u", "\\ud800", "\\", "null", "[", "]",
    "Published: ", "Posted ", "Updated ", "T", "Z", "+01:00", "AM", "PM",
];

fn gen_text(rng: &mut Rng) -> String {
    let n = 1 + rng.below(60);
    let mut s = String::new();
    for _ in 0..n {
        if rng.below(8) == 0 {
            // A random scalar value from anywhere in Unicode.
            let c = loop {
                if let Some(c) = char::from_u32((rng.next() % 0x11_0000) as u32) {
                    break c;
                }
            };
            s.push(c);
        } else {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
    }
    s
}

/// `SITREP_FUZZ_SEED` varies the generated inputs for longer local runs.
fn seed(base: u64) -> Rng {
    Rng(base ^ std::env::var("SITREP_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn cases() -> usize {
    std::env::var("SITREP_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000)
}

fn exercise_text(s: &str) {
    let _ = dates::find_date(s);
    let _ = dates::parse_date_line(s);
    let _ = dates::parse_date_value(s);
    let layout = plain::analyse(s);
    for b in &layout.blocks {
        let _ = plain::dateline(s, Span::new(b.start, b.end));
    }
    // Datelines on every paragraph, and on spans that start or end inside a character.
    for p in plain::paragraph_spans(s) {
        let _ = plain::dateline(s, p);
    }
    let doc = Document::from_plain_text("x.txt".into(), "id".into(), s.to_string());
    let _ = quotes::extract(&doc.text, &doc.blocks, &[], &[]);
    let whole = vec![Block { kind: BlockKind::Body, start: 0, end: s.len() }];
    let _ = quotes::extract(s, &whole, &[], &[]);
    let doc = Document::from_parts("x.json".into(), "id".into(), Some(s.to_string()), s);
    let _ = quotes::extract(&doc.text, &doc.blocks, &[], &[]);
}

fn exercise_bytes(name: &str, bytes: &[u8]) {
    let run = || sitrep_indexer::read_bytes(Path::new(name), name, bytes, &ReadOptions::default());
    if std::panic::catch_unwind(run).is_err() {
        panic!("reading {name} panicked on {:?}", String::from_utf8_lossy(bytes));
    }
}

#[test]
fn generated_text_never_panics() {
    let mut rng = seed(0x5173_5e9);
    for _ in 0..cases() {
        let s = gen_text(&mut rng);
        if std::panic::catch_unwind(|| exercise_text(&s)).is_err() {
            panic!("text reading panicked on {s:?}");
        }
    }
}

#[test]
fn generated_files_never_panic() {
    let mut rng = seed(0xf11e5);
    let n = cases() / 3;
    for i in 0..n {
        let s = gen_text(&mut rng);
        let name = ["a.txt", "a.md", "a.html", "a.json", "a.jsonl"][i % 5];
        exercise_bytes(name, s.as_bytes());
        // Wrapped in a JSON record and an HTML page, so the text reaches the inner readers.
        let rec = serde_json::json!({ "title": &s[..s.floor_char_boundary_compat(20)], "text": s }).to_string();
        exercise_bytes("a.json", rec.as_bytes());
        exercise_bytes("a.jsonl", format!("{rec}\n{rec}\n").as_bytes());
        let page = format!("<html><head><meta name=\"date\" content=\"{s}\"><title>{s}</title></head><body><div class=\"date\">{s}</div><article><p>{s}</p><p>{s}</p></article></body></html>");
        exercise_bytes("a.html", page.as_bytes());
        // Random bytes: invalid UTF-8, legacy encodings, broken gzip.
        let raw: Vec<u8> = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
        exercise_bytes(name, &raw);
        exercise_bytes("a.txt.gz", &raw);
    }
}

/// `str::floor_char_boundary` is not stable yet.
trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for String {
    fn floor_char_boundary_compat(&self, i: usize) -> usize {
        let mut i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// The whole pipeline, entity tagging included, on fewer cases (the tagger is slower).
#[test]
fn generated_articles_extract_without_panic() {
    let extractor = sitrep_indexer::Extractor::new();
    let mut rng = seed(0xa27);
    for _ in 0..cases() / 10 {
        let s = gen_text(&mut rng);
        let doc = Document::from_plain_text("x.txt".into(), "id".into(), s.clone());
        if std::panic::catch_unwind(|| extractor.extract(doc)).is_err() {
            panic!("extraction panicked on {s:?}");
        }
    }
}
