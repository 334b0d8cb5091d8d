//! Indexing throughput and query latency on a generated corpus: the sample corpus's documents
//! replicated with distinct Kamerstuk ids, indexed in memory.
//!
//! Known counts are asserted (documents indexed, documents matched) so that a silent breakage
//! fails loudly.

use std::path::PathBuf;

mod common;

use common::TEXTS;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kamerzoek::meta::Metadata;
use kamerzoek::normalize::Lexicon;
use kamerzoek::search::SearchOptions;
use kamerzoek::{Document, Index, KamerstukId};

const COPIES: u32 = 400;

fn documents() -> Vec<Document> {
    let lexicon = Lexicon::default();
    let mut docs = Vec::new();
    for copy in 0..COPIES {
        for (i, text) in TEXTS.iter().enumerate() {
            let meta = Metadata {
                id: Some(KamerstukId::new(30000 + copy, None, &(i + 1).to_string())),
                ..Metadata::default()
            };
            docs.push(Document::from_text(
                text,
                PathBuf::from(format!("gen/{copy}-{i}.txt")),
                meta,
                &lexicon,
            ));
        }
    }
    docs
}

fn build(docs: &[Document]) -> Index {
    let index = Index::create_in_ram().unwrap();
    let mut writer = index.writer().unwrap();
    for d in docs {
        writer.add(d).unwrap();
    }
    writer.commit().unwrap();
    index
}

fn bench(c: &mut Criterion) {
    let docs = documents();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();

    let mut group = c.benchmark_group("index");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("2000 documents in memory", |b| b.iter(|| build(&docs)));
    group.finish();

    let index = build(&docs);
    assert_eq!(index.stats().unwrap().documents, docs.len());
    let opts = SearchOptions::default();
    let cases: &[(&str, &str, usize)] = &[
        ("word", "mensenhandel", 2 * COPIES as usize),
        ("two words", "mensenhandel Curacao", 2 * COPIES as usize),
        ("phrase", "\"ten opzichte van\"", COPIES as usize),
        ("filtered", "mensenhandel type:brief", 2 * COPIES as usize),
        (
            "long",
            "de regering verzoekt om de regeldruk in de zorg te halveren en de Kamer te informeren",
            5 * COPIES as usize,
        ),
        ("id", "kst-30123-2", 1),
    ];
    let mut group = c.benchmark_group("query");
    for (name, query, total) in cases {
        assert_eq!(index.search(query, &opts).unwrap().total, *total, "{query}");
        group.bench_function(*name, |b| b.iter(|| index.search(query, &opts).unwrap()));
    }
    group.finish();

    // What a hit costs beyond ranking: the passage marked for the query's words.
    let passage = index
        .search("mensenhandel Curacao", &opts)
        .unwrap()
        .hits
        .remove(0)
        .text;
    let mut group = c.benchmark_group("passage");
    group.throughput(Throughput::Bytes(passage.len() as u64));
    let mut marker = kamerzoek::search::Highlighter::new(["mensenhandel", "Curacao"], []);
    assert_eq!(marker.ranges(&passage).len(), 2, "{passage}");
    group.bench_function("highlight", |b| b.iter(|| marker.ranges(&passage)));
    group.bench_function("highlighter for a query", |b| {
        b.iter(|| kamerzoek::search::Highlighter::new(["mensenhandel", "Curacao"], []))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
