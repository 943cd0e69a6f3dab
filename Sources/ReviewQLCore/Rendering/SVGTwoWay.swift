/// Two groups as an SVG document: the first group's values down the side, the second's as
/// series in the shades of `ChartShades` (darkest first, in its scale's order), with a key
/// under the heading. Grouped: a bar per series within each value of the first, all on one
/// scale, each with its value. Stacked: one bar per value of the first, cut into its series'
/// parts, with the total at its end. Every bar has a `<title>` naming its two groups and value.
enum SVGTwoWay {
    static let seriesHeight = 14.0

    static func render(_ chart: ChartData, title: String) -> String {
        guard let grid = chart.grid else { return "" }
        let captions = SVGCaptions(chart, given: title)
        let stacked = chart.form == .stacked
        let number = SVGChart.number
        let marker = ValueFormatter.missingMarker
        let labelLimit = ChartRenderer.maximumLabelWidth
        let rows = grid.rows.map { ChartRenderer.truncated($0, to: labelLimit, ellipsis: "…") }
        let totals = grid.cells.map { $0.reduce(0.0) { $0 + ($1?.value ?? 0) } }
        let values: [[String]] = grid.cells.map { row in row.map { $0?.valueWithPercent(missing: marker) ?? (chart.fillNotes.isEmpty ? marker : "0") } }
        let totalTexts = totals.map { ValueFormatter.display(chart.isWholeNumbers ? .integer(Int64($0)) : .decimal($0), decimals: nil) }
        let valueChars = stacked ? (totalTexts.map(\.count).max() ?? 0) : (values.flatMap { $0 }.map(\.count).max() ?? 0)
        let plotLeft = SVGChart.margin + Double(max(rows.map(\.count).max() ?? 0, 4)) * SVGChart.characterWidth + 10
        let plotWidth = max(60, SVGChart.width - plotLeft - Double(valueChars) * SVGChart.characterWidth - 12 - SVGChart.margin)
        let keyTop = captions.height + 6
        let plotTop = keyTop + 26
        let rowHeight = stacked ? 26.0 : Double(grid.series.count) * seriesHeight + 12
        let plotBottom = plotTop + Double(grid.rows.count) * rowHeight
        let notes = chart.notes.flatMap { ChartRenderer.wrapped(TextSafety.escaped($0), to: SVGChart.lineCharacters) }
        let notesTop = plotBottom + 62
        let sourceTop = notes.isEmpty ? notesTop : notesTop + Double(notes.count) * SVGChart.noteHeight + 4
        let height = (captions.source == nil ? (notes.isEmpty ? plotBottom + 54 : sourceTop - 6) : sourceTop + 14)
        func x(_ value: Double) -> Double { chart.maximum > 0 ? plotLeft + value / chart.maximum * plotWidth : plotLeft }

        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(SVGChart.width))\" height=\"\(number(height))\" "
                + "viewBox=\"0 0 \(number(SVGChart.width)) \(number(height))\" font-family=\"sans-serif\" role=\"img\">",
            "<title>\(SVGChart.escaped(captions.fullHeading))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(number(SVGChart.width))\" height=\"\(number(height))\" fill=\"#ffffff\"/>",
        ] + captions.elementsAfterTitle
        lines += key(grid.series, top: keyTop)
        for tick in SVGChart.ticks(upTo: chart.maximum, wholeNumbers: chart.isWholeNumbers) {
            let at = number(x(tick.value))
            lines.append("<line x1=\"\(at)\" y1=\"\(number(plotTop))\" x2=\"\(at)\" y2=\"\(number(plotBottom))\" stroke=\"\(SVGChart.gridColour)\"/>")
            lines.append(SVGChart.text(tick.text, x: x(tick.value), y: plotBottom + 16, size: 11, anchor: "middle", colour: SVGChart.faintColour))
        }
        for (r, row) in grid.cells.enumerated() {
            let top = plotTop + Double(r) * rowHeight + 6
            let middle = stacked ? top + 7 : top + Double(grid.series.count) * seriesHeight / 2
            lines.append(SVGChart.text(rows[r], x: plotLeft - 8, y: middle + 4, size: 12, anchor: "end", className: "category"))
            var start = 0.0
            for (s, cell) in row.enumerated() {
                let value = cell?.value ?? 0
                let (from, to) = stacked ? (x(start), x(start + value)) : (plotLeft, x(value))
                let barTop = stacked ? top : top + Double(s) * seriesHeight
                let tip = SVGChart.escaped(grid.rows[r] + ", " + grid.series[s] + ": " + values[r][s])
                if value > 0 {
                    lines.append("<rect class=\"bar\" x=\"\(number(from))\" y=\"\(number(barTop))\" width=\"\(number(to - from))\" "
                                 + "height=\"\(number(stacked ? seriesHeight : seriesHeight - 2))\" fill=\"\(ChartShades.colours[s])\" "
                                 + "stroke=\"\(ChartShades.outline)\" stroke-width=\"0.5\"><title>\(tip)</title></rect>")
                }
                if !stacked {
                    lines.append(SVGChart.text(values[r][s], x: to + 6, y: barTop + seriesHeight - 4, size: 11, className: "value"))
                }
                start += value
            }
            if stacked { lines.append(SVGChart.text(totalTexts[r], x: x(start) + 6, y: middle + 4, size: 12, className: "value")) }
        }
        lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(plotTop))\" x2=\"\(number(plotLeft))\" y2=\"\(number(plotBottom))\" stroke=\"\(SVGChart.textColour)\"/>")
        lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(plotBottom))\" x2=\"\(number(plotLeft + plotWidth))\" y2=\"\(number(plotBottom))\" stroke=\"\(SVGChart.textColour)\"/>")
        lines.append(SVGChart.text(chart.measureName, x: plotLeft + plotWidth / 2, y: plotBottom + 38, size: 12, anchor: "middle",
                                   bold: true, className: "axis-label"))
        for (index, note) in notes.enumerated() {
            lines.append(SVGChart.text(note, x: SVGChart.margin, y: notesTop + Double(index) * SVGChart.noteHeight, size: 11,
                                       colour: SVGChart.faintColour, className: "note"))
        }
        lines += captions.sourceElements(y: sourceTop)
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The key: a swatch and the name of each series, in a row.
    private static func key(_ series: [String], top: Double) -> [String] {
        var lines: [String] = []
        var left = SVGChart.margin
        for (index, name) in series.enumerated() {
            let label = ChartRenderer.truncated(name, to: 24, ellipsis: "…")
            lines.append("<rect class=\"key\" x=\"\(SVGChart.number(left))\" y=\"\(SVGChart.number(top))\" width=\"12\" height=\"12\" "
                         + "fill=\"\(ChartShades.colours[index])\" stroke=\"\(ChartShades.outline)\" stroke-width=\"0.5\"/>")
            lines.append(SVGChart.text(label, x: left + 17, y: top + 10, size: 11, className: "key-label"))
            left += 17 + Double(label.count) * SVGChart.characterWidth + 16
        }
        return lines
    }
}
