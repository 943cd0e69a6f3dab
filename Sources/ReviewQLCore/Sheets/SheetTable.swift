/// Turns a workbook's sheet (`SheetGrid`) into a table by the rules a CSV file follows.
///
/// Where the table is (title rows above the header, notes below it, repeated header rows) is
/// `TableShape`'s decision, from one `RowShape` per sheet row. Each column's type: a typed cell
/// (number, date, yes/no) keeps its type; a text cell is read by `CellParser` as a CSV cell
/// is, so "2009-01-31" or "12" in a text cell is a date or a number; and the column takes the
/// narrowest type that holds them all (`ColumnKind`). Numbers are integers when every one is
/// whole. Error values and formulas with no value are missing, with a note.
enum SheetTable {
    /// The table in `opened`'s sheet, and the notes on what was chosen.
    static func table(from opened: OpenedSheet, name: String, file: String,
                      headerLine: Int? = nil) throws(Diagnostic) -> (table: Table, notes: [SheetNote]) {
        let rows = opened.grid.rows
        guard rows.contains(where: { !$0.cells.isEmpty }) else {
            throw WorkbookProblem.emptySheet(sheet: opened.sheet).diagnostic(file: file)
        }
        let extent: TableExtent
        do {
            // Every row is as wide as the sheet's used range, as a sheet saved as CSV pads its lines.
            let width = rows.reduce(0) { max($0, $1.cells.count) }
            extent = try TableShape.find(rows.map { shape($0, width: width) }, headerLine: headerLine)
        } catch {
            throw shapeDiagnostic(error, file: file, sheet: opened.sheet)
        }
        let dropped = Set(extent.dropped)
        let dataRows = (extent.header + 1..<max(extent.header + 1, extent.end)).filter { !dropped.contains($0) }.map { rows[$0] }
        let header = rows[extent.header].cells
        let width = dataRows.reduce(header.count) { max($0, $1.cells.count) }
        let rowNumbers = dataRows.map { $0.number }
        var notes = extent.skipped.map(SheetNote.skipped)
        var kept: [(name: String, letter: String, cells: [SheetCell], survey: Survey)] = []
        var used = Set<String>()
        for index in 0..<width {
            let letter = SheetTable.letters(index)
            let headerText = index < header.count ? displayText(header[index]).trimmingSpaces : ""
            let cells = dataRows.map { index < $0.cells.count ? $0.cells[index] : .empty }
            if headerText.isEmpty, cells.allSatisfy({ $0.isBlank }) {
                notes.append(.emptyColumnDropped(column: letter))
                continue
            }
            var columnName = headerText.isEmpty ? "column_\(index + 1)" : headerText
            if used.contains(columnName.lowercased()) {
                var suffix = 2
                while used.contains("\(columnName)_\(suffix)".lowercased()) { suffix += 1 }
                columnName = "\(columnName)_\(suffix)"
            }
            if columnName != headerText { notes.append(.renamed(column: letter, from: headerText, to: columnName)) }
            used.insert(columnName.lowercased())
            kept.append((columnName, letter, cells, survey(cells)))
        }
        let symbolsOnlyAreNumbers = kept.contains { $0.survey.isNumbersWithSymbols }
        var columns: [Column] = []
        for column in kept {
            let built = try self.column(column.name, letter: column.letter, cells: column.cells, survey: column.survey,
                                        symbolsOnlyAreNumbers: symbolsOnlyAreNumbers, rowNumbers: rowNumbers,
                                        sheet: opened.sheet, file: file)
            columns.append(built.column)
            notes += built.notes
        }
        return (Table(name: name, columns: columns, rowCount: dataRows.count), notes)
    }

    /// What the table finder sees of a sheet row `width` cells wide. The fingerprint hashes a
    /// text cell's trimmed text and any other cell's value, so finding a repeated header never
    /// formats a number.
    static func shape(_ row: SheetRow, width: Int) -> RowShape {
        var filled = 0, lastFilled = 0, numbers = 0, years = 0
        var firstText = ""
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        for (index, cell) in row.cells.enumerated() {
            defer { mix(0x1f) }
            switch cell {
            case .empty:
                continue
            case .text(var text):
                let isFilled = text.withUTF8 { bytes -> Bool in
                    let trimmed = CellParser.trimmed(bytes)
                    for byte in trimmed { mix(byte) }
                    guard !trimmed.isEmpty else { return false }
                    if let number = CellParser.decimal(trimmed) {
                        numbers += 1
                        if number == number.rounded(), (1900...2100).contains(number) { years += 1 }
                    }
                    return true
                }
                guard isFilled else { continue }
            case .number(let number):
                for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: number.bitPattern >> UInt64(shift))) }
                numbers += 1
                if number == number.rounded(), (1900...2100).contains(number) { years += 1 }
            default:
                for byte in displayText(cell).utf8 { mix(byte) }
            }
            filled += 1
            lastFilled = index + 1
            if firstText.isEmpty { firstText = displayText(cell).trimmingSpaces }
        }
        return RowShape(line: row.number, fieldCount: width, filled: filled, lastFilled: lastFilled, numericCells: numbers,
                        yearCells: years, fingerprint: hash, firstText: firstText)
    }

    /// A cell as text: a header name, what the table finder compares, a cell of a text column.
    static func displayText(_ cell: SheetCell) -> String {
        switch cell {
        case .empty, .uncalculated: return ""
        case .number(let number):
            if let whole = wholeNumber(number) { return String(whole) }
            return ValueFormatter.plain(.decimal(number))
        case .date(let day, let seconds):
            let date = ValueFormatter.plain(.date(day))
            guard seconds != 0 else { return date }
            let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
            return date + " " + [hours, minutes, rest].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        case .boolean(let value): return ValueFormatter.plain(.boolean(value))
        case .text(let text): return text
        case .error(let code): return code
        }
    }

    /// The number as an integer when it is whole and exactly representable.
    static func wholeNumber(_ number: Double) -> Int64? {
        guard number.rounded() == number, abs(number) < 9_007_199_254_740_992 else { return nil }
        return Int64(number)
    }

    /// A column's letters, as a spreadsheet names it: 0 is A, 25 is Z, 26 is AA.
    static func letters(_ index: Int) -> String {
        var index = index + 1
        var letters = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            index = (index - 1) / 26
        }
        return letters
    }

    private static func shapeDiagnostic(_ problem: ShapeProblem, file: String, sheet: String) -> Diagnostic {
        var diagnostic = problem.diagnostic(file: file)
        diagnostic.message = "sheet \(sheet): " + diagnostic.message
        return diagnostic
    }
}

extension SheetCell {
    /// Empty, or text of only spaces.
    var isBlank: Bool {
        switch self {
        case .empty: return true
        case .text(let text): return text.trimmingSpaces.isEmpty
        default: return false
        }
    }
}
