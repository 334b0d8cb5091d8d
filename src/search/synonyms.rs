//! Synonyms of query words, from Open Dutch WordNet: "vuilnisbelt" for a motie about a
//! "vuilstortplaats", "crèche" for one about "kinderopvang", "geldelijk" for "financieel".
//!
//! A reader who remembers a motie says it in words of their own, and where those are another
//! word for the motie's, neither the stem nor a related form (`related.rs`) meets them. The
//! table (`data/synonyms.tsv`, built by `data/build_synonyms.rs` from Open Dutch WordNet's
//! synonym table, CC BY-SA 4.0) is keyed by a word's stem as queries are stemmed and gives the
//! stems of its synonyms, verbs left out. It mixes a word's senses ("bank": zitbank, oever), so
//! a synonym counts only where the passages use it, weighs less than the word as typed, and
//! never says more than the word would (`SYNONYM_BOOST` in the model).

use std::collections::HashMap;
use std::sync::LazyLock;

/// Open Dutch WordNet's synonyms, by stem.
static TABLE: &str = include_str!("../../data/synonyms.tsv");

static BY_STEM: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    TABLE
        .lines()
        .filter_map(|line| {
            let mut stems = line.split('\t');
            Some((stems.next()?, stems.collect()))
        })
        .collect()
});

/// The stems of a stem's synonyms, in the order the source lists them; empty for a stem the
/// table does not know.
///
/// ```ignore
/// assert!(synonyms("vuilnisbelt").contains(&"vuilstortplat"));
/// ```
pub(crate) fn synonyms(stem: &str) -> &'static [&'static str] {
    BY_STEM.get(stem).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, stemmed};

    fn stem(word: &str) -> String {
        analyze(&mut stemmed(), word).remove(0).term
    }

    #[test]
    fn a_word_gives_its_synonyms_as_the_query_analyzer_stems_them() {
        let found = synonyms(&stem("vuilnisbelt"));
        assert!(
            found.contains(&stem("vuilstortplaats").as_str()),
            "{found:?}"
        );
        assert!(synonyms(&stem("crèche")).contains(&stem("kinderopvang").as_str()));
    }

    #[test]
    fn no_stem_is_its_own_synonym_and_unknown_words_have_none() {
        let own = stem("vuilnisbelt");
        assert!(!synonyms(&own).is_empty());
        assert!(!synonyms(&own).contains(&own.as_str()));
        assert!(synonyms("xqzw").is_empty());
    }

    /// Verbs' senses are mixed most: "vertrouwen" would give "bouwen" (of "bouwen op").
    #[test]
    fn verbs_have_no_synonyms() {
        assert!(!synonyms(&stem("vertrouwen")).contains(&stem("bouwen").as_str()));
        assert!(synonyms(&stem("opzeggen")).is_empty());
    }
}
