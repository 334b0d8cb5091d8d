//! A collector that keeps every match with what grouping by document needs.
//!
//! Ranking by passage but paging by document (and counting documents) needs all matching
//! passages, not a top-k: a top-k cut before grouping is how other tools end up capping results.

use std::collections::{BTreeSet, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Scorer;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::doc_sets::{DocSets, DENSE};
use super::top::Floor;

/// One matching passage.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    pub score: Score,
    pub doc_hash: u64,
    pub date: u64,
    pub passage: u64,
    pub length: u64,
    pub address: DocAddress,
}

pub(crate) struct AllMatches;

pub(crate) struct SegmentMatches {
    segment: SegmentOrdinal,
    doc_hash: Column<u64>,
    date: Option<Column<u64>>,
    passage: Column<u64>,
    length: Column<u64>,
    out: Vec<Match>,
}

impl Collector for AllMatches {
    type Fruit = Vec<Match>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let ff = reader.fast_fields();
        Ok(SegmentMatches {
            segment,
            doc_hash: ff.u64("doc_hash")?,
            date: ff.column_opt::<u64>("date")?,
            passage: ff.u64("passage")?,
            length: ff.u64("length")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.out.push(Match {
            score,
            doc_hash: self.doc_hash.first(doc).unwrap_or(0),
            date: self.date.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
            passage: self.passage.first(doc).unwrap_or(0),
            length: self.length.first(doc).unwrap_or(0),
            address: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<Match> {
        self.out
    }
}

/// Matches for passages scored already, with what grouping needs read from the fast fields.
pub(crate) fn matches_of(
    searcher: &tantivy::Searcher,
    mut scored: Vec<(Score, DocAddress)>,
) -> tantivy::Result<Vec<Match>> {
    scored.sort_unstable_by_key(|(_, a)| *a);
    let mut out = Vec::with_capacity(scored.len());
    let mut at = 0;
    while at < scored.len() {
        let segment = scored[at].1.segment_ord;
        let mut fields = AllMatches.for_segment(segment, searcher.segment_reader(segment))?;
        while at < scored.len() && scored[at].1.segment_ord == segment {
            fields.collect(scored[at].1.doc_id, scored[at].0);
            at += 1;
        }
        out.extend(fields.harvest());
    }
    Ok(out)
}

/// Every passage of the documents whose first passages are given.
pub(crate) fn passages_of(
    searcher: &tantivy::Searcher,
    mut firsts: Vec<DocAddress>,
) -> tantivy::Result<Vec<DocAddress>> {
    firsts.sort_unstable();
    let mut out = Vec::with_capacity(firsts.len());
    let mut at = 0;
    while at < firsts.len() {
        let segment = firsts[at].segment_ord;
        let reader = searcher.segment_reader(segment);
        // A document's passages follow its first one (see `count_documents`).
        let hashes = reader.fast_fields().u64("doc_hash")?;
        while at < firsts.len() && firsts[at].segment_ord == segment {
            let first = firsts[at].doc_id;
            at += 1;
            let hash = hashes.first(first);
            out.push(DocAddress::new(segment, first));
            let mut doc = first + 1;
            while doc < reader.max_doc() && hashes.first(doc) == hash {
                out.push(DocAddress::new(segment, doc));
                doc += 1;
            }
        }
    }
    Ok(out)
}

/// A query as the sum it scores: for each part of the query (a slot), the queries whose
/// scores add up to the part's, plus `bonus` for a passage that matches every part.
pub(crate) struct ScoreSum {
    /// The slots, each a list of the items `a OR b` accepts; their scores add up.
    pub slots: Vec<Vec<ItemSum>>,
    pub bonus: Score,
}

/// One item of a query: the queries of the item as written, whose scores add up, and of its
/// paraphrase (a compound's parts apart). The item scores the better of the two.
pub(crate) struct ItemSum {
    pub written: Vec<Box<dyn tantivy::query::Weight>>,
    pub paraphrase: Option<Box<dyn tantivy::query::Weight>>,
}

/// The full score of a query in one segment, passage by passage in increasing order.
///
/// Each leaf of the query gets a scorer of its own that jumps from passage to passage;
/// scoring through the query's union instead would score every match in a window after each
/// passage, for every term.
pub(crate) struct SegmentScore<'a> {
    sum: &'a ScoreSum,
    /// Per slot, per item: the scorers of the item as written and of its paraphrase.
    scorers: Vec<Vec<(Scorers, Scorers)>>,
}

type Scorers = Vec<Box<dyn Scorer>>;

impl<'a> SegmentScore<'a> {
    pub(crate) fn new(sum: &'a ScoreSum, reader: &SegmentReader) -> tantivy::Result<Self> {
        let scorers_of = |weights: &mut dyn Iterator<Item = &Box<dyn tantivy::query::Weight>>| {
            weights
                .map(|w| w.scorer(reader, 1.0))
                .collect::<tantivy::Result<Scorers>>()
        };
        let scorers = sum
            .slots
            .iter()
            .map(|slot| {
                slot.iter()
                    .map(|item| {
                        Ok((
                            scorers_of(&mut item.written.iter())?,
                            scorers_of(&mut item.paraphrase.iter())?,
                        ))
                    })
                    .collect::<tantivy::Result<Vec<_>>>()
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(SegmentScore { sum, scorers })
    }

    /// The score of passage `doc`, `None` if the query does not match it. Passages must come
    /// in increasing order: a scorer only ever moves forward.
    pub(crate) fn score(&mut self, doc: DocId) -> Option<Score> {
        use tantivy::TERMINATED;
        let (mut score, mut matched, mut every) = (0.0, false, true);
        let score_here = |scorers: &mut Scorers| {
            let mut found = None;
            for scorer in scorers.iter_mut() {
                let current = scorer.doc();
                if current == doc
                    || (current != TERMINATED && current < doc && scorer.seek(doc) == doc)
                {
                    *found.get_or_insert(0.0) += scorer.score();
                }
            }
            found
        };
        for slot in &mut self.scorers {
            let mut slot_matched = false;
            for (written, paraphrase) in slot.iter_mut() {
                let as_written = score_here(written);
                let paraphrased = score_here(paraphrase);
                score += as_written.unwrap_or(0.0).max(paraphrased.unwrap_or(0.0));
                slot_matched |= as_written.is_some() || paraphrased.is_some();
            }
            matched |= slot_matched;
            every &= slot_matched;
        }
        if every && self.sum.slots.len() > 1 {
            score += self.sum.bonus;
        }
        matched.then_some(score)
    }
}

/// Scores the given passages as a full search with the query `sum` stands for would, and no
/// others. Each segment the passages lie in opens the postings of every term of the query;
/// on a large index the segments are scored side by side.
pub(crate) fn rescore(
    searcher: &tantivy::Searcher,
    sum: &ScoreSum,
    mut candidates: Vec<DocAddress>,
) -> tantivy::Result<Vec<Match>> {
    candidates.sort_unstable();
    candidates.dedup();
    let by_segment: Vec<&[DocAddress]> = candidates
        .chunk_by(|a, b| a.segment_ord == b.segment_ord)
        .collect();
    let score_segment = |passages: &[DocAddress]| -> tantivy::Result<Vec<Match>> {
        let segment = passages[0].segment_ord;
        let reader = searcher.segment_reader(segment);
        let mut fields = AllMatches.for_segment(segment, reader)?;
        let mut full = SegmentScore::new(sum, reader)?;
        for passage in passages {
            if let Some(score) = full.score(passage.doc_id) {
                fields.collect(passage.doc_id, score);
            }
        }
        Ok(fields.harvest())
    };
    let scored = super::threads::map(searcher, score_segment, by_segment)?;
    Ok(scored.into_iter().flatten().collect())
}

/// The passages of the best `wanted` documents by the full score of the query `sum` stands
/// for, found through a bound on that score: the query given to the search, a flat union of
/// terms whose score plus `slack` is at least the full score (less the bonus) of any passage.
/// Block-max WAND skips every passage whose bound cannot reach the `wanted`-th document found
/// so far; the others are scored in full. Passages with every part of the query (the bonus)
/// must be in hand already: the bound does not see the bonus.
///
/// Every passage scored that could still make the page is kept, so a segment's fruit holds
/// its best documents with their best passages, and some passages of others.
pub(crate) struct Ranked<'a> {
    pub sum: &'a ScoreSum,
    pub wanted: usize,
    pub slack: Score,
    /// The highest reach of the segments searched so far: a page's worth of documents in one
    /// segment leaves out whatever falls short of it in all.
    pub floor: Floor,
}

impl Collector for Ranked<'_> {
    type Fruit = Vec<Match>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        AllMatches.for_segment(segment, reader)
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        Ok(fruits.into_iter().flatten().collect())
    }

    fn collect_segment(
        &self,
        weight: &dyn tantivy::query::Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<Match>> {
        let mut fields = self.for_segment(segment, reader)?;
        let hashes = reader.fast_fields().u64("doc_hash")?;
        let mut full = SegmentScore::new(self.sum, reader)?;
        let alive = reader.alive_bitset();
        let wanted = self.wanted.max(1);
        // The best documents so far, by their best passage, worst first.
        let mut best: BTreeSet<(Scored, u64)> = BTreeSet::new();
        let mut of_document: HashMap<u64, Scored> = HashMap::new();
        let mut reach = Score::MIN;
        // A passage within rounding of `reach` ties with it (see `relevance`): the bound and
        // the full score add the same numbers in other orders, and a document tied with the
        // page's last must not be lost to the last bit. The bound must beat that, less the
        // slack.
        let near = |reach: Score| reach - rounding(reach);
        let below = |reach: Score| near(reach) - self.slack;
        // What this segment has reached, or another segment if further.
        let floor = |reach: Score| reach.max(self.floor.value());
        weight.for_each_pruning(below(floor(reach)), reader, &mut |doc, _| {
            if !alive.is_none_or(|a| a.is_alive(doc)) {
                return below(floor(reach));
            }
            let Some(score) = full.score(doc) else {
                return below(floor(reach));
            };
            if score < near(floor(reach)) {
                return below(floor(reach));
            }
            fields.collect(doc, score);
            let hash = hashes.first(doc).unwrap_or(0);
            let entry = of_document.entry(hash).or_insert(Scored(Score::MIN));
            if score > entry.0 {
                best.remove(&(*entry, hash));
                *entry = Scored(score);
                best.insert((Scored(score), hash));
                if best.len() > wanted {
                    if let Some((_, gone)) = best.pop_first() {
                        of_document.remove(&gone);
                    }
                }
                if best.len() == wanted {
                    reach = best.first().map_or(Score::MIN, |(s, _)| s.0);
                    self.floor.raise(reach);
                }
            }
            below(floor(reach))
        })?;
        Ok(fields.harvest())
    }
}

/// How far apart two scores near `score` may be and still tie: what adding the same numbers
/// in another order can change (see `relevance` in the search module), with room to spare.
pub(crate) fn rounding(score: Score) -> Score {
    (score.abs() * 1e-4).max(1e-3)
}

/// A score ordered as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored(pub Score);

impl Eq for Scored {}

impl PartialOrd for Scored {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scored {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
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
    searcher: &tantivy::Searcher,
    first: tantivy::schema::Field,
    terms: &[tantivy::Term],
    whole_document: &[tantivy::schema::Field],
    others: &[Box<dyn tantivy::query::Weight>],
    kept: &DocSets,
) -> tantivy::Result<usize> {
    use tantivy::postings::TermInfo;
    use tantivy::schema::IndexRecordOption;
    use tantivy::{DocSet, InvertedIndexReader, TERMINATED};
    let (doc_terms, passage_terms): (Vec<&tantivy::Term>, Vec<&tantivy::Term>) = terms
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
    // Documents do not span segments: each counts its own (side by side on a large index).
    let count = |reader: &tantivy::SegmentReader| -> tantivy::Result<usize> {
        let segment = reader.segment_id();
        let max_doc = reader.max_doc();
        let words = (max_doc as usize).div_ceil(64);
        let first = tantivy::Term::from_field_u64(first, 1);
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
            #[cfg(test)]
            let dense = KEEP_DENSE.with(std::cell::Cell::get).unwrap_or(dense);
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
        let counted = found;
        let mut total: usize = counted.iter().map(|w| w.count_ones() as usize).sum();
        if doc_terms.is_empty() {
            return Ok(total);
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
        let left = documents.saturating_sub(total);
        let postings_total: usize = infos.iter().map(|(_, i)| i.doc_freq as usize).sum();
        let seek = left.saturating_mul(infos.len()) <= postings_total;
        #[cfg(test)]
        let seek = SEEK_UNMATCHED.with(std::cell::Cell::get).unwrap_or(seek);
        if infos.is_empty() {
            return Ok(total);
        }
        if seek {
            let mut postings = Vec::new();
            for (inverted, info) in &infos {
                postings
                    .push(inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?);
            }
            for (i, (&first, &done)) in starts.iter().zip(&counted).enumerate() {
                let mut word = first & !done;
                while word != 0 {
                    let start = (i * 64) as u32 + word.trailing_zeros();
                    word &= word - 1;
                    if !is_alive(start) {
                        continue;
                    }
                    // Documents come in increasing order: each posting only moves forward.
                    let found = postings.iter_mut().any(|p| {
                        if p.doc() < start {
                            p.seek(start);
                        }
                        p.doc() == start
                    });
                    total += usize::from(found);
                }
            }
        } else {
            let mut counted = counted;
            // These terms are on every passage of a document, its first one included.
            for (inverted, info) in &infos {
                let mut postings =
                    inverted.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
                while !postings.docs().is_empty() {
                    for &doc in postings.docs() {
                        let (word, bit) = (doc as usize / 64, 1u64 << (doc % 64));
                        if starts[word] & !counted[word] & bit != 0 && is_alive(doc) {
                            counted[word] |= bit;
                            total += 1;
                        }
                    }
                    postings.advance();
                }
            }
        }
        Ok(total)
    };
    let readers = searcher.segment_readers();
    if super::threads::parallel(searcher) {
        use rayon::prelude::*;
        readers.par_iter().map(count).sum()
    } else {
        readers.iter().map(count).sum()
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

#[cfg(test)]
thread_local! {
    /// For tests: counting documents takes this way to those no text term matched.
    pub(crate) static SEEK_UNMATCHED: std::cell::Cell<Option<bool>> =
        const { std::cell::Cell::new(None) };
    /// For tests: counting takes every term's documents from the kept sets, or none.
    pub(crate) static KEEP_DENSE: std::cell::Cell<Option<bool>> =
        const { std::cell::Cell::new(None) };
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
