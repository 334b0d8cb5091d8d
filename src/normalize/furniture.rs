//! Page furniture: page numbers, "Pagina 1 van 2", running headers and footers that PDFs and
//! scans repeat on every page. They are kept out of passages; the metadata extractor reads them
//! before this stage runs.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::Line;

static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:",
        r"pagina\s+\d+(?:\s+van\s+\d+)?",                    // Pagina 1 van 2
        r"|blad\s+\d+(?:\s+van\s+\d+)?",                      // Blad 2 van 3
        r"|[-–]?\s*\d{1,4}\s*[-–]?",                          // 12, - 12 -
        r"|(?:tweede|eerste)\s+kamer,\s*(?:vergaderjaar|zitting)\s+\d{4}\s*[-–]\s*\d{4},\s*[\d\s]+(?:-\d{2})?(?:\s*[IVXL]+[AB]?|\s*[A-Z])?,\s*nr\.\s*\d+(?:\s+\d{1,4})?",
        r"|kst-\d[\w-]*\s+issn\s.*",                          // kst-36045-229 ISSN 0921 - 7371 's-Gravenhage 2025
        r")$"
    ))
    .expect("valid furniture regex")
});

/// Whether a single line is page furniture by its shape alone.
///
/// ```
/// use kamerzoek::normalize::is_furniture;
/// assert!(is_furniture("Pagina 1 van 2"));
/// assert!(is_furniture("Tweede Kamer, vergaderjaar 2024-2025, 36 045, nr. 229 1"));
/// assert!(!is_furniture("De Kamer,"));
/// ```
pub fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && FURNITURE.is_match(line)
}

/// Removes furniture lines, and running headers: short lines with a number in them (a page
/// number, a date, a reference) that come back three times or more.
pub fn remove(lines: &mut Vec<Line>) {
    let key = |text: &str| -> Option<String> {
        let t = text.trim();
        (t.len() <= 120
            && t.chars().any(|c| c.is_ascii_digit())
            && t.chars().any(char::is_alphabetic))
        .then(|| {
            t.chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .collect()
        })
    };
    let keys: Vec<Option<String>> = lines.iter().map(|line| key(&line.text)).collect();
    let mut seen: HashMap<&str, u32> = HashMap::default();
    for k in keys.iter().flatten() {
        *seen.entry(k).or_insert(0) += 1;
    }
    let mut keys = keys.iter();
    lines.retain(|line| {
        let key = keys.next().and_then(Option::as_deref);
        !is_furniture(&line.text) && key.is_none_or(|k| seen[k] < 3)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                number: i as u32 + 1,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn page_markers_go() {
        for l in [
            "Pagina 1 van 2",
            "pagina 3",
            "- 2 -",
            "12",
            "kst-36045-229 ISSN 0921 - 7371 's-Gravenhage 2025",
            "Tweede Kamer, zitting 1979-1980, 14497, nr. 159",
            "Tweede Kamer, vergaderjaar 2024–2025, 36 600 XII, nr. 46 2",
        ] {
            assert!(is_furniture(l), "{l}");
        }
        for l in [
            "De Kamer,",
            "In 2015 is veel gedaan.",
            "Nr. 229 MOTIE VAN HET LID DOBBE",
            "2015-0000097371",
        ] {
            assert!(!is_furniture(l), "{l}");
        }
    }

    #[test]
    fn running_headers_go_and_line_numbers_stay() {
        let mut ls = lines("Datum 24 februari 2015\ntekst een\nDatum 24 februari 2015\ntekst twee\nDatum 24 februari 2015\nDe voorzitter:\nDe voorzitter:\nDe voorzitter:");
        remove(&mut ls);
        let kept: Vec<(u32, &str)> = ls.iter().map(|l| (l.number, l.text.as_str())).collect();
        assert_eq!(
            kept,
            [
                (2, "tekst een"),
                (4, "tekst twee"),
                (6, "De voorzitter:"),
                (7, "De voorzitter:"),
                (8, "De voorzitter:")
            ]
        );
    }
}
