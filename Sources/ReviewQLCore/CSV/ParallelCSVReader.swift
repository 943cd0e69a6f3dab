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
///
/// The columns are filled in place: the first rows are read on one thread to learn each
/// column's type and how many bytes a row takes; then each column's final array is made with
/// a slot of rows for each piece (its estimated share, with room to spare), every piece writes
/// its rows into its slots, and the slots are closed up at the end. A column whose type or
/// size the sample got wrong is joined from the pieces' own arrays instead.
///
/// A caller may want only some columns (`reading`). The others are cut out of the table; those
/// whose values cannot stop the load (text, yes/no) are not even read after the sample: their
/// fields are still found, so the rows' shape, quotes, UTF-8 and NUL bytes are checked as
/// ever. Date and number columns, and columns still empty in the sample, are read in full,
/// since an impossible date or a number too large for a `Double` is an error.
enum ParallelCSVReader {
    /// Files smaller than this are read by `CSVReader` alone; starting threads would cost more
    /// than they save.
    static let minimumFileSize = 1 << 20
    /// The least each thread should have to read.
    static let minimumBytesPerPiece = 1 << 20
    /// How much of the file each thread holds at once: small enough that what was just read is
    /// still in the core's cache, with the tables the parser looks things up in.
    static let windowSize = 1 << 17
    /// Rows read first, on one thread, to learn the columns' types.
    static let sampleRows = 1000

    /// The table in a file's bytes (in memory, or read in place by descriptor), or nil when
    /// `CSVReader` should read them.
    static func read(_ source: ByteSource, name: String, separator: UInt8 = CSVByte.comma,
                     reading wanted: (@Sendable (String) -> Bool)? = nil) -> Table? {
        guard source.size >= minimumFileSize else { return nil }
        let pieces = min(Parallel.processorCount, max(1, source.size / minimumBytesPerPiece))
        return read(source, name: name, pieceCount: pieces, windowSize: windowSize, separator: separator, reading: wanted)
    }

    /// The table in `source`, read in up to `pieceCount` pieces, or nil when `CSVReader` should
    /// read it. Tests call this directly with small windows, small samples and many pieces.
    static func read(_ source: ByteSource, name: String, pieceCount: Int, windowSize: Int,
                     sampleRows: Int = sampleRows, separator: UInt8 = CSVByte.comma,
                     reading wanted: ((String) -> Bool)? = nil) -> Table? {
        guard let (names, dataStart) = header(source, windowSize: windowSize, separator: separator) else { return nil }
        let kept = names.map { wanted?($0) ?? true }
        let starts = cuts(source, dataStart: dataStart, pieceCount: pieceCount)
        let limits = starts.indices.map { $0 + 1 < starts.count ? starts[$0 + 1] : source.size }
        let pieces = starts.indices.map { Piece(source: source, columnCount: names.count, windowSize: windowSize,
                                                start: starts[$0], limit: limits[$0], fileSize: source.size,
                                                separator: separator) }
        defer { for piece in pieces { piece.parser.release() } }
        guard let layout = layOut(pieces, starts, limits, sampleRows: sampleRows, kept: kept) else { return nil }
        for piece in pieces { piece.parser.skip(layout.skipped) }

        var joined: [JoinedColumn?] = []
        var failure: Failure?
        let shared = withSharedArrays(layout.kinds, layout.widths, capacity: layout.capacity) { bases -> [Int] in
            attach(pieces, bases, layout)
            pieces[0].parser.flush()
            _ = Parallel.map(pieces.count) { index in pieces[index].run() }
            failure = check(pieces, starts)
            if failure == nil {
                if let columns = joinColumns(pieces, bases, layout) { joined = columns } else { failure = .gaveUp }
            }
            // Nothing is kept from the arrays when reading failed.
            return failure == nil ? joined.map { $0?.count ?? 0 } : bases.map { _ in 0 }
        }
        switch failure {
        case .gaveUp?: return nil
        case .wrongCut?: return read(source, name: name, pieceCount: 1, windowSize: windowSize, sampleRows: sampleRows,
                                     separator: separator, reading: wanted)
        case nil: break
        }
        return table(name, names, kept, pieces, joined, shared, commaMayBeDecimal: separator == UInt8(ascii: ";"))
    }

    /// Why reading the pieces failed: the fast path gave up on one, or a piece began where
    /// no row does (the file is then read again as one piece).
    private enum Failure { case gaveUp, wrongCut }

    /// Where each piece starts: the first row, then guesses at row boundaries (see the type's
    /// comment) after even shares of the bytes, each strictly after the one before.
    private static func cuts(_ source: ByteSource, dataStart: Int, pieceCount: Int) -> [Int] {
        var starts = [dataStart]
        for piece in 1..<max(pieceCount, 1) {
            let nominal = dataStart + (source.size - dataStart) * piece / pieceCount
            guard nominal > starts.last!, let start = rowStart(after: nominal, in: source),
                  start > starts.last!, start < source.size else { continue }
            starts.append(start)
        }
        return starts
    }

    /// What the sample decides about the columns' final arrays.
    private struct Layout {
        /// Each column's type in the sample; unknown for a column that is not read (`skipped`).
        var kinds: [ColumnKind]
        /// The bytes of each value in a column's final array (see `width`).
        var widths: [Int]
        /// As `widths`, but 0 for a column with no final array (its type is unknown).
        var strides: [Int]
        /// Each piece's slot of rows in every final array, and where the slot starts.
        var slots: [Int]
        var slotStarts: [Int]
        /// The rows every final array has room for.
        var capacity: Int
        /// The columns not read after the sample.
        var skipped: [Bool]
    }

    /// Reads the sample, the first rows of the first piece (whose reading goes on from there),
    /// and lays out the columns' final arrays from it; nil when the fast path gives up on it.
    private static func layOut(_ pieces: [Piece], _ starts: [Int], _ limits: [Int], sampleRows: Int,
                               kept: [Bool]) -> Layout? {
        guard case .finished(let sampleEnd) = pieces[0].parser.parse(
            from: starts[0], to: limits[0], maxRows: sampleRows, expectedRows: { _ in 0 }) else { return nil }
        pieces[0].start = sampleEnd
        let sampled = pieces[0].parser.rowCount
        let bytesPerRow = max(1, (sampleEnd - starts[0]) / max(sampled, 1))
        // Each piece's slot: its share of the rows at the sample's bytes per row, plus an eighth.
        let slots = pieces.indices.map { index in
            (limits[index] - starts[index]) / bytesPerRow * 9 / 8 + (index == 0 ? sampled : 0) + 64
        }
        let slotStarts = slots.indices.map { index in slots[..<index].reduce(0, +) }
        // The unwanted columns whose values cannot stop the load are not read from here on
        // (see the type's comment); they get no arrays.
        let skipped = kept.indices.map { index -> Bool in
            guard !kept[index] else { return false }
            switch pieces[0].parser.columns[index].kind {
            case .text, .boolean: return true
            case .integer, .decimal, .date, .unknown: return false
            }
        }
        let kinds: [ColumnKind] = pieces[0].parser.columns.indices.map {
            skipped[$0] ? .unknown : pieces[0].parser.columns[$0].kind
        }
        let widths = pieces[0].parser.columns.map(width)
        return Layout(kinds: kinds, widths: widths, strides: kinds.indices.map { kinds[$0] == .unknown ? 0 : widths[$0] },
                      slots: slots, slotStarts: slotStarts, capacity: slotStarts.last! + slots.last!, skipped: skipped)
    }

    /// The bytes of each value in a column's final array, from its sample. Columns are narrow
    /// from the start, so that the table's memory at its peak is what it keeps. A text column
    /// whose sample has few distinct values gets one-byte codes (an authority, a region, a
    /// judgement): up to three quarters of the byte's room may go on the sample's values,
    /// leaving the rest for values first seen later. An integer column whose sample stays
    /// within 2^24 either way gets four-byte values, leaving room for ids that grow a hundred
    /// times over. Should a piece meet a value that does not fit, it writes its own wide values
    /// and the column is joined from those (slower, the same table).
    private static func width(_ sample: ChunkColumn) -> Int {
        switch sample.kind {
        case .text: sample.text.dictionary.count <= DictionaryCodes.byteLimit * 3 / 4 ? 1 : 4
        case .integer: sample.integers.allSatisfy { $0.magnitude < 1 << 24 } ? 4 : 8
        default: stride(sample.kind)
        }
    }

    /// Points each piece's columns at their slots in the final arrays (`bases`; nil for a
    /// column that has none).
    private static func attach(_ pieces: [Piece], _ bases: [UnsafeMutableRawPointer?], _ layout: Layout) {
        for (column, base) in bases.enumerated() {
            guard let base else { continue }
            for (index, piece) in pieces.enumerated() {
                piece.parser.columns[column].attach(.init(base: base.advanced(by: layout.slotStarts[index] * layout.strides[column]),
                                                         kind: layout.kinds[column], capacity: layout.slots[index],
                                                         width: layout.widths[column]))
            }
        }
    }

    /// Whether every piece was read, each ending exactly where the next starts; nil when so.
    private static func check(_ pieces: [Piece], _ starts: [Int]) -> Failure? {
        for (index, piece) in pieces.enumerated() {
            guard case .finished(let stopOffset) = piece.outcome else { return .gaveUp }
            if index + 1 < pieces.count && stopOffset != starts[index + 1] { return .wrongCut }
        }
        return nil
    }

    /// Every column read, joined from the pieces (nil for a column not read), or nil when one
    /// cannot be (see `joinedKind`). The columns are joined on two threads at once, each taking
    /// the larger columns still left (they are independent: each reads the pieces and writes
    /// its own array).
    private static func joinColumns(_ pieces: [Piece], _ bases: [UnsafeMutableRawPointer?],
                                    _ layout: Layout) -> [JoinedColumn?]? {
        let columnCount = layout.kinds.count
        let order = (0..<columnCount).filter { !layout.skipped[$0] }.sorted { layout.strides[$0] > layout.strides[$1] }
        let shares = [order.enumerated().filter { $0.offset % 2 == 0 }.map(\.element),
                      order.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)]
        let memory = SharedMemory(bases: bases)
        let parts = Parallel.map(min(2, Parallel.processorCount, columnCount)) { part in
            (part == 0 && Parallel.processorCount < 2 ? order : shares[part]).map { column in
                (column, joinColumn(column, pieces, memory.bases[column], layout.kinds[column], layout.strides[column],
                                    layout.capacity, layout.slotStarts, layout.slots))
            }
        }
        var joined = [JoinedColumn?](repeating: nil, count: columnCount)
        for (column, joinedColumn) in parts.joined() {
            guard let joinedColumn else { return nil }
            joined[column] = joinedColumn
        }
        return joined
    }

    /// The table from the joined columns (those closed up in place are in `shared`), less the
    /// columns not wanted; nil when a number too large for a `Double` was read as infinity,
    /// which `CSVReader` reports with where it is.
    private static func table(_ name: String, _ names: [String], _ kept: [Bool], _ pieces: [Piece],
                              _ joined: [JoinedColumn?], _ shared: [Column.Storage?], commaMayBeDecimal: Bool) -> Table? {
        let storages = names.indices.map { joined[$0]?.storage ?? shared[$0] }
        for case .decimal(let values)? in storages where values.contains(where: { !$0.isFinite }) { return nil }
        let rowCount = pieces.reduce(0) { $0 + $1.parser.rowCount }
        let columns = names.indices.filter { kept[$0] }.map { index -> Column in
            var storage = storages[index]!
            let dictionary = joined[index]?.dictionary ?? []
            if case .text(let codes, _) = storage {
                storage = .text(codes: codes.narrowed(distinct: dictionary.count), dictionary: dictionary)
            }
            return Column(name: names[index], storage: storage, missing: joined[index]?.missing)
        }
        var table = Table(name: name, columns: columns, rowCount: rowCount)
        if kept.contains(false) { table.columnsInFile = names }
        return readWrittenValues(table, commaMayBeDecimal: commaMayBeDecimal)
    }

    /// The table with its text columns of numbers and dates as people write them read again
    /// (`WrittenValues`), as `CSVReader` does; nil (the exact reader decides) for a date column
    /// that may have been written day or month first, or a date that names no real day.
    private static func readWrittenValues(_ read: Table, commaMayBeDecimal: Bool) -> Table? {
        var table = read
        for index in table.columns.indices {
            let column = table.columns[index]
            if case .date(let days) = column.storage,
               WrittenValues.mayBeDayOrMonthFirst(days, missing: { column.isMissing($0) }) { return nil }
            switch WrittenValues.reread(column, dataset: table.name, commaMayBeDecimal: commaMayBeDecimal) {
            case .unchanged: break
            case .converted(let converted, let notes):
                table.columns[index] = converted
                table.formatNotes += notes
            case .keptAsText(let note): table.formatNotes.append(note)
            case .impossibleDate: return nil
            }
        }
        return table
    }

    /// Column `index` joined from the pieces: closed up in place in its final array at `base`
    /// when it can be (`count` values there), or else a new array (`storage`). Nil when the
    /// fast path cannot make the column (see `joinedKind`).
    private static func joinColumn(_ index: Int, _ pieces: [Piece], _ base: UnsafeMutableRawPointer?,
                                   _ sampledKind: ColumnKind, _ stride: Int, _ capacity: Int,
                                   _ slotStarts: [Int], _ slots: [Int]) -> JoinedColumn? {
        guard let kind = joinedKind(pieces.map { PieceKind($0.parser.columns[index]) }) else { return nil }
        var result = JoinedColumn(missing: joinMissing(pieces, index))
        if let base, kind == sampledKind,
           let count = closeUp(base, kind, stride, pieces, index, slotStarts, slots, &result.dictionary) {
            // The slots' room to spare, and the rows moved down out of the last slots, go back
            // to the kernel now.
            releasePages(UnsafeMutableRawBufferPointer(start: base, count: capacity * stride),
                         after: count * stride)
            result.count = count
        } else {
            result.storage = joined(pieces, index, kind, &result.dictionary)
        }
        return result
    }

    /// What joining one column gave; see `joinColumn`.
    private struct JoinedColumn: Sendable {
        var count = 0
        var storage: Column.Storage?
        var missing: Bitmap?
        var dictionary: [String] = []
    }

    /// The final arrays' memory, for the threads that join the columns.
    ///
    /// `@unchecked Sendable` is safe: each thread writes only the arrays of its own columns,
    /// and the arrays outlive the threads (`withSharedArrays` keeps them open until `body`
    /// returns, after the threads are joined).
    private struct SharedMemory: @unchecked Sendable {
        let bases: [UnsafeMutableRawPointer?]
    }

    /// One piece of the file and the parser reading it.
    ///
    /// `@unchecked Sendable` is safe: while the pieces are read, each is used by one thread
    /// only (`Parallel.map` runs `run` once per piece), and the other uses come before the
    /// threads start or after they have all been joined.
    private final class Piece: @unchecked Sendable {
        var parser: CSVChunkParser
        var start: Int
        let limit: Int
        let fileSize: Int
        var outcome = CSVChunkParser.Outcome.gaveUp

        init(source: ByteSource, columnCount: Int, windowSize: Int, start: Int, limit: Int, fileSize: Int,
             separator: UInt8) {
            parser = CSVChunkParser(source: source, columnCount: columnCount, windowSize: windowSize, separator: separator)
            self.start = start
            self.limit = limit
            self.fileSize = fileSize
        }

        func run() {
            let start = start, limit = limit
            outcome = parser.parse(from: start, to: limit) { bytesPerRow in (limit - start) / bytesPerRow * 21 / 20 + 1024 }
        }
    }

    /// The column names and the offset of the first data row, or nil when the header has a
    /// problem (or is longer than a window) and `CSVReader` should read the file.
    private static func header(_ source: ByteSource, windowSize: Int,
                               separator: UInt8) -> (names: [String], dataStart: Int)? {
        let count = min(source.size, max(windowSize, 1 << 16))
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
        defer { buffer.deallocate() }
        guard count > 0, source.read(into: buffer, count: count, at: 0) else { return nil }
        let bytes = UnsafeBufferPointer(start: buffer, count: count)
        do {
            var tokenizer = CSVTokenizer(bytes: bytes, offset: try CSVReader.textStart(bytes), separator: separator)
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

    // MARK: The columns' final arrays

    /// The size of one value of a column of `kind` in its final array.
    private static func stride(_ kind: ColumnKind) -> Int {
        switch kind {
        case .integer: MemoryLayout<Int64>.stride
        case .decimal: MemoryLayout<Double>.stride
        case .date: MemoryLayout<Int32>.stride
        case .boolean: MemoryLayout<Bool>.stride
        case .text: MemoryLayout<UInt32>.stride
        case .unknown: 0
        }
    }

    /// Makes an array of `capacity` uninitialized values for every column of a known type (a
    /// text column's is its codes), each value of `widths` bytes, and calls `body` with their memory (nil for a column of
    /// unknown type), which returns how many values of each it initialized, from the start.
    /// Returns the arrays, each holding that many values.
    private static func withSharedArrays(_ kinds: [ColumnKind], _ widths: [Int], capacity: Int,
                                         _ body: ([UnsafeMutableRawPointer?]) -> [Int]) -> [Column.Storage?] {
        var bases = [UnsafeMutableRawPointer?](repeating: nil, count: kinds.count)
        var counts: [Int] = []
        var arrays = [Column.Storage?](repeating: nil, count: kinds.count)
        // One nested call per column, so that every array's initializer is still open when
        // `body` runs: Swift lets an array's uninitialized memory be filled only there.
        func open(_ index: Int) {
            guard index < kinds.count else {
                counts = body(bases)
                return
            }
            func make<Element: BitwiseCopyable>(_ type: Element.Type) -> [Element] {
                [Element](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, initializedCount in
                    adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
                    bases[index] = UnsafeMutableRawPointer(buffer.baseAddress!)
                    open(index + 1)
                    // `body` initialized exactly `counts[index]` values from the start.
                    initializedCount = counts[index]
                }
            }
            switch kinds[index] {
            case .integer where widths[index] == 4: arrays[index] = .integer(.narrow(make(Int32.self)))
            case .integer: arrays[index] = .integer(.wide(make(Int64.self)))
            case .decimal: arrays[index] = .decimal(make(Double.self))
            case .date: arrays[index] = .date(make(Int32.self))
            case .boolean: arrays[index] = .boolean(make(Bool.self))
            case .text where widths[index] == 1: arrays[index] = .text(codes: .bytes(make(UInt8.self)), dictionary: [])
            case .text: arrays[index] = .text(codes: .words(make(UInt32.self)), dictionary: [])
            case .unknown: open(index + 1)
            }
        }
        open(0)
        return arrays
    }

    /// Closes up the slots of column `index` in its final array at `base`: each piece's rows
    /// move down to follow the previous piece's (a text piece's codes renumbered into the first
    /// piece's dictionary on the way). Returns the number of rows, or nil (nothing moved) when a
    /// piece did not write its rows there, or has more rows than its slot.
    private static func closeUp(_ base: UnsafeMutableRawPointer, _ kind: ColumnKind, _ stride: Int,
                                _ pieces: [Piece], _ index: Int,
                                _ slotStarts: [Int], _ slots: [Int], _ dictionary: inout [String]) -> Int? {
        for (number, piece) in pieces.enumerated() {
            let column = piece.parser.columns[index]
            guard column.rowCount <= slots[number],
                  column.kind == .unknown || (column.target != nil && column.kind == kind) else { return nil }
        }
        func move<Element>(_ type: Element.Type, placeholder: Element) -> Int {
            let values = base.assumingMemoryBound(to: Element.self)
            var next = 0
            for (number, piece) in pieces.enumerated() {
                let column = piece.parser.columns[index]
                // `next` never passes the slot's start: every slot before held at most its size.
                if column.kind == .unknown {
                    (values + next).initialize(repeating: placeholder, count: column.rowCount)
                } else if next != slotStarts[number] {
                    (values + next).update(from: values + slotStarts[number], count: column.rowCount)
                }
                next += column.rowCount
            }
            return next
        }
        switch kind {
        case .integer where stride == 4: return move(Int32.self, placeholder: 0)
        case .integer: return move(Int64.self, placeholder: 0)
        case .decimal: return move(Double.self, placeholder: 0)
        case .date: return move(Int32.self, placeholder: 0)
        case .boolean: return move(Bool.self, placeholder: false)
        case .text: return closeUpCodes(base, stride, pieces, index, slotStarts, &dictionary)
        case .unknown: return nil
        }
    }

    /// `closeUp` for a text column's codes, of `stride` bytes each: renumbered into one
    /// dictionary for the whole file (the first piece's, with the values first seen in later
    /// pieces after it), which goes to `dictionary`. Nil (nothing moved) when its codes would
    /// not fit the width.
    private static func closeUpCodes(_ base: UnsafeMutableRawPointer, _ stride: Int, _ pieces: [Piece], _ index: Int,
                                     _ slotStarts: [Int], _ dictionary: inout [String]) -> Int? {
        // The whole file's dictionary first: nothing moves unless every code fits the width.
        var merged = TextColumnBuilder()
        var renumberings: [[UInt32]?] = []
        for (number, piece) in pieces.enumerated() {
            let column = piece.parser.columns[index]
            if column.kind == .unknown {
                renumberings.append(nil)
            } else if number == 0 {
                merged = column.text
                renumberings.append(nil)
            } else {
                renumberings.append(merged.mergeDictionary(column.text))
            }
        }
        guard stride == 4 || merged.dictionary.count <= DictionaryCodes.byteLimit else { return nil }
        func moveCodes<Code: FixedWidthInteger>(_ type: Code.Type) -> Int {
            let codes = base.assumingMemoryBound(to: Code.self)
            var next = 0
            for (number, piece) in pieces.enumerated() {
                let column = piece.parser.columns[index]
                if column.kind == .unknown {
                    (codes + next).initialize(repeating: 0, count: column.rowCount)
                } else if number > 0 {
                    let source = codes + slotStarts[number]
                    // Forwards is safe: the destination starts at or before the source.
                    if let renumbered = renumberings[number] {
                        for row in 0..<column.rowCount {
                            codes[next + row] = Code(truncatingIfNeeded: renumbered[Int(source[row])])
                        }
                    } else if next != slotStarts[number] {
                        (codes + next).update(from: source, count: column.rowCount)
                    }
                }
                next += column.rowCount
            }
            return next
        }
        dictionary = merged.dictionary
        return stride == 1 ? moveCodes(UInt8.self) : moveCodes(UInt32.self)
    }

    /// Column `index` joined from wherever each piece holds its rows, into a new array.
    private static func joined(_ pieces: [Piece], _ index: Int, _ kind: ColumnKind,
                               _ dictionary: inout [String]) -> Column.Storage {
        let columns = pieces.map { $0.parser.columns[index] }
        let total = columns.reduce(0) { $0 + $1.rowCount }
        func concatenate<Element: BitwiseCopyable>(_ placeholder: Element,
                                                   _ rows: (ChunkColumn, ([Element]) -> Void) -> Void) -> [Element] {
            var result: [Element] = []
            result.reserveLargeCapacity(total)
            for column in columns {
                if column.kind == .unknown {
                    result.append(contentsOf: repeatElement(placeholder, count: column.rowCount))
                } else {
                    rows(column) { result.append(contentsOf: $0) }
                }
            }
            return result
        }
        switch kind {
        case .integer:
            return .integer(.wide(concatenate(0) { column, add in column.withIntegers { add(Array($0)) } }))
        case .decimal:
            return .decimal(concatenate(0) { column, add in
                if column.kind == .integer {
                    column.withIntegers { add($0.map(Double.init)) }
                } else {
                    column.withDecimals { add(Array($0)) }
                }
            })
        case .date:
            return .date(concatenate(0) { column, add in column.withDates { add(Array($0)) } })
        case .boolean:
            return .boolean(concatenate(false) { column, add in column.withBooleans { add(Array($0)) } })
        case .text, .unknown:
            var merged = TextColumnBuilder()
            var codes: [UInt32] = []
            codes.reserveLargeCapacity(total)
            for column in columns {
                if column.kind == .unknown {
                    codes.append(contentsOf: repeatElement(0, count: column.rowCount))
                    continue
                }
                let renumbered = merged.mergeDictionary(column.text)
                column.withCodes { pieceCodes in
                    if let renumbered {
                        codes.append(contentsOf: pieceCodes.lazy.map { renumbered[Int($0)] })
                    } else {
                        codes.append(contentsOf: pieceCodes)
                    }
                }
            }
            dictionary = merged.dictionary
            return .text(codes: .words(codes), dictionary: [])
        }
    }

    /// The missing cells of column `index` over the whole file, or nil when there are none.
    private static func joinMissing(_ pieces: [Piece], _ index: Int) -> Bitmap? {
        let total = pieces.reduce(0) { $0 + $1.parser.rowCount }
        var missing: Bitmap?
        var firstRow = 0
        for piece in pieces {
            let column = piece.parser.columns[index]
            if column.missing.hasSetBits {
                if missing == nil { missing = Bitmap(count: total) }
                column.missing.forEachSetBit { missing![firstRow + $0] = true }
            }
            firstRow += column.rowCount
        }
        return missing
    }

    /// The column's type over the whole file, from its type in each piece; nil when the fast
    /// path cannot make it. The type rule does not depend on the order of the cells (see
    /// `ColumnKind`), so the pieces' types widen as the cells' would. Text from two different
    /// types would need the typed rows read again as text, and so would a column of blanks
    /// that ends up text. An impossible date in a date column is an error to report.
    private static func joinedKind(_ pieces: [PieceKind]) -> ColumnKind? {
        var kind = ColumnKind.unknown
        for piece in pieces where piece.kind != .unknown {
            let widened = kind.widened(toHold: piece.kind)
            if widened == .text && kind != .unknown && kind != piece.kind { return nil }
            kind = widened
        }
        if kind == .text || kind == .unknown {
            guard !pieces.contains(where: \.sawBlank) else { return nil }
        }
        if kind == .date {
            guard !pieces.contains(where: \.hasImpossibleDate) else { return nil }
        }
        return kind
    }

    /// What `joinedKind` needs of one piece's column.
    private struct PieceKind {
        var kind: ColumnKind
        var sawBlank: Bool
        var hasImpossibleDate: Bool

        init(_ column: ChunkColumn) {
            kind = column.kind
            sawBlank = column.sawBlank
            hasImpossibleDate = column.firstImpossibleDateRow != nil
        }
    }
}
