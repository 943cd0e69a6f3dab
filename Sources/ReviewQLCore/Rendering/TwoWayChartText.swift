/// A grouped or stacked chart for a terminal. Grouped: each value of the first group names a
/// block of lines, one bar per series in its own shade (`█ ▓ ▒ ░`, see `ChartShades`), all on
/// one scale. Stacked: one line per value of the first group, its parts one after another in
/// their shades, then the total. A key line names the shades; notes and the source follow.
enum TwoWayChartText {
    static func render(_ chart: ChartData, width: Int, unicode: Bool) -> String {
        guard let grid = chart.grid else { return "" }
        let shades = unicode ? ChartShades.blocks : ChartShades.asciiBlocks
        let ellipsis = unicode ? "…" : "..."
        let missing = unicode ? ValueFormatter.missingMarker : TableRenderer(style: .ascii).missingMarker
        let axis = unicode ? "│" : "|"
        var lines = ChartRenderer.headingLines(chart, width: width, ellipsis: ellipsis)
        let key = grid.series.enumerated().map { shades[$0.offset] + " " + $0.element }.joined(separator: "  ")
        lines += ChartRenderer.wrapped(TextSafety.escaped(key), to: width)

        let stacked = chart.form == .stacked
        let values: [[String]] = grid.cells.map { row in row.map { $0?.valueWithPercent(missing: missing) ?? (chart.fillNotes.isEmpty ? missing : "0") } }
        let totals = grid.cells.map { row in row.reduce(0.0) { $0 + ($1?.value ?? 0) } }
        let rowLabels = grid.rows.map { ChartRenderer.truncated($0, to: ChartRenderer.maximumLabelWidth, ellipsis: ellipsis) }
        let seriesLabels = grid.series.map { ChartRenderer.truncated($0, to: ChartRenderer.maximumLabelWidth, ellipsis: ellipsis) }
        let labelWidth = stacked ? (rowLabels.map(\.count).max() ?? 0) : max(rowLabels.map(\.count).max() ?? 0, 2 + (seriesLabels.map(\.count).max() ?? 0))
        let valueWidth = stacked ? totals.map { ValueFormatter.display(.decimal($0), decimals: chart.isWholeNumbers ? 0 : nil).count }.max() ?? 0
                                 : values.flatMap { $0 }.map(\.count).max() ?? 0
        let barWidth = max(ChartRenderer.minimumBarWidth, width - labelWidth - valueWidth - 3)
        func cells(_ value: Double?) -> Int {
            guard let value, value > 0, chart.maximum > 0 else { return 0 }
            // A value above zero always shows some bar, so it is never mistaken for zero.
            return max(1, Int((value / chart.maximum * Double(barWidth)).rounded()))
        }
        func padded(_ text: String) -> String { text + String(repeating: " ", count: max(0, labelWidth - text.count)) }

        for (r, row) in grid.cells.enumerated() {
            if stacked {
                let bar = row.enumerated().map { String(repeating: shades[$0.offset], count: cells($0.element?.value)) }.joined()
                let total = ValueFormatter.display(chart.isWholeNumbers ? .integer(Int64(totals[r])) : .decimal(totals[r]), decimals: nil)
                lines.append(padded(rowLabels[r]) + " " + axis + bar + " " + total)
            } else {
                lines.append(rowLabels[r])
                for (s, cell) in row.enumerated() {
                    lines.append(padded("  " + seriesLabels[s]) + " " + axis + String(repeating: shades[s], count: cells(cell?.value)) + " " + values[r][s])
                }
            }
        }
        for note in chart.notes { lines += ChartRenderer.wrapped(TextSafety.escaped(note), to: width) }
        lines += ChartRenderer.footLines(chart, width: width)
        return lines.joined(separator: "\n")
    }
}
