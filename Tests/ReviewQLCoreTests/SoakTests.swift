import Foundation
import Testing
@testable import ReviewQLCore

/// Many statements through one session, with flat memory (issue 22): resident memory, read
/// from `/proc/self/status`, is sampled as the statements run, and after a warm-up may grow by
/// no more than a bound (a memory bound, never a time). 20,000 statements here (2,000 of each
/// kind; 50,000 until the cost of `swift test` on CI's two cores was cut); the million of the
/// issue, through the program, is `Tests/soak.sh`, run by hand, its runs recorded in
/// `Tests/SOAK.md`.
@Suite struct SoakTests {
    /// The statements, in turn: queries of each kind, settings, and mistakes.
    static let statements = [
        "count reviews group by judgement",
        "list authority, judgement from reviews where judgement = good limit 3",
        "count reviews where judgement = inadequate",
        "count distinct authority from reviews",
        "set maxrows 20",
        "coutn reviews",
        "count reviews group by authority order by count desc limit 5",
        "list reviews where nosuchcolumn = 1",
        "set maxrows 40",
        "max letter_date from reviews group by judgement",
    ]

    /// Resident memory of this process in bytes (`VmRSS`), or nil off Linux.
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ")[1]) else { return nil }
        return kilobytes * 1024
    }

    @Test func twentyThousandStatementsInFlatMemory() throws {
        guard Self.residentBytes() != nil else { print("skipped: no /proc/self/status"); return }
        let session = Bundled.session()
        let total = 20_000, warmUp = 2_000
        var afterWarmUp = 0, highest = 0
        var failures = 0
        for index in 0..<total {
            let text = Self.statements[index % Self.statements.count]
            let source = SourceText(text: text)
            for piece in session.statements(in: source) where session.execute(piece, in: source).failed { failures += 1 }
            if index % 1_000 == 999 {
                let resident = Self.residentBytes()!
                if index + 1 == warmUp { afterWarmUp = resident }
                highest = max(highest, resident)
            }
        }
        #expect(failures == total / Self.statements.count * 2, "the two mistakes fail each time, nothing else")
        // Other tests run in this process at the same time, so the bound is loose: a leak of
        // 2.5 kB a statement would be 45 MB over the 18,000 after warm-up (a smaller leak is
        // the million-statement soak's to find).
        #expect(highest - afterWarmUp < 40 << 20, "resident memory grew from \(afterWarmUp >> 20) MB to \(highest >> 20) MB")
    }
}
