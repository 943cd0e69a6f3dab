/// `set suppress below N`: small counts hidden before results are shared, as official statistics
/// do. A count from 1 to N−1 is replaced by `[c]` (primary suppression), and where a row or a
/// column of a table with totals would then have a single hidden cell — which its total minus the
/// others would give away — the smallest other non-zero count beside it is hidden too (secondary
/// suppression). Zeros are shown. A percent that would reveal a hidden count is hidden with it.
/// Which columns are counts is read from the result's roles (`ColumnRole`), never from labels;
/// grouped counts are hidden by the aggregator before `having`, `order by` and `limit` run.
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

    /// Whether a value counts as small: from 1 up to the threshold (a fraction rounds up, so
    /// that 0.5 of something is not shown where 1 would be hidden).
    func isSmall(_ value: Value) -> Bool {
        guard let n = value.number, n > 0 else { return false }
        return n < Double(threshold)
    }

    func units(_ value: Value) -> Int {
        guard let n = value.number, n > 0 else { return 0 }
        return n < Double(threshold) ? Int(n.rounded(.up)) : Int(min(n, 1e15).rounded(.up))
    }

    /// Applies the rule to a crosstab of counts: every cell, each row's total (the last column)
    /// and each column's total (the totals row).
    func apply(to result: inout QueryResult, crosstabCounts counts: [[Int]]) {
        let table = result.table
        let cellColumns = Array(1..<(table.columns.count - 1))
        let hidden = mask(counts, rowsHaveTotals: true, columnsHaveTotals: true)
        for (r, row) in hidden.enumerated() {
            for (c, isHidden) in row.enumerated() where isHidden { hide(&result, row: r, column: cellColumns[c]) }
            if isSmall(.integer(Int64(counts[r].reduce(0, +)))) { hide(&result, row: r, column: table.columns.count - 1) }
        }
        for c in cellColumns.indices where isSmall(.integer(Int64(counts.reduce(0) { $0 + $1[c] }))) {
            hide(&result, row: -1, column: cellColumns[c])
        }
    }

    /// Applies the rule to a table laid out by roles (a proportion or comparison): each count
    /// with its complement in the row (so 59 of 60 hides the 59, as the 1 would follow), each
    /// base down its column, and a row's percent and interval with any count hidden in it.
    func apply(to result: inout QueryResult) {
        let rowCount = result.table.rowCount
        let base = result.column(withRole: .base)
        var hiddenRows = Set<Int>()
        for c in result.roles.indices where result.roles[c] == .count {
            let values = (0..<rowCount).map { result.table.columns[c].value(at: $0) }
            let grid: [[Int]] = values.indices.map { r in
                let x = units(values[r])
                guard let base, let n = result.table.columns[base].value(at: r).number else { return [x] }
                return [x, units(.decimal(max(n - (values[r].number ?? 0), 0)))]
            }
            let mask = self.mask(grid, rowsHaveTotals: base != nil, columnsHaveTotals: true)
            for r in mask.indices where mask[r][0] {
                hide(&result, row: r, column: c)
                hiddenRows.insert(r)
            }
        }
        if let base {
            let grid = (0..<rowCount).map { [units(result.table.columns[base].value(at: $0))] }
            for (r, row) in mask(grid, rowsHaveTotals: false, columnsHaveTotals: true).enumerated() where row[0] {
                hide(&result, row: r, column: base)
                hiddenRows.insert(r)
            }
        }
        for r in hiddenRows {
            for c in result.roles.indices where result.roles[c].followsCounts { hide(&result, row: r, column: c) }
        }
    }

    /// Hides every count of a crosstab or role-laid table's totals row that is small.
    func hideSmallTotals(_ result: inout QueryResult) {
        guard let total = result.totalRow else { return }
        for c in result.roles.indices where result.roles[c].isCountLike && c < total.count && isSmall(total[c]) {
            hide(&result, row: -1, column: c)
        }
    }

    func hide(_ result: inout QueryResult, row: Int, column: Int) {
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
            result.table.columns[column].symbols = old.symbols
        }
    }

    /// The notes with every count of people they quote hidden when small, as in the table:
    /// "percent of 3 reviews" would give a hidden total away.
    func hidingCounts(in notes: [ResultNote]) -> [ResultNote] {
        func shown(_ text: String) -> String {
            Double(text).map { isSmall(.decimal($0)) } == true ? Self.marker : text
        }
        return notes.map { note in
            switch note {
            case .percentOfRows(let total, let noun): return .percentOfRows(total: shown(total), noun: noun)
            case .weighted(let column, let total, let rows): return .weighted(column: column, total: shown(total), rows: rows)
            case .fewRows(let count, let noun): return .fewRows(count: shown(count), noun: noun)
            case .wilsonEach(let level, let base): return .wilsonEach(level: level, base: shown(base))
            default: return note
            }
        }
    }

    /// The note under a suppressed result.
    /// The last step on a suppressed result: the counts its notes quote hidden too, and the
    /// note saying what was hidden.
    func finish(_ result: inout QueryResult) {
        result.notes = hidingCounts(in: result.notes)
        result.notes.append(.suppressed(threshold: threshold, cells: result.suppressed.count))
    }

    private static func allMissing(_ count: Int, except values: [Value]) -> Bitmap {
        var bitmap = Bitmap(count: count)
        for (i, value) in values.enumerated() where value.isMissing { bitmap[i] = true }
        return bitmap
    }
}
