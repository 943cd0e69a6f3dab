#!/usr/bin/env bash
# NOT YET SEEN PASSING (issue 21): the release archive, unpacked, installed, man page and
# completions. Run after Tests/release-smoke.sh. Not in .ci/run until it has passed.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "install smoke: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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

echo "install smoke: passed"
