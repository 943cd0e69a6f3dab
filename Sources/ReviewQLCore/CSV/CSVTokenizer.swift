/// Receives the fields of CSV records as the tokenizer finds them.
protocol CSVFieldSink {
    /// Field number `index` (0-based) of the current record, without its quotes. `content` is
    /// valid only during the call.
    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position)
    /// The current record is complete; returns whether to go on to the next one.
    mutating func endRecord() -> Bool
}

/// Splits UTF-8 CSV bytes (RFC 4180) into records and fields, checking the text as it goes.
///
/// Fields are separated by commas (or the `separator` sniffed or given: tab, semicolon, pipe)
/// and records by LF, CRLF or a lone CR, which may be mixed in one file. A field in double
/// quotes may hold separators, line breaks and doubled quotes (`""` for one `"`); spaces after
/// a separator and before an opening quote are passed over (`"Year", "Score"`, as R and
/// Python's `csv` read it), but any other text before a quote makes the field unquoted, so its
/// quotes are an error. Empty lines between records are skipped. Every byte is looked at once, and invalid
/// UTF-8, a NUL byte, an unclosed quote, a quote inside an unquoted field, text after a
/// closing quote, or a record whose field count differs from `expectedFieldCount` stops the
/// tokenizer with a `CSVProblem`.
///
/// Positions count physical lines (1-based, lines inside quoted fields included) and
/// characters (1-based Unicode scalars from the start of the line).
struct CSVTokenizer {
    /// Where a field or byte is, in a form that is cheap to keep and turned into a line and a
    /// character column only when a problem is reported.
    struct Position {
        var offset: Int
        var line: Int
        var lineStart: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    /// The byte between fields: a comma, or the tab, semicolon or pipe `Dialect` found.
    let separator: UInt8
    /// Whether a space before an opening quote was passed over (`"a", "b"`), for the notes:
    /// the line of the first, or nil.
    private(set) var firstSpaceBeforeQuote: Int?
    /// How many fields each record must have; nil accepts any number (used for the header).
    var expectedFieldCount: Int?
    /// Where the next record starts.
    private(set) var offset: Int
    /// The physical line `offset` is on, and the offset where that line starts.
    private(set) var line = 1
    private(set) var lineStart: Int
    /// A quoted field's content with its doubled quotes made single, reused between fields.
    private var unescaped: [UInt8] = []

    /// Tokenizes `bytes` from `offset` (past a byte-order mark, say, which is then not counted
    /// in character columns).
    init(bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0, separator: UInt8 = CSVByte.comma, line: Int = 1) {
        self.bytes = bytes
        self.line = line
        self.separator = separator
        self.offset = offset
        self.lineStart = offset
    }

    /// Bits 0–63 set for the ASCII bytes below 64 that end or break a quoted field: NUL, LF, CR
    /// and quote (an unquoted field adds its separator). Testing a bit is cheaper than a table
    /// and needs no memory.
    private static let quotedStops: UInt64 = 1 << 0 | 1 << 0x0A | 1 << 0x0D | 1 << 0x22

    /// Whether `byte` is ASCII and not in `stops`: the common case, passed over in a tight loop.
    @inline(__always)
    private static func isOrdinary(_ byte: UInt8, _ stops: UInt64) -> Bool {
        byte < 64 ? stops >> UInt64(byte) & 1 == 0 : byte < 0x80
    }

    /// Moves `index` forward over ordinary bytes (see `isOrdinary`) to the first stop byte or
    /// `end`, eight bytes at a time while eight remain; `separator` is a stop byte unless
    /// `quoted`. The fast reader uses it too.
    @inline(__always)
    static func skipOrdinary(_ base: UnsafePointer<UInt8>, _ end: Int, _ index: inout Int,
                             quoted: Bool, separator: UInt8 = CSVByte.comma) {
        while index + 8 <= end {
            // Safe: the load reads base[index..<index + 8], inside the buffer by the loop bound.
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let stops = stopBytes(word, quoted: quoted, separator: separator)
            if stops != 0 {
                index += stops.trailingZeroBitCount >> 3
                return
            }
            index += 8
        }
        // The last few bytes of the buffer, one at a time (a separator of 64 or more, the
        // pipe, is not in the bits and is tested on its own).
        let stops = quoted ? quotedStops : (separator < 64 ? quotedStops | 1 << UInt64(separator) : quotedStops)
        while index < end, isOrdinary(base[index], stops), quoted || base[index] != separator { index += 1 }
    }

    /// The high bit of each byte of `word` that is a stop byte (NUL, LF, CR, quote, separator unless
    /// `quoted`, or non-ASCII). The lowest set bit is exact; bits above it may be spurious
    /// (a borrow in the zero-byte test), which is harmless as only the lowest is used.
    @inline(__always)
    private static func stopBytes(_ word: UInt64, quoted: Bool, separator: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        var stops = word & highs
        stops |= zeroBytes(word)
        stops |= zeroBytes(word ^ (ones &* UInt64(CSVByte.lineFeed)))
        stops |= zeroBytes(word ^ (ones &* UInt64(CSVByte.carriageReturn)))
        stops |= zeroBytes(word ^ (ones &* UInt64(CSVByte.quote)))
        if !quoted { stops |= zeroBytes(word ^ (ones &* UInt64(separator))) }
        return stops
    }

    /// Reads records, handing their fields to `sink`, until the bytes end or `sink` says stop.
    mutating func readRecords<Sink: CSVFieldSink>(into sink: inout Sink) throws(CSVProblem) {
        guard let base = bytes.baseAddress else { return }
        // The scanning state lives in locals, written back on the way out, so that the
        // optimiser can keep it in registers.
        var index = offset
        var line = self.line
        var lineStart = self.lineStart
        defer {
            offset = index
            self.line = line
            self.lineStart = lineStart
        }
        let end = bytes.count
        let separator = self.separator
        let expected = expectedFieldCount ?? Int.max
        // Every read through `base` below is at an index checked against `end` first, and the
        // buffer outlives this call, so the unchecked pointer reads stay inside it.
        while true {
            while index < end, base[index] == CSVByte.lineFeed || base[index] == CSVByte.carriageReturn {
                Self.skipLineBreak(base, end, &index, &line, &lineStart)
            }
            guard index < end else { return }
            let recordLine = line
            var fieldCount = 0
            var firstExtraField: Position?
            while true {
                let start = Position(offset: index, line: line, lineStart: lineStart)
                if fieldCount == expected { firstExtraField = start }
                if index < end, base[index] == CSVByte.quote {
                    let quoted = try scanQuotedField(base, end, &index, &line, &lineStart, start)
                    if fieldCount < expected { deliverQuoted(quoted, fieldCount, start, &sink) }
                } else {
                    var spaceBeforeQuote: (Range<Int>, hasDoubledQuotes: Bool)?
                    while true {
                        Self.skipOrdinary(base, end, &index, quoted: false, separator: separator)
                        guard index < end else { break }
                        let byte = base[index]
                        if byte == separator || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                            break
                        } else if byte >= 0x80 {
                            index = try endOfUTF8Character(at: index, Position(offset: index, line: line, lineStart: lineStart))
                        } else if byte == CSVByte.quote {
                            spaceBeforeQuote = try quoteAfterSpaces(base, end, &index, &line, &lineStart, fieldStart: start)
                            break
                        } else {
                            throw .nulByte(at: textPosition(Position(offset: index, line: line, lineStart: lineStart)))
                        }
                    }
                    if fieldCount < expected {
                        if let quoted = spaceBeforeQuote {
                            deliverQuoted(quoted, fieldCount, start, &sink)
                        } else {
                            sink.field(fieldCount, UnsafeBufferPointer(start: base + start.offset, count: index - start.offset), at: start)
                        }
                    }
                }
                fieldCount += 1
                guard index < end, base[index] == separator else { break }
                index += 1
            }
            let recordEnd = Position(offset: index, line: line, lineStart: lineStart)
            Self.skipLineBreak(base, end, &index, &line, &lineStart)
            if let expectedFieldCount, fieldCount != expectedFieldCount {
                // One field too many, empty, at the end of the line: a separator at the end.
                let trailing = fieldCount == expectedFieldCount + 1 && firstExtraField?.offset == recordEnd.offset
                throw .raggedRow(firstLine: recordLine, lastLine: recordEnd.line, fieldCount: fieldCount, separator: separator,
                                 endsWithSeparator: trailing,
                                 expected: expectedFieldCount, at: textPosition(firstExtraField ?? recordEnd))
            }
            guard sink.endRecord() else { return }
        }
    }

    /// Steps over LF, CRLF or CR at `index`, if there is one, counting the line. Like
    /// `readRecords`, it reads through `base` only at indexes below `end`.
    @inline(__always)
    private static func skipLineBreak(_ base: UnsafePointer<UInt8>, _ end: Int,
                                      _ index: inout Int, _ line: inout Int, _ lineStart: inout Int) {
        guard index < end else { return }
        if base[index] == CSVByte.carriageReturn {
            index += index + 1 < end && base[index + 1] == CSVByte.lineFeed ? 2 : 1
        } else if base[index] == CSVByte.lineFeed {
            index += 1
        } else {
            return
        }
        line += 1
        lineStart = index
    }

    /// Moves `index` past the quoted field that starts there (at its opening quote) and returns
    /// the range of the content between the quotes. Like `readRecords`, it reads through `base`
    /// only at indexes below `end`.
    private func scanQuotedField(_ base: UnsafePointer<UInt8>, _ end: Int, _ index: inout Int,
                                 _ line: inout Int, _ lineStart: inout Int,
                                 _ start: Position) throws(CSVProblem) -> (Range<Int>, hasDoubledQuotes: Bool) {
        index += 1
        let contentStart = index
        var hasDoubledQuotes = false
        while true {
            Self.skipOrdinary(base, end, &index, quoted: true, separator: separator)
            guard index < end else { throw .unterminatedQuote(at: textPosition(start)) }
            let byte = base[index]
            if byte == CSVByte.quote {
                if index + 1 < end, base[index + 1] == CSVByte.quote {
                    hasDoubledQuotes = true
                    index += 2
                    continue
                }
                let content = contentStart..<index
                index += 1
                if index < end, base[index] != separator, base[index] != CSVByte.lineFeed,
                   base[index] != CSVByte.carriageReturn {
                    throw .textAfterClosingQuote(fieldText: fieldText(from: start.offset, to: index),
                                                 openedOnLine: start.line,
                                                 at: textPosition(Position(offset: index, line: line, lineStart: lineStart)))
                }
                return (content, hasDoubledQuotes)
            } else if byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                Self.skipLineBreak(base, end, &index, &line, &lineStart)
            } else if byte >= 0x80 {
                index = try endOfUTF8Character(at: index, Position(offset: index, line: line, lineStart: lineStart))
            } else {
                throw .nulByte(at: textPosition(Position(offset: index, line: line, lineStart: lineStart)))
            }
        }
    }

    /// A quote met inside an unquoted field (at `index`): after nothing but spaces following a
    /// separator (`"Year", "Score"`) it opens a quoted field, read as ever and passed back (a
    /// note says so); otherwise it is an error.
    private mutating func quoteAfterSpaces(_ base: UnsafePointer<UInt8>, _ end: Int, _ index: inout Int,
                                           _ line: inout Int, _ lineStart: inout Int,
                                           fieldStart: Position) throws(CSVProblem) -> (Range<Int>, hasDoubledQuotes: Bool) {
        let quote = Position(offset: index, line: line, lineStart: lineStart)
        guard isSpaceBeforeQuote(from: fieldStart.offset, to: index) else {
            throw .quoteInUnquotedField(fieldText: fieldText(from: fieldStart.offset, to: index), at: textPosition(quote))
        }
        firstSpaceBeforeQuote = firstSpaceBeforeQuote ?? line
        return try scanQuotedField(base, end, &index, &line, &lineStart, quote)
    }

    /// Hands `sink` a quoted field's content, unescaped when it has doubled quotes.
    @inline(__always)
    private mutating func deliverQuoted<Sink: CSVFieldSink>(_ quoted: (Range<Int>, hasDoubledQuotes: Bool), _ index: Int,
                                                            _ start: Position, _ sink: inout Sink) {
        if quoted.hasDoubledQuotes {
            deliverUnescaped(quoted.0, index, start, &sink)
        } else {
            sink.field(index, UnsafeBufferPointer(rebasing: bytes[quoted.0]), at: start)
        }
    }

    /// Hands `sink` the quoted content in `range` with each `""` made `"`.
    private mutating func deliverUnescaped<Sink: CSVFieldSink>(_ range: Range<Int>, _ index: Int,
                                                               _ start: Position, _ sink: inout Sink) {
        unescaped.removeAll(keepingCapacity: true)
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            unescaped.append(bytes[cursor])
            // The content holds quotes only in pairs, so skip the second of each.
            cursor += bytes[cursor] == CSVByte.quote ? 2 : 1
        }
        unescaped.withUnsafeBufferPointer { sink.field(index, $0, at: start) }
    }

    /// Checks the UTF-8 character starting at `index` (a byte of 0x80 or more) and returns the
    /// offset just after it. The bad byte reported is the first of the character.
    private func endOfUTF8Character(at index: Int, _ position: Position) throws(CSVProblem) -> Int {
        // Safe: `bytes` is the whole buffer and `index` is inside it.
        let length = Self.utf8CharacterLength(bytes.baseAddress!, at: index, end: bytes.count)
        // A character cut short by the end of the file is invalid, like any other bad sequence.
        guard length > 0 else { throw .invalidUTF8(byte: bytes[index], at: textPosition(position)) }
        return index + length
    }

    /// The length of the UTF-8 character whose first byte (0x80 or more) is at `index`: 2 to 4;
    /// 0 when the bytes are not UTF-8; -1 when the character runs past `end`, so whether it is
    /// valid depends on bytes not yet read. Reads `base` only below `end`.
    @inline(__always)
    static func utf8CharacterLength(_ base: UnsafePointer<UInt8>, at index: Int, end: Int) -> Int {
        let lead = base[index]
        // The ranges of the second byte exclude overlong forms, surrogates and values past U+10FFFF.
        let continuationCount: Int
        var secondByteRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: continuationCount = 1
        case 0xE0: continuationCount = 2; secondByteRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: continuationCount = 2
        case 0xED: continuationCount = 2; secondByteRange = 0x80...0x9F
        case 0xF0: continuationCount = 3; secondByteRange = 0x90...0xBF
        case 0xF1...0xF3: continuationCount = 3
        case 0xF4: continuationCount = 3; secondByteRange = 0x80...0x8F
        default: return 0
        }
        guard index + continuationCount < end else { return -1 }
        guard secondByteRange.contains(base[index + 1]) else { return 0 }
        for next in index + 2..<index + 1 + continuationCount where base[next] & 0xC0 != 0x80 { return 0 }
        return 1 + continuationCount
    }

    /// The raw text of the field starting at `fieldStart`, up to the next separator or line break
    /// after `problem`, shortened for an error message.
    private func fieldText(from fieldStart: Int, to problem: Int) -> String {
        func isSeparator(_ byte: UInt8) -> Bool {
            byte == separator || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn
        }
        // Back to the start of the character at `offset`, so no character is cut in two.
        func characterStart(_ offset: Int) -> Int {
            var offset = offset
            while offset > fieldStart, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
            return offset
        }
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        // The problem and what follows it in the field: up to 20 bytes.
        var end = problem
        while end < bytes.count, end - problem < 20, !isSeparator(bytes[end]) { end += 1 }
        let more = end < bytes.count && !isSeparator(bytes[end]) ? "..." : ""
        // A long field (a quote left open can swallow many lines) shows its start and the part
        // just before the problem, not everything between.
        guard end - fieldStart > 60 else { return text(fieldStart..<end) + more }
        let headEnd = characterStart(fieldStart + 24)
        let tailStart = characterStart(max(problem - 24, headEnd))
        return text(fieldStart..<headEnd) + "..." + text(tailStart..<end) + more
    }

    /// Whether `bytes[fieldStart..<quote]` is one or more spaces after a separator (not at the
    /// start of a line): then the quote at `quote` opens a quoted field, as in `"a", "b"`.
    private func isSpaceBeforeQuote(from fieldStart: Int, to quote: Int) -> Bool {
        guard quote > fieldStart, fieldStart > 0, bytes[fieldStart - 1] == separator else { return false }
        return bytes[fieldStart..<quote].allSatisfy { $0 == CSVByte.space }
    }

    /// The 1-based line and character column of a position.
    func textPosition(_ position: Position) -> CSVProblem.TextPosition {
        var characters = 0
        for byte in bytes[position.lineStart..<position.offset] where byte & 0xC0 != 0x80 { characters += 1 }
        return CSVProblem.TextPosition(line: position.line, column: characters + 1)
    }
}
