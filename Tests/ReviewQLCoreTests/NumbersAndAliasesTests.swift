import Foundation
import Testing
@testable import ReviewQLCore

/// Issue 14, parts 2 and 11: numbers held as text are not compared or sorted as numbers
/// silently, and a value that is an alias gets the name it stands for as "did you mean".
@Suite struct NumbersAndAliasesTests {
    /// A session with a small table shaped like an official statistics download: counts with
    /// "c" (suppressed) and "x" (not available) among them.
    static func statisticsSession() -> Session {
        let session = Bundled.session()
        let names = ["Kent", "Richmond upon Thames", "York", "Bromley", "City of London"]
        let counts = ["11247", "964", "917", "x", "c"]
        session.add(Dataset(table: Table(name: "cin", columns: [
            Column(name: "la_name", values: names.map { .text($0) }),
            Column(name: "n", values: counts.map { .text($0) }),
            Column(name: "code", values: ["0123", "0456", "0789", "0012", "0034"].map { .text($0) }),
        ]), path: "cin.csv"))
        return session
    }

    static func diagnostics(_ session: Session, _ text: String) -> [Diagnostic] {
        session.run(text).flatMap(\.diagnostics)
    }

    // MARK: Numbers held as text

    @Test(arguments: ["count cin where n > 1000", "count cin where n <= 5.5", "count cin where n between 900 and 1000",
                      "count cin where 1000 < n", "count cin where n not between 1 and 2",
                      "count cin where n > \"1000\"", "count cin where n between \"900\" and \"1000\""])
    func orderingTextAgainstANumberIsAnError(_ query: String) throws {
        let errors = Self.diagnostics(Self.statisticsSession(), query).filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("n is text, not a number: it holds values such as \"x\" and \"c\"") == true)
    }

    @Test func equalityAndListsStillMatchText() throws {
        let session = Self.statisticsSession()
        #expect(try session.result("count cin where n = 964").table.row(0) == [.integer(1)])
        #expect(try session.result("count cin where n in (c, x)").table.row(0) == [.integer(2)])
        #expect(try session.result("count cin where n != 964").table.row(0) == [.integer(4)])
        #expect(try session.result("count cin where code = \"0123\"").table.row(0) == [.integer(1)])
    }

    /// Text without an ordered scale has no order but the alphabet's, which is never what
    /// `judgement >= adequate` means: ordering it is an error that says how to give it one.
    @Test(arguments: ["count cin where code > \"0400\"", "count cin where la_name > \"M\"",
                      "count cin where la_name between a and m"])
    func orderingTextWithoutAScaleIsAnError(_ query: String) {
        let errors = Self.diagnostics(Self.statisticsSession(), query).filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("is text with no order") == true)
        #expect(errors.first?.help?.contains("set scale of") == true)
    }

    @Test func codesWithLeadingZerosAreNamedAsSuch() {
        let errors = Self.diagnostics(Self.statisticsSession(), "count cin where code > 100").filter { $0.severity == .error }
        #expect(errors.first?.message.contains("numbers kept as text") == true)
    }

    @Test func theHelpFitsWhatTheColumnHolds() {
        let session = Self.statisticsSession()
        func help(_ query: String) -> String? { Self.diagnostics(session, query).first { $0.severity == .error }?.help }
        #expect(help("count cin where n > 1000")?.hasPrefix("to read it as numbers, load a copy of the file") == true)
        #expect(help("count cin where la_name > 5") == "compare la_name with text, e.g. la_name = \"Kent\"")
        #expect(help("count cin where code > 100") == "= and in match code as text, as written")
    }

    @Test(arguments: [("max n from cin", "max"), ("min n from cin", "min"),
                      ("list la_name from cin order by n desc", "order by"),
                      ("count cin group by n order by n", "order by"),
                      ("count cin group by la_name order by max n desc", "max")])
    func sortingNumbersAsTextWarns(_ query: String, _ use: String) {
        let warnings = Self.diagnostics(Self.statisticsSession(), query).filter { $0.severity == .warning }
        #expect(warnings.map(\.message) == ["n is text, so \(use) compares it letter by letter, not as numbers: \"964\" comes after \"11247\""])
    }

    @Test(arguments: ["sum", "average", "median"])
    func aSumOfNumbersAmongSymbolsNamesTheSymbols(_ function: String) {
        let errors = Self.diagnostics(Self.statisticsSession(), "\(function) n from cin").filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["\(function) needs a numeric column, but n is text: it holds values such as \"x\" and \"c\" that are not numbers"])
        #expect(errors.first?.help?.hasPrefix("to read it as numbers") == true)
    }

    @Test(arguments: ["list la_name from cin order by la_name", "max la_name from cin", "list code from cin order by code"])
    func sortingWordsOrEqualWidthCodesDoesNotWarn(_ query: String) {
        #expect(Self.diagnostics(Self.statisticsSession(), query).isEmpty)
    }

    @Test func whatCountsAsANumber() {
        #expect(NumbersInText.number("11247") == 11247)
        #expect(NumbersInText.number(" 2.5 ") == 2.5)
        #expect(NumbersInText.number("-3") == -3)
        for symbol in ["c", "x", "z", "nan", "inf", "1,234", "", ".", "[c]"] { #expect(NumbersInText.number(symbol) == nil, "\(symbol)") }
    }

    @Test func misorderedPairs() {
        #expect(NumbersInText(dictionary: ["964", "11247", "x"]).misordered == "\"964\" comes after \"11247\"")
        #expect(NumbersInText(dictionary: ["1", "20", "3", "400"]).misordered == "\"20\" comes before \"3\"")
        #expect(NumbersInText(dictionary: ["0123", "0456", "0789"]).misordered == nil)
        let content = NumbersInText(dictionary: ["c", "x", "z", "q", "1", "2", "3", "4", "5"])
        #expect(content.isMostlyNumbers && content.nonNumberExamples == ["c", "x", "z"] && content.nonNumberCount == 4)
        #expect(!NumbersInText(dictionary: ["c", "x", "1"]).isMostlyNumbers)
    }

    // MARK: Aliases

    @Test(arguments: [("Kingston upon Thames", "Kingston", "Kingston upon Thames"),
                      ("kingston-upon-thames", "Kingston", "Kingston upon Thames"),
                      ("Kingston upon Hull", "Hull", "Kingston upon Hull, City of"),
                      ("Newcastle  upon Tyne", "Newcastle", "Newcastle upon Tyne")])
    func aliasesSuggestTheNameTheColumnHolds(_ written: String, _ name: String, _ alias: String) throws {
        let session = Bundled.session()
        let outcome = session.run("count reviews where authority = \"\(written)\"").last!
        guard case .result(let result)? = outcome.output else { Issue.record("no result"); return }
        #expect(result.table.row(0) == [.integer(0)], "the value written is kept, not replaced")
        #expect(outcome.diagnostics.map(\.help) == ["did you mean \"\(name)\"? authorities gives \"\(alias)\" as another name for \(name)"])
    }

    @Test func aCatalogDeclaresAliasesAndChecksTheirColumns() throws {
        let catalog = try Catalog(text: "[places]\nfile: places.csv\naliases name: other_name\n", file: "catalog.txt")
        #expect(catalog.entries.first?.aliases == [AliasColumn(column: "name", aliases: "other_name")])
        #expect(throws: Diagnostic.self) { try Catalog(text: "[places]\naliases name:\n", file: "catalog.txt") }
    }

    @Test func aliasesOfAColumnTheFileLacksAreAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name,other\nKingston,Kingston upon Thames\n".write(to: folder.appendingPathComponent("places.csv"), atomically: true, encoding: .utf8)
        try "[places]\nfile: places.csv\naliases name: alias\n".write(to: folder.appendingPathComponent("catalog.txt"), atomically: true, encoding: .utf8)
        let problems = Session().loadDataDirectory(folder.path)
        #expect(problems.map(\.message) == ["the catalog gives aliases with column \"alias\", which \(folder.path)/places.csv does not have"])
    }
}
