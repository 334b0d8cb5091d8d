//! What a query word also stands for, beyond its own stem: its related forms (`related.rs`),
//! its synonyms (`synonyms.rs`) and the abbreviations the index's texts define
//! (`abbreviations.rs`). Each weighs less than the word as typed, and no more than the word
//! would say: an expansion's weight is capped by the ratio of the word's inverse document
//! frequency to its own.

use std::rc::Rc;

use tantivy::{Score, Term};

use super::weights::{
    ABBREVIATION_BOOST, RELATED_FORMS_ALWAYS, RELATED_FORMS_MAX_SHARE, RELATED_FORM_BOOST,
    SYNONYM_BOOST, SYNONYM_MAX_SHARE,
};
use super::{Forms, QueryModel};
use crate::analysis::{infinitive_of, split_compound};
use crate::search::abbreviations::{long_form, runs};
use crate::search::item::{Item, ParsedQuery};
use crate::search::leaf::Leaf;
use crate::search::related::{capped, common_prefix, idf, related_forms};
use crate::search::synonyms::synonyms;

impl QueryModel<'_> {
    /// Whether `form` is a derivation of `stem`, not a compound that begins with the same word
    /// ("waddeneiland" for "waddenkust", "woningwet" for "woning"): a form that is a compound
    /// of known words is one only where the stem is a compound with the same first part and a
    /// second that begins as the form's ("samenwerking" for "samenwerken"). Nor is it one
    /// where what the stem has after their shared beginning is a word the texts use (at least
    /// a tenth as often as the stem): that beginning is the stem's first part, and the form
    /// that word's sibling or the part alone ("woningnood" and "woning" for "woningbouw"),
    /// which the compound's parts weigh as such.
    fn derived(&self, stem: &str, form: &str) -> bool {
        let used = |w: &str| self.passages_using(w);
        let rest = &stem[common_prefix(form, stem)..];
        if rest.len() >= 3 && used(rest).saturating_mul(10) >= used(stem).max(10) {
            return false;
        }
        match (split_compound(form, used), split_compound(stem, used)) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some((form_head, form_tail)), Some((head, tail))) => {
                let shared = common_prefix(form_tail, tail);
                form_head == head && shared >= 4.min(form_tail.len()).min(tail.len())
            }
        }
    }

    /// The stems of a query word's related words in the passage text, each with its boost:
    /// its related forms ([`related_forms`], none for a common word: [`Self::is_common`]) and
    /// the infinitive of a verb form, then its synonyms ([`synonyms`]), but for its compound
    /// parts, which score otherwise; empty for a word of several terms.
    pub(crate) fn related_stems(&self, word: &str) -> Forms {
        if let Some(forms) = self.related.borrow().get(word) {
            return forms.clone();
        }
        let forms: Forms = match &*self.stems(word) {
            [one] => {
                let used = self.passages_with_stem(&one.term);
                let derived = |form: &str| self.derived(&one.term, form);
                let mut forms: Vec<(String, Score)> = match self.is_common(used) {
                    true => Vec::new(),
                    false => {
                        related_forms(self.searcher(), self.fields.body, &one.term, used, derived)
                            .into_iter()
                            .map(|(form, weight)| (form, weight * RELATED_FORM_BOOST))
                            .collect()
                    }
                };
                let verb = self.infinitive_stem(word, &one.term);
                for (stem, weight) in verb.into_iter().chain(self.synonym_stems(&one.term)) {
                    if forms.iter().all(|(form, _)| *form != stem) {
                        forms.push((stem, weight));
                    }
                }
                let parts = self.compound_parts(word).unwrap_or_default();
                forms.retain(|(form, _)| !parts.contains(form));
                forms.into()
            }
            _ => Rc::from([]),
        };
        self.related
            .borrow_mut()
            .insert(word.to_string(), forms.clone());
        forms
    }

    /// Whether a stem `used` passages hold is too common to look up its related forms
    /// ([`RELATED_FORMS_MAX_SHARE`]).
    fn is_common(&self, used: u64) -> bool {
        let passages = self.searcher().num_docs();
        used >= RELATED_FORMS_ALWAYS && used as f64 > RELATED_FORMS_MAX_SHARE * passages as f64
    }

    /// The stem of the infinitive of a query word that is a verb form the stemmer leaves apart
    /// ("steunt", "steunde", "gesteund" for "steunen"), with its boost: a related form, as the
    /// text's verb forms are indexed with their infinitives (`verb_forms.rs`). The index's
    /// texts confirm the infinitive as the indexer's vocabulary does for the text.
    fn infinitive_stem(&self, word: &str, stem: &str) -> Option<(String, Score)> {
        let exact = self.exacts(word).first()?.term.clone();
        let infinitive = infinitive_of(&exact, |w| self.passages_using(w) > 0)?;
        let [verb] = &*self.stems(&infinitive) else {
            return None;
        };
        let used = self.passages_with_stem(&verb.term);
        if verb.term == stem || used == 0 {
            return None;
        }
        let passages = self.searcher().num_docs();
        let weight = capped(self.passages_with_stem(stem), used, passages);
        Some((verb.term.clone(), weight * RELATED_FORM_BOOST))
    }

    /// The stems of a stem's synonyms ([`synonyms`]) that the passages use, each with
    /// [`SYNONYM_BOOST`] capped as a related form's weight is ([`related_forms`]); none for a
    /// stem more than [`SYNONYM_MAX_SHARE`] of the passages use (and more than one).
    fn synonym_stems(&self, stem: &str) -> Vec<(String, Score)> {
        let found = synonyms(stem);
        if found.is_empty() {
            return Vec::new();
        }
        let passages = self.searcher().num_docs();
        let used = |t: &str| self.passages_with_stem(t);
        let own = used(stem);
        // In an index of few passages, one is a large share.
        if own as f64 > (SYNONYM_MAX_SHARE * passages as f64).max(1.0) {
            return Vec::new();
        }
        found
            .iter()
            .filter_map(|synonym| {
                let n = used(synonym);
                (n > 0).then(|| {
                    let weight = capped(own, n, passages);
                    (synonym.to_string(), weight * SYNONYM_BOOST)
                })
            })
            .collect()
    }

    /// The abbreviations a query word stands for, as leaves: the long form of a word the
    /// index's texts define as an abbreviation, as a phrase ("NCG": "nationaal coördinator
    /// groningen"), and the abbreviation of a long form the word is part of in the query
    /// ([`QueryModel::with_abbreviations_of`]).
    pub(crate) fn abbreviation_leaves(&self, item: &Item) -> Rc<[Leaf]> {
        let Item::Word(w) = item else {
            return Rc::from([]);
        };
        if let Some(leaves) = self.abbreviated.borrow().get(w) {
            return leaves.clone();
        }
        let mut leaves = Vec::new();
        if let [short] = &*self.exacts(w) {
            if let Some(long) = long_form(self.searcher(), self.fields.abbreviations, &short.term) {
                let weight = self.capped(std::slice::from_ref(&short.term), &long);
                leaves.push(Leaf::phrase(self.fields.body_exact, long, weight));
            }
        }
        leaves.extend(self.in_long_forms.get(w).into_iter().flatten().cloned());
        let leaves: Rc<[Leaf]> = leaves.into();
        self.abbreviated
            .borrow_mut()
            .insert(w.clone(), leaves.clone());
        leaves
    }

    /// The model, told which runs of the query's words are long forms the index's texts
    /// abbreviate ("nationaal coördinator groningen"): each of their words also stands for
    /// the abbreviation ("NCG"), at a weight that keeps the abbreviation from saying more than
    /// the word.
    pub(crate) fn with_abbreviations_of(mut self, parsed: &ParsedQuery) -> Self {
        // A run is in words typed one after another: slots of one word of one term each.
        let mut sequences: Vec<Vec<(String, String)>> = vec![Vec::new()];
        for slot in &parsed.slots {
            let word = match slot.as_slice() {
                [Item::Word(w)] => match &*self.exacts(w) {
                    [one] => Some((w.clone(), one.term.clone())),
                    _ => None,
                },
                _ => None,
            };
            match word {
                Some(word) => sequences.last_mut().expect("one at least").push(word),
                None => sequences.push(Vec::new()),
            }
        }
        for words in sequences.iter().filter(|s| s.len() >= 2) {
            let terms: Vec<String> = words.iter().map(|(_, t)| t.clone()).collect();
            for run in runs(self.searcher(), self.fields.abbreviations, &terms) {
                for (word, term) in &words[run.start..run.start + run.len] {
                    let weight = self.capped(
                        std::slice::from_ref(term),
                        std::slice::from_ref(&run.abbreviation),
                    );
                    let leaf = Leaf::term(self.fields.body_exact, &run.abbreviation, weight);
                    self.in_long_forms
                        .entry(word.clone())
                        .or_default()
                        .push(leaf);
                }
            }
        }
        self
    }

    /// [`ABBREVIATION_BOOST`], times the inverse document frequency of what was typed over
    /// that of the expansion where that is the larger (each the sum over its words, in the
    /// text as written).
    fn capped(&self, typed: &[String], expansion: &[String]) -> Score {
        let passages = self.searcher().num_docs();
        let idf_of = |terms: &[String]| -> Score {
            terms
                .iter()
                .map(|t| {
                    let term = Term::from_field_text(self.fields.body_exact, t);
                    idf(self.statistics.passages_with(&term), passages)
                })
                .sum()
        };
        ABBREVIATION_BOOST * (idf_of(typed) / idf_of(expansion)).min(1.0)
    }
}
