/// The words around an SVG chart: the heading (the title given in the statement, else the
/// statement in words, else the chart's own "count by judgement"), wrapped over at most two
/// lines; the subtitle; and the source at the foot. Every SVG chart kind draws them alike.
struct SVGCaptions {
    var heading: [String]
    var subtitle: String?
    var source: String?
    /// The whole heading, for the document's `<title>`.
    var fullHeading: String

    /// `given` is a heading the caller gives (a test's, or none: empty). A chart with intervals
    /// under any other heading gets its own title as the subtitle, which says what the
    /// whiskers are.
    init(_ chart: ChartData, given: String) {
        let full = given.isEmpty ? chart.captions.heading(fallback: chart.title) : given
        fullHeading = full
        var lines = ChartRenderer.wrapped(TextSafety.escaped(full), to: SVGChart.headingCharacters)
        if lines.count > 2 { lines = [lines[0], ChartRenderer.truncated(lines[1...].joined(separator: " "), to: SVGChart.headingCharacters, ellipsis: "…")] }
        heading = lines
        subtitle = chart.captions.subtitle
            ?? (chart.hasIntervals && full != chart.title ? ChartRenderer.truncated(chart.title, to: 96, ellipsis: "…") : nil)
        source = chart.captions.sourceLine
    }

    /// How far below the top the plot may start: past the heading's lines and the subtitle.
    var height: Double { 50 + Double(heading.count - 1) * 20 + (subtitle == nil ? 0 : SVGChart.subtitleHeight) }

    /// The heading's lines and the subtitle, at the top left (the `<title>` is `fullHeading`).
    var elementsAfterTitle: [String] {
        var lines: [String] = []
        for (index, line) in heading.enumerated() {
            lines.append(SVGChart.text(line, x: SVGChart.margin, y: 28 + Double(index) * 20, size: 16, bold: true))
        }
        if let subtitle {
            lines.append(SVGChart.text(subtitle, x: SVGChart.margin, y: 28 + Double(heading.count) * 20, size: 12,
                                       colour: SVGChart.faintColour, className: "subtitle"))
        }
        return lines
    }

    /// The source line at `y`, when there is one.
    func sourceElements(y: Double) -> [String] {
        guard let source else { return [] }
        return [SVGChart.text(ChartRenderer.truncated(source, to: SVGChart.lineCharacters, ellipsis: "…"), x: SVGChart.margin, y: y,
                              size: 11, colour: SVGChart.faintColour, className: "source")]
    }
}
