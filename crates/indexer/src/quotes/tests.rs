//! Quotation extraction on the seed article and on invented sentences, one construction each.

use super::*;
use crate::plain;

/// Body blocks for every paragraph of `text`.
fn body(text: &str) -> Vec<Block> {
    plain::paragraph_spans(text)
        .into_iter()
        .map(|p| Block {
            kind: BlockKind::Body,
            start: p.start,
            end: p.end,
        })
        .collect()
}

/// An entity with every occurrence of each surface form as a mention.
fn entity(text: &str, name: &str, surfaces: &[&str]) -> Entity {
    let mut mentions = Vec::new();
    for s in surfaces {
        let mut from = 0;
        while let Some(i) = text[from..].find(s) {
            let start = from + i;
            let end = start + s.len();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if boundary(text[..start].chars().next_back())
                && boundary(text[end..].chars().next())
                && !mentions
                    .iter()
                    .any(|m: &Span| m.overlaps(&Span::new(start, end)))
            {
                mentions.push(Span::new(start, end));
            }
            from = end;
        }
    }
    mentions.sort();
    Entity {
        name: name.to_string(),
        mentions,
        country: None,
        role: None,
    }
}

/// (quoted text, speaker, speaker mention text) for each quote.
fn run<'a>(
    text: &'a str,
    people: &[Entity],
    orgs: &[Entity],
) -> Vec<(&'a str, Option<String>, Option<&'a str>)> {
    extract(text, &body(text), people, orgs)
        .into_iter()
        .filter(|q| q.kind.is_statement())
        .map(|q| {
            (
                &text[q.start..q.end],
                q.speaker,
                q.speaker_mention.map(|m| &text[m.start..m.end]),
            )
        })
        .collect()
}

const SEED: &str = include_str!("../../../../tests/fixtures/seed/afghan-peace.txt");

fn seed_entities() -> (Vec<Entity>, Vec<Entity>) {
    let t = SEED;
    let people = vec![
        entity(t, "Donald Trump", &["Donald Trump", "Trump"]),
        entity(t, "Ashraf Ghani", &["Ashraf Ghani", "Ghani"]),
        entity(t, "Michael Cogman", &["Michael Cogman"]),
        entity(t, "Zalmay Khalilzad", &["Zalmay Khalilzad", "Khalilzad"]),
        entity(t, "Joe Biden", &["Joe Biden"]),
        entity(t, "Barack Obama", &["Barack Obama", "Obama"]),
        entity(t, "Liz Cheney", &["Liz Cheney"]),
        entity(t, "Dick Cheney", &["Dick Cheney"]),
        entity(t, "Laurel Miller", &["Laurel Miller", "Miller"]),
        entity(t, "Mike Pompeo", &["Mike Pompeo"]),
        entity(t, "Abdullah Abdullah", &["Abdullah Abdullah"]),
    ];
    let orgs = vec![
        entity(t, "Taliban", &["Taliban"]),
        entity(
            t,
            "Woodrow Wilson International Scholars Center",
            &["Woodrow Wilson International Scholars Center"],
        ),
        entity(t, "Islamic State", &["Islamic State"]),
    ];
    (people, orgs)
}

const SEED_QUOTES: &[(&str, &str)] = &[
    ("I think the current US policy is deaf.", "Michael Cogman"),
    ("This does not take into account", "Michael Cogman"),
    (
        "The Trump administration essentially calls",
        "Michael Cogman",
    ),
    ("Although the recent violence", "Zalmay Khalilzad"),
    (
        "There is nothing to get along with peacefully.",
        "Zalmay Khalilzad",
    ),
    ("reduce the burden on the United States", "Zalmay Khalilzad"),
    (
        "ensure that Afghanistan will never become",
        "Zalmay Khalilzad",
    ),
    (
        "The current US government has made it clear",
        "Laurel Miller",
    ),
    (
        "Ultimately, the United States cannot achieve the peace process.",
        "Laurel Miller",
    ),
    ("It can help create conditions", "Laurel Miller"),
];

/// Ana Tolosa and Ivo Renn, the two people of many invented articles below.
fn tolosa_and_renn(text: &str) -> Vec<Entity> {
    vec![
        entity(text, "Ana Tolosa", &["Ana Tolosa"]),
        entity(text, "Ivo Renn", &["Ivo Renn"]),
    ]
}

/// Asserts that statement `i` has the speaker mention `mention`, resolved to `speaker`.
fn said_by(got: &[(&str, Option<String>, Option<&str>)], i: usize, mention: &str, speaker: &str) {
    assert_eq!(got[i].2, Some(mention), "{got:?}");
    assert_eq!(got[i].1.as_deref(), Some(speaker), "{got:?}");
}

#[test]
fn seed_statements_with_entities() {
    let (people, orgs) = seed_entities();
    let got = run(SEED, &people, &orgs);
    assert_eq!(got.len(), SEED_QUOTES.len(), "{got:#?}");
    for ((text, speaker, mention), (want_text, want_speaker)) in got.iter().zip(SEED_QUOTES) {
        assert!(text.starts_with(want_text), "{text:?} vs {want_text:?}");
        assert_eq!(speaker.as_deref(), Some(*want_speaker), "{text}");
        assert!(mention.is_some(), "{text}");
    }
    // the mentions the attributions rest on
    let mentions: Vec<&str> = got.iter().map(|g| g.2.unwrap_or_default()).collect();
    assert_eq!(
        mentions,
        [
            "Michael Cogman",
            "He",
            "He",
            "Khalilzad",
            "He",
            "He",
            "He",
            "She",
            "She",
            "She"
        ]
    );
    assert!(!got
        .iter()
        .any(|g| g.0.contains("spirit") || g.0.contains("endless war")));
}

#[test]
fn seed_statements_without_entities() {
    // the speaker mentions come from the text itself when no entity is known
    let got = run(SEED, &[], &[]);
    assert_eq!(got.len(), SEED_QUOTES.len(), "{got:#?}");
    let speakers: Vec<&str> = got.iter().map(|g| g.1.as_deref().unwrap_or("-")).collect();
    assert_eq!(speakers[0], "Michael Cogman");
    assert_eq!(speakers[3], "Khalilzad");
    assert_eq!(speakers[7], "Laurel Miller");
    assert!(got.iter().all(|g| g.2.is_some()));
}

#[test]
fn constructions() {
    // (text, people, orgs, expected (quote, speaker, mention))
    type Case<'a> = (
        &'a str,
        &'a [(&'a str, &'a [&'a str])],
        &'a [(&'a str, &'a [&'a str])],
        &'a [(&'a str, Option<&'a str>, &'a str)],
    );
    let omar: (&str, &[&str]) = ("Omar Haddad", &["Omar Haddad", "Haddad"]);
    let maria: (&str, &[&str]) = ("Maria Lopez", &["Maria Lopez", "Lopez"]);
    let ministry: (&str, &[&str]) = ("Interior Ministry", &["Interior Ministry"]);
    let cases: &[Case] = &[
        // cue after the quotation, description as speaker
        ("“We will not retreat,” the minister said.", &[], &[], &[("We will not retreat,", None, "the minister")]),
        // "said X" inversion with an apposition
        ("“The talks are over,” said Maria Lopez, a spokeswoman.", &[maria], &[], &[("The talks are over,", Some("Maria Lopez"), "Maria Lopez")]),
        // interrupted by the attribution
        (
            "“We came here to talk,” Omar Haddad said, “and we will stay until it is done.”",
            &[omar],
            &[],
            &[("We came here to talk,", Some("Omar Haddad"), "Omar Haddad"), ("and we will stay until it is done.", Some("Omar Haddad"), "Omar Haddad")],
        ),
        // colon introduction
        ("Omar Haddad told reporters on Friday: “The border is closed.”", &[omar], &[], &[("The border is closed.", Some("Omar Haddad"), "Omar Haddad")]),
        // apposition before the verb, partial quotation
        (
            "Haddad, the head of the regional council, said the plan was “a betrayal of the people”.",
            &[omar],
            &[],
            &[("a betrayal of the people", Some("Omar Haddad"), "Haddad")],
        ),
        // pronoun resolved by gender
        (
            "Maria Lopez met Omar Haddad in the capital.\n\nHe said: “We disagree on every point.”",
            &[maria, omar],
            &[],
            &[("We disagree on every point.", Some("Omar Haddad"), "He")],
        ),
        (
            "Omar Haddad met Maria Lopez in the capital.\n\nShe said that the ceasefire would “hold for now”.",
            &[maria, omar],
            &[],
            &[("hold for now", Some("Maria Lopez"), "She")],
        ),
        // organisation pronoun
        (
            "The Interior Ministry issued a statement on Monday. It said: “Three soldiers were killed.”",
            &[],
            &[ministry],
            &[("Three soldiers were killed.", Some("Interior Ministry"), "It")],
        ),
        // according to
        ("According to Omar Haddad, “the road is open again.”", &[omar], &[], &[("the road is open again.", Some("Omar Haddad"), "Omar Haddad")]),
        // continuation of the speaker's turn in the next paragraph
        (
            "“We will rebuild the town,” Maria Lopez said.\n\n“It will take years, but we will do it.”",
            &[maria],
            &[],
            &[("We will rebuild the town,", Some("Maria Lopez"), "Maria Lopez"), ("It will take years, but we will do it.", Some("Maria Lopez"), "Maria Lopez")],
        ),
        // a quotation running over two paragraphs
        (
            "Maria Lopez said: “The first part of what I want to say.\n\n“And the second part of it.”",
            &[maria],
            &[],
            &[("The first part of what I want to say.", Some("Maria Lopez"), "Maria Lopez"), ("And the second part of it.", Some("Maria Lopez"), "Maria Lopez")],
        ),
        // straight marks, speaker found in the text without entities
        ("\"Nobody will leave,\" Omar Haddad told the crowd.", &[], &[], &[("Nobody will leave,", Some("Omar Haddad"), "Omar Haddad")]),
        // British single marks
        ("‘We are ready for anything,’ the general said.", &[], &[], &[("We are ready for anything,", None, "the general")]),
        // guillemets
        ("The minister said: «We stay here whatever happens.»", &[], &[], &[("We stay here whatever happens.", None, "The minister")]),
        // dash attribution
        ("“Peace must come first, whatever it costs.” ― Maria Lopez", &[maria], &[], &[("Peace must come first, whatever it costs.", Some("Maria Lopez"), "Maria Lopez")]),
        // the speaker's name on the next line
        ("“We will never give up this valley.”\n\n— Omar Haddad", &[omar], &[], &[("We will never give up this valley.", Some("Omar Haddad"), "Omar Haddad")]),
        // inversion before a colon
        ("In other words, explained council member Omar Haddad: “Nobody asked us.”", &[omar], &[], &[("Nobody asked us.", Some("Omar Haddad"), "Omar Haddad")]),
        // participle phrase before the subject
        (
            "Speaking to reporters on Monday, Maria Lopez called the deal “a first step toward a lasting peace.”",
            &[maria],
            &[],
            &[("a first step toward a lasting peace.", Some("Maria Lopez"), "Maria Lopez")],
        ),
        // a quotation after a sentence about its speaker
        (
            "Maria Lopez spoke only briefly at the border crossing.\n\n“We have to keep the road open for everyone.”",
            &[maria],
            &[],
            &[("We have to keep the road open for everyone.", Some("Maria Lopez"), "Maria Lopez")],
        ),
        // scare quotes, terms and titles are not statements
        ("The so-called “peace plan” was rejected by everyone.", &[], &[], &[]),
        ("The rebels broke the “spirit” of the agreement, officials said.", &[], &[], &[]),
        ("He appeared on “Talk of the Valley” on Sunday.", &[], &[], &[]),
        ("Rep. Robert “Bobby” Scott opened his garden to visitors.", &[], &[], &[]),
        ("Apostrophes in the rebels’ camp and the ’90s do not open quotations.", &[], &[], &[]),
    ];
    for (text, people, orgs, want) in cases {
        let people: Vec<Entity> = people.iter().map(|(n, s)| entity(text, n, s)).collect();
        let orgs: Vec<Entity> = orgs.iter().map(|(n, s)| entity(text, n, s)).collect();
        let got = run(text, &people, &orgs);
        let want: Vec<(&str, Option<String>, Option<&str>)> = want
            .iter()
            .map(|(q, s, m)| (*q, s.map(str::to_string), Some(*m)))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn bad_input_does_not_panic() {
    for text in [
        "“",
        "\"",
        "”“",
        "« »",
        "“ ”",
        "a “b",
        "’’’‘‘‘",
        "“x” said",
        "said “",
        "He said: “",
    ] {
        let _ = run(text, &[], &[]);
    }
    // blocks outside the text or off char boundaries are ignored
    let text = "“Ünïcode” said Ann.";
    let blocks = [
        Block {
            kind: BlockKind::Body,
            start: 1,
            end: 200,
        },
        Block {
            kind: BlockKind::Body,
            start: 1,
            end: 5,
        },
    ];
    assert!(extract(text, &blocks, &[], &[]).is_empty());
}

#[test]
fn seed_through_the_extractor() {
    // whatever the entity stage finds, every statement gets its speaker
    let doc = crate::Document::from_plain_text("seed".into(), "seed".into(), SEED.to_string());
    let article = crate::Extractor::new().extract(doc);
    let speakers: Vec<String> = article
        .quotes
        .iter()
        .filter(|q| q.kind == crate::model::QuoteKind::Statement)
        .map(|q| q.speaker.clone().unwrap_or_default())
        .collect();
    let want = [
        "Cogman",
        "Cogman",
        "Cogman",
        "Khalilzad",
        "Khalilzad",
        "Khalilzad",
        "Khalilzad",
        "Miller",
        "Miller",
        "Miller",
    ];
    assert_eq!(speakers.len(), want.len(), "{speakers:?}");
    for (got, want) in speakers.iter().zip(want) {
        assert!(got.ends_with(want), "{speakers:?}");
    }
}

#[test]
fn seed_terms_are_flagged_not_dropped() {
    let (people, orgs) = seed_entities();
    let all = extract(SEED, &body(SEED), &people, &orgs);
    let terms: Vec<&str> = all
        .iter()
        .filter(|q| q.kind == QuoteKind::Term)
        .map(|q| q.text.as_str())
        .collect();
    assert!(
        terms.contains(&"spirit") && terms.contains(&"endless war"),
        "{terms:?}"
    );
    assert!(all
        .iter()
        .filter(|q| q.kind == QuoteKind::Term)
        .all(|q| q.speaker.is_none()));
}

#[test]
fn cue_lemmas() {
    for (form, lemma) in [
        ("said", "say"),
        ("Says", "say"),
        ("told", "tell"),
        ("warned", "warn"),
        ("WARNED", "warn"),
        ("denied", "deny"),
        ("according to", "according to"),
        ("snapped", "snap"),
        ("barked", "bark"),
    ] {
        assert_eq!(cue_lemma(form).as_deref(), Some(lemma), "{form}");
    }
    assert_eq!(cue_lemma(":"), None);
    assert_eq!(cue_lemma("―"), None);
}

#[test]
fn speakers_lose_cues_and_descriptors() {
    // (speaker, is an organisation, name, descriptor); invented names
    let table: &[(&str, bool, &str, Option<&str>)] = &[
        ("ADA QUORVE INSISTED", false, "ADA QUORVE", None),
        (
            "veteran lawmaker Ada Quorve",
            false,
            "Ada Quorve",
            Some("veteran lawmaker"),
        ),
        (
            "Northern front-runner Ivo Renn",
            false,
            "Ivo Renn",
            Some("Northern front-runner"),
        ),
        ("Ministry of Defence", true, "Ministry of Defence", None),
        ("Ilse van Dorn", false, "Ilse van Dorn", None),
        // a title inside the capitalised run
        (
            "Energy Secretary Orrin Quorve",
            false,
            "Orrin Quorve",
            Some("Energy Secretary"),
        ),
        (
            "veteran Board Chairman Ada Quorve",
            false,
            "Ada Quorve",
            Some("veteran Board Chairman"),
        ),
        ("QRVF General Command", false, "QRVF General Command", None),
        // a capitalised word of a name that is also a reporting verb stays
        ("Velbury Post", true, "Velbury Post", None),
        ("Ada Quorve said", false, "Ada Quorve", None),
        ("Ana Tolosa States", false, "Ana Tolosa", None),
        ("Velbury States", true, "Velbury States", None),
        ("Velbury States", false, "Velbury States", None),
    ];
    for &(speaker, org, name, descriptor) in table {
        assert_eq!(
            clean_speaker(speaker, org),
            (name.to_string(), descriptor.map(str::to_string)),
            "{speaker}"
        );
    }
}

#[test]
fn display_text_leaves_outside_punctuation_out() {
    let text = "“We will stay,” said Ada Quorve. “The bridge opens in May,.” she added; “Never;” he wrote.";
    let ents = [entity(text, "Ada Quorve", &["Ada Quorve"])];
    let quotes = extract(text, &body(text), &ents, &[]);
    let shown: Vec<&str> = quotes.iter().map(|q| q.display.as_str()).collect();
    assert_eq!(shown, ["We will stay", "The bridge opens in May", "Never"]);
    assert_eq!(quotes[0].text, "We will stay,");
    assert_eq!(quotes[0].cue_lemma.as_deref(), Some("say"));
    assert_eq!(crate::model::display_text("Is it over?"), "Is it over?");
}

#[test]
fn descriptor_is_kept_apart() {
    let text = "“The dam will hold,” said veteran engineer Ada Quorve on Monday.";
    let quotes = extract(text, &body(text), &[], &[]);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Ada Quorve"));
    assert_eq!(quotes[0].descriptor.as_deref(), Some("veteran engineer"));
}

#[test]
fn definite_descriptions_are_the_actor_the_article_introduced_with_them() {
    // Invented text: "the spokesman" is the one person introduced as a spokesman, "the
    // company" the one company; an indefinite "a spokesman said" introduces no one.
    let text = "Talks resumed on Monday, said Ivo Renn, a spokesman for the ministry, in the capital.\n\n\"We expect a deal by Friday,\" the spokesman said.\n\nVelmora Corp raised its forecast. \"Sales were strong,\" the company said.";
    let people = vec![entity(text, "Ivo Renn", &["Ivo Renn"])];
    let orgs = vec![entity(text, "Velmora Corp", &["Velmora Corp"])];
    let got = run(text, &people, &orgs);
    assert_eq!(got[0].1.as_deref(), Some("Ivo Renn"), "{got:?}");
    assert_eq!(got[0].2, Some("the spokesman"));
    assert_eq!(got[1].1.as_deref(), Some("Velmora Corp"), "{got:?}");
    // a name followed by ", a spokesman said" is not the spokesman
    let text = "The visit by Ada Quorve, a finance spokesman said on Monday, went well.\n\n\"No conclusion yet,\" the spokesman said.";
    let people = vec![entity(text, "Ada Quorve", &["Ada Quorve"])];
    let got = run(text, &people, &[]);
    assert_eq!(got[0].1, None, "{got:?}");
    // a possessive after the name whose apostrophe is typographic (a crash the mutation fuzz
    // target found: the noun was compared by byte length, inside the apostrophe)
    let text =
        "Ivo Renn, the Quorv’s aide, spoke on Monday.\n\n\"We will wait,\" the analyst said.";
    let people = vec![entity(text, "Ivo Renn", &["Ivo Renn"])];
    assert_eq!(run(text, &people, &[]).len(), 1);
    // two spokesmen: the description stays unresolved
    let text = "Ivo Renn, a spokesman for the army, and Bo Tarn, a spokesman for the police, spoke.\n\n\"Calm has returned,\" the spokesman said.";
    let people = vec![
        entity(text, "Ivo Renn", &["Ivo Renn"]),
        entity(text, "Bo Tarn", &["Bo Tarn"]),
    ];
    let got = run(text, &people, &[]);
    assert_eq!(got[0].1, None, "{got:?}");
}

#[test]
fn a_one_word_name_is_a_surname_of_either_gender() {
    // "Carmen" is a given name of women, but alone it is this man's surname
    let t = "Title\n\nThe council met on Monday. Carmen opened the session as he urged members to vote.\n\nAsked about the budget, he said \"we will not raise taxes this year.\"\n";
    let people = vec![entity(t, "Carmen", &["Carmen"])];
    let got = run(t, &people, &[]);
    assert_eq!(got[0].1.as_deref(), Some("Carmen"), "{got:?}");
}

#[test]
fn a_pronoun_takes_up_the_subject_of_a_reporting_verb() {
    // the entity stage missed the name; the subject of "said" is still the antecedent
    let t = "Title\n\nDeputy Minister Ostrava said the plant would reopen in May.\n\n\"We are ready to start again,\" he said.\n";
    let got = run(t, &[], &[]);
    assert_eq!(got[0].1.as_deref(), Some("Ostrava"), "{got:?}");
    // not a name after a determiner or another capitalised word
    let t = "Title\n\nThe Northern Union said the plant would reopen.\n\n\"We are ready to start again,\" he said.\n";
    let got = run(t, &[], &[]);
    assert_eq!(got[0].1, None, "{got:?}");
}

#[test]
fn a_pronoun_prefers_a_subject_to_a_nearer_object() {
    let t = "Title\n\nUnion leader Ada Brennick wrote to President Tomas Velm on Friday about the closures.\n\n\"We expect an answer within a week,\" she said.\n\nBrennick met Tomas Velm later.\n\n\"The talks went well,\" he said.\n";
    let people = vec![
        entity(t, "Ada Brennick", &["Ada Brennick", "Brennick"]),
        entity(t, "Tomas Velm", &["Tomas Velm"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got[0].1.as_deref(), Some("Ada Brennick"), "{got:?}");
    let t = "Title\n\nMiners' leader Piet Arnhem sent a letter to President Tomas Velm on Friday about the closures.\n\n\"We expect an answer within a week,\" he said.\n";
    let people = vec![
        entity(t, "Piet Arnhem", &["Piet Arnhem"]),
        entity(t, "Tomas Velm", &["Tomas Velm"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got[0].1.as_deref(), Some("Piet Arnhem"), "{got:?}");
}

#[test]
fn a_spokesman_of_a_named_organisation_makes_it_the_speaker() {
    let t = "Title\n\n\"The shipments will resume next week,\" a Norland Mills spokesman said.\n\n\"No one was hurt,\" said a passer-by.\n";
    let orgs = vec![entity(t, "Norland Mills", &["Norland Mills"])];
    let q = extract(t, &body(t), &[], &orgs);
    assert_eq!(q[0].speaker.as_deref(), Some("Norland Mills"), "{q:?}");
    assert_eq!(
        q[0].descriptor.as_deref(),
        Some("a Norland Mills spokesman"),
        "{q:?}"
    );
    // the mention is the description, as annotated
    let m = q[0].speaker_mention.unwrap();
    assert_eq!(&t[m.start..m.end], "a Norland Mills spokesman");
    assert_eq!(q[1].speaker, None, "{q:?}");
}

#[test]
fn an_as_clause_is_the_source_when_the_sentence_reports_nothing_else() {
    let people = |t: &str| {
        vec![
            entity(t, "Ora Lind", &["Ora Lind"]),
            entity(t, "Tomas Velm", &["Tomas Velm"]),
        ]
    };
    // the "as" clause is the only reporting verb: its subject is the source
    let t = "Title\n\nAs Ora Lind reported, “the mill will close before the winter and nobody will say why.”\n";
    assert_eq!(run(t, &people(t), &[])[0].1.as_deref(), Some("Ora Lind"));
    let t = "Title\n\nOf course, as Ora Lind observed, the loudest voice was not in the room:\n\n“Everyone at the table waited for a call from the capital that never came.”\n";
    assert_eq!(run(t, &people(t), &[])[0].1.as_deref(), Some("Ora Lind"));
    // beside a reporting verb of its own, it stays an aside
    let t = "Title\n\nTomas Velm said, as Ora Lind noted, “the mill will close before the winter and nobody will say why.”\n";
    assert_eq!(run(t, &people(t), &[])[0].1.as_deref(), Some("Tomas Velm"));
}

#[test]
fn a_quotations_own_cue_names_its_speaker() {
    let people = |t: &str| {
        vec![
            entity(t, "Ora Lind", &["Ora Lind", "Lind"]),
            entity(t, "Tomas Velm", &["Tomas Velm", "Velm"]),
        ]
    };
    // a colon introduces the quotation, and its own cue follows it: the cue's mention
    let t = "Title\n\nOra Lind seemed tired of the questions: “The mill stays open, and that is all,” she wrote.\n";
    let got = run(t, &people(t), &[]);
    assert_eq!(
        (got[0].1.as_deref(), got[0].2),
        (Some("Ora Lind"), Some("she")),
        "{got:?}"
    );
    // “…,” as Velm said on the radio
    let t = "Title\n\nThe claim that the mill “will close before the winter,” as Velm said on the radio, worried the town.\n";
    let got = run(t, &people(t), &[]);
    assert_eq!(got[0].1.as_deref(), Some("Tomas Velm"), "{got:?}");
}

#[test]
fn a_time_between_subject_and_verb_is_no_speaker() {
    let people = |t: &str| vec![entity(t, "Ora Lind", &["Ora Lind", "Lind"])];
    for t in [
        "Title\n\nOra Lind last week called the plan “a gift to the mill owners and nobody else.”\n",
        "Title\n\nThe mayor thanked Lind, who in the past has called the plan “a gift to the mill owners and nobody else.”\n",
        "Title\n\nOra Lind earlier this month called the plan “a gift to the mill owners and nobody else.”\n",
        "Title\n\nOra Lind on Friday called the plan “a gift to the mill owners and nobody else.”\n",
        "Title\n\nThe mayor thanked Lind, who in 2010 called the plan “a gift to the mill owners and nobody else.”\n",
    ] {
        let got = run(t, &people(t), &[]);
        assert_eq!(got[0].1.as_deref(), Some("Ora Lind"), "{t}: {got:?}");
    }
}

#[test]
fn a_verb_that_is_also_a_noun_reports_right_after_a_quotation() {
    let t = "Title\n\nThe mill owners sent a letter to every house on Friday.\n\n“We will not close the mill before the spring, whatever the ministry says,” read the letter.\n";
    let got = run(t, &[], &[]);
    assert_eq!(got[0].2, Some("the letter"), "{got:?}");
    // a noun after a quotation stays a noun: the “river tax” tweet
    let t = "Title\n\nVelm answered the “river tax” tweet with a long letter to the council.\n";
    assert!(run(t, &[], &[]).iter().all(|q| q.2 != Some("tweet")));
}

#[test]
fn a_month_that_is_a_surname_stays_the_speaker() {
    let t = "Title\n\nIlse May said the mill would open in May and called the plan “a gift to the town and its workers.”\n\nMay said the plan was “the best the town has seen in twenty years.”\n";
    let people = vec![entity(t, "Ilse May", &["Ilse May"])];
    let got = run(t, &people, &[]);
    assert_eq!(
        (got[0].1.as_deref(), got[0].2),
        (Some("Ilse May"), Some("Ilse May")),
        "{got:?}"
    );
    assert_eq!(got[1].2, Some("May"), "{got:?}");
}

#[test]
fn an_ordinary_word_opening_a_sentence_names_no_speaker() {
    // "There will": no speaker called "There"; the short phrase is a term
    let t = "Title\n\nThere will be three prices for each contract, one of them “at the mill gate,” and two above it.\n";
    assert!(
        run(t, &[], &[])
            .iter()
            .all(|q| q.1.as_deref() != Some("There")),
        "{:?}",
        run(t, &[], &[])
    );
    // "Officials said": the description is the mention, not a name
    let t = "Title\n\nOfficials said the mill would stay shut “until the river is safe for the workers again.”\n";
    let got = run(t, &[], &[]);
    assert_eq!(
        (got[0].1.as_deref(), got[0].2),
        (None, Some("Officials")),
        "{got:?}"
    );
    // a surname the lexicon also writes in lower case stays a name when the article names the person
    let t = "Title\n\nIlse Baker runs the mill.\n\nBaker said the mill would stay shut “until the river is safe for the workers again.”\n";
    let people = vec![entity(t, "Ilse Baker", &["Ilse Baker"])];
    let got = run(t, &people, &[]);
    assert_eq!(got[0].1.as_deref(), Some("Ilse Baker"), "{got:?}");
}

#[test]
fn a_place_and_its_region_after_an_opening_phrase_are_no_subject() {
    let t = "Title\n\nAddressing the mill workers in Dunmore, North Velland, Tomas Orrin turned on Kade Brell, calling him “a poor keeper of the river.”\n";
    let people = vec![
        entity(t, "Tomas Orrin", &["Tomas Orrin"]),
        entity(t, "Kade Brell", &["Kade Brell"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got[0].1.as_deref(), Some("Tomas Orrin"), "{got:?}");
    // without a place before the comma the words after it are the subject
    let t = "Title\n\nAddressing the mill workers on Friday, Tomas Orrin turned on Kade Brell, calling him “a poor keeper of the river.”\n";
    let people = vec![
        entity(t, "Tomas Orrin", &["Tomas Orrin"]),
        entity(t, "Kade Brell", &["Kade Brell"]),
    ];
    assert_eq!(run(t, &people, &[])[0].1.as_deref(), Some("Tomas Orrin"));
}

#[test]
fn a_verb_outside_the_cue_list_before_a_name_that_ends_the_sentence() {
    let t = "Title\n\n“Who will pay for the new bridge over the river?” reacted Tomas Orrin.\n";
    let got = run(t, &[], &[]);
    assert_eq!(got[0].1.as_deref(), Some("Tomas Orrin"), "{got:?}");
    // the name goes on into a clause: no speaker from the verb
    let t = "Title\n\n“Who will pay for the new bridge over the river?” prompted Tomas Orrin to leave the hall.\n";
    assert!(run(t, &[], &[])
        .iter()
        .all(|q| q.1.as_deref() != Some("Tomas Orrin")));
}

#[test]
fn an_abbreviation_in_brackets_after_a_name_ends_no_sentence() {
    for t in [
        "Title\n\nSen. Ilse Quorve (D-Nor.) said, “We will not close the mill before the spring.”\n",
        "Title\n\nBut Sen. Ilse Quorve (D-Nor.), noting the size of the crowd, said, “We will not close the mill before the spring.”\n",
    ] {
        let people = vec![entity(t, "Ilse Quorve", &["Ilse Quorve"])];
        let got = run(t, &people, &[]);
        assert_eq!(got[0].1.as_deref(), Some("Ilse Quorve"), "{t}: {got:?}");
    }
}

#[test]
fn a_name_right_before_a_short_quotation_without_a_cue_is_no_speaker() {
    // Invented text: an organisation's name used as a modifier of a scare-quoted term
    let text = "By the fall of the year, Velmar Party \"super funds\" backed by two brothers had spent millions.\n";
    let orgs = [entity(text, "Velmar Party", &["Velmar Party"])];
    let all = extract(text, &body(text), &[], &orgs);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].kind, QuoteKind::Term, "{all:?}");
    assert!(all[0].speaker.is_none(), "{all:?}");
}

#[test]
fn a_so_called_quotation_is_a_term_even_after_a_name() {
    // Invented text: the subject of the sentence is a person, but what the writer calls
    // "so-called" is a name held at arm's length, not the person's statement
    let text = "Tarvela, backed by the army, held on even as Brell sent arms to the so-called \"patriots\" in the hills.\n";
    let people = [
        entity(text, "Tarvela", &["Tarvela"]),
        entity(text, "Brell", &["Brell"]),
    ];
    let all = extract(text, &body(text), &people, &[]);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].kind, QuoteKind::Term, "{all:?}");
}

#[test]
fn a_place_after_a_preposition_is_not_the_speaker() {
    let t = "“Prices will rise before the harvest,” one grain trader in Velmora said.\n\n\
             “We expect a slow year for the mills,” an adviser to the Tarvel Group in Kelmore \
             said.\n";
    let got = run(t, &[], &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].1, None, "{got:?}");
    assert_eq!(got[0].2, Some("one grain trader in Velmora"), "{got:?}");
    assert_eq!(got[1].1, None, "{got:?}");
}

#[test]
fn a_name_before_its_description_speaks() {
    let t = "Ivo Renn, economist at Quorvy Bank said “we expect a slow year for the mills.”\n\n\
             Secretary of State Ana Quorve said the talks would resume “within the month.”\n";
    let people = vec![entity(t, "Ivo Renn", &["Ivo Renn"])];
    let orgs = vec![entity(t, "Quorvy Bank", &["Quorvy Bank"])];
    let got = run(t, &people, &orgs);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Ivo Renn"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ana Quorve"), "{got:?}");
}

#[test]
fn a_dateline_is_no_subject() {
    let t =
        "VELBURY, March 3 - Ivo Renn met the growers on Monday, admitting he was “puzzled.”\n\n\
             Kelmore: Ana Quorve toured the mills, calling the levy “totally unjustified.”\n";
    let people = vec![
        entity(t, "Ivo Renn", &["Ivo Renn"]),
        entity(t, "Ana Quorve", &["Ana Quorve"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Ivo Renn"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ana Quorve"), "{got:?}");
}

#[test]
fn a_name_after_a_description_and_a_comma_speaks() {
    let t = "The agency found no ties “of any real weight,” said the agency’s director, Orrin B. \
             Velm, on Monday.\n\n\
             “We have not decided anything,” said a Quorvy Bank spokesman, Ivo Renn.\n\n\
             “The mills will close,” said the union’s leader, Kelmore.\n";
    let people = vec![
        entity(t, "Orrin B. Velm", &["Orrin B. Velm"]),
        entity(t, "Ivo Renn", &["Ivo Renn"]),
    ];
    let orgs = vec![entity(t, "Quorvy Bank", &["Quorvy Bank"])];
    let got = run(t, &people, &orgs);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Orrin B. Velm"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ivo Renn"), "{got:?}");
    // (a place the tagger did not take for a person is no apposition)
    assert_eq!(got[2].1, None, "{got:?}");
}

#[test]
fn a_job_of_a_field_before_a_name_describes_that_person() {
    let t = "“We were only talking,” Quorvy Press vice-president of finance Ivo Renn said.\n\n\
             “The levy stays,” Ana Tolosa of the Velbury Institute said.\n\n\
             “Costs will rise,” Ana Tolosa of broker Quorvy Hale said.\n";
    let people = vec![
        entity(t, "Ivo Renn", &["Ivo Renn"]),
        entity(t, "Ana Tolosa", &["Ana Tolosa"]),
        // (the tagger may take a broker's name for a person)
        entity(t, "Quorvy Hale", &["Quorvy Hale"]),
    ];
    let orgs = vec![
        entity(t, "Quorvy Press", &["Quorvy Press"]),
        entity(t, "Velbury Institute", &["Velbury Institute"]),
    ];
    let got = run(t, &people, &orgs);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Ivo Renn"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
    assert_eq!(got[2].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
}

#[test]
fn whom_a_report_quotes_as_saying_speaks() {
    let t = "The daily Kelmore Post reported Prince Orrin Velm as saying: “A study of the boats \
             is done.”\n\n\
             Ivo Renn spoke to the radio on Monday. “We will answer soon,” the radio quoted him \
             as saying.\n\n\
             The Velbury Herald quoted Ana Quorve as saying “the mills will stay open.”\n\n\
             Tomas Brell and Ivo Renn met the growers. “It may turn sour,” a source quoted them \
             as saying.\n";
    let people = vec![
        entity(t, "Orrin Velm", &["Orrin Velm"]),
        entity(t, "Ivo Renn", &["Ivo Renn"]),
        entity(t, "Ana Quorve", &["Ana Quorve"]),
        entity(t, "Tomas Brell", &["Tomas Brell"]),
    ];
    let orgs = vec![
        entity(t, "Kelmore Post", &["Kelmore Post"]),
        entity(t, "Velbury Herald", &["Velbury Herald"]),
    ];
    let got = run(t, &people, &orgs);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Orrin Velm"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ivo Renn"), "{got:?}");
    assert_eq!(got[2].1.as_deref(), Some("Ana Quorve"), "{got:?}");
    // (a plural stands for several people: none of them alone)
    assert_ne!(got[3].1.as_deref(), Some("Ivo Renn"), "{got:?}");
}

#[test]
fn a_job_a_name_and_a_firm_with_and_after_a_quotation_name_the_speaker() {
    let t = "“Prices have gone up for memory parts,” analyst Ivo Renn of Quorvy Hale and Brell \
             said.\n";
    let people = vec![
        entity(t, "Ivo Renn", &["Ivo Renn"]),
        // (the tagger may read the firm's last partner as a person)
        entity(t, "Brell", &["Brell"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Ivo Renn"), "{got:?}");
}

#[test]
fn a_definite_description_with_a_modifier_is_the_actor_introduced_with_its_noun() {
    let t = "Velmoran President Ivo Renn spoke on Monday.\n\n\
             The Velmoran president said that “the raids are no longer welcome.”\n\n\
             Ana Quorve, the senator from Kelmore, spoke too. The Tarvelan senator said, “The \
             levy stays.”\n\n\
             Quorvy economists Ana Tolosa and Orrin Velm wrote the note. The Quorvy economists \
             said, “Rates \
             will stay where they are.”\n";
    let people = vec![
        entity(t, "Ivo Renn", &["Ivo Renn"]),
        entity(t, "Ana Tolosa", &["Ana Tolosa"]),
        entity(t, "Orrin Velm", &["Orrin Velm"]),
        entity(t, "Ana Quorve", &["Ana Quorve"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Ivo Renn"), "{got:?}");
    // (the senator introduced is not of the place the description names)
    assert_eq!(got[1].1, None, "{got:?}");
    // (a plural is several people, not the one introduced with the singular)
    assert_eq!(got[2].1, None, "{got:?}");
}

#[test]
fn a_possessive_inside_a_name_run_ends_the_owner_before_the_speaker() {
    let t = "“The shop will stay,” said Quorvy Post's Ana Tolosa.\n\n\
             “Rates hold,” said Velm Bank's Renn, who met Ivo Renn last year.\n";
    let people = vec![entity(t, "Ivo Renn", &["Ivo Renn"])];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ivo Renn"), "{got:?}");
}

#[test]
fn a_first_or_second_person_possessive_opens_a_speaker_phrase() {
    let t = "Ivo Renn, the harbour chairman, spoke on Monday.\n\n\
             “We will not sell the docks,” my uncle often said.\n\n\
             “Keep the boats,” your sister told the crew.\n";
    let people = vec![entity(t, "Ivo Renn", &["Ivo Renn"])];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].2, Some("my uncle"), "{got:?}");
    assert_eq!(got[1].2, Some("your sister"), "{got:?}");
}

#[test]
fn a_reporting_clause_ending_the_sentence_before_a_quotation_names_its_speaker() {
    let t = "Ana Tolosa, the mayor, opened the fair.\n\n\
             The talks on the docks will go on, Orrin Velm said on Monday. “The cranes cost \
             more than the ships.”\n\n\
             The harbour will close in May, said Ivo Renn.\n\n\
             “We have no money for the new quay.”\n\n\
             Ana Tolosa's remarks came on Sunday, the Quorvy Post reported.\n\n\
             “The fair will stay in the old square for as long as I am the mayor.”\n";
    let people = vec![
        entity(t, "Ana Tolosa", &["Ana Tolosa"]),
        entity(t, "Orrin Velm", &["Orrin Velm"]),
        entity(t, "Ivo Renn", &["Ivo Renn"]),
    ];
    let orgs = vec![entity(t, "Quorvy Post", &["Quorvy Post"])];
    let got = run(t, &people, &orgs);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Orrin Velm"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ivo Renn"), "{got:?}");
    // (a newspaper's account of the remarks does not make it their speaker)
    assert_ne!(got[2].1.as_deref(), Some("Quorvy Post"), "{got:?}");
}

#[test]
fn as_a_source_put_it_or_per_a_source_after_a_quotation_names_it() {
    let t = "Ivo Renn, the harbour chairman, spoke on Monday.\n\n\
             The fund needs a “clean and steady source of harbour money,” as a Quorvy Bank memo put \
             it.\n\n\
             Members may not vote by letter “to fill a seat on the board,” per the harbour's \
             bylaws.\n\n\
             Shares rose “well above what anyone expected,” per cent of the gain came late.\n";
    let people = vec![entity(t, "Ivo Renn", &["Ivo Renn"])];
    let got = run(t, &people, &[]);
    assert_eq!(got[0].2, Some("a Quorvy Bank memo"), "{got:?}");
    assert_eq!(got[1].2, Some("the harbour's bylaws"), "{got:?}");
    assert!(got.get(2).is_none_or(|q| q.2 != Some("cent")), "{got:?}");
}

#[test]
fn a_quotation_ending_its_sentence_belongs_to_the_verb_before_it() {
    let t = "In a filing on Monday, bureau counsel Ivo Renn said the probe is “still open.” He \
             said the bureau had not named its focus.\n\n\
             Ana Tolosa asked the board a question. “Why would you sell the docks now?” asked \
             Orrin Velm, the harbour master.\n";
    let people = vec![
        entity(t, "Ivo Renn", &["Ivo Renn"]),
        entity(t, "Ana Tolosa", &["Ana Tolosa"]),
        entity(t, "Orrin Velm", &["Orrin Velm"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].2, Some("Ivo Renn"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Orrin Velm"), "{got:?}");
}

#[test]
fn the_head_before_a_participle_and_its_place_is_the_speaker() {
    let t = "Dockers marching through the old town chanted “Open the docks now!” until dawn.\n\n\
             Ana Tolosa, standing outside the hall, said “the fair stays in the square.”\n";
    let people = vec![entity(t, "Ana Tolosa", &["Ana Tolosa"])];
    let got = run(t, &people, &[]);
    assert_eq!(got[0].2, Some("Dockers"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
}

#[test]
fn a_participle_after_an_attributed_quotation_of_its_sentence_goes_on_with_its_speaker() {
    let t = "Ivo Renn spoke at the fair.\n\n\
             \"We face real issues. The voters do not agree with Velm,\" Renn said, suggesting a \
             few questions, including, \"Mr. Velm, do you really think the rich need a tax \
             break?\"\n";
    let people = vec![entity(t, "Ivo Renn", &["Ivo Renn", "Renn"])];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ivo Renn"), "{got:?}");
}

#[test]
fn a_participle_clause_goes_on_with_the_speaker_of_its_sentence() {
    let t = "Orrin Velm spoke at the fair.\n\n\
             The mayor's plans for the docks are “a waste of good money,” Ana Tolosa said on \
             Tuesday in Velbury, noting that the mayor “makes you want to leave the town for good.”\n";
    let people = vec![
        entity(t, "Ana Tolosa", &["Ana Tolosa"]),
        entity(t, "Orrin Velm", &["Orrin Velm"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
}

#[test]
fn a_possessive_claim_that_holds_a_quotation_is_its_owners() {
    let t = "Ana Tolosa spoke at the fair.\n\n\
             The Quorvy Post seized on Velm’s claim that there have been “thousands of thefts at \
             the docks” this year alone.\n\n\
             The paper checked Orrin Velm's assertion that the port had “never been safer than \
             it is today” with the police.\n\n\
             Ana Tolosa said on Monday that Velm's claim that the docks are closed is “simply not \
             true at all.”\n";
    let people = vec![
        entity(t, "Ana Tolosa", &["Ana Tolosa"]),
        entity(t, "Orrin Velm", &["Orrin Velm", "Velm"]),
    ];
    let orgs = vec![entity(t, "Quorvy Post", &["Quorvy Post"])];
    let got = run(t, &people, &orgs);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Orrin Velm"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Orrin Velm"), "{got:?}");
    // (under a reporting verb of its own sentence, the claim is judged, not quoted)
    assert_eq!(got[2].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
}

#[test]
fn her_remark_that_and_which_a_name_calls_name_the_speaker() {
    let t = "Ana Tolosa, the mayor, spoke at the fair.\n\n\
             The mayor stirred a row this spring over her remark that “there is a special place \
             for those who sell the docks.”\n\n\
             The harbour has a long past in the city, one which the historian Ivo Renn calls “the \
             oldest trade of the whole coast” in his book.\n";
    let people = tolosa_and_renn(t);
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    said_by(&got, 0, "her", "Ana Tolosa");
    assert_eq!(got[1].1.as_deref(), Some("Ivo Renn"), "{got:?}");
}

#[test]
fn a_turn_named_again_by_the_paragraph_before_takes_that_nearer_mention() {
    let t = "“The docks stay open,” Ana Tolosa said on Monday. Tolosa kept her remarks on the \
             banks short.\n\n\
             “If any bank fails the port, it should be closed.”\n";
    let people = vec![entity(t, "Ana Tolosa", &["Ana Tolosa", "Tolosa"])];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
    assert_eq!(got[1].2, Some("Tolosa"), "{got:?}");
}

#[test]
fn a_span_of_time_counted_back_or_on_opens_the_sentence_before_its_subject() {
    let t = "Ana Tolosa left the port board in May.\n\n\
             Two weeks later, she sent the council a note calling the sale “a theft from the city and \
             its workers.”\n\n\
             Ivo Renn sold his boats in the spring. Years ago, he told the council the docks were \
             “the last good thing this town has.”\n";
    let people = tolosa_and_renn(t);
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    said_by(&got, 0, "she", "Ana Tolosa");
    said_by(&got, 1, "he", "Ivo Renn");
}

#[test]
fn a_turn_named_again_in_a_sentence_that_quotes_it_takes_that_nearer_mention() {
    let t = "In a note on Monday, the mayor Ana Tolosa was calmer than the council. Though she \
             called the sale “reckless” and asked for the fees to be “paid back” by the board, \
             Tolosa kept her remarks on the banks short.\n\n\
             “If any bank fails the port, it should be closed.”\n";
    let people = vec![entity(t, "Ana Tolosa", &["Ana Tolosa", "Tolosa"])];
    let got = run(t, &people, &[]);
    let last = got.last().expect("quotes");
    assert_eq!(last.1.as_deref(), Some("Ana Tolosa"), "{got:?}");
    assert_eq!(last.2, Some("Tolosa"), "{got:?}");
}

#[test]
fn an_opening_phrase_with_two_adjectives_ends_at_its_second_comma() {
    let t = "After a long, late-night session, the Velbury Council issued a note calling the \
             port sale “a loss for every family in the valley.”\n";
    let orgs = vec![entity(t, "Velbury Council", &["Velbury Council"])];
    let got = run(t, &[], &orgs);
    assert_eq!(got.len(), 1, "{got:?}");
    said_by(&got, 0, "Velbury Council", "Velbury Council");
}

#[test]
fn a_past_verb_and_its_object_after_a_name_end_the_speaker_phrase() {
    let t = "On Friday, the Velbury Council issued a note calling the port sale “a loss for \
             every family in the valley.” The Kelmore armed forces said they had “no part in \
             the sale of the docks.”\n";
    let orgs = vec![
        entity(t, "Velbury Council", &["Velbury Council"]),
        entity(t, "Kelmore armed forces", &["Kelmore armed forces"]),
    ];
    let got = run(t, &[], &orgs);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].2, Some("Velbury Council"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Kelmore armed forces"), "{got:?}");
}

#[test]
fn a_reporting_clause_ending_the_sentence_names_the_speaker_of_quotations_inside_it() {
    let t = "The pledge to “keep the docks open” and “bring the ships back” appeals to older \
             workers who remember the trade, said Ana Tolosa, a historian at Velbury College.\n\n\
             Fees were “flat for a season or two” while the harbour waited on the vote, port \
             spokesman Ivo Renn said.\n";
    let people = tolosa_and_renn(t);
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
    assert_eq!(got[2].1.as_deref(), Some("Ivo Renn"), "{got:?}");
}

#[test]
fn a_quotation_in_a_relative_clause_is_said_by_its_who() {
    let t = "The harbour board, which met on Monday, heard from Ana Tolosa and Ivo Renn.\n\n\
             Tolosa, who has long cast herself as the “voice of the working docks,” has taken a \
             hard line on the sale.\n";
    let people = vec![
        entity(t, "Ana Tolosa", &["Ana Tolosa", "Tolosa"]),
        entity(t, "Ivo Renn", &["Ivo Renn"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 1, "{got:?}");
    said_by(&got, 0, "who", "Ana Tolosa");
}

#[test]
fn a_possessive_comment_or_warning_before_that_owns_its_quotation() {
    let t = "The dockers' union is unlikely to back Ana Tolosa after her spring comment that, \
             “the old cranes will have to go, and soon.”\n\n\
             Ivo Renn shook the hall with his warning at the hearing that the port would fall \
             “to the back of every queue” without the sale.\n";
    let people = tolosa_and_renn(t);
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    said_by(&got, 0, "her", "Ana Tolosa");
    said_by(&got, 1, "his", "Ivo Renn");
}

#[test]
fn a_reporting_clause_inside_another_speakers_that_clause_is_reported_by_that_speaker() {
    let t = "Ana Tolosa said at a rally in Velbury that Ivo Renn once called the port sale “the \
             best deal the valley ever made.”\n\n\
             Orrin Velm scorned what Renn called “a fair price for old cranes.”\n";
    let people = vec![
        entity(t, "Ana Tolosa", &["Ana Tolosa"]),
        entity(t, "Ivo Renn", &["Ivo Renn", "Renn"]),
        entity(t, "Orrin Velm", &["Orrin Velm"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
    // (a verb that reports no speech keeps the quotation with the inner speaker)
    assert_eq!(got[1].1.as_deref(), Some("Ivo Renn"), "{got:?}");
}

#[test]
fn an_opening_according_to_reports_the_speaker_of_its_sentence() {
    let t =
        "According to the Velbury Courier, port spokesman Ivo Renn said on Friday that the board \
             “would sign the sale if it reached the table.”\n";
    let people = vec![entity(t, "Ivo Renn", &["Ivo Renn"])];
    let orgs = vec![entity(t, "Velbury Courier", &["Velbury Courier"])];
    let got = run(t, &people, &orgs);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Velbury Courier"), "{got:?}");
}

#[test]
fn an_opening_phrase_ends_at_a_comma_inside_a_quoted_title() {
    let t = "“The cranes stay,” Orrin Velm said on the radio.\n\n\
             On “Velbury Today,” Ana Tolosa, who ran for mayor in the spring, set out her own \
             plan for the port. “The docks will outlive every one of us in this room.”\n";
    let people = vec![
        entity(t, "Orrin Velm", &["Orrin Velm"]),
        entity(t, "Ana Tolosa", &["Ana Tolosa"]),
    ];
    let got = run(t, &people, &[]);
    let last = got.last().expect("quotes");
    assert_eq!(last.1.as_deref(), Some("Ana Tolosa"), "{got:?}");
}

#[test]
fn according_to_inside_the_sentence_reports_it() {
    let t = "Ivo Renn watched the vote on Monday, according to the Velbury Courier, and said he \
             left with “more doubts than answers about the docks.”\n";
    let people = vec![entity(t, "Ivo Renn", &["Ivo Renn"])];
    let orgs = vec![entity(t, "Velbury Courier", &["Velbury Courier"])];
    let got = run(t, &people, &orgs);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Velbury Courier"), "{got:?}");
}

#[test]
fn a_participle_opening_the_sentence_speaks_for_the_subject_after_it() {
    let t = "Ana Tolosa toured the docks on Monday.\n\n\
             After saying the old crane was “too rusty to lift a single crate,” she left the \
             pier by boat.\n";
    let people = vec![entity(t, "Ana Tolosa", &["Ana Tolosa"])];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 1, "{got:?}");
    said_by(&got, 0, "she", "Ana Tolosa");
}

#[test]
fn according_to_a_description_reports_a_sentence_whose_subject_names_no_one() {
    let t = "Velm's widow watched the tapes on Thursday, according to her lawyers, and said she \
             came away with “more doubts than answers about the night.”\n";
    let got = run(t, &[], &[]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, Some("her lawyers"), "{got:?}");
}

#[test]
fn a_party_and_state_of_any_state_and_titles_in_capitals_keep_their_period() {
    let t = "The harbour board met on Monday in the town hall of Velbury for the third time.\n\n\
             “The docks will stay open for every family,” Sen. Ana Tolosa (D-Vel.) said.\n\n\
             “It is a bit of magic when the ships come in,” MS. Tolosa said.\n\n\
             “Our view is that the sale will fail,” Senate leader Ivo Renn, R-Kel., said Tuesday.\n";
    let people = vec![
        entity(t, "Ana Tolosa", &["Ana Tolosa", "Tolosa"]),
        entity(t, "Ivo Renn", &["Ivo Renn"]),
    ];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Ana Tolosa"), "{got:?}");
    assert_eq!(got[2].1.as_deref(), Some("Ivo Renn"), "{got:?}");
}

#[test]
fn a_negated_auxiliary_is_no_speaker() {
    let t = "Ivo Renn notes that the docks have rules too: a trader can’t yell “sell every crane \
             now” in a full market hall.\n";
    let people = vec![entity(t, "Ivo Renn", &["Ivo Renn"])];
    let got = run(t, &people, &[]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, Some("a trader"), "{got:?}");
}
