/// How a table for people is drawn: its characters, the limits of the screen, colour.
public struct RenderOptions: Sendable {
    /// The widest a line may be; text columns are shortened, with a marker, to fit.
    public var width: Int?
    /// The most rows shown; beyond it the first and last rows are shown with a count between.
    public var maxRows: Int?
    /// Bold headings and dim notes, with ANSI escapes (only ever on a terminal).
    public var colour = false
    /// The statement that gave the result, which JSON carries with it.
    public var statement: String?

    public init(width: Int? = nil, maxRows: Int? = nil, colour: Bool = false) {
        self.width = width
        self.maxRows = maxRows
        self.colour = colour
    }
}

/// Draws a result as a table for people: box-drawing lines on a UTF-8 terminal, plain ASCII
/// otherwise. Numbers are right-aligned, text left; the totals row sits under a rule; the row
/// count and the result's notes follow the table. Nothing is lost silently: text shortened to
/// fit the width ends in a marker and the footer says so; rows left out beyond `maxRows` are
/// counted in the table and the footer says how to see them all.
public struct TableRenderer {
    public enum Style: Sendable { case box, ascii }

    struct Lines {
        let horizontal, vertical: String
        let top: (String, String, String)
        let middle: (String, String, String)
        let bottom: (String, String, String)
        let missing: String
        let shortened: String
    }

    static let boxLines = Lines(horizontal: "─", vertical: "│", top: ("┌", "┬", "┐"), middle: ("├", "┼", "┤"),
                                bottom: ("└", "┴", "┘"), missing: "·", shortened: "…")
    static let asciiLines = Lines(horizontal: "-", vertical: "|", top: ("+", "+", "+"), middle: ("+", "+", "+"),
                                  bottom: ("+", "+", "+"), missing: ".", shortened: "~")

    public var style: Style
    public var options: RenderOptions

    public init(style: Style, options: RenderOptions = RenderOptions()) {
        self.style = style
        self.options = options
    }

    /// The marker for a missing value in this style.
    public var missingMarker: String { lines.missing }

    var lines: Lines { style == .box ? Self.boxLines : Self.asciiLines }

    public func render(_ result: QueryResult) -> String {
        let table = result.table
        if let summary = result.summary {
            return (wrapped(TextSafety.escaped(summary)) + result.noteLines.flatMap(wrapped).map(dim)).joined(separator: "\n")
        }
        if result.isSingleValue, table.rowCount == 1 {
            return ([result.marker(row: 0, column: 0) ?? cell(table.columns[0].value(at: 0), decimals: result.decimals[0])]
                    + result.noteLines.flatMap(wrapped).map(dim))
                .joined(separator: "\n")
        }
        let (shownRows, hiddenRows) = rowsToShow(table.rowCount)
        var grid = Grid(header: table.columns.map { TextSafety.escaped($0.name) },
                        body: shownRows.map { row in
                            table.columns.indices.map { result.marker(row: row, column: $0)
                                ?? cell(table.columns[$0].value(at: row), decimals: result.decimals[$0], unit: table.columns[$0].unit) }
                        },
                        total: result.totalRow.map { row in row.indices.map { result.marker(row: -1, column: $0)
                            ?? cell(row[$0], decimals: result.decimals[$0], blankMissing: true) } },
                        rightAligned: table.columns.map { $0.type.isNumeric })
        let shortened = options.width.map { grid.fit(to: $0, marker: lines.shortened) } ?? false
        var out = draw(grid, gapAfter: hiddenRows > 0 ? (options.maxRows! + 1) / 2 : nil, hiddenRows: hiddenRows)
        var footer = [table.rowCount == 1 ? "1 row" : "\(table.rowCount) rows"]
        if hiddenRows > 0 { footer.append("\(hiddenRows) not shown (show last all prints every row)") }
        if shortened { footer.append("text marked \(lines.shortened) was shortened to fit \(options.width!) columns (set width off shows it all)") }
        out += wrapped(footer.joined(separator: "; "))
        out += result.noteLines.flatMap(wrapped).map(dim)
        return out.joined(separator: "\n")
    }

    /// A sentence broken at spaces to fit the width, so a projector never splits a word.
    private func wrapped(_ text: String) -> [String] {
        options.width.map { DisplayWidth.wrapped(text, to: $0) } ?? [text]
    }

    /// Which rows to show: all, or the first and last when there are more than `maxRows`; and
    /// how many are left out between them.
    private func rowsToShow(_ rowCount: Int) -> (rows: [Int], hidden: Int) {
        guard let maxRows = options.maxRows, rowCount > maxRows else { return (Array(0..<rowCount), 0) }
        let head = (maxRows + 1) / 2, tail = maxRows / 2
        return (Array(0..<head) + Array((rowCount - tail)..<rowCount), rowCount - head - tail)
    }

    /// The cells as text, and each column's width.
    struct Grid {
        var header: [String]
        var body: [[String]]
        var total: [String]?
        let rightAligned: [Bool]
        var widths: [Int]

        init(header: [String], body: [[String]], total: [String]?, rightAligned: [Bool]) {
            self.header = header
            self.body = body
            self.total = total
            self.rightAligned = rightAligned
            widths = header.map(DisplayWidth.of)
            for row in body + (total.map { [$0] } ?? []) {
                for (c, text) in row.enumerated() { widths[c] = max(widths[c], DisplayWidth.of(text)) }
            }
        }

        /// The width most of a column's cells need: the three-quarters point of its cells'
        /// widths (a heading counts up to 12). A column a few long values make wide, or a
        /// mostly empty one under a long heading, has room to give before the others.
        func need(of column: Int) -> Int {
            let cells = body.map { DisplayWidth.of($0[column]) }.sorted()
            let typical = cells.isEmpty ? 0 : cells[min(cells.count - 1, cells.count * 3 / 4)]
            return max(typical, min(DisplayWidth.of(header[column]), 12))
        }

        /// Fits `limit` columns, taking one at a time from the text column with most slack
        /// (width beyond its need), then from the widest; never below 8 (or its heading, up
        /// to 12); numbers are never shortened. Whether any cell was.
        mutating func fit(to limit: Int, marker: String) -> Bool {
            func lineWidth() -> Int { widths.reduce(0, +) + 3 * widths.count + 1 }
            let needs = widths.indices.map(need(of:))
            while lineWidth() > limit {
                let candidates = widths.indices.filter { !rightAligned[$0] && widths[$0] > max(8, min(DisplayWidth.of(header[$0]), 12)) }
                let slack = candidates.filter { widths[$0] > needs[$0] }
                let pick = slack.max { widths[$0] - needs[$0] < widths[$1] - needs[$1] }
                    ?? candidates.max { widths[$0] < widths[$1] }
                guard let pick else { break }
                widths[pick] -= 1
            }
            var shortened = false
            func cut(_ text: String, _ c: Int) -> String {
                DisplayWidth.prefix(text, fitting: widths[c] - DisplayWidth.of(marker)) + marker
            }
            func fitted(_ row: [String]) -> [String] {
                row.enumerated().map { c, text in
                    guard DisplayWidth.of(text) > widths[c] else { return text }
                    shortened = true
                    return cut(text, c)
                }
            }
            body = body.map(fitted)
            total = total.map(fitted)
            header = header.enumerated().map { c, text in DisplayWidth.of(text) > widths[c] ? cut(text, c) : text }
            return shortened
        }
    }

    /// The table's lines: rules, heading, rows (with the gap line for rows not shown after
    /// row `gapAfter`), and the totals row.
    private func draw(_ grid: Grid, gapAfter: Int?, hiddenRows: Int) -> [String] {
        let widths = grid.widths
        func rule(_ ends: (String, String, String)) -> String {
            ends.0 + widths.map { String(repeating: lines.horizontal, count: $0 + 2) }.joined(separator: ends.1) + ends.2
        }
        func line(_ cells: [String], isHeader: Bool = false) -> String {
            let padded = cells.enumerated().map { c, text in
                let gap = String(repeating: " ", count: max(0, widths[c] - DisplayWidth.of(text)))
                let aligned = grid.rightAligned[c] && !isHeader ? gap + text : text + gap
                return " " + (isHeader ? bold(aligned) : aligned) + " "
            }
            return lines.vertical + padded.joined(separator: lines.vertical) + lines.vertical
        }
        var out = [rule(lines.top), line(grid.header, isHeader: true), rule(lines.middle)]
        for (i, row) in grid.body.enumerated() {
            if i == gapAfter {
                let gapText = "\(lines.shortened) \(hiddenRows) more row\(hiddenRows == 1 ? "" : "s") \(lines.shortened)"
                let inner = widths.reduce(0, +) + 3 * widths.count - 1
                out.append(lines.vertical + " " + gapText + String(repeating: " ", count: max(0, inner - gapText.count - 1)) + lines.vertical)
            }
            out.append(line(row))
        }
        if let total = grid.total {
            out.append(rule(lines.middle))
            out.append(line(total))
        }
        out.append(rule(lines.bottom))
        return out
    }

    private func cell(_ value: Value, decimals: Int?, blankMissing: Bool = false, unit: NumberUnit? = nil) -> String {
        if value.isMissing { return blankMissing ? "" : lines.missing }
        if let unit, decimals == nil { return TextSafety.escaped(ValueFormatter.plain(value, unit: unit)) }
        if case .integer(let i) = value, let decimals { return ValueFormatter.fixed(Double(i), decimals: decimals) }
        return ValueFormatter.display(value, decimals: decimals)
    }

    private func bold(_ text: String) -> String { options.colour ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { options.colour ? "\u{1B}[2m" + text + "\u{1B}[0m" : text }
}
