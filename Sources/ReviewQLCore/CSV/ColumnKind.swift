/// The type a CSV column takes from its cells. This file is the one home of that rule: the
/// reader of every file (`ColumnBuilder`), the reader of a large file's pieces (`ChunkColumn`)
/// and the joining of those pieces (`ParallelCSVReader`) all follow it.
///
/// A column is `unknown` while its cells are empty or blank, and takes the kind of its first
/// non-blank cell (`TypedCell`). After that, a cell that does not fit widens the column to the
/// narrowest kind that holds both (`widened(toHold:)`): an integer column meeting a decimal
/// becomes decimal; any other mix becomes text. Widening depends only on which kinds were
/// seen, never on their order, so pieces of a file read apart combine to the type the whole
/// file has. What each kind accepts, cell by cell, is `CellParser`'s.
///
/// Official statistics symbols (`c`, `x`, `[z]`, `low` ...; `OfficialSymbol`) do not count as
/// a kind: in a column of numbers, or one with no kind yet, each is a missing cell that keeps
/// its symbol; with any other kind (text, dates, yes/no) the column is text and the symbols
/// are text. A column of only symbols is numbers when another column of the same file holds
/// numbers with symbols (it is then a count suppressed in every row), and text otherwise
/// (a column of `x` check marks stays text).
enum ColumnKind {
    case unknown, integer, decimal, date, boolean, text

    /// The narrowest kind that holds the cells of this kind and those of `other`.
    func widened(toHold other: ColumnKind) -> ColumnKind {
        switch (self, other) {
        case (.unknown, _): other
        case (_, .unknown): self
        case _ where self == other: self
        case (.integer, .decimal), (.decimal, .integer): .decimal
        default: .text
        }
    }
}

/// A non-blank cell read as the first type it fits, in the order a new column tries them:
/// integer, decimal, yes/no, date, and otherwise text. A column's first such cell sets its
/// kind; a later cell that does not fit the column says what the column widens to.
enum TypedCell {
    case integer(Int64)
    case decimal(Double)
    case boolean(Bool)
    case date(Int32)
    /// Shaped like a date but naming no real day: it makes a date column, and is an error if
    /// the column is still a date column at the end.
    case impossibleDate
    case text

    /// Stands in a date column's values for an impossible date until the end of the file
    /// decides whether it is an error. Real day numbers (years 1 to 9999) are far from it.
    static let impossibleDay = Int32.min

    /// Reads a cell already trimmed of spaces and tabs (`CellParser.trimmed`), not empty.
    init(trimmed value: UnsafeBufferPointer<UInt8>) {
        if let integer = CellParser.integer(value) {
            self = .integer(integer)
        } else if let decimal = CellParser.decimal(value) {
            self = .decimal(decimal)
        } else if let boolean = CellParser.boolean(value) {
            self = .boolean(boolean)
        } else {
            switch CellParser.date(value) {
            case .date(let day): self = .date(day)
            case .impossible: self = .impossibleDate
            case .notADate: self = .text
            }
        }
    }

    var kind: ColumnKind {
        switch self {
        case .integer: .integer
        case .decimal: .decimal
        case .boolean: .boolean
        case .date, .impossibleDate: .date
        case .text: .text
        }
    }
}
