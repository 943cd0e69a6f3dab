#!/usr/bin/env python3
"""Runs SQL in DuckDB (its Python package) for the cross-check.

Reads JSON from standard input: {"load": [statement, ...], "queries": [sql, ...]}; runs the
load statements in a new in-memory database, then each query, and writes JSON to standard
output: one entry a query, {"rows": [[cell, ...], ...]} or {"error": "..."}. Cells are text as
ReviewQL writes them in CSV: NULL empty, dates yyyy-mm-dd, booleans Yes/No, numbers as Python
prints them (the test compares numbers as numbers)."""
import datetime
import json
import sys

import duckdb


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def main():
    request = json.load(sys.stdin)
    connection = duckdb.connect()
    for statement in request["load"]:
        connection.execute(statement)
    answers = []
    for query in request["queries"]:
        try:
            rows = connection.execute(query).fetchall()
            answers.append({"rows": [[cell(v) for v in row] for row in rows]})
        except duckdb.Error as error:
            answers.append({"error": str(error)})
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
