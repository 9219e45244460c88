#!/usr/bin/env python3
"""Checks the blind set: every file listed once, charsets decode, and prints counts."""
import csv, os, re, collections
B = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(B)
rows = list(csv.reader(open('manifest.tsv', encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE))
assert rows[0] == ['file', 'status', 'content_type', 'expected', 'notes'], rows[0]
rows = rows[1:]
files = set(os.path.join(d, f) for d in ('failures', 'healthy') for f in os.listdir(d))
listed = [r[0] for r in rows]
assert len(listed) == len(set(listed)), 'duplicate'
assert set(listed) == files, set(listed) ^ files
classes = {'db_storage_full', 'db_connection', 'db_overloaded', 'db_integrity', 'app_error', 'app_resource_exhausted', 'maintenance',
           'upstream_unavailable', 'blocked', 'hosting_suspended', 'placeholder_page', 'debug_leak', 'healthy'}
C = collections.Counter()
for r in rows:
    assert len(r) == 5 and all(r), r
    assert r[3] in classes, r
    assert (r[3] == 'healthy') == r[0].startswith('healthy/'), r
    b = open(r[0], 'rb').read()
    m = re.search(r'charset=([\w-]+)', r[2], re.I)
    if b[:2] == b'\xff\xfe':
        enc = 'utf-16'
    elif m:
        enc = m.group(1).lower()
    else:
        mm = re.search(rb'charset="?([\w-]+)', b[:3000], re.I)
        enc = mm.group(1).decode().lower() if mm else 'utf-8'
    if enc.startswith('utf-16'):
        assert b[:2] == b'\xff\xfe', r[0]
        enc = 'utf-16'
    t = b.decode(enc)
    if enc == 'utf-16':
        mm = re.search(r'<meta[^>]*charset="?([\w-]+)', t[:3000], re.I)
        assert not mm or mm.group(1).lower().startswith('utf-16'), r[0]
    if enc not in ('utf-8', 'utf-16'):
        nonascii = any(x > 127 for x in b)
        try:
            b.decode('utf-8')
            assert not nonascii, 'declared %s but bytes are UTF-8: %s' % (enc, r[0])
        except UnicodeDecodeError:
            pass
        label = enc if nonascii else enc + ' (ASCII bytes)'
    else:
        label = enc if any(x > 127 for x in b) or enc == 'utf-16' else 'utf-8 (ASCII bytes)'
    n = len(b)
    band = '<10 KB' if n < 10240 else '10-30 KB' if n < 30720 else '30-150 KB' if n <= 153600 else '>150 KB'
    lm = re.search(r'<html[^>]*\blang="?([a-zA-Z]{2})', t[:20000])
    lang = lm.group(1).lower() if lm else '-'
    kind = 'healthy' if r[3] == 'healthy' else 'failure'
    C[(kind, 'class', r[3])] += 1
    C[(kind, 'band', band)] += 1
    C[(kind, 'enc', label)] += 1
    C[(kind, 'lang', lang)] += 1
for k in sorted(C):
    print('%-8s %-6s %-28s %4d' % (k[0], k[1], k[2], C[k]))
print(len(rows), 'pages OK')
