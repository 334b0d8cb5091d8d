//! The full score of a query, computed for chosen passages only.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{Scorer, Weight};
use tantivy::{DocAddress, DocId, Score, SegmentReader};

use super::matches::AllMatches;
use crate::search::rank::Match;
use crate::search::threads::Threads;

/// A query as the sum it scores: for each part of the query (a slot), the queries whose
/// scores add up to the part's, plus `bonus` for a passage that matches every part.
pub(crate) struct ScoreSum {
    /// The slots, each a list of the items `a OR b` accepts; their scores add up.
    pub slots: Vec<Vec<ItemSum>>,
    pub bonus: Score,
}

/// One item of a query: the queries of the item as written, whose scores add up, of its
/// paraphrase (a compound's parts together) and of one part alone. The item scores the best
/// of the three; a part alone matches the item, but not for the bonus of every part.
pub(crate) struct ItemSum {
    pub written: Vec<Box<dyn Weight>>,
    pub paraphrase: Option<Box<dyn Weight>>,
    pub loose: Option<Box<dyn Weight>>,
}

/// The full score of a query in one segment, passage by passage in increasing order.
///
/// Each leaf of the query gets a scorer of its own that jumps from passage to passage;
/// scoring through the query's union instead would score every match in a window after each
/// passage, for every term.
pub(crate) struct SegmentScore<'a> {
    sum: &'a ScoreSum,
    /// Per slot, per item: the scorers of the item as written, of its paraphrase and of a part
    /// alone.
    scorers: Vec<Vec<[Scorers; 3]>>,
}

type Scorers = Vec<Box<dyn Scorer>>;

impl<'a> SegmentScore<'a> {
    pub(crate) fn new(sum: &'a ScoreSum, reader: &SegmentReader) -> tantivy::Result<Self> {
        let scorers_of = |weights: &mut dyn Iterator<Item = &Box<dyn Weight>>| {
            weights
                .map(|w| w.scorer(reader, 1.0))
                .collect::<tantivy::Result<Scorers>>()
        };
        let scorers = sum
            .slots
            .iter()
            .map(|slot| {
                slot.iter()
                    .map(|item| {
                        Ok([
                            scorers_of(&mut item.written.iter())?,
                            scorers_of(&mut item.paraphrase.iter())?,
                            scorers_of(&mut item.loose.iter())?,
                        ])
                    })
                    .collect::<tantivy::Result<Vec<_>>>()
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(SegmentScore { sum, scorers })
    }

    /// The score of passage `doc`, `None` if the query does not match it. Passages must come
    /// in increasing order: a scorer only ever moves forward.
    pub(crate) fn score(&mut self, doc: DocId) -> Option<Score> {
        use tantivy::TERMINATED;
        let (mut score, mut matched, mut every) = (0.0, false, true);
        let score_here = |scorers: &mut Scorers| {
            let mut found = None;
            for scorer in scorers.iter_mut() {
                let current = scorer.doc();
                if current == doc
                    || (current != TERMINATED && current < doc && scorer.seek(doc) == doc)
                {
                    *found.get_or_insert(0.0) += scorer.score();
                }
            }
            found
        };
        for slot in &mut self.scorers {
            let mut slot_matched = false;
            for [written, paraphrase, alone] in slot.iter_mut() {
                let as_written = score_here(written);
                let paraphrased = score_here(paraphrase);
                let part_alone = score_here(alone);
                score += as_written
                    .unwrap_or(0.0)
                    .max(paraphrased.unwrap_or(0.0))
                    .max(part_alone.unwrap_or(0.0));
                slot_matched |= as_written.is_some() || paraphrased.is_some();
                matched |= part_alone.is_some();
            }
            matched |= slot_matched;
            every &= slot_matched;
        }
        if every && self.sum.slots.len() > 1 {
            score += self.sum.bonus;
        }
        matched.then_some(score)
    }
}

/// Scores the given passages as a full search with the query `sum` stands for would, and no
/// others. Each segment the passages lie in opens the postings of every term of the query;
/// on a large index the segments are scored side by side.
pub(crate) fn rescore(
    threads: &Threads<'_>,
    sum: &ScoreSum,
    mut candidates: Vec<DocAddress>,
) -> tantivy::Result<Vec<Match>> {
    candidates.sort_unstable();
    candidates.dedup();
    let by_segment: Vec<&[DocAddress]> = candidates
        .chunk_by(|a, b| a.segment_ord == b.segment_ord)
        .collect();
    let score_segment = |passages: &[DocAddress]| -> tantivy::Result<Vec<Match>> {
        let segment = passages[0].segment_ord;
        let reader = threads.searcher().segment_reader(segment);
        let mut fields = AllMatches.for_segment(segment, reader)?;
        let mut full = SegmentScore::new(sum, reader)?;
        for passage in passages {
            if let Some(score) = full.score(passage.doc_id) {
                fields.collect(passage.doc_id, score);
            }
        }
        Ok(fields.harvest())
    };
    let scored = threads.map(score_segment, by_segment)?;
    Ok(scored.into_iter().flatten().collect())
}
