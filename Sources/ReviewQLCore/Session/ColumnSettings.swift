/// `set scale of COLUMN in DATASET to ...` and `set dates of COLUMN in DATASET to month first`:
/// what a loaded file cannot say about a column, said from the shell.
extension Session {
    /// Gives a text column an ordered scale, lowest level first.
    func setScaleCommand(column: Name, dataset: Name, levels: [Name]) throws(Diagnostic) -> Outcome {
        let (datasetIndex, columnIndex) = try locate(column, in: dataset)
        let levelTexts = levels.map(\.text)
        var table = datasets[datasetIndex].table
        guard table.columns[columnIndex].type == .text else {
            throw ColumnSettingProblem.scaleNeedsText(column: table.columns[columnIndex].name,
                                                      type: table.columns[columnIndex].type).diagnostic(at: column.range)
        }
        let lowered = levelTexts.map { $0.lowercased() }
        if let repeated = lowered.indices.first(where: { lowered[..<$0].contains(lowered[$0]) }) {
            throw ColumnSettingProblem.levelTwice(level: levelTexts[repeated]).diagnostic(at: levels[repeated].range)
        }
        try table.columns[columnIndex].applyScale(levelTexts, file: datasets[datasetIndex].path)
        table.formatNotes.removeAll { note in
            if case .scaleRecognised = note { return note.column == table.columns[columnIndex].name }
            return false
        }
        datasets[datasetIndex].table = table
        return Outcome(output: .notice("\(table.name).\(table.columns[columnIndex].name) is now the scale "
                                       + levelTexts.joined(separator: " < ")))
    }

    /// Reads again, month first, a date column whose every date could be either way round
    /// (`FormatNote.dayOrMonthFirst`); `day first` keeps it as it is.
    func setDateOrderCommand(column: Name, dataset: Name, order: DateOrder, range: SourceRange) throws(Diagnostic) -> Outcome {
        let (datasetIndex, columnIndex) = try locate(column, in: dataset)
        var table = datasets[datasetIndex].table
        let name = table.columns[columnIndex].name
        guard case .date(let days) = table.columns[columnIndex].storage else {
            throw ColumnSettingProblem.notDates(column: name, type: table.columns[columnIndex].type).diagnostic(at: column.range)
        }
        let ambiguity = table.formatNotes.first { note in
            if case .dayOrMonthFirst = note { return note.column == name }
            return false
        }
        guard case .dayOrMonthFirst(_, _, _, _, let allNumeric)? = ambiguity else {
            throw ColumnSettingProblem.orderKnown(column: name).diagnostic(at: range)
        }
        let turned = table.formatNotes.contains(.turnedMonthFirst(column: name))
        guard turned != (order == .month) else {
            return Outcome(output: .notice("\(table.name).\(name) is read \(order.rawValue) first already"))
        }
        guard allNumeric else { throw ColumnSettingProblem.mixedForms(column: name).diagnostic(at: range) }
        table.columns[columnIndex].storage = .date(Self.swappingDayAndMonth(days))
        if turned {
            table.formatNotes.removeAll { $0 == .turnedMonthFirst(column: name) }
        } else {
            table.formatNotes.append(.turnedMonthFirst(column: name))
        }
        datasets[datasetIndex].table = table
        return Outcome(output: .notice("\(table.name).\(name) is now read \(order.rawValue) first"))
    }

    /// Each date with its day and month swapped; every day and month is 12 or less, as the
    /// column's dates could be read either way.
    private static func swappingDayAndMonth(_ days: [Int32]) -> [Int32] {
        days.map { day in
            let (year, month, dayOfMonth) = CivilDate.components(day)
            return CivilDate.dayNumber(year: year, month: dayOfMonth, day: month) ?? day
        }
    }

    /// The dataset's and the column's places, or the error naming what is there.
    private func locate(_ column: Name, in dataset: Name) throws(Diagnostic) -> (Int, Int) {
        let found = try Binder(datasets: datasets).dataset(named: dataset)
        let datasetIndex = datasets.firstIndex { $0.name == found.name }!
        guard let columnIndex = found.table.columnIndex(named: column.text) else {
            throw BindingError(.unknownColumn(name: column.text, table: found.name, known: found.table.allColumnNames),
                               at: column.range).diagnostic
        }
        return (datasetIndex, columnIndex)
    }
}

/// What `set scale of` and `set dates of` can find wrong, worded here only.
enum ColumnSettingProblem {
    case scaleNeedsText(column: String, type: ColumnType)
    case levelTwice(level: String)
    case notDates(column: String, type: ColumnType)
    /// The dates show which comes first (a part above 12), or were written with names or ISO.
    case orderKnown(column: String)
    /// Dates written `yyyy-mm-dd` beside ones written `1/4/2008`: swapping would change those.
    case mixedForms(column: String)

    func diagnostic(at range: SourceRange) -> Diagnostic {
        switch self {
        case .scaleNeedsText(let column, let type):
            return .error("\(column) holds \(type.rawValue), so it cannot be an ordered scale", at: range,
                          help: "a scale orders words, e.g. set scale of judgement in mine to low, medium, high")
        case .levelTwice(let level):
            return .error("\"\(level)\" is named twice in the scale", at: range, help: "name each level once, lowest first")
        case .notDates(let column, let type):
            return .error("\(column) holds \(type.rawValue), not dates", at: range,
                          help: "day and month order applies to a column of dates written like 1/4/2008")
        case .orderKnown(let column):
            return .error("the dates in \(column) already show which comes first", at: range,
                          help: "only a column whose every date could be read either way (all parts 12 or less) can be turned")
        case .mixedForms(let column):
            return .error("\(column) mixes dates written yyyy-mm-dd or with month names and dates like 1/4/2008", at: range,
                          help: "write the file's dates one way, best 2009-01-31")
        }
    }
}
