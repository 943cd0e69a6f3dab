import Foundation
import ReviewQLCore

/// A worksheet part (`xl/worksheets/sheetN.xml`) read into rows of cells:
/// `<row r="5"><c r="B5" t="s" s="3"><f>...</f><v>...</v><is><t>...</t></is></c></row>`.
///
/// `t` is the cell's type: `s` a shared string (`<v>` its index), `inlineStr` (`<is>`), `str` a
/// formula's text, `b` yes/no, `e` an error, `d` an ISO 8601 date, and `n` or none a number,
/// shown as a date when its style (`s`) has a date format. A formula's value is its cached
/// `<v>`; a formula with none is `uncalculated`.
final class XLSXSheetHandler: XMLHandler {
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let date1904: Bool
    private(set) var rows: [SheetRow] = []
    /// A shared string index or style beyond the lists, or a number that is not one.
    private(set) var problem: String?

    private var rowNumber = 0
    private var cells: [SheetCell] = []
    private var column = 0
    private var type: CellType = .number
    private var style = 0
    private var hasFormula = false
    private var value: [UInt8] = []
    private var hasValue = false
    private var collecting = false
    private var inInlineText = false
    private var inPhonetic = false

    private enum CellType { case number, shared, inline, formulaText, boolean, error, isoDate }

    init(sharedStrings: [String], dateStyles: [Bool], date1904: Bool) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        value.reserveCapacity(64)
    }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        let local = XMLName.local(name)
        switch (local[0], local[1]) {
        case (0x63, 0):  // c
            column = attributes.value("r").map(Self.columnIndex) ?? cells.count
            type = Self.cellType(attributes.value("t"))
            style = attributes.integer("s") ?? 0
            hasFormula = false
            hasValue = false
            value.removeAll(keepingCapacity: true)
        case (0x76, 0):  // v
            collecting = true
            hasValue = true
        case (0x66, 0):  // f
            hasFormula = true
        case (0x74, 0):  // t, inside <is>
            if type == .inline, !inPhonetic { collecting = true; hasValue = true }
        default:
            if XMLName.is(name, "row") {
                rowNumber = attributes.integer("r") ?? rowNumber + 1
                cells.removeAll(keepingCapacity: true)
            } else if XMLName.is(name, "rPh") {
                inPhonetic = true
            }
        }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        let local = XMLName.local(name)
        switch (local[0], local[1]) {
        case (0x76, 0), (0x74, 0):
            collecting = false
        case (0x63, 0):
            let cell = makeCell()
            if cell != .empty {
                if column >= cells.count { cells.append(contentsOf: repeatElement(.empty, count: column - cells.count + 1)) }
                cells[column] = cell
            }
        default:
            if XMLName.is(name, "row") {
                if !cells.isEmpty { rows.append(SheetRow(number: rowNumber, cells: cells)) }
            } else if XMLName.is(name, "rPh") {
                inPhonetic = false
            }
        }
    }

    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if collecting { value.append(contentsOf: bytes) }
    }

    private func makeCell() -> SheetCell {
        guard hasValue else { return hasFormula ? .uncalculated : .empty }
        switch type {
        case .shared:
            guard let index = Self.index(value), sharedStrings.indices.contains(index) else {
                problem = problem ?? "a cell names shared string \(String(decoding: value, as: UTF8.self)), which the workbook does not have"
                return .empty
            }
            return .text(sharedStrings[index])
        case .inline, .formulaText:
            return .text(String(decoding: value, as: UTF8.self))
        case .boolean:
            return .boolean(value == [0x31] || value == Array("true".utf8))
        case .error:
            return .error(String(decoding: value, as: UTF8.self))
        case .isoDate:
            return .text(String(decoding: value, as: UTF8.self).replacingOccurrences(of: "T", with: " "))
        case .number:
            guard !value.isEmpty else { return hasFormula ? .uncalculated : .empty }
            value.append(0)
            let number = value.withUnsafeBufferPointer { strtod(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), nil) }
            value.removeLast()
            if style < dateStyles.count, dateStyles[style] {
                return ExcelDate.cell(serial: number, date1904: date1904) ?? .error("29/02/1900")
            }
            return .number(number)
        }
    }

    /// A shared string's index, the digits of `<v>`.
    private static func index(_ digits: [UInt8]) -> Int? {
        guard !digits.isEmpty, digits.count < 19 else { return nil }
        var number = 0
        for digit in digits {
            guard digit >= 0x30 && digit <= 0x39 else { return nil }
            number = number * 10 + Int(digit - 0x30)
        }
        return number
    }

    private static func cellType(_ attribute: UnsafePointer<CChar>?) -> CellType {
        guard let attribute else { return .number }
        switch (attribute[0], attribute[1]) {
        case (0x73, 0): return .shared  // s
        case (0x73, 0x74): return .formulaText  // str
        case (0x69, _): return .inline  // inlineStr
        case (0x62, _): return .boolean  // b
        case (0x65, _): return .error  // e
        case (0x64, _): return .isoDate  // d
        default: return .number  // n
        }
    }

    /// The 0-based column of a cell reference such as `AB12`.
    private static func columnIndex(_ reference: UnsafePointer<CChar>) -> Int {
        var index = 0
        var position = 0
        while true {
            let byte = UInt8(bitPattern: reference[position])
            guard byte >= 0x41 && byte <= 0x5A else { break }
            index = index * 26 + Int(byte - 0x40)
            position += 1
        }
        return max(index - 1, 0)
    }
}
