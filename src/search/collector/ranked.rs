//! The best documents by the full score of a query, through a bound on that score.

use std::collections::{BTreeSet, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{Score, SegmentOrdinal, SegmentReader};

use super::matches::{AllMatches, SegmentMatches};
use super::score::{ScoreSum, SegmentScore};
use super::top::Floor;
use crate::search::rank::{cut, Match, Scored};

/// The passages of the best `wanted` documents by the full score of the query `sum` stands
/// for, found through a bound on that score: the query given to the search, a flat union of
/// terms whose score plus `slack` is at least the full score (less the bonus) of any passage.
/// Block-max WAND skips every passage whose bound cannot reach the `wanted`-th document found
/// so far; the others are scored in full. Passages with every part of the query (the bonus)
/// must be in hand already: the bound does not see the bonus.
///
/// Every passage scored that could still make the page is kept, so a segment's fruit holds
/// its best documents with their best passages, and some passages of others.
pub(crate) struct Ranked<'a> {
    pub sum: &'a ScoreSum,
    pub wanted: usize,
    pub slack: Score,
    /// The highest reach of the segments searched so far: a page's worth of documents in one
    /// segment leaves out whatever falls short of it in all.
    pub floor: Floor,
}

impl Collector for Ranked<'_> {
    type Fruit = Vec<Match>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        AllMatches.for_segment(segment, reader)
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        Ok(fruits.into_iter().flatten().collect())
    }

    fn collect_segment(
        &self,
        weight: &dyn tantivy::query::Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<Match>> {
        let mut fields = self.for_segment(segment, reader)?;
        let hashes = reader.fast_fields().u64("doc_hash")?;
        let mut full = SegmentScore::new(self.sum, reader)?;
        let alive = reader.alive_bitset();
        let wanted = self.wanted.max(1);
        // The best documents so far, by their best passage, worst first.
        let mut best: BTreeSet<(Scored, u64)> = BTreeSet::new();
        let mut of_document: HashMap<u64, Scored> = HashMap::new();
        let mut reach = Score::MIN;
        // A passage within the margin of `reach` ties with it (see `rank`): the bound and
        // the full score add the same numbers in other orders, and a document tied with the
        // page's last must not be lost to the last bit. The bound must beat that, less the
        // slack.
        let near = cut;
        let below = |reach: Score| near(reach) - self.slack;
        // What this segment has reached, or another segment if further.
        let floor = |reach: Score| reach.max(self.floor.value());
        weight.for_each_pruning(below(floor(reach)), reader, &mut |doc, _| {
            if !alive.is_none_or(|a| a.is_alive(doc)) {
                return below(floor(reach));
            }
            let Some(score) = full.score(doc) else {
                return below(floor(reach));
            };
            if score < near(floor(reach)) {
                return below(floor(reach));
            }
            fields.collect(doc, score);
            let hash = hashes.first(doc).unwrap_or(0);
            let entry = of_document.entry(hash).or_insert(Scored(Score::MIN));
            if score > entry.0 {
                best.remove(&(*entry, hash));
                *entry = Scored(score);
                best.insert((Scored(score), hash));
                if best.len() > wanted {
                    if let Some((_, gone)) = best.pop_first() {
                        of_document.remove(&gone);
                    }
                }
                if best.len() == wanted {
                    reach = best.first().map_or(Score::MIN, |(s, _)| s.0);
                    self.floor.raise(reach);
                }
            }
            below(floor(reach))
        })?;
        Ok(fields.harvest())
    }
}
