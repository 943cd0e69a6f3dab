/// `set suppress below N`: small counts hidden before results are shared, as official statistics
/// do. A count from 1 to N−1 is replaced by `[c]` (primary suppression), and where a row or a
/// column of a table with totals would then have a single hidden cell — which its total minus the
/// others would give away — the smallest other non-zero count beside it is hidden too (secondary
/// suppression). Zeros are shown. A percent that would reveal a hidden count is hidden with it.
struct Suppression {
    let threshold: Int

    /// The marker shown in place of a suppressed value.
    static let marker = "[c]"

    /// Which cells of a grid of counts to hide. `rowsHaveTotals` / `columnsHaveTotals` say
    /// whether a total is shown along each row / down each column (so a single hidden cell in
    /// it could be worked out). Totals themselves are hidden when they are small.
    func mask(_ counts: [[Int]], rowsHaveTotals: Bool, columnsHaveTotals: Bool) -> [[Bool]] {
        var hidden = counts.map { $0.map { $0 > 0 && $0 < threshold } }
        var changed = true
        while changed {
            changed = false
            func protect(_ cells: [(Int, Int)]) {
                let hiddenCells = cells.filter { hidden[$0.0][$0.1] }
                guard hiddenCells.count == 1 else { return }
                let candidates = cells.filter { !hidden[$0.0][$0.1] && counts[$0.0][$0.1] > 0 }
                guard let smallest = candidates.min(by: { counts[$0.0][$0.1] < counts[$1.0][$1.1] }) else { return }
                hidden[smallest.0][smallest.1] = true
                changed = true
            }
            if rowsHaveTotals {
                for r in counts.indices { protect(counts[r].indices.map { (r, $0) }) }
            }
            if columnsHaveTotals, let width = counts.first?.count {
                for c in 0..<width { protect(counts.indices.map { ($0, c) }) }
            }
        }
        return hidden
    }

    /// Applies the rule to a grouped result: its count column (and percent) down the groups,
    /// with the totals row as the column's total; or every cell of a crosstab of counts.
    func apply(to result: inout QueryResult, crosstabCounts: [[Int]]? = nil) {
        let table = result.table
        if let counts = crosstabCounts {
            // Columns 1...n are the cells, the last is the row total.
            let cellColumns = Array(1..<(table.columns.count - 1))
            let hidden = mask(counts, rowsHaveTotals: true, columnsHaveTotals: true)
            for (r, row) in hidden.enumerated() {
                for (c, isHidden) in row.enumerated() where isHidden { hide(&result, row: r, column: cellColumns[c]) }
                if counts[r].reduce(0, +) > 0, counts[r].reduce(0, +) < threshold { hide(&result, row: r, column: table.columns.count - 1) }
            }
            for c in cellColumns.indices {
                let total = counts.reduce(0) { $0 + $1[c] }
                if total > 0, total < threshold { hide(&result, row: -1, column: cellColumns[c]) }
            }
            return
        }
        guard let countColumn = table.columns.firstIndex(where: { $0.name == "count" || $0.name.hasPrefix("sum(") }) else { return }
        let counts = (0..<table.rowCount).map { [Int(table.columns[countColumn].value(at: $0).number ?? 0)] }
        let hidden = mask(counts, rowsHaveTotals: false, columnsHaveTotals: result.totalRow != nil)
        let percentColumn = table.columnIndex(named: "percent")
        for (r, row) in hidden.enumerated() where row[0] {
            hide(&result, row: r, column: countColumn)
            if let percentColumn { hide(&result, row: r, column: percentColumn) }
        }
        if result.isSingleValue, let n = counts.first?[0], n > 0, n < threshold { hide(&result, row: 0, column: countColumn) }
    }

    private func hide(_ result: inout QueryResult, row: Int, column: Int) {
        result.suppressed.insert(QueryResult.Cell(row: row, column: column))
        if row < 0 {
            result.totalRow?[column] = .missing
        } else {
            var values = (0..<result.table.rowCount).map { result.table.columns[column].value(at: $0) }
            values[row] = .missing
            let old = result.table.columns[column]
            result.table.columns[column] = Column(name: old.name, values: values, scale: old.scale)
            if old.type != result.table.columns[column].type, old.type.isNumeric {
                // Keep a numeric column numeric when every value is hidden.
                result.table.columns[column] = Column(name: old.name, storage: old.storage,
                                                      missing: Self.allMissing(values.count, except: values), scale: old.scale)
            }
        }
    }

    private static func allMissing(_ count: Int, except values: [Value]) -> Bitmap {
        var bitmap = Bitmap(count: count)
        for (i, value) in values.enumerated() where value.isMissing { bitmap[i] = true }
        return bitmap
    }
}
