//! The abbreviations a text defines, as Kamerstukken define them: "de nationaal coördinator
//! Groningen (NCG)", "de Autoriteit Persoonsgegevens (AP)", "het Europees Verdrag voor de
//! Rechten van de Mens (EVRM)".
//!
//! A reader types the form a document does not use: "NCG" for a motie that names the
//! coordinator in full, the full name for one that says "NCG". The index keeps every
//! definition its passages make (field `abbreviations`, as [`terms`] writes them), so that a
//! query is read in the corpus's own terms, whatever the corpus is.
//!
//! The long form is found as Schwartz and Hearst (2003, "A simple algorithm for identifying
//! abbreviation definitions in biomedical text") find it: the letters of the abbreviation
//! matched from its end back through the words before the brackets, its first letter at the
//! start of a word, within min(|A| + 5, 2 |A|) words.

use std::sync::LazyLock;

use regex::Regex;

use super::{analyze, exact};

/// An abbreviation in brackets: a letter, then letters, digits or hyphens, at most ten in all.
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((\p{L}[\p{L}\p{N}-]{1,9})\)").expect("a valid pattern"));

/// Separates the parts of a term in the `abbreviations` field: no word contains it.
const SEP: char = '\u{1f}';

/// An abbreviation and its long form, both as the exact analyzer gives them ("ncg",
/// "nationaal coordinator groningen").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The abbreviation.
    pub short: String,
    /// Its long form, words separated by a space.
    pub long: String,
}

/// The abbreviations `text` defines, each once.
///
/// ```
/// use kamerzoek::analysis::definitions;
///
/// let found = definitions("verzoekt de regering de nationaal coördinator Groningen (NCG) te vragen");
/// assert_eq!(found[0].short, "ncg");
/// assert_eq!(found[0].long, "nationaal coordinator groningen");
/// ```
pub fn definitions(text: &str) -> Vec<Definition> {
    let mut found: Vec<Definition> = Vec::new();
    for m in BRACKETED.captures_iter(text) {
        let (Some(whole), Some(short)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let short = short.as_str();
        if !looks_abbreviated(short) {
            continue;
        }
        let Some(long) = long_form(short, clause_before(&text[..whole.start()])) else {
            continue;
        };
        let (short_terms, long_terms) = (words_of(short), words_of(long));
        let [short] = &short_terms[..] else {
            continue;
        };
        if long_terms.len() < 2 || long_terms.contains(short) {
            continue;
        }
        let definition = Definition {
            short: short.clone(),
            long: long_terms.join(" "),
        };
        if !found.contains(&definition) {
            found.push(definition);
        }
    }
    found
}

/// The terms a passage's definitions put in the `abbreviations` field: one to look up the
/// long forms of an abbreviation ([`long_forms_prefix`]), one to look up the abbreviation of a
/// long form ([`abbreviations_prefix`]).
pub(crate) fn terms(definitions: &[Definition]) -> impl Iterator<Item = String> + '_ {
    definitions.iter().flat_map(|d| {
        [
            format!("{}{}", long_forms_prefix(&d.short), d.long),
            format!("{}{}", abbreviations_prefix(&d.long), d.short),
        ]
    })
}

/// What the terms holding the long forms of `short` begin with; the rest is a long form.
pub(crate) fn long_forms_prefix(short: &str) -> String {
    format!("s{SEP}{short}{SEP}")
}

/// What the terms holding the abbreviations of `long` begin with; the rest is an abbreviation.
fn abbreviations_prefix(long: &str) -> String {
    format!("l{SEP}{long}{SEP}")
}

/// What the terms holding the abbreviations of every long form that begins with the word
/// `first` begin with; the rest is the long form's other words and the abbreviation, which
/// [`split_defined`] parts.
pub(crate) fn longer_forms_prefix(first: &str) -> String {
    format!("l{SEP}{first} ")
}

/// The rest of a long form and its abbreviation, from what follows a [`longer_forms_prefix`].
pub(crate) fn split_defined(rest: &str) -> Option<(&str, &str)> {
    rest.rsplit_once(SEP)
}

/// Whether a bracketed word is written as an abbreviation: two capitals ("NCG", "VWS"), or a
/// capital in a short word ("Woo", "Wmo"); not a Roman numeral ("(IV)").
fn looks_abbreviated(word: &str) -> bool {
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    let roman = word.chars().all(|c| "IVXLCDM".contains(c));
    !roman && (capitals >= 2 || (capitals == 1 && word.chars().count() <= 4))
}

/// The text of the clause that ends where the brackets open: a long form does not reach back
/// over other brackets or a semicolon.
fn clause_before(text: &str) -> &str {
    let start = text.rfind(['(', ')', ';']).map_or(0, |i| i + 1);
    &text[start..]
}

/// The long form of `short` at the end of `before`, by Schwartz and Hearst's matching.
fn long_form<'a>(short: &str, before: &'a str) -> Option<&'a str> {
    let letters: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let most_words = (letters.len() + 5).min(2 * letters.len());
    // The window: the last words before the brackets.
    let first_word = before.split_whitespace().rev().take(most_words).last()?;
    let window = &before[first_word.as_ptr() as usize - before.as_ptr() as usize..];
    let window = window.trim_end();
    let chars: Vec<(usize, char)> = window.char_indices().collect();
    let mut at = chars.len();
    for (i, &letter) in letters.iter().enumerate().rev() {
        loop {
            at = at.checked_sub(1)?;
            let same = chars[at].1.to_lowercase().next() == Some(letter);
            let starts_word = at == 0 || !chars[at - 1].1.is_alphanumeric();
            if same && (i > 0 || starts_word) {
                break;
            }
        }
    }
    // The long form begins at the start of the word its first letter is in.
    let begin = window[..chars[at].0]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    Some(&window[begin..])
}

/// A text's words as the exact analyzer gives them.
fn words_of(text: &str) -> Vec<String> {
    analyze(&mut exact(), text)
        .into_iter()
        .map(|t| t.term)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defined(text: &str) -> Vec<(String, String)> {
        definitions(text)
            .into_iter()
            .map(|d| (d.short, d.long))
            .collect()
    }

    fn pair(short: &str, long: &str) -> (String, String) {
        (short.to_string(), long.to_string())
    }

    #[test]
    fn initials_of_the_words_before_the_brackets() {
        assert_eq!(
            defined("dat de Autoriteit Persoonsgegevens (AP) onderzoek doet"),
            [pair("ap", "autoriteit persoonsgegevens")]
        );
        // Small words between the initials are part of the long form.
        assert_eq!(
            defined("het Europees Verdrag voor de Rechten van de Mens (EVRM) en"),
            [pair("evrm", "europees verdrag voor de rechten van de mens")]
        );
    }

    #[test]
    fn letters_from_inside_a_compound() {
        assert_eq!(
            defined("de Algemene Inlichtingen- en Veiligheidsdienst (AIVD) waarschuwt"),
            [pair("aivd", "algemene inlichtingen en veiligheidsdienst")]
        );
        assert_eq!(
            defined("de Wet open overheid (Woo) geldt"),
            [pair("woo", "wet open overheid")]
        );
    }

    #[test]
    fn brackets_that_define_nothing() {
        // Not an abbreviation, a numeral, no long form, a lowercase aside.
        for text in [
            "de minister (zie bijlage) schrijft",
            "Kamerstuk 36 600 (IV) nr. 3",
            "de NAVO (XYZ) besluit",
            "de regering (de minister) en",
            "de motie (nr. 12) is",
        ] {
            assert!(defined(text).is_empty(), "{text}: {:?}", defined(text));
        }
    }

    #[test]
    fn a_long_form_stays_within_its_clause() {
        assert!(defined("Nationaal; Coördinator (NC)").is_empty());
        assert_eq!(
            defined("over de sanering; de nationaal coördinator (NC) zegt"),
            [pair("nc", "nationaal coordinator")]
        );
    }

    #[test]
    fn each_definition_once_and_as_terms_both_ways() {
        let found = definitions(
            "de Nederlandse Publieke Omroep (NPO) en nogmaals de Nederlandse Publieke Omroep (NPO)",
        );
        assert_eq!(found.len(), 1);
        let terms: Vec<String> = terms(&found).collect();
        assert_eq!(
            terms,
            [
                format!("{}nederlandse publieke omroep", long_forms_prefix("npo")),
                format!("{}npo", abbreviations_prefix("nederlandse publieke omroep")),
            ]
        );
        let rest = terms[1]
            .strip_prefix(&longer_forms_prefix("nederlandse"))
            .unwrap();
        assert_eq!(split_defined(rest), Some(("publieke omroep", "npo")));
    }
}
