//! Input meant to break kamerzoek, and the failures of a machine: nothing lost, nothing
//! invented, nothing leaked, never a panic.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{bin, empty_corpus, index, sample_corpus, stderr, stdout, without_moments};
use serde_json::Value;

fn kz(idx: &Path, args: &[&str]) -> Output {
    bin().arg("--index").arg(idx).args(args).output().unwrap()
}

fn total(idx: &Path, query: &str) -> u64 {
    search_json(idx, query)["total"].as_u64().unwrap()
}

/// Every document as exported, sorted by key.
/// Every document as `export` writes it, but for its moments in the index.
fn export(idx: &Path) -> Vec<Value> {
    let out = kz(idx, &["export"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut docs: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| without_moments(serde_json::from_str(l).unwrap()))
        .collect();
    docs.sort_by(|a, b| a["key"].as_str().cmp(&b["key"].as_str()));
    docs
}

/// The sample corpus, built once for the tests that only read it.
fn sample_index() -> &'static Path {
    static INDEX: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let idx = dir.path().join("idx");
            let out = index(&[&sample_corpus()], &idx, &["-q"]);
            assert!(out.status.success(), "{}", stderr(&out));
            (dir, idx)
        })
        .1
}

/// Runs `command` as a user who is not root: as "nobody" when the tests run as root (where
/// permissions do not hold), as the user itself otherwise. `None` where that cannot be done
/// here (no setpriv, or nobody cannot run the binary from where it was built).
fn unprivileged(command: &Command) -> Option<Command> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    let mut wrapped = if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--reset-env",
        ]);
        c.arg(command.get_program());
        c
    } else {
        Command::new(command.get_program())
    };
    wrapped.args(command.get_args());
    wrapped.env("NO_COLOR", "1").env_remove("KAMERZOEK_INDEX");
    if let Some(dir) = command.get_current_dir() {
        wrapped.current_dir(dir);
    }
    let mut probe = Command::new(wrapped.get_program());
    probe.args(
        wrapped
            .get_args()
            .take_while(|a| *a != command.get_program()),
    );
    probe.arg(command.get_program()).arg("--version");
    probe
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| wrapped)
}

/// Lets everyone read and write `dir` and what is below it (a temporary folder is its
/// owner's alone), so that an unprivileged user can work in it.
fn open_to_all(dir: &Path) {
    let status = Command::new("chmod")
        .arg("-R")
        .arg("a+rwX")
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn counts_beyond_any_page_are_refused_and_never_panic() {
    let idx = sample_index();
    for args in [
        ["--per-doc", "18446744073709551615"],
        ["--per-doc", "1000000000"],
        ["--per-doc", "0"],
        ["--limit", "18446744073709551615"],
        ["--limit", "-1"],
        ["--offset", "99999999999999999999999"],
    ] {
        let out = kz(
            idx,
            &[
                "search",
                "mensenhandel",
                &format!("{}={}", args[0], args[1]),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(args[0]), "{args:?}: {}", stderr(&out));
    }
    // The largest offset there is: an empty page, said plainly.
    let out = kz(
        idx,
        &["search", "mensenhandel", "--offset", "18446744073709551615"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("documents match \"mensenhandel\"; none from"),
        "{}",
        stdout(&out)
    );
    let out = kz(idx, &["search", "mensenhandel", "--limit", "0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("No documents"), "{}", stdout(&out));
    assert!(stdout(&out).contains("documents match"), "{}", stdout(&out));
    // The most the options allow runs.
    let out = kz(
        idx,
        &["search", "mensenhandel", "--per-doc", "100", "-n", "10000"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // Values the library refuses are wrong usage too.
    for bad in [["--type", "foo"], ["--dossier", "33750-ZZZ"]] {
        let out = kz(idx, &["search", "mensenhandel", bad[0], bad[1]]);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
    }
}

#[test]
fn a_read_only_index_can_be_searched() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    assert!(index(&[&sample_corpus()], &idx, &["-q"]).status.success());
    let before = kz(&idx, &["search", "mensenhandel Curacao", "--json"]);
    open_to_all(dir.path());
    let status = Command::new("chmod")
        .args(["-R", "a-w"])
        .arg(&idx)
        .status()
        .unwrap();
    assert!(status.success());
    let restore = || {
        Command::new("chmod")
            .args(["-R", "u+w"])
            .arg(&idx)
            .status()
            .unwrap();
    };
    for args in [
        vec!["search", "mensenhandel Curacao", "--json"],
        vec!["show", "kst-33750-IV-16"],
        vec!["stats"],
        vec!["export"],
        vec!["cited-by", "kst-33750-IV-16"],
    ] {
        let mut command = bin();
        command.args(&args).arg("--index").arg(&idx);
        let Some(mut command) = unprivileged(&command) else {
            restore();
            eprintln!("no unprivileged user to run as here: read-only case not run");
            return;
        };
        let out = command.output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        if args[0] == "search" {
            assert_eq!(out.stdout, before.stdout);
        }
    }
    // Writing is refused, once and plainly.
    let extra = dir.path().join("extra");
    std::fs::create_dir(&extra).unwrap();
    std::fs::write(extra.join("nieuw.txt"), "Een nieuwe brief over kwelders.").unwrap();
    open_to_all(&extra);
    let mut command = bin();
    command.arg("index").arg(&extra).arg("--index").arg(&idx);
    let out = unprivileged(&command).unwrap().output().unwrap();
    restore();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.matches("denied").count(), 1, "{err}");
}

/// A corpus that takes a while to index: 400 letters with words broken across lines.
fn slow_corpus(dir: &Path) -> PathBuf {
    let big = dir.join("big");
    std::fs::create_dir(&big).unwrap();
    let para = "De Kamer, gehoord de beraadslaging, constaterende dat de dijkver-\nsterking langs de Wadden-\nkust vertraging oploopt; verzoekt de rege-\nring de provincies te ondersteunen.\n\n";
    for n in 0..400 {
        std::fs::write(
            big.join(format!("kst-40000-{n}.txt")),
            format!("MOTIE VAN HET LID VAN DER MEER {n}\n\n{}", para.repeat(150)),
        )
        .unwrap();
    }
    big
}

/// The sample corpus and a slow one, indexed in one uninterrupted run: the slow corpus and
/// that index's export.
fn uninterrupted(dir: &Path) -> (PathBuf, Vec<Value>) {
    let big = slow_corpus(dir);
    let whole = dir.join("whole");
    assert!(index(&[&sample_corpus(), &big], &whole, &["-q"])
        .status
        .success());
    (big, export(&whole))
}

fn search_json(idx: &Path, query: &str) -> Value {
    let out = kz(idx, &["search", "--json", "--limit", "100", "--", query]);
    assert!(out.status.success(), "{query}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
#[cfg(unix)]
fn a_killed_indexer_leaves_the_index_whole_and_the_next_run_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (big, expected) = uninterrupted(dir.path());
    // Killed at several moments (an optimized build indexes this in about a second, a debug
    // build in several), each followed by a finished run.
    let mut killed = 0;
    for (attempt, wait) in [50u64, 200, 400, 800].into_iter().enumerate() {
        let idx = dir.path().join(format!("idx-{attempt}"));
        assert!(index(&[&sample_corpus()], &idx, &["-q"]).status.success());
        let before = search_json(&idx, "mensenhandel Curacao");
        let mut child = bin()
            .arg("index")
            .arg(sample_corpus())
            .arg(&big)
            .arg("--index")
            .arg(&idx)
            .arg("-q")
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
            child.wait().unwrap();
            // The previous commit, whole and searchable; nothing of the killed run.
            assert_eq!(
                search_json(&idx, "mensenhandel Curacao")["hits"],
                before["hits"]
            );
            assert_eq!(search_json(&idx, "dijkversterking Waddenkust")["total"], 0);
        }
        child.wait().unwrap();
        // The lock died with the process: the next run completes, as if the killed one never ran.
        let out = index(&[&sample_corpus(), &big], &idx, &["-q"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            search_json(&idx, "dijkversterking Waddenkust")["total"],
            400
        );
        assert!(export(&idx) == expected, "after a kill at {wait} ms");
    }
    assert!(
        killed > 0,
        "the indexer finished every time before the kill"
    );
}

#[test]
fn a_failed_strict_run_leaves_the_lexicon_and_the_next_run_is_as_if_it_never_ran() {
    let dir = tempfile::tempdir().unwrap();
    let (big, expected) = uninterrupted(dir.path());
    let idx = dir.path().join("idx");
    assert!(index(&[&sample_corpus()], &idx, &["-q"]).status.success());
    let lexicon = |idx: &Path| -> Value {
        let out = kz(idx, &["stats", "--json"]);
        serde_json::from_slice::<Value>(&out.stdout).unwrap()["lexicon_words"].clone()
    };
    let before = lexicon(&idx);
    std::fs::write(big.join("kapot.txt"), b"\x00\x01\x02\x03 binary").unwrap();
    for _ in 0..3 {
        let out = index(&[&sample_corpus(), &big], &idx, &["-q", "--strict"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_eq!(lexicon(&idx), before);
    }
    // What the failed runs wrote is gone with them: the folder holds one manifest.
    let manifests = std::fs::read_dir(&idx)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".jsonl"))
        .count();
    assert_eq!(manifests, 1);
    std::fs::remove_file(big.join("kapot.txt")).unwrap();
    assert!(index(&[&sample_corpus(), &big], &idx, &["-q"])
        .status
        .success());
    assert!(export(&idx) == expected);
}

#[test]
#[cfg(unix)]
fn a_folder_that_cannot_be_read_keeps_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let closed = corpus.join("closed");
    std::fs::create_dir_all(&closed).unwrap();
    std::fs::copy(
        sample_corpus().join("kst-33750-IV-16.xml"),
        closed.join("kst-33750-IV-16.xml"),
    )
    .unwrap();
    std::fs::copy(
        sample_corpus().join("brief-28638-115.txt"),
        corpus.join("brief-28638-115.txt"),
    )
    .unwrap();
    open_to_all(dir.path());
    let idx = dir.path().join("idx");
    let run = |args: &[&str]| -> Option<Output> {
        let mut command = bin();
        command.args(args);
        Some(unprivileged(&command)?.output().unwrap())
    };
    let (c, i) = (corpus.to_str().unwrap(), idx.to_str().unwrap());
    let Some(first) = run(&["index", c, "--index", i, "-q"]) else {
        eprintln!("no unprivileged user to run as here: unreadable-folder case not run");
        return;
    };
    assert!(first.status.success(), "{}", stderr(&first));
    let mode = |m: &str| {
        assert!(Command::new("chmod")
            .arg(m)
            .arg(&closed)
            .status()
            .unwrap()
            .success())
    };
    mode("000");
    let again = run(&["index", c, "--index", i]).unwrap();
    mode("755");
    assert_eq!(again.status.code(), Some(3), "{}", stderr(&again));
    let err = stderr(&again);
    assert!(err.contains("0 removed"), "{err}");
    assert!(err.contains("skipped: ") && err.contains("closed"), "{err}");
    let shown = kz(&idx, &["show", "kst-33750-IV-16"]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    // Once the file is really gone, so are its documents.
    std::fs::remove_dir_all(&closed).unwrap();
    let out = run(&["index", c, "--index", i]).unwrap();
    assert!(stderr(&out).contains("1 removed"), "{}", stderr(&out));
}

#[test]
#[cfg(unix)]
fn links_out_of_the_folder_are_not_followed_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(
        elsewhere.join("geheim.txt"),
        "root:x:0:0:wachtwoordgeheimpje",
    )
    .unwrap();
    std::fs::write(corpus.join("intern.txt"), "Een gewone brief over dijken.").unwrap();
    std::os::unix::fs::symlink(elsewhere.join("geheim.txt"), corpus.join("passwd.txt")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, corpus.join("map")).unwrap();
    // A link that stays inside is followed as before.
    std::os::unix::fs::symlink(corpus.join("intern.txt"), corpus.join("kopie.txt")).unwrap();
    let idx = dir.path().join("idx");
    let out = index(&[&corpus], &idx, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("not followed: ").count(), 2, "{err}");
    assert!(
        err.contains("passwd.txt") && err.contains("--follow-links"),
        "{err}"
    );
    assert_eq!(total(&idx, "wachtwoordgeheimpje"), 0);
    assert_eq!(total(&idx, "dijken"), 1);
    let out = index(&[&corpus], &idx, &["--follow-links"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(total(&idx, "wachtwoordgeheimpje"), 1);
}

#[test]
fn a_query_pasted_from_a_pdf_finds_what_its_words_find() {
    let idx = sample_index();
    let plain = total(idx, "mensenhandel");
    assert!(plain > 0);
    for pasted in [
        "mensen\u{ad}handel",
        "mensen\u{200b}handel",
        "mensenhande\u{301}l",
    ] {
        let got = total(idx, pasted);
        if pasted.contains('\u{301}') {
            // A stray accent is a different word, but it still must not panic.
            continue;
        }
        assert_eq!(got, plain, "{pasted:?}");
    }
    let long = "woord ".repeat(4000);
    let out = kz(idx, &["search", &long]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("at most 16 kB"), "{}", stderr(&out));
}

#[test]
fn a_json_record_larger_than_a_document_may_be_is_refused() {
    let (dir, corpus) = empty_corpus();
    let huge = "kwelder ".repeat((65 << 20) / 8);
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "kst-40001-1", "text": huge}),
        serde_json::json!({"id": "kst-40001-2", "text": "Een motie over kwelders."})
    );
    drop(huge);
    std::fs::write(corpus.join("records.jsonl"), lines).unwrap();
    let idx = dir.path().join("idx");
    let out = index(&[&corpus], &idx, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 1: a document of 65 MB"),
        "{}",
        stderr(&out)
    );
    assert!(kz(&idx, &["show", "kst-40001-2"]).status.success());
    assert!(!kz(&idx, &["show", "kst-40001-1"]).status.success());
}

#[test]
fn the_index_folder_must_be_an_index_or_new() {
    let dir = tempfile::tempdir().unwrap();
    // A file.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = index(&[&sample_corpus()], &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "kamerzoek: index {}: is a file, not an index folder",
            file.display()
        )
    );
    // A folder of other files (the corpus itself) is not written into.
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(
        sample_corpus().join("brief-28638-115.txt"),
        corpus.join("b.txt"),
    )
    .unwrap();
    let out = index(&[&corpus], &corpus, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("holds other files"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(&corpus).unwrap().count(), 1);
    // A missing or damaged version file.
    let idx = dir.path().join("idx");
    assert!(index(&[&corpus], &idx, &["-q"]).status.success());
    let version = idx.join("kamerzoek-version.json");
    let kept = std::fs::read(&version).unwrap();
    std::fs::write(&version, "rommel").unwrap();
    let out = kz(&idx, &["stats"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("kamerzoek-version.json is damaged"));
    std::fs::remove_file(&version).unwrap();
    let out = kz(&idx, &["search", "brief"]);
    assert!(stderr(&out).contains("kamerzoek-version.json is missing"));
    std::fs::write(&version, kept).unwrap();
    assert!(kz(&idx, &["stats"]).status.success());
}

#[test]
fn a_skipped_file_is_not_new_on_every_run() {
    let (dir, corpus) = empty_corpus();
    std::fs::copy(
        sample_corpus().join("brief-28638-115.txt"),
        corpus.join("b.txt"),
    )
    .unwrap();
    std::fs::write(corpus.join("kapot.txt"), b"\x00\x00\x00 binary").unwrap();
    let idx = dir.path().join("idx");
    for files in ["Files: 1 new,", "Files: 0 new,"] {
        let out = index(&[&corpus], &idx, &[]);
        assert_eq!(out.status.code(), Some(3));
        assert!(stderr(&out).contains(files), "{}", stderr(&out));
        assert!(stderr(&out).contains("skipped: "), "{}", stderr(&out));
    }
}

#[test]
fn of_two_equal_copies_the_same_one_is_kept_every_time() {
    let (dir, corpus) = empty_corpus();
    let text = std::fs::read(sample_corpus().join("brief-woningbouw-2009.txt")).unwrap();
    for name in ["b-kopie.txt", "a-origineel.txt", "c-nog-een.txt"] {
        std::fs::write(corpus.join(name), &text).unwrap();
    }
    for run in 0..6 {
        let idx = dir.path().join(format!("idx-{run}"));
        assert!(index(&[&corpus], &idx, &["-q"]).status.success());
        let kept: Vec<String> = export(&idx)
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(kept.len(), 1);
        assert!(kept[0].ends_with("a-origineel.txt"), "run {run}: {kept:?}");
    }
}

#[test]
fn utf16_xml_is_read() {
    let (dir, corpus) = empty_corpus();
    let xml = std::fs::read_to_string(sample_corpus().join("kst-33750-IV-16.xml")).unwrap();
    let xml = xml.replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(corpus.join("kst-33750-IV-16.xml"), utf16).unwrap();
    let idx = dir.path().join("idx");
    let out = index(&[&corpus], &idx, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = kz(&idx, &["show", "kst-33750-IV-16", "--json"]);
    let doc: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(doc["date"], "2013-11-26");
    assert!(doc["text"].as_str().unwrap().contains("Curaçao"));
}

#[test]
fn show_finds_a_path_given_otherwise_and_says_a_file_holds_more() {
    let idx = sample_index();
    // Built from an absolute path; asked by a relative one.
    let out = bin()
        .current_dir(sample_corpus())
        .args(["show", "kst-33750-IV-16.xml", "--json", "--index"])
        .arg(idx)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["id"], "kst-33750-IV-16");
    let jsonl = sample_corpus().join("sgd-staten-generaal-digitaal.jsonl");
    let out = kz(idx, &["show", jsonl.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds 3 documents; this is the first"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("sgd:"), "{}", stderr(&out));
}

#[test]
fn scans_are_named_by_their_sgd_id_and_odd_file_names_stay_on_one_line() {
    let idx = sample_index();
    let out = kz(idx, &["search", "Zitting"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.contains(". sgd:0000") && !l.contains("(no id)")),
        "{text}"
    );
    let (dir, corpus) = empty_corpus();
    std::fs::write(corpus.join("twee\nregels.txt"), "Een brief over kwelders.").unwrap();
    let i = dir.path().join("idx");
    assert!(index(&[&corpus], &i, &["-q"]).status.success());
    let out = kz(&i, &["search", "kwelders"]);
    let text = stdout(&out);
    assert!(text.contains("twee\\nregels.txt:1"), "{text}");
}

#[test]
fn a_search_while_the_first_build_runs_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let index = kamerzoek::Index::open_or_create(&idx).unwrap();
    let writer = index.writer().unwrap();
    let out = kz(&idx, &["search", "mensenhandel"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("being built"), "{}", stderr(&out));
    drop(writer);
    let out = kz(&idx, &["search", "mensenhandel"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("No documents match"));
}

/// A small file system of its own, unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    /// A 3 MB tmpfs at `at`, where this machine lets the tests mount one (as root).
    fn mount(at: &Path) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).ok()?;
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=3m", "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
#[cfg(unix)]
fn a_full_disk_fails_once_and_leaves_the_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(&dir.path().join("disk")) else {
        eprintln!("no small file system can be mounted here: full-disk case not run");
        return;
    };
    let idx = disk.0.join("idx");
    assert!(index(&[&sample_corpus()], &idx, &["-q"]).status.success());
    let files = |idx: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(idx)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".lock"))
            .collect();
        names.sort();
        names
    };
    let before = files(&idx);
    // Words that do not repeat, so that neither the store nor the postings compress them
    // below the disk's size.
    let big = dir.path().join("big");
    std::fs::create_dir(&big).unwrap();
    let mut seed = 12345u64;
    for n in 0..40 {
        let words: Vec<String> = (0..20_000)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                format!("w{:x}", seed >> 36)
            })
            .collect();
        std::fs::write(big.join(format!("ruis-{n}.txt")), words.join(" ")).unwrap();
    }
    for _ in 0..2 {
        let out = index(&[&big], &idx, &["-q"]);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(err.matches("No space left on device").count(), 1, "{err}");
        assert!(err.contains(&idx.display().to_string()), "{err}");
        assert_eq!(files(&idx), before);
    }
    // The space is there again for a run that fits.
    let small = dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    std::fs::write(small.join("brief.txt"), "Een brief over kwelders.").unwrap();
    let out = index(&[&sample_corpus(), &small], &idx, &["-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(total(&idx, "kwelders"), 1);
}
