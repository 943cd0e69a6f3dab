/// `with` and `without` another dataset in a query: the rows of the first dataset that have
/// (or lack) a matching row there, the semi- and anti-joins of SQL said in words.
extension Parser {
    /// presence = { ( "with" | "without" ) ( dataset [ "on" column "=" column ]
    ///                                     | "(" dataset [ "on" column "=" column ] "where" condition ")" ) } ;
    ///
    /// `with` followed by a word of the `with` list (`ci`, `chi-square`, `ties`, `row`,
    /// `column`) is that list, not a dataset.
    mutating func presenceClauses() throws(ParseProblem) -> [PresenceClause] {
        var clauses: [PresenceClause] = []
        while startsPresence {
            let word = advance()
            let without = ContextWord.without.matches(word.text)
            let open = check(.leftParen) ? advance() : nil
            let dataset = try name(.presenceDataset(word: without ? "without" : "with"))
            var join = JoinClause(dataset: dataset, on: nil, range: word.range.union(dataset.range))
            if match(.on) {
                let left = try name(.joinColumn)
                try consume(.equal, .equalsBetweenJoinColumns)
                let right = try name(.joinedColumn(dataset: dataset.text))
                join.on = (left, right)
            }
            var filter: Expression?
            if let open {
                try consume(.where, .whereInsidePresence)
                filter = try condition()
                try closeParen(opened: open)
            }
            join.range = word.range.union(previous.range)
            clauses.append(PresenceClause(join: join, filter: filter, without: without))
        }
        return clauses
    }

    /// Whether the next words start a `with` or `without` clause.
    private var startsPresence: Bool {
        // After the dataset (or a join), `without` can be nothing else; a missing dataset is
        // then said as such.
        if peek.kind == .word, peek.keyword == nil, ContextWord.without.matches(peek.text) { return true }
        guard check(.with) else { return false }
        let next = peek(1)
        if next.kind == .symbol(.leftParen) { return true }
        guard next.kind == .word || next.kind == .quotedName, next.keyword == nil else { return false }
        let listWords: [ContextWord] = [.ci, .chiSquare, .ties, .row, .column]
        return !listWords.contains { $0.matches(next.text) }
    }
}

/// `without reviews`, `with (reviews where judgement = inadequate)`: which dataset to look
/// for a match in, how rows match (`on`, else as for a join), and which of its rows count.
public struct PresenceClause: Sendable, Equatable {
    /// The dataset and the columns to match, as a `join` names them.
    public var join: JoinClause
    /// Only rows of the other dataset that meet this count as a match.
    public var filter: Expression?
    /// `without`: keep the rows with no match; `with`: the rows with one.
    public var without: Bool
}
