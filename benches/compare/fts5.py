#!/usr/bin/env python3
"""SQLite FTS5 for the comparison in BENCHMARKS.md: one row per line of a JSON-lines file
({"path", "text"}, as `kamerzoek export` writes), tokenizer unicode61 remove_diacritics 2,
bm25, query terms ORed. Reports index time and per-query latency."""
import json, os, re, sqlite3, sys, time

docs, queries, db = sys.argv[1:4]
if os.path.exists(db):
    os.remove(db)
con = sqlite3.connect(db)
con.execute("CREATE VIRTUAL TABLE d USING fts5(path UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')")
t = time.time()
n = 0
with open(docs, encoding='utf-8') as f:
    for line in f:
        v = json.loads(line)
        con.execute("INSERT INTO d(path, text) VALUES (?, ?)", (v.get('path') or '', v.get('text') or ''))
        n += 1
con.commit()
print(f"fts5 index: docs={n} secs={time.time() - t:.2f}")
times = []
for q in open(queries, encoding='utf-8').read().splitlines():
    words = [w for w in re.findall(r'\w+', q)]
    if not words:
        continue
    match = ' OR '.join('"%s"' % w for w in words)
    t = time.perf_counter()
    con.execute("SELECT path FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT 10", (match,)).fetchall()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
pct = lambda p: times[int((len(times) - 1) * p)] if times else 0
print(f"fts5 query: n={len(times)} p50_ms={pct(0.5):.3f} p99_ms={pct(0.99):.3f}")
