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

# The release archive, as a user gets it: unpacked into an empty folder and run from another
# with the source tree out of reach, it answers; its SHA-256 sums check; its install.sh puts
# the program, the man page (man -l renders it) and the completions into a prefix; the bash,
# zsh and fish completions load, and bash's and fish's complete --load with a file name.
archive=$(bash Tools/release-archive.sh "$work/archives" 2>/dev/null | tail -n 1)
[ -f "$archive" ] || fail "Tools/release-archive.sh made no archive"
(cd "$work/archives" && sha256sum -c --quiet "$(basename "$archive").sha256") || fail "the archive's own sum does not check"
mkdir "$work/unpacked" "$work/elsewhere"
tar -C "$work/unpacked" -xzf "$archive"
unpacked=$(ls -d "$work/unpacked"/reviewql-*)
(cd "$unpacked" && sha256sum -c --quiet SHA256SUMS) || fail "the SHA256SUMS in the archive do not check"
for part in reviewql reviewql.1 README.md install.sh completions/reviewql.bash completions/_reviewql completions/reviewql.fish; do
  [ -f "$unpacked/$part" ] || fail "the archive has no $part"
done
answer=$(cd "$work/elsewhere" && env -u REVIEWQL_DATA "$unpacked/reviewql" -c 'count reviews')
[ "$answer" = 173 ] || fail "the unpacked program gave '$answer' for count reviews, not 173"
prefix="$work/prefix"
bash "$unpacked/install.sh" "$prefix" > /dev/null
answer=$(cd "$work/elsewhere" && "$prefix/bin/reviewql" -c 'count reviews')
[ "$answer" = 173 ] || fail "the installed program gave '$answer' for count reviews, not 173"
if command -v man > /dev/null; then
  MANWIDTH=100 man -l "$prefix/share/man/man1/reviewql.1" 2>/dev/null | grep -q -- "--load" || fail "man -l does not render the page"
else
  echo "release smoke: man is not installed; the man page was not rendered" >&2
fi
touch "$work/elsewhere/tracker_2024.csv"
completed=$(cd "$work/elsewhere" && bash -c 'source "$1"; COMP_WORDS=(reviewql --load tr); COMP_CWORD=2
  COMP_LINE="reviewql --load tr"; COMP_POINT=${#COMP_LINE}; _reviewql reviewql tr --load; printf "%s\n" "${COMPREPLY[@]}"' \
  _ "$prefix/share/bash-completion/completions/reviewql")
[ "$completed" = tracker_2024.csv ] || fail "bash completes --load tr with '$completed', not tracker_2024.csv"
if command -v fish > /dev/null; then
  completed=$(cd "$work/elsewhere" && fish -c 'source $argv[1]; complete -C "reviewql --load tr"' "$prefix/share/fish/vendor_completions.d/reviewql.fish")
  [ "$completed" = tracker_2024.csv ] || fail "fish completes --load tr with '$completed', not tracker_2024.csv"
else
  echo "release smoke: fish is not installed; its completion was not tried" >&2
fi
if command -v zsh > /dev/null; then
  # Loads (defines _reviewql) and gives --load zsh's file completion.
  zsh -f -c 'autoload -U compinit; compinit -u -D; source "$1"; whence -w _reviewql' _ "$prefix/share/zsh/site-functions/_reviewql" \
    | grep -q "function" || fail "the zsh completion does not load"
  grep -q -- "--load.*:_files'" "$prefix/share/zsh/site-functions/_reviewql" || fail "zsh does not complete --load with file names"
else
  echo "release smoke: zsh is not installed; its completion was not tried" >&2
fi

echo "release smoke: passed ($(stat -c %s "$release") bytes, $(file -b "$release" 2>/dev/null | cut -d, -f1-2 || echo static))"
