//! The leaves of the scoring model and the query shapes built of them.
//!
//! A [`Leaf`] is a term or a phrase in one field with a boost; a query item's ways of matching
//! are leaves combined by adding up ([`any_of`]) or by the best ([`best_of`]).

use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Term};

/// A term, or terms next to each other, in one field, scored by BM25 times `boost`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Leaf {
    pub field: Field,
    pub terms: Vec<String>,
    pub boost: Score,
    /// Every passage the leaf matches holds the item's stems in the text too (a word's exact
    /// form, its parts next to each other): counting leaves it out.
    pub implied: bool,
    /// For a phrase: how many positions its words may stand from where the phrase has them.
    pub slop: u32,
}

impl Leaf {
    pub(crate) fn term(field: Field, term: &str, boost: Score) -> Leaf {
        Leaf {
            field,
            terms: vec![term.to_string()],
            boost,
            implied: false,
            slop: 0,
        }
    }

    pub(crate) fn phrase(field: Field, terms: Vec<String>, boost: Score) -> Leaf {
        Leaf {
            field,
            terms,
            boost,
            implied: false,
            slop: 0,
        }
    }

    /// A phrase whose words may stand `slop` positions apart from where it has them.
    pub(crate) fn near(self, slop: u32) -> Leaf {
        Leaf { slop, ..self }
    }

    pub(crate) fn implied(self) -> Leaf {
        Leaf {
            implied: true,
            ..self
        }
    }

    /// The leaf as a tantivy query: a term query, or a phrase query of several terms.
    pub(crate) fn query(&self) -> Box<dyn Query> {
        let terms: Vec<Term> = self
            .terms
            .iter()
            .map(|t| Term::from_field_text(self.field, t))
            .collect();
        let query: Box<dyn Query> = match terms.len() {
            0 => Box::new(EmptyQuery),
            1 => Box::new(TermQuery::new(
                terms[0].clone(),
                IndexRecordOption::WithFreqs,
            )),
            _ => {
                let mut phrase = PhraseQuery::new(terms);
                phrase.set_slop(self.slop);
                Box::new(phrase)
            }
        };
        boosted(query, self.boost)
    }
}

/// `query` times `boost` (itself where the boost is 1).
pub(crate) fn boosted(query: Box<dyn Query>, boost: Score) -> Box<dyn Query> {
    if boost == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// Any of `queries`, their scores added up (the one itself, if there is one).
pub(crate) fn any_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.pop().expect("one query");
    }
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// The best of `ways` (the one itself, if there is one).
pub(crate) fn best_of(mut ways: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if ways.len() == 1 {
        return ways.pop().expect("one way");
    }
    Box::new(DisjunctionMaxQuery::new(ways))
}

/// A flat union of boosted terms: the shape block-max WAND finds the best matches of.
pub(crate) fn union_of(terms: &[(Term, Score)]) -> BooleanQuery {
    BooleanQuery::new(
        terms
            .iter()
            .map(|(term, boost)| {
                let query = Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
                (Occur::Should, boosted(query, *boost))
            })
            .collect(),
    )
}
