/// The language's words, defined once.
///
/// The lexer marks these words as keywords, the parser matches them, and `help` and tab
/// completion read their summaries and examples from here; nothing else spells them out.
public enum Keyword: String, CaseIterable, Sendable {
    // Verbs: what a query computes.
    case count, list, sum, average, min, max, median
    // Clauses and their joining words.
    case from, of, `where`, group, by, having, order, limit, asc, desc, distinct
    // Conditions.
    case and, or, not, `in`, contains, starts, ends, with, between, `is`, missing, null, among
    // Presentation.
    case `as`
    // Joins (the data-pack issue uses these; reserved now so scripts stay valid).
    case join, on

    /// Other spellings people reach for first.
    static let synonyms: [String: Keyword] = [
        "avg": .average, "mean": .average, "ascending": .asc, "descending": .desc,
        "minimum": .min, "maximum": .max, "show": .list, "top": .limit,
    ]

    /// The keyword spelt by `word`, case-insensitively, including synonyms.
    public static func named(_ word: String) -> Keyword? {
        let lowered = word.lowercased()
        return Keyword(rawValue: lowered) ?? synonyms[lowered]
    }
}

extension Keyword {
    /// Whether a line starting with this word goes on with the statement above it.
    public var continuesStatement: Bool { Self.continuationStarters.contains(self) }

    /// Whether a statement whose line ends in this word needs more (`where`, `and`, `in` ...).
    public var leavesUnfinished: Bool { Self.unfinishedEnders.contains(self) }

    private static let continuationStarters: Set<Keyword> = [
        .where, .and, .or, .group, .order, .having, .limit, .from, .of, .join, .on, .as, .by, .asc, .desc,
    ]
    private static let unfinishedEnders: Set<Keyword> = [
        .where, .and, .or, .not, .in, .by, .group, .order, .having, .limit, .from, .of, .as, .join, .on,
        .contains, .starts, .ends, .with, .between, .is, .distinct,
        .count, .list, .sum, .average, .min, .max, .median,
    ]
}

/// What a keyword does, for `help` and completion.
public enum KeywordRole: String, Sendable { case verb, aggregate, clause, condition, arithmetic, presentation, statistics, command }

/// A scalar function callable as `name(column)`.
public enum ScalarFunction: String, CaseIterable, Sendable {
    case year, month, quarter, financialYear = "financial_year", yearMonth = "year_month",
         yearQuarter = "year_quarter", day, lower, upper, length

    public var summary: String {
        switch self {
        case .year: return "the calendar year of a date, e.g. 2008"
        case .month: return "the month of a date as a number, 1 (January) to 12 (December)"
        case .quarter: return "the calendar quarter of a date, 1 to 4"
        case .financialYear: return "the April-to-March financial year of a date, e.g. 2008-09"
        case .yearMonth: return "the year and month of a date, e.g. 2008-04; sorts in time order"
        case .yearQuarter: return "the year and calendar quarter of a date, e.g. 2008 Q2; sorts in time order"
        case .day: return "the day of the month of a date, 1 to 31"
        case .lower: return "text in lower case"
        case .upper: return "text in upper case"
        case .length: return "the number of characters in a text"
        }
    }

    /// The type of argument the function takes.
    public var argumentType: ColumnType {
        switch self {
        case .year, .month, .quarter, .financialYear, .yearMonth, .yearQuarter, .day: return .date
        case .lower, .upper, .length: return .text
        }
    }

    /// The type of value the function gives.
    public var resultType: ColumnType {
        switch self {
        case .financialYear, .yearMonth, .yearQuarter, .lower, .upper: return .text
        case .year, .month, .quarter, .day, .length: return .integer
        }
    }

    /// For a function that gives a month or quarter with no year, the one that keeps years
    /// apart: grouping by `month()` over dates that span more than a year merges years.
    public var withYear: ScalarFunction? {
        switch self {
        case .month: return .yearMonth
        case .quarter: return .yearQuarter
        default: return nil
        }
    }
}

/// An aggregate: a measure computed over the rows of each group.
public enum AggregateFunction: String, CaseIterable, Sendable {
    case count, sum, average, min, max, median

    public var keyword: Keyword {
        switch self {
        case .count: return .count
        case .sum: return .sum
        case .average: return .average
        case .min: return .min
        case .max: return .max
        case .median: return .median
        }
    }

    public init?(keyword: Keyword) {
        switch keyword {
        case .count: self = .count
        case .sum: self = .sum
        case .average: self = .average
        case .min: self = .min
        case .max: self = .max
        case .median: self = .median
        default: return nil
        }
    }

    /// Whether the aggregate needs a numeric column (min and max also take dates and text).
    public var needsNumbers: Bool { self == .sum || self == .average || self == .median }
}

/// One entry of the vocabulary table: a word as `help` lists it and, when the word starts a
/// statement of its own, how that statement starts and is read.
public struct VocabularyEntry: Sendable {
    /// The word (or words) as `help` lists them and `help WORD` finds them.
    public var word: String
    public var role: KeywordRole
    public var summary: String
    /// A statement that runs on the bundled data (HelpTests runs them all).
    public var example: String
    /// The statements this word starts, for the parser, the splitter, completion and the shell.
    public var forms: [StatementForm] = []
}

/// How a statement that is not a plain query starts: its first words (synonyms and
/// sqlite3-style dot-forms included), the parse function that reads it, whether it ends with
/// its line, and what completes after its first word.
public struct StatementForm: Sendable {
    /// The parse function, one per grammar rule (see `Parser.parseStatement`).
    public var rule: StatementRule
    /// The first words, lower case; the first of them is the one the grammar spells.
    public var words: [String]
    /// A second word that must follow the first (`show sql`), or nil.
    public var then: String?
    /// Whether the statement ends with its line: a command's last word may be a keyword
    /// (`help where`, `set timer on`) but never waits for another line.
    public var endsWithLine: Bool
    /// What tab completion offers straight after the first word.
    public var arguments: ArgumentCompletion

    init(_ rule: StatementRule, _ words: [String], then: String? = nil, endsWithLine: Bool = false,
         arguments: ArgumentCompletion = .query) {
        self.rule = rule
        self.words = words
        self.then = then
        self.endsWithLine = endsWithLine
        self.arguments = arguments
    }
}

/// The parse functions of the statements that are not plain queries, one per grammar rule.
public enum StatementRule: Sendable, CaseIterable {
    case load, datasets, describe, set, dotMode, dotTimer, timer, quit, save, record, explain,
         proportion, compare, rate, showUnmatched, showSQL, showLast, copyLast, presented, dotHelp, help,
         run, pause, showParameters
}

/// What tab completion offers straight after a statement's first word.
public enum ArgumentCompletion: Sendable {
    /// What it offers at that point of any query: columns, keywords, values.
    case query
    /// The loaded datasets' names.
    case datasets
    /// The settings' names (`Setting`).
    case settings
    /// The words `help` knows.
    case helpTopics
}

/// Words the grammar uses that are not reserved: they mean something only where the grammar
/// expects them (`with ties`, `save last`), and name columns and values anywhere else.
public enum ContextWord: String, CaseIterable, Sendable {
    case ties, ci, chiSquare = "chi-square", row, column, percent, rows, table, chart, crosstab
    case last, to, all, off, counts, sql, unmatched, below, `for`, excel, sheet
    /// `set scale of COLUMN in DATASET to ...`, `set dates of COLUMN in DATASET to month first`.
    case scale, dates, first, day, month
    case separated, header, line, encoding, tab, no
    /// `round(x, 1)`, and the units of `days between a and b` (`DateUnit`).
    case round, days, months, years
    /// `run "lesson.rql" step by step`, `record "x.html" titled "..." with errors`, `record undo`.
    case step, titled, errors, undo, funnel
    /// `as chart titled "…" subtitled "…" source "…"`; `as grouped chart`, `as stacked chart`.
    case subtitled, source, grouped, stacked
    /// `save last to "file" replacing`: replace a write-protected file.
    case replacing
    /// `set parameter authority to Norfolk`, `show parameters`.
    case parameter, parameters
    /// `count authorities without reviews`: the rows with no match in another dataset.
    case without
    /// `limit 3 per region`, `with rank`, `with running total`, `with cumulative percent`, `with change`.
    case per, rank, running, total, cumulative, change

    /// Every spelling the parser accepts, the grammar's first.
    public var spellings: [String] {
        switch self {
        case .ci: return ["ci", "cis", "interval", "intervals", "confidence"]
        case .chiSquare: return ["chi-square", "chi2", "chisquare", "test"]
        case .row: return ["row", "rows"]
        case .column: return ["column", "columns", "col"]
        case .percent: return ["percent", "percents", "percentage", "percentages"]
        case .off: return ["off", "stop"]
        case .errors: return ["errors", "error"]
        case .parameter: return ["parameter", "param"]
        case .parameters: return ["parameters", "params"]
        default: return [rawValue]
        }
    }

    /// Whether `text` spells this word, in any case.
    public func matches(_ text: String) -> Bool { spellings.contains(text.lowercased()) }
}

/// The one vocabulary table: every verb, clause, condition, statement and command, with its
/// help and, for statements, the forms that start them. The parser dispatches on it, the
/// statement splitter asks which commands end with their line, completion what follows a
/// command's first word, the shell which words quit, and `help` lists it. The settings are
/// `Setting`; the grammar in docs/LANGUAGE.md names the same words (GrammarTests).
public enum Vocabulary {
    /// Every verb, clause and condition word with a one-line summary and an example that runs
    /// on the bundled data; statements and commands also with their forms.
    public static let entries: [VocabularyEntry] = [
        .init(word: "count", role: .verb,
              summary: "count the rows of a dataset, or of each group; a counted table's count adds up its counts column (`count rows` counts rows)",
              example: "count reviews where judgement = inadequate group by authority"),
        .init(word: "list", role: .verb, summary: "show rows: every column, or the columns named before `from`",
              example: "list authority, letter_date from reviews where judgement = good order by letter_date"),
        .init(word: "sum", role: .aggregate, summary: "add up a numeric column",
              example: "sum children from ethnicity"),
        .init(word: "average", role: .aggregate, summary: "the mean of a numeric column (also `avg`, `mean`)",
              example: "average score from marks group by class"),
        .init(word: "min", role: .aggregate, summary: "the smallest value of a column",
              example: "min letter_date from reviews"),
        .init(word: "max", role: .aggregate, summary: "the largest value of a column",
              example: "max letter_date from reviews group by judgement"),
        .init(word: "median", role: .aggregate, summary: "the middle value of a numeric column",
              example: "median score from marks"),
        .init(word: "where", role: .clause, summary: "keep only the rows that meet a condition",
              example: "count reviews where judgement = inadequate"),
        .init(word: "group by", role: .clause, summary: "one result row for each value (or combination of values)",
              example: "count reviews group by judgement"),
        .init(word: "having", role: .clause, summary: "keep only the groups that meet a condition on a measure",
              example: "count reviews group by authority having count > 3"),
        .init(word: "order by", role: .clause, summary: "sort the result; add `desc` for largest first",
              example: "count reviews group by authority order by count desc"),
        .init(word: "limit", role: .clause,
              summary: "show at most this many rows; a note names rows left out that tie with the last, and `with ties` keeps them",
              example: "count reviews group by authority order by count desc limit 5 with ties"),
        .init(word: "per", role: .clause,
              summary: "`limit N per COLUMN`: at most N rows in each group of a group column (in a `list`, for each value of a column); `with rank per COLUMN` ... start again in each",
              example: "count reviews join authorities group by region, authority order by count desc limit 3 per region"),
        .init(word: "and", role: .condition, summary: "both conditions must hold",
              example: "count reviews where judgement = good and letter_date >= 2009-01-01"),
        .init(word: "or", role: .condition, summary: "either condition may hold",
              example: "count reviews where authority = norfolk or authority = suffolk"),
        .init(word: "not", role: .condition, summary: "the condition must not hold",
              example: "count reviews where not judgement = good"),
        .init(word: "in", role: .condition, summary: "the value is one of a list",
              example: "count reviews where judgement in (adequate, good)"),
        .init(word: "contains", role: .condition, summary: "the text contains these letters (any case)",
              example: "count reviews where authority contains \"shire\""),
        .init(word: "starts with", role: .condition, summary: "the text begins with these letters (any case)",
              example: "count reviews where authority starts with \"north\""),
        .init(word: "ends with", role: .condition, summary: "the text ends with these letters (any case)",
              example: "count reviews where authority ends with \"shire\""),
        .init(word: "between", role: .condition, summary: "the value lies in a range, both ends included",
              example: "count reviews where letter_date between 2009-01-01 and 2009-03-31"),
        .init(word: "is missing", role: .condition, summary: "the cell is empty (also `is null`; `is not missing`)",
              example: "count reviews where letter_date is missing"),
        .init(word: "arithmetic", role: .arithmetic,
              summary: "+ - * / (also × ÷ −) and parentheses over columns, numbers and measures; `/` gives decimals, and dividing by zero gives a missing value, with a note; a date plus or minus whole days is a date, a date minus a date is days",
              example: "list authority, letter_date, letter_date + 28 as reply_due from reviews where judgement = inadequate order by reply_due limit 5"),
        .init(word: "as", role: .arithmetic,
              summary: "name a computed column or measure, so `where`, `having` and `order by` can use the name",
              example: "sum independent_author / sum reviews * 100 as share from overview_authors group by judgement order by share desc"),
        .init(word: "round", role: .arithmetic, summary: "round(x, n): x to n decimal places (0 to 15; halves away from zero, as Excel's ROUND)",
              example: "list judgement, round(independent_author / reviews * 100, 1) as share from overview_authors"),
        .init(word: "days between", role: .arithmetic, summary: "the days from one date to another (negative when the second is earlier); the same as the second minus the first",
              example: "list authority, days between 2008-04-01 and letter_date as days_in from reviews order by days_in desc limit 5"),
        .init(word: "months between", role: .arithmetic, summary: "the whole months from one date to another, as Excel's DATEDIF counts them (31 January to 28 February is 0)",
              example: "count reviews group by months between 2008-04-01 and letter_date"),
        .init(word: "years between", role: .arithmetic, summary: "the whole years from one date to another (a birthday not yet reached does not count)",
              example: "count reviews group by years between 2008-01-01 and letter_date"),
        .init(word: "join", role: .clause, summary: "add the matching row of another dataset (rows that match nothing are kept and reported)",
              example: "count reviews join authorities group by region"),
        .init(word: "without", role: .clause,
              summary: "keep the rows with no matching row in another dataset (`with DATASET` keeps those with one; `without (reviews where ...)` looks only at some of its rows)",
              example: "list authorities without reviews"),
        .init(word: "as chart", role: .presentation,
              summary: "draw a grouped result as a bar chart; `titled \"…\" subtitled \"…\" source \"…\"` after it caption the picture",
              example: "count reviews group by judgement as chart titled \"Judgements, 2008-09\" source \"Ofsted (2009)\"",
              forms: [.init(.presented, ["chart"])]),
        .init(word: "as line chart", role: .presentation,
              summary: "a count, sum or percent over time (grouped by year_month, year_quarter, financial_year or year) as a line, or `as column chart`; empty periods drawn and named",
              example: "count reviews group by year_month(letter_date) as line chart"),
        .init(word: "as stacked chart", role: .presentation,
              summary: "a count or sum by two groups as stacked bars, or `as grouped chart` side by side; the second group in its scale's order, in shades that print in grey",
              example: "count reviews join authorities group by region, judgement as stacked chart"),
        .init(word: "as funnel", role: .presentation,
              summary: "a proportion's funnel plot: each group's percent against its number of rows, with 95% and 99.8% control limits (Spiegelhalter 2005), the groups outside named; save chart draws it",
              example: "proportion of reviews where judgement = inadequate group by authority as funnel"),
        .init(word: "as crosstab", role: .presentation, summary: "rows by columns with totals; `with row percent`, `with column percent`",
              example: "count reviews join authorities group by region, judgement as crosstab",
              forms: [.init(.presented, ["crosstab"])]),
        .init(word: "proportion", role: .statistics, summary: "a share with its confidence interval, in all or per group",
              example: "proportion of reviews where judgement = inadequate",
              forms: [.init(.proportion, ["proportion", "proportions"])]),
        .init(word: "compare", role: .statistics, summary: "two proportions: the difference, its interval, a test, in plain English",
              example: "compare 20 of 50 as \"2007-08\" with 59 of 173 as \"2008-09\"",
              forms: [.init(.compare, ["compare"])]),
        .init(word: "rate", role: .statistics,
              summary: "events of a population per 10,000 (or `per N`) with the exact Poisson interval; `with` a second: their ratio and an exact test; `rate of DATASET ... group by G per N COLUMN from POPULATION`: each group's rate, the population summed by G from a table you load",
              example: "rate 12 of 45000 as Norfolk with 30 of 50000 as Suffolk per 10000",
              forms: [.init(.rate, ["rate", "rates"])]),
        .init(word: "with", role: .clause,
              summary: "`DATASET with OTHER`: keep the rows that have a matching row in another dataset (`without` keeps those with none); after a grouped count, `with ci`, `with rank` ... add columns",
              example: "count authorities with reviews group by region"),
        .init(word: "with ci", role: .statistics,
              summary: "confidence intervals for a grouped percent; `with 90% ci` at the end of a proportion, compare or rate sets that statement's own level",
              example: "count reviews join authorities group by region with ci"),
        .init(word: "rank", role: .statistics, summary: "`with rank`: each row's rank by `order by`; ties share a rank (1, 2, 2, 4)",
              example: "count reviews group by authority order by count desc limit 5 with rank"),
        .init(word: "running total", role: .statistics, summary: "`with running total`: the count or sum added up down the rows",
              example: "count reviews group by year_month(letter_date) with running total"),
        .init(word: "cumulative percent", role: .statistics,
              summary: "`with cumulative percent`: the running total as a percent of everything counted",
              example: "count reviews group by year_month(letter_date) with cumulative percent"),
        .init(word: "change", role: .statistics,
              summary: "`with change`: each row's measure minus the row above's (a percent's in percentage points)",
              example: "count reviews group by year_month(letter_date) with change"),
        .init(word: "with chi-square", role: .statistics, summary: "a test of independence under a crosstab",
              example: "count reviews join authorities group by type, judgement as crosstab with chi-square"),
        .init(word: "explain", role: .statistics, summary: "the query in plain English, with the rows left after each step; `explain rate of ...` says how its rates and intervals are worked out",
              example: "explain count reviews where judgement = inadequate group by authority",
              forms: [.init(.explain, ["explain"])]),
        .init(word: "show sql", role: .statistics,
              summary: "the same query in SQL, to take to other tools: SQLite's, or `show sql for duckdb` or `for postgresql`; `show sql rate of ...` counts, sums and divides in SQL (the interval stays ReviewQL's)",
              example: "show sql for duckdb count reviews group by judgement",
              forms: [.init(.showSQL, ["show"], then: "sql")]),
        .init(word: "load", role: .command,
              summary: "load a CSV file, or a sheet of a workbook (.xlsx, .ods: `sheet \"NAME\"`), as a dataset; `with counts COLUMN` when each row stands for that many; "
                  + "`separated by \";\"`, `header line N` (or `no header`) and `encoding \"windows-1252\"` when the file's own are not found right",
              example: "load \"my_data.csv\" as mine",
              forms: [.init(.load, ["load"], endsWithLine: true)]),
        .init(word: "datasets", role: .command, summary: "list the loaded datasets", example: "datasets",
              forms: [.init(.datasets, ["datasets", "tables", ".tables", ".datasets"], endsWithLine: true)]),
        .init(word: "describe", role: .command, summary: "a dataset's columns, types, missing values, examples and source",
              example: "describe reviews",
              forms: [.init(.describe, ["describe"], endsWithLine: true, arguments: .datasets)]),
        .init(word: "set", role: .command,
              summary: "a setting: format, width, maxrows, timer, confidence, suppress below N, safe on (no writes, for lessons from others), sql (run SQL typed by habit), pager; or a column's order: set scale of COLUMN in DATASET to A, B, C, set dates of COLUMN in DATASET to month first; or a script's parameter: set parameter NAME to VALUE (help parameters)",
              example: "set format csv",
              forms: [.init(.set, ["set"], endsWithLine: true, arguments: .settings),
                      .init(.dotMode, [".mode", ".format"], endsWithLine: true)]),
        .init(word: "save", role: .command, summary: "write the last result (or its chart) to a file",
              example: "save last to \"judgements.csv\"",
              forms: [.init(.save, ["save"], endsWithLine: true)]),
        .init(word: "show unmatched", role: .command, summary: "the rows the last join could not match", example: "show unmatched",
              forms: [.init(.showUnmatched, ["show"], then: "unmatched")]),
        .init(word: "show last", role: .command, summary: "the last result again; `show last all` prints every row", example: "show last all",
              forms: [.init(.showLast, ["show"], then: "last")]),
        .init(word: "copy last", role: .command,
              summary: "put the last result on the clipboard as tab-separated text, to paste into Excel or Word (through the terminal: OSC 52)",
              example: "copy last",
              forms: [.init(.copyLast, ["copy", ".copy"], then: "last")]),
        .init(word: "record", role: .command,
              summary: "write a handout of the session: HTML (`record \"lesson.html\" titled \"...\"`, charts inline) or Markdown (.md); "
                  + "errors and help are left out unless `with errors`; `record undo` drops the last entry, `record off` stops",
              example: "record \"lesson.html\" titled \"Percentages and their denominators\"",
              forms: [.init(.record, ["record"], endsWithLine: true)]),
        .init(word: "run", role: .command,
              summary: "run the statements of a file (also .read); `step by step` shows each comment and statement and waits: Enter runs it, s skips, b goes back, q stops",
              example: "run \"queries/teaching/01_percentages_and_denominators.rql\" step by step",
              forms: [.init(.run, ["run", ".read"], endsWithLine: true)]),
        .init(word: "set parameter", role: .command,
              summary: "give a script's parameter a value: after `set parameter authority to Norfolk`, `:authority` in a statement or a script run stands for the text \"Norfolk\" (`--set authority=Norfolk` on the command line); see help parameters",
              example: "set parameter authority to Norfolk"),
        .init(word: "show parameters", role: .command, summary: "the parameters given (`--set`, `set parameter`) and their values",
              example: "show parameters",
              forms: [.init(.showParameters, ["show"], then: "parameters")]),
        .init(word: "pause", role: .command, summary: "in a lesson stepped through, wait for Enter here; otherwise nothing",
              example: "pause",
              forms: [.init(.pause, ["pause"], endsWithLine: true)]),
        .init(word: "timer", role: .command, summary: "show how long each statement takes (same as set timer on)", example: "timer on",
              forms: [.init(.timer, ["timer"], endsWithLine: true), .init(.dotTimer, [".timer"], endsWithLine: true)]),
        .init(word: "quit", role: .command, summary: "leave (also exit, .quit); in a script, stop there", example: "quit",
              forms: [.init(.quit, ["quit", "exit", ".quit", ".exit", ".q"], endsWithLine: true)]),
        .init(word: "help", role: .command, summary: "this help, or help on one word", example: "help where",
              forms: [.init(.help, ["help"], endsWithLine: true, arguments: .helpTopics),
                      .init(.dotHelp, [".help", ".h"], endsWithLine: true)]),
    ]

    /// The words a statement can start with: the verbs, the teaching statements and the commands.
    /// Worked out once (the parser's "not a verb" error and completion both ask for it).
    public static let statementStarts: [String] = {
        var words: [String] = []
        for entry in entries where [.verb, .aggregate, .statistics, .command].contains(entry.role) {
            let first = String(entry.word.split(separator: " ")[0])
            if first != "with", !words.contains(first) { words.append(first) }
        }
        return words
    }()

    /// The form of statement that `first` (and, for `show sql`, `second`) starts; nil for a query.
    public static func statementForm(first: String, second: String) -> StatementForm? {
        let first = first.lowercased(), second = second.lowercased()
        return forms.first { $0.words.contains(first) && ($0.then == nil || $0.then == second) }
    }

    /// Every statement form, in the table's order.
    public static let forms: [StatementForm] = entries.flatMap(\.forms)

    /// The words that start a statement ending with its line (`help`, `set`, `.mode` ...).
    public static let lineCommandWords: Set<String> = Set(forms.filter(\.endsWithLine).flatMap(\.words))

    /// The first words of a rule's statement, synonyms and dot-forms included.
    public static func words(of rule: StatementRule) -> [String] {
        forms.filter { $0.rule == rule }.flatMap(\.words)
    }

    /// sqlite3's dot-commands whose argument is a file name, read to the end of the line as
    /// typed (the shell runs `.read`; `Habits.swift` answers the others).
    public static let dotCommandsTakingFile: Set<String> = [".read", ".output", ".once"]

    /// The clauses a finished query may go on with, as the "unexpected" error lists them.
    public static let clausesAfterQuery = ["where", "group by", "having", "order by", "limit"]
}

/// Which part of a date written with numbers (`1/4/2008`) comes first: `set dates of COLUMN
/// in DATASET to month first` (or `day first`); spelt as `ContextWord.day` and `.month`.
public enum DateOrder: String, CaseIterable, Sendable {
    case day, month

    /// The order a word names, in any case.
    static func named(_ word: String) -> DateOrder? {
        if ContextWord.day.matches(word) { return .day }
        return ContextWord.month.matches(word) ? .month : nil
    }
}

/// The SQL engines `show sql` writes for (`show sql for duckdb ...`); SQLite when none is named.
/// What differs between them is `SQLDialect`'s.
public enum SQLEngine: String, CaseIterable, Sendable {
    case sqlite, duckdb, postgresql

    /// Every spelling `show sql for` accepts, the grammar's first.
    public var spellings: [String] {
        switch self {
        case .sqlite: return ["sqlite", "sqlite3"]
        case .duckdb: return ["duckdb"]
        case .postgresql: return ["postgresql", "postgres", "psql", "pg"]
        }
    }

    /// The engine a word names, in any case.
    public init?(word: String) {
        guard let engine = Self.allCases.first(where: { $0.spellings.contains(word.lowercased()) }) else { return nil }
        self = engine
    }

    /// The engine's own name, as its makers write it.
    public var title: String {
        switch self {
        case .sqlite: return "SQLite"
        case .duckdb: return "DuckDB"
        case .postgresql: return "PostgreSQL"
        }
    }
}
