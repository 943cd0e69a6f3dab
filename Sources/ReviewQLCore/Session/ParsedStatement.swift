/// One statement of a text, lexed and parsed once: what the run executes, and what
/// `ColumnDemand` reads before any data is loaded, so neither lexes nor parses it again.
public struct ParsedStatement: Sendable {
    public enum Content: Sendable {
        case statement(Statement)
        /// The lexer or the parser stopped here; reported when the run reaches it, in order.
        case failed(Diagnostic)
    }

    public var content: Content
    /// The statement's tokens (empty after a lexing error): the words `ColumnDemand` looks for.
    public var tokens: [Token]
    /// The text the statement spans, for `record`; nil after a lexing error.
    public var range: SourceRange?
    /// The tokens as written, when the statement uses a parameter (`:authority`): the run
    /// binds them to the parameters' values as they are when it runs (`bound(to:)`).
    public var unbound: [Token]?

    /// Splits `source` into statements and parses each one.
    public static func all(in source: SourceText) -> [ParsedStatement] {
        all(StatementSplitter.split(source.text))
    }

    /// Text typed at the prompt, parsed, or nil while it needs another line.
    public static func typed(_ text: String) -> [ParsedStatement]? {
        StatementSplitter.splitIfComplete(text).map(all)
    }

    private static func all(_ pieces: [StatementSplitter.Piece]) -> [ParsedStatement] {
        pieces.map(parsed)
    }

    static func parsed(_ piece: StatementSplitter.Piece) -> ParsedStatement {
        switch piece {
        case .lexError(let error):
            return ParsedStatement(content: .failed(error), tokens: [], range: nil)
        case .statement(let tokens, let range):
            return parse(tokens, range)
        }
    }

    static func parse(_ tokens: [Token], _ range: SourceRange) -> ParsedStatement {
        if tokens.contains(where: { $0.kind == .parameter }) {
            // Parsed when bound to the parameters' values (Parameters.swift).
            return ParsedStatement(content: .failed(ParameterProblem.unbound.diagnostic), tokens: tokens, range: range, unbound: tokens)
        }
        var parser = Parser(tokens: tokens)
        do throws(Diagnostic) {
            return ParsedStatement(content: .statement(try parser.statement()), tokens: tokens, range: range)
        } catch {
            return ParsedStatement(content: .failed(error), tokens: tokens, range: range)
        }
    }
}

/// The statements of a text, split and parsed one at a time as a run reaches them
/// (`StatementSplitter.Stream`): a long script is never held parsed whole, and its run's
/// memory does not grow with its length.
public struct ParsedStatements: Sequence, IteratorProtocol {
    private var splitter: StatementSplitter.Stream
    /// The parameters the statements are bound to as they are read, as `ParsedStatement.all`'s
    /// caller binds them (each is bound again, to the values then, when it runs).
    private let parameters: Parameters?

    init(_ source: SourceText, parameters: Parameters?) {
        splitter = StatementSplitter.Stream(source.text)
        self.parameters = parameters
    }

    public mutating func next() -> ParsedStatement? {
        guard let piece = splitter.next() else { return nil }
        let statement = ParsedStatement.parsed(piece)
        return parameters.map { statement.bound(to: $0) } ?? statement
    }
}
