import Testing
@testable import ReviewQLCore

/// The rules that find the table in a file or sheet (`TableShape`), on rows written as simple
/// comma-separated lines (no quotes). Each case is a shape a real file has: a sheet saved as
/// CSV with its title and notes, two files pasted together, a workbook with a second table.
@Suite struct TableShapeTests {
    /// The rows of `text`, one a line, split at commas; a cell is numeric when Double reads it.
    static func rows(_ text: String) -> [RowShape] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            let cells = line.isEmpty ? [] : line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let filled = cells.enumerated().filter { !$0.element.isEmpty }
            return RowShape(line: index + 1, fieldCount: max(cells.count, 1), filled: filled.count,
                            lastFilled: (filled.last?.offset ?? -1) + 1,
                            numericCells: filled.filter { Double($0.element) != nil }.count,
                            yearCells: filled.filter { Double($0.element).map { $0 == $0.rounded() && (1900...2100).contains($0) } ?? false }.count,
                            fingerprint: RowShape.fingerprint(of: cells), firstText: filled.first?.element ?? "")
        }
    }

    static func find(_ text: String, headerLine: Int? = nil) throws -> (extent: TableExtent, lines: [Int]) {
        let rows = rows(text)
        let extent = try TableShape.find(rows, headerLine: headerLine)
        let kept = ((extent.header + 1)..<extent.end).filter { !extent.dropped.contains($0) }.map { rows[$0].line }
        return (extent, kept)
    }

    @Test func aPlainFileIsAllTable() throws {
        let (extent, lines) = try Self.find("a,b,c\n1,2,3\n4,5,6\n")
        #expect(extent.header == 0)
        #expect(lines == [2, 3])
        #expect(extent.skipped.isEmpty)   // the blank line at the end is no note
    }

    @Test func aOneColumnFileIsAllTable() throws {
        let (extent, lines) = try Self.find("name\nBarnet\nBrent")
        #expect(extent.header == 0)
        #expect(lines == [2, 3])
    }

    @Test func titleLinesOfAPaddedSheetAreSkippedWithANote() throws {
        let text = "Table 1: Serious case reviews,,,\nEngland 2009-10,,,\n,,,\nauthority,reviews,good,rate\n"
            + "Barnet,3,1,33.3\nBrent,2,2,100\n"
        let (extent, lines) = try Self.find(text)
        #expect(extent.header == 3)
        #expect(lines == [5, 6])
        #expect(extent.skipped == [SkippedLines(why: .aboveHeader, firstLine: 1, lastLine: 3, rowCount: 2,
                                                firstText: "Table 1: Serious case reviews")])
        #expect(extent.skipped[0].note.contains("lines 1–3 above the header"))
    }

    @Test func footnotesAfterAnEmptyRowEndTheTable() throws {
        // A 6-review table with 4 footnote rows (the example of 10 reviews reported).
        let body = (1...6).map { "review \($0),Good,2010" }.joined(separator: "\n")
        let text = "title,judgement,year\n" + body + "\n,,\nSource: Ofsted,,\nNote 1: x,,\nNote 2: y,,\nc = suppressed,,\n"
        let (extent, lines) = try Self.find(text)
        #expect(lines == Array(2...7))
        #expect(extent.skipped.map(\.why) == [.belowTable])
        #expect(extent.skipped[0].firstLine == 8 && extent.skipped[0].rowCount == 4)
    }

    @Test func withNoEmptyRowAboveThemRowsAreTheTables() throws {
        // csvkit's test.xlsx ends with rows of one named cell ("This row has blanks"): data.
        let (extent, lines) = try Self.find("a,b,c\n1,2,3\n4,5,6\nThis row has blanks,,\nUnicode! Σ,,\n")
        #expect(lines == [2, 3, 4, 5])
        #expect(extent.skipped.isEmpty)
        // DuckDB's test/error_too_little.csv: a short last row is the reader's to report.
        let (_, kept) = try Self.find("i,j\n1,1\n2,2\n7\n")
        #expect(kept == [2, 3, 4])
    }

    @Test func aOneColumnTableMayRepeatItsName() throws {
        // messytables' long.csv: a column named foo whose every row is foo.
        let (extent, lines) = try Self.find("foo\nfoo\nfoo\nfoo")
        #expect(lines == [2, 3, 4])
        #expect(extent.dropped.isEmpty)
    }

    @Test func anEmptyRowFollowedByRowsLikeTheTableStaysInside() throws {
        let (extent, lines) = try Self.find("a,b,c\n1,2,3\n,,\n4,5,6\n")
        #expect(lines == [2, 3, 4])
        #expect(extent.skipped.isEmpty)
    }

    @Test func aSecondTableBelowEndsTheFirst() throws {
        let text = "region,count\nNorth,3\nSouth,4\n\nregion name,rate\nNorth,1.5\n"
        let (extent, lines) = try Self.find(text)
        #expect(lines == [2, 3])
        #expect(extent.skipped.first?.why == .belowTable)
        #expect(extent.skipped.first?.firstLine == 4)
    }

    @Test func repeatedHeaderRowsAreDropped() throws {
        let text = "la,count\nBarnet,3\nla,count\nBrent,4\n\nla,count\nCamden,5\n"
        let (extent, lines) = try Self.find(text)
        #expect(lines == [2, 4, 5, 7])
        #expect(extent.skipped.filter { $0.why == .repeatedHeader }.map(\.firstLine) == [3, 6])
    }

    @Test func aHeaderOnTwoRowsIsRefusedNotGuessed() throws {
        let text = "2019,,2020,\nNumber,%,Number,%\n3,10,4,12\n5,20,6,25\n"
        #expect(throws: ShapeProblem.ambiguousHeader(seemsToBe: 2, couldBe: 1)) { try Self.find(text) }
        let (extent, lines) = try Self.find(text, headerLine: 2)
        #expect(extent.header == 1 && lines == [3, 4])
        #expect(extent.skipped.map(\.why) == [.aboveHeader])
    }

    @Test func aRaggedFileStillStartsAtItsFirstLine() throws {
        // "a,b" over rows of three: the reader reports the ragged rows; no title is guessed.
        let (extent, lines) = try Self.find("a,b\n1,2,3\n4,5,6\n")
        #expect(extent.header == 0 && lines == [2, 3])
    }

    @Test func aFirstRowOfDataIsRefusedNotTakenForNames() throws {
        // DuckDB's auto/no_header.csv: three rows of data and no header line.
        #expect(throws: ShapeProblem.headerLooksLikeData(line: 1, numbers: 1)) {
            try Self.find("123,TEST1,text1\n345,TEST1,text2\n567,TEST1,text3\n")
        }
        // Years as column names over numbers that are not years are names (frictionless' issue-825.csv)...
        #expect(try Self.find("Musei,2011,2010\nGalleria,23.824,17.518\nMuseo,in restauro,in restauro\n").extent.header == 0)
        // ...but over rows of years they could be a row of data: the user says which.
        #expect(throws: ShapeProblem.headerLooksLikeData(line: 1, numbers: 2)) { try Self.find("event,2019,2020\nopen,2019,2021\n") }
        let (extent, lines) = try Self.find("event,2019,2020\nopen,2019,2021\n", headerLine: 1)
        #expect(extent.header == 0 && lines == [2])
        // csvkit's no_header_row.csv: one line of numbers and nothing below it.
        #expect(throws: ShapeProblem.headerLooksLikeData(line: 1, numbers: 3)) { try Self.find("1,2,3\n") }
        // Names over numbers, and a header with fewer numbers than its rows, are headers.
        #expect(try Self.find("la,count\nBarnet,3\n").extent.header == 0)
        #expect(try Self.find("la,year 2,count\nBarnet,2019,3\n").extent.header == 0)
    }

    @Test func theUsersHeaderLineIsChecked() throws {
        #expect(throws: ShapeProblem.noSuchHeaderLine(9, lastLine: 2)) { try Self.find("a,b\n1,2\n\n", headerLine: 9) }
        #expect(throws: ShapeProblem.emptyHeaderLine(2)) { try Self.find("a,b\n\n1,2\n", headerLine: 2) }
        #expect(throws: ShapeProblem.noTable) { try Self.find(",,\n\n,,\n") }
    }

    @Test func problemsAreWordedWithTheLineToSay() {
        let words = ShapeProblem.ambiguousHeader(seemsToBe: 4, couldBe: 2).diagnostic(file: "f.csv")
        #expect(words.message.contains("the header seems to be on line 4"))
        #expect(words.help?.contains("header line 4") == true)
    }
    /// Lines starting with `#` that are not shaped like the rows are comments (DuckDB's
    /// `comments__simple.csv`, R's and many programs' files): dropped with one note; a `#` row
    /// shaped like the rows is data, and a `#` line above the header is never a rival to it.
    @Test func commentLinesAreDroppedAndRowsStartingWithHashKept() throws {
        let (extent, lines) = try Self.find("# source: Ofsted, 2009\na,b\n1,2\n# late\n#3,4\n5,6\n# end")
        #expect(extent.header == 1)
        #expect(lines == [3, 5, 6])
        #expect(extent.skipped.map(\.why) == [.aboveHeader, .comments])
        #expect(extent.skipped.last?.note == "dropped 2 comment lines starting with # inside the table (in lines 4–7), not shaped like its rows")
    }

    /// A header whose last names are blank (`a,a,…,a,` over rows filled to the last cell, as
    /// DuckDB's `auto__duplicate_header_columns.csv`) is the header, not a rival of the first row.
    @Test func aHeaderWithBlankLastNamesIsTheHeader() throws {
        let (extent, lines) = try Self.find("a,b,c,\n1,,,v\n2,,,w\n")
        #expect(extent.header == 0)
        #expect(lines == [2, 3])
        // No more names than the row below it: still refused as ambiguous (a title with a date,
        // messytables' `begrotingsanalyse-2011.csv`).
        #expect(throws: ShapeProblem.ambiguousHeader(seemsToBe: 2, couldBe: 1)) {
            try Self.find("Table 1,2009,,\nname,count,rate,x\nBarnet,3,1.5,y\n")
        }
    }

    /// A row of only separators, as many as neither a blank line nor the rows have (`,` under
    /// `a,b,c`), is a short row of the table, for the reader to report: not its end.
    @Test func aShortSeparatorsOnlyRowIsNotAnEnd() throws {
        let (_, lines) = try Self.find("a,b,c\n1,2,3\n,\n")
        #expect(lines == [2, 3])
        let (_, padded) = try Self.find("a,b,c\n1,2,3\n,,\n")
        #expect(padded == [2])
    }
}
