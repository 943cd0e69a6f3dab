/// A period a time series chart is drawn over, read from its labels as the period functions
/// write them (`year_month` 2008-04, `year_quarter` 2008 Q2, `financial_year` 2008-09, `year`
/// 2008), so the chart can put the periods in time order and name the ones with no rows.
enum Period: String, Sendable, CaseIterable {
    case month, quarter, financialYear = "financial year", year

    /// The period a grouping function gives, if it gives one.
    init?(function: ScalarFunction) {
        switch function {
        case .yearMonth: self = .month
        case .yearQuarter: self = .quarter
        case .financialYear: self = .financialYear
        case .year: self = .year
        default: return nil
        }
    }

    /// The period every label is written as, when exactly one fits them all: `2008-09` alone
    /// could be a month or a financial year, and then none is guessed.
    static func of(labels: [String]) -> Period? {
        let fitting = allCases.filter { period in !labels.isEmpty && labels.allSatisfy { period.ordinal($0) != nil } }
        return fitting.count == 1 ? fitting[0] : nil
    }

    /// The period's place in time, counting from year 0 in its own units; nil when `label` is
    /// not written as this period.
    func ordinal(_ label: String) -> Int? {
        let characters = Array(label)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= characters.count, range.allSatisfy({ characters[$0].isASCII && characters[$0].isNumber }) else { return nil }
            return Int(String(characters[range]))
        }
        switch self {
        case .month:
            guard characters.count == 7, characters[4] == "-", let year = number(0..<4), let month = number(5..<7), (1...12).contains(month) else { return nil }
            return year * 12 + month - 1
        case .quarter:
            guard characters.count == 7, label.dropFirst(4).prefix(2) == " Q", let year = number(0..<4), let quarter = number(6..<7),
                  (1...4).contains(quarter) else { return nil }
            return year * 4 + quarter - 1
        case .financialYear:
            guard characters.count == 7, characters[4] == "-", let year = number(0..<4), let next = number(5..<7), next == (year + 1) % 100 else { return nil }
            return year
        case .year:
            guard characters.count == 4, let year = number(0..<4) else { return nil }
            return year
        }
    }

    /// The label of the period at `ordinal`, written as the period function writes it.
    func label(_ ordinal: Int) -> String {
        func padded(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        switch self {
        case .month: return padded(ordinal / 12, 4) + "-" + padded(ordinal % 12 + 1, 2)
        case .quarter: return padded(ordinal / 4, 4) + " Q\(ordinal % 4 + 1)"
        case .financialYear: return padded(ordinal, 4) + "-" + padded((ordinal + 1) % 100, 2)
        case .year: return padded(ordinal, 4)
        }
    }
}
