import Foundation
import ReviewQLCore

/// The small parts of an .xlsx workbook that say how to read its sheets: the sheet list and
/// date system (`xl/workbook.xml`), where each sheet's part is (`xl/_rels/workbook.xml.rels`),
/// the shared strings, and which cell styles are dates (`xl/styles.xml`).

/// `xl/workbook.xml`: `<sheet name= state= r:id=>` and `<workbookPr date1904=>`.
final class WorkbookPartHandler: XMLHandler {
    struct Sheet { var name: String; var hidden: Bool; var relationship: String }
    var sheets: [Sheet] = []
    var date1904 = false

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        if XMLName.is(name, "sheet") {
            let state = attributes.string("state") ?? "visible"
            sheets.append(Sheet(name: attributes.string("name") ?? "", hidden: state != "visible",
                                relationship: attributes.string("id") ?? ""))
        } else if XMLName.is(name, "workbookPr") {
            let value = attributes.string("date1904")
            date1904 = value == "1" || value == "true"
        }
    }
}

/// A `.rels` part: each relationship's id, type and target.
final class RelationshipsHandler: XMLHandler {
    var targets: [String: String] = [:]
    var byType: [String: String] = [:]

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        guard XMLName.is(name, "Relationship"), let id = attributes.string("Id"), let target = attributes.string("Target") else { return }
        targets[id] = target
        if let type = attributes.string("Type"), let last = type.split(separator: "/").last { byType[String(last)] = target }
    }

    /// The archive path of a target given relative to `xl/` (or absolute from the root).
    static func path(_ target: String) -> String {
        target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, its rich text runs joined, phonetic guides
/// (`<rPh>`) left out.
final class SharedStringsHandler: XMLHandler {
    var strings: [String] = []
    private var current: [UInt8] = []
    private var inText = false
    private var inPhonetic = false

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        if XMLName.is(name, "t") { inText = !inPhonetic }
        else if XMLName.is(name, "rPh") { inPhonetic = true }
        else if XMLName.is(name, "si") { current.removeAll(keepingCapacity: true) }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        if XMLName.is(name, "t") { inText = false }
        else if XMLName.is(name, "rPh") { inPhonetic = false }
        else if XMLName.is(name, "si") { strings.append(String(decoding: current, as: UTF8.self)) }
    }

    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inText { current.append(contentsOf: bytes) }
    }
}

/// `xl/styles.xml`: for each cell style (`<cellXfs><xf numFmtId=>`), whether its number
/// format shows a date.
final class StylesHandler: XMLHandler {
    private var customFormats: [Int: String] = [:]
    private var formatIds: [Int] = []
    private var inCellFormats = false

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        if XMLName.is(name, "numFmt"), let id = attributes.integer("numFmtId") {
            customFormats[id] = attributes.string("formatCode") ?? ""
        } else if XMLName.is(name, "cellXfs") {
            inCellFormats = true
        } else if inCellFormats, XMLName.is(name, "xf") {
            formatIds.append(attributes.integer("numFmtId") ?? 0)
        }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        if XMLName.is(name, "cellXfs") { inCellFormats = false }
    }

    /// Whether each style, by index, is a date format.
    var dateStyles: [Bool] {
        formatIds.map { id in customFormats[id].map(Self.isDateFormat) ?? Self.builtInDateFormats.contains(id) }
    }

    /// Excel's built-in formats that show dates (ECMA-376 §18.8.30, and the East Asian ones).
    static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// Whether a custom format code shows a date: it has a day or year part, or a month part
    /// with no hours or seconds (where `m` would be minutes), outside quoted text, escapes and
    /// [brackets] (colours, locales, elapsed time). Only the first section counts.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        var letters = Set<Character>()
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\" where !inQuote: escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            case ";" where !inQuote && !inBracket: return isDate(letters)
            default: if !inQuote && !inBracket { letters.insert(character) }
            }
        }
        return isDate(letters)
    }

    private static func isDate(_ letters: Set<Character>) -> Bool {
        letters.contains("d") || letters.contains("y") || (letters.contains("m") && !letters.contains("h") && !letters.contains("s"))
    }
}

/// Excel's serial day numbers: days since 1899-12-30 in the 1900 date system (whose day 60 is
/// 29 February 1900, a day that never was, kept from Lotus 1-2-3), since 1904-01-01 in the 1904
/// system.
enum ExcelDate {
    /// The cell for a serial number shown as a date; nil for day 60 of the 1900 system.
    static func cell(serial: Double, date1904: Bool) -> SheetCell? {
        guard serial.isFinite, abs(serial) < 3_000_000 else { return nil }
        var day = serial.rounded(.down)
        var seconds = ((serial - day) * 86_400).rounded()
        if seconds >= 86_400 { day += 1; seconds = 0 }
        let dayNumber: Double
        if date1904 {
            dayNumber = day - 24_107
        } else if day >= 61 {
            dayNumber = day - 25_569
        } else if day == 60 {
            return nil
        } else {
            dayNumber = day - 25_568
        }
        return .date(day: Int32(dayNumber), seconds: Int32(seconds))
    }
}
