//! The decision list of a committee meeting (besluitenlijst), as its PDF gives it: "Den Haag,
//! 3 april 2009", then labelled blocks ("Voortouwcommissie:", "Volgcommissie(s):",
//! "Document:"), the list's own title ("Besluitenlijst van de procedurevergadering van
//! donderdag 2 april 2009", often broken before the year) and the agenda.

use std::sync::LazyLock;

use regex::Regex;

use super::{Metadata, Source};

/// The title line: "Besluitenlijst van de …", not an agenda item such as "Besluitenlijst vorige
/// vergadering(en)".
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Besluitenlijst\s+van\s+\S").expect("valid besluitenlijst regex")
});
static ENDS_IN_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{4}$").expect("valid year regex"));

/// Reads a besluitenlijst's title, type and committee off its first non-empty `lines`; leaves
/// `meta` as it is when the lines are not those of a besluitenlijst.
///
/// ```
/// use kamerzoek::meta::{besluitenlijst, Metadata};
/// let lines = ["Den Haag, 8 maart 2011", "Voortouwcommissie:", "vaste commissie voor Buitenlandse Zaken",
///     "Document:", "Besluitenlijst van de extra procedurevergadering van dinsdag 8 maart", "2011",
///     "Activiteiten commissie"];
/// let mut meta = Metadata::default();
/// besluitenlijst(&lines, &mut meta);
/// assert_eq!(meta.title.as_deref(), Some("Besluitenlijst van de extra procedurevergadering van dinsdag 8 maart 2011"));
/// assert_eq!(meta.doc_type.as_deref(), Some("besluitenlijst"));
/// assert_eq!(meta.afzender.as_deref(), Some("vaste commissie voor Buitenlandse Zaken"));
/// ```
pub fn besluitenlijst(lines: &[&str], meta: &mut Metadata) {
    let Some(at) = lines.iter().position(|l| TITLE.is_match(l)) else {
        return;
    };
    let mut title = lines[at].to_string();
    // The meeting's date is the title's end; PDFs break it over two lines ("van woensdag 26" /
    // "oktober 2016").
    if let Some(next) = lines.get(at + 1) {
        let continues = next
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        if !ENDS_IN_YEAR.is_match(&title) && continues && ENDS_IN_YEAR.is_match(next) {
            title = format!("{title} {next}");
        }
    }
    meta.fill_title(Some(title), Source::Header);
    meta.fill_type(Some("besluitenlijst".to_string()), Source::Header);
    let committee = lines
        .iter()
        .position(|l| *l == "Voortouwcommissie:")
        .and_then(|i| lines.get(i + 1))
        .filter(|l| l.to_lowercase().contains("commissie"))
        .map(|l| l.to_string());
    meta.fill_afzender(committee, Source::Header);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(lines: &[&str]) -> Metadata {
        let mut meta = Metadata::default();
        besluitenlijst(lines, &mut meta);
        meta
    }

    #[test]
    fn the_title_is_the_list_s_own_not_an_agenda_item() {
        let m = meta_of(&[
            "Den Haag, 28 oktober 2016",
            "Voortouwcommissie:",
            "vaste commissie voor Financiën",
            "Document:",
            "14, 24",
            "Besluitenlijst van de procedurevergadering van woensdag 26",
            "oktober 2016",
            "Besluitenlijst vorige vergadering(en)",
        ]);
        assert_eq!(
            m.title.as_deref(),
            Some("Besluitenlijst van de procedurevergadering van woensdag 26 oktober 2016")
        );
        assert_eq!(
            m.afzender.as_deref(),
            Some("vaste commissie voor Financiën")
        );
        assert_eq!(m.sources["title"], Source::Header);
    }

    #[test]
    fn a_title_ending_in_its_year_takes_no_next_line() {
        let m = meta_of(&[
            "Besluitenlijst van de e-mailprocedure van donderdag 26 maart 2015",
            "2015Z05561",
        ]);
        assert_eq!(
            m.title.as_deref(),
            Some("Besluitenlijst van de e-mailprocedure van donderdag 26 maart 2015")
        );
        assert_eq!(m.afzender, None);
    }

    #[test]
    fn a_text_that_mentions_a_besluitenlijst_is_not_one() {
        let m = meta_of(&[
            "Tweede Kamer der Staten-Generaal",
            "De besluitenlijst van de procedurevergadering volgt.",
        ]);
        assert_eq!(m.doc_type, None);
        assert_eq!(m.title, None);
    }
}
