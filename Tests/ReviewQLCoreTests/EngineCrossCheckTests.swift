import Foundation
import Testing
@testable import ReviewQLCore

/// `show sql for duckdb` and `show sql for postgresql` must be real, as SQLite's is: each
/// query's SQL runs in the engine itself over the same data (exported by ReviewQL as CSV and
/// loaded with `SQLGenerator.loadScript`), and its answer must equal ReviewQL's, cell by cell.
/// DuckDB runs through its Python package (`Tests/Engines/duckdb-run.py`), PostgreSQL in a
/// throwaway server started for the test (`Tests/Engines/postgres-cluster.sh`); `.ci/setup`
/// installs both. Each test runs the fixed queries of `SQLCrossCheckTests` and a few of its
/// own, then 200 random ones (`REVIEWQL_CROSSCHECK` more, `REVIEWQL_SEED` another seed:
/// `Tests/crosscheck.sh COUNT SEED ENGINE`).
@Suite struct EngineCrossCheckTests {
    static var count: Int { Int(ProcessInfo.processInfo.environment["REVIEWQL_CROSSCHECK"] ?? "") ?? 200 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["REVIEWQL_SEED"] ?? "") ?? 20_081_231 }

    /// What only DuckDB and PostgreSQL have a form for, or write differently from SQLite.
    static let ownQueries = [
        "median reviews from completion_times group by judgement",
        "median reviews, average reviews from completion_times",
        "median score from synthetic group by level",
        "count synthetic where flag = yes group by flag",
        "count synthetic group by flag order by count desc",
        "list place, seen + 30 as later, seen - 7 as earlier from synthetic where seen is not missing order by later desc limit 10",
        "list place, days between seen and 2010-06-01 as wait, months between seen and 2010-06-01 as m, years between 2000-02-29 and seen as y from synthetic limit 20",
        "list place, score / n as ratio from synthetic where n = 0 or n = 3 limit 20",
        "list place, round(score / 3, 1) as r, round(score, 0) as whole from synthetic limit 20",
        "count synthetic group by quarter(seen), financial_year(seen), year_quarter(seen)",
        "list distinct place from synthetic order by place desc",
        "count synthetic where place contains \"o'b\" or place ends with \"\"\"hi\"\"\"",
    ]

    @Test func duckDBGivesReviewQLsAnswers() throws {
        guard (try? ExternalTools.run("python3", ["-c", "import duckdb"]).status) == 0 else {
            Issue.record("the cross-check needs DuckDB's Python package (pip install duckdb; .ci/setup does it)")
            return
        }
        try EngineCheck(engine: .duckdb, runner: DuckDBRunner()).run()
    }

    @Test func postgreSQLGivesReviewQLsAnswers() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        try EngineCheck(engine: .postgresql, runner: server).run()
    }
}

/// An engine that runs a batch of SQL after loading the exported datasets.
protocol SQLRunner {
    /// Each query's rows (as text), or the engine's error.
    func run(load: [String], queries: [String]) throws -> [Result<[[String]], EngineError>]
}

struct EngineError: Error, CustomStringConvertible {
    var description: String
}

/// The cross-check against one engine: the fixed queries and the random ones, their SQL from
/// `show sql for ENGINE`, answered by ReviewQL and by the engine.
struct EngineCheck {
    let engine: SQLEngine
    let runner: any SQLRunner

    func run() throws {
        let session = JoinKeyCrossCheckTests.session()
        let folder = SQLite.export(session)
        defer { try? FileManager.default.removeItem(at: folder) }
        var queries: [(text: String, sql: String, ours: Table)] = []
        for text in SQLCrossCheckTests.queries + EngineCrossCheckTests.ownQueries + JoinKeyCrossCheckTests.queries {
            let ours = try session.result(text).table
            guard case .text(let sql)? = session.run("show sql for \(engine.rawValue) " + text).last?.output else {
                Issue.record("no \(engine.title) SQL for: \(text)")
                continue
            }
            queries.append((text, sql, ours))
        }
        let fixed = queries.count
        var generator = QueryGenerator(session: session, seed: EngineCrossCheckTests.seed)
        generator.medians = true
        var skipped = 0
        while queries.count < fixed + EngineCrossCheckTests.count {
            let text = generator.next()
            guard let outcome = session.run(text).last, !outcome.failed, case .result(let result)? = outcome.output,
                  case .text(let sql)? = session.run("show sql for \(engine.rawValue) " + text).last?.output else {
                skipped += 1
                continue
            }
            queries.append((text, sql, result.table))
        }
        let load = session.datasets.map {
            SQLGenerator.loadScript(for: $0, csvPath: folder.appendingPathComponent($0.name + ".csv").path, engine: engine)
        }
        let answers = try runner.run(load: load, queries: queries.map(\.sql))
        #expect(answers.count == queries.count)
        var failures = 0
        for (query, answer) in zip(queries, answers) {
            let mine = (0..<query.ours.rowCount).map { query.ours.row($0).map(ValueFormatter.plain) }
            let rows: [[String]]
            switch answer {
            case .failure(let error):
                failures += 1
                Issue.record("\(engine.title) refused (seed \(EngineCrossCheckTests.seed)): \(query.text)\n\(error)\nSQL:\n\(query.sql)")
                continue
            case .success(let theirs): rows = theirs
            }
            let same = mine.count == rows.count && zip(mine, rows).allSatisfy { EngineCheck.same($0, $1) }
            if !same {
                failures += 1
                if failures <= 10 {
                    let at = Array(zip(mine, rows)).firstIndex { !EngineCheck.same($0.0, $0.1) } ?? min(mine.count, rows.count)
                    Issue.record("differs from \(engine.title) (seed \(EngineCrossCheckTests.seed)) at row \(at) (\(mine.count) rows against \(rows.count)): \(query.text)\nReviewQL: \(mine.dropFirst(at).prefix(3))\n\(engine.title): \(rows.dropFirst(at).prefix(3))\nSQL:\n\(query.sql)")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(queries.count) queries differ from \(engine.title) (seed \(EngineCrossCheckTests.seed))")
        print("cross-check, seed \(EngineCrossCheckTests.seed): \(fixed) fixed and \(queries.count - fixed) random queries compared with \(engine.title), \(failures) differ; \(skipped) generated queries skipped (rejected with a message)")
    }

    /// Cells agree as `SQLite.same` has them, and psql's `t` and `f` are ReviewQL's Yes and No
    /// (DuckDB's runner writes Yes and No itself).
    static func same(_ mine: [String], _ theirs: [String]) -> Bool {
        let theirs = zip(mine, theirs).map { ours, their in
            (ours == "Yes" && their == "t") ? "Yes" : (ours == "No" && their == "f") ? "No" : their
        } + theirs.dropFirst(mine.count)
        return SQLite.same(mine, theirs)
    }
}

/// DuckDB through its Python package: one process, one in-memory database for the batch.
struct DuckDBRunner: SQLRunner {
    func run(load: [String], queries: [String]) throws -> [Result<[[String]], EngineError>] {
        let request = try JSONSerialization.data(withJSONObject: ["load": load, "queries": queries])
        let script = ExternalTools.testsFolder.appendingPathComponent("Engines/duckdb-run.py").path
        let result = try ExternalTools.run("python3", [script], input: String(decoding: request, as: UTF8.self))
        guard result.status == 0, let answers = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] else {
            throw EngineError(description: "duckdb-run.py failed (\(result.status)): \(result.stderr)")
        }
        return answers.map { answer in
            if let rows = answer["rows"] as? [[String]] { return .success(rows) }
            return .failure(EngineError(description: answer["error"] as? String ?? "no answer"))
        }
    }
}

/// A PostgreSQL server of its own in a temporary folder, reached through `psql` on a socket
/// there; started by `init`, stopped (and the folder removed) by `stop`.
final class PostgresServer: SQLRunner {
    let folder: URL
    let connection: [String]
    static let script = ExternalTools.testsFolder.appendingPathComponent("Engines/postgres-cluster.sh").path

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-pg-\(UUID().uuidString)")
        let started = try Spawn.run("bash", [Self.script, "start", folder.path])
        guard started.status == 0 else {
            _ = try? Spawn.run("bash", [Self.script, "stop", folder.path])
            throw EngineError(description: "could not start a PostgreSQL server: \(started.stderr)")
        }
        connection = started.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    func stop() {
        _ = try? Spawn.run("bash", [Self.script, "stop", folder.path])
    }

    /// `psql` with no start-up file, CSV output with no header, stopping at the first error.
    func psql(_ arguments: [String], input: String? = nil) throws -> ExternalTools.Run {
        try Spawn.run("psql", ["-X", "-q", "--csv", "-t", "-v", "ON_ERROR_STOP=1"] + connection + arguments, input: input)
    }

    func run(load: [String], queries: [String]) throws -> [Result<[[String]], EngineError>] {
        let loaded = try psql(["-f", "-"], input: load.joined(separator: "\n"))
        guard loaded.status == 0 else { throw EngineError(description: "psql could not load the data: \(loaded.stderr)") }
        return try queries.map { sql in
            let answer = try psql(["-f", "-"], input: sql)
            return answer.status == 0 ? .success(SQLite.parseCSV(answer.stdout)) : .failure(EngineError(description: answer.stderr))
        }
    }
}
