import Foundation
import Testing
@testable import ReviewQLCore
@testable import reviewql

/// `copy last`: tab-separated text through the terminal's OSC 52 sequence, or a message
/// saying why not.
@Suite struct ClipboardTests {
    let here = URL(fileURLWithPath: NSTemporaryDirectory())

    /// Checked against Foundation's own base64.
    @Test(arguments: ["", "a", "ab", "abc", "abcd", "judgement\tcount\nInadequate\t59\n", "£ é → ✓"])
    func base64MatchesFoundations(_ text: String) {
        #expect(Clipboard.base64(Array(text.utf8)) == Data(text.utf8).base64EncodedString())
    }

    /// The text pasted: a header, the rows, the totals row, tab-separated; a cell a spreadsheet
    /// would run as a formula guarded, as in CSV for Excel.
    @Test func clipboardTextIsTabSeparated() throws {
        let session = Bundled.session()
        let result = try session.result("count reviews group by judgement")
        let (text, remarks) = SpreadsheetText.clipboardTSV(result)
        // Ofsted, paragraph 86: 59, 74 and 40 of 173.
        #expect(text == "judgement\tcount\tpercent\nInadequate\t59\t34.1\nAdequate\t74\t42.8\nGood\t40\t23.1\nOutstanding\t0\t0\nTotal\t173\t100\n")
        #expect(remarks.isEmpty)
        let risky = QueryResult(table: Table(name: "t", columns: [Column(name: "x", values: [.text("=1+2"), .text("two\nlines")])]))
        #expect(SpreadsheetText.clipboardTSV(risky).text == "x\n'=1+2\ntwo lines\n")
    }

    /// Not a terminal (a pipe, as here): an error that says why and what to do instead.
    @Test func withoutATerminalCopySaysWhy() throws {
        let run = try ReviewQLProcess.run(["-c", "count reviews group by judgement; copy last"], directory: here)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: cannot copy: the output is not a terminal, and the clipboard is reached through the terminal\n"))
        #expect(run.stderr.contains("help: save last to \"result.xlsx\""))
    }

    /// In a terminal (a pseudo-terminal made by `script`), the OSC 52 sequence carries the rows
    /// in base64, and a note says what was sent.
    @Test(.enabled(if: ExternalTools.which("script") != nil, "needs script (util-linux) for a pseudo-terminal"))
    func inATerminalTheSequenceCarriesTheRows() throws {
        let command = "\(ReviewQLProcess.executable.path) -c 'count reviews group by judgement; copy last'"
        let run = try ExternalTools.run("env", ["-u", "TMUX", "TERM=xterm-256color", "NO_COLOR=1", "script", "-qec", command, "/dev/null"])
        let output = run.stdout
        let start = try #require(output.range(of: "\u{1B}]52;c;"))
        let end = try #require(output[start.upperBound...].firstIndex(of: "\u{07}"))
        let decoded = try #require(Data(base64Encoded: String(output[start.upperBound..<end])))
        #expect(String(decoding: decoded, as: UTF8.self).hasPrefix("judgement\tcount\tpercent\nInadequate\t59\t34.1\n"))
        #expect(output.contains("note: copied 4 rows and the header to the clipboard"))
        let dumb = try ExternalTools.run("env", ["-u", "TMUX", "TERM=dumb", "script", "-qec", command, "/dev/null"])
        #expect(dumb.stdout.contains("cannot copy: this terminal (TERM=dumb) has no clipboard to send to"))
    }
}
