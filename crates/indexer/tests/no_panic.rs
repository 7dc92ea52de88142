//! Bounded, deterministic fuzz-style test: the readers, date parsing, datelines and quote
//! extraction run on many generated inputs (mixed scripts, Unicode digits, combining marks,
//! emoji, NUL, lone quotes, stray markup) and must never panic.
//!
//! The inputs come from a fixed-seed generator, so a failure reproduces exactly. One target
//! mutates real files (flipped bytes, cut and repeated ranges, spliced files, inserted pieces):
//! the bundled corpus and fixtures by default, or the folders in `SITREP_FUZZ_CORPUS`
//! (`:`-separated) such as the dev pages and articles.
//!
//! Longer local runs (`bench/fuzz.sh` runs each target for ten minutes):
//! - `SITREP_FUZZ_CASES` raises the case count, `SITREP_FUZZ_SEED` changes the inputs;
//! - `SITREP_FUZZ_SECONDS` runs each target for that long instead of a fixed count.

use sitrep_indexer::model::{Block, BlockKind, Span};
use sitrep_indexer::{dates, plain, quotes, Document, ReadOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "\u{0}",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "「",
    "」",
    "-",
    " - ",
    " -- ",
    " — ",
    "–",
    ":",
    ": ",
    ",",
    ".",
    "/",
    "(",
    ")",
    "[",
    "]",
    "#",
    "##",
    "*",
    "0",
    "1",
    "12",
    "31",
    "2020",
    "1999",
    "89",
    "07",
    "3rd",
    "21st",
    "۱",
    "۲",
    "۳",
    "۹",
    "۰",
    "۱۳۹۹",
    "۰۲",
    "٢٠٢١",
    "٣",
    "١٤٤٢",
    "१९",
    "২০",
    "２０２０",
    "１２",
    "Jan",
    "JAN",
    "March",
    "mai",
    "Oktober",
    "août",
    "enero",
    "май",
    "مايو",
    "اردیبهشت",
    "Ocak",
    "Agustus",
    "said",
    "says",
    "told",
    "He",
    "She",
    "The",
    "Minister",
    "KABUL",
    "NORTHVILLE",
    "Ruritania",
    "(REUTERS)",
    "(AP)",
    "(RADIO FREE NOWHERE)",
    "[BROADCAST]",
    "e\u{301}",
    "\u{301}",
    "\u{64b}",
    "\u{94d}",
    "👍",
    "🇺🇳",
    "👩‍👩‍👧",
    "\u{10ffff}",
    "\u{fffd}",
    "مرحبا",
    "سلام",
    "नमस्ते",
    "Привет",
    "漢字",
    "한국어",
    "ελληνικά",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<b",
    "&amp;",
    "&#x",
    "&#99999999;",
    "<!--",
    "<script>",
    "{",
    "}",
    "\"title\"",
    "\"text\"",
    "\\u",
    "\\ud800",
    "\\",
    "null",
    "[",
    "]",
    "Published: ",
    "Posted ",
    "Updated ",
    "T",
    "Z",
    "+01:00",
    "AM",
    "PM",
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
    Rng(base
        ^ std::env::var("SITREP_FUZZ_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
}

fn env_number(key: &str) -> Option<u64> {
    std::env::var(key).ok().and_then(|v| v.parse().ok())
}

/// How long a target runs: `SITREP_FUZZ_SECONDS` of wall time when set, else a case count
/// (`SITREP_FUZZ_CASES`, default 3,000, divided by how costly one case of the target is).
struct Budget {
    name: &'static str,
    done: u64,
    cases: u64,
    deadline: Option<Instant>,
}

impl Budget {
    fn new(name: &'static str, cost: u64) -> Budget {
        let deadline =
            env_number("SITREP_FUZZ_SECONDS").map(|s| Instant::now() + Duration::from_secs(s));
        Budget {
            name,
            done: 0,
            cases: env_number("SITREP_FUZZ_CASES").unwrap_or(3000) / cost,
            deadline,
        }
    }

    /// True while another case should run.
    fn more(&mut self) -> bool {
        let more = match self.deadline {
            // The clock is read once every 64 cases.
            Some(end) => self.done % 64 != 0 || Instant::now() < end,
            None => self.done < self.cases,
        };
        if more {
            self.done += 1;
        }
        more
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            eprintln!("fuzz {}: {} cases without a panic", self.name, self.done);
        }
    }
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
    let whole = vec![Block {
        kind: BlockKind::Body,
        start: 0,
        end: s.len(),
    }];
    let _ = quotes::extract(s, &whole, &[], &[]);
    let doc = Document::from_parts("x.json".into(), "id".into(), Some(s.to_string()), s);
    let _ = quotes::extract(&doc.text, &doc.blocks, &[], &[]);
}

fn exercise_bytes(name: &str, bytes: &[u8]) {
    let run = || sitrep_indexer::read_bytes(Path::new(name), name, bytes, &ReadOptions::default());
    if std::panic::catch_unwind(run).is_err() {
        panic!(
            "reading {name} panicked on {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn generated_text_never_panics() {
    let mut rng = seed(0x5173_5e9);
    let mut budget = Budget::new("text", 1);
    while budget.more() {
        let s = gen_text(&mut rng);
        if std::panic::catch_unwind(|| exercise_text(&s)).is_err() {
            panic!("text reading panicked on {s:?}");
        }
    }
}

#[test]
fn generated_files_never_panic() {
    let mut rng = seed(0xf11e5);
    let mut budget = Budget::new("files", 3);
    let mut i = 0;
    while budget.more() {
        i += 1;
        let s = gen_text(&mut rng);
        let name = ["a.txt", "a.md", "a.html", "a.json", "a.jsonl"][i % 5];
        exercise_bytes(name, s.as_bytes());
        // Wrapped in a JSON record and an HTML page, so the text reaches the inner readers.
        let rec = serde_json::json!({ "title": &s[..s.floor_char_boundary_compat(20)], "text": s })
            .to_string();
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
    let mut budget = Budget::new("articles", 10);
    while budget.more() {
        let s = gen_text(&mut rng);
        let doc = Document::from_plain_text("x.txt".into(), "id".into(), s.clone());
        if std::panic::catch_unwind(|| extractor.extract(doc)).is_err() {
            panic!("extraction panicked on {s:?}");
        }
    }
}

/// Seed files for the mutation target: `SITREP_FUZZ_CORPUS` or the bundled corpus and fixtures.
fn seed_files() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dirs: Vec<PathBuf> = match std::env::var_os("SITREP_FUZZ_CORPUS") {
        Some(v) => std::env::split_paths(&v).collect(),
        None => vec![root.join("corpus"), root.join("tests/fixtures")],
    };
    let mut files = Vec::new();
    let mut stack = dirs;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if sitrep_indexer::document::file_kind(&path).is_some() {
                if let Ok(bytes) = std::fs::read(&path) {
                    files.push((path, bytes));
                }
            }
        }
    }
    files.sort();
    files
}

/// One random edit of `bytes`, with material from `other` (another seed file) for splices.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, other: &[u8]) {
    let at = |rng: &mut Rng, len: usize| rng.below(len + 1);
    match rng.below(7) {
        0 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            bytes[i] ^= 1 << rng.below(8);
        }
        1 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            let j = (i + 1 + rng.below(64)).min(bytes.len());
            bytes.drain(i..j);
        }
        2 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            let j = (i + 1 + rng.below(256)).min(bytes.len());
            let piece = bytes[i..j].to_vec();
            let k = at(rng, bytes.len());
            bytes.splice(k..k, piece);
        }
        3 => {
            let piece = PIECES[rng.below(PIECES.len())].as_bytes().to_vec();
            let k = at(rng, bytes.len());
            bytes.splice(k..k, piece);
        }
        4 if !other.is_empty() => {
            let i = rng.below(other.len());
            let j = (i + 1 + rng.below(4096)).min(other.len());
            let k = at(rng, bytes.len());
            bytes.splice(k..k, other[i..j].iter().copied());
        }
        5 => {
            let k = at(rng, bytes.len());
            bytes.truncate(k);
        }
        _ => {
            let k = at(rng, bytes.len());
            bytes.insert(k, rng.next() as u8);
        }
    }
}

/// Real articles and pages, mutated, go through reading and the whole extraction.
#[test]
fn mutated_files_read_and_extract_without_panic() {
    let seeds = seed_files();
    assert!(!seeds.is_empty(), "no seed files for the mutation target");
    let extractor = sitrep_indexer::Extractor::new();
    let mut rng = seed(0x3a7e);
    let mut budget = Budget::new("mutated", 30);
    while budget.more() {
        let (path, original) = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())].1;
        let mut bytes = original.clone();
        for _ in 0..1 + rng.below(6) {
            mutate(&mut rng, &mut bytes, other);
        }
        // Mostly read as what it is, sometimes as another kind of file.
        let name = match rng.below(6) {
            0 => PathBuf::from(["a.txt", "a.html", "a.json", "a.jsonl", "a.txt.gz"][rng.below(5)]),
            _ => path.clone(),
        };
        let run = || {
            let read = sitrep_indexer::read_bytes(&name, "fuzz", &bytes, &ReadOptions::default());
            for doc in read.map(|r| r.documents).unwrap_or_default() {
                let _ = extractor.extract(doc);
            }
        };
        if std::panic::catch_unwind(run).is_err() {
            let keep = std::env::temp_dir().join("sitrep-fuzz-crash");
            let _ = std::fs::write(&keep, &bytes);
            panic!(
                "mutated {} panicked; the input is saved in {}",
                path.display(),
                keep.display()
            );
        }
    }
}
