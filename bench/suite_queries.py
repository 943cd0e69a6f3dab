"""The queries of the broad suite (issue 19), each in ReviewQL, DuckDB's SQL and polars, with
how its answer is compared.

Each query is a dict: `name`, `kind` (what it exercises), `rql` (ReviewQL, on the dataset
`big`), `sql` (DuckDB, on the table or scan `{src}`, and `{la}` for the 150-row table of
authorities), `polars` (a function of the data frame `df` and `la` that returns a frame), and
`check`: "rows" (the rows as a set), "ordered" (the rows in order), "describe" (the distinct and
missing counts of each column) or "crosstab" (ReviewQL's crosstab read back into long form).

Every answer is normalised by `normalise` in suite.py: numbers with a fractional part to two
decimals (ReviewQL shows averages and medians with two), dates as ISO text, yes/no as Yes/No.
"""
import os

if os.environ.get("SUITE_PEER") == "duckdb":
    # A one-off DuckDB process has no use for polars: importing it (half a second of CPU) would
    # be counted in DuckDB's time. The lambdas below look `pl` and `C` up only when called.
    pl = C = None
else:
    import polars as pl
    C = pl.col


def _ymd(year, month, day):
    import datetime
    return datetime.date(year, month, day)


QUERIES = [
    dict(name="q01_text_eq_group", kind="filter on text, group by text",
         rql="count big where judgement = inadequate group by authority",
         sql="SELECT authority, count(*) FROM {src} WHERE judgement = 'Inadequate' GROUP BY 1",
         polars=lambda df, la: df.filter(C("judgement") == "Inadequate").group_by("authority").agg(pl.len()),
         check="rows"),
    dict(name="q02_count", kind="count every row",
         rql="count big",
         sql="SELECT count(*) FROM {src}",
         polars=lambda df, la: df.select(pl.len()),
         check="rows"),
    dict(name="q03_date_ge", kind="filter on a date (>=)",
         rql="count big where letter_date >= 2011-01-01",
         sql="SELECT count(*) FROM {src} WHERE letter_date >= DATE '2011-01-01'",
         polars=lambda df, la: df.filter(C("letter_date") >= _ymd(2011, 1, 1)).select(pl.len()),
         check="rows"),
    dict(name="q04_int_ge", kind="filter on an integer (>=)",
         rql="count big where children >= 3",
         sql="SELECT count(*) FROM {src} WHERE children >= 3",
         polars=lambda df, la: df.filter(C("children") >= 3).select(pl.len()),
         check="rows"),
    dict(name="q05_point_lookup", kind="one row by its id",
         rql="list big where id = 765432",
         sql="SELECT * FROM {src} WHERE id = 765432",
         polars=lambda df, la: df.filter(C("id") == 765432),
         check="rows"),
    dict(name="q06_yes_no", kind="filter on yes/no",
         rql="count big where died = yes",
         sql="SELECT count(*) FROM {src} WHERE died = 'Yes'",
         polars=lambda df, la: df.filter(C("died") == "Yes").select(pl.len()),
         check="rows"),
    dict(name="q07_and", kind="yes/no and integer",
         rql="count big where died = yes and children >= 4",
         sql="SELECT count(*) FROM {src} WHERE died = 'Yes' AND children >= 4",
         polars=lambda df, la: df.filter((C("died") == "Yes") & (C("children") >= 4)).select(pl.len()),
         check="rows"),
    dict(name="q08_not_or", kind="not (text or integer)",
         rql="count big where not (judgement = good or children < 2)",
         sql="SELECT count(*) FROM {src} WHERE NOT (judgement = 'Good' OR children < 2)",
         polars=lambda df, la: df.filter(~((C("judgement") == "Good") | (C("children") < 2))).select(pl.len()),
         check="rows"),
    dict(name="q09_date_between", kind="between dates",
         rql="count big where letter_date between 2009-01-01 and 2009-03-31",
         sql="SELECT count(*) FROM {src} WHERE letter_date BETWEEN DATE '2009-01-01' AND DATE '2009-03-31'",
         polars=lambda df, la: df.filter(C("letter_date").is_between(_ymd(2009, 1, 1), _ymd(2009, 3, 31))).select(pl.len()),
         check="rows"),
    dict(name="q10_in_list", kind="in a list of text",
         rql='count big where region in ("London", "South East") group by judgement',
         sql="SELECT judgement, count(*) FROM {src} WHERE region IN ('London', 'South East') GROUP BY 1",
         polars=lambda df, la: df.filter(C("region").is_in(["London", "South East"])).group_by("judgement").agg(pl.len()),
         check="rows"),
    dict(name="q11_contains", kind="contains",
         rql='count big where authority contains "shire"',
         sql="SELECT count(*) FROM {src} WHERE lower(authority) LIKE '%shire%'",
         polars=lambda df, la: df.filter(C("authority").str.to_lowercase().str.contains("shire")).select(pl.len()),
         check="rows"),
    dict(name="q12_starts_with", kind="starts with, group by text",
         rql='count big where authority starts with "north" group by authority',
         sql="SELECT authority, count(*) FROM {src} WHERE lower(authority) LIKE 'north%' GROUP BY 1",
         polars=lambda df, la: df.filter(C("authority").str.to_lowercase().str.starts_with("north"))
         .group_by("authority").agg(pl.len()),
         check="rows"),
    dict(name="q13_group_two", kind="group by two text columns",
         rql="count big group by region, judgement",
         sql="SELECT region, judgement, count(*) FROM {src} GROUP BY 1, 2",
         polars=lambda df, la: df.group_by("region", "judgement").agg(pl.len()),
         check="rows"),
    dict(name="q14_group_year", kind="group by year() of a date",
         rql="count big group by year(letter_date)",
         sql="SELECT year(letter_date), count(*) FROM {src} GROUP BY 1",
         polars=lambda df, la: df.group_by(C("letter_date").dt.year()).agg(pl.len()),
         check="rows"),
    dict(name="q15_group_financial_year", kind="group by financial_year()",
         rql="count big group by financial_year(letter_date)",
         sql="SELECT CASE WHEN month(letter_date) >= 4 THEN year(letter_date) ELSE year(letter_date) - 1 END AS y, "
             "count(*) FROM {src} GROUP BY 1",
         polars=lambda df, la: df.group_by(pl.when(C("letter_date").dt.month() >= 4).then(C("letter_date").dt.year())
                                           .otherwise(C("letter_date").dt.year() - 1).alias("y")).agg(pl.len()),
         check="financial_year"),
    dict(name="q16_year_filter_quarter", kind="filter by year(), group by quarter()",
         rql="count big where year(letter_date) = 2010 group by quarter(letter_date)",
         sql="SELECT quarter(letter_date), count(*) FROM {src} WHERE year(letter_date) = 2010 GROUP BY 1",
         polars=lambda df, la: df.filter(C("letter_date").dt.year() == 2010)
         .group_by(C("letter_date").dt.quarter()).agg(pl.len()),
         check="rows"),
    dict(name="q17_group_integer", kind="group by an integer",
         rql="count big group by children",
         sql="SELECT children, count(*) FROM {src} GROUP BY 1",
         polars=lambda df, la: df.group_by("children").agg(pl.len()),
         check="rows"),
    dict(name="q18_group_year_month", kind="group by year_month()",
         rql="count big where judgement = inadequate group by year_month(letter_date)",
         sql="SELECT strftime(letter_date, '%Y-%m'), count(*) FROM {src} WHERE judgement = 'Inadequate' GROUP BY 1",
         polars=lambda df, la: df.filter(C("judgement") == "Inadequate")
         .group_by(C("letter_date").dt.strftime("%Y-%m")).agg(pl.len()),
         check="rows"),
    dict(name="q19_distinct_text", kind="count distinct of text",
         rql="count distinct authority from big where judgement = good",
         sql="SELECT count(DISTINCT authority) FROM {src} WHERE judgement = 'Good'",
         polars=lambda df, la: df.filter(C("judgement") == "Good").select(C("authority").n_unique()),
         check="rows"),
    dict(name="q20_distinct_unique", kind="count distinct of a unique column",
         rql="count distinct id from big",
         sql="SELECT count(DISTINCT id) FROM {src}",
         polars=lambda df, la: df.select(C("id").n_unique()),
         check="rows"),
    dict(name="q21_measures", kind="sum, average, median, min, max of a column",
         rql="sum children, average children, median children, min children, max children from big",
         sql="SELECT sum(children), avg(children), median(children), min(children), max(children) FROM {src}",
         polars=lambda df, la: df.select(C("children").sum(), C("children").mean().alias("a"),
                                         C("children").median().alias("m"), C("children").min().alias("n"),
                                         C("children").max().alias("x")),
         check="rows"),
    dict(name="q22_measures_by_group", kind="average, median and max per group",
         rql="average children, median children, max children from big group by region",
         sql="SELECT region, avg(children), median(children), max(children) FROM {src} GROUP BY 1",
         polars=lambda df, la: df.group_by("region").agg(C("children").mean().alias("a"),
                                                         C("children").median().alias("m"), C("children").max().alias("x")),
         check="rows"),
    dict(name="q23_min_max_date", kind="min and max of a date",
         rql="min letter_date, max letter_date from big where judgement = outstanding",
         sql="SELECT min(letter_date), max(letter_date) FROM {src} WHERE judgement = 'Outstanding'",
         polars=lambda df, la: df.filter(C("judgement") == "Outstanding")
         .select(C("letter_date").min().alias("a"), C("letter_date").max().alias("b")),
         check="rows"),
    dict(name="q24_sum_filter_group", kind="sum per group with a filter",
         rql="sum children from big where died = yes group by judgement",
         sql="SELECT judgement, sum(children) FROM {src} WHERE died = 'Yes' GROUP BY 1",
         polars=lambda df, la: df.filter(C("died") == "Yes").group_by("judgement").agg(C("children").sum()),
         check="rows"),
    dict(name="q25_top_n", kind="top N groups",
         rql="count big group by authority order by count desc limit 5",
         sql="SELECT authority, count(*) AS n FROM {src} GROUP BY 1 ORDER BY n DESC, authority LIMIT 5",
         polars=lambda df, la: df.group_by("authority").agg(pl.len().alias("n")).sort(["n", "authority"],
                                                                                      descending=[True, False]).head(5),
         check="ordered"),
    dict(name="q26_list_filter_order", kind="list rows with a filter and an order",
         rql='list id, authority, letter_date from big where authority = "Rutland" and letter_date >= 2012-06-01 '
             "order by letter_date, id",
         sql="SELECT id, authority, letter_date FROM {src} WHERE authority = 'Rutland' AND letter_date >= DATE '2012-06-01' "
             "ORDER BY letter_date, id",
         polars=lambda df, la: df.filter((C("authority") == "Rutland") & (C("letter_date") >= _ymd(2012, 6, 1)))
         .select("id", "authority", "letter_date").sort(["letter_date", "id"]),
         check="ordered"),
    dict(name="q27_having", kind="having",
         rql="count big where judgement = adequate group by authority having count < 2850",
         sql="SELECT authority, count(*) FROM {src} WHERE judgement = 'Adequate' GROUP BY 1 HAVING count(*) < 2850",
         polars=lambda df, la: df.filter(C("judgement") == "Adequate").group_by("authority").agg(pl.len().alias("n"))
         .filter(C("n") < 2850),
         check="rows"),
    dict(name="q28_join", kind="join a 150-row table, group by its column",
         rql="count big join la group by la_type",
         sql="SELECT la_type, count(*) FROM {src} r JOIN {la} l ON r.authority = l.authority GROUP BY 1",
         polars=lambda df, la: df.join(la, on="authority").group_by("la_type").agg(pl.len()),
         check="rows"),
    dict(name="q29_crosstab", kind="crosstab",
         rql="count big group by region, judgement as crosstab",
         sql="SELECT region, judgement, count(*) FROM {src} GROUP BY 1, 2",
         polars=lambda df, la: df.group_by("region", "judgement").agg(pl.len()),
         check="crosstab"),
    dict(name="q30_proportion", kind="grouped proportions",
         rql="proportion of big where judgement = inadequate group by region",
         sql="SELECT region, count(*) FILTER (WHERE judgement = 'Inadequate'), count(*) FROM {src} GROUP BY 1",
         polars=lambda df, la: df.group_by("region").agg((C("judgement") == "Inadequate").sum().alias("k"), pl.len()),
         check="proportion"),
    dict(name="q31_describe", kind="describe",
         rql="describe big",
         sql="SELECT {distincts} FROM {src}",
         polars=lambda df, la: df.select([C(c).n_unique().alias(c) for c in df.columns]),
         check="describe"),
]

COLUMNS = ["id", "authority", "region", "judgement", "letter_date", "children", "died", "independent_author"]
