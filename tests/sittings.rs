//! The Handelingen of one sitting, one file per agenda item as the publisher writes them: only
//! the opening states the date; every item gets it, in one run or over several, and never a
//! date its text merely mentions.

use std::path::Path;

use kamerzoek::index::StoredDocument;
use kamerzoek::Index;

fn item(number: u32, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<officiele-publicatie>
 <metadata>
  <meta content="https://zoek.officielebekendmakingen.nl/h-tk-20172018-70-{number}/metadata.xml" name="OVERHEIDop.externMetadataRecord" scheme=""/>
 </metadata>
 <handelingen>{body}</handelingen>
</officiele-publicatie>"#
    )
}

fn opening() -> String {
    item(
        1,
        "<vergadering><vergadering-nummer>70e vergadering</vergadering-nummer>
         <vergaderdatum>Donderdag 5 april 2018</vergaderdatum></vergadering>
         <opening><nr>1</nr><tekst><al>Voorzitter: Martin Bosma</al></tekst></opening>",
    )
}

fn agenda_item() -> String {
    item(
        6,
        "<agendapunt><item-titel>Stemmingen moties Informele Milieuraad</item-titel>
         <tekst><al>Datum 3 april 2018. De motie-Kröger over de mijnbouw is aangenomen.</al></tekst>
         </agendapunt>",
    )
}

fn doc(index: &Index, id: &str) -> StoredDocument {
    index
        .get(id)
        .unwrap()
        .unwrap_or_else(|| panic!("{id} not indexed"))
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn every_item_of_a_sitting_gets_the_date_the_opening_states() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "h-tk-20172018-70-1.xml", &opening());
    write(dir.path(), "h-tk-20172018-70-6.xml", &agenda_item());
    let index = Index::create_in_ram().unwrap();
    index
        .index_paths(&[dir.path()], &Default::default())
        .unwrap();

    let opened = doc(&index, "h-tk-20172018-70-1");
    assert_eq!(
        opened.date.map(|d| d.to_string()).as_deref(),
        Some("2018-04-05")
    );
    assert_eq!(opened.doc_type.as_deref(), Some("handelingen"));
    assert_eq!(
        opened.title.as_deref(),
        Some("70e vergadering, Donderdag 5 april 2018")
    );

    let voted = doc(&index, "Handelingen II 2017/18, nr. 70, item 6");
    assert_eq!(
        voted.date.map(|d| d.to_string()).as_deref(),
        Some("2018-04-05")
    );
    assert_eq!(voted.doc_type.as_deref(), Some("handelingen"));
    assert_eq!(
        voted.title.as_deref(),
        Some("Stemmingen moties Informele Milieuraad")
    );
    assert_eq!(voted.vergaderjaar.as_deref(), Some("2017-2018"));
    let source = voted.sources.get("date").map(|s| format!("{s:?}"));
    assert_eq!(source.as_deref(), Some("Sitting"));
}

#[test]
fn an_item_indexed_after_its_opening_takes_the_date_from_the_index() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "h-tk-20172018-70-1.xml", &opening());
    let index = Index::create_in_ram().unwrap();
    index
        .index_paths(&[dir.path()], &Default::default())
        .unwrap();
    write(dir.path(), "h-tk-20172018-70-6.xml", &agenda_item());
    let report = index
        .index_paths(&[dir.path()], &Default::default())
        .unwrap();
    assert_eq!(report.added, 1);
    let voted = doc(&index, "h-tk-20172018-70-6");
    assert_eq!(
        voted.date.map(|d| d.to_string()).as_deref(),
        Some("2018-04-05")
    );
}

#[test]
fn an_item_whose_sitting_is_unknown_has_no_date_rather_than_one_it_mentions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "h-tk-20172018-70-6.xml", &agenda_item());
    let index = Index::create_in_ram().unwrap();
    index
        .index_paths(&[dir.path()], &Default::default())
        .unwrap();
    let voted = doc(&index, "h-tk-20172018-70-6");
    assert_eq!(voted.date, None);
    assert_eq!(voted.vergaderjaar.as_deref(), Some("2017-2018"));
    assert!(voted.text.contains("motie-Kröger"));
}
