/// Turns values into text, the same way everywhere: numbers without Foundation's locale, dates
/// ISO, missing as empty (machine formats) or a marker (tables people read).
public enum ValueFormatter {
    /// The marker shown for a missing value in tables people read.
    public static let missingMarker = "·"

    /// Text for machine formats: missing is empty, dates ISO, booleans Yes/No.
    public static func plain(_ value: Value) -> String {
        switch value {
        case .missing: return ""
        case .integer(let i): return String(i)
        case .decimal(let d): return decimal(d)
        case .date(let d): return CivilDate.iso(d)
        case .boolean(let b): return b ? "Yes" : "No"
        case .text(let t): return t
        }
    }

    /// A value of a column written with a unit (`34%`, `£1,200`), as written; numbers with a
    /// `£` get thousands separators back.
    public static func plain(_ value: Value, unit: NumberUnit?) -> String {
        guard let unit, let number = value.number else { return plain(value) }
        var text = plain(value)
        // Pence as people write them (£950.50), unless that would round the amount.
        if unit == .pounds, number != number.rounded(), Double(fixed(number, decimals: 2)) == number {
            text = fixed(number, decimals: 2)
        }
        return unit.written(unit == .pounds ? grouped(text) : text)
    }

    /// A number's text with commas between groups of three digits before the point.
    static func grouped(_ number: String) -> String {
        let sign = number.hasPrefix("-") ? "-" : ""
        let unsigned = number.dropFirst(sign.count)
        let whole = unsigned.prefix { $0 != "." }
        guard whole.count > 3, whole.allSatisfy(\.isNumber) else { return number }
        var digits = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { digits.append(",") }
            digits.append(digit)
        }
        return sign + digits + unsigned.dropFirst(whole.count)
    }

    /// Text for tables people read: like `plain`, with missing shown as a marker.
    public static func display(_ value: Value, decimals: Int? = nil) -> String {
        switch value {
        case .missing: return missingMarker
        case .decimal(let d) where decimals != nil: return fixed(d, decimals: decimals!)
        default: return TextSafety.escaped(plain(value))
        }
    }

    /// A decimal in its shortest exact form, without a trailing ".0" for whole numbers
    /// below 2^53 (so 2.0 prints as 2, 2.5 as 2.5).
    public static func decimal(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == d.rounded(), abs(d) < 9_007_199_254_740_992 { return String(Int64(d)) }
        return String(d)
    }

    /// A number with exactly `decimals` digits after the point, rounded half away from zero.
    public static func fixed(_ d: Double, decimals: Int) -> String {
        if !d.isFinite { return decimal(d) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(d) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e18 else { return String(d) }
        let whole = Int64(scaled)
        var digits = String(whole)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (d < 0 && whole != 0 ? "-" : "") + digits
    }
}
