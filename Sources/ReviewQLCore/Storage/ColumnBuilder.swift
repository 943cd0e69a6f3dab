/// One column's cells as they are read, with its type decided along the way.
///
/// A column starts with no type and takes the type of its first non-blank cell (see
/// `CellParser` for the rules). Each later cell is parsed as that type; a cell that does not fit
/// widens the column: integer to decimal by converting the values already held, anything else
/// to text. Text needs the exact original cells, which the typed values no longer hold, so the
/// rows before that point are read again from the file in a second, shorter pass
/// (`rowsToReread`); the rows after it are encoded as text straight away. The common file,
/// whose columns keep their first type, is read once.
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
    private(set) var text = TextColumnBuilder()
    private(set) var missing = GrowableBitmap()
    /// Whether a cell of only spaces was seen while the column had no type: missing for a
    /// typed column, but its exact text if the column ends up as text.
    private var sawBlank = false
    /// For a text column: the rows, from the first, that were read as another type and must be
    /// read again as text.
    private(set) var rowsToReread = 0
    /// Whether a cell of a date's shape named no real day (reported if the column stays a date).
    private(set) var sawImpossibleDate = false

    /// What appending a cell found that the caller should know about.
    enum Finding { case none, firstImpossibleDate(reason: String) }

    /// Adds the next row's cell: its bytes, already unquoted.
    @inline(__always)
    mutating func append(_ cell: UnsafeBufferPointer<UInt8>) -> Finding {
        defer { rowCount += 1 }
        if cell.isEmpty {
            missing.set(rowCount)
            appendPlaceholder()
            return .none
        }
        if kind == .text {
            text.append(cell)
            return .none
        }
        let value = CellParser.trimmed(cell)
        if value.isEmpty {
            if kind == .unknown { sawBlank = true }
            missing.set(rowCount)
            appendPlaceholder()
            return .none
        }
        switch kind {
        case .integer:
            if let integer = CellParser.integer(value) {
                integers.append(integer)
            } else if let decimal = CellParser.decimal(value) {
                decimals = integers.map(Double.init)
                integers = []
                kind = .decimal
                decimals.append(decimal)
            } else {
                becomeText(startingWith: cell)
            }
        case .decimal:
            if let decimal = CellParser.decimal(value) { decimals.append(decimal) } else { becomeText(startingWith: cell) }
        case .date:
            switch CellParser.date(value) {
            case .date(let day): dates.append(day)
            case .impossible(let reason): return noteImpossibleDate(reason)
            case .notADate: becomeText(startingWith: cell)
            }
        case .boolean:
            if let boolean = CellParser.boolean(value) { booleans.append(boolean) } else { becomeText(startingWith: cell) }
        case .unknown:
            return takeFirstType(value, cell)
        case .text:
            break
        }
        return .none
    }

    /// Chooses the column's type from its first non-blank cell; earlier rows are all missing.
    private mutating func takeFirstType(_ value: UnsafeBufferPointer<UInt8>, _ cell: UnsafeBufferPointer<UInt8>) -> Finding {
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
            case .impossible(let reason):
                kind = .date
                dates = Array(repeating: 0, count: rowCount)
                return noteImpossibleDate(reason)
            case .notADate:
                becomeText(startingWith: cell)
            }
        }
        return .none
    }

    private mutating func noteImpossibleDate(_ reason: String) -> Finding {
        dates.append(0)
        if sawImpossibleDate { return .none }
        sawImpossibleDate = true
        return .firstImpossibleDate(reason: reason)
    }

    /// Turns the column into text from the current row on; earlier rows that held values (or
    /// blanks) are marked to be read again.
    private mutating func becomeText(startingWith cell: UnsafeBufferPointer<UInt8>) {
        let hadValues = kind != .unknown || sawBlank
        integers = []
        decimals = []
        dates = []
        booleans = []
        sawImpossibleDate = false
        kind = .text
        if hadValues {
            rowsToReread = rowCount
        } else {
            // Every earlier row is empty, so already missing: give them placeholder codes.
            text.appendPlaceholders(rowCount)
        }
        text.append(cell)
    }

    @inline(__always)
    private mutating func appendPlaceholder() {
        switch kind {
        case .unknown: break
        case .integer: integers.append(0)
        case .decimal: decimals.append(0)
        case .date: dates.append(0)
        case .boolean: booleans.append(false)
        case .text: text.appendPlaceholders(1)
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
        case .integer: storage = .integer(integers)
        case .decimal: storage = .decimal(decimals)
        case .date: storage = .date(dates)
        case .boolean: storage = .boolean(booleans)
        case .unknown, .text: storage = .text(codes: text.codes, dictionary: text.dictionary)
        }
        return Column(name: name, storage: storage, missing: missing.bitmap(count: rowCount))
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
    /// The distinct values' bytes, back to back; entry `code` is at `entryStarts[code]`.
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
        let count = entryStarts[code + 1] - start
        guard count == value.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            for index in 0..<count where stored[start + index] != value[index] { return false }
            return true
        }
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

    /// A fast, well-mixed 64-bit hash of a byte string, read eight bytes at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        // Safe: every load reads bytes[offset..<offset + 8], inside the buffer by the loop bound.
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }
}
