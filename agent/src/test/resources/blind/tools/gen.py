#!/usr/bin/env python3
"""Regenerates blind/failures, blind/healthy and blind/manifest.tsv. Deterministic (fixed seeds)."""
import os, re, shutil, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common, failures, healthy

failures.build()
failures.build_embedded()
failures.build_embedded(1, picks={0, 2, 3, 5, 6, 8, 10, 11, 13, 14, 16, 17, 19, 21, 23, 24, 25, 27}, sizes=(45, 85, 140, 22, 65, 100, 28, 50, 75, 120))
failures.build_more()
healthy.build()
healthy.build_more()
for d in ('failures', 'healthy'):
    p = os.path.join(common.BLIND, d)
    shutil.rmtree(p, ignore_errors=True)
    os.makedirs(p)
seen = set()
lines = ['file\tstatus\tcontent_type\texpected\tnotes']
for rel, data, status, ct, exp, notes in common.PAGES:
    assert rel not in seen, rel
    seen.add(rel)
    with open(os.path.join(common.BLIND, rel), 'wb') as f:
        f.write(data)
    notes = re.sub(r'~\d+ KB', '%.0f KB' % (len(data) / 1024.0), notes)
    lines.append('\t'.join([rel, str(status), ct, exp, notes.replace('\t', ' ') or '-']))
with open(os.path.join(common.BLIND, 'manifest.tsv'), 'w', encoding='utf-8') as f:
    f.write('\n'.join(lines) + '\n')
print(len(common.PAGES), 'pages')
