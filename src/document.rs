//! The document model: clean paragraphs plus metadata, ready to be split into passages and
//! indexed.

use std::path::{Path, PathBuf};

use crate::meta::{extract_from_text, Metadata, Source};
use crate::normalize::{normalize_chars, normalize_structure, Lexicon, Paragraph};
use crate::read::RawDocument;

/// One Kamerstuk (or any document) as kamerzoek indexes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The source file, or the name a library caller gave an in-memory document.
    pub path: PathBuf,
    /// What is known about it.
    pub meta: Metadata,
    /// The clean text, paragraph by paragraph, with source lines.
    pub paragraphs: Vec<Paragraph>,
    /// The line of the record in a file that holds many documents (JSON lines).
    pub record: Option<u32>,
}

/// How a key that names a document by its path begins ([`Document::key`]).
pub(crate) const PATH_KEY: &str = "path:";

/// Whether a key names a document by its path: it has no id to be known by.
pub(crate) fn is_path_key(key: &str) -> bool {
    key.starts_with(PATH_KEY)
}

/// The file a key that names a document by its path names, without the `#LINE` of a record
/// in a file of many ([`Document::key`]); `None` for a key that is an id.
pub(crate) fn key_file(key: &str) -> Option<&std::path::Path> {
    let path = key.strip_prefix(PATH_KEY)?;
    let file = match path.rsplit_once('#') {
        Some((file, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => file,
        _ => path,
    };
    Some(std::path::Path::new(file))
}

/// The hash of a document's key, which the index groups a document's passages by and the
/// manifest looks documents up by.
pub(crate) fn key_hash(key: &str) -> u64 {
    // A fixed hash, the same in every build: passages of one document written in different
    // runs get the same value.
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

impl Document {
    /// Builds a document from what a reader produced: normalizes the text and reads the
    /// metadata the text carries (header, footer, letterhead, citations, file name).
    pub fn from_raw(raw: RawDocument, lexicon: &Lexicon) -> Document {
        if raw.clean {
            return Document::from_export(raw);
        }
        let chars = normalize_chars(&raw.text);
        let mut meta = raw.meta;
        let file_name = raw.path.file_name().and_then(|n| n.to_str());
        extract_from_text(&chars, file_name, &mut meta);
        meta.complete();
        let mut paragraphs = normalize_structure(&chars, lexicon).paragraphs;
        if let Some(map) = &raw.line_map {
            for p in &mut paragraphs {
                p.line = map.get(p.line as usize - 1).copied().unwrap_or(p.line);
            }
        }
        Document {
            path: raw.path,
            meta,
            paragraphs,
            record: raw.record,
        }
    }

    /// A record of kamerzoek's export: its paragraphs and metadata as they were exported.
    fn from_export(raw: RawDocument) -> Document {
        // A hand-edited record may have picked up what the character stages remove.
        let text = normalize_chars(&raw.text);
        let mut line = 1;
        let mut paragraphs = Vec::new();
        for p in text.split("\n\n") {
            if !p.trim().is_empty() {
                paragraphs.push(Paragraph {
                    line: raw.record.unwrap_or(line),
                    text: p.trim().to_string(),
                });
            }
            line += u32::try_from(p.matches('\n').count()).unwrap_or(0) + 2;
        }
        Document {
            path: raw.path,
            meta: raw.meta,
            paragraphs,
            record: raw.record,
        }
    }

    /// Builds a document from text held in memory. `name` stands in for the path (a file name
    /// such as `kst-34104-439.txt` is also read for the id); `meta` holds what the caller
    /// knows already and wins over what the text says.
    ///
    /// ```
    /// use kamerzoek::{Document, meta::Metadata, normalize::Lexicon};
    /// let doc = Document::from_text("Datum 24 februari 2015\n\nDe moge-\nlijkheden.", "brief.txt", Metadata::default(), &Lexicon::default());
    /// assert_eq!(doc.meta.date.unwrap().to_string(), "2015-02-24");
    /// assert_eq!(doc.text(), "Datum 24 februari 2015\n\nDe mogelijkheden.");
    /// ```
    pub fn from_text(
        text: &str,
        name: impl AsRef<Path>,
        meta: Metadata,
        lexicon: &Lexicon,
    ) -> Document {
        let mut meta = meta;
        // What the caller says wins, and is recorded as given.
        for field in meta.set_fields() {
            meta.sources
                .entry(field.to_string())
                .or_insert(Source::Given);
        }
        Document::from_raw(
            RawDocument {
                path: name.as_ref().to_path_buf(),
                text: text.to_string(),
                meta,
                ..RawDocument::default()
            },
            lexicon,
        )
    }

    /// The key the index stores the document under: the Staten-Generaal Digitaal id of a scan
    /// (`sgd:0000142774`), else its Kamerstuk or Handelingen id, else its path (made absolute
    /// when the file exists, with `#LINE` for a record in a file of many).
    pub fn key(&self) -> String {
        if let Some(sgd) = &self.meta.sgd_id {
            return format!("sgd:{sgd}");
        }
        self.meta.id_text().unwrap_or_else(|| {
            // The same file reached as "corpus/a.txt" and "./corpus/a.txt" is one document.
            let path = std::fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone());
            match self.record {
                Some(line) => format!("{PATH_KEY}{}#{line}", path.display()),
                None => format!("{PATH_KEY}{}", path.display()),
            }
        })
    }

    /// The clean text: paragraphs separated by a blank line.
    pub fn text(&self) -> String {
        self.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_letter_as_a_document() {
        let text = include_str!("../sample_corpus/000_4b49ee41d29ace67.txt");
        let doc = Document::from_text(
            text,
            "000_4b49ee41d29ace67.txt",
            Metadata::default(),
            &Lexicon::default(),
        );
        assert_eq!(doc.meta.date.unwrap().to_string(), "2015-02-24");
        assert_eq!(doc.meta.doc_type.as_deref(), Some("brief"));
        assert_eq!(doc.meta.kenmerk.as_deref(), Some("2015-0000097371"));
        let cites: Vec<String> = doc.meta.cites.iter().map(ToString::to_string).collect();
        assert_eq!(cites, ["kst-33750-IV-16", "kst-28638-115"]);
        // In memory, the name is not a file here: it is the key as it is.
        assert_eq!(doc.key(), "path:000_4b49ee41d29ace67.txt");
        assert_eq!(doc.meta.vergaderjaar.as_deref(), Some("2014-2015"));
    }
}
