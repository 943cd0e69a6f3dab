/// The one sheet of a written workbook, as SpreadsheetML (`xl/worksheets/sheet1.xml`). Every
/// text is an inline string (`t="inlineStr"`), so no cell is ever a formula, whatever it holds.
struct SheetXML {
    private(set) var text = ""
    /// For each column, the widest text it shows, in characters, for its width.
    private var widths: [Int]
    private var rowNumber = 0
    /// Whole numbers of more than 15 digits, and dates before 1 March 1900, written as text.
    private(set) var longNumbersAsText = 0
    private(set) var earlyDatesAsText = 0

    init(result: QueryResult) throws(Diagnostic) {
        let table = result.table
        let rows = 1 + table.rowCount + (result.totalRow == nil ? 0 : 1) + (result.notes.isEmpty ? 0 : 1 + result.notes.count)
        guard rows <= WorkbookWriter.maximumRows else {
            throw WorkbookWriter.tooLarge("it would take \(rows) rows, and a sheet holds at most \(WorkbookWriter.maximumRows)")
        }
        guard table.columns.count <= WorkbookWriter.maximumColumns else {
            throw WorkbookWriter.tooLarge("it has \(table.columns.count) columns, and a sheet holds at most \(WorkbookWriter.maximumColumns)")
        }
        widths = table.columns.map { $0.name.count }
        var body = ""
        body += try row(table.columns.map { .text($0.name) }, style: { _ in .header }, name: { table.columns[$0].name })
        for r in 0..<table.rowCount {
            body += try row(table.columns.indices.map { c in
                result.marker(row: r, column: c).map(Value.text) ?? table.columns[c].value(at: r)
            }, style: { c in Self.style(of: table.columns[c].value(at: r), places: result.decimals[c], total: false) },
               name: { table.columns[$0].name }, dataRow: r)
        }
        if let total = result.totalRow {
            body += try row(total.indices.map { c in result.marker(row: -1, column: c).map(Value.text) ?? total[c] },
                            style: { c in Self.style(of: total[c], places: result.decimals[c], total: true) },
                            name: { table.columns[$0].name })
        }
        if !result.notes.isEmpty {
            rowNumber += 1  // a blank row between the table and its notes
            for note in result.noteLines {
                // A note is long: it spills over the empty cells to its right, and is not measured.
                let saved = widths
                body += try row([.text(note)], style: { _ in .note }, name: { _ in "note" })
                widths = saved
            }
        }
        text = WorkbookWriter.header + "<worksheet xmlns=\"\(WorkbookWriter.mainNamespace)\" xmlns:r=\"\(WorkbookWriter.relationshipNamespace)\">"
            + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15\"/>"
            + (widths.isEmpty ? "" : "<cols>" + widths.indices.map { c in
                "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(min(max(widths[c], 6), 60) + 2)\" customWidth=\"1\"/>"
            }.joined() + "</cols>")
            + "<sheetData>" + body + "</sheetData></worksheet>"
    }

    /// The style of a cell: dates get the date format, numbers their decimals.
    static func style(of value: Value, places: Int?, total: Bool) -> WorkbookStyle {
        switch value {
        case .date: return total ? .totalDate : .date
        case .integer, .decimal: return .number(places: places, total: total)
        default: return total ? .total : .plain
        }
    }

    /// One row of cells; a missing value is an empty cell (none written).
    private mutating func row(_ values: [Value], style: (Int) -> WorkbookStyle, name: (Int) -> String,
                              dataRow: Int? = nil) throws(Diagnostic) -> String {
        rowNumber += 1
        var out = "<row r=\"\(rowNumber)\">"
        for (c, value) in values.enumerated() {
            let reference = Self.columnLetters(c) + String(rowNumber)
            let s = style(c).rawValue
            let styleAttribute = s == 0 ? "" : " s=\"\(s)\""
            let shown: String
            switch value {
            case .missing: continue
            case .integer(let i) where i.magnitude > WorkbookWriter.largestExactInteger:
                // A spreadsheet keeps 15 digits of a number: a longer one is an identifier, kept as text.
                shown = String(i)
                longNumbersAsText += 1
                out += inlineString(shown, reference: reference, style: styleAttribute)
            case .integer(let i):
                out += "<c r=\"\(reference)\"\(styleAttribute)><v>\(i)</v></c>"
                shown = String(i)
            case .decimal(let d):
                guard d.isFinite else { throw WorkbookWriter.notFinite(d, column: name(c), row: dataRow ?? 0) }
                out += "<c r=\"\(reference)\"\(styleAttribute)><v>\(ValueFormatter.decimal(d))</v></c>"
                shown = ValueFormatter.display(value, decimals: nil)
            case .boolean(let b):
                out += "<c r=\"\(reference)\" t=\"b\"\(styleAttribute)><v>\(b ? 1 : 0)</v></c>"
                shown = b ? "TRUE" : "FALSE"
            case .date(let day) where day >= WorkbookWriter.firstDateExcelHolds:
                out += "<c r=\"\(reference)\"\(styleAttribute)><v>\(Int(day) + WorkbookWriter.serialOf1970)</v></c>"
                shown = "yyyy-mm-dd"
            case .date(let day):
                // Before 1 March 1900 a spreadsheet has no date serial that means the day: as text.
                shown = CivilDate.iso(day)
                earlyDatesAsText += 1
                out += inlineString(shown, reference: reference, style: styleAttribute)
            case .text(let t):
                guard t.count <= WorkbookWriter.maximumCellCharacters else {
                    throw WorkbookWriter.tooLarge("column \"\(name(c))\", row \((dataRow ?? 0) + 1) holds \(t.count) characters, and a cell holds at most \(WorkbookWriter.maximumCellCharacters)")
                }
                shown = t
                out += inlineString(t, reference: reference, style: styleAttribute)
            }
            if c < widths.count { widths[c] = max(widths[c], min(shown.count, 60)) }
        }
        return out + "</row>"
    }

    private func inlineString(_ text: String, reference: String, style: String) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"\(style)><is><t xml:space=\"preserve\">\(Self.escaped(text))</t></is></c>"
    }

    /// `A` for column 0, `Z` for 25, `AA` for 26 ...
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }

    /// Text as XML character data. XML cannot hold most control characters, so they are
    /// written in SpreadsheetML's `_xHHHH_` form, and a `_x` that would read as one is escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "_" where looksLikeEscape(scalars, at: i): out += "_x005F_"
            default:
                if (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
                } else if scalar == "\r" {
                    out += "&#13;"  // kept: an XML reader would turn a bare CR into a line feed
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether `_xHHHH_` starts at `i`: such text would be read back as the character it names.
    private static func looksLikeEscape(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < scalars.count, scalars[i + 1] == "x" || scalars[i + 1] == "X", scalars[i + 6] == "_" else { return false }
        return scalars[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
