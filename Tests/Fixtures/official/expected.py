"""Writes NAME.expected.json beside each fixture here: the table ReviewQL must load from it,
worked out independently with pandas (read_csv with the symbols as na_values), for
OfficialStatisticsTests. Run from this folder: python3 expected.py

The rules written out here, from docs/DATA.md ("Official statistics symbols", "Periods"):
- a symbol (the list below) in a column of numbers is a missing value that keeps its symbol;
- a column of only symbols and empty cells is numbers when another column of the file holds
  numbers with symbols, else text;
- a column is integer when every number is written without a point or exponent, decimal when
  some are, text otherwise (and when a number has a leading zero, which keeps a code's zeros);
- time_period with time_identifier "Academic year", "Financial year" ... (six digits) is the
  text 2023-24; "Calendar year", "Reporting year" (four digits) is 2023.
"""
import json
import os
import sys

import pandas as pd

SYMBOLS = ["c", "[c]", "x", "[x]", ":", "..", "z", "[z]", "u", "[u]", "low", "[low]", "k", "[k]", "~"]
SIX_DIGIT_YEARS = {"Academic year", "Financial year", "Tax year"}
FOUR_DIGIT_YEARS = {"Calendar year", "Reporting year"}


def expected(path):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    typed = pd.read_csv(path, na_values=SYMBOLS + [""], keep_default_na=False)
    kinds = {}
    for name in raw.columns:
        cells = [cell.strip() for cell in raw[name]]
        numbers = [cell for cell in cells if cell != "" and cell not in SYMBOLS]
        if typed[name].dtype.kind not in "if" or any(len(n.lstrip("+-")) > 1 and n.lstrip("+-")[0] == "0" and n.lstrip("+-")[1] != "." for n in numbers):
            kinds[name] = "text"
        elif numbers and any(("." in n or "e" in n.lower()) for n in numbers):
            kinds[name] = "decimal"
        else:
            kinds[name] = "integer" if numbers or any(cell in SYMBOLS for cell in cells) else "text"
    with_symbols = any(kinds[n] != "text" and any(c.strip() in SYMBOLS for c in raw[n]) and
                       any(c.strip() not in SYMBOLS and c.strip() != "" for c in raw[n]) for n in raw.columns)
    columns = []
    for name in raw.columns:
        cells = [cell.strip() for cell in raw[name]]
        only_symbols = all(c in SYMBOLS or c == "" for c in cells) and any(c in SYMBOLS for c in cells)
        kind = kinds[name]
        if only_symbols:
            kind = "integer" if with_symbols else "text"
        values, symbols = [], {}
        for row, cell in enumerate(cells):
            if cell == "":
                values.append(None)
            elif kind != "text" and cell in SYMBOLS:
                values.append(None)
                symbols[str(row)] = cell
            elif kind == "text":
                values.append(raw[name][row])
            else:
                value = typed[name][row]
                values.append(int(value) if kind == "integer" else float(value))
        columns.append({"name": name, "type": kind, "values": values, "symbols": symbols})
    if "time_period" in raw.columns and "time_identifier" in raw.columns:
        identifiers = list(raw["time_identifier"])
        if all(i in SIX_DIGIT_YEARS | FOUR_DIGIT_YEARS for i in identifiers) and len(set(identifiers)) == 1:
            column = next(c for c in columns if c["name"] == "time_period")
            labels = []
            for period, identifier in zip(raw["time_period"], identifiers):
                p = int(period)
                labels.append(f"{p // 100}-{p % 100:02d}" if identifier in SIX_DIGIT_YEARS else str(p))
            column.update(type="text", values=labels, symbols={})
    return {"rows": len(raw), "columns": columns}


if __name__ == "__main__":
    names = sys.argv[1:] or ["csww_indicators_2024_first_lines", "ks2_cin_2024_first_lines", "../dfe_children_in_need"]
    for name in names:
        with open(os.path.basename(name) + ".expected.json", "w") as out:
            json.dump(expected(name + ".csv"), out, indent=1)
            out.write("\n")
