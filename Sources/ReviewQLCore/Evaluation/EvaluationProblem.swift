/// What can go wrong while a bound query runs, worded in one place.
enum EvaluationProblem: Error {
    /// A sum, average or median too large for a number to hold.
    case overflow(measure: String)
    /// `with running total` ... under `set suppress`: the values down the rows would give
    /// hidden counts away.
    case withinUnderSuppression(item: WithinItem)

    var diagnostic: Diagnostic {
        switch self {
        case .overflow(let measure):
            return Diagnostic(.error, "\(measure) is too large to work out: it is beyond about 1.8 × 10^308, the largest number ReviewQL holds",
                              help: "check the column for values that are far too large, e.g. list ... order by it desc limit 5")
        case .withinUnderSuppression(let item):
            return Diagnostic(.error, "`with \(item.rawValue)` cannot be shown while small counts are hidden: the values down the rows would give them away",
                              help: "set suppress off to see it, and share only the suppressed result")
        }
    }
}
