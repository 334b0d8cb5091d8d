//! The tantivy document of one passage, and the bound on how much text waits for tantivy.
//!
//! tantivy's writer queues up to 10,000 operations for its indexing threads, whatever their
//! size, and those threads are the slow end of indexing: with a document per operation and
//! its text copied into three fields, the queue alone would hold about 150 MB. A [`PassageDoc`]
//! holds its text once for the three fields that analyze it, and the fields its document's
//! passages share (key, ids, titles, citations) once for all of them. A document's passages
//! carry one [`Permit`] for its size from [`InFlight`], which the writer waits on: what is
//! queued stays under a fixed number of bytes however large the corpus.

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use tantivy::schema::{document::Document, Field, OwnedValue};

/// One passage as tantivy indexes and stores it.
pub(crate) struct PassageDoc {
    /// The fields every passage of the document has.
    shared: Arc<[(Field, OwnedValue)]>,
    /// This passage's own fields.
    own: Vec<(Field, OwnedValue)>,
    /// The passage text, and the fields it goes into.
    text: OwnedValue,
    text_fields: [Field; 3],
    /// The document's permit, shared by its passages.
    _permit: Arc<Permit>,
}

impl PassageDoc {
    pub(crate) fn new(
        shared: Arc<[(Field, OwnedValue)]>,
        own: Vec<(Field, OwnedValue)>,
        text: String,
        text_fields: [Field; 3],
        permit: Arc<Permit>,
    ) -> PassageDoc {
        PassageDoc {
            shared,
            own,
            text: OwnedValue::Str(text),
            text_fields,
            _permit: permit,
        }
    }
}

impl Document for PassageDoc {
    type Value<'a> = &'a OwnedValue;
    type FieldsValuesIter<'a> = Fields<'a>;

    fn iter_fields_and_values(&self) -> Fields<'_> {
        Fields { doc: self, at: 0 }
    }
}

/// The fields and values of a [`PassageDoc`]: shared, own, then the text once per text field.
pub(crate) struct Fields<'a> {
    doc: &'a PassageDoc,
    at: usize,
}

impl<'a> Iterator for Fields<'a> {
    type Item = (Field, &'a OwnedValue);

    fn next(&mut self) -> Option<Self::Item> {
        let (shared, own) = (self.doc.shared.len(), self.doc.own.len());
        let at = self.at;
        self.at += 1;
        if at < shared {
            let (f, v) = &self.doc.shared[at];
            Some((*f, v))
        } else if at < shared + own {
            let (f, v) = &self.doc.own[at - shared];
            Some((*f, v))
        } else {
            let f = self.doc.text_fields.get(at - shared - own)?;
            Some((*f, &self.doc.text))
        }
    }
}

/// Bytes of documents handed to tantivy and not yet indexed.
#[derive(Clone)]
pub(crate) struct InFlight {
    state: Arc<(Mutex<usize>, Condvar)>,
    limit: usize,
    patience: Duration,
}

impl InFlight {
    /// At most `limit` bytes in flight, waiting at most `patience` for room.
    pub(crate) fn new(limit: usize, patience: Duration) -> InFlight {
        InFlight {
            state: Arc::new((Mutex::new(0), Condvar::new())),
            limit,
            patience,
        }
    }

    /// A permit for `bytes`, once what is in flight leaves room for them; a document larger
    /// than the limit waits until nothing else is in flight.
    ///
    /// The wait is bounded: if nothing is freed for `patience`, tantivy's indexing threads
    /// may have stopped on an error, which the next hand-over to tantivy reports; waiting
    /// for them would hang.
    pub(crate) fn acquire(&self, bytes: usize) -> Permit {
        let (lock, freed) = &*self.state;
        // A poisoned lock means an indexing thread panicked; tantivy reports that itself.
        let mut used = lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut deadline = Instant::now() + self.patience;
        while *used > 0 && *used + bytes > self.limit {
            let before = *used;
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            used = freed
                .wait_timeout(used, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
            if *used < before {
                deadline = Instant::now() + self.patience;
            }
        }
        *used += bytes;
        Permit {
            state: self.state.clone(),
            bytes,
        }
    }

    #[cfg(test)]
    fn used(&self) -> usize {
        *self.state.0.lock().unwrap()
    }
}

/// Bytes held in flight until the document that carries the permit is dropped (indexed, or
/// thrown away with the writer).
pub(crate) struct Permit {
    state: Arc<(Mutex<usize>, Condvar)>,
    bytes: usize,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let (lock, freed) = &*self.state;
        let mut used = lock.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.bytes;
        freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_text_goes_into_each_text_field_once_and_shared_fields_come_first() {
        let (a, b, c, d, e) = (
            Field::from_field_id(0),
            Field::from_field_id(1),
            Field::from_field_id(2),
            Field::from_field_id(3),
            Field::from_field_id(4),
        );
        let shared: Arc<[(Field, OwnedValue)]> = vec![(a, OwnedValue::Str("key".into()))].into();
        let doc = PassageDoc::new(
            shared,
            vec![(b, OwnedValue::U64(3))],
            "tekst".into(),
            [c, d, e],
            Arc::new(InFlight::new(10, Duration::from_secs(1)).acquire(1)),
        );
        let fields: Vec<(u32, String)> = doc
            .iter_fields_and_values()
            .map(|(f, v)| (f.field_id(), format!("{v:?}")))
            .collect();
        assert_eq!(fields.len(), 5);
        assert_eq!(
            fields[0],
            (0, format!("{:?}", OwnedValue::Str("key".into())))
        );
        assert_eq!(fields[1].0, 1);
        let text = format!("{:?}", OwnedValue::Str("tekst".into()));
        assert_eq!(
            fields[2..],
            [(2, text.clone()), (3, text.clone()), (4, text)]
        );
    }

    #[test]
    fn permits_hold_bytes_until_dropped_and_a_full_limit_waits() {
        let inflight = InFlight::new(100, Duration::from_secs(30));
        let first = inflight.acquire(60);
        let second = inflight.acquire(40);
        assert_eq!(inflight.used(), 100);
        let waiter = {
            let inflight = inflight.clone();
            std::thread::spawn(move || {
                let _p = inflight.acquire(50);
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(
            !waiter.is_finished(),
            "room for 50 bytes before any were freed"
        );
        drop(first);
        waiter.join().unwrap();
        drop(second);
        assert_eq!(inflight.used(), 0);
        // Larger than the limit: taken when nothing else is in flight.
        let big = inflight.acquire(500);
        assert_eq!(inflight.used(), 500);
        drop(big);
    }

    #[test]
    fn a_wait_without_progress_gives_up() {
        let inflight = InFlight::new(100, Duration::from_millis(100));
        let _stuck = inflight.acquire(100);
        let started = Instant::now();
        let _over = inflight.acquire(10);
        assert!(started.elapsed() >= Duration::from_millis(100));
        assert_eq!(inflight.used(), 110);
    }
}
