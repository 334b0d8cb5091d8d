//! Identifiers of the Handelingen (the verbatim record of a sitting) and of the Aanhangsel
//! (answers to written questions): `h-tk-20172018-70-6`, `ah-tk-20242025-100`.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;

use crate::Error;

/// A Handelingen or Aanhangsel id.
///
/// ```
/// use kamerzoek::meta::HandelingenId;
/// let id: HandelingenId = "Handelingen II 2017/18, nr. 70, item 6".parse().unwrap();
/// assert_eq!(id.to_string(), "h-tk-20172018-70-6");
/// assert_eq!(HandelingenId::parse("h-tk-20172018-70-6").unwrap(), id);
/// assert_eq!(id.citation(), "Handelingen II 2017/18, nr. 70, item 6");
/// assert_eq!(HandelingenId::parse("ah-tk-20242025-100").unwrap().citation(), "Aanhangsel Handelingen II 2024/25, nr. 100");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HandelingenId {
    aanhangsel: bool,
    eerste_kamer: bool,
    year: u16,
    number: u32,
    item: Option<u32>,
}

static CANONICAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:(?P<ah>ah|h)-(?P<house>tk|ek)-(?P<y1>\d{4})(?P<y2>\d{4})-(?P<n>\d+)(?:-(?P<item>\d+))?)\s*$")
        .expect("valid handelingen regex")
});
static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<ah>(?i:aanhangsel)\s+)?(?i:handelingen)\s+(?P<house>I{1,2})\s+(?P<y1>\d{4})\s*[/–-]\s*(?P<y2>\d{2,4})\s*,\s*(?i:nr)\.?\s*(?P<n>\d+)(?:\s*,\s*(?i:item)\s*(?P<item>\d+))?\s*$")
        .expect("valid handelingen regex")
});

impl HandelingenId {
    /// Parses `h-tk-20172018-70-6`, `ah-tk-20242025-100` or the written
    /// `Handelingen II 2017/18, nr. 70, item 6`; `None` if `text` is none of these.
    pub fn parse(text: &str) -> Option<HandelingenId> {
        if let Some(c) = CANONICAL.captures(text) {
            let year: u16 = c["y1"].parse().ok()?;
            let end: u16 = c["y2"].parse().ok()?;
            if end != year + 1 {
                return None;
            }
            return Some(HandelingenId {
                aanhangsel: c["ah"].eq_ignore_ascii_case("ah"),
                eerste_kamer: c["house"].eq_ignore_ascii_case("ek"),
                year,
                number: c["n"].parse().ok()?,
                item: c.name("item").and_then(|m| m.as_str().parse().ok()),
            });
        }
        let c = WRITTEN.captures(text)?;
        let year: u16 = c["y1"].parse().ok()?;
        Some(HandelingenId {
            aanhangsel: c.name("ah").is_some(),
            eerste_kamer: &c["house"] == "I",
            year,
            number: c["n"].parse().ok()?,
            item: c.name("item").and_then(|m| m.as_str().parse().ok()),
        })
    }

    /// The official citation: `Handelingen II 2017/18, nr. 70, item 6`.
    pub fn citation(&self) -> String {
        let house = if self.eerste_kamer { "I" } else { "II" };
        let prefix = if self.aanhangsel {
            "Aanhangsel Handelingen"
        } else {
            "Handelingen"
        };
        let mut out = format!(
            "{prefix} {house} {}/{:02}, nr. {}",
            self.year,
            (self.year + 1) % 100,
            self.number
        );
        if let Some(item) = self.item {
            out.push_str(&format!(", item {item}"));
        }
        out
    }
}

impl HandelingenId {
    /// The parliamentary year of the sitting, as kamerzoek stores it: `2017-2018`.
    ///
    /// ```
    /// use kamerzoek::meta::HandelingenId;
    /// assert_eq!(HandelingenId::parse("h-tk-20172018-70-6").unwrap().vergaderjaar(), "2017-2018");
    /// ```
    pub fn vergaderjaar(&self) -> String {
        format!("{}-{}", self.year, self.year + 1)
    }

    /// The sitting an agenda item belongs to, without the item: `h-tk-20172018-70` for
    /// `h-tk-20172018-70-6`. The items of one sitting share its date.
    ///
    /// ```
    /// use kamerzoek::meta::HandelingenId;
    /// let item = HandelingenId::parse("h-tk-20172018-70-6").unwrap();
    /// assert_eq!(item.meeting().to_string(), "h-tk-20172018-70");
    /// ```
    pub fn meeting(&self) -> HandelingenId {
        HandelingenId {
            item: None,
            ..*self
        }
    }
}

impl fmt::Display for HandelingenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.aanhangsel { "ah" } else { "h" };
        let house = if self.eerste_kamer { "ek" } else { "tk" };
        write!(
            f,
            "{kind}-{house}-{}{}-{}",
            self.year,
            self.year + 1,
            self.number
        )?;
        if let Some(item) = self.item {
            write!(f, "-{item}")?;
        }
        Ok(())
    }
}

impl FromStr for HandelingenId {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        HandelingenId::parse(s).ok_or_else(|| Error::InvalidArgument {
            what: "Handelingen id",
            value: s.to_string(),
            hint: Some(
                "expected a form like h-tk-20172018-70-6 or Handelingen II 2017/18, nr. 70, item 6"
                    .into(),
            ),
        })
    }
}

serde_as_text!(HandelingenId, HandelingenId::parse, "Handelingen id");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "h-tk-20172018-70-1",
            "h-ek-19992000-12",
            "ah-tk-20242025-100",
        ] {
            let id = HandelingenId::parse(s).unwrap();
            assert_eq!(id.to_string(), s);
            assert_eq!(
                HandelingenId::parse(&id.citation()),
                Some(id),
                "{}",
                id.citation()
            );
        }
    }

    #[test]
    fn rejects_others() {
        for s in [
            "kst-34104-439",
            "h-tk-20172019-70-1",
            "Handelingen",
            "h-tk-2017-70",
        ] {
            assert_eq!(HandelingenId::parse(s), None, "{s}");
        }
    }
}
