import Foundation
import Testing
@testable import ReviewQLCore

/// Issue 16, part 1 and 9: official statistics symbols in columns of numbers, EES periods, and
/// codes that are not measures, on real Explore Education Statistics files
/// (`Tests/Fixtures/official/`, sources in its `SOURCES.txt`).
///
/// Each fixture's expected table is `NAME.expected.json`, written by `expected.py` there with
/// pandas (`read_csv` with the symbols as `na_values`), not by ReviewQL.
@Suite struct OfficialStatisticsTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/official")

    static let fixtures = [
        ("csww_indicators_2024_first_lines", "official/csww_indicators_2024_first_lines.csv"),
        ("ks2_cin_2024_first_lines", "official/ks2_cin_2024_first_lines.csv"),
        ("dfe_children_in_need", "dfe_children_in_need.csv"),
    ]

    /// pandas' table for a fixture: its columns' names, types, values and symbols.
    struct Expected {
        struct ExpectedColumn {
            var name: String
            var type: String
            var values: [Any?]
            var symbols: [Int: String]
        }
        var rows: Int
        var columns: [ExpectedColumn]

        init(_ name: String) throws {
            let data = try Data(contentsOf: OfficialStatisticsTests.folder.appendingPathComponent(name + ".expected.json"))
            let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            rows = object["rows"] as! Int
            columns = (object["columns"] as! [[String: Any]]).map { column in
                let values = (column["values"] as! [Any]).map { $0 is NSNull ? nil : $0 }
                let symbols = (column["symbols"] as! [String: String]).reduce(into: [Int: String]()) { $0[Int($1.key)!] = $1.value }
                return ExpectedColumn(name: column["name"] as! String, type: column["type"] as! String, values: values,
                                      symbols: symbols)
            }
        }
    }

    static func session(loading fixture: (name: String, path: String), as name: String = "t") throws -> Session {
        let session = Session()
        try session.load(path: folder.deletingLastPathComponent().appendingPathComponent(fixture.path).path, as: name)
        return session
    }

    /// Every column's type, every cell's value, and every symbol, as pandas reads the file.
    static func check(_ table: Table, against expected: Expected, _ label: String) {
        #expect(table.rowCount == expected.rows, "\(label)")
        #expect(table.columns.map(\.name) == expected.columns.map(\.name), "\(label)")
        for (column, want) in zip(table.columns, expected.columns) {
            #expect(column.type.rawValue == want.type, "\(label) \(column.name)")
            for row in 0..<min(table.rowCount, want.values.count) {
                let value = column.value(at: row)
                switch want.values[row] {
                case nil: #expect(value == .missing, "\(label) \(column.name) row \(row)")
                case let text as String: #expect(value == .text(text), "\(label) \(column.name) row \(row)")
                case let number as NSNumber:
                    if want.type == "integer" {
                        #expect(value == .integer(number.int64Value), "\(label) \(column.name) row \(row)")
                    } else {
                        #expect(value == .decimal(number.doubleValue), "\(label) \(column.name) row \(row)")
                    }
                default: Issue.record("unexpected JSON value in \(column.name)")
                }
                #expect(column.symbol(at: row)?.written == want.symbols[row], "\(label) \(column.name) row \(row)")
            }
        }
    }

    @Test(arguments: fixtures)
    func loadsAsPandasReadsIt(_ fixture: (String, String)) throws {
        let table = try Self.session(loading: fixture).datasets[0].table
        Self.check(table, against: try Expected(fixture.0), fixture.0)
    }

    /// `list` written as CSV by ReviewQL and loaded again is the same table: types, values, symbols.
    @Test(arguments: fixtures)
    func csvExportLoadsBackTheSame(_ fixture: (String, String)) throws {
        let session = try Self.session(loading: fixture)
        let csv = try ResultWriter.render(try session.result("list t"), as: .csv)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-export-\(fixture.0).csv")
        try Data(csv.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let again = Session()
        try again.load(path: file.path, as: "t")
        Self.check(again.datasets[0].table, against: try Expected(fixture.0), fixture.0 + " reloaded")
    }

    /// `show sql`'s loading script makes the symbols of ReviewQL's CSV export NULL, as they are
    /// missing: SQLite's count and total of the column are pandas'.
    @Test func sqliteReadsTheExportsSymbolsAsNull() throws {
        let session = try Self.session(loading: Self.fixtures[0])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-sql-symbols.csv")
        try Data(try ResultWriter.render(try session.result("list t"), as: .csv).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = SQLGenerator.loadScript(for: session.datasets[0], csvPath: file.path)
            + "\n.mode csv\n.headers off\nSELECT count(agency_cover_rate_fte), total(agency_cover_rate_fte) FROM t;"
        let fields = try SQLite.sqlite3(script).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",")
        let known = try Expected(Self.fixtures[0].0).columns.first { $0.name == "agency_cover_rate_fte" }!.values
            .compactMap { ($0 as? NSNumber)?.doubleValue }
        #expect(fields.first.flatMap { Int($0) } == known.count)
        #expect(abs((fields.last.flatMap { Double($0) } ?? .nan) - known.reduce(0, +)) < 1e-6)
    }

    /// A sum says how many values it is of and how many of each symbol it left out; the sum and
    /// the counts come from pandas' table.
    @Test(arguments: [("csww_indicators_2024_first_lines", "agency_cover_rate_fte"), ("ks2_cin_2024_first_lines", "t_rwm_met_expected_standard"),
                      ("dfe_children_in_need", "At31_episodes")])
    func sumSaysWhatItLeftOut(_ name: String, _ columnName: String) throws {
        let fixture = Self.fixtures.first { $0.0 == name }!
        let expected = try Expected(name).columns.first { $0.name == columnName }!
        let result = try Self.session(loading: fixture).result("sum \(columnName) from t")
        let known = expected.values.compactMap { $0 as? NSNumber }
        #expect(abs((result.table.columns[0].value(at: 0).number ?? .nan) - known.reduce(0) { $0 + $1.doubleValue }) < 1e-6)
        var counts: [UInt8: Int] = [:]
        for symbol in expected.symbols.values { counts[OfficialSymbol.code(of: symbol)!, default: 0] += 1 }
        #expect(result.notes == [.leftOut(rows: expected.values.count - known.count, measure: "sum(\(columnName))",
                                          known: known.count, symbols: counts)])
        let missing = try Self.session(loading: fixture).number("count t where \(columnName) is missing")
        #expect(missing == Double(expected.values.count - known.count))
    }

    @Test func noteWordsEachSymbolWithItsMeaning() {
        let note = ResultNote.leftOut(rows: 16, measure: "sum(children)", known: 140,
                                      symbols: [OfficialSymbol.code(of: "c")!: 12, OfficialSymbol.code(of: "z")!: 3])
        #expect(note.text == "sum(children) is of 140 known values; left out: 12 suppressed (c), 3 not applicable (z), 1 with no value")
    }

    @Test func describeCountsEachSymbol() throws {
        let session = try Self.session(loading: Self.fixtures[1])
        guard case .text(let text)? = session.run("describe t").last?.output else { Issue.record("no text"); return }
        #expect(text.contains("  t_rwm_met_expected_standard: 2 suppressed (c)\n"))
        #expect(text.contains("  t_read_progress_eligible_pupils: 70 not available (x)"))
    }

    // MARK: The rules, on small files written here

    static func table(_ csv: String) throws -> Table {
        try CSVReader.read(Array(csv.utf8), name: "t", file: "t.csv")
    }

    @Test(arguments: [
        // Numbers with symbols are numbers, whatever comes first.
        ("n\nc\n12\n[x]\n", "integer", ["c", nil, "[x]"]),
        ("n\n1.5\nlow\n2\n", "decimal", [nil, "low", nil]),
        ("n\n..\n:\n~\n7\n", "integer", ["..", ":", "~", nil]),
        // Symbols among words or dates, or other spellings, are text.
        ("n\nc\nGood\n", "text", [nil, nil]),
        ("n\n12\nC\n", "text", [nil, nil]),
        ("n\nx\n2009-01-31\n", "text", [nil, nil]),
        ("n\n2009-01-31\nx\n", "text", [nil, nil]),
        ("n\nyes\nx\n", "text", [nil, nil]),
        // A column of check marks stays text when no column holds numbers with symbols.
        ("done,name\nx,a\n,b\nx,c\n", "text", [nil, nil, nil]),
    ])
    func aColumnsTypeWithSymbols(_ csv: String, _ type: String, _ symbols: [String?]) throws {
        let column = try Self.table(csv).columns[0]
        #expect(column.type.rawValue == type, "\(csv)")
        #expect((0..<column.count).map { column.symbol(at: $0)?.written } == symbols, "\(csv)")
        if type == "text" { #expect(column.symbols == nil) }
    }

    @Test func aColumnOfOnlySymbolsIsNumbersBesideNumbersWithSymbols() throws {
        let table = try Self.table("count,progress\n5,x\nc,x\n7,\n")
        #expect(table.columns[1].type == .integer)
        #expect(table.columns[1].missingCount == 3)
        #expect((0..<3).map { table.columns[1].symbol(at: $0)?.written } == ["x", "x", nil])
    }

    /// The fast reader leaves a file with symbols to the exact reader, and the table is the
    /// exact reader's.
    @Test(arguments: [0, 25_000, 49_999])
    func aLargeFileWithASymbolIsReadExactly(_ symbolRow: Int) throws {
        var csv = "id,count,note\n"
        for row in 0..<50_000 { csv += "\(row),\(row == symbolRow ? "c" : String(row % 97)),a note on row \(row % 13)\n" }
        let bytes = Array(csv.utf8)
        #expect(bytes.count > ParallelCSVReader.minimumFileSize)
        let fast = bytes.withUnsafeBytes { ParallelCSVReader.read(ByteSource(memory: $0), name: "t", pieceCount: 4, windowSize: 4096) }
        #expect(fast == nil)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-symbols-\(symbolRow).csv")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let loaded = try CSVReader.load(path: file.path, name: "t")
        #expect(loaded.columns[1].type == .integer)
        #expect(loaded.columns[1].symbol(at: symbolRow)?.written == "c")
        #expect(loaded.columns[1].missingCount == 1)
        #expect(loaded.columns[1].value(at: (symbolRow + 1) % 50_000) == .integer(Int64((symbolRow + 1) % 50_000 % 97)))
    }

    /// `list distinct` keeps apart missing values that hold different symbols.
    @Test func distinctKeepsSymbolsApart() throws {
        let session = try Self.session(loading: Self.fixtures[2])
        let result = try session.result("list distinct At31_episodes from t where At31_episodes is missing")
        #expect(result.table.rowCount == 2)
        #expect(Set((0..<2).compactMap { result.table.columns[0].symbol(at: $0)?.written }) == ["c", "x"])
    }

    @Test func comparingNumbersWithASymbolIsRefusedWithWhatWorks() throws {
        let session = try Self.session(loading: Self.fixtures[2])
        let outcome = session.run("count t where At31_episodes = c").last!
        #expect(outcome.failed)
        let message = outcome.diagnostics.first?.message ?? ""
        #expect(message.contains("\"c\" is an official statistics symbol, suppressed (c)"))
    }

    // MARK: Periods

    @Test func financialYearsGroupAsPeriods() throws {
        let session = try Self.session(loading: Self.fixtures[2])
        let result = try session.result("count t group by time_period")
        #expect(result.table.columns[0].value(at: 0) == .text("2023-24"))
        #expect(try session.number("count t where time_period = 202324") == 38)
        #expect(try session.number("count t where time_period >= \"2023-24\"") == 38)
        let outcome = session.run("count t group by year(time_period)").last!
        #expect(outcome.failed)
        #expect(outcome.diagnostics.first?.message == "year() needs a date column, but time_period holds periods such as 2023-24, not dates")
    }

    /// The EES forms, in time order: by when each starts (an autumn term in September, a spring
    /// term in the January after), a longer period before a shorter one starting with it.
    @Test func periodsSortInTimeOrder() throws {
        let csv = """
            time_period,time_identifier,n
            202324,Spring term,1
            2023,January,2
            202223,Autumn term,3
            2023,Week 2,4
            202324,Autumn term,5
            2022,December,6
            202324,Autumn and spring term,7
            """
        let (table, applied) = OfficialPeriods.apply(to: try Self.table(csv))
        #expect(applied)
        #expect(table.columns[0].scale == ["2022-23 Autumn term", "2022 December", "2023 January", "2023 Week 2",
                                           "2023-24 Autumn and spring term", "2023-24 Autumn term", "2023-24 Spring term"])
        let mixed = "time_period,time_identifier\n202324,Financial year\n202324,Academic year\n2023,Calendar year\n"
        #expect(OfficialPeriods.apply(to: try Self.table(mixed)).table.columns[0].scale
                == ["2023 (calendar year)", "2023-24 (financial year)", "2023-24 (academic year)"])
    }

    @Test(arguments: ["time_period,time_identifier\n202325,Financial year\n", "time_period,time_identifier\n2023,Financial year\n",
                      "time_period,time_identifier\n202324,Fiscal year\n", "time_period,time_identifier\n,Financial year\n"])
    func aPeriodNotOfTheEESFormsLeavesTheColumnAsItIs(_ csv: String) throws {
        let (table, applied) = OfficialPeriods.apply(to: try Self.table(csv))
        #expect(!applied)
        #expect(table.columns[0].scale == nil)
    }

    // MARK: Codes

    @Test func aSumOfACodeIsWarnedAboutAndHelpLeavesCodesOut() throws {
        let session = try Self.session(loading: Self.fixtures[1])
        let outcome = session.run("sum old_la_code from t").last!
        #expect(!outcome.failed)
        #expect(outcome.diagnostics.first?.severity == .warning)
        #expect(outcome.diagnostics.first?.message == "sum of old_la_code means nothing: its name (_code) marks it as a code, a label written in digits")
        let refused = session.run("sum la_name from t").last!
        let help = refused.diagnostics.first?.help ?? ""
        #expect(help.hasPrefix("numeric columns of t: t_read_eligible_pupils"))
        #expect(!help.contains("old_la_code") && !help.contains("time_period"))
    }

    @Test(arguments: [("old_la_code", true), ("school_urn", true), ("URN", true), ("trust_id", true), ("gss_code", true),
                      ("provider_ukprn", true), ("children", false), ("identity", false), ("time_period", false)])
    func codeNames(_ name: String, _ isCode: Bool) {
        #expect(ColumnNaming.isCode(name) == isCode)
    }
}
