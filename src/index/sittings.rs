//! The date of a sitting, for the items of its Handelingen that do not state it.
//!
//! The Handelingen of one sitting are published one file per agenda item (`h-tk-20172018-70-1`
//! to `-14`); only the opening item says when the sitting was held ("Donderdag 5 april 2018").
//! The other items have that date too, and no other: the dates in their text are those of the
//! letters and moties they deal with. So the items without a date wait until the run has
//! written everything else, and then take the date of their sitting, from this run's documents
//! or from the index.

use std::collections::HashMap;
use std::sync::Arc;

use crate::meta::{Date, HandelingenId, Source};
use crate::Document;

use super::files::{Part, Task};

/// A file that holds more documents than this is not held back, whatever they are: holding
/// is for the few items of a sitting, and memory must not grow with a large file.
const MOST_HELD: usize = 16;

/// The sittings' dates seen in a run, and the files waiting for them.
#[derive(Default)]
pub(super) struct Sittings {
    dates: HashMap<HandelingenId, Date>,
    waiting: Vec<(Arc<Task>, Vec<Part>)>,
    holding: Option<(Arc<Task>, Vec<Part>)>,
}

impl Sittings {
    /// What of `task`'s file to write now: `part`, or nothing while the file waits for its
    /// sitting's date (and what it held, once a later part shows it need not wait). `first`
    /// says whether `part` is the file's first.
    pub(super) fn take(
        &mut self,
        task: Arc<Task>,
        part: Part,
        first: bool,
    ) -> Vec<(Arc<Task>, Part)> {
        let documents = match &part {
            Part::Documents(docs) => {
                for (doc, _) in docs {
                    self.learn(doc);
                }
                Some(waits(docs))
            }
            _ => None,
        };
        match (self.holding.take(), documents) {
            (Some((held, mut parts)), Some(false)) => {
                parts.push(part);
                parts.into_iter().map(|p| (held.clone(), p)).collect()
            }
            (Some((held, mut parts)), _) => {
                let end = documents.is_none();
                parts.push(part);
                if end {
                    self.waiting.push((held, parts));
                } else {
                    self.holding = Some((held, parts));
                }
                Vec::new()
            }
            (None, Some(true)) if first => {
                self.holding = Some((task, vec![part]));
                Vec::new()
            }
            (None, _) => vec![(task, part)],
        }
    }

    /// The files that waited, their items dated: from this run's documents, else by `known`
    /// (the index). An item whose sitting's date is known nowhere stays without one.
    pub(super) fn release(
        mut self,
        known: impl Fn(&HandelingenId) -> Option<Date>,
    ) -> Vec<(Arc<Task>, Vec<Part>)> {
        self.waiting.extend(self.holding.take());
        let mut files = std::mem::take(&mut self.waiting);
        for (_, parts) in &mut files {
            for part in parts {
                let Part::Documents(docs) = part else {
                    continue;
                };
                for (doc, _) in docs {
                    let Some(sitting) = doc.meta.handelingen.map(|h| h.meeting()) else {
                        continue;
                    };
                    let date = self
                        .dates
                        .get(&sitting)
                        .copied()
                        .or_else(|| known(&sitting));
                    doc.meta.fill_date(date, Source::Sitting);
                }
            }
        }
        files
    }

    fn learn(&mut self, doc: &Document) {
        if let (Some(h), Some(date), Some(Source::Xml)) = (
            doc.meta.handelingen,
            doc.meta.date,
            doc.meta.sources.get("date").copied(),
        ) {
            self.dates.entry(h.meeting()).or_insert(date);
        }
    }
}

/// Whether a file's documents are items of a sitting that do not say when it was held.
fn waits(docs: &[(Document, Vec<String>)]) -> bool {
    docs.len() <= MOST_HELD
        && docs.iter().all(|(doc, _)| {
            doc.meta.date.is_none()
                && doc.meta.doc_type.as_deref() == Some("handelingen")
                && doc.meta.handelingen.is_some()
        })
}
