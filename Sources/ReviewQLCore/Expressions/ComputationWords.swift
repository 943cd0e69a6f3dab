/// A computation in SQL (for `show sql`, in a dialect's) and in plain words (for `explain`).
extension Computation {
    /// The SQL, given each operand's SQL and type. `/` divides as decimals (SQLite's `/` of two
    /// integers would drop the fraction) and gives NULL for a division by zero, as ReviewQL gives
    /// a missing value; what differs between engines (dates above all) is the dialect's.
    func sql<E: Error>(_ operand: (BoundExpression) throws(E) -> String,
                       type: (BoundExpression) -> ColumnType?, dialect: any SQLDialect) throws(E) -> String {
        switch self {
        case .operation(let op, let l, let r, let resultType):
            let (a, b) = (try operand(l), try operand(r))
            let (lt, rt) = (type(l), type(r))
            if lt == .date, rt == .date { return dialect.daysBetween(from: b, to: a) }
            if resultType == .date {
                let (day, days) = lt == .date ? (a, b) : (b, a)
                return dialect.addDays(days, to: day, subtracting: op == .subtract)
            }
            if op == .divide { return dialect.divide(a, b) }
            return "(\(a) \(op.rawValue) \(b))"
        case .negate(let e, _):
            return "(-\(try operand(e)))"
        case .round(let e, let digits, let resultType):
            let inner = try operand(e)
            return resultType == .integer ? inner : dialect.round(inner, digits)
        case .dateDifference(let unit, let from, let to):
            let (a, b) = (try operand(from), try operand(to))
            if unit == .days { return dialect.daysBetween(from: a, to: b) }
            func part(_ part: DatePart, _ date: String) -> String { dialect.datePart(part, of: date) }
            let months = "((\(part(.year, b)) - \(part(.year, a))) * 12 + \(part(.month, b)) - \(part(.month, a))"
                + " - \(dialect.asInteger("\(b) >= \(a) AND \(part(.day, b)) < \(part(.day, a))"))"
                + " + \(dialect.asInteger("\(b) < \(a) AND \(part(.day, b)) > \(part(.day, a))")))"
            return unit == .months ? months : dialect.integerDivide(months, "12")
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
