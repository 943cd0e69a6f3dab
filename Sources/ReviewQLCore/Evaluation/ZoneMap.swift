/// Each block of `rows` rows' smallest and largest value in a number or date column, missing
/// cells left out, so that a range condition skips the blocks none of whose values can be in
/// its range (`id = 765432`, `letter_date >= 2020-01-01` on a file in date order): DuckDB's
/// "zone maps" (min/max per row group).
///
/// Worked out on the first range condition on the column, in one pass over its typed array,
/// and kept with the column (`ColumnFacts`) for the rest of the session: a table loaded once
/// is filtered many times. A block of `rows` rows is one batch of `FastCondition.select`.
struct ZoneMap: Sendable {
    static let rows = FastCondition.batchRows

    enum Bounds: Sendable {
        /// Integers and dates (as day numbers); an empty block has low > high.
        case whole(low: [Int64], high: [Int64])
        /// Decimals, NaN left out; an empty block has low > high.
        case decimal(low: [Double], high: [Double])
    }

    let bounds: Bounds

    /// The blocks of `column`, or nil for a text or yes/no column.
    init?(_ column: Column) {
        let missing = column.missing
        switch column.storage {
        case .integer(.narrow(let values)): bounds = Self.whole(values, missing)
        case .integer(.wide(let values)): bounds = Self.whole(values, missing)
        case .date(let values): bounds = Self.whole(values, missing)
        case .decimal(let values):
            let (low, high) = Self.blocks(values, missing, empty: (Double.infinity, -Double.infinity)) { value, low, high in
                if value < low { low = value }
                if value > high { high = value }
            }
            bounds = .decimal(low: low, high: high)
        default:
            return nil
        }
    }

    private static func whole<T: FixedWidthInteger>(_ values: [T], _ missing: Bitmap?) -> Bounds {
        let (low, high) = blocks(values, missing, empty: (Int64.max, Int64.min)) { value, low, high in
            let value = Int64(value)
            if value < low { low = value }
            if value > high { high = value }
        }
        return .whole(low: low, high: high)
    }

    /// The bounds of each block, folding each value that is not missing into them.
    private static func blocks<T, B>(_ values: [T], _ missing: Bitmap?, empty: (B, B),
                                     _ fold: (T, inout B, inout B) -> Void) -> ([B], [B]) {
        let count = (values.count + rows - 1) / rows
        var lows = [B](repeating: empty.0, count: count)
        var highs = [B](repeating: empty.1, count: count)
        values.withUnsafeBufferPointer { values in
            for block in 0..<count {
                var (low, high) = empty
                let first = block * rows, end = min(values.count, first + rows)
                if let missing {
                    for row in first..<end where !missing[row] { fold(values[row], &low, &high) }
                } else {
                    for row in first..<end { fold(values[row], &low, &high) }
                }
                lows[block] = low
                highs[block] = high
            }
        }
        return (lows, highs)
    }

    /// Whether any value of block `block` may lie in `low ... high`.
    @inline(__always)
    func mayHold(block: Int, low: Int64, high: Int64) -> Bool {
        guard case .whole(let lows, let highs) = bounds, block < lows.count else { return true }
        return lows[block] <= high && highs[block] >= low && lows[block] <= highs[block]
    }

    @inline(__always)
    func mayHold(block: Int, low: Double, high: Double) -> Bool {
        guard case .decimal(let lows, let highs) = bounds, block < lows.count else { return true }
        return lows[block] <= high && highs[block] >= low && lows[block] <= highs[block]
    }
}

extension RangeCondition {
    /// Whether any row of batch `block` (rows `block * ZoneMap.rows ..<`) may satisfy the
    /// condition: false only when the block's values all lie outside the range.
    func mayHold(block: Int) -> Bool {
        guard !negated else { return true }
        guard let zones else { return true }
        switch values {
        case .narrow(_, let low, let high): return zones.mayHold(block: block, low: Int64(low), high: Int64(high))
        case .wide(_, let low, let high): return zones.mayHold(block: block, low: low, high: high)
        case .decimal(_, let low, let high): return zones.mayHold(block: block, low: low, high: high)
        case .empty: return false
        }
    }
}

extension FastCondition {
    /// Whether any row of batch `block` may satisfy the condition; false only when a range
    /// the condition needs (alone, or on either side of an `and`, or on both of an `or`) has
    /// no value in the batch, so the batch's rows are neither tested nor kept.
    func mayHold(block: Int) -> Bool {
        switch self {
        case .range(let range): return range.mayHold(block: block)
        case .and(let left, let right): return left.mayHold(block: block) && right.mayHold(block: block)
        case .or(let left, let right): return left.mayHold(block: block) || right.mayHold(block: block)
        default: return true
        }
    }
}
