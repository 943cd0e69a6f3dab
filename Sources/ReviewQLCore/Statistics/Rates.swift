#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rates of events in a population (`12 of 45,000`, said per 10,000) with their exact Poisson
/// intervals, and two rates compared: their ratio, its exact interval and an exact test. The
/// methods are R's `poisson.test`: Garwood's interval for one rate; for two, the test and the
/// interval of the binomial split of their events (Clopper–Pearson), as `poisson.test(c(x1,
/// x2), c(n1, n2))` gives them. RatesTests checks them against R.
public enum Rates {
    public struct Rate: Sendable, Equatable {
        public var events: Int
        public var population: Int
        /// Events per one of the population, and its interval's bounds.
        public var estimate: Double
        public var lower: Double
        public var upper: Double
    }

    public struct Ratio: Sendable, Equatable {
        public var estimate: Double
        public var lower: Double
        /// Infinity when the second rate's events are 0.
        public var upper: Double
        /// The exact two-sided test that the rates are equal.
        public var p: Double
    }

    /// Garwood's exact interval: the means whose Poisson chance of `events` or more (for the
    /// lower bound), or of `events` or fewer (for the upper), is half of 1 − `confidence`.
    public static func rate(events: Int, population: Int, confidence: Double) -> Rate {
        let tail = (1 - confidence) / 2
        let x = Double(events)
        let top = x + 20 * (x + 1).squareRoot() + 50
        let low = events == 0 ? 0 : solve(in: 0...top, increasing: true) { Distributions.regularizedGammaP(x, $0) - tail }
        let high = solve(in: 0...top, increasing: false) { Distributions.regularizedGammaQ(x + 1, $0) - tail }
        let n = Double(population)
        return Rate(events: events, population: population, estimate: x / n, lower: low / n, upper: high / n)
    }

    /// The first rate over the second: given all the events, how many fall in the first
    /// population is binomial, with the chance of one being its share of the two populations
    /// when the rates are equal.
    public static func ratio(_ first: Rate, _ second: Rate, confidence: Double) -> Ratio {
        let n = first.events + second.events
        let x = first.events
        let share = Double(first.population) / Double(first.population + second.population)
        let tail = (1 - confidence) / 2
        let pLow = x == 0 ? 0 : solve(in: 0...1, increasing: true) { 1 - binomialCDF(x - 1, n, $0) - tail }
        let pHigh = x == n ? 1 : solve(in: 0...1, increasing: false) { binomialCDF(x, n, $0) - tail }
        let scale = Double(second.population) / Double(first.population)
        let odds = { (p: Double) -> Double in p >= 1 ? .infinity : p / (1 - p) * scale }
        return Ratio(estimate: second.events == 0 ? .infinity : first.estimate / second.estimate,
                     lower: odds(pLow), upper: odds(pHigh), p: binomialTest(x, n, share))
    }

    /// R's two-sided binomial test: the chance of every outcome no more likely than the one seen.
    static func binomialTest(_ x: Int, _ n: Int, _ p: Double) -> Double {
        guard n > 0 else { return 1 }
        let seen = binomialLogPMF(x, n, p)
        var total = 0.0
        for k in 0...n where binomialLogPMF(k, n, p) <= seen + log1pRelative { total += exp(binomialLogPMF(k, n, p)) }
        return min(1, total)
    }

    /// R's `binom.test` counts outcomes within a relative 1e-7 of the one seen as as likely.
    private static let log1pRelative = log(1 + 1e-7)

    static func binomialLogPMF(_ k: Int, _ n: Int, _ p: Double) -> Double {
        if p <= 0 { return k == 0 ? 0 : -.infinity }
        if p >= 1 { return k == n ? 0 : -.infinity }
        return logChoose(n, k) + Double(k) * log(p) + Double(n - k) * log(1 - p)
    }

    static func binomialCDF(_ x: Int, _ n: Int, _ p: Double) -> Double {
        guard x >= 0 else { return 0 }
        guard x < n else { return 1 }
        return min(1, (0...x).reduce(0.0) { $0 + exp(binomialLogPMF($1, n, p)) })
    }

    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        logGamma(Double(n + 1)) - logGamma(Double(k + 1)) - logGamma(Double(n - k + 1))
    }

    private static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// The point in `range` where `f`, rising (or falling) through it, is 0, by halving.
    private static func solve(in range: ClosedRange<Double>, increasing: Bool, _ f: (Double) -> Double) -> Double {
        var (a, b) = (range.lowerBound, range.upperBound)
        for _ in 0..<200 {
            let middle = (a + b) / 2
            if (f(middle) < 0) == increasing { a = middle } else { b = middle }
            if b - a <= 1e-15 * max(1, abs(middle)) { break }
        }
        return (a + b) / 2
    }
}

/// The words under a rate: its method, the sentence that says it, and a comparison of two.
enum RateWording {
    static let intervalMethod = "exact Poisson interval (Garwood)"
    static let testMethod = "exact test of two Poisson rates (binomial split of the events)"

    /// `per 10,000`.
    static func per(_ per: Int) -> String {
        "per " + ValueFormatter.grouped(String(per))
    }

    static func number(_ value: Double) -> String { ValueFormatter.fixed(value, decimals: 2) }

    /// `12 of 45000 = 2.67 per 10,000 (95% CI 1.38 to 4.66)`.
    static func summary(_ rate: Rates.Rate, per: Int, level: String) -> String {
        let scale = Double(per)
        return "\(rate.events) of \(rate.population) = \(number(rate.estimate * scale)) \(self.per(per))"
            + " (\(level) CI \(number(rate.lower * scale)) to \(number(rate.upper * scale)))"
    }

    /// How a population rate is worked out, for `explain rate of ...`.
    static func method(per: Int, column: String, population: String, key: String?, group: String?, level: String) -> String {
        let matched = group.map { "sum \(column) in \(population) for each value of \(key ?? $0) (rows whose \(key ?? $0) is missing left out; "
            + "a group with a missing \(column) has no rate), match each \($0) counted to the \(population) group of the same name "
            + "ignoring case and the spaces around it (groups of \(population) with nothing counted are shown with a count of 0), and " }
            ?? "sum \(column) over every row of \(population), and "
        let total = group == nil ? "" : " The total row divides all the counts by all the \(column) of the groups whose \(column) is known."
        return matched + "divide each count by its \(column), times \(ValueFormatter.grouped(String(per))): the rate \(self.per(per)) \(column)."
            + " Each rate's \(level) interval is the \(intervalMethod): from the chi-square quantiles of the count, as R's poisson.test(count, \(column)) gives, times \(per)."
            + total
    }

    static func intervalNote(level: String, per: Int, rates: [Rates.Rate]) -> String {
        let call = rates.map { "poisson.test(\($0.events), \($0.population))" }.joined(separator: " and ")
        // Under suppression the calls would name the hidden counts.
        guard !rates.isEmpty else { return "rates \(self.per(per)), each with its \(level) \(intervalMethod)" }
        return "\(rates.count == 1 ? "the rate" : "rates") \(self.per(per)), each with its \(level) \(intervalMethod), as R's \(call)"
            + " \(rates.count == 1 ? "gives" : "give") (times \(per))"
    }

    /// The ratio with its interval, the test, and a sentence to read aloud.
    static func ratioNotes(_ ratio: Rates.Ratio, labels: (String, String), rates: (Rates.Rate, Rates.Rate),
                           level: String, alpha: Double) -> [String] {
        let upper = ratio.upper.isFinite ? number(ratio.upper) : "no upper bound"
        let p = StatisticsWording.pValue(ratio.p, alpha: alpha)
        let call = "poisson.test(c(\(rates.0.events), \(rates.1.events)), c(\(rates.0.population), \(rates.1.population)))"
        let reading = ratio.p < alpha
            ? "a ratio as far from 1 as this would be unusual if the two rates were the same"
            : "a ratio as far from 1 as this could easily arise by chance if the two rates were the same"
        return [
            "rate ratio \(labels.0) / \(labels.1) = \(number(ratio.estimate)) (\(level) CI \(number(ratio.lower)) to \(upper))",
            "\(testMethod): \(p), as R's \(call) gives it",
            "In words: the rate in \(labels.0) is \(number(ratio.estimate)) times the rate in \(labels.1); \(reading) (\(p)).",
        ]
    }
}
