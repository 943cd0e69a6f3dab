// A STAND-IN for the lead's `TableShape` (see the brief): same interface, simple rules; it is
// replaced by the real file when main is merged.

/// One row of a file or sheet as the finder sees it.
public struct RowShape: Sendable, Equatable {
    public var line: Int
    public var cellCount: Int
    public var filled: Int
    public var lastFilled: Int
    public var fingerprint: UInt64
    public var firstText: String

    public init(line: Int, cellCount: Int, filled: Int, lastFilled: Int, fingerprint: UInt64, firstText: String) {
        self.line = line
        self.cellCount = cellCount
        self.filled = filled
        self.lastFilled = lastFilled
        self.fingerprint = fingerprint
        self.firstText = firstText
    }
}

public struct TableExtent: Sendable, Equatable {
    public var header: Int
    public var end: Int
    public var dropped: [Int]
    public var skipped: [SkippedLines]
}

public struct SkippedLines: Sendable, Equatable {
    public enum Why: Sendable, Equatable { case aboveHeader, belowTable, repeatedHeader }
    public var why: Why
    public var firstLine: Int
    public var lastLine: Int
    public var rowCount: Int
    public var firstText: String

    public var note: String {
        let lines = firstLine == lastLine ? "line \(firstLine)" : "lines \(firstLine)–\(lastLine)"
        switch why {
        case .aboveHeader: return "skipped \(lines) above the header (\"\(firstText)\")"
        case .belowTable: return "skipped \(lines) below the table (\"\(firstText)\")"
        case .repeatedHeader: return "dropped \(lines): the header repeated"
        }
    }
}

public enum ShapeProblem: Error, Equatable {
    case noTable
    case ambiguousHeader(seemsToBe: Int, or: Int)
    case headerLineBeyondEnd(asked: Int, lastLine: Int)
}

public enum TableShape {
    public static func find(_ rows: [RowShape], headerLine: Int? = nil) throws(ShapeProblem) -> TableExtent {
        guard !rows.isEmpty else { throw .noTable }
        var counts: [Int: Int] = [:]
        for row in rows where row.lastFilled > 1 { counts[row.lastFilled, default: 0] += 1 }
        let width = counts.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 1
        let header: Int
        if let headerLine {
            guard let index = rows.firstIndex(where: { $0.line >= headerLine }) else {
                throw .headerLineBeyondEnd(asked: headerLine, lastLine: rows.last!.line)
            }
            header = index
        } else {
            header = rows.firstIndex { $0.lastFilled >= width && $0.filled * 2 >= width } ?? 0
        }
        var skipped: [SkippedLines] = []
        func skip(_ why: SkippedLines.Why, _ range: Range<Int>) {
            guard !range.isEmpty else { return }
            skipped.append(SkippedLines(why: why, firstLine: rows[range.lowerBound].line, lastLine: rows[range.upperBound - 1].line,
                                        rowCount: range.count, firstText: rows[range.lowerBound].firstText))
        }
        skip(.aboveHeader, 0..<header)
        var end = header + 1
        var dropped: [Int] = []
        while end < rows.count {
            let row = rows[end]
            if row.filled == 0, end + 1 == rows.count || rows[end + 1].cellCount != rows[header].cellCount { break }
            if row.cellCount != rows[header].cellCount { break }
            if row.fingerprint == rows[header].fingerprint {
                dropped.append(end)
                skip(.repeatedHeader, end..<end + 1)
            }
            end += 1
        }
        // A trailing run of blank rows in the table's shape is part of nothing.
        skip(.belowTable, end..<rows.count)
        return TableExtent(header: header, end: end, dropped: dropped, skipped: skipped)
    }
}
