//! Dutch stemming with rust-stemmers (the Porter Dutch algorithm) and an override table for the
//! parliamentary words it gets wrong.

use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words the stemmer gets wrong on Kamerstukken, and the stem they must get.
///
/// Found by stemming the corpus vocabulary and looking at the pairs that should meet and do not
/// (see the tests): the Porter rules strip "-s" after a vowel only in some words and treat "-ën"
/// and "-en" after a double vowel differently from their singulars.
const OVERRIDES: &[(&str, &str)] = &[
    ("fractie", "fractie"),
    ("fracties", "fractie"),
    ("gemeente", "gemeent"),
    ("gemeenten", "gemeent"),
    ("gemeentes", "gemeent"),
    ("idee", "idee"),
    ("ideeen", "idee"),
    ("kamerleden", "kamerlid"),
    ("kamerlid", "kamerlid"),
    ("kind", "kind"),
    ("kinderen", "kind"),
    ("leden", "lid"),
    ("lid", "lid"),
    ("minister", "minister"),
    ("ministerie", "ministerie"),
    ("ministeries", "ministerie"),
    ("ministers", "minister"),
    ("motie", "motie"),
    ("moties", "motie"),
    ("organisatie", "organisatie"),
    ("organisaties", "organisatie"),
    ("politie", "politie"),
    ("provincie", "provincie"),
    ("provincies", "provincie"),
    ("regio", "regio"),
    ("regios", "regio"),
    ("risico", "risico"),
    ("risicos", "risico"),
    ("zee", "zee"),
    ("zeeen", "zee"),
];

/// Token filter: stems Dutch words, with [`OVERRIDES`] first.
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
    ///
    /// ```
    /// use kamerzoek::analysis::DutchStemmer;
    /// let s = DutchStemmer::default();
    /// assert_eq!(s.stem("moties"), s.stem("motie"));
    /// assert_eq!(s.stem("gemeenten"), s.stem("gemeente"));
    /// assert_ne!(s.stem("gemeente"), s.stem("menen"));
    /// ```
    pub fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        match OVERRIDES.binary_search_by(|(w, _)| (*w).cmp(word)) {
            Ok(i) => std::borrow::Cow::Borrowed(OVERRIDES[i].1),
            Err(_) => {
                // Numbers and codes ("2015", "co2") are not Dutch words.
                if word.bytes().any(|b| b.is_ascii_digit()) {
                    std::borrow::Cow::Borrowed(word)
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

/// The tokenizer [`DutchStemmer`] wraps around another.
#[derive(Clone)]
pub struct DutchStemmerFilter<T> {
    inner: T,
    stemmer: DutchStemmer,
}

impl<T: Tokenizer> Tokenizer for DutchStemmerFilter<T> {
    type TokenStream<'a> = DutchStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DutchStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &self.stemmer,
        }
    }
}

/// The token stream of [`DutchStemmerFilter`].
pub struct DutchStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a DutchStemmer,
}

impl<T: TokenStream> TokenStream for DutchStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stemmed = match self.stemmer.stem(&token.text) {
            std::borrow::Cow::Borrowed(s) if s == token.text => None,
            other => Some(other.into_owned()),
        };
        if let Some(stemmed) = stemmed {
            token.text = stemmed;
        }
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
    fn overrides_are_sorted_for_binary_search() {
        assert!(OVERRIDES.windows(2).all(|w| w[0].0 < w[1].0), "keep OVERRIDES sorted");
    }

    #[test]
    fn plurals_meet_their_singulars() {
        let s = DutchStemmer::default();
        for (a, b) in [("moties", "motie"), ("fracties", "fractie"), ("gemeenten", "gemeente"),
                       ("kinderen", "kind"), ("ministers", "minister"), ("regios", "regio"),
                       ("woningen", "woning"), ("mensenhandel", "mensenhandel")] {
            assert_eq!(s.stem(a), s.stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn does_not_overstem_what_snowball_kp_merges() {
        let s = DutchStemmer::default();
        assert_ne!(s.stem("minister"), s.stem("mini"));
        assert_ne!(s.stem("gemeente"), s.stem("menen"));
        assert_eq!(s.stem("2015"), "2015");
    }
}
