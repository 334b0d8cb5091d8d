//! How closely the fast ranking follows scoring every match. Long queries, and
//! those with phrases or compounds, are ranked from candidates (see `src/search/strategy/`); this
//! searches each line of QUERIES.txt both ways on one index and reports the pages that differ:
//! a document of the exhaustive page missing from the fast one, or the same documents in
//! another order; and, of those, the pages that hold the same scores rank by rank (documents
//! that tie, such as the copies of one text in a replicated corpus, may stand in for each
//! other).
//!
//! ```console
//! $ cargo run --release --example ranking_fidelity -- INDEX_DIR QUERIES.txt
//! $ cargo run --release --example ranking_fidelity    # on sample_corpus/
//! ```

use std::collections::HashSet;

use kamerzoek::{Index, SearchOptions, SearchResults};

#[path = "sample.rs"]
mod sample;

fn main() -> Result<(), kamerzoek::Error> {
    let (_sample, dir, queries) =
        sample::index_and_queries("ranking_fidelity [INDEX_DIR QUERIES.txt]")?;
    let index = Index::open(dir)?;
    let options = SearchOptions::default();
    let (mut n, mut same, mut reordered, mut missing, mut lost, mut totals) = (0, 0, 0, 0, 0, 0);
    let mut same_scores = 0;
    for q in std::fs::read_to_string(queries)?.lines() {
        let (Ok(fast), Ok(every)) = (
            index.search(q, &options),
            index.search_scoring_every_match(q, &options),
        ) else {
            continue;
        };
        n += 1;
        // KZ_SHOW=1 prints both pages of every query that differs, with scores.
        let show = std::env::var_os("KZ_SHOW").is_some();
        if fast.total != every.total {
            totals += 1;
            eprintln!("total: {q}: {} against {}", fast.total, every.total);
        }
        let keys = |r: &SearchResults| r.hits.iter().map(|h| h.key.clone()).collect::<Vec<_>>();
        let (f, e) = (keys(&fast), keys(&every));
        if f == e {
            same += 1;
            continue;
        }
        // Scores equal to a thousandth tie (the search's own rule).
        let scores = |r: &SearchResults| {
            r.hits
                .iter()
                .map(|h| (f64::from(h.score) * 1000.0).round() as i64)
                .collect::<Vec<_>>()
        };
        if scores(&fast) == scores(&every) {
            same_scores += 1;
        }
        if show {
            for (name, r) in [("fast", &fast), ("every", &every)] {
                eprintln!("{name} {q} (total {})", r.total);
                for h in &r.hits {
                    eprintln!(
                        "  {} {} {:?} p{} {:?}",
                        h.rank, h.key, h.score, h.passage, h.date
                    );
                }
            }
        }
        let have: HashSet<&String> = f.iter().collect();
        let gone: Vec<_> = every
            .hits
            .iter()
            .filter(|h| !have.contains(&h.key))
            .collect();
        if gone.is_empty() {
            reordered += 1;
            eprintln!("order: {q}");
        } else {
            missing += 1;
            lost += gone.len();
            for h in gone {
                eprintln!(
                    "missing: {q} -> {} (rank {}, {:.2})",
                    h.key, h.rank, h.score
                );
            }
        }
    }
    println!(
        "ranking fidelity: queries={n} same_page={same} reordered={reordered} \
         missing_documents={missing} ({lost} documents) same_scores={same_scores} \
         totals_differ={totals}"
    );
    Ok(())
}
