//! Counts by year, type, dossier and submitter: over the whole result, each document once, and
//! the same as the filtered searches count.

use kamerzoek::search::{Facet, FacetCounts, SearchOptions, NO_VALUE};
use kamerzoek::{Date, Index};

mod common;
use common::sample_index;

fn count(facet: &FacetCounts, value: &str) -> usize {
    facet
        .counts
        .iter()
        .find(|(v, _)| v == value)
        .map_or(0, |(_, n)| *n)
}

fn total(index: &Index, q: &str, options: SearchOptions) -> usize {
    index.search(q, &options).unwrap().total
}

#[test]
fn facets_count_the_whole_result_and_agree_with_the_filters() {
    let index = sample_index();
    let q = "zorg OR mensenhandel OR woningbouw";
    let options = SearchOptions {
        limit: 1,
        facets: Facet::ALL.to_vec(),
        ..Default::default()
    };
    let r = index.search(q, &options).unwrap();
    assert_eq!(
        r.hits.len(),
        1,
        "the page is one document; the counts are not"
    );
    let [year, kind, dossier, indiener, _partij] = &r.facets[..] else {
        panic!("{:?}", r.facets)
    };
    // A single value per document: the counts add up to the total.
    for single in [year, kind] {
        let sum: usize = single.counts.iter().map(|(_, n)| n).sum();
        assert_eq!(sum, r.total, "{single:?}");
    }
    // Each count is what the same search filtered by that value finds.
    for (value, n) in &year.counts {
        if value == NO_VALUE {
            continue;
        }
        let y: u16 = value.parse().unwrap();
        let filtered = SearchOptions {
            from: Date::new(y, 1, 1),
            to: Date::new(y, 12, 31),
            ..Default::default()
        };
        assert_eq!(total(&index, q, filtered), *n, "year {value}");
    }
    for (value, n) in &kind.counts {
        if value == NO_VALUE || value == "motie" {
            continue;
        }
        let filtered = SearchOptions {
            doc_type: Some(value.clone()),
            ..Default::default()
        };
        assert_eq!(total(&index, q, filtered), *n, "type {value}");
    }
    // A motie filter takes in the gewijzigde moties.
    let moties = SearchOptions {
        doc_type: Some("motie".into()),
        ..Default::default()
    };
    assert_eq!(
        total(&index, q, moties),
        count(kind, "motie") + count(kind, "gewijzigde motie")
    );
    assert_eq!(count(dossier, "36600-XVI"), 3, "{dossier:?}");
    assert_eq!(count(indiener, "De Vries"), 2, "{indiener:?}");
    let by_de_vries = SearchOptions {
        indiener: Some("de vries".into()),
        ..Default::default()
    };
    assert_eq!(total(&index, q, by_de_vries), 2);
}

#[test]
fn an_unknown_facet_is_refused_with_the_known_ones() {
    let err = Facet::parse_list("year,kleur").unwrap_err().to_string();
    assert!(
        err.contains("kleur") && err.contains("year, type, dossier, indiener, partij"),
        "{err}"
    );
}

#[test]
fn speakers_and_their_parties_find_the_meeting_report() {
    let index = sample_index();
    let keys = |q: &str, options: SearchOptions| -> Vec<String> {
        let r = index.search(q, &options).unwrap();
        r.hits.into_iter().map(|h| h.key).collect()
    };
    let report = keys("spreker:ellian", SearchOptions::default());
    assert_eq!(report.len(), 1, "{report:?}");
    assert!(report[0].contains("vlos-commissiedebat-mensenhandel-2025.xml"));
    assert_eq!(keys("partij:d66", SearchOptions::default()), report);
    let by_party = SearchOptions {
        partij: Some("VVD".into()),
        facets: vec![Facet::Partij],
        ..Default::default()
    };
    let r = index.search("mensenhandel", &by_party).unwrap();
    assert_eq!(r.hits.len(), 1);
    assert_eq!(count(&r.facets[0], "VVD"), 1);
    assert_eq!(count(&r.facets[0], "D66"), 1);
}
