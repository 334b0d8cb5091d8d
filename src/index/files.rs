//! How a run reads its files: the list of files to read, kept on disk between the passes;
//! the first pass's word count; the second pass's documents, handed to the writer whole or,
//! for a file of many documents, a part at a time.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};

use rustc_hash::FxHashMap;

use super::duplicates::FileToWrite;
use super::manifest::{hash_bytes, Stamp};
use crate::normalize::{normalize_chars, Lexicon};
use crate::read::{file_bytes, read_source, read_text, Format, RawDocument, Records};
use crate::walk::Skipped;
use crate::{Document, Error, Result};

/// A file to read in this run.
///
/// There is one per file to read: held in memory through the first pass, in a [`Spool`]
/// through the second.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Task {
    /// The path as the manifest keys it.
    pub(super) canon: PathBuf,
    /// The path as found, where it differs from `canon` (a relative root, a link).
    found: Option<PathBuf>,
    pub(super) stamp: Stamp,
    /// New to the index (else changed): what the report counts it as if it is read.
    pub(super) new: bool,
}

impl Task {
    pub(super) fn new(found: PathBuf, canon: PathBuf, stamp: Stamp, new: bool) -> Task {
        let found = (found != canon).then_some(found);
        Task {
            canon,
            found,
            stamp,
            new,
        }
    }

    /// The path to read, and to name in messages.
    pub(super) fn path(&self) -> &Path {
        self.found.as_deref().unwrap_or(&self.canon)
    }

    pub(super) fn size(&self) -> u64 {
        self.stamp.size
    }

    pub(super) fn to_write(&self) -> FileToWrite<'_> {
        FileToWrite {
            found: self.path(),
            canon: &self.canon,
            stamp: self.stamp,
        }
    }
}

/// The tasks of a run in a temporary file (gone when dropped), read back as an iterator.
pub(super) struct Spool {
    lines: std::io::Lines<BufReader<File>>,
    path: PathBuf,
}

impl Spool {
    pub(super) fn write(tasks: &[Task], dir: &Path) -> Result<Spool> {
        let io = |e| Error::io(dir, e);
        let file = tempfile::tempfile_in(dir).map_err(io)?;
        let mut out = BufWriter::new(file);
        for task in tasks {
            serde_json::to_writer(&mut out, task).map_err(|e| Error::Index {
                path: task.path().to_path_buf(),
                reason: format!("cannot note the file for the second pass: {e}"),
            })?;
            out.write_all(b"\n").map_err(io)?;
        }
        let mut file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.rewind().map_err(io)?;
        Ok(Spool {
            lines: BufReader::new(file).lines(),
            path: dir.to_path_buf(),
        })
    }
}

impl Iterator for Spool {
    type Item = Result<Task>;

    fn next(&mut self) -> Option<Result<Task>> {
        let line = match self.lines.next()? {
            Ok(line) => line,
            Err(e) => return Some(Err(Error::io(&self.path, e))),
        };
        Some(serde_json::from_str(&line).map_err(|e| Error::Index {
            path: self.path.clone(),
            reason: format!("the list of files for the second pass is damaged: {e}"),
        }))
    }
}

/// What the second pass made of one file read whole.
pub(super) type FileResult = std::result::Result<(Vec<(Document, Vec<String>)>, u64), Skipped>;

/// What the second pass tells the writer of a file: its documents, in one part or (a file of
/// many, read a record at a time) several, then its end; or why it could not be read.
pub(super) enum Part {
    Documents(Vec<(Document, Vec<String>)>),
    End { hash: u64, warnings: Vec<String> },
    Skipped(Skipped),
}

pub(super) type Message = Result<(Arc<Task>, Part)>;

/// Text of a file of many documents handed to the writer at a time: a few passages' worth
/// of tantivy's work, and little memory however large the file.
pub(super) const PART_BYTES: usize = 2 << 20;

/// Counts the words of the file at `path` into `lexicon`. A JSON lines file is read a record
/// at a time; of other files only the text is read, without metadata or sidecar, except from a
/// PDF: extracting its text is the dear part, so it is read whole, and its documents (with the
/// hash of its bytes) are returned for the second pass.
pub(super) fn count_words(
    path: &Path,
    lexicon: &mut Lexicon,
) -> Result<Option<(u64, Vec<RawDocument>)>> {
    if let Some(mut records) = Records::open(path)? {
        while let Some(raw) = records.next_document()? {
            lexicon.add_text(&normalize_chars(&raw.text));
        }
        records.finish()?;
        return Ok(None);
    }
    let bytes = file_bytes(path)?;
    if Format::detect(path, &bytes) == Some(Format::Pdf) {
        let docs = read_source(path, &bytes)?;
        for raw in &docs {
            lexicon.add_text(&normalize_chars(&raw.text));
        }
        return Ok(Some((hash_bytes(&bytes), docs)));
    }
    for text in read_text(path, &bytes)? {
        lexicon.add_text(&normalize_chars(&text));
    }
    Ok(None)
}

/// Builds a file's documents from what the lexicon pass kept of it (`read`: the hash of its
/// bytes and its documents as read), or from the file.
pub(super) fn build(
    task: &Task,
    read: Option<(u64, Vec<RawDocument>)>,
    lexicon: &Lexicon,
) -> FileResult {
    let (hash, raws) = match read {
        Some(read) => read,
        None => {
            let bytes = std::fs::read(task.path())
                .map_err(|e| skip(task.path(), &Error::io(task.path(), e)))?;
            let raws = read_source(task.path(), &bytes).map_err(|e| skip(task.path(), &e))?;
            (hash_bytes(&bytes), raws)
        }
    };
    let docs = raws
        .into_iter()
        .map(|raw| {
            let mut warnings = raw.warnings.clone();
            let (doc, settled) = document(raw, lexicon);
            warnings.extend(settled);
            (doc, warnings)
        })
        .collect();
    Ok((docs, hash))
}

/// A document built from what a reader gave, with what settling its metadata found wrong,
/// each warning naming the document (a file may hold many).
fn document(raw: RawDocument, lexicon: &Lexicon) -> (Document, Vec<String>) {
    let mut doc = Document::from_raw(raw, lexicon);
    let key = doc.key();
    let warnings = std::mem::take(&mut doc.meta.warnings)
        .into_iter()
        .map(|w| format!("{key}: {w}"))
        .collect();
    (doc, warnings)
}

/// Reads a file for the second pass and hands it to the writer: a file of many documents a
/// part at a time, any other whole.
pub(super) fn send_file(
    task: Arc<Task>,
    read: Option<(u64, Vec<RawDocument>)>,
    lexicon: &Lexicon,
    tx: &mpsc::SyncSender<Message>,
    turn: &Mutex<()>,
) {
    if read.is_none() {
        match Records::open(task.path()) {
            Ok(Some(records)) => return send_records(records, &task, lexicon, tx, turn),
            Ok(None) => {}
            Err(e) => {
                let _turn = turn.lock().unwrap_or_else(|e| e.into_inner());
                let _ = tx.send(Ok((task.clone(), Part::Skipped(skip(task.path(), &e)))));
                return;
            }
        }
    }
    let parts = match build(&task, read, lexicon) {
        Ok((docs, hash)) => vec![
            Part::Documents(docs),
            Part::End {
                hash,
                warnings: Vec::new(),
            },
        ],
        Err(skipped) => vec![Part::Skipped(skipped)],
    };
    let _turn = turn.lock().unwrap_or_else(|e| e.into_inner());
    for part in parts {
        if tx.send(Ok((task.clone(), part))).is_err() {
            return;
        }
    }
}

/// Hands a file of many documents to the writer [`PART_BYTES`] of text at a time.
pub(super) fn send_records(
    mut records: Records,
    task: &Arc<Task>,
    lexicon: &Lexicon,
    tx: &mpsc::SyncSender<Message>,
    turn: &Mutex<()>,
) {
    let send = |part| tx.send(Ok((task.clone(), part))).is_ok();
    let _turn = turn.lock().unwrap_or_else(|e| e.into_inner());
    let (mut part, mut bytes, mut sent) = (Vec::new(), 0, false);
    loop {
        match records.next_document() {
            Ok(Some(raw)) => {
                bytes += raw.text.len();
                part.push(document(raw, lexicon));
                if bytes >= PART_BYTES {
                    sent = true;
                    if !send(Part::Documents(std::mem::take(&mut part))) {
                        return;
                    }
                    bytes = 0;
                }
            }
            Ok(None) => break,
            // Documents of the file were written already, so it cannot be passed over with
            // what the index had of it kept: the run fails, and commits nothing.
            Err(e) if sent => {
                let _ = tx.send(Err(e));
                return;
            }
            Err(e) => {
                send(Part::Skipped(skip(task.path(), &e)));
                return;
            }
        }
    }
    match records.finish() {
        Ok((hash, warnings)) => {
            if !part.is_empty() && !send(Part::Documents(part)) {
                return;
            }
            send(Part::End { hash, warnings });
        }
        // Not one document: nothing was sent.
        Err(e) => {
            send(Part::Skipped(skip(task.path(), &e)));
        }
    }
}

/// Bytes of PDF text the lexicon pass keeps for the second pass, at most.
pub(super) const KEEP_PDF_TEXT: usize = 64 << 20;

/// What the lexicon pass extracted from PDFs, kept for the second pass: pdftotext is by far
/// the dearest way a file is read, and reading every file twice would run it twice. Up to
/// [`KEEP_PDF_TEXT`] bytes of text; PDFs beyond that are extracted again.
#[derive(Default)]
pub(super) struct KeptPdfs {
    bytes: usize,
    files: FxHashMap<PathBuf, (u64, Vec<RawDocument>)>,
}

impl KeptPdfs {
    /// Keeps a PDF's documents (and the hash of its bytes), if there is room.
    pub(super) fn offer(&mut self, path: &Path, hash: u64, docs: Vec<RawDocument>) {
        let size: usize = docs.iter().map(|d| d.text.len()).sum();
        if self.bytes + size <= KEEP_PDF_TEXT {
            self.bytes += size;
            self.files.insert(path.to_path_buf(), (hash, docs));
        }
    }

    /// What was kept of the file at `path`, handed over once.
    pub(super) fn take(&mut self, path: &Path) -> Option<(u64, Vec<RawDocument>)> {
        self.files.remove(path)
    }
}

pub(super) fn skip(path: &Path, e: &Error) -> Skipped {
    let reason = match e {
        Error::Io { error, .. } => error.to_string(),
        Error::BadInput { reason, .. } => reason.clone(),
        other => other.to_string(),
    };
    Skipped {
        path: path.to_path_buf(),
        reason,
    }
}
