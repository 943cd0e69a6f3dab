/// Loading a CSV file as people make them: what the file is, its encoding, its separator,
/// where the table is in it and what its columns are called are found first (or taken from
/// the user's `LoadOptions`), then the table's rows are read by `ParallelCSVReader` or
/// `CSVReader`. Every choice made for the user comes back as a `LoadNote`.
///
/// The common file (UTF-8, commas, the header on the first line, nothing below the table)
/// costs one look at its first and last 64 KiB: the readers then read it as ever. Anything
/// else is prepared in memory first: transcoded to UTF-8, and with the lines outside the
/// table (titles, notes, footnotes, repeated headers) emptied to their line breaks, so that
/// every line number in an error is still the file's own.
struct LoadedCSV {
    var table: Table
    /// The SHA-256 of the file's bytes as read; nil when not asked for.
    var sha256: String?
    var dialect: Dialect
    var notes: [LoadNote]
}

extension CSVReader {
    /// How much of the start (and end) of a file is looked at to sniff it.
    static let sniffBlock = 1 << 16

    /// Reads the file at `path` once (`FileSnapshot`: refused if it changes meanwhile) and
    /// loads it (see `LoadedCSV`); the SHA-256 of the bytes is taken as they are read when
    /// `hashing`.
    ///
    /// A large plain file is parsed by `ParallelCSVReader`, on every core; when that fast path
    /// gives up (the file has a problem to report, or needs a second reading), the file is
    /// parsed by `CSVReader` whole, which gives the exact error or table. Hashing needs the
    /// bytes in order, so a file to hash is read into memory first; otherwise the fast path
    /// reads a plain file in place, holding only a window of it per core.
    ///
    /// `reading`: the columns wanted, for the fast path, which then leaves out the values of
    /// the others that cannot stop the load; the table holds only the wanted columns (with
    /// every name in `columnsInFile`), and every error is the one a full reading gives. A file
    /// parsed by `CSVReader` has all its columns. `afterOpening`: a test's seam, see `FileSnapshot`.
    static func loadFile(path: String, name: String, options: LoadOptions = LoadOptions(),
                         reading wanted: (@Sendable (String) -> Bool)? = nil, hashing: Bool = true,
                         afterOpening: (() -> Void)? = nil) throws(Diagnostic) -> LoadedCSV {
        let snapshot: FileSnapshot
        do {
            if !hashing, let loaded = try FileSnapshot.inPlace(path, afterOpening: afterOpening, {
                readPlain($0, name: name, path: path, options: options, reading: wanted)
            }) {
                return loaded
            }
            snapshot = try FileSnapshot.read(path, hashing: hashing, afterOpening: hashing ? afterOpening : nil)
        } catch {
            throw error.diagnostic(file: path)
        }
        var loaded = try readFile(snapshot.bytes, name: name, path: path, options: options, reading: wanted)
        loaded.sha256 = snapshot.sha256
        return loaded
    }

    /// Loads a file's bytes (see the type's comment): the whole way, for any file.
    static func readFile(_ bytes: [UInt8], name: String, path: String, options: LoadOptions = LoadOptions(),
                         reading wanted: (@Sendable (String) -> Bool)? = nil) throws(Diagnostic) -> LoadedCSV {
        do {
            return try bytes.withUnsafeBufferPointer { buffer throws(CSVProblem) in
                try decodeAndRead(buffer, name: name, path: path, options: options, reading: wanted)
            }
        } catch {
            throw error.diagnostic(file: path)
        }
    }

    /// Finds the file's kind and encoding, transcodes it to UTF-8 when it is not, and reads it.
    /// Text that is not UTF-8 past the first block is read again as Windows-1252.
    private static func decodeAndRead(_ buffer: UnsafeBufferPointer<UInt8>, name: String, path: String,
                                      options: LoadOptions,
                                      reading wanted: (@Sendable (String) -> Bool)?) throws(CSVProblem) -> LoadedCSV {
        let kind = FileKind.of(UnsafeBufferPointer(rebasing: buffer.prefix(FileKind.prefixLength)))
        guard kind == .text else { throw .notText(kind) }
        var dialect = Dialect()
        if let asked = options.encoding {
            dialect.encoding = asked
            dialect.encodingOrigin = .asked
        } else if TextEncoding.hasUTF16Mark(buffer) {
            dialect.encoding = .utf16
            dialect.encodingOrigin = .sniffed
        } else if !TextEncoding.isUTF8(UnsafeBufferPointer(rebasing: buffer.prefix(sniffBlock))) {
            return try asWindows1252(buffer, name: name, path: path, options: options, reading: wanted)
        }
        guard dialect.encoding != .utf8 else {
            do {
                return try readText(buffer, dialect: dialect, name: name, path: path, options: options, reading: wanted)
            } catch .invalidUTF8 where options.encoding == nil {
                return try asWindows1252(buffer, name: name, path: path, options: options, reading: wanted)
            }
        }
        let text = try dialect.encoding.transcoded(buffer)
        return try text.withUnsafeBufferPointer { text throws(CSVProblem) in
            try readText(text, dialect: dialect, name: name, path: path, options: options, reading: wanted)
        }
    }

    /// Reads text that is not UTF-8 as Windows-1252, unless it also holds UTF-8 characters
    /// (then it is a mix, and that would garble them: refused, naming the first bad byte).
    private static func asWindows1252(_ buffer: UnsafeBufferPointer<UInt8>, name: String, path: String,
                                      options: LoadOptions,
                                      reading wanted: (@Sendable (String) -> Bool)?) throws(CSVProblem) -> LoadedCSV {
        if TextEncoding.holdsUTF8Characters(buffer) {
            var tokenizer = CSVTokenizer(bytes: buffer, offset: utf8MarkLength(buffer))
            var ignore = IgnoringSink()
            do {
                try tokenizer.readRecords(into: &ignore)
            } catch .invalidUTF8(let byte, let at) {
                throw .mixedEncoding(byte: byte, at: at)
            } catch {}
        }
        var dialect = Dialect()
        dialect.encoding = .windows1252
        dialect.encodingOrigin = .sniffed
        let text = try TextEncoding.windows1252.transcoded(buffer)
        return try text.withUnsafeBufferPointer { text throws(CSVProblem) in
            try readText(text, dialect: dialect, name: name, path: path, options: options, reading: wanted)
        }
    }

    /// Reads UTF-8 `text` (see `readTextOnce`); a text that fails to read as CSV and holds a
    /// backslash before a quote is read once more with those quotes unescaped
    /// (`BackslashQuotes`), with a note, or else the first reading's problem is reported.
    private static func readText(_ text: UnsafeBufferPointer<UInt8>, dialect: Dialect, name: String, path: String,
                                 options: LoadOptions,
                                 reading wanted: (@Sendable (String) -> Bool)?) throws(CSVProblem) -> LoadedCSV {
        do {
            return try readTextOnce(text, dialect: dialect, name: name, path: path, options: options, reading: wanted)
        } catch let problem where !problem.isAboutEncoding && BackslashQuotes.appear(in: text) {
            let rewritten = BackslashQuotes.rewritten(text)
            do {
                var loaded = try rewritten.withUnsafeBufferPointer { text throws(CSVProblem) in
                    try readTextOnce(text, dialect: dialect, name: name, path: path, options: options, reading: wanted)
                }
                loaded.dialect.backslashQuotes = true
                loaded.notes.append(.backslashQuotes)
                return loaded
            } catch {
                // Still a problem with the quotes: the first reading's is the one to report.
                // Any other is what stands in the way once the quotes read right.
                throw error.isAboutQuotes ? problem : error
            }
        }
    }

    /// Reads UTF-8 `text`: sniffs the separator, finds the table, names the columns, reads the
    /// rows and drops the unnamed empty columns; `dialect` holds the encoding already chosen.
    private static func readTextOnce(_ text: UnsafeBufferPointer<UInt8>, dialect: Dialect, name: String, path: String,
                                 options: LoadOptions,
                                 reading wanted: (@Sendable (String) -> Bool)?) throws(CSVProblem) -> LoadedCSV {
        var dialect = dialect
        let start = utf8MarkLength(text)
        chooseSeparator(&dialect, UnsafeBufferPointer(rebasing: text.prefix(sniffBlock)),
                        isWhole: text.count <= sniffBlock, path: path, options: options)
        if options.noHeader { return try readWithoutHeader(text, dialect: dialect, name: name, options: options) }
        let (layout, rows, spaceBeforeQuote) = try readTable(text, from: start, name: name, separator: dialect.separator,
                                                             headerLine: options.headerLine, reading: wanted)
        var table = rows
        dialect.headerLine = layout.headerLine
        dialect.headerOrigin = options.headerLine != nil ? .asked : layout.headerLine != layout.firstLine ? .sniffed : .plain
        if dialect.separator == UInt8(ascii: ";") { readDecimalCommas(&table) }
        var notes = dialect.notes + layout.skipped.map(LoadNote.skipped)
        if layout.headerTrailingSeparator != nil { notes.append(.headerEndsWithSeparator(column: layout.header.names.count + 1)) }
        notes += renamesAndDrops(&table, layout.header)
        if let spaceBeforeQuote { notes.append(.spaceBeforeQuote(line: spaceBeforeQuote)) }
        if let hashRows = TableLayout.hashRows(table) { notes.append(.hashRowsKept(hashRows)) }
        return LoadedCSV(table: table, dialect: dialect, notes: notes)
    }

    /// Finds the table in `text` (`TableLayout`) and reads its rows. When the layout was found
    /// from the first and last blocks but the rows between do not read as that plain table (a
    /// problem, or the header repeated), the text is shaped whole and read again, and what that
    /// finds is what is reported.
    private static func readTable(_ text: UnsafeBufferPointer<UInt8>, from start: Int, name: String, separator: UInt8,
                                  headerLine: Int?, reading wanted: (@Sendable (String) -> Bool)?)
        throws(CSVProblem) -> (TableLayout, Table, Int?) {
        let layout = try TableLayout.find(text, from: start, separator: separator, headerLine: headerLine)
        if layout.byBlocks, let (table, space) = try? readRows(text, layout: layout, name: name, separator: separator,
                                                                reading: wanted),
           !TableLayout.mayRepeatHeader(table) {
            return (layout, table, space)
        }
        let whole = layout.byBlocks
            ? try TableLayout.find(text, from: start, separator: separator, headerLine: nil, whole: true) : layout
        let (table, space) = try readRows(text, layout: whole, name: name, separator: separator, reading: wanted)
        return (whole, table, space)
    }

    /// Reads the rows of `text` where `layout` puts the table.
    private static func readRows(_ text: UnsafeBufferPointer<UInt8>, layout: TableLayout, name: String, separator: UInt8,
                                 reading wanted: (@Sendable (String) -> Bool)?) throws(CSVProblem) -> (Table, Int?) {
        guard let prepared = layout.prepared(text) else {
            return try readRows(text, name: name, separator: separator, reading: wanted)
        }
        return try prepared.withUnsafeBufferPointer { prepared throws(CSVProblem) in
            try readRows(prepared, name: name, separator: separator, reading: wanted)
        }
    }

    /// Reads UTF-8 `text` whose every line is a row (`no header`): as many columns as its first
    /// row has fields, called column_1, column_2, …; nothing is looked for above or below.
    private static func readWithoutHeader(_ text: UnsafeBufferPointer<UInt8>, dialect: Dialect, name: String,
                                          options: LoadOptions) throws(CSVProblem) -> LoadedCSV {
        guard options.headerLine == nil else { throw .shape(.headerLineAndNoHeader) }
        let count = rawHeader(text, at: utf8MarkLength(text), separator: dialect.separator).count
        guard count > 0 else { throw .emptyFile }
        let names = (1...count).map { "column_\($0)" }
        var (table, spaceBeforeQuote) = try readTable(text, name: name, separator: dialect.separator, givenNames: names)
        if dialect.separator == UInt8(ascii: ";") { readDecimalCommas(&table) }
        var dialect = dialect
        dialect.headerLine = 0
        dialect.headerOrigin = .asked
        var notes = dialect.notes + [LoadNote.noHeader(columns: count)]
        if let spaceBeforeQuote { notes.append(.spaceBeforeQuote(line: spaceBeforeQuote)) }
        if let hashRows = TableLayout.hashRows(table) { notes.append(.hashRowsKept(hashRows)) }
        return LoadedCSV(table: table, dialect: dialect, notes: notes)
    }

    /// Reads again the text columns of a semicolon file that hold numbers with a decimal comma
    /// (`DecimalComma`), with their notes.
    private static func readDecimalCommas(_ table: inout Table) {
        for index in table.columns.indices {
            switch DecimalComma.reread(table.columns[index]) {
            case .converted(let column, let notes):
                table.columns[index] = column
                table.formatNotes += notes
            case .keptAsText(let note): table.formatNotes.append(note)
            case .unchanged, .impossibleDate: break
            }
        }
    }

    /// Reads the rows of UTF-8 `text` (the table's rows only): on every core when it is large
    /// and the fast path can, else here whole. Returns the table and the line of the first
    /// space passed over before a quote.
    private static func readRows(_ text: UnsafeBufferPointer<UInt8>, name: String, separator: UInt8,
                                 reading wanted: (@Sendable (String) -> Bool)?) throws(CSVProblem) -> (Table, Int?) {
        if let table = ParallelCSVReader.read(ByteSource(memory: UnsafeRawBufferPointer(text)), name: name,
                                              separator: separator, reading: wanted) {
            return (table, nil)
        }
        return try readTable(text, name: name, separator: separator)
    }

    /// The separator: the user's, else tab for a `.tsv` or `.tab` file, else sniffed from `block`.
    private static func chooseSeparator(_ dialect: inout Dialect, _ block: UnsafeBufferPointer<UInt8>, isWhole: Bool,
                                        path: String, options: LoadOptions) {
        let lowered = path.lowercased()
        if let asked = options.separator {
            dialect.separator = asked
            dialect.separatorOrigin = .asked
        } else if lowered.hasSuffix(".tsv") || lowered.hasSuffix(".tab") {
            dialect.separator = CSVByte.tab
            dialect.separatorOrigin = .fileName
        } else {
            dialect.separator = Dialect.sniffSeparator(block, isWhole: isWhole)
            dialect.separatorOrigin = dialect.separator == CSVByte.comma ? .plain : .sniffed
        }
    }

    /// Removes the columns the header left unnamed that have no value on any row (a separator
    /// at the end of every line; pandas' or R's empty index column); returns a note for each,
    /// and for each other column renamed (`HeaderNames`), in column order.
    static func renamesAndDrops(_ table: inout Table, _ header: HeaderNames) -> [LoadNote] {
        var dropped = Set<Int>()
        for column in header.blankColumns.reversed() {
            let name = header.names[column]
            guard let index = table.columnIndex(named: name),
                  table.columns[index].missingCount == table.rowCount else { continue }
            table.columns.remove(at: index)
            table.columnsInFile?.removeAll { $0 == name }
            dropped.insert(column + 1)
        }
        return header.changes.map { change in
            if case .blank(let column, _) = change, dropped.contains(column) { return .droppedEmptyColumn(column: column) }
            return .renamed(change)
        }
    }

    /// The fast path for a large plain file read in place (no hash wanted): nil unless the first
    /// and last blocks show UTF-8 text whose table starts on its first line and runs to its end,
    /// and `ParallelCSVReader` reads it; then `loadFile` reads the file into memory instead.
    private static func readPlain(_ source: ByteSource, name: String, path: String, options: LoadOptions,
                                  reading wanted: (@Sendable (String) -> Bool)?) -> LoadedCSV? {
        guard source.size >= ParallelCSVReader.minimumFileSize, options.encoding ?? .utf8 == .utf8,
              options.headerLine == nil, !options.noHeader,
              let first = bytes(of: source, at: 0, count: sniffBlock),
              let last = bytes(of: source, at: source.size - sniffBlock, count: sniffBlock) else { return nil }
        return first.withUnsafeBufferPointer { first -> LoadedCSV? in
            guard FileKind.of(first) == .text, !TextEncoding.hasUTF16Mark(first), TextEncoding.isUTF8(first) else { return nil }
            var dialect = Dialect()
            chooseSeparator(&dialect, first, isWhole: false, path: path, options: options)
            guard let layout = last.withUnsafeBufferPointer({
                TableLayout.plain(first: first, last: $0, separator: dialect.separator)
            }), var table = ParallelCSVReader.read(source, name: name, separator: dialect.separator, reading: wanted),
                !TableLayout.mayRepeatHeader(table) else { return nil }
            dialect.headerLine = layout.line
            if dialect.separator == UInt8(ascii: ";") { readDecimalCommas(&table) }
            let notes = dialect.notes + renamesAndDrops(&table, layout.names)
                + (TableLayout.hashRows(table).map { [.hashRowsKept($0)] } ?? [])
            return LoadedCSV(table: table, dialect: dialect, notes: notes)
        }
    }

    /// `count` bytes of `source` at `offset`, or nil when they cannot be read.
    private static func bytes(of source: ByteSource, at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, offset + count <= source.size else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            failed = !source.read(into: buffer.baseAddress!, count: count, at: offset)
            initialized = count
        }
        return failed ? nil : bytes
    }
}

/// Reads records and keeps nothing (to find the first problem in the text).
private struct IgnoringSink: CSVFieldSink {
    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position) {}
    mutating func endRecord() -> Bool { true }
}
