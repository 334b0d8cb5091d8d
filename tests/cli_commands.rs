//! The `kamerzoek` binary on `sample_corpus/`, as a user runs it: export, cited-by, show,
//! normalize, indexing again, and the errors a user meets.

use serde_json::Value;

mod common;
use common::sample::*;
use common::{bin, empty_corpus, sample_corpus, stderr, stdout};

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
