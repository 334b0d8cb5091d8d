//! A short query of single-term words, ranked exactly by its terms.
//!
//! Its score is a sum of boosted term scores, plus the bonus for passages with every word; so
//! the passages with every word (an intersection, cheap) come first, then the rest by the flat
//! union of the terms, whose best tantivy finds with block-max WAND. If the candidates hold
//! too few documents for the page, more are asked for, up to all of them.

use std::collections::HashSet;

use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Score};

use super::{Context, Ranking, CANDIDATES_PER_DOCUMENT, MIN_CANDIDATES};
use crate::search::collector::matches::matches_of;
use crate::search::collector::top::TopPassages;
use crate::search::model::ALL_PARTS_BONUS;
use crate::search::page::page;
use crate::search::rank::Match;
use crate::Result;

pub(super) struct ByTerms<'a> {
    ctx: &'a Context<'a>,
    /// Every term of every word, boosted.
    union: BooleanQuery,
    /// Passages with every word (a query of more than one).
    every: Option<BooleanQuery>,
}

impl<'a> ByTerms<'a> {
    pub(super) fn new(ctx: &'a Context<'a>) -> Self {
        let slots: Vec<Vec<Box<dyn Query>>> = ctx
            .parsed
            .slots
            .iter()
            .map(|slot| slot.iter().flat_map(|i| ctx.model.flat_terms(i)).collect())
            .collect();
        let should = |queries: &[Box<dyn Query>]| {
            BooleanQuery::new(
                queries
                    .iter()
                    .map(|q| (Occur::Should, q.box_clone()))
                    .collect(),
            )
        };
        let union = should(
            &slots
                .iter()
                .flatten()
                .map(|q| q.box_clone())
                .collect::<Vec<_>>(),
        );
        let every = (slots.len() > 1).then(|| {
            BooleanQuery::new(
                slots
                    .iter()
                    .map(|slot| (Occur::Must, Box::new(should(slot)) as Box<dyn Query>))
                    .collect(),
            )
        });
        ByTerms { ctx, union, every }
    }

    /// The best `k` passages, and whether there are no more.
    fn round(&self, k: usize) -> Result<(bool, Vec<Match>)> {
        let threads = &self.ctx.threads;
        let mut found: Vec<(Score, DocAddress)> = Vec::new();
        let mut complete = true;
        if let Some(every) = &self.every {
            let top = threads.search(every, &TopPassages::final_scores(k))?;
            complete = top.len() < k;
            found.extend(top.into_iter().map(|(s, a)| (s + ALL_PARTS_BONUS, a)));
        }
        if complete {
            // Every passage with all words is in hand; the rest rank by the union.
            let have: HashSet<DocAddress> = found.iter().map(|(_, a)| *a).collect();
            let top = threads.search(&self.union, &TopPassages::final_scores(k))?;
            complete = top.len() < k;
            found.extend(top.into_iter().filter(|(_, a)| !have.contains(a)));
        }
        Ok((complete, matches_of(threads.searcher(), found)?))
    }

    pub(super) fn run(&self) -> Result<Ranking> {
        let ctx = self.ctx;
        let options = ctx.options;
        let mut k = MIN_CANDIDATES.max(
            ctx.wanted()
                .saturating_mul(options.per_doc.max(1))
                .saturating_mul(CANDIDATES_PER_DOCUMENT),
        );
        let count = ctx.count()?;
        // Counting and ranking read the same postings apart: side by side on two cores.
        let (first, total) = ctx.threads.join(|| self.round(k), || count.run());
        let (total, mut round) = (total?, first?);
        let wanted = ctx.wanted().min(total);
        loop {
            let (complete, matches) = round;
            let (documents, groups) = page(matches, options);
            if complete || documents >= wanted {
                return Ok((total, groups));
            }
            k = k.saturating_mul(4);
            round = self.round(k)?;
        }
    }
}
