#!/usr/bin/env python3
"""Makes the council-record datasets in Data/ from the public files in Data/sources/.

    python3 Tools/council_data.py            # writes Data/inspections.csv and Data/councils.csv,
                                            # and the la_code and gss_code columns of
                                            # Data/authorities.csv

Data/sources/ holds the files as published (see docs/DATA.md, "The council record"):
  ofsted_csc_ilacs_history.csv  every children's services inspection report the
                                ofsted-ilacs-scrape-tool found, one row a report
  EnglishLaNameCodes.csv        the DfE's Get Information about Schools list of local
                                authority names, three-digit codes and GSS codes
  las.csv                       the Explore Education Statistics list of local authorities
                                with the dates each code started and ended

Nothing is typed in here: every value comes from one of those files, by the rules below, and
Tests/ReviewQLCoreTests/CouncilDataTests.swift checks the result against the sources again.
"""
import csv
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "Data", "sources")
DATA = os.path.join(ROOT, "Data")

# The scrape writes judgements in lower case; the bundled columns use Ofsted's words.
JUDGEMENTS = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires improvement": "Requires improvement to be good",
    "inadequate": "Inadequate",
}
# Markers the scrape writes where a judgement is missing by design, not unread.
BY_DESIGN = {"inspection_pre_dates_judgement", "not_reported_post_reform"}
JUDGEMENT_COLUMNS = [
    ("overall_effectiveness_grade", "overall"),
    ("impact_of_leaders_grade", "leaders"),
    ("help_and_protection_grade", "help_and_protection"),
    ("in_care_grade", "in_care"),
    ("care_leavers_grade", "care_leavers"),
]
# The scrape's names that differ from the GIAS list other than by "&" for "and" and case.
SCRAPE_NAMES = {
    "london corporation": "City of London",
    "kingston upon hull": "Kingston upon Hull, City of",
    "bristol": "Bristol, City of",
    "herefordshire": "Herefordshire, County of",
    "durham": "County Durham",
    "st helens": "St. Helens",
}


def key(name):
    """A name compared ignoring case, '&' for 'and', full stops and spaces at the ends."""
    return re.sub(r"\s+", " ", name.lower().replace("&", "and").replace(".", "")).strip()


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def gias():
    """The GIAS list: (name, three-digit code, GSS code, year abolished or None) per row."""
    rows = []
    for row in read(os.path.join(SOURCES, "EnglishLaNameCodes.csv")):
        values = list(row.values())
        name, code, gss = values[0], values[1], values[2]
        abolished = re.match(r"Pre[ -]LGR \(?(\d{4})\)? (.*)", name)
        if abolished:
            rows.append((abolished.group(2), code, gss, int(abolished.group(1))))
        else:
            rows.append((name, code, gss, None))
    return rows


def code_of_2008_authority(name, alias, lookup):
    """The GIAS row of an authority of 2008-09: one abolished in 2009 or later if there is
    one of that name (Dorset's county, 835, not today's Dorset, 838), else a current one."""
    wanted = {key(name)} | ({key(alias)} if alias else set())
    wanted |= {key(SCRAPE_NAMES.get(w, w)) for w in list(wanted)}
    abolished = [r for r in lookup if r[3] is not None and r[3] >= 2009 and key(r[0]) in wanted]
    current = [r for r in lookup if r[3] is None and key(r[0]) in wanted]
    found = abolished or current
    if len(found) != 1:
        sys.exit(f"authorities.csv: {name} matches {len(found)} rows of the GIAS list")
    return found[0]


def main():
    lookup = gias()
    current = [r for r in lookup if r[3] is None]

    # authorities.csv gains the codes of its authority in the GIAS list.
    authorities = read(os.path.join(DATA, "authorities.csv"))
    name_by_code = {}
    for row in authorities:
        _, code, gss, _ = code_of_2008_authority(row["name"], row["alias"], lookup)
        row["la_code"], row["gss_code"] = code, gss
        name_by_code[code] = row["name"]
    write(os.path.join(DATA, "authorities.csv"), ["name", "region", "type", "alias", "la_code", "gss_code"], authorities)

    # councils.csv: today's authorities, named as authorities.csv names the same code.
    councils = []
    for name, code, gss, _ in current:
        councils.append({"name": name_by_code.get(code, name), "official_name": name, "la_code": code, "gss_code": gss})
    write(os.path.join(DATA, "councils.csv"), ["name", "official_name", "la_code", "gss_code"], councils)

    # inspections.csv: one row a report, in the order of the source.
    by_key = {key(name): (name, code) for name, code, _, _ in current}
    council_name = {c["la_code"]: c["name"] for c in councils}
    rows = []
    for source in read(os.path.join(SOURCES, "ofsted_csc_ilacs_history.csv")):
        scraped = source["local_authority"]
        official, code = by_key[key(SCRAPE_NAMES.get(scraped, scraped))]
        row = {"authority": council_name[code], "la_code": code,
               "published": iso(source["publication_date"], two_digit_year=True),
               "framework": source["inspection_framework"],
               "inspection_start": iso(source["inspection_start_date"]),
               "inspection_end": iso(source["inspection_end_date"])}
        unread = []
        for column, name in JUDGEMENT_COLUMNS:
            value = source[column]
            row[name] = JUDGEMENTS.get(value, "")
            if value not in JUDGEMENTS and value not in BY_DESIGN:
                unread.append(name)
        row["not_read"] = "; ".join(unread)
        row["report"] = source["inspection_link"]
        rows.append(row)
    columns = ["authority", "la_code", "published", "framework", "inspection_start", "inspection_end"]
    columns += [name for _, name in JUDGEMENT_COLUMNS] + ["not_read", "report"]
    write(os.path.join(DATA, "inspections.csv"), columns, rows)


def iso(text, two_digit_year=False):
    """dd/mm/yyyy (or dd/mm/yy, all of this century) as yyyy-mm-dd; empty stays empty."""
    if not text:
        return ""
    day, month, year = text.split("/")
    if two_digit_year:
        year = "20" + year
    return f"{year}-{month}-{day}"


def write(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
