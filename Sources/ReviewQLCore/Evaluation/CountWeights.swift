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
    /// total covers the group of rows it belongs to whole. Each group the catalog gives totals
    /// for is taken on its own: its counts added up when none is missing, else its total, so a
    /// whole and the parts it is split into always agree.
    func count(_ rows: [Int]) -> Value {
        guard let groupOfRow else {
            var sum = 0.0
            for row in rows {
                guard let n = counts(row).number else { return .missing }
                sum += n
            }
            return Self.value(sum)
        }
        var parts: [Int: (rows: Int, sum: Double, hasMissing: Bool)] = [:]
        for row in rows {
            let n = counts(row).number
            parts[groupOfRow[row], default: (0, 0, false)].rows += 1
            if let n { parts[groupOfRow[row]]!.sum += n } else { parts[groupOfRow[row]]!.hasMissing = true }
        }
        var sum = 0.0
        for (group, part) in parts {
            if !part.hasMissing {
                sum += part.sum
            } else if groups[group].rows == part.rows, let total = groups[group].total.number {
                sum += total
            } else {
                return .missing
            }
        }
        return Self.value(sum)
    }

    /// A count as a whole number where it is one.
    private static func value(_ sum: Double) -> Value {
        sum == sum.rounded() && abs(sum) < 9e15 ? .integer(Int64(sum)) : .decimal(sum)
    }
}
