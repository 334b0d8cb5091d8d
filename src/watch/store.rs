//! The watches file of an index: read whole, changed in memory, written whole under a new
//! name and then moved over the old one, so that it is never half written; a lock beside it
//! keeps two runs from reporting the same documents.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::news::News;
use super::Watch;
use crate::{Error, Index, Result, Timestamp};

/// What the file says it is, and the version of its layout this build reads and writes.
const FORMAT: &str = "kamerzoek watches";
const VERSION: u32 = 1;
/// The file's name in the index folder, and its lock's.
const FILE: &str = "watches.json";
const LOCK: &str = "watches.lock";

#[derive(Serialize, Deserialize)]
struct WatchFile {
    format: String,
    version: u32,
    watches: Vec<Watch>,
}

/// The watches of an index, held under a lock for as long as this value lives.
#[derive(Debug)]
pub struct Watches {
    path: PathBuf,
    list: Vec<Watch>,
    _lock: File,
}

impl Watches {
    /// The watches kept in the folder of `index`; none yet when it has no watches file. Waits
    /// while another process holds them.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let index = kamerzoek::Index::open_or_create(dir.path()).unwrap();
    /// let watches = kamerzoek::watch::Watches::open(&index).unwrap();
    /// assert!(watches.list().is_empty());
    /// ```
    pub fn open(index: &Index) -> Result<Watches> {
        let dir = index.folder().ok_or_else(|| Error::Index {
            path: index.describe(),
            reason: "an index in memory keeps no watches".into(),
        })?;
        Watches::open_in(dir)
    }

    /// The watches kept in `dir`.
    pub fn open_in(dir: &Path) -> Result<Watches> {
        let lock_path = dir.join(LOCK);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        lock.lock().map_err(|e| Error::io(&lock_path, e))?;
        let path = dir.join(FILE);
        let list = match std::fs::read(&path) {
            Ok(bytes) => read(&path, &bytes)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        Ok(Watches {
            path,
            list,
            _lock: lock,
        })
    }

    /// The file they are kept in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every watch, in the order they were added.
    pub fn list(&self) -> &[Watch] {
        &self.list
    }

    /// The watch named `name`.
    pub fn get(&self, name: &str) -> Option<&Watch> {
        self.list.iter().find(|w| w.name == name)
    }

    /// Adds a watch and saves. It reports what enters or changes in `index` from now on; its
    /// query and options are tried on the index first, so that one that cannot run is
    /// refused now rather than at every run.
    pub fn add(&mut self, index: &Index, mut watch: Watch) -> Result<()> {
        if self.get(&watch.name).is_some() {
            return Err(Error::InvalidArgument {
                what: "watch name",
                value: watch.name,
                hint: Some("there is a watch of that name; edit or remove it".into()),
            });
        }
        check(index, &watch)?;
        watch.seen_until = index.last_change()?;
        self.list.push(watch);
        self.save()
    }

    /// Changes the watch named `name` with `change` and saves; what it has reported stays
    /// reported.
    pub fn edit(
        &mut self,
        index: &Index,
        name: &str,
        change: impl FnOnce(&mut Watch),
    ) -> Result<()> {
        let at = self.position(name)?;
        let mut watch = self.list[at].clone();
        change(&mut watch);
        watch.name = self.list[at].name.clone();
        check(index, &watch)?;
        self.list[at] = watch;
        self.save()
    }

    /// Removes the watch named `name` and saves.
    pub fn remove(&mut self, name: &str) -> Result<Watch> {
        let at = self.position(name)?;
        let watch = self.list.remove(at);
        self.save()?;
        Ok(watch)
    }

    /// Runs the watches named in `names` (all of them when it is empty), in order: for each,
    /// what is new for it is handed to `deliver`, and once that returned, its state moves on
    /// and is saved. An error from `deliver` stops the run with that watch's state as it was:
    /// the next run reports the same documents again.
    ///
    /// `deliver` may fail with an error of its own (writing to a closed pipe, say): `E` is
    /// any error type the library's errors convert into.
    pub fn run<E: From<Error>>(
        &mut self,
        index: &Index,
        names: &[String],
        mut deliver: impl FnMut(&News) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let chosen: Vec<usize> = match names.is_empty() {
            true => (0..self.list.len()).collect(),
            false => names
                .iter()
                .map(|n| self.position(n))
                .collect::<Result<_>>()?,
        };
        for at in chosen {
            let news = News::of(index, &self.list[at])?;
            deliver(&news)?;
            let watch = &mut self.list[at];
            watch.seen_until = news.until.or(watch.seen_until);
            watch.last_run = Some(Timestamp::now());
            self.save()?;
        }
        Ok(())
    }

    fn position(&self, name: &str) -> Result<usize> {
        self.list
            .iter()
            .position(|w| w.name == name)
            .ok_or_else(|| Error::InvalidArgument {
                what: "watch",
                value: name.to_string(),
                hint: Some(match self.list.is_empty() {
                    true => "there are no watches; add one with `kamerzoek watch add`".into(),
                    false => format!(
                        "the watches are {}",
                        self.list
                            .iter()
                            .map(|w| w.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }),
            })
    }

    fn save(&self) -> Result<()> {
        let file = WatchFile {
            format: FORMAT.into(),
            version: VERSION,
            watches: self.list.clone(),
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(|e| Error::Index {
            path: self.path.clone(),
            reason: format!("cannot write the watches: {e}"),
        })?;
        json.push(b'\n');
        replace_file(&self.path, &json)
    }
}

/// Tries a watch's query and options on `index`: an error says what is wrong with them.
fn check(index: &Index, watch: &Watch) -> Result<()> {
    watch.check_chooses()?;
    let options = crate::SearchOptions {
        limit: 0,
        ..watch.options()
    };
    index.search(watch.query_text(), &options).map(|_| ())
}

/// The watches in a watches file's bytes; an error naming the file where they cannot be read.
fn read(path: &Path, bytes: &[u8]) -> Result<Vec<Watch>> {
    let damaged = |reason: String| Error::Damaged {
        path: path.to_path_buf(),
        reason: format!("{reason}; it is left as it is"),
    };
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| damaged(format!("is not a watches file (not JSON: {e})")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(damaged(format!(
            "is not a watches file (no \"format\": \"{FORMAT}\")"
        )));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => {
            return Err(damaged(format!(
                "is version {v} of the watches file; this kamerzoek reads version {VERSION}"
            )))
        }
        None => return Err(damaged("has no version".into())),
    }
    let file: WatchFile =
        serde_json::from_value(value).map_err(|e| damaged(format!("is damaged: {e}")))?;
    let mut names = std::collections::HashSet::new();
    for w in &file.watches {
        Watch::new(&w.name).map_err(|e| damaged(format!("is damaged: {e}")))?;
        if !names.insert(&w.name) {
            return Err(damaged(format!(
                "is damaged: two watches are named {}",
                w.name
            )));
        }
    }
    Ok(file.watches)
}

/// Writes `bytes` to `path` whole or not at all: to a new file beside it, flushed to disk,
/// then moved over it.
pub(super) fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| Error::io(path, e))?;
    file.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_is_named_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        for (bytes, says) in [
            (&b"{\"format\": \"kamerzoek watches\", \"version\": 1, \"watches\": ["[..], "not JSON"),
            (b"{\"watches\": []}", "not a watches file"),
            (b"{\"format\": \"kamerzoek watches\", \"version\": 9, \"watches\": []}", "version 9"),
            (
                b"{\"format\": \"kamerzoek watches\", \"version\": 1, \"watches\": [{\"name\": \"../x\", \"created\": \"2026-12-07T00:00:00Z\"}]}",
                "watch name",
            ),
        ] {
            std::fs::write(&path, bytes).unwrap();
            let err = Watches::open_in(dir.path()).unwrap_err().to_string();
            assert!(err.contains(FILE) && err.contains(says), "{err}");
            assert_eq!(std::fs::read(&path).unwrap(), bytes);
        }
    }

    #[test]
    fn watches_are_written_whole_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open_or_create(dir.path()).unwrap();
        let mut watches = Watches::open(&index).unwrap();
        let mut w = Watch::new("stikstof").unwrap();
        w.query = Some("stikstof".into());
        watches.add(&index, w.clone()).unwrap();
        assert!(watches.add(&index, w).is_err(), "a second of the same name");
        let mut bad = Watch::new("leeg").unwrap();
        bad.doc_type = Some("geen-type".into());
        assert!(
            watches.add(&index, bad).is_err(),
            "a type that does not exist"
        );
        drop(watches);
        let watches = Watches::open(&index).unwrap();
        assert_eq!(watches.list().len(), 1);
        assert_eq!(watches.list()[0].query.as_deref(), Some("stikstof"));
        let text = std::fs::read_to_string(watches.path()).unwrap();
        assert!(text.contains("\"format\": \"kamerzoek watches\""), "{text}");
    }
}
