import Testing
@testable import ReviewQLCore

/// Small-number suppression, worked by hand on small grids.
@Suite struct SuppressionTests {
    let rule = Suppression(threshold: 5)

    @Test func primaryHidesOneToFourButNotZero() {
        let mask = rule.mask([[0, 3, 12]], rowsHaveTotals: false, columnsHaveTotals: false)
        #expect(mask == [[false, true, false]])
    }

    @Test func secondaryProtectsALoneHiddenCellInARow() {
        // Row 14, 9, 2 with a total of 25: hiding only the 2 lets 25 − 14 − 9 give it away,
        // so the smallest other non-zero cell (9) is hidden too.
        let mask = rule.mask([[14, 9, 2]], rowsHaveTotals: true, columnsHaveTotals: false)
        #expect(mask == [[false, true, true]])
    }

    @Test func secondaryWorksDownColumnsAndRepeats() {
        // Column totals only: column 0 has a lone 3 → hide the 6; column 1 has none hidden.
        let mask = rule.mask([[3, 10], [6, 20], [9, 30]], rowsHaveTotals: false, columnsHaveTotals: true)
        #expect(mask == [[true, false], [true, false], [false, false]])
        // Rows and columns: hiding 1 (row 0) forces 7 (row 0); then column 1 has a lone 7 → 8.
        let both = rule.mask([[1, 7], [9, 8]], rowsHaveTotals: true, columnsHaveTotals: true)
        #expect(both == [[true, true], [true, true]])
    }

    @Test func groupedCountsHideCountAndPercent() throws {
        let session = Bundled.session()
        _ = session.run("set suppress below 3")
        // Bournemouth has 2 inadequate reviews, Birmingham 4 (Appendix 2).
        let result = try session.result("count reviews where judgement = inadequate group by authority")
        let birmingham = try #require((0..<result.table.rowCount).first { result.table.row($0)[0] == .text("Birmingham") })
        let bournemouth = try #require((0..<result.table.rowCount).first { result.table.row($0)[0] == .text("Bournemouth") })
        #expect(result.table.row(birmingham)[1] == .integer(4))
        #expect(result.table.row(bournemouth)[1] == .missing)
        #expect(result.table.row(bournemouth)[2] == .missing)
        #expect(result.marker(row: bournemouth, column: 1) == "[c]")
        let csv = try ResultWriter.render(result, as: .csv)
        #expect(csv.contains("Bournemouth,[c],[c]"))
        #expect(!csv.contains("Bournemouth,2"))
    }

    /// An ordered proportion keeps each hidden cell on its own row. By region, 4 of 16, 4 of
    /// 11, 4 of 28 and 1 of 7 are inadequate (East Midlands, East of England, London, North
    /// East): hidden below 5, and listed last; North West's 14 of 25 (56.0%) comes first.
    @Test func orderedProportionKeepsHiddenCellsOnTheirRows() throws {
        let session = Bundled.session()
        let result = try session.result("set suppress below 5\n"
            + "proportion of reviews join authorities where judgement = inadequate group by region order by percent desc")
        let hidden: Set<String> = ["East Midlands", "East of England", "London", "North East"]
        for row in 0..<result.table.rowCount {
            let region = ValueFormatter.plain(result.table.columns[0].value(at: row))
            let count = result.table.columns[1].value(at: row)
            #expect((result.marker(row: row, column: 1) != nil) == hidden.contains(region), "\(region)")
            #expect(count.isMissing == hidden.contains(region), "\(region)")
        }
        #expect(result.table.row(0)[0] == .text("North West"))
        #expect(result.table.row(0)[1] == .integer(14))
        #expect(try ResultWriter.render(result, as: .csv).contains("\nLondon,[c],28,[c],[c],[c],,\"Wilson score interval, no continuity correction\"\n"))
        #expect(result.notes.contains(.hiddenNotRanked(groups: 4)))
        // Cut by limit, the rows left keep their markers and no others.
        let cut = try session.result("proportion of reviews join authorities where judgement = inadequate group by region order by region limit 3")
        #expect(cut.suppressed.allSatisfy { $0.row < 3 })
        #expect(!cut.notes.contains(.hiddenNotRanked(groups: 4)))  // region is never hidden
        #expect(try ResultWriter.render(cut, as: .csv).hasSuffix("\nLondon,[c],28,[c],[c],[c],,\"Wilson score interval, no continuity correction\""))
    }
}
