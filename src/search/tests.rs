//! Tests of the search as a whole: every way of ranking gives the page and the total of
//! scoring every match.

use std::collections::{HashMap, HashSet};

use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Score};

use super::collector::count::CountWays;
use super::collector::matches::AllMatches;
use super::collector::score::rescore;
use super::leaf::boosted;
use super::model::{QueryModel, ALL_PARTS_BONUS};
use super::statistics::Statistics;
use super::threads::Threads;
use super::*;

/// The search scoring every match (`false`) or as it runs (`true`).
fn search_with(
    index: &Index,
    q: &str,
    parsed: &ParsedQuery,
    o: &SearchOptions,
    prune: bool,
) -> SearchResults {
    let tuning = Tuning {
        prune,
        ..Default::default()
    };
    index.search_tuned(q, parsed, o, tuning).unwrap()
}

/// Counting documents relies on this: the passages of a document lie next to each other
/// in one segment, however the index was written (several runs, documents replaced).
#[test]
fn a_documents_passages_lie_together_in_one_segment() {
    let index = Index::create_in_ram().unwrap();
    let mut files: Vec<_> = std::fs::read_dir("sample_corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    // One run per file makes segments of their own; the first file again replaces its
    // documents.
    files.push(files[0].clone());
    for file in &files {
        let mut writer = index.writer().unwrap();
        for doc in crate::read::read_file(file).unwrap_or_default() {
            let doc = crate::Document::from_raw(doc, &Default::default());
            writer.add(&doc).unwrap();
        }
        writer.commit().unwrap();
    }
    let searcher = index.snapshot().searcher;
    assert!(searcher.segment_readers().len() > 3);
    let (mut seen, mut runs) = (HashSet::new(), 0);
    for reader in searcher.segment_readers() {
        let hashes = reader.fast_fields().u64("doc_hash").unwrap();
        let mut last = None;
        for doc in 0..reader.max_doc() {
            if reader.alive_bitset().is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            let hash = hashes.first(doc).unwrap();
            if last != Some(hash) {
                assert!(seen.insert(hash), "a document's passages are split");
                runs += 1;
                last = Some(hash);
            }
        }
    }
    assert_eq!(runs, index.stats().unwrap().documents);
    // The PDF is read only where pdftotext is installed.
    let pdf = usize::from(crate::read::pdftotext_available());
    assert!(runs >= 14 + pdf, "{runs} documents");
}

/// Long queries are ranked in two steps; the total must be the exhaustive one exactly, and
/// the first page the same documents in the same order.
#[test]
fn two_steps_give_what_scoring_every_match_gives() {
    let index = Index::create_in_ram().unwrap();
    index
        .index_paths(&["sample_corpus"], &Default::default())
        .unwrap();
    // Found by its title alone, with two words of it.
    let mut writer = index.writer().unwrap();
    let meta = crate::meta::Metadata {
        title: Some("Zeehondenopvang op Texel".into()),
        ..Default::default()
    };
    let text = "Over de vogels van het wad.\n\nEn over de kwelders.";
    writer
        .add_text(text, "kst-40010-1.txt", meta.clone())
        .unwrap();
    writer.commit().unwrap();
    drop(writer);
    // The second round after the documents of a file were written again: their first
    // versions, deleted in a segment they share with others, are in the documents kept for
    // counting by the first round, and must not count.
    for round in 0..2 {
        if round == 1 {
            let mut writer = index.writer().unwrap();
            let file = "sample_corpus/kst-33750-IV-16.xml";
            for doc in crate::read::read_file(std::path::Path::new(file)).unwrap() {
                writer
                    .add(&crate::Document::from_raw(doc, &index.lexicon()))
                    .unwrap();
            }
            writer.commit().unwrap();
        }
        check_two_steps(&index);
    }
}

/// A corpus large enough that ranking without scoring every match leaves most passages
/// unscored: 800 documents of one to four passages, words drawn with a skew (a few
/// frequent, most rare), titles of their own, compounds whose parts are words too, and
/// a hyphenated word in some titles whose parts stand apart in others.
fn generated_index() -> Index {
    const DOCUMENTS: usize = 800;
    const WORDS: &[&str] = &[
        "de",
        "regering",
        "van",
        "het",
        "koninkrijk",
        "mensenhandel",
        "verzoekt",
        "zorg",
        "gemeente",
        "onderzoek",
        "zeehond",
        "opvang",
        "texel",
        "wad",
        "kwelder",
        "haven",
        "visserij",
        "curacao",
        "aruba",
        "bonaire",
        "begroting",
        "woningen",
        "energie",
        "netbeheer",
        "afstemmen",
        "eilanden",
        "minister",
        "kamer",
        "beleid",
        "eu",
        "sanctielijst",
        "vogels",
        "natuur",
        "bouw",
        "ouderenzorg",
        "regeringsonderzoek",
        "zeehondenopvang",
        "financiering",
        "toezicht",
        "inspectie",
        "regeringen",
        "zeehonden",
        "woning",
        "havens",
        "onderzoeken",
        "gemeenten",
        "opvangen",
        "mensenhandelaren",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    // Skewed: the first words are drawn far more often than the last.
    let word = |next: &mut dyn FnMut(usize) -> usize| {
        let n = WORDS.len();
        WORDS[n - 1 - next(n * n).isqrt()]
    };
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    for d in 0..DOCUMENTS {
        let mut words = |n: usize| -> String {
            (0..n)
                .map(|_| word(&mut next))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let title = match d % 40 {
            0 => "Het EU standpunt over de visserij".to_string(),
            1 => "De EU-sanctielijst en de haven".to_string(),
            // Titles that beat the one below by their title alone.
            2..=5 => "Terschelling en Terschelling".to_string(),
            _ if d == 7 => "Terschelling".to_string(),
            _ => words(3 + d % 5),
        };
        let mut passages: Vec<String> = (0..1 + d % 4)
            .map(|p| format!("{}.", words(4 + (d * 7 + p * 3) % 25)))
            .collect();
        match d % 40 {
            // Texts that beat the one below by their text alone.
            10..=13 => passages[0].insert_str(0, "Kabeljauw, kabeljauw. "),
            // Neither its title nor its text is among the best, but both together are.
            _ if d == 7 => passages[0] = "Over kabeljauw.".to_string(),
            _ => {}
        }
        let meta = crate::meta::Metadata {
            title: Some(title),
            ..Default::default()
        };
        writer
            .add_text(&passages.join("\n\n"), format!("kst-4{d:04}-1.txt"), meta)
            .unwrap();
        if d % 200 == 199 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    drop(writer);
    index
}

/// Queries of fewer than five words are ranked exactly: the same pages as scoring every
/// match, on an index where most passages are never scored; longer ones have the exact
/// total.
#[test]
fn short_queries_are_ranked_exactly_without_scoring_every_match() {
    let index = generated_index();
    assert_eq!(index.stats().unwrap().documents, 800);
    let mut queries = vec![
        "kabeljauw terschelling zeehondenopvang".to_string(),
        "kabeljauw \"terschelling\"".to_string(),
        "zeehondenopvang texel".to_string(),
        "regeringsonderzoek curacao".to_string(),
        "EU-sanctielijst haven".to_string(),
        "EU-sanctielijst".to_string(),
        "\"de regering\" mensenhandel".to_string(),
        "ouderenzorg bonaire aruba".to_string(),
    ];
    let words = [
        "zeehondenopvang",
        "texel",
        "regering",
        "mensenhandel",
        "curacao",
        "haven",
        "EU-sanctielijst",
        "toezicht",
        "regeringsonderzoek",
        "natuur",
        "vogels",
        "wad",
    ];
    for i in 0..words.len() {
        for j in 0..words.len() {
            if i != j && (i + j) % 3 == 0 {
                queries.push(format!("{} {} {}", words[i], words[j], words[(i * j) % 12]));
            }
        }
    }
    let mut pruned = 0;
    for q in &queries {
        let parsed = parse_query(q).unwrap();
        for options in [
            SearchOptions::default(),
            SearchOptions {
                limit: 3,
                offset: 4,
                ..Default::default()
            },
        ] {
            let all = search_with(&index, q, &parsed, &options, false);
            let two = search_with(&index, q, &parsed, &options, true);
            assert_eq!(two.total, all.total, "{q}");
            let pages = |r: &SearchResults| -> Vec<(String, u64)> {
                r.hits.iter().map(|h| (h.key.clone(), h.passage)).collect()
            };
            assert_eq!(pages(&two), pages(&all), "{q}");
            pruned += usize::from(all.total > 2 * options.limit + options.offset);
        }
    }
    // The pages above were more than their candidates.
    assert!(pruned > queries.len(), "{pruned} of {}", 2 * queries.len());
    // A long query: the exact total, and the document its title names found.
    let q = "zeehondenopvang op texel en de haven van het koninkrijk";
    let two = index.search(q, &Default::default()).unwrap();
    let all = index
        .search_scoring_every_match(q, &Default::default())
        .unwrap();
    assert_eq!(two.total, all.total);
}

/// Copies of one text tie, and a cut of the candidates can fall among them: every copy
/// is a candidate, so the page is the page of scoring every match (which orders ties by
/// a fixed rule), not whichever copies a segment met first.
#[test]
fn copies_tied_at_the_cut_give_the_page_of_scoring_every_match() {
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    let copy = "De Kamer,\n\nverzoekt de regering de zeehondenopvang op Texel te steunen.";
    for segment in 0..3 {
        for n in 0..30 {
            let d = segment * 100 + n;
            let other = format!("De Kamer,\n\nverzoekt de regering haven {d} op Texel te steunen.");
            for (text, path) in [
                (copy, format!("kst-41{d:03}-1.txt")),
                (&other, format!("kst-42{d:03}-1.txt")),
            ] {
                writer.add_text(text, path, Default::default()).unwrap();
            }
        }
        writer.commit().unwrap();
    }
    drop(writer);
    assert!(index.snapshot().searcher.segment_readers().len() >= 3);
    // Segments one after the other, and side by side as on a large index, where they
    // raise the floor for each other from two threads.
    for (as_if_large, q) in [false, true].into_iter().flat_map(|large| {
        [
            "de regering verzoekt de zeehondenopvang op texel te steunen",
            "zeehondenopvang texel",
            "zeehondenopvang \"op texel\"",
        ]
        .map(|q| (large, q))
    }) {
        let parallel = Tuning {
            parallel: Some(as_if_large),
            ..Default::default()
        };
        let parsed = parse_query(q).unwrap();
        for (limit, offset) in [(10, 0), (5, 20), (10, 85)] {
            let options = SearchOptions {
                limit,
                offset,
                ..Default::default()
            };
            let all = search_with(&index, q, &parsed, &options, false);
            let two = index.search_tuned(q, &parsed, &options, parallel).unwrap();
            let pages = |r: &SearchResults| -> Vec<String> {
                r.hits.iter().map(|h| h.key.clone()).collect()
            };
            assert_eq!(pages(&two), pages(&all), "{q} {offset}");
            assert_eq!(two.total, all.total, "{q}");
            // The copies first: 90 of them, then the others.
            let copies = two
                .hits
                .iter()
                .filter(|h| h.key.starts_with("kst-41"))
                .count();
            assert_eq!(
                copies,
                limit.min(90usize.saturating_sub(offset)),
                "{q} {offset}"
            );
        }
    }
}

/// The exact ranking relies on this: on every passage, the bound is at least the full
/// score less the bonus, for every kind of item the model knows.
#[test]
fn the_bound_is_at_least_the_full_score_on_every_passage() {
    let index = generated_index();
    let searcher = index.snapshot().searcher;
    let statistics = Statistics::new(&searcher);
    let model = QueryModel::new(index.snapshot().fields, &statistics);
    let threads = Threads::new(&statistics, None);
    let mut checked = 0;
    for q in [
        "regering mensenhandel",
        "regering regering koninkrijk",
        "zeehondenopvang texel",
        "regeringsonderzoek EU-sanctielijst haven",
        "\"de regering\" kabeljauw terschelling",
        "EU-sanctielijst",
        "\"van het koninkrijk\" zorg",
    ] {
        let parsed = parse_query(q).unwrap();
        let sum = model.score_sum(&parsed).unwrap();
        let bound = BooleanQuery::new(
            model
                .bound(&parsed)
                .into_iter()
                .map(|(term, boost)| {
                    let term = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                    (Occur::Should, boosted(term, boost))
                })
                .collect(),
        );
        let bounds: HashMap<DocAddress, Score> = searcher
            .search(&bound, &AllMatches)
            .unwrap()
            .into_iter()
            .map(|m| (m.address, m.score))
            .collect();
        let every: Vec<DocAddress> = searcher
            .segment_readers()
            .iter()
            .enumerate()
            .flat_map(|(s, r)| (0..r.max_doc()).map(move |d| DocAddress::new(s as u32, d)))
            .collect();
        for m in rescore(&threads, &sum, every).unwrap() {
            let full = if m.score >= ALL_PARTS_BONUS {
                m.score - ALL_PARTS_BONUS
            } else {
                m.score
            };
            let bound = bounds.get(&m.address).copied().unwrap_or(0.0);
            assert!(bound + 1e-3 >= full, "{q}: bound {bound} < full {full}");
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
}

/// A word in nearly every passage adds too little to be walked by the exact ranking or to
/// choose candidates; when the rest of the query finds too few documents for the page, the
/// page fills with those of the frequent word, as scoring every match fills it.
#[test]
fn a_frequent_word_fills_the_page_the_rest_leaves_short() {
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    for d in 0..30 {
        let text = format!("De Kamer vraagt de regering om de zaak {d} te bekijken.");
        writer
            .add_text(&text, format!("kst-3{d:04}-1.txt"), Default::default())
            .unwrap();
    }
    writer
        .add_text(
            "Het vervolg over de kabeljauwvangst.",
            "kst-40000-1.txt",
            Default::default(),
        )
        .unwrap();
    writer.commit().unwrap();
    drop(writer);
    for q in [
        "de qqqq-zzzz",
        "de \"qqqq zzzz\"",
        "de kabeljauwvangst-zzzz",
        // Long: ranked from candidates, which the frequent word must also bring.
        "de qqqq zzzz kkkk wwww",
    ] {
        let parsed = parse_query(q).unwrap();
        for options in [
            SearchOptions::default(),
            SearchOptions {
                limit: 5,
                offset: 27,
                ..Default::default()
            },
        ] {
            let all = search_with(&index, q, &parsed, &options, false);
            let two = search_with(&index, q, &parsed, &options, true);
            assert_eq!(all.total, 31, "{q}");
            assert_eq!(
                all.hits.len(),
                options.limit.min(31 - options.offset),
                "{q}"
            );
            let ids =
                |r: &SearchResults| -> Vec<_> { r.hits.iter().map(|h| h.key.clone()).collect() };
            assert_eq!(ids(&two), ids(&all), "{q}, offset {}", options.offset);
            assert_eq!(two.total, all.total, "{q}");
        }
    }
}

fn check_two_steps(index: &Index) {
    for q in [
        "Texel zeehondenopvang",
        "zeehondenopvang op Texel en mensenhandel in het Koninkrijk",
        "de regering van het Koninkrijk mensenhandel",
        "verzoekt de regering om ouderenzorg in Caribisch Nederland te regelen",
        "WODC-onderzoek naar mensenhandel op de eilanden van het Koninkrijk",
        "motie over mensenhandel (t.v.v. 33750-IV-16) en de Cariben",
        "huurbeleid financiële positie corporaties Emmeloord café",
        "mensenhandel Curacao",
        "zorg",
        "ouderenzorg OR mantelzorgers Bonaire",
        "\"Caribisch Nederland\"",
        "\"Caribisch Nederland\" ouderenzorg",
        "een \"financiële positie\" van de corporaties",
        "WODC-onderzoek mensenhandel",
        "\"de regering\" verzoekt",
        "verzoekt regering 33750-IV-16",
        // Compounds of known words also match their parts apart.
        "regeringsonderzoek",
        "mensenhandelonderzoek Curacao",
        "gemeentenzorg regeldruk halveren",
        "regeringsonderzoek OR Curacao mensenhandel",
        "regeringsonderzoek OR Aruba OR Bonaire",
    ] {
        let parsed = parse_query(q).unwrap();
        for options in [
            SearchOptions::default(),
            SearchOptions {
                limit: 3,
                offset: 2,
                ..Default::default()
            },
        ] {
            let all = search_with(index, q, &parsed, &options, false);
            // Both ways of counting the documents no text term matched, with every term's
            // documents kept, or none.
            for seek in [Some(true), Some(false)] {
                for keep in [Some(true), Some(false)] {
                    let ways = Tuning {
                        ways: CountWays {
                            seek_unmatched: seek,
                            keep_dense: keep,
                        },
                        ..Default::default()
                    };
                    let two = index.search_tuned(q, &parsed, &options, ways).unwrap();
                    assert_eq!(two.total, all.total, "{q}, seek {seek:?}, keep {keep:?}");
                }
            }
            let two = search_with(index, q, &parsed, &options, true);
            assert_eq!(two.total, all.total, "{q}");
            let keys = |r: &SearchResults| -> Vec<(String, u64)> {
                r.hits.iter().map(|h| (h.key.clone(), h.passage)).collect()
            };
            assert_eq!(keys(&two), keys(&all), "{q}");
        }
    }
}

/// A query's compound finds the document that says it first, then one with both its parts
/// apart, then one with a part alone; and the part alone does not count as the word for the
/// bonus of passages with every part.
#[test]
fn a_compound_ranks_itself_then_its_parts_together_then_a_part_alone() {
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    let texts = [
        (
            "kst-45000-1.txt",
            "De zeehondenopvang op Texel krijgt geld.",
        ),
        (
            "kst-45000-2.txt",
            "De opvang van zeehonden op Texel krijgt geld.",
        ),
        (
            "kst-45000-3.txt",
            "De opvang van vogels op Texel krijgt geld.",
        ),
        ("kst-45000-4.txt", "Over zeehonden in de Waddenzee."),
        ("kst-45000-5.txt", "Over zeehonden bij Vlieland."),
        ("kst-45000-6.txt", "De opvang van asielzoekers."),
        ("kst-45000-7.txt", "Over Texel en de veerboot."),
    ];
    for (name, text) in texts {
        writer.add_text(text, name, Default::default()).unwrap();
    }
    writer.commit().unwrap();
    drop(writer);
    for q in ["zeehondenopvang", "zeehondenopvang Texel"] {
        let parsed = parse_query(q).unwrap();
        let all = search_with(&index, q, &parsed, &SearchOptions::default(), false);
        let fast = search_with(&index, q, &parsed, &SearchOptions::default(), true);
        let keys =
            |r: &SearchResults| -> Vec<String> { r.hits.iter().map(|h| h.key.clone()).collect() };
        assert_eq!(keys(&fast), keys(&all), "{q}");
        assert_eq!(fast.total, all.total, "{q}");
        let rank = |key: &str| keys(&all).iter().position(|k| k == key);
        let (word, together, alone) = (
            rank("kst-45000-1"),
            rank("kst-45000-2"),
            rank("kst-45000-3"),
        );
        assert!(
            word.is_some() && together.is_some() && alone.is_some(),
            "{q}: {:?}",
            keys(&all)
        );
        assert!(word < together && together < alone, "{q}: {:?}", keys(&all));
    }
    // With "Texel", the part alone is no match of the compound: no bonus for every part.
    let q = "zeehondenopvang Texel";
    let results = index.search(q, &SearchOptions::default()).unwrap();
    let alone = results
        .hits
        .iter()
        .find(|h| h.key == "kst-45000-3")
        .unwrap();
    assert!(alone.score < ALL_PARTS_BONUS, "{}", alone.score);
    let together = results
        .hits
        .iter()
        .find(|h| h.key == "kst-45000-2")
        .unwrap();
    assert!(together.score > ALL_PARTS_BONUS, "{}", together.score);
}
