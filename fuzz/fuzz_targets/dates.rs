#![no_main]
//! Date parsing in every calendar hint: never panics.
use libfuzzer_sys::fuzz_target;
use sitrep_indexer::dates::{self, Calendar};

fuzz_target!(|s: &str| {
    for cal in [Calendar::Gregorian, Calendar::Persian, Calendar::Hijri] {
        let _ = dates::find_date_in(s, cal);
        let _ = dates::parse_date_line_in(s, cal);
        let _ = dates::parse_date_value_in(s, cal);
    }
});
