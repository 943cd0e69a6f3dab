/// The syntax tree: what the parser builds and the binder reads. Names here are still text;
/// the binder resolves them against the loaded datasets.

/// A name as written, with where it was written.
public struct Name: Sendable, Equatable {
    public var text: String
    public var range: SourceRange
    public init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// An expression in a condition, a `list`, `group by` or `order by`.
public indirect enum ExpressionKind: Sendable, Equatable {
    /// A bare word: a column when the dataset has one by that name, otherwise a text value.
    case word(String)
    /// A name in backquotes: always a column.
    case column(String)
    case literal(Value)
    case call(function: Name, argument: Expression)
    /// A measure (`count`, `sum children`), in `having` and `order by`.
    case aggregate(AggregateFunction, Expression?, distinct: Bool)
    case compare(Comparison, Expression, Expression)
    case inList(Expression, [Expression], negated: Bool)
    case between(Expression, Expression, Expression, negated: Bool)
    case textMatch(TextMatch, Expression, Expression, negated: Bool)
    case isMissing(Expression, negated: Bool)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case not(Expression)
    /// Arithmetic and dates (`deaths / children * 100`, `days between a and b`): see
    /// `Arithmetic.swift`.
    case arithmetic(ArithmeticSyntax)
    /// `expression as name`: a name later clauses can use.
    case named(Expression, Name)
}

public enum Comparison: String, Sendable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

public enum TextMatch: String, Sendable {
    case contains, startsWith = "starts with", endsWith = "ends with"
}

public struct Expression: Sendable, Equatable {
    public var kind: ExpressionKind
    public var range: SourceRange
    public init(_ kind: ExpressionKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// One measure computed by an aggregate query: `count`, `sum children`, `average(score)`.
public struct Measure: Sendable, Equatable {
    public var function: AggregateFunction
    public var argument: Expression?
    /// `count distinct authority`: count each value once.
    public var distinct = false
    public var range: SourceRange
    /// A measure worked out from others (`sum deaths / sum children * 100`): the expression,
    /// whose measures are `.aggregate` leaves; `function` and `argument` are then unused.
    public var computed: Expression? = nil
    /// `... as rate`: the name the query gives the measure.
    public var name: Name? = nil
}

public struct OrderItem: Sendable, Equatable {
    public var expression: Expression
    public var descending: Bool
}

/// `join authorities` or `join authorities on authority = name`.
public struct JoinClause: Sendable, Equatable {
    public var dataset: Name
    /// The two columns whose values must match; nil to use the catalog's join or the one
    /// column name both datasets share.
    public var on: (left: Name, right: Name)?
    public var range: SourceRange

    public static func == (a: JoinClause, b: JoinClause) -> Bool {
        a.dataset == b.dataset && a.on?.left == b.on?.left && a.on?.right == b.on?.right && a.range == b.range
    }
}

/// A query: a verb with its dataset and clauses.
public struct Query: Sendable, Equatable {
    public enum Verb: Sendable, Equatable {
        /// `count`, `sum x`, `count, average y` ...: one row per group.
        case aggregate([Measure])
        /// `list` rows; nil items means every column. `distinct` drops repeated rows.
        case list([Expression]?, distinct: Bool)
    }

    public var verb: Verb
    public var dataset: Name
    public var joins: [JoinClause] = []
    /// `with reviews`, `without reviews`: keep the rows that have (or lack) a match elsewhere.
    public var presence: [PresenceClause] = []
    public var filter: Expression?
    public var groupBy: [Expression] = []
    public var having: Expression?
    public var orderBy: [OrderItem] = []
    public var limit: Int?
    /// `limit N with ties`: keep the rows after the N-th that tie with it.
    public var limitWithTies = false
    /// `limit 3 per region`: the limit holds within each value of `per`.
    public var limitPerGroup = false
    /// `per region` after `limit N` or a within item: the column whose groups they work within.
    public var per: Expression?
    /// `with rank`, `with running total` ...: values worked out down the rows.
    public var within: [WithinItem] = []
    public var presentation: Presentation = .table
    /// `as line chart`, `as stacked chart` ...: how a chart draws the measure.
    public var chartForm: ChartForm = .bars
    /// `titled "…" subtitled "…" source "…"` after `as chart` or `as funnel`.
    public var captions = ChartCaptions()
    /// `with ci`: confidence intervals for the percent column.
    public var withIntervals = false
    /// `with chi-square`: a test of independence under a crosstab.
    public var withTest = false
    public var range: SourceRange
}

/// `proportion of reviews where judgement = inadequate [among ...] [group by ...]`: how many
/// rows meet `event`, of those that meet the query's own filter, with a confidence interval.
public struct ProportionQuery: Sendable, Equatable {
    /// The rows the proportion is of: the dataset, joins, `among` condition, groups, order, limit.
    public var base: Query
    public var event: Expression
    /// For `compare ... by CONDITION`: the rows where it holds against the rest.
    public var split: Expression?
    /// The split condition as written, to label its group.
    public var splitText: String?
}

/// One side of `compare`: written as numbers (`20 of 50`).
public struct CountPair: Sendable, Equatable {
    public var successes: Int
    public var trials: Int
    public var label: String?
    public var range: SourceRange
}

/// How a result is shown: `as chart`, `as crosstab with row percent` ...
public enum Presentation: Sendable, Equatable {
    case table
    /// A horizontal bar chart of the one measure.
    case chart
    /// Two group columns laid out as rows × columns with totals.
    case crosstab(CrosstabPercent)
    /// A proportion's funnel plot: each group against its denominator, with control limits.
    case funnel
}

public enum CrosstabPercent: String, Sendable, Equatable {
    case none, row, column
}

/// A whole statement: a query or one of the commands.
public enum Statement: Sendable, Equatable {
    case query(Query)
    /// `explain <query>`: the query in plain English and its row counts step by step.
    case explain(Query)
    /// `show sql [for ENGINE] <query>`: the same query in an engine's SQL.
    case showSQL(Query, SQLEngine)
    /// `proportion of ...`
    case proportion(ProportionQuery)
    /// `compare 20 of 50 with 59 of 173`
    case compareCounts(CountPair, CountPair)
    /// `proportion 20 of 50`: one proportion written as numbers.
    case proportionCounts(CountPair)
    /// `... with 90% ci`: the statement with its own confidence level (0.9), instead of
    /// `set confidence`'s.
    indirect case withConfidence(level: Double, Statement)
    /// `rate 12 of 45000 per 10000`, `rate 12 of 45000 with 30 of 50000`
    case rate(RateQuestion)
    /// `rate of reviews join authorities group by region per 10000 children from population`
    case rateOfDataset(PopulationRateQuery)
    /// `explain rate of ...`: the method in words, then the rates.
    case explainRate(PopulationRateQuery)
    /// `show sql [for ENGINE] rate of ...`: the counting and matching in SQL (the interval is not).
    case showSQLRate(PopulationRateQuery, SQLEngine)
    /// `compare reviews where EVENT [among BASE] by COLUMN`: the two groups of COLUMN.
    case compareGroups(ProportionQuery)
    /// `compare years where ... with reviews where ...`: a proportion in each of two datasets.
    case compareDatasets(ProportionQuery, ProportionQuery)
    /// `record "lesson.md"` starts a handout of the session; `record off` stops it; `record
    /// undo` drops its last entry.
    case record(RecordRequest, range: SourceRange)
    /// `run "lesson.rql"`, `run "lesson.rql" step by step`: the statements of a file.
    case runScript(path: String, stepByStep: Bool, range: SourceRange)
    /// `pause`: a lesson waits here when stepped through; otherwise nothing.
    case pause
    /// `load "file.csv" as name`, `load "book.xlsx" sheet "Inspections" as name`
    /// `sheet`: the workbook's sheet to read (nil: the first visible one).
    /// `counts`: the column saying how many each row stands for (a counted table).
    /// `options`: `separated by ";"`, `header line 3`, `encoding "windows-1252"`.
    case load(path: String, sheet: String?, name: Name, counts: Name?, options: LoadOptions)
    /// `datasets` (also `.tables`)
    case datasets
    /// `describe reviews`
    case describe(Name)
    /// `set format csv`, `set width 100` ...
    case set(setting: Name, value: Name)
    /// `set scale of judgement in mine to low, medium, high`: an ordered scale for a text column.
    case setScale(column: Name, dataset: Name, levels: [Name])
    /// `set dates of start in mine to month first`: how dates written with numbers read.
    case setDateOrder(column: Name, dataset: Name, order: DateOrder, range: SourceRange)
    /// `help` or `help <topic>`
    case help(String?)
    /// `save last to "file.csv"`: writes the last result, in the format the extension names
    /// unless `as FORMAT` says otherwise; `replacing` replaces a write-protected file.
    case save(path: String, format: Name?, replacing: Bool, range: SourceRange)
    /// `quit` or `exit`: a script stops here; the shell leaves.
    case quit
    /// `show unmatched`: the rows of the last join that found no partner.
    case showUnmatched
    /// `show last all`: the last result again, with no row limit.
    case showLast
    /// `copy last`: the last result to the clipboard, through the terminal.
    case copyLast
    /// `save chart to "file.svg"`: the last result as a chart picture.
    case saveChart(path: String, range: SourceRange)
    /// `set parameter authority to Norfolk`: the value a script's `:authority` stands for.
    case setParameter(name: Name, value: ParameterValue, range: SourceRange)
    /// `show parameters`: the parameters and their values.
    case showParameters
}

/// What a `record` statement asks for.
public enum RecordRequest: Sendable, Equatable {
    /// `record "lesson.html" titled "..." with errors`: start a handout (HTML or Markdown, by
    /// the file's extension); `keepsErrors` keeps failed statements and `help` screens in it.
    case start(path: String, title: String?, keepsErrors: Bool)
    /// `record off`
    case stop
    /// `record undo`: drop the last entry.
    case undo
}
