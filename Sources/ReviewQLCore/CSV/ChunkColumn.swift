/// One column of one piece of a file, as the fast path reads it: the same type rule as
/// `ColumnBuilder` (`ColumnKind`'s), without its second reading (a column that would need one
/// gives up).
///
/// Values are staged in a small buffer and moved into the column's array a block of rows at
/// a time, so that the last record can be taken back if the window ends inside it.
struct ChunkColumn {
    static let stagingCapacity = 1024

    private(set) var kind = ColumnKind.unknown
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
            guard let integer = CellParser.integer(value) else { return widen(value) }
            staging.integers[staged] = integer
        case .decimal:
            guard let decimal = CellParser.decimal(value) else { return widen(value) }
            staging.decimals[staged] = decimal
        case .date:
            switch CellParser.date(value) {
            case .date(let day): staging.dates[staged] = day
            case .impossible:
                if firstImpossibleDateRow == nil { firstImpossibleDateRow = row }
                staging.dates[staged] = TypedCell.impossibleDay
            case .notADate: return widen(value)
            }
        case .boolean:
            guard let boolean = CellParser.boolean(value) else { return widen(value) }
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

    /// The first value chooses the type (`TypedCell`); the rows before it are missing. Text
    /// after blanks would need them read again, and a symbol may stand for a number, so both
    /// give up.
    private mutating func takeFirstType(_ value: UnsafeBufferPointer<UInt8>, _ cell: UnsafeBufferPointer<UInt8>,
                                        row: Int) -> Bool {
        switch TypedCell(trimmed: value) {
        case .integer(let integer):
            kind = .integer
            integers = missingRowsSoFar(placeholder: 0)
            staging.integers[staged] = integer
        case .decimal(let decimal):
            kind = .decimal
            decimals = missingRowsSoFar(placeholder: 0)
            staging.decimals[staged] = decimal
        case .boolean(let boolean):
            kind = .boolean
            booleans = missingRowsSoFar(placeholder: false)
            staging.booleans[staged] = boolean
        case .date(let day):
            kind = .date
            dates = missingRowsSoFar(placeholder: 0)
            staging.dates[staged] = day
        case .impossibleDate:
            kind = .date
            firstImpossibleDateRow = row
            dates = missingRowsSoFar(placeholder: 0)
            staging.dates[staged] = TypedCell.impossibleDay
        case .text:
            // An official statistics symbol may stand in a column of numbers (`ColumnKind`),
            // which only the whole file decides: `CSVReader` reads such a file.
            guard !sawBlank, OfficialSymbol.code(of: value) == nil else { return false }
            kind = .text
            text.appendPlaceholders(rowCount)
            if target == nil { text.reserveCapacity(expectedRows) }
            staging.codes[staged] = text.code(for: cell)
        }
        staged += 1
        rowCount += 1
        return true
    }

    /// The column's array of its new type: the rows so far are missing, so they hold
    /// `placeholder`; with room for the rows expected, unless the column writes to a target.
    private func missingRowsSoFar<Element: BitwiseCopyable>(placeholder: Element) -> [Element] {
        var values = Array(repeating: placeholder, count: rowCount)
        if target == nil { values.reserveLargeCapacity(expectedRows) }
        return values
    }

    /// A typed column meets a non-blank cell that does not fit it, which widens it (see
    /// `ColumnKind`): an integer column meeting a decimal becomes a decimal column, its
    /// integers so far converted; anything else would make it text, which needs the rows before
    /// read again, so the fast path gives up. At most once a column, so it is kept out of line,
    /// leaving `append` (which every decimal cell goes through) small enough to inline.
    @inline(never)
    private mutating func widen(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let typed = TypedCell(trimmed: value)
        guard kind.widened(toHold: typed.kind) == .decimal, case .decimal(let decimal) = typed else { return false }
        flush()
        leaveTarget()
        decimals = integers.map(Double.init)
        integers = []
        kind = .decimal
        if target == nil { decimals.reserveLargeCapacity(expectedRows) }
        staging.decimals[staged] = decimal
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
        let kind: ColumnKind
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
