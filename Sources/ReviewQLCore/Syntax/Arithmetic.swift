/// The syntax of arithmetic and date expressions: what the parser builds for
/// `deaths / children * 100`, `-x`, `round(rate, 1)` and `days between start and letter_date`.
/// Bound, they become `Computation`s (Expressions/Computation.swift).

/// `+ - * /`, as written with ASCII or with `×`, `÷` and `−`.
public enum ArithmeticOperator: String, Sendable, Equatable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    /// How the operator is read aloud, for `explain`.
    public var words: String {
        switch self {
        case .add: return "plus"
        case .subtract: return "minus"
        case .multiply: return "times"
        case .divide: return "divided by"
        }
    }
}

/// The unit of a difference between two dates: `days between`, `months between`, `years between`.
public enum DateUnit: String, Sendable, Equatable, CaseIterable {
    case days, months, years

    /// The unit named by a word (`days`, `months`, `years`), in any case.
    public init?(word: String) {
        if ContextWord.days.matches(word) { self = .days }
        else if ContextWord.months.matches(word) { self = .months }
        else if ContextWord.years.matches(word) { self = .years }
        else { return nil }
    }
}

public indirect enum ArithmeticSyntax: Sendable, Equatable {
    case operation(ArithmeticOperator, Expression, Expression)
    /// `-x`
    case negate(Expression)
    /// `round(x, 1)`: to the number of decimal places, halves away from zero (as Excel and
    /// SQLite round); `round(x)` to a whole number.
    case round(Expression, digits: Int)
    /// `days between a and b`: from a to b, so positive when b is later.
    case dateDifference(DateUnit, from: Expression, to: Expression)
}
