/// The character encodings a CSV file is read in, and turning each into UTF-8, which is all
/// the readers take.
///
/// Without a choice from the user: a UTF-16 byte-order mark means UTF-16; text that is valid
/// UTF-8 (with a byte-order mark or not) is UTF-8; anything else is read as Windows-1252,
/// Excel's "CSV (comma delimited)" on a Western Windows machine. Every encoding but UTF-8 is
/// named in a note.
public enum TextEncoding: String, Sendable, Equatable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1252 = "windows-1252"
    case latin1 = "latin-1"

    /// The encoding a user's name stands for (`"cp1252"`, `"UTF8"`, `"iso-8859-1"`…), or nil.
    public static func named(_ name: String) -> TextEncoding? {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8": return .utf8
        case "utf16", "utf16le", "utf16be", "unicode": return .utf16
        case "windows1252", "cp1252", "win1252", "ansi": return .windows1252
        case "latin1", "iso88591", "l1": return .latin1
        default: return nil
        }
    }

    /// The encoding's name as the user writes it, for notes and `describe`.
    public var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16: "UTF-16"
        case .windows1252: "Windows-1252"
        case .latin1: "Latin-1 (ISO-8859-1)"
        }
    }

    /// The bytes Windows-1252 leaves undefined.
    static let undefinedInWindows1252: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

    /// Windows-1252's characters for the bytes 0x80–0x9F (0 where undefined); the rest are Latin-1.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Whether `bytes` starts with a UTF-16 byte-order mark.
    static func hasUTF16Mark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    }

    /// Whether `bytes` are valid UTF-8 up to `end`, allowing a character cut off there.
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        while index < bytes.count {
            if base[index] < 0x80 { index += 1; continue }
            let length = CSVTokenizer.utf8CharacterLength(base, at: index, end: bytes.count)
            if length < 0 { return true }
            if length == 0 { return false }
            index += length
        }
        return true
    }

    /// `bytes` in this encoding (not UTF-8), as UTF-8 text.
    func transcoded(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVProblem) -> [UInt8] {
        switch self {
        case .utf8: return Array(bytes)
        case .utf16: return try Self.fromUTF16(bytes)
        case .windows1252, .latin1: return try fromSingleByte(bytes)
        }
    }

    /// Windows-1252 or Latin-1 bytes as UTF-8. In Windows-1252 an undefined byte is refused,
    /// naming it and its line.
    private func fromSingleByte(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVProblem) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var line = 1
        for byte in bytes {
            if byte < 0x80 {
                if byte == CSVByte.lineFeed { line += 1 }
                output.append(byte)
                continue
            }
            var scalar = UInt32(byte)
            if self == .windows1252, byte < 0xA0 {
                scalar = Self.windows1252High[Int(byte - 0x80)]
                guard scalar != 0 else { throw .undefinedInEncoding(byte: byte, encoding: name, line: line) }
            }
            Self.appendUTF8(scalar, to: &output)
        }
        return output
    }

    /// UTF-16 (little- or big-endian by its byte-order mark, which is dropped; little-endian
    /// without one, as Windows writes it) as UTF-8. A lone surrogate or an odd byte at the end
    /// is refused.
    private static func fromUTF16(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVProblem) -> [UInt8] {
        let bigEndian = bytes.starts(with: [0xFE, 0xFF])
        let start = hasUTF16Mark(bytes) ? 2 : 0
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2)
        var line = 1
        var index = start
        func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1]) : UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at])
        }
        while index + 1 < bytes.count {
            var scalar = unit(index)
            index += 2
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, (0xDC00...0xDFFF).contains(unit(index)) else {
                    throw .invalidUTF16(line: line)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (unit(index) - 0xDC00)
                index += 2
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw .invalidUTF16(line: line)
            }
            if scalar == UInt32(CSVByte.lineFeed) { line += 1 }
            appendUTF8(scalar, to: &output)
        }
        guard index == bytes.count else { throw .invalidUTF16(line: line) }
        return output
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case ..<0x80: output.append(UInt8(scalar))
        case ..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6)); output.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12)); output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18)); output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F)); output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Whether `bytes` (not valid UTF-8) also hold characters that are valid UTF-8 beyond
    /// ASCII: then it is a mix (UTF-8 text with a stray byte, or two files joined), and reading
    /// it all as Windows-1252 would garble the UTF-8 characters (`é` as `Ã©`).
    static func holdsUTF8Characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index < bytes.count {
            if base[index] < 0x80 { index += 1; continue }
            if CSVTokenizer.utf8CharacterLength(base, at: index, end: bytes.count) > 1 { return true }
            index += 1
        }
        return false
    }
}
