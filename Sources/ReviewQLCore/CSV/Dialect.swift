/// How a CSV file is written: its separator, encoding and header line, each found from the
/// file (sniffed) or given by the user, and where each choice came from, for the load's notes
/// and `describe`.
public struct Dialect: Sendable, Equatable {
    /// Where a choice came from.
    public enum Origin: Sendable, Equatable {
        /// Nothing to choose: the plain case (a comma, UTF-8, the header on the first line).
        case plain
        /// Found from the file's first lines (or bytes).
        case sniffed
        /// The file's name ends in `.tsv` or `.tab`.
        case fileName
        /// Given when loading (`separated by`, `encoding`, `header line`).
        case asked
    }

    public var separator: UInt8 = CSVByte.comma
    public var separatorOrigin = Origin.plain
    public var encoding = TextEncoding.utf8
    public var encodingOrigin = Origin.plain
    /// The 1-based physical line of the header row.
    public var headerLine = 1
    public var headerOrigin = Origin.plain
    /// Quotes inside quoted fields are written `\"` (`BackslashQuotes`), found when the file
    /// would not read as CSV otherwise.
    public var backslashQuotes = false

    public init() {}

    /// The separators tried when sniffing, in the order that breaks ties.
    static let candidates: [UInt8] = [CSVByte.comma, CSVByte.tab, UInt8(ascii: ";"), UInt8(ascii: "|")]

    /// The separator's name in words: `comma`, `tab`, `semicolon (;)`, `pipe (|)`, or the character.
    public static func separatorName(_ separator: UInt8) -> String { names(of: separator).one }

    /// The separator's name in the plural: `commas`, `tabs`, `semicolons (;)`, `pipes (|)`.
    public static func separatorsName(_ separator: UInt8) -> String { names(of: separator).many }

    /// The separator's names, one and many, in one place.
    private static func names(of separator: UInt8) -> (one: String, many: String) {
        switch separator {
        case CSVByte.comma: ("comma", "commas")
        case CSVByte.tab: ("tab", "tabs")
        case UInt8(ascii: ";"): ("semicolon (;)", "semicolons (;)")
        case UInt8(ascii: "|"): ("pipe (|)", "pipes (|)")
        default:
            ("\"\(String(UnicodeScalar(separator)))\"", "\"\(String(UnicodeScalar(separator)))\" characters")
        }
    }

    /// The separator a user's text names: `","`, `";"`, `"|"`, `tab` or `"\t"`; any single
    /// ASCII punctuation character but a quote; nil otherwise.
    public static func separator(named text: String) -> UInt8? {
        switch text.lowercased() {
        case "tab", "\\t", "\t": return CSVByte.tab
        case "comma": return CSVByte.comma
        case "semicolon": return UInt8(ascii: ";")
        case "pipe": return UInt8(ascii: "|")
        default: break
        }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte > 0x20, byte < 0x7F, byte != CSVByte.quote,
              !CSVByte.isDigit(byte), !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) else { return nil }
        return byte
    }

    /// The separator of the text in `block` (UTF-8, the file's first lines): among comma, tab,
    /// semicolon and pipe, the one that splits the most rows into the same number (more than
    /// one) of fields, as DuckDB's sniffer does; a tie goes to the earlier in `candidates`, and
    /// one row is no evidence, so a file of one column is read with commas. `isWhole`: the block is the whole file (else
    /// its last row may be cut short, and is not counted).
    static func sniffSeparator(_ block: UnsafeBufferPointer<UInt8>, isWhole: Bool) -> UInt8 {
        // A candidate not in the block cannot win; with no other than the comma there, the
        // comma is the answer and nothing need be counted (the common file costs one scan).
        var seen = (tab: false, semicolon: false, pipe: false)
        for byte in block {
            switch byte {
            case CSVByte.tab: seen.tab = true
            case UInt8(ascii: ";"): seen.semicolon = true
            case UInt8(ascii: "|"): seen.pipe = true
            default: continue
            }
        }
        guard seen.tab || seen.semicolon || seen.pipe else { return CSVByte.comma }
        let present = [CSVByte.comma] + (seen.tab ? [CSVByte.tab] : []) + (seen.semicolon ? [UInt8(ascii: ";")] : [])
            + (seen.pipe ? [UInt8(ascii: "|")] : [])
        var best = (separator: CSVByte.comma, score: 0)
        for candidate in candidates where present.contains(candidate) {
            var tokenizer = CSVTokenizer(bytes: block, offset: CSVReader.utf8MarkLength(block), separator: candidate)
            var counter = FieldCounter()
            // A quote problem ends the count: the rows before it still say what they say.
            try? tokenizer.readRecords(into: &counter)
            var counts = counter.counts
            if !isWhole, !counts.isEmpty { counts.removeLast() }
            var tally: [Int: Int] = [:]
            for count in counts where count > 1 { tally[count, default: 0] += 1 }
            let score = tally.values.max() ?? 0
            if score > best.score, score >= 2 { best = (candidate, score) }
        }
        return best.separator
    }
}

/// The choices a user makes when loading a file (`load … separated by ";" header line 3
/// encoding "windows-1252"`, `--load`, the catalog); nil leaves each to the sniffer.
public struct LoadOptions: Sendable, Equatable {
    public var separator: UInt8?
    public var headerLine: Int?
    public var encoding: TextEncoding?
    /// The file has no header line (`no header`): every line is a row, and the columns are
    /// called column_1, column_2, ….
    public var noHeader = false

    public init(separator: UInt8? = nil, headerLine: Int? = nil, encoding: TextEncoding? = nil, noHeader: Bool = false) {
        self.separator = separator
        self.headerLine = headerLine
        self.encoding = encoding
        self.noHeader = noHeader
    }

    public var isEmpty: Bool { separator == nil && headerLine == nil && encoding == nil && !noHeader }
}

/// Counts each record's fields, for sniffing the separator.
private struct FieldCounter: CSVFieldSink {
    var counts: [Int] = []
    var fields = 0

    mutating func field(_ index: Int, _ content: UnsafeBufferPointer<UInt8>, at position: CSVTokenizer.Position) {
        fields = index + 1
    }

    mutating func endRecord() -> Bool {
        counts.append(fields)
        fields = 0
        return true
    }
}
