//! The vocabulary of document types, and how a title or an XML type maps onto it.

use std::sync::LazyLock;

use regex::Regex;

/// Title openings and XML types, most specific first, with the type kamerzoek files them under.
///
/// Ordered so that "GEWIJZIGDE MOTIE" is seen before "MOTIE" and "NOTA NAAR AANLEIDING VAN HET
/// VERSLAG" before "VERSLAG".
const TYPES: &[(&str, &str)] = &[
    ("gewijzigde motie", "gewijzigde motie"),
    ("motie", "motie"),
    ("gewijzigde amendement", "amendement"),
    ("amendement", "amendement"),
    (
        "nota naar aanleiding van het",
        "nota naar aanleiding van het verslag",
    ),
    ("nota van wijziging", "nota van wijziging"),
    ("memorie van toelichting", "memorie van toelichting"),
    ("memorie van antwoord", "memorie van antwoord"),
    ("voorstel van wet", "voorstel van wet"),
    ("koninklijke boodschap", "koninklijke boodschap"),
    ("advies raad van state", "advies raad van state"),
    (
        "advies afdeling advisering raad van state",
        "advies raad van state",
    ),
    (
        "lijst van vragen en antwoorden",
        "lijst van vragen en antwoorden",
    ),
    ("lijst van vragen", "lijst van vragen en antwoorden"),
    ("antwoord op vragen", "antwoord schriftelijke vragen"),
    ("vragen van het lid", "schriftelijke vragen"),
    ("vragen van de leden", "schriftelijke vragen"),
    ("vraag van het lid", "schriftelijke vragen"),
    ("nadere vragen", "schriftelijke vragen"),
    ("aanvullende vragen", "schriftelijke vragen"),
    ("vragen van de heer", "schriftelijke vragen"),
    ("vragen van mevrouw", "schriftelijke vragen"),
    ("brief regering", "brief"),
    ("brief van", "brief"),
    ("brief", "brief"),
    ("eindverslag", "verslag"),
    ("verslag", "verslag"),
    ("handelingen", "handelingen"),
    ("besluitenlijst", "besluitenlijst"),
];

/// Every type kamerzoek knows, for validating `--type` and documenting it.
pub fn known_types() -> Vec<&'static str> {
    let mut types: Vec<&str> = TYPES.iter().map(|&(_, t)| t).collect();
    types.sort_unstable();
    types.dedup();
    types
}

/// The type a title or an XML type names, if it names one.
///
/// ```
/// use kamerzoek::meta::doc_type_of;
/// assert_eq!(doc_type_of("MOTIE VAN HET LID PIRI C.S."), Some("motie"));
/// assert_eq!(doc_type_of("GEWIJZIGDE MOTIE VAN DE LEDEN X EN Y"), Some("gewijzigde motie"));
/// assert_eq!(doc_type_of("Motie"), Some("motie"));
/// assert_eq!(doc_type_of("BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN"), Some("brief"));
/// assert_eq!(doc_type_of("Mensenhandel in de Cariben"), None);
/// ```
pub fn doc_type_of(title: &str) -> Option<&'static str> {
    // "TWEEDE NADER GEWIJZIGDE", "NADER GEWIJZIGD", and the typos of real titles ("GEWIJZGIDE",
    // "GEWIJZIGE") all mean: a changed version.
    static CHANGED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?:tweede|derde|vierde|vijfde)\s+)?(?:nader\s+)?gewij\w*\s+")
            .expect("valid regex")
    });
    let lower = title.trim().to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphabetic());
    let lower = CHANGED.replace(lower, "gewijzigde ");
    TYPES
        .iter()
        .find(|(opening, _)| {
            lower.starts_with(opening)
                && lower[opening.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphabetic())
        })
        .map(|&(_, t)| t)
}

/// The normalized form of a type the user typed (`--type Motie`, `type:brief`); `None` if
/// kamerzoek does not know it.
///
/// ```
/// assert_eq!(kamerzoek::meta::normalize_type("Motie"), Some("motie"));
/// assert_eq!(kamerzoek::meta::normalize_type("kookboek"), None);
/// ```
pub fn normalize_type(user: &str) -> Option<&'static str> {
    let lower = user.trim().to_lowercase().replace(['_', '-'], " ");
    known_types()
        .into_iter()
        .find(|t| *t == lower)
        .or_else(|| doc_type_of(&lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specific_before_general() {
        assert_eq!(
            doc_type_of("NADER GEWIJZIGDE MOTIE VAN HET LID X"),
            Some("gewijzigde motie")
        );
        assert_eq!(
            doc_type_of("NOTA NAAR AANLEIDING VAN HET VERSLAG"),
            Some("nota naar aanleiding van het verslag")
        );
        assert_eq!(
            doc_type_of("VERSLAG VAN EEN SCHRIFTELIJK OVERLEG"),
            Some("verslag")
        );
        assert_eq!(
            doc_type_of("AMENDEMENT VAN HET LID OMTZIGT"),
            Some("amendement")
        );
        assert_eq!(
            doc_type_of("GEWIJZIGD AMENDEMENT VAN HET LID X"),
            Some("amendement")
        );
    }

    #[test]
    fn changed_versions_as_real_titles_write_them() {
        for t in [
            "TWEEDE NADER GEWIJZIGDE MOTIE VAN DE LEDEN WELZIJN EN PETER DE GROOT",
            "GEWIJZGIDE MOTIE VAN DE LEDEN GABRIËLS EN KOSTIĆ",
            "GEWIJZIGE MOTIE VAN HET LID INGE VAN DIJK",
        ] {
            assert_eq!(doc_type_of(t), Some("gewijzigde motie"), "{t}");
        }
    }

    #[test]
    fn a_word_that_only_starts_like_a_type_is_not_one() {
        assert_eq!(doc_type_of("Motiemarkt en andere zaken"), None);
        assert_eq!(doc_type_of("Briefing over Oekraïne"), None);
    }

    #[test]
    fn user_types() {
        assert_eq!(normalize_type("gewijzigde-motie"), Some("gewijzigde motie"));
        assert_eq!(normalize_type("BRIEF"), Some("brief"));
    }
}
