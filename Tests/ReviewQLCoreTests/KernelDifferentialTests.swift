import Foundation
import Testing
@testable import ReviewQLCore

/// Every query of the benchmark suite (bench/suite_queries.py, on a small file of the same
/// shape), and more that reach each kernel, answered twice in one session: through the
/// evaluator's fast ways (`Kernels`: typed filters into selections, dense groups over codes and
/// day numbers, typed measures, joins by code, `describe` over typed storage) and through the
/// general path alone (boxed values row by row). The two answers (every cell, the total row,
/// every note and warning) must be identical.
///
/// The file has missing cells in every column the kernels read, a decimal column with negative
/// values, integers too wide for four bytes, mixed letter case in text, an ordered scale, and
/// an authority the joined table lacks, over more rows than one 64-row block.
@Suite struct KernelDifferentialTests {
    static let authorities = ["Barking & Dagenham", "Bristol, City of", "Leeds", "LEEDS", "Norfolk", "Rutland",
                              "North Yorkshire", "Northumberland", "Devon", "Lancashire", "York"]
    static let regions = ["London", "South West", "Yorkshire", "East", "North East"]

    /// The reviews file and the table of authorities (all but York, which matches nothing, and
    /// LEEDS, which joins to Leeds),
    /// loaded once; each test has its own session over them.
    static let datasets: [Dataset] = {
        var state: UInt64 = 19
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        func maybe(_ text: String, _ percent: Int) -> String { next(100) < percent ? "" : text }
        var csv = "id,authority,region,judgement,letter_date,children,died,independent_author,score,wide\n"
        let judgements = ["Inadequate", "Adequate", "Good", "Outstanding"]
        for id in 1...3_000 {
            let authority = authorities[next(authorities.count)]
            let date = String(format: "%02d/%02d/%d", 1 + next(28), 1 + next(12), 2007 + next(6))
            let score = String(format: "%.2f", Double(next(20_001) - 10_000) / 100)
            let fields = [
                "\(id)", maybe(authority.contains(",") ? "\"\(authority)\"" : authority, 3), regions[next(regions.count)],
                maybe(judgements[next(100) < 34 ? 0 : next(3)], 2), maybe(date, 4), maybe("\(1 + next(5))", 5),
                maybe(next(2) == 0 ? "Yes" : "No", 5), next(2) == 0 ? "Yes" : "No", maybe(score, 6),
                maybe("\(Int64(next(1_000)) * 10_000_000_000 - 5_000_000_000_000)", 5),
            ]
            csv += fields.joined(separator: ",") + "\n"
        }
        var la = "authority,la_type\n"
        for authority in authorities where authority != "York" && authority != "LEEDS" {
            la += (authority.contains(",") ? "\"\(authority)\"" : authority) + "," + (authority.hasPrefix("North") ? "county" : "unitary") + "\n"
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-kernels-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try! Data(csv.utf8).write(to: folder.appendingPathComponent("d.csv"))
        try! Data(la.utf8).write(to: folder.appendingPathComponent("la.csv"))
        let session = Session()
        try! session.load(path: folder.appendingPathComponent("d.csv").path, as: "d")
        try! session.load(path: folder.appendingPathComponent("la.csv").path, as: "la")
        try? FileManager.default.removeItem(at: folder)
        return session.datasets
    }()

    static var session: Session {
        let session = Session()
        for dataset in datasets { session.add(dataset) }
        return session
    }

    /// bench/suite_queries.py's ReviewQL queries, on `d` instead of `big`.
    static let suite = [
        "count d where judgement = inadequate group by authority",
        "count d",
        "count d where letter_date >= 2011-01-01",
        "count d where children >= 3",
        "list d where id = 2345",
        "count d where died = yes",
        "count d where died = yes and children >= 4",
        "count d where not (judgement = good or children < 2)",
        "count d where letter_date between 2009-01-01 and 2009-03-31",
        "count d where region in (\"London\", \"South West\") group by judgement",
        "count d where authority contains \"shire\"",
        "count d where authority starts with \"north\" group by authority",
        "count d group by region, judgement",
        "count d group by year(letter_date)",
        "count d group by financial_year(letter_date)",
        "count d where year(letter_date) = 2010 group by quarter(letter_date)",
        "count d group by children",
        "count d where judgement = inadequate group by year_month(letter_date)",
        "count distinct authority from d where judgement = good",
        "count distinct id from d",
        "sum children, average children, median children, min children, max children from d",
        "average children, median children, max children from d group by region",
        "min letter_date, max letter_date from d where judgement = outstanding",
        "sum children from d where died = yes group by judgement",
        "count d group by authority order by count desc limit 5",
        "list id, authority, letter_date from d where authority = \"Rutland\" and letter_date >= 2012-06-01 order by letter_date, id",
        "count d where judgement = adequate group by authority having count < 60",
        "count d join la group by la_type",
        "count d group by region, judgement as crosstab",
        "proportion of d where judgement = inadequate group by region",
        "describe d",
    ]

    /// Each kernel's edges: strict and open ends, `!=`, `not between`, lists of numbers and
    /// dates, missing values, decimals (negative, strict bounds), integers wider than four
    /// bytes, dates and integers as dense group keys, text and scale min/max, counts distinct
    /// of every type, joins with unmatched and missing keys.
    static let edges = [
        "count d where children > 2 group by died",
        "count d where children != 3 group by children",
        "count d where children < 1",
        "count d where children <= 5 and children >= 5",
        "count d where children not between 2 and 4 group by children",
        "count d where children between 4 and 2",
        "count d where children in (1, 3, 9) group by children",
        "count d where children not in (1, 3) group by children",
        "count d where children = 2.0",
        "count d where children > 2.5",
        "count d where not children = 2 group by died",
        "count d where children is missing or died is missing group by region",
        "count d where score > 0",
        "count d where score >= -12.5 and score < 12.5",
        "count d where score != 0.5 group by died",
        "count d where score between -1 and 1",
        "count d where score not between -50 and 50",
        "count d where wide > 0",
        "count d where wide = -5000000000000",
        "count d where wide between -1000000000000 and 1000000000000 group by region",
        "count d where letter_date > 2012-12-31",
        "count d where letter_date < 2007-01-02",
        "count d where letter_date != 2009-06-01 group by year(letter_date)",
        "count d where letter_date in (2008-01-01, 2009-02-03, 2010-03-04)",
        "count d where letter_date not between 2008-01-01 and 2011-12-31 group by year(letter_date)",
        "count d group by month(letter_date), died",
        "count d group by day(letter_date)",
        "count d group by year_quarter(letter_date)",
        "count d where month(letter_date) = 4 or quarter(letter_date) = 1 group by financial_year(letter_date)",
        "count d group by children, died, judgement",
        "count d group by lower(authority)",
        "sum score, average score, median score, min score, max score from d",
        "sum score, average score, median score, count score from d group by region, died",
        "sum wide, average wide, median wide, min wide, max wide from d group by judgement",
        "median children from d where children is not missing group by authority",
        "average children from d where children >= 6",
        "min authority, max authority, min judgement, max judgement, min died, max died from d",
        "min judgement, max judgement from d group by region",
        "min letter_date, max letter_date, count letter_date from d group by died",
        "count distinct score, count distinct wide, count distinct letter_date, count distinct died, count distinct judgement from d",
        "count distinct children from d group by region",
        "sum children from d group by region",
        "sum score from d group by died",
        "count d join la group by la_type, judgement",
        "count d join la where la_type = county group by authority",
        "average children from d join la group by la_type",
        "list distinct la_type from d join la",
        "count d where children >= 2 group by authority order by count desc limit 3 with ties",
        "list id, score from d where score > 99 order by score desc",
    ]

    /// A statement's whole answer as text: every cell, the total row, notes, warnings, errors.
    static func answer(_ text: String, kernels: Bool, session: Session = Self.session) -> String {
        let outcomes = Kernels.$enabled.withValue(kernels) { session.run(text) }
        return outcomes.map { outcome in
            var lines = outcome.diagnostics.map { "\($0.severity): \($0.message)" }
            switch outcome.output {
            case .result(let result)?, .explained(_, let result)?:
                let table = result.table
                lines.append(table.columns.map(\.name).joined(separator: " | "))
                for row in 0..<table.rowCount {
                    lines.append(table.columns.map { ValueFormatter.plain($0.value(at: row)) }.joined(separator: " | "))
                }
                if let total = result.totalRow { lines.append(total.map { ValueFormatter.plain($0) }.joined(separator: " | ")) }
                lines += result.noteLines
            case .text(let text)?: lines.append(text)
            default: break
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    @Test(arguments: suite + edges)
    func kernelsGiveTheGeneralPathsAnswer(_ text: String) {
        let general = Self.answer(text, kernels: false)
        let fast = Self.answer(text, kernels: true)
        #expect(!general.hasPrefix("error"), "the query itself failed: \(text)\n\(general)")
        #expect(fast == general, "\(text)\nkernels:\n\(fast)\ngeneral path:\n\(general)")
    }

    /// The kernels really are used: a filter on an integer is a range, not a row-by-row test;
    /// a date's year groups in a dense array; a join on text matches by code.
    @Test func theKernelsAreTheOnesUsed() throws {
        let table = Self.datasets.first { $0.name == "d" }!.table
        let children = try #require(table.columnIndex(named: "children"))
        let condition = FastCondition(.compare(.greaterEqual, .column(children), .constant(.integer(3))), table: table,
                                      compiled: CompiledExpressions(table: table))
        guard case .range = condition else { Issue.record("not a range: \(condition)"); return }
        let date = try #require(table.columnIndex(named: "letter_date"))
        let key = BoundOutput(expression: .function(.year, .column(date)), label: "year", type: .integer, scale: nil)
        #expect(DenseGroups(keys: [key], table: table) != nil)
        let authority = try #require(table.column(named: "authority"))
        #expect(CodeJoin(leftKey: authority, rowOf: [:]) != nil)
    }
}
