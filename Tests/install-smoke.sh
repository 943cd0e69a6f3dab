#!/usr/bin/env bash
# Installing, as a user does it, on Linux (run after Tests/release-smoke.sh, whose release
# build this reuses):
#   1. Tools/install.sh PREFIX from the source tree installs the program, man page and
#      completions;
#   2. Tools/release-archive.sh makes the archive; unpacked into an empty folder and run from
#      another, with an empty environment and the source tree out of reach, it answers
#      `count reviews` with 173; its SHA-256 sums check; its install.sh installs it;
#   3. man -l renders the installed page; bash, zsh and fish each load the installed
#      completion and complete `--load` with a file name and `--data` with a folder only.
set -euo pipefail
cd "$(dirname "$0")/.."
source=$PWD
fail() { echo "install smoke: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/elsewhere" "$work/home"
# Runs the program with an empty environment (no REVIEWQL_DATA, no HOME) from a folder with
# nothing in it, far from the source tree.
answer() { (cd "$work/elsewhere" && env -i PATH=/usr/bin:/bin "$1" -c "$2" 2>&1); }

# 1. From the source tree.
bash Tools/install.sh "$work/from-source" > "$work/install.log" 2>&1 || fail "Tools/install.sh failed: $(tail -5 "$work/install.log")"
for part in bin/reviewql share/man/man1/reviewql.1 share/bash-completion/completions/reviewql \
    share/zsh/site-functions/_reviewql share/fish/vendor_completions.d/reviewql.fish; do
  [ -f "$work/from-source/$part" ] || fail "Tools/install.sh installed no $part"
done
[ "$(answer "$work/from-source/bin/reviewql" 'count reviews')" = 173 ] || fail "the program Tools/install.sh installed does not answer 173"

# 2. The release archive.
archive=$(bash Tools/release-archive.sh "$work/archives" 2> "$work/archive.log" | tail -n 1)
[ -f "$archive" ] || fail "Tools/release-archive.sh made no archive: $(tail -5 "$work/archive.log")"
! grep -q "warning: no LICENSE" "$work/archive.log" || fail "the archive has no LICENSE"
(cd "$work/archives" && sha256sum -c --quiet "$(basename "$archive").sha256") || fail "the archive's own sum does not check"
mkdir "$work/unpacked"
tar -C "$work/unpacked" -xzf "$archive"
unpacked=$(ls -d "$work/unpacked"/reviewql-*-linux-*)
(cd "$unpacked" && sha256sum -c --quiet SHA256SUMS) || fail "the SHA256SUMS in the archive do not check"
for part in reviewql reviewql.1 README.md LICENSE install.sh completions/reviewql.bash completions/_reviewql completions/reviewql.fish; do
  [ -f "$unpacked/$part" ] || fail "the archive has no $part"
  grep -q " $part\$" "$unpacked/SHA256SUMS" || fail "SHA256SUMS has no sum for $part"
done
grep -q "Open Government Licence v3.0" "$unpacked/LICENSE" || fail "the archive's LICENSE does not name the data's licence"
# Moved away from the source tree (which is no longer where the build put anything) it still
# answers, and says its data is built in.
mv "$unpacked" "$work/moved" && unpacked=$work/moved
[ "$(answer "$unpacked/reviewql" 'count reviews')" = 173 ] || fail "the unpacked program gave '$(answer "$unpacked/reviewql" 'count reviews')' for count reviews, not 173"
answer "$unpacked/reviewql" 'describe reviews' | grep -q "built into the program" || fail "describe does not say the data is built in"
! answer "$unpacked/reviewql" 'describe reviews' | grep -qF "$source" || fail "the unpacked program names the source tree"
prefix=$work/prefix
(cd "$work/elsewhere" && env -i PATH=/usr/bin:/bin bash "$unpacked/install.sh" "$prefix" > /dev/null) || fail "the archive's install.sh failed"
[ "$(answer "$prefix/bin/reviewql" 'count reviews')" = 173 ] || fail "the installed program does not answer 173"
cmp -s "$prefix/bin/reviewql" "$unpacked/reviewql" || fail "install.sh installed another program than the archive's"

# 3. The man page and the completions, where they were installed.
if command -v man > /dev/null; then
  page=$(MANWIDTH=100 man -l "$prefix/share/man/man1/reviewql.1" 2>&1) || fail "man -l failed: $page"
  for part in NAME SYNOPSIS --load --data REVIEWQL_DATA Examples; do
    grep -q -- "$part" <<< "$page" || fail "the man page has no $part"
  done
else
  fail "man is not installed (.ci/setup installs man-db)"
fi
touch "$work/elsewhere/tracker_2024.csv"
mkdir "$work/folders" "$work/folders/trackers" && touch "$work/folders/tracker_2024.csv"
# bash: the function the installed script declares for reviewql, called as bash's completion
# calls it (COMP_WORDS, COMP_CWORD; the word, the one before it).
bash_complete() {
  (cd "$1" && bash -c 'source "$1"; f=$(complete -p reviewql | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
    read -ra COMP_WORDS <<< "$2"; [ "${2: -1}" = " " ] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE=$2; COMP_POINT=${#2}; COMPREPLY=()
    "$f" reviewql "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$prefix/share/bash-completion/completions/reviewql" "$2")
}
[ "$(bash_complete "$work/elsewhere" 'reviewql --lo')" = --load ] || fail "bash completes --lo with '$(bash_complete "$work/elsewhere" 'reviewql --lo')'"
[ "$(bash_complete "$work/elsewhere" 'reviewql --load tr')" = tracker_2024.csv ] || fail "bash completes --load tr with '$(bash_complete "$work/elsewhere" 'reviewql --load tr')'"
[ "$(bash_complete "$work/folders" 'reviewql --data tr')" = trackers ] || fail "bash completes --data tr with '$(bash_complete "$work/folders" 'reviewql --data tr')', not the folder alone"
# fish: finds the completion itself in PREFIX/share/fish/vendor_completions.d (through
# XDG_DATA_DIRS) once reviewql is on the PATH.
fish_complete() {
  (cd "$1" && env PATH="$prefix/bin:/usr/bin:/bin" XDG_DATA_DIRS="$prefix/share" HOME="$work/home" fish -c 'complete -C $argv[1]' "$2" | cut -f1)
}
[ "$(fish_complete "$work/elsewhere" 'reviewql --lo')" = --load ] || fail "fish completes --lo with '$(fish_complete "$work/elsewhere" 'reviewql --lo')'"
[ "$(fish_complete "$work/elsewhere" 'reviewql --load tr')" = tracker_2024.csv ] || fail "fish completes --load tr with '$(fish_complete "$work/elsewhere" 'reviewql --load tr')'"
[ "$(fish_complete "$work/folders" 'reviewql --data tr')" = trackers/ ] || fail "fish completes --data tr with '$(fish_complete "$work/folders" 'reviewql --data tr')', not the folder alone"
# zsh: an interactive zsh with compinit and PREFIX/share/zsh/site-functions on its fpath,
# Tab typed (without the completion zsh would offer every file for --data, and not know --lo).
zsh_complete() {
  HOME="$work/home" timeout 30 zsh -f "$source/Tests/Install/zsh-complete.zsh" "$prefix/share/zsh/site-functions" "$1" "$2" || echo "(zsh timed out or failed)"
}
[ "$(zsh_complete "$work/elsewhere" $'reviewql --lo\ttr')" = --load,tracker_2024.csv ] || fail "zsh completes --lo<Tab>tr<Tab> with '$(zsh_complete "$work/elsewhere" $'reviewql --lo\ttr')'"
[ "$(zsh_complete "$work/folders" 'reviewql --data tr')" = --data,trackers ] || fail "zsh completes --data tr with '$(zsh_complete "$work/folders" 'reviewql --data tr')', not the folder alone"

echo "install smoke: passed (archive $(basename "$archive"), $(du -k "$archive" | cut -f1) KB)"
