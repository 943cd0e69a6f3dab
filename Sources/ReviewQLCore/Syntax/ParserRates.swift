/// `rate 12 of 45000 per 10000`: a rate with its exact interval; `rate 12 of 45000 as Norfolk
/// with 30 of 50000 as Suffolk`: two rates compared.
extension Parser {
    /// rate = "rate" pair [ ( "with" | "and" ) pair ] [ "per" whole-number ] ;
    mutating func rate() throws(ParseProblem) -> Statement {
        let word = advance()
        if check(.of), peek(1).kind != .number { return .rateOfDataset(try rateOfDataset(from: word)) }
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

extension Parser {
    /// rate-of = "rate" "of" dataset { join } [ "where" condition ] [ "group" "by" operand ]
    ///           "per" whole-number column "from" dataset [ "on" column ] ;
    /// The events are counted by group first; the population is summed by group, then matched.
    /// `rate of DATASET ...` after `explain` or `show sql`; nil when the statement is a query.
    mutating func rateOfDatasetAhead() throws(ParseProblem) -> PopulationRateQuery? {
        let form = peek.kind == .word ? Vocabulary.statementForm(first: peek.text, second: peek(1).text) : nil
        guard form?.rule == .rate, peek(1).keyword == .of, peek(2).kind != .number else { return nil }
        return try rateOfDataset(from: advance())
    }

    mutating func rateOfDataset(from word: Token) throws(ParseProblem) -> PopulationRateQuery {
        advance()
        let dataset = try name(.proportionDataset(verb: "rate"))
        var events = Query(verb: .aggregate([Measure(function: .count, argument: nil, range: dataset.range)]),
                           dataset: dataset, range: word.range)
        events.joins = try joins()
        if match(.where) { events.filter = try condition() }
        events.groupBy = try groupByClause()
        guard check(.per) else { throw .rateNeedsPopulation(at: peek.range) }
        advance()
        guard peek.kind == .number, let per = Int(peek.text), per > 0 else { throw .rateNeedsPer(at: peek.range) }
        advance()
        let column = try name(.populationColumn)
        guard match(.from) || match(.of) else { throw .rateNeedsPopulation(at: peek.range) }
        let population = try name(.populationDataset)
        var key: Name?
        if match(.on) { key = try name(.populationKey) }
        events.range = word.range.union(previous.range)
        return PopulationRateQuery(events: events, per: per, column: column, population: population, key: key,
                                   range: events.range)
    }
}

/// `rate of reviews join authorities group by region per 10000 children from population`: events
/// counted by group, each group's population summed from another dataset, and the rates.
public struct PopulationRateQuery: Sendable, Equatable {
    /// `count` of the events' dataset, with its joins, `where` and at most one group.
    public var events: Query
    public var per: Int
    /// The population's column that holds how many people a row stands for.
    public var column: Name
    public var population: Name
    /// `on area`: the population's column that holds the groups, when it is not named as the group is.
    public var key: Name?
    public var range: SourceRange
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
