//! The documents a query matches, as a set of key hashes, without scoring: what the query's
//! operators require of a document and what the count of documents with every word is made of.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Documents by key hash. The hashes are spread already: a light hash serves.
pub(crate) type DocSet = rustc_hash::FxHashSet<u64>;

/// Collects the key hash of every matching passage's document; with `within`, only of the
/// documents in it (a lookup in a small set, where a common word would fill a large one).
pub(crate) struct Documents {
    pub within: Option<Arc<DocSet>>,
}

pub(crate) struct SegmentDocuments {
    within: Option<Arc<DocSet>>,
    doc_hash: Column<u64>,
    out: DocSet,
    /// The document of the passage collected last: a document's passages lie together, so
    /// most matches repeat it.
    last: Option<u64>,
}

impl Collector for Documents {
    type Fruit = DocSet;
    type Child = SegmentDocuments;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDocuments> {
        Ok(SegmentDocuments {
            within: self.within.clone(),
            doc_hash: reader.fast_fields().u64("doc_hash")?,
            out: DocSet::default(),
            last: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<DocSet>) -> tantivy::Result<DocSet> {
        let mut all = DocSet::default();
        for fruit in fruits {
            all.extend(fruit);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentDocuments {
    type Fruit = DocSet;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let hash = self.doc_hash.first(doc);
        if hash.is_none() || hash == self.last {
            return;
        }
        self.last = hash;
        if let Some(hash) = hash.filter(|h| self.within.as_ref().is_none_or(|w| w.contains(h))) {
            self.out.insert(hash);
        }
    }

    fn harvest(self) -> DocSet {
        self.out
    }
}
