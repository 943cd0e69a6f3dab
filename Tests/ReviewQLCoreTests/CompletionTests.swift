import Testing
@testable import ReviewQLCore

/// Tab completion by context, without a terminal: what can stand at the end of each line.
@Suite struct CompletionTests {
    let session = Bundled.session()

    func complete(_ line: String) -> Completion.Candidates {
        Completion.candidates(line: line, cursor: line.utf8.count, session: session)
    }

    @Test(arguments: [
        // verbs and commands at the start
        ("cou", ["count"]),
        ("desc", ["describe"]),
        ("prop", ["proportion"]),
        // datasets after a verb or `from`
        ("count rev", ["reviews"]),
        ("sum children from eth", ["ethnicity"]),
        ("count reviews join auth", ["authorities"]),
        ("describe stat", ["statements"]),
        // columns of the dataset named in the statement
        ("count reviews where judg", ["judgement"]),
        ("count reviews group by auth", ["authority"]),
        ("list authority, lett", ["letter_date"]),
        ("count reviews join authorities group by reg", ["region"]),
        // functions
        ("count reviews group by financ", ["financial_year("]),
        ("count reviews group by year_", ["year_month(", "year_quarter("]),
        // keywords that can come next
        ("count reviews gr", ["group by"]),
        ("count reviews group ", ["by"]),
        ("count reviews where judgement = good an", ["and"]),
        // values of the column on the left
        ("count reviews where authority = Bark", ["\"Barking & Dagenham\""]),
        ("count reviews where authority = \"Barking & D", ["\"Barking & Dagenham\""]),
        ("count reviews where authority = norf", ["Norfolk"]),
        ("count reviews where judgement in (ad", ["Adequate"]),
        ("count reviews where judgement in (adequate, go", ["Good"]),
        ("count statements where addressed = y", ["yes"]),
        // settings: every one `set` takes (#15: suppress and confidence were missing), and their values
        ("set ", ["format", "width", "maxrows", "timer", "suppress", "confidence", "safe", "sql", "pager"]),
        ("set s", ["suppress", "safe", "sql"]),
        ("set con", ["confidence"]),
        ("set format ma", ["markdown"]),
        ("set mode cs", ["csv"]),
        ("set timer o", ["on", "off"]),
        // show sql for ENGINE (#21): the engines the grammar names, then a query
        ("show s", ["sql"]),
        ("show sql f", ["for"]),
        ("show sql for ", ["sqlite", "duckdb", "postgresql"]),
        ("show sql for p", ["postgresql"]),
        ("show sql for duckdb cou", ["count"]),
        ("show sql for postgresql count rev", ["reviews"]),
        ("show sql count reviews where judg", ["judgement"]),
    ])
    func completes(line: String, expected: [String]) {
        #expect(complete(line).words == expected, "\(line)")
    }

    /// Completion offers exactly the settings `set` accepts (both read `Setting`).
    @Test func everySettingIsOffered() {
        #expect(complete("set ").words == Setting.allCases.map(\.rawValue))
    }

    @Test func valuesComeInScaleOrder() {
        #expect(complete("count reviews where judgement = ").words == ["Inadequate", "Adequate", "Good", "Outstanding"])
    }

    @Test func theWordStartIsWhereTheReplacementBegins() {
        let line = "count reviews where authority = \"Barking & D"
        let candidates = complete(line)
        #expect(candidates.start == line.utf8.count - "\"Barking & D".utf8.count)
        #expect(complete("count rev").start == 6)
    }

    @Test func nothingFitsNothingIsOffered() {
        #expect(complete("count reviews where zzz").words.isEmpty)
        // An unknown dataset has no columns to offer; only the functions remain.
        #expect(complete("count nosuch where ").words == ScalarFunction.allCases.map { $0.rawValue + "(" })
    }
}
