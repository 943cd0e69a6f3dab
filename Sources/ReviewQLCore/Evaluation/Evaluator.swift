/// Runs a bound query over its dataset's columns and produces a `QueryResult`.
///
/// The steps: filter the rows into a selection; then either gather the listed columns, or
/// split the selection into groups, compute each measure per group, fill in the empty levels
/// of an ordered scale, keep the groups `having` allows, sort, and cut to `limit`.
///
/// The filter runs 64 rows at a time, deciding conditions on text and yes/no columns once per
/// distinct value (see `FastCondition`); the rows kept stay a bitmap until something needs
/// them one by one.
public enum Evaluator {
    /// A query with its joined rows gathered, with the warnings and unmatched keys that
    /// gathering found.
    public struct Gathered {
        public var query: BoundQuery
        /// A warning for each join some rows of which matched nothing.
        public var warnings: [Diagnostic] = []
        /// The keys that matched nothing, with how many rows carry each, for `show unmatched`.
        public var unmatched: QueryResult?
    }

    /// Gathers the rows of the query's joins, as its `JoinPlan` says; a query without joins
    /// (or already gathered) is returned as it is.
    public static func gather(_ query: BoundQuery) -> Gathered {
        guard let plan = query.join else { return Gathered(query: query) }
        let rows = plan.gather()
        var query = query
        query.dataset = rows.dataset
        query.joinNotes = rows.notes
        query.join = nil
        return Gathered(query: query, warnings: rows.warnings, unmatched: rows.unmatched)
    }

    /// Runs the query, gathering its joined rows first if they are not yet; `suppressBelow`
    /// hides small counts (see `Suppression`).
    public static func run(_ query: BoundQuery, suppressBelow: Int? = nil) throws(Diagnostic) -> QueryResult {
        let query = gather(query).query
        if suppressBelow != nil, let item = query.within.first { throw EvaluationProblem.withinUnderSuppression(item: item).diagnostic }
        let suppression = suppressBelow.map { Suppression(threshold: $0) }
        let table = query.dataset.table
        let compiled = CompiledExpressions(table: table)
        if suppression != nil, case .aggregate(let measures) = query.kind, let computed = measures.first(where: { $0.computed != nil }) {
            throw EvaluationProblem.computedMeasureSuppressed(label: computed.label).diagnostic
        }
        let selection = try FastCondition.select(query.filter, table: table, compiled: compiled)
        var result: QueryResult
        switch query.kind {
        case .list(let outputs, let distinct):
            result = try list(query, outputs: outputs, distinct: distinct, selection: selection.indices, compiled: compiled)
        case .aggregate(let measures):
            // A crosstab hides its own cells, along its rows and down its columns at once.
            let isCrosstab = if case .crosstab = query.source.presentation { true } else { false }
            result = try Aggregator(query: query, measures: measures, compiled: compiled,
                                    suppression: isCrosstab ? nil : suppression).run(selection)
        }
        // A loop stopped by a Ctrl-C may have left its answer partial: none leaves here.
        try Cancellation.check()
        try compiled.checkComputations()
        result.notes += query.presence.flatMap(\.notes) + query.joinNotes
        if case .aggregate = query.kind {
            result.notes += MergedYears.notes(for: query, rows: selection, compiled: compiled)
        }
        switch query.source.presentation {
        case .table, .funnel: break
        case .chart: result.isChart = true
        case .crosstab(let percent):
            let function: AggregateFunction?
            if case .aggregate(let measures) = query.kind { function = measures.first { !$0.hidden }?.function } else { function = nil }
            let countLike = function.map { ColumnRole($0).isCountLike } ?? false
            result = Crosstab.pivot(result, percent: percent, measureIsCount: function == .count,
                                    suppression: countLike ? suppression : nil)
            suppression?.finish(&result)
            return result
        }
        if let suppression, case .aggregate = query.kind { suppression.finish(&result) }
        return result
    }

    private static func list(_ query: BoundQuery, outputs: [BoundOutput]?, distinct: Bool, selection: [Int],
                             compiled: CompiledExpressions) throws(Diagnostic) -> QueryResult {
        let table = query.dataset.table
        let outputs = outputs ?? table.columns.indices.map {
            BoundOutput(expression: .column($0), label: table.columns[$0].name,
                        type: table.columns[$0].type, scale: table.columns[$0].scale)
        }
        var rows = selection
        if distinct {
            let getters = outputs.map { compiled.value($0.expression) }
            // Missing values that hold different official statistics symbols (c, x) are distinct.
            let symbols = outputs.compactMap { output -> [UInt8]? in
                if case .column(let index) = output.expression { return table.columns[index].symbols }
                return nil
            }
            var seen = Set<[Value]>()
            var kept: [Int] = []
            for (position, row) in rows.enumerated() {
                if position & 0xFFFF == 0 { try Cancellation.check() }
                if seen.insert(getters.map { $0(row) } + symbols.map { .integer(Int64($0[row])) }).inserted { kept.append(row) }
            }
            rows = kept
        }
        try Cancellation.check()
        let keys: [Ties.SortKey] = query.orderBy.map { (compiled.value($0.key), $0.descending, scaleOf($0.key, table)) }
        let total = rows.count
        var notes: [ResultNote] = []
        let partial = query.rowsPer != nil ? nil
            : try query.limit.flatMap { limit throws(Diagnostic) in try PartialSort.cut(rows, limit: limit, keys: keys) }
        // With `per`, the rows are sorted by its value first (ListPerGroup.swift).
        if partial == nil && query.rowsPer == nil { rows = sort(rows, by: keys) }
        try Cancellation.check()
        if let per = query.rowsPer, let limit = query.limit {
            rows = limitRowsPerGroup(rows, per: per, limit: limit, keys: keys, query: query, compiled: compiled, notes: &notes)
        } else if let limit = query.limit, total > limit {
            let (shown, tied) = partial ?? Ties.cut(rows, limit: limit, keys: keys)
            rows = shown + (query.limitWithTies ? tied : [])
            if !tied.isEmpty {
                notes.append(query.limitWithTies ? .tiesKept(extra: tied.count, limit: limit, unit: "row")
                    : .tiesCut(labels: tied.map { ValueFormatter.plain(table.columns.first?.value(at: $0) ?? .missing) },
                               value: ValueFormatter.plain(keys[0].value(shown[shown.count - 1])), measure: label(of: query.orderBy[0].key, table),
                               unit: "row"))
            }
        }
        var columns: [Column] = []
        for output in outputs {
            if case .column(let index) = output.expression {
                var column = table.columns[index].gathering(rows)
                column.name = output.label
                columns.append(column)
            } else if case .computed = output.expression, let lane = compiled.lane(output.expression) {
                columns.append(.numbers(name: output.label, values: rows.map(lane.value), type: output.type))
                notes += ComputedNotes.missing(in: lane, rows: rows, label: output.label, unit: "row")
            } else {
                let get = compiled.value(output.expression)
                columns.append(Column(name: output.label, values: rows.map(get)))
            }
        }
        if rows.count < total { notes.insert(.showingRows(shown: rows.count, of: total), at: 0) }
        return QueryResult(table: Table(name: "result", columns: columns, rowCount: rows.count), notes: notes)
    }

    /// The rows in the order the keys give (each ascending unless descending); ties keep the
    /// rows' own order.
    static func sort(_ rows: [Int], by keys: [(value: (Int) -> Value, descending: Bool, scale: [String]?)]) -> [Int] {
        guard !keys.isEmpty else { return rows }
        let values = rows.map { row in keys.map { $0.value(row) } }
        return values.indices.sorted { i, j in SortOrder.before(values[i], i, values[j], j, keys) }.map { rows[$0] }
    }

    static func label(of expression: BoundExpression, _ table: Table) -> String {
        if case .column(let index) = expression { return table.columns[index].name }
        return "value"
    }

    static func scaleOf(_ expression: BoundExpression, _ table: Table) -> [String]? {
        if case .column(let index) = expression { return table.columns[index].scale }
        return nil
    }
}
