/// Text and tables that describe the loaded data: `datasets` and `describe`.
enum Describer {
    /// One row per dataset: name, rows, columns, description.
    static func datasetsTable(_ datasets: [Dataset]) -> QueryResult {
        let sorted = datasets.sorted { $0.name < $1.name }
        let table = Table(name: "datasets", columns: [
            Column(name: "dataset", values: sorted.map { .text($0.name) }),
            Column(name: "rows", values: sorted.map { .integer(Int64($0.table.rowCount)) }),
            Column(name: "columns", values: sorted.map { .integer(Int64($0.table.columns.count)) }),
            Column(name: "description", values: sorted.map { dataset in
                let workbook = dataset.workbook.map { $0.summary(file: dataset.path.split(separator: "/").last.map(String.init) ?? dataset.path) }
                let text = [dataset.description, workbook ?? ""].filter { !$0.isEmpty }.joined(separator: "; ")
                return text.isEmpty ? .missing : .text(text)
            }),
        ])
        return QueryResult(table: table)
    }

    /// The columns of a dataset with their types, missing and distinct counts, a few example
    /// values, the ordered scale where there is one, and where the data came from.
    static func describe(_ dataset: Dataset) throws(Diagnostic) -> String {
        let table = dataset.table
        var lines = ["\(dataset.name): \(table.rowCount) rows, \(table.columns.count) columns"]
        if !dataset.description.isEmpty { lines.append(dataset.description) }
        if !dataset.source.isEmpty { lines.append("source: \(dataset.source)") }
        // Where it came from: the path as it was given, or the data built into the program.
        let file = dataset.path
        lines.append("file: " + (dataset.workbook?.summary(file: file) ?? file)
                     + (dataset.isBuiltIn ? ", built into the program (--data or REVIEWQL_DATA reads a folder instead)" : ""))
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
            try Cancellation.check()
            let (distinctCount, distinct) = Self.distinct(column, rows: table.rowCount)
            let examples: String
            if let scale = column.scale {
                examples = "scale: " + scale.joined(separator: " < ")
            } else {
                examples = distinct.prefix(3).map { TextSafety.escaped(ValueFormatter.plain($0, unit: column.unit)) }
                    .joined(separator: ", ") + (distinct.count > 3 ? ", ..." : "")
            }
            let type = column.type.rawValue + (column.unit.map { " (\($0.rawValue))" } ?? "")
            rows.append([column.name, type, String(column.missingCount), String(distinctCount), examples])
        }
        // A stop asked for while the last column's values were counted cut that count short: no partial table.
        try Cancellation.check()
        let widths = (0..<5).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for (i, row) in rows.enumerated() {
            lines.append(row.enumerated().map { c, cell in
                c == 4 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
            }.joined(separator: "  "))
            if i == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        lines += symbolLines(table)
        let periods = periodNotes(table)
        if !periods.isEmpty { lines += [""] + periods }
        if !table.formatNotes.isEmpty {
            lines.append("")
            lines += table.formatNotes.map { "note: " + $0.text }
        }
        return lines.joined(separator: "\n")
    }
}

extension Describer {
    /// How many distinct values a column holds, and its first four in row order: over the
    /// typed array in one pass (text by its dictionary codes, `ColumnMeasures`), or row by row
    /// on boxed values when the kernels are off.
    static func distinct(_ column: Column, rows: Int) -> (count: Int, first: [Value]) {
        if Kernels.enabled {
            let everyRow = ColumnMeasures(column: column, rows: .set(.all(rows)))
            if case .integer(let count)? = everyRow.countDistinct() { return (Int(count), everyRow.firstDistinct(4)) }
        }
        var distinct: [Value] = []
        var seen = Set<Value>()
        for row in 0..<rows {
            let value = column.value(at: row)
            if !value.isMissing, seen.insert(value).inserted, distinct.count < 4 { distinct.append(value) }
        }
        return (seen.count, distinct)
    }

    /// Under the table, each column that holds official statistics symbols, with how many
    /// cells hold each: they are among its missing values.
    static func symbolLines(_ table: Table) -> [String] {
        let described = table.columns.compactMap { column -> String? in
            let counts = column.symbolCounts
            return counts.isEmpty ? nil : "  \(column.name): \(OfficialSymbol.counted(counts))"
        }
        guard !described.isEmpty else { return [] }
        return ["", "missing values that hold official statistics symbols (shown as written):"] + described
    }

    /// For a table whose `time_period` was read as periods (`OfficialPeriods`), what it became.
    static func periodNotes(_ table: Table) -> [String] {
        guard let periods = table.column(named: ColumnNaming.periodColumn), let scale = periods.scale,
              table.column(named: OfficialPeriods.identifierColumn) != nil else { return [] }
        let shown = scale.count > 4 ? scale.prefix(2).joined(separator: " < ") + " < ... < " + scale.last!
            : scale.joined(separator: " < ")
        return ["\(periods.name) is read with \(OfficialPeriods.identifierColumn) as the periods it names, in time order: \(shown)"]
    }

    /// The lines under `load`'s message for an official statistics file: its periods, the
    /// columns of numbers that hold symbols, and any column of only symbols read as numbers
    /// (`ColumnKind`).
    static func loadNotes(_ table: Table) -> [String] {
        var notes = periodNotes(table)
        let withSymbols = table.columns.filter { $0.symbols != nil }
        guard !withSymbols.isEmpty else { return notes }
        let names = withSymbols.prefix(4).map(\.name).joined(separator: ", ")
            + (withSymbols.count > 4 ? " and \(withSymbols.count - 4) more" : "")
        let cells = withSymbols.reduce(0) { $0 + $1.symbolCounts.values.reduce(0, +) }
        notes.append("\(cells) cell\(cells == 1 ? "" : "s") of numbers in \(names) hold\(cells == 1 ? "s" : "") official statistics "
                     + "symbols (such as c for suppressed): each is a missing value, shown as written; describe \(table.name) counts them")
        let onlySymbols = withSymbols.filter { $0.missingCount == table.rowCount && $0.type.isNumeric }
        if !onlySymbols.isEmpty {
            notes.append(onlySymbols.prefix(4).map(\.name).joined(separator: ", ")
                         + (onlySymbols.count > 4 ? " and \(onlySymbols.count - 4) more" : "")
                         + " hold\(onlySymbols.count == 1 ? "s" : "") only symbols: "
                         + "read as numbers, all missing, since the file's other numbers have symbols too")
        }
        return notes
    }
}

/// The `datasets` and `describe` statements.
extension Session {
    func datasetsCommand() -> Outcome {
        Outcome(output: .result(Describer.datasetsTable(datasets)))
    }

    func describeCommand(_ name: Name) throws(Diagnostic) -> Outcome {
        let dataset = try Binder(datasets: datasets).dataset(named: name)
        return Outcome(output: .text(try Describer.describe(dataset)))
    }
}
