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
    /// Safe mode (`--safe`, `set safe on`): no file written, no `record`, no `copy last`, no
    /// file loaded from outside the current folder. Once on, it stays on for the session.
    public var safe = false
    /// Run SQL typed by habit as its ReviewQL translation (`set sql on`), rather than only show it.
    public var runsSQL = false
    /// Page results longer than the screen at the prompt (`set pager off` turns it off).
    public var pager = true

    public init() {}
}

/// The settings `set` changes: each with its other spellings, the values completion offers
/// after it, and (in `Settings.apply`) how a value is read. `set`, completion and the
/// "unknown setting" error all read this list.
public enum Setting: String, CaseIterable, Sendable {
    case format, width, maxrows, timer, suppress, confidence, safe, sql, pager

    /// Other spellings: sqlite3's `mode`, and `level` for the confidence level.
    public var synonyms: [String] {
        switch self {
        case .format: return ["mode"]
        case .confidence: return ["level"]
        default: return []
        }
    }

    /// The setting spelt `word`, in any case, synonyms included.
    public static func named(_ word: String) -> Setting? {
        let lowered = word.lowercased()
        return allCases.first { $0.rawValue == lowered || $0.synonyms.contains(lowered) }
    }

    /// The values tab completion offers after `set NAME`.
    public var values: [String] {
        switch self {
        case .format: return OutputFormat.printable.map(\.rawValue)
        case .timer, .sql, .pager: return ["on", "off"]
        case .safe: return ["on"]
        case .width, .maxrows, .suppress, .confidence: return []
        }
    }
}

extension Settings {
    /// Sets `setting` from `value` as written (`set width 100`) and says what it now is.
    public mutating func apply(setting: Name, value: Name) throws(Diagnostic) -> String {
        guard let which = Setting.named(setting.text) else {
            let names = Setting.allCases.map(\.rawValue)
            throw Diagnostic.error("unknown setting \"\(setting.text)\"", at: setting.range,
                                   help: Suggestions.didYouMean(setting.text, in: names)
                                       ?? "the settings are " + names.joined(separator: ", "))
        }
        let text = value.text.lowercased()
        switch which {
        case .format:
            if let format = OutputFormat(rawValue: text), format.isFileOnly {
                throw Diagnostic.error("\(format.rawValue) is written to a file, not printed", at: value.range,
                                       help: format == .xlsx ? "save last to \"result.xlsx\"" : "save last to \"result.csv\" for excel")
            }
            guard let format = OutputFormat(rawValue: text) else {
                let names = OutputFormat.printable.map(\.rawValue)
                throw Diagnostic.error("unknown format \"\(value.text)\"", at: value.range,
                                       help: Suggestions.didYouMean(value.text, in: names)
                                           ?? "the formats are " + names.joined(separator: ", "))
            }
            self.format = format
            return "format is \(format.rawValue)"
        case .width, .maxrows:
            let number: Int?
            if ["off", "none", "all", "0"].contains(text) { number = nil }
            else if let n = Int(value.text), n > 0 { number = n }
            else { throw Diagnostic.error("\(which.rawValue) needs a whole number, or off", at: value.range) }
            if which == .width { width = number } else { maxRows = number }
            return "\(which.rawValue) is \(number.map(String.init) ?? "off")"
        case .suppress:
            if ["off", "none", "0"].contains(text) {
                suppressBelow = nil
                return "nothing is suppressed"
            }
            guard let n = Int(value.text), n >= 2 else {
                throw Diagnostic.error("suppress needs a whole number of 2 or more, or off", at: value.range,
                                       help: "for example: set suppress below 10")
            }
            suppressBelow = n
            return "counts from 1 to \(n - 1) are hidden as \(Suppression.marker)"
        case .confidence:
            let percent = value.text.hasSuffix("%") ? String(value.text.dropLast()) : value.text
            guard let number = Double(percent), number > 50, number < 100 else {
                throw Diagnostic.error("confidence is a percent between 50 and 100, such as 90, 95 or 99", at: value.range,
                                       help: "for example: set confidence 99")
            }
            confidence = number / 100
            return "intervals are \(StatisticsWording.level(confidence)) confidence intervals"
        case .timer:
            switch text {
            case "on": timer = true
            case "off": timer = false
            default: throw Diagnostic.error("timer is on or off", at: value.range)
            }
            return "timer is \(timer ? "on" : "off")"
        case .safe:
            switch text {
            case "on": safe = true
            case "off" where safe:
                throw Diagnostic.error("safe mode cannot be turned off in the session that turned it on", at: value.range,
                                       help: "start reviewql again without --safe to write files or load from other folders")
            case "off": safe = false
            default: throw Diagnostic.error("safe is on or off", at: value.range)
            }
            return safe ? "safe mode is on: no files written, no record, no copy last, no files loaded from outside this folder"
                        : "safe mode is off"
        case .sql, .pager:
            guard ["on", "off"].contains(text) else { throw Diagnostic.error("\(which.rawValue) is on or off", at: value.range) }
            if which == .sql { runsSQL = text == "on" } else { pager = text == "on" }
            return which == .sql ? (runsSQL ? "SQL typed is run as its ReviewQL translation" : "SQL typed is translated, not run")
                : "pager is \(text)"
        }
    }
}

/// The output formats. Box, ascii and markdown are for people; csv, tsv and json for other
/// programs (json carries the notes, csv and tsv only the rows). xlsx (a workbook) and
/// csv-excel (CSV that Excel on Windows opens right) are written to files only.
public enum OutputFormat: String, CaseIterable, Sendable {
    case box, ascii, csv, tsv, json, markdown, xlsx
    case csvExcel = "csv-excel"

    /// The formats a result can be printed in (`set format`, `--format` without `--output`).
    public static let printable: [OutputFormat] = allCases.filter { !$0.isFileOnly }

    /// A workbook is binary, and Excel's CSV starts with a byte-order mark: both are files.
    public var isFileOnly: Bool { self == .xlsx || self == .csvExcel }

    /// The machine formats, which carry the statistics of a test as columns.
    public var isForPrograms: Bool { self == .csv || self == .tsv || self == .json || self == .csvExcel }

    /// The format named by a file's extension (`.csv`, `.json`, `.md` ...).
    public static func forExtension(of path: String) -> OutputFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        case "json": return .json
        case "md", "markdown": return .markdown
        case "txt": return .box
        case "xlsx": return .xlsx
        default: return nil
        }
    }
}
