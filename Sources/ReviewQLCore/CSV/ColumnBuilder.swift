/// One column's cells as they are read, with its type decided along the way.
///
/// A column starts with no type and takes the type of its first non-blank cell; later cells
/// are parsed as that type, and a cell that does not fit widens the column (the rule is
/// `ColumnKind`'s): integer to decimal by converting the values already held, anything else
/// to text. Text needs the exact original cells, which the typed values no longer hold, so the
/// rows before that point are read again from the file in a second, shorter pass
/// (`rowsToReread`); the rows after it are encoded as text straight away. The common file,
/// whose columns keep their first type, is read once.
///
/// Cells arrive a block of rows at a time (`BlockColumn`), and each type has its own tight loop
/// over the block, so the type is looked at once per block rather than once per cell.
struct ColumnBuilder {
    private(set) var kind = ColumnKind.unknown
    /// Rows appended so far.
    private(set) var rowCount = 0
    private var integers: [Int64] = []
    private var decimals: [Double] = []
    private var dates: [Int32] = []
    private var booleans: [Bool] = []
    /// For a text column: the rows from `rowsToReread` on.
    private var text = TextColumnBuilder()
    private var missing = GrowableBitmap()
    /// Whether a cell of only spaces was seen while the column had no type: missing for a
    /// typed column, but its exact text if the column ends up as text.
    private var sawBlank = false
    /// For a text column: the rows, from the first, that were read as another type and must be
    /// read again as text.
    private(set) var rowsToReread = 0
    /// The first row holding a date-shaped value that names no real day; an error if the
    /// column is still a date column at the end.
    private(set) var firstImpossibleDateRow: Int?
    /// The rows holding an official statistics symbol (`OfficialSymbol`) in a column of numbers,
    /// or in a column with no type yet, each with the symbol's code; those rows are missing.
    private var symbolRows: [(row: Int, code: UInt8)] = []

    /// Whether the column holds official statistics symbols.
    var hasSymbols: Bool { !symbolRows.isEmpty }

    /// The first row of a decimal column whose value is too large for a `Double` (read as
    /// infinity, see `CellParser.decimal`); an error, since the column holds numbers.
    var firstOutOfRangeRow: Int? {
        kind == .decimal ? decimals.firstIndex { !$0.isFinite } : nil
    }

    /// Adds the cells of one block of rows.
    mutating func append(_ cells: BlockColumn) {
        var row = 0
        while row < cells.rowCount {
            switch kind {
            case .unknown:
                row = appendUntyped(cells, from: row)
            case .integer:
                let (values, end) = parseRun(cells, from: row, placeholder: 0, CellParser.integer)
                integers.append(contentsOf: values)
                row = widenAfterRun(cells, end)
            case .decimal:
                let (values, end) = parseRun(cells, from: row, placeholder: 0, CellParser.decimal)
                decimals.append(contentsOf: values)
                row = widenAfterRun(cells, end)
            case .date:
                let firstRow = rowCount
                let (values, end) = parseRun(cells, from: row, placeholder: 0) { cell -> Int32? in
                    switch CellParser.date(cell) {
                    case .date(let day): return day
                    case .impossible: return TypedCell.impossibleDay
                    case .notADate: return nil
                    }
                }
                if firstImpossibleDateRow == nil, let index = values.firstIndex(of: TypedCell.impossibleDay) {
                    firstImpossibleDateRow = firstRow + index
                }
                dates.append(contentsOf: values)
                row = widenAfterRun(cells, end)
            case .boolean:
                let (values, end) = parseRun(cells, from: row, placeholder: false, CellParser.boolean)
                booleans.append(contentsOf: values)
                row = widenAfterRun(cells, end)
            case .text:
                appendText(cells, from: row)
                row = cells.rowCount
            }
        }
    }

    /// Where a run of cells that fit the column ended (`parseRun`): the end of the block, or a
    /// cell that does not fit, which widens the column. Returns the row after.
    private mutating func widenAfterRun(_ cells: BlockColumn, _ end: Int) -> Int {
        guard end < cells.rowCount else { return end }
        widen(startingWith: cells[end])
        return end + 1
    }

    /// Parses cells from `start` for as long as `parse` accepts them, marking empty and blank
    /// cells missing with `placeholder` in their place. Returns the values and the row it
    /// stopped at: the end of the block, or the first cell that does not fit.
    @inline(__always)
    private mutating func parseRun<Element>(_ cells: BlockColumn, from start: Int, placeholder: Element,
                                          _ parse: (UnsafeBufferPointer<UInt8>) -> Element?) -> (values: [Element], end: Int) {
        var end = start
        let firstRow = rowCount
        // Filling uninitialised capacity skips the uniqueness and capacity checks of `append`,
        // which cost more than the parsing on short cells. Elements are initialised in order,
        // one per row passed, and `initializedCount` is exactly how many.
        let values = [Element](unsafeUninitializedCapacity: cells.rowCount - start) { buffer, initializedCount in
            while end < cells.rowCount {
                let value = CellParser.trimmed(cells[end])
                if value.isEmpty {
                    missing.set(firstRow + end - start)
                    buffer.initializeElement(at: end - start, to: placeholder)
                } else if let parsed = parse(value) {
                    buffer.initializeElement(at: end - start, to: parsed)
                } else {
                    break
                }
                end += 1
            }
            initializedCount = end - start
        }
        rowCount += end - start
        return (values, end)
    }

    /// Appends cells while the column has no type: missing ones, until the first value, which
    /// chooses the type. Returns the row after the last one appended.
    private mutating func appendUntyped(_ cells: BlockColumn, from start: Int) -> Int {
        var row = start
        while row < cells.rowCount {
            let cell = cells[row]
            let value = CellParser.trimmed(cell)
            row += 1
            if value.isEmpty {
                if !cell.isEmpty { sawBlank = true }
                missing.set(rowCount)
                rowCount += 1
            } else if let code = OfficialSymbol.code(of: value) {
                appendSymbol(code)
            } else {
                takeFirstType(value, cell)
                break
            }
        }
        return row
    }

    /// Chooses the column's type from its first non-blank cell; the rows before it are missing.
    private mutating func takeFirstType(_ value: UnsafeBufferPointer<UInt8>, _ cell: UnsafeBufferPointer<UInt8>) {
        let typed = TypedCell(trimmed: value)
        // Symbols stand only for numbers: after them, anything else makes the column text.
        if hasSymbols, typed.kind != .integer, typed.kind != .decimal {
            becomeText(startingWith: cell)
            return
        }
        switch typed {
        case .integer(let integer):
            kind = .integer
            integers = Array(repeating: 0, count: rowCount)
            integers.append(integer)
        case .decimal(let decimal):
            kind = .decimal
            decimals = Array(repeating: 0, count: rowCount)
            decimals.append(decimal)
        case .boolean(let boolean):
            kind = .boolean
            booleans = Array(repeating: false, count: rowCount)
            booleans.append(boolean)
        case .date(let day):
            kind = .date
            dates = Array(repeating: 0, count: rowCount)
            dates.append(day)
        case .impossibleDate:
            kind = .date
            firstImpossibleDateRow = rowCount
            dates = Array(repeating: 0, count: rowCount)
            dates.append(TypedCell.impossibleDay)
        case .text:
            becomeText(startingWith: cell)
            return
        }
        rowCount += 1
    }

    /// A typed column meets a non-blank cell that does not fit it, which widens it (see
    /// `ColumnKind`): an integer column meeting a decimal becomes a decimal column; anything
    /// else makes the column text. Runs at most twice a column, so reading the cell again here
    /// costs nothing that shows.
    private mutating func widen(startingWith cell: UnsafeBufferPointer<UInt8>) {
        if kind == .integer || kind == .decimal, let code = OfficialSymbol.code(of: CellParser.trimmed(cell)) {
            appendSymbol(code)
            return
        }
        let typed = TypedCell(trimmed: CellParser.trimmed(cell))
        guard kind.widened(toHold: typed.kind) == .decimal, case .decimal(let decimal) = typed else {
            becomeText(startingWith: cell)
            return
        }
        decimals = integers.map(Double.init)
        integers = []
        kind = .decimal
        decimals.append(decimal)
        rowCount += 1
    }

    /// A symbol in a column of numbers, or in one with no type yet: a missing cell that keeps
    /// its symbol, with a placeholder value in a typed column.
    private mutating func appendSymbol(_ code: UInt8) {
        symbolRows.append((rowCount, code))
        missing.set(rowCount)
        switch kind {
        case .integer: integers.append(0)
        case .decimal: decimals.append(0)
        default: break
        }
        rowCount += 1
    }

    /// Turns the column into text from the current row, which holds `cell`, on. Earlier rows
    /// that held values (or blanks, or symbols) are marked to be read again.
    private mutating func becomeText(startingWith cell: UnsafeBufferPointer<UInt8>) {
        let hadValues = kind != .unknown || sawBlank || hasSymbols
        dropTypedValues()
        if hadValues {
            rowsToReread = rowCount
        } else {
            // Every earlier row is empty, so already missing: give them placeholder codes.
            text.appendPlaceholders(rowCount)
        }
        text.append(cell)
        rowCount += 1
    }

    /// Encodes the cells from `start` to the end of the block as text, exactly as written.
    private mutating func appendText(_ cells: BlockColumn, from start: Int) {
        let firstRow = rowCount
        // As in `parseRun`, filling the codes in place is much cheaper than appending them.
        let codes = [UInt32](unsafeUninitializedCapacity: cells.rowCount - start) { buffer, initializedCount in
            for row in start..<cells.rowCount {
                let cell = cells[row]
                if cell.isEmpty {
                    missing.set(firstRow + row - start)
                    buffer.initializeElement(at: row - start, to: 0)
                } else {
                    buffer.initializeElement(at: row - start, to: text.code(for: cell))
                }
            }
            initializedCount = cells.rowCount - start
        }
        text.appendCodes(codes)
        rowCount += cells.rowCount - start
    }

    /// Makes room for `rowCount` rows in all, so the values array grows once rather than by
    /// doubling, which would touch (and the kernel zero) about twice the memory.
    mutating func reserveCapacity(_ rowCount: Int) {
        switch kind {
        case .unknown: break
        case .integer: integers.reserveLargeCapacity(rowCount)
        case .decimal: decimals.reserveLargeCapacity(rowCount)
        case .date: dates.reserveLargeCapacity(rowCount)
        case .boolean: booleans.reserveLargeCapacity(rowCount)
        case .text: text.reserveCapacity(rowCount - rowsToReread)
        }
    }

    /// Ends the first pass: a column that never had a value becomes text, except that a
    /// column of only symbols (and empty cells) is a column of numbers, all missing, when
    /// `symbolsOnlyAreNumbers` (the file has numbers with symbols in another column; see
    /// `CSVReader`). Otherwise its symbols are read again as the text they are.
    mutating func finishFirstPass(symbolsOnlyAreNumbers: Bool = false) {
        guard kind == .unknown else { return }
        if hasSymbols && symbolsOnlyAreNumbers {
            kind = .integer
            integers = Array(repeating: 0, count: rowCount)
            return
        }
        kind = .text
        if sawBlank || hasSymbols { rowsToReread = rowCount } else { text.appendPlaceholders(rowCount) }
        symbolRows = []
    }

    /// A byte a row, each symbol's code where there is one (see `Column.symbols`); nil for none.
    private func symbolCodes() -> [UInt8]? {
        guard hasSymbols else { return nil }
        var codes = [UInt8](repeating: 0, count: rowCount)
        for (row, code) in symbolRows { codes[row] = code }
        return codes
    }

    /// Takes the text of the first `rowsToReread` rows, read again in the second pass, and puts
    /// it before the rows already encoded.
    mutating func prependRereadText(_ prefix: TextColumnBuilder, missingRows prefixMissing: GrowableBitmap) {
        precondition(kind == .text && prefix.rowCount == rowsToReread)
        for row in 0..<rowsToReread { missing.assign(row, prefixMissing.contains(row)) }
        text = prefix.appending(text)
        rowsToReread = 0
    }

    /// The finished column.
    func column(named name: String) -> Column {
        precondition(rowsToReread == 0, "the reread rows have not been put back")
        let storage: Column.Storage
        switch kind {
        case .integer: storage = .integer(IntegerValues(integers))
        case .decimal: storage = .decimal(decimals)
        case .date: storage = .date(dates)
        case .boolean: storage = .boolean(booleans)
        case .unknown, .text: storage = .text(codes: DictionaryCodes(words: text.codes, distinct: text.dictionary.count), dictionary: text.dictionary)
        }
        return Column(name: name, storage: storage, missing: missing.bitmap(count: rowCount), symbols: symbolCodes())
    }
}

extension ColumnBuilder {
    /// Whether this date column must be read again as text for `WrittenValues` to decide it:
    /// it holds a value that names no real day (`04/23/2009` may be month first), or every day
    /// of the month in it is 12 or less (`01/04/2008` may be 1 April or 4 January).
    var mayBeWrittenOtherwise: Bool {
        guard kind == .date else { return false }
        return firstImpossibleDateRow != nil || WrittenValues.mayBeDayOrMonthFirst(dates, missing: { missing.contains($0) })
    }

    /// Makes this column text from its first row, every row to be read again (see
    /// `prependRereadText`).
    mutating func readAgainAsText() {
        dropTypedValues()
        text = TextColumnBuilder()
        rowsToReread = rowCount
    }

    /// Makes the column text, dropping the typed values read so far (they are read again).
    private mutating func dropTypedValues() {
        symbolRows = []
        integers = []
        decimals = []
        dates = []
        booleans = []
        firstImpossibleDateRow = nil
        kind = .text
    }
}
