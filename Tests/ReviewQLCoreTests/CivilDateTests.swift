import Testing
@testable import ReviewQLCore

/// Day numbers checked against the Unix epoch and against `date -d 2009-04-23 +%s` / 86400
/// (1240444800 / 86400 = 14357), computed independently with GNU date.
@Suite struct CivilDateTests {
    @Test(arguments: [
        ("1970-01-01", Int32(0)),
        ("2009-04-23", Int32(14357)),
        ("23/04/2009", Int32(14357)),
        ("2000-02-29", Int32(11016)),
    ])
    func parsesDates(text: String, expected: Int32) {
        #expect(CivilDate.parse(Substring(text)) == .date(expected))
        #expect(CivilDate.iso(expected) == (text.contains("/") ? "2009-04-23" : text))
    }

    @Test func rejectsImpossibleDates() {
        #expect(CivilDate.parse("31/02/2009") == .invalid)
        #expect(CivilDate.parse("2009-13-01") == .invalid)
        #expect(CivilDate.parse("2009/01/01") == .notADate)
        #expect(CivilDate.parse("23/04/20098") == .notADate)
    }
}
