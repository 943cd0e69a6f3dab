/// The periods of an Explore Education Statistics (EES) file: its `time_period` column read
/// with its `time_identifier` column as the periods they name, shown as people write them and
/// in time order.
///
/// EES data files give every row a `time_period` of four digits (`2023`, with "Calendar year",
/// "Reporting year", a month or "Week 1" ... "Week 52") or six (`202324`, the years 2023 and
/// 2024, with "Academic year", "Financial year", "Tax year", a term, "Financial year Q1" ... or
/// "Part 1 (April to September)"), as the EES screener checks them
/// (dfe-analytical-services/eesyscreener, the screener app's `global.R`: `four_digit_identifiers`
/// and `six_digit_identifiers`). As numbers, `202324` groups and shows as 202324, and the
/// periods of different kinds do not sort in time order.
///
/// The column becomes text, an ordered scale of its periods in time order (`Column.scale`), so
/// it groups, sorts and compares (`time_period >= "2020-21"`) as periods:
/// - `202324` with a year identifier: `2023-24`; `2023` with "Calendar year" or "Reporting
///   year": `2023`. When a file holds more than one kind of whole year, each label says which
///   (`2023-24 (financial year)`), since "2023-24" alone would put an academic and a financial
///   year in one group;
/// - a part of a year names it after the year: `2023-24 Autumn term`, `2023-24 Q1` (financial
///   year quarter), `2023-24 Part 1 (April to September)`, `2023 January`, `2023 Week 5`.
/// Periods sort by when they start (an academic year and its autumn term in September, a
/// financial year and its first quarter in April, a spring term in the January after), and a
/// longer period before a shorter one that starts with it (2023-24 before its Autumn term).
///
/// A file is read this way only when every row's period and identifier are of these forms;
/// otherwise `time_period` is left as it is, and `describe` shows it as loaded.
enum OfficialPeriods {
    static let identifierColumn = "time_identifier"

    /// What an identifier says: the digits its period has, a kind of whole year or a part, and
    /// when in the period's first year it starts and how long it lasts, roughly, in days.
    private struct Identifier {
        var sixDigits: Bool
        /// For a whole year: its name in a label that must say which ("financial year").
        var wholeYear: String?
        /// For a part of a year: its name in the label.
        var part: String?
        /// Days from the start of the first year to the period's start (a month is 31 days).
        var start: Int
        var length: Int

        /// A part of a year that starts in `month` (13 and up: of the next year) and lasts `months`.
        static func part(_ label: String, sixDigits: Bool = true, month: Int, months: Int) -> Identifier {
            Identifier(sixDigits: sixDigits, part: label, start: (month - 1) * 31, length: months * 31)
        }
    }

    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]

    /// The identifiers EES accepts, by name.
    private static let identifiers: [String: Identifier] = {
        var table: [String: Identifier] = [:]
        // Academic years start in September, financial and tax years in April.
        for (name, month) in [("Academic year", 9), ("Financial year", 4), ("Tax year", 4)] {
            table[name] = Identifier(sixDigits: true, wholeYear: name.lowercased(), start: (month - 1) * 31, length: 372)
        }
        for name in ["Calendar year", "Reporting year"] {
            table[name] = Identifier(sixDigits: false, wholeYear: name.lowercased(), start: 0, length: 372)
        }
        for (term, month, months) in [("Autumn term", 9, 4), ("Autumn and spring term", 9, 7), ("Spring term", 13, 3),
                                      ("Summer term", 16, 4)] {
            table[term] = .part(term, month: month, months: months)
        }
        for quarter in 1...4 {
            table["Financial year Q\(quarter)"] = .part("Q\(quarter)", month: 1 + quarter * 3, months: 3)
        }
        table["Part 1 (April to September)"] = .part("Part 1 (April to September)", month: 4, months: 6)
        table["Part 2 (October to March)"] = .part("Part 2 (October to March)", month: 10, months: 6)
        for (index, month) in months.enumerated() { table[month] = .part(month, sixDigits: false, month: index + 1, months: 1) }
        for week in 1...53 {
            table["Week \(week)"] = Identifier(sixDigits: false, part: "Week \(week)", start: (week - 1) * 7, length: 7)
        }
        return table
    }()

    /// The table with its `time_period` column read as periods, and whether it was; the table
    /// as it is when it has no such columns or any row is not of the EES forms.
    static func apply(to table: Table) -> (table: Table, applied: Bool) {
        guard let periodIndex = table.columnIndex(named: ColumnNaming.periodColumn),
              let identifierColumn = table.column(named: identifierColumn), table.rowCount > 0,
              let periods = periodColumn(table.columns[periodIndex], identifierColumn) else { return (table, false) }
        var table = table
        table.columns[periodIndex] = periods
        return (table, true)
    }

    /// One distinct pair of a period as written and an identifier (its code in the identifier
    /// column's dictionary): the rows share few, so each is read once.
    private struct Pair: Hashable {
        var period: Value
        var identifier: Int
    }

    /// The periods column, text on a scale of its periods in time order; nil when a row is not
    /// an EES period.
    private static func periodColumn(_ periods: Column, _ identifiers: Column) -> Column? {
        guard case .text(let identifierCodes, let identifierNames) = identifiers.storage else { return nil }
        let known = identifierNames.map { self.identifiers[$0.trimmingSpaces] }
        var pairOf: [Pair: Int] = [:]
        var pairs: [(year: Int, identifier: Identifier)] = []
        var rowPairs = [Int](repeating: 0, count: periods.count)
        for row in 0..<periods.count {
            guard !identifiers.isMissing(row), let identifier = known[identifierCodes[row]] else { return nil }
            let pair = Pair(period: periods.value(at: row), identifier: identifierCodes[row])
            if let index = pairOf[pair] { rowPairs[row] = index; continue }
            guard let year = startYear(pair.period, sixDigits: identifier.sixDigits) else { return nil }
            pairOf[pair] = pairs.count
            rowPairs[row] = pairs.count
            pairs.append((year, identifier))
        }
        let wholeYearKinds = Set(pairs.compactMap(\.identifier.wholeYear))
        var keyOf: [String: (start: Int, shorter: Int, label: String)] = [:]
        let labels = pairs.map { pair -> String in
            let years = pair.identifier.sixDigits ? "\(pair.year)-\(twoDigits((pair.year + 1) % 100))" : String(pair.year)
            let label: String
            if let part = pair.identifier.part {
                label = years + " " + part
            } else {
                label = wholeYearKinds.count > 1 ? years + " (\(pair.identifier.wholeYear!))" : years
            }
            keyOf[label] = (pair.year * 1000 + pair.identifier.start, -pair.identifier.length, label)
            return label
        }
        let scale = keyOf.values.sorted { $0 < $1 }.map(\.label)
        var levelOf: [String: UInt32] = [:]
        for (level, label) in scale.enumerated() { levelOf[label] = UInt32(level) }
        let pairLevels = labels.map { levelOf[$0]! }
        let codes = DictionaryCodes(rowPairs.map { pairLevels[$0] }, distinct: scale.count)
        return Column(name: periods.name, storage: .text(codes: codes, dictionary: scale), scale: scale)
    }

    /// The year a period starts in: `2023` for `202324` (the years must follow each other) or `2023`.
    private static func startYear(_ value: Value, sixDigits: Bool) -> Int? {
        let text: String
        switch value {
        case .integer(let number): text = String(number)
        case .text(let written): text = written.trimmingSpaces
        default: return nil
        }
        guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int(text) else { return nil }
        if sixDigits {
            guard text.count == 6, (number / 100 + 1) % 100 == number % 100 else { return nil }
            return number / 100
        }
        return text.count == 4 ? number : nil
    }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

    /// A period written as the file writes it (`202324`), as its label on `scale`
    /// (`2023-24`), so that a condition may use either; nil when it is not one.
    static func level(writtenAs text: String, on scale: [String]) -> String? {
        let digits = text.trimmingSpaces
        guard digits.count == 6, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let label = digits.prefix(4) + "-" + digits.suffix(2)
        return scale.first { $0 == label }
    }
}
