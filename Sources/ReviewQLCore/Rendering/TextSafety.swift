/// Makes text from data safe to print on a terminal: control characters and escape sequences
/// are shown as visible escapes (`\e`, `\t`, `\x07`), never sent raw.
///
/// This is the one sanitiser for the terminal: cells and names (`escaped`), and whole texts
/// on their way to a terminal (`forTerminal`: results in any format, warnings, errors, help,
/// describe, completion lists). Files get the exact bytes.
public enum TextSafety {
    public static func escaped(_ text: String) -> String {
        escaped(text, keeping: { _ in false })
    }

    /// A whole text for the terminal: line breaks and tabs kept (they lay out CSV, TSV and
    /// messages), every other control character, escape sequence and direction override
    /// shown as an escape, so nothing in the data can move the cursor, set the title or
    /// hide text.
    public static func forTerminal(_ text: String) -> String {
        escaped(text, keeping: { $0 == "\n" || $0 == "\t" })
    }

    private static func escaped(_ text: String, keeping kept: (Unicode.Scalar) -> Bool) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !kept($0) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard isControl(scalar), !kept(scalar) else { result.unicodeScalars.append(scalar); continue }
            switch scalar.value {
            case 0x1B: result += "\\e"
            case 0x09: result += "\\t"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            default:
                let hex = String(scalar.value, radix: 16)
                result += scalar.value <= 0xFF ? "\\x" + (hex.count == 1 ? "0" + hex : hex) : "\\u{\(hex)}"
            }
        }
        return result
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
            || scalar.value == 0x2028 || scalar.value == 0x2029
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
