#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The control limits of a funnel plot for proportions (Spiegelhalter, "Funnel plots for
/// comparing institutional performance", Statistics in Medicine 24, 2005): for a group of
/// `n`, the range its proportion falls in by chance alone, with probability 95% or 99.8%,
/// when every group's true proportion is the overall one, `p0`.
///
/// Method: the exact binomial limits with Spiegelhalter's interpolation (his appendix A.1.1):
/// for the tail probability `q` (0.001, 0.025, 0.975, 0.999), `r` is the smallest count with
/// P(X ≤ r) ≥ q for X ~ Binomial(n, p0), and the limit is (r − α) / n with
/// α = (P(X ≤ r) − q) / P(X = r), so the limits move smoothly with `n` instead of in steps.
/// They are clipped to 0 and 1. FunnelTests checks them against SciPy's binomial distribution.
public enum FunnelLimits {
    /// The limits for one denominator: lower and upper at 95% and at 99.8%, as proportions.
    public struct Limits: Sendable, Equatable {
        public var lower95, upper95, lower998, upper998: Double
    }

    /// The tail probabilities of the two sets of limits.
    static let tails = (lower998: 0.001, lower95: 0.025, upper95: 0.975, upper998: 0.999)

    public static func limits(n: Int, p0: Double) -> Limits {
        Limits(lower95: limit(q: tails.lower95, n: n, p0: p0), upper95: limit(q: tails.upper95, n: n, p0: p0),
               lower998: limit(q: tails.lower998, n: n, p0: p0), upper998: limit(q: tails.upper998, n: n, p0: p0))
    }

    /// The interpolated limit for tail probability `q` (see the type's comment).
    static func limit(q: Double, n: Int, p0: Double) -> Double {
        guard n > 0 else { return q < 0.5 ? 0 : 1 }
        if p0 <= 0 { return 0 }
        if p0 >= 1 { return 1 }
        var cumulative = 0.0
        for r in 0...n {
            let mass = probability(r, n: n, p0: p0)
            cumulative += mass
            if cumulative >= q || r == n {
                let alpha = mass > 0 ? (cumulative - q) / mass : 0
                return min(1, max(0, (Double(r) - alpha) / Double(n)))
            }
        }
        return 1
    }

    /// P(X = r) for X ~ Binomial(n, p0), through logarithms so large `n` neither overflows
    /// nor underflows to nothing early.
    static func probability(_ r: Int, n: Int, p0: Double) -> Double {
        let logChoose = lgamma(Double(n + 1)) - lgamma(Double(r + 1)) - lgamma(Double(n - r + 1))
        return exp(logChoose + Double(r) * log(p0) + Double(n - r) * log1p(-p0))
    }

    /// Where a group sits against the limits. A count is discrete, so it is judged by its
    /// exact binomial tail, not against the interpolated lines: above the 95% limit when
    /// chance alone gives a count this high or higher less than 2.5% of the time, above the
    /// 99.8% limit when less than 0.1% (below likewise). One review of one, inadequate, is
    /// 100%, yet chance alone gives it a third of the time: it is within the limits.
    public enum Position: String, Sendable {
        case above998 = "above 99.8% limit", above95 = "above 95% limit", within = "within limits",
             below95 = "below 95% limit", below998 = "below 99.8% limit"

        public init(events: Int, trials: Int, p0: Double) {
            let (atMost, atLeast) = FunnelLimits.tails(events, n: trials, p0: p0)
            if atLeast < FunnelLimits.tails.lower998 { self = .above998 } else if atLeast < FunnelLimits.tails.lower95 { self = .above95 } else if atMost < FunnelLimits.tails.lower998 { self = .below998 } else if atMost < FunnelLimits.tails.lower95 { self = .below95 } else { self = .within }
        }
    }

    /// P(X ≤ x) and P(X ≥ x) for X ~ Binomial(n, p0).
    static func tails(_ x: Int, n: Int, p0: Double) -> (atMost: Double, atLeast: Double) {
        guard n > 0, p0 > 0, p0 < 1 else {
            let certain = Double(x) == p0 * Double(n)
            return (certain || p0 * Double(n) < Double(x) ? 1 : 0, certain || p0 * Double(n) > Double(x) ? 1 : 0)
        }
        var below = 0.0, above = 0.0
        for r in 0...n {
            let mass = probability(r, n: n, p0: p0)
            if r <= x { below += mass }
            if r >= x { above += mass }
        }
        return (min(1, below), min(1, above))
    }
}
