//! The parameters of a search as a URL carries them (`?q=...&dossier=...`), the same for the
//! API and the search page, read into the library's options with a message for each value
//! that cannot be used.

use serde::Deserialize;

use super::Failure;
use crate::search::{Facet, SearchOptions, Sort, MAX_PER_DOC};
use crate::{Date, Timestamp};

/// A search as a URL's query string gives it. Every value is text: a form sends empty
/// fields as empty strings, which mean "not given".
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct SearchParams {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub limit: Option<String>,
    #[serde(default)]
    pub offset: Option<String>,
    #[serde(default)]
    pub per_doc: Option<String>,
    #[serde(default)]
    pub dossier: Option<String>,
    #[serde(default, rename = "type")]
    pub doc_type: Option<String>,
    #[serde(default)]
    pub indiener: Option<String>,
    #[serde(default)]
    pub partij: Option<String>,
    #[serde(default)]
    pub cites: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub since: Option<String>,
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub facets: Option<String>,
    #[serde(default)]
    pub explain: Option<String>,
}

/// A given value: not absent, not blank.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl SearchParams {
    /// The query text, empty when none was given.
    pub fn query(&self) -> &str {
        given(&self.q).unwrap_or_default()
    }

    /// Whether anything was asked at all (the search page without a query shows only the form).
    pub fn asks(&self) -> bool {
        !self.query().is_empty()
            || self
                .options(usize::MAX)
                .is_ok_and(|o| o.chooses_documents())
    }

    /// The options these parameters ask for; a page holds at most `page` documents.
    pub fn options(&self, page: usize) -> Result<SearchOptions, Failure> {
        let bad = |what: &str, value: &str, hint: &str| {
            Failure::BadRequest(format!("invalid {what}: {value:?} ({hint})"))
        };
        let count = |what: &str, v: &Option<String>, default: usize, max: usize| match given(v) {
            None => Ok(default),
            Some(text) => match text.parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                _ => Err(bad(what, text, &format!("a whole number from 0 to {max}"))),
            },
        };
        let date = |what: &str, v: &Option<String>, end: bool| -> Result<Option<Date>, Failure> {
            given(v)
                .map(|text| match end {
                    true => Date::parse_end(text),
                    false => text.parse::<Date>(),
                })
                .transpose()
                .map_err(Failure::from)
                .map_err(|e| match e {
                    Failure::BadRequest(m) => Failure::BadRequest(format!("{what}: {m}")),
                    other => other,
                })
        };
        let per_doc = count("per_doc", &self.per_doc, 1, MAX_PER_DOC)?.max(1);
        Ok(SearchOptions {
            limit: count("limit", &self.limit, 10, page)?,
            offset: count("offset", &self.offset, 0, 100_000)?,
            per_doc,
            dossier: given(&self.dossier).map(str::to_string),
            doc_type: given(&self.doc_type).map(str::to_string),
            indiener: given(&self.indiener).map(str::to_string),
            partij: given(&self.partij).map(str::to_string),
            cites: given(&self.cites).map(str::to_string),
            from: date("from", &self.from, false)?,
            to: date("to", &self.to, true)?,
            since: given(&self.since)
                .map(|s| Timestamp::parse_relative(s, Timestamp::now()))
                .transpose()?,
            until: None,
            sort: match given(&self.sort) {
                None | Some("relevance") => Sort::Relevance,
                Some("date") => Sort::Date,
                Some(other) => return Err(bad("sort", other, "relevance or date")),
            },
            facets: given(&self.facets)
                .map(Facet::parse_list)
                .transpose()?
                .unwrap_or_default(),
            explain: matches!(given(&self.explain), Some("true" | "1" | "on")),
        })
    }

    /// The query string of these parameters with another offset: the link to another page.
    pub fn with_offset(&self, offset: usize) -> String {
        let mut next = self.clone();
        next.offset = Some(offset.to_string()).filter(|_| offset > 0);
        next.to_query_string()
    }

    /// The query string of the given parameters, in a fixed order.
    pub fn to_query_string(&self) -> String {
        let pairs = [
            ("q", &self.q),
            ("dossier", &self.dossier),
            ("type", &self.doc_type),
            ("indiener", &self.indiener),
            ("partij", &self.partij),
            ("cites", &self.cites),
            ("from", &self.from),
            ("to", &self.to),
            ("since", &self.since),
            ("sort", &self.sort),
            ("facets", &self.facets),
            ("explain", &self.explain),
            ("per_doc", &self.per_doc),
            ("limit", &self.limit),
            ("offset", &self.offset),
        ];
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in pairs {
            if let Some(v) = given(value) {
                out.append_pair(name, v);
            }
        }
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parameters of a query string with these pairs, as a URL would carry them.
    fn params(pairs: &[(&str, &str)]) -> SearchParams {
        let map: serde_json::Map<String, serde_json::Value> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
            .collect();
        serde_json::from_value(serde_json::Value::Object(map)).unwrap()
    }

    #[test]
    fn empty_fields_of_a_form_are_not_given() {
        let p = params(&[
            ("q", "mensenhandel"),
            ("dossier", ""),
            ("type", " "),
            ("sort", ""),
        ]);
        let o = p.options(100).unwrap();
        assert_eq!(
            (o.dossier, o.doc_type, o.sort),
            (None, None, Sort::Relevance)
        );
        assert_eq!(p.query(), "mensenhandel");
    }

    #[test]
    fn values_that_cannot_be_used_say_so() {
        for (pair, says) in [
            (("limit", "1000"), "limit"),
            (("limit", "veel"), "limit"),
            (("sort", "titel"), "sort"),
            (("from", "gisteren"), "from"),
            (("since", "ooit"), "moment"),
            (("facets", "kleur"), "kleur"),
        ] {
            match params(&[pair]).options(100) {
                Err(Failure::BadRequest(m)) => assert!(m.contains(says), "{m}"),
                other => panic!("{pair:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn another_page_keeps_everything_else() {
        let p = params(&[("q", "zorg & wonen"), ("type", "motie"), ("offset", "10")]);
        let next = p.with_offset(20);
        assert_eq!(next, "q=zorg+%26+wonen&type=motie&offset=20");
        assert_eq!(p.with_offset(0), "q=zorg+%26+wonen&type=motie");
    }
}
