import Foundation
import Testing
@testable import ReviewQLCore

/// The fast ways of issue 19's second part, each answered twice in one session (through the
/// kernels and through the general path alone, as `KernelDifferentialTests` does) and checked
/// identical: blocks skipped by their smallest and largest values (`ZoneMap`), yes/no compared
/// a word at a time, `order by … limit` by partial sort (`PartialSort`), a join's index kept
/// with its key column (`JoinIndex`).
///
/// The table has 20,000 rows, five blocks of 4,096: an `id` in row order with one whole block
/// and scattered cells missing, a wide integer and a date that rise with the rows, decimals,
/// yes/no and small integers with missing cells, and repeated values for ties.
@Suite struct VectorDifferentialTests {
    /// The file's own counts, taken while writing it, for the checks that need no evaluator.
    struct Counts {
        var idsFrom4000To4200 = 0
        var died = 0
        var diedWithFourChildren = 0
    }

    static let (datasets, counts): ([Dataset], Counts) = {
        var state: UInt64 = 1_919
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        let start = day.date(from: "2007-01-01")!
        let authorities = KernelDifferentialTests.authorities
        var counts = Counts()
        var csv = "id,stamp,letter_date,score,died,children,authority\n"
        for row in 0..<20_000 {
            let id = row + 1
            let idMissing = (8_192..<12_288).contains(row) || next(100) == 0
            let date = day.string(from: start.addingTimeInterval(Double(row / 10 + next(5)) * 86_400))
            let died = next(100) < 5 ? nil : next(2) == 0
            let children = next(100) < 5 ? nil : 1 + next(6)
            let authority = authorities[next(authorities.count)]
            if !idMissing && (4_000...4_200).contains(id) { counts.idsFrom4000To4200 += 1 }
            if died == true { counts.died += 1 }
            if died == true, let children, children >= 4 { counts.diedWithFourChildren += 1 }
            let fields = [
                idMissing ? "" : "\(id)", "\(Int64(id) * 10_000_000_000)", next(100) < 3 ? "" : date,
                next(100) < 5 ? "" : String(format: "%.1f", Double(next(2_001) - 1_000) / 10),
                died.map { $0 ? "Yes" : "No" } ?? "", children.map(String.init) ?? "",
                authority.contains(",") ? "\"\(authority)\"" : authority,
            ]
            csv += fields.joined(separator: ",") + "\n"
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-vector-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try! Data(csv.utf8).write(to: folder.appendingPathComponent("d.csv"))
        let session = Session()
        try! session.load(path: folder.appendingPathComponent("d.csv").path, as: "d")
        try? FileManager.default.removeItem(at: folder)
        return (session.datasets, counts)
    }()

    static var session: Session {
        let session = Session()
        for dataset in datasets { session.add(dataset) }
        return session
    }

    /// Ranges that skip blocks (an id in the missing block, at either end, outside the column),
    /// ranges under `and`, `or` and `not`, yes/no conditions with missing cells.
    static let conditions = [
        "list d where id = 12345", "list d where id = 9000", "list d where id = 1", "list d where id = 20000",
        "list d where id = 0", "list d where id = 20001", "count d where id between 4000 and 4200",
        "count d where id > 19990", "count d where id < 5", "count d where id != 7", "count d where id in (3, 9000, 15000)",
        "count d where not id = 5", "count d where id = 5 or died = yes", "count d where id >= 100 and died = no",
        "count d where id >= 8000 and id <= 12500 group by died", "count d where id is missing or id > 19000",
        "count d where stamp >= 150000000000000 group by children", "list id, stamp from d where stamp = 10000000000",
        "count d where letter_date >= 2010-01-01 group by year(letter_date)", "count d where letter_date < 2007-02-01",
        "count d where letter_date between 2008-03-01 and 2008-03-31", "count d where score > 99.5",
        "count d where score between -0.5 and 0.5 group by died", "count d where score < -99.5 or id = 17",
        "count d where died = yes", "count d where died = no", "count d where died != yes", "count d where not died = yes",
        "count d where died = yes and children >= 4", "count d where died is missing",
        "count d where died = yes or died is missing group by children", "count d where died = no group by authority",
    ]

    /// Partial sorts: ties kept and cut, descending, several keys, missing values last, text.
    static let orders = [
        "list id, children from d order by children limit 5",
        "list id, children from d order by children desc limit 5 with ties",
        "list id, score from d order by score limit 7",
        "list id, score from d order by score desc, id limit 10",
        "list id, letter_date from d where died = yes order by letter_date desc limit 3",
        "list id, authority from d order by authority limit 4 with ties",
        "list id, children, score from d order by children, score desc limit 12",
        "list id from d order by id desc limit 2",
        "list id, children from d where children is missing order by children limit 3",
        "list id, children from d where children is missing order by children limit 3 with ties",
        "list id, died from d order by died desc, letter_date limit 6",
    ]

    /// Totals merged from the groups' measures (counts, integer sums, min and max of integers,
    /// dates, yes/no and text) beside ones worked out again (decimal sums, averages, medians).
    static let totals = [
        "count children, sum children, min children, max children from d group by died",
        "min letter_date, max letter_date, min authority, max authority, min died, max died from d group by children",
        "sum stamp, count stamp, sum score, average children, median children from d where id > 100 group by authority",
        "sum children, max score from d where died = yes group by year(letter_date)",
        "sum children from d where id is missing group by died, children",
        "sum children, count children from d group by died, children",
    ]

    @Test(arguments: conditions + orders + totals)
    func kernelsGiveTheGeneralPathsAnswer(_ text: String) {
        let session = Self.session
        let general = KernelDifferentialTests.answer(text, kernels: false, session: session)
        let fast = KernelDifferentialTests.answer(text, kernels: true, session: session)
        // Again in the same session, with the zone maps already worked out.
        let again = KernelDifferentialTests.answer(text, kernels: true, session: session)
        #expect(!general.hasPrefix("error"), "the query itself failed: \(text)\n\(general)")
        #expect(fast == general, "\(text)\nkernels:\n\(fast)\ngeneral path:\n\(general)")
        #expect(again == general, "\(text), run again:\n\(again)\ngeneral path:\n\(general)")
    }

    /// Counts checked against the file as it was written, not against either path.
    @Test func countsMatchTheFile() {
        let session = Self.session
        func count(_ text: String) -> String {
            KernelDifferentialTests.answer(text, kernels: true, session: session).split(separator: "\n")[1].description
        }
        #expect(count("count d where id between 4000 and 4200") == "\(Self.counts.idsFrom4000To4200)")
        #expect(count("count d where died = yes") == "\(Self.counts.died)")
        #expect(count("count d where died = yes and children >= 4") == "\(Self.counts.diedWithFourChildren)")
    }

    /// The blocks really are skipped: the id column's zone map knows the missing block is
    /// empty and each other block's ids, and a point lookup needs one block only.
    @Test func zoneMapsSkipBlocks() throws {
        let table = Self.datasets[0].table
        let idIndex = try #require(table.columnIndex(named: "id"))
        let id = table.columns[idIndex]
        let condition = FastCondition(.compare(.equal, .column(idIndex), .constant(.integer(12_345))), table: table,
                                      compiled: CompiledExpressions(table: table))
        let blocks = (0..<5).filter { condition.mayHold(block: $0) }
        #expect(blocks == [3])
        let zones = try #require(id.facts.zoneMap(id))
        let (lowest, highest): (Int64, Int64) = (.min, .max)
        #expect(!zones.mayHold(block: 2, low: lowest, high: highest))
        // A column changed in place forgets what was worked out about its old values.
        var changed = id
        changed.storage = .integer(.narrow([Int32](repeating: 7, count: id.count)))
        let changedZones = try #require(changed.facts.zoneMap(changed))
        let wanted: Int64 = 12_345
        #expect(!changedZones.mayHold(block: 3, low: wanted, high: wanted))
    }

    /// A join's index is kept with the key column for the session, and a dataset loaded again
    /// under the same name is joined by its new rows, not the index of the old ones.
    @Test func joinIndexFollowsTheDatasetLoaded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-vector-join-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) -> String {
            let url = folder.appendingPathComponent(name)
            try! Data(text.utf8).write(to: url)
            return url.path
        }
        let first = write("la1.csv", "authority,la_type\nLeeds,city\nNorfolk,county\nRutland,county\n")
        let second = write("la2.csv", "authority,la_type\nLeeds,metropolitan\nNorfolk,shire\nDevon,shire\n")
        let twice = write("la3.csv", "authority,la_type\nLeeds,city\nleeds ,county\n")
        let query = "count d join la group by la_type"
        let session = Self.session
        _ = try session.load(path: first, as: "la")
        let before = KernelDifferentialTests.answer(query, kernels: true, session: session)
        #expect(before == KernelDifferentialTests.answer(query, kernels: true, session: session))
        _ = try session.load(path: second, as: "la")
        let after = KernelDifferentialTests.answer(query, kernels: true, session: session)
        let fresh = Self.session
        _ = try fresh.load(path: second, as: "la")
        #expect(after == KernelDifferentialTests.answer(query, kernels: false, session: fresh))
        #expect(after != before)
        #expect(after.contains("metropolitan") && !after.contains("city"))
        _ = try session.load(path: twice, as: "la")
        let refused = KernelDifferentialTests.answer(query, kernels: true, session: session)
        #expect(refused.hasPrefix("error"), "\(refused)")
        #expect(refused == KernelDifferentialTests.answer(query, kernels: true, session: session))
    }
}
