/// Draws the bar chart of `ChartRenderer` as a standalone SVG document: a title, one bar per
/// row with its value beside it, the category labels on the left, a value axis with ticks
/// underneath, and the result's notes at the foot. Everything is inline: no fonts, styles or
/// images are fetched from elsewhere.
public enum SVGChart {
    static let width = 720.0
    static let margin = 16.0
    /// Rough width of one character of 12px sans-serif text: enough for the layout to leave
    /// room for labels and values without measuring fonts.
    static let characterWidth = 7.0
    static let rowHeight = 24.0
    static let barHeight = 16.0
    static let plotTop = 66.0
    /// How far a subtitle moves the plot down.
    static let subtitleHeight = 16.0
    static let noteHeight = 16.0
    /// Characters of the 16px bold heading that fit across the chart (about 9.5px each); a
    /// longer heading, such as a proportion's query text, is cut with an ellipsis.
    static let headingCharacters = 70
    /// Characters of 11px or 12px text that fit across the chart; longer notes wrap.
    static let lineCharacters = 100
    static let barColour = "#4e79a7"
    /// The bar under a whisker: pale, so the interval reads first.
    static let paleBarColour = "#a0cbe8"
    static let textColour = "#222222"
    static let faintColour = "#666666"
    static let gridColour = "#e0e0e0"

    /// The same chart as a standalone SVG document (UTF-8 text): a title, axis labels (the
    /// group column's name and the measure's name), one `<rect class="bar">` per bar (none for
    /// a missing value, which shows the marker `·`, or a hidden one, `[c]`), the value beside
    /// each bar, category labels. A percent with its confidence interval also gets a
    /// `<g class="interval">` whisker per row, and the chart's own title under a given one.
    /// 720 wide, as tall as the bars need. An empty `title` gives the chart's own ("count by
    /// judgement"). A result that cannot be charted gives a small document saying why.
    public static func render(_ result: QueryResult, title: String) -> String {
        let chart: ChartData
        do {
            chart = try ChartData.of(result)
        } catch {
            return problemDocument(title: title, message: error.message)
        }
        if chart.form.isTimeSeries { return SVGTimeSeries.render(chart, title: title) }
        if chart.grid != nil { return SVGTwoWay.render(chart, title: title) }
        let captions = SVGCaptions(chart, given: title)
        let plotTop = Self.plotTop - 50 + captions.height
        let marker = ValueFormatter.missingMarker
        let labelLimit = ChartRenderer.maximumLabelWidth
        let labels = chart.bars.map { ChartRenderer.truncated($0.label(missing: marker), to: labelLimit, ellipsis: "…") }
        let values = chart.bars.map { $0.valueWithPercent(missing: marker) }
        let groupName = ChartRenderer.truncated(chart.groupName, to: labelLimit, ellipsis: "…")

        let labelCharacters = max(labels.map(\.count).max() ?? 0, groupName.count)
        let plotLeft = margin + Double(labelCharacters) * characterWidth + 10
        let valueRoom = Double(values.map(\.count).max() ?? 0) * characterWidth + 12
        let plotWidth = max(60, width - plotLeft - valueRoom - margin)
        let plotBottom = plotTop + Double(chart.bars.count) * rowHeight
        let notes = chart.notes.flatMap { ChartRenderer.wrapped(TextSafety.escaped($0), to: lineCharacters) }
        let notesTop = plotBottom + 62
        let sourceTop = notes.isEmpty ? plotBottom + 62 : notesTop + Double(notes.count) * noteHeight + 4
        let footEnd = notes.isEmpty ? plotBottom + 54 : notesTop + Double(notes.count - 1) * noteHeight + 14
        let height = captions.source == nil ? footEnd : sourceTop + 14

        func x(_ value: Double) -> Double {
            chart.maximum > 0 ? plotLeft + value / chart.maximum * plotWidth : plotLeft
        }

        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width))\" height=\"\(number(height))\" "
                + "viewBox=\"0 0 \(number(width)) \(number(height))\" font-family=\"sans-serif\" role=\"img\">",
            "<title>\(escaped(captions.fullHeading))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(number(width))\" height=\"\(number(height))\" fill=\"#ffffff\"/>",
        ] + captions.elementsAfterTitle
        lines.append(text(groupName, x: plotLeft - 8, y: plotTop - 10, size: 12, anchor: "end", bold: true, className: "axis-label"))
        for tick in ticks(upTo: chart.maximum, wholeNumbers: chart.isWholeNumbers) {
            let at = number(x(tick.value))
            lines.append("<line x1=\"\(at)\" y1=\"\(number(plotTop))\" x2=\"\(at)\" y2=\"\(number(plotBottom))\" stroke=\"\(gridColour)\"/>")
            lines.append(text(tick.text, x: x(tick.value), y: plotBottom + 16, size: 11, anchor: "middle", colour: faintColour))
        }
        for (index, bar) in chart.bars.enumerated() {
            let top = plotTop + Double(index) * rowHeight + (rowHeight - barHeight) / 2
            lines += rowElements(bar, label: labels[index], value: values[index], top: top, plotLeft: plotLeft,
                                 interval: chart.hasIntervals ? (chart.intervalLevel ?? "") : nil, x: x)
        }
        lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(plotTop))\" x2=\"\(number(plotLeft))\" y2=\"\(number(plotBottom))\" stroke=\"\(textColour)\"/>")
        lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(plotBottom))\" x2=\"\(number(plotLeft + plotWidth))\" y2=\"\(number(plotBottom))\" stroke=\"\(textColour)\"/>")
        lines.append(text(chart.measureName, x: plotLeft + plotWidth / 2, y: plotBottom + 38, size: 12, anchor: "middle",
                          bold: true, className: "axis-label"))
        for (index, note) in notes.enumerated() {
            lines.append(text(note, x: margin, y: notesTop + Double(index) * noteHeight, size: 11,
                              colour: faintColour, className: "note"))
        }
        lines += captions.sourceElements(y: sourceTop)
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row of the chart: its category label, its bar, and the value beside it. In an interval
    /// chart (`interval` is the confidence level, possibly empty) the bar is paler and a whisker
    /// with end caps spans the interval, its `<title>` naming it; the value goes after the
    /// whisker, so they never overlap. A missing or hidden interval draws no whisker.
    private static func rowElements(_ bar: ChartData.Bar, label: String, value: String, top: Double, plotLeft: Double,
                                    interval level: String?, x: (Double) -> Double) -> [String] {
        let middle = top + barHeight / 2
        var lines = [text(label, x: plotLeft - 8, y: middle + 4, size: 12, anchor: "end", className: "category")]
        var end = plotLeft
        if let number = bar.value {
            end = x(number)
            lines.append("<rect class=\"bar\" x=\"\(self.number(plotLeft))\" y=\"\(self.number(top))\" width=\"\(self.number(end - plotLeft))\" "
                         + "height=\"\(self.number(barHeight))\" fill=\"\(level == nil ? barColour : paleBarColour)\">"
                         + "<title>\(escaped(label + ": " + value))</title></rect>")
        }
        if level != nil, let interval = bar.interval, let texts = bar.boundTexts {
            let (from, to) = (self.number(x(interval.lowerBound)), self.number(x(interval.upperBound)))
            let (capTop, capBottom) = (self.number(middle - barHeight / 4), self.number(middle + barHeight / 4))
            let name = (level.map { $0.isEmpty ? "" : $0 + " " } ?? "") + "confidence interval"
            let stroke = "stroke=\"\(textColour)\" stroke-width=\"1.5\""
            lines += [
                "<g class=\"interval\"><title>\(escaped(label + ": " + name + " " + (texts.low ?? "") + "% to " + (texts.high ?? "") + "%"))</title>",
                "<line class=\"whisker\" x1=\"\(from)\" y1=\"\(self.number(middle))\" x2=\"\(to)\" y2=\"\(self.number(middle))\" \(stroke)/>",
                "<line class=\"cap\" x1=\"\(from)\" y1=\"\(capTop)\" x2=\"\(from)\" y2=\"\(capBottom)\" \(stroke)/>",
                "<line class=\"cap\" x1=\"\(to)\" y1=\"\(capTop)\" x2=\"\(to)\" y2=\"\(capBottom)\" \(stroke)/>",
                "</g>",
            ]
            end = max(end, x(interval.upperBound))
        }
        lines.append(text(value, x: end + 6, y: middle + 4, size: 12, className: "value"))
        return lines
    }

    /// A document holding the title and the sentence saying why there is no chart.
    static func problemDocument(title: String, message: String) -> String {
        let heading = title.isEmpty ? "no chart" : title
        let messageLines = ChartRenderer.wrapped(message, to: lineCharacters - 8)
        let height = number(56 + Double(messageLines.count - 1) * noteHeight + 24)
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width))\" height=\"\(height)\" "
                + "viewBox=\"0 0 \(number(width)) \(height)\" font-family=\"sans-serif\" role=\"img\">",
            "<title>\(escaped(heading))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(number(width))\" height=\"\(height)\" fill=\"#ffffff\"/>",
            text(ChartRenderer.truncated(heading, to: headingCharacters, ellipsis: "…"), x: margin, y: 28, size: 16, bold: true),
        ]
        for (index, line) in messageLines.enumerated() {
            lines.append(text(line, x: margin, y: 56 + Double(index) * noteHeight, size: 12, colour: faintColour, className: "problem"))
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One `<text>` element; `content` is escaped here.
    static func text(_ content: String, x: Double, y: Double, size: Int, anchor: String = "start", bold: Bool = false,
                     colour: String = textColour, className: String? = nil) -> String {
        var attributes = "x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(size)\" fill=\"\(colour)\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if bold { attributes += " font-weight=\"bold\"" }
        if let className { attributes += " class=\"\(className)\"" }
        return "<text \(attributes)>\(escaped(content))</text>"
    }

    /// Ticks along the value axis at round steps (1, 2 or 5 times a power of ten), about five
    /// of them, from 0 to no more than `maximum`.
    static func ticks(upTo maximum: Double, wholeNumbers: Bool) -> [(value: Double, text: String)] {
        guard maximum > 0, maximum.isFinite else { return [(0, "0")] }
        let rough = maximum / 5
        var power = 1.0
        var decimals = 0
        while power * 10 <= rough { power *= 10 }
        while power > rough, decimals < 300 { power /= 10; decimals += 1 }
        var step = power * 10
        var stepDecimals = max(0, decimals - 1)
        for multiple in [1.0, 2.0, 5.0] where power * multiple >= rough {
            step = power * multiple
            stepDecimals = decimals
            break
        }
        if wholeNumbers, step < 1 { step = 1; stepDecimals = 0 }
        var ticks: [(value: Double, text: String)] = []
        var count = 0.0
        while count * step <= maximum * (1 + 1e-9) {
            let value = count * step
            ticks.append((value, ValueFormatter.fixed(value, decimals: stepDecimals)))
            count += 1
        }
        return ticks
    }

    /// A coordinate with at most one decimal, without a trailing ".0".
    static func number(_ value: Double) -> String {
        let text = ValueFormatter.fixed(value, decimals: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Text made safe for XML content and attribute values: markup characters as entities,
    /// and characters XML does not allow shown as visible escapes.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in TextSafety.escaped(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF || scalar.value < 0x20 {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
