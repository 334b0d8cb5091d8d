//! What the comparison harnesses run on when they are given no files: `sample_corpus/`
//! indexed into a temporary folder, queries written from its documents, and its clean text
//! exported, so that `cargo run --example NAME` shows what a harness reports.

use std::path::{Path, PathBuf};

/// Queries of the kinds the development set holds: a clerk's summary, keywords, a phrase,
/// a compound, an id among words.
const QUERIES: &[&str] = &[
    "verzoekt de regering om met Curaçao afspraken te maken over de bestrijding van mensenhandel",
    "mensenhandel Curacao",
    "\"Caribisch Nederland\" ouderenzorg",
    "financiële positie van de woningcorporaties",
    "WODC-onderzoek mensenhandel",
    "motie over mensenhandel (t.v.v. 33750-IV-16)",
    "huurbeleid Emmeloord",
];

/// A temporary folder holding the sample corpus's index (`index`), its queries
/// (`queries.txt`) and its clean text as `kamerzoek export` writes it (`docs.jsonl`).
pub struct Sample {
    dir: tempfile::TempDir,
}

impl Sample {
    pub fn new() -> Result<Sample, kamerzoek::Error> {
        let dir = tempfile::tempdir()?;
        let index = kamerzoek::Index::open_or_create(dir.path().join("index"))?;
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus");
        index.index_paths(&[root], &Default::default())?;
        let mut docs = String::new();
        for doc in index.documents()? {
            let doc = doc?;
            let line = serde_json::json!({"path": doc.path, "text": doc.text});
            docs.push_str(&format!("{line}\n"));
        }
        std::fs::write(dir.path().join("docs.jsonl"), docs)?;
        std::fs::write(dir.path().join("queries.txt"), QUERIES.join("\n"))?;
        eprintln!(
            "no files given: the sample corpus, in {}",
            dir.path().display()
        );
        Ok(Sample { dir })
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}
