#!/usr/bin/env python3
# Copied unchanged (apart from this line) from the project's shared benchmark, ../shared/bench/peer_pycsv.py.
"""Naive baseline: stdlib csv module + dict counting. python3 peer_pycsv.py q1|q2 FILE"""
import csv, sys
from collections import Counter

q, path = sys.argv[1], sys.argv[2]
c = Counter()
with open(path, newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    next(r)
    if q == "q1":
        for row in r:
            if row[3] == "Inadequate":
                c[row[1]] += 1
    else:
        for row in r:
            c[(row[2], row[3])] += 1
tot = sum(c.values())
for k in sorted(c):
    if q == "q1":
        print(f"{k}\t{c[k]}")
    else:
        print(f"{k[0]}\t{k[1]}\t{c[k]}\t{round(100.0 * c[k] / tot, 2)}")
