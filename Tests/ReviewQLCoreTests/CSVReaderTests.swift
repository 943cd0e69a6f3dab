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

}
