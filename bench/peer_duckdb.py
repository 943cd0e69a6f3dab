#!/usr/bin/env python3
# Copied unchanged (apart from this line) from the project's shared benchmark, ../shared/bench/peer_duckdb.py.
"""DuckDB peer: python3 peer_duckdb.py q1|q2 table|direct FILE
table  = CREATE TABLE reviews AS SELECT * FROM read_csv(FILE), then query (load-then-query, REPL model)
direct = query read_csv(FILE) directly (lets DuckDB push projection/filter into the scan)
Threads: env BENCH_THREADS (default: DuckDB's default = nproc)."""
import os, sys
import duckdb

q, mode, path = sys.argv[1], sys.argv[2], sys.argv[3]
cfg = {}
if os.environ.get("BENCH_THREADS"):
    cfg["threads"] = int(os.environ["BENCH_THREADS"])
con = duckdb.connect(config=cfg)
src = "read_csv('%s')" % path.replace("'", "''")
if mode == "table":
    con.execute("CREATE TABLE reviews AS SELECT * FROM " + src)
    src = "reviews"
if q == "q1":
    sql = (f"SELECT authority, count(*) AS n FROM {src} WHERE judgement = 'Inadequate' "
           "GROUP BY authority ORDER BY authority")
else:
    sql = (f"SELECT region, judgement, count(*) AS n, "
           f"round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS pct FROM {src} "
           "GROUP BY region, judgement ORDER BY region, judgement")
for row in con.execute(sql).fetchall():
    print("\t".join(map(str, row)))
