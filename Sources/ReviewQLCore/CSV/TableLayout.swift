/// Where the table is in a CSV file's text: the header row (`TableShape.find` over the rows'
/// shapes, or the user's `header line N`), the rows it holds, and the lines left out, with the
/// header's names made usable (`HeaderNames`).
struct TableLayout {
    /// The rows' shapes (every row of the text; empty when the text is read as it is).
    var shapes = RowShapes()
    /// The table in `shapes`; nil when the text is read as it is, from its first row.
    var extent: TableExtent?
    var header: HeaderNames
    /// The physical line of the header row, and of the text's first row.
    var headerLine: Int
    var firstLine: Int

    /// The offset of a separator ending the header line that no row of the table has (the
    /// header has one unnamed field more than every row): left out of the prepared text.
    var headerTrailingSeparator: Int?

    /// Whether the layout was found from the text's first and last blocks only; the rows between
    /// were not shaped, so a header repeated among them is caught after reading
    /// (`mayRepeatHeader`), and the text is then shaped whole.
    var byBlocks = false

    /// The lines left out, for the notes.
    var skipped: [SkippedLines] { extent?.skipped ?? [] }

    /// The layout of UTF-8 `text` read from `start` with `separator`. A text of up to two blocks
    /// is shaped whole; a longer one by its first and last blocks when those show a plain table
    /// (header on the first row, the table to the end), else whole, as it is when `whole`.
    /// (Shaping a 1 MB text whole was over half the time of loading it.)
    static func find(_ text: UnsafeBufferPointer<UInt8>, from start: Int, separator: UInt8,
                     headerLine: Int?, whole: Bool = false) throws(CSVProblem) -> TableLayout {
        let isSmall = text.count <= 2 * CSVReader.sniffBlock
        if !isSmall, !whole, headerLine == nil, let header = plain(
            first: UnsafeBufferPointer(rebasing: text.prefix(CSVReader.sniffBlock)),
            last: UnsafeBufferPointer(rebasing: text.suffix(CSVReader.sniffBlock)), separator: separator) {
            var layout = TableLayout(header: header.names, headerLine: header.line, firstLine: header.line)
            layout.byBlocks = true
            return layout
        }
        let found = RowShapes.of(text, offset: start, separator: separator, isWhole: true)
        guard let shapes = found, !shapes.rows.isEmpty else {
            if let headerLine {
                // A problem in the text, perhaps in the lines above the header: the lines before
                // the one asked for are left out as they are, unread.
                guard found == nil, let offset = lineStart(headerLine, in: text, from: start) else {
                    throw .shape(.noSuchHeaderLine(headerLine, lastLine: 0))
                }
                return try findFromLine(headerLine, at: offset, text, separator: separator)
            }
            // A problem in the text (the reader reports it where it is), or no rows at all.
            let names = HeaderNames(CSVReader.rawHeader(text, at: start, separator: separator))
            return TableLayout(header: names, headerLine: 1, firstLine: 1)
        }
        let extent: TableExtent
        do {
            extent = try TableShape.find(shapes.rows, headerLine: headerLine)
        } catch {
            throw .shape(error)
        }
        var raw = CSVReader.rawHeader(text, at: shapes.starts[extent.header], separator: separator)
        let trailing = trailingSeparator(text, shapes, extent, raw, separator: separator)
        if trailing != nil { raw.removeLast() }
        var layout = TableLayout(shapes: shapes, extent: extent, header: HeaderNames(raw),
                                 headerLine: shapes.rows[extent.header].line, firstLine: shapes.rows[0].line)
        layout.headerTrailingSeparator = trailing
        return layout
    }

    /// The offset of the separator that ends the header line when the header's last name is
    /// blank and every row of the table has one field fewer (`id,name,` over `1,x`), else nil.
    private static func trailingSeparator(_ text: UnsafeBufferPointer<UInt8>, _ shapes: RowShapes, _ extent: TableExtent,
                                          _ raw: [String], separator: UInt8) -> Int? {
        let header = extent.header
        let rows = (header + 1..<extent.end).filter { !extent.dropped.contains($0) }
        guard raw.count >= 2, raw.last == "", !rows.isEmpty,
              rows.allSatisfy({ shapes.rows[$0].fieldCount == raw.count - 1 }) else { return nil }
        var index = header + 1 < shapes.starts.count ? shapes.starts[header + 1] : text.count
        while index > shapes.starts[header], [CSVByte.lineFeed, CSVByte.carriageReturn, CSVByte.space, CSVByte.tab]
            .contains(text[index - 1]) { index -= 1 }
        return index > shapes.starts[header] && text[index - 1] == separator ? index - 1 : nil
    }

    /// The table of `text` when the user says its header is on `headerLine`, which starts at
    /// `offset`, and the text above cannot be read as CSV (a quote left open in a title).
    private static func findFromLine(_ headerLine: Int, at offset: Int, _ text: UnsafeBufferPointer<UInt8>,
                                     separator: UInt8) throws(CSVProblem) -> TableLayout {
        let above = String(decoding: text[..<offset].prefix { $0 != CSVByte.lineFeed && $0 != CSVByte.carriageReturn },
                           as: UTF8.self)
        let skipped = SkippedLines(why: .aboveHeader, firstLine: 1, lastLine: headerLine - 1, rowCount: headerLine - 1,
                                   firstText: String(above.prefix(40)))
        var shapes = RowShapes.of(text, offset: offset, separator: separator, isWhole: true, line: headerLine) ?? RowShapes()
        var extent = TableExtent(header: 0, end: 1, dropped: [], skipped: [])
        if !shapes.rows.isEmpty {
            do {
                extent = try TableShape.find(shapes.rows, headerLine: headerLine)
            } catch {
                throw .shape(error)
            }
        } else {
            // Still a problem below: read from the header line, and the reader reports it.
            shapes.rows = [RowShape(line: headerLine, fieldCount: 0, filled: 0, lastFilled: 0, fingerprint: 0, firstText: "")]
            shapes.starts = [offset]
            extent.end = 1
            shapes.readsToEnd = true
        }
        extent.skipped.insert(skipped, at: 0)
        let names = HeaderNames(CSVReader.rawHeader(text, at: offset, separator: separator))
        return TableLayout(shapes: shapes, extent: extent, header: names, headerLine: headerLine, firstLine: 1)
    }

    /// The offset where physical line `line` starts (line breaks counted as they come, quotes
    /// not heeded), or nil past the end.
    private static func lineStart(_ line: Int, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var current = 1
        var index = start
        while current < line {
            guard let next = text[index...].firstIndex(where: { $0 == CSVByte.lineFeed || $0 == CSVByte.carriageReturn }) else {
                return nil
            }
            index = next + (text[next] == CSVByte.carriageReturn && next + 1 < text.count && text[next + 1] == CSVByte.lineFeed ? 2 : 1)
            current += 1
        }
        return index < text.count ? index : nil
    }

    private init(shapes: RowShapes = RowShapes(), extent: TableExtent? = nil, header: HeaderNames,
                 headerLine: Int, firstLine: Int) {
        self.shapes = shapes
        self.extent = extent
        self.header = header
        self.headerLine = headerLine
        self.firstLine = firstLine
    }

    /// `text` with only the table's rows left: every other row emptied to its line breaks (so
    /// line numbers stay the file's) and the text cut after the table's last row. Nil when the
    /// table is the whole text, to be read as it is.
    func prepared(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let extent, extent.header > 0 || extent.end < shapes.rows.count || !extent.dropped.isEmpty
                || headerTrailingSeparator != nil
                || shapes.starts[0] > CSVReader.utf8MarkLength(text) && skipped.contains(where: { $0.why == .aboveHeader })
        else { return nil }
        let dropped = Set(extent.dropped)
        var prepared: [UInt8] = []
        prepared.reserveCapacity(text.count)
        for byte in text[CSVReader.utf8MarkLength(text)..<shapes.starts[0]]
        where byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
            prepared.append(byte)
        }
        for row in 0..<extent.end {
            let isLast = row + 1 == shapes.starts.count || shapes.readsToEnd && row + 1 == extent.end
            let region = shapes.starts[row]..<(isLast ? text.count : shapes.starts[row + 1])
            if row < extent.header || dropped.contains(row) {
                for byte in text[region] where byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                    prepared.append(byte)
                }
            } else if let cut = headerTrailingSeparator, region.contains(cut) {
                prepared.append(contentsOf: text[region.lowerBound..<cut])
                prepared.append(contentsOf: text[(cut + 1)..<region.upperBound])
            } else {
                prepared.append(contentsOf: text[region])
            }
        }
        return prepared
    }

    /// The header of a large text whose first block (`first`) and last block (`last`) show a
    /// plain table: the header on the first row, nothing skipped or dropped in the first
    /// block, and every row of the last block as wide as the header, not empty and not the
    /// header again. Nil otherwise (the text is then shaped whole).
    static func plain(first: UnsafeBufferPointer<UInt8>, last: UnsafeBufferPointer<UInt8>,
                      separator: UInt8) -> (names: HeaderNames, line: Int)? {
        guard let shapes = RowShapes.of(first, offset: CSVReader.utf8MarkLength(first), separator: separator,
                                        isWhole: false),
              shapes.rows.count > 1, let extent = try? TableShape.find(shapes.rows),
              extent.header == 0, extent.end == shapes.rows.count, extent.skipped.isEmpty else { return nil }
        let header = shapes.rows[0]
        // The last block from its first whole line (a guess: a quoted field with a line break
        // across the cut makes odd shapes, and the text is then shaped whole, which is right).
        guard let cut = last.firstIndex(where: { $0 == CSVByte.lineFeed || $0 == CSVByte.carriageReturn }),
              let tail = RowShapes.of(last, offset: cut + 1, separator: separator, isWhole: true),
              tail.rows.allSatisfy({ $0.fieldCount == header.fieldCount && $0.filled > 0 && !$0.repeats(header) })
        else { return nil }
        let names = HeaderNames(CSVReader.rawHeader(first, at: shapes.starts[0], separator: separator))
        return (names, header.line)
    }

    /// Whether a table read by the fast path may hold its header again among its rows: every
    /// column is text and holds its own name as a value. The file is then shaped whole.
    static func mayRepeatHeader(_ table: Table) -> Bool {
        !table.columns.isEmpty && table.columns.allSatisfy { column in
            column.type == .text && column.dictionary?.contains(column.name) == true
        }
    }

    /// Rows whose first cell starts with `#` but that have the table's fields are read as data
    /// (`TableShape` rule 5: `#1,Norfolk,3` is a row). When most of the first column does not
    /// start with `#`, such rows may be comments written with as many separators as the rows
    /// (`# checked, by the board, in 2009, x`), and every count would hold them: they are named
    /// in a note. Only the first column's distinct values are looked at, then its codes once.
    static func hashRows(_ table: Table) -> HashRows? {
        guard let column = table.columns.first, column.name == table.allColumnNames.first,
              case .text(let codes, let dictionary) = column.storage else { return nil }
        let hashed = dictionary.map { $0.hasPrefix("#") && $0.count > 1 }
        guard hashed.contains(true) else { return nil }
        var rows = 0
        var firstRow: Int?
        for row in 0..<codes.count where hashed[codes[row]] && !column.isMissing(row) {
            rows += 1
            if firstRow == nil { firstRow = row }
        }
        guard rows * 2 < table.rowCount, let firstRow else { return nil }
        let first = dictionary[codes[firstRow]]
        return HashRows(count: rows, firstRow: firstRow + 1, firstText: String(first.prefix(40)))
    }
}

/// Rows starting with `#` read as data, for the note (`TableLayout.hashRows`).
public struct HashRows: Equatable, Sendable {
    public var count: Int
    /// The first such row, counting the table's rows from 1.
    public var firstRow: Int
    public var firstText: String
}
