/// One cell's value, used for literals in queries and for cells handed out of a table.
///
/// Columns store their values in typed arrays (see `Column`); `Value` is the boxed form used
/// where a single value crosses a boundary: a literal in a query, a group key, a rendered cell.
public enum Value: Sendable, Hashable {
    case missing
    case integer(Int64)
    case decimal(Double)
    case date(Int32)          // days since 1970-01-01
    case boolean(Bool)
    case text(String)

    public var isMissing: Bool { if case .missing = self { return true } else { return false } }

    /// The value as a number, when it is one.
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .decimal(let d): return d
        default: return nil
        }
    }
}

/// The type of a column, decided when a CSV file is loaded.
public enum ColumnType: String, Sendable, CaseIterable {
    case integer, decimal, date, boolean, text

    public var isNumeric: Bool { self == .integer || self == .decimal }
}
