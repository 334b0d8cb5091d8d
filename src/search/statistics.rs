//! A search's BM25 statistics, each looked up once.
//!
//! Every shape a search makes of its query (the bound, the candidates' sources, the full
//! score, the passages with every part) weighs the same terms, and each weight asks how many
//! passages hold its term: a walk down the term dictionary of every segment. A long query with
//! its compound parts and related forms has a hundred terms; the search asks once for each.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use tantivy::query::{Bm25StatisticsProvider, EnableScoring};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The statistics of one searcher, remembered for the length of a search.
pub(crate) struct Statistics<'s> {
    searcher: &'s Searcher,
    doc_freqs: Mutex<HashMap<Term, u64>>,
    tokens: Mutex<HashMap<Field, u64>>,
}

impl<'s> Statistics<'s> {
    pub(crate) fn new(searcher: &'s Searcher) -> Self {
        Statistics {
            searcher,
            doc_freqs: Mutex::default(),
            tokens: Mutex::default(),
        }
    }

    pub(crate) fn searcher(&self) -> &'s Searcher {
        self.searcher
    }

    /// Scoring by these statistics, for [`tantivy::query::Query::weight`].
    pub(crate) fn scoring(&self) -> EnableScoring<'_> {
        EnableScoring::enabled_from_statistics_provider(self, self.searcher)
    }

    /// How many passages hold `term`; 0 where the index cannot say.
    pub(crate) fn passages_with(&self, term: &Term) -> u64 {
        self.doc_freq(term).unwrap_or(0)
    }
}

/// `map[key]`, computed once by `compute`; an error is not remembered.
fn remembered<K: Eq + std::hash::Hash + Clone>(
    map: &Mutex<HashMap<K, u64>>,
    key: &K,
    compute: impl FnOnce() -> tantivy::Result<u64>,
) -> tantivy::Result<u64> {
    let mut map = map.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&value) = map.get(key) {
        return Ok(value);
    }
    let value = compute()?;
    map.insert(key.clone(), value);
    Ok(value)
}

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        remembered(&self.tokens, &field, || {
            Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
        })
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_docs(self.searcher)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        remembered(&self.doc_freqs, term, || self.searcher.doc_freq(term))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Index;

    #[test]
    fn the_statistics_are_the_searchers() {
        let index = Index::create_in_ram().unwrap();
        index
            .index_paths(&["sample_corpus"], &Default::default())
            .unwrap();
        let snapshot = index.snapshot();
        let searcher = &snapshot.searcher;
        let statistics = Statistics::new(searcher);
        let body = snapshot.fields.body;
        let mut found = 0;
        for word in ["mensenhandel", "curacao", "regering", "geenwoordhier"] {
            let stem = &crate::analysis::analyze(&mut crate::analysis::stemmed(), word)[0].term;
            let term = Term::from_field_text(body, stem);
            let expected = searcher.doc_freq(&term).unwrap();
            assert_eq!(statistics.doc_freq(&term).unwrap(), expected, "{word}");
            // Asked again: remembered, the same.
            assert_eq!(statistics.passages_with(&term), expected, "{word}");
            found += usize::from(expected > 0);
        }
        assert_eq!(
            found, 3,
            "every word but the made-up one is in the sample corpus"
        );
        let tokens = Bm25StatisticsProvider::total_num_tokens(searcher, body).unwrap();
        assert_eq!(statistics.total_num_tokens(body).unwrap(), tokens);
        let docs = Bm25StatisticsProvider::total_num_docs(searcher).unwrap();
        assert_eq!(statistics.total_num_docs().unwrap(), docs);
    }
}
