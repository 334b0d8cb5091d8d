//! Top-k collectors whose segments share what the best so far have reached.
//!
//! An index's segments are searched side by side, each for its own best `k`, and block-max
//! WAND skips what cannot beat the `k`-th best a segment holds. Each segment would start from
//! nothing; but once one segment holds `k` passages scoring `s` or more, nothing clearly below
//! `s` anywhere can be among the best `k` of all, so every segment may skip it. [`Floor`]
//! carries that score between them (Lucene shares its minimum competitive score across an
//! index's slices the same way).
//!
//! When the other segments get there depends on the threads, and so does the order in which
//! block-max WAND adds up a passage's terms: the same passage can score a last bit higher or
//! lower from one search to the next. So that the same search finds the same passages, the
//! best `k` include every passage that ties with the `k`-th within rounding, as the ranking
//! itself counts ties (see `rank`); copies of one text at the cut
//! are all kept, not whichever a thread happened to score a bit higher. Candidates are then
//! scored again in full, the same way every time. Where the scores found are the scores shown
//! ([`TopPassages::final_scores`]), the segments share no floor.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU32, Ordering};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::search::rank::{cut, Scored};

/// The highest `k`-th best score any segment of a search holds so far.
#[derive(Debug)]
pub(crate) struct Floor(AtomicU32);

impl Default for Floor {
    fn default() -> Self {
        Floor(AtomicU32::new(Score::MIN.to_bits()))
    }
}

impl Floor {
    /// Raises the floor to `score`, if that is higher.
    pub(crate) fn raise(&self, score: Score) {
        let _ = self
            .0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |bits| {
                (score > f32::from_bits(bits)).then_some(score.to_bits())
            });
    }

    /// The floor itself.
    pub(crate) fn value(&self) -> Score {
        f32::from_bits(self.0.load(Ordering::Relaxed))
    }
}

/// The best passages of one segment: the `k` best, and every other that ties with the `k`-th.
pub(crate) struct SegmentTop {
    segment: SegmentOrdinal,
    k: usize,
    /// Where only first passages count: the passage numbers.
    passage: Option<Column<u64>>,
    /// The `k` best scores so far, the lowest on top.
    scores: BinaryHeap<Reverse<Scored>>,
    /// The passages that may be among the best or tie with them.
    kept: Vec<(Score, DocId)>,
    /// How many passages `kept` may hold before those left behind are dropped.
    room: usize,
}

impl SegmentTop {
    fn new(segment: SegmentOrdinal, k: usize, passage: Option<Column<u64>>) -> Self {
        SegmentTop {
            segment,
            k,
            passage,
            scores: BinaryHeap::new(),
            kept: Vec::new(),
            room: 2 * k + 64,
        }
    }

    /// The `k`-th best score, once there are `k`.
    fn kth(&self) -> Option<Score> {
        if self.scores.len() < self.k {
            return None;
        }
        self.scores.peek().map(|s| s.0 .0)
    }

    /// What a passage must score above to be kept, given the floor: the `k`-th best here or
    /// in another segment, less rounding.
    fn threshold(&self, floor: Option<&Floor>) -> Score {
        let floor = floor.map_or(Score::MIN, Floor::value);
        cut(self.kth().unwrap_or(Score::MIN).max(floor))
    }

    fn drop_left_behind(&mut self) {
        if let Some(kth) = self.kth() {
            let cut = cut(kth);
            self.kept.retain(|(s, _)| *s > cut);
        }
        // Ties can keep many: room grows with them, so dropping stays rare.
        self.room = self.room.max(2 * self.kept.len());
    }
}

impl SegmentCollector for SegmentTop {
    type Fruit = Vec<(Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        // The other passages of a document score what its first does.
        if self.k == 0
            || self
                .passage
                .as_ref()
                .is_some_and(|p| p.first(doc) != Some(0))
        {
            return;
        }
        self.kept.push((score, doc));
        self.scores.push(Reverse(Scored(score)));
        if self.scores.len() > self.k {
            self.scores.pop();
        }
        if self.kept.len() >= self.room {
            self.drop_left_behind();
        }
    }

    fn harvest(mut self) -> Vec<(Score, DocAddress)> {
        self.drop_left_behind();
        self.kept
            .into_iter()
            .map(|(s, doc)| (s, DocAddress::new(self.segment, doc)))
            .collect()
    }
}

/// The best `k` passages by score, and every other that ties with the `k`-th.
#[derive(Debug, Default)]
pub(crate) struct TopPassages {
    k: usize,
    /// `None` where the scores found are the scores shown: each segment then goes its own
    /// way, and a search scores its passages alike every time, to the last bit.
    floor: Option<Floor>,
    /// First passages only.
    documents: bool,
}

impl TopPassages {
    /// The segments share a [`Floor`]: for candidates that are scored again.
    pub(crate) fn new(k: usize) -> Self {
        TopPassages {
            k,
            floor: Some(Floor::default()),
            documents: false,
        }
    }

    /// Each segment on its own: for passages whose scores are final.
    pub(crate) fn final_scores(k: usize) -> Self {
        TopPassages {
            k,
            floor: None,
            documents: false,
        }
    }

    /// The best `n` documents by a query that scores every passage of a document alike (words
    /// in its titles), each as its first passage. A top-n of passages would fill with the
    /// passages of a few documents; this keeps one per document and still lets block-max WAND
    /// skip what cannot beat the n-th document.
    pub(crate) fn documents(n: usize) -> Self {
        TopPassages {
            documents: true,
            ..TopPassages::new(n)
        }
    }
}

impl Collector for TopPassages {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentTop;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTop> {
        let passage = match self.documents {
            true => Some(reader.fast_fields().u64("passage")?),
            false => None,
        };
        Ok(SegmentTop::new(segment, self.k, passage))
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<(Score, DocAddress)>>,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        Ok(best_of(fruits, self.k))
    }

    /// Runs the query over the segment's live documents with block-max WAND: what the next
    /// passage must score above comes from the segment's best so far and the floor the other
    /// segments have raised; the segment's own `k`-th best raises the floor in turn.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        let mut top = self.for_segment(segment, reader)?;
        if self.k > 0 {
            let floor = self.floor.as_ref();
            let alive = reader.alive_bitset();
            weight.for_each_pruning(top.threshold(floor), reader, &mut |doc, score| {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    top.collect(doc, score);
                    if let (Some(kth), Some(floor)) = (top.kth(), floor) {
                        floor.raise(kth);
                    }
                }
                top.threshold(floor)
            })?;
        }
        Ok(top.harvest())
    }
}

/// The best `n` of the segments' best, and every other that ties with the `n`-th; best first,
/// a tie to the lower address.
fn best_of(fruits: Vec<Vec<(Score, DocAddress)>>, n: usize) -> Vec<(Score, DocAddress)> {
    let mut all: Vec<(Score, DocAddress)> = fruits.into_iter().flatten().collect();
    all.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    if n == 0 {
        all.clear();
    } else if let Some(&(nth, _)) = all.get(n - 1) {
        let cut = cut(nth);
        all.retain(|(s, _)| *s > cut);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_keep_every_passage_tied_with_the_last() {
        let mut top = SegmentTop::new(0, 2, None);
        // 5.0 and a copy of it scored a last bit apart, then a passage that beats them both.
        let copy = 5.0f32.next_down();
        for (doc, score) in [(0, 1.0), (1, 5.0), (2, 3.0), (3, copy), (4, 9.0), (5, 2.0)] {
            top.collect(doc, score);
        }
        let mut kept: Vec<u32> = top.harvest().into_iter().map(|(_, a)| a.doc_id).collect();
        kept.sort();
        assert_eq!(kept, [1, 3, 4]);
    }

    #[test]
    fn the_best_of_segments_are_the_best_of_all_with_their_ties() {
        let at = |segment, doc| DocAddress::new(segment, doc);
        let fruits = vec![
            vec![(9.0, at(0, 4)), (5.0, at(0, 1))],
            vec![
                (7.0, at(1, 2)),
                (5.0f32.next_up(), at(1, 8)),
                (4.0, at(1, 3)),
            ],
        ];
        let best = best_of(fruits, 3);
        assert_eq!(
            best.iter().map(|(_, a)| *a).collect::<Vec<_>>(),
            [at(0, 4), at(1, 2), at(1, 8), at(0, 1)]
        );
        assert!(best_of(vec![vec![(1.0, at(0, 0))]], 0).is_empty());
    }

    #[test]
    fn the_floor_only_rises() {
        let floor = Floor::default();
        assert_eq!(floor.value(), Score::MIN);
        floor.raise(3.0);
        floor.raise(2.0);
        assert_eq!(floor.value(), 3.0);
    }
}
