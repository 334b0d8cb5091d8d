//! Calendar dates and parliamentary years as Dutch parliamentary papers write them.
//!
//! "24 februari 2015", "'s-Gravenhage, 21 juni 1983", ISO dates from XML, and the vergaderjaar
//! ("Vergaderjaar 2024–2025", "Zitting 1979-1980", "2013/14") that runs from September to September.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;

use crate::Error;

/// A calendar date, printed as `YYYY-MM-DD`.
///
/// ```
/// use kamerzoek::Date;
/// let d = Date::find_dutch("Datum 24 februari 2015").unwrap();
/// assert_eq!(d.to_string(), "2015-02-24");
/// assert_eq!("2015-02-24".parse::<Date>().unwrap(), d);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

static DUTCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(\d{1,2})\s*(?:e\s+)?(januarij|februarij|junij|julij|october|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan\.?|feb\.?|febr\.?|mrt\.?|apr\.?|jun\.?|jul\.?|aug\.?|sep\.?|sept\.?|okt\.?|nov\.?|dec\.?)\s+(1[89]\d\d|20\d\d)(?-u:\b)",
    )
    .expect("valid date regex")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?\s*$").expect("valid iso regex")
});

impl Date {
    /// A date, if it exists on the calendar.
    ///
    /// ```
    /// assert!(kamerzoek::Date::new(2024, 2, 29).is_some());
    /// assert!(kamerzoek::Date::new(2023, 2, 29).is_none());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (a time part after it, as XML metadata has, is ignored).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let caps = ISO.captures(text)?;
        Date::new(
            caps[1].parse().ok()?,
            caps[2].parse().ok()?,
            caps[3].parse().ok()?,
        )
    }

    /// The first Dutch date written out in `text` ("24 februari 2015", "3 apr. 2009").
    pub fn find_dutch(text: &str) -> Option<Date> {
        DUTCH.captures_iter(text).find_map(|caps| dutch_from(&caps))
    }

    /// Every Dutch date in `text` with the byte offset where it starts.
    pub fn find_all_dutch(text: &str) -> impl Iterator<Item = (usize, Date)> + '_ {
        DUTCH
            .captures_iter(text)
            .filter_map(|caps| Some((caps.get(0)?.start(), dutch_from(&caps)?)))
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The date as one sortable number, `20150224`; kamerzoek's range filters and date sort use it.
    pub fn as_number(&self) -> u64 {
        u64::from(self.year) * 10_000 + u64::from(self.month) * 100 + u64::from(self.day)
    }

    /// The inverse of [`Date::as_number`].
    pub fn from_number(n: u64) -> Option<Date> {
        Date::new(
            u16::try_from(n / 10_000).ok()?,
            u8::try_from(n / 100 % 100).ok()?,
            u8::try_from(n % 100).ok()?,
        )
    }

    /// The vergaderjaar this date falls in (it starts on the third Tuesday of September;
    /// the first of September is close enough for a fallback): `2014-2015` for 2015-02-24.
    pub fn vergaderjaar(&self) -> String {
        let start = if self.month >= 9 {
            self.year
        } else {
            self.year - 1
        };
        format!("{start}-{}", start + 1)
    }
}

fn dutch_from(caps: &regex::Captures<'_>) -> Option<Date> {
    let day: u8 = caps[1].parse().ok()?;
    let name = caps[2].to_lowercase();
    let name = name.trim_end_matches('.');
    // Nineteenth-century spelling: "Junij", "Februarij", "October".
    let name = match name {
        "october" => "oktober",
        n if n.ends_with("ij") => &n[..n.len() - 1],
        n => n,
    };
    let month = MONTHS.iter().position(|m| m.starts_with(name))? + 1;
    // "mei" is the only month whose abbreviation is the whole name; "ma" must not mean maart.
    if name.len() < 3 {
        return None;
    }
    Date::new(caps[3].parse().ok()?, month as u8, day)
}

/// Finds a vergaderjaar ("Vergaderjaar 2024–2025", "Zitting 1979-1980", "2013/14") in `text`
/// and returns it as kamerzoek stores it: `2024-2025`.
///
/// ```
/// use kamerzoek::meta::find_vergaderjaar;
/// assert_eq!(find_vergaderjaar("Vergaderjaar 2024–2025").as_deref(), Some("2024-2025"));
/// assert_eq!(find_vergaderjaar("Zitting 1979-1980").as_deref(), Some("1979-1980"));
/// assert_eq!(find_vergaderjaar("Kamerstukken II 2013/14, 33 750").as_deref(), Some("2013-2014"));
/// assert_eq!(find_vergaderjaar("in 2015 en 2016"), None);
/// ```
pub fn find_vergaderjaar(text: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(1[89]\d\d|20\d\d)\s*[-–—/]\s*(\d{4}|\d{2})(?-u:\b)")
            .expect("valid year regex")
    });
    RE.captures_iter(text).find_map(|caps| {
        let start: u32 = caps[1].parse().ok()?;
        let end_text = &caps[2];
        let end: u32 = if end_text.len() == 2 {
            (start / 100) * 100 + end_text.parse::<u32>().ok()?
        } else {
            end_text.parse().ok()?
        };
        // 1999/00 wraps into the next century.
        let end = if end < start { end + 100 } else { end };
        (end == start + 1).then(|| format!("{start}-{end}"))
    })
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Accepts `YYYY-MM-DD`, a Dutch date ("24 februari 2015"), or a bare year `YYYY` (its first day).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let year_only = s
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|_| s.trim().len() == 4)
            .and_then(|y| Date::new(y, 1, 1));
        Date::parse_iso(s)
            .or_else(|| Date::find_dutch(s))
            .or(year_only)
            .ok_or_else(|| Error::InvalidArgument {
                what: "date",
                value: s.to_string(),
                hint: Some("expected YYYY-MM-DD, YYYY or a date like 24 februari 2015".into()),
            })
    }
}

impl Date {
    /// Parses the end of a range: as [`Date::from_str`](std::str::FromStr), but a bare year
    /// means its last day, so that `2014..2015` is all of both years.
    ///
    /// ```
    /// use kamerzoek::Date;
    /// assert_eq!(Date::parse_end("2015").unwrap().to_string(), "2015-12-31");
    /// assert_eq!(Date::parse_end("2015-03-01").unwrap().to_string(), "2015-03-01");
    /// ```
    pub fn parse_end(s: &str) -> Result<Date, Error> {
        let t = s.trim();
        if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(end) = t.parse().ok().and_then(|y| Date::new(y, 12, 31)) {
                return Ok(end);
            }
        }
        t.parse()
    }
}

serde_as_text!(Date, Date::parse_iso, "date");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_dates_in_their_settings() {
        let cases = [
            ("24 februari 2015", "2015-02-24"),
            ("Datum 24 februari 2015", "2015-02-24"),
            ("'s-Gravenhage, 21 juni 1983", "1983-06-21"),
            ("Den Haag, 3 april 2009", "2009-04-03"),
            ("Voorgesteld 24 april 2025", "2025-04-24"),
            ("Ontvangen 6 mei 1980", "1980-05-06"),
            ("1 FEBRUARI 2024", "2024-02-01"),
            ("op 3 apr. 2009", "2009-04-03"),
        ];
        for (text, want) in cases {
            assert_eq!(
                Date::find_dutch(text).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{text}"
            );
        }
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(Date::find_dutch("31 februari 2015"), None);
        assert_eq!(Date::find_dutch("nr. 16 2015"), None);
        assert_eq!(Date::parse_iso("2015-13-01"), None);
        assert_eq!(
            Date::parse_iso("2024-02-01T00:00:00")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-02-01")
        );
    }

    #[test]
    fn number_round_trip_and_vergaderjaar() {
        let d = Date::new(2015, 2, 24).unwrap();
        assert_eq!(d.as_number(), 20150224);
        assert_eq!(Date::from_number(20150224), Some(d));
        assert_eq!(d.vergaderjaar(), "2014-2015");
        assert_eq!(Date::new(2024, 10, 10).unwrap().vergaderjaar(), "2024-2025");
    }

    #[test]
    fn parses_user_dates() {
        assert_eq!("2015".parse::<Date>().unwrap().to_string(), "2015-01-01");
        assert_eq!(
            "24 februari 2015".parse::<Date>().unwrap().to_string(),
            "2015-02-24"
        );
        assert!("gisteren".parse::<Date>().is_err());
    }

    #[test]
    fn vergaderjaar_forms() {
        assert_eq!(find_vergaderjaar("1999/00").as_deref(), Some("1999-2000"));
        assert_eq!(find_vergaderjaar("2013/14").as_deref(), Some("2013-2014"));
        assert_eq!(find_vergaderjaar("2015-2017"), None);
    }
}
