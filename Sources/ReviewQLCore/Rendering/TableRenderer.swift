/// Draws a result as a table for people: box-drawing lines on a UTF-8 terminal, plain ASCII
/// otherwise. Numbers are right-aligned, text left; the totals row sits under a rule; the row
/// count and the result's notes follow the table.
public struct TableRenderer {
    public enum Style: Sendable { case box, ascii }

    struct Lines {
        let horizontal, vertical: String
        let top: (String, String, String)
        let middle: (String, String, String)
        let bottom: (String, String, String)
        let missing: String
    }

    static let boxLines = Lines(horizontal: "─", vertical: "│", top: ("┌", "┬", "┐"), middle: ("├", "┼", "┤"),
                                bottom: ("└", "┴", "┘"), missing: "·")
    static let asciiLines = Lines(horizontal: "-", vertical: "|", top: ("+", "+", "+"), middle: ("+", "+", "+"),
                                  bottom: ("+", "+", "+"), missing: ".")

    public var style: Style

    public init(style: Style) { self.style = style }

    /// The marker for a missing value in this style.
    public var missingMarker: String { lines.missing }

    var lines: Lines { style == .box ? Self.boxLines : Self.asciiLines }

    public func render(_ result: QueryResult) -> String {
        let table = result.table
        if result.isSingleValue, table.rowCount == 1 {
            return ([cell(table.columns[0].value(at: 0), decimals: result.decimals[0])] + result.notes)
                .joined(separator: "\n")
        }
        let header = table.columns.map { TextSafety.escaped($0.name) }
        var body: [[String]] = (0..<table.rowCount).map { row in
            table.columns.indices.map { cell(table.columns[$0].value(at: row), decimals: result.decimals[$0]) }
        }
        let total = result.totalRow.map { row in row.indices.map { cell(row[$0], decimals: result.decimals[$0], blankMissing: true) } }
        let rightAligned = table.columns.map { $0.type.isNumeric }
        var widths = header.map(\.count)
        for row in body + (total.map { [$0] } ?? []) {
            for (c, text) in row.enumerated() { widths[c] = max(widths[c], text.count) }
        }
        if body.isEmpty { body = [] }

        func rule(_ ends: (String, String, String)) -> String {
            ends.0 + widths.map { String(repeating: lines.horizontal, count: $0 + 2) }.joined(separator: ends.1) + ends.2
        }
        func line(_ cells: [String], alignHeader: Bool = false) -> String {
            let padded = cells.enumerated().map { c, text in
                let gap = String(repeating: " ", count: widths[c] - text.count)
                return " " + (rightAligned[c] && !alignHeader ? gap + text : text + gap) + " "
            }
            return lines.vertical + padded.joined(separator: lines.vertical) + lines.vertical
        }

        var out = [rule(lines.top), line(header, alignHeader: true), rule(lines.middle)]
        out += body.map { line($0) }
        if let total {
            out.append(rule(lines.middle))
            out.append(line(total))
        }
        out.append(rule(lines.bottom))
        out.append(table.rowCount == 1 ? "1 row" : "\(table.rowCount) rows")
        out += result.notes
        return out.joined(separator: "\n")
    }

    private func cell(_ value: Value, decimals: Int?, blankMissing: Bool = false) -> String {
        if value.isMissing { return blankMissing ? "" : lines.missing }
        if case .integer(let i) = value, let decimals { return ValueFormatter.fixed(Double(i), decimals: decimals) }
        return ValueFormatter.display(value, decimals: decimals)
    }
}
