/// Files that write a quote inside a quoted field as `\"` rather than `""` (MySQL's and PHP's
/// exports, many hand-written files): `"He said \"no\""`. RFC 4180 has no such escape, so such
/// a file fails to read as CSV; the loader then tries it once more with each `\"` (and `\\`)
/// inside a quoted field read as the quote (or backslash) it stands for, and says so in a note.
/// A file that reads as CSV is never read this way: a backslash before a quote in it stays.
enum BackslashQuotes {
    /// Whether `text` holds a backslash just before a quote anywhere.
    static func appear(in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= 2 else { return false }
        for index in 1..<text.count where text[index] == CSVByte.quote && text[index - 1] == backslash { return true }
        return false
    }

    /// `text` with each `\"` inside a quoted field written `""` and each `\\` there `\`, so that
    /// the readers read it as RFC 4180. A quote opens a quoted field at the start of a line or
    /// after a separator (comma, tab, semicolon or pipe) and spaces; line breaks are kept, so
    /// line numbers stay the file's.
    static func rewritten(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var inQuotes = false
        var atFieldStart = true
        var index = 0
        while index < text.count {
            let byte = text[index]
            let next: UInt8? = index + 1 < text.count ? text[index + 1] : nil
            if !inQuotes {
                out.append(byte)
                if byte == CSVByte.quote, atFieldStart {
                    inQuotes = true
                } else if byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn || Dialect.candidates.contains(byte) {
                    atFieldStart = true
                } else if byte != CSVByte.space {
                    atFieldStart = false
                }
            } else if byte == backslash, next == CSVByte.quote || next == backslash {
                out.append(contentsOf: next == CSVByte.quote ? [CSVByte.quote, CSVByte.quote] : [backslash])
                index += 1
            } else if byte == CSVByte.quote, next == CSVByte.quote {
                out.append(contentsOf: [CSVByte.quote, CSVByte.quote])
                index += 1
            } else {
                out.append(byte)
                if byte == CSVByte.quote {
                    inQuotes = false
                    atFieldStart = false
                }
            }
            index += 1
        }
        return out
    }

    static let backslash = UInt8(ascii: "\\")
}
