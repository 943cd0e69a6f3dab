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
        #expect(result.suppressedMarker(row: bournemouth, column: 1) == "[c]")
        let csv = ResultWriter.render(result, as: .csv)
        #expect(csv.contains("Bournemouth,[c],[c]"))
        #expect(!csv.contains("Bournemouth,2"))
    }
}
