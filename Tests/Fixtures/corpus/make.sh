#!/bin/bash
# Makes Tests/Fixtures/corpus/made/ with the programs people use: pandas, LibreOffice and R.
# Needs python3 with pandas and openpyxl, soffice (LibreOffice 7.4) and Rscript (R 4.2).
# Run from anywhere: bash Tests/Fixtures/corpus/make.sh ; then python3 .../expect.py.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/made"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

python3 "$HERE/make_made.py" "$OUT" "$WORK"

# LibreOffice: "Text - txt - csv (StarCalc)" filter options are separator, quote, character
# set (76 = UTF-8, 1 = Windows-1252), first line; cells are saved as shown.
convert() { # convert SHEET OPTIONS OUTNAME
    local dir="$WORK/out_$3"
    mkdir -p "$dir"
    soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):$2" --outdir "$dir" "$WORK/$1.xlsx" >/dev/null 2>&1
    mv "$dir/$1.csv" "$OUT/$3"
}
convert lo_plain 59,34,76 lo_semicolon.csv
convert lo_plain 9,34,76 lo_tab.csv
convert lo_plain 44,34,1 lo_windows1252.csv
convert lo_formatted 44,34,76 lo_uk_formats.csv
convert lo_month_names 44,34,76 lo_month_names.csv
convert lo_titles_notes 44,34,76 lo_titles_notes.csv
convert lo_gss_table 44,34,76 lo_gss_table.csv
convert lo_long_dates 44,34,76 lo_long_dates.csv
convert lo_short_dates 44,34,76 lo_short_dates.csv
convert lo_month_names 44,34,1 lo_windows1252_pounds.csv

convert lo_duplicate_names 44,34,76 lo_duplicate_names.csv

# R: write.csv's row-name column has the empty name ""; write.csv2 uses ; and a decimal comma.
Rscript -e '
  a <- commandArgs(TRUE)
  d <- read.delim(a[1], encoding = "UTF-8", stringsAsFactors = FALSE)
  write.csv(d, a[2])
  write.csv2(d, a[3], row.names = FALSE)
' "$OUT/pandas_tab.tsv" "$OUT/r_write_csv.csv" "$OUT/r_write_csv2.csv"

# Excel's "CSV UTF-8" is the sheet as shown, with a byte-order mark and CRLF line ends:
# the LibreOffice export of the formatted sheet, given Excel's BOM and line ends.
python3 - "$OUT/lo_uk_formats.csv" "$OUT/excel_utf8_bom_crlf.csv" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8", newline="").read()
open(sys.argv[2], "w", encoding="utf-8-sig", newline="").write(text.replace("\n", "\r\n"))
PY

# Files put together by hand, as people do:
# two exports concatenated (the second header lands in the middle of the data),
{ cat "$OUT/lo_semicolon.csv" | tr ';' ','; tail -n +1 "$OUT/lo_semicolon.csv" | tr ';' ','; } > "$OUT/repeated_header.csv"
# footnotes typed after a blank line under the table,
{ cat "$OUT/lo_duplicate_names.csv"; printf '\nSource: Ofsted, Learning lessons from serious case reviews: year 2 (2009)\nNote: percentages may not add to 100 because of rounding.\n'; } > "$OUT/footnotes.csv"
# and a trailing comma on every line, as tools that pad each line to an empty last column write.
sed 's/$/,/' "$OUT/lo_tab.csv" | tr '\t' ',' > "$OUT/trailing_comma.csv"
