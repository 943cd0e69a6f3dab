import Testing
@testable import ReviewQLCore

/// Rates and rate ratios against R 4's `poisson.test` (Tests/rates.R prints these):
///
///     poisson.test(12, 45000)                                  # 0.000137790558 to 0.0004658130011
///     poisson.test(0, 1000)                                    # 0 to 0.003688879454
///     poisson.test(59, 1100000)                                # 4.083048512e-05 to 6.918700124e-05
///     poisson.test(c(12, 30), c(45000, 50000))                 # 0.2072323409 to 0.8939212112, p 0.01938498518
///     poisson.test(c(59, 20), c(1100000, 400000))              # 0.6365689424 to 1.880950399, p 0.8988540895
///     poisson.test(c(3, 0), c(1000, 2000))                     # 0.8264627101 to Inf, p 0.03703703704
///     poisson.test(12, 45000, conf.level = 0.9)                # 0.0001538713892 to 0.0004320570962
///     poisson.test(c(12, 30), c(45000, 50000), conf.level = 0.9)  # 0.2338735406 to 0.8093293636
@Suite struct RatesTests {
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-7 * max(abs(b), 1e-12) }

    @Test(arguments: [
        (12, 45000, 0.95, 0.000137790558, 0.0004658130011),
        (0, 1000, 0.95, 0, 0.003688879454),
        (59, 1_100_000, 0.95, 4.083048512e-05, 6.918700124e-05),
        (12, 45000, 0.90, 0.0001538713892, 0.0004320570962),
    ])
    func exactPoissonInterval(_ events: Int, _ population: Int, _ confidence: Double, _ low: Double, _ high: Double) {
        let rate = Rates.rate(events: events, population: population, confidence: confidence)
        #expect(Self.close(rate.lower, low), "\(rate.lower) against \(low)")
        #expect(Self.close(rate.upper, high), "\(rate.upper) against \(high)")
    }

    @Test(arguments: [
        (12, 45000, 30, 50000, 0.95, 0.2072323409, 0.8939212112, 0.01938498518),
        (59, 1_100_000, 20, 400_000, 0.95, 0.6365689424, 1.880950399, 0.8988540895),
        (12, 45000, 30, 50000, 0.90, 0.2338735406, 0.8093293636, 0.01938498518),
    ])
    func rateRatio(_ x1: Int, _ n1: Int, _ x2: Int, _ n2: Int, _ confidence: Double, _ low: Double, _ high: Double, _ p: Double) {
        let first = Rates.rate(events: x1, population: n1, confidence: confidence)
        let second = Rates.rate(events: x2, population: n2, confidence: confidence)
        let ratio = Rates.ratio(first, second, confidence: confidence)
        #expect(Self.close(ratio.lower, low), "\(ratio.lower) against \(low)")
        #expect(Self.close(ratio.upper, high), "\(ratio.upper) against \(high)")
        #expect(Self.close(ratio.p, p), "\(ratio.p) against \(p)")
    }

    @Test func aSecondRateOfNoneHasNoUpperBound() {
        let ratio = Rates.ratio(Rates.rate(events: 3, population: 1000, confidence: 0.95),
                                Rates.rate(events: 0, population: 2000, confidence: 0.95), confidence: 0.95)
        #expect(Self.close(ratio.lower, 0.8264627101))
        #expect(ratio.upper == .infinity)
        #expect(Self.close(ratio.p, 0.03703703704))
    }

    @Test func theStatementSaysTheRatePerTenThousand() {
        let outcome = Bundled.session().run("rate 12 of 45000").last!
        guard case .result(let result)? = outcome.output else { Issue.record("no result"); return }
        #expect(result.summary == "12 of 45000 = 2.67 per 10,000 (95% CI 1.38 to 4.66)")
    }
}
