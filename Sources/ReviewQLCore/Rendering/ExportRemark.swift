/// What an export wrote otherwise than the result holds it, as a value: said under the
/// `save` (or `copy`) that made the file, worded here only.
public enum ExportRemark: Sendable, Equatable {
    /// Whole numbers of more than 15 digits written to a workbook as text.
    case longNumbersAsText(cells: Int)
    /// Dates before 1 March 1900 written to a workbook as text.
    case earlyDatesAsText(cells: Int)
    /// Cells a spreadsheet would read as a formula, given a leading `'` (OWASP's advice).
    case formulaGuarded(cells: Int, example: String)

    public var text: String {
        switch self {
        case .longNumbersAsText(let cells):
            return "\(cells) whole number\(cells == 1 ? "" : "s") of more than 15 digits written as text, since a spreadsheet keeps only 15 digits of a number"
        case .earlyDatesAsText(let cells):
            return "\(cells) date\(cells == 1 ? "" : "s") before 1 March 1900 written as text (yyyy-mm-dd), since a spreadsheet cannot hold \(cells == 1 ? "it" : "them") as a date"
        case .formulaGuarded(let cells, let example):
            return "\(cells) cell\(cells == 1 ? "" : "s") starting with =, +, -, @, a tab or a carriage return got a leading ' so that a spreadsheet shows \(cells == 1 ? "it" : "them") as text, not a formula (e.g. \(example))"
        }
    }
}
