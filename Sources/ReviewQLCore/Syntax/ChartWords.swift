/// What a chart statement says about its picture, besides the data: `as chart titled "…"
/// subtitled "…" source "…"`, and the chart's form (`as column chart`, `as line chart`,
/// `as grouped chart`, `as stacked chart`).
public struct ChartCaptions: Sendable, Equatable {
    /// `titled "…"`: the heading, instead of the statement in words.
    public var title: String?
    /// `subtitled "…"`: the line under the heading, instead of what the axes hold.
    public var subtitle: String?
    /// `source "…"`: the caption at the foot, "Source: …".
    public var source: String?
    /// The statement in words, as `explain` says it: the heading when no title is given. Set
    /// by the session when the statement runs, never by the parser.
    public var inWords: String?

    public init(title: String? = nil, subtitle: String? = nil, source: String? = nil, inWords: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.source = source
        self.inWords = inWords
    }

    /// Whether the statement gave any caption.
    public var isEmpty: Bool { title == nil && subtitle == nil && source == nil }

    /// The heading: the title given, else the statement in words, else `fallback`.
    func heading(fallback: String) -> String { title ?? inWords ?? fallback }

    /// "Source: …" for the foot of a chart, when a source is given.
    var sourceLine: String? { source.map { "Source: " + $0 } }
}

/// How a chart draws its one measure: across the rows of a result.
public enum ChartForm: String, Sendable, Equatable, CaseIterable {
    /// One horizontal bar a row (`as chart`).
    case bars = "chart"
    /// A time series as upright columns in time order (`as column chart`).
    case columns = "column chart"
    /// A time series as a line through each period (`as line chart`).
    case line = "line chart"
    /// Two groups as bars side by side within each value of the first (`as grouped chart`).
    case grouped = "grouped chart"
    /// Two groups as one bar a value of the first, cut into the second's parts (`as stacked chart`).
    case stacked = "stacked chart"

    /// The word before `chart` that picks this form (`column`, `line` ...), none for plain bars.
    var word: String? { self == .bars ? nil : String(rawValue.dropLast(" chart".count)) }

    /// Whether the form draws a time series (one period group, in time order, gaps as zero).
    var isTimeSeries: Bool { self == .columns || self == .line }

    /// Whether the form draws two groups, the second as the series.
    var isTwoWay: Bool { self == .grouped || self == .stacked }
}
