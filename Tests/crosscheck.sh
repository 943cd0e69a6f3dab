#!/usr/bin/env bash
# The long cross-check: random queries answered by ReviewQL and, through `show sql`, by an SQL
# engine over the same data: the system sqlite3, DuckDB (its Python package) or a throwaway
# PostgreSQL server. Any difference fails and prints the query.
# Usage: Tests/crosscheck.sh [COUNT] [SEED] [ENGINE]
#   COUNT defaults to 10000, SEED to one from the clock, ENGINE (sqlite, duckdb, postgresql or
#   all) to sqlite. DuckDB and PostgreSQL also run their fixed queries first.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
seed=${2:-$(date +%s)}
engine=${3:-sqlite}
case "$engine" in
  sqlite) filters=(RandomCrossCheck) ;;
  duckdb) filters=(EngineCrossCheckTests/duckDB) ;;
  postgresql) filters=(EngineCrossCheckTests/postgreSQL) ;;
  all) filters=(RandomCrossCheck EngineCrossCheckTests/duckDB EngineCrossCheckTests/postgreSQL) ;;
  *) echo "unknown engine $engine: sqlite, duckdb, postgresql or all" >&2; exit 2 ;;
esac
for filter in "${filters[@]}"; do
  echo "cross-checking $count random queries ($filter), seed $seed"
  REVIEWQL_CROSSCHECK=$count REVIEWQL_SEED=$seed swift test --filter "$filter"
done
