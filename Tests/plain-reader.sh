#!/usr/bin/env bash
# The shell with the plain line reader, the one a system without libedit (Windows) gets, checked
# without a second build (CI runs this after `swift test`, which built everything it needs):
# 1. the program's own sources compiled (type-checked, and the checks that run before code is
#    made) with libedit out of reach, as a system without it compiles them, against the modules
#    `swift build` made; a probe fails the check if libedit could be imported after all;
# 2. the debug program run with REVIEWQL_LINE_READER=plain, which chooses the plain reader as
#    it runs: `--version` says so and `count reviews` answers;
# 3. the shell and command-line tests run against it on pseudo-terminals (those of libedit's own
#    keys, Tab and Up-arrow, are skipped, since the program says it does not use libedit).
# `--full` also builds the program without libedit (REVIEWQL_LINE_READER=plain swift build, in
# a build folder of its own: a whole second build, too slow for CI) and runs the same tests
# against that program.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "plain reader: $*" >&2; exit 1; }
started=$SECONDS
bin=$(swift build --show-bin-path)
[ -x "$bin/reviewql" ] || fail "no $bin/reviewql: run swift build (or swift test) first"

echo "compiling the program's sources with libedit out of reach..."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf '#if canImport(CLibEdit)\n#error("libedit can still be imported: this is not the build without it")\n#endif\n' > "$scratch/probe.swift"
module_maps=()
for map in Sources/CExpat/module.modulemap Sources/CZlibCRC/module.modulemap $(find .build/checkouts -path '*ZIPFoundation*' -name module.modulemap); do
  module_maps+=(-Xcc "-fmodule-map-file=$map")
done
swiftc -emit-sil -wmo -o /dev/null -parse-as-library -module-name reviewql -I "$bin/Modules" "${module_maps[@]}" \
  Sources/reviewql/*.swift "$scratch/probe.swift" > "$scratch/compile.log" 2>&1 \
  || { grep -E "error" "$scratch/compile.log" >&2; fail "the sources do not compile without libedit"; }

# What the tests run: the program built beside them, or (--full) the build without libedit.
program=$bin/reviewql
expected="plain, libedit left out by REVIEWQL_LINE_READER=plain"
if [ "${1:-}" = "--full" ]; then
  echo "building ReviewQL without libedit (REVIEWQL_LINE_READER=plain swift build)..."
  REVIEWQL_LINE_READER=plain swift build --product reviewql --scratch-path .build-plain 2>&1 | tail -n 1
  program=$PWD/.build-plain/debug/reviewql
  expected="plain, no libedit"
  if command -v ldd > /dev/null && ldd "$program" | grep -q libedit; then fail "the program still links libedit"; fi
  if command -v nm > /dev/null && nm "$program" 2>/dev/null | grep -qw "el_init\|readline"; then fail "libedit's functions are in the program"; fi
fi
export REVIEWQL_LINE_READER=plain
"$program" --version | grep -qF "line editor: $expected)" || fail "the program says: $("$program" --version)"
[ "$(cd / && "$program" -c 'count reviews')" = 173 ] || fail "count reviews does not give 173"

# The tests `swift test` built, against the plain reader.
REVIEWQL_TEST_PROGRAM=$program swift test --skip-build --filter 'ShellTests|ShellOutputTests|CommandLineTests' \
  > "$scratch/tests.log" 2>&1 || true
tail -n 3 "$scratch/tests.log"
grep -Eq "Test run with [1-9][0-9]* tests? .*passed after" "$scratch/tests.log" \
  || { grep -E "✘|error" "$scratch/tests.log" | head -n 20 >&2; fail "the tests did not pass against the plain reader"; }
echo "plain reader: passed ($((SECONDS - started)) s)"
