//! The query language.
//!
//! - words: `mensenhandel Curacao`; passages with all of them rank above passages with some;
//! - `"exact phrases"`, matched on the unstemmed text;
//! - `-word` and `-"phrase"` exclude documents, except where the dash is Dutch spelling: the
//!   rest of a compound after a quote (`"buy now, pay later"-diensten`) or after "en"/"of"
//!   (`IT- en cyberspecialisten en -reservisten`) is a word;
//! - `a OR b` (upper case) accepts either;
//! - `field:value` for `id`, `dossier`, `type`, `cites` and `indiener` (`type:motie`,
//!   `dossier:33750-IV`, `indiener:kröger`, `indiener:"van der plas"`);
//! - a Kamerstuk id in any common form (`kst-33750-IV-16`, `33750-IV-16`,
//!   `33 750 IV, nr. 16`) as the whole query goes straight to that document; an id among other
//!   words (`glyfosaat 27858-724`) ranks the documents that cite it, and the document itself,
//!   above the rest; after "t.v.v." or "ter vervanging van" (`(t.v.v. 36760-15)`, as in the
//!   titles of amended motions) it ranks the documents that replace that one;
//! - a question about documents (`welke motie wilde dat ...?`) is searched for its subject.

use crate::meta::{normalize_type, parse_dossier_key, KamerstukId};
use crate::{Error, Result};

/// One thing a query asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A word, analyzed like the text.
    Word(String),
    /// An exact phrase.
    Phrase(String),
    /// A document by id.
    Id(KamerstukId),
    /// Documents in a dossier (key as in `33750-IV`, or a number alone for every suffix).
    Dossier(String),
    /// Documents of a type.
    Type(String),
    /// Documents that cite an id.
    Cites(KamerstukId),
    /// Documents a member submitted, by one of the member's keys ([`crate::meta::person_keys`]:
    /// `kroger`, `van der plas`, `plas`).
    Indiener(String),
    /// An id among other words: documents that cite it or are it rank higher.
    Refers(KamerstukId),
    /// An id after "t.v.v." ("ter vervanging van"): the documents that replace it (and so cite
    /// it) rank higher; the replaced document itself does not.
    Replaces(KamerstukId),
}

impl Item {
    /// Whether the item selects by metadata instead of ranking by text.
    pub fn is_filter(&self) -> bool {
        !matches!(
            self,
            Item::Word(_) | Item::Phrase(_) | Item::Refers(_) | Item::Replaces(_)
        )
    }
}

/// A parsed query: every slot must match (one of its alternatives); excluded items must not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// The parts of the query; a slot with several items came from `a OR b`.
    pub slots: Vec<Vec<Item>>,
    /// Items whose documents are left out.
    pub excluded: Vec<Item>,
}

/// The longest query searched, in bytes: several passages' worth of text.
pub const MAX_QUERY_BYTES: usize = 16 * 1024;

/// Parses a query.
///
/// ```
/// use kamerzoek::search::{parse_query, Item};
/// let q = parse_query(r#"mensenhandel "seksueel misbruik" -Aruba type:brief"#).unwrap();
/// assert_eq!(q.slots.len(), 3);
/// assert_eq!(q.excluded, [Item::Word("Aruba".into())]);
/// assert!(parse_query(r#""unclosed"#).is_err());
/// assert_eq!(parse_query("33 750 IV, nr. 16").unwrap().slots[0][0].to_string(), "id:kst-33750-IV-16");
/// ```
pub fn parse_query(text: &str) -> Result<ParsedQuery> {
    if text.len() > MAX_QUERY_BYTES {
        return Err(Error::Query(format!(
            "the query is {} kB long; at most {} kB are searched",
            text.len() / 1024,
            MAX_QUERY_BYTES / 1024
        )));
    }
    // Text copied from a PDF brings the documents' own traps (a soft hyphen or a zero-width
    // space inside a word, a ligature): the query is cleaned as they were.
    let chars = crate::normalize::normalize_chars(text);
    let trimmed = chars.trim();
    if trimmed.is_empty() {
        return Err(Error::Query("the query is empty".into()));
    }
    if let Some(id) = KamerstukId::parse(trimmed) {
        return Ok(ParsedQuery {
            slots: vec![vec![Item::Id(id)]],
            excluded: Vec::new(),
        });
    }
    let mut tokens = tokenize(trimmed)?;
    strip_question_frame(&mut tokens);
    let mut query = ParsedQuery::default();
    let mut join_next = false;
    for (i, tok) in tokens.iter().enumerate() {
        match tok {
            Tok::Or => {
                if query.slots.is_empty() || join_next || i + 1 == tokens.len() {
                    return Err(Error::Query(
                        "OR needs something on both sides, as in: asiel OR migratie".into(),
                    ));
                }
                if matches!(tokens.get(i + 1), Some(Tok::Item(true, _)))
                    || matches!(tokens.get(i.wrapping_sub(1)), Some(Tok::Item(true, _)))
                {
                    return Err(Error::Query(
                        "an excluded term (-word) cannot be part of OR".into(),
                    ));
                }
                join_next = true;
            }
            Tok::Item(negated, item) => {
                if *negated {
                    query.excluded.push(item.clone());
                } else if join_next {
                    query
                        .slots
                        .last_mut()
                        .expect("checked above")
                        .push(item.clone());
                    join_next = false;
                } else {
                    query.slots.push(vec![item.clone()]);
                }
            }
        }
    }
    if query.slots.is_empty() {
        return Err(Error::Query(
            "nothing to search for: a query of only exclusions (-word) matches nothing; add a word"
                .into(),
        ));
    }
    Ok(query)
}

/// Question words that open a question about documents: "welke motie wilde ...?".
const QUESTION_WORDS: &[&str] = &[
    "welke", "welk", "wat", "wie", "waar", "wanneer", "waarom", "hoe",
];
/// What a question names the document by: the type is the question's frame, not its subject.
const DOCUMENT_NOUNS: &[&str] = &[
    "motie",
    "moties",
    "amendement",
    "amendementen",
    "brief",
    "brieven",
    "kamerstuk",
    "kamerstukken",
    "kamervraag",
    "kamervragen",
    "stuk",
    "stukken",
    "document",
    "documenten",
    "voorstel",
    "voorstellen",
];
/// The verbs of a question's frame, and the words that join it to its subject.
const FRAME_VERBS: &[&str] = &[
    "wilde", "wil", "wilden", "willen", "wou", "vroeg", "vroegen", "vraagt", "verzocht",
    "verzoekt", "ging", "gaat", "gingen", "was", "is", "waren", "had", "heeft",
];
const FRAME_JOINS: &[&str] = &["over", "dat", "om"];

/// Takes the frame off a question ("welke motie wilde dat ... ?"): its question word, the
/// document it asks for and the verb of asking say nothing about what the document is about,
/// and would count as words of it. Only a query that opens with a question word and names a
/// document or ends with a question mark is a question.
fn strip_question_frame(tokens: &mut Vec<Tok>) {
    let word = |tok: &Tok| match tok {
        Tok::Item(false, Item::Word(w)) => Some(w.trim_end_matches('?').to_lowercase()),
        _ => None,
    };
    let is = |at: usize, list: &[&str]| {
        tokens
            .get(at)
            .and_then(word)
            .is_some_and(|w| list.contains(&w.as_str()))
    };
    if !is(0, QUESTION_WORDS) {
        return;
    }
    let asks = tokens
        .last()
        .is_some_and(|t| matches!(t, Tok::Item(false, Item::Word(w)) if w.ends_with('?')));
    let mut end = 1;
    let names = is(end, DOCUMENT_NOUNS);
    if !(names || asks) {
        return;
    }
    while is(end, DOCUMENT_NOUNS) {
        end += 1;
    }
    if is(end, FRAME_VERBS) {
        end += 1;
        if is(end, FRAME_JOINS) {
            end += 1;
        }
    }
    // The subject stays, however short.
    if end < tokens.len() {
        tokens.drain(..end);
    }
}

enum Tok {
    Or,
    Item(bool, Item),
}

fn tokenize(text: &str) -> Result<Vec<Tok>> {
    let mut out: Vec<Tok> = Vec::new();
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        let after_space = trimmed.len() < rest.len() || out.is_empty();
        rest = trimmed;
        if rest.is_empty() {
            break;
        }
        let dash =
            rest.starts_with('-') && rest.len() > 1 && !rest[1..].starts_with(char::is_whitespace);
        // Dutch writes the shared part of compounds once: "IT- en cyberspecialisten en
        // -reservisten", "\"buy now, pay later\"-constructies". Such a dash is spelling, not
        // an exclusion.
        let spelling = dash && (!after_space || out.last().is_some_and(Tok::is_conjunction));
        let negated = dash && !spelling;
        if dash {
            rest = &rest[1..];
        } else if rest.starts_with('-') {
            // A lone dash between words ("kosten - baten") means nothing.
            rest = &rest[1..];
            continue;
        }
        let (item, after) = if let Some(inner) = rest.strip_prefix('"') {
            let end = inner
                .find('"')
                .ok_or_else(|| Error::Query("a phrase is not closed: add the closing \"".into()))?;
            let phrase = inner[..end].trim();
            if phrase.is_empty() {
                return Err(Error::Query(
                    "an empty phrase \"\" searches for nothing".into(),
                ));
            }
            (Item::Phrase(phrase.to_string()), &inner[end + 1..])
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            if word == "OR" && !negated {
                out.push(Tok::Or);
                rest = &rest[end..];
                continue;
            }
            if let Some(quote) = word.find('"') {
                if quote > 0 && !word.contains(':') {
                    return Err(Error::Query(format!(
                        "unexpected \" inside {word:?}: put a space before a phrase"
                    )));
                }
            }
            match word.split_once(':') {
                Some((field, value)) if is_field_name(field) => {
                    let (value, after) = if let Some(inner) =
                        rest[field.len() + 1..].strip_prefix('"')
                    {
                        let end = inner.find('"').ok_or_else(|| {
                            Error::Query("a quoted value is not closed: add the closing \"".into())
                        })?;
                        (&inner[..end], &inner[end + 1..])
                    } else {
                        (value, &rest[end..])
                    };
                    (field_item(field, value)?, after)
                }
                _ => {
                    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
                    let item = match KamerstukId::parse(bare).filter(|_| bare.contains('-')) {
                        Some(id) if !negated && take_replacement_words(&mut out) => {
                            Item::Replaces(id)
                        }
                        Some(id) => Item::Refers(id),
                        None => Item::Word(word.to_string()),
                    };
                    (item, &rest[end..])
                }
            }
        };
        out.push(Tok::Item(negated, item));
        rest = after;
    }
    Ok(out)
}

impl Tok {
    /// "en", "of", "tot": words after which a leading dash completes a compound.
    fn is_conjunction(&self) -> bool {
        match self {
            Tok::Item(false, Item::Word(w)) => {
                let w = w.to_lowercase();
                matches!(w.as_str(), "en" | "of" | "en/of" | "tot") || w.ends_with(',')
            }
            _ => false,
        }
    }
}

/// Whether the words just before an id say it is being replaced ("t.v.v.", "ter vervanging
/// van"); if so they are taken off `out`, as they are not words to search for.
fn take_replacement_words(out: &mut Vec<Tok>) -> bool {
    let word = |t: Option<&Tok>| match t {
        Some(Tok::Item(false, Item::Word(w))) => w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase(),
        _ => String::new(),
    };
    let n = out.len();
    if word(out.last()) == "t.v.v" || word(out.last()) == "tvv" {
        out.pop();
        return true;
    }
    if n >= 3
        && word(out.get(n - 3)) == "ter"
        && word(out.get(n - 2)) == "vervanging"
        && word(out.get(n - 1)) == "van"
    {
        out.truncate(n - 3);
        return true;
    }
    false
}

fn is_field_name(field: &str) -> bool {
    matches!(
        field.to_ascii_lowercase().as_str(),
        "id" | "dossier" | "type" | "cites" | "indiener"
    )
}

fn field_item(field: &str, value: &str) -> Result<Item> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::Query(format!(
            "{field}: needs a value, as in {field}:{}",
            example(field)
        )));
    }
    let bad = |what: &str| {
        Error::Query(format!(
            "{field}:{value} is not a valid {what}; try {field}:{}",
            example(field)
        ))
    };
    match field.to_ascii_lowercase().as_str() {
        "id" => KamerstukId::parse(value)
            .map(Item::Id)
            .ok_or_else(|| bad("Kamerstuk id")),
        "cites" => KamerstukId::parse(value)
            .map(Item::Cites)
            .ok_or_else(|| bad("Kamerstuk id")),
        "dossier" => parse_dossier_key(value)
            .map(Item::Dossier)
            .ok_or_else(|| bad("dossier")),
        "indiener" => indiener_item(value).ok_or_else(|| bad("name")),
        _ => normalize_type(value)
            .map(|t| Item::Type(t.to_string()))
            .ok_or_else(|| {
                Error::Query(format!(
                    "type:{value} is not a known type; known types: {}",
                    crate::meta::known_types().join(", ")
                ))
            }),
    }
}

/// The filter for a member's name as a user types it: "Kröger", "van der Plas", "plas".
pub(crate) fn indiener_item(name: &str) -> Option<Item> {
    let name = crate::meta::person_name(name)?;
    crate::meta::person_keys(&name)
        .into_iter()
        .next()
        .map(Item::Indiener)
}

fn example(field: &str) -> &'static str {
    match field {
        "id" | "cites" => "kst-33750-IV-16",
        "dossier" => "33750-IV",
        "indiener" => "kröger",
        _ => "motie",
    }
}

impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Item::Word(w) => write!(f, "{w}"),
            Item::Phrase(p) => write!(f, "\"{p}\""),
            Item::Id(id) => write!(f, "id:{id}"),
            Item::Dossier(d) => write!(f, "dossier:{d}"),
            Item::Type(t) => write!(f, "type:{t}"),
            Item::Cites(id) => write!(f, "cites:{id}"),
            Item::Indiener(k) if k.contains(' ') => write!(f, "indiener:\"{k}\""),
            Item::Indiener(k) => write!(f, "indiener:{k}"),
            Item::Refers(id) => write!(f, "{id}"),
            Item::Replaces(id) => write!(f, "t.v.v. {id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(q: &str) -> Vec<Vec<String>> {
        parse_query(q)
            .unwrap()
            .slots
            .iter()
            .map(|s| s.iter().map(ToString::to_string).collect())
            .collect()
    }

    #[test]
    fn a_question_is_searched_for_its_subject() {
        let words = |q: &str| slots(q).concat();
        assert_eq!(
            words("welke motie wilde dat de regering de zeehondenopvang steunt?"),
            ["de", "regering", "de", "zeehondenopvang", "steunt?"]
        );
        assert_eq!(words("Welke moties gingen over stikstof"), ["stikstof"]);
        assert_eq!(words("wat is stikstof?"), ["stikstof?"]);
        // Not a question about documents: every word stays.
        assert_eq!(words("wat kost stikstof"), ["wat", "kost", "stikstof"]);
        assert_eq!(words("motie wilde dat"), ["motie", "wilde", "dat"]);
        // Nothing but the frame: it is what there is to search for.
        assert_eq!(words("welke motie?"), ["welke", "motie?"]);
    }

    #[test]
    fn words_phrases_and_or() {
        assert_eq!(
            slots("asiel OR migratie Curaçao"),
            [vec!["asiel", "migratie"], vec!["Curaçao"]]
        );
        assert_eq!(
            slots(r#""ten opzichte van" OR bezien"#),
            [vec!["\"ten opzichte van\"", "bezien"]]
        );
        assert_eq!(slots("kosten - baten"), [vec!["kosten"], vec!["baten"]]);
    }

    #[test]
    fn fields() {
        assert_eq!(
            slots("type:Motie dossier:33750-iv id:33750-IV-16 cites:kst-28638-115"),
            [
                vec!["type:motie"],
                vec!["dossier:33750-IV"],
                vec!["id:kst-33750-IV-16"],
                vec!["cites:kst-28638-115"]
            ]
        );
        assert_eq!(slots(r#"dossier:"33 750 IV""#), [vec!["dossier:33750-IV"]]);
        // A colon in an ordinary word is not a field.
        assert_eq!(slots("tijd:nu"), [vec!["tijd:nu"]]);
    }

    #[test]
    fn ids_in_every_form() {
        for q in ["kst-33750-IV-16", "33750-IV-16", "33 750 IV, nr. 16"] {
            assert_eq!(slots(q), [vec!["id:kst-33750-IV-16"]], "{q}");
        }
    }

    #[test]
    fn an_id_among_words_refers_to_it() {
        let q = parse_query("glyfosaat 27858-724").unwrap();
        assert_eq!(
            q.slots[1],
            [Item::Refers(KamerstukId::parse("kst-27858-724").unwrap())]
        );
    }

    #[test]
    fn an_id_after_tvv_asks_for_what_replaces_it() {
        let replaces = || vec![Item::Replaces(KamerstukId::parse("kst-27858-724").unwrap())];
        for q in [
            "glyfosaat (t.v.v. 27858-724)",
            "glyfosaat T.v.v. kst-27858-724",
            "glyfosaat ter vervanging van 27858-724",
        ] {
            let parsed = parse_query(q).unwrap();
            assert_eq!(
                parsed.slots,
                [vec![Item::Word("glyfosaat".into())], replaces()],
                "{q}"
            );
        }
        // Without the id, "t.v.v." is only words.
        assert_eq!(
            slots("glyfosaat t.v.v."),
            [vec!["glyfosaat"], vec!["t.v.v."]]
        );
    }

    #[test]
    fn a_dash_that_is_spelling_is_not_an_exclusion() {
        let q = parse_query(r#"verbieden "buy now, pay later"-diensten"#).unwrap();
        assert!(q.excluded.is_empty());
        assert_eq!(
            q.slots,
            [
                vec![Item::Word("verbieden".into())],
                vec![Item::Phrase("buy now, pay later".into())],
                vec![Item::Word("diensten".into())]
            ]
        );
        for q in [
            "IT- en cyberspecialisten en -reservisten",
            "cyberspecialisten of -reservisten",
            "specialisten, -reservisten",
        ] {
            let parsed = parse_query(q).unwrap();
            assert!(parsed.excluded.is_empty(), "{q}");
            assert_eq!(
                parsed.slots.last().unwrap(),
                &[Item::Word("reservisten".into())],
                "{q}"
            );
        }
        // After a space and another word, or at the start, the dash excludes.
        for q in [
            "mensenhandel -Aruba",
            "-Aruba mensenhandel",
            r#"motie -"Aruba""#,
        ] {
            assert_eq!(parse_query(q).unwrap().excluded.len(), 1, "{q}");
        }
    }

    #[test]
    fn clear_errors() {
        for (q, needle) in [
            ("", "empty"),
            ("   ", "empty"),
            ("\"open", "not closed"),
            ("OR motie", "both sides"),
            ("motie OR", "both sides"),
            ("-motie", "nothing to search for"),
            ("type:kookboek", "not a known type"),
            ("dossier:abc", "not a valid dossier"),
            ("id:", "needs a value"),
            ("a OR -b", "cannot be part of OR"),
            ("\"\"", "empty phrase"),
        ] {
            let err = parse_query(q).unwrap_err().to_string();
            assert!(err.contains(needle), "{q:?}: {err}");
        }
    }
}
