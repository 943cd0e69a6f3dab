/// A query whose names are resolved: the dataset found, every column an index with a known
/// type, every bare word decided as a column or a value. The evaluator runs only this form.
public struct BoundQuery: Sendable {
    public enum Kind: Sendable {
        case aggregate([BoundMeasure])
        /// nil outputs means every column of the dataset.
        case list([BoundOutput]?, distinct: Bool)
    }

    public var dataset: Dataset
    public var kind: Kind
    public var filter: BoundExpression?
    public var groupKeys: [BoundOutput]
    public var having: BoundExpression?
    public var orderBy: [(key: BoundExpression, descending: Bool)]
    public var limit: Int?
    /// `limit N with ties`.
    public var limitWithTies = false
    /// For a query with joins, how the evaluator gathers the joined rows; until it has,
    /// `dataset` holds the joined table's columns (names, types, scales, values) with no rows.
    /// nil for a query without joins, and once gathered (`Evaluator.gather`).
    public var join: JoinPlan?
    /// Notes from joining (rows that found no match), shown under the result.
    public var joinNotes: [ResultNote] = []
    /// For each column of `dataset.table`, the dataset and column it came from.
    public var origins: [ColumnOrigin] = []
    /// The key columns of each join.
    public var joinKeys: [(left: ColumnOrigin, right: ColumnOrigin)] = []
    /// The query as written, for notes and explanations.
    public var source: Query
    /// `with reviews`, `without reviews`: already applied to `dataset`'s rows; kept for the
    /// notes, `explain` and `show sql`.
    public var presence: [BoundPresence] = []
    /// The group key whose values `limit N per` and the within items work within.
    public var per: Int?
    /// `limit N per COLUMN`: the limit holds in each group of `per`.
    public var limitPerGroup = false
    /// In a `list`, the value whose rows `limit N per` keeps N of (`ListPerGroup.swift`).
    public var rowsPer: BoundOutput?
    /// `with rank`, `with running total` ...
    public var within: [WithinItem] = []
}

/// A measure with its argument resolved.
public struct BoundMeasure: Sendable {
    public var function: AggregateFunction
    public var argument: BoundExpression?
    public var distinct: Bool
    /// The column heading: `count`, `sum(children)`.
    public var label: String
    public var resultType: ColumnType
    /// Computed for `having` or `order by` only, not shown as a column.
    public var hidden = false
    /// `count rows`: the rows of a counted table, not what its counts column adds up to.
    public var countsRows = false
    /// A measure worked out from others (`sum deaths / sum children * 100`): arithmetic whose
    /// leaves are `.measure(i)` and constants; `function` and `argument` are then unused.
    public var computed: BoundExpression? = nil
}

/// An output column of a `list` or a group key.
public struct BoundOutput: Sendable {
    public var expression: BoundExpression
    public var label: String
    public var type: ColumnType
    /// The ordered scale when the output is a scale column.
    public var scale: [String]?
}

/// A resolved expression. Constants are already converted to the type they are compared with.
public indirect enum BoundExpression: Sendable {
    case column(Int)
    case constant(Value)
    case function(ScalarFunction, BoundExpression)
    /// The i-th measure of an aggregate query (in `having` and `order by`).
    case measure(Int)
    /// The i-th group key of an aggregate query (in `order by`).
    case groupKey(Int)
    /// The percent column of a grouped count.
    case percent
    case compare(Comparison, BoundExpression, BoundExpression)
    case inList(BoundExpression, [Value], negated: Bool)
    case between(BoundExpression, Value, Value, negated: Bool)
    case textMatch(TextMatch, BoundExpression, String, negated: Bool)
    case isMissing(BoundExpression, negated: Bool)
    case and(BoundExpression, BoundExpression)
    case or(BoundExpression, BoundExpression)
    case not(BoundExpression)
    /// Arithmetic and dates (Expressions/Computation.swift).
    case computed(Computation)
}
