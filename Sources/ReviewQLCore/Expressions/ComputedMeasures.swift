/// Measures worked out from others (`sum deaths / sum children * 100 as rate`): once every
/// plain measure of a group is known, each computed one is worked out from them, in order, so
/// one may use another by its name.
extension Aggregator {
    /// Works out the computed measures of one group in place; returns the indices of those
    /// missing because they divide by zero.
    func fillComputed(_ values: inout [Value], key: [Value]) throws(Diagnostic) -> Set<Int> {
        var dividedByZero: Set<Int> = []
        for (index, measure) in measures.enumerated() {
            guard let expression = measure.computed else { continue }
            let outcome: ComputedValue
            do { outcome = try evaluate(expression, values, key) } catch { throw EvaluationProblem.arithmeticOverflow.diagnostic }
            switch outcome {
            case .value(let value): values[index] = value
            case .missingOperand: values[index] = .missing
            case .divisionByZero:
                values[index] = .missing
                dividedByZero.insert(index)
            }
        }
        return dividedByZero
    }

    private func evaluate(_ expression: BoundExpression, _ values: [Value], _ key: [Value]) throws(Arithmetic.Overflow) -> ComputedValue {
        switch expression {
        case .measure(let index): return values[index].isMissing ? .missingOperand : .value(values[index])
        case .groupKey(let index): return key[index].isMissing ? .missingOperand : .value(key[index])
        case .constant(let value): return .value(value)
        case .computed(let computation):
            var operands: [Value] = []
            for operand in computation.operands {
                switch try evaluate(operand, values, key) {
                case .value(let value): operands.append(value)
                case .divisionByZero: return .divisionByZero
                case .missingOperand: return .missingOperand
                }
            }
            return try Arithmetic.apply(computation, operands)
        default:
            return .missingOperand
        }
    }

    /// Notes for the computed measures shown: how many of the groups shown lack a value, and why.
    func computedNotes(_ rows: [GroupRow]) -> [ResultNote] {
        var notes: [ResultNote] = []
        for index in visibleMeasures where measures[index].computed != nil {
            var operand = 0, zero = 0
            for row in rows where row.measures[index].isMissing {
                var values = row.measures
                if (try? fillComputed(&values, key: row.key))?.contains(index) == true { zero += 1 } else { operand += 1 }
            }
            notes += ComputedNotes.note(label: measures[index].label, missingOperand: operand, divisionByZero: zero, unit: "group")
        }
        return notes
    }
}
