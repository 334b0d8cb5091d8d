//! The values of a fast field for every passage of a segment, kept between searches.
//!
//! Counting a search's documents by facets reads a value or two of each matching document, and
//! a long query matches most of the index: read through a column's index, each is a search in
//! its blocks, for every document, search after search. Segments never change once written, so
//! a field's values can be laid out once as an array by passage (an offset and the values),
//! and each read is an array lookup. At 300 MB the five facets take a few MB.

use std::sync::Arc;

use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::DocId;

use super::segment_cache::SegmentCache;

/// The bytes the kept values of an index may take; when full, all are dropped (they come
/// back with the next faceted searches).
const BUDGET: usize = 64 << 20;

/// A field's values for every passage of a segment.
#[derive(Debug, Default)]
pub(crate) struct Values {
    /// Where each passage's values begin in `values`; one more entry than passages.
    starts: Vec<u32>,
    values: Vec<u64>,
}

impl Values {
    /// The values of `column` for each of a segment's `max_doc` passages.
    pub(crate) fn of_column(column: &Column<u64>, max_doc: DocId) -> Values {
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut values = Vec::new();
        for doc in 0..max_doc {
            starts.push(u32::try_from(values.len()).unwrap_or(u32::MAX));
            values.extend(column.values_for_doc(doc));
        }
        starts.push(u32::try_from(values.len()).unwrap_or(u32::MAX));
        Values { starts, values }
    }

    /// The values of passage `doc`.
    pub(crate) fn get(&self, doc: DocId) -> &[u64] {
        let at = doc as usize;
        match (self.starts.get(at), self.starts.get(at + 1)) {
            (Some(&from), Some(&to)) => &self.values[from as usize..to as usize],
            _ => &[],
        }
    }

    fn bytes(&self) -> usize {
        self.starts.len() * 4 + self.values.len() * 8
    }
}

/// The kept values of one index, shared by the threads that search it.
#[derive(Debug)]
pub(crate) struct KeptValues(SegmentCache<&'static str, Values>);

impl Default for KeptValues {
    fn default() -> Self {
        KeptValues(SegmentCache::new(BUDGET, Values::bytes))
    }
}

impl KeptValues {
    /// The values kept for `field` in `segment`, or those `compute` makes (then kept).
    /// `compute` runs without the lock held: two threads may both compute them.
    pub(crate) fn get_or_compute(
        &self,
        segment: SegmentId,
        field: &'static str,
        compute: impl FnOnce() -> tantivy::Result<Values>,
    ) -> tantivy::Result<Arc<Values>> {
        self.0
            .get_or_compute(segment, &field, || compute().map(Arc::new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_by_passage_and_kept_once() {
        let values = Values {
            starts: vec![0, 1, 1, 3],
            values: vec![7, 8, 9],
        };
        assert_eq!(values.get(0), [7]);
        assert!(values.get(1).is_empty());
        assert_eq!(values.get(2), [8, 9]);
        assert!(values.get(3).is_empty(), "past the last passage");
        let kept = KeptValues::default();
        let segment = SegmentId::generate_random();
        let mut computed = 0;
        for _ in 0..2 {
            let got = kept
                .get_or_compute(segment, "type", || {
                    computed += 1;
                    Ok(Values {
                        starts: vec![0, 1],
                        values: vec![3],
                    })
                })
                .unwrap();
            assert_eq!(got.get(0), [3]);
        }
        assert_eq!(computed, 1);
    }
}
