#!/usr/bin/env python3
"""Makes the workbook fixtures with real programs: openpyxl 3.1 and xlsxwriter 3.3 write .xlsx,
LibreOffice 7.4 (soffice --headless) re-saves them as .xlsx, .ods and .xls; msoffcrypto-tool
and LibreOffice (protect_ods.py) save password-protected copies. Run from this folder: python3 make.py (needs openpyxl, xlsxwriter and soffice).

Beside each workbook, expected/NAME.csv holds the table as python-calamine reads the sheet
(an independent reader: Rust's calamine), cut to the table's rows and columns as the fixture
is laid out (the header row and data rows given below), for WorkbookTests to compare with."""
import csv
import datetime as dt
import os
import shutil
import subprocess
import tempfile

import openpyxl
import xlsxwriter
from openpyxl.styles import Font
from python_calamine import CalamineWorkbook

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("expected", exist_ok=True)

REVIEWS = [
    ("Norfolk", dt.date(2008, 6, 12), "Inadequate", 2, 1250.5, True),
    ("Devon", dt.date(2008, 9, 30), "Adequate", 1, 980.0, False),
    ("Kingston", dt.date(2009, 1, 31), "Good", 3, 1410.25, True),
    ("Barking & Dagenham", dt.date(2009, 3, 2), "Adequate", 1, 760.75, False),
    ("Leeds", dt.date(2008, 4, 1), "Inadequate", 4, 2005.0, True),
]
HEADER = ["authority", "letter_date", "judgement", "children", "cost", "published"]


def tracker_openpyxl():
    """tracker.xlsx: a merged title above the header, a blank row, the table, a note below; a
    formula with no cached value (openpyxl does not calculate), an error cell, a hidden sheet
    listed first, and a second visible sheet."""
    wb = openpyxl.Workbook()
    lookup = wb.active
    lookup.title = "Lookup"
    lookup.append(["code", "region"])
    lookup.append([1, "East"])
    lookup.sheet_state = "hidden"
    ws = wb.create_sheet("Reviews")
    ws["A1"] = "Serious case reviews tracker, 2008-09"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append(HEADER + ["children_x2"])
    for i, row in enumerate(REVIEWS, start=4):
        ws.append(list(row) + [f"=D{i}*2"])
        ws.cell(row=i, column=2).number_format = "dd/mm/yyyy"
    ws.cell(row=6, column=5).value = "#DIV/0!"  # an error value (openpyxl writes t="e")
    ws.append([])
    ws.append(["Source: board records; costs in pounds."])
    notes = wb.create_sheet("Notes")
    notes.append(["note"])
    notes.append(["Made by make.py"])
    wb.save("tracker.xlsx")


def soffice(target, source, outdir):
    subprocess.run(["soffice", "--headless", "--convert-to", target, "--outdir", outdir, source],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def libreoffice_copies():
    """tracker_lo.xlsx and tracker.ods: tracker.xlsx re-saved by LibreOffice, which calculates
    the formulas (cached values) and writes its own XML; old.xls in Excel 97-2003 format; and
    the same workbook with a password as .xlsx (an encrypted OLE2 file) and .ods."""
    with tempfile.TemporaryDirectory() as tmp:
        soffice("xlsx", "tracker.xlsx", tmp)
        shutil.move(os.path.join(tmp, "tracker.xlsx"), "tracker_lo.xlsx")
        soffice("ods", "tracker.xlsx", tmp)
        shutil.move(os.path.join(tmp, "tracker.ods"), "tracker.ods")
        soffice("xls", "tracker.xlsx", tmp)
        shutil.move(os.path.join(tmp, "tracker.xls"), "old.xls")
    # LibreOffice 7.4's --convert-to ignores a password, so: msoffcrypto-tool (PyPI) encrypts
    # the .xlsx as Excel does, and LibreOffice's own API saves the .ods with one.
    subprocess.run(["msoffcrypto-tool", "-e", "-p", "secret", "tracker.xlsx", "protected.xlsx"], check=True)
    subprocess.run(["/usr/bin/python3", "protect_ods.py", "tracker.xlsx", "protected.ods", "secret"], check=True)


def dates_1904():
    """dates1904.xlsx (xlsxwriter, the 1904 date system), with a date-time column and a
    whole-number column that is stored as decimals."""
    wb = xlsxwriter.Workbook("dates1904.xlsx", {"date_1904": True})
    ws = wb.add_worksheet("Dates")
    fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    stamp = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    ws.write_row(0, 0, ["day", "stamp", "count"])
    rows = [(dt.date(2009, 1, 31), dt.datetime(2009, 1, 31, 14, 30), 3),
            (dt.date(1904, 1, 2), dt.datetime(2010, 5, 1, 9, 0), 4.0),
            (dt.date(2024, 2, 29), dt.datetime(2024, 2, 29, 23, 59), 5)]
    for r, (day, when, count) in enumerate(rows, start=1):
        ws.write_datetime(r, 0, dt.datetime.combine(day, dt.time()), fmt)
        ws.write_datetime(r, 1, when, stamp)
        ws.write_number(r, 2, count)
    wb.close()


def strings_xlsxwriter():
    """inline.xlsx (xlsxwriter's constant_memory mode writes inline strings), with rich text,
    booleans, text cells holding dates and numbers (read as a CSV cell would be), and a column
    mixing numbers and text."""
    wb = xlsxwriter.Workbook("inline.xlsx", {"constant_memory": True})
    ws = wb.add_worksheet("Cases")
    bold = wb.add_format({"bold": True})
    ws.write_row(0, 0, ["name", "flag", "text_date", "text_number", "mixed"])
    data = [("Alpha", True, "2009-01-31", "12", 1),
            ("Beta", False, "31/03/2009", "7", "none"),
            ("Gamma", True, "2008-04-01", "-3", 2.5)]
    for r, (name, flag, day, number, mixed) in enumerate(data, start=1):
        if name == "Beta":
            ws.write_rich_string(r, 0, "Be", bold, "ta")
        else:
            ws.write_string(r, 0, name)
        ws.write_boolean(r, 1, flag)
        ws.write_string(r, 2, day)
        ws.write_string(r, 3, number)
        ws.write(r, 4, mixed)
    wb.close()


def symbols():
    """symbols.xlsx (openpyxl): counts as numbers with official statistics symbols typed as
    text cells (c, x, [z], low), as DfE and Ofsted sheets have them, and a column of x marks."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Counts"
    ws.append(["la_name", "referrals", "rate", "checked"])
    ws.append(["Norfolk", 120, 31.5, "x"])
    ws.append(["Rutland", "c", "[z]", ""])
    ws.append(["Devon", 85, "low", "x"])
    ws.append(["Leeds", "x", 12.25, ""])
    wb.save("symbols.xlsx")


def damaged():
    """truncated.xlsx: tracker.xlsx cut to its first 2,000 bytes (a download that stopped);
    notzip.xlsx: a text file given a workbook's name; corrupt.xlsx (below)."""
    with open("tracker.xlsx", "rb") as f:
        data = f.read()
    with open("truncated.xlsx", "wb") as f:
        f.write(data[:2000])
    # corrupt.xlsx: one byte of the sheet's compressed XML changed (a disk or transfer error),
    # which unpacking or the part's checksum (CRC-32) finds.
    import zipfile
    with zipfile.ZipFile("tracker.xlsx") as z:
        info = z.getinfo("xl/worksheets/sheet2.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    corrupt = bytearray(data)
    corrupt[start + info.compress_size // 2] ^= 0x55
    with open("corrupt.xlsx", "wb") as f:
        f.write(bytes(corrupt))
    with open("notzip.xlsx", "w") as f:
        f.write("authority,judgement\nNorfolk,Good\n")


def expected(workbook, sheet, header_row, first, last, columns):
    """Writes expected/WORKBOOK.SHEET.csv: the header row and rows first..last (1-based sheet
    rows) of the first `columns` columns, as python-calamine reads them: numbers as Python
    prints them (whole floats as integers), dates ISO, yes/no as true/false, empty as ''."""
    sheet_data = CalamineWorkbook.from_path(workbook).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    def text(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != dt.time() else value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)
    rows = [sheet_data[header_row - 1]] + sheet_data[first - 1:last]
    name = os.path.join("expected", f"{os.path.basename(workbook)}.{sheet}.csv")
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for row in rows:
            w.writerow([text(v) for v in (list(row) + [""] * columns)[:columns]])


tracker_openpyxl()
libreoffice_copies()
dates_1904()
strings_xlsxwriter()
symbols()
damaged()
expected("tracker_lo.xlsx", "Reviews", 3, 4, 8, 7)
expected("tracker.ods", "Reviews", 3, 4, 8, 7)
expected("dates1904.xlsx", "Dates", 1, 2, 4, 3)
expected("inline.xlsx", "Cases", 1, 2, 4, 5)
expected("symbols.xlsx", "Counts", 1, 2, 5, 4)
