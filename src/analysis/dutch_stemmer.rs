//! Dutch stemming with rust-stemmers (the Porter Dutch algorithm) and an override table for the
//! parliamentary words it gets wrong.

use std::cell::RefCell;

use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Irregular plurals the Porter rules miss, and the stem of their singular.
///
/// Found by stemming parliamentary vocabulary and checking that plural and singular meet; the
/// regular "-ies" and "-eën" plurals are handled by [`plural_stem`] instead of one entry each.
const OVERRIDES: &[(&str, &str)] = &[
    ("gemeentes", "gemeent"),
    ("kamerleden", "kamerlid"),
    ("kinderen", "kind"),
    ("leden", "lid"),
    ("regios", "regio"),
    ("risicos", "risico"),
];

/// Plurals Porter leaves alone: "-ies" ("moties", "organisaties", "provincies") and "-eën"
/// after folding ("ideeen", "zeeen", "categorieen"). Returns the singular to stem instead.
fn plural_stem(word: &str) -> Option<&str> {
    if word.len() > 5 && word.ends_with("ies") {
        Some(&word[..word.len() - 1])
    } else if word.len() >= 5 && (word.ends_with("eeen") || word.ends_with("ieen")) {
        Some(&word[..word.len() - 2])
    } else {
        None
    }
}

/// Token filter: stems Dutch words, after correcting the plurals Porter misses.
#[derive(Clone)]
pub struct DutchStemmer {
    stemmer: Arc<Stemmer>,
}

impl Default for DutchStemmer {
    fn default() -> Self {
        DutchStemmer {
            stemmer: Arc::new(Stemmer::create(Algorithm::Dutch)),
        }
    }
}

impl DutchStemmer {
    /// The stem of one lowercase, diacritic-free word.
    pub fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        match OVERRIDES.binary_search_by(|(w, _)| (*w).cmp(word)) {
            Ok(i) => std::borrow::Cow::Borrowed(OVERRIDES[i].1),
            Err(_) => {
                // Numbers and codes ("2015", "co2") are not Dutch words.
                if word.bytes().any(|b| b.is_ascii_digit()) {
                    std::borrow::Cow::Borrowed(word)
                } else if let Some(singular) = plural_stem(word) {
                    std::borrow::Cow::Owned(self.stemmer.stem(singular).into_owned())
                } else {
                    self.stemmer.stem(word)
                }
            }
        }
    }
}

impl TokenFilter for DutchStemmer {
    type Tokenizer<T: Tokenizer> = DutchStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DutchStemmerFilter<T> {
        DutchStemmerFilter {
            inner: tokenizer,
            stemmer: self,
        }
    }
}

/// Distinct words whose stems a thread remembers; a corpus's vocabulary mostly fits, and the
/// cache starts over when it is full.
const CACHE_WORDS: usize = 100_000;

/// Words this long (in bytes, ASCII) or shorter are their own stem.
const SHORT_WORD: usize = 3;

type Stems = HashMap<CompactString, CompactString>;

thread_local! {
    // Stemming was the largest cost of indexing, and most words recur. A word's stem depends
    // on nothing but the word, so one cache serves every stemming filter of a thread: the
    // stemmed text, the titles and the compound parts while indexing, and from one query to
    // the next the query's words and the passages highlighted, which otherwise start cold.
    static STEMS: RefCell<Option<Stems>> = const { RefCell::new(None) };
}

/// The tokenizer [`DutchStemmer`] wraps around another.
#[derive(Clone)]
pub struct DutchStemmerFilter<T> {
    inner: T,
    stemmer: DutchStemmer,
}

impl<T: Tokenizer> Tokenizer for DutchStemmerFilter<T> {
    type TokenStream<'a> = DutchStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        // The stream holds the thread's cache while it lives; a second stream alive at the
        // same time on the thread starts one of its own.
        let cache = STEMS
            .with(|stems| stems.borrow_mut().take())
            .unwrap_or_default();
        DutchStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &self.stemmer,
            cache,
        }
    }
}

/// The token stream of [`DutchStemmerFilter`].
pub struct DutchStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a DutchStemmer,
    cache: Stems,
}

impl<T> Drop for DutchStemmerStream<'_, T> {
    fn drop(&mut self) {
        let cache = std::mem::take(&mut self.cache);
        // `try_with`: a stream dropped while its thread ends has nowhere to put it back.
        let _ = STEMS.try_with(|stems| {
            let mut kept = stems.borrow_mut();
            if kept.as_ref().is_none_or(|k| k.len() < cache.len()) {
                *kept = Some(cache);
            }
        });
    }
}

impl<T: TokenStream> TokenStream for DutchStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        // The stemmer leaves words of three letters as they are (its suffixes come off past
        // the third letter): some 40 % of a text's words need not even be looked up.
        if token.text.len() <= SHORT_WORD && token.text.is_ascii() {
            return true;
        }
        if let Some(stem) = self.cache.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = CompactString::from(self.stemmer.stem(&token.text));
        if self.cache.len() >= CACHE_WORDS {
            self.cache.clear();
        }
        let word = CompactString::from(token.text.as_str());
        token.text.clear();
        token.text.push_str(&stem);
        self.cache.insert(word, stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_are_their_own_stem() {
        let s = DutchStemmer::default();
        let alphabet: Vec<char> = ('a'..='z').chain('0'..='9').collect();
        let mut words: Vec<String> = alphabet.iter().map(|c| c.to_string()).collect();
        for _ in 1..SHORT_WORD {
            words = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .chain(words.iter().cloned())
                .collect();
        }
        assert!(words.len() > 46_000);
        for w in &words {
            assert_eq!(s.stem(w), w.as_str());
        }
    }

    #[test]
    fn overrides_are_sorted_for_binary_search() {
        assert!(
            OVERRIDES.windows(2).all(|w| w[0].0 < w[1].0),
            "keep OVERRIDES sorted"
        );
    }

    #[test]
    fn plurals_meet_their_singulars() {
        let s = DutchStemmer::default();
        for (a, b) in [
            ("moties", "motie"),
            ("fracties", "fractie"),
            ("gemeenten", "gemeente"),
            ("gemeentes", "gemeente"),
            ("kinderen", "kind"),
            ("ministers", "minister"),
            ("ministeries", "ministerie"),
            ("organisaties", "organisatie"),
            ("provincies", "provincie"),
            ("kamerleden", "kamerlid"),
            ("leden", "lid"),
            ("ideeen", "idee"),
            ("zeeen", "zee"),
            ("categorieen", "categorie"),
            ("regios", "regio"),
            ("woningen", "woning"),
        ] {
            assert_eq!(s.stem(a), s.stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn a_remembered_stem_is_the_same_stem() {
        use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer};
        let mut a = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(DutchStemmer::default())
            .build();
        let mut terms = Vec::new();
        for text in ["moties gemeentes", "moties gemeentes woningen"] {
            let mut stream = a.token_stream(text);
            while stream.advance() {
                terms.push(stream.token().text.clone());
            }
        }
        assert_eq!(terms, ["motie", "gemeent", "motie", "gemeent", "woning"]);
    }

    fn stem_all(stream: &mut impl TokenStream) -> Vec<String> {
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(stream.token().text.clone());
        }
        terms
    }

    #[test]
    fn streams_alive_at_once_stem_alike() {
        use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer};
        let analyzer = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(DutchStemmer::default())
                .build()
        };
        let (mut a, mut b) = (analyzer(), analyzer());
        let mut first = a.token_stream("moties gemeentes");
        assert!(first.advance());
        // The thread's cache is with `first`: this one starts its own.
        let mut second = b.token_stream("gemeentes moties woningen");
        assert_eq!(stem_all(&mut second), ["gemeent", "motie", "woning"]);
        drop(second);
        assert_eq!(first.token().text, "motie");
        assert_eq!(stem_all(&mut first), ["gemeent"]);
    }

    #[test]
    fn the_stems_outlive_the_analyzer_that_found_them() {
        use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer};
        let mut a = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(DutchStemmer::default())
            .build();
        assert_eq!(stem_all(&mut a.token_stream("ministeries")), ["ministerie"]);
        drop(a);
        // The next query's highlighter, on this thread, finds it without stemming again.
        let remembered = STEMS.with(|s| {
            s.borrow()
                .as_ref()
                .and_then(|c| c.get("ministeries").map(|s| s.to_string()))
        });
        assert_eq!(remembered.as_deref(), Some("ministerie"));
    }

    #[test]
    fn does_not_overstem_what_snowball_kp_merges() {
        let s = DutchStemmer::default();
        assert_ne!(s.stem("minister"), s.stem("mini"));
        assert_ne!(s.stem("gemeente"), s.stem("menen"));
        assert_eq!(s.stem("2015"), "2015");
    }

    /// The example of `stem`.
    #[test]
    fn example_of_stem() {
        use crate::analysis::DutchStemmer;
        let s = DutchStemmer::default();
        assert_eq!(s.stem("moties"), s.stem("motie"));
        assert_eq!(s.stem("gemeenten"), s.stem("gemeente"));
        assert_ne!(s.stem("gemeente"), s.stem("menen"));
    }
}
