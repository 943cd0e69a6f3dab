/// Constructs people type from SQL and spreadsheets that ReviewQL does not have, each with the
/// nearest thing that works: the one place these errors are worded. The parser reports one when
/// a statement holds it (`find(in:)`), instead of a puzzle about quoting or a missing `)`; the
/// lexer does for `||`, `::` and `table.column`. AbsentConstructTests runs every `example`.
public enum AbsentConstruct: String, CaseIterable, Sendable {
    case perWithoutGroup, windowRank, windowRowNumber, over, partitionBy, lag, today, caseWhen, ifFunction
    case distinctOn, like, ilike, concat, concatOperator, substring, coalesce, union, subquery, exists
    case qualifiedName, castOperator, cast, extract, interval, offset, nullsOrder, rollup, top, dateDiff

    /// What ReviewQL lacks, as the user wrote it.
    var written: String {
        switch self {
        case .perWithoutGroup: return "`per` after a dataset (count reviews per region)"
        case .windowRank: return "rank() or dense_rank()"
        case .windowRowNumber: return "row_number()"
        case .over: return "over (...)"
        case .partitionBy: return "partition by"
        case .lag: return "lag() or lead()"
        case .today: return "today() or now()"
        case .caseWhen: return "case when ... then ... end"
        case .ifFunction: return "if() or iif()"
        case .distinctOn: return "distinct on (...)"
        case .like: return "like with % and _"
        case .ilike: return "ilike"
        case .concat: return "concat()"
        case .concatOperator: return "|| to join text"
        case .substring: return "substr(), substring(), left() or right()"
        case .coalesce: return "coalesce(), ifnull() or nvl()"
        case .union: return "union"
        case .subquery: return "queries inside queries, (select ...)"
        case .exists: return "exists (...)"
        case .qualifiedName: return "dataset.column names"
        case .castOperator: return ":: to change a type"
        case .cast: return "cast(... as ...)"
        case .extract: return "extract(... from ...) or date_part()"
        case .interval: return "interval '...'"
        case .offset: return "offset"
        case .nullsOrder: return "nulls first or nulls last"
        case .rollup: return "with rollup"
        case .top: return "top N before the columns"
        case .dateDiff: return "datediff() or dateadd()"
        }
    }

    /// The nearest thing that works, in words.
    var instead: String {
        switch self {
        case .perWithoutGroup: return "to count in each region, group by it"
        case .windowRank, .over: return "a rank is `with rank` after `order by` (`per` a column ranks within its groups)"
        case .windowRowNumber: return "rows are numbered by `with rank` after `order by`"
        case .partitionBy: return "within groups is `per` a column, after `limit N` or `with rank`, `running total` or `change`"
        case .lag: return "the change from the row before is `with change`"
        case .today: return "write the date itself"
        case .caseWhen, .ifFunction: return "pick rows with a condition (`in (...)`, `>=` on a scale), or group by a condition's column"
        case .distinctOn: return "one row for each value is `list distinct`, or a grouped count"
        case .like, .ilike: return "`contains`, `starts with` and `ends with` match part of a text, in any case"
        case .concat, .concatOperator: return "list the columns side by side"
        case .substring: return "`starts with`, `ends with` and `contains` match part of a text"
        case .coalesce: return "find missing values with `is missing`"
        case .union: return "join the conditions with `or`, or run the statements one after the other"
        case .subquery, .exists: return "rows with (or without) a match in another dataset are `with` (or `without`) it"
        case .qualifiedName: return "columns are named alone; a join names its two columns with `on`"
        case .castOperator, .cast: return "a column's type is found when it is loaded (describe shows it); dates and numbers compare as they are"
        case .extract: return "the parts of a date are functions: year(), month(), quarter(), day(), financial_year()"
        case .interval: return "a date plus or minus a number of days, or `days between` two dates"
        case .offset: return "`limit N` keeps the first N; order the other way to see the last"
        case .nullsOrder: return "leave missing values out with `where ... is not missing`"
        case .rollup: return "a grouped count already ends with its total row"
        case .top: return "`limit N` goes at the end (`top N` there too)"
        case .dateDiff: return "`days between`, `months between` or `years between` two dates, and a date plus a number of days"
        }
    }

    /// A statement that works on the bundled data, shown as the help line.
    var example: String {
        switch self {
        case .perWithoutGroup: return "count reviews join authorities group by region"
        case .windowRank, .over, .windowRowNumber: return "count reviews group by authority order by count desc limit 5 with rank"
        case .partitionBy: return "count reviews join authorities group by region, authority order by count desc limit 2 per region"
        case .lag: return "count reviews group by year_month(letter_date) with change"
        case .today: return "list authority, days between letter_date and 2009-03-31 as days_to_year_end from reviews"
        case .caseWhen, .ifFunction: return "count reviews where judgement in (adequate, good)"
        case .distinctOn: return "list distinct authority from reviews"
        case .like, .ilike: return "count reviews where authority contains \"shire\""
        case .concat, .concatOperator: return "list authority, judgement from reviews"
        case .substring: return "count reviews where authority starts with \"North\""
        case .coalesce: return "count reviews where judgement is missing"
        case .union: return "count reviews where judgement = good or judgement = adequate"
        case .subquery, .exists: return "list name from authorities without reviews"
        case .qualifiedName: return "count reviews join authorities on authority = name group by region"
        case .castOperator, .cast: return "describe reviews"
        case .extract: return "count reviews group by year(letter_date)"
        case .interval: return "list authority, letter_date + 28 as four_weeks_on from reviews"
        case .offset: return "list authority, letter_date from reviews order by letter_date desc limit 5"
        case .nullsOrder: return "list authority, letter_date from reviews where letter_date is not missing order by letter_date"
        case .rollup: return "count reviews group by judgement"
        case .top: return "list authority from reviews limit 5"
        case .dateDiff: return "list authority, months between 2008-04-01 and letter_date as months_in from reviews"
        }
    }

    var message: String { "ReviewQL has no \(written): \(instead)" }
    var help: String { "for example: \(example)" }

    /// Words that, followed by `(`, call a function ReviewQL lacks.
    static let functions: [String: AbsentConstruct] = [
        "rank": .windowRank, "dense_rank": .windowRank, "percent_rank": .windowRank, "ntile": .windowRank,
        "row_number": .windowRowNumber, "lag": .lag, "lead": .lag, "first_value": .lag, "last_value": .lag,
        "today": .today, "now": .today, "current_date": .today, "current_timestamp": .today, "getdate": .today, "sysdate": .today,
        "if": .ifFunction, "iif": .ifFunction, "concat": .concat, "concat_ws": .concat,
        "substr": .substring, "substring": .substring, "left": .substring, "right": .substring, "mid": .substring,
        "coalesce": .coalesce, "ifnull": .coalesce, "nvl": .coalesce, "isnull": .coalesce, "nullif": .coalesce,
        "cast": .cast, "convert": .cast, "extract": .extract, "date_part": .extract, "strftime": .extract, "datepart": .extract,
        "exists": .exists, "datediff": .dateDiff, "dateadd": .dateDiff, "date_diff": .dateDiff, "date_add": .dateDiff,
    ]

    /// The first construct in `tokens` that ReviewQL lacks, and where it is. A function call is
    /// found in any statement (no such function exists); the other words only when `parseFailed`,
    /// since a value may be spelled like them (`where mood = like`).
    static func find(in tokens: [Token], parseFailed: Bool) -> (construct: AbsentConstruct, range: SourceRange)? {
        func word(_ i: Int) -> String? {
            i >= 0 && i < tokens.count && tokens[i].kind == .word ? tokens[i].text.lowercased() : nil
        }
        func symbol(_ i: Int, _ s: Token.Symbol) -> Bool { i >= 0 && i < tokens.count && tokens[i].kind == .symbol(s) }
        for i in tokens.indices {
            guard let text = word(i) else { continue }
            if symbol(i + 1, .leftParen), let construct = functions[text] { return (construct, tokens[i].range) }
            guard parseFailed else { continue }
            let found: AbsentConstruct?
            switch text {
            case "over" where symbol(i + 1, .leftParen): found = .over
            case "partition" where word(i + 1) == "by": found = .partitionBy
            case "case" where tokens[(i + 1)...].contains { $0.kind == .word && $0.text.lowercased() == "when" }: found = .caseWhen
            case "on" where word(i - 1) == "distinct": found = .distinctOn
            case "like" where i > 0: found = .like
            case "ilike" where i > 0: found = .ilike
            case "union" where i > 0: found = .union
            case "select" where symbol(i - 1, .leftParen): found = .subquery
            case "interval" where i + 1 < tokens.count && tokens[i + 1].kind == .string: found = .interval
            case "offset" where i + 1 < tokens.count && tokens[i + 1].kind == .number: found = .offset
            case "nulls" where word(i + 1) == "first" || word(i + 1) == "last": found = .nullsOrder
            case "rollup" where word(i - 1) == "with": found = .rollup
            case "top" where i == 1 && word(0) == "list": found = .top
            case "per" where i == 2 && word(0) == "count": found = .perWithoutGroup
            default: found = nil
            }
            if let found { return (found, tokens[i].range) }
        }
        return nil
    }
}
