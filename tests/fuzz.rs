//! Fuzzing for a fixed time: each reader and the query parser fed generated input until the
//! time is up, and a failure shrunk to its smallest form. Run by CI:
//!
//! ```text
//! FUZZ_SECONDS=20 cargo test --release --test fuzz -- --ignored
//! ```
//!
//! (The property tests run a fixed number of the same cases with every `cargo test`.)

use std::path::Path;
use std::time::{Duration, Instant};

use kamerzoek::normalize::Lexicon;
use kamerzoek::read::read_bytes;
use kamerzoek::search::parse_query;
use kamerzoek::Document;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// How long each target runs: `FUZZ_SECONDS`, or 10 seconds.
fn budget() -> Duration {
    let seconds = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    Duration::from_secs(seconds)
}

/// Runs `test` on inputs from `strategy` until the budget is spent; panics with the smallest
/// failing input if one fails.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) + Copy)
where
    S::Value: std::fmt::Debug,
{
    let started = Instant::now();
    let mut rounds = 0u64;
    while started.elapsed() < budget() {
        let mut runner = TestRunner::new(Config {
            cases: 256,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&strategy, |value| {
            test(value);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{name}: {e}");
        }
        rounds += 1;
    }
    eprintln!("{name}: {} cases in {:?}", rounds * 256, started.elapsed());
}

/// Bytes that begin like a file of the format, so that they reach past its first check.
fn file_of(opening: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let tail = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..4096),
        "\\PC{0,2000}".prop_map(String::into_bytes),
        prop::collection::vec(
            prop::sample::select(vec![
                "<",
                ">",
                "</",
                "=\"",
                "\"",
                "&amp;",
                "&#",
                ";",
                "<al>",
                "</al>",
                "\n",
                "-\n",
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "\"text\"",
                "\"Content\"",
                "\\u00",
                "Kröger",
                "\u{ad}",
                "ﬁ",
                "Nr. 12",
                "Vergaderjaar 2013–2014",
                "33 750 IV",
            ]),
            0..200
        )
        .prop_map(|v| v.concat().into_bytes()),
    ];
    tail.prop_map(move |tail| [opening.as_bytes(), &tail].concat())
}

/// Reads `bytes` as the file `name`: it must not panic, hang, or give a document that cannot
/// be made and keyed.
fn read(name: &str, bytes: &[u8]) {
    let started = Instant::now();
    if let Ok(docs) = read_bytes(Path::new(name), bytes) {
        assert!(!docs.is_empty());
        for raw in docs {
            let _ = Document::from_raw(raw, &Lexicon::default()).key();
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{name}: too slow"
    );
}

#[test]
#[ignore = "runs for FUZZ_SECONDS; CI runs it"]
fn fuzz_text() {
    fuzz("text", file_of(""), |b| read("a.txt", &b));
}

#[test]
#[ignore = "runs for FUZZ_SECONDS; CI runs it"]
fn fuzz_xml() {
    fuzz(
        "xml",
        file_of("<?xml version=\"1.0\"?><officiele-publicatie><kamerstuk>"),
        |b| read("kst-36600-XVI-12.xml", &b),
    );
}

#[test]
#[ignore = "runs for FUZZ_SECONDS; CI runs it"]
fn fuzz_vlos() {
    fuzz(
        "vlos",
        file_of("<?xml version=\"1.0\"?><vlosCoreDocument><vergadering soort=\"Plenair\">"),
        |b| read("a.xml", &b),
    );
}

#[test]
#[ignore = "runs for FUZZ_SECONDS; CI runs it"]
fn fuzz_html() {
    fuzz(
        "html",
        file_of("<!DOCTYPE html><html><head><meta name=\"DC.identifier\" content=\""),
        |b| read("a.html", &b),
    );
}

#[test]
#[ignore = "runs for FUZZ_SECONDS; CI runs it"]
fn fuzz_json_lines() {
    fuzz(
        "json",
        file_of("{\"key\": \"path:a\", \"id\": \"kst-33750-IV-16\", \"text\": \""),
        |b| read("a.jsonl", &b),
    );
}

#[test]
#[ignore = "runs for FUZZ_SECONDS; CI runs it"]
fn fuzz_pdf() {
    // Each case runs pdftotext: fewer cases in the time, each a damaged PDF.
    assert!(
        kamerzoek::read::pdftotext_available(),
        "fuzzing PDFs needs pdftotext (poppler-utils)"
    );
    fuzz(
        "pdf",
        file_of("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n"),
        |b| read("a.pdf", &b),
    );
}

#[test]
#[ignore = "runs for FUZZ_SECONDS; CI runs it"]
fn fuzz_utf16() {
    fuzz(
        "utf16",
        "\\PC{0,2000}".prop_map(|s| {
            [0xFF, 0xFE]
                .into_iter()
                .chain(s.encode_utf16().flat_map(u16::to_le_bytes))
                .collect::<Vec<u8>>()
        }),
        |b| read("a.xml", &b),
    );
}

#[test]
#[ignore = "runs for FUZZ_SECONDS; CI runs it"]
fn fuzz_query_parser() {
    let pieces = prop::collection::vec(
        prop_oneof![
            "\\PC{0,8}",
            prop::sample::select(vec![
                "\"",
                "-",
                "+",
                " ",
                "OR",
                "AND",
                "NOT",
                "(",
                ")",
                "*",
                "~",
                ":",
                "id:",
                "type:",
                "dossier:",
                "cites:",
                "kst-",
                "33 750 IV, nr. 16",
                "t.v.v.",
                "\u{ad}",
                "\u{200b}",
            ])
            .prop_map(str::to_string),
        ],
        0..30,
    )
    .prop_map(|v| v.concat());
    fuzz("query", pieces, |q| {
        let _ = parse_query(&q);
    });
}
