/// One column's cells as they are read, with its type decided along the way.
///
/// A column starts with no type and takes the type of its first non-blank cell (see
/// `CellParser` for the rules). Later cells are parsed as that type; a cell that does not fit
/// widens the column: integer to decimal by converting the values already held, anything else
/// to text. Text needs the exact original cells, which the typed values no longer hold, so the
/// rows before that point are read again from the file in a second, shorter pass
/// (`rowsToReread`); the rows after it are encoded as text straight away. The common file,
/// whose columns keep their first type, is read once.
///
/// Cells arrive a block of rows at a time (`BlockColumn`), and each type has its own tight loop
/// over the block, so the type is looked at once per block rather than once per cell.
struct ColumnBuilder {
    enum Kind { case unknown, integer, decimal, date, boolean, text }

    private(set) var kind = Kind.unknown
    /// Rows appended so far.
    private(set) var rowCount = 0
    private var integers: [Int64] = []
    private var decimals: [Double] = []
    private var dates: [Int32] = []
    private var booleans: [Bool] = []
    /// For a text column: the rows from `rowsToReread` on.
    private var text = TextColumnBuilder()
    private var missing = GrowableBitmap()
    /// Whether a cell of only spaces was seen while the column had no type: missing for a
    /// typed column, but its exact text if the column ends up as text.
    private var sawBlank = false
    /// For a text column: the rows, from the first, that were read as another type and must be
    /// read again as text.
    private(set) var rowsToReread = 0
    /// The first row holding a date-shaped value that names no real day; an error if the
    /// column is still a date column at the end.
    private(set) var firstImpossibleDateRow: Int?

    /// The first row of a decimal column whose value is too large for a `Double` (read as
    /// infinity, see `CellParser.decimal`); an error, since the column holds numbers.
    var firstOutOfRangeRow: Int? {
        kind == .decimal ? decimals.firstIndex { !$0.isFinite } : nil
    }

    /// Stands in the date array for an impossible date until the end of the file decides
    /// whether it is an error. Real day numbers (years 1 to 9999) are far from it.
    private static let impossibleDate = Int32.min

    /// Adds the cells of one block of rows.
    mutating func append(_ cells: BlockColumn) {
        var row = 0
        while row < cells.rowCount {
            switch kind {
            case .unknown:
                row = appendUntyped(cells, from: row)
            case .integer:
                let (values, end) = parseRun(cells, from: row, placeholder: 0, CellParser.integer)
                integers.append(contentsOf: values)
                row = end
                if row < cells.rowCount {
                    widenInteger(cells[row])
                    row += 1
                }
            case .decimal:
                let (values, end) = parseRun(cells, from: row, placeholder: 0, CellParser.decimal)
                decimals.append(contentsOf: values)
                row = end
                if row < cells.rowCount {
                    becomeText(startingWith: cells[row])
                    row += 1
                }
            case .date:
                let firstRow = rowCount
                let (values, end) = parseRun(cells, from: row, placeholder: 0) { cell -> Int32? in
                    switch CellParser.date(cell) {
                    case .date(let day): return day
                    case .impossible: return Self.impossibleDate
                    case .notADate: return nil
                    }
                }
                if firstImpossibleDateRow == nil, let index = values.firstIndex(of: Self.impossibleDate) {
                    firstImpossibleDateRow = firstRow + index
                }
                dates.append(contentsOf: values)
                row = end
                if row < cells.rowCount {
                    becomeText(startingWith: cells[row])
                    row += 1
                }
            case .boolean:
                let (values, end) = parseRun(cells, from: row, placeholder: false, CellParser.boolean)
                booleans.append(contentsOf: values)
                row = end
                if row < cells.rowCount {
                    becomeText(startingWith: cells[row])
                    row += 1
                }
            case .text:
                appendText(cells, from: row)
                row = cells.rowCount
            }
        }
    }

    /// Parses cells from `start` for as long as `parse` accepts them, marking empty and blank
    /// cells missing with `placeholder` in their place. Returns the values and the row it
    /// stopped at: the end of the block, or the first cell that does not fit.
    @inline(__always)
    private mutating func parseRun<Element>(_ cells: BlockColumn, from start: Int, placeholder: Element,
                                          _ parse: (UnsafeBufferPointer<UInt8>) -> Element?) -> (values: [Element], end: Int) {
        var end = start
        let firstRow = rowCount
        // Filling uninitialised capacity skips the uniqueness and capacity checks of `append`,
        // which cost more than the parsing on short cells. Elements are initialised in order,
        // one per row passed, and `initializedCount` is exactly how many.
        let values = [Element](unsafeUninitializedCapacity: cells.rowCount - start) { buffer, initializedCount in
            while end < cells.rowCount {
                let value = CellParser.trimmed(cells[end])
                if value.isEmpty {
                    missing.set(firstRow + end - start)
                    buffer.initializeElement(at: end - start, to: placeholder)
                } else if let parsed = parse(value) {
                    buffer.initializeElement(at: end - start, to: parsed)
                } else {
                    break
                }
                end += 1
            }
            initializedCount = end - start
        }
        rowCount += end - start
        return (values, end)
    }

    /// Appends cells while the column has no type: missing ones, until the first value, which
    /// chooses the type. Returns the row after the last one appended.
    private mutating func appendUntyped(_ cells: BlockColumn, from start: Int) -> Int {
        var row = start
        while row < cells.rowCount {
            let cell = cells[row]
            let value = CellParser.trimmed(cell)
            row += 1
            if value.isEmpty {
                if !cell.isEmpty { sawBlank = true }
                missing.set(rowCount)
                rowCount += 1
            } else {
                takeFirstType(value, cell)
                break
            }
        }
        return row
    }

    /// Chooses the column's type from its first non-blank cell; the rows before it are missing.
    private mutating func takeFirstType(_ value: UnsafeBufferPointer<UInt8>, _ cell: UnsafeBufferPointer<UInt8>) {
        if let integer = CellParser.integer(value) {
            kind = .integer
            integers = Array(repeating: 0, count: rowCount)
            integers.append(integer)
        } else if let decimal = CellParser.decimal(value) {
            kind = .decimal
            decimals = Array(repeating: 0, count: rowCount)
            decimals.append(decimal)
        } else if let boolean = CellParser.boolean(value) {
            kind = .boolean
            booleans = Array(repeating: false, count: rowCount)
            booleans.append(boolean)
        } else {
            switch CellParser.date(value) {
            case .date(let day):
                kind = .date
                dates = Array(repeating: 0, count: rowCount)
                dates.append(day)
            case .impossible:
                kind = .date
                firstImpossibleDateRow = rowCount
                dates = Array(repeating: 0, count: rowCount)
                dates.append(Self.impossibleDate)
            case .notADate:
                becomeText(startingWith: cell)
                return
            }
        }
        rowCount += 1
    }

    /// An integer column meets a cell that is not an integer: a decimal makes it a decimal
    /// column, anything else text.
    private mutating func widenInteger(_ cell: UnsafeBufferPointer<UInt8>) {
        guard let decimal = CellParser.decimal(CellParser.trimmed(cell)) else {
            becomeText(startingWith: cell)
            return
        }
        decimals = integers.map(Double.init)
        integers = []
        kind = .decimal
        decimals.append(decimal)
        rowCount += 1
    }

    /// Turns the column into text from the current row, which holds `cell`, on. Earlier rows
    /// that held values (or blanks) are marked to be read again.
    private mutating func becomeText(startingWith cell: UnsafeBufferPointer<UInt8>) {
        let hadValues = kind != .unknown || sawBlank
        integers = []
        decimals = []
        dates = []
        booleans = []
        firstImpossibleDateRow = nil
        kind = .text
        if hadValues {
            rowsToReread = rowCount
        } else {
            // Every earlier row is empty, so already missing: give them placeholder codes.
            text.appendPlaceholders(rowCount)
        }
        text.append(cell)
        rowCount += 1
    }

    /// Encodes the cells from `start` to the end of the block as text, exactly as written.
    private mutating func appendText(_ cells: BlockColumn, from start: Int) {
        let firstRow = rowCount
        // As in `parseRun`, filling the codes in place is much cheaper than appending them.
        let codes = [UInt32](unsafeUninitializedCapacity: cells.rowCount - start) { buffer, initializedCount in
            for row in start..<cells.rowCount {
                let cell = cells[row]
                if cell.isEmpty {
                    missing.set(firstRow + row - start)
                    buffer.initializeElement(at: row - start, to: 0)
                } else {
                    buffer.initializeElement(at: row - start, to: text.code(for: cell))
                }
            }
            initializedCount = cells.rowCount - start
        }
        text.appendCodes(codes)
        rowCount += cells.rowCount - start
    }

    /// Makes room for `rowCount` rows in all, so the values array grows once rather than by
    /// doubling, which would touch (and the kernel zero) about twice the memory.
    mutating func reserveCapacity(_ rowCount: Int) {
        switch kind {
        case .unknown: break
        case .integer: integers.reserveLargeCapacity(rowCount)
        case .decimal: decimals.reserveLargeCapacity(rowCount)
        case .date: dates.reserveLargeCapacity(rowCount)
        case .boolean: booleans.reserveLargeCapacity(rowCount)
        case .text: text.reserveCapacity(rowCount - rowsToReread)
        }
    }

    /// Ends the first pass: a column that never had a value becomes text.
    mutating func finishFirstPass() {
        guard kind == .unknown else { return }
        kind = .text
        if sawBlank { rowsToReread = rowCount } else { text.appendPlaceholders(rowCount) }
    }

    /// Takes the text of the first `rowsToReread` rows, read again in the second pass, and puts
    /// it before the rows already encoded.
    mutating func prependRereadText(_ prefix: TextColumnBuilder, missingRows prefixMissing: GrowableBitmap) {
        precondition(kind == .text && prefix.rowCount == rowsToReread)
        for row in 0..<rowsToReread { missing.assign(row, prefixMissing.contains(row)) }
        text = prefix.appending(text)
        rowsToReread = 0
    }

    /// The finished column.
    func column(named name: String) -> Column {
        precondition(rowsToReread == 0, "the reread rows have not been put back")
        let storage: Column.Storage
        switch kind {
        case .integer: storage = .integer(IntegerValues(integers))
        case .decimal: storage = .decimal(decimals)
        case .date: storage = .date(dates)
        case .boolean: storage = .boolean(booleans)
        case .unknown, .text: storage = .text(codes: DictionaryCodes(words: text.codes, distinct: text.dictionary.count), dictionary: text.dictionary)
        }
        return Column(name: name, storage: storage, missing: missing.bitmap(count: rowCount))
    }
}

/// One column of a block of rows held by the tokenizer: the cells a `ColumnBuilder` reads.
struct BlockColumn {
    /// The file's bytes.
    let file: UnsafePointer<UInt8>
    /// Unescaped copies of quoted fields that held doubled quotes.
    let unescaped: UnsafePointer<UInt8>?
    /// Each field's content, row by row, as `[start, end)` offsets into `file`, or for a field
    /// in `unescaped`, the bitwise complements of offsets into that.
    let starts: UnsafePointer<Int>
    let ends: UnsafePointer<Int>
    let columnCount: Int
    let column: Int
    let rowCount: Int

    /// The cell in `row` (0-based within the block). The offsets were taken by `BlockSink`
    /// from ranges inside `file` or `unescaped`, so the buffer returned lies inside one of them.
    @inline(__always)
    subscript(row: Int) -> UnsafeBufferPointer<UInt8> {
        let slot = row * columnCount + column
        let start = starts[slot]
        let end = ends[slot]
        if start >= 0 { return UnsafeBufferPointer(start: file + start, count: end - start) }
        return UnsafeBufferPointer(start: unescaped.map { $0 + ~start }, count: ~end - ~start)
    }
}

/// A bitmap that grows as rows are read; `Bitmap` has a fixed size, known only at the end.
struct GrowableBitmap {
    private var words: [UInt64] = []

    @inline(__always)
    mutating func set(_ index: Int) {
        let word = index >> 6
        while words.count <= word { words.append(0) }
        words[word] |= 1 << UInt64(index & 63)
    }

    mutating func assign(_ index: Int, _ value: Bool) {
        if value { set(index); return }
        let word = index >> 6
        if word < words.count { words[word] &= ~(1 << UInt64(index & 63)) }
    }

    func contains(_ index: Int) -> Bool {
        let word = index >> 6
        return word < words.count && words[word] & (1 << UInt64(index & 63)) != 0
    }

    var hasSetBits: Bool { words.contains { $0 != 0 } }

    /// Calls `body` with the index of every set bit, in order.
    func forEachSetBit(_ body: (Int) -> Void) {
        for (wordIndex, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                body(wordIndex << 6 + remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
    }

    /// The bits as a `Bitmap` of `count` rows, or nil when none is set.
    func bitmap(count: Int) -> Bitmap? {
        guard words.contains(where: { $0 != 0 }) else { return nil }
        var bitmap = Bitmap(count: count)
        for (wordIndex, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                bitmap[wordIndex << 6 + remaining.trailingZeroBitCount] = true
                remaining &= remaining - 1
            }
        }
        return bitmap
    }
}

/// Dictionary-encodes a text column: each row gets the code of its value, and each distinct
/// value is stored once, in order of first appearance.
///
/// Cells are looked up by their bytes in an open-addressing hash table, so a row whose value
/// was seen before costs a hash and a compare; a `String` is made only for a new value.
struct TextColumnBuilder {
    private(set) var codes: [UInt32] = []
    private(set) var dictionary: [String] = []
    /// The distinct values' bytes, back to back; value `code` is at
    /// `entryStarts[code]..<entryStarts[code + 1]`.
    private var storage: [UInt8] = []
    private var entryStarts: [Int] = [0]
    private var entryHashes: [UInt64] = []
    /// Hash table slots: 0 for empty, otherwise a code plus one.
    private var slots: [UInt32] = Array(repeating: 0, count: 64)

    var rowCount: Int { codes.count }

    /// Missing rows take code 0; the column's missing bitmap says they hold nothing.
    mutating func appendPlaceholders(_ count: Int) {
        codes.append(contentsOf: repeatElement(0, count: count))
    }

    @inline(__always)
    mutating func append(_ cell: UnsafeBufferPointer<UInt8>) {
        codes.append(code(for: cell))
    }

    mutating func reserveCapacity(_ rowCount: Int) {
        codes.reserveLargeCapacity(rowCount)
    }

    /// Appends codes already looked up with `code(for:)`.
    mutating func appendCodes(_ newCodes: [UInt32]) {
        codes.append(contentsOf: newCodes)
    }

    mutating func appendCodes(_ newCodes: UnsafeBufferPointer<UInt32>) {
        codes.append(contentsOf: newCodes)
    }

    /// Takes the codes out, leaving the dictionary (the fast reader writes them elsewhere).
    mutating func removeCodes() -> [UInt32] {
        defer { codes = [] }
        return codes
    }

    mutating func prependCodes(_ earlier: [UInt32]) {
        codes = earlier + codes
    }

    /// The code of `value`, adding it to the dictionary when it is new.
    @inline(__always)
    mutating func code(for value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = Self.hash(value)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let code = Int(entry - 1)
            if entryHashes[code] == hash && storedValueEquals(code, value) { return UInt32(code) }
            slot = (slot + 1) & mask
        }
        let code = UInt32(dictionary.count)
        slots[slot] = code + 1
        storage.append(contentsOf: value)
        entryStarts.append(storage.count)
        entryHashes.append(hash)
        dictionary.append(String(decoding: value, as: UTF8.self))
        if dictionary.count * 2 > slots.count { growSlots() }
        return code
    }

    @inline(__always)
    private func storedValueEquals(_ code: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = entryStarts[code]
        guard entryStarts[code + 1] - start == value.count else { return false }
        guard let valueStart = value.baseAddress else { return true }
        return storage.withUnsafeBufferPointer { stored in
            Self.bytesEqual(UnsafeRawPointer(stored.baseAddress! + start), UnsafeRawPointer(valueStart), value.count)
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal, compared a word at a time.
    @inline(__always)
    private static func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        // Safe: each load reads `a[offset..<offset + width]` and the same of `b` with
        // `offset + width <= count`; loads may overlap, which is harmless when comparing.
        if count >= 8 {
            var offset = 0
            while offset + 8 <= count {
                if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                offset += 8
            }
            return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        return shortWord(a, count) == shortWord(b, count)
    }

    /// Up to 7 bytes read into one word with at most three loads (overlapping when that is
    /// shorter); equal byte strings of the same length give equal words. Every load lies within
    /// `bytes[0..<count]`.
    @inline(__always)
    private static func shortWord(_ bytes: UnsafeRawPointer, _ count: Int) -> UInt64 {
        if count >= 4 {
            return UInt64(bytes.loadUnaligned(as: UInt32.self))
                | UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
        }
        if count == 0 { return 0 }
        return UInt64(bytes.load(as: UInt8.self))
            | UInt64(bytes.load(fromByteOffset: count >> 1, as: UInt8.self)) << 8
            | UInt64(bytes.load(fromByteOffset: count - 1, as: UInt8.self)) << 16
    }

    private mutating func growSlots() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (code, hash) in entryHashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(code + 1)
        }
    }

    /// These rows followed by `later`'s, with `later`'s codes renumbered into this dictionary
    /// (its values new here are added in their order of first appearance).
    func appending(_ later: TextColumnBuilder) -> TextColumnBuilder {
        var merged = self
        var renumbered: [UInt32] = []
        renumbered.reserveCapacity(later.dictionary.count)
        later.storage.withUnsafeBufferPointer { laterStorage in
            for code in later.dictionary.indices {
                let range = later.entryStarts[code]..<later.entryStarts[code + 1]
                renumbered.append(merged.code(for: UnsafeBufferPointer(rebasing: laterStorage[range])))
            }
        }
        merged.codes.reserveCapacity(codes.count + later.codes.count)
        if renumbered.isEmpty {
            merged.codes.append(contentsOf: later.codes)  // only placeholders
        } else {
            for code in later.codes { merged.codes.append(renumbered[Int(code)]) }
        }
        return merged
    }

    /// Adds `later`'s values to this dictionary (those new here in their order in `later`)
    /// and returns, for each of `later`'s codes, its code here; nil when they are the same.
    mutating func mergeDictionary(_ later: TextColumnBuilder) -> [UInt32]? {
        var renumbered: [UInt32] = []
        renumbered.reserveCapacity(later.dictionary.count)
        var isIdentity = true
        later.storage.withUnsafeBufferPointer { laterStorage in
            for code in later.dictionary.indices {
                let range = later.entryStarts[code]..<later.entryStarts[code + 1]
                let mapped = self.code(for: UnsafeBufferPointer(rebasing: laterStorage[range]))
                if mapped != UInt32(code) { isIdentity = false }
                renumbered.append(mapped)
            }
        }
        return isIdentity ? nil : renumbered
    }

    /// A fast, well-mixed 64-bit hash of a byte string, read a word at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var last: UInt64
        if count >= 8 {
            // Safe: each load reads bytes[offset..<offset + 8] with offset + 8 <= count.
            var offset = 0
            while offset + 8 < count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 32
                offset += 8
            }
            last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            last = shortWord(raw, count)
        }
        hash = (hash ^ last) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }
}
