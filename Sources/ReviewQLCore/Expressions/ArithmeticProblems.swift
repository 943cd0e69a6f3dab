/// The binder's problems with arithmetic, in words (the cases are `BindingProblem`'s; its
/// `diagnostic(at:)` sends them here).
extension BindingProblem {
    func arithmeticDiagnostic(at range: SourceRange?) -> Diagnostic {
        switch self {
        case .arithmeticTypes(let operation, let left, let leftType, let right, let rightType):
            let help = leftType == .date || rightType == .date
                ? "a date minus a date is the days between them; a date plus or minus a whole number of days is a date; months between a and b counts whole months"
                : leftType == .text || rightType == .text
                    ? "arithmetic needs numbers; a column of numbers held as text (with symbols such as * or n/a) can be loaded again with those cells empty"
                    : "arithmetic needs numbers, or dates with whole days"
            return .error("cannot work out \(left) \(operation) \(right): \(left) is \(leftType.rawValue) and \(right) is \(rightType.rawValue)",
                          at: range, help: help)
        case .arithmeticOperandType(let what, let expected, let operand, let type):
            return .error("\(what) needs \(expected), and \(operand) is \(type.rawValue)", at: range)
        case .measureNameInWhere(let name):
            return .error("\(name) is a measure, worked out per group, so `where` (which picks rows) cannot use it", at: range,
                          help: "to keep only some groups by it, use `having \(name) ...` after `group by`")
        default:
            return .error("this arithmetic cannot be worked out", at: range)
        }
    }
}
