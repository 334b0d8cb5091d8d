//! Which way a search is ranked: decided from the shape of the query and the options alone.
//!
//! Scoring every match ranks any query, at a cost in proportion to its matches. Queries of
//! words, phrases and ids, ranked by relevance with one passage per document, are ranked
//! without scoring every match: a short query of single-term words by its terms, other short
//! ones exactly through a bound on their full score, long ones from candidates.

use super::options::{SearchOptions, Sort};

/// Queries of this many words or more are ranked from candidates: the best passages by the
/// words in the text alone (which tantivy finds without scoring every match), then those
/// passages scored in full. Scoring every match of a long query costs time in proportion to
/// the corpus, and so does walking its bound's many terms.
pub(crate) const TWO_STEP_WORDS: usize = 5;

/// What the plan needs to know of a query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Shape {
    /// Words among the text (not in slots of metadata filters only).
    pub words: usize,
    /// Phrases among the text.
    pub phrases: usize,
    /// Whether some slot has anything to score.
    pub has_text: bool,
    /// Whether the query or the options filter by metadata.
    pub filtered: bool,
    /// Whether the query leaves out documents that exist.
    pub excludes: bool,
    /// Whether every item is a word of one term that is no compound of known words.
    pub flat: bool,
    /// Whether every item is a word, a phrase or an id among words (no metadata filter).
    pub plain: bool,
    /// Whether some item is a phrase or a word of several terms ("EU-sanctielijst").
    pub joined: bool,
}

/// A way of ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// Nothing can match: only words that analyze to nothing ("!!!").
    Nothing,
    /// Every match scored, grouped and paged.
    Exhaustive,
    /// Single-term words, exactly by their terms.
    ByTerms,
    /// Exactly, through a flat union of terms that bounds the full score; with `every`, the
    /// passages with every part of the query sought first.
    Bounded { every: bool },
    /// From candidates, each scored in full; with `every`, as above.
    Candidates { every: bool },
}

/// The way to rank a query of this shape with these options.
pub(crate) fn plan(shape: &Shape, options: &SearchOptions) -> Strategy {
    if !shape.has_text && !shape.filtered {
        return Strategy::Nothing;
    }
    // Filters make the text alone a poor guide to the best passages that pass them; with more
    // than one passage per document, a document's later passages could lie below the
    // candidates.
    let by_text = !shape.filtered
        && options.sort == Sort::Relevance
        && options.per_doc <= 1
        && !shape.excludes;
    let short = shape.words < TWO_STEP_WORDS;
    if by_text && shape.flat && shape.words > 0 && short {
        return Strategy::ByTerms;
    }
    if by_text && shape.plain && (!short || !shape.flat) && shape.words + shape.phrases > 0 {
        // Passages with every part of the query come first. A long query's words are seldom
        // all in one passage, and its best passages by the words in the text hold those that
        // are: there, they are sought only where the words do not show them (a phrase, a
        // word of several terms).
        let every = short || shape.joined;
        return match short {
            true => Strategy::Bounded { every },
            false => Strategy::Candidates { every },
        };
    }
    Strategy::Exhaustive
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize) -> Shape {
        Shape {
            words: n,
            has_text: n > 0,
            flat: true,
            plain: true,
            ..Default::default()
        }
    }

    #[test]
    fn short_queries_of_single_terms_are_ranked_by_their_terms() {
        let default = SearchOptions::default();
        assert_eq!(plan(&words(1), &default), Strategy::ByTerms);
        assert_eq!(plan(&words(4), &default), Strategy::ByTerms);
        let long = plan(&words(5), &default);
        assert_eq!(long, Strategy::Candidates { every: false });
    }

    #[test]
    fn phrases_and_compounds_are_ranked_through_a_bound_or_from_candidates() {
        let default = SearchOptions::default();
        let phrase = Shape {
            phrases: 1,
            flat: false,
            joined: true,
            ..words(2)
        };
        assert_eq!(plan(&phrase, &default), Strategy::Bounded { every: true });
        let long = Shape { words: 6, ..phrase };
        assert_eq!(plan(&long, &default), Strategy::Candidates { every: true });
        let compound = Shape {
            flat: false,
            ..words(7)
        };
        assert_eq!(
            plan(&compound, &default),
            Strategy::Candidates { every: false }
        );
    }

    #[test]
    fn filters_dates_exclusions_and_more_passages_score_every_match() {
        let default = SearchOptions::default();
        let filtered = Shape {
            filtered: true,
            ..words(2)
        };
        assert_eq!(plan(&filtered, &default), Strategy::Exhaustive);
        let excludes = Shape {
            excludes: true,
            ..words(2)
        };
        assert_eq!(plan(&excludes, &default), Strategy::Exhaustive);
        let by_date = SearchOptions {
            sort: Sort::Date,
            ..Default::default()
        };
        assert_eq!(plan(&words(2), &by_date), Strategy::Exhaustive);
        let three = SearchOptions {
            per_doc: 3,
            ..Default::default()
        };
        assert_eq!(plan(&words(2), &three), Strategy::Exhaustive);
        // A metadata item in a slot with words.
        let mixed = Shape {
            plain: false,
            flat: false,
            ..words(6)
        };
        assert_eq!(plan(&mixed, &default), Strategy::Exhaustive);
    }

    #[test]
    fn nothing_to_search_finds_nothing_and_a_filter_alone_finds_its_documents() {
        let default = SearchOptions::default();
        assert_eq!(plan(&words(0), &default), Strategy::Nothing);
        let filter_only = Shape {
            filtered: true,
            ..words(0)
        };
        assert_eq!(plan(&filter_only, &default), Strategy::Exhaustive);
    }
}
