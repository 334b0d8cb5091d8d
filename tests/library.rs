//! kamerzoek as a library, through its public API only.

use std::sync::atomic::{AtomicBool, Ordering};

use kamerzoek::meta::Metadata;
use kamerzoek::search::SearchOptions;
use kamerzoek::{Date, Index, KamerstukId, Sort};

fn motie(n: u32) -> String {
    format!(
        "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2024–2025\n\n36 600 XVI Begroting VWS\n\n\
         Nr. {n} MOTIE VAN HET LID TEST\nVoorgesteld {} oktober 2024\n\nDe Kamer,\n\n\
         verzoekt de regering de wacht-\nlijsten in de jeugdzorg aan te pakken (nummer {n}),\n\n\
         en gaat over tot de orde van de dag.\n",
        n % 28 + 1
    )
}

#[test]
fn in_memory_documents_are_indexed_and_found_with_their_metadata() {
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    writer
        .add_text(&motie(7), "motie.txt", Metadata::default())
        .unwrap();
    let given = Metadata {
        id: Some(KamerstukId::parse("33 750 IV, nr. 16").unwrap()),
        title: Some("Motie over mensenhandel".to_string()),
        ..Metadata::default()
    };
    writer
        .add_text(
            "verzoekt de regering onderzoek te doen naar mensenhandel op Curaçao",
            "anything",
            given,
        )
        .unwrap();
    writer.commit().unwrap();

    let r = index
        .search("wachtlijsten jeugdzorg", &SearchOptions::default())
        .unwrap();
    assert_eq!(r.total, 1);
    let hit = &r.hits[0];
    assert_eq!(hit.id.as_deref(), Some("kst-36600-XVI-7"));
    assert_eq!(hit.date, Date::new(2024, 10, 8));
    assert_eq!(hit.doc_type.as_deref(), Some("motie"));
    assert!(hit.text.contains("wachtlijsten in de jeugdzorg"));
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|r| &hit.text[r.clone()])
        .collect();
    assert_eq!(marked, ["wachtlijsten", "jeugdzorg"]);

    let doc = index.get("kst-33750-IV-16").unwrap().unwrap();
    assert_eq!(doc.title.as_deref(), Some("Motie over mensenhandel"));
    assert_eq!(doc.sources["title"], kamerzoek::meta::Source::Given);
    assert_eq!(
        index
            .search("Curacao", &SearchOptions::default())
            .unwrap()
            .hits[0]
            .id
            .as_deref(),
        Some("kst-33750-IV-16")
    );
}

#[test]
fn typed_filters_and_sorting() {
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    for n in 1..=30 {
        writer
            .add_text(&motie(n), format!("m{n}.txt"), Metadata::default())
            .unwrap();
    }
    writer.commit().unwrap();
    let options = SearchOptions {
        limit: 100,
        from: Date::new(2024, 10, 10),
        to: Date::new(2024, 10, 12),
        sort: Sort::Date,
        dossier: Some("36600-XVI".into()),
        doc_type: Some("motie".into()),
        ..SearchOptions::default()
    };
    let r = index.search("jeugdzorg", &options).unwrap();
    let dates: Vec<String> = r.hits.iter().map(|h| h.date.unwrap().to_string()).collect();
    assert_eq!(dates, ["2024-10-12", "2024-10-11", "2024-10-10"]);
    let bad = SearchOptions {
        doc_type: Some("kookboek".into()),
        ..SearchOptions::default()
    };
    assert!(matches!(
        index.search("jeugdzorg", &bad),
        Err(kamerzoek::Error::InvalidArgument { what: "type", .. })
    ));
    assert!(matches!(
        index.search("\"open", &SearchOptions::default()),
        Err(kamerzoek::Error::Query(_))
    ));
}

/// Several threads search while another adds documents and commits: no search fails, each sees
/// a consistent count that only grows, and in the end every document is there.
#[test]
fn searching_from_several_threads_while_another_writes() {
    const DOCS: u32 = 60;
    let index = Index::create_in_ram().unwrap();
    let done = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut writer = index.writer().unwrap();
            for n in 1..=DOCS {
                writer
                    .add_text(&motie(n), format!("m{n}.txt"), Metadata::default())
                    .unwrap();
                if n % 10 == 0 {
                    writer.commit().unwrap();
                }
            }
            done.store(true, Ordering::SeqCst);
        });
        for _ in 0..3 {
            s.spawn(|| {
                let mut last = 0;
                loop {
                    let finished = done.load(Ordering::SeqCst);
                    let r = index
                        .search(
                            "jeugdzorg",
                            &SearchOptions {
                                limit: 1000,
                                ..SearchOptions::default()
                            },
                        )
                        .unwrap();
                    assert!(r.total >= last, "a search saw fewer documents than before");
                    assert_eq!(
                        r.total % 10,
                        0,
                        "a search saw a half-committed batch: {}",
                        r.total
                    );
                    last = r.total;
                    if finished {
                        break;
                    }
                }
            });
        }
    });
    assert_eq!(
        index
            .search("jeugdzorg", &SearchOptions::default())
            .unwrap()
            .total,
        DOCS as usize
    );
}

#[test]
fn normalizing_and_ids_without_an_index() {
    let clean =
        kamerzoek::normalize::normalize("moge-\nlijkheden in Noord-\nHolland", &Default::default());
    assert_eq!(clean.text(), "mogelijkheden in Noord-Holland");
    let id: KamerstukId = "Kamerstukken II 2013/14, 33 750 IV, nr. 16"
        .parse()
        .unwrap();
    assert_eq!(id.to_string(), "kst-33750-IV-16");
    assert!("geen id".parse::<KamerstukId>().is_err());
}

#[test]
fn a_second_writer_is_refused_while_the_first_lives() {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::open_or_create(dir.path().join("idx")).unwrap();
    let _first = index.writer().unwrap();
    let err = index
        .writer()
        .err()
        .expect("a second writer must be refused");
    assert!(
        matches!(&err, kamerzoek::Error::Locked { path } if path.ends_with("idx")),
        "{err}"
    );
    assert!(err.to_string().contains("index is locked"), "{err}");
}

#[test]
fn a_separable_verb_is_found_by_its_infinitive() {
    let index = Index::create_in_ram().unwrap();
    index
        .index_paths(&["sample_corpus"], &Default::default())
        .unwrap();
    let mut writer = index.writer().unwrap();
    writer
        .add_text(
            "De Kamer,\n\nspreekt uit dat de regeldruk in de zorg moet halveren,\n\n\
             zegt het vertrouwen in de staatssecretaris op,\n",
            "kst-36600-XVI-99.txt",
            Metadata::default(),
        )
        .unwrap();
    writer.commit().unwrap();
    let found = |q: &str| -> Vec<String> {
        let r = index.search(q, &SearchOptions::default()).unwrap();
        r.hits.iter().filter_map(|h| h.id.clone()).collect()
    };
    // "een landelijk programma op te zetten": no text says "opzetten".
    let opzetten = found("programma opzetten regeldruk");
    assert!(
        opzetten.contains(&"kst-36600-XVI-30".to_string()),
        "{opzetten:?}"
    );
    assert!(
        opzetten.contains(&"kst-36600-XVI-12".to_string()),
        "{opzetten:?}"
    );
    assert_eq!(found("uitspreken regeldruk")[0], "kst-36600-XVI-99");
    assert_eq!(found("opzeggen vertrouwen"), ["kst-36600-XVI-99"]);
    // The passage is shown as written, with the verb marked.
    let r = index
        .search("opzetten programma", &SearchOptions::default())
        .unwrap();
    let hit = &r.hits[0];
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|r| &hit.text[r.clone()])
        .collect();
    assert!(marked.contains(&"zetten"), "{marked:?}");
}

#[test]
fn a_document_written_by_another_handle_is_replaced_not_doubled() {
    let dir = tempfile::tempdir().unwrap();
    let first = Index::open_or_create(dir.path()).unwrap();
    // Opened while the index is still empty, written to after the other handle committed.
    let second = Index::open(dir.path()).unwrap();
    for index in [&first, &second] {
        let mut writer = index.writer().unwrap();
        writer
            .add_text(&motie(7), "kst-36600-XVI-7.txt", Metadata::default())
            .unwrap();
        writer.commit().unwrap();
    }
    let r = second
        .search("wachtlijsten jeugdzorg", &SearchOptions::default())
        .unwrap();
    assert_eq!((r.total, r.hits.len()), (1, 1));
    assert_eq!(second.stats().unwrap().documents, 1);
}

#[test]
fn an_id_after_tvv_finds_the_motion_that_replaces_it() {
    let index = Index::create_in_ram().unwrap();
    index
        .index_paths(&["sample_corpus"], &Default::default())
        .unwrap();
    let ids = |q: &str| -> Vec<String> {
        let r = index.search(q, &SearchOptions::default()).unwrap();
        r.hits.iter().filter_map(|h| h.id.clone()).collect()
    };
    // The words are the original's (nr. 12 names the VNG, the amended nr. 30 does not): with
    // the id alone the original comes first; "t.v.v." asks for the amended motion.
    let words = "programma regeldruk Vereniging Nederlandse Gemeenten eerste resultaten";
    assert_eq!(ids(&format!("{words} 36600-XVI-12"))[0], "kst-36600-XVI-12");
    let replacing = ids(&format!("{words} (t.v.v. 36600-XVI-12)"));
    assert_eq!(replacing[0], "kst-36600-XVI-30", "{replacing:?}");
    assert!(replacing.contains(&"kst-36600-XVI-12".to_string()));
    assert_eq!(
        ids(&format!("{words} ter vervanging van 36600-XVI-12"))[0],
        "kst-36600-XVI-30"
    );
}

#[test]
fn a_compound_in_the_query_finds_its_parts_apart() {
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    let texts = [
        (
            "a",
            "De Kamer steunt de inzet van de regering voor meer defensie-uitgaven.",
        ),
        (
            "b",
            "De regering komt met een wetsvoorstel over de defensie.",
        ),
        ("c", "De inzet van vrijwilligers in de zorg verdient steun."),
        (
            "d",
            "De regering en de gemeenten bespreken de inzet van middelen.",
        ),
        (
            "e",
            "De waarde voor de samenleving is groot; de waarde voor de regering ook.",
        ),
        ("f", "Een waarde voor iedereen."),
        ("g", "Voor de waarde van het huis telt de ligging."),
    ];
    for (name, text) in texts {
        writer
            .add_text(text, format!("{name}.txt"), Metadata::default())
            .unwrap();
    }
    writer.commit().unwrap();
    let paths = |q: &str| -> Vec<String> {
        let r = index.search(q, &SearchOptions::default()).unwrap();
        r.hits
            .iter()
            .map(|h| h.path.display().to_string())
            .collect()
    };
    // No text says "regeringsinzet": the texts with both "regering" and "inzet" come first,
    // then those with one of them (not the "waarde" texts that have neither); with "defensie"
    // the one that has all three comes first.
    let found = paths("regeringsinzet");
    let mut both = found[..2].to_vec();
    both.sort();
    assert_eq!(both, ["a.txt", "d.txt"]);
    let mut one = found[2..].to_vec();
    one.sort();
    assert_eq!(one, ["b.txt", "c.txt", "e.txt"]);
    assert_eq!(paths("regeringsinzet defensie")[0], "a.txt");
    let r = index
        .search("regeringsinzet", &SearchOptions::default())
        .unwrap();
    let marked: Vec<&str> = r.hits[0]
        .highlights
        .iter()
        .map(|m| &r.hits[0].text[m.clone()])
        .collect();
    assert!(
        marked.contains(&"inzet") && marked.contains(&"regering"),
        "{marked:?}"
    );
    // A particle fuses with what follows: "voorwaarde" is not "waarde voor".
    assert!(paths("voorwaarde").is_empty());
}

#[test]
fn a_verb_form_is_found_by_its_infinitive() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        (
            "a",
            "De Kamer steunt de inzet van de regering en vraagt om meer geld.",
        ),
        (
            "b",
            "Het plan wordt opgesteld en uitgevoerd; de bouw wordt gestimuleerd.",
        ),
        // The infinitives are words of the corpus: that is what confirms the forms above.
        (
            "c",
            "Wij steunen het plan, vragen om opstellen en uitvoeren, en stimuleren de bouw.",
        ),
        ("d", "Het gebied is groot; de gebieden vragen meer."),
    ];
    for (name, text) in texts {
        std::fs::write(dir.path().join(format!("{name}.txt")), text).unwrap();
    }
    let index = Index::create_in_ram().unwrap();
    index
        .index_paths(&[dir.path()], &Default::default())
        .unwrap();
    let paths = |q: &str| -> Vec<String> {
        let r = index.search(q, &SearchOptions::default()).unwrap();
        let mut p: Vec<String> = r
            .hits
            .iter()
            .map(|h| h.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        p.sort();
        p
    };
    assert_eq!(paths("steunen"), ["a.txt", "c.txt"]);
    assert_eq!(paths("stimuleren"), ["b.txt", "c.txt"]);
    assert_eq!(paths("opstellen"), ["b.txt", "c.txt"]);
    assert_eq!(paths("uitvoeren"), ["b.txt", "c.txt"]);
    // "gebied" is a noun ("gebieden"), not a form of "bieden".
    assert!(paths("bieden").is_empty());
    // The form is marked in the passage as written.
    let r = index
        .search("stimuleren opstellen", &SearchOptions::default())
        .unwrap();
    let hit = r.hits.iter().find(|h| h.path.ends_with("b.txt")).unwrap();
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|m| &hit.text[m.clone()])
        .collect();
    assert_eq!(marked, ["opgesteld", "gestimuleerd"]);
}

#[test]
fn one_index_on_disk_indexes_again_and_again_reading_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), "De kwelders van Schiermonnikoog.").unwrap();
    std::fs::write(docs.join("b.txt"), "De zandbanken bij Ameland.").unwrap();
    let index = Index::open_or_create(dir.path().join("idx")).unwrap();
    let total = |q: &str| index.search(q, &SearchOptions::default()).unwrap().total;

    let first = index.index_paths(&[&docs], &Default::default()).unwrap();
    assert_eq!((first.added, first.documents), (2, 2));
    // Nothing changed: nothing read, and the run hands the manifest back unchanged.
    let second = index.index_paths(&[&docs], &Default::default()).unwrap();
    assert_eq!((second.unchanged, second.documents), (2, 0));
    let third = index.index_paths(&[&docs], &Default::default()).unwrap();
    assert_eq!((third.unchanged, third.documents), (2, 0));

    std::fs::write(
        docs.join("b.txt"),
        "De wadden bij Ameland, en hun zeehonden.",
    )
    .unwrap();
    std::fs::remove_file(docs.join("a.txt")).unwrap();
    std::fs::write(docs.join("c.txt"), "Zeehonden op het strand.").unwrap();
    let fourth = index.index_paths(&[&docs], &Default::default()).unwrap();
    assert_eq!(
        (
            fourth.added,
            fourth.changed,
            fourth.removed,
            fourth.unchanged
        ),
        (1, 1, 1, 0)
    );
    assert_eq!(total("zeehonden"), 2);
    assert_eq!(total("kwelders"), 0);
    assert_eq!(total("zandbanken"), 0);
    let fifth = index.index_paths(&[&docs], &Default::default()).unwrap();
    assert_eq!((fifth.unchanged, fifth.documents), (2, 0));
    // What a fresh process reads from disk is the same.
    drop(index);
    let again = Index::open(dir.path().join("idx")).unwrap();
    let sixth = again.index_paths(&[&docs], &Default::default()).unwrap();
    assert_eq!((sixth.unchanged, sixth.documents), (2, 0));
}

#[test]
fn a_document_matched_by_its_title_alone_is_counted_once() {
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    let titled = |title: &str| Metadata {
        title: Some(title.to_string()),
        ..Metadata::default()
    };
    let long_text = "De wadden en de kwelders.\n\n".repeat(3)
        + &"Over de vogels van het wad, in vele alinea's verteld.\n\n".repeat(400);
    // Only the title has the word; the text has many passages, none with it. Written twice:
    // the first copy is deleted and must not count.
    for _ in 0..2 {
        writer
            .add_text(
                &long_text,
                "kst-40010-1.txt",
                titled("Zeehondenopvang op Texel"),
            )
            .unwrap();
    }
    writer
        .add_text(
            "De zeehondenopvang in Pieterburen en de wadden.",
            "kst-40011-1.txt",
            titled("Brief over Pieterburen"),
        )
        .unwrap();
    writer
        .add_text(
            "Over de kwelders en de vogels.",
            "kst-40012-1.txt",
            titled("Brief over kwelders"),
        )
        .unwrap();
    writer.commit().unwrap();
    let total = |q: &str| index.search(q, &SearchOptions::default()).unwrap().total;
    assert_eq!(total("zeehondenopvang"), 2);
    assert_eq!(total("Texel"), 1);
    // A long query (ranked in two steps) counts the same way: all three have "wadden" or
    // "kwelders" in the text; only the title brings "Texel".
    assert_eq!(total("Texel zeehondenopvang"), 2);
    assert_eq!(total("Texel Pieterburen wadden kwelders vogels opvang"), 3);
    assert_eq!(total("Texel Pieterburen opvang eilanden zeehonden"), 2);
}

/// An index written with another analysis is refused with a message to index again, though
/// its fields are the same: its terms are not the ones a search now looks for.
#[test]
fn an_index_of_another_schema_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idx");
    let index = Index::open_or_create(&path).unwrap();
    let mut writer = index.writer().unwrap();
    writer
        .add_text(&motie(1), "kst-36600-XVI-1.txt", Metadata::default())
        .unwrap();
    writer.commit().unwrap();
    drop(writer);
    drop(index);
    assert!(Index::open(&path).is_ok());
    let version = path.join("kamerzoek-version.json");
    let written = std::fs::read_to_string(&version).unwrap();
    let current = format!("\"schema\": {}", kamerzoek::index::SCHEMA_VERSION);
    assert!(written.contains(&current), "{written}");
    std::fs::write(&version, written.replace(&current, "\"schema\": 3")).unwrap();
    let err = Index::open(&path).unwrap_err();
    assert!(
        matches!(err, kamerzoek::Error::OtherVersion { found: Some(3), .. }),
        "{err}"
    );
    let err = err.to_string();
    assert!(
        err.contains("built by another version of kamerzoek"),
        "{err}"
    );
    assert!(err.contains("index it again"), "{err}");
}

/// A question about a motie is searched for its subject: the question word, the document it
/// names and the verb of asking count for nothing, so the question finds what its subject finds.
#[test]
fn a_question_finds_what_its_subject_finds() {
    let index = Index::create_in_ram().unwrap();
    index
        .index_paths(&["sample_corpus"], &Default::default())
        .unwrap();
    let options = SearchOptions::default();
    let subject = index
        .search("de regeldruk in de zorg halveren", &options)
        .unwrap();
    let question = index
        .search(
            "Welke motie wilde de regeldruk in de zorg halveren?",
            &options,
        )
        .unwrap();
    assert_eq!(question.total, subject.total);
    let keys = |r: &kamerzoek::SearchResults| -> Vec<String> {
        r.hits.iter().map(|h| h.key.clone()).collect()
    };
    assert_eq!(keys(&question), keys(&subject));
    assert!(
        question.hits[0].key.starts_with("kst-36600-XVI-"),
        "{:?}",
        keys(&question)
    );
}
