import Foundation
import Testing
@testable import ReviewQLCore

/// Output on a projector at 80 columns: sentences broken between words, columns shortened
/// where they have room to give, wide characters counted as two columns.
@Suite struct ProjectorTests {
    static func render(_ statement: String, width: Int) throws -> String {
        let session = Bundled.session()
        let outcome = try #require(session.run(statement).last)
        guard case .result(let result)? = outcome.output else { throw ShellTestFailure(description: "no result") }
        return try ResultWriter.render(result, as: .box, options: RenderOptions(width: width))
    }

    /// The issue's example: at 80 columns the region names stay whole and the mostly empty
    /// note column gives up its room instead.
    @Test func mostlyEmptyColumnGivesWayFirst() throws {
        let text = try Self.render("proportion of reviews join authorities where judgement = inadequate group by region", width: 80)
        #expect(text.contains("│ East of England     │"))
        #expect(text.contains("n < 10: i…"))
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 80, "\(line)") }
    }

    /// Every line under 60 columns, and no word split: the lines of each sentence, joined
    /// with spaces, give the sentence back.
    @Test func sentencesBreakBetweenWords() throws {
        let session = Bundled.session()
        let outcome = try #require(session.run("proportion of reviews join authorities where judgement = inadequate group by region").last)
        guard case .result(let result)? = outcome.output else { Issue.record("no result"); return }
        let text = try ResultWriter.render(result, as: .box, options: RenderOptions(width: 60))
        let lines = text.split(separator: "\n").map(String.init)
        // The table cannot shrink below its columns' floors; the sentences under it can.
        for line in lines where !["┌", "│", "├", "└"].contains(where: line.hasPrefix) { #expect(DisplayWidth.of(line) <= 60, "\(line)") }
        for note in result.noteLines where note.count > 60 {
            let start = try #require(lines.firstIndex { note.hasPrefix($0) })
            var joined = lines[start]
            var next = start + 1
            while joined.count < note.count, next < lines.count {
                joined += " " + lines[next]
                next += 1
            }
            #expect(joined == note)
        }
    }

    /// Wide characters: each line of the table takes the same number of columns, counted
    /// independently by Python's unicodedata (East Asian Width W and F are two columns).
    @Test(.enabled(if: ExternalTools.hasPython)) func wideCharactersAlign() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("wide.csv").path
        try "name,n\n東京都庁,3\nVille de Montréal,12\n서울특별시,2\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let session = Bundled.session()
        let outcome = try #require(session.run("load \"\(csv)\" as w\nlist w").last)
        guard case .result(let result)? = outcome.output else { Issue.record("no result"); return }
        let table = try ResultWriter.render(result, as: .box).split(separator: "\n").prefix(7).joined(separator: "\n")
        let check = try ExternalTools.run("python3", ["-c", """
            import sys, unicodedata
            widths = {sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in line)
                      for line in sys.stdin.read().splitlines()}
            print(len(widths))
            """], input: table)
        #expect(check.stdout == "1\n", "lines of different widths:\n\(table)")
        #expect(DisplayWidth.of("東京都庁") == 8)
    }
}
