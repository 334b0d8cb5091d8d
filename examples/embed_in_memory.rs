//! Embed kamerzoek in a tool that holds its documents in memory (a newsroom bot, a web
//! service): add texts with what you know about them, search from several threads.
//!
//! ```console
//! $ cargo run --example embed_in_memory
//! ```

use std::sync::Arc;

use kamerzoek::meta::Metadata;
use kamerzoek::search::SearchOptions;
use kamerzoek::{Date, Index, KamerstukId};

fn main() -> Result<(), kamerzoek::Error> {
    let index = Arc::new(Index::create_in_ram()?);

    // What the tool knows wins over what the text says; the rest is read from the text.
    let known = Metadata {
        id: Some(KamerstukId::parse("kst-36600-XVI-12").expect("a valid id")),
        date: Date::new(2024, 10, 1),
        ..Metadata::default()
    };
    let mut writer = index.writer()?;
    writer.add_text(
        "De Kamer,\n\nverzoekt de regering de regeldruk in de jeugd-\nzorg te halveren,\n\nen gaat over tot de orde van de dag.",
        "motie-regeldruk.txt",
        known,
    )?;
    // A text from the sample corpus, read from disk by the tool itself.
    let letter = std::fs::read_to_string("sample_corpus/000_4b49ee41d29ace67.txt")
        .map_err(kamerzoek::Error::from)?;
    writer.add_text(&letter, "brief-2015.txt", Metadata::default())?;
    writer.commit()?;

    // The index is Sync: search it from several threads at once.
    let handles: Vec<_> = ["jeugdzorg", "mensenhandel Curacao", "kst-36600-XVI-12"]
        .into_iter()
        .map(|q| {
            let index = Arc::clone(&index);
            std::thread::spawn(move || index.search(q, &SearchOptions::default()).map(|r| (q, r)))
        })
        .collect();
    for h in handles {
        let (q, results) = h.join().expect("search thread")?;
        let first = results.hits.first();
        println!(
            "{q:?}: {} document(s); first: {} {}",
            results.total,
            first
                .and_then(|h| h.id.clone())
                .unwrap_or_else(|| "(no id)".into()),
            first
                .map(|h| h.path.display().to_string())
                .unwrap_or_default()
        );
    }
    Ok(())
}
