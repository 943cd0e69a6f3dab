import Foundation
import Testing
@testable import ReviewQLCore

/// Script parameters (`:authority`, `--set authority=Norfolk`, `set parameter`): how they lex
/// and parse, that a value is always one literal whatever it holds, the check a script passes
/// before it runs, and the program's flags.
///
/// The oracle for "one literal": a statement with `:a` given a value parses to the same tree
/// as the statement with the value written in double quotes by the language's own rule (a
/// quote inside doubled), which the lexer tests check on their own.
@Suite struct ParameterTests {
    // MARK: Lexing

    @Test(arguments: [
        ("where authority = :authority", ["kw:where", "word:authority", "=", "param:authority"]),
        ("authority=:a", ["word:authority", "=", "param:a"]),
        ("\":authority\"", ["string::authority"]),
        ("':authority'", ["string::authority"]),
        ("count -- uses :authority\nlist", ["kw:count", "newline", "kw:list"]),
        (":la_code_2", ["param:la_code_2"]),
        (":a - 3", ["param:a", "-", "number:3"]),
    ])
    func lexes(_ text: String, _ expected: [String]) throws {
        #expect(try LexerTests.kinds(text) == expected, "\(text)")
    }

    @Test(arguments: [": authority", ":3", "::a"])
    func aColonWithoutANameIsAnError(_ text: String) {
        #expect(throws: Diagnostic.self) { try Lexer.tokens(text) }
    }

    @Test func theParameterTokenCoversTheColonAndTheName() throws {
        let tokens = try Lexer.tokens("count reviews where authority = :authority")
        let parameter = try #require(tokens.first { $0.kind == .parameter })
        #expect(parameter.text == "authority")
        #expect(parameter.range == SourceRange(32, 42))
    }

    // MARK: Parsing set parameter and show parameters

    @Test(arguments: [
        ("set parameter authority to Norfolk", "(set-parameter authority text \"Norfolk\")"),
        ("set parameter authority Norfolk", "(set-parameter authority text \"Norfolk\")"),
        ("set parameter authority = \"Barking & Dagenham\"", "(set-parameter authority text \"Barking & Dagenham\")"),
        ("SET PARAMETER year TO 2009", "(set-parameter year number \"2009\")"),
        ("set parameter year to \"2009\"", "(set-parameter year text \"2009\")"),
        ("set parameter change to -3", "(set-parameter change number \"-3\")"),
        ("set parameter since to 2008-10-01", "(set-parameter since date \"2008-10-01\")"),
        ("set param from to 01/10/2008", "(set-parameter from date \"01/10/2008\")"),
        ("show parameters", "(show parameters)"),
    ])
    func parses(_ text: String, _ tree: String) throws {
        #expect(SyntaxPrinter.print(try Parser.parse(text)) == tree, "\(text)")
    }

    @Test func setParameterProblems() {
        func problem(_ text: String) -> ParameterProblem? {
            var parser = Parser(tokens: (try? Parser.statementTokens(text)) ?? [])
            do { _ = try parser.parseStatement() } catch {
                if case .parameter(let problem) = error { return problem }
            }
            return nil
        }
        #expect(problem("set parameter") == .setNeedsName(at: SourceRange(13, 13)))
        #expect(problem("set parameter 3 to x") == .setNeedsName(at: SourceRange(14, 15)))
        #expect(problem("set parameter a") == .setNeedsValue(name: "a", at: SourceRange(15, 15)))
        #expect(problem("set parameter a to Barking and Dagenham")
                == .valueNeedsQuotes(name: "a", words: "Barking and Dagenham", at: SourceRange(19, 39)))
    }

    // MARK: One value, whatever it holds

    static let awkwardValues = [
        "Norfolk\" or 1=1", "Norfolk' or ''='", "Norfolk; list reviews", "Norfolk\nlist reviews",
        "judgement", "-- not a comment", ":authority", "\"", "", "Barking & Dagenham", "a\u{1b}[2Jb",
    ]

    @Test(arguments: awkwardValues)
    func aValueIsOneTextLiteral(_ value: String) throws {
        var parameters = Parameters()
        parameters.set("a", to: ParameterValue(typed: value), from: .commandLine)
        let bound = try #require(ParsedStatement.all(in: SourceText(text: "count reviews where authority = :a")).first)
            .bound(to: parameters)
        guard case .statement(let statement) = bound.content else { Issue.record("did not parse: \(value)"); return }
        let written = "count reviews where authority = \"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        #expect(SyntaxPrinter.print(statement) == SyntaxPrinter.print(try Parser.parse(written)))
        guard case .query(let query) = statement, case .compare(.equal, _, let right)? = query.filter?.kind else {
            Issue.record("not a comparison: \(value)"); return
        }
        #expect(right.kind == .literal(.text(value)))
    }

    @Test(arguments: awkwardValues)
    func anAwkwardValueRunsAsOneStatementAndMatchesAsText(_ value: String) throws {
        let session = Bundled.session()
        session.parameters.set("a", to: ParameterValue(typed: value), from: .commandLine)
        let outcomes = session.run("count reviews where authority = :a")
        #expect(outcomes.count == 1)
        #expect(!outcomes[0].failed, "\(value)")
        // The literal statement is the oracle; Barking & Dagenham has one review in
        // Data/reviews.csv (Python's csv module counts 1), every other value none.
        let literal = try Bundled.session().result("count reviews where authority = \"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        guard case .result(let result)? = outcomes[0].output else { Issue.record("no result"); return }
        #expect(result.table.columns[0].value(at: 0) == literal.table.columns[0].value(at: 0))
        #expect(result.table.columns[0].value(at: 0) == .integer(value == "Barking & Dagenham" ? 1 : 0))
    }

    @Test func aParameterIsNeverAGrammarWordOrAName() {
        for (statement, value) in [("show :x", "last"), ("describe :x", "reviews"), ("set :x on", "timer"),
                                   ("count :x", "reviews"), ("count reviews; save :x to \"out.csv\"", "last")] {
            let session = Bundled.session()
            session.parameters.set("x", to: ParameterValue(typed: value), from: .commandLine)
            let outcomes = session.run(statement)
            #expect(outcomes.last?.failed == true, "\(statement) with x = \(value)")
        }
    }

    @Test(arguments: [
        ("2009", ParameterValue.Kind.number), ("-3", .number), ("2.5", .number), ("0", .number), ("0.5", .number),
        ("0881", .text), ("1e5", .text), ("+3", .text), ("3.", .text), ("1,000", .text), ("", .text),
        ("2009-04-01", .date), ("01/04/2009", .date), ("31/02/2009", .text), ("2009-4-1", .text), ("Norfolk", .text),
    ])
    func aValueTypedIsANumberOrDateOnlyWhenWrittenAsOne(_ text: String, _ kind: ParameterValue.Kind) {
        #expect(ParameterValue(typed: text).kind == kind, "\(text)")
    }

    @Test func numbersAndDatesCompareAsTheyWouldWritten() throws {
        let session = Bundled.session()
        session.parameters.set("year", to: ParameterValue(typed: "2009"), from: .commandLine)
        session.parameters.set("since", to: ParameterValue(typed: "01/01/2009"), from: .commandLine)
        let byParameter = try session.result("count reviews where year(letter_date) = :year and letter_date >= :since")
        let written = try Bundled.session().result("count reviews where year(letter_date) = 2009 and letter_date >= 2009-01-01")
        #expect(byParameter.table.columns[0].value(at: 0) == written.table.columns[0].value(at: 0))
    }

    // MARK: Values as a statement runs, and the check before a script runs

    @Test func setParameterGivesTheValueToTheStatementsAfterIt() throws {
        let session = Bundled.session()
        let outcomes = session.run("set parameter authority to Norfolk; count reviews where authority = :authority")
        guard case .result(let result)? = outcomes.last?.output else { Issue.record("no result"); return }
        // Python's csv module counts 3 rows of Data/reviews.csv with authority Norfolk.
        #expect(result.table.columns[0].value(at: 0) == .integer(3))
        #expect(session.parameters.value(of: "AUTHORITY") == ParameterValue(text: "Norfolk", kind: .text))
    }

    @Test func setParameterCompletesTheNamesGiven() {
        let session = Bundled.session()
        func complete(_ line: String) -> [String] {
            Completion.candidates(line: line, cursor: line.utf8.count, session: session).words
        }
        #expect(complete("set parameter ").isEmpty)
        _ = session.run("set parameter authority to Norfolk; set parameter since to 2008-10-01")
        #expect(complete("set parameter ") == ["authority", "since"])
        #expect(complete("set parameter au") == ["authority"])
    }

    @Test func aScriptMissingParametersIsRefusedBeforeItRuns() throws {
        let session = Bundled.session()
        session.parameters.set("autority", to: ParameterValue(typed: "Norfolk"), from: .commandLine)
        let source = SourceText(file: "council.rql", text: """
            count reviews
            set parameter year to 2009
            count reviews where authority = :authority and year(letter_date) = :year
            list reviews where letter_date >= :since and authority = :Authority
            """)
        let problem = try #require(session.parameterProblem(in: session.statements(in: source), source: source))
        #expect(problem.message == "council.rql needs values for :authority and :since, which were not given")
        #expect(problem.range == SourceRange(73, 83))
        #expect(problem.help == "give them on the command line: reviewql council.rql --set authority=... --set since=...")
        #expect(problem.notes.contains("--set autority was given: did you mean --set authority=... ?"))
        session.parameters.set("authority", to: ParameterValue(typed: "Norfolk"), from: .commandLine)
        session.parameters.set("since", to: ParameterValue(typed: "2008-10-01"), from: .commandLine)
        #expect(session.parameterProblem(in: session.statements(in: source), source: source) == nil)
    }

    @Test func onlyTheParametersStatementsUsedAreMarkedUsed() {
        let session = Bundled.session()
        session.parameters.set("authority", to: ParameterValue(typed: "Norfolk"), from: .commandLine)
        session.parameters.set("colour", to: ParameterValue(typed: "red"), from: .commandLine)
        _ = session.run("count reviews where authority = :authority")
        #expect(session.parameters.unusedFromCommandLine.map(\.name) == ["colour"])
    }

    @Test func replacingAValueGivenOnTheCommandLineIsNoted() {
        let session = Bundled.session()
        session.parameters.set("authority", to: ParameterValue(typed: "Suffolk"), from: .commandLine)
        let outcome = session.run("set parameter authority to Norfolk")[0]
        #expect(outcome.diagnostics.map(\.severity) == [.note])
        #expect(outcome.diagnostics.first?.message.contains("was \"Suffolk\" (from --set) and is now \"Norfolk\"") == true)
    }

    @Test func aHandoutShowsTheValuesAStatementRanWith() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-params-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: file) }
        let session = Bundled.session()
        session.parameters.set("authority", to: ParameterValue(typed: "Norfolk"), from: .commandLine)
        let outcomes = session.run("record \"\(file.path)\"; count reviews where authority = :authority; count reviews; record off")
        #expect(!outcomes.contains { $0.failed })
        let page = try String(contentsOf: file, encoding: .utf8)
        #expect(page.contains("count reviews where authority = :authority  -- :authority = \"Norfolk\""))
        #expect(!page.contains("count reviews  --"))
    }

    @Test func safeModeStillAppliesToAFileNamedByAParameter() {
        let session = Bundled.session()
        session.settings.safe = true
        session.parameters.set("file", to: ParameterValue(typed: "/etc/hostname"), from: .commandLine)
        session.parameters.set("out", to: ParameterValue(typed: "out.csv"), from: .commandLine)
        #expect(session.run("load :file as x").last?.failed == true)
        let saved = session.run("count reviews; save last to :out")
        #expect(saved.last?.failed == true)
        #expect(saved.last?.diagnostics.first?.message.hasPrefix("safe mode") == true)
    }
}

/// The program's side: `--set` before or after the script, the error before anything runs,
/// the usage errors, and the note for a `--set` no statement used.
@Suite struct ParameterCommandLineTests {
    static func script(_ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-params-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("council.rql")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static let council = "count reviews where authority = :authority\ncount reviews where authority = :authority and judgement = :judgement\n"

    @Test func setBeforeOrAfterTheScript() throws {
        let file = try Self.script(Self.council)
        let folder = file.deletingLastPathComponent()
        // Python's csv module: Norfolk has 3 reviews in Data/reviews.csv, 1 of them Inadequate.
        for arguments in [["council.rql", "--set", "authority=Norfolk", "--set", "judgement=inadequate"],
                          ["--set", "authority=Norfolk", "--set=judgement=inadequate", "council.rql"]] {
            let run = try ReviewQLProcess.run(arguments, directory: folder)
            #expect(run.stdout == "3\n1\n", "\(arguments)")
            #expect(run.stderr == "")
            #expect(run.status == 0)
        }
    }

    @Test func aMissingParameterStopsTheScriptBeforeItsFirstStatement() throws {
        let file = try Self.script("count reviews\n" + Self.council)
        let run = try ReviewQLProcess.run(["council.rql", "--set", "judgement=good"], directory: file.deletingLastPathComponent())
        #expect(run.stdout == "")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("council.rql:2:33: error: council.rql needs a value for :authority, which was not given"))
        #expect(run.stderr.contains("help: give it on the command line: reviewql council.rql --set authority=..."))
    }

    /// `--echo` and `--step` show the statement as written and the values it runs with, as a
    /// handout does (psql 15 was run to compare: `-a` prints `:'authority'`, `-e` `'Norfolk'`).
    @Test(arguments: [["--echo"], ["--step"]])
    func echoShowsTheStatementAndItsValues(_ flag: [String]) throws {
        let file = try Self.script(Self.council)
        let run = try ReviewQLProcess.run(flag + ["council.rql", "--set", "authority=Norfolk", "--set", "judgement=inadequate"],
                                          directory: file.deletingLastPathComponent(), input: "\n\n")
        #expect(run.status == 0)
        #expect(run.stdout.contains("count reviews where authority = :authority  -- :authority = \"Norfolk\"\n"), "\(run.stdout)")
        #expect(run.stdout.contains("count reviews where authority = :authority and judgement = :judgement"
                                    + "  -- :authority = \"Norfolk\", :judgement = \"inadequate\"\n"), "\(run.stdout)")
        // Python's csv module: Norfolk has 3 reviews in Data/reviews.csv, 1 of them Inadequate.
        #expect(run.stdout.contains("\n3\n") && run.stdout.contains("\n1\n"), "\(run.stdout)")
    }

    @Test func anUnusedSetIsNoted() throws {
        let file = try Self.script(Self.council)
        let run = try ReviewQLProcess.run(["council.rql", "--set", "authority=Norfolk", "--set", "judgement=good", "--set", "year=2009"],
                                          directory: file.deletingLastPathComponent())
        #expect(run.status == 0)
        #expect(run.stderr == "note: --set year=2009 was not used: no statement that ran has :year\n")
    }

    @Test(arguments: [["--set", "authority"], ["--set", "=Norfolk"], ["--set", "3rd=x"], ["--set", "la code=1"],
                      ["--set", "a=1", "--set", "A=2"], ["--set", "authority="]])
    func badSetIsAUsageError(_ arguments: [String]) throws {
        let run = try ReviewQLProcess.run(arguments + ["-c", "count reviews"], directory: FileManager.default.temporaryDirectory)
        #expect(run.status == 2, "\(arguments)")
        #expect(run.stdout == "")
        #expect(run.stderr.contains("--set"))
    }

    @Test func theHelpShowsSet() throws {
        let help = try ReviewQLProcess.run(["--help"], directory: FileManager.default.temporaryDirectory)
        #expect(help.stdout.contains("--set <name=value>"))
        #expect(help.stdout.contains("--set authority=Norfolk"))
    }
}
