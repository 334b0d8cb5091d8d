//! The words of a text, worked out once for all the analyzers that start from them.
//!
//! Every passage is analyzed three times, once per text field (stemmed, exact, compound parts),
//! and all three analyzers begin alike: split into words, a sign next to a number read as its
//! word ("90%" as "90 procent"), the "s" after an apostrophe dropped, overlong words left out,
//! lowercased, diacritics folded. [`Words`] is that beginning as a tokenizer that remembers,
//! per thread, the last text it split and its words: tantivy analyzes a passage's fields one
//! after the other on one indexing thread, so the second and third analyzer replay the words of
//! the first instead of splitting the text again. A text is replayed only when it is the very
//! same text, so what an analyzer gives never depends on what ran before it.

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

/// Signs that stand for a word next to a number, and the word read for them: "90%" says
/// "90 procent" and "€ 405.000" says "euro 405.000", so that a search in words finds the text
/// in signs (and back). The sign is a word in its own place, between the number and what
/// follows.
const SIGNS: [(char, &str, Side); 2] = [('%', "procent", Side::After), ('€', "euro", Side::Before)];

/// On which side of its number a sign stands.
#[derive(PartialEq)]
enum Side {
    Before,
    After,
}

/// The sign of [`SIGNS`] that `text` has right next to a number that ends at byte `at` (or,
/// for `Side::Before`, begins at it), a space apart at most: its byte range and its word.
fn sign_beside(text: &str, at: usize, side: Side) -> Option<(usize, usize, &'static str)> {
    let (sign, from) = match side {
        Side::After => {
            let rest = &text[at..];
            let skip = usize::from(rest.starts_with(' '));
            (rest[skip..].chars().next()?, at + skip)
        }
        Side::Before => {
            let before = &text[..at];
            let before = before.strip_suffix(' ').unwrap_or(before);
            let sign = before.chars().next_back()?;
            (sign, before.len() - sign.len_utf8())
        }
    };
    SIGNS
        .iter()
        .find(|(c, _, s)| *c == sign && *s == side)
        .map(|(c, word, _)| (from, from + c.len_utf8(), *word))
}

impl Split {
    fn fill(&mut self, front: &mut TextAnalyzer, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.len = 0;
        // Words read for signs take a place of their own: the words after them move on.
        let mut added = 0;
        let mut stream = front.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            let number = t.text.starts_with(|c: char| c.is_ascii_digit());
            let before = number.then(|| sign_beside(text, t.offset_from, Side::Before));
            if let Some((from, to, word)) = before.flatten() {
                self.push(from, to, t.position + added, word);
                added += 1;
            }
            self.push(t.offset_from, t.offset_to, t.position + added, &t.text);
            let after = number.then(|| sign_beside(text, t.offset_to, Side::After));
            if let Some((from, to, word)) = after.flatten() {
                added += 1;
                self.push(from, to, t.position + added, word);
            }
        }
    }

    fn push(&mut self, from: usize, to: usize, position: usize, text: &str) {
        if self.len == self.tokens.len() {
            self.tokens.push(Token::default());
        }
        let kept = &mut self.tokens[self.len];
        kept.offset_from = from;
        kept.offset_to = to;
        kept.position = position;
        kept.position_length = 1;
        kept.text.clear();
        kept.text.push_str(text);
        self.len += 1;
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

    #[test]
    fn a_sign_beside_a_number_is_read_as_its_word() {
        let text = "90% van € 405.000, of 5,7 % en 3 €";
        let expected = [
            ("90", 0, 0, 2),
            ("procent", 1, 2, 3),
            ("van", 2, 4, 7),
            ("euro", 3, 8, 11),
            ("405", 4, 12, 15),
            ("000", 5, 16, 19),
            ("of", 6, 21, 23),
            ("5", 7, 24, 25),
            ("7", 8, 26, 27),
            ("procent", 9, 28, 29),
            ("en", 10, 30, 32),
            ("3", 11, 33, 34),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|&(w, p, from, to)| (w.to_string(), p, from, to))
            .collect();
        assert_eq!(words(text), expected);
        // Only beside a number, a space apart at most.
        let terms = |text| words(text).into_iter().map(|w| w.0).collect::<Vec<_>>();
        assert_eq!(terms("de % en €"), ["de", "en"]);
        assert_eq!(terms("12  %"), ["12"]);
        assert_eq!(terms("€12"), ["euro", "12"]);
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
