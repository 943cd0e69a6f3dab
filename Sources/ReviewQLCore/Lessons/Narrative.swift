/// The comments of a lesson, read as its narrative: the block of `--` lines right above a
/// statement is what a trainer says before running it. Step mode shows it before each
/// statement, and the handout prints it as text above the statement.
public enum Narrative {
    /// The comment lines directly above the statement starting at byte `offset` of `text`,
    /// without their `--`, top first; an empty string marks a blank line between paragraphs.
    /// Empty when the statement does not start its line (`a; b` on one line) or has no
    /// comment above it. A line of code, including one ending in a comment, ends the block.
    public static func before(_ offset: Int, in text: String) -> [String] {
        let bytes = Array(text.utf8)
        guard offset <= bytes.count else { return [] }
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        guard bytes[lineStart..<offset].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { return [] }
        var lines: [String] = []
        var end = lineStart
        while end > 0 {
            var start = end - 1
            while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            let line = String(decoding: bytes[start..<(end - 1)], as: UTF8.self).trimmingSpaces
            if line.isEmpty {
                lines.append("")
            } else if line.hasPrefix("--") {
                lines.append(String(line.dropFirst(2)).trimmingSpaces)
            } else {
                break
            }
            end = start
        }
        lines.reverse()
        while lines.first == "" { lines.removeFirst() }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The narrative as paragraphs: the lines of each joined with spaces.
    public static func paragraphs(_ lines: [String]) -> [String] {
        var paragraphs: [String] = []
        var current: [String] = []
        for line in lines + [""] {
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(line)
            }
        }
        return paragraphs
    }
}

extension ParsedStatement {
    /// Whether the statement is `pause`, which waits only in a lesson stepped through.
    public var isPause: Bool {
        if case .statement(.pause) = content { return true }
        return false
    }
}

extension SourceText {
    /// The text of `range` as written, line breaks kept (empty when out of the text).
    public func text(of range: SourceRange) -> String {
        let bytes = Array(text.utf8)
        guard range.start <= range.end, range.end <= bytes.count else { return "" }
        return String(decoding: bytes[range.start..<range.end], as: UTF8.self)
    }
}
