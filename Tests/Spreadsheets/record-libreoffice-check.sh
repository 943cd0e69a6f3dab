#!/usr/bin/env bash
# Opens the CSV files ReviewQL writes in LibreOffice headless and records which cells it turned
# into formulas, in Tests/Spreadsheets/libreoffice-formulas.txt: plain CSV (exact data, for
# programs) against CSV for Excel (save ... for excel). Needs soffice and a built reviewql.
set -euo pipefail
cd "$(dirname "$0")/../.."
reviewql=${REVIEWQL:-.build/debug/reviewql}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp Tests/Spreadsheets/risky.csv "$work/risky.csv"
(cd "$work" && "$OLDPWD/$reviewql" --load risky=risky.csv -c 'list risky; save last to "plain.csv"; save last to "excel.csv" for excel' > /dev/null)
{
  echo "# LibreOffice ($(soffice --version | head -n 1)) opening ReviewQL's CSV, $(date -u +%Y-%m-%d)"
  echo "# input: Tests/Spreadsheets/risky.csv; each line is a cell LibreOffice made a formula, and the formula"
  echo "## plain CSV (save last to \"plain.csv\")"
  python3 Tests/Spreadsheets/libreoffice.py formulas "$work/plain.csv"
  echo "## CSV for Excel (save last to \"excel.csv\" for excel)"
  python3 Tests/Spreadsheets/libreoffice.py formulas "$work/excel.csv"
  echo "## end"
} > Tests/Spreadsheets/libreoffice-formulas.txt
cat Tests/Spreadsheets/libreoffice-formulas.txt
