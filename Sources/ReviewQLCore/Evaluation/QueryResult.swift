/// What a query produced: a table of results plus what people need to read it honestly.
public struct QueryResult: Sendable {
    public var table: Table
    /// A totals row for grouped results, shown under the table in formats people read.
    public var totalRow: [Value]?
    /// Lines printed under the table: the denominator of the percentages, rows left out.
    public var notes: [ResultNote]
    /// For each column, how many decimals to show people (nil: as many as the value has).
    public var decimals: [Int?]
    /// For each column, what it holds. Suppression, charts, intervals and `explain` read these,
    /// never the columns' labels.
    public var roles: [ColumnRole]
    /// A single number (an ungrouped `count reviews`), printed bare in formats people read.
    public var isSingleValue: Bool
    /// Asked for `as chart`: formats people read draw it as a bar chart.
    public var isChart = false
    /// The chart's data, worked out once when the result is final (a chart query), so checking
    /// that it can be drawn and drawing it do not each build it again.
    var chart: ChartData?
    /// A chart's captions (`titled "…"`), with the statement in words for its default title.
    public var captions = ChartCaptions()
    /// A chart's form: bars, a time series as columns or a line, grouped or stacked bars.
    public var chartForm: ChartForm = .bars
    /// A time series' period (`year_month` ...), by which the chart orders and fills its rows.
    var chartPeriod: Period?
    /// A proportion's funnel plot (`as funnel`), which `save chart` and handouts draw.
    public var funnel: FunnelData?
    /// A sentence that says the whole result (`59 of 173 reviews = 34.1% (95% CI ...)`), shown
    /// instead of a one-row table in formats people read.
    public var summary: String?
    /// The confidence level of the interval columns ("95%"), for the titles of charts.
    public var intervalLevel: String?
    /// What the percent column is a share of (the rows counted, or the sum of all groups).
    public var percentBase: Double?
    /// How many groups there were before `having` and `limit` kept some (grouped results).
    public var groupCount: Int?
    /// A crosstab's cells as counts (for a test of independence), and its column variable.
    public var crosstabCounts: [[Int]]?
    public var crosstabColumnName: String?
    /// Cells hidden by `set suppress below N` (their values are missing); every format shows
    /// them as `[c]`. Row -1 is the totals row.
    public var suppressed: Set<Cell> = []

    /// The statistics of a test or an interval method that hold for the whole result (the
    /// method, a difference and its interval, χ², degrees of freedom, p): people read them in
    /// the notes; formats for programs (CSV, TSV, JSON) carry them as columns, the same value on
    /// every row (`withStatisticsColumns`), so that R and Python get numbers, not sentences.
    public var statistics: [Statistic] = []

    public struct Statistic: Sendable, Equatable {
        public var name: String
        public var value: Value
        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// The result with its statistics as columns after its own (a name the result has already
    /// gets a number, as duplicate headings do).
    public func withStatisticsColumns() -> QueryResult {
        guard !statistics.isEmpty else { return self }
        var result = self
        var taken = Set(table.columns.map { $0.name.lowercased() })
        for statistic in statistics {
            var name = statistic.name
            var n = 2
            while taken.contains(name.lowercased()) {
                name = "\(statistic.name)_\(n)"
                n += 1
            }
            taken.insert(name.lowercased())
            let column = Column(name: name, values: Array(repeating: statistic.value, count: table.rowCount))
            result.insertColumn(column, at: result.table.columns.count, role: .label, decimals: nil)
        }
        result.statistics = []
        return result
    }

    public struct Cell: Hashable, Sendable {
        public var row: Int
        public var column: Int
    }

    /// The text every format shows instead of a cell's value: `[c]` for a cell suppression hid,
    /// or the official statistics symbol a missing cell held (`c`, `[x]`, `low`: see
    /// `OfficialSymbol`); nil when the value is shown. Row -1 is the totals row.
    public func marker(row: Int, column: Int) -> String? {
        if !suppressed.isEmpty, suppressed.contains(Cell(row: row, column: column)) { return Suppression.marker }
        guard row >= 0 else { return nil }
        return table.columns[column].symbol(at: row)?.written
    }

    /// The notes in words, as every format prints them.
    public var noteLines: [String] { notes.map(\.text) }

    /// The first column with `role`, if any.
    public func column(withRole role: ColumnRole) -> Int? { roles.firstIndex(of: role) }

    public init(table: Table, totalRow: [Value]? = nil, notes: [ResultNote] = [], decimals: [Int?]? = nil,
                roles: [ColumnRole]? = nil, isSingleValue: Bool = false) {
        self.table = table
        self.totalRow = totalRow
        self.notes = notes
        self.decimals = decimals ?? Array(repeating: nil, count: table.columns.count)
        self.roles = roles ?? Array(repeating: .label, count: table.columns.count)
        self.isSingleValue = isSingleValue
    }

    /// Keeps `rows` of the table, in that order, with the hidden cells moving with their rows.
    mutating func gatherRows(_ rows: [Int]) {
        table = table.gathering(rows)
        var newIndex: [Int: Int] = [:]
        for (position, row) in rows.enumerated() { newIndex[row] = position }
        suppressed = Set(suppressed.compactMap { cell in
            cell.row < 0 ? cell : newIndex[cell.row].map { Cell(row: $0, column: cell.column) }
        })
    }

    /// Puts a column in at `index` with what goes with it, keeping the parallel lists in step.
    mutating func insertColumn(_ column: Column, at index: Int, role: ColumnRole, decimals places: Int?) {
        table.columns.insert(column, at: index)
        roles.insert(role, at: index)
        decimals.insert(places, at: index)
        totalRow?.insert(.missing, at: index)
        suppressed = Set(suppressed.map { $0.column >= index ? Cell(row: $0.row, column: $0.column + 1) : $0 })
    }
}

/// What a result column holds. Every producer of results says it, so that nothing has to
/// guess from a column's label whether it is a count that suppression must hide, the percent a
/// chart prints beside a bar, or the bounds of an interval.
public enum ColumnRole: Sendable, Equatable {
    /// A group key, a listed column or a label.
    case label
    /// How many rows (or values, or distinct values) a group has, or what a counts column
    /// says they stand for (a weighted count).
    case count
    /// The whole a count is out of: the `of` column of a proportion.
    case base
    /// A sum of a column; suppression treats it as a count.
    case sum
    /// Any other measure: an average, median, minimum or maximum.
    case measure
    /// A percent of a stated base.
    case percent
    /// The lower and upper bounds of a percent's confidence interval.
    case intervalLow, intervalHigh
    /// A total along a row (a crosstab's last column).
    case rowTotal
    /// Words about a row (a proportion's flag for a small group).
    case remark

    /// A number that counts people or events: hidden when small.
    var isCountLike: Bool { self == .count || self == .base || self == .sum || self == .rowTotal }

    /// A number worked out from a row's counts, which would give a hidden count away.
    var followsCounts: Bool { self == .percent || self == .intervalLow || self == .intervalHigh }

    /// The role of an aggregate's result column.
    init(_ function: AggregateFunction) {
        switch function {
        case .count: self = .count
        case .sum: self = .sum
        case .average, .median, .min, .max: self = .measure
        }
    }
}
