/// A line under a result, as a value: what it says is decided by its case and data, and worded
/// here only. Code that needs to know something about a result (how many groups there were,
/// which counts are hidden) reads the result's fields or these cases, never the words.
public enum ResultNote: Sendable, Equatable {
    /// `list` cut by `limit`.
    case showingRows(shown: Int, of: Int)
    /// A result cut in the handout (`Recorder.maximumRows`), where the screen's `maxrows` has no say.
    case handoutRows(shown: Int, of: Int)
    /// A grouped result cut by `having` or `limit`.
    case showingGroups(shown: Int, of: Int)
    /// Groups tied with the last one shown, left out by `limit` (their labels, and their value).
    case tiesCut(labels: [String], value: String, measure: String, unit: String)
    /// `limit N with ties` kept more than N groups (or rows: `unit`).
    case tiesKept(extra: Int, limit: Int, unit: String)
    /// Rows whose value is missing, left out of a measure; `symbols`: how many of them hold each
    /// official statistics symbol (by `OfficialSymbol` code), `known` the values it is of.
    case leftOut(rows: Int, measure: String, known: Int = 0, symbols: [UInt8: Int] = [:])
    /// The percent column is a share of the rows (or of what a counts column says they stand for).
    case percentOfRows(total: String, noun: String)
    /// The percent column is a share of a column's sum over all groups.
    case percentOfSum(total: String, column: String)
    /// A counted table: each row stands for `column` of something, and counts add them up.
    case weighted(column: String, total: String, rows: Int)
    /// A counted table whose counts are missing in some rows of a group, so its count is unknown.
    case weightMissing(column: String, groups: [String])
    /// A counted table counted by its rows, as asked.
    case countingRows(dataset: String, column: String)
    /// A join that left rows unmatched.
    case unmatched(rows: Int, of: Int, dataset: String, other: String, keys: Int, keyColumn: String)
    /// Why one key of a join matched nothing, when no reorganisation explains it.
    case noMatch(missingKey: Bool, keyColumn: String, other: String)
    /// A join key of an authority that was reorganised (`Reorganisations`): what it became.
    /// `change` is `split`, `merged` or `replaced`; `part`: authorities that took part of its area.
    case reorganised(authority: String, change: String, date: String, became: [String], part: [String])
    /// `with` or `without` another dataset (`other`, with its condition in words) kept `kept`
    /// of the `of` rows, matching `leftColumn` with `rightColumn`.
    case presence(kept: Int, of: Int, dataset: String, other: String, leftColumn: String, rightColumn: String, without: Bool)
    /// Rows whose key is missing match nothing: kept by `without`, left out by `with`.
    case presenceKeyMissing(rows: Int, dataset: String, column: String, other: String, without: Bool)
    /// What a value worked out down the rows means (`with rank` ...), within each `per` group.
    case within(item: WithinItem, measure: String, per: String?, order: String?)
    /// `set suppress below N` hid `cells` cells.
    case suppressed(threshold: Int, cells: Int)
    /// Groups whose hidden counts an `order by` would have ranked: listed last, by label.
    case hiddenNotRanked(groups: Int)
    /// Groups whose hidden counts a `having` condition would have tested: left out.
    case hiddenNotTested(groups: Int)
    /// A statistic left out because it would give a hidden count away.
    case hiddenNoTest(what: String)
    /// A crosstab's layout.
    case crosstabLayout(rows: String, columns: String, cells: String, percentOf: String?)
    /// A proportion of very few rows.
    case fewRows(count: String, noun: String)
    /// Wilson intervals on a grouped proportion, small groups flagged.
    case wilsonGroups(level: String)
    /// Wilson intervals added by `with ci`, each of `base`.
    case wilsonEach(level: String, base: String)
    /// The method of one proportion's interval, with the R call that gives the same.
    case wilsonOne(successes: Int, trials: Int)
    /// What the rows of a comparison are proportions of.
    case proportionsOf(noun: String)
    /// Groups by `month()` or `quarter()` of dates from `first` to `last`, more than a year:
    /// the same month of different years share a group (see `MergedYears`).
    case yearsMerged(function: ScalarFunction, column: String, first: CalendarMonth, last: CalendarMonth)
    /// Any sentence the statistics folder words (tests, differences, plain English).
    case statistic(String)
    /// Under `rate of ... per N COLUMN from DATASET`: how the population was matched.
    case populationRate(PopulationNote)
    /// Arithmetic that gave missing values: `missingOperand` rows (or groups: `unit`) because a
    /// value it needs is missing, `divisionByZero` because it divides by zero.
    case computedMissing(label: String, missingOperand: Int, divisionByZero: Int, unit: String)
    /// A time series chart drew `periods` (their labels) that had no rows, as zero or as gaps.
    case emptyPeriods(periods: [String], unit: String, asZero: Bool)
    /// A grouped or stacked chart drew combinations of its two groups that had no rows as zero.
    case emptyCombinations(count: Int, first: String, second: String)

    /// The note in words.
    public var text: String {
        switch self {
        case .computedMissing(let label, let missingOperand, let divisionByZero, let unit):
            func count(_ n: Int) -> String { n == 1 ? "1 \(unit)" : "\(n) \(unit)s" }
            var causes: [String] = []
            if missingOperand > 0 { causes.append("\(count(missingOperand)) where a value it needs is missing") }
            if divisionByZero > 0 { causes.append("\(count(divisionByZero)) where it divides by zero") }
            return "\(label) is missing for " + causes.joined(separator: " and ")
        case .emptyPeriods(let periods, let unit, let asZero):
            let shown = periods.prefix(6).joined(separator: ", ") + (periods.count > 6 ? " and \(periods.count - 6) more" : "")
            return "\(periods.count) \(unit)\(periods.count == 1 ? "" : "s") with no rows drawn "
                + (asZero ? "as zero" : "as a gap (nothing to measure)") + ": " + shown
        case .emptyCombinations(let count, let first, let second):
            return "\(count) combination\(count == 1 ? "" : "s") of \(first) and \(second) with no rows drawn as zero"
        case .showingRows(let shown, let of): return "showing \(shown) of \(of) rows"
        case .showingGroups(let shown, let of): return "showing \(shown) of \(of) groups"
        case .handoutRows(let shown, let of): return "the first \(shown) of \(of) rows are shown here; save last to a file to keep them all"
        case .tiesCut(let labels, let value, let measure, let unit):
            let names = labels.prefix(5).joined(separator: ", ") + (labels.count > 5 ? " and \(labels.count - 5) more" : "")
            return "\(labels.count == 1 ? "1 more \(unit) ties" : "\(labels.count) more \(unit)s tie") with the last one shown"
                + " (\(measure) \(value)) and \(labels.count == 1 ? "is" : "are") not shown: \(names); `limit ... with ties` keeps them"
        case .tiesKept(let extra, let limit, let unit):
            return "\(extra) \(unit)\(extra == 1 ? "" : "s") beyond the limit of \(limit) kept, tied with the last"
        case .leftOut(let rows, let measure, let known, let symbols) where !symbols.isEmpty:
            let empty = rows - symbols.values.reduce(0, +)
            return "\(measure) is of \(known) known value\(known == 1 ? "" : "s"); left out: \(OfficialSymbol.counted(symbols))"
                + (empty > 0 ? ", \(empty) with no value" : "")
        case .leftOut(let rows, let measure, _, _):
            return "\(rows) row\(rows == 1 ? "" : "s") with no value \(rows == 1 ? "is" : "are") left out of \(measure)"
        case .percentOfRows(let total, let noun): return "percent of \(total) \(noun)"
        case .percentOfSum(let total, let column): return "percent of \(total), the sum of \(column) in all groups"
        case .weighted(let column, let total, let rows):
            return "counts are the \(column) column: \(total) \(column) in \(rows) row\(rows == 1 ? "" : "s")"
        case .weightMissing(let column, let groups):
            guard !groups.isEmpty else { return "no count: the \(column) column is missing in some of the rows counted" }
            return "no count for \(groups.joined(separator: ", ")): the \(column) column is missing in some of \(groups.count == 1 ? "its" : "their") rows"
        case .countingRows(let dataset, let column):
            return "counting the rows of \(dataset), not the \(column) they stand for (count \(dataset) adds up \(column))"
        case .unmatched(let rows, let of, let dataset, let other, let keys, let keyColumn):
            return "\(rows) of \(of) \(dataset) rows found no match in \(other) (\(keys) \(keyColumn) value\(keys == 1 ? "" : "s"));"
                + " they are kept, with the columns of \(other) missing"
        case .noMatch(let missingKey, let keyColumn, let other):
            return missingKey ? "these rows have no \(keyColumn), so they match nothing in \(other)"
                : "no row of \(other) has this \(keyColumn), and no reorganisation of an authority is recorded for it"
        case .reorganised(let authority, let change, let date, let became, let part):
            func list(_ names: [String]) -> String {
                names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
            }
            let how = change == "split" ? "split on \(date) into" : change == "merged" ? "merged on \(date) into" : "replaced on \(date) by"
            return "\(authority): \(how) \(list(became))" + (part.isEmpty ? "" : ", part of its area going to \(list(part))")
        case .presence(let kept, let of, let dataset, let other, let leftColumn, let rightColumn, let without):
            return "\(kept) of \(of) \(dataset) \(kept == 1 ? "has" : "have") \(without ? "no" : "a") matching row in \(other)"
                + " (\(leftColumn) = \(rightColumn), ignoring case and spaces)"
        case .presenceKeyMissing(let rows, let dataset, let column, let other, let without):
            return "\(rows) \(dataset) row\(rows == 1 ? " has" : "s have") no \(column), so \(rows == 1 ? "it matches" : "they match") nothing in \(other)"
                + (without ? " and \(rows == 1 ? "is" : "are") counted as without a match" : " and \(rows == 1 ? "is" : "are") left out")
        case .within(let item, let measure, let per, let order):
            let within = per.map { ", within each \($0)" } ?? ""
            switch item {
            case .rank:
                return "rank: 1 for the first row by \(order ?? "the order shown")\(within); rows that tie share a rank (1, 2, 2, 4)"
            case .runningTotal:
                return "running total: \(measure) added up down the rows\(within); a missing \(measure) leaves it missing from there on"
            case .cumulativePercent:
                return "cumulative percent: the running total of \(measure) as a percent of \(measure) over every row counted\(per.map { " in each \($0)" } ?? "")"
            case .change:
                return "change: each row's \(measure) minus the row above's\(within) (the first has none); a change in a percent is in percentage points"
            }
        case .suppressed(let threshold, let cells):
            return "counts from 1 to \(threshold - 1) are hidden as \(Suppression.marker), with any cell that would give one away"
                + " (\(cells) cell\(cells == 1 ? "" : "s") hidden)"
        case .hiddenNotRanked(let groups):
            return "\(groups) group\(groups == 1 ? "" : "s") with hidden counts \(groups == 1 ? "is" : "are") listed last, in label order, not by \(groups == 1 ? "its" : "their") hidden value"
        case .hiddenNotTested(let groups):
            return "\(groups) group\(groups == 1 ? "" : "s") with hidden counts \(groups == 1 ? "is" : "are") left out: `having` cannot test a hidden count"
        case .hiddenNoTest(let what): return "not shown, since it could give hidden counts away: \(what)"
        case .crosstabLayout(let rows, let columns, let cells, let percentOf):
            return "rows: \(rows); columns: \(columns); cells: \(cells)" + (percentOf.map { ", as a percent of each \($0)'s total" } ?? "")
        case .fewRows(let count, let noun):
            return "with only \(count) \(noun), the interval is very wide: the percent means little on its own"
        case .wilsonGroups(let level):
            return "\(level) confidence intervals: \(StatisticsWording.wilsonMethod) (\(StatisticsWording.wilsonInR)); a group of fewer than 10 is flagged, since its interval is too wide for the percent to mean much"
        case .wilsonEach(let level, let base):
            return "\(level) confidence intervals: \(StatisticsWording.wilsonMethod) (\(StatisticsWording.wilsonInR)), each of the \(base) counted"
        case .wilsonOne(let successes, let trials):
            return "the interval: \(StatisticsWording.wilsonMethod) (R: prop.test(\(successes), \(trials), correct = FALSE)$conf.int)"
        case .proportionsOf(let noun): return "proportions of \(noun) in each group"
        case .yearsMerged(let function, let column, let first, let last):
            return "\(function.rawValue)() puts the same \(function == .quarter ? "quarter" : "month") of different years together:"
                + " the dates run from \(first) to \(last); \((function.withYear ?? .yearMonth).rawValue)(\(column)) keeps them apart"
        case .statistic(let sentence): return sentence
        case .populationRate(let note): return note.text
        }
    }
}
