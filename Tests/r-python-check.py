#!/usr/bin/env python3
"""Runs ReviewQL's statistics statements on the bundled data (--format json) and the same
methods in R and in Python (scipy, and statsmodels where installed) on the same counts, and
prints, as a Markdown table, each figure from each with whether they agree (to 1e-9).
Exit status 1 if any figure disagrees. Run through Tests/r-python-check.sh; its output is
recorded in docs/STATISTICS.md.
"""
import json
import math
import os
import subprocess
import sys

from scipy import stats

try:
    from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
except ImportError:  # statsmodels is optional: its column says "-" then
    proportion_confint = confint_proportions_2indep = None

REVIEWQL = sys.argv[1]
STATEMENTS = [
    "proportion of reviews where judgement = inadequate",
    "proportion of reviews join authorities where judgement = inadequate group by region",
    'compare 20 of 50 as "2007-08" with 59 of 173 as "2008-09"',
    "compare reviews join authorities where judgement = inadequate by type among type in (county, \"London borough\")",
    "count reviews join authorities group by type, judgement as crosstab with chi-square",
    "count reviews join authorities group by region with ci",
]


def reviewql():
    run = subprocess.run([REVIEWQL, "--format", "json", "-c", ";\n".join(STATEMENTS)],
                         capture_output=True, text=True, check=True)
    return [json.loads(line) for line in run.stdout.splitlines()]


def r(expression):
    """Numbers from an R expression, printed to 17 significant digits."""
    run = subprocess.run(["Rscript", "-e", f"options(digits = 17); cat(format(c({expression}), digits = 17), sep = '\\n')"],
                         capture_output=True, text=True, check=True)
    return [float(x) for x in run.stdout.split()]


rows = []


def check(what, call_r, call_python, ours, r_values, python_values, statsmodels_values=None):
    for i, value in enumerate(ours):
        agree = all(v is None or abs(v[i] - value) < 1e-9 for v in (r_values, python_values, statsmodels_values))
        rows.append((what[i] if isinstance(what, list) else what, value, r_values[i], python_values[i],
                     statsmodels_values[i] if statsmodels_values else None, "yes" if agree else "**NO**"))
    rows.append(("", None, None, None, None, f"R: `{call_r}`; Python: `{call_python}`"))


def wilson(x, n, label, ours):
    r_values = [100 * v for v in r(f"prop.test({x}, {n}, correct = FALSE)$conf.int")]
    ci = stats.binomtest(x, n).proportion_ci(method="wilson")
    sm = [100 * v for v in proportion_confint(x, n, method="wilson")] if proportion_confint else None
    check([f"{label}: Wilson 95% CI from", f"{label}: to"], f"prop.test({x}, {n}, correct = FALSE)$conf.int",
          f"scipy.stats.binomtest({x}, {n}).proportion_ci(method='wilson')", ours, r_values,
          [100 * ci.low, 100 * ci.high], sm)


def two_proportions(row, x1, n1, x2, n2, label):
    table = f"matrix(c({x1}, {n1 - x1}, {x2}, {n2 - x2}), 2, byrow = TRUE)"
    chi = r(f"prop.test(c({x1}, {x2}), c({n1}, {n2}), correct = FALSE)[c('statistic', 'p.value')]")
    chi_py = stats.chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False)
    check([f"{label}: chi-square", f"{label}: chi-square p"],
          f"prop.test(c({x1}, {x2}), c({n1}, {n2}), correct = FALSE)",
          f"scipy.stats.chi2_contingency([[{x1}, {n1 - x1}], [{x2}, {n2 - x2}]], correction=False)",
          [row["chi-square"], row["chi-square p"]], chi, [chi_py[0], chi_py[1]])
    fisher = r(f"fisher.test({table})$p.value")
    check(f"{label}: Fisher's exact p", f"fisher.test({table})",
          f"scipy.stats.fisher_exact([[{x1}, {n1 - x1}], [{x2}, {n2 - x2}]])",
          [row["fisher p"]], fisher, [stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]])[1]])
    # Newcombe's hybrid score interval (his method 10) from the two Wilson intervals.
    newcombe_r = r(f"local({{p1 <- {x1}/{n1}; p2 <- {x2}/{n2}; a <- prop.test({x1}, {n1}, correct = FALSE)$conf.int; "
                   f"b <- prop.test({x2}, {n2}, correct = FALSE)$conf.int; "
                   f"100 * c(p1 - p2 - sqrt((p1 - a[1])^2 + (b[2] - p2)^2), p1 - p2 + sqrt((a[2] - p1)^2 + (p2 - b[1])^2))}})")
    sm = None
    if confint_proportions_2indep:
        sm = [100 * v for v in confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff")]
    w1, w2 = stats.binomtest(x1, n1).proportion_ci(method="wilson"), stats.binomtest(x2, n2).proportion_ci(method="wilson")
    p1, p2 = x1 / n1, x2 / n2
    py = [100 * (p1 - p2 - math.hypot(p1 - w1.low, w2.high - p2)), 100 * (p1 - p2 + math.hypot(w1.high - p1, p2 - w2.low))]
    level = [k for k in row if k.startswith("difference ") and k.endswith(" CI from")][0]
    check([f"{label}: difference CI from", f"{label}: difference to"],
          "Newcombe (1998) method 10 from two prop.test(..., correct = FALSE) intervals",
          "statsmodels confint_proportions_2indep(..., method='newcomb')", [row[level], row["difference to"]],
          newcombe_r, py, sm)


def main():
    docs = reviewql()
    single = docs[0]["rows"][0]
    wilson(single["count"], single["of"], "59 of 173", [single["95% CI from"], single["to"]])
    for row in docs[1]["rows"][:3]:
        if row["of"] > 0:
            wilson(row["count"], row["of"], row["region"], [row["95% CI from"], row["to"]])
    for doc in docs[2:4]:
        a, b = doc["rows"]
        two_proportions(a, a["count"], a["of"], b["count"], b["of"], f"{a['group']} against {b['group']}")
    crosstab = docs[4]["rows"]
    levels = [c["name"] for c in docs[4]["columns"][1:] if c["type"] == "integer" and c["name"] not in ("Total", "df")]
    # Columns with no rows at all are left out of the test, as ReviewQL does (and says).
    levels = [c for c in levels if any(row[c] for row in crosstab)]
    cells = [[row[c] for c in levels] for row in crosstab]
    flat = ", ".join(str(v) for line in cells for v in line)
    matrix = f"matrix(c({flat}), {len(cells)}, byrow = TRUE)"
    test = r(f"suppressWarnings(chisq.test({matrix}, correct = FALSE))[c('statistic', 'parameter', 'p.value')]")
    py = stats.chi2_contingency(cells, correction=False)
    check(["type × judgement: chi-square", "type × judgement: df", "type × judgement: p"],
          f"chisq.test({matrix}, correct = FALSE)", "scipy.stats.chi2_contingency(cells, correction=False)",
          [crosstab[0]["chi-square"], crosstab[0]["df"], crosstab[0]["chi-square p"]], test, [py[0], py[2], py[1]])
    total = sum(row["count"] for row in docs[5]["rows"])
    for row in docs[5]["rows"][:3]:
        wilson(row["count"], total, f"with ci, {row['region']}", [row["95% CI from"], row["to"]])

    print("| figure | ReviewQL | R | scipy | statsmodels | agree |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    show = lambda v: "" if v is None else f"{v:.10g}"
    for what, ours, in_r, in_py, in_sm, agree in rows:
        print(f"| {what} | {show(ours)} | {show(in_r)} | {show(in_py)} | {show(in_sm) if what else ''} | {agree} |")
    disagreements = sum(1 for row in rows if row[5] == "**NO**")
    print(f"\n{len([r for r in rows if r[0]])} figures, {disagreements} disagreeing")
    sys.exit(1 if disagreements else 0)


main()
