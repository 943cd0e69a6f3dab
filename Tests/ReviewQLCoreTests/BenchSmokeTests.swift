import Foundation
import Testing
@testable import ReviewQLCore

/// The benchmark's query (bench/run.sh) on a small file, in process: a deterministic file of
/// 100,000 reviews like bench/gen_reviews.py's (quoted authorities with commas included),
/// large enough to be read in parallel pieces, and every count checked against the counts kept
/// while the file was written. No timings: those are for bench/run.sh.
@Suite struct BenchSmokeTests {
    static let authorities = [
        "Barking & Dagenham", "Bristol, City of", "Cheshire West & Chester", "Durham", "Herefordshire, County of",
        "Kingston upon Hull, City of", "Leeds", "Newcastle upon Tyne", "Norfolk", "Redcar & Cleveland",
        "Richmond upon Thames", "St Helens", "Stockton-on-Tees", "Telford & Wrekin", "Windsor & Maidenhead", "York",
    ]
    static let judgements = ["Inadequate", "Adequate", "Good", "Outstanding"]

    /// The file's text and, per authority, how many of its rows are judged inadequate.
    static func reviews(rows: Int) -> (csv: String, inadequate: [String: Int64]) {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            // SplitMix64: the same numbers on every machine.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        var csv = "id,authority,region,judgement,letter_date,children,died,independent_author\n"
        var inadequate: [String: Int64] = [:]
        for id in 1...rows {
            let authority = authorities[next(authorities.count)]
            let weight = next(100)
            let judgement = judgements[weight < 34 ? 0 : weight < 77 ? 1 : weight < 99 ? 2 : 3]
            if judgement == "Inadequate" { inadequate[authority, default: 0] += 1 }
            let field = authority.contains(",") ? "\"\(authority)\"" : authority
            let day = 1 + next(28), month = 1 + next(12), year = 2007 + next(6)
            let date = (day < 10 ? "0" : "") + "\(day)/" + (month < 10 ? "0" : "") + "\(month)/\(year)"
            csv += "\(id),\(field),Region \(next(9)),\(judgement),\(date),\(1 + next(5)),\(next(2) == 0 ? "Yes" : "No"),"
                + "\(next(2) == 0 ? "Yes" : "No")\n"
        }
        return (csv, inadequate)
    }

    @Test func theBenchQueryCountsEveryInadequateReview() throws {
        let (csv, expected) = Self.reviews(rows: 100_000)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-bench-\(UUID().uuidString).csv").path
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(csv.utf8.count > ParallelCSVReader.minimumFileSize, "big enough for the parallel reader")

        let session = Session()
        try session.load(path: path, as: "big")
        #expect(try session.number("count big") == 100_000)
        let counts = try session.counts("count big where judgement = inadequate group by authority")
        #expect(counts == expected)
        #expect(counts.count == Self.authorities.count)
        #expect(try session.number("count big where judgement = inadequate") == Double(expected.values.reduce(0, +)))
        // The general path (a condition on a number, row by row) agrees with the fast one.
        let byRows = try session.counts("count big where judgement = inadequate and children >= 1 group by authority")
        #expect(byRows == expected)
    }
}
