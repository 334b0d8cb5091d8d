//! What the query's operators ask of whole documents: the documents they leave out (`-word`,
//! `NOT word`), those they require (`+word`, `a AND b`) and what groups in parentheses ask;
//! how many documents contain every part of the query, the count a user reads as "how many
//! documents match"; and which documents a search matches, for its facets.

use std::sync::Arc;

use tantivy::query::{AllQuery, EnableScoring, Query, Weight};
use tantivy::DocAddress;

use super::collector::count::{documents_with_every, Slot};
use super::collector::documents::{DocSet, Documents};
use super::item::{Condition, Item, ParsedQuery};
use super::model::QueryModel;
use super::threads::Threads;
use crate::index::Snapshot;
use crate::Result;

/// The documents (by key hash) that `items` match, as written (no related forms, no parts of a
/// compound alone), of those `within` where given; `None` when no item has anything to look up.
fn documents_of(
    threads: &Threads<'_>,
    model: &QueryModel<'_>,
    items: &[Item],
    within: Option<&Arc<DocSet>>,
) -> Result<Option<DocSet>> {
    let mut out: Option<DocSet> = None;
    for item in items {
        let q = if item.is_filter() {
            Some(model.filters().item(item))
        } else {
            model.written(item)
        };
        let Some(q) = q else { continue };
        out.get_or_insert_with(DocSet::default)
            .extend(threads.search(
                q.as_ref(),
                &Documents {
                    within: within.cloned(),
                },
            )?);
    }
    Ok(out)
}

/// What the operators leave of the index: the documents left out, and the only documents
/// the query can match (`None`: any).
pub(crate) struct Constraints {
    pub excluded: DocSet,
    pub required: Option<DocSet>,
}

/// The documents the query's excluded items, required slots and conditions leave out and
/// let in.
pub(crate) fn constraints(
    threads: &Threads<'_>,
    model: &QueryModel<'_>,
    parsed: &ParsedQuery,
) -> Result<Constraints> {
    let mut excluded = documents_of(threads, model, &parsed.excluded, None)?.unwrap_or_default();
    let slots = parsed.required.iter().filter_map(|&i| parsed.slots.get(i));
    let mut required = every_of(threads, model, slots, None)?;
    for condition in &parsed.conditions {
        match meeting(threads, model, condition)? {
            Docs::Only(only) => {
                required = Some(match required {
                    Some(r) => r.into_iter().filter(|d| only.contains(d)).collect(),
                    None => only,
                })
            }
            Docs::AllBut(not) => excluded.extend(not),
        }
    }
    Ok(Constraints { excluded, required })
}

/// The documents a condition lets in: only these, or all but these.
enum Docs {
    Only(DocSet),
    AllBut(DocSet),
}

impl Docs {
    fn not(self) -> Docs {
        match self {
            Docs::Only(d) => Docs::AllBut(d),
            Docs::AllBut(d) => Docs::Only(d),
        }
    }

    fn and(self, other: Docs) -> Docs {
        match (self, other) {
            (Docs::Only(a), Docs::Only(b)) => {
                Docs::Only(a.into_iter().filter(|d| b.contains(d)).collect())
            }
            (Docs::Only(a), Docs::AllBut(b)) | (Docs::AllBut(b), Docs::Only(a)) => {
                Docs::Only(a.into_iter().filter(|d| !b.contains(d)).collect())
            }
            (Docs::AllBut(mut a), Docs::AllBut(b)) => {
                a.extend(b);
                Docs::AllBut(a)
            }
        }
    }

    fn or(self, other: Docs) -> Docs {
        self.not().and(other.not()).not()
    }
}

/// The documents that satisfy a condition; an item with nothing to look up (a word the
/// analyzer drops) asks nothing.
fn meeting(threads: &Threads<'_>, model: &QueryModel<'_>, condition: &Condition) -> Result<Docs> {
    Ok(match condition {
        Condition::Item(item) => {
            match documents_of(threads, model, std::slice::from_ref(item), None)? {
                Some(found) => Docs::Only(found),
                None => Docs::AllBut(DocSet::default()),
            }
        }
        Condition::Not(inner) => meeting(threads, model, inner)?.not(),
        Condition::All(all) => {
            let mut out = Docs::AllBut(DocSet::default());
            for c in all {
                out = out.and(meeting(threads, model, c)?);
            }
            out
        }
        Condition::Any(any) => {
            let mut out = Docs::Only(DocSet::default());
            for c in any {
                out = out.or(meeting(threads, model, c)?);
            }
            out
        }
    })
}

/// The documents in `within` (all, if `None`) that match every one of `slots`; stops looking
/// once none is left.
fn every_of<'a>(
    threads: &Threads<'_>,
    model: &QueryModel<'_>,
    slots: impl Iterator<Item = &'a Vec<Item>>,
    within: Option<DocSet>,
) -> Result<Option<DocSet>> {
    let mut out = within.map(Arc::new);
    for slot in slots {
        if out.as_ref().is_some_and(|o| o.is_empty()) {
            break;
        }
        if let Some(found) = documents_of(threads, model, slot, out.as_ref())? {
            out = Some(Arc::new(found));
        }
    }
    Ok(out.map(|o| Arc::try_unwrap(o).unwrap_or_else(|shared| (*shared).clone())))
}

/// What counts the documents that pass `filters`, match every slot and every required slot,
/// and are not excluded: the documents that contain all of the query, where `total` counts
/// those that contain any of it. To be handed to [`first_passages`], whose length is the
/// count: each slot's documents are found as the exact total finds the query's, a bitmap of
/// first passages per segment, and the bitmaps intersected, so a long query costs about what
/// its total does. `None` where that is the total: a query without words of its own
/// (metadata, an id, groups).
pub(crate) fn every_slots(
    threads: &Threads<'_>,
    model: &QueryModel<'_>,
    parsed: &ParsedQuery,
    filters: &[Box<dyn Query>],
) -> Result<Option<Vec<Slot>>> {
    let unscored = EnableScoring::disabled_from_searcher(threads.searcher());
    let mut slots: Vec<(u64, Slot)> = Vec::new();
    for (i, slot) in parsed.slots.iter().enumerate() {
        if slot.iter().all(Item::is_filter) || parsed.of_conditions.contains(&i) {
            continue;
        }
        let counting = model.counting_written(slot);
        let passages = slot.iter().map(|i| model.passages_with(i)).sum();
        slots.push((
            passages,
            (counting.terms, weights(&counting.others, unscored)?),
        ));
    }
    if slots.is_empty() {
        // No words of its own: every document the query matches has all of it.
        return Ok(None);
    }
    // The rarest first: the documents with every part are soon few, or none.
    slots.sort_by_key(|(passages, _)| *passages);
    let mut slots: Vec<Slot> = slots.into_iter().map(|(_, slot)| slot).collect();
    for filter in filters {
        slots.push((Vec::new(), vec![filter.weight(unscored)?]));
    }
    Ok(Some(slots))
}

/// What finds every document the query matches (any part of it, as the total counts), to be
/// handed to [`first_passages`]: its terms together, and each filter.
pub(crate) fn matching_slots(
    threads: &Threads<'_>,
    model: &QueryModel<'_>,
    parsed: &ParsedQuery,
    filters: &[Box<dyn Query>],
) -> Result<Vec<Slot>> {
    let unscored = EnableScoring::disabled_from_searcher(threads.searcher());
    let counting = model.counting(parsed);
    let has_text = parsed
        .slots
        .iter()
        .any(|slot| !slot.iter().all(Item::is_filter));
    let mut slots = match has_text {
        true => vec![(counting.terms, weights(&counting.others, unscored)?)],
        false => Vec::new(),
    };
    for filter in filters {
        slots.push((Vec::new(), vec![filter.weight(unscored)?]));
    }
    Ok(slots)
}

fn weights(queries: &[Box<dyn Query>], scoring: EnableScoring<'_>) -> Result<Vec<Box<dyn Weight>>> {
    Ok(queries
        .iter()
        .map(|q| q.weight(scoring))
        .collect::<tantivy::Result<Vec<_>>>()?)
}

/// The first passages of the documents that match every one of `slots` and that the
/// constraints let in. Without slots, every document.
pub(crate) fn first_passages(
    threads: &Threads<'_>,
    snapshot: &Snapshot<'_>,
    mut slots: Vec<Slot>,
    constraints: &Constraints,
) -> Result<Vec<DocAddress>> {
    let unscored = EnableScoring::disabled_from_searcher(threads.searcher());
    if slots.is_empty() {
        slots.push((Vec::new(), vec![AllQuery.weight(unscored)?]));
    }
    let fields = snapshot.fields;
    let found = documents_with_every(
        threads,
        fields.first,
        &slots,
        &fields.whole_document(),
        snapshot.doc_sets,
    )?;
    let Constraints { excluded, required } = constraints;
    let constrained = required.is_some() || !excluded.is_empty();
    let mut out = Vec::new();
    for (ord, bits) in found {
        let reader = threads.searcher().segment_reader(ord);
        let hashes = reader.fast_fields().u64("doc_hash")?;
        for (i, &word) in bits.iter().enumerate() {
            let mut left = word;
            while left != 0 {
                let doc = (i * 64) as u32 + left.trailing_zeros();
                left &= left - 1;
                let allowed = !constrained
                    || hashes.first(doc).is_some_and(|hash| {
                        required.as_ref().is_none_or(|r| r.contains(&hash))
                            && !excluded.contains(&hash)
                    });
                if allowed {
                    out.push(DocAddress::new(ord, doc));
                }
            }
        }
    }
    Ok(out)
}
