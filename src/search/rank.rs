//! The order of matches and its one tie rule: when two passages rank alike, and how far below a cut a passage may score
//! and still tie with what is above it.
//!
//! Scores tie when they are equal to a thousandth: the same sum added up in another
//! order (another segment, another way of ranking) can differ in its last bit, and that must
//! not decide an order. Ranking and paging order by [`relevance`]; a collector that cuts a list
//! of scores keeps whatever lies within [`margin`] of the cut, so that nothing that could tie
//! with the last passage kept, once scored again, is lost.

use std::cmp::Ordering;
use std::collections::HashSet;

use tantivy::{DocAddress, Score};

/// One matching passage, with what ranking and grouping by document need.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    pub score: Score,
    pub doc_hash: u64,
    pub date: u64,
    pub passage: u64,
    pub length: u64,
    pub address: DocAddress,
}

/// Scores are compared on a grid of this many steps per unit: to a thousandth.
const GRID: f64 = 1000.0;

/// A score's place on the grid.
fn on_grid(score: Score) -> f64 {
    (f64::from(score) * GRID).round()
}

/// Best first: score on the grid; on a tie the shorter passage (as BM25 with exact lengths
/// would have it), then the newer document; then a fixed order so that results are
/// reproducible.
pub(crate) fn relevance(a: &Match, b: &Match) -> Ordering {
    on_grid(b.score)
        .total_cmp(&on_grid(a.score))
        .then_with(|| a.length.cmp(&b.length))
        .then_with(|| b.date.cmp(&a.date))
        .then_with(|| a.doc_hash.cmp(&b.doc_hash))
        .then_with(|| a.passage.cmp(&b.passage))
}

/// How far below `score` a passage may score and still tie with it, or beat it, once both
/// are scored again: one step of the grid, and what adding the same numbers in another order
/// can change at this size.
pub(crate) fn margin(score: Score) -> Score {
    (score.abs() * 1e-4).max((1.0 / GRID) as Score)
}

/// What a passage must score above to tie with `score` or beat it.
pub(crate) fn cut(score: Score) -> Score {
    score - margin(score)
}

/// The number of documents with a passage scoring clearly above `score`: beyond a tie.
pub(crate) fn documents_above<'a>(matches: impl Iterator<Item = &'a Match>, score: Score) -> usize {
    let clear = score + margin(score);
    matches
        .filter(|m| m.score > clear)
        .map(|m| m.doc_hash)
        .collect::<HashSet<u64>>()
        .len()
}

/// A score ordered as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored(pub Score);

impl Eq for Scored {}

impl PartialOrd for Scored {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scored {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(score: Score, length: u64, doc_hash: u64) -> Match {
        Match {
            score,
            doc_hash,
            date: 20250206,
            passage: 0,
            length,
            address: DocAddress::new(0, doc_hash as u32),
        }
    }

    /// The same score added up in another order can differ in its last bit; that is a tie,
    /// which the shorter passage wins, however the two were scored.
    #[test]
    fn scores_a_bit_apart_tie() {
        let a = m(13.559967, 448, 2);
        let b = m(13.559966, 440, 1);
        assert_eq!(relevance(&b, &a), Ordering::Less);
        assert_eq!(relevance(&a, &b), Ordering::Greater);
        let c = m(13.561, 500, 3);
        assert_eq!(relevance(&c, &b), Ordering::Less);
    }

    /// Whatever ties with a score on the grid lies above its cut: a cut loses no tie.
    #[test]
    fn what_ties_on_the_grid_lies_above_the_cut() {
        for s in [0.0f32, 0.0015, 1.2345, 13.5599, 999.9995, 1013.25] {
            for step in -20..=20 {
                let other = s + step as f32 * 1e-4;
                let ties_or_beats = on_grid(other) >= on_grid(s);
                if ties_or_beats {
                    assert!(other > cut(s), "{other} ties with {s}, cut at {}", cut(s));
                }
            }
        }
    }
}
