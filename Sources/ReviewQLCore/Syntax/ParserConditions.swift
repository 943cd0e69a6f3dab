/// The parse functions of conditions and operands, from `or` down to a single value.
extension Parser {
    /// condition = conjunction { "or" conjunction } ;
    mutating func condition() throws(ParseProblem) -> Expression {
        var terms = [try conjunction()]
        while match(.or) { terms.append(try conjunction()) }
        return balanced(terms) { .or($0, $1) }
    }

    /// conjunction = negation { "and" negation } ;
    mutating func conjunction() throws(ParseProblem) -> Expression {
        var terms = [try negation()]
        while match(.and) { terms.append(try negation()) }
        return balanced(terms) { .and($0, $1) }
    }

    /// A chain of `and` (or `or`) terms as a balanced tree, so that 10,000 terms make a tree
    /// 14 levels deep rather than 10,000, and nothing that walks it can run out of stack.
    func balanced(_ terms: [Expression], _ combine: (Expression, Expression) -> ExpressionKind) -> Expression {
        if terms.count == 1 { return terms[0] }
        let middle = terms.count / 2
        let left = balanced(Array(terms[..<middle]), combine), right = balanced(Array(terms[middle...]), combine)
        return Expression(combine(left, right), left.range.union(right.range))
    }

    /// How deeply parentheses and `not` may nest: far beyond any real question, well short of
    /// what would exhaust the stack.
    static let maximumNesting = 100

    /// negation = "not" negation | predicate ;
    mutating func negation() throws(ParseProblem) -> Expression {
        if check(.not) {
            let notToken = advance()
            try enterNesting(at: notToken)
            defer { nesting -= 1 }
            let inner = try negation()
            return Expression(.not(inner), notToken.range.union(inner.range))
        }
        return try predicate()
    }

    mutating func enterNesting(at token: Token) throws(ParseProblem) {
        nesting += 1
        if nesting > Self.maximumNesting {
            throw .nestedTooDeeply(at: token.range)
        }
    }

    /// predicate = "(" condition ")"
    ///           | operand ( comparison operand | [ "not" ] "in" "(" operand { "," operand } ")"
    ///                     | [ "not" ] "between" operand "and" operand
    ///                     | [ "not" ] ( "contains" | "starts" "with" | "ends" "with" ) operand
    ///                     | "is" [ "not" ] ( "missing" | "null" ) ) ;
    mutating func predicate() throws(ParseProblem) -> Expression {
        if check(.leftParen), let grouped = try parenthesisedCondition() { return grouped }
        let left = try operand()
        if let between = columnBetween(left) { return between }
        let negated = match(.not)
        let operatorToken = peek
        let kind: ExpressionKind
        if case .symbol(let symbol) = operatorToken.kind, let comparison = Comparison(symbol: symbol), !negated {
            advance()
            let right = try valueOperand()
            kind = .compare(comparison, left, right)
        } else if match(.in) {
            let open = peek
            try consume(.leftParen, .listAfterIn)
            var values: [Expression] = []
            if !check(.rightParen) {
                repeat { values.append(try valueOperand()) } while match(.comma)
            }
            try closeParen(opened: open)
            kind = .inList(left, values, negated: negated)
        } else if match(.between) {
            let low = try valueOperand()
            try consume(.and, .andBetweenEnds)
            let high = try valueOperand()
            kind = .between(left, low, high, negated: negated)
        } else if match(.contains) {
            kind = .textMatch(.contains, left, try valueOperand(), negated: negated)
        } else if check(.starts) || check(.ends) {
            let which: TextMatch = advance().keyword == .starts ? .startsWith : .endsWith
            try consume(.with, .withAfter(previous.text))
            kind = .textMatch(which, left, try valueOperand(), negated: negated)
        } else if match(.is) {
            let isNegated = match(.not)
            guard match(.missing) || match(.null) else {
                throw .expectedMissing(at: peek.range)
            }
            kind = .isMissing(left, negated: isNegated != negated)
        } else {
            throw .expectedComparison(subject: wording(of: left), found: operatorToken.described, at: operatorToken.range)
        }
        return Expression(kind, left.range.union(previous.range))
    }

    // MARK: Operands

    /// A value on the right of a comparison. Two bare words in a row are almost always a
    /// value with a space in it, so say how to quote it.
    mutating func valueOperand() throws(ParseProblem) -> Expression {
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
                throw .conditionsNeedJoining(at: tokens[current].range)
            }
            throw .valueNeedsQuotes(words: words, at: value.range.union(end))
        }
        return value
    }

    /// primary = word [ "(" operand ")" ] | `name` | string | number | date
    ///         | aggregate [ "distinct" ] [ "(" operand ")" | primary ]
    ///         | "round" "(" operand [ "," number ] ")" | unit "between" operand "and" operand ;
    /// (`operand`, the arithmetic over these, is in ParserArithmetic.swift.)
    mutating func primary() throws(ParseProblem) -> Expression {
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
                throw .notADate(token.text, at: token.range)
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
                        argument = try primary()
                    }
                    return Expression(.aggregate(function, argument, distinct: distinct), token.range.union(previous.range))
                }
                // After `+` the keyword is a missing operand, not a value to quote.
                if isArithmetic(previous) { throw .expectedOperand(found: token.described, at: token.range) }
                throw .keywordAsOperand(token: token.described, word: token.text, at: token.range)
            }
            if let special = try roundOrDateDifference() { return special }
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
            throw .endsTooSoon(at: token.range)
        default:
            throw .expectedOperand(found: token.described, at: token.range)
        }
    }

    mutating func expressionList() throws(ParseProblem) -> [Expression] {
        var items: [Expression] = []
        repeat { items.append(try named(try operand())) } while match(.comma)
        return items
    }

    mutating func name(_ role: ParseProblem.NameRole) throws(ParseProblem) -> Name {
        let token = peek
        // A parameter stands for a value, never for a dataset's or a column's name.
        guard token.kind == .word || token.kind == .quotedName || token.kind == .string, token.parameter == nil else {
            throw .expectedName(role, found: token.described, at: token.range)
        }
        if let keyword = token.keyword, token.kind == .word {
            throw .expectedName(role, found: "the keyword '\(keyword.rawValue)'", at: token.range)
        }
        advance()
        return Name(token.text, token.range)
    }
}
