//! The index: a tantivy index of passages, the corpus lexicon beside it, and the operations on
//! them (open, write, read back).
//!
//! Thread safety: [`Index`] is `Send + Sync`. Share it between threads by reference (or in an
//! `Arc`): any number of threads may search it while one [`Writer`] adds documents; searches
//! see the state of the last commit. Only one writer can exist per index at a time, also
//! across processes (a second gets an "index is locked" error).

mod codec;
mod directory;
pub(crate) mod doc_sets;
mod duplicates;
mod files;
mod indexer;
pub(crate) mod kept_values;
mod manifest;
mod passage_doc;
mod report;
mod schema;
mod segment_cache;
mod sittings;
mod stored;
mod times;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, RwLock};

use tantivy::directory::error::LockError;
use tantivy::directory::Directory;
use tantivy::{IndexReader, ReloadPolicy, TantivyError};

use crate::analysis::CompoundDictionary;
use crate::normalize::Lexicon;
use crate::{Error, Result};
use manifest::Manifest;

pub use report::{IndexOptions, IndexReport, Phase, Progress};
pub(crate) use schema::Fields;
pub use schema::SCHEMA_VERSION;
pub use stored::{Lookup, Stats, StoredDocument};
pub use writer::Writer;

const VERSION_FILE: &str = "kamerzoek-version.json";

/// A kamerzoek index, on disk or in memory.
pub struct Index {
    dir: Option<PathBuf>,
    pub(crate) inner: tantivy::Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    /// Read on first use: searching needs neither it nor the manifest, and both grow with the
    /// corpus, so a search in a fresh process does not pay for them.
    lexicon: OnceLock<RwLock<Lexicon>>,
    /// The name of the last commit's manifest (the commit payload).
    payload: Mutex<Option<String>>,
    /// Where an index in memory keeps its manifest: a temporary folder, gone with the index.
    scratch: OnceLock<tempfile::TempDir>,
    /// The documents of frequent terms, kept between searches for counting.
    doc_sets: doc_sets::DocSets,
    /// The values of the facets' fields, kept between searches for counting by them.
    kept_values: kept_values::KeptValues,
}

/// What a search reads of an index: the last commit's searcher, the fields, and the sets kept
/// between searches.
pub(crate) struct Snapshot<'a> {
    pub searcher: tantivy::Searcher,
    pub fields: &'a Fields,
    pub doc_sets: &'a doc_sets::DocSets,
    pub kept_values: &'a kept_values::KeptValues,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// The schema version the index in `dir` was written with, as its version file says; an
/// error naming the file where it is missing or damaged.
fn written_schema(dir: &Path) -> Result<u32> {
    let path = dir.join(VERSION_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Damaged {
            path: path.clone(),
            reason: "is missing: not an index kamerzoek wrote, or a damaged one; \
                     index again into a new folder"
                .into(),
        },
        _ => Error::io(&path, e),
    })?;
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("schema")?.as_u64()?.try_into().ok())
        .ok_or_else(|| Error::Damaged {
            path: path.clone(),
            reason: "is damaged (no schema number in it); index again into a new folder".into(),
        })
}

/// Files that a folder may hold and still be a new index's: the version file, which is
/// written first, and tantivy's lock files.
fn is_own_leftover(name: &std::ffi::OsStr) -> bool {
    use tantivy::directory::{INDEX_WRITER_LOCK, META_LOCK};
    name == VERSION_FILE || name == INDEX_WRITER_LOCK.filepath || name == META_LOCK.filepath
}

/// An error unless `dir` is a folder (or nothing yet).
fn not_a_file(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::NotAnIndexFolder {
            path: dir.to_path_buf(),
            reason: "is a file, not an index folder".into(),
        });
    }
    Ok(())
}

impl Index {
    /// Opens an existing index.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// assert!(kamerzoek::Index::open(dir.path().join("nothing-here")).is_err());
    /// ```
    pub fn open(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref();
        not_a_file(dir)?;
        if !dir.join("meta.json").exists() {
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
            });
        }
        let other_version = |found| Error::OtherVersion {
            path: dir.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        };
        // The fields alone do not tell: an analysis change leaves them as they were, and the
        // terms of the old analysis would not be found by the new (the "s" of "risico's").
        let written = written_schema(dir)?;
        if written != SCHEMA_VERSION {
            return Err(other_version(Some(written)));
        }
        let directory = directory::IndexDirectory::open(dir).map_err(|e| index_error(dir, e))?;
        let inner = tantivy::Index::open(directory).map_err(|e| index_error(dir, e))?;
        let fields =
            Fields::from_schema(&inner.schema()).ok_or_else(|| other_version(Some(written)))?;
        Index::wrap(Some(dir.to_path_buf()), inner, fields, None)
    }

    /// Opens the index in `dir`, or creates an empty one there (and the folder) if there is none.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let index = kamerzoek::Index::open_or_create(dir.path().join("idx")).unwrap();
    /// assert_eq!(index.stats().unwrap().documents, 0);
    /// ```
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref();
        not_a_file(dir)?;
        if dir.join("meta.json").exists() {
            return Index::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // A folder of other files (the corpus itself, given as --index by mistake) is not
        // written into.
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if let Some(other) = entries.flatten().find(|e| !is_own_leftover(&e.file_name())) {
            return Err(Error::NotAnIndexFolder {
                path: dir.to_path_buf(),
                reason: format!(
                    "holds other files ({}) and no kamerzoek index; give a new or empty folder",
                    other.file_name().to_string_lossy()
                ),
            });
        }
        // The version first: a folder with tantivy's files and no version is not one of ours.
        let version = dir.join(VERSION_FILE);
        std::fs::write(
            &version,
            format!(
                "{{\"kamerzoek\": \"{}\", \"schema\": {SCHEMA_VERSION}}}\n",
                env!("CARGO_PKG_VERSION")
            ),
        )
        .map_err(|e| Error::io(&version, e))?;
        let (schema, fields) = Fields::build();
        let directory = directory::IndexDirectory::open(dir).map_err(|e| index_error(dir, e))?;
        let inner = tantivy::Index::create(directory, schema, Default::default())
            .map_err(|e| index_error(dir, e))?;
        Index::wrap(
            Some(dir.to_path_buf()),
            inner,
            fields,
            Some(Lexicon::default()),
        )
    }

    /// An index in memory, for tests and for tools that index what they hold. What
    /// [`Index::index_paths`] keeps of the files it read (the manifest) goes to a temporary
    /// folder, removed with the index.
    ///
    /// ```
    /// let index = kamerzoek::Index::create_in_ram().unwrap();
    /// assert_eq!(index.stats().unwrap().passages, 0);
    /// ```
    pub fn create_in_ram() -> Result<Index> {
        let (schema, fields) = Fields::build();
        let inner = tantivy::Index::create_in_ram(schema);
        Index::wrap(None, inner, fields, Some(Lexicon::default()))
    }

    fn wrap(
        dir: Option<PathBuf>,
        inner: tantivy::Index,
        fields: Fields,
        lexicon: Option<Lexicon>,
    ) -> Result<Index> {
        // Searching splits no compounds; the dictionary comes with the lexicon, for writing.
        let dictionary = lexicon.as_ref().map(CompoundDictionary::from_lexicon);
        crate::analysis::register(&inner, dictionary.unwrap_or_default());
        let payload = inner.load_metas()?.payload;
        let reader = inner
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Index {
            dir,
            inner,
            fields,
            reader,
            lexicon: lexicon
                .map(RwLock::new)
                .map(OnceLock::from)
                .unwrap_or_default(),
            payload: Mutex::new(payload),
            scratch: OnceLock::new(),
            doc_sets: Default::default(),
            kept_values: Default::default(),
        })
    }

    /// The folder the index lives in (`None` in memory).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// A writer. Only one can exist per index at a time, also across processes: a second gets
    /// an "index is locked" error.
    pub fn writer(&self) -> Result<Writer<'_>> {
        Writer::new(self)
    }

    /// A copy of the lexicon the index's documents were normalized with.
    pub fn lexicon(&self) -> Lexicon {
        self.with_lexicon(Lexicon::clone)
    }

    /// The lexicon, read from the index folder on first use: the one the last commit names.
    /// A lexicon file that cannot be read counts as empty: it is evidence for
    /// dehyphenation, and the index works without it.
    fn lexicon_lock(&self) -> &RwLock<Lexicon> {
        self.lexicon.get_or_init(|| {
            let lexicon: Lexicon = self
                .dir
                .as_ref()
                .and_then(|dir| {
                    let name = self.payload()?;
                    std::fs::read(manifest::lexicon_path(dir, &name)).ok()
                })
                .and_then(|bytes| serde_json::from_slice(&bytes).ok())
                .unwrap_or_default();
            crate::analysis::register(&self.inner, CompoundDictionary::from_lexicon(&lexicon));
            RwLock::new(lexicon)
        })
    }

    pub(crate) fn with_lexicon<T>(&self, f: impl FnOnce(&Lexicon) -> T) -> T {
        match self.lexicon_lock().read() {
            Ok(l) => f(&l),
            Err(poisoned) => f(&poisoned.into_inner()),
        }
    }

    /// Makes `lexicon` the one compounds are split with while documents are written, without
    /// making it the index's: that takes a commit ([`Index::install_lexicon`]).
    pub(crate) fn stage_lexicon(&self, lexicon: &Lexicon) {
        crate::analysis::register(&self.inner, CompoundDictionary::from_lexicon(lexicon));
    }

    /// Makes `lexicon`, committed, the index's.
    pub(crate) fn install_lexicon(&self, lexicon: Lexicon) {
        let mut lex = match self.lexicon_lock().write() {
            Ok(l) => l,
            Err(poisoned) => poisoned.into_inner(),
        };
        *lex = lexicon;
        crate::analysis::register(&self.inner, CompoundDictionary::from_lexicon(&lex));
    }

    /// Puts back the compound dictionary of the index's own lexicon, after a run that staged
    /// another and did not commit.
    pub(crate) fn unstage_lexicon(&self) {
        self.with_lexicon(|lex| self.stage_lexicon(lex));
    }

    /// The sources the index was built from, as of the last commit. Its records are read
    /// from disk when asked for.
    pub(crate) fn manifest(&self) -> Result<Manifest> {
        let payload = self.payload();
        match payload {
            Some(_) => Manifest::load(&self.manifest_dir()?, payload.as_deref()),
            None => Ok(Manifest::default()),
        }
    }

    /// The folder the manifest lives in: the index's own, or a temporary one for an index
    /// in memory.
    pub(crate) fn manifest_dir(&self) -> Result<PathBuf> {
        if let Some(dir) = &self.dir {
            return Ok(dir.clone());
        }
        if let Some(tmp) = self.scratch.get() {
            return Ok(tmp.path().to_path_buf());
        }
        let tmp = tempfile::Builder::new()
            .prefix("kamerzoek-")
            .tempdir()
            .map_err(|e| Error::io(std::env::temp_dir(), e))?;
        Ok(self.scratch.get_or_init(|| tmp).path().to_path_buf())
    }

    /// The name of the last commit's manifest.
    pub(crate) fn payload(&self) -> Option<String> {
        self.payload_lock().clone()
    }

    pub(crate) fn payload_lock(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        match self.payload.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Whether the index is being built: it has no documents yet and an indexer holds its
    /// lock, so an empty answer says nothing about the documents to come.
    ///
    /// ```
    /// let index = kamerzoek::Index::create_in_ram().unwrap();
    /// assert!(!index.is_being_built());
    /// ```
    pub fn is_being_built(&self) -> bool {
        if self.dir.is_none() || self.reader.searcher().num_docs() > 0 {
            return false;
        }
        // Taken and let go at once when nobody holds it.
        matches!(
            self.inner
                .directory()
                .acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK),
            Err(LockError::LockBusy)
        )
    }

    /// What a search reads: the state of the last commit.
    pub(crate) fn snapshot(&self) -> Snapshot<'_> {
        Snapshot {
            searcher: self.reader.searcher(),
            fields: &self.fields,
            doc_sets: &self.doc_sets,
            kept_values: &self.kept_values,
        }
    }

    /// The folder the index is kept in; `None` in memory.
    pub fn folder(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Which commit searches see: a number that changes when they see another.
    pub(crate) fn generation(&self) -> u64 {
        self.reader.searcher().generation().generation_id()
    }

    /// Makes searches see the last commit.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    pub(crate) fn describe(&self) -> PathBuf {
        self.dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("<memory>"))
    }
}

/// Writes `value` as JSON to `path`, streamed: the manifest of a large corpus runs to tens of
/// megabytes, written while tantivy's indexing buffers are still full.
pub(crate) fn write_json(path: &Path, value: &impl serde::Serialize, what: &str) -> Result<()> {
    use std::io::Write;
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = std::io::BufWriter::new(file);
    serde_json::to_writer(&mut out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => Error::io(path, std::io::Error::new(kind, e)),
        None => Error::Index {
            path: path.to_path_buf(),
            reason: format!("cannot write {what}: {e}"),
        },
    })?;
    out.flush().map_err(|e| Error::io(path, e))
}

pub(crate) fn index_error(dir: &Path, e: TantivyError) -> Error {
    match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => Error::Locked {
            path: dir.to_path_buf(),
        },
        TantivyError::LockFailure(LockError::IoError(e), _) if directory::cannot_write(&e) => {
            Error::ReadOnly {
                path: dir.to_path_buf(),
                error: std::io::Error::new(e.kind(), e.to_string()),
            }
        }
        TantivyError::LockFailure(LockError::IoError(e), _) => Error::Index {
            path: dir.to_path_buf(),
            reason: format!("cannot take the writer's lock: {e}"),
        },
        other => Error::Index {
            path: dir.to_path_buf(),
            reason: other.to_string(),
        },
    }
}
