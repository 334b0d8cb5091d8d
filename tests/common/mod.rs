//! What the tests that run the `kamerzoek` binary share.

// Each test file uses some of these.
#![allow(dead_code)]

pub mod sample;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, with nothing of the caller's environment that would change what it does.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kamerzoek"));
    c.env_remove("KAMERZOEK_INDEX").env("NO_COLOR", "1");
    c
}

pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus")
}

/// `kamerzoek index ROOTS... --index IDX EXTRA...`.
pub fn index(roots: &[&Path], idx: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("index")
        .args(roots)
        .arg("--index")
        .arg(idx)
        .args(extra)
        .output()
        .unwrap()
}

/// The keys of the hits of a JSON answer (`search --json`, a line of `watch run --json`).
pub fn hit_keys(v: &serde_json::Value) -> std::collections::BTreeSet<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["key"].as_str().unwrap().to_string())
        .collect()
}

/// A document as `export` writes it, but for when it entered and changed in the index: two
/// indexes of the same files hold the same documents at different moments.
pub fn without_moments(mut doc: serde_json::Value) -> serde_json::Value {
    for moment in ["added", "changed"] {
        assert!(doc[moment].is_string(), "{doc}");
        doc.as_object_mut().unwrap().remove(moment);
    }
    doc
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A temporary folder with an empty `corpus` folder in it, for a test to write documents to.
pub fn empty_corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    (dir, corpus)
}

/// The sample corpus in an index in memory, through the library.
pub fn sample_index() -> kamerzoek::Index {
    let index = kamerzoek::Index::create_in_ram().unwrap();
    index
        .index_paths(&[sample_corpus()], &Default::default())
        .unwrap();
    index
}
