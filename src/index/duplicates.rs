//! Which copy of a document the index keeps. Two files can give one document: the XML and the
//! PDF of a motie (the same id), a PDF and pdftotext's `.txt` of it (the same text, one without
//! an id). The richer copy is kept and the other stands behind it in the manifest, to come back
//! when the kept one goes; between copies as rich, the path that sorts first.

use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

use super::codec::Times;
use super::manifest::{hash_bytes, Lookup, NextManifest, Slot, SourceFile, Stamp, Written};
use super::report::IndexReport;
use super::times::content_hash;
use super::Writer;
use crate::document::{is_path_key, key_hash};
use crate::walk::Skipped;
use crate::{Document, Result};

/// The file whose documents are written: its path as found (for messages), as the manifest
/// keys it, and its stamp.
pub(super) struct FileToWrite<'a> {
    pub found: &'a Path,
    pub canon: &'a Path,
    pub stamp: Stamp,
}

/// Who holds each key, and which key holds each text, to resolve duplicates: what this run
/// wrote, on top of the manifest of the last commit (whose sources the run did not touch
/// hold what they held).
///
/// Sixteen bytes or so per document written in this run: keys and texts are known by their
/// hash, sources by their [`Slot`] in the manifest being built, and the rest (the key itself,
/// the path, the richness) is read from the holder's manifest record when a hash matches.
#[derive(Default)]
pub(super) struct Owners {
    /// By key hash: who holds the key, or [`Holding::NOBODY`] where the run took it out.
    by_key: FxHashMap<u64, Holding>,
    /// By text hash: the hash of the key holding the text, and whether that key is a path
    /// (only then can a copy be one, see [`Owners::holder`]).
    by_text: FxHashMap<u64, (u64, bool)>,
    /// By key hash: the documents of files gone in this run, whose times a document that
    /// comes back under the same key from another file (a file moved) keeps.
    gone: FxHashMap<u64, Written>,
}

#[derive(Clone, Copy)]
struct Holding {
    slot: Slot,
    /// Passages of a document written in this run, else [`Holding::EARLIER`].
    passages: u32,
}

impl Holding {
    const NOBODY: Holding = Holding {
        slot: Slot::MAX,
        passages: Holding::EARLIER,
    };
    const EARLIER: u32 = u32::MAX;
}

/// Who holds a key.
enum KeyHolder {
    Nobody,
    Source(Found),
    /// The file being written, before this run: its own earlier version.
    OwnEarlierVersion,
}

/// A document already in the index, as duplicate resolution finds it.
struct Found {
    /// The key as its holder has it.
    key: String,
    source: PathBuf,
    richness: u64,
    /// Its record, where the index has the document (not when the holder stands behind).
    record: Option<Written>,
}

impl Found {
    /// The key with hash `hash` among `source`'s documents, or among the keys it stands
    /// behind (richness 0: that document is not in the index).
    fn in_source(hash: u64, source: SourceFile) -> Option<Found> {
        let (key, richness, record) =
            match source.documents.iter().find(|w| key_hash(&w.key) == hash) {
                Some(w) => (w.key.clone(), w.richness, Some(w.clone())),
                None => (
                    source
                        .shadowed
                        .iter()
                        .find(|k| key_hash(k) == hash)?
                        .clone(),
                    0,
                    None,
                ),
            };
        Some(Found {
            key,
            source: source.path,
            richness,
            record,
        })
    }
}

impl Owners {
    /// Notes the documents of a file that is gone from the corpus.
    pub(super) fn gone(&mut self, source: SourceFile) {
        for d in source.documents {
            self.gone.insert(key_hash(&d.key), d);
        }
    }

    fn insert(&mut self, d: &Written, slot: Slot, passages: Option<usize>) {
        let key = key_hash(&d.key);
        let passages = passages.map_or(Holding::EARLIER, |p| {
            u32::try_from(p).unwrap_or(Holding::EARLIER - 1)
        });
        self.by_key.insert(key, Holding { slot, passages });
        if d.text_hash != EMPTY_TEXT {
            self.by_text.insert(d.text_hash, (key, is_path_key(&d.key)));
        }
    }

    /// Who holds the key with hash `hash`: this run's word, else the last commit's source
    /// that this run left alone. `current` is the entry being built for `file`, the file
    /// being written (in `slot`), which holds only what it wrote in this run.
    fn key_holder(
        &self,
        hash: u64,
        (file, slot, current): (&Path, Slot, &SourceFile),
        next: &mut NextManifest,
    ) -> Result<KeyHolder> {
        if let Some(h) = self.by_key.get(&hash) {
            if h.slot == slot {
                let own = current.documents.iter().find(|w| key_hash(&w.key) == hash);
                return Ok(match own {
                    Some(w) => KeyHolder::Source(Found {
                        key: w.key.clone(),
                        source: file.to_path_buf(),
                        richness: w.richness,
                        record: Some(w.clone()),
                    }),
                    None => KeyHolder::OwnEarlierVersion,
                });
            }
            let found = match next.record(h.slot)? {
                Some(source) => Found::in_source(hash, source),
                None => None,
            };
            return Ok(found.map_or(KeyHolder::Nobody, KeyHolder::Source));
        }
        let held = next.base_with(Lookup::Key, hash, file)?;
        if held.own {
            return Ok(KeyHolder::OwnEarlierVersion);
        }
        for source in held.others {
            if let Some(found) = Found::in_source(hash, source) {
                return Ok(KeyHolder::Source(found));
            }
        }
        Ok(KeyHolder::Nobody)
    }

    /// The document already in the index that `d` is a copy of: one with its key, or one with
    /// its text where either of them is known only by its path.
    fn holder(
        &self,
        d: &Written,
        file: (&Path, Slot, &SourceFile),
        next: &mut NextManifest,
    ) -> Result<Option<Found>> {
        match self.key_holder(key_hash(&d.key), file, next)? {
            // The file's own earlier version of the document: not a copy of anything.
            KeyHolder::OwnEarlierVersion => return Ok(None),
            KeyHolder::Source(found) if found.key == d.key => return Ok(Some(found)),
            // Another key with the same hash.
            KeyHolder::Source(_) | KeyHolder::Nobody => {}
        }
        let Some((other, other_is_path)) = self.text_holder(d.text_hash, file.0, next)? else {
            return Ok(None);
        };
        // Two Kamerstukken with the same words are still two Kamerstukken: known without
        // reading the holder's manifest record (replicated and re-exported corpora have many).
        if !(is_path_key(&d.key) || other_is_path) {
            return Ok(None);
        }
        let KeyHolder::Source(found) = self.key_holder(other, file, next)? else {
            return Ok(None);
        };
        if !(is_path_key(&d.key) || is_path_key(&found.key)) {
            return Ok(None);
        }
        Ok(Some(found))
    }

    /// The hash of the key that holds the text with hash `text`, and whether that key is a
    /// path.
    fn text_holder(
        &self,
        text: u64,
        file: &Path,
        next: &NextManifest,
    ) -> Result<Option<(u64, bool)>> {
        if text == EMPTY_TEXT {
            return Ok(None);
        }
        if let Some(key) = self.by_text.get(&text) {
            return Ok(Some(*key));
        }
        for source in next.base_with(Lookup::Text, text, file)?.others {
            if let Some(w) = source.documents.iter().find(|w| w.text_hash == text) {
                return Ok(Some((key_hash(&w.key), is_path_key(&w.key))));
            }
        }
        Ok(None)
    }
}

const EMPTY_TEXT: u64 = 0;

/// One file's documents being written, resolving duplicates, and what the manifest will
/// record of the file. A file of many documents is written in parts ([`FileWriting::add`]),
/// so that it is never held whole; no other file's documents come between its parts.
pub(super) struct FileWriting {
    found: PathBuf,
    old: Option<SourceFile>,
    /// By key hash: where in `old` each of its documents is.
    old_keys: FxHashMap<u64, usize>,
    slot: Slot,
    entry: SourceFile,
}

impl FileWriting {
    /// Starts writing `file`: what the manifest had of it is taken out until [`Self::finish`].
    pub(super) fn start(file: &FileToWrite<'_>, next: &mut NextManifest) -> Result<FileWriting> {
        let old = next.take(file.canon)?;
        let old_keys = old.iter().flat_map(|o| &o.documents).enumerate();
        Ok(FileWriting {
            found: file.found.to_path_buf(),
            old_keys: old_keys.map(|(i, w)| (key_hash(&w.key), i)).collect(),
            old,
            slot: next.slot(file.canon)?,
            entry: SourceFile {
                path: file.canon.to_path_buf(),
                stamp: file.stamp,
                hash: 0,
                documents: Vec::new(),
                shadowed: Vec::new(),
            },
        })
    }

    /// Writes documents of the file, each with the warnings it was read with.
    pub(super) fn add(
        &mut self,
        docs: Vec<(Document, Vec<String>)>,
        writer: &mut Writer<'_>,
        next: &mut NextManifest,
        owners: &mut Owners,
        report: &mut IndexReport,
    ) -> Result<()> {
        for (doc, warnings) in docs {
            report
                .warnings
                .extend(warnings.into_iter().map(|reason| Skipped {
                    path: self.found.clone(),
                    reason,
                }));
            self.add_one(&doc, writer, next, owners, report)?;
        }
        Ok(())
    }

    fn add_one(
        &mut self,
        doc: &Document,
        writer: &mut Writer<'_>,
        next: &mut NextManifest,
        owners: &mut Owners,
        report: &mut IndexReport,
    ) -> Result<()> {
        let canon = self.entry.path.as_path();
        let text = doc.text();
        let text_hash = if text.trim().is_empty() {
            EMPTY_TEXT
        } else {
            hash_bytes(text.as_bytes()).max(1)
        };
        let mut written = Written {
            key: doc.key(),
            richness: richness(doc, &text),
            text_hash,
            content: content_hash(text_hash, &doc.meta),
            added: 0,
            changed: 0,
        };
        let hash = key_hash(&written.key);
        let own_earlier = match self.old_keys.get(&hash) {
            Some(i) => self.old.as_ref().and_then(|o| o.documents.get(*i)).cloned(),
            None => None,
        };
        let mut earlier = own_earlier.filter(|w| w.key == written.key);
        if let Some(found) = owners.holder(&written, (canon, self.slot, &self.entry), next)? {
            let Found {
                key,
                source,
                richness,
                record,
            } = found;
            let what = if key == written.key {
                format!("same id {key} as")
            } else {
                "same text as".to_string()
            };
            // Between equals, the path that sorts first: the same one whichever file the
            // parallel readers hand over first.
            let theirs_stays = richness > written.richness
                || (richness == written.richness && source.as_path() <= canon);
            if theirs_stays {
                report.duplicates.push(Skipped {
                    path: self.found.clone(),
                    reason: format!(
                        "{what} {}, which has as much or more; kept that one",
                        source.display()
                    ),
                });
                self.entry.shadowed.push(key);
                return Ok(());
            }
            report.duplicates.push(Skipped {
                path: source.clone(),
                reason: format!(
                    "{what} {}, which has more; kept that one",
                    self.found.display()
                ),
            });
            if key == written.key {
                earlier = earlier.or(record);
            } else {
                writer.remove(&key);
            }
            // The poorer copy's file now stands behind this one.
            if source == self.entry.path {
                self.entry.documents.retain(|d| d.key != key);
            } else if let Some(mut s) = next.get(&source)? {
                if !next.touched(&source) {
                    // Its record changes in this run: what it holds is this run's to know.
                    let theirs = next.slot(&source)?;
                    for d in &s.documents {
                        if !owners.by_key.contains_key(&key_hash(&d.key)) {
                            owners.insert(d, theirs, None);
                        }
                    }
                }
                s.documents.retain(|d| d.key != key);
                s.shadowed.push(key.clone());
                next.put(s)?;
            }
            // Replaced before the run is over: it does not count as written.
            if let Some(h) = owners.by_key.get_mut(&key_hash(&key)) {
                if h.passages != Holding::EARLIER {
                    report.documents -= 1;
                    report.passages -= h.passages as usize;
                    h.passages = Holding::EARLIER;
                }
            }
        }
        let earlier = earlier.or_else(|| {
            owners
                .gone
                .get(&hash)
                .filter(|w| w.key == written.key)
                .cloned()
        });
        let times = Times::of(earlier.as_ref(), written.content, writer.now());
        (written.added, written.changed) = (times.added.as_millis(), times.changed.as_millis());
        let passages = writer.add_at(doc, times)?;
        owners.insert(&written, self.slot, Some(passages));
        self.entry.documents.push(written);
        report.documents += 1;
        report.passages += passages;
        Ok(())
    }

    /// Ends the file, whose bytes hash to `hash`: the documents it had before and has no
    /// more (a record taken out of a JSON lines file) are removed, and the manifest records
    /// it.
    pub(super) fn finish(
        mut self,
        hash: u64,
        writer: &mut Writer<'_>,
        next: &mut NextManifest,
        owners: &mut Owners,
    ) -> Result<()> {
        if let Some(old) = self.old.take() {
            let kept: FxHashSet<&str> = self
                .entry
                .documents
                .iter()
                .map(|d| d.key.as_str())
                .chain(self.entry.shadowed.iter().map(String::as_str))
                .collect();
            for d in &old.documents {
                if !kept.contains(d.key.as_str()) {
                    writer.remove(&d.key);
                    owners.by_key.insert(key_hash(&d.key), Holding::NOBODY);
                }
            }
        }
        self.entry.hash = hash;
        next.put(self.entry)
    }
}

/// How much a document has to offer: metadata fields found, then text length.
fn richness(doc: &Document, text: &str) -> u64 {
    doc.meta.sources.len() as u64 * 1_000_000 + (text.len() as u64).min(999_999)
}
