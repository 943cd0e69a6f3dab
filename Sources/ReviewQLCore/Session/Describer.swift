/// Text and tables that describe the loaded data: `datasets` and `describe`.
enum Describer {
    /// One row per dataset: name, rows, columns, description.
    static func datasetsTable(_ datasets: [Dataset]) -> QueryResult {
        let sorted = datasets.sorted { $0.name < $1.name }
        let table = Table(name: "datasets", columns: [
            Column(name: "dataset", values: sorted.map { .text($0.name) }),
            Column(name: "rows", values: sorted.map { .integer(Int64($0.table.rowCount)) }),
            Column(name: "columns", values: sorted.map { .integer(Int64($0.table.columns.count)) }),
            Column(name: "description", values: sorted.map { $0.description.isEmpty ? .missing : .text($0.description) }),
        ])
        return QueryResult(table: table)
    }

    /// The columns of a dataset with their types, missing and distinct counts, a few example
    /// values, the ordered scale where there is one, and where the data came from.
    static func describe(_ dataset: Dataset) -> String {
        let table = dataset.table
        var lines = ["\(dataset.name): \(table.rowCount) rows, \(table.columns.count) columns"]
        if !dataset.description.isEmpty { lines.append(dataset.description) }
        if !dataset.source.isEmpty { lines.append("source: \(dataset.source)") }
        lines.append("file: " + (dataset.path.split(separator: "/").last.map(String.init) ?? dataset.path))
        if dataset.dialect != Dialect() || !dataset.loadNotes.isEmpty {
            lines.append("read: " + dataset.dialect.described)
            lines += dataset.loadNotes.map { "note: " + $0.text }
        }
        if let counts = dataset.counts {
            lines.append("counts: each row stands for its \(counts.column); count adds them up (count rows counts the rows)"
                         + (counts.total.map { "; \($0.column) is the total for each \($0.per.joined(separator: ", "))" } ?? ""))
        }
        lines.append("")
        var rows: [[String]] = [["column", "type", "missing", "distinct", "examples"]]
        for column in table.columns {
            var distinct: [Value] = []
            var seen = Set<Value>()
            for row in 0..<table.rowCount {
                let value = column.value(at: row)
                if !value.isMissing, seen.insert(value).inserted { distinct.append(value) }
            }
            let examples: String
            if let scale = column.scale {
                examples = "scale: " + scale.joined(separator: " < ")
            } else {
                examples = distinct.prefix(3).map { TextSafety.escaped(ValueFormatter.plain($0)) }.joined(separator: ", ")
                    + (distinct.count > 3 ? ", ..." : "")
            }
            rows.append([column.name, column.type.rawValue, String(column.missingCount), String(seen.count), examples])
        }
        let widths = (0..<5).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for (i, row) in rows.enumerated() {
            lines.append(row.enumerated().map { c, cell in
                c == 4 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
            }.joined(separator: "  "))
            if i == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines.joined(separator: "\n")
    }
}

/// The `datasets` and `describe` statements.
extension Session {
    func datasetsCommand() -> Outcome {
        Outcome(output: .result(Describer.datasetsTable(datasets)))
    }

    func describeCommand(_ name: Name) throws(Diagnostic) -> Outcome {
        let dataset = try Binder(datasets: datasets).dataset(named: name)
        return Outcome(output: .text(Describer.describe(dataset)))
    }
}
