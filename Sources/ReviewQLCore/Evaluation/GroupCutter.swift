/// `having`, `order by` and `limit` on an aggregate's groups, each group seen as a row of a
/// small table of its keys, every measure and the percent, so they run through the same
/// compiled expressions as `where`.
///
/// Under `set suppress`, a hidden count is missing here: `having` cannot keep a group by it and
/// `order by` cannot rank by it, so hidden groups go last, in label order, and notes say so. A
/// `limit` that cuts between groups with the same value names the ones it left out, or keeps
/// them with `limit N with ties`.
struct GroupCutter {
    let aggregator: Aggregator
    let rows: [Aggregator.GroupRow]
    /// Whether the result has a percent column (whose change `with change` gives too).
    var hasPercent = false

    /// The groups kept, in order; notes about what was left out or not ranked go to `notes`.
    func cut(notes: inout [ResultNote]) -> [Aggregator.GroupRow] {
        let query = aggregator.query
        let groupTable = table()
        let onGroups = CompiledExpressions(table: groupTable)
        let hiddenRows = Set(rows.indices.filter { !rows[$0].hidden.isEmpty })
        var kept = Array(rows.indices)
        if let having = query.having {
            let test = onGroups.predicate(aggregator.onGroupColumns(having))
            if !hiddenRows.isEmpty, readsCounts(having) {
                kept = kept.filter { !hiddenRows.contains($0) }
                notes.append(.hiddenNotTested(groups: hiddenRows.count))
            }
            kept = kept.filter { test($0) == true }
        }
        let keys: [Ties.SortKey] = query.orderBy.map { item in
            let key = aggregator.onGroupColumns(item.key)
            return (onGroups.value(key), item.descending, Evaluator.scaleOf(key, groupTable))
        }
        kept = partitioned(Evaluator.sort(kept, by: keys), groupTable: groupTable)
        let within = withinValues(kept, keys: keys, hasPercent: hasPercent)
        notes += withinNotes()
        let ranksHidden = query.orderBy.contains { readsCounts($0.key) }
        if ranksHidden {
            let unranked = kept.filter(hiddenRows.contains).count
            if unranked > 0 { notes.append(.hiddenNotRanked(groups: unranked)) }
        }
        if let limit = query.limit, query.limitPerGroup {
            kept = limitPerGroup(kept, limit: limit, keys: keys, groupTable: groupTable, notes: &notes)
        } else if let limit = query.limit, kept.count > limit {
            let (shown, tied) = Ties.cut(kept, limit: limit, keys: keys)
            let tiesMean = !tied.isEmpty && !(ranksHidden && hiddenRows.contains(shown[shown.count - 1]))
            kept = shown
            if tiesMean {
                if query.limitWithTies {
                    kept += tied
                    notes.append(.tiesKept(extra: tied.count, limit: limit, unit: "group"))
                } else {
                    let last = shown[shown.count - 1]
                    let first = query.orderBy[0].key
                    notes.append(.tiesCut(labels: tied.map(label), value: ValueFormatter.plain(keys[0].value(last)),
                                          measure: name(of: aggregator.onGroupColumns(first), in: groupTable), unit: "group"))
                }
            }
        }
        return kept.map { row in
            var group = rows[row]
            group.within = within[row] ?? []
            return group
        }
    }

    /// The groups as a table: keys first, then every measure, then the percent.
    func table() -> Table {
        let keys = aggregator.query.groupKeys, measures = aggregator.measures
        return Table(name: "groups", columns:
            keys.indices.map { i in Column(name: keys[i].label, values: rows.map { $0.key[i] }, scale: keys[i].scale) }
            + measures.indices.map { i in Column(name: measures[i].label, values: rows.map { $0.measures[i] }) }
            + [Column(name: "percent", values: rows.map(\.percent))])
    }

    private func label(_ row: Int) -> String {
        rows[row].key.map { $0.isMissing ? ValueFormatter.missingMarker : ValueFormatter.plain($0) }.joined(separator: " / ")
    }

    private func name(of expression: BoundExpression, in table: Table) -> String {
        if case .column(let index) = expression { return table.columns[index].name }
        return "value"
    }

    /// Whether an expression reads a count suppression may hide, or the percent that goes with it.
    private func readsCounts(_ expression: BoundExpression) -> Bool {
        switch expression {
        case .measure(let i): return ColumnRole(aggregator.measures[i].function).isCountLike
        case .percent: return true
        case .column, .constant, .groupKey: return false
        case .function(_, let inner), .not(let inner), .inList(let inner, _, _), .between(let inner, _, _, _),
             .textMatch(_, let inner, _, _), .isMissing(let inner, _):
            return readsCounts(inner)
        case .compare(_, let l, let r), .and(let l, let r), .or(let l, let r): return readsCounts(l) || readsCounts(r)
        case .computed(let computation): return computation.operands.contains(where: readsCounts)
        }
    }
}

/// What `limit` does to rows ranked by `order by`: the first N, and the rows after them that
/// tie with the last one kept (the same value on every sort key).
enum Ties {
    typealias SortKey = (value: (Int) -> Value, descending: Bool, scale: [String]?)

    static func cut(_ rows: [Int], limit: Int, keys: [SortKey]) -> (shown: [Int], tied: [Int]) {
        let shown = Array(rows.prefix(limit))
        guard !keys.isEmpty, let last = shown.last else { return (shown, []) }
        let lastValues = keys.map { $0.value(last) }
        var tied: [Int] = []
        for row in rows.dropFirst(limit) {
            let same = keys.indices.allSatisfy { k in
                let value = keys[k].value(row)
                return value.isMissing == lastValues[k].isMissing
                    && !ValueOrder.sortsBefore(value, lastValues[k], scale: keys[k].scale)
                    && !ValueOrder.sortsBefore(lastValues[k], value, scale: keys[k].scale)
            }
            guard same else { break }
            tied.append(row)
        }
        return (shown, tied)
    }
}

extension Aggregator {
    /// `set suppress`: hides small counts of every count-like measure (shown or not: one used
    /// only by `order by` must not rank by what it hides) down the groups, as the total
    /// under them would give a lone hidden one away, with the percent of any row with one.
    func hideSmallCounts(_ rows: inout [GroupRow], _ suppression: Suppression) {
        for i in measures.indices where ColumnRole(measures[i].function).isCountLike {
            let grid = rows.map { [suppression.units($0.measures[i])] }
            let mask = suppression.mask(grid, rowsHaveTotals: false, columnsHaveTotals: true)
            for r in rows.indices where mask[r][0] {
                rows[r].measures[i] = .missing
                rows[r].hidden.insert(i)
            }
        }
        for r in rows.indices where !rows[r].hidden.isEmpty { rows[r].percent = .missing }
    }
}
