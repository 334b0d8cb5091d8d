//! The one error type of the library.
//!
//! Per-file problems carry the path, so that a caller indexing thousands of files can say exactly
//! which one was skipped and why, and carry on with the rest.

use std::path::PathBuf;

/// Everything that can go wrong in kamerzoek.
///
/// Each message says what went wrong in full, the underlying cause included, and no variant
/// also hands that cause on as its [`std::error::Error::source`]: a program that prints the
/// chain (`anyhow`'s `{:#}`) says every reason once. A caller matches on the variant, never on
/// the message:
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let err = kamerzoek::Index::open(dir.path()).unwrap_err();
/// assert!(matches!(err, kamerzoek::Error::NoIndex { .. }));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read from disk.
    #[error("{path}: {error}")]
    Io {
        /// The file that could not be read.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// A file was read but its content cannot be used (not text, broken beyond repair, ...).
    #[error("{path}: {reason}")]
    BadInput {
        /// The offending file.
        path: PathBuf,
        /// What is wrong with it, in words a user understands.
        reason: String,
    },
    /// A search query that cannot be understood.
    #[error("invalid query: {0}")]
    Query(String),
    /// A value given by the caller (a date, an id, a filter) that is not valid.
    #[error("invalid {what}: {value:?}{}", hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
    InvalidArgument {
        /// Which argument.
        what: &'static str,
        /// The value that was given.
        value: String,
        /// What would have been accepted.
        hint: Option<String>,
    },
    /// The folder holds no kamerzoek index.
    #[error(
        "index {path}: no kamerzoek index here; build one with `kamerzoek index DIR --index ...`"
    )]
    NoIndex {
        /// The folder.
        path: PathBuf,
    },
    /// An index cannot be made in this folder: it is a file, or holds other files.
    #[error("index {path}: {reason}")]
    NotAnIndexFolder {
        /// The folder.
        path: PathBuf,
        /// What is there instead.
        reason: String,
    },
    /// Another writer (in this process or another) is writing to the index.
    #[error("index {path}: index is locked: another kamerzoek process is writing to it")]
    Locked {
        /// The index folder.
        path: PathBuf,
    },
    /// The index cannot be written (a read-only file system, no permission); it can be
    /// searched.
    #[error("index {path}: cannot be written ({error}); it can be searched, not indexed into")]
    ReadOnly {
        /// The index folder.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// The index was built by another version of kamerzoek, whose terms this one would not
    /// find.
    #[error(
        "index {path}: built by another version of kamerzoek (this one writes schema \
         {expected}); index it again into a new folder"
    )]
    OtherVersion {
        /// The index folder.
        path: PathBuf,
        /// The schema version the index was written with, where its version file says.
        found: Option<u32>,
        /// The schema version this kamerzoek writes.
        expected: u32,
    },
    /// A file of the index (its version file, its manifest) is missing or damaged.
    #[error("index file {path} {reason}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong with it, and what to do.
        reason: String,
    },
    /// Any other problem with the index's files, as the search engine reports it.
    #[error("index {path}: {reason}")]
    Index {
        /// The index folder, or the file concerned.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A strict indexing run met files it could not read, and committed nothing.
    #[error("{count} file(s) could not be read, the first {first}: {reason}; nothing was committed (strict)")]
    Incomplete {
        /// How many files could not be read.
        count: usize,
        /// The first of them.
        first: PathBuf,
        /// Why it could not be read.
        reason: String,
    },
    /// An error reported by tantivy.
    #[error("search engine: {0}")]
    Tantivy(tantivy::TantivyError),
    /// An I/O error that is not tied to one input file (index files, standard input).
    #[error("{0}")]
    OtherIo(std::io::Error),
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error::Tantivy(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::OtherIo(e)
    }
}

/// Short for `Result<T, kamerzoek::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error: source,
        }
    }

    pub(crate) fn bad_input(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::BadInput {
            path: path.into(),
            reason: reason.into(),
        }
    }
}
