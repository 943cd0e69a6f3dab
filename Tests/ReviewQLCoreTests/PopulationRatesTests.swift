import Foundation
import Testing
@testable import ReviewQLCore

/// `rate of DATASET ... group by G per N COLUMN from POPULATION`: the events counted by group,
/// the population summed by the same group and matched after grouping. The population is
/// `Tests/Fixtures/population/ons_mid2009_regions.csv` (ONS mid-2009 estimates, all ages, by
/// region; see SOURCES.txt there). Expected values from R 4's `poisson.test`, computed from
/// the CSV files without ReviewQL by `Rscript Tests/population_rates.R`, whose output is:
///
///     East Midlands|16|4611954|0.3469245357|0.1982973476|0.5633837111          (all reviews)
///     Yorkshire and The Humber|26|5223344|0.4977654162|0.325156896|0.7293416647
///     Total|173|52196381|0.3314406031|0.2838904023|0.3846769377
///     North East|1|2575441|0.03882830164|0.0009830474852|0.2163374502         (inadequate)
///     Total|59|52196381|0.1130346566|0.08604721777|0.1458064715
@Suite struct PopulationRatesTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/population/ons_mid2009_regions.csv").path

    static func session() -> Session {
        let session = Bundled.session()
        _ = session.run("load \"\(fixture)\" as population")
        return session
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-7 * max(abs(b), 1e-12) } ?? false }

    /// label, count, people, rate, lower, upper (per 100,000), from R.
    static let allReviews: [(String, Int64, Int64, Double, Double, Double)] = [
        ("East Midlands", 16, 4611954, 0.3469245357, 0.1982973476, 0.5633837111),
        ("East of England", 11, 5751443, 0.1912563508, 0.09547448123, 0.342210442),
        ("London", 28, 7942594, 0.3525296647, 0.234253402, 0.5095035192),
        ("North East", 7, 2575441, 0.2717981115, 0.1092769375, 0.5600079894),
        ("North West", 25, 6986156, 0.3578505834, 0.2315820295, 0.5282580535),
        ("South East", 25, 8350621, 0.2993789324, 0.19374226, 0.4419423621),
        ("South West", 16, 5226821, 0.30611341, 0.1749702631, 0.4971089999),
        ("West Midlands", 19, 5528007, 0.3437043405, 0.2069324653, 0.536736903),
        ("Yorkshire and The Humber", 26, 5223344, 0.4977654162, 0.325156896, 0.7293416647),
    ]

    @Test func reviewsPerHundredThousandPeopleByRegionMatchR() throws {
        let result = try Self.session().result(
            "rate of reviews join authorities group by region per 100000 people from population")
        let table = result.table
        #expect(table.rowCount == Self.allReviews.count)
        for (row, expected) in Self.allReviews.enumerated() {
            #expect(ValueFormatter.plain(table.columns[0].value(at: row)) == expected.0)
            #expect(table.columns[1].value(at: row) == .integer(expected.1))
            #expect(table.columns[2].value(at: row) == .integer(expected.2))
            #expect(Self.close(table.columns[3].value(at: row).number, expected.3), "\(expected.0) rate")
            #expect(Self.close(table.columns[4].value(at: row).number, expected.4), "\(expected.0) lower")
            #expect(Self.close(table.columns[5].value(at: row).number, expected.5), "\(expected.0) upper")
        }
        let total = try #require(result.totalRow)
        #expect(total[1] == .integer(173) && total[2] == .integer(52196381))
        #expect(Self.close(total[3].number, 0.3314406031) && Self.close(total[4].number, 0.2838904023)
                && Self.close(total[5].number, 0.3846769377))
        let notes = result.notes.map(\.text)
        #expect(notes.contains { $0.contains("exact Poisson interval (Garwood)") && $0.contains("after the counting") })
        #expect(notes.contains("matched ignoring case: Yorkshire and The Humber = Yorkshire and the Humber"))
    }

    @Test func aConditionCountsOnlyItsRows() throws {
        let result = try Self.session().result(
            "rate of reviews join authorities where judgement = inadequate group by region per 100000 people from population")
        let northEast = try #require((0..<result.table.rowCount).first { ValueFormatter.plain(result.table.columns[0].value(at: $0)) == "North East" })
        #expect(result.table.columns[1].value(at: northEast) == .integer(1))
        #expect(Self.close(result.table.columns[4].value(at: northEast).number, 0.0009830474852))
        #expect(Self.close(result.table.columns[5].value(at: northEast).number, 0.2163374502))
        #expect(result.totalRow?[1] == .integer(59))
        #expect(Self.close(result.totalRow?[3].number, 0.1130346566))
    }

    @Test func withoutGroupsOneRateOfTheWholePopulation() throws {
        let result = try Self.session().result("rate of reviews per 100000 people from population")
        #expect(result.summary == "173 of 52196381 = 0.33 per 100,000 (95% CI 0.28 to 0.38)")
        #expect(result.notes.map(\.text).contains("people is the sum of all 9 rows of population"))
    }

    /// A population table with a total row and a region with no reviews, and one without population.
    @Test func unmatchedGroupsOnBothSidesAreSaid() throws {
        let session = Self.session()
        let csv = "area,people\nNorth East,100000\nNorth East,50000\nLondon,200000\nWales,300000\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-population-\(getpid()).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = session.run("load \"\(path)\" as areas")
        let result = try session.result("rate of reviews join authorities group by region per 10000 people from areas on area")
        let rows = Dictionary(uniqueKeysWithValues: (0..<result.table.rowCount).map {
            (ValueFormatter.plain(result.table.columns[0].value(at: $0)), result.table.row($0)) })
        #expect(rows["North East"]?[2] == .integer(150000))
        #expect(rows["Wales"]?[1] == .integer(0))
        #expect(rows["South East"]?[2] == .missing && rows["South East"]?[3] == .missing)
        // The total is of the groups with a population: 7 + 28 reviews of 650,000 people.
        #expect(result.totalRow?[1] == .integer(35) && result.totalRow?[2] == .integer(650000))
        let notes = result.notes.map(\.text)
        #expect(notes.contains("Wales of the population has no reviews: shown with a count of 0"))
        #expect(notes.contains { $0.hasPrefix("no population in areas for East Midlands") && $0.hasSuffix("left out of the total") })
        #expect(notes.contains("people is the sum of 4 rows of areas, by the 3 values of area"))
    }

    /// Under suppression a small count hides its rate, and the total row goes (it would give
    /// the hidden count away: 173 less the others is North East's 7).
    @Test func suppressionHidesSmallCountsAndTheTotal() throws {
        let session = Self.session()
        _ = session.run("set suppress below 10")
        let result = try session.result("rate of reviews join authorities group by region per 100000 people from population")
        let northEast = try #require((0..<result.table.rowCount).first { ValueFormatter.plain(result.table.columns[0].value(at: $0)) == "North East" })
        #expect(result.suppressed.contains(.init(row: northEast, column: 1)))
        #expect(result.suppressed.contains(.init(row: northEast, column: 3)))
        #expect(result.totalRow == nil)
        #expect(result.notes.map(\.text).contains("no total row: with the groups shown, it would give the hidden counts away"))
    }

    @Test(arguments: [
        ("rate of reviews join authorities group by region, type per 100000 people from population",
         "a rate with a population takes one group"),
        ("rate of reviews join authorities group by type per 100000 people from population",
         "population has no column type to match the groups with (its columns: region, people)"),
        ("rate of reviews join authorities group by authority per 100000 people from population on region",
         "none of the 97 values of authority is a value of region in population"),
        ("rate of reviews join authorities group by region per 100000 region from population",
         "region in population must hold whole numbers of people"),
        ("rate of reviews join authorities group by year(letter_date) per 100000 people from population",
         "the group is worked out"),
        ("rate of reviews join authorities group by region", "a rate of a dataset needs its population"),
    ])
    func refusals(_ statement: String, _ message: String) {
        let outcome = Self.session().run(statement).last!
        #expect(outcome.failed)
        #expect(outcome.diagnostics.first?.message.hasPrefix(message) == true, "\(outcome.diagnostics.first?.message ?? "")")
    }
}
