import Foundation
import ReviewQLCore

/// Reads one sheet of an .xlsx or .ods workbook into a `SheetGrid`: the reader the program
/// installs in its session (`Session.workbookOpener`).
public struct WorkbookReader: WorkbookOpening {
    public init() {}

    public func open(path: String, sheet: String?, hashing: Bool) throws(WorkbookProblem) -> OpenedSheet {
        guard let kind = WorkbookKind(path: path) else { throw .sheetOfNonWorkbook }
        let archive = try WorkbookArchive(path: path, kind: kind, hashing: hashing)
        switch kind {
        case .xlsx: return try Self.openXLSX(archive, sheet: sheet)
        case .ods: return try ODSReader.open(archive, sheet: sheet)
        case .xls: throw .oldExcel
        }
    }

    /// The sheet asked for (ignoring case), or the first visible one.
    static func choose<Sheet>(_ asked: String?, from sheets: [Sheet], _ describe: (Sheet) -> WorkbookSheet) throws(WorkbookProblem) -> Sheet {
        let described = sheets.map(describe)
        if let asked {
            guard let index = described.firstIndex(where: { $0.name.lowercased() == asked.lowercased() }) else {
                throw .noSuchSheet(asked: asked, sheets: described)
            }
            return sheets[index]
        }
        guard let index = described.firstIndex(where: { !$0.hidden }) else { throw .noVisibleSheet(sheets: described) }
        return sheets[index]
    }

    private static func openXLSX(_ archive: WorkbookArchive, sheet asked: String?) throws(WorkbookProblem) -> OpenedSheet {
        let workbook = WorkbookPartHandler()
        try archive.parse("xl/workbook.xml", with: workbook)
        let relationships = RelationshipsHandler()
        try archive.parse("xl/_rels/workbook.xml.rels", with: relationships)
        let described = workbook.sheets.map { WorkbookSheet(name: $0.name, hidden: $0.hidden) }
        let chosen = try choose(asked, from: workbook.sheets) { WorkbookSheet(name: $0.name, hidden: $0.hidden) }

        let sharedStrings = SharedStringsHandler()
        let stringsPart = relationships.byType["sharedStrings"].map(RelationshipsHandler.path) ?? "xl/sharedStrings.xml"
        if archive.has(stringsPart) { try archive.parse(stringsPart, with: sharedStrings) }
        let styles = StylesHandler()
        let stylesPart = relationships.byType["styles"].map(RelationshipsHandler.path) ?? "xl/styles.xml"
        if archive.has(stylesPart) { try archive.parse(stylesPart, with: styles) }

        guard let target = relationships.targets[chosen.relationship] else {
            throw .missingPart("part for sheet \"\(chosen.name)\" (relationship \(chosen.relationship))")
        }
        let handler = XLSXSheetHandler(sharedStrings: sharedStrings.strings, dateStyles: styles.dateStyles, date1904: workbook.date1904)
        try archive.parse(RelationshipsHandler.path(target), with: handler)
        if let problem = handler.problem { throw .badXML(part: RelationshipsHandler.path(target), line: 0, reason: problem) }
        return OpenedSheet(sheets: described, sheet: chosen.name, grid: SheetGrid(sparse: handler.rows), sha256: archive.sha256)
    }
}
