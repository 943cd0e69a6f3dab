/// Compiles bound expressions into closures over a table's columns, evaluated row by row.
///
/// Conditions on a text column are decided once per distinct value (the dictionary) and then
/// looked up by code for each row, so a filter on a million rows of a few hundred authorities
/// compares strings a few hundred times, not a million.
struct CompiledExpressions {
    let table: Table
    /// Arithmetic too large to hold, found while compiling (the evaluator throws it).
    let failures = ComputationFailures()

    /// A row's value of a scalar expression.
    func value(_ expression: BoundExpression) -> (Int) -> Value {
        switch expression {
        case .column(let index):
            let column = table.columns[index]
            return { column.value(at: $0) }
        case .constant(let value):
            return { _ in value }
        case .function(let function, let argument):
            let inner = value(argument)
            return { Functions.apply(function, inner($0)) }
        case .computed:
            guard let lane = lane(expression) else { return { _ in .missing } }
            return { lane.value($0) }
        case .measure, .groupKey, .percent:
            // Only `having` and `order by` of aggregates use these; the aggregator evaluates them.
            return { _ in .missing }
        default:
            let test = predicate(expression)
            return { row in test(row).map(Value.boolean) ?? .missing }
        }
    }

    /// A row's truth value of a condition: nil when it depends on a missing value (and so is
    /// neither true nor false, as in SQL: `where not x = 1` keeps no row where x is missing).
    func predicate(_ expression: BoundExpression) -> (Int) -> Bool? {
        switch expression {
        case .and(let left, let right):
            let l = predicate(left), r = predicate(right)
            return { row in
                let a = l(row)
                if a == false { return false }
                let b = r(row)
                if b == false { return false }
                return a == nil || b == nil ? nil : true
            }
        case .or(let left, let right):
            let l = predicate(left), r = predicate(right)
            return { row in
                let a = l(row)
                if a == true { return true }
                let b = r(row)
                if b == true { return true }
                return a == nil || b == nil ? nil : false
            }
        case .not(let inner):
            let test = predicate(inner)
            return { row in test(row).map { !$0 } }
        case .isMissing(let subject, let negated):
            let get = value(subject)
            return { row in get(row).isMissing != negated }
        case .compare(let comparison, let left, .constant(let constant)):
            return onSubject(left) { ValueOrder.test(comparison, $0, constant, scale: $1) }
        case .compare(let comparison, let left, let right):
            let l = value(left), r = value(right)
            let scale = scaleOf(left)
            return { row in ValueOrder.test(comparison, l(row), r(row), scale: scale) }
        case .inList(let subject, let values, let negated):
            return onSubject(subject) { value, scale in
                if value.isMissing { return nil }
                let found = values.contains { ValueOrder.test(.equal, value, $0, scale: scale) == true }
                return found != negated
            }
        case .between(let subject, let low, let high, let negated):
            return onSubject(subject) { value, scale in
                guard let above = ValueOrder.test(.greaterEqual, value, low, scale: scale),
                      let below = ValueOrder.test(.lessEqual, value, high, scale: scale) else { return nil }
                return (above && below) != negated
            }
        case .textMatch(let match, let subject, let pattern, let negated):
            let needle = pattern.lowercased()
            return onSubject(subject) { value, _ in
                guard case .text(let text) = value else { return nil }
                let lowered = text.lowercased()
                let found: Bool
                switch match {
                case .contains: found = needle.isEmpty || lowered.contains(needle)
                case .startsWith: found = lowered.hasPrefix(needle)
                case .endsWith: found = lowered.hasSuffix(needle)
                }
                return found != negated
            }
        default:
            let get = value(expression)
            return { row in
                if case .boolean(let b) = get(row) { return b }
                return nil
            }
        }
    }

    /// A test of one value, applied to every row of `subject`. For a text column the test runs
    /// once per dictionary entry and rows look their code up.
    private func onSubject(_ subject: BoundExpression, _ test: @escaping (Value, [String]?) -> Bool?) -> (Int) -> Bool? {
        if case .column(let index) = subject, case .text(let codes, let dictionary) = table.columns[index].storage {
            let column = table.columns[index]
            let scale = column.scale
            let byCode = dictionary.map { test(.text($0), scale) }
            let missingResult = test(.missing, scale)
            // One closure per code width, so that a row's lookup does not ask the width again.
            func lookup<Code: FixedWidthInteger>(_ codes: [Code]) -> (Int) -> Bool? {
                if let missing = column.missing {
                    return { row in missing[row] ? missingResult : byCode[Int(codes[row])] }
                }
                return { row in byCode[Int(codes[row])] }
            }
            switch codes {
            case .bytes(let c): return lookup(c)
            case .shorts(let c): return lookup(c)
            case .words(let c): return lookup(c)
            }
        }
        let get = value(subject)
        let scale = scaleOf(subject)
        return { row in test(get(row), scale) }
    }

    private func scaleOf(_ expression: BoundExpression) -> [String]? {
        if case .column(let index) = expression { return table.columns[index].scale }
        return nil
    }
}

/// How values compare: numbers by value, dates by day, text ignoring case (or by position on an
/// ordered scale), and anything compared with a missing value is unknown (nil).
public enum ValueOrder {
    public static func test(_ comparison: Comparison, _ a: Value, _ b: Value, scale: [String]?) -> Bool? {
        guard let order = compare(a, b, scale: scale) else { return nil }
        switch comparison {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        case .greaterEqual: return order >= 0
        }
    }

    /// -1, 0 or 1; nil when either is missing or they cannot be compared.
    public static func compare(_ a: Value, _ b: Value, scale: [String]? = nil) -> Int? {
        switch (a, b) {
        case (.missing, _), (_, .missing): return nil
        case (.integer(let x), .integer(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.text(let x), .text(let y)):
            if let scale {
                let i = scale.firstIndex { $0.lowercased() == x.lowercased() }
                let j = scale.firstIndex { $0.lowercased() == y.lowercased() }
                if let i, let j { return i < j ? -1 : (i > j ? 1 : 0) }
            }
            let lx = x.lowercased(), ly = y.lowercased()
            return lx < ly ? -1 : (lx > ly ? 1 : 0)
        default:
            if let x = a.number, let y = b.number { return x < y ? -1 : (x > y ? 1 : 0) }
            return nil
        }
    }

    /// A total order for sorting: missing values last, then by `compare`, ties broken by the
    /// exact text so the order never depends on the input's.
    public static func sortsBefore(_ a: Value, _ b: Value, scale: [String]?) -> Bool {
        switch (a.isMissing, b.isMissing) {
        case (true, _): return false
        case (false, true): return true
        default: break
        }
        if let order = compare(a, b, scale: scale), order != 0 { return order < 0 }
        if case .text(let x) = a, case .text(let y) = b { return x < y }
        return false
    }
}

/// The scalar functions of the language, applied to one value.
enum Functions {
    static func apply(_ function: ScalarFunction, _ value: Value) -> Value {
        switch (function, value) {
        case (_, .missing): return .missing
        case (.year, .date(let day)): return .integer(Int64(CivilDate.components(day).year))
        case (.month, .date(let day)): return .integer(Int64(CivilDate.components(day).month))
        case (.day, .date(let day)): return .integer(Int64(CivilDate.components(day).day))
        case (.quarter, .date(let day)): return .integer(Int64((CivilDate.components(day).month - 1) / 3 + 1))
        case (.financialYear, .date(let day)):
            let (year, month, _) = CivilDate.components(day)
            let start = month >= 4 ? year : year - 1
            let next = (start + 1) % 100
            return .text("\(start)-" + (next < 10 ? "0\(next)" : "\(next)"))
        // Cut from the ISO date, so the year has four digits, as SQLite's %Y writes it, and
        // periods sort in time order as text.
        case (.yearMonth, .date(let day)): return .text(String(CivilDate.iso(day).prefix(7)))
        case (.yearQuarter, .date(let day)):
            return .text(CivilDate.iso(day).prefix(4) + " Q\((CivilDate.components(day).month - 1) / 3 + 1)")
        case (.lower, .text(let text)): return .text(text.lowercased())
        case (.upper, .text(let text)): return .text(text.uppercased())
        case (.length, .text(let text)): return .integer(Int64(text.count))
        default: return .missing
        }
    }
}
