/// A time series as an SVG document: the periods along the bottom in time order, the measure
/// up the side, and each period's value as an upright column (`as column chart`) or as a point
/// on a line (`as line chart`). A period with no value (a gap) draws nothing, and the line
/// breaks there rather than joining across it. A percent with intervals gets upright whiskers.
/// The heading, subtitle, notes and source are as in `SVGChart`.
enum SVGTimeSeries {
    static let plotHeight = 240.0

    static func render(_ chart: ChartData, title: String) -> String {
        let captions = SVGCaptions(chart, given: title)
        let ticks = SVGChart.ticks(upTo: chart.maximum, wholeNumbers: chart.isWholeNumbers)
        let top = ticks.last.map { max($0.value, chart.maximum) } ?? chart.maximum
        let tickRoom = Double(ticks.map(\.text.count).max() ?? 1) * SVGChart.characterWidth + 14
        let plotLeft = SVGChart.margin + tickRoom, plotRight = SVGChart.width - SVGChart.margin - 8
        let plotTop = captions.height + 24, plotBottom = plotTop + plotHeight
        let count = chart.bars.count
        let slot = (plotRight - plotLeft) / Double(max(1, count))
        let labels = chart.bars.map { $0.label(missing: ValueFormatter.missingMarker) }
        // Labels that would not fit side by side are turned; past 36 only every few is written.
        let turned = Double(labels.map(\.count).max() ?? 0) * SVGChart.characterWidth > slot - 4
        let every = max(1, Int((Double(count) / 36).rounded(.up)))
        let labelRoom = turned ? Double(labels.map(\.count).max() ?? 0) * SVGChart.characterWidth * 0.72 + 16 : 20
        let notes = chart.notes.flatMap { ChartRenderer.wrapped(TextSafety.escaped($0), to: SVGChart.lineCharacters) }
        let axisLabelY = plotBottom + labelRoom + 18
        let notesTop = axisLabelY + 26
        let sourceTop = notesTop + Double(notes.count) * SVGChart.noteHeight + (notes.isEmpty ? 0 : 4)
        let height = (captions.source == nil ? sourceTop - 16 : sourceTop) + 14
        func x(_ index: Int) -> Double { plotLeft + slot * (Double(index) + 0.5) }
        func y(_ value: Double) -> Double { top > 0 ? plotBottom - value / top * plotHeight : plotBottom }
        let number = SVGChart.number

        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(SVGChart.width))\" height=\"\(number(height))\" "
                + "viewBox=\"0 0 \(number(SVGChart.width)) \(number(height))\" font-family=\"sans-serif\" role=\"img\">",
            "<title>\(SVGChart.escaped(captions.fullHeading))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(number(SVGChart.width))\" height=\"\(number(height))\" fill=\"#ffffff\"/>",
        ] + captions.elementsAfterTitle
        lines.append(SVGChart.text(chart.measureName, x: plotLeft, y: plotTop - 10, size: 12, anchor: "middle", bold: true, className: "axis-label"))
        for tick in ticks {
            let at = number(y(tick.value))
            lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(at)\" x2=\"\(number(plotRight))\" y2=\"\(at)\" stroke=\"\(SVGChart.gridColour)\"/>")
            lines.append(SVGChart.text(tick.text, x: plotLeft - 6, y: y(tick.value) + 4, size: 11, anchor: "end", colour: SVGChart.faintColour))
        }
        lines += marks(chart, labels: labels, x: x, y: y, slot: slot, plotBottom: plotBottom)
        for (index, label) in labels.enumerated() where index % every == 0 {
            if turned {
                let (lx, ly) = (number(x(index) + 4), number(plotBottom + 12))
                lines.append("<text x=\"\(lx)\" y=\"\(ly)\" font-size=\"11\" fill=\"\(SVGChart.faintColour)\" text-anchor=\"end\" "
                             + "transform=\"rotate(-45 \(lx) \(ly))\" class=\"category\">\(SVGChart.escaped(label))</text>")
            } else {
                lines.append(SVGChart.text(label, x: x(index), y: plotBottom + 16, size: 11, anchor: "middle", colour: SVGChart.faintColour,
                                           className: "category"))
            }
        }
        lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(plotTop))\" x2=\"\(number(plotLeft))\" y2=\"\(number(plotBottom))\" stroke=\"\(SVGChart.textColour)\"/>")
        lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(plotBottom))\" x2=\"\(number(plotRight))\" y2=\"\(number(plotBottom))\" stroke=\"\(SVGChart.textColour)\"/>")
        lines.append(SVGChart.text(chart.groupName, x: (plotLeft + plotRight) / 2, y: axisLabelY, size: 12, anchor: "middle", bold: true,
                                   className: "axis-label"))
        for (index, note) in notes.enumerated() {
            lines.append(SVGChart.text(note, x: SVGChart.margin, y: notesTop + Double(index) * SVGChart.noteHeight, size: 11,
                                       colour: SVGChart.faintColour, className: "note"))
        }
        lines += captions.sourceElements(y: sourceTop)
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The columns, or the line (broken at gaps) and its points; then any whiskers. Each
    /// column or point has a `<title>` with its period and value.
    private static func marks(_ chart: ChartData, labels: [String], x: (Int) -> Double, y: (Double) -> Double,
                              slot: Double, plotBottom: Double) -> [String] {
        let number = SVGChart.number
        var lines: [String] = []
        let fill = chart.hasIntervals ? SVGChart.paleBarColour : SVGChart.barColour
        if chart.form == .line {
            var run: [String] = []
            func endRun() {
                if run.count > 1 {
                    lines.append("<polyline class=\"line\" points=\"\(run.joined(separator: " "))\" fill=\"none\" stroke=\"\(SVGChart.barColour)\" stroke-width=\"2\"/>")
                }
                run = []
            }
            for (index, bar) in chart.bars.enumerated() {
                guard let value = bar.value else { endRun(); continue }
                run.append(number(x(index)) + "," + number(y(value)))
            }
            endRun()
        }
        for (index, bar) in chart.bars.enumerated() {
            let tip = "<title>\(SVGChart.escaped(labels[index] + ": " + bar.valueWithPercent(missing: ValueFormatter.missingMarker)))</title>"
            guard let value = bar.value else { continue }
            if chart.form == .line {
                lines.append("<circle class=\"point\" cx=\"\(number(x(index)))\" cy=\"\(number(y(value)))\" r=\"3.5\" fill=\"\(SVGChart.barColour)\">\(tip)</circle>")
            } else {
                let width = slot * 0.7
                lines.append("<rect class=\"bar\" x=\"\(number(x(index) - width / 2))\" y=\"\(number(y(value)))\" width=\"\(number(width))\" "
                             + "height=\"\(number(plotBottom - y(value)))\" fill=\"\(fill)\">\(tip)</rect>")
            }
            if let interval = bar.interval {
                let (from, to) = (number(y(interval.lowerBound)), number(y(interval.upperBound)))
                let (left, right) = (number(x(index) - min(6, slot / 4)), number(x(index) + min(6, slot / 4)))
                let stroke = "stroke=\"\(SVGChart.textColour)\" stroke-width=\"1.5\""
                lines += ["<g class=\"interval\">",
                          "<line class=\"whisker\" x1=\"\(number(x(index)))\" y1=\"\(from)\" x2=\"\(number(x(index)))\" y2=\"\(to)\" \(stroke)/>",
                          "<line class=\"cap\" x1=\"\(left)\" y1=\"\(from)\" x2=\"\(right)\" y2=\"\(from)\" \(stroke)/>",
                          "<line class=\"cap\" x1=\"\(left)\" y1=\"\(to)\" x2=\"\(right)\" y2=\"\(to)\" \(stroke)/>", "</g>"]
            }
        }
        return lines
    }
}
