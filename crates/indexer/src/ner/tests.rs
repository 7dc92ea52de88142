use super::lexicon::hyphenated_given_name;
use super::*;
use crate::document::Document;
use crate::extract::{Extractor, ExtractorOptions};
use crate::model::{Article, BlockKind};

fn tag(text: &str) -> Vec<(String, EntityKind)> {
    let blocks = [Block {
        kind: BlockKind::Body,
        start: 0,
        end: text.len(),
    }];
    Tagger::new()
        .tag(text, &blocks)
        .iter()
        .map(|m| (m.span.slice(text).to_string(), m.kind))
        .collect()
}

fn extract(text: &str) -> Article {
    Extractor::new().extract(Document::from_plain_text(
        "t.txt".into(),
        "t".into(),
        text.to_string(),
    ))
}

/// A mention of the first occurrence of `s` in `text`, for calling a pass on built mentions.
fn mention_of(text: &str, s: &str, kind: EntityKind) -> Mention {
    let i = text.find(s).expect("in text");
    Mention {
        span: Span::new(i, i + s.len()),
        kind,
        score: 1.0,
    }
}

/// The `nth` mention of `s` in `text`, of `kind`.
fn mention_nth(text: &str, s: &str, nth: usize, kind: EntityKind) -> Mention {
    let start = text.match_indices(s).nth(nth).expect("in text").0;
    Mention {
        span: Span::new(start, start + s.len()),
        kind,
        score: 1.0,
    }
}

fn names(a: &Article, k: EntityKind) -> Vec<String> {
    a.entities(k).iter().map(|e| e.name.clone()).collect()
}

#[test]
fn shipped_model_loads() {
    let m = builtin_model().expect("shipped model");
    assert!(m.memory_bytes() < 200 * 1024 * 1024);
    assert!(!Gazetteer::builtin().is_empty());
}

#[test]
fn seed_article_people_and_groups() {
    let text = include_str!("../../../../tests/fixtures/seed/afghan-peace.txt");
    let a = extract(text);
    let people = names(&a, EntityKind::Person);
    for want in [
        "Donald Trump",
        "Ashraf Ghani",
        "Michael Cogman",
        "Zalmay Khalilzad",
        "Joe Biden",
        "Barack Obama",
        "Liz Cheney",
        "Dick Cheney",
        "Laurel Miller",
        "Mike Pompeo",
        "Abdullah Abdullah",
    ] {
        assert!(
            people.iter().any(|p| p == want),
            "missing person {want}: {people:?}"
        );
    }
    for p in &people {
        assert!(
            !p.contains("Center") && !p.contains("administration"),
            "false person {p}"
        );
    }
    let orgs = names(&a, EntityKind::Org);
    for want in ["Taliban", "Islamic State", "Al Qaeda"] {
        assert!(
            orgs.iter().any(|o| o == want),
            "missing org {want}: {orgs:?}"
        );
    }
    // surname-only mentions join the full name
    let kh = a
        .people
        .iter()
        .find(|e| e.name == "Zalmay Khalilzad")
        .unwrap();
    assert!(kh.mentions.iter().any(|m| m.slice(&a.text) == "Khalilzad"));
    // every mention points into the text
    for e in a.people.iter().chain(&a.organisations).chain(&a.locations) {
        for m in &e.mentions {
            assert!(
                m.end <= a.text.len()
                    && a.text.is_char_boundary(m.start)
                    && a.text.is_char_boundary(m.end)
            );
        }
    }
}

#[test]
fn invented_news_sentences() {
    // Invented text: names that are in no list the model was built from.
    let cases: &[(&str, &[(&str, EntityKind)])] = &[
        (
            "Defence Minister Tobias Wernicke told reporters in Berlin on Tuesday that the ministry would send more troops.",
            &[("Tobias Wernicke", EntityKind::Person), ("Berlin", EntityKind::Loc)],
        ),
        (
            "Fighters loyal to the Northern Liberation Front seized two villages near Tarvildo, the United Nations said.",
            &[("Tarvildo", EntityKind::Loc), ("United Nations", EntityKind::Org)],
        ),
        (
            "Maria Okonkwo, a spokeswoman for the World Health Organization, said the outbreak in Kenya was slowing.",
            &[("Maria Okonkwo", EntityKind::Person), ("World Health Organization", EntityKind::Org), ("Kenya", EntityKind::Loc)],
        ),
        (
            "Police in Karachi arrested a man they said was a commander of the Pakistani Taliban.",
            &[("Karachi", EntityKind::Loc)],
        ),
    ];
    for (text, want) in cases {
        let got = tag(text);
        for (s, k) in *want {
            assert!(
                got.iter().any(|(gs, gk)| gs == s && gk == k),
                "{text}\nwant {s} {k:?}, got {got:?}"
            );
        }
    }
}

#[test]
fn document_consistency_and_surnames() {
    let text = "Invented story\n\nGeneral Haldor Brunvik arrived in Tromso on Monday.\n\nBrunvik said the talks would go on. Later Brunvik left.";
    let a = extract(text);
    let p = a
        .people
        .iter()
        .find(|e| e.name == "Haldor Brunvik")
        .unwrap_or_else(|| panic!("{:?}", a.people));
    assert_eq!(
        p.mentions.len(),
        3,
        "{:?}",
        p.mentions.iter().map(|m| m.slice(text)).collect::<Vec<_>>()
    );
}

#[test]
fn a_surname_alone_names_the_person_the_tagger_was_unsure_of() {
    // Invented: the full name is met once, after a verb; the bare surname then opens a
    // sentence, where the tagger alone does not take it for a name.
    let text =
        "Talks\n\nForeign Minister Ivo Renn on Saturday met Tomas Quorvane , the negotiator , \
                the ministry said .\nQuorvane arrived on Monday .\n";
    let a = extract(text);
    let p = a
        .people
        .iter()
        .find(|e| e.name == "Tomas Quorvane")
        .unwrap_or_else(|| panic!("{:?}", a.people));
    assert!(
        p.mentions.len() >= 2,
        "{:?}",
        p.mentions.iter().map(|m| m.slice(text)).collect::<Vec<_>>()
    );
}

#[test]
fn a_capitals_headline_names_a_person_by_the_surname_the_text_gives() {
    // Invented: the headline in capitals names the runner by the surname the story gives in
    // full; an ordinary word of the headline stays no name.
    let text = "ATHLETICS - QUORVANE BEATS VELM IN KELMORE .\n\nKELMORE 2031-08-30\n\n\
                Tomas Quorvane of Velmora won the 800 metres on Friday , beating Peter Velm .\n";
    let got = tag(text);
    for p in ["QUORVANE", "VELM"] {
        assert!(
            got.contains(&(p.to_string(), EntityKind::Person)),
            "{p}: {got:?}"
        );
    }
    assert!(got.iter().all(|(t, _)| t != "BEATS"), "{got:?}");
}

#[test]
fn press_outlets_beside_their_noun_are_organisations() {
    // Invented: outlets named before or after "news agency", "newspaper", "daily".
    let text =
        "Talks resume\n\nThe officials left for the talks , the Velmoran news agency Tarvex \
                reported on Friday . Quorvine news agency said the talks would last a week . \
                Ostrel Vedomo daily said on Saturday that the talks had begun , the official \
                newspaper Kelvane reported .\n";
    let got = tag(text);
    for o in ["Tarvex", "Quorvine", "Ostrel Vedomo", "Kelvane"] {
        assert!(
            got.contains(&(o.to_string(), EntityKind::Org)),
            "{o}: {got:?}"
        );
    }
}

#[test]
fn a_leader_the_actor_dictionaries_list_by_surname_is_a_person() {
    // Invented sentences: the surname alone, never given in full, of a leader the Phoenix
    // dictionaries list by that surname.
    let got = tag("Notes\n\nIf Akihito speaks, they listen.\n");
    assert!(
        got.contains(&("Akihito".to_string(), EntityKind::Person)),
        "{got:?}"
    );
}

#[test]
fn a_place_no_dictionary_knows_that_starts_a_company_is_the_company() {
    // Invented: the tagger took the firm's short name for a place; a known city that starts a
    // firm's name stays a place.
    let text = "Quorvane Industries Inc will buy Boston Seating Co. Quorvane will pay in cash. \
                Boston Seating employs 300 people in Boston. Velm Tower Holdings Ltd owns Velm Tower.";
    let mut out = vec![
        mention_nth(text, "Quorvane Industries Inc", 0, EntityKind::Org),
        mention_nth(text, "Boston Seating Co", 0, EntityKind::Org),
        mention_nth(text, "Velm Tower Holdings Ltd", 0, EntityKind::Org),
        mention_nth(text, "Quorvane", 1, EntityKind::Loc),
        mention_nth(text, "Boston", 2, EntityKind::Loc),
        mention_nth(text, "Velm Tower", 1, EntityKind::Loc),
    ];
    doc_passes::firm_names(text, Gazetteer::builtin(), &mut out);
    let kinds: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(
        kinds[3..],
        [
            ("Quorvane", EntityKind::Org),
            ("Boston", EntityKind::Loc),
            ("Velm Tower", EntityKind::Loc)
        ]
    );
}

#[test]
fn user_aliases_apply() {
    let text =
        "Invented story\n\nOfficials in Kiev said the Islamic State was behind the attack on Kiev.";
    let ex = Extractor::with_options(ExtractorOptions {
        aliases: vec![("Islamic State".into(), "ISIL".into())],
    })
    .unwrap();
    let a = ex.extract(Document::from_plain_text(
        "t".into(),
        "t".into(),
        text.into(),
    ));
    assert!(
        names(&a, EntityKind::Loc).contains(&"Kyiv".to_string()),
        "{:?}",
        a.locations
    );
    assert!(Extractor::with_options(ExtractorOptions {
        aliases: vec![(" ".into(), "x".into())]
    })
    .is_err());
}

#[test]
fn odd_input_does_not_panic() {
    for t in [
        "",
        "\n\n",
        "A",
        "’s",
        "ÉTAT ISLAMIQUE\n\nبدران تركي",
        "(((",
        "U.S.-led",
    ] {
        let _ = extract(t);
        let _ = tag(t);
    }
}

#[test]
fn no_name_holds_brackets_or_punctuation() {
    // Invented wire copy with a ticker in angle brackets and a bracketed company name.
    let text = "VELMORA TO OPEN DUTCH PLANT\n\nOsaka: Velmora Co Ltd <VLMR.T> said it will set up a subsidiary. The new company, <Velmora Industrie Nederland BV>, in Tilburg will produce APCs, Velmora said.";
    let a = extract(text);
    for e in a.people.iter().chain(&a.organisations).chain(&a.locations) {
        for m in &e.mentions {
            let s = m.slice(&a.text);
            assert!(
                !s.contains(['<', '>', '(', ')', '[', ']', '{', '}', '"', ';', ':', '|']),
                "{s:?} in {e:?}"
            );
            assert!(
                s.chars().filter(|c| c.is_alphabetic()).count() >= 2,
                "{s:?}"
            );
        }
    }
    assert!(a.people.is_empty(), "{:?} {:?}", a.people, a.organisations);
    let orgs = names(&a, EntityKind::Org);
    assert!(orgs.iter().any(|o| o == "Velmora Co Ltd"), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o == "Ltd" || o == "BV"), "{orgs:?}");
    assert!(
        orgs.iter().any(|o| o == "Velmora Industrie Nederland BV"),
        "{orgs:?}"
    );
    // the bare name is the company too
    assert!(
        a.organisations
            .iter()
            .any(|e| e.mentions.iter().any(|m| m.slice(&a.text) == "Velmora")),
        "{orgs:?}"
    );
}

#[test]
fn results_lines_name_teams() {
    // Invented results: clubs named after towns are teams, people with initials stay people,
    // national teams stay places.
    let text = "Invented results\n\nResults of matches on Saturday :\nTromso 2 Kerrigan Rovers 1\nHalden 3 ( T. Vossberg 2 ) Molde 0\nNorway 1 Sweden 1";
    let got = tag(text);
    for want in ["Tromso", "Halden", "Molde"] {
        assert!(
            got.iter().any(|(s, k)| s == want && *k == EntityKind::Org),
            "{want}: {got:?}"
        );
    }
    assert!(
        !got.iter()
            .any(|(s, k)| (s == "Norway" || s == "Sweden") && *k == EntityKind::Org),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|(s, k)| s.contains("Vossberg") && *k != EntityKind::Person),
        "{got:?}"
    );
    // a standings table whose averages have no leading zero, one row per line
    let got = tag("Invented standings\n\nW L PCT GB\n\nBERGEN 74 59 .556 -\n\nTROMSO 70 63 .526 4\n\nMOLDE 69 65 .515 5 1/2");
    for want in ["BERGEN", "TROMSO", "MOLDE"] {
        assert!(
            got.iter().any(|(s, k)| s == want && *k == EntityKind::Org),
            "{want}: {got:?}"
        );
    }
    // a month before a day number is a date, also in capitals
    let got = tag("INVENTED TOUR DATES\n\nMAY 18 V KELMORE\n\nMAY 20 V HALDEN , JUNE 2 V MOLDE");
    assert!(
        !got.iter()
            .any(|(s, _)| s.starts_with("MAY") || s.starts_with("JUNE")),
        "{got:?}"
    );
    let got = tag("Annals of Zarnia (Volume 2, Chapter 4)");
    assert!(
        !got.iter().any(|(s, _)| s == "Volume" || s == "Chapter"),
        "{got:?}"
    );
}

#[test]
fn possessive_joins_two_names() {
    let text = "Invented story\n\nThe Civic Unity Party's Marta Kovalenko won the seat, the Civic Unity Party said.";
    let a = extract(text);
    assert!(
        names(&a, EntityKind::Org)
            .iter()
            .any(|o| o == "Civic Unity Party"),
        "{:?}",
        a.organisations
    );
    assert!(
        !a.organisations
            .iter()
            .chain(&a.people)
            .any(|e| e.mentions.iter().any(|m| m.slice(&a.text).contains("'s"))),
        "{a:?}"
    );
}

#[test]
fn storms_vessels_and_places_built() {
    // Invented text: a storm and a ship are no names, anywhere in the article; a building's
    // name is a place; a hyphenated given name makes a person.
    let text = "Invented story\n\nCyclone Marvella hit the coast on Monday. The cruise ship Ostrevind docked at Velbury International Airport.\n\nMarvella weakened later, and Ostrevind sailed. Officials met at the Harrowgate Science Center, where Tang Wai-lun spoke. The Harrowgate Science Center will reopen.";
    let got = tag(text);
    assert!(
        !got.iter()
            .any(|(s, _)| s.contains("Marvella") || s.contains("Ostrevind")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(s, k)| s == "Velbury International Airport" && *k == EntityKind::Loc),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(s, k)| s == "Harrowgate Science Center" && *k == EntityKind::Loc),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|(s, k)| s.contains("Harrowgate") && *k != EntityKind::Loc),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(s, k)| s == "Tang Wai-lun" && *k == EntityKind::Person),
        "{got:?}"
    );
    assert!(
        hyphenated_given_name("Siu-man")
            && !hyphenated_given_name("Arn-listed")
            && !hyphenated_given_name("Tarn-based")
    );
}

#[test]
fn unknown_places_must_be_named_as_places() {
    // Invented text: a one-word place no dictionary knows stays a place when the article names
    // it as one somewhere ("the village of Tarvildo"); a word never named as a place is none.
    let text = "Invented story\n\nFighters seized the village of Tarvildo on Monday. Tarvildo had been quiet.\n\nAccording to Quantrix, traffic to Zembrook rose. Quantrix ranks sites.";
    let got = tag(text);
    assert!(
        got.iter()
            .any(|(s, k)| s == "Tarvildo" && *k == EntityKind::Loc),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|(s, k)| s == "Quantrix" && *k == EntityKind::Loc),
        "{got:?}"
    );
}

#[test]
fn a_title_and_a_surname_are_a_person() {
    // Invented text: the tagger reads "Cardinal Quennel" as an organisation; the title is cut off
    // and the surname is a person. A company named with a title word stays a company.
    let got = tag(
        "Talks stall\n\nCardinal Quennel says he has cancer.\n\nShares of General Motors rose.",
    );
    assert!(
        got.contains(&("Quennel".to_string(), EntityKind::Person)),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|(s, k)| s == "Motors" && *k == EntityKind::Person),
        "{got:?}"
    );
}

#[test]
fn verbs_in_the_past_tense() {
    // an unplaced "place" followed by one acts, and is an organisation (`unplaced`)
    for (w, want) in [
        ("defeated", true),
        ("reported", true),
        ("red", false),
        ("seed", false),
        ("attacked", true),
        ("Reported", false),
        ("bed", false),
        ("said", false),
    ] {
        assert_eq!(lexicon::past_tense(w), want, "{w}");
    }
}

#[test]
fn organisations_by_head_affiliation_and_acronym() {
    // Invented text: a place's name before an organisation's head noun, a party tied to people
    // by "of" and a possessive, a bracketed acronym of a site and one of no name at all.
    let text = "Invented story\n\nShe teaches at Ohio Institute of Marine Studies. Tam Ka-wing of Velvora won a seat, and Velvora's Lee Siu-man lost.\n\nWorkers at the Harlow Space Center (HSC) were told on Monday. HSC will close. The Week of the Reader (WOTR) starts soon.";
    let got = tag(text);
    let has = |s: &str, k: EntityKind| got.iter().any(|(gs, gk)| gs == s && *gk == k);
    assert!(
        has("Ohio Institute of Marine Studies", EntityKind::Org),
        "{got:?}"
    );
    assert!(!has("Ohio", EntityKind::Loc), "{got:?}");
    assert!(
        got.iter()
            .filter(|(s, _)| s == "Velvora")
            .all(|(_, k)| *k == EntityKind::Org),
        "{got:?}"
    );
    assert!(has("Velvora", EntityKind::Org), "{got:?}");
    assert!(
        got.iter()
            .filter(|(s, _)| s == "HSC")
            .all(|(_, k)| *k == EntityKind::Loc),
        "{got:?}"
    );
    assert!(!got.iter().any(|(s, _)| s == "WOTR"), "{got:?}");
}

#[test]
fn person_names_take_second_surnames_and_titles_stay_out() {
    let text = "Attache Juan Pablo Rodas Menendez of the embassy met Msgr Ricardo Urioste Chavez on Tuesday. \
                The patrol then visited Loma Alta and El Zapotal, where Colonel Rene Emilio Ponce Portillo spoke.";
    let got = tag(text);
    let has = |s: &str, k: EntityKind| got.iter().any(|(t, kk)| t == s && *kk == k);
    for p in [
        "Juan Pablo Rodas Menendez",
        "Ricardo Urioste Chavez",
        "Rene Emilio Ponce Portillo",
    ] {
        assert!(has(p, EntityKind::Person), "missing person {p}: {got:?}");
    }
    for l in ["Loma Alta", "El Zapotal"] {
        assert!(has(l, EntityKind::Loc), "missing place {l}: {got:?}");
    }
    // an ordinary word the census also lists as a surname does not join a name
    let text = "Forces of Tomas Ibarra Guard the border, Tomas Ibarra said.";
    assert!(
        tag(text).iter().all(|(t, _)| !t.ends_with("Guard")),
        "{:?}",
        tag(text)
    );
}

#[test]
fn names_go_on_after_particles() {
    // Invented text: surnames after "de", "de los", "da", "del", and a place after "de"; the name
    // the tagger found in the surname ("Santos", "Costa") is part of the person, not a second one.
    let text = "Soldiers killed near Tarvela\n\nThe dead were identified as Sergeant Tomas Urquiza de la Fuente and Ramiro Castillo de los Santos. \
                Mayor Lucia Ferreira da Costa said the attack in San Isidro de Pelarco was the third this month. \
                The body of Jaime Ordonez del Valle was found on Monday.";
    let got = tag(text);
    let has = |s: &str, k: EntityKind| got.iter().any(|(t, kk)| t == s && *kk == k);
    for p in [
        "Tomas Urquiza de la Fuente",
        "Ramiro Castillo de los Santos",
        "Lucia Ferreira da Costa",
        "Jaime Ordonez del Valle",
    ] {
        assert!(has(p, EntityKind::Person), "missing person {p}: {got:?}");
    }
    assert!(has("San Isidro de Pelarco", EntityKind::Loc), "{got:?}");
    assert!(
        !got.iter().any(|(t, _)| t == "Santos" || t == "Costa"),
        "{got:?}"
    );
    // Arabic particles
    let got = tag("Talks\n\nThe envoy met Omar Yusuf abu Tarek and Faisal Nasser al Harbi in the capital on Monday.");
    for p in ["Omar Yusuf abu Tarek", "Faisal Nasser al Harbi"] {
        assert!(
            got.contains(&(p.to_string(), EntityKind::Person)),
            "missing person {p}: {got:?}"
        );
    }
    // a province named after someone is a place; a military unit is an organisation
    let got = tag("Patrol ambushed\n\nThe patrol was ambushed near Cayumba, Velmar Ortiz province, by a column that fought the ORVEC Battalion for an hour.");
    assert!(
        got.contains(&("Velmar Ortiz".to_string(), EntityKind::Loc)),
        "{got:?}"
    );
    assert!(
        got.contains(&("ORVEC Battalion".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    // a given name and a surname are a person, even where the context reads like a company's
    let got = tag("Inquiry\n\nThe Julian Quennelby report was published.");
    assert!(
        got.contains(&("Julian Quennelby".to_string(), EntityKind::Person)),
        "{got:?}"
    );
    // a country after "de" is no surname
    let got = tag("Talks\n\nThe envoy Ramiro Castillo de Mexico arrived on Monday.");
    assert!(
        !got.iter().any(|(t, _)| t.ends_with("de Mexico")),
        "{got:?}"
    );
}

#[test]
fn competitors_before_a_country_in_brackets_are_people() {
    // Invented results rows: the names before "( Country )" are people, the countries places.
    let text =
        "ATHLETICS - MEETING RESULTS\n\nVELBURY 2031-08-23\n\nResults of the meeting on Friday :\n\
                1. Tamsir Oukrane ( Algeria ) 3 minutes 49.09 seconds\n\
                2. Kibet Lorupe ( Kenya ) 3:50.12\n\
                3. Anders Kvalheim ( Norway ) 3:51.40\n\
                Dragan Kovacevic ( Croatia ) beat Lewis Brantley ( Australia ) 6-7 6-3 6-2\n\
                4. Pieter Vandermolen ( Belgium ) Quorvex 4:05:23\n\
                5. Orrin Velmsby ( U.K. ) 3:52.10\n";
    let got = tag(text);
    // a country's dotted abbreviation in the brackets (listed as a nationality)
    for (name, kind) in [
        ("Orrin Velmsby", EntityKind::Person),
        ("U.K.", EntityKind::Loc),
    ] {
        assert!(got.contains(&(name.to_string(), kind)), "{name}: {got:?}");
    }
    // the team after the country
    assert!(
        got.contains(&("Quorvex".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    for p in [
        "Tamsir Oukrane",
        "Kibet Lorupe",
        "Anders Kvalheim",
        "Dragan Kovacevic",
        "Lewis Brantley",
    ] {
        assert!(
            got.contains(&(p.to_string(), EntityKind::Person)),
            "missing person {p}: {got:?}"
        );
    }
    for l in ["Algeria", "Kenya", "Norway", "Croatia", "Australia"] {
        assert!(
            got.contains(&(l.to_string(), EntityKind::Loc)),
            "missing place {l}: {got:?}"
        );
    }
}

#[test]
fn a_dateline_source_is_an_organisation() {
    let text = "TARVELA, 19 MAY 88 (TELEVISION VELMORANA) -- [TEXT] THE ARMY TODAY DENIED THE KILLING OF PEASANTS IN CAYUMBA, A VILLAGE OF THE PROVINCE, AND SAID THE PATROL HAD BEEN AMBUSHED.";
    let mut doc =
        Document::from_plain_text("t.txt".into(), "t".into(), format!("Report\n\n{text}\n"));
    doc.title = None;
    let a = Extractor::new().extract(doc);
    assert!(
        a.people.iter().all(|p| !p.name.contains("Velmorana")),
        "{:?}",
        a.people
    );
    assert!(
        a.organisations.iter().any(|o| o.name.contains("Velmorana")),
        "{:?}",
        a.organisations
    );
}

#[test]
fn the_words_that_open_a_dateline_are_a_place() {
    // Invented datelines: the words before the line's date name a place, in any case, whatever
    // the tagger made of them.
    for (text, place) in [
        (
            "Bonds open softer\n\nKELMORE 2031-08-30\n\nBonds opened softer on Friday.\n",
            "KELMORE",
        ),
        (
            "Quorvy raises dividend\n\nVELBURY, March 3 - Quorvy Corp said its board met.\n",
            "VELBURY",
        ),
        (
            "Meeting results\n\nST TARVELO 2031-08-30\n\nResults of the meeting.\n",
            "ST TARVELO",
        ),
        (
            "Army report\n\nTarvela, 19 May 88 (Radio Quorvex) -- The army denied it.\n",
            "Tarvela",
        ),
        (
            "Port news\n\nDunmarrow, Aug. 4, 2031 - Ships waited at the port.\n",
            "Dunmarrow",
        ),
        (
            "Golf\n\nKELMORE , Tarvela 2031-08-30\n\nPlay was slow on Friday.\n",
            "KELMORE",
        ),
        (
            "Golf\n\nKELMORE , Tarvela 2031-08-30\n\nPlay was slow on Friday.\n",
            "Tarvela",
        ),
        (
            "Rates\n\nVELBURY, Kel., March 3 - The bank cut its rate.\n",
            "VELBURY",
        ),
    ] {
        let got = tag(text);
        assert!(
            got.contains(&(place.to_string(), EntityKind::Loc)),
            "{place}: {got:?}"
        );
    }
    // no dateline: a weekday, an ordinary word, a date inside a sentence, more words after it
    for text in [
        "Notes\n\nTuesday, March 3 - The port was quiet.\n",
        "Notes\n\nPosted 2031-08-30\n\nThe port was quiet.\n",
        "Notes\n\nHe met Quorvelle Tarn March 3 in the port.\n",
        "Notes\n\nQuorvelle Tarn 2031-08-30 and after\n",
    ] {
        let got = tag(text);
        assert!(
            got.iter().all(|(_, k)| *k != EntityKind::Loc),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn a_dictionary_name_ends_in_a_capitalised_word() {
    // "The Valley" is a capital city; at a sentence start "The valley" is two ordinary words.
    let a = extract(
        "Harbour notes\n\nThe valley road was closed after the storm. Crews cleared it by noon.",
    );
    assert!(
        names(&a, EntityKind::Loc).is_empty(),
        "{:?}",
        names(&a, EntityKind::Loc)
    );
    assert!(a.locations.iter().all(|e| e.country.is_none()));
}

#[test]
fn stray_lower_case_words_split_a_tagged_organisation_or_place() {
    // Invented text: a verb inside what the tagger took for one name ends the name; connectors
    // ("on", "of", "upon") do not.
    let text = "Invented story\n\nSenate leader Alan Corbett criticised President Dana Whitlow.\n\nIn a short note, the Kentucky Republican on Monday dismissed Whitlow's plan. The Velmora Council on Coastal Affairs met in Newcastle upon Tyne.";
    let got = tag(text);
    assert!(!got.iter().any(|(s, _)| s.contains("dismissed")), "{got:?}");
    assert!(
        got.iter()
            .any(|(s, _)| s == "Velmora Council on Coastal Affairs"),
        "{got:?}"
    );
    // in a person's name, a verb in the past tense
    let got = tag("Invented story\n\nThe boxer Ali rebuked Whitlow on Monday, and Senator Cruz trounced Whitlow in the vote.");
    assert!(!got.iter().any(|(s, _)| s.contains("trounced")), "{got:?}");
    // a lone letter of a scorecard ("c" for caught) is no part of a name
    let got = tag("Kelmore first innings\n\nP. Stanmore c Talbot b Quennel 22\n\nT. Morvane lbw b Blakewell 8\n");
    assert!(got.iter().all(|(s, _)| !s.contains(" c ")), "{got:?}");
    assert!(
        got.contains(&("P. Stanmore".to_string(), EntityKind::Person)),
        "{got:?}"
    );
}

#[test]
fn a_name_with_a_legal_suffix_in_capitals_is_a_company() {
    // Invented earnings headline: the company is no person, in capitals too.
    let got = tag("QUORVANT CORP <QRVT.O> 1ST QTR LOSS\n\nShr loss 24 cts vs loss four cts\n\nThe company said sales would rise.");
    assert!(
        got.iter()
            .any(|(s, k)| s == "QUORVANT CORP" && *k == EntityKind::Org),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|(_, k)| *k == EntityKind::Person),
        "{got:?}"
    );
    assert!(is_company_suffix("CORP") && is_company_suffix("INC") && is_company_suffix("Corp"));
    assert!(!is_company_suffix("CO") && !is_company_suffix("CORPS") && !is_company_suffix("QTR"));
}

#[test]
fn nationalities_are_no_places() {
    let gaz = Gazetteer::builtin();
    for n in [
        "South Korean",
        "West German",
        "Iraqi",
        "British",
        "Pakistani",
        "Japanese",
    ] {
        assert!(doc_passes::is_demonym(n, gaz), "{n}");
    }
    // countries, their variants and cities stay places
    for n in [
        "Pakistan",
        "Iran",
        "Japan",
        "West Germany",
        "Karachi",
        "Sudan",
        "South Korea",
    ] {
        assert!(!doc_passes::is_demonym(n, gaz), "{n}");
    }
    let text = "South Korean officials arrived from Seoul.";
    let place = |s: &str| mention_of(text, s, EntityKind::Loc);
    let mut out = vec![place("South Korean"), place("Seoul")];
    doc_passes::demonyms(text, gaz, &mut out);
    let kept: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(kept, ["Seoul"]);
    // after a compass word, of any kind; a one-word person keeps a nationality's name
    let text = "The West German producers met. Cuban said so.";
    let mut out = vec![
        mention_of(text, "West German", EntityKind::Org),
        mention_of(text, "Cuban", EntityKind::Person),
    ];
    doc_passes::demonyms(text, gaz, &mut out);
    let kept: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(kept, ["Cuban"]);
}

#[test]
fn capitals_phrases_of_ordinary_words_are_no_names() {
    let gaz = Gazetteer::builtin();
    let text = "WEEKLY SPOTLIGHT: NOTES DOWNGRADED BY VELMORA RATINGS AS SUPREME COURT AND WORLD BANK MEET IN MADRID. SAILING - ";
    let mention = |s: &str, kind| mention_of(text, s, kind);
    let mut out = vec![
        mention("WEEKLY SPOTLIGHT", EntityKind::Person),
        mention("NOTES DOWNGRADED BY VELMORA", EntityKind::Person),
        mention("VELMORA RATINGS", EntityKind::Org),
        mention("SUPREME COURT", EntityKind::Org),
        mention("WORLD BANK", EntityKind::Org),
        mention("MADRID", EntityKind::Loc),
        mention("SAILING", EntityKind::Person),
    ];
    doc_passes::caps_phrases(text, gaz, &mut out);
    let kept: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(
        kept,
        ["VELMORA RATINGS", "SUPREME COURT", "WORLD BANK", "MADRID"]
    );
}

#[test]
fn firms_named_after_people_are_the_firms() {
    let text = "Tarvel Brothers and Co Inc raised its offer. Varga's Rating Service Inc cut the bonds. Tarvel Brothers said Varga was wrong, and Ada Tarvel agreed.";
    let mention = |s: &str, nth: usize, kind| {
        let start = text.match_indices(s).nth(nth).unwrap().0;
        Mention {
            span: Span::new(start, start + s.len()),
            kind,
            score: 1.0,
        }
    };
    let mut out = vec![
        mention("Tarvel Brothers and Co Inc", 0, EntityKind::Org),
        mention("Varga's Rating Service Inc", 0, EntityKind::Org),
        mention("Tarvel Brothers", 1, EntityKind::Person),
        mention("Varga", 1, EntityKind::Person),
        mention("Ada Tarvel", 0, EntityKind::Person),
    ];
    doc_passes::firm_names(text, Gazetteer::builtin(), &mut out);
    let kinds: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(
        kinds[2..],
        [
            ("Tarvel Brothers", EntityKind::Org),
            ("Varga", EntityKind::Org),
            ("Ada Tarvel", EntityKind::Person)
        ]
    );
}

#[test]
fn a_firm_s_last_name_word_is_the_firm() {
    let text = "Ada Quorvel Co rose. Quorvel said so. Velm, Brell and Co Inc fell; Brell said so. Ben Tarvel of Ida Tarvel Inc wrote, and Tarvel agreed.";
    let mut out: Vec<Mention> = [
        ("Ada Quorvel Co", 0, EntityKind::Org),
        ("Quorvel", 1, EntityKind::Person),
        ("Velm, Brell and Co Inc", 0, EntityKind::Org),
        ("Brell", 1, EntityKind::Person),
        ("Ben Tarvel", 0, EntityKind::Person),
        ("Ida Tarvel Inc", 0, EntityKind::Org),
        ("Tarvel", 2, EntityKind::Person),
    ]
    .iter()
    .map(|&(s, nth, kind)| mention_nth(text, s, nth, kind))
    .collect();
    doc_passes::firm_names(text, Gazetteer::builtin(), &mut out);
    let kinds: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(kinds[1], ("Quorvel", EntityKind::Org));
    assert_eq!(kinds[3], ("Brell", EntityKind::Org));
    // (a person the article names in full has the name as surname)
    assert_eq!(kinds[6], ("Tarvel", EntityKind::Person));
}

#[test]
fn organisations_go_on_over_and_between_ordinary_words_and_over_a_number() {
    let text = "Quorvel Savings and Loan Association grew. Velm Markets and Tarvel Brothers Inc bid. \
                Labour and Velmar Trades Union met. The Group of 77 and the Council of Twelve spoke. \
                The Quorvel Post and The Velmar Press wrote.";
    let mut out = vec![
        mention_of(text, "Quorvel Savings", EntityKind::Person),
        mention_of(text, "Loan Association", EntityKind::Org),
        mention_of(text, "Velm Markets", EntityKind::Org),
        mention_of(text, "Tarvel Brothers Inc", EntityKind::Org),
        mention_of(text, "Labour", EntityKind::Org),
        mention_of(text, "Velmar Trades Union", EntityKind::Org),
        mention_of(text, "Group", EntityKind::Org),
        mention_of(text, "Council", EntityKind::Org),
        mention_of(text, "Quorvel Post", EntityKind::Org),
        mention_of(text, "The Velmar Press", EntityKind::Org),
    ];
    doc_passes::org_extents(text, Gazetteer::builtin(), &mut out);
    out.sort_by_key(|m| m.span.start);
    let got: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(
        got,
        [
            ("Quorvel Savings and Loan Association", EntityKind::Org),
            ("Velm Markets", EntityKind::Org),
            ("Tarvel Brothers Inc", EntityKind::Org),
            ("Labour", EntityKind::Org),
            ("Velmar Trades Union", EntityKind::Org),
            ("Group of 77", EntityKind::Org),
            ("Council of Twelve", EntityKind::Org),
            ("Quorvel Post", EntityKind::Org),
            ("The Velmar Press", EntityKind::Org),
        ]
    );
}

#[test]
fn a_founder_s_short_given_name_starts_the_firm() {
    let text = "Bonds were sold by Alex. Quorvy and Sons Inc and Velm Corp. Alex. Quorvy said so. \
                I met Alex. Brell came later.";
    let mention = |s: &str, nth: usize, kind| mention_nth(text, s, nth, kind);
    let mut out = vec![
        mention("Alex", 0, EntityKind::Person),
        mention("Quorvy and Sons Inc", 0, EntityKind::Org),
        mention("Velm Corp", 0, EntityKind::Org),
        mention("Alex", 1, EntityKind::Person),
        mention("Quorvy", 1, EntityKind::Person),
        mention("Alex", 2, EntityKind::Person),
        mention("Brell", 0, EntityKind::Person),
    ];
    doc_passes::abbreviated_founders(text, Gazetteer::builtin(), &mut out);
    let got: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(
        got,
        [
            ("Alex. Quorvy and Sons Inc", EntityKind::Org),
            ("Velm Corp", EntityKind::Org),
            ("Alex. Quorvy", EntityKind::Org),
            ("Alex", EntityKind::Person),
            ("Brell", EntityKind::Person),
        ]
    );
}

#[test]
fn names_that_end_companies() {
    use super::lexicon::ends_company;
    // (company, name, the word before it)
    for (company, name, want) in [
        ("Ada Quorvel Co", "Quorvel", Some("Ada")),
        ("Ada Quorvel Co", "QUORVEL", Some("Ada")),
        ("Velm, Brell and Co Inc", "Brell", Some("Velm")),
        ("Ada Quorvel Co", "Ada", None),
        ("Ada Quorvel Co", "Co", None),
        ("Quorvel Co", "Quorvel", None),
        ("Ada Quorvel Co", "Ada Quorvel", None),
    ] {
        assert_eq!(ends_company(company, name), want, "{name} / {company}");
    }
}

#[test]
fn people_joined_by_lower_case_words_are_split() {
    let text = "Arlo Venn and Tomas Quill met. Arlo Venn told United Nations envoys. French leader Mira Oskar spoke to Ludo de Vries and the Duke of Farland. \
                The party front-runner Ines Ortal y Varga came later.";
    let mention = |s: &str| mention_of(text, s, EntityKind::Person);
    let mut out = vec![
        mention("Arlo Venn and Tomas Quill"),
        mention("Arlo Venn told United Nations envoys"),
        mention("French leader Mira Oskar"),
        mention("Ludo de Vries"),
        mention("Duke of Farland"),
        mention("party front-runner Ines Ortal y Varga"),
    ];
    doc_passes::joined_names(text, Gazetteer::builtin(), &mut out);
    out.sort_by_key(|m| m.span.start);
    let got: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(
        got,
        [
            ("Arlo Venn", EntityKind::Person),
            ("Tomas Quill", EntityKind::Person),
            ("Arlo Venn", EntityKind::Person),
            ("United Nations", EntityKind::Org),
            ("Mira Oskar", EntityKind::Person),
            ("Ludo de Vries", EntityKind::Person),
            ("Duke of Farland", EntityKind::Person),
            ("Ines Ortal y Varga", EntityKind::Person),
        ]
    );
}

#[test]
fn a_part_split_off_a_person_keeps_the_kind_its_name_has_elsewhere() {
    // the split parts: an acronym the article names an organisation by elsewhere is that
    // organisation; an acronym no list and no other mention knows is a body's, not a person's
    let text =
        "Talks with the QRF began. QRF commander Ana Brell spoke, and VLT envoy Ines Ortal came.";
    let mut out = vec![
        mention_of(text, "QRF", EntityKind::Org),
        mention_of(text, "QRF commander Ana Brell", EntityKind::Person),
        mention_of(text, "VLT envoy Ines Ortal", EntityKind::Person),
    ];
    doc_passes::joined_names(text, Gazetteer::builtin(), &mut out);
    out.sort_by_key(|m| m.span.start);
    let got: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(
        got,
        [
            ("QRF", EntityKind::Org),
            ("QRF", EntityKind::Org),
            ("Ana Brell", EntityKind::Person),
            ("VLT", EntityKind::Org),
            ("Ines Ortal", EntityKind::Person)
        ]
    );
}

#[test]
fn firms_called_by_a_possessive_alone() {
    // a rating agency named by its founder's possessive with its noun left out is a firm; a
    // person's possessive before what the person has is not
    // (a census surname: the tagger reads it as a person's)
    let a = extract("Velmar bonds cut\n\nNEW YORK (Reuters) - Whitlow's said it cut the rating of Velmar Corp's bonds. Whitlow's cited weak earnings.");
    assert!(
        names(&a, EntityKind::Person).is_empty(),
        "{:?}",
        names(&a, EntityKind::Person)
    );
    assert!(
        names(&a, EntityKind::Org).contains(&"Whitlow".to_string()),
        "{:?}",
        names(&a, EntityKind::Org)
    );
    // (a figure after the possessive may name the firm's product)
    let a = extract(
        "Index change\n\nVelmar Corp will join Whitlow's 500 index on Monday, Whitlow's said.",
    );
    assert!(
        names(&a, EntityKind::Person).is_empty(),
        "{:?}",
        names(&a, EntityKind::Person)
    );
    // (after a partner's name the possessive is a firm's whatever follows it)
    let a = extract("Velmar ratings\n\nMarsh and Whitlow's said it cut the rating of Velmar Corp. Marsh and Whitlow's recent review found weak earnings.");
    assert!(
        names(&a, EntityKind::Person).is_empty(),
        "{:?}",
        names(&a, EntityKind::Person)
    );
    let a = extract("Wedding\n\nAda and Whitlow's wedding was held on Monday. Whitlow's brother said it was small.");
    assert!(
        names(&a, EntityKind::Person).contains(&"Whitlow".to_string()),
        "{:?}",
        names(&a, EntityKind::Person)
    );
    let a = extract("Talks\n\nSenator Ada Whitlow said the plan would pass. Critics said Whitlow's plan, like Whitlow's, was late.");
    assert_eq!(names(&a, EntityKind::Person), ["Ada Whitlow"]);
}

#[test]
fn a_possessive_before_a_legal_suffix_is_in_the_firms_name() {
    let a = extract("Velmar debt cut\n\nThursday, June 18, 1987\n\nMarsh and Quill's Corp said it placed the debt of Velmar Corp on credit watch.");
    assert!(
        names(&a, EntityKind::Person).is_empty(),
        "{:?}",
        names(&a, EntityKind::Person)
    );
    assert!(
        names(&a, EntityKind::Org).contains(&"Marsh and Quill's Corp".to_string()),
        "{:?}",
        names(&a, EntityKind::Org)
    );
    // (a person's full name before "and" is no partner's)
    let a = extract("Deal agreed\n\nAda Venn and Quill's Corp agreed on the terms.");
    assert_eq!(names(&a, EntityKind::Person), ["Ada Venn"]);
    assert_eq!(names(&a, EntityKind::Org), ["Quill's Corp"]);
}

#[test]
fn acronyms_defined_in_square_brackets() {
    // a translator's insertion: "THE … FRONT [QPF]" defines the acronym like round brackets do
    let a = extract("REBELS READY FOR TALKS\n\nTHE QUORVE PATRIOTIC FRONT [QPF] WILL CONTINUE THE TALKS, A SPOKESMAN SAID. THE QPF LEADERS MET IN THE CAPITAL.");
    assert_eq!(names(&a, EntityKind::Org), ["Quorve Patriotic Front"]);
    let front = a
        .organisations
        .iter()
        .find(|e| e.name == "Quorve Patriotic Front")
        .expect("front");
    assert_eq!(front.mentions.len(), 3, "{front:?}");
}

#[test]
fn one_word_armed_groups_from_the_dictionary() {
    // a group the dictionaries know only as an armed group is tagged when the tagger misses it;
    // an ordinary word spelled like one of their acronyms is not
    let got = tag("Fighters loyal to Kongra-Gel attacked the town on Monday. Let the talks begin, a spokesman said.");
    assert!(
        got.contains(&("Kongra-Gel".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    assert!(!got.iter().any(|(s, _)| s == "Let"), "{got:?}");
}

#[test]
fn partners_and_titles_in_company_names() {
    let got = tag("The notes were sold by Tarvel, Quorn and Co Inc and by Brisk & Co. Shares of General Fabrics Corp rose, and Chairman Velmora Co fell.");
    for want in [
        "Tarvel, Quorn and Co Inc",
        "General Fabrics Corp",
        "Velmora Co",
    ] {
        assert!(
            got.contains(&(want.to_string(), EntityKind::Org)),
            "missing {want}: {got:?}"
        );
    }
}

#[test]
fn a_company_name_ends_at_its_suffix() {
    let got = tag("The notes are rated Caa by Quorvel Rating Service Inc and B-minus by Tarvel Metrics Corp on Friday. Zarnia Holdings Inc and Velmora Mining Corp agreed on the terms.");
    for want in [
        "Quorvel Rating Service Inc",
        "Tarvel Metrics Corp",
        "Zarnia Holdings Inc",
        "Velmora Mining Corp",
    ] {
        assert!(
            got.contains(&(want.to_string(), EntityKind::Org)),
            "missing {want}: {got:?}"
        );
    }
    assert!(!got.iter().any(|(s, _)| s.contains(" and ")), "{got:?}");
}

#[test]
fn offices_after_of_are_no_names() {
    let text = "Invented story\n\nQuorve, once a Velmoran secretary of State, met the envoy. Real expenditure of general Government fell, the Velmoran Finance Ministry said.";
    let got = tag(text);
    assert!(
        !got.iter().any(|(s, _)| s == "State" || s == "Government"),
        "{got:?}"
    );
    assert!(
        got.contains(&("Velmoran Finance Ministry".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    let blocks = [Block {
        kind: BlockKind::Body,
        start: 0,
        end: text.len(),
    }];
    let off = Tagger::new()
        .without(&[Pass::TitleObjects])
        .tag(text, &blocks);
    assert!(
        off.iter()
            .any(|m| matches!(m.span.slice(text), "State" | "Government")),
        "the test needs a sentence the tagger gets wrong: {off:?}"
    );
}

#[test]
fn offices_after_a_title_and_of_are_no_names() {
    // the pass on built mentions (invented text): after a title and "of" an ordinary word
    // completes the office; after an organisation's head it names the organisation
    let text =
        "Secretary of State Ada Quorve met the Minister of Commerce and the Department of State.";
    let org_at = |at: usize, len: usize| Mention {
        span: Span::new(at, at + len),
        kind: EntityKind::Org,
        score: 1.0,
    };
    let (first, last) = (text.find("State").unwrap(), text.rfind("State").unwrap());
    let mut out = vec![
        org_at(first, 5),
        mention_of(text, "Commerce", EntityKind::Org),
        org_at(last, 5),
    ];
    doc_passes::title_objects(text, Gazetteer::builtin(), &mut out);
    let kept: Vec<usize> = out.iter().map(|m| m.span.start).collect();
    assert_eq!(kept, [last], "{out:?}");
}

#[test]
fn a_possessive_headline_name_is_the_firm() {
    let text = "QUORVEL'S CUTS ZARNIA DEBT\n\nQuorvel's Investors Service said it cut the debt. Quorvel's view was clear.";
    let at = |s: &str| {
        let i = text.find(s).expect("in text");
        Span::new(i, i + s.len())
    };
    let mut out = vec![
        Mention {
            span: at("QUORVEL"),
            kind: EntityKind::Person,
            score: 1.0,
        },
        Mention {
            span: at("Quorvel's Investors Service"),
            kind: EntityKind::Org,
            score: 1.0,
        },
        Mention {
            span: Span::new(
                text.rfind("Quorvel").unwrap(),
                text.rfind("Quorvel").unwrap() + 7,
            ),
            kind: EntityKind::Person,
            score: 1.0,
        },
    ];
    doc_passes::firm_names(text, Gazetteer::builtin(), &mut out);
    // the headline's name is the firm; a possessive in running text stays a person's
    let kinds: Vec<EntityKind> = out.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [EntityKind::Org, EntityKind::Org, EntityKind::Person],
        "{out:?}"
    );
}

#[test]
fn names_do_not_start_with_a_sentence_s_ordinary_word() {
    let text = "For Kovalenko, the pact fulfils a goal. From Quillan came no answer. Will Harper, Rose Dalton, Mitt Quorve and General Venn voted.";
    let at = |s: &str| mention_of(text, s, EntityKind::Person);
    let mut out = vec![
        at("For Kovalenko"),
        at("From Quillan"),
        at("Will Harper"),
        at("Rose Dalton"),
        at("Mitt Quorve"),
        at("General Venn"),
    ];
    doc_passes::leading_words(text, Gazetteer::builtin(), &mut out);
    let got: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    // given names that are also words, and titles (cut later with the other titles), stay
    assert_eq!(
        got,
        [
            "Kovalenko",
            "Quillan",
            "Will Harper",
            "Rose Dalton",
            "Mitt Quorve",
            "General Venn"
        ]
    );
}

#[test]
fn capitalised_words_before_a_head_join_the_organisation() {
    // the tagger finds "Bank Board" only; the capitalised words before it are the name's
    let got = tag("ZARNIA THRIFT CLOSED\n\nWashington: The Velmoran Home Loan Bank Board said that it closed Velmora Savings and Loan.");
    assert!(
        got.contains(&("Velmoran Home Loan Bank Board".to_string(), EntityKind::Org)),
        "{got:?}"
    );
}

#[test]
fn tickers_and_boards() {
    let a = extract("QUORVEX <QRVX.N> EXPANDS INTO GLASS\n\nTarrington: Quorvex Industries Inc <QRVX> said it is expanding. The Velmoran Farm Credit Board and the Zarnia Housing Finance Board agreed. The Velmoran Home Loan Bank Board closed a thrift. Milan: Quorvia SpA <QRVA.MI> bought a unit.");
    let orgs = names(&a, EntityKind::Org);
    for want in [
        "Velmoran Farm Credit Board",
        "Zarnia Housing Finance Board",
        "Velmoran Home Loan Bank Board",
    ] {
        assert!(orgs.iter().any(|o| o == want), "missing {want}: {orgs:?}");
    }
    let all: Vec<&str> = a
        .people
        .iter()
        .chain(&a.organisations)
        .chain(&a.locations)
        .map(|e| e.name.as_str())
        .collect();
    assert!(
        !all.iter().any(|n| n.starts_with("QRVX") || *n == "MI"),
        "a ticker is no name, nor its market: {all:?}"
    );
    assert!(
        a.people
            .iter()
            .all(|p| !p.name.eq_ignore_ascii_case("quorvex")),
        "{:?}",
        a.people
    );
}

#[test]
fn towns_before_state_abbreviations() {
    let text =
        "IRVINGTON, CALIF.: Quorvex said sales rose. Harlan Voss, of Tarrington, N.J., disagreed.";
    let at = |s: &str, kind| mention_of(text, s, kind);
    let mut out = vec![
        at("IRVINGTON", EntityKind::Person),
        at("Harlan Voss", EntityKind::Person),
        at("Tarrington", EntityKind::Org),
    ];
    doc_passes::state_towns(text, &mut out);
    assert_eq!(
        out.iter().map(|m| m.kind).collect::<Vec<_>>(),
        [EntityKind::Loc, EntityKind::Person, EntityKind::Loc]
    );
    // the abbreviation is the state: after a town, or in a politician's parenthesis
    let text = "Tarrington, Pa.: Quorvex said sales rose. Sen. Ada Quorve (D-Pa.) disagreed, Ada Del said.";
    let at = |s: &str, kind| mention_of(text, s, kind);
    let mut out = vec![
        at("Pa", EntityKind::Person),
        at("Ada Quorve", EntityKind::Person),
        mention_of(&text[60..], "Pa", EntityKind::Person),
        at("Ada Del", EntityKind::Person),
    ];
    out[2].span = Span::new(out[2].span.start + 60, out[2].span.end + 60);
    doc_passes::state_towns(text, &mut out);
    assert_eq!(
        out.iter().map(|m| m.kind).collect::<Vec<_>>(),
        [
            EntityKind::Loc,
            EntityKind::Person,
            EntityKind::Loc,
            EntityKind::Person
        ]
    );
    // a dateline may write the abbreviation without its period; elsewhere a word that spells
    // one stays what the tagger took it for ("Ada Penn, Conn said")
    let text = "Tarrington, Conn (Reuters) - Quorvex said sales rose.\nVelbury, Minn: Ada Penn, Conn said.";
    let at = |s: &str, nth: usize, kind| mention_nth(text, s, nth, kind);
    let mut out = vec![
        at("Tarrington", 0, EntityKind::Org),
        at("Conn", 0, EntityKind::Person),
        at("Velbury", 0, EntityKind::Person),
        at("Minn", 0, EntityKind::Person),
        at("Ada Penn", 0, EntityKind::Person),
        at("Conn", 1, EntityKind::Person),
    ];
    doc_passes::state_towns(text, &mut out);
    assert_eq!(
        out.iter().map(|m| m.kind).collect::<Vec<_>>(),
        [
            EntityKind::Loc,
            EntityKind::Loc,
            EntityKind::Loc,
            EntityKind::Loc,
            EntityKind::Person,
            EntityKind::Person
        ]
    );
}

#[test]
fn long_forms_of_bracketed_acronyms_are_whole() {
    // the capitals before a bracketed acronym spell it: the name is the whole long form
    let got = tag("Norland appealed to the Joint Agreement on Tidal Rights and Fisheries (JATRF) on Monday. Delegates of the Forum on Marine Tolls (FMT) met too.");
    for want in [
        "Joint Agreement on Tidal Rights and Fisheries",
        "Forum on Marine Tolls",
    ] {
        assert!(
            got.contains(&(want.to_string(), EntityKind::Org)),
            "missing {want}: {got:?}"
        );
    }
    assert!(
        !got.iter()
            .any(|(s, _)| s == "Tidal Rights" || s == "Marine Tolls"),
        "{got:?}"
    );
}

#[test]
fn second_surnames_no_list_knows() {
    // a word no dictionary knows ends a name of two words or more inside a sentence
    let a = extract("Invented story\n\nMsgr Tomas Quevedo Quellen celebrated mass in the town.");
    assert_eq!(names(&a, EntityKind::Person), ["Tomas Quevedo Quellen"]);
}

#[test]
fn names_the_tagger_cut_after_a_given_name_go_on() {
    // the tagger closes the name after the given name ("Secretary General Jorge"): the unknown
    // words after it are its surnames
    let a = extract(
        "Talks\n\nSecretary General Jorge Quorve Tarvela said on Monday that talks would resume.",
    );
    assert_eq!(names(&a, EntityKind::Person), ["Jorge Quorve Tarvela"]);
    // a census surname the tagger found apart, right after the full name, is its second surname
    let a = extract(
        "Talks\n\nSecretary General Jorge Mendez Garcia said on Monday that talks would resume.",
    );
    assert_eq!(names(&a, EntityKind::Person), ["Jorge Mendez Garcia"]);
}

#[test]
fn fixtures_in_capitals_are_teams() {
    // truecasing leaves a lone letter as it is: "V" between two names is "versus"
    // between two names, and a name the tagger ran across it is the two teams
    let a = extract("SOCCER - WEEKEND FIXTURES IN THE NORTHERN LEAGUE\n\nDUNMARROW V KELMORE\nBRACKENFOLD V VELBURY\nALL MATCHES START AT THREE IN THE AFTERNOON\n");
    let orgs = names(&a, EntityKind::Org);
    for want in ["Dunmarrow", "Kelmore", "Brackenfold", "Velbury"] {
        assert!(orgs.iter().any(|o| o == want), "missing {want}: {orgs:?}");
    }
}

#[test]
fn names_that_start_companies() {
    use super::lexicon::starts_company;
    // (company, name, possessive allowed, starts it)
    for (company, name, possessive, want) in [
        ("Tarvel Holdings Ltd", "Tarvel", false, true),
        ("Tarvel Holdings Ltd", "Tarvel Holdings", false, true),
        ("Marsh, Quill and Co Inc", "Marsh Quill", false, true),
        ("Varga's Rating Service Inc", "Varga", true, true),
        ("Varga's Rating Service Inc", "Varga", false, false),
        ("E.F. Quorvy Group Inc", "Quorvy", false, true),
        ("E.F. Quorvy Group Inc", "E.F. Quorvy", false, true),
        ("E.F. Quorvy Group Inc", "Ada Quorvy", false, false),
        ("Tarvel Holdings Ltd", "Tarvel Holdings Ltd", false, false),
        ("Tarvel Holdings Ltd", "Holdings", false, false),
        ("Tarvelton Holdings Ltd", "Tarvel", false, false),
        ("Tarvel Holdings Ltd", "", false, false),
    ] {
        assert_eq!(
            starts_company(company, name, possessive),
            want,
            "{name} / {company}"
        );
    }
}

#[test]
fn spanish_names_with_y_and_second_surnames_after_particles() {
    // Invented text: "y" joins two surnames; after "de la" the surname goes on to the second one,
    // also when the tagger found the two surnames as a name of their own
    let text = "Truce talks\n\nMsgr Tomas Ezequiel Quevedo y Larrain, the auxiliary bishop, called for a truce on Sunday. \
                The minister met Ana Lucia de la Vega Orduna in the capital.";
    let got = tag(text);
    let has = |s: &str| got.iter().any(|(t, k)| t == s && *k == EntityKind::Person);
    for p in [
        "Tomas Ezequiel Quevedo y Larrain",
        "Ana Lucia de la Vega Orduna",
    ] {
        assert!(has(p), "missing person {p}: {got:?}");
    }
    assert!(
        !got.iter()
            .any(|(t, _)| t == "Vega Orduna" || t == "Larrain"),
        "{got:?}"
    );
}

#[test]
fn given_names_in_an_editor_s_brackets_join_the_surname() {
    // Invented text, as translated wire reports write it: the editor completes the name in
    // brackets; the title before the bracket is no name of its own
    for text in [
        "Garrison attacked\n\nThe attack left 12 soldiers dead, Lieutenant [Ramiro Esteban] Quevarra reported from the garrison.",
        "GARRISON ATTACKED\n\nTHE ATTACK LEFT 12 SOLDIERS DEAD, LIEUTENANT [RAMIRO ESTEBAN] QUEVARRA REPORTED FROM THE GARRISON.",
    ] {
        let a = extract(text);
        assert_eq!(names(&a, EntityKind::Person), ["Ramiro Esteban Quevarra"], "{text}");
        let all = [EntityKind::Org, EntityKind::Loc].map(|k| names(&a, k)).concat();
        assert!(!all.iter().any(|n| n.eq_ignore_ascii_case("lieutenant")), "{all:?}");
    }
    // a transcript's speaker labels end at the bracket: the words spoken are no surnames
    for text in [
        "Interview\n\n[Begin recording] [Orrin Tarvela] I think the talks will go on. [Tarvela] Yes, we received a note. [end recording]",
        "INTERVIEW\n\n[BEGIN RECORDING] [ORRIN TARVELA] I THINK THE TALKS WILL GO ON. [TARVELA] YES, WE RECEIVED A NOTE. [END RECORDING]",
    ] {
        let a = extract(text);
        let people = names(&a, EntityKind::Person);
        assert!(
            people.iter().all(|n| n.ends_with("Tarvela")),
            "{text}: {people:?}"
        );
    }
    // brackets around other words, or an organisation's name, are left alone
    let a =
        extract("Report\n\nThe [Velmoran] Harbour Authority said the [northern] port was closed.");
    assert!(
        names(&a, EntityKind::Person).is_empty(),
        "{:?}",
        names(&a, EntityKind::Person)
    );
}

#[test]
fn a_town_s_name_that_ends_a_long_name_is_its_second_surname() {
    // Invented text: many Spanish surnames are also towns' names
    let a = extract("Report\n\nLieutenant Colonel Ramiro Esteban Quevarra Tolosa, commander of the battalion, denied the report.");
    assert_eq!(
        names(&a, EntityKind::Person),
        ["Ramiro Esteban Quevarra Tolosa"]
    );
    // a town after a short name, or before more capitalised words, stays a town
    let a = extract("Report\n\nThe envoy Ramiro Quevarra Tolosa spoke. Ramiro Esteban Quevarra Tolosa Province was quiet.");
    let people = names(&a, EntityKind::Person);
    assert!(
        !people.iter().any(|n| n.ends_with("Tolosa Province")),
        "{people:?}"
    );
}

#[test]
fn double_surnames_join_the_full_name_and_capitals_take_the_usual_case() {
    let a = extract("Inquiry\n\nColonel Anselmo Ruiz Quevarra denied the report. Ruiz Quevarra said the unit was elsewhere.");
    let p = a
        .people
        .iter()
        .find(|e| e.name == "Anselmo Ruiz Quevarra")
        .expect("full name");
    assert_eq!(p.mentions.len(), 2, "{:?}", names(&a, EntityKind::Person));
}

#[test]
fn a_name_spelled_out_in_brackets_as_an_organisation_is_one() {
    // Invented text: the letters need not spell the long form, and the article may be in capitals
    for text in [
        "Deputies walk out\n\nDeputies of the Velna [National Renewal Alliance] left the assembly today. Velna deputy Tomas Quimbaro said the Velna would not return.",
        "DEPUTIES WALK OUT\n\nDEPUTIES OF THE VELNA [NATIONAL RENEWAL ALLIANCE] LEFT THE ASSEMBLY TODAY. VELNA DEPUTY TOMAS QUIMBARO SAID THE VELNA WOULD NOT RETURN.",
        "DEPUTIES WALK OUT\n\nTHE DEPUTIES OPPOSED THE VELNA'S [NATIONAL RENEWAL ALLIANCE] PLANS TODAY. VELNA DEPUTY TOMAS QUIMBARO SAID THE VELNA WOULD NOT RETURN.",
    ] {
        let a = extract(text);
        assert!(names(&a, EntityKind::Org).contains(&"Velna".to_string()), "{:?}", names(&a, EntityKind::Org));
        for k in [EntityKind::Person, EntityKind::Loc] {
            assert!(!names(&a, k).iter().any(|n| n == "Velna" || n == "Alliance"), "{k:?}: {:?}", names(&a, k));
        }
    }
    let a = extract("Deputies walk out\n\nDeputies of the Velna [National Renewal Alliance] left the assembly today.");
    assert!(
        names(&a, EntityKind::Org).contains(&"National Renewal Alliance".to_string()),
        "{:?}",
        names(&a, EntityKind::Org)
    );
}

#[test]
fn a_title_and_given_names_start_the_person_named_after_them() {
    // Invented text; where the tagger gets it right anyway, the pass still leaves it whole
    let a = extract("Clashes reported\n\nArmed Forces spokesman Colonel Mauricio Ernesto Quevarra Pineda said troops clashed with rebels.");
    assert_eq!(
        names(&a, EntityKind::Person),
        ["Mauricio Ernesto Quevarra Pineda"]
    );
    assert!(
        names(&a, EntityKind::Org)
            .iter()
            .all(|o| !o.contains("Colonel")),
        "{:?}",
        names(&a, EntityKind::Org)
    );
}

#[test]
fn a_title_and_a_given_name_tagged_as_an_organisation_are_a_person_s_start() {
    // the pass itself on built mentions (the tagger gets these invented sentences right anyway)
    let run = |text: &str, org: &str| -> Vec<(String, EntityKind)> {
        let tokens::BlockToks { toks, infos } = block_toks(text).remove(0);
        let mut out = vec![mention_of(text, org, EntityKind::Org)];
        block_passes::person_names(text, &toks, &infos, &mut out);
        out.iter()
            .map(|m| (m.span.slice(text).to_string(), m.kind))
            .collect()
    };
    assert_eq!(
        run(
            "The spokesman Colonel Margaret Quevarra spoke.",
            "Colonel Margaret Quevarra"
        ),
        [("Margaret Quevarra".to_string(), EntityKind::Person)]
    );
    // the words after the title are a hospital's name, not a person's
    assert_eq!(
        run(
            "They were taken to the General Harriet Hospital at once.",
            "General Harriet Hospital"
        ),
        [("General Harriet Hospital".to_string(), EntityKind::Org)]
    );
}

#[test]
fn a_given_name_and_surnames_that_are_also_towns_are_a_person() {
    // Invented text: the given name and the last surname are also towns' names
    let got = tag("Report\n\nThe cook and her daughter Celina Mariceth Ramos were killed.");
    assert!(
        got.contains(&("Celina Mariceth Ramos".to_string(), EntityKind::Person)),
        "{got:?}"
    );
}

#[test]
fn a_market_index_is_no_person() {
    // Invented text: an index named after its founders
    let text = "The Quorvy Brell Industrial Average fell 20 points and the Tarvel Velm industrial \
                average rose; Ada Whitlow Average was not hurt, and Orrin Brell indexed nothing.";
    let mut out = vec![
        mention_of(text, "Quorvy Brell Industrial Average", EntityKind::Person),
        mention_of(text, "Tarvel Velm", EntityKind::Person),
        mention_of(text, "Ada Whitlow", EntityKind::Person),
        mention_of(text, "Orrin Brell", EntityKind::Person),
    ];
    doc_passes::ordinary_ends(text, Gazetteer::builtin(), &mut out);
    let kept: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(kept, ["Ada Whitlow", "Orrin Brell"]);
}

#[test]
fn a_person_ending_in_a_word_that_ends_organisations_names_is_an_organisation() {
    let run = |text: &str, person: &str| -> EntityKind {
        let mut out = vec![mention_of(text, person, EntityKind::Person)];
        doc_passes::ordinary_ends(text, Gazetteer::builtin(), &mut out);
        out[0].kind
    };
    for (text, name, want) in [
        (
            "Tarvel Brell International said so.",
            "Tarvel Brell International",
            EntityKind::Org,
        ),
        (
            "Orrin Velm Holdings said so.",
            "Orrin Velm Holdings",
            EntityKind::Org,
        ),
        ("Quorvy Brell said so.", "Quorvy Brell", EntityKind::Person),
        // (a word that ends people's names in the lists too)
        (
            "Orrin Velm Junior said so.",
            "Orrin Velm Junior",
            EntityKind::Person,
        ),
    ] {
        assert_eq!(run(text, name), want, "{name}");
    }
    let g = Gazetteer::builtin();
    assert!(g.ends_org_names(crate::gazetteer::token_hash("international")));
    assert!(!g.ends_org_names(crate::gazetteer::token_hash("smith")));
}

#[test]
fn a_person_ending_in_an_ordinary_word_beside_an_acronym_is_an_organisation() {
    // the pass itself on built mentions (invented text)
    let run = |text: &str, person: &str| -> EntityKind {
        let mut out = vec![mention_of(text, person, EntityKind::Person)];
        doc_passes::ordinary_ends(text, Gazetteer::builtin(), &mut out);
        out[0].kind
    };
    assert_eq!(
        run(
            "The QRVF General Command said the truce held.",
            "QRVF General Command"
        ),
        EntityKind::Org
    );
    // a surname, a Roman numeral, a headline in capitals and a name without an acronym stay
    assert_eq!(
        run(
            "The QRVF envoy Tomas Baker said the truce held.",
            "QRVF envoy Tomas Baker"
        ),
        EntityKind::Person
    );
    assert_eq!(
        run("King Arlo VIII Bridge", "Arlo VIII Bridge"),
        EntityKind::Person
    );
    assert_eq!(
        run("QUORVE RETIRES AT LAST", "QUORVE RETIRES"),
        EntityKind::Person
    );
    assert_eq!(
        run("Then Arlo Quorve Bridge said so.", "Arlo Quorve Bridge"),
        EntityKind::Person
    );
}

#[test]
fn labels_of_table_rows_of_decimal_figures_are_no_names() {
    let text = "Velmora supply table\n\nEnd Stocks 0.61 0.59 0.61 0.60\n\nTotal Use 7,055 6,700 6,496\n\nKelmore Rovers 3 1 1 1 5 4 4\n\nQuorvy Holdings 1.5 2.5";
    let docs = block_toks(text);
    let mut out = vec![
        mention_of(text, "Stocks", EntityKind::Person),
        mention_of(text, "Total Use", EntityKind::Org),
        mention_of(text, "Kelmore Rovers", EntityKind::Org),
        mention_of(text, "Quorvy Holdings", EntityKind::Org),
    ];
    figures::figures_rows(text, &docs, &mut out);
    let kept: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    // (a standings row counts in whole numbers and names a team; a name that is no ordinary
    // word labels no table row)
    assert_eq!(kept, ["Kelmore Rovers", "Quorvy Holdings"]);
}

/// The block tokens `tag` builds, for calling a document pass on built mentions.
fn block_toks(text: &str) -> Vec<tokens::BlockToks> {
    let mut toks = Vec::new();
    crate::tokenize::tokenize_into(text, 0, text.len(), &mut toks);
    let (mut infos, mut matches) = (Vec::new(), Vec::new());
    features::token_infos(
        text,
        &toks,
        Gazetteer::builtin(),
        &builtin_model().expect("model").clusters,
        &mut infos,
        &mut matches,
    );
    vec![tokens::BlockToks { toks, infos }]
}

#[test]
fn ordinary_words_of_a_headline_in_title_case_are_no_name() {
    // Invented text: a headline that capitalises every word, a list of names whose surnames are
    // also ordinary words, and a market whose name running text capitalises too
    let text = "Velmar Troops Clash With Rebels Near Fish Market\n\nSoldiers fought rebels near the Fish Market in Dunmore on Monday.\nWounded: Ada Young, Rose Black, Orrin Quill, Tomas Brell.\n";
    let mut out = vec![
        mention_of(text, "Clash With Rebels", EntityKind::Person),
        mention_of(text, "Velmar Troops", EntityKind::Org),
        mention_of(text, "Fish Market", EntityKind::Loc),
        mention_of(text, "Rose Black", EntityKind::Person),
    ];
    doc_passes::headline_case(text, &block_toks(text), Gazetteer::builtin(), &mut out);
    let kept: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(kept, ["Velmar Troops", "Fish Market", "Rose Black"]);
}

#[test]
fn one_ordinary_word_of_a_capitals_headline_is_a_name_only_if_the_text_says_so() {
    // Invented text: a capitals headline over running text in mixed case. The text never writes
    // "Bill" or "Pact" capitalised; it does write "Quorve" and "Kelmore". A word before a stock
    // ticker is a firm's.
    let text = "QUORVE BILL RATES FALL AS KELMORE PACT STALLS\nFISHING STORES INC <FSI> 3RD QTR NET\n\nThe Quorve treasury said its weekly auction of bills produced lower rates on Monday, and traders in Kelmore said the pact had stalled after a week of hard bargaining over port fees.\n";
    let built = || {
        vec![
            mention_of(text, "QUORVE", EntityKind::Org),
            mention_of(text, "BILL", EntityKind::Person),
            mention_of(text, "KELMORE", EntityKind::Loc),
            mention_of(text, "PACT", EntityKind::Loc),
            mention_of(text, "STORES", EntityKind::Org),
        ]
    };
    let mut out = built();
    doc_passes::caps_headlines(text, &block_toks(text), &mut out);
    let kept: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(kept, ["QUORVE", "KELMORE", "STORES"]);
    // the same article all in capitals: no running text to ask, nothing is dropped
    let upper = text.to_ascii_uppercase();
    let mut out: Vec<Mention> = built();
    doc_passes::caps_headlines(&upper, &block_toks(&upper), &mut out);
    assert_eq!(out.len(), 5);
}

#[test]
fn a_capitals_headline_keeps_only_the_names_the_text_writes() {
    // Invented text: capitals headlines over running text in mixed case. The tagger's runs mix
    // names with verbs and nouns; the running text names the person, the firm (with its legal
    // suffix) and the place. Left whole: a name the text writes whole, a bank named by its head
    // noun, a firm with its suffix, and the label of a table row.
    let text = "ORRIN VELM SCRAPS QUARVESSE DEAL\nVELMORA TOOLS SEES LOWER SALES\nQUARVESSE TRUST BANK LIFTS RATE\nKELMORE HOLDINGS INC 3RD QTR NET\n\nOrrin Velm, the trade minister, said on Monday that talks with Quarvesse on a port deal had ended, and Velmora Tools Corp said sales would fall. The bank raised its rate. Kelmore Holdings Inc gave its results.\n\nTARVO STORES 11.1 277 MLN\n";
    let mut out = vec![
        mention_of(text, "ORRIN VELM SCRAPS", EntityKind::Person),
        mention_of(text, "QUARVESSE DEAL", EntityKind::Org),
        mention_of(text, "VELMORA TOOLS SEES", EntityKind::Org),
        mention_of(text, "QUARVESSE TRUST BANK", EntityKind::Org),
        mention_of(text, "KELMORE HOLDINGS INC", EntityKind::Org),
        mention_of(text, "Orrin Velm", EntityKind::Person),
        mention_nth(text, "Quarvesse", 0, EntityKind::Loc),
        mention_of(text, "Velmora Tools Corp", EntityKind::Org),
        mention_of(text, "Kelmore Holdings Inc", EntityKind::Org),
        mention_of(text, "TARVO STORES", EntityKind::Org),
    ];
    out.sort_by_key(|m| m.span.start);
    doc_passes::headline_parts(text, &block_toks(text), &mut out);
    let got: Vec<(&str, EntityKind)> = out
        .iter()
        .filter(|m| m.span.start < text.find("\n\n").unwrap_or(0))
        .map(|m| (m.span.slice(text), m.kind))
        .collect();
    assert_eq!(
        got,
        [
            ("ORRIN VELM", EntityKind::Person),
            ("QUARVESSE", EntityKind::Loc),
            ("VELMORA TOOLS", EntityKind::Org),
            ("QUARVESSE TRUST BANK", EntityKind::Org),
            ("KELMORE HOLDINGS INC", EntityKind::Org),
        ]
    );
    assert!(out.iter().any(|m| m.span.slice(text) == "TARVO STORES"));
    // a headline run that names nothing the text writes, of ordinary words, is no name
    let text = "HARBOUR FEES RISE SHARPLY\n\nPort fees rose sharply in the first quarter, the harbour board said, as shipping grew and the cost of dredging the channel went up again.\n";
    let mut out = vec![mention_of(text, "HARBOUR FEES", EntityKind::Org)];
    doc_passes::headline_parts(text, &block_toks(text), &mut out);
    assert!(out.is_empty(), "{out:?}");
}

#[test]
fn a_firm_named_by_two_ordinary_words_joined_by_and_is_one_organisation() {
    // Invented text: the tagger's split at "and" ("Poor" alone, "Loan Guarantee Corp" alone)
    // is joined back to the run of capitalised words before "and"; two firms of their own
    // names, a body's head noun before "and", and a list stay apart.
    let text =
        "Plain and Poor's said on Monday that Harbour Savings and Loan Guarantee Corp would \
                be cut, while Quorvex and Velmar Corp, Tarvo Group and Mining Ltd and a unit of \
                Orrin Velm and Associates and Shipping Inc were not.";
    let mut out = vec![
        mention_of(text, "Poor", EntityKind::Person),
        mention_of(text, "Harbour Savings", EntityKind::Loc),
        mention_of(text, "Loan Guarantee Corp", EntityKind::Org),
        mention_of(text, "Velmar Corp", EntityKind::Org),
        mention_of(text, "Mining Ltd", EntityKind::Org),
        mention_of(text, "Shipping Inc", EntityKind::Org),
    ];
    doc_passes::and_firms(text, &mut out);
    let got: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(
        got,
        [
            ("Plain and Poor's", EntityKind::Org),
            ("Harbour Savings and Loan Guarantee Corp", EntityKind::Org),
            ("Velmar Corp", EntityKind::Org),
            ("Mining Ltd", EntityKind::Org),
            ("Shipping Inc", EntityKind::Org),
        ]
    );
}

#[test]
fn two_dictionary_names_joined_by_and_are_two_names() {
    // Invented text: two countries joined into one "organisation" (with "And" capitalised, as
    // some wire copy writes it), a firm named after two people or things, and an elliptical
    // pair of places
    let text = "Bankers from Chile And Peru met envoys of Portugal and Spain, of Quorve and Brell, of Cook and Peru and of Central and South America on Monday, after the U.S. And Japan and before U.S. And Japanese banks.";
    let mut out = vec![
        mention_of(text, "Chile And Peru", EntityKind::Org),
        mention_of(text, "Portugal and Spain", EntityKind::Org),
        mention_of(text, "Quorve and Brell", EntityKind::Org),
        mention_of(text, "Cook and Peru", EntityKind::Org),
        mention_of(text, "Central and South America", EntityKind::Loc),
        mention_of(text, "U.S. And Japan", EntityKind::Org),
        mention_of(text, "U.S. And Japanese", EntityKind::Org),
    ];
    doc_passes::joined_bodies(text, Gazetteer::builtin(), &mut out);
    out.sort_by_key(|m| m.span.start);
    let got: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(
        got,
        [
            ("Chile", EntityKind::Loc),
            ("Peru", EntityKind::Loc),
            ("Portugal", EntityKind::Loc),
            ("Spain", EntityKind::Loc),
            ("Quorve and Brell", EntityKind::Org),
            ("Cook and Peru", EntityKind::Org),
            ("Central and South America", EntityKind::Loc),
            ("U.S.", EntityKind::Loc),
            ("Japan", EntityKind::Loc),
            ("U.S. And Japanese", EntityKind::Org),
        ]
    );
    // a firm's name that goes on, here or in another mention of the article
    let text = "Chile and Peru Shipping Ltd said on Monday that Chile and Peru will pay.";
    let mut out = vec![
        mention_of(text, "Chile and Peru Shipping Ltd", EntityKind::Org),
        mention_nth(text, "Chile and Peru", 1, EntityKind::Org),
    ];
    doc_passes::joined_bodies(text, Gazetteer::builtin(), &mut out);
    assert_eq!(out.len(), 2);
    assert!(out.iter().all(|m| m.kind == EntityKind::Org));
}

#[test]
fn a_saint_s_name_before_a_person_starts_a_place() {
    // Invented text: "San" before a "person" whose first word is a given name starts a hamlet's
    // name; a name running on before "San" is a person's
    let got =
        tag("The families fled from Las Quebradas, San Jose Las Palmas and Tarvela to the coast.");
    let has = |s: &str, k: EntityKind| got.iter().any(|(t, kk)| t == s && *kk == k);
    assert!(has("San Jose Las Palmas", EntityKind::Loc), "{got:?}");
    assert!(!got.iter().any(|(t, _)| t == "Jose Las Palmas"), "{got:?}");
}

#[test]
fn academic_and_professional_titles_of_translated_reports_are_titles() {
    // "Licentiate Rene ..." and "Ingeniero Tomas ...": titles, cut from the names they precede
    let gaz = Gazetteer::builtin();
    for t in [
        "Licentiate",
        "Licenciado",
        "Licenciada",
        "Ingeniero",
        "Ingeniera",
    ] {
        assert!(
            gaz.word_classes(crate::gazetteer::token_hash(t)) & class::TITLE != 0,
            "{t}"
        );
    }
}

#[test]
fn untagged_capitalised_words_ending_in_an_organisation_head_are_the_organisation() {
    // Invented text: names made of ordinary words that the tagger leaves out, a compound
    // adjective and a sentence's "The" before one, and a headline in title case
    let text = "Officials said the Velmar Trade Organisation would appeal the ruling on Monday. \
                The Northern Fisheries Council met in Tarvela while delegates of the Quorve-backed Grain Growers Association waited outside. \
                Funding for the survey was cut at the January Board meeting.\n\
                Protesters Storm Harbour Council\n";
    let blocks = [Block {
        kind: BlockKind::Body,
        start: 0,
        end: text.len(),
    }];
    let toks_and_tag = |off: &[Pass]| -> Vec<(String, EntityKind)> {
        Tagger::new()
            .without(off)
            .tag(text, &blocks)
            .iter()
            .map(|m| (m.span.slice(text).to_string(), m.kind))
            .collect()
    };
    let got = toks_and_tag(&[]);
    for want in [
        "Velmar Trade Organisation",
        "Northern Fisheries Council",
        "Grain Growers Association",
    ] {
        assert!(
            got.contains(&(want.to_string(), EntityKind::Org)),
            "{want}: {got:?}"
        );
    }
    assert!(
        !got.iter().any(|(s, _)| s.starts_with("The ")
            || s.contains("-backed")
            || s.contains("January")
            || s.contains("Storm")),
        "{got:?}"
    );
    let without = toks_and_tag(&[Pass::HeadNames]);
    assert!(
        !without
            .iter()
            .any(|(s, _)| s == "Grain Growers Association"),
        "{without:?}"
    );
}

#[test]
fn a_nationality_s_plural_names_no_person_or_organisation() {
    // Invented text: peoples named by their nationalities' plurals
    let got = tag(
        "Talks stall\n\nKELMORE, May 2 - Nicaraguans and Uruguayans met the Danes in Kelmore on \
         Monday. Nicaraguans said the talks would resume, and the Uruguayans agreed.\n",
    );
    assert!(
        !got.iter().any(|(s, _)| s.ends_with("ans") || s == "Danes"),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(s, k)| s == "Kelmore" && *k == EntityKind::Loc),
        "{got:?}"
    );
}

#[test]
fn capitalised_words_the_tagger_left_before_an_organisation_s_head_are_its_name() {
    // Invented text: the tagger takes the head noun alone after an ordinary word
    let got = tag(
        "Rates steady\n\nKelmore, May 2 - Rates were steady, said Ada Tarvel of Harvest Bank. \
         Traders at Marble Trust Bank agreed.\n",
    );
    assert!(
        got.contains(&("Harvest Bank".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    assert!(!got.iter().any(|(s, _)| s == "Bank"), "{got:?}");
}

#[test]
fn a_place_and_a_party_adjective_before_a_noun_are_the_place() {
    // Invented text: state primaries and party adjectives before nouns; a party's full name stays
    let text =
        "Ada Quorve won the Nevada Republican primary on Tuesday, and four in 10 Iowa Democratic \
                voters backed her. Democratic leaders in the Senate said they would wait. \
                The Socialist Party of Velmar met in Tarvela.\n";
    let blocks = [Block {
        kind: BlockKind::Body,
        start: 0,
        end: text.len(),
    }];
    let run = |off: &[Pass]| -> Vec<(String, EntityKind)> {
        Tagger::new()
            .without(off)
            .tag(text, &blocks)
            .iter()
            .map(|m| (m.span.slice(text).to_string(), m.kind))
            .collect()
    };
    let got = run(&[]);
    for want in ["Nevada", "Iowa"] {
        assert!(
            got.contains(&(want.to_string(), EntityKind::Loc)),
            "{want}: {got:?}"
        );
    }
    assert!(
        !got.iter()
            .any(|(s, _)| s.ends_with("Republican") || s.ends_with("Democratic")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(s, k)| s.starts_with("Socialist Party") && *k == EntityKind::Org),
        "{got:?}"
    );
    let without = run(&[Pass::PlaceAdjectives]);
    assert!(
        without
            .iter()
            .any(|(s, _)| s.ends_with("Republican") || s.ends_with("Democratic")),
        "{without:?}"
    );
}

#[test]
fn switching_one_pass_off_leaves_every_other_on() {
    for p in Pass::ALL {
        let t = Tagger::new().without(&[p]);
        for q in Pass::ALL {
            assert_eq!(t.on(q), q != p, "{} off, {} on?", p.name(), q.name());
        }
    }
}

#[test]
fn a_hyphenated_lower_case_word_splits_a_tagged_name() {
    // Invented text: a party's adjective and a hyphenated noun before a name
    let got = tag(
        "Race tightens\n\nDemocratic front-runner Ada Quorve said on Monday that she would win. \
                   Republican front-runner Orrin Velm disagreed.\n",
    );
    assert!(
        !got.iter().any(|(s, _)| s.contains("front-runner")),
        "{got:?}"
    );
    assert!(got.iter().any(|(s, _)| s == "Orrin Velm"), "{got:?}");
}

#[test]
fn compound_adjectives_are_cut_from_names() {
    // Invented text: compound adjectives after and before names, and a letter before a hyphen
    let text = "The United Nations-sponsored talks stalled. A Tarvela-based charity and the \
                Velmar Union-backed rebels met in Quorve, where Korean-born traders sold March T-bills.\n";
    let mut out = vec![
        mention_of(text, "United Nations-sponsored", EntityKind::Org),
        mention_of(text, "Velmar Union-backed", EntityKind::Org),
        mention_of(text, "Korean-born", EntityKind::Loc),
        mention_of(text, "March T-bills", EntityKind::Loc),
    ];
    doc_passes::compound_adjectives(text, Gazetteer::builtin(), &mut out);
    let got: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(
        got,
        vec![
            ("United Nations", EntityKind::Org),
            ("Velmar Union", EntityKind::Org),
            ("March T-bills", EntityKind::Loc)
        ]
    );
}

#[test]
fn a_name_that_ends_in_a_title_gives_the_office_s_place_and_the_person() {
    // Invented text: a former governor named after the state's abbreviated title
    let text = "Race\n\nFormer Ohio Gov. John Velm remains in the race, aides said on Monday.\n";
    let blocks = [Block {
        kind: BlockKind::Body,
        start: 0,
        end: text.len(),
    }];
    let run = |off: &[Pass]| -> Vec<(String, EntityKind)> {
        Tagger::new()
            .without(off)
            .tag(text, &blocks)
            .iter()
            .map(|m| (m.span.slice(text).to_string(), m.kind))
            .collect()
    };
    let got = run(&[]);
    assert!(
        got.contains(&("John Velm".to_string(), EntityKind::Person)),
        "{got:?}"
    );
    assert!(
        got.contains(&("Ohio".to_string(), EntityKind::Loc)),
        "{got:?}"
    );
    assert!(!got.iter().any(|(s, _)| s.contains("Gov")), "{got:?}");
    let without = run(&[Pass::TitleEnds]);
    assert!(
        !without.contains(&("John Velm".to_string(), EntityKind::Person)),
        "{without:?}"
    );
}

#[test]
fn partners_names_in_angle_brackets_are_one_company() {
    // Invented text: wire copy's angle brackets around an unlisted firm named after partners
    let got = tag("Firm sued\n\nNEW YORK, Feb 19 - <Associated Velmar Corp> said its subsidiary sued <Marsh Quill and Brannigan Inc>, \
                   the investment bank, and Ada Quorve and Brell Inc said nothing.\n");
    assert!(
        got.contains(&("Marsh Quill and Brannigan Inc".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    // outside brackets "and" still separates two names
    assert!(
        !got.iter().any(|(s, _)| s.contains("Quorve and")),
        "{got:?}"
    );
}

#[test]
fn a_title_that_is_also_a_surname_still_ends_an_office() {
    // Invented text: "Speaker" and "Judge" as titles after an institution's name
    let got = tag("Court\n\nHouse Speaker Ada Quorve called the ruling wrong, and Federal Judge Orrin Velm agreed.\n");
    assert!(
        !got.iter()
            .any(|(s, _)| s.ends_with("Speaker") || s.ends_with("Judge")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(s, k)| s == "Orrin Velm" && *k == EntityKind::Person),
        "{got:?}"
    );
}

#[test]
fn a_day_after_on_ends_an_organisation_and_departments_of_towns_are_places() {
    // Invented text: an organisation's name before "on <weekday>", and a department named
    // after its capital (a town the dictionary knows) beside a police department and a ministry
    let got = tag(
        "Attack\n\nThe Velmar Peace Council on Monday condemned fighting in Tarija Department. \
                   The Kelmore Police Department and the Ohio Department of Health said nothing.\n",
    );
    assert!(
        got.iter()
            .any(|(s, k)| s == "Velmar Peace Council" && *k == EntityKind::Org),
        "{got:?}"
    );
    assert!(
        got.contains(&("Tarija Department".to_string(), EntityKind::Loc)),
        "{got:?}"
    );
    assert!(
        got.contains(&("Kelmore Police Department".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(s, k)| s.starts_with("Ohio Department of") && *k == EntityKind::Org),
        "{got:?}"
    );
}

#[test]
fn a_headline_that_leaves_out_the_and_of_partners_names_names_the_firm() {
    // Invented text: the headline drops the "and" of the firm's bracketed name
    let a = extract("HARTLEY MORGAN BRANNIGAN SUED BY SWISS FIRM\n\nNEW YORK, Feb 19 - <Associated Velmar Corp> said its subsidiary \
                     sued <Hartley Morgan and Brannigan Inc>, the investment bank, for 65 mln dlrs.\n");
    assert!(
        names(&a, EntityKind::Person).is_empty(),
        "{:?}",
        names(&a, EntityKind::Person)
    );
    assert!(
        names(&a, EntityKind::Org)
            .iter()
            .any(|n| n.starts_with("Hartley Morgan")),
        "{:?}",
        names(&a, EntityKind::Org)
    );
}

#[test]
fn partners_surnames_listed_before_a_legal_suffix_are_one_firm() {
    // Invented text: underwriters named after their partners, listed with commas
    let a = extract(
        "Offering filed\n\nTarrington: Quorvy Inc said it filed for an offering of 1.5 mln shares.\n\n\
         Orrin Velm and Sons Inc, Brell, Tarvela and Co Inc and Kelmore, Whitlow, and Dunmore Inc will manage \
         the offering, Quorvy added. The lead manager was Velmar, Quorve and Brell Securities Corp, it said.",
    );
    let orgs = names(&a, EntityKind::Org);
    for firm in [
        "Orrin Velm and Sons Inc",
        "Brell, Tarvela and Co Inc",
        "Kelmore, Whitlow, and Dunmore Inc",
        "Velmar, Quorve and Brell Securities Corp",
    ] {
        assert!(orgs.contains(&firm.to_string()), "{firm}: {orgs:?}");
    }
    assert!(
        names(&a, EntityKind::Person).is_empty(),
        "{:?}",
        names(&a, EntityKind::Person)
    );
    // a place and its region before "and" are no partners, nor a full name
    let a = extract("Plant sold\n\nIn Tarrington, Ohio and Kelmore the unit of Quorvy Inc and Ada Velm, Brell and Whitlow Inc were named.");
    let orgs = names(&a, EntityKind::Org);
    assert!(
        !orgs
            .iter()
            .any(|o| o.contains("Ohio") || o.contains("Velm")),
        "{orgs:?}"
    );
}

#[test]
fn a_word_that_only_opens_sentences_and_is_written_in_lower_case_inside_them_is_no_name() {
    // Invented text: a currency capitalised only where it opens a sentence
    let a = extract(
        "Currencies steady\n\nSterling continued quietly steady ahead of the talks in Tarrington. \
         The government's majority lifted sterling and fuelled talk of lower rates.\n\n\
         Sterling held its tone throughout the day, dealers said, as long as sterling is firm. \
         Ada Whitlow, a dealer at Quorvy Bank, said the mood was calm.",
    );
    let all: Vec<String> = [EntityKind::Person, EntityKind::Org, EntityKind::Loc]
        .into_iter()
        .flat_map(|k| names(&a, k))
        .collect();
    assert!(!all.iter().any(|n| n == "Sterling"), "{all:?}");
    assert!(
        names(&a, EntityKind::Person).contains(&"Ada Whitlow".to_string()),
        "{all:?}"
    );
    // a name the article also capitalises inside a sentence stays one
    let got =
        tag("Talks\n\nSenator Ada Rose said the plan passed. Rose said prices rose a little.\n");
    assert!(
        got.contains(&("Rose".to_string(), EntityKind::Person)),
        "{got:?}"
    );
}

#[test]
fn a_title_s_word_before_a_plural_ordinary_word_names_a_company_not_a_person() {
    // Invented text: a company named with a title's word, in its possessive
    let got = tag(
        "Quorvy wins contract\n\nGeneral Motors' Quorvy Aircraft Co said it was awarded a \
         contract worth 20 mln dlrs.\n",
    );
    assert!(
        got.contains(&("General Motors".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|(_, k)| *k == EntityKind::Person),
        "{got:?}"
    );
    // a titled surname stays a person
    let got = tag("Talks\n\nGeneral Quennelby said the troops would stay.\n");
    assert!(
        got.contains(&("Quennelby".to_string(), EntityKind::Person)),
        "{got:?}"
    );
}

#[test]
fn a_name_is_not_repeated_by_its_words_ending_in_lower_case() {
    // Invented text: an organisation's name, and its words as a plain description
    let text = "Ruling welcomed\n\nTarvela Kelmore, director of Farm Advocates, a legal group, \
                praised the ruling. Farm Advocates said it would appeal.\n\n\
                Farm advocates hailed the nomination on Monday.\n";
    let got = tag(text);
    assert!(
        got.contains(&("Farm Advocates".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    assert!(!got.iter().any(|(s, _)| s == "Farm advocates"), "{got:?}");
}

#[test]
fn a_company_s_name_in_angle_brackets_is_one_organisation() {
    // Invented text in the style of wire copy, which brackets companies' names and tickers
    let got = tag(
        "Partnership bids for Tarvel\n\nA partnership of Quorvy Industries Inc <QRV> and <Velm \
         and Brell> have made a 100 dlr a share tender offer for Tarvel Corp. The offer is \
         backed by <Kelmore Whitlow Partners> and by <Tarvela Mining of Ontario Ltd>, and \
         shares of <BRLX ST> rose.\n",
    );
    for name in [
        "Velm and Brell",
        "Kelmore Whitlow Partners",
        "Tarvela Mining of Ontario Ltd",
    ] {
        assert!(
            got.contains(&(name.to_string(), EntityKind::Org)),
            "{name}: {got:?}"
        );
    }
    assert!(
        !got.iter()
            .any(|(s, k)| *k == EntityKind::Person || s.contains("BRLX")),
        "{got:?}"
    );
}

#[test]
fn an_abbreviation_of_words_in_lower_case_is_no_name() {
    // Invented text: units and devices abbreviated after their lower-case names
    let got = tag(
        "Rebate set\n\nThe rebate of 44.8 European currency units (Ecus) per 100 kilos was 1.3 \
         Ecus below target. Troops found improvised explosive devices (IEDs) near Tarvela; one \
         IED exploded. The Quorvy Liberation Front (QLF) denied it, and the QLF said so.\n",
    );
    assert!(
        !got.iter()
            .any(|(s, _)| s.starts_with("Ecu") || s.starts_with("IED")),
        "{got:?}"
    );
    assert!(
        got.contains(&("QLF".to_string(), EntityKind::Org)),
        "{got:?}"
    );
}

#[test]
fn a_headline_s_words_before_a_ticker_are_the_company_named_in_the_story() {
    // Invented text in the style of wire copy: a short name in a capitals headline
    let got = tag(
        "QUORVY ATLANTIC <QRV> FILES FOR NEW SERVICE\n\nQuorvy Atlantic Mobile Systems said it \
         filed proposed rates with the state commission.\n",
    );
    assert!(
        got.contains(&("QUORVY ATLANTIC".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|(_, k)| *k == EntityKind::Person),
        "{got:?}"
    );
    // words that start no organisation of the story are left as the tagger found them
    let got = tag("TARVELA SAVINGS AND LOAN <TSL> SETS DIVIDEND\n\nThe board met.\n");
    assert!(!got.iter().any(|(s, _)| s.contains("LOAN")), "{got:?}");
}

#[test]
fn a_run_of_capitals_that_ends_in_a_legal_suffix_before_a_ticker_is_the_company() {
    // Invented headlines in the style of wire copy: ordinary words open the company's name
    for (text, want) in [
        (
            "BRIGHT HARBOUR BANK INC <BHBK.O> 3RD QTR NET\n\nShr 88 cts vs 73 cts\n",
            "BRIGHT HARBOUR BANK INC",
        ),
        (
            "Markets\n\nThe Quorvy Atlantic Co <QRVA> said it agreed to buy shares of Velbury Mills \
             Corp <VLBM.N>.\n",
            "Quorvy Atlantic Co",
        ),
    ] {
        let got = tag(text);
        assert!(got.contains(&(want.to_string(), EntityKind::Org)), "{got:?}");
    }
    // after a wire slug, in an article read whole
    let a = extract("UPDATE 2-GOLDEN PLAINS GROUP INC <GPGI.O> SETS PAYOUT\n\nQtly div five cts\n");
    let orgs = names(&a, EntityKind::Org);
    assert!(
        orgs.iter().any(|o| o == "Golden Plains Group Inc"),
        "{orgs:?}"
    );
    // the run stops at a hyphen, a joining word or a place: the tagger's longer name stays
    for (text, kept) in [
        (
            "Deals\n\nShares of Brell and Velm Inc <BRVL> rose, said an analyst.\n",
            "Brell and Velm Inc",
        ),
        (
            "Deals\n\nTraders said Quorvy-Tarvel Co <QTC> rose.\n",
            "Quorvy-Tarvel Co",
        ),
    ] {
        let got = tag(text);
        assert!(
            got.iter().any(|(s, k)| s == kept && *k == EntityKind::Org),
            "{got:?}"
        );
    }
}

#[test]
fn a_plural_that_opens_a_sentence_of_prose_and_is_never_capitalised_inside_one_is_no_name() {
    // Invented text: terms of a bond issue
    let got = tag(
        "Velmar issues bond\n\nThe Velmar Development Corp is issuing a zero coupon bond of 30 mln \
         dlrs, lead manager Quorvy Bank Ltd said. There will be no co-managers. Fees total 1-3/8 \
         pct. Denominations are 1,000 and 10,000 dlrs.\n",
    );
    assert!(
        !got.iter().any(|(s, _)| s == "Fees" || s == "Denominations"),
        "{got:?}"
    );
    assert!(
        got.contains(&("Quorvy Bank Ltd".to_string(), EntityKind::Org)),
        "{got:?}"
    );
    // a surname the article also capitalises inside a sentence stays a name
    let got = tag("Talks\n\nSenator Ada Banks said the plan passed. Banks said prices rose.\n");
    assert!(
        got.contains(&("Banks".to_string(), EntityKind::Person)),
        "{got:?}"
    );
}

#[test]
fn a_title_inside_a_person_s_name_ends_what_stands_before_it() {
    // Invented text: an office's body before the title, glued to the person by the tagger
    let got = tag("Rates\n\nWashington: Federal Reserve Board Chairman Paul Whitlow said the dollar has stabilized. Whitlow spoke after the FMLN General Command met.\n");
    assert!(
        got.iter()
            .any(|(s, k)| s == "Paul Whitlow" && *k == EntityKind::Person),
        "{got:?}"
    );
    assert!(!got.iter().any(|(s, _)| s.contains("Chairman")), "{got:?}");
    // a title followed by no given name keeps its name whole
    assert!(!got.iter().any(|(s, _)| s == "Command"), "{got:?}");
}

#[test]
fn a_title_inside_a_tagged_person_span_splits_it() {
    // the span rule itself, on spans as the tagger may give them (invented text)
    let run = |text: &str, span: &str| -> Vec<(String, EntityKind)> {
        let tokens::BlockToks { toks, infos } = block_toks(text).remove(0);
        let at = text.find(span).expect("span");
        let st = toks
            .iter()
            .position(|t| t.start as usize == at)
            .expect("start");
        let en = toks
            .iter()
            .rposition(|t| t.end as usize == at + span.len())
            .expect("end");
        let mut out = Vec::new();
        push_span(
            text,
            &toks,
            &infos,
            st,
            en,
            EntityKind::Person,
            1.0,
            &mut out,
        );
        out.iter()
            .map(|m| (m.span.slice(text).to_string(), m.kind))
            .collect()
    };
    let person = |s: &str| (s.to_string(), EntityKind::Person);
    // a given name after the title
    assert_eq!(
        run("Tarvela Gov. Ada Quorve spoke.", "Tarvela Gov. Ada Quorve"),
        [person("Ada Quorve")]
    );
    // no given name the census knows, but only ordinary words before the title; an
    // organisation's head before it makes the body an organisation
    assert_eq!(
        run(
            "Economic Planning Secretary Orrin Quorve spoke.",
            "Economic Planning Secretary Orrin Quorve"
        ),
        [person("Orrin Quorve")]
    );
    assert_eq!(
        run(
            "The National Planning Commission Chairman Orrin Quorve spoke.",
            "National Planning Commission Chairman Orrin Quorve"
        ),
        [
            ("National Planning Commission".to_string(), EntityKind::Org),
            person("Orrin Quorve")
        ]
    );
    // one word after the title, or a name before it, keeps the span
    assert_eq!(
        run("The QRVF General Command spoke.", "QRVF General Command"),
        [person("QRVF General Command")]
    );
    assert_eq!(
        run(
            "Then Orrin Velm Major Quorve spoke.",
            "Orrin Velm Major Quorve"
        ),
        [person("Orrin Velm Major Quorve")]
    );
}

#[test]
fn time_zone_of_a_clock_time_is_no_part_of_a_name() {
    let caps = "TARVELA RADIO IN SPANISH 1733 GMT ON 28 JULY\n\nTARVELA, 28 JUL 89 -- TARVELA RADIO NETWORK IN SPANISH 1733 GMT ON 28 JULY BROADCASTS A SPEECH TO THE NATION BY PRESIDENT ORRIN QUEVARRA LIVE FROM THE CONGRESS.\n\nAT 1801 GMT QUEVARRA BEGINS TO SPEAK ON THE SUBJECT OF THE HARVEST. HE CALLS ON ALL PARTIES TO SUPPORT THE FARMERS.\n\nQUEVARRA ENDS HIS SPEECH AT 1851 GMT.";
    let mixed = "Orrin Quevarra spoke to the nation on Friday. At 1801 GMT Quevarra began to speak about the harvest, and at 1851 GMT he ended.";
    // (the repetitions of a name, which the document pass adds)
    for text in [caps, mixed] {
        let people = names(&extract(text), EntityKind::Person);
        assert!(
            people
                .iter()
                .all(|p| !p.to_ascii_lowercase().contains("gmt")),
            "{people:?}"
        );
        assert!(people.iter().any(|p| p.starts_with("Orrin ")), "{people:?}");
    }
    // a span the tagger takes with the zone loses it
    let text = "At 1801 GMT Quevarra began to speak.";
    let docs = block_toks(text);
    let d = &docs[0];
    let at = |w: &str| d.toks.iter().position(|t| t.as_str(text) == w).unwrap();
    let mut out = Vec::new();
    super::push_span(
        text,
        &d.toks,
        &d.infos,
        at("GMT"),
        at("Quevarra"),
        EntityKind::Person,
        1.0,
        &mut out,
    );
    let kept: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(kept, ["Quevarra"]);
}

#[test]
fn units_after_amounts_are_no_names_anywhere_in_the_article() {
    let text = "BASE PRICE OF THE SYSTEM IS 950,000 ZORLS AND THE SMALLER ONE COSTS 12 ZORLS, SAID ORRIN VELM.\n\nAbout 13,000 ZLNF fighters crossed into Tarvela, the ZLNF said.";
    let docs = block_toks(text);
    // (the unit after the amount need not be tagged itself)
    let mut out = vec![
        mention_nth(text, "ZORLS", 1, EntityKind::Person),
        mention_of(text, "ORRIN VELM", EntityKind::Person),
        mention_nth(text, "ZLNF", 0, EntityKind::Org),
        mention_nth(text, "ZLNF", 1, EntityKind::Org),
    ];
    figures::units(text, &docs, &mut out);
    let kept: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
    // (a word in capitals right after an amount is a unit, and so is the same word after a
    // whole number; an acronym before a noun in lower case names the group the figure counts)
    assert_eq!(kept, ["ORRIN VELM", "ZLNF", "ZLNF"]);
}

#[test]
fn a_firm_named_by_two_trades_joined_by_and_is_one_name() {
    // Invented text: a firm named after its trades, a list of firms before one, and two firms
    // whose names are no ordinary words
    let a = extract(
        "Stake bid blocked\n\nThe regulator tried to stop Lantern and Wireless Plc from buying the stake. \
         Bids also came from Velbury Gas, Tarvela Lantern and Wireless Plc. Brell and Velbury Inc said on \
         Monday it would not bid.",
    );
    let orgs = names(&a, EntityKind::Org);
    for firm in [
        "Lantern and Wireless Plc",
        "Tarvela Lantern and Wireless Plc",
        "Velbury Inc",
    ] {
        assert!(orgs.contains(&firm.to_string()), "{firm}: {orgs:?}");
    }
    assert!(
        !orgs
            .iter()
            .any(|o| o.starts_with("Velbury Gas,") || o.starts_with("Brell and")),
        "{orgs:?}"
    );
}

#[test]
fn a_lone_ordinary_word_no_list_knows_is_no_person() {
    // Invented text: a commodity's name read as a person mid-sentence, beside a surname that is
    // also an ordinary word but belongs to a full name of the article
    let a = extract(
        "Talks stall\n\nVelm Tarvela, a trader, said Sorghum was firm. Ada Lantern spoke first. \
         Later Lantern said the pact would hold.",
    );
    let people = names(&a, EntityKind::Person);
    assert!(!people.iter().any(|p| p == "Sorghum"), "{people:?}");
    assert!(people.iter().any(|p| p == "Ada Lantern"), "{people:?}");
    let lantern = a
        .people
        .iter()
        .find(|e| e.name == "Ada Lantern")
        .map_or(0, |e| e.mentions.len());
    assert_eq!(lantern, 2, "{people:?}");
}

#[test]
fn a_capital_after_a_countrys_abbreviation_starts_no_name() {
    // Invented text: words capitalised after "U.S." as after a stop, beside the same words in
    // lower case, and bodies of a state named after the abbreviation
    let a = extract(
        "Crown falls\n\nThe Velmarian crown fell against the U.S. Dollar on Monday, and U.S. Officials \
         said the dollar would recover. Local officials agreed. U.S. Army units and the U.S. \
         Air Force left Kelmore, the U.S. Embassy said, and the army and the embassy stayed silent.",
    );
    let orgs = names(&a, EntityKind::Org);
    for gone in ["U.S. Dollar", "U.S. Officials"] {
        assert!(!orgs.contains(&gone.to_string()), "{gone}: {orgs:?}");
    }
    let kept = |name: &str| orgs.iter().any(|o| o == name);
    assert!(kept("U.S. Army"), "{orgs:?}");
    assert!(kept("U.S. Air Force"), "{orgs:?}");
    assert!(kept("U.S. Embassy"), "{orgs:?}");
    // a capital the article never writes in lower case is left as the tagger read it
    let a = extract("Sales rise\n\nShares of U.S. Marble rose on Monday.");
    let all: Vec<String> = EntityKind::ALL.iter().flat_map(|k| names(&a, *k)).collect();
    assert!(all.iter().any(|n| n == "U.S. Marble"), "{all:?}");
}

#[test]
fn a_name_tagged_twice_stays_itself_for_one_guess_at_its_last_word_as_a_person() {
    // Invented text: the tagger's guess that the bank's last word names a person, once, does
    // not make a person of the bank that the article names twice; a titled name tagged as an
    // organisation, even twice, still becomes the person its surname names.
    let text = "The Quorvy Reserve sold notes. The Quorvy Reserve bought bonds. Reserve chief \
                Ivo Renn spoke. Envoy Ana Tolosa arrived. Ana Tolosa left. Envoy Ana Tolosa \
                returned.";
    let docs = block_toks(text);
    let mut out = vec![
        mention_nth(text, "Quorvy Reserve", 0, EntityKind::Org),
        mention_nth(text, "Quorvy Reserve", 1, EntityKind::Org),
        mention_nth(text, "Reserve", 2, EntityKind::Person),
        mention_of(text, "Ivo Renn", EntityKind::Person),
        mention_of(text, "Envoy Ana Tolosa", EntityKind::Org),
        mention_nth(text, "Ana Tolosa", 1, EntityKind::Person),
        mention_nth(text, "Envoy Ana Tolosa", 1, EntityKind::Org),
    ];
    doc_passes::consistency(text, &docs, Gazetteer::builtin(), false, &mut out);
    let kinds: Vec<(&str, EntityKind)> = out.iter().map(|m| (m.span.slice(text), m.kind)).collect();
    assert_eq!(kinds[0], ("Quorvy Reserve", EntityKind::Org), "{kinds:?}");
    assert_eq!(kinds[1], ("Quorvy Reserve", EntityKind::Org), "{kinds:?}");
    assert_eq!(
        kinds[4],
        ("Envoy Ana Tolosa", EntityKind::Person),
        "{kinds:?}"
    );
}

#[test]
fn a_name_after_a_place_noun_and_of_is_a_place_wherever_it_recurs() {
    // the tagger took the town for a person and an organisation in other sentences
    let a = extract(
        "Siege goes on\n\nThe library lies in the besieged suburb of Qarvessa, south of the \
         capital. Journalists cannot enter Qarvessa, so interviews are done by phone.\n\nOne \
         resident said that after four years of siege Qarvessa could fall within days. Qarvessa \
         has been bombed every night.",
    );
    assert_eq!(names(&a, EntityKind::Loc), ["Qarvessa"]);
    assert!(names(&a, EntityKind::Person).is_empty(), "{a:?}");
    assert!(names(&a, EntityKind::Org).is_empty(), "{a:?}");
    // a name opening with a capitalised noun is no cue ("the Province of ..." is a name's start)
    assert!(!super::doc_passes::place_cue("He spoke at the Province of"));
    assert!(super::doc_passes::place_cue("a village south of the"));
    assert!(super::doc_passes::place_cue("the town of"));
    assert!(!super::doc_passes::place_cue("the board of"));
    // the name that a noun follows is no place ("east of the Qarvessa headquarters")
    let a = extract(
        "Clashes

Fighting spread east of the Qarvessa headquarters. Qarvessa said on Monday          that its troops held.",
    );
    assert!(names(&a, EntityKind::Loc).is_empty(), "{a:?}");
}

#[test]
fn closed_class_words_opening_a_sentence_before_lower_case_are_not_scored() {
    // Invented text: openers before a word in lower case are left out of the tagger's scoring;
    // before a capitalised word ("The Velmora Times"), inside a sentence, in capitals ("WHO"),
    // when they are also names ("May", "Will") or no closed-class word ("Velmora agreed"), they
    // are scored
    let text = "The rebels left. He said so. The Velmora Times reported it. Velmora agreed. In Qarvessa the talks ended. After the vote, the council met. WHO said so. May said so. Will said so. I agree.";
    let docs = block_toks(text);
    let d = &docs[0];
    let end = |i: usize| {
        (i + 1..d.toks.len())
            .find(|&j| d.toks[j].sent_start)
            .unwrap_or(d.toks.len())
    };
    let skipped: Vec<&str> = (0..d.toks.len())
        .filter(|&i| model::plain_opener(&d.infos, i, end(i)))
        .map(|i| d.toks[i].as_str(text))
        .collect();
    assert_eq!(skipped, ["The", "He", "After", "I"]);
}

#[test]
fn economic_indicators_are_no_organisations() {
    let a = extract("Velmoran rates rise\n\nThe three-month Kelmore Interbank Offered Rate (KIBOR) rose to 5.2 percent on Monday, the Velmoran Central Bank said. KIBOR had fallen for a week, and the Kelmore Composite Index lost 2 percent. Velmora's Gross Regional Product grew 2.1 percent, said Ada Quorve of the T. Orrin Velm Index fund.");
    // (the abbreviation goes with its long form; a fund named after a person stays)
    assert_eq!(
        names(&a, EntityKind::Org),
        ["Velmoran Central Bank", "T. Orrin Velm Index"]
    );
    // currencies too, and a unit after a figure and a place's abbreviation
    let a = extract("Velmoran money\n\nThe Velmoran Currency rose on Monday, and the N.V. Dollar fell. The exchange rate was fixed at 1.6030 U.S. Zorls to one stg. Kelmore Currency Units were steady, said Ada Quorve.");
    assert!(
        names(&a, EntityKind::Org).is_empty(),
        "{:?}",
        names(&a, EntityKind::Org)
    );
}
