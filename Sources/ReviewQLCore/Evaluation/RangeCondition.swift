/// A condition on one integer, decimal or date column against constants (`children >= 3`,
/// `id = 765432`, `letter_date between 2009-01-01 and 2009-03-31`, `!=`, `not between`),
/// tested over the typed array 64 rows at a time with no boxed value: each such condition is
/// a range of the column's own type, `low ... high`, or its complement.
///
/// It gives exactly what `ValueOrder.test` gives row by row: integers against whole numbers are
/// compared as integers, decimals against numbers as doubles (`x < c` is `x <= c.nextDown`),
/// dates against dates by day; a missing row is unknown (neither true nor false). Anything else
/// (an integer column against a decimal constant, a date against a number, a decimal column that
/// holds NaN) is not made into a range, and the general path decides it.
struct RangeCondition {
    enum Values {
        case narrow([Int32], low: Int32, high: Int32)
        case wide([Int64], low: Int64, high: Int64)
        case decimal([Double], low: Double, high: Double)
        /// No value of the column is in the range.
        case empty
    }

    /// One end of the range: open, or a value, itself excluded when strict (`>`, `<`).
    private enum Bound {
        case open
        case value(Value, strict: Bool)
    }

    let values: Values
    /// The condition holds outside the range (`!=`, `not between`).
    let negated: Bool
    let missing: Bitmap?
    /// The column's blocks' smallest and largest values, to skip blocks outside the range.
    let zones: ZoneMap?

    /// The range a condition on one column of `table` stands for, or nil when it is not one.
    init?(_ expression: BoundExpression, table: Table) {
        let subject: BoundExpression, low: Bound, high: Bound, negated: Bool
        switch expression {
        case .compare(let comparison, let left, .constant(let constant)) where !constant.isMissing:
            (subject, negated) = (left, comparison == .notEqual)
            switch comparison {
            case .equal, .notEqual: (low, high) = (.value(constant, strict: false), .value(constant, strict: false))
            case .greaterEqual: (low, high) = (.value(constant, strict: false), .open)
            case .greater: (low, high) = (.value(constant, strict: true), .open)
            case .lessEqual: (low, high) = (.open, .value(constant, strict: false))
            case .less: (low, high) = (.open, .value(constant, strict: true))
            }
        case .between(let left, let from, let to, let isNegated) where !from.isMissing && !to.isMissing:
            (subject, low, high, negated) = (left, .value(from, strict: false), .value(to, strict: false), isNegated)
        default:
            return nil
        }
        guard case .column(let index) = subject, index < table.columns.count else { return nil }
        let column = table.columns[index]
        guard let values = Self.values(column.storage, low: low, high: high) else { return nil }
        self.values = values
        self.negated = negated
        self.missing = column.missing
        self.zones = column.facts.zoneMap(column)
    }

    /// The typed range over a column's storage, or nil when the general path must decide.
    private static func values(_ storage: Column.Storage, low: Bound, high: Bound) -> Values? {
        switch storage {
        case .integer(.narrow(let array)):
            guard let lo = integer(low, up: true), let hi = integer(high, up: false) else { return nil }
            guard let lo = lo, let hi = hi, lo <= hi, lo <= Int64(Int32.max), hi >= Int64(Int32.min) else { return .empty }
            return .narrow(array, low: Int32(max(lo, Int64(Int32.min))), high: Int32(min(hi, Int64(Int32.max))))
        case .integer(.wide(let array)):
            guard let lo = integer(low, up: true), let hi = integer(high, up: false) else { return nil }
            guard let lo = lo, let hi = hi, lo <= hi else { return .empty }
            return .wide(array, low: lo, high: hi)
        case .date(let array):
            guard let lo = day(low, up: true), let hi = day(high, up: false) else { return nil }
            guard let lo = lo, let hi = hi, lo <= hi else { return .empty }
            return .narrow(array, low: lo, high: hi)
        case .decimal(let array):
            guard let lo = number(low, up: true), let hi = number(high, up: false) else { return nil }
            // The general path orders NaN as equal to everything; leave such a column to it.
            if array.contains(where: \.isNaN) { return nil }
            return lo <= hi ? .decimal(array, low: lo, high: hi) : .empty
        default:
            return nil
        }
    }

    /// An integer end: nil when the bound is not a whole number (the general path decides);
    /// `.some(nil)` when a strict end leaves no integer (`> Int64.max`).
    private static func integer(_ bound: Bound, up: Bool) -> Int64?? {
        switch bound {
        case .open: return .some(up ? Int64.min : Int64.max)
        case .value(.integer(let i), let strict):
            guard strict else { return .some(i) }
            if up { return .some(i == .max ? nil : i + 1) }
            return .some(i == .min ? nil : i - 1)
        default: return nil
        }
    }

    private static func day(_ bound: Bound, up: Bool) -> Int32?? {
        switch bound {
        case .open: return .some(up ? Int32.min : Int32.max)
        case .value(.date(let d), let strict):
            guard strict else { return .some(d) }
            if up { return .some(d == .max ? nil : d + 1) }
            return .some(d == .min ? nil : d - 1)
        default: return nil
        }
    }

    private static func number(_ bound: Bound, up: Bool) -> Double? {
        let value: Double, strict: Bool
        switch bound {
        case .open: return up ? -.infinity : .infinity
        case .value(.integer(let i), let s): (value, strict) = (Double(i), s)
        case .value(.decimal(let d), let s) where !d.isNaN: (value, strict) = (d, s)
        default: return nil
        }
        guard strict else { return value }
        return up ? value.nextUp : value.nextDown
    }

    /// Which of rows `first ..< first + count` (count ≤ 64) the condition holds for, and which
    /// it fails for; missing rows are in neither.
    @inline(__always)
    func evaluate(_ first: Int, _ count: Int) -> (isTrue: UInt64, isFalse: UInt64) {
        let rows: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) - 1
        let inside: UInt64
        switch values {
        case .narrow(let v, let low, let high): inside = v.withUnsafeBufferPointer { Self.inside($0, first, count, low, high) }
        case .wide(let v, let low, let high): inside = v.withUnsafeBufferPointer { Self.inside($0, first, count, low, high) }
        case .decimal(let v, let low, let high): inside = v.withUnsafeBufferPointer { Self.inside($0, first, count, low, high) }
        case .empty: inside = 0
        }
        var isTrue = negated ? rows & ~inside : inside
        var isFalse = rows & ~isTrue
        if let missing {
            let word = CodeColumn.bits(missing, first, count)
            isTrue &= ~word
            isFalse &= ~word
        }
        return (isTrue, isFalse)
    }

    @inline(__always)
    private static func inside<T: Comparable>(_ values: UnsafeBufferPointer<T>, _ first: Int, _ count: Int,
                                              _ low: T, _ high: T) -> UInt64 {
        var bits: UInt64 = 0
        // Safe: rows `first ..< first + count` are rows of the column.
        let base = values.baseAddress! + first
        for offset in 0..<count {
            let value = base[offset]
            bits |= UInt64((low <= value && value <= high) ? 1 : 0) << UInt64(offset)
        }
        return bits
    }
}
