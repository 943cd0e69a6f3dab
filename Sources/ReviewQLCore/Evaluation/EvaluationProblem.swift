/// What can go wrong while a bound query runs, worded in one place.
enum EvaluationProblem: Error {
    /// A sum, average or median too large for a number to hold.
    case overflow(measure: String)
    /// Arithmetic whose result is too large to hold (`+ - *` of whole numbers beyond 64 bits,
    /// a decimal beyond about 1.8e308, a date beyond the year 9999).
    case arithmeticOverflow
    /// A measure worked out from others while small counts are hidden: it could give them away.
    case computedMeasureSuppressed(label: String)
    /// A grouping that would make more than `maximumGroups` groups (`groups` is how many at
    /// least, by the time it was stopped).
    case tooManyGroups(groups: Int)

    /// The most groups one result may have: more would not be read, and would take minutes and
    /// gigabytes to make (`group by judgement, judgement, …` eleven times is 4¹¹).
    static let maximumGroups = 1_000_000
    /// `with running total` ... under `set suppress`: the values down the rows would give
    /// hidden counts away.
    case withinUnderSuppression(item: WithinItem)

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
        case .tooManyGroups(let groups):
            return Diagnostic(.error, "this grouping would make at least \(groups) groups, more than the \(Self.maximumGroups) a result can hold; it was stopped",
                              help: "group by fewer columns, or by columns with fewer values (each scale column adds every one of its levels)")
        case .withinUnderSuppression(let item):
            return Diagnostic(.error, "`with \(item.rawValue)` cannot be shown while small counts are hidden: the values down the rows would give them away",
                              help: "set suppress off to see it, and share only the suppressed result")
        }
    }
}
