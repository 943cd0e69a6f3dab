/// Groups selected rows and computes measures per group, for `count`, `sum`, `average` ...
struct Aggregator {
    let query: BoundQuery
    let measures: [BoundMeasure]
    let compiled: CompiledExpressions
    /// `set suppress below N`: applied to the groups before `having`, `order by` and `limit`
    /// see them, so none of them can rank, test or pick by a hidden count.
    var suppression: Suppression?

    /// One group: its key values, how many rows it has and, when a measure needs their values,
    /// the rows themselves.
    struct Group {
        var key: [Value]
        var count: Int
        var rows: [Int]
    }

    /// Whether a measure reads values (a plain `count` needs only how many rows there are,
    /// unless the table's rows are counted).
    private func needsRows(_ weights: CountWeights?) -> Bool {
        measures.contains { $0.argument != nil || (weights != nil && isWeighted($0)) }
    }

    /// Whether every measure is a plain count or reads one column in a way `ColumnMeasures`
    /// computes (count, min and max of any column; sum, average and median of numbers), so that
    /// the overall measures walk the filter's row set and no list of its rows is made.
    private func walksRowSet(_ weights: CountWeights?) -> Bool {
        guard Kernels.enabled, weights == nil else { return false }
        return measures.allSatisfy { measure in
            guard let argument = measure.argument else { return true }
            guard case .column(let index) = argument else { return false }
            switch measure.function {
            case .count, .min, .max: return true
            case .sum, .average, .median: return compiled.table.columns[index].type.isNumeric
            }
        }
    }

    /// The counts column of a counted table, when some measure adds it up.
    private var weights: CountWeights? {
        guard measures.contains(where: isWeighted) else { return nil }
        return CountWeights(dataset: query.dataset, table: query.dataset.table)
    }

    /// Whether a count adds up a counted table's counts: a plain count or a count of a column,
    /// not `count distinct` and not `count rows`.
    private func isWeighted(_ measure: BoundMeasure) -> Bool {
        measure.function == .count && !measure.distinct && !measure.countsRows && query.dataset.counts != nil
    }

    /// One group's line of the result before `having`, `order by` and `limit`: its key, every
    /// measure, the percent, and which measures suppression hid.
    struct GroupRow {
        var key: [Value]
        var measures: [Value]
        var percent: Value
        var hidden: Set<Int> = []
        /// `with rank`, `with running total` ...: the values worked out down the rows.
        var within: [Value] = []
    }

    func run(_ rowSet: RowSet) throws(Diagnostic) -> QueryResult {
        let keys = query.groupKeys
        let weights = self.weights
        // The rows one by one, only when a measure reads their values and the typed kernels
        // cannot walk the filter's row set itself.
        let walksRowSet = walksRowSet(weights)
        let selection = needsRows(weights) && !walksRowSet ? rowSet.indices : []
        let selected: MeasureRows = walksRowSet ? .set(rowSet) : .list(selection)
        var groups = try makeGroups(rowSet, selection, weights)
        groups = try fillScaleLevels(groups)
        groups.sort { a, b in
            for (i, key) in keys.enumerated() {
                if ValueOrder.sortsBefore(a.key[i], b.key[i], scale: key.scale) { return true }
                if ValueOrder.sortsBefore(b.key[i], a.key[i], scale: key.scale) { return false }
            }
            return false
        }

        let getters = measures.map { $0.argument.map(compiled.value) }
        let context = MeasureContext(getters: getters, weights: weights)
        // A grouped count, or a grouped sum of a count column, gets each group's share of the
        // whole, with the denominator stated under the table.
        // Notes on counted rows, ties and hidden counts, put after the percent's base.
        var notes: [ResultNote] = []
        let visible = visibleMeasures
        var percentBase = visible.count == 1 && !keys.isEmpty
            ? Self.percentBase(of: measures[visible[0]], in: query.dataset.table, compiled: compiled) : nil
        // Every measure over the whole selection (the measures worked out from others need
        // theirs); without group keys the one group is the whole, and is not computed again.
        // A total the groups' values give exactly is merged from them (`MergedTotals`).
        let measured = try overallMeasures(groups, context, selection: selection, rowSet: rowSet, weights: weights)
        var everyOverall = measured.overall
        let groupValues = measured.groups
        _ = try fillComputed(&everyOverall, key: [Value](repeating: .missing, count: keys.count))
        let whole: [Value]? = keys.isEmpty && groups.count == 1 ? everyOverall : nil
        let overall = visible.map { everyOverall[$0] }
        let grandTotal = percentBase == nil ? nil : overall.first?.number
        // A sum of no values has no total: its groups' shares are missing (as show sql's are);
        // a counted table's unknown total leaves the percent out.
        if percentBase == .rows, grandTotal == nil { percentBase = nil }
        var rows: [GroupRow] = []
        for (position, group) in groups.enumerated() {
            if position & 0xFFF == 0 { try Cancellation.check() }
            var values: [Value]
            if let whole {
                values = whole
            } else if !groupValues.isEmpty {
                values = groupValues[position]
            } else {
                values = try measures.indices.map { i throws(Diagnostic) in try compute(i, context, rows: group.rows, count: group.count) }
                _ = try fillComputed(&values, key: group.key)
            }
            var percent = Value.missing
            // A group with no values to sum has no share either (its sum is missing, not 0).
            if let grandTotal, grandTotal > 0, let part = values[visible[0]].number {
                percent = .decimal(roundedPercent(part, of: grandTotal))
            }
            rows.append(GroupRow(key: group.key, measures: values, percent: percent))
        }
        if let weights { notes += weightNotes(weights, rows: rows, overall: overall, selection: selection) }
        if let counts = query.dataset.counts, measures.contains(where: \.countsRows) {
            notes.append(.countingRows(dataset: query.dataset.name, column: counts.column))
        }
        if let suppression { hideSmallCounts(&rows, suppression) }
        let groupCount = rows.count
        let cut = GroupCutter(aggregator: self, rows: rows, hasPercent: percentBase != nil).cut(notes: &notes)

        var result = assemble(cut, percentBase: percentBase, notes: leftOutNotes(context, selected) + computedNotes(cut))
        result.groupCount = groupCount
        if !keys.isEmpty {
            if let percentBase, let grandTotal {
                let total = ValueFormatter.decimal(grandTotal)
                result.notes.append(percentBase == .rows
                    ? .percentOfRows(total: total, noun: weights?.name ?? query.dataset.name)
                    : .percentOfSum(total: total, column: String(measures[visible[0]].label.dropFirst(4).dropLast())))
            }
            if cut.count < groupCount {
                result.notes.append(.showingGroups(shown: cut.count, of: groupCount))
            } else if cut.count > 1 {
                var total: [Value] = [.text("Total")] + Array(repeating: .missing, count: keys.count - 1) + overall
                if percentBase != nil { total.append(grandTotal == nil || grandTotal == 0 ? .missing : .decimal(100)) }
                // Values worked out down the rows (`with running total` ...) have no total.
                total += Array(repeating: .missing, count: result.table.columns.count - total.count)
                result.totalRow = total
                suppression?.hideSmallTotals(&result)
            }
        }
        result.notes += notes
        if percentBase != nil { result.percentBase = grandTotal }
        return result
    }

    /// The result's columns from the groups kept: the keys, the visible measures, the percent,
    /// each with its role; cells suppression hid are marked.
    private func assemble(_ rows: [GroupRow], percentBase: PercentBase?, notes: [ResultNote]) -> QueryResult {
        let keys = query.groupKeys
        var columns: [Column] = [], decimals: [Int?] = [], roles: [ColumnRole] = []
        for (i, key) in keys.enumerated() {
            columns.append(Column(name: key.label, values: rows.map { $0.key[i] }, scale: key.scale))
            decimals.append(nil)
            roles.append(.label)
        }
        var hiddenCells: Set<QueryResult.Cell> = []
        for i in visibleMeasures {
            let measure = measures[i]
            for (r, row) in rows.enumerated() where row.hidden.contains(i) {
                hiddenCells.insert(QueryResult.Cell(row: r, column: columns.count))
            }
            columns.append(.numbers(name: measure.label, values: rows.map { $0.measures[i] }, type: measure.resultType))
            decimals.append(measure.function == .average || measure.function == .median ? 2 : nil)
            roles.append(ColumnRole(measure.function))
        }
        if percentBase != nil {
            for (r, row) in rows.enumerated() where !row.hidden.isEmpty {
                hiddenCells.insert(QueryResult.Cell(row: r, column: columns.count))
            }
            columns.append(.numbers(name: "percent", values: rows.map(\.percent), type: .decimal))
            decimals.append(1)
            roles.append(.percent)
        }
        for (position, label) in query.within.flatMap({ $0.labels(hasPercent: percentBase != nil) }).enumerated() {
            columns.append(.numbers(name: label, values: rows.map { $0.within[position] },
                                    type: rows.contains { if case .decimal = $0.within[position] { true } else { false } } ? .decimal : .integer))
            decimals.append(label == WithinItem.cumulativePercent.rawValue || label == "change in points" ? 1 : nil)
            roles.append(.measure)
        }
        let table = Table(name: "result", columns: columns, rowCount: rows.count)
        var result = QueryResult(table: table, notes: notes, decimals: decimals, roles: roles,
                                 isSingleValue: keys.isEmpty && visibleMeasures.count == 1)
        result.suppressed = hiddenCells
        return result
    }

    /// A measure over a column with missing values leaves them out; say so, since a sum of
    /// what is known is not the whole.
    private func leftOutNotes(_ context: MeasureContext, _ selection: MeasureRows) -> [ResultNote] {
        var notes: [ResultNote] = []
        var described = Set<String>()
        for i in visibleMeasures where measures[i].function != .count {
            guard let getter = context.getters[i] else { continue }
            let missing = if Kernels.enabled, case .column(let column)? = measures[i].argument {
                ColumnMeasures(column: compiled.table.columns[column], rows: selection).missingCount()
            } else {
                { var missing = 0; selection.forEach { missing += getter($0).isMissing ? 1 : 0 }; return missing }()
            }
            guard missing > 0, described.insert(measures[i].label).inserted else { continue }
            notes.append(.leftOut(rows: missing, measure: measures[i].label, known: selection.count - missing,
                                  symbols: symbolsLeftOut(measures[i], selection)))
        }
        return notes
    }

    /// How many of the rows a measure reads hold each official statistics symbol (by code), when
    /// it reads a column that has them.
    private func symbolsLeftOut(_ measure: BoundMeasure, _ selection: MeasureRows) -> [UInt8: Int] {
        guard case .column(let index)? = measure.argument,
              let symbols = query.dataset.table.columns[index].symbols else { return [:] }
        var counts: [UInt8: Int] = [:]
        selection.forEach { row in if symbols[row] != 0 { counts[symbols[row], default: 0] += 1 } }
        return counts
    }

    /// Under a counted table's result: what the counts are, and which groups have none.
    private func weightNotes(_ weights: CountWeights, rows: [GroupRow], overall: [Value], selection: [Int]) -> [ResultNote] {
        var notes: [ResultNote] = []
        let counted = visibleMeasures.filter { isWeighted(measures[$0]) }
        guard let first = counted.first, let position = visibleMeasures.firstIndex(of: first) else { return [] }
        let unknown = rows.filter { $0.measures[first].isMissing && !$0.key.isEmpty }
            .map { $0.key.map { $0.isMissing ? ValueFormatter.missingMarker : ValueFormatter.plain($0) }.joined(separator: " / ") }
        if let total = overall[position].number {
            notes.append(.weighted(column: weights.name, total: ValueFormatter.decimal(total), rows: selection.count))
        }
        if !unknown.isEmpty || overall[position].isMissing {
            notes.append(.weightMissing(column: weights.name, groups: unknown))
        }
        return notes
    }

    /// The measures shown as columns (the others serve `having` or `order by` only).
    var visibleMeasures: [Int] {
        let hidden = Set(measures.indices.filter { measures[$0].hidden })
        return measures.indices.filter { !hidden.contains($0) }
    }

    // MARK: Groups

    /// The selected rows split by their key values. `selection` holds the rows one by one when
    /// `needsRows`, and is empty otherwise. The groups come in no particular order; `run` sorts
    /// them by key, and distinct keys never tie.
    private func makeGroups(_ rowSet: RowSet, _ selection: [Int], _ weights: CountWeights?) throws(Diagnostic) -> [Group] {
        let keys = query.groupKeys
        let keepRows = needsRows(weights)
        // Without keys `run` computes the one group's measures over the whole selection.
        if keys.isEmpty { return [Group(key: [], count: rowSet.count, rows: selection)] }
        if let dense = DenseGroups(keys: keys, table: query.dataset.table) {
            return try dense.groups(rowSet, withRows: keepRows).map { Group(key: $0.key, count: $0.count, rows: $0.rows) }
        }
        let rows = keepRows && !selection.isEmpty ? selection : rowSet.indices
        let getters = keys.map { compiled.value($0.expression) }
        var index: [[Value]: Int] = [:]
        var groups: [Group] = []
        for (position, row) in rows.enumerated() {
            if position & 0xFFFF == 0 { try Cancellation.check() }
            let key = getters.map { $0(row) }
            if let at = index[key] {
                groups[at].count += 1
                if keepRows { groups[at].rows.append(row) }
            } else {
                if groups.count >= EvaluationProblem.maximumGroups {
                    throw EvaluationProblem.tooManyGroups(groups: groups.count + 1).diagnostic
                }
                if groups.count >= 1 << 16 && groups.count & (groups.count - 1) == 0 {
                    try MemoryEstimate.checkGrouping(groups: groups.count, keys: getters.count)
                }
                index[key] = groups.count
                groups.append(Group(key: key, count: 1, rows: keepRows ? [row] : []))
            }
        }
        return groups
    }

    /// Adds an empty group for every level of an ordered scale that has no rows, within each
    /// combination of the other keys, so "Outstanding 0" is shown rather than left out.
    private func fillScaleLevels(_ groups: [Group]) throws(Diagnostic) -> [Group] {
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
            let planned = others.count.multipliedReportingOverflow(by: scale.count)
            if planned.overflow || planned.partialValue > EvaluationProblem.maximumGroups {
                throw EvaluationProblem.tooManyGroups(groups: planned.overflow ? Int.max : planned.partialValue).diagnostic
            }
            try Cancellation.check()
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

    /// What computing measures needs: each measure's getter, and a counted table's weights.
    struct MeasureContext {
        let getters: [((Int) -> Value)?]
        let weights: CountWeights?
    }

    /// Measure `index` over `rows` (of which there are `count`; a plain count needs only that).
    /// `rowSet`, when given, holds the same rows as `rows`, for the typed kernels to walk.
    func compute(_ index: Int, _ context: MeasureContext, rows: [Int], count: Int,
                         rowSet: RowSet? = nil) throws(Diagnostic) -> Value {
        let measure = measures[index]
        if let weights = context.weights, isWeighted(measure) {
            guard let getter = context.getters[index] else { return weights.count(rows) }
            return weights.count(rows.filter { !getter($0).isMissing })
        }
        guard let getter = context.getters[index] else { return .integer(Int64(count)) }
        if Kernels.enabled, case .column(let column)? = measure.argument,
           let value = try ColumnMeasures(column: compiled.table.columns[column], rows: rowSet.map(MeasureRows.set) ?? .list(rows))
               .compute(measure) {
            return value
        }
        // A row set the typed kernels could not read after all is listed for the general path.
        let rows = rows.isEmpty && (rowSet?.count ?? 0) > 0 ? rowSet!.indices : rows
        var values: [Value] = []
        values.reserveCapacity(rows.count)
        for (position, row) in rows.enumerated() {
            if position & 0xFFFF == 0 { try Cancellation.check() }
            let value = getter(row)
            if !value.isMissing { values.append(value) }
        }
        switch measure.function {
        case .count:
            guard measure.distinct else { return .integer(Int64(values.count)) }
            var distinct = Set<Value>()
            for (position, value) in values.enumerated() {
                if position & 0xFFFF == 0 { try Cancellation.check() }
                distinct.insert(value)
            }
            return .integer(Int64(distinct.count))
        case .sum:
            guard !values.isEmpty else { return .missing }
            if measure.resultType == .integer {
                var total: Int64 = 0
                for case .integer(let i) in values {
                    let (sum, overflow) = total.addingReportingOverflow(i)
                    if overflow { return try finite(values.reduce(0) { $0 + ($1.number ?? 0) }, measure) }
                    total = sum
                }
                return .integer(total)
            }
            return try finite(values.reduce(0) { $0 + ($1.number ?? 0) }, measure)
        case .average:
            guard !values.isEmpty else { return .missing }
            let n = Double(values.count)
            let mean = values.reduce(0) { $0 + ($1.number ?? 0) } / n
            // A sum past the largest double can still have an average that fits.
            return try finite(mean.isFinite ? mean : values.reduce(0) { $0 + ($1.number ?? 0) / n }, measure)
        case .median:
            guard !values.isEmpty else { return .missing }
            let sorted = values.compactMap(\.number).sorted()
            let middle = sorted.count / 2
            return try finite(sorted.count % 2 == 1 ? sorted[middle] : sorted[middle - 1] / 2 + sorted[middle] / 2, measure)
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

    /// A measure's value, or an error when it is too large for a number to hold: never `inf`.
    private func finite(_ value: Double, _ measure: BoundMeasure) throws(Diagnostic) -> Value {
        guard value.isFinite else { throw EvaluationProblem.overflow(measure: measure.label).diagnostic }
        return .decimal(value)
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
            if Kernels.enabled, case .column(let index) = argument, let negative = ColumnMeasures.hasNegative(table.columns[index]) {
                return negative ? nil : .sum
            }
            let get = (compiled ?? CompiledExpressions(table: table)).value(argument)
            for row in 0..<table.rowCount where (get(row).number ?? 0) < 0 { return nil }
            return .sum
        default: return nil
        }
    }

    // MARK: Having and order by

    /// The expression with group keys, measures and the percent turned into the columns of
    /// the groups table: keys first, then every measure, then the percent.
    func onGroupColumns(_ expression: BoundExpression) -> BoundExpression {
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
        case .computed(let computation): return .computed(computation.replacing(onGroupColumns))
        }
    }
}
