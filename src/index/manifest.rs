//! The manifest: every source file the index was built from (size, modification time, content
//! hash) and the documents it gave, so that indexing again reads only what changed.
//!
//! The manifest is a JSON file in the index folder whose name the tantivy commit itself
//! records (the commit payload). A new manifest is written under a new name before the commit
//! and becomes the index's manifest only with the commit, so a crash at any point leaves the
//! previous index and its manifest as they were.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

const PREFIX: &str = "kamerzoek-manifest-";

/// The sources an index holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// By canonical path.
    pub sources: BTreeMap<PathBuf, SourceFile>,
}

/// One source file as it was when it was indexed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFile {
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

impl Manifest {
    /// The manifest a commit payload names, or an empty one for an index without one.
    pub(crate) fn load(dir: &Path, payload: Option<&str>) -> Result<Manifest> {
        let Some(name) = payload.filter(|p| p.starts_with(PREFIX)) else {
            return Ok(Manifest::default());
        };
        let path = dir.join(name);
        // Read as a stream: the JSON of a large corpus's manifest is tens of MB.
        let file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
        serde_json::from_reader(std::io::BufReader::new(file)).map_err(|e| Error::Index {
            path: dir.to_path_buf(),
            reason: format!("{name} is damaged: {e}"),
        })
    }

    /// Writes the manifest under a new name and returns the name, for the commit payload.
    pub(crate) fn store(&self, dir: &Path) -> Result<String> {
        let stamp = std::time::SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let name = format!("{PREFIX}{stamp}.json");
        let path = dir.join(&name);
        super::write_json(&path, self, "the manifest")?;
        Ok(name)
    }

    /// Removes manifests other than `current`: those of earlier commits and of runs that died.
    pub(crate) fn clean(dir: &Path, current: &str) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(PREFIX) && name != current {
                // A leftover file costs only space; failing to remove it is no error.
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The content hash kept for every source.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_and_loaded_by_the_name_the_commit_gives() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Manifest::default();
        m.sources.insert(
            PathBuf::from("/a/kst-1-2.xml"),
            SourceFile {
                stamp: Stamp {
                    size: 10,
                    mtime_ns: 5,
                    sidecar: None,
                },
                hash: 7,
                documents: vec![Written {
                    key: "kst-1-2".into(),
                    richness: 3,
                    text_hash: 9,
                }],
                shadowed: vec![],
            },
        );
        let name = m.store(dir.path()).unwrap();
        let old = Manifest::default().store(dir.path()).unwrap();
        let back = Manifest::load(dir.path(), Some(&name)).unwrap();
        assert_eq!(back.sources, m.sources);
        Manifest::clean(dir.path(), &name);
        assert!(!dir.path().join(old).exists());
        assert!(dir.path().join(&name).exists());
        assert!(Manifest::load(dir.path(), None).unwrap().sources.is_empty());
    }
}
