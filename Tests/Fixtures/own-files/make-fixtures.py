#!/usr/bin/env python3
"""Makes the own-files fixtures the way people make them (LibreOffice, pandas, R, Excel's
formats), and each one's expected table, read independently by pandas with the options
written out by hand (separator, encoding, lines to skip): NAME.expected.csv, UTF-8, commas,
every cell as the text pandas read. Run from this folder:  python3 make-fixtures.py
Needs: python3 with pandas and openpyxl, LibreOffice (soffice), R (Rscript)."""
import csv, os, subprocess, tempfile
import openpyxl
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)

REVIEWS = [  # authority, reviews, judgement, letter date
    ("Barking & Dagenham", 3, "Adequate", "2008-05-12"),
    ("Bristol, City of", 2, "Inadequate", "2008-07-01"),
    ("Hammersmith & Fulham", 1, "Good", "2009-01-31"),
    ("Southend-on-Sea", 4, "Adequate", "2009-03-02"),
    ("St. Helens", 2, "Good", "2008-11-20"),
    ("Telford & Wrekin", 5, "Inadequate", "2009-02-14"),
]
ACCENTED = [("Café Nero’s £5 review", 1, "Good", "2008-06-01"), ("Zoë O’Brien", 2, "Adequate", "2008-09-09")]


def expected(name, **read_options):
    """pandas reads the fixture with explicit options; every cell kept as its text."""
    frame = pd.read_csv(name, dtype=str, keep_default_na=False, **read_options)
    frame.to_csv(name + ".expected.csv", index=False, encoding="utf-8", lineterminator="\n")


def soffice_csv(workbook, out_name, filter_options):
    """LibreOffice converts the sheet to CSV with the given filter options."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):" + filter_options,
                        "--outdir", tmp, workbook], check=True, capture_output=True)
        produced = os.path.join(tmp, os.path.splitext(os.path.basename(workbook))[0] + ".csv")
        os.replace(produced, out_name)


# 1. An Ofsted-style sheet (title and note above the header, footnotes below after an empty
#    row) saved by LibreOffice as CSV with semicolons in Windows-1252 (filter 59,34,1,1:
#    separator 59 ";", quote 34, character set 1 = Windows-1252, first line 1).
book = openpyxl.Workbook()
sheet = book.active
sheet.append(["Table 3: Serious case reviews evaluated, 2008-09"])
sheet.append(["Source: Ofsted, evaluations of serious case reviews"])
sheet.append([])
sheet.append(["authority", "reviews", "judgement", "letter_date"])
for row in REVIEWS + ACCENTED:
    sheet.append(list(row))
sheet.append([])
sheet.append(["1. Figures are provisional."])
sheet.append(["2. £ figures are not adjusted for inflation."])
book.save("sheet-with-titles.xlsx")
soffice_csv("sheet-with-titles.xlsx", "libreoffice-semicolon-windows1252.csv", "59,34,1,1")
expected("libreoffice-semicolon-windows1252.csv", sep=";", encoding="cp1252", skiprows=3, skipfooter=3, engine="python")

# 2. The same sheet saved by LibreOffice as UTF-8 CSV with commas (filter 44,34,76,1).
soffice_csv("sheet-with-titles.xlsx", "libreoffice-titles-utf8.csv", "44,34,76,1")
expected("libreoffice-titles-utf8.csv", skiprows=3, skipfooter=3, engine="python")

# 3. pandas' to_csv with its index (an unnamed first column), semicolons, Windows-1252.
frame = pd.DataFrame(REVIEWS + ACCENTED, columns=["authority", "reviews", "judgement", "letter_date"])
frame.to_csv("pandas-semicolon-cp1252-index.csv", sep=";", encoding="cp1252")
expected("pandas-semicolon-cp1252-index.csv", sep=";", encoding="cp1252")

# 4. pandas writing UTF-16 with tabs, as Excel's "Unicode Text" is.
frame.to_csv("pandas-utf16-tab.txt", sep="\t", encoding="utf-16", index=False)
expected("pandas-utf16-tab.txt", sep="\t", encoding="utf-16")

# 5. R's write.csv: a "" header over the row names.
with open("reviews.tmp.csv", "w", encoding="utf-8", newline="") as out:
    csv.writer(out).writerows([["authority", "reviews", "judgement", "letter_date"]] + REVIEWS)
subprocess.run(["Rscript", "-e", "d <- read.csv('reviews.tmp.csv', check.names = FALSE, stringsAsFactors = FALSE); "
                "write.csv(d, 'r-write-csv.csv')"], check=True, capture_output=True)
os.remove("reviews.tmp.csv")
expected("r-write-csv.csv")

# 6. Pipes, written by pandas.
frame.head(6).to_csv("pandas-pipe.csv", sep="|", index=False)
expected("pandas-pipe.csv", sep="|")

# 7. Two exports joined with cat: the header repeats inside the data.
frame.head(3).to_csv("part1.tmp.csv", index=False)
frame.iloc[3:6].to_csv("part2.tmp.csv", index=False)
with open("joined-repeated-header.csv", "wb") as out:
    for part in ["part1.tmp.csv", "part2.tmp.csv"]:
        out.write(open(part, "rb").read())
        os.remove(part)
expected("joined-repeated-header.csv", skiprows=[4])

# 8. A trailing comma on every line (an unnamed empty last column), as some exporters write.
with open("trailing-comma.csv", "w", encoding="utf-8", newline="") as out:
    for row in [["authority", "reviews", "judgement", "letter_date"]] + [list(map(str, r)) for r in REVIEWS]:
        out.write(",".join(f'"{c}"' if "," in c else c for c in row) + ",\r\n")
expected("trailing-comma.csv", usecols=range(4))

# 9. Workbooks and a PDF, to be refused by name: LibreOffice converts the sheet.
subprocess.run(["soffice", "--headless", "--convert-to", "ods", "sheet-with-titles.xlsx"], check=True, capture_output=True)
subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "sheet-with-titles.xlsx"], check=True, capture_output=True)
