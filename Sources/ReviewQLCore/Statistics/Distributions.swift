#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal and chi-square distributions: the probabilities every test in this
/// folder reads its p-value from.
public enum Distributions {
    /// The standard normal cumulative distribution function, Φ(z) = P(Z ≤ z).
    ///
    /// Method: Φ(z) = ½ erfc(−z / √2), through the C library's `erfc`, which keeps full
    /// relative accuracy in the lower tail where 1 − ½ erfc(z/√2) would cancel
    /// (Abramowitz & Stegun 1964, 26.2.29).
    public static func normalCDF(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// The two-sided p-value of a standard normal test statistic, P(|Z| ≥ |z|).
    ///
    /// Method: p = erfc(|z| / √2), which equals 2(1 − Φ(|z|)) without the cancellation of
    /// that form when p is small (Abramowitz & Stegun 1964, 26.2.29).
    public static func twoSidedP(z: Double) -> Double {
        min(1, erfc(abs(z) / 2.0.squareRoot()))
    }

    /// The standard normal quantile Φ⁻¹(p): the z with Φ(z) = p.
    ///
    /// Method: Wichura's algorithm AS 241 (PPND16), Wichura 1988, "The percentage points of
    /// the normal distribution", Applied Statistics 37(3), 477–484: a rational function of
    /// q = p − ½ in r = 0.180625 − q² when |q| ≤ 0.425, otherwise of r = √(−log min(p, 1 − p))
    /// shifted by 1.6 (r ≤ 5) or 5 (r > 5); relative error about 1e-16.
    ///
    /// Returns −∞ for p = 0, +∞ for p = 1 and NaN outside [0, 1].
    public static func normalQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * horner(Wichura.centralNumerator, r) / horner(Wichura.centralDenominator, r)
        }
        var r = (-log(q < 0 ? p : 1 - p)).squareRoot()
        let x: Double
        if r <= 5 {
            r -= 1.6
            x = horner(Wichura.nearNumerator, r) / horner(Wichura.nearDenominator, r)
        } else {
            r -= 5
            x = horner(Wichura.farNumerator, r) / horner(Wichura.farDenominator, r)
        }
        return q < 0 ? -x : x
    }

    /// The upper-tail probability P(X ≥ x) of a chi-square variable with `degreesOfFreedom`
    /// degrees of freedom: the p-value of a chi-square statistic x.
    ///
    /// Method: P(χ²ₖ ≥ x) = Q(k/2, x/2), the regularized upper incomplete gamma function
    /// (Abramowitz & Stegun 1964, 26.4.19), computed by `regularizedGammaQ`.
    /// Returns 1 for x ≤ 0 and NaN for fewer than one degree of freedom.
    public static func chiSquareUpperTail(_ x: Double, degreesOfFreedom: Int) -> Double {
        guard degreesOfFreedom >= 1, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        return regularizedGammaQ(Double(degreesOfFreedom) / 2, x / 2)
    }

    /// The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for a > 0,
    /// x ≥ 0.
    ///
    /// Method: as Numerical Recipes (Press, Teukolsky, Vetterling & Flannery 2007, §6.2,
    /// `gser`/`gcf`): for x < a + 1 the series
    /// P = e^(−x) xᵃ / Γ(a) · Σₙ xⁿ / (a (a+1) ⋯ (a+n)), otherwise P = 1 − Q with Q from
    /// the continued fraction below.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0 else { return .nan }
        if x == 0 { return 0 }
        if x.isInfinite { return 1 }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x)
    }

    /// The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), for a > 0,
    /// x ≥ 0.
    ///
    /// Method: as Numerical Recipes (Press et al. 2007, §6.2): for x ≥ a + 1 the continued
    /// fraction Q = e^(−x) xᵃ / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− ⋯))),
    /// evaluated by the modified Lentz method; otherwise Q = 1 − P with P from the series.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0 else { return .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x)
    }

    // MARK: - Implementation

    private static let relativeTolerance = 1e-16
    private static let maximumIterations = 100_000

    /// P(a, x) by its power series; converges fast for x < a + 1.
    private static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<maximumIterations {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * relativeTolerance { break }
        }
        return min(1, sum * exp(-x + a * log(x) - lgamma(a)))
    }

    /// Q(a, x) by its continued fraction (modified Lentz); converges fast for x ≥ a + 1.
    private static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        // Guards the Lentz recurrences against a zero denominator (Press et al. 2007, §5.2).
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        for i in 1...maximumIterations {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) < relativeTolerance { break }
        }
        return min(1, exp(-x + a * log(x) - lgamma(a)) * fraction)
    }

    /// Evaluates c₀ + c₁x + ⋯ + cₙxⁿ, coefficients in ascending order.
    private static func horner(_ coefficients: [Double], _ x: Double) -> Double {
        coefficients.reversed().reduce(0) { $0 * x + $1 }
    }

    /// The coefficients of AS 241 (Wichura 1988, PPND16), lowest power first.
    private enum Wichura {
        static let centralNumerator: [Double] = [
            3.3871328727963666080e+0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
            1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
            3.3430575583588128105e+4, 2.5090809287301226727e+3,
        ]
        static let centralDenominator: [Double] = [
            1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2,
            5.3941960214247511077e+3, 2.1213794301586595867e+4, 3.9307895800092710610e+4,
            2.8729085735721942674e+4, 5.2264952788528545610e+3,
        ]
        static let nearNumerator: [Double] = [
            1.42343711074968357734e+0, 4.63033784615654529590e+0, 5.76949722146069140550e+0,
            3.64784832476320460504e+0, 1.27045825245236838258e+0, 2.41780725177450611770e-1,
            2.27238449892691845833e-2, 7.74545014278341407640e-4,
        ]
        static let nearDenominator: [Double] = [
            1.0, 2.05319162663775882187e+0, 1.67638483018380384940e+0,
            6.89767334985100004550e-1, 1.48103976427480074590e-1, 1.51986665636164571966e-2,
            5.47593808499534494600e-4, 1.05075007164441684324e-9,
        ]
        static let farNumerator: [Double] = [
            6.65790464350110377720e+0, 5.46378491116411436990e+0, 1.78482653991729133580e+0,
            2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
            2.71155556874348757815e-5, 2.01033439929228813265e-7,
        ]
        static let farDenominator: [Double] = [
            1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1,
            1.48753612908506148525e-2, 7.86869131145613259100e-4, 1.84631831751005468180e-5,
            1.42151175831644588870e-7, 2.04426310338993978564e-15,
        ]
    }
}
