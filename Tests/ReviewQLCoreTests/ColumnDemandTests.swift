import Foundation
import Testing
@testable import ReviewQLCore

/// A one-off run reads only the columns its statements can use (`ColumnDemand`, and the fast
/// reader's `reading:`), and must answer, and fail, exactly as a run that reads them all.
@Suite struct ColumnDemandTests {
    /// The columns of `dataset` that `text` reads, of those given; nil for every column.
    func read(_ text: String, _ dataset: String = "big",
              of columns: [String] = ["id", "authority", "region", "Judgement", "letter_date", "died"]) -> [String]? {
        ColumnDemand(statements: text).columns(of: dataset).map { wanted in columns.filter(wanted) }
    }

    @Test func aQueryReadsTheColumnsItNames() {
        #expect(read("count big where judgement = inadequate group by authority") == ["authority", "Judgement"])
        #expect(read("COUNT BIG WHERE JUDGEMENT = INADEQUATE GROUP BY AUTHORITY") == ["authority", "Judgement"])
        #expect(read("count big") == [])
        #expect(read("average children from big where `region` = \"x\" group by year(letter_date)") == ["region", "letter_date"])
        // A name is read wherever it is written, even where it is a value or a word of the language.
        #expect(read("count big where authority = region") == ["authority", "region"])
        #expect(read("count big where judgement = \"died\"") == ["Judgement", "died"])
        // Every statement of the run counts.
        #expect(read("count big group by region; count big group by died") == ["region", "died"])
        #expect(read("explain count big group by region") == ["region"])
        #expect(read("show sql count big group by region") == ["region"])
        #expect(read("proportion of big where died = yes group by region") == ["region", "died"])
        #expect(read("count big group by region; set format csv; save last to \"out.csv\"; help; quit") == ["region"])
    }

    @Test func everyColumnWhenAStatementMaySeeThemAll() {
        #expect(read("list big") == nil)
        #expect(read("list distinct big limit 3") == nil)
        #expect(read("count big join authorities group by region") == nil)
        #expect(read("count authorities join big") == nil)
        // `with` and `without` match on key columns the statement need not name.
        #expect(read("count big without authorities") == nil)
        #expect(read("count authorities with (big where died = yes)") == nil)
        #expect(read("count big group by region; describe big") == nil)
        #expect(read("datasets") == nil)
        #expect(read("load \"other.csv\" as big") == nil)
        #expect(read("record \"lesson.md\"; count big") == nil)
        // A statement that does not parse: the run reports it, with every column there.
        #expect(read("count big group by") == nil)
        #expect(read("count big where \"unclosed") == nil)
    }

    @Test func listingOrJoiningAnotherDatasetLeavesThisOneAlone() {
        #expect(read("list reviews; count big group by region") == ["region"])
        #expect(read("count reviews join authorities; count big group by died") == ["died"])
        #expect(read("list reviews", "reviews") == nil)
    }

    /// The synthetic table of the random cross-check, as CSV.
    static let syntheticCSV: [UInt8] = {
        let table = Synthetic.dataset(rows: 2_000, seed: 20_261_124).table
        return Array((ResultWriter.delimited(QueryResult(table: table), separator: ",") + "\n").utf8)
    }()

    /// The synthetic table read by the fast reader in three pieces, wanting the columns `wanted`.
    static func synthetic(reading wanted: ((String) -> Bool)?) -> Dataset {
        let table = syntheticCSV.withUnsafeBytes { memory in
            ParallelCSVReader.read(ByteSource(memory: memory), name: "synthetic", pieceCount: 3, windowSize: 4096,
                                   sampleRows: 100, reading: wanted)
        }
        return Dataset(table: table!, path: "synthetic.csv")
    }

    /// What a session shows for `text`: each outcome's result (or text) and its messages.
    static func shown(_ text: String, in session: Session) -> [String] {
        session.run(text).map { outcome in
            var lines: [String] = []
            switch outcome.output {
            case .result(let result)?: lines.append(ResultWriter.delimited(result, separator: ","))
            case .explained(let sentence, let result)?: lines += [sentence, ResultWriter.delimited(result, separator: ",")]
            case .text(let text)?: lines.append(text)
            default: lines.append(String(describing: outcome.output))
            }
            for diagnostic in outcome.diagnostics { lines.append(DiagnosticRenderer.render(diagnostic)) }
            return lines.joined(separator: "\n")
        }
    }

    /// Random queries (the cross-check's generator), and misspelt ones, each run twice: over the
    /// synthetic table read whole, and read with only the columns the query can use. Results,
    /// errors and suggestions must be the same.
    @Test func leavingColumnsOutChangesNoAnswerAndNoMessage() {
        let full = Bundled.session()
        full.add(Self.synthetic(reading: nil))
        var generator = QueryGenerator(session: full, seed: 20_261_124)
        var queries = (0..<300).map { _ in generator.next() }
        queries += ["count synthetic group by plase", "sum scor from synthetic", "count synthetic where levle = good",
                    "count synthetic group by nothing_like_it", "list plac from synthetic",
                    "explain count synthetic where flag = yes group by level",
                    "show sql average score from synthetic group by n"]
        var pruned = 0
        for query in queries {
            let wanted = ColumnDemand(statements: query).columns(of: "synthetic")
            let partial = Bundled.session()
            partial.add(Self.synthetic(reading: wanted))
            if partial.datasets.last!.table.columnsInFile != nil { pruned += 1 }
            #expect(Self.shown(query, in: partial) == Self.shown(query, in: full), "differs when columns are left out: \(query)")
        }
        // Most queries need only some of the six columns.
        #expect(pruned > queries.count / 2, "only \(pruned) of \(queries.count) queries left a column out")
    }

    @Test func theTableNamesTheColumnsLeftOut() throws {
        let table = Self.synthetic(reading: { $0 == "level" || $0 == "seen" }).table
        #expect(table.columns.map(\.name) == ["level", "seen"])
        #expect(table.columnsInFile == ["place", "level", "score", "n", "seen", "flag"])
        #expect(table.allColumnNames == ["place", "level", "score", "n", "seen", "flag"])
        #expect(table.rowCount == 2_000)
        let whole = Self.synthetic(reading: nil).table
        #expect(whole.columnsInFile == nil)
        for name in ["level", "seen"] {
            let a = try #require(table.column(named: name)), b = try #require(whole.column(named: name))
            #expect(a.type == b.type && a.dictionary == b.dictionary)
            #expect((0..<2_000).allSatisfy { a.value(at: $0) == b.value(at: $0) })
        }
    }

    // MARK: - The program

    /// A file big enough for the fast reader (over 1 MB): 40,000 rows whose `extra` column is
    /// empty for the first 2,000 (so the sample cannot tell its type) and a date after that,
    /// with `bad` written at row 39,000 of `extra`.
    static func bigFile(_ name: String, extraAt39000 bad: String) throws -> URL {
        var random = SplitMix(seed: 39_000)
        var text = "id,authority,region,judgement,children,extra\n"
        let places = ["Norfolk", "Leeds", "York", "Barking & Dagenham", "Kingston"]
        for row in 1...40_000 {
            let extra = row <= 2_000 ? "" : row == 39_000 ? bad : String(format: "%02d/%02d/2009", 1 + random.below(28), 1 + random.below(12))
            text += "\(row),\(random.pick(places)),\(random.pick(["North", "South"])),\(random.pick(Synthetic.levels)),\(random.below(5)),\(extra)\n"
        }
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("reviewql-demand-\(UUID().uuidString)-\(name)")
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as! Int > ParallelCSVReader.minimumFileSize)
        return file
    }

    @Test func theProgramAnswersAsWithEveryColumn() throws {
        let file = try Self.bigFile("good.csv", extraAt39000: "01/01/2010")
        defer { try? FileManager.default.removeItem(at: file) }
        let here = URL(fileURLWithPath: NSTemporaryDirectory())
        let query = "count big where judgement = inadequate group by authority"
        // `datasets` shows every column, so this run reads them all.
        let whole = try ReviewQLProcess.run(["--load", "big=\(file.path)", "-c", query + "; datasets"], directory: here)
        let partial = try ReviewQLProcess.run(["--load", "big=\(file.path)", "-c", query], directory: here)
        #expect(whole.status == 0 && partial.status == 0)
        #expect(!partial.stdout.isEmpty && whole.stdout.hasPrefix(partial.stdout))
        #expect(whole.stdout.contains("40000"))
        // A misspelt column is matched against every column of the file, read or not.
        let misspelt = try ReviewQLProcess.run(["--load", "big=\(file.path)", "-c", "count big group by regoin"], directory: here)
        #expect(misspelt.status == 1)
        #expect(misspelt.stderr.contains("unknown column \"regoin\" in big"))
        #expect(misspelt.stderr.contains("did you mean \"region\"?"))
        let unlike = try ReviewQLProcess.run(["--load", "big=\(file.path)", "-c", "count big group by zzzz"], directory: here)
        #expect(unlike.stderr.contains("the columns of big are: id, authority, region, judgement, children, extra"))
        // A script file is a one-off run too.
        let script = here.appendingPathComponent("reviewql-demand-\(UUID().uuidString).rql")
        try (query + "\n").write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let scripted = try ReviewQLProcess.run(["--load", "big=\(file.path)", script.path], directory: here)
        #expect(scripted.stdout == partial.stdout)
    }

    /// An impossible date stops the load even in a column the statements never name, and even
    /// when the sample saw no value in it.
    @Test func anImpossibleDateIsReportedInAColumnNotAskedFor() throws {
        let file = try Self.bigFile("bad.csv", extraAt39000: "31/02/2009")
        defer { try? FileManager.default.removeItem(at: file) }
        let here = URL(fileURLWithPath: NSTemporaryDirectory())
        let whole = try ReviewQLProcess.run(["--load", "big=\(file.path)", "-c", "datasets"], directory: here)
        let partial = try ReviewQLProcess.run(["--load", "big=\(file.path)", "-c", "count big group by region"], directory: here)
        #expect(whole.status == 1 && partial.status == 1)
        #expect(partial.stderr.contains("\"31/02/2009\" is not a real date: February 2009 has 28 days"))
        #expect(partial.stderr == whole.stderr)
        #expect(partial.stdout.isEmpty)
    }
}
