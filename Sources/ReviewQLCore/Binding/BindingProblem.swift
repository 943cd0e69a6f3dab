/// Problems the binder finds in a query that are worded for people, as values.
///
/// Each case carries what is needed to explain it; `diagnostic(at:)` is the one place that
/// turns a case into a message, notes and help, as `CSVProblem.diagnostic(file:)` does for the
/// CSV reader.
enum BindingProblem {
    /// `<`, `<=`, `>`, `>=` or `between` of a text column and a number: text would compare
    /// letter by letter (`"964" > "11247"`), so the answer would be wrong.
    case textComparedWithNumber(column: String, value: String, content: NumbersInText?)
    /// `min`, `max` or `order by` of a text column that holds mostly numbers.
    case numbersSortedAsText(column: String, use: String, content: NumbersInText)
    /// `sum`, `average` or `median` of a text column of numbers among symbols.
    case measureOfNumbersAsText(function: String, column: String, content: NumbersInText)
    /// A text value compared with `=` or `in` that is in no row of its column.
    case unmatchedValue(column: String, dataset: String, value: String, hint: UnmatchedHint?)

    /// Values that match nothing beyond the first few, which are counted, not listed.
    case moreUnmatched(count: Int)

    /// What may help with a value that matches nothing.
    enum UnmatchedHint {
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
        case .textComparedWithNumber(let column, let value, let content):
            var message = "\(column) is text, not a number"
            if let content, !content.nonNumberExamples.isEmpty {
                message += ": it holds values such as \(Self.quotedList(content.nonNumberExamples))"
                    + (content.nonNumberCount > content.nonNumberExamples.count ? " (\(content.nonNumberCount) in all)" : "")
                    + " that are not numbers"
            } else if let content, content.numberCount > 0 {
                message += ": it holds numbers kept as text (a code such as \"0123\" keeps its leading zero)"
            }
            message += ", so \(value) would be compared letter by letter"
            return .error(message, at: range, help: Self.asNumbersHelp(column, content))
        case .numbersSortedAsText(let column, let use, let content):
            var message = "\(column) is text, so \(use) compares it letter by letter, not as numbers"
            if let misordered = content.misordered { message += ": \(misordered)" }
            var diagnostic = Diagnostic.warning(message, at: range, help: Self.asNumbersHelp(column, content))
            if !content.nonNumberExamples.isEmpty {
                diagnostic.notes = ["\(column) holds values such as \(Self.quotedList(content.nonNumberExamples)) that are not numbers"]
            }
            return diagnostic
        case .measureOfNumbersAsText(let function, let column, let content):
            return .error("\(function) needs a numeric column, but \(column) is text: it holds values such as "
                          + "\(Self.quotedList(content.nonNumberExamples)) that are not numbers",
                          at: range, help: Self.asNumbersHelp(column, content))
        case .unmatchedValue(let column, let dataset, let value, let hint):
            let help: String?
            switch hint {
            case .nearest(let names)?: help = Suggestions.didYouMean(names)
            case .oneOf(let names)?: help = "\(column) is one of: " + names.joined(separator: ", ")
            case .alias(let name, let alias, let source)?:
                help = Suggestions.didYouMean([name]) + " \(source) gives \"\(alias)\" as another name for \(name)"
            case nil: help = nil
            }
            return .warning("no \(column) in \(dataset) is \"\(value)\"; nothing matches it", at: range, help: help)
        case .moreUnmatched(let count):
            return .warning("\(count) more value\(count == 1 ? "" : "s") in this query match nothing", at: range)
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
