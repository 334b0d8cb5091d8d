//! Reading files: which format a file is, and the raw documents and metadata it holds.
//!
//! Each format is a reader behind one function, [`read_file`]: it returns the [`RawDocument`]s
//! of a file (one, or one per record of a JSON lines file) whose text still has the source's
//! line breaks, hyphens and page furniture (normalization comes next), and whatever metadata
//! the format itself carries. The format is chosen by the file's first bytes as well as by its
//! name ([`Format::detect`]). A sidecar `NAME.json` next to a file supplies or overrides its
//! metadata (`sidecar.rs`).

mod html;
mod json;
mod pdf;
mod records;
pub(crate) mod sidecar;
mod text;
mod vlos;
mod xml;

use std::path::{Path, PathBuf};

use crate::meta::Metadata;
use crate::{Error, Result};

pub use pdf::{pdftotext_available, INSTALL_HINT as PDF_HINT};
pub(crate) use records::Records;
pub use text::decode_text;
pub(crate) use text::utf16;

/// The formats kamerzoek reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text, such as text extracted from a PDF.
    Text,
    /// XML: the official KOOP `officiele-publicatie` and other XML.
    Xml,
    /// VLOS 2.0 XML: the verbatim report of a meeting (`vlosCoreDocument`).
    Vlos,
    /// HTML, such as the pages of officiële bekendmakingen (`kst-….html`).
    Html,
    /// JSON lines, one document per line: the Staten-Generaal Digitaal export
    /// (`{"URL", "Content", "Source"}`), kamerzoek's own `export`, or a single JSON object.
    Json,
    /// PDF, read through `pdftotext` (poppler-utils).
    Pdf,
}

/// File name extensions kamerzoek reads, for messages.
pub const EXTENSIONS: &str = ".txt, .xml, .html, .htm, .jsonl, .ndjson, .json, .pdf";

impl Format {
    /// The format of a file by its name and its first bytes; `None` for files kamerzoek does
    /// not read. The content wins where it is clear: a `.txt` that is XML is read as XML, an
    /// `.xml` that is a VLOS report as VLOS.
    ///
    /// ```
    /// use kamerzoek::read::Format;
    /// assert_eq!(Format::detect("kst-34104-439.xml".as_ref(), b"<?xml"), Some(Format::Xml));
    /// assert_eq!(Format::detect("brief.txt".as_ref(), b"Datum 24 februari"), Some(Format::Text));
    /// assert_eq!(Format::detect("a.xml".as_ref(), b"<?xml version=\"1.0\"?><vlosCoreDocument"), Some(Format::Vlos));
    /// assert_eq!(Format::detect("sgd.jsonl".as_ref(), b"{\"URL\": \"...\"}"), Some(Format::Json));
    /// assert_eq!(Format::detect("scan.txt".as_ref(), b"%PDF-1.4"), Some(Format::Pdf));
    /// assert_eq!(Format::detect("foto.jpg".as_ref(), b"\xff\xd8"), None);
    /// ```
    pub fn detect(path: &Path, head: &[u8]) -> Option<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let by_name = match ext.as_deref()? {
            "txt" | "text" => Format::Text,
            "xml" => Format::Xml,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" | "json" => Format::Json,
            "pdf" => Format::Pdf,
            _ => return None,
        };
        Some(sniff(head).unwrap_or(by_name))
    }

    /// Whether a file name has an extension kamerzoek reads.
    pub fn is_supported(path: &Path) -> bool {
        Format::detect(path, b"").is_some()
    }
}

/// The format the first bytes make plain, if they do.
fn sniff(head: &[u8]) -> Option<Format> {
    if head.starts_with(b"%PDF-") {
        return Some(Format::Pdf);
    }
    let head = &head[..head.len().min(2048)];
    let start = match text::utf16(head) {
        Some(decoded) => std::borrow::Cow::Owned(decoded),
        None => String::from_utf8_lossy(head),
    };
    // Byte order marks, also double-encoded ones ("ï»¿"), and blank lines come first in
    // re-saved files.
    let start = start.trim_start_matches(|c: char| c.is_whitespace() || !c.is_ascii());
    let lower = start.to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        Some(Format::Html)
    } else if lower.starts_with('<') && lower.contains("<vloscoredocument") {
        Some(Format::Vlos)
    } else if lower.starts_with("<?xml") && lower.contains("<html") {
        Some(Format::Html)
    } else if lower.starts_with("<?xml") || lower.starts_with("<officiele-publicatie") {
        Some(Format::Xml)
    } else if lower.starts_with('{') {
        Some(Format::Json)
    } else {
        None
    }
}

/// The largest file of one document kamerzoek reads. A real Kamerstuk is at most a few MB;
/// a file far beyond that is a dump or an accident, and reading it whole would let one file
/// decide how much memory indexing takes.
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// The largest file of many documents (JSON lines) kamerzoek reads.
pub const MAX_RECORDS_BYTES: u64 = 1 << 30;

/// Why a file of `size` bytes is too large to read, if it is.
///
/// ```
/// use kamerzoek::read::too_large;
/// assert!(too_large("dump.txt".as_ref(), 200 << 20).unwrap().contains("200 MB"));
/// assert!(too_large("sgd.jsonl".as_ref(), 200 << 20).is_none());
/// ```
pub fn too_large(path: &Path, size: u64) -> Option<String> {
    let many = matches!(Format::detect(path, b""), Some(Format::Json));
    let limit = if many {
        MAX_RECORDS_BYTES
    } else {
        MAX_DOCUMENT_BYTES
    };
    (size > limit).then(|| {
        format!(
            "too large: {} MB, and a file of {} can be at most {} MB",
            size >> 20,
            if many { "documents" } else { "one document" },
            limit >> 20
        )
    })
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
    /// For formats whose text is assembled (XML, JSON): the source line of each line of `text`.
    pub line_map: Option<Vec<u32>>,
    /// For a file of many documents (JSON lines): the line this document's record is on.
    pub record: Option<u32>,
    /// Problems that did not stop the file from being read (XML broken off, bad encoding, a
    /// JSON line that is not a document). Problems of the file as a whole are on its first
    /// document.
    pub warnings: Vec<String>,
    /// A record of kamerzoek's own `export`: its text is clean already and its metadata
    /// complete, so both are taken as they are (normalizing or reading them again could
    /// change them, and an export must index back into the same documents).
    pub clean: bool,
}

/// Reads one file in the format its name and content say, with its sidecar's metadata.
///
/// An empty, binary or unreadable file is an error naming the file; so is a file of many
/// documents none of which could be read.
///
/// ```
/// let docs = kamerzoek::read::read_file("sample_corpus/kst-33750-IV-16.xml".as_ref()).unwrap();
/// assert_eq!(docs[0].meta.id.as_ref().unwrap().to_string(), "kst-33750-IV-16");
/// ```
pub fn read_file(path: &Path) -> Result<Vec<RawDocument>> {
    read_file_with_bytes(path).map(|(_, docs)| docs)
}

/// [`read_file`], with the bytes it read: for a caller that also hashes or inspects them.
///
/// ```
/// let (bytes, docs) = kamerzoek::read::read_file_with_bytes("sample_corpus/kst-33750-IV-16.xml".as_ref()).unwrap();
/// assert!(bytes.starts_with(b"<?xml"));
/// assert_eq!(docs.len(), 1);
/// ```
pub fn read_file_with_bytes(path: &Path) -> Result<(Vec<u8>, Vec<RawDocument>)> {
    let bytes = file_bytes(path)?;
    let docs = read_source(path, &bytes)?;
    Ok((bytes, docs))
}

/// The bytes of the file at `path`, unless it is too large to read ([`too_large`]).
///
/// ```
/// let bytes = kamerzoek::read::file_bytes("sample_corpus/kst-33750-IV-16.xml".as_ref()).unwrap();
/// assert!(bytes.starts_with(b"<?xml"));
/// assert!(kamerzoek::read::file_bytes("sample_corpus/no-such-file.xml".as_ref()).is_err());
/// ```
pub fn file_bytes(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if let Some(reason) = too_large(path, size) {
        return Err(Error::bad_input(path, reason));
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Reads the file at `path` whose content is `bytes`, with its sidecar's metadata: what
/// [`read_file`] does, for a caller that has read the bytes already.
pub fn read_source(path: &Path, bytes: &[u8]) -> Result<Vec<RawDocument>> {
    let mut docs = read_bytes(path, bytes)?;
    if let Some(side) = sidecar::find(path) {
        match sidecar::read(&side) {
            Ok(given) => {
                for doc in &mut docs {
                    sidecar::apply(&given, &mut doc.meta);
                }
            }
            Err(reason) => docs[0]
                .warnings
                .push(format!("sidecar {} ignored: {reason}", side.display())),
        }
    }
    Ok(docs)
}

/// Reads a file's content that is already in memory (no sidecar).
///
/// ```
/// let docs = kamerzoek::read::read_bytes("motie.txt".as_ref(), "De Kamer,\n\nverzoekt de regering".as_bytes()).unwrap();
/// assert_eq!(docs.len(), 1);
/// assert!(kamerzoek::read::read_bytes("leeg.txt".as_ref(), b"  \n").is_err());
/// ```
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<Vec<RawDocument>> {
    read_bytes_for(path, bytes, true)
}

/// The text of each document in a file's content, and nothing else: what [`read_bytes`]
/// gives without working out metadata, for a caller that only counts words. The same text,
/// and the same errors, as [`read_bytes`].
///
/// ```
/// let xml = std::fs::read("sample_corpus/kst-33750-IV-16.xml").unwrap();
/// let path = "kst-33750-IV-16.xml".as_ref();
/// let full = kamerzoek::read::read_bytes(path, &xml).unwrap();
/// assert_eq!(kamerzoek::read::read_text(path, &xml).unwrap(), [full[0].text.clone()]);
/// ```
pub fn read_text(path: &Path, bytes: &[u8]) -> Result<Vec<String>> {
    Ok(read_bytes_for(path, bytes, false)?
        .into_iter()
        .map(|d| d.text)
        .collect())
}

fn read_bytes_for(path: &Path, bytes: &[u8], metadata: bool) -> Result<Vec<RawDocument>> {
    let format = Format::detect(path, bytes)
        .ok_or_else(|| Error::bad_input(path, format!("not a supported format ({EXTENSIONS})")))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::bad_input(path, "empty file"));
    }
    let bad = |reason: String| Error::bad_input(path, reason);
    let (text, mut warnings) = match format {
        Format::Pdf => (pdf::extract(bytes).map_err(bad)?, Vec::new()),
        _ => decode_text(bytes).map_err(bad)?,
    };
    // Blank in an encoding whose spaces are not single bytes (UTF-16).
    if text.trim().is_empty() {
        return Err(Error::bad_input(path, "empty file"));
    }
    let mut docs = match format {
        Format::Text | Format::Pdf => vec![RawDocument {
            text,
            ..RawDocument::default()
        }],
        Format::Xml => vec![xml::read(&text, metadata).map_err(bad)?],
        Format::Vlos => vec![vlos::read(&text).map_err(bad)?],
        Format::Html => vec![html::read(&text).map_err(bad)?],
        Format::Json => json::read(&text).map_err(bad)?,
    };
    for doc in &mut docs {
        // A record of kamerzoek's export keeps the source file it names, so that it is stored
        // under the same key again.
        if doc.path.as_os_str().is_empty() {
            doc.path = path.to_path_buf();
        }
    }
    warnings.append(&mut docs[0].warnings);
    docs[0].warnings = warnings;
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_text_alone_is_the_text_of_a_full_read() {
        let mut formats = HashSet::new();
        for entry in std::fs::read_dir("sample_corpus").unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let Some(format) = Format::detect(&path, &bytes) else {
                continue;
            };
            if format == Format::Pdf || sidecar::is_sidecar(&path, |p| p.exists()) {
                continue;
            }
            let full: Vec<String> = read_bytes(&path, &bytes)
                .unwrap()
                .into_iter()
                .map(|d| d.text)
                .collect();
            assert_eq!(
                read_text(&path, &bytes).unwrap(),
                full,
                "{}",
                path.display()
            );
            formats.insert(format);
        }
        // Every format but PDF, whose text needs pdftotext (and which pass 1 reads in full).
        assert_eq!(formats.len(), 5, "{formats:?}");
    }
}
