//! Plain tantivy, for the comparison in BENCHMARKS.md (not a tutorial): one document per line of
//! a JSON-lines file (`{"path", "text"}`, as `kamerzoek export` writes), tantivy's default
//! tokenizer, BM25, query terms ORed. Reports index time and per-query latency.
//!
//! ```console
//! $ cargo run --release --example plain_tantivy -- DOCS.jsonl QUERIES.txt INDEX_DIR
//! $ cargo run --release --example plain_tantivy -- --open QUERIES.txt INDEX_DIR  # queries only
//! ```

use std::io::BufRead;
use std::time::Instant;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Field, Schema, STORED, STRING, TEXT};
use tantivy::{doc, Index, IndexWriter};

fn main() -> tantivy::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, docs, queries, dir] = args.as_slice() else {
        eprintln!("usage: plain_tantivy DOCS.jsonl QUERIES.txt INDEX_DIR");
        eprintln!("       plain_tantivy --open QUERIES.txt INDEX_DIR");
        std::process::exit(2);
    };
    let (index, text) = if docs == "--open" {
        let index = Index::open_in_dir(dir)?;
        let text = index.schema().get_field("text")?;
        (index, text)
    } else {
        build(docs, dir)?
    };
    query(&index, text, queries)
}

/// Indexes the documents of `docs` into a new index in `dir`.
fn build(docs: &str, dir: &str) -> tantivy::Result<(Index, Field)> {
    let mut b = Schema::builder();
    let path = b.add_text_field("path", STRING | STORED);
    let text = b.add_text_field("text", TEXT);
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, b.build())?;

    let started = Instant::now();
    let mut writer: IndexWriter = index.writer(200_000_000)?;
    let file = std::io::BufReader::new(std::fs::File::open(docs)?);
    let mut n = 0;
    for line in file.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?).expect("a JSON line");
        writer.add_document(doc!(path => v["path"].as_str().unwrap_or(""), text => v["text"].as_str().unwrap_or("")))?;
        n += 1;
    }
    writer.commit()?;
    println!(
        "plain_tantivy index: docs={n} secs={:.2}",
        started.elapsed().as_secs_f64()
    );
    Ok((index, text))
}

/// Runs the queries of `queries`, one at a time, and reports their latency.
fn query(index: &Index, text: Field, queries: &str) -> tantivy::Result<()> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let parser = QueryParser::for_index(index, vec![text]);
    let mut times = Vec::new();
    for q in std::fs::read_to_string(queries)?.lines() {
        // Words only, ORed: the query syntax characters are not part of the comparison.
        let words: String = q
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let t = Instant::now();
        let query = parser.parse_query_lenient(&words).0;
        let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(top);
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        times
            .get(((times.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "plain_tantivy query: n={} p50_ms={:.3} p99_ms={:.3}",
        times.len(),
        pct(0.5),
        pct(0.99)
    );
    Ok(())
}
