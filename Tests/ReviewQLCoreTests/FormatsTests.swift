import Foundation
import Testing
@testable import ReviewQLCore

/// Numbers and dates as people write them, and scales on a user's own files. The fixtures in
/// `Tests/Fixtures/formats/` were made by LibreOffice, pandas and R (`make_fixtures.py`,
/// `make_r_dates.R`); the values they must load as were worked out by pandas and R, in the
/// `expected_*` files beside them, never by ReviewQL.
@Suite struct FormatsTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/formats")

    static func load(_ file: String) throws -> Table {
        try CSVReader.load(path: folder.appendingPathComponent(file).path, name: "t")
    }

    /// A column's values as the expected files write them: numbers, ISO dates, nil.
    static func plainValues(_ column: Column) -> [String?] {
        (0..<column.count).map { row in
            let value = column.value(at: row)
            return value.isMissing ? nil : ValueFormatter.plain(value)
        }
    }

    static func expectedJSON(_ file: String) throws -> [String: [Any?]] {
        let data = try Data(contentsOf: folder.appendingPathComponent(file))
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: [Any?]])
    }

    /// Numbers from the JSON as ReviewQL writes them (1200.0 as 1200).
    static func written(_ values: [Any?]) -> [String?] {
        values.map { value in
            switch value {
            case let number as NSNumber where !(value is String): return ValueFormatter.decimal(number.doubleValue)
            case let text as String: return text
            default: return nil
            }
        }
    }

    @Test func aSpreadsheetSavedByLibreOfficeLoadsAsPandasReadsIt() throws {
        let table = try Self.load("tracker.csv")
        let expected = try Self.expectedJSON("expected_tracker.json")
        for (name, values) in expected {
            let column = try #require(table.column(named: name))
            #expect(Self.plainValues(column) == Self.written(values), "column \(name)")
        }
        #expect(table.column(named: "amount")?.unit == .pounds)
        #expect(table.column(named: "rate")?.unit == .percent)
        #expect(table.column(named: "children")?.type == .integer)
        #expect(table.column(named: "children")?.unit == nil)
        for date in ["letter_date", "review_date", "start", "short_date"] { #expect(table.column(named: date)?.type == .date) }
        // 21/4/2008 shows the day comes first: no note about the order. The two-digit years are said.
        #expect(!table.formatNotes.contains { if case .dayOrMonthFirst = $0 { true } else { false } })
        #expect(table.formatNotes.contains(.twoDigitYears(column: "short_date", example: "09/05/25", read: "2025-05-09")))
        #expect(table.formatNotes.contains(.numbersRead(column: "amount", example: "£1,200.00", unit: .pounds)))
    }

    @Test func pandasDateTimesAtMidnightAreDatesAndOthersStayText() throws {
        let table = try Self.load("pandas_dates.csv")
        let expected = try Self.expectedJSON("expected_pandas_dates.json")
        for (name, values) in expected {
            #expect(Self.plainValues(try #require(table.column(named: name))) == Self.written(values), "column \(name)")
        }
        #expect(table.column(named: "stamp")?.type == .text)
        #expect(table.formatNotes.contains(.timesKeptAsText(column: "stamp", example: "2009-01-31 10:00:00")))
        #expect(table.formatNotes.contains(.midnightDropped(column: "midnight")))
    }

    @Test func rDatesMonthFirstAndLongAreReadAsRReadsThem() throws {
        let table = try Self.load("r_dates.csv")
        let lines = try String(contentsOf: Self.folder.appendingPathComponent("expected_r_dates.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",").map { String($0.replacingOccurrences(of: "\"", with: "")) } }
        for (index, name) in lines[0].enumerated() {
            let column = try #require(table.column(named: name))
            #expect(Self.plainValues(column) == lines.dropFirst().map { $0[index] }, "column \(name)")
        }
        #expect(table.formatNotes.contains(.monthFirst(column: "us", example: "01/31/2009")))
    }

    /// The fast reader gives the same table and notes as the exact one, or leaves the file to it.
    @Test(arguments: ["tracker.csv", "pandas_dates.csv", "r_dates.csv"])
    func theFastPathAgrees(_ file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let reference = try CSVReader.read(bytes, name: "t", file: file)
        for (pieces, window, sample) in CSVReaderTests.cuttings {
            guard let fast = CSVReaderTests.fastTable(bytes, pieces: pieces, window: window, sample: sample) else { continue }
            #expect(CSVReaderTests.describe(fast) == CSVReaderTests.describe(reference))
            #expect(fast.formatNotes == reference.formatNotes)
            #expect(fast.columns.map(\.unit) == reference.columns.map(\.unit))
        }
    }

    static func read(_ csv: String) throws(Diagnostic) -> Table {
        try CSVReader.read(Array(csv.utf8), name: "t", file: "t.csv")
    }

    @Test func dayFirstAndMonthFirstInOneColumnStayText() throws {
        let table = try Self.read("d\n13/01/2009\n01/13/2009\n")
        #expect(table.columns[0].type == .text)
        #expect(table.formatNotes == [.dayFirstAndMonthFirst(column: "d", dayFirst: "13/01/2009", monthFirst: "01/13/2009")])
    }

    @Test func aDateNeitherWayRoundIsAnError() {
        do {
            _ = try Self.read("d\n01/02/2009\n13/13/2009\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "\"13/13/2009\" is not a real date: there is no month 13")
        }
    }

    @Test func percentBesidePlainNumbersStaysTextAndPoundsBesidePlainArePounds() throws {
        let table = try Self.read("rate,cost\n34%,£5\n0.5,7\n")
        #expect(table.columns[0].type == .text)
        #expect(table.formatNotes.contains(.percentBesidePlain(column: "rate", withSign: "34%", without: "0.5")))
        #expect(Self.plainValues(table.columns[1]) == ["5", "7"])
        #expect(table.formatNotes.contains(.poundsWithoutSign(column: "cost", count: 1, example: "7")))
    }

    /// A text column never stops a load (the fast reader may leave it unread): an impossible
    /// date among written dates keeps the column as text, with a note naming it.
    @Test func anImpossibleDateInAWrittenFormKeepsTheColumnText() throws {
        let table = try Self.read("d\n31-Jan-2009\n30-Feb-2009\n")
        #expect(table.columns[0].type == .text)
        #expect(table.formatNotes == [.impossibleDateKeptAsText(column: "d", example: "30-Feb-2009",
                                                                reason: "February 2009 has 28 days")])
    }

    /// Groupings that are not thousands, codes with leading zeros, and words stay text.
    @Test(arguments: ["12,34", "1,2345", "0,123", "1,234,56", "007", "£", "12%%", "1.234,5"])
    func notANumber(_ text: String) {
        #expect(WrittenForms.number(Substring(text)) == nil)
    }

    @Test(arguments: [("1,234", 1234.0), ("1,234,567.5", 1_234_567.5), ("£1,200", 1200), ("-£5", -5), ("£-5", -5),
                      ("34%", 34), ("34 %", 34), ("12.5%", 12.5), ("£0.50", 0.5), ("0%", 0)])
    func aNumber(_ text: String, _ value: Double) {
        #expect(WrittenForms.number(Substring(text))?.value == value)
    }

    @Test(arguments: [("31-Jan-2009", "2009-01-31"), ("31 January 2009", "2009-01-31"), ("31 Jan 2009", "2009-01-31"),
                      ("1-Sept-09", "2009-09-01"), ("2009-01-31T10:00:00", nil), ("2009-01-31T00:00:00Z", "2009-01-31"),
                      ("31/01/2009 00:00", "2009-01-31"), ("09/05/29", "2029-05-09"), ("09/05/30", "1930-05-09"),
                      // `-` and `.` between numbers only with a four-digit year: `1.2.10` may be a
                      // section number, `01-02-09` a code.
                      ("31-01-2009", "2009-01-31"), ("31.01.2009", "2009-01-31"), ("1.2.10", nil), ("01-02-09", nil),
                      ("31.01/2009", nil)])
    func aDate(_ text: String, _ iso: String?) throws {
        let table = try Self.read("d\n" + text + "\n")
        #expect(table.columns[0].type == (iso == nil ? .text : .date))
        if let iso { #expect(ValueFormatter.plain(table.columns[0].value(at: 0)) == iso) }
    }

    // MARK: Scales

    /// A copy of the bundled reviews.csv loaded as the user's own file gets the serious case
    /// review scale from its values: 74 adequate + 40 good = 114 (the report's paragraph 86).
    @Test func aCopyOfReviewsGetsItsScale() throws {
        let session = Session()
        try session.load(path: Bundled.dataFolder + "/reviews.csv", as: "mine", lookingBeside: false)
        #expect(try session.number("count mine where judgement >= adequate") == 114)
        #expect(session.formatNotes(of: "mine") == [.scaleRecognised(column: "judgement", levels: KnownScales.seriousCaseReviews,
                                                                     dataset: "mine")])
    }

    @Test func inspectionJudgementsGetTheInspectionScale() {
        #expect(KnownScales.recognise(["Good", "Requires improvement to be good", "inadequate"]) == KnownScales.inspections)
        #expect(KnownScales.recognise(["Good", "Requires Improvement"]) == KnownScales.inspectionsShort)
        #expect(KnownScales.recognise(["Good", "Adequate"]) == KnownScales.seriousCaseReviews)
        #expect(KnownScales.recognise(["Good", "Adequate", "Requires improvement"]) == nil)
        #expect(KnownScales.recognise(["Good"]) == nil)
    }

    static func scratchFolder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func aScaleSetFromTheShellOrdersComparisons() throws {
        let folder = try Self.scratchFolder(["risk.csv": "case,level\na,low\nb,high\nc,medium\nd,medium\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = Session()
        try session.load(path: folder.appendingPathComponent("risk.csv").path, as: "risk")
        #expect(session.run("count risk where level >= medium").last?.failed == true)
        _ = session.run("set scale of level in risk to low, medium, high")
        // medium, medium, high: counted from the file above.
        #expect(try session.number("count risk where level >= medium") == 3)
        #expect(session.run("set scale of level in risk to low < high").last?.failed == true)  // medium is not a level
    }

    @Test func aCatalogBesideTheFileGivesItsScale() throws {
        let folder = try Self.scratchFolder([
            "risk.csv": "case,level\na,low\nb,high\nc,medium\n",
            "catalog.txt": "[risk]\nfile: risk.csv\nscale level: low < medium < high\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = Session()
        let outcome = session.run("load \"\(folder.appendingPathComponent("risk.csv").path)\" as mine")
        #expect(outcome.last?.failed == false)
        #expect(try session.number("count mine where level > low") == 2)
        #expect(outcome.last?.diagnostics.map(\.message).contains { $0.hasPrefix("level: ordered scale low < medium < high from") } == true)
    }

    /// Every date could be either way round: read day first with a note; `set dates` turns it.
    @Test func anAmbiguousColumnCanBeTurnedMonthFirst() throws {
        let folder = try Self.scratchFolder(["d.csv": "start\n01/04/2008\n02/05/2008\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = Session()
        try session.load(path: folder.appendingPathComponent("d.csv").path, as: "d")
        #expect(session.formatNotes(of: "d").contains { if case .dayOrMonthFirst = $0 { true } else { false } })
        #expect(try session.result("list d").table.columns[0].value(at: 0) == CivilDate.parse("2008-04-01").dateValue)
        #expect(session.run("set dates of start in d to month first").last?.failed == false)
        #expect(try session.result("list d").table.columns[0].value(at: 0) == CivilDate.parse("2008-01-04").dateValue)
        #expect(try session.result("list d").table.columns[0].value(at: 1) == CivilDate.parse("2008-02-05").dateValue)
        #expect(session.run("set dates of start in d to day first").last?.failed == false)
        #expect(try session.result("list d").table.columns[0].value(at: 0) == CivilDate.parse("2008-04-01").dateValue)
    }
}

extension CivilDate.ParsedDate {
    var dateValue: Value { if case .date(let day) = self { .date(day) } else { .missing } }
}
