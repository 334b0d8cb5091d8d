//! Every input format, bad input, incremental indexing and crash safety, through the binary.

mod common;

use std::path::Path;
use std::process::Output;

use common::{bin, index, sample_corpus, stderr, without_moments};
use std::time::{Duration, SystemTime};

use serde_json::Value;

fn show(idx: &Path, id: &str) -> Option<Value> {
    let out = bin()
        .args(["show", id, "--json", "--index"])
        .arg(idx)
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| serde_json::from_slice(&out.stdout).unwrap())
}

fn search(idx: &Path, query: &str) -> Value {
    let out = bin()
        .args(["search", query, "--json", "--limit", "100", "--index"])
        .arg(idx)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn hit_files(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            Path::new(h["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// The "Files: ..." line of the summary.
fn files_line(out: &Output) -> String {
    stderr(out)
        .lines()
        .find(|l| l.starts_with("Files:"))
        .unwrap_or_default()
        .to_string()
}

fn set_mtime(path: &Path, when: SystemTime) {
    std::fs::File::options()
        .append(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

#[test]
fn every_format_of_the_sample_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let out = index(&[&sample_corpus()], &idx, &[]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Staten-Generaal Digitaal JSON lines: found by the SGD id, id and date from the OCR header.
    let sgd = show(&idx, "0000900001").expect("SGD record");
    assert_eq!(sgd["sgd_id"], "0000900001");
    assert_eq!(sgd["id"], "kst-12449-66");
    assert_eq!(sgd["date"], "1983-06-21");
    assert_eq!(sgd["type"], "brief");
    let text = sgd["text"].as_str().unwrap();
    assert!(
        text.contains("scheepvaart") && !text.contains('\u{ad}'),
        "{text}"
    );
    assert!(
        !text.contains("zitting 1982-1983, 12449, nr. 66"),
        "page footer left: {text}"
    );
    let amendement = show(&idx, "kst-14497-159").expect("SGD amendement by its Kamerstuk id");
    assert_eq!(amendement["date"], "1980-05-14");
    let by_word = search(&idx, "onteigeningswet rechtsbijstand");
    assert_eq!(by_word["hits"][0]["id"], "kst-14497-159");

    // VLOS: the meeting, its speakers with party, its dossiers.
    let vlos = show(
        &idx,
        "sample_corpus/vlos-commissiedebat-mensenhandel-2025.xml",
    )
    .or_else(|| {
        show(
            &idx,
            &sample_corpus()
                .join("vlos-commissiedebat-mensenhandel-2025.xml")
                .to_string_lossy(),
        )
    })
    .expect("VLOS report");
    assert_eq!(vlos["title"], "Mensenhandel en prostitutie");
    assert_eq!(vlos["date"], "2025-07-03");
    assert_eq!(vlos["type"], "verslag");
    assert_eq!(
        vlos["speakers"],
        serde_json::json!(["Mevrouw Van der Werf (D66)", "De heer Ellian (VVD)"])
    );
    assert_eq!(vlos["dossiers"], serde_json::json!(["28638", "33750-IV"]));
    assert_eq!(vlos["cites"], serde_json::json!(["kst-28638-115"]));
    let vtext = vlos["text"].as_str().unwrap();
    assert!(vtext.contains("Mevrouw Van der Werf (D66):"));
    assert!(
        !vtext.contains("lid Tweede Kamer"),
        "speaker records are not text"
    );

    // HTML of officiële bekendmakingen: metadata from <meta>, no site chrome, no script.
    let html = show(&idx, "kst-36600-XVI-14").expect("HTML motie");
    assert_eq!(html["date"], "2025-11-06");
    assert_eq!(html["type"], "motie");
    assert_eq!(
        html["title"],
        "Motie van het lid Bikker over ouderenzorg in Caribisch Nederland"
    );
    let htext = html["text"].as_str().unwrap();
    assert!(htext.contains("Sint Eustatius") && htext.contains("vóór de zomer"));
    assert!(
        !htext.contains("Colofon") && !htext.contains("geen tekst") && !htext.contains("Zoeken")
    );

    // Windows-1252 text: decoded, with a warning naming the file.
    let err = stderr(&out);
    assert!(
        err.contains("brief-huurbeleid-1998-windows1252.txt: not valid UTF-8"),
        "{err}"
    );
    assert_eq!(
        hit_files(&search(&idx, "financiële corporaties Emmeloord"))[0],
        "brief-huurbeleid-1998-windows1252.txt"
    );

    // UTF-8 read as Latin-1, double-encoded BOM, lower-cased tags: repaired.
    let damaged = show(&idx, "h-tk-20172018-71-3").expect("damaged Handelingen");
    let dtext = damaged["text"].as_str().unwrap();
    assert!(dtext.contains("Kröger") && dtext.contains("cliënten") && !dtext.contains('Ã'));
    assert_eq!(
        search(&idx, "Kröger")["hits"][0]["id"],
        "h-tk-20172018-71-3"
    );

    // PDF through pdftotext, metadata from its sidecar.
    let pdf = sample_corpus().join("besluitenlijst-bzk-2009.pdf");
    if kamerzoek::read::pdftotext_available() {
        let doc = show(&idx, &pdf.to_string_lossy()).expect("PDF");
        assert_eq!(doc["type"], "besluitenlijst");
        assert_eq!(doc["sources"]["title"], "given");
        assert!(doc["title"]
            .as_str()
            .unwrap()
            .starts_with("Besluitenlijst procedurevergadering"));
        assert!(doc["text"]
            .as_str()
            .unwrap()
            .contains("Aruba, Curaçao en Sint Maarten"));
    } else {
        assert!(
            err.contains("pdftotext is not installed") || err.contains("poppler-utils"),
            "{err}"
        );
        assert!(show(&idx, &pdf.to_string_lossy()).is_none());
    }
}

#[test]
fn an_export_indexes_back_into_the_same_documents() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(index(&[&sample_corpus()], &a, &["-q"]).status.success());
    let export = |idx: &Path| -> Vec<Value> {
        let out = bin()
            .arg("export")
            .arg("--index")
            .arg(idx)
            .output()
            .unwrap();
        let mut docs: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        docs.sort_by(|x, y| x["key"].as_str().cmp(&y["key"].as_str()));
        docs
    };
    let first = export(&a);
    let same = |docs: Vec<Value>| -> Vec<Value> { docs.into_iter().map(without_moments).collect() };
    let file = dir.path().join("export.jsonl");
    std::fs::write(
        &file,
        first
            .iter()
            .map(|d| d.to_string() + "\n")
            .collect::<String>(),
    )
    .unwrap();
    let out = index(&[&file], &b, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(same(export(&b)), same(first));
}

#[test]
fn bad_files_are_named_and_the_rest_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::copy(
        sample_corpus().join("kst-33750-IV-16.xml"),
        docs.join("kst-33750-IV-16.xml"),
    )
    .unwrap();
    std::fs::write(docs.join("leeg.txt"), "\n \n").unwrap();
    std::fs::write(
        docs.join("plaatje.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    std::fs::write(
        docs.join("afgebroken.xml"),
        "<?xml version=\"1.0\"?><officiele-publicatie><kamerstuk><stuk><al>De Kamer, verzoekt de regering de Waddenzee te beschermen</al><al>en gaat over",
    )
    .unwrap();
    std::fs::write(docs.join("kapot.xml"), "dit is geen xml").unwrap();
    std::fs::write(
        docs.join("gemengd.jsonl"),
        "{\"URL\": \"https://zoek.officielebekendmakingen.nl/0000000777/ocr\", \"Content\": \"Verslag over de Afsluitdijk\"}\n{kapot\n",
    )
    .unwrap();
    // One line of 3 MB: no line breaks at all.
    let long: String = "de dijkversterking van de Afsluitdijk gaat door ".repeat(65_000);
    std::fs::write(docs.join("een-regel.txt"), long).unwrap();
    // 200 MB: refused by its size, without being read.
    let big = std::fs::File::create(docs.join("dump.txt")).unwrap();
    big.set_len(200 << 20).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&docs, docs.join("lus")).unwrap();
    let unreadable = docs.join("geheim.txt");
    std::fs::write(&unreadable, "Datum 1 april 2020\n\ngeheime brief").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    // Root reads files whatever their permissions say.
    let denied = std::fs::read(&unreadable).is_err();

    let idx = dir.path().join("idx");
    // Strict: nothing is committed.
    let strict = index(&[&docs], &idx, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(
        stderr(&strict).contains("nothing was committed"),
        "{}",
        stderr(&strict)
    );
    assert!(show(&idx, "kst-33750-IV-16").is_none());

    let out = index(&[&docs], &idx, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    for (file, reason) in [
        ("leeg.txt", "empty file"),
        ("plaatje.txt", "binary file"),
        ("kapot.xml", "no XML element"),
        ("dump.txt", "too large: 200 MB"),
        ("lus", "symbolic link loop"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("skipped: ") && l.contains(file) && l.contains(reason)),
            "{file}: {reason} not in\n{err}"
        );
    }
    assert!(err.contains("afgebroken.xml: XML ends inside"), "{err}");
    assert!(
        err.contains("gemengd.jsonl: 1 JSON record(s) skipped: line 2"),
        "{err}"
    );
    let skipped_line = if denied {
        "Skipped 6 files:"
    } else {
        "Skipped 5 files:"
    };
    assert!(err.contains(skipped_line), "{err}");
    if denied {
        assert!(
            err.contains("geheim.txt: permission denied")
                || err.contains("geheim.txt: Permission denied"),
            "{err}"
        );
    }

    // What could be read is there.
    assert!(show(&idx, "kst-33750-IV-16").is_some());
    let dijk = hit_files(&search(&idx, "Afsluitdijk"));
    assert!(
        dijk.contains(&"een-regel.txt".to_string()) && dijk.contains(&"gemengd.jsonl".to_string()),
        "{dijk:?}"
    );
    assert_eq!(hit_files(&search(&idx, "Waddenzee")), ["afgebroken.xml"]);
}

#[test]
#[cfg(unix)]
fn a_file_name_that_is_not_utf8_is_skipped_and_the_rest_indexed() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let bad = docs.join(std::ffi::OsStr::from_bytes(b"bad-\xff.txt"));
    std::fs::write(
        bad,
        "De Kamer verzoekt de regering de kwelders te beschermen.\n",
    )
    .unwrap();
    std::fs::write(docs.join("good.txt"), "De zandbanken bij Ameland.\n").unwrap();
    let idx = dir.path().join("idx");
    let out = index(&[&docs], &idx, &[]);
    // Indexed, with a file skipped: exit code 3.
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("bad-\u{fffd}.txt: its name is not valid UTF-8"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        files_line(&out),
        "Files: 1 new, 0 changed, 0 removed, 0 unchanged."
    );
    assert_eq!(search(&idx, "zandbanken")["total"], 1);
    let again = index(&[&docs], &idx, &[]);
    assert_eq!(
        files_line(&again),
        "Files: 0 new, 0 changed, 0 removed, 1 unchanged."
    );
}

#[test]
fn indexing_again_reads_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    copy_dir(&sample_corpus(), &docs);
    let idx = dir.path().join("idx");
    let first = index(&[&docs], &idx, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let files: usize = std::fs::read_dir(&docs).unwrap().count() - 1; // less README.md
    let pdf_files = usize::from(!kamerzoek::read::pdftotext_available());
    assert_eq!(
        files_line(&first),
        format!(
            "Files: {} new, 0 changed, 0 removed, 0 unchanged.",
            files - 1 - pdf_files
        )
    );

    let again = index(&[&docs], &idx, &[]);
    assert!(
        stderr(&again).starts_with("Indexed 0 documents"),
        "{}",
        stderr(&again)
    );
    let unchanged = files - 1 - pdf_files;
    assert_eq!(
        files_line(&again),
        format!("Files: 0 new, 0 changed, 0 removed, {unchanged} unchanged.")
    );

    // Touching one file indexes exactly that file again.
    set_mtime(
        &docs.join("brief-28638-115.txt"),
        SystemTime::now() + Duration::from_secs(5),
    );
    let touched = index(&[&docs], &idx, &[]);
    assert_eq!(
        files_line(&touched),
        format!(
            "Files: 0 new, 1 changed, 0 removed, {} unchanged.",
            unchanged - 1
        )
    );
    assert!(
        stderr(&touched).starts_with("Indexed 1 document ("),
        "{}",
        stderr(&touched)
    );

    // A changed text is what search finds; the old one is gone.
    let motie = docs.join("motie-36600-XVI-12.txt");
    let text = std::fs::read_to_string(&motie)
        .unwrap()
        .replace("verzoekt", "verzoekt met klem");
    std::fs::write(&motie, text).unwrap();
    set_mtime(&motie, SystemTime::now() + Duration::from_secs(10));
    // A new file, and one gone.
    std::fs::write(
        docs.join("kst-36600-XVI-99.txt"),
        "Tweede Kamer der Staten-Generaal\n\nMOTIE VAN HET LID DIJK\n\nDe Kamer, verzoekt de regering de Zeeuwse kust te versterken\n",
    )
    .unwrap();
    std::fs::remove_file(docs.join("amendement-34104-12.txt")).unwrap();
    let out = index(&[&docs], &idx, &[]);
    assert_eq!(
        files_line(&out),
        format!(
            "Files: 1 new, 1 changed, 1 removed, {} unchanged.",
            unchanged - 2
        )
    );
    assert!(search(&idx, "\"met klem\"")["total"] == 1);
    assert!(show(&idx, "kst-36600-XVI-99").is_some());
    assert!(show(&idx, "kst-34104-12").is_none());
    assert_eq!(search(&idx, "huurdersorganisaties")["total"], 0);

    // A record taken out of a JSON lines file goes; the others stay.
    let jsonl = docs.join("sgd-staten-generaal-digitaal.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    std::fs::write(&jsonl, lines[..2].join("\n") + "\n").unwrap();
    set_mtime(&jsonl, SystemTime::now() + Duration::from_secs(15));
    index(&[&docs], &idx, &["-q"]);
    assert!(show(&idx, "0000900002").is_some());
    assert!(show(&idx, "0000900003").is_none());

    // A sidecar changes a document's metadata, and indexing again picks it up.
    std::fs::write(
        docs.join("brief-woningbouw-2009.txt.json"),
        r#"{"title": "Woningbouw in 2009", "dossier": "29453"}"#,
    )
    .unwrap();
    let side = index(&[&docs], &idx, &[]);
    assert!(files_line(&side).contains("1 changed"), "{}", stderr(&side));
    let doc = show(
        &idx,
        &docs.join("brief-woningbouw-2009.txt").to_string_lossy(),
    )
    .unwrap();
    assert_eq!(doc["title"], "Woningbouw in 2009");
    assert_eq!(doc["sources"]["title"], "given");
    assert_eq!(doc["dossier"], "29453");

    // Another folder indexed into the same index does not remove this one.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(
        other.join("notitie.txt"),
        "Een notitie over de Zeeuwse kust",
    )
    .unwrap();
    let out = index(&[&other], &idx, &[]);
    assert_eq!(
        files_line(&out),
        "Files: 1 new, 0 changed, 0 removed, 0 unchanged."
    );
    assert!(show(&idx, "kst-36600-XVI-99").is_some());
}

#[test]
fn a_duplicate_comes_back_when_the_richer_copy_goes() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let xml = docs.join("b-kst-33750-IV-16.xml");
    std::fs::copy(sample_corpus().join("kst-33750-IV-16.xml"), &xml).unwrap();
    std::fs::write(
        docs.join("a-kst-33750-IV-16.txt"),
        "kst-33750-IV-16 ISSN 0921 - 7371\nverzoekt de regering mensenhandel te onderzoeken\n",
    )
    .unwrap();
    let idx = dir.path().join("idx");
    let out = index(&[&docs], &idx, &[]);
    assert!(
        stderr(&out).contains("a-kst-33750-IV-16.txt: same id kst-33750-IV-16"),
        "{}",
        stderr(&out)
    );
    assert!(show(&idx, "kst-33750-IV-16").unwrap()["path"]
        .as_str()
        .unwrap()
        .ends_with(".xml"));

    std::fs::remove_file(&xml).unwrap();
    let out = index(&[&docs], &idx, &[]);
    assert_eq!(
        files_line(&out),
        "Files: 0 new, 1 changed, 1 removed, 0 unchanged."
    );
    let doc = show(&idx, "kst-33750-IV-16").expect("the text copy is back");
    assert!(doc["path"].as_str().unwrap().ends_with(".txt"));
}

#[test]
fn a_copy_added_later_is_weighed_against_what_the_index_holds() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let idx = dir.path().join("idx");
    let path_of = || {
        show(&idx, "kst-33750-IV-16").unwrap()["path"]
            .as_str()
            .unwrap()
            .to_string()
    };
    std::fs::write(
        docs.join("a-kst-33750-IV-16.txt"),
        "kst-33750-IV-16 ISSN 0921 - 7371\nverzoekt de regering mensenhandel te onderzoeken\n",
    )
    .unwrap();
    index(&[&docs], &idx, &["-q"]);
    assert!(path_of().ends_with("a-kst-33750-IV-16.txt"));

    // Indexes again: the files line, and what stderr must say.
    let run = |files: &str, says: &[&str]| {
        let out = index(&[&docs], &idx, &[]);
        assert_eq!(files_line(&out), format!("Files: {files}."));
        for said in says {
            assert!(stderr(&out).contains(said), "{}", stderr(&out));
        }
    };

    // A richer copy in a later run replaces what an untouched file of an earlier run gave.
    let xml = docs.join("b-kst-33750-IV-16.xml");
    std::fs::copy(sample_corpus().join("kst-33750-IV-16.xml"), &xml).unwrap();
    run(
        "1 new, 0 changed, 0 removed, 1 unchanged",
        &[
            "a-kst-33750-IV-16.txt: same id kst-33750-IV-16 as",
            "which has more",
        ],
    );
    assert!(path_of().ends_with(".xml"));

    // A poorer one stands behind it.
    std::fs::write(
        docs.join("c-kst-33750-IV-16.txt"),
        "kst-33750-IV-16 ISSN 0921 - 7371\nmensenhandel\n",
    )
    .unwrap();
    run(
        "1 new, 0 changed, 0 removed, 2 unchanged",
        &[
            "c-kst-33750-IV-16.txt: same id kst-33750-IV-16 as",
            "which has as much or more",
        ],
    );
    assert!(path_of().ends_with(".xml"));

    // The richer copy goes: both that stood behind it are read again, the richer kept.
    std::fs::remove_file(&xml).unwrap();
    run("0 new, 2 changed, 1 removed, 0 unchanged", &[]);
    assert!(path_of().ends_with("a-kst-33750-IV-16.txt"));
    assert_eq!(search(&idx, "mensenhandel")["total"], 1);
    run("0 new, 0 changed, 0 removed, 2 unchanged", &[]);
    assert!(path_of().ends_with("a-kst-33750-IV-16.txt"));
}

#[test]
fn the_same_text_without_an_id_is_one_document_but_two_kamerstukken_stay_two() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let report = "Verslag van de werkbezoeken aan de Waddeneilanden\n\nDe commissie bezocht de kwelders bij Schiermonnikoog.\n";
    std::fs::write(docs.join("verslag-a.txt"), report).unwrap();
    std::fs::write(docs.join("verslag-b.txt"), report).unwrap();
    // The same words under two Kamerstuk numbers are two Kamerstukken; a copy without a
    // number is one of them.
    let motion = "De Kamer,\n\nverzoekt de regering de zandbanken bij Ameland te beschermen.\n";
    std::fs::write(docs.join("kst-40001-1.txt"), motion).unwrap();
    std::fs::write(docs.join("kst-40002-1.txt"), motion).unwrap();
    std::fs::write(docs.join("notitie.txt"), motion).unwrap();
    let idx = dir.path().join("idx");
    let out = index(&[&docs], &idx, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert_eq!(said.matches(": same text as ").count(), 2, "{said}");
    assert!(
        said.contains("notitie.txt: same text as ") && said.contains("/kst-4000"),
        "{said}"
    );

    let verslagen = hit_files(&search(&idx, "kwelders Schiermonnikoog"));
    assert_eq!(verslagen.len(), 1, "{verslagen:?}");
    assert!(verslagen[0].starts_with("verslag-"), "{verslagen:?}");
    let mut moties = hit_files(&search(&idx, "zandbanken Ameland"));
    moties.sort();
    assert_eq!(moties, ["kst-40001-1.txt", "kst-40002-1.txt"]);

    // Indexing again reads nothing and keeps it so.
    let out = index(&[&docs], &idx, &[]);
    assert_eq!(
        files_line(&out),
        "Files: 0 new, 0 changed, 0 removed, 5 unchanged."
    );
    assert_eq!(hit_files(&search(&idx, "kwelders OR zandbanken")).len(), 3);
}
