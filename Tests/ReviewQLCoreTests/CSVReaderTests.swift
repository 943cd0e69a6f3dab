import Foundation
import Testing
@testable import ReviewQLCore

/// The CSV reader, checked against small inputs whose expected tables and errors were worked
/// out by hand from their text.
///
/// A loaded table is compared through `describe`: a `rows:` line, a `name: type` header, one
/// line per row (text in quotes with `\n`-style escapes, `missing` for a missing cell, dates in
/// ISO form) and each text column's dictionary in code order. An error is compared as
/// `DiagnosticRenderer` prints it, so message, line, column, notes and help are all checked.
@Suite struct CSVReaderTests {
    // MARK: - Fixture files

    /// One file under `Tests/Fixtures/csv/` and what reading it must give.
    struct Fixture: Sendable, CustomTestStringConvertible {
        var file: String
        var expected: String
        var testDescription: String { file }
    }

    static let fixtures: [Fixture] = [
        Fixture(file: "basic.csv", expected: #"""
            rows: 3
            id: integer | authority: text | judgement: text | letter_date: date | children: integer | died: boolean | score: decimal
            1 | "Barnsley" | "Good" | 2009-04-23 | 2 | true | 1.5
            2 | "Leeds" | "Inadequate" | 2009-05-01 | 1 | false | 2.0
            3 | "Barnsley" | "Good" | 2008-12-01 | 3 | true | -0.25
            dictionary authority: "Barnsley" "Leeds"
            dictionary judgement: "Good" "Inadequate"
            """#),
        Fixture(file: "quoted_fields.csv", expected: #"""
            rows: 3
            name: text | note: text
            "Bristol, City of" | "plain"
            "Herefordshire, County of" | missing
            "Leeds" | "say \"hi\""
            dictionary name: "Bristol, City of" "Herefordshire, County of" "Leeds"
            dictionary note: "plain" "say \"hi\""
            """#),
        Fixture(file: "doubled_quotes.csv", expected: #"""
            rows: 4
            quote: text
            "\"quoted\""
            "a\"b"
            "\""
            missing
            dictionary quote: "\"quoted\"" "a\"b" "\""
            """#),
        Fixture(file: "embedded_newlines.csv", expected: #"""
            rows: 3
            id: integer | address: text
            1 | "12 High Street\nLeeds"
            2 | "line one\r\nline two"
            3 | "a,b\n\nc"
            dictionary address: "12 High Street\nLeeds" "line one\r\nline two" "a,b\n\nc"
            """#),
        Fixture(file: "multiline_then_ragged.csv", expected: #"""
            multiline_then_ragged.csv:5:6: error: line 5 has 3 fields but the header has 2
            help: put double quotes around a field that contains a comma, like "Bristol, City of"; if none does, the line has a field more than the header names
            """#),
        Fixture(file: "bom.csv", expected: #"""
            rows: 2
            name: text | count: integer
            "A" | 1
            "B" | 2
            dictionary name: "A" "B"
            """#),
        Fixture(file: "bom_only.csv", expected: #"""
            bom_only.csv:1: error: empty file: there is no header row
            help: the first line should name the columns, separated by commas
            """#),
        Fixture(file: "crlf.csv", expected: #"""
            rows: 2
            a: integer | b: text
            1 | "x"
            2 | "y"
            dictionary b: "x" "y"
            """#),
        Fixture(file: "mixed_line_endings.csv", expected: #"""
            rows: 3
            a: integer | b: text
            1 | "x"
            2 | "y"
            3 | "z"
            dictionary b: "x" "y" "z"
            """#),
        Fixture(file: "trailing_empty_lines.csv", expected: #"""
            rows: 1
            a: integer | b: integer
            1 | 2
            """#),
        Fixture(file: "empty_lines_between.csv", expected: #"""
            rows: 2
            a: integer | b: integer
            1 | 2
            3 | 4
            """#),
        Fixture(file: "header_only.csv", expected: #"""
            rows: 0
            id: text | name: text | date: text
            dictionary id:
            dictionary name:
            dictionary date:
            """#),
        Fixture(file: "empty.csv", expected: #"""
            empty.csv:1: error: empty file: there is no header row
            help: the first line should name the columns, separated by commas
            """#),
        Fixture(file: "only_empty_lines.csv", expected: #"""
            only_empty_lines.csv:1: error: empty file: there is no header row
            help: the first line should name the columns, separated by commas
            """#),
        Fixture(file: "ragged_too_many.csv", expected: #"""
            ragged_too_many.csv:3:7: error: line 3 has 4 fields but the header has 3
            help: put double quotes around a field that contains a comma, like "Bristol, City of"; if none does, the line has a field more than the header names
            """#),
        Fixture(file: "ragged_too_few.csv", expected: #"""
            ragged_too_few.csv:3:4: error: line 3 has 2 fields but the header has 3
            help: every row needs 3 fields; leave a field empty (nothing between two commas) for a missing value
            """#),
        Fixture(file: "unterminated_quote.csv", expected: #"""
            unterminated_quote.csv:3:3: error: unterminated quoted field: the quote opened here is never closed
            help: end the field with a closing quote ("), and write a quote inside it as two ("")
            """#),
        Fixture(file: "quote_in_unquoted_field.csv", expected: #"""
            quote_in_unquoted_field.csv:2:5: error: quote inside an unquoted field: ab"c
            help: quote the whole field and double the quote inside it: "ab""c"
            """#),
        Fixture(file: "text_after_closing_quote.csv", expected: #"""
            text_after_closing_quote.csv:2:7: error: text after a closing quote: "ab"c
            help: a quoted field ends at its closing quote; write a quote inside it as two ("")
            """#),
        Fixture(file: "duplicate_header.csv", expected: #"""
            rows: 1
            id: integer | Region: text | region_2: text
            1 | "a" | "b"
            dictionary Region: "a"
            dictionary region_2: "b"
            note: column 3 repeats the name "region" of column 2: called region_2
            """#),
        Fixture(file: "empty_header.csv", expected: #"""
            rows: 1
            id: integer | column_2: integer | name: integer
            1 | 2 | 3
            note: column 2 has no name in the header: called column_2
            """#),
        Fixture(file: "trailing_comma_header.csv", expected: #"""
            rows: 1
            id: integer | name: integer
            1 | 2
            note: column 3 has no name and no values (a separator at the end of every line?): left out
            """#),
        Fixture(file: "spaces_in_header.csv", expected: #"""
            rows: 1
            id: integer | name: text | count: integer
            1 | "x" | 2
            dictionary name: "x"
            """#),
        Fixture(file: "invalid_utf8.csv", expected: #"""
            rows: 2
            name: text
            "ok"
            "bad Ã( seq"
            dictionary name: "ok" "bad Ã( seq"
            note: read as Windows-1252 text (it is not UTF-8; if letters look wrong, load it with encoding "latin-1" or save it as CSV UTF-8)
            """#),
        Fixture(file: "latin1.csv", expected: #"""
            rows: 1
            name: text | place: text
            "Zoë" | "Crèche"
            dictionary name: "Zoë"
            dictionary place: "Crèche"
            note: read as Windows-1252 text (it is not UTF-8; if letters look wrong, load it with encoding "latin-1" or save it as CSV UTF-8)
            """#),
        Fixture(file: "nul_bytes.csv", expected: #"""
            nul_bytes.csv:1: error: this file is not text: it holds NUL bytes, so it looks binary
            help: check that this is a CSV file; export spreadsheets as "CSV UTF-8"
            """#),
        Fixture(file: "utf16.csv", expected: #"""
            rows: 1
            a: integer | b: integer
            1 | 2
            note: read as UTF-16 text (it starts with a UTF-16 byte-order mark)
            """#),
        Fixture(file: "impossible_date.csv", expected: #"""
            impossible_date.csv:4:3: error: "31/02/2009" is not a real date: February 2009 has 28 days
            note: column "letter_date" (field 2) holds dates, so every value in it must be a real day
            help: correct the date, or leave the cell empty for a missing value
            """#),
        Fixture(file: "impossible_date_in_text_column.csv", expected: #"""
            rows: 2
            id: integer | ref: text
            1 | "31/02/2009"
            2 | "pending"
            dictionary ref: "31/02/2009" "pending"
            """#),
        // 23 can only be the day: the column is month first (WrittenValues), as the file shows.
        Fixture(file: "month_first_date.csv", expected: #"""
            rows: 1
            d: date
            2009-04-23
            """#),
        Fixture(file: "mixed_dates.csv", expected: #"""
            rows: 4
            event: text | date: date
            "a" | 2009-04-23
            "b" | 2009-04-23
            "c" | missing
            "d" | 2008-02-29
            dictionary event: "a" "b" "c" "d"
            """#),
        // As pandas reads it with thousands=",": 567, 1234, 89.
        Fixture(file: "thousands_separators.csv", expected: #"""
            rows: 3
            area: text | amount: integer
            "York" | 567
            "Leeds" | 1234
            "Hull" | 89
            dictionary area: "York" "Leeds" "Hull"
            """#),
        // Official statistics symbols among numbers: numbers, each symbol a missing value that
        // keeps it (issue 16).
        Fixture(file: "suppression_markers.csv", expected: #"""
            rows: 7
            authority: text | cases: integer
            "Leeds" | 12
            "York" | symbol c
            "Hull" | symbol x
            "Bath" | symbol [c]
            "Derby" | symbol :
            "Kent" | 7
            "York" | symbol c
            dictionary authority: "Leeds" "York" "Hull" "Bath" "Derby" "Kent"
            """#),
        Fixture(file: "leading_zeros.csv", expected: #"""
            rows: 3
            code: text | n: integer | late: text
            "007" | 7 | "5"
            "0" | 0 | "0042"
            "-0" | 10 | "6"
            dictionary code: "007" "0" "-0"
            dictionary late: "5" "0042" "6"
            """#),
        Fixture(file: "booleans.csv", expected: #"""
            rows: 3
            a: boolean | b: boolean | c: text
            true | true | "Yes"
            false | false | "Y"
            true | missing | "No"
            dictionary c: "Yes" "Y" "No"
            """#),
        Fixture(file: "decimals.csv", expected: #"""
            rows: 3
            x: decimal | y: decimal
            1.0 | 0.5
            2.5 | -3.0
            -0.125 | 4.0
            """#),
        Fixture(file: "missing_cells.csv", expected: #"""
            rows: 3
            id: integer | name: text | score: decimal | when: date | flag: boolean
            1 | missing | 2.5 | missing | true
            missing | missing | missing | 2009-01-01 | missing
            3 | "x" | missing | missing | false
            dictionary name: "x"
            """#),
        Fixture(file: "all_missing_column.csv", expected: #"""
            rows: 2
            id: integer | empty: text
            1 | missing
            2 | missing
            dictionary empty:
            """#),
        Fixture(file: "whitespace.csv", expected: #"""
            rows: 2
            n: integer | d: date | b: boolean | t: text | e: text
            42 | 2009-01-02 | true | "  two words  " | "   "
            7 | 2009-01-03 | false | "x" | "x"
            dictionary t: "  two words  " "x"
            dictionary e: "   " "x"
            note: left out line 4 below the table: empty rows
            """#),
        Fixture(file: "integer_overflow.csv", expected: #"""
            rows: 2
            big: integer | small: integer | huge: text
            9223372036854775807 | -9223372036854775808 | "9223372036854775808"
            1 | 2 | "3"
            dictionary huge: "9223372036854775808" "3"
            """#),
        Fixture(file: "long_line.csv", expected: #"""
            rows: 2
            id: integer | text: text
            1 | "aaaaaaaaaaaaaaaaaaaa..." (100000 characters)
            2 | "short"
            dictionary text: "aaaaaaaaaaaaaaaaaaaa..." (100000 characters) "short"
            """#),
        Fixture(file: "utf8_text.csv", expected: #"""
            rows: 3
            name: text
            "Zoë"
            "日本"
            "Zoë"
            dictionary name: "Zoë" "日本"
            """#),
        Fixture(file: "utf8_character_columns.csv", expected: #"""
            utf8_character_columns.csv:3:4: error: "2009-02-30" is not a real date: February 2009 has 28 days
            note: column "when" (field 2) holds dates, so every value in it must be a real day
            help: correct the date, or leave the cell empty for a missing value
            """#),
    ]

    static let fixtureDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/csv")

    @Test(arguments: fixtures)
    func fixtureFile(_ fixture: Fixture) throws {
        let url = Self.fixtureDirectory.appendingPathComponent(fixture.file)
        let bytes = try [UInt8](Data(contentsOf: url))
        #expect(Self.outcome(bytes, file: fixture.file) == fixture.expected)
    }

    /// A fixture without an expectation (or the other way round) would go unchecked.
    @Test func everyFixtureFileHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtureDirectory.path)
            .filter { $0.hasSuffix(".csv") }
        #expect(files.sorted() == Self.fixtures.map(\.file).sorted())
    }

    @Test func loadsAFileByPath() throws {
        let path = Self.fixtureDirectory.appendingPathComponent("basic.csv").path
        let table = try CSVReader.load(path: path, name: "reviews")
        #expect(table.name == "reviews")
        #expect(table.rowCount == 3)
        #expect(table.columns.map(\.type) == [.integer, .text, .text, .date, .integer, .boolean, .decimal])
    }

    @Test func loadReportsFileErrorsAsDiagnostics() {
        let path = Self.fixtureDirectory.appendingPathComponent("no_such_file.csv").path
        do {
            _ = try CSVReader.load(path: path, name: "x")
            Issue.record("loading a missing file succeeded")
        } catch {
            #expect(error.message == "cannot read \"\(path)\": no such file or directory")
            #expect(error.help == "check the path, and that the file can be read")
        }
    }

    @Test func loadReportsLocationsInTheGivenPath() {
        let path = Self.fixtureDirectory.appendingPathComponent("ragged_too_few.csv").path
        do {
            _ = try CSVReader.load(path: path, name: "x")
            Issue.record("a ragged file loaded")
        } catch {
            #expect(error.location == FileLocation(file: path, line: 3, column: 4))
        }
    }

    // MARK: - Reading, table-driven

    @Test(arguments: [
        // No line break after the last row.
        ("a,b\n1,2", "rows: 1\na: integer | b: integer\n1 | 2"),
        // Lone CR line ends, and a trailing comma giving an empty last field.
        ("a,b\r1,\r2,x\r", "rows: 2\na: integer | b: text\n1 | missing\n2 | \"x\"\ndictionary b: \"x\""),
        // A CR inside quotes is content; an empty line inside quotes is content, not skipped.
        ("a\n\"x\ry\"\n\"\n\n\"\n", "rows: 2\na: text\n\"x\\ry\"\n\"\\n\\n\"\ndictionary a: \"x\\ry\" \"\\n\\n\""),
        // In a one-column file an empty line is skipped; "" is how to write a missing value.
        ("a\n1\n\n\"\"\n3\n", "rows: 3\na: integer\n1\nmissing\n3"),
        // A quoted number is still a number.
        ("n\n\"12\"\n\" 13 \"\n", "rows: 2\nn: integer\n12\n13"),
        // Signs, and the shapes that are not numbers.
        ("n\n+5\n-7\n", "rows: 2\nn: integer\n5\n-7"),
        ("n\n1\n.5\n", "rows: 2\nn: text\n\"1\"\n\".5\"\ndictionary n: \"1\" \".5\""),
        ("n\n1.5\n5.\n", "rows: 2\nn: text\n\"1.5\"\n\"5.\"\ndictionary n: \"1.5\" \"5.\""),
        ("n\n2\n1e5\n", "rows: 2\nn: decimal\n2.0\n100000.0"), ("n\n2\n1e\n", "rows: 2\nn: text\n\"2\"\n\"1e\"\ndictionary n: \"2\" \"1e\""),
        // Yes/no and true/false may be mixed in one column.
        ("b\nyes\nTrue\nNO\nfalse\n", "rows: 4\nb: boolean\ntrue\ntrue\nfalse\nfalse"),
        // Dates must have two-digit days and months.
        ("d\n2009-04-01\n2009-4-1\n", "rows: 2\nd: text\n\"2009-04-01\"\n\"2009-4-1\"\ndictionary d: \"2009-04-01\" \"2009-4-1\""),
        // An impossible date in a column that turns out to be text is just text.
        ("d\n2009-02-30\nsoon\n", "rows: 2\nd: text\n\"2009-02-30\"\n\"soon\"\ndictionary d: \"2009-02-30\" \"soon\""),
        // A leap day is real in 2000 and 2008.
        ("d\n29/02/2000\n2008-02-29\n", "rows: 2\nd: date\n2000-02-29\n2008-02-29"),
        // Non-ASCII text passes through unchanged; header names too.
        ("café,n\nœuf,1\n", "rows: 1\ncafé: text | n: integer\n\"œuf\" | 1\ndictionary café: \"œuf\""),
    ])
    func reads(_ csv: String, _ expected: String) {
        #expect(Self.outcome(Array(csv.utf8), file: "t.csv") == expected)
    }

    // MARK: - Errors, table-driven

    @Test(arguments: [
        // A row that spans lines is named by its first line; the location is where it ends.
        ("a,b,c\n1,\"x\ny\",2\n3,4\n", "line 4 has 2 fields but the header has 3", 4, 4),
        ("a,b,c\n\"x\ny\",2\n", "the row starting on line 2 has 2 fields but the header has 3", 3, 5),
        ("a,b\n1,2,3,4\n", "line 2 has 4 fields but the header has 2", 2, 5),
        // Line numbers count the empty lines that were skipped.
        ("a,b\n\n\n1,2,3\n", "line 4 has 3 fields but the header has 2", 4, 5),
        ("a,\"b\nc", "unterminated quoted field: the quote opened here is never closed", 1, 3),
        ("a\r\n\"\"\"", "unterminated quoted field: the quote opened here is never closed", 2, 1),
        ("a,b\r\nx,y\"\r\n", "quote inside an unquoted field: y\"", 2, 4),
        ("\"a\"b,c\n", "text after a closing quote: \"a\"b", 1, 4),
        ("a,b\n\"x\" ,y\n", "text after a closing quote: \"x\" ", 2, 4),
        // Of two columns with impossible dates, the earlier line is reported.
        ("d,e\n2009-01-01,2009-01-01\n2009-01-01,2009-02-29\n2009-06-31,2009-01-01\n",
         "\"2009-02-29\" is not a real date: February 2009 has 28 days", 3, 12),
        ("d\n2009-01-01\n2009-00-10\n", "\"2009-00-10\" is not a real date: there is no month 0", 3, 1),
        ("d\n00/01/2009\n", "\"00/01/2009\" is not a real date: there is no day 0", 2, 1),
        ("d\n0000-01-01\n", "\"0000-01-01\" is not a real date: there is no year 0", 2, 1),
        ("d\n 31/04/2009\n", "\"31/04/2009\" is not a real date: April 2009 has 30 days", 2, 1),
    ] as [(String, String, Int, Int)])
    func rejects(_ csv: String, _ message: String, _ line: Int, _ column: Int) {
        let diagnostic = Self.error(Array(csv.utf8))
        #expect(diagnostic?.message == message)
        #expect(diagnostic?.location == FileLocation(file: "t.csv", line: line, column: column))
    }

    /// A quote left open swallows the lines after it until the next quote: the message shows
    /// the field's start and the part just before the problem (not every line between), and
    /// says where the field began. Long fields are cut the same way for a stray quote.
    @Test func aQuoteLeftOpenIsTracedToItsLine() {
        var csv = "id,name\n1,\"Bristol\n"
        for row in 2...12 { csv += "\(row),Somewhere\n" }
        csv += "13,\"Hull\"ish,x\n"
        let diagnostic = Self.error(Array(csv.utf8))
        // The field runs from the quote on line 2 to the one before `Hull` on line 14. Shown: its
        // first 24 bytes (`"Bristol` 8, a line break, `2,Somewhere` 11, a line break, `3,S`), then
        // the 24 bytes before the problem, the `H` after that quote (`ewhere`, a line break,
        // `12,Somewhere` 12, a line break, `13,"`), and what follows it up to the next comma.
        #expect(diagnostic?.message == #"text after a closing quote: "Bristol\n2,Somewhere\n3,S...ewhere\n12,Somewhere\n13,"Hull"ish"#)
        #expect(diagnostic?.location == FileLocation(file: "t.csv", line: 14, column: 5))
        #expect(diagnostic?.notes == ["the quoted field began on line 2, 12 lines earlier, so everything between was read as one value"])
        #expect(diagnostic?.help?.hasPrefix("look for a quote missing or extra on line 2 ") == true)

        let long = "a\n" + String(repeating: "x", count: 5_000) + "\"y\n"
        #expect(Self.error(Array(long.utf8))?.message
                == "quote inside an unquoted field: " + String(repeating: "x", count: 24) + "..." + String(repeating: "x", count: 24) + "\"y")
    }

    /// Byte sequences that are not UTF-8, each reported at its first byte.
    @Test(arguments: [
        ([0x61, 0x0A, 0x78, 0xC0, 0xAF], "invalid UTF-8: byte 0xC0", 2, 2),           // overlong "/"
        ([0x61, 0x0A, 0xED, 0xA0, 0x80], "invalid UTF-8: byte 0xED", 2, 1),           // a surrogate
        ([0x61, 0x0A, 0xE2, 0x82], "invalid UTF-8: byte 0xE2", 2, 1),                 // cut short by the end
        ([0x61, 0x0A, 0x22, 0xE2, 0x82, 0x22], "invalid UTF-8: byte 0xE2", 2, 2),     // cut short by a quote
        ([0x61, 0x0A, 0xF5, 0x80, 0x80, 0x80], "invalid UTF-8: byte 0xF5", 2, 1),     // past U+10FFFF
        ([0x61, 0x0A, 0xC3, 0xA9, 0x80], "invalid UTF-8: byte 0x80", 2, 2),           // a lone continuation
    ] as [([UInt8], String, Int, Int)])
    func rejectsInvalidText(_ bytes: [UInt8], _ message: String, _ line: Int, _ column: Int) {
        // Asked to read UTF-8, so that the bytes are not read as Windows-1252 instead.
        let diagnostic = Self.error(bytes, options: LoadOptions(encoding: .utf8))
        #expect(diagnostic?.message == message)
        #expect(diagnostic?.location == FileLocation(file: "t.csv", line: line, column: column))
    }

    // MARK: - Columns

    @Test func missingCellsAreMarkedNotFilled() throws {
        let table = try CSVReader.read(Array("i,d,t,b,x\n1,2009-01-01,a,yes,1.5\n,,\"\",,\n".utf8), name: "t", file: "t.csv")
        for column in table.columns {
            #expect(column.missing?.setIndexes == [1], "\(column.name)")
            #expect(column.value(at: 1) == .missing, "\(column.name)")
            #expect(column.value(at: 0) != .missing, "\(column.name)")
            #expect(column.missingCount == 1, "\(column.name)")
        }
    }

    @Test func columnsWithoutMissingCellsHaveNoBitmap() throws {
        let table = try CSVReader.read(Array("i,t\n1,a\n2,b\n".utf8), name: "t", file: "t.csv")
        #expect(table.columns.allSatisfy { $0.missing == nil })
    }

    @Test(arguments: [
        // Codes follow first appearance.
        ("t\nb\na\nb\nc\na\n", [0, 1, 0, 2, 1] as [UInt32], ["b", "a", "c"]),
        // Read as integers first, then text from the third row: the first two rows are read
        // again and their values keep the first codes.
        ("t\n1\n2\nx\n2\ny\n1\n", [0, 1, 2, 1, 3, 0], ["1", "2", "x", "y"]),
        // Read as blank (missing) first, then text: the blank keeps its spaces as text.
        ("t\n  \nx\n  \n", [0, 1, 0], ["  ", "x"]),
        // Empty first rows need no second reading; they stay missing with code 0.
        ("t,u\n,1\n,2\nq,3\n", [0, 0, 0], ["q"]),
    ] as [(String, [UInt32], [String])])
    func encodesTextAsADictionary(_ csv: String, _ codes: [UInt32], _ dictionary: [String]) throws {
        let table = try CSVReader.read(Array(csv.utf8), name: "t", file: "t.csv")
        guard case .text(let actualCodes, let actualDictionary) = table.columns[0].storage else {
            Issue.record("not a text column: \(table.columns[0].type)")
            return
        }
        #expect(actualCodes.widened == codes)
        #expect(actualDictionary == dictionary)
    }

    /// Every row counts: a value that does not fit, far down the file, still decides the type.
    @Test(arguments: [
        ("n/a", ColumnType.text),
        ("0.5", .decimal),
        ("", .integer),
        ("17", .integer),
    ])
    func aLateValueDecidesTheType(_ last: String, _ type: ColumnType) throws {
        let rowCount = 100_000
        var csv = "n,t\n"
        for row in 0..<rowCount - 1 { csv += "\(row),x\n" }
        csv += "\(last),x\n"
        let column = try CSVReader.read(Array(csv.utf8), name: "t", file: "t.csv").columns[0]
        #expect(column.type == type)
        #expect(column.count == rowCount)
        #expect(column.value(at: 12_345) == (type == .text ? .text("12345") : type == .decimal ? .decimal(12_345) : .integer(12_345)))
        switch type {
        case .text:
            #expect(column.dictionary?.count == rowCount)
            #expect(column.value(at: rowCount - 1) == .text(last))
        case .decimal: #expect(column.value(at: rowCount - 1) == .decimal(0.5))
        default: #expect(column.value(at: rowCount - 1) == (last.isEmpty ? .missing : .integer(17)))
        }
    }

    /// Many more rows than one block (cells reach the columns a block of rows at a time), with
    /// unescaped quotes, a column that changes type part-way and one that is empty until the end.
    @Test func readsAcrossBlocks() throws {
        let rowCount = 50_000
        var csv = "n,quoted,late,empty\n"
        for row in 0..<rowCount {
            csv += "\(row),\"say \"\"\(row % 7)\"\"\",\(row == 30_000 ? "y" : String(row)),\(row == rowCount - 1 ? "last" : "")\n"
        }
        let table = try CSVReader.read(Array(csv.utf8), name: "t", file: "t.csv")
        #expect(table.rowCount == rowCount)
        #expect(table.columns.map(\.type) == [.integer, .text, .text, .text])
        #expect(table.columns[0].value(at: 49_999) == .integer(49_999))
        #expect(table.columns[1].dictionary == (0..<7).map { "say \"\($0)\"" })
        #expect(table.columns[1].value(at: 40_001) == .text("say \"\(40_001 % 7)\""))
        #expect(table.columns[2].value(at: 29_999) == .text("29999"))
        #expect(table.columns[2].value(at: 30_000) == .text("y"))
        #expect(table.columns[2].value(at: 30_001) == .text("30001"))
        #expect(table.columns[2].dictionary?.count == rowCount)
        #expect(table.columns[2].dictionary?[30_000] == "y")
        #expect(table.columns[3].missingCount == rowCount - 1)
        #expect(table.columns[3].value(at: rowCount - 1) == .text("last"))
    }

    @Test func aLateImpossibleDateIsAnError() {
        var csv = "d\n"
        for _ in 0..<100_000 { csv += "23/04/2009\n" }
        csv += "29/02/2009\n"
        let diagnostic = Self.error(Array(csv.utf8))
        #expect(diagnostic?.message == "\"29/02/2009\" is not a real date: February 2009 has 28 days")
        #expect(diagnostic?.location == FileLocation(file: "t.csv", line: 100_002, column: 1))
    }

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

    // MARK: - The parallel fast path

    /// The fast path on `bytes`, cut into `pieces` with a window of `window` bytes: its table
    /// as `describe` shows it, or nil when it leaves the file to `CSVReader`.
    static func fastOutcome(_ bytes: [UInt8], pieces: Int, window: Int, sample: Int = 1000) -> String? {
        fastTable(bytes, pieces: pieces, window: window, sample: sample).map(describe)
    }

    /// The fast path's table for `bytes`, or nil when it leaves the file to `CSVReader`.
    static func fastTable(_ bytes: [UInt8], pieces: Int, window: Int, sample: Int = 1000) -> Table? {
        bytes.withUnsafeBytes { memory in
            ParallelCSVReader.read(ByteSource(memory: memory), name: "t", pieceCount: pieces, windowSize: window,
                                   sampleRows: sample)
        }
    }

    /// Piece counts, window sizes and samples that put cuts and window ends everywhere in small
    /// files, and make the sample's guess at a column's type right, wrong or missing.
    static let cuttings: [(pieces: Int, window: Int, sample: Int)] = [
        (1, 64, 1000), (1, 1 << 20, 1), (2, 64, 1000), (2, 64, 3), (3, 100, 1), (5, 257, 10), (8, 64, 1000), (8, 64, 2),
    ]

    /// On every fixture, the fast path gives the reference table, or gives up; and it always
    /// gives up on a file with a problem, so the reference reader reports it.
    @Test(arguments: fixtures)
    func fastPathAgreesOnFixture(_ fixture: Fixture) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fixtureDirectory.appendingPathComponent(fixture.file)))
        let reference = Self.rawOutcome(bytes, file: fixture.file)
        let referenceFailed = (try? CSVReader.read(bytes, name: "t", file: fixture.file)) == nil
        for (pieces, window, sample) in Self.cuttings {
            let fast = Self.fastOutcome(bytes, pieces: pieces, window: window, sample: sample)
            if referenceFailed {
                #expect(fast == nil, "\(pieces) pieces, window \(window)")
            } else if let fast {
                #expect(fast == reference, "\(pieces) pieces, window \(window)")
            }
        }
    }

    /// Files with quoted fields (commas, doubled quotes, line breaks), CRLF and CR line ends,
    /// empty lines, non-ASCII text, blank and missing cells, and every type: the fast path
    /// reads each into the reference table however the file is cut.
    @Test(arguments: 0..<40)
    func fastPathAgreesOnRandomFile(_ seed: Int) {
        var random = SplitMix(seed: UInt64(seed) &+ SplitMix.step)
        let bytes = Self.randomCSV(&random, rows: 20 + random.below(400))
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        var readAtLeastOnce = false
        for (pieces, window, sample) in Self.cuttings + [(2 + random.below(6), 64 + random.below(300), 1 + random.below(50))] {
            guard let fast = Self.fastOutcome(bytes, pieces: pieces, window: window, sample: sample) else { continue }
            readAtLeastOnce = true
            #expect(fast == reference, "seed \(seed), \(pieces) pieces, window \(window), sample \(sample)")
        }
        // These files have nothing the fast path leaves to the reference reader.
        #expect(readAtLeastOnce, "seed \(seed): the fast path gave up")
    }

    /// A cut guessed at a line break inside a quoted field is caught (the piece before does not
    /// end there) and the file is read again as one piece, correctly.
    @Test func aCutInsideAQuotedFieldIsCaught() throws {
        var csv = "id,note\n"
        for row in 0..<2_000 { csv += "\(row),\"line one\nline two\nline three\"\n" }
        let bytes = Array(csv.utf8)
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        for pieces in 2...6 {
            #expect(Self.fastOutcome(bytes, pieces: pieces, window: 4096) == reference)
        }
    }

    /// Short rows first and long rows after: the sample's estimate of rows per piece is far too
    /// high for the later pieces' slots... and far too low for the first's when reversed. Either
    /// way the columns come out right (joined from the pieces' own arrays where slots overflow).
    @Test(arguments: [false, true])
    func rowsOfVeryDifferentLengths(_ longFirst: Bool) {
        var rows: [String] = []
        for row in 0..<3_000 { rows.append("\(row),\(row % 2 == 0 ? "1.5" : "2"),short,yes") }
        for row in 0..<3_000 { rows.append("\(row),7,\(String(repeating: "long text ", count: 20 + row % 5)),no") }
        if longFirst { rows.reverse() }
        let bytes = Array(("n,x,t,b\n" + rows.joined(separator: "\n") + "\n").utf8)
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        for (pieces, sample) in [(2, 1000), (4, 50), (7, 5)] {
            #expect(Self.fastOutcome(bytes, pieces: pieces, window: 4096, sample: sample) == reference, "\(pieces) pieces")
        }
    }

    /// Columns whose type the sample cannot know (empty at first), or gets wrong (integers,
    /// then decimals; integers in one piece and decimals in another): joined right.
    @Test func typesTheSampleDidNotSee() {
        var csv = "late,widens,split,t\n"
        for row in 0..<4_000 {
            let late = row < 1_500 ? "" : String(row)
            let widens = row < 2_500 ? String(row) : "\(row).5"
            let split = row < 2_000 ? String(row % 10) : "0.\(row % 10)"
            csv += "\(late),\(widens),\(split),\(row < 10 ? "" : "x\(row % 3)")\n"
        }
        let bytes = Array(csv.utf8)
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        #expect(reference.hasPrefix("rows: 4000\nlate: integer | widens: decimal | split: decimal | t: text"))
        for (pieces, sample) in [(1, 5), (2, 5), (3, 1000), (6, 1)] {
            #expect(Self.fastOutcome(bytes, pieces: pieces, window: 512, sample: sample) == reference, "\(pieces) pieces")
        }
    }

    /// Text columns get one-byte codes from the start when the sample has few values. Here the
    /// sample (the first 1000 rows) has 10 values, and then: (a) one piece meets 400 more, so
    /// its own dictionary outgrows the byte; (b) each of two pieces has about 200 values of its
    /// own, 410 together; (c) the pieces' values overlap and number 200 together. Each way the table
    /// is the reference reader's, and the codes take the fewest bytes that hold the dictionary.
    @Test(arguments: [
        ("a", 1, 410, 2), ("a", 3, 410, 2), ("b", 2, 410, 2), ("c", 2, 200, 1), ("c", 5, 200, 1),
    ])
    func textCodesNarrowAndWiden(_ shape: String, _ pieces: Int, _ distinct: Int, _ width: Int) throws {
        var csv = "n,t\n"
        for row in 0..<4_000 {
            let value: String
            switch shape {
            case "a": value = row < 2_000 ? "s\(row % 10)" : "v\(row % 400)"
            case "b": value = row < 1_000 ? "s\(row % 10)" : row < 2_000 ? "p\(row % 200)" : "q\(row % 200)"
            default: value = row < 1_000 ? "s\(row % 10)" : row < 2_500 ? "v\(row % 100)" : "v\(50 + row % 140)"
            }
            csv += "\(row),\(value)\n"
        }
        let bytes = Array(csv.utf8)
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        let table = try #require(Self.fastTable(bytes, pieces: pieces, window: 4096))
        #expect(Self.describe(table) == reference)
        guard case .text(let codes, let dictionary) = table.columns[1].storage else {
            Issue.record("column t is not text")
            return
        }
        #expect(dictionary.count == distinct)
        #expect(codes.width == width)
        // Every row's value through its code, against the file (counted independently above).
        for row in [0, 999, 1_000, 2_499, 2_500, 3_999] {
            let expected = String(csv.split(separator: "\n")[row + 1].split(separator: ",")[1])
            #expect(table.columns[1].value(at: row) == .text(expected), "row \(row)")
        }
    }

    /// Integer columns get four-byte values from the start when the sample's are small. Here
    /// the sample has ids below 1000; later a piece meets 2^40 (which needs eight bytes) or
    /// only values that grow but fit. Either way the table is the reference reader's, and the
    /// values take four bytes only when every one fits.
    @Test(arguments: [(1, true, 8), (3, true, 8), (1, false, 4), (4, false, 4)])
    func integerValuesNarrowAndWiden(_ pieces: Int, _ huge: Bool, _ width: Int) throws {
        var csv = "n,m\n"
        for row in 0..<4_000 {
            let m = huge && row == 3_000 ? "1099511627776" : String(row * 1_000)
            csv += "\(row),\(m)\n"
        }
        let bytes = Array(csv.utf8)
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        let table = try #require(Self.fastTable(bytes, pieces: pieces, window: 4096))
        #expect(Self.describe(table) == reference)
        guard case .integer(let values) = table.columns[1].storage else {
            Issue.record("column m is not integer")
            return
        }
        #expect(values.width == width)
        #expect(table.columns[1].value(at: 3_000) == .integer(huge ? 1 << 40 : 3_000_000))
        #expect(table.columns[1].value(at: 3_999) == .integer(3_999_000))
    }

    /// A big file (over the fast path's threshold) with a problem on its last line: the error
    /// is the reference reader's, word for word and at the same place.
    @Test func aProblemInALargeFileIsReportedExactly() throws {
        var csv = "id,name,when\n"
        for row in 0..<60_000 { csv += "\(row),\"Bristol, City of\",2009-04-0\(row % 9 + 1)\n" }
        csv += "60000,Leeds,2009-04-01,extra\n"
        let path = try Self.temporaryFile(csv)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(csv.utf8.count > ParallelCSVReader.minimumFileSize)
        do {
            _ = try CSVReader.load(path: path, name: "t")
            Issue.record("a ragged file loaded")
        } catch {
            #expect(error.message == "line 60002 has 4 fields but the header has 3")
            #expect(error.location == FileLocation(file: path, line: 60_002, column: 24))
        }
    }

    /// A big file whose column turns to text near its end (which needs its first rows read
    /// again) loads through the reference reader, with the same table.
    @Test func aLateTypeChangeInALargeFileLoads() throws {
        var csv = "n,t\n"
        for row in 0..<200_000 { csv += "\(row),x\n" }
        csv += "n/a,y\n"
        let path = try Self.temporaryFile(csv)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try CSVReader.load(path: path, name: "t")
        #expect(Self.describe(table) == Self.rawOutcome(Array(csv.utf8), file: "t.csv"))
        #expect(table.columns[0].type == .text)
    }

    /// A big, clean file loads through the fast path, into the reference table.
    @Test func aLargeFileLoadsThroughTheFastPath() throws {
        var random = SplitMix(seed: 7 &+ SplitMix.step)
        var bytes: [UInt8] = []
        var rows = 20_000
        while bytes.count <= ParallelCSVReader.minimumFileSize {
            bytes = Self.randomCSV(&random, rows: rows)
            rows *= 2
        }
        let path = try Self.temporaryFile(String(decoding: bytes, as: UTF8.self))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fast = try #require(try FileSnapshot.inPlace(path) { ParallelCSVReader.read($0, name: "t") })
        #expect(Self.describe(fast) == Self.rawOutcome(bytes, file: "t.csv"))
    }

    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A valid CSV file whose columns keep one type from top to bottom (the fast path's case),
    /// written with every variation the reader accepts.
    static func randomCSV(_ random: inout SplitMix, rows: Int) -> [UInt8] {
        let kinds = ["integer", "decimal", "date", "boolean", "text", "quoted", "multiline", "sparse"]
        let columns = (0..<(1 + random.below(6))).map { _ in kinds[random.below(kinds.count)] }
        let lineEnds = ["\n", "\r\n", "\r"]
        let lineEnd = lineEnds[random.below(3)]
        var text = (random.below(4) == 0 ? "\u{FEFF}" : "") + columns.indices.map { "c\($0)" }.joined(separator: ",") + lineEnd
        let words = ["Leeds", "Barnsley", "Bristol, City of", "say \"hi\"", "café", "Zürich", "日本", "  padded  ", "a\nb", "y"]
        for row in 0..<rows {
            var cells: [String] = []
            for kind in columns {
                let missing = random.below(20) == 0
                switch kind {
                case "integer": cells.append(missing ? "" : random.below(5) == 0 ? " \(random.below(100)) " : String(Int(random.next() % 2_000_001) - 1_000_000))
                case "decimal": cells.append(missing ? "" : "\(random.below(1000)).\(random.below(100))" + (random.below(4) == 0 ? ["e-0\(random.below(9))", "E+3", "e12"][random.below(3)] : ""))
                case "date": cells.append(missing ? "" : String(format: random.below(2) == 0 ? "%02d/%02d/20%02d" : "20%3$02d-%2$02d-%1$02d", 1 + random.below(28), 1 + random.below(12), random.below(30)))
                case "boolean": cells.append(missing ? "" : ["yes", "No", "TRUE", "false", " yes", "no ", "True\t", "  "][random.below(8)])
                case "sparse": cells.append(row % 97 == 5 ? "v\(row % 3)" : "")
                default:
                    if missing { cells.append(random.below(2) == 0 ? "" : "\"\"") ; continue }
                    let word = words[random.below(kind == "text" ? 2 : words.count)]
                    let needsQuotes = word.contains { $0 == "," || $0 == "\"" || $0 == "\n" } || kind == "quoted" && random.below(3) == 0
                    cells.append(needsQuotes ? "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : word)
                }
            }
            text += cells.joined(separator: ",") + lineEnd
            if random.below(50) == 0 { text += lineEnd }  // an empty line, skipped
        }
        if random.below(2) == 0 { text += lineEnd + lineEnd }
        return Array(text.utf8)
    }

    // MARK: - Helpers

    /// The table as `describe` shows it, or the error as the renderer prints it.
    /// What loading `bytes` gives, as a load does it (`CSVReader.readFile`: encoding, separator
    /// and table found first): the table and the load's notes, or the error.
    static func outcome(_ bytes: [UInt8], file: String, options: LoadOptions = LoadOptions()) -> String {
        do {
            let loaded = try CSVReader.readFile(bytes, name: "t", path: file, options: options)
            return ([describe(loaded.table)] + loaded.notes.map { "note: " + $0.text }).joined(separator: "\n")
        } catch {
            return DiagnosticRenderer.render(error)
        }
    }

    /// What the reader alone makes of `bytes` as they are (comma, header on the first line),
    /// the reference the fast path must match.
    static func rawOutcome(_ bytes: [UInt8], file: String) -> String {
        do {
            return describe(try CSVReader.read(bytes, name: "t", file: file))
        } catch {
            return DiagnosticRenderer.render(error)
        }
    }

    static func error(_ bytes: [UInt8], options: LoadOptions = LoadOptions()) -> Diagnostic? {
        do {
            let table = try CSVReader.readFile(bytes, name: "t", path: "t.csv", options: options).table
            Issue.record("expected an error, read \(describe(table))")
            return nil
        } catch {
            return error
        }
    }

    static func withCell<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The cell followed by other bytes, as the fast reader's shortcuts see cells in its window.
    static func withPaddedCell<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let cell = Array(text.utf8)
        return (cell + Array("9/12/2020,1234567890 yes no 1234567890abcdefghijklmnopqrstuvwxyz0123456789".utf8))
            .withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<cell.count])) }
    }

    static func describe(_ table: Table) -> String {
        var lines = ["rows: \(table.rowCount)"]
        lines.append(table.columns.map { "\($0.name): \($0.type.rawValue)" }.joined(separator: " | "))
        for row in 0..<table.rowCount {
            lines.append(table.columns.map { column in
                column.symbol(at: row).map { "symbol \($0.written)" } ?? show(column.value(at: row))
            }.joined(separator: " | "))
        }
        for column in table.columns {
            if let dictionary = column.dictionary {
                lines.append((["dictionary \(column.name):"] + dictionary.map(showText)).joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func show(_ value: Value) -> String {
        switch value {
        case .missing: return "missing"
        case .integer(let integer): return String(integer)
        case .decimal(let decimal): return "\(decimal)"
        case .date(let day): return CivilDate.iso(day)
        case .boolean(let boolean): return String(boolean)
        case .text(let text): return showText(text)
        }
    }

    /// Text in quotes with its quotes, backslashes and line breaks escaped; long text shortened.
    static func showText(_ text: String) -> String {
        if text.count > 40 { return String(showText(String(text.prefix(20))).dropLast()) + "...\" (\(text.count) characters)" }
        var shown = "\""
        for character in text {
            switch character {
            case "\"": shown += "\\\""
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\r\n": shown += "\\r\\n"
            case "\t": shown += "\\t"
            default: shown.append(character)
            }
        }
        return shown + "\""
    }
}
