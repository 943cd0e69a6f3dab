import Foundation
import Testing
@testable import ReviewQLCore
import ReviewQLWorkbook

/// `save last to "result.xlsx"`: a real workbook, checked by reading its XML here, and by
/// opening it with openpyxl and with LibreOffice as a user would.
@Suite struct WorkbookTests {
    let session: Session = {
        let session = Bundled.session()
        session.workbookPacker = ZipPacker()
        return session
    }()

    static func sheet(_ result: QueryResult) throws -> String {
        let parts = try WorkbookWriter.parts(for: result).parts
        let sheet = try #require(parts.first { $0.path == "xl/worksheets/sheet1.xml" })
        return String(decoding: sheet.bytes, as: UTF8.self)
    }

    /// Text that a spreadsheet would run as a formula is an inline string, never `<f>`; the
    /// header is bold (style 1), a date is its serial number with the date style (2), a percent
    /// keeps its value with one decimal's format, a hidden count is the text `[c]`, and the
    /// notes are italic rows under the table.
    @Test func sheetXMLHoldsTypedCellsAndNoFormula() throws {
        let table = Table(name: "t", columns: [
            Column(name: "name", values: [.text("=1+2"), .text("@SUM(A1)"), .text("a & <b>")]),
            Column(name: "day", values: [.date(CivilDate.dayNumber(year: 2008, month: 10, day: 17)!), .missing,
                                         .date(CivilDate.dayNumber(year: 1899, month: 12, day: 31)!)]),
            Column(name: "n", values: [.integer(59), .integer(3), .integer(1_234_567_890_123_456)]),
            Column(name: "percent", values: [.decimal(34.104046242774565), .decimal(1.5), .decimal(0)]),
        ])
        var result = QueryResult(table: table, notes: [.percentOfRows(total: "173", noun: "reviews")],
                                 decimals: [nil, nil, nil, 1])
        result.suppressed = [QueryResult.Cell(row: 1, column: 2)]
        let xml = try Self.sheet(result)
        #expect(!xml.contains("<f>") && !xml.contains("<f "))
        #expect(xml.contains("<c r=\"A1\" t=\"inlineStr\" s=\"1\"><is><t xml:space=\"preserve\">name</t></is></c>"))
        #expect(xml.contains("<c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">=1+2</t></is></c>"))
        #expect(xml.contains("<t xml:space=\"preserve\">a &amp; &lt;b&gt;</t>"))
        // Python: (date(2008, 10, 17) - date(1899, 12, 30)).days == 39738
        #expect(xml.contains("<c r=\"B2\" s=\"2\"><v>39738</v></c>"))
        #expect(!xml.contains("r=\"B3\""))  // missing: no cell at all
        #expect(xml.contains("<c r=\"B4\" t=\"inlineStr\" s=\"2\"><is><t xml:space=\"preserve\">1899-12-31</t></is></c>"))
        #expect(xml.contains("<c r=\"C3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">[c]</t></is></c>"))
        #expect(xml.contains("<c r=\"C4\" t=\"inlineStr\"><is><t xml:space=\"preserve\">1234567890123456</t></is></c>"))
        #expect(xml.contains("<c r=\"D2\" s=\"\(WorkbookStyle.decimals1.rawValue)\"><v>34.104046242774565</v></c>"))
        #expect(xml.contains("<row r=\"6\"><c r=\"A6\" t=\"inlineStr\" s=\"\(WorkbookStyle.note.rawValue)\"><is><t xml:space=\"preserve\">percent of 173 reviews</t></is></c></row>"))
        let remarks = try WorkbookWriter.parts(for: result).remarks
        #expect(remarks == [.longNumbersAsText(cells: 1), .earlyDatesAsText(cells: 1)])
    }

    /// Control characters cannot be in XML: they are written as SpreadsheetML's `_xHHHH_`, and
    /// text that already looks like one keeps its underscore.
    @Test func controlCharactersAreEscaped() {
        #expect(SheetXML.escaped("a\u{01}b") == "a_x0001_b")
        #expect(SheetXML.escaped("_x0041_") == "_x005F_x0041_")  // ECMA-376: "_" as _x005F_, then "x0041_"
        #expect(SheetXML.escaped("two\nlines\ttab") == "two\nlines\ttab")
        #expect(SheetXML.columnLetters(0) == "A" && SheetXML.columnLetters(25) == "Z" && SheetXML.columnLetters(26) == "AA")
        #expect(SheetXML.columnLetters(16_383) == "XFD")  // Excel's last column
    }

    @Test func aNumberASheetCannotHoldIsAnError() throws {
        let table = Table(name: "t", columns: [Column(name: "x", values: [.decimal(.infinity)])])
        #expect(throws: Diagnostic.self) { try WorkbookWriter.parts(for: QueryResult(table: table)) }
    }

    /// openpyxl (Python) opens the workbook of every reviews row and of a grouped count, and
    /// finds the values of Data/reviews.csv as Python's csv module reads them: numbers as
    /// numbers, dates as dates, a bold header, no formula.
    @Test(.enabled(if: ExternalTools.hasOpenpyxl, "needs python3 with openpyxl (.ci/setup installs it)"),
          arguments: [("list reviews", "list"), ("count reviews group by judgement", "count")])
    func openpyxlReadsTheWorkbook(_ query: String, _ mode: String) throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("result.xlsx").path
        let outcomes = session.run("\(query)\nsave last to \"\(path)\"")
        #expect(outcomes.allSatisfy { !$0.failed })
        let checker = ExternalTools.testsFolder.appendingPathComponent("Spreadsheets/check_workbook.py").path
        let source = Bundled.dataFolder + "/reviews.csv"
        let run = try ExternalTools.run("python3", [checker, path, mode, source] + (mode == "count" ? ["judgement"] : []))
        #expect(run.stdout == "ok\n", "\(run.stderr)")
    }

    /// LibreOffice opens the workbook and, saved as CSV as it shows it, gives the values
    /// ReviewQL's own CSV gives for the same result.
    @Test(.enabled(if: ExternalTools.hasLibreOffice && ExternalTools.hasPython, "needs LibreOffice (soffice); CI has none"))
    func libreOfficeShowsTheSameValues() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("result.xlsx").path
        let result = try session.result("list authority, letter_date, judgement from reviews where authority contains \"shire\" limit 10")
        _ = try session.write(result, to: path, as: .xlsx)
        let script = ExternalTools.testsFolder.appendingPathComponent("Spreadsheets/libreoffice.py").path
        let run = try ExternalTools.run("python3", [script, "csv", path])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try ResultWriter.render(result, as: .csv)
        let shown = run.stdout.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map(String.init)
        // The table's rows, then a blank line and the note under it.
        #expect(Array(shown.prefix(result.table.rowCount + 1)) == expected.split(separator: "\n").map(String.init))
        // LibreOffice writes a row as wide as the table: the note, then empty fields.
        #expect(shown.last.map { String($0.reversed().drop { $0 == "," }.reversed()) } == result.noteLines.last)
    }

    /// Through the program: `--output result.xlsx` writes the workbook, and `--format xlsx`
    /// without `--output` is a usage error, since a workbook cannot be printed.
    @Test func outputFlagWritesAWorkbook() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try ReviewQLProcess.run(["-c", "count reviews group by judgement", "--output", "j.xlsx"], directory: folder)
        #expect(run.status == 0)
        let bytes = try Data(contentsOf: folder.appendingPathComponent("j.xlsx"))
        #expect(bytes.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))  // a zip archive
        let refused = try ReviewQLProcess.run(["-c", "count reviews", "--format", "xlsx"], directory: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--format xlsx is written to a file: add --output"))
        let setting = try ReviewQLProcess.run(["-c", "set format xlsx"], directory: folder)
        #expect(setting.status == 1)
        #expect(setting.stderr.contains("xlsx is written to a file, not printed"))
    }
}
