/// `limit 3 per region` and the values worked out down a grouped result's rows: `with rank`,
/// `with running total`, `with cumulative percent`, `with change`, each within the groups of
/// `per` when the query names one (the result then lists each of its groups together, in the
/// order of its values, and within each the order `order by` gives).
///
/// The values are worked out over the groups `having` keeps, in order, before `limit` cuts
/// them (as SQL's window functions are), so a row's rank, running total and change are the
/// same whether or not the rows after it are shown. A cumulative percent is of the measure
/// over every row counted (of the `per` group), as the `percent` column is.
extension GroupCutter {
    /// `kept`, sorted by `order by`, with the rows of each group of `per` together.
    func partitioned(_ kept: [Int], groupTable: Table) -> [Int] {
        guard let per = aggregator.query.per else { return kept }
        let key: Ties.SortKey = ({ row in groupTable.columns[per].value(at: row) }, false, aggregator.query.groupKeys[per].scale)
        return Evaluator.sort(kept, by: [key])
    }

    /// Where each group of `per` starts in `rows` (all of them one group without `per`).
    func partitionStarts(_ rows: [Int]) -> [Range<Int>] {
        guard let per = aggregator.query.per else { return rows.isEmpty ? [] : [0..<rows.count] }
        var ranges: [Range<Int>] = []
        var start = 0
        for position in rows.indices.dropFirst() where self.rows[rows[position]].key[per] != self.rows[rows[position - 1]].key[per] {
            ranges.append(start..<position)
            start = position
        }
        if !rows.isEmpty { ranges.append(start..<rows.count) }
        return ranges
    }

    /// `limit N per COLUMN`: the first N of each group of `per`, with the rows after them that
    /// tie with the last (kept by `with ties`, named in a note otherwise).
    func limitPerGroup(_ kept: [Int], limit: Int, keys: [Ties.SortKey], groupTable: Table, notes: inout [ResultNote]) -> [Int] {
        var shown: [Int] = []
        var extra = 0
        for range in partitionStarts(kept) {
            let (first, tied) = Ties.cut(Array(kept[range]), limit: limit, keys: keys)
            shown += first
            guard !tied.isEmpty, let last = first.last else { continue }
            if aggregator.query.limitWithTies {
                shown += tied
                extra += tied.count
            } else {
                let measure = aggregator.onGroupColumns(aggregator.query.orderBy[0].key)
                let name = if case .column(let index) = measure { groupTable.columns[index].name } else { "value" }
                notes.append(.tiesCut(labels: tied.map { rows[$0].key.map(ValueFormatter.plain).joined(separator: " / ") },
                                      value: ValueFormatter.plain(keys[0].value(last)), measure: name, unit: "group"))
            }
        }
        if extra > 0 { notes.append(.tiesKept(extra: extra, limit: limit, unit: "group")) }
        return shown
    }

    /// What each within item means, said under the result.
    func withinNotes() -> [ResultNote] {
        let query = aggregator.query
        guard let measure = aggregator.visibleMeasures.first else { return [] }
        let per = query.per.map { query.groupKeys[$0].label }
        let order = query.orderBy.first.map { item in
            let key = aggregator.onGroupColumns(item.key)
            let groupTable = table()
            let name = if case .column(let index) = key { groupTable.columns[index].name } else { "value" }
            return name + (item.descending ? " desc" : "")
        }
        return query.within.map { .within(item: $0, measure: aggregator.measures[measure].label, per: per, order: order) }
    }

    /// Each kept row's within values, in the order of the query's items (`change` gives two
    /// when the result has a percent: the change in it, in percentage points).
    func withinValues(_ kept: [Int], keys: [Ties.SortKey], hasPercent: Bool) -> [Int: [Value]] {
        let query = aggregator.query
        guard !query.within.isEmpty, let measure = aggregator.visibleMeasures.first else { return [:] }
        var values: [Int: [Value]] = [:]
        var ranks: [Int: Value] = [:]
        for range in partitionStarts(kept) {
            let part = Array(kept[range])
            let whole = partitionTotal(of: part.first.map { rows[$0].key } ?? [], measure: measure)
            var running: Value = .integer(0)
            for (position, row) in part.enumerated() {
                let value = rows[row].measures[measure]
                running = Self.add(running, value)
                let previous = position > 0 ? part[position - 1] : nil
                var items: [Value] = []
                for item in query.within {
                    switch item {
                    case .rank:
                        let tiesAbove = previous.map { p in keys.allSatisfy { Self.same($0.value(p), $0.value(row), $0.scale) } } ?? false
                        ranks[row] = tiesAbove ? ranks[previous!]! : .integer(Int64(position + 1))
                        items.append(ranks[row]!)
                    case .runningTotal: items.append(running)
                    case .cumulativePercent:
                        guard let sum = running.number, let whole, whole != 0 else { items.append(.missing); continue }
                        items.append(.decimal((sum * 1000 / whole).rounded(.toNearestOrAwayFromZero) / 10))
                    case .change:
                        items.append(previous.map { Self.subtract(value, rows[$0].measures[measure]) } ?? .missing)
                        if hasPercent {
                            let points = previous.flatMap { p in rows[row].percent.number.flatMap { a in rows[p].percent.number.map { a - $0 } } }
                            items.append(points.map { .decimal(($0 * 10).rounded(.toNearestOrAwayFromZero) / 10) } ?? .missing)
                        }
                    }
                }
                values[row] = items
            }
        }
        return values
    }

    /// The measure over every group (before `having`) that shares `key`'s `per` value: every row
    /// counted, as the percent column's base is. A sum leaves out groups with no values to add
    /// (as the sum does); a count that is unknown makes the total unknown (nil).
    private func partitionTotal(of key: [Value], measure: Int) -> Double? {
        let per = aggregator.query.per
        let isSum = aggregator.measures[measure].function == .sum
        var total = 0.0
        for row in rows where per == nil || row.key[per!] == key[per!] {
            guard let number = row.measures[measure].number else {
                if isSum { continue }
                return nil
            }
            total += number
        }
        return total
    }

    private static func same(_ a: Value, _ b: Value, _ scale: [String]?) -> Bool {
        a.isMissing == b.isMissing && !ValueOrder.sortsBefore(a, b, scale: scale) && !ValueOrder.sortsBefore(b, a, scale: scale)
    }

    /// Sums and differences that stay whole numbers when both are; missing when either is.
    static func add(_ a: Value, _ b: Value) -> Value {
        if case .integer(let x) = a, case .integer(let y) = b, case (let sum, false) = x.addingReportingOverflow(y) { return .integer(sum) }
        guard let x = a.number, let y = b.number else { return .missing }
        return .decimal(x + y)
    }

    static func subtract(_ a: Value, _ b: Value) -> Value {
        if case .integer(let x) = a, case .integer(let y) = b, case (let difference, false) = x.subtractingReportingOverflow(y) {
            return .integer(difference)
        }
        guard let x = a.number, let y = b.number else { return .missing }
        return .decimal(x - y)
    }
}

extension WithinItem {
    /// The result columns an item adds: `change` adds the change in the percent too, when the
    /// result has one.
    func labels(hasPercent: Bool) -> [String] {
        self == .change && hasPercent ? ["change", "change in points"] : [rawValue]
    }

    /// How many decimals to show people.
    var decimals: Int? { self == .cumulativePercent ? 1 : nil }
}
