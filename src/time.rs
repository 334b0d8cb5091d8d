//! When a document entered the index and when it last changed: moments in milliseconds since
//! 1970 (UTC), written as RFC 3339, and read back from the forms a user gives them in
//! (`2026-12-01`, `2026-12-01T09:30:00+01:00`, `7d`).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// A moment, to the millisecond, in UTC.
///
/// ```
/// use kamerzoek::Timestamp;
/// let t: Timestamp = "2026-12-01T09:30:00+01:00".parse().unwrap();
/// assert_eq!(t.to_string(), "2026-12-01T08:30:00.000Z");
/// // A day means its first moment.
/// let day: Timestamp = "2026-12-01".parse().unwrap();
/// assert!(day < t);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(u64);

impl Timestamp {
    /// The moment `ms` milliseconds after 1970-01-01T00:00:00Z.
    pub const fn from_millis(ms: u64) -> Timestamp {
        Timestamp(ms)
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// The system clock's now.
    pub fn now() -> Timestamp {
        Timestamp(u64::try_from(Utc::now().timestamp_millis()).unwrap_or(0))
    }

    /// The moment one millisecond later: the first moment after this one.
    pub fn next(self) -> Timestamp {
        Timestamp(self.0.saturating_add(1))
    }

    /// As chrono's type, for formats that want it (Atom).
    pub fn to_chrono(self) -> DateTime<Utc> {
        i64::try_from(self.0)
            .ok()
            .and_then(DateTime::from_timestamp_millis)
            .unwrap_or_default()
    }

    /// Reads a moment as a user gives it: RFC 3339 (`2026-12-01T09:30:00Z`), a day
    /// (`2026-12-01`, its first moment in UTC), or a time before `now`: a number with `m`
    /// (minutes), `h` (hours), `d` (days) or `w` (weeks), as in `7d`.
    ///
    /// ```
    /// use kamerzoek::Timestamp;
    /// let now: Timestamp = "2026-12-08T00:00:00Z".parse().unwrap();
    /// let week = Timestamp::parse_relative("7d", now).unwrap();
    /// assert_eq!(week.to_string(), "2026-12-01T00:00:00.000Z");
    /// assert!(Timestamp::parse_relative("soon", now).is_err());
    /// ```
    pub fn parse_relative(s: &str, now: Timestamp) -> Result<Timestamp, Error> {
        let s = s.trim();
        let unit = |c: char| match c {
            'm' => Some(60_000u64),
            'h' => Some(3_600_000),
            'd' => Some(86_400_000),
            'w' => Some(7 * 86_400_000),
            _ => None,
        };
        if let Some(last) = s.chars().last().filter(|c| unit(*c).is_some()) {
            let number = &s[..s.len() - 1];
            if let Ok(n) = number.trim().parse::<u64>() {
                let ms = unit(last).unwrap_or(0).saturating_mul(n);
                return Ok(Timestamp(now.0.saturating_sub(ms)));
            }
        }
        s.parse()
    }
}

impl FromStr for Timestamp {
    type Err = Error;

    fn from_str(s: &str) -> Result<Timestamp, Error> {
        let s = s.trim();
        let moment = DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .ok()
            .or_else(|| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|t| t.and_utc())
            });
        moment
            .and_then(|t| u64::try_from(t.timestamp_millis()).ok())
            .map(Timestamp)
            .ok_or_else(|| Error::InvalidArgument {
                what: "moment",
                value: s.to_string(),
                hint: Some(
                    "expected a day (2026-12-01), a time (2026-12-01T09:30:00+01:00) or a time \
                     ago (30m, 12h, 7d, 2w)"
                        .into(),
                ),
            })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            &self
                .to_chrono()
                .to_rfc3339_opts(SecondsFormat::Millis, true),
        )
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_survives_its_written_form() {
        let t = Timestamp::from_millis(1_796_000_123_456);
        assert_eq!(t.to_string().parse::<Timestamp>().unwrap(), t);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
    }

    #[test]
    fn times_ago_count_back_from_now() {
        let now: Timestamp = "2026-12-07T12:00:00Z".parse().unwrap();
        let at = |s| Timestamp::parse_relative(s, now).unwrap().to_string();
        assert_eq!(at("30m"), "2026-12-07T11:30:00.000Z");
        assert_eq!(at("12h"), "2026-12-07T00:00:00.000Z");
        assert_eq!(at("2w"), "2026-11-23T12:00:00.000Z");
        assert_eq!(at("2026-11-30"), "2026-11-30T00:00:00.000Z");
        for bad in ["", "d", "7x", "-3d", "2026-13-01", "gisteren"] {
            assert!(Timestamp::parse_relative(bad, now).is_err(), "{bad}");
        }
    }
}
