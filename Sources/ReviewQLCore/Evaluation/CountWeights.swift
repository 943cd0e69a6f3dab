/// A counted table: each row stands for a number of people or events, held in a column the
/// catalog (or `load ... with counts COLUMN`) declares, so `count` adds that column up rather
/// than counting rows. `ethnicity` has a row per category and a `children` column: `count
/// ethnicity where broad_group = white` is 137 children, not 3 rows.
///
/// A count over rows one of whose counts is missing is unknown — unless every row of each of
/// the groups the catalog gives a total for is among them, when the totals are the count
/// (`years` lacks 2007-08's adequate count, but the year's 50 reviews are known).
struct CountWeights {
    /// The counts column of the table, and its name.
    let column: Int
    let name: String
    private let counts: (Int) -> Value
    /// For declared totals: each row's group, and each group's rows and total.
    private let groupOfRow: [Int]?
    private let groups: [(rows: Int, total: Value)]

    /// The weights of `dataset` as `table` holds it (perhaps joined), or nil when its rows are
    /// not counted: the dataset declares no counts column, or the measure counts rows as asked.
    init?(dataset: Dataset, table: Table) {
        guard let declared = dataset.counts, let column = table.columnIndex(named: declared.column),
              table.columns[column].type.isNumeric else { return nil }
        self.column = column
        name = table.columns[column].name
        let values = table.columns[column]
        counts = { values.value(at: $0) }
        guard let total = declared.total, let totalColumn = table.columnIndex(named: total.column) else {
            groupOfRow = nil
            groups = []
            return
        }
        let per = total.per.compactMap { table.columnIndex(named: $0) }
        var index: [[Value]: Int] = [:]
        var groupOfRow = [Int](repeating: 0, count: table.rowCount)
        var groups: [(rows: Int, total: Value)] = []
        for row in 0..<table.rowCount {
            let key = per.map { table.columns[$0].value(at: row) }
            let totalValue = table.columns[totalColumn].value(at: row)
            if let at = index[key] {
                groups[at].rows += 1
                if groups[at].total != totalValue { groups[at].total = .missing }
            } else {
                index[key] = groups.count
                groups.append((1, totalValue))
            }
            groupOfRow[row] = index[key]!
        }
        self.groupOfRow = groupOfRow
        self.groups = groups
    }

    /// What `rows` stand for, or missing when a count among them is missing and no declared
    /// total covers them whole.
    func count(_ rows: [Int]) -> Value {
        var sum = 0.0
        var isWhole = true
        var hasMissing = false
        for row in rows {
            guard let n = counts(row).number else { hasMissing = true; continue }
            sum += n
            if n != n.rounded() { isWhole = false }
        }
        if !hasMissing { return isWhole && abs(sum) < 9e15 ? .integer(Int64(sum)) : .decimal(sum) }
        return declaredTotal(rows)
    }

    /// The declared totals of the groups `rows` cover, when they cover each one whole.
    private func declaredTotal(_ rows: [Int]) -> Value {
        guard let groupOfRow else { return .missing }
        var seen: [Int: Int] = [:]
        for row in rows { seen[groupOfRow[row], default: 0] += 1 }
        var total: Int64 = 0
        for (group, count) in seen {
            guard groups[group].rows == count, case .integer(let n) = groups[group].total else { return .missing }
            total += n
        }
        return .integer(total)
    }
}
