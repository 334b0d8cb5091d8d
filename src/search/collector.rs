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

/// Scores the given passages with `weight`, as a full search would, and no others.
pub(crate) fn rescore(
    searcher: &tantivy::Searcher,
    weight: &dyn tantivy::query::Weight,
    mut candidates: Vec<DocAddress>,
) -> tantivy::Result<Vec<Match>> {
    use tantivy::{DocSet, TERMINATED};
    candidates.sort_unstable();
    let mut out = Vec::with_capacity(candidates.len());
    let mut at = 0;
    while at < candidates.len() {
        let segment = candidates[at].segment_ord;
        let reader = searcher.segment_reader(segment);
        let mut fields = AllMatches.for_segment(segment, reader)?;
        let mut scorer = weight.scorer(reader, 1.0)?;
        while at < candidates.len() && candidates[at].segment_ord == segment {
            let doc = candidates[at].doc_id;
            at += 1;
            // Candidates come in increasing order, so the scorer only ever moves forward.
            let current = scorer.doc();
            if current == TERMINATED || current > doc {
                continue;
            }
            if scorer.seek(doc) == doc {
                fields.collect(doc, scorer.score());
            }
        }
        out.extend(fields.harvest());
    }
    Ok(out)
}

/// The number of distinct documents with a passage holding any of `terms`: the exact total of
/// a query that is a union of terms, without scoring. Each term's postings are marked in a
/// bitmap per segment, and the marked passages' documents counted.
pub(crate) fn count_documents(
    searcher: &tantivy::Searcher,
    terms: &[tantivy::Term],
) -> tantivy::Result<usize> {
    use tantivy::schema::IndexRecordOption;
    use tantivy::{DocSet, TERMINATED};
    let mut hashes: Vec<u64> = Vec::new();
    for reader in searcher.segment_readers() {
        let max = reader.max_doc();
        let mut bits = vec![0u64; (max as usize).div_ceil(64)];
        for term in terms {
            let inverted = reader.inverted_index(term.field())?;
            if let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::Basic)? {
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    bits[doc as usize / 64] |= 1 << (doc % 64);
                    doc = postings.advance();
                }
            }
        }
        let doc_hash = reader.fast_fields().u64("doc_hash")?;
        let alive = reader.alive_bitset();
        let mut last = None;
        for (word_at, &word) in bits.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                let doc = (word_at * 64) as u32 + word.trailing_zeros();
                word &= word - 1;
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let hash = doc_hash.first(doc).unwrap_or(0);
                // Passages of one document lie next to each other.
                if last != Some(hash) {
                    hashes.push(hash);
                    last = Some(hash);
                }
            }
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    Ok(hashes.len())
}
