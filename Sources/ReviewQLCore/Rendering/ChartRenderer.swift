/// Draws a grouped result as a horizontal bar chart for a terminal: a title, one line per row
/// (label, bar, value and percent; for a percent with an interval, a whisker), then the
/// result's notes. `SVGChart` draws the same chart
/// as an SVG document; both read the result through `ChartData`.
public enum ChartRenderer {
    /// Labels longer than this are cut short with an ellipsis, so one long name cannot
    /// squeeze every bar.
    static let maximumLabelWidth = 30
    /// On a narrow terminal, labels shrink (down to `minimumLabelWidth`) before bars get
    /// shorter than this.
    static let minimumBarWidth = 10
    static let minimumLabelWidth = 6
    /// The eighth blocks that end a bar, from one eighth to seven.
    static let partialBlocks = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// Why a result cannot be charted (a clear sentence saying what would work), or nil if it can.
    public static func problem(with result: QueryResult) -> String? {
        do {
            _ = try ChartData.of(result)
            return nil
        } catch {
            return error.message
        }
    }

    /// The chart's title: the measure by the group, e.g. "count by judgement" (empty when the
    /// result cannot be charted).
    public static func title(for result: QueryResult) -> String {
        (try? ChartData.of(result))?.title ?? ""
    }

    /// A horizontal bar chart for a terminal: one line per row: label (left-aligned, padded),
    /// a bar scaled so the largest value fills the available width, then the value (and the
    /// percent in parentheses when the result has a `percent` column). A percent with its
    /// confidence interval is drawn as a whisker instead of a bar (`├──●───┤`, see `whisker`),
    /// scaled so the largest upper bound fills the width, and followed by "34.1% (27.5 to 41.4)". `width` is the total
    /// line width to fit (e.g. 80); `unicode` true uses block characters (█ and the eighth
    /// blocks ▏▎▍▌▋▊▉ for fractional ends), false uses `#` and plain ASCII marks. A title line
    /// first (the measure's name by the group's name, e.g. "count by judgement"), and the
    /// result's notes after. A result that cannot be charted gives the sentence saying why.
    public static func render(_ result: QueryResult, width: Int, unicode: Bool) -> String {
        let chart: ChartData
        do {
            chart = try ChartData.of(result)
        } catch {
            return error.message
        }
        let missing = unicode ? ValueFormatter.missingMarker : TableRenderer(style: .ascii).missingMarker
        let ellipsis = unicode ? "…" : "..."
        if chart.grid != nil { return TwoWayChartText.render(chart, width: width, unicode: unicode) }
        let axis = unicode ? "│" : "|"

        let values = chart.bars.map { $0.valueWithPercent(missing: missing) }
        let labels = chart.bars.map { $0.label(missing: missing) }
        // A line is: label, " " + axis, bar, " ", value.
        let overhead = 3 + (values.map(\.count).max() ?? 0)
        let longest = labels.map(\.count).max() ?? 0
        var labelWidth = min(longest, maximumLabelWidth)
        let roomForLabels = width - overhead - minimumBarWidth
        if labelWidth > roomForLabels { labelWidth = max(min(longest, minimumLabelWidth), roomForLabels) }
        let barWidth = max(1, width - overhead - labelWidth)

        func bar(_ value: Double?) -> String {
            guard let value, value > 0, chart.maximum > 0 else { return "" }
            let share = value / chart.maximum
            // A value above zero always shows some bar, so it is never mistaken for zero.
            if unicode {
                let eighths = max(1, Int((share * Double(barWidth * 8)).rounded()))
                let end = eighths % 8 == 0 ? "" : partialBlocks[eighths % 8 - 1]
                return String(repeating: "█", count: eighths / 8) + end
            }
            return String(repeating: "#", count: max(1, Int((share * Double(barWidth)).rounded())))
        }

        var lines = headingLines(chart, width: width, ellipsis: ellipsis)
        for (index, item) in chart.bars.enumerated() {
            let label = truncated(labels[index], to: labelWidth, ellipsis: ellipsis)
            let padding = String(repeating: " ", count: labelWidth - label.count)
            // A line chart in a terminal: time runs down the page, a dot at each period's value.
            let plot = chart.hasIntervals || chart.form == .line
                ? whisker(estimate: item.value, interval: item.interval, maximum: chart.maximum, width: barWidth, unicode: unicode)
                : bar(item.value)
            lines.append(label + padding + " " + axis + plot + " " + values[index])
        }
        if chart.hasIntervals, let scale = scale(maximum: chart.maximum, indent: labelWidth + 1, width: barWidth + 1) {
            lines.append(scale)
        }
        for note in chart.notes { lines += wrapped(TextSafety.escaped(note), to: width) }
        lines += footLines(chart, width: width)
        return lines.joined(separator: "\n")
    }

    /// The heading (the title given, else the chart's own: "count by judgement") and the
    /// subtitle given, each wrapped to the width. The statement in words is not the default
    /// here: the statement was typed just above.
    static func headingLines(_ chart: ChartData, width: Int, ellipsis: String) -> [String] {
        var lines = chart.captions.title.map { wrapped(TextSafety.escaped($0), to: width) }
            ?? [truncated(chart.title, to: width, ellipsis: ellipsis)]
        if let subtitle = chart.captions.subtitle { lines += wrapped(TextSafety.escaped(subtitle), to: width) }
        return lines
    }

    /// "Source: …" under the notes, when the statement gave one.
    static func footLines(_ chart: ChartData, width: Int) -> [String] {
        chart.captions.sourceLine.map { wrapped(TextSafety.escaped($0), to: width) } ?? []
    }

    /// One row of an interval chart, `width` columns from zero (just after the axis) to
    /// `maximum`: `├` and `┤` (ASCII `|`) at the interval's bounds joined by `─` (`-`), and `●`
    /// (`o`) at the estimate, which wins where they meet. Padded to the full width, so the
    /// values after it line up; a row with no interval shows no whisker, and a missing or
    /// hidden estimate nothing at all.
    static func whisker(estimate: Double?, interval: ClosedRange<Double>?, maximum: Double, width: Int, unicode: Bool) -> String {
        var cells = [Character](repeating: " ", count: max(1, width))
        func column(_ value: Double) -> Int {
            guard maximum > 0 else { return 0 }
            return min(cells.count - 1, max(0, Int((value / maximum * Double(cells.count - 1)).rounded())))
        }
        if let interval {
            let (from, to) = (column(interval.lowerBound), column(interval.upperBound))
            for c in from...to { cells[c] = unicode ? "─" : "-" }
            cells[from] = unicode ? "├" : "|"
            cells[to] = unicode ? "┤" : "|"
        }
        if let estimate { cells[column(estimate)] = unicode ? "●" : "o" }
        return String(cells)
    }

    /// The line under an interval chart that says what its width stands for: "0%" under the
    /// axis and the largest upper bound ("73.3%") ending under the last column of the plot.
    /// Whiskers carry no bar to compare, so without it their positions could not be read. Nil
    /// when the plot is too narrow for both.
    static func scale(maximum: Double, indent: Int, width: Int) -> String? {
        let start = "0%", end = ValueFormatter.fixed(maximum, decimals: 1) + "%"
        guard width > start.count + end.count else { return nil }
        return String(repeating: " ", count: indent) + start + String(repeating: " ", count: width - start.count - end.count) + end
    }

    /// `text` cut to at most `width` characters, ending in `ellipsis` when anything was cut.
    static func truncated(_ text: String, to width: Int, ellipsis: String) -> String {
        guard text.count > width else { return text }
        guard width > ellipsis.count else { return String(text.prefix(max(0, width))) }
        return String(text.prefix(width - ellipsis.count)) + ellipsis
    }

    /// `text` broken at spaces into lines of at most `width` characters; a word longer than
    /// the width is broken where it must be.
    static func wrapped(_ text: String, to width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            if !line.isEmpty, line.count + 1 + word.count <= width {
                line += " " + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            line = String(word)
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// Why a result cannot be drawn as a bar chart. The wording lives in `message`.
enum ChartProblem: Error, Equatable {
    case noRows
    /// No numeric column at all; carries the result's column names.
    case nothingToMeasure(columns: [String])
    /// The measure is a count or sum over everything: nothing to put side by side.
    case needsGroups
    /// A list of numbers with no column of names for the bars.
    case needsLabels(measure: String)
    case severalMeasures([String])
    /// The one measure is not a number (a min or max of dates or text).
    case notNumeric(measure: String, type: ColumnType)
    case negative(measure: String, label: String, value: String)
    case notFinite(measure: String, label: String)
    /// `as grouped chart` or `as stacked chart` of a result without exactly two group columns.
    case twoWayNeedsTwoGroups(form: String, groups: Int)
    /// More series (values of the second group) than there are shades that print apart.
    case tooManySeries(form: String, series: Int)
    /// Percents with intervals as grouped or stacked bars: the whiskers would not fit.
    case twoWayOfIntervals(form: String)
    /// A stacked chart of averages or other measures that do not add up.
    case stackedNeedsAdditive(measure: String)
    /// `as line chart` of a group that is not a period of time.
    case timeSeriesNeedsPeriod(form: String, group: String)

    var message: String {
        switch self {
        case .noRows:
            return "nothing to chart: the result has no rows"
        case .nothingToMeasure(let columns):
            return "nothing to chart: a chart needs a numeric column, and this result has none ("
                + columns.joined(separator: ", ") + "); chart a count or a sum, e.g. count reviews group by judgement"
        case .needsGroups:
            return "a chart needs groups: add group by and a column to compare, e.g. count reviews group by judgement"
        case .needsLabels(let measure):
            return "a chart needs a column of names for its bars: list one beside \(measure), e.g. list risk_factor, reviews from risk_factors"
        case .severalMeasures(let names):
            return "a chart shows one measure; this result has \(ChartProblem.series(names)): ask for one"
        case .notNumeric(let measure, let type):
            let kind = type == .date ? "a date" : type == .boolean ? "yes or no" : type.rawValue
            return "a chart needs numbers, but \(measure) is \(kind): chart a count or a sum, e.g. count reviews group by judgement"
        case .negative(let measure, let label, let value):
            return "cannot chart negative values: \(measure) is \(value) for \(label), and the bars start at zero; chart a measure with no negative values"
        case .notFinite(let measure, let label):
            return "cannot chart \(measure): it is not a finite number for \(label)"
        case .twoWayNeedsTwoGroups(let form, let groups):
            return "a \(form) needs two group columns (this result has \(groups)): the first down the side, the second as the bars "
                + "of each, e.g. count reviews join authorities group by region, judgement as \(form)"
        case .tooManySeries(let form, let series):
            return "a \(form) draws at most \(ChartShades.count) values of its second group in shades that print apart in grey, "
                + "and this one has \(series): put the column with fewer values second, or show it as crosstab"
        case .twoWayOfIntervals(let form):
            return "a \(form) cannot show each percent's interval: use as chart, which draws each as a whisker"
        case .stackedNeedsAdditive(let measure):
            return "a stacked chart adds its parts up, and \(measure) does not add up: use as grouped chart"
        case .timeSeriesNeedsPeriod(let form, let group):
            return "a \(form) is drawn over time, and \(group) is not a period: group by one of year_month(...), year_quarter(...), "
                + "financial_year(...) or year(...), e.g. count reviews group by year_month(letter_date) as \(form)"
        }
    }

    /// "a", "a and b", "a, b and c".
    static func series(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
