import Foundation
import Testing
@testable import ReviewQLCore

/// `record` writes a handout a trainer can give out: statements, their meaning, results, and
/// the data's provenance, with each file's SHA-256 as the system's `sha256sum` computes it.
@Suite struct RecordTests {
    @Test func handoutHasStatementsMeaningResultsAndProvenance() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-\(UUID().uuidString).md").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = Bundled.session()
        let outcomes = session.run("""
            record "\(path)"
            count reviews group by judgement
            count reviews join authorities where judgement = inadequate group by region
            record off
            count reviews
            """)
        #expect(outcomes.allSatisfy { !$0.failed })
        let handout = try String(contentsOfFile: path, encoding: .utf8)
        #expect(handout.hasPrefix("# ReviewQL session\n\nRecorded "))
        #expect(handout.contains(" with ReviewQL \(ReviewQLVersion.current).\n"))
        #expect(handout.contains("## 1. `count reviews group by judgement`"))
        #expect(handout.contains("Count the reviews, one row for each judgement."))
        #expect(handout.contains("| Inadequate | 59 | 34.1 |"))
        #expect(handout.contains("## 2. `count reviews join authorities where judgement = inadequate group by region`"))
        #expect(!handout.contains("## 3."), "statements after record off are not recorded")
        let reviewsSHA = try Self.sha256sum(Bundled.dataFolder + "/reviews.csv")
        let authoritiesSHA = try Self.sha256sum(Bundled.dataFolder + "/authorities.csv")
        #expect(handout.contains("| reviews | reviews.csv | 173 | `\(reviewsSHA)` |"))
        #expect(handout.contains("| authorities | authorities.csv | 150 | `\(authoritiesSHA)` |"))
    }

    @Test func unwritablePathIsAnError() {
        let outcomes = Bundled.session().run("record \"/no/such/folder/lesson.md\"")
        #expect(outcomes.first?.failed == true)
    }

    /// The digest from coreutils' sha256sum, an implementation independent of ours.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
