/// Text for spreadsheets: CSV that Excel on Windows opens right, and tab-separated text to
/// paste. A spreadsheet reads a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return as a formula, which can fetch a web page or run a command when the file is opened
/// (OWASP, "CSV Injection"); such a cell gets a leading `'`, as OWASP advises, and the writer
/// says how many did. A number (`-5`, `+3.2`, `1e-08`) is left alone: it is not a formula.
public enum SpreadsheetText {
    /// CSV for Excel: a UTF-8 byte-order mark (without it Excel on Windows reads the bytes as
    /// the local code page and garbles `£` and accented names), CRLF line ends, every field
    /// quoted where RFC 4180 needs it, and cells guarded against formulas.
    public static func excelCSV(_ result: QueryResult) -> (text: String, remarks: [ExportRemark]) {
        let result = result.withStatisticsColumns()
        var guarded = Guarded()
        let lines = rows(of: result).map { cells in
            cells.map { ResultWriter.csvField(guarded.cell($0)) }.joined(separator: ",")
        }
        return ("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n", guarded.remarks)
    }

    /// Tab-separated text, as Excel and Word copy a table: a header line, then the rows, the
    /// totals row where the result has one; tabs and line breaks inside a cell become spaces.
    public static func clipboardTSV(_ result: QueryResult) -> (text: String, remarks: [ExportRemark]) {
        var guarded = Guarded()
        var lines = rows(of: result)
        if let total = result.totalRow {
            lines.append(total.indices.map { result.marker(row: -1, column: $0) ?? ValueFormatter.plain(total[$0]) })
        }
        let text = lines.map { cells in
            cells.map { cell in
                String(guarded.cell(cell).map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
            }.joined(separator: "\t")
        }.joined(separator: "\n") + "\n"
        return (text, guarded.remarks)
    }

    /// The header and the rows as text, hidden counts as their marker.
    static func rows(of result: QueryResult) -> [[String]] {
        let table = result.table
        var lines = [table.columns.map(\.name)]
        for row in 0..<table.rowCount {
            lines.append(table.columns.indices.map { c in
                result.marker(row: row, column: c) ?? ValueFormatter.plain(table.columns[c].value(at: row))
            })
        }
        return lines
    }

    /// Whether a spreadsheet would read `text` as a formula.
    public static func wouldBeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return !isPlainNumber(text)
    }

    /// `-5`, `+3.25`, `-1e-08`: a number, which a spreadsheet reads as a number.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let n = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(n)
            return n
        }
        guard digits() > 0 else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// Guards cells and counts the ones it changed.
    struct Guarded {
        var count = 0
        var example: String?

        mutating func cell(_ text: String) -> String {
            guard SpreadsheetText.wouldBeFormula(text) else { return text }
            count += 1
            if example == nil { example = TextSafety.escaped(String(text.prefix(30))) + (text.count > 30 ? "…" : "") }
            return "'" + text
        }

        var remarks: [ExportRemark] {
            count == 0 ? [] : [.formulaGuarded(cells: count, example: example ?? "")]
        }
    }
}
