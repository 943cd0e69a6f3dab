"""Writes the spreadsheets and pandas-made files of Tests/Fixtures/corpus/made/.

Run by make.sh (which then converts the spreadsheets with LibreOffice and runs R).
The same six-review tracker is written the ways people's programs write it; each output
names the program and options in make.sh's log and in SOURCES.txt.
"""
import datetime
import os
import sys

import openpyxl
import pandas as pd

OUT = sys.argv[1]          # made/
WORK = sys.argv[2]         # scratch folder for the spreadsheets LibreOffice converts

ROWS = [
    # authority, lead_reviewer, letter_date, judgement, children, cost, known_share
    ("Norfolk", "Zoë Hart", datetime.date(2009, 1, 31), "Inadequate", 3, 1234.5, 0.34),
    ("Devon", "Siân O’Neil", datetime.date(2008, 11, 4), "Adequate", 1, 980.0, 0.5),
    ("Barking & Dagenham", "José Ruiz", datetime.date(2009, 3, 15), "Good", 2, 12500.0, 0.125),
    ("Southend-on-Sea", "Mary-Kate D’Arcy", datetime.date(2008, 4, 1), "Inadequate", 4, 2750.25, 0.8),
    ("Kingston upon Thames", "Renée Blanc", datetime.date(2008, 12, 9), "Adequate", 1, 1100.0, 0.05),
    ("Stoke-on-Trent", "Li Wei", datetime.date(2009, 5, 20), "Good", 2, 45000.0, 1.0),
]
COLUMNS = ["authority", "lead_reviewer", "letter_date", "judgement", "children", "cost", "known_share"]


def frame():
    return pd.DataFrame(ROWS, columns=COLUMNS).assign(letter_date=lambda d: pd.to_datetime(d.letter_date))


def sheet(path, title_rows=(), notes=(), formats=None):
    """An .xlsx as a person lays it out: optional title lines, the table, optional notes below."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Table 1"
    for line in title_rows:
        ws.append([line] if line else [])
    ws.append(COLUMNS)
    for row in ROWS:
        ws.append(list(row))
        for col, fmt in (formats or {}).items():
            ws.cell(row=ws.max_row, column=COLUMNS.index(col) + 1).number_format = fmt
    for line in notes:
        ws.append([line] if line else [])
    book.save(path)


os.makedirs(OUT, exist_ok=True)
os.makedirs(WORK, exist_ok=True)
uk = {"letter_date": "DD/MM/YYYY", "cost": "#,##0.00", "known_share": "0%"}
sheet(f"{WORK}/lo_plain.xlsx", formats={"letter_date": "YYYY-MM-DD"})
sheet(f"{WORK}/lo_formatted.xlsx", formats=uk)
sheet(f"{WORK}/lo_month_names.xlsx", formats={"letter_date": "DD-MMM-YYYY", "cost": '"£"#,##0.00'})
sheet(f"{WORK}/lo_long_dates.xlsx", formats={"letter_date": "D MMMM YYYY"})
sheet(f"{WORK}/lo_short_dates.xlsx", formats={"letter_date": "D/M/YY"})
sheet(f"{WORK}/lo_titles_notes.xlsx",
      title_rows=["Table 1: Serious case reviews evaluated, April 2008 to May 2009",
                  "Source: a board's own tracker (made-up rows for testing)", ""],
      notes=["", "Notes", "1. Costs are in pounds and include the independent author's fee.",
             "2. Known share is the share of agencies that returned their reports."],
      formats={"letter_date": "DD/MM/YYYY"})

# Official tables repeat "Number" and "%" under each year; the year sits in a merged cell above.
book = openpyxl.Workbook()
ws = book.active
ws.append(["judgement", "Number", "%", "Number", "%"])
for row in [("Inadequate", 20, 40, 59, 34.1), ("Adequate", 22, 44, 74, 42.8), ("Good", 8, 16, 40, 23.1)]:
    ws.append(list(row))
book.save(f"{WORK}/lo_duplicate_names.xlsx")

# A GSS-style accessible table (title, a line about the worksheet, source, then the table;
# suppressed cells as [c]) from the real rows of official/dfe_cpp_by_duration.csv.
official = pd.read_csv(os.path.join(os.path.dirname(os.path.abspath(__file__)), "official",
                                    "dfe_cpp_by_duration.csv"), dtype=str, keep_default_na=False)
book = openpyxl.Workbook()
ws = book.active
ws.title = "Table_C5"
ws.append(["Table C5: Child protection plans at 31 March 2025 by length of time, England, regions and local authorities"])
ws.append(["This worksheet contains one table. Suppressed figures are shown as [c]."])
ws.append(["Source: Department for Education, Children in need census"])
ws.append(["Area", "Plans at 31 March", "3 months or less", "3 months or less (%)",
           "2 years or more", "2 years or more (%)"])
for _, r in official.iterrows():
    area = r["la_name"] or r["region_name"] or r["country_name"]
    cells = [r["CPP_At31"], r["3_months_or_less"], r["3_months_or_less_percent"],
             r["2_years_or_more"], r["2_years_or_more_percent"]]
    ws.append([area] + ["[c]" if v == "c" else float(v) if "." in v else int(v) for v in cells])
book.save(f"{WORK}/lo_gss_table.xlsx")

df = frame()
df.to_csv(f"{OUT}/pandas_index.csv")                                    # unnamed index column
df.to_csv(f"{OUT}/pandas_tab.tsv", sep="\t", index=False)
df.to_csv(f"{OUT}/pandas_cp1252.csv", index=False, encoding="cp1252")
df.to_csv(f"{OUT}/pandas_utf16.csv", index=False, encoding="utf-16")
df.to_csv(f"{OUT}/pandas_pipe.csv", index=False, sep="|")
# What R's and pandas' readers get back when a file is written by one tool and read by the next.
df.to_csv(f"{OUT}/pandas_dayfirst_datetime.csv", index=False, date_format="%d/%m/%Y %H:%M")
