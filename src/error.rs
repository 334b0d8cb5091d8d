//! The one error type of the library.
//!
//! Per-file problems carry the path, so that a caller indexing thousands of files can say exactly
//! which one was skipped and why, and carry on with the rest.

use std::path::PathBuf;

/// Everything that can go wrong in kamerzoek.
///
/// Each message says what went wrong in full, the underlying cause included, and no variant
/// also hands that cause on as its [`std::error::Error::source`]: a program that prints the
/// chain (`anyhow`'s `{:#}`) says every reason once.
#[derive(Debug, thiserror::Error)]
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
    /// The index directory is missing, locked or was built by an incompatible version.
    #[error("index {path}: {reason}")]
    Index {
        /// The index directory.
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
