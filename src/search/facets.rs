//! Counts of the matching documents per year, type, dossier or submitter: over the whole
//! result, not the page, each document once.

use std::collections::HashMap;

use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, Searcher};

use super::rank::Match;
use crate::{Error, Result};

/// What a search can count its documents by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    /// The year of the document's date.
    Year,
    /// The document's type.
    Type,
    /// Its dossier (a meeting's report counts for every dossier it dealt with).
    Dossier,
    /// Each member who submitted it.
    Indiener,
    /// Each party whose members spoke in it (meeting reports).
    Partij,
}

/// The value of documents that have none: "(none)", so that a single-valued facet's counts add
/// up to the total.
pub const NO_VALUE: &str = "(none)";

impl Facet {
    /// Every facet, by name.
    pub const ALL: [Facet; 5] = [
        Facet::Year,
        Facet::Type,
        Facet::Dossier,
        Facet::Indiener,
        Facet::Partij,
    ];

    /// The facet's name, as `--facets` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Year => "year",
            Facet::Type => "type",
            Facet::Dossier => "dossier",
            Facet::Indiener => "indiener",
            Facet::Partij => "partij",
        }
    }

    /// Parses a comma-separated list of facet names.
    ///
    /// ```
    /// use kamerzoek::search::Facet;
    /// assert_eq!(Facet::parse_list("year,type").unwrap(), [Facet::Year, Facet::Type]);
    /// assert!(Facet::parse_list("year,colour").is_err());
    /// ```
    pub fn parse_list(text: &str) -> Result<Vec<Facet>> {
        let mut out = Vec::new();
        for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let facet = Facet::ALL
                .into_iter()
                .find(|f| f.name() == name.to_lowercase())
                .ok_or_else(|| Error::InvalidArgument {
                    what: "facet",
                    value: name.to_string(),
                    hint: Some("known facets: year, type, dossier, indiener, partij".into()),
                })?;
            if !out.contains(&facet) {
                out.push(facet);
            }
        }
        Ok(out)
    }

    /// The fast field a facet reads, for the text-valued ones.
    fn column(self) -> Option<&'static str> {
        match self {
            Facet::Year => None,
            Facet::Type => Some("type"),
            Facet::Dossier => Some("dossier"),
            Facet::Indiener => Some("indiener_names"),
            Facet::Partij => Some("party_names"),
        }
    }
}

/// One facet's counts: each value with its number of documents; years in order, the others
/// most first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetCounts {
    /// What was counted.
    pub facet: Facet,
    /// Each value and its number of matching documents.
    pub counts: Vec<(String, usize)>,
}

/// Counts the documents of `matches` (passages; a document counts once) by each facet.
pub(crate) fn count(
    searcher: &Searcher,
    matches: &[Match],
    facets: &[Facet],
) -> Result<Vec<FacetCounts>> {
    // One passage per document is enough: the facets are the same on all of them.
    let mut seen = rustc_hash::FxHashSet::default();
    let mut firsts: Vec<&Match> = matches.iter().filter(|m| seen.insert(m.doc_hash)).collect();
    firsts.sort_unstable_by_key(|m| m.address);
    let mut out = Vec::new();
    for &facet in facets {
        let mut counts: HashMap<String, usize> = HashMap::new();
        match facet.column() {
            None => {
                for m in &firsts {
                    let year = match m.date / 10_000 {
                        0 => NO_VALUE.to_string(),
                        y => y.to_string(),
                    };
                    *counts.entry(year).or_default() += 1;
                }
            }
            Some(field) => count_column(searcher, &firsts, field, &mut counts)?,
        }
        let mut counts: Vec<(String, usize)> = match facet {
            Facet::Indiener => one_spelling(counts),
            _ => counts.into_iter().collect(),
        };
        match facet {
            Facet::Year => counts.sort(),
            _ => counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))),
        }
        out.push(FacetCounts { facet, counts });
    }
    Ok(out)
}

/// Adds each document's values of a text fast field to `counts`.
fn count_column(
    searcher: &Searcher,
    firsts: &[&Match],
    field: &str,
    counts: &mut HashMap<String, usize>,
) -> Result<()> {
    let mut column: Option<(u32, Option<StrColumn>)> = None;
    let mut value = String::new();
    for m in firsts {
        let DocAddress {
            segment_ord,
            doc_id,
        } = m.address;
        if column.as_ref().is_none_or(|(s, _)| *s != segment_ord) {
            let reader = searcher.segment_reader(segment_ord);
            column = Some((segment_ord, reader.fast_fields().str(field)?));
        }
        let Some((_, Some(col))) = &column else {
            *counts.entry(NO_VALUE.to_string()).or_default() += 1;
            continue;
        };
        let mut values = Vec::new();
        for ord in col.term_ords(doc_id) {
            value.clear();
            if col.ord_to_str(ord, &mut value)? {
                values.push(value.clone());
            }
        }
        if values.is_empty() {
            *counts.entry(NO_VALUE.to_string()).or_default() += 1;
        }
        values.dedup();
        for v in values {
            *counts.entry(v).or_default() += 1;
        }
    }
    Ok(())
}

/// One row per member where the sources spell a name in several ways ("Kostić", "Kostic"):
/// counted together, under the spelling with the most accents, else the most used.
fn one_spelling(counts: HashMap<String, usize>) -> Vec<(String, usize)> {
    let accents = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let mut by_key: HashMap<String, (String, usize, usize)> = HashMap::new();
    for (name, n) in counts {
        let entry = by_key
            .entry(crate::normalize::fold(&name))
            .or_insert_with(|| (name.clone(), 0, 0));
        if (accents(&name), n) > (accents(&entry.0), entry.2) {
            entry.0 = name;
            entry.2 = n;
        }
        entry.1 += n;
    }
    by_key.into_values().map(|(name, n, _)| (name, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_spelled_two_ways_is_one_row_under_the_accented_spelling() {
        let counts = HashMap::from([
            ("Kostic".to_string(), 11),
            ("Kostić".to_string(), 3),
            ("Grinwis".to_string(), 5),
        ]);
        let mut rows = one_spelling(counts);
        rows.sort();
        assert_eq!(
            rows,
            [("Grinwis".to_string(), 5), ("Kostić".to_string(), 14)]
        );
    }
}
