#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Today's date from the C library, for the date on a handout.
enum Today {
    /// Today (UTC) as `2026-12-01`.
    static func iso() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        guard let day = CivilDate.dayNumber(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1,
                                            day: Int(parts.tm_mday)) else { return "" }
        return CivilDate.iso(day)
    }
}
