/// What a query produced: a table of results plus what people need to read it honestly.
public struct QueryResult: Sendable {
    public var table: Table
    /// A totals row for grouped results, shown under the table in formats people read.
    public var totalRow: [Value]?
    /// Lines printed under the table: the denominator of the percentages, rows left out.
    public var notes: [String]
    /// For each column, how many decimals to show people (nil: as many as the value has).
    public var decimals: [Int?]
    /// A single number (an ungrouped `count reviews`), printed bare in formats people read.
    public var isSingleValue: Bool
    /// Asked for `as chart`: formats people read draw it as a bar chart.
    public var isChart = false
    /// A sentence that says the whole result (`59 of 173 reviews = 34.1% (95% CI ...)`), shown
    /// instead of a one-row table in formats people read.
    public var summary: String?
    /// What the percent column is a share of (the rows counted, or the sum of all groups).
    public var percentBase: Double?
    /// A crosstab's cells as counts (for a test of independence), and its column variable.
    public var crosstabCounts: [[Int]]?
    public var crosstabColumnName: String?
    /// Cells hidden by `set suppress below N` (their values are missing); every format shows
    /// them as `[c]`. Row -1 is the totals row.
    public var suppressed: Set<Cell> = []

    public struct Cell: Hashable, Sendable {
        public var row: Int
        public var column: Int
    }

    /// The text for a suppressed cell, or nil when the cell is shown.
    public func suppressedMarker(row: Int, column: Int) -> String? {
        suppressed.isEmpty || !suppressed.contains(Cell(row: row, column: column)) ? nil : Suppression.marker
    }

    public init(table: Table, totalRow: [Value]? = nil, notes: [String] = [], decimals: [Int?]? = nil,
                isSingleValue: Bool = false) {
        self.table = table
        self.totalRow = totalRow
        self.notes = notes
        self.decimals = decimals ?? Array(repeating: nil, count: table.columns.count)
        self.isSingleValue = isSingleValue
    }
}
