#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many terminal columns text takes, from the C library's `wcwidth`: a Chinese or
/// Japanese character takes two, a combining accent none, so tables with wide characters
/// still line up. The platform's one word on it; everything that pads or wraps asks here.
public enum DisplayWidth {
    /// A UTF-8 character type, whatever locale the program started in (`wcwidth` answers
    /// -1 for every non-ASCII character in the "C" locale). Made once.
    nonisolated(unsafe) private static let utf8Locale: locale_t? = {
        newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) ?? newlocale(LC_CTYPE_MASK, "en_US.UTF-8", nil)
    }()

    /// The columns `text` takes on a terminal. Plain ASCII is counted without asking.
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The columns one character takes: `wcwidth`, with a control or unknown character
    /// counted as one (it is shown escaped or as a box, never as nothing).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return 1 }
        guard let locale = utf8Locale else { return 1 }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        let columns = Int(cWcwidth(Int32(bitPattern: scalar.value)))
        return columns < 0 ? 1 : columns
    }

    /// The longest start of `text` that fits in `columns`.
    public static func prefix(_ text: String, fitting columns: Int) -> String {
        var out = "", used = 0
        for character in text {
            let width = of(String(character))
            if used + width > columns { break }
            out.append(character)
            used += width
        }
        return out
    }

    /// `text` followed by spaces up to `columns` (never cut).
    public static func padded(_ text: String, to columns: Int) -> String {
        let width = of(text)
        return width >= columns ? text : text + String(repeating: " ", count: columns - width)
    }

    /// `text` broken at spaces into lines of at most `columns`; a word wider than that is
    /// broken where it must be. Existing line breaks are kept.
    public static func wrapped(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [text] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrappedLine(String($0), columns) }
    }

    private static func wrappedLine(_ text: String, _ columns: Int) -> [String] {
        guard of(text) > columns else { return [text] }
        // Keep a line's indent on the lines it wraps onto.
        let indent = String(text.prefix { $0 == " " })
        let room = max(1, columns - indent.count)
        var lines: [String] = []
        var line = ""
        for piece in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(piece)
            if !line.isEmpty, of(line) + 1 + of(word) <= room {
                line += " " + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while of(word) > room {
                let head = prefix(word, fitting: room)
                guard !head.isEmpty else { break }
                lines.append(head)
                word = String(word.dropFirst(head.count))
            }
            line = word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { indent + $0 }
    }
}

/// The C library's `wcwidth` (in `<wchar.h>`, which the Glibc module leaves out); `wchar_t`
/// is a 32-bit integer on Linux and macOS.
@_silgen_name("wcwidth")
private func cWcwidth(_ character: Int32) -> Int32
