//! How a query names documents and their metadata: `field:value`, and a document by any form
//! of its id: a Kamerstuk id or written citation, an official URL or file name, a Handelingen
//! id, a scan's SGD id.

use super::item::Item;
use crate::meta::{normalize_type, parse_dossier_key, Date, DocumentName, KamerstukId};
use crate::{Error, Result};

/// The document a whole query names, in any form `show` takes: a Kamerstuk id or citation, its
/// official URL or file name (`https://zoek.officielebekendmakingen.nl/kst-36600-XVI-100.html`,
/// `kst-36600-XVI-100.pdf`), a Handelingen id or citation, a scan's SGD id (`0000142774`).
pub(super) fn document_named(text: &str) -> Option<Item> {
    Some(match DocumentName::parse(text)? {
        DocumentName::Kamerstuk(id) => Item::Id(id),
        DocumentName::Handelingen(h) => Item::Key(h.to_string()),
        DocumentName::Scan(sgd) => Item::Key(format!("sgd:{sgd}")),
    })
}

/// The query with each written citation among its words ("motie 36 410, nr. 113", "zie
/// Kamerstuk 36 410, nr. 113") as the id it stands for, which the words would lose.
pub(super) fn with_ids_for_citations(text: &str) -> std::borrow::Cow<'_, str> {
    let found = KamerstukId::citations_at(text);
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, ids) in found {
        out.push_str(&text[at..range.start]);
        let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
        out.push_str(&ids.join(" "));
        at = range.end;
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

/// The fields a query can name, as `field:value`.
pub const FIELDS: &[&str] = &[
    "id", "dossier", "type", "cites", "indiener", "spreker", "partij", "sgd", "datum",
];

pub(super) fn is_field_name(field: &str) -> bool {
    FIELDS.contains(&field.to_ascii_lowercase().as_str())
}

pub(super) fn field_item(field: &str, value: &str) -> Result<Item> {
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
        "datum" => dates(value).ok_or_else(|| bad("date range")),
        "spreker" => match indiener_item(value) {
            Some(Item::Indiener(key)) => Ok(Item::Speaker(key)),
            _ => Err(bad("name")),
        },
        "partij" => party_item(value).ok_or_else(|| bad("party")),
        "sgd" => match document_named(value) {
            Some(Item::Key(key)) if key.starts_with("sgd:") => Ok(Item::Key(key)),
            _ => Err(bad("Staten-Generaal Digitaal id")),
        },
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

/// `2015..2016`, `2015-03-01..`, `..2016`, `2015` (the whole year): a date range.
fn dates(value: &str) -> Option<Item> {
    let (from, to) = value.split_once("..").unwrap_or((value, value));
    let from = match from.trim() {
        "" => None,
        f => Some(f.parse::<Date>().ok()?),
    };
    let to = match to.trim() {
        "" => None,
        t => Some(Date::parse_end(t).ok()?),
    };
    (from.is_some() || to.is_some()).then_some(Item::Dates(from, to))
}

/// The filter for a party as a user types it: "VVD", "groenlinks-pvda", "P.v.d.A.".
pub(crate) fn party_item(name: &str) -> Option<Item> {
    let key = crate::normalize::fold(&crate::meta::party_name(name)?);
    (!key.is_empty()).then_some(Item::Party(key))
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
        "sgd" => "0000142774",
        "datum" => "2015..2016",
        "spreker" => "eerdmans",
        "partij" => "VVD",
        _ => "motie",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_in_every_form() {
        for (value, want) in [
            ("2015..2016", "datum:2015-01-01..2016-12-31"),
            ("2015", "datum:2015-01-01..2015-12-31"),
            ("2015-03-01..", "datum:2015-03-01.."),
            ("..2016", "datum:..2016-12-31"),
            ("24 februari 2015..2016", "datum:2015-02-24..2016-12-31"),
        ] {
            assert_eq!(
                field_item("datum", value).unwrap().to_string(),
                want,
                "{value}"
            );
        }
        // "2015-03" is no date: the range is refused rather than half read.
        assert!(field_item("datum", "2015..2015-03").is_err());
        assert!(field_item("datum", "..").is_err());
        assert!(field_item("datum", "morgen").is_err());
    }
}
