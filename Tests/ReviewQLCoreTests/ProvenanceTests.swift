import Foundation
import Testing
@testable import ReviewQLCore

/// A handout names the bytes its numbers came from: the SHA-256 is of the bytes loaded (as
/// coreutils' `sha256sum` computes it of the file as it was then), and every version of a
/// dataset that a result used is listed, against the statements that used it.
@Suite struct ProvenanceTests {
    static func temporaryPath(_ ending: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-\(UUID().uuidString)-\(ending)").path
    }

    /// The hash is taken while loading, and equals `sha256sum` of the file, for both readers.
    @Test(arguments: [false, true])
    func theLoadHashesTheBytesItRead(_ large: Bool) throws {
        let path = try FileChangeTests.file(large: large)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try CSVReader.loadFile(path: path, name: "t")
        #expect(loaded.sha256 == (try RecordTests.sha256sum(path)))
        // Without a hash (a run that cannot record), the same table, read in place.
        let unhashed = try CSVReader.loadFile(path: path, name: "t", hashing: false)
        #expect(unhashed.sha256 == nil)
        #expect(CSVReaderTests.describe(unhashed.table) == CSVReaderTests.describe(loaded.table))
    }

    /// End to end: a one-off run with `--load` and `record` names the large file's hash (the
    /// run may record, so it hashes; the file is over the parallel reader's size).
    @Test func aOneOffRunThatRecordsNamesTheLoadedFile() throws {
        let path = try FileChangeTests.file(large: true), handout = Self.temporaryPath("lesson.md")
        defer { for file in [path, handout] { try? FileManager.default.removeItem(atPath: file) } }
        let run = try ReviewQLProcess.run(["--load", "big=\(path)", "-c", "record \"\(handout)\"; count big"],
                                          directory: FileManager.default.temporaryDirectory)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: handout, encoding: .utf8)
        let name = (path as NSString).lastPathComponent
        #expect(text.contains("| big | \(name) | 80000 | `\(try RecordTests.sha256sum(path))` | 1 |"))
    }

    /// Only a run that may record hashes what it loads (`reviewql` asks `mayRecord`).
    @Test func onlyARunThatMayRecordNeedsHashes() {
        #expect(!ColumnDemand(statements: "count big group by region; save last to \"a.csv\"").mayRecord)
        #expect(ColumnDemand(statements: "count big; record \"lesson.md\"; count big").mayRecord)
        #expect(ColumnDemand(statements: "count big group by").mayRecord, "a statement that does not parse")
        // `datasets` and `describe` read every column but record nothing (the benchmark's
        // every-column run); a `record` after them still counts.
        #expect(!ColumnDemand(statements: "count big; datasets; describe big").mayRecord)
        #expect(ColumnDemand(statements: "datasets; record \"lesson.md\"").mayRecord)
    }

    /// The incremental hasher gives the one-shot digest however the bytes are split.
    @Test(arguments: [1, 3, 63, 64, 65, 1000])
    func hashingInPiecesGivesTheSameDigest(_ pieceSize: Int) {
        let bytes = (0..<2_500).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256.Hasher()
        for start in stride(from: 0, to: bytes.count, by: pieceSize) {
            bytes[start..<min(start + pieceSize, bytes.count)].withUnsafeBytes { hasher.update($0) }
        }
        #expect(hasher.finishHex() == SHA256.hex(bytes))
    }

    /// `load "a.csv" as x` … `load "b.csv" as x`: both files are named with their hashes,
    /// each against the statements that used it; and a file changed after it was loaded does
    /// not change the hash of what was loaded.
    @Test func everyVersionOfADatasetIsListed() throws {
        let first = Self.temporaryPath("a.csv"), second = Self.temporaryPath("b.csv"), handout = Self.temporaryPath("lesson.md")
        defer { for path in [first, second, handout] { try? FileManager.default.removeItem(atPath: path) } }
        try Data("area,amount\nLeeds,1\nHull,2\n".utf8).write(to: URL(fileURLWithPath: first))
        try Data("area,amount\nLeeds,10\nHull,20\nYork,30\n".utf8).write(to: URL(fileURLWithPath: second))
        let firstSHA = try RecordTests.sha256sum(first), secondSHA = try RecordTests.sha256sum(second)
        let session = Session()
        let outcomes = session.run("""
            load "\(first)" as x
            record "\(handout)"
            sum amount from x
            load "\(second)" as x
            sum amount from x
            count x
            """)
        #expect(outcomes.allSatisfy { !$0.failed })
        // Changed after loading: the handout must still name the bytes that were loaded.
        try Data("area,amount\nLeeds,999\n".utf8).write(to: URL(fileURLWithPath: first))
        _ = session.run("sum amount from x")
        let text = try String(contentsOfFile: handout, encoding: .utf8)
        let firstName = (first as NSString).lastPathComponent, secondName = (second as NSString).lastPathComponent
        #expect(text.contains("| dataset | file | rows | SHA-256 of the bytes loaded | used in |"))
        #expect(text.contains("| x | \(firstName) | 2 | `\(firstSHA)` | 1 |"))
        #expect(text.contains("| x | \(secondName) | 3 | `\(secondSHA)` | 3, 4, 5 |"))
    }
}
