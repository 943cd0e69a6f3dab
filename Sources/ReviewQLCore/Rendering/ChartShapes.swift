/// The shapes a chart takes beyond one bar a row: a time series (every period from the first
/// to the last, in time order, the empty ones filled) and two groups laid out as a grid of
/// series (grouped or stacked bars).
extension ChartData {
    /// Puts the bars in time order and adds a bar for each period between the first and the
    /// last that had no rows: zero for a count or a sum (nothing happened), no value (a gap)
    /// for an average, a percent or anything else that has nothing to measure. Returns the
    /// labels of the periods added, for the note that names them.
    mutating func fillPeriods(_ period: Period, asZero: Bool) -> [String] {
        let placed = bars.compactMap { bar in bar.labelParts.first.flatMap { $0 }.flatMap(period.ordinal).map { ($0, bar) } }
        guard placed.count == bars.count, let first = placed.map(\.0).min(), let last = placed.map(\.0).max() else { return [] }
        let byOrdinal = Dictionary(placed, uniquingKeysWith: { first, _ in first })
        var filled: [Bar] = [], added: [String] = []
        for ordinal in first...last {
            if let bar = byOrdinal[ordinal] {
                filled.append(bar)
                continue
            }
            let label = period.label(ordinal)
            added.append(label)
            filled.append(Bar(labelParts: [label], value: asZero ? 0 : nil, valueText: asZero ? "0" : nil,
                              percentText: asZero && bars.contains { $0.percentText != nil } ? "0.0" : nil))
        }
        bars = filled
        return added
    }

    /// A grouped or stacked chart's grid: the first group's values down the side (in the
    /// result's order), the second's as series (in its scale's order when it has one, else
    /// as they first appear), and each cell's bar (nil where the combination had no row).
    struct Grid {
        var rows: [String]
        var series: [String]
        var cells: [[Bar?]]
        /// How many combinations had no row.
        var emptyCells: Int { cells.reduce(0) { $0 + $1.filter { $0 == nil }.count } }

        func rowsName(_ result: QueryResult, _ labelColumns: [Int]) -> String {
            TextSafety.escaped(result.table.columns[labelColumns[0]].name)
        }
    }

    /// The grid of a chart of two groups; nil when the bars do not have two labels each.
    func grid(scale: [String]?) -> Grid? {
        guard bars.allSatisfy({ $0.labelParts.count == 2 }) else { return nil }
        let missing = ValueFormatter.missingMarker
        var rows: [String] = [], series: [String] = []
        for bar in bars {
            let (row, item) = (bar.labelParts[0] ?? missing, bar.labelParts[1] ?? missing)
            if !rows.contains(row) { rows.append(row) }
            if !series.contains(item) { series.append(item) }
        }
        if let scale {
            let place = { (label: String) in scale.firstIndex { $0.lowercased() == label.lowercased() } ?? scale.count }
            series = series.enumerated().sorted { (place($0.element), $0.offset) < (place($1.element), $1.offset) }.map(\.element)
        }
        var cells = Array(repeating: [Bar?](repeating: nil, count: series.count), count: rows.count)
        for bar in bars {
            let row = rows.firstIndex(of: bar.labelParts[0] ?? missing)!, item = series.firstIndex(of: bar.labelParts[1] ?? missing)!
            cells[row][item] = bar
        }
        return Grid(rows: rows, series: series, cells: cells)
    }
}
