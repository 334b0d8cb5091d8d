//! A query's abbreviations read with the definitions the index's own texts make
//! (`analysis::definitions`, kept in the field `abbreviations`): a query's "NCG" also finds
//! the motie about "de nationaal coördinator Groningen", and a query's "nationaal coördinator
//! groningen" the one that says "NCG". The corpus is the dictionary, so it knows the
//! abbreviations of whatever the index holds, and no more.

use tantivy::schema::Field;
use tantivy::Searcher;

use super::prefix::terms_beginning;
use crate::analysis::{long_forms_prefix, longer_forms_prefix, split_defined};

/// A run of a query's words that a text defines an abbreviation for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    /// Where the run begins among the words, and how many words it has.
    pub start: usize,
    pub len: usize,
    pub abbreviation: String,
}

/// The long form the index's texts most often give the abbreviation `short` (a word as the
/// exact analyzer gives it), as its words.
pub(crate) fn long_form(searcher: &Searcher, field: Field, short: &str) -> Option<Vec<String>> {
    let (long, _) = defined(searcher, field, &long_forms_prefix(short))
        .into_iter()
        .next()?;
    Some(long.split(' ').map(str::to_string).collect())
}

/// The runs of `words` (consecutive words of a query, as the exact analyzer gives them) that
/// the index's texts define an abbreviation for, the longest at each place, none overlapping;
/// each with the abbreviation defined most often.
pub(crate) fn runs(searcher: &Searcher, field: Field, words: &[String]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < words.len() {
        // Every long form that begins with this word, in one look at the terms.
        let best = long_forms_beginning(searcher, field, &words[start])
            .into_iter()
            .filter(|(long, _, _)| words[start..].starts_with(long))
            .max_by_key(|(long, _, used)| (long.len(), *used));
        match best {
            Some((long, abbreviation, _)) => {
                runs.push(Run {
                    start,
                    len: long.len(),
                    abbreviation,
                });
                start += long.len();
            }
            None => start += 1,
        }
    }
    runs
}

/// The defined long forms of two words or more that begin with `first`, as their words, each
/// with its abbreviation and how many passages define it so.
fn long_forms_beginning(
    searcher: &Searcher,
    field: Field,
    first: &str,
) -> Vec<(Vec<String>, String, u32)> {
    defined(searcher, field, &longer_forms_prefix(first))
        .into_iter()
        .filter_map(|(rest, used)| {
            let (tail, abbreviation) = split_defined(&rest)?;
            let long = std::iter::once(first).chain(tail.split(' '));
            Some((
                long.map(str::to_string).collect(),
                abbreviation.to_string(),
                used,
            ))
        })
        .collect()
}

/// What follows `prefix` in the terms of `field` that begin with it, each with how many
/// passages have it; the most used first, then in order.
fn defined(searcher: &Searcher, field: Field, prefix: &str) -> Vec<(String, u32)> {
    let mut found: Vec<(String, u32)> = terms_beginning(searcher, field, prefix, usize::MAX)
        .into_iter()
        .map(|(term, used)| (term[prefix.len()..].to_string(), used))
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found
}
