/// What a bar chart draws, read from a result: the one measure, the labels of its rows, the
/// percent beside each value when the result has one, and for a percent with a confidence
/// interval, each row's interval (drawn as a whisker).
///
/// The measure is the result's one aggregate column (`count`, `sum(children)` ...); in a list
/// of rows, which has none, it is the one numeric column other than `percent`. A result with a
/// percent and both bounds of its interval (a proportion, a comparison, `with ci`) is charted
/// by its percent instead: that is what the interval is about, and drawing the counts would
/// hide it. Every label column labels the bars, joined with " / ". All of this is read from the
/// result's roles, never from its columns' names.
struct ChartData {
    /// The result's chart: the one worked out with it, or built now.
    static func of(_ result: QueryResult) throws(ChartProblem) -> ChartData {
        if let chart = result.chart { return chart }
        return try ChartData(result)
    }

    struct Bar {
        /// The label columns' values as text; nil where a value is missing.
        var labelParts: [String?]
        var value: Double?
        /// The value as a table shows it; nil when it is missing.
        var valueText: String?
        var percentText: String?
        /// The marker of a hidden value (`set suppress below`), shown instead of the value.
        var hiddenMarker: String?
        /// In an interval chart, the bounds as a table shows them (nil where one is missing).
        var boundTexts: (low: String?, high: String?)?
        /// In an interval chart, the interval when both bounds are there: the whisker.
        var interval: ClosedRange<Double>?

        func label(missing: String) -> String {
            labelParts.map { $0 ?? missing }.joined(separator: " / ")
        }

        /// What is printed beside the bar: "59 (34.1%)", "34.1% (27.5 to 41.4)" in an interval
        /// chart, or the marker of a hidden or missing value.
        func valueWithPercent(missing: String) -> String {
            if let hiddenMarker { return hiddenMarker }
            guard let valueText else { return missing }
            if let boundTexts {
                return valueText + " (" + (boundTexts.low ?? missing) + " to " + (boundTexts.high ?? missing) + ")"
            }
            return valueText + (percentText.map { " (" + $0 + "%)" } ?? "")
        }
    }

    /// The columns of a percent with its interval.
    struct IntervalColumns {
        var percent: Int
        var low: Int
        var high: Int
    }

    var measureName: String
    var groupName: String
    var bars: [Bar]
    var notes: [String]
    /// The length of a full bar: the largest value, or in an interval chart the largest upper
    /// bound (100 when there is nothing above zero), so every whisker fits.
    var maximum: Double
    /// Whether the measure holds whole numbers (counts), so an axis needs no fractions.
    var isWholeNumbers: Bool
    /// Whether the chart is of a percent with each row's confidence interval.
    var hasIntervals: Bool
    /// The intervals' confidence level ("95%"), when the result says it.
    var intervalLevel: String?
    /// Bars, a time series as columns or a line, or two groups as grouped or stacked bars.
    var form: ChartForm = .bars
    /// The statement's captions, with the statement in words.
    var captions = ChartCaptions()
    /// A grouped or stacked chart's grid of its two groups.
    var grid: Grid?
    /// What the chart filled in that the rows did not have (empty periods, empty combinations).
    var fillNotes: [ResultNote] = []

    /// "count by judgement", or "percent by region, with 95% confidence intervals".
    var title: String {
        guard hasIntervals else { return measureName + " by " + groupName }
        return measureName + " by " + groupName + ", with " + (intervalLevel.map { $0 + " " } ?? "") + "confidence intervals"
    }

    init(_ result: QueryResult) throws(ChartProblem) {
        let table = result.table
        let columns = table.columns
        guard table.rowCount > 0 else { throw .noRows }
        let intervals = Self.intervalColumns(result)
        let (measures, isAggregated) = intervals.map { ([$0.percent], true) } ?? Self.measures(result)
        guard !measures.isEmpty else { throw .nothingToMeasure(columns: columns.map { TextSafety.escaped($0.name) }) }
        let measureNames = measures.map { TextSafety.escaped(columns[$0].name) }
        let labelColumns = columns.indices.filter { !measures.contains($0) && result.roles[$0] == .label }
        guard !labelColumns.isEmpty, !result.isSingleValue else {
            throw isAggregated ? .needsGroups : .needsLabels(measure: measureNames[0])
        }
        guard measures.count == 1 else { throw .severalMeasures(measureNames) }

        let measure = measures[0]
        let column = columns[measure]
        guard column.type.isNumeric || column.missingCount == table.rowCount else {
            throw .notNumeric(measure: measureNames[0], type: column.type)
        }
        let percentColumn = intervals == nil ? columns.indices.first { $0 != measure && Self.isPercent(result, $0) } : nil

        var bars: [Bar] = []
        var maximum = 0.0
        for row in 0..<table.rowCount {
            var bar = Self.bar(result, row: row, measure: measure, labelColumns: labelColumns, percentColumn: percentColumn)
            if let intervals { Self.addInterval(result, row: row, columns: intervals, to: &bar) }
            if let number = bar.value {
                let label = "\"" + bar.label(missing: ValueFormatter.missingMarker) + "\""
                guard number.isFinite else { throw .notFinite(measure: measureNames[0], label: label) }
                guard number >= 0 else { throw .negative(measure: measureNames[0], label: label, value: bar.valueText ?? "") }
                maximum = max(maximum, number, bar.interval?.upperBound ?? 0)
            }
            bars.append(bar)
        }
        self.measureName = measureNames[0]
        self.groupName = labelColumns.map { TextSafety.escaped(columns[$0].name) }.joined(separator: " / ")
        self.bars = bars
        self.notes = result.noteLines + Self.remarkNotes(result, bars: bars)
        // A percent axis with nothing above zero still needs a length: the whole of 100.
        self.maximum = intervals != nil && maximum == 0 ? 100 : maximum
        self.isWholeNumbers = column.type == .integer
        self.hasIntervals = intervals != nil
        self.intervalLevel = intervals != nil ? result.intervalLevel : nil
        try shape(result, labelColumns: labelColumns, additive: intervals == nil && [.count, .sum].contains(result.roles[measure]))
    }

    /// Gives the chart its form: a time series' periods in order and filled, or a grid of two
    /// groups; says in `fillNotes` (and the notes) what was filled in.
    private mutating func shape(_ result: QueryResult, labelColumns: [Int], additive: Bool) throws(ChartProblem) {
        form = result.chartForm
        captions = result.captions
        if form.isTimeSeries, let period = result.chartPeriod {
            let added = fillPeriods(period, asZero: additive)
            if !added.isEmpty { fillNotes.append(.emptyPeriods(periods: added, unit: period.rawValue, asZero: additive)) }
        }
        if form.isTwoWay {
            guard labelColumns.count == 2, let grid = grid(scale: result.table.columns[labelColumns[1]].scale) else {
                throw .twoWayNeedsTwoGroups(form: form.rawValue, groups: labelColumns.count)
            }
            guard grid.series.count <= ChartShades.count else { throw .tooManySeries(form: form.rawValue, series: grid.series.count) }
            guard !hasIntervals else { throw .twoWayOfIntervals(form: form.rawValue) }
            if form == .stacked, !additive { throw .stackedNeedsAdditive(measure: measureName) }
            if grid.emptyCells > 0, additive {
                fillNotes.append(.emptyCombinations(count: grid.emptyCells, first: grid.rowsName(result, labelColumns),
                                                    second: TextSafety.escaped(result.table.columns[labelColumns[1]].name)))
            }
            if form == .stacked {
                maximum = grid.cells.map { $0.reduce(0.0) { $0 + ($1?.value ?? 0) } }.max() ?? 0
                // A stacked bar shows counts and their total, no percent: the note saying what
                // the percents are of would name something the picture does not have.
                let percentBases = Set(result.notes.filter(Self.isPercentBase).map(\.text))
                notes.removeAll { percentBases.contains($0) }
            }
            self.grid = grid
        }
        notes += fillNotes.filter { !result.notes.contains($0) }.map(\.text)
    }

    private static func isPercentBase(_ note: ResultNote) -> Bool {
        switch note {
        case .percentOfRows, .percentOfSum: return true
        default: return false
        }
    }

    private static func isPercent(_ result: QueryResult, _ column: Int) -> Bool {
        result.roles[column] == .percent && result.table.columns[column].type.isNumeric
    }

    /// The percent and both bounds of its interval, when the result has all three as numbers.
    static func intervalColumns(_ result: QueryResult) -> IntervalColumns? {
        guard let percent = result.column(withRole: .percent), let low = result.column(withRole: .intervalLow),
              let high = result.column(withRole: .intervalHigh),
              [percent, low, high].allSatisfy({ result.table.columns[$0].type.isNumeric }) else { return nil }
        return IntervalColumns(percent: percent, low: low, high: high)
    }

    /// The candidate measures of a chart without intervals, and whether the result is
    /// aggregated (so a chart of it needs groups rather than a column of names).
    private static func measures(_ result: QueryResult) -> (measures: [Int], isAggregated: Bool) {
        let columns = result.table.columns
        let aggregates = columns.indices.filter { [.count, .sum, .measure].contains(result.roles[$0]) }
        let isAggregated = !aggregates.isEmpty || result.isSingleValue
        var measures = aggregates
        if !isAggregated {
            measures = columns.indices.filter { columns[$0].type.isNumeric && !isPercent(result, $0) }
            // A list of percentages alone: then the percent is what is charted.
            if measures.isEmpty, let percent = columns.indices.last(where: { isPercent(result, $0) }) { measures = [percent] }
        }
        if result.isSingleValue, measures.isEmpty { measures = [columns.count - 1] }
        return (measures, isAggregated)
    }

    /// One row's bar: its labels, its value (hidden values carry their marker), its percent.
    private static func bar(_ result: QueryResult, row: Int, measure: Int, labelColumns: [Int], percentColumn: Int?) -> Bar {
        let columns = result.table.columns
        let labelParts: [String?] = labelColumns.map { c in
            let value = columns[c].value(at: row)
            return value.isMissing ? nil : ValueFormatter.display(value, decimals: result.decimals[c])
        }
        let value = columns[measure].value(at: row)
        return Bar(labelParts: labelParts, value: value.number,
                   valueText: text(value, decimals: result.decimals[measure]),
                   percentText: percentColumn.flatMap { text(columns[$0].value(at: row), decimals: result.decimals[$0]) },
                   hiddenMarker: result.marker(row: row, column: measure))
    }

    /// Makes `bar` a percent with its interval: "34.1%", the bounds' texts, and the whisker
    /// when both bounds are there (a hidden or missing bound draws none).
    private static func addInterval(_ result: QueryResult, row: Int, columns: IntervalColumns, to bar: inout Bar) {
        let table = result.table
        func bound(_ c: Int) -> (value: Double?, text: String?) {
            if let marker = result.marker(row: row, column: c) { return (nil, marker) }
            let value = table.columns[c].value(at: row)
            return (value.number, text(value, decimals: result.decimals[c]))
        }
        let (low, high) = (bound(columns.low), bound(columns.high))
        bar.valueText = bar.valueText.map { $0 + "%" }
        bar.boundTexts = (low.text, high.text)
        if let lower = low.value, let upper = high.value, lower.isFinite, upper.isFinite, lower <= upper {
            bar.interval = lower...upper
        }
    }

    /// The rows a remark column flags (a proportion's groups of fewer than 10), as notes such
    /// as "flagged (n < 10: interval very wide): North East": a chart has no column to show
    /// the flags in, and the result's notes say the groups are flagged. Up to ten names a flag.
    private static func remarkNotes(_ result: QueryResult, bars: [Bar]) -> [String] {
        guard let column = result.column(withRole: .remark) else { return [] }
        var flagged: [(remark: String, labels: [String])] = []
        for (row, bar) in bars.enumerated() {
            let value = result.table.columns[column].value(at: row)
            guard !value.isMissing else { continue }
            let remark = ValueFormatter.plain(value), label = bar.label(missing: ValueFormatter.missingMarker)
            if let index = flagged.firstIndex(where: { $0.remark == remark }) {
                flagged[index].labels.append(label)
            } else {
                flagged.append((remark, [label]))
            }
        }
        return flagged.map { flag in
            let more = flag.labels.count > 10 ? " and \(flag.labels.count - 10) more" : ""
            return "flagged (\(flag.remark)): " + flag.labels.prefix(10).joined(separator: ", ") + more
        }
    }

    /// A value as a table shows it (nil when missing).
    private static func text(_ value: Value, decimals: Int?) -> String? {
        if value.isMissing { return nil }
        if case .integer(let i) = value, let decimals { return ValueFormatter.fixed(Double(i), decimals: decimals) }
        return ValueFormatter.display(value, decimals: decimals)
    }
}
