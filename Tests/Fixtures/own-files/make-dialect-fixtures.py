#!/usr/bin/env python3
"""Makes the own-files fixtures for the quotes, comments and header choices, with pandas as
their writer and their independent reader (NAME.expected.csv: UTF-8, commas, every cell as the
text pandas read with the options written out by hand). Run from this folder:
python3 make-dialect-fixtures.py   Needs: python3 with pandas."""
import csv, os
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)

ROWS = [  # authority, reviews, judgement, summary (quotes inside, as review summaries have)
    ("Haringey", 3, "Inadequate", 'The "Baby P" review, published in full'),
    ("Bristol, City of", 2, "Adequate", "Agencies shared information"),
    ("Norfolk", 4, "Inadequate", 'Described as "not fit for purpose"'),
    ("St. Helens", 1, "Good", "Clear, \\ well-evidenced actions"),
]
frame = pd.DataFrame(ROWS, columns=["authority", "reviews", "judgement", "summary"])


def expected(name, names=None, **read_options):
    """pandas reads the fixture with explicit options; every cell kept as its text."""
    table = pd.read_csv(name, dtype=str, keep_default_na=False, **read_options)
    if names:
        table.columns = names
    table.to_csv(name + ".expected.csv", index=False, encoding="utf-8", lineterminator="\n")


# 10. Quotes escaped with a backslash (pandas' doublequote=False, escapechar="\\"; MySQL's
#     SELECT ... INTO OUTFILE and PHP write them so too).
frame.to_csv("pandas-backslash-quotes.csv", index=False, doublequote=False, escapechar="\\", quoting=csv.QUOTE_NONNUMERIC)
expected("pandas-backslash-quotes.csv", doublequote=False, escapechar="\\")

# 11. No header line (pandas' header=False): read with header=None, the columns named as
#     ReviewQL's `no header` names them.
frame.to_csv("pandas-no-header.csv", index=False, header=False)
expected("pandas-no-header.csv", header=None, names=[f"column_{n}" for n in range(1, 5)])

# 12. Comment lines starting with #, above the header and between rows, as a person annotates
#     a file in a text editor (written here line by line), read by pandas with comment="#".
with open("comment-lines.csv", "w", encoding="utf-8", newline="") as out:
    out.write("# Reviews evaluated by Ofsted, 2008-09 (extract)\n")
    lines = frame.drop(columns="summary").to_csv(index=False, lineterminator="\n").splitlines()
    out.write(lines[0] + "\n" + lines[1] + "\n")
    out.write("# the next two were evaluated late\n")
    out.write("\n".join(lines[2:]) + "\n")
expected("comment-lines.csv", comment="#")
