/// Everything that stops a CSV file from loading, as data; `diagnostic(file:)` puts it in words.
enum CSVProblem: Error, Equatable {
    /// A 1-based physical line and character column.
    struct TextPosition: Equatable {
        var line: Int
        var column: Int
    }

    case emptyFile
    case utf16
    case unnamedColumn(column: Int, isLast: Bool, at: TextPosition)
    case duplicateColumnName(name: String, column: Int, earlierName: String, earlierColumn: Int, at: TextPosition)
    case raggedRow(firstLine: Int, lastLine: Int, fieldCount: Int, expected: Int, at: TextPosition)
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

    /// The problem in words, located in `file`.
    func diagnostic(file: String) -> Diagnostic {
        func located(_ message: String, _ position: TextPosition?, line: Int = 1,
                     notes: [String] = [], help: String) -> Diagnostic {
            Diagnostic(.error, message,
                       location: FileLocation(file: file, line: position?.line ?? line, column: position?.column),
                       notes: notes, help: help)
        }
        func quoted(_ text: String) -> String { "\"" + TextSafety.escaped(text) + "\"" }

        switch self {
        case .emptyFile:
            return located("empty file: there is no header row", nil,
                           help: "the first line should name the columns, separated by commas")
        case .utf16:
            return located("the file is UTF-16 text, not UTF-8", TextPosition(line: 1, column: 1),
                           help: "save it as UTF-8 (in a spreadsheet, export as \"CSV UTF-8\")")
        case .unnamedColumn(let column, let isLast, let position):
            return located("column \(column) has no name in the header", position,
                           help: isLast ? "name every column on the header line, or remove the comma at its end"
                                        : "name every column on the header line")
        case .duplicateColumnName(let name, let column, let earlierName, let earlierColumn, let position):
            let earlier = name == earlierName ? "column \(earlierColumn)" : "column \(earlierColumn) (\(quoted(earlierName)))"
            return located("duplicate column name \(quoted(name)): column \(column) repeats \(earlier)", position,
                           help: "column names must differ, ignoring case; rename one of them")
        case .raggedRow(let firstLine, let lastLine, let fieldCount, let expected, let position):
            let row = firstLine == lastLine ? "line \(firstLine)" : "the row starting on line \(firstLine)"
            let help = fieldCount > expected
                ? "put double quotes around a field that contains a comma, like \"Bristol, City of\""
                : "every row needs \(expected) fields; leave a field empty (nothing between the commas) for a missing value"
            return located("\(row) has \(fieldCount) field\(fieldCount == 1 ? "" : "s") but the header has \(expected)",
                           position, help: help)
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
        case .invalidUTF8(let byte, let position):
            let hex = String(byte, radix: 16, uppercase: true)
            return located("invalid UTF-8: byte 0x\(hex)", position,
                           help: "save the file as UTF-8; it may be in Latin-1 or Windows-1252")
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
}
