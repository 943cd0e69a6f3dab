#!/usr/bin/env bash
# The release build links and answers. It is linked as one static file (see Package.swift),
# which `swift test` (a debug build) never exercises; bench/run.sh and anyone timing ReviewQL
# use it. Run after `swift test`, whose debug build gives the answers compared against here.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building ReviewQL in release (one static file)..."
# The static C library's notes about functions that would need its shared form at run time
# (libedit's user-name completion, which ReviewQL does not use) are left out of the log.
swift build -c release 2>&1 | grep -vE "statically linked applications|mktemp" | tail -n 1
release=.build/release/reviewql
debug=.build/debug/reviewql
fail() { echo "release smoke: $*" >&2; exit 1; }

# The report's total: 173 serious case reviews (Ofsted, Learning lessons year 2, paragraph 1).
answer=$("$release" -c 'count reviews')
[ "$answer" = 173 ] || fail "count reviews gave '$answer', not 173"

# The data is inside the program: a copy in an empty folder, run from another empty folder
# with no source tree in reach, still answers 173 and says where the data came from.
elsewhere=$(mktemp -d)
mkdir "$elsewhere/bin" "$elsewhere/cwd"
cp "$release" "$elsewhere/bin/reviewql"
answer=$(cd "$elsewhere/cwd" && env -u REVIEWQL_DATA "$elsewhere/bin/reviewql" -c 'count reviews' 2>&1)
[ "$answer" = 173 ] || { rm -rf "$elsewhere"; fail "a copied program gave '$answer' for count reviews, not 173"; }
(cd "$elsewhere/cwd" && env -u REVIEWQL_DATA "$elsewhere/bin/reviewql" -c 'describe reviews') | grep -q "built into the program" \
  || { rm -rf "$elsewhere"; fail "describe of a copied program does not say the data is built in"; }
rm -rf "$elsewhere"

# A workbook goes through ZIPFoundation, Foundation and libexpat, all linked in: the 5 reviews of
# the fixture LibreOffice saved as .xlsx and .ods (Tests/Fixtures/workbooks/make.py).
for book in tracker_lo.xlsx tracker.ods; do
  answer=$("$release" --load "t=Tests/Fixtures/workbooks/$book" -c 'count t' 2>/dev/null)
  [ "$answer" = 5 ] || fail "count of $book gave '$answer', not 5"
done

# A file over 1 MB goes through the many-core reader: counts by group against awk's.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk 'BEGIN { print "id,area,n"; for (i = 0; i < 80000; i++) printf "%d,area %d,%d\n", i, i % 7, i % 5 }' > "$work/t.csv"
[ "$(stat -c %s "$work/t.csv")" -gt 1048576 ] || fail "the test file is not over 1 MB"
"$release" --load t="$work/t.csv" --format csv -c 'count t where n = 0 group by area order by area' 2> "$work/notes" \
  | tail -n +2 | cut -d, -f1,2 > "$work/release.csv"
awk -F, 'NR > 1 && $3 == 0 { count[$2]++ } END { for (a in count) print a "," count[a] }' "$work/t.csv" \
  | sort > "$work/awk.csv"
cmp -s "$work/release.csv" "$work/awk.csv" || fail "grouped counts differ from awk's: $(diff "$work/release.csv" "$work/awk.csv" | head -5)"

# The same file with semicolons and a title line: the separator is sniffed, the title skipped,
# and the many-core reader gives the same counts (and says so on standard error).
{ echo "Table 1: test data"; tr , ';' < "$work/t.csv"; } > "$work/semicolons.csv"
"$release" --load t="$work/semicolons.csv" --format csv -c 'count t where n = 0 group by area order by area' \
  2> "$work/semicolon-notes" | tail -n +2 | cut -d, -f1,2 > "$work/semicolons.out"
cmp -s "$work/semicolons.out" "$work/awk.csv" || fail "semicolon counts differ from awk's: $(diff "$work/semicolons.out" "$work/awk.csv" | head -5)"
grep -q "separated by semicolons" "$work/semicolon-notes" || fail "no note on the semicolons: $(cat "$work/semicolon-notes")"
grep -q "skipped line 1 above the header" "$work/semicolon-notes" || fail "no note on the title: $(cat "$work/semicolon-notes")"

# The same statements give the same output as the debug build, errors included.
statements='count reviews where judgement = inadequate group by authority order by count desc limit 5; proportion of reviews where judgement = inadequate with ci; count reviews where judgment = good'
if [ -x "$debug" ]; then
  "$release" -c "$statements" > "$work/release.out" 2>&1 || true
  "$debug" -c "$statements" > "$work/debug.out" 2>&1 || true
  cmp -s "$work/release.out" "$work/debug.out" || fail "release and debug builds differ: $(diff "$work/release.out" "$work/debug.out" | head -5)"
fi
# A workbook: the release program links Foundation, ZIPFoundation and zlib statically.
"$release" -c 'count reviews group by judgement' --output "$work/j.xlsx" > /dev/null
if command -v python3 > /dev/null; then
  python3 -c 'import sys, zipfile; sys.exit(b"Inadequate" not in zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml"))' "$work/j.xlsx" \
    || fail "the workbook written has no Inadequate row"
else
  [ "$(head -c 2 "$work/j.xlsx")" = PK ] || fail "the workbook written is not a zip archive"
fi

# A chart as PNG: the static program hands the chart's SVG to rsvg-convert (librsvg2-bin, which
# .ci/setup installs) through posix_spawn and pipes; the file is a PNG twice the SVG's width.
# With no rsvg-convert on the PATH it writes nothing and names the package to install.
chart='count reviews group by judgement as chart titled "Judgements" source "Ofsted"'
if command -v rsvg-convert > /dev/null; then
  "$release" -c "$chart; save chart to \"$work/judgements.png\"; save chart to \"$work/judgements.svg\"" > /dev/null
  [ "$(head -c 8 "$work/judgements.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
    || fail "save chart to .png wrote no PNG ($(head -c 40 "$work/judgements.png" 2>&1))"
  png_width=$(od -An -j16 -N4 -tu1 "$work/judgements.png" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
  svg_width=$(grep -o 'width="[0-9.]*"' "$work/judgements.svg" | head -n 1 | tr -dc '0-9.')
  [ "$png_width" = "$(awk -v w="$svg_width" 'BEGIN { printf "%d", w * 2 }')" ] \
    || fail "the PNG is $png_width pixels wide, not twice the SVG's $svg_width"
fi
answer=$(env PATH=/nonexistent "$release" -c "$chart; save chart to \"$work/nothing.png\"" 2>&1 || true)
grep -q "apt-get install librsvg2-bin" <<<"$answer" || fail "with no rsvg-convert, save chart to .png said: $answer"
[ ! -e "$work/nothing.png" ] || fail "with no rsvg-convert, save chart to .png still wrote a file"

echo "release smoke: passed ($(stat -c %s "$release") bytes, $(file -b "$release" 2>/dev/null | cut -d, -f1-2 || echo static))"
