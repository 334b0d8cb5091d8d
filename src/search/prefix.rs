//! `prefix*`: the words of the index that begin with a prefix, a bounded number of them.

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
