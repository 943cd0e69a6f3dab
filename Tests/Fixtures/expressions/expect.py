"""Writes expected.json: the answers to the arithmetic questions of ExpressionAnswersTests,
worked out with pandas from the bundled data files (Data/), independently of ReviewQL.

Run from this folder: python3 expect.py"""
import json
import pathlib

import pandas as pd

data = pathlib.Path(__file__).resolve().parents[3] / "Data"
answers = {}

# Share of reviews with an independent overview author, per judgement and overall.
authors = pd.read_csv(data / "overview_authors.csv")
authors["share"] = authors.independent_author / authors.reviews * 100
answers["share_by_judgement"] = {r.judgement: r.share for r in authors.itertuples()}
answers["share_overall"] = authors.independent_author.sum() / authors.reviews.sum() * 100

# Each year's judgement as a percent of the year's reviews (2007-08's adequate count is missing).
years = pd.read_csv(data / "years.csv")
years["worked_out"] = years.reviews / years.reviews_in_year * 100
answers["years_worked_out"] = [None if pd.isna(v) else v for v in years.worked_out]
answers["years_missing"] = int(years.worked_out.isna().sum())

# Deaths by category as a share of all deaths, and per cause as a share of its category.
deaths = pd.read_csv(data / "deaths_by_cause.csv")
by_category = deaths.groupby("category").deaths.sum()
answers["deaths_share_by_category"] = {k: v / deaths.deaths.sum() * 100 for k, v in by_category.items()}

# Days and whole months from 1 April 2008 to each review's letter.
reviews = pd.read_csv(data / "reviews.csv")
letter = pd.to_datetime(reviews.letter_date, format="%d/%m/%Y")
start = pd.Timestamp("2008-04-01")
days = (letter - start).dt.days
answers["reviews_more_than_300_days"] = int((days > 300).sum())
answers["latest_days"] = int(days.max())
months = (letter.dt.year - 2008) * 12 + (letter.dt.month - 4) - (letter.dt.day < 1).astype(int)
answers["reviews_by_month_number"] = {str(k): int(v) for k, v in months.value_counts().sort_index().items()}
due = letter + pd.Timedelta(days=28)
inadequate = reviews.judgement.str.lower() == "inadequate"
answers["first_reply_due"] = sorted(due[inadequate].dt.strftime("%Y-%m-%d"))[:5]

pathlib.Path("expected.json").write_text(json.dumps(answers, indent=1, sort_keys=True) + "\n")
