/// The notes under a result that arithmetic left missing values in: how many rows (or groups)
/// had a value missing that it needs, and how many divided by zero. Never `inf`, never silent.
enum ComputedNotes {
    /// The note for `rows` of a computed column; none when every value is there.
    static func missing(in lane: ColumnKernel.Lane, rows: [Int], label: String, unit: String) -> [ResultNote] {
        var operand = 0, zero = 0
        for row in rows where lane.isMissing(row) {
            if lane.dividedByZero?[row] ?? false { zero += 1 } else { operand += 1 }
        }
        return note(label: label, missingOperand: operand, divisionByZero: zero, unit: unit)
    }

    static func note(label: String, missingOperand: Int, divisionByZero: Int, unit: String) -> [ResultNote] {
        guard missingOperand + divisionByZero > 0 else { return [] }
        return [.computedMissing(label: label, missingOperand: missingOperand, divisionByZero: divisionByZero, unit: unit)]
    }
}
