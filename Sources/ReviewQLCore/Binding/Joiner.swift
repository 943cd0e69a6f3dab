/// Where a column of a (possibly joined) table came from.
public struct ColumnOrigin: Sendable, Equatable {
    public var dataset: String
    public var column: String
}

/// Joins datasets for `count reviews join authorities ...`: each row of the left dataset is
/// matched with the one row of the right dataset whose key has the same value (ignoring case
/// and surrounding spaces).
///
/// Every left row is kept. A row whose key matches nothing keeps missing values for the right
/// dataset's columns, and is counted and reported, never dropped silently; `show unmatched`
/// lists the keys. A right key that appears twice is an error, since it would count rows twice.
struct Joiner {
    let datasets: [Dataset]

    struct Joined {
        var dataset: Dataset
        /// For each column of the joined table, the dataset and column it came from, and the
        /// key columns of each join (for `show sql`).
        var origins: [ColumnOrigin]
        var joinKeys: [(left: ColumnOrigin, right: ColumnOrigin)] = []
        var notes: [ResultNote] = []
        var warnings: [Diagnostic] = []
        /// The left keys that matched nothing, with how many rows carry each.
        var unmatched: QueryResult?
    }

    func join(_ left: Dataset, _ clauses: [JoinClause], binder: Binder) throws(BindingError) -> Joined {
        var joined = Joined(dataset: left, origins: left.table.columns.map { ColumnOrigin(dataset: left.name, column: $0.name) })
        var unmatchedRows: [(key: String, rows: Int)] = []
        for clause in clauses {
            let right = try binder.find(clause.dataset)
            let current = joined.dataset.table
            let (leftIndex, rightIndex) = try keys(for: clause, left: joined.dataset, right: right)

            // Index the right dataset by key; a key twice would multiply rows.
            var rowOf: [String: Int] = [:]
            let rightKey = right.table.columns[rightIndex]
            for row in 0..<right.table.rowCount where !rightKey.isMissing(row) {
                let key = normalized(rightKey.value(at: row))
                if rowOf[key] != nil {
                    throw BindingError(.duplicateJoinKey(value: ValueFormatter.plain(rightKey.value(at: row)), dataset: right.name,
                                                         column: rightKey.name), at: clause.range)
                }
                rowOf[key] = row
            }

            let leftKey = current.columns[leftIndex]
            var partner = [Int](repeating: -1, count: current.rowCount)
            var missed: [String: Int] = [:]
            var missedOrder: [String] = []
            for row in 0..<current.rowCount {
                let value = leftKey.value(at: row)
                if let match = value.isMissing ? nil : rowOf[normalized(value)] {
                    partner[row] = match
                } else {
                    let shown = value.isMissing ? "(missing)" : ValueFormatter.plain(value)
                    if missed[shown] == nil { missedOrder.append(shown) }
                    missed[shown, default: 0] += 1
                }
            }

            joined.joinKeys.append((joined.origins[leftIndex], ColumnOrigin(dataset: right.name, column: rightKey.name)))
            var columns = current.columns
            let taken = Set(columns.map { $0.name.lowercased() })
            for column in right.table.columns {
                joined.origins.append(ColumnOrigin(dataset: right.name, column: column.name))
                var gathered = column.gathering(partner)
                if taken.contains(column.name.lowercased()) { gathered.name = right.name + "_" + column.name }
                columns.append(gathered)
            }
            // Joining the same dataset twice would make `authorities_name` twice; a listing of
            // every column must still have distinct headings.
            for (index, name) in ResultLabels.unique(columns.map(\.name)).enumerated() { columns[index].name = name }
            joined.dataset.table = Table(name: left.name, columns: columns, rowCount: current.rowCount)

            let missedRows = missed.values.reduce(0, +)
            if missedRows > 0 {
                let note = ResultNote.unmatched(rows: missedRows, of: current.rowCount, dataset: left.name, other: right.name,
                                                keys: missedOrder.count, keyColumn: leftKey.name)
                joined.notes.append(note)
                joined.warnings.append(.warning(note.text, at: clause.range, help: "show unmatched lists them"))
                unmatchedRows += missedOrder.map { ($0, missed[$0]!) }
            }
        }
        if !unmatchedRows.isEmpty {
            let table = Table(name: "unmatched", columns: [
                Column(name: "key", values: unmatchedRows.map { .text($0.key) }),
                Column(name: "rows", values: unmatchedRows.map { .integer(Int64($0.rows)) }),
            ])
            joined.unmatched = QueryResult(table: table)
        }
        return joined
    }

    /// The key columns: as written after `on`, else as the catalog declares, else the one
    /// column name both datasets share.
    private func keys(for clause: JoinClause, left: Dataset, right: Dataset) throws(BindingError) -> (Int, Int) {
        let example = "join \(right.name) on \(left.table.columns.first?.name ?? "column") = \(right.table.columns.first?.name ?? "column")"
        if let on = clause.on {
            if let l = left.table.columnIndex(named: on.left.text), let r = right.table.columnIndex(named: on.right.text) {
                return (l, r)
            }
            if let l = left.table.columnIndex(named: on.right.text), let r = right.table.columnIndex(named: on.left.text) {
                return (l, r)
            }
            let missingLeft = left.table.columnIndex(named: on.left.text) == nil
            let name = missingLeft ? on.left : on.right
            let table = missingLeft ? left.table : right.table
            throw BindingError(.unknownColumn(name: name.text, table: table.name, known: table.columns.map(\.name)), at: name.range)
        }
        if let declared = left.joins.first(where: { $0.dataset.lowercased() == right.name.lowercased() }),
           let l = left.table.columnIndex(named: declared.left), let r = right.table.columnIndex(named: declared.right) {
            return (l, r)
        }
        let shared = left.table.columns.indices.filter { right.table.columnIndex(named: left.table.columns[$0].name) != nil }
        if shared.count == 1, let r = right.table.columnIndex(named: left.table.columns[shared[0]].name) {
            return (shared[0], r)
        }
        throw BindingError(.joinKeysUnknown(left: left.name, right: right.name, example: example), at: clause.range)
    }

    private func normalized(_ value: Value) -> String {
        ValueFormatter.plain(value).trimmingSpaces.lowercased()
    }
}
