/// Draws a funnel plot as a standalone SVG document: each group's percent (a dot) against its
/// number of rows, the overall percent as a line, the 95% limits dashed and the 99.8% limits
/// dotted around it, and the groups outside the limits named beside their dots. Lines differ
/// by pattern, not colour, so it prints in grey. Everything is inline.
public enum FunnelChart {
    static let width = 720.0, height = 500.0
    static let plotLeft = 64.0, plotRight = 690.0, plotTop = 76.0, plotBottom = 400.0

    /// `captions`: the statement's own title, subtitle and source (`as funnel titled "…"`).
    public static func render(_ data: FunnelData, title: String, captions: ChartCaptions = ChartCaptions()) -> String {
        let maxN = Double(data.points.map(\.trials).max() ?? 1)
        let ticks = SVGChart.ticks(upTo: maxN * 1.05, wholeNumbers: true)
        let xMax = max(ticks.last?.value ?? maxN, maxN)
        func x(_ n: Double) -> Double { plotLeft + n / xMax * (plotRight - plotLeft) }
        func y(_ proportion: Double) -> Double { plotBottom - proportion * (plotBottom - plotTop) }
        func number(_ value: Double) -> String { SVGChart.number(value) }
        let heading = ChartRenderer.truncated(title.isEmpty ? captions.title ?? data.title : title, to: SVGChart.headingCharacters, ellipsis: "…")
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width))\" height=\"\(number(height))\" "
                + "viewBox=\"0 0 \(number(width)) \(number(height))\" font-family=\"sans-serif\" role=\"img\">",
            "<title>\(SVGChart.escaped(heading))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(number(width))\" height=\"\(number(height))\" fill=\"#ffffff\"/>",
            SVGChart.text(heading, x: 16, y: 28, size: 16, bold: true),
            SVGChart.text(captions.subtitle ?? data.subtitle, x: 16, y: 48, size: 12, colour: SVGChart.faintColour, className: "subtitle"),
        ]
        for tick in stride(from: 0.0, through: 1.0, by: 0.2) {
            lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(y(tick)))\" x2=\"\(number(plotRight))\" y2=\"\(number(y(tick)))\" stroke=\"\(SVGChart.gridColour)\"/>")
            lines.append(SVGChart.text(ValueFormatter.fixed(tick * 100, decimals: 0) + "%", x: plotLeft - 6, y: y(tick) + 4, size: 11,
                                       anchor: "end", colour: SVGChart.faintColour))
        }
        for tick in ticks {
            lines.append(SVGChart.text(tick.text, x: x(tick.value), y: plotBottom + 16, size: 11, anchor: "middle", colour: SVGChart.faintColour))
        }
        // The limits, from a group of 1 to the largest, at about 200 points.
        let step = max(1, Int(xMax) / 200)
        let sizes = Array(stride(from: 1, through: Int(xMax), by: step))
        let limits = sizes.map { FunnelLimits.limits(n: $0, p0: data.overall) }
        func path(_ value: (FunnelLimits.Limits) -> Double, dash: String, className: String) -> String {
            let points = zip(sizes, limits).map { "\(number(x(Double($0))))," + number(y(value($1))) }.joined(separator: " ")
            return "<polyline class=\"\(className)\" points=\"\(points)\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1.2\" stroke-dasharray=\"\(dash)\"/>"
        }
        lines += [path(\.upper95, dash: "6 4", className: "limit-95"), path(\.lower95, dash: "6 4", className: "limit-95"),
                  path(\.upper998, dash: "2 3", className: "limit-998"), path(\.lower998, dash: "2 3", className: "limit-998")]
        lines.append("<line class=\"overall\" x1=\"\(number(plotLeft))\" y1=\"\(number(y(data.overall)))\" x2=\"\(number(plotRight))\" "
                     + "y2=\"\(number(y(data.overall)))\" stroke=\"#222222\" stroke-width=\"1.5\"/>")
        for point in data.points {
            let outside = data.position(point) != .within
            let cx = number(x(Double(point.trials))), cy = number(y(point.proportion))
            lines.append("<circle class=\"group\(outside ? " outside" : "")\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(outside ? 5 : 3.5)\" "
                         + "fill=\"\(outside ? "#222222" : "#ffffff")\" stroke=\"#222222\"><title>"
                         + SVGChart.escaped("\(point.label): \(point.events) of \(point.trials), \(data.position(point).rawValue)")
                         + "</title></circle>")
            if outside {
                // Names near the right edge go on the dot's left.
                let onLeft = x(Double(point.trials)) > plotRight - 120
                lines.append(SVGChart.text(ChartRenderer.truncated(point.label, to: 30, ellipsis: "…"),
                                           x: x(Double(point.trials)) + (onLeft ? -8 : 8), y: y(point.proportion) + 4, size: 11,
                                           anchor: onLeft ? "end" : "start", className: "label"))
            }
        }
        lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(plotBottom))\" x2=\"\(number(plotRight))\" y2=\"\(number(plotBottom))\" stroke=\"#222222\"/>")
        lines.append("<line x1=\"\(number(plotLeft))\" y1=\"\(number(plotTop))\" x2=\"\(number(plotLeft))\" y2=\"\(number(plotBottom))\" stroke=\"#222222\"/>")
        lines.append(SVGChart.text("number of \(data.noun) (each \(data.groupName))", x: (plotLeft + plotRight) / 2, y: plotBottom + 36, size: 12,
                                   anchor: "middle", bold: true, className: "axis-label"))
        let key = "dot: one \(data.groupName); solid line: overall \(StatisticsWording.percent(data.overall)); dashed: 95% limits; dotted: 99.8% limits"
        lines.append(SVGChart.text(key, x: 16, y: plotBottom + 62, size: 11, colour: SVGChart.faintColour, className: "key"))
        lines.append(SVGChart.text(data.outsideSentence, x: 16, y: plotBottom + 80, size: 11, colour: SVGChart.faintColour, className: "note"))
        if let source = captions.sourceLine {
            lines.append(SVGChart.text(ChartRenderer.truncated(source, to: SVGChart.lineCharacters, ellipsis: "…"), x: 16, y: plotBottom + 96,
                                       size: 11, colour: SVGChart.faintColour, className: "source"))
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension FunnelData {
    /// The chart's own title: the statement in words.
    var title: String { "Funnel plot: \(noun) where \(event), by \(groupName)" }

    var subtitle: String {
        "overall \(events) of \(trials) = \(StatisticsWording.percent(overall)); 95% and 99.8% control limits (Spiegelhalter 2005)"
    }

    /// Which groups are outside the limits, as the chart's foot says it.
    var outsideSentence: String {
        let outside = points.filter { position($0) != .within }.map(\.label)
        if outside.isEmpty { return "Every \(groupName) is within the limits: the differences are what chance alone gives." }
        return "Outside the limits: " + ChartRenderer.truncated(outside.joined(separator: ", "), to: 90, ellipsis: "…")
    }
}
