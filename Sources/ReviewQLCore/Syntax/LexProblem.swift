/// What the lexer can find wrong, as values; `diagnostic` words them. The statement splitter
/// and the shell's "needs another line" test ask `isUnclosed`, never the message's words.
public enum LexProblem: Error, Sendable {
    /// A quoted text (or `"name"`) with no closing quote before the end of the input.
    case unclosed(isName: Bool, mark: String, at: SourceRange)
    /// Text in curly quotes (pasted from a document) with no closing curly quote.
    case unclosedCurly(at: SourceRange)
    /// A character that starts no token.
    case unexpectedCharacter(String, at: SourceRange)
    /// `||`, `::` or `dataset.column`: SQL's, which ReviewQL lacks.
    case absent(AbsentConstruct, at: SourceRange)

    /// A quote still open at the end of the input: more lines may close it.
    public var isUnclosed: Bool {
        switch self {
        case .unclosed, .unclosedCurly: return true
        case .unexpectedCharacter, .absent: return false
        }
    }

    public var diagnostic: Diagnostic {
        switch self {
        case .unclosed(let isName, let mark, let range):
            return .error("this \(isName ? "name" : "text") has no closing \(mark)", at: range,
                          help: "end it with \(mark); to put \(mark) inside, write it twice (\(mark)\(mark))")
        case .unclosedCurly(let range):
            return .error("this text has no closing quote", at: range,
                          help: "end it with a quote, or retype the quotes as straight quotes (\")")
        case .absent(let construct, let range):
            return .error(construct.message, at: range, help: construct.help)
        case .unexpectedCharacter(let character, let range):
            let help: String
            switch character {
            case ".": help = "names with dots, such as file names, go in quotes: load \"data.csv\" as mine"
            case ":": help = "a parameter is written :name, with a letter straight after the colon (:authority); text with a colon goes in quotes"
            case "&": help = "text with spaces or symbols goes in quotes, e.g. \"Barking & Dagenham\""
            default: help = "operators are = != < <= > >= and + - * /; text with symbols goes in quotes"
            }
            return .error("unexpected character '\(TextSafety.escaped(character))'", at: range, help: help)
        }
    }
}
