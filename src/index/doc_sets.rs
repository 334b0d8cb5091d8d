//! The documents a frequent term occurs in, per segment, kept between searches.
//!
//! Counting a query's documents exactly reads the postings of every word in it, and a long
//! query nearly always holds words that occur in most passages ("de", "van", "regering"): most
//! of the count is spent decoding the same few postings lists query after query. Segments never
//! change once written, so the documents such a word occurs in (one bit per document, at its
//! first passage) can be kept and ORed in: a few thousand machine words instead of a postings
//! list as long as the index. Lucene keeps the doc sets of frequently used filters the same
//! way (its `LRUQueryCache`).
//!
//! Only dense terms are kept (the cost of decoding rare postings is small, and their number
//! large), within a memory budget; deletions are not part of a set (the count checks each
//! document it finds against the segment's live documents), so a set stays valid as long as
//! its segment exists.

use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::Term;

use super::segment_cache::SegmentCache;

/// A term is kept when it occurs in at least one in this many passages of a segment: from
/// there, ORing a set (one word per 64 passages) costs less than decoding its postings.
pub(crate) const DENSE: u32 = 64;

/// The bytes the sets of an index may take; when full, all are dropped (the frequent terms
/// come back with the next searches that use them).
const BUDGET: usize = 64 << 20;

/// Bits over a segment's passages, 64 to a word.
pub(crate) type Bits = Arc<[u64]>;

/// The kept sets of one index, shared by the threads that search it.
#[derive(Debug)]
pub(crate) struct DocSets(SegmentCache<Term, [u64]>);

impl Default for DocSets {
    fn default() -> Self {
        DocSets::with_budget(BUDGET)
    }
}

impl DocSets {
    /// Sets that may take `budget` bytes together.
    pub(crate) fn with_budget(budget: usize) -> DocSets {
        DocSets(SegmentCache::new(budget, |bits| {
            std::mem::size_of_val(bits) + std::mem::size_of::<(SegmentId, Term)>()
        }))
    }

    /// The set kept for `term` in `segment`, or the one `compute` makes (then kept). `compute`
    /// runs without the lock held: two threads may both compute a set, and the first kept wins.
    pub(crate) fn get_or_compute(
        &self,
        segment: SegmentId,
        term: &Term,
        compute: impl FnOnce() -> tantivy::Result<Vec<u64>>,
    ) -> tantivy::Result<Bits> {
        self.0
            .get_or_compute(segment, term, || compute().map(Bits::from))
    }

    /// How many sets are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Field;

    fn term(word: &str) -> Term {
        Term::from_field_text(Field::from_field_id(0), word)
    }

    #[test]
    fn a_set_is_computed_once_and_then_kept() {
        let sets = DocSets::default();
        let segment = SegmentId::generate_random();
        let mut computed = 0;
        for _ in 0..3 {
            let bits = sets
                .get_or_compute(segment, &term("de"), || {
                    computed += 1;
                    Ok(vec![0b101])
                })
                .unwrap();
            assert_eq!(&*bits, &[0b101]);
        }
        assert_eq!(computed, 1);
        // Another segment, another term: their own sets.
        let other = SegmentId::generate_random();
        let bits = sets
            .get_or_compute(other, &term("de"), || Ok(vec![0b10]))
            .unwrap();
        assert_eq!(&*bits, &[0b10]);
        let bits = sets
            .get_or_compute(segment, &term("van"), || Ok(vec![0b11]))
            .unwrap();
        assert_eq!(&*bits, &[0b11]);
        assert_eq!(sets.len(), 3);
    }

    #[test]
    fn a_full_budget_drops_the_kept_sets_and_a_set_larger_than_it_is_not_kept() {
        let one = 8 * 16 + std::mem::size_of::<(SegmentId, Term)>();
        let sets = DocSets::with_budget(2 * one);
        let segment = SegmentId::generate_random();
        for word in ["de", "van"] {
            sets.get_or_compute(segment, &term(word), || Ok(vec![1; 16]))
                .unwrap();
        }
        assert_eq!(sets.len(), 2);
        sets.get_or_compute(segment, &term("het"), || Ok(vec![1; 16]))
            .unwrap();
        assert_eq!(sets.len(), 1);
        let big = sets
            .get_or_compute(segment, &term("een"), || Ok(vec![7; 64]))
            .unwrap();
        assert_eq!(big.len(), 64);
        assert_eq!(sets.len(), 1);
        // A failing computation keeps nothing and says why.
        let failed = sets.get_or_compute(segment, &term("op"), || {
            Err(tantivy::TantivyError::InternalError("unreadable".into()))
        });
        assert!(failed.is_err());
        assert_eq!(sets.len(), 1);
    }
}
