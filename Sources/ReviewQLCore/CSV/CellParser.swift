/// The rules that decide what a CSV cell is: an integer, a decimal, a date, a yes/no, or text.
///
/// Every parser here reads the cell's bytes in place (no `String` per cell) and expects them
/// already trimmed of surrounding spaces and tabs (see `trimmed`). The rules (how a column's
/// type follows from its cells' is `ColumnKind`'s):
///
/// - integer: an optional `+` or `-`, then digits, fitting `Int64`. A leading zero makes it a
///   code, not a number (`007`, `01234` stay text so they keep their zeros); `0` itself is 0.
///   Digits too large for `Int64` are text too: such long digit strings are identifiers, and
///   a `Double` would silently change their last digits.
/// - decimal: an integer part as above, a `.`, then at least one digit (`-12.50`, `0.5`);
///   or an integer part, with or without such a fraction, then `e` or `E`, an optional sign
///   and at least one digit (`1e-08`, `2.5E+3`, `-1.2e5`), which is how programs write very
///   small and very large numbers. No thousands separators here (`1,234` is text to this
///   parser; a column of such numbers is read once the file is, by `WrittenValues`), no bare `.5`
///   or `5.`. A decimal too large for a `Double` (`1e999`, 401 digits) reads as infinity,
///   which the reader reports as an error once the column is known to hold numbers.
///   (Underflow is not an error: `1e-999` reads as 0, the nearest `Double`.)
/// - date: ISO `yyyy-mm-dd` or UK `dd/mm/yyyy`, exactly as `CivilDate.parse` reads them; never
///   month-first here, so `04/23/2009` names no month 23 (the reader then lets `WrittenValues`
///   decide the column's order from all its values, as it does for other written forms).
/// - boolean: `yes`, `no`, `true`, `false`, in any letter case.
enum CellParser {
    /// The cell without surrounding ASCII spaces and tabs.
    @inline(__always)
    static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = cell.count
        while start < end, cell[start] == CSVByte.space || cell[start] == CSVByte.tab { start += 1 }
        while end > start, cell[end - 1] == CSVByte.space || cell[end - 1] == CSVByte.tab { end -= 1 }
        if start == 0 && end == cell.count { return cell }
        return UnsafeBufferPointer(rebasing: cell[start..<end])
    }

    /// The shape of a number: where its sign, integer digits and fraction digits are.
    private struct NumberShape {
        var negative: Bool
        var integerDigits: Range<Int>
        /// nil for an integer.
        var fractionDigits: Range<Int>?
        /// Whether an exponent (`e-08`) follows: then it is a decimal, never an integer.
        var hasExponent = false
    }

    /// Reads sign, digits and an optional fraction; nil when the cell is not number-shaped
    /// or has a leading zero.
    @inline(__always)
    private static func numberShape(_ cell: UnsafeBufferPointer<UInt8>) -> NumberShape? {
        var index = 0
        let count = cell.count
        var negative = false
        if count > 0, cell[0] == CSVByte.minus || cell[0] == CSVByte.plus {
            negative = cell[0] == CSVByte.minus
            index = 1
        }
        let integerStart = index
        while index < count, CSVByte.isDigit(cell[index]) { index += 1 }
        let integerDigits = integerStart..<index
        guard !integerDigits.isEmpty else { return nil }
        if integerDigits.count > 1, cell[integerStart] == CSVByte.zero { return nil }
        if index == count { return NumberShape(negative: negative, integerDigits: integerDigits, fractionDigits: nil) }
        var fractionDigits: Range<Int>?
        if cell[index] == CSVByte.period {
            index += 1
            let fractionStart = index
            while index < count, CSVByte.isDigit(cell[index]) { index += 1 }
            guard index > fractionStart else { return nil }
            fractionDigits = fractionStart..<index
        }
        var shape = NumberShape(negative: negative, integerDigits: integerDigits, fractionDigits: fractionDigits)
        if index < count {
            guard isExponent(cell, from: index) else { return nil }
            shape.hasExponent = true
        }
        return shape
    }

    /// Whether the rest of the cell from `index` is an exponent: `e` or `E`, an optional sign,
    /// then one or more digits.
    private static func isExponent(_ cell: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard cell[start] | 0x20 == UInt8(ascii: "e") else { return false }
        var index = start + 1
        if index < cell.count, cell[index] == CSVByte.minus || cell[index] == CSVByte.plus { index += 1 }
        let digitsStart = index
        while index < cell.count, CSVByte.isDigit(cell[index]) { index += 1 }
        return index == cell.count && index > digitsStart
    }

    /// The integer in a trimmed cell, or nil when it is not one.
    @inline(__always)
    static func integer(_ cell: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let shape = numberShape(cell), shape.fractionDigits == nil, !shape.hasExponent else { return nil }
        return integerValue(cell, shape)
    }

    private static func integerValue(_ cell: UnsafeBufferPointer<UInt8>, _ shape: NumberShape) -> Int64? {
        // Up to 18 digits cannot overflow, which keeps the common case free of overflow checks.
        if shape.integerDigits.count <= 18 {
            var value: Int64 = 0
            for index in shape.integerDigits { value = value &* 10 &+ Int64(cell[index] &- CSVByte.zero) }
            return shape.negative ? -value : value
        }
        // Accumulate downwards so that Int64.min, whose magnitude has no positive Int64, fits.
        var value: Int64 = 0
        for index in shape.integerDigits {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(Int64(cell[index] &- CSVByte.zero))
            if overflow1 || overflow2 { return nil }
            value = next
        }
        if shape.negative { return value }
        return value == .min ? nil : -value
    }

    /// The number (integer or decimal) in a trimmed cell, or nil when it is neither.
    @inline(__always)
    static func decimal(_ cell: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let shape = numberShape(cell) else { return nil }
        guard shape.fractionDigits != nil || shape.hasExponent else { return integerValue(cell, shape).map(Double.init) }
        let fraction = shape.fractionDigits ?? shape.integerDigits.upperBound..<shape.integerDigits.upperBound
        let digitCount = shape.integerDigits.count + fraction.count
        // Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22 are both
        // exact doubles, so one IEEE division gives the correctly rounded result.
        if digitCount <= 15 && fraction.count <= 22 && !shape.hasExponent {
            var mantissa: Int64 = 0
            for index in shape.integerDigits { mantissa = mantissa &* 10 &+ Int64(cell[index] &- CSVByte.zero) }
            for index in fraction { mantissa = mantissa &* 10 &+ Int64(cell[index] &- CSVByte.zero) }
            let value = Double(mantissa) / exactPowersOfTen[fraction.count]
            return shape.negative ? -value : value
        }
        // Rare: long decimals and exponents go through the standard library's correctly
        // rounded parser, which gives infinity for a value beyond the largest `Double`.
        return Double(String(decoding: cell, as: UTF8.self))
    }

    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// What a trimmed cell is as a date.
    enum DateReading: Equatable {
        case notADate
        /// Shaped like a date but naming no real day; `reason` says why, for the error.
        case impossible(reason: String)
        case date(Int32)
    }

    /// Reads `yyyy-mm-dd` or `dd/mm/yyyy`, with the same rules as `CivilDate.parse`.
    @inline(__always)
    static func date(_ cell: UnsafeBufferPointer<UInt8>) -> DateReading {
        guard cell.count == 10 else { return .notADate }
        let year: Int, month: Int, day: Int
        if cell[4] == CSVByte.hyphen, cell[7] == CSVByte.hyphen,
           let y = digits(cell, 0, 4), let m = digits(cell, 5, 2), let d = digits(cell, 8, 2) {
            (year, month, day) = (y, m, d)
        } else if cell[2] == CSVByte.slash, cell[5] == CSVByte.slash,
                  let d = digits(cell, 0, 2), let m = digits(cell, 3, 2), let y = digits(cell, 6, 4) {
            (year, month, day) = (y, m, d)
        } else {
            return .notADate
        }
        if let dayNumber = CivilDate.dayNumber(year: year, month: month, day: day) { return .date(dayNumber) }
        return .impossible(reason: impossibleDateReason(year: year, month: month, day: day))
    }

    /// The day number of a 10-byte cell that is a real date (either form) in the years 1900 to
    /// 2099; nil for anything else, which `date` then decides. The fast reader's shortcut: the
    /// cell read as two words, its eight digits and two separators checked all at once, no
    /// loops and no division, and exactly `date`'s answer where it gives one.
    ///
    /// Reads 16 bytes from the cell's start, so they must all be readable (the fast reader's
    /// window keeps padding after its end for this).
    @inline(__always)
    static func plainDate(_ cell: UnsafeBufferPointer<UInt8>, monthStarts: UnsafePointer<Int32>) -> Int32? {
        guard cell.count == 10 else { return nil }
        let raw = UnsafeRawPointer(cell.baseAddress!)
        let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let last = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & 0xFFFF
        // Which bytes of the first word hold digits, and which separators, in each form.
        let isUK = first & 0x0000_FF00_00FF_0000 == 0x0000_2F00_002F_0000  // dd/mm/yyyy
        let isISO = first & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000  // yyyy-mm-dd
        guard isUK || isISO else { return nil }
        let digitBytes: UInt64 = isUK ? 0xFFFF_00FF_FF00_FFFF : 0x00FF_FF00_FFFF_FFFF
        // A digit is 0x30 to 0x39: its high nibble is 3, and still is with 6 added (no byte
        // carries into the next: digits and separators are all below 0x40 once the first test
        // passes).
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        guard first & high & digitBytes == 0x3030_3030_3030_3030 & digitBytes, last & 0xF0F0 == 0x3030,
              (first &+ 0x0606_0606_0606_0606) & high & digitBytes == 0x3030_3030_3030_3030 & digitBytes,
              (last &+ 0x0606) & 0xF0F0 == 0x3030 else { return nil }
        @inline(__always) func digit(_ word: UInt64, _ index: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: word &>> (8 &* index)) & 0xF }
        let year: UInt32, month: UInt32, day: UInt32
        if isUK {
            day = digit(first, 0) &* 10 &+ digit(first, 1)
            month = digit(first, 3) &* 10 &+ digit(first, 4)
            year = digit(first, 6) &* 1000 &+ digit(first, 7) &* 100 &+ digit(last, 0) &* 10 &+ digit(last, 1)
        } else {
            year = digit(first, 0) &* 1000 &+ digit(first, 1) &* 100 &+ digit(first, 2) &* 10 &+ digit(first, 3)
            month = digit(first, 5) &* 10 &+ digit(first, 6)
            day = digit(last, 0) &* 10 &+ digit(last, 1)
        }
        guard year >= UInt32(plainDateFirstYear), year < UInt32(plainDateFirstYear + plainDateYears),
              month >= 1, month <= 12, day >= 1 else { return nil }
        let index = Int(year &- UInt32(plainDateFirstYear)) &* 12 &+ Int(month) &- 1
        let start = monthStarts[index]
        guard Int32(day) <= monthStarts[index + 1] &- start else { return nil }
        return start &+ Int32(day) &- 1
    }

    static let plainDateFirstYear = 1900
    static let plainDateYears = 200

    /// For `plainDate`: the day number of the first of each month from January 1900 to
    /// January 2100, made with `CivilDate.dayNumber`, so the answers are the same.
    static let monthStarts: [Int32] = (0...plainDateYears * 12).map { index in
        CivilDate.dayNumber(year: plainDateFirstYear + index / 12, month: index % 12 + 1, day: 1)!
    }

    /// `monthStarts` copied once into memory that is never freed, for loops that must not pay
    /// for the array's reference counting. `nonisolated(unsafe)` is safe: it is written once,
    /// when first used (Swift makes that thread-safe), and only read after.
    nonisolated(unsafe) static let monthStartsPointer: UnsafePointer<Int32> = {
        let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: monthStarts.count)
        pointer.initialize(from: monthStarts, count: monthStarts.count)
        return UnsafePointer(pointer)
    }()

    @inline(__always)
    private static func digits(_ cell: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<start + count {
            guard CSVByte.isDigit(cell[index]) else { return nil }
            value = value * 10 + Int(cell[index] &- CSVByte.zero)
        }
        return value
    }

    /// Why a date-shaped value names no real day, in words ("February 2009 has 28 days").
    static func impossibleDateReason(year: Int, month: Int, day: Int) -> String {
        if !(1...12).contains(month) { return "there is no month \(month)" }
        if year == 0 { return "there is no year 0" }
        if day == 0 { return "there is no day 0" }
        return "\(CivilDate.monthName(month)) \(year) has \(CivilDate.daysInMonth(year: year, month: month)) days"
    }

    /// `yes`/`true` or `no`/`false` in any letter case; nil for anything else.
    @inline(__always)
    static func boolean(_ cell: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch cell.count {
        case 2: return matches(cell, "no") ? false : nil
        case 3: return matches(cell, "yes") ? true : nil
        case 4: return matches(cell, "true") ? true : nil
        case 5: return matches(cell, "false") ? false : nil
        default: return nil
        }
    }

    /// Whether the cell spells `lowercaseWord` (ASCII letters only), ignoring letter case.
    @inline(__always)
    private static func matches(_ cell: UnsafeBufferPointer<UInt8>, _ lowercaseWord: StaticString) -> Bool {
        // A static string's bytes live for the whole program.
        let word = UnsafeBufferPointer(start: lowercaseWord.utf8Start, count: lowercaseWord.utf8CodeUnitCount)
        guard word.count == cell.count else { return false }
        for index in 0..<word.count where cell[index] | 0x20 != word[index] { return false }
        return true
    }
}
