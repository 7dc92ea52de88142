//! The language of an article as an ISO 639-1 code (`en`, `de`, `fa`): the one the source
//! declares (HTML `lang`, a JSON field) when it names one, else the one detected from the text
//! with `whatlang` when the detection is reliable.

/// ISO 639-3 codes that `whatlang` reports, with their ISO 639-1 codes.
const ISO_639_1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// How much text detection looks at: enough to be sure, bounded for long articles.
const SAMPLE_BYTES: usize = 4096;

/// The ISO 639-1 code of a declared language tag (`en-US`, `pt_BR`, `DE`, `fas`), or `None` when
/// the tag names no language this module knows.
pub fn from_tag(tag: &str) -> Option<String> {
    let primary = tag
        .trim()
        .split(['-', '_', ';', ',', ' '])
        .next()?
        .to_ascii_lowercase();
    match primary.len() {
        2 if primary.bytes().all(|b| b.is_ascii_lowercase()) => Some(primary),
        3 => ISO_639_1
            .iter()
            .find(|(three, _)| *three == primary)
            .map(|(_, two)| two.to_string())
            .or(match primary.as_str() {
                "fas" | "per" => Some("fa".into()),
                "ger" => Some("de".into()),
                "fre" => Some("fr".into()),
                "zho" | "chi" => Some("zh".into()),
                _ => None,
            }),
        _ => None,
    }
}

/// Whether `text` opens with running prose (at least 40 words, most tokens words of letters),
/// on which a detected language can be trusted; a results table or a list of names is not.
pub fn running_text(text: &str) -> bool {
    let (mut words, mut tokens) = (0usize, 0usize);
    for t in text.split_whitespace().take(400) {
        tokens += 1;
        if t.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !t.chars().any(|c| c.is_numeric())
        {
            words += 1;
        }
    }
    words >= 40 && words * 4 >= tokens * 3
}

/// Whether `w` is one of the commonest English function words, in any case: over an eighth
/// of the words of English prose, and rare in other languages' text.
fn is_english_function_word(w: &[u8]) -> bool {
    if w.len() > 4 {
        return false;
    }
    let mut low = [0u8; 4];
    for (l, b) in low.iter_mut().zip(w) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &low[..w.len()],
        b"the"
            | b"of"
            | b"and"
            | b"to"
            | b"in"
            | b"a"
            | b"is"
            | b"that"
            | b"for"
            | b"on"
            | b"was"
            | b"with"
            | b"said"
            | b"by"
            | b"as"
            | b"at"
    )
}

/// Whether the sample is English prose by its function words alone (most news is, and the
/// full detection costs more than the tagging of the article).
fn plainly_english(sample: &str) -> bool {
    let (mut words, mut function) = (0usize, 0usize);
    let mut count = |w: &[u8]| {
        words += 1;
        if is_english_function_word(w) {
            function += 1;
        }
    };
    // (the same words read as bytes when the sample is ASCII, as most news is: no characters
    // to decode)
    if sample.is_ascii() {
        for w in sample
            .as_bytes()
            .split(|c| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
        {
            count(w);
        }
    } else {
        for w in sample
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            count(w.as_bytes());
        }
    }
    // English prose has a fifth to a third of its words among these, headlines and captions
    // an eighth or more; other languages' text under a twentieth
    words >= 40 && function * 8 >= words
}

/// How many words `mostly_english_words` reads.
const LEXICON_SAMPLE_WORDS: usize = 160;

/// Whether the sample's words are mostly words of the English lexicon (the truecaser's, learned
/// from English running text: ordinary words, their inflections and the names it met). Tables of
/// results and lists of names have too few function words for `plainly_english`, but their
/// words are English ("shr", "net", "vs", "minneapolis"). In German, French or Spanish prose a
/// third to a half of the words are (on 600 such web pages, 63% at most: a German page quoting
/// English titles).
fn mostly_english_words(sample: &str) -> bool {
    let lexicon = crate::truecase::Truecaser::builtin();
    let (mut words, mut known) = (0usize, 0usize);
    let mut key = Vec::with_capacity(32);
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 2)
        .take(LEXICON_SAMPLE_WORDS)
    {
        words += 1;
        key.clear();
        key.extend(w.bytes().map(|b| b.to_ascii_lowercase()));
        if lexicon.lex_class(&key) != crate::casemodel::LEX_UNKNOWN {
            known += 1;
        }
    }
    words >= 20 && known * 10 >= words * 7
}

/// The language of `text` when `whatlang` is confident of it.
pub fn detect(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if plainly_english(&text[..end]) || mostly_english_words(&text[..end]) {
        return Some("en".into());
    }
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    ISO_639_1
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| two.to_string())
}

/// The article's language: the declared one when it is a language tag, else the detected one.
pub fn resolve(declared: Option<&str>, text: &str) -> Option<String> {
    declared.and_then(from_tag).or_else(|| detect(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_tags() {
        assert_eq!(from_tag("en-US").as_deref(), Some("en"));
        assert_eq!(from_tag("pt_BR").as_deref(), Some("pt"));
        assert_eq!(from_tag(" DE ").as_deref(), Some("de"));
        assert_eq!(from_tag("fas").as_deref(), Some("fa"));
        assert_eq!(from_tag("deu").as_deref(), Some("de"));
        assert_eq!(from_tag("english"), None);
        assert_eq!(from_tag(""), None);
        assert_eq!(from_tag("é"), None);
    }

    #[test]
    fn detected_languages() {
        let cases = [
            ("The ministers met again on Monday to discuss the exchange of prisoners, officials said after the talks ended.", "en"),
            ("Die Minister trafen sich am Montag erneut, um über den Austausch von Gefangenen zu sprechen, sagten Beamte nach den Gesprächen.", "de"),
            ("Los ministros se reunieron de nuevo el lunes para hablar del intercambio de prisioneros, dijeron funcionarios tras las conversaciones.", "es"),
            ("Les ministres se sont réunis à nouveau lundi pour discuter de l'échange de prisonniers, ont indiqué des responsables après les pourparlers.", "fr"),
            ("Министры снова встретились в понедельник, чтобы обсудить обмен пленными, сообщили чиновники после переговоров.", "ru"),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text).as_deref(), Some(want), "{text}");
        }
        // English prose is known by its function words before the full detection runs
        let prose = "The ministers met again on Monday to discuss the exchange of prisoners, and officials said after the talks that the two sides had agreed on a list of names. The talks will go on in the capital next week, and a statement is expected at the end of the month, officials said on Tuesday.";
        assert!(plainly_english(prose));
        assert!(!plainly_english(&"Die Minister trafen sich am Montag erneut und sprachen mit den Beamten über den Austausch von Gefangenen. ".repeat(3)));
        assert_eq!(detect(prose).as_deref(), Some("en"));
        assert_eq!(detect(""), None);
        assert_eq!(detect("12345 !!"), None);
        assert_eq!(
            resolve(
                Some("it"),
                "The ministers met again on Monday to discuss prisoners."
            )
            .as_deref(),
            Some("it")
        );
        assert_eq!(resolve(Some("x-unknown"), "Die Minister trafen sich am Montag erneut, um über den Austausch von Gefangenen zu sprechen.").as_deref(), Some("de"));
        // A results table has few function words, but its words are English words and names
        let table = "QUORVE TOOLS CORP 3RD QTR NET\nBRELLTON, Ohio (Reuters) - Shr profit 12 cts vs loss four cts\nNet profit 1,204,000 vs loss 310,000\nSales 22.1 mln vs 19.8 mln\nNine mths\nShr profit 40 cts vs profit 31 cts\nNet profit 3,980,000 vs profit 3,002,000\nSales 64.0 mln vs 58.3 mln\nNote: Company said results include a gain on the sale of its plastics unit";
        assert!(!plainly_english(table));
        assert!(mostly_english_words(table));
        assert_eq!(detect(table).as_deref(), Some("en"));
        for (text, _) in &cases[1..] {
            assert!(!mostly_english_words(&text.repeat(3)), "{text}");
        }
        // Multi-byte text longer than the sample is cut on a character boundary.
        let long = "Министры снова встретились в понедельник. ".repeat(200);
        assert_eq!(detect(&long).as_deref(), Some("ru"));
    }
}
