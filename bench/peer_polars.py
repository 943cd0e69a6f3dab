#!/usr/bin/env python3
# Copied unchanged (apart from this line) from the project's shared benchmark, ../shared/bench/peer_polars.py.
"""Polars peer: python3 peer_polars.py q1|q2 eager|lazy FILE
eager = pl.read_csv(FILE) into a DataFrame, then query (load-then-query, REPL model)
lazy  = pl.scan_csv(FILE)...collect() (projection/predicate pushdown into the reader)
Threads: env POLARS_MAX_THREADS (default: nproc)."""
import sys
import polars as pl

q, mode, path = sys.argv[1], sys.argv[2], sys.argv[3]
df = pl.read_csv(path) if mode == "eager" else pl.scan_csv(path)
if q == "q1":
    r = (df.filter(pl.col("judgement") == "Inadequate")
           .group_by("authority").agg(pl.len().alias("n")).sort("authority"))
else:
    r = (df.group_by("region", "judgement").agg(pl.len().alias("n"))
           .with_columns((100.0 * pl.col("n") / pl.col("n").sum()).round(2).alias("pct"))
           .sort("region", "judgement"))
if mode == "lazy":
    r = r.collect()
for row in r.iter_rows():
    print("\t".join(map(str, row)))
