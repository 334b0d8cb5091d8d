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

/// The terms of `field` that begin with `prefix` and are at most `max_len` bytes long, each
/// with how many passages have it, in the order of the terms.
pub(crate) fn terms_beginning(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
    max_len: usize,
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
            let key = stream.key();
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            if key.len() > max_len {
                continue;
            }
            if let Ok(term) = std::str::from_utf8(key) {
                terms.push((term.to_string(), stream.value().doc_freq));
            }
        }
    }
    // A term in several segments: its passages in each, together.
    terms.sort();
    terms.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1 += later.1;
        }
        same
    });
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terms_beginning_with_a_prefix_up_to_a_length() {
        let index = crate::Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        let texts = [
            ("kst-46001-1.txt", "De compensatie en het compenseren."),
            ("kst-46001-2.txt", "Een compensatieregeling, compensatie."),
            ("kst-46001-3.txt", "Compenseren, compost en de compensatie."),
        ];
        // Two commits: a term in two segments counts the passages of both.
        for (i, (name, text)) in texts.into_iter().enumerate() {
            writer.add_text(text, name, Default::default()).unwrap();
            if i != 1 {
                writer.commit().unwrap();
            }
        }
        drop(writer);
        let snapshot = index.snapshot();
        assert!(snapshot.searcher.segment_readers().len() >= 2);
        let field = snapshot.fields.body_exact;
        let terms = terms_beginning(&snapshot.searcher, field, "compens", 12);
        let expected = [("compensatie", 3), ("compenseren", 2)];
        assert_eq!(terms, expected.map(|(t, n)| (t.to_string(), n)));
        let longer = terms_beginning(&snapshot.searcher, field, "compens", usize::MAX);
        assert_eq!(longer.len(), 3, "{longer:?}");
        assert!(terms_beginning(&snapshot.searcher, field, "compens", 6).is_empty());
    }
}
