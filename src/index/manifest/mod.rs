//! The manifest: every source file the index was built from (size, modification time, content
//! hash) and the documents it gave, so that indexing again reads only what changed.
//!
//! It lives on disk and is read a record at a time, so memory does not grow with the number of
//! files: a run holds a few lookup tables of fixed-size entries (24 bytes a file, 16 a
//! document), not the records. A manifest is two files in the index folder: the records, one
//! JSON line per source file (`.jsonl`), and the lookup tables into them (`.idx`: by path, by
//! document key, by text, by shadowed key; sorted hashes and offsets). The tantivy commit
//! itself names the manifest (the commit payload). A run writes a new manifest under a new name
//! before its commit, appending each file's record as it is written and copying the records
//! of unchanged files at the end, and it becomes the index's manifest only with the commit: a
//! crash at any point leaves the previous index and its manifest as they were.

use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};
use tables::{offsets, Tables};

pub(crate) use next::{NextManifest, Slot};
pub(crate) use tables::Lookup;

mod next;
mod tables;
#[cfg(test)]
mod tests;

const PREFIX: &str = "kamerzoek-manifest-";
const RECORDS: &str = "jsonl";
const TABLES: &str = "idx";
const LEXICON: &str = "lex";

/// One source file as it was when it was indexed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFile {
    /// The path, canonical.
    pub path: PathBuf,
    /// The file's state, and its sidecar's.
    pub stamp: Stamp,
    /// xxh3 of the file's bytes.
    pub hash: u64,
    /// The documents written from it.
    pub documents: Vec<Written>,
    /// Keys of documents it has that another source holds in a richer form (the XML of a
    /// motie whose PDF is here too). When that source goes, this one is indexed again.
    pub shadowed: Vec<String>,
}

/// A document in the index and what decides between duplicates of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Written {
    /// The key it is stored under.
    pub key: String,
    /// How much it has to offer (metadata fields, text length).
    pub richness: u64,
    /// xxh3 of its clean text: the same text under two keys is one document.
    pub text_hash: u64,
    /// A hash of its text and metadata: when it differs from the last run's, the document
    /// changed.
    #[serde(default)]
    pub content: u64,
    /// When it entered the index, milliseconds since 1970.
    #[serde(default)]
    pub added: u64,
    /// When it last changed, milliseconds since 1970.
    #[serde(default)]
    pub changed: u64,
}

/// What the file system says about a file and its sidecar, cheap to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime_ns: u64,
    /// The same for the sidecar, if there is one.
    pub sidecar: Option<(u64, u64)>,
}

impl Stamp {
    /// Reads the stamp of `path` and of its sidecar.
    pub fn of(path: &Path, sidecar: Option<&Path>) -> std::io::Result<Stamp> {
        let (size, mtime_ns) = size_and_mtime(path)?;
        let sidecar = sidecar.and_then(|s| size_and_mtime(s).ok());
        Ok(Stamp {
            size,
            mtime_ns,
            sidecar,
        })
    }
}

fn size_and_mtime(path: &Path) -> std::io::Result<(u64, u64)> {
    let m = std::fs::metadata(path)?;
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    Ok((m.len(), mtime))
}

/// The identity of a path in the lookup tables: 128 bits, so that two paths of one corpus
/// never share it.
pub(crate) fn path_id(path: &Path) -> u128 {
    xxhash_rust::xxh3::xxh3_128(path.as_os_str().as_encoded_bytes())
}

/// Where the lexicon committed with the manifest `name` (a commit payload) is kept: beside it,
/// under its name, so that it is the commit's as the manifest is, and goes with it.
pub(crate) fn lexicon_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(name).with_extension(LEXICON)
}

/// The hash of a document key in the lookup tables (the one the writer groups passages by).
fn key_id(key: &str) -> u64 {
    crate::document::key_hash(key)
}

/// The sources of one commit: lookup tables in memory, records read from disk when asked for.
#[derive(Debug, Default)]
pub struct Manifest {
    /// The records file, `None` for an index that has none yet.
    records: Option<Records>,
    tables: Tables,
}

#[derive(Debug)]
struct Records {
    path: PathBuf,
    file: Mutex<BufReader<File>>,
}

impl Manifest {
    /// The manifest a commit payload names in `dir`; an empty one for an index without one.
    pub(crate) fn load(dir: &Path, payload: Option<&str>) -> Result<Manifest> {
        let Some(name) = payload.filter(|p| p.starts_with(PREFIX)) else {
            return Ok(Manifest::default());
        };
        let records = dir.join(name);
        let tables_path = records.with_extension(TABLES);
        let bytes = std::fs::read(&tables_path).map_err(|e| Error::io(&tables_path, e))?;
        let tables = Tables::read(&bytes).ok_or_else(|| Error::Damaged {
            path: tables_path.clone(),
            reason: "is damaged: its tables are cut short".into(),
        })?;
        let file = File::open(&records).map_err(|e| Error::io(&records, e))?;
        Ok(Manifest {
            records: Some(Records {
                path: records,
                file: Mutex::new(BufReader::with_capacity(16 * 1024, file)),
            }),
            tables,
        })
    }

    /// The source file at `path` (canonical).
    pub fn get(&self, path: &Path) -> Result<Option<SourceFile>> {
        for off in offsets(&self.tables.paths, path_id(path)) {
            let source = self.read_at(off)?;
            if source.path == path {
                return Ok(Some(source));
            }
        }
        Ok(None)
    }

    /// Every source file, in no particular order. Each is read from disk as it comes.
    #[cfg(test)]
    pub(crate) fn sources(&self) -> impl Iterator<Item = Result<SourceFile>> + '_ {
        let mut offsets: Vec<u64> = self.tables.paths.iter().map(|(_, off)| *off).collect();
        // In file order, the cheapest way through the records.
        offsets.sort_unstable();
        offsets.into_iter().map(|off| self.read_at(off))
    }

    /// The ids of all its paths.
    pub(crate) fn path_ids(&self) -> impl Iterator<Item = u128> + '_ {
        self.tables.paths.iter().map(|(id, _)| *id)
    }

    /// The source files at path id `id` (one, but for a collision).
    pub(crate) fn by_id(&self, id: u128) -> Result<Vec<SourceFile>> {
        offsets(&self.tables.paths, id)
            .map(|off| self.read_at(off))
            .collect()
    }

    /// The sources with a document under the key with hash `key` (`Lookup::Key`), or with a
    /// document whose text has hash `key` (`Lookup::Text`).
    #[cfg(test)]
    fn with(&self, lookup: Lookup, key: u64) -> Result<Vec<SourceFile>> {
        offsets(self.tables.of(lookup), key)
            .map(|off| self.read_at(off))
            .collect()
    }

    /// The sources that stand behind another for the key with hash `key`.
    pub(crate) fn shadowing(&self, key: u64) -> Result<Vec<SourceFile>> {
        offsets(&self.tables.shadows, key)
            .map(|off| self.read_at(off))
            .collect()
    }

    fn read_at(&self, offset: u64) -> Result<SourceFile> {
        let Some(records) = &self.records else {
            return Err(Error::Index {
                path: PathBuf::new(),
                reason: "the manifest has no records".into(),
            });
        };
        let mut file = match records.file.lock() {
            Ok(f) => f,
            Err(poisoned) => poisoned.into_inner(),
        };
        read_record(&mut file, offset, &records.path)
    }

    /// Removes manifests other than `current` (a payload): those of earlier commits and of
    /// runs that died.
    pub(crate) fn clean(dir: &Path, current: &str) {
        let current = Path::new(current).file_stem();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let ours = entry.file_name().to_string_lossy().starts_with(PREFIX);
            if ours && path.file_stem() != current {
                // A leftover file costs only space; failing to remove it is no error.
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

fn read_record(file: &mut BufReader<File>, offset: u64, path: &Path) -> Result<SourceFile> {
    let mut line = String::new();
    // Records are mostly asked for in the order they were written: a seek within what is
    // buffered keeps the buffer, where a plain seek would read it again.
    file.stream_position()
        .and_then(
            |at| match i64::try_from(offset).ok().zip(i64::try_from(at).ok()) {
                Some((to, at)) => file.seek_relative(to - at),
                None => file.seek(SeekFrom::Start(offset)).map(|_| ()),
            },
        )
        .and_then(|()| file.read_line(&mut line))
        .map_err(|e| Error::io(path, e))?;
    serde_json::from_str(&line).map_err(|e| Error::Damaged {
        path: path.to_path_buf(),
        reason: format!("is damaged: the record at byte {offset}: {e}"),
    })
}

/// The content hash kept for every source.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}
