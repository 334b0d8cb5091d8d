//! Counts of the matching documents per year, type, dossier or submitter: over the whole
//! result, not the page, each document once.

use std::collections::HashMap;

use tantivy::{DocAddress, DocId, Searcher, SegmentReader};

use crate::index::kept_values::{KeptValues, Values};
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
    /// Each party whose members spoke in it (meeting reports) or submitted it, as its title
    /// says.
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

    /// The fast field a facet reads.
    fn field(self) -> &'static str {
        match self {
            Facet::Year => "date",
            Facet::Type => "type",
            Facet::Dossier => "dossier",
            Facet::Indiener => "indiener_names",
            Facet::Partij => "party_names",
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

/// Counts the documents whose first passages are `firsts` (one passage per document: the
/// facets are the same on all of them), in index order, by each facet.
pub(crate) fn count(
    searcher: &Searcher,
    kept: &KeptValues,
    firsts: &[DocAddress],
    facets: &[Facet],
) -> Result<Vec<FacetCounts>> {
    let mut segments: Vec<(u32, Vec<DocId>)> = Vec::new();
    for address in firsts {
        match segments.last_mut() {
            Some((ord, docs)) if *ord == address.segment_ord => docs.push(address.doc_id),
            _ => segments.push((address.segment_ord, vec![address.doc_id])),
        }
    }
    let mut out = Vec::new();
    for &facet in facets {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for (ord, docs) in &segments {
            let reader = searcher.segment_reader(*ord);
            count_segment(reader, kept, facet, docs, &mut counts)?;
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

/// Adds the values of `docs` of one segment to `counts`: each value counted by its number
/// (a date's year, a text's number in the segment's dictionary), and the dictionary read
/// through once for the numbers counted.
fn count_segment(
    reader: &SegmentReader,
    kept: &KeptValues,
    facet: Facet,
    docs: &[DocId],
    counts: &mut HashMap<String, usize>,
) -> Result<()> {
    let field = facet.field();
    let text = reader.fast_fields().str(field)?;
    let values = kept.get_or_compute(reader.segment_id(), field, || {
        let column = match &text {
            Some(text) => Some(text.ords().clone()),
            None => reader.fast_fields().column_opt::<u64>(field)?,
        };
        Ok(column.map_or_else(Default::default, |c| {
            Values::of_column(&c, reader.max_doc())
        }))
    })?;
    // Dates are kept as yyyymmdd; a year is the number counted.
    let number = |v: u64| match text {
        Some(_) => v,
        None => v / 10_000,
    };
    let mut by_number: rustc_hash::FxHashMap<u64, usize> = Default::default();
    let mut without = 0;
    for &doc in docs {
        let of = values.get(doc);
        without += usize::from(of.is_empty());
        for &v in of {
            *by_number.entry(number(v)).or_default() += 1;
        }
    }
    if text.is_none() {
        without += by_number.remove(&0).unwrap_or(0);
    }
    if without > 0 {
        *counts.entry(NO_VALUE.to_string()).or_default() += without;
    }
    let mut numbers: Vec<(u64, usize)> = by_number.into_iter().collect();
    numbers.sort_unstable();
    let Some(text) = text else {
        for (year, n) in numbers {
            *counts.entry(year.to_string()).or_default() += n;
        }
        return Ok(());
    };
    let ords: Vec<u64> = numbers.iter().map(|(ord, _)| *ord).collect();
    let mut ns = numbers.into_iter().map(|(_, n)| n);
    text.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
        if let Some(n) = ns.next() {
            *counts
                .entry(String::from_utf8_lossy(bytes).into_owned())
                .or_default() += n;
        }
    })?;
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
