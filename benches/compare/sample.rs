//! What the comparison harnesses run on when they are given no files: `sample_corpus/`
//! indexed into a temporary folder, queries written from its documents, and its clean text
//! exported, so that `cargo run --example NAME` shows what a harness reports.

// Each harness uses some of these.
#![allow(dead_code)]

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

/// The index and the queries the arguments name (`INDEX_DIR QUERIES.txt`), or the sample's
/// when there are none (kept while the `Sample` lives); other arguments end the program with
/// `usage`.
pub fn index_and_queries(
    usage: &str,
) -> Result<(Option<Sample>, PathBuf, PathBuf), kamerzoek::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [dir, queries] => Ok((None, PathBuf::from(dir), PathBuf::from(queries))),
        [] => {
            let sample = Sample::new()?;
            let (dir, queries) = (sample.path("index"), sample.path("queries.txt"));
            Ok((Some(sample), dir, queries))
        }
        _ => {
            eprintln!("usage: {usage}");
            std::process::exit(2);
        }
    }
}

/// The median and the 99th percentile of `times`, which it sorts.
pub fn p50_p99(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        times
            .get(((times.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    (pct(0.5), pct(0.99))
}
