/// A lexical token: what kind it is, the text it covers and where.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A word: a keyword when `keyword` is set, otherwise a name or a bare value.
        case word
        /// A name in backquotes, for columns whose names hold spaces.
        case quotedName
        case string
        case number
        case date
        case symbol(Symbol)
        /// A script parameter, `:authority`: `text` is its name, without the colon. It never
        /// reaches the parser: `ParsedStatement` puts the value given for it in its place.
        case parameter
        /// A line break; the statement splitter decides whether it ends a statement.
        case newline
        case end
    }

    /// Punctuation and operators.
    public enum Symbol: String, Sendable, CaseIterable {
        case leftParen = "(", rightParen = ")", comma = ",", semicolon = ";", star = "*"
        case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        /// Arithmetic; `*` is `star`. `×`, `÷` and `−` are read as `*`, `/` and `-`.
        case plus = "+", minus = "-", slash = "/"
        /// `with 90% ci`
        case percentSign = "%"
    }

    public var kind: Kind
    /// The token's value: the word as written, a string's contents without quotes, a number's digits.
    public var text: String
    public var range: SourceRange
    /// Set for words that are keywords (or their synonyms).
    public var keyword: Keyword?
    /// Whether the token is the first on its line and the line is indented.
    public var isIndentedLineStart: Bool = false
    /// For a value put in place of a parameter (`:authority`), the parameter's name: the value
    /// is a literal and never a word of the grammar.
    public var parameter: String?

    public init(_ kind: Kind, _ text: String, _ range: SourceRange, keyword: Keyword? = nil) {
        self.kind = kind
        self.text = text
        self.range = range
        self.keyword = keyword
    }

    /// Whether the token can end an operand: a name, a value or a `)`.
    var endsOperand: Bool {
        switch kind {
        case .word: return keyword == nil
        case .quotedName, .string, .number, .date, .parameter, .symbol(.rightParen): return true
        default: return false
        }
    }

    /// How the token reads in an error message.
    public var described: String {
        if let parameter { return ":\(parameter) (\(kind == .string ? "\"\(text)\"" : text))" }
        switch kind {
        case .parameter: return "':\(text)'"
        case .end: return "the end of the statement"
        case .newline: return "the end of the line"
        case .string: return "\"\(text)\""
        default: return "'\(text)'"
        }
    }
}
