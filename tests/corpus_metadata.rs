//! The metadata of the real documents in `../shared/corpus`, checked against what each document
//! says of itself: the publisher's citation links, the Handelingen's meeting, the besluitenlijsten,
//! the vergaderjaar of the scans. `#[ignore]`d like `tests/corpus.rs`; `.ci/run` runs them.

use std::path::{Path, PathBuf};

use kamerzoek::normalize::Lexicon;
use kamerzoek::read::read_file;
use kamerzoek::{Document, Index, KamerstukId};

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

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// Every `<extref doc="kst-...">` of every motie is in its `cites`; the written forms alone
/// (the text without the links) find most of them too; and `cited-by` answers from them.
#[test]
#[ignore = "needs ../shared/corpus"]
fn the_publishers_citation_links_are_in_cites() {
    let dir = corpus("moties-xml/xml");
    let link = regex::Regex::new(r#"<extref\b[^>]*\bdoc="(kst-[^"]+)""#).unwrap();
    let lexicon = Lexicon::default();
    let (mut moties, mut links, mut linked, mut written) = (0, 0, 0, 0);
    let (mut not_ids, mut missing) = (Vec::new(), Vec::new());
    for path in files_in(&dir, "xml") {
        let xml = std::fs::read_to_string(&path).unwrap();
        let wanted: Vec<&str> = link
            .captures_iter(&xml)
            .map(|c| c.get(1).unwrap().as_str())
            .collect();
        if wanted.is_empty() {
            continue;
        }
        moties += 1;
        let doc = Document::from_raw(read_file(&path).unwrap().remove(0), &lexicon);
        let cites: Vec<String> = doc.meta.cites.iter().map(ToString::to_string).collect();
        let from_text: Vec<String> = KamerstukId::find_citations(&doc.text())
            .iter()
            .map(ToString::to_string)
            .collect();
        for want in wanted {
            let Some(id) = KamerstukId::parse(want).map(|id| id.to_string()) else {
                not_ids.push(format!("{}: {want}", path.display()));
                continue;
            };
            if Some(&id) == doc.meta.id.as_ref().map(ToString::to_string).as_ref() {
                continue;
            }
            links += 1;
            linked += usize::from(cites.contains(&id));
            written += usize::from(from_text.contains(&id));
            if !cites.contains(&id) {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    println!(
        "{moties} moties with {links} links to Kamerstukken: {linked} in cites, {written} found in the written text alone; not Kamerstuk ids: {not_ids:?}"
    );
    assert!(moties >= 200, "corpus/README.md: about 201 moties link");
    assert!(
        linked as f64 >= 0.95 * links as f64,
        "{} of {links} links not in cites:\n{}",
        links - linked,
        missing.join("\n")
    );
    assert!(
        written as f64 >= 0.95 * links as f64,
        "the written forms alone find {written} of {links} links"
    );

    let index = Index::create_in_ram().unwrap();
    index.index_paths(&[&dir], &Default::default()).unwrap();
    let citing: Vec<String> = index
        .cited_by("kst-19637-3334")
        .unwrap()
        .into_iter()
        .filter_map(|d| d.id)
        .collect();
    assert!(
        citing.iter().any(|id| id == "kst-19637-3355"),
        "cited-by kst-19637-3334: {citing:?}"
    );
}
