/// Values worked out down the groups of a result, in its order, within each group of one
/// column: `limit 3 per region`, `with rank`, `with running total per region`,
/// `with cumulative percent`, `with change`.
extension Parser {
    /// per = [ "per" operand ] ;  (after `limit N`, and after a within item)
    mutating func perClause(_ query: inout Query) throws(ParseProblem) -> Bool {
        guard check(.per) else { return false }
        let word = advance()
        let column = try operand()
        if let earlier = query.per, earlier.kind != column.kind {
            throw .perTwice(at: word.range.union(column.range))
        }
        query.per = column
        return true
    }

    /// within-item = ( "rank" | "running" "total" | "cumulative" "percent" | "change" ) [ per ] ;
    /// one of the `with` list's items; false when the next words are none of these.
    mutating func withinItem(_ query: inout Query) throws(ParseProblem) -> Bool {
        let item: WithinItem
        if check(.rank) {
            item = .rank
        } else if check(.change) {
            item = .change
        } else if check(.running), ContextWord.total.matches(peek(1).text) {
            advance()
            item = .runningTotal
        } else if check(.cumulative), ContextWord.percent.matches(peek(1).text) {
            advance()
            item = .cumulativePercent
        } else {
            return false
        }
        advance()
        if !query.within.contains(item) { query.within.append(item) }
        _ = try perClause(&query)
        return true
    }
}

/// A value worked out down a grouped result's rows (within each group of `per`, when given).
public enum WithinItem: String, Sendable, Equatable, CaseIterable {
    /// 1 for the first row by `order by`; rows that tie share a rank (1, 2, 2, 4).
    case rank
    /// The measure added up down the rows.
    case runningTotal = "running total"
    /// The running total as a percent of the measure over all rows counted.
    case cumulativePercent = "cumulative percent"
    /// The measure minus the row above's (and the percent's, in percentage points).
    case change
}
