#!/usr/bin/env python3
"""Turns the raw results of bench/run.sh (hyperfine JSON, GNU time peak RSS, the in-session
timer lines, the answer checks) into a Markdown table with ReviewQL's ratios to DuckDB and the
targets of issue 7.

usage: summarize.py RESULTS_DIR"""
import csv
import json
import os
import statistics
import sys

out = sys.argv[1]


def load(run_id):
    path = os.path.join(out, run_id + ".json")
    if not os.path.exists(path):
        return None
    result = json.load(open(path))["results"][0]
    rss = [int(x) for x in open(os.path.join(out, run_id + ".rss")).read().split() if x.isdigit()]
    return {"median": result["median"], "min": result["min"], "max": result["max"],
            "runs": len(result["times"]), "rss": max(rss) / 1024 if rss else float("nan")}


rows = []
with open(os.path.join(out, "meta.tsv")) as meta:
    for run_id, size, label, nbytes in csv.reader(meta, delimiter="\t"):
        result = load(run_id)
        if result:
            rows.append(dict(id=run_id, size=size, label=label, bytes=nbytes, **result))

print(open(os.path.join(out, "machine.txt")).read().rstrip())
print()
print("| query | size | tool / mode | median wall s | min–max s | runs | peak RSS MiB | × DuckDB |")
print("|---|---|---|---:|---:|---:|---:|---:|")
duckdb = {r["size"]: r["median"] for r in rows if r["id"].startswith("q1_duckdb_")}
for r in rows:
    query = "start" if r["size"] == "-" else "q1"
    ratio = f"{r['median'] / duckdb[r['size']]:.2f}" if r["size"] in duckdb else "–"
    wall = f"{r['median']:.4f}" if query == "start" else f"{r['median']:.3f}"
    span = f"{r['min']:.4f}–{r['max']:.4f}" if query == "start" else f"{r['min']:.3f}–{r['max']:.3f}"
    print(f"| {query} | {r['size']} | {r['label']} | {wall} | {span} | {r['runs']} | {r['rss']:.0f} | {ratio} |")

session = {}
path = os.path.join(out, "session.tsv")
if os.path.exists(path):
    for line in open(path):
        size, ms = line.split()
        session.setdefault(size, []).append(float(ms))
if session:
    print()
    for size, times in session.items():
        print(f"In one session, the query again on the loaded {size} table: median {statistics.median(times):.1f} ms "
              f"(min {min(times):.1f}, max {max(times):.1f}, {len(times)} runs, from `set timer on`)")

print()
print("Targets (issue 7):")
by_id = {r["id"]: r for r in rows}


def target(text, value, limit, unit=""):
    if value is None:
        print(f"- {text}: not measured")
    else:
        print(f"- {text}: {value:.3g}{unit} (target ≤ {limit:g}{unit}) — {'met' if value <= limit else 'NOT met'}")


for build in ("plain", "static"):
    if f"start_reviewql_{build}" not in by_id:
        continue
    print(f"{build} build ({'swift build -c release' if build == 'plain' else 'swift build -c release --static-swift-stdlib'}):")
    for size, limit in (("1m", 0.20), ("10m", 0.65)):
        ours = by_id.get(f"q1_reviewql_{build}_{size}")
        target(f"{size} whole process, ReviewQL ÷ DuckDB scanning",
               ours["median"] / duckdb[size] if ours and size in duckdb else None, limit)
    # Memory with every column held (the table as the shell keeps it), measured for the
    # plain build only. The limit is 300 MB (10^6 bytes); GNU time's figures are in
    # KiB, shown as MiB.
    ours = by_id.get("q1_reviewql_all_10m")
    target("10m peak RSS in MB, every column held", ours["rss"] * 1.048576 if ours else None, 300, " MB")
    start = by_id.get(f"start_reviewql_{build}")
    target("reviewql -c 'count reviews', start to exit", start["median"] * 1000 if start else None, 10, " ms")
print("every build:")
target("the query again on the loaded 10m table", statistics.median(session["10m"]) if "10m" in session else None, 60, " ms")
checks = os.path.join(out, "checks.txt")
if os.path.exists(checks):
    lines = open(checks).read().splitlines()
    different = [line for line in lines if "DIFFERENT" in line]
    print(f"- answers: {len(lines) - len(different)} of {len(lines)} identical to Python's csv module"
          + ("" if not different else " — DIFFERENT: " + "; ".join(different)))
