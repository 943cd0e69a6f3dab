/// A table held in memory as columns of equal length.
public struct Table: Sendable {
    public var name: String
    public var columns: [Column]
    public var rowCount: Int
    /// Every column of the file, in order, when a one-off run left out those its statements
    /// never name (`ColumnDemand`); nil when the table holds them all.
    public var columnsInFile: [String]?
    /// What reading the file's values as people write them chose (`WrittenValues`), to be said
    /// when the file is loaded.
    public var formatNotes: [FormatNote] = []

    /// The name of every column, held or left out, in the file's order: what a misspelt
    /// column name is matched against.
    public var allColumnNames: [String] { columnsInFile ?? columns.map(\.name) }

    public init(name: String, columns: [Column], rowCount: Int? = nil) {
        self.name = name
        self.columns = columns
        self.rowCount = rowCount ?? columns.first?.count ?? 0
    }

    /// The column called `name`, matched case-insensitively.
    public func columnIndex(named name: String) -> Int? {
        let wanted = name.lowercased()
        return columns.firstIndex { $0.name.lowercased() == wanted }
    }

    public func column(named name: String) -> Column? {
        columnIndex(named: name).map { columns[$0] }
    }

    /// The rows at `indexes`, in that order.
    public func gathering(_ indexes: [Int]) -> Table {
        Table(name: name, columns: columns.map { $0.gathering(indexes) }, rowCount: indexes.count)
    }

    /// One row, boxed.
    public func row(_ index: Int) -> [Value] { columns.map { $0.value(at: index) } }
}
