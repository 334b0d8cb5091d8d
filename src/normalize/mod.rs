//! Dutch text normalization: raw text from PDFs, OCR and XML in, clean readable paragraphs out.
//!
//! The pipeline is declared once, in order, in [`PIPELINE`]. Character stages map text to text
//! and keep every line break (so paragraphs remember the line they start on); line stages drop
//! page furniture; the paragraph stage joins wrapped lines and heals words broken across them.
//! What comes out is what kamerzoek indexes, shows in passages and exports.
//!
//! ```
//! use kamerzoek::normalize::{normalize, Lexicon};
//! let clean = normalize("ten op-\nzichte van de ﬁnanciële\u{A0}moge-\nlijkheden\n\nPagina 1 van 2\n", &Lexicon::default());
//! assert_eq!(clean.text(), "ten opzichte van de financiële mogelijkheden");
//! ```

mod chars;
mod furniture;
mod lexicon;
mod paragraphs;

use std::borrow::Cow;

pub use furniture::is_furniture;
pub use lexicon::{fold, Lexicon};
pub use paragraphs::{decide_break, Break};

/// One line of the source, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Line number in the source file.
    pub number: u32,
    /// The line's text, without its line break.
    pub text: String,
}

/// One paragraph of clean text, with the source line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Line number in the source file where the paragraph starts.
    pub line: u32,
    /// The clean text, on one line.
    pub text: String,
}

/// One step of the pipeline.
#[derive(Clone, Copy)]
pub enum Stage {
    /// Text to text; must keep every `\n`.
    Chars(fn(&str) -> Cow<'_, str>),
    /// Works on the lines of the document (drops or edits them).
    Lines(fn(&mut Vec<Line>)),
    /// Turns lines into paragraphs, with the corpus's lexicon as evidence.
    Paragraphs(fn(&[Line], &Lexicon) -> Vec<Paragraph>),
    /// Edits paragraphs, with the corpus's lexicon as evidence.
    Words(fn(&mut [Paragraph], &Lexicon)),
}

/// The normalization pipeline, in the order it runs. Lossless stages (composition, spaces)
/// come before lossy ones (furniture removal, dehyphenation). NFC runs after the character
/// mappings: removing an invisible character can leave a decomposed pair behind.
pub const PIPELINE: &[(&str, Stage)] = &[
    ("ligatures", Stage::Chars(chars::ligatures)),
    ("soft-hyphens", Stage::Chars(chars::soft_hyphens)),
    ("spaces-and-marks", Stage::Chars(chars::spaces_and_marks)),
    ("nfc", Stage::Chars(chars::nfc)),
    ("page-furniture", Stage::Lines(furniture::remove)),
    ("paragraphs", Stage::Paragraphs(paragraphs::assemble)),
    (
        "inline-hyphens",
        Stage::Words(paragraphs::heal_inline_hyphens),
    ),
];

/// Clean text as paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
}

impl Normalized {
    /// The clean text: paragraphs separated by a blank line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.paragraphs {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&p.text);
        }
        out
    }
}

/// Runs only the character stages: the text metadata is read from, and the lexicon counted on.
///
/// ```
/// assert_eq!(kamerzoek::normalize::normalize_chars("ont\u{AD}werp\u{A0}van"), "ontwerp van");
/// ```
pub fn normalize_chars(raw: &str) -> String {
    let mut text = Cow::Borrowed(raw);
    for (_, stage) in PIPELINE {
        if let Stage::Chars(f) = stage {
            if let Cow::Owned(changed) = f(&text) {
                text = Cow::Owned(changed);
            }
        }
    }
    text.into_owned()
}

/// Runs the whole pipeline on raw text.
pub fn normalize(raw: &str, lexicon: &Lexicon) -> Normalized {
    normalize_structure(&normalize_chars(raw), lexicon)
}

/// Runs the line and paragraph stages on text that went through [`normalize_chars`] already.
pub fn normalize_structure(chars: &str, lexicon: &Lexicon) -> Normalized {
    let mut lines: Vec<Line> = chars
        .split('\n')
        .enumerate()
        .map(|(i, t)| Line {
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            text: t.to_string(),
        })
        .collect();
    let mut paragraphs = Vec::new();
    for (_, stage) in PIPELINE {
        match stage {
            Stage::Chars(_) => {}
            Stage::Lines(f) => f(&mut lines),
            Stage::Paragraphs(f) => paragraphs = f(&lines, lexicon),
            Stage::Words(f) => f(&mut paragraphs, lexicon),
        }
    }
    // A paragraph that is furniture on its own (a footer wrapped over two lines) goes too, which
    // also makes the pipeline idempotent: its output, run again, sees these paragraphs as lines.
    paragraphs.retain(|p| !is_furniture(&p.text));
    let mut as_lines: Vec<Line> = paragraphs
        .iter()
        .map(|p| Line {
            number: p.line,
            text: p.text.clone(),
        })
        .collect();
    furniture::remove(&mut as_lines);
    if as_lines.len() != paragraphs.len() {
        let kept: std::collections::HashSet<u32> = as_lines.iter().map(|l| l.number).collect();
        paragraphs.retain(|p| kept.contains(&p.line));
    }
    Normalized { paragraphs }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../sample_corpus/000_4b49ee41d29ace67.txt");

    #[test]
    fn the_seed_letter_reads_like_a_person_would_read_it() {
        let text = normalize(SEED, &Lexicon::default()).text();
        for whole in [
            "ten opzichte van",
            "seksueel misbruik in",
            "kwetsbare groepen",
            "de mogelijkheden voor",
        ] {
            assert!(text.contains(whole), "{whole:?} missing in:\n{text}");
        }
        assert!(!text.contains("Pagina 1 van 2"));
        assert!(text.contains("Curaçao en Sint Maarten"));
        assert!(
            text.contains("thema's"),
            "typographic apostrophe normalized"
        );
    }

    #[test]
    fn paragraphs_point_at_their_source_line() {
        let n = normalize(SEED, &Lexicon::default());
        let p = n
            .paragraphs
            .iter()
            .find(|p| p.text.starts_with("Op 28 november 2013"))
            .unwrap();
        assert_eq!(
            SEED.lines().nth(p.line as usize - 1).unwrap().trim_end(),
            "Op 28 november 2013 heeft uw Kamer een motie van de leden Segers en Van"
        );
    }

    #[test]
    fn pipeline_names_are_unique() {
        let mut names: Vec<&str> = PIPELINE.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PIPELINE.len());
    }

    #[test]
    fn normalizing_twice_changes_nothing_on_the_seed() {
        let once = normalize(SEED, &Lexicon::default()).text();
        assert_eq!(normalize(&once, &Lexicon::default()).text(), once);
    }
}
