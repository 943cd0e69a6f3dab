"""Makes the fixtures in this folder the way people make them, then the values each should
load as, worked out by pandas (not by ReviewQL).

Run from this folder: python3 make_fixtures.py   (needs openpyxl, pandas and LibreOffice's
soffice; R's Rscript for r_dates.csv, made by make_r_dates.R).

- tracker.xlsx -> tracker.csv: a review tracker typed into a spreadsheet with £, % and
  thousands formats and UK date formats, saved as CSV by LibreOffice (values as shown).
- pandas_dates.csv: pandas writing date-times (all midnight, and with times of day) and
  dd/mm/yyyy dates with date_format.
- expected_*.json: each fixture read by pandas with explicit thousands=',', dayfirst=True and
  the % and £ stripped: column -> list of values (numbers, ISO dates, or null).
"""
import datetime as dt
import json
import subprocess

import openpyxl
import pandas as pd

rows = [
    # authority, amount £, rate (fraction, shown as %), children, letter date, review date, start, short, judgement
    ("Norfolk", 1200, 0.34, 1234, dt.date(2009, 1, 31), dt.date(2009, 1, 31), dt.date(2008, 4, 1), dt.date(2025, 5, 9), "Good"),
    ("Devon", 950.5, 0.125, 56, dt.date(2009, 2, 1), dt.date(2009, 2, 1), dt.date(2008, 4, 21), dt.date(1999, 12, 31), "Inadequate"),
    ("Kent", -5, 0, 1234567, dt.date(2008, 12, 25), dt.date(2008, 12, 25), dt.date(2009, 3, 13), dt.date(2001, 1, 2), "Adequate"),
    ("Essex", 1000000, 1, 7, dt.date(2009, 3, 9), dt.date(2009, 3, 9), dt.date(2008, 11, 5), dt.date(2029, 6, 30), "Good"),
]
book = openpyxl.Workbook()
sheet = book.active
sheet.append(["authority", "amount", "rate", "children", "letter_date", "review_date", "start", "short_date", "judgement"])
formats = [None, '"£"#,##0.00', "0.0%", "#,##0", "d-mmm-yyyy", "d mmmm yyyy", "d/m/yyyy", "dd/mm/yy", None]
for row in rows:
    sheet.append(list(row))
for column, number_format in enumerate(formats, start=1):
    if number_format:
        for row in range(2, len(rows) + 2):
            sheet.cell(row=row, column=column).number_format = number_format
book.save("tracker.xlsx")
# Filter options: comma, double quote, UTF-8, from line 1, no column types, locale en-GB (2057),
# quote only as needed, detect special numbers, save cell contents as shown (as Excel does).
subprocess.run(["soffice", "--headless", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,2057,false,true,true", "tracker.xlsx"], check=True)

frame = pd.DataFrame({
    "authority": ["Norfolk", "Devon", "Kent"],
    "midnight": pd.to_datetime(["2009-01-31", "2009-02-01", "2009-03-13"]),
    "stamp": pd.to_datetime(["2009-01-31 10:00", "2009-02-01 14:30", "2009-03-13 09:15"]),
    "uk": pd.to_datetime(["2009-01-31", "2009-02-01", "2009-03-13"]),
})
frame["midnight"] = frame["midnight"].dt.strftime("%Y-%m-%d 00:00:00")
frame["uk"] = frame["uk"].dt.strftime("%d/%m/%Y")
frame.to_csv("pandas_dates.csv", index=False)


def iso(value):
    return None if pd.isna(value) else value.strftime("%Y-%m-%d")


def expected_tracker():
    text = pd.read_csv("tracker.csv", dtype=str, keep_default_na=False)
    numbers = pd.read_csv("tracker.csv", thousands=",")
    out = {
        "amount": [float(v.replace("£", "").replace(",", "")) for v in text["amount"]],
        "rate": [float(v.rstrip("%")) for v in text["rate"]],
        "children": [int(v) for v in numbers["children"]],
    }
    for column in ["letter_date", "review_date", "start"]:
        out[column] = [iso(v) for v in pd.to_datetime(text[column], dayfirst=True, format="mixed")]
    # Two-digit years: strptime's %y (POSIX: 69-99 -> 1900s, 00-68 -> 2000s) and Excel's rule
    # (30-99 -> 1900s) agree on this fixture's years (25, 99, 01, 29).
    out["short_date"] = [iso(v) for v in pd.to_datetime(text["short_date"], format="%d/%m/%y")]
    return out


def expected_pandas_dates():
    frame = pd.read_csv("pandas_dates.csv", dtype=str)
    return {
        "midnight": [iso(v) for v in pd.to_datetime(frame["midnight"])],
        "uk": [iso(v) for v in pd.to_datetime(frame["uk"], dayfirst=True)],
    }


with open("expected_tracker.json", "w") as f:
    json.dump(expected_tracker(), f, indent=1)
with open("expected_pandas_dates.json", "w") as f:
    json.dump(expected_pandas_dates(), f, indent=1)
