#!/usr/bin/env python3
"""Builds a corpus of about SIZE_MB from ../shared/corpus by replication with distinct ids, for
the scale runs in BENCHMARKS.md.

    python3 benches/compare/replicate.py SRC_CORPUS DST SIZE_MB

Copy k of a motie gets number N + 100000*k (file name, <ondernummer>, DC.identifier and every
other "kst-..." of its own id); copy k of a Staten-Generaal Digitaal line gets SGD id
id + k*10**10. The small folders (VLOS, Handelingen, besluitenlijsten) are copied once: their
documents are keyed by path or have one id each, and copies would be the same document again.
"""
import os, re, shutil, sys

src, dst, size_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
target = size_mb * 1e6
moties = os.path.join(src, 'moties-xml', 'xml')
sgd = os.path.join(src, 'sgd-ocr-jsonl', 'jsonl')
os.makedirs(dst, exist_ok=True)
written = 0
for small in ('vlos-xml', 'handelingen-2018-damaged-xml', 'besluitenlijsten-pdf'):
    shutil.copytree(os.path.join(src, small), os.path.join(dst, small), dirs_exist_ok=True)
    written += sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(dst, small)) for f in fs)

motie_files = sorted(f for f in os.listdir(moties) if f.endswith('.xml'))
sgd_files = sorted(f for f in os.listdir(sgd) if f.endswith('.jsonl'))
ONDER = re.compile(r'(<ondernummer[^>]*>)\s*(\d+)\s*(</ondernummer>)')
URL_ID = re.compile(r'(zoek\.officielebekendmakingen\.nl/)(\d+)')
k = 0
while written < target:
    out_m = os.path.join(dst, f'moties-{k:03d}')
    out_s = os.path.join(dst, f'sgd-{k:03d}')
    os.makedirs(out_m, exist_ok=True)
    os.makedirs(out_s, exist_ok=True)
    for name in motie_files:
        if written >= target:
            break
        stem = name[:-4]
        head, number = stem.rsplit('-', 1)
        new_number = str(int(number) + 100000 * k)
        new_id = f'{head}-{new_number}'
        with open(os.path.join(moties, name), encoding='utf-8') as f:
            text = f.read()
        if k:
            text = text.replace(stem + '"', new_id + '"').replace(stem + '/', new_id + '/').replace(stem + '<', new_id + '<')
            text = ONDER.sub(lambda m: m.group(1) + new_number + m.group(3), text)
            text = re.sub(r'(name="OVERHEIDop\.ondernummer"[^>]*content=")\d+', lambda m: m.group(1) + new_number, text)
        with open(os.path.join(out_m, new_id + '.xml'), 'w', encoding='utf-8') as f:
            f.write(text)
        written += len(text.encode('utf-8'))
    for name in sgd_files:
        if written >= target:
            break
        with open(os.path.join(sgd, name), encoding='utf-8') as f, open(os.path.join(out_s, name), 'w', encoding='utf-8') as out:
            for line in f:
                if k:
                    line = URL_ID.sub(lambda m: m.group(1) + f'{int(m.group(2)) + k * 10**10:020d}', line)
                out.write(line)
                written += len(line.encode('utf-8'))
    k += 1
print(f'{dst}: {written / 1e6:.0f} MB in {k} copies')
