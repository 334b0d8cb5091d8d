//! Reading files: which format a file is, and its raw text and structured metadata.
//!
//! Each format is a reader behind one function, [`read_file`]: it returns a [`RawDocument`]
//! whose text still has the source's line breaks, hyphens and page furniture (normalization
//! comes next), and whatever metadata the format itself carries (XML elements).

mod text;
mod xml;

use std::path::{Path, PathBuf};

use crate::meta::Metadata;
use crate::{Error, Result};

pub use text::decode_text;

/// The formats kamerzoek reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text, such as text extracted from a PDF.
    Text,
    /// XML: the official KOOP `officiele-publicatie` and other XML.
    Xml,
}

impl Format {
    /// The format of a file by its name, and for ambiguous names by its first bytes; `None` for
    /// files kamerzoek does not read.
    ///
    /// ```
    /// use kamerzoek::read::Format;
    /// assert_eq!(Format::detect("kst-34104-439.xml".as_ref(), b"<?xml"), Some(Format::Xml));
    /// assert_eq!(Format::detect("brief.txt".as_ref(), b"Datum 24 februari"), Some(Format::Text));
    /// assert_eq!(Format::detect("foto.jpg".as_ref(), b"\xff\xd8"), None);
    /// ```
    pub fn detect(path: &Path, head: &[u8]) -> Option<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("xml") => Some(Format::Xml),
            Some("txt" | "text") => {
                let start = String::from_utf8_lossy(&head[..head.len().min(256)]);
                let start = start.trim_start_matches(|c: char| {
                    c.is_whitespace() || c == '\u{FEFF}' || !c.is_ascii()
                });
                if start.starts_with("<?xml") || start.starts_with("<officiele-publicatie") {
                    Some(Format::Xml)
                } else {
                    Some(Format::Text)
                }
            }
            _ => None,
        }
    }

    /// Whether a file name has an extension kamerzoek reads.
    pub fn is_supported(path: &Path) -> bool {
        Format::detect(path, b"").is_some()
    }
}

/// A document as read from its file: raw text and the metadata the format carries.
#[derive(Debug, Clone, Default)]
pub struct RawDocument {
    /// Where it came from.
    pub path: PathBuf,
    /// The raw text, paragraphs or lines separated by `\n`.
    pub text: String,
    /// Metadata from the format's own structure (XML elements); text-derived fields come later.
    pub meta: Metadata,
    /// For formats whose text is assembled (XML): the source line of each line of `text`.
    pub line_map: Option<Vec<u32>>,
    /// Problems that did not stop the file from being read (XML broken off, bad encoding).
    pub warnings: Vec<String>,
}

/// Reads one file in the format its name and content say.
///
/// An empty, binary or unreadable file is an error naming the file.
pub fn read_file(path: &Path) -> Result<RawDocument> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_bytes(path, &bytes)
}

/// Reads a file's content that is already in memory.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<RawDocument> {
    let format = Format::detect(path, bytes)
        .ok_or_else(|| Error::bad_input(path, "not a supported format (.txt or .xml)"))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::bad_input(path, "empty file"));
    }
    let (text, mut warnings) =
        decode_text(bytes).map_err(|reason| Error::bad_input(path, reason))?;
    let mut doc = match format {
        Format::Text => RawDocument {
            text,
            ..RawDocument::default()
        },
        Format::Xml => xml::read(&text).map_err(|reason| Error::bad_input(path, reason))?,
    };
    doc.path = path.to_path_buf();
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    Ok(doc)
}
