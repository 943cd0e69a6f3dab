import Foundation
import Testing
@testable import reviewql

/// The `reviewql` program as a user runs it: -c, scripts, standard input, flags, exit status.
@Suite struct CommandLineTests {
    let here = URL(fileURLWithPath: NSTemporaryDirectory())

    @Test func statementsFromTheCommandLine() throws {
        let run = try ReviewQLProcess.run(["-c", "count reviews; count reviews where judgement = good"], directory: here)
        #expect(run.stdout == "173\n40\n")
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func statementsFromStandardInput() throws {
        let piped = try ReviewQLProcess.run([], directory: here, input: "count reviews\n")
        #expect(piped.stdout == "173\n")
        #expect(piped.status == 0)
        let dash = try ReviewQLProcess.run(["-"], directory: here, input: "count reviews where judgement = inadequate\n")
        #expect(dash.stdout == "59\n")
    }

    @Test func failingStatementExitsOne() throws {
        let run = try ReviewQLProcess.run(["-c", "count nothing"], directory: here)
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr.hasPrefix("error: unknown dataset \"nothing\""))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try ReviewQLProcess.run(["--bogus"], directory: here).status == 2)
        #expect(try ReviewQLProcess.run(["--load", "no-equals-sign"], directory: here).status == 2)
        #expect(try ReviewQLProcess.run(["--format", "pdf", "-c", "count reviews"], directory: here).status == 2)
        #expect(try ReviewQLProcess.run(["missing-script.rql"], directory: here).status == 2)
        #expect(try ReviewQLProcess.run(["--data", "/no/such/folder", "-c", "count reviews"], directory: here).status == 2)
    }

    @Test func helpAndVersion() throws {
        let help = try ReviewQLProcess.run(["--help"], directory: here)
        #expect(help.status == 0)
        #expect(help.stdout.contains("--keep-going"))
        for part in ["Examples:", "REVIEWQL_DATA", "NO_COLOR", "XDG_STATE_HOME", "PAGER", "REVIEWQL_LINE_READER", "~/.reviewqlrc", "history",
                     "--step queries/teaching/", "help lessons"] {
            #expect(help.stdout.contains(part), "--help does not mention \(part)")
        }
        let version = try ReviewQLProcess.run(["--version"], directory: here)
        #expect(version.status == 0)
        // 0.1.0 (commit 1234abcd5678, built 2026-12-01): the commit when built in git.
        let words = version.stdout.split(whereSeparator: \.isWhitespace)
        #expect(words.first?.split(separator: ".").count == 3)
        #expect(words.contains("built"))
        // It names its line editor, and the shell tests of libedit's keys go by that: the
        // program built beside the tests has the tests' own (Tests/plain-reader.sh checks the
        // plain build's).
        #expect(version.stdout.contains("line editor: libedit)") || version.stdout.contains("line editor: plain, no libedit)")
                || version.stdout.contains("line editor: plain, libedit left out by REVIEWQL_LINE_READER=plain)"))
        if ProcessInfo.processInfo.environment["REVIEWQL_TEST_PROGRAM"] == nil {
            #expect(ReviewQLProcess.usesLibedit == LineEditor.usesLibedit)
        }
    }

    @Test func formatFlagGivesCSV() throws {
        let run = try ReviewQLProcess.run(["--format", "csv", "-c", "count reviews group by judgement"], directory: here)
        // Paragraph 86: 59, 74, 40 of 173; percents 59/173 = 34.1, 74/173 = 42.8, 40/173 = 23.1.
        #expect(run.stdout == "judgement,count,percent\nInadequate,59,34.1\nAdequate,74,42.8\nGood,40,23.1\nOutstanding,0,0\n")
    }

    @Test func loadFlagAndOtherDataFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name,n\na,1\nb,2\n".write(to: folder.appendingPathComponent("small.csv"), atomically: true, encoding: .utf8)
        let loaded = try ReviewQLProcess.run(["--load", "mine=\(folder.path)/small.csv", "-c", "sum n from mine"], directory: here)
        #expect(loaded.stdout == "3\n")
        let other = try ReviewQLProcess.run(["--data", folder.path, "-c", "count small"], directory: here)
        #expect(other.stdout == "2\n")
        let noReviews = try ReviewQLProcess.run(["--data", folder.path, "-c", "count reviews"], directory: here)
        #expect(noReviews.status == 1)
        let broken = try ReviewQLProcess.run(["--load", "bad=\(folder.path)/nothing.csv", "-c", "count bad"], directory: here)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("nothing.csv"))
    }

    @Test func keepGoingRunsEveryStatement() throws {
        let script = "count nothing\ncount reviews\n"
        let stops = try ReviewQLProcess.run(["-"], directory: here, input: script)
        #expect(stops.stdout == "")
        #expect(stops.status == 1)
        let goes = try ReviewQLProcess.run(["--keep-going", "-"], directory: here, input: script)
        #expect(goes.stdout == "173\n")
        #expect(goes.status == 1)
    }
}
