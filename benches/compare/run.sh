#!/usr/bin/env bash
# Indexing and query speed of kamerzoek, plain tantivy and SQLite FTS5, one after the other on
# the same machine, on the same documents and queries. Writes the figures to standard output.
#
#   bash benches/compare/run.sh [CORPUS_DIR] [QUERIES_TSV]
#
# Defaults: the 8,041 moties of ../shared/corpus and the 791 long queries of ../shared/eval.
# kamerzoek indexes the XML files (and does its normalization, metadata and passages); the other
# two index the clean text kamerzoek exports, one document per file, so all three see the same words.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-../shared/corpus/moties-xml/xml}
queries_tsv=${2:-../shared/eval/queries-long-dev.tsv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin kamerzoek --example plain_tantivy
kz=target/release/kamerzoek
tail -n +2 "$queries_tsv" | cut -f1 > "$work/queries.txt"
measure() { /usr/bin/time -f "%e s wall, %U s user, %M kB max RSS" "$@"; }
size() { du -sk "$1" | cut -f1; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
echo "corpus: $corpus ($(du -sh "$corpus" | cut -f1), $(find "$corpus" -type f | wc -l) files)"
echo
echo "== kamerzoek"
measure $kz index "$corpus" --index "$work/kz" --quiet
echo "index size: $(size "$work/kz") kB"
measure $kz search --index "$work/kz" --json --limit 10 --queries "$work/queries.txt" > /dev/null
$kz export --index "$work/kz" > "$work/docs.jsonl"
echo "exported text: $(size "$work/docs.jsonl") kB"
echo
echo "== plain tantivy"
measure target/release/examples/plain_tantivy "$work/docs.jsonl" "$work/queries.txt" "$work/tantivy"
echo "index size: $(size "$work/tantivy") kB"
echo
echo "== SQLite FTS5"
measure python3 benches/compare/fts5.py "$work/docs.jsonl" "$work/queries.txt" "$work/fts5.db"
echo "index size: $(size "$work/fts5.db") kB"
