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
        var quoted: (lineNumber: Int, line: Substring, caretStart: Int, caretWidth: Int, cutBefore: Bool, cutAfter: Bool)?

        if let range = diagnostic.range, let source = diagnostic.source {
            // Only bytes of the quoted line are read (its start is looked up), and of a long line
            // only those near the caret: a script of many failing statements, all on one line
            // or one to a line, takes time in proportion to its length.
            let bytes = source.text.utf8
            func byte(_ offset: Int) -> UInt8 { bytes[bytes.index(bytes.startIndex, offsetBy: offset)] }
            func text(_ from: Int, _ to: Int) -> Substring {
                Substring(String(decoding: bytes[bytes.index(bytes.startIndex, offsetBy: from)..<bytes.index(bytes.startIndex, offsetBy: to)],
                                 as: UTF8.self))
            }
            func isContinuation(_ offset: Int) -> Bool { byte(offset) & 0xC0 == 0x80 }
            let start = min(range.start, bytes.count)
            let lineIndex = Self.lineIndex(of: start, in: source.lineStarts)
            let lineStart = source.lineStarts[lineIndex]
            var lineEnd = lineIndex + 1 < source.lineStarts.count ? source.lineStarts[lineIndex + 1] - 1 : bytes.count
            if lineEnd > lineStart, byte(lineEnd - 1) == UInt8(ascii: "\r") { lineEnd -= 1 }
            // The stretch of the line decoded: all of it, or (past `near` bytes either side of
            // the caret) cut at the nearest character starts.
            let near = 1_000
            var from = max(lineStart, start - near), to = min(lineEnd, max(start, start + near))
            while from > lineStart, isContinuation(from) { from -= 1 }
            while to < lineEnd, isContinuation(to) { to += 1 }
            // The column in characters; when the caret is more than `near` bytes into its line,
            // in bytes (as C compilers count), which costs nothing to work out.
            let column = from > lineStart ? start - lineStart + 1 : text(lineStart, start).count + 1
            let lineNumber = source.firstLine + lineIndex
            if let file = source.file { prefix = "\(file):\(lineNumber):\(column): " }
            let caretEnd = min(max(range.end, start + 1), max(lineEnd, start + 1))
            let width = max(1, text(start, min(caretEnd, bytes.count)).count)
            quoted = (lineNumber, text(from, max(from, to)), text(from, start).count, width, from > lineStart, to < lineEnd)
        } else if let location = diagnostic.location {
            prefix = "\(location.file):\(location.line):" + (location.column.map { "\($0):" } ?? "") + " "
        }

        lines.append("\(prefix)\(diagnostic.severity.rawValue): \(diagnostic.message)")
        if var quoted {
            // A very long line (a pasted 1 MB statement) is shown as a window around the caret.
            let window = 100
            if quoted.line.count > window * 2 || quoted.cutBefore || quoted.cutAfter {
                let characters = Array(quoted.line)
                let from = max(0, quoted.caretStart - window / 2)
                let to = min(characters.count, from + window)
                let prefix = from > 0 || quoted.cutBefore ? "…" : "", suffix = to < characters.count || quoted.cutAfter ? "…" : ""
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

    /// The 0-based index of the line holding byte `offset`, given where each line starts.
    private static func lineIndex(of offset: Int, in starts: [Int]) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
