/// One column of a sheet's table, typed by `ColumnKind`'s rule (see `SheetTable`).
extension SheetTable {
    /// What a column's cells are, found in a first pass: the kind that holds them all, and
    /// what the notes need.
    private struct Survey {
        var kind = ColumnKind.unknown
        var typed = 0
        var text = 0
        var firstTextRow: Int?
        var withTime = 0
        var errors: [(row: Int, code: String)] = []
        var uncalculated: [Int] = []
    }

    /// The column built from `cells` (one per data row; `rowNumbers` are their sheet rows).
    static func column(_ name: String, letter: String, cells: [SheetCell], rowNumbers: [Int],
                       sheet: String, file: String) throws(Diagnostic) -> (column: Column, notes: [SheetNote]) {
        let survey = survey(cells)
        var notes: [SheetNote] = []
        if !survey.errors.isEmpty {
            var codes: [String] = []
            for error in survey.errors where !codes.contains(error.code) { codes.append(error.code) }
            notes.append(.errorCells(column: name, count: survey.errors.count, values: codes,
                                     first: letter + String(rowNumbers[survey.errors[0].row])))
        }
        if let first = survey.uncalculated.first {
            notes.append(.uncalculated(column: name, count: survey.uncalculated.count, first: letter + String(rowNumbers[first])))
        }
        if survey.kind == .text, survey.typed > 0 {
            if survey.text > 0, let first = survey.firstTextRow {
                notes.append(.mixedTypes(column: name, typed: survey.typed, text: survey.text, firstText: letter + String(rowNumbers[first])))
            } else if survey.withTime > 0 {
                notes.append(.timesKept(column: name, count: survey.withTime))
            }
        }
        var missing = Bitmap(count: cells.count)
        let storage: Column.Storage
        switch survey.kind {
        case .integer:
            storage = .integer(IntegerValues(values(cells, &missing, 0) { cell in
                if case .number(let number) = cell { return wholeNumber(number) }
                return parsed(cell, CellParser.integer)
            }))
        case .decimal:
            storage = .decimal(values(cells, &missing, 0) { cell in
                if case .number(let number) = cell { return number }
                return parsed(cell) { CellParser.decimal($0) ?? CellParser.integer($0).map(Double.init) }
            })
        case .boolean:
            storage = .boolean(values(cells, &missing, false) { cell in
                if case .boolean(let value) = cell { return value }
                return parsed(cell, CellParser.boolean)
            })
        case .date:
            var impossible: Int?
            let days: [Int32] = values(cells, &missing, 0) { cell in
                if case .date(let day, _) = cell { return day }
                let reading = parsed(cell) { bytes -> Int32? in
                    switch CellParser.date(bytes) {
                    case .date(let day): return day
                    case .impossible: return TypedCell.impossibleDay
                    case .notADate: return nil
                    }
                }
                return reading
            }
            if let row = days.indices.first(where: { days[$0] == TypedCell.impossibleDay && !missing[$0] }) { impossible = row }
            if let row = impossible {
                throw WorkbookProblem.impossibleDate(sheet: sheet, cell: letter + String(rowNumbers[row]),
                                                     text: displayText(cells[row])).diagnostic(file: file)
            }
            storage = .date(days)
        case .unknown, .text:
            var builder = TextColumnBuilder()
            for (row, cell) in cells.enumerated() {
                if cell.isBlank || cell == .uncalculated { missing[row] = true; builder.appendPlaceholders(1); continue }
                if case .error = cell { missing[row] = true; builder.appendPlaceholders(1); continue }
                var text = displayText(cell)
                text.withUTF8 { builder.append($0) }
            }
            storage = .text(codes: DictionaryCodes(words: builder.codes, distinct: builder.dictionary.count), dictionary: builder.dictionary)
        }
        return (Column(name: name, storage: storage, missing: missing), notes)
    }

    /// The first pass over a column's cells.
    private static func survey(_ cells: [SheetCell]) -> Survey {
        var survey = Survey()
        for (row, cell) in cells.enumerated() {
            switch cell {
            case .empty:
                continue
            case .number(let number):
                survey.kind = survey.kind.widened(toHold: wholeNumber(number) == nil ? .decimal : .integer)
                survey.typed += 1
            case .date(_, let seconds):
                survey.kind = survey.kind.widened(toHold: seconds == 0 ? .date : .text)
                if seconds != 0 { survey.withTime += 1 }
                survey.typed += 1
            case .boolean:
                survey.kind = survey.kind.widened(toHold: .boolean)
                survey.typed += 1
            case .text(var text):
                let kind = text.withUTF8 { bytes -> ColumnKind? in
                    let trimmed = CellParser.trimmed(bytes)
                    return trimmed.isEmpty ? nil : TypedCell(trimmed: trimmed).kind
                }
                guard let kind else { continue }
                survey.kind = survey.kind.widened(toHold: kind)
                if kind == .text {
                    survey.text += 1
                    if survey.firstTextRow == nil { survey.firstTextRow = row }
                }
            case .error(let code):
                survey.errors.append((row, code))
            case .uncalculated:
                survey.uncalculated.append(row)
            }
        }
        return survey
    }

    /// Each cell's value by `read`; cells with none (empty, blank, errors) are missing.
    private static func values<Element>(_ cells: [SheetCell], _ missing: inout Bitmap, _ placeholder: Element,
                                        _ read: (SheetCell) -> Element?) -> [Element] {
        var values: [Element] = []
        values.reserveCapacity(cells.count)
        for (row, cell) in cells.enumerated() {
            if let value = read(cell) {
                values.append(value)
            } else {
                missing[row] = true
                values.append(placeholder)
            }
        }
        return values
    }

    /// A text cell read by `parse` (trimmed, as a CSV cell is); nil for other cells and blanks.
    private static func parsed<T>(_ cell: SheetCell, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard case .text(var text) = cell else { return nil }
        return text.withUTF8 { bytes in
            let trimmed = CellParser.trimmed(bytes)
            return trimmed.isEmpty ? nil : parse(trimmed)
        }
    }
}
