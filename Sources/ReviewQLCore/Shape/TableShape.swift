/// Where the table is in a file or a sheet: the one home of the rules that find the header row,
/// the title and note lines above it, the end of the table, and header rows repeated inside it.
/// The CSV loader and the workbook loader both describe their rows as `RowShape`s and ask
/// `TableShape.find`; neither has rules of its own.
///
/// Files as people make them are not always a header and rows. A sheet saved as CSV has a title
/// and notes above the header (`Table 1: Serious case reviews, 2009-10`) and footnotes below the
/// table, often after a row of only commas; two files pasted together repeat the header; a
/// workbook stacks a second table under the first. The rules, in order:
///
/// 1. The table's shape is read from its rows: `fieldCount`, the most common number of fields
///    among rows with two or more filled cells (every row of a padded sheet has the same count);
///    and `width`, the most common position of the last filled cell among those rows.
/// 2. The header is the first row that spans the table: it has `fieldCount` fields, its last
///    filled cell is at `width` or beyond, and it names at least two columns (or the table is
///    one or two columns wide). A title sits in the first cell only, so it never spans.
///    A skipped row above the header that has two or more filled cells could itself be the
///    header (a header on two rows, a title with a date beside it): that is ambiguous, and
///    `find` refuses it rather than guess. But when that row is the file's first and has
///    another field count than the table, it is the header of a file with ragged rows: the
///    reader reads from it and reports them; and when it has the table's field count and names
///    more columns than the row that spans, it is a header whose last names are blank.
/// 3. The table ends at an empty row (a blank line, or a row of only separators, as many as the
///    table's rows have) when the next non-empty row is of another shape: a different field count, a lone filled cell in a table
///    three or more columns wide (a footnote or a title), or a row of names where the table has
///    numbers (a second table's header). An empty row followed by rows like the table's stays
///    inside it. Without an empty row above them, rows are the table's: a last row of one cell
///    may be data (a name with its values missing), and a ragged one is the reader's to report.
///    A header that holds numbers in as many cells as the rows below do may be a row of data
///    (a file with no header line): refused, rather than lose that row to the names. Numbers
///    that are all years (1900–2100) over rows whose numbers are not are names, not data.
/// 4. A row inside the table equal to the header, cell for cell, is a repeated header: dropped.
///    Not in a table of one column, whose rows may well repeat its name.
/// 5. A row inside the table that starts with `#` and is not shaped like the table's rows is a
///    comment line (as R's, DuckDB's and many programs' files have): dropped. A `#` row shaped
///    like the rows (`#1,Norfolk,3`) is data.
///
/// Everything left out is returned in `skipped`, so the loader can say so in a note: nothing is
/// skipped silently. A user's `header line N` overrides rule 2.
public enum TableShape {
    /// The table in `rows` (a whole file or sheet, or its first block when only the header is
    /// wanted). `headerLine`: the line the user says the header is on.
    public static func find(_ rows: [RowShape], headerLine: Int? = nil) throws(ShapeProblem) -> TableExtent {
        let shape = Shape(rows)
        let header = try findHeader(rows, shape, headerLine: headerLine)
        var extent = TableExtent(header: header, end: rows.count, dropped: [], skipped: [])
        if header > 0 {
            extent.skipped.append(SkippedLines(.aboveHeader, rows[0..<header]))
        }
        extent.end = findEnd(rows, shape, header: header)
        var comments: [Int] = []
        for index in (header + 1)..<extent.end {
            if rows[header].filled >= 2 && rows[index].repeats(rows[header]) {
                extent.dropped.append(index)
                extent.skipped.append(SkippedLines(.repeatedHeader, rows[index...index]))
            } else if rows[index].isComment, !shape.fits(rows[index]) {
                comments.append(index)
            }
        }
        if let first = comments.first, let last = comments.last {
            extent.dropped = (extent.dropped + comments).sorted()
            var lines = SkippedLines(.comments, rows[first...last])
            lines.rowCount = comments.count
            extent.skipped.append(lines)
        }
        let below = rows[extent.end...]
        // Blank lines at the end of a file are not worth a note; anything else below the table is.
        if below.contains(where: { $0.filled > 0 || $0.fieldCount > 1 }) {
            extent.skipped.append(SkippedLines(.belowTable, below))
        }
        return extent
    }

    /// The table's shape, read from the rows with two or more filled cells (rule 1).
    struct Shape {
        var fieldCount: Int
        var width: Int
        /// Whether most of the table's rows hold a number: then a row of names is not one of them.
        var rowsHoldNumbers: Bool

        init(_ rows: [RowShape]) {
            let full = rows.filter { $0.filled >= 2 && !$0.isComment }
            let counted = full.isEmpty ? rows.filter { $0.filled > 0 } : full
            fieldCount = Self.mostCommon(counted.map(\.fieldCount)) ?? 1
            width = Self.mostCommon(counted.map(\.lastFilled)) ?? 1
            let withNumbers = counted.filter { $0.numericCells > 0 }.count
            rowsHoldNumbers = withNumbers * 2 > counted.count
        }

        /// The most common value; the larger one on a tie.
        static func mostCommon(_ values: [Int]) -> Int? {
            var counts: [Int: Int] = [:]
            for value in values { counts[value, default: 0] += 1 }
            return counts.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
        }

        /// Whether `row` spans the table as a header does (rule 2).
        func spans(_ row: RowShape) -> Bool {
            row.fieldCount == fieldCount && row.lastFilled >= width && (row.filled >= 2 || width <= 2)
        }

        /// Whether `row` is shaped like a row of the table: the same fields, and not a lone
        /// filled cell in a wide table.
        func fits(_ row: RowShape) -> Bool {
            row.fieldCount == fieldCount && !(row.filled == 1 && row.lastFilled == 1 && width >= 3)
        }

        /// Whether `row` is a row of names where the table's rows hold numbers.
        func isNames(_ row: RowShape) -> Bool {
            rowsHoldNumbers && row.filled >= 2 && row.numericCells == 0
        }
    }

    /// The index of the header row (rule 2), or the user's `headerLine`.
    static func findHeader(_ rows: [RowShape], _ shape: Shape, headerLine: Int?) throws(ShapeProblem) -> Int {
        if let headerLine {
            guard let index = rows.firstIndex(where: { $0.line == headerLine }) else {
                throw .noSuchHeaderLine(headerLine, lastLine: rows.last { $0.filled > 0 }?.line ?? 0)
            }
            guard rows[index].filled > 0 else { throw .emptyHeaderLine(headerLine) }
            return index
        }
        guard rows.contains(where: { $0.filled > 0 }) else { throw .noTable }
        guard let header = rows.firstIndex(where: { $0.filled > 0 && shape.spans($0) && !$0.isComment }) else {
            let first = rows.first { $0.filled > 0 }!
            throw .noHeader(firstLine: first.line, fieldCount: shape.fieldCount)
        }
        // A comment line (`# Source: Ofsted, 2009`) is never a header.
        guard let rival = rows[..<header].last(where: { $0.filled >= 2 && !$0.isComment }) else {
            try checkNotData(rows, shape, header: header)
            return header
        }
        let rivalIsFirst = rows[..<header].allSatisfy { $0.filled == 0 || $0 == rival }
        // The first row names columns but has another field count than the rows below: it is the
        // header of a file with ragged rows, which the reader reports, not a title.
        if rival.fieldCount != shape.fieldCount, rivalIsFirst {
            return rows.firstIndex(of: rival)!
        }
        // The first row has the table's fields and names more of them than the row that spans
        // it: a header with blank names at its end (`a,b,` over rows whose last cell is filled),
        // which get names of their own; the row below is the first row of data.
        if rival.fieldCount == shape.fieldCount, rivalIsFirst, rival.filled > rows[header].filled {
            return rows.firstIndex(of: rival)!
        }
        throw .ambiguousHeader(seemsToBe: rows[header].line, couldBe: rival.line)
    }

    /// Refuses a header row that reads like the rows below it: numbers in as many cells as the
    /// rows have them (a file with no header line, whose first row would be lost as names).
    /// Column names that are numbers (years) look the same: the user says `header line N`.
    static func checkNotData(_ rows: [RowShape], _ shape: Shape, header: Int) throws(ShapeProblem) {
        let row = rows[header]
        guard row.numericCells > 0 else { return }
        let below = Array(rows[(header + 1)...].lazy.filter { $0.filled > 0 && shape.fits($0) }.prefix(50))
        // Years as names (`Musei,2011,2010`) over rows whose numbers are not years.
        if row.yearCells == row.numericCells, (Shape.mostCommon(below.map(\.yearCells)) ?? 0) < row.yearCells { return }
        // With no rows below, a header of nothing but numbers is a row of data.
        let typical = Shape.mostCommon(below.map(\.numericCells)) ?? (row.numericCells == row.filled ? 0 : nil)
        guard let typical, row.numericCells >= typical else { return }
        throw .headerLooksLikeData(line: row.line, numbers: row.numericCells)
    }

    /// The index just past the table's last row (rule 3).
    static func findEnd(_ rows: [RowShape], _ shape: Shape, header: Int) -> Int {
        var index = header + 1
        while index < rows.count {
            let row = rows[index]
            // An empty row: the table goes on only if the next non-empty row is like its rows.
            // A row of only separators as many as neither a blank line nor the table's rows have
            // is a short row of the table (`,` under `a,b,c`), for the reader to report.
            if row.filled == 0, row.fieldCount <= 1 || row.fieldCount == shape.fieldCount {
                guard let next = rows[(index + 1)...].first(where: { $0.filled > 0 }) else { return index }
                if !shape.fits(next) || (shape.isNames(next) && !next.repeats(rows[header])) { return index }
            }
            index += 1
        }
        return rows.count
    }
}

/// One row of a file or sheet as `TableShape` sees it.
public struct RowShape: Sendable, Equatable {
    /// The 1-based line where the row starts (CSV: the physical line) or the sheet's row number.
    public var line: Int
    /// The fields in the row. CSV: as written. A sheet: the width of its used range, the same for
    /// every row (as a sheet saved as CSV pads every line with separators).
    public var fieldCount: Int
    /// The cells that are not empty or only spaces.
    public var filled: Int
    /// The 1-based position of the last filled cell, 0 when none is.
    public var lastFilled: Int
    /// The filled cells that read as numbers (tells a second table's header from a data row).
    public var numericCells: Int
    /// Of those, the whole numbers from 1900 to 2100, which may be years naming columns.
    public var yearCells: Int
    /// A hash of every cell's text with surrounding spaces trimmed: equal rows have equal
    /// fingerprints (finds repeated header rows).
    public var fingerprint: UInt64
    /// The first filled cell's text, at most 40 characters, to name the row in a note.
    public var firstText: String

    public init(line: Int, fieldCount: Int, filled: Int, lastFilled: Int, numericCells: Int = 0, yearCells: Int = 0,
                fingerprint: UInt64, firstText: String) {
        self.yearCells = yearCells
        self.line = line
        self.fieldCount = fieldCount
        self.filled = filled
        self.lastFilled = lastFilled
        self.numericCells = numericCells
        self.fingerprint = fingerprint
        self.firstText = String(firstText.prefix(40))
    }

    /// Whether the row's first cell starts with `#` and has more after it: a comment line, when
    /// not shaped like the table's rows (a lone `#` names a column of row numbers).
    var isComment: Bool { firstText.hasPrefix("#") && firstText.count > 1 }

    /// Whether this row is the same as `header`, cell for cell.
    func repeats(_ header: RowShape) -> Bool {
        fingerprint == header.fingerprint && filled == header.filled && fieldCount == header.fieldCount
            && lastFilled == header.lastFilled
    }

    /// The fingerprint of a row's cells (each trimmed of spaces and tabs by the caller): FNV-1a
    /// over the cells' UTF-8 bytes, with a separator byte between cells.
    public static func fingerprint<Cells: Sequence>(of cells: Cells) -> UInt64 where Cells.Element: StringProtocol {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for cell in cells {
            for byte in cell.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0x1f) &* 0x100_0000_01b3
        }
        return hash
    }
}

/// Where the table is: the header row, the end, and what was left out.
public struct TableExtent: Sendable, Equatable {
    /// The index in the rows of the header row.
    public var header: Int
    /// `rows[header + 1 ..< end]` are the table's rows, but for those in `dropped`.
    public var end: Int
    /// The indexes of rows inside the table that repeat the header.
    public var dropped: [Int]
    /// Everything left out, in file order, for the notes.
    public var skipped: [SkippedLines]
}

/// Lines left out of a table, and why: the loader says so in a note.
public struct SkippedLines: Sendable, Equatable {
    public enum Why: Sendable, Equatable { case aboveHeader, belowTable, repeatedHeader, comments }

    public var why: Why
    public var firstLine: Int
    public var lastLine: Int
    /// The rows in those lines that hold anything.
    public var rowCount: Int
    /// The first filled cell of the first row that holds anything ("" when none does).
    public var firstText: String

    init(_ why: Why, _ rows: ArraySlice<RowShape>) {
        self.why = why
        firstLine = rows.first?.line ?? 0
        lastLine = rows.last?.line ?? 0
        rowCount = rows.filter { $0.filled > 0 }.count
        firstText = rows.first { $0.filled > 0 }?.firstText ?? ""
    }

    public init(why: Why, firstLine: Int, lastLine: Int, rowCount: Int, firstText: String) {
        self.why = why
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.rowCount = rowCount
        self.firstText = firstText
    }

    /// The note in words: which lines, why, and how they begin.
    public var note: String {
        let lines = firstLine == lastLine ? "line \(firstLine)" : "lines \(firstLine)–\(lastLine)"
        let begins = firstText.isEmpty ? "" : " (\"\(TextSafety.escaped(firstText))\"…)"
        switch why {
        case .aboveHeader:
            return "skipped \(lines) above the header\(begins); say header line \(firstLine) to read from there"
        case .belowTable:
            return rowCount == 0 ? "left out \(lines) below the table: empty rows"
                                 : "left out \(lines) below the table\(begins): not shaped like the table's rows"
        case .repeatedHeader:
            return "dropped \(lines), which repeats the header"
        case .comments:
            let count = rowCount == 1 ? "1 comment line" : "\(rowCount) comment lines"
            return "dropped \(count) starting with # inside the table (\(lines == "line \(firstLine)" ? lines : "in " + lines)), not shaped like its rows"
        }
    }
}

/// Why no table could be found, as data; `diagnostic(file:)` puts it in words.
public enum ShapeProblem: Error, Equatable {
    /// Nothing but empty rows.
    case noTable
    /// No row spans the table as a header does.
    case noHeader(firstLine: Int, fieldCount: Int)
    /// Two rows could be the header.
    case ambiguousHeader(seemsToBe: Int, couldBe: Int)
    /// The user's `header line N` is past the end, or empty.
    case noSuchHeaderLine(Int, lastLine: Int)
    case emptyHeaderLine(Int)
    /// The row that would be the header holds numbers where the rows below do: perhaps data.
    case headerLooksLikeData(line: Int, numbers: Int)
    /// Both `header line N` and `no header` were asked.
    case headerLineAndNoHeader

    /// The problem in words, located in `file`.
    public func diagnostic(file: String) -> Diagnostic {
        switch self {
        case .noTable:
            return Diagnostic(.error, "there is no table: every row is empty", location: FileLocation(file: file, line: 1),
                              help: "the first line should name the columns, and the lines after it hold the rows")
        case .noHeader(let line, let fieldCount):
            return Diagnostic(.error, "no line names the table's \(fieldCount) columns",
                              location: FileLocation(file: file, line: line),
                              help: "say which line holds the column names, e.g. header line \(line)")
        case .ambiguousHeader(let seemsToBe, let couldBe):
            return Diagnostic(.error, "the header seems to be on line \(seemsToBe), but line \(couldBe) above it could be too",
                              location: FileLocation(file: file, line: couldBe),
                              notes: ["a header on two lines, or a title with more than one cell, looks like this"],
                              help: "say which line holds the column names: header line \(seemsToBe) (or header line \(couldBe))")
        case .noSuchHeaderLine(let line, let lastLine):
            return Diagnostic(.error, "there is no line \(line) to be the header: the last line with a row is \(lastLine)",
                              location: FileLocation(file: file, line: max(lastLine, 1)),
                              help: "give the line that names the columns (line 1 is the first)")
        case .headerLooksLikeData(let line, let numbers):
            return Diagnostic(.error, "line \(line) looks like a row of data, not column names: it has \(numbers) number\(numbers == 1 ? "" : "s"), as the rows below do",
                              location: FileLocation(file: file, line: line),
                              notes: ["a file with no header line would lose its first row to the names; ReviewQL does not guess"],
                              help: "if line \(line) names the columns (years, say), load with header line \(line); "
                                  + "if the file has no header line, load with no header (the columns are then called column_1, column_2, …)")
        case .headerLineAndNoHeader:
            return Diagnostic(.error, "`header line` and `no header` were both asked", location: FileLocation(file: file, line: 1),
                              help: "give one: header line N names the line with the column names; no header reads every line as a row")
        case .emptyHeaderLine(let line):
            return Diagnostic(.error, "line \(line) is empty, so it cannot be the header",
                              location: FileLocation(file: file, line: line),
                              help: "give the line that names the columns")
        }
    }
}
