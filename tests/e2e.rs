//! End-to-end tests of the real `sitrep` binary in a temporary folder.

mod common;
use common::*;

#[test]
fn index_then_search_by_keyword_and_person() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    let out = sitrep(tmp.path(), &["index", articles.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "index failed: {}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(summary["files_read"], 4);
    assert_eq!(summary["articles_total"], 4);
    assert_eq!(summary["skipped"].as_array().unwrap().len(), 0);

    // keyword
    let out = sitrep(tmp.path(), &["search", "Khalilzad", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&stdout(&out));
    let hits: Vec<_> = lines.iter().filter(|l| l["type"] == "article").collect();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0]["hit"];
    assert_eq!(hit["title"], "US seeks to salvage Afghan peace after attacks but leverage wanes");
    assert!(hit["people"].as_array().unwrap().iter().any(|p| p == "Zalmay Khalilzad"), "{hit}");
    assert!(hit["snippet"].as_str().unwrap().contains("<mark>Khalilzad</mark>"));
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["total"], 1);

    // person filter, with a facet
    let out = sitrep(tmp.path(), &["search", "--person", "Zalmay Khalilzad", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.last().unwrap()["total"], 1);
    let people = lines.last().unwrap()["facets"]["people"].as_array().unwrap().clone();
    assert!(people.iter().any(|p| p["value"] == "Zalmay Khalilzad" && p["count"] == 1));

    // boolean and phrase queries
    let out = sitrep(tmp.path(), &["search", "\"peace process\" OR truce", "--format", "json"]);
    assert_eq!(json_lines(&stdout(&out)).last().unwrap()["total"], 2);
    let out = sitrep(tmp.path(), &["search", "talks NOT Doha", "--format", "json"]);
    let titles: Vec<String> = json_lines(&stdout(&out)).iter().filter_map(|l| l["hit"]["title"].as_str().map(String::from)).collect();
    assert!(!titles.iter().any(|t| t.contains("Doha")), "{titles:?}");

    // date filter: only the 2017 article
    let out = sitrep(tmp.path(), &["search", "--from", "2017-01-01", "--to", "2017-12-31", "--format", "json"]);
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.last().unwrap()["total"], 1);
    assert_eq!(lines[0]["hit"]["published"], "2017-03-14");
}

#[test]
fn exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    assert!(sitrep(tmp.path(), &["index", articles.to_str().unwrap()]).status.success());
    assert_eq!(sitrep(tmp.path(), &["search", "Khalilzad"]).status.code(), Some(0));
    assert_eq!(sitrep(tmp.path(), &["search", "zzzyzzx"]).status.code(), Some(1));
    let bad = sitrep(tmp.path(), &["search", "(unclosed"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unbalanced parenthesis"), "{}", stderr(&bad));
    let bad = sitrep(tmp.path(), &["search", "--from", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("invalid date"));
    // no index
    let empty = tempfile::tempdir().unwrap();
    let out = sitrep(empty.path(), &["search", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sitrep index"), "{}", stderr(&out));
}

#[test]
fn reindexing_does_not_duplicate() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    let a = articles.to_str().unwrap();
    assert!(sitrep(tmp.path(), &["index", a]).status.success());
    let out = sitrep(tmp.path(), &["index", a, "--format", "json"]);
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["files_unchanged"], 4);
    assert_eq!(s["files_read"], 0);
    assert_eq!(s["articles_total"], 4);
    // a changed file replaces its article; a deleted one is pruned
    std::fs::write(articles.join("flood-relief.txt"), "Flood relief reaches Sukkur\n\nAid arrived in Sukkur on Friday.\n").unwrap();
    std::fs::remove_file(articles.join("drone-strike.txt")).unwrap();
    let out = sitrep(tmp.path(), &["index", a, "--prune", "--format", "json"]);
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["files_read"], 1);
    assert_eq!(s["files_pruned"], 1);
    assert_eq!(s["articles_total"], 3);
    assert_eq!(sitrep(tmp.path(), &["search", "Sukkur"]).status.code(), Some(0));
    assert_eq!(sitrep(tmp.path(), &["search", "Mosul"]).status.code(), Some(1));
}

#[test]
fn extract_prints_the_contract_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = fixtures().join("seed/afghan-peace.txt");
    let out = sitrep(tmp.path(), &["extract", seed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 1);
    let a = &lines[0];
    for key in ["path", "id", "title", "published", "dateline", "text", "people", "organisations", "locations", "quotes"] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
    assert_eq!(a["dateline"], "Washington");
    assert_eq!(a["published"], serde_json::Value::Null);
    let text = a["text"].as_str().unwrap();
    assert_eq!(text, std::fs::read_to_string(&seed).unwrap(), "text is the file verbatim");
    // offsets are byte offsets into text
    for p in a["people"].as_array().unwrap() {
        for m in p["mentions"].as_array().unwrap() {
            let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert!(text.get(s..e).is_some(), "mention {s}..{e} is not on char boundaries");
        }
    }
    for q in a["quotes"].as_array().unwrap() {
        let (s, e) = (q["start"].as_u64().unwrap() as usize, q["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], q["text"].as_str().unwrap());
    }
}

#[test]
fn duplicates_are_stored_once_and_near_duplicates_linked() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    let a = articles.to_str().unwrap();
    // an exact copy under another name, and a wire-style near copy (new title, paragraphs swapped)
    let original = std::fs::read_to_string(articles.join("drone-strike.txt")).unwrap();
    std::fs::write(articles.join("zz-copy.txt"), &original).unwrap();
    let paras: Vec<&str> = original.split("\n\n").collect();
    let near = format!("UPDATE 1-{}\n\n{}\n\n{}\n\n{}\n\n{}\n", paras[0], paras[1], paras[2], paras[4].trim_end(), paras[3]);
    std::fs::write(articles.join("zz-update.txt"), near).unwrap();
    let out = sitrep(tmp.path(), &["index", a, "--format", "json"]);
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["exact_duplicates"], 1, "{s}");
    assert_eq!(s["near_duplicates"], 1, "{s}");
    assert_eq!(s["articles_total"], 5);

    let out = sitrep(tmp.path(), &["search", "drone", "--format", "json"]);
    assert_eq!(json_lines(&stdout(&out)).last().unwrap()["total"], 2);
    let out = sitrep(tmp.path(), &["search", "drone", "--collapse-duplicates", "--format", "json"]);
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.last().unwrap()["total"], 1);
    assert!(lines[0]["hit"]["path"].as_str().unwrap().ends_with("drone-strike.txt"));

    // the original goes: its exact copy takes over
    std::fs::remove_file(articles.join("drone-strike.txt")).unwrap();
    let out = sitrep(tmp.path(), &["index", a, "--prune", "--format", "json"]);
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["files_pruned"], 1, "{s}");
    let out = sitrep(tmp.path(), &["search", "drone", "--collapse-duplicates", "--format", "json"]);
    let lines = json_lines(&stdout(&out));
    assert!(lines.iter().any(|l| l["hit"]["path"].as_str().is_some_and(|p| p.ends_with("zz-copy.txt"))), "{lines:?}");
}
