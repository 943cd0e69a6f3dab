#!/usr/bin/env bash
# The shell without libedit: builds with the plain line reader (as a system without libedit,
# such as Windows, gets it) in its own build folder, and runs the shell tests that do not need
# libedit's keys (Tab, Up-arrow), on a pseudo-terminal, plus the command-line tests.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building and testing with the plain line reader (-DREVIEWQL_PLAIN_LINE_READER)..."
swift build --build-tests --build-path .build-plain -Xswiftc -DREVIEWQL_PLAIN_LINE_READER 2>&1 | tail -n 1
swift test --skip-build --build-path .build-plain --filter 'ShellTests|ShellOutputTests|CommandLineTests' 2>&1 | tail -n 3
