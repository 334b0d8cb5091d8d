//! Indexing folders: walk, read and normalize in parallel, write through one writer.
//!
//! Two passes over the files. The first counts the corpus's words (the [`Lexicon`] that
//! dehyphenation takes its evidence from); the second normalizes with that evidence, extracts
//! metadata, splits passages and hands the documents to the writer. Files are read twice rather
//! than held in memory, so memory does not grow with the corpus.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use rayon::prelude::*;

use super::Index;
use crate::normalize::{normalize_chars, Lexicon};
use crate::read::read_file;
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
}

/// What an indexing run did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct IndexReport {
    /// Supported files found.
    pub files: usize,
    /// Documents written.
    pub documents: usize,
    /// Passages written.
    pub passages: usize,
    /// Bytes of the files read.
    pub bytes: u64,
    /// Files not indexed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Files indexed with a problem worth knowing (bad encoding, XML broken off).
    pub warnings: Vec<Skipped>,
    /// Files whose document had the same id as another file's; the richer one was kept.
    pub duplicates: Vec<Skipped>,
    /// Wall time in seconds.
    pub seconds: f64,
}

impl Index {
    /// Indexes every supported file below `roots` (files or folders) and commits.
    ///
    /// A file that cannot be read is reported in [`IndexReport::skipped`] and the run goes on;
    /// an error is returned only when the index itself fails (locked, disk full).
    ///
    /// ```
    /// let index = kamerzoek::Index::create_in_ram().unwrap();
    /// let report = index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// assert!(report.documents >= 6);
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
            ..IndexReport::default()
        };
        let sizes: Vec<u64> = found
            .files
            .iter()
            .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
            .collect();
        let bytes_total: u64 = sizes.iter().sum();
        let files_total = found.files.len() as u64;
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
        let (lexicon, failures) = found
            .files
            .par_iter()
            .zip(sizes.par_iter())
            .fold(
                || (Lexicon::default(), Vec::new()),
                |(mut lex, mut failed), (path, &size)| {
                    match read_file(path) {
                        Ok(raw) => lex.add_text(&normalize_chars(&raw.text)),
                        Err(e) => failed.push(skip(path, &e)),
                    }
                    tick(Phase::Scanning, &files_done, &bytes_done, size);
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
        let failed: std::collections::HashSet<PathBuf> =
            failures.iter().map(|s| s.path.clone()).collect();
        report.skipped.extend(failures);
        self.merge_lexicon(lexicon)?;

        // Pass 2: documents, built in parallel, written in this thread in arrival order.
        let mut writer = self.writer()?;
        let (files_done, bytes_done) = (AtomicU64::new(0), AtomicU64::new(0));
        let (tx, rx) =
            mpsc::sync_channel::<std::result::Result<(Document, Vec<String>), Skipped>>(256);
        let mut richest: HashMap<String, Written> = HashMap::new();
        let write_result: Result<()> = std::thread::scope(|scope| {
            let files = &found.files;
            let sizes = &sizes;
            let failed = &failed;
            let tick = &tick;
            let (files_done, bytes_done) = (&files_done, &bytes_done);
            scope.spawn(move || {
                self.with_lexicon(|lexicon| {
                    files.par_iter().zip(sizes.par_iter()).for_each_with(
                        tx,
                        |tx, (path, &size)| {
                            if !failed.contains(path) {
                                let item = read_file(path)
                                    .map(|raw| {
                                        let warnings = raw.warnings.clone();
                                        (Document::from_raw(raw, lexicon), warnings)
                                    })
                                    .map_err(|e| skip(path, &e));
                                // The receiver only goes away when writing failed; then there is
                                // nothing left to do with this document.
                                let _ = tx.send(item);
                            }
                            tick(Phase::Indexing, files_done, bytes_done, size);
                        },
                    );
                });
            });
            for item in rx {
                match item {
                    Err(skipped) => report.skipped.push(skipped),
                    Ok((doc, warnings)) => {
                        report
                            .warnings
                            .extend(warnings.into_iter().map(|w| Skipped {
                                path: doc.path.clone(),
                                reason: w,
                            }));
                        let key = doc.key();
                        let richness = richness(&doc);
                        if let Some(kept) = richest.get(&key) {
                            let (keep, drop) = if kept.richness >= richness {
                                (kept.path.clone(), doc.path.clone())
                            } else {
                                (doc.path.clone(), kept.path.clone())
                            };
                            report.duplicates.push(Skipped {
                                path: drop,
                                reason: format!(
                                    "same id {key} as {}, which has more; kept that one",
                                    keep.display()
                                ),
                            });
                            if kept.richness >= richness {
                                continue;
                            }
                            // The richer document replaces the one written before under this key.
                            report.documents -= 1;
                            report.passages -= kept.passages;
                        }
                        let passages = writer.add(&doc)?;
                        richest.insert(
                            key,
                            Written {
                                path: doc.path.clone(),
                                richness,
                                passages,
                            },
                        );
                        report.documents += 1;
                        report.passages += passages;
                    }
                }
            }
            Ok(())
        });
        write_result?;
        writer.commit()?;
        report.bytes = bytes_total;
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }
}

/// A document written in this run, kept to resolve a later file with the same id.
struct Written {
    path: PathBuf,
    richness: usize,
    passages: usize,
}

/// How much a document has to offer: metadata fields found, then text length.
fn richness(doc: &Document) -> usize {
    doc.meta.sources.len() * 1_000_000
        + doc
            .paragraphs
            .iter()
            .map(|p| p.text.len())
            .sum::<usize>()
            .min(999_999)
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
