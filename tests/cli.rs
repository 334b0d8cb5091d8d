//! The `kamerzoek` binary on `sample_corpus/`, as a user runs it: searching.

use serde_json::Value;

mod common;
use common::sample::*;
use common::{bin, stderr, stdout};

#[test]
fn mensenhandel_curacao_finds_the_seed_letter_and_its_passage() {
    let v = search_json(&["mensenhandel Curacao"]);
    let first = &v["hits"][0];
    assert_eq!(file_name(first), SEED);
    assert_eq!(first["date"], "2015-02-24");
    assert_eq!(first["type"], "brief");
    assert_eq!(
        first["title"],
        "Regeringsreactie motie Segers Van Laar inzake mensenhandel in Cariben"
    );
    let text = first["text"].as_str().unwrap();
    assert!(text.contains("Aruba, Curaçao en Sint Maarten"), "{text}");
    assert_eq!(
        first["line"], 24,
        "the passage starts on line 24 of the letter"
    );
}

#[test]
fn queries_get_the_same_treatment_as_the_text() {
    for q in [
        "op-zichte",
        "opzichte",
        "ten OPZICHTE",
        "geinformeerd",
        "Curacao kwetsbare",
    ] {
        let v = search_json(&[q]);
        assert_eq!(file_name(&v["hits"][0]), SEED, "{q}");
    }
    // "ideeën" was written decomposed (NFD) in the motie; typed composed, or without trema.
    for q in ["ideeën", "ideeen", "idee"] {
        assert!(
            ids(&search_json(&[q])).contains(&"kst-36600-XVI-12".to_string()),
            "{q}"
        );
    }
    // Part of a compound reaches it: the amendement says only "woningbouwcorporaties".
    assert!(ids(&search_json(&["corporaties", "--type", "amendement"]))
        .contains(&"kst-34104-12".to_string()));
}

#[test]
fn human_output_shows_rank_id_date_title_passage_and_location() {
    let out = run(&["search", "mensenhandel Curacao", "--limit", "2"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(" 1. (no id)  2015-02-24  brief  Regeringsreactie motie Segers"),
        "{text}"
    );
    assert!(text.contains("Aruba, Curaçao en Sint Maarten"));
    assert!(text.contains(&format!("{SEED}:24")));
    assert!(
        text.contains(" 2. kst-33750-IV-16  2013-11-26  motie"),
        "{text}"
    );
    assert!(
        text.contains("kst-33750-IV-16.xml:31  Kamerstukken II 2013/14, 33 750 IV, nr. 16"),
        "{text}"
    );
    // The seed letter and the motie it answers say both words, and the besluitenlijst where
    // its PDF can be read; the others say one of them.
    let pdf = u64::from(kamerzoek::read::pdftotext_available());
    assert!(
        text.contains(&format!(
            "{} documents contain all of \"mensenhandel Curacao\"; {} more contain some of it; showing 1-2.",
            2 + pdf,
            documents() - 12 - pdf
        )),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
}

#[test]
fn colour_on_request_marks_the_matched_words() {
    let out = run(&["search", "Curacao", "--color", "always", "--limit", "1"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\x1b[1;31mCuraçao\x1b[0m"), "{text}");
}

#[test]
fn a_phrase_matches_only_the_exact_phrase() {
    let phrase = search_json(&["\"onafhankelijk onderzoek\""]);
    let mut found = ids(&phrase);
    found.sort();
    assert_eq!(found, [SEED.to_string(), "kst-33750-IV-16".to_string()]);
    for hit in phrase["hits"].as_array().unwrap() {
        assert!(hit["text"]
            .as_str()
            .unwrap()
            .contains("onafhankelijk onderzoek"));
    }
    let words = search_json(&["onafhankelijk onderzoek"]);
    assert!(
        words["total"].as_u64().unwrap() > 2,
        "the loose words match more documents"
    );
}

/// "thema's", "regio's": the plural's apostrophe-s is no word of its own, in the text or the
/// query, typed with either apostrophe; a query for one counts what the singular counts.
#[test]
fn a_plural_with_an_apostrophe_is_its_word() {
    for (plural, singular, document) in [
        ("thema's", "thema", SEED),
        ("thema’s", "thema", SEED),
        ("regio's", "regio", "kst-36600-XVI-12"),
        ("'s-Gravenhage", "Gravenhage", "kst-12449-66"),
    ] {
        let v = search_json(&[plural]);
        assert!(ids(&v).contains(&document.to_string()), "{plural}");
        assert_eq!(
            v["total"],
            search_json(&[singular])["total"],
            "{plural} counts as {singular}"
        );
    }
    // The seed letter says "op genoemde thema’s." (the apostrophe made plain in the text): a
    // phrase across the plural.
    let v = search_json(&["\"genoemde thema's\""]);
    assert_eq!(ids(&v), [SEED]);
    assert!(v["hits"][0]["text"]
        .as_str()
        .unwrap()
        .contains("genoemde thema's"));
}

#[test]
fn date_filters() {
    assert_eq!(
        ids(&search_json(&[
            "mensenhandel",
            "--from",
            "2014-01-01",
            "--to",
            "2014-12-31"
        ])),
        ["kst-28638-115"]
    );
    assert_eq!(
        sorted_ids(&["mensenhandel", "--from", "2015"]),
        [SEED, VLOS]
    );
    let mut until_2013 = vec!["kst-33750-IV-16"];
    if kamerzoek::read::pdftotext_available() {
        until_2013.insert(0, PDF);
    }
    assert_eq!(sorted_ids(&["mensenhandel", "--to", "2013"]), until_2013);
    assert_eq!(
        ids(&search_json(&[
            "mensenhandel",
            "--from",
            "24 februari 2015",
            "--to",
            "24 februari 2015"
        ])),
        [SEED]
    );
}

#[test]
fn dossier_filters_know_suffixes() {
    // The meeting report is about that dossier too (its agenda names it).
    assert_eq!(
        sorted_ids(&["mensenhandel", "--dossier", "33750-IV"]),
        ["kst-33750-IV-16", VLOS]
    );
    assert_eq!(
        sorted_ids(&["mensenhandel", "--dossier", "33 750 IV"]),
        ["kst-33750-IV-16", VLOS]
    );
    let zorg = sorted_ids(&["zorg", "--dossier", "36600"]);
    assert_eq!(
        zorg,
        ["kst-36600-XVI-12", "kst-36600-XVI-14", "kst-36600-XVI-30"]
    );
    assert!(ids(&search_json(&["mensenhandel", "--dossier", "36600-XVI"])).is_empty());
}

#[test]
fn type_filters() {
    let briefs = sorted_ids(&["mensenhandel", "--type", "brief"]);
    assert_eq!(briefs, [SEED.to_string(), "kst-28638-115".to_string()]);
    assert_eq!(
        ids(&search_json(&["mensenhandel", "--type", "motie"])),
        ["kst-33750-IV-16"]
    );
    assert_eq!(
        ids(&search_json(&["zorg", "--type", "gewijzigde motie"])),
        ["kst-36600-XVI-30"]
    );
    let moties = sorted_ids(&["zorg", "--type", "motie"]);
    assert_eq!(
        moties,
        ["kst-36600-XVI-12", "kst-36600-XVI-14", "kst-36600-XVI-30"],
        "a motie filter takes in gewijzigde moties"
    );
    assert_eq!(
        sorted_ids(&["type:amendement"]),
        ["kst-14497-159", "kst-34104-12"]
    );
    let bad = run(&["search", "zorg", "--type", "kookboek"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("invalid type"));
}

#[test]
fn indiener_filters_find_a_member_in_any_form_the_sources_write() {
    // The XML's title and the text's header ("... VAN HET LID DE VRIES C.S.") name one member;
    // the XML's metadata "M.C.H. van Laar" is the same as the title's "Van Laar".
    assert_eq!(
        sorted_ids(&["indiener:\"de vries\""]),
        ["kst-36600-XVI-12", "kst-36600-XVI-30"]
    );
    assert_eq!(
        ids(&search_json(&["mensenhandel", "--indiener", "Van Laar"])),
        ["kst-33750-IV-16"]
    );
    // The surname alone, without its tussenvoegsel.
    assert_eq!(sorted_ids(&["indiener:LINDE"]), ["kst-34104-12"]);
    assert!(ids(&search_json(&["zorg", "--indiener", "Segers"])).is_empty());
    let bad = run(&["search", "zorg", "--indiener", "C.S."]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("indiener"));
}

#[test]
fn facets_as_a_table_with_bars_and_in_json() {
    let out = run(&["search", "zorg", "--facets", "year,type", "--limit", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("\nyear\n"), "{text}");
    assert!(text.contains("\ntype\n  motie "), "{text}");
    assert!(text.contains('█'), "{text}");
    let v = search_json(&["zorg", "--facets", "type"]);
    let types = v["facets"]["type"].as_array().unwrap();
    let sum: u64 = types.iter().map(|t| t[1].as_u64().unwrap()).sum();
    assert_eq!(sum, v["total"].as_u64().unwrap());
    let bad = run(&["search", "zorg", "--facets", "kleur"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("year, type, dossier, indiener, partij"));
}

#[test]
fn sort_by_date_is_newest_first() {
    let v = search_json(&[
        "zorg OR mensenhandel OR woningbouw",
        "--sort",
        "date",
        "--limit",
        "100",
    ]);
    let dates: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert!(dates.len() >= 5, "{dates:?}");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(dates[0], "2025-11-06");
}

#[test]
fn an_id_in_every_form_finds_the_same_document_in_search_and_show() {
    for form in [
        "kst-33750-IV-16",
        "33750-IV-16",
        "33 750 IV, nr. 16",
        "id:33750-iv-16",
        "https://zoek.officielebekendmakingen.nl/kst-33750-IV-16.html",
        "kst-33750-IV-16.pdf",
    ] {
        let v = search_json(&[form]);
        assert_eq!(ids(&v), ["kst-33750-IV-16"], "{form}");
        assert_eq!(v["total"], 1, "{form}");
        let shown = run(&["show", form.trim_start_matches("id:")]);
        assert!(shown.status.success(), "{form}");
        assert!(String::from_utf8_lossy(&shown.stdout)
            .contains("Kamerstukken II 2013/14, 33 750 IV, nr. 16"));
    }
}

#[test]
fn json_output_carries_the_contract_fields() {
    let v = search_json(&["Curaçao mensenhandel", "--limit", "10"]);
    assert_eq!(v["query"], "Curaçao mensenhandel");
    // The seed, the motie it answers, the letter on it, the meeting, and the PDF.
    assert_eq!(v["total"], documents() - 10);
    for hit in v["hits"].as_array().unwrap() {
        for field in [
            "id",
            "path",
            "date",
            "score",
            "text",
            "highlights",
            "title",
            "type",
            "rank",
            "line",
            "citation",
        ] {
            assert!(hit.get(field).is_some(), "{field} missing in {hit}");
        }
        let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
        let marks = hit["highlights"].as_array().unwrap();
        assert!(!marks.is_empty());
        for m in marks {
            let (s, e) = (
                m[0].as_u64().unwrap() as usize,
                m[1].as_u64().unwrap() as usize,
            );
            let word: String = text[s..e].iter().collect::<String>().to_lowercase();
            assert!(
                word == "curaçao" || word.starts_with("mensenhandel"),
                "{word}"
            );
        }
    }
    assert_eq!(
        v["hits"][1]["citation"],
        "Kamerstukken II 2013/14, 33 750 IV, nr. 16"
    );
}

#[test]
fn malformed_queries_fail_with_a_message() {
    for (q, needle) in [
        ("\"unclosed", "not closed"),
        ("OR", "both sides"),
        ("-alleen", "nothing to search for"),
        ("", "empty"),
    ] {
        // A query that starts with "-" comes after "--", as for any command-line program.
        let out = bin()
            .arg("search")
            .arg("--index")
            .arg(index())
            .args(["--", q])
            .output()
            .unwrap();
        // Wrong usage, as a bad option is.
        assert_eq!(out.status.code(), Some(2), "{q}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("kamerzoek: invalid query:") && err.contains(needle),
            "{q}: {err}"
        );
    }
}

#[test]
fn queries_file_gives_one_json_line_per_query() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.txt");
    // A query that cannot be parsed, and a line that is not UTF-8, each get their line.
    std::fs::write(
        &file,
        b"mensenhandel Curacao\n\"open\nkst-28638-115\nstik\xffstof\nmensenhandel\n",
    )
    .unwrap();
    let out = run(&[
        "search",
        "--json",
        "--limit",
        "5",
        "--queries",
        file.to_str().unwrap(),
    ]);
    // Some failed: the exit status says so.
    assert_eq!(out.status.code(), Some(3));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(file_name(&lines[0]["hits"][0]), SEED);
    assert!(lines[1]["error"].as_str().unwrap().contains("not closed"));
    assert_eq!(ids(&lines[2]), ["kst-28638-115"]);
    assert!(lines[3]["error"]
        .as_str()
        .unwrap()
        .contains("line 4 is not valid UTF-8"));
    assert!(lines[4]["total"].as_u64().unwrap() > 0);
}

#[test]
fn paging_and_passages_per_document() {
    let all = search_json(&["de", "--limit", "100"]);
    let total = all["total"].as_u64().unwrap();
    assert_eq!(total, documents());
    let page1 = ids(&search_json(&["de", "--limit", "6"]));
    let page2 = ids(&search_json(&["de", "--limit", "6", "--offset", "6"]));
    let page3 = ids(&search_json(&["de", "--limit", "6", "--offset", "12"]));
    assert_eq!(
        [page1.len(), page2.len(), page3.len()],
        [6, 6, total as usize - 12]
    );
    let joined = [page1, page2, page3].concat();
    assert_eq!(joined, ids(&all));

    let two = search_json(&["mensenhandel", "--per-doc", "2", "--limit", "100"]);
    let hits = two["hits"].as_array().unwrap();
    let seed_passages = hits.iter().filter(|h| file_name(h) == SEED).count();
    assert_eq!(
        seed_passages, 2,
        "the seed has more than two passages about mensenhandel"
    );
    assert!(hits
        .windows(2)
        .all(|w| w[0]["rank"].as_u64() <= w[1]["rank"].as_u64()));
}
