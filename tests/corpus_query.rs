//! The query language on the real corpus in `../shared/corpus`: the operators, the counts and
//! every form a document is named by. `#[ignore]`d like `tests/corpus.rs`; `.ci/run` runs them.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use kamerzoek::normalize::fold;
use kamerzoek::search::SearchOptions;
use kamerzoek::Index;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        assert!(
            dir.is_dir(),
            "the shared corpus is missing: {}",
            dir.display()
        );
        let index = Index::create_in_ram().unwrap();
        index.index_paths(&[&dir], &Default::default()).unwrap();
        index
    })
}

fn keys(q: &str) -> BTreeSet<String> {
    let options = SearchOptions {
        limit: 10_000,
        ..Default::default()
    };
    let r = index().search(q, &options).unwrap();
    assert_eq!(r.hits.len(), r.total, "{q}");
    r.hits.into_iter().map(|h| h.key).collect()
}

/// The words of a document's text, title and dossier title, folded.
fn words_of(key: &str) -> BTreeSet<String> {
    let doc = index().get(key).unwrap().unwrap();
    let text = [
        doc.text,
        doc.title.unwrap_or_default(),
        doc.dossier_title.unwrap_or_default(),
    ];
    fold(&text.join(" "))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn not_and_and_mean_what_they_say() {
    let asiel = keys("asiel");
    let migratie = keys("migratie");
    let not = keys("asiel NOT migratie");
    let and = keys("asiel AND migratie");
    println!(
        "asiel {}, migratie {}, asiel NOT migratie {}, asiel AND migratie {}",
        asiel.len(),
        migratie.len(),
        not.len(),
        and.len()
    );
    assert!(!not.is_empty() && not.is_subset(&asiel));
    for key in &not {
        assert!(!words_of(key).contains("migratie"), "{key} says migratie");
    }
    assert!(!and.is_empty() && and.is_subset(&asiel) && and.is_subset(&migratie));
    assert_eq!(keys("-migratie asiel"), not);
    let err = index()
        .search("ver*", &SearchOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("more than 300 words"), "{err}");
    assert_eq!(keys("+asiel +migratie"), and);
    // Groups: the sets the operators make of the words' own sets.
    let opvang = keys("opvang");
    assert_eq!(keys("(asiel AND migratie) OR opvang"), &and | &opvang);
    assert_eq!(
        keys("opvang NOT (asiel OR migratie)"),
        &(&opvang - &asiel) - &migratie
    );
    assert_eq!(keys("opvang -(asiel AND migratie)"), &opvang - &and);
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn the_count_of_documents_with_every_word_is_exact() {
    let r = index()
        .search("mensenhandel Curacao", &SearchOptions::default())
        .unwrap();
    let some = keys("mensenhandel OR Curacao");
    let both = some
        .iter()
        .filter(|k| {
            let words = words_of(k);
            words.iter().any(|w| w.starts_with("mensenhandel"))
                && words.iter().any(|w| w.starts_with("curacao"))
        })
        .count();
    println!(
        "{} with every word, {both} with both words in some form, {} in all",
        r.every, r.total
    );
    assert!(r.every <= both);
    let and = index()
        .search("mensenhandel AND Curacao", &SearchOptions::default())
        .unwrap();
    assert_eq!((and.total, and.every), (r.every, r.every));
    let asiel = index()
        .search("asiel migratie", &SearchOptions::default())
        .unwrap();
    assert_eq!(asiel.every, keys("asiel AND migratie").len());
    assert!(asiel.total >= keys("asiel OR migratie").len());
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn every_form_of_a_document_s_name_finds_it() {
    let first = |q: &str| {
        let r = index().search(q, &SearchOptions::default()).unwrap();
        r.hits.first().map(|h| h.key.clone()).unwrap_or_default()
    };
    let id = "kst-36600-XVI-100";
    let citation = index().get(id).unwrap().unwrap().citation.unwrap();
    for q in [
        id,
        "36600-XVI-100",
        "36 600 XVI, nr. 100",
        citation.as_str(),
        "https://zoek.officielebekendmakingen.nl/kst-36600-XVI-100.html",
        "kst-36600-XVI-100.pdf",
        "id:kst-36600-XVI-100",
        "motie 36 600 XVI, nr. 100",
        "zie Kamerstuk 36 600 XVI, nr. 100",
        "zorg kst-36600-XVI-100.pdf",
    ] {
        assert_eq!(first(q), id, "{q}");
    }
    assert_eq!(
        first("Handelingen II 2017/18, nr. 70, item 6"),
        "h-tk-20172018-70-6"
    );
    for q in ["sgd:0000142774", "0000142774"] {
        let r = index().search(q, &SearchOptions::default()).unwrap();
        let sgd = r.hits.first().and_then(|h| index().get(&h.key).unwrap());
        assert_eq!(
            sgd.and_then(|d| d.sgd_id).as_deref(),
            Some("0000142774"),
            "{q}"
        );
    }
    // A bare dossier number ranks the dossier's documents first.
    let r = index()
        .search("stikstof 33037", &SearchOptions::default())
        .unwrap();
    assert!(r
        .hits
        .iter()
        .all(|h| h.dossier.as_deref().is_some_and(|d| d.starts_with("33037"))));
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn facets_add_up_and_equal_the_filtered_counts() {
    use kamerzoek::search::Facet;
    let q = "stikstof";
    let options = SearchOptions {
        facets: Facet::ALL.to_vec(),
        ..Default::default()
    };
    let r = index().search(q, &options).unwrap();
    let count = |facet: usize, value: &str| {
        r.facets[facet]
            .counts
            .iter()
            .find(|(v, _)| v == value)
            .map_or(0, |(_, n)| *n)
    };
    for single in &r.facets[..2] {
        let sum: usize = single.counts.iter().map(|(_, n)| n).sum();
        assert_eq!(sum, r.total, "{:?}", single.facet);
    }
    let filtered = |o: SearchOptions| index().search(q, &o).unwrap().total;
    let moties = filtered(SearchOptions {
        doc_type: Some("motie".into()),
        ..Default::default()
    });
    assert_eq!(moties, count(1, "motie") + count(1, "gewijzigde motie"));
    let y2024 = filtered(SearchOptions {
        from: kamerzoek::Date::new(2024, 1, 1),
        to: kamerzoek::Date::new(2024, 12, 31),
        ..Default::default()
    });
    assert_eq!(y2024, count(0, "2024"));
    let grinwis = filtered(SearchOptions {
        indiener: Some("Grinwis".into()),
        ..Default::default()
    });
    assert_eq!(grinwis, count(3, "Grinwis"));
    assert!(grinwis > 10);
}

/// However a search is ranked (a long query is not scored in full, a filtered one is), its
/// type counts add up to its total: the facets count the documents the total counts.
#[test]
#[ignore = "needs ../shared/corpus"]
fn facets_count_what_the_total_counts_for_every_kind_of_query() {
    use kamerzoek::search::Facet;
    let long = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/queries-long-dev.tsv"),
    )
    .expect("the dev queries of ../shared/eval");
    let mut queries: Vec<String> = long
        .lines()
        .skip(1)
        .step_by(40)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    queries.extend(
        [
            "asiel NOT migratie",
            "+stikstof boeren",
            r#""stikstof boeren"~3"#,
            "(asiel AND migratie) OR opvang",
            "type:motie stikstof",
            "indiener:kröger",
            "stikstof 33037",
        ]
        .map(String::from),
    );
    let options = SearchOptions {
        facets: vec![Facet::Type],
        ..Default::default()
    };
    for q in &queries {
        let r = index().search(q, &options).unwrap();
        let sum: usize = r.facets[0].counts.iter().map(|(_, n)| n).sum();
        assert_eq!(sum, r.total, "{q}");
        let plain = index().search(q, &SearchOptions::default()).unwrap();
        assert_eq!((plain.total, plain.every), (r.total, r.every), "{q}");
    }
}
