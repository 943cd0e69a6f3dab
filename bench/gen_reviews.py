#!/usr/bin/env python3
# Copied unchanged (apart from these two comment lines) from the project's shared benchmark,
# ../shared/bench/gen_reviews.py (beside the repository), so that the benchmark here needs nothing outside the repository.
"""Deterministic generator of a synthetic 'serious case reviews' CSV.

usage: python3 gen_reviews.py N OUT.csv [seed]

Header: id,authority,region,judgement,letter_date,children,died,independent_author

* authority: one of 150 English children's-services local authorities, with
  its real region (9 English regions). Some names contain '&', '-' or spaces;
  three contain a comma ("Bristol, City of", ...) and are weighted so that
  ~1.0% of rows carry a quoted field (RFC 4180 minimal quoting).
* judgement: Inadequate/Adequate/Good/Outstanding, weights 34/43/22/1.
* letter_date: dd/mm/yyyy, uniform over 2007-01-01 .. 2012-12-31.
* children: 1-5; died: Yes/No; independent_author: Yes/No.

Only Python's `random.Random(seed)` is used, with integer weights and a fixed
chunk size, so the same N and seed give byte-identical output (checked with
Python 3.11; the algorithms used are stable across CPython 3.6+).
"""
import datetime
import random
import sys

REGIONS = {
    "North East": [
        "Durham", "Darlington", "Gateshead", "Hartlepool", "Middlesbrough",
        "Newcastle upon Tyne", "North Tyneside", "Northumberland",
        "Redcar & Cleveland", "South Tyneside", "Stockton-on-Tees", "Sunderland",
    ],
    "North West": [
        "Blackburn with Darwen", "Blackpool", "Bolton", "Bury", "Cheshire East",
        "Cheshire West & Chester", "Cumbria", "Halton", "Knowsley", "Lancashire",
        "Liverpool", "Manchester", "Oldham", "Rochdale", "Salford", "Sefton",
        "St Helens", "Stockport", "Tameside", "Trafford", "Warrington", "Wigan",
        "Wirral",
    ],
    "Yorkshire and The Humber": [
        "Barnsley", "Bradford", "Calderdale", "Doncaster",
        "East Riding of Yorkshire", "Kingston upon Hull, City of", "Kirklees",
        "Leeds", "North East Lincolnshire", "North Lincolnshire",
        "North Yorkshire", "Rotherham", "Sheffield", "Wakefield", "York",
    ],
    "East Midlands": [
        "Derby", "Derbyshire", "Leicester", "Leicestershire", "Lincolnshire",
        "Northamptonshire", "Nottingham", "Nottinghamshire", "Rutland",
    ],
    "West Midlands": [
        "Birmingham", "Coventry", "Dudley", "Herefordshire, County of",
        "Sandwell", "Shropshire", "Solihull", "Staffordshire", "Stoke-on-Trent",
        "Telford & Wrekin", "Walsall", "Warwickshire", "Wolverhampton",
        "Worcestershire",
    ],
    "East of England": [
        "Bedford", "Central Bedfordshire", "Cambridgeshire", "Essex",
        "Hertfordshire", "Luton", "Norfolk", "Peterborough", "Southend-on-Sea",
        "Suffolk", "Thurrock",
    ],
    "London": [
        "Barking & Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden",
        "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney",
        "Hammersmith & Fulham", "Haringey", "Harrow", "Havering", "Hillingdon",
        "Hounslow", "Islington", "Kensington & Chelsea", "Kingston upon Thames",
        "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
        "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets",
        "Waltham Forest", "Wandsworth", "Westminster",
    ],
    "South East": [
        "Bracknell Forest", "Brighton & Hove", "Buckinghamshire", "East Sussex",
        "Hampshire", "Isle of Wight", "Kent", "Medway", "Milton Keynes",
        "Oxfordshire", "Portsmouth", "Reading", "Slough", "Southampton",
        "Surrey", "West Berkshire", "West Sussex", "Windsor & Maidenhead",
        "Wokingham",
    ],
    "South West": [
        "Bath & North East Somerset", "Bournemouth", "Bristol, City of",
        "Cornwall", "Devon", "Dorset", "Gloucestershire", "North Somerset",
        "Plymouth", "Poole", "Somerset", "South Gloucestershire", "Swindon",
        "Torbay", "Wiltshire",
    ],
}

JUDGEMENTS = ["Inadequate", "Adequate", "Good", "Outstanding"]
JUDGEMENT_WEIGHTS = [34, 43, 22, 1]
# Authorities with a comma in the name get weight 99 vs 200 for the rest:
# 3*99 / (147*200 + 3*99) = 1.000% of rows have a quoted authority field.
NORMAL_W, COMMA_W = 200, 99
CHUNK = 65536
HEADER = "id,authority,region,judgement,letter_date,children,died,independent_author\n"


def csv_field(s):
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def cumulative(ws):
    out, t = [], 0
    for w in ws:
        t += w
        out.append(t)
    return out


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: gen_reviews.py N OUT.csv [seed]\n")
        return 2
    n = int(argv[1])
    out = argv[2]
    seed = int(argv[3]) if len(argv) > 3 else 42

    # (authority field, region field) pre-rendered as one CSV fragment
    auth_frag, auth_w = [], []
    for region, names in REGIONS.items():
        for name in names:
            auth_frag.append(csv_field(name) + "," + csv_field(region))
            auth_w.append(COMMA_W if "," in name else NORMAL_W)
    assert len(auth_frag) == 150, len(auth_frag)
    auth_cum = cumulative(auth_w)
    judge_cum = cumulative(JUDGEMENT_WEIGHTS)

    d0 = datetime.date(2007, 1, 1)
    ndays = (datetime.date(2012, 12, 31) - d0).days + 1
    dates = [(d0 + datetime.timedelta(days=i)).strftime("%d/%m/%Y") for i in range(ndays)]
    children = ["1", "2", "3", "4", "5"]
    yn = ["Yes", "No"]

    rng = random.Random(seed)
    choices = rng.choices
    with open(out, "w", newline="", encoding="utf-8") as f:
        f.write(HEADER)
        i = 0
        while i < n:
            k = min(CHUNK, n - i)
            a = choices(auth_frag, cum_weights=auth_cum, k=k)
            j = choices(JUDGEMENTS, cum_weights=judge_cum, k=k)
            d = choices(dates, k=k)
            c = choices(children, k=k)
            di = choices(yn, k=k)
            ia = choices(yn, k=k)
            f.write("".join(
                f"{i + r + 1},{a[r]},{j[r]},{d[r]},{c[r]},{di[r]},{ia[r]}\n"
                for r in range(k)))
            i += k
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
