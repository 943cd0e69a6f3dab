/// A workbook's sheet as its file holds it: rows of cells, each already of the kind the file
/// says (number, date, yes/no, text, error), before a table is found in it. The reading of the
/// files themselves (.xlsx, .ods: a zip of XML) lives in the `ReviewQLWorkbook` module, behind
/// `WorkbookOpening`, so the core knows no zip or XML; `SheetTable` turns a grid into a table
/// by the same rules as a CSV file.

/// One cell of a sheet.
public enum SheetCell: Sendable, Equatable {
    case empty
    case number(Double)
    /// A number whose cell format is a date (Excel) or a date value (ODS): the day, and the
    /// seconds into it when the cell has a time of day too.
    case date(day: Int32, seconds: Int32)
    case boolean(Bool)
    /// Text: a shared or inline string, rich text runs joined, or an ODS string.
    case text(String)
    /// An error value a formula gave, such as `#DIV/0!` or `#N/A`.
    case error(String)
    /// A formula saved with no value (the program that saved it did not calculate it).
    case uncalculated
}

/// One row of a sheet: its 1-based row number and its cells from column A, without the empty
/// cells after the last one that holds something.
public struct SheetRow: Sendable, Equatable {
    public var number: Int
    public var cells: [SheetCell]

    public init(number: Int, cells: [SheetCell]) {
        self.number = number
        self.cells = cells
    }
}

/// A sheet's rows, every row from 1 to the last that holds something (empty rows as rows with
/// no cells), so the blank rows between a table and its notes are seen.
public struct SheetGrid: Sendable, Equatable {
    public var rows: [SheetRow]

    public init(rows: [SheetRow]) {
        self.rows = rows
    }

    /// Builds the grid from rows given in order with gaps, filling the gaps with empty rows.
    public init(sparse: [SheetRow]) {
        var rows: [SheetRow] = []
        rows.reserveCapacity(sparse.last?.number ?? 0)
        for row in sparse where row.number > rows.count {
            while rows.count + 1 < row.number { rows.append(SheetRow(number: rows.count + 1, cells: [])) }
            var trimmed = row
            while trimmed.cells.last == .empty { trimmed.cells.removeLast() }
            rows.append(trimmed)
        }
        while rows.last?.cells.isEmpty == true { rows.removeLast() }
        self.rows = rows
    }
}

/// A sheet's name and whether the workbook hides it.
public struct WorkbookSheet: Sendable, Equatable {
    public var name: String
    public var hidden: Bool

    public init(name: String, hidden: Bool) {
        self.name = name
        self.hidden = hidden
    }
}

/// The sheet a load asked for, read from its workbook, with the names of all the sheets.
public struct OpenedSheet: Sendable {
    public var sheets: [WorkbookSheet]
    /// The sheet read (the first visible one when none was named).
    public var sheet: String
    public var grid: SheetGrid
    /// The SHA-256 of the workbook's bytes, as they were read; nil when not asked for.
    public var sha256: String?

    public init(sheets: [WorkbookSheet], sheet: String, grid: SheetGrid, sha256: String?) {
        self.sheets = sheets
        self.sheet = sheet
        self.grid = grid
        self.sha256 = sha256
    }
}

/// Reads one sheet of a workbook file. The program installs the real reader
/// (`ReviewQLWorkbook.WorkbookReader`) in the session; a session without one refuses workbooks.
public protocol WorkbookOpening: Sendable {
    /// The sheet named `sheet` (matched ignoring case), or the first visible sheet when nil.
    func open(path: String, sheet: String?, hashing: Bool) throws(WorkbookProblem) -> OpenedSheet
}

/// What kind of workbook a file is, from its name or first bytes.
public enum WorkbookKind: String, Sendable {
    /// `xls`: an old binary Excel workbook, which is refused with a word on how to convert it.
    case xlsx, ods, xls

    /// The kind the file's name says (`.xlsx`, `.xlsm`, `.ods`, `.xls`), ignoring case.
    public init?(path: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm") {
            self = .xlsx
        } else if lowered.hasSuffix(".ods") {
            self = .ods
        } else if lowered.hasSuffix(".xls") {
            self = .xls
        } else {
            return nil
        }
    }

    /// A `--load` path with a sheet after `#` (`ofsted.ods#Inspections`): the workbook and the
    /// sheet. A path that exists as it is, or whose part before the last `#` is not a
    /// workbook's name, is all path.
    public static func pathAndSheet(_ spec: String) -> (path: String, sheet: String?) {
        guard let hash = spec.lastIndex(of: "#"), !FileSystem.exists(spec) else { return (spec, nil) }
        let path = String(spec[..<hash])
        guard WorkbookKind(path: path) != nil else { return (spec, nil) }
        let sheet = String(spec[spec.index(after: hash)...])
        return (path, sheet.isEmpty ? nil : sheet)
    }
}
