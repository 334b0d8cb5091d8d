//! The one mapping between a document and tantivy's fields, both ways: which field each piece
//! of metadata goes into when a document is written, and how a document, a passage and their
//! metadata are read back for `show`, `export` and a search's hits.
//!
//! The full metadata is stored once, as JSON with the first passage; every passage carries the
//! fields that filters and scoring need (key, ids, date, type, dossiers, titles, citations) and
//! what a hit shows of its document (its id, type, title, dossier and official citation), so
//! that a hit reads its own passage only.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tantivy::schema::{Field, OwnedValue, Value};
use tantivy::TantivyDocument;

use super::schema::Fields;
use crate::meta::Metadata;
use crate::passage::Passage;
use crate::Timestamp;

/// When a document entered the index and when it last changed (see `times.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Times {
    pub added: Timestamp,
    pub changed: Timestamp,
}

/// The metadata JSON stored with each document's first passage.
#[derive(Serialize)]
struct StoredMeta<'a> {
    meta: &'a Metadata,
    passages: usize,
}

#[derive(Deserialize)]
struct StoredMetaOwned {
    meta: Metadata,
    passages: usize,
}

/// The metadata of a document with `passages` passages, as stored with its first passage.
pub(crate) fn meta_json(meta: &Metadata, passages: usize) -> String {
    serde_json::to_string(&StoredMeta { meta, passages }).unwrap_or_default()
}

/// The values every passage of a document carries: key, ids, path, date, type, dossiers,
/// titles, key hash, citations and when it entered the index and changed.
pub(crate) fn shared_values(
    f: &Fields,
    meta: &Metadata,
    (key, hash): (&str, u64),
    path: &str,
    times: Times,
) -> Vec<(Field, OwnedValue)> {
    let text = |s: &str| OwnedValue::Str(s.to_string());
    let mut shared = vec![
        (f.key, text(key)),
        (f.added, OwnedValue::U64(times.added.as_millis())),
        (f.changed, OwnedValue::U64(times.changed.as_millis())),
    ];
    if let Some(id) = meta.id_text() {
        shared.push((f.id, OwnedValue::Str(id)));
    }
    if let Some(id) = &meta.id {
        shared.push((f.dossier_number, OwnedValue::U64(u64::from(id.dossier()))));
    }
    shared.push((f.path, text(path)));
    if let Some(date) = meta.date {
        shared.push((f.date, OwnedValue::U64(date.as_number())));
    }
    if let Some(t) = &meta.doc_type {
        shared.push((f.doc_type, text(t)));
    }
    // The document's own dossier first: the one a hit shows.
    if let Some(dossier) = &meta.dossier {
        shared.push((f.dossier, text(dossier)));
        if meta.id.is_none() {
            if let Some(n) = dossier
                .split('-')
                .next()
                .and_then(|n| n.parse::<u64>().ok())
            {
                shared.push((f.dossier_number, OwnedValue::U64(n)));
            }
        }
    }
    // A meeting about other dossiers is found by them too.
    for other in &meta.dossiers {
        shared.push((f.dossier, text(other)));
    }
    if let Some(citation) = meta.citation() {
        shared.push((f.citation, OwnedValue::Str(citation)));
    }
    if let Some(t) = &meta.title {
        shared.push((f.title, text(t)));
    }
    if let Some(t) = &meta.dossier_title {
        shared.push((f.dossier_title, text(t)));
    }
    shared.push((f.doc_hash, OwnedValue::U64(hash)));
    // On every passage, so that a passage can match words and a citation together.
    for c in &meta.cites {
        shared.push((f.cites, OwnedValue::Str(c.to_string())));
    }
    for key in meta
        .indieners
        .iter()
        .flat_map(|n| crate::meta::person_keys(n))
    {
        shared.push((f.people, OwnedValue::Str(key)));
    }
    for name in &meta.indieners {
        shared.push((f.indiener_names, OwnedValue::Str(name.clone())));
    }
    let mut parties: Vec<String> = meta.parties.clone();
    for (name, party) in meta.speakers.iter().filter_map(|s| crate::meta::speaker(s)) {
        for key in crate::meta::person_keys(&name) {
            shared.push((f.speakers, OwnedValue::Str(key)));
        }
        let party = party.and_then(|p| crate::meta::party_name(&p));
        parties.extend(party.filter(|p| !parties.contains(p)));
    }
    for party in parties {
        shared.push((f.parties, OwnedValue::Str(crate::normalize::fold(&party))));
        shared.push((f.party_names, OwnedValue::Str(party)));
    }
    shared
}

/// A passage's own values; the first passage also marks where its document begins and holds
/// the metadata (`meta_json`).
pub(crate) fn passage_values(
    f: &Fields,
    p: &Passage,
    meta_json: Option<String>,
) -> Vec<(Field, OwnedValue)> {
    let mut own = vec![
        (f.passage, OwnedValue::U64(u64::from(p.number))),
        (f.line, OwnedValue::U64(u64::from(p.line))),
        (f.length, OwnedValue::U64(p.text.len() as u64)),
    ];
    let definitions = crate::analysis::definitions(&p.text);
    own.extend(
        crate::analysis::abbreviation_terms(&definitions)
            .map(|term| (f.abbreviations, OwnedValue::Str(term))),
    );
    if p.number == 0 {
        own.push((f.first, OwnedValue::U64(1)));
        if let Some(json) = meta_json {
            own.push((f.meta, OwnedValue::Str(json)));
        }
    }
    own
}

/// The fields the passage text goes into.
pub(crate) fn text_fields(f: &Fields) -> [Field; 3] {
    [f.body, f.body_exact, f.body_parts]
}

/// A stored text value.
pub(crate) fn text_of(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
}

/// One passage as stored.
pub(crate) struct StoredPassage {
    pub key: String,
    pub path: PathBuf,
    pub number: u64,
    pub line: u64,
    pub text: String,
}

/// Reads a passage back.
pub(crate) fn passage(f: &Fields, doc: &TantivyDocument) -> StoredPassage {
    let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
    StoredPassage {
        key: text_of(doc, f.key).unwrap_or_default(),
        path: PathBuf::from(text_of(doc, f.path).unwrap_or_default()),
        number: number(f.passage).unwrap_or(0),
        line: number(f.line).unwrap_or(1),
        text: text_of(doc, f.body).unwrap_or_default(),
    }
}

/// What a hit shows of its document, as every passage stores it.
pub(crate) struct HitFields {
    pub id: Option<String>,
    pub citation: Option<String>,
    pub doc_type: Option<String>,
    pub title: Option<String>,
    pub dossier: Option<String>,
    pub times: Times,
}

/// Reads what a hit shows of its document from one of its passages.
pub(crate) fn hit_fields(f: &Fields, doc: &TantivyDocument) -> HitFields {
    HitFields {
        id: text_of(doc, f.id),
        citation: text_of(doc, f.citation),
        doc_type: text_of(doc, f.doc_type),
        title: text_of(doc, f.title),
        dossier: text_of(doc, f.dossier),
        times: times(f, doc),
    }
}

/// When the document of a stored passage entered the index and last changed.
pub(crate) fn times(f: &Fields, doc: &TantivyDocument) -> Times {
    let at =
        |field| Timestamp::from_millis(doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0));
    Times {
        added: at(f.added),
        changed: at(f.changed),
    }
}

/// The metadata and passage count stored with a document's first passage (empty for any
/// other passage).
pub(crate) fn metadata(f: &Fields, first: &TantivyDocument) -> (Metadata, usize) {
    first
        .get_first(f.meta)
        .and_then(|v| v.as_str())
        .and_then(|j| serde_json::from_str::<StoredMetaOwned>(j).ok())
        .map(|s| (s.meta, s.passages))
        .unwrap_or_default()
}
