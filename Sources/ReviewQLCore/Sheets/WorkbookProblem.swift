/// Why a workbook (.xlsx, .ods) or one of its sheets cannot be loaded: each case carries its
/// data, and `diagnostic(file:)` is the one place that words them, as `CSVProblem` does for CSV.
public enum WorkbookProblem: Error, Sendable, Equatable {
    /// The file cannot be opened or read (missing, a folder, no permission).
    case cannotRead(reason: String)
    /// An OLE2 compound file named .xlsx: what Excel writes when a workbook has a password.
    case encrypted(WorkbookKind)
    /// An old binary Excel workbook (.xls, an OLE2 compound file).
    case oldExcel
    /// Not a zip archive, or one that cannot be unpacked (truncated, corrupt).
    case damagedArchive(detail: String)
    /// A part every workbook of its kind has is not in the archive.
    case missingPart(String)
    /// A part of the workbook is not well-formed XML.
    case badXML(part: String, line: Int, reason: String)
    /// `sheet "X"` names no sheet of the workbook.
    case noSuchSheet(asked: String, sheets: [WorkbookSheet])
    /// Every sheet of the workbook is hidden, or it has none.
    case noVisibleSheet(sheets: [WorkbookSheet])
    /// `sheet "X"` given for a file that is not a workbook.
    case sheetOfNonWorkbook
    /// `separated by` or `encoding` given for a workbook, whose cells need neither.
    case csvOptionOfWorkbook
    /// The session has no workbook reader (a library user's session).
    case noReader
    /// A text cell shaped like a date in a date column names no real day.
    case impossibleDate(sheet: String, cell: String, text: String)
    /// The sheet holds no table: no row with anything in it.
    case emptySheet(sheet: String)

    /// The problem in words, for the workbook at `file`.
    public func diagnostic(file: String) -> Diagnostic {
        let (message, help) = words(file: file)
        // The message names the file: a line number would mean nothing in a zip archive.
        return Diagnostic(.error, message, help: help)
    }

    private func words(file: String) -> (String, String?) {
        switch self {
        case .cannotRead(let reason):
            return ("cannot read \(file): \(reason)", nil)
        case .encrypted(let kind):
            let how = kind == .ods ? "open it in LibreOffice and save a copy with File > Save As, with \"Save with password\" unticked"
                : "open it in Excel, clear the password (File > Info > Protect Workbook > Encrypt with Password) and save a copy, or save a copy from LibreOffice without a password"
            return ("\(file) is protected with a password (an encrypted workbook), so it cannot be read", how)
        case .oldExcel:
            return ("\(file) is an old Excel workbook (.xls, Excel 97-2003), which ReviewQL does not read",
                    "open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook), then load that")
        case .damagedArchive(let detail):
            return ("\(file) is damaged: it should be a zip archive of XML, but \(detail)",
                    "open it in Excel or LibreOffice (which may repair it) and save it again, or get a fresh copy")
        case .missingPart(let part):
            return ("\(file) is damaged: the workbook has no \(part)",
                    "open it in Excel or LibreOffice and save it again, or get a fresh copy")
        case .badXML(let part, let line, let reason):
            return ("\(file) is damaged: \(part) is not well-formed XML (line \(line): \(reason))",
                    "open it in Excel or LibreOffice and save it again, or get a fresh copy")
        case .noSuchSheet(let asked, let sheets):
            return ("\(file) has no sheet \"\(asked)\"; its sheets are \(Self.list(sheets))",
                    sheets.first(where: { !$0.hidden }).map { "for example: sheet \"\($0.name)\"" })
        case .noVisibleSheet(let sheets):
            guard !sheets.isEmpty else { return ("\(file) has no sheets", nil) }
            return ("every sheet of \(file) is hidden: \(Self.list(sheets))",
                    "name the one to load: sheet \"\(sheets[0].name)\"")
        case .sheetOfNonWorkbook:
            return ("`sheet` is for workbooks (.xlsx, .ods), and \(file) is not one", "leave out `sheet ...` to load it as CSV")
        case .csvOptionOfWorkbook:
            return ("`separated by`, `encoding` and `no header` are for CSV files, and \(file) is a workbook",
                    "leave them out; `sheet \"NAME\"` and `header line N` work for a workbook")
        case .noReader:
            return ("\(file) is a workbook, and this session cannot read workbooks", nil)
        case .impossibleDate(let sheet, let cell, let text):
            return ("cell \(cell) of sheet \(sheet) holds \"\(text)\", which is not a real date, in a column of dates",
                    "correct the date in the workbook, or make it empty")
        case .emptySheet(let sheet):
            return ("sheet \(sheet) of \(file) is empty", "name another sheet with sheet \"...\"")
        }
    }

    /// Sheet names for a message, hidden ones marked.
    static func list(_ sheets: [WorkbookSheet]) -> String {
        sheets.map { "\"\($0.name)\"" + ($0.hidden ? " (hidden)" : "") }.joined(separator: ", ")
    }
}
