/// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian).
///
/// Dates are stored as `Int32` day numbers so that comparing, sorting and grouping them is
/// integer work. The conversions follow Howard Hinnant's public-domain civil-date algorithms.
public enum CivilDate {
    /// The day number of a calendar date, or nil when the date does not exist (31/02/2009).
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int32? {
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
              (1...9999).contains(year) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// The calendar date of a day number.
    public static func components(_ dayNumber: Int32) -> (year: Int, month: Int, day: Int) {
        let z = Int(dayNumber) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The English name of a month, 1 (January) to 12 (December).
    public static func monthName(_ month: Int) -> String {
        monthNames[(month - 1) % 12]
    }

    /// The months' English names: the one list every reader and writer of dates uses.
    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// The month (1 to 12) a word names, in any letter case: its full name, its first three
    /// letters (`Jan`), or `Sept`; nil for anything else.
    public static func month(named word: Substring) -> Int? {
        let lower = word.lowercased()
        guard lower.count >= 3 else { return nil }
        if lower == "sept" { return 9 }
        for (index, name) in monthNames.enumerated() {
            let full = name.lowercased()
            if lower == full || lower == full.prefix(3) { return index + 1 }
        }
        return nil
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO 8601 text, `yyyy-mm-dd`.
    public static func iso(_ dayNumber: Int32) -> String {
        let (y, m, d) = components(dayNumber)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// Parses `yyyy-mm-dd` or the UK form `dd/mm/yyyy` (never month-first).
    /// Returns `.invalid` for text of a date's shape that names no real day.
    public static func parse(_ text: Substring) -> ParsedDate {
        parse(Array(text.utf8)[...])
    }

    public enum ParsedDate: Equatable { case notADate, invalid, date(Int32) }

    public static func parse(_ bytes: ArraySlice<UInt8>) -> ParsedDate {
        func digits(_ slice: ArraySlice<UInt8>) -> Int? {
            guard !slice.isEmpty else { return nil }
            var value = 0
            for byte in slice {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        let b = bytes
        let s = b.startIndex
        if b.count == 10, b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-"),
           let y = digits(b[s..<s + 4]), let m = digits(b[s + 5..<s + 7]), let d = digits(b[s + 8..<s + 10]) {
            return dayNumber(year: y, month: m, day: d).map(ParsedDate.date) ?? .invalid
        }
        if b.count == 10, b[s + 2] == UInt8(ascii: "/"), b[s + 5] == UInt8(ascii: "/"),
           let d = digits(b[s..<s + 2]), let m = digits(b[s + 3..<s + 5]), let y = digits(b[s + 6..<s + 10]) {
            return dayNumber(year: y, month: m, day: d).map(ParsedDate.date) ?? .invalid
        }
        return .notADate
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
