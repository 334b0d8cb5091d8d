#!/usr/bin/env bash
# Peak memory of indexing one large JSON lines file (the shape of a Staten-Generaal Digitaal
# export): a file of many documents is read a record at a time, so the peak stays within the
# README's bound however large the file.
#
#   benches/memory/jsonl_peak.sh [SIZE_MB] [LIMIT_MB]    (defaults 200 and 500)
#
# Writes one file of SIZE_MB of the Staten-Generaal Digitaal lines of ../shared/corpus, repeated
# with distinct ids, indexes it with the release build, prints the peak resident memory, and
# fails when it is over LIMIT_MB.
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:-200}
limit=${2:-500}
sgd=../shared/corpus/sgd-ocr-jsonl/jsonl
[ -d "$sgd" ] || { echo "needs $sgd (../shared)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time; Debian: apt install time)" >&2; exit 1; }
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
python3 - "$sgd" "$work/corpus/sgd.jsonl" "$size" <<'PY'
import os, re, sys
src, dst, target = sys.argv[1], sys.argv[2], int(sys.argv[3]) * 1_000_000
lines = [l for f in sorted(os.listdir(src)) if f.endswith('.jsonl')
         for l in open(os.path.join(src, f), encoding='utf-8') if l.strip()]
url_id = re.compile(r'(zoek\.officielebekendmakingen\.nl/)(\d+)')
written, k = 0, 0
with open(dst, 'w', encoding='utf-8') as out:
    while written < target:
        for line in lines:
            line = url_id.sub(lambda m: m.group(1) + f'{int(m.group(2)) + k * 10**10:020d}', line)
            out.write(line)
            written += len(line.encode('utf-8'))
            if written >= target:
                break
        k += 1
PY
/usr/bin/time -v target/release/kamerzoek index "$work/corpus" --index "$work/idx" -q 2> "$work/time.txt"
peak=$(awk '/Maximum resident set size/ {print int($6 / 1024)}' "$work/time.txt")
echo "one JSON lines file of $size MB: peak RSS $peak MB (limit $limit MB)"
[ "$peak" -le "$limit" ] || { echo "peak memory over $limit MB" >&2; exit 1; }
