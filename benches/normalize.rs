//! Throughput of the normalization pipeline (MB/s) on PDF-like Dutch text.
//!
//! The text is the sample corpus's PDF text, repeated to about 1 MB; known counts in the output
//! are asserted so that a pipeline that silently stopped working fails the bench instead of
//! flattering it.

mod common;

use common::TEXTS;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kamerzoek::normalize::{normalize, Lexicon};

fn corpus() -> String {
    let one: String = TEXTS.join("\n\n");
    one.repeat((1_000_000 / one.len()).max(1))
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let mut lexicon = Lexicon::default();
    lexicon.add_text(&text);
    // Every copy of the seed letter must come out with its broken words whole.
    let copies = 1_000_000 / TEXTS.join("\n\n").len();
    let clean = normalize(&text, &lexicon).text();
    assert_eq!(
        clean.matches("ten opzichte van").count(),
        copies,
        "dehyphenation broke"
    );
    assert_eq!(
        clean.matches("Pagina 1 van").count(),
        0,
        "page furniture came through"
    );

    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("pipeline", |b| b.iter(|| normalize(&text, &lexicon)));
    group.bench_function("lexicon", |b| {
        b.iter(|| {
            let mut l = Lexicon::default();
            l.add_text(&text);
            l
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
