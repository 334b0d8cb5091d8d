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

/// The Handelingen of 5 April 2018, one damaged file per agenda item: only the opening states
/// the date, and every item is dated, typed and titled by its sitting (`index.tsv` has the
/// publisher's titles, in the same broken encoding as the files).
#[test]
#[ignore = "needs ../shared/corpus"]
fn every_handelingen_item_has_its_sitting_date_type_and_title() {
    let dir = corpus("handelingen-2018-damaged-xml");
    let tsv = std::fs::read_to_string(dir.join("index.tsv")).unwrap();
    let index = Index::create_in_ram().unwrap();
    let report = index
        .index_paths(&[dir.join("xml")], &Default::default())
        .unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let mut items = 0;
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (id, titel) = (cols[1], cols[6]);
        let doc = index
            .get(id)
            .unwrap()
            .unwrap_or_else(|| panic!("{id} not indexed"));
        assert_eq!(
            doc.date.map(|d| d.to_string()).as_deref(),
            Some("2018-04-05"),
            "{id}"
        );
        assert_eq!(doc.doc_type.as_deref(), Some("handelingen"), "{id}");
        assert_eq!(doc.vergaderjaar.as_deref(), Some("2017-2018"), "{id}");
        let repaired = {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(titel);
            String::from_utf8(bytes.into_owned()).unwrap()
        };
        let title = doc.title.unwrap_or_default();
        if repaired.is_empty() {
            assert_eq!(title, "70e vergadering, Donderdag 5 april 2018", "{id}");
        } else {
            assert_eq!(title, repaired, "{id}");
        }
        items += 1;
    }
    assert_eq!(items, 14);
}
