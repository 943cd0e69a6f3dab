import Foundation
import Testing
@testable import ReviewQLCore
import ReviewQLData

/// The data compiled into the program is `Data/` itself, byte for byte, and loads as the
/// folder does.
@Suite struct BuiltInDataTests {
    /// Every CSV file and the catalog of `Data/`, read from disk here (not through the plugin).
    static let onDisk: [String: Data] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Bundled.dataFolder)) ?? []
        var files: [String: Data] = [:]
        for name in names where name.lowercased().hasSuffix(".csv") || name == "catalog.txt" {
            files[name] = FileManager.default.contents(atPath: Bundled.dataFolder + "/" + name)
        }
        return files
    }()

    @Test func theProgramHoldsEveryFileOfDataUnchanged() {
        let builtIn = Dictionary(BuiltInData.files.map { ($0.name, Data($0.bytes)) }, uniquingKeysWith: { a, _ in a })
        #expect(Self.onDisk.count >= 10)
        #expect(Set(builtIn.keys) == Set(Self.onDisk.keys))
        for (name, bytes) in Self.onDisk {
            #expect(builtIn[name] == bytes, "\(name) differs from Data/\(name)")
        }
    }

    @Test func builtInDataLoadsAsTheFolderDoes() throws {
        let fromFolder = Bundled.session()
        let builtIn = Session()
        let problems = builtIn.loadBuiltInData(BuiltInData.files)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        #expect(builtIn.datasets.map(\.name) == fromFolder.datasets.map(\.name))
        for (a, b) in zip(builtIn.datasets, fromFolder.datasets) {
            #expect(a.table.rowCount == b.table.rowCount, "\(a.name)")
            #expect(a.sha256 == b.sha256, "\(a.name): the SHA-256 of the bytes loaded")
            #expect(a.isBuiltIn && !b.isBuiltIn)
        }
        // The report's total (paragraph 1 of the report): 173 reviews.
        #expect(try builtIn.number("count reviews") == 173)
    }

    @Test func describeSaysTheDataIsBuiltIn() throws {
        let session = Session()
        session.loadBuiltInData(BuiltInData.files)
        guard case .text(let text)? = session.run("describe reviews").last?.output else {
            Issue.record("describe gave no text")
            return
        }
        #expect(text.contains("file: reviews.csv, built into the program"))
    }

    @Test func theVersionNamesTheBuildDay() {
        // YYYY-MM-DD, as the plugin writes it.
        #expect(BuiltInData.buildDate.split(separator: "-").map(\.count) == [4, 2, 2])
    }
}
