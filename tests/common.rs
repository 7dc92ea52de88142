//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// Runs the real `sitrep` binary with an isolated configuration in `dir`.
pub fn sitrep(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .current_dir(dir)
        .env_remove("SITREP_CONFIG")
        .env_remove("SITREP_INDEX")
        .env_remove("SITREP_CORPUS")
        .env("SITREP_INDEX", dir.join("index"))
        .output()
        .expect("run sitrep")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Copies the fixture articles into `dir/articles`.
pub fn copy_articles(dir: &Path) -> PathBuf {
    let dst = dir.join("articles");
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(fixtures().join("articles")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
    }
    dst
}

/// JSON Lines output parsed.
pub fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}
