//! Which of the dates a text writes is the document's own.
//!
//! A scan's header line and body are full of dates: the laws it amends ("de wet van 14 juni
//! 1918"), the directive it implements, the letters it answers. The document's own date is the
//! one it is signed with ("Soestdijk, 26 februari 1959"), received on ("Ontvangen 25 maart
//! 1980") or held on ("VERGADERING VAN DINSDAG 1 NOVEMBER 1814"), and it falls in the
//! vergaderjaar the header states. A date read off the text that fails that check is replaced by
//! one that passes, or dropped; either way a warning says what happened and which source won.

use std::sync::LazyLock;

use regex::Regex;

use super::{Date, Metadata, Source};

/// The first year of the Staten-Generaal whose papers kamerzoek reads: a Kamerstuk cannot be
/// dated earlier, so an earlier date is a quoted law ("de wet van 12 December 1802") or a
/// misread year.
pub const FIRST_YEAR: u16 = 1814;

/// How far before a date its setting is looked for, in bytes.
const SETTING: usize = 80;

/// A date the text refers to: "de wet van", "Koninklijk besluit van", "met ingang van",
/// "richtlijn 88/357/EEG van de Raad van", "bij brief van", "(Stb." before it.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:wet|besluit|beschikking|richtlijn|verordening|brief|arrest|vonnis|verdrag|tractaat|overeenkomst|resolutie|missive|notificatie|regeling|motie|ingang)\w*\b[^.;:]{0,40}\bvan|\bStb\.?|\bStaatsblad)\s+(?:den?\s+)?$")
        .expect("valid quoted-date regex")
});
/// The letter a paper came with, which dates the paper: "Ingezonden bij brief van".
static SENT_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ingezonden|aangeboden|ontvangen)\s+(?:bij|met)\s+(?:brief|missive)\s+van\s+(?:den?\s+)?$")
        .expect("valid sent-with regex")
});
/// A signature or a stamp: "Soestdijk, ", "'s-Gravenhage, den ", "Ontvangen ", "Vastgesteld ".
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:^|\s)(?:'s[ -]?)?\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'-]+)?,|(?i:\b(?:ontvangen|vastgesteld|voorgesteld|ingezonden|gegeven)\b[^.,]{0,30}))\s*(?i:den\s+)?$")
        .expect("valid signature regex")
});
/// A weekday before the date: "Donderdag 5 april 2018", "VERGADERING VAN VRIJDAG 5 FEBRUARI".
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(maandag|dinsdag|dingsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s*,?\s*(?:den\s+)?$")
        .expect("valid weekday regex")
});
const WEEKDAYS: [&str; 7] = [
    "zondag",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
];

/// How a date stands in its text: the lower, the more surely the document's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    Signed,
    Meeting,
    Plain,
    /// Quoted, or impossible as a Kamerstuk's date (too early, a weekday that does not fit).
    Not,
}

fn standing(text: &str, at: usize, date: Date) -> Standing {
    if date.year() < FIRST_YEAR {
        return Standing::Not;
    }
    let mut from = at.saturating_sub(SETTING);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..at];
    if SENT_WITH.is_match(before) {
        return Standing::Signed;
    }
    if QUOTED.is_match(before) {
        return Standing::Not;
    }
    if let Some(caps) = WEEKDAY.captures(before) {
        let named = caps[1].to_lowercase().replace("dingsdag", "dinsdag");
        // A weekday that does not fit the date means a misread year ("5 februari 1809" for 1909).
        return if WEEKDAYS[weekday(date)] == named {
            Standing::Meeting
        } else {
            Standing::Not
        };
    }
    if SIGNED.is_match(before) {
        return Standing::Signed;
    }
    Standing::Plain
}

/// The day of the week, 0 for Sunday (Sakamoto's method).
fn weekday(date: Date) -> usize {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let n = date.as_number();
    let (month, day) = ((n / 100 % 100) as usize, (n % 100) as u32);
    let year = u32::from(date.year()) - u32::from(month < 3);
    ((year + year / 4 - year / 100 + year / 400 + T[month - 1] + day) % 7) as usize
}

/// The vergaderjaar's two years, "1958-1959" as (1958, 1959).
fn years(vergaderjaar: &str) -> Option<(u16, u16)> {
    let (a, b) = vergaderjaar.split_once('-')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// Checks the date `meta` has against the text and the vergaderjaar it states (before the
/// vergaderjaar is derived from the date), and settles a conflict: a date read off the text
/// gives way to the document's own date in the same text, a worse-sourced field to a better
/// one. Each change is recorded in [`Metadata::warnings`].
///
/// ```
/// use kamerzoek::meta::{settle_date, Date, Metadata, Source};
/// let text = "ZITTING 1958—1959 — 5446 Wijziging van de wet van 14 juni 1918 (Stb. 354)\n\
///     Soestdijk, 26 februari 1959. JULIANA.";
/// let mut meta = Metadata::default();
/// meta.fill_vergaderjaar(Some("1958-1959".into()), Source::Header);
/// meta.fill_date(Date::new(1918, 6, 14), Source::Header);
/// settle_date(text, &mut meta);
/// assert_eq!(meta.date, Date::new(1959, 2, 26));
/// assert!(meta.warnings[0].contains("1918-06-14"));
/// ```
pub fn settle_date(text: &str, meta: &mut Metadata) {
    let Some(date) = meta.date else {
        return;
    };
    let date_source = meta.sources.get("date").copied().unwrap_or(Source::Text);
    let stated = meta.vergaderjaar.as_deref().and_then(years);
    let in_year = |d: Date| stated.is_none_or(|(a, b)| (a..=b).contains(&d.year()));
    let read_off_text = matches!(date_source, Source::Header | Source::Text);
    let found: Vec<(usize, Date)> = if read_off_text {
        Date::find_all_dutch(text).collect()
    } else {
        Vec::new()
    };
    // The date as the text writes it is trusted if any of its occurrences is the document's
    // own; the first that is ends the look (most dates pass at their first occurrence).
    let mut occurrences = found.iter().filter(|(_, d)| *d == date).peekable();
    let only_quoted = occurrences.peek().is_some()
        && occurrences.all(|&(at, d)| standing(text, at, d) == Standing::Not);
    let fault = if date.year() < FIRST_YEAR {
        format!("lies before {FIRST_YEAR}")
    } else if only_quoted {
        "is one the text quotes".to_string()
    } else if !in_year(date) {
        format!(
            "lies outside vergaderjaar {}",
            meta.vergaderjaar.as_deref().unwrap_or_default()
        )
    } else {
        return;
    };
    let candidates: Vec<(Standing, Date)> = found
        .into_iter()
        .map(|(at, d)| (standing(text, at, d), d))
        .collect();
    let was = format!("date {date} ({})", date_source);
    // A document is not older than what it quotes.
    let latest_quoted = candidates
        .iter()
        .filter(|(s, d)| *s == Standing::Not && d.year() >= FIRST_YEAR)
        .map(|(_, d)| *d)
        .max();
    let better = candidates
        .iter()
        .filter(|(s, d)| *s < Standing::Not && in_year(*d))
        .filter(|(_, d)| latest_quoted.is_none_or(|q| *d >= q))
        .min_by_key(|(s, _)| *s);
    if let Some(&(_, found)) = better {
        meta.date = Some(found);
        meta.sources.insert("date".to_string(), Source::Text);
        meta.warnings.push(format!(
            "{was} {fault}; took {found}, the document's own date in its text"
        ));
        return;
    }
    let year_source = meta.sources.get("vergaderjaar").copied();
    match year_source {
        // On a tie the vergaderjaar wins over a date read off the text (a header's year is
        // seldom quoted), not over the publisher's own date.
        Some(year_source)
            if date.year() >= FIRST_YEAR
                && (date_source < year_source
                    || (!read_off_text && date_source == year_source)) =>
        {
            let year = date.vergaderjaar();
            meta.warnings.push(format!(
                "{was} {fault} ({}); the date won, vergaderjaar {year}",
                year_source
            ));
            meta.vergaderjaar = Some(year);
            meta.sources.insert("vergaderjaar".to_string(), date_source);
        }
        _ => {
            meta.date = None;
            meta.sources.remove("date");
            meta.warnings.push(format!("{was} {fault}; no date kept"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settled(text: &str, year: Option<&str>, date: Date, source: Source) -> Metadata {
        let mut meta = Metadata::default();
        meta.fill_vergaderjaar(year.map(str::to_string), Source::Header);
        meta.fill_date(Some(date), source);
        settle_date(text, &mut meta);
        meta
    }

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn weekdays() {
        assert_eq!(WEEKDAYS[weekday(d(2018, 4, 5))], "donderdag");
        assert_eq!(WEEKDAYS[weekday(d(1814, 11, 1))], "dinsdag");
        assert_eq!(WEEKDAYS[weekday(d(1909, 2, 5))], "vrijdag");
        assert_eq!(WEEKDAYS[weekday(d(2000, 2, 29))], "dinsdag");
    }

    #[test]
    fn a_quoted_law_gives_way_to_the_signature() {
        let text = "Naturalisatie van J. Masseling. 's Gravenhage, den 1 April 1902 WILHELMINA. \
            bedoeld in art. 3 der wet van 12 December 1802 (Staatsblad n°. 268)";
        let m = settled(text, None, d(1802, 12, 12), Source::Text);
        assert_eq!(m.date, Some(d(1902, 4, 1)));
        assert_eq!(m.sources["date"], Source::Text);
        assert!(
            m.warnings[0].contains("lies before 1814"),
            "{:?}",
            m.warnings
        );
    }

    #[test]
    fn a_date_outside_the_stated_vergaderjaar_with_nothing_better_is_dropped() {
        let text = "Tweede Kamer Zitting 1982-1983 17 876 Nr. 3 MEMORIE VAN TOELICHTING \
            De opspuitingen van 21 mei 1942 ...";
        let m = settled(text, Some("1982-1983"), d(1942, 5, 21), Source::Header);
        assert_eq!(m.date, None);
        assert_eq!(m.vergaderjaar.as_deref(), Some("1982-1983"));
        assert!(m.warnings[0].contains("outside vergaderjaar 1982-1983"));
        assert!(m.warnings[0].contains("no date kept"));
    }

    #[test]
    fn the_letter_a_paper_came_with_dates_it_and_nothing_older_than_a_quote_does() {
        let text = "NOTA VAN WIJZIGING. (Ingezonden bij brief van 7 Augustus 1935.) \
            vastgesteld bij de wet van 19 Maart 1934";
        let m = settled(text, None, d(1934, 3, 19), Source::Text);
        assert_eq!(m.date, Some(d(1935, 8, 7)));
        let text = "Verslag van 26 December 1871. Bij de wet van 12 December 1892 geregeld.";
        let m = settled(text, None, d(1892, 12, 12), Source::Text);
        assert_eq!(m.date, None, "{:?}", m.warnings);
    }

    #[test]
    fn a_weekday_that_does_not_fit_marks_a_misread_year() {
        let text = "VERGADERING VAN VRIJDAG 5 FEBRUARI 1809. De Voorzitter opent.";
        let m = settled(text, None, d(1809, 2, 5), Source::Text);
        assert_eq!(m.date, None);
        let text = "VERGADERING VAN DINGSDAG 1 NOVEMBER 1814. De Voorzitter opent.";
        let m = settled(text, None, d(1814, 11, 1), Source::Text);
        assert_eq!(m.date, Some(d(1814, 11, 1)));
        assert!(m.warnings.is_empty());
    }

    #[test]
    fn a_better_sourced_date_wins_over_the_vergaderjaar() {
        let m = settled("", Some("1982-1983"), d(1984, 3, 1), Source::Xml);
        assert_eq!(m.date, Some(d(1984, 3, 1)));
        assert_eq!(m.vergaderjaar.as_deref(), Some("1983-1984"));
        assert!(m.warnings[0].contains("the date won"));
    }

    #[test]
    fn the_publishers_date_wins_a_tie_with_its_vergaderjaar() {
        let mut meta = Metadata::default();
        meta.fill_vergaderjaar(Some("2022-2023".into()), Source::Xml);
        meta.fill_date(Some(d(2024, 3, 1)), Source::Xml);
        settle_date("", &mut meta);
        assert_eq!(meta.date, Some(d(2024, 3, 1)));
        assert_eq!(meta.vergaderjaar.as_deref(), Some("2023-2024"));
        assert!(
            meta.warnings[0].contains("the date won"),
            "{:?}",
            meta.warnings
        );
    }

    #[test]
    fn a_date_in_its_vergaderjaar_is_left_alone() {
        let text = "Vergaderjaar 2014-2015 Nr. 16 BRIEF Den Haag, 24 februari 2015";
        let m = settled(text, Some("2014-2015"), d(2015, 2, 24), Source::Header);
        assert_eq!(m.date, Some(d(2015, 2, 24)));
        assert!(m.warnings.is_empty());
    }
}
