//! Analysis: how text becomes index terms (tantivy analyzers).
//!
//! Three analyzers, one per field kind, since a tantivy field has one analyzer:
//! - [`STEMMED`]: words split on anything not a letter or digit (the "s" of "regio's" and
//!   "'s-Gravenhage" dropped, `apostrophe.rs`), lowercased, diacritics folded
//!   ("Curaçao" and "Curacao" meet), separable verbs joined ("uit te voeren" also gives
//!   "uitvoeren", `separable.rs`), in the text also the infinitives of verb forms
//!   ("steunt", "opgesteld": `verb_forms.rs`), Dutch stems (`dutch_stemmer.rs`). For ranked recall.
//! - [`EXACT`]: the same without stemming, with positions: for "exact phrases". No stop words
//!   are removed anywhere: "niet", "geen" and "tegen" are what a motie asks.
//! - [`PARTS`]: the parts of compounds (`compounds.rs`), so that "zorg" reaches
//!   "ouderenzorg" in a field that counts less than whole words.
//!
//! All three start from the same words (`words.rs`), split once per passage for the three.
//!
//! The analyzers must be registered on every opened index (`register`): tantivy stores only
//! their names.

mod abbreviations;
mod apostrophe;
mod compounds;
mod dutch_stemmer;
mod separable;
mod verb_forms;
mod words;

use std::cell::RefCell;

use tantivy::tokenizer::{Language, RawTokenizer, StopWordFilter, TextAnalyzer, TokenStream};

pub use abbreviations::{definitions, Definition};
pub(crate) use abbreviations::{
    long_forms_prefix, longer_forms_prefix, split_defined, terms as abbreviation_terms,
};
pub(crate) use apostrophe::ApostropheS;
pub(crate) use compounds::{split_compound, CompoundDictionary, CompoundParts};
pub(crate) use dutch_stemmer::DutchStemmer;
pub use separable::joined_infinitive;
pub(crate) use separable::{is_particle, SeparableVerbs};
pub use verb_forms::infinitive_of;
pub(crate) use verb_forms::VerbForms;
pub(crate) use words::Words;

/// Name of the stemming analyzer.
pub const STEMMED: &str = "kz_dutch_stem";
/// Name of the unstemmed analyzer, for phrases.
pub const EXACT: &str = "kz_dutch_exact";
/// Name of the analyzer that indexes the parts of compounds (stemmed).
pub const PARTS: &str = "kz_dutch_parts";

/// The stemming analyzer, as queries are analyzed with: `stemmed_text` without a vocabulary
/// to confirm verb forms by, so it adds none.
pub fn stemmed() -> TextAnalyzer {
    stemmed_text(CompoundDictionary::default())
}

/// The stemming analyzer as text is indexed (and highlighted) with: [`stemmed`], plus the
/// infinitives of verb forms the corpus's `words` confirm (`verb_forms.rs`). Queries need no
/// more than [`stemmed`]: a query's "steunen" meets the text's "steunt" through the infinitive
/// added to the text, and a query's "steunde" gets its infinitive as a related word, confirmed
/// by the index's texts (`search/model/expansions.rs`).
pub(crate) fn stemmed_text(words: CompoundDictionary) -> TextAnalyzer {
    TextAnalyzer::builder(Words::default())
        .filter(SeparableVerbs)
        .filter(VerbForms::new(words))
        .filter(DutchStemmer::default())
        .build()
}

/// The unstemmed analyzer.
pub fn exact() -> TextAnalyzer {
    TextAnalyzer::from(Words::default())
}

/// The compound-parts analyzer: each compound's parts, stemmed; other words give nothing.
pub(crate) fn parts(dictionary: CompoundDictionary) -> TextAnalyzer {
    TextAnalyzer::builder(Words::default())
        .filter(CompoundParts::new(dictionary))
        .filter(DutchStemmer::default())
        .build()
}

/// Registers the analyzers on an index; compound parts and verb forms are checked against
/// `dictionary`.
pub(crate) fn register(index: &tantivy::Index, dictionary: CompoundDictionary) {
    index
        .tokenizers()
        .register(STEMMED, stemmed_text(dictionary.clone()));
    index.tokenizers().register(EXACT, exact());
    index.tokenizers().register(PARTS, parts(dictionary));
}

/// Whether a word, as [`exact`] gives it, is a Dutch function word: one of Snowball's Dutch
/// stop words as tantivy ships them ("de", "in", "dat", "tegen"). No analyzer removes them; a
/// search counts them in the text only, where their weight is small, and not in a title, where
/// one match of "de" would weigh like a rare word's.
///
/// ```
/// use kamerzoek::analysis::is_function_word;
/// assert!(is_function_word("de") && is_function_word("tegen"));
/// assert!(!is_function_word("mensenhandel"));
/// ```
pub fn is_function_word(word: &str) -> bool {
    thread_local! {
        static FUNCTION_WORDS: RefCell<TextAnalyzer> = RefCell::new(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(StopWordFilter::new(Language::Dutch).expect("tantivy ships Dutch stop words"))
                .build(),
        );
    }
    FUNCTION_WORDS.with_borrow_mut(|analyzer| !analyzer.token_stream(word).advance())
}

/// A term with the byte range of the word it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The index term.
    pub term: String,
    /// Byte offset where the word starts in the analyzed text.
    pub from: usize,
    /// Byte offset just past the word.
    pub to: usize,
}

/// Runs an analyzer over `text`.
///
/// ```
/// use kamerzoek::analysis::{analyze, stemmed};
/// let terms: Vec<String> = analyze(&mut stemmed(), "Curaçao en de moties").into_iter().map(|t| t.term).collect();
/// assert_eq!(terms, ["curacao", "en", "de", "motie"]);
/// ```
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<AnalyzedToken> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push(AnalyzedToken {
            term: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        analyze(analyzer, text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn diacritics_fold_at_index_and_query_time() {
        let mut a = stemmed();
        assert_eq!(terms(&mut a, "Curaçao"), terms(&mut a, "Curacao"));
        assert_eq!(terms(&mut a, "geïnformeerd"), terms(&mut a, "geinformeerd"));
    }

    #[test]
    fn stop_words_stay() {
        assert_eq!(
            terms(&mut exact(), "niet zonder geen tegen"),
            ["niet", "zonder", "geen", "tegen"]
        );
    }

    #[test]
    fn offsets_point_at_the_original_words() {
        let text = "In Curaçao zijn moties";
        let toks = analyze(&mut stemmed(), text);
        assert_eq!(&text[toks[1].from..toks[1].to], "Curaçao");
        assert_eq!(&text[toks[3].from..toks[3].to], "moties");
        assert_eq!(toks[3].term, "motie");
    }

    /// The stemmer, the verb forms and the compound parts remember what they worked out per
    /// word: an analyzer that has seen a text gives what a new one gives.
    #[test]
    fn remembered_words_give_what_new_analyzers_give() {
        let words = CompoundDictionary::from_words(["steunen", "ouderen", "zorg", "opstellen"]);
        let text = "De Kamer steunt de ouderenzorg, steunt ouderenzorg en heeft het opgesteld: \
                    opgesteld, gemeentes, gemeentes, Curaçao, Curaçao";
        for make in [
            || stemmed_text(CompoundDictionary::from_words(["steunen", "opstellen"])),
            || parts(CompoundDictionary::from_words(["ouderen", "zorg"])),
        ] {
            let mut seasoned = make();
            let first = analyze(&mut seasoned, text);
            let again = analyze(&mut seasoned, text);
            assert_eq!(first, again);
            assert_eq!(first, analyze(&mut make(), text));
        }
        let stems = terms(&mut stemmed_text(words.clone()), text);
        assert_eq!(
            stems.join(" "),
            "de kamer steunt steun de ouderenzorg steunt steun ouderenzorg en heeft het \
             opgesteld opstell opgesteld opstell gemeent gemeent curacao curacao"
        );
        assert_eq!(
            terms(&mut parts(words), "ouderenzorg ouderenzorg"),
            ["ouder", "zorg", "ouder", "zorg"]
        );
    }

    /// The parts analyzer starts from the common words: case, ligatures and diacritics do not
    /// keep a compound from its parts, and short words give none.
    #[test]
    fn compounds_split_in_any_case_and_spelling() {
        let dict = CompoundDictionary::from_words(["ouderen", "zorg", "jeugd", "fiets", "route"]);
        let text = "De OUDERENZORG en jeugdzorg, ﬁetsroute en Jeugdzorg in Curaçao: één";
        assert_eq!(
            terms(&mut parts(dict), text),
            ["ouder", "zorg", "jeugd", "zorg", "fiet", "rout", "jeugd", "zorg"]
        );
    }

    #[test]
    fn compounds_with_hyphens_split_into_their_parts() {
        assert_eq!(
            terms(&mut exact(), "porno-industrie WODC-onderzoek"),
            ["porno", "industrie", "wodc", "onderzoek"]
        );
    }

    /// The example of `stemmed_text`.
    #[test]
    fn example_of_stemmed_text() {
        use crate::analysis::{analyze, stemmed_text, CompoundDictionary};
        let words = CompoundDictionary::from_words(["steunen"]);
        let terms: Vec<String> = analyze(&mut stemmed_text(words), "steunt")
            .into_iter()
            .map(|t| t.term)
            .collect();
        assert_eq!(terms, ["steunt", "steun"]);
    }
}
