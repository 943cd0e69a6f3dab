import Foundation
import Testing
@testable import ReviewQLCore

/// The peer-suite bar of issue 16: every file of `../shared/csv-peers` (five third-party CSV
/// test suites) loaded with the session's loader and compared with its verdict in
/// `Tests/peers/verdicts.tsv` (the right reading, judged by looking at the file). A file the
/// verdicts say ReviewQL does not yet read right is a known issue naming what it does; when
/// it is fixed the known issue stops being recorded and this test fails until
/// `python3 Tests/peers/compare.py --update` records the new reading. Skipped when the peer
/// folder is not beside the repository.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: PeerSuite.folder)))
struct PeerSuiteTests {
    @Test(arguments: PeerSuite.verdicts.map(\.file))
    func readsAsJudged(_ file: String) throws {
        let verdict = try #require(PeerSuite.verdicts.first { $0.file == file })
        if ["right", "refused rightly"].contains(verdict.reviewql) {
            PeerSuite.check(verdict)
        } else {
            withKnownIssue(Comment(rawValue: "ReviewQL today: \(verdict.reviewql); right: \(verdict.rightReading)")) {
                PeerSuite.check(verdict)
            }
        }
    }

    @Test func everyPeerFileHasAVerdict() throws {
        let judged = Set(PeerSuite.verdicts.map(\.file))
        let enumerator = FileManager.default.enumerator(atPath: PeerSuite.folder)
        while let name = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: PeerSuite.folder + "/" + name, isDirectory: &isFolder)
            if !isFolder.boolValue, name != "SOURCES.txt", !judged.contains(name) {
                Issue.record("\(name) has no verdict in Tests/peers/verdicts.tsv")
            }
        }
    }
}

/// The verdicts file and the comparison of one loading with its verdict.
enum PeerSuite {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.deletingLastPathComponent().appendingPathComponent("shared/csv-peers").path

    struct Verdict {
        let file: String
        let rightReading: String
        let reviewql: String
        /// The (rows, columns) the verdict accepts; nil when the right reading is a refusal.
        var shapes: Set<[Int]>? {
            guard rightReading.hasPrefix("table: ") else { return nil }
            let words = rightReading.dropFirst(7).split(separator: " ")
            guard words.count >= 4 else { return nil }
            let rows = words[0].split(separator: "|").compactMap { Int($0) }
            let columns = words[3].split(separator: "|").compactMap { Int($0) }
            return Set(rows.flatMap { r in columns.map { [r, $0] } })
        }
    }

    static let verdicts: [Verdict] = {
        let path = repository.appendingPathComponent("Tests/peers/verdicts.tsv").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> Verdict? in
            if line.hasPrefix("#") || line.hasPrefix("file\t") { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4 else { return nil }
            return Verdict(file: fields[0], rightReading: fields[1], reviewql: fields[3])
        }
    }()

    /// Records an issue when the loading differs from the verdict's right reading.
    static func check(_ verdict: Verdict) {
        let session = WorkbookReadingTests.session()   // reads the .xlsx and .ods peers, as the program does
        let loaded: Table?
        do {
            _ = try session.load(path: folder + "/" + verdict.file, as: "peer")
            loaded = session.datasets.first { $0.name == "peer" }?.table
        } catch {
            if verdict.shapes != nil {
                Issue.record("\(verdict.file) refused (\(error.message)); right: \(verdict.rightReading)")
            }
            return
        }
        guard let shapes = verdict.shapes else {
            Issue.record("\(verdict.file) loaded (\(loaded?.rowCount ?? 0) rows); right: \(verdict.rightReading)")
            return
        }
        let shape = [loaded?.rowCount ?? -1, loaded?.columns.count ?? -1]
        #expect(shapes.contains(shape), "\(verdict.file): \(shape[0]) rows x \(shape[1]) cols; right: \(verdict.rightReading)")
    }
}
