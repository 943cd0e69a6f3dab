#!/usr/bin/env python3
"""Opens a workbook ReviewQL wrote with openpyxl and checks it against the CSV file the
result came from, read here with Python's csv module: the same values, numbers as numbers,
dates as dates, a bold header, and no formula anywhere (in openpyxl's view and in the raw
sheet XML). Prints "ok" or what differs.

    check_workbook.py WORKBOOK list SOURCE.csv       # a `list` of the whole file
    check_workbook.py WORKBOOK count SOURCE.csv COLUMN  # a `count ... group by COLUMN`
"""
import collections
import csv
import datetime
import re
import sys
import zipfile

import openpyxl


INTEGER = r"-?[1-9][0-9]*|0"
DATE = r"(\d{2})/(\d{2})/(\d{4})|(\d{4})-(\d{2})-(\d{2})"


def column_kinds(records):
    """A column is whole numbers or dates when every filled cell is one (docs/LANGUAGE.md's
    rule, "Loading CSV files"), else text: decided here, independently of ReviewQL."""
    kinds = []
    for c in range(len(records[0])):
        cells = [r[c] for r in records[1:] if r[c] != ""]
        if cells and all(re.fullmatch(INTEGER, t) for t in cells):
            kinds.append("integer")
        elif cells and all(re.fullmatch(DATE, t) for t in cells):
            kinds.append("date")
        else:
            kinds.append("text")
    return kinds


def expected_cell(text, kind):
    """The value a spreadsheet should hold for a CSV field of a column of `kind`."""
    if text == "":
        return None
    if kind == "integer":
        return int(text)
    if kind == "date":
        m = re.fullmatch(DATE, text)
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[6], m[5], m[4])
        return datetime.datetime(int(year), int(month), int(day))
    return text


def main():
    path, kind, source = sys.argv[1], sys.argv[2], sys.argv[3]
    problems = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and re.search(rb"<f[ >]", archive.read(name)):
                problems.append(f"{name} has a formula")
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0] if c.value is not None]
    if not all(c.font.b for c in rows[0] if c.value is not None):
        problems.append("the header is not bold")
    for row in rows:
        for cell in row:
            if cell.data_type == "f":
                problems.append(f"{cell.coordinate} is a formula")
    with open(source, newline="", encoding="utf-8-sig") as f:
        records = list(csv.reader(f))
    if kind == "list":
        if header != records[0]:
            problems.append(f"header {header} != {records[0]}")
        body = [[c.value for c in row[: len(header)]] for row in rows[1 : len(records)]]
        kinds = column_kinds(records)
        for i, (got, want) in enumerate(zip(body, records[1:])):
            want = [expected_cell(t, kind) for t, kind in zip(want, kinds)]
            if got != want:
                problems.append(f"row {i + 2}: {got} != {want}")
        for row in rows[1 : len(records)]:
            for cell in row:
                if isinstance(cell.value, datetime.datetime) and "yy" not in cell.number_format:
                    problems.append(f"{cell.coordinate} is a date without a date format")
        if len(rows) < len(records):
            problems.append(f"{len(rows)} rows, expected at least {len(records)}")
    else:
        column = sys.argv[4]
        index = records[0].index(column)
        counts = collections.Counter(r[index] for r in records[1:])
        got = {row[0].value: row[1].value for row in rows[1:] if row[0].value in counts}
        if got != dict(counts):
            problems.append(f"counts {got} != {dict(counts)}")
        for row in rows[1:]:
            if row[0].value in counts and not isinstance(row[1].value, int):
                problems.append(f"{row[1].coordinate} is not a number: {row[1].value!r}")
    print("ok" if not problems else "\n".join(problems[:20]))


main()
