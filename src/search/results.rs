//! The answer to a search: its passages with their documents' metadata, and the total.

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;
use tantivy::Searcher;

use super::explain::Explanation;
use super::highlight::Highlighter;
use super::rank::Match;
use super::threads::Threads;
#[cfg(doc)]
use super::SearchOptions;
use crate::meta::Date;
use crate::{Index, Result};

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
    /// When the document entered the index.
    pub added: crate::Timestamp,
    /// When it last changed in the index (see [`SearchOptions::since`]).
    pub changed: crate::Timestamp,
    /// The BM25 score (plus the all-words bonus); comparable within one result list only.
    pub score: f32,
    /// Passage number within the document, from 0.
    pub passage: u64,
    /// The passage text.
    pub text: String,
    /// Byte ranges of the matched words in `text`.
    #[serde(skip)]
    pub highlights: Vec<Range<usize>>,
    /// Why the passage scored what it did, when asked for ([`SearchOptions::explain`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of matching documents (not passages), before paging: those that contain any
    /// part of the query.
    pub total: usize,
    /// Of those, the documents that contain every part of it (every word as written, in any
    /// of its forms, one alternative of each `OR`).
    pub every: usize,
    /// The passages of the requested page.
    pub hits: Vec<Hit>,
    /// The counts the options asked for, one per facet.
    pub facets: Vec<crate::search::FacetCounts>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    hit: &'a Hit,
    highlights: Vec<(usize, usize)>,
}

impl Hit {
    /// The hit as JSON, its highlights counted in characters (`text[start:end]` in Python,
    /// JavaScript's code points): what `search --json` and the HTTP API give.
    pub fn to_json(&self) -> serde_json::Value {
        let hit = JsonHit {
            hit: self,
            highlights: super::highlight::char_ranges(&self.text, &self.highlights),
        };
        serde_json::to_value(hit).unwrap_or_default()
    }
}

impl SearchResults {
    /// The results as JSON, as `search --json` and the HTTP API give them: `{"query",
    /// "total", "every", "hits", "facets"}`, each facet by its name with its values in order.
    ///
    /// ```
    /// # let index = kamerzoek::Index::create_in_ram().unwrap();
    /// # index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// let results = index.search("Curacao", &Default::default()).unwrap();
    /// let json = results.to_json();
    /// assert_eq!(json["total"], results.total);
    /// assert!(json["hits"][0]["highlights"].is_array());
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        let facets: serde_json::Map<String, serde_json::Value> = self
            .facets
            .iter()
            .map(|f| (f.facet.name().to_string(), serde_json::json!(f.counts)))
            .collect();
        serde_json::json!({
            "query": self.query,
            "total": self.total,
            "every": self.every,
            "hits": self.hits.iter().map(Hit::to_json).collect::<Vec<_>>(),
            "facets": facets,
        })
    }
}

/// A match on the page: its document's rank, the match, and why it scored so when asked.
pub(crate) type Ranked = (usize, Match, Option<Explanation>);

/// The hits of a page, in its order. Loading and marking the passages is a tenth of a long
/// query and comes after the ranking, when the other core has nothing left to do: each core
/// takes half the page.
pub(crate) fn hits(
    index: &Index,
    threads: &Threads<'_>,
    mut page: Vec<Ranked>,
    highlighter: Highlighter,
) -> Result<Vec<Hit>> {
    let searcher = threads.searcher();
    let make = |part: Vec<Ranked>, mut highlighter: Highlighter| -> Result<Vec<Hit>> {
        part.into_iter()
            .map(|(rank, m, explanation)| {
                hit(index, searcher, &m, rank, &mut highlighter, explanation)
            })
            .collect()
    };
    if page.len() < 2 {
        return make(page, highlighter);
    }
    let second = page.split_off(page.len() / 2);
    let other = highlighter.clone();
    let (first, second) = threads.join(|| make(page, highlighter), || make(second, other));
    let mut hits = first?;
    hits.extend(second?);
    Ok(hits)
}

/// The hit of a match: its passage, with the matched words marked, and its document's
/// metadata as `show` gives it (the codec stores it with every passage).
fn hit(
    index: &Index,
    searcher: &Searcher,
    m: &Match,
    rank: usize,
    highlighter: &mut Highlighter,
    explain: Option<Explanation>,
) -> Result<Hit> {
    let (passage, document) = index.hit_passage(searcher, m.address)?;
    Ok(Hit {
        rank,
        id: document.id,
        citation: document.citation,
        key: passage.key,
        path: passage.path,
        line: passage.line,
        date: Date::from_number(m.date),
        doc_type: document.doc_type,
        title: document.title,
        dossier: document.dossier,
        added: document.times.added,
        changed: document.times.changed,
        score: m.score,
        passage: m.passage,
        highlights: highlighter.ranges(&passage.text),
        text: passage.text,
        explain,
    })
}
