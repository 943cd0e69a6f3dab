/// The grammar rules of script parameters: `set parameter authority to Norfolk` and `show
/// parameters`. What a parameter is, and how `:authority` takes its value, is in
/// Session/Parameters.swift.
extension Parser {
    /// set-parameter = "set" "parameter" name [ "to" | "=" ] ( string | number | date | bare-word ) ;
    mutating func setParameter(from start: SourceRange) throws(ParseProblem) -> Statement {
        advance()
        let nameToken = peek
        guard nameToken.kind == .word, Parameters.isValidName(nameToken.text) else {
            throw .parameter(.setNeedsName(at: nameToken.range))
        }
        advance()
        if check(.to) || check(.equal) { advance() }
        var value = peek
        switch value.kind {
        case .string, .number, .date, .word:
            advance()
        case .symbol(.minus) where peek(1).kind == .number:
            // `to -3`: after a word the lexer reads `-` as a minus sign.
            advance()
            let digits = advance()
            value = Token(.number, "-" + digits.text, value.range.union(digits.range))
        default:
            throw .parameter(.setNeedsValue(name: nameToken.text, at: value.range))
        }
        if value.kind == .word, peek.kind != .end {
            // `to Barking and Dagenham`: one value of several words, which needs quotes.
            var words = [value.text]
            var end = value.range
            while peek.kind != .end {
                words.append(peek.kind == .string ? "\"\(peek.text)\"" : peek.text)
                end = advance().range
            }
            throw .parameter(.valueNeedsQuotes(name: nameToken.text, words: words.joined(separator: " "), at: value.range.union(end)))
        }
        return .setParameter(name: Name(nameToken.text, nameToken.range), value: ParameterValue(token: value),
                             range: start.union(value.range))
    }

    /// show-parameters = "show" "parameters" ;
    mutating func showParameters() throws(ParseProblem) -> Statement {
        advance()
        advance()
        return .showParameters
    }
}
