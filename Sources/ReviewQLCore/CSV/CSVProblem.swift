/// Everything that stops a CSV file from loading, as data; `diagnostic(file:)` puts it in words.
enum CSVProblem: Error, Equatable {
    /// A 1-based physical line and character column.
    struct TextPosition: Equatable {
        var line: Int
        var column: Int
    }

    case emptyFile
    /// UTF-16 bytes given to the reader as they are (`loadFile` transcodes them first).
    case utf16
    /// A workbook, PDF, web page, JSON or other binary file, told by its first bytes.
    case notText(FileKind)
    /// A byte that the encoding (Windows-1252) leaves undefined.
    case undefinedInEncoding(byte: UInt8, encoding: String, line: Int)
    /// A lone surrogate, or an odd byte at the end, in UTF-16 text.
    case invalidUTF16(line: Int)
    /// Text with UTF-8 characters and bytes that are not UTF-8: two encodings in one file.
    case mixedEncoding(byte: UInt8, at: TextPosition)
    /// No table, or no clear header row, in the file; or `header line N` past its end.
    case shape(ShapeProblem)
    /// `endsWithSeparator`: the one field too many is empty, after a separator at the line's end.
    case raggedRow(firstLine: Int, lastLine: Int, fieldCount: Int, separator: UInt8, endsWithSeparator: Bool, expected: Int,
                   at: TextPosition)
    case unterminatedQuote(at: TextPosition)
    case quoteInUnquotedField(fieldText: String, at: TextPosition)
    /// `openedOnLine`: where the field's opening quote is (a line before the problem's when a
    /// quote left open took in the lines between).
    case textAfterClosingQuote(fieldText: String, openedOnLine: Int, at: TextPosition)
    case invalidUTF8(byte: UInt8, at: TextPosition)
    case nulByte(at: TextPosition)
    case impossibleDate(text: String, reason: String, columnName: String, column: Int, at: TextPosition)
    /// A number beyond the largest `Double` (about 1.8e308) in a column of numbers.
    case numberOutOfRange(text: String, columnName: String, column: Int, at: TextPosition)

    /// Whether the problem is with the bytes (empty, binary, an encoding) rather than the CSV
    /// written in them: no other reading of the quotes could help.
    var isAboutEncoding: Bool {
        switch self {
        case .emptyFile, .utf16, .notText, .undefinedInEncoding, .invalidUTF16, .mixedEncoding, .invalidUTF8, .nulByte: true
        default: false
        }
    }

    /// Whether the problem is a quote where CSV cannot have one.
    var isAboutQuotes: Bool {
        switch self {
        case .unterminatedQuote, .quoteInUnquotedField, .textAfterClosingQuote: true
        default: false
        }
    }

    /// The problem in words, located in `file`.
    func diagnostic(file: String) -> Diagnostic {
        func located(_ message: String, _ position: TextPosition?, line: Int = 1,
                     notes: [String] = [], help: String) -> Diagnostic {
            Self.located(file, message, position, line: line, notes: notes, help: help)
        }
        func quoted(_ text: String) -> String { "\"" + TextSafety.escaped(text) + "\"" }

        switch self {
        case .emptyFile:
            return located("empty file: there is no header row", nil,
                           help: "the first line should name the columns, separated by commas")
        case .utf16, .notText, .undefinedInEncoding, .invalidUTF16, .mixedEncoding:
            return textDiagnostic(file: file)
        case .shape(let problem):
            return problem.diagnostic(file: file)
        case .raggedRow(let firstLine, let lastLine, let fieldCount, let separator, let trailing, let expected, let position):
            let row = firstLine == lastLine ? "line \(firstLine)" : "the row starting on line \(firstLine)"
            let name = Dialect.separatorName(separator), names = Dialect.separatorsName(separator)
            let help = trailing
                ? "the line ends with a \(name) the header does not have: remove it, or end the header with a \(name) too"
                : fieldCount > expected
                ? "put double quotes around a field that contains a \(name), like \"Bristol\(separator == CSVByte.comma ? "," : String(UnicodeScalar(separator))) City of\"; "
                    + "if none does, the line has \(fieldCount - expected == 1 ? "a field" : "\(fieldCount - expected) fields") more than the header names"
                : "every row needs \(expected) fields; leave a field empty (nothing between two \(names)) for a missing value"
            return located("\(row) has \(fieldCount) field\(fieldCount == 1 ? "" : "s") but the header has \(expected)",
                           position, notes: separator == CSVByte.comma ? []
                               : ["fields are separated by \(names); if that is wrong, load the file with `separated by`"],
                           help: help)
        case .unterminatedQuote(let position):
            return located("unterminated quoted field: the quote opened here is never closed", position,
                           help: "end the field with a closing quote (\"), and write a quote inside it as two (\"\")")
        case .quoteInUnquotedField(let fieldText, let position):
            let fix = "\"" + fieldText.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
            return located("quote inside an unquoted field: \(TextSafety.escaped(fieldText))", position,
                           help: "quote the whole field and double the quote inside it: \(TextSafety.escaped(fix))")
        case .textAfterClosingQuote(let fieldText, let openedOnLine, let position):
            guard openedOnLine < position.line else {
                return located("text after a closing quote: \(TextSafety.escaped(fieldText))", position,
                               help: "a quoted field ends at its closing quote; write a quote inside it as two (\"\")")
            }
            let lines = position.line - openedOnLine
            return located("text after a closing quote: \(TextSafety.escaped(fieldText))", position,
                           notes: ["the quoted field began on line \(openedOnLine), \(lines) line\(lines == 1 ? "" : "s") earlier, "
                                   + "so everything between was read as one value"],
                           help: "look for a quote missing or extra on line \(openedOnLine) (a value with a comma, "
                               + "like \"Bristol, City of\", needs a quote at each end)")
        case .invalidUTF8:
            return textDiagnostic(file: file)
        case .nulByte(let position):
            return located("NUL byte: the file looks binary, not CSV text", position,
                           help: "check that this is a CSV file; export spreadsheets as \"CSV UTF-8\"")
        case .impossibleDate(let text, let reason, let columnName, let column, let position):
            return located("\(quoted(text)) is not a real date: \(reason)", position,
                           notes: ["column \(quoted(columnName)) (field \(column)) holds dates, so every value in it must be a real day"],
                           help: "correct the date, or leave the cell empty for a missing value")
        case .numberOutOfRange(let text, let columnName, let column, let position):
            // A 401-digit number is shown by its start and its length.
            let shown = text.count > 40 ? quoted(String(text.prefix(20)) + "…") + " (\(text.count) characters)" : quoted(text)
            return located("\(shown) is too large for a number: the largest is about 1.8e308", position,
                           notes: ["column \(quoted(columnName)) (field \(column)) holds numbers; "
                                   + "this one would have been infinity, and every sum with it wrong"],
                           help: "correct the value, or leave the cell empty for a missing value")
        }
    }

    /// The problems with what the file is or how its text is encoded, in words.
    private func textDiagnostic(file: String) -> Diagnostic {
        func located(_ message: String, _ position: TextPosition?, line: Int = 1,
                     notes: [String] = [], help: String) -> Diagnostic {
            Self.located(file, message, position, line: line, notes: notes, help: help)
        }
        switch self {
        case .utf16:
            return located("the file is UTF-16 text, not UTF-8", TextPosition(line: 1, column: 1),
                           help: "load it from a file (load \"file.csv\" as name), which reads UTF-16")
        case .notText(let kind):
            return located("this file is \(kind.described)", nil, help: kind.help)
        case .undefinedInEncoding(let byte, let encoding, let line):
            let hex = String(byte, radix: 16, uppercase: true)
            return located("byte 0x\(hex) has no character in \(encoding)", nil, line: line,
                           notes: ["the file is not UTF-8, so it was read as \(encoding), Excel's usual encoding on Windows"],
                           help: "save it as \"CSV UTF-8\", or load it with encoding \"latin-1\" if it is Latin-1")
        case .invalidUTF16(let line):
            return located("the file is UTF-16 text with a broken character (a lone surrogate or a last odd byte)",
                           nil, line: line, help: "save it again as \"CSV UTF-8\"")
        case .mixedEncoding(let byte, let position):
            let hex = String(byte, radix: 16, uppercase: true)
            return located("invalid UTF-8: byte 0x\(hex), in a file that also holds UTF-8 characters", position,
                           notes: ["two encodings in one file (a stray byte, or files joined), or an encoding ReviewQL does not read "
                                   + "(such as Shift-JIS): read as UTF-8 or as Windows-1252, some letters would be wrong"],
                           help: "correct or save the file as UTF-8, or load it with encoding \"windows-1252\" if that is right for all of it")
        case .invalidUTF8(let byte, let position):
            let hex = String(byte, radix: 16, uppercase: true)
            return located("invalid UTF-8: byte 0x\(hex)", position,
                           help: "save the file as UTF-8, or load it with encoding \"windows-1252\" or \"latin-1\"")
        default:
            preconditionFailure("not a problem of the text's encoding: \(self)")
        }
    }

    /// An error at `position` in `file` (or on `line`, with no column, when there is none).
    private static func located(_ file: String, _ message: String, _ position: TextPosition?, line: Int,
                                notes: [String], help: String) -> Diagnostic {
        Diagnostic(.error, message, location: FileLocation(file: file, line: position?.line ?? line, column: position?.column),
                   notes: notes, help: help)
    }
}
