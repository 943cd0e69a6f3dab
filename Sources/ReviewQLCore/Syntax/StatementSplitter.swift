/// Splits script text into statements.
///
/// A `;` always ends a statement. A line break ends one too, unless
/// - the statement is visibly unfinished: it ends in a word that needs more (`where`, `and`,
///   `group by`, `in`, `from`, a verb ...), an operator, a comma, or has an unclosed `(`; or
/// - the next line continues it: it starts with a clause word (`where`, `and`, `or`, `group`,
///   `order`, `having`, `limit`, `from`, `join`, `on`, `as`), a `,` or `)`, or is indented.
/// A blank line always ends a statement. The shell asks `splitIfComplete` whether to show a
/// continuation prompt or run what was typed, so both follow the same rule in one pass. Which words do what is in the
/// vocabulary: `Keyword.leavesUnfinished`, `Keyword.continuesStatement`, and the commands
/// that end with their line (`Vocabulary.lineCommandWords`).
public enum StatementSplitter {
    /// One statement's tokens (newlines removed, ending with `.end`) and the range it spans;
    /// or the error that stopped the lexer there.
    public enum Piece: Sendable {
        case statement(tokens: [Token], range: SourceRange)
        case lexError(Diagnostic)
    }

    /// Splits `text`; statements before a lexing error are kept, and lexing goes on after an
    /// unexpected character (but not after an unterminated string, which swallows the rest).
    public static func split(_ text: String) -> [Piece] {
        splitting(text).pieces
    }

    /// The statements of text typed at the prompt, or nil when it needs another line: its last
    /// statement is unfinished or a quote is open. One pass gives both, so the shell lexes
    /// what it runs once.
    public static func splitIfComplete(_ text: String) -> [Piece]? {
        let (pieces, needsMore) = splitting(text)
        return needsMore ? nil : pieces
    }

    private static func splitting(_ text: String) -> (pieces: [Piece], needsMore: Bool) {
        var stream = Stream(text)
        var pieces: [Piece] = []
        while let piece = stream.next() { pieces.append(piece) }
        return (pieces, stream.needsMore)
    }

    /// The statements of a text one at a time, as they are asked for: a script's run holds
    /// only the statement it is running, never all of them at once (a script of a million
    /// statements held whole, lexed and parsed, took 1.3 GB: issue 22's soak).
    public struct Stream {
        private var lexer: Lexer
        private var current: [Token] = []
        private var depth = 0
        private var previousWasNewline = false
        private var pendingNewline = false
        /// Pieces finished and not yet given out (one step can finish two: a statement and a
        /// lexing error after it).
        private var ready: [Piece] = []
        private var done = false
        /// At the end: whether the last statement was unfinished or a quote was left open.
        public private(set) var needsMore = false

        public init(_ text: String) { lexer = Lexer(text) }

        /// The next piece, or nil at the end of the text.
        public mutating func next() -> Piece? {
            while ready.isEmpty && !done { step() }
            return ready.isEmpty ? nil : ready.removeFirst()
        }

        private mutating func finish() {
            if !current.isEmpty {
                let range = current.first!.range.union(current.last!.range)
                let end = Token(.end, "", SourceRange(range.end, range.end))
                ready.append(.statement(tokens: current + [end], range: range))
            }
            current = []
            depth = 0
        }

        private mutating func end(needingMore: Bool) {
            needsMore = needingMore
            done = true
        }

        /// Reads one token (or one lexing error and the rest of its statement).
        private mutating func step() {
            let token: Token
            do {
                token = try lexer.next()
            } catch {
                // SQL typed by habit (`r.authority`) is kept whole for Session to translate,
                // whatever ReviewQL's lexer makes of it.
                if let first = current.first, SQLTranslator.looksLikeSQL(first.text), !error.isUnclosed { return }
                // The statement the error sits in is broken: report the error instead of it.
                current = []
                depth = 0
                ready.append(.lexError(error.diagnostic))
                guard !error.isUnclosed else { return end(needingMore: true) }
                // Skip the rest of the statement, on to the next line or `;`.
                while true {
                    guard let skipped = try? lexer.next() else { continue }
                    if skipped.kind == .end { return end(needingMore: false) }
                    if skipped.kind == .newline || skipped.kind == .symbol(.semicolon) { break }
                }
                pendingNewline = false
                previousWasNewline = true
                return
            }
            switch token.kind {
            case .end:
                let unfinished = !current.isEmpty && isUnfinished(current, depth: depth)
                finish()
                end(needingMore: unfinished)
            case .symbol(.semicolon):
                finish()
                pendingNewline = false
                previousWasNewline = false
            case .newline:
                if previousWasNewline {
                    finish()
                    pendingNewline = false
                } else if !current.isEmpty {
                    pendingNewline = !isUnfinished(current, depth: depth)
                }
                previousWasNewline = true
            default:
                if pendingNewline && !continues(token) { finish() }
                pendingNewline = false
                previousWasNewline = false
                if token.kind == .symbol(.leftParen) { depth += 1 }
                if token.kind == .symbol(.rightParen) { depth = max(0, depth - 1) }
                current.append(token)
            }
        }
    }

    /// Whether text typed so far needs another line before it can run: an open quote, an open
    /// parenthesis, or a statement that ends in a word that needs more.
    public static func needsMoreInput(_ text: String) -> Bool {
        splitting(text).needsMore
    }

    static func isUnfinished(_ tokens: [Token], depth: Int) -> Bool {
        guard let last = tokens.last else { return false }
        // Commands (`help where`, `set timer on`) end with their line: their last word may be a
        // keyword, but it never waits for more.
        // So do sqlite3's dot-commands, the ones ReviewQL only answers (`.headers on`) too.
        let first = tokens[0].text.lowercased()
        if Vocabulary.lineCommandWords.contains(first) || first.hasPrefix(".") { return depth > 0 }
        if depth > 0 { return true }
        switch last.kind {
        case .symbol(let symbol):
            return symbol != .rightParen && symbol != .star
        case .word:
            guard let keyword = last.keyword, keyword.leavesUnfinished else { return false }
            // A verb needs its dataset when it stands alone; elsewhere (`having count`) it is a
            // measure that may end the statement.
            return AggregateFunction(keyword: keyword) == nil && keyword != .list || tokens.count == 1
        default:
            return false
        }
    }

    static func continues(_ token: Token) -> Bool {
        if token.isIndentedLineStart { return true }
        if let keyword = token.keyword, keyword.continuesStatement { return true }
        return token.kind == .symbol(.comma) || token.kind == .symbol(.rightParen)
    }
}
