//! Members of parliament as the documents name them, in one form per person.
//!
//! The publisher's metadata writes "S.R.T. van Baarle"; a motie's title "MOTIE VAN HET LID VAN
//! BAARLE" or "Motie van het lid Van Baarle c.s. over ..."; all three are "Van Baarle", the way
//! Dutch writes a surname on its own (the tussenvoegsel capitalized first, lower case inside),
//! and are looked up by its folded key "van baarle" or by the surname alone, "baarle".

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::fold;

/// Words that join a surname to its prefix ("van der Plas", "ter Horst", "in 't Veld").
const TUSSENVOEGSELS: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "op", "onder", "uit", "aan",
    "bij", "voor", "tot", "la", "le", "du", "da", "del", "di", "el", "d'",
];

/// "MOTIE VAN HET LID X", "Gewijzigde motie van de leden X en Y over ...", "AMENDEMENT VAN HET
/// LID X TER VERVANGING VAN ...", "Vragen van de leden X en Y (beiden CDA) over ...", and the
/// slips real titles have: "MOTIE DE LEDEN X EN Y",
/// "MOTIE VAN HET X C.S.", "MOTIE VAN HET LIID X", "GEWIJZIGE MOTIE", "GEWIJZGIDE MOTIE".
static SUBMITTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:tweede|derde)\s+)?(?:(?:nader|nadere|aanvullende)\s+)?(?:gewij\w*\s+)?(?:motie|amendement|vragen|vraag)\s+(?:van\s+(?:(?:het|de)\s+)*(?:(?:lid|liid|leden|heer|heren|mevrouw)\s+)?|(?:(?:het|de)\s+)+(?:(?:lid|liid|leden)\s+)?|(?:lid|leden)\s+)(.+?)(?:\s*,?\s+c\.\s*s\.?|\s+over(?:een)?\b|\s+met\s+betrekking\b|\s+ter\s+vervanging\b|\s*\(t\.v\.v\.|\s+voorgesteld\b|\s+ten\s+behoeve\b|\s+inzake\b|\s+in\s+verband\b|\s+n\.\s*a\.\s*v\.|\s+betreffende\b|\s+houdende\b|\s+tot\b|$)")
        .expect("valid submitted-by regex")
});
/// The word "en" between names, in any case.
static NAMES_JOINED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s+en\s+").expect("valid name-joining regex"));
/// Initials with the name a member goes by: "D.J.H. (Diederik) van Dijk".
static ROEPNAAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\p{Lu}\p{Ll}{0,2}\.\s*)+\((\p{Lu}[\p{L}-]+)\)\s*(.+)$")
        .expect("valid roepnaam regex")
});
/// A dash between two surnames.
static DOUBLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[–—]\s*|\s+-\s+").expect("valid double-name regex"));
/// Initials before a surname: "D.G.M.", "Th.", "Chr.".
static INITIAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\p{Lu}\p{Ll}{0,2}\.)+$").expect("valid initials regex"));

/// A person's name in kamerzoek's one form: initials and a party in brackets dropped, the case
/// of a title set in capitals undone, the first word capitalized.
///
/// ```
/// use kamerzoek::meta::person_name;
/// assert_eq!(person_name("S.R.T. van Baarle").as_deref(), Some("Van Baarle"));
/// assert_eq!(person_name("VAN DER PLAS").as_deref(), Some("Van der Plas"));
/// assert_eq!(person_name("KRÖGER (GL)").as_deref(), Some("Kröger"));
/// assert_eq!(person_name("WIJEN-NASS").as_deref(), Some("Wijen-Nass"));
/// assert_eq!(person_name("D.G.M. Ceder").as_deref(), Some("Ceder"));
/// ```
pub fn person_name(raw: &str) -> Option<String> {
    // The name a member goes by replaces the initials: "D.J.H. (Diederik) van Dijk" is
    // "Diederik van Dijk", as titles write it to tell two members Van Dijk apart.
    let called = ROEPNAAM
        .captures(raw)
        .map(|c| format!("{} {}", &c[1], &c[2]));
    let name = called.as_deref().unwrap_or(raw);
    let name = name.split('(').next().unwrap_or(name).trim();
    // A double surname: "Faber – van der Klashorst" is "Faber-van der Klashorst".
    let name = DOUBLE.replace_all(name, "-");
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| INITIAL.is_match(w))
        .collect();
    if words.is_empty() || !words.iter().any(|w| w.chars().any(char::is_alphabetic)) {
        return None;
    }
    let shouted = !words.iter().flat_map(|w| w.chars()).any(char::is_lowercase);
    let last = words.len() - 1;
    let out: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if !shouted {
                return w.to_string();
            }
            if i < last && TUSSENVOEGSELS.contains(&lower.as_str()) {
                lower
            } else {
                capitalize_parts(&lower)
            }
        })
        .collect();
    let joined = out.join(" ");
    Some(capitalize_first(&joined))
}

/// "wijen-nass" as "Wijen-Nass", "faber-van" as "Faber-van".
fn capitalize_parts(word: &str) -> String {
    word.split('-')
        .enumerate()
        .map(|(i, part)| {
            if i > 0 && TUSSENVOEGSELS.contains(&part) {
                part.to_string()
            } else {
                capitalize_first(part)
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How the verbatim reports address a speaker: "De heer Eerdmans (JA21)", "Mevrouw Van Eijk
/// (VVD)", "Minister Van Weel".
static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:de\s+heer|mevrouw|minister(?:-president)?|staatssecretaris|de\s+voorzitter|voorzitter)\s+(.+?)(?:\s*\(([^()]{2,30})\))?\s*$")
        .expect("valid speaker regex")
});

/// A speaker of a meeting report in one form, with the party the report names.
///
/// ```
/// use kamerzoek::meta::speaker;
/// assert_eq!(
///     speaker("De heer Nordkamp (GroenLinks-PvdA)"),
///     Some(("Nordkamp".to_string(), Some("GroenLinks-PvdA".to_string())))
/// );
/// assert_eq!(speaker("Minister Van Weel"), Some(("Van Weel".to_string(), None)));
/// ```
pub fn speaker(addressed: &str) -> Option<(String, Option<String>)> {
    let caps = ADDRESSED.captures(addressed.trim())?;
    let name = person_name(&caps[1])?;
    Some((name, caps.get(2).map(|p| p.as_str().trim().to_string())))
}

/// A party in brackets after a name: "de Vries (P.v.d.A.)", "Vreugdenhil (beiden CDA)".
static WITH_PARTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?)\s*\(\s*(?i:(beiden|allen)\s+)?([^()]{2,30}?)\s*\)")
        .expect("valid party regex")
});

/// How a list of names addresses a member: "de heer Oskamp, mevrouw Van der Meer".
static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?i:de\s+heer|mevrouw)\s+").expect("valid address regex"));

/// A member as a document names them: one form of the name, and the party where the document
/// states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The name in kamerzoek's one form ([`person_name`]).
    pub name: String,
    /// The party in its one form ([`party_name`]).
    pub party: Option<String>,
}

/// The members a title names as its submitters (a motie, an amendement, written questions),
/// in one form each, with the party the title gives; "(beiden CDA)" after the last name is the
/// party of all.
///
/// ```
/// use kamerzoek::meta::members_of_title;
/// let members = members_of_title("Vragen van de leden Krajenbrink en Vreugdenhil (beiden CDA) over speelautomaten");
/// assert_eq!(members[0].name, "Krajenbrink");
/// assert_eq!(members[0].party.as_deref(), Some("CDA"));
/// assert_eq!(members_of_title("Vragen van het lid de Vries (P.v.d.A.) over Sail")[0].party.as_deref(), Some("PvdA"));
/// ```
pub fn members_of_title(title: &str) -> Vec<Member> {
    let Some(caps) = SUBMITTED_BY.captures(title.trim()) else {
        return Vec::new();
    };
    let mut members: Vec<Member> = Vec::new();
    let mut for_all = None;
    // "Kröger en Thijssen", "VAN DER PLAS, VAN HOUWELINGEN EN KOSTIĆ", "Beekmans (D'66) en
    // Tilanus (CDA)".
    for part in caps[1].split(',') {
        for named in NAMES_JOINED.split(part) {
            let (name, party) = match WITH_PARTY.captures(named) {
                Some(c) => {
                    let party = party_name(&c[3]);
                    if c.get(2).is_some() {
                        for_all.clone_from(&party);
                    }
                    (c.get(1).map_or("", |m| m.as_str()), party)
                }
                None => (named, None),
            };
            let name = ADDRESS.replace(name, "");
            if let Some(name) = person_name(&name) {
                if !members.iter().any(|m| m.name == name) {
                    members.push(Member { name, party });
                }
            }
        }
    }
    for m in members.iter_mut().filter(|m| m.party.is_none()) {
        m.party.clone_from(&for_all);
    }
    members
}

/// The members a motie's or amendement's title names as its submitters, in one form each.
///
/// ```
/// use kamerzoek::meta::submitters_of_title;
/// assert_eq!(submitters_of_title("MOTIE VAN DE LEDEN KRÖGER EN THIJSSEN"), ["Kröger", "Thijssen"]);
/// assert_eq!(
///     submitters_of_title("Motie van het lid Van Zanten c.s. over asielbeslissingen"),
///     ["Van Zanten"]
/// );
/// assert!(submitters_of_title("Brief van de minister").is_empty());
/// ```
pub fn submitters_of_title(title: &str) -> Vec<String> {
    members_of_title(title)
        .into_iter()
        .map(|m| m.name)
        .collect()
}

/// Parties as the scans abbreviate them, in their one form.
const PARTY_FORMS: &[(&str, &str)] = &[("pvda", "PvdA"), ("groen links", "GroenLinks")];

/// A party's name in one form: the dots and apostrophes of older abbreviations dropped
/// ("P.v.d.A." is "PvdA", "V.V.D." "VVD", "D'66" "D66").
///
/// ```
/// use kamerzoek::meta::party_name;
/// assert_eq!(party_name("C.D.A.").as_deref(), Some("CDA"));
/// assert_eq!(party_name("Groen Links").as_deref(), Some("GroenLinks"));
/// assert_eq!(party_name("GroenLinks-PvdA").as_deref(), Some("GroenLinks-PvdA"));
/// assert_eq!(party_name("."), None);
/// ```
pub fn party_name(raw: &str) -> Option<String> {
    let bare: String = raw
        .chars()
        .filter(|c| !matches!(c, '.' | '\'' | '’'))
        .collect();
    let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    if !bare.chars().any(char::is_alphanumeric) {
        return None;
    }
    let folded = fold(&bare);
    Some(match PARTY_FORMS.iter().find(|(form, _)| *form == folded) {
        Some((_, one)) => one.to_string(),
        None => bare,
    })
}

/// The keys a person is found by: the whole name folded ("diederik van dijk"), the surname
/// with its tussenvoegsel ("van dijk") and the surname alone ("dijk").
///
/// ```
/// use kamerzoek::meta::person_keys;
/// assert_eq!(person_keys("Van der Plas"), ["van der plas", "plas"]);
/// assert_eq!(person_keys("Diederik van Dijk"), ["diederik van dijk", "van dijk", "dijk"]);
/// assert_eq!(person_keys("Kröger"), ["kroger"]);
/// ```
pub fn person_keys(name: &str) -> Vec<String> {
    let whole = fold(name.trim());
    let words: Vec<&str> = whole.split_whitespace().collect();
    let is_joiner = |w: &&str| TUSSENVOEGSELS.contains(w);
    let mut keys = vec![words.join(" ")];
    let mut push = |key: String| {
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    };
    if let Some(at) = words.iter().position(is_joiner) {
        push(words[at..].join(" "));
    }
    let after = words.len() - words.iter().rev().take_while(|w| !is_joiner(w)).count();
    push(words[after..].join(" "));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_title_form_of_the_moties() {
        for (title, want) in [
            ("MOTIE VAN HET LID EL ABASSI", vec!["El Abassi"]),
            ("MOTIE VAN HET LID GRINWIS C.S.", vec!["Grinwis"]),
            ("MOTIE DE LEDEN PATERNOTTE EN BOSWIJK", vec!["Paternotte", "Boswijk"]),
            (
                "Gewijzigde motie van het lid Rajkowski over strafbaar gedrag (t.v.v. 19637-3411)",
                vec!["Rajkowski"],
            ),
            (
                "GEWIJZIGDE MOTIE VAN HET LID DE KORTE TER VERVANGING VAN DIE GEDRUKT ONDER NR. 159",
                vec!["De Korte"],
            ),
            (
                "MOTIE VAN DE LEDEN VAN DER PLAS, VAN HOUWELINGEN EN KOSTIĆ",
                vec!["Van der Plas", "Van Houwelingen", "Kostić"],
            ),
            ("AMENDEMENT VAN HET LID VAN DIJK (CDA)", vec!["Van Dijk"]),
            ("MOTIE VAN HET FLACH C.S.", vec!["Flach"]),
            ("MOTIE VAN HET LIID ERGIN", vec!["Ergin"]),
            ("MOTIE VAN LID DE KORT", vec!["De Kort"]),
            ("GEWIJZIGDE MOTIE VAN KOSTIĆ TER VERVANGING VAN DIE GEDRUKT ONDER NR. 45", vec!["Kostić"]),
            (
                "TWEEDE NADER GEWIJZIGDE MOTIE VAN HET LID PATIJN TER VERVANGING VAN NR. 17",
                vec!["Patijn"],
            ),
            ("GEWIJZIGE MOTIE VAN HET LID INGE VAN DIJK TER VERVANGING", vec!["Inge van Dijk"]),
            ("Motie van het lid Diederik van Dijk C.s over defensie", vec!["Diederik van Dijk"]),
        ] {
            assert_eq!(submitters_of_title(title), want, "{title}");
        }
    }

    #[test]
    fn parties_as_the_headings_of_written_questions_give_them() {
        let parties = |title: &str| -> Vec<(String, Option<String>)> {
            members_of_title(title)
                .into_iter()
                .map(|m| (m.name, m.party))
                .collect()
        };
        let member = |name: &str, party: &str| (name.to_string(), Some(party.to_string()));
        assert_eq!(
            parties("Vragen van het lid Wessel-Tuinstra (D'66) om afwijzend te beslissen over"),
            [member("Wessel-Tuinstra", "D66")]
        );
        assert_eq!(
            parties("Vragen van de leden Wallage, Ter Veld en Dales (allen P.v.d.A.) over"),
            [
                member("Wallage", "PvdA"),
                member("Ter Veld", "PvdA"),
                member("Dales", "PvdA")
            ]
        );
        assert_eq!(
            parties("AMENDEMENT VAN HET LID VAN DIJK (CDA)"),
            [member("Van Dijk", "CDA")]
        );
        assert_eq!(
            parties("MOTIE VAN HET LID KRÖGER"),
            [("Kröger".to_string(), None)]
        );
    }

    #[test]
    fn one_form_whatever_the_source() {
        let forms = [
            "S.R.T. van Baarle",
            "VAN BAARLE",
            "Van Baarle",
            "van Baarle",
        ];
        for f in forms {
            assert_eq!(person_name(f).as_deref(), Some("Van Baarle"), "{f}");
        }
        // Idempotent: an exported name reads back the same.
        assert_eq!(person_name("Van der Plas").as_deref(), Some("Van der Plas"));
        assert_eq!(person_name("Th. de Vries").as_deref(), Some("De Vries"));
        assert_eq!(
            person_name("D.J.H. (Diederik) van Dijk").as_deref(),
            Some("Diederik van Dijk")
        );
        assert_eq!(
            person_name("Faber – van der Klashorst").as_deref(),
            Some("Faber-van der Klashorst")
        );
        assert_eq!(
            person_name("FABER-VAN DER KLASHORST").as_deref(),
            Some("Faber-van der Klashorst")
        );
        assert_eq!(person_name("C.S."), None);
        assert_eq!(person_name(""), None);
    }
}
