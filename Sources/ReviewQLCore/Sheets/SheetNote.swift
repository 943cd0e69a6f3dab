/// A choice made while loading a workbook's sheet, as a value: worded here only, and shown
/// under the load message (as `ResultNote`s are under a result).
public enum SheetNote: Sendable, Equatable {
    /// Which sheet was read, and what else the workbook holds.
    case sheetRead(sheet: String, sheets: [WorkbookSheet], chosen: Bool)
    /// Rows left out by the table finder (`TableShape`): titles, notes, repeated headers.
    case skipped(SkippedLines)
    /// Error values (`#DIV/0!`, `#N/A`) read as missing.
    case errorCells(column: String, count: Int, values: [String], first: String)
    /// Formulas saved with no value, read as missing.
    case uncalculated(column: String, count: Int, first: String)
    /// A column holding numbers (or dates, yes/no) and text cells, read as text.
    case mixedTypes(column: String, typed: Int, text: Int, firstText: String)
    /// Dates with a time of day, kept as text ("2009-01-31 14:30:00") so the time is not lost.
    case timesKept(column: String, count: Int)
    /// A header cell that was empty or repeated, and the name given instead.
    case renamed(column: String, from: String, to: String)
    /// A column with no name and nothing in it, left out.
    case emptyColumnDropped(column: String)

    /// The note in words.
    public var text: String {
        switch self {
        case .sheetRead(let sheet, let sheets, let chosen):
            let others = sheets.filter { $0.name != sheet }
            let visible = others.filter { !$0.hidden }.map(\.name)
            let hidden = others.filter(\.hidden).map(\.name)
            let isHidden = sheets.contains { $0.name == sheet && $0.hidden }
            var text = "sheet \"\(sheet)\"" + (chosen ? ", the first visible sheet" : isHidden ? " (a hidden sheet)" : "")
            if !visible.isEmpty { text += "; other sheets: " + visible.joined(separator: ", ") }
            if !hidden.isEmpty { text += "; hidden: " + hidden.joined(separator: ", ") }
            return text + (chosen && sheets.count > 1 ? " (choose one with load ... sheet \"NAME\" as ...)" : "")
        case .skipped(let lines):
            return lines.note
        case .errorCells(let column, let count, let values, let first):
            return "\(column): \(count) error cell\(count == 1 ? "" : "s") (\(values.joined(separator: ", ")); first at \(first))"
                + " read as missing"
        case .uncalculated(let column, let count, let first):
            return "\(column): \(count) formula\(count == 1 ? "" : "s") saved with no value (first at \(first)) read as missing;"
                + " open and save the workbook in Excel or LibreOffice to calculate \(count == 1 ? "it" : "them")"
        case .mixedTypes(let column, let typed, let text, let firstText):
            return "\(column) is read as text: it mixes \(typed) number or date cell\(typed == 1 ? "" : "s")"
                + " with \(text) text cell\(text == 1 ? "" : "s") (first at \(firstText))"
        case .timesKept(let column, let count):
            return "\(column) is read as text: \(count) of its dates \(count == 1 ? "has" : "have") a time of day, kept as written"
        case .renamed(let column, let from, let to):
            return from.isEmpty ? "column \(column) has no name in the header: called \(to)"
                : "column \(column) repeats the name \"\(from)\": called \(to)"
        case .emptyColumnDropped(let column):
            return "column \(column) has no name and nothing in it: left out"
        }
    }
}
