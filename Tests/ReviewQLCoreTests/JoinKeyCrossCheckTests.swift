import Foundation
import Testing
@testable import ReviewQLCore

/// Joins whose keys are not both text (#21: PostgreSQL refused `lower(trim(...))` of a number):
/// keys of one type match by value, a number, a date or yes/no against text as ReviewQL writes
/// it, ignoring case and surrounding spaces. Each query's SQL runs in sqlite3 here, and in DuckDB
/// and PostgreSQL with `EngineCrossCheckTests`' fixed queries; the answers must be ReviewQL's.
@Suite struct JoinKeyCrossCheckTests {
    /// A small dataset of text keys: numbers with spaces around them, yes/no in other cases,
    /// dates as text, and keys that match nothing.
    static func codes() -> Dataset {
        let table = Table(name: "codes", columns: [
            Column(name: "code", values: [" 3", "7 ", "12", "x"].map { .text($0) }),
            Column(name: "answer", values: ["YES", " no", "maybe", "other"].map { .text($0) }),
            Column(name: "day", values: ["2008-01-25", "2008-03-01 ", "2009-06-30", "soon"].map { .text($0) }),
            Column(name: "label", values: ["three", "seven", "twelve", "none"].map { .text($0) }),
        ])
        return Dataset(table: table, path: "codes.csv")
    }

    static let queries = [
        // An integer key with an integer key, as the catalog declares (la_code), and with and without.
        "count reviews join authorities join councils group by official_name order by count desc limit 5",
        "count authorities with inspections group by region",
        "count authorities without inspections",
        "list name, la_code from authorities without inspections order by name",
        // A number, yes/no or a date against text.
        "count synthetic join codes on n = code group by label",
        "count synthetic join codes on flag = answer group by label",
        "count synthetic join codes on seen = day group by label",
        "list place, n, label from synthetic join codes on n = code where label is not missing limit 30",
        "count codes with synthetic on code = n",
        "count synthetic without codes on n = code",
    ]

    /// The session the queries run in: the bundled data, the cross-check's synthetic table and `codes`.
    static func session() -> Session {
        let session = Bundled.session()
        session.add(Synthetic.dataset(rows: 2_000, seed: EngineCrossCheckTests.seed))
        session.add(codes())
        return session
    }

    @Test func sqlite3GivesReviewQLsAnswers() throws {
        let session = Self.session()
        let folder = SQLite.export(session)
        defer { try? FileManager.default.removeItem(at: folder) }
        var script = SQLite.loadScript(session, from: folder) + [".mode csv", ".headers off"]
        var expected: [[[String]]] = []
        for text in Self.queries {
            let ours = try session.result(text).table
            #expect(ours.rowCount > 0, "\(text) gives no rows: it tests nothing")
            expected.append((0..<ours.rowCount).map { ours.row($0).map(ValueFormatter.plain) })
            guard case .text(let sql)? = session.run("show sql " + text).last?.output else {
                Issue.record("no SQL for: \(text)")
                return
            }
            script += [".print '=== next'", sql]
        }
        let answers = try SQLite.sqlite3(script.joined(separator: "\n")).components(separatedBy: "=== next\n").dropFirst().map(SQLite.parseCSV)
        #expect(answers.count == Self.queries.count)
        for (text, (mine, theirs)) in zip(Self.queries, zip(expected, answers)) {
            #expect(mine.count == theirs.count && zip(mine, theirs).allSatisfy { SQLite.same($0, $1) },
                    "\(text)\nReviewQL: \(mine.prefix(5))\nsqlite3: \(theirs.prefix(5))")
        }
    }

    /// A key of decimals against a key of another type is refused, naming why (the engines
    /// write `1.0` in their own ways, so no SQL matches it as ReviewQL does).
    @Test func aDecimalKeyAgainstTextHasNoSQLForm() {
        let session = Self.session()
        let outcome = session.run("show sql for postgresql count synthetic join codes on score = code").last
        #expect(outcome?.failed == true)
        #expect(outcome?.diagnostics.first?.message.contains("a key of decimals matched with a key of another type") == true)
    }
}
