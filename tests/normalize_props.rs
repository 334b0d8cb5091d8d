//! Properties of the normalization pipeline on arbitrary input: it never panics, and running it
//! on its own output changes nothing.

use kamerzoek::normalize::{normalize, Lexicon};
use proptest::prelude::*;

/// Text made of the characters that matter to the pipeline, so that interesting cases
/// (hyphens at line ends, soft hyphens, combining marks, page numbers) come up often.
fn dutchish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "op-",
        "zichte",
        "Noord-",
        "Holland",
        "en",
        " ",
        "\n",
        "\n\n",
        "\u{AD}",
        "\u{308}",
        "e",
        "ﬁ",
        "Pagina 1 van 2",
        "12",
        "-",
        "—",
        "\u{A0}",
        "\t",
        "\r\n",
        "\u{C}",
        "’s-",
        "Kamer",
        "nr. 5",
        "a",
        "Ĳ",
        "\u{200B}",
        "\u{FEFF}",
        ".",
        "kst-1234-5 ISSN x",
        "zee-",
        "egel",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_any_unicode(text in "\\PC*") {
        let _ = normalize(&text, &Lexicon::default());
    }

    #[test]
    fn idempotent_on_any_unicode(text in "\\PC*") {
        let once = normalize(&text, &Lexicon::default()).text();
        prop_assert_eq!(normalize(&once, &Lexicon::default()).text(), once);
    }

    #[test]
    fn idempotent_on_dutch_pdf_like_text(text in dutchish()) {
        let mut lexicon = Lexicon::default();
        lexicon.add_text(&text);
        let once = normalize(&text, &lexicon).text();
        prop_assert_eq!(normalize(&once, &lexicon).text(), once.clone());
        let leftovers = once.contains(['\u{AD}', 'ﬁ', '\r']);
        prop_assert!(!leftovers, "soft hyphen, ligature or CR left in {:?}", once);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The verb-form guesser slices words by bytes: any word, any answer from the vocabulary,
    /// and no panic; what it adds ends like an infinitive.
    #[test]
    fn verb_forms_never_panic(word in "[a-z]{0,14}[td]?|\\PC{0,12}", knows_all in any::<bool>()) {
        let found = kamerzoek::analysis::infinitive_of(&word, |_| knows_all);
        if let Some(infinitive) = found {
            prop_assert!(infinitive.ends_with("en"), "{} gave {}", word, infinitive);
        }
    }
}
