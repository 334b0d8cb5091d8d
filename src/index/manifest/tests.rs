//! Tests of the manifest: what a run records, and what a commit names.

use super::*;

fn source(path: &str, keys: &[&str], shadowed: &[&str]) -> SourceFile {
    SourceFile {
        path: PathBuf::from(path),
        stamp: Stamp {
            size: 10,
            mtime_ns: 5,
            sidecar: None,
        },
        hash: 7,
        documents: keys
            .iter()
            .map(|k| Written {
                key: (*k).into(),
                richness: 3,
                text_hash: hash_bytes(k.as_bytes()),
                content: 1,
                added: 2,
                changed: 2,
            })
            .collect(),
        shadowed: shadowed.iter().map(|k| (*k).into()).collect(),
    }
}

#[test]
fn a_run_replaces_removes_and_keeps_sources_and_the_commit_names_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = NextManifest::new(Manifest::default(), dir.path()).unwrap();
    for s in [
        source("/a/kst-1-2.xml", &["kst-1-2"], &[]),
        source("/a/kst-1-3.xml", &["kst-1-3"], &[]),
        source("/a/b.pdf", &[], &["kst-1-2"]),
    ] {
        first.put(s).unwrap();
    }
    // A source written twice in one run: the second version counts.
    first
        .put(source("/a/kst-1-3.xml", &["kst-1-3", "kst-1-4"], &[]))
        .unwrap();
    let (name, m) = first.finish().unwrap();
    assert_eq!(m.tables.paths.len(), 3);
    let loaded = Manifest::load(dir.path(), Some(&name)).unwrap();
    let got = loaded.get(Path::new("/a/kst-1-3.xml")).unwrap().unwrap();
    assert_eq!(got.documents.len(), 2);
    assert_eq!(
        loaded.with(Lookup::Key, key_id("kst-1-4")).unwrap()[0].path,
        got.path
    );
    assert!(loaded
        .with(Lookup::Key, key_id("kst-9-9"))
        .unwrap()
        .is_empty());
    let text = hash_bytes(b"kst-1-2");
    assert_eq!(
        loaded.with(Lookup::Text, text).unwrap()[0].path,
        Path::new("/a/kst-1-2.xml")
    );
    assert_eq!(
        loaded.shadowing(key_id("kst-1-2")).unwrap()[0].path,
        Path::new("/a/b.pdf")
    );
    assert!(loaded.get(Path::new("/a/other.xml")).unwrap().is_none());

    // The next run: one source changed, one gone, one untouched and copied.
    let mut second = NextManifest::new(loaded, dir.path()).unwrap();
    assert!(second.take(Path::new("/a/b.pdf")).unwrap().is_some());
    assert!(second.get(Path::new("/a/b.pdf")).unwrap().is_none());
    assert!(second.touched(Path::new("/a/b.pdf")));
    let mut changed = second.take(Path::new("/a/kst-1-2.xml")).unwrap().unwrap();
    changed.hash = 8;
    second.put(changed).unwrap();
    assert_eq!(
        second
            .get(Path::new("/a/kst-1-2.xml"))
            .unwrap()
            .unwrap()
            .hash,
        8
    );
    assert!(!second.touched(Path::new("/a/kst-1-3.xml")));
    let (name2, m2) = second.finish().unwrap();
    assert_eq!(m2.tables.paths.len(), 2);
    assert_eq!(
        m2.get(Path::new("/a/kst-1-2.xml")).unwrap().unwrap().hash,
        8
    );
    assert_eq!(
        m2.get(Path::new("/a/kst-1-3.xml"))
            .unwrap()
            .unwrap()
            .documents
            .len(),
        2
    );
    assert!(m2.get(Path::new("/a/b.pdf")).unwrap().is_none());
    let mut all: Vec<PathBuf> = m2.sources().map(|s| s.unwrap().path).collect();
    all.sort();
    assert_eq!(
        all,
        [
            PathBuf::from("/a/kst-1-2.xml"),
            PathBuf::from("/a/kst-1-3.xml")
        ]
    );

    Manifest::clean(dir.path(), &name2);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(dir.path().join(&name2).exists());
    assert!(!dir.path().join(&name).exists());
    assert!(Manifest::load(dir.path(), None)
        .unwrap()
        .tables
        .paths
        .is_empty());
}

#[test]
fn lookups_pass_by_the_records_of_sources_this_run_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = NextManifest::new(Manifest::default(), dir.path()).unwrap();
    first.put(source("/a/x.jsonl", &["k1", "k2"], &[])).unwrap();
    first.put(source("/a/y.txt", &["k3"], &[])).unwrap();
    let (name, _) = first.finish().unwrap();
    // The record of x.jsonl damaged in place: reading it would be an error.
    let records = dir.path().join(&name);
    let text = std::fs::read_to_string(&records).unwrap();
    let x_line = text.lines().find(|l| l.contains("x.jsonl")).unwrap();
    let damaged = text.replace(x_line, &"#".repeat(x_line.len()));
    std::fs::write(&records, damaged).unwrap();
    let base = Manifest::load(dir.path(), Some(&name)).unwrap();
    let mut next = NextManifest::new(base, dir.path()).unwrap();
    let (x, y) = (Path::new("/a/x.jsonl"), Path::new("/a/y.txt"));
    next.slot(x).unwrap();
    // Its own earlier record has the key: known from the tables alone.
    let held = next.base_with(Lookup::Key, key_id("k1"), x).unwrap();
    assert!(held.own && held.others.is_empty());
    // Another file asking: x.jsonl is this run's now, not the last commit's.
    let held = next.base_with(Lookup::Key, key_id("k2"), y).unwrap();
    assert!(!held.own && held.others.is_empty());
    let held = next.base_with(Lookup::Text, hash_bytes(b"k3"), x).unwrap();
    assert_eq!(held.others[0].path, y);
}

#[test]
fn damaged_tables_are_an_error_naming_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let mut next = NextManifest::new(Manifest::default(), dir.path()).unwrap();
    next.put(source("/a/x.txt", &["path:/a/x.txt"], &[]))
        .unwrap();
    let (name, _) = next.finish().unwrap();
    let tables = dir.path().join(&name).with_extension(TABLES);
    let bytes = std::fs::read(&tables).unwrap();
    std::fs::write(&tables, &bytes[..bytes.len() - 3]).unwrap();
    let err = Manifest::load(dir.path(), Some(&name)).unwrap_err();
    assert!(
        matches!(&err, Error::Damaged { path, .. } if *path == tables),
        "{err}"
    );
    assert!(err.to_string().contains("damaged"), "{err}");
}
