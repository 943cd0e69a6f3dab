/// Builds a `Statement` from one statement's tokens (see `StatementSplitter`).
///
/// A recursive-descent parser with one method per grammar rule; each method opens with the
/// rule it implements. The parser knows nothing of datasets or columns: `Binder` resolves names.
/// The whole grammar is in docs/LANGUAGE.md; which words start which statement is in
/// `Vocabulary.entries`. The rules live in ParserStatements.swift, ParserQueries.swift and
/// ParserConditions.swift; this file holds the dispatcher and the parser's small vocabulary.
/// Errors are `ParseProblem` values, worded in ParseProblem.swift.
public struct Parser {
    let tokens: [Token]
    var current = 0
    /// How many parentheses and `not`s enclose the current position.
    var nesting = 0
    /// How many arithmetic operators the statement has so far (see `maximumOperators`).
    var operators = 0
    /// `with 90% ci`: the statement's own confidence level, as a fraction.
    var confidenceLevel: Double?
    /// `chart count ...`: the query is drawn as a chart, so it may end with captions.
    var chartAhead = false

    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses the text of a single statement (lexing it first).
    public static func parse(_ text: String) throws(Diagnostic) -> Statement {
        var parser = Parser(tokens: try statementTokens(text))
        return try parser.statement()
    }

    /// The tokens of the first statement in `text`, newlines left out, ending with `.end`.
    static func statementTokens(_ text: String) throws(Diagnostic) -> [Token] {
        var tokens = try Lexer.tokens(text).filter { $0.kind != .newline }
        if let semicolon = tokens.firstIndex(where: { $0.kind == .symbol(.semicolon) }) {
            tokens = Array(tokens[..<semicolon]) + [tokens.last!]
        }
        return tokens
    }

    /// The statement, or its problem in words.
    public mutating func statement() throws(Diagnostic) -> Statement {
        if let (construct, range) = AbsentConstruct.find(in: tokens, parseFailed: false) {
            throw ParseProblem.absent(construct, at: range).diagnostic
        }
        do { return try parseStatement() } catch {
            // A construct ReviewQL lacks says so, rather than the error it led the parser to.
            if let (construct, range) = AbsentConstruct.find(in: tokens, parseFailed: true) {
                throw ParseProblem.absent(construct, at: range).diagnostic
            }
            throw error.diagnostic
        }
    }

    // MARK: Statements

    /// statement = command | query ;
    ///
    /// The vocabulary table says which rule a statement's first words start; one line a rule.
    mutating func parseStatement() throws(ParseProblem) -> Statement {
        // A parameter's value is never a word of the grammar: `show :what` is not `show last`.
        let second = peek(1).parameter == nil ? peek(1).text : ""
        let form = peek.kind == .word ? Vocabulary.statementForm(first: peek.text, second: second) : nil
        let result: Statement
        switch form?.rule {
        case .load?: result = try load()
        case .datasets?: result = try datasets()
        case .describe?: result = try describe()
        case .set?: result = try set()
        case .dotMode?: result = try dotMode()
        case .dotTimer?: result = try dotTimer()
        case .timer?: result = try timer()
        case .quit?: result = try quit()
        case .save?: result = try save()
        case .record?: result = try record()
        case .explain?: result = try explain()
        case .proportion?: result = try proportion()
        case .compare?: result = try compare()
        case .rate?: result = try rate()
        case .showUnmatched?: result = try showUnmatched()
        case .showSQL?: result = try showSQL()
        case .showLast?: result = try showLast()
        case .copyLast?: result = try copyLast()
        case .presented?: result = try presented()
        case .dotHelp?: result = try dotHelp()
        case .help?: result = try help()
        case .run?: result = try run()
        case .pause?: result = try pause()
        case .showParameters?: result = try showParameters()
        case nil: result = .query(try query())
        }
        if check(.with), peek(1).kind == .number { try confidenceClause() }
        try expectEnd()
        if let confidenceLevel { return .withConfidence(level: confidenceLevel, result) }
        return result
    }

    // MARK: Errors

    func unknownStart(_ token: Token) -> ParseProblem {
        if token.kind == .end { return .emptyStatement(at: token.range) }
        return .unknownStart(token: token.described, word: token.text, at: token.range)
    }

    mutating func expectEnd() throws(ParseProblem) {
        guard peek.kind != .end else { return }
        let token = peek
        if token.kind == .symbol(.rightParen) { throw .closesNothing(at: token.range) }
        let isPlainWord = token.kind == .word && token.keyword == nil
        throw .unexpected(token: token.described, word: isPlainWord ? token.text : nil, at: token.range)
    }

    mutating func closeParen(opened open: Token) throws(ParseProblem) {
        guard match(.rightParen) else { throw .unclosedParenthesis(found: peek.described, at: open.range) }
    }

    /// How an operand reads in an error: `'authority'`, `the measure 'count'`.
    func wording(of expression: Expression) -> String {
        switch expression.kind {
        case .word(let word), .column(let word): return "'\(word)'"
        case .aggregate(let function, _, _): return "the measure '\(function.rawValue)'"
        case .call(let function, _): return "'\(function.text)(...)'"
        default: return "the value"
        }
    }

    /// The source text a range covers, rebuilt from the tokens inside it.
    func text(of range: SourceRange) -> String {
        tokens.filter { $0.range.start >= range.start && $0.range.end <= range.end && $0.kind != .end }
            .map { $0.kind == .string ? "\"\($0.text)\"" : $0.text }.joined(separator: " ")
    }

    // MARK: The parser's vocabulary: peek, advance, check, match, consume

    var peek: Token { tokens[min(current, tokens.count - 1)] }
    func peek(_ offset: Int) -> Token { tokens[min(current + offset, tokens.count - 1)] }
    var previous: Token { tokens[max(current - 1, 0)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek
        if current < tokens.count - 1 { current += 1 }
        return token
    }

    func check(_ keyword: Keyword) -> Bool { peek.kind == .word && peek.keyword == keyword }
    func check(_ symbol: Token.Symbol) -> Bool { peek.kind == .symbol(symbol) }
    /// Whether the next token spells `word`, one of the words that are not reserved (`last`,
    /// `ties`, `percent`). Its kind is not asked, as it never was: `save "last"` still reads.
    func check(_ word: ContextWord) -> Bool { peek.parameter == nil && word.matches(peek.text) }

    mutating func match(_ keyword: Keyword) -> Bool {
        guard check(keyword) else { return false }
        advance()
        return true
    }

    mutating func match(_ symbol: Token.Symbol) -> Bool {
        guard check(symbol) else { return false }
        advance()
        return true
    }

    mutating func consume(_ keyword: Keyword, _ missing: ParseProblem.MissingWord) throws(ParseProblem) {
        guard match(keyword) else { throw .missingWord(missing, found: peek.described, at: peek.range) }
    }

    mutating func consume(_ symbol: Token.Symbol, _ missing: ParseProblem.MissingWord) throws(ParseProblem) {
        guard match(symbol) else { throw .missingWord(missing, found: peek.described, at: peek.range) }
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
