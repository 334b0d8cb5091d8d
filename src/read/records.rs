//! A JSON lines file read a record at a time, so that what reading it holds in memory is one
//! line, however large the file (an export of the Staten-Generaal Digitaal scans runs to
//! hundreds of megabytes). The records are the ones [`super::read_file`] gives for the file.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::json::{is_record_line, line_record, Problems};
use super::{decode_text, sidecar, Format, RawDocument, MAX_DOCUMENT_BYTES};
use crate::meta::Metadata;
use crate::{Error, Result};

/// The records of a JSON lines file, in order.
pub struct Records {
    path: PathBuf,
    reader: BufReader<File>,
    /// The line read but not yet given out.
    pending: Option<Vec<u8>>,
    line_no: u32,
    hash: xxhash_rust::xxh3::Xxh3,
    given: Option<Metadata>,
    documents: usize,
    problems: Problems,
    warnings: Vec<String>,
    /// The first line decoded from another encoding than UTF-8, and how many were.
    decoded: Option<String>,
    decoded_lines: usize,
}

impl Records {
    /// Opens the file at `path` to be read a record at a time, or `None` when it is not JSON
    /// lines (another format, one JSON value, UTF-16): such a file is read whole.
    pub fn open(path: &Path) -> Result<Option<Records>> {
        if Format::detect(path, b"") != Some(Format::Json) {
            return Ok(None);
        }
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let mut records = Records {
            path: path.to_path_buf(),
            reader: BufReader::with_capacity(256 * 1024, file),
            pending: None,
            line_no: 0,
            hash: xxhash_rust::xxh3::Xxh3::new(),
            given: None,
            documents: 0,
            problems: Problems::default(),
            warnings: Vec::new(),
            decoded: None,
            decoded_lines: 0,
        };
        // The first line that is not blank says whether the file is JSON lines.
        loop {
            let Some(line) = records.read_line()? else {
                return Ok(None);
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if super::utf16(&line).is_some() {
                return Ok(None);
            }
            let text = String::from_utf8_lossy(&line);
            if !is_record_line(text.trim_start_matches('\u{feff}')) {
                return Ok(None);
            }
            records.pending = Some(line);
            break;
        }
        if let Some(side) = sidecar::find(path) {
            match sidecar::read(&side) {
                Ok(given) => records.given = Some(given),
                Err(reason) => records
                    .warnings
                    .push(format!("sidecar {} ignored: {reason}", side.display())),
            }
        }
        Ok(Some(records))
    }

    /// One line, hashed; `None` at the end of the file.
    fn read_line(&mut self) -> Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        // One line is one document: a longer one is refused without being held whole.
        let limit = MAX_DOCUMENT_BYTES + 1;
        let n = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(&self.path, e))?;
        if n == 0 {
            return Ok(None);
        }
        self.hash.update(&line);
        self.line_no = self.line_no.saturating_add(1);
        if n as u64 == limit && line.last() != Some(&b'\n') {
            // Past the limit: the rest of the line is hashed and passed over.
            let mut length = n as u64;
            loop {
                let buf = self
                    .reader
                    .fill_buf()
                    .map_err(|e| Error::io(&self.path, e))?;
                if buf.is_empty() {
                    break;
                }
                let (part, done) = match memchr::memchr(b'\n', buf) {
                    Some(i) => (&buf[..=i], true),
                    None => (buf, false),
                };
                self.hash.update(part);
                let len = part.len();
                length += len as u64;
                self.reader.consume(len);
                if done {
                    break;
                }
            }
            self.problems.push(format!(
                "line {}: a document of {} MB, and one document can be at most {} MB",
                self.line_no,
                length >> 20,
                MAX_DOCUMENT_BYTES >> 20
            ));
            return Ok(Some(Vec::new()));
        }
        Ok(Some(line))
    }

    /// The next document, `None` after the last. A line that is not a document is noted for
    /// [`Records::finish`] and passed over; an error is one of reading the file.
    pub fn next_document(&mut self) -> Result<Option<RawDocument>> {
        loop {
            let line = match self.pending.take() {
                Some(line) => line,
                None => match self.read_line()? {
                    Some(line) => line,
                    None => return Ok(None),
                },
            };
            let text = match decode_text(&line) {
                Ok((text, warnings)) => {
                    if let Some(w) = warnings.first() {
                        self.decoded_lines += 1;
                        self.decoded
                            .get_or_insert_with(|| format!("line {}: {w}", self.line_no));
                    }
                    text
                }
                Err(e) => {
                    self.problems.push(format!("line {}: {e}", self.line_no));
                    continue;
                }
            };
            let text = text
                .trim_start_matches('\u{feff}')
                .trim_end_matches(['\n', '\r']);
            match line_record(text, self.line_no) {
                Ok(Some(mut doc)) => {
                    if doc.path.as_os_str().is_empty() {
                        doc.path = self.path.clone();
                    }
                    if let Some(given) = &self.given {
                        sidecar::apply(given, &mut doc.meta);
                    }
                    self.documents += 1;
                    return Ok(Some(doc));
                }
                Ok(None) => {}
                Err(e) => self.problems.push(e),
            }
        }
    }

    /// The hash of the file's bytes and its warnings, once every document was read; an error
    /// when none of its lines was a document.
    pub fn finish(mut self) -> Result<(u64, Vec<String>)> {
        if self.documents == 0 {
            return Err(Error::bad_input(&self.path, self.problems.nothing_read()));
        }
        if let Some(first) = self.decoded.take() {
            let more = self.decoded_lines - 1;
            self.warnings.push(match more {
                0 => first,
                _ => format!("{first}; and {more} more lines"),
            });
        }
        self.warnings.extend(self.problems.summary());
        Ok((self.hash.digest(), self.warnings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every document of `path`, read a record at a time, with the hash and warnings.
    fn streamed(path: &Path) -> (Vec<RawDocument>, Result<(u64, Vec<String>)>) {
        let mut records = Records::open(path).unwrap().expect("JSON lines");
        let mut docs = Vec::new();
        while let Some(doc) = records.next_document().unwrap() {
            docs.push(doc);
        }
        (docs, records.finish())
    }

    #[test]
    fn a_record_at_a_time_gives_what_a_whole_read_gives() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mixed.jsonl");
        let mut bytes =
            b"\n{\"id\": \"kst-36600-XVI-12\", \"text\": \"De Kamer,\\n\\nverzoekt\"}\n".to_vec();
        bytes.extend_from_slice(b"{kapot\n\n[1]\n");
        bytes.extend_from_slice(
            b"{\"URL\": \"https://zoek.officielebekendmakingen.nl/0000142774/ocr\", \"Content\": \"Zitting 1982-1983\"}\r\n",
        );
        std::fs::write(&path, &bytes).unwrap();
        let whole = super::super::read_file(&path).unwrap();
        let (docs, end) = streamed(&path);
        let (hash, warnings) = end.unwrap();
        assert_eq!(hash, xxhash_rust::xxh3::xxh3_64(&bytes));
        assert_eq!(docs.len(), 2);
        for (a, b) in docs.iter().zip(&whole) {
            assert_eq!(
                (&a.text, &a.meta, &a.path, a.record),
                (&b.text, &b.meta, &b.path, b.record)
            );
        }
        assert_eq!(warnings, whole[0].warnings);
        assert!(warnings[0].contains("line 3") && warnings[0].contains("line 5"));
    }

    #[test]
    fn a_line_in_another_encoding_is_decoded_and_said_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("oud.jsonl");
        std::fs::write(
            &path,
            b"{\"text\": \"Cura\xe7ao\"}\n{\"text\": \"Kr\xf6ger\"}\n{\"text\": \"goed\"}\n",
        )
        .unwrap();
        let (docs, end) = streamed(&path);
        assert_eq!(docs[0].text, "Curaçao");
        assert_eq!(docs[1].text, "Kröger");
        let warnings = end.unwrap().1;
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("line 1: not valid UTF-8"));
        assert!(warnings[0].ends_with("and 1 more lines"));
    }

    #[test]
    fn a_file_without_a_document_is_an_error_and_other_json_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("leeg.jsonl");
        std::fs::write(&path, "{\"URL\": \"x\"}\n{\"tekst\": 3}\n").unwrap();
        let (docs, end) = streamed(&path);
        assert!(docs.is_empty());
        assert!(end
            .unwrap_err()
            .to_string()
            .contains("no document could be read"));
        let array = dir.path().join("lijst.json");
        std::fs::write(&array, "[{\"text\": \"een\"}, {\"text\": \"twee\"}]").unwrap();
        assert!(Records::open(&array).unwrap().is_none());
        assert_eq!(super::super::read_file(&array).unwrap().len(), 2);
    }

    /// The example of `Records`.
    #[test]
    fn example_of_records() {
        use crate::read::Records;
        let path = "sample_corpus/sgd-staten-generaal-digitaal.jsonl".as_ref();
        let mut records = Records::open(path).unwrap().unwrap();
        let mut ids = Vec::new();
        while let Some(doc) = records.next_document().unwrap() {
            ids.push(doc.meta.sgd_id.unwrap());
        }
        assert_eq!(ids.len(), 3);
        let (hash, warnings) = records.finish().unwrap();
        assert_eq!(
            hash,
            xxhash_rust::xxh3::xxh3_64(&std::fs::read(path).unwrap())
        );
        assert!(warnings.is_empty());
        // Other files are read whole.
        assert!(Records::open("sample_corpus/kst-33750-IV-16.xml".as_ref())
            .unwrap()
            .is_none());
    }
}
