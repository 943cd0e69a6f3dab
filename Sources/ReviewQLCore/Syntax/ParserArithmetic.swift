/// The parse functions of arithmetic: `+ - * /` over operands, in the usual order (`*` and `/`
/// before `+` and `-`, left to right), unary minus, `round(x, n)`, `days between a and b`, and
/// `as name`. Each opens with its grammar rule.
extension Parser {
    /// How many operators one statement's arithmetic may hold: far beyond any real question,
    /// well short of a tree deep enough to exhaust the stack when it is bound or evaluated.
    static let maximumOperators = 200

    /// operand = term { ( "+" | "-" ) term } ;
    mutating func operand() throws(ParseProblem) -> Expression {
        var left = try term()
        while let op = additiveOperator() {
            let right = try term()
            left = try combine(op, left, right)
        }
        return left
    }

    /// term = unary { ( "*" | "/" ) unary } ;
    mutating func term() throws(ParseProblem) -> Expression {
        var left = try unary()
        while check(.star) || check(.slash) {
            let op: ArithmeticOperator = advance().kind == .symbol(.star) ? .multiply : .divide
            let right = try unary()
            left = try combine(op, left, right)
        }
        return left
    }

    /// unary = "-" unary | "(" operand ")" | primary ;
    mutating func unary() throws(ParseProblem) -> Expression {
        if check(.minus) {
            let minus = advance()
            try enterNesting(at: minus)
            defer { nesting -= 1 }
            let inner = try unary()
            let range = minus.range.union(inner.range)
            // `-3` after a word the lexer reads as a minus and a number: it is the number -3.
            switch inner.kind {
            case .literal(.integer(let n)) where n != .min: return Expression(.literal(.integer(-n)), range)
            case .literal(.decimal(let d)): return Expression(.literal(.decimal(-d)), range)
            default: return Expression(.arithmetic(.negate(inner)), range)
            }
        }
        if check(.leftParen) {
            let open = advance()
            try enterNesting(at: open)
            defer { nesting -= 1 }
            let inner = try operand()
            try closeParen(opened: open)
            return Expression(inner.kind, open.range.union(previous.range))
        }
        return try primary()
    }

    /// `+` or `-` between two terms (the lexer reads `x -3` as `x - 3`).
    private mutating func additiveOperator() -> ArithmeticOperator? {
        if check(.plus) { advance(); return .add }
        if check(.minus) { advance(); return .subtract }
        return nil
    }

    private mutating func combine(_ op: ArithmeticOperator, _ left: Expression, _ right: Expression) throws(ParseProblem) -> Expression {
        operators += 1
        if operators > Self.maximumOperators { throw .expressionTooLong(limit: Self.maximumOperators, at: right.range) }
        return Expression(.arithmetic(.operation(op, left, right)), left.range.union(right.range))
    }

    /// round = "round" "(" operand [ "," number ] ")" ;
    /// difference = ( "days" | "months" | "years" ) "between" operand "and" operand ;
    /// nil when the next words are neither (a column or function named so is left to `primary`).
    mutating func roundOrDateDifference() throws(ParseProblem) -> Expression? {
        let word = peek
        if ContextWord.round.matches(word.text), peek(1).kind == .symbol(.leftParen) {
            advance()
            let open = advance()
            try enterNesting(at: open)
            defer { nesting -= 1 }
            let inner = try operand()
            var digits = 0
            if match(.comma) {
                let number = peek
                guard number.kind == .number, let places = Int(number.text), (0...15).contains(places) else {
                    throw .roundNeedsPlaces(at: number.range)
                }
                advance()
                digits = places
            }
            try closeParen(opened: open)
            return Expression(.arithmetic(.round(inner, digits: digits)), word.range.union(previous.range))
        }
        if let unit = DateUnit(word: word.text), peek(1).kind == .word, peek(1).keyword == .between {
            advance()
            advance()
            let from = try operand()
            try consume(.and, .andBetweenEnds)
            let to = try operand()
            return Expression(.arithmetic(.dateDifference(unit, from: from, to: to)), word.range.union(to.range))
        }
        return nil
    }

    /// `year between 2008 and 2010` with nothing compared after it is the condition on a column
    /// called `year`, not the years between two dates; nil when `left` is no such thing.
    mutating func columnBetween(_ left: Expression) -> Expression? {
        guard case .arithmetic(.dateDifference(_, let low, let high)) = left.kind, !continuesPredicate else { return nil }
        guard let unitWord = tokens.first(where: { $0.range.start == left.range.start }) else { return nil }
        let column = Expression(.word(unitWord.text), unitWord.range)
        return Expression(.between(column, low, high, negated: false), left.range)
    }

    /// Whether the next token carries on a predicate (a comparison, `in`, `is` ...).
    private var continuesPredicate: Bool {
        if case .symbol(let symbol) = peek.kind, Comparison(symbol: symbol) != nil { return true }
        return [.not, .in, .between, .contains, .starts, .ends, .is].contains(where: { check($0) })
    }

    /// predicate = "(" condition ")" ... ; a `(` may also open arithmetic (`(a + b) / 2 > 3`):
    /// the condition is tried first, and when it is not one the predicate is read again from
    /// the `(` as an operand. nil when it is arithmetic.
    mutating func parenthesisedCondition() throws(ParseProblem) -> Expression? {
        let saved = (current, nesting, operators)
        let open = advance()
        do {
            try enterNesting(at: open)
            defer { nesting -= 1 }
            let inner = try condition()
            try closeParen(opened: open)
            if !startsArithmetic && !continuesPredicate {
                return Expression(inner.kind, open.range.union(previous.range))
            }
        } catch {
            (current, nesting, operators) = saved
            // Not a condition: arithmetic, or a mistake best reported as a condition's.
            if (try? arithmeticPredicateParses()) == true { return nil }
            throw error
        }
        (current, nesting, operators) = saved
        return nil
    }

    /// Whether the predicate from here parses with its `(` read as arithmetic; the position is
    /// put back either way.
    private mutating func arithmeticPredicateParses() throws(ParseProblem) -> Bool {
        let saved = (current, nesting, operators)
        defer { (current, nesting, operators) = saved }
        _ = try operand()
        return continuesPredicate
    }

    private var startsArithmetic: Bool { isArithmetic(peek) }

    func isArithmetic(_ token: Token) -> Bool {
        [.symbol(.plus), .symbol(.minus), .symbol(.star), .symbol(.slash)].contains(token.kind)
    }

    /// named = operand [ "as" name ] ;  (`as table`, `as chart`, `as crosstab` show the result)
    mutating func named(_ expression: Expression) throws(ParseProblem) -> Expression {
        guard check(.as), !isPresentation(peek(1)), !isChartForm(at: 1) else { return expression }
        advance()
        let name = try self.name(.expressionName)
        return Expression(.named(expression, name), expression.range.union(name.range))
    }

    /// `as chart`, `as table`, `as crosstab`, `as funnel`, or a word that means one of them (`as graph`),
    /// which gets the presentation's error rather than naming a column "graph".
    private func isPresentation(_ token: Token) -> Bool {
        token.kind == .word && (ContextWord.table.matches(token.text) || ContextWord.chart.matches(token.text)
                                || ContextWord.crosstab.matches(token.text) || ContextWord.funnel.matches(token.text)
                                || Self.presentationLike.contains(token.text.lowercased()))
    }

    /// `line chart`, `stacked chart` ... starting `offset` tokens ahead: a chart's form, not a name.
    private func isChartForm(at offset: Int) -> Bool {
        let word = peek(offset).text.lowercased()
        return ContextWord.chart.matches(peek(offset + 1).text) && ChartForm.allCases.contains { $0.word == word }
    }

    static let presentationLike: Set<String> = ["graph", "plot", "bar", "bars", "barchart", "pie", "histogram", "pivot", "grid"]

    /// Whether the head starts with arithmetic rather than a verb: `round(...)` or `(`.
    var startsMeasureExpression: Bool {
        check(.leftParen) || (ContextWord.round.matches(peek.text) && peek(1).kind == .symbol(.leftParen))
    }

    /// measure-item = ( measure | operand ) [ "as" name ] ;
    /// An operand here is arithmetic over measures: `sum deaths / sum children * 100 as rate`.
    mutating func measureItem() throws(ParseProblem) -> Measure {
        let start = current
        var measure: Measure
        if startsMeasureExpression {
            measure = try computedMeasure()
        } else {
            measure = try self.measure()
            if startsArithmetic {
                current = start
                measure = try computedMeasure()
            }
        }
        if check(.as), !isPresentation(peek(1)), !isChartForm(at: 1) {
            advance()
            let name = try self.name(.expressionName)
            measure.name = name
            measure.range = measure.range.union(name.range)
        }
        return measure
    }

    private mutating func computedMeasure() throws(ParseProblem) -> Measure {
        let expression = try operand()
        var measure = Measure(function: .count, argument: nil, range: expression.range)
        measure.computed = expression
        return measure
    }

    /// confidence = "with" number [ "%" ] "ci" ;  (at the end of a statement: `proportion ...
    /// with 90% ci`, `compare 20 of 50 with 59 of 173 with 90% ci`)
    mutating func confidenceClause() throws(ParseProblem) {
        advance()
        try confidenceLevel(afterWith: true)
    }

    /// The level and its `ci` after `with`: `90% ci`, `90 % confidence`, `99% ci`.
    mutating func confidenceLevel(afterWith: Bool) throws(ParseProblem) {
        let number = peek
        guard number.kind == .number, let percent = Double(number.text), percent > 50, percent < 100 else {
            throw .confidenceLevel(at: number.range)
        }
        advance()
        _ = match(.percentSign)
        guard check(.ci) else { throw .confidenceLevel(at: peek.range) }
        advance()
        if ContextWord.ci.matches(peek.text) { advance() }  // `confidence interval`
        confidenceLevel = percent / 100
    }
}
