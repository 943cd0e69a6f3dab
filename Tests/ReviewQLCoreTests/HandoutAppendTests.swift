import Foundation
import Testing
@testable import ReviewQLCore

/// The handout of `record` is appended to, not rewritten (issue 22): after each statement the
/// bytes written before are unchanged, the file is a whole page, `record undo` gives back the
/// exact bytes from before the entry, and a large result is cut. Where an entry ends and the
/// closing part begins is found in the file itself (the "Data used" section, or `</main>`).
@Suite struct HandoutAppendTests {
    /// A session recording to `name` in a fresh folder; `step` runs one statement and gives
    /// the file's bytes after it.
    final class Recording {
        let folder: URL
        let path: String
        let session = Bundled.session()
        init(_ name: String) throws {
            folder = try ExternalTools.scratchFolder()
            path = folder.appendingPathComponent(name).path
        }
        deinit { try? FileManager.default.removeItem(at: folder) }

        @discardableResult
        func step(_ statement: String) -> Session.Outcome {
            let source = SourceText(text: statement)
            var last: Session.Outcome?
            for piece in session.statements(in: source) { last = session.execute(piece, in: source) }
            return last!
        }

        var bytes: [UInt8] { (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? [] }
        /// The file's inode: a file rewritten by temporary file and rename gets a new one.
        var inode: UInt64 { ((try? FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber]) as? NSNumber)?.uint64Value ?? 0 }
    }

    /// The bytes before the closing part: up to the "Data used" section, or, when there is
    /// none yet, the closing tags (HTML) or the end (Markdown).
    static func entriesPart(_ bytes: [UInt8], html: Bool) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let marks = html ? ["<section class=\"data\">", "</main>"] : ["## Data used"]
        for mark in marks {
            if let range = text.range(of: mark) { return Array(text[..<range.lowerBound].utf8) }
        }
        return bytes
    }

    static let statements = [
        "count reviews group by judgement",
        "load \"\(Bundled.dataFolder)/authorities.csv\" as places",
        "count reviews join authorities where judgement = inadequate group by region",
        "count places",
        "list reviews limit 3",
        "count reviews group by judgement as chart",
    ]

    @Test(arguments: ["lesson.html", "lesson.md"])
    func earlierBytesAreNeverRewrittenAndUndoGivesTheOldBytesBack(name: String) throws {
        let recording = try Recording(name)
        let html = name.hasSuffix(".html")
        #expect(!recording.step("record \"\(recording.path)\" titled \"Append <test>\"").failed)
        var before = recording.bytes
        let inode = recording.inode
        for statement in Self.statements {
            #expect(!recording.step(statement).failed, "\(statement)")
            let after = recording.bytes
            let kept = Self.entriesPart(before, html: html)
            #expect(Array(after.prefix(kept.count)) == kept, "the bytes before the entry changed after: \(statement)")
            #expect(after.count > before.count)
            #expect(recording.inode == inode, "written in place, not replaced by a new file")
            if html { #expect(String(decoding: after, as: UTF8.self).hasSuffix("</main>\n</body>\n</html>\n"), "a whole page") }
            // Undo gives back the file exactly as it was; then the statement is recorded again.
            #expect(!recording.step("record undo").failed)
            #expect(recording.bytes == before, "record undo after: \(statement)")
            recording.step(statement)
            #expect(recording.bytes == after, "the same statement again writes the same bytes")
            before = after
        }
        let text = String(decoding: before, as: UTF8.self)
        #expect(text.contains(html ? "<h2>Data used</h2>" : "## Data used"))
        #expect(text.contains(html ? "<td><a href=\"#step-4\">4</a></td>" : "| places | authorities.csv | 150 |"))
        if html && ExternalTools.hasHTML5Lib {
            let found = try RecordHTMLTests.parse(recording.path)
            #expect(found.statements == Self.statements)
            #expect(found.svg == 1)
        }
    }

    @Test func aLargeResultIsCutInTheHTMLHandoutWithANote() throws {
        let recording = try Recording("big.html")
        let data = recording.folder.appendingPathComponent("big.csv").path
        var csv = "n,label\n"
        for i in 0..<1_500 { csv += "\(i),row\(i)\n" }
        try csv.write(toFile: data, atomically: false, encoding: .utf8)
        recording.step("record \"\(recording.path)\"")
        recording.step("load \"\(data)\" as big")
        #expect(!recording.step("list big").failed)
        let text = String(decoding: recording.bytes, as: UTF8.self)
        #expect(text.contains("<p class=\"note\">the first 1000 of 1500 rows are shown here; save last to a file to keep them all</p>"))
        #expect(text.contains("<td>row999</td>") && !text.contains("<td>row1000</td>"))
        if ExternalTools.hasHTML5Lib {
            let found = try RecordHTMLTests.parse(recording.path)
            // Two cells a row for the 1,000 rows shown, and five in the one row of "Data used".
            #expect(found.cells.count == 1_000 * 2 + 5)
        }
    }

    /// A handout changed by another program since (an editor saved over it) is not written
    /// into blindly: the statement says the record could not be written.
    @Test func aHandoutChangedElsewhereIsNotWrittenInto() throws {
        let recording = try Recording("lesson.md")
        recording.step("record \"\(recording.path)\"")
        recording.step("count reviews")
        try "edited by hand\n".write(toFile: recording.path, atomically: false, encoding: .utf8)
        let outcome = recording.step("count reviews group by judgement")
        #expect(outcome.diagnostics.contains { $0.message.contains("changed, moved or deleted by another program") })
        #expect(String(decoding: recording.bytes, as: UTF8.self) == "edited by hand\n")
    }
}
