#!/usr/bin/env bash
# The shell without libedit, as a system that lacks it (Windows) builds it: the program built
# with REVIEWQL_LINE_READER=plain (see Package.swift) in a build folder of its own, checked to
# have the plain line reader and no libedit in it, then the shell and command-line tests run
# against it on pseudo-terminals (those of libedit's own keys, Tab and Up-arrow, are skipped,
# since the program's --version says it has none). The tests themselves are the ones
# `swift test` built; only the program they start differs (REVIEWQL_TEST_PROGRAM), so this
# builds the program once more and not the tests. Run after `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "plain reader: $*" >&2; exit 1; }
echo "building ReviewQL with the plain line reader (REVIEWQL_LINE_READER=plain)..."
REVIEWQL_LINE_READER=plain swift build --product reviewql --scratch-path .build-plain 2>&1 | tail -n 1
program=$PWD/.build-plain/debug/reviewql
[ -x "$program" ] || fail "the build made no $program"
"$program" --version | grep -q "line editor: plain, no libedit)" || fail "the program says: $("$program" --version)"
if command -v ldd > /dev/null && ldd "$program" | grep -q libedit; then fail "the program still links libedit"; fi
if command -v nm > /dev/null && nm "$program" 2>/dev/null | grep -qw "el_init\|readline"; then fail "libedit's functions are in the program"; fi
[ "$(cd / && "$program" -c 'count reviews')" = 173 ] || fail "count reviews does not give 173"
# The tests `swift test` built (a no-op build when it has), against the plain program.
swift build --build-tests 2>&1 | tail -n 1
REVIEWQL_TEST_PROGRAM=$program swift test --skip-build --filter 'ShellTests|ShellOutputTests|CommandLineTests' 2>&1 \
  | tee .build-plain/tests.log | tail -n 3
grep -Eq "Test run with [1-9][0-9]* tests? .*passed after" .build-plain/tests.log || fail "the tests did not pass against the plain program"
echo "plain reader: passed"
