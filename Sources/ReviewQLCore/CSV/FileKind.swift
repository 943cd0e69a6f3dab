/// What a file is, told from its first bytes, so that a workbook, a PDF or a web page given as
/// CSV is refused by name instead of as "binary". One home for these checks.
public enum FileKind: Sendable, Equatable {
    /// Text that may be CSV (any encoding `TextEncoding` reads).
    case text
    case xlsx
    case ods
    /// An Excel 97–2003 workbook (an OLE2 compound file).
    case xls
    /// A zip archive whose entries name no workbook that was recognised.
    case zip
    case pdf
    case html
    case json
    /// NUL bytes with no UTF-16 byte-order mark: some other binary file (or a device).
    case binary

    /// How many bytes `of` looks at, at most.
    static let prefixLength = 1 << 16

    /// The kind of the file whose first bytes (up to `prefixLength`) are `prefix`.
    static func of(_ prefix: UnsafeBufferPointer<UInt8>) -> FileKind {
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return zipKind(prefix) }
        if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .xls }
        if prefix.starts(with: Array("%PDF".utf8)) { return .pdf }
        if prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) { return .text }
        if prefix.prefix(1024).contains(0) { return .binary }
        let start = prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let text = prefix[start...].drop { $0 == CSVByte.space || $0 == CSVByte.tab || $0 == CSVByte.lineFeed
            || $0 == CSVByte.carriageReturn }
        let opening = String(decoding: text.prefix(15), as: UTF8.self).lowercased()
        if opening.hasPrefix("<!doctype html") || opening.hasPrefix("<html") { return .html }
        if let first = text.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            let next = text.dropFirst().first { $0 != CSVByte.space && $0 != CSVByte.tab && $0 != CSVByte.lineFeed
                && $0 != CSVByte.carriageReturn }
            let jsonStarts = first == UInt8(ascii: "{") ? "\"}" : "{[\"]-0123456789"
            if let next, jsonStarts.utf8.contains(next) { return .json }
        }
        return .text
    }

    /// A zip's entry names are stored uncompressed in its local headers: a workbook names its
    /// parts (`xl/…` for Excel; an OpenDocument file starts with its `mimetype` entry).
    private static func zipKind(_ prefix: UnsafeBufferPointer<UInt8>) -> FileKind {
        func contains(_ text: String) -> Bool {
            let needle = Array(text.utf8)
            guard prefix.count >= needle.count else { return false }
            for start in 0...(prefix.count - needle.count)
            where prefix[start] == needle[0] && prefix[start..<start + needle.count].elementsEqual(needle) { return true }
            return false
        }
        if contains("application/vnd.oasis.opendocument.spreadsheet") { return .ods }
        if contains("xl/workbook") || contains("xl/worksheets") || contains("xl/_rels") { return .xlsx }
        return .zip
    }

    /// Whether the file is a spreadsheet workbook, which the CSV reader does not read (the seam
    /// where a workbook reader takes over).
    public var isWorkbook: Bool { self == .xlsx || self == .ods || self == .xls }

    /// The kind in words, for "… is NAME".
    var described: String {
        switch self {
        case .text: "text"
        case .xlsx: "an Excel workbook (.xlsx)"
        case .ods: "an OpenDocument spreadsheet (.ods)"
        case .xls: "an Excel 97–2003 workbook (.xls)"
        case .zip: "a zip archive (perhaps an .xlsx or .ods workbook)"
        case .pdf: "a PDF document"
        case .html: "a web page (HTML)"
        case .json: "JSON, not CSV (it looks like JSON)"
        case .binary: "not text: it holds NUL bytes, so it looks binary"
        }
    }

    /// What would work instead, for the error's help line.
    var help: String {
        switch self {
        case .xlsx, .ods, .xls:
            "open it in Excel or LibreOffice and save the sheet as \"CSV UTF-8 (comma delimited)\", then load that file"
        case .zip: "unzip it and load the CSV file inside"
        case .pdf: "a PDF's tables cannot be read; look for the CSV or spreadsheet the figures came from"
        case .html: "this is probably a download page: save the CSV file it links to instead"
        case .json: "convert it to CSV first (for example with DuckDB: COPY (FROM 'file.json') TO 'file.csv')"
        case .text, .binary: "check that this is a CSV file; export spreadsheets as \"CSV UTF-8\""
        }
    }
}
