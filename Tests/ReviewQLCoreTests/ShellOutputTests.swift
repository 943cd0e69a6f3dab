import Foundation
import Testing

/// The shell when only its output is redirected (`reviewql > out.txt`, `reviewql | tee log`),
/// as sqlite3 and DuckDB keep it: the banner and prompt stay on the terminal, the results go
/// to the file, whole (not cut to the screen).
@Suite struct ShellOutputTests {
    @Test func outputToAFileKeepsThePromptOnTheTerminal() throws {
        let home = try TemporaryHome()
        let output = home.url.appendingPathComponent("out.txt").path
        let shell = try ShellProcess(home: home, standardOutput: output)
        try shell.expectPrompt()
        #expect(shell.text.contains("reviews (173 rows)"))
        shell.type("count reviews" + ShellTests.enter)
        try shell.expectPrompt()
        // 42 rows, more than the 40 a screen gets: a file gets every one.
        shell.type("count reviews where judgement = inadequate group by authority" + ShellTests.enter)
        try shell.expectPrompt()
        shell.type("quit" + ShellTests.enter)
        #expect(try shell.exitStatus() == 0)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.hasPrefix("173\n"))
        #expect(!written.contains("reviewql>"))
        #expect(!written.contains("Type help"))
        #expect(written.contains("42 rows"))
        #expect(!written.contains("not shown"))
        #expect(!shell.text.contains("\n173\n"), "the result went to the terminal too")
    }

    /// A result longer than the screen (50 lines here) goes through $PAGER, whole; a short one
    /// does not; `set pager off` prints it cut to 40 rows.
    @Test func longResultsGoThroughThePager() throws {
        let home = try TemporaryHome()
        let shell = try ShellProcess(home: home, environment: ["PAGER": "sed s/^/PAGED:/"])
        try shell.expectPrompt()
        shell.type("count reviews" + ShellTests.enter)
        try shell.expect("\n173\n")
        try shell.expectPrompt()
        shell.type("list reviews" + ShellTests.enter)
        // Every one of the 173 rows: the footer under the last of them came through the pager.
        try shell.expect("PAGED:173 rows")
        try shell.expectPrompt()
        #expect(!shell.text.contains("PAGED:173\n"))
        shell.type("set pager off" + ShellTests.enter)
        try shell.expectPrompt()
        shell.type("list reviews" + ShellTests.enter)
        try shell.expect("not shown")
        try shell.expectPrompt()
        shell.type("quit" + ShellTests.enter)
        #expect(try shell.exitStatus() == 0)
    }
}
