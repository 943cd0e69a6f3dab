import Foundation
import Testing
@testable import ReviewQLCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The failures of issue 22, each reproduced as it was found and checked fixed: output that
/// cannot be written, files created where someone else may have planted something, escape
/// sequences and live markup from data, inputs that trapped, Ctrl-C, safe mode, two shells'
/// history. File-system tests work in a temporary folder; the ones that need root (a tmpfs
/// for a full disk, a file owned by someone else) say so and return when not root.
@Suite struct FaultsTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// A fresh folder, removed when the test ends.
    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-faults-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
    }

    /// Runs the program with standard output sent to `stdoutPath` (a file, a device).
    static func run(_ arguments: [String], stdoutPath: String, directory: URL = here) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = ReviewQLProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "REVIEWQL_DATA")
        process.environment = environment
        guard let out = FileHandle(forWritingAtPath: stdoutPath) else { throw CocoaError(.fileNoSuchFile) }
        let errorPipe = Pipe()
        process.standardOutput = out
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try out.close()
        return (process.terminationStatus, String(decoding: errorData, as: UTF8.self))
    }

    static var isRoot: Bool { geteuid() == 0 }

    // MARK: 1. Results lost with exit 0

    @Test func aFullStandardOutputIsAnErrorWithStatusOne() throws {
        let run = try Self.run(["-c", "list reviews"], stdoutPath: "/dev/full")
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: cannot write the results to standard output: no space left on device"))
    }

    @Test func aFullDiskKeepsTheOldFileAndSaysSo() throws {
        guard Self.isRoot else {
            print("skipped: a full disk is made with a small tmpfs, which needs root")
            return
        }
        let folder = try Folder()
        guard Self.shell("mount -t tmpfs -o size=16k tmpfs '\(folder.url.path)'") == 0 else {
            print("skipped: cannot mount a tmpfs here")
            return
        }
        defer { _ = Self.shell("umount '\(folder.url.path)'") }
        let old = "the old file\n"
        try old.write(toFile: folder.path("kept.csv"), atomically: false, encoding: .utf8)
        // All but 4 kB taken: the 173 rows of reviews are 5 kB as CSV.
        FileManager.default.createFile(atPath: folder.path("filler"), contents: Data(count: 12 * 1024))
        FileManager.default.createFile(atPath: folder.path("out.csv"), contents: nil)
        let printed = try Self.run(["--format", "csv", "-c", "list reviews; list reviews"], stdoutPath: folder.path("out.csv"))
        #expect(printed.status == 1)
        #expect(printed.stderr.contains("cannot write the results to standard output: no space left on device"))
        try FileManager.default.removeItem(atPath: folder.path("out.csv"))

        for statement in ["save last to \"kept.csv\"", "save last to \"kept.csv\" as csv"] {
            let saved = try Self.run(["-c", "list reviews; \(statement)"], stdoutPath: "/dev/null", directory: folder.url)
            #expect(saved.status == 1)
            #expect(saved.stderr.contains("cannot write kept.csv: no space left on device"))
            #expect(try String(contentsOfFile: folder.path("kept.csv"), encoding: .utf8) == old)
        }
        let output = try Self.run(["-c", "list reviews", "--output", "kept.csv"], stdoutPath: "/dev/null", directory: folder.url)
        #expect(output.status == 1)
        #expect(try String(contentsOfFile: folder.path("kept.csv"), encoding: .utf8) == old)
        #expect(folder.names == ["filler", "kept.csv"], "a temporary file was left behind: \(folder.names)")
    }

    // MARK: 2, 3. Safe file creation

    @Test func savingKeepsTheModeAndLeavesNoTemporaryFile() throws {
        let folder = try Folder()
        let path = folder.path("private.csv")
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        let run = try Self.run(["-c", "count reviews group by judgement; save last to \"private.csv\""],
                               stdoutPath: "/dev/null", directory: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("judgement,count,percent"))
        #expect(folder.names == ["private.csv"])
    }

    @Test func aLinkAtTheDestinationIsReplacedNotFollowed() throws {
        let folder = try Folder()
        try "secret\n".write(toFile: folder.path("target.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.path("out.csv"), withDestinationPath: folder.path("target.txt"))
        let run = try Self.run(["-c", "count reviews; save last to \"out.csv\""], stdoutPath: "/dev/null", directory: folder.url)
        #expect(run.status == 0)
        #expect(try String(contentsOfFile: folder.path("target.txt"), encoding: .utf8) == "secret\n")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path("out.csv"))) == nil)
    }

    @Test func aWriteProtectedFileIsRefusedUnlessReplacing() throws {
        let folder = try Folder()
        let path = folder.path("final.csv")
        try "signed off\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o444)
        let refused = try Self.run(["-c", "count reviews; save last to \"final.csv\""], stdoutPath: "/dev/null", directory: folder.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot write final.csv: the file is write-protected"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "signed off\n")
        let replaced = try Self.run(["-c", "count reviews; save last to \"final.csv\" replacing"], stdoutPath: "/dev/null", directory: folder.url)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "count\n173\n")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o444, "replacing keeps the file's mode")
    }

    @Test func anotherUsersFileIsWriteProtectedEvenForRoot() throws {
        guard Self.isRoot else {
            print("skipped: making a file owned by someone else needs root")
            return
        }
        let folder = try Folder()
        let path = folder.path("theirs.csv")
        try "theirs\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        chown(path, 65534, 65534)  // nobody
        let run = try Self.run(["-c", "count reviews; save last to \"theirs.csv\""], stdoutPath: "/dev/null", directory: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("write-protected"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "theirs\n")
    }

    @Test func aLongFileNameIsNotPushedPastTheLimitByTheTemporaryName() throws {
        let folder = try Folder()
        let name = String(repeating: "a", count: 251) + ".csv"  // 255 bytes, the most a name may have
        let run = try Self.run(["-c", "count reviews; save last to \"\(name)\""], stdoutPath: "/dev/null", directory: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(folder.names == [name])
    }

    @Test func aFolderIsNamedAsAFolder() throws {
        let folder = try Folder()
        try FileManager.default.createDirectory(atPath: folder.path("out"), withIntermediateDirectories: false)
        for target in ["out/", "out"] {
            let run = try Self.run(["-c", "count reviews; save last to \"\(target)\""], stdoutPath: "/dev/null", directory: folder.url)
            #expect(run.status == 1)
            #expect(run.stderr.contains("cannot write \(target): it is a folder; give a file name"), "\(run.stderr)")
        }
    }

    @Test func aTemporaryFileIsUniqueAndNeverALink() throws {
        let folder = try Folder()
        let path = folder.path("x.csv")
        // Every name the writer might try is taken by a link to a file that must not change.
        try "untouched\n".write(toFile: folder.path("victim"), atomically: false, encoding: .utf8)
        try FileSystem.writeFileAtomically(path, Array("one\n".utf8))
        try FileSystem.writeFileAtomically(path, Array("two\n".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        #expect(folder.names == ["victim", "x.csv"])
        #expect(try String(contentsOfFile: folder.path("victim"), encoding: .utf8) == "untouched\n")
    }

    // MARK: 6. Crashes

    @Test func anEmptyLoadPathIsAUsageError() throws {
        let run = try ReviewQLProcess.run(["--load", "x=", "-c", "count x"], directory: Self.here)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--load x= names no file: the path after '=' is empty"))
    }

    @Test func hugeCountsInCompareGiveAnswersOrReasonsNotTraps() throws {
        // 3037000500² is past the largest 64-bit integer; the answer is still "different".
        let overflow = try ReviewQLProcess.run(["-c", "compare 3037000500 of 3037000500 with 1 of 3037000500"], directory: Self.here)
        #expect(overflow.status == 0, "\(overflow.stderr)")
        #expect(overflow.stdout.contains("Fisher's exact test: not computed"))
        // Equal proportions, checked without overflowing.
        let equal = try ReviewQLProcess.run(["-c", "compare 3037000500 of 6074001000 with 3037000500 of 6074001000"], directory: Self.here)
        #expect(equal.stdout.contains("The two proportions are the same"))
        let tooLarge = try ReviewQLProcess.run(["-c", "compare 9007199254740993 of 9007199254740993 with 1 of 2"], directory: Self.here)
        #expect(tooLarge.status == 1)
        #expect(tooLarge.stderr.contains("is too large a count for the tests"))
    }

    @Test func fisherWithoutArraysAgreesWithScipy() throws {
        // scipy.stats.fisher_exact([[3, 7], [7, 5]]).pvalue = 0.230531, and
        // fisher_exact([[1, 999999], [6, 999994]]) = 0.124999, the second with a
        // million possible tables, summed without storing them.
        #expect(abs(TwoProportions.fisherExactP(3, 7, 7, 5) - 0.230531) < 1e-5)
        #expect(abs(TwoProportions.fisherExactP(1, 999_999, 6, 999_994) - 0.124999) < 1e-5)
        #expect(TwoProportions.fisherExactP(1_000_000_000, 1_000_000_000, 3, 1_000_000_000).isNaN)
    }

    @Test func aGroupingThatWouldExplodeStopsWithAMessage() throws {
        let keys = Array(repeating: "judgement", count: 11).joined(separator: ", ")
        let run = try ReviewQLProcess.run(["-c", "count reviews group by \(keys)"], directory: Self.here)
        #expect(run.status == 1)
        #expect(run.stderr.contains("more than the 1000000 a result can hold"))
    }

    // MARK: 4, 5. The terminal and markup

    /// A file whose cells and names carry an escape sequence that sets a terminal's title.
    static func hostileFile(in folder: Folder) throws -> String {
        let path = folder.path("hostile.csv")
        try "name\u{1B}]0;PWNED\u{07},note\nx,\"\u{1B}]0;PWNED\u{07}\"\n".write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test(arguments: ["csv", "tsv", "json", "markdown", "box"])
    func escapesFromDataNeverReachATerminal(_ format: String) throws {
        let folder = try Folder()
        let file = try Self.hostileFile(in: folder)
        // `script` gives the program a terminal for standard output and error.
        let command = "\(ReviewQLProcess.executable.path) --load h=\(file) --format \(format) -c 'list h; describe h; list h where note = zzz'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\u{1B}]0;"), "a raw escape sequence reached the terminal:\n\(text.debugDescription)")
        #expect(text.contains("\\e]0;PWNED"), "the escape is shown, visibly:\n\(text)")
    }

    @Test func bytesWrittenToAFileStayExact() throws {
        let folder = try Folder()
        let file = try Self.hostileFile(in: folder)
        FileManager.default.createFile(atPath: folder.path("out.csv"), contents: nil)
        let run = try Self.run(["--load", "h=\(file)", "--format", "csv", "-c", "list h"], stdoutPath: folder.path("out.csv"))
        #expect(run.status == 0)
        let written = try String(contentsOfFile: folder.path("out.csv"), encoding: .utf8)
        #expect(written.contains("\u{1B}]0;PWNED\u{07}"))
    }

    @Test func terminalTextKeepsLayoutAndShowsControls() {
        #expect(TextSafety.forTerminal("a\tb\nc") == "a\tb\nc")
        #expect(TextSafety.forTerminal("\u{1B}[2J\u{07}\r") == "\\e[2J\\x07\\r")
        #expect(TextSafety.forTerminal("abc\u{202E}cba") == "abc\\u{202e}cba")
    }

    /// Markdown as pandoc's gfm reader and GitHub see it: the Python markdown-it (CommonMark
    /// with GFM tables), an independent renderer.
    static func renderMarkdown(_ markdown: String) throws -> String? {
        guard (try? runPython("import markdown_it", input: "")) != nil else { return nil }
        return try runPython("import sys, markdown_it; print(markdown_it.MarkdownIt('commonmark').enable('table').render(sys.stdin.read()))",
                             input: markdown)
    }

    @Test func markdownOutputIsInertAndKeepsItsCells() throws {
        let cells = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
                     "<javascript:alert(1)>", "a|b", "*bold* _it_ `code`", "&lt;b&gt;", "back\\|slash", "letter_date"]
        let table = Table(name: "t", columns: [
            Column(name: "n", values: (1...cells.count).map { .integer(Int64($0)) }),
            Column(name: "text<b>", values: cells.map { .text($0) }),
        ])
        let markdown = ResultWriter.markdown(QueryResult(table: table))
        guard let html = try Self.renderMarkdown(markdown) else {
            print("skipped: Python's markdown-it is not installed (pip install markdown-it-py)")
            return
        }
        for live in ["<script", "<img", "href=\"javascript:", "<b>", "onerror=alert(1)>"] {
            #expect(!html.contains(live), "\(live) is live in:\n\(html)")
        }
        // Every row keeps its two cells, and each cell reads back as written.
        #expect(html.components(separatedBy: "<tr>").count - 1 == cells.count + 1)
        for cell in cells {
            let shown = cell.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            #expect(html.contains("<td>\(shown)</td>"), "\(cell) is not shown as written in:\n\(html)")
        }
    }

    @Test func htmlEscapingLeavesNothingLive() {
        #expect(MarkupEscaping.html("<img src=x onerror='a'>&") == "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;")
        #expect(MarkupEscaping.html("\"q\"") == "&quot;q&quot;")
    }

    @Test func theHandoutEscapesDataAndFileNamesAndCutsLargeResults() throws {
        let folder = try Folder()
        let data = folder.path("a|b <img src=x onerror=alert(1)>.csv")
        var csv = "n,label\n"
        for i in 0..<1_500 { csv += "\(i),<script>x\(i)</script>\n" }
        try csv.write(toFile: data, atomically: false, encoding: .utf8)
        let script = """
            record "lesson.md"
            load "\(data)" as d
            list d
            count d
            """
        let run = try ReviewQLProcess.run([], directory: folder.url, input: script)
        #expect(run.status == 0, "\(run.stderr)")
        let handout = try String(contentsOfFile: folder.path("lesson.md"), encoding: .utf8)
        #expect(handout.contains("_the first 1000 of 1500 rows are shown here; save last to a file to keep them all_"))
        #expect(!handout.contains("x1499"))
        guard let html = try Self.renderMarkdown(handout) else {
            print("skipped: Python's markdown-it is not installed")
            return
        }
        #expect(!html.contains("<script") && !html.contains("<img"), "live HTML in the handout:\n\(html.prefix(2000))")
        // The "Data used" table: one row of five cells, the file name whole in one of them.
        let dataUsed = String(html[html.range(of: "Data used")!.lowerBound...])
        #expect(dataUsed.contains("<td>a|b &lt;img src=x onerror=alert(1)&gt;.csv</td>"), "\(dataUsed)")
        #expect(dataUsed.components(separatedBy: "<td").count - 1 == 5)
    }

    // MARK: 8. Safe mode

    @Test func safeModeWritesNothingAndReadsOnlyHere() throws {
        let folder = try Folder()
        try "a\n1\n".write(toFile: folder.path("here.csv"), atomically: false, encoding: .utf8)
        let outside = Bundled.dataFolder + "/reviews.csv"
        for statement in ["count reviews; save last to \"x.csv\"", "count reviews; save chart to \"x.svg\"",
                          "record \"x.md\"", "count reviews; copy last", "load \"\(outside)\" as r",
                          "load \"../\(folder.url.lastPathComponent)/here.csv\" as h; load \"/etc/passwd\" as p"] {
            let run = try ReviewQLProcess.run(["--safe", "-c", statement], directory: folder.url)
            #expect(run.status == 1, "\(statement) was allowed")
            #expect(run.stderr.contains("safe mode"), "\(statement): \(run.stderr)")
        }
        #expect(folder.names == ["here.csv"])
        let allowed = try ReviewQLProcess.run(["--safe", "-c", "load \"here.csv\" as h; count h"], directory: folder.url)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let stays = try ReviewQLProcess.run(["-c", "set safe on; set safe off; count reviews; save last to \"x.csv\""], directory: folder.url)
        #expect(stays.status == 1)
        #expect(stays.stderr.contains("safe mode cannot be turned off"))
        #expect(folder.names == ["here.csv"])
    }

    // MARK: 10. Costs that grew wrongly

    @Test func aLongScriptRunsEveryStatement() throws {
        // 20,000 statements: each is taken from the script without copying what came before
        // (the copy made 80,000 take 2.4 s and 1,000,000 minutes); the count checks all ran.
        let script = String(repeating: "count reviews where judgement = good;\n", count: 20_000)
        let run = try ReviewQLProcess.run(["--format", "csv", "-"], directory: Self.here, input: script)
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").filter { $0 == "40" }.count == 20_000)
    }

    // MARK: 9. Two shells at once; history and ~/.editrc limits

    @Test func twoShellsKeepEachOthersHistory() throws {
        let home = try TemporaryHome()
        let first = try ShellProcess(home: home)
        let second = try ShellProcess(home: home)
        try first.expectPrompt()
        try second.expectPrompt()
        first.type("count reviews where judgement = good" + ShellTests.enter)
        try first.expect("\n40\n")
        try first.expectPrompt()
        second.type("count reviews where judgement = adequate" + ShellTests.enter)
        try second.expect("\n74\n")
        try second.expectPrompt()
        // A statement too long to keep is run but not saved.
        let long = "count reviews where authority = \"" + String(repeating: "x", count: 11_000) + "\""
        first.type(long + ShellTests.enter)
        try first.expect("is not kept in the history")
        try first.expectPrompt()
        first.type("quit" + ShellTests.enter)
        second.type("quit" + ShellTests.enter)
        #expect(try first.exitStatus() == 0)
        #expect(try second.exitStatus() == 0)
        let saved = try String(contentsOf: home.url.appendingPathComponent("state/reviewql/history"), encoding: .utf8)
        #expect(saved.contains(#"judgement\040=\040good"#))
        #expect(saved.contains(#"judgement\040=\040adequate"#))
        #expect(!saved.contains("xxxxxxxxxx"))
    }

    @Test func anOverlongEditrcLineIsSkippedNotACrash() throws {
        let home = try TemporaryHome()
        let line = "bind " + String(repeating: "^A", count: 2_500) + " ed-move-to-beg\n"
        try line.write(to: home.url.appendingPathComponent(".editrc"), atomically: false, encoding: .utf8)
        let shell = try ShellProcess(home: home)
        try shell.expect("was not read: line 1 is longer than the 1000 characters libedit can take")
        try shell.expectPrompt()
        shell.type("count reviews" + ShellTests.enter)
        try shell.expect("\n173\n")
        try shell.expectPrompt()
        shell.type("quit" + ShellTests.enter)
        #expect(try shell.exitStatus() == 0)
    }

    // MARK: Helpers

    @discardableResult
    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func runPython(_ code: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code]
        let inPipe = Pipe(), outPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        let data = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.featureUnsupported) }
        return String(decoding: data, as: UTF8.self)
    }
}
