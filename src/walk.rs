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
    /// Symbolic links below the roots that lead out of them, not followed.
    pub outside_links: Vec<Skipped>,
}

/// Walks `roots` (files or folders). Hidden files and folders (names starting with `.`) are
/// passed over silently, as ripgrep and fd do; a root given explicitly is always read.
/// Sidecars (`NAME.json` next to a document) are not listed: they go with their document.
/// Symbolic links are followed where they lead to a file or folder below one of the roots;
/// those that lead elsewhere (`corpus/passwd.txt` to `/etc/passwd`) are listed in
/// [`Found::outside_links`] and not followed.
///
/// ```
/// let found = kamerzoek::walk::find_files(&["sample_corpus"]);
/// assert!(found.files.iter().any(|f| f.ends_with("000_4b49ee41d29ace67.txt")));
/// ```
pub fn find_files<P: AsRef<Path>>(roots: &[P]) -> Found {
    find_files_following(roots, false)
}

/// [`find_files`], following every symbolic link where `outside` is true, also those that
/// lead out of the roots.
pub fn find_files_following<P: AsRef<Path>>(roots: &[P], outside: bool) -> Found {
    let mut found = Found::default();
    let within: Vec<PathBuf> = roots
        .iter()
        .filter_map(|r| std::fs::canonicalize(r.as_ref()).ok())
        .collect();
    for root in roots {
        let root = root.as_ref();
        let mut outside_links = Vec::new();
        let walker = WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
                    return false;
                }
                if outside || e.depth() == 0 || !e.path_is_symlink() {
                    return true;
                }
                // A link that leads nowhere is the walk's to report, as a file it cannot read.
                let Ok(target) = std::fs::canonicalize(e.path()) else {
                    return true;
                };
                let inside = within.iter().any(|r| target.starts_with(r));
                if !inside {
                    outside_links.push(Skipped {
                        path: e.path().to_path_buf(),
                        reason: format!(
                            "symbolic link to {}, outside the folders given; not followed \
                             (--follow-links follows it)",
                            target.display()
                        ),
                    });
                }
                inside
            });
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
        found.outside_links.append(&mut outside_links);
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
