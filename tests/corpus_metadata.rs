//! The metadata of the real documents in `../shared/corpus`, checked against what each document
//! says of itself: the publisher's citation links, the Handelingen's meeting, the besluitenlijsten,
//! the vergaderjaar of the scans. `#[ignore]`d like `tests/corpus.rs`; `.ci/run` runs them.

use std::path::{Path, PathBuf};

use kamerzoek::normalize::Lexicon;
use kamerzoek::read::read_file;
use kamerzoek::{Document, Index, KamerstukId};

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

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// Every `<extref doc="kst-...">` of every motie is in its `cites`; the written forms alone
/// (the text without the links) find most of them too; and `cited-by` answers from them.
#[test]
#[ignore = "needs ../shared/corpus"]
fn the_publishers_citation_links_are_in_cites() {
    let dir = corpus("moties-xml/xml");
    let link = regex::Regex::new(r#"<extref\b[^>]*\bdoc="(kst-[^"]+)""#).unwrap();
    let lexicon = Lexicon::default();
    let (mut moties, mut links, mut linked, mut written) = (0, 0, 0, 0);
    let (mut not_ids, mut missing) = (Vec::new(), Vec::new());
    for path in files_in(&dir, "xml") {
        let xml = std::fs::read_to_string(&path).unwrap();
        let wanted: Vec<&str> = link
            .captures_iter(&xml)
            .map(|c| c.get(1).unwrap().as_str())
            .collect();
        if wanted.is_empty() {
            continue;
        }
        moties += 1;
        let doc = Document::from_raw(read_file(&path).unwrap().remove(0), &lexicon);
        let cites: Vec<String> = doc.meta.cites.iter().map(ToString::to_string).collect();
        let from_text: Vec<String> = KamerstukId::find_citations(&doc.text())
            .iter()
            .map(ToString::to_string)
            .collect();
        for want in wanted {
            let Some(id) = KamerstukId::parse(want).map(|id| id.to_string()) else {
                not_ids.push(format!("{}: {want}", path.display()));
                continue;
            };
            if Some(&id) == doc.meta.id.as_ref().map(ToString::to_string).as_ref() {
                continue;
            }
            links += 1;
            linked += usize::from(cites.contains(&id));
            written += usize::from(from_text.contains(&id));
            if !cites.contains(&id) {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    println!(
        "{moties} moties with {links} links to Kamerstukken: {linked} in cites, {written} found in the written text alone; not Kamerstuk ids: {not_ids:?}"
    );
    assert!(moties >= 200, "corpus/README.md: about 201 moties link");
    assert!(
        linked as f64 >= 0.95 * links as f64,
        "{} of {links} links not in cites:\n{}",
        links - linked,
        missing.join("\n")
    );
    assert!(
        written as f64 >= 0.95 * links as f64,
        "the written forms alone find {written} of {links} links"
    );

    let index = Index::create_in_ram().unwrap();
    index.index_paths(&[&dir], &Default::default()).unwrap();
    let citing: Vec<String> = index
        .cited_by("kst-19637-3334")
        .unwrap()
        .into_iter()
        .filter_map(|d| d.id)
        .collect();
    assert!(
        citing.iter().any(|id| id == "kst-19637-3355"),
        "cited-by kst-19637-3334: {citing:?}"
    );
}

/// The Handelingen of 5 April 2018, one damaged file per agenda item: only the opening states
/// the date, and every item is dated, typed and titled by its sitting (`index.tsv` has the
/// publisher's titles, in the same broken encoding as the files).
#[test]
#[ignore = "needs ../shared/corpus"]
fn every_handelingen_item_has_its_sitting_date_type_and_title() {
    let dir = corpus("handelingen-2018-damaged-xml");
    let tsv = std::fs::read_to_string(dir.join("index.tsv")).unwrap();
    let index = Index::create_in_ram().unwrap();
    let report = index
        .index_paths(&[dir.join("xml")], &Default::default())
        .unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let mut items = 0;
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (id, titel) = (cols[1], cols[6]);
        let doc = index
            .get(id)
            .unwrap()
            .unwrap_or_else(|| panic!("{id} not indexed"));
        assert_eq!(
            doc.date.map(|d| d.to_string()).as_deref(),
            Some("2018-04-05"),
            "{id}"
        );
        assert_eq!(doc.doc_type.as_deref(), Some("handelingen"), "{id}");
        assert_eq!(doc.vergaderjaar.as_deref(), Some("2017-2018"), "{id}");
        let repaired = {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(titel);
            String::from_utf8(bytes.into_owned()).unwrap()
        };
        let title = doc.title.unwrap_or_default();
        if repaired.is_empty() {
            assert_eq!(title, "70e vergadering, Donderdag 5 april 2018", "{id}");
        } else {
            assert_eq!(title, repaired, "{id}");
        }
        items += 1;
    }
    assert_eq!(items, 14);
}

/// Every besluitenlijst, from its PDF and from pdftotext's `.txt`, is typed and titled by its
/// own title line, dated by "Den Haag, …" and sent by its voortouwcommissie (`index.tsv`).
#[test]
#[ignore = "needs ../shared/corpus"]
fn every_besluitenlijst_is_typed_titled_and_dated() {
    let dir = corpus("besluitenlijsten-pdf");
    let tsv = std::fs::read_to_string(dir.join("index.tsv")).unwrap();
    let lexicon = Lexicon::default();
    let year_at_end = regex::Regex::new(r"^Besluitenlijst van de .+ \d{1,2} \w+ \d{4}$").unwrap();
    let mut lists = 0;
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (date, committee) = (kamerzoek::meta::Date::find_dutch(cols[5]), cols[6]);
        for file in [cols[0], cols[1]] {
            let doc = Document::from_raw(read_file(&dir.join(file)).unwrap().remove(0), &lexicon);
            let m = &doc.meta;
            assert_eq!(m.doc_type.as_deref(), Some("besluitenlijst"), "{file}");
            let title = m.title.as_deref().unwrap_or_default();
            assert!(year_at_end.is_match(title), "{file}: title {title:?}");
            assert_eq!(m.date, date, "{file}");
            assert_eq!(m.afzender.as_deref(), Some(committee), "{file}");
            lists += 1;
        }
    }
    assert_eq!(lists, 8);
}

/// No word of the scans and of pdftotext's besluitenlijsten glued across a line-end or soft
/// hyphen before a capital ("Noord-" / "Holland", "Nederlandsch\u{AD}Indië"), with the lexicon
/// of all of them as indexing builds it: a glued form that the clean text has and the source
/// text never wrote is invented.
#[test]
#[ignore = "needs ../shared/corpus"]
fn a_capital_after_a_line_end_hyphen_keeps_it_in_every_scan() {
    let mut files = files_in(&corpus("sgd-ocr-jsonl/jsonl"), "jsonl");
    files.extend(files_in(&corpus("besluitenlijsten-pdf/txt"), "txt"));
    let raws: Vec<_> = files.iter().flat_map(|p| read_file(p).unwrap()).collect();
    let mut lexicon = Lexicon::default();
    for raw in &raws {
        lexicon.add_text(&raw.text);
    }
    let broken =
        regex::Regex::new(r"(\p{L}*\p{Ll})(?:-[ \t]*\r?\n|\x{AD}[ \t]*\r?\n?)[ \t]*(\p{Lu}\p{L}*)")
            .unwrap();
    let (mut breaks, mut invented) = (0, Vec::new());
    for raw in raws {
        let ocr = raw.text.clone();
        let clean = Document::from_raw(raw, &lexicon).text();
        for c in broken.captures_iter(&ocr) {
            breaks += 1;
            let glued = format!("{}{}", &c[1], &c[2]);
            if clean.contains(&glued) && !ocr.contains(&glued) {
                invented.push(glued);
            }
        }
    }
    println!("{breaks} line-end and soft hyphens before a capital");
    assert!(breaks > 100, "only {breaks} breaks before a capital found");
    assert!(invented.is_empty(), "glued: {invented:?}");
}

/// The scans are dated by what they say of themselves: every date falls in the vergaderjaar,
/// each conflict found is reported with the source that won, the dates the issue names are
/// right, and the first date `stats` gives is one its document really states.
#[test]
#[ignore = "needs ../shared/corpus"]
fn every_scan_is_dated_within_its_vergaderjaar_or_the_conflict_is_reported() {
    let dir = corpus("sgd-ocr-jsonl/jsonl");
    let index = Index::create_in_ram().unwrap();
    let report = index.index_paths(&[&dir], &Default::default()).unwrap();
    let settled: Vec<&str> = report
        .warnings
        .iter()
        .map(|w| w.reason.as_str())
        .filter(|r| r.contains(": date "))
        .collect();
    let outside = settled
        .iter()
        .filter(|r| r.contains("outside vergaderjaar"))
        .count();
    println!(
        "{} dates settled, {outside} of them outside the vergaderjaar",
        settled.len()
    );
    // 63 scans had a header or text date outside their vergaderjaar; some are settled first
    // as dates the text quotes.
    assert!(settled.len() >= 63 && outside > 0, "{settled:?}");
    assert!(settled
        .iter()
        .all(|r| r.contains("took ") || r.contains("won") || r.contains("no date kept")));

    let mut wrong = Vec::new();
    for doc in index.documents().unwrap() {
        let doc = doc.unwrap();
        let (Some(date), Some(year)) = (doc.date, doc.vergaderjaar.as_deref()) else {
            continue;
        };
        let (a, b) = year.split_once('-').unwrap();
        let years = a.parse::<u16>().unwrap()..=b.parse::<u16>().unwrap();
        if !years.contains(&date.year()) {
            wrong.push(format!("{}: {date} in {year}", doc.key));
        }
    }
    assert!(
        wrong.is_empty(),
        "dated outside the vergaderjaar: {wrong:?}"
    );

    let date_of = |id: &str| {
        index
            .get(id)
            .unwrap()
            .and_then(|d| d.date)
            .map(|d| d.to_string())
    };
    // Signed "Soestdijk, 26 februari 1959"; the header quotes "de wet van 14 juni 1918".
    assert_eq!(date_of("kst-5446-1").as_deref(), Some("1959-02-26"));
    // Quotes "de wet van 12 December 1802" (for 1892) and is from 1902.
    assert!(date_of("kst-181-1").is_none_or(|d| d.starts_with("190")));

    let (first, _) = index.stats().unwrap().date_range.unwrap();
    assert!(first.year() >= kamerzoek::meta::FIRST_YEAR);
    let doc = index
        .documents()
        .unwrap()
        .map(Result::unwrap)
        .find(|d| d.date == Some(first))
        .unwrap();
    let stated = kamerzoek::meta::Date::find_all_dutch(&doc.text).any(|(_, d)| d == first);
    assert!(stated, "{}: {first} is not in its text", doc.key);
}

/// Every motie names who submitted it, from the publisher's metadata or from its title;
/// `indiener:kröger` finds hers, and only hers.
#[test]
#[ignore = "needs ../shared/corpus"]
fn the_submitters_of_the_moties_are_known() {
    let dir = corpus("moties-xml/xml");
    let index = Index::create_in_ram().unwrap();
    index.index_paths(&[&dir], &Default::default()).unwrap();
    let (mut moties, mut unknown) = (0, Vec::new());
    for doc in index.documents().unwrap() {
        let doc = doc.unwrap();
        moties += 1;
        if doc.indieners.is_empty() {
            unknown.push(format!("{}: {:?}", doc.key, doc.title));
        }
    }
    println!(
        "{} of {moties} moties without indieners: {unknown:?}",
        unknown.len()
    );
    assert_eq!(moties, 8041);
    assert!(unknown.len() * 100 <= moties, "{unknown:?}");

    let opts = kamerzoek::search::SearchOptions {
        limit: 1000,
        ..Default::default()
    };
    let found = index.search("indiener:kröger", &opts).unwrap();
    assert!(found.total > 50, "{} moties by Kröger", found.total);
    for hit in &found.hits {
        let doc = index.get(&hit.key).unwrap().unwrap();
        assert!(
            doc.indieners.iter().any(|n| n == "Kröger"),
            "{:?}",
            doc.indieners
        );
    }
}

/// The written questions of the Aanhangsel van de Handelingen are typed, titled by their
/// heading, dated by the day they were handed in, and know who asked them and for which party
/// where the heading says it; `partij:` finds them.
#[test]
#[ignore = "needs ../shared/corpus"]
fn the_aanhangsel_s_questions_know_who_asked_them() {
    let dir = corpus("sgd-ocr-jsonl/jsonl");
    let index = Index::create_in_ram().unwrap();
    index.index_paths(&[&dir], &Default::default()).unwrap();
    let (mut pages, mut typed, mut dated, mut asked, mut with_party) = (0, 0, 0, 0, 0);
    let mut untyped = Vec::new();
    for doc in index.documents().unwrap() {
        let doc = doc.unwrap();
        let head: String = doc.text.chars().take(400).collect();
        if !head.contains("Aanhangsel van de Handelingen") {
            continue;
        }
        pages += 1;
        if doc.doc_type.as_deref() != Some("schriftelijke vragen") {
            untyped.push(doc.key);
            continue;
        }
        typed += 1;
        dated += usize::from(doc.date.is_some());
        asked += usize::from(!doc.indieners.is_empty());
        let title = doc.title.unwrap();
        // A party in the heading is a party of the document; none is invented.
        assert_eq!(
            doc.parties.is_empty(),
            !title.contains(')'),
            "{}: {title} / {:?}",
            doc.key,
            doc.parties
        );
        with_party += usize::from(!doc.parties.is_empty());
    }
    println!(
        "{pages} pages of the Aanhangsel: {typed} typed, {dated} dated, {asked} with indieners, \
         {with_party} with parties; not typed: {untyped:?}"
    );
    // The pages left are OCR that lost the heading or its "over".
    assert!(
        pages >= 270 && typed * 100 >= pages * 95,
        "{typed} of {pages}"
    );
    assert!(asked == typed && dated * 100 >= typed * 90);

    let doc = index.get("sgd:0000011416").unwrap().unwrap();
    assert_eq!(doc.indieners, ["Krajenbrink", "Vreugdenhil"]);
    assert_eq!(doc.parties, ["CDA"]);
    assert_eq!(doc.date.unwrap().to_string(), "1992-11-02");
    let options = kamerzoek::search::SearchOptions {
        limit: 1000,
        ..Default::default()
    };
    let found = index
        .search(
            r#"partij:cda type:"schriftelijke vragen" speelautomaten"#,
            &options,
        )
        .unwrap();
    assert!(found.hits.iter().any(|h| h.key == "sgd:0000011416"));
}
