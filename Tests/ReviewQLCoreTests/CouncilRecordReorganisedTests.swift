import Foundation
import Testing

/// `queries/council_record.rql` for authorities whose area changed since 2009, run as a
/// journalist runs it (`reviewql council_record.rql --set authority=Dorset`): the inspections
/// it lists as the authority's own are those of its DfE code, never of today's council that
/// took its name (Dorset: 835 in 2008-09, 838 since 2019), and the councils that took over its
/// area are listed apart. Every expected row count comes from the CSV files in `Data/`, read
/// by Python's `csv` module.
@Suite(.enabled(if: ExternalTools.hasPython, "needs python3"))
struct CouncilRecordReorganisedTests {
    /// The rows of each of the record's first six tables, in order: its reviews, its statements,
    /// its own inspections (twice: judgements, then addresses), its reorganisations, and the
    /// inspections of the councils that took over its area, with those councils' names.
    static func expectedCounts(_ authority: String) throws -> (counts: [Int], successors: [String]) {
        let run = try ExternalTools.run("python3", ["-c", """
            import csv, json, sys
            data, name = sys.argv[1], sys.argv[2].lower()
            def rows(f): return list(csv.DictReader(open(data + "/" + f, encoding="utf-8")))
            reviews = [r for r in rows("reviews.csv") if r["authority"].lower() == name]
            statements = [r for r in rows("statements.csv") if r["board"].lower() == name]
            codes = {r["la_code"] for r in rows("authorities.csv") if r["name"].lower() == name}
            inspections = rows("inspections.csv")
            own = [r for r in inspections if r["la_code"] in codes]
            changes = [r for r in rows("reorganisations.csv") if r["authority"].lower() == name]
            new_codes = {r["new_la_code"] for r in changes}
            successors = [r for r in inspections if r["la_code"] in new_codes]
            print(json.dumps({"counts": [len(reviews), len(statements), len(own), len(own), len(changes), len(successors)],
                              "successors": sorted({r["authority"] for r in successors})}))
            """, Bundled.dataFolder, authority])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return (try #require(json["counts"] as? [Int]), try #require(json["successors"] as? [String]))
    }

    /// The `N rows` line under each table of the record, in order.
    static func rowCounts(_ output: String) -> [Int] {
        output.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard words.count == 2, words[1] == "rows" || words[1] == "row" else { return nil }
            return Int(words[0])
        }
    }

    @Test(arguments: ["Dorset", "Cheshire", "Bedfordshire", "Norfolk"])
    func theRecordMatchesByCodeAndListsTheSuccessorsApart(_ authority: String) throws {
        let run = try ReviewQLProcess.run(["council_record.rql", "--set", "authority=\(authority)"],
                                          directory: GoldenTests.queriesFolder)
        #expect(run.status == 0, "\(run.stderr)")
        let (counts, successors) = try Self.expectedCounts(authority)
        #expect(Array(Self.rowCounts(run.stdout).prefix(6)) == counts, "\(run.stdout)")
        for council in successors {
            #expect(run.stdout.contains("│ \(council) "), "\(council) is among the councils that took over \(authority)'s area")
        }
        // Each table of inspections says by which columns its rows were matched.
        #expect(run.stdout.contains("inspections have a matching row in authorities where name is \(authority) (la_code = la_code"))
        #expect(run.stdout.contains("inspections have a matching row in reorganisations where authority is \(authority) (la_code = new_la_code"))
    }

    @Test func todaysDorsetIsNotTheCountyOf2008() throws {
        let (counts, successors) = try Self.expectedCounts("Dorset")
        // By name, inspections has two reports of a "Dorset": today's council (838). None of
        // them is the county's (835), so the record lists none as Dorset's own...
        #expect(counts[2] == 0)
        // ... and lists today's Dorset and Bournemouth, Christchurch and Poole as the councils
        // that took over its area.
        #expect(successors == ["Bournemouth, Christchurch and Poole", "Dorset"])
        #expect(counts[5] > 0)
    }
}
