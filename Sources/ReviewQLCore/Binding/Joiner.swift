/// Where a column of a (possibly joined) table came from.
public struct ColumnOrigin: Sendable, Equatable {
    public var dataset: String
    public var column: String
}

/// Plans the joins of `count reviews join authorities ...`: each row of the left dataset is to
/// be matched with the one row of the right dataset whose key has the same value (ignoring
/// case and surrounding spaces).
///
/// The binder only plans: it finds the key columns, indexes each right dataset by key (a right
/// key that appears twice is an error, since it would count rows twice), and describes the
/// joined table's columns, without rows, for names and types to be resolved against. The
/// evaluator gathers the rows (`JoinPlan.gather`), so `show sql` joins nothing and a
/// statistics statement gathers once for its two counts.
struct Joiner {
    let datasets: [Dataset]

    struct Planned {
        /// The joined dataset's columns, with no rows.
        var schema: Dataset
        var plan: JoinPlan
        /// For each column of the joined table, the dataset and column it came from, and the
        /// key columns of each join (for `show sql`).
        var origins: [ColumnOrigin]
        var joinKeys: [(left: ColumnOrigin, right: ColumnOrigin)] = []
    }

    func plan(_ left: Dataset, _ clauses: [JoinClause], binder: Binder) throws(BindingError) -> Planned {
        var schema = left
        schema.table = Table(name: left.name, columns: left.table.columns.map { $0.gathering([]) }, rowCount: 0)
        var planned = Planned(schema: schema, plan: JoinPlan(left: left, steps: []),
                              origins: left.table.columns.map { ColumnOrigin(dataset: left.name, column: $0.name) })
        let reorganisations = clauses.isEmpty ? nil : Reorganisations(datasets)
        for clause in clauses {
            let right = try binder.find(clause.dataset)
            let (leftIndex, rightIndex) = try keys(for: clause, left: planned.schema, right: right)

            // The right dataset by key, indexed once per key column; a key twice would multiply rows.
            let rightKey = right.table.columns[rightIndex]
            var rowOf: [String: Int] = [:]
            switch rightKey.facts.joinIndex(rightKey)?.outcome {
            case .rows(let rows)?: rowOf = rows
            case .duplicate(let row)?:
                throw BindingError(.duplicateJoinKey(value: ValueFormatter.plain(rightKey.value(at: row)), dataset: right.name,
                                                     column: rightKey.name), at: clause.range)
            // A Ctrl-C left the index unfinished; the statement stops before it is used.
            case nil: break
            }
            planned.joinKeys.append((planned.origins[leftIndex], ColumnOrigin(dataset: right.name, column: rightKey.name)))
            planned.origins += right.table.columns.map { ColumnOrigin(dataset: right.name, column: $0.name) }
            var step = JoinPlan.Step(right: right, leftKey: leftIndex, rowOf: rowOf, range: clause.range)
            planned.schema.table = JoinPlan.joinedTable(planned.schema.table, step.right.table.columns.map { $0.gathering([]) },
                                                        right: right.name, rowCount: 0)
            step.reorganised = reorganisations?.notes(missingFrom: rowOf) ?? [:]
            planned.plan.steps.append(step)
        }
        return planned
    }

    /// The key columns: as written after `on`, else as the catalog declares, else the one
    /// column name both datasets share. `eitherWay` (for `with` and `without`, where many rows
    /// may match) also takes the catalog's join declared from `right` to `left`.
    func keys(for clause: JoinClause, left: Dataset, right: Dataset, eitherWay: Bool = false) throws(BindingError) -> (Int, Int) {
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
        if eitherWay, let declared = right.joins.first(where: { $0.dataset.lowercased() == left.name.lowercased() }),
           let l = left.table.columnIndex(named: declared.right), let r = right.table.columnIndex(named: declared.left) {
            return (l, r)
        }
        let shared = left.table.columns.indices.filter { right.table.columnIndex(named: left.table.columns[$0].name) != nil }
        if shared.count == 1, let r = right.table.columnIndex(named: left.table.columns[shared[0]].name) {
            return (shared[0], r)
        }
        throw BindingError(.joinKeysUnknown(left: left.name, right: right.name, example: example), at: clause.range)
    }
}
