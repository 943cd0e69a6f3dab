import Foundation
import Testing
@testable import ReviewQLCore

/// The cell rules of the CSV reader (`CellParser`): part of `CSVReaderTests`, in a file of its own.
extension CSVReaderTests {
    // MARK: - Cell rules

    /// The fast reader's eight-digit shortcut reads every number of up to 8 digits, and nothing
    /// else, as `integer` does.
    @Test func eightDigitsAgreeWithInteger() {
        var cells = (0..<2_000).map { String($0 * 49_999 % 100_000_000) } + ["0", "7", "99999999", "10000000", "12345678"]
        cells += ["1a", "12:4", "/", "1 2", "+1", "-1", "1.5", "12345678x", "٣", "00", "\u{7F}"]
        for text in cells where text.utf8.count <= 8 {
            Self.withPaddedCell(text) { cell in
                let fast = CSVChunkParser.eightDigits(ShortCellIndex.word(UnsafeRawPointer(cell.baseAddress!), 0, count: cell.count),
                                                      count: cell.count)
                let digitsOnly = !cell.isEmpty && cell.allSatisfy { CSVByte.isDigit($0) }
                #expect(fast == (digitsOnly ? UInt64(text) : nil), "\(text)")
            }
        }
    }

    /// The fast reader's yes/no shortcut gives the general way's answer (`boolean` of the
    /// trimmed cell) or none, for cells as it sees them: in a window, with bytes after them.
    @Test func plainBooleansAgreeWithBoolean() {
        let words = ["yes", "no", "true", "false", "YES", "No", "tRuE", "FALSE", "y", "n", "yes ", " yes", "no  ",
                     "\tno", "no\t", "yess", "nope", "true.", "falsy", "ye s", "", " ", "yes!", "Yes", "nO", "truefalse",
                     "false   ", "0", "1", "on", "off", "YES\u{7F}", "ye\u{13}", "nO\u{0F}"]
        for word in words {
            // The cell sits in a buffer with other bytes after it, as in the parser's window.
            let bytes = Array(word.utf8) + Array("xyzzy,1234567890abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
            bytes.withUnsafeBufferPointer { buffer in
                let cell = UnsafeBufferPointer(rebasing: buffer[0..<word.utf8.count])
                if let fast = CSVChunkParser.plainBoolean(cell) {
                    #expect(CellParser.boolean(CellParser.trimmed(cell)) == fast, "\(word)")
                }
            }
        }
    }

    /// The fast reader's date shortcut gives `date`'s answer or none: every day (and day 0 to
    /// 32 of every month) of 1898 to 2101 in both forms, and cells that are not dates.
    @Test func plainDatesAgreeWithDate() {
        CellParser.monthStarts.withUnsafeBufferPointer { monthStarts in
            var checked = 0
            for year in 1898...2101 {
                for month in 0...13 {
                    for day in 0...32 {
                        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
                        for text in ["\(two(day))/\(two(month))/\(year)", "\(year)-\(two(month))-\(two(day))"] {
                            Self.withPaddedCell(text) { cell in
                                let fast = CellParser.plainDate(cell, monthStarts: monthStarts.baseAddress!)
                                if let fast {
                                    #expect(CellParser.date(cell) == .date(fast), "\(text)")
                                    checked += 1
                                } else if (1900...2099).contains(year) {
                                    // Inside its years the shortcut misses only what is not a real date.
                                    if case .date = CellParser.date(cell) { Issue.record("missed \(text)") }
                                }
                            }
                        }
                    }
                }
            }
            #expect(checked == 2 * 73_049)  // the days of 1900-2099, in both forms
            for text in ["2009-04-3a", "2009/04/30", "30-04-2009", " 30/04/200", "3O/04/2009", "30/04/2009 ", "30/04/20:9",
                         "2009-04-?0", "\u{7F}9/04/2009", "2009-04-30"] {
                Self.withPaddedCell(text) { cell in
                    let fast = CellParser.plainDate(cell, monthStarts: monthStarts.baseAddress!)
                    if case .date(let day) = CellParser.date(cell) { #expect(fast == day, "\(text)") } else { #expect(fast == nil, "\(text)") }
                }
            }
        }
    }

    @Test(arguments: [
        ("0", 0), ("-0", 0), ("+5", 5), ("42", 42), ("-17", -17),
        ("9223372036854775807", .max), ("-9223372036854775808", .min),
        ("9223372036854775808", nil), ("-9223372036854775809", nil), ("123456789012345678901", nil),
        ("007", nil), ("-01", nil), ("12a", nil), ("", nil), ("-", nil), ("+", nil), ("1.5", nil), ("1 000", nil),
    ] as [(String, Int64?)])
    func integerCells(_ text: String, _ expected: Int64?) {
        #expect(Self.withCell(text, CellParser.integer) == expected)
    }

    @Test(arguments: [
        ("1.5", 1.5), ("-0.25", -0.25), ("+4.0", 4.0), ("0.1", 0.1), ("10", 10), ("0.0", 0),
        ("123456789.123456789", 123456789.123456789), ("3.14159265358979323846", 3.141592653589793),
        ("0.000000000000000000000001", 1e-24),
        (".5", nil), ("5.", nil), ("1e5", 1e5), ("1,234", nil), ("00.5", nil), ("1.2.3", nil), ("-.5", nil), ("nan", nil),
    ] as [(String, Double?)])
    func decimalCells(_ text: String, _ expected: Double?) {
        #expect(Self.withCell(text, CellParser.decimal) == expected)
    }

    @Test(arguments: [
        ("2009-04-23", CellParser.DateReading.date(14357)),
        ("23/04/2009", .date(14357)),
        ("29/02/2000", .date(11016)),
        ("31/02/2009", .impossible(reason: "February 2009 has 28 days")),
        ("29/02/1900", .impossible(reason: "February 1900 has 28 days")),
        ("2009-13-01", .impossible(reason: "there is no month 13")),
        ("04/23/2009", .impossible(reason: "there is no month 23")),
        ("00/01/2009", .impossible(reason: "there is no day 0")),
        ("0000-01-01", .impossible(reason: "there is no year 0")),
        ("2009-4-23", .notADate), ("2009/04/23", .notADate), ("23-04-2009", .notADate),
        ("23/04/20090", .notADate), ("2009-04-2x", .notADate), ("", .notADate),
    ])
    func dateCells(_ text: String, _ expected: CellParser.DateReading) {
        let reading = Self.withCell(text, CellParser.date)
        #expect(reading == expected)
        // The reader and the query language must agree on what a date is.
        switch CivilDate.parse(Substring(text)) {
        case .date(let day): #expect(reading == .date(day))
        case .invalid:
            if case .impossible = reading {} else { Issue.record("CivilDate calls \(text) impossible, the reader \(reading)") }
        case .notADate: #expect(reading == .notADate)
        }
    }

    @Test(arguments: [
        ("yes", true), ("Yes", true), ("YES", true), ("true", true), ("True", true),
        ("no", false), ("No", false), ("false", false), ("FALSE", false),
        ("y", nil), ("n", nil), ("1", nil), ("0", nil), ("yess", nil), ("ye", nil), ("", nil), ("tru e", nil),
    ] as [(String, Bool?)])
    func booleanCells(_ text: String, _ expected: Bool?) {
        #expect(Self.withCell(text, CellParser.boolean) == expected)
    }

    @Test(arguments: [
        ("  42 ", "42"), ("\t7\t", "7"), ("x", "x"), ("   ", ""), ("", ""), (" a b ", "a b"),
    ])
    func trimsSpacesAndTabs(_ text: String, _ expected: String) {
        #expect(Self.withCell(text) { String(decoding: CellParser.trimmed($0), as: UTF8.self) } == expected)
    }
}
