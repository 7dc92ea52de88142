//! Compact keys for the per-article state an indexing run holds (a full rebuild holds one per
//! article of the run: at a million articles, a `String` each cost tens of megabytes).

use std::fmt;

/// An article id or content hash: the 16 lowercase hex digits sitrep writes are kept as the
/// number they spell; any other text (an id from elsewhere) is kept as it is. Displays as the
/// text it was made from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Hex(u64),
    Text(Box<str>),
}

impl Key {
    pub(crate) fn new(s: &str) -> Key {
        let hex = s.len() == 16 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        match u64::from_str_radix(s, 16) {
            Ok(n) if hex => Key::Hex(n),
            _ => Key::Text(s.into()),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Hex(n) => write!(f, "{n:016x}"),
            Key::Text(s) => f.write_str(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_give_back_the_text_they_were_made_from() {
        for s in [
            "00ab34ef99c01d2e",
            "ffffffffffffffff",
            "0000000000000000",
            "00AB34EF99C01D2E",
            "+0ab34ef99c01d2e",
            "0ab34ef99c01d2e",
            "00ab34ef99c01d2e0",
            "posted-7",
            "",
            "ünïcode id",
        ] {
            assert_eq!(Key::new(s).to_string(), s, "{s:?}");
        }
        assert_eq!(
            Key::new("00ab34ef99c01d2e"),
            Key::Hex(0x00ab_34ef_99c0_1d2e)
        );
        // upper case is another text, not the same number
        assert!(matches!(Key::new("00AB34EF99C01D2E"), Key::Text(_)));
        assert_ne!(Key::new("00AB34EF99C01D2E"), Key::new("00ab34ef99c01d2e"));
        assert_eq!(std::mem::size_of::<Key>(), 16);
    }
}
