/// What a column's name says it holds, where the name is all there is to go on: the one list
/// of names that mark a column of codes (identifiers written in digits, which are not
/// quantities), and of the period columns of official statistics files.
///
/// The code names follow the Explore Education Statistics data standards, as its screener
/// checks files (dfe-analytical-services/eesyscreener: geography columns such as
/// `old_la_code`, `new_la_code`, `school_urn`, `provider_ukprn`, `trust_id`, `school_laestab`),
/// and the names people give such columns in their own trackers (`urn`, `la_code`, `gss_code`).
enum ColumnNaming {
    /// Whole names that mark codes.
    private static let codeNames: Set<String> = ["urn", "ukprn", "upin", "laestab", "estab", "id", "code"]
    /// Endings that mark codes: `old_la_code`, `school_urn`, `trust_id`, `provider_ukprn` ...
    private static let codeEndings = ["_code", "_urn", "_id", "_ukprn", "_upin", "_laestab"]
    /// The EES period column, whose numbers name a year or a span of two (`202324`).
    static let periodColumn = "time_period"

    /// Whether a column called `name` holds codes, going by its name alone.
    static func isCode(_ name: String) -> Bool {
        let lower = name.lowercased()
        return codeNames.contains(lower) || codeEndings.contains { lower.hasSuffix($0) }
    }

    /// Whether a column of numbers called `name` is a quantity to add up or average: not a
    /// code and not the period column.
    static func isMeasure(_ name: String) -> Bool {
        !isCode(name) && name.lowercased() != periodColumn
    }

    /// Which part of the name marks it as a code, for a message: "_code", "urn".
    static func codeMark(_ name: String) -> String? {
        let lower = name.lowercased()
        if codeNames.contains(lower) { return lower }
        return codeEndings.first { lower.hasSuffix($0) }
    }
}
