//! Any query, ranked by scoring every match: the reference the other ways stand in for, and
//! the way of queries with filters, exclusions, another order or more passages per document.

use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query};

use super::{Context, Ranking};
use crate::search::collector::documents::DocSet;
use crate::search::collector::matches::AllMatches;
use crate::search::page::page;
use crate::search::rank::Match;
use crate::Result;

pub(crate) struct Exhaustive<'a> {
    ctx: &'a Context<'a>,
    /// The filters (unscored) and the text (scored) together.
    full: BooleanQuery,
    /// Documents the query leaves out, by key hash.
    excluded: &'a DocSet,
    /// The only documents the query can match (its required words), if it requires any.
    required: Option<&'a DocSet>,
}

impl<'a> Exhaustive<'a> {
    /// `filters` must all match, and `text` (or anything, without text) is scored; a document
    /// in `excluded`, or outside `required` where given, does not match.
    pub(crate) fn new(
        ctx: &'a Context<'a>,
        filters: Vec<Box<dyn Query>>,
        text: Option<Box<dyn Query>>,
        excluded: &'a DocSet,
        required: Option<&'a DocSet>,
    ) -> Self {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = filters
            .into_iter()
            .map(|q| {
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>,
                )
            })
            .collect();
        // Without text, the filters alone say what matches; every passage only where there
        // is nothing else (walking all of them beside an id's one posting is what costs).
        match text {
            Some(text) => clauses.push((Occur::Must, text)),
            None if clauses.is_empty() => clauses.push((Occur::Must, Box::new(AllQuery))),
            None => {}
        }
        Exhaustive {
            ctx,
            full: BooleanQuery::new(clauses),
            excluded,
            required,
        }
    }

    pub(crate) fn run(&self) -> Result<Ranking> {
        Ok(page(self.matches()?, self.ctx.options))
    }

    fn matches(&self) -> Result<Vec<Match>> {
        let mut matches = self.ctx.threads.search(&self.full, &AllMatches)?;
        if !self.excluded.is_empty() {
            matches.retain(|m| !self.excluded.contains(&m.doc_hash));
        }
        if let Some(required) = self.required {
            matches.retain(|m| required.contains(&m.doc_hash));
        }
        Ok(matches)
    }
}
