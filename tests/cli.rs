//! The `kamerzoek` binary on `sample_corpus/`, as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

mod common;
use common::{bin, empty_corpus, sample_corpus, stderr, stdout};

const SEED: &str = "000_4b49ee41d29ace67.txt";
const VLOS: &str = "vlos-commissiedebat-mensenhandel-2025.xml";
/// Documents in sample_corpus/: 13 files, one of them a JSON lines file of three, one a PDF
/// that is read only where pdftotext is installed.
fn documents() -> u64 {
    if kamerzoek::read::pdftotext_available() {
        15
    } else {
        14
    }
}

const PDF: &str = "besluitenlijst-bzk-2009.pdf";

/// One index of the sample corpus, built once for all tests of this file.
fn index() -> &'static Path {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let idx = dir.path().join("idx");
            index_into(bin(), &sample_corpus(), &idx);
            (dir, idx)
        })
        .1
}

/// Runs `command`, which must succeed.
fn succeed(command: &mut Command) -> Output {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `kamerzoek index FOLDER --index IDX` through `command`, which must succeed.
fn index_into(mut command: Command, folder: &Path, idx: &Path) {
    succeed(command.arg("index").arg(folder).arg("--index").arg(idx));
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .arg("--index")
        .arg(index())
        .output()
        .unwrap()
}

fn search_json(args: &[&str]) -> Value {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(
        out.status.success(),
        "{:?}: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            h["id"]
                .as_str()
                .map_or_else(|| file_name(h), str::to_string)
        })
        .collect()
}

/// The documents a search finds, in a fixed order, for tests where rank does not matter.
fn sorted_ids(args: &[&str]) -> Vec<String> {
    let mut found = ids(&search_json(args));
    found.sort();
    found
}

fn file_name(hit: &Value) -> String {
    Path::new(hit["path"].as_str().unwrap())
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

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
    // Three documents say both words (the seed letter, the motie it answers and the
    // besluitenlijst); the others say one of them.
    assert!(
        text.contains(&format!(
            "3 documents contain all of \"mensenhandel Curacao\"; {} more contain some of it; showing 1-2.",
            documents() - 13
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
fn an_id_in_three_forms_finds_the_same_document() {
    for form in [
        "kst-33750-IV-16",
        "33750-IV-16",
        "33 750 IV, nr. 16",
        "id:33750-iv-16",
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

#[test]
fn export_writes_clean_text_for_every_document() {
    let out = run(&["export"]);
    assert!(out.status.success());
    let docs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len() as u64, documents());
    let seed = docs.iter().find(|d| file_name(d) == SEED).unwrap();
    let text = seed["text"].as_str().unwrap();
    for whole in [
        "ten opzichte van",
        "seksueel misbruik",
        "kwetsbare groepen",
        "de mogelijkheden voor",
    ] {
        assert!(text.contains(whole), "{whole}");
    }
    assert!(!text.contains("Pagina 1 van 2"));
    assert_eq!(seed["kenmerk"], "2015-0000097371");
    assert_eq!(
        seed["cites"],
        serde_json::json!(["kst-33750-IV-16", "kst-28638-115"])
    );
    let brief = docs.iter().find(|d| d["id"] == "kst-28638-115").unwrap();
    let text = brief["text"].as_str().unwrap();
    assert!(
        text.contains("Noord-Holland")
            && text.contains("rechter-commissaris")
            && text.contains("porno-industrie")
    );
    assert!(text.contains("opsporings- en vervolgingsinstanties") && text.contains("financiële"));
    assert!(!text.contains("ISSN") && !text.contains("vergaderjaar 2013–2014, 28 638"));
    let motie = docs.iter().find(|d| d["id"] == "kst-36600-XVI-12").unwrap();
    assert!(motie["text"]
        .as_str()
        .unwrap()
        .contains("administratieve lasten"));
    assert!(motie["text"]
        .as_str()
        .unwrap()
        .contains("goede ideeën hebben"));
}

#[test]
fn cited_by_follows_citations_newest_first() {
    let out = run(&["cited-by", "33 750 IV, nr. 16", "--json"]);
    assert!(out.status.success());
    let docs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let names: Vec<String> = docs
        .iter()
        .map(|d| {
            d["id"]
                .as_str()
                .map_or_else(|| file_name(d), str::to_string)
        })
        .collect();
    assert_eq!(names, [SEED, "kst-28638-115"]);
    let out = run(&["cited-by", "kst-28638-115"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(SEED));
    let gewijzigd = run(&["cited-by", "kst-36600-XVI-12", "--json"]);
    assert!(String::from_utf8_lossy(&gewijzigd.stdout).contains("kst-36600-XVI-30"));
}

#[test]
fn indexing_again_replaces_documents_instead_of_adding_them() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    for _ in 0..2 {
        let out = bin()
            .arg("index")
            .arg(sample_corpus())
            .arg("--index")
            .arg(&idx)
            .arg("--quiet")
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(out.stderr.is_empty(), "--quiet prints nothing");
    }
    let out = bin()
        .args(["stats", "--json", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["documents"], documents());
    assert_eq!(stats["with_id"], 9);
}

#[test]
fn the_same_folder_reached_by_another_path_is_not_indexed_twice() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let other_way = sample_corpus().join("..").join("sample_corpus");
    for root in [sample_corpus(), other_way] {
        let out = bin()
            .arg("index")
            .arg(&root)
            .arg("--index")
            .arg(&idx)
            .arg("-q")
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let out = bin()
        .args(["stats", "--json", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["documents"], documents());
    // `show` finds a document without an id by its path in any form.
    let shown = succeed(
        bin()
            .arg("show")
            .arg(sample_corpus().join(".").join(SEED))
            .arg("--index")
            .arg(&idx),
    );
    assert!(String::from_utf8_lossy(&shown.stdout).contains("kenmerk        2015-0000097371"));
}

#[test]
fn the_index_folder_comes_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("from-env");
    let out = bin()
        .env("KAMERZOEK_INDEX", &idx)
        .args(["index", "-q"])
        .arg(sample_corpus().join(SEED))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = bin()
        .env("KAMERZOEK_INDEX", &idx)
        .args(["search", "--json", "kwetsbare"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1);
}

#[test]
fn clear_errors_for_missing_things() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["search", "motie", "--index"])
        .arg(dir.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no kamerzoek index here"));
    let out = bin()
        .args(["index", "/no/such/folder", "--index"])
        .arg(dir.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("/no/such/folder: no such file or folder")
    );
    let out = run(&["show", "kst-99999-1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document \"kst-99999-1\""));
}

#[test]
fn normalize_prints_what_the_indexer_sees() {
    let out = bin()
        .arg("normalize")
        .arg(sample_corpus().join(SEED))
        .args(["--index", "/nonexistent"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ten opzichte van de onderzoeken"));
    assert!(!text.contains("Pagina 1 van 2"));
    let mut child = bin()
        .args(["normalize", "-", "--index", "/nonexistent"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Cura\u{e7}ao en de ﬁnanciële op-\nzichte\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Curaçao en de financiële opzichte\n"
    );
}

#[test]
fn two_files_with_one_id_keep_the_richer_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    // The PDF text comes first in path order, the XML (more metadata) replaces it.
    std::fs::write(
        docs.join("a-kst-33750-IV-16.txt"),
        "kst-33750-IV-16 ISSN 0921 - 7371\nverzoekt de regering mensenhandel te onderzoeken\n",
    )
    .unwrap();
    std::fs::copy(
        sample_corpus().join("kst-33750-IV-16.xml"),
        docs.join("b-kst-33750-IV-16.xml"),
    )
    .unwrap();
    let idx = dir.path().join("idx");
    let out = bin()
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Indexed 1 document (1 passage) from 2 files"),
        "{err}"
    );
    assert!(
        err.contains("duplicate: ")
            && err.contains("a-kst-33750-IV-16.txt: same id kst-33750-IV-16"),
        "{err}"
    );
    let shown = bin()
        .args(["show", "kst-33750-IV-16", "--json", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert!(doc["path"]
        .as_str()
        .unwrap()
        .ends_with("b-kst-33750-IV-16.xml"));
}

/// pdftotext is the dearest way a file is read, and indexing reads every file twice (the
/// corpus's words first): the first reading of a PDF is kept for the second. A stand-in
/// pdftotext first on the PATH counts its calls.
#[cfg(unix)]
#[test]
fn each_pdf_is_extracted_once_per_run() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let tools = dir.path().join("tools");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&tools).unwrap();
    std::fs::create_dir_all(&docs).unwrap();
    let calls = dir.path().join("calls");
    // Each PDF's text names a checksum of its bytes, so that the two are two documents.
    let script = format!(
        "#!/bin/sh\n[ \"$1\" = -v ] && exit 0\necho call >> '{}'\nsum=$(cksum | cut -d' ' -f1)\n\
         printf 'De Kamer,\\n\\nverzoekt de regering de woningbouw te versnellen (%s).\\n' \"$sum\"\n",
        calls.display()
    );
    let fake = tools.join("pdftotext");
    std::fs::write(&fake, script).unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (name, body) in [("a.pdf", "een"), ("b.pdf", "twee")] {
        std::fs::write(docs.join(name), format!("%PDF-1.4\n% {body}\n%%EOF\n")).unwrap();
    }
    let path = format!(
        "{}:{}",
        tools.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let idx = dir.path().join("idx");
    let mut command = bin();
    command.env("PATH", &path);
    index_into(command, &docs, &idx);
    let extracted = std::fs::read_to_string(&calls).unwrap();
    assert_eq!(extracted.lines().count(), 2, "pdftotext ran: {extracted}");
    let out = bin()
        .args(["search", "--json", "woningbouw", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found["total"], 2, "{found}");
}

/// `search --json` and `show --json` print the same citation for every document: the sample
/// corpus, and a motie from the last days of a vergaderjaar (it runs to Prinsjesdag, so a
/// motie of 8 September 2025 belongs to 2024-2025, as its header says).
#[test]
fn search_and_show_print_the_same_citation_for_every_document() {
    let (dir, corpus) = empty_corpus();
    std::fs::write(
        corpus.join("kst-36247-16.xml"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
  <kamerstuk>
    <kamerstukkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2024-2025</tekstregel></kamerstukkop>
    <dossier><dossiernummer><dossiernr>36 247</dossiernr></dossiernummer>
      <titel>Wijziging van de Wet op de zeehondenopvang</titel></dossier>
    <stuk>
      <stuknr>Nr. <ondernummer kamer="2">16</ondernummer></stuknr>
      <titel>MOTIE VAN HET LID DE WIT</titel>
      <datumtekst>Voorgesteld <datum isodatum="2025-09-08">8 september 2025</datum></datumtekst>
      <algemeen><vrije-tekst><tekst status="goed">
        <al>De Kamer,</al>
        <al>verzoekt de regering de zeehondenopvang op de Waddeneilanden te behouden,</al>
        <al>en gaat over tot de orde van de dag.</al>
      </tekst></vrije-tekst></algemeen>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"#,
    )
    .unwrap();
    let idx = dir.path().join("idx");
    let out = common::index(&[&sample_corpus(), &corpus], &idx, &[]);
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 3),
        "{}",
        stderr(&out)
    );
    let json = |args: &[&str]| -> Value {
        let out = bin().args(args).arg("--index").arg(&idx).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let exported = bin()
        .args(["export", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    let documents: Vec<Value> = stdout(&exported)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(documents.len() >= 15, "{}", documents.len());
    let mut compared = 0;
    for doc in &documents {
        let key = doc["key"].as_str().unwrap();
        // Found by its id, or by the first words of its text.
        let query = match doc["id"].as_str() {
            Some(id) if id.starts_with("kst-") => id.to_string(),
            _ => {
                let words: Vec<&str> = doc["text"]
                    .as_str()
                    .unwrap()
                    .split_whitespace()
                    .take(4)
                    .collect();
                format!("\"{}\"", words.join(" "))
            }
        };
        let found = json(&["search", &query, "--json", "--limit", "50"]);
        let Some(hit) = found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["key"] == key)
        else {
            panic!("{key} not found by {query}");
        };
        let shown = json(&["show", key, "--json"]);
        assert_eq!(hit["citation"], shown["citation"], "{key}");
        compared += 1;
    }
    assert_eq!(compared, documents.len());
    let motie = json(&["show", "kst-36247-16", "--json"]);
    assert_eq!(motie["citation"], "Kamerstukken II 2024/25, 36 247, nr. 16");
}

/// `--explain` says, per hit, what each query word added and how it matched; the JSON has it
/// as "explain", and only when asked.
#[test]
fn explain_shows_what_each_word_added() {
    let v = search_json(&["--explain", "mensenhandel Curacao"]);
    let hit = &v["hits"][0];
    let explain = &hit["explain"];
    let items = explain["items"].as_array().unwrap();
    assert_eq!(items[0]["item"], "mensenhandel");
    assert_eq!(items[0]["way"], "as typed");
    assert_eq!(items[1]["item"], "Curacao");
    let sum: f64 = items
        .iter()
        .map(|i| i["score"].as_f64().unwrap())
        .sum::<f64>()
        + explain["bonus"].as_f64().unwrap();
    let score = hit["score"].as_f64().unwrap();
    assert!((sum - score).abs() < 1e-3 * score, "{explain}");
    let terms: Vec<&str> = items[0]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["term"].as_str().unwrap())
        .collect();
    assert!(terms.contains(&"mensenhandel"), "{terms:?}");
    assert!(search_json(&["mensenhandel Curacao"])["hits"][0]
        .get("explain")
        .is_none());
    let out = run(&["search", "--explain", "mensenhandel Curacao"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("for matching every part of the query"),
        "{text}"
    );
    assert!(text.contains("as typed: text \"mensenhandel\""), "{text}");
}
