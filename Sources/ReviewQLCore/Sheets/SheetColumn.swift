/// One column of a sheet's table, typed by `ColumnKind`'s rule (see `SheetTable`).
extension SheetTable {
    /// What a column's cells are, found in a first pass: the kind that holds them all, and
    /// what the notes need.
    struct Survey {
        var kind = ColumnKind.unknown
        var typed = 0
        var text = 0
        var firstTextRow: Int?
        var withTime = 0
        var errors: [(row: Int, code: String)] = []
        var uncalculated: [Int] = []
        /// Text cells holding an official statistics symbol (`OfficialSymbol`): missing numbers
        /// that keep their symbol in a column of numbers, text in any other (`ColumnKind`).
        var symbols: [(row: Int, code: UInt8)] = []

        /// Whether the column is numbers with symbols among them.
        var isNumbersWithSymbols: Bool { !symbols.isEmpty && (kind == .integer || kind == .decimal) }

        /// The column's kind once the symbols are counted in (the rule is `ColumnKind`'s):
        /// they stand only for numbers, so beside anything else they are text; a column of
        /// only symbols is numbers when another column of the sheet is numbers with symbols
        /// (`symbolsOnlyAreNumbers`), and text otherwise.
        func finalKind(symbolsOnlyAreNumbers: Bool) -> ColumnKind {
            guard !symbols.isEmpty, kind != .integer, kind != .decimal else { return kind }
            return kind == .unknown && symbolsOnlyAreNumbers ? .integer : .text
        }
    }

    /// The column built from `cells` (one per data row; `rowNumbers` are their sheet rows).
    static func column(_ name: String, letter: String, cells: [SheetCell], survey: Survey, symbolsOnlyAreNumbers: Bool,
                       rowNumbers: [Int], sheet: String, file: String) throws(Diagnostic) -> (column: Column, notes: [SheetNote]) {
        let kind = survey.finalKind(symbolsOnlyAreNumbers: symbolsOnlyAreNumbers)
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
        if kind == .text, survey.typed > 0 {
            if survey.text > 0, let first = survey.firstTextRow {
                notes.append(.mixedTypes(column: name, typed: survey.typed, text: survey.text, firstText: letter + String(rowNumbers[first])))
            } else if survey.withTime > 0 {
                notes.append(.timesKept(column: name, count: survey.withTime))
            }
        }
        var missing = Bitmap(count: cells.count)
        var symbolCodes: [UInt8]?
        if kind == .integer || kind == .decimal, !survey.symbols.isEmpty {
            var codes = [UInt8](repeating: 0, count: cells.count)
            for (row, code) in survey.symbols { codes[row] = code }
            symbolCodes = codes
        }
        let storage: Column.Storage
        switch kind {
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
        return (Column(name: name, storage: storage, missing: missing, symbols: symbolCodes), notes)
    }

    /// The first pass over a column's cells.
    static func survey(_ cells: [SheetCell]) -> Survey {
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
                var symbol: UInt8?
                let kind = text.withUTF8 { bytes -> ColumnKind? in
                    let trimmed = CellParser.trimmed(bytes)
                    guard !trimmed.isEmpty else { return nil }
                    symbol = OfficialSymbol.code(of: trimmed)
                    return symbol == nil ? TypedCell(trimmed: trimmed).kind : nil
                }
                if let symbol { survey.symbols.append((row, symbol)) }
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
