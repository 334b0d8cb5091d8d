//! How a query word is weighed and what it also stands for: a function word counts in the text
//! only; the parts of its compound in the text's compounds, its synonyms and the abbreviations
//! the indexed texts define and the verb of a verb form, each weighed below the word as typed;
//! a sign beside a number is its word.

use kamerzoek::search::{SearchOptions, SearchResults};
use kamerzoek::Index;

/// An index on disk of `texts` (name, text), written as `kamerzoek index` writes a folder.
fn indexed(texts: &[(&str, &str)]) -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for (name, text) in texts {
        std::fs::write(docs.join(format!("{name}.txt")), text).unwrap();
    }
    let index = Index::open_or_create(dir.path().join("idx")).unwrap();
    index.index_paths(&[&docs], &Default::default()).unwrap();
    (dir, index)
}

/// The names of the files of the hits, best first.
fn names(results: &SearchResults) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|h| h.path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

fn search(index: &Index, q: &str) -> SearchResults {
    let options = SearchOptions {
        explain: true,
        ..SearchOptions::default()
    };
    index.search(q, &options).unwrap()
}

/// A query's compound and a text's compound that share a part: the text about a
/// "draaideurverbod" is what "draaideurregels" asks for, above the texts that have only the
/// query's common other part.
#[test]
fn a_compound_in_the_query_finds_a_compound_sharing_its_part() {
    let (_dir, index) = indexed(&[
        (
            "verbod",
            "Een draaideurverbod voor oud-ministers die lobbyist worden.",
        ),
        (
            "regels-1",
            "Nieuwe regels voor de woningbouw: de bouw van woningen.",
        ),
        (
            "regels-2",
            "De regels voor sportsubsidie: subsidie voor de sport.",
        ),
        (
            "regels-3",
            "Regels voor het parkeren in de binnenstad van de stad.",
        ),
        ("regels-4", "De regels voor de jacht op wilde zwijnen."),
        ("regels-5", "Strengere regels voor de verhuur van kamers."),
        (
            "regels-6",
            "Minder regels voor ondernemers, zegt de minister.",
        ),
        ("deur-1", "De draaideur tussen politiek en bedrijfsleven."),
        (
            "deur-2",
            "Een draaideur bij de ingang van het ministerie; een ingangsdatum.",
        ),
        ("deur-3", "Over de draaideur en de lobby."),
        ("vuurwerk", "Een verbod op vuurwerk."),
    ]);
    let names = names(&search(&index, "draaideurregels"));
    let rank = |name: &str| names.iter().position(|n| n == name);
    let verbod = rank("verbod").unwrap_or_else(|| panic!("{names:?}"));
    for other in [
        "regels-1", "regels-2", "regels-3", "regels-4", "regels-5", "regels-6",
    ] {
        assert!(Some(verbod) < rank(other), "{names:?}");
    }
}

/// An abbreviation one text defines ("de Autoriteit Persoonsgegevens (AP)") stands for its
/// long form in a query, and the long form for the abbreviation; the text with the words as
/// typed ranks above the one found through the other form.
#[test]
fn an_abbreviation_the_texts_define_finds_its_long_form_and_back() {
    let (_dir, index) = indexed(&[
        (
            "definitie",
            "De Autoriteit Persoonsgegevens (AP) houdt toezicht op de privacy van burgers.",
        ),
        (
            "afgekort",
            "De AP legt de gemeente een boete op voor het lekken van gegevens.",
        ),
        (
            "voluit",
            "De Autoriteit Persoonsgegevens onderzoekt de registratie van veestallen.",
        ),
        ("boete", "Een boete voor te hard rijden op de snelweg."),
        ("stallen", "Nieuwe regels voor de bouw van veestallen."),
    ]);
    // "AP" finds the text that spells it out, below the two that say "AP".
    let r = search(&index, "AP");
    let found = names(&r);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[2], "voluit", "{found:?}");
    let way = &r.hits[2].explain.as_ref().unwrap().items[0];
    assert_eq!(way.way, "abbreviation");
    assert_eq!(way.matches[0].term, "autoriteit persoonsgegevens");
    // With another word: the text with both as typed first, then the one with the long form.
    assert_eq!(
        names(&search(&index, "AP veestallen"))[..2],
        ["voluit", "stallen"]
    );
    let found = names(&search(&index, "AP registratie"));
    assert_eq!(found[0], "voluit", "{found:?}");
    // The long form finds the text that says "AP", above one with only its other word.
    let found = names(&search(&index, "autoriteit persoonsgegevens boete"));
    let rank = |name: &str| found.iter().position(|n| n == name);
    assert!(rank("afgekort").is_some(), "{found:?}");
    assert!(rank("afgekort") < rank("boete"), "{found:?}");
}

/// A compound whose parts the index holds once each is still split: the rare parts of a
/// rare compound are what a reader who types "suikergehalte" names.
#[test]
fn a_rare_compound_finds_its_rare_parts() {
    let (_dir, index) = indexed(&[
        ("eten", "Minder suiker en zout in het eten van kinderen."),
        ("lucht", "Het gehalte aan fijnstof in de lucht stijgt."),
        ("zorg", "Een motie over de wachtlijsten in de zorg."),
    ]);
    let found = names(&search(&index, "suikergehalte"));
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.contains(&"eten".to_string()), "{found:?}");
}

/// The parts of a hyphenated query word are the user's own words: a text that has both apart
/// ("de prestaties van het UWV") counts them as it would "uwv prestaties".
#[test]
fn the_parts_of_a_hyphenated_word_count_as_words() {
    let (_dir, index) = indexed(&[
        ("apart", "Over de prestaties van het UWV."),
        ("wachttijden", "De wachttijden bij de keuring."),
        ("wachttijden-2", "Lange wachttijden voor een woning."),
        ("uwv-1", "Het UWV betaalt de uitkering."),
        ("uwv-2", "Een brief over het UWV."),
        ("prestaties-1", "De prestaties van de scholen."),
        ("prestaties-2", "Goede prestaties in de sport."),
        ("zorg", "De zorg in de regio."),
        ("wonen", "Wonen in de stad."),
        ("water", "Het water in de polder."),
        ("weg", "De weg naar de kust."),
    ]);
    let found = names(&search(&index, "uwv-prestaties wachttijden"));
    assert_eq!(found[0], "apart", "{found:?}");
    let typed = names(&search(&index, "uwv prestaties wachttijden"));
    assert_eq!(typed[0], "apart", "{typed:?}");
}

/// A word the texts seldom use finds the texts that use its synonym (Open Dutch WordNet's),
/// below the text that says it as typed, and the explanation names the synonym; a word the
/// texts use often keeps to itself.
#[test]
fn a_rare_word_finds_its_synonyms_and_a_common_one_does_not() {
    let (_dir, index) = indexed(&[
        ("belt", "De vuilnisbelt op Bonaire moet dicht."),
        ("stort", "De vuilstortplaats Lagun op Bonaire stinkt."),
        ("haven", "De haven van Bonaire wordt uitgebreid."),
        ("opvang-1", "De kinderopvang wordt duurder voor ouders."),
        ("opvang-2", "Meer geld voor de kinderopvang in de stad."),
        ("opvang-3", "De kinderopvang en de school werken samen."),
        ("creche", "De crèche van het ministerie sluit."),
    ]);

    let results = search(&index, "vuilnisbelt");
    assert_eq!(names(&results), ["belt", "stort"]);
    let explain = results.hits[1].explain.as_ref().unwrap();
    assert_eq!(explain.items[0].way, "related word");
    assert_eq!(explain.items[0].matches[0].term, "vuilstortplat");

    // "Crèche" is in one passage of seven: it finds "kinderopvang", below itself.
    let found = names(&search(&index, "crèche"));
    assert_eq!(found[0], "creche");
    assert!(found.contains(&"opvang-1".to_string()), "{found:?}");
    // "Kinderopvang" is in three: its synonym "crèche" is not looked up.
    let found = names(&search(&index, "kinderopvang"));
    assert!(!found.contains(&"creche".to_string()), "{found:?}");
}

/// A word in more than one passage in a hundred (and in ten at least) has no related forms: its
/// own passages fill the page, and the text that says only "compenseren" is not counted for
/// "compensatie". Where the word is rare, the same text is found (`related.rs`).
#[test]
fn a_common_word_has_no_related_forms() {
    let common: Vec<(String, String)> = (0..20)
        .map(|i| {
            let text = format!("De compensatie voor de boeren van polder {i} is te laag.");
            (format!("compensatie-{i}"), text)
        })
        .collect();
    let mut texts: Vec<(&str, &str)> = common
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    texts.push(("compenseren", "De regering moet de vissers compenseren."));
    let (_dir, index) = indexed(&texts);
    let results = search(&index, "compensatie");
    assert_eq!(results.total, 20);
    assert!(!names(&results).contains(&"compenseren".to_string()));
    // The form as typed still finds its own text.
    assert_eq!(names(&search(&index, "compenseren"))[0], "compenseren");
}

/// "de" in a title is no match that outweighs the query's other word said twice: a function
/// word of the texts counts in the text only.
#[test]
fn a_function_word_in_a_title_does_not_outweigh_a_content_word() {
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    let title = kamerzoek::meta::Metadata {
        title: Some("Brief over de wadden".into()),
        ..Default::default()
    };
    let fillers = [
        "De kwelders van de Waddenzee.",
        "De vogels van de eilanden.",
        "De veerboot naar de eilanden.",
        "De dijken langs de kust.",
        "De garnalenvissers van de haven.",
        "De zandplaten in de zomer.",
    ];
    let mut texts = vec![
        (
            "kst-46100-1.txt",
            "De zeehonden liggen op de zandplaat.",
            title,
        ),
        (
            "kst-46100-2.txt",
            "De zeehonden en nog eens de zeehonden op de plaat.",
            Default::default(),
        ),
    ];
    let names = [
        "kst-46100-3.txt",
        "kst-46100-4.txt",
        "kst-46100-5.txt",
        "kst-46100-6.txt",
        "kst-46100-7.txt",
        "kst-46100-8.txt",
    ];
    for (name, text) in names.iter().zip(fillers) {
        texts.push((name, text, Default::default()));
    }
    for (name, text, meta) in texts {
        writer.add_text(text, name, meta).unwrap();
    }
    writer.commit().unwrap();
    drop(writer);
    let results = search(&index, "de zeehonden");
    let keys: Vec<&str> = results.hits.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(keys[..2], ["kst-46100-2", "kst-46100-1"], "{keys:?}");
}

/// A related form is another ending of the word, not another word after the same first part:
/// "woningbouw" does not find "woningnood" or "woning" as related words (its parts find
/// them, as a part alone), and "compensatie" still finds "compenseren".
#[test]
fn a_compound_with_another_second_part_is_no_related_form() {
    let (_dir, index) = indexed(&[
        ("bouw", "De woningbouw moet sneller, zegt de minister."),
        ("nood", "De woningnood onder studenten is groot."),
        ("bouw-scholen", "De bouw van scholen loopt achter."),
        ("woning", "Een woning in Delft is duur."),
        ("compensatie", "De compensatie voor boeren is te laag."),
        ("compenseren", "De regering moet de boeren compenseren."),
    ]);

    let results = search(&index, "woningbouw");
    assert_eq!(names(&results)[0], "bouw");
    for hit in &results.hits {
        let way = &hit.explain.as_ref().unwrap().items[0].way;
        assert_ne!(way, "related word", "{}", hit.path.display());
    }

    let results = search(&index, "compensatie");
    assert_eq!(names(&results), ["compensatie", "compenseren"]);
    assert_eq!(
        results.hits[1].explain.as_ref().unwrap().items[0].way,
        "related word"
    );
}

/// A sign beside a number is the word it stands for: "procent" finds "90%" (highlighted) and
/// "90%" finds "procent", as a phrase too; "euro" finds "€ 405.000".
#[test]
fn a_sign_beside_a_number_is_found_by_its_word() {
    let (_dir, index) = indexed(&[
        ("teken", "Het klimaatdoel van 90% in 2040 is te hoog."),
        ("woord", "Een doel van 90 procent is haalbaar."),
        ("anders", "Het doel in 2040 is ambitieus."),
        ("huizen", "Koophuizen tot € 405.000 voor de middengroepen."),
    ]);

    let results = search(&index, "\"90 procent\"");
    assert_eq!(names(&results).len(), 2, "{:?}", names(&results));
    let sign = results
        .hits
        .iter()
        .find(|h| h.path.ends_with("teken.txt"))
        .unwrap();
    let marked: Vec<&str> = sign
        .highlights
        .iter()
        .map(|r| &sign.text[r.clone()])
        .collect();
    assert_eq!(marked, ["90%"]);

    let results = search(&index, "doel van 90%");
    assert_eq!(&names(&results)[..2], ["woord", "teken"]);

    assert_eq!(names(&search(&index, "405.000 euro")), ["huizen"]);
}

/// A verb form the stemmer leaves apart finds its verb: "steunde" (past tense) finds the motie
/// that "steunt" and the one that says "steunen", through the infinitive, as a related word.
#[test]
fn a_past_tense_in_the_query_finds_its_verb() {
    let (_dir, index) = indexed(&[
        (
            "steunt",
            "De Kamer steunt de norm van vijf procent voor defensie.",
        ),
        ("steunen", "Wij steunen de boeren in Drenthe."),
        ("anders", "De norm voor defensie is te laag."),
    ]);

    let results = search(&index, "steunde");
    let mut found = names(&results);
    found.sort();
    assert_eq!(found, ["steunen", "steunt"]);
    for hit in &results.hits {
        let item = &hit.explain.as_ref().unwrap().items[0];
        assert_eq!(
            (item.way.as_str(), item.matches[0].term.as_str()),
            ("related word", "steun")
        );
    }
}
