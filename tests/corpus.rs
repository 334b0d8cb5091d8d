//! Checks against the real corpus in `../shared/corpus`. They are `#[ignore]`d so that
//! `cargo test` passes on a fresh clone without it; `.ci/run` runs them with `--ignored`, and
//! there they fail loudly if the corpus is missing.

use std::path::{Path, PathBuf};

use kamerzoek::normalize::Lexicon;
use kamerzoek::read::read_file;
use kamerzoek::Document;

fn corpus(sub: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(sub);
    assert!(
        dir.is_dir(),
        "the shared corpus is missing: {} does not exist",
        dir.display()
    );
    dir
}

/// Every motie: the id equals the file name, the date equals `datum/@isodatum` where the file
/// has one, the dossier is the id's, and the type is a motie.
#[test]
#[ignore = "needs ../shared/corpus"]
fn every_motie_gets_its_id_date_dossier_and_type() {
    let dir = corpus("moties-xml/xml");
    let date_re = regex::Regex::new(r#"isodatum="(\d{4}-\d{2}-\d{2})""#).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 8041, "corpus/README.md says 8,041 moties");
    let lexicon = Lexicon::default();
    let mut wrong = Vec::new();
    let mut with_date = 0;
    for path in &files {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let raw_xml = std::fs::read_to_string(path).unwrap();
        let doc = Document::from_raw(read_file(path).unwrap().remove(0), &lexicon);
        let m = &doc.meta;
        let id = m.id.as_ref().map(ToString::to_string);
        if id.as_deref() != Some(stem) {
            wrong.push(format!("{stem}: id {id:?}"));
            continue;
        }
        if let Some(want) = date_re.captures(&raw_xml).map(|c| c[1].to_string()) {
            with_date += 1;
            if m.date.map(|d| d.to_string()) != Some(want.clone()) {
                wrong.push(format!("{stem}: date {:?}, want {want}", m.date));
            }
        }
        let dossier = m.id.as_ref().unwrap().dossier_key();
        if m.dossier.as_deref() != Some(dossier.as_str()) {
            wrong.push(format!("{stem}: dossier {:?}, want {dossier}", m.dossier));
        }
        if !matches!(m.doc_type.as_deref(), Some("motie" | "gewijzigde motie")) {
            wrong.push(format!("{stem}: type {:?}", m.doc_type));
        }
        if doc.paragraphs.is_empty() {
            wrong.push(format!("{stem}: no text"));
        }
    }
    assert_eq!(
        with_date,
        8041 - 17,
        "corpus/README.md: 17 files lack datum/@isodatum"
    );
    assert!(
        wrong.is_empty(),
        "{} of {} moties wrong:\n{}",
        wrong.len(),
        files.len(),
        wrong.join("\n")
    );
}

/// The Staten-Generaal Digitaal OCR: how many soft hyphens and in-word hyphens ("economi-sche")
/// the normalizer resolved, with twenty changes drawn at random (fixed seed) to judge by hand.
/// Run with `--nocapture` to read the report.
#[test]
#[ignore = "needs ../shared/corpus"]
fn sgd_ocr_hyphens_report() {
    let dir = corpus("sgd-ocr-jsonl/jsonl");
    let mut contents = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        for line in std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            contents.push(v["Content"].as_str().unwrap_or_default().to_string());
        }
    }
    assert_eq!(
        contents.len(),
        5023,
        "corpus/README.md says 5,023 SGD documents"
    );
    let mut lexicon = Lexicon::default();
    for c in &contents {
        lexicon.add_text(&kamerzoek::normalize::normalize_chars(c));
    }
    let inword = regex::Regex::new(r"\b(\p{Ll}+)-(\p{Ll}+)\b").unwrap();
    let (mut soft_before, mut soft_after, mut hyph_before, mut hyph_after) = (0, 0, 0, 0);
    let mut changes: Vec<(String, String)> = Vec::new();
    for raw in &contents {
        let clean = kamerzoek::normalize::normalize(raw, &lexicon).text();
        soft_before += raw.matches('\u{AD}').count();
        soft_after += clean.matches('\u{AD}').count();
        let chars = kamerzoek::normalize::normalize_chars(raw);
        let found: Vec<(String, String)> = inword
            .captures_iter(&chars)
            .map(|c| (c[0].to_string(), format!("{}{}", &c[1], &c[2])))
            .collect();
        hyph_before += found.len();
        hyph_after += inword.find_iter(&clean).count();
        for (hyphenated, joined) in found {
            if !clean.contains(&hyphenated) && clean.contains(&joined) {
                changes.push((hyphenated, joined));
            }
        }
    }
    println!("SGD OCR: {} documents", contents.len());
    println!("soft hyphens: {soft_before} in the OCR text, {soft_after} left");
    println!(
        "in-word hyphens (lowercase-lowercase): {hyph_before} in the OCR text, {hyph_after} left, {} resolved ({:.1}%)",
        hyph_before - hyph_after,
        100.0 * (hyph_before - hyph_after) as f64 / hyph_before.max(1) as f64
    );
    changes.sort();
    changes.dedup();
    let mut seed: u64 = 20261128;
    println!(
        "twenty of {} distinct changes, drawn at random:",
        changes.len()
    );
    for _ in 0..20.min(changes.len()) {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let (h, j) = &changes[(seed >> 33) as usize % changes.len()];
        println!("  {h} -> {j}");
    }
    assert_eq!(soft_after, 0, "soft hyphens left in the clean text");
    assert!(
        hyph_before - hyph_after > hyph_before / 2,
        "fewer than half the in-word hyphens resolved"
    );
}

/// The damaged Handelingen (double-encoded BOM, UTF-8 read as Latin-1, lower-cased tags) are
/// read, repaired and findable: "Kröger" finds them and no "Ã" is left in their text.
#[test]
#[ignore = "needs ../shared/corpus"]
fn damaged_handelingen_are_repaired_and_found() {
    let dir = corpus("handelingen-2018-damaged-xml/xml");
    let index = kamerzoek::Index::create_in_ram().unwrap();
    let report = index.index_paths(&[&dir], &Default::default()).unwrap();
    assert_eq!(report.documents, 14, "{:?}", report.skipped);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    for doc in index.documents().unwrap() {
        let doc = doc.unwrap();
        assert!(
            !doc.text.contains('Ã'),
            "{}: mojibake left",
            doc.path.display()
        );
        assert!(
            doc.id
                .as_deref()
                .is_some_and(|id| id.starts_with("h-tk-20172018-70-")),
            "{:?}",
            doc.id
        );
    }
    let hits = index
        .search(
            "Kröger",
            &kamerzoek::SearchOptions {
                limit: 20,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(hits.total >= 3, "Kröger found in {} documents", hits.total);
    assert!(hits.hits[0].text.contains("Kröger"));
}

/// `kamerzoek index ../shared/corpus`: every folder, with the counts corpus/README.md gives;
/// the Staten-Generaal documents with the share of ids and dates their headers gave; and a
/// second run over the unchanged corpus that reads nothing. Run with `--nocapture` for the
/// report (the times are printed, not asserted: machines are shared and noisy).
#[test]
#[ignore = "needs ../shared/corpus"]
fn the_whole_corpus_with_the_readme_counts_and_a_second_run_that_reads_nothing() {
    let root = corpus("");
    let dir = tempfile::tempdir().unwrap();
    let index = kamerzoek::Index::open_or_create(dir.path().join("idx")).unwrap();
    let report = index.index_paths(&[&root], &Default::default()).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    // Five index.tsv files and the README.
    assert_eq!(report.ignored.len(), 6, "{:?}", report.ignored);
    let pdfs = kamerzoek::read::pdftotext_available();
    // The besluitenlijsten come as PDF and as pdftotext's .txt: one document each.
    assert_eq!(
        report.duplicates.len(),
        if pdfs { 4 } else { 0 },
        "{:?}",
        report.duplicates
    );
    assert_eq!(report.documents, 13_096, "8,041 + 5,023 + 14 + 14 + 4");

    let mut per_folder: std::collections::BTreeMap<String, usize> = Default::default();
    let (mut sgd, mut sgd_id, mut sgd_date) = (0usize, 0usize, 0usize);
    for doc in index.documents().unwrap() {
        let doc = doc.unwrap();
        let rel = std::fs::canonicalize(&doc.path)
            .unwrap_or(doc.path.clone())
            .strip_prefix(std::fs::canonicalize(&root).unwrap())
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        let folder = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        if folder == "sgd-ocr-jsonl" {
            sgd += 1;
            assert!(doc.sgd_id.is_some(), "{}: no SGD id", doc.key);
            sgd_id += usize::from(doc.id.is_some());
            sgd_date += usize::from(doc.date.is_some());
        }
        if folder == "vlos-xml" {
            assert!(
                doc.date.is_some() && doc.title.is_some() && !doc.speakers.is_empty(),
                "{}: a meeting report without date, title or speakers",
                doc.path.display()
            );
            // A committee's report is a verslag, a plenary one becomes the Handelingen.
            assert!(
                matches!(doc.doc_type.as_deref(), Some("verslag" | "handelingen")),
                "{}: {:?}",
                doc.path.display(),
                doc.doc_type
            );
        }
        if folder == "handelingen-2018-damaged-xml" {
            assert!(
                !doc.text.contains('Ã'),
                "{}: mojibake left",
                doc.path.display()
            );
        }
        *per_folder.entry(folder).or_default() += 1;
    }
    let want: std::collections::BTreeMap<String, usize> = [
        ("besluitenlijsten-pdf", 4),
        ("handelingen-2018-damaged-xml", 14),
        ("moties-xml", 8041),
        ("sgd-ocr-jsonl", 5023),
        ("vlos-xml", 14),
    ]
    .into_iter()
    .map(|(f, n)| (f.to_string(), n))
    .collect();
    assert_eq!(per_folder, want);
    let (id_share, date_share) = (sgd_id as f64 / sgd as f64, sgd_date as f64 / sgd as f64);
    println!(
        "first run: {} documents from {} files in {:.2} s",
        report.documents, report.files, report.seconds
    );
    println!(
        "Staten-Generaal Digitaal: {sgd} documents, {sgd_id} with a Kamerstuk id ({:.1}%), {sgd_date} with a date ({:.1}%)",
        100.0 * id_share,
        100.0 * date_share
    );
    // Floors just under what the headers give now, as regression guards.
    assert!(id_share >= 0.37, "SGD id share fell to {id_share:.3}");
    assert!(date_share >= 0.38, "SGD date share fell to {date_share:.3}");

    let again = index.index_paths(&[&root], &Default::default()).unwrap();
    println!(
        "second run: {} unchanged files in {:.2} s ({:.0}x faster)",
        again.unchanged,
        again.seconds,
        report.seconds / again.seconds.max(1e-9)
    );
    assert_eq!(again.unchanged, report.files);
    assert_eq!(
        (again.added, again.changed, again.removed, again.documents),
        (0, 0, 0, 0)
    );
    assert_eq!(index.stats().unwrap().documents, 13_096);
    search_and_show_give_the_same_citation(&index);
}

/// `search` and `show` print the same citation for every document: each is searched for by
/// its Kamerstuk id, or else by a phrase of its own text, and every hit on the way is held
/// against the document `show` gives.
fn search_and_show_give_the_same_citation(index: &kamerzoek::Index) {
    use std::collections::{HashMap, HashSet};
    let documents: HashMap<String, kamerzoek::index::StoredDocument> = index
        .documents()
        .unwrap()
        .map(|d| d.unwrap())
        .map(|d| (d.key.clone(), d))
        .collect();
    let mut keys: Vec<&String> = documents.keys().collect();
    keys.sort();
    let options = kamerzoek::SearchOptions {
        limit: 50,
        ..Default::default()
    };
    let (mut seen, mut hits, mut cited) = (HashSet::new(), 0usize, 0usize);
    let mut wordless = HashSet::new();
    for key in keys {
        let doc = &documents[key];
        let by_id = doc
            .id
            .clone()
            .filter(|id| kamerzoek::KamerstukId::parse(id).is_some());
        // Else ten words in a row from the middle of its longest paragraphs: few documents
        // share them (the first words of a scan are often a formula).
        let mut paragraphs: Vec<&str> = doc.text.split("\n\n").collect();
        paragraphs.sort_by_key(|p| std::cmp::Reverse(p.len()));
        // Words run together by OCR are too long to be indexed: a phrase is a run of words
        // of ordinary length.
        let phrases = paragraphs.into_iter().take(3).filter_map(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            let middle = words.len().saturating_sub(10) / 2;
            let run: Vec<&str> = words[middle..]
                .iter()
                .skip_while(|w| w.len() > 30)
                .take_while(|w| w.len() <= 30)
                .take(10)
                .copied()
                .collect();
            let phrase = run.join(" ").replace('"', " ");
            (run.len() >= 4 && phrase.chars().filter(|c| c.is_alphanumeric()).count() >= 8)
                .then(|| format!("\"{phrase}\""))
        });
        let queries: Vec<String> = by_id.into_iter().chain(phrases).collect();
        if queries.is_empty() {
            wordless.insert(key);
        }
        for query in queries {
            if seen.contains(key) {
                break;
            }
            for hit in index.search(&query, &options).unwrap().hits {
                let shown = &documents[&hit.key];
                assert_eq!(
                    hit.citation, shown.citation,
                    "{}: search and show cite it differently",
                    hit.key
                );
                hits += 1;
                cited += usize::from(hit.citation.is_some());
                seen.insert(hit.key);
            }
        }
    }
    println!(
        "citations: {} of {} documents seen in {hits} hits ({cited} with a citation), \
         each as show cites it",
        seen.len(),
        documents.len()
    );
    // Only documents without an id or words to search for may be left unseen.
    let unseen: Vec<&String> = documents
        .keys()
        .filter(|k| !seen.contains(*k) && !wordless.contains(k))
        .collect();
    assert!(unseen.is_empty(), "{} unseen: {:?}", unseen.len(), unseen);
    assert!(
        wordless.len() <= 20,
        "{} documents without words",
        wordless.len()
    );
}

/// `export` and `index` are a round trip on every real document: the export of an index
/// built from the export is the export, key for key, field for field, text for text.
#[test]
#[ignore = "needs ../shared/corpus"]
fn the_export_of_the_whole_corpus_indexes_back_into_the_same_documents() {
    let root = corpus("");
    let work = tempfile::tempdir().unwrap();
    // Two indexes of the same documents hold them from different moments: those aside.
    let export = |index: &kamerzoek::Index| -> Vec<String> {
        let mut lines: Vec<String> = index
            .documents()
            .unwrap()
            .map(|d| {
                let mut d = d.unwrap();
                assert!(d.added.is_some() && d.changed.is_some(), "{}", d.key);
                (d.added, d.changed) = (None, None);
                serde_json::to_string(&d).unwrap()
            })
            .collect();
        lines.sort();
        lines
    };
    let first = kamerzoek::Index::open_or_create(work.path().join("a")).unwrap();
    first.index_paths(&[&root], &Default::default()).unwrap();
    let exported = export(&first);
    let file = work.path().join("export").join("corpus.jsonl");
    std::fs::create_dir(file.parent().unwrap()).unwrap();
    std::fs::write(&file, exported.join("\n") + "\n").unwrap();
    let second = kamerzoek::Index::open_or_create(work.path().join("b")).unwrap();
    let report = second.index_paths(&[&file], &Default::default()).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let again = export(&second);
    assert_eq!(again.len(), exported.len());
    // Both sorted: a document that changed is out of step at its place.
    let differ: Vec<&String> = again
        .iter()
        .zip(&exported)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a)
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} documents differ, the first: {}",
        differ.len(),
        again.len(),
        differ[0].chars().take(400).collect::<String>()
    );
}
