#!/usr/bin/env bash
# Installs ReviewQL: the program, its man page and its bash, zsh and fish completions.
#
#   bash Tools/install.sh [PREFIX]     from the source tree: builds the release program first
#   bash install.sh [PREFIX]           from an unpacked release archive: no building
#
# PREFIX is /usr/local by default (~/.local for yourself, with no root); the files go to
# PREFIX/bin, PREFIX/share/man/man1, and the completion folders bash, zsh and fish look in
# under PREFIX/share.
set -euo pipefail
prefix=${1:-${PREFIX:-/usr/local}}
here=$(cd "$(dirname "$0")" && pwd)
if [ -x "$here/reviewql" ] && [ -f "$here/reviewql.1" ]; then
  from=$here                          # an unpacked archive
elif [ -f "$here/../Package.swift" ]; then
  from=$(mktemp -d)
  trap 'rm -rf "$from"' EXIT
  bash "$here/stage.sh" "$from"
else
  echo "install: run this from the source tree (Tools/install.sh) or an unpacked release archive" >&2
  exit 2
fi
install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 "$from/reviewql" "$prefix/bin/reviewql"
install -m 644 "$from/reviewql.1" "$prefix/share/man/man1/reviewql.1"
install -m 644 "$from/completions/reviewql.bash" "$prefix/share/bash-completion/completions/reviewql"
install -m 644 "$from/completions/_reviewql" "$prefix/share/zsh/site-functions/_reviewql"
install -m 644 "$from/completions/reviewql.fish" "$prefix/share/fish/vendor_completions.d/reviewql.fish"
echo "installed reviewql in $prefix/bin (man page, bash, zsh and fish completions under $prefix/share)"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on your PATH; add it to run reviewql by name" ;; esac
