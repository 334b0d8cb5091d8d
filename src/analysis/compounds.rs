//! Dutch compounds: the parts of "woningbouwcorporaties" as index terms of their own, so that a
//! query for "woningbouw" or "corporaties" reaches it.
//!
//! Parts come from the corpus's own vocabulary: a word splits where both sides are words the
//! corpus uses on their own (allowing the linking "s" and "e" of "vennootschapsbelasting" and
//! "zielenheil"), and uses them at least as often as the whole (Koehn and Knight's rule: the
//! geometric mean of the parts' counts at least the word's). Without that rule the remnants of
//! words broken across lines and OCR's fragments made parts of the commonest words: "minister"
//! was "mini" + "ster", "toelichting" "toeli" + "chting". The parts go into a field of their own
//! that counts less than the words themselves, so that a whole word still beats a part of a
//! compound.

use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::normalize::Lexicon;

/// Compounds shorter than this are not split ("beleid", "overleg").
const MIN_COMPOUND: usize = 8;
/// Parts shorter than this are not words to split off ("ver", "be", "on").
const MIN_PART: usize = 4;
/// How often the corpus must use a word on its own for it to count as a part. Once is enough:
/// a small corpus has few words, and a wrong split only adds a term that counts little.
const MIN_COUNT: u32 = 1;

/// Added to each count a split is judged by (see [`split_compound`]).
const SMOOTHING: u64 = 10;

/// The words compounds may be made of, with how often the corpus uses each.
#[derive(Debug, Clone, Default)]
pub struct CompoundDictionary {
    words: Arc<HashMap<CompactString, u32>>,
}

impl CompoundDictionary {
    /// The words of a lexicon that are common enough, long enough and plain letters.
    pub fn from_lexicon(lexicon: &Lexicon) -> CompoundDictionary {
        CompoundDictionary::from_counts(lexicon.words())
    }

    /// A dictionary of the given words (lowercase, without diacritics), each used once.
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> CompoundDictionary {
        CompoundDictionary::from_counts(words.into_iter().map(|w| (w, 1)))
    }

    /// A dictionary of the given words (lowercase, without diacritics) and how often each is
    /// used; those used too seldom, too short or with other than plain letters are left out.
    pub fn from_counts<'a>(words: impl IntoIterator<Item = (&'a str, u32)>) -> CompoundDictionary {
        let words = words
            .into_iter()
            .filter(|(w, n)| {
                *n >= MIN_COUNT && w.len() >= MIN_PART && w.bytes().all(|b| b.is_ascii_lowercase())
            })
            .map(|(w, n)| (CompactString::from(w), n))
            .collect();
        CompoundDictionary {
            words: Arc::new(words),
        }
    }

    fn count(&self, s: &str) -> u32 {
        self.words.get(s).copied().unwrap_or(0)
    }

    /// Whether the corpus uses a word (lowercase, without diacritics, 4 letters or more).
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    /// The parts of a compound, outermost split first: "woningbouwcorporaties" gives
    /// "woningbouw", "corporaties", then "woning", "bouw". Empty for a word that is not one.
    pub fn split(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.split_into(word, &mut out, 0);
        out
    }

    fn split_into(&self, word: &str, out: &mut Vec<String>, depth: usize) {
        if depth > 2 {
            return;
        }
        if let Some((head, tail)) = split_compound(word, |s| self.count(s)) {
            out.push(head.to_string());
            out.push(tail.to_string());
            self.split_into(head, out, depth + 1);
            self.split_into(tail, out, depth + 1);
        }
    }
}

/// The outermost split of a compound into two words that `count` knows (how often the corpus
/// uses a word; 0 for one it does not), the longest tail first ("woningbouw|corporaties" before
/// "woning|bouwcorporaties"); the head without a linking "s" or "e" ("vennootschaps-",
/// "ziele-") where only that is a word. A split counts only where the parts are used at least
/// as often as the word itself, by the geometric mean of their counts: the commonest words are
/// otherwise split into rare fragments of others. `None` for a word that is not a compound of
/// known words (or is shorter than 8 letters, or not plain ASCII).
///
/// The index splits text with the corpus's lexicon ([`CompoundDictionary`]); a query splits
/// its words with the words the index holds.
pub fn split_compound(word: &str, count: impl Fn(&str) -> u32) -> Option<(&str, &str)> {
    if word.len() < MIN_COMPOUND || !word.is_ascii() {
        return None;
    }
    let whole = u64::from(count(word));
    let used = |s: &str| {
        if s.len() < MIN_PART {
            0
        } else {
            u64::from(count(s))
        }
    };
    // Koehn and Knight (2003): the parts' geometric mean at least the word's count; each count
    // plus a few, since counts as small as a small corpus's say little either way.
    let holds =
        |head: u64, tail: u64| head > 0 && (head + SMOOTHING) * (tail + SMOOTHING) >= whole * whole;
    for i in MIN_PART..=word.len() - MIN_PART {
        let (head, tail) = word.split_at(i);
        let tail_used = used(tail);
        if tail_used == 0 {
            continue;
        }
        if holds(used(head), tail_used) {
            return Some((head, tail));
        }
        if let Some(head) = head
            .strip_suffix('s')
            .or_else(|| head.strip_suffix('e'))
            .filter(|h| holds(used(h), tail_used))
        {
            return Some((head, tail));
        }
    }
    None
}

/// Token filter: replaces each token by the parts of the compound it is, and drops tokens
/// that are not compounds. Expects lowercase, folded tokens.
#[derive(Clone)]
pub struct CompoundParts {
    dictionary: CompoundDictionary,
}

impl CompoundParts {
    /// A filter splitting with `dictionary`.
    pub fn new(dictionary: CompoundDictionary) -> CompoundParts {
        CompoundParts { dictionary }
    }
}

impl TokenFilter for CompoundParts {
    type Tokenizer<T: Tokenizer> = CompoundPartsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CompoundPartsFilter<T> {
        CompoundPartsFilter {
            inner: tokenizer,
            dictionary: self.dictionary,
            cache: HashMap::default(),
        }
    }
}

/// Distinct words whose parts a filter remembers; the cache starts over when it is full.
const CACHE_WORDS: usize = 100_000;

/// The tokenizer [`CompoundParts`] wraps around another.
#[derive(Clone)]
pub struct CompoundPartsFilter<T> {
    inner: T,
    dictionary: CompoundDictionary,
    // Splitting tries every cut of a long word against the dictionary; most words recur, and
    // most are no compound. One cache per filter, as with stems.
    cache: HashMap<CompactString, Box<[String]>>,
}

impl<T: Tokenizer> Tokenizer for CompoundPartsFilter<T> {
    type TokenStream<'a> = CompoundPartsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CompoundPartsStream {
            tail: self.inner.token_stream(text),
            dictionary: &self.dictionary,
            cache: &mut self.cache,
            pending: Vec::new(),
            token: Token::default(),
        }
    }
}

/// The token stream of [`CompoundPartsFilter`].
pub struct CompoundPartsStream<'a, T> {
    tail: T,
    dictionary: &'a CompoundDictionary,
    cache: &'a mut HashMap<CompactString, Box<[String]>>,
    /// Parts still to emit, last first.
    pending: Vec<String>,
    token: Token,
}

impl<T: TokenStream> TokenStream for CompoundPartsStream<'_, T> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(part) = self.pending.pop() {
                self.token.text = part;
                return true;
            }
            if !self.tail.advance() {
                return false;
            }
            let source = self.tail.token();
            // Only words long enough to be compounds are worth remembering.
            if source.text.len() < MIN_COMPOUND {
                continue;
            }
            let parts = match self.cache.get(source.text.as_str()) {
                Some(parts) => parts,
                None => {
                    if self.cache.len() >= CACHE_WORDS {
                        self.cache.clear();
                    }
                    let parts = self.dictionary.split(&source.text).into_boxed_slice();
                    self.cache
                        .entry(source.text.as_str().into())
                        .or_insert(parts)
                }
            };
            if parts.is_empty() {
                continue;
            }
            self.pending.extend(parts.iter().rev().cloned());
            self.token.clone_from(source);
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};

    fn dict() -> CompoundDictionary {
        CompoundDictionary::from_words([
            "woning",
            "bouw",
            "woningbouw",
            "corporaties",
            "ouderen",
            "zorg",
            "vennootschap",
            "belasting",
            "mensen",
            "handel",
            "jeugd",
            "onder",
            "zoek",
        ])
    }

    #[test]
    fn linking_s_and_the_longest_tail() {
        assert_eq!(
            dict().split("vennootschapsbelasting"),
            ["vennootschap", "belasting"]
        );
        assert_eq!(dict().split("mensenhandel"), ["mensen", "handel"]);
    }

    #[test]
    fn short_words_and_unknown_parts_stay_whole() {
        assert_eq!(dict().split("jeugdzorg"), ["jeugd", "zorg"]);
        assert!(dict().split("beleid").is_empty());
        assert!(dict().split("kwetsbare").is_empty());
        assert!(dict().split("curaçaose").is_empty());
    }

    /// Counts from the lexicon of 57 MB of the shared corpus: the commonest words do not split
    /// into fragments that line breaks and OCR left; compounds still split, and so they do in
    /// a small corpus, whose counts say little.
    #[test]
    fn words_split_only_into_parts_used_as_often() {
        let dict = CompoundDictionary::from_counts([
            ("minister", 7659),
            ("mini", 1),
            ("ster", 10),
            ("toelichting", 2600),
            ("toeli", 1),
            ("chting", 1),
            ("mogelijk", 2719),
            ("moge", 409),
            ("lijk", 25),
            ("grondgebied", 160),
            ("grond", 1072),
            ("gebied", 880),
            ("bankbiljetten", 8),
            ("bank", 184),
            ("biljetten", 21),
            ("staatsbegrooting", 824),
            ("staat", 2400),
            ("staats", 28),
            ("begrooting", 1564),
            ("sbegrooting", 2),
        ]);
        for word in ["minister", "toelichting", "mogelijk"] {
            assert!(dict.split(word).is_empty(), "{word}");
        }
        assert_eq!(dict.split("grondgebied"), ["grond", "gebied"]);
        assert_eq!(dict.split("bankbiljetten"), ["bank", "biljetten"]);
        // The linking "s" where the head with it is too rare.
        assert_eq!(dict.split("staatsbegrooting"), ["staat", "begrooting"]);
        let small =
            CompoundDictionary::from_counts([("ouderenzorg", 5), ("ouderen", 1), ("zorg", 3)]);
        assert_eq!(small.split("ouderenzorg"), ["ouderen", "zorg"]);
    }

    #[test]
    fn the_filter_emits_only_parts_at_the_compound_offsets() {
        let mut a = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CompoundParts::new(dict()))
            .build();
        let text = "De ouderenzorg en mensenhandel";
        let mut stream = a.token_stream(text);
        let mut got = Vec::new();
        while stream.advance() {
            let t = stream.token();
            got.push((t.text.clone(), &text[t.offset_from..t.offset_to]));
        }
        assert_eq!(
            got,
            [
                ("ouderen".to_string(), "ouderenzorg"),
                ("zorg".to_string(), "ouderenzorg"),
                ("mensen".to_string(), "mensenhandel"),
                ("handel".to_string(), "mensenhandel")
            ]
        );
    }

    /// The example of `from_counts`.
    #[test]
    fn example_of_from_counts() {
        use crate::analysis::CompoundDictionary;
        let dict =
            CompoundDictionary::from_counts([("ouderen", 40), ("zorg", 90), ("ouderenzorg", 12)]);
        assert_eq!(dict.split("ouderenzorg"), ["ouderen", "zorg"]);
        // Fragments far rarer than the word they would split.
        let dict = CompoundDictionary::from_counts([("mini", 1), ("ster", 10), ("minister", 7659)]);
        assert!(dict.split("minister").is_empty());
    }

    /// The example of `split`.
    #[test]
    fn example_of_split() {
        let dict = dict();
        assert_eq!(
            dict.split("woningbouwcorporaties"),
            ["woningbouw", "corporaties", "woning", "bouw"]
        );
        assert_eq!(dict.split("ouderenzorg"), ["ouderen", "zorg"]);
        assert!(dict.split("zorg").is_empty());
    }

    /// The example of `split_compound`.
    #[test]
    fn example_of_split_compound() {
        use crate::analysis::split_compound;
        let count = |w: &str| match w {
            "regering" => 900,
            "inzet" | "vennootschap" | "belasting" => 60,
            "vennootschapsbelasting" => 50,
            "minister" => 7659,
            "mini" => 1,
            "ster" => 10,
            _ => 0,
        };
        assert_eq!(
            split_compound("regeringsinzet", count),
            Some(("regering", "inzet"))
        );
        assert_eq!(
            split_compound("vennootschapsbelasting", count),
            Some(("vennootschap", "belasting"))
        );
        assert_eq!(split_compound("inzet", count), None);
        assert_eq!(split_compound("minister", count), None);
    }
}
