import Foundation
import Testing
@testable import ReviewQLCore

/// Lessons: a script's comments as narrative, `--step` waiting for the trainer on a real
/// terminal (Enter runs, `s` skips, `b` goes back, `q` stops, `pause` waits), `--echo`, and
/// `run "file"` from a script or the prompt.
@Suite struct LessonTests {
    static let lesson = """
        -- Lesson: counting.
        -- All reviews first.
        count reviews
        -- The good ones.
        count reviews where judgement = good
        pause
        -- The inadequate ones.
        count reviews where judgement = inadequate
        -- Never reached.
        count reviews where judgement = adequate

        """

    static func lessonFile(in home: TemporaryHome) throws -> String {
        let path = home.url.appendingPathComponent("lesson.rql").path
        try lesson.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Each step on the screen: its number, its comments as sentences, the statement, and
    /// the question; the answers counted from the report (173 reviews, 40 good, 59
    /// inadequate, 74 adequate: Data/reviews.csv, checked in ReportFiguresTests).
    @Test func stepThroughOnATerminal() throws {
        let home = try TemporaryHome()
        let shell = try ShellProcess(home: home, arguments: ["--step", try Self.lessonFile(in: home)])
        try shell.expect("── step 1 of 4 ")
        try shell.expect("Lesson: counting. All reviews first.\n")
        try shell.expect("reviewql> count reviews\n(Enter runs it, s skips, b back, q stops) ")
        #expect(!shell.text.contains("173"), "nothing runs before Enter")
        shell.type("\r")
        try shell.expect("\n173\n")
        try shell.expect("── step 2 of 4 ")
        try shell.expect("The good ones.\n")
        try shell.expect("(Enter runs it, s skips, b back, q stops) ")
        shell.type("s\r")
        // The pause waits, and the skipped statement did not run.
        try shell.expect("(paused: Enter goes on, b back, q stops) ")
        #expect(!shell.text.contains("\n40\n"))
        shell.type("\r")
        try shell.expect("── step 3 of 4 ")
        try shell.expect("The inadequate ones.")
        try shell.expect("(Enter runs it, s skips, b back, q stops) ")
        // Back one step: the statement skipped is shown again, and runs this time.
        shell.type("b\r")
        try shell.expect("── step 2 of 4 ")
        try shell.expect("reviewql> count reviews where judgement = good\n")
        try shell.expect("(Enter runs it, s skips, b back, q stops) ")
        shell.type("\r")
        try shell.expect("\n40\n")
        try shell.expect("(paused: Enter goes on, b back, q stops) ")
        shell.type("\r")
        try shell.expect("── step 3 of 4 ")
        try shell.expect("(Enter runs it, s skips, b back, q stops) ")
        shell.type("\r")
        try shell.expect("\n59\n")
        try shell.expect("── step 4 of 4 ")
        try shell.expect("(Enter runs it, s skips, b back, q stops) ")
        shell.type("q\r")
        try shell.expect("stopped the lesson before step 4 of 4\n")
        #expect(try shell.exitStatus() == 0)
        #expect(!shell.text.contains("\n74\n"), "the statement after q ran")
        #expect(shell.text.components(separatedBy: "\n40\n").count == 2, "the good ones were counted once")
    }

    /// From the prompt: `run "lesson.rql" step by step` waits the same way, and `q` goes back
    /// to the prompt rather than leaving.
    @Test func stepThroughFromThePrompt() throws {
        let home = try TemporaryHome()
        let path = try Self.lessonFile(in: home)
        let shell = try ShellProcess(home: home)
        try shell.expectPrompt()
        // The banner names the lessons, as `help lessons` lists them.
        #expect(shell.text.contains("Teaching: \(LessonCatalog.lessons.count) lessons for trainers"))
        #expect(shell.text.contains("(help lessons)"))
        shell.type("run \"\(path)\" step by step\r")
        try shell.expect("── step 1 of 4 ")
        try shell.expect("(Enter runs it, s skips, b back, q stops) ")
        shell.type("\r")
        try shell.expect("\n173\n")
        try shell.expect("(Enter runs it, s skips, b back, q stops) ")
        shell.type("q\r")
        try shell.expect("stopped the lesson before step 2 of 4\n")
        try shell.expectPrompt()
        shell.type("count reviews where judgement = good\r")
        try shell.expect("\n40\n")
        try shell.expectPrompt()
        shell.type("quit\r")
        #expect(try shell.exitStatus() == 0)
    }

    /// `--echo` shows each comment block and statement before its result, without waiting;
    /// `pause` is passed over.
    @Test func echoShowsCommentsAndStatements() throws {
        let home = try TemporaryHome()
        let run = try ReviewQLProcess.run(["--echo", try Self.lessonFile(in: home)], directory: home.url,
                                          environment: home.environment)
        #expect(run.stdout == """
            -- Lesson: counting.
            -- All reviews first.
            reviewql> count reviews
            173

            -- The good ones.
            reviewql> count reviews where judgement = good
            40

            -- The inadequate ones.
            reviewql> count reviews where judgement = inadequate
            59

            -- Never reached.
            reviewql> count reviews where judgement = adequate
            74

            """)
        #expect(run.stderr == "")
    }

    /// `run "file"` in a script runs the file's statements there, pauses ignored; a file that
    /// runs itself stops with a message instead of recursing for ever.
    @Test func runInAScript() throws {
        let home = try TemporaryHome()
        let path = try Self.lessonFile(in: home)
        let plain = try ReviewQLProcess.run(["-c", "run \"\(path)\"; count reviews where judgement = good"],
                                            directory: home.url, environment: home.environment)
        #expect(plain.stdout == "173\n40\n59\n74\n40\n")
        #expect(plain.status == 0)

        let loop = home.url.appendingPathComponent("loop.rql").path
        try "count reviews\nrun \"\(loop)\"\n".write(toFile: loop, atomically: true, encoding: .utf8)
        let looped = try ReviewQLProcess.run([loop], directory: home.url, environment: home.environment)
        #expect(looped.status == 1)
        #expect(looped.stderr.contains("runs scripts 8 deep"))

        let missing = try ReviewQLProcess.run(["-c", "run \"no-such-lesson.rql\""], directory: home.url, environment: home.environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read the script no-such-lesson.rql"))
    }

    @Test func stepNeedsAFileOfItsOwn() throws {
        let home = try TemporaryHome()
        let run = try ReviewQLProcess.run(["--step", "-"], directory: home.url, input: "count reviews\n", environment: home.environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--step reads the trainer's keys from standard input"))
    }

    // MARK: Narrative

    struct NarrativeCase: Sendable, CustomTestStringConvertible {
        var script: String
        /// The statement whose narrative is wanted, found in the script.
        var statement: String
        var narrative: [String]
        var testDescription: String { statement }
    }

    static let narrativeCases = [
        NarrativeCase(script: "-- one\n-- two\n\n-- three\ncount reviews\n", statement: "count reviews",
                      narrative: ["one", "two", "", "three"]),
        // Code above ends the block, even when it ends in a comment of its own.
        NarrativeCase(script: "-- old\ncount reviews -- 173\n-- new\nlist reviews\n", statement: "list reviews", narrative: ["new"]),
        // A second statement on the same line has no narrative.
        NarrativeCase(script: "-- about a\ncount reviews; list reviews\n", statement: "list reviews", narrative: []),
        NarrativeCase(script: "count reviews\n\n\nlist reviews\n", statement: "list reviews", narrative: []),
        NarrativeCase(script: "--no space\r\n--   spaces   \r\ncount reviews\r\n", statement: "count reviews",
                      narrative: ["no space", "spaces"]),
    ]

    @Test(arguments: narrativeCases)
    func narrativeIsTheCommentBlockAbove(_ example: NarrativeCase) throws {
        let offset = try #require(example.script.range(of: example.statement)).lowerBound.utf16Offset(in: example.script)
        #expect(Narrative.before(offset, in: example.script) == example.narrative)
    }

    @Test func paragraphsJoinTheirLines() {
        #expect(Narrative.paragraphs(["one", "two", "", "three"]) == ["one two", "three"])
    }
}

/// `help` finds every word a statement can start with, every topic, and the lessons as they
/// are in `queries/teaching/`.
@Suite struct HelpTopicTests {
    // sqlite3's dot-forms lex only at the start of a line; their plain words have the help.
    static let statementWords = Vocabulary.forms.flatMap(\.words).filter { !$0.hasPrefix(".") }

    @Test(arguments: statementWords)
    func everyLeadingWordHasHelp(_ word: String) {
        let outcome = Bundled.session().run("help \(word)").last!
        #expect(!outcome.failed, "help \(word)")
    }

    @Test(arguments: HelpTopic.allCases)
    func everyTopicHasHelpAndItsExamplesRun(_ topic: HelpTopic) {
        let outcome = Bundled.session().run("help \(topic.rawValue)").last!
        guard case .text(let text)? = outcome.output else { Issue.record("no help on \(topic)"); return }
        // Each example line (indented two spaces, starting with a verb) runs on the bundled data.
        for line in text.split(separator: "\n") where line.hasPrefix("  ") {
            let statement = line.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ")[0]
            guard let first = statement.split(separator: " ").first,
                  ["count", "proportion", "compare", "set"].contains(String(first)) else { continue }
            let failures = Bundled.session().run(statement).flatMap(\.diagnostics).filter { $0.severity == .error }
            #expect(failures.isEmpty, "help \(topic): \(statement): \(failures.map(\.message))")
        }
    }

    @Test func helpShowNamesEachShowStatement() throws {
        guard case .text(let text)? = Bundled.session().run("help show").last?.output else { Issue.record("no help"); return }
        for word in ["show sql", "show last", "show unmatched"] { #expect(text.contains(word + ":")) }
    }

    /// The catalog names the lessons in the folder, each opening with "-- Lesson N: title".
    @Test func lessonsAreThereInOrder() throws {
        let folder = URL(fileURLWithPath: Bundled.dataFolder).deletingLastPathComponent().appendingPathComponent(LessonCatalog.folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".rql") }.sorted()
        #expect(files == LessonCatalog.lessons.map(\.file))
        for lesson in LessonCatalog.lessons {
            let text = try String(contentsOf: folder.appendingPathComponent(lesson.file), encoding: .utf8)
            #expect(text.hasPrefix("-- Lesson \(lesson.number): \(lesson.title)"), "\(lesson.file)")
        }
    }

    /// Every lesson runs from start to end without an error.
    @Test(arguments: LessonCatalog.lessons.map(\.file))
    func lessonRuns(_ file: String) throws {
        let path = URL(fileURLWithPath: Bundled.dataFolder).deletingLastPathComponent()
            .appendingPathComponent(LessonCatalog.folder).appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let failures = Bundled.session().run(text, file: path).flatMap(\.diagnostics).filter { $0.severity == .error }
        #expect(failures.isEmpty, "\(file): \(failures.map(\.message))")
    }
}
