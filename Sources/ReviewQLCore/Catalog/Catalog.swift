/// The data catalog: `Data/catalog.txt` names each bundled dataset, its file, what it is,
/// where its numbers come from, and the ordered scales type inference cannot know.
///
///     [reviews]
///     file: reviews.csv
///     description: ...
///     source: ...
///     scale judgement: Inadequate < Adequate < Good < Outstanding
///     join authorities: authority = name
///     counts: children                        (a counted table: see `CountWeights`)
///     total: reviews_in_year per year
///     aliases name: alias
///     note: ...
///     separator: ;                            (how the file is read: see `LoadOptions`)
///     header line: 3
///     encoding: windows-1252
public struct Catalog: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var file: String
        public var description = ""
        public var source = ""
        public var notes: [String] = []
        /// Column name → levels in order.
        public var scales: [(column: String, levels: [String])] = []
        /// How `join OTHER` matches rows when the query does not say: this dataset's column,
        /// the other's column.
        public var joins: [JoinKey] = []
        /// `counts: COLUMN` and `total: COLUMN per COLUMN, ...`: a counted table.
        public var counts: CountsDeclaration?
        /// Columns holding other names for a column's values.
        public var aliases: [AliasColumn] = []
        /// The `catalog.txt` beside a loaded file that this entry came from; nil for the data
        /// folder's own catalog.
        public var catalogPath: String?
        /// `separator:`, `header line:`, `encoding:`: how to read the file, where sniffing
        /// should not decide.
        public var options = LoadOptions()

        public init(name: String, file: String) {
            self.name = name
            self.file = file
        }
    }

    public var entries: [Entry] = []

    public init() {}

    /// Parses catalog text; `file` names it in error messages.
    public init(text: String, file: String) throws(Diagnostic) {
        var current: Entry?
        // Split and trimmed as bytes (the separators are ASCII): splitting by Character costs
        // more than the rest of start-up's parsing together.
        for (index, rawLine) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = Substring(rawLine).trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            let location = FileLocation(file: file, line: index + 1)
            if line.hasPrefix("[") && line.hasSuffix("]") {
                if let done = current { entries.append(done) }
                current = Entry(name: String(line.dropFirst().dropLast()).trimmingSpaces, file: "")
                continue
            }
            guard var entry = current else {
                throw Diagnostic(.error, "catalog line outside a [dataset] section", location: location,
                                 help: "start each dataset with its name in brackets, e.g. [reviews]")
            }
            guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else {
                throw Diagnostic(.error, "catalog line has no ':'", location: location,
                                 help: "write `key: value`, e.g. `file: reviews.csv`")
            }
            let key = line[..<colon].trimmingSpaces
            let value = line[line.index(after: colon)...].trimmingSpaces
            switch key.split(separator: " ").first.map(String.init) ?? "" {
            case "file": entry.file = value
            case "description": entry.description = value
            case "source": entry.source = value
            case "note": entry.notes.append(value)
            case "counts": entry.counts = CountsDeclaration(column: value, total: entry.counts?.total)
            case "total":
                let words = value.split(separator: " ")
                let at = words.firstIndex(of: "per") ?? words.endIndex
                let parts = [words[..<at].joined(separator: " "), words[min(at + 1, words.endIndex)...].joined(separator: " ")]
                let per = parts[1].split(separator: ",").map { String($0).trimmingSpaces }
                guard at == 1, !per.isEmpty, !per.contains("") else {
                    throw Diagnostic(.error, "a total needs its column and the columns it is per", location: location,
                                     help: "for example: total: reviews_in_year per year")
                }
                entry.counts = CountsDeclaration(column: entry.counts?.column ?? "",
                                                 total: (parts[0].trimmingSpaces, per))
            case "join":
                let other = key.dropFirst("join".count).trimmingSpaces
                let sides = value.split(separator: "=").map { String($0).trimmingSpaces }
                guard !other.isEmpty, sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else {
                    throw Diagnostic(.error, "a join needs the other dataset and two columns", location: location,
                                     help: "for example: join authorities: authority = name")
                }
                entry.joins.append(JoinKey(dataset: other, left: sides[0], right: sides[1]))
            case "aliases":
                let column = key.dropFirst("aliases".count).trimmingSpaces
                guard !column.isEmpty, !value.isEmpty, !value.contains(" ") else {
                    throw Diagnostic(.error, "aliases need a column and the column that holds its other names", location: location,
                                     help: "for example: aliases name: alias")
                }
                entry.aliases.append(AliasColumn(column: column, aliases: value))
            case "scale":
                let column = key.dropFirst("scale".count).trimmingSpaces
                let levels = value.split(separator: "<").map { String($0).trimmingSpaces }
                guard !column.isEmpty, levels.count >= 2, !levels.contains("") else {
                    throw Diagnostic(.error, "a scale needs a column and two or more levels", location: location,
                                     help: "for example: scale judgement: Inadequate < Adequate < Good")
                }
                entry.scales.append((column, levels))
            // (`where` applies to "header" alone: the key is `header line`.)
            case "separator", "encoding", "header" where key.split(separator: " ").dropFirst().first == "line":
                try Self.readLoadOption(key, value, location, into: &entry.options)
            default:
                throw Diagnostic(.error, "unknown catalog key \"\(key)\"", location: location,
                                 help: "the keys are file, description, source, note, counts, total, scale COLUMN, join DATASET, "
                                     + "aliases COLUMN, separator, header line and encoding")
            }
            current = entry
        }
        if let done = current { entries.append(done) }
    }

    /// `separator:`, `encoding:` and `header line:`, into `options`.
    private static func readLoadOption(_ key: String, _ value: String, _ location: FileLocation,
                                       into options: inout LoadOptions) throws(Diagnostic) {
        switch key.split(separator: " ").first.map(String.init) ?? "" {
        case "separator":
            let text = value.count >= 3 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
            guard let separator = Dialect.separator(named: text) else {
                throw Diagnostic(.error, "\"\(value)\" cannot be a separator", location: location,
                                 help: "for example: separator: ;  (or tab, |, ,)")
            }
            options.separator = separator
        case "encoding":
            guard let encoding = TextEncoding.named(value) else {
                throw Diagnostic(.error, "unknown encoding \"\(value)\"", location: location,
                                 help: "the encodings are utf-8, utf-16, windows-1252 and latin-1")
            }
            options.encoding = encoding
        default:
            if value.lowercased() == "none" {
                options.noHeader = true
                return
            }
            guard let line = Int(value), line >= 1 else {
                throw Diagnostic(.error, "a header line needs a line number from 1, or none", location: location,
                                 help: "for example: header line: 3  (or header line: none for a file with no header line)")
            }
            options.headerLine = line
        }
    }
}

extension StringProtocol {
    /// The text without spaces, tabs or carriage returns at either end.
    var trimmingSpaces: String {
        let bytes = Substring(self).utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

extension Column {
    /// Makes this text column an ordered scale: its dictionary becomes the levels in order, so
    /// codes sort in scale order. Values are matched to levels ignoring case; a value that is
    /// not a level is an error, never silently kept.
    mutating func applyScale(_ levels: [String], file: String) throws(Diagnostic) {
        guard case .text(let codes, let dictionary) = storage else {
            throw Diagnostic(.error, "column \"\(name)\" of \(file) is \(type.rawValue), so it cannot be an ordered scale",
                             location: FileLocation(file: file, line: 1))
        }
        var mapping = [UInt32](repeating: 0, count: dictionary.count)
        for (code, value) in dictionary.enumerated() {
            guard let level = levels.firstIndex(where: { $0.lowercased() == value.trimmingSpaces.lowercased() }) else {
                if missing != nil, value.isEmpty { continue }
                let row = codes.firstRow(of: code) ?? 0
                throw Diagnostic(.error, "\"\(value)\" in column \"\(name)\" is not a level of its scale",
                                 location: FileLocation(file: file, line: row + 2),
                                 help: "the levels are " + levels.joined(separator: " < "))
            }
            mapping[code] = UInt32(level)
        }
        storage = .text(codes: codes.renumbered(mapping, distinct: levels.count), dictionary: levels)
        scale = levels
    }
}
