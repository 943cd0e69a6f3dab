/// Draws a grouped result as a horizontal bar chart for a terminal: a title, one line per row
/// (label, bar, value and percent), then the result's notes. `SVGChart` draws the same chart
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
            _ = try ChartData(result)
            return nil
        } catch {
            return error.message
        }
    }

    /// The chart's title: the measure by the group, e.g. "count by judgement" (empty when the
    /// result cannot be charted).
    public static func title(for result: QueryResult) -> String {
        (try? ChartData(result))?.title ?? ""
    }

    /// A horizontal bar chart for a terminal: one line per row: label (left-aligned, padded),
    /// a bar scaled so the largest value fills the available width, then the value (and the
    /// percent in parentheses when the result has a `percent` column). `width` is the total
    /// line width to fit (e.g. 80); `unicode` true uses block characters (█ and the eighth
    /// blocks ▏▎▍▌▋▊▉ for fractional ends), false uses `#` and plain ASCII marks. A title line
    /// first (the measure's name by the group's name, e.g. "count by judgement"), and the
    /// result's notes after. A result that cannot be charted gives the sentence saying why.
    public static func render(_ result: QueryResult, width: Int, unicode: Bool) -> String {
        let chart: ChartData
        do {
            chart = try ChartData(result)
        } catch {
            return error.message
        }
        let missing = unicode ? ValueFormatter.missingMarker : TableRenderer(style: .ascii).missingMarker
        let ellipsis = unicode ? "…" : "..."
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

        var lines = [truncated(chart.title, to: width, ellipsis: ellipsis)]
        for (index, item) in chart.bars.enumerated() {
            let label = truncated(labels[index], to: labelWidth, ellipsis: ellipsis)
            let padding = String(repeating: " ", count: labelWidth - label.count)
            lines.append(label + padding + " " + axis + bar(item.value) + " " + values[index])
        }
        for note in chart.notes { lines += wrapped(TextSafety.escaped(note), to: width) }
        return lines.joined(separator: "\n")
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
        }
    }

    /// "a", "a and b", "a, b and c".
    static func series(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}

/// What a bar chart draws, read from a result: the one measure, the labels of its rows, and
/// the percent beside each value when the result has one.
///
/// The measure is the result's one aggregate column (`count`, `sum(children)` ...); in a list
/// of rows, which has none, it is the one numeric column other than `percent`. Every other
/// column except `percent` labels the bars, joined with " / ".
struct ChartData {
    struct Bar {
        /// The label columns' values as text; nil where a value is missing.
        var labelParts: [String?]
        var value: Double?
        /// The value as a table shows it; nil when it is missing.
        var valueText: String?
        var percentText: String?

        func label(missing: String) -> String {
            labelParts.map { $0 ?? missing }.joined(separator: " / ")
        }

        /// "59 (34.1%)", or the missing marker.
        func valueWithPercent(missing: String) -> String {
            guard let valueText else { return missing }
            return valueText + (percentText.map { " (" + $0 + "%)" } ?? "")
        }
    }

    var measureName: String
    var groupName: String
    var bars: [Bar]
    var notes: [String]
    /// The largest value: the length of a full bar.
    var maximum: Double
    /// Whether the measure holds whole numbers (counts), so an axis needs no fractions.
    var isWholeNumbers: Bool

    var title: String { measureName + " by " + groupName }

    init(_ result: QueryResult) throws(ChartProblem) {
        let table = result.table
        let columns = table.columns
        guard table.rowCount > 0 else { throw .noRows }
        let roles = result.roles
        func isPercent(_ c: Int) -> Bool { roles[c] == .percent && columns[c].type.isNumeric }

        let aggregates = columns.indices.filter { [.count, .sum, .measure].contains(roles[$0]) }
        let isAggregated = !aggregates.isEmpty || result.isSingleValue
        var measures = aggregates
        if !isAggregated {
            measures = columns.indices.filter { columns[$0].type.isNumeric && !isPercent($0) }
            // A list of percentages alone: then the percent is what is charted.
            if measures.isEmpty, let percent = columns.indices.last(where: isPercent) { measures = [percent] }
        }
        if result.isSingleValue, measures.isEmpty { measures = [columns.count - 1] }
        guard !measures.isEmpty else { throw .nothingToMeasure(columns: columns.map { TextSafety.escaped($0.name) }) }
        let measureNames = measures.map { TextSafety.escaped(columns[$0].name) }
        let labelColumns = columns.indices.filter { !measures.contains($0) && roles[$0] == .label }
        guard !labelColumns.isEmpty, !result.isSingleValue else {
            throw isAggregated ? .needsGroups : .needsLabels(measure: measureNames[0])
        }
        guard measures.count == 1 else { throw .severalMeasures(measureNames) }

        let measure = measures[0]
        let column = columns[measure]
        guard column.type.isNumeric || column.missingCount == table.rowCount else {
            throw .notNumeric(measure: measureNames[0], type: column.type)
        }
        let percentColumn = columns.indices.first { $0 != measure && isPercent($0) }

        var bars: [Bar] = []
        var maximum = 0.0
        for row in 0..<table.rowCount {
            let labelParts: [String?] = labelColumns.map { c in
                let value = columns[c].value(at: row)
                return value.isMissing ? nil : ValueFormatter.display(value, decimals: result.decimals[c])
            }
            let value = column.value(at: row)
            let number = value.number
            let bar = Bar(labelParts: labelParts, value: number,
                          valueText: Self.text(value, decimals: result.decimals[measure]),
                          percentText: percentColumn.flatMap { Self.text(columns[$0].value(at: row), decimals: result.decimals[$0]) })
            if let number {
                let label = "\"" + bar.label(missing: ValueFormatter.missingMarker) + "\""
                guard number.isFinite else { throw .notFinite(measure: measureNames[0], label: label) }
                guard number >= 0 else { throw .negative(measure: measureNames[0], label: label, value: bar.valueText ?? "") }
                maximum = max(maximum, number)
            }
            bars.append(bar)
        }
        self.measureName = measureNames[0]
        self.groupName = labelColumns.map { TextSafety.escaped(columns[$0].name) }.joined(separator: " / ")
        self.bars = bars
        self.notes = result.noteLines
        self.maximum = maximum
        self.isWholeNumbers = column.type == .integer
    }

    /// A value as a table shows it (nil when missing).
    private static func text(_ value: Value, decimals: Int?) -> String? {
        if value.isMissing { return nil }
        if case .integer(let i) = value, let decimals { return ValueFormatter.fixed(Double(i), decimals: decimals) }
        return ValueFormatter.display(value, decimals: decimals)
    }
}
