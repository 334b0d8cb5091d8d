//! What counts the documents a query matches: the terms of its leaves, its phrases, its
//! compounds' parts, its related forms, its abbreviations and its ids, for the exact total
//! without scoring.

use tantivy::query::Query;
use tantivy::{Score, Term};

use super::{QueryModel, Scoring};
use crate::search::item::{Item, ParsedQuery};

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
                    for leaf in leaves.iter().filter(|l| !l.implied) {
                        match leaf.terms.as_slice() {
                            [one] => terms.push(Term::from_field_text(leaf.field, one)),
                            _ => others.push(leaf.query()),
                        }
                    }
                    // A part alone matches: each part's terms count, which the parts
                    // together match too.
                    for leaf in parts.iter().flat_map(|p| self.parts_leaves(p)).flatten() {
                        terms.push(Term::from_field_text(leaf.field, &leaf.terms[0]));
                    }
                    for leaf in self.related_leaves(item) {
                        terms.push(Term::from_field_text(leaf.field, &leaf.terms[0]));
                    }
                    for leaf in self.abbreviation_leaves(item).iter() {
                        match leaf.terms.as_slice() {
                            [one] => terms.push(Term::from_field_text(leaf.field, one)),
                            _ => others.push(leaf.query()),
                        }
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
                        match leaf.terms.as_slice() {
                            [one] => terms.push(Term::from_field_text(leaf.field, one)),
                            _ => others.push(leaf.query()),
                        }
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
