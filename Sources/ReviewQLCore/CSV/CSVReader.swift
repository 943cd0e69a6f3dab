/// Loads a CSV file into a typed, columnar `Table`, or explains exactly why it cannot.
///
/// The format is RFC 4180: comma-separated fields, a header row naming the columns, fields in
/// double quotes holding commas, line breaks and doubled quotes (`""`). The text must be UTF-8;
/// a leading byte-order mark is dropped. Lines may end in LF, CRLF or CR, mixed freely.
/// Empty lines (nothing at all between two line breaks, at the start, between rows or at the
/// end) are skipped, so in a one-column file an empty line is not a missing value; write `""`
/// for that.
///
/// Text columns whose every value is a number or date as people write them (`£1,200`, `34%`,
/// `31-Jan-2009`, `1/4/2008`) are read again once the file is read (`WrittenValues`), and what
/// that chose is kept as notes on the table (`Table.formatNotes`).
///
/// Header names lose surrounding spaces and tabs; each must be non-empty and differ from the
/// others ignoring case. Each column's type is chosen from all its cells, never a sample (see
/// `CellParser` for the rules and `ColumnBuilder` for how the choice is made in one pass).
/// Surrounding spaces and tabs are ignored when reading a number, date or yes/no; a text cell
/// keeps its exact content. An empty field or `""` is a missing value (a set bit in the
/// column's `missing` bitmap). A cell of only spaces is missing in a typed column and its
/// exact text in a text column. A column with no values at all is text.
///
/// Any problem stops the load and no table is made. Problems in the text itself (encoding,
/// quoting, field counts, header names) are reported as they are met, so the first in the file
/// wins; an impossible date, or a number too large for a `Double` (`1e999`), is reported once
/// the whole file has shown that its column holds dates or numbers (the earliest such cell).
/// Problems are located by physical line
/// (1-based, lines inside quoted fields counted) and character column (1-based, counting
/// Unicode characters from the start of that line): the column of the offending byte, or of
/// the first character of the offending field. Messages about a cell also name the field's
/// column by its header name and number.
public enum CSVReader {
    /// Parses UTF-8 CSV bytes, as they are, into a typed, columnar table named `name`: the
    /// header on the first line, fields split by `separator`. `file` is used in error
    /// locations. (`readFile` first finds the encoding, separator and table as a load does.)
    public static func read(_ bytes: [UInt8], name: String, file: String,
                            separator: UInt8 = UInt8(ascii: ",")) throws(Diagnostic) -> Table {
        do {
            return try bytes.withUnsafeBufferPointer { buffer throws(CSVProblem) in
                try readTable(buffer, name: name, separator: separator).table
            }
        } catch {
            throw error.diagnostic(file: file)
        }
    }

    /// Reads the file at `path` and loads it (see `loadFile`; file errors become a Diagnostic too).
    ///
    /// `reading`: the columns wanted (a test of the name; nil for all), for a one-off run that
    /// knows its statements (`ColumnDemand`); see `ParallelCSVReader`.
    public static func load(path: String, name: String,
                            reading wanted: (@Sendable (String) -> Bool)? = nil) throws(Diagnostic) -> Table {
        try loadFile(path: path, name: name, reading: wanted).table
    }

    /// The whole read: the header, one pass over the rows into the column builders, the date
    /// check, then the second pass for the columns that turned into text part-way. Returns the
    /// table and the line of the first space passed over before a quote (`CSVTokenizer`).
    /// `givenNames`: the file has no header line, and these are the columns' names.
    static func readTable(_ bytes: UnsafeBufferPointer<UInt8>, name: String, separator: UInt8,
                          givenNames: [String]? = nil) throws(CSVProblem) -> (table: Table, spaceBeforeQuote: Int?) {
        var tokenizer = CSVTokenizer(bytes: bytes, offset: try textStart(bytes), separator: separator)
        let names: [String]
        if let givenNames {
            names = givenNames
            tokenizer.expectedFieldCount = names.count
        } else {
            names = try readHeader(&tokenizer)
        }
        // A copy standing at the first data row, for reading rows again if a column needs it.
        let dataStart = tokenizer

        var builders = Array(repeating: ColumnBuilder(), count: names.count)
        try builders.withUnsafeMutableBufferPointer { builders throws(CSVProblem) in
            var sink = BlockSink(builders: builders, file: bytes)
            try tokenizer.readRecords(into: &sink)
            sink.flush()
        }
        // Dates that may be written otherwise are decided from the column's text, below.
        let rereadDates = Set(builders.indices.filter { builders[$0].mayBeWrittenOtherwise })
        for index in rereadDates { builders[index].readAgainAsText() }
        let outOfRange = builders.indices.compactMap { column -> (row: Int, column: Int, reason: String?)? in
            builders[column].firstOutOfRangeRow.map { ($0, column, nil) }
        }
        // A column of only symbols is numbers when the file's numbers have symbols (`ColumnKind`).
        let symbolsOnlyAreNumbers = builders.contains { ($0.kind == .integer || $0.kind == .decimal) && $0.hasSymbols }
        for index in builders.indices { builders[index].finishFirstPass(symbolsOnlyAreNumbers: symbolsOnlyAreNumbers) }
        rereadAsText(&builders, from: dataStart)

        let rowCount = builders[0].rowCount
        var table = Table(name: name, columns: zip(names, builders).map { name, builder in builder.column(named: name) },
                          rowCount: rowCount)
        try readWrittenValues(&table, from: dataStart, outOfRange: outOfRange, rereadDates: rereadDates,
                              commaMayBeDecimal: separator == UInt8(ascii: ";"))
        return (table, tokenizer.firstSpaceBeforeQuote)
    }

    /// Reads again the text columns that hold numbers or dates as people write them
    /// (`WrittenValues`), with the notes that says; a value shaped like a date that names no
    /// real day is an error (the earliest in the file, found again there to say where it is).
    /// `outOfRange`: the numbers too large for a `Double`, reported with them, the first wins.
    private static func readWrittenValues(_ table: inout Table, from dataStart: CSVTokenizer,
                                          outOfRange: [(row: Int, column: Int, reason: String?)],
                                          rereadDates: Set<Int>, commaMayBeDecimal: Bool) throws(CSVProblem) {
        var impossible = outOfRange
        for index in table.columns.indices {
            switch WrittenValues.reread(table.columns[index], dataset: table.name, impossibleIsError: rereadDates.contains(index),
                                        commaMayBeDecimal: commaMayBeDecimal) {
            case .unchanged: break
            case .converted(let column, let notes):
                table.columns[index] = column
                table.formatNotes += notes
            case .keptAsText(let note): table.formatNotes.append(note)
            case .impossibleDate(let row, let reason): impossible.append((row, index, reason))
            }
        }
        if !impossible.isEmpty { try reportFirstBadValue(impossible, table.columns.map(\.name), from: dataStart) }
    }

    /// Reads the header row, leaving `tokenizer` at the first data row and expecting as many
    /// fields as the header has in every row after it. Returns the column names, blank and
    /// repeated ones renamed (`HeaderNames`).
    static func readHeader(_ tokenizer: inout CSVTokenizer) throws(CSVProblem) -> [String] {
        var header = HeaderSink()
        try tokenizer.readRecords(into: &header)
        guard !header.names.isEmpty else { throw .emptyFile }
        let names = HeaderNames(header.names).names
        tokenizer.expectedFieldCount = names.count
        return names
    }

    /// The offset where the text starts in `bytes`, past a UTF-8 byte-order mark; throws for
    /// UTF-16, which `loadFile` transcodes first.
    static func textStart(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVProblem) -> Int {
        if TextEncoding.hasUTF16Mark(bytes) { throw .utf16 }
        return utf8MarkLength(bytes)
    }

    /// The length of the UTF-8 byte-order mark `bytes` starts with: 3, or 0 when none.
    static func utf8MarkLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The trimmed fields of the row at `offset`, as written (not yet made usable by
    /// `HeaderNames`); empty when the row cannot be read (the reader reports why).
    static func rawHeader(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, separator: UInt8) -> [String] {
        var tokenizer = CSVTokenizer(bytes: bytes, offset: offset, separator: separator)
        var header = HeaderSink()
        do { try tokenizer.readRecords(into: &header) } catch { return [] }
        return header.names
    }

    /// Throws for the first value (by line) of `candidates` that cannot stand in its column: a
    /// date that names no real day (`reason` says why) in a column of dates, or a number too
    /// large for a `Double` (no reason) in a number column. It is found again in the file to
    /// say where it is.
    private static func reportFirstBadValue(_ candidates: [(row: Int, column: Int, reason: String?)], _ names: [String],
                                            from dataStart: CSVTokenizer) throws(CSVProblem) {
        guard let first = candidates.min(by: { ($0.row, $0.column) < ($1.row, $1.column) }) else { return }
        var tokenizer = dataStart
        var locator = CellLocator(row: first.row, column: first.column)
        try tokenizer.readRecords(into: &locator)
        guard let (text, position) = locator.found else {
            preconditionFailure("the bad value in row \(first.row) was not found again")
        }
        let at = tokenizer.textPosition(position)
        if let reason = first.reason {
            throw .impossibleDate(text: text, reason: reason, columnName: names[first.column],
                                  column: first.column + 1, at: at)
        }
        throw .numberOutOfRange(text: text, columnName: names[first.column], column: first.column + 1, at: at)
    }

    /// Reads again, as text, the leading rows of the columns that turned out to be text after
    /// starting as another type, and puts them in front of the rows already encoded.
    private static func rereadAsText(_ builders: inout [ColumnBuilder], from dataStart: CSVTokenizer) {
        let rowsToReread = builders.map(\.rowsToReread)
        guard let rowLimit = rowsToReread.max(), rowLimit > 0 else { return }
        var tokenizer = dataStart
        var sink = RereadSink(rowsToReread: rowsToReread, rowLimit: rowLimit)
        do {
            try tokenizer.readRecords(into: &sink)
        } catch {
            preconditionFailure("rows that read cleanly once failed the second time: \(error)")
        }
        for index in builders.indices where rowsToReread[index] > 0 {
            builders[index].prependRereadText(sink.texts[index], missingRows: sink.missing[index])
        }
    }
}

/// Collects the header row's names and where each starts, then stops the tokenizer.
struct HeaderSink: CSVFieldSink {
    var names: [String] = []
    var positions: [CSVTokenizer.Position] = []

    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position) {
        names.append(String(decoding: CellParser.trimmed(content), as: UTF8.self))
        positions.append(position)
    }

    mutating func endRecord() -> Bool { false }
}

/// Gathers the fields of a block of rows and hands them to the column builders a block at a
/// time, so that each builder runs one tight loop per block for its type.
private struct BlockSink: CSVFieldSink {
    /// The builders array's storage, borrowed for the first pass: `readTable` keeps the array
    /// alive and untouched inside `withUnsafeMutableBufferPointer` while this sink exists, and
    /// the tokenizer only passes field indexes below the header's field count, its size.
    let builders: UnsafeMutableBufferPointer<ColumnBuilder>
    let file: UnsafeBufferPointer<UInt8>
    let block: FieldBlockStorage
    let columnCount: Int
    let rowsPerBlock: Int
    var rowsInBlock = 0
    /// Rows handed to the builders so far.
    var rowsFlushed = 0
    /// Copies of the fields the tokenizer unescaped into its own buffer, which it reuses.
    var unescaped: [UInt8] = []

    init(builders: UnsafeMutableBufferPointer<ColumnBuilder>, file: UnsafeBufferPointer<UInt8>) {
        self.builders = builders
        self.file = file
        columnCount = builders.count
        // About 16k fields (256 KiB of offsets) a block: large enough to make the per-block work
        // vanish, small enough to stay in the cache. A small file needs less: every field but a
        // row's last ends in a comma, so there are at most `bytes / fields + 1` rows.
        rowsPerBlock = max(1, min(16_384 / builders.count, file.count / builders.count + 1))
        block = FieldBlockStorage(capacity: rowsPerBlock * columnCount)
    }

    @inline(__always)
    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position) {
        // `slot` is below the block's capacity: `rowsInBlock < rowsPerBlock` (a full block is
        // flushed at once) and `index < columnCount`.
        let slot = rowsInBlock * columnCount + index
        if let start = content.baseAddress, let fileStart = file.baseAddress,
           start >= fileStart, start <= fileStart + file.count {
            block.starts[slot] = start - fileStart
            block.ends[slot] = start - fileStart + content.count
        } else {
            block.starts[slot] = ~unescaped.count
            unescaped.append(contentsOf: content)
            block.ends[slot] = ~unescaped.count
        }
    }

    mutating func endRecord() -> Bool {
        rowsInBlock += 1
        if rowsInBlock == rowsPerBlock {
            flush()
            // A Ctrl-C ends the reading here; the load then refuses the table as cancelled.
            if Cancellation.isRequested { return false }
        }
        return true
    }

    /// Hands the rows gathered so far to the builders.
    mutating func flush() {
        guard rowsInBlock > 0, let fileStart = file.baseAddress else { return }
        let rowCount = rowsInBlock
        unescaped.withUnsafeBufferPointer { unescaped in
            for column in 0..<columnCount {
                // Every slot of these rows was written by `field`: a record reaches `endRecord`
                // only with exactly `columnCount` fields.
                builders[column].append(BlockColumn(
                    file: fileStart, unescaped: unescaped.baseAddress, starts: block.starts, ends: block.ends,
                    columnCount: columnCount, column: column, rowCount: rowCount))
            }
        }
        if rowsFlushed == 0 { reserveForWholeFile() }
        rowsFlushed += rowCount
        rowsInBlock = 0
        unescaped.removeAll(keepingCapacity: true)
    }

    /// After the first block, estimates the file's row count from the bytes those rows took
    /// and reserves that much (plus a little) in every column.
    private mutating func reserveForWholeFile() {
        let firstOffset = block.starts[0]
        let lastOffset = block.starts[(rowsInBlock - 1) * columnCount]
        // A field copied out of the tokenizer's buffer has no file offset; skip the estimate.
        guard rowsInBlock > 1, firstOffset >= 0, lastOffset > firstOffset else { return }
        let bytesPerRow = Double(lastOffset - firstOffset) / Double(rowsInBlock - 1)
        let estimate = Double(file.count - firstOffset) / bytesPerRow * 1.05
        guard estimate < Double(Int32.max) else { return }
        for column in 0..<columnCount { builders[column].reserveCapacity(Int(estimate) + rowsInBlock) }
    }
}

/// Memory for one block's field offsets, allocated once per load and freed with its owner.
private final class FieldBlockStorage {
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>

    init(capacity: Int) {
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
    }
}

/// Finds one cell by data row and column, for an error message about its value.
private struct CellLocator: CSVFieldSink {
    let row: Int
    let column: Int
    var currentRow = 0
    /// The cell's trimmed text and where it starts.
    var found: (text: String, position: CSVTokenizer.Position)?

    init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position) {
        if currentRow == row && index == column {
            let value = CellParser.trimmed(content)
            found = (String(decoding: value, as: UTF8.self), position)
        }
    }

    mutating func endRecord() -> Bool {
        currentRow += 1
        return currentRow <= row
    }
}

/// Encodes as text the first rows of the columns that must be read again.
private struct RereadSink: CSVFieldSink {
    let rowsToReread: [Int]
    /// The most rows any column needs; reading stops there.
    let rowLimit: Int
    var texts: [TextColumnBuilder]
    var missing: [GrowableBitmap]
    var rowIndex = 0

    init(rowsToReread: [Int], rowLimit: Int) {
        self.rowsToReread = rowsToReread
        self.rowLimit = rowLimit
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

    mutating func endRecord() -> Bool {
        rowIndex += 1
        return rowIndex < rowLimit
    }
}
