import Foundation
import Testing
@testable import ReviewQLCore

/// `show sql rate of ...` run through the system sqlite3 over the same data: each group, its
/// count, its population and its rate agree with ReviewQL's (the interval is not in the SQL,
/// and says so). A population with a group written in another case, one with no reviews, one
/// with a missing count and a row with no region checks the matching and the unknown groups.
@Suite struct PopulationRateSQLTests {
    static let awkward = """
        region,people
        east midlands,4611954
        East of England,5751443
        London,7942594
        North East,2575441
        North West,6986156
        South East,8350621
        South West,
        West Midlands,5528007
        Yorkshire and The Humber,5223344
        Wales,3006430
        ,100
        """

    static func session() throws -> Session {
        let session = PopulationRatesTests.session()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-awkward-\(UUID().uuidString).csv")
        try awkward.write(to: path, atomically: true, encoding: .utf8)
        _ = session.run("load \"\(path.path)\" as awkward")
        return session
    }

    static let statements = [
        "rate of reviews join authorities group by region per 10000 people from population",
        "rate of reviews join authorities where judgement = good group by region per 100000 people from population",
        "rate of reviews join authorities where judgement = inadequate group by region per 10000 people from awkward",
        "rate of reviews per 10000 people from population",
        "rate of reviews where letter_date < 2008-06-01 per 1000 people from awkward",
    ]

    @Test(arguments: statements)
    func sameCountsAndRatesInSQLite(_ text: String) throws {
        let session = try Self.session()
        let outcomes = session.run(text)
        guard case .result(let ours)? = outcomes.last?.output else {
            Issue.record("no result for \(text): \(outcomes.last?.diagnostics.map(\.message) ?? [])")
            return
        }
        let folder = SQLite.export(session)
        guard case .text(let sql)? = session.run("show sql " + text).last?.output else {
            Issue.record("no SQL for \(text)")
            return
        }
        #expect(sql.contains("-- SQL has no Poisson quantile function"))
        let script = SQLite.loadScript(session, from: folder) + [".mode csv", ".headers off", sql]
        let rows = SQLite.parseCSV(try SQLite.sqlite3(script.joined(separator: "\n")))
        #expect(rows.count == ours.table.rowCount, "\(text): \(rows.count) rows from sqlite3, \(ours.table.rowCount) from ReviewQL")
        for (row, fields) in rows.enumerated() where row < ours.table.rowCount {
            let mine = Array(ours.table.row(row).prefix(4)).map(ValueFormatter.plain)
            #expect(SQLite.same(mine, fields), "\(text), row \(row): ReviewQL \(mine), sqlite3 \(fields)")
        }
    }

    @Test func explainSaysTheMethod() throws {
        let session = try Self.session()
        let outcome = session.run("explain rate of reviews join authorities group by region per 10000 people from population").last!
        guard case .explained(let text, let result)? = outcome.output else {
            Issue.record("no explanation: \(outcome.diagnostics.map(\.message))")
            return
        }
        #expect(text.contains("one row for each region"))
        #expect(text.contains("exact Poisson interval (Garwood)"))
        #expect(text.contains("ignoring case"))
        #expect(result.table.rowCount == 9)
    }
}
