/// Receives the fields of CSV records as the tokenizer finds them.
protocol CSVFieldSink {
    /// Field number `index` (0-based) of the current record, without its quotes. `content` is
    /// valid only during the call.
    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position)
    /// The current record is complete.
    mutating func endRecord()
}

/// Splits UTF-8 CSV bytes (RFC 4180) into records and fields, checking the text as it goes.
///
/// Fields are separated by commas and records by LF, CRLF or a lone CR, which may be mixed in
/// one file. A field in double quotes may hold commas, line breaks and doubled quotes (`""`
/// for one `"`). Empty lines between records are skipped. Every byte is looked at once, and
/// invalid UTF-8, a NUL byte, an unclosed quote, a quote inside an unquoted field, text after
/// a closing quote, or a record whose field count differs from `expectedFieldCount` stops the
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
    /// How many fields each record must have; nil accepts any number (used for the header).
    var expectedFieldCount: Int?
    /// Where the next record starts.
    private(set) var offset: Int
    /// The physical line `offset` is on, and the offset where that line starts.
    private(set) var line = 1
    private(set) var lineStart: Int
    /// A quoted field's content with its doubled quotes made single, reused between fields.
    private var unescaped: [UInt8] = []
    private let byteClasses = byteClassTable

    /// Tokenizes `bytes` from `offset` (past a byte-order mark, say, which is then not counted
    /// in character columns).
    init(bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        self.lineStart = offset
    }

    /// What a byte means to the tokenizer.
    enum ByteClass: UInt8 { case plain, comma, lineFeed, carriageReturn, quote, nul, nonASCII }

    /// The class of each of the 256 byte values.
    private static let byteClassTable: [ByteClass] = (0...255).map { byte in
        switch UInt8(byte) {
        case CSVByte.comma: return .comma
        case CSVByte.lineFeed: return .lineFeed
        case CSVByte.carriageReturn: return .carriageReturn
        case CSVByte.quote: return .quote
        case 0: return .nul
        case 0x80...: return .nonASCII
        default: return .plain
        }
    }

    @inline(__always)
    private var position: Position { Position(offset: offset, line: line, lineStart: lineStart) }

    /// Reads the next record, handing its fields to `sink`; false when no record is left.
    mutating func nextRecord<Sink: CSVFieldSink>(into sink: inout Sink) throws(CSVProblem) -> Bool {
        skipEmptyLines()
        guard offset < bytes.count else { return false }
        let recordLine = line
        let expected = expectedFieldCount ?? Int.max
        var fieldCount = 0
        var firstExtraField: Position?
        while true {
            let start = position
            if fieldCount == expected { firstExtraField = start }
            if offset < bytes.count, bytes[offset] == CSVByte.quote {
                let (content, hasDoubledQuotes) = try scanQuotedField(start)
                if fieldCount < expected {
                    if hasDoubledQuotes {
                        deliverUnescaped(content, fieldCount, start, &sink)
                    } else {
                        sink.field(fieldCount, UnsafeBufferPointer(rebasing: bytes[content]), at: start)
                    }
                }
            } else {
                try scanUnquotedField()
                if fieldCount < expected {
                    sink.field(fieldCount, UnsafeBufferPointer(rebasing: bytes[start.offset..<offset]), at: start)
                }
            }
            fieldCount += 1
            if offset < bytes.count, bytes[offset] == CSVByte.comma {
                offset += 1
                continue
            }
            break
        }
        let recordEnd = position
        skipLineBreak()
        if let expectedFieldCount, fieldCount != expectedFieldCount {
            throw .raggedRow(line: recordLine, fieldCount: fieldCount, expected: expectedFieldCount,
                             at: textPosition(firstExtraField ?? recordEnd))
        }
        sink.endRecord()
        return true
    }

    @inline(__always)
    private mutating func skipEmptyLines() {
        while offset < bytes.count, bytes[offset] == CSVByte.lineFeed || bytes[offset] == CSVByte.carriageReturn {
            skipLineBreak()
        }
    }

    /// Steps over LF, CRLF or CR at `offset`, if there is one.
    @inline(__always)
    private mutating func skipLineBreak() {
        guard offset < bytes.count else { return }
        if bytes[offset] == CSVByte.carriageReturn {
            offset += offset + 1 < bytes.count && bytes[offset + 1] == CSVByte.lineFeed ? 2 : 1
        } else if bytes[offset] == CSVByte.lineFeed {
            offset += 1
        } else {
            return
        }
        line += 1
        lineStart = offset
    }

    /// Moves `offset` to the comma, line break or end that ends the unquoted field there.
    @inline(__always)
    private mutating func scanUnquotedField() throws(CSVProblem) {
        let fieldStart = offset
        while offset < bytes.count {
            switch byteClasses[Int(bytes[offset])] {
            case .plain:
                offset += 1
            case .comma, .lineFeed, .carriageReturn:
                return
            case .quote:
                throw .quoteInUnquotedField(fieldText: fieldText(from: fieldStart), at: textPosition(position))
            case .nul:
                throw .nulByte(at: textPosition(position))
            case .nonASCII:
                offset = try endOfUTF8Character()
            }
        }
    }

    /// Moves `offset` past the quoted field that starts there (at its opening quote) and
    /// returns the content between the quotes.
    private mutating func scanQuotedField(_ start: Position) throws(CSVProblem) -> (Range<Int>, hasDoubledQuotes: Bool) {
        offset += 1
        let contentStart = offset
        var hasDoubledQuotes = false
        while true {
            guard offset < bytes.count else { throw .unterminatedQuote(at: textPosition(start)) }
            switch byteClasses[Int(bytes[offset])] {
            case .plain, .comma:
                offset += 1
            case .quote:
                if offset + 1 < bytes.count, bytes[offset + 1] == CSVByte.quote {
                    hasDoubledQuotes = true
                    offset += 2
                    continue
                }
                let content = contentStart..<offset
                offset += 1
                if offset < bytes.count {
                    switch byteClasses[Int(bytes[offset])] {
                    case .comma, .lineFeed, .carriageReturn: break
                    default:
                        throw .textAfterClosingQuote(fieldText: fieldText(from: start.offset), at: textPosition(position))
                    }
                }
                return (content, hasDoubledQuotes)
            case .lineFeed, .carriageReturn:
                skipLineBreak()
            case .nul:
                throw .nulByte(at: textPosition(position))
            case .nonASCII:
                offset = try endOfUTF8Character()
            }
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

    /// Checks the UTF-8 character starting at `offset` (a byte of 0x80 or more) and returns
    /// the offset just after it. The bad byte reported is the first of the character.
    @inline(__always)
    private func endOfUTF8Character() throws(CSVProblem) -> Int {
        let lead = bytes[offset]
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
        default: throw .invalidUTF8(byte: lead, at: textPosition(position))
        }
        guard offset + continuationCount < bytes.count, secondByteRange.contains(bytes[offset + 1]) else {
            throw .invalidUTF8(byte: lead, at: textPosition(position))
        }
        for next in offset + 2..<offset + 1 + continuationCount where bytes[next] & 0xC0 != 0x80 {
            throw .invalidUTF8(byte: lead, at: textPosition(position))
        }
        return offset + 1 + continuationCount
    }

    /// The raw text of the field starting at `fieldStart`, up to the next comma or line break
    /// after `offset`, shortened for an error message.
    private func fieldText(from fieldStart: Int) -> String {
        var end = offset
        while end < bytes.count, end - fieldStart < 60,
              bytes[end] != CSVByte.comma, bytes[end] != CSVByte.lineFeed, bytes[end] != CSVByte.carriageReturn {
            end += 1
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<end]), as: UTF8.self)
        return end - fieldStart >= 60 ? text + "..." : text
    }

    /// The 1-based line and character column of a position.
    func textPosition(_ position: Position) -> CSVProblem.TextPosition {
        var characters = 0
        for byte in bytes[position.lineStart..<position.offset] where byte & 0xC0 != 0x80 { characters += 1 }
        return CSVProblem.TextPosition(line: position.line, column: characters + 1)
    }
}
