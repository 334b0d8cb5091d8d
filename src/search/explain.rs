//! Why a passage scored what it did: what each query item added, by which way it matched
//! (as typed, through its compound's parts, through a related word), in which field.
//!
//! The explanation is computed from the model's own ways and leaves
//! ([`QueryModel::ways`]), each scored at the passage: its items and bonus add up to the
//! hit's score.

use serde::Serialize;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::{DocAddress, Score};

use super::item::Item;
use super::model::{QueryModel, ALL_PARTS_BONUS};
use crate::index::Fields;
use crate::Result;

/// Why a passage scored what it did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// What each query item that matched added, in the order of the query.
    pub items: Vec<ItemExplanation>,
    /// Added because the passage matches every part of the query (as typed or by a
    /// compound's parts together); 0 otherwise.
    pub bonus: f32,
}

/// What one query item added to a passage's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemExplanation {
    /// The item as the query has it.
    pub item: String,
    /// How it matched: "as typed", "parts together" (both parts of a compound), "a part
    /// alone", "related word" (a derivation: "compenseren" for "compensatie"; or a synonym:
    /// "vuilstortplaats" for "vuilnisbelt"), "abbreviation", "id" or "filter". The item adds
    /// the best of the ways it matches.
    pub way: String,
    /// What it added.
    pub score: f32,
    /// The terms that matched in that way, each with what it added.
    pub matches: Vec<TermMatch>,
}

/// A term or phrase of the query found in one field of the passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermMatch {
    /// Where: "text" (stems), "text as written", "compound in text" (a part of a compound in
    /// the text), "title" or "dossier title".
    pub field: String,
    /// The term as indexed (a stem in "text"), or the words of a phrase.
    pub term: String,
    /// What it added, with its weight.
    pub score: f32,
}

/// The explanation of the passage at `at` for a query's slots of text.
pub(crate) fn explain(
    model: &QueryModel<'_>,
    fields: &Fields,
    text_slots: &[&[Item]],
    at: DocAddress,
) -> Result<Explanation> {
    // Scored as the ranking scored it, by the search's statistics.
    let statistics = model.statistics();
    let scoring = statistics.scoring();
    let reader = statistics.searcher().segment_reader(at.segment_ord);
    let score_at = |query: &dyn Query| -> Result<Option<Score>> {
        let mut scorer = query.weight(scoring)?.scorer(reader, 1.0)?;
        let doc = at.doc_id;
        // A scorer starts on its first match and only moves forward.
        let here = scorer.doc() == doc || (scorer.doc() < doc && scorer.seek(doc) == doc);
        Ok(here.then(|| scorer.score()))
    };
    let mut items = Vec::new();
    let (mut slots, mut every) = (0, true);
    for slot in text_slots {
        let (mut has_ways, mut coordinated) = (false, false);
        for item in slot.iter() {
            let Some(ways) = model.ways(item) else {
                continue;
            };
            has_ways = true;
            let mut best: Option<(Score, usize)> = None;
            for (i, way) in ways.iter().enumerate() {
                let Some(score) = score_at(way.query.as_ref())? else {
                    continue;
                };
                coordinated |= way.coordinated;
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, i));
                }
            }
            let Some((score, i)) = best else {
                continue;
            };
            let way = &ways[i];
            let mut matches = Vec::new();
            for leaf in &way.leaves {
                if let Some(s) = score_at(leaf.query().as_ref())? {
                    matches.push(TermMatch {
                        field: field_name(fields, leaf.field).to_string(),
                        term: leaf.terms.join(" "),
                        score: s * way.weight,
                    });
                }
            }
            if way.best {
                matches.sort_by(|a, b| b.score.total_cmp(&a.score));
                matches.truncate(1);
            }
            items.push(ItemExplanation {
                item: item.to_string(),
                way: way.name.to_string(),
                score,
                matches,
            });
        }
        if has_ways {
            slots += 1;
            every &= coordinated;
        }
    }
    let bonus = if slots > 1 && every {
        ALL_PARTS_BONUS
    } else {
        0.0
    };
    Ok(Explanation { items, bonus })
}

/// A field as an explanation names it.
fn field_name(fields: &Fields, field: Field) -> &'static str {
    match field {
        f if f == fields.body => "text",
        f if f == fields.body_exact => "text as written",
        f if f == fields.body_parts => "compound in text",
        f if f == fields.title => "title",
        f if f == fields.dossier_title => "dossier title",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use crate::{Index, SearchOptions};

    fn explained() -> SearchOptions {
        SearchOptions {
            explain: true,
            limit: 20,
            ..Default::default()
        }
    }

    /// The items and the bonus add up to the score, for every way of ranking.
    #[test]
    fn an_explanation_adds_up_to_the_score() {
        let index = Index::create_in_ram().unwrap();
        index
            .index_paths(&["sample_corpus"], &Default::default())
            .unwrap();
        for q in [
            "mensenhandel Curacao",
            "mensenhandel",
            "ouderenzorg Caribisch Nederland",
            "\"Caribisch Nederland\" zorg",
            "mensenhandel OR ouderenzorg",
            "regeringsreactie",
            "kst-36600-XVI-12 ouderenzorg",
            "t.v.v. kst-36600-XVI-12",
            "de aanpak van mensenhandel op Curacao en de rol van de regering",
        ] {
            let results = index.search(q, &explained()).unwrap();
            assert!(!results.hits.is_empty(), "{q}");
            for hit in &results.hits {
                let e = hit.explain.as_ref().unwrap();
                let sum: f32 = e.items.iter().map(|i| i.score).sum::<f32>() + e.bonus;
                assert!(
                    (sum - hit.score).abs() < 1e-3 * hit.score.max(1.0),
                    "{q}: {e:?}"
                );
                for item in &e.items {
                    if !item.matches.is_empty() && item.way != "parts together" {
                        let terms: f32 = item.matches.iter().map(|m| m.score).sum();
                        assert!(
                            (terms - item.score).abs() < 1e-3 * item.score,
                            "{q}: {item:?}"
                        );
                    }
                }
            }
        }
        let plain = index
            .search("mensenhandel", &SearchOptions::default())
            .unwrap();
        assert!(plain.hits.iter().all(|h| h.explain.is_none()));
    }

    /// A passage found through a related form says so, with the form that matched.
    #[test]
    fn an_expansion_is_named_with_the_form_it_found() {
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        let texts = [
            ("kst-46100-1.txt", "De compensatie voor boeren is te laag."),
            ("kst-46100-2.txt", "De compensatie van de gemeenten."),
            ("kst-46100-3.txt", "De regering moet de boeren compenseren."),
        ];
        for (name, text) in texts {
            writer.add_text(text, name, Default::default()).unwrap();
        }
        writer.commit().unwrap();
        drop(writer);
        let results = index.search("compensatie boeren", &explained()).unwrap();
        let hit = |key: &str| results.hits.iter().find(|h| h.key == key).unwrap();
        let typed = hit("kst-46100-1").explain.clone().unwrap();
        assert!(typed.bonus > 0.0);
        assert!(typed.items.iter().all(|i| i.way == "as typed"), "{typed:?}");
        let related = hit("kst-46100-3").explain.clone().unwrap();
        assert_eq!(related.bonus, 0.0);
        let compensatie = &related.items[0];
        assert_eq!(compensatie.item, "compensatie");
        assert_eq!(compensatie.way, "related word");
        assert_eq!(compensatie.matches.len(), 1);
        assert_eq!(compensatie.matches[0].term, "compenser");
        assert_eq!(compensatie.matches[0].field, "text");
        assert_eq!(related.items[1].way, "as typed");
    }
}
