"""Reads every peer-suite file (../shared/csv-peers) with DuckDB and with ReviewQL, and
compares both with the verdicts (verdicts.tsv: the right reading of each file, judged by
looking at it).

    python3 Tests/peers/compare.py [--reviewql PATH] [--peers DIR]

Writes Tests/peers/results.tsv (what each tool did) and prints the counts for the README:
ReviewQL right / refused rightly / refused needlessly / silently wrong, and DuckDB's.
DuckDB's reading is its automatic one: duckdb.read_csv(path), no options.
"""
import argparse
import csv
import os
import re
import subprocess
import tempfile

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def duckdb_reading(path):
    try:
        con = duckdb.connect()
        rel = con.read_csv(path)
        rows = len(rel.fetchall())
        return {"rows": rows, "cols": len(rel.columns), "names": list(rel.columns),
                "types": [str(t) for t in rel.types], "error": ""}
    except Exception as error:  # DuckDB's refusal, in its words
        return {"rows": None, "cols": None, "names": [], "types": [],
                "error": str(error).splitlines()[0][:200]}


def reviewql_reading(binary, path):
    empty = tempfile.mkdtemp()
    try:
        run = subprocess.run([binary, "--data", empty, "--load", "x=" + path, "-c", "describe x"],
                             capture_output=True, text=True, timeout=60, errors="replace")
    except subprocess.TimeoutExpired:
        return {"rows": None, "cols": None, "names": [], "types": [], "error": "timed out", "notes": ""}
    finally:
        os.rmdir(empty)
    out = run.stdout
    # Name the file as the repository does (../shared/csv-peers/...), never by this machine's path.
    run.stderr = run.stderr.replace(path, os.path.relpath(path, ROOT))
    shape = re.search(r"^x: (\d+) rows?, (\d+) columns?", out, re.M)
    if run.returncode != 0 or not shape:
        message = " ".join(line.strip() for line in run.stderr.splitlines()[:3])
        return {"rows": None, "cols": None, "names": [], "types": [], "error": message[:300], "notes": ""}
    names, types = [], []
    lines = out.splitlines()
    dashes = next((i for i, line in enumerate(lines) if re.fullmatch(r"-+( +-+)+", line)), None)
    if dashes is not None:
        spans = [m.span() for m in re.finditer(r"-+", lines[dashes])]
        for line in lines[dashes + 1:]:
            if not line.strip():
                break
            cells = [line[a:(spans[k + 1][0] if k + 1 < len(spans) else None)].strip()
                     for k, (a, _) in enumerate(spans)]
            names.append(cells[0])
            types.append(cells[1] if len(cells) > 1 else "")
    return {"rows": int(shape.group(1)), "cols": int(shape.group(2)), "names": names, "types": types,
            "error": "", "notes": " ".join(run.stderr.split())[:300]}


def shape(reading):
    return "" if reading["rows"] is None else f"{reading['rows']}x{reading['cols']}"


def right_shapes(right_reading):
    """The (rows, cols) a verdict accepts ("table: 52 rows x 9|10 cols"), or None: no table."""
    table = re.match(r"table: ([\d|]+) rows? x ([\d|]+) cols?", right_reading)
    if not table:
        return None
    return {(int(r), int(c)) for r in table.group(1).split("|") for c in table.group(2).split("|")}


def judge(verdict, reading, refused_means):
    """right / refused rightly / refused needlessly / silently wrong, against a verdict."""
    shapes = right_shapes(verdict["right_reading"])
    if reading["rows"] is None:
        return "refused rightly" if shapes is None else refused_means
    if shapes is None:
        return "silently wrong"
    return "right" if (reading["rows"], reading["cols"]) in shapes else "silently wrong"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviewql", default=next(
        (p for p in (os.path.join(ROOT, ".build/release/reviewql"), os.path.join(ROOT, ".build/debug/reviewql"))
         if os.path.exists(p)), None))
    parser.add_argument("--peers", default=os.path.join(ROOT, "..", "shared", "csv-peers"))
    parser.add_argument("--gaps", action="store_true",
                        help="list every file ReviewQL reads silently wrong or refuses needlessly")
    parser.add_argument("--update", action="store_true",
                        help="write what each tool did into verdicts.tsv's duckdb and reviewql columns")
    args = parser.parse_args()
    peers = os.path.normpath(args.peers)
    files = sorted(os.path.relpath(os.path.join(d, f), peers)
                   for d, _, names in os.walk(peers) for f in names if f != "SOURCES.txt")
    verdict_path = os.path.join(HERE, "verdicts.tsv")
    with open(verdict_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t",
                               quoting=csv.QUOTE_NONE))
    verdicts = {row["file"]: row for row in rows}
    counts = {"duckdb": {}, "reviewql": {}}
    gaps = {}
    with open(os.path.join(HERE, "results.tsv"), "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["file", "duckdb_shape", "duckdb_types", "duckdb_error",
                         "reviewql_shape", "reviewql_types", "reviewql_error", "reviewql_notes",
                         "duckdb_verdict", "reviewql_verdict"])
        for name in files:
            path = os.path.join(peers, name)
            duck, ours = duckdb_reading(path), reviewql_reading(args.reviewql, path)
            for reading in (duck, ours):  # name files relative to the repository, not this machine
                reading["error"] = reading["error"].replace(peers, "../shared/csv-peers")
            verdict = verdicts.get(name)
            duck_v = judge(verdict, duck, "refused") if verdict else "no verdict"
            ours_v = judge(verdict, ours, "refused needlessly") if verdict else "no verdict"
            if verdict:
                verdict["duckdb"], verdict["reviewql"] = duck_v, ours_v
            gaps[name] = (f"{ours['rows']} rows x {ours['cols']} cols" if ours["rows"] is not None
                          else "refuses: " + ours["error"].split("error: ", 1)[-1][:160])
            counts["duckdb"][duck_v] = counts["duckdb"].get(duck_v, 0) + 1
            counts["reviewql"][ours_v] = counts["reviewql"].get(ours_v, 0) + 1
            writer.writerow([name, shape(duck), ",".join(duck["types"]), duck["error"],
                             shape(ours), ",".join(ours["types"]), ours["error"], ours["notes"],
                             duck_v, ours_v])
    if args.update:
        with open(verdict_path, "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(comments) + "\n")
            writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), delimiter="\t",
                                    lineterminator="\n", quoting=csv.QUOTE_NONE, quotechar=None, escapechar=None)
            writer.writeheader()
            writer.writerows(rows)
    if args.gaps:
        for name in files:
            verdict = verdicts.get(name)
            if verdict and verdict["reviewql"] in ("silently wrong", "refused needlessly"):
                did = gaps.get(name, "")
                print(f"{name}\t{verdict['reviewql']}\tReviewQL: {did}\tright: {verdict['right_reading']}")
    for tool, tally in counts.items():
        print(tool, "  ".join(f"{k}: {v}" for k, v in sorted(tally.items())))


if __name__ == "__main__":
    main()
