//! The ways of ranking a query, one per file, each a small struct with `new` and `run` over
//! one shared [`Context`]; [`run`] takes the one [`plan`](super::plan) chose.
//!
//! Each returns the exact number of matching documents and the page of them, each document
//! with its best passages, in [`relevance`](super::rank::relevance) order.

mod bounded;
mod by_terms;
mod candidates;
mod exhaustive;

use std::collections::HashSet;

use tantivy::query::{Bm25Weight, BooleanQuery, EnableScoring, Query, Weight};
use tantivy::{DocAddress, Score, Searcher, Term};

use super::collector::count::{count_documents, CountWays};
use super::collector::score::{rescore, ScoreSum};
use super::collector::top::TopPassages;
use super::item::{Item, ParsedQuery};
use super::leaf::{any_of, union_of};
use super::model::QueryModel;
use super::options::SearchOptions;
use super::plan::Strategy;
use super::rank::Match;
use super::statistics::Statistics;
use super::threads::Threads;
use crate::index::Snapshot;
use crate::Result;

pub(crate) use exhaustive::Exhaustive;

/// Candidate passages per document asked for, and at least this many in all.
const CANDIDATES_PER_DOCUMENT: usize = 4;
const MIN_CANDIDATES: usize = 40;
/// What the terms left out of a bound's union may add to a passage, at most.
const SLACK: Score = 0.5;

/// What every way of ranking works from.
pub(crate) struct Context<'a> {
    pub threads: Threads<'a>,
    pub snapshot: &'a Snapshot<'a>,
    pub model: &'a QueryModel<'a>,
    pub parsed: &'a ParsedQuery,
    pub options: &'a SearchOptions,
    pub ways: CountWays,
}

/// A page of documents, each with its best passages, and the number of matching documents.
pub(crate) type Ranking = (usize, Vec<Vec<Match>>);

impl Context<'_> {
    fn searcher(&self) -> &Searcher {
        &self.snapshot.searcher
    }

    /// Documents up to the end of the page.
    fn wanted(&self) -> usize {
        self.options.offset.saturating_add(self.options.limit)
    }

    /// Candidates asked for a page: a few passages per document, and at least a minimum.
    fn candidates(&self) -> usize {
        MIN_CANDIDATES.max(self.wanted().saturating_mul(CANDIDATES_PER_DOCUMENT))
    }

    /// What counts the documents the query's words, phrases and ids match: made here, run
    /// in another thread beside the ranking.
    fn count(&self) -> Result<Count<'_>> {
        let counting = self.model.counting(self.parsed);
        let unscored = EnableScoring::disabled_from_searcher(self.searcher());
        let others = counting
            .others
            .iter()
            .map(|q| q.weight(unscored))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Count {
            threads: self.threads,
            snapshot: self.snapshot,
            terms: counting.terms,
            others,
            ways: self.ways,
        })
    }

    /// The best `k` passages by `query`, each segment's best a floor for the others.
    fn top_k(&self, query: &dyn Query, k: usize) -> Result<Vec<(Score, DocAddress)>> {
        Ok(self.threads.search(query, &TopPassages::new(k))?)
    }
}

/// The exact number of documents a query matches, to be counted.
struct Count<'a> {
    threads: Threads<'a>,
    snapshot: &'a Snapshot<'a>,
    terms: Vec<Term>,
    others: Vec<Box<dyn Weight>>,
    ways: CountWays,
}

impl Count<'_> {
    fn run(&self) -> Result<usize> {
        let fields = self.snapshot.fields;
        Ok(count_documents(
            &self.threads,
            fields.first,
            &self.terms,
            &fields.whole_document(),
            &self.others,
            self.snapshot.doc_sets,
            self.ways,
        )?)
    }
}

/// Ranks by `strategy`; `exhaustive` makes the query with its filters, for scoring every
/// match.
pub(crate) fn run<'a>(
    strategy: Strategy,
    ctx: &'a Context<'a>,
    exhaustive: impl FnOnce() -> Exhaustive<'a>,
) -> Result<Ranking> {
    match strategy {
        Strategy::Nothing => Ok((0, Vec::new())),
        Strategy::Exhaustive => exhaustive().run(),
        Strategy::ByTerms => by_terms::ByTerms::new(ctx).run(),
        Strategy::Bounded { every } => bounded::Bounded::new(ctx, every).run(),
        Strategy::Candidates { every } => candidates::Candidates::run(ctx, every),
    }
}

/// What both ways of ranking through the full score use: the full score, the query's ids,
/// and the query's every part together (when passages with every part are sought first).
struct FullScore<'a> {
    ctx: &'a Context<'a>,
    sum: ScoreSum,
    refers: Option<Box<dyn Query>>,
    every_part: Option<BooleanQuery>,
}

impl<'a> FullScore<'a> {
    fn new(ctx: &'a Context<'a>, every: bool) -> Result<Self> {
        let sum = ctx.model.score_sum(ctx.parsed)?;
        let refers: Vec<Box<dyn Query>> = ctx
            .parsed
            .slots
            .iter()
            .flatten()
            .filter(|i| matches!(i, Item::Refers(_) | Item::Replaces(_)))
            .filter_map(|i| ctx.model.query(i))
            .collect();
        let refers = (!refers.is_empty()).then(|| any_of(refers));
        let every_part = (every && sum.slots.len() > 1).then(|| ctx.model.every_part(ctx.parsed));
        Ok(FullScore {
            ctx,
            sum,
            refers,
            every_part,
        })
    }

    /// `candidates` scored in full.
    fn rescore(&self, candidates: Vec<DocAddress>) -> Result<Vec<Match>> {
        Ok(rescore(&self.ctx.threads, &self.sum, candidates)?)
    }

    /// The best passages with every part, scored in full: all of them (complete), or enough
    /// for the page.
    fn with_every_part(&self, k: usize) -> Result<Option<(bool, Vec<Match>)>> {
        let Some(every_part) = &self.every_part else {
            return Ok(None);
        };
        let mut k = k;
        loop {
            let top = self.ctx.top_k(every_part, k)?;
            let complete = top.len() < k;
            let found = self.rescore(top.into_iter().map(|(_, a)| a).collect())?;
            let documents: HashSet<u64> = found.iter().map(|m| m.doc_hash).collect();
            if complete || documents.len() >= self.ctx.wanted() {
                return Ok(Some((complete, found)));
            }
            k = k.saturating_mul(4);
        }
    }
}

/// A bound's terms with the most each can add to a passage (its BM25 maximum, boosted),
/// least first: for MaxScore's split ([`essential`]).
fn capped(
    statistics: &Statistics<'_>,
    bound: &[(Term, Score)],
) -> Result<Vec<(Score, Term, Score)>> {
    let mut capped = Vec::with_capacity(bound.len());
    for (term, boost) in bound {
        let weight = Bm25Weight::for_terms(statistics, std::slice::from_ref(term))?;
        capped.push((boost * weight.max_score(), term.clone(), *boost));
    }
    capped.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(capped)
}

/// MaxScore's split of a bound's terms, [`capped`]: those that can add least to a
/// passage leave the union, as long as all they could add is at most `allowed` ([`SLACK`]);
/// returned with the union. Frequent words have long postings and low scores: without them,
/// block-max WAND has fewer lists to move through.
fn essential(capped: &[(Score, Term, Score)], allowed: Score) -> (BooleanQuery, Score) {
    let mut slack = 0.0;
    let mut union = Vec::new();
    for (cap, term, boost) in capped {
        if union.is_empty() && slack + cap <= allowed {
            slack += cap;
        } else {
            union.push((term.clone(), *boost));
        }
    }
    (union_of(&union), slack)
}
