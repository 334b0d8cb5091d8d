//! `prefix*`: the words of the index that begin with a prefix, a bounded number of them; and
//! the terms that begin with a prefix, for what looks words up by their beginning.

use tantivy::schema::Field;
use tantivy::Searcher;

use crate::{Error, Result};

/// The fewest letters a prefix has: "mi*" would be every word with "mi".
pub const MIN_PREFIX_LETTERS: usize = 3;

/// The most words a prefix stands for: beyond them it says too little to search by.
pub const MAX_WORDS: usize = 300;

/// The words of `field` (the exact forms) that begin with `prefix` (folded as the text is),
/// or an error saying the prefix is too short or too wide.
pub(crate) fn words_beginning(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
) -> Result<Vec<String>> {
    let folded = crate::normalize::fold(prefix);
    if folded.chars().filter(|c| c.is_alphanumeric()).count() < MIN_PREFIX_LETTERS {
        return Err(Error::Query(format!(
            "{prefix}* is too short: a prefix needs at least {MIN_PREFIX_LETTERS} letters"
        )));
    }
    let mut words: Vec<String> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(folded.as_bytes())
            .into_stream()?;
        while stream.advance() {
            let Ok(word) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !word.starts_with(&folded) {
                break;
            }
            if !words.iter().any(|w| w == word) {
                words.push(word.to_string());
                if words.len() > MAX_WORDS {
                    return Err(Error::Query(format!(
                        "{prefix}* stands for more than {MAX_WORDS} words; make it longer"
                    )));
                }
            }
        }
    }
    words.sort();
    Ok(words)
}

/// The terms of `field` that begin with `prefix`, each with how many passages have it, in
/// the order of the terms.
pub(crate) fn terms_beginning(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
) -> Vec<(String, u32)> {
    let mut terms: Vec<(String, u32)> = Vec::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream() else {
            continue;
        };
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !term.starts_with(prefix) {
                break;
            }
            let used = stream.value().doc_freq;
            match terms.iter_mut().find(|(t, _)| t == term) {
                Some((_, n)) => *n += used,
                None => terms.push((term.to_string(), used)),
            }
        }
    }
    terms.sort();
    terms
}
