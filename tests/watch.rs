//! Watches through the command line: saved searches that report each new or changed document
//! once, in text, JSON lines and Atom feeds, and lose nothing when a run fails.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{bin, hit_keys, index, sample_corpus, stderr, stdout};
use serde_json::Value;

/// The files held back from the first run and indexed later.
const LETTER: &str = "000_4b49ee41d29ace67.txt";
const MOTIE: &str = "kst-33750-IV-16.xml";

fn kz(idx: &Path, args: &[&str]) -> std::process::Output {
    bin().args(args).arg("--index").arg(idx).output().unwrap()
}

fn ok(idx: &Path, args: &[&str]) -> String {
    let out = kz(idx, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The sample corpus without the two held-back files, indexed, with three watches: a query,
/// a dossier and the documents citing a Kamerstuk.
fn watched() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for entry in std::fs::read_dir(sample_corpus()).unwrap().flatten() {
        let name = entry.file_name();
        if name != LETTER && name != MOTIE {
            std::fs::copy(entry.path(), corpus.join(&name)).unwrap();
        }
    }
    let idx = dir.path().join("idx");
    assert!(index(&[&corpus], &idx, &["-q"]).status.success());
    ok(&idx, &["watch", "add", "mensenhandel", "mensenhandel"]);
    ok(&idx, &["watch", "add", "caribisch", "--dossier", "33750"]);
    ok(
        &idx,
        &["watch", "add", "reacties", "--cited-by", "28638-115"],
    );
    (dir, corpus, idx)
}

/// Puts the held-back files into the corpus.
fn add_held_back(corpus: &Path) {
    for name in [LETTER, MOTIE] {
        std::fs::copy(sample_corpus().join(name), corpus.join(name)).unwrap();
    }
}

/// `watch run --json`: per watch, the keys it reported and the keys it called new.
fn run(idx: &Path, extra: &[&str]) -> Vec<(String, BTreeSet<String>, BTreeSet<String>)> {
    let mut args = vec!["watch", "run", "--json"];
    args.extend(extra);
    ok(idx, &args)
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            let keys = |list: &Value| -> BTreeSet<String> {
                list.as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap().to_string())
                    .collect()
            };
            let hits: Vec<Value> = v["hits"].as_array().unwrap().clone();
            let reported: BTreeSet<String> = hits
                .iter()
                .map(|h| h["key"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(
                v["total"].as_u64().unwrap() as usize,
                reported.len(),
                "{line}"
            );
            (
                v["watch"].as_str().unwrap().to_string(),
                reported,
                keys(&v["new"]),
            )
        })
        .collect()
}

/// The keys a search over `idx` finds, every one of them.
fn search_keys(idx: &Path, args: &[&str]) -> BTreeSet<String> {
    let mut all = vec!["search", "--json", "--limit", "10000"];
    all.extend(args);
    hit_keys(&serde_json::from_str(&ok(idx, &all)).unwrap())
}

#[test]
fn each_new_or_changed_document_is_reported_once_by_the_watches_it_matches() {
    let (dir, corpus, idx) = watched();
    // Made now, a watch reports what comes from now on.
    assert!(run(&idx, &[]).iter().all(|(_, r, _)| r.is_empty()));

    add_held_back(&corpus);
    assert!(index(&[&corpus], &idx, &["-q"]).status.success());
    // What each watch must report: what the same search finds among the new files alone.
    let alone = dir.path().join("alone");
    let new_files = [corpus.join(LETTER), corpus.join(MOTIE)];
    let roots: Vec<&Path> = new_files.iter().map(PathBuf::as_path).collect();
    assert!(index(&roots, &alone, &["-q"]).status.success());
    let expected = [
        ("mensenhandel", search_keys(&alone, &["mensenhandel"])),
        ("caribisch", search_keys(&alone, &["--dossier", "33750"])),
        ("reacties", search_keys(&alone, &["--cites", "28638-115"])),
    ];
    assert_eq!(
        expected[0].1.len(),
        2,
        "both new files speak of mensenhandel"
    );
    assert_eq!(expected[1].1.len(), 1);
    assert_eq!(expected[2].1.len(), 1);
    let first = run(&idx, &[]);
    for ((name, reported, new), (want_name, want)) in first.iter().zip(&expected) {
        assert_eq!(name, want_name);
        assert_eq!(reported, want, "{name}");
        assert_eq!(new, want, "{name}: new documents, not changed ones");
    }
    // Reported once.
    assert!(run(&idx, &[]).iter().all(|(_, r, _)| r.is_empty()));

    // A file touched but not changed, and a file indexed again under the same content: nothing.
    let letter = corpus.join(LETTER);
    let text = std::fs::read_to_string(&letter).unwrap();
    std::fs::write(&letter, &text).unwrap();
    // A file moved: its document, known by its id, is the same document.
    let moved = corpus.join("verplaatst");
    std::fs::create_dir(&moved).unwrap();
    std::fs::rename(
        corpus.join("kst-36600-XVI-30.xml"),
        moved.join("kst-36600-XVI-30.xml"),
    )
    .unwrap();
    let changed_of = |key: &str| -> Value {
        let shown: Value = serde_json::from_str(&ok(&idx, &["show", "--json", key])).unwrap();
        shown["changed"].clone()
    };
    let before = changed_of("kst-36600-XVI-30");
    let out = index(&[&corpus], &idx, &[]);
    assert!(
        stderr(&out).contains("1 new, 1 changed, 1 removed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(changed_of("kst-36600-XVI-30"), before);
    assert!(run(&idx, &[]).iter().all(|(_, r, _)| r.is_empty()));

    // A changed file: reported once, as changed, by the watches it matches.
    std::fs::write(
        &letter,
        format!("{text}\n\nNaschrift over mensenhandel op Aruba.\n"),
    )
    .unwrap();
    assert!(index(&[&corpus], &idx, &["-q"]).status.success());
    let changed = run(&idx, &[]);
    let key = expected[2].1.iter().next().unwrap();
    assert_eq!(changed[0].1, BTreeSet::from([key.clone()]));
    assert!(changed[0].2.is_empty(), "changed, not new");
    assert!(changed[1].1.is_empty());
    assert_eq!(changed[2].1, BTreeSet::from([key.clone()]));
    assert!(run(&idx, &[]).iter().all(|(_, r, _)| r.is_empty()));
}

#[test]
fn search_since_finds_what_entered_or_changed_after_a_moment() {
    let (_dir, corpus, idx) = watched();
    let show =
        |key: &str| -> Value { serde_json::from_str(&ok(&idx, &["show", "--json", key])).unwrap() };
    let before: kamerzoek::Timestamp = show("kst-36600-XVI-12")["changed"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    add_held_back(&corpus);
    assert!(index(&[&corpus], &idx, &["-q"]).status.success());
    let after = before.next().to_string();
    let new = search_keys(&idx, &["mensenhandel", "--since", &after]);
    assert_eq!(new.len(), 2, "{new:?}");
    assert!(new.contains("kst-33750-IV-16"));
    // Everything is older than a week ahead, and a week ago is before all of it.
    let all = search_keys(&idx, &["mensenhandel"]);
    assert_eq!(search_keys(&idx, &["mensenhandel", "--since", "7d"]), all);
    assert!(search_keys(&idx, &["mensenhandel", "--since", "2999-01-01"]).is_empty());
    // A document keeps the moment it entered; --from is its own date still.
    let motie = show("kst-33750-IV-16");
    assert_eq!(motie["added"], motie["changed"]);
    assert!(show("kst-36600-XVI-12")["added"].as_str().unwrap() <= before.to_string().as_str());
    let out = kz(&idx, &["search", "mensenhandel", "--since", "morgen"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("7d"), "{}", stderr(&out));
}

#[test]
fn atom_feeds_parse_keep_their_entry_ids_and_are_never_left_half_written() {
    let (dir, corpus, idx) = watched();
    let feeds = dir.path().join("feeds");
    add_held_back(&corpus);
    // The cron line: index, then every watch, with its feed.
    let out = index(
        &[&corpus],
        &idx,
        &["-q", "--watch", "--atom", feeds.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("mensenhandel: 2 new, 0 changed"),
        "{}",
        stdout(&out)
    );
    let read = |name: &str| -> (String, feed_rs::model::Feed) {
        let path = feeds.join(format!("{name}.atom"));
        let xml = std::fs::read_to_string(&path).unwrap();
        let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
        (xml, feed)
    };
    let (xml, feed) = read("mensenhandel");
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    // What RFC 4287 requires of a feed and of each entry without content.
    assert_eq!(feed.id, "urn:kamerzoek:watch:mensenhandel");
    assert_eq!(
        feed.title.as_ref().unwrap().content,
        "kamerzoek: mensenhandel"
    );
    assert!(feed.updated.is_some() && !feed.authors.is_empty());
    assert_eq!(feed.entries.len(), 2);
    for e in &feed.entries {
        assert!(e.id.starts_with("urn:kamerzoek:document:"), "{}", e.id);
        assert!(e.title.is_some() && e.updated.is_some() && e.published.is_some());
        assert!(e.summary.as_ref().unwrap().content.contains("ensenhandel"));
        assert!(e
            .links
            .iter()
            .any(|l| l.rel.as_deref().unwrap_or("alternate") == "alternate"));
    }
    let motie = feed
        .entries
        .iter()
        .find(|e| e.id.ends_with("kst-33750-IV-16"))
        .unwrap();
    assert_eq!(
        motie.links[0].href,
        "https://zoek.officielebekendmakingen.nl/kst-33750-IV-16.html"
    );
    let letter = feed.entries.iter().find(|e| e.id != motie.id).unwrap();
    assert!(
        letter.links[0].href.starts_with("file:///"),
        "{}",
        letter.links[0].href
    );
    let (_, dossier) = read("caribisch");
    assert_eq!(dossier.entries.len(), 1);

    // A changed letter: the same entry, updated; the motie's entry stays in the feed.
    let path = corpus.join(LETTER);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n\nNaschrift over mensenhandel.\n")).unwrap();
    assert!(index(&[&corpus], &idx, &["-q"]).status.success());
    // A feed that is not Atom stops the run, named and untouched, and the watch keeps what it
    // had to report.
    let damaged = feeds.join("mensenhandel.atom");
    std::fs::write(&damaged, "<html>geen feed</html>").unwrap();
    let out = kz(&idx, &["watch", "run", "--atom", feeds.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("mensenhandel.atom"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&damaged).unwrap(),
        "<html>geen feed</html>"
    );
    std::fs::remove_file(&damaged).unwrap();
    let run_one = |name: &str| {
        ok(
            &idx,
            &["watch", "run", name, "--atom", feeds.to_str().unwrap()],
        )
    };
    let out = run_one("mensenhandel");
    assert!(out.contains("mensenhandel: 0 new, 1 changed"), "{out}");
    let (_, again) = read("mensenhandel");
    assert_eq!(
        again.entries.len(),
        1,
        "a new feed after the damaged one went"
    );
    assert_eq!(again.entries[0].id, letter.id);
    assert!(again.entries[0].updated > letter.updated);
    assert_eq!(again.entries[0].published, letter.published);
    // The other watch kept its feed; its entry id is the same in the next run's feed.
    let out = run_one("reacties");
    assert!(out.contains("reacties: 0 new, 1 changed"), "{out}");
    let (_, reacties) = read("reacties");
    assert_eq!(reacties.entries.len(), 1);
    assert_eq!(reacties.entries[0].id, letter.id);
    // Nothing new: the feed stays as it was.
    let before = std::fs::read(feeds.join("reacties.atom")).unwrap();
    ok(&idx, &["watch", "run", "--atom", feeds.to_str().unwrap()]);
    assert_eq!(std::fs::read(feeds.join("reacties.atom")).unwrap(), before);
}

#[test]
fn a_commit_whose_watches_did_not_run_is_reported_by_the_next_run() {
    let (_dir, corpus, idx) = watched();
    add_held_back(&corpus);
    // As an `index --watch` killed between its commit and its watches: committed, not run.
    assert!(index(&[&corpus], &idx, &["-q"]).status.success());
    std::fs::remove_file(corpus.join(MOTIE)).unwrap();
    assert!(index(&[&corpus], &idx, &["-q"]).status.success());
    let news = run(&idx, &["mensenhandel"]);
    assert_eq!(news.len(), 1);
    // The letter of the first commit; the motie came and went before anyone looked.
    assert_eq!(news[0].1.len(), 1);
    assert!(news[0].1.iter().all(|k| k.ends_with(LETTER)));
    assert!(run(&idx, &["mensenhandel"])[0].1.is_empty());
    // The other watches have not run: they still have the letter to report.
    assert_eq!(run(&idx, &["reacties"])[0].1.len(), 1);
}

#[test]
fn watches_are_listed_shown_edited_and_removed() {
    let (_dir, _corpus, idx) = watched();
    let list = ok(&idx, &["watch", "list"]);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list.contains("caribisch  dossier 33750"), "{list}");
    ok(
        &idx,
        &[
            "watch",
            "edit",
            "caribisch",
            "--type",
            "motie",
            "--query",
            "opvang",
        ],
    );
    let shown: Value =
        serde_json::from_str(&ok(&idx, &["watch", "show", "caribisch", "--json"])).unwrap();
    assert_eq!(shown["query"], "opvang");
    assert_eq!(shown["type"], "motie");
    assert_eq!(shown["dossier"], "33750");
    ok(&idx, &["watch", "edit", "caribisch", "--dossier", ""]);
    assert!(
        ok(&idx, &["watch", "show", "caribisch"]).contains("follows     \"opvang\", type motie")
    );
    ok(&idx, &["watch", "remove", "caribisch"]);
    assert_eq!(ok(&idx, &["watch", "list"]).lines().count(), 2);
    // Refused, with the reason, and nothing changed.
    let before = std::fs::read(idx.join("watches.json")).unwrap();
    for (args, says) in [
        (&["watch", "add", "../feeds", "x"][..], "watch name"),
        (&["watch", "add", "leeg"], "give it a query"),
        (
            &["watch", "add", "mensenhandel", "opnieuw"],
            "there is a watch of that name",
        ),
        (
            &["watch", "add", "fout", "--type", "geen-type"],
            "known types",
        ),
        (&["watch", "add", "fout", "--cited-by", "geen id"], "cites"),
        (&["watch", "run", "onbekend"], "the watches are"),
        (&["watch", "remove", "onbekend"], "the watches are"),
    ] {
        let out = kz(&idx, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(std::fs::read(idx.join("watches.json")).unwrap(), before);
}

#[test]
fn a_damaged_watches_file_is_named_and_left_as_it_is() {
    let (_dir, _corpus, idx) = watched();
    let path = idx.join("watches.json");
    let damaged = b"{\"format\": \"kamerzoek watches\", \"version\": 1, \"watches\": [{\"na";
    std::fs::write(&path, damaged).unwrap();
    for args in [
        &["watch", "list"][..],
        &["watch", "run"],
        &["watch", "add", "x", "y"],
    ] {
        let out = kz(&idx, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("watches.json") && err.contains("left as it is"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), damaged);
}
