#!/usr/bin/env bash
# The long cross-check against SQLite: random queries answered by ReviewQL and, through
# `show sql`, by the system sqlite3 over the same data. Any difference fails and prints the
# query. Usage: Tests/crosscheck.sh [COUNT] [SEED]   (defaults: 10000, a seed from the clock)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
seed=${2:-$(date +%s)}
echo "cross-checking $count random queries against sqlite3, seed $seed"
REVIEWQL_CROSSCHECK=$count REVIEWQL_SEED=$seed swift test --filter RandomCrossCheck
