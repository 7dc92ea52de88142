//! End-to-end tests of the real `sitrep` binary in a temporary folder.

mod common;
use common::*;

#[test]
fn index_then_search_by_keyword_and_person() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    let out = sitrep(
        tmp.path(),
        &["index", articles.to_str().unwrap(), "--format", "json"],
    );
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
    assert_eq!(
        hit["title"],
        "US seeks to salvage Afghan peace after attacks but leverage wanes"
    );
    assert!(
        hit["people"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Zalmay Khalilzad"),
        "{hit}"
    );
    assert!(hit["snippet"]
        .as_str()
        .unwrap()
        .contains("<mark>Khalilzad</mark>"));
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["total"], 1);

    // person filter, with a facet
    let out = sitrep(
        tmp.path(),
        &["search", "--person", "Zalmay Khalilzad", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.last().unwrap()["total"], 1);
    let people = lines.last().unwrap()["facets"]["people"]
        .as_array()
        .unwrap()
        .clone();
    assert!(people
        .iter()
        .any(|p| p["value"] == "Zalmay Khalilzad" && p["count"] == 1));

    // boolean and phrase queries
    let out = sitrep(
        tmp.path(),
        &["search", "\"peace process\" OR truce", "--format", "json"],
    );
    assert_eq!(json_lines(&stdout(&out)).last().unwrap()["total"], 2);
    let out = sitrep(
        tmp.path(),
        &["search", "talks NOT Doha", "--format", "json"],
    );
    let titles: Vec<String> = json_lines(&stdout(&out))
        .iter()
        .filter_map(|l| l["hit"]["title"].as_str().map(String::from))
        .collect();
    assert!(!titles.iter().any(|t| t.contains("Doha")), "{titles:?}");

    // date filter: only the 2017 article
    let out = sitrep(
        tmp.path(),
        &[
            "search",
            "--from",
            "2017-01-01",
            "--to",
            "2017-12-31",
            "--format",
            "json",
        ],
    );
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.last().unwrap()["total"], 1);
    assert_eq!(lines[0]["hit"]["published"], "2017-03-14");
}

#[test]
fn exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    assert!(sitrep(tmp.path(), &["index", articles.to_str().unwrap()])
        .status
        .success());
    assert_eq!(
        sitrep(tmp.path(), &["search", "Khalilzad"]).status.code(),
        Some(0)
    );
    assert_eq!(
        sitrep(tmp.path(), &["search", "zzzyzzx"]).status.code(),
        Some(1)
    );
    let bad = sitrep(tmp.path(), &["search", "(unclosed"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("unbalanced parenthesis"),
        "{}",
        stderr(&bad)
    );
    let bad = sitrep(tmp.path(), &["search", "--from", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("invalid date"));
    // a query that starts with '-': the error says how, and `--` takes it
    let bad = sitrep(tmp.path(), &["search", "-khalilzad"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("sitrep search -- -word"),
        "{}",
        stderr(&bad)
    );
    let out = sitrep(
        tmp.path(),
        &["search", "--format", "json", "--", "-khalilzad"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains("Khalilzad"), "{}", stdout(&out));
    // table output: one article in the singular, an empty result as a line, not an empty table
    let out = sitrep(tmp.path(), &["search", "Khalilzad"]);
    assert!(stdout(&out).contains("\n1 article, "), "{}", stdout(&out));
    let out = sitrep(tmp.path(), &["search", "zzzyzzx"]);
    assert!(
        stdout(&out).starts_with("no articles match"),
        "{}",
        stdout(&out)
    );
    // `show ID`: one article with its actors and quotations; an unknown id finds nothing
    let csv = stdout(&sitrep(
        tmp.path(),
        &["search", "Khalilzad", "--format", "csv"],
    ));
    let id = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string();
    let out = sitrep(tmp.path(), &["show", &id]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("US seeks to salvage Afghan peace"),
        "{text}"
    );
    assert!(
        text.contains("people: ") && text.contains("Zalmay Khalilzad"),
        "{text}"
    );
    assert_eq!(
        text.matches("US seeks to salvage Afghan peace").count(),
        1,
        "the title once: {text}"
    );
    assert!(text.contains("quotations:\n  “"), "{text}");
    let out = sitrep(tmp.path(), &["show", &id, "--format", "json"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap()["id"],
        id.as_str()
    );
    assert_eq!(
        sitrep(tmp.path(), &["show", "nosuchid"]).status.code(),
        Some(1)
    );
    // entity kinds in any case; a wrong one lists the kinds
    assert_eq!(
        sitrep(tmp.path(), &["entities", "PERSON"]).status.code(),
        Some(0)
    );
    let bad = sitrep(tmp.path(), &["entities", "persn"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("(types: person, organisation, location,"),
        "{}",
        stderr(&bad)
    );
    // no index
    let empty = tempfile::tempdir().unwrap();
    let out = sitrep(empty.path(), &["search", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("create one with `sitrep index PATH`"),
        "{}",
        stderr(&out)
    );
    // a relative path is shown whole, not as the bare default "index"
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["--index", "index", "search", "x"])
        .current_dir(empty.path())
        .env_remove("SITREP_CONFIG")
        .env_remove("SITREP_INDEX")
        .output()
        .unwrap();
    let cwd = std::fs::canonicalize(empty.path()).unwrap();
    assert!(
        stderr(&out).contains(&format!("no index at {}", cwd.join("index").display())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn index_threads_are_capped_at_the_cores() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    let cores = std::thread::available_parallelism().unwrap().get();
    let out = sitrep(
        tmp.path(),
        &[
            "index",
            articles.to_str().unwrap(),
            "--threads",
            "100000",
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["threads"], cores, "{s}");
    assert_eq!(s["articles_total"], 4);
    let help = stdout(&sitrep(tmp.path(), &["index", "--help"]));
    assert!(help.contains("at most the number of cores"), "{help}");
}

#[test]
fn missing_paths_are_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sitrep(tmp.path(), &["index", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no/such/folder: no such file or directory"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("index").exists(), "an index was created");

    // `serve --no-index` with a mistyped --index must fail, not serve an empty index.
    let missing = tmp.path().join("mistyped");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "serve",
            "--no-index",
            "--bind",
            "127.0.0.1:0",
            "--index",
            missing.to_str().unwrap(),
        ])
        .current_dir(tmp.path())
        .env_remove("SITREP_CONFIG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if t0.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(2),
        "serve kept running or succeeded: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("no index at"), "{}", stderr(&out));
    assert!(!missing.exists(), "serve created an empty index");
}

#[test]
fn serve_announces_an_empty_index() {
    use std::io::BufRead;
    let tmp = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .current_dir(tmp.path())
        .env_remove("SITREP_CONFIG")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    for line in std::io::BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        let done = line.contains("serving on");
        lines.push(line);
        if done {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let text = lines.join("\n");
    assert!(
        text.contains("is empty: index a folder with `sitrep index PATH`"),
        "{text}"
    );
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
    std::fs::write(
        articles.join("flood-relief.txt"),
        "Flood relief reaches Sukkur\n\nAid arrived in Sukkur on Friday.\n",
    )
    .unwrap();
    std::fs::remove_file(articles.join("drone-strike.txt")).unwrap();
    let out = sitrep(tmp.path(), &["index", a, "--prune", "--format", "json"]);
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["files_read"], 1);
    assert_eq!(s["files_pruned"], 1);
    assert_eq!(s["articles_total"], 3);
    assert_eq!(
        sitrep(tmp.path(), &["search", "Sukkur"]).status.code(),
        Some(0)
    );
    assert_eq!(
        sitrep(tmp.path(), &["search", "Mosul"]).status.code(),
        Some(1)
    );
}

#[test]
fn a_small_folder_beside_a_large_index_is_indexed_incrementally() {
    // a folder of 2 files next to an index of 40 articles: the run looks its files up one by
    // one instead of reading every indexed file; unchanged, changed and new files as usual
    let tmp = tempfile::tempdir().unwrap();
    write_articles(&tmp.path().join("big"), 40);
    assert!(sitrep(tmp.path(), &["index", "big"]).status.success());
    let small = tmp.path().join("small");
    std::fs::create_dir_all(&small).unwrap();
    std::fs::write(small.join("one.txt"), "Ferry service resumes in Velmora\n\nThe ferry to Velmora sailed again on Sunday after repairs to the harbour wall.\n").unwrap();
    std::fs::write(small.join("two.txt"), "Bridge closed near Dastrow\n\nEngineers closed the old bridge near Dastrow on Monday for an inspection.\n").unwrap();
    let run = |want: [(&str, u64); 3]| {
        let out = sitrep(tmp.path(), &["index", "small", "--format", "json"]);
        let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        for (k, v) in want {
            assert_eq!(s[k], v, "{k}: {s}");
        }
    };
    run([
        ("files_read", 2),
        ("files_unchanged", 0),
        ("articles_total", 42),
    ]);
    run([
        ("files_read", 0),
        ("files_unchanged", 2),
        ("articles_total", 42),
    ]);
    std::fs::write(small.join("two.txt"), "Bridge reopens near Dastrow\n\nThe old bridge near Dastrow reopened on Friday after the inspection found no damage.\n").unwrap();
    run([
        ("files_read", 1),
        ("files_unchanged", 1),
        ("articles_total", 42),
    ]);
    assert_eq!(
        sitrep(tmp.path(), &["search", "reopened"]).status.code(),
        Some(0)
    );
    assert_eq!(
        sitrep(tmp.path(), &["search", "Engineers"]).status.code(),
        Some(1)
    );
}

/// A folder stands for the readable articles below it, in path order, after the files given
/// before it; files it cannot read are left out as `sitrep index` leaves them out.
#[test]
fn extract_reads_folders_recursively() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("news");
    std::fs::create_dir_all(dir.join("b")).unwrap();
    let story = |place: &str| {
        format!("Talks in {place}\n\nTalks in {place}\n\nThe minister met officials in {place} on Monday, officials said.\n")
    };
    std::fs::write(dir.join("b/second.txt"), story("Kabul")).unwrap();
    std::fs::write(dir.join("a.txt"), story("Mosul")).unwrap();
    std::fs::write(dir.join("photo.png"), [0u8, 1, 2]).unwrap();
    std::fs::write(dir.join(".hidden.txt"), story("Aleppo")).unwrap();
    let seed = fixtures().join("seed/afghan-peace.txt");
    let out = sitrep(
        tmp.path(),
        &["extract", seed.to_str().unwrap(), dir.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let paths: Vec<String> = json_lines(&stdout(&out))
        .iter()
        .map(|a| a["path"].as_str().unwrap().to_string())
        .collect();
    let expected =
        [seed, dir.join("a.txt"), dir.join("b/second.txt")].map(|p| p.display().to_string());
    assert_eq!(paths, expected);
    // A folder with nothing readable extracts nothing: exit 1.
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(
        sitrep(tmp.path(), &["extract", empty.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
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
    for key in [
        "path",
        "id",
        "title",
        "published",
        "dateline",
        "text",
        "people",
        "organisations",
        "locations",
        "quotes",
    ] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
    assert_eq!(a["dateline"], "Washington");
    assert_eq!(a["published"], serde_json::Value::Null);
    let text = a["text"].as_str().unwrap();
    assert_eq!(
        text,
        std::fs::read_to_string(&seed).unwrap(),
        "text is the file verbatim"
    );
    // offsets are byte offsets into text
    for p in a["people"].as_array().unwrap() {
        for m in p["mentions"].as_array().unwrap() {
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert!(
                text.get(s..e).is_some(),
                "mention {s}..{e} is not on char boundaries"
            );
        }
    }
    for q in a["quotes"].as_array().unwrap() {
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
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
    let near = format!(
        "UPDATE 1-{}\n\n{}\n\n{}\n\n{}\n\n{}\n",
        paras[0],
        paras[1],
        paras[2],
        paras[4].trim_end(),
        paras[3]
    );
    std::fs::write(articles.join("zz-update.txt"), near).unwrap();
    let out = sitrep(tmp.path(), &["index", a, "--format", "json"]);
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["exact_duplicates"], 1, "{s}");
    assert_eq!(s["near_duplicates"], 1, "{s}");
    assert_eq!(s["articles_total"], 5);

    let out = sitrep(tmp.path(), &["search", "drone", "--format", "json"]);
    assert_eq!(json_lines(&stdout(&out)).last().unwrap()["total"], 2);
    let out = sitrep(
        tmp.path(),
        &[
            "search",
            "drone",
            "--collapse-duplicates",
            "--format",
            "json",
        ],
    );
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.last().unwrap()["total"], 1);
    assert!(lines[0]["hit"]["path"]
        .as_str()
        .unwrap()
        .ends_with("drone-strike.txt"));

    // the original goes: its exact copy takes over
    std::fs::remove_file(articles.join("drone-strike.txt")).unwrap();
    let out = sitrep(tmp.path(), &["index", a, "--prune", "--format", "json"]);
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["files_pruned"], 1, "{s}");
    let out = sitrep(
        tmp.path(),
        &[
            "search",
            "drone",
            "--collapse-duplicates",
            "--format",
            "json",
        ],
    );
    let lines = json_lines(&stdout(&out));
    assert!(
        lines.iter().any(|l| l["hit"]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("zz-copy.txt"))),
        "{lines:?}"
    );
}

#[test]
fn a_later_run_finds_duplicates_of_indexed_articles() {
    // the copies arrive in a run of their own: the indexed original is found by lookups in the
    // index, not by a state the run loads
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    let out = sitrep(
        tmp.path(),
        &["index", articles.to_str().unwrap(), "--format", "json"],
    );
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(
        (
            s["exact_duplicates"].as_u64(),
            s["near_duplicates"].as_u64()
        ),
        (Some(0), Some(0)),
        "{s}"
    );
    let more = tmp.path().join("more");
    std::fs::create_dir_all(&more).unwrap();
    let original = std::fs::read_to_string(articles.join("drone-strike.txt")).unwrap();
    std::fs::write(more.join("copy.txt"), &original).unwrap();
    let paras: Vec<&str> = original.split("\n\n").collect();
    let near = format!(
        "UPDATE 2-{}\n\n{}\n\n{}\n\n{}\n\n{}\n",
        paras[0],
        paras[1],
        paras[2],
        paras[4].trim_end(),
        paras[3]
    );
    std::fs::write(more.join("update.txt"), near).unwrap();
    let out = sitrep(
        tmp.path(),
        &["index", more.to_str().unwrap(), "--format", "json"],
    );
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["exact_duplicates"], 1, "{s}");
    assert_eq!(s["near_duplicates"], 1, "{s}");
    let out = sitrep(
        tmp.path(),
        &[
            "search",
            "drone",
            "--collapse-duplicates",
            "--format",
            "json",
        ],
    );
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.last().unwrap()["total"], 1, "{lines:?}");
    assert!(lines[0]["hit"]["path"]
        .as_str()
        .unwrap()
        .ends_with("drone-strike.txt"));
}

/// Writes `n` small distinct articles into `dir`.
fn write_articles(dir: &std::path::Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let places = [
        "Kabul",
        "Mosul",
        "Aleppo",
        "Sanaa",
        "Tripoli",
        "Mogadishu",
        "Goma",
        "Kharkiv",
    ];
    for i in 0..n {
        let place = places[i % places.len()];
        let text = format!(
            "Report {i} from {place}\n\n{place}: Officials said on Monday that convoy {i} had reached the city after {d} days on the road. \
             Aid workers unloaded food and medicine for families displaced by the fighting, and local leaders asked for more help \
             before the winter. Talks between the warring sides are due to resume next week, a mediator said.\n",
            d = i % 9 + 2
        );
        std::fs::write(dir.join(format!("a{i:05}.txt")), text).unwrap();
    }
}

/// `sitrep ARGS` on the index `idx`, running in the background (to be killed).
fn spawn_indexer(
    cwd: &std::path::Path,
    idx: &std::path::Path,
    args: &[&str],
) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env("SITREP_INDEX", idx)
        .current_dir(cwd)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn killed_indexing_resumes_and_counts_every_article_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("many");
    write_articles(&dir, 1200);
    // small batches, so that kills land between commits
    std::fs::write(
        tmp.path().join("config.toml"),
        "[index]\ncommit_every = 100\n",
    )
    .unwrap();
    let idx = tmp.path().join("index");
    for delay_ms in [300u64, 700, 1500] {
        let mut child = spawn_indexer(tmp.path(), &idx, &["index", dir.to_str().unwrap()]);
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // the index still opens at its last commit
        if idx.join("meta.json").exists() {
            let out = sitrep(tmp.path(), &["stats", "--format", "json"]);
            assert!(
                matches!(out.status.code(), Some(0) | Some(1)),
                "index does not open after kill: {}",
                stderr(&out)
            );
        }
    }
    let out = sitrep(
        tmp.path(),
        &["index", dir.to_str().unwrap(), "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(s["articles_total"], 1200, "{s}");
    let out = sitrep(tmp.path(), &["stats", "--format", "json"]);
    let st: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(st["articles"], 1200);
}

/// `index --full` deleted everything and committed every `commit_every` articles: a running
/// server saw a part of the index, and a kill left only that part. The rebuild is now invisible
/// until it is done, and a killed one leaves the old index whole (its files are removed by the
/// next run).
#[test]
fn a_killed_full_rebuild_leaves_the_old_index_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("many");
    write_articles(&dir, 1200);
    std::fs::write(
        tmp.path().join("config.toml"),
        "[index]\ncommit_every = 100\n",
    )
    .unwrap();
    let idx = tmp.path().join("index");
    let out = sitrep(tmp.path(), &["index", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index = sitrep_search::SitrepIndex::open(&idx).unwrap();
    let count = || {
        index.reload().unwrap();
        index.count(sitrep_search::schema::KIND_ARTICLE).unwrap()
    };
    assert_eq!(count(), 1200);
    let files_before = std::fs::read_dir(&idx).unwrap().count();
    for delay_ms in [800u64, 2000] {
        let mut child = spawn_indexer(
            tmp.path(),
            &idx,
            &["index", "--full", dir.to_str().unwrap()],
        );
        let t0 = std::time::Instant::now();
        while t0.elapsed() < std::time::Duration::from_millis(delay_ms) {
            assert_eq!(count(), 1200, "a reader saw a partial index during --full");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert_eq!(count(), 1200, "a killed --full lost articles");
    }
    let out = sitrep(
        tmp.path(),
        &["index", dir.to_str().unwrap(), "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(
        (s["articles_total"].as_u64(), s["files_unchanged"].as_u64()),
        (Some(1200), Some(1200)),
        "{s}"
    );
    // the next run removed what the killed ones wrote
    assert!(
        std::fs::read_dir(&idx).unwrap().count() <= files_before + 1,
        "leftover files in {}",
        idx.display()
    );
}

/// An error's cause was printed twice ("…(os error 17): File exists (os error 17)").
#[test]
fn error_messages_name_their_cause_once() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    let not_a_dir = tmp.path().join("index-file");
    std::fs::write(&not_a_dir, "x").unwrap();
    let out = sitrep(
        tmp.path(),
        &[
            "--index",
            not_a_dir.to_str().unwrap(),
            "index",
            articles.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("cannot open index"), "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

#[test]
fn a_second_indexer_fails_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    assert!(sitrep(tmp.path(), &["index", articles.to_str().unwrap()])
        .status
        .success());
    let index = sitrep_search::SitrepIndex::open(&tmp.path().join("index")).unwrap();
    let _writer = index.writer(1).unwrap();
    let t0 = std::time::Instant::now();
    let out = sitrep(tmp.path(), &["index", articles.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("locked by another indexer"),
        "{}",
        stderr(&out)
    );
    assert!(t0.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn a_running_server_sees_new_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    assert!(sitrep(tmp.path(), &["index", articles.to_str().unwrap()])
        .status
        .success());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let bind = format!("127.0.0.1:{port}");
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--no-index", "--bind", &bind])
        .env("SITREP_INDEX", tmp.path().join("index"))
        .current_dir(tmp.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let count = || -> Option<u64> {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&bind).ok()?;
        s.write_all(
            format!("GET /healthz HTTP/1.1\r\nHost: {bind}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .ok()?;
        let mut body = String::new();
        s.read_to_string(&mut body).ok()?;
        let json = body.split("\r\n\r\n").nth(1)?;
        serde_json::from_str::<serde_json::Value>(json).ok()?["articles"].as_u64()
    };
    let wait_for = |want: u64| {
        let t0 = std::time::Instant::now();
        while t0.elapsed() < std::time::Duration::from_secs(20) {
            if count() == Some(want) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        false
    };
    let up = wait_for(4);
    let more = tmp.path().join("more");
    write_articles(&more, 3);
    let indexed = sitrep(tmp.path(), &["index", more.to_str().unwrap()])
        .status
        .success();
    let seen = wait_for(7);
    let _ = server.kill();
    let _ = server.wait();
    assert!(up, "server did not come up");
    assert!(indexed);
    assert!(seen, "server did not see the new commit");
}

#[test]
fn bad_input_is_skipped_with_reasons_and_never_loses_good_files() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    std::fs::write(articles.join("empty.txt"), "").unwrap();
    std::fs::write(
        articles.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0],
    )
    .unwrap();
    std::fs::write(articles.join("broken.json"), "{\"title\": \"half").unwrap();
    std::fs::write(
        articles.join("records.jsonl"),
        "{\"title\":\"Good record\",\"maintext\":\"Negotiators met in Geneva on Monday to discuss a truce.\",\"date_publish\":\"2021-03-02 10:00:00\"}\nnot json\n",
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"A gzipped article\n\nIt is cut off before the end of the stream, which the reader must notice.").unwrap();
    let bytes = gz.finish().unwrap();
    std::fs::write(articles.join("cut.txt.gz"), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(
        articles.join("invalid-utf8.txt"),
        b"Caf\xe9 bombing in Mosul\n\nA bomb hit a caf\xe9 in Mosul on Friday.\n",
    )
    .unwrap();
    let out = sitrep(
        tmp.path(),
        &["index", articles.to_str().unwrap(), "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let skipped = s["skipped"].as_array().unwrap();
    let reason = |name: &str| -> Option<String> {
        skipped
            .iter()
            .find(|k| k["path"].as_str().unwrap().contains(name))
            .map(|k| k["reason"].as_str().unwrap().to_string())
    };
    assert_eq!(reason("empty.txt").as_deref(), Some("empty"), "{s}");
    assert_eq!(reason("binary.txt").as_deref(), Some("binary"), "{s}");
    assert_eq!(reason("broken.json").as_deref(), Some("malformed"), "{s}");
    assert!(
        reason("records.jsonl").is_some(),
        "the bad record is reported: {s}"
    );
    assert!(
        reason("cut.txt.gz").is_some_and(|r| r.contains("gzip")),
        "{s}"
    );
    assert!(skipped
        .iter()
        .all(|k| !k["message"].as_str().unwrap().is_empty()));
    // good files, the good record and the mostly-readable file are all indexed
    assert_eq!(s["articles_total"], 6, "{s}");
    assert_eq!(
        sitrep(tmp.path(), &["search", "Geneva"]).status.code(),
        Some(0)
    );
    assert_eq!(
        sitrep(tmp.path(), &["search", "Khalilzad"]).status.code(),
        Some(0)
    );
    // --strict turns skips into an error exit
    let out = sitrep(
        tmp.path(),
        &["index", articles.to_str().unwrap(), "--strict"],
    );
    assert_eq!(out.status.code(), Some(2));
    // The text summary counts skips by reason, files apart from records; -v lists every one,
    // with its path once.
    let out = sitrep(tmp.path(), &["index", articles.to_str().unwrap(), "--full"]);
    let text = stdout(&out);
    assert!(text.contains("skipped, by reason"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("  empty: 1 (e.g. ") && l.contains("empty.txt")),
        "{text}"
    );
    assert!(
        text.contains("1 record skipped within files that were read"),
        "{text}"
    );
    assert!(
        !text.contains("[empty]"),
        "one line per skip only with -v: {text}"
    );
    let out = sitrep(
        tmp.path(),
        &["-v", "index", articles.to_str().unwrap(), "--full"],
    );
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("[empty]"))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(line.matches("empty.txt").count(), 1, "{line}");
}

#[test]
fn cli_and_http_return_the_same_hits() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = copy_articles(tmp.path());
    assert!(sitrep(tmp.path(), &["index", articles.to_str().unwrap()])
        .status
        .success());
    let cli = json_lines(&stdout(&sitrep(
        tmp.path(),
        &[
            "search",
            "peace OR talks",
            "--format",
            "json",
            "--limit",
            "20",
        ],
    )));
    let cli_ids: Vec<String> = cli
        .iter()
        .filter_map(|l| l["hit"]["id"].as_str().map(String::from))
        .collect();
    let index = sitrep_search::SitrepIndex::open(&tmp.path().join("index")).unwrap();
    let state = sitrep_server::AppState::new(index, sitrep_server::config::Config::default());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let body = rt.block_on(async {
        use tower::ServiceExt;
        let req = axum::http::Request::get("/api/search?q=peace%20OR%20talks&limit=20")
            .body(axum::body::Body::empty())
            .unwrap();
        let res = sitrep_server::app(state).oneshot(req).await.unwrap();
        http_body_util::BodyExt::collect(res.into_body())
            .await
            .unwrap()
            .to_bytes()
    });
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let http_ids: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!cli_ids.is_empty());
    assert_eq!(cli_ids, http_ids);
}

/// One file that a reader once panicked on (a Persian date in Persian digits) must not cost the
/// other files of the batch: each file is read on its own, failures are reported and skipped, and
/// the exit code is 2 when any file failed.
#[test]
fn extract_isolates_each_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("batch");
    std::fs::create_dir_all(&dir).unwrap();
    let story = |place: &str| {
        format!("Talks in {place}\n\nTalks in {place}\n\nThe minister met officials in {place} on Monday, officials said.\n")
    };
    std::fs::write(dir.join("a.txt"), story("Mosul")).unwrap();
    let page = "<html lang=\"fa\"><head><title>خبر آزمایشی</title><meta name=\"date\" content=\"۱۳۹۹/۰۲/۲۱ - ۱۸:۵۹\"></head>\
        <body><article><p>این یک متن آزمایشی است که برای آزمون نوشته شده است و هیچ خبر واقعی در آن نیست.</p></article></body></html>";
    std::fs::write(dir.join("b.html"), page).unwrap();
    std::fs::write(dir.join("c.txt"), [0u8; 64]).unwrap();
    std::fs::write(dir.join("d.txt"), story("Kabul")).unwrap();
    let files: Vec<String> = ["a.txt", "b.html", "c.txt", "d.txt"]
        .iter()
        .map(|f| dir.join(f).display().to_string())
        .collect();
    let mut args = vec!["extract"];
    args.extend(files.iter().map(String::as_str));
    let out = sitrep(tmp.path(), &args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let lines = json_lines(&stdout(&out));
    let paths: Vec<&str> = lines.iter().map(|a| a["path"].as_str().unwrap()).collect();
    assert_eq!(paths, [&files[0], &files[1], &files[3]]);
    assert_eq!(lines[1]["published"], "2020-05-10");
    assert!(stderr(&out).contains("c.txt"), "{}", stderr(&out));
}

/// Every command in the README's examples block, run as written by a shell with the binary on
/// its path, in a folder holding the bundled corpus, finds something: exit 0, and at least two
/// lines of output (or in the file a `> FILE` redirect names).
#[test]
fn readme_examples_find_something_in_the_bundled_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let block = readme
        .split("Examples:\n\n```sh\n")
        .nth(1)
        .expect("an examples block")
        .split("```")
        .next()
        .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for e in std::fs::read_dir(root.join("corpus")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_sitrep"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for line in block.lines().filter(|l| l.starts_with("sitrep ")) {
        let out = std::process::Command::new("sh")
            .args(["-c", line])
            .current_dir(tmp.path())
            .env("PATH", &path)
            .env_remove("SITREP_CONFIG")
            .env_remove("SITREP_CORPUS")
            .env("SITREP_INDEX", tmp.path().join("index"))
            .env("COLUMNS", "120")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{line}\n{}{}",
            stdout(&out),
            stderr(&out)
        );
        let command = line.split("  #").next().unwrap();
        let text = match command.split_once(" > ") {
            Some((_, file)) => std::fs::read_to_string(tmp.path().join(file.trim())).unwrap(),
            None => stdout(&out),
        };
        assert!(
            text.lines().filter(|l| !l.trim().is_empty()).count() >= 2,
            "{line} printed too little:\n{text}"
        );
        ran += 1;
    }
    assert!(ran >= 10, "only {ran} examples found");
}
