/// What can go wrong while a bound query runs, worded in one place.
enum EvaluationProblem: Error {
    /// A sum, average or median too large for a number to hold.
    case overflow(measure: String)
    /// Arithmetic whose result is too large to hold (`+ - *` of whole numbers beyond 64 bits,
    /// a decimal beyond about 1.8e308, a date beyond the year 9999).
    case arithmeticOverflow
    /// A measure worked out from others while small counts are hidden: it could give them away.
    case computedMeasureSuppressed(label: String)

    var diagnostic: Diagnostic {
        switch self {
        case .overflow(let measure):
            return Diagnostic(.error, "\(measure) is too large to work out: it is beyond about 1.8 × 10^308, the largest number ReviewQL holds",
                              help: "check the column for values that are far too large, e.g. list ... order by it desc limit 5")
        case .arithmeticOverflow:
            return Diagnostic(.error, "a result of this arithmetic is too large to hold: beyond 9,223,372,036,854,775,807 for whole numbers, about 1.8 × 10^308 for decimals, or a date past the year 9999",
                              help: "multiply by a decimal (1.0 * x) to work in decimals, or check the values with list ... order by")
        case .computedMeasureSuppressed(let label):
            return Diagnostic(.error, "\(label) is worked out from counts, and set suppress is on: it could give a hidden count away",
                              help: "show the counts themselves (they are hidden where small), or set suppress off for a result you will not share")
        }
    }
}
