#!/usr/bin/env python3
"""The broad suite of issue 19: every query of suite_queries.py timed in ReviewQL, DuckDB and
polars in the same run, with every answer checked equal across the three.

usage: suite.py session|oneoff|memory FILE.csv OUT_DIR [REVIEWQL]

session  each tool loads the file once and runs every query RUNS times on the table in memory:
         ReviewQL in one process (`set timer on`, --format json so each answer is one line),
         DuckDB in-process on a table created in memory, polars on an eager data frame.
oneoff   each query is a fresh process per tool (load + query + exit), RUNS times: ReviewQL
         `--load big=FILE -c QUERY`, DuckDB on read_csv() directly, polars scan_csv (lazy).
         Peak RSS of each process from wait4().
memory   ReviewQL alone: the peak RSS of a process that loads every column (`datasets`) and
         runs one query, against one that only loads: how much each query raises the peak.

Writes OUT_DIR/suite_MODE.tsv (query, tool, median ms, min ms, max ms, runs, peak RSS MiB,
median CPU ms) and OUT_DIR/suite_MODE_checks.txt (one line a query: the answers equal or not);
prints a Markdown table of the medians and ratios to DuckDB, with the geometric means, both of
wall time and of CPU time (every core the tool used: steadier than wall time on a busy machine).
RUNS (environment, default 5 in a session and 3 one-off) sets the runs. The tools take turns:
one-off, each run of a query goes through the three tools in an order that turns round from
run to run; in a session, ROUNDS (default 2) whole sessions of each tool, the order of the
tools reversed every other round, and the medians taken over every round's runs."""
import json
import math
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from suite_queries import COLUMNS, QUERIES  # noqa: E402

mode, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
reviewql = sys.argv[4] if len(sys.argv) > 4 else os.path.join(HERE, "..", ".build", "release", "reviewql")
runs = int(os.environ.get("RUNS", "5" if mode == "session" else "3"))
rounds = int(os.environ.get("ROUNDS", "2"))
TOOLS = ["reviewql", "duckdb", "polars"]
only = os.environ.get("QUERIES", "").split(",") if os.environ.get("QUERIES") else None
queries = [q for q in QUERIES if only is None or q["name"] in only]
la_path = os.path.join(os.path.dirname(os.path.abspath(path)), "la.csv")
os.makedirs(out, exist_ok=True)


# MARK: the table of authorities joined by q28

def write_authorities():
    """150 rows, authority -> la_type, from gen_reviews.py's list (London, a county or unitary)."""
    from gen_reviews import REGIONS
    with open(la_path, "w", newline="") as f:
        f.write("authority,la_type\n")
        for region, names in REGIONS.items():
            for name in names:
                kind = "London borough" if region == "London" else ("county" if "shire" in name.lower() else "unitary")
                f.write(('"%s"' % name if "," in name else name) + "," + kind + "\n")


# MARK: answers, normalised

def cell(value):
    """One answer cell as comparable text: yes/no as Yes/No, numbers with a fraction to 2 places."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else "%.2f" % value
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text.lower() in ("yes", "no"):
        return text.capitalize()
    try:
        number = float(text)
        return cell(int(number) if number == int(number) and "." not in text else number)
    except ValueError:
        return text


def rows_of(records):
    return [tuple(cell(v) for v in r) for r in records]


def reviewql_answer(doc, q):
    """The rows of one ReviewQL JSON document, in the shape the peers give."""
    columns = [c["name"] for c in doc["columns"]]
    rows = [[r.get(c) for c in columns] for r in doc["rows"]]
    check = q["check"]
    if check == "describe":
        return None
    if check == "crosstab":
        # row label, then one column per judgement, then the row total; a Total row under it.
        long = []
        for r in rows:
            if r[0] == "Total":
                continue
            for name, value in zip(columns[1:], r[1:]):
                if name.lower() not in ("total", "all") and value not in (None, 0):
                    long.append((r[0], name, value))
        return sorted(rows_of(long))
    keep = [i for i, c in enumerate(columns) if c not in ("percent", "low", "high") and not c.startswith("95%")]
    rows = [[r[i] for i in keep] for r in rows if r[0] != "Total"]
    if check == "proportion":
        rows = [[r[0], r[1], r[2]] for r in rows]
    result = rows_of(rows)
    return result if check == "ordered" else sorted(result)


def peer_answer(records, q):
    records = [list(r) for r in records]
    if q["check"] == "financial_year":
        records = [["%d-%02d" % (r[0], (r[0] + 1) % 100)] + r[1:] for r in records]
    if q["check"] == "crosstab":
        records = [r for r in records if r[2]]
    result = rows_of(records)
    return result if q["check"] == "ordered" else sorted(result)


def describe_answer(text):
    """column -> (missing, distinct) from `describe`'s text."""
    found = {}
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] in COLUMNS and len(parts) >= 4 and parts[2].isdigit():
            found[parts[0]] = int(parts[3])
    return sorted(found.items())


# MARK: the tools

def reviewql_session():
    statements = ["set timer on", "datasets"]
    for q in queries:
        statements += [q["rql"]] * runs
    script = os.path.join(out, "session.rql")
    with open(script, "w") as f:
        f.write(";\n".join(statements) + ";\n")
    proc = subprocess.Popen([reviewql, "--format", "json", "--keep-going", "--load", "big=" + path,
                             "--load", "la=" + la_path, script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = proc.communicate()
    # `set timer on`, `datasets` and each query write one time each, `time: 12.3 ms (CPU 11.9
    # ms)`: the queries' are the last (`set timer on` timing itself or not).
    timed = [l.split() for l in stderr.splitlines() if l.startswith("time: ")][-len(queries) * runs:]
    walls, cpus = [float(t[1]) for t in timed], [float(t[4]) for t in timed]
    result = {q["name"]: (walls[i * runs:(i + 1) * runs], cpus[i * runs:(i + 1) * runs]) for i, q in enumerate(queries)}
    # Answers: one JSON line a statement (the first is `datasets`), describe's text in between.
    answers, lines, cursor = {}, stdout.splitlines(), 1
    for q in queries:
        for run in range(runs):
            if q["check"] == "describe":
                start = cursor
                while cursor < len(lines) and not lines[cursor].startswith("{"):
                    cursor += 1
                if run == 0:
                    answers[q["name"]] = describe_answer("\n".join(lines[start:cursor]))
            else:
                if run == 0:
                    answers[q["name"]] = reviewql_answer(json.loads(lines[cursor]), q)
                cursor += 1
    return result, answers, stderr


def duckdb_connection():
    import duckdb
    return duckdb.connect()


def duckdb_source(p):
    return "read_csv('%s', dateformat='%%d/%%m/%%Y')" % p.replace("'", "''")


def duckdb_sql(q, src, la):
    distincts = ", ".join("count(DISTINCT %s)" % c for c in COLUMNS)
    return q["sql"].format(src=src, la=la, distincts=distincts)


def duckdb_session():
    con = duckdb_connection()
    con.execute("CREATE TABLE reviews AS SELECT * FROM " + duckdb_source(path))
    con.execute("CREATE TABLE la AS SELECT * FROM " + duckdb_source(la_path))
    result, answers = {}, {}
    for q in queries:
        sql = duckdb_sql(q, "reviews", "la")
        times, cpus = [], []
        for _ in range(runs):
            t, c = time.perf_counter(), time.process_time()
            records = con.execute(sql).fetchall()
            times.append((time.perf_counter() - t) * 1000)
            cpus.append((time.process_time() - c) * 1000)
        result[q["name"]] = (times, cpus)
        answers[q["name"]] = describe_peer(records) if q["check"] == "describe" else peer_answer(records, q)
    return result, answers


def polars_frame(lazy):
    import polars as pl
    read = pl.scan_csv if lazy else pl.read_csv
    df = read(path).with_columns(pl.col("letter_date").str.strptime(pl.Date, "%d/%m/%Y"))
    return df, read(la_path)


def polars_session():
    df, la = polars_frame(lazy=False)
    result, answers = {}, {}
    for q in queries:
        times, cpus = [], []
        for _ in range(runs):
            t, c = time.perf_counter(), time.process_time()
            records = q["polars"](df, la).rows()
            times.append((time.perf_counter() - t) * 1000)
            cpus.append((time.process_time() - c) * 1000)
        result[q["name"]] = (times, cpus)
        answers[q["name"]] = describe_peer(records) if q["check"] == "describe" else peer_answer(records, q)
    return result, answers


def reviewql_session_checked():
    ours, answers, stderr = reviewql_session()
    if any(len(ours[q["name"]][0]) != runs for q in queries):
        sys.exit("reviewql's session did not time every statement:\n" + stderr[-2000:])
    return ours, answers


def sessions():
    """ROUNDS sessions of each tool, the tools' order reversed every other round."""
    run_tool = {"reviewql": reviewql_session_checked, "duckdb": duckdb_session, "polars": polars_session}
    times, cpu, answers = {}, {}, {}
    for r in range(rounds):
        for tool in (TOOLS if r % 2 == 0 else TOOLS[::-1]):
            result, tool_answers = run_tool[tool]()
            for q in queries:
                key = (q["name"], tool)
                times.setdefault(key, []).extend(result[q["name"]][0])
                cpu.setdefault(key, []).extend(result[q["name"]][1])
                answers.setdefault(key, tool_answers[q["name"]])
    return times, cpu, {}, answers


def describe_peer(records):
    return sorted(zip(COLUMNS, records[0]))


# MARK: one-off processes

def run_process(argv, env=None):
    """Wall ms, peak RSS MiB, standard output, CPU ms (user and system, every thread)."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    return ((time.perf_counter() - t) * 1000, usage.ru_maxrss / 1024, stdout.decode(),
            (usage.ru_utime + usage.ru_stime) * 1000)


def oneoff():
    times, cpu, rss, answers = {}, {}, {}, {}
    duckdb_env = dict(os.environ, SUITE_PEER="duckdb")
    for q in queries:
        commands = {
            "reviewql": [reviewql, "--format", "json", "--load", "big=" + path, "--load", "la=" + la_path, "-c", q["rql"]],
            "duckdb": [sys.executable, __file__, "peer-duckdb", path, q["name"]],
            "polars": [sys.executable, __file__, "peer-polars", path, q["name"]],
        }
        measured = {tool: [] for tool in TOOLS}
        for run in range(runs):
            # The tools take turns, starting with a different one each run.
            for tool in TOOLS[run % 3:] + TOOLS[:run % 3]:
                measured[tool].append(run_process(commands[tool], duckdb_env if tool == "duckdb" else None))
        for tool in TOOLS:
            times[(q["name"], tool)] = [m[0] for m in measured[tool]]
            cpu[(q["name"], tool)] = [m[3] for m in measured[tool]]
            rss[(q["name"], tool)] = max(m[1] for m in measured[tool])
            text = measured[tool][0][2]
            if tool == "reviewql":
                answers[(q["name"], tool)] = (describe_answer(text) if q["check"] == "describe"
                                              else reviewql_answer(json.loads(text.splitlines()[0]), q))
            else:
                answers[(q["name"], tool)] = json.loads(text)
    return times, cpu, rss, answers


def memory():
    """Each query's rise of the peak over the loaded table's, in MiB, printed as a table."""
    base = [reviewql, "--load", "big=" + path, "--load", "la=" + la_path, "-c"]
    loaded = max(run_process(base + ["datasets"])[1] for _ in range(2))
    print("| query | kind | peak RSS MiB | rise over the loaded table MiB |")
    print("|---|---|---:|---:|")
    print("| (load only) | `datasets` | %.0f | – |" % loaded)
    rises = []
    for q in queries:
        peak = run_process(base + ["datasets; " + q["rql"]])[1]
        rises.append(peak - loaded)
        print("| %s | %s | %.0f | %.0f |" % (q["name"], q["kind"], peak, peak - loaded))
    print()
    print("largest rise: %.0f MiB (%s)" % (max(rises), queries[rises.index(max(rises))]["name"]))


def peer_main(tool, file, name):
    """One query as a one-off process of a peer: prints its normalised answer as JSON."""
    global path, la_path
    path, la_path = file, os.path.join(os.path.dirname(os.path.abspath(file)), "la.csv")
    q = next(q for q in QUERIES if q["name"] == name)
    if tool == "peer-duckdb":
        con = duckdb_connection()
        records = con.execute(duckdb_sql(q, duckdb_source(path), duckdb_source(la_path))).fetchall()
    else:
        df, la = polars_frame(lazy=True)
        records = q["polars"](df, la).collect().rows()
    print(json.dumps(describe_peer(records) if q["check"] == "describe" else peer_answer(records, q)))


# MARK: report

def report(times, cpu, rss, answers):
    tools = TOOLS
    with open(os.path.join(out, "suite_%s.tsv" % mode), "w") as f:
        for (name, tool), ts in times.items():
            f.write("\t".join([name, tool, "%.3f" % statistics.median(ts), "%.3f" % min(ts), "%.3f" % max(ts),
                               str(len(ts)), "%.0f" % rss.get((name, tool), float("nan")),
                               "%.3f" % statistics.median(cpu[(name, tool)])]) + "\n")
    checks, equal = [], 0
    for q in queries:
        ours = json.loads(json.dumps(answers.get((q["name"], "reviewql"))))
        peers = [json.loads(json.dumps(answers.get((q["name"], t)))) for t in tools[1:]]
        same = all(p == ours for p in peers) and ours is not None
        equal += same
        checks.append("%s: %s" % (q["name"], "equal" if same else "DIFFERENT: reviewql %s / duckdb %s / polars %s"
                                  % (str(ours)[:300], str(peers[0])[:300], str(peers[1])[:300])))
    with open(os.path.join(out, "suite_%s_checks.txt" % mode), "w") as f:
        f.write("\n".join(checks) + "\n")
    print("| query | kind | ReviewQL ms | DuckDB ms | polars ms | × DuckDB | × polars | CPU ms (R/D/P) | CPU × DuckDB |" +
          (" RSS MiB (R/D/P) |" if mode == "oneoff" else ""))
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if mode == "oneoff" else ""))
    ratios_d, ratios_p, ratios_c = [], [], []
    for q in queries:
        m = {t: statistics.median(times[(q["name"], t)]) if times.get((q["name"], t)) else float("nan") for t in tools}
        c = {t: statistics.median(cpu[(q["name"], t)]) if cpu.get((q["name"], t)) else float("nan") for t in tools}
        rd, rp, rc = m["reviewql"] / m["duckdb"], m["reviewql"] / m["polars"], c["reviewql"] / max(c["duckdb"], 1e-3)
        ratios_d.append(rd)
        ratios_p.append(rp)
        ratios_c.append(rc)
        line = "| %s | %s | %.1f | %.1f | %.1f | %.2f | %.2f | %s | %.2f |" % (
            q["name"], q["kind"], m["reviewql"], m["duckdb"], m["polars"], rd, rp,
            "/".join("%.1f" % c[t] for t in tools), rc)
        if mode == "oneoff":
            line += " %s |" % "/".join("%.0f" % rss.get((q["name"], t), float("nan")) for t in tools)
        print(line)
    geo = lambda xs: math.exp(sum(math.log(max(x, 1e-3)) for x in xs) / len(xs))
    print()
    print("geometric mean × DuckDB: %.2f; × polars: %.2f; worst × DuckDB: %.2f (%s); answers equal: %d of %d"
          % (geo(ratios_d), geo(ratios_p), max(ratios_d), queries[ratios_d.index(max(ratios_d))]["name"], equal, len(queries)))
    print("CPU time: geometric mean × DuckDB: %.2f; worst × DuckDB: %.2f (%s)"
          % (geo(ratios_c), max(ratios_c), queries[ratios_c.index(max(ratios_c))]["name"]))
    print("load average at the end: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    different = [c for c in checks if "DIFFERENT" in c]
    for c in different:
        print("- " + c)


def main():
    write_authorities()
    print("load average at the start: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    if mode == "session":
        report(*sessions())
    elif mode == "memory":
        memory()
    else:
        report(*oneoff())


if __name__ == "__main__":
    if sys.argv[1].startswith("peer-"):
        peer_main(sys.argv[1], sys.argv[2], sys.argv[3])
    else:
        main()
