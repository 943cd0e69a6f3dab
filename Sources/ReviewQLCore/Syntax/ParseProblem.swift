/// What the parser can find wrong, as values: each case carries its data and where it sits;
/// `diagnostic` words them all, here and nowhere else. Tests assert the case and the range;
/// the golden transcripts keep the wording.
public enum ParseProblem: Error, Sendable, Equatable {
    // Statements and commands.
    /// Nothing but the end: `;;`.
    case emptyStatement(at: SourceRange)
    /// A first word that starts no statement (`cout reviews`).
    case unknownStart(token: String, word: String, at: SourceRange)
    /// `set format` and no value.
    case settingNeedsValue(setting: String, at: SourceRange)
    /// `set parameter ...` not written right (worded with the other parameter problems).
    case parameter(ParameterProblem)
    /// `set scale of` or `set dates of` not followed by `COLUMN in DATASET to ...`; `what` is
    /// scale or dates.
    case columnSettingForm(what: String, at: SourceRange)
    /// `.mode` (or `.format`) and no format word.
    case dotFormNeedsFormat(command: String, at: SourceRange)
    /// `record` with neither a file name in quotes nor `off`.
    case recordNeedsFile(at: SourceRange)
    /// `record "x.html" titled` with no title in quotes.
    case recordNeedsTitle(at: SourceRange)
    /// `run` with no file name in quotes.
    case runNeedsFile(at: SourceRange)
    /// `run "x.rql" step` not followed by `by step`.
    case runStepByStep(at: SourceRange)
    /// `count ... as funnel`: a funnel plot is of a proportion.
    case funnelNeedsProportion(at: SourceRange)
    /// `chart count ... as table`: two presentations.
    case presentationTwice(at: SourceRange)
    /// `titled`, `subtitled` or `source` after a query that is not drawn as a chart.
    case captionWithoutChart(word: String, at: SourceRange)
    /// `as chart titled` with no text in quotes after it.
    case captionNeedsText(word: String, at: SourceRange)
    /// `titled "a" titled "b"`.
    case captionTwice(word: String, at: SourceRange)
    /// `as grouped chart` on a funnel or crosstab, or on a proportion (which has one group
    /// column's percents): the form does not fit the statement.
    case chartFormNotHere(form: String, at: SourceRange)
    /// `show sql for` followed by no engine it writes for (`word` is empty at the end).
    case unknownSQLEngine(word: String, at: SourceRange)
    /// `save` followed by neither `last` nor `chart`.
    case saveNeedsLast(at: SourceRange)
    /// `save last` with no `to`; `example` is the statement to show.
    case saveNeedsTo(example: String, at: SourceRange)
    /// `save last to result.csv`: the file name is not in quotes.
    case saveNeedsQuotedFile(example: String, at: SourceRange)
    /// `load data as x`: the file name is not in quotes.
    case loadNeedsQuotedFile(at: SourceRange)
    /// `load "x.csv"` with no `as name`.
    case loadNeedsAs(path: String, at: SourceRange)
    /// `load "book.xlsx" sheet` with no sheet name after it.
    case loadSheetNeedsName(path: String, at: SourceRange)
    /// `load "x.csv" as x with` something other than `counts`.
    case loadNeedsCounts(path: String, dataset: String, at: SourceRange)
    /// `load … separated by` something that is not a separator (`";"`, `tab`).
    case loadBadSeparator(text: String, at: SourceRange)
    /// `load … header line` with no line number from 1.
    case loadNeedsHeaderLine(at: SourceRange)
    /// `load … encoding` with no known encoding in quotes.
    case loadBadEncoding(text: String, at: SourceRange)

    // Statistics statements.
    /// `proportion of reviews` with no `where`; `verb` is proportion or compare.
    case proportionNeedsWhere(verb: String, at: SourceRange)
    /// `proportion ... as crosstab`.
    case proportionAsCrosstab(at: SourceRange)
    /// `proportion ... with change`, `limit 3 per region`: not worked out for proportions yet.
    case proportionWithin(what: String, at: SourceRange)
    /// `compare 20 of 50` with no second pair.
    case compareNeedsSecondPair(at: SourceRange)
    /// `compare reviews where ...` with neither `by` nor `with`.
    case compareNeedsByOrWith(at: SourceRange)
    /// `compare x of 50`: the first number is not a whole number.
    case pairNeedsWholeNumber(at: SourceRange)
    /// `compare 20 50`: no `of`.
    case pairNeedsOf(at: SourceRange)
    /// `compare 20 of x`: the total is not a whole number.
    case pairNeedsTotal(at: SourceRange)
    /// `compare 60 of 50`.
    case pairMoreThanTotal(successes: Int, trials: Int, at: SourceRange)
    /// `compare 20 of 50 as` and no label.
    case pairNeedsLabel(at: SourceRange)
    /// `rate 12 of 45000 per` and no whole number above 0.
    case rateNeedsPer(at: SourceRange)
    /// `rate of reviews group by region` with no `per N COLUMN from DATASET`.
    case rateNeedsPopulation(at: SourceRange)
    /// A construct of SQL or a spreadsheet that ReviewQL lacks (`like`, `case when`, `lag(`).
    case absent(AbsentConstruct, at: SourceRange)

    // Queries.
    /// A word the grammar requires at this point is missing.
    case missingWord(MissingWord, found: String, at: SourceRange)
    /// A name (dataset, column, setting ...) was expected; `found` describes what came.
    case expectedName(NameRole, found: String, at: SourceRange)
    /// `count` and nothing after it.
    case countNeedsDataset(at: SourceRange)
    /// `sum children` with no `from`; `verb` is the first word as written.
    case measuresNeedFrom(verb: String, at: SourceRange)
    /// `list a, b` with no `from`.
    case listNeedsFrom(at: SourceRange)
    /// A measure was expected after a comma.
    case expectedMeasure(found: String, at: SourceRange)
    /// `sum from reviews`: the aggregate needs a column.
    case measureNeedsColumn(function: String, at: SourceRange)
    /// `having` in a `list` query.
    case havingWithoutGroups(at: SourceRange)
    /// `limit -1`, `limit x`.
    case limitNeedsWholeNumber(at: SourceRange)
    /// `with row` and no `percent`.
    case percentMissing(after: String, at: SourceRange)
    /// `with row percent` on something that is not a crosstab.
    case percentWithoutCrosstab(at: SourceRange)
    /// `with` followed by something that is not ci, chi-square or a percent.
    case unknownWithItem(at: SourceRange)
    /// `per` naming two different columns in one query (`limit 3 per region with rank per type`).
    case perTwice(at: SourceRange)
    /// `as` followed by something that is not chart, crosstab or table.
    case unknownPresentation(at: SourceRange)
    /// Words left over after a complete statement.
    case unexpected(token: String, word: String?, at: SourceRange)
    /// A `)` with no `(` before it.
    case closesNothing(at: SourceRange)
    /// A `(` never closed; the range is the `(`.
    case unclosedParenthesis(found: String, at: SourceRange)

    // Conditions and operands.
    /// More parentheses or `not`s than `Parser.maximumNesting`.
    case nestedTooDeeply(at: SourceRange)
    /// More arithmetic operators than `Parser.maximumOperators` in one statement.
    case expressionTooLong(limit: Int, at: SourceRange)
    /// `round(x, y)`: the places are not a whole number from 0 to 15.
    case roundNeedsPlaces(at: SourceRange)
    /// `with 120% ci`, `with 90%` and no `ci`.
    case confidenceLevel(at: SourceRange)
    /// `a is here`.
    case expectedMissing(at: SourceRange)
    /// `where a` and then no comparison; `subject` describes the left side.
    case expectedComparison(subject: String, found: String, at: SourceRange)
    /// `judgement = good authority = x`: two conditions with no `and` or `or`.
    case conditionsNeedJoining(at: SourceRange)
    /// `a = b c`: a value with spaces, not in quotes.
    case valueNeedsQuotes(words: [String], at: SourceRange)
    /// `2009-02-30`.
    case notADate(String, at: SourceRange)
    /// A keyword where a column or value should be.
    case keywordAsOperand(token: String, word: String, at: SourceRange)
    /// The statement ends where a column or value should be.
    case endsTooSoon(at: SourceRange)
    /// Something else where a column or value should be.
    case expectedOperand(found: String, at: SourceRange)

    /// Words the grammar requires after another, and what each error says about it.
    public enum MissingWord: Sendable, Equatable {
        case byAfterGroup, byAfterOrder, equalsBetweenJoinColumns, fromAfterStar, listAfterIn, andBetweenEnds
        /// `with (reviews ...)`: the parentheses hold a dataset and its `where`.
        case whereInsidePresence
        /// `starts` or `ends` not followed by `with`.
        case withAfter(String)

        var wording: String {
            switch self {
            case .byAfterGroup: return "expected `by` after `group`"
            case .byAfterOrder: return "expected `by` after `order`"
            case .equalsBetweenJoinColumns: return "expected `=` between the two columns to join on"
            case .fromAfterStar: return "expected `from` and a dataset after `*`"
            case .listAfterIn: return "expected `(` and a list of values after `in`, e.g. in (adequate, good)"
            case .andBetweenEnds: return "expected `and` between the two ends of the range"
            case .whereInsidePresence: return "expected `where` and a condition inside the parentheses, e.g. without (reviews where judgement = inadequate)"
            case .withAfter(let word): return "expected `with` after `\(word)`"
            }
        }
    }

    /// What a name stands for where one was expected, worded with an example.
    public enum NameRole: Sendable, Equatable {
        case describedDataset, setting, dataset, joinedDataset, joinColumn, countedDataset, listedDataset
        case loadedDataset, countsColumn, saveFormat
        /// The name after `as` in `days between a and b as wait`.
        case expressionName
        /// The dataset after `proportion of` or `compare`.
        case proportionDataset(verb: String)
        /// The column of the joined dataset on the right of `on a = b`.
        case joinedColumn(dataset: String)
        /// After `with` or `without` (`word`) in a query: the dataset to look for matches in.
        case presenceDataset(word: String)
        /// In `rate of ... per 10000 children from population on region`.
        case populationColumn, populationDataset, populationKey

        var wording: String {
            switch self {
            case .describedDataset: return "a dataset name to describe, e.g. describe reviews"
            case .setting: return "a setting, e.g. set format csv"
            case .dataset: return "a dataset name"
            case .joinedDataset: return "a dataset to join, e.g. join authorities"
            case .joinColumn: return "a column to join on, e.g. on authority = name"
            case .countedDataset: return "a dataset to count, e.g. count reviews"
            case .listedDataset: return "a dataset to list, e.g. list reviews"
            case .loadedDataset: return "a name for the dataset"
            case .countsColumn: return "the column that holds the counts"
            case .saveFormat: return "a format: xlsx, csv, csv-excel, tsv, json, markdown or box"
            case .expressionName: return "a name for the value, e.g. sum deaths / sum children * 100 as rate"
            case .proportionDataset(let verb): return "a dataset, e.g. \(verb) of reviews where judgement = inadequate"
            case .joinedColumn(let dataset): return "the column of \(dataset) to match"
            case .presenceDataset(let word): return "a dataset, e.g. \(word) reviews"
            case .populationColumn: return "the population's column after the number, e.g. per 10000 children from population"
            case .populationDataset: return "the dataset that holds the population, e.g. per 10000 children from population"
            case .populationKey: return "the population's column that holds the groups, e.g. from population on area"
            }
        }
    }

    /// Where the problem sits: the offending token, or the `(` left open.
    public var range: SourceRange {
        switch self {
        case .emptyStatement(let r), .settingNeedsValue(_, let r), .columnSettingForm(_, let r), .dotFormNeedsFormat(_, let r), .recordNeedsFile(let r),
             .recordNeedsTitle(let r), .runNeedsFile(let r), .runStepByStep(let r), .funnelNeedsProportion(let r),
             .presentationTwice(let r), .captionWithoutChart(_, let r), .captionNeedsText(_, let r), .captionTwice(_, let r),
             .chartFormNotHere(_, let r), .unknownSQLEngine(_, let r), .saveNeedsLast(let r), .saveNeedsTo(_, let r), .saveNeedsQuotedFile(_, let r),
             .loadNeedsQuotedFile(let r), .loadNeedsAs(_, let r), .loadNeedsCounts(_, _, let r), .loadSheetNeedsName(_, let r),
             .loadBadSeparator(_, let r), .loadNeedsHeaderLine(let r), .loadBadEncoding(_, let r),
             .proportionNeedsWhere(_, let r), .proportionAsCrosstab(let r), .proportionWithin(_, let r), .compareNeedsSecondPair(let r),
             .compareNeedsByOrWith(let r), .pairNeedsWholeNumber(let r), .pairNeedsOf(let r), .pairNeedsTotal(let r),
             .pairMoreThanTotal(_, _, let r), .pairNeedsLabel(let r), .rateNeedsPer(let r), .rateNeedsPopulation(let r), .absent(_, let r), .unknownStart(_, _, let r),
             .missingWord(_, _, let r), .expectedName(_, _, let r), .countNeedsDataset(let r), .measuresNeedFrom(_, let r),
             .listNeedsFrom(let r), .expectedMeasure(_, let r), .measureNeedsColumn(_, let r), .havingWithoutGroups(let r),
             .limitNeedsWholeNumber(let r), .percentMissing(_, let r), .percentWithoutCrosstab(let r),
             .unknownWithItem(let r), .perTwice(let r), .unknownPresentation(let r), .unexpected(_, _, let r), .closesNothing(let r),
             .unclosedParenthesis(_, let r), .nestedTooDeeply(let r), .expectedMissing(let r),
             .expressionTooLong(_, let r), .roundNeedsPlaces(let r), .confidenceLevel(let r),
             .expectedComparison(_, _, let r), .conditionsNeedJoining(let r), .valueNeedsQuotes(_, let r),
             .notADate(_, let r), .keywordAsOperand(_, _, let r), .endsTooSoon(let r), .expectedOperand(_, let r):
            return r
        case .parameter(let problem):
            return problem.range ?? SourceRange(0, 0)
        }
    }

    /// The problem in words, with its range (and, for a `(` left open, what came instead).
    public var diagnostic: Diagnostic {
        if case .parameter(let problem) = self { return problem.diagnostic }
        let (message, help) = wording
        var notes: [String] = []
        if case .unclosedParenthesis(let found, _) = self { notes = ["found \(found) instead"] }
        return Diagnostic(.error, message, range: range, notes: notes, help: help)
    }

    /// The message and the help line: the one place the parser's errors are worded.
    private var wording: (message: String, help: String?) {
        switch self {
        case .emptyStatement: return ("empty statement", nil)
        case .parameter(let problem): return (problem.diagnostic.message, problem.diagnostic.help)
        case .unknownStart(let token, let word, _):
            return ("\(token) is not a verb or command", Suggestions.didYouMean(word, in: Vocabulary.statementStarts)
                ?? "a statement starts with a verb such as count or list, e.g. count reviews")
        case .settingNeedsValue(let setting, _): return ("set \(setting) needs a value", "for example: set format csv")
        case .columnSettingForm(let what, _):
            return what == "scale"
                ? ("expected `set scale of COLUMN in DATASET to` and the levels, lowest first",
                   "for example: set scale of judgement in mine to Inadequate, Adequate, Good, Outstanding")
                : ("expected `set dates of COLUMN in DATASET to` and `day first` or `month first`",
                   "for example: set dates of start in mine to month first")
        case .dotFormNeedsFormat(let command, _): return ("\(command) needs a format", "for example: .mode csv")
        case .recordNeedsFile:
            return ("record needs a file name in quotes, off or undo", "for example: record \"lesson.html\" ... record off")
        case .recordNeedsTitle:
            return ("`titled` needs the handout's title in quotes", "for example: record \"lesson.html\" titled \"Lesson 1: denominators\"")
        case .runNeedsFile: return ("run needs a file name in quotes", "for example: run \"lesson.rql\" step by step")
        case .funnelNeedsProportion:
            return ("a funnel plot is of a proportion: each group's share against its number of rows",
                    "for example: proportion of reviews where judgement = inadequate group by authority as funnel")
        case .runStepByStep: return ("expected `step by step`", "for example: run \"lesson.rql\" step by step")
        case .presentationTwice: return ("the query already says how to show it", nil)
        case .captionWithoutChart(let word, _):
            return ("`\(word)` is for a chart: it follows `as chart` (or `as funnel`)",
                    "for example: count reviews group by judgement as chart titled \"Judgements, 2008-09\" source \"Ofsted\"")
        case .captionNeedsText(let word, _):
            return ("`\(word)` needs its text in quotes", "for example: ... as chart \(word) \"Serious case reviews, 2008-09\"")
        case .captionTwice(let word, _): return ("the chart is already \(word == "source" ? "given a source" : word)", "give each caption once")
        case .chartFormNotHere(let form, _):
            return ("a \(form) is drawn from a count or sum by groups, not here",
                    "for example: count reviews group by year_month(letter_date) as line chart, or ... group by region, judgement as stacked chart")
        case .unknownSQLEngine(let word, _):
            let engines = SQLEngine.allCases.map(\.rawValue)
            let known = "show sql writes for " + engines.dropLast().joined(separator: ", ") + " or " + engines.last!
            let example = "for example: show sql for duckdb count reviews group by judgement"
            guard !word.isEmpty else { return ("expected an engine after `show sql for`", known + "; " + example) }
            return ("show sql does not write SQL for \(word)",
                    Suggestions.didYouMean(word, in: SQLEngine.allCases.flatMap(\.spellings)) ?? known + "; " + example)
        case .saveNeedsLast: return ("expected `last` after `save`", "for example: save last to \"result.csv\"")
        case .saveNeedsTo(let example, _): return ("expected `to` and a file name in quotes", "for example: " + example)
        case .saveNeedsQuotedFile(let example, _): return ("save needs the file name in quotes", "for example: " + example)
        case .loadNeedsQuotedFile: return ("load needs the file name in quotes", "for example: load \"my_data.csv\" as mine")
        case .loadNeedsAs(let path, _):
            return ("expected `as` and a name for the dataset after the file name", "for example: load \"\(path)\" as mine")
        case .loadSheetNeedsName(let path, _):
            return ("expected the sheet's name in quotes after `sheet`", "for example: load \"\(path)\" sheet \"Sheet1\" as mine")
        case .loadNeedsCounts(let path, let dataset, _):
            return ("expected `counts` and a column after `with`", "for example: load \"\(path)\" as \(dataset) with counts children")
        case .loadBadSeparator(let text, _):
            return ("`separated by` needs one character in quotes, or tab\(text.isEmpty ? "" : " (got \(text))")",
                    "for example: load \"my_data.csv\" as mine separated by \";\"  (or separated by tab)")
        case .loadNeedsHeaderLine:
            return ("`header line` needs the number of the line the column names are on, from 1",
                    "for example: load \"my_data.csv\" as mine header line 3")
        case .loadBadEncoding(let text, _):
            return ("`encoding` needs one of \"utf-8\", \"utf-16\", \"windows-1252\" or \"latin-1\" in quotes\(text.isEmpty ? "" : " (got \(text))")",
                    "for example: load \"my_data.csv\" as mine encoding \"windows-1252\"")
        case .proportionNeedsWhere(let verb, _):
            return ("\(verb) needs `where` and the condition to count", "for example: \(verb) of reviews where judgement = inadequate")
        case .proportionAsCrosstab:
            return ("a proportion is shown as a table or a chart",
                    "for example: proportion of reviews join authorities where judgement = inadequate group by region as chart")
        case .proportionWithin(let what, _):
            return ("`\(what)` is not worked out for a proportion's groups yet",
                    "a grouped count does it, with the change of its percent in percentage points: count reviews group by financial_year(letter_date) with change")
        case .compareNeedsSecondPair: return ("expected `with` and the second proportion", "for example: compare 20 of 50 with 59 of 173")
        case .compareNeedsByOrWith:
            return ("expected `by` and a column with two groups, or `with` and a second dataset",
                    "for example: compare reviews join authorities where judgement = inadequate by type among type in (county, \"London borough\")")
        case .pairNeedsWholeNumber: return ("expected a whole number, as in 20 of 50", nil)
        case .pairNeedsOf: return ("expected `of` and the total, as in 20 of 50", nil)
        case .pairNeedsTotal: return ("expected the total as a whole number, as in 20 of 50", nil)
        case .pairMoreThanTotal(let successes, let trials, _):
            return ("\(successes) of \(trials) is more than all of them", "write the number counted first, then the total: 20 of 50")
        case .absent(let construct, _): return (construct.message, construct.help)
        case .rateNeedsPopulation:
            return ("a rate of a dataset needs its population: `per 10000` and a column `from` a dataset",
                    "for example: rate of reviews join authorities group by region per 10000 children from population")
        case .rateNeedsPer: return ("expected a whole number above 0 after `per`", "for example: rate 12 of 45000 per 10000")
        case .pairNeedsLabel: return ("expected a label in quotes", "for example: 20 of 50 as \"2007-08\"")
        case .missingWord(let word, let found, _): return (word.wording + ", found \(found)", nil)
        case .expectedName(let role, let found, _): return ("expected \(role.wording), found \(found)", nil)
        case .countNeedsDataset: return ("expected a dataset after `count`", "for example: count reviews")
        case .measuresNeedFrom(let verb, _):
            return ("expected `from` and a dataset after the measures", "for example: \(verb) children from ethnicity")
        case .listNeedsFrom:
            return ("expected `from` and a dataset after the columns to list", "for example: list authority, judgement from reviews")
        case .expectedMeasure(let found, _):
            let measures = AggregateFunction.allCases.map(\.rawValue).joined(separator: ", ")
            return ("expected a measure (\(measures)), found \(found)", "for example: count, average score from marks")
        case .measureNeedsColumn(let function, _): return ("`\(function)` needs a column", "for example: \(function) children from ethnicity")
        case .havingWithoutGroups: return ("`having` filters groups, but `list` makes no groups", "use `where` to filter rows")
        case .limitNeedsWholeNumber: return ("`limit` needs a whole number of rows", "for example: limit 10")
        case .percentMissing(let after, _): return ("expected `percent` after `\(after)`", "for example: as crosstab with row percent")
        case .percentWithoutCrosstab:
            return ("row and column percents belong to a crosstab", "for example: ... group by region, judgement as crosstab with row percent")
        case .perTwice:
            return ("`per` names one column for the whole query: the limit and the values down the rows work within the same groups",
                    "for example: count reviews join authorities group by region, authority order by count desc limit 3 per region with rank")
        case .unknownWithItem:
            return ("expected ci, chi-square, row percent, column percent, rank, running total, cumulative percent or change after `with`",
                    "for example: count reviews group by region with ci")
        case .unknownPresentation:
            return ("expected chart, crosstab or table after `as`", "for example: count reviews group by judgement as chart")
        case .unexpected(let token, let word, _):
            let clauses = Vocabulary.clausesAfterQuery
            let near = word.flatMap { Suggestions.didYouMean($0, in: clauses + ["desc", "asc"]) }
            return ("unexpected \(token)", near ?? "a query may go on with " + clauses.joined(separator: ", "))
        case .closesNothing: return ("this ')' closes nothing", nil)
        case .unclosedParenthesis: return ("expected ')' to close the '(' opened here", nil)
        case .nestedTooDeeply:
            return ("this condition is nested too deeply (more than \(Parser.maximumNesting) levels)",
                    "write it with fewer parentheses; `and` and `or` chains need none")
        case .expressionTooLong(let limit, _):
            return ("this statement has more than \(limit) arithmetic operators", "split the sum into steps, or add up a column with sum")
        case .confidenceLevel:
            return ("expected a confidence level between 50 and 100 percent, then ci", "for example: proportion of reviews where judgement = inadequate with 90% ci")
        case .roundNeedsPlaces:
            return ("expected the number of decimal places to round to, a whole number from 0 to 15", "for example: round(average score, 1)")
        case .expectedMissing: return ("expected `missing` after `is`", "write `is missing` or `is not missing`")
        case .expectedComparison(let subject, let found, _):
            return ("expected a comparison after \(subject), found \(found)", "for example: judgement = inadequate, or authority contains \"shire\"")
        case .conditionsNeedJoining:
            return ("expected `and` or `or` before the next condition", "for example: judgement = good and authority = norfolk")
        case .valueNeedsQuotes(let words, _): return ("a value with spaces must be in quotes", "write \"\(words.joined(separator: " "))\"")
        case .notADate(let text, _): return ("\(text) is not a real date", "dates are written year-month-day, e.g. 2009-01-31")
        case .keywordAsOperand(let token, let word, _):
            return ("expected a column or a value, found the keyword \(token)", "a value that is also a keyword goes in quotes: \"\(word)\"")
        case .endsTooSoon: return ("the statement ends too soon: expected a column or a value", nil)
        case .expectedOperand(let found, _): return ("expected a column or a value, found \(found)", nil)
        }
    }
}
