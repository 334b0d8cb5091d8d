//! Plain tantivy, for the comparison in BENCHMARKS.md: one document per line of
//! a JSON-lines file (`{"path", "text"}`, as `kamerzoek export` writes), tantivy's default
//! tokenizer, BM25, query terms ORed. Reports index time and per-query latency.
//!
//! With `--floor`, the least that any search of kamerzoek's kind must do (a stemmed field for
//! Dutch and an unstemmed one with positions for phrases; a passage shown with its terms
//! highlighted), built from tantivy's own parts and nothing of kamerzoek: the text stored and
//! indexed with positions by the default tokenizer, the same text again through tantivy's
//! Dutch stemmer (frequencies only), the terms sought in both fields, and each of the 10 hits
//! loaded and highlighted by tantivy's `SnippetGenerator`. No passages, normalization,
//! metadata, compounds or exact counts: a floor under kamerzoek's cost, not a rival to it.
//!
//! With `--stored`, plain tantivy as it comes but with the text stored: the yardstick for
//! indexing speed of a search that shows what it found.
//!
//! ```console
//! $ cargo run --release --example plain_tantivy -- [--floor | --stored] DOCS.jsonl QUERIES.txt INDEX_DIR
//! $ cargo run --release --example plain_tantivy -- --open [--floor] QUERIES.txt INDEX_DIR  # queries only
//! $ cargo run --release --example plain_tantivy    # on sample_corpus/, both ways
//! ```

use std::io::BufRead;
use std::path::Path;
use std::time::Instant;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Query, QueryParser};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING, TEXT,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{doc, Index, IndexWriter, TantivyDocument, Term};

#[path = "sample.rs"]
mod sample;
use sample::Sample;

/// The tokenizer of the stemmed field in `--floor`.
const DUTCH: &str = "dutch";

fn main() -> tantivy::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        let sample =
            Sample::new().map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        let (docs, queries) = (sample.path("docs.jsonl"), sample.path("queries.txt"));
        for floor in [false, true] {
            let dir = sample.path(if floor { "floor" } else { "plain" });
            let index = build(&docs, &dir, floor, floor)?;
            query(&index, &queries, floor)?;
        }
        return Ok(());
    }
    let open = take(&mut args, "--open");
    let floor = take(&mut args, "--floor");
    let stored = floor || take(&mut args, "--stored");
    let (docs, queries, dir) = match (open, args.as_slice()) {
        (false, [docs, queries, dir]) => (Some(docs), queries, dir),
        (true, [queries, dir]) => (None, queries, dir),
        _ => {
            eprintln!("usage: plain_tantivy [--floor | --stored] DOCS.jsonl QUERIES.txt INDEX_DIR");
            eprintln!("       plain_tantivy --open [--floor] QUERIES.txt INDEX_DIR");
            std::process::exit(2);
        }
    };
    let index = match docs {
        Some(docs) => build(docs.as_ref(), dir.as_ref(), floor, stored)?,
        None => Index::open_in_dir(dir)?,
    };
    register(&index);
    query(&index, queries.as_ref(), floor)
}

/// Whether `flag` is among `args`, taken out of them.
fn take(args: &mut Vec<String>, flag: &str) -> bool {
    let before = args.len();
    args.retain(|a| a != flag);
    args.len() < before
}

/// Tantivy's Dutch stemming analyzer, by the name the `--floor` schema gives it.
fn register(index: &Index) {
    let dutch = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Dutch))
        .build();
    index.tokenizers().register(DUTCH, dutch);
}

/// Indexes the documents of `docs` into a new index in `dir`, with the text stored if `stored`.
fn build(docs: &Path, dir: &Path, floor: bool, stored: bool) -> tantivy::Result<Index> {
    let mut b = Schema::builder();
    let path = b.add_text_field("path", STRING | STORED);
    let text = b.add_text_field("text", if stored { TEXT | STORED } else { TEXT });
    let stemmed = floor.then(|| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(DUTCH)
            .set_index_option(IndexRecordOption::WithFreqs);
        b.add_text_field(
            "stemmed",
            TextOptions::default().set_indexing_options(indexing),
        )
    });
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, b.build())?;
    register(&index);

    let started = Instant::now();
    let mut writer: IndexWriter = index.writer(200_000_000)?;
    let file = std::io::BufReader::new(std::fs::File::open(docs)?);
    let mut n = 0;
    for line in file.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?).expect("a JSON line");
        let body = v["text"].as_str().unwrap_or("");
        let mut document = doc!(path => v["path"].as_str().unwrap_or(""), text => body);
        if let Some(stemmed) = stemmed {
            document.add_text(stemmed, body);
        }
        writer.add_document(document)?;
        n += 1;
    }
    writer.commit()?;
    println!(
        "plain_tantivy{} index: docs={n} secs={:.2}",
        match (floor, stored) {
            (true, _) => " --floor",
            (false, true) => " --stored",
            (false, false) => "",
        },
        started.elapsed().as_secs_f64()
    );
    Ok(index)
}

/// The words of `words` in each field, analyzed as that field is, as one flat union of terms:
/// the shape tantivy answers with block-max WAND. (The query parser makes each word a union of
/// its fields, a nesting that tantivy scores match by match.)
fn flat_union(analyzers: &mut [(Field, TextAnalyzer)], words: &str) -> Box<dyn Query> {
    let mut terms = Vec::new();
    for (field, analyzer) in analyzers {
        let mut stream = analyzer.token_stream(words);
        while let Some(token) = stream.next() {
            terms.push(Term::from_field_text(*field, &token.text));
        }
    }
    terms.sort();
    terms.dedup();
    Box::new(BooleanQuery::new_multiterms_query(terms))
}

/// Runs the queries of `queries`, one at a time, and reports their latency.
fn query(index: &Index, queries: &Path, floor: bool) -> tantivy::Result<()> {
    let schema = index.schema();
    let text = schema.get_field("text")?;
    let mut fields: Vec<Field> = vec![text];
    if floor {
        fields.push(schema.get_field("stemmed")?);
    }
    let mut analyzers = fields
        .iter()
        .map(|&field| Ok((field, index.tokenizer_for_field(field)?)))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let parser = QueryParser::for_index(index, fields);
    let mut times = Vec::new();
    for q in std::fs::read_to_string(queries)?.lines() {
        let words: String = q
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let t = Instant::now();
        // Words only, ORed: the query syntax characters are not part of the comparison.
        let query = if floor {
            flat_union(&mut analyzers, &words)
        } else {
            parser.parse_query_lenient(&words).0
        };
        let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
        if floor {
            let snippets = SnippetGenerator::create(&searcher, &*query, text)?;
            for (_, address) in &top {
                let document: TantivyDocument = searcher.doc(*address)?;
                std::hint::black_box(snippets.snippet_from_doc(&document).to_html());
            }
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(top);
    }
    let (p50, p99) = sample::p50_p99(&mut times);
    println!(
        "plain_tantivy{} query: n={} p50_ms={p50:.3} p99_ms={p99:.3}",
        if floor { " --floor" } else { "" },
        times.len()
    );
    Ok(())
}
