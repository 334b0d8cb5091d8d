//! Search with filters and print passages with their highlights: the library side of
//! `kamerzoek search`.
//!
//! ```console
//! $ cargo run --example search_passages -- "mensenhandel Curacao"
//! ```

use kamerzoek::search::{excerpt, SearchOptions};
use kamerzoek::{Date, Index, KamerstukId, Sort};

fn main() -> Result<(), kamerzoek::Error> {
    let query = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "mensenhandel Curacao".to_string());
    let index = Index::create_in_ram()?;
    index.index_paths(&["sample_corpus"], &Default::default())?;

    // Typed filters instead of query syntax: letters (brief) from 2014 on, newest first.
    let options = SearchOptions {
        limit: 5,
        doc_type: Some("brief".to_string()),
        from: Some(Date::new(2014, 1, 1).expect("a real date")),
        sort: Sort::Date,
        ..SearchOptions::default()
    };
    let results = index.search(&query, &options)?;
    println!("{} letters match {query:?}", results.total);
    for hit in &results.hits {
        println!(
            "{}. {} {} {}",
            hit.rank,
            hit.id.as_deref().unwrap_or("(no id)"),
            hit.date.map(|d| d.to_string()).unwrap_or_default(),
            hit.title.as_deref().unwrap_or("")
        );
        // Highlights are byte ranges into the passage; `excerpt` cuts a window around them.
        let (text, marks) = excerpt(&hit.text, &hit.highlights, 200);
        let marked: Vec<&str> = marks.iter().map(|r| &text[r.clone()]).collect();
        println!(
            "   {text}\n   matched: {marked:?}\n   {}:{}",
            hit.path.display(),
            hit.line
        );
    }

    // Ids in any written form, and the documents that cite one.
    let id: KamerstukId = "33 750 IV, nr. 16".parse()?;
    println!(
        "\n{id} is cited as {:?} by:",
        id.citation(Some("2013-2014"))
    );
    for doc in index.cited_by(&id.to_string())? {
        println!(
            "   {} {}",
            doc.date.map(|d| d.to_string()).unwrap_or_default(),
            doc.path.display()
        );
    }
    Ok(())
}
