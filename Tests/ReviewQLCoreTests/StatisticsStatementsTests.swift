import Testing
@testable import ReviewQLCore

/// The teaching statements on the bundled data, against values computed independently with
/// statsmodels 0.15 and SciPy 1.17 (the calls are in each comment), to 3 decimal places.
@Suite struct StatisticsStatementsTests {
    let session = Bundled.session()

    func numbers(_ text: String) throws -> [[Double?]] {
        let table = try session.result(text).table
        return (0..<table.rowCount).map { row in table.row(row).map(\.number) }
    }

    @Test func proportionOfInadequateReviews() throws {
        // proportion_confint(59, 173, method='wilson') = (0.274539, 0.414448)
        let result = try session.result("proportion of reviews where judgement = inadequate")
        #expect(result.summary == "59 of 173 reviews = 34.1% (95% CI 27.5% to 41.4%)")
        let row = try numbers("proportion of reviews where judgement = inadequate")[0]
        #expect(row[0] == 59 && row[1] == 173)
        #expect(abs(row[3]! - 27.4539) < 0.001)
        #expect(abs(row[4]! - 41.4448) < 0.001)
    }

    @Test func proportionAmongAndGrouped() throws {
        // London boroughs: 4 of 28; proportion_confint(4, 28, method='wilson') = (0.056990, 0.314898)
        let london = try numbers("proportion of reviews join authorities where judgement = inadequate among type = \"London borough\"")[0]
        #expect(london[0] == 4 && london[1] == 28)
        #expect(abs(london[3]! - 5.6990) < 0.001 && abs(london[4]! - 31.4898) < 0.001)
        let byType = try session.result("proportion of reviews join authorities where judgement = inadequate group by type").table
        let londonRow = (0..<byType.rowCount).first { byType.row($0)[0] == .text("London borough") }!
        #expect(byType.row(londonRow)[1] == .integer(4) && byType.row(londonRow)[2] == .integer(28))
    }

    @Test func comparingTheTwoYears() throws {
        // 20 of 50 (2007-08) against 59 of 173 (2008-09):
        // confint_proportions_2indep(20, 50, 59, 173, method='newcomb') = (-0.085068, 0.212315)
        // chi2_contingency([[20, 30], [59, 114]], correction=False) = (0.589440, p 0.442636)
        let result = try session.result("compare 20 of 50 as \"2007-08\" with 59 of 173 as \"2008-09\"")
        #expect(result.noteLines.contains("difference: 5.9 percentage points (95% CI -8.5 to 21.2, Newcombe's hybrid score interval, no continuity correction)"))
        #expect(result.noteLines.contains("chi-square test (Pearson's, no continuity correction): χ² = 0.59 on 1 degree of freedom, p = 0.44; two-proportion z = 0.77"))
        #expect(result.noteLines.contains { $0.hasPrefix("in plain English: A difference this size (40.0% against 34.1%) would often arise by chance") })
    }

    @Test func smallNumbersUseFisher() throws {
        // Birmingham 4 of 5 against the rest 55 of 168: fisher_exact([[4, 1], [55, 113]]) p = 0.046700
        let result = try session.result("compare reviews where judgement = inadequate by authority = Birmingham")
        #expect(result.noteLines.contains("Fisher's exact test: p = 0.047"))
        #expect(result.noteLines.contains { $0.hasPrefix("which test: an expected count is") && $0.contains("Fisher's exact test is used") })
    }

    @Test func crosstabTest() throws {
        // Type × judgement with Outstanding (all zero) left out:
        // chi2_contingency([[21,25,12],[4,11,13],[19,25,10],[15,13,5]], correction=False)
        //   = (13.019079, p 0.042734, 6 degrees of freedom)
        let result = try session.result("count reviews join authorities group by type, judgement as crosstab with chi-square")
        #expect(result.noteLines.contains("chi-square test of independence (Pearson's): χ² = 13.02 on 6 degrees of freedom, p = 0.043"))
        #expect(result.noteLines.contains("left out of the test, having no rows at all: Outstanding"))
    }

    @Test func confidenceLevelChangesTheInterval() throws {
        // proportion_confint(59, 173, alpha=0.01, method='wilson') = (0.255615, 0.438208)
        _ = session.run("set confidence 99")
        let row = try numbers("proportion of reviews where judgement = inadequate")[0]
        #expect(abs(row[3]! - 25.5615) < 0.001)
        #expect(abs(row[4]! - 43.8208) < 0.001)
    }

    @Test func compareNeedsTwoGroups() {
        let outcomes = session.run("compare reviews join authorities where judgement = inadequate by region")
        #expect(outcomes.last?.diagnostics.first?.message.hasPrefix("compare needs exactly two groups, but region has 9") == true)
    }
}
