/// Loading one sheet of a workbook: the installed reader opens the file and the sheet
/// (`WorkbookOpening`), and `SheetTable` finds the table in it.
extension Session {
    struct LoadedSheet {
        var table: Table
        var sha256: String?
        var origin: WorkbookOrigin
        var notes: [SheetNote]
    }

    func loadSheet(path: String, kind: WorkbookKind, sheet: String?, name: String,
                   headerLine: Int? = nil) throws(Diagnostic) -> LoadedSheet {
        guard let workbookOpener else { throw WorkbookProblem.noReader.diagnostic(file: path) }
        let opened: OpenedSheet
        do {
            opened = try workbookOpener.open(path: path, sheet: sheet, hashing: hashesLoadedFiles)
        } catch {
            throw error.diagnostic(file: path)
        }
        let (table, notes) = try SheetTable.table(from: opened, name: name, file: path, headerLine: headerLine)
        return LoadedSheet(table: table, sha256: opened.sha256, origin: WorkbookOrigin(sheet: opened.sheet, sheets: opened.sheets),
                           notes: [.sheetRead(sheet: opened.sheet, sheets: opened.sheets, chosen: sheet == nil)] + notes)
    }
}
