import Foundation
import Testing
@testable import ReviewQLCore

/// `show sql` must be real: each query's SQL runs in the system `sqlite3` over the same data
/// (exported by ReviewQL as CSV and loaded with `SQLGenerator.loadScript`), and its answer must
/// equal ReviewQL's, cell by cell.
@Suite struct SQLCrossCheckTests {
    static let queries = [
        "count reviews",
        "count reviews group by judgement",
        "count reviews where judgement = inadequate group by authority",
        "count reviews where judgement in (adequate, good)",
        "count reviews where judgement >= adequate",
        "count reviews where judgement between inadequate and adequate group by judgement",
        "count reviews where authority contains \"shire\"",
        "count reviews where authority starts with \"north\" or authority ends with \"ton\"",
        "count reviews where not authority contains \"shire\" group by judgement",
        "count reviews where letter_date >= 2009-01-01 group by judgement",
        "count reviews group by year(letter_date)",
        "count reviews group by month(letter_date)",
        "count reviews group by quarter(letter_date), judgement",
        "count reviews group by financial_year(letter_date)",
        "count reviews group by year_month(letter_date)",
        "count reviews group by year_quarter(letter_date), judgement",
        "list authority, year_month(letter_date), year_quarter(letter_date) from reviews where year_quarter(letter_date) = \"2009 Q2\"",
        "list authority, judgement, authority from reviews where judgement = good order by authority limit 5",
        "count, count from reviews group by judgement, judgement",
        "count reviews group by authority order by count desc limit 5",
        "count reviews group by authority having count >= 3 order by count desc",
        "count distinct authority from reviews where judgement = inadequate",
        "list reviews where authority = norfolk",
        "list authority, letter_date from reviews where judgement = good order by letter_date",
        "list authority from reviews where letter_date between 2008-04-01 and 2008-06-30 order by authority desc",
        "list distinct judgement from reviews",
        "list distinct authority from reviews where judgement = inadequate order by authority limit 10",
        "count reviews join authorities group by region",
        "count reviews join authorities group by region, judgement",
        "count reviews join authorities where type = \"London borough\" group by judgement",
        "count statements join authorities group by region",
        "count statements group by addressed",
        "count statements where addressed = no",
        "sum children from ethnicity group by broad_group",
        "sum deaths from deaths_by_cause group by category having sum deaths > 40",
        "sum reviews from completion_times group by time_taken",
        "count rows, sum reviews, average reviews, min reviews, max reviews from completion_times group by judgement",
        "average children from ethnicity",
        "min letter_date, max letter_date from reviews group by judgement",
        "count rows from completion_times where reviews is missing",
        "list year, judgement, reviews from years where reviews is not missing order by reviews desc",
        "count reviews where judgement = good and (authority contains \"a\" or letter_date < 2008-09-01)",
        "count reviews where year(letter_date) = 2009 and month(letter_date) <= 3 group by judgement",
        "count authorities without reviews",
        "list authorities without reviews where region = London order by name",
        "count authorities with (reviews where judgement = inadequate) group by region",
        "count reviews without statements on authority = board join authorities group by region",
        "count reviews join authorities group by region, authority order by count desc limit 2 per region",
        "count reviews join authorities group by region, authority order by count desc limit 2 per region with ties with rank per region",
        "count reviews group by year_month(letter_date) with running total, cumulative percent, change",
        "count reviews join authorities group by region, judgement order by count desc with rank per region, running total, cumulative percent",
        "sum children from ethnicity group by broad_group, ethnicity order by sum children desc limit 1 per broad_group with change",
        "count reviews group by judgement having count > 10 order by count desc limit 2 with rank, cumulative percent",
        "count reviews join authorities group by type, judgement with change per type, cumulative percent",
        "list authority, region, letter_date from reviews join authorities order by letter_date desc limit 2 per region",
        "list authority, region, letter_date from reviews join authorities order by letter_date desc limit 1 per region with ties",
        "list authority, judgement from reviews order by judgement limit 3 per judgement with ties",
        "list authority, letter_date from reviews where judgement = good order by authority limit 2 per year_month(letter_date)",
        "list authority from reviews limit 1 per judgement",
    ]

    @Test func sqlite3IsThere() {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"),
                "the cross-check needs the system sqlite3 (apt-get install sqlite3; .ci/setup does it)")
    }

    @Test(arguments: queries)
    func sameAnswerInSQLite(_ text: String) throws {
        let session = Bundled.session()
        let ours = try session.result(text).table
        let sqlite = try SQLite.run(text, session: session)
        #expect(sqlite.count == ours.rowCount, "\(text): \(sqlite.count) rows from sqlite3, \(ours.rowCount) from ReviewQL")
        for (row, fields) in sqlite.enumerated() where row < ours.rowCount {
            let mine = ours.row(row).map(ValueFormatter.plain)
            #expect(SQLite.same(mine, fields), "\(text), row \(row): ReviewQL \(mine), sqlite3 \(fields)")
        }
    }
}

/// Runs generated SQL through the system sqlite3 over the bundled data.
enum SQLite {
    /// The bundled datasets, exported as CSV once per test process.
    static let exported: URL = export(Bundled.session())

    /// Writes every dataset of the session as CSV into a new folder, for sqlite3 to load.
    static func export(_ session: Session) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-sqlite-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for dataset in session.datasets {
            let csv = ResultWriter.delimited(QueryResult(table: dataset.table), separator: ",") + "\n"
            try? csv.write(to: folder.appendingPathComponent(dataset.name + ".csv"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// The SQLite statements that load every dataset of the session from `folder`.
    static func loadScript(_ session: Session, from folder: URL) -> [String] {
        session.datasets.map { SQLGenerator.loadScript(for: $0, csvPath: folder.appendingPathComponent($0.name + ".csv").path) }
    }

    static func run(_ text: String, session: Session) throws -> [[String]] {
        let outcomes = session.run("show sql " + text)
        guard case .text(let sql)? = outcomes.last?.output else {
            throw Diagnostic.error("no SQL for: \(text): \(outcomes.last?.diagnostics.map(\.message) ?? [])")
        }
        var script = loadScript(session, from: exported)
        script += [".mode csv", ".headers off", sql]
        return parseCSV(try sqlite3(script.joined(separator: "\n")))
    }

    /// Runs a script through `sqlite3 :memory:` and returns what it printed; anything on its
    /// standard error is an error.
    static func sqlite3(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [":memory:"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Feed the script from another thread, so a large output cannot block the writer.
        let writer = input.fileHandleForWriting
        let bytes = Data(script.utf8)
        let thread = Thread { writer.write(bytes); try? writer.close() }
        thread.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if !problems.isEmpty { throw Diagnostic.error("sqlite3 said: \(problems)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// sqlite3's CSV output, split into rows of fields (RFC 4180 quoting).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        var iterator = Array(text.replacingOccurrences(of: "\r\n", with: "\n")).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Cells agree: equal text, or numbers equal to 1e-9 (sqlite3 prints 0.0 where ReviewQL prints 0).
    static func same(_ mine: [String], _ theirs: [String]) -> Bool {
        guard mine.count == theirs.count else { return false }
        return zip(mine, theirs).allSatisfy { a, b in
            if a == b { return true }
            if let x = Double(a), let y = Double(b) { return abs(x - y) < 1e-9 * max(1, abs(x)) }
            return false
        }
    }
}
