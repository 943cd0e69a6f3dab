/// Groups selected rows and computes measures per group, for `count`, `sum`, `average` ...
struct Aggregator {
    let query: BoundQuery
    let measures: [BoundMeasure]
    let compiled: CompiledExpressions

    /// One group: its key values, how many rows it has and, when a measure needs their values,
    /// the rows themselves.
    struct Group {
        var key: [Value]
        var count: Int
        var rows: [Int]
    }

    /// Whether a measure reads values (a plain `count` needs only how many rows there are).
    private var needsRows: Bool { measures.contains { $0.argument != nil } }

    func run(_ rowSet: RowSet) throws(Diagnostic) -> QueryResult {
        let keys = query.groupKeys
        // The rows one by one, only when a measure reads their values.
        let selection = needsRows ? rowSet.indices : []
        var groups = try makeGroups(rowSet, selection)
        groups = fillScaleLevels(groups)
        groups.sort { a, b in
            for (i, key) in keys.enumerated() {
                if ValueOrder.sortsBefore(a.key[i], b.key[i], scale: key.scale) { return true }
                if ValueOrder.sortsBefore(b.key[i], a.key[i], scale: key.scale) { return false }
            }
            return false
        }

        let measureGetters = measures.map { $0.argument.map(compiled.value) }
        // A grouped count, or a grouped sum of a count column in a pre-aggregated table, gets
        // each group's share of the whole, with the denominator stated under the table.
        let percentBase = visibleMeasures.count == 1 && !keys.isEmpty
            ? Self.percentBase(of: measures[visibleMeasures[0]], in: query.dataset.table, compiled: compiled) : nil
        let showsPercent = percentBase != nil
        let grandTotal: Double = percentBase.map { base in
            base == .rows ? Double(rowSet.count)
                : compute(measures[visibleMeasures[0]], getter: measureGetters[visibleMeasures[0]],
                          rows: selection, count: rowSet.count).number ?? 0
        } ?? 0
        var rows: [(key: [Value], measures: [Value], percent: Value)] = groups.map { group in
            let values = measures.indices.map {
                compute(measures[$0], getter: measureGetters[$0], rows: group.rows, count: group.count)
            }
            var percent = Value.missing
            if let percentBase, grandTotal > 0 {
                // A group with no values to sum has no share either (its sum is missing, not 0).
                if let part = percentBase == .rows ? Double(group.count) : values[visibleMeasures[0]].number {
                    percent = .decimal(roundedPercent(part, of: grandTotal))
                }
            }
            return (group.key, values, percent)
        }
        let groupCount = rows.count

        // `having` and `order by` see each group as a row of a small table of its keys, every
        // measure and the percent, so they run through the same compiled expressions as `where`.
        let groupTable = Table(name: "groups", columns:
            keys.indices.map { i in Column(name: keys[i].label, values: rows.map { $0.key[i] }, scale: keys[i].scale) }
            + measures.indices.map { i in Column(name: measures[i].label, values: rows.map { $0.measures[i] }) }
            + [Column(name: "percent", values: rows.map(\.percent))])
        let onGroups = CompiledExpressions(table: groupTable)
        var kept = Array(rows.indices)
        if let having = query.having {
            let test = onGroups.predicate(onGroupColumns(having))
            kept = kept.filter { test($0) == true }
        }
        kept = Evaluator.sort(kept, by: query.orderBy.map { item in
            let key = onGroupColumns(item.key)
            return (onGroups.value(key), item.descending, Evaluator.scaleOf(key, groupTable))
        })
        rows = kept.map { rows[$0] }
        if let limit = query.limit, rows.count > limit { rows = Array(rows.prefix(limit)) }

        // Assemble the result's columns: the group keys, the visible measures, the percent.
        var columns: [Column] = []
        var decimals: [Int?] = []
        for (i, key) in keys.enumerated() {
            columns.append(Column(name: key.label, values: rows.map { $0.key[i] }, scale: key.scale))
            decimals.append(nil)
        }
        for i in visibleMeasures {
            let measure = measures[i]
            columns.append(Column(name: measure.label, values: rows.map { $0.measures[i] }))
            decimals.append(measure.function == .average || measure.function == .median ? 2 : nil)
        }
        if showsPercent {
            columns.append(Column(name: "percent", values: rows.map(\.percent)))
            decimals.append(1)
        }
        let result = Table(name: "result", columns: columns, rowCount: rows.count)

        var notes: [String] = []
        var totalRow: [Value]?
        // A measure over a column with missing values leaves them out; say so, since a sum of
        // what is known is not the whole.
        var described = Set<String>()
        for i in visibleMeasures where measures[i].function != .count {
            guard let getter = measureGetters[i] else { continue }
            let missing = selection.reduce(0) { $0 + (getter($1).isMissing ? 1 : 0) }
            guard missing > 0, described.insert(measures[i].label).inserted else { continue }
            notes.append("\(missing) row\(missing == 1 ? "" : "s") with no value \(missing == 1 ? "is" : "are") left out of \(measures[i].label)")
        }
        if !keys.isEmpty {
            if let percentBase {
                let total = ValueFormatter.decimal(grandTotal)
                notes.append(percentBase == .rows ? "percent of \(total) \(query.dataset.name)"
                             : "percent of \(total), the sum of \(measures[visibleMeasures[0]].label.dropFirst(4).dropLast()) in all groups")
            }
            if rows.count < groupCount {
                notes.append("showing \(rows.count) of \(groupCount) groups")
            } else if rows.count > 1 {
                var total: [Value] = [.text("Total")] + Array(repeating: .missing, count: keys.count - 1)
                total += visibleMeasures.map {
                    compute(measures[$0], getter: measureGetters[$0], rows: selection, count: rowSet.count)
                }
                if showsPercent { total.append(grandTotal == 0 ? .missing : .decimal(100)) }
                totalRow = total
            }
        }
        var output = QueryResult(table: result, totalRow: totalRow, notes: notes, decimals: decimals,
                                 isSingleValue: keys.isEmpty && visibleMeasures.count == 1)
        if showsPercent { output.percentBase = grandTotal }
        return output
    }

    /// The measures shown as columns (the others serve `having` or `order by` only).
    private var visibleMeasures: [Int] {
        let hidden = Set(measures.indices.filter { measures[$0].hidden })
        return measures.indices.filter { !hidden.contains($0) }
    }

    // MARK: Groups

    /// The selected rows split by their key values. `selection` holds the rows one by one when
    /// `needsRows`, and is empty otherwise. The groups come in no particular order; `run` sorts
    /// them by key, and distinct keys never tie.
    private func makeGroups(_ rowSet: RowSet, _ selection: [Int]) throws(Diagnostic) -> [Group] {
        let keys = query.groupKeys
        if keys.isEmpty { return [Group(key: [], count: rowSet.count, rows: selection)] }
        if let dense = DenseGroups(keys: keys, table: query.dataset.table) {
            return try dense.groups(rowSet, withRows: needsRows).map { Group(key: $0.key, count: $0.count, rows: $0.rows) }
        }
        let rows = needsRows ? selection : rowSet.indices
        let getters = keys.map { compiled.value($0.expression) }
        var index: [[Value]: Int] = [:]
        var groups: [Group] = []
        for (position, row) in rows.enumerated() {
            if position & 0xFFFF == 0 { try Cancellation.check() }
            let key = getters.map { $0(row) }
            if let at = index[key] {
                groups[at].count += 1
                if needsRows { groups[at].rows.append(row) }
            } else {
                index[key] = groups.count
                groups.append(Group(key: key, count: 1, rows: needsRows ? [row] : []))
            }
        }
        return groups
    }

    /// Adds an empty group for every level of an ordered scale that has no rows, within each
    /// combination of the other keys, so "Outstanding 0" is shown rather than left out.
    private func fillScaleLevels(_ groups: [Group]) -> [Group] {
        var groups = groups
        for (position, key) in query.groupKeys.enumerated() {
            guard let scale = key.scale else { continue }
            var present = Set(groups.map { $0.key })
            var others: [[Value]] = []
            var seenOthers = Set<[Value]>()
            for group in groups {
                var rest = group.key
                rest.remove(at: position)
                if seenOthers.insert(rest).inserted { others.append(rest) }
            }
            if others.isEmpty { others = [[Value](repeating: .missing, count: query.groupKeys.count - 1)] }
            if groups.isEmpty && query.groupKeys.count > 1 { continue }
            for rest in others {
                for level in scale {
                    var key = rest
                    key.insert(.text(level), at: position)
                    if present.insert(key).inserted { groups.append(Group(key: key, count: 0, rows: [])) }
                }
            }
        }
        return groups
    }

    // MARK: Measures

    /// The measure over `rows` (of which there are `count`; a plain count needs only that).
    private func compute(_ measure: BoundMeasure, getter: ((Int) -> Value)?, rows: [Int], count: Int) -> Value {
        guard let getter else { return .integer(Int64(count)) }
        let values = rows.map(getter).filter { !$0.isMissing }
        switch measure.function {
        case .count:
            return .integer(Int64(measure.distinct ? Set(values).count : values.count))
        case .sum:
            guard !values.isEmpty else { return .missing }
            if measure.resultType == .integer {
                var total: Int64 = 0
                for case .integer(let i) in values {
                    let (sum, overflow) = total.addingReportingOverflow(i)
                    if overflow { return .decimal(values.reduce(0) { $0 + ($1.number ?? 0) }) }
                    total = sum
                }
                return .integer(total)
            }
            return .decimal(values.reduce(0) { $0 + ($1.number ?? 0) })
        case .average:
            guard !values.isEmpty else { return .missing }
            return .decimal(values.reduce(0) { $0 + ($1.number ?? 0) } / Double(values.count))
        case .median:
            guard !values.isEmpty else { return .missing }
            let sorted = values.compactMap(\.number).sorted()
            let middle = sorted.count / 2
            return .decimal(sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
        case .min, .max:
            let scale = measure.argument.flatMap { Evaluator.scaleOf($0, query.dataset.table) }
            var best: Value?
            for value in values {
                guard let current = best else { best = value; continue }
                let before = ValueOrder.sortsBefore(value, current, scale: scale)
                if measure.function == .min ? before : ValueOrder.sortsBefore(current, value, scale: scale) { best = value }
            }
            return best ?? .missing
        }
    }

    private func roundedPercent(_ part: Double, of whole: Double) -> Double {
        (part * 1000 / whole).rounded(.toNearestOrAwayFromZero) / 10
    }

    enum PercentBase { case rows, sum }

    /// What a percent column is a share of: rows for a plain count, the total for a sum of a
    /// column with no negative values; none for other measures, whose shares mean nothing.
    /// `show sql` asks the same question, so its percent column is there exactly when ours is.
    static func percentBase(of measure: BoundMeasure, in table: Table,
                            compiled: CompiledExpressions? = nil) -> PercentBase? {
        switch measure.function {
        case .count where measure.argument == nil && !measure.distinct: return .rows
        case .sum:
            guard let argument = measure.argument else { return nil }
            let get = (compiled ?? CompiledExpressions(table: table)).value(argument)
            for row in 0..<table.rowCount where (get(row).number ?? 0) < 0 { return nil }
            return .sum
        default: return nil
        }
    }

    // MARK: Having and order by

    /// The expression with group keys, measures and the percent turned into the columns of
    /// the groups table: keys first, then every measure, then the percent.
    private func onGroupColumns(_ expression: BoundExpression) -> BoundExpression {
        let keyCount = query.groupKeys.count
        switch expression {
        case .groupKey(let i): return .column(i)
        case .measure(let i): return .column(keyCount + i)
        case .percent: return .column(keyCount + measures.count)
        case .column, .constant: return expression
        case .function(let function, let argument): return .function(function, onGroupColumns(argument))
        case .compare(let comparison, let l, let r): return .compare(comparison, onGroupColumns(l), onGroupColumns(r))
        case .inList(let subject, let values, let negated): return .inList(onGroupColumns(subject), values, negated: negated)
        case .between(let subject, let low, let high, let negated):
            return .between(onGroupColumns(subject), low, high, negated: negated)
        case .textMatch(let match, let subject, let pattern, let negated):
            return .textMatch(match, onGroupColumns(subject), pattern, negated: negated)
        case .isMissing(let subject, let negated): return .isMissing(onGroupColumns(subject), negated: negated)
        case .and(let l, let r): return .and(onGroupColumns(l), onGroupColumns(r))
        case .or(let l, let r): return .or(onGroupColumns(l), onGroupColumns(r))
        case .not(let inner): return .not(onGroupColumns(inner))
        }
    }
}
