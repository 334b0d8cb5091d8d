//! The query language.
//!
//! - words: `mensenhandel Curacao`; passages with all of them rank above passages with some;
//! - `"exact phrases"`, matched on the unstemmed text;
//! - `-word`, `NOT word` and `-"phrase"` exclude documents, except where the dash is Dutch
//!   spelling: the
//!   rest of a compound after a quote (`"buy now, pay later"-diensten`) or after "en"/"of"
//!   (`IT- en cyberspecialisten en -reservisten`) is a word;
//! - `a OR b` (upper case) accepts either; `+word` and `a AND b` require a document to contain
//!   the word (either word of an `OR`: `a OR b AND c` requires `a` or `b`, and `c`);
//! - parentheses group what an operator applies to: `(stikstof AND boeren) OR landbouw`
//!   ([`super::grammar`] says how);
//! - `field:value` for `id`, `dossier`, `type`, `cites` and `indiener` (`type:motie`,
//!   `dossier:33750-IV`, `indiener:kröger`, `indiener:"van der plas"`);
//! - a Kamerstuk id in any common form (`kst-33750-IV-16`, `33750-IV-16`,
//!   `33 750 IV, nr. 16`) as the whole query goes straight to that document; an id among other
//!   words (`glyfosaat 27858-724`) ranks the documents that cite it, and the document itself,
//!   above the rest; after "t.v.v." or "ter vervanging van" (`(t.v.v. 36760-15)`, as in the
//!   titles of amended motions) it ranks the documents that replace that one; a written
//!   citation among words (`motie 36 410, nr. 113`), an official URL or a file name is that id;
//!   a five-digit dossier number among words (`36410`) ranks the dossier's documents first;
//! - `prefix*` is every word that begins so (at least 3 letters, at most 300 words);
//! - a question about documents (`welke motie wilde dat ...?`) is searched for its subject.

use super::grammar::{self, Tok};
use super::item::{Item, ParsedQuery};
use super::named::{document_named, field_item, is_field_name, with_ids_for_citations, FIELDS};
use crate::{Error, Result};

/// The farthest a phrase's words may stand apart (`"a b"~N`): about a passage.
const MAX_SLOP: u32 = 200;

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
    if let Some(item) = document_named(trimmed) {
        return Ok(ParsedQuery {
            slots: vec![vec![item]],
            ..ParsedQuery::default()
        });
    }
    let written = with_ids_for_citations(trimmed);
    let mut tokens = grammar::balance(tokenize(&written)?);
    strip_question_frame(&mut tokens);
    grammar::parse(&tokens)
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

fn tokenize(text: &str) -> Result<Vec<Tok>> {
    let mut out: Vec<Tok> = Vec::new();
    let mut rest = text;
    // `NOT` before an item excludes it, as a dash does.
    let mut not_next = false;
    loop {
        let trimmed = rest.trim_start();
        let after_space =
            trimmed.len() < rest.len() || matches!(out.last(), None | Some(Tok::Open(_)));
        rest = trimmed;
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix(')') {
            out.push(Tok::Close);
            rest = after;
            continue;
        }
        if let Some(after) = rest.strip_prefix('+') {
            if after.is_empty() || after.starts_with(char::is_whitespace) {
                return Err(Error::Query(
                    "+ needs a word right after it, as in: +asiel migratie".into(),
                ));
            }
            out.push(Tok::Must);
            rest = after;
            continue;
        }
        let dash =
            rest.starts_with('-') && rest.len() > 1 && !rest[1..].starts_with(char::is_whitespace);
        // Dutch writes the shared part of compounds once: "IT- en cyberspecialisten en
        // -reservisten", "\"buy now, pay later\"-constructies". Such a dash is spelling, not
        // an exclusion.
        let spelling = dash && (!after_space || out.last().is_some_and(Tok::is_conjunction));
        let negated = (dash && !spelling) || std::mem::take(&mut not_next);
        if dash {
            rest = &rest[1..];
        } else if rest.starts_with('-') {
            // A lone dash between words ("kosten - baten") means nothing.
            rest = &rest[1..];
            continue;
        }
        if let Some(after) = rest.strip_prefix('(') {
            out.push(Tok::Open(negated));
            rest = after;
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
            let after = &inner[end + 1..];
            // `"stikstof boeren"~3`: the words within 3 positions of the phrase's order.
            let slop_digits = after
                .strip_prefix('~')
                .map(|r| &r[..r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len())]);
            match slop_digits {
                Some(digits) => {
                    let slop: u32 = digits.parse().map_err(|_| {
                        Error::Query(
                            "~ after a phrase needs a distance, as in: \"stikstof boeren\"~3"
                                .into(),
                        )
                    })?;
                    let rest_after = &after[1 + digits.len()..];
                    (
                        Item::Near(phrase.to_string(), slop.min(MAX_SLOP)),
                        rest_after,
                    )
                }
                None => (Item::Phrase(phrase.to_string()), after),
            }
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            // A group closes after its last word: "(asiel OR migratie)".
            let end = end - (rest[..end].len() - rest[..end].trim_end_matches(')').len());
            let word = &rest[..end];
            if word == "OR" && !negated {
                out.push(Tok::Or);
                rest = &rest[end..];
                continue;
            }
            if word == "AND" && !negated {
                out.push(Tok::And);
                rest = &rest[end..];
                continue;
            }
            if word == "NOT" && !negated {
                not_next = true;
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
                Some((field, value))
                    if !value.is_empty()
                        && !value.starts_with("//")
                        && field.len() >= 2
                        && field.chars().all(char::is_alphabetic) =>
                {
                    return Err(Error::Query(format!(
                        "{field}: is not a field kamerzoek knows; known fields: {}",
                        FIELDS.join(", ")
                    )));
                }
                _ => {
                    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
                    // A modern dossier number (five digits; four would be years) is also
                    // asked for as a dossier: "36410" or "asiel 36410".
                    if !negated && bare.len() == 5 && bare.bytes().all(|b| b.is_ascii_digit()) {
                        out.push(Tok::Item(false, Item::Word(word.to_string())));
                        out.push(Tok::Or);
                        out.push(Tok::Item(false, Item::InDossier(bare.to_string())));
                        rest = &rest[end..];
                        continue;
                    }
                    let item =
                        match crate::meta::kamerstuk_named(bare).filter(|_| bare.contains('-')) {
                            Some(id) if !negated && take_replacement_words(&mut out) => {
                                Item::Replaces(id)
                            }
                            Some(id) => Item::Refers(id),
                            // `stikstof*`: the words that begin so.
                            None if word.len() > 1 && word.ends_with('*') && !bare.is_empty() => {
                                Item::Prefix(word.trim_end_matches('*').to_string())
                            }
                            None => Item::Word(word.to_string()),
                        };
                    (item, &rest[end..])
                }
            }
        };
        out.push(Tok::Item(negated, item));
        rest = after;
    }
    if not_next || matches!(out.last(), Some(Tok::Must)) {
        return Err(Error::Query(
            "NOT and + need a word or \"phrase\" after them, as in: asiel NOT migratie".into(),
        ));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::KamerstukId;

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
        // A prefix kamerzoek does not know is refused with those it knows, not taken as a word.
        let err = parse_query("foo:stikstof").unwrap_err().to_string();
        assert!(
            err.contains("known fields: id, dossier, type, cites, indiener, spreker, partij, sgd"),
            "{err}"
        );
        // A colon that makes no field: a time, a trailing colon.
        assert_eq!(
            slots("om 10:30 Betreft:"),
            [vec!["om"], vec!["10:30"], vec!["Betreft:"]]
        );
        assert_eq!(slots("indiener:Kröger"), [vec!["indiener:kroger"]]);
        assert_eq!(slots("sgd:0000142774"), [vec!["sgd:0000142774"]]);
    }

    #[test]
    fn ids_in_every_form() {
        for q in [
            "kst-33750-IV-16",
            "33750-IV-16",
            "33 750 IV, nr. 16",
            "https://zoek.officielebekendmakingen.nl/kst-33750-IV-16.html",
            "kst-33750-IV-16.pdf",
        ] {
            assert_eq!(slots(q), [vec!["id:kst-33750-IV-16"]], "{q}");
        }
    }

    #[test]
    fn an_id_among_words_refers_to_it() {
        let refers = |id: &str| vec![Item::Refers(KamerstukId::parse(id).unwrap())];
        for q in [
            "glyfosaat 27858-724",
            "glyfosaat motie 27 858, nr. 724",
            "glyfosaat zie Kamerstuk 27858, nr. 724",
            "glyfosaat kst-27858-724.pdf",
        ] {
            let parsed = parse_query(q).unwrap();
            assert_eq!(
                parsed.slots.last().unwrap(),
                &refers("kst-27858-724"),
                "{q}"
            );
        }
        // A five-digit number is a word and a dossier; four digits are a year.
        assert_eq!(
            slots("asiel 36410"),
            [vec!["asiel"], vec!["36410", "36410"]]
        );
        assert!(matches!(
            parse_query("36410").unwrap().slots[0][1],
            Item::InDossier(_)
        ));
        assert_eq!(slots("asiel 2015"), [vec!["asiel"], vec!["2015"]]);
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
