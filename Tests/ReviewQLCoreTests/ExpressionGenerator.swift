@testable import ReviewQLCore

/// The random cross-check's arithmetic and dates (issue 18): expressions over the source's
/// numbers and dates, with missing values and zeros among them (so division by zero), in
/// `list`, `where`, `group by`, and between measures with a name used in `having` and `order by`.
extension QueryGenerator {
    /// A numeric (or date-difference) expression over the source's columns; nil when it has
    /// neither numbers nor dates.
    mutating func arithmetic(_ source: Source) -> String? {
        let numbers = source.table.columns.filter { $0.type.isNumeric }.map(\.name)
        let dates = source.table.columns.filter { $0.type == .date }.map(\.name)
        if !dates.isEmpty, numbers.isEmpty || random.chance(35) {
            let date = random.pick(dates)
            let day = CivilDate.iso(Int32(13_900 + random.below(900)))
            switch random.below(5) {
            case 0: return "days between \(day) and \(date)"
            case 1: return "months between \(date) and \(day)"
            case 2: return "years between 2000-02-29 and \(date)"
            case 3: return "\(date) - \(day)"
            default: return "(\(date) + \(random.below(400) - 200)) - \(day)"
            }
        }
        guard !numbers.isEmpty else { return nil }
        let a = random.pick(numbers), b = random.pick(numbers)
        switch random.below(7) {
        case 0: return "\(a) + \(b)"
        case 1: return "\(a) - \(random.below(10))"
        case 2: return "\(a) * \(b)"
        case 3: return "\(a) / \(b)"
        case 4: return "round(\(a) / 7, \(random.below(3)))"
        case 5: return "-\(a) * (\(b) + 1)"
        default: return "(\(a) + 1) / (\(b) - 3) * 100"
        }
    }

    /// A measure worked out from others, named, with what to say about it in `having`.
    mutating func computedMeasure(_ source: Source) -> String? {
        let numbers = source.table.columns.filter { $0.type.isNumeric }.map(\.name)
        guard !numbers.isEmpty else { return nil }
        let a = random.pick(numbers), b = random.pick(numbers)
        switch random.below(4) {
        case 0: return "sum \(a) / count * 100 as rate"
        case 1: return "sum \(a) - sum \(b) as rate"
        case 2: return "round(average \(a) * 2, 1) as rate"
        default: return "max \(a) / (min \(b) - 1) as rate"
        }
    }
}
