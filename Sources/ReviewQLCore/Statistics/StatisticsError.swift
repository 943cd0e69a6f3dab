/// Why a statistic could not be computed: the inputs a caller passed, as data. The wording for
/// people lives with the renderer that reports it, not here.
public enum StatisticsError: Error, Equatable, Sendable {
    /// A proportion out of zero cases has no estimate and no interval.
    case noTrials
    /// A count below zero.
    case negativeCount(Int)
    /// More successes than trials.
    case successesExceedTrials(successes: Int, trials: Int)
    /// A confidence level outside the open interval (0, 1).
    case confidenceOutOfRange(Double)
    /// A table whose rows are not all the same length (`row` is the first one that differs).
    case raggedTable(row: Int, columns: Int, expectedColumns: Int)
    /// Fewer than two rows or two columns left once all-zero rows and columns are dropped, so
    /// there is nothing to test (`rows` and `columns` count what was left).
    case tooFewCategories(rows: Int, columns: Int)
    /// A count too large to add up exactly (over 2⁵³, where whole numbers stop being exact in
    /// the arithmetic of the tests).
    case countTooLarge(Int)
    /// Fisher's exact test is needed (an expected count below 5) but would add up `tables`
    /// tables, more than `TwoProportions.maximumExactTables`.
    case tooManyTablesForExactTest(tables: Int)
}
