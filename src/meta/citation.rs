//! The Kamerstukken a text cites, in every way texts write them.
//!
//! A government letter writes "Kamerstuk 28 638, nr. 115"; a motie "de motie-Boomsma/Rajkowski
//! (19 637, nr. 3334)", "(23 645 nr 823)", "(29628–1249)" or "de motie op stuk nr. 37 (36 410
//! VI)"; a scan "Kamerstukken II 1986/87, 19991, nr. 1"; a list "(35 334, nrs. 383, 348 en 309)"
//! cites three. Without the word "Kamerstuk" a number is taken for a citation only where it
//! cannot be anything else: a dossier of five digits (a year, an amount of money or a Staatsblad
//! number has four, or more groups), not glued to a digit, a "/" or a "." before it.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::id::{parse_dossier, DOSSIER, SUFFIX};
use super::KamerstukId;

/// A dossier of modern numbering: five digits, possibly printed "36 410".
const MODERN_DOSSIER: &str = r"(?P<dossier>\d{2}[ .\u{a0}]?\d{3})";
/// A sub-series ("21501-02", "21501–08") or a chapter or letter ("36 410 VI", "36 410-A",
/// "36 410A").
const CITED_SUFFIX: &str =
    r"(?:[-–](?P<sub>\d{2})(?-u:\b))?(?:[\s\u{a0}-]*(?P<suffix>[IVXL]+[AB]?|[A-Z])(?-u:\b))?";
/// The further dossiers of a combined Kamerstuk ("31 293 en 31 289, nr. 653", "34 682/35 334,
/// nr. 143"), which is named by its first.
const MORE_DOSSIERS: &str = r"(?:\s*(?:/|(?-u:\b)en(?-u:\b))\s*\d{2}[ .\u{a0}]?\d{3}(?:[-–]\d{2})?(?:[\s-]+[IVXL]+[AB]?)?)*";
/// "nr. 16", "nr 823", "stuk nr. 2648", "nrs. 383, 348 en 309", and an amendement's "letter Y".
const NUMBERS: &str = r"(?:(?i:stuk\s+)?(?:(?i:nrs)\.?\s*(?P<nums>\d+(?:\s*(?:,|(?-u:\b)en(?-u:\b))\s*\d+)*)|(?i:nr)\.?\s*(?P<num>\d+))|(?i:letter)\s+(?P<letter>[A-Z]{1,2})(?-u:\b))";

/// One pattern per way of writing, each with its own group names: the regex crate wants names
/// unique across the alternatives.
static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    let renamed = |pattern: &str, tag: &str| {
        [
            "dossier", "sub", "suffix", "nums", "num", "letter1", "letter",
        ]
        .iter()
        .fold(pattern.to_string(), |p, g| {
            p.replace(&format!("?P<{g}>"), &format!("?P<{tag}_{g}>"))
        })
    };
    // "Kamerstuk(ken) [I|II] [2013/14,] 33 750 IV, nr. 16" and the Eerste Kamer's "..., D".
    let prefixed = renamed(
        &format!(
            r"(?-u:\b)(?i:kamerstuk(?:ken)?)\s+(?:I{{1,2}}\s+)?(?:\d{{4}}(?:[/–-]\d{{2,4}})?\s*,?\s*)?{DOSSIER}{SUFFIX}\s*,\s*(?:{NUMBERS}|(?P<letter1>[A-Z]{{1,2}})(?-u:\b))"
        ),
        "w",
    );
    // "19 637, nr. 3334", "36 600-XX, nr. 29", "23 645 nr 823".
    let bare = renamed(
        &format!(r"{MODERN_DOSSIER}{CITED_SUFFIX}{MORE_DOSSIERS}\s*,?\s+{NUMBERS}"),
        "b",
    );
    // "stuk nr. 37 (36 410 VI)".
    let reversed = renamed(
        &format!(r"(?-u:\b)(?i:nr)\.?\s*(?P<num>\d+)\s*\({MODERN_DOSSIER}{CITED_SUFFIX}\)"),
        "r",
    );
    // "(29628–1249)": a number of three or more digits, so that a sub-series such as
    // "(21501–08)" is not read as number 8.
    let dashed = renamed(
        &format!(
            r"\({MODERN_DOSSIER}(?:-(?P<suffix>\d{{2}}|[IVXL]+[AB]?))?\s*[-–]\s*(?P<num>[1-9]\d{{2,}})\)"
        ),
        "d",
    );
    // "kst-33750-IV-16" written out.
    let kst = r"(?-u:\b)(?i:kst)-(?P<k_dossier>\d{4,6})(?:-(?P<k_suffix>\d{2}|[IVXL]+[AB]?|[A-Z]))?-(?P<k_num>\d+|[A-Z]{1,2})(?-u:\b)";
    Regex::new(&format!("{prefixed}|{bare}|{reversed}|{dashed}|{kst}"))
        .expect("valid citation regex")
});

impl KamerstukId {
    /// Every Kamerstuk that `text` cites, in order of first appearance, without repeats.
    ///
    /// ```
    /// use kamerzoek::KamerstukId;
    /// let cited = KamerstukId::find_citations(
    ///     "aangenomen (kamerstukken 33 750 IV, nr. 16) ... per brief (Kamerstuk 28 638, nr. 115); \
    ///      de motie-Boomsma/Rajkowski (19 637, nr. 3334) en de motie op stuk nr. 37 (36 410 VI)");
    /// let ids: Vec<String> = cited.iter().map(|id| id.to_string()).collect();
    /// assert_eq!(ids, ["kst-33750-IV-16", "kst-28638-115", "kst-19637-3334", "kst-36410-VI-37"]);
    /// ```
    pub fn find_citations(text: &str) -> Vec<KamerstukId> {
        let mut found = Vec::new();
        for (_, ids) in KamerstukId::citations_at(text) {
            for id in ids {
                if !found.contains(&id) {
                    found.push(id);
                }
            }
        }
        found
    }

    /// Where `text` cites Kamerstukken: each written citation's byte range, with the ids it
    /// stands for (several for "nrs. 383, 348 en 309").
    ///
    /// ```
    /// use kamerzoek::KamerstukId;
    /// let text = "zie motie 36 410, nr. 113 over asiel";
    /// let (at, ids) = KamerstukId::citations_at(text).remove(0);
    /// assert_eq!(&text[at], "36 410, nr. 113");
    /// assert_eq!(ids[0].to_string(), "kst-36410-113");
    /// ```
    pub fn citations_at(text: &str) -> Vec<(std::ops::Range<usize>, Vec<KamerstukId>)> {
        CITATION
            .captures_iter(text)
            .filter_map(|caps| {
                let ids: Vec<KamerstukId> = cited(&caps, text)
                    .into_iter()
                    .filter(|id| !id.number().is_empty())
                    .collect();
                let whole = caps.get(0)?;
                (!ids.is_empty()).then(|| (whole.range(), ids))
            })
            .collect()
    }
}

/// The ids one match of [`CITATION`] stands for: one, or one per number of a list.
fn cited(caps: &Captures<'_>, text: &str) -> Vec<KamerstukId> {
    let Some(tag) = ["w", "b", "r", "d", "k"]
        .into_iter()
        .find(|t| caps.name(&format!("{t}_dossier")).is_some())
    else {
        return Vec::new();
    };
    let group = |g: &str| caps.name(&format!("{tag}_{g}"));
    let dossier_match = group("dossier").expect("found above");
    if tag != "w" && tag != "k" && !stands_alone(text, dossier_match.start()) {
        return Vec::new();
    }
    let Some(dossier) = parse_dossier(dossier_match.as_str()) else {
        return Vec::new();
    };
    let suffix = group("sub").or_else(|| group("suffix")).map(|m| m.as_str());
    let Some(numbers) = group("nums")
        .or_else(|| group("num"))
        .or_else(|| group("letter"))
        .or_else(|| group("letter1"))
    else {
        return Vec::new();
    };
    numbers
        .as_str()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|n| !n.is_empty() && *n != "en")
        .map(|n| KamerstukId::new(dossier, suffix, n))
        .collect()
}

/// Whether a number starting at `at` is a number of its own: "2017/18", "1.233.750" and
/// "136 600" hold numbers that only look like dossiers.
fn stands_alone(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        KamerstukId::find_citations(text)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn the_forms_moties_write() {
        assert_eq!(
            ids("de motie-Boomsma/Rajkowski (19 637, nr. 3334) en de motie-Podt"),
            ["kst-19637-3334"]
        );
        assert_eq!(
            ids("motie-Van Zanten/Boomsma (36 600-XX, nr. 34)"),
            ["kst-36600-XX-34"]
        );
        assert_eq!(ids("de motie (23 645 nr 823)"), ["kst-23645-823"]);
        assert_eq!(ids("de motie-Eerdmans (29628–1249)"), ["kst-29628-1249"]);
        assert_eq!(
            ids("Raad (Kamerstuk 21 501-02, nr. 2790)"),
            ["kst-21501-02-2790"]
        );
        assert_eq!(
            ids("het amendement op stuk nr. 37 (36 410 VI)"),
            ["kst-36410-VI-37"]
        );
        assert_eq!(
            ids("de motie op stuk nr. 214 (26 150) erkent"),
            ["kst-26150-214"]
        );
        assert_eq!(
            ids("de motie op stuk nr. 942 (21501–08)"),
            ["kst-21501-08-942"]
        );
        assert_eq!(ids("(Kamerstuk 21501–02, nr. 3151)"), ["kst-21501-02-3151"]);
        assert_eq!(
            ids("(Kamerstuk 21 501-21, stuk nr. 2648)"),
            ["kst-21501-21-2648"]
        );
        assert_eq!(ids("(36 410A, nr. 33)"), ["kst-36410-A-33"]);
        assert_eq!(ids("(motie 36 067, letter Y)"), ["kst-36067-Y"]);
        assert_eq!(ids("(36 600 XVII, letter M)"), ["kst-36600-XVII-M"]);
    }

    #[test]
    fn a_combined_kamerstuk_is_cited_by_its_first_dossier() {
        assert_eq!(ids("(31 293 en 31 289, nr. 653)"), ["kst-31293-653"]);
        assert_eq!(ids("(34 682/35 334, nr. 143)"), ["kst-34682-143"]);
    }

    #[test]
    fn a_list_of_numbers_cites_each() {
        assert_eq!(
            ids("aangenomen (35 334, nrs. 383, 348 en 309), waaronder"),
            ["kst-35334-383", "kst-35334-348", "kst-35334-309"]
        );
        // "nr." is one number: what follows "en" is the next citation.
        assert_eq!(
            ids("(36 600 XX, nr. 47 en 36760, nr. 16)"),
            ["kst-36600-XX-47", "kst-36760-16"]
        );
    }

    #[test]
    fn the_forms_scans_write() {
        assert_eq!(
            ids("Kamerstukken II 1986/87, 19991, nr. 1"),
            ["kst-19991-1"]
        );
        assert_eq!(ids("de motie-Franssen (17467, nr 82)"), ["kst-17467-82"]);
        assert_eq!(
            ids("zitting 1991-1992, 21 026 en 22 300 VIII, nr. 18"),
            ["kst-21026-18"]
        );
        assert_eq!(ids("het Beleidsvoornemen (13 933, nr. 1)"), ["kst-13933-1"]);
    }

    #[test]
    fn numbers_that_only_look_like_citations() {
        for text in [
            "Staatsblad 2019, nr. 123",
            "Handelingen II 2017/2018, nr. 70",
            "Stcrt. 2024, nr. 12345",
            "een bedrag van 1.233.750, nr. 4",
            "de sub-serie (21501–08) en (21299-25)",
            "in 2019 (2019-2020)",
        ] {
            assert_eq!(ids(text), Vec::<String>::new(), "{text}");
        }
    }
}
