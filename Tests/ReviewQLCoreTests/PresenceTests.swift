import Testing
@testable import ReviewQLCore

/// `with` and `without` another dataset (semi- and anti-joins). The expected numbers were
/// worked out with pandas from the bundled CSV files, keys compared ignoring case and spaces:
///
///     a = pd.read_csv("Data/authorities.csv"); r = pd.read_csv("Data/reviews.csv")
///     norm = lambda x: x.astype(str).str.strip().str.lower()
///     has = norm(a.name).isin(set(norm(r.authority)))
///     (~has).sum(), has.sum()                                   # 53, 97
///     a[~has].groupby("region").size()                           # London 12, North West 8 ...
///     norm(a.name).isin(set(norm(r[r.judgement == "Inadequate"].authority))).sum()   # 42
///     s = pd.read_csv("Data/statements.csv"); l = a[a.region == "London"]
///     (~norm(l.name).isin(set(norm(s.board)))).sum()             # 27
@Suite struct PresenceTests {
    func rows(_ text: String) throws -> Table {
        let outcome = Bundled.session().run(text).last!
        guard case .result(let result)? = outcome.output else {
            Issue.record("no result for \(text): \(outcome.diagnostics.map(\.message))")
            return Table(name: "", columns: [])
        }
        return result.table
    }

    func single(_ text: String) throws -> Value { try rows(text).columns[0].value(at: 0) }

    @Test func authoritiesWithoutAReview() throws {
        #expect(try single("count authorities without reviews") == .integer(53))
        #expect(try rows("list authorities without reviews").rowCount == 53)
        #expect(try single("count authorities with reviews") == .integer(97))
    }

    @Test func byRegion() throws {
        let table = try rows("count authorities without reviews group by region")
        let counts = Dictionary(uniqueKeysWithValues: (0..<table.rowCount).map {
            (ValueFormatter.plain(table.columns[0].value(at: $0)), table.columns[1].value(at: $0))
        })
        #expect(counts["London"] == .integer(12))
        #expect(counts["North West"] == .integer(8))
        #expect(counts["East Midlands"] == .integer(2))
        #expect(counts.values.compactMap(\.number).reduce(0, +) == 53)
    }

    @Test func onlySomeOfTheOtherRows() throws {
        #expect(try single("count authorities with (reviews where judgement = inadequate)") == .integer(42))
        // The same as counting the different authorities with an inadequate review.
        #expect(try single("count distinct authority from reviews where judgement = inadequate") == .integer(42))
        #expect(try rows("list name from authorities without statements on name = board where region = London").rowCount == 27)
    }

    @Test func theNotesSayWhatWasKeptAndHow() {
        let outcome = Bundled.session().run("count authorities without reviews").last!
        guard case .result(let result)? = outcome.output else { Issue.record("no result"); return }
        #expect(result.notes.contains(.presence(kept: 53, of: 150, dataset: "authorities", other: "reviews",
                                                leftColumn: "name", rightColumn: "authority", without: true)))
    }

    /// A row whose key is missing matches nothing: `without` keeps it and says so, as NOT EXISTS does.
    @Test func aMissingKeyMatchesNothing() {
        let session = Bundled.session()
        let people = Table(name: "people", columns: [
            Column(name: "authority", values: [.text("Norfolk"), .missing, .text("Nowhere")]),
        ])
        session.add(Dataset(table: people, path: "people.csv"))
        guard case .result(let without)? = session.run("count people without reviews").last?.output,
              case .result(let with)? = session.run("count people with reviews").last?.output else {
            Issue.record("no result")
            return
        }
        #expect(without.table.columns[0].value(at: 0) == .integer(2))
        #expect(with.table.columns[0].value(at: 0) == .integer(1))
        #expect(without.notes.contains(.presenceKeyMissing(rows: 1, dataset: "people", column: "authority", other: "reviews", without: true)))
    }

    @Test func problems() {
        let itself = Bundled.session().run("list reviews without reviews").last!
        #expect(itself.failed)
        #expect(itself.diagnostics.first?.message.contains("every row would match itself") == true)
        let noKeys = Bundled.session().run("count reviews without statements").last!
        #expect(noKeys.failed)
        #expect(noKeys.diagnostics.first?.help?.contains("without statements on authority = board") == true)
        // `with` and a word that is no dataset: both meanings of `with` are said.
        let neither = Bundled.session().run("count reviews with everything").last!
        #expect(neither.failed)
        #expect(neither.diagnostics.first?.notes.first?.contains("ci, chi-square") == true)
    }

    @Test(arguments: ["count reviews with ci", "count reviews group by judgement with ci",
                      "count reviews group by authority order by count desc limit 3 with ties"])
    func withListsStillRead(_ text: String) throws {
        let statement = try Parser.parse(text)
        guard case .query(let query) = statement else { Issue.record("not a query"); return }
        #expect(query.presence.isEmpty)
    }
}
