/// `rate 12 of 45000 per 10000`: a rate with its exact interval; `rate 12 of 45000 as Norfolk
/// with 30 of 50000 as Suffolk`: two rates compared.
extension Parser {
    /// rate = "rate" pair [ ( "with" | "and" ) pair ] [ "per" whole-number ] ;
    mutating func rate() throws(ParseProblem) -> Statement {
        let word = advance()
        let first = try countPair(eventsMayExceed: true)
        var second: CountPair?
        if match(.with) || match(.and) { second = try countPair(eventsMayExceed: true) }
        var per = 10_000
        if check(.per) {
            advance()
            guard peek.kind == .number, let number = Int(peek.text), number > 0 else { throw .rateNeedsPer(at: peek.range) }
            per = number
            advance()
        }
        return .rate(RateQuestion(first: first, second: second, per: per, range: word.range.union(previous.range)))
    }
}

/// The rates a `rate` statement asks for: events of a population, and how many of the
/// population to say it per.
public struct RateQuestion: Sendable, Equatable {
    public var first: CountPair
    public var second: CountPair?
    /// `per 10000` (10,000 when not said).
    public var per: Int
    public var range: SourceRange
}
