/// Writes a result as an Excel workbook (.xlsx): the sheet XML and the package's other parts,
/// written here; the zip archive around them is packed by a `WorkbookPacker` the program gives
/// (ZIPFoundation, in `ReviewQLWorkbook`), so the core needs no zip library.
///
/// One sheet: a bold header row (frozen), the rows with numbers as numbers, dates as dates
/// (`yyyy-mm-dd`), booleans as TRUE/FALSE and text as inline strings, so nothing is ever a
/// formula; a bold totals row where the result has one; hidden counts as the text `[c]`; the
/// notes in italic rows below, after a blank row.
public enum WorkbookWriter {
    /// One file of the package, by its path inside the archive.
    public struct Part: Sendable {
        public var path: String
        public var bytes: [UInt8]
    }

    /// Excel's limits of a sheet, beyond which it refuses or cuts what it opens.
    static let maximumRows = 1_048_576
    static let maximumColumns = 16_384
    static let maximumCellCharacters = 32_767
    /// Excel's day 1 is 1900-01-01, and it counts 29 February 1900, which never was, so its
    /// serial numbers agree with the calendar only from 1 March 1900 (serial 61).
    static let firstDateExcelHolds = CivilDate.dayNumber(year: 1900, month: 3, day: 1)!
    static let serialOf1970 = 25_569
    /// A spreadsheet holds numbers to 15 significant digits.
    static let largestExactInteger: UInt64 = 999_999_999_999_999

    /// The files of the workbook, in the order they go into the archive, and what was written
    /// otherwise than as it is held (said to the user when the file is saved).
    public static func parts(for result: QueryResult) throws(Diagnostic) -> (parts: [Part], remarks: [ExportRemark]) {
        let sheet = try SheetXML(result: result)
        var remarks: [ExportRemark] = []
        if sheet.longNumbersAsText > 0 { remarks.append(.longNumbersAsText(cells: sheet.longNumbersAsText)) }
        if sheet.earlyDatesAsText > 0 { remarks.append(.earlyDatesAsText(cells: sheet.earlyDatesAsText)) }
        return ([
            Part(path: "[Content_Types].xml", bytes: Array(contentTypes.utf8)),
            Part(path: "_rels/.rels", bytes: Array(packageRelationships.utf8)),
            Part(path: "xl/workbook.xml", bytes: Array(workbook.utf8)),
            Part(path: "xl/_rels/workbook.xml.rels", bytes: Array(workbookRelationships.utf8)),
            Part(path: "xl/styles.xml", bytes: Array(WorkbookStyle.stylesXML.utf8)),
            Part(path: "xl/worksheets/sheet1.xml", bytes: Array(sheet.text.utf8)),
        ], remarks)
    }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"

    static let contentTypes = header + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    static let packageRelationships = header + """
        <Relationships xmlns="\(packageRelationshipNamespace)">\
        <Relationship Id="rId1" Type="\(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static let workbook = header + """
        <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\
        <sheets><sheet name="Result" sheetId="1" r:id="rId1"/></sheets></workbook>
        """

    static let workbookRelationships = header + """
        <Relationships xmlns="\(packageRelationshipNamespace)">\
        <Relationship Id="rId1" Type="\(relationshipNamespace)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(relationshipNamespace)/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// The error for a result a sheet cannot hold.
    static func tooLarge(_ what: String) -> Diagnostic {
        Diagnostic(.error, "cannot write a workbook: \(what)",
                   help: "narrow the result with where or limit, or save it as CSV (save last to \"result.csv\")")
    }

    /// The error for a number a cell cannot hold (infinity, NaN), `row` counted from 0.
    static func notFinite(_ number: Double, column: String, row: Int) -> Diagnostic {
        Diagnostic(.error, "cannot write a workbook: column \"\(column)\", row \(row + 1) is \(ValueFormatter.decimal(number)), which a spreadsheet cannot hold",
                   notes: ["writing it as an empty cell would say the value is missing, and it is not"],
                   help: "the number overflowed; check the values it was made from")
    }
}

/// Packs the files of a workbook into a zip archive, the bytes of an .xlsx file.
public protocol WorkbookPacker: Sendable {
    func pack(_ parts: [WorkbookWriter.Part]) throws -> [UInt8]
}

/// The styles of the sheet's cells: each a font (plain, bold, italic) and a number format.
/// `stylesXML` lists them in the order of the cases, which is the index a cell's `s` names.
enum WorkbookStyle: Int, CaseIterable {
    case plain, header, date, total, totalDate, note
    /// A number with 1 to 6 decimals (a percent to one decimal), plain and in the totals row.
    case decimals1, decimals2, decimals3, decimals4, decimals5, decimals6
    case totalDecimals1, totalDecimals2, totalDecimals3, totalDecimals4, totalDecimals5, totalDecimals6

    /// The style of a number shown with `places` decimals (nil: as it is).
    static func number(places: Int?, total: Bool) -> WorkbookStyle {
        guard let places, places > 0 else { return total ? .total : .plain }
        let base = total ? WorkbookStyle.totalDecimals1.rawValue : WorkbookStyle.decimals1.rawValue
        return WorkbookStyle(rawValue: base + min(places, 6) - 1)!
    }

    /// The font (0 plain, 1 bold, 2 italic) and number format of the style.
    var fontAndFormat: (font: Int, format: Int) {
        switch self {
        case .plain: return (0, 0)
        case .header, .total: return (1, 0)
        case .date: return (0, 164)
        case .totalDate: return (1, 164)
        case .note: return (2, 0)
        case .decimals1, .decimals2, .decimals3, .decimals4, .decimals5, .decimals6:
            return (0, 164 + rawValue - WorkbookStyle.decimals1.rawValue + 1)
        case .totalDecimals1, .totalDecimals2, .totalDecimals3, .totalDecimals4, .totalDecimals5, .totalDecimals6:
            return (1, 164 + rawValue - WorkbookStyle.totalDecimals1.rawValue + 1)
        }
    }

    static let stylesXML: String = {
        let formats = ["<numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/>"]
            + (1...6).map { "<numFmt numFmtId=\"\(164 + $0)\" formatCode=\"0.\(String(repeating: "0", count: $0))\"/>" }
        let cells = allCases.map { style in
            let (font, format) = style.fontAndFormat
            return "<xf numFmtId=\"\(format)\" fontId=\"\(font)\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
                + (format != 0 ? " applyNumberFormat=\"1\"" : "") + (font != 0 ? " applyFont=\"1\"" : "") + "/>"
        }
        return WorkbookWriter.header + "<styleSheet xmlns=\"\(WorkbookWriter.mainNamespace)\">"
            + "<numFmts count=\"\(formats.count)\">" + formats.joined() + "</numFmts>"
            + "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font>"
            + "<font><i/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"\(cells.count)\">" + cells.joined() + "</cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>"
    }()
}
