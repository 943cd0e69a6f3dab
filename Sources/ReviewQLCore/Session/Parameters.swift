/// A script's parameters: the values given from outside the script (`--set authority=Norfolk`
/// on the command line, `set parameter authority to Norfolk` at the prompt), which the script
/// uses as `:authority`, as psql's scripts use their variables.
///
/// A parameter always stands for one value, never for syntax: the lexer reads `:authority` as
/// one token (`Token.Kind.parameter`), and before the statement is parsed that token is
/// replaced by one literal token, a text, a number or a date, with the same place in the text
/// (`ParsedStatement.bound(to:)`). Whatever the value holds (quotes, `;`, `or 1=1`, a line
/// break), it is the contents of that one literal: it cannot end the statement, add a
/// condition or name a column.
public struct Parameters: Sendable {
    /// Where a parameter's value came from: `show parameters` says, and only a value given on
    /// the command line gets a note when no statement used it.
    public enum Origin: Sendable, Equatable {
        case commandLine
        case statement
    }

    public struct Entry: Sendable {
        /// The name as first given, for messages.
        public var name: String
        public var value: ParameterValue
        public var origin: Origin
        /// Whether a statement that ran used it.
        var used = false
    }

    /// By lowercased name (parameters match in any case, as names do), in the order given.
    private var entries: [String: Entry] = [:]
    private var order: [String] = []

    public init() {}

    /// Whether `name` can name a parameter: a letter or `_`, then letters, digits and `_`, as
    /// the lexer reads what follows `:`.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic || first.value >= 0x80 else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0.value >= 0x80 }
    }

    /// Gives `name` a value; returns the value it had before, if any.
    @discardableResult
    public mutating func set(_ name: String, to value: ParameterValue, from origin: Origin) -> Entry? {
        let key = name.lowercased()
        let previous = entries[key]
        if previous == nil { order.append(key) }
        entries[key] = Entry(name: previous?.name ?? name, value: value, origin: origin)
        return previous
    }

    public func value(of name: String) -> ParameterValue? { entries[name.lowercased()]?.value }

    public func has(_ name: String) -> Bool { entries[name.lowercased()] != nil }

    mutating func markUsed(_ name: String) { entries[name.lowercased()]?.used = true }

    /// Every parameter, in the order given.
    var all: [Entry] { order.compactMap { entries[$0] } }

    /// The names given, as written.
    public var names: [String] { all.map(\.name) }

    public var isEmpty: Bool { entries.isEmpty }

    /// The values given with `--set` that no statement that ran has used.
    public var unusedFromCommandLine: [(name: String, value: ParameterValue)] {
        all.filter { $0.origin == .commandLine && !$0.used }.map { ($0.name, $0.value) }
    }
}

/// One parameter's value, and whether it goes into a statement as text, a number or a date.
public struct ParameterValue: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case text, number, date
    }

    public var text: String
    public var kind: Kind

    public init(text: String, kind: Kind) {
        self.text = text
        self.kind = kind
    }

    /// A value typed on the command line (`--set year=2009`): a number when it is written
    /// as one (`2009`, `-3`, `2.5`: no leading zero, so a code such as `0881` stays text), a
    /// date when it is one in the language's forms (`2009-04-01`, `01/04/2009`), text
    /// otherwise.
    public init(typed text: String) {
        self.text = text
        if Self.isPlainNumber(text) {
            kind = .number
        } else if Self.isDate(text) {
            kind = .date
        } else {
            kind = .text
        }
    }

    /// The value of a token (`set parameter year to 2009`): the kind it was written as.
    init(token: Token) {
        text = token.text
        switch token.kind {
        case .number: kind = .number
        case .date: kind = .date
        default: kind = .text
        }
    }

    /// The literal token that stands where the parameter was written.
    func token(for use: Token) -> Token {
        let kind: Token.Kind
        switch self.kind {
        case .text: kind = .string
        case .number: kind = .number
        case .date: kind = .date
        }
        var token = Token(kind, text, use.range)
        token.parameter = use.text
        token.isIndentedLineStart = use.isIndentedLineStart
        return token
    }

    /// How the value reads in messages: text in quotes, numbers and dates bare.
    public var shown: String {
        kind == .text ? "\"" + text.replacingAll("\"", with: "\"\"") + "\"" : text
    }

    private static func isPlainNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.hasPrefix("-") { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit),
              whole == "0" || whole.first != "0" else { return false }
        return parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit))
    }

    private static func isDate(_ text: String) -> Bool {
        guard let tokens = try? Lexer.tokens(text), tokens.count == 2, tokens[0].kind == .date,
              tokens[0].text == text else { return false }
        if case .date = CivilDate.parse(Substring(text)) { return true }
        return false
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension ParsedStatement {
    /// The parameters the statement uses (`:authority`), as written, in order.
    public var parameterUses: [Token] { (unbound ?? []).filter { $0.kind == .parameter } }

    /// The statement with each parameter's value in place, parsed; when a parameter has no
    /// value, the statement fails with the error that says how to give it.
    func bound(to parameters: Parameters) -> ParsedStatement {
        guard let unbound, let range else { return self }
        var tokens: [Token] = []
        var missing: [Token] = []
        for token in unbound {
            guard token.kind == .parameter else {
                tokens.append(token)
                continue
            }
            if let value = parameters.value(of: token.text) {
                tokens.append(value.token(for: token))
            } else if !missing.contains(where: { $0.text.lowercased() == token.text.lowercased() }) {
                missing.append(token)
            }
        }
        guard missing.isEmpty else {
            let problem = ParameterProblem.notGiven(names: missing.map(\.text), given: parameters.names,
                                                    script: nil, at: missing[0].range)
            return ParsedStatement(content: .failed(problem.diagnostic), tokens: unbound, range: range, unbound: unbound)
        }
        var parsed = ParsedStatement.parse(tokens, range)
        parsed.unbound = unbound
        return parsed
    }
}
