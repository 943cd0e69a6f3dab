/// The shape of each row of CSV text (`RowShape`, for `TableShape.find`), with where each row
/// starts in the bytes, so the rows outside the table can be left out before reading.
struct RowShapes {
    var rows: [RowShape] = []
    /// The byte offset where each row starts (its first field).
    var starts: [Int] = []
    /// The last row stands for the rest of the text (the shapes stopped at a problem there).
    var readsToEnd = false

    /// The shapes of the rows of `bytes` from `offset`, split by `separator`, up to `limit`
    /// rows. `isWhole`: the bytes are the whole text; otherwise they are a block cut from it,
    /// whose last row may be cut short and is left out. Nil when the text has a problem (a
    /// quote left open, invalid UTF-8) before the block's last row: the reader reports it.
    static func of(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int, separator: UInt8, isWhole: Bool,
                   line: Int = 1, limit: Int = .max) -> RowShapes? {
        var tokenizer = CSVTokenizer(bytes: bytes, offset: offset, separator: separator, line: line)
        var sink = ShapeSink(bytes: bytes, limit: limit)
        do {
            try tokenizer.readRecords(into: &sink)
        } catch {
            // A block's cut may fall inside a quoted field; anything else is the reader's to report.
            guard !isWhole, sink.shapes.rows.count > 1 else { return nil }
            sink.shapes.rows.removeLast()
            sink.shapes.starts.removeLast()
            return sink.shapes
        }
        if !isWhole, sink.shapes.rows.count > 1, sink.shapes.rows.count < limit {
            sink.shapes.rows.removeLast()
            sink.shapes.starts.removeLast()
        }
        return sink.shapes
    }
}

/// Builds a `RowShape` from each record the tokenizer reads.
private struct ShapeSink: CSVFieldSink {
    let bytes: UnsafeBufferPointer<UInt8>
    let limit: Int
    var shapes = RowShapes()
    /// Whether the row's first field was written as something (quotes, spaces): a row of one
    /// such field is a value (a missing one, or spaces) in a one-column file, not an empty line.
    var firstFieldWritten = false
    var current = Self.empty
    var start = 0
    static let empty = RowShape(line: 0, fieldCount: 0, filled: 0, lastFilled: 0, fingerprint: fnvOffset, firstText: "")

    /// FNV-1a, as `RowShape.fingerprint(of:)` hashes a sheet's cells.
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0100_0000_01b3

    init(bytes: UnsafeBufferPointer<UInt8>, limit: Int) {
        self.bytes = bytes
        self.limit = limit
    }

    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position) {
        if index == 0 {
            current.line = position.line
            start = position.offset
            if !shapes.rows.isEmpty, followsEmptyLine(position.offset) {
                // The tokenizer passes over empty lines; the table's end may be at one.
                shapes.rows.append(RowShape(line: position.line - 1, fieldCount: 0, filled: 0, lastFilled: 0,
                                            fingerprint: Self.fnvOffset, firstText: ""))
                shapes.starts.append(position.offset)
            }
            firstFieldWritten = !content.isEmpty || (position.offset < bytes.count && bytes[position.offset] == CSVByte.quote)
        }
        current.fieldCount = index + 1
        let trimmed = CellParser.trimmed(content)
        var hash = current.fingerprint
        for byte in trimmed { hash = (hash ^ UInt64(byte)) &* Self.fnvPrime }
        current.fingerprint = (hash ^ 0x1F) &* Self.fnvPrime
        guard !trimmed.isEmpty else { return }
        current.filled += 1
        current.lastFilled = index + 1
        if let number = CellParser.decimal(trimmed) ?? Self.writtenNumber(trimmed) {
            current.numericCells += 1
            if number == number.rounded(), (1900...2100).contains(number) { current.yearCells += 1 }
        }
        if current.filled == 1 {
            // At most 160 bytes hold the first 40 characters (a character cut at byte 160 lies
            // past them); a cell of 40 bytes or fewer is decoded once and kept as it is.
            let text = String(decoding: UnsafeBufferPointer(rebasing: trimmed.prefix(160)), as: UTF8.self)
            current.firstText = trimmed.count <= 40 ? text : String(text.prefix(40))
        }
    }

    /// A number as people write it (`1,234.50`, `£5`, `34%`), tried only after the plain form
    /// fails and only when the cell starts as such a number can: `WrittenForms` decides.
    static func writtenNumber(_ trimmed: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let first = trimmed.first,
              first == UInt8(ascii: "-") || first == 0xC2 || (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first)
        else { return nil }
        return WrittenForms.number(Substring(String(decoding: trimmed, as: UTF8.self)))?.value
    }

    /// Whether an empty line comes just before the row starting at `offset`: two line breaks
    /// (LF, CR or CRLF each) before it with nothing between.
    func followsEmptyLine(_ offset: Int) -> Bool {
        var index = offset - 1
        var breaks = 0
        while index >= 0, breaks < 2 {
            switch bytes[index] {
            case CSVByte.lineFeed:
                breaks += 1
                if index > 0, bytes[index - 1] == CSVByte.carriageReturn { index -= 1 }
            case CSVByte.carriageReturn: breaks += 1
            default: return false
            }
            index -= 1
        }
        return breaks >= 2
    }

    mutating func endRecord() -> Bool {
        if current.fieldCount == 1, current.filled == 0, firstFieldWritten {
            current.filled = 1
            current.lastFilled = 1
        }
        shapes.rows.append(current)
        shapes.starts.append(start)
        current = Self.empty
        return shapes.rows.count < limit
    }
}
