/// A computation in SQLite's SQL (for `show sql`) and in plain words (for `explain`).
extension Computation {
    /// The SQL, given each operand's SQL and type. `/` divides as decimals (SQLite's `/` of two
    /// integers would drop the fraction) and gives NULL for a division by zero, as ReviewQL gives
    /// a missing value; dates are `yyyy-mm-dd` text, so differences go through `julianday`.
    func sql<E: Error>(_ operand: (BoundExpression) throws(E) -> String,
                       type: (BoundExpression) -> ColumnType?) throws(E) -> String {
        switch self {
        case .operation(let op, let l, let r, let resultType):
            let (a, b) = (try operand(l), try operand(r))
            let (lt, rt) = (type(l), type(r))
            if lt == .date, rt == .date { return "CAST(julianday(\(a)) - julianday(\(b)) AS INTEGER)" }
            if resultType == .date {
                let (day, days) = lt == .date ? (a, b) : (b, a)
                return "date(\(day), printf('%+d days', \(op == .subtract ? "-(\(days))" : days)))"
            }
            if op == .divide { return "(CAST(\(a) AS REAL) / \(b))" }
            return "(\(a) \(op.rawValue) \(b))"
        case .negate(let e, _):
            return "(-\(try operand(e)))"
        case .round(let e, let digits, let resultType):
            let inner = try operand(e)
            return resultType == .integer ? inner : "round(\(inner), \(digits))"
        case .dateDifference(let unit, let from, let to):
            let (a, b) = (try operand(from), try operand(to))
            if unit == .days { return "CAST(julianday(\(b)) - julianday(\(a)) AS INTEGER)" }
            func part(_ format: String, _ date: String) -> String { "CAST(strftime('\(format)', \(date)) AS INTEGER)" }
            let months = "((\(part("%Y", b)) - \(part("%Y", a))) * 12 + \(part("%m", b)) - \(part("%m", a))"
                + " - (\(b) >= \(a) AND \(part("%d", b)) < \(part("%d", a)))"
                + " + (\(b) < \(a) AND \(part("%d", b)) > \(part("%d", a))))"
            return unit == .months ? months : "(\(months) / 12)"
        }
    }

    /// The computation read aloud: "deaths divided by children", "the days from start to end".
    func words(_ operand: (BoundExpression) -> String) -> String {
        switch self {
        case .operation(let op, let l, let r, _):
            return "(\(operand(l)) \(op.words) \(operand(r)))"
        case .negate(let e, _):
            return "minus \(operand(e))"
        case .round(let e, let digits, _):
            return "\(operand(e)) rounded to \(digits == 0 ? "a whole number" : "\(digits) decimal place\(digits == 1 ? "" : "s")")"
        case .dateDifference(let unit, let from, let to):
            return "the \(unit == .days ? "" : "whole ")\(unit.rawValue) from \(operand(from)) to \(operand(to))"
        }
    }
}
