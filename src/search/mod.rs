//! Search: a query in kamerzoek's query language to ranked passages of documents.
//!
//! Passages are ranked by BM25 over the stemmed text, the title and the dossier title, with an
//! extra weight for the exact word form; passages holding every part of the query rank above
//! those holding some. Matches are then grouped by document: `limit` and `offset` page through
//! documents, each with its best `per_doc` passages, and the total counts documents.
//!
//! A search reads top-down as a pipeline, one file a step:
//!
//! 1. [`parse_query`] makes [`Item`]s (`item.rs`) of the query text (`query.rs`; the fields and
//!    the forms a document is named by in `named.rs`);
//! 2. the model (`model/`) says which fields and weights each item scores by, once, and
//!    derives every shape of query the search needs from it; `filters.rs` turns metadata into
//!    queries;
//! 3. the plan (`plan.rs`) chooses a way of ranking from the shape of the query and the
//!    options alone;
//! 4. `sets.rs` finds the documents the operators require or leave out, and counts those
//!    with every part of the query; a strategy (`strategy/`) ranks, with the collectors
//!    (`collector/`), and counts the documents exactly;
//! 5. `page.rs` groups passages by document in the order of `rank.rs` (its one tie rule) and
//!    cuts the page; `facets.rs` counts the documents by year, type, dossier, indiener or
//!    party; `results.rs` makes hits of the page, with highlighted words.

mod abbreviations;
mod collector;
mod explain;
mod facets;
mod filters;
mod grammar;
mod highlight;
mod item;
mod leaf;
mod model;
mod named;
mod options;
mod page;
mod plan;
mod prefix;
mod query;
mod rank;
mod related;
mod results;
mod sets;
mod statistics;
mod strategy;
mod synonyms;
mod threads;

#[cfg(test)]
mod tests;

use tantivy::query::Query;

use crate::index::Index;
use crate::Result;
use collector::count::{CountWays, Slot};
use explain::explain;
use leaf::any_of;
use model::QueryModel;
use plan::{plan, Shape, Strategy};
use statistics::Statistics;
use strategy::{Context, Exhaustive};
use threads::Threads;

pub use explain::{Explanation, ItemExplanation, TermMatch};
pub use facets::{Facet, FacetCounts, NO_VALUE};
pub use highlight::{char_ranges, excerpt, Highlighter};
pub use item::{Condition, Item, ParsedQuery};
pub use named::FIELDS;
pub use options::{SearchOptions, Sort, MAX_LIMIT, MAX_PER_DOC};
pub use query::{parse_query, MAX_QUERY_BYTES};
pub use results::{Hit, SearchResults};

/// How a search runs where several ways give the same answer. Tests take each way in turn;
/// every search otherwise takes the default.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tuning {
    /// Rank without scoring every match, where the query allows it.
    pub prune: bool,
    /// Spread over threads (`None`: when the index is large).
    pub parallel: Option<bool>,
    /// The ways of counting.
    pub ways: CountWays,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            prune: true,
            parallel: None,
            ways: CountWays::default(),
        }
    }
}

impl Index {
    /// Searches the index.
    ///
    /// ```
    /// use kamerzoek::{Index, SearchOptions};
    /// let index = Index::create_in_ram().unwrap();
    /// index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// let results = index.search("mensenhandel Curacao", &SearchOptions::default()).unwrap();
    /// assert_eq!(results.hits[0].date.unwrap().to_string(), "2015-02-24");
    /// assert!(results.hits[0].text.contains("Curaçao"));
    /// ```
    ///
    /// Options that choose documents by themselves need no query: then the search lists the
    /// documents they choose.
    ///
    /// ```
    /// # use kamerzoek::{Index, SearchOptions};
    /// # let index = Index::create_in_ram().unwrap();
    /// # index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// let dossier = SearchOptions { dossier: Some("33750-IV".into()), ..Default::default() };
    /// assert!(index.search("", &dossier).unwrap().total >= 1);
    /// assert!(index.search("", &SearchOptions::default()).is_err());
    /// ```
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let parsed = match query.trim().is_empty() && options.chooses_documents() {
            true => ParsedQuery::default(),
            false => parse_query(query)?,
        };
        self.search_parsed(query, &parsed, options)
    }

    /// Searches with a query parsed already.
    pub fn search_parsed(
        &self,
        query: &str,
        parsed: &ParsedQuery,
        options: &SearchOptions,
    ) -> Result<SearchResults> {
        self.search_tuned(query, parsed, options, Tuning::default())
    }

    /// The reference ranking: every match scored, grouped and paged. [`Index::search`] gives
    /// the same pages without scoring every match wherever the query allows; this is for
    /// checking that on an index of one's own, and slow on a large one.
    ///
    /// ```
    /// use kamerzoek::{Index, SearchOptions};
    /// let index = Index::create_in_ram().unwrap();
    /// index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// let options = SearchOptions::default();
    /// let fast = index.search("mensenhandel op Curacao", &options).unwrap();
    /// let every = index.search_scoring_every_match("mensenhandel op Curacao", &options).unwrap();
    /// assert_eq!(fast.total, every.total);
    /// assert_eq!(fast.hits[0].key, every.hits[0].key);
    /// ```
    pub fn search_scoring_every_match(
        &self,
        query: &str,
        options: &SearchOptions,
    ) -> Result<SearchResults> {
        let tuning = Tuning {
            prune: false,
            ..Default::default()
        };
        self.search_tuned(query, &parse_query(query)?, options, tuning)
    }

    /// The search pipeline: the query's model, the plan, the ranking, the page and its hits.
    pub(crate) fn search_tuned(
        &self,
        query: &str,
        parsed: &ParsedQuery,
        options: &SearchOptions,
        tuning: Tuning,
    ) -> Result<SearchResults> {
        options.check()?;
        let snapshot = self.snapshot();
        let searcher = &snapshot.searcher;
        // No page reaches past the index's passages (there are fewer documents): what a
        // search holds is bounded by the index, whatever offset it is given.
        let passages = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let options = &SearchOptions {
            offset: options.offset.min(passages),
            limit: options.limit.min(passages),
            ..options.clone()
        };
        let statistics = Statistics::new(searcher);
        let model = QueryModel::new(snapshot.fields, &statistics).with_abbreviations_of(parsed);
        let threads = Threads::new(&statistics, tuning.parallel);

        // Slots of metadata filters only must match; the others are scored.
        let (filter_slots, text_slots): (Vec<&[Item]>, Vec<&[Item]>) = parsed
            .slots
            .iter()
            .map(Vec::as_slice)
            .partition(|slot| slot.iter().all(Item::is_filter));
        let mut filters: Vec<Box<dyn Query>> = filter_slots
            .iter()
            .map(|slot| any_of(slot.iter().map(|i| model.filters().item(i)).collect()))
            .collect();
        filters.extend(model.filters().options(options)?);
        let texts = |phrase: bool| -> Vec<&str> {
            text_slots
                .iter()
                .flat_map(|slot| slot.iter())
                .filter_map(|i| match (i, phrase) {
                    (Item::Word(w), false) | (Item::Phrase(w), true) => Some(w.as_str()),
                    _ => None,
                })
                .collect()
        };
        let (words, phrases) = (texts(false), texts(true));
        let items = || parsed.slots.iter().flatten();
        let conditions = parsed.conditions.iter().flat_map(|c| c.items());
        for item in items().chain(&parsed.excluded).chain(conditions) {
            if let Item::Prefix(p) = item {
                prefix::words_beginning(searcher, snapshot.fields.body_exact, p)?;
            }
        }
        let constraints = sets::constraints(&threads, &model, parsed)?;
        let every = sets::every_slots(&threads, &model, parsed, &filters)?;
        let sets::Constraints { excluded, required } = &constraints;
        let shape = Shape {
            words: words.len(),
            phrases: phrases.len(),
            has_text: model.has_text(&text_slots),
            filtered: !filters.is_empty(),
            excludes: !excluded.is_empty() || required.is_some(),
            flat: items().all(|i| model.is_flat(i)),
            // A dossier number is asked for as a word or a dossier, in one slot: only scoring
            // every match ranks a slot of text and metadata alternatives; and only it knows
            // how far apart the words of a phrase with a distance may stand.
            plain: items().all(|i| {
                !i.is_filter()
                    && !matches!(i, Item::InDossier(_) | Item::Near(..) | Item::Prefix(_))
            }),
            joined: items().any(|i| match i {
                Item::Phrase(_) | Item::Near(..) => true,
                Item::Word(w) => model.stems(w).len() > 1,
                _ => false,
            }),
        };
        let ctx = Context {
            threads,
            snapshot: &snapshot,
            model: &model,
            parsed,
            options,
            ways: tuning.ways,
        };
        let strategy = match plan(&shape, options) {
            Strategy::Nothing => Strategy::Nothing,
            _ if !tuning.prune => Strategy::Exhaustive,
            strategy => strategy,
        };
        // The facets count the documents the total counts, found as the total finds them.
        let matching = match options.facets.is_empty() {
            true => None,
            false => Some(sets::matching_slots(&threads, &model, parsed, &filters)?),
        };
        let count_every = |every: Option<Vec<Slot>>| -> Result<Option<usize>> {
            let documents =
                every.map(|slots| sets::first_passages(&threads, &snapshot, slots, &constraints));
            Ok(documents.transpose()?.map(|d| d.len()))
        };
        let count_facets = |slots: Vec<Slot>| -> Result<Vec<FacetCounts>> {
            let documents = sets::first_passages(&threads, &snapshot, slots, &constraints)?;
            facets::count(searcher, snapshot.kept_values, &documents, &options.facets)
        };
        // The query that scores every match, built only where it is run: the other ways rank
        // from shapes of their own.
        let exhaustive = || {
            let text = model.text_query(&text_slots);
            Exhaustive::new(&ctx, filters, text, excluded, required.as_ref())
        };
        let rank = || strategy::run(strategy, &ctx, exhaustive);
        // Beside the ranking, on the other core: the documents with every part, or the facets
        // where they are asked for (the longer of the two; the other then follows the ranking).
        let (ranked, every, facets) = match (every, matching) {
            (None, None) => (rank(), Ok(None), Ok(Vec::new())),
            (every, None) => {
                let (ranked, every) = ctx.threads.join(rank, || count_every(every));
                (ranked, every, Ok(Vec::new()))
            }
            (every, Some(slots)) => {
                let ((ranked, every), facets) = ctx
                    .threads
                    .join(|| (rank(), count_every(every)), || count_facets(slots));
                (ranked, every, facets)
            }
        };
        let ((total, groups), every, facets) = (ranked?, every?, facets?);

        let mut parts: Vec<String> = words
            .iter()
            .filter_map(|w| model.compound_parts(w))
            .flatten()
            .collect();
        parts.extend(words.iter().flat_map(|w| {
            let forms = model.related_stems(w);
            forms
                .iter()
                .map(|(form, _)| form.clone())
                .collect::<Vec<_>>()
        }));
        // The words of a phrase with a distance are marked where they stand.
        parts.extend(
            items()
                .filter_map(|i| match i {
                    Item::Near(p, _) => Some(
                        model
                            .stems(p)
                            .iter()
                            .map(|t| t.term.clone())
                            .collect::<Vec<_>>(),
                    ),
                    _ => None,
                })
                .flatten(),
        );
        // An abbreviation's long form or the abbreviation of a long form, as the text writes it.
        let abbreviations: Vec<Vec<String>> = words
            .iter()
            .flat_map(|w| {
                let leaves = model.abbreviation_leaves(&Item::Word(w.to_string()));
                leaves.iter().map(|l| l.terms.clone()).collect::<Vec<_>>()
            })
            .collect();
        let mut highlighter = Highlighter::new(words, phrases);
        highlighter.add_stems(parts);
        highlighter.add_sequences(abbreviations);
        let mut page = Vec::new();
        for (i, group) in groups.into_iter().enumerate() {
            for m in group {
                let explanation = match options.explain {
                    true => Some(explain(&model, snapshot.fields, &text_slots, m.address)?),
                    false => None,
                };
                page.push((options.offset + i + 1, m, explanation));
            }
        }
        let hits = results::hits(self, &ctx.threads, page, highlighter)?;
        Ok(SearchResults {
            query: query.to_string(),
            total,
            every: every.unwrap_or(total).min(total),
            hits,
            facets,
        })
    }
}
