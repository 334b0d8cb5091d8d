//! The sample corpus indexed once per test binary, and how the tests that run `kamerzoek` on
//! it search it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

use super::{bin, sample_corpus};

pub const SEED: &str = "000_4b49ee41d29ace67.txt";
pub const VLOS: &str = "vlos-commissiedebat-mensenhandel-2025.xml";
/// Documents in sample_corpus/: 13 files, one of them a JSON lines file of three, one a PDF
/// that is read only where pdftotext is installed.
pub fn documents() -> u64 {
    if kamerzoek::read::pdftotext_available() {
        15
    } else {
        14
    }
}

pub const PDF: &str = "besluitenlijst-bzk-2009.pdf";

/// One index of the sample corpus, built once for all tests of this file.
pub fn index() -> &'static Path {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let idx = dir.path().join("idx");
            index_into(bin(), &sample_corpus(), &idx);
            (dir, idx)
        })
        .1
}

/// Runs `command`, which must succeed.
pub fn succeed(command: &mut Command) -> Output {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `kamerzoek index FOLDER --index IDX` through `command`, which must succeed.
pub fn index_into(mut command: Command, folder: &Path, idx: &Path) {
    succeed(command.arg("index").arg(folder).arg("--index").arg(idx));
}

pub fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .arg("--index")
        .arg(index())
        .output()
        .unwrap()
}

pub fn search_json(args: &[&str]) -> Value {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(
        out.status.success(),
        "{:?}: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

pub fn ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            h["id"]
                .as_str()
                .map_or_else(|| file_name(h), str::to_string)
        })
        .collect()
}

/// The documents a search finds, in a fixed order, for tests where rank does not matter.
pub fn sorted_ids(args: &[&str]) -> Vec<String> {
    let mut found = ids(&search_json(args));
    found.sort();
    found
}

pub fn file_name(hit: &Value) -> String {
    Path::new(hit["path"].as_str().unwrap())
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}
