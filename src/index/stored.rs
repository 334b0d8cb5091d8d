//! Reading documents back out of the index: by id or path, all of them (export), statistics.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, RegexQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::{codec, Index};
use crate::document::PATH_KEY;
use crate::meta::{Date, DocumentName, HandelingenId, KamerstukId, Metadata, Source};
use crate::{Result, Timestamp};

/// A document as stored in the index: what `show` prints and `export` writes, one per line.
///
/// Serialized, this is the JSON contract of `kamerzoek export` (see the README).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    /// Canonical Kamerstuk id (`kst-33750-IV-16`), else the Handelingen id
    /// (`h-tk-20172018-70-6`), if known.
    pub id: Option<String>,
    /// The key the index stores it under: the id, or `path:<path>`.
    pub key: String,
    /// Source file.
    pub path: PathBuf,
    /// Date, `YYYY-MM-DD`.
    pub date: Option<Date>,
    /// Normalized type.
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Dossier key (`33750-IV`).
    pub dossier: Option<String>,
    /// Dossier title.
    pub dossier_title: Option<String>,
    /// Parliamentary year (`2014-2015`).
    pub vergaderjaar: Option<String>,
    /// Official citation (`Kamerstukken II 2013/14, 33 750 IV, nr. 16`).
    pub citation: Option<String>,
    /// Members who submitted it.
    pub indieners: Vec<String>,
    /// Their parties, where the source states them.
    #[serde(default)]
    pub parties: Vec<String>,
    /// A ministry's reference.
    pub kenmerk: Option<String>,
    /// Who sent a letter (a ministry, a minister).
    pub afzender: Option<String>,
    /// Canonical ids of the Kamerstukken it cites.
    pub cites: Vec<String>,
    /// Other dossiers it is about (a meeting's agenda).
    #[serde(default)]
    pub dossiers: Vec<String>,
    /// Who speaks in it (a meeting report).
    #[serde(default)]
    pub speakers: Vec<String>,
    /// The Staten-Generaal Digitaal id of a scanned document.
    #[serde(default)]
    pub sgd_id: Option<String>,
    /// Where each metadata field was found.
    pub sources: std::collections::BTreeMap<String, crate::meta::Source>,
    /// When it entered the index.
    #[serde(default)]
    pub added: Option<Timestamp>,
    /// When it last changed in the index: entered it, or its text or metadata changed.
    #[serde(default)]
    pub changed: Option<Timestamp>,
    /// Number of passages.
    pub passages: usize,
    /// The clean text: paragraphs separated by blank lines.
    pub text: String,
}

/// Counts of what an index holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Documents.
    pub documents: usize,
    /// Passages (tantivy documents).
    pub passages: usize,
    /// Documents with a Kamerstuk id.
    pub with_id: usize,
    /// Documents with a date.
    pub with_date: usize,
    /// Documents per type, most common first.
    pub types: Vec<(String, usize)>,
    /// Earliest and latest date.
    pub date_range: Option<(Date, Date)>,
    /// Bytes the index takes on disk (0 in memory).
    pub index_bytes: u64,
    /// Distinct word forms in the lexicon.
    pub lexicon_words: usize,
    /// When documents last entered or changed in the index.
    pub last_change: Option<Timestamp>,
}

/// What [`Index::lookup`] found.
#[derive(Debug, Clone)]
pub struct Lookup {
    /// How many documents the id or path names.
    pub total: usize,
    /// The first of them, as many as were asked for, in index order.
    pub documents: Vec<StoredDocument>,
}

impl Index {
    /// Looks a document up by its id in any common form, its Staten-Generaal Digitaal id, its
    /// key, or its path.
    ///
    /// ```
    /// let index = kamerzoek::Index::create_in_ram().unwrap();
    /// index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// let doc = index.get("33 750 IV, nr. 16").unwrap().unwrap();
    /// assert_eq!(doc.id.as_deref(), Some("kst-33750-IV-16"));
    /// ```
    pub fn get(&self, id_or_path: &str) -> Result<Option<StoredDocument>> {
        Ok(self.lookup(id_or_path, 1)?.documents.into_iter().next())
    }

    /// The documents [`Index::get`] could mean, in index order: one for an id, each record
    /// of a file of many (JSON lines) for its path. All are counted; the first `load` are
    /// loaded (a file of many can hold tens of thousands).
    ///
    /// ```
    /// let index = kamerzoek::Index::create_in_ram().unwrap();
    /// index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// let found = index.lookup("sample_corpus/sgd-staten-generaal-digitaal.jsonl", 2).unwrap();
    /// assert_eq!((found.total, found.documents.len()), (3, 2));
    /// ```
    pub fn lookup(&self, id_or_path: &str, load: usize) -> Result<Lookup> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let mut terms = vec![
            Term::from_field_text(f.key, id_or_path),
            Term::from_field_text(f.path, id_or_path),
            Term::from_field_text(f.key, &format!("{PATH_KEY}{id_or_path}")),
        ];
        // A path given otherwise than it was indexed (relative, absolute, through a link).
        if let Ok(absolute) = std::fs::canonicalize(id_or_path) {
            let absolute = absolute.display().to_string();
            terms.push(Term::from_field_text(
                f.key,
                &format!("{PATH_KEY}{absolute}"),
            ));
            terms.push(Term::from_field_text(f.path, &absolute));
        }
        match DocumentName::parse(id_or_path) {
            Some(DocumentName::Kamerstuk(id)) => {
                terms.insert(0, Term::from_field_text(f.id, &id.to_string()))
            }
            Some(DocumentName::Handelingen(h)) => {
                terms.insert(0, Term::from_field_text(f.id, &h.to_string()))
            }
            Some(DocumentName::Scan(sgd)) => {
                terms.insert(0, Term::from_field_text(f.key, &format!("sgd:{sgd}")))
            }
            None => {}
        }
        for term in terms {
            let q = self.first_passage_of(term);
            let mut found: Vec<DocAddress> =
                searcher.search(&q, &DocSetCollector)?.into_iter().collect();
            if !found.is_empty() {
                found.sort();
                return Ok(Lookup {
                    total: found.len(),
                    documents: found
                        .into_iter()
                        .take(load)
                        .map(|addr| self.load(&searcher, addr))
                        .collect::<Result<_>>()?,
                });
            }
        }
        Ok(Lookup {
            total: 0,
            documents: Vec::new(),
        })
    }

    /// A passage and what a hit shows of its document.
    pub(crate) fn hit_passage(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<(codec::StoredPassage, codec::HitFields)> {
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok((
            codec::passage(&self.fields, &doc),
            codec::hit_fields(&self.fields, &doc),
        ))
    }

    /// Every document, in index order (what `kamerzoek export` writes).
    pub fn documents(&self) -> Result<impl Iterator<Item = Result<StoredDocument>> + '_> {
        let searcher = self.reader.searcher();
        let firsts = self.first_passages(&searcher)?;
        Ok(firsts.into_iter().map(move |a| self.load(&searcher, a)))
    }

    /// The address of every document's first passage, in index order.
    fn first_passages(&self, searcher: &Searcher) -> Result<Vec<DocAddress>> {
        let q = TermQuery::new(
            Term::from_field_u64(self.fields.first, 1),
            IndexRecordOption::Basic,
        );
        let mut addrs: Vec<DocAddress> =
            searcher.search(&q, &DocSetCollector)?.into_iter().collect();
        addrs.sort();
        Ok(addrs)
    }

    /// The documents that cite `id`, newest first.
    ///
    /// ```
    /// let index = kamerzoek::Index::create_in_ram().unwrap();
    /// index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// let citing = index.cited_by("kst-28638-115").unwrap();
    /// assert!(citing.iter().any(|d| d.path.ends_with("000_4b49ee41d29ace67.txt")));
    /// ```
    pub fn cited_by(&self, id: &str) -> Result<Vec<StoredDocument>> {
        let id = id.parse::<KamerstukId>()?;
        let searcher = self.reader.searcher();
        let q = self.first_passage_of(Term::from_field_text(self.fields.cites, &id.to_string()));
        let mut docs = searcher
            .search(&q, &DocSetCollector)?
            .into_iter()
            .map(|a| self.load(&searcher, a))
            .collect::<Result<Vec<_>>>()?;
        docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.key.cmp(&b.key)));
        Ok(docs)
    }

    /// The date of `sitting` as one of its items in the index states it, for the items that
    /// do not (see `sittings.rs`).
    pub(super) fn sitting_date(&self, sitting: &HandelingenId) -> Result<Option<Date>> {
        let searcher = self.reader.searcher();
        let items = format!("{}-[0-9]+", regex::escape(&sitting.to_string()));
        let items = RegexQuery::from_pattern(&items, self.fields.id)?;
        let first: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_u64(self.fields.first, 1),
            IndexRecordOption::Basic,
        ));
        let q = BooleanQuery::new(vec![(Occur::Must, Box::new(items)), (Occur::Must, first)]);
        for addr in searcher.search(&q, &DocSetCollector)? {
            let (meta, _) = codec::metadata(&self.fields, &searcher.doc(addr)?);
            if meta.sources.get("date") == Some(&Source::Xml) {
                return Ok(meta.date);
            }
        }
        Ok(None)
    }

    /// What the index holds.
    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        let mut stats = Stats {
            passages: usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX),
            lexicon_words: self.with_lexicon(|l| l.len()),
            last_change: self.last_change()?,
            ..Stats::default()
        };
        let mut types: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        // Metadata only: the text of the passages is not needed to count.
        for addr in self.first_passages(&searcher)? {
            let (meta, _) = codec::metadata(&self.fields, &searcher.doc(addr)?);
            stats.documents += 1;
            stats.with_id += usize::from(meta.id_text().is_some());
            if let Some(d) = meta.date {
                stats.with_date += 1;
                stats.date_range = Some(match stats.date_range {
                    None => (d, d),
                    Some((lo, hi)) => (lo.min(d), hi.max(d)),
                });
            }
            *types
                .entry(meta.doc_type.unwrap_or_else(|| "(unknown)".into()))
                .or_insert(0) += 1;
        }
        stats.types = types.into_iter().collect();
        stats
            .types
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if let Some(dir) = self.dir() {
            stats.index_bytes = walkdir::WalkDir::new(dir)
                .into_iter()
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum();
        }
        Ok(stats)
    }

    fn first_passage_of(&self, term: Term) -> BooleanQuery {
        let first: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_u64(self.fields.first, 1),
            IndexRecordOption::Basic,
        ));
        BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
            ),
            (Occur::Must, first),
        ])
    }

    /// Loads a whole document from the address of its first passage.
    fn load(&self, searcher: &Searcher, first: DocAddress) -> Result<StoredDocument> {
        let f = &self.fields;
        let d: TantivyDocument = searcher.doc(first)?;
        let (meta, passages) = codec::metadata(f, &d);
        let first = codec::passage(f, &d);
        let text = if passages <= 1 {
            first.text.clone()
        } else {
            let q = TermQuery::new(
                Term::from_field_text(f.key, &first.key),
                IndexRecordOption::Basic,
            );
            let mut parts: Vec<(u64, String)> = searcher
                .search(&q, &DocSetCollector)?
                .into_iter()
                .map(|a| {
                    let p = codec::passage(f, &searcher.doc(a)?);
                    Ok((p.number, p.text))
                })
                .collect::<Result<_>>()?;
            parts.sort_by_key(|(n, _)| *n);
            parts
                .into_iter()
                .map(|(_, t)| t)
                .collect::<Vec<_>>()
                .join("\n")
        };
        Ok(document(first, meta, codec::times(f, &d), passages, &text))
    }
}

/// A whole document from its first passage, its metadata and its text (passages joined by
/// `\n`).
fn document(
    first: codec::StoredPassage,
    meta: Metadata,
    times: codec::Times,
    passages: usize,
    text: &str,
) -> StoredDocument {
    StoredDocument {
        id: meta.id_text(),
        key: first.key,
        path: first.path,
        date: meta.date,
        citation: meta.citation(),
        cites: meta.cites.iter().map(ToString::to_string).collect(),
        doc_type: meta.doc_type,
        title: meta.title,
        dossier: meta.dossier,
        dossier_title: meta.dossier_title,
        vergaderjaar: meta.vergaderjaar,
        indieners: meta.indieners,
        parties: meta.parties,
        kenmerk: meta.kenmerk,
        afzender: meta.afzender,
        dossiers: meta.dossiers,
        speakers: meta.speakers,
        sgd_id: meta.sgd_id,
        sources: meta.sources,
        added: Some(times.added),
        changed: Some(times.changed),
        passages,
        text: text.replace('\n', "\n\n"),
    }
}
