#!/usr/bin/env bash
# Indexing and query speed of kamerzoek, plain tantivy and SQLite FTS5, one after the other on
# the same machine, on the same documents and queries, with the ratios.
#
#   bash benches/compare/run.sh [CORPUS_DIR] [QUERIES_TSV]
#   bash benches/compare/run.sh --size 300 [QUERIES_TSV]   # a ~300 MB corpus replicated from ../shared/corpus
#
# Defaults: the 8,041 moties of ../shared/corpus and the 791 long queries of ../shared/eval.
# kamerzoek indexes the files themselves (and does its normalization, metadata and passages);
# the others index the clean text kamerzoek exports, one document per line, so all see the
# same words. Plain tantivy runs three times: as it comes (one field); with the text stored
# (`--stored`, indexing only); and as the floor under kamerzoek's cost (`--floor`: a stemmed
# field beside the text, the text stored, hits highlighted; see
# benches/compare/plain_tantivy.rs).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d "${TMPDIR:-/tmp}/kz-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ "${1:-}" = "--size" ]; then
  python3 benches/compare/replicate.py ../shared/corpus "$work/corpus" "$2"
  corpus=$work/corpus
  shift 2
else
  corpus=${1:-../shared/corpus/moties-xml/xml}
  shift $(( $# > 0 ? 1 : 0 ))
fi
queries_tsv=${1:-../shared/eval/queries-long-dev.tsv}
cargo build --release --quiet --bin kamerzoek --example plain_tantivy --example query_latency --example stages
kz=target/release/kamerzoek
tail -n +2 "$queries_tsv" | cut -f1 > "$work/queries.txt"
# wall seconds, CPU seconds (user + system), peak RSS kB
measure() { local out=$1; shift; /usr/bin/time -o "$out" -f "%e %U %S %M" "$@"; }
show() { awk '{printf "%.2f s wall, %.2f s CPU, %d MB peak RSS\n", $1, $2 + $3, $4 / 1024}' "$1"; }
size_kb() { du -sk "$1" | cut -f1; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
echo "corpus: $corpus ($(du -sh "$corpus" | cut -f1), $(find "$corpus" -type f | wc -l) files)"
echo
echo "== kamerzoek"
measure "$work/kz.time" $kz index "$corpus" --index "$work/kz" --quiet || [ $? -eq 3 ]
show "$work/kz.time"
echo "index size: $(size_kb "$work/kz") kB"
measure "$work/kzq.time" $kz search --index "$work/kz" --json --limit 10 --queries "$work/queries.txt" > /dev/null
echo "queries: $(show "$work/kzq.time")"
# Latency per query in one process, as a user's tool embedding the library would see it.
target/release/examples/query_latency "$work/kz" "$work/queries.txt" | tee "$work/kz.out"
# A fresh process per query, as a user at the command line sees it: the median of 21.
for i in $(seq 21); do
  q=$(sed -n "${i}p" "$work/queries.txt")
  /usr/bin/time -a -o "$work/fresh.time" -f "%e" $kz search --index "$work/kz" --limit 10 "$q" > /dev/null || true
done
echo "fresh process: median $(sort -n "$work/fresh.time" | sed -n 11p) s wall for one search"
$kz export --index "$work/kz" > "$work/docs.jsonl"
echo "clean text: $(size_kb "$work/docs.jsonl") kB exported; raw input $(du -sk "$corpus" | cut -f1) kB"
echo
echo "== kamerzoek's stages before tantivy, each on all cores (benches/compare/stages.rs)"
target/release/examples/stages "$corpus" | tee "$work/stages.out"
echo
echo "== plain tantivy"
# Indexing timed alone (no queries: /dev/null), then the queries on the index built.
measure "$work/tv.time" target/release/examples/plain_tantivy "$work/docs.jsonl" /dev/null "$work/tantivy" | grep index
show "$work/tv.time"
target/release/examples/plain_tantivy --open "$work/queries.txt" "$work/tantivy" | tee "$work/tv.out"
echo "index size: $(size_kb "$work/tantivy") kB"
echo
echo "== plain tantivy, the text stored"
# Indexing only: what showing what was found adds to plain tantivy.
measure "$work/ts.time" target/release/examples/plain_tantivy --stored "$work/docs.jsonl" /dev/null "$work/stored" | grep index
show "$work/ts.time"
echo "index size: $(size_kb "$work/stored") kB"
rm -rf "$work/stored"
echo
echo "== plain tantivy, floor (a stemmed field beside the text, the text stored, hits highlighted)"
# What any search of this kind must do (a stemmed field beside the exact one, the passage shown
# with its words marked), from tantivy's own parts: where kamerzoek's cost begins.
measure "$work/fl.time" target/release/examples/plain_tantivy --floor "$work/docs.jsonl" /dev/null "$work/floor" | grep index
show "$work/fl.time"
target/release/examples/plain_tantivy --open --floor "$work/queries.txt" "$work/floor" | tee "$work/fl.out"
echo "index size: $(size_kb "$work/floor") kB"
echo
echo "== queries again, kamerzoek, plain tantivy and the floor by turns"
# One run each is at the mercy of what else the machine does at that moment: three rounds by
# turns, and the ratio of their medians.
for round in 1 2 3; do
  target/release/examples/query_latency "$work/kz" "$work/queries.txt" | tee -a "$work/kz.turns"
  target/release/examples/plain_tantivy --open "$work/queries.txt" "$work/tantivy" | tee -a "$work/tv.turns"
  target/release/examples/plain_tantivy --open --floor "$work/queries.txt" "$work/floor" | tee -a "$work/fl.turns"
  # The same searches counting every match by year, type, dossier, indiener and party.
  KZ_FACETS=year,type,dossier,indiener,partij target/release/examples/query_latency "$work/kz" "$work/queries.txt" | tee -a "$work/kzf.turns"
done
echo
echo "== SQLite FTS5"
measure "$work/fts.time" python3 benches/compare/fts5.py "$work/docs.jsonl" "$work/queries.txt" "$work/fts5.db" | tee "$work/fts.out"
show "$work/fts.time"
echo "index size: $(size_kb "$work/fts5.db") kB"
echo
python3 - "$work" <<'PY'
import re, sys, os
w = sys.argv[1]
t = lambda n: [float(x) for x in open(os.path.join(w, n)).read().split()]
kz, tv, ts, fl, fts = t('kz.time'), t('tv.time'), t('ts.time'), t('fl.time'), t('fts.time')
ftsidx = float(re.search(r'fts5 index: docs=\d+ secs=([\d.]+)', open(os.path.join(w, 'fts.out')).read()).group(1))
size = lambda p: sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(p) for f in fs) if os.path.isdir(p) else os.path.getsize(p)
kzs, tvs, ftss = size(os.path.join(w, 'kz')), size(os.path.join(w, 'tantivy')), size(os.path.join(w, 'fts5.db'))
text = size(os.path.join(w, 'docs.jsonl'))
q = lambda n, tool: [float(x) for x in re.search(tool + r' query: n=\d+ p50_ms=([\d.]+) p99_ms=([\d.]+)', open(os.path.join(w, n)).read()).groups()]
kzq, tvq, ftsq = q('kz.out', 'kamerzoek'), q('tv.out', 'plain_tantivy'), q('fts.out', 'fts5')
turns = lambda n, tool: sorted(float(x) for x in re.findall(tool + r' query: n=\d+ p50_ms=([\d.]+)', open(os.path.join(w, n)).read()))
kzt, tvt = turns('kz.turns', 'kamerzoek'), turns('tv.turns', 'plain_tantivy')
kzf = turns('kzf.turns', 'kamerzoek facets')
flt = turns('fl.turns', 'plain_tantivy --floor')
mid = lambda xs: xs[len(xs) // 2]
print('ratios (kamerzoek / other):')
print(f'  query p50: {kzq[0]:.2f} ms; / plain tantivy {kzq[0] / tvq[0]:.2f} x, / FTS5 {kzq[0] / ftsq[0]:.2f} x; p99 {kzq[1]:.1f} ms')
print(f'  query p50 by turns: kamerzoek {", ".join(f"{x:.2f}" for x in kzt)} ms, plain tantivy {", ".join(f"{x:.2f}" for x in tvt)} ms; medians {mid(kzt):.2f} / {mid(tvt):.2f} ms = {mid(kzt) / mid(tvt):.2f} x')
print(f'  query p50 with five facets by turns: {", ".join(f"{x:.2f}" for x in kzf)} ms; median / without facets {mid(kzf) / mid(kzt):.2f} x')
print(f'  index wall time: / plain tantivy {kz[0] / tv[0]:.2f} x, / plain tantivy with the text stored {kz[0] / ts[0]:.2f} x, / FTS5 indexing {kz[0] / ftsidx:.2f} x')
print(f'  the floor: index wall time / plain tantivy {fl[0] / tv[0]:.2f} x, / plain tantivy with the text stored {fl[0] / ts[0]:.2f} x, / FTS5 indexing {fl[0] / ftsidx:.2f} x; '
      f'query p50 by turns {", ".join(f"{x:.2f}" for x in flt)} ms, median / plain tantivy\'s {mid(flt) / mid(tvt):.2f} x')
print(f'  kamerzoek / the floor: index wall time {kz[0] / fl[0]:.2f} x, query p50 by turns {mid(kzt) / mid(flt):.2f} x')
read_cpu = float(re.search(r'stage read: [\d.]+ s wall, ([\d.]+) s CPU', open(os.path.join(w, 'stages.out')).read()).group(1))
cores = os.cpu_count()
print(f'  half of FTS5\'s indexing time gives {cores * ftsidx / 2:.2f} s of CPU on {cores} cores; reading the files takes {read_cpu:.2f} s of it, '
      f'plain tantivy storing and indexing their clean text {ts[1] + ts[2]:.2f} s')
print(f'  index peak RSS: {kz[3] / 1024:.0f} MB; / plain tantivy {kz[3] / tv[3]:.2f} x, / FTS5 {kz[3] / fts[3]:.2f} x')
print(f'  index size: / plain tantivy {kzs / tvs:.2f} x, / FTS5 {kzs / ftss:.2f} x; / clean text {kzs / text:.2f} x (FTS5 {ftss / text:.2f} x)')
PY
