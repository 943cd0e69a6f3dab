/// Parses one piece of a CSV file, from a row boundary up to where the next piece starts,
/// straight into typed columns: the fast path of `ParallelCSVReader`.
///
/// It reads its piece through a window that is refilled as it goes (so memory does not grow
/// with the file), and it finds fields and parses their values in one pass, with a shortcut
/// for the digits of an integer column. The rules are exactly `CSVTokenizer`'s and
/// `ColumnBuilder`'s. What it does not do is explain problems: at the first thing outside
/// the fast path (anything `CSVReader` would report as an error, or a column that would need
/// its earlier rows read again as text) it gives up, and `CSVReader` reads the file instead.
struct CSVChunkParser {
    /// How reading a piece ended.
    enum Outcome {
        /// Every record starting before the limit was read; the next record (or the end of the
        /// file) starts at `stopOffset`, which is the limit exactly when the piece began and
        /// ended on row boundaries.
        case finished(stopOffset: Int)
        case gaveUp
    }

    private let source: ByteSource
    private let columnCount: Int
    /// The byte between fields (see `Dialect`).
    private let separator: UInt8
    /// The columns read so far (`ParallelCSVReader` takes their values out when joining pieces).
    var columns: [ChunkColumn]
    /// Rows read so far.
    private(set) var rowCount = 0

    /// The window: `window[0..<filled]` holds the file's bytes from `windowStart`.
    private var window: UnsafeMutablePointer<UInt8>
    private var windowCapacity: Int
    private var windowStart = 0
    private var filled = 0
    /// A quoted field's content with `""` made `"`.
    private var unescaped: [UInt8] = []
    /// Records read since the columns last moved their staged values into their arrays.
    private var stagedRecords = 0
    /// The classes of the window's bytes in block `classifiedBlock` (64 bytes from
    /// `64 * classifiedBlock`); -1 when none is classified.
    private var classes = ByteClasses(separators: 0, specials: 0)
    private var classifiedBlock = -1
    /// 64 bytes for classifying the last, partial block of the window.
    private let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    /// Each column's shortcut (see `Shortcut`), kept beside the columns and refreshed whenever
    /// a cell goes the general way (the only place a column's type changes).
    private let shortcuts: UnsafeMutablePointer<UInt8>

    /// Which shortcut a column's cells take, as one bit each. Testing a bit of a byte the
    /// compiler cannot relate to the column's type keeps the choice a chain of predictable
    /// branches: a test of the type itself was turned into a jump table whose indirect jump
    /// was mispredicted often enough to cost a tenth of the time.
    private enum Shortcut {
        static let text: UInt8 = 1
        static let integer: UInt8 = 2
        static let boolean: UInt8 = 4
        static let date: UInt8 = 8
        /// A column the caller does not want: its fields are found, their values not read.
        static let skip: UInt8 = 0x80

        static func of(_ kind: ColumnKind) -> UInt8 {
            switch kind {
            case .text: text
            case .integer: integer
            case .boolean: boolean
            case .date: date
            case .unknown, .decimal: 0
            }
        }
    }

    /// Initialized bytes kept after the window's capacity, so that a cell's first 32 bytes can
    /// be loaded as four words (see `ShortCellIndex.word`) wherever the cell is.
    static let windowPadding = 64

    init(source: ByteSource, columnCount: Int, windowSize: Int, separator: UInt8 = CSVByte.comma) {
        self.source = source
        self.separator = separator
        self.columnCount = columnCount
        columns = (0..<columnCount).map { _ in ChunkColumn() }
        shortcuts = .allocate(capacity: columnCount)
        shortcuts.initialize(repeating: 0, count: columnCount)
        windowCapacity = max(windowSize, 64)
        window = Self.allocateWindow(windowCapacity)
    }

    /// A window of `capacity` bytes plus the padding, every byte initialized.
    private static func allocateWindow(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        let window = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + windowPadding)
        window.initialize(repeating: 0, count: capacity + windowPadding)
        return window
    }

    /// Frees the window; the parser is not used after this.
    mutating func release() {
        shortcuts.deallocate()
        padded.deallocate()
        window.deallocate()
        windowCapacity = 0
    }

    /// Reads records from `start` (a row boundary) while they start before `limit`.
    /// `expectedRows` is how many rows the columns should make room for once their type is known.
    mutating func parse(from start: Int, to limit: Int, maxRows: Int = .max, expectedRows: (Int) -> Int) -> Outcome {
        windowStart = start
        filled = 0
        guard refill(keepingFrom: 0) else { return .gaveUp }
        // The columns are held in a local while reading, so that reading a record can change
        // them and the parser's own state (its window) without overlapping accesses to `self`.
        var columns = self.columns
        self.columns = []
        defer { self.columns = columns }
        var position = 0
        var reserved = false
        while true {
            while position < filled, window[position] == CSVByte.lineFeed || window[position] == CSVByte.carriageReturn {
                position += 1
            }
            let atEnd = windowStart + filled == source.size
            if position == filled {
                if atEnd { break }
                guard !Cancellation.isRequested, refill(keepingFrom: position) else { return .gaveUp }
                position = 0
                continue
            }
            if windowStart + position >= limit || rowCount >= maxRows { break }
            let recordStart = position
            let status = columns.withUnsafeMutableBufferPointer { columns in
                readRecord(columns, &position, atEnd: atEnd)
            }
            switch status {
            case .complete:
                rowCount += 1
                stagedRecords += 1
                if stagedRecords == ChunkColumn.stagingCapacity {
                    flush(&columns)
                    if !reserved {
                        // A first estimate of the piece's rows, from the bytes these took.
                        reserved = true
                        let rows = expectedRows((windowStart + position - start) / rowCount + 1)
                        for index in columns.indices { columns[index].reserve(rows) }
                    }
                }
            case .needsMore:
                let row = rowCount
                for index in columns.indices { columns[index].removeRow(row) }
                guard !Cancellation.isRequested, refill(keepingFrom: recordStart) else { return .gaveUp }
                position = 0
            case .giveUp:
                return .gaveUp
            }
        }
        flush(&columns)
        return .finished(stopOffset: windowStart + position)
    }

    /// From here on, the fields of the columns marked true are found (so the record's shape,
    /// quotes and UTF-8 are checked as before) but their values are not read: those columns
    /// keep only the rows read so far.
    mutating func skip(_ columns: [Bool]) {
        for (column, skipped) in columns.enumerated() where skipped { shortcuts[column] = Shortcut.skip }
    }

    /// Moves every column's staged values into its array (or its target).
    mutating func flush() {
        var columns = self.columns
        self.columns = []
        flush(&columns)
        self.columns = columns
    }

    private mutating func flush(_ columns: inout [ChunkColumn]) {
        for index in columns.indices { columns[index].flush() }
        stagedRecords = 0
    }

    /// Keeps the window's bytes from `keep` on, moved to its start, and reads more after them
    /// (growing the window when one record fills it). False when the file could not be read.
    private mutating func refill(keepingFrom keep: Int) -> Bool {
        let kept = filled - keep
        if keep > 0 && kept > 0 {
            // Safe: both ranges lie in the window; `update(from:)` allows them to overlap.
            window.update(from: window + keep, count: kept)
        }
        windowStart += keep
        filled = kept
        classifiedBlock = -1
        if filled == windowCapacity {
            let larger = Self.allocateWindow(windowCapacity * 2)
            larger.update(from: window, count: filled)
            window.deallocate()
            window = larger
            windowCapacity *= 2
        }
        let count = min(windowCapacity - filled, source.size - (windowStart + filled))
        guard source.read(into: window + filled, count: count, at: windowStart + filled) else { return false }
        filled += count
        return true
    }

    /// How reading one record ended: read whole; cut off by the window's end (it is taken back
    /// and read again after a refill); or at something outside the fast path.
    private enum RecordStatus { case complete, needsMore, giveUp }

    /// Reads the record at `position` into the columns, moving `position` past its line break.
    /// `atEnd`: the window ends where the file does. Every read of `window` below is at an
    /// index checked against `filled` first, or inside a block `classify` has checked.
    ///
    /// Kept whole, though long: it is the fast reader's hot loop, run for every field of every
    /// row, and its speed rests on the scan state (`index`, `base`, `end`) staying in registers
    /// and the shortcuts' branches staying in this order. Split into helpers, that would hang
    /// on the inliner, which a benchmark would have to confirm on each change.
    @inline(__always)
    private mutating func readRecord(_ columns: UnsafeMutableBufferPointer<ChunkColumn>, _ position: inout Int,
                                     atEnd: Bool) -> RecordStatus {
        let base = UnsafePointer(window)
        let end = filled
        let separator = self.separator
        let row = rowCount
        var index = position
        let lastColumn = columnCount - 1
        for column in 0...lastColumn {
            // The field's content is base[contentStart..<contentEnd] (quotes doubled if
            // `hasDoubledQuotes`); `index` ends at the separator or line break after it, or the end.
            let contentStart: Int
            let contentEnd: Int
            var hasDoubledQuotes = false
            if index < end, base[index] == CSVByte.quote {
                index += 1
                contentStart = index
                while true {
                    CSVTokenizer.skipOrdinary(base, end, &index, quoted: true, separator: separator)
                    guard index < end else { return atEnd ? .giveUp : .needsMore }
                    let byte = base[index]
                    if byte == CSVByte.quote {
                        guard index + 1 < end || atEnd else { return .needsMore }
                        if index + 1 < end, base[index + 1] == CSVByte.quote {
                            hasDoubledQuotes = true
                            index += 2
                            continue
                        }
                        break
                    } else if byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                        index += 1
                    } else if byte >= 0x80 {
                        let length = CSVTokenizer.utf8CharacterLength(base, at: index, end: end)
                        if length > 0 { index += length } else { return length < 0 && !atEnd ? .needsMore : .giveUp }
                    } else {
                        return .giveUp  // NUL
                    }
                }
                contentEnd = index
                index += 1
                // After the closing quote: a separator, a line break or the end, as for any field.
                if index < end {
                    let byte = base[index]
                    guard byte == separator || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn else {
                        return .giveUp
                    }
                } else if !atEnd {
                    return .needsMore
                }
            } else {
                contentStart = index
                while true {
                    let block = index >> 6
                    if block != classifiedBlock { classify(block) }
                    let shift = UInt64(index & 63)
                    let toSeparator = (classes.separators >> shift).trailingZeroBitCount
                    let toSpecial = (classes.specials >> shift).trailingZeroBitCount
                    if toSeparator < toSpecial {
                        index += toSeparator
                        break
                    }
                    if toSpecial == 64 {
                        // Nothing but ordinary bytes to the end of the block.
                        index = (block + 1) << 6
                        continue
                    }
                    let special = index + toSpecial
                    if special >= end {
                        // The window's end (the padding after it counts as special).
                        guard atEnd else { return .needsMore }
                        index = end
                        break
                    }
                    guard base[special] >= 0x80 else { return .giveUp }  // a quote inside an unquoted field, or NUL
                    let length = CSVTokenizer.utf8CharacterLength(base, at: special, end: end)
                    guard length > 0 else { return length < 0 && !atEnd ? .needsMore : .giveUp }
                    index = special + length
                }
                contentEnd = index
            }
            let cell = UnsafeBufferPointer(start: base + contentStart, count: contentEnd - contentStart)
            let shortcut = shortcuts[column]
            if shortcut == Shortcut.skip {
                // Not wanted (`skip(_:)`): the field has been found and checked, and that is all.
            } else if hasDoubledQuotes {
                unescaped.removeAll(keepingCapacity: true)
                var cursor = contentStart
                while cursor < contentEnd {
                    unescaped.append(base[cursor])
                    cursor += base[cursor] == CSVByte.quote ? 2 : 1
                }
                guard unescaped.withUnsafeBufferPointer({ columns[column].append($0, row: row) }) else { return .giveUp }
                shortcuts[column] = Shortcut.of(columns[column].kind)
            } else {
                // Shortcuts for the common cells of each type; anything else the general way.
                if shortcut & Shortcut.text != 0 && !cell.isEmpty {
                    columns[column].stage(text: cell)
                } else if shortcut & Shortcut.integer != 0, let value = Self.plainInteger(cell) {
                    columns[column].stage(integer: value)
                } else if shortcut & Shortcut.boolean != 0, let value = Self.plainBoolean(cell) {
                    columns[column].stage(boolean: value)
                } else if shortcut & Shortcut.date != 0, cell.count == 10, columns[column].stage(date: cell) {
                    // staged
                } else {
                    guard columns[column].append(cell, row: row) else { return .giveUp }
                    shortcuts[column] = Shortcut.of(columns[column].kind)
                }
            }
            guard let next = Self.afterField(base, end, index, isLast: column == lastColumn, separator: separator) else {
                return .giveUp
            }
            index = next
        }
        position = index
        return .complete
    }

    /// Classifies the window's bytes `64 * block ..< 64 * block + 64`; bytes past `filled` are
    /// classified as NUL, so a scan stops at the window's end.
    @inline(__always)
    private mutating func classify(_ block: Int) {
        let start = block << 6
        if start + 64 <= filled {
            classes = ByteClasses.of64(window + start, separator: separator)
        } else {
            // Safe: `padded` holds 64 bytes; at most `filled - start` (< 64) are copied into it.
            padded.initialize(repeating: 0, count: 64)
            if filled > start { padded.update(from: window + start, count: filled - start) }
            classes = ByteClasses.of64(padded, separator: separator)
        }
        classifiedBlock = block
    }

    /// Where the next field starts, given the separator or line break (or end) at `index` after
    /// field content: a separator must follow every field but the last, and a line break or the
    /// end must follow the last (otherwise the record has too few or too many fields).
    @inline(__always)
    private static func afterField(_ base: UnsafePointer<UInt8>, _ end: Int, _ index: Int, isLast: Bool,
                                   separator: UInt8) -> Int? {
        guard index < end else { return isLast ? index : nil }
        let byte = base[index]
        if !isLast { return byte == separator ? index + 1 : nil }
        if byte == CSVByte.lineFeed { return index + 1 }
        if byte == CSVByte.carriageReturn {
            // A CRLF's LF cut off by the window's end is skipped as an empty line instead.
            return index + 1 < end && base[index + 1] == CSVByte.lineFeed ? index + 2 : index + 1
        }
        return nil
    }

    /// The shortcut for a yes/no cell in the window: `CellParser.boolean`'s answer for it, or nil
    /// to send it the general way. Each byte is compared as `boolean` compares it, `byte |
    /// 0x20`, all at once and against every word, so nothing branches on the cell's length or
    /// value. The cell's bytes past its end are zero in the word and 0x20 once lowered, as in
    /// the patterns; so are trailing spaces, which is right: the general way trims them off and
    /// reads the same word. (Leading spaces and tabs match nothing and go the general way.)
    @inline(__always)
    static func plainBoolean(_ cell: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard cell.count <= 8 else { return nil }
        let lowered = ShortCellIndex.word(UnsafeRawPointer(cell.baseAddress!), 0, count: cell.count) | 0x2020_2020_2020_2020
        let isTrue = (lowered == 0x2020_2020_2073_6579 ? 1 : 0) | (lowered == 0x2020_2020_6575_7274 ? 1 : 0)  // yes, true
        let isFalse = (lowered == 0x2020_2020_2020_6F6E ? 1 : 0) | (lowered == 0x2020_2065_736C_6166 ? 1 : 0)  // no, false
        return isTrue | isFalse == 0 ? nil : isTrue == 1
    }

    /// The shortcut for an integer cell in the window: plain digits (1 to 18, no leading zero, no
    /// sign or spaces), which cannot overflow. Nil sends the cell the general way, which handles
    /// every other case exactly.
    @inline(__always)
    private static func plainInteger(_ cell: UnsafeBufferPointer<UInt8>) -> Int64? {
        let count = cell.count
        guard count > 0, count <= 18, count == 1 || cell[0] != CSVByte.zero else { return nil }
        if count <= 8 {
            return eightDigits(ShortCellIndex.word(UnsafeRawPointer(cell.baseAddress!), 0, count: count), count: count)
                .map(Int64.init)
        }
        var value: Int64 = 0
        for byte in cell {
            let digit = byte &- CSVByte.zero
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int64(digit)
        }
        return value
    }

    /// The number written by the `count` (1 to 8) bytes of `word`, first byte lowest, zero past
    /// them; nil unless every one is a digit. Eight digits are checked and combined at once,
    /// in three multiplications (after Lemire, "Faster integer parsing").
    @inline(__always)
    static func eightDigits(_ word: UInt64, count: Int) -> UInt64? {
        let cellBytes = UInt64.max &>> UInt64(64 &- 8 &* count)
        let digitsHigh: UInt64 = 0x3030_3030_3030_3030 & cellBytes
        // A digit is 0x30 to 0x39: its high nibble is 3, and still is with 6 added (no byte
        // carries into the next: the first test leaves them all below 0x40).
        guard word & 0xF0F0_F0F0_F0F0_F0F0 == digitsHigh,
              (word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 & cellBytes == digitsHigh else { return nil }
        // The digits moved to the top of an eight-digit number: the bytes below are leading zeros.
        var value = (word & 0x0F0F_0F0F_0F0F_0F0F) &<< UInt64(8 &* (8 &- count))
        value = value &* 10 &+ (value &>> 8)
        value = ((value & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064
            &+ ((value &>> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001) &>> 32
        return value
    }
}
