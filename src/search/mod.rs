//! Search: a query in kamerzoek's query language to ranked passages of documents.
//!
//! Passages are ranked by BM25 over the stemmed text, the title and the dossier title, with an
//! extra weight for the exact word form; passages holding every word of the query rank above
//! those holding some. Matches are then grouped by document: `limit` and `offset` page through
//! documents, each with its best `per_doc` passages, and the total counts documents.

mod collector;
pub(crate) mod doc_sets;
mod highlight;
mod query;
mod threads;
mod top;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::{Bound, Range};
use std::path::PathBuf;
use std::rc::Rc;

use serde::Serialize;
use tantivy::query::Bm25Weight;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

use crate::analysis::{analyze, exact, is_particle, split_compound, stemmed, AnalyzedToken};
use crate::index::Index;
use crate::meta::{parse_dossier_key, Date, HandelingenId, KamerstukId};
use crate::{Error, Result};

use collector::{count_documents, rescore, AllMatches, ItemSum, Match, ScoreSum};
pub use highlight::{char_ranges, excerpt, Highlighter};
pub use query::{parse_query, Item, ParsedQuery};
use top::TopPassages;

/// How much a match in each field counts, relative to the passage text.
const TITLE_BOOST: f32 = 0.6;
const DOSSIER_TITLE_BOOST: f32 = 0.3;
const EXACT_FORM_BOOST: f32 = 0.25;
/// Parts of compounds count little: "zorg" should reach "ouderenzorg", not outrank "zorg".
/// Measured on the development set: above 0.3 it costs known-item precision.
const PARTS_BOOST: f32 = 0.15;
const PART_OF_HYPHENATED_BOOST: f32 = 0.5;
/// A query's compound matched by its parts apart ("inzet van de regering" for
/// "regeringsinzet"): a paraphrase, weaker evidence than the word itself.
const COMPOUND_PARTS_BOOST: f32 = 0.4;
/// A query's compound is split only into words this many passages use: a word fragment that
/// OCR or a line break left once ("ische") is no part.
const MIN_PART_PASSAGES: u32 = 3;
/// Added to passages that match every part of the query, to rank them above the rest.
const ALL_PARTS_BONUS: f32 = 1000.0;
/// For an id among words: a document that cites it (a gewijzigde motie "ter vervanging van"
/// it, a letter answering it) is what words plus an id ask for; the document itself follows.
const REFERS_CITING: f32 = 8.0;
const REFERS_SELF: f32 = 4.0;
/// Score of a document that cites the id a query names after "t.v.v.": the documents replacing
/// a Kamerstuk are few and are what such a query asks for, so this outweighs a difference in
/// wording between the amended text and the original (whose words the query often carries).
const REPLACING: f32 = 24.0;
/// Queries of this many words or more are ranked in two steps: the best passages by the words
/// in the text alone (which tantivy finds without scoring every match), then those passages
/// scored in full. Scoring every match of a long query costs time in proportion to the corpus.
const TWO_STEP_WORDS: usize = 5;
/// Candidate passages per document asked for, and at least this many in all.
const CANDIDATES_PER_DOCUMENT: usize = 4;
/// What the terms left out of a bound's union may add to a passage, at most.
const SLACK: f32 = 0.5;
const MIN_CANDIDATES: usize = 40;

/// The order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first; documents without a date last.
    Date,
}

/// Filters and paging for a search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Documents to return.
    pub limit: usize,
    /// Documents to skip, for paging.
    pub offset: usize,
    /// Passages per document.
    pub per_doc: usize,
    /// Only this dossier (`33750-IV`; `33750` for every suffix).
    pub dossier: Option<String>,
    /// Only this type (see [`crate::meta::known_types`]).
    pub doc_type: Option<String>,
    /// Only documents dated on or after this.
    pub from: Option<Date>,
    /// Only documents dated on or before this.
    pub to: Option<Date>,
    /// The order.
    pub sort: Sort,
}

/// The most documents one search returns ([`SearchOptions::limit`]); page with
/// [`SearchOptions::offset`] for more.
pub const MAX_LIMIT: usize = 10_000;

/// The most passages shown per document ([`SearchOptions::per_doc`]).
pub const MAX_PER_DOC: usize = 100;

impl SearchOptions {
    /// An error naming the option whose count is beyond what a search gives (see
    /// [`MAX_LIMIT`], [`MAX_PER_DOC`]). Searches check this themselves; a caller that takes
    /// options from a user can check them before.
    ///
    /// ```
    /// use kamerzoek::search::SearchOptions;
    /// assert!(SearchOptions::default().check().is_ok());
    /// let greedy = SearchOptions { per_doc: usize::MAX, ..Default::default() };
    /// assert!(greedy.check().unwrap_err().to_string().contains("per_doc"));
    /// ```
    pub fn check(&self) -> Result<()> {
        let over = |what: &'static str, value: usize, max: usize| {
            (value > max).then(|| Error::InvalidArgument {
                what,
                value: value.to_string(),
                hint: Some(format!("at most {max}")),
            })
        };
        match over("limit", self.limit, MAX_LIMIT)
            .or_else(|| over("per_doc", self.per_doc, MAX_PER_DOC))
        {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            per_doc: 1,
            dossier: None,
            doc_type: None,
            from: None,
            to: None,
            sort: Sort::Relevance,
        }
    }
}

/// One passage in the results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Rank of its document in the whole result list, from 1.
    pub rank: usize,
    /// Canonical Kamerstuk id, if known.
    pub id: Option<String>,
    /// The document's key in the index.
    pub key: String,
    /// Source file.
    pub path: PathBuf,
    /// Line in the source file where the passage starts.
    pub line: u64,
    /// Date of the document.
    pub date: Option<Date>,
    /// Type of the document.
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    /// Title of the document.
    pub title: Option<String>,
    /// Dossier key.
    pub dossier: Option<String>,
    /// The official citation of the document.
    pub citation: Option<String>,
    /// The BM25 score (plus the all-words bonus); comparable within one result list only.
    pub score: f32,
    /// Passage number within the document, from 0.
    pub passage: u64,
    /// The passage text.
    pub text: String,
    /// Byte ranges of the matched words in `text`.
    #[serde(skip)]
    pub highlights: Vec<Range<usize>>,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of matching documents (not passages), before paging.
    pub total: usize,
    /// The passages of the requested page.
    pub hits: Vec<Hit>,
}

impl Index {
    /// Searches the index.
    ///
    /// ```
    /// use kamerzoek::{Index, search::SearchOptions};
    /// let index = Index::create_in_ram().unwrap();
    /// index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// let results = index.search("mensenhandel Curacao", &SearchOptions::default()).unwrap();
    /// assert_eq!(results.hits[0].date.unwrap().to_string(), "2015-02-24");
    /// assert!(results.hits[0].text.contains("Curaçao"));
    /// ```
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let parsed = parse_query(query)?;
        self.search_parsed(query, &parsed, options)
    }

    /// Searches with a query parsed already.
    pub fn search_parsed(
        &self,
        query: &str,
        parsed: &ParsedQuery,
        options: &SearchOptions,
    ) -> Result<SearchResults> {
        self.search_with(query, parsed, options, true)
    }

    /// The search with every match scored: the ranking the faster paths of
    /// [`Index::search_parsed`] stand in for. Slow on a large index; for measuring how closely
    /// they follow it (`examples/ranking_fidelity.rs`), not for use.
    #[doc(hidden)]
    pub fn search_scoring_every_match(
        &self,
        query: &str,
        options: &SearchOptions,
    ) -> Result<SearchResults> {
        self.search_with(query, &parse_query(query)?, options, false)
    }

    /// The search; `prune` (ranking without scoring every match) is false only where both
    /// ways are compared.
    fn search_with(
        &self,
        query: &str,
        parsed: &ParsedQuery,
        options: &SearchOptions,
        prune: bool,
    ) -> Result<SearchResults> {
        options.check()?;
        let searcher = self.reader.searcher();
        // No page reaches past the index's passages (there are fewer documents): what a
        // search holds is bounded by the index, whatever offset it is given.
        let passages = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let options = &SearchOptions {
            offset: options.offset.min(passages),
            limit: options.limit.min(passages),
            ..options.clone()
        };
        let builder = QueryBuilder::new(self, &searcher);
        let mut musts: Vec<Box<dyn Query>> = Vec::new();
        let mut scored: Vec<Box<dyn Query>> = Vec::new();
        let (mut words, mut phrases) = (Vec::new(), Vec::new());
        for slot in &parsed.slots {
            if slot.iter().all(Item::is_filter) {
                musts.push(builder.any_of(slot.iter().map(|i| builder.filter(i)).collect()));
                continue;
            }
            for item in slot {
                match item {
                    Item::Word(w) => words.push(w.as_str()),
                    Item::Phrase(p) => phrases.push(p.as_str()),
                    _ => {}
                }
            }
            let alternatives: Vec<Box<dyn Query>> =
                slot.iter().filter_map(|i| builder.item(i)).collect();
            if !alternatives.is_empty() {
                scored.push(builder.any_of(alternatives));
            }
        }
        // Filters make the text alone a poor guide to the best passages that pass them.
        let filters = builder.options(options)?;
        let only_words = musts.is_empty() && filters.is_empty();
        musts.extend(filters);

        let text_query: Option<Box<dyn Query>> = match scored.len() {
            0 => None,
            1 => scored.pop(),
            _ => {
                let all: Vec<(Occur, Box<dyn Query>)> = scored
                    .iter()
                    .map(|q| (Occur::Must, q.box_clone()))
                    .collect();
                let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                    scored.into_iter().map(|q| (Occur::Should, q)).collect();
                clauses.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(
                        Box::new(BooleanQuery::new(all)),
                        ALL_PARTS_BONUS,
                    )),
                ));
                Some(Box::new(BooleanQuery::new(clauses)))
            }
        };
        let has_text = text_query.is_some();
        if !has_text && musts.is_empty() {
            // Only words that analyze to nothing ("!!!"): nothing can match them.
            return Ok(SearchResults {
                query: query.to_string(),
                total: 0,
                hits: Vec::new(),
            });
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = musts
            .into_iter()
            .map(|q| {
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>,
                )
            })
            .collect();
        match text_query {
            Some(q) => clauses.push((Occur::Must, q)),
            None => clauses.push((Occur::Must, Box::new(tantivy::query::AllQuery))),
        }
        let full = BooleanQuery::new(clauses);

        let excluded = self.excluded_documents(&searcher, &builder, &parsed.excluded)?;
        // Words, phrases and ids among them can be ranked from candidates and counted by their
        // terms and phrases; filters take the exhaustive path.
        let plain = parsed.slots.iter().flatten().all(|i| !i.is_filter());
        // One passage per document: with more, a document's later passages could lie below
        // the candidates.
        let ranked_by_text = prune
            && only_words
            && options.sort == Sort::Relevance
            && options.per_doc <= 1
            && excluded.is_empty();
        // Plain words of one term each: the full score is a sum of boosted terms, which tantivy
        // ranks exactly without scoring every match.
        let flat = parsed.slots.iter().flatten().all(|i| builder.is_flat(i));
        // Short queries of plain words are ranked exactly by their terms; long ones (whose
        // every-word intersection and union of terms get costly), and those with phrases or
        // hyphenated words, in two steps.
        let short = words.len() < TWO_STEP_WORDS;
        let (total, groups) = if ranked_by_text && flat && !words.is_empty() && short {
            self.by_terms(&searcher, &builder, parsed, options)?
        } else if ranked_by_text
            && plain
            && (!short || !flat)
            && !(words.is_empty() && phrases.is_empty())
        {
            // Passages with every part of the query come first. A long query's words are
            // seldom all in one passage, and its best passages by the words in the text hold
            // those that are: there, the passages with every part are sought only where the
            // words in the text do not show them (a phrase, a hyphenated word).
            let every = short
                || parsed.slots.iter().flatten().any(|i| match i {
                    Item::Phrase(_) => true,
                    Item::Word(w) => builder.stems(w).len() > 1,
                    _ => false,
                });
            let text: Vec<&str> = words.iter().chain(&phrases).copied().collect();
            self.two_step(&searcher, &builder, parsed, &text, every, short, options)?
        } else {
            let mut matches = threads::search(&searcher, &full, &AllMatches)?;
            if !excluded.is_empty() {
                matches.retain(|m| !excluded.contains(&m.doc_hash));
            }
            page(matches, options)
        };
        let parts: Vec<String> = words
            .iter()
            .filter_map(|w| builder.compound_parts(w))
            .flatten()
            .collect();
        let mut highlighter = Highlighter::new(words, phrases);
        highlighter.add_stems(parts);
        let mut hits = Vec::new();
        for (i, group) in groups.into_iter().enumerate() {
            for m in group {
                hits.push(self.hit(&searcher, &m, options.offset + i + 1, &mut highlighter)?);
            }
        }
        Ok(SearchResults {
            query: query.to_string(),
            total,
            hits,
        })
    }

    /// Ranks a query's matches without scoring every match. The total is exact: the matching
    /// documents are counted without scoring them.
    ///
    /// The full score (what scoring every match gives) is no flat sum of terms: phrases, a
    /// compound's parts together, ids, and the bonus for passages with every part of the
    /// query. Passages with every part outrank the rest, so with `every` the best of those come
    /// first, and may fill the page alone.
    ///
    /// A short query (`exact`) is then ranked exactly: a flat union of terms bounds the full
    /// score from above on every passage ([`QueryBuilder::bound`]); block-max WAND over it
    /// skips whatever cannot reach the page, and the rest is scored in full
    /// ([`collector::Ranked`]); the passages of the documents an id in the query names, which
    /// the bound does not see, are few and all scored. A long query's bound has up to a
    /// hundred terms (five fields a word), and walking them took the median long query on the
    /// 300 MB index from 8 to 15 ms; it is ranked from candidates instead, each scored in full:
    /// the best passages by its words in the text (a compound's parts weighed as the full
    /// score weighs them), the best documents by its words in their titles with all their
    /// passages (a title adds to each), and the best passages of the documents an id names. On
    /// the development queries that gives the page of scoring every match for 84 % of long
    /// queries, against 39 % before titles and parts were weighed (`examples/ranking_fidelity.rs`).
    #[allow(clippy::too_many_arguments)]
    fn two_step(
        &self,
        searcher: &Searcher,
        builder: &QueryBuilder<'_>,
        parsed: &ParsedQuery,
        words: &[&str],
        every: bool,
        exact: bool,
        options: &SearchOptions,
    ) -> Result<(usize, Vec<Vec<Match>>)> {
        use tantivy::collector::DocSetCollector;
        let unscored = tantivy::query::EnableScoring::disabled_from_searcher(searcher);
        // Phrases, compounds' parts together and a hyphenated word in a title are not single
        // terms: counted exactly.
        let others = parsed
            .slots
            .iter()
            .flatten()
            .flat_map(|i| match i {
                Item::Phrase(_) => vec![builder.item(i)],
                _ => vec![builder.parts_together(i), builder.title_phrase(i)],
            })
            .flatten()
            .map(|q| q.weight(unscored))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let terms = builder.terms_of(parsed);
        let count = || self.count(searcher, &terms, &others);
        let wanted = options.offset.saturating_add(options.limit);
        let k = MIN_CANDIDATES.max(wanted.saturating_mul(CANDIDATES_PER_DOCUMENT));
        // Building the full score's weights and the candidates' queries takes a tenth of a
        // long query: it is done beside the count, as part of ranking, not before both.
        let parallel = threads::parallel(searcher);
        if exact {
            let rank = || -> Result<Vec<Match>> {
                let shared = Shared::new(searcher, builder, parsed, every, wanted)?;
                let bound = capped(searcher, &builder.bound(parsed))?;
                let mut matches = Vec::new();
                if let Some((complete, found)) = shared.with_every_part(k)? {
                    if !complete {
                        // They fill the page alone, each by its best such passage.
                        return Ok(found);
                    }
                    matches = found;
                }
                let sum = &shared.sum;
                if let Some(refers) = &shared.refers {
                    let all = threads::search(searcher, refers.as_ref(), &DocSetCollector)?;
                    matches.extend(rescore(searcher, sum, all.into_iter().collect())?);
                }
                let ranked = |slack_allowed: Score| -> Result<Option<Vec<Match>>> {
                    let (union, slack) = essential(&bound, slack_allowed);
                    let ranked = collector::Ranked {
                        sum,
                        wanted,
                        slack,
                        floor: Default::default(),
                    };
                    let found = threads::search(searcher, &union, &ranked)?;
                    // A passage with none of the union's terms scores at most the slack: it
                    // was not seen, and could make a page the documents above it leave short
                    // (a frequent word beside a phrase found nowhere).
                    let above = documents_above(matches.iter().chain(&found), slack);
                    Ok((slack == 0.0 || above >= wanted).then_some(found))
                };
                let found = match ranked(SLACK)? {
                    Some(found) => found,
                    None => ranked(0.0)?.unwrap_or_default(),
                };
                matches.extend(found);
                Ok(matches)
            };
            // Counting and ranking read the same postings apart: side by side on two cores.
            let (matches, total) = threads::join(parallel, rank, count);
            return Ok((total?, page(matches?, options).1));
        }
        let first = || -> Result<(Candidates<'_>, (bool, Vec<Match>))> {
            let candidates = Candidates::new(searcher, builder, parsed, words, every, wanted)?;
            let first = candidates.round(k)?;
            Ok((candidates, first))
        };
        let (first, total) = threads::join(parallel, first, count);
        let (total, (candidates, mut this)) = (total?, first?);
        let mut k = k;
        loop {
            let (done, matches) = this;
            let (found, groups) = page(matches, options);
            if done || found >= wanted.min(total) {
                return Ok((total, groups));
            }
            k = k.saturating_mul(4);
            this = candidates.round(k)?;
        }
    }

    /// Ranks a query of plain one-term words exactly, without scoring every match. Its score
    /// is a sum of boosted term scores, plus the bonus for passages with every word; so the
    /// passages with every word (an intersection, cheap) come first, then the rest by the flat
    /// union of the terms, whose best tantivy finds with block-max WAND. If the candidates hold
    /// too few documents for the page, more are asked for, up to all of them.
    fn by_terms(
        &self,
        searcher: &Searcher,
        builder: &QueryBuilder<'_>,
        parsed: &ParsedQuery,
        options: &SearchOptions,
    ) -> Result<(usize, Vec<Vec<Match>>)> {
        let terms = builder.terms_of(parsed);
        let count = || self.count(searcher, &terms, &[]);
        let wanted = options.offset.saturating_add(options.limit);
        let slots: Vec<Vec<Box<dyn Query>>> = parsed
            .slots
            .iter()
            .map(|slot| slot.iter().flat_map(|i| builder.word_terms(i)).collect())
            .collect();
        let union = BooleanQuery::new(
            slots
                .iter()
                .flatten()
                .map(|q| (Occur::Should, q.box_clone()))
                .collect(),
        );
        let every = (slots.len() > 1).then(|| {
            BooleanQuery::new(
                slots
                    .iter()
                    .map(|slot| {
                        let any = BooleanQuery::new(
                            slot.iter()
                                .map(|q| (Occur::Should, q.box_clone()))
                                .collect(),
                        );
                        (Occur::Must, Box::new(any) as Box<dyn Query>)
                    })
                    .collect(),
            )
        });
        let mut k = MIN_CANDIDATES.max(
            wanted
                .saturating_mul(options.per_doc.max(1))
                .saturating_mul(CANDIDATES_PER_DOCUMENT),
        );
        // The best `k` passages, and whether there are no more.
        let round = |k: usize| -> Result<(bool, Vec<Match>)> {
            let mut found: Vec<(Score, DocAddress)> = Vec::new();
            let mut complete = true;
            if let Some(every) = &every {
                let top = threads::search(searcher, every, &TopPassages::final_scores(k))?;
                complete = top.len() < k;
                found.extend(top.into_iter().map(|(s, a)| (s + ALL_PARTS_BONUS, a)));
            }
            if complete {
                // Every passage with all words is in hand; the rest rank by the union.
                let have: HashSet<DocAddress> = found.iter().map(|(_, a)| *a).collect();
                let top = threads::search(searcher, &union, &TopPassages::final_scores(k))?;
                complete = top.len() < k;
                found.extend(top.into_iter().filter(|(_, a)| !have.contains(a)));
            }
            Ok((complete, collector::matches_of(searcher, found)?))
        };
        // Counting and ranking read the same postings apart: side by side on two cores.
        let (first, total) = threads::join(threads::parallel(searcher), || round(k), count);
        let (total, mut round_k) = (total?, first?);
        let wanted = wanted.min(total);
        loop {
            let (complete, matches) = round_k;
            let (docs, groups) = page(matches, options);
            if complete || docs >= wanted {
                return Ok((total, groups));
            }
            k = k.saturating_mul(4);
            round_k = round(k)?;
        }
    }

    /// The exact number of documents with any of `terms`, or matching any of `others`.
    fn count(
        &self,
        searcher: &Searcher,
        terms: &[Term],
        others: &[Box<dyn tantivy::query::Weight>],
    ) -> Result<usize> {
        let whole = self.fields.whole_document();
        let first = self.fields.first;
        Ok(count_documents(
            searcher,
            first,
            terms,
            &whole,
            others,
            &self.doc_sets,
        )?)
    }

    fn excluded_documents(
        &self,
        searcher: &Searcher,
        builder: &QueryBuilder<'_>,
        items: &[Item],
    ) -> Result<HashSet<u64>> {
        let mut hashes = HashSet::new();
        for item in items {
            let q = if item.is_filter() {
                Some(builder.filter(item))
            } else {
                builder.item_as_written(item)
            };
            if let Some(q) = q {
                for m in threads::search(searcher, &q, &AllMatches)? {
                    hashes.insert(m.doc_hash);
                }
            }
        }
        Ok(hashes)
    }

    fn hit(
        &self,
        searcher: &Searcher,
        m: &Match,
        rank: usize,
        highlighter: &mut Highlighter,
    ) -> Result<Hit> {
        let f = &self.fields;
        let d: TantivyDocument = searcher.doc(m.address)?;
        let text_of = |field: Field| {
            d.get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
        };
        let text = text_of(f.body).unwrap_or_default();
        let id = text_of(f.id);
        let highlights = highlighter.ranges(&text);
        let date = Date::from_number(m.date);
        let citation = id.as_deref().and_then(|i| match KamerstukId::parse(i) {
            Some(k) => Some(k.citation(date.map(|d| d.vergaderjaar()).as_deref())),
            None => HandelingenId::parse(i).map(|h| h.citation()),
        });
        Ok(Hit {
            rank,
            id,
            key: text_of(f.key).unwrap_or_default(),
            path: PathBuf::from(text_of(f.path).unwrap_or_default()),
            line: d.get_first(f.line).and_then(|v| v.as_u64()).unwrap_or(1),
            date,
            doc_type: text_of(f.doc_type),
            title: text_of(f.title),
            dossier: text_of(f.dossier),
            citation,
            score: m.score,
            passage: m.passage,
            text,
            highlights,
        })
    }
}

/// What both ways of ranking from candidates use: the full score, the query's ids, and the
/// query's every part together (when passages with every part are sought first).
struct Shared<'s> {
    searcher: &'s Searcher,
    sum: ScoreSum,
    refers: Option<Box<dyn Query>>,
    every_part: Option<BooleanQuery>,
    wanted: usize,
}

impl<'s> Shared<'s> {
    fn new(
        searcher: &'s Searcher,
        builder: &QueryBuilder<'_>,
        parsed: &ParsedQuery,
        every: bool,
        wanted: usize,
    ) -> Result<Self> {
        let sum = builder.score_sum(searcher, parsed)?;
        let refers: Vec<Box<dyn Query>> = parsed
            .slots
            .iter()
            .flatten()
            .filter(|i| matches!(i, Item::Refers(_) | Item::Replaces(_)))
            .filter_map(|i| builder.item(i))
            .collect();
        let refers = (!refers.is_empty()).then(|| builder.any_of(refers));
        let every_part = (every && sum.slots.len() > 1).then(|| builder.every_part(parsed));
        Ok(Shared {
            searcher,
            sum,
            refers,
            every_part,
            wanted,
        })
    }

    /// The best `k` passages by `query`, each segment's best a floor for the others.
    fn top_k(&self, query: &dyn Query, k: usize) -> Result<Vec<(Score, DocAddress)>> {
        Ok(threads::search(self.searcher, query, &TopPassages::new(k))?)
    }

    /// The best passages with every part, scored in full: all of them (complete), or enough
    /// for the page.
    fn with_every_part(&self, k: usize) -> Result<Option<(bool, Vec<Match>)>> {
        let Some(every_part) = &self.every_part else {
            return Ok(None);
        };
        let mut k = k;
        loop {
            let top = self.top_k(every_part, k)?;
            let complete = top.len() < k;
            let found = rescore(
                self.searcher,
                &self.sum,
                top.into_iter().map(|(_, a)| a).collect(),
            )?;
            let documents: HashSet<u64> = found.iter().map(|m| m.doc_hash).collect();
            if complete || documents.len() >= self.wanted {
                return Ok(Some((complete, found)));
            }
            k = k.saturating_mul(4);
        }
    }
}

/// Where a long query's candidates come from, round after round: its best passages by the
/// words in the text (and, with ids, those of the documents they name), and its best
/// documents by their titles.
struct Candidates<'s> {
    shared: Shared<'s>,
    sources: Vec<BooleanQuery>,
    /// All the words in the text, where `sources[0]` leaves some out.
    all_text: Option<BooleanQuery>,
    titles: BooleanQuery,
    /// All the words in the titles, where `titles` leaves some out.
    all_titles: Option<BooleanQuery>,
}

impl<'s> Candidates<'s> {
    fn new(
        searcher: &'s Searcher,
        builder: &QueryBuilder<'_>,
        parsed: &ParsedQuery,
        words: &[&str],
        every: bool,
        wanted: usize,
    ) -> Result<Self> {
        let shared = Shared::new(searcher, builder, parsed, every, wanted)?;
        let text_terms = builder.words_in_text(words);
        // The words that add least (those in nearly every passage) choose no candidates.
        let (text, slack) = essential(&capped(searcher, &text_terms)?, SLACK);
        let title_terms = builder.words_in_titles(parsed);
        let (titles, title_slack) = essential(&capped(searcher, &title_terms)?, SLACK);
        let all_titles = (title_slack > 0.0).then(|| union_of(&title_terms));
        let mut sources = vec![text.clone()];
        if let Some(refers) = &shared.refers {
            sources.push(BooleanQuery::new(vec![
                (Occur::Must, refers.box_clone()),
                (Occur::Should, Box::new(text)),
            ]));
        }
        let all_text = (slack > 0.0).then(|| union_of(&text_terms));
        Ok(Candidates {
            shared,
            sources,
            all_text,
            titles,
            all_titles,
        })
    }

    /// The candidates of `k` passages a source, scored in full; and whether the sources had
    /// no more (or those with every part fill the page alone).
    fn round(&self, k: usize) -> Result<(bool, Vec<Match>)> {
        let shared = &self.shared;
        let mut matches = Vec::new();
        if let Some((complete, found)) = shared.with_every_part(k)? {
            if !complete {
                return Ok((true, found));
            }
            matches = found;
        }
        let mut exhausted = true;
        let mut candidates = Vec::new();
        for (i, source) in self.sources.iter().enumerate() {
            let mut top = shared.top_k(source, k)?;
            if i == 0 && top.len() < k {
                // Fewer than asked: the words left out may find more.
                if let Some(all) = &self.all_text {
                    top = shared.top_k(all, k)?;
                }
            }
            exhausted &= top.len() < k;
            candidates.extend(top.into_iter().map(|(_, a)| a));
        }
        // A title adds to every passage of its document: the best documents by title, and
        // all their passages, as the one to show is among them.
        let documents = k / CANDIDATES_PER_DOCUMENT;
        let searcher = shared.searcher;
        let mut best = threads::search(searcher, &self.titles, &TopPassages::documents(documents))?;
        if best.len() < documents {
            if let Some(all) = &self.all_titles {
                best = threads::search(searcher, all, &TopPassages::documents(documents))?;
            }
        }
        exhausted &= best.len() < documents;
        candidates.extend(collector::passages_of(
            searcher,
            best.into_iter().map(|(_, a)| a).collect(),
        )?);
        matches.extend(rescore(searcher, &shared.sum, candidates)?);
        Ok((exhausted, matches))
    }
}

/// Groups passages by document and returns the number of documents and the requested page of
/// them, each document with its best `per_doc` passages.
///
/// One pass over the matches keeps each document's best passage; only the documents up to the
/// end of the page are then put in order, and only they get a second look for more passages.
fn page(matches: Vec<Match>, options: &SearchOptions) -> (usize, Vec<Vec<Match>>) {
    let per_doc = options.per_doc.max(1);
    // Each document's best passage, in one map sized once: no allocation per document.
    let mut best: HashMap<u64, Match, BuildHasherDefault<DocHashHasher>> =
        HashMap::with_capacity_and_hasher(matches.len(), Default::default());
    for m in &matches {
        best.entry(m.doc_hash)
            .and_modify(|b| {
                if relevance(m, b).is_lt() {
                    *b = *m;
                }
            })
            .or_insert(*m);
    }
    let total = best.len();
    let mut firsts: Vec<Match> = best.into_values().collect();
    let order = |a: &Match, b: &Match| match options.sort {
        Sort::Relevance => relevance(a, b),
        // Documents of the same date keep their relevance order.
        Sort::Date => b.date.cmp(&a.date).then_with(|| relevance(a, b)),
    };
    let end = options
        .offset
        .saturating_add(options.limit)
        .min(firsts.len());
    if end == 0 {
        return (total, Vec::new());
    }
    if end < firsts.len() {
        firsts.select_nth_unstable_by(end - 1, order);
        firsts.truncate(end);
    }
    firsts.sort_by(order);
    firsts.drain(..options.offset.min(end));
    if per_doc == 1 {
        return (total, firsts.into_iter().map(|m| vec![m]).collect());
    }
    // More passages per document: only for the documents on this page.
    let mut groups: HashMap<u64, Vec<Match>, BuildHasherDefault<DocHashHasher>> = firsts
        .iter()
        .map(|m| (m.doc_hash, Vec::with_capacity(per_doc)))
        .collect();
    for m in matches {
        if let Some(g) = groups.get_mut(&m.doc_hash) {
            let at = g.partition_point(|b| relevance(b, &m).is_lt());
            if at < per_doc {
                g.insert(at, m);
                g.truncate(per_doc);
            }
        }
    }
    let paged = firsts
        .iter()
        .map(|m| groups.remove(&m.doc_hash).unwrap_or_else(|| vec![*m]))
        .collect();
    (total, paged)
}

/// A bound's terms with the most each can add to a passage (its BM25 maximum, boosted),
/// least first: for MaxScore's split ([`essential`]).
fn capped(searcher: &Searcher, bound: &[(Term, Score)]) -> Result<Vec<(Score, Term, Score)>> {
    let mut capped = Vec::with_capacity(bound.len());
    for (term, boost) in bound {
        let cap = boost * Bm25Weight::for_terms(searcher, std::slice::from_ref(term))?.max_score();
        capped.push((cap, term.clone(), *boost));
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

/// A flat union of boosted terms: the shape block-max WAND finds the best matches of.
fn union_of(terms: &[(Term, Score)]) -> BooleanQuery {
    BooleanQuery::new(
        terms
            .iter()
            .map(|(term, boost)| {
                let query = Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
                let query = if *boost == 1.0 {
                    query as Box<dyn Query>
                } else {
                    QueryBuilder::boosted(query, *boost)
                };
                (Occur::Should, query)
            })
            .collect(),
    )
}

/// The number of documents with a passage scoring clearly above `score`: beyond rounding (see
/// [`relevance`]).
fn documents_above<'a>(matches: impl Iterator<Item = &'a Match>, score: Score) -> usize {
    let clear = score + collector::rounding(score);
    matches
        .filter(|m| m.score > clear)
        .map(|m| m.doc_hash)
        .collect::<HashSet<u64>>()
        .len()
}

/// Best first: score; on a tie the shorter passage (as BM25 with exact lengths would have it),
/// then the newer document; then a fixed order so that results are reproducible. Scores tie
/// when they are equal to a thousandth: the same sum added up in another order (another
/// segment, another way of ranking) can differ in its last bit.
fn relevance(a: &Match, b: &Match) -> std::cmp::Ordering {
    let rounded = |s: Score| (f64::from(s) * 1000.0).round();
    rounded(b.score)
        .total_cmp(&rounded(a.score))
        .then_with(|| a.length.cmp(&b.length))
        .then_with(|| b.date.cmp(&a.date))
        .then_with(|| a.doc_hash.cmp(&b.doc_hash))
        .then_with(|| a.passage.cmp(&b.passage))
}

/// The document hashes are hashes already: hashing them again is wasted time.
#[derive(Default)]
struct DocHashHasher(u64);

impl Hasher for DocHashHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Turns query items into tantivy queries on kamerzoek's fields.
struct QueryBuilder<'a> {
    index: &'a Index,
    searcher: &'a Searcher,
    /// The compound parts of the query's words, looked up once per query.
    compounds: RefCell<HashMap<String, Option<[String; 2]>>>,
    /// The query's words analyzed (stemmed, and exact), once per search: the query is built
    /// from them in several shapes, and an analyzer is costly to make.
    analyzed: RefCell<HashMap<(bool, String), Tokens>>,
}

/// A word's analyzed tokens, shared by the parts of a query built from them.
type Tokens = Rc<[AnalyzedToken]>;

impl<'a> QueryBuilder<'a> {
    fn new(index: &'a Index, searcher: &'a Searcher) -> Self {
        QueryBuilder {
            index,
            searcher,
            compounds: RefCell::default(),
            analyzed: RefCell::default(),
        }
    }

    /// `word` through the stemming analyzer queries use.
    fn stems(&self, word: &str) -> Tokens {
        self.analyzed_as(true, word)
    }

    /// `word` through the unstemmed analyzer.
    fn exacts(&self, word: &str) -> Tokens {
        self.analyzed_as(false, word)
    }

    fn analyzed_as(&self, stem: bool, word: &str) -> Tokens {
        let key = (stem, word.to_string());
        if let Some(tokens) = self.analyzed.borrow().get(&key) {
            return tokens.clone();
        }
        let tokens: Tokens = if stem {
            analyze(&mut stemmed(), word).into()
        } else {
            analyze(&mut exact(), word).into()
        };
        self.analyzed.borrow_mut().insert(key, tokens.clone());
        tokens
    }

    /// The stems of the two words a query word is a compound of, when the index holds both as
    /// words: "regeringsinzet" gives "regering" and "inzet", which a motie says as "de inzet van
    /// de regering". The text's own compounds were split when it was indexed (field
    /// `body_parts`); this is the query's side.
    fn compound_parts(&self, word: &str) -> Option<[String; 2]> {
        if let Some(parts) = self.compounds.borrow().get(word) {
            return parts.clone();
        }
        let field = self.index.fields.body_exact;
        // How many passages use a word; too few to count for a part are none.
        let used = |w: &str| {
            let term = Term::from_field_text(field, w);
            let passages: u32 = self
                .searcher
                .segment_readers()
                .iter()
                .filter_map(|segment| {
                    let inverted = segment.inverted_index(field).ok()?;
                    Some(inverted.get_term_info(&term).ok()??.doc_freq)
                })
                .sum();
            if passages >= MIN_PART_PASSAGES {
                passages
            } else {
                0
            }
        };
        let parts = match &*self.exacts(word) {
            // A particle fuses with what follows: "voorwaarde" and "terugkeer" are not "waarde
            // voor" and "keer terug".
            [one] => split_compound(&one.term, used)
                .filter(|(head, _)| !is_particle(head))
                .and_then(
                    |(head, tail)| match (&*self.stems(head), &*self.stems(tail)) {
                        ([h], [t]) => Some([h.term.clone(), t.term.clone()]),
                        _ => None,
                    },
                ),
            _ => None,
        };
        self.compounds
            .borrow_mut()
            .insert(word.to_string(), parts.clone());
        parts
    }

    /// Whether a word is one term that is no compound of known words: its score is then a sum
    /// of boosted terms ([`QueryBuilder::word_terms`]).
    fn is_flat(&self, item: &Item) -> bool {
        matches!(item, Item::Word(w)
            if self.stems(w).len() == 1 && self.compound_parts(w).is_none())
    }

    /// A hyphenated word ("EU-sanctielijst") in a title: its parts next to each other, as
    /// [`QueryBuilder::item`] asks for them; `None` for other items.
    fn title_phrase(&self, item: &Item) -> Option<Box<dyn Query>> {
        let Item::Word(w) = item else {
            return None;
        };
        let stems = self.stems(w);
        let terms: Vec<&str> = stems.iter().map(|t| t.term.as_str()).collect();
        (terms.len() > 1).then(|| Self::phrase(self.index.fields.title, &terms))
    }

    /// A compound word's parts both in a passage, as words or as parts of other compounds
    /// ("bankbelasting" in a text that says "bankenbelasting"); `None` for other items.
    fn parts_together(&self, item: &Item) -> Option<Box<dyn Query>> {
        let f = &self.index.fields;
        let Item::Word(w) = item else {
            return None;
        };
        let parts = self.compound_parts(w)?;
        Some(Box::new(BooleanQuery::new(
            parts
                .iter()
                .map(|p| {
                    let either = self.any_of(vec![
                        Self::term(f.body, p),
                        Self::boosted(Self::term(f.body_parts, p), PARTS_BOOST),
                    ]);
                    (Occur::Must, either)
                })
                .collect(),
        )))
    }

    fn term(field: Field, text: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::WithFreqs,
        ))
    }

    fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
        Box::new(BoostQuery::new(q, boost))
    }

    fn any_of(&self, mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        if queries.len() == 1 {
            return queries.pop().expect("one query");
        }
        Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))
    }

    /// The words in the passage text only, as one flat union of terms: the shape tantivy can
    /// find the best matches of without scoring every one. A compound's parts weigh what they
    /// weigh together in the full score.
    fn words_in_text(&self, words: &[&str]) -> Vec<(Term, Score)> {
        let f = &self.index.fields;
        let mut terms: Vec<(String, Score)> = words
            .iter()
            .flat_map(|w| {
                self.stems(w)
                    .iter()
                    .map(|t| (t.term.clone(), 1.0))
                    .collect::<Vec<_>>()
            })
            .chain(
                words
                    .iter()
                    .filter_map(|w| self.compound_parts(w))
                    .flatten()
                    .map(|part| (part, COMPOUND_PARTS_BOOST)),
            )
            .collect();
        // A term both a word and a part counts as the word.
        terms.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        terms.dedup_by(|a, b| a.0 == b.0);
        terms
            .into_iter()
            .map(|(t, boost)| (Term::from_field_text(f.body, &t), boost))
            .collect()
    }

    /// The query's words in the titles, boosted as the full query boosts them, as one flat
    /// union of terms.
    fn words_in_titles(&self, parsed: &ParsedQuery) -> Vec<(Term, Score)> {
        let f = &self.index.fields;
        let mut terms: Vec<String> = parsed
            .slots
            .iter()
            .flatten()
            .filter_map(|i| match i {
                Item::Word(w) => Some(self.stems(w)),
                _ => None,
            })
            .flat_map(|stems| stems.iter().map(|t| t.term.clone()).collect::<Vec<_>>())
            .collect();
        terms.sort();
        terms.dedup();
        terms
            .iter()
            .flat_map(|t| {
                [
                    (f.title, TITLE_BOOST),
                    (f.dossier_title, DOSSIER_TITLE_BOOST),
                ]
                .map(|(field, boost)| (Term::from_field_text(field, t), boost))
            })
            .collect()
    }

    /// A one-term word as the boosted term queries of its fields: what [`QueryBuilder::item`]
    /// scores it with, flattened.
    fn word_terms(&self, item: &Item) -> Vec<Box<dyn Query>> {
        let f = &self.index.fields;
        let Item::Word(w) = item else {
            return Vec::new();
        };
        if !self.is_flat(item) {
            return Vec::new();
        }
        let (stems, exacts) = (self.stems(w), self.exacts(w));
        let ([stem], [exact_form]) = (&*stems, &*exacts) else {
            return Vec::new();
        };
        vec![
            Self::term(f.body, &stem.term),
            Self::boosted(Self::term(f.title, &stem.term), TITLE_BOOST),
            Self::boosted(Self::term(f.dossier_title, &stem.term), DOSSIER_TITLE_BOOST),
            Self::boosted(Self::term(f.body_exact, &exact_form.term), EXACT_FORM_BOOST),
            Self::boosted(Self::term(f.body_parts, &stem.term), PARTS_BOOST),
        ]
    }

    /// A flat union of boosted terms whose score is at least the full score of the query (less
    /// the bonus) on every passage its ids do not match (their constant scores no term
    /// bounds). Each leaf of the full score is a term (bounded by
    /// itself) or a phrase, whose BM25 score is at most the sum of its terms' in the same field
    /// (the same lengths, its idf the sum of theirs, its count at most each term's); an item
    /// scores the better of its word and its paraphrase, at most their sum.
    fn bound(&self, parsed: &ParsedQuery) -> Vec<(Term, Score)> {
        let f = &self.index.fields;
        let mut boosts: HashMap<(Field, String), Score> = HashMap::new();
        let mut add = |field: Field, term: &str, boost: Score| {
            *boosts.entry((field, term.to_string())).or_default() += boost;
        };
        for item in parsed.slots.iter().flatten() {
            match item {
                Item::Word(w) => {
                    let (stems, exacts) = (self.stems(w), self.exacts(w));
                    match (&*stems, &*exacts) {
                        ([], _) => {}
                        ([stem], exacts) => {
                            add(f.body, &stem.term, 1.0);
                            add(f.title, &stem.term, TITLE_BOOST);
                            add(f.dossier_title, &stem.term, DOSSIER_TITLE_BOOST);
                            if let Some(exact_form) = exacts.first() {
                                add(f.body_exact, &exact_form.term, EXACT_FORM_BOOST);
                            }
                            add(f.body_parts, &stem.term, PARTS_BOOST);
                        }
                        _ => {
                            for t in exacts.iter() {
                                add(f.body_exact, &t.term, 1.0);
                            }
                            for t in stems.iter() {
                                add(f.title, &t.term, TITLE_BOOST);
                                add(f.body, &t.term, PART_OF_HYPHENATED_BOOST);
                            }
                            if w.contains('-') {
                                let joined: String = w.chars().filter(|c| *c != '-').collect();
                                if let [one] = &*self.stems(&joined) {
                                    add(f.body, &one.term, 1.0);
                                }
                            }
                        }
                    }
                    for part in self.compound_parts(w).iter().flatten() {
                        add(f.body, part, COMPOUND_PARTS_BOOST);
                        add(f.body_parts, part, COMPOUND_PARTS_BOOST * PARTS_BOOST);
                    }
                }
                Item::Phrase(p) => {
                    for t in analyze(&mut exact(), p) {
                        add(f.body_exact, &t.term, 1.0);
                    }
                }
                _ => {}
            }
        }
        let mut terms: Vec<(Term, Score)> = boosts
            .into_iter()
            .map(|((field, t), boost)| (Term::from_field_text(field, &t), boost))
            .collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        terms
    }

    /// Passages that match every part of a query of words, phrases and ids, scored as the
    /// full query scores them (but for the bonus).
    fn every_part(&self, parsed: &ParsedQuery) -> BooleanQuery {
        BooleanQuery::new(
            parsed
                .slots
                .iter()
                .filter_map(|slot| {
                    let alternatives: Vec<Box<dyn Query>> =
                        slot.iter().filter_map(|i| self.item(i)).collect();
                    (!alternatives.is_empty()).then(|| (Occur::Must, self.any_of(alternatives)))
                })
                .collect(),
        )
    }

    /// The full score of a query of words, phrases and ids (what [`Index::search_with`]
    /// builds), as the sum of its leaves: a one-term word's boosted term queries, any other
    /// item whole.
    fn score_sum(&self, searcher: &Searcher, parsed: &ParsedQuery) -> Result<ScoreSum> {
        let scoring = tantivy::query::EnableScoring::enabled_from_searcher(searcher);
        let mut slots = Vec::new();
        for slot in &parsed.slots {
            let mut items = Vec::new();
            for item in slot {
                let mut queries = self.word_terms(item);
                if queries.is_empty() {
                    queries.extend(self.item_as_written(item));
                }
                if queries.is_empty() {
                    continue;
                }
                items.push(ItemSum {
                    written: queries
                        .iter()
                        .map(|q| q.weight(scoring))
                        .collect::<tantivy::Result<_>>()?,
                    paraphrase: match self.paraphrase(item) {
                        Some(q) => Some(q.weight(scoring)?),
                        None => None,
                    },
                });
            }
            if !items.is_empty() {
                slots.push(items);
            }
        }
        Ok(ScoreSum {
            slots,
            bonus: ALL_PARTS_BONUS,
        })
    }

    /// Every term a query of words and ids matches in any field, for counting its documents.
    /// The exact form is left out (where it matches, its stem matches the passage text too); a
    /// hyphenated word counts by its parts, which every way it can match contains.
    fn terms_of(&self, parsed: &ParsedQuery) -> Vec<Term> {
        let f = &self.index.fields;
        let mut terms = Vec::new();
        for item in parsed.slots.iter().flatten() {
            match item {
                Item::Word(w) => {
                    let stems = self.stems(w);
                    // A hyphenated word's parts match a title together only (a phrase, which
                    // counting takes apart from the terms).
                    let fields: &[Field] = if stems.len() == 1 {
                        &[f.body, f.title, f.dossier_title, f.body_parts]
                    } else {
                        &[f.body]
                    };
                    for t in stems.iter() {
                        for &field in fields {
                            terms.push(Term::from_field_text(field, &t.term));
                        }
                    }
                    if stems.len() > 1 && w.contains('-') {
                        let joined: String = w.chars().filter(|c| *c != '-').collect();
                        if let [one] = &*self.stems(&joined) {
                            terms.push(Term::from_field_text(f.body, &one.term));
                        }
                    }
                }
                Item::Refers(id) => {
                    terms.push(Term::from_field_text(f.cites, &id.to_string()));
                    terms.push(Term::from_field_text(f.id, &id.to_string()));
                }
                Item::Replaces(id) => {
                    terms.push(Term::from_field_text(f.cites, &id.to_string()));
                }
                _ => {}
            }
        }
        terms.sort();
        terms.dedup();
        terms
    }

    /// A word, phrase or id as a scored query; `None` if it has no searchable characters. A
    /// compound word also matches its parts together, at a lower weight.
    fn item(&self, item: &Item) -> Option<Box<dyn Query>> {
        let whole = self.item_as_written(item)?;
        Some(match self.paraphrase(item) {
            // The better of the two: a passage with the compound often has its parts too.
            Some(paraphrase) => Box::new(DisjunctionMaxQuery::new(vec![whole, paraphrase])),
            None => whole,
        })
    }

    /// What also counts for an item, at a lower weight: a compound's parts apart.
    fn paraphrase(&self, item: &Item) -> Option<Box<dyn Query>> {
        self.parts_together(item)
            .map(|parts| Self::boosted(parts, COMPOUND_PARTS_BOOST))
    }

    /// [`QueryBuilder::item`] without the parts of compounds: what an exclusion leaves out.
    fn item_as_written(&self, item: &Item) -> Option<Box<dyn Query>> {
        let f = &self.index.fields;
        match item {
            Item::Word(w) => {
                let (stems, exacts) = (self.stems(w), self.exacts(w));
                match stems.len() {
                    0 => None,
                    1 => Some(self.any_of(vec![
                        Self::term(f.body, &stems[0].term),
                        Self::boosted(Self::term(f.title, &stems[0].term), TITLE_BOOST),
                        Self::boosted(
                            Self::term(f.dossier_title, &stems[0].term),
                            DOSSIER_TITLE_BOOST,
                        ),
                        Self::boosted(Self::term(f.body_exact, &exacts[0].term), EXACT_FORM_BOOST),
                        Self::boosted(Self::term(f.body_parts, &stems[0].term), PARTS_BOOST),
                    ])),
                    // "WODC-onderzoek", "porno-industrie": the parts next to each other; the
                    // parts as one word, for a query that carries a line-break hyphen
                    // ("op-zichte") into a text where it was healed.
                    _ => {
                        let exact_terms: Vec<&str> =
                            exacts.iter().map(|t| t.term.as_str()).collect();
                        let mut alternatives = vec![Self::phrase(f.body_exact, &exact_terms)];
                        alternatives.extend(
                            self.title_phrase(item)
                                .map(|q| Self::boosted(q, TITLE_BOOST)),
                        );
                        // The parts on their own count too, at half weight: "WODC-onderzoek"
                        // also means "onderzoek door het WODC".
                        for t in stems.iter() {
                            alternatives.push(Self::boosted(
                                Self::term(f.body, &t.term),
                                PART_OF_HYPHENATED_BOOST,
                            ));
                        }
                        if w.contains('-') {
                            let joined: String = w.chars().filter(|c| *c != '-').collect();
                            if let [one] = &*self.stems(&joined) {
                                alternatives.push(Self::term(f.body, &one.term));
                            }
                        }
                        Some(self.any_of(alternatives))
                    }
                }
            }
            Item::Phrase(p) => {
                let exacts: Vec<String> = analyze(&mut exact(), p)
                    .into_iter()
                    .map(|t| t.term)
                    .collect();
                match exacts.len() {
                    0 => None,
                    _ => Some(Self::phrase(
                        f.body_exact,
                        &exacts.iter().map(String::as_str).collect::<Vec<_>>(),
                    )),
                }
            }
            Item::Refers(id) => {
                let constant = |q: Box<dyn Query>, score| {
                    Box::new(ConstScoreQuery::new(q, score)) as Box<dyn Query>
                };
                Some(self.any_of(vec![
                    constant(self.filter(&Item::Cites(id.clone())), REFERS_CITING),
                    constant(self.filter(&Item::Id(id.clone())), REFERS_SELF),
                ]))
            }
            Item::Replaces(id) => Some(Box::new(ConstScoreQuery::new(
                self.filter(&Item::Cites(id.clone())),
                REPLACING,
            ))),
            other => Some(self.filter(other)),
        }
    }

    fn phrase(field: Field, terms: &[&str]) -> Box<dyn Query> {
        if terms.len() == 1 {
            return Self::term(field, terms[0]);
        }
        Box::new(PhraseQuery::new(
            terms
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect(),
        ))
    }

    /// A metadata item as an unscored filter.
    fn filter(&self, item: &Item) -> Box<dyn Query> {
        let f = &self.index.fields;
        let basic =
            |t: Term| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>;
        match item {
            Item::Id(id) => basic(Term::from_field_text(f.id, &id.to_string())),
            Item::Cites(id) => basic(Term::from_field_text(f.cites, &id.to_string())),
            // A type also takes in its variants: "motie" finds "gewijzigde motie" too.
            Item::Type(t) => {
                let variant = format!(" {t}");
                self.any_of(
                    crate::meta::known_types()
                        .into_iter()
                        .filter(|k| k == t || k.ends_with(&variant))
                        .map(|k| basic(Term::from_field_text(f.doc_type, k)))
                        .collect(),
                )
            }
            Item::Dossier(d) => match d.parse::<u64>() {
                Ok(n) => basic(Term::from_field_u64(f.dossier_number, n)),
                Err(_) => basic(Term::from_field_text(f.dossier, d)),
            },
            Item::Word(_) | Item::Phrase(_) | Item::Refers(_) | Item::Replaces(_) => self
                .item_as_written(item)
                .unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery)),
        }
    }

    /// The options' filters as queries.
    fn options(&self, o: &SearchOptions) -> Result<Vec<Box<dyn Query>>> {
        let f = &self.index.fields;
        let mut out = Vec::new();
        if let Some(d) = &o.dossier {
            let key = parse_dossier_key(d).ok_or_else(|| Error::InvalidArgument {
                what: "dossier",
                value: d.clone(),
                hint: Some("expected a dossier such as 33750, 33750-IV or \"33 750 IV\"".into()),
            })?;
            out.push(self.filter(&Item::Dossier(key)));
        }
        if let Some(t) = &o.doc_type {
            let t = crate::meta::normalize_type(t).ok_or_else(|| Error::InvalidArgument {
                what: "type",
                value: t.clone(),
                hint: Some(format!(
                    "known types: {}",
                    crate::meta::known_types().join(", ")
                )),
            })?;
            out.push(self.filter(&Item::Type(t.to_string())));
        }
        if o.from.is_some() || o.to.is_some() {
            let lo = o.from.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_u64(f.date, d.as_number()))
            });
            let hi = o.to.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_u64(f.date, d.as_number()))
            });
            if let (Some(a), Some(b)) = (o.from, o.to) {
                if a > b {
                    return Err(Error::InvalidArgument {
                        what: "date range",
                        value: format!("{a} to {b}"),
                        hint: Some("--from must not be after --to".into()),
                    });
                }
            }
            let lo = match lo {
                Bound::Unbounded => Bound::Included(Term::from_field_u64(f.date, 1)),
                b => b,
            };
            out.push(Box::new(RangeQuery::new(lo, hi)));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counting documents relies on this: the passages of a document lie next to each other
    /// in one segment, however the index was written (several runs, documents replaced).
    #[test]
    fn a_documents_passages_lie_together_in_one_segment() {
        let index = Index::create_in_ram().unwrap();
        let mut files: Vec<_> = std::fs::read_dir("sample_corpus")
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        // One run per file makes segments of their own; the first file again replaces its
        // documents.
        files.push(files[0].clone());
        for file in &files {
            let mut writer = index.writer().unwrap();
            for doc in crate::read::read_file(file).unwrap_or_default() {
                let doc = crate::Document::from_raw(doc, &Default::default());
                writer.add(&doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader.searcher();
        assert!(searcher.segment_readers().len() > 3);
        let (mut seen, mut runs) = (HashSet::new(), 0);
        for reader in searcher.segment_readers() {
            let hashes = reader.fast_fields().u64("doc_hash").unwrap();
            let mut last = None;
            for doc in 0..reader.max_doc() {
                if reader.alive_bitset().is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let hash = hashes.first(doc).unwrap();
                if last != Some(hash) {
                    assert!(seen.insert(hash), "a document's passages are split");
                    runs += 1;
                    last = Some(hash);
                }
            }
        }
        assert_eq!(runs, index.stats().unwrap().documents);
        // The PDF is read only where pdftotext is installed.
        let pdf = usize::from(crate::read::pdftotext_available());
        assert!(runs >= 14 + pdf, "{runs} documents");
    }

    /// Long queries are ranked in two steps; the total must be the exhaustive one exactly, and
    /// the first page the same documents in the same order.
    #[test]
    fn two_steps_give_what_scoring_every_match_gives() {
        let index = Index::create_in_ram().unwrap();
        index
            .index_paths(&["sample_corpus"], &Default::default())
            .unwrap();
        // Found by its title alone, with two words of it.
        let mut writer = index.writer().unwrap();
        let meta = crate::meta::Metadata {
            title: Some("Zeehondenopvang op Texel".into()),
            ..Default::default()
        };
        let text = "Over de vogels van het wad.\n\nEn over de kwelders.";
        writer
            .add_text(text, "kst-40010-1.txt", meta.clone())
            .unwrap();
        writer.commit().unwrap();
        drop(writer);
        // The second round after the documents of a file were written again: their first
        // versions, deleted in a segment they share with others, are in the documents kept for
        // counting by the first round, and must not count.
        for round in 0..2 {
            if round == 1 {
                let mut writer = index.writer().unwrap();
                let file = "sample_corpus/kst-33750-IV-16.xml";
                for doc in crate::read::read_file(std::path::Path::new(file)).unwrap() {
                    writer
                        .add(&crate::Document::from_raw(doc, &index.lexicon()))
                        .unwrap();
                }
                writer.commit().unwrap();
            }
            check_two_steps(&index);
        }
    }

    /// A corpus large enough that ranking without scoring every match leaves most passages
    /// unscored: 800 documents of one to four passages, words drawn with a skew (a few
    /// frequent, most rare), titles of their own, compounds whose parts are words too, and
    /// a hyphenated word in some titles whose parts stand apart in others.
    fn generated_index() -> Index {
        const DOCUMENTS: usize = 800;
        const WORDS: &[&str] = &[
            "de",
            "regering",
            "van",
            "het",
            "koninkrijk",
            "mensenhandel",
            "verzoekt",
            "zorg",
            "gemeente",
            "onderzoek",
            "zeehond",
            "opvang",
            "texel",
            "wad",
            "kwelder",
            "haven",
            "visserij",
            "curacao",
            "aruba",
            "bonaire",
            "begroting",
            "woningen",
            "energie",
            "netbeheer",
            "afstemmen",
            "eilanden",
            "minister",
            "kamer",
            "beleid",
            "eu",
            "sanctielijst",
            "vogels",
            "natuur",
            "bouw",
            "ouderenzorg",
            "regeringsonderzoek",
            "zeehondenopvang",
            "financiering",
            "toezicht",
            "inspectie",
            "regeringen",
            "zeehonden",
            "woning",
            "havens",
            "onderzoeken",
            "gemeenten",
            "opvangen",
            "mensenhandelaren",
        ];
        let mut seed: u64 = 0x5eed;
        let mut next = move |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        // Skewed: the first words are drawn far more often than the last.
        let word = |next: &mut dyn FnMut(usize) -> usize| {
            let n = WORDS.len();
            WORDS[n - 1 - next(n * n).isqrt()]
        };
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        for d in 0..DOCUMENTS {
            let mut words = |n: usize| -> String {
                (0..n)
                    .map(|_| word(&mut next))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let title = match d % 40 {
                0 => "Het EU standpunt over de visserij".to_string(),
                1 => "De EU-sanctielijst en de haven".to_string(),
                // Titles that beat the one below by their title alone.
                2..=5 => "Terschelling en Terschelling".to_string(),
                _ if d == 7 => "Terschelling".to_string(),
                _ => words(3 + d % 5),
            };
            let mut passages: Vec<String> = (0..1 + d % 4)
                .map(|p| format!("{}.", words(4 + (d * 7 + p * 3) % 25)))
                .collect();
            match d % 40 {
                // Texts that beat the one below by their text alone.
                10..=13 => passages[0].insert_str(0, "Kabeljauw, kabeljauw. "),
                // Neither its title nor its text is among the best, but both together are.
                _ if d == 7 => passages[0] = "Over kabeljauw.".to_string(),
                _ => {}
            }
            let meta = crate::meta::Metadata {
                title: Some(title),
                ..Default::default()
            };
            writer
                .add_text(&passages.join("\n\n"), format!("kst-4{d:04}-1.txt"), meta)
                .unwrap();
            if d % 200 == 199 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        drop(writer);
        index
    }

    /// Queries of fewer than five words are ranked exactly: the same pages as scoring every
    /// match, on an index where most passages are never scored; longer ones have the exact
    /// total.
    #[test]
    fn short_queries_are_ranked_exactly_without_scoring_every_match() {
        let index = generated_index();
        assert_eq!(index.stats().unwrap().documents, 800);
        let mut queries = vec![
            "kabeljauw terschelling zeehondenopvang".to_string(),
            "kabeljauw \"terschelling\"".to_string(),
            "zeehondenopvang texel".to_string(),
            "regeringsonderzoek curacao".to_string(),
            "EU-sanctielijst haven".to_string(),
            "EU-sanctielijst".to_string(),
            "\"de regering\" mensenhandel".to_string(),
            "ouderenzorg bonaire aruba".to_string(),
        ];
        let words = [
            "zeehondenopvang",
            "texel",
            "regering",
            "mensenhandel",
            "curacao",
            "haven",
            "EU-sanctielijst",
            "toezicht",
            "regeringsonderzoek",
            "natuur",
            "vogels",
            "wad",
        ];
        for i in 0..words.len() {
            for j in 0..words.len() {
                if i != j && (i + j) % 3 == 0 {
                    queries.push(format!("{} {} {}", words[i], words[j], words[(i * j) % 12]));
                }
            }
        }
        let mut pruned = 0;
        for q in &queries {
            let parsed = parse_query(q).unwrap();
            for options in [
                SearchOptions::default(),
                SearchOptions {
                    limit: 3,
                    offset: 4,
                    ..Default::default()
                },
            ] {
                let all = index.search_with(q, &parsed, &options, false).unwrap();
                let two = index.search_with(q, &parsed, &options, true).unwrap();
                assert_eq!(two.total, all.total, "{q}");
                let pages = |r: &SearchResults| -> Vec<(String, u64)> {
                    r.hits.iter().map(|h| (h.key.clone(), h.passage)).collect()
                };
                assert_eq!(pages(&two), pages(&all), "{q}");
                pruned += usize::from(all.total > 2 * options.limit + options.offset);
            }
        }
        // The pages above were more than their candidates.
        assert!(pruned > queries.len(), "{pruned} of {}", 2 * queries.len());
        // A long query: the exact total, and the document its title names found.
        let q = "zeehondenopvang op texel en de haven van het koninkrijk";
        let two = index.search(q, &Default::default()).unwrap();
        let all = index
            .search_scoring_every_match(q, &Default::default())
            .unwrap();
        assert_eq!(two.total, all.total);
    }

    /// Copies of one text tie, and a cut of the candidates can fall among them: every copy
    /// is a candidate, so the page is the page of scoring every match (which orders ties by
    /// a fixed rule), not whichever copies a segment met first.
    #[test]
    fn copies_tied_at_the_cut_give_the_page_of_scoring_every_match() {
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        let copy = "De Kamer,\n\nverzoekt de regering de zeehondenopvang op Texel te steunen.";
        for segment in 0..3 {
            for n in 0..30 {
                let d = segment * 100 + n;
                let other =
                    format!("De Kamer,\n\nverzoekt de regering haven {d} op Texel te steunen.");
                for (text, path) in [
                    (copy, format!("kst-41{d:03}-1.txt")),
                    (&other, format!("kst-42{d:03}-1.txt")),
                ] {
                    writer.add_text(text, path, Default::default()).unwrap();
                }
            }
            writer.commit().unwrap();
        }
        drop(writer);
        assert!(index.reader.searcher().segment_readers().len() >= 3);
        // Segments one after the other, and side by side as on a large index, where they
        // raise the floor for each other from two threads.
        for (as_if_large, q) in [false, true].into_iter().flat_map(|large| {
            [
                "de regering verzoekt de zeehondenopvang op texel te steunen",
                "zeehondenopvang texel",
                "zeehondenopvang \"op texel\"",
            ]
            .map(|q| (large, q))
        }) {
            threads::AS_IF_LARGE.with(|l| l.set(as_if_large));
            let parsed = parse_query(q).unwrap();
            for (limit, offset) in [(10, 0), (5, 20), (10, 85)] {
                let options = SearchOptions {
                    limit,
                    offset,
                    ..Default::default()
                };
                let all = index.search_with(q, &parsed, &options, false).unwrap();
                let two = index.search_with(q, &parsed, &options, true).unwrap();
                let pages = |r: &SearchResults| -> Vec<String> {
                    r.hits.iter().map(|h| h.key.clone()).collect()
                };
                assert_eq!(pages(&two), pages(&all), "{q} {offset}");
                assert_eq!(two.total, all.total, "{q}");
                // The copies first: 90 of them, then the others.
                let copies = two
                    .hits
                    .iter()
                    .filter(|h| h.key.starts_with("kst-41"))
                    .count();
                assert_eq!(
                    copies,
                    limit.min(90usize.saturating_sub(offset)),
                    "{q} {offset}"
                );
            }
        }
        threads::AS_IF_LARGE.with(|l| l.set(false));
    }

    /// The exact ranking relies on this: on every passage, the bound is at least the full
    /// score less the bonus. It mirrors how [`QueryBuilder::item`] scores each kind of word.
    #[test]
    fn the_bound_is_at_least_the_full_score_on_every_passage() {
        let index = generated_index();
        let searcher = index.reader.searcher();
        let builder = QueryBuilder::new(&index, &searcher);
        let mut checked = 0;
        for q in [
            "regering mensenhandel",
            "regering regering koninkrijk",
            "zeehondenopvang texel",
            "regeringsonderzoek EU-sanctielijst haven",
            "\"de regering\" kabeljauw terschelling",
            "EU-sanctielijst",
            "\"van het koninkrijk\" zorg",
        ] {
            let parsed = parse_query(q).unwrap();
            let sum = builder.score_sum(&searcher, &parsed).unwrap();
            let bound = BooleanQuery::new(
                builder
                    .bound(&parsed)
                    .into_iter()
                    .map(|(term, boost)| {
                        let term = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                        (Occur::Should, QueryBuilder::boosted(term, boost))
                    })
                    .collect(),
            );
            let bounds: HashMap<DocAddress, Score> = searcher
                .search(&bound, &AllMatches)
                .unwrap()
                .into_iter()
                .map(|m| (m.address, m.score))
                .collect();
            let every: Vec<DocAddress> = searcher
                .segment_readers()
                .iter()
                .enumerate()
                .flat_map(|(s, r)| (0..r.max_doc()).map(move |d| DocAddress::new(s as u32, d)))
                .collect();
            for m in rescore(&searcher, &sum, every).unwrap() {
                let full = if m.score >= ALL_PARTS_BONUS {
                    m.score - ALL_PARTS_BONUS
                } else {
                    m.score
                };
                let bound = bounds.get(&m.address).copied().unwrap_or(0.0);
                assert!(bound + 1e-3 >= full, "{q}: bound {bound} < full {full}");
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    /// A word in nearly every passage adds too little to be walked by the exact ranking or to
    /// choose candidates; when the rest of the query finds too few documents for the page, the
    /// page fills with those of the frequent word, as scoring every match fills it.
    #[test]
    fn a_frequent_word_fills_the_page_the_rest_leaves_short() {
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        for d in 0..30 {
            let text = format!("De Kamer vraagt de regering om de zaak {d} te bekijken.");
            writer
                .add_text(&text, format!("kst-3{d:04}-1.txt"), Default::default())
                .unwrap();
        }
        writer
            .add_text(
                "Het vervolg over de kabeljauwvangst.",
                "kst-40000-1.txt",
                Default::default(),
            )
            .unwrap();
        writer.commit().unwrap();
        drop(writer);
        for q in [
            "de qqqq-zzzz",
            "de \"qqqq zzzz\"",
            "de kabeljauwvangst-zzzz",
            // Long: ranked from candidates, which the frequent word must also bring.
            "de qqqq zzzz kkkk wwww",
        ] {
            let parsed = parse_query(q).unwrap();
            for options in [
                SearchOptions::default(),
                SearchOptions {
                    limit: 5,
                    offset: 27,
                    ..Default::default()
                },
            ] {
                let all = index.search_with(q, &parsed, &options, false).unwrap();
                let two = index.search_with(q, &parsed, &options, true).unwrap();
                assert_eq!(all.total, 31, "{q}");
                assert_eq!(
                    all.hits.len(),
                    options.limit.min(31 - options.offset),
                    "{q}"
                );
                let ids = |r: &SearchResults| -> Vec<_> {
                    r.hits.iter().map(|h| h.key.clone()).collect()
                };
                assert_eq!(ids(&two), ids(&all), "{q}, offset {}", options.offset);
                assert_eq!(two.total, all.total, "{q}");
            }
        }
    }

    /// The same score added up in another order can differ in its last bit; that is a tie,
    /// which the shorter passage wins, however the two were scored.
    #[test]
    fn scores_a_bit_apart_tie() {
        let m = |score: Score, length: u64, doc_hash: u64| Match {
            score,
            doc_hash,
            date: 20250206,
            passage: 0,
            length,
            address: DocAddress::new(0, doc_hash as u32),
        };
        let a = m(13.559967, 448, 2);
        let b = m(13.559966, 440, 1);
        assert_eq!(relevance(&b, &a), std::cmp::Ordering::Less);
        assert_eq!(relevance(&a, &b), std::cmp::Ordering::Greater);
        let c = m(13.561, 500, 3);
        assert_eq!(relevance(&c, &b), std::cmp::Ordering::Less);
    }

    fn check_two_steps(index: &Index) {
        for q in [
            "Texel zeehondenopvang",
            "zeehondenopvang op Texel en mensenhandel in het Koninkrijk",
            "de regering van het Koninkrijk mensenhandel",
            "verzoekt de regering om ouderenzorg in Caribisch Nederland te regelen",
            "WODC-onderzoek naar mensenhandel op de eilanden van het Koninkrijk",
            "motie over mensenhandel (t.v.v. 33750-IV-16) en de Cariben",
            "huurbeleid financiële positie corporaties Emmeloord café",
            "mensenhandel Curacao",
            "zorg",
            "ouderenzorg OR mantelzorgers Bonaire",
            "\"Caribisch Nederland\"",
            "\"Caribisch Nederland\" ouderenzorg",
            "een \"financiële positie\" van de corporaties",
            "WODC-onderzoek mensenhandel",
            "\"de regering\" verzoekt",
            "verzoekt regering 33750-IV-16",
            // Compounds of known words also match their parts apart.
            "regeringsonderzoek",
            "mensenhandelonderzoek Curacao",
            "gemeentenzorg regeldruk halveren",
            "regeringsonderzoek OR Curacao mensenhandel",
            "regeringsonderzoek OR Aruba OR Bonaire",
        ] {
            let parsed = parse_query(q).unwrap();
            for options in [
                SearchOptions::default(),
                SearchOptions {
                    limit: 3,
                    offset: 2,
                    ..Default::default()
                },
            ] {
                let all = index.search_with(q, &parsed, &options, false).unwrap();
                // Both ways of counting the documents no text term matched, with every term's
                // documents kept, or none.
                for seek in [Some(true), Some(false)] {
                    for keep in [Some(true), Some(false)] {
                        collector::SEEK_UNMATCHED.with(|s| s.set(seek));
                        collector::KEEP_DENSE.with(|k| k.set(keep));
                        let two = index.search_with(q, &parsed, &options, true).unwrap();
                        assert_eq!(two.total, all.total, "{q}, seek {seek:?}, keep {keep:?}");
                    }
                }
                collector::SEEK_UNMATCHED.with(|s| s.set(None));
                collector::KEEP_DENSE.with(|k| k.set(None));
                let two = index.search_with(q, &parsed, &options, true).unwrap();
                assert_eq!(two.total, all.total, "{q}");
                let keys = |r: &SearchResults| -> Vec<(String, u64)> {
                    r.hits.iter().map(|h| (h.key.clone(), h.passage)).collect()
                };
                assert_eq!(keys(&two), keys(&all), "{q}");
            }
        }
    }
}
