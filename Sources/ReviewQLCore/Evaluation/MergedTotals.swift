/// The total row of a grouped query, merged from the groups' own measures rather than worked
/// out again over every selected row, where the merge gives exactly the same value: a count of
/// a column (the groups' counts added up), a sum of integers (added with the same overflow
/// test; a group that overflowed, or a total that would, is worked out again), the smallest or
/// largest integer, date, yes/no or text (the same order, whose ties are equal values). Not a
/// sum of decimals (adding in another order can change the last digit), an average, a median
/// or a count distinct, nor a counted table's weighted counts: those are worked out over the
/// rows, as before. The groups hold every selected row once, so their union is the selection.
extension Aggregator {
    /// Every measure over the whole selection, with each group's measures when some total is
    /// merged from them (else no group's: the caller works them out as it goes).
    func overallMeasures(_ groups: [Group], _ context: MeasureContext, selection: [Int], rowSet: RowSet,
                         weights: CountWeights?) throws(Diagnostic) -> (overall: [Value], groups: [[Value]]) {
        let merged = mergedTotals(weights)
        var overall = try measures.indices.map { i throws(Diagnostic) in
            try merged.contains(i) ? .missing : compute(i, context, rows: selection, count: rowSet.count, rowSet: rowSet)
        }
        guard !merged.isEmpty else { return (overall, []) }
        var groupValues: [[Value]] = []
        groupValues.reserveCapacity(groups.count)
        for (position, group) in groups.enumerated() {
            if position & 0xFFF == 0 { try Cancellation.check() }
            var values = try measures.indices.map { i throws(Diagnostic) in try compute(i, context, rows: group.rows, count: group.count) }
            _ = try fillComputed(&values, key: group.key)
            groupValues.append(values)
        }
        for i in merged.sorted() {
            if let total = mergedTotal(i, groupValues) {
                overall[i] = total
            } else {
                overall[i] = try compute(i, context, rows: selection, count: rowSet.count, rowSet: rowSet)
            }
        }
        return (overall, groupValues)
    }

    /// The measures whose total is merged from the groups' values.
    func mergedTotals(_ weights: CountWeights?) -> Set<Int> {
        guard Kernels.enabled, weights == nil, !query.groupKeys.isEmpty else { return [] }
        return Set(measures.indices.filter { index in
            let measure = measures[index]
            guard !measure.distinct, measure.computed == nil, case .column(let column)? = measure.argument else { return false }
            let type = compiled.table.columns[column].type
            switch measure.function {
            case .count: return true
            case .sum: return type == .integer && measure.resultType == .integer
            case .min, .max: return type != .decimal
            case .average, .median: return false
            }
        })
    }

    /// Measure `index`'s total from each group's values, or nil when it must be worked out.
    func mergedTotal(_ index: Int, _ groupValues: [[Value]]) -> Value? {
        let measure = measures[index]
        let values = groupValues.map { $0[index] }.filter { !$0.isMissing }
        switch measure.function {
        case .count, .sum:
            guard !values.isEmpty else { return measure.function == .count ? .integer(0) : .missing }
            var total: Int64 = 0
            for value in values {
                guard case .integer(let part) = value else { return nil }
                let (sum, overflow) = total.addingReportingOverflow(part)
                if overflow { return nil }
                total = sum
            }
            return .integer(total)
        case .min, .max:
            let scale = measure.argument.flatMap { Evaluator.scaleOf($0, query.dataset.table) }
            var best: Value?
            for value in values {
                guard let current = best else { best = value; continue }
                let before = ValueOrder.sortsBefore(value, current, scale: scale)
                if measure.function == .min ? before : ValueOrder.sortsBefore(current, value, scale: scale) { best = value }
            }
            return best ?? .missing
        case .average, .median:
            return nil
        }
    }
}
