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
        if let quoted {
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
