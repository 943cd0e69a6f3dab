import Foundation
import Testing
@testable import ReviewQLCore

/// Files and sessions: huge fields load whole, loading never changes a file, saving never
/// leaves a half-written one, and no statement can reach the shell.
@Suite struct FilesAndSessionsTests {
    func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-\(UUID().uuidString)-\(name)")
    }

    @Test func aOneMegabyteFieldLoadsWhole() throws {
        // A quoted field of 1,048,576 characters holding commas, quotes and line breaks.
        let unit = "a,b \"\"q\"\"\nc"  // 11 characters written, 9 read: a , b space " q " newline c
        let repeats = 1_048_576 / 9 + 1
        let field = String(repeating: unit, count: repeats)
        let csv = "id,text\n1,\"" + field + "\"\n2,short\n"
        let table = try CSVReader.read(Array(csv.utf8), name: "big", file: "big.csv")
        #expect(table.rowCount == 2)
        guard case .text(let text) = table.columns[1].value(at: 0) else {
            Issue.record("not text")
            return
        }
        #expect(text.count == repeats * 9)
        #expect(text.count >= 1_048_576)
        #expect(text.hasPrefix("a,b \"q\"\nc"))
        #expect(table.columns[1].value(at: 1) == .text("short"))
    }

    @Test func loadingNeverChangesTheFile() throws {
        let url = temporaryFile("data.csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = Data("name,n\r\n\u{FEFF}a,1\r\nb,\"2\"\r\n".utf8)
        try bytes.write(to: url)
        let before = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
        let session = Session()
        _ = session.run("load \"\(url.path)\" as data")
        _ = session.run("count data")
        #expect(try Data(contentsOf: url) == bytes)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date == before)
    }

    @Test func savingReplacesAFileWholeOrNotAtAll() throws {
        let url = temporaryFile("out.csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "old contents\n".write(to: url, atomically: true, encoding: .utf8)
        let session = Bundled.session()
        _ = session.run("count reviews group by judgement")
        #expect(session.run("save last to \"\(url.path)\"").allSatisfy { !$0.failed })
        #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("judgement,count,percent\n"))
        // A save that cannot be written leaves the old file as it was, and no temporary file.
        let folder = url.deletingLastPathComponent()
        let blocked = folder.appendingPathComponent("reviewql-\(UUID().uuidString)-blocked")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: blocked) }
        let outcome = session.run("save last to \"\(blocked.path)\"").last!
        #expect(outcome.failed)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") && $0.contains("blocked") }
        #expect(leftovers.isEmpty)
    }

    @Test(arguments: [".shell ls", ".system ls", "!ls", "system(\"ls\")", "shell \"ls\""])
    func noStatementReachesTheShell(_ text: String) {
        // There is no command that runs a program; each of these is an error, and nothing runs.
        // (`.read FILE` runs a file of ReviewQL statements, as sqlite3's does: /etc/passwd read
        // so fails at its first line, in the program that runs scripts.)
        let outcomes = Bundled.session().run(text)
        #expect(outcomes.contains { $0.failed })
    }
}
