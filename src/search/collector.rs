//! A collector that keeps every match with what grouping by document needs.
//!
//! Ranking by passage but paging by document (and counting documents) needs all matching
//! passages, not a top-k: a top-k cut before grouping is how other tools end up capping results.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// One matching passage.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    pub score: Score,
    pub doc_hash: u64,
    pub date: u64,
    pub passage: u64,
    pub length: u64,
    pub address: DocAddress,
}

pub(crate) struct AllMatches;

pub(crate) struct SegmentMatches {
    segment: SegmentOrdinal,
    doc_hash: Column<u64>,
    date: Option<Column<u64>>,
    passage: Column<u64>,
    length: Column<u64>,
    out: Vec<Match>,
}

impl Collector for AllMatches {
    type Fruit = Vec<Match>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let ff = reader.fast_fields();
        Ok(SegmentMatches {
            segment,
            doc_hash: ff.u64("doc_hash")?,
            date: ff.column_opt::<u64>("date")?,
            passage: ff.u64("passage")?,
            length: ff.u64("length")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.out.push(Match {
            score,
            doc_hash: self.doc_hash.first(doc).unwrap_or(0),
            date: self.date.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
            passage: self.passage.first(doc).unwrap_or(0),
            length: self.length.first(doc).unwrap_or(0),
            address: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<Match> {
        self.out
    }
}
