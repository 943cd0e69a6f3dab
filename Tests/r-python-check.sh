#!/usr/bin/env bash
# Checks ReviewQL's statistics against R and Python on the bundled data: the Wilson interval
# (prop.test(x, n, correct = FALSE)), the uncorrected chi-square, Fisher's exact test,
# Newcombe's interval for a difference and the chi-square test of independence. Needs Rscript
# and python3 with scipy (statsmodels too, if installed). Prints a Markdown table, recorded in
# docs/STATISTICS.md; exits 1 if any figure disagrees. Not part of CI, which has no R.
set -euo pipefail
cd "$(dirname "$0")/.."
reviewql=${REVIEWQL:-.build/debug/reviewql}
[ -x "$reviewql" ] || swift build >/dev/null
command -v Rscript >/dev/null || { echo "r-python-check: Rscript is not installed (Debian: r-base-core)" >&2; exit 2; }
python3 -c 'import scipy' 2>/dev/null || { echo "r-python-check: python3 has no scipy (pip install scipy)" >&2; exit 2; }
echo "R: $(Rscript --version 2>&1 | head -n 1); Python $(python3 -c 'import platform, scipy; print(platform.python_version(), "scipy", scipy.__version__)')$(python3 -c 'import statsmodels; print(", statsmodels", statsmodels.__version__)' 2>/dev/null || true)"
echo
python3 Tests/r-python-check.py "$reviewql"
