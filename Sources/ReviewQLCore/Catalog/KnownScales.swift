/// The ordered scales ReviewQL knows without being told: Ofsted's judgements. A text column of
/// a loaded file whose every value is a level of one of them (at least two levels seen) gets
/// that scale, with a note (`FormatNote.scaleRecognised`); any other scale is declared with
/// `set scale of ...` or in a `catalog.txt`.
///
/// Spellings (checked against Ofsted's published data): serious case review evaluations are
/// Inadequate, Adequate, Good, Outstanding; inspections of local authority children's services
/// (ILACS) judge Inadequate, "Requires improvement to be good", Good, Outstanding, and the
/// single inspection framework and school inspections write "Requires improvement". Values are
/// matched ignoring letter case and surrounding spaces.
enum KnownScales {
    static let seriousCaseReviews = ["Inadequate", "Adequate", "Good", "Outstanding"]
    static let inspections = ["Inadequate", "Requires improvement to be good", "Good", "Outstanding"]
    static let inspectionsShort = ["Inadequate", "Requires improvement", "Good", "Outstanding"]
    /// The levels every Ofsted scale shares, for a column that names none of the others.
    static let shared = ["Inadequate", "Good", "Outstanding"]

    /// The scale a text column's distinct values (`dictionary`) are levels of, or nil.
    static func recognise(_ dictionary: [String]) -> [String]? {
        // A cell of spaces is a value of a text column, and no level.
        guard !dictionary.contains(where: { !$0.isEmpty && $0.trimmingSpaces.isEmpty }) else { return nil }
        let values = Set(dictionary.map { $0.trimmingSpaces.lowercased() }.filter { !$0.isEmpty })
        guard values.count >= 2 else { return nil }
        for scale in [shared, seriousCaseReviews, inspections, inspectionsShort]
        where values.isSubset(of: scale.map { $0.lowercased() }) {
            return scale
        }
        return nil
    }
}
