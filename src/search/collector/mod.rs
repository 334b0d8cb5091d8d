//! tantivy collectors, one per file: every match ([`matches`]), the best passages with their
//! ties ([`top`]), the best documents through a bound on the full score ([`ranked`]); and the
//! two things a search computes beside them, the full score of chosen passages ([`score`]) and
//! the exact number of matching documents ([`count`]); and the set of documents a query
//! matches ([`documents`]), for the query's operators and the count of documents with every word.

pub(crate) mod count;
pub(crate) mod documents;
pub(crate) mod matches;
pub(crate) mod ranked;
pub(crate) mod score;
pub(crate) mod top;
