//! The scoring model: which fields each query item is looked up in, and with which weight.
//!
//! It is said once, here, as [`Leaf`]s: a term or a phrase in one field with a boost. Every
//! shape a search needs is derived from the leaves: the tantivy query that scores every match
//! ([`QueryModel::query`]), the per-leaf sum that scores candidates ([`QueryModel::score_sum`]),
//! the flat union of terms that bounds that score from above ([`QueryModel::bound`]), and the
//! terms and phrases that count the matching documents ([`QueryModel::counting`]). The bound
//! thus holds by construction: a term bounds itself, a phrase is bounded by its terms (the same
//! lengths, its idf the sum of theirs, its count at most each term's), and an item that scores
//! the best of its word, its compound's parts together, one part alone and a related form
//! scores at most the sum of the word, the parts together and the related forms (a part alone
//! weighs less than the parts together).

mod counting;
mod expansions;
mod weights;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::schema::Field;
use tantivy::{Score, Searcher, Term};

use super::collector::score::{ItemSum, ScoreSum};
use super::filters::Filters;
use super::item::{Item, ParsedQuery};
use super::leaf::{any_of, best_of, boosted, Leaf};
use super::prefix::words_beginning;
use super::statistics::Statistics;
use crate::analysis::{
    analyze, exact, is_function_word, is_particle, split_compound, stemmed, AnalyzedToken,
};
use crate::index::Fields;
use crate::Result;
pub(crate) use weights::{ALL_PARTS_BONUS, COMPOUND_PARTS_BOOST, DOSSIER_TITLE_BOOST, TITLE_BOOST};
use weights::{
    COMPOUND_PART_ALONE_BOOST, EXACT_FORM_BOOST, IN_DOSSIER, MIN_PART_PASSAGES, PARTS_BOOST,
    PART_OF_HYPHENATED_BOOST, REFERS_CITING, REFERS_SELF, REPLACING,
};

/// How one item of a query scores.
#[derive(Debug, Clone)]
enum Scoring {
    /// Words and phrases: leaves whose scores add up; and a compound's parts apart, when the
    /// index knows both parts as words (the item scores the better of the two).
    Text {
        leaves: Vec<Leaf>,
        parts: Option<[String; 2]>,
    },
    /// An id among words: documents that match a filter score a constant.
    Constant(Vec<(Item, Score)>),
    /// A metadata item in a slot with words (`type:brief OR zeehonden`).
    Filter(Item),
    /// Nothing searchable in it ("!!!").
    Nothing,
}

/// One way an item matches: the query whose score at a passage is the way's, made of
/// `leaves` whose scores add up (or, with `best`, the best of them), times `weight`.
pub(crate) struct Way {
    pub name: &'static str,
    pub query: Box<dyn Query>,
    pub leaves: Vec<Leaf>,
    pub weight: Score,
    pub best: bool,
    /// Whether it counts for the bonus of every part.
    pub coordinated: bool,
}

/// A query's items in the model, with what a search looks up more than once: each word's
/// analysis and its compound parts.
pub(crate) struct QueryModel<'a> {
    fields: Fields,
    /// The search's statistics, and through them its searcher.
    statistics: &'a Statistics<'a>,
    filters: Filters,
    analyzed: RefCell<HashMap<(bool, String), Tokens>>,
    compounds: RefCell<HashMap<String, Option<[String; 2]>>>,
    related: RefCell<HashMap<String, Forms>>,
    abbreviated: RefCell<HashMap<String, Rc<[Leaf]>>>,
    /// Per word of the query, the abbreviations of the long forms it is part of.
    in_long_forms: HashMap<String, Vec<Leaf>>,
}

/// A word's related forms, each with its boost.
pub(crate) type Forms = Rc<[(String, Score)]>;

/// A word's analyzed tokens, shared by the shapes built from them.
pub(crate) type Tokens = Rc<[AnalyzedToken]>;

impl<'a> QueryModel<'a> {
    pub(crate) fn new(fields: &Fields, statistics: &'a Statistics<'a>) -> Self {
        QueryModel {
            fields: *fields,
            statistics,
            filters: Filters::new(fields),
            analyzed: RefCell::default(),
            compounds: RefCell::default(),
            related: RefCell::default(),
            abbreviated: RefCell::default(),
            in_long_forms: HashMap::new(),
        }
    }

    /// The metadata filters on the fields of this model.
    pub(crate) fn filters(&self) -> &Filters {
        &self.filters
    }

    /// `word` through the stemming analyzer.
    pub(crate) fn stems(&self, word: &str) -> Tokens {
        self.analyzed_as(true, word)
    }

    /// About how many passages a word's stem is in (0 for other items): the rarest parts of a
    /// query are looked up first where only documents with every part count.
    pub(crate) fn passages_with(&self, item: &Item) -> u64 {
        let Item::Word(w) = item else { return 0 };
        let freq = |t: &AnalyzedToken| self.passages_with_stem(&t.term);
        self.stems(w).iter().map(freq).min().unwrap_or(0)
    }

    /// How many passages hold a stem in their text (the search's statistics remember it: the
    /// word's weight and its expansions' ask again).
    pub(crate) fn passages_with_stem(&self, stem: &str) -> u64 {
        let term = Term::from_field_text(self.fields.body, stem);
        self.statistics.passages_with(&term)
    }

    fn searcher(&self) -> &'a Searcher {
        self.statistics.searcher()
    }

    /// The search's statistics, which its weights score by.
    pub(crate) fn statistics(&self) -> &'a Statistics<'a> {
        self.statistics
    }

    pub(crate) fn exacts(&self, word: &str) -> Tokens {
        self.analyzed_as(false, word)
    }

    fn analyzed_as(&self, stem: bool, word: &str) -> Tokens {
        let key = (stem, word.to_string());
        if let Some(tokens) = self.analyzed.borrow().get(&key) {
            return tokens.clone();
        }
        let tokens: Tokens = if stem {
            analyze(&mut stemmed(), word).into()
        } else {
            analyze(&mut exact(), word).into()
        };
        self.analyzed.borrow_mut().insert(key, tokens.clone());
        tokens
    }

    /// The stems of the two words a query word is a compound of, when the index holds both as
    /// words: "regeringsinzet" gives "regering" and "inzet", which a motie says as "de inzet van
    /// de regering". The text's own compounds were split when it was indexed (field
    /// `body_parts`); this is the query's side.
    pub(crate) fn compound_parts(&self, word: &str) -> Option<[String; 2]> {
        if let Some(parts) = self.compounds.borrow().get(word) {
            return parts.clone();
        }
        let used = |w: &str| self.passages_using(w);
        let parts = match &*self.exacts(word) {
            // A particle fuses with what follows: "voorwaarde" and "terugkeer" are not "waarde
            // voor" and "keer terug".
            [one] => split_compound(&one.term, used)
                .filter(|(head, _)| !is_particle(head))
                .and_then(
                    |(head, tail)| match (&*self.stems(head), &*self.stems(tail)) {
                        ([h], [t]) => Some([h.term.clone(), t.term.clone()]),
                        _ => None,
                    },
                ),
            _ => None,
        };
        self.compounds
            .borrow_mut()
            .insert(word.to_string(), parts.clone());
        parts
    }

    /// How many passages use a word as written; too few to count for a part of a compound
    /// are none. Splitting a word tries every cut, and the related forms of a word split the
    /// word again for each form: the search's statistics remember each count.
    fn passages_using(&self, word: &str) -> u32 {
        let term = Term::from_field_text(self.fields.body_exact, word);
        let passages = u32::try_from(self.statistics.passages_with(&term)).unwrap_or(u32::MAX);
        match passages >= MIN_PART_PASSAGES {
            true => passages,
            false => 0,
        }
    }

    /// Whether an item scores as a flat sum of single terms: a word of one term that is no
    /// compound of known words and has no related forms.
    pub(crate) fn is_flat(&self, item: &Item) -> bool {
        matches!(item, Item::Word(w)
            if self.stems(w).len() == 1
                && self.compound_parts(w).is_none()
                && self.related_stems(w).is_empty()
                && self.abbreviation_leaves(item).is_empty())
    }

    /// The model of one item.
    fn scoring(&self, item: &Item) -> Scoring {
        let f = &self.fields;
        match item {
            Item::Word(w) => {
                let (stems, exacts) = (self.stems(w), self.exacts(w));
                let mut leaves = Vec::new();
                match &*stems {
                    [] => return Scoring::Nothing,
                    [stem] => {
                        let stem = stem.term.as_str();
                        // A function word ("de", "tegen") counts in the text, where BM25
                        // weighs it by how many passages use it ("geen", "tegen" say what a
                        // motie asks: half that weight cost paraphrased queries 0.008 on the
                        // development set), but not in a title, where one match would weigh
                        // like a rare word's ("de" in a title outranked the motie with the
                        // query's rare words), nor as a part of a compound ("tegen" in
                        // "tegenvallers" is not the word).
                        let content = !exacts.first().is_some_and(|e| is_function_word(&e.term));
                        leaves.push(Leaf::term(f.body, stem, 1.0));
                        if content {
                            leaves.push(Leaf::term(f.title, stem, TITLE_BOOST));
                            leaves.push(Leaf::term(f.dossier_title, stem, DOSSIER_TITLE_BOOST));
                        }
                        if let Some(exact_form) = exacts.first() {
                            let leaf = Leaf::term(f.body_exact, &exact_form.term, EXACT_FORM_BOOST);
                            leaves.push(leaf.implied());
                        }
                        if content {
                            leaves.push(Leaf::term(f.body_parts, stem, PARTS_BOOST));
                        }
                    }
                    // "WODC-onderzoek", "porno-industrie": the parts next to each other, in the
                    // text and in a title; the parts on their own; and the parts as one word,
                    // for a query that carries a line-break hyphen ("op-zichte") into a text
                    // where it was healed.
                    stems => {
                        let terms = |tokens: &[AnalyzedToken]| -> Vec<String> {
                            tokens.iter().map(|t| t.term.clone()).collect()
                        };
                        leaves.push(Leaf::phrase(f.body_exact, terms(&exacts), 1.0).implied());
                        leaves.push(Leaf::phrase(f.title, terms(stems), TITLE_BOOST));
                        for t in stems {
                            leaves.push(Leaf::term(f.body, &t.term, PART_OF_HYPHENATED_BOOST));
                        }
                        if w.contains('-') {
                            let joined: String = w.chars().filter(|c| *c != '-').collect();
                            if let [one] = &*self.stems(&joined) {
                                leaves.push(Leaf::term(f.body, &one.term, 1.0));
                            }
                        }
                    }
                }
                Scoring::Text {
                    leaves,
                    parts: self.compound_parts(w),
                }
            }
            Item::Phrase(p) | Item::Near(p, _) => {
                let terms: Vec<String> = analyze(&mut exact(), p)
                    .into_iter()
                    .map(|t| t.term)
                    .collect();
                if terms.is_empty() {
                    return Scoring::Nothing;
                }
                let slop = if let Item::Near(_, n) = item { *n } else { 0 };
                Scoring::Text {
                    leaves: vec![Leaf::phrase(f.body_exact, terms, 1.0).near(slop)],
                    parts: None,
                }
            }
            // Checked before the search: an error there, nothing here.
            Item::Prefix(p) => match words_beginning(self.searcher(), f.body_exact, p) {
                Ok(words) if !words.is_empty() => Scoring::Text {
                    leaves: words
                        .iter()
                        .map(|w| Leaf::term(f.body_exact, w, 1.0))
                        .collect(),
                    parts: None,
                },
                _ => Scoring::Nothing,
            },
            Item::Refers(id) => Scoring::Constant(vec![
                (Item::Cites(id.clone()), REFERS_CITING),
                (Item::Id(id.clone()), REFERS_SELF),
            ]),
            Item::Replaces(id) => Scoring::Constant(vec![(Item::Cites(id.clone()), REPLACING)]),
            Item::InDossier(d) => Scoring::Constant(vec![(Item::Dossier(d.clone()), IN_DOSSIER)]),
            filter => Scoring::Filter(filter.clone()),
        }
    }

    /// A compound's parts in a passage, each as a word or as a part of another compound
    /// ("bankbelasting" in a text that says "bankenbelasting"): the leaves of each part. A part
    /// of the text's compound counts as much as the word: "draaideur" in "draaideurverbod" is
    /// the part the query's "draaideurregels" shares with it, not the weak evidence a query's
    /// plain word found inside a compound is ([`PARTS_BOOST`]).
    fn parts_leaves(&self, parts: &[String; 2]) -> [[Leaf; 2]; 2] {
        let f = &self.fields;
        parts.clone().map(|p| {
            [
                Leaf::term(f.body, &p, 1.0),
                Leaf::term(f.body_parts, &p, 1.0),
            ]
        })
    }

    /// Both parts (`Occur::Must`), or either (`Occur::Should`).
    fn parts_query(&self, parts: &[String; 2], occur: Occur) -> Box<dyn Query> {
        let each = self.parts_leaves(parts).map(|either| {
            let either: Vec<Box<dyn Query>> = either.iter().map(Leaf::query).collect();
            (occur, any_of(either))
        });
        Box::new(BooleanQuery::new(each.into()))
    }

    /// A compound's parts together, weighed as a paraphrase of the word; `None` for other
    /// items.
    fn paraphrase(&self, item: &Item) -> Option<Box<dyn Query>> {
        let parts = self.parts(item)?;
        Some(boosted(
            self.parts_query(&parts, Occur::Must),
            COMPOUND_PARTS_BOOST,
        ))
    }

    /// One part of a compound without the other, weighed less; `None` for other items.
    fn part_alone(&self, item: &Item) -> Option<Box<dyn Query>> {
        let parts = self.parts(item)?;
        Some(boosted(
            self.parts_query(&parts, Occur::Should),
            COMPOUND_PART_ALONE_BOOST,
        ))
    }

    /// The related forms of a word, the best of them weighed less; `None` for other items
    /// and words without any.
    fn related(&self, item: &Item) -> Option<Box<dyn Query>> {
        let leaves = self.related_leaves(item);
        (!leaves.is_empty()).then(|| best_of(leaves.iter().map(Leaf::query).collect()))
    }

    fn related_leaves(&self, item: &Item) -> Vec<Leaf> {
        match item {
            Item::Word(w) => self
                .related_stems(w)
                .iter()
                .map(|(form, boost)| Leaf::term(self.fields.body, form, *boost))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The abbreviations an item stands for, the best of them; `None` for an item without.
    fn abbreviation(&self, item: &Item) -> Option<Box<dyn Query>> {
        let leaves = self.abbreviation_leaves(item);
        (!leaves.is_empty()).then(|| best_of(leaves.iter().map(Leaf::query).collect()))
    }

    /// What matches an item loosely, weighed less and not for the bonus of every part: one
    /// part of its compound alone, a related form, or an abbreviation.
    fn loose(&self, item: &Item) -> Option<Box<dyn Query>> {
        let ways: Vec<Box<dyn Query>> = self
            .part_alone(item)
            .into_iter()
            .chain(self.related(item))
            .chain(self.abbreviation(item))
            .collect();
        (!ways.is_empty()).then(|| best_of(ways))
    }

    /// The parts of a compound word ([`QueryModel::compound_parts`]); `None` for other items.
    fn parts(&self, item: &Item) -> Option<[String; 2]> {
        match item {
            Item::Word(w) => self.compound_parts(w),
            _ => None,
        }
    }

    /// An item as written (a compound without its parts apart): what an exclusion leaves out;
    /// `None` if it has nothing searchable.
    pub(crate) fn written(&self, item: &Item) -> Option<Box<dyn Query>> {
        match self.scoring(item) {
            Scoring::Text { leaves, .. } => Some(any_of(leaves.iter().map(Leaf::query).collect())),
            Scoring::Constant(filters) => Some(any_of(
                filters
                    .iter()
                    .map(|(item, score)| {
                        let q = self.filters.item(item);
                        Box::new(ConstScoreQuery::new(q, *score)) as Box<dyn Query>
                    })
                    .collect(),
            )),
            Scoring::Filter(item) => Some(self.filters.item(&item)),
            Scoring::Nothing => None,
        }
    }

    /// The ways an item matches, whose best is its score: as written, its compound's parts
    /// together, one part alone, a related form. `None` if it has nothing searchable.
    pub(crate) fn ways(&self, item: &Item) -> Option<Vec<Way>> {
        let written = self.written(item)?;
        let (name, leaves) = match self.scoring(item) {
            Scoring::Text { leaves, .. } => ("as typed", leaves),
            Scoring::Constant(_) => ("id", Vec::new()),
            Scoring::Filter(_) | Scoring::Nothing => ("filter", Vec::new()),
        };
        let way = |name, query, leaves, weight, coordinated| Way {
            name,
            query,
            leaves,
            weight,
            best: false,
            coordinated,
        };
        let mut ways = vec![way(name, written, leaves, 1.0, true)];
        if let Some(parts) = self.parts(item) {
            let leaves: Vec<Leaf> = self.parts_leaves(&parts).into_iter().flatten().collect();
            if let Some(q) = self.paraphrase(item) {
                let weight = COMPOUND_PARTS_BOOST;
                ways.push(way("parts together", q, leaves.clone(), weight, true));
            }
            if let Some(q) = self.part_alone(item) {
                let weight = COMPOUND_PART_ALONE_BOOST;
                ways.push(way("a part alone", q, leaves, weight, false));
            }
        }
        if let Some(q) = self.related(item) {
            let related = way("related word", q, self.related_leaves(item), 1.0, false);
            ways.push(Way {
                best: true,
                ..related
            });
        }
        if let Some(q) = self.abbreviation(item) {
            let leaves = self.abbreviation_leaves(item).to_vec();
            let abbreviation = way("abbreviation", q, leaves, 1.0, false);
            ways.push(Way {
                best: true,
                ..abbreviation
            });
        }
        Some(ways)
    }

    /// An item as a scored query: the best of its ways (a passage with the compound often has
    /// its parts too).
    pub(crate) fn query(&self, item: &Item) -> Option<Box<dyn Query>> {
        let ways = self.ways(item)?;
        Some(best_of(ways.into_iter().map(|w| w.query).collect()))
    }

    /// What matches an item for the bonus of every part: the item as written or its
    /// paraphrase, not a loose match.
    fn coordinated(&self, item: &Item) -> Option<Box<dyn Query>> {
        let ways = self.ways(item)?;
        let coordinated = ways.into_iter().filter(|w| w.coordinated);
        Some(best_of(coordinated.map(|w| w.query).collect()))
    }

    /// One slot (`a OR b`): any of its items, scored; `None` if none has anything searchable.
    pub(crate) fn slot(&self, slot: &[Item]) -> Option<Box<dyn Query>> {
        let alternatives: Vec<Box<dyn Query>> = slot.iter().filter_map(|i| self.query(i)).collect();
        (!alternatives.is_empty()).then(|| any_of(alternatives))
    }

    /// One slot as it counts for the bonus of every part; `None` as for [`QueryModel::slot`].
    fn coordinated_slot(&self, slot: &[Item]) -> Option<Box<dyn Query>> {
        let alternatives: Vec<Box<dyn Query>> =
            slot.iter().filter_map(|i| self.coordinated(i)).collect();
        (!alternatives.is_empty()).then(|| any_of(alternatives))
    }

    /// Whether a slot's items score more ways than they count for the bonus.
    fn has_loose(&self, slot: &[Item]) -> bool {
        slot.iter().any(|i| {
            self.parts(i).is_some()
                || !self.related_leaves(i).is_empty()
                || !self.abbreviation_leaves(i).is_empty()
        })
    }

    /// Whether any item of `slots` has something searchable: whether
    /// [`QueryModel::text_query`] has a query, without building it.
    pub(crate) fn has_text(&self, slots: &[&[Item]]) -> bool {
        let searchable = |i: &Item| !matches!(self.scoring(i), Scoring::Nothing);
        slots.iter().any(|slot| slot.iter().any(searchable))
    }

    /// The query's text part scored in full: the sum of its slots, plus [`ALL_PARTS_BONUS`]
    /// where every slot matches. `None` if no slot has text.
    pub(crate) fn text_query(&self, slots: &[&[Item]]) -> Option<Box<dyn Query>> {
        let mut scored: Vec<Box<dyn Query>> = slots.iter().filter_map(|s| self.slot(s)).collect();
        match scored.len() {
            0 => None,
            1 => scored.pop(),
            _ => {
                let all: Vec<(Occur, Box<dyn Query>)> = slots
                    .iter()
                    .filter_map(|s| Some((Occur::Must, self.coordinated_slot(s)?)))
                    .collect();
                let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                    scored.into_iter().map(|q| (Occur::Should, q)).collect();
                let every = ConstScoreQuery::new(Box::new(BooleanQuery::new(all)), ALL_PARTS_BONUS);
                clauses.push((Occur::Should, Box::new(every)));
                Some(Box::new(BooleanQuery::new(clauses)))
            }
        }
    }

    /// Passages that match every slot (as the bonus counts them), scored as the full query
    /// scores them (but for the bonus).
    pub(crate) fn every_part(&self, parsed: &ParsedQuery) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for slot in &parsed.slots {
            let Some(scored) = self.slot(slot) else {
                continue;
            };
            match self.coordinated_slot(slot) {
                Some(coordinated) if self.has_loose(slot) => {
                    clauses.push((
                        Occur::Must,
                        Box::new(ConstScoreQuery::new(coordinated, 0.0)),
                    ));
                    clauses.push((Occur::Should, scored));
                }
                _ => clauses.push((Occur::Must, scored)),
            }
        }
        BooleanQuery::new(clauses)
    }

    /// A flat word's leaves as term queries: what the full score adds up for it, term by
    /// term. Empty for any other item.
    pub(crate) fn flat_terms(&self, item: &Item) -> Vec<Box<dyn Query>> {
        if !self.is_flat(item) {
            return Vec::new();
        }
        match self.scoring(item) {
            Scoring::Text { leaves, .. } => leaves.iter().map(Leaf::query).collect(),
            _ => Vec::new(),
        }
    }

    /// The full score of a query of words, phrases and ids, as the sum of its leaves: a flat
    /// word leaf by leaf, any other item whole as written, and the paraphrase apart.
    pub(crate) fn score_sum(&self, parsed: &ParsedQuery) -> Result<ScoreSum> {
        let scoring = self.statistics.scoring();
        let mut slots = Vec::new();
        for slot in &parsed.slots {
            let mut items = Vec::new();
            for item in slot {
                let mut queries = self.flat_terms(item);
                if queries.is_empty() {
                    queries.extend(self.written(item));
                }
                if queries.is_empty() {
                    continue;
                }
                items.push(ItemSum {
                    written: queries
                        .iter()
                        .map(|q| q.weight(scoring))
                        .collect::<tantivy::Result<_>>()?,
                    paraphrase: match self.paraphrase(item) {
                        Some(q) => Some(q.weight(scoring)?),
                        None => None,
                    },
                    loose: match self.loose(item) {
                        Some(q) => Some(q.weight(scoring)?),
                        None => None,
                    },
                });
            }
            if !items.is_empty() {
                slots.push(items);
            }
        }
        Ok(ScoreSum {
            slots,
            bonus: ALL_PARTS_BONUS,
        })
    }

    /// A flat union of boosted terms whose score is at least the full score of the query (less
    /// the bonus) on every passage its ids do not match (their constant scores no term
    /// bounds): every term of every leaf, a paraphrase's at its weight.
    pub(crate) fn bound(&self, parsed: &ParsedQuery) -> Vec<(Term, Score)> {
        let mut boosts: HashMap<(Field, String), Score> = HashMap::new();
        let mut add = |leaf: &Leaf, weight: Score| {
            for t in &leaf.terms {
                *boosts.entry((leaf.field, t.clone())).or_default() += leaf.boost * weight;
            }
        };
        for item in parsed.slots.iter().flatten() {
            if let Scoring::Text { leaves, parts } = self.scoring(item) {
                leaves.iter().for_each(|leaf| add(leaf, 1.0));
                for leaf in parts.iter().flat_map(|p| self.parts_leaves(p)).flatten() {
                    add(&leaf, COMPOUND_PARTS_BOOST);
                }
                // A loose match is a part alone, which the parts bound, a related form or an
                // abbreviation.
                for leaf in self.related_leaves(item) {
                    add(&leaf, 1.0);
                }
                for leaf in self.abbreviation_leaves(item).iter() {
                    add(leaf, 1.0);
                }
            }
        }
        let mut terms: Vec<(Term, Score)> = boosts
            .into_iter()
            .map(|((field, t), boost)| (Term::from_field_text(field, &t), boost))
            .collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        terms
    }
}
