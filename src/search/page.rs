//! Paging by document: passages grouped by their document, the documents of one page in order,
//! each with its best passages.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::options::{SearchOptions, Sort};
use super::rank::{relevance, Match};

/// Groups passages by document and returns the number of documents and the requested page of
/// them, each document with its best `per_doc` passages.
///
/// One pass over the matches keeps each document's best passage; only the documents up to the
/// end of the page are then put in order, and only they get a second look for more passages.
pub(crate) fn page(matches: Vec<Match>, options: &SearchOptions) -> (usize, Vec<Vec<Match>>) {
    let per_doc = options.per_doc.max(1);
    // Each document's best passage, in one map sized once: no allocation per document.
    let mut best: HashMap<u64, Match, BuildHasherDefault<DocHashHasher>> =
        HashMap::with_capacity_and_hasher(matches.len(), Default::default());
    for m in &matches {
        best.entry(m.doc_hash)
            .and_modify(|b| {
                if relevance(m, b).is_lt() {
                    *b = *m;
                }
            })
            .or_insert(*m);
    }
    let total = best.len();
    let mut firsts: Vec<Match> = best.into_values().collect();
    let order = |a: &Match, b: &Match| match options.sort {
        Sort::Relevance => relevance(a, b),
        // Documents of the same date keep their relevance order.
        Sort::Date => b.date.cmp(&a.date).then_with(|| relevance(a, b)),
    };
    let end = options
        .offset
        .saturating_add(options.limit)
        .min(firsts.len());
    if end == 0 {
        return (total, Vec::new());
    }
    if end < firsts.len() {
        firsts.select_nth_unstable_by(end - 1, order);
        firsts.truncate(end);
    }
    firsts.sort_by(order);
    firsts.drain(..options.offset.min(end));
    if per_doc == 1 {
        return (total, firsts.into_iter().map(|m| vec![m]).collect());
    }
    // More passages per document: only for the documents on this page.
    let mut groups: HashMap<u64, Vec<Match>, BuildHasherDefault<DocHashHasher>> = firsts
        .iter()
        .map(|m| (m.doc_hash, Vec::with_capacity(per_doc)))
        .collect();
    for m in matches {
        if let Some(g) = groups.get_mut(&m.doc_hash) {
            let at = g.partition_point(|b| relevance(b, &m).is_lt());
            if at < per_doc {
                g.insert(at, m);
                g.truncate(per_doc);
            }
        }
    }
    let paged = firsts
        .iter()
        .map(|m| groups.remove(&m.doc_hash).unwrap_or_else(|| vec![*m]))
        .collect();
    (total, paged)
}

/// The document hashes are hashes already: hashing them again is wasted time.
#[derive(Default)]
struct DocHashHasher(u64);

impl Hasher for DocHashHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
