//! Where the bytes of an index go: per component and per field, summed over segments.
//!
//!     cargo run --release -p sitrep-search --example space -- INDEX_DIR

use std::collections::BTreeMap;
use tantivy::Index;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: space INDEX_DIR")?;
    let index = Index::open_in_dir(&dir)?;
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;
    let mut rows: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut store = 0u64;
    for seg in usage.segments() {
        for (component, per_field) in [
            ("terms", seg.termdict()),
            ("postings", seg.postings()),
            ("positions", seg.positions()),
            ("fast", seg.fast_fields()),
            ("fieldnorms", seg.fieldnorms()),
        ] {
            for u in per_field.fields() {
                *rows
                    .entry((component.to_string(), u.field_name().to_string()))
                    .or_default() += u.total().get_bytes();
            }
        }
        store += seg.store().total().get_bytes();
    }
    let total = usage.total().get_bytes();
    let mut sorted: Vec<_> = rows.into_iter().collect();
    sorted.push((("store".into(), "(all)".into()), store));
    sorted.sort_by(|a, b| b.1.cmp(&a.1));
    println!("{:>12}  {:>6}  component/field", "bytes", "share");
    for ((c, f), b) in sorted.iter().filter(|r| r.1 > 0) {
        println!(
            "{:>12}  {:>5.1}%  {c}/{f}",
            b,
            *b as f64 * 100.0 / total as f64
        );
    }
    println!(
        "{total:>12}  100.0%  total ({} segments)",
        usage.segments().len()
    );
    Ok(())
}
