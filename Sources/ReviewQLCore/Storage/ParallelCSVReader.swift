#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a large CSV file on every core: the file is cut into pieces at row boundaries, each
/// piece is parsed on its own thread by a `CSVChunkParser`, and the pieces' columns are joined.
///
/// The table is exactly the one `CSVReader.read` makes from the same bytes: the same types
/// (decided from every cell), values, missing cells, and dictionaries in order of first
/// appearance. When the file has anything the fast path leaves to `CSVReader` (a problem to
/// report, a column that needs its first rows read again as text), the result is nil.
///
/// Where to cut is a guess: the first line break after an even share of the bytes. A line break
/// inside a quoted field would make a wrong guess, so every guess is checked: the piece before
/// must end exactly there (it reads on past its end to finish its last record). A piece whose
/// start was wrong is never used; the file is then read again as one piece.
enum ParallelCSVReader {
    /// Files smaller than this are read by `CSVReader` alone; starting threads would cost more
    /// than they save.
    static let minimumFileSize = 1 << 20
    /// The least each thread should have to read.
    static let minimumBytesPerPiece = 1 << 20
    /// How much of the file each thread holds at once.
    static let windowSize = 1 << 20

    /// The table in the file at `path`, or nil when `CSVReader` should read it.
    static func load(path: String, name: String) -> Table? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              Int(info.st_size) >= minimumFileSize else { return nil }
        let size = Int(info.st_size)
        let pieces = min(Parallel.processorCount, max(1, size / minimumBytesPerPiece))
        return read(ByteSource(descriptor: descriptor, size: size), name: name, pieceCount: pieces,
                    windowSize: windowSize)
    }

    /// The table in `source`, read in up to `pieceCount` pieces, or nil when `CSVReader` should
    /// read it. Tests call this directly with small windows and many pieces.
    static func read(_ source: ByteSource, name: String, pieceCount: Int, windowSize: Int) -> Table? {
        guard let (names, dataStart) = header(source, windowSize: windowSize) else { return nil }
        // Cut points: each is a guess at a row boundary, strictly after the one before.
        var starts = [dataStart]
        for piece in 1..<max(pieceCount, 1) {
            let nominal = dataStart + (source.size - dataStart) * piece / pieceCount
            guard nominal > starts.last!, let start = rowStart(after: nominal, in: source),
                  start > starts.last!, start < source.size else { continue }
            starts.append(start)
        }
        let columnCount = names.count
        let fileSize = source.size
        let cutPoints = starts
        var outcomes = Parallel.map(cutPoints.count) { piece -> (CSVChunkParser.Outcome, CSVChunkParser) in
            var parser = CSVChunkParser(source: source, columnCount: columnCount, windowSize: windowSize)
            let start = cutPoints[piece]
            let limit = piece + 1 < cutPoints.count ? cutPoints[piece + 1] : fileSize
            // The first piece makes room for the whole file's rows, so the others can be
            // appended to its columns in place.
            let outcome = parser.parse(from: start, to: limit) { bytesPerRow in
                (piece == 0 ? fileSize - start : limit - start) / bytesPerRow * 21 / 20 + 1024
            }
            parser.release()
            return (outcome, parser)
        }
        for (piece, (outcome, _)) in outcomes.enumerated() {
            guard case .finished(let stopOffset) = outcome else { return nil }
            if piece + 1 < cutPoints.count && stopOffset != cutPoints[piece + 1] {
                // A wrong guess at a row boundary: read the file as one piece instead.
                return read(source, name: name, pieceCount: 1, windowSize: windowSize)
            }
        }
        // The parsers move out of `outcomes`, so that each column array has one owner and the
        // first piece's can grow in place.
        var parsers = outcomes.map(\.1)
        outcomes.removeAll()
        let rowCount = parsers.reduce(0) { $0 + $1.rowCount }
        guard let columns = join(&parsers, names: names) else { return nil }
        return Table(name: name, columns: columns, rowCount: rowCount)
    }

    /// The column names and the offset of the first data row, or nil when the header has a
    /// problem (or is longer than a window) and `CSVReader` should read the file.
    private static func header(_ source: ByteSource, windowSize: Int) -> (names: [String], dataStart: Int)? {
        let count = min(source.size, max(windowSize, 1 << 16))
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
        defer { buffer.deallocate() }
        guard count > 0, source.read(into: buffer, count: count, at: 0) else { return nil }
        let bytes = UnsafeBufferPointer(start: buffer, count: count)
        do {
            var tokenizer = CSVTokenizer(bytes: bytes, offset: try CSVReader.textStart(bytes))
            let names = try CSVReader.readHeader(&tokenizer)
            // The header must end inside what was read: a record cut off by the buffer's end
            // would look complete.
            guard tokenizer.offset < count || count == source.size else { return nil }
            return (names, tokenizer.offset)
        } catch {
            return nil
        }
    }

    /// The offset just after the first run of line breaks at or after `offset`: where a row
    /// starts, unless that line break was inside a quoted field. Nil when there is none nearby.
    private static func rowStart(after offset: Int, in source: ByteSource) -> Int? {
        let count = min(1 << 16, source.size - offset)
        guard count > 0 else { return nil }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
        defer { buffer.deallocate() }
        guard source.read(into: buffer, count: count, at: offset) else { return nil }
        func isLineBreak(_ byte: UInt8) -> Bool { byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn }
        var index = 0
        while index < count, !isLineBreak(buffer[index]) { index += 1 }
        while index < count, isLineBreak(buffer[index]) { index += 1 }
        // A run of line breaks reaching the buffer's end might go on; no cut here.
        return index < count ? offset + index : nil
    }

    // MARK: Joining the pieces

    /// The pieces' columns joined into whole columns, or nil when the type of a column over
    /// the whole file needs what only `CSVReader` does (see `joinedKind`).
    private static func join(_ parsers: inout [CSVChunkParser], names: [String]) -> [Column]? {
        var columns: [Column] = []
        for (index, name) in names.enumerated() {
            guard let kind = joinedKind(parsers.map { PieceKind($0.columns[index]) }) else { return nil }
            // The pieces' arrays move into the joined column one at a time, so at most one
            // piece's copy of a column is held twice.
            var rowCounts: [Int] = []
            for parser in parsers { rowCounts.append(parser.columns[index].rowCount) }
            let total = rowCounts.reduce(0, +)
            let storage: Column.Storage
            switch kind {
            case .integer:
                storage = .integer(concatenate(&parsers, index, rowCounts, total, placeholder: 0) { $0.takeIntegers() })
            case .decimal:
                storage = .decimal(concatenate(&parsers, index, rowCounts, total, placeholder: 0) { column in
                    column.kind == .integer ? column.takeIntegers().map(Double.init) : column.takeDecimals()
                })
            case .date:
                storage = .date(concatenate(&parsers, index, rowCounts, total, placeholder: 0) { $0.takeDates() })
            case .boolean:
                storage = .boolean(concatenate(&parsers, index, rowCounts, total, placeholder: false) { $0.takeBooleans() })
            case .text, .unknown:
                var text = TextColumnBuilder()
                for piece in parsers.indices {
                    let part = parsers[piece].withColumn(index) { $0.takeText() }
                    if parsers[piece].columns[index].kind == .unknown {
                        text.appendPlaceholders(rowCounts[piece])
                    } else if piece == 0 {
                        text = part
                        text.reserveCapacity(total)
                    } else {
                        text.append(part)
                    }
                }
                storage = .text(codes: text.codes, dictionary: text.dictionary)
            }
            var missing: Bitmap?
            var firstRow = 0
            for (piece, parser) in parsers.enumerated() {
                let words = parser.columns[index].missing
                if words.hasSetBits {
                    if missing == nil { missing = Bitmap(count: total) }
                    words.forEachSetBit { missing![firstRow + $0] = true }
                }
                firstRow += rowCounts[piece]
            }
            columns.append(Column(name: name, storage: storage, missing: missing))
        }
        return columns
    }

    /// The column's type over the whole file, from its type in each piece; nil when the fast
    /// path cannot make it. `ColumnBuilder`'s rules do not depend on the order of the cells
    /// (each cell is an integer, a decimal, a yes/no, a date, blank, empty or text, and the
    /// type is the narrowest that holds every kind seen), so the pieces' types combine the
    /// same way: integer and decimal make decimal; any other two different types make text,
    /// which would need the typed rows read again as text, and so does a column of blanks
    /// that ends up text. An impossible date in a date column is an error to report.
    private static func joinedKind(_ pieces: [PieceKind]) -> ChunkColumn.Kind? {
        var kind = ChunkColumn.Kind.unknown
        for piece in pieces where piece.kind != .unknown {
            if kind == .unknown || kind == piece.kind {
                kind = piece.kind
            } else if (kind == .integer && piece.kind == .decimal) || (kind == .decimal && piece.kind == .integer) {
                kind = .decimal
            } else {
                return nil
            }
        }
        if kind == .text || kind == .unknown {
            guard !pieces.contains(where: \.sawBlank) else { return nil }
        }
        if kind == .date {
            guard !pieces.contains(where: \.hasImpossibleDate) else { return nil }
        }
        return kind
    }

    /// What `joinedKind` needs of one piece's column (not the column itself, whose arrays
    /// would then be shared and copied when the first piece's grows).
    private struct PieceKind {
        var kind: ChunkColumn.Kind
        var sawBlank: Bool
        var hasImpossibleDate: Bool

        init(_ column: ChunkColumn) {
            kind = column.kind
            sawBlank = column.sawBlank
            hasImpossibleDate = column.firstImpossibleDateRow != nil
        }
    }

    /// The pieces' values of column `index` one after another: the first piece's array, grown
    /// in place, then each later one's, or placeholders for a piece with no value in the column.
    private static func concatenate<Element: BitwiseCopyable>(_ parsers: inout [CSVChunkParser], _ index: Int, _ rowCounts: [Int],
                                             _ total: Int, placeholder: Element,
                                             take: (inout ChunkColumn) -> [Element]) -> [Element] {
        var result: [Element] = []
        for piece in parsers.indices {
            let isTyped = parsers[piece].columns[index].kind != .unknown
            if piece == 0 {
                result = isTyped ? parsers[piece].withColumn(index, take) : Array(repeating: placeholder, count: rowCounts[0])
                result.reserveLargeCapacity(total)
            } else if isTyped {
                result.append(contentsOf: parsers[piece].withColumn(index, take))
            } else {
                result.append(contentsOf: repeatElement(placeholder, count: rowCounts[piece]))
            }
        }
        return result
    }
}

extension CSVChunkParser {
    /// Runs `body` on column `index` in place (to take its values without copying them).
    fileprivate mutating func withColumn<Result>(_ index: Int, _ body: (inout ChunkColumn) -> Result) -> Result {
        body(&columns[index])
    }
}
