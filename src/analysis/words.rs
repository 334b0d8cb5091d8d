//! The words of a text, worked out once for all the analyzers that start from them.
//!
//! Every passage is analyzed three times, once per text field (stemmed, exact, compound
//! parts), and all three analyzers begin alike: split into words, the "s" after an apostrophe
//! dropped, overlong words left out, lowercased, diacritics folded. [`Words`] is that
//! beginning as a tokenizer that remembers, per thread, the last text it split and its words:
//! tantivy analyzes a passage's fields one after the other on one indexing thread, so the
//! second and third analyzer replay the words of the first instead of splitting the text
//! again. A text is replayed only when it is the very same text, so what an analyzer gives
//! never depends on what ran before it.

use std::cell::RefCell;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

use super::ApostropheS;

/// Words longer than this (in bytes) are noise (base64, URLs glued by OCR) and not indexed.
const MAX_TOKEN_LEN: usize = 60;

/// Texts longer than this (in bytes) are split but not kept for the next analyzer: a thread
/// should not hold on to the largest text it ever saw, nor its words. Passages, which are
/// what is replayed, are a few kB at most.
const KEEP_AT_MOST: usize = 64 << 10;

thread_local! {
    static LAST: RefCell<Option<Split>> = const { RefCell::new(None) };
}

/// A text and its words.
#[derive(Default)]
struct Split {
    text: String,
    tokens: Vec<Token>,
    /// How many of `tokens` are this text's: the rest are kept for their buffers.
    len: usize,
}

impl Split {
    fn fill(&mut self, front: &mut TextAnalyzer, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.len = 0;
        let mut stream = front.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            if self.len == self.tokens.len() {
                self.tokens.push(Token::default());
            }
            let kept = &mut self.tokens[self.len];
            kept.offset_from = t.offset_from;
            kept.offset_to = t.offset_to;
            kept.position = t.position;
            kept.position_length = t.position_length;
            kept.text.clone_from(&t.text);
            self.len += 1;
        }
    }
}

/// Tokenizer: the words every kamerzoek analyzer starts from (see the module doc).
#[derive(Clone)]
pub struct Words {
    front: TextAnalyzer,
}

impl Default for Words {
    fn default() -> Self {
        Words {
            front: TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(ApostropheS)
                .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordsStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordsStream {
        let mut split = LAST
            .with(|last| last.borrow_mut().take())
            .unwrap_or_default();
        if split.text != text {
            split.fill(&mut self.front, text);
        }
        WordsStream {
            split,
            next: 0,
            token: Token::default(),
        }
    }
}

/// The token stream of [`Words`]: a copy of each remembered word in turn, so that the filters
/// after it may change their token without touching what the next analyzer replays.
pub struct WordsStream {
    split: Split,
    next: usize,
    token: Token,
}

impl TokenStream for WordsStream {
    fn advance(&mut self) -> bool {
        let Some(t) = self.split.tokens[..self.split.len].get(self.next) else {
            return false;
        };
        self.next += 1;
        self.token.offset_from = t.offset_from;
        self.token.offset_to = t.offset_to;
        self.token.position = t.position;
        self.token.position_length = t.position_length;
        self.token.text.clone_from(&t.text);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Drop for WordsStream {
    fn drop(&mut self) {
        if self.split.text.len() <= KEEP_AT_MOST {
            let split = std::mem::take(&mut self.split);
            LAST.with(|last| *last.borrow_mut() = Some(split));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut a = TextAnalyzer::from(Words::default());
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let t = s.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn a_replayed_text_gives_what_a_new_split_gives() {
        let text = "De regio's in Curaçao, 's-Gravenhage en Noord-Holland";
        let first = words(text);
        assert_eq!(first, words(text));
        // Another text in between, shorter and longer: nothing of it is replayed.
        assert_eq!(words("Curaçao"), [("curacao".to_string(), 0, 0, 8)]);
        assert!(words("").is_empty());
        assert_eq!(first, words(text));
        let terms: Vec<&str> = first.iter().map(|w| w.0.as_str()).collect();
        assert_eq!(
            terms,
            [
                "de",
                "regio",
                "in",
                "curacao",
                "gravenhage",
                "en",
                "noord",
                "holland"
            ]
        );
    }

    #[test]
    fn a_text_too_long_to_keep_is_split_every_time() {
        let long = "motie ".repeat(KEEP_AT_MOST / 6 + 1);
        assert!(long.len() > KEEP_AT_MOST);
        let first = words(&long);
        assert_eq!(first.len(), KEEP_AT_MOST / 6 + 1);
        assert!(LAST.with(|last| last.borrow().is_none()));
        assert_eq!(words(&long), first);
    }

    #[test]
    fn a_filter_that_changes_its_token_does_not_change_the_next_replay() {
        let text = "Moties van de Kamer";
        let mut a = TextAnalyzer::from(Words::default());
        {
            let mut s = a.token_stream(text);
            while s.advance() {
                s.token_mut().text.push_str("-changed");
            }
        }
        assert_eq!(words(text)[0].0, "moties");
    }

    #[test]
    fn streams_alive_together_each_give_their_own_text() {
        let mut a = TextAnalyzer::from(Words::default());
        let mut b = TextAnalyzer::from(Words::default());
        let mut first = a.token_stream("een twee");
        let mut second = b.token_stream("drie");
        assert!(first.advance() && second.advance());
        assert_eq!(
            (&*first.token().text, &*second.token().text),
            ("een", "drie")
        );
        assert!(first.advance() && !second.advance());
        assert_eq!(first.token().text, "twee");
    }

    /// The example of `Words`.
    #[test]
    fn example_of_words() {
        use crate::analysis::Words;
        use tantivy::tokenizer::{TextAnalyzer, TokenStream};
        let mut words = TextAnalyzer::from(Words::default());
        let mut stream = words.token_stream("Regio's in Curaçao");
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push(stream.token().text.clone());
        }
        assert_eq!(seen, ["regio", "in", "curacao"]);
    }
}
