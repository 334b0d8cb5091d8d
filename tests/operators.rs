//! The query's operators mean what they say, and the counts say how many documents contain
//! all of a query and how many some of it.

use std::collections::BTreeSet;

use kamerzoek::normalize::fold;
use kamerzoek::search::{parse_query, SearchOptions};
use kamerzoek::Index;

mod common;
use common::sample_index;

fn keys(index: &Index, q: &str) -> BTreeSet<String> {
    let options = SearchOptions {
        limit: 1000,
        ..Default::default()
    };
    let r = index.search(q, &options).unwrap();
    assert_eq!(r.hits.len(), r.total, "{q}");
    r.hits.into_iter().map(|h| h.key).collect()
}

fn says(index: &Index, key: &str, word: &str) -> bool {
    let doc = index.get(key).unwrap().unwrap();
    fold(&format!("{} {}", doc.text, doc.title.unwrap_or_default())).contains(word)
}

#[test]
fn and_not_and_plus_parse_to_required_and_excluded_slots() {
    let q = parse_query("asiel AND migratie").unwrap();
    assert_eq!(q.required, [0, 1]);
    let q = parse_query("+asiel migratie").unwrap();
    assert_eq!((q.slots.len(), q.required.clone()), (2, vec![0]));
    let q = parse_query("asiel NOT migratie").unwrap();
    assert_eq!((q.slots.len(), q.excluded.len()), (1, 1));
    assert!(q.required.is_empty());
    // OR joins first: either of asiel and migratie, and opvang.
    let q = parse_query("asiel OR migratie AND opvang").unwrap();
    assert_eq!(q.slots.len(), 2);
    assert_eq!(q.slots[0].len(), 2);
    assert_eq!(q.required, [0, 1]);
    // NOT after AND excludes; the word before it is still required.
    let q = parse_query("asiel AND NOT migratie").unwrap();
    assert_eq!((q.required.clone(), q.excluded.len()), (vec![0], 1));
    // Lower case is a word, as "and" is in old English-language OCR.
    assert_eq!(parse_query("asiel and migratie").unwrap().slots.len(), 3);
}

#[test]
fn an_operator_without_its_word_is_refused_with_an_example() {
    for q in [
        "AND asiel",
        "asiel AND",
        "asiel NOT",
        "+ asiel",
        "asiel +",
        "asiel OR AND b",
    ] {
        let err = parse_query(q).unwrap_err().to_string();
        assert!(err.contains("as in"), "{q}: {err}");
    }
}

#[test]
fn not_leaves_out_and_and_keeps_only_what_has_both() {
    let index = sample_index();
    let some = keys(&index, "mensenhandel");
    let not = keys(&index, "mensenhandel NOT Curacao");
    let and = keys(&index, "mensenhandel AND Curacao");
    assert!(!not.is_empty() && not.is_subset(&some));
    assert!(not.iter().all(|k| !says(&index, k, "curacao")), "{not:?}");
    assert!(and
        .iter()
        .all(|k| says(&index, k, "curacao") && says(&index, k, "mensenhandel")));
    assert_eq!(and.len() + not.len(), some.len());
    // The count of documents with every word is the number that say both.
    let both = some.iter().filter(|k| says(&index, k, "curacao")).count();
    assert_eq!(and.len(), both);
    let options = SearchOptions::default();
    let plain = index.search("mensenhandel Curacao", &options).unwrap();
    assert_eq!(plain.every, both);
    assert!(plain.total > plain.every);
    let plus = index.search("+mensenhandel Curacao", &options).unwrap();
    assert_eq!((plus.total, plus.every), (some.len(), both));
}

#[test]
fn a_phrase_with_a_distance_finds_its_words_near_each_other() {
    let index = sample_index();
    assert!(keys(&index, r#""Aruba Sint Maarten""#).is_empty());
    let near = keys(&index, r#""Aruba Sint Maarten"~2"#);
    // The seed letter, the motie and, where its PDF can be read, the besluitenlijst.
    let pdf = usize::from(kamerzoek::read::pdftotext_available());
    assert_eq!(near.len(), 2 + pdf, "{near:?}");
    for key in &near {
        assert!(["aruba", "sint", "maarten"]
            .iter()
            .all(|w| says(&index, key, w)));
    }
    assert!(keys(&index, r#""Aruba Sint Maarten"~1"#).is_empty());
    let q = parse_query(r#""Aruba Sint Maarten"~2 zorg"#).unwrap();
    assert_eq!(q.slots[0][0].to_string(), r#""Aruba Sint Maarten"~2"#);
    assert!(parse_query(r#""Aruba Sint"~ zorg"#).is_err());
}

#[test]
fn a_prefix_finds_the_words_that_begin_so() {
    let index = sample_index();
    let found = keys(&index, "mensenhan*");
    assert!(found.len() >= 4, "{found:?}");
    for key in &found {
        assert!(says(&index, key, "mensenhan"), "{key}");
    }
    let err = index
        .search("me*", &SearchOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("at least 3 letters"), "{err}");
    assert_eq!(
        parse_query("mensenhan*").unwrap().slots[0][0].to_string(),
        "mensenhan*"
    );
}

#[test]
fn parentheses_group_what_the_operators_apply_to() {
    let index = sample_index();
    let [regering, motie, mensenhandel, aruba] =
        ["regering", "motie", "mensenhandel", "Aruba"].map(|w| keys(&index, w));
    let and = |a: &BTreeSet<String>, b: &BTreeSet<String>| -> BTreeSet<String> {
        a.intersection(b).cloned().collect()
    };
    let or = |a: &BTreeSet<String>, b: &BTreeSet<String>| -> BTreeSet<String> {
        a.union(b).cloned().collect()
    };
    let but = |a: &BTreeSet<String>, b: &BTreeSet<String>| -> BTreeSet<String> {
        a.difference(b).cloned().collect()
    };
    let cases = [
        (
            "(regering AND mensenhandel) OR Aruba",
            or(&and(&regering, &mensenhandel), &aruba),
        ),
        (
            "regering NOT (mensenhandel OR Aruba)",
            but(&regering, &or(&mensenhandel, &aruba)),
        ),
        (
            "regering -(mensenhandel AND Aruba)",
            but(&regering, &and(&mensenhandel, &aruba)),
        ),
        (
            "motie AND (mensenhandel OR Aruba)",
            and(&motie, &or(&mensenhandel, &aruba)),
        ),
        (
            "(motie NOT mensenhandel) OR (Aruba AND regering)",
            or(&but(&motie, &mensenhandel), &and(&aruba, &regering)),
        ),
    ];
    for (q, expected) in cases {
        assert!(!expected.is_empty(), "{q}: a case that tells nothing");
        assert_eq!(keys(&index, q), expected, "{q}");
        // Every document found satisfies the whole query: the count of all is the count.
        let r = index.search(q, &SearchOptions::default()).unwrap();
        assert_eq!(r.every, expected.len(), "{q}");
    }
    // A group that is a condition ranks by its words: the passage found has one of them.
    let r = index
        .search(
            "(regering AND mensenhandel) OR Aruba",
            &SearchOptions::default(),
        )
        .unwrap();
    assert!(!r.hits[0].highlights.is_empty(), "{:?}", r.hits[0]);
}
