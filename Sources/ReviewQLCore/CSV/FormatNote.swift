/// A choice made while reading a file's values as people write them (`WrittenValues`), or
/// while giving a column its scale, as a value: said under "loaded NAME: ..." and by
/// `describe`, worded here only.
public enum FormatNote: Sendable, Equatable {
    /// Numbers read from values written with a `£`, a `%` or thousands separators.
    case numbersRead(column: String, example: String, unit: NumberUnit?)
    /// A `£` column in which some amounts had no `£`: read as pounds too.
    case poundsWithoutSign(column: String, count: Int, example: String)
    /// `%` values beside plain numbers: kept as text, since `0.34` and `34%` may mean the same.
    case percentBesidePlain(column: String, withSign: String, without: String)
    /// Dates read from values in a form other than `yyyy-mm-dd` or `dd/mm/yyyy`.
    case datesRead(column: String, example: String)
    /// Two-digit years put in a century by Excel's rule.
    case twoDigitYears(column: String, example: String, read: String)
    /// Every numeric date could be day/month or month/day: read day first.
    /// `allNumeric`: every date was written with numbers (none `yyyy-mm-dd` or with a month's
    /// name), so reading them month first is swapping each date's day and month.
    case dayOrMonthFirst(column: String, example: String, read: String, dataset: String, allNumeric: Bool)
    /// A part above 12 in second place shows the dates are month first.
    case monthFirst(column: String, example: String)
    /// A part above 12 in first place shows dates written with numbers are day first.
    case dayFirst(column: String, example: String)
    /// Some dates are day first and others month first: kept as text.
    case dayFirstAndMonthFirst(column: String, dayFirst: String, monthFirst: String)
    /// Dates written as people write them, one naming no real day: kept as text.
    case impossibleDateKeptAsText(column: String, example: String, reason: String)
    /// Date-times whose times are all midnight: read as dates.
    case midnightDropped(column: String)
    /// Date-times with times of day: kept as text.
    case timesKeptAsText(column: String, example: String)
    /// A scale recognised from the column's values.
    case scaleRecognised(column: String, levels: [String], dataset: String)
    /// A scale declared in a `catalog.txt` beside the file.
    case scaleFromCatalog(column: String, levels: [String], catalog: String)
    /// `set dates of D.C to month first` turned a column read day first.
    case turnedMonthFirst(column: String)
    /// Numbers read with a decimal comma, in a file separated by semicolons (`DecimalComma`).
    case decimalCommaRead(column: String, example: String)
    /// Every comma followed by three digits: a decimal comma or thousands, kept as text.
    case decimalCommaOrThousands(column: String, example: String)

    /// The note in words.
    public var text: String {
        switch self {
        case .numbersRead(let column, let example, let unit):
            let kept = unit.map { "; shown with \($0.sign) as written, held as the number (\($0.explanation))" } ?? ""
            return "\(column): read as numbers from values written like \"\(example)\"\(kept)"
        case .poundsWithoutSign(let column, let count, let example):
            return "\(column): \(count) value\(count == 1 ? "" : "s") without a £ (\"\(example)\") read as pounds too"
        case .percentBesidePlain(let column, let withSign, let without):
            return "\(column): kept as text: \"\(withSign)\" has a % sign and \"\(without)\" has none, so they may not be"
                + " on the same scale (0.34 or 34%); write every value with % or none"
        case .datesRead(let column, let example):
            return "\(column): read as dates from values written like \"\(example)\""
        case .twoDigitYears(let column, let example, let read):
            return "\(column): two-digit years read by Excel's rule (00 to 29 are 2000 to 2029, 30 to 99 are 1930 to 1999):"
                + " \"\(example)\" is \(read)"
        case .dayOrMonthFirst(let column, let example, let read, let dataset, _):
            return "\(column): no date shows whether the day or the month comes first (\"\(example)\");"
                + " read day first, as in the UK (\(read)); if they are month first, say"
                + " `set dates of \(column) in \(dataset) to month first`"
        case .monthFirst(let column, let example):
            return "\(column): read month first (\"\(example)\" can only be month first: its second part is above 12)"
        case .dayFirst(let column, let example):
            return "\(column): read day first (\"\(example)\" can only be day first: its first part is above 12)"
        case .dayFirstAndMonthFirst(let column, let dayFirst, let monthFirst):
            return "\(column): kept as text: \"\(dayFirst)\" is day first and \"\(monthFirst)\" is month first;"
                + " write the dates one way (best 2009-01-31)"
        case .impossibleDateKeptAsText(let column, let example, let reason):
            return "\(column): kept as text: its values are dates but \"\(example)\" is not a real day (\(reason)); correct it to read the column as dates"
        case .midnightDropped(let column):
            return "\(column): read as dates: every time in it is 00:00"
        case .timesKeptAsText(let column, let example):
            return "\(column): kept as text: it holds times of day (\"\(example)\") and ReviewQL has dates but no"
                + " date-times; a column of the dates alone can be grouped and compared"
        case .scaleRecognised(let column, let levels, let dataset):
            return "\(column): read as the ordered scale \(levels.joined(separator: " < ")) (Ofsted's);"
                + " another order can be set with `set scale of \(column) in \(dataset) to ...`"
        case .scaleFromCatalog(let column, let levels, let catalog):
            return "\(column): ordered scale \(levels.joined(separator: " < ")) from \(catalog)"
        case .turnedMonthFirst(let column):
            return "\(column): read month first, as `set dates of` said"
        case .decimalCommaRead(let column, let example):
            return "\(column): read as numbers with a decimal comma (\"\(example)\"), as files separated by semicolons"
                + " are written where the comma marks decimals"
        case .decimalCommaOrThousands(let column, let example):
            return "\(column): kept as text: \"\(example)\" could have a decimal comma or a thousands separator;"
                + " write the numbers with a decimal point (or with a decimal comma and other than three decimals)"
        }
    }

    /// The column the note is about.
    public var column: String {
        switch self {
        case .numbersRead(let column, _, _), .poundsWithoutSign(let column, _, _), .percentBesidePlain(let column, _, _),
             .datesRead(let column, _), .twoDigitYears(let column, _, _), .dayOrMonthFirst(let column, _, _, _, _),
             .monthFirst(let column, _), .dayFirst(let column, _), .dayFirstAndMonthFirst(let column, _, _), .midnightDropped(let column), .impossibleDateKeptAsText(let column, _, _),
             .timesKeptAsText(let column, _), .scaleRecognised(let column, _, _), .scaleFromCatalog(let column, _, _),
             .turnedMonthFirst(let column), .decimalCommaRead(let column, _), .decimalCommaOrThousands(let column, _):
            return column
        }
    }
}

/// The unit a column's numbers were written with: kept to show them as written (`34%`,
/// `£1,200`) in tables and `describe`. The column holds the number as written: 34 for `34%`
/// (so `where rate > 30` means above 30%), 1200 for `£1,200`.
public enum NumberUnit: String, Sendable, Equatable {
    case percent, pounds

    var sign: String { self == .percent ? "%" : "£" }

    var explanation: String { self == .percent ? "34% is 34" : "£1,200 is 1200" }

    /// A number's text with the unit written as people write it.
    public func written(_ number: String) -> String {
        switch self {
        case .percent: return number + "%"
        case .pounds: return number.hasPrefix("-") ? "-£" + number.dropFirst() : "£" + number
        }
    }
}
