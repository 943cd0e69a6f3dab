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
/// for no or yes, a date's or integer's distance from the column's smallest value when they
/// span at most `maximumSpan` (days of a few years, counts, years), and `missingCode` (one past
/// the others) for a missing cell.
struct CodeColumn {
    private enum Source {
        case text(DictionaryCodes)
        case boolean([Bool])
        /// Dates or four-byte integers: a row's code is its value less `base`.
        case offset([Int32], base: Int32)
    }

    /// The most values a date or integer column may span to be read as codes.
    static let maximumSpan = 1 << 16

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
                            storage: .text(codes: DictionaryCodes((0..<UInt32(dictionary.count)).map { $0 } + [0],
                                                          distinct: dictionary.count),
                                          dictionary: dictionary),
                            missing: Self.lastRowMissing(dictionary.count + 1), scale: column.scale)
        case .boolean(let booleans):
            source = .boolean(booleans)
            missingCode = 2
            values = Column(name: column.name, storage: .boolean([false, true, false]),
                            missing: Self.lastRowMissing(3), scale: column.scale)
        case .date(let days):
            guard let (base, span) = Self.span(days) else { return nil }
            source = .offset(days, base: base)
            missingCode = span
            values = Column(name: column.name, storage: .date((0..<Int32(span)).map { base + $0 } + [0]),
                            missing: Self.lastRowMissing(span + 1))
        case .integer(.narrow(let integers)):
            guard let (base, span) = Self.span(integers) else { return nil }
            source = .offset(integers, base: base)
            missingCode = span
            values = Column(name: column.name, storage: .integer(.narrow((0..<Int32(span)).map { base + $0 } + [0])),
                            missing: Self.lastRowMissing(span + 1))
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

    /// The smallest value and how many values lie from it to the largest, when at most
    /// `maximumSpan` (missing cells' placeholders included, which only widens the span).
    private static func span(_ values: [Int32]) -> (base: Int32, span: Int)? {
        guard !values.isEmpty else { return nil }
        var low = Int32.max, high = Int32.min
        values.withUnsafeBufferPointer { values in
            for value in values {
                low = min(low, value)
                high = max(high, value)
            }
        }
        let span = Int(high) - Int(low) + 1
        return span <= maximumSpan ? (low, span) : nil
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
            func copy<Code: FixedWidthInteger>(_ values: [Code]) {
                values.withUnsafeBufferPointer { values in
                    for offset in 0..<count { codes[offset] = Int32(truncatingIfNeeded: values[first + offset]) }
                }
            }
            switch values {
            case .bytes(let c): copy(c)
            case .shorts(let c): copy(c)
            case .words(let c): copy(c)
            }
        case .boolean(let values):
            values.withUnsafeBufferPointer { values in
                for offset in 0..<count { codes[offset] = values[first + offset] ? 1 : 0 }
            }
        case .offset(let values, let base):
            values.withUnsafeBufferPointer { values in
                for offset in 0..<count { codes[offset] = values[first + offset] &- base }
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
    case .computed(let computation):
        var read: Set<Int> = []
        for operand in computation.operands {
            guard let columns = columnsRead(by: operand) else { return nil }
            read.formUnion(columns)
        }
        return read
    }
}

/// A `where` condition, compiled to answer for 64 rows at a time.
indirect enum FastCondition {
    /// Decided per code of one column: `truth[code]` is 1 for true, 0 for false, 2 for unknown.
    case byCode(CodeColumn, truth: [UInt8])
    /// A text column's condition that holds for one code and fails for every other
    /// (`judgement = inadequate`): compared 64 codes at a time. A missing row's answer is
    /// `missingAnswer` (as in `truth`), whatever its placeholder code.
    case oneCode(codes: DictionaryCodes, code: UInt32, missing: Bitmap?, missingAnswer: UInt8)
    /// A yes/no column's condition that holds for one of yes and no and fails for the other
    /// (`died = yes`): its bytes compared 64 at a time, as `oneCode`.
    case oneBoolean([Bool], value: Bool, missing: Bitmap?, missingAnswer: UInt8)
    /// A comparison of an integer, decimal or date column with constants, over its typed array.
    case range(RangeCondition)
    /// Decided row by row by the general compiled closure.
    case rowByRow((Int) -> Bool?)
    case and(FastCondition, FastCondition)
    case or(FastCondition, FastCondition)
    case not(FastCondition)

    init(_ expression: BoundExpression, table: Table, compiled: CompiledExpressions) {
        guard Kernels.enabled else {
            self = .rowByRow(compiled.predicate(expression))
            return
        }
        if let range = RangeCondition(expression, table: table) {
            self = .range(range)
            return
        }
        if let read = columnsRead(by: expression), read.count == 1, let column = CodeColumn(table, read.first!) {
            let test = CompiledExpressions(table: column.valuesTable).predicate(expression)
            let truth: [UInt8] = (0...column.missingCode).map { code in
                switch test(code) { case true?: 1; case false?: 0; case nil: 2 }
            }
            let values = truth.dropLast()
            if case .text(let codes, _) = table.columns[read.first!].storage,
               values.filter({ $0 == 1 }).count == 1, values.allSatisfy({ $0 != 2 }), let code = values.firstIndex(of: 1) {
                self = .oneCode(codes: codes, code: UInt32(code), missing: table.columns[read.first!].missing,
                                missingAnswer: truth.last!)
            } else if case .boolean(let booleans) = table.columns[read.first!].storage,
                      values.filter({ $0 == 1 }).count == 1, values.allSatisfy({ $0 != 2 }) {
                self = .oneBoolean(booleans, value: values[1] == 1, missing: table.columns[read.first!].missing,
                                   missingAnswer: truth.last!)
            } else {
                self = .byCode(column, truth: truth)
            }
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
        case .inList(let subject, let values, let negated)
            where !values.isEmpty && values.count <= 64 && values.allSatisfy({
                RangeCondition(.compare(.equal, subject, .constant($0)), table: table) != nil }):
            // A number or date in a list: one range a value, or-ed (a missing row stays unknown).
            let any = values.dropFirst().reduce(FastCondition.range(RangeCondition(.compare(.equal, subject, .constant(values[0])), table: table)!)) {
                .or($0, .range(RangeCondition(.compare(.equal, subject, .constant($1)), table: table)!))
            }
            self = negated ? .not(any) : any
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
        case .oneCode(let codes, let code, let missing, let missingAnswer):
            let rows: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) - 1
            // Safe: rows `first ..< first + count` are rows of the column.
            let isTrue: UInt64
            switch codes {
            case .bytes(let c): isTrue = c.withUnsafeBufferPointer { CodeMatch.equal($0.baseAddress! + first, count, code) }
            case .shorts(let c): isTrue = c.withUnsafeBufferPointer { CodeMatch.equal($0.baseAddress! + first, count, code) }
            case .words(let c): isTrue = c.withUnsafeBufferPointer { CodeMatch.equal($0.baseAddress! + first, count, code) }
            }
            return Self.withMissing(isTrue, rows, first, count, missing, missingAnswer)
        case .oneBoolean(let booleans, let value, let missing, let missingAnswer):
            let rows: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) - 1
            // A Bool is one byte, 0 or 1. Safe: rows `first ..< first + count` are rows of the column.
            let isTrue = booleans.withUnsafeBytes {
                CodeMatch.equal($0.baseAddress!.assumingMemoryBound(to: UInt8.self) + first, count, value ? 1 : 0)
            }
            return Self.withMissing(isTrue, rows, first, count, missing, missingAnswer)
        case .range(let range):
            return range.evaluate(first, count)
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
        case .and, .or, .not:
            var isTrue: UInt64 = 0, isFalse: UInt64 = 0
            evaluate(batch: first, count, &isTrue, &isFalse, scratch)
            return (isTrue, isFalse)
        }
    }

    /// A one-value condition's answer for a block whose matching rows are `isTrue`: a missing
    /// row's answer is `missingAnswer` (1 true, 0 false, 2 unknown), whatever its placeholder.
    @inline(__always)
    private static func withMissing(_ isTrue: UInt64, _ rows: UInt64, _ first: Int, _ count: Int, _ missing: Bitmap?,
                                    _ missingAnswer: UInt8) -> (isTrue: UInt64, isFalse: UInt64) {
        var isTrue = isTrue
        var isFalse = rows & ~isTrue
        if let missing {
            let word = CodeColumn.bits(missing, first, count)
            isTrue &= ~word
            isFalse &= ~word
            if missingAnswer == 1 { isTrue |= word } else if missingAnswer == 0 { isFalse |= word }
        }
        return (isTrue, isFalse)
    }

    /// The rows a batch holds: 64 blocks of 64.
    static let batchRows = 4096

    /// Which of rows `first ..< first + count` (count ≤ `batchRows`, first a multiple of 64)
    /// the condition holds for and fails for, a word per 64 rows into `isTrue` and `isFalse`.
    /// `and`, `or` and `not` combine their sides a batch at a time, so that each side's
    /// column is picked out of the condition once a batch rather than once a block.
    func evaluate(batch first: Int, _ count: Int, _ isTrue: UnsafeMutablePointer<UInt64>,
                  _ isFalse: UnsafeMutablePointer<UInt64>, _ scratch: UnsafeMutablePointer<Int32>) {
        let words = (count + 63) >> 6
        switch self {
        case .and(let left, let right), .or(let left, let right):
            let isAnd = if case .and = self { true } else { false }
            let other = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * words)
            defer { other.deallocate() }
            left.evaluate(batch: first, count, isTrue, isFalse, scratch)
            right.evaluate(batch: first, count, other, other + words, scratch)
            for word in 0..<words {
                if isAnd {
                    isTrue[word] &= other[word]
                    isFalse[word] |= other[words + word]
                } else {
                    isTrue[word] |= other[word]
                    isFalse[word] &= other[words + word]
                }
            }
        case .not(let inner):
            inner.evaluate(batch: first, count, isFalse, isTrue, scratch)
        default:
            for word in 0..<words {
                let (t, f) = evaluate(first + word << 6, min(64, count - word << 6), scratch)
                isTrue[word] = t
                isFalse[word] = f
            }
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
        let isFalse = UnsafeMutablePointer<UInt64>.allocate(capacity: batchRows / 64)
        defer { isFalse.deallocate() }
        var first = 0
        try words.withUnsafeMutableBufferPointer { words throws(Diagnostic) in
            while first < table.rowCount {
                if first & 0xFFFF == 0 { try Cancellation.check() }
                let rows = min(batchRows, table.rowCount - first)
                // A batch no row of which can hold keeps its words at zero.
                if fast.mayHold(block: first / batchRows) {
                    fast.evaluate(batch: first, rows, words.baseAddress! + first >> 6, isFalse, scratch)
                }
                first += batchRows
            }
        }
        for word in words { count += word.nonzeroBitCount }
        return RowSet(rowCount: table.rowCount, words: words, count: count)
    }
}

/// Group keys that each depend on one text or yes/no column, counted in a dense array indexed
/// by the rows' codes (a mixed-radix number, one digit per key). Codes whose key values are
/// equal (`lower(authority)` of "Leeds" and "LEEDS") are merged into one group at the end.
struct DenseGroups {
    private struct Key {
        let column: CodeColumn
        /// How many codes the column has, the missing one included: this key's radix.
        let radix: Int
        /// The key value of each code.
        let valueOfCode: [Value]
    }

    private let keys: [Key]
    /// How many combinations of codes there are: the product of the keys' radixes.
    private let combinations: Int

    /// Nil when a key is not of that kind, or there could be too many groups for a dense array.
    init?(keys outputs: [BoundOutput], table: Table) {
        guard Kernels.enabled else { return nil }
        var keys: [Key] = []
        var combinations = 1
        for output in outputs {
            guard let read = columnsRead(by: output.expression), read.count == 1,
                  let column = CodeColumn(table, read.first!) else { return nil }
            let value = CompiledExpressions(table: column.valuesTable).value(output.expression)
            let radix = column.missingCode + 1
            keys.append(Key(column: column, radix: radix, valueOfCode: (0..<radix).map(value)))
            combinations *= radix
            guard combinations <= 1 << 20 else { return nil }
        }
        self.keys = keys
        self.combinations = combinations
    }

    /// The selected rows' groups: for each group with rows, its key values (those of its first
    /// row, as the general path keeps) and its row count, plus its rows in order when `withRows`.
    func groups(_ rows: RowSet, withRows: Bool) throws(Diagnostic) -> [(key: [Value], count: Int, rows: [Int])] {
        var counts = [Int](repeating: 0, count: combinations)
        var firstRows = [Int](repeating: -1, count: combinations)
        try forEachRow(rows) { row, combination in
            if counts[combination] == 0 { firstRows[combination] = row }
            counts[combination] += 1
        }
        // Combinations of equal key values become one group, whose first row is the earliest.
        var groupOfKey: [[Value]: Int] = [:]
        var groupOfCombination = [Int32](repeating: -1, count: combinations)
        var result: [(key: [Value], count: Int, rows: [Int], firstRow: Int)] = []
        for combination in 0..<combinations where counts[combination] > 0 {
            var codesOfCombination: [Int] = []
            var rest = combination
            for key in keys.reversed() {
                codesOfCombination.append(rest % key.radix)
                rest /= key.radix
            }
            codesOfCombination.reverse()
            let key = zip(keys, codesOfCombination).map { $0.valueOfCode[$1] }
            if let group = groupOfKey[key] {
                groupOfCombination[combination] = Int32(group)
                result[group].count += counts[combination]
                if firstRows[combination] < result[group].firstRow {
                    result[group].firstRow = firstRows[combination]
                    result[group].key = key
                }
            } else {
                groupOfKey[key] = result.count
                groupOfCombination[combination] = Int32(result.count)
                result.append((key, counts[combination], [], firstRows[combination]))
            }
        }
        if withRows {
            // A second pass puts each row in its group, in row order, so no group is sorted.
            for group in result.indices { result[group].rows.reserveCapacity(result[group].count) }
            try forEachRow(rows) { row, combination in result[Int(groupOfCombination[combination])].rows.append(row) }
        }
        return result.map { ($0.key, $0.count, $0.rows) }
    }

    /// Calls `body` with each selected row and its combination of codes, in row order.
    private func forEachRow(_ rows: RowSet, _ body: (_ row: Int, _ combination: Int) -> Void) throws(Diagnostic) {
        // The codes of the block's rows, 64 per key.
        let codes = UnsafeMutablePointer<Int32>.allocate(capacity: 64 * keys.count)
        defer { codes.deallocate() }
        try rows.forEachBlock { first, kept throws(Diagnostic) in
            let count = min(64, rows.rowCount - first)
            for (index, key) in keys.enumerated() { key.column.codes(first, count, into: codes + 64 * index) }
            var remaining = kept
            while remaining != 0 {
                let offset = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                // Codes are below their key's radix, so the combination is below `combinations`.
                var combination = 0
                for index in keys.indices { combination = combination * keys[index].radix + Int(codes[64 * index + offset]) }
                body(first + offset, combination)
            }
        }
    }
}
