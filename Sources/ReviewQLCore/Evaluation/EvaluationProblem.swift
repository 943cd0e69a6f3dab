/// What can go wrong while a bound query runs, worded in one place.
enum EvaluationProblem: Error {
    /// A sum, average or median too large for a number to hold.
    case overflow(measure: String)

    var diagnostic: Diagnostic {
        switch self {
        case .overflow(let measure):
            return Diagnostic(.error, "\(measure) is too large to work out: it is beyond about 1.8 × 10^308, the largest number ReviewQL holds",
                              help: "check the column for values that are far too large, e.g. list ... order by it desc limit 5")
        }
    }
}
