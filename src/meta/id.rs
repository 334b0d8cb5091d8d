//! The Kamerstuk identifier: every way people write one, resolved to the official form.
//!
//! `kst-33750-IV-16` is the key of a document everywhere in kamerzoek. Users type
//! `33750-IV-16`, `33 750 IV, nr. 16` or `Kamerstuk 28 638, nr. 115`; texts cite
//! `Kamerstukken II 2013/14, 33 750 IV, nr. 16`. All of them parse to the same [`KamerstukId`].

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;

use crate::Error;

/// A Kamerstuk number: dossier, optional dossier suffix, and the number within the dossier.
///
/// ```
/// use kamerzoek::KamerstukId;
///
/// let id: KamerstukId = "33 750 IV, nr. 16".parse().unwrap();
/// assert_eq!(id.to_string(), "kst-33750-IV-16");
/// assert_eq!(id.dossier_key(), "33750-IV");
/// assert_eq!(KamerstukId::parse("Kamerstuk 28 638, nr. 115").unwrap().to_string(), "kst-28638-115");
/// assert_eq!(KamerstukId::parse("kst-21501-02-3166").unwrap().dossier_key(), "21501-02");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KamerstukId {
    dossier: u32,
    suffix: Option<String>,
    number: String,
}

// A dossier number is printed "33 750" or "33.750" in running text and "33750" in ids.
pub(super) const DOSSIER: &str = r"(?P<dossier>\d{1,3}(?:[ .\u{a0}]\d{3})|\d{4,6})";
// Budget chapter (I..XXIII, IIA, IIB), a single letter (A, B, ...) or a two-digit sub-series.
pub(super) const SUFFIX: &str =
    r"(?:-(?P<sub>\d{2})(?:(?-u:\b)|$))?(?:[\s\u{a0}-]+(?P<suffix>[IVXL]+[AB]?|[A-Z])(?-u:\b))?";

/// The canonical form exactly as [`KamerstukId`]'s `Display` writes it, which is also what
/// the short forms of old Kamerstukken need: a dossier of one to three digits (`kst-184-1`, a
/// Bijlage before the 1950s) and numbers of two letters (`kst-31700-VI-AB`). Only with the
/// `kst-` prefix: in other forms such short numbers are not told apart from anything else.
static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*KST-(?P<dossier>\d{1,6})(?:-(?P<sub>\d{2})|-(?P<suffix>[IVXL]+[AB]?|[A-Z]))?-(?P<num>\d+[A-Z]?|[A-Z]{1,2})\s*$")
        .expect("valid short id regex")
});

static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:(?i:kamerstuk(?:ken)?)\s+(?:I{{1,2}}\s+)?(?:\d{{4}}(?:[/–-]\d{{2,4}})?\s*,?\s*)?)?(?:(?i:kst)[-\s]?)?{DOSSIER}{SUFFIX}(?:\s*(?:,\s*|-|\s+)(?:(?i:nr)\.?\s*|(?i:nummer)\s*)?(?P<num>\d+)|\s*,\s*(?P<letter>[A-Z]{{1,2}})|-(?P<letter1>[A-Z]))\s*$"
    ))
    .expect("valid id regex")
});

impl KamerstukId {
    /// Builds an id from its parts. `suffix` is a budget chapter (`IV`), a letter (`A`) or a
    /// two-digit sub-series (`02`); `number` is the number within the dossier (`16`) or an
    /// Eerste Kamer letter (`D`).
    ///
    /// ```
    /// use kamerzoek::KamerstukId;
    /// let id = KamerstukId::new(36600, Some("xvi"), "12");
    /// assert_eq!(id.to_string(), "kst-36600-XVI-12");
    /// ```
    pub fn new(dossier: u32, suffix: Option<&str>, number: &str) -> Self {
        KamerstukId {
            dossier,
            suffix: suffix
                .map(|s| s.trim().to_ascii_uppercase())
                .filter(|s| !s.is_empty()),
            number: number.trim().trim_start_matches('0').to_ascii_uppercase(),
        }
    }

    /// Parses any common way of writing a Kamerstuk number; `None` if `text` is not one.
    ///
    /// ```
    /// use kamerzoek::KamerstukId;
    /// for form in ["kst-33750-IV-16", "33750-IV-16", "33 750 IV, nr. 16", "Kamerstukken II 2013/14, 33 750 IV, nr. 16"] {
    ///     assert_eq!(KamerstukId::parse(form).unwrap().to_string(), "kst-33750-IV-16");
    /// }
    /// assert!(KamerstukId::parse("mensenhandel").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Self> {
        // Suffixes are written in capitals; users type "kst-33750-iv-16" too.
        let upper = text.to_uppercase();
        let caps = WHOLE.captures(&upper).or_else(|| SHORT.captures(&upper))?;
        let dossier = parse_dossier(&caps["dossier"])?;
        let suffix = caps
            .name("sub")
            .or_else(|| caps.name("suffix"))
            .map(|m| m.as_str());
        let number = caps
            .name("num")
            .or_else(|| caps.name("letter"))
            .or_else(|| caps.name("letter1"))?;
        Some(KamerstukId::new(dossier, suffix, number.as_str()))
    }

    /// The dossier number (`33750`).
    pub fn dossier(&self) -> u32 {
        self.dossier
    }

    /// The dossier suffix, if any (`IV`, `A`, `02`).
    pub fn suffix(&self) -> Option<&str> {
        self.suffix.as_deref()
    }

    /// The number within the dossier (`16`), or an Eerste Kamer letter (`D`).
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The dossier with its suffix as kamerzoek filters on it: `33750-IV`, `21501-02`, `34104`.
    pub fn dossier_key(&self) -> String {
        dossier_key(self.dossier, self.suffix.as_deref())
    }

    /// The dossier as it is printed on paper: `33 750 IV`, `21 501-02`.
    pub fn dossier_printed(&self) -> String {
        let mut out = group_thousands(self.dossier);
        match self.suffix.as_deref() {
            Some(s) if s.bytes().all(|b| b.is_ascii_digit()) => {
                out.push('-');
                out.push_str(s);
            }
            Some(s) => {
                out.push(' ');
                out.push_str(s);
            }
            None => {}
        }
        out
    }

    /// The official citation: `Kamerstukken II 2013/14, 33 750 IV, nr. 16`.
    ///
    /// `vergaderjaar` is the parliamentary year as kamerzoek stores it (`2013-2014`); without
    /// it the year is left out. Eerste Kamer letters are cited without `nr.`.
    ///
    /// ```
    /// use kamerzoek::KamerstukId;
    /// let id = KamerstukId::parse("kst-33750-IV-16").unwrap();
    /// assert_eq!(id.citation(Some("2013-2014")), "Kamerstukken II 2013/14, 33 750 IV, nr. 16");
    /// ```
    pub fn citation(&self, vergaderjaar: Option<&str>) -> String {
        let letter = self.number.bytes().all(|b| b.is_ascii_alphabetic());
        let house = if letter { "I" } else { "II" };
        let year = vergaderjaar
            .and_then(|v| {
                let (a, b) = v.split_once('-')?;
                Some(format!(" {a}/{}", b.get(2..).unwrap_or(b)))
            })
            .map(|y| format!("{y},"))
            .unwrap_or_default();
        let number = if letter {
            self.number.clone()
        } else {
            format!("nr. {}", self.number)
        };
        format!(
            "Kamerstukken {house}{year} {}, {number}",
            self.dossier_printed()
        )
    }
}

/// Normalizes a dossier as users type it (`33 750 IV`, `33750-iv`, `21 501-02`, `34104`) to the
/// key kamerzoek filters on (`33750-IV`, `21501-02`, `34104`); `None` if it is not a dossier.
///
/// ```
/// assert_eq!(kamerzoek::meta::parse_dossier_key("33 750 iv").as_deref(), Some("33750-IV"));
/// assert_eq!(kamerzoek::meta::parse_dossier_key("21 501-02").as_deref(), Some("21501-02"));
/// assert_eq!(kamerzoek::meta::parse_dossier_key("motie"), None);
/// ```
pub fn parse_dossier_key(text: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"^\s*{DOSSIER}{SUFFIX}\s*$")).expect("valid dossier regex")
    });
    let upper = text.to_ascii_uppercase();
    if let Ok(short) = upper.trim().parse::<u32>() {
        // A whole value of a few digits is a dossier number, as the oldest are.
        return (short > 0).then(|| short.to_string());
    }
    let caps = RE.captures(&upper)?;
    let suffix = caps
        .name("sub")
        .or_else(|| caps.name("suffix"))
        .map(|m| m.as_str());
    Some(dossier_key(parse_dossier(&caps["dossier"])?, suffix))
}

pub(crate) fn dossier_key(dossier: u32, suffix: Option<&str>) -> String {
    match suffix {
        Some(s) => format!("{dossier}-{s}"),
        None => dossier.to_string(),
    }
}

pub(super) fn parse_dossier(text: &str) -> Option<u32> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|&n| n > 0)
}

fn group_thousands(n: u32) -> String {
    if n < 1000 {
        n.to_string()
    } else {
        format!("{} {:03}", n / 1000, n % 1000)
    }
}

impl fmt::Display for KamerstukId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "kst-{}", self.dossier)?;
        if let Some(s) = &self.suffix {
            write!(f, "-{s}")?;
        }
        write!(f, "-{}", self.number)
    }
}

serde_as_text!(KamerstukId, KamerstukId::parse, "Kamerstuk id");

impl FromStr for KamerstukId {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KamerstukId::parse(s).ok_or_else(|| Error::InvalidArgument {
            what: "kamerstuk id",
            value: s.to_string(),
            hint: Some(
                "expected a form like kst-33750-IV-16, 33750-IV-16 or 33 750 IV, nr. 16".into(),
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> Option<String> {
        KamerstukId::parse(s).map(|id| id.to_string())
    }

    #[test]
    fn parses_every_form_in_the_brief() {
        let cases = [
            ("kst-34104-439", "kst-34104-439"),
            ("kst-33750-IV-16", "kst-33750-IV-16"),
            ("KST-33750-iv-16", "kst-33750-IV-16"),
            ("kst-36600-XVI-12", "kst-36600-XVI-12"),
            ("kst-21501-02-3166", "kst-21501-02-3166"),
            ("kst-36410-A-30", "kst-36410-A-30"),
            ("33750-IV-16", "kst-33750-IV-16"),
            ("33750 IV 16", "kst-33750-IV-16"),
            ("33 750 IV, nr. 16", "kst-33750-IV-16"),
            ("33.750 IV nr 16", "kst-33750-IV-16"),
            ("Kamerstuk 28 638, nr. 115", "kst-28638-115"),
            ("kamerstukken 33 750 IV, nr. 16", "kst-33750-IV-16"),
            (
                "Kamerstukken II 2013/14, 33 750 IV, nr. 16",
                "kst-33750-IV-16",
            ),
            ("Kamerstukken I 2008/09, 31 700 VI, D", "kst-31700-VI-D"),
            ("21 501-02, nr. 3166", "kst-21501-02-3166"),
            ("34104-439", "kst-34104-439"),
            ("36410-A-30", "kst-36410-A-30"),
        ];
        for (input, want) in cases {
            assert_eq!(canon(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn rejects_what_is_not_an_id() {
        for s in [
            "",
            "mensenhandel",
            "2015",
            "33750",
            "kst-",
            "nr. 16",
            "33 750 IV",
            "24 februari 2015",
        ] {
            assert_eq!(canon(s), None, "{s:?}");
        }
    }

    #[test]
    fn old_short_dossiers_only_with_the_kst_prefix() {
        assert_eq!(canon("kst-184-1").as_deref(), Some("kst-184-1"));
        assert_eq!(canon("KST-380-4").as_deref(), Some("kst-380-4"));
        assert_eq!(
            canon("kst-19200-XIV-AB").as_deref(),
            Some("kst-19200-XIV-AB")
        );
        assert_eq!(canon("184-1"), None);
        assert_eq!(canon("nr. 184, 1"), None);
        let id = KamerstukId::new(380, None, "4");
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(serde_json::from_str::<KamerstukId>(&json).unwrap(), id);
        assert_eq!(parse_dossier_key("380").as_deref(), Some("380"));
    }

    #[test]
    fn round_trips_through_display() {
        for s in [
            "kst-34104-439",
            "kst-33750-IV-16",
            "kst-21501-02-3166",
            "kst-36410-A-30",
            "kst-31700-VI-D",
        ] {
            let id = KamerstukId::parse(s).unwrap();
            assert_eq!(id.to_string(), s);
            assert_eq!(KamerstukId::parse(&id.to_string()), Some(id.clone()));
            assert_eq!(
                KamerstukId::parse(&format!("{}, nr. {}", id.dossier_printed(), id.number()))
                    .filter(|_| !id.number().starts_with(char::is_alphabetic))
                    .unwrap_or(id.clone()),
                id
            );
        }
    }

    #[test]
    fn prints_citations() {
        let id = KamerstukId::parse("kst-21501-02-3166").unwrap();
        assert_eq!(id.dossier_printed(), "21 501-02");
        assert_eq!(
            id.citation(Some("2024-2025")),
            "Kamerstukken II 2024/25, 21 501-02, nr. 3166"
        );
        assert_eq!(id.citation(None), "Kamerstukken II 21 501-02, nr. 3166");
        let ek = KamerstukId::parse("kst-31700-VI-D").unwrap();
        assert_eq!(
            ek.citation(Some("2008-2009")),
            "Kamerstukken I 2008/09, 31 700 VI, D"
        );
    }

    #[test]
    fn finds_citations_in_running_text() {
        let text = "Zie Kamerstukken II 2013/14, 33 750 IV, nr. 16 en Kamerstuk 28 638, nr. 115; \
                    eerder kst-34104-439 en nogmaals kamerstukken 33 750 IV, nr. 16. \
                    Ook Kamerstukken I 2008/09, 31 700 VI, D.";
        let ids: Vec<String> = KamerstukId::find_citations(text)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            ids,
            [
                "kst-33750-IV-16",
                "kst-28638-115",
                "kst-34104-439",
                "kst-31700-VI-D"
            ]
        );
    }

    #[test]
    fn dossier_keys() {
        assert_eq!(parse_dossier_key("33750-IV").as_deref(), Some("33750-IV"));
        assert_eq!(
            parse_dossier_key("36 600 XVI").as_deref(),
            Some("36600-XVI")
        );
        assert_eq!(parse_dossier_key("34104").as_deref(), Some("34104"));
        assert_eq!(parse_dossier_key("21501-02").as_deref(), Some("21501-02"));
        assert_eq!(parse_dossier_key("abc"), None);
    }
}
