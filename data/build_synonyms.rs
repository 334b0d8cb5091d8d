//! Builds `data/synonyms.tsv`, the synonym table query words are expanded with, from Open
//! Dutch WordNet's synonym table (`synonyms.tsv` of cltl/OpenDutchWordnet 1.3; CC BY-SA 4.0).
//!
//! ```console
//! $ cargo run --release --example build_synonyms -- ../shared/lexicon/odwn-synonyms.tsv > data/synonyms.tsv
//! ```
//!
//! Each lemma and each of its synonyms is stemmed by the analyzer queries are stemmed with, so
//! that the table is looked up by a query word's stem and gives stems the index holds. Left out:
//! a lemma or synonym of more than one word, or one that stems to the lemma's own stem; and
//! verbs, as far as their form tells (an infinitive ends in "-en"), whose senses the table mixes
//! most ("vertrouwen": "bouwen", "rekenen", of "bouwen op", "rekenen op"). Lemmas with the same
//! stem share their synonyms. One line per stem, sorted: the stem, then its synonyms' stems in
//! the order the source lists them, tab-separated. Without an argument the source is read from
//! `../shared/lexicon/odwn-synonyms.tsv`.

use std::collections::BTreeMap;
use std::io::Write;

use kamerzoek::analysis::{analyze, stemmed};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/lexicon/odwn-synonyms.tsv".to_string());
    let text = std::fs::read_to_string(&source).map_err(|e| format!("{source}: {e}"))?;
    let mut analyzer = stemmed();
    let mut stem = |word: &str| match analyze(&mut analyzer, word).as_slice() {
        [one] if !word.ends_with("en") => Some(one.term.clone()),
        _ => None,
    };
    let mut table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // The first line names the columns.
    for line in text.lines().skip(1) {
        let mut words = line.split('\t');
        let Some(lemma) = words.next().and_then(&mut stem) else {
            continue;
        };
        let synonyms: Vec<String> = words.filter_map(&mut stem).collect();
        let known = table.entry(lemma.clone()).or_default();
        for synonym in synonyms {
            if synonym != lemma && !known.contains(&synonym) {
                known.push(synonym);
            }
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (stem, synonyms) in table.iter().filter(|(_, s)| !s.is_empty()) {
        writeln!(out, "{stem}\t{}", synonyms.join("\t"))?;
    }
    out.flush()?;
    Ok(())
}
