/// A binding error as a value: what went wrong and where in the query. The binder and the
/// joiner throw it; `Binder.bind` turns it into a `Diagnostic` at its edge, and tests assert
/// the case and the range rather than the words.
struct BindingError: Error {
    var problem: BindingProblem
    var range: SourceRange?

    init(_ problem: BindingProblem, at range: SourceRange?) {
        self.problem = problem
        self.range = range
    }

    var diagnostic: Diagnostic { problem.diagnostic(at: range) }
}

/// Every problem the binder and the joiner find in a query, errors and warnings, as values.
///
/// Each case carries what is needed to explain it; `diagnostic(at:)` is the one place that
/// turns a case into a message, notes and help, as `CSVProblem.diagnostic(file:)` does for the
/// CSV reader.
enum BindingProblem: Equatable {
    // MARK: Names

    /// A dataset no file or statement loaded; `known` are the datasets there are.
    case unknownDataset(name: String, known: [String])
    /// A column `table` does not have; `known` are its columns.
    case unknownColumn(name: String, table: String, known: [String])
    case unknownFunction(name: String, known: [String])

    // MARK: Shapes of a query

    /// `list ... group by`.
    case listGrouped(dataset: String)
    /// `as crosstab` without one measure and two group columns.
    case crosstabShape
    /// `as crosstab` with `having` or `limit` (`clause`), which would leave cells out.
    case crosstabLeavesCellsOut(clause: String)
    /// A measure (`count`) where only columns may go: `group by`, `list`, a function's argument.
    case measureNotAllowed(role: String)
    /// A measure in `where`, which tests rows, not groups.
    case measureInWhere
    /// `a + b` where the operator cannot take those types (text, yes/no, two dates added ...).
    case arithmeticTypes(operation: String, left: String, leftType: ColumnType, right: String, rightType: ColumnType)
    /// `-x`, `round(x)` or `days between a and b` of something of the wrong type.
    case arithmeticOperandType(what: String, expected: String, operand: String, type: ColumnType)
    /// A measure's name (`as rate`) in `where`, before there are groups.
    case measureNameInWhere(name: String)
    /// Something other than a column where a column must go; `value` is the value written.
    case expectedColumn(role: String, value: String?)
    /// `having` names something that is neither a group nor a measure of the query.
    case notAGroupOrMeasure(label: String, groups: [String])
    /// `order by` in an aggregate names something that is neither a group nor a measure.
    case cannotOrderBy(label: String, choices: [String])
    case expectedCondition

    // MARK: Types and scales

    /// `sum`, `average` ... of a column that is not numbers; `numeric` are those that are.
    case measureNeedsNumbers(function: String, column: String, type: ColumnType, table: String, numeric: [String])
    /// `year(x)` ... of a column of the wrong type.
    case functionArgumentType(function: String, expected: ColumnType, column: String, type: ColumnType)
    /// `year(x)` ... of an official statistics period column (`OfficialPeriods`), which holds
    /// periods, not dates; `example` is one of them.
    case periodNotADate(function: String, column: String, example: String)
    /// `contains`, `starts with`, `ends with` of a column that is not text.
    case textMatchNeedsText(match: String, column: String, type: ColumnType)
    /// Two columns of types that cannot be compared.
    case cannotCompareColumns(left: String, leftType: ColumnType, right: String, rightType: ColumnType)
    /// A column (`found`) or something else where a value to compare `column` with must go.
    case expectedValue(column: String, found: String?)
    /// A value that cannot be read as the type of the column it is compared with.
    case valueOfWrongType(column: String, type: ColumnType, value: String)
    /// A column of numbers compared with an official statistics symbol (`c`, `[x]`), which
    /// stands for a missing number, not a value.
    case symbolComparedWithNumber(column: String, symbol: OfficialSymbol, dataset: String)
    /// An ordered comparison with a value that is not a level of the column's scale.
    case notOnScale(value: String, column: String, scale: [String])
    /// `judgement >= adequate` on a text column with no ordered scale: letters would decide.
    case textHasNoOrder(column: String, value: String, dataset: String)
    /// A pattern of `contains` ... that is not text.
    case expectedText

    // MARK: Joins

    /// A right key value twice: each left row would match two rows and be counted twice.
    case duplicateJoinKey(value: String, dataset: String, column: String)
    /// No `on`, no catalog declaration and not exactly one shared column name.
    case joinKeysUnknown(left: String, right: String, example: String)
    /// `with` or `without` (`word`) another dataset with no `on`, no catalog join either way
    /// and not exactly one shared column name.
    case presenceKeysUnknown(left: String, right: String, word: String, example: String)
    /// `count reviews with everything`: after the dataset, `with` names another dataset, or
    /// (ungrouped as it is) nothing of the `with` list applies.
    case withUnknownDataset(name: String, known: [String])
    /// `with rank`, `limit 3 per region` ... (`what`) on a result with no groups.
    case withinNeedsGroups(what: String)
    /// `with rank` ... in a crosstab, whose cells have no order.
    case withinInCrosstab(what: String)
    /// `with rank` and no `order by` to rank by.
    case rankNeedsOrder
    /// `with running total` or `cumulative percent` of a measure that does not add up (an
    /// average, a date), or `with change` of one that is not a number.
    case withinNeedsCountOrSum(what: String, measure: String)
    /// `per` naming something other than a group column.
    case perNotAGroup(label: String, groups: [String])
    /// A plain `limit N` with `per` in the `with` list: which groups the limit holds in is unclear.
    case limitNeedsPer(limit: Int, per: String)
    /// `list distinct ... limit N per COLUMN`.
    case perInDistinctList(per: String)
    /// `list reviews without reviews`: every row matches itself.
    case presenceOfItself(dataset: String, word: String)

    // MARK: Warnings

    /// `<`, `<=`, `>`, `>=` or `between` of a text column and a number: text would compare
    /// letter by letter (`"964" > "11247"`), so the answer would be wrong.
    case textComparedWithNumber(column: String, value: String, content: NumbersInText?)
    /// `min`, `max` or `order by` of a text column that holds mostly numbers.
    case numbersSortedAsText(column: String, use: String, content: NumbersInText)
    /// `sum`, `average` or `median` of a text column of numbers among symbols.
    case measureOfNumbersAsText(function: String, column: String, content: NumbersInText)
    /// `sum`, `average` or `median` of a column named as a code (`mark`: the part of its name
    /// that says so) or of the period column (`mark` nil); `measures`: the numeric columns
    /// that are quantities.
    case codeAsMeasure(function: String, column: String, mark: String?, measures: [String])
    /// A text value compared with `=` or `in` that is in no row of its column.
    case unmatchedValue(column: String, dataset: String, value: String, hint: UnmatchedHint?)

    /// Values that match nothing beyond the first few, which are counted, not listed.
    case moreUnmatched(count: Int)
    /// A `contains` ... pattern that no value of its column has.
    case patternMatchesNothing(column: String, dataset: String, match: String, pattern: String)

    /// What may help with a value that matches nothing.
    enum UnmatchedHint: Equatable {
        /// The nearest values of the column, by spelling.
        case nearest([String])
        /// The column has few values: all of them.
        case oneOf([String])
        /// The value is (a spelling of) `alias`, another name for one the column holds, as
        /// `dataset` declares.
        case alias(of: String, alias: String, dataset: String)
    }

    func diagnostic(at range: SourceRange?) -> Diagnostic {
        switch self {
        case .unknownDataset(let name, let known):
            return Self.unknown(name, "unknown dataset \"\(name)\"", "the datasets are: ", known, at: range)
        case .unknownColumn(let name, let table, let known):
            return Self.unknown(name, "unknown column \"\(name)\" in \(table)", "the columns of \(table) are: ", known, at: range)
        case .unknownFunction(let name, let known):
            return Self.unknown(name, "unknown function \"\(name)\"", "the functions are: ", known, at: range)
        case .listGrouped(let dataset):
            return .error("`list` shows rows and cannot be grouped", at: range,
                          help: "to count each group write: count \(dataset) group by ...")
        case .crosstabShape:
            return .error("a crosstab needs one measure and two group columns", at: range,
                          help: "for example: count reviews join authorities group by region, judgement as crosstab")
        case .crosstabLeavesCellsOut(let clause):
            return .error("a crosstab shows every combination, so it cannot take \(clause): the cells left out would read as 0 and the totals would be wrong",
                          at: range, help: "narrow the rows with where instead, e.g. ... where region = London group by type, judgement as crosstab")
        case .measureNotAllowed(let role):
            return .error("a measure cannot be used in `\(role)`", at: range,
                          help: "measures go at the start (count, sum x ...) or in having / order by")
        case .measureInWhere:
            return .error("measures such as count cannot be used in `where`", at: range,
                          help: "to filter groups by a measure, use `having` after `group by`")
        case .arithmeticTypes, .arithmeticOperandType, .measureNameInWhere: return arithmeticDiagnostic(at: range)
        case .expectedColumn(let role, let value):
            return .error("expected a column in `\(role)`" + (value.map { ", found the value \($0)" } ?? ""), at: range)
        case .notAGroupOrMeasure(let label, let groups):
            return .error("`having` can use the groups and measures of the query, not \(label)", at: range,
                          help: "groups: " + groups.joined(separator: ", ") + "; measures such as count or sum(x)")
        case .cannotOrderBy(let label, let choices):
            return .error("cannot order by \(label): it is not a group or a measure of this query", at: range,
                          help: Suggestions.didYouMean(label, in: choices) ?? "order by one of: " + choices.joined(separator: ", "))
        case .expectedCondition:
            return .error("expected a condition, such as judgement = inadequate", at: range)
        case .measureNeedsNumbers(let function, let column, let type, let table, let numeric):
            return .error("\(function) needs a numeric column, but \(column) is \(type.rawValue)", at: range,
                          help: numeric.isEmpty ? "\(table) has no numeric columns; try count"
                              : "numeric columns of \(table): " + numeric.joined(separator: ", "))
        case .functionArgumentType(let function, let expected, let column, let type):
            return .error("\(function)() needs a \(expected.rawValue) column, but \(column) is \(type.rawValue)", at: range)
        case .textMatchNeedsText(let match, let column, let type):
            return .error("`\(match)` works on text, but \(column) is \(type.rawValue)", at: range,
                          help: "compare it with = < > instead")
        case .cannotCompareColumns(let left, let leftType, let right, let rightType):
            return .error("cannot compare \(left) (\(leftType.rawValue)) with \(right) (\(rightType.rawValue))", at: range)
        case .expectedValue(let column, let found):
            return .error("expected a value to compare \(column) with" + (found.map { ", found \($0)" } ?? ""), at: range)
        case .valueOfWrongType(let column, let type, let value):
            return .error("\(column) is \(type.rawValue), so \(value.isEmpty ? "this" : "\"\(value)\"") cannot be compared with it",
                          at: range, help: Self.howToWrite(type, column: column))
        case .symbolComparedWithNumber, .periodNotADate, .codeAsMeasure:
            return officialStatisticsDiagnostic(at: range)
        case .notOnScale(let value, let column, let scale):
            return .error("\"\(value)\" is not on the scale of \(column)", at: range,
                          help: Suggestions.didYouMean(value, in: scale) ?? "the scale is " + scale.joined(separator: " < "))
        case .textHasNoOrder(let column, let value, let dataset): return Self.noOrder(column, value, dataset, at: range)
        case .expectedText:
            return .error("expected text in quotes", at: range)
        case .duplicateJoinKey(let value, let dataset, let column):
            return .error("\"\(value)\" appears more than once in \(dataset).\(column), so rows would be counted twice", at: range,
                          help: "join on a column of \(dataset) whose values are all different")
        case .joinKeysUnknown(let left, let right, let example):
            return .error("say which columns match to join \(left) with \(right)", at: range, help: "for example: \(example)")
        case .presenceKeysUnknown(let left, let right, let word, let example):
            return .error("say which columns match to find the \(left) \(word) a row in \(right)", at: range, help: "for example: \(example)")
        case .withUnknownDataset(let name, let known):
            var diagnostic = Self.unknown(name, "unknown dataset \"\(name)\" after `with`", "the datasets are: ", known, at: range)
            diagnostic.notes.append("straight after the dataset, `with` names another dataset whose matching rows to keep (count authorities with reviews); "
                + "ci, chi-square, row percent and column percent come after group by")
            return diagnostic
        case .withinNeedsGroups(let what):
            return .error("`\(what)` works down the groups of a grouped result, and this one has none", at: range,
                          help: "group it, e.g. count reviews join authorities group by region, authority order by count desc limit 3 per region")
        case .withinInCrosstab(let what):
            return .error("`\(what)` works down a result's rows in order, and a crosstab's cells have none", at: range,
                          help: "leave out as crosstab to see the groups as rows")
        case .rankNeedsOrder:
            return .error("`with rank` needs `order by` to say what to rank by", at: range,
                          help: "for example: count reviews group by authority order by count desc with rank")
        case .withinNeedsCountOrSum(let what, let measure):
            return .error("`\(what)` needs \(what == "change" ? "a measure that is a number" : "a count or a sum to add up (not a count of distinct values)"), not \(measure)", at: range,
                          help: "for example: count reviews group by year_month(letter_date) with \(what)")
        case .perNotAGroup(let label, let groups):
            return .error("`per \(label)`: \(label) is not a group column of this query", at: range,
                          help: "per names one of the group columns: " + groups.joined(separator: ", "))
        case .limitNeedsPer(let limit, let per):
            return .error("a limit in a result worked out per \(per) needs to say so", at: range,
                          help: "limit \(limit) per \(per) keeps \(limit) rows in each; without per, leave the per out of the with list too")
        case .perInDistinctList(let per):
            return .error("`limit ... per \(per)` lists rows, and `list distinct` has merged rows alike, so which group each belongs to is unclear", at: range,
                          help: "count the different rows instead: count ... group by \(per), ... order by count desc limit 3 per \(per)")
        case .presenceOfItself(let dataset, let word):
            return .error("`\(word) \(dataset)` in a query of \(dataset): every row would match itself", at: range,
                          help: "name another dataset, e.g. count authorities without reviews")
        case .patternMatchesNothing(let column, let dataset, let match, let pattern):
            return .warning("no \(column) in \(dataset) \(match) \"\(pattern)\"", at: range)
        case .textComparedWithNumber(let column, let value, let content):
            return .error(Self.textComparedWithNumber(column, value, content), at: range, help: Self.asNumbersHelp(column, content))
        case .numbersSortedAsText(let column, let use, let content):
            return Self.numbersSortedAsText(column, use, content, at: range)
        case .measureOfNumbersAsText(let function, let column, let content):
            return .error("\(function) needs a numeric column, but \(column) is text: it holds values such as "
                          + "\(Self.quotedList(content.nonNumberExamples)) that are not numbers",
                          at: range, help: Self.asNumbersHelp(column, content))
        case .unmatchedValue(let column, let dataset, let value, let hint):
            return .warning("no \(column) in \(dataset) is \"\(value)\"; nothing matches it", at: range,
                            help: hint.map { Self.help(for: $0, column: column) })
        case .moreUnmatched(let count):
            return .warning("\(count) more value\(count == 1 ? "" : "s") in this query match nothing", at: range)
        }
    }

    /// An unknown name: the nearest known one, or the list of them.
    private static func unknown(_ name: String, _ message: String, _ listing: String, _ known: [String],
                                at range: SourceRange?) -> Diagnostic {
        .error(message, at: range, help: Suggestions.didYouMean(name, in: known) ?? listing + known.joined(separator: ", "))
    }

    /// The problems with official statistics files: symbols, periods and codes.
    private func officialStatisticsDiagnostic(at range: SourceRange?) -> Diagnostic {
        switch self {
        case .symbolComparedWithNumber(let column, let symbol, let dataset):
            return .error("\(column) holds numbers; \"\(symbol.written)\" is an official statistics symbol, "
                          + "\(symbol.described), held as a missing value", at: range,
                          help: "\(column) is missing matches every missing value, symbol or empty; "
                              + "describe \(dataset) counts each symbol")
        case .periodNotADate(let function, let column, let example):
            return .error("\(function)() needs a date column, but \(column) holds periods such as \(example), not dates", at: range,
                          help: "\(column) already groups and sorts as periods, in time order: group by \(column)")
        case .codeAsMeasure(let function, let column, let mark, let measures):
            let what = mark.map { "its name (\($0)) marks it as a code, a label written in digits" }
                ?? "it names periods (202324 is 2023-24), not quantities"
            return .warning("\(function) of \(column) means nothing: \(what)", at: range,
                            help: measures.isEmpty ? "count the rows instead" : "the columns of quantities are: " + measures.joined(separator: ", "))
        default:
            preconditionFailure("not a problem with official statistics: \(self)")
        }
    }

    private static func textComparedWithNumber(_ column: String, _ value: String, _ content: NumbersInText?) -> String {
        var message = "\(column) is text, not a number"
        if let content, !content.nonNumberExamples.isEmpty {
            message += ": it holds values such as \(quotedList(content.nonNumberExamples))"
                + (content.nonNumberCount > content.nonNumberExamples.count ? " (\(content.nonNumberCount) in all)" : "")
                + " that are not numbers"
        } else if let content, content.numberCount > 0 {
            message += ": it holds numbers kept as text (a code such as \"0123\" keeps its leading zero)"
        }
        return message + ", so \(value) would be compared letter by letter"
    }

    private static func numbersSortedAsText(_ column: String, _ use: String, _ content: NumbersInText,
                                            at range: SourceRange?) -> Diagnostic {
        var message = "\(column) is text, so \(use) compares it letter by letter, not as numbers"
        if let misordered = content.misordered { message += ": \(misordered)" }
        var diagnostic = Diagnostic.warning(message, at: range, help: asNumbersHelp(column, content))
        if !content.nonNumberExamples.isEmpty {
            diagnostic.notes = ["\(column) holds values such as \(quotedList(content.nonNumberExamples)) that are not numbers"]
        }
        return diagnostic
    }

    /// How to write a value of `type`, with `column` in the example.
    private static func howToWrite(_ type: ColumnType, column: String) -> String {
        switch type {
        case .date: return "write dates as year-month-day, e.g. \(column) >= 2009-01-01"
        case .boolean: return "write yes or no"
        default: return "write a number, e.g. \(column) > 2"
        }
    }

    private static func help(for hint: UnmatchedHint, column: String) -> String {
        switch hint {
        case .nearest(let names): return Suggestions.didYouMean(names)
        case .oneOf(let names): return "\(column) is one of: " + names.joined(separator: ", ")
        case .alias(let name, let alias, let source):
            return Suggestions.didYouMean([name]) + " \(source) gives \"\(alias)\" as another name for \(name)"
        }
    }

    /// What works instead: for numbers among symbols, a copy of the file without the symbols;
    /// for a column of words or of codes, matching the text as written.
    private static func asNumbersHelp(_ column: String, _ content: NumbersInText?) -> String {
        guard let content, let example = content.nonNumberExamples.first else {
            return "= and in match \(column) as text, as written"
        }
        guard content.isMostlyNumbers else { return "compare \(column) with text, e.g. \(column) = \"\(example)\"" }
        return "to read it as numbers, load a copy of the file with those cells empty (they become missing values); "
            + "= and in still match \(column) as written, e.g. \(column) = \"\(example)\""
    }

    /// `"c"`, `"c" and "x"`, `"c", "x" and "z"`.
    private static func quotedList(_ values: [String]) -> String {
        let quoted = values.map { "\"\($0)\"" }
        guard quoted.count > 1 else { return quoted.joined() }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }
}

extension BindingProblem {
    /// `.textHasNoOrder` in words.
    fileprivate static func noOrder(_ column: String, _ value: String, _ dataset: String, at range: SourceRange?) -> Diagnostic {
        .error("\(column) is text with no order, so it cannot be compared with \"\(value)\" by <, >, <=, >= or between",
               at: range,
               help: "give it an order, lowest first, e.g. set scale of \(column) in \(dataset) to low, medium, high;"
                   + " or pick values with = or in (\(column) in (\(value), ...))")
    }
}
