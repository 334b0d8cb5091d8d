//! What counts the documents a query matches: the terms of its leaves, its phrases, its
//! compounds' parts, its related forms, its abbreviations and its ids, for the exact total
//! without scoring.

use tantivy::query::Query;
use tantivy::{Score, Term};

use super::{QueryModel, Scoring};
use crate::search::item::{Item, ParsedQuery};
use crate::search::leaf::Leaf;

/// What counts a query's documents: terms (a union of postings) and other queries (phrases).
pub(crate) struct Counting {
    pub terms: Vec<Term>,
    pub others: Vec<Box<dyn Query>>,
}

impl QueryModel<'_> {
    /// What counts the documents a query of words, phrases and ids matches: every term of its
    /// leaves (but those implied by the stems), its phrases, a compound's parts, and the terms
    /// of its ids' filters.
    pub(crate) fn counting(&self, parsed: &ParsedQuery) -> Counting {
        let mut terms = Vec::new();
        let mut others = Vec::new();
        for item in parsed.slots.iter().flatten() {
            match self.scoring(item) {
                Scoring::Text { leaves, parts } => {
                    // A part alone matches: each part's terms count, which the parts
                    // together match too.
                    let parts = parts.iter().flat_map(|p| self.parts_leaves(p)).flatten();
                    let abbreviations = self.abbreviation_leaves(item);
                    let leaves = (leaves.into_iter().filter(|l| !l.implied))
                        .chain(parts)
                        .chain(self.related_leaves(item))
                        .chain(abbreviations.iter().cloned());
                    for leaf in leaves {
                        count_leaf(&leaf, &mut terms, &mut others);
                    }
                }
                Scoring::Constant(filters) => self.filter_terms(&filters, &mut terms, &mut others),
                Scoring::Filter(_) | Scoring::Nothing => {}
            }
        }
        terms.sort();
        terms.dedup();
        Counting { terms, others }
    }

    /// A filter's term where it is one (an id), else its query (every chapter of a dossier).
    fn filter_terms(
        &self,
        filters: &[(Item, Score)],
        terms: &mut Vec<Term>,
        others: &mut Vec<Box<dyn Query>>,
    ) {
        for (filter, _) in filters {
            match self.filters.term(filter) {
                Some(term) => terms.push(term),
                None => others.push(self.filters.item(filter)),
            }
        }
    }

    /// What counts the documents that contain any of `items` as written: their leaves (no
    /// compound parts, no related forms) and filters, as [`QueryModel::written`] has them.
    pub(crate) fn counting_written(&self, items: &[Item]) -> Counting {
        let mut terms = Vec::new();
        let mut others = Vec::new();
        for item in items {
            match self.scoring(item) {
                Scoring::Text { leaves, .. } => {
                    for leaf in leaves.iter().filter(|l| !l.implied) {
                        count_leaf(leaf, &mut terms, &mut others);
                    }
                }
                Scoring::Constant(filters) => self.filter_terms(&filters, &mut terms, &mut others),
                Scoring::Filter(item) => others.push(self.filters.item(&item)),
                Scoring::Nothing => {}
            }
        }
        terms.sort();
        terms.dedup();
        Counting { terms, others }
    }
}

/// What counts a leaf's documents: its term, or the phrase of its terms.
fn count_leaf(leaf: &Leaf, terms: &mut Vec<Term>, others: &mut Vec<Box<dyn Query>>) {
    match leaf.terms.as_slice() {
        [one] => terms.push(Term::from_field_text(leaf.field, one)),
        _ => others.push(leaf.query()),
    }
}
