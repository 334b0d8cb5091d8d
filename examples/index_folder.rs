//! Index a folder and report what happened: the library side of `kamerzoek index`.
//!
//! ```console
//! $ cargo run --example index_folder -- sample_corpus
//! ```

use kamerzoek::index::{IndexOptions, Phase, Progress};
use kamerzoek::Index;

fn main() -> Result<(), kamerzoek::Error> {
    let folder = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sample_corpus".to_string());

    // An index on disk would be `Index::open_or_create("my-index")`; this one lives in memory.
    let index = Index::create_in_ram()?;

    // Progress arrives after every file, from the indexing threads; the library never prints.
    let progress = |p: Progress| {
        if p.phase == Phase::Indexing && p.files_done == p.files_total {
            eprintln!("indexed {} files ({} bytes)", p.files_total, p.bytes_total);
        }
    };
    let report = index.index_paths(
        &[&folder],
        &IndexOptions {
            progress: Some(&progress),
            ..IndexOptions::default()
        },
    )?;

    println!(
        "{} documents, {} passages in {:.2} s",
        report.documents, report.passages, report.seconds
    );
    for skipped in &report.skipped {
        println!("skipped {}: {}", skipped.path.display(), skipped.reason);
    }

    // Every document with what was found about it.
    for doc in index.documents()? {
        let doc = doc?;
        println!(
            "{:<18} {:<10} {:<16} {}",
            doc.id.as_deref().unwrap_or("(no id)"),
            doc.date.map(|d| d.to_string()).unwrap_or_default(),
            doc.doc_type.as_deref().unwrap_or(""),
            doc.path.display()
        );
    }
    Ok(())
}
