/// Lays a result grouped by two columns out as a cross-tabulation: the first group column's
/// values down the side, the second's across the top, the measure in the cells, with a total
/// for each row and each column. `with row percent` / `with column percent` show each cell as a
/// share of its row's or column's total instead.
enum Crosstab {
    static func pivot(_ grouped: QueryResult, percent: CrosstabPercent, measureIsCount: Bool,
                      suppression: Suppression? = nil) -> QueryResult {
        let table = grouped.table
        let rowKey = table.columns[0], columnKey = table.columns[1], measure = table.columns[2]

        var rowValues: [Value] = [], columnValues: [Value] = []
        var rowIndex: [Value: Int] = [:], columnIndex: [Value: Int] = [:]
        for row in 0..<table.rowCount {
            let r = rowKey.value(at: row), c = columnKey.value(at: row)
            if rowIndex[r] == nil { rowIndex[r] = rowValues.count; rowValues.append(r) }
            if columnIndex[c] == nil { columnIndex[c] = columnValues.count; columnValues.append(c) }
        }
        columnValues.sort { ValueOrder.sortsBefore($0, $1, scale: columnKey.scale) }
        for (i, value) in columnValues.enumerated() { columnIndex[value] = i }

        // A combination no row has is a count of 0; for other measures it has no value.
        var cells = [[Double?]](repeating: [Double?](repeating: measureIsCount ? 0 : nil, count: columnValues.count),
                                count: rowValues.count)
        for row in 0..<table.rowCount {
            cells[rowIndex[rowKey.value(at: row)]!][columnIndex[columnKey.value(at: row)]!] = measure.value(at: row).number
        }
        let rowTotals = cells.map { $0.reduce(0) { $0 + ($1 ?? 0) } }
        let columnTotals = columnValues.indices.map { c in cells.reduce(0) { $0 + ($1[c] ?? 0) } }
        let grandTotal = rowTotals.reduce(0, +)

        func shown(_ value: Double?, of whole: Double) -> Value {
            guard let value else { return .missing }
            switch percent {
            case .none:
                return measure.type == .integer || measureIsCount ? .integer(Int64(value)) : .decimal(value)
            case .row, .column:
                return whole == 0 ? .missing : .decimal((value * 1000 / whole).rounded(.toNearestOrAwayFromZero) / 10)
            }
        }

        var columns: [Column] = [Column(name: rowKey.name, values: rowValues, scale: rowKey.scale)]
        for (c, value) in columnValues.enumerated() {
            let name = value.isMissing ? ValueFormatter.missingMarker : ValueFormatter.plain(value)
            columns.append(Column(name: name, values: rowValues.indices.map { r in
                shown(cells[r][c], of: percent == .row ? rowTotals[r] : columnTotals[c])
            }))
        }
        columns.append(Column(name: "Total", values: rowValues.indices.map { r in
            shown(rowTotals[r], of: percent == .row ? rowTotals[r] : grandTotal)
        }))
        var totalRow: [Value] = [.text("Total")]
        totalRow += columnValues.indices.map { shown(columnTotals[$0], of: percent == .column ? columnTotals[$0] : grandTotal) }
        totalRow.append(shown(grandTotal, of: grandTotal))

        let decimals: [Int?] = [nil] + Array(repeating: percent == .none ? nil : 1, count: columnValues.count + 1)
        var notes = ["rows: \(rowKey.name); columns: \(columnKey.name); cells: \(measure.name)"
                     + (percent == .none ? "" : ", as a percent of each \(percent.rawValue)'s total")]
        notes += grouped.notes.filter { !$0.hasPrefix("percent of") }
        var result = QueryResult(table: Table(name: "crosstab", columns: columns, rowCount: rowValues.count),
                                 totalRow: totalRow, notes: notes, decimals: decimals)
        result.crosstabColumnName = columnKey.name
        if measureIsCount { result.crosstabCounts = cells.map { $0.map { Int($0 ?? 0) } } }
        if let suppression, measureIsCount {
            suppression.apply(to: &result, crosstabCounts: cells.map { $0.map { Int($0 ?? 0) } })
        }
        return result
    }
}
