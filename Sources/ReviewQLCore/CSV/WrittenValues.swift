/// Reads again, once a file is read, the text columns whose every value is a number or a date
/// as people write them (`WrittenForms`): a column of `£1,200` and `950` becomes numbers, a
/// column of `31-Jan-2009` dates. Only the column's distinct values are parsed, so this costs
/// nothing per cell, and the common file (whose numbers and dates the reader already took)
/// never comes here. Both readers (`CSVReader`, `ParallelCSVReader`) call it.
///
/// The rules, and the notes each choice gets (`FormatNote`):
/// - numbers: every value a number (`WrittenForms.number`), at least one with a `£`, `%` or
///   thousands separators. `%` and `£` are kept as the column's unit, the number as written
///   (34 for `34%`). `£` amounts beside plain ones are all pounds (a note says how many had no
///   `£`); `%` beside plain numbers stays text with a note (0.34 and 34% may mean the same).
/// - dates: every value a date (`WrittenForms.date`). Day and month order is decided from all
///   the values written with numbers: a first part above 12 shows day first, a second part
///   above 12 month first; both seen keeps the column as text with a note; neither reads day
///   first with a note saying how to say otherwise. Two-digit years follow Excel's rule, with a
///   note. Date-times become dates when every time is 00:00 (a note says so), else stay text
///   with a note: there is no date-time type. A value that names no real day is an error in a
///   column the reader first took for dates (`impossibleDate`), else the column stays text
///   with a note.
enum WrittenValues {
    enum Outcome {
        case unchanged
        case converted(Column, [FormatNote])
        case keptAsText(FormatNote)
        /// The row of a value shaped like a date that names no real day, and why.
        case impossibleDate(row: Int, reason: String)
    }

    /// What `column` becomes; `dataset` names it in notes. `impossibleIsError`: for a column
    /// the reader first took for dates (an impossible date there is an error, as ever); a
    /// column that was text from the start stays text with a note instead, so that a text
    /// column never stops a load (the fast reader may leave such a column unread).
    /// `commaMayBeDecimal`: the file is separated by semicolons, where `1,250` may be 1.25; a
    /// column of numbers with commas is then left to `DecimalComma`.
    static func reread(_ column: Column, dataset: String, impossibleIsError: Bool = false,
                       commaMayBeDecimal: Bool = false) -> Outcome {
        guard column.scale == nil, case .text(let codes, let dictionary) = column.storage else { return .unchanged }
        // Most text columns are words: the first value starting with a letter ends the look.
        let values = dictionary.lazy.map(trimmed)
        guard values.allSatisfy({ $0.first.map { $0.isNumber || $0 == "£" || $0 == "-" } ?? true }),
              values.contains(where: { !$0.isEmpty }) else { return .unchanged }
        let reading = Reading(column: column, codes: codes, values: Array(values), dataset: dataset)
        if let outcome = reading.numbers() {
            // Plain numbers with commas (no £ or %), which `DecimalComma` reads or calls ambiguous.
            if commaMayBeDecimal, values.contains(where: { $0.contains(",") }),
               values.allSatisfy({ $0.isEmpty || DecimalComma.parse($0) != nil }) { return .unchanged }
            return outcome
        }
        if let outcome = reading.dates() {
            if case .impossibleDate(let row, let reason) = outcome, !impossibleIsError {
                let code = codes[row]
                return .keptAsText(.impossibleDateKeptAsText(column: column.name, example: String(reading.values[code]), reason: reason))
            }
            return outcome
        }
        return .unchanged
    }

    /// The value without spaces and tabs around it, as the reader trims cells.
    private static func trimmed(_ text: String) -> Substring {
        var value = Substring(text)
        while let first = value.first, first == " " || first == "\t" { value = value.dropFirst() }
        while let last = value.last, last == " " || last == "\t" { value = value.dropLast() }
        return value
    }

    /// Whether every date in a date column has a day of the month of 12 or less, so that, if
    /// they were written `dd/mm/yyyy`, nothing shows whether the day comes first; the reader
    /// then reads the column again as text to see how it was written. Stops at the first day
    /// above 12, which in real dates comes within a few values.
    static func mayBeDayOrMonthFirst(_ days: [Int32], missing: (Int) -> Bool) -> Bool {
        var sawDate = false
        for (row, day) in days.enumerated() where !missing(row) && day != TypedCell.impossibleDay {
            if CivilDate.components(day).day > 12 { return false }
            sawDate = true
        }
        return sawDate
    }

    /// One text column's values, read as numbers or dates.
    private struct Reading {
        let column: Column
        let codes: DictionaryCodes
        /// The distinct values, trimmed; blank ones are missing.
        let values: [Substring]
        let dataset: String

        /// The codes that appear in a row that is not missing (a placeholder code may not).
        var usedCodes: [Bool] {
            var used = [Bool](repeating: false, count: values.count)
            for row in 0..<codes.count where !column.isMissing(row) { used[codes[row]] = true }
            return used
        }

        /// The column as numbers, or text with a note; nil when its values are not numbers.
        func numbers() -> Outcome? {
            var numbers: [WrittenForms.Number?] = []
            for value in values {
                if value.isEmpty { numbers.append(nil); continue }
                guard let number = WrittenForms.number(value) else { return nil }
                numbers.append(number)
            }
            let present = numbers.indices.filter { numbers[$0] != nil }
            guard let decorated = present.first(where: { numbers[$0]!.isDecorated }) else { return nil }
            let name = column.name
            if let percent = present.first(where: { numbers[$0]!.percent }),
               let plain = present.first(where: { !numbers[$0]!.percent }) {
                return .keptAsText(.percentBesidePlain(column: name, withSign: String(values[percent]), without: String(values[plain])))
            }
            let unit: NumberUnit? = numbers[decorated]!.percent ? .percent : (present.contains { numbers[$0]!.pounds } ? .pounds : nil)
            var notes: [FormatNote] = [.numbersRead(column: name, example: String(values[decorated]), unit: unit)]
            if unit == .pounds {
                let withoutSign = present.filter { !numbers[$0]!.pounds }
                let rows = usedCodes
                let counted = withoutSign.filter { rows[$0] }
                if let example = counted.first {
                    notes.append(.poundsWithoutSign(column: name, count: rowCount(of: Set(counted)), example: String(values[example])))
                }
            }
            let whole = present.allSatisfy { numbers[$0]!.isWhole && abs(numbers[$0]!.value) < 9_007_199_254_740_992 }
            let storage: Column.Storage = whole
                ? .integer(IntegerValues(rowValues(numbers.map { $0.map { Int64($0.value) } }, placeholder: 0)))
                : .decimal(rowValues(numbers.map { $0?.value }, placeholder: 0))
            var converted = Column(name: name, storage: storage, missing: missingRows(blank: numbers.map { $0 == nil }))
            converted.unit = unit
            return .converted(converted, notes)
        }

        /// How many rows hold one of `codes`.
        func rowCount(of wanted: Set<Int>) -> Int {
            (0..<codes.count).reduce(0) { $0 + (!column.isMissing($1) && wanted.contains(codes[$1]) ? 1 : 0) }
        }

        /// Each row's value from its code's (`perCode`, nil for a blank value).
        func rowValues<Element>(_ perCode: [Element?], placeholder: Element) -> [Element] {
            (0..<codes.count).map { row in column.isMissing(row) ? placeholder : perCode[codes[row]] ?? placeholder }
        }

        /// The column's missing rows with those whose value is blank.
        func missingRows(blank: [Bool]) -> Bitmap {
            var missing = Bitmap(count: codes.count)
            for row in 0..<codes.count where column.isMissing(row) || blank[codes[row]] { missing[row] = true }
            return missing
        }

        /// The column as dates, or text with a note, or the first impossible date; nil when
        /// its values are not dates.
        func dates() -> Outcome? {
            var dates: [WrittenForms.Date?] = []
            for value in values {
                if value.isEmpty { dates.append(nil); continue }
                guard let date = WrittenForms.date(value) else { return nil }
                dates.append(date)
            }
            let name = column.name
            var dayFirstProof: Int?, monthFirstProof: Int?
            for (code, date) in dates.enumerated() {
                guard case .numeric(let first, let second, let year, _)? = date else { continue }
                if first > 12, second > 12 {
                    // No reading makes 13/13/2009 a day: an error, as in any column of dates.
                    return .impossibleDate(row: codes.firstRow(of: code) ?? 0,
                                           reason: CellParser.impossibleDateReason(year: year, month: second, day: first))
                }
                if first > 12, dayFirstProof == nil { dayFirstProof = code }
                if second > 12, monthFirstProof == nil { monthFirstProof = code }
            }
            if let dayFirst = dayFirstProof, let monthFirst = monthFirstProof {
                return .keptAsText(.dayFirstAndMonthFirst(column: name, dayFirst: String(values[dayFirst]),
                                                          monthFirst: String(values[monthFirst])))
            }
            if let timed = dates.indices.first(where: { (dates[$0]?.time ?? 0) != 0 }) {
                return .keptAsText(.timesKeptAsText(column: name, example: String(values[timed])))
            }
            let monthFirst = monthFirstProof != nil
            var days: [Int32?] = []
            for (code, date) in dates.enumerated() {
                guard let date else { days.append(nil); continue }
                let (year, month, day) = Self.parts(date, monthFirst: monthFirst)
                guard let number = CivilDate.dayNumber(year: year, month: month, day: day) else {
                    return .impossibleDate(row: codes.firstRow(of: code) ?? 0,
                                           reason: CellParser.impossibleDateReason(year: year, month: month, day: day))
                }
                days.append(number)
            }
            let notes = dateNotes(dates, days, monthFirstProof: monthFirstProof, dayFirstProof: dayFirstProof)
            return .converted(Column(name: name, storage: .date(rowValues(days, placeholder: 0)),
                                     missing: missingRows(blank: dates.map { $0 == nil })), notes)
        }

        /// What reading the dates chose, said.
        private func dateNotes(_ dates: [WrittenForms.Date?], _ days: [Int32?], monthFirstProof: Int?,
                               dayFirstProof: Int?) -> [FormatNote] {
            let name = column.name
            var notes: [FormatNote] = []
            let present = dates.indices.filter { dates[$0] != nil }
            if let unusual = present.first(where: { !Self.isPlain(values[$0]) }) {
                notes.append(.datesRead(column: name, example: String(values[unusual])))
            }
            if let short = present.first(where: { WrittenForms.hasTwoDigitYear(values[$0]) }) {
                notes.append(.twoDigitYears(column: name, example: String(values[short]), read: CivilDate.iso(days[short]!)))
            }
            if let monthFirst = monthFirstProof {
                notes.append(.monthFirst(column: name, example: String(values[monthFirst])))
            } else if let dayFirst = dayFirstProof, !Self.isPlain(values[dayFirst]) {
                // (A column of dd/mm/yyyy alone is the reader's own UK form, read day first without a word.)
                notes.append(.dayFirst(column: name, example: String(values[dayFirst])))
            } else if dayFirstProof == nil,
                      let numeric = present.first(where: { if case .numeric = dates[$0]! { true } else { false } }) {
                let allNumeric = present.allSatisfy { if case .numeric = dates[$0]! { true } else { false } }
                notes.append(.dayOrMonthFirst(column: name, example: String(values[numeric]),
                                              read: Self.spoken(days[numeric]!), dataset: dataset, allNumeric: allNumeric))
            }
            if present.contains(where: { dates[$0]!.time != nil }) { notes.append(.midnightDropped(column: name)) }
            return notes
        }

        /// A date's year, month and day, numeric ones read in the order the column chose.
        static func parts(_ date: WrittenForms.Date, monthFirst: Bool) -> (Int, Int, Int) {
            switch date {
            case .day(let year, let month, let day, _): return (year, month, day)
            case .numeric(let first, let second, let year, _): return monthFirst ? (year, first, second) : (year, second, first)
            }
        }

        /// Whether a value is in a form the reader takes without a note: `yyyy-mm-dd` or
        /// `dd/mm/yyyy`.
        static func isPlain(_ value: Substring) -> Bool {
            Array(value.utf8).withUnsafeBufferPointer { CellParser.date($0) != .notADate }
        }

        /// A day as people say it: 1 April 2008.
        static func spoken(_ day: Int32) -> String {
            let (year, month, dayOfMonth) = CivilDate.components(day)
            return "\(dayOfMonth) \(CivilDate.monthName(month)) \(year)"
        }
    }
}
