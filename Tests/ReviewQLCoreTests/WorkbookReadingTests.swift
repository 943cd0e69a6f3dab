import Foundation
import Testing
@testable import ReviewQLCore
@testable import ReviewQLWorkbook

/// Workbooks (.xlsx, .ods), read from fixtures made by real programs
/// (`Tests/Fixtures/workbooks/make.py`: openpyxl, xlsxwriter, LibreOffice, msoffcrypto-tool).
///
/// A sheet's table is checked against what python-calamine (Rust's calamine, an independent
/// reader) read from the same sheet, written by make.py to `expected/`; that CSV is loaded by
/// ReviewQL's CSV reader, so the test also checks that a sheet's columns get the types the same
/// cells get in a CSV file. The notes and refusals are checked word for word; the facts they
/// state (which cells hold errors, which sheets are hidden) are how make.py laid the files out.
@Suite struct WorkbookReadingTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/workbooks").path

    static func session() -> Session {
        let session = Session()
        session.workbookOpener = WorkbookReader()
        return session
    }

    static func path(_ file: String) -> String { folder + "/" + file }

    @Test(arguments: [
        ("tracker_lo.xlsx", "Reviews"), ("tracker.ods", "Reviews"), ("dates1904.xlsx", "Dates"), ("inline.xlsx", "Cases"),
        ("symbols.xlsx", "Counts"),
    ])
    func sheetMatchesCalamine(file: String, sheet: String) throws {
        let session = Self.session()
        try session.load(path: Self.path(file), as: "book", sheet: sheet)
        try session.load(path: Self.path("expected/\(file).\(sheet).csv"), as: "expected")
        let book = try #require(session.datasets.first { $0.name == "book" }).table
        let expected = try #require(session.datasets.first { $0.name == "expected" }).table
        #expect(book.columns.map(\.name) == expected.columns.map(\.name))
        #expect(book.rowCount == expected.rowCount)
        for (got, want) in zip(book.columns, expected.columns) {
            #expect(got.type == want.type, "column \(got.name)")
            #expect(got.symbols == want.symbols, "column \(got.name): official statistics symbols")
            for row in 0..<min(book.rowCount, expected.rowCount) {
                #expect(got.value(at: row) == want.value(at: row), "column \(got.name), row \(row + 1)")
            }
        }
    }

    @Test func openpyxlTrackerNotes() throws {
        let session = Self.session()
        let notes = try session.load(path: Self.path("tracker.xlsx"), as: "tracker")
        #expect(notes.map(\.message) == [
            #"sheet "Reviews", the first visible sheet; other sheets: Notes; hidden: Lookup (choose one with load ... sheet "NAME" as ...)"#,
            #"skipped lines 1–2 above the header ("Serious case reviews tracker, 2008-09"…); say header line 1 to read from there"#,
            #"left out lines 9–10 below the table ("Source: board records; costs in pounds."…): not shaped like the table's rows"#,
            "cost: 1 error cell (#DIV/0!; first at E6) read as missing",
            "children_x2: 5 formulas saved with no value (first at G4) read as missing; open and save the workbook in Excel or LibreOffice to calculate them",
            "judgement: read as the ordered scale Inadequate < Adequate < Good < Outstanding (Ofsted's); another order can be set with `set scale of judgement in tracker to ...`",
        ])
        let table = try #require(session.datasets.first).table
        #expect(table.rowCount == 5)
        #expect(table.columns.map(\.type) == [.text, .date, .text, .integer, .decimal, .boolean, .text])
        #expect(table.columns[6].missingCount == 5)
        let described = try #require(session.run("describe tracker").first?.output)
        guard case .text(let text) = described else { Issue.record("describe gave no text"); return }
        // The path as it was given: describe says where the data came from.
        #expect(text.contains("file: sheet Reviews of \(Self.path("tracker.xlsx")) (sheets: Reviews, Notes; hidden: Lookup)"))
    }

    @Test func mixedAndTimedColumnsAreTextWithANote() throws {
        let session = Self.session()
        let inline = try session.load(path: Self.path("inline.xlsx"), as: "cases")
        #expect(inline.map(\.message).contains("mixed is read as text: it mixes 2 number or date cells with 1 text cell (first at E3)"))
        let dates = try session.load(path: Self.path("dates1904.xlsx"), as: "dates")
        #expect(dates.map(\.message).contains("stamp is read as text: 3 of its dates have a time of day, kept as written"))
    }

    @Test func hiddenSheetByNameAndMissingSheet() throws {
        let session = Self.session()
        let notes = try session.load(path: Self.path("tracker.ods"), as: "lookup", sheet: "lookup")
        #expect(notes.first?.message == #"sheet "Lookup" (a hidden sheet); other sheets: Reviews, Notes"#)
        #expect(try session.number("count lookup") == 1)
        let outcome = session.run(#"load "\#(Self.path("tracker.xlsx"))" sheet "Nope" as x"#)
        let error = try #require(outcome.first?.diagnostics.first)
        #expect(error.message == #"\#(Self.path("tracker.xlsx")) has no sheet "Nope"; its sheets are "Lookup" (hidden), "Reviews", "Notes""#)
        #expect(error.help == #"for example: sheet "Reviews""#)
    }

    @Test(arguments: [
        ("protected.xlsx", "is protected with a password (an encrypted workbook), so it cannot be read"),
        ("protected.ods", "is protected with a password (an encrypted workbook), so it cannot be read"),
        ("old.xls", "is an old Excel workbook (.xls, Excel 97-2003), which ReviewQL does not read"),
        ("truncated.xlsx", "is damaged: it should be a zip archive of XML, but its table of contents cannot be read (the file may be cut short)"),
        ("notzip.xlsx", "is damaged: it should be a zip archive of XML, but it does not start as one"),
    ])
    func refused(file: String, message: String) {
        let session = Self.session()
        #expect(throws: Diagnostic.self) { try session.load(path: Self.path(file), as: "x") }
        do {
            try session.load(path: Self.path(file), as: "x")
        } catch {
            #expect(error.message == Self.path(file) + " " + message)
            #expect(error.help != nil)
        }
        #expect(session.datasets.isEmpty)
    }

    /// One byte of the sheet's compressed XML changed: unpacking or the CRC-32 check finds it
    /// (which of the two depends on the byte), and either way the file is refused as damaged.
    @Test func corruptPartIsRefused() {
        let session = Self.session()
        do {
            try session.load(path: Self.path("corrupt.xlsx"), as: "x", sheet: "Reviews")
            Issue.record("corrupt.xlsx loaded")
        } catch {
            #expect(error.message.hasPrefix(Self.path("corrupt.xlsx") + " is damaged: it should be a zip archive of XML, but its part xl/worksheets/sheet2.xml"))
        }
    }

    @Test func sheetOnlyForWorkbooks() {
        let session = Self.session()
        #expect(throws: Diagnostic.self) {
            try session.load(path: Self.path("expected/inline.xlsx.Cases.csv"), as: "x", sheet: "Cases")
        }
    }

    /// Serial numbers and what openpyxl's `from_excel` makes of them (1900 system, then 1904).
    @Test(arguments: [
        (1.0, false, "1900-01-01"), (59.0, false, "1900-02-28"), (61.0, false, "1900-03-01"),
        (39844.0, false, "2009-01-31"), (45351.0, false, "2024-02-29"),
        (1.0, true, "1904-01-02"), (38017.0, true, "2008-02-01"),
    ])
    func excelSerials(serial: Double, date1904: Bool, expected: String) throws {
        let cell = try #require(ExcelDate.cell(serial: serial, date1904: date1904))
        guard case .date(let day, let seconds) = cell else { Issue.record("not a date"); return }
        #expect(ValueFormatter.plain(.date(day)) == expected)
        #expect(seconds == 0)
    }

    @Test func excelSerialWithTimeAndTheDayThatNeverWas() throws {
        // openpyxl: from_excel(39844.6041666667) is 2009-01-31 14:30:00.
        #expect(ExcelDate.cell(serial: 39844.6041666667, date1904: false) == .date(day: CivilDate.dayNumber(year: 2009, month: 1, day: 31)!, seconds: 52_200))
        // Day 60 of the 1900 system is 29 February 1900, which Excel counts and no calendar has.
        #expect(ExcelDate.cell(serial: 60, date1904: false) == nil)
    }

    /// Number formats, and whether openpyxl's `is_date_format` calls them dates. Time-only
    /// formats differ on purpose: a time of day or a duration has no date, so it stays a number.
    @Test(arguments: [
        ("dd/mm/yyyy", true), ("yyyy-mm-dd hh:mm", true), ("0.00", false), ("General", false),
        (#"#,##0 "days""#, false), ("mmm-yy", true), ("[$-809]dd mmmm yyyy", true), ("0.00;[Red]-0.00", false),
        (#""Day" 0"#, false), ("h:mm", false), ("[h]:mm:ss", false), ("mm:ss", false),
    ])
    func dateFormats(code: String, isDate: Bool) {
        #expect(StylesHandler.isDateFormat(code) == isDate)
    }

    @Test func loadPathWithSheet() {
        #expect(WorkbookKind.pathAndSheet("ofsted.ods#Inspections") == ("ofsted.ods", "Inspections"))
        #expect(WorkbookKind.pathAndSheet("data#1.csv") == ("data#1.csv", nil))
        #expect(WorkbookKind.pathAndSheet("book.xlsx") == ("book.xlsx", nil))
    }

    @Test func sessionWithoutReaderRefuses() {
        let session = Session()
        #expect(throws: Diagnostic.self) { try session.load(path: Self.path("tracker.xlsx"), as: "x") }
    }
}
