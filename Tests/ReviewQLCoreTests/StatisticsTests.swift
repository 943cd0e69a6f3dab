import Testing
@testable import ReviewQLCore

/// The statistics core, checked against numbers computed independently: SciPy 1.17 and
/// statsmodels 0.15 (the Python that produced each block is in the comment above it, so the
/// numbers can be regenerated), and Newcombe's 1998 worked examples. Most values are checked to
/// 1e-12; figures as a reader sees them are also checked after rounding.
@Suite struct StatisticsTests {
    // MARK: - Normal distribution

    struct QuantileCase: Sendable, CustomTestStringConvertible {
        var p: Double
        var z: Double
        var testDescription: String { "Φ⁻¹(\(p))" }
    }

    // from scipy import stats
    // stats.norm.ppf([0.975, 0.995, 0.95, 0.5, 0.025, 0.9, 0.001, 1e-10, 1e-20, 1 - 1e-12])
    static let quantiles: [QuantileCase] = [
        QuantileCase(p: 0.975, z: 1.959963984540054),
        QuantileCase(p: 0.995, z: 2.5758293035489004),
        QuantileCase(p: 0.95, z: 1.6448536269514722),
        QuantileCase(p: 0.5, z: 0),
        QuantileCase(p: 0.025, z: -1.9599639845400545),
        QuantileCase(p: 0.9, z: 1.2815515655446004),
        QuantileCase(p: 0.001, z: -3.090232306167813),
        QuantileCase(p: 1e-10, z: -6.361340902404056),
        QuantileCase(p: 1e-20, z: -9.262340089798409),
        QuantileCase(p: 1 - 1e-12, z: 7.0344869100478356),
    ]

    @Test(arguments: quantiles)
    func normalQuantile(_ c: QuantileCase) {
        expectClose(Distributions.normalQuantile(c.p), c.z, within: 1e-12 * max(1, abs(c.z)))
    }

    @Test func normalQuantileAtTheTextbookLevels() {
        // Printed in every table of the normal distribution (e.g. Altman 1991, Table B2).
        #expect(ValueFormatter.fixed(Distributions.normalQuantile(0.975), decimals: 6) == "1.959964")
        #expect(ValueFormatter.fixed(Distributions.normalQuantile(0.995), decimals: 6) == "2.575829")
    }

    @Test func normalQuantileOutsideTheUnitInterval() {
        #expect(Distributions.normalQuantile(0) == -.infinity)
        #expect(Distributions.normalQuantile(1) == .infinity)
        #expect(Distributions.normalQuantile(1.5).isNaN)
        #expect(Distributions.normalQuantile(-0.1).isNaN)
    }

    @Test func normalCDF() {
        // stats.norm.cdf([-1.96, 0, 1, -8, 3])
        expectClose(Distributions.normalCDF(-1.96), 0.024997895148220435, within: 1e-15)
        expectClose(Distributions.normalCDF(0), 0.5, within: 1e-15)
        expectClose(Distributions.normalCDF(1), 0.8413447460685429, within: 1e-15)
        expectClose(Distributions.normalCDF(-8), 6.22096057427174e-16, within: 1e-27)
        expectClose(Distributions.normalCDF(3), 0.9986501019683699, within: 1e-15)
    }

    @Test func normalCDFUndoesTheQuantile() {
        for p in [1e-15, 0.001, 0.03, 0.2, 0.5, 0.77, 0.97, 0.999999] {
            expectClose(Distributions.normalCDF(Distributions.normalQuantile(p)), p, within: 1e-13 * p)
        }
    }

    @Test func twoSidedP() {
        // 2 * stats.norm.sf(1.96), 2 * stats.norm.sf(0.5)
        expectClose(Distributions.twoSidedP(z: 1.96), 0.04999579029644087, within: 1e-15)
        expectClose(Distributions.twoSidedP(z: -1.96), 0.04999579029644087, within: 1e-15)
        expectClose(Distributions.twoSidedP(z: 0.5), 0.6170750774519738, within: 1e-15)
        #expect(Distributions.twoSidedP(z: 0) == 1)
    }

    // MARK: - Chi-square distribution

    struct ChiSquareCase: Sendable, CustomTestStringConvertible {
        var x: Double
        var degreesOfFreedom: Int
        var p: Double
        var testDescription: String { "P(χ²\(degreesOfFreedom) ≥ \(x))" }
    }

    // stats.chi2.sf(x, k) for each (x, k) below; both the series (x < k/2 + 1) and the
    // continued fraction are reached.
    static let chiSquareTails: [ChiSquareCase] = [
        ChiSquareCase(x: 3.84, degreesOfFreedom: 1, p: 0.05004352124870519),
        ChiSquareCase(x: 11.07, degreesOfFreedom: 5, p: 0.050009618622405425),
        ChiSquareCase(x: 0.5894, degreesOfFreedom: 1, p: 0.44265122882134755),
        ChiSquareCase(x: 100, degreesOfFreedom: 120, p: 0.907734948041067),
        ChiSquareCase(x: 2.0, degreesOfFreedom: 10, p: 0.9963401531726563),
        ChiSquareCase(x: 30, degreesOfFreedom: 4, p: 4.894437128029217e-06),
        ChiSquareCase(x: 0.001, degreesOfFreedom: 3, p: 0.9999915920809419),
        ChiSquareCase(x: 60, degreesOfFreedom: 1, p: 9.485737571073857e-15),
    ]

    @Test(arguments: chiSquareTails)
    func chiSquareUpperTail(_ c: ChiSquareCase) {
        let p = Distributions.chiSquareUpperTail(c.x, degreesOfFreedom: c.degreesOfFreedom)
        expectClose(p, c.p, within: 1e-11 * c.p)
    }

    @Test func chiSquareAtTheTextbookCriticalValues() {
        // 3.84 and 11.07 are the printed 5% points for 1 and 5 degrees of freedom.
        #expect(ValueFormatter.fixed(Distributions.chiSquareUpperTail(3.84, degreesOfFreedom: 1), decimals: 3) == "0.050")
        #expect(ValueFormatter.fixed(Distributions.chiSquareUpperTail(11.07, degreesOfFreedom: 5), decimals: 3) == "0.050")
        #expect(Distributions.chiSquareUpperTail(0, degreesOfFreedom: 3) == 1)
        #expect(Distributions.chiSquareUpperTail(5, degreesOfFreedom: 0).isNaN)
    }

    // MARK: - Wilson interval

    struct WilsonCase: Sendable, CustomTestStringConvertible {
        var successes: Int
        var trials: Int
        var confidence: Double
        var lower: Double
        var upper: Double
        var testDescription: String { "\(successes) of \(trials) at \(confidence)" }
    }

    // from statsmodels.stats.proportion import proportion_confint
    // proportion_confint(x, n, alpha=1 - confidence, method='wilson')
    static let wilsonIntervals: [WilsonCase] = [
        // The report's figure: 59 of 173 reviews judged inadequate (34.1%).
        WilsonCase(successes: 59, trials: 173, confidence: 0.95, lower: 0.2745385866916626, upper: 0.4144483716450333),
        WilsonCase(successes: 59, trials: 173, confidence: 0.90, lower: 0.2846115809609534, upper: 0.40236471518323047),
        WilsonCase(successes: 59, trials: 173, confidence: 0.99, lower: 0.2556152368216758, upper: 0.43820817365876125),
        // The worked example usually quoted from Newcombe 1998 (Statistics in Medicine 17,
        // 857–872): 81/263 gives 0.2553 to 0.3662, as statsmodels confirms.
        WilsonCase(successes: 81, trials: 263, confidence: 0.95, lower: 0.2552885198782742, upper: 0.36620957698280004),
        WilsonCase(successes: 20, trials: 50, confidence: 0.95, lower: 0.27608389730256544, upper: 0.5381856225241064),
        WilsonCase(successes: 0, trials: 10, confidence: 0.95, lower: 0, upper: 0.2775327998628892),
        WilsonCase(successes: 10, trials: 10, confidence: 0.95, lower: 0.7224672001371107, upper: 1),
        WilsonCase(successes: 1, trials: 1, confidence: 0.95, lower: 0.20654931437723745, upper: 1),
        WilsonCase(successes: 0, trials: 1, confidence: 0.95, lower: 0, upper: 0.7934506856227626),
    ]

    @Test(arguments: wilsonIntervals)
    func wilson(_ c: WilsonCase) throws {
        let interval = try Proportion.wilson(successes: c.successes, trials: c.trials, confidence: c.confidence)
        #expect(interval.estimate == Double(c.successes) / Double(c.trials))
        expectClose(interval.lower, c.lower, within: 1e-12)
        expectClose(interval.upper, c.upper, within: 1e-12)
        #expect(interval.confidence == c.confidence)
    }

    @Test func wilsonForTheReportsInadequateShare() throws {
        // The figure as it will be printed: 34.1%, 27.5% to 41.4% (27.45... rounds up).
        let interval = try Proportion.wilson(successes: 59, trials: 173, confidence: 0.95)
        #expect(ValueFormatter.fixed(interval.estimate * 100, decimals: 1) == "34.1")
        #expect(ValueFormatter.fixed(interval.lower * 100, decimals: 1) == "27.5")
        #expect(ValueFormatter.fixed(interval.upper * 100, decimals: 1) == "41.4")
    }

    @Test func wilsonIsExactAtTheEdges() throws {
        // Rounding must not leave 1e-17 above 0 or below 1: the limits are set exactly.
        for n in [1, 2, 7, 173, 10_000] {
            for confidence in [0.90, 0.95, 0.99] {
                let none = try Proportion.wilson(successes: 0, trials: n, confidence: confidence)
                let all = try Proportion.wilson(successes: n, trials: n, confidence: confidence)
                #expect(none.lower == 0 && none.estimate == 0 && none.upper > 0 && none.upper < 1)
                #expect(all.upper == 1 && all.estimate == 1 && all.lower > 0 && all.lower < 1)
            }
        }
    }

    @Test func wilsonWidensWithConfidence() throws {
        let levels = try [0.90, 0.95, 0.99].map { try Proportion.wilson(successes: 59, trials: 173, confidence: $0) }
        #expect(levels[0].lower > levels[1].lower && levels[1].lower > levels[2].lower)
        #expect(levels[0].upper < levels[1].upper && levels[1].upper < levels[2].upper)
    }

    @Test func wilsonRefusesWhatIsNotAProportion() {
        #expect(throws: StatisticsError.noTrials) { try Proportion.wilson(successes: 0, trials: 0) }
        #expect(throws: StatisticsError.successesExceedTrials(successes: 5, trials: 4)) {
            try Proportion.wilson(successes: 5, trials: 4)
        }
        #expect(throws: StatisticsError.negativeCount(-1)) { try Proportion.wilson(successes: -1, trials: 4) }
        #expect(throws: StatisticsError.confidenceOutOfRange(1)) {
            try Proportion.wilson(successes: 1, trials: 4, confidence: 1)
        }
        #expect(throws: StatisticsError.confidenceOutOfRange(95)) {
            try Proportion.wilson(successes: 1, trials: 4, confidence: 95)
        }
    }

    @Test func criticalValues() throws {
        // stats.norm.ppf([0.95, 0.975, 0.995])
        expectClose(try Proportion.criticalValue(confidence: 0.90), 1.6448536269514722, within: 1e-12)
        expectClose(try Proportion.criticalValue(confidence: 0.95), 1.959963984540054, within: 1e-12)
        expectClose(try Proportion.criticalValue(confidence: 0.99), 2.5758293035489004, within: 1e-12)
    }

    // MARK: - Two proportions

    struct ComparisonCase: Sendable, CustomTestStringConvertible {
        var x1: Int, n1: Int, x2: Int, n2: Int
        var lower: Double, upper: Double
        var z: Double, p: Double, chiSquare: Double
        var expected: [[Double]]
        var fisherP: Double
        var recommended: TwoProportionComparison.Test
        var testDescription: String { "\(x1)/\(n1) against \(x2)/\(n2)" }
    }

    // import numpy as np
    // from scipy import stats
    // from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
    // confint_proportions_2indep(x1, n1, x2, n2, method='newcomb', compare='diff')
    // proportions_ztest([x1, x2], [n1, n2])                      # z, p
    // t = np.array([[x1, n1 - x1], [x2, n2 - x2]])
    // stats.chi2_contingency(t, correction=False)               # chi-square, p, dof, expected
    // stats.fisher_exact(t).pvalue
    static let comparisons: [ComparisonCase] = [
        // The report's years: 20 of 50 reviews inadequate in 2007-08, 59 of 173 in 2008-09.
        ComparisonCase(
            x1: 20, n1: 50, x2: 59, n2: 173,
            lower: -0.08506796550745163, upper: 0.21231456927578948,
            z: 0.767749888772352, p: 0.44263579087989513, chiSquare: 0.5894398917099587,
            expected: [[17.71300448430493, 32.28699551569507], [61.28699551569507, 111.71300448430493]],
            fisherP: 0.5026437962871687, recommended: .chiSquare),
        // The worked example usually quoted from Newcombe 1998 (Statistics in Medicine 17,
        // 873–890): 56/70 − 48/80 = 0.2, hybrid score interval 0.0524 to 0.3339, as statsmodels confirms.
        ComparisonCase(
            x1: 56, n1: 70, x2: 48, n2: 80,
            lower: 0.05243147240236498, upper: 0.33387265403690614,
            z: 2.6501719512585336, p: 0.00804508136819656, chiSquare: 7.023411371237456,
            expected: [[48.53333333333333, 21.466666666666665], [55.46666666666667, 24.533333333333335]],
            fisherP: 0.012521129749209154, recommended: .chiSquare),
        // Tiny expected counts (2.8 to 3.8): Fisher's exact test is the one to read, and here
        // it disagrees with the z test about p < 0.05.
        ComparisonCase(
            x1: 1, n1: 6, x2: 5, n2: 7,
            lower: -0.7927181196949755, upper: -0.01493391167592184,
            z: -1.9744685556112322, p: 0.048328489474242245, chiSquare: 3.8985260770975056,
            expected: [[2.769230769230769, 3.230769230769231], [3.230769230769231, 3.769230769230769]],
            fisherP: 0.10256410256410255, recommended: .fisherExact),
        // Small groups whose smallest expected count, 6.76, still allows the chi-square test.
        ComparisonCase(
            x1: 12, n1: 15, x2: 3, n2: 14,
            lower: 0.22257699562044453, upper: 0.7753949505615093,
            z: 3.1541679584644955, p: 0.0016095642252061412, chiSquare: 9.948775510204081,
            expected: [[7.758620689655173, 7.241379310344827], [7.241379310344827, 6.758620689655173]],
            fisherP: 0.0028143307087426365, recommended: .chiSquare),
    ]

    @Test(arguments: comparisons)
    func compare(_ c: ComparisonCase) throws {
        let result = try TwoProportions.compare(
            firstSuccesses: c.x1, firstTrials: c.n1, secondSuccesses: c.x2, secondTrials: c.n2)
        expectClose(result.difference, Double(c.x1) / Double(c.n1) - Double(c.x2) / Double(c.n2), within: 1e-15)
        expectClose(result.differenceLower, c.lower, within: 1e-12)
        expectClose(result.differenceUpper, c.upper, within: 1e-12)
        expectClose(result.z, c.z, within: 1e-12)
        expectClose(result.zTestP, c.p, within: 1e-12)
        expectClose(result.chiSquare, c.chiSquare, within: 1e-11)
        expectClose(result.chiSquareP, c.p, within: 1e-12)
        expectClose(result.chiSquare, result.z * result.z, within: 1e-11)
        for (row, expectedRow) in zip(result.expectedCounts, c.expected) {
            for (cell, expectedCell) in zip(row, expectedRow) { expectClose(cell, expectedCell, within: 1e-12) }
        }
        #expect(result.expectedCounts.count == 2 && result.expectedCounts.allSatisfy { $0.count == 2 })
        expectClose(result.smallestExpectedCount, c.expected.joined().min()!, within: 1e-12)
        expectClose(result.fisherP, c.fisherP, within: 1e-12)
        #expect(result.recommendedTest == c.recommended)
        #expect(result.p == (c.recommended == .fisherExact ? result.fisherP : result.chiSquareP))
        #expect(result.first.lower < result.first.estimate && result.second.upper > result.second.estimate)
    }

    @Test func reportComparisonAsPrinted() throws {
        // The same figures at the precision a reader sees: +5.9 points, −8.5 to 21.2.
        let result = try TwoProportions.compare(firstSuccesses: 20, firstTrials: 50, secondSuccesses: 59, secondTrials: 173)
        #expect(ValueFormatter.fixed(result.difference * 100, decimals: 1) == "5.9")
        #expect(ValueFormatter.fixed(result.differenceLower * 100, decimals: 1) == "-8.5")
        #expect(ValueFormatter.fixed(result.differenceUpper * 100, decimals: 1) == "21.2")
        #expect(ValueFormatter.fixed(result.z, decimals: 3) == "0.768")
        #expect(ValueFormatter.fixed(result.fisherP, decimals: 3) == "0.503")
    }

    @Test func newcombeIntervalAtOtherLevels() throws {
        // confint_proportions_2indep(56, 70, 48, 80, method='newcomb', compare='diff', alpha=0.01)
        // confint_proportions_2indep(20, 50, 59, 173, method='newcomb', compare='diff', alpha=0.10)
        let at99 = try TwoProportions.compare(
            firstSuccesses: 56, firstTrials: 70, secondSuccesses: 48, secondTrials: 80, confidence: 0.99)
        expectClose(at99.differenceLower, 0.005370869250078403, within: 1e-12)
        expectClose(at99.differenceUpper, 0.3718084317757736, within: 1e-12)
        let at90 = try TwoProportions.compare(
            firstSuccesses: 20, firstTrials: 50, secondSuccesses: 59, secondTrials: 173, confidence: 0.90)
        expectClose(at90.differenceLower, -0.06348458688689047, within: 1e-12)
        expectClose(at90.differenceUpper, 0.188178932559902, within: 1e-12)
    }

    @Test func recommendationReasons() throws {
        let small = try TwoProportions.compare(firstSuccesses: 1, firstTrials: 6, secondSuccesses: 5, secondTrials: 7)
        #expect(small.recommendationReason == "an expected count is 2.8, below 5, so Fisher's exact test is used")
        let report = try TwoProportions.compare(firstSuccesses: 20, firstTrials: 50, secondSuccesses: 59, secondTrials: 173)
        #expect(report.recommendationReason
            == "every expected count is at least 5 (the smallest is 17.7), so the chi-square test is used")
        // 14 of 21 against 28 of 34: the smallest expected count is 21 × 13 / 55 = 4.9636...,
        // which must not be shown as 5.0 while being called below 5.
        let nearFive = try TwoProportions.compare(firstSuccesses: 14, firstTrials: 21, secondSuccesses: 28, secondTrials: 34)
        #expect(nearFive.recommendedTest == .fisherExact)
        #expect(nearFive.recommendationReason == "an expected count is 4.96, below 5, so Fisher's exact test is used")
    }

    @Test func noCasesOnEitherSideIsRefused() {
        #expect(throws: StatisticsError.noTrials) {
            try TwoProportions.compare(firstSuccesses: 0, firstTrials: 0, secondSuccesses: 3, secondTrials: 9)
        }
        #expect(throws: StatisticsError.noTrials) {
            try TwoProportions.compare(firstSuccesses: 3, firstTrials: 9, secondSuccesses: 0, secondTrials: 0)
        }
    }

    @Test func noSuccessesAnywhereGivesNoEvidence() throws {
        // Only one table has these margins, so every test says p = 1; Fisher's is read
        // because the expected successes are 0. Newcombe interval as in
        // confint_proportions_2indep(0, 10, 0, 12, method='newcomb', compare='diff').
        let result = try TwoProportions.compare(firstSuccesses: 0, firstTrials: 10, secondSuccesses: 0, secondTrials: 12)
        #expect(result.difference == 0 && result.z == 0 && result.chiSquare == 0)
        #expect(result.zTestP == 1 && result.chiSquareP == 1 && result.fisherP == 1)
        #expect(result.recommendedTest == .fisherExact && result.smallestExpectedCount == 0)
        expectClose(result.differenceLower, -0.24249400665524096, within: 1e-12)
        expectClose(result.differenceUpper, 0.27753279986288926, within: 1e-12)
    }

    struct FisherCase: Sendable, CustomTestStringConvertible {
        var table: [Int]
        var p: Double
        var testDescription: String { "fisher \(table)" }
    }

    // stats.fisher_exact([[a, b], [c, d]]).pvalue
    // The last three have other tables exactly as likely as the observed one whose computed
    // probabilities differ from it in the last bits: only the relative tolerance keeps them
    // in the sum (without it, p would be 0.524, 0.091 and 0.324).
    static let fisherTables: [FisherCase] = [
        FisherCase(table: [3, 1, 1, 3], p: 0.48571428571428565),
        FisherCase(table: [2, 2, 2, 2], p: 1),
        FisherCase(table: [1, 5, 5, 2], p: 0.10256410256410255),
        FisherCase(table: [0, 10, 0, 12], p: 1),
        FisherCase(table: [5, 0, 0, 5], p: 0.007936507936507938),
        FisherCase(table: [10, 2, 3, 15], p: 0.0005367241191434357),
        FisherCase(table: [1, 1, 1, 4], p: 1),
        FisherCase(table: [3, 0, 3, 6], p: 0.18181818181818182),
        FisherCase(table: [2, 4, 4, 2], p: 0.567099567099567),
    ]

    @Test(arguments: fisherTables)
    func fisherExact(_ c: FisherCase) {
        let t = c.table
        expectClose(TwoProportions.fisherExactP(t[0], t[1], t[2], t[3]), c.p, within: 1e-12)
    }

    // MARK: - Plain English

    struct SentenceCase: Sendable, CustomTestStringConvertible {
        var x1: Int, n1: Int, x2: Int, n2: Int
        var confidence: Double
        var sentence: String
        var testDescription: String { "\(x1)/\(n1) against \(x2)/\(n2) at \(confidence)" }
    }

    // The numbers in these sentences are those of the comparison cases above, rounded; the
    // extra ones are confint_proportions_2indep(..., method='newcomb') for (60, 100, 20, 100),
    // (0, 10, 0, 12) and (20, 50, 40, 100), and chi2_contingency([[60, 40], [20, 80]]) p = 7.8e-9.
    static let sentences: [SentenceCase] = [
        SentenceCase(x1: 20, n1: 50, x2: 59, n2: 173, confidence: 0.95, sentence:
            "A difference this size (40.0% against 34.1%) would often arise by chance (p = 0.44), so these "
            + "figures do not show that the two proportions differ; the 95% interval for the difference, "
            + "-8.5 to 21.2 percentage points, includes zero."),
        SentenceCase(x1: 56, n1: 70, x2: 48, n2: 80, confidence: 0.95, sentence:
            "A difference this size (80.0% against 60.0%) would rarely arise by chance alone (p = 0.0080); "
            + "the 95% interval for the difference, 5.2 to 33.4 percentage points, excludes zero."),
        SentenceCase(x1: 56, n1: 70, x2: 48, n2: 80, confidence: 0.99, sentence:
            "A difference this size (80.0% against 60.0%) would rarely arise by chance alone (p = 0.0080); "
            + "the 99% interval for the difference, 0.5 to 37.2 percentage points, excludes zero."),
        SentenceCase(x1: 60, n1: 100, x2: 20, n2: 100, confidence: 0.95, sentence:
            "A difference this size (60.0% against 20.0%) would rarely arise by chance alone (p < 0.001); "
            + "the 95% interval for the difference, 26.8 to 51.2 percentage points, excludes zero."),
        SentenceCase(x1: 12, n1: 15, x2: 3, n2: 14, confidence: 0.95, sentence:
            "Even with such small numbers, a difference this size (80.0% against 21.4%) would rarely arise "
            + "by chance alone (p = 0.0016); the 95% interval for the difference, 22.3 to 77.5 percentage "
            + "points, excludes zero."),
        SentenceCase(x1: 1, n1: 6, x2: 5, n2: 7, confidence: 0.95, sentence:
            "With such small numbers, a difference this size (16.7% against 71.4%) could well arise by "
            + "chance (p = 0.10), so these figures do not show that the two proportions differ; the 95% "
            + "interval for the difference, -79.3 to -1.5 percentage points, only just excludes zero, so "
            + "the evidence is borderline."),
        SentenceCase(x1: 0, n1: 10, x2: 0, n2: 12, confidence: 0.95, sentence:
            "The two proportions are the same (0.0% each), so these figures give no sign of a difference; "
            + "the 95% interval for the difference, -24.2 to 27.8 percentage points, shows how large a "
            + "difference they cannot rule out with such small numbers."),
        SentenceCase(x1: 20, n1: 50, x2: 40, n2: 100, confidence: 0.95, sentence:
            "The two proportions are the same (40.0% each), so these figures give no sign of a difference; "
            + "the 95% interval for the difference, -15.8 to 16.5 percentage points, shows how large a "
            + "difference they cannot rule out."),
    ]

    @Test(arguments: sentences)
    func plainEnglish(_ c: SentenceCase) throws {
        let result = try TwoProportions.compare(
            firstSuccesses: c.x1, firstTrials: c.n1, secondSuccesses: c.x2, secondTrials: c.n2,
            confidence: c.confidence)
        #expect(TwoProportions.plainEnglish(result) == c.sentence)
    }

    @Test(arguments: [
        (0.44263, "p = 0.44"), (0.0125, "p = 0.013"), (0.008045, "p = 0.0080"), (0.0004, "p < 0.001"),
        (0.0496, "p = 0.0496"), (0.0504, "p = 0.0504"), (0.998, "p > 0.99"), (1.0, "p = 1"),
    ])
    func pValueWording(_ p: Double, _ text: String) {
        // Near 0.05 a third figure is kept so p never reads as exactly the level it is judged by.
        #expect(StatisticsWording.pValue(p, alpha: 0.05) == text)
    }

    // MARK: - Independence

    struct IndependenceCase: Sendable, CustomTestStringConvertible {
        var name: String
        var counts: [[Int]]
        var statistic: Double
        var degreesOfFreedom: Int
        var p: Double
        var expected: [[Double]]
        var droppedRows: [Int] = []
        var droppedColumns: [Int] = []
        var belowFive: Int
        var belowOne: Int
        var warning: String?
        var testDescription: String { name }
    }

    // stats.chi2_contingency(np.array(table), correction=False)  # statistic, p, dof, expected
    // run on the table with its all-zero rows and columns removed (SciPy refuses zero
    // expected counts).
    static let independence: [IndependenceCase] = [
        IndependenceCase(
            name: "2 × 3", counts: [[10, 20, 30], [15, 25, 5]],
            statistic: 17.629629629629633, degreesOfFreedom: 2, p: 0.0001485164524699713,
            expected: [[14.285714285714286, 25.714285714285715, 20.0], [10.714285714285714, 19.285714285714285, 15.0]],
            belowFive: 0, belowOne: 0),
        // Judgements by year, Inadequate/Adequate/Good/Outstanding, with no Outstanding reviews.
        IndependenceCase(
            name: "all-zero column", counts: [[20, 20, 10, 0], [59, 74, 40, 0]],
            statistic: 0.620019771183578, degreesOfFreedom: 2, p: 0.7334397057029189,
            expected: [[17.713004484304932, 21.076233183856502, 11.210762331838565],
                       [61.28699551569507, 72.9237668161435, 38.789237668161434]],
            droppedColumns: [3], belowFive: 0, belowOne: 0),
        IndependenceCase(
            name: "all-zero row", counts: [[12, 5], [0, 0], [3, 9], [7, 7]],
            statistic: 5.86226763432646, degreesOfFreedom: 2, p: 0.05333652997596497,
            expected: [[8.69767441860465, 8.30232558139535], [6.1395348837209305, 5.8604651162790695],
                       [7.162790697674419, 6.837209302325581]],
            droppedRows: [1], belowFive: 0, belowOne: 0),
        IndependenceCase(
            name: "tiny expected counts", counts: [[3, 1, 0], [0, 2, 4], [1, 1, 1]],
            statistic: 7.258333333333335, degreesOfFreedom: 4, p: 0.12285016948961824,
            expected: [[1.2307692307692308, 1.2307692307692308, 1.5384615384615385],
                       [1.8461538461538463, 1.8461538461538463, 2.3076923076923075],
                       [0.9230769230769231, 0.9230769230769231, 1.1538461538461537]],
            belowFive: 9, belowOne: 2,
            warning: "9 of 9 expected counts (100.0%) are below 5, and the smallest is 0.9, below 1; "
                + "Cochran's rule asks for no more than 20% below 5 and none below 1, so this chi-square "
                + "p-value may be unreliable"),
    ]

    @Test(arguments: independence)
    func chiSquareIndependence(_ c: IndependenceCase) throws {
        let result = try Independence.chiSquareTest(c.counts)
        expectClose(result.statistic, c.statistic, within: 1e-11)
        #expect(result.degreesOfFreedom == c.degreesOfFreedom)
        expectClose(result.p, c.p, within: 1e-12)
        #expect(result.expectedCounts.count == c.expected.count)
        for (row, expectedRow) in zip(result.expectedCounts, c.expected) {
            #expect(row.count == expectedRow.count)
            for (cell, expectedCell) in zip(row, expectedRow) { expectClose(cell, expectedCell, within: 1e-12) }
        }
        #expect(result.droppedRows == c.droppedRows)
        #expect(result.droppedColumns == c.droppedColumns)
        #expect(result.keptRows.count + result.droppedRows.count == c.counts.count)
        #expect(result.cellCount == c.expected.count * c.expected[0].count)
        #expect(result.expectedBelowFive == c.belowFive)
        #expect(result.shareExpectedBelowFive == Double(c.belowFive) / Double(result.cellCount))
        #expect(result.expectedBelowOne == c.belowOne)
        expectClose(result.smallestExpectedCount, c.expected.joined().min()!, within: 1e-12)
        #expect(result.warning == c.warning)
    }

    @Test func cochranWarningNamesWhichPartOfTheRuleIsBroken() throws {
        // Expected counts 2, 2, 2 and 18, 18, 18: half below 5, none below 1.
        let share = try Independence.chiSquareTest([[2, 2, 2], [18, 18, 18]])
        #expect(share.expectedBelowFive == 3 && share.expectedBelowOne == 0)
        #expect(share.warning == "3 of 6 expected counts (50.0%) are below 5; Cochran's rule asks for no "
            + "more than 20% below 5 and none below 1, so this chi-square p-value may be unreliable")

        // A first row of total 1 against columns of 80 out of 400: expected 0.2 in each of its
        // 5 cells, a third of the 15.
        let both = try Independence.chiSquareTest([[1, 0, 0, 0, 0], [40, 40, 40, 40, 40], [39, 40, 40, 40, 40]])
        #expect(both.expectedBelowOne == 5 && both.expectedBelowFive == 5)
        #expect(both.shareExpectedBelowFive == 1.0 / 3.0)
        #expect(both.warning == "5 of 15 expected counts (33.3%) are below 5, and the smallest is 0.2, "
            + "below 1; Cochran's rule asks for no more than 20% below 5 and none below 1, so this "
            + "chi-square p-value may be unreliable")

        // A first row of total 1 against columns of 250 out of 1500: expected 1/6 in each of its
        // 6 cells, 6 of 36 (16.7%, within the 20%), so only the below-1 part applies.
        let belowOneOnly = try Independence.chiSquareTest([
            [1, 0, 0, 0, 0, 0], [50, 50, 50, 50, 50, 50], [50, 50, 50, 50, 50, 50],
            [50, 50, 50, 50, 50, 50], [50, 50, 50, 50, 50, 50], [49, 50, 50, 50, 50, 50],
        ])
        #expect(belowOneOnly.expectedBelowFive == 6 && belowOneOnly.cellCount == 36)
        #expect(belowOneOnly.warning == "the smallest expected count is 0.2, below 1; Cochran's rule asks for "
            + "no more than 20% below 5 and none below 1, so this chi-square p-value may be unreliable")

        // Expected counts 4, 4, 20, 20, 20 and 6, 6, 30, 30, 30: exactly 20% below 5 and none
        // below 1, so the rule is kept.
        let kept = try Independence.chiSquareTest([[4, 4, 20, 20, 20], [6, 6, 30, 30, 30]])
        #expect(kept.expectedBelowFive == 2 && kept.shareExpectedBelowFive == 0.2)
        #expect(kept.warning == nil)
    }

    @Test func independenceRefusesTablesItCannotTest() {
        #expect(throws: StatisticsError.raggedTable(row: 1, columns: 2, expectedColumns: 3)) {
            try Independence.chiSquareTest([[1, 2, 3], [4, 5]])
        }
        #expect(throws: StatisticsError.negativeCount(-2)) { try Independence.chiSquareTest([[1, -2], [3, 4]]) }
        #expect(throws: StatisticsError.tooFewCategories(rows: 1, columns: 3)) {
            try Independence.chiSquareTest([[1, 2, 3], [0, 0, 0]])
        }
        #expect(throws: StatisticsError.tooFewCategories(rows: 0, columns: 0)) { try Independence.chiSquareTest([]) }
        #expect(throws: StatisticsError.tooFewCategories(rows: 0, columns: 0)) {
            try Independence.chiSquareTest([[0, 0], [0, 0]])
        }
    }

    @Test func twoByTwoIndependenceMatchesTheTwoProportionTest() throws {
        let table = try Independence.chiSquareTest([[20, 30], [59, 114]])
        let comparison = try TwoProportions.compare(
            firstSuccesses: 20, firstTrials: 50, secondSuccesses: 59, secondTrials: 173)
        expectClose(table.statistic, comparison.chiSquare, within: 1e-12)
        expectClose(table.p, comparison.chiSquareP, within: 1e-12)
    }
}

/// Expects `actual` within `tolerance` of `expected`, naming both when it is not.
private func expectClose(
    _ actual: Double, _ expected: Double, within tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(abs(actual - expected) <= tolerance, "\(actual) is not within \(tolerance) of \(expected)",
            sourceLocation: sourceLocation)
}
