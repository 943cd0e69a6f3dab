/// Evaluates a computation over whole columns: typed arrays in, a typed array out, with the
/// missing rows (and those missing because they divide by zero) as arrays of flags beside it.
///
/// A column of integers, decimals or dates is read as its typed array once; a constant stays one
/// value; anything else (a function of a column, a measure in the groups table) is read through
/// the boxed row-at-a-time value once per row. Each operation is then one loop over the rows.
struct ColumnKernel {
    let table: Table
    let compiled: CompiledExpressions

    /// One operand or result, over every row of the table.
    struct Lane {
        enum Values {
            case integers([Int64]), decimals([Double]), dates([Int32])
            case integer(Int64), decimal(Double), date(Int32)
        }
        var values: Values
        /// Rows whose value is missing; nil when none is.
        var missing: [Bool]?
        /// Rows missing because this computation, or one inside it, divided by zero.
        var dividedByZero: [Bool]?

        @inline(__always) func isMissing(_ row: Int) -> Bool { missing?[row] ?? false }

        @inline(__always) func integer(_ row: Int) -> Int64 {
            switch values {
            case .integers(let v): return v[row]
            case .dates(let v): return Int64(v[row])
            case .integer(let i): return i
            case .date(let d): return Int64(d)
            case .decimals(let v): return Int64(v[row])
            case .decimal(let d): return Int64(d)
            }
        }

        @inline(__always) func decimal(_ row: Int) -> Double {
            switch values {
            case .integers(let v): return Double(v[row])
            case .decimals(let v): return v[row]
            case .dates(let v): return Double(v[row])
            case .integer(let i): return Double(i)
            case .decimal(let d): return d
            case .date(let d): return Double(d)
            }
        }

        var isDate: Bool {
            switch values {
            case .dates, .date: return true
            default: return false
            }
        }

        var isConstant: Bool {
            switch values {
            case .integer, .decimal, .date: return true
            default: return false
            }
        }

        /// The value of one row, boxed.
        func value(_ row: Int) -> Value {
            if isMissing(row) { return .missing }
            switch values {
            case .integers(let v): return .integer(v[row])
            case .decimals(let v): return .decimal(v[row])
            case .dates(let v): return .date(v[row])
            case .integer(let i): return .integer(i)
            case .decimal(let d): return .decimal(d)
            case .date(let d): return .date(d)
            }
        }
    }

    /// The expression's values over every row; throws when a result is too large to hold.
    func evaluate(_ expression: BoundExpression) throws(Arithmetic.Overflow) -> Lane {
        switch expression {
        case .computed(let computation): return try evaluate(computation)
        case .constant(let value):
            switch value {
            case .integer(let i): return Lane(values: .integer(i))
            case .decimal(let d): return Lane(values: .decimal(d))
            case .date(let d): return Lane(values: .date(d))
            default: return Lane(values: .integer(0), missing: [Bool](repeating: true, count: table.rowCount))
            }
        case .column(let index):
            let column = table.columns[index]
            let missing = column.missing.map { bitmap in (0..<table.rowCount).map { bitmap[$0] } }
            switch column.storage {
            case .integer(let v): return Lane(values: .integers((0..<table.rowCount).map { v[$0] }), missing: missing)
            case .decimal(let v): return Lane(values: .decimals(v), missing: missing)
            case .date(let v): return Lane(values: .dates(v), missing: missing)
            default: return boxed(expression)
            }
        default:
            return boxed(expression)
        }
    }

    /// Values read a row at a time (a function's result, a measure of the groups table).
    private func boxed(_ expression: BoundExpression) -> Lane {
        let get = compiled.value(expression)
        let values = (0..<table.rowCount).map(get)
        let missing = values.map { $0.number == nil && !isDate($0) }
        if values.contains(where: { if case .date = $0 { return true } else { return false } }) {
            return Lane(values: .dates(values.map { if case .date(let d) = $0 { return d } else { return 0 } }), missing: missing)
        }
        if values.allSatisfy({ if case .decimal = $0 { return false } else { return true } }) {
            return Lane(values: .integers(values.map { if case .integer(let i) = $0 { return i } else { return 0 } }), missing: missing)
        }
        return Lane(values: .decimals(values.map { $0.number ?? 0 }), missing: missing)
    }

    private func isDate(_ value: Value) -> Bool {
        if case .date = value { return true }
        return false
    }

    private func evaluate(_ computation: Computation) throws(Arithmetic.Overflow) -> Lane {
        let operands = try computation.operands.map { (e) throws(Arithmetic.Overflow) in try evaluate(e) }
        let rows = table.rowCount
        var missing = [Bool](repeating: false, count: rows)
        var dividedByZero: [Bool]?
        for lane in operands {
            if let m = lane.missing { for row in 0..<rows where m[row] { missing[row] = true } }
            if let z = lane.dividedByZero {
                if dividedByZero == nil { dividedByZero = z } else { for row in 0..<rows where z[row] { dividedByZero![row] = true } }
            }
        }
        var result = Lane(values: .integer(0), missing: missing, dividedByZero: dividedByZero)
        switch computation {
        case .operation(let op, _, _, let type):
            let (a, b) = (operands[0], operands[1])
            if type == .decimal {
                var out = [Double](repeating: 0, count: rows)
                for row in 0..<rows where !missing[row] {
                    if let value = try Arithmetic.decimal(op, a.decimal(row), b.decimal(row)) {
                        out[row] = value
                    } else {
                        result.missing![row] = true
                        if result.dividedByZero == nil { result.dividedByZero = [Bool](repeating: false, count: rows) }
                        result.dividedByZero![row] = true
                    }
                }
                result.values = .decimals(out)
            } else if type == .date {
                var out = [Int32](repeating: 0, count: rows)
                let (day, days) = a.isDate ? (a, b) : (b, a)
                for row in 0..<rows where !missing[row] {
                    out[row] = try Arithmetic.date(day.integer(row), plus: days.integer(row), subtracting: op == .subtract)
                }
                result.values = .dates(out)
            } else {
                var out = [Int64](repeating: 0, count: rows)
                for row in 0..<rows where !missing[row] {
                    out[row] = try Arithmetic.integer(op, a.integer(row), b.integer(row))
                }
                result.values = .integers(out)
            }
        case .negate(_, let type):
            let a = operands[0]
            if type == .integer {
                var out = [Int64](repeating: 0, count: rows)
                for row in 0..<rows where !missing[row] {
                    let i = a.integer(row)
                    guard i != .min else { throw Arithmetic.Overflow() }
                    out[row] = -i
                }
                result.values = .integers(out)
            } else {
                result.values = .decimals((0..<rows).map { -a.decimal($0) })
            }
        case .round(_, let digits, let type):
            let a = operands[0]
            result.values = type == .integer ? a.values : .decimals((0..<rows).map { Arithmetic.round(a.decimal($0), digits: digits) })
        case .dateDifference(let unit, _, _):
            let (from, to) = (operands[0], operands[1])
            var out = [Int64](repeating: 0, count: rows)
            for row in 0..<rows where !missing[row] {
                out[row] = Arithmetic.difference(unit, from: Int32(from.integer(row)), to: Int32(to.integer(row)))
            }
            result.values = .integers(out)
        }
        return result
    }
}

/// Whether arithmetic compiled for a query overflowed: the compiled closures cannot throw, so
/// the failure is kept here and the evaluator throws it once the query has run.
final class ComputationFailures: @unchecked Sendable {
    private(set) var overflowed = false
    func overflow() { overflowed = true }
}

extension CompiledExpressions {
    /// A computation's values over the whole table, once; nil (with the failure kept) when a
    /// result is too large to hold.
    func lane(_ expression: BoundExpression) -> ColumnKernel.Lane? {
        do {
            return try ColumnKernel(table: table, compiled: self).evaluate(expression)
        } catch {
            failures.overflow()
            return nil
        }
    }

    /// The error to throw if arithmetic overflowed while the query ran.
    func checkComputations() throws(Diagnostic) {
        if failures.overflowed { throw EvaluationProblem.arithmeticOverflow.diagnostic }
    }
}
