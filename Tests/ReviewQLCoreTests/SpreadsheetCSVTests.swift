import Foundation
import Testing
@testable import ReviewQLCore

/// `save last to "r.csv" for excel`: a byte-order mark, CRLF, and cells a spreadsheet would
/// run as formulas given a leading `'` (OWASP, "CSV Injection"); plain CSV stays exact.
@Suite struct SpreadsheetCSVTests {
    /// Cells that spreadsheets read as formulas, and ones they read as numbers or text.
    static let risky = Table(name: "risky", columns: [
        Column(name: "name", values: ["a", "b", "c", "d", "e", "f", "g", "h", "i"].map(Value.text)),
        Column(name: "cell", values: [
            "=1+2", "=HYPERLINK(\"http://x.example\",\"click\")", "-5", "+44 20 7946 0000", "@SUM(A1)",
            "\tTAB", "-1e-08", "plain", "-",
        ].map(Value.text)),
    ])

    @Test(arguments: [
        ("=1+2", true), ("+44 20 7946 0000", true), ("@SUM(A1)", true), ("\tx", true), ("\rx", true), ("-", true),
        ("-2+3", true), ("=", true), ("-5", false), ("+3.25", false), ("-1e-08", false), ("2.5E+3", false),
        ("plain", false), ("", false), ("a=b", false), ("'=1", false),
    ])
    func formulaCellsAreRecognised(_ text: String, _ isFormula: Bool) {
        #expect(SpreadsheetText.wouldBeFormula(text) == isFormula)
    }

    @Test func excelCSVHasABOMCRLFAndGuardedCells() {
        let (text, remarks) = SpreadsheetText.excelCSV(QueryResult(table: Self.risky))
        let bytes = Array(text.utf8)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r\n"))
        let lines = String(text.dropFirst()).components(separatedBy: "\r\n")
        #expect(lines == [
            "name,cell", "a,'=1+2", "b,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\"", "c,-5",
            "d,'+44 20 7946 0000", "e,'@SUM(A1)", "f,'\tTAB", "g,-1e-08", "h,plain", "i,'-", "",
        ])
        #expect(remarks == [.formulaGuarded(cells: 6, example: "=1+2")])
        #expect(remarks[0].text.hasPrefix("6 cells starting with =, +, -, @, a tab or a carriage return got a leading '"))
    }

    /// Plain CSV is for data exchange: written as held, read back by ReviewQL's loader to the
    /// same table, and written again to the same bytes.
    @Test func plainCSVRoundTripsByteForByte() throws {
        let first = try ResultWriter.render(QueryResult(table: Self.risky), as: .csv)
        let reread = try CSVReader.read(Array(first.utf8), name: "risky", file: "risky.csv")
        for row in 0..<Self.risky.rowCount { #expect(reread.row(row) == Self.risky.row(row)) }
        let second = try ResultWriter.render(QueryResult(table: reread), as: .csv)
        #expect(Array(second.utf8) == Array(first.utf8))
        #expect(first.contains("\n=1+2") == false && first.contains("a,=1+2"))
    }

    /// Through the program: `save ... for excel` writes the file and says what it changed.
    @Test func saveForExcelSaysWhatItChanged() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name,cell\na,=1+2\nb,-5\n".write(to: folder.appendingPathComponent("risky.csv"), atomically: true, encoding: .utf8)
        let run = try ReviewQLProcess.run(["--load", "risky=risky.csv", "-c", "list risky; save last to \"out.csv\" for excel"], directory: folder)
        #expect(run.status == 0)
        #expect(run.stderr == "note: 1 cell starting with =, +, -, @, a tab or a carriage return got a leading ' so that a spreadsheet shows it as text, not a formula (e.g. =1+2)\n")
        let written = try Data(contentsOf: folder.appendingPathComponent("out.csv"))
        #expect(Array(written) == Array("\u{FEFF}name,cell\r\na,'=1+2\r\nb,-5\r\n".utf8))
        let flag = try ReviewQLProcess.run(["--load", "risky=risky.csv", "-c", "list risky", "--output", "flag.csv", "--format", "csv-excel"], directory: folder)
        #expect(flag.status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("flag.csv")) == written)
    }

    /// LibreOffice, opening the CSVs as a user would: the plain one turns two cells into
    /// formulas (the risk the issue found), the one for Excel none. The record of this check
    /// is Tests/Spreadsheets/libreoffice-formulas.txt (Tests/Spreadsheets/record-libreoffice-check.sh).
    @Test(.enabled(if: ExternalTools.hasLibreOffice && ExternalTools.hasPython, "needs LibreOffice (soffice); CI has none"))
    func libreOfficeFindsNoFormulaInCSVForExcel() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = Session()
        let plain = folder.appendingPathComponent("plain.csv").path, excel = folder.appendingPathComponent("excel.csv").path
        _ = try session.write(QueryResult(table: Self.risky), to: plain, as: .csv)
        _ = try session.write(QueryResult(table: Self.risky), to: excel, as: .csvExcel)
        let script = ExternalTools.testsFolder.appendingPathComponent("Spreadsheets/libreoffice.py").path
        let plainFormulas = try ExternalTools.run("python3", [script, "formulas", plain])
        #expect(plainFormulas.status == 0, "\(plainFormulas.stderr)")
        #expect(!plainFormulas.stdout.isEmpty, "LibreOffice made no formula of the plain CSV: the check could not fail")
        let excelFormulas = try ExternalTools.run("python3", [script, "formulas", excel])
        #expect(excelFormulas.status == 0)
        #expect(excelFormulas.stdout == "")
    }
}
