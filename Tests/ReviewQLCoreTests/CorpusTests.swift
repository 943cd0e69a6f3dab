import Foundation
import Testing
@testable import ReviewQLCore

/// The fixture corpus of issue 16 (`Tests/Fixtures/corpus/`): real official statistics files and
/// files made the way people's programs make them, each loaded with the session's loader and
/// compared with the table a careful person would call right (`expected.json`, written by
/// `expect.py` with pandas given explicit options). A file the loader does not yet read right
/// is listed in `knownGaps` with what is wrong: the suite passes, and flags the gap the moment
/// it closes (then move it out of the list).
@Suite struct CorpusTests {
    /// What is wrong today, by file. This list is the to-do of issue 16 for the corpus.
    static let knownGaps: [String: String] = [:]

    @Test(arguments: Corpus.expected.files.map(\.path))
    func loadsAsExpected(_ path: String) throws {
        let expected = try #require(Corpus.expected.files.first { $0.path == path })
        if let gap = Self.knownGaps[path] {
            withKnownIssue(Comment(rawValue: gap)) { Corpus.check(expected) }
        } else {
            Corpus.check(expected)
        }
    }

    @Test func everyCorpusFileHasAnExpectation() throws {
        let listed = Set(Corpus.expected.files.map(\.path))
        for folder in ["official", "made"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: Corpus.folder + "/" + folder)
            for name in names where !listed.contains(folder + "/" + name) {
                Issue.record("\(folder)/\(name) has no expectation: add it to expect.py")
            }
        }
        for gap in Self.knownGaps.keys where !listed.contains(gap) {
            Issue.record("known gap for \(gap), which is not in the corpus")
        }
    }
}

/// The corpus's expectations and the comparison of a loaded table with one.
enum Corpus {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus").path

    struct Expectations: Decodable { let files: [File] }
    struct File: Decodable { let path: String; let rows: Int; let columns: [ExpectedColumn] }
    struct ExpectedColumn: Decodable {
        let name: String
        let kinds: [String]
        let renamed: String?
        let sum: Double?
        let count: Int?
        let unit: String?
        let min: String?
        let max: String?
        let values: [String]?
    }

    static let expected: Expectations = {
        let url = URL(fileURLWithPath: folder + "/expected.json")
        guard let data = try? Data(contentsOf: url),
              let decoded = try? JSONDecoder().decode(Expectations.self, from: data) else {
            return Expectations(files: [])
        }
        return decoded
    }()

    /// The kind a careful person would name for a column ReviewQL loaded.
    static func kind(of column: Column, rows: Int) -> String {
        if rows > 0, (0..<rows).allSatisfy({ column.value(at: $0).isMissing }) { return "empty" }
        switch column.type.rawValue {
        case "integer", "decimal": return "number"
        default: return column.type.rawValue
        }
    }

    /// Records an issue for every way the loaded table differs from the expectation.
    static func check(_ expected: File) {
        let session = Session()
        do {
            _ = try session.load(path: folder + "/" + expected.path, as: "corpus")
        } catch {
            Issue.record("\(expected.path) refused: \(error.message)")
            return
        }
        guard let table = session.datasets.first(where: { $0.name == "corpus" })?.table else {
            Issue.record("\(expected.path): no dataset after loading")
            return
        }
        #expect(table.rowCount == expected.rows, "\(expected.path): rows")
        guard table.columns.count == expected.columns.count else {
            Issue.record("\(expected.path): \(table.columns.count) columns \(table.columns.map(\.name)), expected \(expected.columns.count) \(expected.columns.map(\.name))")
            return
        }
        var names = Set<String>()
        for (column, want) in zip(table.columns, expected.columns) {
            check(column, against: want, rows: table.rowCount, file: expected.path)
            #expect(names.insert(column.name.lowercased()).inserted, "\(expected.path): \(column.name) twice")
        }
    }

    private static func check(_ column: Column, against want: ExpectedColumn, rows: Int, file: String) {
        let place = "\(file), column \(want.name)"
        if want.renamed == nil {
            #expect(column.name.lowercased() == want.name.lowercased(), "\(place): named \(column.name)")
        } else {
            #expect(!column.name.isEmpty, "\(place): blank name")
        }
        let kind = kind(of: column, rows: rows)
        guard want.kinds.contains(kind) || (want.kinds == ["empty"] && column.missingCount == rows) else {
            Issue.record("\(place): \(kind), expected \(want.kinds.joined(separator: " or "))")
            return
        }
        let values = (0..<rows).map { column.value(at: $0) }
        if let sum = want.sum, let count = want.count, kind == "number" {
            let numbers = values.compactMap(\.number)
            let total = numbers.reduce(0, +)
            let scales = want.unit == "%" ? [1.0, 0.01] : [1.0]
            #expect(numbers.count == count, "\(place): \(numbers.count) numbers, expected \(count)")
            #expect(scales.contains { abs(total - sum * $0) <= 1e-6 * max(1, abs(sum)) },
                    "\(place): sum \(total), expected \(sum)")
        }
        if let min = want.min, let max = want.max {
            let dates = values.filter { !$0.isMissing }.map { String(ValueFormatter.plain($0).prefix(10)) }.sorted()
            #expect(dates.first == min && dates.last == max, "\(place): \(dates.first ?? "-") to \(dates.last ?? "-")")
        }
        if let texts = want.values {
            let seen = Set(values.filter { !$0.isMissing }.map(ValueFormatter.plain)).subtracting([""])
            #expect(seen == Set(texts), "\(place): values \(seen.sorted())")
        }
    }
}
