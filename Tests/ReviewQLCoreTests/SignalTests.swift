import Foundation
import Synchronization
import Testing
@testable import ReviewQLCore
#if canImport(Glibc)
import Glibc
#endif

/// Signals to a child `reviewql` during long work (issue 22): SIGTERM part-way through a save
/// leaves the old file as it was and no temporary file; Ctrl-C (SIGINT) during the start-up
/// load ends the program with status 130. The data is a CSV of 1,500,000 rows made by Python,
/// large enough that the work is still going when the signal is sent; made once for both tests.
@Suite(.serialized) struct SignalTests {
    static let dataFolder = try! ExternalTools.scratchFolder()
    static let data = try! bigCSV(in: dataFolder)
    /// The tests still to use the data; the last one removes it.
    static let users = Mutex(2)
    static func doneWithData() {
        if users.withLock({ $0 -= 1; return $0 == 0 }) { try? FileManager.default.removeItem(at: dataFolder) }
    }

    static func bigCSV(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("big.csv").path
        let made = try ExternalTools.run("python3", ["-c", """
            import sys
            with open(sys.argv[1], 'w') as f:
                f.write('id,authority,judgement,score\\n')
                for i in range(1500000):
                    f.write(f'{i},Authority {i % 150},{("Good", "Inadequate")[i % 2]},{i * 0.37:.2f}\\n')
            """, path])
        #expect(made.status == 0, "\(made.stderr)")
        return path
    }

    /// Starts `reviewql` in `folder` with `arguments` and `input` on standard input.
    static func start(_ arguments: [String], in folder: URL, input: String = "") throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = ReviewQLProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let errors = Pipe(), stdin = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        return (process, errors)
    }

    @Test func sigtermDuringASaveLeavesTheOldFileAndNoTemporaryFile() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder); Self.doneWithData() }
        let destination = folder.appendingPathComponent("out.csv").path
        try "the old file\n".write(toFile: destination, atomically: false, encoding: .utf8)
        // `maxrows`: the list prints 5 of its rows (printing all 1,500,000 cost a debug build
        // minutes); the last result, which `save` writes, still holds every row.
        let (process, _) = try Self.start([], in: folder, input: "load \"\(Self.data)\" as d\nset maxrows 5\nlist d\nsave last to \"out.csv\"\n")
        // Wait for the temporary file `.out.csv.XXXXXXXX.tmp` to appear, then send SIGTERM.
        var caught = false
        while process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if names.contains(where: { $0.hasPrefix(".out.csv.") && $0.hasSuffix(".tmp") }) {
                kill(process.processIdentifier, SIGTERM)
                caught = true
                break
            }
            usleep(200)
        }
        process.waitUntilExit()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "a temporary file remains: \(names)")
        let kept = try String(contentsOfFile: destination, encoding: .utf8)
        if caught {
            #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus != 0)
            #expect(kept == "the old file\n", "the old file is intact")
        } else {
            // The save ended before the folder was looked at: it must then be whole.
            #expect(kept.hasPrefix("id,authority,judgement,score\n"))
            print("note: the save ended before SIGTERM could be sent; only its result was checked")
        }
    }

    @Test func ctrlCDuringTheStartUpLoadExitsWith130() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder); Self.doneWithData() }
        let (process, errors) = try Self.start(["--load", "d=\(Self.data)", "-c", "count d group by authority"], in: folder)
        // Give it time to start reading; the load of 1,500,000 rows takes longer.
        usleep(700_000)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130, "status \(process.terminationStatus): \(said)")
        #expect(said.contains("cancelled") || said.isEmpty, "\(said)")
    }
}
