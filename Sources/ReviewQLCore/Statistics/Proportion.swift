/// A proportion with its confidence interval: `successes` of `trials`, estimated as
/// `estimate` with `lower` to `upper` at the `confidence` level (all as fractions of 1).
public struct ProportionInterval: Sendable, Equatable {
    public var successes: Int
    public var trials: Int
    public var confidence: Double
    public var estimate: Double
    public var lower: Double
    public var upper: Double
}

/// Confidence intervals for a single proportion, such as the share of reviews judged
/// inadequate.
public enum Proportion {
    /// The Wilson score interval for `successes` out of `trials`.
    ///
    /// Method: Wilson 1927, "Probable inference, the law of succession, and statistical
    /// inference", JASA 22, 209–212; Newcombe 1998, Statistics in Medicine 17, 857–872,
    /// method 3. With p̂ = x/n and z = Φ⁻¹(1 − (1 − confidence)/2), the limits are
    /// (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n).
    /// Unlike the Wald interval it stays within [0, 1] and does not collapse to a point at
    /// 0 of n or n of n: there the lower limit is exactly 0 (or the upper exactly 1), set so
    /// rather than left to rounding.
    ///
    /// - Throws: `StatisticsError.noTrials` when `trials` is 0 (no proportion, so no interval),
    ///   `.negativeCount`, `.successesExceedTrials`, or `.confidenceOutOfRange` when
    ///   `confidence` is not strictly between 0 and 1.
    public static func wilson(successes: Int, trials: Int, confidence: Double = 0.95)
        throws(StatisticsError) -> ProportionInterval
    {
        try checkCounts(successes: successes, trials: trials)
        let z = try criticalValue(confidence: confidence)
        let n = Double(trials), x = Double(successes)
        let estimate = x / n
        let zSquared = z * z
        let centre = (x + zSquared / 2) / (n + zSquared)
        // x(n − x)/n + z²/4 is the n²-scaled form of p̂(1 − p̂)/n + z²/4n², which avoids
        // forming p̂(1 − p̂) from a rounded p̂.
        let halfWidth = z / (n + zSquared) * (x * (n - x) / n + zSquared / 4).squareRoot()
        let lower = successes == 0 ? 0 : max(0, centre - halfWidth)
        let upper = successes == trials ? 1 : min(1, centre + halfWidth)
        return ProportionInterval(
            successes: successes, trials: trials, confidence: confidence,
            estimate: estimate, lower: lower, upper: upper)
    }

    /// The two-sided normal critical value z = Φ⁻¹(1 − (1 − confidence)/2): 1.644854 for 0.90,
    /// 1.959964 for 0.95, 2.575829 for 0.99.
    ///
    /// - Throws: `StatisticsError.confidenceOutOfRange` unless 0 < confidence < 1.
    public static func criticalValue(confidence: Double) throws(StatisticsError) -> Double {
        guard confidence > 0, confidence < 1 else { throw .confidenceOutOfRange(confidence) }
        return Distributions.normalQuantile(1 - (1 - confidence) / 2)
    }

    /// Checks that `successes` of `trials` is a proportion: neither negative, at most `trials`,
    /// and out of at least one trial.
    static func checkCounts(successes: Int, trials: Int) throws(StatisticsError) {
        if trials < 0 { throw .negativeCount(trials) }
        if successes < 0 { throw .negativeCount(successes) }
        if trials == 0 { throw .noTrials }
        if trials > 1 << 53 { throw .countTooLarge(trials) }
        if successes > trials { throw .successesExceedTrials(successes: successes, trials: trials) }
    }
}
