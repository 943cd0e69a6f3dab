#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes read at an offset: a file, by descriptor, or a buffer in memory (`FileSnapshot`).
///
/// `@unchecked Sendable` is safe: `pread` may be called from several threads on one descriptor,
/// and the memory case is only read. Whoever makes a source keeps the descriptor open, or the
/// buffer alive, until every reader has finished.
struct ByteSource: @unchecked Sendable {
    private enum Storage {
        case file(Int32)
        case memory(UnsafeRawBufferPointer)
    }

    private let storage: Storage
    /// The size when reading started; nothing past it is read.
    let size: Int

    init(descriptor: Int32, size: Int) {
        storage = .file(descriptor)
        self.size = size
    }

    init(memory: UnsafeRawBufferPointer) {
        storage = .memory(memory)
        size = memory.count
    }

    /// Reads `count` bytes at `offset` (which with `count` stays within `size`) into `buffer`;
    /// false when they could not all be read (the file shrank, or a read failed).
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) -> Bool {
        precondition(offset >= 0 && count >= 0 && offset + count <= size)
        switch storage {
        case .memory(let memory):
            // Safe: the range lies within `memory` by the precondition.
            UnsafeMutableRawPointer(buffer).copyMemory(from: memory.baseAddress! + offset, byteCount: count)
            return true
        case .file(let descriptor):
            var done = 0
            while done < count {
                let n = pread(descriptor, buffer + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }
}

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
    enum Outcome {
        /// Every record starting before the limit was read; the next record (or the end of the
        /// file) starts at `stopOffset`, which is the limit exactly when the piece began and
        /// ended on row boundaries.
        case finished(stopOffset: Int)
        case gaveUp
    }

    private let source: ByteSource
    private let columnCount: Int
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

        static func of(_ kind: ChunkColumn.Kind) -> UInt8 {
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

    init(source: ByteSource, columnCount: Int, windowSize: Int) {
        self.source = source
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
                guard refill(keepingFrom: position) else { return .gaveUp }
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
                guard refill(keepingFrom: recordStart) else { return .gaveUp }
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

    private enum RecordStatus { case complete, needsMore, giveUp }

    /// Reads the record at `position` into the columns, moving `position` past its line break.
    /// `atEnd`: the window ends where the file does. Every read of `window` below is at an
    /// index checked against `filled` first, or inside a block `classify` has checked.
    @inline(__always)
    private mutating func readRecord(_ columns: UnsafeMutableBufferPointer<ChunkColumn>, _ position: inout Int,
                                     atEnd: Bool) -> RecordStatus {
        let base = UnsafePointer(window)
        let end = filled
        let row = rowCount
        var index = position
        let lastColumn = columnCount - 1
        for column in 0...lastColumn {
            // The field's content is base[contentStart..<contentEnd] (quotes doubled if
            // `hasDoubledQuotes`); `index` ends at the comma or line break after it, or the end.
            let contentStart: Int
            let contentEnd: Int
            var hasDoubledQuotes = false
            if index < end, base[index] == CSVByte.quote {
                index += 1
                contentStart = index
                while true {
                    CSVTokenizer.skipOrdinary(base, end, &index, quoted: true)
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
                // After the closing quote: a comma, a line break or the end, as for any field.
                if index < end {
                    let byte = base[index]
                    guard byte == CSVByte.comma || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn else {
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
            guard let next = Self.afterField(base, end, index, isLast: column == lastColumn) else { return .giveUp }
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
            classes = ByteClasses.of64(window + start)
        } else {
            // Safe: `padded` holds 64 bytes; at most `filled - start` (< 64) are copied into it.
            padded.initialize(repeating: 0, count: 64)
            if filled > start { padded.update(from: window + start, count: filled - start) }
            classes = ByteClasses.of64(padded)
        }
        classifiedBlock = block
    }

    /// Where the next field starts, given the comma or line break (or end) at `index` after
    /// field content: a comma must follow every field but the last, and a line break or the
    /// end must follow the last (otherwise the record has too few or too many fields).
    @inline(__always)
    private static func afterField(_ base: UnsafePointer<UInt8>, _ end: Int, _ index: Int, isLast: Bool) -> Int? {
        guard index < end else { return isLast ? index : nil }
        let byte = base[index]
        if !isLast { return byte == CSVByte.comma ? index + 1 : nil }
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

/// One column of one piece of a file, as the fast path reads it: the same type rules as
/// `ColumnBuilder`, without its second reading (a column that would need one gives up).
///
/// Values are staged in a small buffer and moved into the column's array a block of rows at
/// a time, so that the last record can be taken back if the window ends inside it.
struct ChunkColumn {
    typealias Kind = ColumnBuilder.Kind
    static let stagingCapacity = 1024

    private(set) var kind = Kind.unknown
    private(set) var rowCount = 0
    /// A cell of only spaces was seen while the column had no type (see `ColumnBuilder`).
    private(set) var sawBlank = false
    private(set) var firstImpossibleDateRow: Int?
    private(set) var missing = GrowableBitmap()
    private(set) var integers: [Int64] = []
    private(set) var decimals: [Double] = []
    private(set) var dates: [Int32] = []
    private(set) var booleans: [Bool] = []
    private(set) var text = TextColumnBuilder()
    private var staging = Staging()
    private var staged = 0
    /// Short text cells' codes, by their bytes.
    private var shortCells = ShortCellIndex()
    /// `CellParser.monthStartsPointer`, held here so the hot loop need not check it is made.
    private let monthStarts = CellParser.monthStartsPointer
    /// Rows to make room for when the type becomes known; 0 until estimated.
    private var expectedRows = 0

    /// Stands in for an impossible date, as in `ColumnBuilder`.
    private static let impossibleDate = Int32.min

    @inline(__always)
    mutating func stage(integer value: Int64) {
        staging.integers[staged] = value
        staged &+= 1
        rowCount &+= 1
    }

    @inline(__always)
    mutating func stage(boolean value: Bool) {
        staging.booleans[staged] = value
        staged &+= 1
        rowCount &+= 1
    }

    /// Adds a non-empty cell in the window to a text column. Short cells are looked up in
    /// `shortCells` first, which answers a repeated value in one probe.
    @inline(__always)
    mutating func stage(text cell: UnsafeBufferPointer<UInt8>) {
        let code: UInt32
        if cell.count <= ShortCellIndex.maximumLength {
            let key = ShortCellIndex.key(cell)
            code = shortCells.find(key, length: cell.count) ?? addShortCell(cell, key)
        } else {
            code = longCellCode(cell)
        }
        staging.codes[staged] = code
        staged &+= 1
        rowCount &+= 1
    }

    /// The code of a short cell not yet in `shortCells`, which is added. Kept out of line so the
    /// common case above stays small enough to inline.
    @inline(never)
    private mutating func addShortCell(_ cell: UnsafeBufferPointer<UInt8>, _ key: ShortCellIndex.Key) -> UInt32 {
        let code = text.code(for: cell)
        shortCells.insert(key, length: cell.count, value: code)
        return code
    }

    @inline(never)
    private mutating func longCellCode(_ cell: UnsafeBufferPointer<UInt8>) -> UInt32 {
        text.code(for: cell)
    }

    /// Adds a 10-byte cell to a date column when `CellParser.plainDate` reads it; false
    /// (nothing added) for anything else. A 10-byte cell is a date only with digits at both
    /// ends, so trimming it first would change nothing.
    @inline(__always)
    mutating func stage(date cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let day = CellParser.plainDate(cell, monthStarts: monthStarts) else { return false }
        staging.dates[staged] = day
        staged &+= 1
        rowCount &+= 1
        return true
    }

    /// Adds a cell (its content, unquoted) as row `row`; false when the fast path gives up.
    @inline(__always)
    mutating func append(_ cell: UnsafeBufferPointer<UInt8>, row: Int) -> Bool {
        if kind == .text {
            if cell.isEmpty {
                missing.set(row)
                staging.codes[staged] = 0
            } else {
                staging.codes[staged] = text.code(for: cell)
            }
            staged += 1
            rowCount += 1
            return true
        }
        let value = CellParser.trimmed(cell)
        if value.isEmpty {
            missing.set(row)
            switch kind {
            case .unknown: if !cell.isEmpty { sawBlank = true }
            case .integer: staging.integers[staged] = 0; staged += 1
            case .decimal: staging.decimals[staged] = 0; staged += 1
            case .date: staging.dates[staged] = 0; staged += 1
            case .boolean: staging.booleans[staged] = false; staged += 1
            case .text: break
            }
            rowCount += 1
            return true
        }
        switch kind {
        case .integer:
            if let integer = CellParser.integer(value) {
                staging.integers[staged] = integer
            } else if let decimal = CellParser.decimal(value) {
                // As in `ColumnBuilder.widenInteger`: the integers so far become decimals.
                flush()
                leaveTarget()
                decimals = integers.map(Double.init)
                integers = []
                kind = .decimal
                if target == nil { decimals.reserveLargeCapacity(expectedRows) }
                staging.decimals[staged] = decimal
            } else {
                return false
            }
        case .decimal:
            guard let decimal = CellParser.decimal(value) else { return false }
            staging.decimals[staged] = decimal
        case .date:
            switch CellParser.date(value) {
            case .date(let day): staging.dates[staged] = day
            case .impossible:
                if firstImpossibleDateRow == nil { firstImpossibleDateRow = row }
                staging.dates[staged] = Self.impossibleDate
            case .notADate: return false
            }
        case .boolean:
            guard let boolean = CellParser.boolean(value) else { return false }
            staging.booleans[staged] = boolean
        case .unknown:
            return takeFirstType(value, cell, row: row)
        case .text:
            preconditionFailure("handled above")
        }
        staged += 1
        rowCount += 1
        return true
    }

    /// The first value chooses the type, as in `ColumnBuilder.takeFirstType`; the rows before it
    /// are missing. Text after blanks would need them read again, so that gives up.
    private mutating func takeFirstType(_ value: UnsafeBufferPointer<UInt8>, _ cell: UnsafeBufferPointer<UInt8>,
                                        row: Int) -> Bool {
        if let integer = CellParser.integer(value) {
            kind = .integer
            integers = Array(repeating: 0, count: rowCount)
            if target == nil { integers.reserveLargeCapacity(expectedRows) }
            staging.integers[staged] = integer
        } else if let decimal = CellParser.decimal(value) {
            kind = .decimal
            decimals = Array(repeating: 0, count: rowCount)
            if target == nil { decimals.reserveLargeCapacity(expectedRows) }
            staging.decimals[staged] = decimal
        } else if let boolean = CellParser.boolean(value) {
            kind = .boolean
            booleans = Array(repeating: false, count: rowCount)
            if target == nil { booleans.reserveLargeCapacity(expectedRows) }
            staging.booleans[staged] = boolean
        } else {
            switch CellParser.date(value) {
            case .date(let day):
                kind = .date
                dates = Array(repeating: 0, count: rowCount)
                if target == nil { dates.reserveLargeCapacity(expectedRows) }
                staging.dates[staged] = day
            case .impossible:
                kind = .date
                firstImpossibleDateRow = row
                dates = Array(repeating: 0, count: rowCount)
                if target == nil { dates.reserveLargeCapacity(expectedRows) }
                staging.dates[staged] = Self.impossibleDate
            case .notADate:
                guard !sawBlank else { return false }
                kind = .text
                text.appendPlaceholders(rowCount)
                if target == nil { text.reserveCapacity(expectedRows) }
                staging.codes[staged] = text.code(for: cell)
            }
        }
        staged += 1
        rowCount += 1
        return true
    }

    /// Takes back row `row` if this column has it (the record it belongs to was cut off by the
    /// window's end and will be read again).
    mutating func removeRow(_ row: Int) {
        guard rowCount > row else { return }
        precondition(rowCount == row + 1)
        missing.assign(row, false)
        rowCount -= 1
        if kind != .unknown { staged -= 1 }
    }

    /// Where this piece writes a column of the whole file that is filled in place: room for
    /// `capacity` values of type `kind` from `base` (memory bound to that kind's element type).
    struct Target {
        let base: UnsafeMutableRawPointer
        let kind: Kind
        let capacity: Int
        /// The bytes of each value there. For a text column's codes, 4, or 1 when the sample's
        /// dictionary was small; for integers, 8, or 4 when the sample's values were small. A
        /// piece leaves the target when a value does not fit (its dictionary outgrows a byte, an
        /// integer outgrows four).
        var width: Int

        /// Whether a text column's codes, all below `distinct`, can be written here.
        func holdsCodes(distinct: Int) -> Bool { width == 4 || distinct <= DictionaryCodes.byteLimit }

        /// Whether `own` and the `count` integers at `staged` can be written here.
        func holdsIntegers(_ own: [Int64], _ staged: UnsafeMutablePointer<Int64>, _ count: Int) -> Bool {
            guard width == 4 else { return true }
            // A value fits 32 bits when adding 2^31 leaves it below 2^32; the high halves are
            // or-ed together without a branch, so the loop runs as a few vector instructions.
            var high: UInt64 = 0
            for index in 0..<count { high |= UInt64(bitPattern: staged[index] &+ 0x8000_0000) >> 32 }
            return high == 0 && own.allSatisfy(IntegerValues.fitsNarrow)
        }
    }

    /// While set, values go to the target rather than the column's own arrays.
    private(set) var target: Target?
    /// Values written at the target so far.
    private(set) var targetCount = 0

    mutating func attach(_ target: Target) {
        precondition(self.target == nil && targetCount == 0)
        self.target = target
    }

    /// Rows held in the column's own array of its kind.
    private var ownCount: Int {
        switch kind {
        case .unknown: 0
        case .integer: integers.count
        case .decimal: decimals.count
        case .date: dates.count
        case .boolean: booleans.count
        case .text: text.codes.count
        }
    }

    /// Moves the staged values into the column's array, or to its target while the target is
    /// of the column's kind and has room (rows already in the column's own array go first).
    mutating func flush() {
        if let target {
            if kind == target.kind && targetCount + ownCount + staged <= target.capacity
                && (kind != .text || target.holdsCodes(distinct: text.dictionary.count))
                && (kind != .integer || target.holdsIntegers(integers, staging.integers, staged)) {
                let count = targetCount, stagedCount = staged
                switch kind {
                case .integer where target.width == 4:
                    targetCount = Self.writeNarrowing(&integers, staging.integers, stagedCount, to: target, after: count,
                                                      as: Int32.self)
                case .integer: targetCount = Self.write(&integers, staging.integers, stagedCount, to: target, after: count)
                case .decimal: targetCount = Self.write(&decimals, staging.decimals, stagedCount, to: target, after: count)
                case .date: targetCount = Self.write(&dates, staging.dates, stagedCount, to: target, after: count)
                case .boolean: targetCount = Self.write(&booleans, staging.booleans, stagedCount, to: target, after: count)
                case .text where target.width == 1:
                    var codes = text.removeCodes()
                    targetCount = Self.writeNarrowing(&codes, staging.codes, stagedCount, to: target, after: count,
                                                      as: UInt8.self)
                case .text:
                    var codes = text.removeCodes()
                    targetCount = Self.write(&codes, staging.codes, stagedCount, to: target, after: count)
                case .unknown: preconditionFailure("a target has a type")
                }
                staged = 0
                return
            }
            // An untyped column stages nothing, and can still become the target's type.
            if kind == .unknown { return }
            leaveTarget()
        }
        guard staged > 0 else { return }
        switch kind {
        case .integer: integers.append(contentsOf: UnsafeBufferPointer(start: staging.integers, count: staged))
        case .decimal: decimals.append(contentsOf: UnsafeBufferPointer(start: staging.decimals, count: staged))
        case .date: dates.append(contentsOf: UnsafeBufferPointer(start: staging.dates, count: staged))
        case .boolean: booleans.append(contentsOf: UnsafeBufferPointer(start: staging.booleans, count: staged))
        case .text: text.appendCodes(UnsafeBufferPointer(start: staging.codes, count: staged))
        case .unknown: preconditionFailure("an untyped column stages nothing")
        }
        staged = 0
    }

    /// Writes `own` (emptied) and then `staged` values from `stage` at the target, after the
    /// `count` values there; returns the new count. The caller checked there is room:
    /// `count + own.count + staged <= capacity`.
    @inline(__always)
    private static func write<Element>(_ own: inout [Element], _ stage: UnsafeMutablePointer<Element>, _ staged: Int,
                                       to target: Target, after count: Int) -> Int {
        let values = target.base.assumingMemoryBound(to: Element.self)
        var count = count
        if !own.isEmpty {
            own.withUnsafeBufferPointer { (values + count).initialize(from: $0.baseAddress!, count: $0.count) }
            count += own.count
            own = []
        }
        (values + count).initialize(from: stage, count: staged)
        return count + staged
    }

    /// As `write`, for a target of narrower values (one-byte codes, four-byte integers): the
    /// caller checked that every value fits, so narrowing keeps each exactly.
    private static func writeNarrowing<Wide: FixedWidthInteger, Narrow: FixedWidthInteger>(
        _ own: inout [Wide], _ stage: UnsafeMutablePointer<Wide>, _ staged: Int, to target: Target, after count: Int,
        as narrow: Narrow.Type
    ) -> Int {
        let values = target.base.assumingMemoryBound(to: Narrow.self)
        var count = count
        for value in own {
            values[count] = Narrow(truncatingIfNeeded: value)
            count += 1
        }
        own = []
        for index in 0..<staged { values[count + index] = Narrow(truncatingIfNeeded: stage[index]) }
        return count + staged
    }

    /// Stops writing to the target: the rows written there move into the column's own array,
    /// in front of any it holds. Called before the column changes type.
    mutating func leaveTarget() {
        guard let target else { return }
        self.target = nil
        defer { targetCount = 0 }
        guard targetCount > 0 else { return }
        precondition(kind == target.kind, "only values of the target's type are written there")
        func rows<Element>(_ type: Element.Type) -> [Element] {
            Array(UnsafeBufferPointer(start: target.base.assumingMemoryBound(to: Element.self), count: targetCount))
        }
        switch kind {
        case .integer: integers = (target.width == 4 ? rows(Int32.self).map(Int64.init) : rows(Int64.self)) + integers
        case .decimal: decimals = rows(Double.self) + decimals
        case .date: dates = rows(Int32.self) + dates
        case .boolean: booleans = rows(Bool.self) + booleans
        case .text: text.prependCodes(target.width == 1 ? rows(UInt8.self).map(UInt32.init) : rows(UInt32.self))
        case .unknown: break
        }
    }

    /// The column's rows in this piece, wherever they are: at the target or in its own array.
    func withValues<Element, Result>(_ own: [Element], _ body: (UnsafeBufferPointer<Element>) -> Result) -> Result {
        if let target, kind == target.kind {
            return body(UnsafeBufferPointer(start: target.base.assumingMemoryBound(to: Element.self), count: targetCount))
        }
        return own.withUnsafeBufferPointer(body)
    }

    /// Makes room for `rows` rows in all, now or once the type is known (not needed while
    /// writing to a target).
    mutating func reserve(_ rows: Int) {
        expectedRows = rows
        guard target == nil else { return }
        switch kind {
        case .unknown: break
        case .integer: integers.reserveLargeCapacity(rows)
        case .decimal: decimals.reserveLargeCapacity(rows)
        case .date: dates.reserveLargeCapacity(rows)
        case .boolean: booleans.reserveLargeCapacity(rows)
        case .text: text.reserveCapacity(rows)
        }
    }

    /// The column's rows in this piece, as `withValues` gives them.
    func withIntegers<Result>(_ body: (UnsafeBufferPointer<Int64>) -> Result) -> Result {
        if let target, kind == target.kind, target.width == 4 {
            let narrow = UnsafeBufferPointer(start: target.base.assumingMemoryBound(to: Int32.self), count: targetCount)
            return narrow.map(Int64.init).withUnsafeBufferPointer(body)
        }
        return withValues(integers, body)
    }
    func withDecimals<Result>(_ body: (UnsafeBufferPointer<Double>) -> Result) -> Result { withValues(decimals, body) }
    func withDates<Result>(_ body: (UnsafeBufferPointer<Int32>) -> Result) -> Result { withValues(dates, body) }
    func withBooleans<Result>(_ body: (UnsafeBufferPointer<Bool>) -> Result) -> Result { withValues(booleans, body) }
    func withCodes<Result>(_ body: (UnsafeBufferPointer<UInt32>) -> Result) -> Result {
        if let target, kind == target.kind, target.width == 1 {
            let bytes = UnsafeBufferPointer(start: target.base.assumingMemoryBound(to: UInt8.self), count: targetCount)
            return bytes.map(UInt32.init).withUnsafeBufferPointer(body)
        }
        return withValues(text.codes, body)
    }

    /// The staging buffers, one per type, each `stagingCapacity` values long and freed with
    /// their owner. A record stages at most one value per column between flushes, and the
    /// parser flushes every `stagingCapacity` records, so indexes stay within capacity.
    private final class StagingStorage {
        let integers = UnsafeMutablePointer<Int64>.allocate(capacity: ChunkColumn.stagingCapacity)
        let decimals = UnsafeMutablePointer<Double>.allocate(capacity: ChunkColumn.stagingCapacity)
        let dates = UnsafeMutablePointer<Int32>.allocate(capacity: ChunkColumn.stagingCapacity)
        let booleans = UnsafeMutablePointer<Bool>.allocate(capacity: ChunkColumn.stagingCapacity)
        let codes = UnsafeMutablePointer<UInt32>.allocate(capacity: ChunkColumn.stagingCapacity)

        deinit {
            integers.deallocate()
            decimals.deallocate()
            dates.deallocate()
            booleans.deallocate()
            codes.deallocate()
        }
    }

    /// The staging pointers, held directly so the hot loop does not go through the class.
    private struct Staging {
        private let storage = StagingStorage()
        let integers: UnsafeMutablePointer<Int64>
        let decimals: UnsafeMutablePointer<Double>
        let dates: UnsafeMutablePointer<Int32>
        let booleans: UnsafeMutablePointer<Bool>
        let codes: UnsafeMutablePointer<UInt32>

        init() {
            integers = storage.integers
            decimals = storage.decimals
            dates = storage.dates
            booleans = storage.booleans
            codes = storage.codes
        }
    }
}

/// A hash table from short cells (up to 32 bytes, held inline as four words) to a 32-bit
/// value, a text column's code. A repeated cell costs one hash and one probe, without
/// following a pointer to compare bytes.
struct ShortCellIndex {
    static let maximumLength = 32
    /// Past this many entries, new cells are no longer added (they are still answered the
    /// general way), which bounds the table's memory.
    private static let maximumCount = 1 << 16

    /// A cell's bytes as four little-endian words, zero past its end.
    struct Key: Equatable {
        var words: (UInt64, UInt64, UInt64, UInt64)

        static func == (a: Key, b: Key) -> Bool {
            // All four compared without stopping early: one branch, not four.
            ((a.words.0 ^ b.words.0) | (a.words.1 ^ b.words.1) | (a.words.2 ^ b.words.2) | (a.words.3 ^ b.words.3)) == 0
        }
    }

    private struct Entry {
        var key = Key(words: (0, 0, 0, 0))
        /// The cell's length (1 to 32) in the high half and the value in the low half; 0 for
        /// an empty slot.
        var tag: UInt64 = 0
    }

    private var entries = [Entry](repeating: Entry(), count: 256)
    private var count = 0

    /// Word `index` (0 to 3) of a cell of `count` bytes at `raw`: its bytes `8 * index ..<
    /// 8 * index + 8`, zero past the cell's end.
    ///
    /// Reads 8 bytes at `raw + 8 * index`, up to 32 bytes from the cell's start: safe because
    /// every cell handed to it lies in the parser's window, which keeps
    /// `CSVChunkParser.windowPadding` (64) initialized bytes after its capacity.
    @inline(__always)
    static func word(_ raw: UnsafeRawPointer, _ index: Int, count: Int) -> UInt64 {
        let value = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 &* index, as: UInt64.self))
        // The bytes of the cell in this word: 0 to 8.
        let bytes = min(max(count &- 8 &* index, 0), 8)
        // For 1 to 8 bytes, a shift of 56 down to 0 keeps them; for none, nothing is kept.
        return bytes == 0 ? 0 : value & (UInt64.max &>> UInt64(64 &- 8 &* bytes))
    }

    /// The key of a cell of up to `maximumLength` bytes in the window.
    @inline(__always)
    static func key(_ cell: UnsafeBufferPointer<UInt8>) -> Key {
        let raw = UnsafeRawPointer(cell.baseAddress!)
        let count = cell.count
        return Key(words: (word(raw, 0, count: count), word(raw, 1, count: count),
                           word(raw, 2, count: count), word(raw, 3, count: count)))
    }

    @inline(__always)
    private func slot(_ key: Key, _ length: Int) -> Int {
        // Rotations keep the words' bytes apart before the one multiply mixes them.
        @inline(__always) func rotated(_ word: UInt64, _ bits: UInt64) -> UInt64 { word << bits | word >> (64 - bits) }
        let folded = key.words.0 ^ rotated(key.words.1, 19) ^ rotated(key.words.2, 37) ^ rotated(key.words.3, 53)
            ^ UInt64(truncatingIfNeeded: length)
        return Int(truncatingIfNeeded: (folded &* 0xFF51_AFD7_ED55_8CCD) >> 32) & (entries.count - 1)
    }

    @inline(__always)
    func find(_ key: Key, length: Int) -> UInt32? {
        var index = slot(key, length)
        let mask = entries.count - 1
        return entries.withUnsafeBufferPointer { entries in
            while true {
                let entry = entries[index]
                if entry.tag == 0 { return nil }
                if entry.key == key && Int(entry.tag >> 32) == length {
                    return UInt32(truncatingIfNeeded: entry.tag)
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Adds a cell not yet in the table (or does nothing once the table is full).
    mutating func insert(_ key: Key, length: Int, value: UInt32) {
        guard count < Self.maximumCount else { return }
        if (count + 1) * 2 > entries.count { grow() }
        var index = slot(key, length)
        while entries[index].tag != 0 { index = (index + 1) & (entries.count - 1) }
        entries[index] = Entry(key: key, tag: UInt64(length) << 32 | UInt64(value))
        count += 1
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(), count: old.count * 2)
        for entry in old where entry.tag != 0 {
            var index = slot(entry.key, Int(entry.tag >> 32))
            while entries[index].tag != 0 { index = (index + 1) & (entries.count - 1) }
            entries[index] = entry
        }
    }
}
