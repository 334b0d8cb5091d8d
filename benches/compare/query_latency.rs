//! Query latency of kamerzoek, for the comparison in BENCHMARKS.md: every line
//! of QUERIES.txt searched in one process through the library, as `kamerzoek search` does it
//! (top 10 documents, their best passage loaded and highlighted, exact document counts).
//!
//! ```console
//! $ cargo run --release --example query_latency -- INDEX_DIR QUERIES.txt
//! $ cargo run --release --example query_latency    # on sample_corpus/
//! $ KZ_FACETS=year,type,dossier,indiener,partij cargo run --release --example query_latency -- INDEX_DIR QUERIES.txt
//! ```
//!
//! With `KZ_FACETS` each search also counts its matches by those facets, as
//! `kamerzoek search --facets` does.

use std::time::Instant;

use kamerzoek::{Index, SearchOptions};

#[path = "sample.rs"]
mod sample;

fn main() -> Result<(), kamerzoek::Error> {
    let (_sample, dir, queries) =
        sample::index_and_queries("query_latency [INDEX_DIR QUERIES.txt]")?;
    let index = Index::open(dir)?;
    let facets = match std::env::var("KZ_FACETS") {
        Ok(list) => kamerzoek::search::Facet::parse_list(&list)?,
        Err(_) => Vec::new(),
    };
    let label = match facets.is_empty() {
        true => "kamerzoek query",
        false => "kamerzoek facets query",
    };
    let options = SearchOptions {
        limit: 10,
        facets,
        ..Default::default()
    };
    let mut times = Vec::new();
    let mut hits = 0;
    for q in std::fs::read_to_string(queries)?.lines() {
        let t = Instant::now();
        // A query that does not parse costs its parse; it is timed like the rest.
        if let Ok(results) = index.search(q, &options) {
            hits += results.hits.len();
            std::hint::black_box(results);
        }
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        // KZ_SLOW=MS names the queries slower than that, to see what the tail is made of.
        if std::env::var("KZ_SLOW")
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .is_some_and(|slow| ms > slow)
        {
            eprintln!("{ms:.1} ms: {q}");
        }
        times.push(ms);
    }
    let (p50, p99) = sample::p50_p99(&mut times);
    println!(
        "{label}: n={} p50_ms={p50:.3} p99_ms={p99:.3} hits={hits}",
        times.len()
    );
    Ok(())
}
