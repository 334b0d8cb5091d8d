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

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

const PREFIX: &str = "kamerzoek-manifest-";
const RECORDS: &str = "jsonl";
const TABLES: &str = "idx";
const LEXICON: &str = "lex";
const MAGIC: &[u8; 8] = b"KZMANIF1";

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
///
/// ```
/// let index = kamerzoek::Index::create_in_ram().unwrap();
/// index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
/// let manifest = index.manifest().unwrap();
/// let xml = std::fs::canonicalize("sample_corpus/kst-33750-IV-16.xml").unwrap();
/// let source = manifest.get(&xml).unwrap().unwrap();
/// assert_eq!(source.documents[0].key, "kst-33750-IV-16");
/// assert_eq!(manifest.sources().count(), manifest.len());
/// ```
#[derive(Debug, Default)]
pub struct Manifest {
    /// The records file, `None` for an index that has none yet.
    records: Option<Records>,
    tables: Tables,
    /// Converted from an earlier kamerzoek's manifest and not yet committed.
    pub(crate) converted: bool,
}

#[derive(Debug)]
struct Records {
    path: PathBuf,
    file: Mutex<BufReader<File>>,
}

/// Sorted (hash, offset of the record) pairs.
#[derive(Debug, Default)]
struct Tables {
    paths: Vec<(u128, u64)>,
    keys: Vec<(u64, u64)>,
    texts: Vec<(u64, u64)>,
    shadows: Vec<(u64, u64)>,
}

/// A lookup by the hash of a document's key or of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    Key,
    Text,
}

impl Tables {
    fn of(&self, lookup: Lookup) -> &[(u64, u64)] {
        match lookup {
            Lookup::Key => &self.keys,
            Lookup::Text => &self.texts,
        }
    }

    fn add(&mut self, source: &SourceFile, offset: u64) {
        self.paths.push((path_id(&source.path), offset));
        for d in &source.documents {
            self.keys.push((key_id(&d.key), offset));
            if d.text_hash != 0 {
                self.texts.push((d.text_hash, offset));
            }
        }
        for k in &source.shadowed {
            self.shadows.push((key_id(k), offset));
        }
    }

    fn sort(&mut self) {
        self.paths.sort_unstable();
        self.keys.sort_unstable();
        self.texts.sort_unstable();
        self.shadows.sort_unstable();
    }

    fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(MAGIC)?;
        for n in [
            self.paths.len(),
            self.keys.len(),
            self.texts.len(),
            self.shadows.len(),
        ] {
            out.write_all(&(n as u64).to_le_bytes())?;
        }
        for (id, off) in &self.paths {
            out.write_all(&id.to_le_bytes())?;
            out.write_all(&off.to_le_bytes())?;
        }
        for table in [&self.keys, &self.texts, &self.shadows] {
            for (id, off) in table {
                out.write_all(&id.to_le_bytes())?;
                out.write_all(&off.to_le_bytes())?;
            }
        }
        Ok(())
    }

    fn read(bytes: &[u8]) -> Option<Tables> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let word = |i: usize| -> Option<u64> {
            let b = rest.get(i * 8..i * 8 + 8)?;
            Some(u64::from_le_bytes(b.try_into().ok()?))
        };
        let count = |i| word(i).and_then(|n| usize::try_from(n).ok());
        let (paths, keys, texts, shadows) = (count(0)?, count(1)?, count(2)?, count(3)?);
        let pairs = keys.checked_add(texts)?.checked_add(shadows)?;
        let words = paths.checked_mul(3)?.checked_add(pairs.checked_mul(2)?)?;
        if rest.len() != words.checked_add(4)?.checked_mul(8)? {
            return None;
        }
        let mut at = 4;
        let mut next = || {
            at += 1;
            word(at - 1).unwrap_or_default()
        };
        let paths = (0..paths)
            .map(|_| {
                let (lo, hi) = (next(), next());
                ((u128::from(hi) << 64) | u128::from(lo), next())
            })
            .collect();
        let mut pairs = |n: usize| (0..n).map(|_| (next(), next())).collect::<Vec<_>>();
        let (keys, texts, shadows) = (pairs(keys), pairs(texts), pairs(shadows));
        Some(Tables {
            paths,
            keys,
            texts,
            shadows,
        })
    }
}

/// The offsets `table` has for `id`.
fn offsets<T: Ord + Copy>(table: &[(T, u64)], id: T) -> impl Iterator<Item = u64> + '_ {
    let start = table.partition_point(|(k, _)| *k < id);
    table[start..]
        .iter()
        .take_while(move |(k, _)| *k == id)
        .map(|(_, off)| *off)
}

impl Manifest {
    /// The manifest a commit payload names in `dir`; an empty one for an index without one.
    pub(crate) fn load(dir: &Path, payload: Option<&str>) -> Result<Manifest> {
        let Some(name) = payload.filter(|p| p.starts_with(PREFIX)) else {
            return Ok(Manifest::default());
        };
        if name.ends_with(".json") {
            return Manifest::convert(dir, name);
        }
        let damaged = |what: String| Error::Index {
            path: dir.to_path_buf(),
            reason: format!("{name} is damaged: {what}"),
        };
        let records = dir.join(name);
        let tables_path = records.with_extension(TABLES);
        let bytes = std::fs::read(&tables_path).map_err(|e| Error::io(&tables_path, e))?;
        let tables =
            Tables::read(&bytes).ok_or_else(|| damaged("its tables are cut short".into()))?;
        let file = File::open(&records).map_err(|e| Error::io(&records, e))?;
        Ok(Manifest {
            records: Some(Records {
                path: records,
                file: Mutex::new(BufReader::with_capacity(16 * 1024, file)),
            }),
            tables,
            converted: false,
        })
    }

    /// Reads the single JSON file of kamerzoek before session 6 and writes it in this form,
    /// under a new name that the run's commit will make the index's.
    fn convert(dir: &Path, name: &str) -> Result<Manifest> {
        #[derive(Deserialize)]
        struct Legacy {
            sources: BTreeMap<PathBuf, LegacySource>,
        }
        #[derive(Deserialize)]
        struct LegacySource {
            stamp: Stamp,
            hash: u64,
            documents: Vec<Written>,
            shadowed: Vec<String>,
        }
        let path = dir.join(name);
        let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
        let legacy: Legacy =
            serde_json::from_reader(BufReader::new(file)).map_err(|e| Error::Index {
                path: dir.to_path_buf(),
                reason: format!("{name} is damaged: {e}"),
            })?;
        let mut next = NextManifest::new(Manifest::default(), dir)?;
        for (path, s) in legacy.sources {
            next.put(SourceFile {
                path,
                stamp: s.stamp,
                hash: s.hash,
                documents: s.documents,
                shadowed: s.shadowed,
            })?;
        }
        let (_, mut manifest) = next.finish()?;
        manifest.converted = true;
        Ok(manifest)
    }

    /// The number of source files.
    pub fn len(&self) -> usize {
        self.tables.paths.len()
    }

    /// Whether it has no source files.
    pub fn is_empty(&self) -> bool {
        self.tables.paths.is_empty()
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
    pub fn sources(&self) -> impl Iterator<Item = Result<SourceFile>> + '_ {
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
    serde_json::from_str(&line).map_err(|e| Error::Index {
        path: path.to_path_buf(),
        reason: format!("manifest record at byte {offset} is damaged: {e}"),
    })
}

/// The manifest a run builds: the last commit's with this run's changes, written as they come.
///
/// Records of files written in this run are appended to the new records file at once; what a
/// later change in the run replaces stays in the file, unreferenced. [`NextManifest::finish`]
/// copies the records of the files the run did not touch and writes the lookup tables.
pub(crate) struct NextManifest {
    base: Manifest,
    name: String,
    records: PathBuf,
    out: BufWriter<File>,
    /// Where the next record goes.
    end: u64,
    /// To read back what this run wrote.
    back: BufReader<File>,
    /// Paths this run changed (wrote, removed or took), by their slot.
    changed: FxHashMap<u128, Slot>,
    /// By slot: the offset of the record in the new file, or [`GONE`] when the source is gone
    /// (or taken, until put back).
    slots: Vec<u64>,
    /// Offsets in the last commit's records of the sources in `changed`: lookups pass them by
    /// without reading them.
    touched_base: rustc_hash::FxHashSet<u64>,
}

/// What the last commit's tables say of a hash, for one file being written.
pub(crate) struct Held {
    /// The file's own earlier record has it.
    pub own: bool,
    /// The sources this run left alone that have it.
    pub others: Vec<SourceFile>,
}

/// A source this run changed, as [`NextManifest`] numbers them: four bytes to refer to it
/// by, where its path would take some sixty.
pub(crate) type Slot = u32;

const GONE: u64 = u64::MAX;

impl NextManifest {
    /// Starts a manifest in `dir` on top of `base`.
    pub(crate) fn new(base: Manifest, dir: &Path) -> Result<NextManifest> {
        let mut stamp = std::time::SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        // A new name, never an earlier manifest's.
        let (name, records, out) = loop {
            let name = format!("{PREFIX}{stamp}.{RECORDS}");
            let records = dir.join(&name);
            match File::options().write(true).create_new(true).open(&records) {
                Ok(out) => break (name, records, out),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => stamp += 1,
                Err(e) => return Err(Error::io(&records, e)),
            }
        };
        let back = File::open(&records).map_err(|e| Error::io(&records, e))?;
        Ok(NextManifest {
            base,
            name,
            records,
            out: BufWriter::new(out),
            end: 0,
            back: BufReader::with_capacity(16 * 1024, back),
            changed: FxHashMap::default(),
            slots: Vec::new(),
            touched_base: Default::default(),
        })
    }

    /// Whether this run changed (wrote, removed or took) the source at `path`.
    pub(crate) fn touched(&self, path: &Path) -> bool {
        self.changed.contains_key(&path_id(path))
    }

    /// The slot of the source at `path`, given to it now if this run had not changed it yet.
    /// A source given a slot is this run's to write: it has no record until it is put.
    pub(crate) fn slot(&mut self, path: &Path) -> Result<Slot> {
        let id = path_id(path);
        if let Some(slot) = self.changed.get(&id) {
            return Ok(*slot);
        }
        let slot = Slot::try_from(self.slots.len()).map_err(|_| Error::Index {
            path: self.records.clone(),
            reason: "more than four billion files in one run".into(),
        })?;
        self.slots.push(GONE);
        self.changed.insert(id, slot);
        self.touched_base
            .extend(offsets(&self.base.tables.paths, id));
        Ok(slot)
    }

    /// The last commit's sources with the key or text hash `hash` that this run left alone,
    /// and whether `file`'s own earlier record has it. Neither `file`'s record nor the other
    /// changed ones are read: a changed JSON lines file of thousands of documents would be
    /// read once for each of them.
    pub(crate) fn base_with(&self, lookup: Lookup, hash: u64, file: &Path) -> Result<Held> {
        let own_offsets: Vec<u64> = offsets(&self.base.tables.paths, path_id(file)).collect();
        let mut held = Held {
            own: false,
            others: Vec::new(),
        };
        for off in offsets(self.base.tables.of(lookup), hash) {
            if own_offsets.contains(&off) {
                held.own = true;
            } else if !self.touched_base.contains(&off) {
                held.others.push(self.base.read_at(off)?);
            }
        }
        Ok(held)
    }

    /// The source at `path` as it stands in this run.
    pub(crate) fn get(&mut self, path: &Path) -> Result<Option<SourceFile>> {
        match self.changed.get(&path_id(path)) {
            Some(slot) => self.record(*slot),
            None => self.base.get(path),
        }
    }

    /// The source in `slot` as it stands in this run.
    pub(crate) fn record(&mut self, slot: Slot) -> Result<Option<SourceFile>> {
        let offset = self.slots.get(slot as usize).copied().unwrap_or(GONE);
        if offset == GONE {
            return Ok(None);
        }
        self.out.flush().map_err(|e| Error::io(&self.records, e))?;
        read_record(&mut self.back, offset, &self.records).map(Some)
    }

    /// Takes the source at `path` out; it is gone unless it is put back.
    pub(crate) fn take(&mut self, path: &Path) -> Result<Option<SourceFile>> {
        let source = self.get(path)?;
        let slot = self.slot(path)?;
        self.slots[slot as usize] = GONE;
        Ok(source)
    }

    /// Records `source`, replacing what the manifest had at its path.
    pub(crate) fn put(&mut self, source: SourceFile) -> Result<()> {
        let slot = self.slot(&source.path)?;
        self.slots[slot as usize] = self.append(&source)?;
        Ok(())
    }

    fn append(&mut self, source: &SourceFile) -> Result<u64> {
        let mut line = serde_json::to_vec(source).map_err(|e| Error::Index {
            path: self.records.clone(),
            reason: format!("cannot write the manifest: {e}"),
        })?;
        line.push(b'\n');
        self.out
            .write_all(&line)
            .map_err(|e| Error::io(&self.records, e))?;
        let at = self.end;
        self.end += line.len() as u64;
        Ok(at)
    }

    /// Copies the sources this run did not change, writes the lookup tables, and returns the
    /// name for the commit payload with the manifest as it now is.
    pub(crate) fn finish(mut self) -> Result<(String, Manifest)> {
        let io = |e| Error::io(&self.records, e);
        let mut tables = Tables::default();
        let mut current: Vec<u64> = self.slots.iter().copied().filter(|o| *o != GONE).collect();
        current.sort_unstable();
        self.out.flush().map_err(io)?;
        for off in current {
            let source = read_record(&mut self.back, off, &self.records)?;
            tables.add(&source, off);
        }
        if let Some(base) = &self.base.records {
            // The last commit's records file, start to end: a record is copied when its path
            // is one this run left alone and the last commit's tables point at it (a file
            // also holds records that later ones in its run replaced).
            let mut file = match base.file.lock() {
                Ok(f) => f,
                Err(poisoned) => poisoned.into_inner(),
            };
            file.seek(SeekFrom::Start(0))
                .map_err(|e| Error::io(&base.path, e))?;
            let mut offset = 0u64;
            let mut line = String::new();
            loop {
                line.clear();
                let n = file
                    .read_line(&mut line)
                    .map_err(|e| Error::io(&base.path, e))?;
                if n == 0 {
                    break;
                }
                let at = offset;
                offset += n as u64;
                let source: SourceFile = serde_json::from_str(&line).map_err(|e| Error::Index {
                    path: base.path.clone(),
                    reason: format!("manifest record at byte {at} is damaged: {e}"),
                })?;
                let id = path_id(&source.path);
                let live = offsets(&self.base.tables.paths, id).any(|o| o == at);
                if live && !self.changed.contains_key(&id) {
                    self.out.write_all(line.as_bytes()).map_err(io)?;
                    tables.add(&source, self.end);
                    self.end += n as u64;
                }
            }
        }
        self.out.flush().map_err(io)?;
        tables.sort();
        let tables_path = self.records.with_extension(TABLES);
        let mut out =
            BufWriter::new(File::create(&tables_path).map_err(|e| Error::io(&tables_path, e))?);
        tables
            .write(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| Error::io(&tables_path, e))?;
        let mut file = self.back;
        file.rewind().map_err(io)?;
        let manifest = Manifest {
            records: Some(Records {
                path: self.records,
                file: Mutex::new(file),
            }),
            tables,
            converted: false,
        };
        Ok((self.name, manifest))
    }
}

/// The content hash kept for every source.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str, keys: &[&str], shadowed: &[&str]) -> SourceFile {
        SourceFile {
            path: PathBuf::from(path),
            stamp: Stamp {
                size: 10,
                mtime_ns: 5,
                sidecar: None,
            },
            hash: 7,
            documents: keys
                .iter()
                .map(|k| Written {
                    key: (*k).into(),
                    richness: 3,
                    text_hash: hash_bytes(k.as_bytes()),
                })
                .collect(),
            shadowed: shadowed.iter().map(|k| (*k).into()).collect(),
        }
    }

    #[test]
    fn a_run_replaces_removes_and_keeps_sources_and_the_commit_names_the_result() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = NextManifest::new(Manifest::default(), dir.path()).unwrap();
        for s in [
            source("/a/kst-1-2.xml", &["kst-1-2"], &[]),
            source("/a/kst-1-3.xml", &["kst-1-3"], &[]),
            source("/a/b.pdf", &[], &["kst-1-2"]),
        ] {
            first.put(s).unwrap();
        }
        // A source written twice in one run: the second version counts.
        first
            .put(source("/a/kst-1-3.xml", &["kst-1-3", "kst-1-4"], &[]))
            .unwrap();
        let (name, m) = first.finish().unwrap();
        assert_eq!(m.len(), 3);
        let loaded = Manifest::load(dir.path(), Some(&name)).unwrap();
        let got = loaded.get(Path::new("/a/kst-1-3.xml")).unwrap().unwrap();
        assert_eq!(got.documents.len(), 2);
        assert_eq!(
            loaded.with(Lookup::Key, key_id("kst-1-4")).unwrap()[0].path,
            got.path
        );
        assert!(loaded
            .with(Lookup::Key, key_id("kst-9-9"))
            .unwrap()
            .is_empty());
        let text = hash_bytes(b"kst-1-2");
        assert_eq!(
            loaded.with(Lookup::Text, text).unwrap()[0].path,
            Path::new("/a/kst-1-2.xml")
        );
        assert_eq!(
            loaded.shadowing(key_id("kst-1-2")).unwrap()[0].path,
            Path::new("/a/b.pdf")
        );
        assert!(loaded.get(Path::new("/a/other.xml")).unwrap().is_none());

        // The next run: one source changed, one gone, one untouched and copied.
        let mut second = NextManifest::new(loaded, dir.path()).unwrap();
        assert!(second.take(Path::new("/a/b.pdf")).unwrap().is_some());
        assert!(second.get(Path::new("/a/b.pdf")).unwrap().is_none());
        assert!(second.touched(Path::new("/a/b.pdf")));
        let mut changed = second.take(Path::new("/a/kst-1-2.xml")).unwrap().unwrap();
        changed.hash = 8;
        second.put(changed).unwrap();
        assert_eq!(
            second
                .get(Path::new("/a/kst-1-2.xml"))
                .unwrap()
                .unwrap()
                .hash,
            8
        );
        assert!(!second.touched(Path::new("/a/kst-1-3.xml")));
        let (name2, m2) = second.finish().unwrap();
        assert_eq!(m2.len(), 2);
        assert_eq!(
            m2.get(Path::new("/a/kst-1-2.xml")).unwrap().unwrap().hash,
            8
        );
        assert_eq!(
            m2.get(Path::new("/a/kst-1-3.xml"))
                .unwrap()
                .unwrap()
                .documents
                .len(),
            2
        );
        assert!(m2.get(Path::new("/a/b.pdf")).unwrap().is_none());
        let mut all: Vec<PathBuf> = m2.sources().map(|s| s.unwrap().path).collect();
        all.sort();
        assert_eq!(
            all,
            [
                PathBuf::from("/a/kst-1-2.xml"),
                PathBuf::from("/a/kst-1-3.xml")
            ]
        );

        Manifest::clean(dir.path(), &name2);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
        assert!(dir.path().join(&name2).exists());
        assert!(!dir.path().join(&name).exists());
        assert!(Manifest::load(dir.path(), None).unwrap().is_empty());
    }

    #[test]
    fn lookups_pass_by_the_records_of_sources_this_run_changed() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = NextManifest::new(Manifest::default(), dir.path()).unwrap();
        first.put(source("/a/x.jsonl", &["k1", "k2"], &[])).unwrap();
        first.put(source("/a/y.txt", &["k3"], &[])).unwrap();
        let (name, _) = first.finish().unwrap();
        // The record of x.jsonl damaged in place: reading it would be an error.
        let records = dir.path().join(&name);
        let text = std::fs::read_to_string(&records).unwrap();
        let x_line = text.lines().find(|l| l.contains("x.jsonl")).unwrap();
        let damaged = text.replace(x_line, &"#".repeat(x_line.len()));
        std::fs::write(&records, damaged).unwrap();
        let base = Manifest::load(dir.path(), Some(&name)).unwrap();
        let mut next = NextManifest::new(base, dir.path()).unwrap();
        let (x, y) = (Path::new("/a/x.jsonl"), Path::new("/a/y.txt"));
        next.slot(x).unwrap();
        // Its own earlier record has the key: known from the tables alone.
        let held = next.base_with(Lookup::Key, key_id("k1"), x).unwrap();
        assert!(held.own && held.others.is_empty());
        // Another file asking: x.jsonl is this run's now, not the last commit's.
        let held = next.base_with(Lookup::Key, key_id("k2"), y).unwrap();
        assert!(!held.own && held.others.is_empty());
        let held = next.base_with(Lookup::Text, hash_bytes(b"k3"), x).unwrap();
        assert_eq!(held.others[0].path, y);
    }

    #[test]
    fn damaged_tables_are_an_error_naming_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let mut next = NextManifest::new(Manifest::default(), dir.path()).unwrap();
        next.put(source("/a/x.txt", &["path:/a/x.txt"], &[]))
            .unwrap();
        let (name, _) = next.finish().unwrap();
        let tables = dir.path().join(&name).with_extension(TABLES);
        let bytes = std::fs::read(&tables).unwrap();
        std::fs::write(&tables, &bytes[..bytes.len() - 3]).unwrap();
        let err = Manifest::load(dir.path(), Some(&name))
            .unwrap_err()
            .to_string();
        assert!(err.contains(&name) && err.contains("damaged"), "{err}");
    }

    #[test]
    fn the_manifest_of_an_earlier_kamerzoek_is_read_and_converted() {
        let dir = tempfile::tempdir().unwrap();
        let legacy = r#"{"sources":{"/a/kst-1-2.xml":{"stamp":{"size":10,"mtime_ns":5,"sidecar":null},"hash":7,"documents":[{"key":"kst-1-2","richness":3,"text_hash":9}],"shadowed":[]}}}"#;
        let name = format!("{PREFIX}1.json");
        std::fs::write(dir.path().join(&name), legacy).unwrap();
        let m = Manifest::load(dir.path(), Some(&name)).unwrap();
        assert!(m.converted);
        let s = m.get(Path::new("/a/kst-1-2.xml")).unwrap().unwrap();
        assert_eq!((s.hash, s.documents[0].key.as_str()), (7, "kst-1-2"));
    }
}
