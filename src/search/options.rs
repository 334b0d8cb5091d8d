//! What a search is asked for besides its query: filters, order and paging, and their limits.

use crate::meta::Date;
use crate::{Error, Result, Timestamp};

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
    /// Only documents of this party ("VVD", "GroenLinks-PvdA"): meeting reports in which a
    /// member of it spoke, documents whose title gives it as the submitters' party.
    pub partij: Option<String>,
    /// Only documents this member submitted ("Kröger", "van der Plas", or the surname alone).
    pub indiener: Option<String>,
    /// Only documents dated on or after this.
    pub from: Option<Date>,
    /// Only documents dated on or before this.
    pub to: Option<Date>,
    /// Only documents that cite this Kamerstuk (any common form of its id): the reactions to
    /// a motie, the answers to questions.
    pub cites: Option<String>,
    /// Only documents that entered the index or changed in it at or after this moment (not
    /// their own date: that is [`SearchOptions::from`]).
    pub since: Option<Timestamp>,
    /// Only documents that entered the index or last changed in it at or before this moment.
    pub until: Option<Timestamp>,
    /// The order.
    pub sort: Sort,
    /// What to count the matching documents by, over the whole result ([`crate::search::Facet`]).
    pub facets: Vec<crate::search::Facet>,
    /// Whether each hit says why it scored what it did ([`crate::search::Explanation`]).
    pub explain: bool,
}

/// The most documents one search returns ([`SearchOptions::limit`]); page with
/// [`SearchOptions::offset`] for more.
pub const MAX_LIMIT: usize = 10_000;

/// The most passages shown per document ([`SearchOptions::per_doc`]).
pub const MAX_PER_DOC: usize = 100;

impl SearchOptions {
    /// Whether the options alone choose documents (a dossier, a type, a date range, ...): then
    /// a search needs no query, and lists what they choose.
    pub fn chooses_documents(&self) -> bool {
        self.dossier.is_some()
            || self.doc_type.is_some()
            || self.indiener.is_some()
            || self.partij.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.cites.is_some()
            || self.since.is_some()
            || self.until.is_some()
    }

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
            indiener: None,
            partij: None,
            from: None,
            to: None,
            cites: None,
            since: None,
            until: None,
            sort: Sort::Relevance,
            explain: false,
            facets: Vec::new(),
        }
    }
}
