/// How results are printed: the output format and the limits of a table on screen.
public struct Settings: Sendable {
    public var format: OutputFormat = .box
    /// The widest a table may be, in characters (nil: no limit).
    public var width: Int?
    /// The most rows a table shows before it shows the first and last few (nil: all).
    public var maxRows: Int?
    public var timer = false
    /// Counts below this are hidden as `[c]` (nil: nothing hidden).
    public var suppressBelow: Int?
    /// The confidence level of intervals and the significance level of tests (1 − confidence).
    public var confidence = 0.95

    public init() {}
}

/// The output formats. Box and ascii are for people; the others are for other programs and
/// carry only the result's rows (no totals row, no notes).
public enum OutputFormat: String, CaseIterable, Sendable {
    case box, ascii, csv, tsv, json, markdown

    /// The format named by a file's extension (`.csv`, `.json`, `.md` ...).
    public static func forExtension(of path: String) -> OutputFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        case "json": return .json
        case "md", "markdown": return .markdown
        case "txt": return .box
        default: return nil
        }
    }
}
