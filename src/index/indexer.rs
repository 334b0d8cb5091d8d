//! Indexing folders: walk, read and normalize in parallel, write through one writer, and on an
//! existing index only what changed.
//!
//! The [`Manifest`] of the last commit says which files the index holds and as they were then;
//! files whose size and modification time are unchanged are not read at all. What is new or
//! changed goes through two passes. The first counts its words into the corpus [`Lexicon`]
//! (the evidence dehyphenation decides with); the second normalizes with that evidence,
//! extracts metadata, splits passages and hands each file's documents to the writer. Files are
//! read twice rather than held in memory, so memory does not grow with the corpus. Documents
//! of files that are gone are removed; the new manifest is committed with the documents.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::manifest::{hash_bytes, Manifest, SourceFile, Stamp, Written};
use super::writer::key_hash;
use super::{Index, Writer};
use crate::normalize::{normalize_chars, Lexicon};
use crate::read::{pdftotext_available, read_file, read_source, sidecar, Format};
use crate::walk::{find_files, Skipped};
use crate::{Document, Error, Result};

/// Which pass the indexer is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Counting the corpus's words.
    Scanning,
    /// Normalizing and indexing.
    Indexing,
}

/// A progress report, sent after every file.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// The pass.
    pub phase: Phase,
    /// Files done in this pass.
    pub files_done: u64,
    /// Files in all.
    pub files_total: u64,
    /// Bytes read in this pass.
    pub bytes_done: u64,
    /// Bytes in all.
    pub bytes_total: u64,
}

/// How to index.
#[derive(Default)]
pub struct IndexOptions<'a> {
    /// Called after every file, from the indexing threads.
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
    /// A file that cannot be read fails the run: nothing is committed, and the error is
    /// [`Error::Incomplete`].
    pub strict: bool,
}

/// What an indexing run did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct IndexReport {
    /// Supported files found.
    pub files: usize,
    /// Files new to the index.
    pub added: usize,
    /// Files changed since they were indexed (or whose sidecar changed), indexed again.
    pub changed: usize,
    /// Files indexed before that are gone; their documents were removed.
    pub removed: usize,
    /// Files unchanged since they were indexed, not read.
    pub unchanged: usize,
    /// Documents written.
    pub documents: usize,
    /// Passages written.
    pub passages: usize,
    /// Bytes of the files read.
    pub bytes: u64,
    /// Files not indexed, with the reason. What the index had of them is kept.
    pub skipped: Vec<Skipped>,
    /// Files of formats kamerzoek does not read, passed over.
    pub ignored: Vec<PathBuf>,
    /// PDFs passed over because `pdftotext` is not installed.
    pub pdf_without_pdftotext: Vec<PathBuf>,
    /// Files indexed with a problem worth knowing (bad encoding, XML broken off).
    pub warnings: Vec<Skipped>,
    /// Documents that another file has too (the same id, or the same text); the richer one
    /// is kept.
    pub duplicates: Vec<Skipped>,
    /// Wall time in seconds.
    pub seconds: f64,
}

/// A file to read in this run.
///
/// There is one per file of the corpus, held through both passes: it is kept small, and the
/// duplicate bookkeeping shares its path rather than copying it.
struct Task {
    /// The path as the manifest keys it.
    canon: Arc<Path>,
    /// The path as found, where it differs from `canon` (a relative root, a link).
    found: Option<PathBuf>,
    stamp: Stamp,
}

impl Task {
    fn new(found: PathBuf, canon: PathBuf, stamp: Stamp) -> Task {
        let found = (found != canon).then_some(found);
        Task {
            canon: canon.into(),
            found,
            stamp,
        }
    }

    /// The path to read, and to name in messages.
    fn path(&self) -> &Path {
        self.found.as_deref().unwrap_or(&self.canon)
    }

    fn size(&self) -> u64 {
        self.stamp.size
    }
}

/// What the second pass made of one file.
type FileResult = std::result::Result<(Vec<(Document, Vec<String>)>, u64), Skipped>;

impl Index {
    /// Indexes every supported file below `roots` (files or folders) and commits. On an index
    /// that has files already, only new and changed files are read, and the documents of files
    /// that are gone from below `roots` are removed.
    ///
    /// A file that cannot be read is reported in [`IndexReport::skipped`] and the run goes on;
    /// what the index held of it stays. An error is returned only when the index itself fails
    /// (locked, disk full); then nothing of the run is committed.
    ///
    /// ```
    /// let index = kamerzoek::Index::create_in_ram().unwrap();
    /// let report = index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// assert!(report.documents >= 6);
    /// let again = index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// assert_eq!((again.documents, again.unchanged), (0, report.files));
    /// ```
    pub fn index_paths<P: AsRef<Path> + Sync>(
        &self,
        roots: &[P],
        options: &IndexOptions<'_>,
    ) -> Result<IndexReport> {
        let started = Instant::now();
        let found = find_files(roots);
        let mut report = IndexReport {
            files: found.files.len(),
            skipped: found.skipped,
            ignored: found.ignored,
            ..IndexReport::default()
        };
        // Taken, not copied: a run holds one manifest, the one it builds. Should the run fail,
        // the next use reads the committed one again.
        let previous = self.take_manifest()?;
        let plan = plan(found.files, roots, &previous, &mut report);
        if plan.tasks.is_empty() && plan.removed.is_empty() {
            strict_check(options, &report)?;
            report.seconds = started.elapsed().as_secs_f64();
            return Ok(report);
        }
        let tasks = plan.tasks;
        let bytes_total: u64 = tasks.iter().map(Task::size).sum();
        let files_total = tasks.len() as u64;
        let tick = |phase: Phase, files: &AtomicU64, bytes: &AtomicU64, size: u64| {
            let files_done = files.fetch_add(1, Ordering::Relaxed) + 1;
            let bytes_done = bytes.fetch_add(size, Ordering::Relaxed) + size;
            if let Some(p) = options.progress {
                p(Progress {
                    phase,
                    files_done,
                    files_total,
                    bytes_done,
                    bytes_total,
                });
            }
        };

        // Pass 1: the lexicon. Files that cannot be read are reported here, once.
        let (files_done, bytes_done) = (AtomicU64::new(0), AtomicU64::new(0));
        let (lexicon, failures) = tasks
            .par_iter()
            .fold(
                || (Lexicon::default(), Vec::new()),
                |(mut lex, mut failed), task| {
                    match read_file(task.path()) {
                        Ok(docs) => {
                            for raw in &docs {
                                lex.add_text(&normalize_chars(&raw.text));
                            }
                        }
                        Err(e) => failed.push(skip(task.path(), &e)),
                    }
                    tick(Phase::Scanning, &files_done, &bytes_done, task.size());
                    (lex, failed)
                },
            )
            .reduce(
                || (Lexicon::default(), Vec::new()),
                |(mut a, mut fa), (b, mut fb)| {
                    a.merge(b);
                    fa.append(&mut fb);
                    (a, fa)
                },
            );
        let failed: HashSet<PathBuf> = failures.iter().map(|s| s.path.clone()).collect();
        report.skipped.extend(failures);
        self.merge_lexicon(lexicon)?;

        // Pass 2: documents, built in parallel, written in this thread one file at a time.
        let mut writer = self.writer()?;
        let mut next = previous;
        for canon in &plan.removed {
            if let Some(gone) = next.sources.remove(canon) {
                for d in &gone.documents {
                    writer.remove(&d.key);
                }
            }
        }
        let mut owners = Owners::of(&next, &plan.removed);
        let (files_done, bytes_done) = (AtomicU64::new(0), AtomicU64::new(0));
        let (tx, rx) = mpsc::sync_channel::<(usize, FileResult)>(32);
        let write_result: Result<()> = std::thread::scope(|scope| {
            let tasks = &tasks;
            let failed = &failed;
            let tick = &tick;
            let (files_done, bytes_done) = (&files_done, &bytes_done);
            scope.spawn(move || {
                self.with_lexicon(|lexicon| {
                    tasks
                        .par_iter()
                        .enumerate()
                        .for_each_with(tx, |tx, (n, task)| {
                            if !failed.contains(task.path()) {
                                // The receiver only goes away when writing failed; then there
                                // is nothing left to do with this file.
                                let _ = tx.send((n, build(task, lexicon)));
                            }
                            tick(Phase::Indexing, files_done, bytes_done, task.size());
                        });
                });
            });
            for (n, result) in rx {
                let task = &tasks[n];
                match result {
                    // What the index had of the file stays, and so does its manifest entry.
                    Err(skipped) => report.skipped.push(skipped),
                    Ok((docs, hash)) => {
                        write_file(
                            task,
                            docs,
                            hash,
                            &mut writer,
                            &mut next,
                            &mut owners,
                            &mut report,
                        )?;
                    }
                }
            }
            Ok(())
        });
        write_result?;
        // Dropping the writer without a commit throws away what it wrote.
        strict_check(options, &report)?;
        writer.commit_with(next)?;
        report.bytes = bytes_total;
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }
}

/// In a strict run, a file that could not be read is an error.
fn strict_check(options: &IndexOptions<'_>, report: &IndexReport) -> Result<()> {
    match report.skipped.first() {
        Some(first) if options.strict => Err(Error::Incomplete {
            count: report.skipped.len(),
            first: first.path.clone(),
            reason: first.reason.clone(),
        }),
        _ => Ok(()),
    }
}

/// What a run has to do.
struct Plan {
    /// Files to read: new, changed, or standing behind a duplicate that went.
    tasks: Vec<Task>,
    /// Canonical paths of files gone from below the roots.
    removed: Vec<PathBuf>,
}

/// Compares the files found with the manifest.
fn plan<P: AsRef<Path>>(
    files: Vec<PathBuf>,
    roots: &[P],
    previous: &Manifest,
    report: &mut IndexReport,
) -> Plan {
    let mut tasks = Vec::new();
    let mut seen = HashSet::new();
    for path in files {
        let canon = canonical(&path);
        if !seen.insert(canon.clone()) {
            continue;
        }
        let side = sidecar::find(&path);
        let stamp = match Stamp::of(&path, side.as_deref()) {
            Ok(s) => s,
            Err(e) => {
                report.skipped.push(Skipped {
                    path,
                    reason: format!("cannot be read: {e}"),
                });
                continue;
            }
        };
        // Not the file's fault: the machine lacks the tool. Said once, and not a skip.
        if Format::detect(&path, b"") == Some(Format::Pdf) && !pdftotext_available() {
            report.pdf_without_pdftotext.push(path);
            continue;
        }
        if let Some(reason) = crate::read::too_large(&path, stamp.size) {
            report.skipped.push(Skipped { path, reason });
            continue;
        }
        match previous.sources.get(&canon) {
            Some(old) if old.stamp == stamp => {
                report.unchanged += 1;
                continue;
            }
            Some(_) => report.changed += 1,
            None => report.added += 1,
        }
        tasks.push(Task::new(path, canon, stamp));
    }
    // Gone: indexed from below one of these roots, and no longer there. A file that is there
    // but could not be listed (permissions) is not gone.
    let roots: Vec<PathBuf> = roots.iter().map(|r| canonical(r.as_ref())).collect();
    let removed: Vec<PathBuf> = previous
        .sources
        .keys()
        .filter(|p| !seen.contains(*p) && roots.iter().any(|r| p.starts_with(r)) && !p.exists())
        .cloned()
        .collect();
    report.removed = removed.len();
    // A file that stood behind a richer duplicate comes back when that duplicate goes or changes.
    let freed: HashSet<&str> = removed
        .iter()
        .map(PathBuf::as_path)
        .chain(tasks.iter().map(|t| &*t.canon))
        .filter_map(|p| previous.sources.get(p))
        .flat_map(|s| s.documents.iter().map(|d| d.key.as_str()))
        .collect();
    let queued: HashSet<Arc<Path>> = tasks.iter().map(|t| t.canon.clone()).collect();
    let gone: HashSet<&PathBuf> = removed.iter().collect();
    for (canon, source) in &previous.sources {
        let returns = !queued.contains(canon.as_path())
            && !gone.contains(canon)
            && source.shadowed.iter().any(|k| freed.contains(k.as_str()));
        if returns {
            if let Ok(stamp) = Stamp::of(canon, sidecar::find(canon).as_deref()) {
                report.unchanged = report.unchanged.saturating_sub(1);
                report.changed += 1;
                tasks.push(Task::new(canon.clone(), canon.clone(), stamp));
            }
        }
    }
    Plan { tasks, removed }
}

/// Reads one file into documents, with the hash of its bytes.
fn build(task: &Task, lexicon: &Lexicon) -> FileResult {
    let bytes =
        std::fs::read(task.path()).map_err(|e| skip(task.path(), &Error::io(task.path(), e)))?;
    let hash = hash_bytes(&bytes);
    let docs = read_source(task.path(), &bytes)
        .map_err(|e| skip(task.path(), &e))?
        .into_iter()
        .map(|raw| {
            let warnings = raw.warnings.clone();
            (Document::from_raw(raw, lexicon), warnings)
        })
        .collect();
    Ok((docs, hash))
}

/// Who holds each key, and which key holds each text, to resolve duplicates.
///
/// One entry per document of the corpus, so a small one: keys are known by their hash, whose
/// key the holder's manifest entry has (and a hash whose key is not there is a collision, not a
/// duplicate); holders share their path with the run's tasks.
struct Owners {
    /// By key hash: the source holding the key, and the document's richness.
    by_key: FxHashMap<u64, (Arc<Path>, u64)>,
    /// By text hash: the hash of the key holding the text.
    by_text: FxHashMap<u64, u64>,
    /// Passages of the documents written in this run, by key hash.
    this_run: FxHashMap<u64, usize>,
}

impl Owners {
    fn of(manifest: &Manifest, removed: &[PathBuf]) -> Owners {
        let mut owners = Owners {
            by_key: FxHashMap::default(),
            by_text: FxHashMap::default(),
            this_run: FxHashMap::default(),
        };
        let removed: HashSet<&PathBuf> = removed.iter().collect();
        for (canon, source) in &manifest.sources {
            if removed.contains(canon) {
                continue;
            }
            let canon: Arc<Path> = canon.as_path().into();
            for d in &source.documents {
                owners.insert(d, &canon);
            }
        }
        owners
    }

    fn insert(&mut self, d: &Written, source: &Arc<Path>) {
        let key = key_hash(&d.key);
        self.by_key.insert(key, (source.clone(), d.richness));
        if d.text_hash != EMPTY_TEXT {
            self.by_text.insert(d.text_hash, key);
        }
    }

    /// The document already in the index that `d` is a copy of: one with its key, or one with
    /// its text where either of them is known only by its path. `current` is the manifest entry
    /// being built for the file `d` is from.
    fn holder(
        &self,
        d: &Written,
        file: &Path,
        current: &SourceFile,
        next: &Manifest,
    ) -> Option<(String, Arc<Path>, u64)> {
        // The key as the holder's entry has it. The file being written holds only what it
        // wrote in this run: what it held before is its own old version.
        let key_of = |hash: u64, source: &Path| -> Option<String> {
            let keys: Box<dyn Iterator<Item = &String>> = if source == file {
                Box::new(current.documents.iter().map(|w| &w.key))
            } else {
                let entry = next.sources.get(source)?;
                Box::new(
                    entry
                        .documents
                        .iter()
                        .map(|w| &w.key)
                        .chain(&entry.shadowed),
                )
            };
            keys.into_iter().find(|k| key_hash(k) == hash).cloned()
        };
        let hash = key_hash(&d.key);
        if let Some((source, richness)) = self.by_key.get(&hash) {
            if **source == *file && !current.documents.iter().any(|w| w.key == d.key) {
                // The file's own earlier version of the document: not a copy of anything.
                return None;
            }
            if let Some(key) = key_of(hash, source).filter(|k| *k == d.key) {
                return Some((key, source.clone(), *richness));
            }
        }
        let other = *self.by_text.get(&d.text_hash)?;
        let (source, richness) = self.by_key.get(&other)?;
        let other = key_of(other, source)?;
        if !(d.key.starts_with("path:") || other.starts_with("path:")) {
            // Two Kamerstukken with the same words are still two Kamerstukken.
            return None;
        }
        Some((other, source.clone(), *richness))
    }
}

const EMPTY_TEXT: u64 = 0;

/// Writes one file's documents, resolving duplicates, and records the file in the manifest.
fn write_file(
    task: &Task,
    docs: Vec<(Document, Vec<String>)>,
    hash: u64,
    writer: &mut Writer<'_>,
    next: &mut Manifest,
    owners: &mut Owners,
    report: &mut IndexReport,
) -> Result<()> {
    let old = next.sources.remove(&*task.canon);
    let mut entry = SourceFile {
        stamp: task.stamp,
        hash,
        documents: Vec::new(),
        shadowed: Vec::new(),
    };
    for (doc, warnings) in docs {
        report
            .warnings
            .extend(warnings.into_iter().map(|reason| Skipped {
                path: task.path().to_path_buf(),
                reason,
            }));
        let text = doc.text();
        let written = Written {
            key: doc.key(),
            richness: richness(&doc, &text),
            text_hash: if text.trim().is_empty() {
                EMPTY_TEXT
            } else {
                hash_bytes(text.as_bytes()).max(1)
            },
        };
        if let Some((key, source, richness)) = owners.holder(&written, &task.canon, &entry, next) {
            let what = if key == written.key {
                format!("same id {key} as")
            } else {
                "same text as".to_string()
            };
            if richness >= written.richness {
                report.duplicates.push(Skipped {
                    path: task.path().to_path_buf(),
                    reason: format!(
                        "{what} {}, which has as much or more; kept that one",
                        source.display()
                    ),
                });
                entry.shadowed.push(key);
                continue;
            }
            report.duplicates.push(Skipped {
                path: source.to_path_buf(),
                reason: format!(
                    "{what} {}, which has more; kept that one",
                    task.path().display()
                ),
            });
            if key != written.key {
                writer.remove(&key);
            }
            // The poorer copy's file now stands behind this one.
            if source == task.canon {
                entry.documents.retain(|d| d.key != key);
            } else if let Some(s) = next.sources.get_mut(&*source) {
                s.documents.retain(|d| d.key != key);
                s.shadowed.push(key.clone());
            }
            // Replaced before the run is over: it does not count as written.
            if let Some(passages) = owners.this_run.remove(&key_hash(&key)) {
                report.documents -= 1;
                report.passages -= passages;
            }
        }
        let passages = writer.add(&doc)?;
        owners.insert(&written, &task.canon);
        owners.this_run.insert(key_hash(&written.key), passages);
        entry.documents.push(written);
        report.documents += 1;
        report.passages += passages;
    }
    // Documents the file had before and has no more (a record taken out of a JSON lines file).
    if let Some(old) = old {
        for d in old.documents {
            let kept =
                entry.documents.iter().any(|n| n.key == d.key) || entry.shadowed.contains(&d.key);
            if !kept {
                writer.remove(&d.key);
                owners.by_key.remove(&key_hash(&d.key));
            }
        }
    }
    next.sources.insert(task.canon.to_path_buf(), entry);
    Ok(())
}

/// The path as the manifest keys it: absolute and without links, when the file exists.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// How much a document has to offer: metadata fields found, then text length.
fn richness(doc: &Document, text: &str) -> u64 {
    doc.meta.sources.len() as u64 * 1_000_000 + (text.len() as u64).min(999_999)
}

fn skip(path: &Path, e: &Error) -> Skipped {
    let reason = match e {
        Error::Io { source, .. } => source.to_string(),
        Error::BadInput { reason, .. } => reason.clone(),
        other => other.to_string(),
    };
    Skipped {
        path: path.to_path_buf(),
        reason,
    }
}
