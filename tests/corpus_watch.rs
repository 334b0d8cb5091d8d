//! Watches on the real moties in `../shared/corpus`: all but 100 indexed, three watches, then
//! the rest. `#[ignore]`d like the other corpus tests; `.ci/run` runs it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{bin, hit_keys, stderr, stdout};
use serde_json::Value;

fn kz(idx: &Path, args: &[&str]) -> String {
    let out = bin().args(args).arg("--index").arg(idx).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn index(idx: &Path, roots: &[&Path]) {
    let mut args = vec!["index", "-q"];
    let roots: Vec<&str> = roots.iter().map(|r| r.to_str().unwrap()).collect();
    args.extend(roots);
    kz(idx, &args);
}

/// Per watch, the keys `watch run` reported.
fn run(idx: &Path) -> BTreeMap<String, BTreeSet<String>> {
    kz(idx, &["watch", "run", "--json"])
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["watch"].as_str().unwrap().to_string(), hit_keys(&v))
        })
        .collect()
}

fn search(idx: &Path, args: &[&str]) -> Value {
    let mut all = vec!["search", "--json", "--limit", "10000"];
    all.extend(args);
    serde_json::from_str(&kz(idx, &all)).unwrap()
}

/// The most common value of a facet among what `args` finds in `idx`.
fn most_common(idx: &Path, facet: &str, args: &[&str]) -> String {
    let mut all = vec!["--facets", facet];
    all.extend(args);
    search(idx, &all)["facets"][facet][0][0]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn watches_report_exactly_the_new_moties_that_match_them_and_lose_nothing() {
    let moties = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/moties-xml/xml");
    assert!(
        moties.is_dir(),
        "the shared corpus is missing: {}",
        moties.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let (corpus, later) = (dir.path().join("corpus"), dir.path().join("later"));
    std::fs::create_dir(&corpus).unwrap();
    std::fs::create_dir(&later).unwrap();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&moties)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    let step = names.len() / 100;
    let mut held_back = Vec::new();
    for (i, path) in names.iter().enumerate() {
        let name = path.file_name().unwrap();
        if i % step == 0 && held_back.len() < 100 {
            held_back.push(corpus.join(name));
            std::fs::copy(path, later.join(name)).unwrap();
        } else {
            std::fs::copy(path, corpus.join(name)).unwrap();
        }
    }
    assert_eq!(held_back.len(), 100);

    // The 100 on their own, where they will be: what each watch must report.
    let idx = dir.path().join("idx");
    let alone = dir.path().join("alone");
    for path in &held_back {
        std::fs::copy(later.join(path.file_name().unwrap()), path).unwrap();
    }
    let roots: Vec<&Path> = held_back.iter().map(PathBuf::as_path).collect();
    index(&alone, &roots);
    let query = "onderwijs";
    let dossier = most_common(&alone, "dossier", &["--type", "motie"]);
    let cited = search(&alone, &["--type", "motie"]);
    let mut citations: BTreeMap<String, usize> = BTreeMap::new();
    for hit in cited["hits"].as_array().unwrap() {
        let key = hit["key"].as_str().unwrap();
        let shown: Value = serde_json::from_str(&kz(&alone, &["show", "--json", key])).unwrap();
        for c in shown["cites"].as_array().unwrap() {
            *citations
                .entry(c.as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    let cited = citations
        .iter()
        .max_by_key(|(id, n)| (**n, std::cmp::Reverse((*id).clone())))
        .map(|(id, _)| id.clone())
        .expect("some of the 100 moties cite a Kamerstuk");
    let expected = BTreeMap::from([
        (
            "citing".to_string(),
            hit_keys(&search(&alone, &["--cites", &cited])),
        ),
        (
            "dossier".to_string(),
            hit_keys(&search(&alone, &["--dossier", &dossier])),
        ),
        ("query".to_string(), hit_keys(&search(&alone, &[query]))),
    ]);
    println!(
        "watches: {query:?} {}, dossier {dossier} {}, citing {cited} {}",
        expected["query"].len(),
        expected["dossier"].len(),
        expected["citing"].len()
    );
    assert!(expected.values().all(|k| !k.is_empty()), "{expected:?}");

    // All but the 100, three watches, then the rest.
    for path in &held_back {
        std::fs::remove_file(path).unwrap();
    }
    index(&idx, &[&corpus]);
    kz(&idx, &["watch", "add", "query", query]);
    kz(&idx, &["watch", "add", "dossier", "--dossier", &dossier]);
    kz(&idx, &["watch", "add", "citing", "--cited-by", &cited]);
    for path in &held_back {
        std::fs::copy(later.join(path.file_name().unwrap()), path).unwrap();
    }
    index(&idx, &[&corpus]);
    assert_eq!(run(&idx), expected);
    assert!(
        run(&idx).values().all(BTreeSet::is_empty),
        "a second run reports nothing"
    );

    // A changed file is reported once, by the watches it matches.
    let changed_key = expected["query"].iter().next().unwrap().clone();
    let file = held_back
        .iter()
        .find(|p| changed_key.contains(p.file_stem().unwrap().to_str().unwrap()))
        .unwrap();
    let change = |file: &Path| {
        let xml = std::fs::read_to_string(file).unwrap();
        let edited = xml.replacen(
            "<al>De Kamer,</al>",
            "<al>De Kamer, in vergadering bijeen,</al>",
            1,
        );
        assert_ne!(xml, edited, "{}", file.display());
        std::fs::write(file, edited).unwrap();
    };
    change(file);
    index(&idx, &[&corpus]);
    let news = run(&idx);
    for (watch, keys) in &news {
        let matches = expected[watch].contains(&changed_key);
        let want: BTreeSet<String> = matches.then(|| changed_key.clone()).into_iter().collect();
        assert_eq!(keys, &want, "{watch}");
    }
    assert!(run(&idx).values().all(BTreeSet::is_empty));

    // The indexer with --watch killed at several moments: what it did not print for a change
    // the next run reports.
    let matching: Vec<&PathBuf> = held_back
        .iter()
        .filter(|p| {
            let stem = p.file_stem().unwrap().to_str().unwrap();
            expected["query"].iter().any(|k| k.contains(stem)) && stem != file.file_stem().unwrap()
        })
        .collect();
    let mut killed = 0;
    for (wait, file) in [40u64, 100, 180, 300].into_iter().zip(&matching) {
        change(file);
        let out = dir.path().join(format!("killed-{wait}.jsonl"));
        let mut child = bin()
            .args(["index", "-q", "--watch", "--json"])
            .arg(&corpus)
            .arg("--index")
            .arg(&idx)
            .stdout(std::fs::File::create(&out).unwrap())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        // A killed run may have printed some watches' news whole, and never moved a watch
        // whose news it did not.
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for line in std::fs::read_to_string(&out).unwrap().lines() {
            if let Ok(v) = serde_json::from_str::<Value>(line) {
                if v["watch"] == "query" {
                    seen.extend(hit_keys(&v));
                }
            }
        }
        // The killed indexer may not have committed: then the next one does.
        index(&idx, &[&corpus]);
        seen.extend(run(&idx)["query"].clone());
        let key = file.file_stem().unwrap().to_str().unwrap().to_string();
        assert_eq!(seen, BTreeSet::from([key]), "killed after {wait} ms");
    }
    println!("the indexer was killed {killed} times of 4");
}
