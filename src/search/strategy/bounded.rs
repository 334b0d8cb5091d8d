//! A short query of words, phrases and ids, ranked exactly through a bound on its full score.
//!
//! The full score (what scoring every match gives) is no flat sum of terms: phrases, a
//! compound's parts together, ids, and the bonus for passages with every part of the query.
//! Passages with every part outrank the rest, so with `every` the best of those come first,
//! and may fill the page alone. Then a flat union of terms bounds the full score from above on
//! every passage ([`QueryModel::bound`](crate::search::model::QueryModel::bound)); block-max
//! WAND over it skips whatever cannot reach the page, and the rest is scored in full
//! ([`Ranked`]); the passages of the documents an id in the query names, which the bound does
//! not see, are few and all scored.

use tantivy::collector::DocSetCollector;
use tantivy::Score;

use super::{capped, essential, Context, FullScore, Ranking, SLACK};
use crate::search::collector::ranked::Ranked;
use crate::search::page::page;
use crate::search::rank::{documents_above, Match};
use crate::Result;

pub(super) struct Bounded<'a> {
    ctx: &'a Context<'a>,
    every: bool,
}

impl<'a> Bounded<'a> {
    pub(super) fn new(ctx: &'a Context<'a>, every: bool) -> Self {
        Bounded { ctx, every }
    }

    /// The passages that may make the page, scored in full.
    fn rank(&self) -> Result<Vec<Match>> {
        let ctx = self.ctx;
        let full = FullScore::new(ctx, self.every)?;
        let bound = capped(ctx.threads.statistics(), &ctx.model.bound(ctx.parsed))?;
        let mut matches = Vec::new();
        if let Some((complete, found)) = full.with_every_part(ctx.candidates())? {
            if !complete {
                // They fill the page alone, each by its best such passage.
                return Ok(found);
            }
            matches = found;
        }
        if let Some(refers) = &full.refers {
            let all = ctx.threads.search(refers.as_ref(), &DocSetCollector)?;
            matches.extend(full.rescore(all.into_iter().collect())?);
        }
        let wanted = ctx.wanted();
        let ranked = |slack_allowed: Score| -> Result<Option<Vec<Match>>> {
            let (union, slack) = essential(&bound, slack_allowed);
            let ranked = Ranked {
                sum: &full.sum,
                wanted,
                slack,
                floor: Default::default(),
            };
            let found = ctx.threads.search(&union, &ranked)?;
            // A passage with none of the union's terms scores at most the slack: it was not
            // seen, and could make a page the documents above it leave short (a frequent word
            // beside a phrase found nowhere).
            let above = documents_above(matches.iter().chain(&found), slack);
            Ok((slack == 0.0 || above >= wanted).then_some(found))
        };
        let found = match ranked(SLACK)? {
            Some(found) => found,
            None => ranked(0.0)?.unwrap_or_default(),
        };
        matches.extend(found);
        Ok(matches)
    }

    pub(super) fn run(&self) -> Result<Ranking> {
        let count = self.ctx.count()?;
        // Counting and ranking read the same postings apart: side by side on two cores.
        let (matches, total) = self.ctx.threads.join(|| self.rank(), || count.run());
        Ok((total?, page(matches?, self.ctx.options).1))
    }
}
