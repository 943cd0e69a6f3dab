import Testing
@testable import ReviewQLCore

/// `limit N per`, `with rank`, `running total`, `cumulative percent` and `change`. The expected
/// values were worked out with pandas from the bundled CSV files:
///
///     r = pd.read_csv("Data/reviews.csv"); a = pd.read_csv("Data/authorities.csv")
///     r["ym"] = pd.to_datetime(r.letter_date, dayfirst=True).dt.strftime("%Y-%m")
///     m = r.groupby("ym").size()
///     m.cumsum(); (m.cumsum() * 100 / m.sum()).round(1); m.diff()
///     j = r.merge(a, left_on="authority", right_on="name", how="left")
///     g = j.groupby(["region", "authority"]).size().rename("n").reset_index()
///     g["rank"] = g.groupby("region").n.rank(method="min", ascending=False)
///     g[g["rank"] <= 1]            # 11 rows: London and the North East have two tied first
///     (g["rank"] <= 3).sum()       # 36
@Suite struct WithinGroupsTests {
    func answer(_ text: String) -> QueryResult? {
        let outcome = Bundled.session().run(text).last!
        guard case .result(let result)? = outcome.output else {
            Issue.record("no result for \(text): \(outcome.diagnostics.map(\.message))")
            return nil
        }
        return result
    }

    func column(_ result: QueryResult, _ name: String) -> [Value] {
        guard let index = result.table.columns.firstIndex(where: { $0.name == name }) else { return [] }
        return (0..<result.table.rowCount).map { result.table.columns[index].value(at: $0) }
    }

    @Test func runningTotalCumulativePercentAndChangeByMonth() throws {
        let result = try #require(answer("count reviews group by year_month(letter_date) with running total, cumulative percent, change"))
        #expect(column(result, "running total").compactMap(\.number) == [8, 11, 17, 23, 41, 60, 77, 90, 102, 127, 147, 164, 170, 173])
        #expect(column(result, "cumulative percent").compactMap(\.number)
                == [4.6, 6.4, 9.8, 13.3, 23.7, 34.7, 44.5, 52.0, 59.0, 73.4, 85.0, 94.8, 98.3, 100.0])
        #expect(column(result, "change").map(\.number) == [nil, -5, 3, 0, 12, 1, -2, -4, -1, 13, -5, -3, -11, -3])
    }

    @Test func topOnePerRegionWithTies() throws {
        let cut = try #require(answer("count reviews join authorities group by region, authority order by count desc limit 1 per region"))
        #expect(cut.table.rowCount == 9)
        // The two regions whose first place is shared say so.
        let tieNotes = cut.notes.filter { if case .tiesCut = $0 { true } else { false } }
        #expect(tieNotes.count == 2)
        let kept = try #require(answer("count reviews join authorities group by region, authority order by count desc limit 1 per region with ties"))
        #expect(kept.table.rowCount == 11)
        #expect(column(kept, "authority").map(ValueFormatter.plain).contains("Tower Hamlets"))
        let three = try #require(answer("count reviews join authorities group by region, authority order by count desc limit 3 per region with ties"))
        #expect(three.table.rowCount == 36)
    }

    @Test func rankWithinRegion() throws {
        let result = try #require(answer("count reviews join authorities group by region, authority order by count desc with rank per region"))
        let regions = column(result, "region").map(ValueFormatter.plain)
        let ranks = column(result, "rank").compactMap(\.number)
        let london = regions.indices.filter { regions[$0] == "London" }
        #expect(london.prefix(2).map { ranks[$0] } == [1, 1])
        #expect(ranks[london[2]] == 3)
        // Each region's rows come together, in region order.
        #expect(regions == regions.sorted())
    }

    @Test(arguments: [
        ("count reviews group by judgement with rank", "needs `order by`"),
        ("list reviews order by letter_date with rank", "has none"),
        ("average reviews from completion_times group by time_taken with running total", "a count or a sum"),
        ("count distinct authority from reviews group by judgement with running total", "distinct"),
        ("count reviews group by judgement order by count desc limit 2 with rank per judgement", "needs to say so"),
        ("count reviews join authorities group by region, judgement as crosstab with change", "crosstab"),
        ("count reviews group by judgement with change per region", "not a group column"),
    ])
    func refusals(_ text: String, _ words: String) {
        let outcome = Bundled.session().run(text).last!
        #expect(outcome.failed, "\(text)")
        #expect(outcome.diagnostics.first?.message.contains(words) == true, "\(text): \(outcome.diagnostics.map(\.message))")
    }

    @Test func refusedWhileSuppressing() {
        let outcome = Bundled.session().run("set suppress below 5; count reviews group by year_month(letter_date) with running total").last!
        #expect(outcome.failed)
    }
}

/// `limit N per` on a list: the latest letters in each region. Expected rows from pandas:
///
///     j = r.reset_index().merge(a, left_on="authority", right_on="name", how="left")
///     j["d"] = pd.to_datetime(j.letter_date, dayfirst=True)
///     j["rn"] = j.sort_values(["d", "index"], ascending=[False, True]).groupby("region").cumcount() + 1
///     j[j.rn <= 2].sort_values(["region", "rn"]).authority          # 18 rows
///     j["rk"] = j.groupby("region").d.rank(method="min", ascending=False)
///     j[j.rk <= 1]                                                   # 10 rows: Leeds and Wakefield tie
@Suite struct ListPerGroupTests {
    let tests = WithinGroupsTests()

    @Test func latestTwoLettersInEachRegion() throws {
        let result = try #require(tests.answer("list authority, region, letter_date from reviews join authorities order by letter_date desc limit 2 per region"))
        #expect(tests.column(result, "authority").map(ValueFormatter.plain) == [
            "Leicester City", "Nottingham City", "Cambridgeshire", "Essex", "Haringey", "Enfield", "Durham", "Newcastle",
            "Rochdale", "Manchester", "Hampshire", "Kent", "Poole", "North Somerset", "Staffordshire", "Sandwell", "Leeds", "Wakefield"])
        #expect(result.notes.contains { if case .showingRows(18, 173) = $0 { true } else { false } })
    }

    @Test func tiesInAGroupNamedOrKept() throws {
        let cut = try #require(tests.answer("list authority, region, letter_date from reviews join authorities order by letter_date desc limit 1 per region"))
        #expect(cut.table.rowCount == 9)
        #expect(cut.notes.contains { if case .tiesCut(["Wakefield (Yorkshire and The Humber)"], "2009-05-06", "letter_date", "row") = $0 { true } else { false } })
        let kept = try #require(tests.answer("list authority, region, letter_date from reviews join authorities order by letter_date desc limit 1 per region with ties"))
        #expect(kept.table.rowCount == 10)
        #expect(kept.notes.contains { if case .tiesKept(1, 1, "row") = $0 { true } else { false } })
    }

    @Test func distinctListRefused() {
        let outcome = Bundled.session().run("list distinct authority, judgement from reviews limit 1 per judgement").last!
        #expect(outcome.diagnostics.first?.message.contains("list distinct") == true)
    }
}

/// Values down a proportion's groups are not worked out yet: asking says so and names what does
/// it (a grouped count's change in percentage points), rather than "unexpected 'with'".
@Suite struct ProportionWithinTests {
    @Test(arguments: [
        ("proportion of reviews where judgement = inadequate group by financial_year(letter_date) with change", "with change"),
        ("proportion of reviews join authorities where judgement = inadequate group by region order by percent desc with rank", "with rank"),
        ("proportion of reviews join authorities where judgement = inadequate group by region, type order by percent desc limit 1 per region", "limit ... per"),
    ])
    func refusedByName(_ text: String, _ what: String) {
        let message = Bundled.session().run(text).last?.diagnostics.first?.message ?? ""
        #expect(message.contains("`\(what)` is not worked out for a proportion's groups yet"), "\(text): \(message)")
    }
}
