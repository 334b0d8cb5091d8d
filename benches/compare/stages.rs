//! What kamerzoek's indexing costs before tantivy sees a token, for the comparison in
//! BENCHMARKS.md: the stages of a run over the same files, each on all cores, one after the
//! other. `read`: every file read and parsed into documents (XML, JSON lines, PDF text, plain
//! text); `lexicon`: the first pass, every file's text (read without metadata, as that pass
//! reads it) counted into a lexicon; `documents`: reading again, plus normalization, metadata
//! and paragraphs (`Document::from_raw`, with the lexicon the first pass made). The last two
//! together are what a run does before it hands documents to tantivy.
//!
//! ```console
//! $ cargo run --release --example stages -- CORPUS_DIR
//! $ cargo run --release --example stages    # on sample_corpus/
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use kamerzoek::normalize::{normalize_chars, Lexicon};
use kamerzoek::read::{file_bytes, read_source, read_text};
use kamerzoek::Document;
use rayon::prelude::*;

#[cfg(feature = "cli")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus"));
    let files = kamerzoek::walk::find_files(&[&root]).files;
    let bytes: u64 = files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "stages: {} files, {} MB, {} threads",
        files.len(),
        bytes >> 20,
        rayon::current_num_threads()
    );
    let documents = |path: &PathBuf| {
        file_bytes(path)
            .and_then(|b| read_source(path, &b))
            .unwrap_or_default()
    };

    let t = start();
    let read: usize = files.par_iter().map(|f| documents(f).len()).sum();
    report("read", t, read);

    let t = start();
    let lexicon = files
        .par_iter()
        .fold(Lexicon::default, |mut lexicon, f| {
            // As the first pass reads: the text alone, without metadata or sidecar.
            let texts = file_bytes(f).and_then(|b| read_text(f, &b));
            for text in texts.unwrap_or_default() {
                lexicon.add_text(&normalize_chars(&text));
            }
            lexicon
        })
        .reduce(Lexicon::default, |mut a, b| {
            a.merge(b);
            a
        });
    report("lexicon", t, lexicon.len());

    let t = start();
    let paragraphs: usize = files
        .par_iter()
        .map(|f| {
            documents(f)
                .into_iter()
                .map(|raw| Document::from_raw(raw, &lexicon).paragraphs.len())
                .sum::<usize>()
        })
        .sum();
    report("documents", t, paragraphs);
}

fn report(stage: &str, start: (Instant, Option<f64>), count: usize) {
    let cpu = match (start.1, cpu_seconds()) {
        (Some(from), Some(to)) => format!(", {:.2} s CPU", to - from),
        _ => String::new(),
    };
    println!(
        "stage {stage}: {:.2} s wall{cpu} ({count})",
        start.0.elapsed().as_secs_f64()
    );
}

fn start() -> (Instant, Option<f64>) {
    (Instant::now(), cpu_seconds())
}

/// The process's CPU time so far (user and system), where Linux tells it: fields 14 and 15 of
/// `/proc/self/stat`, in clock ticks of a hundredth of a second.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces; the fields after it do not.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    Some((ticks(11)? + ticks(12)?) / 100.0)
}
