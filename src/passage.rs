//! Passages: the units kamerzoek ranks and shows.
//!
//! Paragraphs are merged up to a size that reads as one answer, and very long paragraphs are cut
//! at sentence ends, so that BM25 compares passages of similar length and a hit shows a
//! paragraph, not a whole document.

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::Paragraph;

/// Passages aim to stay below this many bytes; a single sentence longer than this is cut at a
/// word boundary.
pub const MAX_PASSAGE: usize = 1200;
/// Paragraphs shorter than this ("De Kamer,", "gehoord de beraadslaging,", a signature) do not
/// stand alone: they join the passage before or after them.
const MIN_PASSAGE: usize = 500;

/// How far into a document a header or letterhead can reach, in paragraphs.
const HEADER_PARAGRAPHS: usize = 8;

/// Paragraphs that belong to a header: a letterhead's labels, a published Kamerstuk's heading.
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:>\s*)?(?:Retouradres|Datum\b|Kenmerk\b|Betreft\b|Onze referentie|Uw kenmerk|(?:Tweede|Eerste) Kamer der Staten-Generaal|Vergaderjaar\b|Zitting\b|Nr\.\s*\d|Voorgesteld\b|Ontvangen\b|Aan de Voorzitter)")
        .expect("valid header regex")
});

/// The number of leading paragraphs that form the header (letterhead, Kamerstuk heading):
/// they make a passage of their own, so that the first paragraph of the text is not buried
/// under addresses and reference numbers.
fn header_len(paragraphs: &[Paragraph]) -> usize {
    paragraphs
        .iter()
        .take(HEADER_PARAGRAPHS)
        .rposition(|p| HEADER.is_match(&p.text))
        .map_or(0, |i| i + 1)
}

/// One passage of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Position in the document, from 0.
    pub number: u32,
    /// Source line where the passage starts.
    pub line: u32,
    /// The passage text; its paragraphs are separated by `\n`.
    pub text: String,
}

/// Splits a document's paragraphs into passages.
///
/// ```
/// use kamerzoek::normalize::Paragraph;
/// use kamerzoek::passage::split;
/// let paras = vec![
///     Paragraph { line: 1, text: "De Kamer,".into() },
///     Paragraph { line: 3, text: "verzoekt de regering iets te doen,".into() },
/// ];
/// let passages = split(&paras);
/// assert_eq!(passages.len(), 1);
/// assert_eq!(passages[0].text, "De Kamer,\nverzoekt de regering iets te doen,");
/// ```
pub fn split(paragraphs: &[Paragraph]) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    let mut current: Option<Passage> = None;
    let header = header_len(paragraphs);
    for (i, p) in paragraphs.iter().enumerate() {
        if i == header && header > 0 {
            out.extend(current.take());
        }
        for piece in pieces(&p.text) {
            match current.as_mut() {
                // A short passage takes the next paragraph; a short paragraph joins the passage
                // before it; paragraphs of a good size stand alone.
                Some(c)
                    if (c.text.len() < MIN_PASSAGE || piece.len() < MIN_PASSAGE)
                        && c.text.len() + 1 + piece.len() <= MAX_PASSAGE =>
                {
                    c.text.push('\n');
                    c.text.push_str(piece);
                }
                _ => {
                    out.extend(current.take());
                    current = Some(Passage {
                        number: 0,
                        line: p.line,
                        text: piece.to_string(),
                    });
                }
            }
        }
    }
    out.extend(current);
    for (i, p) in out.iter_mut().enumerate() {
        p.number = u32::try_from(i).unwrap_or(u32::MAX);
    }
    out
}

/// A paragraph cut into pieces of at most [`MAX_PASSAGE`] bytes, at sentence ends where possible.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.len() > MAX_PASSAGE {
        let window = floor_char_boundary(rest, MAX_PASSAGE);
        let head = &rest[..window];
        let cut = head
            .rmatch_indices(['.', ';', '?', '!'])
            .map(|(i, _)| i + 1)
            .find(|&i| i > MAX_PASSAGE / 3 && rest[i..].starts_with(' '))
            .or_else(|| head.rfind(' ').filter(|&i| i > 0))
            .unwrap_or(window);
        out.push(rest[..cut].trim());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(line: u32, text: &str) -> Paragraph {
        Paragraph {
            line,
            text: text.to_string(),
        }
    }

    #[test]
    fn long_paragraphs_are_cut_at_sentence_ends() {
        let sentence = "Dit is een zin over mensenhandel op de eilanden van het Koninkrijk. ";
        let long = sentence.repeat(40);
        let passages = split(&[para(7, long.trim())]);
        assert!(passages.len() >= 2);
        for p in &passages {
            assert!(p.text.len() <= MAX_PASSAGE, "{}", p.text.len());
            assert!(p.text.ends_with('.'), "{:?}", &p.text[p.text.len() - 20..]);
            assert_eq!(p.line, 7);
        }
        let joined: String = passages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, long.trim());
    }

    #[test]
    fn short_paragraphs_merge_and_keep_the_first_line() {
        let ps = split(&[
            para(1, "De Kamer,"),
            para(3, "gehoord de beraadslaging,"),
            para(5, &"x ".repeat(700)),
        ]);
        assert_eq!(ps[0].line, 1);
        assert!(ps[0].text.starts_with("De Kamer,\ngehoord"));
        assert_eq!(
            ps.iter().map(|p| p.number).collect::<Vec<_>>(),
            (0..ps.len() as u32).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_letterhead_is_a_passage_of_its_own() {
        let ps = split(&[
            para(1, "> Retouradres Postbus 20011 2500 EA Den Haag"),
            para(3, "Directie Koninkrijksrelaties Turfmarkt 147"),
            para(9, "Datum 24 februari 2015 Betreft Regeringsreactie"),
            para(
                12,
                "Op 28 november 2013 heeft uw Kamer een motie aangenomen.",
            ),
            para(15, "Tevens heb ik u toegezegd dat er onderzoek komt."),
        ]);
        assert_eq!(ps.len(), 2);
        assert!(ps[0].text.ends_with("Regeringsreactie"));
        assert_eq!(ps[1].line, 12);
        assert!(ps[1].text.starts_with("Op 28 november"));
    }

    #[test]
    fn a_text_without_spaces_is_still_cut() {
        let ps = split(&[para(1, &"ä".repeat(2000))]);
        assert!(ps.iter().all(|p| p.text.len() <= MAX_PASSAGE));
        assert_eq!(
            ps.iter().map(|p| p.text.chars().count()).sum::<usize>(),
            2000
        );
    }
}
