/// Writes results in every output format: the one entry point renderers are reached through.
public enum ResultWriter {
    /// The result as text in `format`, ending without a newline. Throws when the result
    /// cannot be written honestly in that format (a number JSON cannot hold).
    public static func render(_ result: QueryResult, as format: OutputFormat,
                              options: RenderOptions = RenderOptions()) throws(Diagnostic) -> String {
        let result = format.isForPrograms ? result.withStatisticsColumns() : result
        switch format {
        case .box, .ascii:
            let style: TableRenderer.Style = format == .box ? .box : .ascii
            if result.isChart, ChartRenderer.problem(with: result) == nil {
                return ChartRenderer.render(result, width: options.width ?? 80, unicode: format == .box)
            }
            return TableRenderer(style: style, options: options).render(result)
        case .csv: return delimited(result, separator: ",")
        case .tsv: return delimited(result, separator: "\t")
        case .json: return try json(result, statement: options.statement)
        case .markdown: return markdown(result)
        case .csvExcel: return SpreadsheetText.excelCSV(result).text
        case .xlsx:
            throw Diagnostic(.error, "a workbook is written to a file, not printed",
                             help: "save last to \"result.xlsx\", or --output result.xlsx")
        }
    }

    // MARK: CSV and TSV

    /// RFC 4180 CSV (or TSV): a header row, then the rows; missing values are empty fields.
    /// Reading the CSV back with the loader gives the same table.
    static func delimited(_ result: QueryResult, separator: Character) -> String {
        let table = result.table
        let isCSV = separator == ","
        func field(_ text: String) -> String { isCSV ? csvField(text) : tsvField(text) }
        let glue = String(separator)
        var lines = [table.columns.map { field($0.name) }.joined(separator: glue)]
        for row in 0..<table.rowCount {
            let cells: [String] = table.columns.indices.map { c in
                field(result.marker(row: row, column: c) ?? ValueFormatter.plain(table.columns[c].value(at: row)))
            }
            // A one-column row with a missing value would be an empty line, which readers
            // skip; a quoted empty field keeps the row.
            lines.append(cells.count == 1 && cells[0].isEmpty && isCSV ? "\"\"" : cells.joined(separator: glue))
        }
        return lines.joined(separator: "\n")
    }

    static func csvField(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        return needsQuotes ? "\"" + text.replacingAll("\"", with: "\"\"") + "\"" : text
    }

    static func tsvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return text }
        return text.replacingAll("\\", with: "\\\\").replacingAll("\t", with: "\\t")
            .replacingAll("\n", with: "\\n").replacingAll("\r", with: "\\r")
    }

    // MARK: JSON

    /// One JSON document on one line, so that several statements give JSON Lines
    /// (https://jsonlines.org): `{"statement": ..., "columns": [{"name", "type"}],
    /// "rows": [{column: value}], "notes": [...]}`. Values: numbers as numbers, dates as ISO
    /// text, booleans as true/false, missing as null, hidden counts as "[c]". `null` means
    /// missing and nothing else: a number JSON has no way to write (infinity, NaN) is an error,
    /// never a silent `null`. The statistics of a test are columns (`StatisticsColumns`).
    static func json(_ result: QueryResult, statement: String? = nil) throws(Diagnostic) -> String {
        let table = result.table
        var rows: [String] = []
        for row in 0..<table.rowCount {
            var fields: [String] = []
            for (c, column) in table.columns.enumerated() {
                if let marker = result.marker(row: row, column: c) {
                    fields.append(jsonString(column.name) + ":" + jsonString(marker))
                    continue
                }
                let value: String
                switch column.value(at: row) {
                case .missing: value = "null"
                case .integer(let i): value = String(i)
                case .decimal(let d):
                    guard d.isFinite else { throw notFinite(d, column: column.name, row: row) }
                    value = ValueFormatter.decimal(d)
                case .boolean(let b): value = b ? "true" : "false"
                case .date(let d): value = jsonString(CivilDate.iso(d))
                case .text(let t): value = jsonString(t)
                }
                fields.append(jsonString(column.name) + ":" + value)
            }
            rows.append("{" + fields.joined(separator: ",") + "}")
        }
        let columns = table.columns.map { "{\"name\":\(jsonString($0.name)),\"type\":\(jsonString($0.type.rawValue))}" }
        return "{" + (statement.map { "\"statement\":" + jsonString($0) + "," } ?? "")
            + "\"columns\":[" + columns.joined(separator: ",") + "],"
            + "\"rows\":[" + rows.joined(separator: ",") + "],"
            + "\"notes\":[" + result.noteLines.map(jsonString).joined(separator: ",") + "]}"
    }

    /// The error for a number JSON cannot hold, `row` counted from 0.
    static func notFinite(_ number: Double, column: String, row: Int) -> Diagnostic {
        Diagnostic(.error, "cannot write JSON: column \(jsonString(column)), row \(row + 1) is \(number), which JSON cannot hold",
                   notes: ["writing it as null would say the value is missing, and it is not"],
                   help: "the number overflowed; check the values it was made from, or use another format (set format csv)")
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    // MARK: Markdown

    /// A pipe table that renders on GitHub, with the totals row in bold and the notes below;
    /// every text escaped so nothing in the data is live or breaks the table. `maxRows`: the
    /// most rows written, the rest said in a line below (the handout cuts large results).
    static func markdown(_ result: QueryResult, maxRows: Int? = nil) -> String {
        let table = result.table
        let escape = MarkupEscaping.markdown
        func cell(_ value: Value, _ c: Int) -> String {
            if value.isMissing { return "" }
            if case .integer(let i) = value, let d = result.decimals[c] { return ValueFormatter.fixed(Double(i), decimals: d) }
            return escape(ValueFormatter.display(value, decimals: result.decimals[c]))
        }
        var lines = ["| " + table.columns.map { escape($0.name) }.joined(separator: " | ") + " |"]
        lines.append("|" + table.columns.map { $0.type.isNumeric ? " ---: " : " --- " }.joined(separator: "|") + "|")
        let shown = min(table.rowCount, maxRows ?? table.rowCount)
        for row in 0..<shown {
            lines.append("| " + table.columns.indices.map { c in
                result.marker(row: row, column: c) ?? cell(table.columns[c].value(at: row), c)
            }.joined(separator: " | ") + " |")
        }
        if let total = result.totalRow {
            lines.append("| " + total.indices.map { c in
                let text = result.marker(row: -1, column: c) ?? cell(total[c], c)
                return text.isEmpty ? "" : "**" + text + "**"
            }.joined(separator: " | ") + " |")
        }
        if shown < table.rowCount {
            lines += ["", "_" + ResultNote.handoutRows(shown: shown, of: table.rowCount).text + "_"]
        }
        if !result.notes.isEmpty {
            lines.append("")
            lines.append(result.noteLines.map { "_" + escape($0) + "_" }.joined(separator: "  \n"))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Every occurrence of `target` replaced (the standard library without Foundation has no
    /// `replacingOccurrences`).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
