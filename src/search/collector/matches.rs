//! Every match of a query, with what grouping by document needs.
//!
//! Ranking by passage but paging by document (and counting documents) needs all matching
//! passages, not a top-k: a top-k cut before grouping is how other tools end up capping results.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::search::rank::Match;

/// Collects every match as a [`Match`].
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

/// Matches for passages scored already, with what grouping needs read from the fast fields.
pub(crate) fn matches_of(
    searcher: &tantivy::Searcher,
    mut scored: Vec<(Score, DocAddress)>,
) -> tantivy::Result<Vec<Match>> {
    scored.sort_unstable_by_key(|(_, a)| *a);
    let mut out = Vec::with_capacity(scored.len());
    let mut at = 0;
    while at < scored.len() {
        let segment = scored[at].1.segment_ord;
        let mut fields = AllMatches.for_segment(segment, searcher.segment_reader(segment))?;
        while at < scored.len() && scored[at].1.segment_ord == segment {
            fields.collect(scored[at].1.doc_id, scored[at].0);
            at += 1;
        }
        out.extend(fields.harvest());
    }
    Ok(out)
}

/// Every passage of the documents whose first passages are given.
pub(crate) fn passages_of(
    searcher: &tantivy::Searcher,
    mut firsts: Vec<DocAddress>,
) -> tantivy::Result<Vec<DocAddress>> {
    firsts.sort_unstable();
    let mut out = Vec::with_capacity(firsts.len());
    let mut at = 0;
    while at < firsts.len() {
        let segment = firsts[at].segment_ord;
        let reader = searcher.segment_reader(segment);
        // A document's passages follow its first one (see `count_documents`).
        let hashes = reader.fast_fields().u64("doc_hash")?;
        while at < firsts.len() && firsts[at].segment_ord == segment {
            let first = firsts[at].doc_id;
            at += 1;
            let hash = hashes.first(first);
            out.push(DocAddress::new(segment, first));
            let mut doc = first + 1;
            while doc < reader.max_doc() && hashes.first(doc) == hash {
                out.push(DocAddress::new(segment, doc));
                doc += 1;
            }
        }
    }
    Ok(out)
}
