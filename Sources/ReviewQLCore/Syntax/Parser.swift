/// Builds a `Statement` from one statement's tokens (see `StatementSplitter`).
///
/// A recursive-descent parser with one method per grammar rule; each method opens with the
/// rule it implements. The parser knows nothing of datasets or columns: `Binder` resolves names.
/// The whole grammar is in docs/LANGUAGE.md.
public struct Parser {
    private let tokens: [Token]
    private var current = 0
    /// How many parentheses and `not`s enclose the current position.
    private var nesting = 0

    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses the text of a single statement (lexing it first).
    public static func parse(_ text: String) throws(Diagnostic) -> Statement {
        var tokens = try Lexer.tokens(text).filter { $0.kind != .newline }
        if let semicolon = tokens.firstIndex(where: { $0.kind == .symbol(.semicolon) }) {
            tokens = Array(tokens[..<semicolon]) + [tokens.last!]
        }
        var parser = Parser(tokens: tokens)
        return try parser.statement()
    }

    // MARK: Statements

    /// statement = command | query ;
    public mutating func statement() throws(Diagnostic) -> Statement {
        let first = peek
        let result: Statement
        switch first.kind == .word ? first.text.lowercased() : "" {
        case "load": result = try load()
        case "datasets", "tables":
            advance()
            result = .datasets
        case "describe":
            advance()
            result = .describe(try name(what: "a dataset name to describe, e.g. describe reviews"))
        case "set":
            advance()
            let setting = try name(what: "a setting, e.g. set format csv")
            // `set suppress below 10` reads as `set suppress 10`.
            if setting.text.lowercased() == "suppress", peek.text.lowercased() == "below" { advance() }
            let valueToken = peek
            guard valueToken.kind != .end else {
                throw Diagnostic.error("set \(setting.text) needs a value", at: valueToken.range,
                                       help: "for example: set format csv")
            }
            advance()
            result = .set(setting: setting, value: Name(valueToken.text, valueToken.range))
        case ".tables", ".datasets":
            advance()
            result = .datasets
        case ".mode", ".format":
            let dot = advance()
            let valueToken = peek
            guard valueToken.kind == .word else {
                throw Diagnostic.error("\(dot.text) needs a format", at: valueToken.range, help: "for example: .mode csv")
            }
            advance()
            result = .set(setting: Name("format", dot.range), value: Name(valueToken.text, valueToken.range))
        case ".timer":
            let dot = advance()
            let valueToken = advance()
            result = .set(setting: Name("timer", dot.range), value: Name(valueToken.text, valueToken.range))
        case "timer":
            // `timer on` reads as `set timer on` when a setting word follows.
            guard ["on", "off"].contains(peek(1).text.lowercased()) else { result = .query(try query()); break }
            let word = advance()
            let valueToken = advance()
            result = .set(setting: Name("timer", word.range), value: Name(valueToken.text, valueToken.range))
        case "quit", "exit", ".quit", ".exit", ".q":
            advance()
            result = .quit
        case "save":
            result = try save()
        case "record":
            let word = advance()
            if peek.kind == .string {
                result = .record(path: advance().text, range: word.range.union(previous.range))
            } else if peek.text.lowercased() == "off" || peek.text.lowercased() == "stop" {
                advance()
                result = .record(path: nil, range: word.range.union(previous.range))
            } else {
                throw Diagnostic.error("record needs a file name in quotes, or off", at: peek.range,
                                       help: "for example: record \"lesson.md\" ... record off")
            }
        case "explain":
            advance()
            result = .explain(try query())
        case "proportion", "proportions":
            advance()
            result = .proportion(try proportionQuery(verb: "proportion"))
        case "compare":
            let compareWord = advance()
            if peek.kind == .number {
                let first = try countPair()
                guard match(.with) || match(.and) else {
                    throw Diagnostic.error("expected `with` and the second proportion", at: peek.range,
                                           help: "for example: compare 20 of 50 with 59 of 173")
                }
                result = .compareCounts(first, try countPair())
            } else {
                var query = try proportionQuery(verb: "compare", needsGroups: false)
                if match(.with) || match(.and) {
                    // `compare reviews where ... with statements where ...`: two datasets.
                    let second = try proportionQuery(verb: "compare", needsGroups: false)
                    return try finishStatement(.compareDatasets(query, second))
                }
                guard peek.text.lowercased() == "by" else {
                    throw Diagnostic.error("expected `by` and a column with two groups, or `with` and a second dataset", at: peek.range,
                                           help: "for example: compare reviews join authorities where judgement = inadequate by type among type in (county, \"London borough\")")
                }
                advance()
                // `by type` compares the two groups of a column; `by authority = Birmingham`
                // compares the rows where the condition holds with the rest.
                let saved = current
                let column = try operand()
                if peek.kind == .end || peek.keyword == .among {
                    query.base.groupBy = [column]
                } else {
                    current = saved
                    let split = try condition()
                    query.split = split
                    query.splitText = text(of: split.range)
                }
                if match(.among) {
                    let among = try condition()
                    query.base.filter = query.base.filter.map { Expression(.and($0, among), $0.range.union(among.range)) } ?? among
                }
                query.base.range = compareWord.range.union(previous.range)
                result = .compareGroups(query)
            }
        case "show" where peek(1).text.lowercased() == "unmatched":
            advance()
            advance()
            result = .showUnmatched
        case "show" where peek(1).text.lowercased() == "sql":
            advance()
            advance()
            result = .showSQL(try query())
        case "show" where peek(1).text.lowercased() == "last":
            advance()
            advance()
            if peek.text.lowercased() == "all" { advance() }
            result = .showLast
        case "chart", "crosstab":
            // `chart count reviews group by judgement` reads as `... as chart`.
            let word = advance()
            var query = try query()
            if query.presentation != .table {
                throw Diagnostic.error("the query already says how to show it", at: word.range)
            }
            query.presentation = word.text.lowercased() == "chart" ? .chart : .crosstab(.none)
            result = .query(query)
        case ".help", ".h":
            advance()
            result = .help(peek.kind == .end ? nil : advance().text.lowercased())
        case "help":
            advance()
            var words: [String] = []
            while peek.kind != .end {
                words.append(peek.text.lowercased())
                advance()
            }
            result = .help(words.isEmpty ? nil : words.joined(separator: " "))
        default:
            result = .query(try query())
        }
        return try finishStatement(result)
    }

    private mutating func finishStatement(_ statement: Statement) throws(Diagnostic) -> Statement {
        try expectEnd()
        return statement
    }

    /// proportion = "proportion" "of" dataset { join } "where" condition [ "among" condition ]
    ///              [ "group" "by" operand { "," operand } ] [ "order" "by" ... ] [ "limit" number ] ;
    private mutating func proportionQuery(verb: String, needsGroups: Bool = true) throws(Diagnostic) -> ProportionQuery {
        let start = previous.range
        _ = match(.of)
        let dataset = try name(what: "a dataset, e.g. \(verb) of reviews where judgement = inadequate")
        var base = Query(verb: .aggregate([Measure(function: .count, argument: nil, range: dataset.range)]),
                         dataset: dataset, range: start)
        base.joins = try joins()
        guard match(.where) else {
            throw Diagnostic.error("\(verb) needs `where` and the condition to count", at: peek.range,
                                   help: "for example: \(verb) of reviews where judgement = inadequate")
        }
        let event = try condition()
        if match(.among) { base.filter = try condition() }
        if needsGroups {
            base.groupBy = try groupByClause()
            base.orderBy = try orderByClause()
            base.limit = try limitClause()
            base.limitWithTies = base.limit != nil && withTies()
        }
        base.range = start.union(previous.range)
        return ProportionQuery(base: base, event: event)
    }

    /// pair = number "of" number [ "as" string ] ;
    private mutating func countPair() throws(Diagnostic) -> CountPair {
        let first = peek
        guard first.kind == .number, let successes = Int(first.text), successes >= 0 else {
            throw Diagnostic.error("expected a whole number, as in 20 of 50", at: first.range)
        }
        advance()
        guard match(.of) else {
            throw Diagnostic.error("expected `of` and the total, as in 20 of 50", at: peek.range)
        }
        let second = peek
        guard second.kind == .number, let trials = Int(second.text), trials >= 0 else {
            throw Diagnostic.error("expected the total as a whole number, as in 20 of 50", at: second.range)
        }
        advance()
        guard successes <= trials else {
            throw Diagnostic.error("\(successes) of \(trials) is more than all of them", at: first.range.union(second.range),
                                   help: "write the number counted first, then the total: 20 of 50")
        }
        var label: String?
        if match(.as) {
            guard peek.kind == .string || peek.kind == .word else {
                throw Diagnostic.error("expected a label in quotes", at: peek.range, help: "for example: 20 of 50 as \"2007-08\"")
            }
            label = advance().text
        }
        return CountPair(successes: successes, trials: trials, label: label, range: first.range.union(previous.range))
    }

    /// save = "save" "last" "to" string [ "as" format ] ;
    private mutating func save() throws(Diagnostic) -> Statement {
        let saveToken = advance()
        if peek.text.lowercased() == "chart" {
            advance()
            let path = try destination(example: "save chart to \"judgements.svg\"")
            return .saveChart(path: path, range: saveToken.range.union(previous.range))
        }
        guard peek.text.lowercased() == "last" else {
            throw Diagnostic.error("expected `last` after `save`", at: peek.range,
                                   help: "for example: save last to \"result.csv\"")
        }
        advance()
        let path = try destination(example: "save last to \"result.csv\"")
        var format: Name?
        if match(.as) { format = try name(what: "a format: csv, tsv, json, markdown or box") }
        return .save(path: path, format: format, range: saveToken.range.union(previous.range))
    }

    /// destination = "to" string ;
    private mutating func destination(example: String) throws(Diagnostic) -> String {
        guard peek.text.lowercased() == "to" else {
            throw Diagnostic.error("expected `to` and a file name in quotes", at: peek.range, help: "for example: " + example)
        }
        advance()
        let pathToken = peek
        guard pathToken.kind == .string else {
            throw Diagnostic.error("save needs the file name in quotes", at: pathToken.range, help: "for example: " + example)
        }
        advance()
        return pathToken.text
    }

    /// load = "load" string "as" name [ "with" "counts" column ] ;
    private mutating func load() throws(Diagnostic) -> Statement {
        advance()
        let pathToken = peek
        guard pathToken.kind == .string else {
            throw Diagnostic.error("load needs the file name in quotes", at: pathToken.range,
                                   help: "for example: load \"my_data.csv\" as mine")
        }
        advance()
        guard match(.as) else {
            throw Diagnostic.error("expected `as` and a name for the dataset after the file name", at: peek.range,
                                   help: "for example: load \"\(pathToken.text)\" as mine")
        }
        let dataset = try name(what: "a name for the dataset")
        guard match(.with) else { return .load(path: pathToken.text, name: dataset, counts: nil) }
        guard peek.text.lowercased() == "counts" else {
            throw Diagnostic.error("expected `counts` and a column after `with`", at: peek.range,
                                   help: "for example: load \"\(pathToken.text)\" as \(dataset.text) with counts children")
        }
        advance()
        return .load(path: pathToken.text, name: dataset, counts: try name(what: "the column that holds the counts"))
    }

    // MARK: Queries

    /// query = head [ "where" condition ] [ "group" "by" expr { "," expr } ]
    ///         [ "having" condition ] [ "order" "by" order { "," order } ] [ "limit" number ] ;
    /// (with `{ "join" dataset [ "on" column "=" column ] }` straight after the head)
    private mutating func query() throws(Diagnostic) -> Query {
        let start = peek.range
        var query = try head()
        query.joins = try joins()
        if match(.where) { query.filter = try condition() }
        query.groupBy = try groupByClause()
        if check(.having) {
            let havingToken = advance()
            guard case .aggregate = query.verb else {
                throw Diagnostic.error("`having` filters groups, but `list` makes no groups", at: havingToken.range,
                                       help: "use `where` to filter rows")
            }
            query.having = try condition()
        }
        query.orderBy = try orderByClause()
        query.limit = try limitClause()
        query.limitWithTies = query.limit != nil && withTies()
        if check(.with) { try withItems(&query) }
        if match(.as) {
            query.presentation = try presentation()
            if check(.with) { try withItems(&query) }
        }
        query.range = start.union(previous.range)
        return query
    }

    /// joins = { "join" dataset [ "on" column "=" column ] } ;
    private mutating func joins() throws(Diagnostic) -> [JoinClause] {
        var clauses: [JoinClause] = []
        while check(.join) {
            let joinToken = advance()
            let dataset = try name(what: "a dataset to join, e.g. join authorities")
            var clause = JoinClause(dataset: dataset, on: nil, range: joinToken.range.union(dataset.range))
            if match(.on) {
                let left = try name(what: "a column to join on, e.g. on authority = name")
                try consume(.equal, "expected `=` between the two columns to join on")
                let right = try name(what: "the column of \(dataset.text) to match")
                clause.on = (left, right)
                clause.range = clause.range.union(right.range)
            }
            clauses.append(clause)
        }
        return clauses
    }

    /// group = [ "group" "by" operand { "," operand } ] ;
    private mutating func groupByClause() throws(Diagnostic) -> [Expression] {
        guard check(.group) else { return [] }
        advance()
        try consume(.by, "expected `by` after `group`")
        return try expressionList()
    }

    /// order = [ "order" "by" operand [ "asc" | "desc" ] { "," operand [ "asc" | "desc" ] } ] ;
    private mutating func orderByClause() throws(Diagnostic) -> [OrderItem] {
        guard check(.order) else { return [] }
        advance()
        try consume(.by, "expected `by` after `order`")
        var items: [OrderItem] = []
        repeat {
            let expression = try operand()
            var descending = false
            if match(.desc) { descending = true } else { _ = match(.asc) }
            items.append(OrderItem(expression: expression, descending: descending))
        } while match(.comma)
        return items
    }

    /// limit = [ "limit" whole-number ] ;
    private mutating func limitClause() throws(Diagnostic) -> Int? {
        guard check(.limit) else { return nil }
        advance()
        let number = peek
        guard number.kind == .number, let value = Int(number.text), value >= 0 else {
            throw Diagnostic.error("`limit` needs a whole number of rows", at: number.range,
                                   help: "for example: limit 10")
        }
        advance()
        return value
    }

    /// ties = [ "with" "ties" ] ;  (after a limit)
    private mutating func withTies() -> Bool {
        guard check(.with), peek(1).kind == .word, peek(1).text.lowercased() == "ties" else { return false }
        advance()
        advance()
        return true
    }

    /// with = "with" item { ( "," | "and" ) item } ;
    /// item = "ci" | "chi-square" | ( "row" | "column" ) "percent" ;
    private mutating func withItems(_ query: inout Query) throws(Diagnostic) {
        advance()
        repeat {
            let word = peek
            switch word.text.lowercased() {
            case "ci", "cis", "interval", "intervals", "confidence":
                advance()
                if peek.text.lowercased() == "intervals" || peek.text.lowercased() == "interval" { advance() }
                query.withIntervals = true
            case "chi-square", "chi2", "chisquare", "test":
                advance()
                query.withTest = true
            case "row", "rows", "column", "columns", "col":
                advance()
                guard ["percent", "percents", "percentage", "percentages"].contains(peek.text.lowercased()) else {
                    throw Diagnostic.error("expected `percent` after `\(word.text)`", at: peek.range,
                                           help: "for example: as crosstab with row percent")
                }
                advance()
                guard case .crosstab = query.presentation else {
                    throw Diagnostic.error("row and column percents belong to a crosstab", at: word.range,
                                           help: "for example: ... group by region, judgement as crosstab with row percent")
                }
                query.presentation = .crosstab(word.text.lowercased().hasPrefix("r") ? .row : .column)
            default:
                throw Diagnostic.error("expected ci, chi-square, row percent or column percent after `with`", at: word.range,
                                       help: "for example: count reviews group by region with ci")
            }
        } while match(.comma) || match(.and)
    }

    /// presentation = "table" | "chart" | "crosstab" ;  (then an optional `with` list)
    private mutating func presentation() throws(Diagnostic) -> Presentation {
        let word = peek
        switch word.kind == .word ? word.text.lowercased() : "" {
        case "table":
            advance()
            return .table
        case "chart":
            advance()
            return .chart
        case "crosstab":
            advance()
            return .crosstab(.none)
        default:
            throw Diagnostic.error("expected chart, crosstab or table after `as`", at: word.range,
                                   help: "for example: count reviews group by judgement as chart")
        }
    }

    /// head = "count" [ "distinct" operand "from" | operand "from" | "from" | "of" ] dataset
    ///      | measure { "," measure } ( "from" | "of" ) dataset
    ///      | "list" [ "distinct" ] ( dataset | ( "*" | operand { "," operand } ) "from" dataset ) ;
    private mutating func head() throws(Diagnostic) -> Query {
        let verbToken = peek
        guard let keyword = verbToken.keyword, keyword == .list || AggregateFunction(keyword: keyword) != nil else {
            throw unknownStart(verbToken)
        }
        if keyword == .list { return try listHead() }

        // `count reviews`: count followed straight by the dataset.
        if keyword == .count, peek(1).kind == .word, peek(1).keyword == nil,
           peek(2).keyword != .from, peek(2).keyword != .of, peek(2).kind != .symbol(.comma) {
            advance()
            let dataset = try name(what: "a dataset to count, e.g. count reviews")
            let measure = Measure(function: .count, argument: nil, range: verbToken.range)
            return Query(verb: .aggregate([measure]), dataset: dataset, range: verbToken.range)
        }
        var measures: [Measure] = []
        repeat { measures.append(try measure()) } while match(.comma)
        guard match(.from) || match(.of) else {
            if measures.count == 1, measures[0].function == .count, measures[0].argument == nil {
                throw Diagnostic.error("expected a dataset after `count`", at: peek.range,
                                       help: "for example: count reviews")
            }
            throw Diagnostic.error("expected `from` and a dataset after the measures", at: peek.range,
                                   help: "for example: \(verbToken.text.lowercased()) children from ethnicity")
        }
        let dataset = try name(what: "a dataset name")
        return Query(verb: .aggregate(measures), dataset: dataset, range: verbToken.range)
    }

    /// measure = "count" [ "distinct" ] [ operand ] | aggregate ( "(" operand ")" | operand ) ;
    private mutating func measure() throws(Diagnostic) -> Measure {
        let token = peek
        guard let keyword = token.keyword, let function = AggregateFunction(keyword: keyword) else {
            throw Diagnostic.error("expected a measure (count, sum, average, min, max, median), found \(token.described)",
                                   at: token.range, help: "for example: count, average score from marks")
        }
        advance()
        var measure = Measure(function: function, argument: nil, range: token.range)
        measure.distinct = match(.distinct)
        if check(.leftParen) {
            // `sum(children)`, `count(*)`, `count(distinct authority)`
            let open = advance()
            if match(.distinct) { measure.distinct = true }
            if function == .count, !measure.distinct, match(.star) {
                try closeParen(opened: open)
                measure.range = token.range.union(previous.range)
                return measure
            }
            measure.argument = try operand()
            try closeParen(opened: open)
            measure.range = token.range.union(previous.range)
            return measure
        }
        let needsArgument = function != .count || measure.distinct
        let hasArgument = (peek.kind == .word && peek.keyword == nil) || peek.kind == .quotedName
        if hasArgument {
            if function == .count, peek.kind == .word, !measure.distinct,
               peek(1).keyword != .from, peek(1).keyword != .of, peek(1).kind != .symbol(.comma) {
                return measure
            }
            let argument = try operand()
            measure.argument = argument
            measure.range = token.range.union(argument.range)
        } else if needsArgument {
            throw Diagnostic.error("`\(token.text.lowercased())` needs a column", at: peek.range,
                                   help: "for example: \(token.text.lowercased()) children from ethnicity")
        }
        return measure
    }

    /// list = "list" [ "distinct" ] ( dataset | ( "*" | operand { "," operand } ) "from" dataset ) ;
    private mutating func listHead() throws(Diagnostic) -> Query {
        let verbToken = advance()
        let distinct = match(.distinct)
        if check(.star) {
            advance()
            try consume(.from, "expected `from` and a dataset after `*`")
            let dataset = try name(what: "a dataset name")
            return Query(verb: .list(nil, distinct: distinct), dataset: dataset, range: verbToken.range)
        }
        if peek.kind == .word, peek.keyword == nil, peek(1).kind != .symbol(.comma),
           peek(1).keyword != .from, peek(1).keyword != .of, peek(1).kind != .symbol(.leftParen) {
            let dataset = try name(what: "a dataset to list, e.g. list reviews")
            return Query(verb: .list(nil, distinct: distinct), dataset: dataset, range: verbToken.range)
        }
        let items = try expressionList()
        guard match(.from) || match(.of) else {
            throw Diagnostic.error("expected `from` and a dataset after the columns to list", at: peek.range,
                                   help: "for example: list authority, judgement from reviews")
        }
        let dataset = try name(what: "a dataset name")
        return Query(verb: .list(items, distinct: distinct), dataset: dataset, range: verbToken.range)
    }

    // MARK: Conditions

    /// condition = conjunction { "or" conjunction } ;
    private mutating func condition() throws(Diagnostic) -> Expression {
        var terms = [try conjunction()]
        while match(.or) { terms.append(try conjunction()) }
        return balanced(terms) { .or($0, $1) }
    }

    /// conjunction = negation { "and" negation } ;
    private mutating func conjunction() throws(Diagnostic) -> Expression {
        var terms = [try negation()]
        while match(.and) { terms.append(try negation()) }
        return balanced(terms) { .and($0, $1) }
    }

    /// A chain of `and` (or `or`) terms as a balanced tree, so that 10,000 terms make a tree
    /// 14 levels deep rather than 10,000, and nothing that walks it can run out of stack.
    private func balanced(_ terms: [Expression], _ combine: (Expression, Expression) -> ExpressionKind) -> Expression {
        if terms.count == 1 { return terms[0] }
        let middle = terms.count / 2
        let left = balanced(Array(terms[..<middle]), combine), right = balanced(Array(terms[middle...]), combine)
        return Expression(combine(left, right), left.range.union(right.range))
    }

    /// How deeply parentheses and `not` may nest: far beyond any real question, well short of
    /// what would exhaust the stack.
    static let maximumNesting = 100

    /// negation = "not" negation | predicate ;
    private mutating func negation() throws(Diagnostic) -> Expression {
        if check(.not) {
            let notToken = advance()
            try enterNesting(at: notToken)
            defer { nesting -= 1 }
            let inner = try negation()
            return Expression(.not(inner), notToken.range.union(inner.range))
        }
        return try predicate()
    }

    private mutating func enterNesting(at token: Token) throws(Diagnostic) {
        nesting += 1
        if nesting > Self.maximumNesting {
            throw Diagnostic.error("this condition is nested too deeply (more than \(Self.maximumNesting) levels)", at: token.range,
                                   help: "write it with fewer parentheses; `and` and `or` chains need none")
        }
    }

    /// predicate = "(" condition ")"
    ///           | operand ( comparison operand | [ "not" ] "in" "(" operand { "," operand } ")"
    ///                     | [ "not" ] "between" operand "and" operand
    ///                     | [ "not" ] ( "contains" | "starts" "with" | "ends" "with" ) operand
    ///                     | "is" [ "not" ] ( "missing" | "null" ) ) ;
    private mutating func predicate() throws(Diagnostic) -> Expression {
        if check(.leftParen) {
            let open = advance()
            try enterNesting(at: open)
            defer { nesting -= 1 }
            let inner = try condition()
            try closeParen(opened: open)
            return Expression(inner.kind, open.range.union(previous.range))
        }
        let left = try operand()
        let negated = match(.not)
        let operatorToken = peek
        let kind: ExpressionKind
        if case .symbol(let symbol) = operatorToken.kind, let comparison = Comparison(symbol: symbol), !negated {
            advance()
            let right = try valueOperand()
            kind = .compare(comparison, left, right)
        } else if match(.in) {
            let open = peek
            try consume(.leftParen, "expected `(` and a list of values after `in`, e.g. in (adequate, good)")
            var values: [Expression] = []
            if !check(.rightParen) {
                repeat { values.append(try valueOperand()) } while match(.comma)
            }
            try closeParen(opened: open)
            kind = .inList(left, values, negated: negated)
        } else if match(.between) {
            let low = try valueOperand()
            try consume(.and, "expected `and` between the two ends of the range")
            let high = try valueOperand()
            kind = .between(left, low, high, negated: negated)
        } else if match(.contains) {
            kind = .textMatch(.contains, left, try valueOperand(), negated: negated)
        } else if check(.starts) || check(.ends) {
            let which: TextMatch = advance().keyword == .starts ? .startsWith : .endsWith
            try consume(.with, "expected `with` after `\(previous.text)`")
            kind = .textMatch(which, left, try valueOperand(), negated: negated)
        } else if match(.is) {
            let isNegated = match(.not)
            guard match(.missing) || match(.null) else {
                throw Diagnostic.error("expected `missing` after `is`", at: peek.range,
                                       help: "write `is missing` or `is not missing`")
            }
            kind = .isMissing(left, negated: isNegated != negated)
        } else {
            throw Diagnostic.error("expected a comparison after \(describe(left)), found \(operatorToken.described)",
                                   at: operatorToken.range,
                                   help: "for example: judgement = inadequate, or authority contains \"shire\"")
        }
        return Expression(kind, left.range.union(previous.range))
    }

    // MARK: Operands

    /// A value on the right of a comparison. Two bare words in a row are almost always a
    /// value with a space in it, so say how to quote it.
    private mutating func valueOperand() throws(Diagnostic) -> Expression {
        let value = try operand()
        if case .word(let first) = value.kind, peek.kind == .word, peek.keyword == nil {
            var words = [first]
            var end = value.range
            var index = current
            while tokens[index].kind == .word, tokens[index].keyword == nil {
                words.append(tokens[index].text)
                end = tokens[index].range
                index += 1
            }
            let next = tokens[index]
            if case .symbol(let symbol) = next.kind, Comparison(symbol: symbol) != nil {
                // `judgement = good authority = x`: a second condition without `and` or `or`.
                throw Diagnostic.error("expected `and` or `or` before the next condition", at: tokens[current].range,
                                       help: "for example: judgement = good and authority = norfolk")
            }
            throw Diagnostic.error("a value with spaces must be in quotes", at: value.range.union(end),
                                   help: "write \"\(words.joined(separator: " "))\"")
        }
        return value
    }

    /// operand = word [ "(" operand ")" ] | `name` | string | number | date
    ///         | aggregate [ "distinct" ] [ "(" operand ")" | operand ] ;
    private mutating func operand() throws(Diagnostic) -> Expression {
        let token = peek
        switch token.kind {
        case .string:
            advance()
            return Expression(.literal(.text(token.text)), token.range)
        case .number:
            advance()
            if let integer = Int64(token.text) { return Expression(.literal(.integer(integer)), token.range) }
            return Expression(.literal(.decimal(Double(token.text) ?? 0)), token.range)
        case .date:
            advance()
            guard case .date(let day) = CivilDate.parse(Substring(token.text)) else {
                throw Diagnostic.error("\(token.text) is not a real date", at: token.range,
                                       help: "dates are written year-month-day, e.g. 2009-01-31")
            }
            return Expression(.literal(.date(day)), token.range)
        case .quotedName:
            advance()
            return Expression(.column(token.text), token.range)
        case .word:
            if let keyword = token.keyword {
                if let function = AggregateFunction(keyword: keyword) {
                    advance()
                    let distinct = match(.distinct)
                    var argument: Expression?
                    if check(.leftParen) {
                        let open = advance()
                        let distinctInside = match(.distinct)
                        if !(function == .count && !distinctInside && match(.star)) {
                            argument = try operand()
                        }
                        if distinctInside {
                            try closeParen(opened: open)
                            return Expression(.aggregate(function, argument, distinct: true), token.range.union(previous.range))
                        }
                        try closeParen(opened: open)
                    } else if function != .count || distinct {
                        argument = try operand()
                    }
                    return Expression(.aggregate(function, argument, distinct: distinct), token.range.union(previous.range))
                }
                throw Diagnostic.error("expected a column or a value, found the keyword \(token.described)",
                                       at: token.range,
                                       help: "a value that is also a keyword goes in quotes: \"\(token.text)\"")
            }
            advance()
            if check(.leftParen) {
                let open = advance()
                try enterNesting(at: open)
                defer { nesting -= 1 }
                let argument = try operand()
                try closeParen(opened: open)
                return Expression(.call(function: Name(token.text, token.range), argument: argument),
                                  token.range.union(previous.range))
            }
            return Expression(.word(token.text), token.range)
        case .end:
            throw Diagnostic.error("the statement ends too soon: expected a column or a value", at: token.range)
        default:
            throw Diagnostic.error("expected a column or a value, found \(token.described)", at: token.range)
        }
    }

    private mutating func expressionList() throws(Diagnostic) -> [Expression] {
        var items: [Expression] = []
        repeat { items.append(try operand()) } while match(.comma)
        return items
    }

    private mutating func name(what: String) throws(Diagnostic) -> Name {
        let token = peek
        guard token.kind == .word || token.kind == .quotedName || token.kind == .string else {
            throw Diagnostic.error("expected \(what), found \(token.described)", at: token.range)
        }
        if let keyword = token.keyword, token.kind == .word {
            throw Diagnostic.error("expected \(what), found the keyword '\(keyword.rawValue)'", at: token.range)
        }
        advance()
        return Name(token.text, token.range)
    }

    // MARK: Errors

    private func unknownStart(_ token: Token) -> Diagnostic {
        if token.kind == .end { return Diagnostic.error("empty statement", at: token.range) }
        let help = Suggestions.didYouMean(token.text, in: Vocabulary.statementStarts)
            ?? "a statement starts with a verb such as count or list, e.g. count reviews"
        return Diagnostic.error("\(token.described) is not a verb or command", at: token.range, help: help)
    }

    private mutating func expectEnd() throws(Diagnostic) {
        guard peek.kind != .end else { return }
        let token = peek
        if token.kind == .symbol(.rightParen) {
            throw Diagnostic.error("this ')' closes nothing", at: token.range)
        }
        let clauses = ["where", "group by", "having", "order by", "limit"]
        var help = "a query may go on with " + clauses.joined(separator: ", ")
        if token.kind == .word, token.keyword == nil, let near = Suggestions.didYouMean(token.text, in: clauses + ["desc", "asc"]) {
            help = near
        }
        throw Diagnostic.error("unexpected \(token.described)", at: token.range, help: help)
    }

    private mutating func closeParen(opened open: Token) throws(Diagnostic) {
        guard match(.rightParen) else {
            throw Diagnostic(.error, "expected ')' to close the '(' opened here", range: open.range,
                             notes: ["found \(peek.described) instead"])
        }
    }

    private func describe(_ expression: Expression) -> String {
        switch expression.kind {
        case .word(let word), .column(let word): return "'\(word)'"
        case .aggregate(let function, _, _): return "the measure '\(function.rawValue)'"
        case .call(let function, _): return "'\(function.text)(...)'"
        default: return "the value"
        }
    }

    /// The source text a range covers, rebuilt from the tokens inside it.
    private func text(of range: SourceRange) -> String {
        tokens.filter { $0.range.start >= range.start && $0.range.end <= range.end && $0.kind != .end }
            .map { $0.kind == .string ? "\"\($0.text)\"" : $0.text }.joined(separator: " ")
    }

    // MARK: The parser's vocabulary: peek, advance, check, match, consume

    private var peek: Token { tokens[min(current, tokens.count - 1)] }
    private func peek(_ offset: Int) -> Token { tokens[min(current + offset, tokens.count - 1)] }
    private var previous: Token { tokens[max(current - 1, 0)] }

    @discardableResult
    private mutating func advance() -> Token {
        let token = peek
        if current < tokens.count - 1 { current += 1 }
        return token
    }

    private func check(_ keyword: Keyword) -> Bool { peek.kind == .word && peek.keyword == keyword }
    private func check(_ symbol: Token.Symbol) -> Bool { peek.kind == .symbol(symbol) }

    private mutating func match(_ keyword: Keyword) -> Bool {
        guard check(keyword) else { return false }
        advance()
        return true
    }

    private mutating func match(_ symbol: Token.Symbol) -> Bool {
        guard check(symbol) else { return false }
        advance()
        return true
    }

    private mutating func consume(_ keyword: Keyword, _ message: String) throws(Diagnostic) {
        guard match(keyword) else { throw Diagnostic.error(message + ", found \(peek.described)", at: peek.range) }
    }

    private mutating func consume(_ symbol: Token.Symbol, _ message: String) throws(Diagnostic) {
        guard match(symbol) else { throw Diagnostic.error(message + ", found \(peek.described)", at: peek.range) }
    }
}

extension Comparison {
    init?(symbol: Token.Symbol) {
        switch symbol {
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        case .less: self = .less
        case .lessEqual: self = .lessEqual
        case .greater: self = .greater
        case .greaterEqual: self = .greaterEqual
        default: return nil
        }
    }
}
