import Foundation
import Testing
@testable import ReviewQLCore

/// `set suppress below N` must hide every small count in every kind of statement and every
/// output format, and no order may rank hidden rows by what they hide.
///
/// Each statement runs twice over the bundled data: without suppression, for the true values
/// (the oracle), and with it. Every count-like cell (by role) whose true value is from 1 to
/// N−1 must come out hidden, with the percent and interval of its row; every format must then
/// show the marker there and no small number in a count column.
@Suite struct SuppressionLeakTests {
    static let threshold = 5

    /// Statement, and the statement whose counts it shows when it shows percents instead.
    static let statements: [(text: String, counts: String?)] = [
        ("count reviews where judgement = inadequate group by authority", nil),
        ("count reviews where judgement = inadequate group by authority order by count desc", nil),
        ("count reviews where judgement = inadequate group by authority order by count desc limit 5", nil),
        ("count reviews group by authority order by percent", nil),
        ("count letter_date from reviews group by authority", nil),
        ("count distinct authority from reviews join authorities where judgement = good group by region", nil),
        ("count ethnicity group by broad_group order by count desc", nil),
        ("sum children from ethnicity group by ethnicity", nil),
        ("count reviews join authorities where judgement = good group by region with ci", nil),
        ("count reviews join authorities group by region, judgement as crosstab", nil),
        ("count reviews join authorities group by type, judgement as crosstab with row percent",
         "count reviews join authorities group by type, judgement as crosstab"),
        ("count reviews join authorities group by region, judgement as crosstab with chi-square", nil),
        ("count reviews where authority = norfolk", nil),
        ("count reviews join authorities where judgement = good group by region as chart", nil),
        ("proportion of reviews join authorities where judgement = good group by region", nil),
        ("proportion of reviews join authorities where judgement = good group by region order by count desc", nil),
        ("proportion of reviews where authority = norfolk", nil),
        ("compare reviews where judgement = inadequate by authority among authority in (norfolk, birmingham)", nil),
        ("compare 3 of 50 with 59 of 173", nil),
        ("count reviews group by authority having count >= 2 order by count desc", nil),
        // Its total is small: the notes must not quote it ("percent of 3 reviews").
        ("count reviews where authority = norfolk group by judgement with ci", nil),
        ("count ethnicity where broad_group = chinese", nil),
    ]

    static let formats: [OutputFormat] = [.box, .ascii, .csv, .tsv, .json, .markdown]

    @Test(arguments: statements.indices)
    func nothingSmallShows(_ index: Int) throws {
        let (text, countsText) = Self.statements[index]
        let truth = try Bundled.session().result(countsText ?? text)
        let session = Bundled.session()
        _ = session.run("set suppress below \(Self.threshold)")
        let hidden = try session.result(text)
        let small = Self.smallCells(truth)
        #expect(!small.isEmpty || !hidden.suppressed.isEmpty || text.contains("having"),
                "\(text): the oracle found no small count, so the case tests nothing")
        for (label, column) in small {
            guard let row = Self.row(labelled: label, in: hidden) else { continue }  // cut by limit or having
            let c = countsText == nil ? column : hidden.table.columnIndex(named: truth.table.columns[column].name)!
            #expect(hidden.marker(row: row, column: c) != nil,
                    "\(text): \(label) / \(truth.table.columns[column].name) is small but shown")
        }
        Self.checkRows(hidden, text)
        for format in Self.formats {
            Self.checkRendered(try ResultWriter.render(hidden, as: format), hidden, format: format, text)
        }
        if hidden.crosstabColumnName == nil, ChartRenderer.problem(with: hidden) == nil {
            let chart = try ChartData(hidden)
            for (row, bar) in chart.bars.enumerated() where hidden.suppressed.contains(where: { $0.row == row }) {
                #expect(bar.value == nil && bar.percentText == nil, "\(text): the chart draws hidden row \(row)")
            }
        }
        if let summary = hidden.summary, !hidden.suppressed.isEmpty {
            #expect(summary.contains(Suppression.marker) && !summary.contains("%"), "\(text): \(summary)")
        }
    }

    /// Cells of count-like columns (and the totals row) whose value is from 1 to N−1, by the
    /// label of their row (the text of the label columns) and their column.
    static func smallCells(_ result: QueryResult) -> [(label: String, column: Int)] {
        var cells: [(String, Int)] = []
        for row in 0..<result.table.rowCount {
            for c in result.roles.indices where result.roles[c].isCountLike {
                if let n = result.table.columns[c].value(at: row).number, n > 0, n < Double(threshold) {
                    cells.append((label(row, result), c))
                }
            }
        }
        return cells
    }

    static func label(_ row: Int, _ result: QueryResult) -> String {
        result.roles.indices.filter { result.roles[$0] == .label }
            .map { ValueFormatter.plain(result.table.columns[$0].value(at: row)) }.joined(separator: " / ")
    }

    static func row(labelled label: String, in result: QueryResult) -> Int? {
        (0..<result.table.rowCount).first { Self.label($0, result) == label }
    }

    /// Within the suppressed result: no count-like value is small; a row with a hidden count
    /// has its percent and interval hidden; hidden rows are never ranked among shown ones.
    static func checkRows(_ result: QueryResult, _ text: String) {
        var hiddenRows: [Int] = []
        for row in 0..<result.table.rowCount {
            let hasHidden = result.roles.indices.contains { result.marker(row: row, column: $0) != nil }
            if hasHidden { hiddenRows.append(row) }
            for c in result.roles.indices {
                let value = result.table.columns[c].value(at: row)
                if result.roles[c].isCountLike, let n = value.number {
                    #expect(n == 0 || n >= Double(threshold), "\(text): row \(row) shows \(n)")
                }
                if hasHidden, result.roles[c].followsCounts, result.roles.contains(.count) {
                    #expect(value.isMissing, "\(text): row \(row) shows \(result.table.columns[c].name) beside a hidden count")
                }
            }
        }
        // The counts the notes quote are hidden when small, as the table's are.
        for note in result.notes {
            let quoted: String?
            switch note {
            case .percentOfRows(let total, _), .weighted(_, let total, _), .fewRows(let total, _), .wilsonEach(_, let total):
                quoted = total
            default: quoted = nil
            }
            if let quoted, let n = Double(quoted) {
                #expect(n == 0 || n >= Double(threshold), "\(text): a note quotes \(quoted)")
            }
        }
        if let total = result.totalRow {
            for c in total.indices where c < result.roles.count && result.roles[c].isCountLike {
                if let n = total[c].number { #expect(n == 0 || n >= Double(threshold), "\(text): total shows \(n)") }
            }
        }
        let ranks = text.contains("order by count") || text.contains("order by percent")
        if ranks, !result.roles.contains(.rowTotal) {
            // Hidden rows come after every shown row, in label order.
            if let first = hiddenRows.first {
                #expect(hiddenRows == Array(first..<result.table.rowCount), "\(text): a hidden row is ranked among shown ones")
                let labels = hiddenRows.map { label($0, result) }
                #expect(labels == labels.sorted { $0.lowercased() < $1.lowercased() }, "\(text): hidden rows not in label order")
            }
        }
    }

    /// The rendered text shows the marker for each hidden cell and no small number where a
    /// count-like column is.
    static func checkRendered(_ output: String, _ result: QueryResult, format: OutputFormat, _ text: String) {
        let markers = output.components(separatedBy: Suppression.marker).count - 1
        // CSV, TSV and JSON carry no totals row.
        let rowsOnly = format == .csv || format == .tsv || format == .json
        let expected = result.isSingleValue && result.summary != nil ? 0
            : result.suppressed.filter { !rowsOnly || $0.row >= 0 }.count
        if !result.isChart || format != .box && format != .ascii {
            #expect(markers >= expected, "\(text) as \(format): \(markers) markers for \(result.suppressed.count) hidden cells")
        }
        let rows: [[String]]
        switch format {
        case .csv: rows = output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        case .tsv: rows = output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        case .json:
            let parsed = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [[String: Any]] ?? []
            #expect(!parsed.isEmpty || result.table.rowCount == 0, "\(text): JSON does not parse")
            for (row, object) in parsed.enumerated() {
                for c in result.roles.indices where result.roles[c].isCountLike {
                    if let n = object[result.table.columns[c].name] as? Double {
                        #expect(n == 0 || n >= Double(threshold), "\(text) as json: row \(row) shows \(n)")
                    }
                }
            }
            return
        default:
            let bar: Character = format == .box ? "│" : "|"
            rows = output.split(separator: "\n").filter { $0.contains(bar) }
                .map { $0.split(separator: bar, omittingEmptySubsequences: false).dropFirst().dropLast()
                    .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "**", with: "") } }
        }
        for (index, cells) in rows.enumerated() where cells.count == result.roles.count {
            for c in result.roles.indices where result.roles[c].isCountLike {
                if let n = Double(cells[c]) {
                    #expect(n == 0 || n >= Double(threshold), "\(text) as \(format): line \(index) shows \(cells[c])")
                }
            }
        }
    }
}
