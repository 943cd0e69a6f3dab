import Foundation
import Synchronization
import Testing
@testable import ReviewQLCore

/// Ctrl-C reaches every loop that can run long (issue 22, failure 7): loading, describe,
/// distinct, suggestions, grouping, sorting, joining and writing. The stop flag is
/// process-wide, so each case runs in a child `reviewql` with the test hook
/// `REVIEWQL_TEST_STOP_AT=S:K` (Cancellation.swift): in statement S the K-th check of the flag
/// requests the stop, as a Ctrl-C at that moment would. A first run with K = 0 counts the
/// checks; a loop that checks as it goes makes more of them than the statement's fixed checks
/// before and after its work, and stopping at the second and at the last must end the
/// statement with `cancelled`, no result printed or file written.
@Suite struct CancellationTests {
    /// 150,000 rows (each loop checks every 65,536 rows or more often, so at least three
    /// times): 20,000 authorities, judgements, scores and dates; and a table of areas.
    static let folder: URL = {
        let folder = try! ExternalTools.scratchFolder()
        let made = try! ExternalTools.run("python3", ["-c", """
            import sys, datetime
            folder = sys.argv[1]
            with open(folder + '/big.csv', 'w') as f:
                f.write('id,authority,judgement,score,day\\n')
                start = datetime.date(2008, 4, 1)
                for i in range(150000):
                    day = start + datetime.timedelta(days=i % 700)
                    f.write(f'{i},Authority {i * 7919 % 20000},{("Good", "Adequate", "Inadequate")[i % 3]},{i * 0.37:.2f},{day}\\n')
            with open(folder + '/areas.csv', 'w') as f:
                f.write('authority,region\\n')
                for a in range(20000):
                    f.write(f'Authority {a},Region {a % 9}\\n')
            """, folder.path])
        precondition(made.status == 0, made.stderr)
        return folder
    }()

    /// The tests still to use the folder; the last one removes it.
    static let users = Mutex(cases.count + 1)
    static func doneWithFolder() {
        if users.withLock({ $0 -= 1; return $0 == 0 }) { try? FileManager.default.removeItem(at: folder) }
    }

    /// The statements before the one stopped: statement 4 is the case's own.
    static let setUp = "load \"big.csv\" as big\nload \"areas.csv\" as areas\nset maxrows 5\n"

    /// Runs `script` in the folder with the hook on statement `statement` at check `ask`.
    static func run(_ script: String, statement: Int, ask: Int) throws -> ExternalTools.Run {
        try ExternalTools.run("env", ["-C", folder.path, "REVIEWQL_TEST_STOP_AT=\(statement):\(ask)",
                                      ReviewQLProcess.executable.path], input: script)
    }

    /// How many checks the hooked statement made, from the hook's note.
    static func asks(in stderr: String) -> Int? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.hasPrefix("note: test hook: ") }) else { return nil }
        return Int(line.split(separator: " ")[3])
    }

    static let cases: [(name: String, statement: String)] = [
        ("grouping", "count big group by authority"),
        ("grouping by an expression", "count big group by year_month(day)"),
        ("count distinct of text", "count distinct authority from big"),
        ("count distinct of numbers", "count distinct score from big"),
        ("list distinct", "list distinct authority, judgement from big"),
        ("a value's suggestions", "count big where authority = \"Authorty 12345x\""),
        ("sorting", "list big order by score desc"),
        ("sorting with a limit", "list big order by authority limit 3"),
        ("joining", "count big join areas group by region"),
        ("filtering", "count big where score > 100 and judgement = good"),
        ("describe", "describe big"),
        ("loading", "load \"big.csv\" as again"),
    ]

    @Test(arguments: cases.indices)
    func eachLongLoopStops(_ index: Int) throws {
        defer { Self.doneWithFolder() }
        let (name, statement) = Self.cases[index]
        let script = Self.setUp + statement + "\ncount areas\n"
        let baseline = try Self.run(Self.setUp, statement: 99, ask: 0)
        let counted = try Self.run(script, statement: 4, ask: 0)
        #expect(counted.status == 0, "\(name): \(counted.stderr)")
        let asks = try #require(Self.asks(in: counted.stderr), "\(name): no hook note in \(counted.stderr)")
        // Two fixed checks at most (before and after the work); the loop's own make the rest.
        #expect(asks >= 3, "\(name): \(asks) checks: the loop does not check as it goes")
        for stopAt in Set([2, (asks + 1) / 2, asks]) {
            let stopped = try Self.run(script, statement: 4, ask: stopAt)
            #expect(stopped.status == 1, "\(name), stopped at check \(stopAt) of \(asks): status \(stopped.status)")
            #expect(stopped.stderr.contains("cancelled"), "\(name), check \(stopAt) of \(asks): \(stopped.stderr)")
            // Nothing of the statement is printed, and the script stops there (`count areas` is not run).
            #expect(stopped.stdout == baseline.stdout, "\(name), check \(stopAt) of \(asks): printed \(stopped.stdout)")
        }
    }

    /// Writing: `save` stops part-way, and leaves neither the file nor a temporary one.
    @Test func savingStops() throws {
        defer { Self.doneWithFolder() }
        let script = Self.setUp + "list big\nsave last to \"out.csv\"\n"
        let counted = try Self.run(script, statement: 5, ask: 0)
        let asks = try #require(Self.asks(in: counted.stderr), "no hook note in \(counted.stderr)")
        #expect(asks >= 3, "\(asks) checks: writing does not check as it goes")
        try? FileManager.default.removeItem(at: Self.folder.appendingPathComponent("out.csv"))
        for stopAt in Set([2, asks]) {
            let stopped = try Self.run(script, statement: 5, ask: stopAt)
            #expect(stopped.stderr.contains("cancelled"), "check \(stopAt) of \(asks): \(stopped.stderr)")
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            #expect(!names.contains { $0.hasPrefix("out.csv") || $0.hasPrefix(".out.csv") }, "check \(stopAt): \(names)")
        }
    }
}
