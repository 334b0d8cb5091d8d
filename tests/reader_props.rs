//! Every reader fed arbitrary bytes, and damaged versions of real files: never a panic, never a
//! hang, and what is read can always be made into a document.

use std::path::Path;
use std::time::{Duration, Instant};

use kamerzoek::normalize::Lexicon;
use kamerzoek::read::read_bytes;
use kamerzoek::Document;
use proptest::prelude::*;

/// Far more than any of these inputs needs; a reader that loops forever fails here.
const PATIENCE: Duration = Duration::from_secs(5);

const NAMES: &[&str] = &[
    "a.txt",
    "a.xml",
    "a.html",
    "a.jsonl",
    "a.json",
    "kst-36600-XVI-12.xml",
];

/// Openings that steer the bytes into each reader's deeper paths.
const OPENINGS: &[&str] = &[
    "",
    "<?xml version=\"1.0\"?><officiele-publicatie><metadata><meta name=\"DC.identifier\" content=\"",
    "\u{feff}<?xml version=\"1.0\"?><vlosCoreDocument><vergadering soort=\"Plenair\"><titel>",
    "<!DOCTYPE html><html><head><meta name=\"DCTERMS.issued\" content=\"",
    "{\"URL\": \"https://zoek.officielebekendmakingen.nl/0000142774/ocr\", \"Content\": \"",
    "{\"id\": \"kst-33750-IV-16\", \"text\": \"",
    "ï»¿\n<?xml version=\"1.0\"?><officiele-publicatie><kamerstuk><al>KrÃ¶ger ",
];

fn read_in_time(name: &str, bytes: &[u8]) {
    let started = Instant::now();
    if let Ok(docs) = read_bytes(Path::new(name), bytes) {
        assert!(!docs.is_empty());
        for raw in docs {
            let doc = Document::from_raw(raw, &Lexicon::default());
            let _ = doc.key();
        }
    }
    assert!(
        started.elapsed() < PATIENCE,
        "{name}: took {:?}",
        started.elapsed()
    );
}

fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus");
    std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            // PDFs spawn a process per case; they have their own, smaller test.
            e.path().extension().is_none_or(|x| x != "pdf")
        })
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes(
        name in prop::sample::select(NAMES),
        opening in prop::sample::select(OPENINGS),
        tail in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = opening.as_bytes().to_vec();
        bytes.extend_from_slice(&tail);
        read_in_time(name, &bytes);
    }

    #[test]
    fn arbitrary_text(
        name in prop::sample::select(NAMES),
        opening in prop::sample::select(OPENINGS),
        tail in "[<>/\"&;={}\\[\\]a-zA-Zéëï\u{ad}\u{fb01} \n-]{0,400}",
    ) {
        read_in_time(name, format!("{opening}{tail}").as_bytes());
    }

    #[test]
    fn damaged_real_files(
        pick in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let samples = samples();
        let (name, bytes) = &samples[pick.index(samples.len())];
        let mut bytes = bytes[..cut.index(bytes.len() + 1)].to_vec();
        for (at, b) in flips {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
        }
        read_in_time(name, &bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn damaged_pdfs(cut in any::<prop::sample::Index>(), flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..16)) {
        let pdf = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus/besluitenlijst-bzk-2009.pdf")).unwrap();
        let mut bytes = pdf[..cut.index(pdf.len() + 1)].to_vec();
        for (at, b) in flips {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
        }
        read_in_time("a.pdf", &bytes);
    }
}
