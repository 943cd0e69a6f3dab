/// Fast ways through the evaluator for large tables: a condition or group key that depends on
/// one text or yes/no column is worked out once per distinct value (per dictionary code), not
/// once per row, and rows are handled 64 at a time as the bits of a word.
///
/// Every answer per code comes from the same `CompiledExpressions` the general path uses, run
/// on a small table that holds each distinct value of the column once (and a missing value),
/// so the fast paths give exactly what the general one gives.

/// The rows a filter keeps.
struct RowSet {
    let rowCount: Int
    /// Bit `row % 64` of word `row / 64` is set for each row kept; nil when every row is.
    let words: [UInt64]?
    /// How many rows are kept.
    let count: Int

    static func all(_ rowCount: Int) -> RowSet { RowSet(rowCount: rowCount, words: nil, count: rowCount) }

    /// The rows kept, in order.
    var indices: [Int] {
        guard let words else { return Array(0..<rowCount) }
        var rows: [Int] = []
        rows.reserveCapacity(count)
        for (index, word) in words.enumerated() {
            var remaining = word
            while remaining != 0 {
                rows.append(index << 6 + remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
        return rows
    }

    /// Calls `body` with each 64-row block's first row and the bits of the rows kept in it.
    @inline(__always)
    func forEachBlock(_ body: (_ firstRow: Int, _ kept: UInt64) throws(Diagnostic) -> Void) throws(Diagnostic) {
        if let words {
            for (index, word) in words.enumerated() where word != 0 {
                if index & 1023 == 0 { try Cancellation.check() }
                try body(index << 6, word)
            }
        } else {
            var first = 0
            while first < rowCount {
                if first & 0xFFFF == 0 { try Cancellation.check() }
                let count = min(64, rowCount - first)
                try body(first, count == 64 ? ~0 : (1 << UInt64(count)) - 1)
                first += 64
            }
        }
    }
}

/// A text or yes/no column read as small integer codes: a text row's dictionary code, 0 or 1
/// for no or yes, and `missingCode` (one past the others) for a missing cell.
struct CodeColumn {
    private enum Source {
        case text([UInt32])
        case boolean([Bool])
    }

    private let source: Source
    private let missing: Bitmap?
    let missingCode: Int
    /// The small table: row `code` holds the value with that code, the last row a missing value.
    let valuesTable: Table

    /// The column `index` of `table` as codes, or nil when it is neither text nor yes/no.
    init?(_ table: Table, _ index: Int) {
        let column = table.columns[index]
        let values: Column
        switch column.storage {
        case .text(let codes, let dictionary):
            source = .text(codes)
            missingCode = dictionary.count
            values = Column(name: column.name,
                            storage: .text(codes: (0..<UInt32(dictionary.count)).map { $0 } + [0], dictionary: dictionary),
                            missing: Self.lastRowMissing(dictionary.count + 1), scale: column.scale)
        case .boolean(let booleans):
            source = .boolean(booleans)
            missingCode = 2
            values = Column(name: column.name, storage: .boolean([false, true, false]),
                            missing: Self.lastRowMissing(3), scale: column.scale)
        default:
            return nil
        }
        missing = column.missing
        // Only column `index` is read by expressions on this column alone; the others stay as
        // they are, unread.
        var columns = table.columns
        columns[index] = values
        valuesTable = Table(name: table.name, columns: columns, rowCount: missingCode + 1)
    }

    private static func lastRowMissing(_ count: Int) -> Bitmap {
        var bitmap = Bitmap(count: count)
        bitmap[count - 1] = true
        return bitmap
    }

    /// The codes of rows `first ..< first + count` (count ≤ 64), into `codes`.
    @inline(__always)
    func codes(_ first: Int, _ count: Int, into codes: UnsafeMutablePointer<Int32>) {
        switch source {
        case .text(let values):
            values.withUnsafeBufferPointer { values in
                for offset in 0..<count { codes[offset] = Int32(truncatingIfNeeded: values[first + offset]) }
            }
        case .boolean(let values):
            values.withUnsafeBufferPointer { values in
                for offset in 0..<count { codes[offset] = values[first + offset] ? 1 : 0 }
            }
        }
        if let missing {
            let word = Self.bits(missing, first, count)
            var remaining = word
            while remaining != 0 {
                codes[remaining.trailingZeroBitCount] = Int32(missingCode)
                remaining &= remaining - 1
            }
        }
    }

    /// Bits `first ..< first + count` of `bitmap` (first a multiple of 64), as one word.
    @inline(__always)
    static func bits(_ bitmap: Bitmap, _ first: Int, _ count: Int) -> UInt64 {
        let word = bitmap.words[first >> 6]
        return count == 64 ? word : word & ((1 << UInt64(count)) - 1)
    }
}

/// The columns an expression reads, or nil when it reads group keys, measures or the percent.
func columnsRead(by expression: BoundExpression) -> Set<Int>? {
    switch expression {
    case .column(let index): return [index]
    case .constant: return []
    case .measure, .groupKey, .percent: return nil
    case .function(_, let argument), .not(let argument), .isMissing(let argument, _),
         .inList(let argument, _, _), .between(let argument, _, _, _), .textMatch(_, let argument, _, _):
        return columnsRead(by: argument)
    case .compare(_, let left, let right), .and(let left, let right), .or(let left, let right):
        guard let l = columnsRead(by: left), let r = columnsRead(by: right) else { return nil }
        return l.union(r)
    }
}

/// A `where` condition, compiled to answer for 64 rows at a time.
indirect enum FastCondition {
    /// Decided per code of one column: `truth[code]` is 1 for true, 0 for false, 2 for unknown.
    case byCode(CodeColumn, truth: [UInt8])
    /// Decided row by row by the general compiled closure.
    case rowByRow((Int) -> Bool?)
    case and(FastCondition, FastCondition)
    case or(FastCondition, FastCondition)
    case not(FastCondition)

    init(_ expression: BoundExpression, table: Table, compiled: CompiledExpressions) {
        if let read = columnsRead(by: expression), read.count == 1, let column = CodeColumn(table, read.first!) {
            let test = CompiledExpressions(table: column.valuesTable).predicate(expression)
            self = .byCode(column, truth: (0...column.missingCode).map { code in
                switch test(code) { case true?: 1; case false?: 0; case nil: 2 }
            })
            return
        }
        switch expression {
        case .and(let left, let right):
            self = .and(FastCondition(left, table: table, compiled: compiled),
                        FastCondition(right, table: table, compiled: compiled))
        case .or(let left, let right):
            self = .or(FastCondition(left, table: table, compiled: compiled),
                       FastCondition(right, table: table, compiled: compiled))
        case .not(let inner):
            self = .not(FastCondition(inner, table: table, compiled: compiled))
        default:
            self = .rowByRow(compiled.predicate(expression))
        }
    }

    /// Which of rows `first ..< first + count` (count ≤ 64) the condition holds for, and which
    /// it fails for; a row in neither is unknown (it depends on a missing value). The
    /// three-valued `and`, `or` and `not` are the general closures' rules, bit by bit.
    func evaluate(_ first: Int, _ count: Int, _ scratch: UnsafeMutablePointer<Int32>) -> (isTrue: UInt64, isFalse: UInt64) {
        switch self {
        case .byCode(let column, let truth):
            column.codes(first, count, into: scratch)
            var isTrue: UInt64 = 0
            var isFalse: UInt64 = 0
            truth.withUnsafeBufferPointer { truth in
                for offset in 0..<count {
                    // Every code is at most `missingCode`, the last index of `truth`.
                    let answer = truth[Int(scratch[offset])]
                    isTrue |= UInt64(answer & 1) << UInt64(offset)
                    isFalse |= UInt64(answer == 0 ? 1 : 0) << UInt64(offset)
                }
            }
            return (isTrue, isFalse)
        case .rowByRow(let test):
            var isTrue: UInt64 = 0
            var isFalse: UInt64 = 0
            for offset in 0..<count {
                switch test(first + offset) {
                case true?: isTrue |= 1 << UInt64(offset)
                case false?: isFalse |= 1 << UInt64(offset)
                case nil: break
                }
            }
            return (isTrue, isFalse)
        case .and(let left, let right):
            let l = left.evaluate(first, count, scratch), r = right.evaluate(first, count, scratch)
            return (l.isTrue & r.isTrue, l.isFalse | r.isFalse)
        case .or(let left, let right):
            let l = left.evaluate(first, count, scratch), r = right.evaluate(first, count, scratch)
            return (l.isTrue | r.isTrue, l.isFalse & r.isFalse)
        case .not(let inner):
            let i = inner.evaluate(first, count, scratch)
            return (i.isFalse, i.isTrue)
        }
    }

    /// The rows of `table` the condition is true for (not false, not unknown).
    static func select(_ condition: BoundExpression?, table: Table, compiled: CompiledExpressions) throws(Diagnostic) -> RowSet {
        guard let condition else { return .all(table.rowCount) }
        let fast = FastCondition(condition, table: table, compiled: compiled)
        var words = [UInt64](repeating: 0, count: (table.rowCount + 63) >> 6)
        var count = 0
        let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
        defer { scratch.deallocate() }
        var first = 0
        while first < table.rowCount {
            if first & 0xFFFF == 0 { try Cancellation.check() }
            let kept = fast.evaluate(first, min(64, table.rowCount - first), scratch).isTrue
            words[first >> 6] = kept
            count += kept.nonzeroBitCount
            first += 64
        }
        return RowSet(rowCount: table.rowCount, words: words, count: count)
    }
}

/// Group keys that each depend on one text or yes/no column, numbered densely: a row's group
/// is a mixed-radix number of its keys' slots, where a slot is one distinct key value.
struct DenseGroups {
    private struct Key {
        let column: CodeColumn
        /// The slot of each code's key value (codes whose values are equal share a slot).
        let slotOfCode: [Int32]
        /// The key value of each code.
        let valueOfCode: [Value]
        let slotCount: Int
    }

    private let keys: [Key]
    /// How many groups there can be: the product of the keys' slot counts.
    let groupCount: Int

    /// Nil when a key is not of that kind, or there could be too many groups for a dense array.
    init?(keys outputs: [BoundOutput], table: Table) {
        var keys: [Key] = []
        var groupCount = 1
        for output in outputs {
            guard let read = columnsRead(by: output.expression), read.count == 1,
                  let column = CodeColumn(table, read.first!) else { return nil }
            let value = CompiledExpressions(table: column.valuesTable).value(output.expression)
            let valueOfCode = (0...column.missingCode).map(value)
            var slotOfValue: [Value: Int32] = [:]
            let slotOfCode = valueOfCode.map { value in
                if let slot = slotOfValue[value] { return slot }
                let slot = Int32(slotOfValue.count)
                slotOfValue[value] = slot
                return slot
            }
            keys.append(Key(column: column, slotOfCode: slotOfCode, valueOfCode: valueOfCode, slotCount: slotOfValue.count))
            groupCount *= slotOfValue.count
            guard groupCount <= 1 << 20 else { return nil }
        }
        self.keys = keys
        self.groupCount = groupCount
    }

    /// The selected rows' groups: for each group with rows, its key values (those of its first
    /// row, as the general path keeps) and its row count, plus its rows in order when `withRows`.
    func groups(_ rows: RowSet, withRows: Bool) throws(Diagnostic) -> [(key: [Value], count: Int, rows: [Int])] {
        var counts = [Int](repeating: 0, count: groupCount)
        var firstRows = [Int](repeating: -1, count: groupCount)
        var groupRows: [[Int]] = withRows ? Array(repeating: [], count: groupCount) : []
        let groupOfRow = UnsafeMutablePointer<Int>.allocate(capacity: 64)
        let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
        defer {
            groupOfRow.deallocate()
            scratch.deallocate()
        }
        do {
            try rows.forEachBlock { first, kept throws(Diagnostic) in
                let count = min(64, rows.rowCount - first)
                // The group of every row of the block, key by key (slots below each key's count,
                // so the group is below `groupCount`).
                for offset in 0..<count { groupOfRow[offset] = 0 }
                for key in keys {
                    key.column.codes(first, count, into: scratch)
                    key.slotOfCode.withUnsafeBufferPointer { slots in
                        for offset in 0..<count {
                            groupOfRow[offset] = groupOfRow[offset] * key.slotCount + Int(slots[Int(scratch[offset])])
                        }
                    }
                }
                var remaining = kept
                while remaining != 0 {
                    let offset = remaining.trailingZeroBitCount
                    remaining &= remaining - 1
                    let group = groupOfRow[offset]
                    if counts[group] == 0 { firstRows[group] = first + offset }
                    counts[group] += 1
                    if withRows { groupRows[group].append(first + offset) }
                }
            }
        }
        var result: [(key: [Value], count: Int, rows: [Int])] = []
        for group in 0..<groupCount where counts[group] > 0 {
            let firstRow = firstRows[group]
            let block = firstRow & ~63
            let key = keys.map { key -> Value in
                key.column.codes(block, min(64, rows.rowCount - block), into: scratch)
                return key.valueOfCode[Int(scratch[firstRow - block])]
            }
            result.append((key, counts[group], withRows ? groupRows[group] : []))
        }
        return result
    }
}
