//! Queries are user input: whatever is typed, a search answers or says what is wrong, and never
//! panics.

use std::sync::OnceLock;

use kamerzoek::search::SearchOptions;
use kamerzoek::Index;
use proptest::prelude::*;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = Index::create_in_ram().unwrap();
        index
            .index_paths(&["sample_corpus"], &Default::default())
            .unwrap();
        index
    })
}

/// Queries made of the pieces the query language and the analysis treat specially.
fn queryish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "mensenhandel",
        "Curaçao",
        "\"",
        "-",
        " ",
        "OR",
        "t.v.v.",
        "(t.v.v. 33750-IV-16)",
        "ter vervanging van",
        "33750-IV-16",
        "kst-",
        "type:",
        "motie",
        "dossier:",
        "id:",
        "en",
        "-reservisten",
        "regeringsinzet",
        "opgesteld",
        "steunt",
        "中文",
        "ﬁ",
        "\u{AD}",
        ",",
        "gestimuleerd",
        "uitgevoerd",
        "zorg",
        ":",
        "é",
        "ß",
        "İ",
        "—",
        "WODC-onderzoek",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_unicode_query_is_answered_or_refused(q in "\\PC{0,40}") {
        let _ = index().search(&q, &SearchOptions::default());
    }

    #[test]
    fn any_query_of_special_pieces_is_answered_or_refused(q in queryish()) {
        let _ = index().search(&q, &SearchOptions::default());
    }
}
