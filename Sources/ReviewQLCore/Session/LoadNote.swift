/// A line under a load's message, as a value: a choice the loader made for the user (an
/// encoding, a separator, lines left out, a column renamed or dropped). Worded here only;
/// printed under "loaded NAME", by `--load` on standard error, and kept on the `Dataset` for
/// `describe`.
public enum LoadNote: Sendable, Equatable {
    /// The text was read in `encoding` (not UTF-8), sniffed or as asked.
    case encoding(TextEncoding, Dialect.Origin)
    /// Fields split by `separator` (not a comma), sniffed, from the file's name, or as asked.
    case separator(UInt8, Dialect.Origin)
    /// Lines left out: above the header, below the table, a repeated header.
    case skipped(SkippedLines)
    /// A blank or repeated header name, renamed.
    case renamed(HeaderNames.Change)
    /// Column `column` (1-based) had no name and no value on any row, and was left out.
    case droppedEmptyColumn(column: Int)
    /// The header line ends with a separator no row has: its empty last field (`column`) is left out.
    case headerEndsWithSeparator(column: Int)
    /// Spaces between a separator and a quoted field were passed over (first on `line`).
    case spaceBeforeQuote(line: Int)
    /// The file has no header line, as asked: its columns are called column_1 … column_N.
    case noHeader(columns: Int)
    /// Quotes inside quoted fields were written `\"`, and read as quotes (`BackslashQuotes`).
    case backslashQuotes
    /// Rows whose first cell starts with `#`, kept as data since they have the table's fields.
    case hashRowsKept(HashRows)

    /// The note in words.
    public var text: String {
        switch self {
        case .encoding(let encoding, let origin):
            let why = switch origin {
            case .asked: "as asked"
            case .sniffed where encoding == .utf16: "it starts with a UTF-16 byte-order mark"
            default: "it is not UTF-8; if letters look wrong, load it with encoding \"latin-1\" or save it as CSV UTF-8"
            }
            return "read as \(encoding.name) text (\(why))"
        case .separator(let separator, let origin):
            let why = switch origin {
            case .asked: "as asked"
            case .fileName: "the file's name ends in .tsv"
            default: "found from the first lines; `separated by` (or --separator) changes it"
            }
            return "fields separated by \(Dialect.separatorsName(separator)) (\(why))"
        case .skipped(let lines):
            return lines.note
        case .renamed(.blank(let column, let now)):
            return "column \(column) has no name in the header: called \(now)"
        case .renamed(.repeated(let name, let column, let earlierColumn, let now)):
            return "column \(column) repeats the name \"\(TextSafety.escaped(name))\" of column \(earlierColumn): called \(now)"
        case .droppedEmptyColumn(let column):
            return "column \(column) has no name and no values (a separator at the end of every line?): left out"
        case .headerEndsWithSeparator(let column):
            return "the header line ends with a separator that the rows do not have: its empty column \(column) is left out"
        case .spaceBeforeQuote(let line):
            return "spaces between a separator and a quoted field (first on line \(line)) were passed over"
        case .noHeader(let columns):
            return "no header line (as asked): every line is a row, and the \(columns) column\(columns == 1 ? " is" : "s are") "
                + "called column_1\(columns > 1 ? " … column_\(columns)" : "")"
        case .backslashQuotes:
            return "quotes inside quoted fields are written \\\" (with a backslash), as MySQL and PHP write them: "
                + "read as quotes, and \\\\ as one backslash"
        case .hashRowsKept(let rows):
            let one = rows.count == 1
            let which = one ? "row \(rows.firstRow) of the table starts" : "\(rows.count) rows of the table (the first is row \(rows.firstRow)) start"
            return "\(which) with # (\"\(TextSafety.escaped(rows.firstText))\"…) but \(one ? "has" : "have") as many fields as the "
                + "other rows, so \(one ? "it is" : "they are") read as data, and counted; if \(one ? "it is a comment" : "they are comments"), "
                + "delete \(one ? "it" : "them") from the file"
        }
    }
}

extension Dialect {
    /// The notes for the choices that are not the plain ones: an encoding other than UTF-8, a
    /// separator other than a comma.
    var notes: [LoadNote] {
        var notes: [LoadNote] = []
        if encoding != .utf8 { notes.append(.encoding(encoding, encodingOrigin)) }
        if separator != CSVByte.comma { notes.append(.separator(separator, separatorOrigin)) }
        return notes
    }

    /// How the file was read, in words, for `describe`: separator, encoding and header line.
    public var described: String {
        func origin(_ origin: Origin) -> String {
            switch origin {
            case .plain: ""
            case .sniffed: " (found)"
            case .fileName: " (.tsv)"
            case .asked: " (as asked)"
            }
        }
        let header = headerLine == 0 ? "no header line" : "header on line \(headerLine)"
        return "separated by \(Dialect.separatorsName(separator))\(origin(separatorOrigin)), "
            + "\(encoding.name)\(origin(encodingOrigin)), \(header)\(origin(headerOrigin))"
            + (backslashQuotes ? ", quotes escaped \\\" (found)" : "")
    }
}
