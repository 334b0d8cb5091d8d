//! When each document entered the index and when it last changed, which is what `--since`
//! and watches ask of it.
//!
//! A writer gives everything it writes before a commit one moment, later than any moment the
//! index holds (the clock may go back; the index's moments do not). A document written again
//! keeps the moment it entered; its "changed" moves only when its text or metadata did: a
//! file indexed again because it was touched, moved or renamed reports nothing new.

use std::hash::Hasher;

use super::manifest::Written;
use super::Index;
use crate::meta::Metadata;
use crate::{Result, Timestamp};

use super::codec::Times;

impl Times {
    /// The times of a document written at `now` whose content hashes to `content`, given what
    /// the index held under its key before, if anything.
    pub(crate) fn of(earlier: Option<&Written>, content: u64, now: Timestamp) -> Times {
        match earlier {
            Some(w) if w.added > 0 => Times {
                added: Timestamp::from_millis(w.added),
                changed: match w.content == content {
                    true => Timestamp::from_millis(w.changed),
                    false => now,
                },
            },
            _ => Times {
                added: now,
                changed: now,
            },
        }
    }
}

/// A hash of what a reader sees of a document: its clean text (hashed already, `text_hash`)
/// and its metadata.
pub(crate) fn content_hash(text_hash: u64, meta: &Metadata) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.write_u64(text_hash);
    // Serialized straight into the hasher: the same metadata gives the same bytes.
    let _ = serde_json::to_writer(HashWriter(&mut hasher), meta);
    hasher.finish()
}

struct HashWriter<'h>(&'h mut xxhash_rust::xxh3::Xxh3);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Index {
    /// The latest moment at which a document in the index entered or changed: what the last
    /// commit that wrote documents wrote them at. `None` for an index without documents.
    ///
    /// ```
    /// let index = kamerzoek::Index::create_in_ram().unwrap();
    /// assert_eq!(index.last_change().unwrap(), None);
    /// index.index_paths(&["sample_corpus"], &Default::default()).unwrap();
    /// let changed = index.last_change().unwrap().unwrap();
    /// assert!(changed <= kamerzoek::Timestamp::now());
    /// ```
    pub fn last_change(&self) -> Result<Option<Timestamp>> {
        let searcher = self.reader.searcher();
        let schema = self.inner.schema();
        let name = schema.get_field_name(self.fields.changed);
        let mut latest = None;
        for segment in searcher.segment_readers() {
            if segment.num_docs() == 0 {
                continue;
            }
            let column = segment.fast_fields().u64(name)?;
            latest = latest.max(Some(column.max_value()));
        }
        Ok(latest.filter(|ms| *ms > 0).map(Timestamp::from_millis))
    }

    /// The moment a writer opened now writes its documents at.
    pub(crate) fn next_moment(&self) -> Result<Timestamp> {
        let now = Timestamp::now();
        Ok(match self.last_change()? {
            Some(last) => now.max(last.next()),
            None => now,
        })
    }

    /// The times the document stored under `key` has, if the index has it.
    pub(crate) fn stored_times(&self, key: &str) -> Result<Option<Times>> {
        let searcher = self.reader.searcher();
        let term = tantivy::Term::from_field_text(self.fields.key, key);
        let q = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let found = searcher.search(&q, &tantivy::collector::DocSetCollector)?;
        match found.into_iter().next() {
            Some(addr) => {
                let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
                Ok(Some(super::codec::times(&self.fields, &doc)))
            }
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(content: u64, added: u64, changed: u64) -> Written {
        Written {
            key: "kst-36600-XVI-12".into(),
            richness: 0,
            text_hash: 1,
            content,
            added,
            changed,
        }
    }

    #[test]
    fn a_document_keeps_when_it_entered_and_changes_only_with_its_content() {
        let now = Timestamp::from_millis(5_000);
        let at = |ms| Timestamp::from_millis(ms);
        assert_eq!(
            Times::of(None, 7, now),
            Times {
                added: now,
                changed: now
            }
        );
        let same = Times::of(Some(&written(7, 1_000, 2_000)), 7, now);
        assert_eq!((same.added, same.changed), (at(1_000), at(2_000)));
        let other = Times::of(Some(&written(8, 1_000, 2_000)), 7, now);
        assert_eq!((other.added, other.changed), (at(1_000), now));
        // A record from before moments were kept is as good as none.
        assert_eq!(Times::of(Some(&written(7, 0, 0)), 7, now).added, now);
    }

    #[test]
    fn the_content_hash_sees_metadata_too() {
        let mut meta = Metadata::default();
        let before = content_hash(1, &meta);
        assert_eq!(before, content_hash(1, &meta));
        assert_ne!(before, content_hash(2, &meta));
        meta.title = Some("Motie van het lid Kröger".into());
        assert_ne!(before, content_hash(1, &meta));
    }
}
