//! A long query, ranked from candidates, each scored in full.
//!
//! A long query's bound has up to a hundred terms (five fields a word), and walking them costs
//! more than the ranking it saves. Its candidates are the best passages by its words in the
//! text (a compound's parts and related forms weighed as the full score weighs them), the best documents by its
//! words in their titles with all their passages (a title adds to each), and the best passages
//! of the documents an id names. Round after round, more are asked for until the page is full
//! or the sources have no more. `benches/compare/ranking_fidelity.rs` measures
//! how often the page is the page of scoring every match.

use tantivy::query::{BooleanQuery, Occur};
use tantivy::{Score, Term};

use super::{capped, essential, Context, FullScore, Ranking, CANDIDATES_PER_DOCUMENT, SLACK};
use crate::search::collector::matches::passages_of;
use crate::search::collector::top::TopPassages;
use crate::search::item::Item;
use crate::search::leaf::union_of;
use crate::search::model::{COMPOUND_PARTS_BOOST, DOSSIER_TITLE_BOOST, TITLE_BOOST};
use crate::search::page::page;
use crate::search::rank::Match;
use crate::Result;

pub(super) struct Candidates<'a> {
    full: FullScore<'a>,
    sources: Vec<BooleanQuery>,
    /// All the words in the text, where `sources[0]` leaves some out.
    all_text: Option<BooleanQuery>,
    titles: BooleanQuery,
    /// All the words in the titles, where `titles` leaves some out.
    all_titles: Option<BooleanQuery>,
}

impl<'a> Candidates<'a> {
    fn new(ctx: &'a Context<'a>, every: bool) -> Result<Self> {
        let full = FullScore::new(ctx, every)?;
        let statistics = ctx.threads.statistics();
        let text_terms = words_in_text(ctx);
        // The words that add least (those in nearly every passage) choose no candidates.
        let (text, slack) = essential(&capped(statistics, &text_terms)?, SLACK);
        let title_terms = words_in_titles(ctx);
        let (titles, title_slack) = essential(&capped(statistics, &title_terms)?, SLACK);
        let all_titles = (title_slack > 0.0).then(|| union_of(&title_terms));
        let mut sources = vec![text.clone()];
        if let Some(refers) = &full.refers {
            sources.push(BooleanQuery::new(vec![
                (Occur::Must, refers.box_clone()),
                (Occur::Should, Box::new(text)),
            ]));
        }
        let all_text = (slack > 0.0).then(|| union_of(&text_terms));
        Ok(Candidates {
            full,
            sources,
            all_text,
            titles,
            all_titles,
        })
    }

    /// The candidates of `k` passages a source, scored in full; and whether the sources had
    /// no more (or those with every part fill the page alone).
    fn round(&self, k: usize) -> Result<(bool, Vec<Match>)> {
        let ctx = self.full.ctx;
        let mut matches = Vec::new();
        if let Some((complete, found)) = self.full.with_every_part(k)? {
            if !complete {
                return Ok((true, found));
            }
            matches = found;
        }
        let mut exhausted = true;
        let mut candidates = Vec::new();
        for (i, source) in self.sources.iter().enumerate() {
            let mut top = ctx.top_k(source, k)?;
            if i == 0 && top.len() < k {
                // Fewer than asked: the words left out may find more.
                if let Some(all) = &self.all_text {
                    top = ctx.top_k(all, k)?;
                }
            }
            exhausted &= top.len() < k;
            candidates.extend(top.into_iter().map(|(_, a)| a));
        }
        // A title adds to every passage of its document: the best documents by title, and
        // all their passages, as the one to show is among them.
        let documents = k / CANDIDATES_PER_DOCUMENT;
        let threads = &ctx.threads;
        let mut best = threads.search(&self.titles, &TopPassages::documents(documents))?;
        if best.len() < documents {
            if let Some(all) = &self.all_titles {
                best = threads.search(all, &TopPassages::documents(documents))?;
            }
        }
        exhausted &= best.len() < documents;
        candidates.extend(passages_of(
            threads.searcher(),
            best.into_iter().map(|(_, a)| a).collect(),
        )?);
        matches.extend(self.full.rescore(candidates)?);
        Ok((exhausted, matches))
    }

    pub(super) fn run(ctx: &'a Context<'a>, every: bool) -> Result<Ranking> {
        let count = ctx.count()?;
        // Building the full score's weights and the candidates' queries takes a tenth of a
        // long query: it is done beside the count, as part of ranking, not before both.
        let first = || -> Result<(Candidates<'a>, (bool, Vec<Match>))> {
            let candidates = Candidates::new(ctx, every)?;
            let first = candidates.round(ctx.candidates())?;
            Ok((candidates, first))
        };
        let (first, total) = ctx.threads.join(first, || count.run());
        let (total, (candidates, mut round)) = (total?, first?);
        let mut k = ctx.candidates();
        loop {
            let (done, matches) = round;
            let (found, groups) = page(matches, ctx.options);
            if done || found >= ctx.wanted().min(total) {
                return Ok((total, groups));
            }
            k = k.saturating_mul(4);
            round = candidates.round(k)?;
        }
    }
}

/// The words and phrases in the passage text only, as one flat union of terms: the shape
/// tantivy can find the best matches of without scoring every one. A compound's parts weigh
/// what they weigh together in the full score.
fn words_in_text(ctx: &Context<'_>) -> Vec<(Term, Score)> {
    let model = ctx.model;
    let texts: Vec<&String> = ctx
        .parsed
        .slots
        .iter()
        .flatten()
        .filter_map(|i| match i {
            Item::Word(w) | Item::Phrase(w) => Some(w),
            _ => None,
        })
        .collect();
    let mut terms: Vec<(String, Score)> = Vec::new();
    for text in &texts {
        terms.extend(model.stems(text).iter().map(|t| (t.term.clone(), 1.0)));
    }
    for text in &texts {
        let parts = model.compound_parts(text).into_iter().flatten();
        terms.extend(parts.map(|part| (part, COMPOUND_PARTS_BOOST)));
        let forms = model.related_stems(text);
        terms.extend(forms.iter().cloned());
    }
    // A term both a word and a part counts as the word.
    terms.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    terms.dedup_by(|a, b| a.0 == b.0);
    let body = ctx.snapshot.fields.body;
    terms
        .into_iter()
        .map(|(t, boost)| (Term::from_field_text(body, &t), boost))
        .collect()
}

/// The query's words in the titles, boosted as the full score boosts them, as one flat union
/// of terms.
fn words_in_titles(ctx: &Context<'_>) -> Vec<(Term, Score)> {
    let f = ctx.snapshot.fields;
    let mut terms: Vec<String> = ctx
        .parsed
        .slots
        .iter()
        .flatten()
        .filter_map(|i| match i {
            Item::Word(w) => Some(ctx.model.stems(w)),
            _ => None,
        })
        .flat_map(|stems| stems.iter().map(|t| t.term.clone()).collect::<Vec<_>>())
        .collect();
    terms.sort();
    terms.dedup();
    terms
        .iter()
        .flat_map(|t| {
            [
                (f.title, TITLE_BOOST),
                (f.dossier_title, DOSSIER_TITLE_BOOST),
            ]
            .map(|(field, boost)| (Term::from_field_text(field, t), boost))
        })
        .collect()
}
