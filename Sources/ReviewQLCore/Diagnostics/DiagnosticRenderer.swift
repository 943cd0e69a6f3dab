/// Turns diagnostics into text: the one place where problems become words on the screen.
///
///     script.rql:3:21: error: unknown column "judgment" in reviews
///        3 | count reviews where judgment = inadequate
///          |                     ^^^^^^^^
///     help: did you mean "judgement"?
public enum DiagnosticRenderer {
    public static func render(_ diagnostic: Diagnostic) -> String {
        var lines: [String] = []
        var prefix = ""
        var quoted: (lineNumber: Int, line: Substring, caretStart: Int, caretWidth: Int)?

        if let range = diagnostic.range, let source = diagnostic.source {
            let (lineIndex, lineStart, lineText) = locate(range.start, in: source.text)
            let column = String(decoding: Array(source.text.utf8)[lineStart..<range.start], as: UTF8.self).count + 1
            let lineNumber = source.firstLine + lineIndex
            if let file = source.file { prefix = "\(file):\(lineNumber):\(column): " }
            let lineEnd = lineStart + lineText.utf8.count
            let caretEnd = min(max(range.end, range.start + 1), max(lineEnd, range.start + 1))
            let underlined = Array(source.text.utf8)[range.start..<min(caretEnd, source.text.utf8.count)]
            let width = max(1, String(decoding: underlined, as: UTF8.self).count)
            quoted = (lineNumber, lineText, column - 1, width)
        } else if let location = diagnostic.location {
            prefix = "\(location.file):\(location.line):" + (location.column.map { "\($0):" } ?? "") + " "
        }

        lines.append("\(prefix)\(diagnostic.severity.rawValue): \(diagnostic.message)")
        if var quoted {
            // A very long line (a pasted 1 MB statement) is shown as a window around the caret.
            let window = 100
            if quoted.line.count > window * 2 {
                let characters = Array(quoted.line)
                let from = max(0, quoted.caretStart - window / 2)
                let to = min(characters.count, from + window)
                let prefix = from > 0 ? "…" : "", suffix = to < characters.count ? "…" : ""
                quoted.line = Substring(prefix + String(characters[from..<to]) + suffix)
                quoted.caretStart = quoted.caretStart - from + prefix.count
                quoted.caretWidth = max(1, min(quoted.caretWidth, to - (quoted.caretStart - prefix.count + from)))
            }
            let number = String(quoted.lineNumber)
            let gutter = String(repeating: " ", count: max(number.count, 4))
            let paddedNumber = String(repeating: " ", count: gutter.count - number.count) + number
            lines.append("\(paddedNumber) | \(TextSafety.escaped(String(quoted.line)))")
            lines.append("\(gutter) | " + String(repeating: " ", count: quoted.caretStart)
                         + String(repeating: "^", count: quoted.caretWidth))
        }
        for note in diagnostic.notes { lines.append("note: \(note)") }
        if let help = diagnostic.help { lines.append("help: \(help)") }
        return lines.joined(separator: "\n")
    }

    /// The 0-based line index, the byte offset where that line starts, and the line's text.
    private static func locate(_ offset: Int, in text: String) -> (Int, Int, Substring) {
        let bytes = Array(text.utf8)
        var lineIndex = 0
        var lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == UInt8(ascii: "\n") {
            lineIndex += 1
            lineStart = i + 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        var end = lineEnd
        if end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return (lineIndex, lineStart, Substring(String(decoding: bytes[lineStart..<end], as: UTF8.self)))
    }
}
