import Foundation
import ReviewQLCore

/// Reads a sheet of an OpenDocument spreadsheet (.ods): `content.xml`'s
/// `<table:table table:name=>` of `<table:table-row>`s of `<table:table-cell>`s, whose
/// `office:value-type` (float, percentage, currency, date, time, boolean, string) says what the
/// cell holds. Repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`) are
/// expanded only where they hold something, so the million empty rows LibreOffice may write
/// after a table cost nothing. A sheet is hidden when its table style says `table:display="false"`.
enum ODSReader {
    static func open(_ archive: WorkbookArchive, sheet asked: String?) throws(WorkbookProblem) -> OpenedSheet {
        if let manifest = try archive.bytes(of: "META-INF/manifest.xml"),
           WorkbookArchive.contains(manifest, Array("encryption-data".utf8)) {
            throw .encrypted(.ods)
        }
        let handler = ODSContentHandler(asked: asked)
        try archive.parse("content.xml", with: handler)
        let sheets = handler.sheets
        guard let chosen = handler.chosen else {
            if let asked { throw .noSuchSheet(asked: asked, sheets: sheets) }
            throw .noVisibleSheet(sheets: sheets)
        }
        return OpenedSheet(sheets: sheets, sheet: chosen, grid: SheetGrid(sparse: handler.rows), sha256: archive.sha256)
    }
}

/// `content.xml`, read for the sheet names and the one sheet asked for.
final class ODSContentHandler: XMLHandler {
    /// At most this many rows are made from repeated rows that hold something.
    static let rowLimit = 1_048_576
    private let asked: String?
    private var hiddenStyles = Set<String>()
    private var currentStyle: String?
    private(set) var sheets: [WorkbookSheet] = []
    private(set) var chosen: String?
    private(set) var rows: [SheetRow] = []
    private var reading = false

    private var rowNumber = 0
    private var rowRepeat = 1
    private var cells: [SheetCell] = []
    private var pendingEmpty = 0
    private var cellRepeat = 1
    private var cellStart: CellStart?
    private var text: [UInt8] = []
    private var paragraphs = 0
    private var inParagraph = false
    private var inAnnotation = false

    /// What a cell's opening tag said.
    private struct CellStart {
        var type: String?
        var isError: Bool
        var value: String?
        var hasFormula: Bool
    }

    init(asked: String?) {
        self.asked = asked
    }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        if reading {
            startInTable(name, attributes)
        } else if XMLName.is(name, "table") {
            let sheetName = attributes.string("name") ?? ""
            let hidden = attributes.string("style-name").map(hiddenStyles.contains) ?? false
            sheets.append(WorkbookSheet(name: sheetName, hidden: hidden))
            let wanted = asked.map { $0.lowercased() == sheetName.lowercased() } ?? !hidden
            if chosen == nil, wanted {
                chosen = sheetName
                reading = true
                rowNumber = 0
            }
        } else if XMLName.is(name, "style") {
            currentStyle = attributes.string("family") == "table" ? attributes.string("name") : nil
        } else if XMLName.is(name, "table-properties"), let style = currentStyle, attributes.string("display") == "false" {
            hiddenStyles.insert(style)
        }
    }

    private func startInTable(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        if XMLName.is(name, "table-cell") || XMLName.is(name, "covered-table-cell") {
            cellRepeat = attributes.integer("number-columns-repeated") ?? 1
            let type = attributes.qualified("office:value-type").map { String(cString: $0) }
            let value: String?
            switch type {
            case "date": value = attributes.string("date-value")
            case "boolean": value = attributes.string("boolean-value")
            case "string": value = attributes.string("string-value")
            default: value = attributes.qualified("office:value").map { String(cString: $0) }
            }
            cellStart = CellStart(type: type, isError: attributes.qualified("calcext:value-type").map { String(cString: $0) } == "error",
                                  value: value, hasFormula: attributes.value("formula") != nil)
            text.removeAll(keepingCapacity: true)
            paragraphs = 0
        } else if XMLName.is(name, "table-row") {
            rowRepeat = attributes.integer("number-rows-repeated") ?? 1
            cells.removeAll(keepingCapacity: true)
            pendingEmpty = 0
        } else if XMLName.is(name, "annotation") {
            inAnnotation = true
        } else if !inAnnotation, cellStart != nil {
            if XMLName.is(name, "p") {
                if paragraphs > 0 { text.append(0x0A) }
                paragraphs += 1
                inParagraph = true
            } else if XMLName.is(name, "s") {
                text.append(contentsOf: repeatElement(0x20, count: attributes.integer("c") ?? 1))
            } else if XMLName.is(name, "tab") {
                text.append(0x09)
            } else if XMLName.is(name, "line-break") {
                text.append(0x0A)
            }
        }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        guard reading else { return }
        if XMLName.is(name, "table-cell") || XMLName.is(name, "covered-table-cell") {
            let cell = makeCell()
            cellStart = nil
            if cell == .empty {
                pendingEmpty += cellRepeat
            } else {
                cells.append(contentsOf: repeatElement(.empty, count: pendingEmpty))
                pendingEmpty = 0
                cells.append(contentsOf: repeatElement(cell, count: min(cellRepeat, 16_384)))
            }
        } else if XMLName.is(name, "table-row") {
            if !cells.isEmpty {
                for _ in 0..<min(rowRepeat, max(0, Self.rowLimit - rowNumber)) {
                    rowNumber += 1
                    rows.append(SheetRow(number: rowNumber, cells: cells))
                }
            } else {
                rowNumber += rowRepeat
            }
        } else if XMLName.is(name, "p") {
            inParagraph = false
        } else if XMLName.is(name, "annotation") {
            inAnnotation = false
        } else if XMLName.is(name, "table") {
            reading = false
        }
    }

    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inParagraph, !inAnnotation { text.append(contentsOf: bytes) }
    }

    private func makeCell() -> SheetCell {
        guard let start = cellStart else { return .empty }
        let shown = String(decoding: text, as: UTF8.self)
        if start.isError { return .error(shown) }
        switch start.type {
        case "float", "percentage", "currency":
            guard let value = start.value, let number = Double(value) else { return .text(shown) }
            return .number(number)
        case "date":
            return start.value.flatMap(Self.date) ?? .text(shown)
        case "boolean":
            return .boolean(start.value == "true")
        case "string":
            return .text(start.value ?? shown)
        case nil:
            if start.hasFormula { return .uncalculated }
            return shown.isEmpty ? .empty : .text(shown)
        default:
            return shown.isEmpty ? .empty : .text(shown)
        }
    }

    /// `2009-01-31` or `2009-01-31T14:30:00` as a date cell.
    static func date(_ value: String) -> SheetCell? {
        let parts = value.split(separator: "T", maxSplits: 1)
        let ymd = parts[0].split(separator: "-").compactMap { Int($0) }
        guard ymd.count == 3, let day = CivilDate.dayNumber(year: ymd[0], month: ymd[1], day: ymd[2]) else { return nil }
        var seconds = 0
        if parts.count == 2 {
            let hms = parts[1].split(separator: ":").map { Double($0) ?? 0 }
            seconds = Int(((hms.first ?? 0) * 3600 + (hms.count > 1 ? hms[1] * 60 : 0) + (hms.count > 2 ? hms[2] : 0)).rounded())
        }
        return .date(day: day, seconds: Int32(seconds))
    }
}
