/// Numbers and dates as people write them in spreadsheets, which the cell parser's plain forms
/// (`CellParser`) do not read: `1,234`, `£1,200.50`, `-£5`, `34%`; `31-Jan-2009`,
/// `31 January 2009`, `1/4/2008`, `09/05/25`, `31-01-2009`, `31.01.2009`, `2009-01-31T10:00:00`, `31/01/2009 10:00`.
///
/// These are read from a text column's distinct values once the file is read (`WrittenValues`),
/// never cell by cell while reading: the common file pays nothing for them.
enum WrittenForms {
    /// A number as written, with what decorated it.
    struct Number: Equatable {
        var value: Double
        /// Written without a fraction (`1,234`, `£5`, `34%`).
        var isWhole: Bool
        var pounds = false
        var percent = false
        var grouped = false
        /// Whether anything beyond the plain form was written.
        var isDecorated: Bool { pounds || percent || grouped }
    }

    /// Reads a trimmed value as a number: an optional `-` (before or after a `£`), an optional
    /// `£`, digits in groups of three separated by commas (`1,234,567`: every group after the
    /// first exactly three digits, the first one to three and not starting with 0) or plain
    /// digits with `CellParser`'s rules (no leading zero), an optional fraction, an optional
    /// `%` at the end (a space before it allowed). Nil for anything else.
    static func number(_ text: Substring) -> Number? {
        var rest = text
        var negative = false
        var pounds = false
        if rest.first == "-" { negative = true; rest = rest.dropFirst() }
        if rest.first == "£" { pounds = true; rest = rest.dropFirst() }
        if !negative, pounds, rest.first == "-" { negative = true; rest = rest.dropFirst() }
        var percent = false
        if rest.last == "%" {
            percent = true
            rest = rest.dropLast()
            while rest.last == " " { rest = rest.dropLast() }
        }
        guard !(pounds && percent), let first = rest.first, first.isASCII, first.isNumber else { return nil }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        let grouped = groups.count > 1
        if grouped {
            guard (1...3).contains(groups[0].count), groups[0].first != "0",
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let plain = groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
        let value: Double? = Array(plain.utf8).withUnsafeBufferPointer { CellParser.decimal($0) }
        guard let value, value.isFinite, plain.utf8.allSatisfy({ $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") })
        else { return nil }
        return Number(value: negative ? -value : value, isWhole: parts.count == 1,
                      pounds: pounds, percent: percent, grouped: grouped)
    }

    /// A date as written: either one day for sure (ISO, or a month named in words), or three
    /// numbers whose day and month order the whole column decides. With its time of day, in
    /// seconds after midnight, when one was written.
    enum Date: Equatable {
        case day(year: Int, month: Int, day: Int, time: Int?)
        /// `1/4/2008`, `09/05/25`: the first two parts, then the year (four digits, or two
        /// digits already put in their century by `century(ofTwoDigitYear:)`).
        case numeric(first: Int, second: Int, year: Int, time: Int?)

        var time: Int? {
            switch self {
            case .day(_, _, _, let time), .numeric(_, _, _, let time): return time
            }
        }
    }

    /// The year a two-digit year stands for: Excel's "2029 rule" (Microsoft KB 214391, also
    /// LibreOffice's default): 00 to 29 are 2000 to 2029, 30 to 99 are 1930 to 1999.
    static func century(ofTwoDigitYear year: Int) -> Int { year < 30 ? 2000 + year : 1900 + year }

    /// Reads a trimmed value as a date, with or without a time after it; nil for anything
    /// else. Whether a two-digit year was written is `hasTwoDigitYear`.
    static func date(_ text: Substring) -> Date? {
        guard let (datePart, time) = splitTime(text) else { return nil }
        if let iso = isoDate(datePart) { return .day(year: iso.year, month: iso.month, day: iso.day, time: time) }
        if let named = namedMonthDate(datePart) {
            return .day(year: named.year, month: named.month, day: named.day, time: time)
        }
        // `1/4/2008`, `09/05/25`; with `-` or `.` (`31-01-2009`, `31.01.2009`) only with a
        // four-digit year, since `1.2.10` is as likely a section number as a date.
        guard let separator = datePart.first(where: { $0 == "/" || $0 == "-" || $0 == "." }) else { return nil }
        let parts = datePart.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              parts[2].count == 4 || (parts[2].count == 2 && separator == "/"),
              let first = digits(parts[0]), let second = digits(parts[1]), let year = digits(parts[2]) else { return nil }
        return .numeric(first: first, second: second, year: parts[2].count == 2 ? century(ofTwoDigitYear: year) : year,
                        time: time)
    }

    /// Whether the year of a date value was written with two digits.
    static func hasTwoDigitYear(_ text: Substring) -> Bool {
        let datePart = splitTime(text)?.date ?? text
        let parts = datePart.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == " " })
        guard parts.count == 3, parts[0].count <= 2 else { return false }
        return parts[2].count == 2 && parts[2].allSatisfy(\.isNumber)
    }

    /// The date and the time after it (`T` or a space, then `hh:mm` or `hh:mm:ss`, maybe with
    /// a fraction of a second and a `Z`), in seconds after midnight: nil when no time was
    /// written. Nil altogether when what follows the date is not a time.
    private static func splitTime(_ text: Substring) -> (date: Substring, time: Int?)? {
        guard let colon = text.firstIndex(of: ":") else { return (text, nil) }
        guard let separator = text[..<colon].lastIndex(where: { $0 == " " || $0 == "T" }) else { return nil }
        var clock = text[text.index(after: separator)...]
        if clock.last == "Z" { clock = clock.dropLast() }
        if let dot = clock.firstIndex(of: "."), clock[clock.index(after: dot)...].allSatisfy(\.isNumber) {
            clock = clock[..<dot]
        }
        let pieces = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(pieces.count), pieces.allSatisfy({ $0.count == 2 }),
              let hours = digits(pieces[0]), let minutes = digits(pieces[1]),
              hours < 24, minutes < 60 else { return nil }
        let seconds = pieces.count == 3 ? digits(pieces[2]) : 0
        guard let seconds, seconds < 60 else { return nil }
        return (text[..<separator], hours * 3600 + minutes * 60 + seconds)
    }

    /// `yyyy-mm-dd` (any day: whether it exists is checked later).
    private static func isoDate(_ text: Substring) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = digits(parts[0]), let month = digits(parts[1]), let day = digits(parts[2]) else { return nil }
        return (year, month, day)
    }

    /// `31-Jan-2009`, `31 Jan 2009`, `31 January 2009`, `1-Sept-09`: a day, a month's name or
    /// its first three letters (`CivilDate.month(named:)`), a four- or two-digit year.
    private static func namedMonthDate(_ text: Substring) -> (year: Int, month: Int, day: Int)? {
        let separator: Character = text.contains("-") ? "-" : " "
        let parts = text.split(separator: separator, omittingEmptySubsequences: true)
        guard parts.count == 3, (1...2).contains(parts[0].count), parts[2].count == 4 || parts[2].count == 2,
              let day = digits(parts[0]), let month = CivilDate.month(named: parts[1]),
              let year = digits(parts[2]) else { return nil }
        return (parts[2].count == 2 ? century(ofTwoDigitYear: year) : year, month, day)
    }

    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }
}
