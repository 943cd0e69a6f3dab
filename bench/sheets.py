#!/usr/bin/env python3
"""Loading a 100,000-row, 10-column sheet (issue 17): ReviewQL against Python's openpyxl
(read_only mode) and python-calamine, each a fresh process end to end, .xlsx and .ods.

usage: python3 bench/sheets.py [RUNS]     (default 5 runs per tool; needs hyperfine, and the
       release build: swift build -c release)

The workbooks are made once into bench/data/: the .xlsx by xlsxwriter (shared strings, a date
format, as Excel writes), the .ods by LibreOffice converting that .xlsx (soffice --headless).
Every tool answers the same question, the row count and the sum of the `amount` column, and the
answers are checked equal before anything is timed. Prints a Markdown table for bench/RESULTS.md.
"""
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
REVIEWQL = os.path.join(ROOT, ".build", "release", "reviewql")
ROWS = 100_000
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
AUTHORITIES = ["Norfolk", "Devon", "Kingston", "Leeds", "Barking & Dagenham", "Cornwall", "Kent", "Essex"]
JUDGEMENTS = ["Inadequate", "Adequate", "Good", "Outstanding"]


def make_workbooks():
    import xlsxwriter
    os.makedirs(DATA, exist_ok=True)
    xlsx = os.path.join(DATA, "sheet100k.xlsx")
    ods = os.path.join(DATA, "sheet100k.ods")
    if not os.path.exists(xlsx):
        rng = random.Random(17)
        wb = xlsxwriter.Workbook(xlsx)
        ws = wb.add_worksheet("Reviews")
        date = wb.add_format({"num_format": "yyyy-mm-dd"})
        ws.write_row(0, 0, ["id", "authority", "letter_date", "judgement", "children", "amount",
                            "published", "ref", "score", "region_code"])
        start = dt.datetime(2008, 4, 1)
        for r in range(1, ROWS + 1):
            ws.write_number(r, 0, r)
            ws.write_string(r, 1, rng.choice(AUTHORITIES))
            ws.write_datetime(r, 2, start + dt.timedelta(days=rng.randrange(365)), date)
            ws.write_string(r, 3, rng.choice(JUDGEMENTS))
            ws.write_number(r, 4, rng.randrange(1, 6))
            ws.write_number(r, 5, round(rng.uniform(100, 5000), 2))
            ws.write_boolean(r, 6, rng.random() < 0.5)
            ws.write_string(r, 7, f"SCR-{r:06d}")
            ws.write_number(r, 8, round(rng.random(), 4))
            ws.write_number(r, 9, rng.randrange(1, 10))
        wb.close()
    if not os.path.exists(ods):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", tmp, xlsx], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.replace(os.path.join(tmp, "sheet100k.ods"), ods)
    return xlsx, ods


PEER = r'''
import sys
path, tool = sys.argv[1], sys.argv[2]
if tool == "openpyxl":
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
elif tool == "calamine":
    from python_calamine import CalamineWorkbook
    rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()[1:]
print(len(rows), "%.2f" % sum(r[5] for r in rows))
'''


def reviewql_answer(path):
    out = subprocess.run([REVIEWQL, "--format", "csv", "--load", f"b={path}", "-c", "count b; sum amount from b"],
                         check=True, capture_output=True, text=True).stdout.split()
    # count b -> "count\n100000"; sum -> "sum\n12345.67"
    return f"{out[1]} {float(out[3]):.2f}"


def main():
    xlsx, ods = make_workbooks()
    peer = os.path.join(DATA, "sheet_peer.py")
    with open(peer, "w") as f:
        f.write(PEER)
    rows = []
    for path in (xlsx, ods):
        kind = os.path.splitext(path)[1][1:]
        commands = {
            "reviewql": f"{REVIEWQL} --format csv --load b={path} -c 'count b; sum amount from b'",
            "python-calamine": f"{sys.executable} {peer} {path} calamine",
        }
        if kind == "xlsx":  # openpyxl reads no .ods
            commands["openpyxl (read_only)"] = f"{sys.executable} {peer} {path} openpyxl"
        answers = {"reviewql": reviewql_answer(path)}
        for name, tool in (("python-calamine", "calamine"), ("openpyxl (read_only)", "openpyxl")):
            if name in commands:
                answers[name] = subprocess.run([sys.executable, peer, path, tool], check=True, capture_output=True,
                                               text=True).stdout.strip()
        if len(set(answers.values())) != 1:
            sys.exit(f"answers differ for {path}: {answers}")
        export = os.path.join(DATA, f"sheets-{kind}.json")
        subprocess.run(["hyperfine", "--warmup", "1", "--runs", str(RUNS), "--export-json", export, "--style", "none"]
                       + [c for c in commands.values()], check=True, stdout=subprocess.DEVNULL)
        results = json.load(open(export))["results"]
        by_name = dict(zip(commands, results))
        base = by_name["reviewql"]["median"]
        for name, result in by_name.items():
            rows.append((kind, name, result["median"], result["min"], result["max"], result["median"] / base))
        print(f"{kind}: every tool answered {answers['reviewql']} (rows, sum of amount)", file=sys.stderr)
    print("| sheet | tool | median wall s | min–max s | × ReviewQL |")
    print("|---|---|---:|---:|---:|")
    for kind, name, median, low, high, ratio in rows:
        print(f"| 100,000 × 10 .{kind} | {name} | {median:.3f} | {low:.3f}–{high:.3f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
