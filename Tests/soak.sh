#!/usr/bin/env bash
# The soak test of issue 22 at full size: N statements (default 1,000,000) through one
# reviewql process, its resident memory (VmRSS in /proc/PID/status) sampled each second; after
# the first tenth of the run, memory may grow by at most 50 MB. A memory bound, not a timing.
# Too long for CI (SoakTests runs 50,000 in swift test); run by hand and record the run in
# Tests/SOAK.md:  bash Tests/soak.sh [N] [path/to/reviewql]
set -euo pipefail
count=${1:-1000000}
program=${2:-.build/debug/reviewql}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$count" > "$work/soak.rql" <<'PY'
import sys
statements = [
    "count reviews group by judgement",
    "list authority, judgement from reviews where judgement = good limit 3",
    "count reviews where judgement = inadequate",
    "count distinct authority from reviews",
    "set maxrows 20",
    "coutn reviews",
    "count reviews group by authority order by count desc limit 5",
    "list reviews where nosuchcolumn = 1",
    "set maxrows 40",
    "max letter_date from reviews group by judgement",
]
for i in range(int(sys.argv[1])):
    print(statements[i % len(statements)])
PY
# A script's mistakes stop it unless told to go on: each statement is run, errors and all.
"$program" --keep-going < "$work/soak.rql" > /dev/null 2> "$work/stderr" &
pid=$!
start=$(date +%s)
samples=()
while kill -0 "$pid" 2> /dev/null; do
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2> /dev/null || true)
  [ -n "$rss" ] && samples+=("$rss")
  sleep 1
done
wait "$pid" || true
seconds=$(( $(date +%s) - start ))
errors=$(grep -c '^error:' "$work/stderr" || true)
n=${#samples[@]}
warm=$(( n / 10 ))
after=${samples[$warm]:-0}
highest=0
for s in "${samples[@]:$warm}"; do (( s > highest )) && highest=$s; done
echo "statements: $count; errors reported: $errors (expected $(( count / 10 * 2 )))"
echo "seconds: $seconds; samples: $n; first: ${samples[0]:-?} kB; after warm-up: $after kB; highest after: $highest kB; last: ${samples[$((n-1))]:-?} kB"
growth=$(( highest - after ))
if (( growth > 51200 )); then echo "FAIL: memory grew by $growth kB after warm-up"; exit 1; fi
echo "ok: memory grew by $growth kB after warm-up"
