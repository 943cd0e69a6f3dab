#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Two proportions compared every way a reader of review statistics is likely to meet: the
/// difference with its interval, the z and chi-square tests, and Fisher's exact test, with
/// which of them to read and why.
///
/// The 2 × 2 table behind it has the first group in row 0 and the second in row 1, successes
/// in column 0 and the rest in column 1: [[x₁, n₁ − x₁], [x₂, n₂ − x₂]].
public struct TwoProportionComparison: Sendable, Equatable {
    /// The test whose p-value the comparison should be read from.
    public enum Test: Sendable, Equatable {
        /// Pearson's chi-square test, the same test as the pooled two-proportion z test.
        case chiSquare
        /// Fisher's exact test, for when an expected count is below 5.
        case fisherExact
    }

    /// The first proportion, x₁/n₁, with its Wilson interval.
    public var first: ProportionInterval
    /// The second proportion, x₂/n₂, with its Wilson interval.
    public var second: ProportionInterval
    /// The confidence level of every interval here, as a fraction (0.95).
    public var confidence: Double
    /// p₁ − p₂, as a fraction (0.059 is 5.9 percentage points).
    public var difference: Double
    /// The lower limit of Newcombe's hybrid score interval for p₁ − p₂.
    public var differenceLower: Double
    /// The upper limit of Newcombe's hybrid score interval for p₁ − p₂.
    public var differenceUpper: Double
    /// The pooled two-proportion z statistic (positive when p₁ > p₂).
    public var z: Double
    /// The two-sided p-value of `z`.
    public var zTestP: Double
    /// Pearson's chi-square statistic for the 2 × 2 table, without continuity correction
    /// (equal to z²), on 1 degree of freedom.
    public var chiSquare: Double
    /// The p-value of `chiSquare` (equal to `zTestP`).
    public var chiSquareP: Double
    /// The expected counts under "no difference", laid out as the table: rows are the groups,
    /// columns are successes and the rest.
    public var expectedCounts: [[Double]]
    /// The smallest of `expectedCounts`.
    public var smallestExpectedCount: Double
    /// The two-sided p-value of Fisher's exact test.
    public var fisherP: Double
    /// The test to read: Fisher's exact test when an expected count is below 5, otherwise the
    /// chi-square (equivalently, z) test.
    public var recommendedTest: Test
    /// Why `recommendedTest` was chosen, as a clause: "an expected count is 3.2, below 5, so
    /// Fisher's exact test is used".
    public var recommendationReason: String

    /// The p-value of `recommendedTest`.
    public var p: Double { recommendedTest == .fisherExact ? fisherP : chiSquareP }

    /// Whether the numbers are small enough to say so when reading the result out: either
    /// group has fewer than 30 cases, or an expected count is below 5.
    public var hasSmallNumbers: Bool {
        min(first.trials, second.trials) < 30 || recommendedTest == .fisherExact
    }
}

/// Comparisons of two independent proportions, such as the share of reviews judged
/// inadequate in one year against another.
public enum TwoProportions {
    /// Compares x₁/n₁ (`firstSuccesses` of `firstTrials`) with x₂/n₂.
    ///
    /// Methods:
    /// - Difference p₁ − p₂ with Newcombe's hybrid score interval (Newcombe 1998,
    ///   "Interval estimation for the difference between independent proportions",
    ///   Statistics in Medicine 17, 873–890, method 10): from the Wilson limits lᵢ, uᵢ of each
    ///   proportion, L = d − √((p₁ − l₁)² + (u₂ − p₂)²) and U = d + √((u₁ − p₁)² + (p₂ − l₂)²).
    /// - Pooled z test: z = (p₁ − p₂) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)), p̄ = (x₁ + x₂)/(n₁ + n₂),
    ///   two-sided p = erfc(|z|/√2) (e.g. Altman 1991, Practical Statistics for Medical
    ///   Research, §10.7).
    /// - Pearson's chi-square (Pearson 1900): Σ (O − E)²/E over the four cells, with
    ///   E = row total × column total / N and no continuity correction, so it equals z²;
    ///   p from the chi-square distribution on 1 degree of freedom.
    /// - Fisher's exact test (Fisher 1935): see `fisherExactP(_:_:_:_:)`.
    /// - Which to read: Fisher's when any expected count is below 5, as Cochran 1954
    ///   advises for a 2 × 2 table; otherwise the chi-square test.
    ///
    /// When every case is a success, or none is, the table's margins allow only the observed
    /// arrangement: z and chi-square are then reported as 0 and their p-values as 1.
    ///
    /// - Throws: `StatisticsError.noTrials` when either group has no cases, or as
    ///   `Proportion.wilson` for bad counts or confidence.
    public static func compare(
        firstSuccesses: Int, firstTrials: Int,
        secondSuccesses: Int, secondTrials: Int,
        confidence: Double = 0.95
    ) throws(StatisticsError) -> TwoProportionComparison {
        let first = try Proportion.wilson(successes: firstSuccesses, trials: firstTrials, confidence: confidence)
        let second = try Proportion.wilson(successes: secondSuccesses, trials: secondTrials, confidence: confidence)
        let (p1, p2) = (first.estimate, second.estimate)
        let difference = p1 - p2
        let lower = difference - ((p1 - first.lower) * (p1 - first.lower)
            + (second.upper - p2) * (second.upper - p2)).squareRoot()
        let upper = difference + ((first.upper - p1) * (first.upper - p1)
            + (p2 - second.lower) * (p2 - second.lower)).squareRoot()

        let observed = [
            [firstSuccesses, firstTrials - firstSuccesses],
            [secondSuccesses, secondTrials - secondSuccesses],
        ]
        let expected = expectedCounts(observed)
        let smallest = expected.joined().min()!
        let degenerate = expected.joined().contains(0)

        let n1 = Double(firstTrials), n2 = Double(secondTrials)
        let pooled = Double(firstSuccesses + secondSuccesses) / (n1 + n2)
        let z = degenerate ? 0 : difference / (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        var chiSquare = 0.0
        if !degenerate {
            for (observedRow, expectedRow) in zip(observed, expected) {
                for (o, e) in zip(observedRow, expectedRow) {
                    chiSquare += (Double(o) - e) * (Double(o) - e) / e
                }
            }
        }

        let useFisher = smallest < 5
        let fisherP = fisherExactP(observed[0][0], observed[0][1], observed[1][0], observed[1][1])
        if useFisher && fisherP.isNaN { throw .tooManyTablesForExactTest(tables: tableCount(observed)) }
        let reason = useFisher
            ? "an expected count is \(StatisticsWording.number(smallest, places: 1, against: 5)), below 5, so Fisher's exact test is used"
            : "every expected count is at least 5 (the smallest is \(StatisticsWording.number(smallest, places: 1, against: 5))), so the chi-square test is used"

        return TwoProportionComparison(
            first: first, second: second, confidence: confidence,
            difference: difference, differenceLower: lower, differenceUpper: upper,
            z: z, zTestP: Distributions.twoSidedP(z: z),
            chiSquare: chiSquare, chiSquareP: Distributions.chiSquareUpperTail(chiSquare, degreesOfFreedom: 1),
            expectedCounts: expected, smallestExpectedCount: smallest,
            fisherP: fisherP,
            recommendedTest: useFisher ? .fisherExact : .chiSquare,
            recommendationReason: reason)
    }

    /// The two-sided p-value of Fisher's exact test for the 2 × 2 table [[a, b], [c, d]]
    /// (counts, none negative).
    ///
    /// Method: Fisher 1935 (The Design of Experiments, §2); two-sided as R's `fisher.test`
    /// does it. With the margins fixed, the top-left count k has the hypergeometric
    /// probability P(k) = C(a+b, k) C(c+d, a+c−k) / C(n, a+c), computed from log-factorials
    /// (`lgamma`); p is the sum of P(k) over every k with P(k) ≤ P(a)·(1 + 10⁻⁷), the small
    /// tolerance keeping tables exactly as likely as the observed one from being lost to
    /// rounding.
    ///
    /// NaN (not computed) when the margins allow more than `maximumExactTables` tables: the
    /// sum would take minutes, and with counts that large the chi-square test is accurate.
    /// Nothing is stored per table, so memory does not grow with the counts.
    public static func fisherExactP(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        let rowTotal = a + b, otherRowTotal = c + d, columnTotal = a + c
        let range = max(0, columnTotal - otherRowTotal)...min(rowTotal, columnTotal)
        guard range.count <= maximumExactTables else { return .nan }
        // Log-probabilities up to a constant, which the normalisation below removes.
        func logWeight(_ k: Int) -> Double {
            -logFactorial(k) - logFactorial(rowTotal - k)
                - logFactorial(columnTotal - k) - logFactorial(otherRowTotal - columnTotal + k)
        }
        // The distribution is unimodal, so its largest weight is at the mode.
        let total = Double(rowTotal) + Double(otherRowTotal)
        let mode = Int(((Double(rowTotal) + 1) * (Double(columnTotal) + 1) / (total + 2)).rounded(.down))
        let largest = max(logWeight(min(max(mode, range.lowerBound), range.upperBound)),
                          logWeight(min(max(mode + 1, range.lowerBound), range.upperBound)))
        let observed = exp(logWeight(a) - largest)
        var sum = 0.0, extreme = 0.0
        for k in range {
            let weight = exp(logWeight(k) - largest)
            sum += weight
            if weight <= observed * (1 + 1e-7) { extreme += weight }
        }
        return min(1, extreme / sum)
    }

    /// The most tables Fisher's exact test adds up (one per possible top-left count).
    public static let maximumExactTables = 2_000_000

    /// How many tables share the margins of `table` (2 × 2).
    static func tableCount(_ table: [[Int]]) -> Int {
        let rowTotal = table[0][0] + table[0][1], otherRowTotal = table[1][0] + table[1][1]
        let columnTotal = table[0][0] + table[1][0]
        return min(rowTotal, columnTotal) - max(0, columnTotal - otherRowTotal) + 1
    }

    /// One sentence a non-statistician can read aloud about `comparison`: whether a
    /// difference this size would often or rarely arise by chance, the p-value of the
    /// recommended test, and the interval for the difference in percentage points; it says
    /// "with such small numbers" when `hasSmallNumbers`. "Rarely" means p below 1 − confidence
    /// (0.05 at 95%), so the sentence and the interval speak at the same level; where the two
    /// disagree, as they can near the line, the sentence calls the evidence borderline.
    public static func plainEnglish(_ comparison: TwoProportionComparison) -> String {
        typealias Words = StatisticsWording
        let alpha = 1 - comparison.confidence
        let p = comparison.p
        let level = Words.level(comparison.confidence)
        let interval = "the \(level) interval for the difference, "
            + "\(points(comparison.differenceLower)) to \(points(comparison.differenceUpper)) percentage points"
        let pText = Words.pValue(p, alpha: alpha)
        let small = comparison.hasSmallNumbers

        // Compared in double width: the counts may be as large as a count can be.
        if comparison.first.successes.multipliedFullWidth(by: comparison.second.trials)
            == comparison.second.successes.multipliedFullWidth(by: comparison.first.trials)
        {
            return "The two proportions are the same (\(Words.percent(comparison.first.estimate)) each), "
                + "so these figures give no sign of a difference; \(interval), shows how large a "
                + "difference they cannot rule out\(small ? " with such small numbers" : "")."
        }

        let shares = "(\(Words.percent(comparison.first.estimate)) against \(Words.percent(comparison.second.estimate)))"
        let excludesZero = comparison.differenceLower > 0 || comparison.differenceUpper < 0
        if p < alpha {
            let opening = small ? "Even with such small numbers, a difference this size" : "A difference this size"
            return "\(opening) \(shares) would rarely arise by chance alone (\(pText)); "
                + (excludesZero
                    ? "\(interval), excludes zero."
                    : "but \(interval), just includes zero, so the evidence is borderline.")
        }
        let opening = small ? "With such small numbers, a difference this size" : "A difference this size"
        let often = p >= 0.2 ? "would often arise by chance" : "could well arise by chance"
        return "\(opening) \(shares) \(often) (\(pText)), so these figures do not show that the two "
            + "proportions differ; "
            + (excludesZero
                ? "\(interval), only just excludes zero, so the evidence is borderline."
                : "\(interval), includes zero.")
    }

    // MARK: - Implementation

    /// Row total × column total / grand total for every cell of a table with a non-zero total.
    static func expectedCounts(_ table: [[Int]]) -> [[Double]] {
        let rowTotals = table.map { Double($0.reduce(0, +)) }
        let columnTotals = table[0].indices.map { column in Double(table.reduce(0) { $0 + $1[column] }) }
        let total = rowTotals.reduce(0, +)
        return rowTotals.map { rowTotal in columnTotals.map { rowTotal * $0 / total } }
    }

    /// log(n!) = lgamma(n + 1).
    private static func logFactorial(_ n: Int) -> Double {
        lgamma(Double(n) + 1)
    }

    /// A difference of proportions in percentage points with one decimal.
    private static func points(_ difference: Double) -> String {
        ValueFormatter.fixed(difference * 100, decimals: 1)
    }
}
