/// Arithmetic and date expressions, bound: what `deaths / children * 100`, `-x`,
/// `round(rate, 1)` and `days between start and letter_date` become once their names are
/// resolved, with the type each gives and the rule for one pair of values.
///
/// Types (docs/LANGUAGE.md, "Arithmetic"): whole numbers stay whole under `+ - *` (and a result
/// too large for 64 bits is an error, never a wrapped number); with a decimal on either side the
/// result is a decimal; `/` always gives a decimal, and division by zero gives a missing value
/// (counted in a note), never infinity. A date minus a date is a whole number of days; a date
/// plus or minus whole days is a date. A missing value on either side gives a missing value.
public indirect enum Computation: Sendable {
    case operation(ArithmeticOperator, BoundExpression, BoundExpression, type: ColumnType)
    case negate(BoundExpression, type: ColumnType)
    case round(BoundExpression, digits: Int, type: ColumnType)
    /// Whole days, months or years from the first date to the second.
    case dateDifference(DateUnit, from: BoundExpression, to: BoundExpression)

    public var type: ColumnType {
        switch self {
        case .operation(_, _, _, let type), .negate(_, let type), .round(_, _, let type): return type
        case .dateDifference: return .integer
        }
    }

    /// The expressions it reads.
    public var operands: [BoundExpression] {
        switch self {
        case .operation(_, let l, let r, _): return [l, r]
        case .negate(let e, _), .round(let e, _, _): return [e]
        case .dateDifference(_, let from, let to): return [from, to]
        }
    }

    /// The same computation over other operands (in the order of `operands`).
    public func replacing(_ transform: (BoundExpression) -> BoundExpression) -> Computation {
        switch self {
        case .operation(let op, let l, let r, let type): return .operation(op, transform(l), transform(r), type: type)
        case .negate(let e, let type): return .negate(transform(e), type: type)
        case .round(let e, let digits, let type): return .round(transform(e), digits: digits, type: type)
        case .dateDifference(let unit, let from, let to): return .dateDifference(unit, from: transform(from), to: transform(to))
        }
    }

    /// The result type of `left op right`, or nil when the operator cannot take those types.
    static func resultType(_ op: ArithmeticOperator, _ left: ColumnType, _ right: ColumnType) -> ColumnType? {
        switch (op, left, right) {
        case (.divide, _, _) where left.isNumeric && right.isNumeric: return .decimal
        case (_, .integer, .integer): return .integer
        case (_, _, _) where left.isNumeric && right.isNumeric: return .decimal
        case (.subtract, .date, .date): return .integer
        case (.add, .date, .integer), (.subtract, .date, .integer), (.add, .integer, .date): return .date
        default: return nil
        }
    }
}

/// What one value of a computation is: a value, missing because an operand is missing, or
/// missing because it divides by zero.
enum ComputedValue {
    case value(Value)
    case missingOperand
    case divisionByZero
}

/// The rules for one pair of values, shared by the column kernel and the per-group measures.
enum Arithmetic {
    /// An integer result too large for 64 bits, a decimal beyond the largest double, or a
    /// date beyond the calendar's range.
    struct Overflow: Error {}

    static func integer(_ op: ArithmeticOperator, _ a: Int64, _ b: Int64) throws(Overflow) -> Int64 {
        let (result, overflow): (Int64, Bool)
        switch op {
        case .add: (result, overflow) = a.addingReportingOverflow(b)
        case .subtract: (result, overflow) = a.subtractingReportingOverflow(b)
        case .multiply: (result, overflow) = a.multipliedReportingOverflow(by: b)
        case .divide: throw Overflow()  // never asked: `/` gives decimals
        }
        if overflow { throw Overflow() }
        return result
    }

    /// nil for a division by zero.
    static func decimal(_ op: ArithmeticOperator, _ a: Double, _ b: Double) throws(Overflow) -> Double? {
        let result: Double
        switch op {
        case .add: result = a + b
        case .subtract: result = a - b
        case .multiply: result = a * b
        case .divide:
            if b == 0 { return nil }
            result = a / b
        }
        guard result.isFinite else { throw Overflow() }
        return result
    }

    /// A day number moved by whole days.
    static func date(_ day: Int64, plus days: Int64, subtracting: Bool = false) throws(Overflow) -> Int32 {
        let (moved, overflow) = subtracting ? day.subtractingReportingOverflow(days) : day.addingReportingOverflow(days)
        // Years 1 to 9999, the range dates are written in.
        guard !overflow, moved >= -719_162, moved <= 2_932_896 else { throw Overflow() }
        return Int32(moved)
    }

    /// Rounded to `digits` places, halves away from zero (as Excel's ROUND and SQLite's round).
    static func round(_ x: Double, digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = x * scale
        guard scaled.isFinite, abs(scaled) < 4_503_599_627_370_496 else { return x }
        return scaled.rounded(.toNearestOrAwayFromZero) / scale
    }

    /// Whole units from one day to another: negative when `to` is earlier. Months count as
    /// Excel's DATEDIF does: from 31 January, a month has passed on 28 February only if the
    /// day of the month is reached, so 2009-01-31 to 2009-02-28 is 0 months.
    static func difference(_ unit: DateUnit, from: Int32, to: Int32) -> Int64 {
        if unit == .days { return Int64(to) - Int64(from) }
        let a = CivilDate.components(from), b = CivilDate.components(to)
        var months = Int64((b.year - a.year) * 12 + (b.month - a.month))
        if to >= from, b.day < a.day { months -= 1 }
        if to < from, b.day > a.day { months += 1 }
        return unit == .months ? months : months / 12
    }

    /// One computation over boxed operand values (for measures, a group at a time).
    static func apply(_ computation: Computation, _ operands: [Value]) throws(Overflow) -> ComputedValue {
        if operands.contains(where: \.isMissing) { return .missingOperand }
        switch computation {
        case .operation(let op, _, _, let type):
            return try binary(op, operands[0], operands[1], type: type)
        case .negate(_, let type):
            if type == .integer, case .integer(let i) = operands[0] {
                guard i != .min else { throw Overflow() }
                return .value(.integer(-i))
            }
            return .value(.decimal(-(operands[0].number ?? 0)))
        case .round(_, let digits, let type):
            if type == .integer { return .value(operands[0]) }
            return .value(.decimal(round(operands[0].number ?? 0, digits: digits)))
        case .dateDifference(let unit, _, _):
            guard case .date(let from) = operands[0], case .date(let to) = operands[1] else { return .missingOperand }
            return .value(.integer(difference(unit, from: from, to: to)))
        }
    }

    private static func binary(_ op: ArithmeticOperator, _ a: Value, _ b: Value, type: ColumnType) throws(Overflow) -> ComputedValue {
        switch (a, b) {
        case (.date(let x), .date(let y)): return .value(.integer(Int64(x) - Int64(y)))
        case (.date(let day), .integer(let n)): return .value(.date(try date(Int64(day), plus: n, subtracting: op == .subtract)))
        case (.integer(let n), .date(let day)): return .value(.date(try date(Int64(day), plus: n)))
        case (.integer(let x), .integer(let y)) where type == .integer: return .value(.integer(try integer(op, x, y)))
        default:
            guard let x = a.number, let y = b.number else { return .missingOperand }
            guard let result = try decimal(op, x, y) else { return .divisionByZero }
            return .value(.decimal(result))
        }
    }
}
