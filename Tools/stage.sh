#!/usr/bin/env bash
# Builds the release program and puts what an installation needs into one folder:
#   reviewql                      the program (one static file, the data built in)
#   reviewql.1                    the man page, made by swift-argument-parser's generate-manual
#   completions/reviewql.bash     bash completion  } made by the program itself
#   completions/_reviewql         zsh completion   } (swift-argument-parser's
#   completions/reviewql.fish     fish completion  }  --generate-completion-script)
#   README.md, install.sh
# Usage: Tools/stage.sh FOLDER
set -euo pipefail
stage=${1:?usage: Tools/stage.sh FOLDER}
cd "$(dirname "$0")/.."
mkdir -p "$stage/completions"
# The static C library's notes about functions that would need its shared form at run time
# (libedit's user-name completion, which ReviewQL does not use) are left out of the log.
swift build -c release 2>&1 | grep -vE "statically linked applications|mktemp" | tail -n 1
cp .build/release/reviewql "$stage/reviewql"
for shell in bash zsh fish; do
  name=$(case $shell in bash) echo reviewql.bash;; zsh) echo _reviewql;; fish) echo reviewql.fish;; esac)
  "$stage/reviewql" --generate-completion-script "$shell" > "$stage/completions/$name"
done
# The man page: swift-argument-parser's plugin runs the program's --experimental-dump-help.
rm -rf .build/plugins/GenerateManual/outputs
swift package generate-manual --configuration release > /dev/null
manual=$(find .build/plugins/GenerateManual -name 'reviewql.1' | head -n 1)
[ -n "$manual" ] || { echo "stage: generate-manual made no reviewql.1" >&2; exit 1; }
cp "$manual" "$stage/reviewql.1"
cp README.md "$stage/README.md"
cp Tools/install.sh "$stage/install.sh"
[ -f LICENSE ] && cp LICENSE "$stage/LICENSE"
echo "staged in $stage"
