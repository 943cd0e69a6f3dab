/// Numbers written into the sentences and reasons this folder returns, rounded so that they
/// never appear to sit on the wrong side of the threshold they are being compared with.
enum StatisticsWording {
    /// `value` with `places` decimals, or more (up to six) when fewer would show it on the
    /// other side of `threshold` or equal to it: 4.97 against 5 is "4.97", not "5.0".
    static func number(_ value: Double, places: Int, against threshold: Double? = nil) -> String {
        guard let threshold, value.isFinite, value != threshold else {
            return ValueFormatter.fixed(value, decimals: places)
        }
        var decimals = places
        while decimals < 6 {
            let shown = ValueFormatter.fixed(value, decimals: decimals)
            if let rounded = Double(shown), (rounded < threshold) == (value < threshold), rounded != threshold {
                return shown
            }
            decimals += 1
        }
        return ValueFormatter.fixed(value, decimals: decimals)
    }

    /// A p-value as read aloud: "p = 0.45", "p = 0.012", "p < 0.001"; two significant figures,
    /// more where fewer would put it on the wrong side of the significance level `alpha`.
    static func pValue(_ p: Double, alpha: Double) -> String {
        if p < 0.001 && alpha >= 0.001 { return "p < 0.001" }
        if p >= 1 { return "p = 1" }
        let places = p >= 0.1 ? 2 : p >= 0.01 ? 3 : 4
        let shown = number(p, places: places, against: alpha)
        return shown == "1.00" ? "p > 0.99" : "p = " + shown
    }

    /// A proportion as a percentage with one decimal: 0.3410 is "34.1%".
    static func percent(_ proportion: Double) -> String {
        ValueFormatter.fixed(proportion * 100, decimals: 1) + "%"
    }

    /// A confidence level as people say it: 0.95 is "95%", 0.975 is "97.5%".
    static func level(_ confidence: Double) -> String {
        let percent = confidence * 100
        let whole = percent.rounded()
        return (abs(percent - whole) < 1e-9 ? ValueFormatter.fixed(whole, decimals: 0)
            : ValueFormatter.decimal((percent * 1e6).rounded() / 1e6)) + "%"
    }

    /// The methods as the `method` columns of CSV and JSON name them, each as R and Python
    /// users know it (docs/STATISTICS.md gives the calls that reproduce each).
    static let wilsonMethod = "Wilson score interval, no continuity correction"
    static let newcombeMethod = "Newcombe hybrid score interval, no continuity correction"
    static let chiSquareMethod = "Pearson's chi-square test without continuity correction"
    static let fisherMethod = "Fisher's exact test, two-sided"
    /// How R gives the same interval, for the notes under a result.
    static let wilsonInR = "as R's prop.test(x, n, correct = FALSE)"
}
