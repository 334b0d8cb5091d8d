//! Throughput of reading files (MB/s): decoding, parsing XML, JSON lines and HTML, and the
//! metadata the structure carries. Reading takes about a seventh of indexing, and the first
//! pass (the corpus's words) reads every file again for its text alone.
//!
//! The files are the sample corpus's, one of each format but PDF (which is pdftotext's
//! speed), each repeated in memory; known ids and counts are asserted so that a reader that
//! silently lost its documents fails the bench instead of flattering it.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kamerzoek::read::{read_bytes, read_text};

const FILES: &[(&str, &[u8])] = &[
    (
        "kst-33750-IV-16.xml",
        include_bytes!("../sample_corpus/kst-33750-IV-16.xml"),
    ),
    (
        "kst-36600-XVI-30.xml",
        include_bytes!("../sample_corpus/kst-36600-XVI-30.xml"),
    ),
    (
        "vlos-commissiedebat-mensenhandel-2025.xml",
        include_bytes!("../sample_corpus/vlos-commissiedebat-mensenhandel-2025.xml"),
    ),
    (
        "h-tk-20172018-71-3-damaged.xml",
        include_bytes!("../sample_corpus/h-tk-20172018-71-3-damaged.xml"),
    ),
    (
        "sgd-staten-generaal-digitaal.jsonl",
        include_bytes!("../sample_corpus/sgd-staten-generaal-digitaal.jsonl"),
    ),
    (
        "kst-36600-XVI-14.html",
        include_bytes!("../sample_corpus/kst-36600-XVI-14.html"),
    ),
    (
        "brief-huurbeleid-1998-windows1252.txt",
        include_bytes!("../sample_corpus/brief-huurbeleid-1998-windows1252.txt"),
    ),
];

/// Times each file is read per iteration: about 1 MB in all.
const ROUNDS: usize = 80;

fn read_all() -> usize {
    let mut docs = 0;
    for _ in 0..ROUNDS {
        for (name, bytes) in FILES {
            docs += read_bytes(Path::new(name), bytes).map_or(0, |d| d.len());
        }
    }
    docs
}

fn read_all_text() -> usize {
    let mut bytes_out = 0;
    for _ in 0..ROUNDS {
        for (name, bytes) in FILES {
            bytes_out += read_text(Path::new(name), bytes)
                .map_or(0, |texts| texts.iter().map(String::len).sum());
        }
    }
    bytes_out
}

fn bench(c: &mut Criterion) {
    let first = read_bytes(Path::new(FILES[0].0), FILES[0].1).expect("the motie reads");
    assert_eq!(
        first[0]
            .meta
            .id
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("kst-33750-IV-16"),
        "the XML's id was lost"
    );
    let per_round = read_all() / ROUNDS;
    assert!(per_round > FILES.len(), "documents were lost: {per_round}");
    let text: usize = FILES
        .iter()
        .map(|(name, bytes)| {
            let docs = read_bytes(Path::new(name), bytes).expect("every file reads");
            docs.iter().map(|d| d.text.len()).sum::<usize>()
        })
        .sum();
    assert_eq!(read_all_text(), text * ROUNDS, "the text alone differs");

    let bytes: usize = FILES.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("read");
    group.throughput(Throughput::Bytes((bytes * ROUNDS) as u64));
    group.sample_size(20);
    group.bench_function("text and metadata", |b| b.iter(read_all));
    group.bench_function("text alone", |b| b.iter(read_all_text));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
