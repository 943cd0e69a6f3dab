#!/usr/bin/env bash
# ReviewQL against its peers (issue 7): load a reviews CSV and count the inadequate reviews by
# authority, each tool a fresh process end to end, all in one run on this machine.
#
# usage: bench/run.sh [1m|10m|all]          (default: all; 1m alone takes about 2 minutes)
# env:   BENCH_DATA   where the generated CSV files go (default: bench/data)
#        BENCH_OUT    where the raw results go (default: $BENCH_DATA/results)
#        BENCH_RUNS   runs per tool (default 7 for 1m, 5 for 10m; sqlite3 and mlr at 10m: 1)
#        BENCH_PEERS  "no" to run ReviewQL alone
#        BENCH_STATIC "yes" to add a build made with --static-swift-stdlib, to compare (the
#                     plain release build is already one static file: see Package.swift)
#
# Needs: swift, python3, hyperfine and GNU time (apt-get install -y hyperfine time); peers when
# present: sqlite3, mlr (apt-get install -y miller), DuckDB and polars (pip, into bench/.venv,
# set up here on first use). See bench/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
DATA=${BENCH_DATA:-$HERE/data}
OUT=${BENCH_OUT:-$DATA/results}
WHICH=${1:-all}
case "$WHICH" in
  1m) SIZES="1m" ;; 10m) SIZES="10m" ;; all) SIZES="1m 10m" ;;
  *) echo "usage: $0 [1m|10m|all]" >&2; exit 2 ;;
esac
export LC_ALL=C

missing=()
for tool in swift python3 hyperfine /usr/bin/time; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  echo "missing: ${missing[*]} (apt-get install -y hyperfine time)" >&2
  exit 1
fi

# The Python peers live in a virtual environment of their own.
PY="$HERE/.venv/bin/python"
if [ "${BENCH_PEERS:-yes}" != no ] && ! "$PY" -c 'import duckdb, polars' 2>/dev/null; then
  echo "setting up bench/.venv with duckdb and polars (pip)"
  python3 -m venv "$HERE/.venv" && "$HERE/.venv/bin/pip" install --quiet duckdb polars \
    || echo "could not install duckdb/polars; they are left out" >&2
fi
have_python_peers() { [ "${BENCH_PEERS:-yes}" != no ] && "$PY" -c 'import duckdb, polars' 2>/dev/null; }
have() { [ "${BENCH_PEERS:-yes}" != no ] && command -v "$1" >/dev/null; }

# ReviewQL as `swift build -c release` makes it (one static file, which saves the dynamic
# loader several milliseconds at every start); on request also as `--static-swift-stdlib`
# makes it, in a build folder of its own, to compare the two.
echo "building ReviewQL (release)"
swift build -c release --package-path "$ROOT" 2>&1 | tail -1
RQ="$ROOT/.build/release/reviewql"
BUILDS="plain"
if [ "${BENCH_STATIC:-no}" = yes ]; then
  echo "building ReviewQL (release, --static-swift-stdlib, in .build-static)"
  swift build -c release --static-swift-stdlib --package-path "$ROOT" --build-path "$ROOT/.build-static" 2>&1 | tail -1
  RQ_STATIC="$ROOT/.build-static/release/reviewql"
  BUILDS="plain static"
fi
reviewql() { if [ "$1" = static ]; then echo "$RQ_STATIC"; else echo "$RQ"; fi; }

mkdir -p "$DATA" "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.rss "$OUT"/*.out "$OUT"/meta.tsv "$OUT"/session.tsv "$OUT"/checks.txt
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "kernel: $(uname -r)"
  echo "reviewql: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') ($(swift --version 2>&1 | head -1))"
  have_python_peers && echo "duckdb: $("$PY" -c 'import duckdb; print(duckdb.__version__)'), polars: $("$PY" -c 'import polars; print(polars.__version__)')"
  have sqlite3 && echo "sqlite3: $(sqlite3 --version | cut -d' ' -f1)"
  have mlr && echo "mlr: $(mlr --version | cut -d' ' -f2)"
  echo "hyperfine: $(hyperfine --version | cut -d' ' -f2)"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

# bench ID SIZE LABEL BYTES WARMUP RUNS COMMAND...: times COMMAND with hyperfine (no shell in
# between), and records each run's peak RSS with GNU time.
bench() {
  local id=$1 size=$2 label=$3 bytes=$4 warmup=$5 runs=$6
  shift 6
  printf '%s\t%s\t%s\t%s\n' "$id" "$size" "$label" "$bytes" >> "$OUT/meta.tsv"
  : > "$OUT/$id.rss"
  local command
  command=$(printf '%q ' /usr/bin/time -f %M -a -o "$OUT/$id.rss" "$@")
  echo "== $id: $*"
  hyperfine -N --style basic --output=pipe --warmup "$warmup" --runs "$runs" --export-json "$OUT/$id.json" \
    --command-name "$id" "$command" | grep -E 'Time|Range' || true
}

Q="count big where judgement = inadequate group by authority"
SQL="SELECT authority, count(*) AS n FROM reviews WHERE judgement = 'Inadequate' GROUP BY authority ORDER BY authority"

# Start-up: the bundled data and a one-word query, against sqlite3 doing nothing at all.
for build in $BUILDS; do
  bench start_reviewql_$build - "reviewql -c 'count reviews' ($build build)" 0 5 30 "$(reviewql $build)" -c "count reviews"
done
have sqlite3 && bench start_sqlite - "sqlite3 :memory: 'select 1'" 0 5 30 sqlite3 :memory: "select 1"

for S in $SIZES; do
  case $S in 1m) N=1000000; RUNS=${BENCH_RUNS:-7}; SLOW=$RUNS ;; 10m) N=10000000; RUNS=${BENCH_RUNS:-5}; SLOW=1 ;; esac
  F="$DATA/reviews_$S.csv"
  if [ ! -s "$F" ]; then
    echo "generating $F ($N rows, seed 42)"
    python3 "$HERE/gen_reviews.py" "$N" "$F" 42
  fi
  B=$(stat -c %s "$F")
  echo "$S: $B bytes, sha256 $(sha256sum "$F" | cut -c1-16)" | tee -a "$OUT/machine.txt"
  cat "$F" > /dev/null  # into the page cache

  # Every tool's answer, as "authority<TAB>count" lines in authority order, against Python's
  # csv module reading the file independently.
  python3 "$HERE/peer_pycsv.py" q1 "$F" > "$OUT/reference_$S.out"
  check() {
    if cmp -s "$OUT/$1_$S.out" "$OUT/reference_$S.out"; then
      echo "$S $1: same answer as the reference ($(wc -l < "$OUT/reference_$S.out") authorities)" | tee -a "$OUT/checks.txt"
    else
      echo "$S $1: DIFFERENT ANSWER (see $OUT/$1_$S.out)" | tee -a "$OUT/checks.txt"
    fi
  }
  for build in $BUILDS; do
    "$(reviewql $build)" --format tsv --load big="$F" -c "$Q" 2>/dev/null | tail -n +2 | cut -f1,2 > "$OUT/reviewql_${build}_$S.out"
    check reviewql_$build
  done
  if have_python_peers; then
    "$PY" "$HERE/peer_duckdb.py" q1 direct "$F" > "$OUT/duckdb_$S.out"; check duckdb
    "$PY" "$HERE/peer_polars.py" q1 lazy "$F" > "$OUT/polars_$S.out"; check polars
  fi
  if have sqlite3; then
    sqlite3 -tabs :memory: -cmd ".import --csv $F reviews" "$SQL" > "$OUT/sqlite3_$S.out"; check sqlite3
  fi
  if have mlr; then
    mlr --icsv --otsv filter '$judgement=="Inadequate"' then count -g authority then sort -f authority "$F" \
      | tail -n +2 > "$OUT/mlr_$S.out"; check mlr
  fi

  for build in $BUILDS; do
    bench q1_reviewql_${build}_$S "$S" "reviewql --load -c (the columns it names; $build build)" "$B" 1 "$RUNS" \
      "$(reviewql $build)" --load big="$F" -c "$Q"
  done
  # The same with every column read and held (`datasets` may show them all, so a run that
  # has it reads them all): the table as the shell holds it, for the memory target.
  bench q1_reviewql_all_$S "$S" "reviewql --load -c, every column (…; datasets)" "$B" 1 "$RUNS" \
    "$RQ" --load big="$F" -c "$Q; datasets"
  if have_python_peers; then
    bench q1_duckdb_$S "$S" "duckdb query on read_csv() (scanning)" "$B" 1 "$RUNS" "$PY" "$HERE/peer_duckdb.py" q1 direct "$F"
    bench q1_polars_$S "$S" "polars scan_csv (lazy)" "$B" 1 "$RUNS" "$PY" "$HERE/peer_polars.py" q1 lazy "$F"
  fi
  have sqlite3 && bench q1_sqlite3_$S "$S" "sqlite3 :memory: .import + SQL" "$B" 0 "$SLOW" \
    sqlite3 :memory: -cmd ".import --csv $F reviews" "$SQL"
  have mlr && bench q1_mlr_$S "$S" "mlr filter then count -g" "$B" 0 "$SLOW" \
    mlr --icsv --opprint filter '$judgement=="Inadequate"' then count -g authority "$F"

  # The same query again in one session, on the table already loaded with every column
  # (`datasets` first): its own time, from `set timer on` (`datasets` and the first run of
  # the query are left out).
  "$RQ" --load big="$F" -c "set timer on; datasets; $Q; $Q; $Q; $Q; $Q; $Q" 2>&1 >/dev/null \
    | sed -n 's/^time: \([0-9.]*\) ms .*$/\1/p' | tail -n +3 | sed "s/^/$S\t/" >> "$OUT/session.tsv"
done

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
python3 "$HERE/summarize.py" "$OUT" | tee "$OUT/table.md"
