/// A span of source text: byte offsets (UTF-8) into the text a statement was read from.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// Where a problem sits in a file (a data file or a script), 1-based.
public struct FileLocation: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int?

    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// Text that statements were read from, kept so diagnostics can quote the offending line.
public struct SourceText: Sendable {
    /// The file name, or nil for `-c` text and the interactive prompt.
    public var file: String?
    public let text: String
    /// The line number of the first line of `text` within `file` (1-based).
    public var firstLine: Int
    /// The byte offset where each line of `text` starts, worked out once, so that quoting a
    /// line costs the same at the end of a long script as at its start (a script of many
    /// failing statements, run with --keep-going, quotes as many lines).
    let lineStarts: [Int]

    public init(file: String? = nil, text: String, firstLine: Int = 1) {
        self.file = file
        self.text = text
        self.firstLine = firstLine
        var starts = [0]
        for (offset, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The text of `range` (byte offsets), clamped to the text. Costs the length of the range,
    /// not of the text before it, so a script of a million statements takes each in turn in
    /// constant time.
    public func text(in range: SourceRange) -> String {
        let utf8 = text.utf8
        let count = utf8.count
        let start = utf8.index(utf8.startIndex, offsetBy: min(max(range.start, 0), count))
        let end = utf8.index(utf8.startIndex, offsetBy: min(max(range.end, range.start, 0), count))
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}

/// One problem found anywhere in the pipeline: lexing, parsing, binding, evaluating or loading.
///
/// Every stage reports problems as values of this one type; `DiagnosticRenderer` is the one
/// place that turns them into words on the screen.
public struct Diagnostic: Error, Sendable {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var message: String
    /// The offending text, as a range into `source`.
    public var range: SourceRange?
    public var source: SourceText?
    /// For problems in a data file: its name, line and column.
    public var location: FileLocation?
    /// Further lines of explanation.
    public var notes: [String]
    /// What would work instead ("did you mean ...").
    public var help: String?

    public init(_ severity: Severity = .error, _ message: String, range: SourceRange? = nil,
                source: SourceText? = nil, location: FileLocation? = nil,
                notes: [String] = [], help: String? = nil) {
        self.severity = severity
        self.message = message
        self.range = range
        self.source = source
        self.location = location
        self.notes = notes
        self.help = help
    }

    public static func error(_ message: String, at range: SourceRange? = nil, help: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, range: range, help: help)
    }

    public static func warning(_ message: String, at range: SourceRange? = nil, help: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, range: range, help: help)
    }
}
