/// Lays a result grouped by two columns out as a cross-tabulation: the first group column's
/// values down the side, the second's across the top, the measure in the cells, with a total
/// for each row and each column. `with row percent` / `with column percent` show each cell as a
/// share of its row's or column's total instead.
enum Crosstab {
    /// `suppression` is given when the cells are counts or sums, which it hides when small.
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
        // A count that is unknown (a counted table's missing count) leaves its totals unknown.
        func total(_ values: [Double?]) -> Double? {
            measureIsCount && values.contains(nil) ? nil : values.reduce(0) { $0 + ($1 ?? 0) }
        }
        let rowTotals = cells.map(total)
        let columnTotals = columnValues.indices.map { c in total(cells.map { $0[c] }) }
        let grandTotal = total(rowTotals)

        func shown(_ value: Double?, of whole: Double?) -> Value {
            guard let value else { return .missing }
            switch percent {
            case .none:
                return measure.type == .integer || measureIsCount ? .integer(Int64(value)) : .decimal(value)
            case .row, .column:
                guard let whole, whole != 0 else { return .missing }
                return .decimal((value * 1000 / whole).rounded(.toNearestOrAwayFromZero) / 10)
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
        var notes: [ResultNote] = [.crosstabLayout(rows: rowKey.name, columns: columnKey.name, cells: measure.name,
                                                   percentOf: percent == .none ? nil : percent.rawValue)]
        notes += grouped.notes.filter {
            switch $0 {
            case .percentOfRows, .percentOfSum: return false
            default: return true
            }
        }
        let cellRole: ColumnRole = percent != .none ? .percent : measureIsCount ? .count : grouped.roles[2]
        let roles: [ColumnRole] = [.label] + Array(repeating: cellRole, count: columnValues.count)
            + [percent != .none ? .percent : measureIsCount ? .rowTotal : cellRole]
        var result = QueryResult(table: Table(name: "crosstab", columns: columns, rowCount: rowValues.count),
                                 totalRow: totalRow, notes: notes, decimals: decimals, roles: roles)
        result.crosstabColumnName = columnKey.name
        if measureIsCount, !cells.contains(where: { $0.contains(nil) }) { result.crosstabCounts = cells.map { $0.map { Int($0 ?? 0) } } }
        if let suppression {
            suppression.apply(to: &result, crosstabCounts: cells.map { $0.map { suppression.units(.decimal($0 ?? 0)) } })
        }
        return result
    }
}
