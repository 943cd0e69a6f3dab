/// `with reviews` and `without reviews`: the rows of a query's first dataset that have (or
/// lack) a matching row in another dataset, SQL's semi- and anti-join (`EXISTS`, `NOT
/// EXISTS`) said in words.
///
/// Rows match as a join's do: the columns after `on`, else the catalog's join (declared from
/// either dataset), else the one column name both share; values ignoring case and surrounding
/// spaces. A row whose key is missing matches nothing (so `without` keeps it, as `NOT EXISTS`
/// does), and a note says how many. The clause is worked out here, once, as the rows of the
/// first dataset it keeps; joins, `where` and everything after see only those rows.
public struct BoundPresence: Sendable {
    /// `without`: the rows with no match were kept.
    public var without: Bool
    /// The key column of the first dataset, and of the other one.
    public var left: ColumnOrigin
    public var right: ColumnOrigin
    /// The other dataset bound with the clause's `where`, when it has one: only its rows that
    /// meet it count as matches.
    public var other: BoundQuery?
    /// The first dataset's rows before this clause and after it.
    public var rowsBefore: Int
    public var rowsAfter: Int
    /// Rows of the first dataset whose key is missing.
    public var missingKeys: Int
    /// The other dataset as the clause names it, with its condition in words when it has one.
    public var otherInWords: String
    /// The types of the two key columns (for `show sql`, which matches keys of one type by value).
    public var keyTypes: (left: ColumnType, right: ColumnType) = (.text, .text)

    /// The notes under a result of a query with this clause.
    var notes: [ResultNote] {
        var notes: [ResultNote] = [.presence(kept: rowsAfter, of: rowsBefore, dataset: left.dataset, other: otherInWords,
                                             leftColumn: left.column, rightColumn: right.column, without: without)]
        if missingKeys > 0 {
            notes.append(.presenceKeyMissing(rows: missingKeys, dataset: left.dataset, column: left.column,
                                             other: right.dataset, without: without))
        }
        return notes
    }

    /// Keeps the rows of `dataset` each clause asks for, in order; the clauses as bound, and
    /// the warnings binding their conditions gave.
    static func apply(_ clauses: [PresenceClause], to dataset: Dataset, datasets: [Dataset])
        throws(BindingError) -> (dataset: Dataset, presence: [BoundPresence], warnings: [BindingError]) {
        var dataset = dataset
        var bound: [BoundPresence] = []
        var warnings: [BindingError] = []
        let binder = Binder(datasets: datasets)
        for clause in clauses {
            let word = clause.without ? "without" : "with"
            let right: Dataset
            do { right = try binder.find(clause.join.dataset) } catch {
                guard !clause.without, case .unknownDataset(let name, let known) = error.problem else { throw error }
                throw BindingError(.withUnknownDataset(name: name, known: known), at: error.range)
            }
            guard right.name.lowercased() != dataset.name.lowercased() else {
                throw BindingError(.presenceOfItself(dataset: right.name, word: word), at: clause.join.range)
            }
            let (leftIndex, rightIndex) = try keys(clause, word: word, left: dataset, right: right)
            var other: BoundQuery?
            var matching: [Int] = Array(0..<right.table.rowCount)
            var inWords = right.name
            if let filter = clause.filter {
                var inner = Binder(datasets: datasets)
                let count = Measure(function: .count, argument: nil, range: clause.join.range)
                let query = Query(verb: .aggregate([count]), dataset: clause.join.dataset, filter: filter, range: filter.range)
                let boundOther = try inner.check(query)
                warnings += inner.problems
                let test = CompiledExpressions(table: right.table).predicate(boundOther.filter!)
                matching = matching.filter { test($0) == true }
                inWords += " where " + Explainer(query: boundOther).describe(boundOther.filter!)
                other = boundOther
            }
            let rightKey = right.table.columns[rightIndex]
            var present = Set<String>()
            for row in matching where !rightKey.isMissing(row) { present.insert(JoinPlan.normalized(rightKey.value(at: row))) }
            let leftKey = dataset.table.columns[leftIndex]
            var kept: [Int] = []
            var missingKeys = 0
            for row in 0..<dataset.table.rowCount {
                let value = leftKey.value(at: row)
                if value.isMissing { missingKeys += 1 }
                let matches = !value.isMissing && present.contains(JoinPlan.normalized(value))
                if matches != clause.without { kept.append(row) }
            }
            bound.append(BoundPresence(without: clause.without,
                                       left: ColumnOrigin(dataset: dataset.name, column: leftKey.name),
                                       right: ColumnOrigin(dataset: right.name, column: rightKey.name),
                                       other: other, rowsBefore: dataset.table.rowCount, rowsAfter: kept.count,
                                       missingKeys: missingKeys, otherInWords: inWords, keyTypes: (leftKey.type, rightKey.type)))
            if kept.count < dataset.table.rowCount { dataset.table = dataset.table.gathering(kept) }
        }
        return (dataset, bound, warnings)
    }

    /// The key columns, as a join finds them (the catalog's join declared either way), with an
    /// error that shows this clause's own form when none is found.
    private static func keys(_ clause: PresenceClause, word: String, left: Dataset, right: Dataset) throws(BindingError) -> (Int, Int) {
        do {
            return try Joiner(datasets: []).keys(for: clause.join, left: left, right: right, eitherWay: true)
        } catch {
            guard case .joinKeysUnknown = error.problem else { throw error }
            let example = "\(word) \(right.name) on \(left.table.columns.first?.name ?? "column") = \(right.table.columns.first?.name ?? "column")"
            throw BindingError(.presenceKeysUnknown(left: left.name, right: right.name, word: word, example: example),
                               at: clause.join.range)
        }
    }
}
