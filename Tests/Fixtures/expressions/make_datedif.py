"""Makes datedif.csv, the date differences checked by ExpressionAnswersTests: pairs of dates
(the month-end cases first, then random ones) with LibreOffice's own answers for B-A (days)
and DATEDIF(A, B, "m") and DATEDIF(A, B, "y") (whole months and years, Excel's rule).

Run once, from this folder, with openpyxl and LibreOffice installed:
    python3 make_datedif.py && soffice --headless --convert-to csv datedif.xlsx && rm datedif.xlsx
LibreOffice calculates the formulas as it opens the workbook (openpyxl saves no values)."""
import datetime
import random

import openpyxl

random.seed(18)
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["a", "b", "days", "months", "years"])
pairs = [(datetime.date(2009, 1, 31), datetime.date(2009, 2, 28)),
         (datetime.date(2009, 1, 31), datetime.date(2009, 3, 31)),
         (datetime.date(2008, 2, 29), datetime.date(2009, 2, 28)),
         (datetime.date(2008, 2, 29), datetime.date(2012, 2, 29))]
for _ in range(60):
    a = datetime.date(2000, 1, 1) + datetime.timedelta(days=random.randint(0, 4000))
    pairs.append((a, a + datetime.timedelta(days=random.randint(0, 3000))))
for row, (a, b) in enumerate(pairs, start=2):
    ws.append([a, b, f"=B{row}-A{row}", f'=DATEDIF(A{row},B{row},"m")', f'=DATEDIF(A{row},B{row},"y")'])
    ws.cell(row, 1).number_format = "yyyy-mm-dd"
    ws.cell(row, 2).number_format = "yyyy-mm-dd"
wb.save("datedif.xlsx")
