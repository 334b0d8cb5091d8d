//! The corpus's own spelling, as evidence for dehyphenation.
//!
//! Whether "Noord-" / "Holland" keeps its hyphen and "op-" / "zichte" loses it is best decided by
//! how the same texts spell the word where no line break interferes. A [`Lexicon`] counts every
//! word form seen in running text, keyed without case or diacritics, and remembers the accented
//! spelling so a joined word gets its trema back ("be-" / "invloeden" becomes "beïnvloeden").

use std::borrow::Cow;

// The word maps are hit for every word of the corpus: a fast hash, not a DoS-resistant one.
use rustc_hash::FxHashMap as HashMap;

// Keys are held inline (most words are short): a lookup compares bytes in the table instead of
// following a pointer per word.
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Words longer than this (in bytes) are not counted: OCR noise and glued-together text.
const MAX_WORD: usize = 64;

/// Word counts from a corpus, collected before it is normalized.
///
/// ```
/// use kamerzoek::normalize::Lexicon;
/// let mut lex = Lexicon::default();
/// lex.add_text("De mogelijkheden in Noord-Holland zijn geïnformeerd.");
/// assert_eq!(lex.count("mogelijkheden"), 1);
/// assert_eq!(lex.count("noord-holland"), 1);
/// assert_eq!(lex.count("geinformeerd"), 1);
/// assert_eq!(lex.spelling("geinformeerd"), Some("geïnformeerd"));
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Lexicon {
    counts: HashMap<CompactString, u32>,
    accented: HashMap<CompactString, String>,
}

impl Lexicon {
    /// Counts the words of `text`. The last word of a line that ends in a hyphen is left out:
    /// it is half a word, not evidence.
    pub fn add_text(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim_end();
            let mut words = line.split_whitespace().peekable();
            while let Some(word) = words.next() {
                if words.peek().is_none() && word.ends_with('-') {
                    break;
                }
                self.add_word(word);
            }
        }
    }

    fn add_word(&mut self, raw: &str) {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || word.len() > MAX_WORD || !word.chars().any(char::is_alphabetic) {
            return;
        }
        // Most words are ASCII, their own key once lowercased (on the stack), and counted
        // before: no allocation.
        if word.is_ascii() {
            let mut buf = [0u8; MAX_WORD];
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            if let Ok(lower) = std::str::from_utf8(lower) {
                self.count_key(lower);
            }
            return;
        }
        let lower = word.to_lowercase();
        let key = fold(&lower);
        if key != lower && !self.accented.contains_key(key.as_str()) {
            self.accented.insert(key.as_str().into(), lower);
        }
        self.count_key(&key);
    }

    fn count_key(&mut self, key: &str) {
        match self.counts.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                self.counts.insert(key.into(), 1);
            }
        }
    }

    /// How often a word form was seen (case and diacritics ignored).
    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(key(word).as_ref()).copied().unwrap_or(0)
    }

    /// The accented lowercase spelling the corpus uses for a word, if it uses one.
    pub fn spelling(&self, word: &str) -> Option<&str> {
        self.accented.get(key(word).as_ref()).map(String::as_str)
    }

    /// Adds another lexicon's counts to this one.
    pub fn merge(&mut self, other: Lexicon) {
        for (k, v) in other.counts {
            *self.counts.entry(k).or_insert(0) += v;
        }
        for (k, v) in other.accented {
            self.accented.entry(k).or_insert(v);
        }
    }

    /// Every word form (lowercase, without diacritics) with its count.
    pub fn words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.counts.iter().map(|(w, &n)| (w.as_str(), n))
    }

    /// Number of distinct word forms.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether nothing was counted yet.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// The key a word is counted under: lowercase, without diacritics. Most words are lowercase
/// ASCII and their own key.
fn key(word: &str) -> Cow<'_, str> {
    if is_own_key(word) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold(&word.to_lowercase()))
    }
}

fn is_own_key(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// Lowercase text without diacritics: the key words are compared by.
pub fn fold(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_end_halves_are_not_counted() {
        let mut lex = Lexicon::default();
        lex.add_text("ten op-\nzichte van");
        assert_eq!(lex.count("op"), 0);
        assert_eq!(lex.count("zichte"), 1);
    }

    #[test]
    fn merge_adds_counts() {
        let mut a = Lexicon::default();
        a.add_text("motie motie");
        let mut b = Lexicon::default();
        b.add_text("Motie, Curaçao");
        a.merge(b);
        assert_eq!(a.count("motie"), 3);
        assert_eq!(a.spelling("curacao"), Some("curaçao"));
        assert_eq!(a.len(), 2);
    }

    /// Capitals and diacritics make no other word: "Kamer", "KAMER" and "kamer" are one,
    /// "Geïnformeerd" and "geinformeerd" too, and only a word with diacritics has a spelling.
    #[test]
    fn words_count_without_case_or_diacritics() {
        let mut lex = Lexicon::default();
        lex.add_text("Kamer KAMER kamer, Geïnformeerd geinformeerd CURAÇAO");
        assert_eq!(lex.count("kamer"), 3);
        assert_eq!(lex.count("KaMeR"), 3);
        assert_eq!(lex.count("geïnformeerd"), 2);
        assert_eq!(lex.spelling("kamer"), None);
        assert_eq!(lex.spelling("Curacao"), Some("curaçao"));
        assert_eq!(lex.len(), 3);
    }

    /// The example of `fold`.
    #[test]
    fn example_of_fold() {
        assert_eq!(fold("Curaçao geïnformeerd"), "curacao geinformeerd");
    }
}
