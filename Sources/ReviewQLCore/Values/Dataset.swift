/// A table together with what the catalog says about it: where it came from and what it is.
public struct Dataset: Sendable {
    public var table: Table
    /// The file it was loaded from, as given.
    public var path: String
    public var description: String
    public var source: String
    /// How `join OTHER` matches this dataset's rows with another's, from the catalog.
    public var joins: [JoinKey]
    /// For a counted table (a row per category, with how many it stands for), which column
    /// holds the counts, and where the catalog gives totals for groups of rows.
    public var counts: CountsDeclaration?
    /// The SHA-256 of the bytes the table was made from, taken as they were read; nil for a
    /// dataset made in memory.
    public var sha256: String?
    /// Columns that hold other names for the values of a column, from the catalog.
    public var aliases: [AliasColumn]
    /// For a sheet of a workbook: which sheet, and the workbook's sheets.
    public var workbook: WorkbookOrigin?
    /// How the file was read (separator, encoding, header line), for `describe`.
    public var dialect = Dialect()
    /// The choices made while loading it, for `describe` (they were shown when it loaded).
    public var loadNotes: [LoadNote] = []
    /// Read from the data built into the program, not from a file on disk.
    public var isBuiltIn = false

    public var name: String { table.name }

    public init(table: Table, path: String, description: String = "", source: String = "", joins: [JoinKey] = [],
                sha256: String? = nil, aliases: [AliasColumn] = []) {
        self.table = table
        self.path = path
        self.description = description
        self.source = source
        self.joins = joins
        self.sha256 = sha256
        self.aliases = aliases
    }
}

/// `counts: children` in the catalog: each row stands for `column` people or events.
/// `total: reviews_in_year per year`: every row of one `year` holds that year's total, which is
/// the count of the whole year even where a row's count is missing.
public struct CountsDeclaration: Sendable, Equatable {
    public var column: String
    public var total: (column: String, per: [String])?

    public init(column: String, total: (column: String, per: [String])? = nil) {
        self.column = column
        self.total = total
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.column == b.column && a.total?.column == b.total?.column && a.total?.per == b.total?.per
    }
}

/// A join the catalog declares: this dataset's `left` column matches `dataset`'s `right` column.
public struct JoinKey: Sendable, Equatable {
    public var dataset: String
    public var left: String
    public var right: String
}

/// A column the catalog declares as holding another name (a common spelling, the legal name)
/// for the value of `column` in the same row: `aliases name: alias`. A value that matches
/// nothing is then checked against these names before "did you mean" is worked out.
public struct AliasColumn: Sendable, Equatable {
    public var column: String
    public var aliases: String
}

/// Where in a workbook a dataset came from: its sheet, and every sheet the workbook has.
public struct WorkbookOrigin: Sendable, Equatable {
    public var sheet: String
    public var sheets: [WorkbookSheet]

    /// "sheet Inspections of ofsted.ods (sheets: Inspections, Notes; hidden: Lookup)".
    public func summary(file: String) -> String {
        let visible = sheets.filter { !$0.hidden }.map(\.name)
        let hidden = sheets.filter(\.hidden).map(\.name)
        return "sheet \(sheet) of \(file) (sheets: \(visible.joined(separator: ", "))"
            + (hidden.isEmpty ? "" : "; hidden: \(hidden.joined(separator: ", "))") + ")"
    }
}
