//! Highlighting: which words of a passage the query matched, and a short excerpt around them.

use std::collections::HashSet;
use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::{analyze, exact, is_particle, stemmed, stemmed_text, CompoundDictionary};

/// What to highlight: stems of the query's words, and its phrases as unstemmed term sequences.
#[derive(Clone)]
pub struct Highlighter {
    stems: HashSet<String>,
    sequences: Vec<Vec<String>>,
    // Built once: the passage of every hit goes through them.
    stemmed: TextAnalyzer,
    exact: TextAnalyzer,
}

impl Highlighter {
    /// Builds a highlighter from the query's words and phrases.
    ///
    /// A verb form in the passage is marked when the query has its infinitive ("steunt" for
    /// "steunen", "opgesteld" for "opstellen"), as the index found it.
    pub fn new<'a>(
        words: impl IntoIterator<Item = &'a str>,
        phrases: impl IntoIterator<Item = &'a str>,
    ) -> Highlighter {
        let words: Vec<&str> = words.into_iter().collect();
        let mut infinitives = Vec::new();
        for w in &words {
            for t in analyze(&mut exact(), w) {
                // "opstellen": "opgesteld" is checked as "stellen" behind its particle.
                if let Some(rest) = (2..t.term.len())
                    .find(|&i| t.term.is_char_boundary(i) && is_particle(&t.term[..i]))
                    .map(|i| t.term[i..].to_string())
                {
                    infinitives.push(rest);
                }
                infinitives.push(t.term);
            }
        }
        let infinitives = CompoundDictionary::from_words(infinitives.iter().map(String::as_str));
        let mut h = Highlighter {
            stems: HashSet::new(),
            sequences: Vec::new(),
            stemmed: stemmed_text(infinitives),
            exact: exact(),
        };
        let mut query_stemmer = stemmed();
        for w in words {
            let terms = analyze(&mut query_stemmer, w);
            if terms.len() == 1 {
                h.stems.extend(terms.into_iter().map(|t| t.term));
            } else if terms.len() > 1 {
                let seq = analyze(&mut h.exact, w)
                    .into_iter()
                    .map(|t| t.term)
                    .collect();
                h.sequences.push(seq);
            }
        }
        for p in phrases {
            let seq: Vec<String> = analyze(&mut h.exact, p)
                .into_iter()
                .map(|t| t.term)
                .collect();
            if !seq.is_empty() {
                h.sequences.push(seq);
            }
        }
        h
    }

    /// Also marks words with these stems (the parts a query's compound was split into).
    pub fn add_stems(&mut self, stems: impl IntoIterator<Item = String>) {
        self.stems.extend(stems);
    }

    /// Also marks these sequences of words as written (what a query's abbreviation stands for).
    pub fn add_sequences(&mut self, sequences: impl IntoIterator<Item = Vec<String>>) {
        self.sequences
            .extend(sequences.into_iter().filter(|s| !s.is_empty()));
    }

    /// Byte ranges of the matched words in `text`, in order, not overlapping.
    ///
    /// ```
    /// use kamerzoek::search::Highlighter;
    /// let mut h = Highlighter::new(["curacao", "mensenhandel"], ["sint maarten"]);
    /// let text = "Aruba, Curaçao en Sint Maarten: mensenhandel in Sint Eustatius.";
    /// let marked: Vec<&str> = h.ranges(text).into_iter().map(|r| &text[r]).collect();
    /// assert_eq!(marked, ["Curaçao", "Sint Maarten", "mensenhandel"]);
    /// ```
    pub fn ranges(&mut self, text: &str) -> Vec<Range<usize>> {
        let stems = analyze(&mut self.stemmed, text);
        let mut out: Vec<Range<usize>> = stems
            .iter()
            .filter(|t| self.stems.contains(&t.term))
            .map(|t| t.from..t.to)
            .collect();
        if !self.sequences.is_empty() {
            let exacts = analyze(&mut self.exact, text);
            for seq in &self.sequences {
                for start in 0..exacts.len().saturating_sub(seq.len() - 1) {
                    if exacts[start..start + seq.len()]
                        .iter()
                        .zip(seq)
                        .all(|(t, s)| t.term == *s)
                    {
                        out.push(exacts[start].from..exacts[start + seq.len() - 1].to);
                    }
                }
            }
        }
        out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
        for r in out {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// Cuts `text` to about `max_chars` characters around the first highlight, at word boundaries,
/// and shifts the highlights to match. Returns the excerpt and its highlights (byte ranges).
///
/// ```
/// use kamerzoek::search::excerpt;
/// let text = format!("{} mensenhandel {}", "woord ".repeat(100), "eind ".repeat(100));
/// let start = text.find("mensenhandel").unwrap();
/// let (cut, marks) = excerpt(&text, &[start..start + 12], 80);
/// assert!(cut.chars().count() <= 84);
/// assert_eq!(&cut[marks[0].clone()], "mensenhandel");
/// ```
pub fn excerpt(
    text: &str,
    highlights: &[Range<usize>],
    max_chars: usize,
) -> (String, Vec<Range<usize>>) {
    if text.chars().count() <= max_chars {
        return (text.to_string(), highlights.to_vec());
    }
    let anchor = highlights.first().map_or(0, |r| r.start);
    // Start a third of the window before the first highlight, at a word boundary.
    let back = max_chars / 3;
    let mut start = text[..anchor]
        .char_indices()
        .rev()
        .nth(back)
        .map_or(0, |(i, _)| i);
    if start > 0 {
        start = text[start..]
            .find(' ')
            .map_or(start, |s| start + s + 1)
            .min(anchor);
    }
    let mut end = text[start..]
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(i, _)| start + i);
    if end < text.len() {
        end = text[start..end]
            .rfind(' ')
            .map_or(end, |e| start + e)
            .max(anchor.min(end));
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let prefix = out.len();
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    let marks = highlights
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| (r.start - start + prefix)..(r.end - start + prefix))
        .collect();
    (out, marks)
}

/// Converts byte ranges in `text` to character ranges.
///
/// ```
/// let text = "Curaçao en Aruba";
/// assert_eq!(kamerzoek::search::char_ranges(text, &[12..17]), [(11, 16)]);
/// assert_eq!(kamerzoek::search::char_ranges(text, &[0..8]), [(0, 7)]);
/// ```
pub fn char_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<(usize, usize)> {
    let chars_before = |byte: usize| text.get(..byte).map_or(0, |s| s.chars().count());
    ranges
        .iter()
        .map(|r| (chars_before(r.start), chars_before(r.end)))
        .collect()
}
