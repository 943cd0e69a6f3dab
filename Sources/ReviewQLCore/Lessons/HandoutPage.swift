/// The handout as one self-contained HTML page, which a trainee's laptop opens in any
/// browser: a title and date, then for each statement the lesson's comments as text, the
/// statement, its meaning in words and its result (a table, or the chart inline as SVG), and
/// the data used at the end. No script, no fonts or images fetched: the style is inline and
/// prints in grey. Every piece of text, from the data or typed, is escaped, so a cell holding
/// `<script>` shows as text and nothing in the data becomes live HTML.
struct HandoutPage {
    let recorder: Recorder

    /// The page up to its first entry: the head, the title and date, the opening of `main`.
    func beginning() -> String {
        let title = escaped(recorder.heading)
        let lines = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"generator\" content=\"ReviewQL \(escaped(ReviewQLVersion.current))\">",
            "<title>\(title)</title>",
            "<style>\(Self.style)</style>",
            "</head>",
            "<body>",
            "<header>",
            "<h1>\(title)</h1>",
            "<p class=\"recorded\">Recorded <time datetime=\"\(escaped(recorder.date))\">\(escaped(recorder.date))</time> "
                + "with ReviewQL \(escaped(ReviewQLVersion.current)).</p>",
            "</header>",
            "<main>",
        ]
        return lines.map { $0 + "\n" }.joined()
    }

    /// The page after its last entry: the data used and the closing tags.
    func ending() -> String {
        (dataUsed() + ["</main>", "</body>", "</html>"]).map { $0 + "\n" }.joined()
    }

    /// One statement's entry, numbered from 1.
    func section(_ entry: Recorder.Entry, number: Int) -> [String] {
        var lines = ["<section class=\"step\" id=\"step-\(number)\">"]
        for paragraph in Narrative.paragraphs(entry.narrative) {
            lines.append("<p class=\"narrative\">\(escaped(paragraph))</p>")
        }
        lines.append("<h2><span class=\"number\">\(number).</span> <code>\(escaped(entry.statement))</code></h2>")
        if let explanation = entry.explanation { lines.append("<p class=\"meaning\">\(escaped(explanation))</p>") }
        switch entry.outcome.output {
        case .result(let result):
            lines += self.result(result)
        case .explained(let text, let result):
            lines.append("<p class=\"meaning\">" + text.split(separator: "\n").map { escaped(String($0)) }.joined(separator: "<br>") + "</p>")
            lines += self.result(result)
        case .text(let text):
            lines.append("<pre>\(escaped(text))</pre>")
        case .notice(let text):
            lines.append("<p class=\"notice\">\(escaped(text))</p>")
        case .clipboard(_, let rows):
            lines.append("<p class=\"notice\">copied the \(rows) rows above to the clipboard</p>")
        case .script, nil:
            break
        }
        for diagnostic in entry.outcome.diagnostics {
            let help = diagnostic.help.map { " (\(escaped($0)))" } ?? ""
            lines.append("<p class=\"\(diagnostic.severity.rawValue)\"><strong>\(diagnostic.severity.rawValue):</strong> "
                         + escaped(diagnostic.message) + help + "</p>")
        }
        lines.append("</section>")
        return lines
    }

    /// A chart as inline SVG, a single number as a sentence-sized figure, anything else as a
    /// table; the result's notes below.
    private func result(_ result: QueryResult) -> [String] {
        let picture = result.funnel.map { FunnelChart.render($0, title: "", captions: result.captions) }
            ?? (result.isChart && ChartRenderer.problem(with: result) == nil ? SVGChart.render(result, title: "") : nil)
        if let svg = picture {
            // Inline SVG in HTML takes no XML declaration.
            let body = svg.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("<?xml") }
            return ["<figure class=\"chart\">"] + body.map(String.init) + ["</figure>"]
        }
        var lines: [String] = []
        if let summary = result.summary {
            lines.append("<p class=\"summary\">\(escaped(summary))</p>")
        } else if result.isSingleValue, result.table.rowCount == 1 {
            lines.append("<p class=\"value\">\(escaped(cell(result, row: 0, column: 0)))</p>")
        } else {
            lines += table(result)
        }
        lines += result.noteLines.map { "<p class=\"note\">\(escaped($0))</p>" }
        return lines
    }

    private func table(_ result: QueryResult) -> [String] {
        let columns = result.table.columns
        func row(_ cells: [String], tag: String) -> String {
            "<tr>" + cells.enumerated().map { c, text in
                let numeric = columns[c].type.isNumeric ? " class=\"number\"" : ""
                return "<\(tag)\(numeric)>\(escaped(text))</\(tag)>"
            }.joined() + "</tr>"
        }
        var lines = ["<table>", "<thead>", row(columns.map(\.name), tag: "th"), "</thead>", "<tbody>"]
        let shown = min(result.table.rowCount, Recorder.maximumRows)
        for r in 0..<shown {
            lines.append(row(columns.indices.map { cell(result, row: r, column: $0) }, tag: "td"))
        }
        lines.append("</tbody>")
        if let total = result.totalRow {
            lines += ["<tfoot>", row(total.indices.map { c in
                result.marker(row: -1, column: c) ?? (total[c].isMissing ? "" : text(total[c], decimals: result.decimals[c]))
            }, tag: "td"), "</tfoot>"]
        }
        lines.append("</table>")
        if shown < result.table.rowCount {
            lines.append("<p class=\"note\">\(escaped(ResultNote.handoutRows(shown: shown, of: result.table.rowCount).text))</p>")
        }
        return lines
    }

    /// A cell as the Markdown handout and the table show it: the suppression marker, or the
    /// value with the column's decimals (a missing one empty).
    private func cell(_ result: QueryResult, row: Int, column: Int) -> String {
        if let marker = result.marker(row: row, column: column) { return marker }
        let value = result.table.columns[column].value(at: row)
        return value.isMissing ? "" : text(value, decimals: result.decimals[column])
    }

    private func text(_ value: Value, decimals: Int?) -> String {
        if case .integer(let i) = value, let decimals { return ValueFormatter.fixed(Double(i), decimals: decimals) }
        return ValueFormatter.display(value, decimals: decimals)
    }

    private func dataUsed() -> [String] {
        guard !recorder.versions.isEmpty else { return [] }
        var lines = ["<section class=\"data\">", "<h2>Data used</h2>", "<table>", "<thead>",
                     "<tr><th>dataset</th><th>file</th><th class=\"number\">rows</th><th>SHA-256 of the bytes loaded</th><th>used in</th></tr>",
                     "</thead>", "<tbody>"]
        for version in recorder.versions {
            let sha = version.sha256.map { "<code>\(escaped($0))</code>" } ?? "(made in this session)"
            let used = version.statements.map { "<a href=\"#step-\($0)\">\($0)</a>" }.joined(separator: ", ")
            lines.append("<tr><td>\(escaped(version.name))</td><td>\(escaped(version.fileName))</td>"
                         + "<td class=\"number\">\(version.rows)</td><td>\(sha)</td><td>\(used)</td></tr>")
        }
        lines += ["</tbody>", "</table>", "</section>"]
        return lines
    }

    private func escaped(_ text: String) -> String { SVGChart.escaped(text) }

    /// Plain and printable: dark grey text, light rules, tables that fit a page.
    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#222;max-width:52rem;\
        margin:2rem auto;padding:0 1rem;line-height:1.45}\
        h1{font-size:1.6rem;margin-bottom:.2rem}.recorded{color:#555;margin-top:0}\
        h2{font-size:1.05rem;margin:1.6rem 0 .4rem}h2 code{font-size:1rem;background:#f2f2f2;padding:.1rem .3rem}\
        h2 .number{color:#555}.narrative{font-size:1.05rem}.meaning{font-style:italic;color:#333}\
        table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.2rem .6rem;text-align:left}\
        th.number,td.number{text-align:right;font-variant-numeric:tabular-nums}thead th{background:#eee}\
        tfoot td{font-weight:bold;border-top:2px solid #666}.note,.notice{color:#555;font-size:.92rem;margin:.2rem 0}\
        .warning{color:#5a4500}.error{color:#8a1010}pre{background:#f6f6f6;padding:.6rem;overflow-x:auto}\
        figure.chart{margin:.5rem 0}figure.chart svg{max-width:100%;height:auto}\
        section.step{border-top:1px solid #ddd;padding-top:.4rem}@media print{body{margin:0}section.step{break-inside:avoid}}
        """
}
