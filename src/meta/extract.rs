//! Metadata read off the text itself: the header of a published Kamerstuk, its page footers, a
//! government letter's letterhead, a committee's besluitenlijst, the Aanhangsel's written
//! questions, citations in the body, and the file name.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    aanhangsel, besluitenlijst, doc_type_of, find_vergaderjaar, settle_date, Date, HandelingenId,
    KamerstukId, Metadata, Source,
};

/// `ZITTING 1954—1955 — 3325` and `Zitting 1967-1968 -9324 (R 362)`: the year and the dossier
/// on one line, as Kamerstukken were headed from the 1950s to the 1970s.
static ZITTING_DOSSIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^zitting\s+\d{4}\s*[-–—]\s*\d{2,4}\s*[-–—]\s*(?P<d>\d{1,3} \d{3}|\d{3,5})(?-i:\s+(?P<suf>[IVXL]+[AB]?|[A-Z]))?\b")
        .expect("valid zitting regex")
});
/// `(380. 4.)`: dossier and number of a Kamerstuk printed as a Bijlage before the 1950s.
static BIJLAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?P<d>\d{1,4})\.\s*(?P<n>\d{1,3})\.\)").expect("valid bijlage regex")
});

/// How far into a document its header can reach, in non-empty lines.
const HEADER_LINES: usize = 40;

static DOSSIER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<d>\d{1,3} \d{3}|\d{4,6})(?:-(?P<sub>\d{2}))?(?:\s+(?P<suf>[IVXL]+[AB]?|[A-Z]))?(?:\s+(?P<title>\p{Lu}.*))?$")
        .expect("valid dossier line regex")
});
static NR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // A letter number needs a dot or a space after "Nr": "NOTA" is not number "TA".
    Regex::new(r"^(?:(?P<pre>\p{Lu}[\p{Lu}\s]*?)\s+)?(?i:nr|no)(?:\.?\s*(?P<n>\d+[a-z]?)\b|(?:\.\s*|\s+)(?P<letter>[A-Z]{1,2}\b))\s*(?P<title>.*)$").expect("valid nr regex")
});
static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:tweede|eerste) (?i:kamer),\s*(?i:vergaderjaar|zitting)\s*(?P<year>\d{4}\s*[-–]\s*\d{4}),\s*(?P<d>\d{1,3}\s?\d{3})(?:-(?P<sub>\d{2}))?(?:\s*(?P<suf>[IVXL]+[AB]?|[A-Z]))?,\s*(?i:nr)\.\s*(?P<n>\d+)")
        .expect("valid footer regex")
});
static KST_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*(?P<id>kst-\d{4,6}(?:-(?:\d{2}|[IVXL]+[AB]?|[A-Z]))?-\d+)(?-u:\b)")
        .expect("valid kst regex")
});
// Word boundaries are ASCII ones in the patterns run over whole lines or texts: a Unicode
// boundary keeps the regex engine off its DFA, and OCR lines run to thousands of characters.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:datum|voorgesteld|ontvangen|ingezonden|vastgesteld|aangeboden|gedrukt|den haag,|'s-gravenhage,|’s-gravenhage,|\S+,\s|.*(?-u:\b)(?:vergadering|zitting) van(?-u:\b)|.*(?-u:\b)(?:vergadering|zitting)\.?\s*[-–—])").expect("valid date line regex")
});

/// Fills what `meta` still lacks from `text` (after character normalization, before page
/// furniture is removed: the footers carry metadata) and from `file_name`.
///
/// ```
/// use kamerzoek::meta::{extract_from_text, Metadata};
/// let text = "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2024–2025\n\n\
///             36 045 Situatie in Oekraïne\n\nNr. 229 MOTIE VAN HET LID DOBBE\n\
///             Voorgesteld 11 september 2025\n\nDe Kamer,\n";
/// let mut meta = Metadata::default();
/// extract_from_text(text, None, &mut meta);
/// assert_eq!(meta.id.unwrap().to_string(), "kst-36045-229");
/// assert_eq!(meta.date.unwrap().to_string(), "2025-09-11");
/// assert_eq!(meta.doc_type.as_deref(), Some("motie"));
/// assert_eq!(meta.dossier_title.as_deref(), Some("Situatie in Oekraïne"));
/// ```
pub fn extract_from_text(text: &str, file_name: Option<&str>, meta: &mut Metadata) {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEADER_LINES)
        .collect();
    header(&lines, meta);
    besluitenlijst(&lines, meta);
    aanhangsel(&lines, meta);
    footer(text, meta);
    if let Some(caps) = lines.iter().take(12).find_map(|l| BIJLAGE.captures(l)) {
        if let Ok(dossier) = caps["d"].parse::<u32>() {
            meta.fill_id(
                Some(KamerstukId::new(dossier, None, &caps["n"])),
                Source::Header,
            );
        }
    }
    let with_blanks: Vec<&str> = text.lines().map(str::trim).take(HEADER_LINES * 2).collect();
    // The record of a sitting is dated by the sitting alone: a date in its text is that of a
    // letter or motie it deals with.
    let sitting = meta.doc_type.as_deref() == Some("handelingen");
    if !sitting {
        letterhead(&with_blanks, meta);
    }
    if meta.date.is_none() && !sitting {
        let dated = lines
            .iter()
            .filter(|l| DATE_LINE.is_match(l))
            .find_map(|l| Date::find_dutch(l));
        meta.fill_date(dated, Source::Text);
    }
    if let Some(stem) = file_name.map(|f| f.rsplit_once('.').map_or(f, |(s, _)| s)) {
        meta.fill_id(KamerstukId::parse(stem), Source::FileName);
        if meta.id.is_none() {
            meta.fill_handelingen(HandelingenId::parse(stem), Source::FileName);
        }
    }
    if let Some(replaced) = replaced_motie(meta) {
        if !meta.cites.contains(&replaced) {
            meta.cites.push(replaced);
        }
    }
    for cited in KamerstukId::find_citations(text) {
        if !meta.cites.contains(&cited) {
            meta.cites.push(cited);
        }
    }
    if !meta.cites.is_empty() {
        meta.sources
            .entry("cites".to_string())
            .or_insert(Source::Text);
    }
    if meta.doc_type.is_none() {
        let t = meta.title.as_deref().and_then(doc_type_of);
        meta.fill_type(t.map(str::to_string), Source::Text);
    }
    settle_date(text, meta);
}

/// The sender a published letter's title names: "BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN
/// EN KONINKRIJKSRELATIES" is from the "Minister van Binnenlandse Zaken en Koninkrijksrelaties".
fn sender_of(title: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^brief\s+van\s+(?:de|het)\s+(.+)$").expect("valid sender regex")
    });
    const SMALL: &[&str] = &["van", "en", "de", "het", "voor", "der", "op", "in"];
    let sender = RE.captures(title.trim())?.get(1)?.as_str();
    let words: Vec<String> = sender
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    Some(words.join(" "))
}

/// A gewijzigde motie or amendement "TER VERVANGING VAN DIE GEDRUKT ONDER NR. 159" replaces
/// number 159 of its own dossier: it cites it.
fn replaced_motie(meta: &Metadata) -> Option<KamerstukId> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)ter\s+vervanging\s+van\s+(?:die|het|de\s+motie|het\s+amendement)?\s*gedrukt\s+onder\s+nr\.?\s*(\d+)")
            .expect("valid replacement regex")
    });
    let id = meta.id.as_ref()?;
    let number = RE.captures(meta.title.as_deref()?)?.get(1)?.as_str();
    Some(KamerstukId::new(id.dossier(), id.suffix(), number))
}

/// `Tweede Kamer der Staten-Generaal` / `Vergaderjaar` / `34 104 <dossier title>` / `Nr. 439
/// <TITLE>` / `Voorgesteld 24 april 2025`.
fn header(lines: &[&str], meta: &mut Metadata) {
    let Some(start) = lines.iter().position(|l| {
        let lower = l.to_lowercase();
        lower.starts_with("vergaderjaar")
            || lower.starts_with("zitting")
            || lower.contains("kamer der staten-generaal")
    }) else {
        return;
    };
    let mut dossier = None;
    // The last line that names a type in capitals, for headers that print it before the number.
    let mut typed_line: Option<&str> = None;
    let mut i = start;
    while i < lines.len() {
        let line = lines[i];
        let lower = line.to_lowercase();
        if lower.starts_with("vergaderjaar") || lower.starts_with("zitting") {
            meta.fill_vergaderjaar(find_vergaderjaar(line), Source::Header);
            if let Some(caps) = ZITTING_DOSSIER.captures(line) {
                let suffix = caps.name("suf").map(|m| m.as_str().to_string());
                dossier = caps["d"]
                    .replace(' ', "")
                    .parse()
                    .ok()
                    .map(|d: u32| (d, suffix));
            }
        } else if dossier.is_none() {
            if let Some(caps) = DOSSIER_LINE.captures(line) {
                let number: u32 = caps["d"].replace(' ', "").parse().unwrap_or(0);
                let suffix = caps
                    .name("sub")
                    .or_else(|| caps.name("suf"))
                    .map(|m| m.as_str().to_string());
                dossier = Some((number, suffix));
                let title = caps.name("title").map(|m| m.as_str().trim().to_string());
                meta.fill_dossier_title(title.filter(|t| !t.is_empty()), Source::Header);
            }
        } else if let Some(caps) = NR_LINE.captures(line) {
            let typed = typed_line;
            let (number, suffix) = dossier.clone().unwrap_or((0, None));
            if number > 0 {
                meta.fill_id(
                    Some(KamerstukId::new(
                        number,
                        suffix.as_deref(),
                        caps.name("n")
                            .or_else(|| caps.name("letter"))
                            .map_or("", |m| m.as_str()),
                    )),
                    Source::Header,
                );
            }
            let mut title = caps["title"].trim().to_string();
            // Older headers put the type before the number: "VERSLAG No. 4", or
            // "MEMORIE VAN TOELICHTING" on the line above "No. 3".
            if title.is_empty() {
                let before = caps.name("pre").map(|m| m.as_str().trim()).or(typed);
                if let Some(before) = before {
                    title = before.to_string();
                }
            }
            if title.is_empty() {
                if let Some(next) = lines.get(i + 1).filter(|l| !DATE_LINE.is_match(l)) {
                    title = next.to_string();
                    i += 1;
                }
            }
            if !title.is_empty() {
                meta.fill_afzender(sender_of(&title), Source::Header);
                meta.fill_type(doc_type_of(&title).map(str::to_string), Source::Header);
                meta.fill_title(Some(title), Source::Header);
            }
            // "GEWIJZIGD AMENDEMENT ... Ontvangen 25 maart 1980": the date can end the title line.
            let dated = lines[i..].iter().take(5).find_map(|l| Date::find_dutch(l));
            meta.fill_date(dated, Source::Header);
            return;
        } else if line.chars().any(char::is_alphabetic)
            && !line.chars().any(char::is_lowercase)
            && doc_type_of(line).is_some()
        {
            typed_line = Some(line);
        }
        i += 1;
    }
}

/// `Tweede Kamer, vergaderjaar 2024–2025, 34 104, nr. 439` and `kst-34104-439 ISSN ...`.
fn footer(text: &str, meta: &mut Metadata) {
    if let Some(caps) = FOOTER.captures(text) {
        let number: u32 = caps["d"].replace(' ', "").parse().unwrap_or(0);
        let suffix = caps
            .name("sub")
            .or_else(|| caps.name("suf"))
            .map(|m| m.as_str());
        if number > 0 {
            meta.fill_id(
                Some(KamerstukId::new(number, suffix, &caps["n"])),
                Source::Footer,
            );
        }
        meta.fill_vergaderjaar(find_vergaderjaar(&caps["year"]), Source::Footer);
    }
    if let Some(caps) = KST_LINE.captures(text) {
        meta.fill_id(KamerstukId::parse(&caps["id"]), Source::Footer);
    }
}

/// `Datum 24 februari 2015`, `Kenmerk` (value on the same or the next line), `Betreft <subject>`
/// (continued on following lines until a blank or another label).
fn letterhead(lines: &[&str], meta: &mut Metadata) {
    const LABELS: &[&str] = &[
        "datum",
        "kenmerk",
        "uw kenmerk",
        "betreft",
        "onze referentie",
        "bijlage",
        "bijlagen",
        "contactpersoon",
        "retouradres",
    ];
    let label_of = |line: &str| {
        let lower = line.to_lowercase();
        LABELS
            .iter()
            .copied()
            .filter(|l| {
                lower.starts_with(l)
                    && lower[l.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphabetic())
            })
            .max_by_key(|l| l.len())
    };
    let mut is_letter = false;
    let ministry = lines
        .iter()
        .take(12)
        .find(|l| l.starts_with("Ministerie van ") && l.len() < 120)
        .map(|l| l.to_string());
    for (i, line) in lines.iter().enumerate() {
        let Some(label) = label_of(line) else {
            continue;
        };
        let rest = line[label.len()..].trim_start_matches([':', ' ']).trim();
        match label {
            "datum" => {
                if let Some(date) = Date::find_dutch(rest) {
                    is_letter = true;
                    meta.fill_date(Some(date), Source::Letterhead);
                }
            }
            "kenmerk" | "onze referentie" => {
                let value = if rest.is_empty() {
                    lines[i + 1..]
                        .iter()
                        .find(|l| !l.is_empty())
                        .filter(|l| label_of(l).is_none())
                        .map(|l| l.to_string())
                } else {
                    Some(rest.to_string())
                };
                meta.fill_kenmerk(
                    value.filter(|v| v.chars().any(|c| c.is_ascii_digit())),
                    Source::Letterhead,
                );
            }
            "betreft" if !rest.is_empty() => {
                is_letter = true;
                // A long subject wraps onto the next lines of the letterhead, up to a blank line.
                let continued = lines[i + 1..]
                    .iter()
                    .take(2)
                    .take_while(|l| !l.is_empty() && label_of(l).is_none());
                let title = std::iter::once(rest)
                    .chain(continued.copied())
                    .collect::<Vec<_>>()
                    .join(" ");
                meta.fill_title(Some(title), Source::Letterhead);
            }
            _ => {}
        }
    }
    if is_letter {
        meta.fill_type(Some("brief".to_string()), Source::Letterhead);
        meta.fill_afzender(ministry, Source::Letterhead);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_HEAD: &str = "> Retouradres Postbus 20011 2500 EA Den Haag \n \nDirectie \n\
        Aan de Voorzitter van de Tweede Kamer der Staten-\nKoninkrijksrelaties \nGeneraal \n\
        Kenmerk \n2015-0000097371 \nUw kenmerk \n \n  \nDatum 24 februari 2015 \n\
        Betreft Regeringsreactie motie Segers Van Laar inzake mensenhandel in \nCariben \n \n \n\
        Op 28 november 2013 heeft uw Kamer een motie van de leden Segers en Van \n\
        Laar aangenomen (kamerstukken 33 750 IV, nr. 16). In deze motie wordt de \n";

    #[test]
    fn letterhead_of_the_seed_letter() {
        let mut meta = Metadata::default();
        extract_from_text(SEED_HEAD, Some("000_4b49ee41d29ace67.txt"), &mut meta);
        assert_eq!(meta.date.unwrap().to_string(), "2015-02-24");
        assert_eq!(meta.kenmerk.as_deref(), Some("2015-0000097371"));
        assert_eq!(
            meta.title.as_deref(),
            Some("Regeringsreactie motie Segers Van Laar inzake mensenhandel in Cariben")
        );
        assert_eq!(meta.doc_type.as_deref(), Some("brief"));
        assert_eq!(
            meta.afzender, None,
            "the seed names its ministry only in its logo"
        );
        assert_eq!(meta.id, None);
        assert_eq!(meta.cites[0].to_string(), "kst-33750-IV-16");
        assert_eq!(meta.sources["date"], Source::Letterhead);
    }

    #[test]
    fn header_with_chapter_suffix() {
        let text = "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2024–2025\n\n\
            36 600 XII Vaststelling van de begrotingsstaten van het Ministerie van Infrastructuur\n\n\
            Nr. 46 MOTIE VAN HET LID KOSTIĆ\nVoorgesteld 10 oktober 2024\n\nDe Kamer,\n";
        let mut meta = Metadata::default();
        extract_from_text(text, Some("001_4b4dde5fbe05a0d1.txt"), &mut meta);
        assert_eq!(meta.id.unwrap().to_string(), "kst-36600-XII-46");
        assert_eq!(meta.date.unwrap().to_string(), "2024-10-10");
        assert_eq!(meta.vergaderjaar.as_deref(), Some("2024-2025"));
        assert_eq!(meta.title.as_deref(), Some("MOTIE VAN HET LID KOSTIĆ"));
        assert_eq!(meta.sources["id"], Source::Header);
    }

    #[test]
    fn senders_of_letters() {
        let mut meta = Metadata::default();
        let letter = "Ministerie van Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer\n\nDatum 3 april 2009\nBetreft Toezicht\n";
        extract_from_text(letter, None, &mut meta);
        assert_eq!(
            meta.afzender.as_deref(),
            Some("Ministerie van Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer")
        );
        let mut meta = Metadata::default();
        let text = "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2013–2014\n\n28 638 Mensenhandel\n\n\
            Nr. 115 BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES\n\nDen Haag, 12 mei 2014\n";
        extract_from_text(text, None, &mut meta);
        assert_eq!(
            meta.afzender.as_deref(),
            Some("Minister van Binnenlandse Zaken en Koninkrijksrelaties")
        );
        assert_eq!(meta.date.unwrap().to_string(), "2014-05-12");
    }

    #[test]
    fn handelingen_ids_from_file_names() {
        let mut meta = Metadata::default();
        extract_from_text(
            "De voorzitter: Ik open de vergadering.",
            Some("h-tk-20172018-70-6.xml"),
            &mut meta,
        );
        assert_eq!(meta.handelingen.unwrap().to_string(), "h-tk-20172018-70-6");
        assert_eq!(meta.id_text().as_deref(), Some("h-tk-20172018-70-6"));
        assert_eq!(
            meta.citation().as_deref(),
            Some("Handelingen II 2017/18, nr. 70, item 6")
        );
    }

    #[test]
    fn footer_when_the_header_is_missing() {
        let text = "verzoekt de regering iets te doen,\n\nen gaat over tot de orde van de dag.\n\n\
            kst-36045-229 ISSN 0921 - 7371 ’s-Gravenhage 2025\n\
            Tweede Kamer, vergaderjaar 2024-2025, 36 045, nr. 229 1\n";
        let mut meta = Metadata::default();
        extract_from_text(text, None, &mut meta);
        assert_eq!(meta.id.unwrap().to_string(), "kst-36045-229");
        assert_eq!(meta.vergaderjaar.as_deref(), Some("2024-2025"));
        assert_eq!(meta.sources["id"], Source::Footer);
    }

    #[test]
    fn a_gewijzigde_motie_cites_the_motie_it_replaces() {
        let text = "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2024–2025\n\n36 180 Doen waar Nederland goed in is\n\n\
            Nr. 167 GEWIJZIGDE MOTIE VAN HET LID DE KORTE TER VERVANGING VAN DIE GEDRUKT ONDER NR. 159\n\
            Voorgesteld 3 juli 2025\n\nDe Kamer,\n";
        let mut meta = Metadata::default();
        extract_from_text(text, None, &mut meta);
        assert_eq!(meta.doc_type.as_deref(), Some("gewijzigde motie"));
        assert_eq!(
            meta.cites
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["kst-36180-159"]
        );
    }

    #[test]
    fn a_document_naming_only_itself_cites_nothing() {
        let text = "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2015–2016\n\n34 104 Langdurige zorg\n\n\
            Nr. 12 BRIEF VAN DE STAATSSECRETARIS\n\nIn Kamerstuk 34 104, nr. 12 staat wat volgt.\n";
        let mut meta = Metadata::default();
        extract_from_text(text, None, &mut meta);
        meta.complete();
        assert_eq!(
            meta.id.as_ref().map(ToString::to_string).as_deref(),
            Some("kst-34104-12")
        );
        assert!(meta.cites.is_empty());
        assert!(!meta.sources.contains_key("cites"));
    }

    #[test]
    fn headers_of_the_1950s_to_70s_and_of_old_bijlagen() {
        let meta_of = |text: &str| {
            let mut m = Metadata::default();
            extract_from_text(text, None, &mut m);
            m
        };
        let m = meta_of("ZITTING 1954\u{2014}1955 \u{2014} 3703\nWijziging van hoofdstuk II der Rijksbegroting\nVERSLAG No. 4\nBij het afdelingsonderzoek");
        assert_eq!(m.id.unwrap().to_string(), "kst-3703-4");
        assert_eq!(m.vergaderjaar.as_deref(), Some("1954-1955"));
        assert_eq!(m.doc_type.as_deref(), Some("verslag"));
        let m = meta_of("ZITTING 1964\u{2014}1965 \u{2014} 7226\nWijziging van de gemeentewet\nNOTA VAN VERBETERING\nNr. 8\nIn de memorie");
        assert_eq!(m.id.unwrap().to_string(), "kst-7226-8");
        let m = meta_of("Bijlagen.\n380.\n4-6.\nTweede Kamer.\nWijziging van Hoofdstuk V der Staatsbegroting voor 1920.\n(380. 4.)\nVERSLAG.");
        assert_eq!(m.id.unwrap().to_string(), "kst-380-4");
        let m = meta_of("Vel 12. Eerste Kamer. 7de VERGADERING\nVERGADERING VAN DONDERDAG 5 DECEMBER 1918.\nIngekomen: berichten");
        assert_eq!(m.date.unwrap().to_string(), "1918-12-05");
        let m = meta_of(
            "24STE VERGADERING. \u{2014} 13 JULIJ 1814.\nVERGADERING VAN WOENSDAG 13 JULIJ 1814.",
        );
        assert_eq!(m.date.unwrap().to_string(), "1814-07-13");
        let m = meta_of("Vel 489. Tweede Kamer. 107de ZITTING. -2 JUNI 1887.\nIn overweging nemen");
        assert_eq!(m.date.unwrap().to_string(), "1887-06-02");
        let m = meta_of("Zitting 1973-1974 -12 600 C\nVASTSTELLING VAN DE BEGROTING\nNr. 5\nMEMORIE VAN ANTWOORD");
        assert_eq!(m.id.unwrap().to_string(), "kst-12600-C-5");
        // The Eerste Kamer's own number keeps its letter: it is not the Tweede Kamer's nr. 151.
        let m = meta_of(
            "Eerste Kamer der Staten Generaal\nVergaderjaar 1986-1987\nNr. 151c\n18860\nOverdracht",
        );
        assert_ne!(
            m.id.map(|i| i.to_string()).as_deref(),
            Some("kst-18860-151")
        );
        let m = meta_of("Tweede Kamer der Staten-Generaal\nZitting 1979-1980\n15 562\nWijziging\nNr. 39\nGEWIJZIGD AMENDEMENT VAN HET LID EPEMA-BRUGMAN Ontvangen 25 maart 1980\nDe ondergetekende");
        assert_eq!(m.date.unwrap().to_string(), "1980-03-25");
    }

    #[test]
    fn sgd_footer_and_file_name() {
        let text = "bla\nTweede Kamer, zitting 1979-1980, 14497, nr. 159\n";
        let mut meta = Metadata::default();
        extract_from_text(text, None, &mut meta);
        assert_eq!(meta.id.unwrap().to_string(), "kst-14497-159");

        let mut meta = Metadata::default();
        extract_from_text("geen kop", Some("kst-34104-439.txt"), &mut meta);
        assert_eq!(meta.id.unwrap().to_string(), "kst-34104-439");
        assert_eq!(meta.sources["id"], Source::FileName);
    }
}
