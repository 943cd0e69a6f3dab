/// Turns statement text into tokens.
///
/// Works on UTF-8 bytes; every token carries its byte range so diagnostics can underline it.
/// `--` starts a comment that runs to the end of the line. Dates are written ISO
/// (`2009-01-01`) or the UK way (`01/01/2009`) and lexed as one token, before numbers are tried.
public struct Lexer {
    private let bytes: [UInt8]
    private var position = 0
    private var atLineStart = true
    /// After sqlite3's `.read`, `.output` or `.once`: the rest of the line is a file name.
    private var restOfLineIsText = false
    private var lineIsIndented = false
    /// Whether the last token ends an operand, so that a `-` after it subtracts (`x -3`, `2-1`)
    /// rather than starting a negative number.
    private var afterOperand = false

    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// All tokens, ending with `.end`; throws on an unterminated string or a stray character.
    public static func tokens(_ text: String) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(text)
        var result: [Token] = []
        while true {
            let token: Token
            do { token = try lexer.next() } catch { throw error.diagnostic }
            result.append(token)
            if token.kind == .end { return result }
        }
    }

    /// The next token.
    public mutating func next() throws(LexProblem) -> Token {
        skipBlanksAndComments()
        let start = position
        guard position < bytes.count else { return Token(.end, "", SourceRange(start, start)) }
        let wasLineStart = atLineStart
        atLineStart = false
        let byte = bytes[position]

        let rawRest = restOfLineIsText
        restOfLineIsText = false
        var token: Token
        switch byte {
        case _ where rawRest && byte != UInt8(ascii: "\n") && !startsQuote(at: position):
            // The file name after `.read`, `.output` or `.once`: the rest of the line, as typed
            // (sqlite3's `.read file.sql`). A name in quotes is lexed as any string, so
            // `.read "lesson.rql" step by step` keeps its words after it.
            var end = position
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var last = end
            while last > position, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: ";")].contains(bytes[last - 1]) { last -= 1 }
            position = end
            token = Token(.string, String(decoding: bytes[start..<last], as: UTF8.self), SourceRange(start, last))
        case UInt8(ascii: "\n"):
            position += 1
            atLineStart = true
            lineIsIndented = false
            token = Token(.newline, "\n", SourceRange(start, position))
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            token = try quoted(closing: byte, kind: .string)
        case UInt8(ascii: ".") where wasLineStart && position + 1 < bytes.count && isWordStart(bytes[position + 1]):
            // sqlite3-style dot commands (.help, .mode csv, .tables) at the start of a line.
            position += 1
            while position < bytes.count, isWordByte(bytes[position]) { position += 1 }
            token = Token(.word, String(decoding: bytes[start..<position], as: UTF8.self), SourceRange(start, position))
            restOfLineIsText = Vocabulary.dotCommandsTakingFile.contains(token.text.lowercased())
        case UInt8(ascii: "`"):
            token = try quoted(closing: byte, kind: .quotedName)
        case UInt8(ascii: ":") where position + 1 < bytes.count && isWordStart(bytes[position + 1]):
            // A script parameter, as psql writes it: `:authority`. Inside quotes it is text.
            position += 1
            while position < bytes.count, isWordByte(bytes[position]) { position += 1 }
            token = Token(.parameter, String(decoding: bytes[start + 1..<position], as: UTF8.self), SourceRange(start, position))
        case 0xE2 where curlyQuote(at: position) != nil:
            token = try curlyQuoted()
        case _ where byte >= 0xC3 && typographicOperator(at: position) != nil:
            // × ÷ − as printed in a report: the same as * / -.
            let (symbol, width) = typographicOperator(at: position)!
            position += width
            token = Token(.symbol(symbol), String(decoding: bytes[start..<position], as: UTF8.self), SourceRange(start, position))
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            token = number()
        case UInt8(ascii: "-") where position + 1 < bytes.count && isDigit(bytes[position + 1]) && !afterOperand:
            token = number()
        case _ where isWordStart(byte):
            // A hyphen between letters stays in the word: chi-square, Stockton-on-Tees.
            while position < bytes.count, isWordByte(bytes[position])
                    || (bytes[position] == UInt8(ascii: "-") && position + 1 < bytes.count && isWordStart(bytes[position + 1])) {
                position += 1
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            token = Token(.word, text, SourceRange(start, position), keyword: Keyword.named(text))
        default:
            token = try symbol()
        }
        token.isIndentedLineStart = wasLineStart && lineIsIndented
        afterOperand = token.endsOperand
        return token
    }

    private mutating func skipBlanksAndComments() {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                if atLineStart && byte != UInt8(ascii: "\r") { lineIsIndented = true }
                position += 1
            } else if byte == UInt8(ascii: "-"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "-") {
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            } else {
                return
            }
        }
    }

    /// A quoted string or name; a doubled quote stands for one quote character.
    private mutating func quoted(closing quote: UInt8, kind: Token.Kind) throws(LexProblem) -> Token {
        let start = position
        position += 1
        var content: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                if position + 1 < bytes.count, bytes[position + 1] == quote {
                    content.append(quote)
                    position += 2
                    continue
                }
                position += 1
                return Token(kind, String(decoding: content, as: UTF8.self), SourceRange(start, position))
            }
            content.append(byte)
            position += 1
        }
        throw .unclosed(isName: kind != .string, mark: String(UnicodeScalar(quote)), at: SourceRange(start, start + 1))
    }

    /// `×` (C3 97), `÷` (C3 B7) or the minus sign `−` (E2 88 92) at `index`, with its width in bytes.
    private func typographicOperator(at index: Int) -> (Token.Symbol, Int)? {
        guard index + 1 < bytes.count else { return nil }
        switch (bytes[index], bytes[index + 1]) {
        case (0xC3, 0x97): return (.star, 2)
        case (0xC3, 0xB7): return (.slash, 2)
        case (0xE2, 0x88) where index + 2 < bytes.count && bytes[index + 2] == 0x92: return (.minus, 3)
        default: return nil
        }
    }

    /// Text pasted from a document often comes in curly quotes: “like this” or ‘this’.
    /// Returns the width in bytes of the curly quote at `index`, if there is one.
    /// Whether a string in quotes, straight or curly, starts at `index`.
    private func startsQuote(at index: Int) -> Bool {
        bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") || curlyQuote(at: index) != nil
    }

    private func curlyQuote(at index: Int) -> Int? {
        guard index + 2 < bytes.count, bytes[index] == 0xE2, bytes[index + 1] == 0x80,
              [0x98, 0x99, 0x9C, 0x9D].contains(bytes[index + 2]) else { return nil }
        return 3
    }

    private mutating func curlyQuoted() throws(LexProblem) -> Token {
        let start = position
        position += 3
        let contentStart = position
        while position < bytes.count {
            if curlyQuote(at: position) != nil {
                let text = String(decoding: bytes[contentStart..<position], as: UTF8.self)
                position += 3
                return Token(.string, text, SourceRange(start, position))
            }
            position += 1
        }
        throw .unclosedCurly(at: SourceRange(start, start + 3))
    }

    /// A number (`12`, `-3`, `2.5`) or an ISO date (`2009-01-31`).
    private mutating func number() -> Token {
        let start = position
        if isDigit(bytes[position]), position + 10 <= bytes.count,
           bytes[position + 4] == UInt8(ascii: "-"), bytes[position + 7] == UInt8(ascii: "-"),
           (0..<10).allSatisfy({ $0 == 4 || $0 == 7 || isDigit(bytes[position + $0]) }),
           position + 10 == bytes.count || !isWordByte(bytes[position + 10]) {
            position += 10
            return Token(.date, String(decoding: bytes[start..<position], as: UTF8.self), SourceRange(start, position))
        }
        // The UK form dd/mm/yyyy, as dates are printed in the report (never month-first).
        if isDigit(bytes[position]), position + 10 <= bytes.count,
           bytes[position + 2] == UInt8(ascii: "/"), bytes[position + 5] == UInt8(ascii: "/"),
           (0..<10).allSatisfy({ $0 == 2 || $0 == 5 || isDigit(bytes[position + $0]) }),
           position + 10 == bytes.count || !isWordByte(bytes[position + 10]) {
            position += 10
            return Token(.date, String(decoding: bytes[start..<position], as: UTF8.self), SourceRange(start, position))
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), isDigit(bytes[position + 1]) {
            position += 1
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        // Letters straight after digits ("3rd", "2009a") make one word, not a number.
        if position < bytes.count, isWordStart(bytes[position]) {
            while position < bytes.count, isWordByte(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            return Token(.word, text, SourceRange(start, position))
        }
        return Token(.number, String(decoding: bytes[start..<position], as: UTF8.self), SourceRange(start, position))
    }

    private mutating func symbol() throws(LexProblem) -> Token {
        let start = position
        let two = position + 1 < bytes.count
            ? String(decoding: bytes[position..<position + 2], as: UTF8.self) : ""
        if two == "<>" {
            position += 2
            return Token(.symbol(.notEqual), "<>", SourceRange(start, position))
        }
        if two == "==" {
            position += 2
            return Token(.symbol(.equal), "==", SourceRange(start, position))
        }
        if let symbol = Token.Symbol(rawValue: two) {
            position += 2
            return Token(.symbol(symbol), two, SourceRange(start, position))
        }
        if two == "||" || two == "::" {
            position += 2
            throw .absent(two == "||" ? .concatOperator : .castOperator, at: SourceRange(start, position))
        }
        if bytes[position] == UInt8(ascii: "."), isQualifiedName(dotAt: position) {
            position += 1
            throw .absent(.qualifiedName, at: SourceRange(start, position))
        }
        let one = String(decoding: bytes[position..<position + 1], as: UTF8.self)
        if let symbol = Token.Symbol(rawValue: one) {
            position += 1
            return Token(.symbol(symbol), one, SourceRange(start, position))
        }
        // Take the whole character (it may be several UTF-8 bytes) so the caret covers it.
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let character = String(decoding: bytes[position..<end], as: UTF8.self)
        position = end  // step past it, so lexing can resume after the error
        throw .unexpectedCharacter(character, at: SourceRange(start, end))
    }

    /// `reviews.authority`: a dot between two words, the second not a file's extension
    /// (`data.csv` unquoted gets the error about quoting file names).
    private func isQualifiedName(dotAt dot: Int) -> Bool {
        guard dot > 0, isWordByte(bytes[dot - 1]), dot + 1 < bytes.count, isWordStart(bytes[dot + 1]) else { return false }
        var end = dot + 1
        while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
        let after = String(decoding: bytes[(dot + 1)..<end], as: UTF8.self).lowercased()
        return !Self.fileExtensions.contains(after)
    }

    private static let fileExtensions: Set<String> = ["csv", "tsv", "txt", "xlsx", "xls", "ods", "rql", "json", "svg", "html", "htm", "md", "png", "sql", "jsonl"]

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private func isWordStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") || byte >= 0x80
    }
    private func isWordByte(_ byte: UInt8) -> Bool { isWordStart(byte) || isDigit(byte) }
}
