/// What can go wrong while a bound query runs, worded in one place.
enum EvaluationProblem: Error {
    /// A sum, average or median too large for a number to hold.
    case overflow(measure: String)
    /// A grouping that would make more than `maximumGroups` groups (`groups` is how many at
    /// least, by the time it was stopped).
    case tooManyGroups(groups: Int)

    /// The most groups one result may have: more would not be read, and would take minutes and
    /// gigabytes to make (`group by judgement, judgement, …` eleven times is 4¹¹).
    static let maximumGroups = 1_000_000

    var diagnostic: Diagnostic {
        switch self {
        case .overflow(let measure):
            return Diagnostic(.error, "\(measure) is too large to work out: it is beyond about 1.8 × 10^308, the largest number ReviewQL holds",
                              help: "check the column for values that are far too large, e.g. list ... order by it desc limit 5")
        case .tooManyGroups(let groups):
            return Diagnostic(.error, "this grouping would make at least \(groups) groups, more than the \(Self.maximumGroups) a result can hold; it was stopped",
                              help: "group by fewer columns, or by columns with fewer values (each scale column adds every one of its levels)")
        }
    }
}
