//! Indexing folders: walk, read and normalize in parallel, write through one writer, and on an
//! existing index only what changed.
//!
//! The [`Manifest`] of the last commit says which files the index holds and as they were then;
//! files whose size and modification time are unchanged are not read at all. What is new or
//! changed goes through two passes. The first counts its words into the corpus [`Lexicon`]
//! (the evidence dehyphenation decides with); the second normalizes with that evidence,
//! extracts metadata, splits passages and hands each file's documents to the writer. Files are
//! read twice rather than held in memory, and what a run keeps of every file (the manifest, the
//! list of files for the second pass) is on disk, so memory does not grow with the corpus.
//! Documents of files that are gone are removed; the new manifest is committed with the
//! documents.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::manifest::{
    hash_bytes, path_id, Lookup, Manifest, NextManifest, Slot, SourceFile, Stamp, Written,
};
use super::writer::key_hash;
use super::{Index, Writer};
use crate::document::is_path_key;
use crate::normalize::{normalize_chars, Lexicon};
use crate::read::{
    file_bytes, pdftotext_available, read_source, read_text, sidecar, Format, RawDocument,
};
use crate::walk::{find_files_following, Skipped};
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
    /// Follow symbolic links that lead out of the roots too (see [`crate::walk::find_files`]).
    pub follow_links: bool,
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
    /// Symbolic links that lead out of the roots, not followed (see
    /// [`IndexOptions::follow_links`]).
    pub outside_links: Vec<Skipped>,
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
/// There is one per file to read: held in memory through the first pass, in a [`Spool`]
/// through the second.
#[derive(serde::Serialize, serde::Deserialize)]
struct Task {
    /// The path as the manifest keys it.
    canon: PathBuf,
    /// The path as found, where it differs from `canon` (a relative root, a link).
    found: Option<PathBuf>,
    stamp: Stamp,
    /// New to the index (else changed): what the report counts it as if it is read.
    new: bool,
}

impl Task {
    fn new(found: PathBuf, canon: PathBuf, stamp: Stamp, new: bool) -> Task {
        let found = (found != canon).then_some(found);
        Task {
            canon,
            found,
            stamp,
            new,
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

/// The tasks of a run in a temporary file (gone when dropped), read back as an iterator.
struct Spool {
    lines: std::io::Lines<BufReader<File>>,
    path: PathBuf,
}

impl Spool {
    fn write(tasks: &[Task], dir: &Path) -> Result<Spool> {
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
    /// // Every file is unchanged, but for PDFs on a machine without pdftotext.
    /// assert_eq!(again.documents, 0);
    /// assert_eq!(again.unchanged, report.files - report.pdf_without_pdftotext.len());
    /// ```
    pub fn index_paths<P: AsRef<Path> + Sync>(
        &self,
        roots: &[P],
        options: &IndexOptions<'_>,
    ) -> Result<IndexReport> {
        let started = Instant::now();
        let found = find_files_following(roots, options.follow_links);
        let mut report = IndexReport {
            files: found.files.len(),
            skipped: found.skipped,
            ignored: found.ignored,
            outside_links: found.outside_links,
            ..IndexReport::default()
        };
        let previous = self.manifest()?;
        let plan = plan(found.files, roots, &previous, &mut report)?;
        // A manifest converted from an earlier kamerzoek's is committed even when nothing
        // changed, so that it is converted once.
        if plan.tasks.is_empty() && plan.removed.is_empty() && !previous.converted {
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

        // Pass 1: the lexicon. Files that cannot be read are reported here, once. Largest
        // first: a large file left for last keeps one core busy while the others wait (a
        // corpus of JSON-lines shards spent a tenth of its indexing so).
        let (files_done, bytes_done) = (AtomicU64::new(0), AtomicU64::new(0));
        let mut largest_first: Vec<&Task> = tasks.iter().collect();
        largest_first.sort_by_key(|t| std::cmp::Reverse(t.size()));
        let kept = Mutex::new(KeptPdfs::default());
        let (new_words, failures) = largest_first
            .par_iter()
            .fold(
                || (Lexicon::default(), Vec::new()),
                |(mut lex, mut failed), task| {
                    match count_words(task.path(), &mut lex) {
                        Ok(Some((hash, docs))) => {
                            let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
                            kept.offer(task.path(), hash, docs);
                        }
                        Ok(None) => {}
                        Err(e) => failed.push((skip(task.path(), &e), task.new)),
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
        let failed: HashSet<PathBuf> = failures.iter().map(|(s, _)| s.path.clone()).collect();
        for (skipped, new) in failures {
            report.not_read(skipped, new);
        }
        // The run's lexicon: the index's words and this run's. It becomes the index's with the
        // commit, and only then: a run that fails or is killed leaves the index's as it was.
        let mut lexicon = self.lexicon();
        lexicon.merge(new_words);

        let mut writer = self.writer()?;
        // Compounds are split with the words the corpus now knows.
        self.stage_lexicon(&lexicon);
        let written = self.write_documents(
            Run {
                tasks,
                removed: &plan.removed,
                previous,
                failed: &failed,
                kept: &kept,
                lexicon: &lexicon,
                tick: &tick,
                options,
            },
            &mut writer,
            &mut report,
        );
        if let Err(e) = written {
            // Nothing of the run may stay behind: not its manifest, not its segments. While
            // the writer's lock is held, no other run's manifest is there to be taken for it.
            if let Ok(dir) = self.manifest_dir() {
                Manifest::clean(&dir, self.payload().as_deref().unwrap_or_default());
            }
            writer.abandon();
            self.unstage_lexicon();
            return Err(e);
        }
        self.install_lexicon(lexicon);
        report.bytes = bytes_total;
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }

    /// Pass 2 of a run, and its commit: the documents of every file to read, built in
    /// parallel and written in this thread one file at a time, with the run's manifest and
    /// lexicon.
    fn write_documents(
        &self,
        run: Run<'_>,
        writer: &mut Writer<'_>,
        report: &mut IndexReport,
    ) -> Result<()> {
        let Run {
            tasks,
            removed,
            previous,
            failed,
            kept,
            lexicon,
            tick,
            options,
        } = run;
        let dir = self.manifest_dir()?;
        let mut next = NextManifest::new(previous, &dir)?;
        for canon in removed {
            if let Some(gone) = next.take(canon)? {
                for d in &gone.documents {
                    writer.remove(&d.key);
                }
            }
        }
        let mut owners = Owners::default();
        // The second pass reads its tasks back from a file: memory peaks in this pass, and
        // the list, a path and a stamp for every file, grows with the corpus.
        let spool = Spool::write(&tasks, &dir)?;
        drop(tasks);
        let (files_done, bytes_done) = (AtomicU64::new(0), AtomicU64::new(0));
        let (tx, rx) = mpsc::sync_channel::<Result<(Task, FileResult)>>(32);
        std::thread::scope(|scope| -> Result<()> {
            let (files_done, bytes_done) = (&files_done, &bytes_done);
            scope.spawn(move || {
                spool.par_bridge().for_each_with(tx, |tx, task| {
                    // The receiver only goes away when writing failed; then there is nothing
                    // left to do with this file.
                    let task = match task {
                        Ok(task) => task,
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    };
                    let size = task.size();
                    if !failed.contains(task.path()) {
                        let read = kept
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .take(task.path());
                        let result = build(&task, read, lexicon);
                        let _ = tx.send(Ok((task, result)));
                    }
                    tick(Phase::Indexing, files_done, bytes_done, size);
                });
            });
            for message in rx {
                let (task, result) = message?;
                match result {
                    // What the index had of the file stays, and so does its manifest entry.
                    Err(skipped) => report.not_read(skipped, task.new),
                    Ok((docs, hash)) => {
                        write_file(&task, docs, hash, writer, &mut next, &mut owners, report)?;
                    }
                }
            }
            Ok(())
        })?;
        // Dropping the writer without a commit throws away what it wrote.
        strict_check(options, report)?;
        let (name, _) = next.finish()?;
        let lexicon_file = super::manifest::lexicon_path(&dir, &name);
        super::write_json(&lexicon_file, lexicon, "the lexicon")?;
        writer.commit_with(name)
    }
}

/// What the second pass of a run works from.
struct Run<'a> {
    tasks: Vec<Task>,
    removed: &'a [PathBuf],
    previous: Manifest,
    failed: &'a HashSet<PathBuf>,
    kept: &'a Mutex<KeptPdfs>,
    lexicon: &'a Lexicon,
    tick: &'a (dyn Fn(Phase, &AtomicU64, &AtomicU64, u64) + Sync),
    options: &'a IndexOptions<'a>,
}

impl IndexReport {
    /// A file the run meant to read and could not: skipped, and neither new nor changed.
    fn not_read(&mut self, skipped: Skipped, new: bool) {
        let count = if new {
            &mut self.added
        } else {
            &mut self.changed
        };
        *count = count.saturating_sub(1);
        self.skipped.push(skipped);
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
) -> Result<Plan> {
    let mut tasks = Vec::new();
    // Path ids, not paths: this set has every file of the corpus.
    let mut seen = FxHashSet::default();
    // Keys the tasks' files had: documents that were indexed from them may now come from
    // another file.
    let mut freed: FxHashMap<u64, String> = FxHashMap::default();
    for path in files {
        let canon = canonical(&path);
        if !seen.insert(path_id(&canon)) {
            continue;
        }
        if canon.to_str().is_none() || path.to_str().is_none() {
            report.skipped.push(Skipped {
                path,
                reason: "its name is not valid UTF-8, which the index's list of files cannot hold"
                    .into(),
            });
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
        let new = match previous.get(&canon)? {
            Some(old) if old.stamp == stamp => {
                report.unchanged += 1;
                continue;
            }
            Some(old) => {
                report.changed += 1;
                free(&mut freed, &old);
                false
            }
            None => {
                report.added += 1;
                true
            }
        };
        tasks.push(Task::new(path, canon, stamp, new));
    }
    // Gone: indexed from below one of these roots, and no longer there. A file that is there
    // but could not be listed (permissions) is not gone.
    let roots: Vec<PathBuf> = roots.iter().map(|r| canonical(r.as_ref())).collect();
    let mut removed = Vec::new();
    let mut gone = FxHashSet::default();
    for id in previous.path_ids().filter(|id| !seen.contains(id)) {
        for source in previous.by_id(id)? {
            let p = &source.path;
            // Gone only when the file system says so: a file in a folder that cannot be read
            // now is still there.
            let is_gone = matches!(p.try_exists(), Ok(false));
            if roots.iter().any(|r| p.starts_with(r)) && is_gone {
                free(&mut freed, &source);
                gone.insert(id);
                removed.push(source.path);
            }
        }
    }
    report.removed = removed.len();
    // A file that stood behind a richer duplicate comes back when that duplicate goes or changes.
    let mut queued: FxHashSet<u128> = tasks.iter().map(|t| path_id(&t.canon)).collect();
    for (hash, key) in &freed {
        for source in previous.shadowing(*hash)? {
            let id = path_id(&source.path);
            if gone.contains(&id) || queued.contains(&id) || !source.shadowed.contains(key) {
                continue;
            }
            if let Ok(stamp) = Stamp::of(&source.path, sidecar::find(&source.path).as_deref()) {
                queued.insert(id);
                report.unchanged = report.unchanged.saturating_sub(1);
                report.changed += 1;
                tasks.push(Task::new(source.path.clone(), source.path, stamp, false));
            }
        }
    }
    Ok(Plan { tasks, removed })
}

/// Notes the keys of `source`'s documents as free to be taken up by another file.
fn free(freed: &mut FxHashMap<u64, String>, source: &SourceFile) {
    for d in &source.documents {
        freed.insert(key_hash(&d.key), d.key.clone());
    }
}

/// Counts the words of the file at `path` into `lexicon`. Only the text is read, without
/// metadata or sidecar, except from a PDF: extracting its text is the dear part, so it is read
/// whole, and its documents (with the hash of its bytes) are returned for the second pass.
fn count_words(path: &Path, lexicon: &mut Lexicon) -> Result<Option<(u64, Vec<RawDocument>)>> {
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
fn build(task: &Task, read: Option<(u64, Vec<RawDocument>)>, lexicon: &Lexicon) -> FileResult {
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
            let warnings = raw.warnings.clone();
            (Document::from_raw(raw, lexicon), warnings)
        })
        .collect();
    Ok((docs, hash))
}

/// Bytes of PDF text the lexicon pass keeps for the second pass, at most.
const KEEP_PDF_TEXT: usize = 64 << 20;

/// What the lexicon pass extracted from PDFs, kept for the second pass: pdftotext is by far
/// the dearest way a file is read, and reading every file twice would run it twice. Up to
/// [`KEEP_PDF_TEXT`] bytes of text; PDFs beyond that are extracted again.
#[derive(Default)]
struct KeptPdfs {
    bytes: usize,
    files: FxHashMap<PathBuf, (u64, Vec<RawDocument>)>,
}

impl KeptPdfs {
    /// Keeps a PDF's documents (and the hash of its bytes), if there is room.
    fn offer(&mut self, path: &Path, hash: u64, docs: Vec<RawDocument>) {
        let size: usize = docs.iter().map(|d| d.text.len()).sum();
        if self.bytes + size <= KEEP_PDF_TEXT {
            self.bytes += size;
            self.files.insert(path.to_path_buf(), (hash, docs));
        }
    }

    /// What was kept of the file at `path`, handed over once.
    fn take(&mut self, path: &Path) -> Option<(u64, Vec<RawDocument>)> {
        self.files.remove(path)
    }
}

/// Who holds each key, and which key holds each text, to resolve duplicates: what this run
/// wrote, on top of the manifest of the last commit (whose sources the run did not touch
/// hold what they held).
///
/// Sixteen bytes or so per document written in this run: keys and texts are known by their
/// hash, sources by their [`Slot`] in the manifest being built, and the rest (the key itself,
/// the path, the richness) is read from the holder's manifest record when a hash matches.
#[derive(Default)]
struct Owners {
    /// By key hash: who holds the key, or [`Holding::NOBODY`] where the run took it out.
    by_key: FxHashMap<u64, Holding>,
    /// By text hash: the hash of the key holding the text, and whether that key is a path
    /// (only then can a copy be one, see [`Owners::holder`]).
    by_text: FxHashMap<u64, (u64, bool)>,
}

#[derive(Clone, Copy)]
struct Holding {
    slot: Slot,
    /// Passages of a document written in this run, else [`Holding::EARLIER`].
    passages: u32,
}

impl Holding {
    const NOBODY: Holding = Holding {
        slot: Slot::MAX,
        passages: Holding::EARLIER,
    };
    const EARLIER: u32 = u32::MAX;
}

/// Who holds a key.
enum KeyHolder {
    Nobody,
    Source(Found),
    /// The file being written, before this run: its own earlier version.
    OwnEarlierVersion,
}

/// A document already in the index, as duplicate resolution finds it.
struct Found {
    /// The key as its holder has it.
    key: String,
    source: PathBuf,
    richness: u64,
}

impl Found {
    /// The key with hash `hash` among `source`'s documents, or among the keys it stands
    /// behind (richness 0: that document is not in the index).
    fn in_source(hash: u64, source: SourceFile) -> Option<Found> {
        let (key, richness) = match source.documents.iter().find(|w| key_hash(&w.key) == hash) {
            Some(w) => (w.key.clone(), w.richness),
            None => (
                source
                    .shadowed
                    .iter()
                    .find(|k| key_hash(k) == hash)?
                    .clone(),
                0,
            ),
        };
        Some(Found {
            key,
            source: source.path,
            richness,
        })
    }
}

impl Owners {
    fn insert(&mut self, d: &Written, slot: Slot, passages: Option<usize>) {
        let key = key_hash(&d.key);
        let passages = passages.map_or(Holding::EARLIER, |p| {
            u32::try_from(p).unwrap_or(Holding::EARLIER - 1)
        });
        self.by_key.insert(key, Holding { slot, passages });
        if d.text_hash != EMPTY_TEXT {
            self.by_text.insert(d.text_hash, (key, is_path_key(&d.key)));
        }
    }

    /// Who holds the key with hash `hash`: this run's word, else the last commit's source
    /// that this run left alone. `current` is the entry being built for `file`, the file
    /// being written (in `slot`), which holds only what it wrote in this run.
    fn key_holder(
        &self,
        hash: u64,
        (file, slot, current): (&Path, Slot, &SourceFile),
        next: &mut NextManifest,
    ) -> Result<KeyHolder> {
        if let Some(h) = self.by_key.get(&hash) {
            if h.slot == slot {
                let own = current.documents.iter().find(|w| key_hash(&w.key) == hash);
                return Ok(match own {
                    Some(w) => KeyHolder::Source(Found {
                        key: w.key.clone(),
                        source: file.to_path_buf(),
                        richness: w.richness,
                    }),
                    None => KeyHolder::OwnEarlierVersion,
                });
            }
            let found = match next.record(h.slot)? {
                Some(source) => Found::in_source(hash, source),
                None => None,
            };
            return Ok(found.map_or(KeyHolder::Nobody, KeyHolder::Source));
        }
        let held = next.base_with(Lookup::Key, hash, file)?;
        if held.own {
            return Ok(KeyHolder::OwnEarlierVersion);
        }
        for source in held.others {
            if let Some(found) = Found::in_source(hash, source) {
                return Ok(KeyHolder::Source(found));
            }
        }
        Ok(KeyHolder::Nobody)
    }

    /// The document already in the index that `d` is a copy of: one with its key, or one with
    /// its text where either of them is known only by its path.
    fn holder(
        &self,
        d: &Written,
        file: (&Path, Slot, &SourceFile),
        next: &mut NextManifest,
    ) -> Result<Option<Found>> {
        match self.key_holder(key_hash(&d.key), file, next)? {
            // The file's own earlier version of the document: not a copy of anything.
            KeyHolder::OwnEarlierVersion => return Ok(None),
            KeyHolder::Source(found) if found.key == d.key => return Ok(Some(found)),
            // Another key with the same hash.
            KeyHolder::Source(_) | KeyHolder::Nobody => {}
        }
        let Some((other, other_is_path)) = self.text_holder(d.text_hash, file.0, next)? else {
            return Ok(None);
        };
        // Two Kamerstukken with the same words are still two Kamerstukken: known without
        // reading the holder's manifest record (replicated and re-exported corpora have many).
        if !(is_path_key(&d.key) || other_is_path) {
            return Ok(None);
        }
        let KeyHolder::Source(found) = self.key_holder(other, file, next)? else {
            return Ok(None);
        };
        if !(is_path_key(&d.key) || is_path_key(&found.key)) {
            return Ok(None);
        }
        Ok(Some(found))
    }

    /// The hash of the key that holds the text with hash `text`, and whether that key is a
    /// path.
    fn text_holder(
        &self,
        text: u64,
        file: &Path,
        next: &NextManifest,
    ) -> Result<Option<(u64, bool)>> {
        if text == EMPTY_TEXT {
            return Ok(None);
        }
        if let Some(key) = self.by_text.get(&text) {
            return Ok(Some(*key));
        }
        for source in next.base_with(Lookup::Text, text, file)?.others {
            if let Some(w) = source.documents.iter().find(|w| w.text_hash == text) {
                return Ok(Some((key_hash(&w.key), is_path_key(&w.key))));
            }
        }
        Ok(None)
    }
}

const EMPTY_TEXT: u64 = 0;

/// Writes one file's documents, resolving duplicates, and records the file in the manifest.
fn write_file(
    task: &Task,
    docs: Vec<(Document, Vec<String>)>,
    hash: u64,
    writer: &mut Writer<'_>,
    next: &mut NextManifest,
    owners: &mut Owners,
    report: &mut IndexReport,
) -> Result<()> {
    let old = next.take(&task.canon)?;
    let slot = next.slot(&task.canon)?;
    let mut entry = SourceFile {
        path: task.canon.clone(),
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
        let file = (&*task.canon, slot, &entry);
        if let Some(found) = owners.holder(&written, file, next)? {
            let Found {
                key,
                source,
                richness,
            } = found;
            let what = if key == written.key {
                format!("same id {key} as")
            } else {
                "same text as".to_string()
            };
            // Between equals, the path that sorts first: the same one whichever file the
            // parallel readers hand over first.
            let theirs_stays = richness > written.richness
                || (richness == written.richness && source <= task.canon);
            if theirs_stays {
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
                path: source.clone(),
                reason: format!(
                    "{what} {}, which has more; kept that one",
                    task.path().display()
                ),
            });
            if key != written.key {
                writer.remove(&key);
            }
            // The poorer copy's file now stands behind this one.
            if *source == *task.canon {
                entry.documents.retain(|d| d.key != key);
            } else if let Some(mut s) = next.get(&source)? {
                if !next.touched(&source) {
                    // Its record changes in this run: what it holds is this run's to know.
                    let theirs = next.slot(&source)?;
                    for d in &s.documents {
                        if !owners.by_key.contains_key(&key_hash(&d.key)) {
                            owners.insert(d, theirs, None);
                        }
                    }
                }
                s.documents.retain(|d| d.key != key);
                s.shadowed.push(key.clone());
                next.put(s)?;
            }
            // Replaced before the run is over: it does not count as written.
            if let Some(h) = owners.by_key.get_mut(&key_hash(&key)) {
                if h.passages != Holding::EARLIER {
                    report.documents -= 1;
                    report.passages -= h.passages as usize;
                    h.passages = Holding::EARLIER;
                }
            }
        }
        let passages = writer.add(&doc)?;
        owners.insert(&written, slot, Some(passages));
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
                owners.by_key.insert(key_hash(&d.key), Holding::NOBODY);
            }
        }
    }
    next.put(entry)
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
        Error::Io { error, .. } => error.to_string(),
        Error::BadInput { reason, .. } => reason.clone(),
        other => other.to_string(),
    };
    Skipped {
        path: path.to_path_buf(),
        reason,
    }
}
