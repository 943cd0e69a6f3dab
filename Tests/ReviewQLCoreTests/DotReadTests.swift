import Foundation
import Testing
@testable import ReviewQLCore

/// sqlite3's `.read FILE`, typed by habit with no quotes: the rest of the line is the file's
/// name, dots and spaces included. A name in quotes (the lessons' `.read "file" step by step`)
/// is read as before. The answers are the report's: 173 reviews, 40 of them good (Figure 3).
@Suite struct DotReadTests {
    static let names = ["my.queries.sql", "my queries.sql"]

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            try "count reviews\ncount reviews where judgement = good\n"
                .write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test(arguments: [".read my.queries.sql", ".read my queries.sql", ".read my.queries.sql;", ".read   my.queries.sql  ",
                      ".read \"my queries.sql\"", ".read 'my.queries.sql'", ".READ my.queries.sql"])
    func readRunsTheFileNamedByTheRestOfTheLine(_ typed: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try ReviewQLProcess.run(["-c", typed], directory: folder)
        #expect(run.stdout == "173\n40\n", "\(typed): \(run.stderr)")
        #expect(run.status == 0)
    }

    @Test func aMissingFileIsNamedAsTyped() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try ReviewQLProcess.run(["-c", ".read no such.sql"], directory: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("no such.sql"), "\(run.stderr)")
        #expect(run.stdout == "")
    }

    @Test func quotedNameKeepsTheWordsAfterIt() throws {
        let tokens = try Lexer.tokens(".read \"lesson.rql\" step by step")
        #expect(tokens.map(\.text) == [".read", "lesson.rql", "step", "by", "step", ""])
        let bare = try Lexer.tokens(".read lesson.rql\ncount reviews")
        #expect(bare.map(\.text).prefix(3) == [".read", "lesson.rql", "\n"])
    }
}
