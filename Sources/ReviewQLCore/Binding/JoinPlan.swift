/// How to gather the rows of a query's joins: the binder makes it (`Joiner`), the evaluator
/// carries it out (`gather`).
///
/// Every left row is kept. A row whose key matches nothing keeps missing values for the right
/// dataset's columns, and is counted and reported, never dropped silently; `show unmatched`
/// lists the keys.
public struct JoinPlan: Sendable {
    /// One `join`: which column of the table joined so far holds the key, and the right
    /// dataset's rows by (normalized) key, checked to be unique when the plan was made.
    struct Step: Sendable {
        var right: Dataset
        var leftKey: Int
        var rowOf: [String: Int]
        /// The `join` clause, where its warning points.
        var range: SourceRange
        /// Why a key may match nothing, by normalized key: an authority that was reorganised.
        var reorganised: [String: ResultNote] = [:]
    }

    var left: Dataset
    var steps: [Step]

    /// How `show unmatched` lists rows whose key is missing.
    static let missingKey = "(missing)"

    /// Key values match ignoring case and surrounding spaces.
    static func normalized(_ value: Value) -> String {
        ValueFormatter.plain(value).trimmingSpaces.lowercased()
    }

    /// `table` with `rightColumns` after its own: a right column whose name the table already
    /// has is called `right_name`, and the names are then made distinct (joining the same
    /// dataset twice would make `authorities_name` twice; a listing of every column must still
    /// have distinct headings). The one rule for the plan's columns and the gathered ones.
    static func joinedTable(_ table: Table, _ rightColumns: [Column], right: String, rowCount: Int) -> Table {
        var columns = table.columns
        let taken = Set(columns.map { $0.name.lowercased() })
        for var column in rightColumns {
            if taken.contains(column.name.lowercased()) { column.name = right + "_" + column.name }
            columns.append(column)
        }
        for (index, name) in ResultLabels.unique(columns.map(\.name)).enumerated() { columns[index].name = name }
        return Table(name: table.name, columns: columns, rowCount: rowCount)
    }

    /// What gathering the rows gave: the joined dataset, a note and a warning for each join
    /// some rows of which matched nothing, and those rows' keys, for `show unmatched`.
    struct Gathered {
        var dataset: Dataset
        var notes: [ResultNote] = []
        var warnings: [Diagnostic] = []
        var unmatched: QueryResult?
    }

    func gather() -> Gathered {
        var gathered = Gathered(dataset: left)
        var unmatchedRows: [(key: String, rows: Int)] = []
        var whys: [String] = []
        for step in steps {
            let current = gathered.dataset.table
            let leftKey = current.columns[step.leftKey]
            if Kernels.enabled, let byCode = CodeJoin(leftKey: leftKey, rowOf: step.rowOf) {
                gathered.dataset.table = Self.joinedTable(current, step.right.table.columns.map(byCode.joined),
                                                          right: step.right.name, rowCount: current.rowCount)
                let missed = byCode.unmatched(leftKey.dictionary ?? [])
                whys += gathered.noteUnmatched(missed, of: current.rowCount, left: left.name, step: step, keyColumn: leftKey.name)
                unmatchedRows += missed
                continue
            }
            var partner = [Int](repeating: -1, count: current.rowCount)
            var missed: [String: Int] = [:]
            var missedOrder: [String] = []
            for row in 0..<current.rowCount {
                // A Ctrl-C leaves the join unfinished; the statement stops before it is used.
                if row & 0xFFFF == 0 && Cancellation.isRequested { break }
                let value = leftKey.value(at: row)
                if let match = value.isMissing ? nil : step.rowOf[Self.normalized(value)] {
                    partner[row] = match
                } else {
                    let shown = value.isMissing ? Self.missingKey : ValueFormatter.plain(value)
                    if missed[shown] == nil { missedOrder.append(shown) }
                    missed[shown, default: 0] += 1
                }
            }
            gathered.dataset.table = Self.joinedTable(current, step.right.table.columns.map { $0.gathering(partner) },
                                                      right: step.right.name, rowCount: current.rowCount)
            let missedKeys = missedOrder.map { ($0, missed[$0]!) }
            whys += gathered.noteUnmatched(missedKeys, of: current.rowCount, left: left.name, step: step, keyColumn: leftKey.name)
            unmatchedRows += missedKeys
        }
        if !unmatchedRows.isEmpty {
            let table = Table(name: "unmatched", columns: [
                Column(name: "key", values: unmatchedRows.map { .text($0.key) }),
                Column(name: "rows", values: unmatchedRows.map { .integer(Int64($0.rows)) }),
                Column(name: "why", values: whys.map { .text($0) }),
            ])
            gathered.unmatched = QueryResult(table: table)
        }
        return gathered
    }
}

extension JoinPlan.Gathered {
    /// The note and warning for a join some rows of which matched nothing, with a note for each
    /// reorganised authority among the keys; returns why each key matched nothing.
    mutating func noteUnmatched(_ missed: [(key: String, rows: Int)], of rowCount: Int, left: String, step: JoinPlan.Step,
                                keyColumn: String) -> [String] {
        let missedRows = missed.reduce(0) { $0 + $1.rows }
        guard missedRows > 0 else { return [] }
        let note = ResultNote.unmatched(rows: missedRows, of: rowCount, dataset: left, other: step.right.name,
                                        keys: missed.count, keyColumn: keyColumn)
        notes.append(note)
        warnings.append(.warning(note.text, at: step.range, help: "show unmatched lists them"))
        var whys: [String] = []
        for (key, _) in missed {
            guard let reorganised = step.reorganised[key.trimmingSpaces.lowercased()] else {
                whys.append(ResultNote.noMatch(missingKey: key == JoinPlan.missingKey, keyColumn: keyColumn, other: step.right.name).text)
                continue
            }
            whys.append(reorganised.text)
            if !notes.contains(reorganised) { notes.append(reorganised) }
        }
        return whys
    }
}
