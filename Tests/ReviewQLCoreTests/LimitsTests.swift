import Testing
@testable import ReviewQLCore

/// Inputs far beyond what people type still get a clear error or a correct answer, never a
/// crash: deep nesting, very long statements, huge `or` chains, a million groups.
@Suite struct LimitsTests {
    @Test func deeplyNestedParenthesesAreAnError() {
        let text = "count reviews where " + String(repeating: "(", count: 100_000) + "judgement = good"
            + String(repeating: ")", count: 100_000)
        let outcome = Bundled.session().run(text).last!
        #expect(outcome.diagnostics.first?.message == "this condition is nested too deeply (more than 100 levels)")
        // The quoted line is a window around the caret, not the whole statement.
        let rendered = DiagnosticRenderer.render(outcome.diagnostics[0])
        #expect(rendered.count < 600)
    }

    @Test func nestingWithinTheLimitWorks() throws {
        // 50 levels of parentheses around "judgement = good": still the 40 good reviews (paragraph 86).
        let text = "count reviews where " + String(repeating: "(", count: 50) + "judgement = good" + String(repeating: ")", count: 50)
        #expect(try Bundled.session().number(text) == 40)
        let nots = "count reviews where " + String(repeating: "not ", count: 100) + "judgement = good"
        #expect(try Bundled.session().number(nots) == 40)  // an even number of nots
    }

    @Test func tenThousandOrTerms() throws {
        // Norfolk's 3 reviews, found among 10,000 alternatives that match nothing.
        let terms = (0..<9_999).map { "authority = \"nowhere \($0)\"" } + ["authority = norfolk"]
        let session = Bundled.session()
        let outcomes = session.run("count reviews where " + terms.joined(separator: " or "))
        guard case .result(let result)? = outcomes.last?.output else {
            Issue.record("no result")
            return
        }
        #expect(result.table.columns[0].value(at: 0) == .integer(3))
        // 5 warnings listed, then one that counts the rest.
        #expect(outcomes.last!.diagnostics.count == 6)
        #expect(outcomes.last!.diagnostics.last?.message == "9994 more values in this query match nothing")
    }

    @Test func megabyteStatement() {
        let text = "count reviews where authority = \"" + String(repeating: "x", count: 1_000_000) + "\" and nothing = 1"
        let outcome = Bundled.session().run(text).last!
        #expect(outcome.diagnostics.first?.message == "unknown column \"nothing\" in reviews")
        #expect(DiagnosticRenderer.render(outcome.diagnostics[0]).count < 600)
    }

    @Test func aMillionGroups() throws {
        // Every row its own group: 1,000,000 groups of 1, counts summing to 1,000,000.
        let n = 1_000_000
        let session = Session()
        session.add(Dataset(table: Table(name: "big", columns: [
            Column(name: "id", storage: .integer(.wide((0..<n).map { Int64($0) }))),
        ]), path: "big.csv"))
        let result = try session.result("count big group by id")
        #expect(result.table.rowCount == n)
        #expect(result.totalRow?[1] == .integer(Int64(n)))
        #expect(result.table.row(n - 1)[0] == .integer(Int64(n - 1)))
    }
}
