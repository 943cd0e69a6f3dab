/// Finds the groups of a result that are months or quarters of dates spanning more than a
/// year, for the note `ResultNote.yearsMerged`.
///
/// `month(letter_date)` gives 4 for April 2008 and for April 2009 alike, so their rows land in
/// one group and nothing in the table shows it. The note says so, gives the span of the dates,
/// and names the function that keeps years apart (`year_month`, `year_quarter`).
enum MergedYears {
    /// The notes for a query's `month()` and `quarter()` group keys, from the dates of the
    /// selected rows: only when some month (or quarter) of the year occurs in two years.
    static func notes(for query: BoundQuery, rows: RowSet, compiled: CompiledExpressions) -> [ResultNote] {
        var notes: [ResultNote] = []
        for key in query.groupKeys {
            guard case .function(let function, .column(let index)) = key.expression, function.withYear != nil else { continue }
            // Grouped by the year as well (`group by year(d), quarter(d)`), the groups are apart.
            guard !query.groupKeys.contains(where: { keepsYearsApart($0.expression, column: index) }) else { continue }
            var earliest = Int32.max, latest = Int32.min
            // The earliest and latest dates, over the typed days of the rows (`ColumnMeasures`).
            let dates = ColumnMeasures(column: compiled.table.columns[index], rows: .set(rows))
            if case .date(let first)? = dates.extreme(isMin: true), case .date(let last)? = dates.extreme(isMin: false) {
                (earliest, latest) = (first, last)
            }
            guard earliest <= latest else { continue }
            let a = CivilDate.components(earliest), b = CivilDate.components(latest)
            let spanInMonths = (b.year * 12 + b.month) - (a.year * 12 + a.month)
            let spanInQuarters = (b.year * 4 + (b.month - 1) / 3) - (a.year * 4 + (a.month - 1) / 3)
            guard function == .quarter ? spanInQuarters >= 4 : spanInMonths >= 12 else { continue }
            let note = ResultNote.yearsMerged(function: function, column: query.dataset.table.columns[index].name,
                                              first: CalendarMonth(year: a.year, month: a.month),
                                              last: CalendarMonth(year: b.year, month: b.month))
            if !notes.contains(note) { notes.append(note) }
        }
        return notes
    }

    /// Whether a group key tells the years of a date column apart: the date itself, or its
    /// year, financial year, year and month, or year and quarter.
    private static func keepsYearsApart(_ key: BoundExpression, column: Int) -> Bool {
        switch key {
        case .column(let index): return index == column
        case .function(let function, .column(let index)):
            return index == column && [.year, .financialYear, .yearMonth, .yearQuarter].contains(function)
        default: return false
        }
    }
}

/// A month of a year, as a note names it: "April 2008".
public struct CalendarMonth: Sendable, Equatable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public var description: String { "\(CivilDate.monthName(month)) \(year)" }
}
