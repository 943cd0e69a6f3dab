import Testing
@testable import ReviewQLCore

/// The answers the core issue names, checked against the report's own printed figures
/// (Ofsted, Learning lessons from serious case reviews: year 2) so that a transcription slip in
/// Data/reviews.csv or a wrong evaluator fails the build.
@Suite struct ReportFiguresTests {
    let session = Bundled.session()

    @Test func allReviewsAreThere() throws {
        // Appendix 2 lists all 173 reviews; paragraph 86 says 173 were evaluated.
        #expect(try session.number("count reviews") == 173)
    }

    @Test func judgementsMatchParagraph86() throws {
        // Paragraph 86: 59 inadequate, 74 adequate, 40 good; none outstanding.
        let counts = try session.counts("count reviews group by judgement")
        #expect(counts == ["Inadequate": 59, "Adequate": 74, "Good": 40, "Outstanding": 0])
        let result = try session.result("count reviews group by judgement")
        #expect(result.table.columns.map(\.name) == ["judgement", "count", "percent"])
        #expect(result.notes == ["percent of 173 reviews"])
        // 59/173 = 34.10%, 74/173 = 42.77%, 40/173 = 23.12%: the report rounds them to 34, 43, 23.
        #expect(result.table.column(named: "percent")!.value(at: 0) == .decimal(34.1))
        #expect(result.table.column(named: "percent")!.value(at: 1) == .decimal(42.8))
        #expect(result.table.column(named: "percent")!.value(at: 2) == .decimal(23.1))
        #expect(result.totalRow?[1] == .integer(173))
    }

    @Test func adequateOrBetter() throws {
        // 74 adequate + 40 good = 114 (paragraph 86), by list and by the ordered scale.
        #expect(try session.number("count reviews where judgement in (adequate, good)") == 114)
        #expect(try session.number("count reviews where judgement >= adequate") == 114)
        #expect(try session.number("count reviews where judgement > inadequate") == 114)
    }

    @Test func inadequateByAuthority() throws {
        // Appendix 2, counted from the appendix as printed: 42 authorities had at least one
        // inadequate review, Birmingham 4 of them (the news story in seeds/003 concerns them).
        let counts = try session.counts("count reviews where judgement = inadequate group by authority")
        #expect(counts.count == 42)
        #expect(counts["Birmingham"] == 4)
        #expect(counts.values.reduce(0, +) == 59)
        #expect(try session.number("count distinct authority from reviews where judgement = inadequate") == 42)
    }

    @Test func mostReviewsAndNorfolk() throws {
        // Appendix 2: Manchester has 6 reviews, more than any other authority; Norfolk has 3.
        let top = try session.result("count reviews group by authority order by count desc limit 1").table
        #expect(top.row(0)[0] == .text("Manchester"))
        #expect(top.row(0)[1] == .integer(6))
        #expect(try session.result("list reviews where authority = norfolk").table.rowCount == 3)
    }

    @Test func financialYearsCoverEveryReview() throws {
        // Every review falls in some financial year, so the groups add back to 173.
        let counts = try session.counts("count reviews group by financial_year(letter_date)")
        #expect(counts.values.reduce(0, +) == 173)
        #expect(Set(counts.keys).isSubset(of: ["2008-09", "2009-10"]))
    }
}

/// Binding and evaluation on small tables built in the test, where each answer is worked out
/// by hand from the rows below.
@Suite struct EvaluationTests {
    /// Five rows: name, score (one missing), when (one missing), level on a scale.
    static func session() -> Session {
        let session = Session()
        let table = Table(name: "t", columns: [
            Column(name: "name", values: [.text("a"), .text("b"), .text("c"), .text("d"), .text("e")]),
            Column(name: "score", values: [.integer(1), .integer(5), .missing, .integer(3), .integer(5)]),
            Column(name: "level", values: [.text("Low"), .text("High"), .text("Low"), .text("Mid"), .text("Low")],
                   scale: ["Low", "Mid", "High", "Top"]),
        ])
        session.add(Dataset(table: table, path: "t.csv"))
        return session
    }

    @Test func missingValuesAreNeitherTrueNorFalse() throws {
        let s = Self.session()
        // score > 2: b, d, e. not (score > 2): a only; c's score is missing so it is in neither.
        #expect(try s.number("count t where score > 2") == 3)
        #expect(try s.number("count t where not score > 2") == 1)
        #expect(try s.number("count t where score is missing") == 1)
        #expect(try s.number("count t where score > 2 or name = c") == 4)
    }

    @Test func measuresSkipMissingValues() throws {
        let s = Self.session()
        // Scores 1, 5, 3, 5: sum 14, average 3.5, median (3 + 5) / 2 = 4, min 1, max 5; 4 counted.
        #expect(try s.number("sum score from t") == 14)
        #expect(try s.number("average score from t") == 3.5)
        #expect(try s.number("median score from t") == 4)
        #expect(try s.number("min score from t") == 1)
        #expect(try s.number("max score from t") == 5)
        #expect(try s.number("count score from t") == 4)
        #expect(try s.number("count distinct score from t") == 3)
    }

    @Test func scaleLevelsWithNoRowsShowZero() throws {
        let s = Self.session()
        let counts = try s.counts("count t group by level")
        #expect(counts == ["Low": 3, "Mid": 1, "High": 1, "Top": 0])
        let order = try s.result("count t group by level").table.columns[0]
        #expect((0..<4).map { order.value(at: $0) } == [.text("Low"), .text("Mid"), .text("High"), .text("Top")])
        #expect(try s.number("count t where level >= mid") == 2)
    }

    @Test func havingAndOrderUseMeasuresNotShown() throws {
        let s = Self.session()
        // Groups by level: Low {1, missing, 5} sum 6, Mid {3}, High {5}. Having sum > 4: Low, High.
        let result = try s.result("count t group by level having sum score > 4 order by max score desc")
        #expect(result.table.columns.map(\.name) == ["level", "count", "percent"])
        #expect(result.table.rowCount == 2)
        #expect(result.table.row(0)[0] == .text("Low"))
        #expect(result.notes == ["percent of 5 t", "showing 2 of 4 groups"])
    }

    @Test func warningForAValueThatMatchesNothing() throws {
        let s = Self.session()
        let outcomes = s.run("count t where name = zz")
        #expect(outcomes.count == 1)
        #expect(outcomes[0].diagnostics.map(\.severity) == [.warning])
        #expect(try s.number("count t where name = zz") == 0)
    }
}
