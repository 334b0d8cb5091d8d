//! Finding the files to index: every supported file below the given folders, recursively.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::read::{sidecar, Format};

/// A file that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// The file (or folder) concerned.
    pub path: PathBuf,
    /// Why it was skipped, in words for the user.
    pub reason: String,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// Files in a supported format, sorted by path so that runs are reproducible.
    pub files: Vec<PathBuf>,
    /// Entries that could not be read (permissions, symlink loops).
    pub skipped: Vec<Skipped>,
    /// Files of formats kamerzoek does not read.
    pub ignored: Vec<PathBuf>,
}

/// Walks `roots` (files or folders). Hidden files and folders (names starting with `.`) are
/// passed over silently, as ripgrep and fd do; a root given explicitly is always read.
/// Sidecars (`NAME.json` next to a document) are not listed: they go with their document.
///
/// ```
/// let found = kamerzoek::walk::find_files(&["sample_corpus"]);
/// assert!(found.files.iter().any(|f| f.ends_with("000_4b49ee41d29ace67.txt")));
/// ```
pub fn find_files<P: AsRef<Path>>(roots: &[P]) -> Found {
    let mut found = Found::default();
    for root in roots {
        let root = root.as_ref();
        let walker = WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    if Format::is_supported(e.path()) {
                        found.files.push(e.into_path());
                    } else {
                        found.ignored.push(e.into_path());
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop, not followed".to_string()
                    } else {
                        err.io_error()
                            .map(|e| format!("cannot be read: {e}"))
                            .unwrap_or_else(|| err.to_string())
                    };
                    found.skipped.push(Skipped { path, reason });
                }
            }
        }
    }
    found.files.sort();
    found.files.dedup();
    // A sidecar is part of the file it describes, not a document of its own.
    let all: std::collections::HashSet<PathBuf> = found.files.iter().cloned().collect();
    found
        .files
        .retain(|f| !sidecar::is_sidecar(f, |p| all.contains(p)));
    found
}
