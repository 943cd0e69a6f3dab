/// The result of a chi-square test of independence on an r × c table of counts, with what a
/// careful reader needs to judge it: the expected counts and how many are small.
///
/// Rows and columns that are all zero are dropped before the test; `keptRows`/`keptColumns`
/// and `droppedRows`/`droppedColumns` give their indices in the table as passed, and
/// `expectedCounts` is laid out over the kept ones only.
public struct IndependenceTest: Sendable, Equatable {
    /// Pearson's chi-square statistic, Σ (O − E)²/E.
    public var statistic: Double
    /// (r − 1)(c − 1) for the kept rows and columns.
    public var degreesOfFreedom: Int
    /// The upper-tail chi-square p-value of `statistic`.
    public var p: Double
    /// Expected counts under independence, kept rows by kept columns.
    public var expectedCounts: [[Double]]
    /// Indices of the rows tested, in the table as passed.
    public var keptRows: [Int]
    /// Indices of the columns tested, in the table as passed.
    public var keptColumns: [Int]
    /// Indices of the all-zero rows left out.
    public var droppedRows: [Int]
    /// Indices of the all-zero columns left out.
    public var droppedColumns: [Int]
    /// The number of cells tested (kept rows × kept columns).
    public var cellCount: Int
    /// How many expected counts are below 5.
    public var expectedBelowFive: Int
    /// `expectedBelowFive` as a fraction of `cellCount`.
    public var shareExpectedBelowFive: Double
    /// How many expected counts are below 1.
    public var expectedBelowOne: Int
    /// The smallest expected count.
    public var smallestExpectedCount: Double
    /// Set when Cochran's rule is broken (more than 20% of expected counts below 5, or any
    /// below 1), saying how, as a clause: "3 of 6 expected counts (50.0%) are below 5; ...".
    public var warning: String?
}

/// The chi-square test of independence for a table of counts, such as judgement by region.
public enum Independence {
    /// Tests whether the rows and columns of `counts` (rows of equal length, counts ≥ 0) are
    /// independent.
    ///
    /// Method: Pearson 1900; e.g. Agresti 2007, An Introduction to Categorical Data Analysis,
    /// §2.4. After dropping all-zero rows and columns (their expected counts would be 0,
    /// leaving 0/0 terms), E_ij = (row i total)(column j total)/N, X² = Σ (O_ij − E_ij)²/E_ij,
    /// on (r − 1)(c − 1) degrees of freedom, p = Q((r − 1)(c − 1)/2, X²/2). No continuity
    /// correction, so it matches `scipy.stats.chi2_contingency(..., correction=False)`.
    /// The warning follows Cochran 1954 ("Some methods for strengthening the common χ²
    /// tests", Biometrics 10, 417–451): no more than 20% of expected counts below 5 and
    /// none below 1.
    ///
    /// - Throws: `StatisticsError.raggedTable` when rows differ in length,
    ///   `.negativeCount` for a count below 0, `.tooFewCategories` when fewer than two rows
    ///   or two columns are left after dropping (including an empty or all-zero table).
    public static func chiSquareTest(_ counts: [[Int]]) throws(StatisticsError) -> IndependenceTest {
        let columnCount = counts.first?.count ?? 0
        for (index, row) in counts.enumerated() {
            if row.count != columnCount {
                throw .raggedTable(row: index, columns: row.count, expectedColumns: columnCount)
            }
            if let negative = row.first(where: { $0 < 0 }) { throw .negativeCount(negative) }
        }

        let keptRows = counts.indices.filter { counts[$0].contains { $0 != 0 } }
        let keptColumns = (0..<columnCount).filter { column in counts.contains { $0[column] != 0 } }
        guard keptRows.count >= 2, keptColumns.count >= 2 else {
            throw .tooFewCategories(rows: keptRows.count, columns: keptColumns.count)
        }
        let table = keptRows.map { row in keptColumns.map { counts[row][$0] } }
        let expected = TwoProportions.expectedCounts(table)

        var statistic = 0.0
        for (observedRow, expectedRow) in zip(table, expected) {
            for (o, e) in zip(observedRow, expectedRow) {
                statistic += (Double(o) - e) * (Double(o) - e) / e
            }
        }
        let degreesOfFreedom = (keptRows.count - 1) * (keptColumns.count - 1)
        let cells = Array(expected.joined())
        let belowFive = cells.filter { $0 < 5 }.count
        let belowOne = cells.filter { $0 < 1 }.count
        let share = Double(belowFive) / Double(cells.count)
        let smallest = cells.min()!

        return IndependenceTest(
            statistic: statistic,
            degreesOfFreedom: degreesOfFreedom,
            p: Distributions.chiSquareUpperTail(statistic, degreesOfFreedom: degreesOfFreedom),
            expectedCounts: expected,
            keptRows: keptRows, keptColumns: keptColumns,
            droppedRows: counts.indices.filter { !keptRows.contains($0) },
            droppedColumns: (0..<columnCount).filter { !keptColumns.contains($0) },
            cellCount: cells.count,
            expectedBelowFive: belowFive, shareExpectedBelowFive: share,
            expectedBelowOne: belowOne, smallestExpectedCount: smallest,
            warning: cochranWarning(belowFive: belowFive, cells: cells.count, belowOne: belowOne, smallest: smallest))
    }

    /// The clause saying how Cochran's rule is broken, or nil when it is kept.
    private static func cochranWarning(belowFive: Int, cells: Int, belowOne: Int, smallest: Double) -> String? {
        let tooManySmall = belowFive * 5 > cells
        guard tooManySmall || belowOne > 0 else { return nil }
        let smallestText = StatisticsWording.number(smallest, places: 1, against: 1)
        let share = StatisticsWording.percent(Double(belowFive) / Double(cells))
        let problem: String
        switch (tooManySmall, belowOne > 0) {
        case (true, true):
            problem = "\(belowFive) of \(cells) expected counts (\(share)) are below 5, and the smallest is \(smallestText), below 1"
        case (true, false):
            problem = "\(belowFive) of \(cells) expected counts (\(share)) are below 5"
        default:
            problem = "the smallest expected count is \(smallestText), below 1"
        }
        return problem + "; Cochran's rule asks for no more than 20% below 5 and none below 1, "
            + "so this chi-square p-value may be unreliable"
    }
}
