//! What an indexing run is told (its options, where progress goes) and what it tells back:
//! the counts, the files it skipped and why, the duplicates it resolved.

use std::path::PathBuf;

use crate::walk::Skipped;

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
    /// [`crate::Error::Incomplete`].
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

impl IndexReport {
    /// A file the run meant to read and could not: skipped, and neither new nor changed.
    pub(super) fn not_read(&mut self, skipped: Skipped, new: bool) {
        let count = if new {
            &mut self.added
        } else {
            &mut self.changed
        };
        *count = count.saturating_sub(1);
        self.skipped.push(skipped);
    }
}
