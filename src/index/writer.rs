//! Writing documents: one tantivy document per passage, replacing what the key had before.

use std::sync::Arc;
use std::time::Duration;

use rustc_hash::FxHashSet as HashSet;
use tantivy::indexer::UserOperation;
use tantivy::schema::{Field, OwnedValue};
use tantivy::{IndexWriter, Term};

use super::codec;
use super::codec::Times;
use super::passage_doc::{InFlight, PassageDoc};
use super::{index_error, Index};
use crate::document::key_hash;
use crate::normalize::Lexicon;
use crate::passage;
use crate::{Document, Result, Timestamp};

/// Memory for tantivy's indexing threads, per thread.
const BUDGET_PER_THREAD: usize = 96 * 1024 * 1024;
/// Bytes of passages handed to tantivy and waiting for its indexing threads, at most (a soft
/// limit: see [`InFlight`]). A few seconds of work for them.
const IN_FLIGHT_BYTES: usize = 24 * 1024 * 1024;
/// How long a hand-over waits for tantivy to take documents before going ahead.
const IN_FLIGHT_PATIENCE: Duration = Duration::from_secs(5);

/// Adds and removes documents; nothing is visible to searches before [`Writer::commit`].
///
/// ```
/// use kamerzoek::{Document, Index, meta::Metadata, normalize::Lexicon};
/// let index = Index::create_in_ram().unwrap();
/// let mut writer = index.writer().unwrap();
/// let doc = Document::from_text("De Kamer,\n\nverzoekt de regering", "kst-36045-229.txt", Metadata::default(), &Lexicon::default());
/// writer.add(&doc).unwrap();
/// writer.add(&doc).unwrap(); // the same id again replaces it
/// writer.commit().unwrap();
/// assert_eq!(index.stats().unwrap().documents, 1);
/// ```
pub struct Writer<'a> {
    index: &'a Index,
    inner: IndexWriter<PassageDoc>,
    in_flight: InFlight,
    /// On an index that was empty when the writer opened: the hashes of the keys written
    /// since. Only those can need replacing, and a delete per document is work tantivy does
    /// for every segment it writes.
    written: Option<HashSet<u64>>,
    /// The moment the documents of the next commit are written at (see `times.rs`).
    now: Timestamp,
}

impl<'a> Writer<'a> {
    pub(super) fn new(index: &'a Index) -> Result<Writer<'a>> {
        // Writing splits compounds with the corpus's words: the lexicon must be there.
        index.with_lexicon(|_| ());
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 4);
        let inner = index
            .inner
            .writer_with_num_threads(threads, threads * BUDGET_PER_THREAD)
            .map_err(|e| index_error(&index.describe(), e))?;
        // A run killed while committing leaves files the last commit does not name (a delete
        // file named by the opstamp this writer starts from): gone before they are in the way.
        inner
            .garbage_collect_files()
            .wait()
            .map_err(|e| index_error(&index.describe(), e))?;
        // Another process may have committed since this index was opened; with the writer's
        // lock held, what the reader sees after a reload is what there is.
        index.reload()?;
        let empty = index.reader.searcher().num_docs() == 0;
        Ok(Writer {
            index,
            inner,
            in_flight: InFlight::new(IN_FLIGHT_BYTES, IN_FLIGHT_PATIENCE),
            written: empty.then(HashSet::default),
            now: index.next_moment()?,
        })
    }

    /// Adds a document, replacing any document stored under the same key. Returns the number
    /// of passages written. A document that replaces one keeps the moment that one entered
    /// the index; it changed now.
    pub fn add(&mut self, doc: &Document) -> Result<usize> {
        let key = doc.key();
        // On an index that was empty, only a key written since can have been there before.
        let surely_new = self
            .written
            .as_ref()
            .is_some_and(|w| !w.contains(&key_hash(&key)));
        let added = match surely_new {
            true => None,
            false => self.index.stored_times(&key)?.map(|t| t.added),
        };
        let times = Times {
            added: added.unwrap_or(self.now),
            changed: self.now,
        };
        self.add_at(doc, times)
    }

    /// The moment the documents of the next commit are written at.
    pub(crate) fn now(&self) -> Timestamp {
        self.now
    }

    /// Adds a document with the times it has in the index.
    pub(crate) fn add_at(&mut self, doc: &Document, times: Times) -> Result<usize> {
        let key = doc.key();
        let hash = key_hash(&key);
        let f = &self.index.fields;
        let passages = passage::split(&doc.paragraphs);
        // One batch per document: tantivy puts a batch's documents into one segment, next to
        // each other, which is what counting documents at search time relies on.
        let mut batch = Vec::with_capacity(passages.len().max(1) + 1);
        // A hash seen before may be another key's: then the delete finds nothing.
        let new_key = self.written.as_mut().is_some_and(|w| w.insert(hash));
        if !new_key {
            batch.push(UserOperation::Delete(Term::from_field_text(f.key, &key)));
        }
        let meta_json = codec::meta_json(&doc.meta, passages.len());
        // What every passage of the document carries, held once for all of them.
        let path = doc.path.to_string_lossy();
        let shared = codec::shared_values(f, &doc.meta, (&key, hash), &path, times);
        let shared_bytes: usize = shared.iter().map(|(_, v)| value_bytes(v)).sum();
        let shared: Arc<[(Field, OwnedValue)]> = shared.into();
        // A document without text still gets one (empty) passage, so that it can be found by
        // its metadata and shown.
        let passages = if passages.is_empty() {
            vec![passage::Passage {
                number: 0,
                line: 1,
                text: String::new(),
            }]
        } else {
            passages
        };
        let count = passages.len();
        // One permit for the whole document: its passages wait for tantivy together, and a
        // document larger than the bound does not wait for its own first passages.
        let bytes = shared_bytes
            + meta_json.len()
            + passages.iter().map(|p| p.text.len() + 64).sum::<usize>();
        let permit = Arc::new(self.in_flight.acquire(bytes));
        let mut meta_json = Some(meta_json);
        for p in passages {
            let own = codec::passage_values(f, &p, meta_json.take());
            batch.push(UserOperation::Add(PassageDoc::new(
                shared.clone(),
                own,
                p.text,
                codec::text_fields(f),
                permit.clone(),
            )));
        }
        self.inner.run(batch)?;
        Ok(count)
    }

    /// Normalizes a text held in memory, reads its metadata and adds it, like a file.
    ///
    /// `name` stands in for the path (a name such as `kst-34104-439.txt` also gives the id);
    /// what `meta` says wins over what the text says. Words broken across line ends are
    /// decided with the index's lexicon, or with the text's own words while the index has none.
    ///
    /// ```
    /// use kamerzoek::{Index, meta::Metadata};
    /// let index = Index::create_in_ram().unwrap();
    /// let mut writer = index.writer().unwrap();
    /// writer.add_text("Datum 3 april 2009\n\nDe moge-\nlijkheden van de bouw.", "brief.txt", Metadata::default()).unwrap();
    /// writer.commit().unwrap();
    /// assert_eq!(index.search("mogelijkheden", &Default::default()).unwrap().total, 1);
    /// ```
    pub fn add_text(
        &mut self,
        text: &str,
        name: impl AsRef<std::path::Path>,
        meta: crate::meta::Metadata,
    ) -> Result<usize> {
        // The corpus's spelling is the evidence; an index without a corpus yet has only the
        // text's own words. Not both: that would copy the whole lexicon for every text.
        let doc = self.index.with_lexicon(|lexicon| {
            if lexicon.is_empty() {
                let mut own = Lexicon::default();
                own.add_text(&crate::normalize::normalize_chars(text));
                Document::from_text(text, name, meta, &own)
            } else {
                Document::from_text(text, name, meta, lexicon)
            }
        });
        self.add(&doc)
    }

    /// Removes the document stored under `key` (a canonical id, or `path:<path>`).
    pub fn remove(&mut self, key: &str) {
        self.inner
            .delete_term(Term::from_field_text(self.index.fields.key, key));
    }

    /// Makes everything added so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<()> {
        // The manifest stays the index's: the commit names it again.
        let payload = self.index.payload();
        let mut prepared = self.inner.prepare_commit()?;
        if let Some(p) = &payload {
            prepared.set_payload(p);
        }
        prepared.commit()?;
        self.moved_on();
        self.index.reload()
    }

    /// After a commit: what comes after it is written at a later moment.
    fn moved_on(&mut self) {
        self.now = Timestamp::now().max(self.now.next());
    }

    /// Commits, with `name` (a manifest in the index's manifest folder) as the commit's
    /// payload: what makes that manifest the index's.
    pub(crate) fn commit_with(&mut self, name: String) -> Result<()> {
        let mut prepared = self.inner.prepare_commit()?;
        prepared.set_payload(&name);
        prepared.commit()?;
        self.moved_on();
        *self.index.payload_lock() = Some(name);
        self.index.reload()
    }
}

impl Writer<'_> {
    /// Throws away everything written since the last commit, the segment files it left on
    /// disk included, so that a failed run leaves the folder as the last commit had it (and
    /// a full disk the space it had).
    pub(crate) fn abandon(mut self) {
        // Best effort: the run failed already, and the next writer cleans up what this leaves.
        let _ = self.inner.rollback();
        let _ = self.inner.garbage_collect_files().wait();
    }
}

/// Roughly what a shared value takes in memory.
fn value_bytes(v: &OwnedValue) -> usize {
    match v {
        OwnedValue::Str(s) => s.len() + 24,
        _ => 16,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_document_written_again_keeps_when_it_entered_and_changes_later() {
        let index = Index::create_in_ram().unwrap();
        let meta = crate::meta::Metadata::default;
        let mut writer = index.writer().unwrap();
        writer
            .add_text("De Kamer verzoekt de regering.", "kst-40020-2.txt", meta())
            .unwrap();
        writer.commit().unwrap();
        let first = index.get("kst-40020-2").unwrap().unwrap();
        writer
            .add_text(
                "De Kamer verzoekt de regering opnieuw.",
                "kst-40020-2.txt",
                meta(),
            )
            .unwrap();
        writer
            .add_text("Een andere motie.", "kst-40020-3.txt", meta())
            .unwrap();
        writer.commit().unwrap();
        let again = index.get("kst-40020-2").unwrap().unwrap();
        let other = index.get("kst-40020-3").unwrap().unwrap();
        assert_eq!(again.added, first.added);
        assert!(again.changed > first.changed);
        // One moment per commit, later than the last.
        assert_eq!(other.added, again.changed);
        assert_eq!(index.last_change().unwrap(), again.changed);
    }

    #[test]
    fn a_document_larger_than_the_bytes_in_flight_does_not_wait_for_itself() {
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        // Room for about two of its passages; a wait would last half a minute.
        writer.in_flight = InFlight::new(3000, Duration::from_secs(30));
        let paragraph = "De Kamer verzoekt de regering de kwelders te beschermen. ".repeat(20);
        let text = [paragraph.as_str(); 12].join("\n\n");
        let started = Instant::now();
        let passages = writer
            .add_text(&text, "kst-40020-1.txt", crate::meta::Metadata::default())
            .unwrap();
        writer.commit().unwrap();
        assert!(passages > 3, "{passages} passages");
        assert!(started.elapsed() < Duration::from_secs(10));
        let hits = index.search("kwelders", &Default::default()).unwrap();
        assert_eq!(hits.total, 1);
    }
}
