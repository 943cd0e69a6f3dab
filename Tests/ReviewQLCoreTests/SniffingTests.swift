import Foundation
import Testing
@testable import ReviewQLCore

/// Files as people make them (`Tests/Fixtures/own-files/`, made by `make-fixtures.py` with
/// LibreOffice, pandas and R): each is loaded as `load` does, sniffing its encoding, separator
/// and table, and compared with the table pandas reads from the same file with the options
/// written out by hand (its `NAME.expected.csv`: `sep`, `encoding`, `skiprows`, `skipfooter`).
/// The notes, whose wording is ours, are checked against the lines the file itself has.
@Suite struct SniffingTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/own-files")

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var notes: [String]
        /// Our names for the columns pandas calls `Unnamed: N`.
        var renamed: [String: String] = [:]
        var options = LoadOptions()
        var testDescription: String { file }
    }

    static let skippedTitles = "skipped lines 1–3 above the header (\"Table 3: Serious case reviews evaluated,\"…); "
        + "say header line 1 to read from there"
    static let footnotes = "left out lines 13–15 below the table (\"1. Figures are provisional.\"…): not shaped like the table's rows"
    static let windows1252 = "read as Windows-1252 text (it is not UTF-8; if letters look wrong, load it with encoding "
        + "\"latin-1\" or save it as CSV UTF-8)"
    static func found(_ separators: String) -> String {
        "fields separated by \(separators) (found from the first lines; `separated by` (or --separator) changes it)"
    }

    static let cases: [Case] = [
        Case(file: "libreoffice-semicolon-windows1252.csv",
             notes: [windows1252, found("semicolons (;)"), skippedTitles, footnotes]),
        Case(file: "libreoffice-titles-utf8.csv", notes: [skippedTitles, footnotes]),
        Case(file: "pandas-semicolon-cp1252-index.csv",
             notes: [windows1252, found("semicolons (;)"), "column 1 has no name in the header: called column_1"],
             renamed: ["Unnamed: 0": "column_1"]),
        Case(file: "pandas-utf16-tab.txt",
             notes: ["read as UTF-16 text (it starts with a UTF-16 byte-order mark)", found("tabs")]),
        Case(file: "r-write-csv.csv", notes: ["column 1 has no name in the header: called column_1"],
             renamed: ["Unnamed: 0": "column_1"]),
        Case(file: "pandas-pipe.csv", notes: [found("pipes (|)")]),
        Case(file: "joined-repeated-header.csv", notes: ["dropped line 5, which repeats the header"]),
        Case(file: "trailing-comma.csv",
             notes: ["column 5 has no name and no values (a separator at the end of every line?): left out"]),
        // make-dialect-fixtures.py: pandas writes and reads these.
        Case(file: "pandas-backslash-quotes.csv",
             notes: ["quotes inside quoted fields are written \\\" (with a backslash), as MySQL and PHP write them: "
                     + "read as quotes, and \\\\ as one backslash"]),
        Case(file: "pandas-no-header.csv",
             notes: ["no header line (as asked): every line is a row, and the 4 columns are called column_1 … column_4"],
             options: LoadOptions(noHeader: true)),
        Case(file: "comment-lines.csv",
             notes: ["skipped line 1 above the header (\"# Reviews evaluated by Ofsted\"…); say header line 1 to read from there",
                     "dropped 1 comment line starting with # inside the table (line 4), not shaped like its rows"]),
    ]

    @Test(arguments: cases)
    func loadsAsPandasReadsItWithExplicitOptions(_ fixture: Case) throws {
        let path = Self.folder.appendingPathComponent(fixture.file).path
        let loaded = try CSVReader.loadFile(path: path, name: "t", options: fixture.options)
        let expected = try CSVReader.read(Array(Data(contentsOf: URL(fileURLWithPath: path + ".expected.csv"))),
                                          name: "e", file: "expected.csv")
        #expect(loaded.table.columns.map(\.name) == expected.columns.map { fixture.renamed[$0.name] ?? $0.name })
        #expect(Self.cells(loaded.table) == Self.cells(expected))
        #expect(loaded.notes.map(\.text) == fixture.notes)
    }

    /// Every fixture a program made has a case (the workbooks and the PDF are refused, below).
    @Test func everyOwnFileHasACase() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { !$0.hasSuffix(".expected.csv") && !$0.hasSuffix(".py") && !$0.hasPrefix("sheet-with-titles.") }
        #expect(files.sorted() == Self.cases.map(\.file).sorted())
    }

    /// Workbooks and documents are named for what they are, with what would work instead.
    @Test(arguments: [
        ("sheet-with-titles.xlsx", "this file is an Excel workbook (.xlsx)"),
        ("sheet-with-titles.ods", "this file is an OpenDocument spreadsheet (.ods)"),
        ("sheet-with-titles.pdf", "this file is a PDF document"),
    ])
    func refusesWhatIsNotCSVByName(_ file: String, _ message: String) {
        let path = Self.folder.appendingPathComponent(file).path
        #expect(throws: Diagnostic.self) { try CSVReader.loadFile(path: path, name: "t") }
        do {
            _ = try CSVReader.loadFile(path: path, name: "t")
        } catch {
            #expect(error.message == message)
        }
    }

    /// Each cell as its text: the file's own text for text and the ISO form for dates, so a
    /// table typed differently still compares by what it holds.
    static func cells(_ table: Table) -> [[String]] {
        (0..<table.rowCount).map { row in table.columns.map { ValueFormatter.plain($0.value(at: row)) } }
    }

    // MARK: - Small texts: the expected tables and notes follow from the text itself.

    static func load(_ text: String, file: String = "t.csv", options: LoadOptions = LoadOptions()) -> String {
        CSVReaderTests.outcome(Array(text.utf8), file: file, options: options)
    }

    /// The notes on values (`FormatNote`) of a small text read as `load` reads it.
    static func formatNotes(_ text: String) -> [String] {
        (try? CSVReader.readFile(Array(text.utf8), name: "t", path: "t.csv").table.formatNotes.map(\.text)) ?? []
    }

    @Test func aTsvFileIsReadWithTabsByItsName() {
        #expect(Self.load("a,b\tc\n1,2\t3\n", file: "x.tsv") == """
            rows: 1
            a,b: text | c: integer
            "1,2" | 3
            dictionary a,b: "1,2"
            note: fields separated by tabs (the file's name ends in .tsv)
            """)
    }

    @Test func aSeparatorAskedForIsUsed() {
        #expect(Self.load("a;b\n1;2\n", options: LoadOptions(separator: UInt8(ascii: ","))) == """
            rows: 1
            a;b: text
            "1;2"
            dictionary a;b: "1;2"
            """)
        #expect(Self.load("a|b\n1|2\n", options: LoadOptions(separator: UInt8(ascii: "|"))) == """
            rows: 1
            a: integer | b: integer
            1 | 2
            note: fields separated by pipes (|) (as asked)
            """)
    }

    /// Ties go to the comma: a one-column file, and a file whose lines split as evenly either way.
    @Test func tiesGoToTheComma() {
        #expect(Self.load("name\nx;y\n") == """
            rows: 1
            name: text
            "x;y"
            dictionary name: "x;y"
            """)
        #expect(Self.load("a,b;c\n1,2;3\n").hasPrefix("rows: 1\na: integer | b;c: text"))
    }

    /// A semicolon file's decimal commas (R's write.csv2) are read, with a note, when a value
    /// shows the comma is no thousands separator; `1,250` alone could be either, and stays text.
    /// Python: float("1234,5".replace(",", ".")) == 1234.5; "1.234,5" is 1234.5 with dots grouping.
    @Test func decimalCommasInASemicolonFile() {
        #expect(Self.load("a;b\n1234,5;x\n1.234,5;y\n-0,25;z\n") == """
            rows: 3
            a: decimal | b: text
            1234.5 | "x"
            1234.5 | "y"
            -0.25 | "z"
            dictionary b: "x" "y" "z"
            note: fields separated by semicolons (;) (found from the first lines; `separated by` (or --separator) changes it)
            """)
        #expect(Self.formatNotes("a;b\n1234,5;x\n1.234,5;y\n-0,25;z\n") == [
            "a: read as numbers with a decimal comma (\"1234,5\"), as files separated by semicolons are written where the comma marks decimals"])
        #expect(Self.load("a;b\n1,250;x\n2,500;y\n").hasPrefix("rows: 2\na: text"))
        #expect(Self.formatNotes("a;b\n1,250;x\n2,500;y\n").first?.hasPrefix(
            "a: kept as text: \"1,250\" could have a decimal comma or a thousands separator") == true)
        // A comma file's "1,250" is a thousands separator, as ever.
        #expect(Self.load("a,b\n\"1,250\",x\n\"2,500\",y\n").hasPrefix("rows: 2\na: integer"))
    }

    @Test func aSpaceBeforeAQuoteIsPassedOver() {
        #expect(Self.load("\"Year\", \"Score\"\n2009, \"5\"\n") == """
            rows: 1
            Year: integer | Score: integer
            2009 | 5
            note: spaces between a separator and a quoted field (first on line 1) were passed over
            """)
    }

    /// Names differ ignoring case: `A` repeats `a`, and `A_2` is taken by the header's own
    /// `a_2`, so it is `A_3`; the last `a` then finds `a_2` and `a_3` taken.
    @Test func blankAndRepeatedNamesAreRenamed() {
        #expect(Self.load("a,,A,a_2,a\n1,2,3,4,5\n") == """
            rows: 1
            a: integer | column_2: integer | A_3: integer | a_2: integer | a_4: integer
            1 | 2 | 3 | 4 | 5
            note: column 2 has no name in the header: called column_2
            note: column 3 repeats the name "A" of column 1: called A_3
            note: column 5 repeats the name "a" of column 1: called a_4
            """)
    }

    /// A separator ending the header line and no row (DuckDB's `locations_header_trailing_comma`)
    /// loses its empty column; one ending a row and not the header is named as the cause.
    @Test func aSeparatorAtTheEndOfALine() {
        #expect(Self.load("id,name,\n1,x\n2,y\n") == """
            rows: 2
            id: integer | name: text
            1 | "x"
            2 | "y"
            dictionary name: "x" "y"
            note: the header line ends with a separator that the rows do not have: its empty column 3 is left out
            """)
        #expect(Self.load("a,b\n1,2,\n3,4\n") == """
            t.csv:2:5: error: line 2 has 3 fields but the header has 2
            help: the line ends with a comma the header does not have: remove it, or end the header with a comma too
            """)
    }

    /// The header line the user gives wins, even past a title the reader cannot read (a
    /// quote left open), and the lines above it are said to be skipped.
    @Test func aHeaderLineAskedForIsUsed() {
        #expect(Self.load("Table \"1\nnote\nx,y\n1,2\n", options: LoadOptions(headerLine: 3)) == """
            rows: 1
            x: integer | y: integer
            1 | 2
            note: skipped lines 1–2 above the header ("Table "1"…); say header line 1 to read from there
            """)
        #expect(Self.load("a,b\n1,2\n", options: LoadOptions(headerLine: 9))
                == "t.csv:2: error: there is no line 9 to be the header: the last line with a row is 2\n"
                + "help: give the line that names the columns (line 1 is the first)")
    }

    /// Windows-1252 bytes Python's cp1252 codec reads as these characters (0x80 €, 0x92 ’,
    /// 0xA3 £, 0xE9 é), and the five bytes it leaves undefined refused by name.
    @Test func windows1252IsTranscoded() throws {
        let bytes: [UInt8] = Array("name\n".utf8) + [0x80, 0x92, 0xA3, 0xE9, 0x0A]
        let loaded = try CSVReader.readFile(bytes, name: "t", path: "t.csv")
        #expect(ValueFormatter.plain(loaded.table.columns[0].value(at: 0)) == "€’£é")
        for byte: UInt8 in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            #expect(CSVReaderTests.outcome(Array("name\nok\n".utf8) + [byte, 0x0A], file: "t.csv") == """
                t.csv:3: error: byte 0x\(String(byte, radix: 16, uppercase: true)) has no character in Windows-1252
                note: the file is not UTF-8, so it was read as Windows-1252, Excel's usual encoding on Windows
                help: save it as "CSV UTF-8", or load it with encoding "latin-1" if it is Latin-1
                """)
        }
        // Latin-1, asked for, reads 0x81 as U+0081.
        let latin1 = try CSVReader.readFile(Array("name\n".utf8) + [0x81, 0xE9, 0x0A], name: "t", path: "t.csv",
                                            options: LoadOptions(encoding: .latin1))
        #expect(ValueFormatter.plain(latin1.table.columns[0].value(at: 0)) == "\u{81}é")
        #expect(latin1.notes.map(\.text) == ["read as Latin-1 (ISO-8859-1) text (as asked)"])
    }

    /// UTF-16 big-endian with its mark, as Python's `encode("utf-16-be")` after a U+FEFF writes it.
    @Test func utf16BigEndianIsTranscoded() throws {
        let bytes = [UInt8]("\u{FEFF}a,b\nZoë,1\n".data(using: .utf16BigEndian)!)
        let loaded = try CSVReader.readFile(bytes, name: "t", path: "t.csv")
        #expect(CSVReaderTests.describe(loaded.table) == "rows: 1\na: text | b: integer\n\"Zoë\" | 1\ndictionary a: \"Zoë\"")
    }

    /// A file beginning like each kind, refused by name (the first bytes are each format's own
    /// signature, from its specification).
    @Test(arguments: [
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0] + Array("xl/workbook.xml".utf8), "this file is an Excel workbook (.xlsx)"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0] + Array("data.csv".utf8), "this file is a zip archive (perhaps an .xlsx or .ods workbook)"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], "this file is an Excel 97–2003 workbook (.xls)"),
        (Array("  <!DOCTYPE html>\n<html>".utf8), "this file is a web page (HTML)"),
        (Array("<html lang=en>".utf8), "this file is a web page (HTML)"),
        (Array("\n[{\"a\": 1}]".utf8), "this file is JSON, not CSV (it looks like JSON)"),
        (Array("{\"a\": 1}".utf8), "this file is JSON, not CSV (it looks like JSON)"),
        (Array("a\n\u{0}\u{0}".utf8), "this file is not text: it holds NUL bytes, so it looks binary"),
    ] as [([UInt8], String)])
    func namesWhatAFileIs(_ bytes: [UInt8], _ message: String) {
        #expect(CSVReaderTests.error(bytes)?.message == message)
    }

    /// A NUL byte past the first kilobyte (where `FileKind` looks) is found where it is.
    @Test func aLateNulByteIsLocated() {
        let text = "a\n" + String(repeating: "x\n", count: 600) + "\"x\u{0}\"\n"
        let diagnostic = CSVReaderTests.error(Array(text.utf8))
        #expect(diagnostic?.message == "NUL byte: the file looks binary, not CSV text")
        #expect(diagnostic?.location == FileLocation(file: "t.csv", line: 602, column: 3))
    }

    /// A bracketed title is not JSON.
    @Test func aBracketedTitleIsNotJSON() {
        #expect(Self.load("[c] means suppressed\na,b\n1,2\n").hasPrefix("rows: 1\na: integer | b: integer"))
    }

    /// UTF-8 characters and a stray byte in one file: refused rather than garbled.
    @Test func mixedEncodingsAreRefused() {
        let bytes = Array("name\nCafé\n".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x0A]
        #expect(CSVReaderTests.error(bytes)?.message == "invalid UTF-8: byte 0xE9, in a file that also holds UTF-8 characters")
    }

    /// The fast reader reads a large semicolon file the same as the exact reader (the
    /// separator reaches `ByteClasses` and `CSVChunkParser`), and a large file with a title
    /// line is read past it.
    @Test func largeFilesWithOtherSeparatorsAndTitles() throws {
        var text = "id;name;score\n"
        for row in 0..<60_000 { text += "\(row);name \(row % 97), x;\(row % 13)\n" }
        let bytes = Array(text.utf8)
        #expect(bytes.count > ParallelCSVReader.minimumFileSize)
        let fast = try #require(bytes.withUnsafeBytes {
            ParallelCSVReader.read(ByteSource(memory: $0), name: "t", pieceCount: 4, windowSize: 1 << 14,
                                   separator: UInt8(ascii: ";"))
        })
        let exact = try CSVReader.read(bytes, name: "t", file: "t.csv", separator: UInt8(ascii: ";"))
        #expect(CSVReaderTests.describe(fast) == CSVReaderTests.describe(exact))
        #expect(exact.rowCount == 60_000 && exact.columns.count == 3)

        let titled = try CSVReader.readFile(Array(("Title of the table\n\n" + text + "\nSource: a note\n").utf8),
                                            name: "t", path: "t.csv")
        #expect(CSVReaderTests.describe(titled.table) == CSVReaderTests.describe(exact))
        #expect(titled.notes.map(\.text) == [
            Self.found("semicolons (;)"),
            "skipped lines 1–2 above the header (\"Title of the table\"…); say header line 1 to read from there",
            "left out lines 60004–60005 below the table (\"Source: a note\"…): not shaped like the table's rows",
        ])
    }
}
