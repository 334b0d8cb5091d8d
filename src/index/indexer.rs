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
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::duplicates::{FileWriting, Owners};
use super::files::{count_words, send_file, skip, KeptPdfs, Message, Part, Spool, Task};
use super::manifest::{path_id, Manifest, NextManifest, SourceFile, Stamp};
use super::report::{IndexOptions, IndexReport, Phase, Progress};
use super::sittings::Sittings;
use super::{Index, Writer};
use crate::document::key_hash;
use crate::normalize::Lexicon;
use crate::read::{pdftotext_available, sidecar, Format};
use crate::walk::{find_files_following, Skipped};
use crate::{Error, Result};

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
        let mut owners = Owners::default();
        for canon in removed {
            if let Some(gone) = next.take(canon)? {
                for d in &gone.documents {
                    writer.remove(&d.key);
                }
                owners.gone(gone);
            }
        }
        // The second pass reads its tasks back from a file: memory peaks in this pass, and
        // the list, a path and a stamp for every file, grows with the corpus.
        let spool = Spool::write(&tasks, &dir)?;
        drop(tasks);
        let (files_done, bytes_done) = (AtomicU64::new(0), AtomicU64::new(0));
        let (tx, rx) = mpsc::sync_channel::<Message>(32);
        // A file's parts go to the writer one after the other, with no other file's between.
        let turn = Mutex::new(());
        std::thread::scope(|scope| -> Result<()> {
            let (files_done, bytes_done, turn) = (&files_done, &bytes_done, &turn);
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
                        send_file(Arc::new(task), read, lexicon, tx, turn);
                    }
                    tick(Phase::Indexing, files_done, bytes_done, size);
                });
            });
            let mut open: Option<FileWriting> = None;
            let mut sittings = Sittings::default();
            let mut out = Output {
                writer: &mut *writer,
                next: &mut next,
                owners: &mut owners,
                report: &mut *report,
            };
            for message in rx {
                let (task, part) = message?;
                for (task, part) in sittings.take(task, part, open.is_none()) {
                    out.write(&task, part, &mut open)?;
                }
            }
            // The items of a sitting that waited for its date, dated now.
            for (task, parts) in sittings.release(|s| self.sitting_date(s).ok().flatten()) {
                for part in parts {
                    out.write(&task, part, &mut open)?;
                }
            }
            Ok(())
        })?;
        // Dropping the writer without a commit throws away what it wrote.
        strict_check(options, report)?;
        let (name, _) = next.finish()?;
        let lexicon_file = super::manifest::lexicon_path(&dir, &name);
        super::write_json(&lexicon_file, lexicon, "the lexicon")?;
        writer.commit_with(name.clone())?;
        // The manifests and lexicons of earlier commits are no one's now.
        Manifest::clean(&dir, &name);
        Ok(())
    }
}

/// Where the second pass writes a file's parts to.
struct Output<'o, 'w> {
    writer: &'o mut Writer<'w>,
    next: &'o mut NextManifest,
    owners: &'o mut Owners,
    report: &'o mut IndexReport,
}

impl Output<'_, '_> {
    /// Writes one part of `task`'s file; `open` is the file being written, if it has begun.
    fn write(&mut self, task: &Task, part: Part, open: &mut Option<FileWriting>) -> Result<()> {
        match part {
            // What the index had of the file stays, and so does its manifest entry.
            Part::Skipped(skipped) => self.report.not_read(skipped, task.new),
            Part::Documents(docs) => {
                let file = match open {
                    Some(file) => file,
                    None => open.insert(FileWriting::start(&task.to_write(), self.next)?),
                };
                file.add(docs, self.writer, self.next, self.owners, self.report)?;
            }
            Part::End { hash, warnings } => {
                self.report
                    .warnings
                    .extend(warnings.into_iter().map(|reason| Skipped {
                        path: task.path().to_path_buf(),
                        reason,
                    }));
                let file = match open.take() {
                    Some(file) => file,
                    None => FileWriting::start(&task.to_write(), self.next)?,
                };
                file.finish(hash, self.writer, self.next, self.owners)?;
            }
        }
        Ok(())
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
    // What the file system says of each file, asked in parallel: a few system calls a file,
    // for every file of the corpus, on every run.
    let looked_up: Vec<_> = files
        .into_par_iter()
        .map(|path| {
            let canon = canonical(&path);
            let stamp = Stamp::of(&path, sidecar::find(&path).as_deref());
            (path, canon, stamp)
        })
        .collect();
    for (path, canon, stamp) in looked_up {
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
        let stamp = match stamp {
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

/// The path as the manifest keys it: absolute and without links, when the file exists.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
