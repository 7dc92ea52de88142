//! Decoding text bytes of unknown encoding: byte-order marks, UTF-16 without a BOM, HTML
//! `<meta charset>`, UTF-8, and legacy 8-bit encodings detected with chardetng. Invalid bytes are
//! replaced, never fatal; binary content is refused.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or control characters that text files do not contain.
    Binary,
}

/// The decoded text and the encoding it was decoded from.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Whether invalid byte sequences were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`; `html` enables the `<meta charset>` prescan.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, DecodeError> {
    decode_raw(bytes, html).map(without_nul)
}

fn decode_raw(bytes: &[u8], html: bool) -> Result<Decoded, DecodeError> {
    // 1. A byte-order mark settles it.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(finish(enc, &bytes[bom_len..]));
    }
    // 2. UTF-16 without a BOM: ASCII-range text has a zero in every other byte.
    if let Some(enc) = sniff_utf16(bytes) {
        return Ok(finish(enc, bytes));
    }
    if is_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    // 3. Valid UTF-8 (the common case; ASCII included).
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(Decoded {
            text: String::from_utf8(bytes.to_vec()).unwrap_or_default(),
            encoding: "UTF-8",
            had_errors: false,
        });
    }
    // 4. An HTML page that declares its charset.
    if html {
        if let Some(enc) = meta_charset(bytes) {
            return Ok(finish(enc, bytes));
        }
    }
    // 5. Mostly UTF-8 with a few bad bytes stays UTF-8; otherwise guess a legacy encoding.
    if mostly_utf8(bytes) {
        return Ok(finish(UTF_8, bytes));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    Ok(finish(enc, bytes))
}

fn finish(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        had_errors,
    }
}

/// UTF-16 text without a BOM: in the first bytes, most even (BE) or odd (LE) positions are zero
/// while the other positions are not.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 10 >= pairs * 7 && even_zero * 10 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Binary content: more than one byte in twenty of the first 8 KiB is NUL or another control
/// character that text does not use. A stray NUL or two in a text file is not enough.
pub fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len().max(1)
}

/// Stray NUL characters become spaces (same length), so that no later stage sees them.
fn without_nul(mut d: Decoded) -> Decoded {
    if d.text.contains('\0') {
        d.text = d.text.replace('\0', " ");
    }
    d
}

/// At most one invalid sequence per 1,000 bytes.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut errors = 0usize;
    let mut rest = bytes;
    while let Err(e) = std::str::from_utf8(rest) {
        errors += 1;
        let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to()).max(1);
        rest = &rest[skip.min(rest.len())..];
        if errors * 1000 > bytes.len().max(1000) {
            return false;
        }
    }
    true
}

/// The charset declared in the first 2 KiB of an HTML page: `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + 7;
        while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let st = j;
        while j < lower.len()
            && (lower[j].is_ascii_alphanumeric() || matches!(lower[j], b'-' | b'_' | b':' | b'.'))
        {
            j += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[st..j]) {
            // A page that declares UTF-16 yet reached here is ASCII-compatible (WHATWG rule).
            return Some(if enc == UTF_16LE || enc == UTF_16BE {
                UTF_8
            } else {
                enc
            });
        }
        from = j.max(from + i + 7);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if be { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
        }
        for u in s.encode_utf16() {
            out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn decodes_by_bom_and_heuristics() {
        let s = "Gunmen attacked a convoy near Kabul on Tuesday, officials said.";
        let cases: Vec<(Vec<u8>, &str)> = vec![
            ([b"\xEF\xBB\xBF".as_slice(), s.as_bytes()].concat(), "UTF-8"),
            (utf16(s, false, true), "UTF-16LE"),
            (utf16(s, true, true), "UTF-16BE"),
            (utf16(s, false, false), "UTF-16LE"),
            (utf16(s, true, false), "UTF-16BE"),
            (s.as_bytes().to_vec(), "UTF-8"),
        ];
        for (bytes, enc) in cases {
            let d = decode(&bytes, false).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (s, enc));
        }
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let text =
            "Le ministre a déclaré que les négociations reprendraient à Genève après l'été, \
                    malgré les critiques sévères des délégués européens et des élus locaux.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes, false).unwrap();
        assert_eq!(d.text, text);
        let ru = "Министр иностранных дел заявил, что переговоры продолжатся в Женеве на следующей неделе.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(ru);
        assert_eq!(decode(&bytes, false).unwrap().text, ru);
    }

    #[test]
    fn html_meta_charset_wins_over_guessing() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body>Gr\u{fc}\u{df}e</body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let d = decode(&bytes, true).unwrap();
        assert!(d.text.contains("Grüße"), "{}", d.text);
        assert_eq!(meta_charset(b"<meta charset='utf-8'>"), Some(UTF_8));
        assert_eq!(meta_charset(b"<meta charset=\"bogus\">"), None);
    }

    #[test]
    fn invalid_bytes_are_replaced_and_binary_refused() {
        let mut bytes =
            "A long enough line of ordinary English text to count as mostly UTF-8 content. "
                .repeat(20)
                .into_bytes();
        bytes.insert(100, 0xFF);
        let d = decode(&bytes, false).unwrap();
        assert!(d.had_errors && d.text.contains('\u{FFFD}') && d.encoding == "UTF-8");
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00\x00", false),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(&[0x01, 0x02, 0x03, 0x04, 0x05, b'a'], false),
            Err(DecodeError::Binary)
        );
        assert_eq!(decode(b"", false).unwrap().text, "");
    }

    #[test]
    fn a_stray_nul_does_not_make_text_binary() {
        let mut bytes = "An ordinary line of invented report text, long enough to count.\n"
            .repeat(40)
            .into_bytes();
        bytes.insert(500, 0);
        let d = decode(&bytes, false).unwrap();
        assert!(!d.text.contains('\0') && d.text.len() == bytes.len());
        // Mostly NUL and control bytes is still binary.
        let mut blob = vec![0u8; 600];
        blob.extend_from_slice(b"some text");
        assert_eq!(decode(&blob, false), Err(DecodeError::Binary));
    }
}
