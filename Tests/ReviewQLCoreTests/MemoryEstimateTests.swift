import Foundation
import Testing
@testable import ReviewQLCore

/// Before a load or a grouping that would not fit in memory, an error that says what would be
/// needed and what is available, rather than an abort (issue 22). The memory available is made
/// small with `REVIEWQL_MEMORY_AVAILABLE` (for tests only) in a child `reviewql`, so no other
/// test running at the same time sees it.
@Suite struct MemoryEstimateTests {
    /// A CSV file of `rows` rows, an id each and a repeated text.
    static func numbers(rows: Int, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("numbers.csv").path
        var csv = "id,kind\n"
        for i in 0..<rows { csv += "\(i),kind\(i % 4)\n" }
        try csv.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test func aLoadThatCannotFitIsRefusedWithWhatItNeeds() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.numbers(rows: 100_000, in: folder)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        // Less than 0.4 times the file's size: not even the least it takes fits.
        let small = try ReviewQLProcess.run(["--load", "d=\(path)", "-c", "count d"], directory: folder,
                                            environment: ["REVIEWQL_MEMORY_AVAILABLE": "\(size / 4)"])
        #expect(small.status == 1)
        #expect(small.stderr.contains("loading it would take at least"), "\(small.stderr)")
        #expect(small.stderr.contains("is available; it was not loaded"))
        // Room for the least but not the most: loaded, with a note.
        let middle = try ReviewQLProcess.run(["--load", "d=\(path)", "-c", "count d"], directory: folder,
                                             environment: ["REVIEWQL_MEMORY_AVAILABLE": "\(size * 2)"])
        #expect(middle.status == 0, "\(middle.stderr)")
        #expect(middle.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "100000", "the file's own row count")
        #expect(middle.stderr.contains("could take up to"), "\(middle.stderr)")
        // Plenty: no note.
        let plenty = try ReviewQLProcess.run(["--load", "d=\(path)", "-c", "count d"], directory: folder,
                                             environment: ["REVIEWQL_MEMORY_AVAILABLE": "\(size * 100)"])
        #expect(plenty.status == 0 && !plenty.stderr.contains("memory"), "\(plenty.stderr)")
    }

    @Test func aGroupingThatCannotFitStopsWithWhatItNeeds() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.numbers(rows: 100_000, in: folder)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        // Enough for the file, not for 131,072 groups (at least 64 bytes each).
        let available = max(size * 10, 2_000_000)
        #expect(MemoryEstimate.groupingBytes(groups: 131_072, keys: 1) > available)
        let many = try ReviewQLProcess.run(["--load", "d=\(path)", "-c", "count d group by id"], directory: folder,
                                           environment: ["REVIEWQL_MEMORY_AVAILABLE": "\(available)"])
        #expect(many.status == 1)
        #expect(many.stderr.contains("this grouping has made 65536 groups so far"), "\(many.stderr)")
        // Four groups fit in the same memory.
        let few = try ReviewQLProcess.run(["--load", "d=\(path)", "-c", "count d group by kind"], directory: folder,
                                          environment: ["REVIEWQL_MEMORY_AVAILABLE": "\(available)"])
        #expect(few.status == 0, "\(few.stderr)")
        #expect(few.stdout.contains("25000"), "100,000 rows over four kinds: \(few.stdout)")
    }

    /// The system's figure is read, and is a positive number on Linux (where /proc/meminfo is).
    @Test func theSystemSaysWhatIsAvailable() throws {
        guard FileManager.default.fileExists(atPath: "/proc/meminfo") else { return }
        let text = try String(contentsOfFile: "/proc/meminfo", encoding: .utf8)
        let line = text.split(separator: "\n").first { $0.hasPrefix("MemAvailable:") }!
        let kilobytes = Int(line.split(separator: " ")[1])!
        let available = try #require(MemoryBudget.available())
        // The least of the system's figure and a container's room; the system's moves a little.
        #expect(available > 0 && available <= kilobytes * 1024 * 2)
        #expect(MemoryBudget.words(1536) == "1.5 kB" && MemoryBudget.words(3 << 30) == "3.0 GB")
    }
}
