import Testing
@testable import ReviewQLCore

/// Issue 14's cases that are about numbers: counted tables, ties, measures that overflow.
/// Expected figures come from the report where it prints them, and otherwise from Python's csv
/// module over the same files and SciPy's `binomtest(x, n).proportion_ci(method="wilson")`
/// (computed once, the values written here with their source).
@Suite struct HonestAnswersTests {
    let session = Bundled.session()

    @Test func countedTablesAddUpTheirCounts() throws {
        // Report, Table 2: 137 white children; Python: 219 children in 14 rows.
        #expect(try session.number("count ethnicity where broad_group = white") == 137)
        #expect(try session.number("count ethnicity") == 219)
        #expect(try session.number("count rows from ethnicity") == 14)
        // Report, Table 1: 174 deaths notified.
        #expect(try session.number("count deaths_by_cause") == 174)
        let groups = try session.counts("count ethnicity group by broad_group")
        #expect(groups == ["Asian or Asian British": 4, "Black or Black British": 10, "Chinese": 1,
                           "Mixed": 11, "White": 137, "Not known": 56])
    }

    @Test func aMissingCountIsUnknownNotSmaller() throws {
        // 2007-08's adequate count is not printed; the year's 50 reviews are (paragraph 8).
        let years = try session.counts("count years group by year")
        #expect(years == ["2007-08": 50, "2008-09": 173])
        let adequate = try session.result("count years where judgement = adequate group by year")
        #expect(adequate.table.row(0)[1] == .missing)
        #expect(adequate.notes.contains(.weightMissing(column: "reviews", groups: ["2007-08"])))
        #expect(throws: Diagnostic.self) { try session.result("proportion of years where judgement = adequate group by year") }
    }

    @Test func aWholeAndItsPartsAgree() throws {
        // Found by the evaluator fuzz target: the 2007-08 rows are both kept, so that year's
        // total (50) stands for them; 2008-09's kept rows add up (59 + 74). The whole must be
        // the same 183, not unknown. (Python: 50 + 59 + 74.)
        let query = "count from years where (judgement in (Adequate, Inadequate) or reviews >= 74)"
        #expect(try session.counts(query + " group by reviews_in_year") == ["50": 50, "173": 133])
        #expect(try session.number(query) == 183)
    }

    @Test func proportionsOfCountedTablesUseTheirCounts() throws {
        // SciPy Wilson intervals: 20/50 → 27.6 to 53.8; 59/173 → 27.5 to 41.4; 79/223 → 35.4%, 29.4 to 41.9.
        let result = try session.result("proportion of years where judgement = inadequate group by year")
        let rows = (0..<2).map { row in result.table.row(row).map { $0.number.map { ($0 * 10).rounded() / 10 } } }
        #expect(rows[0][1...5].map { $0 } == [20, 50, 40, 27.6, 53.8])
        #expect(rows[1][1...5].map { $0 } == [59, 173, 34.1, 27.5, 41.4])
        let overall = try session.result("proportion of years where judgement = inadequate")
        #expect(overall.summary == "79 of 223 reviews = 35.4% (95% CI 29.4% to 41.9%)")
    }

    @Test func limitNamesTheGroupsItCutFromATie() throws {
        // Appendix 2: Devon, Hampshire, Rotherham and Surrey each had 4 reviews.
        let cut = try session.result("count reviews group by authority order by count desc limit 5")
        #expect(cut.notes.contains { if case .tiesCut(let labels, "4", "count", "group") = $0 { labels == ["Hampshire", "Rotherham", "Surrey"] } else { false } })
        let kept = try session.result("count reviews group by authority order by count desc limit 5 with ties")
        #expect(kept.table.rowCount == 8)
        #expect(kept.notes.contains(.tiesKept(extra: 3, limit: 5, unit: "group")))
        // Without an order there is no ranking, so nothing ties.
        let unordered = try session.result("count reviews group by authority limit 5")
        #expect(!unordered.notes.contains { if case .tiesCut = $0 { true } else { false } })
    }

    @Test func aMeasureTooLargeIsAnErrorNotInfinity() throws {
        let session = Session()
        let column = Column(name: "amount", values: [.decimal(1e308), .decimal(1e308), .decimal(1.5e308)])
        session.add(Dataset(table: Table(name: "huge", columns: [column]), path: "huge.csv"))
        // The mean of 1e308 and 1e308 fits: worked out without overflowing.
        #expect(try session.number("average amount from huge where amount < 1.2e308") == 1e308)
        #expect(throws: Diagnostic.self) { try session.result("sum amount from huge") }
        #expect(try session.number("max amount from huge") == 1.5e308)
    }

    @Test func explainHidesSmallStepsAndSmallDifferences() throws {
        let session = Bundled.session()
        _ = session.run("set suppress below 5")
        // Norfolk has 3 reviews (Appendix 2): hidden. 59 inadequate, of which Norfolk has 1:
        // 58 is the answer, so the 59 before it would give Norfolk's 1 away: hidden.
        let outcomes = session.run("explain count reviews where authority = norfolk; explain count reviews where judgement = inadequate and authority != norfolk")
        let texts = outcomes.compactMap { outcome -> String? in
            if case .explained(let text, _)? = outcome.output { return text } else { return nil }
        }
        #expect(texts.count == 2)
        #expect(texts.first?.contains("173 reviews → [c] where") == true)
        #expect(texts.last?.contains("→ [c] where") == true && texts.last?.contains("→ 58 and") == true)
    }

    @Test func aProportionOrderedByNoColumnIsAnError() throws {
        // It used to be ignored without a word. Appendix 2: 74 adequate, 59 inadequate reviews.
        let bad = session.run("proportion of reviews where judgement = good group by judgement order by nonsense")
        #expect(bad.last?.failed == true)
        let byBase = try session.result("proportion of reviews where judgement = good group by judgement order by \"of\" desc limit 2")
        #expect(byBase.table.columns[2].value(at: 0) == .integer(74) && byBase.table.columns[2].value(at: 1) == .integer(59))
    }

    @Test func anUnclosedQuoteIsKnownByItsCaseNotItsWords() {
        #expect(StatementSplitter.needsMoreInput("list reviews where authority = \"Nor"))
        #expect(!StatementSplitter.needsMoreInput("count reviews where authority = norfolk &"))
    }
}
