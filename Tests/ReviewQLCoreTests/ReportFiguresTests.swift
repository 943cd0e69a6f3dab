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
        #expect(result.notes == [.percentOfRows(total: "173", noun: "reviews")])
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
        #expect(result.noteLines == ["percent of 5 t", "showing 2 of 4 groups"])
    }

    @Test func warningForAValueThatMatchesNothing() throws {
        let s = Self.session()
        let outcomes = s.run("count t where name = zz")
        #expect(outcomes.count == 1)
        #expect(outcomes[0].diagnostics.map(\.severity) == [.warning])
        #expect(try s.number("count t where name = zz") == 0)
    }
}

/// The key numbers of the report's tables and figures, as the bundled datasets give them,
/// against the figures the report prints (paragraph, table or figure named in each test).
@Suite struct ReportTablesTests {
    let session = Bundled.session()

    @Test func figure3Percentages() throws {
        // Figure 3 prints 34%, 43% and 23% for inadequate, adequate and good.
        let percent = try session.result("count reviews group by judgement").table.column(named: "percent")!
        let rounded = (0..<3).map { (percent.value(at: $0).number ?? -1).rounded() }
        #expect(rounded == [34, 43, 23])
    }

    @Test func table1Has174Deaths() throws {
        // Table 1 / paragraph 17: 174 deaths notified; categories 38 homicide, 44 other external
        // cause, 47 accident or adverse event, 45 undetermined.
        #expect(try session.number("sum deaths from deaths_by_cause") == 174)
        let byCategory = try session.result("sum deaths from deaths_by_cause group by category").table
        var totals: [String: Double] = [:]
        for row in 0..<byCategory.rowCount {
            totals[ValueFormatter.plain(byCategory.row(row)[0])] = byCategory.row(row)[1].number
        }
        #expect(totals == ["Homicide": 38, "Other external cause": 44, "Accident or adverse event": 47, "Undetermined": 45])
    }

    @Test func table2Has219Children() throws {
        // Table 2: 219 children; 135 White British (paragraph 23); 46 unclassifiable.
        #expect(try session.number("sum children from ethnicity") == 219)
        #expect(try session.number("sum children from ethnicity where ethnicity = \"White - British\"") == 135)
        // Paragraph 21: 115 boys, 103 girls, 1 not recorded: 219 again.
        #expect(try session.number("sum children from sex_of_children") == 219)
    }

    @Test func figure2Has113Deaths() throws {
        // Figure 2 / paragraph 20: 113 of the children died; 44 were under one.
        #expect(try session.number("sum deaths from ages_of_children_who_died") == 113)
        #expect(try session.number("sum deaths from ages_of_children_who_died where age_group = \"under 1\"") == 44)
    }

    @Test func protectionPlans() throws {
        // Paragraph 26: 41 children (about 19% of 219) had a child protection plan.
        #expect(try session.number("sum children from protection_plans_by_age") == 41)
    }

    @Test func appendix3Has62Of63() throws {
        // Appendix 3 / paragraph 83: 63 statements of action, 62 addressed the weaknesses.
        #expect(try session.number("count statements") == 63)
        #expect(try session.number("count statements where addressed = yes") == 62)
        // Paragraph 12: from 43 boards.
        #expect(try session.number("count distinct board from statements") == 43)
    }

    @Test func completionTimeBandsCover163() throws {
        // Paragraphs 89-90: the time bands cover 163 of the 173 reviews (4 + 24 + 79 + 56).
        #expect(try session.number("sum reviews_in_band from completion_times where judgement = adequate") == 163)
    }

    @Test func previousYear() throws {
        // Paragraphs 8 and 87: 20 of 50 reviews (40%) inadequate in 2007-08.
        let row = try session.result("list reviews, reviews_in_year from years where year = \"2007-08\" and judgement = inadequate").table
        #expect(row.row(0) == [.integer(20), .integer(50)])
    }

    @Test func everyReviewFindsItsAuthority() throws {
        // Data/authorities.csv names every authority of Appendix 2: the join leaves none out,
        // and the nine regions account for all 173 reviews.
        let result = try session.result("count reviews join authorities group by region")
        #expect(!result.noteLines.contains { $0.contains("no match") })
        #expect(result.totalRow?[1] == .integer(173))
        #expect(result.table.rowCount == 9)
    }

    @Test func southTeesIsReportedNotDropped() throws {
        // South Tees is a joint board in Appendix 3, not a council: joining statements to
        // authorities keeps its row and says so.
        let result = try session.result("count statements join authorities group by region")
        #expect(result.noteLines.contains("1 of 63 statements rows found no match in authorities (1 board value); they are kept, with the columns of authorities missing"))
        #expect(result.totalRow?[1] == .integer(63))
        let unmatched = try session.result("show unmatched").table
        #expect(unmatched.row(0) == [.text("South Tees"), .integer(1),
                                     .text("no row of authorities has this board, and no reorganisation of an authority is recorded for it")])
    }
}
