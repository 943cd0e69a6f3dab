/// The rows a measure reads: a group's row numbers in order, or a filter's row set (every row,
/// or the bits of the rows kept), walked without making a list of them.
enum MeasureRows {
    case list([Int])
    case set(RowSet)

    /// Calls `body` with each row, in order.
    @inline(__always)
    func forEach(_ body: (Int) -> Void) {
        switch self {
        case .list(let rows):
            rows.withUnsafeBufferPointer { rows in for row in rows { body(row) } }
        case .set(let set):
            guard let words = set.words else {
                for row in 0..<set.rowCount { body(row) }
                return
            }
            words.withUnsafeBufferPointer { words in
                for (index, word) in words.enumerated() where word != 0 {
                    var remaining = word
                    while remaining != 0 {
                        body(index << 6 + remaining.trailingZeroBitCount)
                        remaining &= remaining - 1
                    }
                }
            }
        }
    }

    var count: Int {
        switch self {
        case .list(let rows): rows.count
        case .set(let set): set.count
        }
    }
}

/// `count`, `sum`, `average`, `median`, `min` and `max` of one column, over its typed array
/// and the rows a group or filter selects, without boxing a value a row.
///
/// Each gives exactly the value `Aggregator`'s general path gives from boxed values: sums and
/// averages add in row order as it does (an integer average through an exact integer sum only
/// when every partial sum is exact in a double), the median is the same middle value(s) found
/// by selection rather than a full sort (or by counting, for integers of a small span), `count
/// distinct` counts dictionary codes of text, distinct numbers of numbers, and `min`/`max` use
/// `ValueOrder`'s order (text by the dictionary, once per distinct value).
struct ColumnMeasures {
    let column: Column
    let rows: MeasureRows

    /// The measure's value, nil when this column's type is left to the general path.
    func compute(_ measure: BoundMeasure) throws(Diagnostic) -> Value? {
        switch measure.function {
        case .count: return measure.distinct ? countDistinct() : .integer(Int64(rows.count - missingCount()))
        case .sum, .average, .median: return try numeric(measure)
        case .min, .max: return extreme(isMin: measure.function == .min)
        }
    }

    /// How many of the rows are missing.
    func missingCount() -> Int {
        guard let missing = column.missing else { return 0 }
        var count = 0
        missing.words.withUnsafeBufferPointer { bits in
            rows.forEach { row in count &+= Int(truncatingIfNeeded: (bits[row >> 6] >> UInt64(row & 63)) & 1) }
        }
        return count
    }

    /// Calls `body` with the value of each row that is not missing, in row order.
    @inline(__always)
    private func forEachKnown<T>(_ values: [T], _ body: (T) -> Void) {
        values.withUnsafeBufferPointer { values in
            if let missing = column.missing {
                missing.words.withUnsafeBufferPointer { bits in
                    rows.forEach { row in
                        if (bits[row >> 6] >> UInt64(row & 63)) & 1 == 0 { body(values[row]) }
                    }
                }
            } else {
                rows.forEach { row in body(values[row]) }
            }
        }
    }

    /// As `forEachKnown`, for the slower measures (count distinct hashes each value): every
    /// 65,536 values it asks whether a Ctrl-C came, and if so calls `body` no more. The answer
    /// is then partial, but never shown: the evaluator checks again before any result leaves it.
    private func forEachKnownUnlessStopped<T>(_ values: [T], _ body: (T) -> Void) {
        var seen = 0
        var stopped = false
        forEachKnown(values) { value in
            seen &+= 1
            if seen & 0xFFFF == 0 && !stopped { stopped = Cancellation.isRequested }
            if !stopped { body(value) }
        }
    }

    // MARK: sum, average, median

    private func numeric(_ measure: BoundMeasure) throws(Diagnostic) -> Value? {
        switch column.storage {
        case .integer(.narrow(let values)): return try integers(values, measure)
        case .integer(.wide(let values)): return try integers(values, measure)
        case .decimal(let values): return try decimals(values, measure)
        default: return nil
        }
    }

    private func integers<T: FixedWidthInteger>(_ values: [T], _ measure: BoundMeasure) throws(Diagnostic) -> Value? {
        var total: Int64 = 0, magnitude: Int64 = 0, count = 0, overflow = false
        forEachKnown(values) { value in
            let wide = Int64(value)
            let (sum, over) = total.addingReportingOverflow(wide)
            let (size, overSize) = magnitude.addingReportingOverflow(wide.magnitude > UInt64(Int64.max) ? .max : Int64(wide.magnitude))
            overflow = overflow || over || overSize
            total = sum
            magnitude = size
            count += 1
        }
        guard count > 0 else { return .missing }
        // Every partial sum is below 2^53 when the sum of magnitudes is: adding the doubles in
        // row order, as the general path does, is then exact and equals the integer sum.
        let exact = !overflow && magnitude < 1 << 53
        switch measure.function {
        case .sum where measure.resultType == .integer && !overflow:
            return .integer(total)
        case .sum:
            return try finite(exact ? Double(total) : doubleSum(values, scaledBy: nil), measure)
        case .average:
            let n = Double(count)
            let mean = exact ? Double(total) / n : doubleSum(values, scaledBy: nil) / n
            return try finite(mean.isFinite ? mean : doubleSum(values, scaledBy: n), measure)
        default:
            return try finite(integerMedian(values, count: count), measure)
        }
    }

    private func decimals(_ values: [Double], _ measure: BoundMeasure) throws(Diagnostic) -> Value? {
        var count = 0
        forEachKnown(values) { _ in count += 1 }
        guard count > 0 else { return .missing }
        switch measure.function {
        case .sum:
            return try finite(doubleSum(values, scaledBy: nil), measure)
        case .average:
            let n = Double(count)
            let mean = doubleSum(values, scaledBy: nil) / n
            return try finite(mean.isFinite ? mean : doubleSum(values, scaledBy: n), measure)
        default:
            var copy: [Double] = []
            copy.reserveCapacity(count)
            forEachKnown(values) { copy.append($0) }
            // A full sort places NaN where it happens to fall; leave that to the general path.
            if copy.contains(where: \.isNaN) { return nil }
            return try finite(Self.median(&copy), measure)
        }
    }

    /// The values added as doubles in row order (each divided by `divisor` first, when
    /// given), as the general path adds them.
    private func doubleSum<T: BinaryInteger>(_ values: [T], scaledBy divisor: Double?) -> Double {
        var sum = 0.0
        if let divisor { forEachKnown(values) { sum += Double($0) / divisor } } else { forEachKnown(values) { sum += Double($0) } }
        return sum
    }

    private func doubleSum(_ values: [Double], scaledBy divisor: Double?) -> Double {
        var sum = 0.0
        if let divisor { forEachKnown(values) { sum += $0 / divisor } } else { forEachKnown(values) { sum += $0 } }
        return sum
    }

    /// The median of integers: by counting when they span few values, else by selection.
    private func integerMedian<T: FixedWidthInteger>(_ values: [T], count: Int) -> Double {
        var low = Int64.max, high = Int64.min
        forEachKnown(values) { value in
            low = min(low, Int64(value))
            high = max(high, Int64(value))
        }
        if high.subtractingReportingOverflow(low).partialValue < 1 << 16, high >= low {
            var counts = [Int](repeating: 0, count: Int(high - low) + 1)
            forEachKnown(values) { counts[Int(Int64($0) - low)] += 1 }
            // The values of ranks k and k + 1 (from 0) found by walking the counts.
            func value(atRank rank: Int) -> Double {
                var seen = 0
                for (offset, n) in counts.enumerated() {
                    seen += n
                    if seen > rank { return Double(low + Int64(offset)) }
                }
                return Double(high)
            }
            let middle = count / 2
            return count % 2 == 1 ? value(atRank: middle) : value(atRank: middle - 1) / 2 + value(atRank: middle) / 2
        }
        var copy: [Double] = []
        copy.reserveCapacity(count)
        forEachKnown(values) { copy.append(Double($0)) }
        return Self.median(&copy)
    }

    /// The middle value (or the halves of the two middle values added), as `sorted()` would
    /// place them, found by selection; `values` is reordered.
    static func median(_ values: inout [Double]) -> Double {
        let middle = values.count / 2
        select(&values, rank: middle)
        if values.count % 2 == 1 { return values[middle] }
        // The value just below the middle is the largest of those before it.
        var below = values[0]
        for index in 1..<middle where values[index] > below { below = values[index] }
        return below / 2 + values[middle] / 2
    }

    /// Reorders `values` so that position `rank` holds the value a sort would put there, with
    /// no larger value before it and no smaller one after (Hoare's selection, middle pivot).
    static func select(_ values: inout [Double], rank: Int) {
        var low = 0, high = values.count - 1
        while low < high {
            let pivot = values[low + (high - low) / 2]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j { high = j } else if rank >= i { low = i } else { return }
        }
    }

    // MARK: count distinct, min, max

    /// How many distinct values the rows hold: text by dictionary code (the dictionary holds
    /// each text once), yes/no by its two values, numbers and dates by value.
    func countDistinct() -> Value? {
        switch column.storage {
        case .text(let codes, let dictionary):
            var seen = [Bool](repeating: false, count: dictionary.count)
            var distinct = 0
            func mark<Code: FixedWidthInteger>(_ codes: [Code]) {
                forEachKnownUnlessStopped(codes) { code in
                    if !seen[Int(code)] { seen[Int(code)] = true; distinct += 1 }
                }
            }
            switch codes {
            case .bytes(let c): mark(c)
            case .shorts(let c): mark(c)
            case .words(let c): mark(c)
            }
            return .integer(Int64(distinct))
        case .boolean(let values):
            var seen = (false, false)
            forEachKnown(values) { if $0 { seen.1 = true } else { seen.0 = true } }
            return .integer(Int64((seen.0 ? 1 : 0) + (seen.1 ? 1 : 0)))
        case .integer(.narrow(let values)): return .integer(Int64(Self.distinctIntegers(values, self)))
        case .date(let values): return .integer(Int64(Self.distinctIntegers(values, self)))
        case .integer(.wide(let values)): return .integer(Int64(Self.distinctIntegers(values, self)))
        case .decimal(let values):
            var seen = Set<Double>()
            forEachKnownUnlessStopped(values) { seen.insert($0) }
            return .integer(Int64(seen.count))
        }
    }

    /// Distinct integers: a bitmap over their span when it is not much larger than the rows
    /// (ids, days, counts), else a hash set.
    private static func distinctIntegers<T: FixedWidthInteger & Hashable>(_ values: [T], _ measures: ColumnMeasures) -> Int {
        var low = Int64.max, high = Int64.min
        measures.forEachKnown(values) { value in
            low = min(low, Int64(value))
            high = max(high, Int64(value))
        }
        guard high >= low else { return 0 }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if !overflow, span < max(Int64(measures.rows.count) * 8, 1 << 16) {
            var bits = [UInt64](repeating: 0, count: Int(span >> 6) + 1)
            var distinct = 0
            bits.withUnsafeMutableBufferPointer { bits in
                measures.forEachKnownUnlessStopped(values) { value in
                    let offset = Int(Int64(value) &- low)
                    let mask: UInt64 = 1 << UInt64(offset & 63)
                    if bits[offset >> 6] & mask == 0 { bits[offset >> 6] |= mask; distinct += 1 }
                }
            }
            return distinct
        }
        var seen = Set<T>()
        measures.forEachKnownUnlessStopped(values) { seen.insert($0) }
        return seen.count
    }

    /// The least or greatest value in `ValueOrder`'s order: the first one no other value
    /// sorts before (or after), as the general path keeps.
    func extreme(isMin: Bool) -> Value? {
        func best<T: Comparable>(_ values: [T]) -> T? {
            var best: T?
            forEachKnown(values) { value in
                guard let current = best else { best = value; return }
                if isMin ? value < current : current < value { best = value }
            }
            return best
        }
        switch column.storage {
        case .integer(.narrow(let values)): return best(values).map { .integer(Int64($0)) } ?? .missing
        case .integer(.wide(let values)): return best(values).map { .integer($0) } ?? .missing
        case .decimal(let values): return best(values).map { .decimal($0) } ?? .missing
        case .date(let values): return best(values).map { .date($0) } ?? .missing
        case .boolean(let values):
            var seen = (false, false)
            forEachKnown(values) { if $0 { seen.1 = true } else { seen.0 = true } }
            if !seen.0 && !seen.1 { return .missing }
            return .boolean(isMin ? !seen.0 : seen.1)
        case .text(let codes, let dictionary):
            var seen = [Bool](repeating: false, count: dictionary.count)
            func mark<Code: FixedWidthInteger>(_ codes: [Code]) { forEachKnown(codes) { seen[Int($0)] = true } }
            switch codes {
            case .bytes(let c): mark(c)
            case .shorts(let c): mark(c)
            case .words(let c): mark(c)
            }
            // Distinct texts never tie in `sortsBefore` (it breaks ties by the exact text), so
            // the best of the values present is the general path's answer whatever the order.
            var best: Value?
            for code in dictionary.indices where seen[code] {
                let value = Value.text(dictionary[code])
                guard let current = best else { best = value; continue }
                let before = ValueOrder.sortsBefore(value, current, scale: column.scale)
                if isMin ? before : ValueOrder.sortsBefore(current, value, scale: column.scale) { best = value }
            }
            return best ?? .missing
        }
    }

    /// The first `limit` distinct values in row order (fewer when there are not so many).
    func firstDistinct(_ limit: Int) -> [Value] {
        var found: [Value] = []
        func scan<T: Hashable>(_ values: [T], _ box: (T) -> Value) {
            var seen = Set<T>()
            values.withUnsafeBufferPointer { values in
                for row in values.indices where !column.isMissing(row) {
                    guard seen.insert(values[row]).inserted else { continue }
                    found.append(box(values[row]))
                    if found.count == limit { return }
                }
            }
        }
        switch column.storage {
        case .integer(.narrow(let v)): scan(v) { .integer(Int64($0)) }
        case .integer(.wide(let v)): scan(v) { .integer($0) }
        case .decimal(let v): scan(v) { .decimal($0) }
        case .date(let v): scan(v) { .date($0) }
        case .boolean(let v): scan(v) { .boolean($0) }
        case .text(let codes, let dictionary):
            switch codes {
            case .bytes(let c): scan(c) { .text(dictionary[Int($0)]) }
            case .shorts(let c): scan(c) { .text(dictionary[Int($0)]) }
            case .words(let c): scan(c) { .text(dictionary[Int($0)]) }
            }
        }
        return found
    }

    /// Whether a number column holds a value below zero (missing cells aside), nil for other
    /// columns: a sum's percent column is shown only when none is.
    static func hasNegative(_ column: Column) -> Bool? {
        let all = ColumnMeasures(column: column, rows: .set(.all(column.count)))
        var negative = false
        switch column.storage {
        case .integer(.narrow(let values)): all.forEachKnown(values) { negative = negative || $0 < 0 }
        case .integer(.wide(let values)): all.forEachKnown(values) { negative = negative || $0 < 0 }
        case .decimal(let values): all.forEachKnown(values) { negative = negative || $0 < 0 }
        default: return nil
        }
        return negative
    }

    private func finite(_ value: Double, _ measure: BoundMeasure) throws(Diagnostic) -> Value {
        guard value.isFinite else { throw EvaluationProblem.overflow(measure: measure.label).diagnostic }
        return .decimal(value)
    }
}
