//! Checks against the real corpus in `../shared/corpus`. They are `#[ignore]`d so that
//! `cargo test` passes on a fresh clone without it; `.ci/run` runs them with `--ignored`, and
//! there they fail loudly if the corpus is missing.

use std::path::{Path, PathBuf};

use kamerzoek::normalize::Lexicon;
use kamerzoek::read::read_file;
use kamerzoek::Document;

fn corpus(sub: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(sub);
    assert!(
        dir.is_dir(),
        "the shared corpus is missing: {} does not exist",
        dir.display()
    );
    dir
}

/// Every motie: the id equals the file name, the date equals `datum/@isodatum` where the file
/// has one, the dossier is the id's, and the type is a motie.
#[test]
#[ignore = "needs ../shared/corpus"]
fn every_motie_gets_its_id_date_dossier_and_type() {
    let dir = corpus("moties-xml/xml");
    let date_re = regex::Regex::new(r#"isodatum="(\d{4}-\d{2}-\d{2})""#).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 8041, "corpus/README.md says 8,041 moties");
    let lexicon = Lexicon::default();
    let mut wrong = Vec::new();
    let mut with_date = 0;
    for path in &files {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let raw_xml = std::fs::read_to_string(path).unwrap();
        let doc = Document::from_raw(read_file(path).unwrap(), &lexicon);
        let m = &doc.meta;
        let id = m.id.as_ref().map(ToString::to_string);
        if id.as_deref() != Some(stem) {
            wrong.push(format!("{stem}: id {id:?}"));
            continue;
        }
        if let Some(want) = date_re.captures(&raw_xml).map(|c| c[1].to_string()) {
            with_date += 1;
            if m.date.map(|d| d.to_string()) != Some(want.clone()) {
                wrong.push(format!("{stem}: date {:?}, want {want}", m.date));
            }
        }
        let dossier = m.id.as_ref().unwrap().dossier_key();
        if m.dossier.as_deref() != Some(dossier.as_str()) {
            wrong.push(format!("{stem}: dossier {:?}, want {dossier}", m.dossier));
        }
        if !matches!(m.doc_type.as_deref(), Some("motie" | "gewijzigde motie")) {
            wrong.push(format!("{stem}: type {:?}", m.doc_type));
        }
        if doc.paragraphs.is_empty() {
            wrong.push(format!("{stem}: no text"));
        }
    }
    assert_eq!(
        with_date,
        8041 - 17,
        "corpus/README.md: 17 files lack datum/@isodatum"
    );
    assert!(
        wrong.is_empty(),
        "{} of {} moties wrong:\n{}",
        wrong.len(),
        files.len(),
        wrong.join("\n")
    );
}
