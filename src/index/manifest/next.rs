//! The manifest a run writes: the last commit's with this run's changes, on disk as they come.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use rustc_hash::FxHashMap;

use super::tables::{offsets, Lookup, Tables};
use super::{path_id, read_record, Manifest, Records, SourceFile, PREFIX, RECORDS, TABLES};
use crate::{Error, Result};

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
                let source: SourceFile =
                    serde_json::from_str(&line).map_err(|e| Error::Damaged {
                        path: base.path.clone(),
                        reason: format!("is damaged: the record at byte {at}: {e}"),
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
        };
        Ok((self.name, manifest))
    }
}
