import Foundation
import Testing
@testable import ReviewQLCore

/// A file that another program writes while ReviewQL reads it is refused, never loaded as a
/// mix of old and new rows. The change is made deterministically through `FileSnapshot`'s
/// seam, which runs after the file's size and times are taken and before any byte is read.
@Suite struct FileChangeTests {
    static let message = " changed while it was being read, so it was not loaded"
    static let help = "try again when the program writing it has finished"

    /// A CSV file of `rows` rows; over a megabyte (the parallel reader's size) when `large`.
    static func file(large: Bool) throws -> String {
        let rows = large ? 80_000 : 3
        var csv = "id,area,amount\n"
        for row in 0..<rows { csv += "\(row),Leeds,\(row % 97).25\n" }
        if large { #expect(csv.utf8.count > ParallelCSVReader.minimumFileSize) }
        return try CSVReaderTests.temporaryFile(csv)
    }

    static func append(_ text: String, to path: String) {
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }

    /// Appended to (the file grows past the size it had when opened): both readers refuse it,
    /// whether the file is read into memory to be hashed or (large, unhashed) read in place.
    @Test(arguments: [false, true], [false, true])
    func aFileAppendedToWhileReadIsRefused(_ large: Bool, _ hashing: Bool) throws {
        let path = try Self.file(large: large)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try CSVReader.loadFile(path: path, name: "t", hashing: hashing,
                                       afterOpening: { Self.append("99,Hull,1.5\n", to: path) })
            Issue.record("a file appended to while read loaded")
        } catch {
            #expect(error.message == "\"\(path)\"" + Self.message)
            #expect(error.help == Self.help)
        }
        // Once the writing is over, it loads, with every row.
        let rows = try CSVReader.load(path: path, name: "t").rowCount
        #expect(rows == (large ? 80_000 : 3) + 1)
    }

    /// Cut short while read: refused.
    @Test func aFileTruncatedWhileReadIsRefused() throws {
        let path = try Self.file(large: false)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try CSVReader.loadFile(path: path, name: "t", afterOpening: { truncate(path, 20) })
            Issue.record("a file cut short while read loaded")
        } catch {
            #expect(error.message == "\"\(path)\"" + Self.message)
        }
    }

    /// Rewritten in place at the same size: the modification time tells. The file's time is
    /// first set far in the past, so the rewrite's time differs whatever the clock's grain.
    @Test(arguments: [false, true])
    func aFileRewrittenAtTheSameSizeIsRefused(_ large: Bool) throws {
        let path = try Self.file(large: large)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 946_684_800)], ofItemAtPath: path)
        let rewrite = {
            let handle = FileHandle(forWritingAtPath: path)!
            handle.write(Data("ID".utf8))  // over "id": the same size
            handle.closeFile()
        }
        do {
            _ = try CSVReader.loadFile(path: path, name: "t", hashing: !large, afterOpening: rewrite)
            Issue.record("a file rewritten while read loaded")
        } catch {
            #expect(error.message == "\"\(path)\"" + Self.message)
        }
    }

    /// A pipe (`--load x=/dev/stdin`, `<(...)`) has no size to compare: it is read to its end
    /// and loads, hashed like a file (`sha256sum` of what was written into it).
    @Test(arguments: [false, true])
    func aPipeLoadsWhole(_ large: Bool) throws {
        let path = try Self.file(large: large)
        let pipe = path + ".fifo"
        defer { for file in [path, pipe] { try? FileManager.default.removeItem(atPath: file) } }
        #expect(mkfifo(pipe, 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat \"$0\" > \"$1\"", path, pipe]
        try writer.run()
        let loaded = try CSVReader.loadFile(path: pipe, name: "t", hashing: true)
        writer.waitUntilExit()
        #expect(loaded.table.rowCount == (large ? 80_000 : 3))
        #expect(loaded.sha256 == (try RecordTests.sha256sum(path)))
    }

    /// `load "..." as`, `--load` (`Session.load`) and the `--data` folder all refuse it, and
    /// keep what they had.
    @Test func everyWayOfLoadingRefusesIt() throws {
        let path = try Self.file(large: false)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = Session()
        session.afterOpeningFile = { Self.append("99,Hull,1.5\n", to: path) }
        let outcome = session.run("load \"\(path)\" as x").last
        #expect(outcome?.diagnostics.map(\.message) == ["\"\(path)\"" + Self.message])
        #expect(throws: Diagnostic.self) { try session.load(path: path, as: "y") }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: path, toPath: folder + "/z.csv")
        session.afterOpeningFile = { Self.append("99,Hull,1.5\n", to: folder + "/z.csv") }
        let problems = session.loadDataDirectory(folder)
        #expect(problems.map(\.message) == ["\"\(folder)/z.csv\"" + Self.message])
        #expect(session.datasets.isEmpty)
    }
}
