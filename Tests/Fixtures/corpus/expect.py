"""Writes expected.json: the table a careful person would call right for each corpus file.

Each file is read with pandas (3.x) given EXPLICIT options chosen by looking at the file
(separator, encoding, lines to skip, rows to keep, symbols that mean "no number", thousands
and decimal marks, day-first dates); nothing is left to pandas' guessing. For each column the
expectation is its name, the kinds a careful person would accept (number / date / text /
boolean; codes and periods may be numbers or text), and for numbers the sum and count of the
known values; for dates the earliest and latest; for short text columns the set of values
(which catches a wrong encoding). CorpusTests.swift compares ReviewQL's loading with this.

Run: python3 Tests/Fixtures/corpus/expect.py  (writes Tests/Fixtures/corpus/expected.json);
add --check-duckdb to have DuckDB read the official files again and agree.
"""
import json
import math
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))

# Official statistics symbols (GSS guidance and the DfE's): each means "no number here".
SYMBOLS = ["c", "x", "z", "u", "k", "low", ":", "~", "..",
           "[c]", "[x]", "[z]", "[u]", "[k]", "[low]"]
# Columns that are codes or periods, not measures: a careful person accepts them as numbers
# or as text (or as a period), and does not add them up.
CODES = {"time_period", "old_la_code", "year", "Indicator ID", "Time period Sortable"}
PERIOD_KINDS = ["number", "text", "date", "period"]
OFFICIAL = dict(sep=",", encoding="utf-8", keep_default_na=False, na_values=[""] + SYMBOLS)

MADE = dict(keep_default_na=False, na_values=[""])
UK_DATES = {"letter_date": "%d/%m/%Y"}
ISO_DATES = {"letter_date": "%Y-%m-%d"}

# path, pandas options, date columns with their formats, percent columns, columns renamed or
# added by the right reading (position -> why), and what the person decided by looking.
FILES = [
    ("../dfe_children_in_need.csv", OFFICIAL, {}, [], {}, "plain EES file"),
    ("official/dfe_cin_section47_icpc.csv", OFFICIAL, {}, [], {}, "c in four duration columns"),
    ("official/dfe_care_leavers_activity.csv", OFFICIAL, {}, [], {}, "z in count and percent"),
    ("official/dfe_csww_workforce.csv", OFFICIAL, {}, [], {},
     "low and z symbols; old_la_code '940 / 941' makes it a text code"),
    ("official/dfe_cla_rate_per_10000.csv", OFFICIAL, {}, [], {}, "plain; no symbols"),
    ("official/ohid_hospital_admissions_injuries.csv", OFFICIAL, {}, [], {},
     "Fingertips export: spaces in names, empty columns, 2010/11 periods"),
    ("official/dfe_adoption_time_between_stages.csv", OFFICIAL, {}, [], {},
     "number holds years:months (00:10) and counts: text"),
    ("official/ons_mid_year_population_children.csv", OFFICIAL, {}, [], {}, "plain"),
    ("official/dfe_exclusion_natcharacteristics.csv", OFFICIAL, {}, [], {},
     "older EES layout; x symbols"),
    ("official/dfe_cpp_by_duration.csv", OFFICIAL, {}, [], {},
     "c symbols; names starting with digits"),
    ("made/pandas_index.csv", MADE, ISO_DATES, [], {0: "pandas' unnamed index column"},
     "first column is pandas' row number with a blank name"),
    ("made/pandas_tab.tsv", dict(MADE, sep="\t"), ISO_DATES, [], {}, "tab separated"),
    ("made/pandas_cp1252.csv", dict(MADE, encoding="cp1252"), ISO_DATES, [], {},
     "Windows-1252: ë, â, é, ’"),
    ("made/pandas_utf16.csv", dict(MADE, encoding="utf-16"), ISO_DATES, [], {}, "UTF-16 with BOM"),
    ("made/pandas_pipe.csv", dict(MADE, sep="|"), ISO_DATES, [], {}, "pipe separated"),
    ("made/pandas_dayfirst_datetime.csv", MADE, {"letter_date": "%d/%m/%Y %H:%M"}, [], {},
     "day-first date-times (midnight)"),
    ("made/lo_semicolon.csv", dict(MADE, sep=";"), ISO_DATES, [], {}, "LibreOffice, ; separator"),
    ("made/lo_tab.csv", dict(MADE, sep="\t"), ISO_DATES, [], {}, "LibreOffice, tab separator"),
    ("made/lo_windows1252.csv", dict(MADE, encoding="cp1252"), ISO_DATES, [], {},
     "LibreOffice, Windows-1252"),
    ("made/lo_uk_formats.csv", dict(MADE, thousands=","), UK_DATES, ["known_share"], {},
     "cells as shown: 1,234.50, 34%, 31/01/2009"),
    ("made/lo_month_names.csv", dict(MADE, thousands=","), {"letter_date": "%d-%b-%Y"}, [], {},
     "31-Jan-2009 and £1,234.50"),
    ("made/lo_gss_table.csv", dict(OFFICIAL, skiprows=3), {}, [], {},
     "GSS-style sheet as CSV: three lines above the header; [c] for suppressed"),
    ("made/lo_long_dates.csv", MADE, {"letter_date": "%d %B %Y"}, [], {}, "31 January 2009"),
    ("made/lo_short_dates.csv", MADE, {"letter_date": "%d/%m/%y"}, [], {},
     "1/4/08: day first, no leading zeros, two-digit years (all 20xx)"),
    ("made/lo_windows1252_pounds.csv", dict(MADE, encoding="cp1252", thousands=","),
     {"letter_date": "%d-%b-%Y"}, [], {}, "Excel's default Windows CSV: £ as byte 0xA3, ’ as 0x92"),
    ("made/lo_titles_notes.csv", dict(MADE, skiprows=3, nrows=6), UK_DATES, [], {},
     "three title lines above the header; a blank line and three notes below"),
    ("made/lo_duplicate_names.csv", MADE, {}, [], {3: "second Number", 4: "second %"},
     "Number,%,Number,% as in official tables"),
    ("made/r_write_csv.csv", MADE, ISO_DATES, [], {0: "R's row names column, named \"\""},
     "R write.csv"),
    ("made/r_write_csv2.csv", dict(MADE, sep=";", decimal=","), ISO_DATES, [], {},
     "R write.csv2: ; separator, decimal comma"),
    ("made/excel_utf8_bom_crlf.csv", dict(MADE, encoding="utf-8-sig", thousands=","), UK_DATES,
     ["known_share"], {}, "BOM, CRLF, 1,234.50, 34%, 31/01/2009"),
    ("made/repeated_header.csv", MADE, ISO_DATES, [], {},
     "two exports concatenated: the second header line is not data"),
    ("made/footnotes.csv", dict(MADE, nrows=3), {}, [], {3: "second Number", 4: "second %"},
     "a blank line then two footnotes under the table"),
    ("made/trailing_comma.csv", dict(MADE, usecols=range(7)), ISO_DATES, [], {},
     "a trailing comma on every line: an unnamed, empty last column, dropped"),
]


def read(path, options, dates, percents):
    options = dict(options)
    frame = pd.read_csv(os.path.join(HERE, path), dtype=str, **options)
    if path == "made/repeated_header.csv":
        frame = frame[frame.iloc[:, 0] != frame.columns[0]]
    for name in frame.columns:
        if name in dates:
            frame[name] = pd.to_datetime(frame[name], format=dates[name])
        elif name in percents:
            frame[name] = pd.to_numeric(frame[name].str.rstrip("%"))
        else:
            cleaned = frame[name].str.replace("£", "", regex=False)
            if options.get("thousands"):
                cleaned = cleaned.str.replace(options["thousands"], "", regex=False)
            if options.get("decimal"):
                cleaned = cleaned.str.replace(options["decimal"], ".", regex=False)
            numbers = pd.to_numeric(cleaned, errors="coerce")
            if cleaned.notna().sum() > 0 and numbers.notna().sum() == cleaned.notna().sum():
                frame[name] = numbers
    return frame


def column(frame, index, renamed, percents, dates):
    name = frame.columns[index]
    values = frame.iloc[:, index]
    entry = {"name": str(name)}
    if index in renamed:
        entry["renamed"] = renamed[index]
    known = values.dropna()
    if len(known) == 0:
        entry["kinds"] = ["empty"]
    elif name in CODES:
        entry["kinds"] = PERIOD_KINDS
    elif pd.api.types.is_datetime64_any_dtype(values):
        # A date-time column may be held as a date-time; midnight everywhere may be a date.
        entry["kinds"] = ["date", "datetime", "timestamp"] if "%H" in dates.get(name, "") else ["date"]
        entry["min"] = known.min().strftime("%Y-%m-%d")
        entry["max"] = known.max().strftime("%Y-%m-%d")
    elif pd.api.types.is_numeric_dtype(values):
        entry["kinds"] = ["number"]
        total = float(known.sum())
        entry["sum"] = round(total, 6) if not math.isclose(total, round(total)) else round(total)
        entry["count"] = int(len(known))
        if name in percents:
            entry["unit"] = "%"
    else:
        entry["kinds"] = ["text"]
        distinct = sorted(set(known))
        if len(distinct) <= 8:
            entry["values"] = distinct
    return entry


def check_with_duckdb(files):
    """A second, independent reading of the UTF-8 comma files: DuckDB with the same symbols as
    NULL must give the same row counts and sums (python3 expect.py --check-duckdb)."""
    import duckdb
    compared = 0
    for entry in files:
        options = next(o for p, o, *_ in FILES if p == entry["path"])
        if options is not OFFICIAL:
            continue
        nulls = ", ".join("'" + symbol + "'" for symbol in [""] + SYMBOLS)
        rows = duckdb.connect().execute(
            f"select * from read_csv(?, header = true, nullstr = [{nulls}], all_varchar = true)",
            [os.path.join(HERE, entry["path"])]).fetchall()
        assert len(rows) == entry["rows"], entry["path"]
        for i, col in enumerate(entry["columns"]):
            if "sum" in col:
                values = [float(r[i]) for r in rows if r[i] is not None]
                assert len(values) == col["count"] and math.isclose(sum(values), col["sum"], rel_tol=1e-9), \
                    (entry["path"], col["name"])
                compared += 1
    print(f"DuckDB agrees with pandas on the official files' rows and on {compared} columns' counts and sums")


def main():
    out = []
    for path, options, dates, percents, renamed, why in FILES:
        frame = read(path, options, dates, percents)
        out.append({
            "path": path,
            "why": why,
            "options": {k: (list(v) if isinstance(v, range) else v) for k, v in options.items()},
            "rows": int(len(frame)),
            "columns": [column(frame, i, renamed, percents, dates) for i in range(len(frame.columns))],
        })
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"made_by": "Tests/Fixtures/corpus/expect.py with pandas " + pd.__version__,
                   "files": out}, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
    if "--check-duckdb" in __import__("sys").argv:
        with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as f:
            check_with_duckdb(json.load(f)["files"])
