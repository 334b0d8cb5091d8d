//! The exact number of documents a query of terms and phrases matches, without scoring.

use tantivy::postings::TermInfo;
use tantivy::query::Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, InvertedIndexReader, SegmentOrdinal, SegmentReader, Term, TERMINATED};

use crate::index::doc_sets::{DocSets, DENSE};
use crate::search::threads::Threads;

/// Which way counting takes where two give the same count: decided by the index where `None`;
/// a test takes each way in turn.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CountWays {
    /// Seek each document no text term matched in the postings of the whole-document terms,
    /// rather than read those postings through.
    pub seek_unmatched: Option<bool>,
    /// Take every term's documents from the kept sets (`true`), or none (`false`).
    pub keep_dense: Option<bool>,
}

/// The number of distinct documents with a passage holding any of `terms`: the exact total of
/// a query that is a union of terms, without scoring. Each term's postings are marked in a
/// bitmap per segment, a block at a time, and the documents of the marked passages counted,
/// each once: the walk goes from a marked passage to the end of its document and on to the
/// next marked passage, so it costs what the matches are, not what the index is. A term in
/// many passages (one in [`DENSE`]) is not marked: its documents come from `kept`, as a set
/// made the first time it is counted.
///
/// The writer hands tantivy each document's passages as one batch, so they lie next to each
/// other in one segment, first passage first (merges keep that order). The first passages
/// (field `first`) thus mark where documents begin.
///
/// Terms of the fields in `whole_document` (titles, ids, citations: the same on every passage
/// of a document) matter only for the documents no other term matched, and only at their
/// first passage: they are sought there when such documents are few (a long query), where
/// marking them would decode a posting for nearly every passage of the index; and their
/// postings are read through for first passages when those documents are many (a short
/// query).
///
/// `others` are queries that are no union of terms (phrases): their matches are marked too.
pub(crate) fn count_documents(
    threads: &Threads<'_>,
    first: Field,
    terms: &[Term],
    whole_document: &[Field],
    others: &[Box<dyn Weight>],
    kept: &DocSets,
    ways: CountWays,
) -> tantivy::Result<usize> {
    let union = Union {
        first,
        terms,
        whole_document,
        others,
        kept,
        ways,
    };
    let count = |reader: &SegmentReader| -> tantivy::Result<usize> {
        Ok(union
            .documents(reader)?
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum())
    };
    let readers = threads.searcher().segment_readers().iter().collect();
    Ok(threads.map(count, readers)?.into_iter().sum())
}

/// A union of terms and of other queries (phrases, filters), as [`count_documents`] takes them.
pub(crate) type Slot = (Vec<Term>, Vec<Box<dyn Weight>>);

/// The documents that match every one of `slots` (each a union of terms and other queries, as
/// [`count_documents`] takes them): for each segment, the first passages of those documents,
/// as a bitmap. Stops at a segment once none is left.
pub(crate) fn documents_with_every(
    threads: &Threads<'_>,
    first: Field,
    slots: &[Slot],
    whole_document: &[Field],
    kept: &DocSets,
) -> tantivy::Result<Vec<(SegmentOrdinal, Vec<u64>)>> {
    let every = |(ord, reader): (usize, &SegmentReader)| {
        let mut out: Option<Vec<u64>> = None;
        for (terms, others) in slots {
            if out.as_ref().is_some_and(|o| o.iter().all(|w| *w == 0)) {
                break;
            }
            let union = Union {
                first,
                terms,
                whole_document,
                others,
                kept,
                ways: CountWays::default(),
            };
            let found = union.documents(reader)?;
            out = Some(match out {
                None => found,
                Some(mut o) => {
                    o.iter_mut().zip(&found).for_each(|(a, b)| *a &= b);
                    o
                }
            });
        }
        let ord = SegmentOrdinal::try_from(ord).expect("segments fit in u32");
        tantivy::Result::Ok((ord, out.unwrap_or_default()))
    };
    let readers = threads
        .searcher()
        .segment_readers()
        .iter()
        .enumerate()
        .collect();
    threads.map(every, readers)
}

/// A union of terms and other queries, whose documents are found per segment.
struct Union<'a> {
    first: Field,
    terms: &'a [Term],
    whole_document: &'a [Field],
    others: &'a [Box<dyn Weight>],
    kept: &'a DocSets,
    ways: CountWays,
}

impl Union<'_> {
    /// The first passage of each live document of `reader` the union matches, as a bitmap.
    fn documents(&self, reader: &SegmentReader) -> tantivy::Result<Vec<u64>> {
        let Union {
            first,
            terms,
            whole_document,
            others,
            kept,
            ways,
        } = *self;
        let (doc_terms, passage_terms): (Vec<&Term>, Vec<&Term>) = terms
            .iter()
            .partition(|t| whole_document.contains(&t.field()));
        let mark = |bits: &mut [u64], inverted: &InvertedIndexReader, info: &TermInfo| {
            let mut postings =
                inverted.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
            while !postings.docs().is_empty() {
                for &doc in postings.docs() {
                    bits[doc as usize / 64] |= 1 << (doc % 64);
                }
                postings.advance();
            }
            tantivy::Result::Ok(())
        };
        let segment = reader.segment_id();
        let max_doc = reader.max_doc();
        let words = (max_doc as usize).div_ceil(64);
        let first = Term::from_field_u64(first, 1);
        let starts = kept.get_or_compute(segment, &first, || {
            let mut starts = vec![0u64; words];
            let inverted = reader.inverted_index(first.field())?;
            if let Some(info) = inverted.get_term_info(&first)? {
                mark(&mut starts, &inverted, &info)?;
            }
            Ok(starts)
        })?;
        // The documents found, each marked at its first passage. A term in many passages
        // brings its documents from the kept sets; the passages of the others are marked, and
        // their documents found from those.
        let mut found = vec![0u64; words];
        let mut matched = vec![0u64; words];
        for &term in &passage_terms {
            let inverted = reader.inverted_index(term.field())?;
            let Some(info) = inverted.get_term_info(term)? else {
                continue;
            };
            let dense = info.doc_freq.saturating_mul(DENSE) >= max_doc;
            let dense = ways.keep_dense.unwrap_or(dense);
            if !dense {
                mark(&mut matched, &inverted, &info)?;
                continue;
            }
            let documents = kept.get_or_compute(segment, term, || {
                let mut passages = vec![0u64; words];
                mark(&mut passages, &inverted, &info)?;
                let mut documents = vec![0u64; words];
                documents_of(&passages, &starts, max_doc, &mut documents);
                Ok(documents)
            })?;
            for (f, d) in found.iter_mut().zip(documents.iter()) {
                *f |= d;
            }
        }
        for weight in others {
            let mut scorer = weight.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                matched[doc as usize / 64] |= 1 << (doc % 64);
                doc = scorer.advance();
            }
        }
        documents_of(&matched, &starts, max_doc, &mut found);
        // A document's passages go or stay together: its first passage tells.
        let alive = reader.alive_bitset();
        let is_alive = |start: u32| alive.is_none_or(|a| a.is_alive(start));
        if alive.is_some() {
            for (i, word) in found.iter_mut().enumerate() {
                let mut left = *word;
                while left != 0 {
                    let bit = left.trailing_zeros();
                    left &= left - 1;
                    if !is_alive((i * 64) as u32 + bit) {
                        *word &= !(1 << bit);
                    }
                }
            }
        }
        if doc_terms.is_empty() {
            return Ok(found);
        }
        // Two ways to the other documents with a title, id or citation term: seek each term's
        // postings to each of them, or read the terms' postings through and pick them out.
        // Seeking wins when they are few (a long query matches most documents by its text);
        // reading, when the terms are rare and most documents are left (a short query).
        let mut infos = Vec::new();
        for term in &doc_terms {
            let inverted = reader.inverted_index(term.field())?;
            if let Some(info) = inverted.get_term_info(term)? {
                infos.push((inverted, info));
            }
        }
        let documents: usize = starts.iter().map(|w| w.count_ones() as usize).sum();
        let total: usize = found.iter().map(|w| w.count_ones() as usize).sum();
        let left = documents.saturating_sub(total);
        let postings_total: usize = infos.iter().map(|(_, i)| i.doc_freq as usize).sum();
        let seek = left.saturating_mul(infos.len()) <= postings_total;
        let seek = ways.seek_unmatched.unwrap_or(seek);
        if infos.is_empty() {
            return Ok(found);
        }
        if seek {
            let mut postings = Vec::new();
            for (inverted, info) in &infos {
                postings
                    .push(inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?);
            }
            for i in 0..starts.len() {
                let mut word = starts[i] & !found[i];
                while word != 0 {
                    let start = (i * 64) as u32 + word.trailing_zeros();
                    word &= word - 1;
                    if !is_alive(start) {
                        continue;
                    }
                    // Documents come in increasing order: each posting only moves forward.
                    let matched = postings.iter_mut().any(|p| {
                        if p.doc() < start {
                            p.seek(start);
                        }
                        p.doc() == start
                    });
                    if matched {
                        found[i] |= 1 << (start % 64);
                    }
                }
            }
        } else {
            // These terms are on every passage of a document, its first one included.
            for (inverted, info) in &infos {
                let mut postings =
                    inverted.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
                while !postings.docs().is_empty() {
                    for &doc in postings.docs() {
                        let (word, bit) = (doc as usize / 64, 1u64 << (doc % 64));
                        if starts[word] & !found[word] & bit != 0 && is_alive(doc) {
                            found[word] |= bit;
                        }
                    }
                    postings.advance();
                }
            }
        }
        Ok(found)
    }
}

/// Marks in `documents` the first passage of each document with a passage marked in
/// `passages`; `starts` marks where documents begin.
fn documents_of(passages: &[u64], starts: &[u64], max_doc: u32, documents: &mut [u64]) {
    let mut passage = next_set(passages, 0);
    while passage != u32::MAX {
        let start = prev_set(starts, passage);
        if start != u32::MAX {
            documents[start as usize / 64] |= 1 << (start % 64);
        }
        // The rest of this document's passages add nothing.
        let end = next_set(starts, passage + 1).min(max_doc);
        passage = next_set(passages, end);
    }
}

/// The last set bit at or before `upto`, or `u32::MAX`.
fn prev_set(bits: &[u64], upto: u32) -> u32 {
    let Some(end) = bits.len().checked_sub(1) else {
        return u32::MAX;
    };
    let mut at = upto as usize / 64;
    let mut word = match bits.get(at) {
        Some(&last) => last & (u64::MAX >> (63 - upto % 64)),
        None => {
            at = end;
            bits[end]
        }
    };
    loop {
        if word != 0 {
            return (at * 64) as u32 + 63 - word.leading_zeros();
        }
        if at == 0 {
            return u32::MAX;
        }
        at -= 1;
        word = bits[at];
    }
}

/// The first set bit at or after `from`, or `u32::MAX`.
fn next_set(bits: &[u64], from: u32) -> u32 {
    let mut at = from as usize / 64;
    let Some(&first) = bits.get(at) else {
        return u32::MAX;
    };
    let mut word = first & (u64::MAX << (from % 64));
    loop {
        if word != 0 {
            return (at * 64) as u32 + word.trailing_zeros();
        }
        at += 1;
        match bits.get(at) {
            Some(&w) => word = w,
            None => return u32::MAX,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{next_set, prev_set};

    #[test]
    fn previous_set_bit() {
        let bits = [0b1001u64, 0, 1 << 63];
        assert_eq!(prev_set(&bits, 0), 0);
        assert_eq!(prev_set(&bits, 2), 0);
        assert_eq!(prev_set(&bits, 3), 3);
        assert_eq!(prev_set(&bits, 190), 3);
        assert_eq!(prev_set(&bits, 191), 191);
        assert_eq!(prev_set(&[0b1000u64], 2), u32::MAX);
        // Past the end of the bitmap: the last one.
        assert_eq!(prev_set(&bits, 5000), 191);
        assert_eq!(prev_set(&[], 3), u32::MAX);
    }

    #[test]
    fn next_set_bit() {
        let bits = [0b1001u64, 0, 1 << 63];
        assert_eq!(next_set(&bits, 0), 0);
        assert_eq!(next_set(&bits, 1), 3);
        assert_eq!(next_set(&bits, 4), 191);
        assert_eq!(next_set(&bits, 192), u32::MAX);
        assert_eq!(next_set(&bits, 5000), u32::MAX);
    }
}
