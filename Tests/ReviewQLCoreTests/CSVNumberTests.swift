import Foundation
import Testing
@testable import ReviewQLCore

/// Numbers written with exponents, and numbers too large for a `Double`: both readers load
/// `1e-08` as the number it is, and refuse `1e999` with its line and column instead of
/// loading infinity. Expected values are Python's `float()` of the same text (for example
/// `float("2.5E+3") == 2500.0`, `float("1e999") == inf`).
@Suite struct CSVNumberTests {
    @Test(arguments: [
        ("1e-08", 1e-08), ("2.5E+3", 2500), ("-1.2e5", -120000), ("1E0", 1), ("0e0", 0), ("+3.5e-2", 0.035),
        ("1.7976931348623157e308", 1.7976931348623157e308),
        // Not numbers: each part of an exponent must be there, and nothing after it.
        ("1e", nil), ("e5", nil), ("1e+", nil), ("1.e5", nil), ("1e5.5", nil), ("007e1", nil), ("1e 5", nil), ("1ee5", nil),
    ] as [(String, Double?)])
    func exponentCells(_ text: String, _ expected: Double?) {
        #expect(CSVReaderTests.withCell(text, CellParser.decimal) == expected)
        // An exponent always makes a decimal, never an integer.
        #expect(CSVReaderTests.withCell(text, CellParser.integer) == nil)
    }

    /// A value beyond the largest `Double` reads as infinity, the mark the reader then reports.
    @Test(arguments: ["1e999", "-1e999", "1.8e308", "1" + String(repeating: "0", count: 399) + ".5"])
    func tooLargeCellsReadAsInfinity(_ text: String) {
        #expect(CSVReaderTests.withCell(text, CellParser.decimal)?.isInfinite == true)
    }

    /// An exported `1e-08` reads back as a number, in a column that also holds plain decimals,
    /// and both readers agree however the file is cut.
    @Test func exponentsLoadAsNumbersInBothReaders() throws {
        let csv = "id,rate\n1,1e-08\n2,2.5E+3\n3,-1.2e5\n4,0.5\n5,\n"
        let expected = "rows: 5\nid: integer | rate: decimal\n1 | 1e-08\n2 | 2500.0\n3 | -120000.0\n4 | 0.5\n5 | missing"
        #expect(CSVReaderTests.outcome(Array(csv.utf8), file: "t.csv") == expected)
        for (pieces, window, sample) in CSVReaderTests.cuttings {
            let fast = CSVReaderTests.fastOutcome(Array(csv.utf8), pieces: pieces, window: window, sample: sample)
            #expect(fast == expected, "\(pieces) pieces, window \(window), sample \(sample)")
        }
    }

    @Test(arguments: [
        // The earliest bad cell wins, whichever column it is in.
        ("id,x\n1,2.5\n2,1e999\n3,1e999\n", "\"1e999\" is too large for a number: the largest is about 1.8e308", 3, 3),
        // An integer column that meets it becomes a number column all the same.
        ("x,id\n1,a\n-1e999,b\n", "\"-1e999\" is too large for a number: the largest is about 1.8e308", 3, 1),
        // 401 digits: shown by their start and their length.
        ("x\n1\n" + String(repeating: "9", count: 399) + ".5\n",
         "\"99999999999999999999…\" (401 characters) is too large for a number: the largest is about 1.8e308", 3, 1),
        // The first impossible date and the first overflow: the earlier line is reported.
        ("d,x\n2009-01-01,1\n2009-01-01,1e400\n2009-02-30,1\n",
         "\"1e400\" is too large for a number: the largest is about 1.8e308", 3, 12),
    ] as [(String, String, Int, Int)])
    func tooLargeIsAnErrorWithItsPlace(_ csv: String, _ message: String, _ line: Int, _ column: Int) {
        let diagnostic = CSVReaderTests.error(Array(csv.utf8))
        #expect(diagnostic?.message == message)
        #expect(diagnostic?.location == FileLocation(file: "t.csv", line: line, column: column))
        #expect(diagnostic?.help == "correct the value, or leave the cell empty for a missing value")
        // The fast path gives up on the file, so that `CSVReader` reports it.
        for (pieces, window, sample) in CSVReaderTests.cuttings {
            #expect(CSVReaderTests.fastOutcome(Array(csv.utf8), pieces: pieces, window: window, sample: sample) == nil)
        }
    }

    /// As with an impossible date, a too-large value in a column that turns out to be text is
    /// just text: the column holds codes, not numbers.
    @Test func tooLargeInATextColumnIsText() {
        let csv = "code\n1e999\nA12\n"
        #expect(CSVReaderTests.outcome(Array(csv.utf8), file: "t.csv")
            == "rows: 2\ncode: text\n\"1e999\"\n\"A12\"\ndictionary code: \"1e999\" \"A12\"")
    }

    /// A big file (over the fast path's threshold) with `1e999` on its last line: the error is
    /// reported at its place, even when the run does not want that column.
    @Test(arguments: [false, true])
    func tooLargeInALargeFileIsReported(_ onlyOtherColumns: Bool) throws {
        var csv = "id,value,name\n"
        for row in 0..<80_000 { csv += "\(row),\(row % 97).25,Leeds\n" }
        csv += "80000,1e999,Leeds\n"
        let path = try CSVReaderTests.temporaryFile(csv)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(csv.utf8.count > ParallelCSVReader.minimumFileSize)
        let onlyName: @Sendable (String) -> Bool = { $0 == "name" }
        let wanted = onlyOtherColumns ? onlyName : nil
        do {
            _ = try CSVReader.load(path: path, name: "t", reading: wanted)
            Issue.record("a file with 1e999 loaded")
        } catch {
            #expect(error.message == "\"1e999\" is too large for a number: the largest is about 1.8e308")
            #expect(error.location == FileLocation(file: path, line: 80_002, column: 7))
        }
    }
}
