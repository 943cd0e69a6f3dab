/// Text from data made inert in the markup people and programs open: Markdown (GitHub's,
/// as pandoc `-f gfm` reads it) and HTML. Nothing in a cell, a column name, a file name or a
/// message can become a tag (`<script>`, `<img onerror=…>`), a link (`[x](javascript:…)`,
/// `<javascript:…>`), formatting, or a cell boundary (`a|b`); and it reads back as written.
/// Control characters are shown as escapes first (`TextSafety`).
///
/// The one home for this: the Markdown writer, the handout (`Recorder`) and the HTML handout
/// all escape through it.
public enum MarkupEscaping {
    /// Text for Markdown inline content, also safe inside a pipe-table cell: `\` (before
    /// punctuation, where it would escape), `` ` ``,
    /// `*`, `~`, `]` (which closes a link's text: `[x](javascript:…)`), `<`, `>` and `|`
    /// escaped with a backslash; `_` where it could open or close emphasis (not inside a word,
    /// so `letter_date` stays as it is); `&` where it could start an entity (`&lt;`). Control
    /// characters are then shown as `TextSafety` shows them (`\e`, `\x07`): a backslash
    /// before a letter is text in Markdown, so those read back as written.
    public static func markdown(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { markdownSpecial.contains($0) }) else { return TextSafety.escaped(text) }
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let before = index > 0 ? scalars[index - 1] : nil
            let after = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "\\" where after.map(isASCIIPunctuation) ?? true:
                // Only before punctuation (or at the end) is a backslash an escape in Markdown;
                // before a letter it is text, so `\e` shown for an escape character stays so.
                out.append("\\")
            case "`", "*", "~", "]", "<", ">", "|":
                out.append("\\")
            case "_" where !(isWordCharacter(before) && isWordCharacter(after)):
                out.append("\\")
            case "&" where after.map { $0 == "#" || $0.properties.isAlphabetic } ?? false:
                out.append("\\")
            default:
                break
            }
            out.append(scalar)
        }
        return TextSafety.escaped(String(out))
    }

    /// Text for a Markdown code span or fenced block: backticks cannot close it early, since
    /// the fence is longer than any run of backticks inside.
    public static func markdownFence(for text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// Text for HTML element content and quoted attribute values: `&`, `<`, `>`, `"` and `'`
    /// as character references.
    public static func html(_ text: String) -> String {
        let safe = TextSafety.escaped(text)
        guard safe.unicodeScalars.contains(where: { "&<>\"'".unicodeScalars.contains($0) }) else { return safe }
        var out = ""
        for character in safe {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private static let markdownSpecial = Set("\\`*~]<>|_&".unicodeScalars)

    private static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(scalar)
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }
}
