#!/usr/bin/env bash
# Records a lesson as an HTML handout and takes a screenshot of it in headless Chromium, as
# a trainee's browser would show it, to look at by eye (the parse and content checks are in
# Tests/ReviewQLCoreTests/RecordHTMLTests.swift). Needs Debian's `chromium`
# (apt-get install chromium); kept out of .ci/ because it is large.
#
#   bash Tests/Handout/screenshot.sh [lesson.rql] [out-folder]
#
# Writes out-folder/handout.html and out-folder/handout.png, and fails when Chromium cannot
# load the page or the picture is blank.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
lesson="${1:-$here/queries/teaching/06_funnel_plots_not_league_tables.rql}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
reviewql="$here/.build/debug/reviewql"
[ -x "$reviewql" ] || (cd "$here" && swift build >/dev/null)
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "no chromium: apt-get install chromium" >&2; exit 2; }

(cd "$here" && "$reviewql" --keep-going -c "record \"$out/handout.html\" titled \"$(basename "$lesson" .rql)\"
run \"$lesson\"
record off" >/dev/null)
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,2400 \
  --screenshot="$out/handout.png" "file://$out/handout.html" >/dev/null 2>&1
[ -s "$out/handout.png" ] || { echo "chromium wrote no screenshot" >&2; exit 1; }
# A page that failed to load is one flat colour: the PNG of a blank page is tiny.
size=$(stat -c %s "$out/handout.png")
[ "$size" -gt 20000 ] || { echo "the screenshot looks blank ($size bytes)" >&2; exit 1; }
echo "$out/handout.html"
echo "$out/handout.png ($size bytes)"
