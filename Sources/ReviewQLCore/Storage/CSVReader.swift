/// Loads a CSV file into a typed, columnar `Table`, or explains exactly why it cannot.
///
/// The format is RFC 4180: comma-separated fields, a header row naming the columns, fields in
/// double quotes holding commas, line breaks and doubled quotes (`""`). The text must be UTF-8;
/// a leading byte-order mark is dropped. Lines may end in LF, CRLF or CR, mixed freely.
/// Empty lines (nothing at all between two line breaks, at the start, between rows or at the
/// end) are skipped, so in a one-column file an empty line is not a missing value; write `""`
/// for that.
///
/// Header names lose surrounding spaces and tabs; each must be non-empty and differ from the
/// others ignoring case. Each column's type is chosen from all its cells, never a sample (see
/// `CellParser` for the rules and `ColumnBuilder` for how the choice is made in one pass).
/// Surrounding spaces and tabs are ignored when reading a number, date or yes/no; a text cell
/// keeps its exact content. An empty field or `""` is a missing value (a set bit in the
/// column's `missing` bitmap). A cell of only spaces is missing in a typed column and its
/// exact text in a text column. A column with no values at all is text.
///
/// Any problem stops the load and no table is made. Problems are located by physical line
/// (1-based, lines inside quoted fields counted) and character column (1-based, counting
/// Unicode characters from the start of that line): the column of the offending byte, or of
/// the first character of the offending field. Messages about a cell also name the field's
/// column by its header name and number.
public enum CSVReader {
    /// Parses CSV bytes into a typed, columnar table named `name`. `file` is used in error locations.
    public static func read(_ bytes: [UInt8], name: String, file: String) throws(Diagnostic) -> Table {
        do {
            return try bytes.withUnsafeBufferPointer { buffer throws(CSVProblem) in
                try readTable(buffer, name: name)
            }
        } catch {
            throw error.diagnostic(file: file)
        }
    }

    /// Reads the file at `path` and parses it (file errors become a Diagnostic too).
    public static func load(path: String, name: String) throws(Diagnostic) -> Table {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            throw Diagnostic(.error, "cannot read \"\(TextSafety.escaped(path))\": \(error.reason)",
                             help: "check the path, and that the file can be read")
        }
        return try read(bytes, name: name, file: path)
    }

    private static func readTable(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws(CSVProblem) -> Table {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { throw .utf16 }
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        var tokenizer = CSVTokenizer(bytes: bytes, offset: bytes.starts(with: byteOrderMark) ? 3 : 0)

        var header = HeaderSink()
        guard try tokenizer.nextRecord(into: &header) else { throw .emptyFile }
        let names = try columnNames(header, tokenizer)
        tokenizer.expectedFieldCount = names.count
        // A copy standing at the first data row, for reading rows again if a column needs it.
        let dataStart = tokenizer

        var builders = Array(repeating: ColumnBuilder(), count: names.count)
        var impossibleDates: [ImpossibleDate?] = []
        try builders.withUnsafeMutableBufferPointer { builders throws(CSVProblem) in
            var sink = ColumnSink(builders: builders)
            while try tokenizer.nextRecord(into: &sink) {}
            impossibleDates = sink.impossibleDates
        }
        try checkDates(builders, impossibleDates, names, tokenizer)
        for index in builders.indices { builders[index].finishFirstPass() }
        rereadAsText(&builders, from: dataStart)

        let rowCount = builders[0].rowCount
        let columns = zip(names, builders).map { name, builder in builder.column(named: name) }
        return Table(name: name, columns: columns, rowCount: rowCount)
    }

    /// The header's names, trimmed, after checking that each is present and unique.
    private static func columnNames(_ header: HeaderSink, _ tokenizer: CSVTokenizer) throws(CSVProblem) -> [String] {
        var firstIndexOfName: [String: Int] = [:]
        for (index, (name, position)) in zip(header.names, header.positions).enumerated() {
            if name.isEmpty {
                throw .unnamedColumn(column: index + 1, isLast: index == header.names.count - 1,
                                     at: tokenizer.textPosition(position))
            }
            let key = name.lowercased()
            if let earlier = firstIndexOfName[key] {
                throw .duplicateColumnName(name: name, column: index + 1, earlierName: header.names[earlier],
                                           earlierColumn: earlier + 1, at: tokenizer.textPosition(position))
            }
            firstIndexOfName[key] = index
        }
        return header.names
    }

    /// Throws for the first impossible date (by line) in a column that holds dates.
    private static func checkDates(_ builders: [ColumnBuilder], _ impossibleDates: [ImpossibleDate?],
                                   _ names: [String], _ tokenizer: CSVTokenizer) throws(CSVProblem) {
        let inDateColumns = impossibleDates.indices.compactMap { index -> ImpossibleDate? in
            builders[index].kind == .date && builders[index].sawImpossibleDate ? impossibleDates[index] : nil
        }
        guard let first = inDateColumns.min(by: { ($0.position.line, $0.column) < ($1.position.line, $1.column) })
        else { return }
        throw .impossibleDate(text: first.text, reason: first.reason, columnName: names[first.column],
                              column: first.column + 1, at: tokenizer.textPosition(first.position))
    }

    /// Reads again, as text, the leading rows of the columns that turned out to be text after
    /// starting as another type, and puts them in front of the rows already encoded.
    private static func rereadAsText(_ builders: inout [ColumnBuilder], from dataStart: CSVTokenizer) {
        let rowsToReread = builders.map(\.rowsToReread)
        guard let rowLimit = rowsToReread.max(), rowLimit > 0 else { return }
        var tokenizer = dataStart
        var sink = RereadSink(rowsToReread: rowsToReread)
        do {
            while sink.rowIndex < rowLimit, try tokenizer.nextRecord(into: &sink) {}
        } catch {
            preconditionFailure("rows that read cleanly once failed the second time: \(error)")
        }
        for index in builders.indices where rowsToReread[index] > 0 {
            builders[index].prependRereadText(sink.texts[index], missingRows: sink.missing[index])
        }
    }
}

/// The first date-shaped value naming no real day in one column, kept until the end of the
/// file shows whether the column holds dates (an error) or text (no problem).
private struct ImpossibleDate {
    var column: Int
    var text: String
    var reason: String
    var position: CSVTokenizer.Position
}

/// Collects the header row's names and where each starts.
private struct HeaderSink: CSVFieldSink {
    var names: [String] = []
    var positions: [CSVTokenizer.Position] = []

    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position) {
        names.append(String(decoding: CellParser.trimmed(content), as: UTF8.self))
        positions.append(position)
    }

    mutating func endRecord() {}
}

/// Feeds each data field to its column's builder.
private struct ColumnSink: CSVFieldSink {
    /// The builders array's storage, borrowed for the first pass: `readTable` keeps the array
    /// alive and untouched inside `withUnsafeMutableBufferPointer` while this sink exists, and
    /// the tokenizer only passes indexes below the header's field count, which is its size.
    let builders: UnsafeMutableBufferPointer<ColumnBuilder>
    var impossibleDates: [ImpossibleDate?]

    init(builders: UnsafeMutableBufferPointer<ColumnBuilder>) {
        self.builders = builders
        impossibleDates = Array(repeating: nil, count: builders.count)
    }

    @inline(__always)
    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position) {
        if case .firstImpossibleDate(let reason) = builders[index].append(content) {
            let text = String(decoding: CellParser.trimmed(content), as: UTF8.self)
            impossibleDates[index] = ImpossibleDate(column: index, text: text, reason: reason, position: position)
        }
    }

    mutating func endRecord() {}
}

/// Encodes as text the first rows of the columns that must be read again.
private struct RereadSink: CSVFieldSink {
    let rowsToReread: [Int]
    var texts: [TextColumnBuilder]
    var missing: [GrowableBitmap]
    var rowIndex = 0

    init(rowsToReread: [Int]) {
        self.rowsToReread = rowsToReread
        texts = Array(repeating: TextColumnBuilder(), count: rowsToReread.count)
        missing = Array(repeating: GrowableBitmap(), count: rowsToReread.count)
    }

    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position) {
        guard rowIndex < rowsToReread[index] else { return }
        if content.isEmpty {
            missing[index].set(rowIndex)
            texts[index].appendPlaceholders(1)
        } else {
            texts[index].append(content)
        }
    }

    mutating func endRecord() { rowIndex += 1 }
}

/// Everything that stops a CSV file from loading, as data; `diagnostic(file:)` puts it in words.
enum CSVProblem: Error, Equatable {
    /// A 1-based physical line and character column.
    struct TextPosition: Equatable {
        var line: Int
        var column: Int
    }

    case emptyFile
    case utf16
    case unnamedColumn(column: Int, isLast: Bool, at: TextPosition)
    case duplicateColumnName(name: String, column: Int, earlierName: String, earlierColumn: Int, at: TextPosition)
    case raggedRow(line: Int, fieldCount: Int, expected: Int, at: TextPosition)
    case unterminatedQuote(at: TextPosition)
    case quoteInUnquotedField(fieldText: String, at: TextPosition)
    case textAfterClosingQuote(fieldText: String, at: TextPosition)
    case invalidUTF8(byte: UInt8, at: TextPosition)
    case nulByte(at: TextPosition)
    case impossibleDate(text: String, reason: String, columnName: String, column: Int, at: TextPosition)

    /// The problem in words, located in `file`.
    func diagnostic(file: String) -> Diagnostic {
        func located(_ message: String, _ position: TextPosition?, line: Int = 1,
                     notes: [String] = [], help: String) -> Diagnostic {
            Diagnostic(.error, message,
                       location: FileLocation(file: file, line: position?.line ?? line, column: position?.column),
                       notes: notes, help: help)
        }
        func quoted(_ text: String) -> String { "\"" + TextSafety.escaped(text) + "\"" }

        switch self {
        case .emptyFile:
            return located("empty file: there is no header row", nil,
                           help: "the first line should name the columns, separated by commas")
        case .utf16:
            return located("the file is UTF-16 text, not UTF-8", TextPosition(line: 1, column: 1),
                           help: "save it as UTF-8 (in a spreadsheet, export as \"CSV UTF-8\")")
        case .unnamedColumn(let column, let isLast, let position):
            return located("column \(column) has no name in the header", position,
                           help: isLast ? "name every column on the header line, or remove the comma at its end"
                                        : "name every column on the header line")
        case .duplicateColumnName(let name, let column, let earlierName, let earlierColumn, let position):
            let earlier = name == earlierName ? "column \(earlierColumn)" : "column \(earlierColumn) (\(quoted(earlierName)))"
            return located("duplicate column name \(quoted(name)): column \(column) repeats \(earlier)", position,
                           help: "column names must differ, ignoring case; rename one of them")
        case .raggedRow(let line, let fieldCount, let expected, let position):
            let help = fieldCount > expected
                ? "put double quotes around a field that contains a comma, like \"Bristol, City of\""
                : "every row needs \(expected) fields; leave a field empty (nothing between the commas) for a missing value"
            return located("line \(line) has \(fieldCount) field\(fieldCount == 1 ? "" : "s") but the header has \(expected)",
                           position, help: help)
        case .unterminatedQuote(let position):
            return located("unterminated quoted field: the quote opened here is never closed", position,
                           help: "end the field with a closing quote (\"), and write a quote inside it as two (\"\")")
        case .quoteInUnquotedField(let fieldText, let position):
            let fix = "\"" + fieldText.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
            return located("quote inside an unquoted field: \(TextSafety.escaped(fieldText))", position,
                           help: "quote the whole field and double the quote inside it: \(TextSafety.escaped(fix))")
        case .textAfterClosingQuote(let fieldText, let position):
            return located("text after a closing quote: \(TextSafety.escaped(fieldText))", position,
                           help: "a quoted field ends at its closing quote; write a quote inside it as two (\"\")")
        case .invalidUTF8(let byte, let position):
            let hex = String(byte, radix: 16, uppercase: true)
            return located("invalid UTF-8: byte 0x\(hex)", position,
                           help: "save the file as UTF-8; it may be in Latin-1 or Windows-1252")
        case .nulByte(let position):
            return located("NUL byte: the file looks binary, not CSV text", position,
                           help: "check that this is a CSV file; export spreadsheets as \"CSV UTF-8\"")
        case .impossibleDate(let text, let reason, let columnName, let column, let position):
            return located("\(quoted(text)) is not a real date: \(reason)", position,
                           notes: ["column \(quoted(columnName)) (field \(column)) holds dates, so every value in it must be a real day"],
                           help: "correct the date, or leave the cell empty for a missing value")
        }
    }
}
