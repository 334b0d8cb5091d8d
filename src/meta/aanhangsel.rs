//! Written questions with their answers as the Aanhangsel van de Handelingen prints them:
//! "Aanhangsel van de Handelingen", then "Vragen van het lid De Vries (P.v.d.A.) over ... .
//! (Ingezonden 5 augustus 1980)", the questions, and "Antwoord van Minister ... (Ontvangen
//! 8 augustus 1980)". A page of the Aanhangsel is named by the first questions that begin on it.

use std::sync::LazyLock;

use regex::Regex;

use super::{doc_type_of, Date, Metadata, Source};

/// The running head of the Aanhangsel.
static AANHANGSEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^Aanhangsel\s+van\s+de\s+Handelingen\b").expect("valid aanhangsel regex")
});

/// The heading of a set of questions ("Vragen van het lid", "Vraag van de heer", "Nadere
/// vragen van de leden"), up to the date they were handed in ("(Ingezonden 26 juni 1991}",
/// "(lngezon-den op 19 januari 1983)" as OCR reads them), or where the first question begins
/// when the date is missing.
static QUESTIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?P<title>(?:(?:Nadere|Aanvullende)\s+)?(?i:v)ra(?:ag|gen)\s+van\s+(?:het\s+lid|de\s+leden|de\s+he(?:er|ren)|mevrouw)\s*.{2,200}?\s+(?:over|met\s+betrekking\s+tot|inzake:?|betreffende|in\s+verband\s+[mr]\S*|n\.\s*a\.\s*v\.)\s*.{3,400}?)(?:\s*\.?\s*\(\s*[Il]n-?\s*ge-?\s*zon-?\s*den\s+(?P<date>[^(){}]{6,40})[)}]|\.\s+(?:\d|\p{Lu}))",
    )
    .expect("valid questions regex")
});

/// Reads the title, type and date of a page of the Aanhangsel off its first non-empty `lines`;
/// leaves `meta` as it is when they are not those of the Aanhangsel.
///
/// ```
/// use kamerzoek::meta::{aanhangsel, Metadata};
/// let lines = ["Tweede Kamer der Staten-Generaal", "Zitting 1979-1980", "Aanhangsel van de Handelingen",
///     "Vragen gesteld door leden van de Kamer, met de daarop door de Regering gegeven antwoorden", "1590",
///     "Vragen van het lid de Vries (P.v.d.A.) over deelname van een Chileens", "marinevaartuig aan Sail Amsterdam 1980. (Ingezonden 5 augustus 1980)"];
/// let mut meta = Metadata::default();
/// aanhangsel(&lines, &mut meta);
/// assert_eq!(meta.title.as_deref(), Some("Vragen van het lid de Vries (P.v.d.A.) over deelname van een Chileens marinevaartuig aan Sail Amsterdam 1980"));
/// assert_eq!(meta.doc_type.as_deref(), Some("schriftelijke vragen"));
/// assert_eq!(meta.date.unwrap().to_string(), "1980-08-05");
/// ```
pub fn aanhangsel(lines: &[&str], meta: &mut Metadata) {
    if !lines.iter().take(8).any(|l| AANHANGSEL.is_match(l)) {
        return;
    }
    let joined = lines.join(" ");
    let Some(caps) = QUESTIONS.captures(&joined) else {
        return;
    };
    let title = caps["title"]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    meta.fill_type(doc_type_of(&title).map(str::to_string), Source::Header);
    meta.fill_title(Some(title), Source::Header);
    // OCR keeps the hyphen of a word broken at a line end: "(Inge-zonden 11 decem-ber 1974)".
    let handed_in = caps
        .name("date")
        .and_then(|d| Date::find_dutch(&d.as_str().replace("- ", "").replace('-', "")));
    meta.fill_date(handed_in, Source::Header);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Metadata {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let mut meta = Metadata::default();
        aanhangsel(&lines, &mut meta);
        meta.complete();
        meta
    }

    #[test]
    fn questions_of_several_members_of_one_party() {
        let meta = read(
            "Tweede Kamer der Staten-Generaal\n2\nVergaderjaar 1992-1993\nAanhangsel van de Handelingen\n\
             181\nVragen van de leden Krajenbrink en Vreugdenhil (beiden CDA) over de controle op de\n\
             opbrengstverantwoording van speelautomaten. (Ingezonden 2 november 1992)\n1 Is het u bekend",
        );
        assert_eq!(meta.date.unwrap().to_string(), "1992-11-02");
        assert_eq!(meta.indieners, ["Krajenbrink", "Vreugdenhil"]);
        assert_eq!(meta.parties, ["CDA"]);
        assert_eq!(meta.sources["parties"], Source::Header);
    }

    #[test]
    fn members_of_two_parties() {
        let meta = read(
            "Aanhangsel van de Handelingen\nVragen van de leden Beekmans (D'66) en Tilanus (C.D.A.) over\n\
             de opvang. (Ingezonden 3 maart 1994)",
        );
        assert_eq!(meta.indieners, ["Beekmans", "Tilanus"]);
        assert_eq!(meta.parties, ["D66", "CDA"]);
    }

    #[test]
    fn the_forms_of_the_heading() {
        let meta = read(
            "Eerste Kamer der Staten-Generaal\nAanhangsel van de Handelingen\nVragen van de heer Nederhorst\n\
             (P.v.d.A.) met betrekking tot zuinig gebruik van energie. (Ingezonden 11 december 1974)",
        );
        assert_eq!(meta.indieners, ["Nederhorst"]);
        assert_eq!(meta.date.unwrap().to_string(), "1974-12-11");
        let meta = read(
            "Aanhangsel van de Handelingen\nAanvullende vragen van de heer Oskamp (P.v.d.A.), mevrouw Van der Meer\n\
             (P.v.d.A.) en de heer Vis (D'66) inzake de interpretatie. (lngezon-den op 19 januari 1983). Deze",
        );
        assert_eq!(meta.indieners, ["Oskamp", "Van der Meer", "Vis"]);
        assert_eq!(meta.parties, ["PvdA", "D66"]);
        assert_eq!(meta.doc_type.as_deref(), Some("schriftelijke vragen"));
        assert_eq!(meta.date.unwrap().to_string(), "1983-01-19");
        let meta = read(
            "Aanhangsel van de Handelingen\nVragen van het lid De Graaf (P.v.d.A.) overeen Bl/naar Engels recht.\n\
             (In-gezonden 7 septem-ber 1978)",
        );
        assert_eq!(meta.date.unwrap().to_string(), "1978-09-07");
        assert_eq!(meta.indieners, ["De Graaf"]);
        let meta = read(
            "Aanhangsel van de Handelingen\nVragen van de heren Van der Werff (V.V.D.), Tummers (P.v.d.A.) en\n\
             Kuiper (C.D.A.) inzake monumenten. (Ingezonden 2 februari 1988) 1 Zijn",
        );
        assert_eq!(meta.indieners, ["Van der Werff", "Tummers", "Kuiper"]);
        let meta = read(
            "Aanhangsel van de Handelingen\nVragen van het lid Terlouw (D'66) in verband met de\n\
             massaslachtingen op trekvogels. (Ingezonden 18 april 1975)",
        );
        assert_eq!(meta.indieners, ["Terlouw"]);
        let meta = read(
            "Aanhangsel van de Handelingen\nVraag van het lid Leerling (RPF) over «schone»\n\
             dieselauto's. (Ingezonden 26 juni 1991}\n1 Hebt u",
        );
        assert_eq!(meta.doc_type.as_deref(), Some("schriftelijke vragen"));
        assert_eq!(meta.date.unwrap().to_string(), "1991-06-26");
        let meta = read(
            "Aanhangsel van de Handelingen\nVragen van de leden Te Veldhuis, Jorritsma-Lebbink en Dees\n\
             (allen V.V.D.) over verwijdering van ziekenhuisafval. 1 Hebben de bewindslieden",
        );
        assert_eq!(meta.indieners, ["Te Veldhuis", "Jorritsma-Lebbink", "Dees"]);
        assert_eq!(meta.parties, ["VVD"]);
        assert_eq!(
            meta.title.as_deref(),
            Some("Vragen van de leden Te Veldhuis, Jorritsma-Lebbink en Dees (allen V.V.D.) over verwijdering van ziekenhuisafval")
        );
    }

    #[test]
    fn not_the_aanhangsel() {
        let meta = read("Vragen van het lid Nuis (D66) over de bijdrage. (Ingezonden 1 mei 1990)");
        assert!(meta.title.is_none() && meta.indieners.is_empty());
        // Where the date is no date, the title still is.
        let meta = read(
            "Aanhangsel van de Handelingen\nVragen van het lid Van der Linden (C.D.A.) over een\n\
             onderzoek. (Ingezonden 26te-bruari 1979)",
        );
        assert_eq!(
            meta.title.as_deref(),
            Some("Vragen van het lid Van der Linden (C.D.A.) over een onderzoek")
        );
        assert!(meta.date.is_none());
        assert_eq!(meta.parties, ["CDA"]);
    }
}
