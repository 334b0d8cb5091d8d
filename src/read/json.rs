//! JSON lines: one document per line, as the Staten-Generaal Digitaal export
//! (`{"URL", "Content", "Source"}`) and kamerzoek's own `export` write them. A file holding
//! one JSON object, or an array of them, is read the same way.
//!
//! A line that is not a document is a warning naming its line; the other lines are read.

use std::path::PathBuf;

use serde_json::{Map, Value};

use super::sidecar::metadata_from;
use super::RawDocument;
use crate::meta::Source;

/// Lines that went wrong are listed up to this many; the rest are counted.
const LISTED_PROBLEMS: usize = 5;

pub(super) fn read(text: &str) -> Result<Vec<RawDocument>, String> {
    let mut docs = Vec::new();
    let mut problems = Problems::default();
    // JSON lines when the first line is a document of its own; else the whole file is one
    // value (pretty-printed, or an array of documents).
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let whole = if is_record_line(first) {
        None
    } else {
        // Read whole, a value takes several times its size in memory: it is held to the
        // limit of one document. JSON lines have no such limit; they are read a line at a
        // time where it matters (`super::Records`).
        let limit = super::MAX_DOCUMENT_BYTES;
        if text.len() as u64 > limit {
            return Err(format!(
                "{} MB of JSON that is not JSON lines: a single JSON value can be at most {} MB; \
                 write one document per line",
                text.len() >> 20,
                limit >> 20
            ));
        }
        serde_json::from_str::<Value>(text).ok()
    };
    match whole {
        Some(Value::Array(items)) => {
            for (n, item) in items.iter().enumerate() {
                match record(item) {
                    Ok(doc) => docs.push(doc),
                    Err(e) => problems.push(format!("item {}: {e}", n + 1)),
                }
            }
        }
        Some(value) => match record(&value) {
            Ok(doc) => docs.push(doc),
            Err(e) => problems.push(e),
        },
        None => {
            for (n, line) in text.lines().enumerate() {
                let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
                match line_record(line, line_no) {
                    Ok(Some(doc)) => docs.push(doc),
                    Ok(None) => {}
                    Err(e) => problems.push(e),
                }
            }
        }
    }
    if docs.is_empty() {
        return Err(problems.nothing_read());
    }
    if let Some(w) = problems.summary() {
        docs[0].warnings.push(w);
    }
    Ok(docs)
}

/// Whether a line holds a document of its own: the mark of JSON lines.
pub(super) fn is_record_line(line: &str) -> bool {
    serde_json::from_str::<Value>(line).is_ok_and(|v| v.is_object())
}

/// The document on line `line_no` of a JSON lines file, `None` for a blank line, or what is
/// wrong with the line.
pub(super) fn line_record(line: &str, line_no: u32) -> Result<Option<RawDocument>, String> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let mut doc = serde_json::from_str::<Value>(line)
        .map_err(|e| format!("not JSON ({e})"))
        .and_then(|v| record(&v))
        .map_err(|e| format!("line {line_no}: {e}"))?;
    // A record that names its own source file is that file's document.
    if doc.path.as_os_str().is_empty() {
        doc.record = Some(line_no);
        // Every line of the text is on this one line of the file.
        doc.line_map = Some(vec![line_no; doc.text.lines().count() + 1]);
    }
    Ok(Some(doc))
}

/// The records of a file that could not be read: the first few named, the rest counted.
#[derive(Debug, Default)]
pub(super) struct Problems {
    listed: Vec<String>,
    count: usize,
}

impl Problems {
    pub(super) fn push(&mut self, problem: String) {
        if self.listed.len() < LISTED_PROBLEMS {
            self.listed.push(problem);
        }
        self.count += 1;
    }

    /// The warning for a file some of whose records were read.
    pub(super) fn summary(&self) -> Option<String> {
        if self.count == 0 {
            return None;
        }
        let mut w = format!(
            "{} JSON record(s) skipped: {}",
            self.count,
            self.listed.join("; ")
        );
        let more = self.count - self.listed.len();
        if more > 0 {
            w.push_str(&format!("; and {more} more"));
        }
        Some(w)
    }

    /// The error for a file none of whose records could be read.
    pub(super) fn nothing_read(&self) -> String {
        match self.listed.first() {
            Some(first) => format!("no document could be read from the JSON ({first})"),
            None => "no document in the JSON".to_string(),
        }
    }
}

/// One document from one JSON object, of at most [`super::MAX_DOCUMENT_BYTES`] of text, as
/// for a file of one document.
fn record(value: &Value) -> Result<RawDocument, String> {
    let doc = record_of_any_size(value)?;
    let limit = super::MAX_DOCUMENT_BYTES;
    if doc.text.len() as u64 > limit {
        return Err(format!(
            "a document of {} MB, and one document can be at most {} MB",
            doc.text.len() >> 20,
            limit >> 20
        ));
    }
    Ok(doc)
}

fn record_of_any_size(value: &Value) -> Result<RawDocument, String> {
    let obj = value.as_object().ok_or("not a JSON object")?;
    if let Some(content) = obj.get("Content") {
        return sgd(obj, content);
    }
    let text = ["text", "content", "body", "tekst"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
        .ok_or("no text: expected \"Content\" (Staten-Generaal Digitaal) or \"text\" (kamerzoek export)")?;
    let meta = metadata_from(obj, Source::Given)?;
    let path = obj
        .get("path")
        .and_then(Value::as_str)
        .map(PathBuf::from)
        .unwrap_or_default();
    Ok(RawDocument {
        // The export separates paragraphs by a blank line already.
        text: text.to_string(),
        meta,
        path,
        // Only kamerzoek's export writes the key a document is stored under; a record of a
        // file of many keeps its line there.
        clean: obj.get("key").is_some_and(Value::is_string),
        record: obj
            .get("key")
            .and_then(Value::as_str)
            .filter(|k| k.starts_with("path:"))
            .and_then(|k| k.rsplit_once('#')?.1.parse().ok()),
        ..RawDocument::default()
    })
}

/// A record of the Staten-Generaal Digitaal export: the id is in the URL, everything else in
/// the OCR text.
fn sgd(obj: &Map<String, Value>, content: &Value) -> Result<RawDocument, String> {
    let text = content.as_str().ok_or("\"Content\" should be text")?;
    let mut meta = crate::meta::Metadata::default();
    let id = obj
        .get("URL")
        .and_then(Value::as_str)
        .and_then(sgd_id_of_url);
    meta.fill_sgd_id(id, Source::Record);
    Ok(RawDocument {
        text: text.to_string(),
        meta,
        ..RawDocument::default()
    })
}

/// `https://zoek.officielebekendmakingen.nl/0000142774/ocr` → `0000142774`.
fn sgd_id_of_url(url: &str) -> Option<String> {
    url.split(['/', '?', '#'])
        .find(|part| part.len() >= 6 && part.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staten_generaal_digitaal_lines() {
        let text = concat!(
            r#"{"URL": "https://zoek.officielebekendmakingen.nl/0000142774/ocr", "Content": "Tweede Kamer\nZitting 1982-1983", "Source": "Staten-Generaal Digitaal"}"#,
            "\n",
            r#"{"URL": "https://zoek.officielebekendmakingen.nl/0000267410/ocr", "Content": "ZITTING 1959", "Source": "Staten-Generaal Digitaal"}"#,
            "\n"
        );
        let docs = read(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].meta.sgd_id.as_deref(), Some("0000142774"));
        assert_eq!(docs[1].record, Some(2));
        assert_eq!(docs[0].text, "Tweede Kamer\nZitting 1982-1983");
        assert_eq!(docs[1].line_map.as_deref(), Some(&[2, 2][..]));
    }

    #[test]
    fn a_bad_line_is_named_and_the_rest_read() {
        let text = "{\"text\": \"een\"}\n{kapot\n[1]\n{\"text\": \"twee\"}\n";
        let docs = read(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert!(
            docs[0].warnings[0].contains("line 2"),
            "{:?}",
            docs[0].warnings
        );
        assert!(
            docs[0].warnings[0].contains("line 3"),
            "{:?}",
            docs[0].warnings
        );
    }

    #[test]
    fn nothing_readable_is_an_error() {
        assert!(read("{kapot\n").is_err());
        assert!(read("{\"URL\": \"x\"}").is_err());
    }

    #[test]
    fn one_pretty_printed_object() {
        let docs =
            read("{\n  \"id\": \"kst-36600-XVI-12\",\n  \"text\": \"De Kamer,\"\n}\n").unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].meta.id.as_ref().unwrap().to_string(),
            "kst-36600-XVI-12"
        );
    }

    #[test]
    fn one_json_value_is_held_to_the_size_of_one_document() {
        let text = format!("[{{\"text\": \"{}\"}}]", "x".repeat(65 << 20));
        let e = read(&text).unwrap_err();
        assert!(
            e.contains("a single JSON value can be at most 64 MB"),
            "{e}"
        );
    }
}
