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

    /// A script of many failing statements, run with --keep-going, quotes as many lines; each
    /// must cost the same wherever it is. (Found by the language fuzz target as a timeout on a
    /// 2.5 KB input of empty statements, kept in Tests/Fuzz/corpus/language: before the fix,
    /// 16,000 failing statements took 9.7 s one to a line and 7.5 s all on one line, since every
    /// message copied the whole text, then the whole line, to find its place in them.)
    @Test(arguments: ["\n", " "])
    func manyFailingStatements(separator: String) {
        let session = Bundled.session()
        let count = 20_000
        let source = SourceText(file: "many.rql", text: Array(repeating: "ws g;", count: count).joined(separator: separator))
        var messages: [String] = []
        for piece in session.statements(in: source) {
            for diagnostic in session.execute(piece, in: source).diagnostics {
                messages.append(DiagnosticRenderer.render(diagnostic))
            }
        }
        #expect(messages.count == count)
        // The last statement starts 19,999 statements of 6 bytes ("ws g;" and the separator) in:
        // on line 20,000 at column 1, or on line 1 at byte 119,994, which is reported as column
        // 119,995 (a column more than 1,000 bytes into a line is counted in bytes).
        let last = separator == "\n" ? "many.rql:20000:1: " : "many.rql:1:119995: "
        #expect(messages.last?.hasPrefix(last) == true, "\(messages.last ?? "")")
        // The line quoted: the statement's own line, or a window of the one long line.
        let quoted = separator == "\n" ? "20000 | ws g;" : "   1 | …; ws g; ws g;"
        #expect(messages.last?.contains(quoted) == true, "\(messages.last ?? "")")
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
