//! Hand-written word lists the rule passes read, and the small word predicates on them.

use crate::gazetteer::class;

/// Lower-case particles that may begin a name before a capitalised word ("bin Harrat",
/// "de Varlo", "van Drunen").
pub const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "bint", "de", "del", "della", "der", "di", "da", "dos", "du", "el", "la",
    "le", "van", "von", "ter", "den",
];

/// Lower-case words that join the words of one name ("Council on Foreign Relations", "Newcastle
/// upon Tyne", "Bank for International Settlements", "Trinidad and Tobago"), besides the
/// name particles.
pub(super) const NAME_CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "at", "upon", "to", "a", "an", "&", "y", "e", "et",
    "und", "für", "des", "les", "das", "do", "zu", "am", "im", "sur", "ul", "ud", "bani", "abu",
];

/// Words that are never a name on their own: pronouns and determiners (capitalised at a
/// sentence start), months and weekdays ("May" excepted: a surname), and adjectives or nouns
/// of religions, sects and peoples.
pub(super) const NOT_NAMES: &[&str] = &[
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "this",
    "that",
    "these",
    "those",
    "the",
    "a",
    "an",
    "our",
    "their",
    "his",
    "her",
    "its",
    "my",
    "your",
    "there",
    "here",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "sunni",
    "sunnis",
    "shia",
    "shiite",
    "shiites",
    "shi'ite",
    "muslim",
    "muslims",
    "moslem",
    "moslems",
    "christian",
    "christians",
    "jewish",
    "jew",
    "jews",
    "hindu",
    "sikh",
    "buddhist",
    "catholic",
    "catholics",
    "protestant",
    "orthodox",
    "yazidi",
    "yazidis",
    "alawite",
    "alawites",
    "druze",
    "kurd",
    "kurds",
    "kurdish",
    "arab",
    "arabs",
    "hutu",
    "tutsi",
    "pashtun",
    "hazara",
    "baluch",
    "sufi",
    "salafi",
    "islamist",
    "islamists",
    "islamic",
    "jihadist",
    "jihadists",
    "european",
    "african",
    "asian",
    "western",
    "eastern",
    "communist",
    "communists",
    "democrat",
    "republican",
    // religious festivals and observances
    "ramadan",
    "hajj",
    "eid",
    "christmas",
    "easter",
    "passover",
    "diwali",
    "hanukkah",
    "yom kippur",
    "lent",
];

/// Abbreviated months and weekdays, and English function words (articles, prepositions,
/// conjunctions, pronouns, auxiliaries): no name on their own unless written in capitals, where
/// they may be acronyms ("DEC", "WHO", "IS"; capitals lines are truecased before tagging).
pub(super) const NOT_NAMES_UNLESS_CAPS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "on",
    "in",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "into",
    "onto",
    "upon",
    "over",
    "under",
    "about",
    "after",
    "before",
    "against",
    "between",
    "during",
    "without",
    "within",
    "through",
    "as",
    "if",
    "than",
    "then",
    "so",
    "not",
    "no",
    "yes",
    "all",
    "any",
    "some",
    "each",
    "every",
    "both",
    "either",
    "neither",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "might",
    "must",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "him",
    "them",
    "me",
    "us",
    "also",
    "only",
    "very",
    "just",
    "now",
    "today",
    "yesterday",
    "tomorrow",
];

/// A word list looked up in any ASCII case through a hash set built on first use: the lists
/// below are read for every capitalised word, and a scan of a hundred entries cost more than
/// the tagging of the word.
pub(crate) struct FoldedList {
    list: &'static [&'static str],
    set: std::sync::OnceLock<(rustc_hash::FxHashSet<Box<[u8]>>, usize)>,
}

impl FoldedList {
    pub(crate) const fn new(list: &'static [&'static str]) -> Self {
        FoldedList {
            list,
            set: std::sync::OnceLock::new(),
        }
    }

    /// Whether `word` is in the list, ignoring ASCII case.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let (set, longest) = self.set.get_or_init(|| {
            let set: rustc_hash::FxHashSet<Box<[u8]>> = self
                .list
                .iter()
                .map(|w| w.as_bytes().to_ascii_lowercase().into_boxed_slice())
                .collect();
            (set, self.list.iter().map(|w| w.len()).max().unwrap_or(0))
        });
        let w = word.as_bytes();
        if w.len() > *longest {
            return false;
        }
        let mut buf = [0u8; 64];
        if w.len() > buf.len() {
            return set.contains(w.to_ascii_lowercase().as_slice());
        }
        let key = &mut buf[..w.len()];
        key.copy_from_slice(w);
        key.make_ascii_lowercase();
        set.contains(&*key)
    }
}

/// A word list looked up in its own case through a hash set built on first use (for the lists
/// that passes read for every token of a name).
pub(crate) struct WordSet {
    list: &'static [&'static str],
    set: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>>,
}

impl WordSet {
    pub(crate) const fn new(list: &'static [&'static str]) -> Self {
        WordSet {
            list,
            set: std::sync::OnceLock::new(),
        }
    }

    /// Whether `word` is in the list, in the same case.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.list.iter().copied().collect())
            .contains(word)
    }
}

pub(super) static ORG_HEADS_SET: WordSet = WordSet::new(ORG_HEADS);
pub(super) static ORG_ONLY_HEADS_SET: WordSet = WordSet::new(ORG_ONLY_HEADS);

pub(super) static NOT_NAMES_SET: FoldedList = FoldedList::new(NOT_NAMES);
pub(super) static NOT_NAMES_UNLESS_CAPS_SET: FoldedList = FoldedList::new(NOT_NAMES_UNLESS_CAPS);

/// `NOT_NAMES`, or a demonym the dictionaries know only as a nationality ("Iraqi", "Swedish").
pub(crate) fn not_a_name(word: &str, wclass: u16) -> bool {
    if word.len() <= 10 && NOT_NAMES_SET.contains(word) {
        return true;
    }
    let word = word.trim_end_matches('.');
    let caps = word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase());
    if !caps && word.len() <= 9 && NOT_NAMES_UNLESS_CAPS_SET.contains(word) {
        return true;
    }
    let place = class::COUNTRY
        | class::CITY
        | class::REGION
        | class::ORG
        | class::ARMED
        | class::IGO
        | class::PERSON;
    wclass & class::NATIONAL != 0 && wclass & place == 0 && {
        let b = word.as_bytes();
        ["an", "ian", "ese", "ish", "i", "ic", "ch", "ik", "ek"]
            .iter()
            .any(|s| {
                b.len() >= s.len() && b[b.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
            })
    }
}

/// An all-capitals word with a plural "s" ("APCs", "NGOs", "IEDs"): a common noun.
pub(super) fn plural_acronym(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b[b.len() - 1] == b's'
        && b[..b.len() - 1].iter().all(|c| c.is_ascii_uppercase())
}

/// Head nouns that make a capitalised phrase an organisation ("Arlo Venn ... Center").
pub(super) const ORG_HEADS: &[&str] = &[
    "Center",
    "Centre",
    "Institute",
    "University",
    "Foundation",
    "Council",
    "Committee",
    "Commission",
    "Agency",
    "Party",
    "Company",
    "Corporation",
    "Corp.",
    "Inc.",
    "Bank",
    "Fund",
    "Association",
    "Society",
    "Museum",
    "School",
    "College",
    "Hospital",
    "Group",
    "Front",
    "Army",
    "Brigade",
    "Brigades",
    "Movement",
    "Organization",
    "Organisation",
    "Ministry",
    "Department",
    "Office",
    "Program",
    "Programme",
    "Trust",
    "Alliance",
    "Federation",
    "Union",
    "Network",
];

/// Function words: a title in headline case writes them in lower case or capitalises them, and a
/// list of names does not hold them; capitalised at a sentence's start, they begin no name.
pub(super) const FUNCTION_WORDS: [&str; 24] = [
    "in", "of", "for", "to", "on", "at", "by", "the", "a", "an", "with", "from", "into", "over",
    "after", "about", "near", "as", "is", "are", "was", "will", "has", "not",
];

/// Head nouns that name an organisation and never a place or a building: a name ending in
/// one, or with one before "of" ("Ministry of Tides"), is an organisation. (Not "Bank"
/// (North Bank), "Union" (Zarnian Union), "Federation" (Velmoran Federation), "Center" and other
/// heads of buildings.)
pub(super) const ORG_ONLY_HEADS: &[&str] = &[
    "University",
    "Institute",
    "Foundation",
    "Council",
    "Committee",
    "Commission",
    "Agency",
    "Party",
    "Company",
    "Corporation",
    "Association",
    "Society",
    "College",
    "Army",
    "Navy",
    "Brigade",
    "Brigades",
    "Battalion",
    "Battalions",
    "Regiment",
    "Regiments",
    "Squadron",
    "Movement",
    "Organization",
    "Organisation",
    "Ministry",
    "Department",
    "Bureau",
    "Board",
    "Authority",
    "Program",
    "Programme",
    // newspapers, magazines and news agencies
    "Times",
    "Herald",
    "Tribune",
    "Gazette",
    "Magazine",
    "Journal",
    "Telegraph",
    "Chronicle",
    "Press",
    "News",
];

/// Words inside an organisation's name after its head ("Institute of Marine Studies",
/// "Foundation for the Tidal Arts"); not "and", which joins two names as often.
pub(super) const ORG_CONNECTORS: &[&str] = &["of", "for", "the", "&", "on"];

/// Legal-form suffixes of company names (case as written).
pub(super) const COMPANY_SUFFIXES: &[&str] = &[
    "Co",
    "Co.",
    "Cos",
    "Cos.",
    "Corp",
    "Corp.",
    "Inc",
    "Inc.",
    "Ltd",
    "Ltd.",
    "Limited",
    "Plc",
    "PLC",
    "plc",
    "SA",
    "S.A.",
    "AG",
    "NV",
    "N.V.",
    "BV",
    "B.V.",
    "LLC",
    "GmbH",
    "SpA",
    "S.p.A.",
    "AB",
    "ASA",
    "Bhd",
    "Pty",
    "KK",
    "K.K.",
    "Oyj",
    "Corporation",
    "Incorporated",
];

/// The suffixes as a set (the test below runs on every capitalised word); exact case.
static COMPANY_SUFFIX_SET: WordSet = WordSet::new(COMPANY_SUFFIXES);

/// A word list as the folded hashes of its words (`gazetteer::token_hash`), for tokens whose
/// hash is at hand (`TokInfo::lower`): any case matches.
struct HashedWords {
    list: &'static [&'static str],
    set: std::sync::OnceLock<rustc_hash::FxHashSet<u64>>,
}

impl HashedWords {
    const fn new(list: &'static [&'static str]) -> Self {
        HashedWords {
            list,
            set: std::sync::OnceLock::new(),
        }
    }

    fn contains(&self, lower: u64) -> bool {
        self.set
            .get_or_init(|| {
                self.list
                    .iter()
                    .map(|s| crate::gazetteer::token_hash(s))
                    .collect()
            })
            .contains(&lower)
    }
}

static COMPANY_SUFFIX_HASHES: HashedWords = HashedWords::new(COMPANY_SUFFIXES);

/// Whether a token whose folded hash is `lower` may be a company suffix in some case: a cheap
/// first test where the token's hash is at hand (`TokInfo::lower`), before `is_company_suffix`.
pub(super) fn may_be_company_suffix(lower: u64) -> bool {
    COMPANY_SUFFIX_HASHES.contains(lower)
}

/// Closed-class words that open sentences: articles, pronouns, conjunctions, prepositions,
/// auxiliaries. Capitalised only for their place, before a word in lower case they start no name.
/// (Not "may" nor "will", which are also names.)
const SENTENCE_OPENERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "i", "he", "she", "it", "we", "they",
    "you", "his", "her", "its", "our", "their", "my", "your", "there", "here", "and", "but", "or",
    "so", "yet", "if", "when", "while", "as", "because", "although", "though", "since", "until",
    "in", "on", "at", "of", "for", "to", "by", "with", "from", "into", "after", "before", "during",
    "about", "over", "under", "is", "are", "was", "were", "has", "have", "had", "would", "can",
    "could", "should", "might", "must", "do", "does", "did", "not", "no", "what", "who", "which",
    "how", "why", "where",
];

static SENTENCE_OPENER_HASHES: HashedWords = HashedWords::new(SENTENCE_OPENERS);

/// Whether a token whose folded hash is `lower` is one of [`SENTENCE_OPENERS`].
pub(super) fn is_sentence_opener(lower: u64) -> bool {
    SENTENCE_OPENER_HASHES.contains(lower)
}

pub fn is_company_suffix(w: &str) -> bool {
    let b = w.as_bytes();
    // cheap test first: every suffix starts with a capital or "p" and is short
    b.len() >= 2
        && b.len() <= 12
        && (b[0].is_ascii_uppercase() || b[0] == b'p')
        && (COMPANY_SUFFIX_SET.contains(w) || shouted_suffix(w))
}

/// A capitalised plural: "Fees", "Analysts", "Motors" (not "Congress", not an acronym).
pub(super) fn is_plural_word(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && w.bytes().skip(1).all(|b| b.is_ascii_lowercase())
}

/// Whether a word reads as a verb in the past tense: lower case, five letters or more, in "-ed"
/// ("defeated", "reported"; not "red", "bed").
pub(super) fn past_tense(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ed") && w.chars().all(|c| c.is_ascii_lowercase())
}

/// A company's name: two words or more, the last a legal suffix ("Tarvel Holdings Ltd").
pub(crate) fn is_company_name(name: &str) -> bool {
    name.split_whitespace().nth(1).is_some()
        && name
            .split_whitespace()
            .last()
            .is_some_and(is_company_suffix)
}

/// When the one word `name` is the last word of `company`'s name before its legal suffixes,
/// with a word before it ("Quorvel" ends "Tarvel Quorvel Co", "Brell" ends "Velm, Brell and
/// Co Inc"): the word before it. The short name a firm named after its founder's full name
/// goes by.
pub(crate) fn ends_company<'a>(company: &'a str, name: &str) -> Option<&'a str> {
    if name.contains(' ') {
        return None;
    }
    let mut words = company
        .split_whitespace()
        .rev()
        .map(|w| w.trim_end_matches(','))
        .skip_while(|w| is_company_suffix(w) || matches!(*w, "and" | "&"));
    let last = words.next()?;
    let before = words.next()?;
    last.eq_ignore_ascii_case(name).then_some(before)
}

/// The possessive endings, straight and curly, in either case.
pub(super) const POSSESSIVES: [&str; 4] = ["'s", "’s", "'S", "’S"];

/// The word without its possessive ("Varga" of "Varga's" or "VARGA’S").
pub(crate) fn possessive_stem(w: &str) -> Option<&str> {
    POSSESSIVES
        .iter()
        .find_map(|p| w.strip_suffix(p))
        .filter(|s| !s.is_empty())
}

/// Whether a token is a possessive the tokenizer split from its word.
pub(super) fn is_possessive(token: &str) -> bool {
    POSSESSIVES.contains(&token)
}

/// Whether `name`'s words start `company` and more words follow, commas between partners'
/// names and the founder's initials aside ("Marsh Quill" starts "Marsh, Quill and Co Inc",
/// "Quorvy" starts "E.F. Quorvy Group Inc"), and, with `possessive`, also
/// through a possessive ("Varga" starts "Varga's Rating Service Inc").
pub(crate) fn starts_company(company: &str, name: &str, possessive: bool) -> bool {
    // (partners' names joined by "and" or "&", which a headline leaves out: "TARVEL QUORVE
    // BRELL" for "Tarvel, Quorve and Brell Inc")
    let mut words = company
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .filter(|w| !matches!(*w, "and" | "&"))
        .peekable();
    let name_words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !matches!(*w, "and" | "&"))
        .collect();
    let Some((&last, lead)) = name_words.split_last() else {
        return false;
    };
    // (in any case: a headline's "TARVEL" starts "Tarvel Holdings Ltd")
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    // (the founder's initials may be left out: "Quorvy" starts "E.F. Quorvy Group Inc")
    let initials = |w: &str| {
        w.len() <= 6 && w.contains('.') && w.chars().all(|c| c.is_ascii_uppercase() || c == '.')
    };
    if words
        .peek()
        .is_some_and(|w| initials(w) && !name_words.first().is_some_and(|n| same(n, w)))
    {
        words.next();
    }
    if !lead
        .iter()
        .all(|w| words.next().is_some_and(|c| same(c, w)))
    {
        return false;
    }
    let owner = |w: &str| possessive && possessive_stem(w).is_some_and(|s| same(s, last));
    words.next().is_some_and(|w| same(w, last) || owner(w)) && words.next().is_some()
}

/// A legal suffix in any case and without its stops ("inc", "sa" for "S.A."), as folded names
/// write it.
pub fn is_folded_company_suffix(w: &str) -> bool {
    w.len() <= 12
        && COMPANY_SUFFIXES.iter().any(|s| {
            s.len() - s.matches('.').count() == w.len()
                && s.bytes()
                    .filter(|&c| c != b'.')
                    .zip(w.bytes())
                    .all(|(a, b)| a.eq_ignore_ascii_case(&b))
        })
}

/// A legal suffix written in capitals, as headlines write it ("CORP", "INC", "LTD"); not the
/// two-letter ones, which are also abbreviations of places ("CO").
fn shouted_suffix(w: &str) -> bool {
    w.len() >= 3
        && w.bytes().all(|c| c.is_ascii_uppercase() || c == b'.')
        && COMPANY_SUFFIXES.iter().any(|s| {
            s.len() >= 3
                && s.bytes().skip(1).any(|c| c.is_ascii_lowercase())
                && s.eq_ignore_ascii_case(w)
        })
}

/// Heads of names of museums, galleries and hospitals, which news annotation treats as places
/// wherever they are named ("the Museum of Tides", "Kelmore Aviation & Space Museum").
pub(super) const MUSEUM_HEADS: &[&str] = &[
    "Museum",
    "Museums",
    "Gallery",
    "Galleries",
    "Hospital",
    "Zoo",
];

/// Small words inside an acronym's long form ("Review of the Season").
pub(super) const LONG_FORM_FILLERS: &[&str] = &["of", "the", "and", "for", "&", "on"];

/// A title inside a person's name ("Board Vice Chairman Ada Quorve", "Economic Planning
/// Secretary Ada Quorve"): the index of the title run's first word and of the name's first word
/// after it, given each word's dictionary classes. The title is a word the dictionary knows as a
/// title only (not as a given name or a surname: "Major", "Bishop"); words stand before it, and
/// two words at least after it ("General Command" is no person's name); and either a given name
/// follows it or every word before it is an ordinary word, an acronym or the name of a place or
/// a body.
pub(crate) fn inner_title(
    words: &[&str],
    class_of: impl Fn(usize) -> u16,
) -> Option<(usize, usize)> {
    let title_only = |i: usize| {
        class_of(i) & class::TITLE != 0 && class_of(i) & (class::FIRST | class::LAST) == 0
    };
    let n = words.len();
    let k = (1..n.saturating_sub(1)).rev().find(|&k| title_only(k))?;
    let mut t = k;
    while t > 0 && title_only(t - 1) {
        t -= 1;
    }
    let body = |i: usize| {
        crate::truecase::Truecaser::builtin().is_ordinary_word(words[i])
            || is_acronym(words[i])
            || class_of(i) & (class::ORG | class::COUNTRY | class::REGION | class::CITY) != 0
    };
    (t > 0 && n > k + 2 && (class_of(k + 1) & class::FIRST != 0 || (0..t).all(body)))
        .then_some((t, k + 1))
}

/// Two to eight capital letters ("HSC", "ROTS").
pub(super) fn is_acronym(s: &str) -> bool {
    (2..=8).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_uppercase())
}

/// Whether `acr` is made of the first letters of `words`, with or without the small words
/// ("Review of the Season" is ROTS or RS).
pub(super) fn initials_match<'a>(acr: &str, words: impl Iterator<Item = &'a str> + Clone) -> bool {
    let all: String = words.clone().filter_map(|w| w.chars().next()).collect();
    let caps: String = words
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    all.eq_ignore_ascii_case(acr) || caps == acr
}

/// Words before a place besides the prepositions of place ("the village of Tarvildo", "eastern
/// Dunmarrow").
pub(super) const UNPLACED_CUES: &[&str] = &[
    "of",
    "between",
    "through",
    "across",
    "via",
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

/// Lower-case nouns after a place's name ("Dunmarrow province").
pub(super) const PLACE_NOUNS: &[&str] = &[
    "province",
    "region",
    "district",
    "city",
    "town",
    "village",
    "state",
    "county",
    "area",
    "valley",
    "river",
    "mountains",
    "island",
    "islands",
    "border",
    "governorate",
    "camp",
    "coast",
    "sea",
    "desert",
    "peninsula",
    "suburb",
];

/// Last words of market indexes' names ("the Velmar Composite Index", "the Quorvy Industrial
/// Average"): such a name is no person, whatever names it holds.
pub(super) const INDEX_HEADS: &[&str] = &["Average", "Averages", "Index", "Indexes", "Indices"];

/// Capitalised words that name the kind of a storm or a vessel, before its name: what follows
/// is no person, organisation or place ("Cyclone Marvella", "Space Shuttle Brightwing", "USS Ardent").
pub(super) const KIND_WORDS: &[&str] = &[
    "Cyclone",
    "Cyclones",
    "Hurricane",
    "Hurricanes",
    "Typhoon",
    "Typhoons",
    "Storm",
    "USS",
    "HMS",
];

/// Lower-case nouns of storms and vessels that may stand before a name ("the cruise ship
/// Ostrevind", "the tanker Kelmore Star").
pub(super) const KIND_NOUNS: &[&str] = &[
    "ship",
    "vessel",
    "tanker",
    "freighter",
    "frigate",
    "destroyer",
    "submarine",
    "yacht",
    "ferry",
    "cyclone",
    "hurricane",
    "typhoon",
    "storm",
    "liner",
    "trawler",
    "warship",
];

/// Last words of names of buildings and other places built ("Velbury International Airport",
/// "Brackenfold Road", "Al-Zarni Hotel"): a name ending in one is a place.
/// Words that begin place names in Spanish and Portuguese (hills, rivers, farms, hamlets,
/// saints, articles) and never a person's name: "Cerro Verde", "La Esperanza", "San Tadeo".
pub(super) const PLACE_FIRST_WORDS: &[&str] = &[
    "Cerro", "Loma", "Lomas", "Llano", "Llanos", "Laguna", "Lago", "Valle", "Sierra", "Isla",
    "Playa", "Puerto", "Porto", "Rio", "Río", "Arroyo", "Quebrada", "Hacienda", "Finca", "Fazenda",
    "Cantón", "Canton", "Caserío", "Caserio", "Barrio", "Colonia", "Ciudad", "Villa", "Vila",
    "Bahía", "Bahia", "Cabo", "Monte", "Montaña", "Nueva", "Nuevo", "Nova", "Novo", "El", "La",
    "Los", "Las", "San", "Santa", "Santo", "São", "Sao",
];

pub(super) const PLACE_HEADS: &[&str] = &[
    "Airport",
    "Airfield",
    "Airbase",
    "Road",
    "Street",
    "Avenue",
    "Boulevard",
    "Lane",
    "Highway",
    "Bridge",
    "Stadium",
    "Arena",
    "Square",
    "Station",
    "Hotel",
    "Mosque",
    "Cathedral",
    "Temple",
    "Shrine",
    "Palace",
    "Tower",
    "Towers",
    "Prison",
    "Jail",
    "Harbour",
    "Harbor",
    "Dam",
    "Checkpoint",
    "Planetarium",
    "Facility",
    "Complex",
    "Mall",
    "Hall",
    "Base",
];

/// Heads of names of institutions that are also buildings ("Harlow Space Center", "Museum of
/// Tides"): a place after a preposition of place ("at the Harlow Space Center").
pub(super) const SITE_HEADS: &[&str] = &[
    "Center",
    "Centre",
    "Museum",
    "Gallery",
    "Galleries",
    "Hospital",
    "Library",
    "Theatre",
    "Theater",
    "Zoo",
    "Park",
];

/// Prepositions of place before a building's name.
pub(super) const PLACE_PREPS: &[&str] = &[
    "at", "in", "inside", "outside", "near", "from", "to", "into", "toward", "towards", "within",
    "around", "behind", "beside", "opposite",
];

/// "Wai-lun", "Ka-wing", "Siu-man": a capitalised syllable, a hyphen, a lower-case syllable.
pub(super) fn hyphenated_given_name(s: &str) -> bool {
    let Some((x, y)) = s.split_once('-') else {
        return false;
    };
    x.len() >= 2
        && y.len() >= 2
        && x.len() <= 6
        && y.len() <= 6
        && x.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && x.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && y.chars().all(|c| c.is_ascii_lowercase())
        // "Port Arn-listed", "New Tarn-based", "Anglo-style"
        && !["ed", "ing", "born", "style", "like", "wide", "run", "era", "made", "held", "led"].iter().any(|e| y.ends_with(e))
}

/// Capitalised nouns that take a number without naming anything ("Chapter 1", "Round 2").
pub(super) const NUMBERED_NOUNS: &[&str] = &[
    "Chapter",
    "Volume",
    "Vol",
    "Vol.",
    "Article",
    "Section",
    "Part",
    "Page",
    "Figure",
    "Fig",
    "Fig.",
    "Table",
    "Paragraph",
    "Resolution",
    "Room",
    "Flight",
    "Route",
    "Highway",
    "Phase",
    "Stage",
    "Level",
    "Grade",
    "Class",
    "Book",
    "Act",
    "Scene",
    "Season",
    "Episode",
    "Round",
    "Game",
    "Match",
    "Week",
    "Day",
    "Year",
    "No",
    "No.",
    "Number",
    "Group",
    "Pool",
    "Division",
    "Category",
    "Item",
    "Box",
    "Line",
    "Step",
    "Appendix",
    "Annex",
    "Exhibit",
    "Rule",
    "Law",
];
