import Foundation
import Testing
@testable import ReviewQLCore

/// `record "lesson.html"`: a handout a trainee opens in a browser. Parsed here by Python's
/// html5lib, strictly, as HTML5 (Tests/Handout/check_handout.py), and checked for what a
/// trainer needs in it and for nothing that could run.
@Suite(.enabled(if: ExternalTools.hasHTML5Lib, "needs Python's html5lib (bash .ci/setup installs it)"))
struct RecordHTMLTests {

    struct Found: Decodable {
        var title: String
        var h1: String
        var statements: [String]
        var narrative: [String]
        var meanings: [String]
        var cells: [String]
        var svg: Int
        var svg_bars: Int
        var scripts: Int
        var event_attributes: [String]
        var external: [String]
        var iframes: Int
    }

    static func parse(_ path: String) throws -> Found {
        let script = ExternalTools.testsFolder.appendingPathComponent("Handout/check_handout.py").path
        let run = try ExternalTools.run("python3", [script, path])
        #expect(run.status == 0, "html5lib could not parse the handout: \(run.stderr)")
        return try JSONDecoder().decode(Found.self, from: Data(run.stdout.utf8))
    }

    @Test func lessonHandoutParsesWithChartsAndNoScript() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lesson.html").path
        // Text from the data that would be live HTML if it were not escaped.
        let hostile = folder.appendingPathComponent("hostile.csv").path
        try "name,n\n\"<script>alert(1)</script>\",3\n\"<img src=x onerror=alert(2)>\",2\n"
            .write(toFile: hostile, atomically: true, encoding: .utf8)
        let session = Bundled.session()
        let source = SourceText(file: "lesson.rql", text: """
            record "\(path)" titled "Lesson 1: <denominators>"
            load "\(hostile)" as hostile
            -- Of all 173 reviews: 59 inadequate.
            -- The denominator is every review.
            count reviews group by judgement
            coutn reviews
            help where
            -- A chart of the same.
            count reviews group by judgement as chart
            count hostile group by name
            list reviews
            record undo
            record off
            """)
        for piece in session.statements(in: source) { _ = session.execute(piece, in: source) }
        let found = try Self.parse(path)
        #expect(found.title == "Lesson 1: <denominators>")
        #expect(found.h1 == "Lesson 1: <denominators>")
        // The typo and the help screen are left out; `record undo` dropped `list reviews`.
        #expect(found.statements == ["load \"\(hostile)\" as hostile", "count reviews group by judgement",
                                     "count reviews group by judgement as chart", "count hostile group by name"])
        #expect(found.narrative == ["Of all 173 reviews: 59 inadequate. The denominator is every review.", "A chart of the same."])
        #expect(found.meanings.contains("Count the reviews, one row for each judgement."))
        #expect(found.cells.contains("<script>alert(1)</script>"), "the cell's text is shown as text")
        #expect(found.cells.contains("Inadequate") && found.cells.contains("59"))
        #expect(found.svg == 1)
        #expect(found.svg_bars == 4, "one bar for each judgement, Outstanding's of no length")
        #expect(found.scripts == 0)
        #expect(found.event_attributes == [])
        #expect(found.external == [], "nothing fetched from elsewhere")
        #expect(found.iframes == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("<script"), "no script element, escaped or not, in the markup")
        #expect(text.contains(#"<time datetime=""#))
    }

    /// `with errors` keeps what is otherwise left out.
    @Test func withErrorsKeepsErrorsAndHelp() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("all.html").path
        let session = Bundled.session()
        let source = SourceText(text: "record \"\(path)\" with errors\ncoutn reviews\nhelp where\nrecord off")
        for piece in session.statements(in: source) { _ = session.execute(piece, in: source) }
        let found = try Self.parse(path)
        #expect(found.statements == ["coutn reviews", "help where"])
        #expect(found.title == "ReviewQL session")
    }

    /// The Markdown handout stays, with the same rules.
    @Test func markdownHandoutLeavesOutErrorsToo() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lesson.md").path
        let outcomes = Bundled.session().run("record \"\(path)\" titled \"Counting\"\ncount reviews\nhelp where\nrecord undo\nrecord undo\nrecord off")
        #expect(outcomes.allSatisfy { !$0.failed })
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# Counting\n\nRecorded "))
        #expect(!text.contains("## 1."), "both undos dropped the one entry, and the second said so")
        guard case .notice(let said)? = outcomes[4].output else { Issue.record("no notice"); return }
        #expect(said == "the handout has nothing in it yet")
    }
}
