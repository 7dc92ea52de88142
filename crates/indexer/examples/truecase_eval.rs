//! Scores the truecaser on mixed-case text: every file's text (gold `.jsonl` documents or plain
//! `.txt`) is upper-cased (ASCII letters), recased, and compared word by word with the original.
//! `cargo run --release -p sitrep-indexer --example truecase_eval -- FILE... [--errors N]`
use sitrep_indexer::truecase::Truecaser;
use sitrep_indexer::Document;
use std::collections::HashMap;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut show = 0usize;
    if let Some(i) = args.iter().position(|a| a == "--errors") {
        show = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(40);
        args.drain(i..(i + 2).min(args.len()));
    }
    let tc = Truecaser::builtin();
    let (mut words, mut right, mut cap_words, mut cap_right) = (0usize, 0usize, 0usize, 0usize);
    let mut errors: HashMap<(String, String), usize> = HashMap::new();
    for f in &args {
        let data = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}"));
        let texts: Vec<String> = if f.ends_with(".jsonl") {
            data.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .collect()
        } else {
            vec![data]
        };
        for text in texts {
            let upper = text.to_ascii_uppercase();
            let doc = Document::from_plain_text("x".into(), "x".into(), upper.clone());
            let rec = tc.recase(&doc.text, &doc.blocks).into_owned();
            // every word with a letter counts, also on lines the truecaser left in capitals
            for (o, r) in text.split_whitespace().zip(rec.split_whitespace()) {
                if !o.chars().any(|c| c.is_ascii_alphabetic()) {
                    continue;
                }
                words += 1;
                let ok = o == r;
                right += ok as usize;
                if o.chars().next().is_some_and(|c| c.is_uppercase()) {
                    cap_words += 1;
                    cap_right += ok as usize;
                }
                if !ok {
                    *errors.entry((o.to_string(), r.to_string())).or_default() += 1;
                }
            }
        }
    }
    println!(
        "words {words}: {:.2}% right; words capitalised in the original {cap_words}: {:.2}% right",
        100.0 * right as f64 / words.max(1) as f64,
        100.0 * cap_right as f64 / cap_words.max(1) as f64
    );
    let mut e: Vec<_> = errors.into_iter().collect();
    e.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((o, r), n) in e.into_iter().take(show) {
        println!("{n}\t{o}\t{r}");
    }
}
