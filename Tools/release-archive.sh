#!/usr/bin/env bash
# Makes the release archive for this machine's system and processor:
#   reviewql-VERSION-linux-x86_64.tar.gz  (the program, man page, completions, README,
#                                          install.sh, and SHA256SUMS of them)
#   reviewql-VERSION-linux-x86_64.tar.gz.sha256
# Usage: Tools/release-archive.sh [OUTPUT_FOLDER]   (default: .build/archives)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/archives}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
system=$(uname -s | tr '[:upper:]' '[:lower:]')
machine=$(uname -m)
bash Tools/stage.sh "$work/stage" > /dev/null
version=$("$work/stage/reviewql" --version | cut -d' ' -f1)
name="reviewql-$version-$system-$machine"
mv "$work/stage" "$work/$name"
[ -f "$work/$name/LICENSE" ] || echo "warning: no LICENSE file in the repository; the archive has none" >&2
(cd "$work/$name" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | sort | xargs sha256sum > SHA256SUMS)
tar -C "$work" -czf "$out/$name.tar.gz" "$name"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "$out/$name.tar.gz"
